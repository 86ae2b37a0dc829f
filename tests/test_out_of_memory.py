"""A build that runs out of memory, or whose worker the system kills, says so plainly.

Each test runs the real `python -m cswgen build` on a small site with a theme of its own
(extending classic), first built as it should be, then broken: the build ends with exit
status 1, no traceback, a message naming the page and template (or the photo, or the
Markdown file) at fault, the previous output as it was and no staging folder left.  Python's
MemoryError comes from a limit on the build's address space (RLIMIT_AS), far above what a
build of these sites takes (about 60 MB here) and far below what the broken input asks for;
a worker killed (as the kernel's out-of-memory killer does) is killed with SIGKILL.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cswgen.core import parallel
from tests.helpers import REPO, SERVE_CONFIG, Outcome, no_traceback, snapshot, write_site

LIMIT = 512 * 2**20  # bytes of address space: a build of these sites takes about 60 MB
CONFIG = SERVE_CONFIG  # (a site with a theme of its own, "mine")
PLAIN = '{% extends "classic:testimonial.html" %}{% block content %}{{ super() }}{% endblock %}'
ON_T001 = ('{% extends "classic:testimonial.html" %}{% block content %}'
           '{% if page.testimonial.customer == "Customer 1" %}BODY{% endif %}'
           '{{ super() }}{% endblock %}')
TEMPLATE = "themes/mine/templates/testimonial.html"
PAGE = "testimonials/t001/index.html"
ENV = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONDONTWRITEBYTECODE": "1"}
BUILD = ["build", "--as-of", "2026-10-06"]

on_every_core = pytest.mark.skipif(parallel.workers() < 2,
                                   reason="pages are rendered by workers on two cores or more")


def site_with(tmp_path: Path, testimonials: int) -> Path:
    files = {"config.toml": CONFIG, "themes/mine/theme.toml": 'extends = "classic"\n',
             TEMPLATE: PLAIN,
             "content/days/monday.md": "---\ntitle: Dream Team Monday\nday: monday\n---\nHi.\n"}
    for i in range(testimonials):
        files[f"content/testimonials/t{i:03d}.md"] = (
            f"---\ncustomer: Customer {i}\n---\nThank you, number {i}.\n")
    return write_site(tmp_path / "site", files)


def limited(limit: int) -> Callable[[], None]:
    def limit_memory() -> None:  # (in the build's process, before it runs)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return limit_memory


def build(site: Path, limit: int = LIMIT) -> Outcome:
    done = subprocess.run([sys.executable, "-m", "cswgen", *BUILD], cwd=site, env=ENV,
                          preexec_fn=limited(limit), capture_output=True, text=True,
                          timeout=60)
    return Outcome(done.returncode, done.stdout, done.stderr)


def failed_as_it_should(site: Path, outcome: Outcome, before: dict[str, bytes]) -> None:
    assert outcome.exit_code == 1, outcome.stderr
    no_traceback(outcome)
    assert snapshot(site / "output") == before  # the previous output, as it was
    assert not list(site.glob(".cswgen-staging-*"))
    assert not list((site / "output").glob(".cswgen-staging-*"))


def built(site: Path, limit: int = LIMIT) -> dict[str, bytes]:
    """The site built as it should be, under the same limit (which leaves it room)."""
    outcome = build(site, limit)
    assert outcome.exit_code == 0, outcome.stderr
    return snapshot(site / "output")


def line_with(outcome: Outcome, start: str, *phrases: str) -> str:
    found = [line for line in outcome.lines
             if line.startswith(start) and all(p in line for p in phrases)]
    assert found, outcome.stderr
    return found[0]


def test_a_template_that_takes_all_the_memory_is_named_at_its_line(tmp_path: Path) -> None:
    """A small site: its pages are rendered in the build's own process."""
    site = site_with(tmp_path, 3)
    before = built(site)
    (site / TEMPLATE).write_text(ON_T001.replace("BODY", '{{ "x" * 10**10 }}'), "utf-8")
    outcome = build(site)
    failed_as_it_should(site, outcome, before)
    said = line_with(outcome, f"{TEMPLATE}:1: the build ran out of memory while rendering "
                              f"{PAGE}", "range()", "make the loop or the repeat smaller")
    assert said.count(":") >= 2


@on_every_core
def test_a_loop_that_takes_all_the_memory_in_a_worker_is_named(tmp_path: Path) -> None:
    """Enough pages that they are rendered by forked workers."""
    site = site_with(tmp_path, parallel.MIN_JOBS + 50)
    before = built(site)
    (site / TEMPLATE).write_text(ON_T001.replace(
        "BODY", '{% for i in range(10**9) %}{{ i ~ "x" * 10000 }}{% endfor %}'), "utf-8")
    outcome = build(site)
    failed_as_it_should(site, outcome, before)
    line_with(outcome, f"{TEMPLATE}:1: the build ran out of memory while rendering {PAGE}")


def children(pid: int) -> list[int]:
    found: list[int] = []
    for listed in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            found += [int(child) for child in listed.read_text().split()]
        except OSError:  # (that thread ended)
            continue
    return found


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # (it ended)
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def oom_adjust(pid: int) -> int:
    return int(Path(f"/proc/{pid}/oom_score_adj").read_text())


def killed_while_busy(site: Path, seconds: float) -> Outcome:
    """A build of `site` whose first child to have taken `seconds` of processor time is
    killed with SIGKILL, as the kernel's out-of-memory killer does."""
    process = subprocess.Popen([sys.executable, "-m", "cswgen", *BUILD], cwd=site, env=ENV,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed: list[int] = []
    try:
        deadline = time.monotonic() + 40
        while process.poll() is None and not killed and time.monotonic() < deadline:
            for child in children(process.pid):
                if cpu_seconds(child) > seconds:
                    # the kernel's out-of-memory killer would end the worker first
                    assert oom_adjust(child) > oom_adjust(process.pid)
                    os.kill(child, signal.SIGKILL)
                    killed.append(child)
                    break
            time.sleep(0.02)
        stdout, stderr = process.communicate(timeout=40)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert killed, stderr
    return Outcome(process.returncode, stdout, stderr)


linux = pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads /proc (Linux)")


@on_every_core
@linux
def test_a_worker_killed_while_it_renders_a_page_is_said_with_the_page(
        tmp_path: Path) -> None:
    """The worker busy with one slow page is killed: the only child of the build to take
    seconds of processor time (the other renders every other page in under half a second;
    the loop takes 8 s here).  Before, its page was rendered again in the build's own
    process, which the same lack of memory would then kill, with no word said."""
    site = site_with(tmp_path, parallel.MIN_JOBS + 50)
    before = built(site)
    (site / TEMPLATE).write_text(ON_T001.replace(
        "BODY", "{% for i in range(4 * 10**8) %}{% endfor %}"), "utf-8")
    outcome = killed_while_busy(site, 2.5)
    failed_as_it_should(site, outcome, before)
    line_with(outcome, f"A worker process rendering {PAGE} (template {TEMPLATE}) was killed "
                       "(signal 9", "runs out of memory", "Close other programs")


@on_every_core
@linux
def test_a_worker_killed_while_it_makes_a_photos_copies_names_the_photo(
        tmp_path: Path) -> None:
    """Two photos of 64 megapixels, made by two workers (about a second each); the other
    children of the build (reading the sources, looking at the output folder) take a
    hundredth of a second, and the pages are rendered by the build itself."""
    from PIL import Image

    site = site_with(tmp_path, 3)
    before = built(site)
    for number, colour in ((1, (200, 100, 50)), (2, (20, 100, 50))):
        Image.new("RGB", (8000, 8000), colour).save(site / f"content/p{number}.png")
        (site / f"content/testimonials/t00{number}.md").write_text(
            f"---\ncustomer: Customer {number}\nphoto: p{number}.png\n---\nThanks.\n", "utf-8")
    outcome = killed_while_busy(site, 0.3)
    failed_as_it_should(site, outcome, before)
    said = line_with(outcome, "content/testimonials/t00", ".md:3: `photo` names p",
                     ".png, which could not be made into copies: a worker process making "
                     "them was killed (signal 9", "save it at most 2560 pixels wide")
    assert said.startswith(("content/testimonials/t001.md:3: `photo` names p1.png",
                            "content/testimonials/t002.md:3: `photo` names p2.png")), said


def test_a_photo_too_large_for_the_memory_there_is_is_named_where_it_is_shown(
        tmp_path: Path) -> None:
    """One photo of 81 megapixels (under Pillow's bomb limit): 243 MB decoded."""
    from PIL import Image

    site = site_with(tmp_path, 3)
    limit = 256 * 2**20
    before = built(site, limit)
    Image.new("RGB", (9000, 9000), (200, 100, 50)).save(site / "content/big.png")
    (site / "content/testimonials/t001.md").write_text(
        "---\ncustomer: Customer 1\nphoto: big.png\n---\nThanks.\n", "utf-8")
    outcome = build(site, limit)
    failed_as_it_should(site, outcome, before)
    line_with(outcome, "content/testimonials/t001.md:3: `photo` names big.png, which is too "
                       "large to make copies of with the memory there is", "pixels wide")


def test_markdown_that_takes_all_the_memory_to_convert_is_named(tmp_path: Path) -> None:
    """Converted in the build's own process.  A list of 250,000 items (1 MB, the most
    cswgen reads) takes Python-Markdown over 100 MB: the limit is what the build has
    taken once it has imported what it uses, and 40 MB more."""
    site = site_with(tmp_path, 3)
    start = (
        "import re, resource, runpy, sys\n"
        "import cswgen.commands.build as b, cswgen.commands.said\n"
        "for name in b.THE_REST: __import__(name)\n"
        "size = int(re.search(r'VmSize:\\s+(\\d+)', open('/proc/self/status').read())[1])\n"
        "resource.setrlimit(resource.RLIMIT_AS, (size * 1024 + 40 * 2**20, "
        "resource.RLIM_INFINITY))\n"
        f"sys.argv = ['cswgen', *{BUILD!r}]\n"
        "runpy.run_module('cswgen', run_name='__main__', alter_sys=True)\n")

    def build_here() -> Outcome:
        done = subprocess.run([sys.executable, "-c", start], cwd=site, env=ENV,
                              capture_output=True, text=True, timeout=60)
        return Outcome(done.returncode, done.stdout, done.stderr)

    first = build_here()
    assert first.exit_code == 0, first.stderr
    before = snapshot(site / "output")
    (site / "content/testimonials/t002.md").write_text(
        "---\ncustomer: Customer 2\n---\n" + "- a\n" * 250_000, "utf-8")
    outcome = build_here()
    failed_as_it_should(site, outcome, before)
    line_with(outcome, "content/testimonials/t002.md:4: the build ran out of memory "
                       "converting the Markdown from this line on", "several pages")
