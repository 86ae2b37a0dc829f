"""Problems found in a user's site, collected and reported together.

Every problem names the file and line it comes from (for an Excel workbook, which has no
lines: the sheet and the row), says what is wrong and how to fix it.  Nothing here knows
about any other part of cswgen: all other modules report through `Problems` and the CLI
turns them into text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the site: where it is and what to do about it."""

    path: str  # relative to the site root, `/`-separated; "": no file is at fault
    line: int  # 1-based; 0 when the problem concerns the whole file (or sheet)
    message: str
    severity: Severity = "error"
    # In a workbook: the sheet's name, and `line` is the row's number as Excel shows it
    sheet: str = ""

    def __str__(self) -> str:
        return _one_line(self._text())

    def _text(self) -> str:
        where = place(self.path, self.line, self.sheet)
        if not where:  # no file at fault (the system ended a worker): a plain sentence
            return self.message
        if self.severity == "warning":
            return f"{where}: warning: {self.message}"
        return f"{where}: {self.message}"


def place(path: str, line: int, sheet: str = "") -> str:
    """Where a problem is, as its message starts: `path:line`, or in a workbook
    `path: sheet "Awards", row 12`."""
    if not sheet:
        return f"{path}:{line}" if line else path
    return f'{path}: sheet "{sheet}"' + (f", row {line}" if line else "")


def _one_line(text: str) -> str:
    """A problem is one line: a line break or other control character in a file name or a
    value it quotes is shown as an escape (`\\n`), as it would be typed."""
    if not any(ord(c) < 32 or ord(c) == 127 for c in text):
        return text
    return "".join(c.encode("unicode_escape").decode("ascii") if ord(c) < 32 or ord(c) == 127
                   else c for c in text)


@dataclass
class Problems:
    """An append-only list of problems, so that one run reports all of them."""

    items: list[Problem] = field(default_factory=list)
    sheet: str = field(default="", kw_only=True)  # see `in_sheet`

    def error(self, path: str, line: int, message: str, *, sheet: str = "") -> None:
        self.items.append(Problem(path, line, message, "error", sheet or self.sheet))

    def warning(self, path: str, line: int, message: str, *, sheet: str = "") -> None:
        self.items.append(Problem(path, line, message, "warning", sheet or self.sheet))

    def in_sheet(self, sheet: str) -> Problems:
        """The same list, for reporting about one sheet of a workbook: each problem
        reported through it names the sheet, and its line is the sheet's row.  (So the
        field checks, written for lines, read right for a workbook's rows.)"""
        return Problems(self.items, sheet=sheet)

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class SiteError(Exception):
    """Raised when a build cannot go on; carries every problem found so far."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self) -> tuple[type[SiteError], tuple[list[Problem]]]:
        return (SiteError, (self.problems,))  # raised in a worker process, re-raised here


def fail(path: str, line: int, message: str, *, sheet: str = "") -> SiteError:
    """A single-problem `SiteError`, for problems that stop everything (a bad output folder);
    `sheet`: a workbook's, whose row `line` is."""
    return SiteError([Problem(path, line, message, sheet=sheet)])
