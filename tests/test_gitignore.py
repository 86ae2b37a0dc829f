"""What cswgen writes beside a site's sources is ignored by git: the README's first
command, in a clone, leaves `git status` clean, and so does a site from `cswgen new`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from cswgen.commands.new import GITIGNORE
from tests.helpers import REPO, Run

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(site: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid",
                           *args], cwd=site, capture_output=True, text=True, check=True).stdout


def committed(site: Path) -> None:
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "the site")


def test_building_the_demo_in_a_clone_leaves_nothing_untracked(tmp_path: Path, run: Run) -> None:
    site = tmp_path / "clone"
    shutil.copytree(REPO / "content", site / "content")
    for name in ("config.toml", ".gitignore"):
        shutil.copy(REPO / name, site / name)
    committed(site)
    assert run(site, "build", "--as-of", "2026-10-06").exit_code == 0
    assert (site / ".cswgen-lock").exists()
    assert git(site, "status", "--porcelain", "--untracked-files=all") == ""


def test_a_new_site_ignores_what_cswgen_writes(tmp_path: Path, run: Run) -> None:
    assert run(tmp_path, "new", "mysite").exit_code == 0
    site = tmp_path / "mysite"
    committed(site)
    assert run(site, "build").exit_code == 0
    assert git(site, "status", "--porcelain", "--untracked-files=all") == ""


def test_the_repository_ignores_all_that_a_new_site_does() -> None:
    ours = (REPO / ".gitignore").read_text("utf-8").splitlines()
    assert [line for line in GITIGNORE.splitlines() if line not in ours] == []
