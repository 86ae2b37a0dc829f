"""The demo's English, marked as English in a site `cswgen new --language` starts in another
language.

The demo's text is English, for the team to replace.  Until they do, an Omani site's
pages (`<html lang="ar-OM" dir="rtl">`) would have screen readers read it with an Arabic
voice and browsers lay it out right to left.  So each file copied says the language it is
written in, `lang: en-GB` in its front matter (a `lang` column in a table), with a note to
remove it once the file is in the site's language; its pages then mark its words with
`lang="en-GB" dir="ltr"`, as a multi-language site marks an entry shown untranslated.  A
file the team writes from scratch has no such line, and is in the site's language.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

NOTE = "the demo's English: delete this line once the file is in the site's language"
_OPENING = {"---": "yaml", "+++": "toml"}


def needs_marks(demo: str, tag: str) -> bool:
    """Whether a site in the language `tag` needs the demo's words (in `demo`) marked:
    not for another English (`en-US`: the same voice reads it)."""
    return demo.split("-")[0].lower() != tag.split("-")[0].lower()


def mark(content: Path, demo: str) -> None:
    """Mark every Markdown file and table under `content` as written in `demo`."""
    for path in sorted(content.rglob("*")):
        suffix = path.suffix.lower()
        if not path.is_file() or suffix not in (".md", ".markdown", ".csv"):
            continue
        text = path.read_bytes().decode("utf-8")
        marked = marked_table(text, demo) if suffix == ".csv" else marked_file(text, demo)
        if marked != text:
            path.write_bytes(marked.encode("utf-8"))


def marked_file(text: str, demo: str) -> str:
    """A Markdown file with `lang` first in its front matter (YAML's `---` or TOML's
    `+++`), as it is written; one without front matter, or that gives `lang`, as it is."""
    first, newline, rest = text.partition("\n")
    style = _OPENING.get(first.lstrip("\ufeff").rstrip("\r"))
    if style is None or re.search(r"(?m)^lang[ \t]*[:=]", rest.split(first.strip(), 1)[0]):
        return text
    ending = "\r\n" if first.endswith("\r") else "\n"
    line = f"lang: {demo}" if style == "yaml" else f'lang = "{demo}"'
    return f"{first}{newline}{line}  # {NOTE}{ending}{rest}"


def marked_table(text: str, demo: str) -> str:
    """A CSV table with a `lang` column saying `demo` on every row, or as it is when
    it has one, or when it would not be written back exactly as it is read."""
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom):]
    ending = "\r\n" if "\r\n" in body else "\n"
    rows = list(csv.reader(io.StringIO(body, newline="")))
    if not rows or "lang" in (cell.strip().lower() for cell in rows[0]) \
            or _written(rows, ending) != body:
        return text
    return bom + _written([[*rows[0], "lang"], *([*row, demo] if any(row) else row
                                                  for row in rows[1:])], ending)


def _written(rows: list[list[str]], ending: str) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator=ending).writerows(rows)
    return out.getvalue()
