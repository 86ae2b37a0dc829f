"""Where each table and key of a TOML document is written.

`tomllib` does not report positions, so messages about a value find its line here.  This
reads table headers (`[week]`, `[[events]]`), `key = value` lines (dotted keys too), and
skips strings, comments and multi-line arrays, so a `[` inside them changes nothing.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"""^\s*((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')"""
                  r"""(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*=""")


def _name(raw: str) -> str:
    return ".".join(part.strip().strip("\"'") for part in raw.split("."))


def _code(line: str, state: str) -> tuple[str, str]:
    """The line with strings and comments removed, and the multi-line string still open."""
    out: list[str] = []
    i = 0
    while i < len(line):
        if state:
            end = line.find(state, i)
            if end < 0:
                return "".join(out), state
            i, state = end + 3, ""
            continue
        char = line[i]
        if char == "#":
            break
        if line.startswith(('"""', "'''"), i):
            state = line[i : i + 3]
            i += 3
            continue
        if char in "\"'":
            j = i + 1
            while j < len(line) and line[j] != char:
                j += 2 if char == '"' and line[j] == "\\" else 1
            i = j + 1
            continue
        out.append(char)
        i += 1
    return "".join(out), state


def key_lines(text: str) -> dict[str, int]:
    """`{"week": 5, "week.days": 7, "events.0": 9, "events.0.time": 10, ...}` (1-based)."""
    lines: dict[str, int] = {}
    table = ""
    counts: dict[str, int] = {}
    depth = 0  # open brackets of a multi-line array
    open_string = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        was_inside = depth > 0 or bool(open_string)
        code, open_string_after = _code(raw, open_string)
        if not was_inside:
            header = _HEADER.match(raw) if code.lstrip().startswith("[") else None
            if header:
                name = _name(header.group(2))
                if header.group(1) == "[[":
                    index = counts.get(name, 0)
                    counts[name] = index + 1
                    lines.setdefault(name, number)
                    name = f"{name}.{index}"
                table = name
                lines.setdefault(table, number)
                open_string = open_string_after
                continue
            key = _KEY.match(code)
            if key:
                name = _name(key.group(1))
                lines.setdefault(f"{table}.{name}" if table else name, number)
                code = code[key.end() :]
        open_string = open_string_after
        depth = max(depth + code.count("[") - code.count("]"), 0)
    return lines


def loads(text: str) -> dict[str, Any]:
    """`tomllib.loads`, with arrays and tables nested too deeply for its recursive parser
    reported as a `TOMLDecodeError` on the line where they start, not a `RecursionError`."""
    try:
        return tomllib.loads(text)
    except RecursionError:
        line = next((n for n, source in enumerate(text.split("\n"), 1)
                     if source.count("[") + source.count("{") > 50), 1)
        raise tomllib.TOMLDecodeError(f"arrays or tables are nested too deeply; nest them at "
                                      f"most a few levels (at line {line}, column 1)") from None
