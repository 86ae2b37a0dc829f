"""Where in a content file a thing its built page shows was written: the line of the body
that holds a link's address, a picture's file or a heading's words, so that `cswgen check`
reports each problem at the line to change (a CSV row's, which has no lines of its own, at
its row), and quotes an address as the file writes it.
"""

from __future__ import annotations

import re

from cswgen.model.sanitize import ROOT_SCHEME
from cswgen.read.records import Entry


def locate(entry: Entry, *needles: str, fallback: int | None = None) -> int:
    """The file line of the body that holds the first needle found (by text, or by its
    words for headings and link text); the entry's line when nothing matches, or
    `fallback` when given (a CSV row's line only when its text holds a needle: a link the
    theme writes on the row's page is not the row's)."""
    if entry.from_csv:
        held = any(needle in entry.body for needle in needles)
        return entry.line if held or fallback is None else fallback
    lines = entry.body.split("\n")
    for needle in needles:
        for offset, text in enumerate(lines):
            if needle in text:
                return entry.body_line + offset
        words = _words(needle)
        if words:
            for offset, text in enumerate(lines):
                if words in _words(text):
                    return entry.body_line + offset
    return entry.body_line if fallback is None else fallback


def locate_next(entry: Entry, needles: list[str], placed: dict[int, int]) -> int:
    """As `locate`, for the next of several pictures of one file: the first line that
    names it more often than pictures were placed there already (`placed`, updated)."""
    if not entry.from_csv:
        lines = entry.body.split("\n")
        for needle in needles:
            for offset, text in enumerate(lines):
                line = entry.body_line + offset
                if text.count(needle) > placed.get(line, 0):
                    placed[line] = placed.get(line, 0) + 1
                    return line
    return locate(entry, *needles)


def as_written(text: str, url: str) -> str:
    """The address as the line `text` writes it, when cswgen rewrote it (a link to a
    Markdown file, `../pages/faq.md#hours`, is built as `../../faq/#hours`): the message
    quotes what the person can find in their file."""
    fragment = url.partition("#")[2]
    for target in re.findall(r"\]\(\s*<?([^)\s>]+)", text):
        path, _, its_fragment = target.partition("#")
        if its_fragment == fragment and path.lower().endswith((".md", ".markdown")):
            return str(target)
    return ""


def text_of(entry: Entry, line: int) -> str:
    """The text of the body's file line `line` ("" outside the body, or for a CSV row)."""
    lines = entry.body.split("\n")
    index = line - entry.body_line
    return lines[index] if 0 <= index < len(lines) and not entry.from_csv else ""


def needles(url: str) -> list[str]:
    """What to look for in a body to find where a link was written: the address as it is,
    without cswgen's internal prefix, its fragment, and its file name."""
    bare = url.removeprefix(ROOT_SCHEME + ":")
    path, _, fragment = bare.partition("#")
    name = path.rstrip("/").rsplit("/", 1)[-1]
    found = [url, bare, f"#{fragment}" if fragment else "", name if "." in name else ""]
    return [n for n in found if n]


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", text.lower()).split())
