"""Fixtures: the repository's demo campaign, and throwaway sites written from short strings.

Following Lektor's ladder: `make_site` writes a site from a dict of path -> text, and
`run` invokes the real command line in that folder, returning what a user would see.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from cswgen.cli import cli

REPO = Path(__file__).resolve().parent.parent

MINIMAL_CONFIG = """\
[site]
title = "Test Week"
organisation = "Test Org"

[week]
year = 2026
timezone = "Africa/Harare"
"""


@dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


def write_site(folder: Path, files: dict[str, str | bytes]) -> Path:
    files = dict(files)
    files.setdefault("config.toml", MINIMAL_CONFIG)
    for relative, data in files.items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(textwrap.dedent(data), "utf-8", newline="")
    (folder / "content").mkdir(exist_ok=True)
    return folder


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    counter = iter(range(1000))

    def make(files: dict[str, str | bytes] | None = None) -> Path:
        return write_site(tmp_path / f"site{next(counter)}", files or {})

    return make


@pytest.fixture
def run() -> Callable[..., Outcome]:
    def invoke(site: Path, *args: str) -> Outcome:
        runner = CliRunner()
        old = Path.cwd()
        os.chdir(site)
        try:
            result = runner.invoke(cli, list(args), catch_exceptions=False)
        finally:
            os.chdir(old)
        return Outcome(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The repository's demo campaign built once, as during the week (Tuesday)."""
    from cswgen.commands.build import build

    out = tmp_path_factory.mktemp("demo") / "output"
    build(REPO, as_of=__import__("datetime").date(2026, 10, 6), output=out,
          cache_dir=out.parent / "cache")
    yield out
