"""One table of a TOML file (config.toml, a `[publish.NAME]` target): each value read
with its type checked, and a problem on its line for each bad one; and the words messages
use for what the user wrote (`shown`) and for the name they may have meant (`suggest`)."""

from __future__ import annotations

import difflib
from datetime import date, datetime, time
from typing import Any

from cswgen.core.errors import Problems
from cswgen.read.place import CONFIG_NAME


def shown(value: object) -> str:
    """A value as the user wrote it in TOML, for messages."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value + '"'
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    return str(value)


def described(value: object) -> str:
    """A value as written in front matter or a CSV cell, for messages (`"five"`, `true`,
    `a list`, `empty`)."""
    if value is None or value == "":
        return "empty"
    if isinstance(value, dict):
        return "a set of fields"
    return shown(value)


def suggest(word: str, choices: tuple[str, ...] | list[str]) -> str | None:
    matches = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return matches[0] if matches else None


class Table:
    """Typed access to one table of the config, recording a problem per bad value."""

    def __init__(self, data: dict[str, Any], table: str, lines: dict[str, int],
                 problems: Problems) -> None:
        self.data = data
        self.table = table
        self.lines = lines
        self.problems = problems

    def line(self, key: str) -> int:
        return self.lines.get(f"{self.table}.{key}", self.lines.get(self.table, 1))

    def bad(self, key: str, message: str) -> None:
        self.problems.error(CONFIG_NAME, self.line(key), f"[{self.table}] {key} {message}")

    def warn(self, key: str, message: str) -> None:
        self.problems.warning(CONFIG_NAME, self.line(key), f"[{self.table}] {message}")

    def string(self, key: str, default: str = "") -> str:
        value = self.data.get(key, default)
        if not isinstance(value, str):
            self.bad(key, f"must be text in quotes, like {key} = \"...\", not {shown(value)}")
            return default
        return value.strip()

    def text(self, key: str) -> str:
        """Words of the site's own (a title, a theme): any text.  A number or a date written
        without quotes (`title = 2027`) is offered back as the line to write, in quotes."""
        value = self.data.get(key, "")
        kind = ("a date" if isinstance(value, date | datetime) else "a time"
                if isinstance(value, time) else "a number"
                if isinstance(value, int | float) and not isinstance(value, bool) else "")
        if kind:
            self.bad(key, f"is {shown(value)}, {kind}, but it must be text, which goes in "
                     f"double quotes: {key} = \"{shown(value)}\"")
            return ""
        return self.string(key)

    def boolean(self, key: str, default: bool = False) -> bool:
        value = self.data.get(key, default)
        if not isinstance(value, bool):
            self.bad(key, f"must be true or false (without quotes), not {shown(value)}")
            return default
        return value

    def integer(self, key: str, low: int, high: int, default: int) -> int:
        value = self.data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.bad(key, f"must be a whole number from {low} to {high}, not {shown(value)}")
            return default
        return value
