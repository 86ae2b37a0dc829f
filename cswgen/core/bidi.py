"""Names and titles set inside text of the other direction, kept in their own order.

"اقرأ قصة Ruvarashe M." shows its full stop on the far left unless the name is isolated
from the Arabic around it: between U+2068 FIRST STRONG ISOLATE and U+2069 POP DIRECTIONAL
ISOLATE, the name is laid out on its own and then placed as one piece.  The marks work
in element content and in attributes (alt, aria-label, title) alike, and are invisible.
Only a value with letters of the other direction gets them, so an English site with
English names writes exactly what it wrote before.  What draws text itself (share
images) or leaves the page (the feed, email subjects) takes them out with `plain`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from cswgen.core import langmarks

FSI, PDI = "\u2068", "\u2069"
ISOLATES = str.maketrans("", "", "\u2066\u2067\u2068\u2069")  # LRI RLI FSI PDI

_OTHER = {"rtl": frozenset({"L"}), "ltr": frozenset({"R", "AL"})}
# in ASCII, only the 52 Latin letters have a strong direction (L), and none reads right to
# left: most values (names, numbers, every value of an English site) are judged at once
_ASCII_OTHER: dict[str, Callable[[str], object]] = {
    "rtl": re.compile("[A-Za-z]").search, "ltr": lambda _: None}


def reads_other_way(text: str, direction: str) -> bool:
    """Whether `text` has letters that read the other way than `direction` (that of the
    text around it: "rtl" or "ltr")."""
    if text.isascii():
        search = _ASCII_OTHER.get(direction)
        return search is not None and search(text) is not None
    other = _OTHER.get(direction, frozenset())
    return any(unicodedata.bidirectional(c) in other for c in text)


def mostly(text: str) -> str | None:
    """The direction most of the letters of `text` read in ("rtl" or "ltr"), or None for
    a text without letters."""
    right = left = 0
    for c in text:
        kind = unicodedata.bidirectional(c)
        if kind == "L":
            left += 1
        elif kind in ("R", "AL"):
            right += 1
    return None if not right + left else "rtl" if right > left else "ltr"


def isolated(value: str, direction: str, text: str | None = None) -> str:
    """`value` isolated when it reads the other way than `direction`, else unchanged;
    `text`: what to judge it by instead (a value written as markup: its text, not its
    tags)."""
    judged = value if text is None else text
    return f"{FSI}{value}{PDI}" if reads_other_way(judged, direction) else value


def plain(text: str) -> str:
    """`text` without direction isolates, for what cannot or need not show them (nor the
    marks of words in another language: `langmarks`)."""
    return langmarks.plain(text.translate(ISOLATES))
