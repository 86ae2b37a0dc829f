"""Typed reading of one entry's fields (front matter or a CSV row), problem by problem.

A `Fields` wraps the raw mapping and the line of every key; each accessor returns a clean
value or records a `path:line` problem that says how to fix it and returns a safe default.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from cswgen.config import shown
from cswgen.errors import Problems

_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")


@dataclass(frozen=True)
class Image:
    """A picture content refers to: its path under content/ and its text alternative."""

    path: str  # `/`-separated, relative to content/
    alt: str


class Fields:
    def __init__(self, data: dict[str, Any], lines: dict[str, int], path: str,
                 problems: Problems, *, row: bool = False) -> None:
        self.data = data
        self.lines = lines
        self.path = path
        self.problems = problems
        self.row = row  # a CSV row: every key is on the row's line, cells are text

    def line(self, key: str) -> int:
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return self.lines.get("", 1)

    def error(self, key: str, message: str) -> None:
        self.problems.error(self.path, self.line(key), message)

    def warning(self, key: str, message: str) -> None:
        self.problems.warning(self.path, self.line(key), message)

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None and self.data[key] != ""

    def check_keys(self, known: tuple[str, ...], kind: str) -> None:
        """Warn about a key that is probably a misspelling of a known one (`ratng`)."""
        for key in self.data:
            if key in known:
                continue
            match = difflib.get_close_matches(str(key).lower(), known, n=1, cutoff=0.75)
            if match:
                self.warning(str(key), f"`{key}` is not a field of {kind}; did you mean "
                             f"`{match[0]}`? (it is kept for templates as it is)")

    def text(self, key: str, *, required: bool = False, what: str = "") -> str:
        value = self.data.get(key)
        if value is None or value == "":
            if required:
                self.missing(key, what)
            return ""
        if isinstance(value, (bool, list, dict)):
            self.error(key, f"`{key}` must be text, not {_describe(value)}; "
                       f"write it like {key}: \"...\"")
            return ""
        if isinstance(value, (datetime, date, time)):
            return value.isoformat()
        return str(value).strip()

    def missing(self, key: str, what: str = "") -> None:
        where = "column" if self.row else "field"
        example = f"add a `{key}` {where}" + (f" ({what})" if what else "")
        self.problems.error(self.path, self.lines.get("", 1),
                            f"`{key}` is required but missing; {example}")

    def boolean(self, key: str) -> bool:
        value = self.data.get(key)
        if value is None or value == "":
            return False
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "yes", "false", "no"):
            return value.strip().lower() in ("true", "yes")
        self.error(key, f"`{key}` must be true or false, not {_describe(value)}")
        return False

    def integer(self, key: str, low: int, high: int, what: str) -> int | None:
        value = self.data.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
            value = int(value)
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.error(key, f"`{key}` must be {what}, not {_describe(value)}")
            return None
        return value

    def number(self, key: str) -> float | None:
        value = self.data.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = float(value)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(key, f"`{key}` must be a number, like {key}: 1, not {_describe(value)}")
            return None
        return float(value)

    def date(self, key: str) -> dt.date | None:
        value = self.data.get(key)
        if value is None or value == "":
            return None
        return self.parse_date(key, value)

    def parse_date(self, key: str, value: Any) -> dt.date | None:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            match = _DATE.match(value.strip())
            if match:
                year, month, day = (int(g) for g in match.groups())
                try:
                    return date(year, month, day)
                except ValueError:
                    self.error(key, f"`{key}` is {value.strip()}, a date that does not exist; "
                               "check the month and day (dates are YYYY-MM-DD)")
                    return None
        self.error(key, f"`{key}` must be a date written YYYY-MM-DD, like 2026-10-06, "
                   f"not {_describe(value)}")
        return None

    def clock(self, key: str, value: Any) -> str | None:
        """`10:30`, `"9:05"` or a TOML time -> `10:30`."""
        if isinstance(value, time):
            return f"{value.hour:02d}:{value.minute:02d}"
        if isinstance(value, str):
            match = _TIME.match(value.strip())
            if match:
                return f"{int(match.group(1)):02d}:{match.group(2)}"
        self.error(key, f"`{key.rpartition('.')[2]}` must be a time written HH:MM on the "
                   f"24-hour clock, like 14:30, not {_describe(value)}")
        return None

    def strings(self, key: str, *, separator: str | None = None) -> list[str]:
        """A list of text; a single text (a CSV cell) is split on `separator`."""
        value = self.data.get(key)
        if value is None or value == "":
            return []
        if isinstance(value, str):
            parts = value.split(separator) if separator else [value]
            return [p.strip() for p in parts if p.strip()]
        if not isinstance(value, list):
            self.error(key, f"`{key}` must be a list, with one item per line starting with "
                       f"\"- \", not {_describe(value)}")
            return []
        items: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, (dict, list)) or item is None or isinstance(item, bool):
                self.error(f"{key}.{index}", f"item {index + 1} of `{key}` must be text, "
                           f"not {_describe(item)}")
                continue
            if str(item).strip():
                items.append(str(item).strip())
        return items

    def mappings(self, key: str) -> list[tuple[int, dict[str, Any]]]:
        value = self.data.get(key)
        if value is None or value == "":
            return []
        if not isinstance(value, list):
            self.error(key, f"`{key}` must be a list of items, each starting with \"- \"")
            return []
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                self.error(f"{key}.{index}", f"item {index + 1} of `{key}` must have fields "
                           f"(like `title: ...`), not be {_describe(item)}")
                continue
            items.append((index, item))
        return items

    def consent(self, key: str = "consent") -> bool | dt.date | None:
        value = self.data.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in ("true", "yes", "false", "no"):
            return value.strip().lower() in ("true", "yes")
        if isinstance(value, (date, str)):
            return self.parse_date(key, value)
        self.error(key, f"`{key}` must be true or the date consent was given (YYYY-MM-DD), "
                   f"not {_describe(value)}")
        return None

    def image(self, key: str, alt_key: str, source: Path, finder: Finder,
              *, require_alt: bool) -> Image | None:
        """A picture path looked up next to the file first, then from content/."""
        value = self.text(key)
        if not value:
            return None  # alt text without a picture is harmless
        relative = finder(value, source.parent)
        if relative is None:
            self.error(key, f"`{key}` names \"{value}\", but there is no such file next to "
                       f"{source.name} or under content/; check the spelling and the folder")
            return None
        alt = self.text(alt_key)
        if require_alt and not alt:
            self.error(key, f"`{key}` has no `{alt_key}` text; add `{alt_key}:` describing the "
                       "picture for people who cannot see it")
        return Image(relative, alt)


Lookup = tuple[str, str, str | None]  # reference, folder, what it found


class Finder:
    """`find_file` in one content folder, keeping each lookup, so that a result cached
    from reading a file can be checked: the same lookups must still find the same files."""

    def __init__(self, content: Path) -> None:
        self.content = content
        self.lookups: list[Lookup] = []

    def __call__(self, reference: str, folder: Path) -> str | None:
        found = find_file(reference, folder, self.content)
        self.lookups.append((reference, str(folder), found))
        return found

    def finds_again(self, lookups: list[Lookup]) -> bool:
        return all(find_file(reference, Path(folder), self.content) == found
                   for reference, folder, found in lookups)


def find_file(reference: str, folder: Path, content: Path) -> str | None:
    """The content-relative path of `reference` (next to `folder`, then from content/)."""
    cleaned = reference.strip().replace("\\", "/")
    if not cleaned or "\x00" in cleaned or re.match(r"^[a-zA-Z]+:", cleaned):
        return None
    root = content.resolve()
    candidates = [] if cleaned.startswith("/") else [folder / cleaned]
    candidates.append(content / cleaned.lstrip("/"))
    for candidate in candidates:
        try:
            resolved = candidate.resolve()
            relative = resolved.relative_to(root)
        except (ValueError, OSError):
            continue
        if resolved.is_file():
            return relative.as_posix()
    return None


def _describe(value: object) -> str:
    """A value as written in the file, for messages (`"five"`, `true`, `a list`)."""
    if value is None or value == "":
        return "empty"
    if isinstance(value, dict):
        return "a set of fields"
    return shown(value)
