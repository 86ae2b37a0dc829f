"""Lines of text for a picture, without Pillow (see `cards`, which measures and draws
them): words wrapped to a width and shortened with "…", how the text is set, and the order
its runs of left-to-right and right-to-left letters go in, by the Unicode bidirectional
algorithm."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")  # a run of text, with whatever draws it


@dataclass(frozen=True)
class Setting:
    """How a card's text is set: its weight, which way it runs, in which language."""

    rtl: bool = False
    language: str = ""
    bold: bool = False

    @property
    def leading(self) -> float:
        """Line height, in sizes: Arabic needs room for the marks above and below."""
        return 1.5 if self.rtl else 1.25


@dataclass(frozen=True)
class Place:
    """Where lines go across the card: from `left`, or right to left ending at `right`."""

    left: float
    right: float
    rtl: bool


def whole(lines: list[str], text: str) -> bool:
    """Whether `lines` hold all of `text` (it was not shortened)."""
    return " ".join(lines) == " ".join(text.split())


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """Lines of whole words no wider than `width`; a word wider than that stands alone on
    its line rather than being cut.  (Lines are cut in the order the text is written, and
    each is then laid out on its own: right to left too.)"""
    lines: list[str] = []
    for word in text.split():
        if lines and measure(f"{lines[-1]} {word}") <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def shorten(lines: list[str], count: int, width: float,
            measure: Callable[[str], float]) -> list[str]:
    """The first `count` lines; when text is left out, the last one ends in "…" after a
    whole word."""
    if len(lines) <= count:
        return lines
    kept = lines[:count]
    words = kept[-1].split()
    while len(words) > 1 and measure(" ".join(words) + "…") > width:
        words.pop()
    kept[-1] = " ".join(words).rstrip(",.;:—–-،؛") + "…"
    return kept


def way_of(text: str) -> str:
    """Which way a run reads: "ltr" or "rtl" (letters of one direction only), "both", or
    "" (no letters: spaces, digits, punctuation, stars)."""
    kinds = {unicodedata.bidirectional(c) for c in text}
    right, left = bool(kinds & {"R", "AL"}), "L" in kinds
    return "both" if right and left else "rtl" if right else "ltr" if left else ""


def levels(ways: list[str], rtl: bool) -> list[int]:
    """The Unicode bidirectional algorithm's embedding levels, run by run: a run with no
    letters takes the direction of the letters around it when both sides agree, else the
    paragraph's; a run with both takes the paragraph's (raqm orders what is inside it)."""
    base = "rtl" if rtl else "ltr"
    strong = [base if w == "both" else w for w in ways]
    levels: list[int] = []
    for i, way in enumerate(strong):
        if not way:
            before = next((s for s in reversed(strong[:i]) if s), base)
            after = next((s for s in strong[i + 1:] if s), base)
            way = before if before == after else base
        levels.append((1 if way == "rtl" else 2) if rtl else (1 if way == "rtl" else 0))
    return levels


def visual(items: list[tuple[T, int]]) -> list[tuple[T, int]]:
    """The runs from left to right: from the highest level down to 1, every stretch of runs
    at that level or higher is reversed (the algorithm's rule L2)."""
    order = list(items)
    for level in range(max((lv for _, lv in order), default=0), 0, -1):
        i = 0
        while i < len(order):
            if order[i][1] < level:
                i += 1
                continue
            j = i
            while j < len(order) and order[j][1] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    return order
