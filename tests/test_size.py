"""Huge input: the build completes, or stops with a `path:line` message, in bounded memory
(cswgen/core/limits.py has the limits; README "Security" lists them).

Each case runs `cswgen build` in a subprocess, so that its peak memory can be measured.  How
long each takes depends on the machine, so no test asserts it: `python bench/sizes.py`
prints the seconds and the memory of the same builds."""

from __future__ import annotations

import resource
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from cswgen.core import limits
from tests.helpers import Files, write_site

DAY = "---\nday: monday\ntitle: Mon\n---\n"
MEMORY_MB = 400  # the demo builds in about 100 MB


@dataclass
class Built:
    """One `cswgen build` in a process of its own."""

    status: int
    stderr: str
    seconds: float
    peak_mb: int


def cswgen_build(site: Path) -> Built:
    """Exit status, stderr, seconds and peak memory (MB) of `cswgen build` in `site`."""
    # The peak of this process's own memory (VmHWM, in kB).  Not getrusage's ru_maxrss:
    # Linux carries that over from the process it was forked from, so once the test
    # process itself had grown past the limit, every build measured "407 MB".
    code = ("import resource, sys; from cswgen.cli import cli\n"
            "def peak():\n"
            "    try:\n"
            "        for line in open('/proc/self/status'):\n"
            "            if line.startswith('VmHWM:'):\n"
            "                return int(line.split()[1])\n"
            "    except OSError:\n"
            "        pass\n"
            "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
            "try:\n    cli(['build', '--as-of', '2026-10-06'], prog_name='cswgen')\n"
            "finally:\n"
            "    print(peak(), file=sys.stdout)\n")
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], cwd=site, capture_output=True,
                          text=True, timeout=120)
    peak_kb = int(done.stdout.strip().splitlines()[-1])
    return Built(done.returncode, done.stderr, time.perf_counter() - started, peak_kb // 1024)


# --- the huge sites (bench/sizes.py builds them too) ----------------------------------------

def markdown_of_20_mb() -> Files:
    paragraph = "Lorem ipsum dolor sit amet, *consectetur* adipiscing elit.\n\n"
    return {"content/days/mon.md": DAY,
            "content/pages/huge.md": "---\ntitle: Huge\n---\n"
            + paragraph * (20 * 1024 * 1024 // len(paragraph))}


def csv_of_100000_rows() -> Files:
    rows = "".join(f"Person {i},Agent,Great work number {i}\n" for i in range(100_000))
    return {"content/days/mon.md": DAY,
            "content/honour-roll/staff.csv": "name,role,citation\n" + rows}


def csv_of_17_mb() -> Files:
    wide = ",".join(f"c{i}" for i in range(200))
    return {"content/days/mon.md": DAY,
            "content/testimonials/wide.csv": f"customer,{wide}\n" + f"A,{'x' * 2000}\n" * 9000}


def pages_10000() -> Files:
    files: Files = {"content/days/mon.md": DAY}
    for i in range(10_000):
        files[f"content/pages/p{i:05d}.md"] = f"---\ntitle: Page {i}\n---\nText {i}.\n"
    return files


def attachments_10000() -> Files:
    files: Files = {"content/days/mon.md": DAY}
    for i in range(10_000):
        files[f"content/downloads/f{i:05d}.txt"] = f"file {i}"
    return files


def nested(body: str) -> Files:
    return {"content/days/mon.md": DAY, "content/pages/deep.md": "---\ntitle: D\n---\n" + body}


NESTINGS = [
    ("> " * 10_000 + "deep\n", 4),
    ("".join("  " * i + "- item\n" for i in range(500)), 4 + 64),
    ("".join("    " * i + "1. item\n" for i in range(100)), 4 + 33),
    ("Intro.\n\n" + "".join(">" * i + " quote\n" for i in range(1, 100)), 6 + 32),
]

HUGE: dict[str, Callable[[], Files]] = {
    "a 20 MB Markdown file": markdown_of_20_mb,
    "a 100,000-row CSV file": csv_of_100000_rows,
    "a 17 MB CSV file": csv_of_17_mb,
    "10,000 pages in one folder": pages_10000,
    "10,000 attachments in one folder": attachments_10000,
    "quotes nested 10,000 deep": lambda: nested(NESTINGS[0][0]),
    "lists nested 500 deep": lambda: nested(NESTINGS[1][0]),
}


# --- the tests ------------------------------------------------------------------------------

def test_a_20_mb_markdown_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    built = cswgen_build(write_site(tmp_path / "site", markdown_of_20_mb()))
    assert built.status == 1
    assert built.stderr.startswith(
        "content/pages/huge.md: is 20.0 MB, more than cswgen reads in one Markdown file "
        "(1 MB); split it into several pages")
    assert built.peak_mb < MEMORY_MB


def test_a_100000_row_csv_stops_at_the_row_limit(tmp_path: Path) -> None:
    built = cswgen_build(write_site(tmp_path / "site", csv_of_100000_rows()))
    assert built.status == 1
    assert built.stderr.startswith(
        f"content/honour-roll/staff.csv:{limits.MAX_CSV_ROWS + 2}: this CSV file has more "
        f"than {limits.MAX_CSV_ROWS:,} rows")
    assert built.peak_mb < MEMORY_MB


def test_a_csv_file_larger_than_the_limit_is_refused(tmp_path: Path) -> None:
    built = cswgen_build(write_site(tmp_path / "site", csv_of_17_mb()))
    assert built.status == 1
    assert built.stderr.startswith(
        "content/testimonials/wide.csv: is 17.2 MB, more than cswgen reads in one CSV file "
        "(16 MB); split it into several CSV files")


@pytest.mark.slow
def test_10000_files_in_one_folder_build(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", pages_10000())
    built = cswgen_build(site)
    assert built.status == 0, built.stderr
    assert (site / "output/p09999/index.html").is_file()
    assert built.peak_mb < MEMORY_MB, built.peak_mb


def test_10000_attachments_in_one_folder_are_copied(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", attachments_10000())
    built = cswgen_build(site)
    assert built.status == 0, built.stderr
    assert len(list((site / "output/downloads").iterdir())) == 10_000
    assert built.peak_mb < MEMORY_MB


@pytest.mark.parametrize(("body", "line"), NESTINGS)
def test_lists_and_quotes_nested_too_deeply_are_refused(tmp_path: Path, body: str,
                                                         line: int) -> None:
    built = cswgen_build(write_site(tmp_path / "site", nested(body)))
    assert built.status == 1
    assert built.stderr.startswith(f"content/pages/deep.md:{line}: lists or quotes are nested ")
    assert "cswgen reads at most 32 levels" in built.stderr
    assert built.peak_mb < MEMORY_MB


def test_nesting_up_to_the_limit_builds(tmp_path: Path) -> None:
    body = "".join("    " * i + "- item\n" for i in range(limits.MAX_NESTING))
    body += "\n" + ">" * limits.MAX_NESTING + " quote\n"
    built = cswgen_build(write_site(tmp_path / "site", nested(body)))
    assert built.status == 0, built.stderr
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss > 0
