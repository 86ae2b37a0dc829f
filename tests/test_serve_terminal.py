"""What `cswgen serve` says in its terminal as a person edits all day: the real server at a
terminal of its own (a pseudo-terminal, its foreground job), files saved as an editor saves
them, and what the terminal shows read back, a rebuild at a time.

The whole list of warnings once, then after each rebuild only what changed: new warnings
in full, fixed ones named on the rebuild's line, and how many remain; Enter lists them all
again.  Errors are printed in full at every failed build.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cswgen.core.errors import Problem
from tests.helpers import DEADLINE, SERVE_CONFIG, SERVE_SITE, TESTIMONIAL, free_port, write_site

# a testimonial naming someone not on the honour roll: a warning on its `staff` line
PRAISED = """\
---
customer: {customer}
rating: 5
staff: [{staff}]
---
Sorted out my bond transfer in one phone call.
"""
UNKNOWN = '"{staff}" in `staff` matches no one on the honour roll'
CONFLICT = "content/pages/about (conflicted copy).md: warning: is the copy OneDrive"


def _at_a_terminal() -> None:
    """(`preexec_fn`, after `start_new_session`'s setsid.)  The pseudo-terminal on standard
    input becomes the server's own terminal, with the server its foreground job, as when a
    person types `cswgen serve`; Ctrl-C as a terminal's foreground command has it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


# a shell's stand-in that starts `cswgen serve` as a background job of its terminal (as
# `cswgen serve &` does), and passes Ctrl-C on to it
IN_THE_BACKGROUND = """\
import signal, subprocess, sys
job = subprocess.Popen(sys.argv[1:], process_group=0)
signal.signal(signal.SIGINT, lambda *_: job.send_signal(signal.SIGINT))
sys.exit(job.wait())
"""


class Terminal:
    """`cswgen serve` at a terminal: what it shows, and keys typed there."""

    def __init__(self, site: Path, *, background: bool = False) -> None:
        self.site = site
        self.main, terminal = os.openpty()
        command = [sys.executable, "-m", "cswgen", "serve", "--port", str(free_port())]
        if background:
            command = [sys.executable, "-c", IN_THE_BACKGROUND, *command]
        self.process = subprocess.Popen(
            command, cwd=site, stdin=terminal, stdout=terminal, stderr=terminal,
            start_new_session=True, preexec_fn=_at_a_terminal)
        os.close(terminal)
        self.shown = b""
        self.seen = 0  # where the output not yet looked at starts
        self.lock = threading.Lock()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        with contextlib.suppress(OSError):  # (EIO once the server is gone)
            while chunk := os.read(self.main, 4096):
                with self.lock:
                    self.shown += chunk

    def text(self) -> str:
        with self.lock:
            return self.shown.decode("utf-8", "replace").replace("\r\n", "\n")

    def until(self, *starts: str) -> list[str]:
        """The lines shown since the last call, up to and including the first that starts
        with one of `starts` (a build's line); fails after DEADLINE seconds."""
        end = time.monotonic() + DEADLINE
        while time.monotonic() < end:
            assert self.process.poll() is None, f"the server died: {self.text()}"
            text = self.text()
            lines = text[self.seen:].split("\n")
            for number, line in enumerate(lines[:-1]):  # (whole lines only)
                if line.startswith(starts):
                    self.seen += sum(len(shown) + 1 for shown in lines[:number + 1])
                    return lines[:number + 1]
            time.sleep(0.02)
        pytest.fail(f"no line starting {starts} in: {self.text()[self.seen:]!r}")

    def rebuilt(self) -> list[str]:
        return self.until("Built in ", "Rebuilt in ", "Rebuild failed in ")

    def save(self, relative: str, text: str) -> list[str]:
        """Save a file as an editor does (written beside, then renamed over it), and the
        lines the rebuild that follows shows."""
        path = self.site / relative
        beside = self.site.parent / "saving.tmp"
        beside.write_text(text, "utf-8")
        os.replace(beside, path)
        return self.rebuilt()

    def delete(self, relative: str) -> list[str]:
        (self.site / relative).unlink()
        return self.rebuilt()

    def press_enter(self) -> None:
        os.write(self.main, b"\n")

    def stop(self) -> str:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        try:
            self.process.wait(DEADLINE)
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait()
            self.reader.join(DEADLINE)
            os.close(self.main)
        return self.text()


@pytest.fixture
def terminal() -> Iterator[list[Terminal]]:
    started: list[Terminal] = []
    yield started
    for one in started:
        if one.process.poll() is None:
            one.stop()


def warned(site: Path, terminal: list[Terminal], *,
           background: bool = False) -> tuple[Terminal, list[str]]:
    """`cswgen serve` in `site`, and what it showed up to its first build's line."""
    started = Terminal(site, background=background)
    terminal.append(started)
    return started, started.until("Built in ", "Rebuild failed in ")


def a_site(folder: Path) -> Path:
    """A site with two warnings: Rudo praises "Nobody", and a sync tool's conflict copy."""
    return write_site(folder, {
        **SERVE_SITE, "config.toml": SERVE_CONFIG,
        "content/testimonials/rudo-m.md": PRAISED.format(customer="Rudo M.", staff="Nobody"),
        "content/pages/about (conflicted copy).md": "---\ntitle: About\n---\nAbout us.\n"})


def warnings_in(lines: list[str]) -> list[str]:
    return [line for line in lines if ": warning: " in line]


def test_a_new_warning_is_printed_once_and_not_the_old_ones(
        tmp_path: Path, terminal: list[Terminal]) -> None:
    server, first = warned(a_site(tmp_path / "site"), terminal)
    assert warnings_in(first) == [  # on start, the whole list, as `cswgen build` prints it
        CONFLICT + first[1].partition(CONFLICT)[2],
        "content/testimonials/rudo-m.md:4: warning: " + UNKNOWN.format(staff="Nobody")
        + "; add them to content/honour-roll/ or check the spelling"]
    shown = server.save("content/testimonials/chipo-k.md",
                        PRAISED.format(customer="Chipo K.", staff="Somebody"))
    assert warnings_in(shown) == [
        "content/testimonials/chipo-k.md:4: warning: " + UNKNOWN.format(staff="Somebody")
        + "; add them to content/honour-roll/ or check the spelling"]
    assert first[-1].startswith("Built in ") and shown[-1].startswith("Rebuilt in ")
    assert first[-1].endswith(" changed; 2 warnings (above)"), first
    assert shown[-1].endswith(" changed; 1 new warning (above), 3 in all"), shown
    output = server.stop()
    assert output.count(UNKNOWN.format(staff="Somebody")) == 1
    assert output.count(UNKNOWN.format(staff="Nobody")) == 1 and output.count(CONFLICT) == 1


def test_a_fixed_warning_is_said_fixed_and_those_left_counted(
        tmp_path: Path, terminal: list[Terminal]) -> None:
    server, _ = warned(a_site(tmp_path / "site"), terminal)
    shown = server.save("content/testimonials/rudo-m.md", TESTIMONIAL)  # no one praised
    assert warnings_in(shown) == [] and shown[-1].endswith(
        " changed; 1 warning fixed (content/testimonials/rudo-m.md:4), 1 remains"), shown
    shown = server.delete("content/pages/about (conflicted copy).md")
    assert warnings_in(shown) == [] and shown[-1].endswith(
        "; 1 warning fixed (content/pages/about (conflicted copy).md), no warnings left"), shown
    shown = server.save("content/pages/about.md", "---\ntitle: About\n---\nAbout us, now.\n")
    assert shown == [shown[-1]] and shown[-1].endswith(" 1 file changed"), shown
    assert server.stop().count(CONFLICT) == 1


def test_a_rebuild_with_the_same_warnings_prints_none(
        tmp_path: Path, terminal: list[Terminal]) -> None:
    server, _ = warned(a_site(tmp_path / "site"), terminal)
    # a line written above a warning moves it, and it is the same warning
    moved = PRAISED.format(customer="Rudo M.", staff="Nobody").replace(
        "rating: 5\n", "rating: 5\nlocation: Harare\n")
    shown = server.save("content/testimonials/rudo-m.md", moved)
    assert shown == [shown[-1]] and shown[-1].endswith("; 2 warnings remain"), shown
    shown = server.save("content/pages/about.md", "---\ntitle: About\n---\nAbout us, now.\n")
    assert shown == [shown[-1]] and shown[-1].endswith(" 1 file changed; 2 warnings remain")
    output = server.stop()
    assert output.count(UNKNOWN.format(staff="Nobody")) == 1 and output.count(CONFLICT) == 1


def test_errors_are_printed_at_every_failed_build_and_warnings_once(
        tmp_path: Path, terminal: list[Terminal]) -> None:
    server, _ = warned(a_site(tmp_path / "site"), terminal)
    broken = PRAISED.format(customer="Rudo M.", staff="Nobody").replace("rating: 5",
                                                                         "rating: 9")
    error = "content/testimonials/rudo-m.md:3: `rating` must be a whole number from 1 to 5"
    shown = server.save("content/testimonials/rudo-m.md", broken)
    assert [line for line in shown[:-1] if line] == [shown[0]] and shown[0].startswith(error)
    assert shown[-1].startswith("Rebuild failed in ")
    shown = server.save("content/pages/about.md", "---\ntitle: About\n---\nAbout us, now.\n")
    assert [line for line in shown[:-1] if line] == [shown[0]] and shown[0].startswith(error)
    shown = server.save("content/testimonials/chipo-k.md",  # new, found by a failed build
                        PRAISED.format(customer="Chipo K.", staff="Somebody"))
    assert shown[0].startswith(error) and warnings_in(shown) == [
        "content/testimonials/chipo-k.md:4: warning: " + UNKNOWN.format(staff="Somebody")
        + "; add them to content/honour-roll/ or check the spelling"]
    shown = server.save("content/testimonials/rudo-m.md",
                        PRAISED.format(customer="Rudo M.", staff="Nobody"))
    assert shown == [shown[-1]] and shown[-1].endswith(" changed; 3 warnings remain"), shown
    output = server.stop()
    assert output.count(UNKNOWN.format(staff="Somebody")) == 1
    assert output.count(UNKNOWN.format(staff="Nobody")) == 1 and output.count(CONFLICT) == 1


def test_the_first_build_that_works_lists_every_warning(
        tmp_path: Path, terminal: list[Terminal]) -> None:
    """A server started on a broken site: its failed build stops early, having found some
    warnings; the first build that works lists them all, those said already included."""
    site = a_site(tmp_path / "site")
    broken = PRAISED.format(customer="Rudo M.", staff="Nobody").replace("rating: 5",
                                                                         "rating: 9")
    (site / "content/testimonials/rudo-m.md").write_text(broken, "utf-8")
    server, first = warned(site, terminal)
    assert first[-1].startswith("Rebuild failed in ")
    shown = server.save("content/testimonials/rudo-m.md",
                        PRAISED.format(customer="Rudo M.", staff="Nobody"))
    assert warnings_in(shown) == warnings_in(first) and len(warnings_in(shown)) == 2
    assert shown[-1].startswith("Built in ") and shown[-1].endswith("; 2 warnings (above)")


def test_enter_lists_every_warning_again(tmp_path: Path, terminal: list[Terminal]) -> None:
    server, first = warned(a_site(tmp_path / "site"), terminal)
    assert first[0].startswith("Serving the preview at http://127.0.0.1:")
    assert first[0].endswith(" (Enter to list the warnings again, Ctrl-C to stop)")
    server.save("content/testimonials/rudo-m.md", TESTIMONIAL)
    server.press_enter()
    listed = server.until("1 warning in the last build", "2 warnings in the last build")
    assert warnings_in(listed) == [line for line in first if line.startswith(CONFLICT)]
    assert listed[-1] == "1 warning in the last build"
    server.save("content/testimonials/rudo-m.md",
                PRAISED.format(customer="Rudo M.", staff="Nobody").replace("rating: 5",
                                                                           "rating: 9"))
    server.press_enter()  # after a failed build: everything the browser shows
    listed = server.until("1 error and ")
    assert [line.partition(": ")[0] for line in listed if line] == [
        "content/testimonials/rudo-m.md:3", "content/pages/about (conflicted copy).md",
        "content/testimonials/rudo-m.md:4", "1 error and 2 warnings in the last build, which "
        "failed"]
    assert server.stop().count(CONFLICT) == 3


def test_warnings_are_matched_as_they_are_then_wherever_they_moved() -> None:
    from cswgen.commands.console import compare  # (here: the other tests run without it)

    def alt(line: int) -> Problem:
        return Problem("content/index.md", line, "the picture has no alt text", "warning")

    other = Problem("config.toml", 3, "a warning about the config", "warning")
    # of two alike, the one whose line is gone is the one fixed
    assert compare([alt(3), alt(7), other], [alt(7), other]) == ([], [alt(3)])
    # lines written above both: they moved, neither is new nor fixed
    assert compare([alt(3), alt(7)], [alt(5), alt(9)]) == ([], [])
    # a third alike: one new, in the place it is at
    assert compare([alt(3), alt(7)], [alt(3), alt(5), alt(7)]) == ([alt(5)], [])
    assert compare([alt(3)], [Problem("content/other.md", 3, "the picture has no alt text",
                                      "warning")]) == (
        [Problem("content/other.md", 3, "the picture has no alt text", "warning")], [alt(3)])


def test_in_the_background_of_its_terminal_it_leaves_the_keys_alone(
        tmp_path: Path, terminal: list[Terminal]) -> None:
    """Started with `&`: a job that reads its terminal from the background is stopped by
    the system, so serve does not look for Enter there; it goes on rebuilding."""
    server, first = warned(a_site(tmp_path / "site"), terminal, background=True)
    assert first[0].endswith(" (Enter to list the warnings again, Ctrl-C to stop)")
    server.press_enter()
    time.sleep(0.5)  # (ten looks for keys, had it looked)
    shown = server.save("content/testimonials/rudo-m.md", TESTIMONIAL)
    assert shown[-1].endswith("; 1 warning fixed (content/testimonials/rudo-m.md:4), 1 remains")
    output = server.stop()
    assert "in the last build" not in output and output.rstrip().endswith("Stopped.")
