"""Nothing lost: a build killed at any moment leaves the previous output byte for byte, or
the complete new one; builds started together take turns; a killed build's leftovers are
tidied by the next one."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from cswgen import lock
from cswgen.build import build
from cswgen.errors import SiteError
from cswgen.writer import MANIFEST, STAGING_PREFIX
from tests.conftest import write_site
from tests.test_large_lists import large_site

AS_OF = "2026-10-06"


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def cswgen(site: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "cswgen", *args], cwd=site,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def edit(site: Path, version: int) -> None:
    """A change every page shows (the site's title) and one to a single page."""
    config = site / "config.toml"
    text = config.read_text("utf-8")
    head, _, rest = text.partition("\n")
    config.write_text(f'[site]\ntitle = "Week v{version}"\n' + rest.split("\n", 1)[1]
                      if head == "[site]" else text, "utf-8")
    (site / "content/testimonials/t000.md").write_text(
        f"---\ncustomer: Customer 000\n---\nVersion {version}.\n", "utf-8")


def reference(site: Path, folder: Path) -> dict[str, bytes]:
    """What a complete build of the site as it is now writes."""
    build(site, as_of=date.fromisoformat(AS_OF), output=folder)
    return snapshot(folder)


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.iterdir() if p.name.startswith(STAGING_PREFIX))


@pytest.mark.slow
def test_a_build_killed_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    site = large_site(lambda files: write_site(tmp_path / "site", files), 80, 60)
    rng = random.Random(8)  # the same moments on every run
    started = time.perf_counter()
    first = cswgen(site, "build", "--as-of", AS_OF)
    assert first.wait(120) == 0, first.communicate()[1]
    duration = time.perf_counter() - started
    previous = snapshot(site / "output")
    killed_after_swap = 0
    for version in range(1, 9):
        edit(site, version)
        new = reference(site, tmp_path / f"reference{version}")
        process = cswgen(site, "build", "--as-of", AS_OF)
        time.sleep(rng.uniform(0.2, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait(60)
        now = snapshot(site / "output")
        assert now in (previous, new), f"version {version}: output is neither old nor new"
        killed_after_swap += now == new
        # the next build tidies up and completes
        done = cswgen(site, "build", "--as-of", AS_OF)
        assert done.wait(120) == 0, done.communicate()[1]
        assert snapshot(site / "output") == new
        assert leftovers(site) == []
        previous = new
    print(f"{killed_after_swap} of 8 builds were killed after the swap")


def test_a_build_killed_between_moving_the_old_output_aside_and_the_new_one_in(
        tmp_path: Path) -> None:
    """The narrowest moment: the old output has been moved aside and the new one is not in
    place yet.  The next build puts the old one back before it does anything else."""
    site = write_site(tmp_path / "site", {"content/pages/a.md": "---\ntitle: A\n---\nOld.\n"})
    build(site, as_of=date.fromisoformat(AS_OF))
    previous = snapshot(site / "output")
    (site / "content/pages/a.md").write_text("---\ntitle: A\n---\nNew.\n", "utf-8")
    code = ("import os, signal, sys; from datetime import date; from pathlib import Path\n"
            "from cswgen.build import build\n"
            "real = os.replace\n"
            "def replace(src, dst):\n"
            "    real(src, dst)\n"
            "    if str(dst).endswith('-old'): os.kill(os.getpid(), signal.SIGKILL)\n"
            "os.replace = replace\n"
            f"build(Path({str(site)!r}), as_of=date.fromisoformat({AS_OF!r}))\n")
    killed = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    assert not (site / "output").exists()  # the moment the next build must repair
    recovered = _recover_only(site)
    assert recovered == previous
    build(site, as_of=date.fromisoformat(AS_OF))
    assert b"New." in (site / "output/a/index.html").read_bytes()
    assert leftovers(site) == []


def _recover_only(site: Path) -> dict[str, bytes]:
    from cswgen.writer import Staging

    staging = Staging(site / "output")
    staging.abort()
    return snapshot(site / "output")


def test_builds_started_together_take_turns(tmp_path: Path) -> None:
    site = large_site(lambda files: write_site(tmp_path / "site", files), 30, 30)
    processes = [cswgen(site, "build", "--as-of", AS_OF) for _ in range(3)]
    for process in processes:
        assert process.wait(180) == 0, process.communicate()[1]
    out = site / "output"
    listed = set((out / MANIFEST).read_text("utf-8").split())
    assert listed == set(snapshot(out)) - {MANIFEST}
    assert leftovers(site) == []


def test_a_second_build_that_waited_too_long_says_why(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = write_site(tmp_path / "site", {})
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.3)
    held = lock.BuildLock(site / "output")
    try:
        with pytest.raises(SiteError) as caught:
            build(site, as_of=date.fromisoformat(AS_OF))
    finally:
        held.release()
    message = str(caught.value)
    assert message.startswith("output: another cswgen build (process "
                              f"{os.getpid()}) has been writing this output folder")
    assert "build again" in message
    assert not (site / "output").exists()
    build(site, as_of=date.fromisoformat(AS_OF))  # free again


def test_the_lock_of_a_killed_build_does_not_block(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {})
    code = ("import time; from pathlib import Path; from cswgen.lock import BuildLock\n"
            f"BuildLock(Path({str(site / 'output')!r})); print('held', flush=True)\n"
            "time.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
    holder.kill()
    holder.wait()
    started = time.perf_counter()
    build(site, as_of=date.fromisoformat(AS_OF))
    assert time.perf_counter() - started < lock.WAIT_SECONDS / 2
