"""Brand colours made safe to read: WCAG 2 contrast and the shades derived from it.

A brand colour chosen for a logo is often too light to read as text (a bright yellow) or
too dark to read on a dark background.  Themes get, for each configured colour, the colour
itself (for borders and decoration) and two text-safe shades:

- `ink`: darkened, only as far as needed, to reach 4.5:1 as text on the light surface
  (and so also on white, and as a background under white text);
- `glow`: lightened, only as far as needed, to reach 4.5:1 as text on the dark surface
  used in dark mode;
- `edge`: the edge of a control filled with `ink` (a button) in dark mode: `ink` itself
  where it stands out 3:1 from the dark surface (WCAG 1.4.11, non-text contrast),
  otherwise lightened until it does (a near-black brand's button would have no edge).

Colours are "#rrggbb" (the config normalises them).  Shades are computed on whole 0-255
channels, so the contrast a browser (or axe-core) measures is the contrast checked here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

AA = 4.5  # WCAG 2 AA contrast for body text
NON_TEXT = 3.0  # WCAG 2 AA contrast for what identifies a control (its edge), 1.4.11
LIGHT_SURFACE = "#f4f6f9"  # the lightest background text sits on, besides white
DARK_SURFACE = "#1d2129"  # the dark-mode surface
WEEK_RED = "#c8102e"  # Customer Service Week's own colours
WEEK_BLUE = "#0b3d91"


@dataclass(frozen=True)
class Shades:
    base: str  # as configured
    ink: str  # text-safe on light backgrounds, and under white text
    glow: str  # text-safe on the dark-mode surface
    edge: str  # around a control filled with `ink`, visible on the dark-mode surface

    def as_dict(self) -> dict[str, str]:
        return {"base": self.base, "ink": self.ink, "glow": self.glow, "edge": self.edge}


def _channels(hex_colour: str) -> tuple[int, int, int]:
    h = hex_colour.lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#" + "".join(f"{c:02x}" for c in rgb)


def luminance(hex_colour: str) -> float:
    """Relative luminance, as WCAG 2 defines it."""
    total = 0.0
    for value, weight in zip(_channels(hex_colour), (0.2126, 0.7152, 0.0722), strict=True):
        s = value / 255
        total += weight * (s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4)
    return total


def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _towards(hex_colour: str, target: int, against: str, ratio: float = AA) -> str:
    """Mix the colour towards black (0) or white (255) in small steps until it reaches
    `ratio` (AA) contrast against `against`; the first step that does is the shade."""
    r, g, b = _channels(hex_colour)
    for step in range(101):
        t = step / 100
        shade = _hex((round(r + (target - r) * t), round(g + (target - g) * t),
                      round(b + (target - b) * t)))
        if contrast(shade, against) >= ratio:
            return shade
    return _hex((target, target, target))


def shades(hex_colour: str) -> Shades:
    ink = _towards(hex_colour, 0, LIGHT_SURFACE)
    return Shades(base=hex_colour, ink=ink, glow=_towards(hex_colour, 255, DARK_SURFACE),
                  edge=_towards(ink, 255, DARK_SURFACE, NON_TEXT))


def readable_warning(key: str, hex_colour: str) -> str | None:
    """Why the theme will not use this colour as it is for text, or None when it can."""
    derived = shades(hex_colour)
    if derived.ink == derived.base:
        return None
    ratio = int(contrast(hex_colour, LIGHT_SURFACE) * 10) / 10  # never rounds up to a pass
    return (f"{key} = \"{hex_colour}\" is too light to read as text on a light background "
            f"(contrast {ratio}:1; WCAG AA needs {AA}:1), so the theme uses the darker shade "
            f"{derived.ink} for text and buttons; choose a darker colour if yours must appear "
            "exactly as it is")


_BARE_HEX = re.compile(r"[0-9a-fA-F]{6}|[0-9a-fA-F]{3}")


def as_code(written: str) -> tuple[str, str] | None:
    """What a colour written in another way than "#rrggbb" is as "#rrggbb", and how it was
    written: ("hex", code) for a code without its # (`c8102e`), ("name", code) for one of
    the 148 colour names of CSS (`navy`, `Red`), ("css", code) for CSS's other ways
    (`rgb(200, 16, 46)`, `hsl(...)`); None for anything else, or a colour with transparency,
    which a brand colour cannot have."""
    from PIL import ImageColor  # (its table of CSS's names; only for a colour written wrong)

    text = written.strip()
    if text.lower() not in ImageColor.colormap and _BARE_HEX.fullmatch(text):
        return "hex", "#" + text  # (as written: "#fff" is a colour too)
    how = "name" if text.lower() in ImageColor.colormap else "css"
    try:
        rgb = ImageColor.getrgb(text)
    except ValueError:
        return None
    if len(rgb) != 3:
        return None
    return how, _hex((rgb[0], rgb[1], rgb[2]))
