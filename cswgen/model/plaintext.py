"""A body's plain text, in one line, for what shows it without its HTML: excerpts on cards,
a page's description and share preview, the feed's summaries, the lobby screen's quotes.

Its blocks are run together as a person would write them in one line, not by a bare space
("Reset my PIN my card limit raised"): a list's items, or a table row's cells, set apart by
the language's comma ("Reset my PIN, raised my card limit"), or by its semicolon when an
item has a comma of its own; a heading, a table's row or a paragraph that ends without
punctuation ended with a full stop before what follows ("Fast service. The teller…"); the
lines of a paragraph broken with `<br>` by a comma.  Text that ends with its own
punctuation ("Reset my PIN.", "Our branches:") is followed by a space alone, and a
paragraph that leads into a list without a colon runs on into it ("I came in to open an
account and change my PIN").  A list within a list item continues that list.

A body's footnotes are not in it: neither the number of a reference to one ("the best
service1") nor the notes themselves with their links back ("The survey of May. ↩"), which
a reader of one line of the text has no use for.  A `<sup>` of the text's own ("1st",
"m²") is kept.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from cswgen.model.sanitize import blocks, noted

_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)>")
_VOID = frozenset({"br", "hr"})
_LISTS = frozenset({"ul", "ol", "menu"})
_CELLS = frozenset({"td", "th"})
# blocks that name what follows them: a full stop before it, as a heading run in
_HEADS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "dt", "caption", "summary"})
# the end of text that is punctuated already: a full stop, comma, colon, semicolon,
# question or exclamation mark or ellipsis in any script (by Unicode name: "ARABIC
# QUESTION MARK", "IDEOGRAPHIC FULL STOP", "DEVANAGARI DANDA"), a dash, an emoji
_PUNCTUATED = ("FULL STOP", "COMMA", "COLON", "QUESTION MARK", "EXCLAMATION MARK",
               "ELLIPSIS", "DANDA", "SIGN SECTION", "SIGN LITTLE SECTION")

# what Python-Markdown's footnotes extension adds (as `sanitize.noted` leaves it): a
# reference to a note (`fnref2-1`: the second to note 1), and the notes, in one `<div>`
_REFERENCE = re.compile(r'<sup id="fnref\d*-[^"]*"><a class="footnote-ref"[^>]*>[^<]*</a></sup>')
_NOTES = re.compile(r'<div class="footnote">')
_DIV = re.compile(r"<(/?)div[ >]")

Element = tuple[str, int]  # a block element's tag, and its number in the body


@dataclass(frozen=True)
class _Piece:
    """The text of one block, or of one line of a block broken by `<br>`."""

    text: str
    within: tuple[Element, ...]  # the block elements it is in, outermost first
    after_break: bool  # it follows a `<br>` in the same block


def plain_text(fragment: str, comma: str = ", ", semicolon: str = "; ") -> str:
    """The text of a body's HTML in one line; `comma` and `semicolon` are its language's
    (`cldr.Language.run_in`)."""
    return _run_together(_pieces(blocks(_without_footnotes(fragment))), comma, semicolon)


def sentences(texts: Iterable[str]) -> str:
    """Short texts in one line, each as a paragraph of a body is in its plain text: ended
    with a full stop unless it ends with punctuation of its own (the policy's commitments:
    "We answer every call within three rings. We reply…")."""
    return _run_together([_Piece(" ".join(text.split()), (("p", number),), False)
                          for number, text in enumerate(texts, 1) if text.strip()], ", ", "; ")


def _run_together(pieces: list[_Piece], comma: str, semicolon: str) -> str:
    if not pieces:
        return ""
    out = [pieces[0].text]
    stop = ""
    marks: dict[Element, str] = {}
    for before, piece in itertools.pairwise(pieces):
        how = _between(before, piece)
        if how == "list":
            # the list or row both are in (a list in one of its items continues it), or
            # that item's list, for an item that HTML left outside any
            shared = _shared(before, piece)
            whole = next(e for e in (*reversed(shared), *before.within[len(shared):],
                                     *piece.within[len(shared):])
                         if e[0] in _LISTS or e[0] == "tr")
            if whole not in marks:
                marks[whole] = _list_mark(pieces, whole, comma, semicolon)
            out.append(marks[whole])
        elif how == "stop":
            stop = stop or _full_stop(" ".join(p.text for p in pieces))
            out.append(stop + " ")
        else:
            out.append(comma if how == "line" else " ")
        out.append(piece.text)
    return "".join(out)


def _without_footnotes(fragment: str) -> str:
    """`fragment` without the references to its footnotes and without the notes."""
    if "footnote" not in fragment:  # (most bodies: they need not be looked through)
        return fragment
    marked = _REFERENCE.sub("", noted(fragment))
    kept: list[str] = []
    at = 0
    for notes in _NOTES.finditer(marked):
        if notes.start() < at:  # (within notes left out already)
            continue
        kept.append(marked[at:notes.start()])
        depth = 0
        at = len(marked)
        for tag in _DIV.finditer(marked, notes.start()):
            depth += -1 if tag[1] else 1
            if not depth:
                at = tag.end()
                break
    kept.append(marked[at:])
    return "".join(kept)


def _pieces(bare: str) -> list[_Piece]:
    """The text of each block of `bare` (`sanitize.blocks`'s HTML), in order, with where it
    is."""
    pieces: list[_Piece] = []
    open_: list[Element] = []
    at = count = 0
    after_break = False
    for tag in [*_TAG.finditer(bare), None]:
        text = bare[at:tag.start() if tag else len(bare)]
        if not text.isspace() and text:
            text = " ".join((html.unescape(text) if "&" in text else text).split())
            pieces.append(_Piece(text, tuple(open_), after_break))
        if tag is None:
            break
        at = tag.end()
        after_break = tag[2] == "br"
        if tag[2] in _VOID:
            continue
        if not tag[1]:
            count += 1
            open_.append((tag[2], count))
        elif any(name == tag[2] for name, _ in open_):
            while open_.pop()[0] != tag[2]:
                pass
    return pieces


def _between(before: _Piece, piece: _Piece) -> str:
    """How two pieces are set apart: "space", "line" (a comma: a line break), "list" (a
    list's or a row's mark) or "stop" (a full stop)."""
    if _punctuated(before.text):
        return "space"
    if piece.after_break and piece.within == before.within:
        return "line"
    tags = [name for name, _ in before.within]
    if tags and tags[-1] in _HEADS:
        return "stop"
    shared = _shared(before, piece)
    inner = [name for name, _ in (*before.within[len(shared):], *piece.within[len(shared):])]
    container = shared[-1][0] if shared else ""
    if container in _LISTS or container == "tr" or (
            container == "li" and any(name in _LISTS for name in inner)):
        return "list"
    if not any(name in _LISTS or name in _CELLS for name in tags) and (
            not tags or tags[-1] in ("p", "div")) and any(
            name in _LISTS for name, _ in piece.within[len(shared):]):
        return "space"  # a paragraph that leads into a list: "We were helped with"
    return "stop"


def _shared(before: _Piece, piece: _Piece) -> tuple[Element, ...]:
    length = 0
    for one, other in zip(before.within, piece.within, strict=False):
        if one != other:
            break
        length += 1
    return before.within[:length]


def _list_mark(pieces: list[_Piece], whole: Element, comma: str, semicolon: str) -> str:
    """What sets the items of a list (or the cells of a row) apart: a comma, or a semicolon
    when an item has a comma of its own or a list of its own, whose items commas set apart
    ("Cards; Visa, Mastercard; loans")."""
    marks = {m for m in (comma.strip(), ",") if m}
    for piece in pieces:
        if whole in piece.within and (any(m in piece.text for m in marks) or any(
                name in _LISTS for name, _ in piece.within[piece.within.index(whole) + 1:])):
            return semicolon
    return comma


def _punctuated(text: str) -> bool:
    """Whether `text` ends with punctuation of its own (behind any closing quote or
    bracket: `“Thank you.”`)."""
    end = text.rstrip("\"'")
    while end and unicodedata.category(end[-1]) in ("Pe", "Pf"):
        end = end[:-1].rstrip("\"'")
    if not end:
        return True
    last = end[-1]
    kind = unicodedata.category(last)
    return kind in ("Pd", "So") or (kind == "Po" and any(
        name in unicodedata.name(last, "") for name in _PUNCTUATED))


def _full_stop(text: str) -> str:
    """The full stop the body writes most (".", "۔" in Urdu, "。", "।"); "." when it has
    none.  (CLDR, as Babel has it, does not say how a language ends a sentence.)"""
    found = Counter(_stops().findall(text)).most_common(1)
    return found[0][0] if found else "."


@cache
def _stops() -> re.Pattern[str]:
    """Every full stop Unicode has (those of the Basic Multilingual Plane), by name."""
    stops = [chr(c) for c in range(0x10000) if unicodedata.category(chr(c)) == "Po" and (
        unicodedata.name(chr(c), "").endswith("FULL STOP")
        or unicodedata.name(chr(c), "") == "DEVANAGARI DANDA")]
    return re.compile("[" + re.escape("".join(stops)) + "]")
