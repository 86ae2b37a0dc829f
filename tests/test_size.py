"""Huge input: the build completes, or stops with a `path:line` message, in bounded time and
memory (cswgen/limits.py has the limits; README "Security" lists them).

Each case runs `cswgen build` in a subprocess, so that its peak memory can be measured."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cswgen.core import limits
from tests.conftest import write_site

DAY = "---\nday: monday\ntitle: Mon\n---\n"
MEMORY_MB = 400  # the demo builds in about 100 MB


def cswgen_build(site: Path) -> tuple[int, str, float, int]:
    """Exit status, stderr, seconds and peak memory (MB) of `cswgen build` in `site`."""
    code = ("import resource, sys; from cswgen.cli import cli\n"
            "try:\n    cli(['build', '--as-of', '2026-10-06'], prog_name='cswgen')\n"
            "finally:\n"
            "    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stdout)\n")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], cwd=site, capture_output=True,
                          text=True, timeout=120)
    peak_kb = int(done.stdout.strip().splitlines()[-1])
    return done.returncode, done.stderr, time.perf_counter() - started, peak_kb // 1024


def test_a_20_mb_markdown_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    paragraph = "Lorem ipsum dolor sit amet, *consectetur* adipiscing elit.\n\n"
    site = write_site(tmp_path / "site", {
        "content/days/mon.md": DAY,
        "content/pages/huge.md": "---\ntitle: Huge\n---\n" + paragraph * (20 * 1024 * 1024
                                                                          // len(paragraph))})
    status, stderr, seconds, peak = cswgen_build(site)
    assert status == 1
    assert stderr.startswith("content/pages/huge.md: is 20.0 MB, more than cswgen reads in "
                             "one Markdown file (1 MB); split it into several pages")
    assert seconds < 20 and peak < MEMORY_MB


def test_a_100000_row_csv_stops_at_the_row_limit(tmp_path: Path) -> None:
    rows = "".join(f"Person {i},Agent,Great work number {i}\n" for i in range(100_000))
    site = write_site(tmp_path / "site", {"content/days/mon.md": DAY,
                                          "content/honour-roll/staff.csv": "name,role,citation\n"
                                          + rows})
    status, stderr, seconds, peak = cswgen_build(site)
    assert status == 1
    assert stderr.startswith(f"content/honour-roll/staff.csv:{limits.MAX_CSV_ROWS + 2}: this "
                             f"CSV file has more than {limits.MAX_CSV_ROWS:,} rows")
    assert seconds < 30 and peak < MEMORY_MB


def test_a_csv_file_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    wide = ",".join(f"c{i}" for i in range(200))
    site = write_site(tmp_path / "site", {
        "content/days/mon.md": DAY,
        "content/testimonials/wide.csv": f"customer,{wide}\n" + f"A,{'x' * 2000}\n" * 9000})
    status, stderr, _seconds, _peak = cswgen_build(site)
    assert status == 1
    assert stderr.startswith("content/testimonials/wide.csv: is 17.2 MB, more than cswgen reads "
                             "in one CSV file (16 MB); split it into several CSV files")


@pytest.mark.slow
def test_10000_files_in_one_folder_build(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"content/days/mon.md": DAY}
    for i in range(10_000):
        files[f"content/pages/p{i:05d}.md"] = f"---\ntitle: Page {i}\n---\nText {i}.\n"
    site = write_site(tmp_path / "site", files)
    status, stderr, seconds, peak = cswgen_build(site)
    assert status == 0, stderr
    assert (site / "output/p09999/index.html").is_file()
    assert seconds < 60 and peak < MEMORY_MB, (seconds, peak)


def test_10000_attachments_in_one_folder_are_copied(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {"content/days/mon.md": DAY}
    for i in range(10_000):
        files[f"content/downloads/f{i:05d}.txt"] = f"file {i}"
    site = write_site(tmp_path / "site", files)
    status, stderr, seconds, peak = cswgen_build(site)
    assert status == 0, stderr
    assert len(list((site / "output/downloads").iterdir())) == 10_000
    assert seconds < 30 and peak < MEMORY_MB


@pytest.mark.parametrize(("body", "line"), [
    ("> " * 10_000 + "deep\n", 4),
    ("".join("  " * i + "- item\n" for i in range(500)), 4 + 64),
    ("".join("    " * i + "1. item\n" for i in range(100)), 4 + 33),
    ("Intro.\n\n" + "".join(">" * i + " quote\n" for i in range(1, 100)), 6 + 32),
])
def test_lists_and_quotes_nested_too_deeply_are_refused(tmp_path: Path, body: str,
                                                         line: int) -> None:
    site = write_site(tmp_path / "site", {"content/days/mon.md": DAY,
                                          "content/pages/deep.md": "---\ntitle: D\n---\n" + body})
    status, stderr, seconds, peak = cswgen_build(site)
    assert status == 1
    assert stderr.startswith(f"content/pages/deep.md:{line}: lists or quotes are nested ")
    assert "cswgen reads at most 32 levels" in stderr
    assert seconds < 20 and peak < MEMORY_MB


def test_nesting_up_to_the_limit_builds(tmp_path: Path) -> None:
    body = "".join("    " * i + "- item\n" for i in range(limits.MAX_NESTING))
    body += "\n" + ">" * limits.MAX_NESTING + " quote\n"
    site = write_site(tmp_path / "site", {"content/days/mon.md": DAY,
                                          "content/pages/deep.md": "---\ntitle: D\n---\n" + body})
    status, stderr, _seconds, _peak = cswgen_build(site)
    assert status == 0, stderr
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0
