"""The fonts that share images are drawn with, and which characters each one has.  The only
module that imports fontTools.

A text is drawn in the first shipped font that has every one of its characters; a text that
needs two (Arabic words and a star) is cut into runs, each in a font that has all of it.
A character that no font has is never drawn (it would be a box): `missing` finds them, so
that the caller can leave that text out and say so.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "fonts"


@dataclass(frozen=True)
class Face:
    name: str
    regular: Path
    bold: Path

    def file(self, bold: bool) -> Path:
        return self.bold if bold else self.regular


# in the order they are tried: DejaVu for Latin, Greek, Cyrillic and Hebrew; Noto Sans Arabic for
# Arabic (it has basic Latin too, so a name in both scripts is drawn in one font)
FACES = (
    Face("DejaVu Sans", FOLDER / "DejaVuSans.ttf", FOLDER / "DejaVuSans-Bold.ttf"),
    Face("Noto Sans Arabic", FOLDER / "NotoSansArabic-Regular.ttf",
         FOLDER / "NotoSansArabic-Bold.ttf"),
)


@cache
def characters(face: Face) -> frozenset[str]:
    """The characters both weights of `face` have (read once from their character maps)."""
    from fontTools.ttLib import TTFont  # (here: only share images need it, and importing
                                        # it took 35 ms of every start of cswgen)
    regular, bold = (TTFont(face.file(b), lazy=True).getBestCmap() for b in (False, True))
    return frozenset(chr(c) for c in regular.keys() & bold.keys())


def _invisible(char: str) -> bool:
    """Spaces and format controls (joiners, direction marks), which any font may lack:
    text layout draws them as nothing, never as a box."""
    return char.isspace() or unicodedata.category(char) == "Cf"


def has(face: Face, text: str) -> bool:
    have = characters(face)
    return all(c in have or _invisible(c) for c in text)


def missing(text: str) -> str:
    """The characters of `text` that no shipped font has, each once, in order."""
    found = dict.fromkeys(c for c in text if not any(has(f, c) for f in FACES))
    return "".join(found)


def runs(text: str) -> list[tuple[str, Face]]:
    """`text` cut into as few runs as it can be, each with a font that has all of it: the
    first font with every character, or else at each point the font that goes furthest.
    Characters no font has are left out (see `missing`)."""
    lost = missing(text)
    text = "".join(c for c in text if c not in lost)
    for face in FACES:
        if has(face, text):
            return [(text, face)] if text else []
    found: list[tuple[str, Face]] = []
    start = 0
    while start < len(text):
        reach = {face: _reach(face, text, start) for face in FACES}
        face = max(FACES, key=lambda f: reach[f])  # (the first of equals)
        found.append((text[start:reach[face]], face))
        start = reach[face]
    return found


def _reach(face: Face, text: str, start: int) -> int:
    end = start
    while end < len(text) and has(face, text[end]):
        end += 1
    return end


_SCRIPTS = {"CJK": "Chinese characters", "HIRAGANA": "Japanese kana", "KATAKANA": "Japanese kana",
            "HANGUL": "Korean letters", "ETHIOPIC": "Ethiopic letters"}


def describe(chars: str) -> str:
    """What kind of characters these are, in words: "Chinese characters", "Thai letters",
    "symbols such as 😀"."""
    kinds: list[str] = []
    for char in chars:
        name = unicodedata.name(char, "")
        if unicodedata.category(char)[0] in "LM" and name:
            first = name.split()[0]
            kind = _SCRIPTS.get(first, f"{first.title()} letters")
        else:
            kind = f"symbols such as {char}"
        if kind not in kinds and not (kind.startswith("symbols") and any(
                k.startswith("symbols") for k in kinds)):
            kinds.append(kind)
    return " and ".join(kinds)
