"""What `cswgen serve` says of warnings in its terminal, and the key it listens for there.

A person keeps the server open all day beside their editor, and saves every few minutes: a
list of twelve warnings printed again whenever one of them changed buries the one that is
new.  So, as the best watch modes do, the whole list is printed once, after the first build
that works, and again whenever the person presses Enter; after that, each rebuild prints in
full only the warnings that are new, and its one line says how many went away (and where
they were) and how many remain, so that none seems to have vanished.  A warning that only
moved (a line written above it) is the same warning: neither new nor fixed.  Errors are
another matter: every failed build prints them all, as the browser shows them.  A failed
build stops early, so the warnings it found are not all of them: it prints those that are
new, and takes none for fixed.
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
from collections import Counter
from dataclasses import dataclass, field
from typing import TextIO, TypeVar

from cswgen.core.errors import Problem, place

Key = TypeVar("Key")
NAMED = 3  # the places of fixed warnings named on a build's line; beyond, "and N more"


@dataclass
class Change:
    """How a build's warnings differ from those the person was told of."""

    new: list[Problem]
    fixed: list[Problem]
    count: int  # the warnings there are now
    first: bool = False  # the first the person hears of them: the whole list

    def line(self) -> str:
        """What the line that ends a build adds about its warnings ("" when there were
        none and are none), like "; 1 new warning (above), 1 fixed (content/a.md:3), 12 in
        all"."""
        new, fixed, count = len(self.new), len(self.fixed), self.count
        if self.first:
            return f"; {_warnings(count)} (above)" if count else ""
        parts = []
        if new:
            parts.append(f"{new} new {_noun(new)} (above)")
        if fixed:
            shown = list(dict.fromkeys(place(p.path, p.line, p.sheet) for p in self.fixed))
            more = f" and {len(shown) - NAMED} more" if len(shown) > NAMED else ""
            parts.append(f"{fixed}{'' if new else ' ' + _noun(fixed)} fixed "
                         f"({', '.join(shown[:NAMED])}{more})")
        remain = "remains" if count == 1 else "remain"
        if not parts:
            return f"; {_warnings(count)} {remain}" if count else ""
        parts.append(f"{count} in all" if new else f"{count} {remain}" if count
                     else "no warnings left")
        return "; " + ", ".join(parts)


@dataclass
class Told:
    """The warnings the person at the terminal has been told of."""

    warnings: list[Problem] = field(default_factory=list)
    whole: bool = False  # a build that worked has told them (the first tells them all)

    def built(self, warnings: list[Problem]) -> Change:
        """After a build that worked: what changed, and `warnings` are now those told."""
        if not self.whole:  # the first list that is whole: all of it (a failed build may
            # have printed some of it, and stopped before the others)
            change = Change(list(warnings), [], len(warnings), first=True)
        else:
            change = Change(*compare(self.warnings, warnings), len(warnings))
        self.warnings, self.whole = list(warnings), True
        return change

    def failed(self, problems: tuple[Problem, ...]) -> list[Problem]:
        """After a failed build, what to print: all its errors, every time, as the browser
        shows them; then the warnings it found that are new (now told)."""
        errors = [p for p in problems if p.severity == "error"]
        new, _ = compare(self.warnings, [p for p in problems if p.severity == "warning"])
        self.warnings += new
        return errors + new


def compare(before: list[Problem], after: list[Problem]) -> tuple[list[Problem], list[Problem]]:
    """The warnings of `after` not in `before` (new), and those of `before` not in `after`
    (fixed).  Each is matched first as it is, then by all but its line: a warning that
    moved is found again, and of two alike in one file, one going leaves the other."""
    left = Counter(before)
    moved = [p for p in after if not _take(left, p)]
    gone = list(left.elements())
    alike = Counter(_unplaced(p) for p in gone)
    new = [p for p in moved if not _take(alike, _unplaced(p))]
    fixed = [p for p in gone if _take(alike, _unplaced(p))]
    return new, fixed


def _take(counter: Counter[Key], key: Key) -> bool:
    if counter[key] <= 0:
        return False
    counter[key] -= 1
    return True


def _unplaced(problem: Problem) -> tuple[str, str, str, str]:
    return problem.path, problem.sheet, problem.severity, problem.message


def _noun(count: int) -> str:
    return "warning" if count == 1 else "warnings"


def _warnings(count: int) -> str:
    return f"{count} {_noun(count)}"


def listed(problems: list[Problem] | tuple[Problem, ...], failed: bool) -> str:
    """The line after the whole list, printed when Enter is pressed."""
    warnings = sum(1 for p in problems if p.severity == "warning")
    if failed:
        errors = len(problems) - warnings
        return (f"{errors} error{'s' if errors != 1 else ''} and {_warnings(warnings)} in the "
                "last build, which failed: the browser shows them until they are fixed")
    return f"{_warnings(warnings) if warnings else 'No warnings'} in the last build"


class Enter:
    """Enter pressed in the terminal the server runs in, looked for at every poll (never
    waited for): the whole list is printed again.  Only at a terminal, and only while the
    server is its foreground job: a job that reads its terminal from the background is
    stopped by the system (`cswgen serve &` would stop at the first look), and keys typed
    then are the shell's.  The terminal is left as it is (reading a whole line, echoing
    it), so Ctrl-C and everything typed behave as usual."""

    def __init__(self, stream: TextIO | None) -> None:
        self.fd: int | None = None
        with contextlib.suppress(AttributeError, OSError, ValueError):
            if stream is not None and stream.isatty():
                self.fd = stream.fileno()

    @property
    def keys(self) -> str:
        """The keys the server listens for, as the line that gives its address says them."""
        return "Enter to list the warnings again, Ctrl-C to stop" if self.fd is not None \
            else "Ctrl-C to stop"

    def pressed(self) -> bool:
        """Whether Enter was pressed since the last look (what was typed is dropped)."""
        if self.fd is None:
            return False
        try:
            return self._windows() if sys.platform == "win32" else self._posix(self.fd)
        except OSError:  # the terminal has gone: no more looking
            self.fd = None
            return False

    def _posix(self, fd: int) -> bool:
        try:
            if os.tcgetpgrp(fd) != os.getpgrp():
                return False  # in the background (Ctrl-Z then bg, or started with &)
        except OSError:
            pass  # not the server's own terminal: reading it stops nothing
        if not select.select([fd], [], [], 0)[0]:
            return False
        typed = os.read(fd, 4096)  # (b"" after Ctrl-D: nothing)
        return b"\n" in typed or b"\r" in typed

    def _windows(self) -> bool:
        if sys.platform != "win32":
            return False
        import msvcrt  # (the console's own keys: no line is waited for)

        pressed = False
        while msvcrt.kbhit():
            pressed = msvcrt.getwch() in "\r\n" or pressed
        return pressed
