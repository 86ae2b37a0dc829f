"""Words in another language than the page's, marked in the text itself.

A label a language has no words for is shown in English (`read.catalogue`), and a screen
reader reads English on a French page with a French voice unless an element around it
says `lang="en"`.  Such words are worked out far from any HTML (in views, in templates,
inside other labels), so `render.strings.say` puts them between two invisible marks that
name their language, and a rendered page turns each pair in its text into a
`<span lang="en" dir="ltr">` (`render.strings.in_spans`).  Where no element can go (an
attribute, the `<title>`, a script) the marks are dropped, as they are from what cswgen
writes elsewhere (the feed, the calendar, email, share images: `plain`).  The marks are
Unicode noncharacters, which no text people write holds; a page without them is not
changed at all.
"""

from __future__ import annotations

import re

BEGIN, SEP, END = "\ufdd0", "\ufdd1", "\ufdd2"  # BEGIN tag SEP words END
MARK = re.compile(f"{BEGIN}([^{SEP}]*){SEP}")
_MARKS = re.compile(f"{BEGIN}[^{SEP}]*{SEP}|{END}")


def marked(text: str, tag: str) -> str:
    """`text` marked as being in the language `tag`."""
    return f"{BEGIN}{tag}{SEP}{text}{END}"


def plain(text: str) -> str:
    """`text` without language marks."""
    return _MARKS.sub("", text) if BEGIN in text or END in text else text


def language_of(text: str) -> tuple[str | None, str]:
    """The language `text` is marked as being in as a whole (None: it is not), and its
    words without that mark (those inside it, of a value in its own language, kept)."""
    found = MARK.match(text)
    if found is None or not text.endswith(END) or _closes_early(text, found.end()):
        return None, text
    return found.group(1), text[found.end():-len(END)]


def _closes_early(text: str, start: int) -> bool:
    """Whether the mark opened before `start` closes before the end of `text` (two marked
    texts side by side are not one)."""
    depth = 1
    for found in _MARKS.finditer(text, start):
        depth += -1 if found.group(0) == END else 1
        if depth == 0:
            return found.end() != len(text)
    return False
