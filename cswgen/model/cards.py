"""Share cards, with Pillow: the 1200×630 picture a link preview shows, and the emblem or
logo that heads an email.  With `decoder` (which decodes a logo for this module) and
`images` (which copies photos), the only modules that import PIL: this one to draw and to lay
out text.

`draw_card` draws a `Card`, its text in `fonts`' faces, wrapped and set by `textlines`.
Nothing here knows about sites or the cache: `share` decides what each card shows and keeps
the PNG.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image, ImageDraw, ImageFont, features

from cswgen.core.bidi import plain
from cswgen.core.colours import contrast
from cswgen.core.digest import digest
from cswgen.model import fonts, textlines
from cswgen.model.decoder import Later, decode
from cswgen.model.images import keep_memory, recipe
from cswgen.model.textlines import Place, Setting, levels, shorten, visual, way_of, whole, wrap

if not TYPE_CHECKING:
    Image, ImageDraw, ImageFont, features = (Later(f"PIL.{name}") for name in (
        "Image", "ImageDraw", "ImageFont", "features"))

CARD_WIDTH, CARD_HEIGHT = 1200, 630


@dataclass(frozen=True)
class Card:
    """What a share image shows."""

    kicker: str  # a short line at the top: "Honour roll · Customer Champion Award"
    title: str  # the name, or the day's theme, large
    quote: str  # a short quote or citation; "" for none
    footer: str  # the site and the week, on the band at the bottom
    primary: str  # "#rrggbb"
    secondary: str
    logo: Path | None = None  # a raster logo; None draws the puzzle-piece emblem
    rtl: bool = False  # the site's language is written right to left: the card is mirrored
    language: str = ""  # BCP 47, for the shapes a language prefers ("ar", "fa", "ur")


@cache
def raqm() -> bool:
    """Whether Pillow lays text out with raqm: joins Arabic, sets it right to left."""
    return bool(features.check("raqm"))


@cache
def card_recipe() -> str:
    """What a cached card depends on besides its text: this code, `decoder`'s (which decodes
    a logo: in `images`' `recipe`) and `textlines`'s, the fonts (the text is cut into runs by
    which characters each has) and whether Pillow lays text out with raqm."""
    faces = [f.file(b).read_bytes() for f in fonts.FACES for b in (False, True)]
    return digest(recipe(), Path(__file__).read_bytes(), Path(textlines.__file__).read_bytes(),
                  Path(fonts.__file__).read_bytes(), *faces,
                  str(features.version("raqm") if raqm() else None))


def undrawable(text: str) -> tuple[str, str]:
    """The characters of `text` a card cannot show, and why ("", "" when it shows them
    all): none of the fonts has them, or Pillow here cannot join Arabic letters."""
    lost = fonts.missing(text)
    if lost:
        return lost, "which none of cswgen's fonts has"
    joined = "" if raqm() else "".join(dict.fromkeys(
        c for c in text if unicodedata.bidirectional(c) in ("R", "AL")))
    if joined:
        return joined, ("which this copy of Pillow cannot join or set right to left (it lacks "
                        "libraqm's text layout; installing libfribidi gives it)")
    return "", ""


def draw_card(card: Card) -> bytes:
    """The card as a 1200×630 PNG: the secondary colour with a band of the primary, the
    emblem (or logo) on a white tile, and the text wrapped between words; right to left,
    the tile is at the right and every line ends there."""
    keep_memory()
    margin, band, tile = 64, 104, 112
    image = Image.new("RGB", (CARD_WIDTH, CARD_HEIGHT), card.secondary)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, CARD_HEIGHT - band, CARD_WIDTH, CARD_HEIGHT), fill=card.primary)
    ink, band_ink = _ink(card.secondary), _ink(card.primary)
    width = CARD_WIDTH - 2 * margin
    regular = Setting(rtl=card.rtl, language=card.language)
    bold = Setting(rtl=card.rtl, language=card.language, bold=True)

    mark = _logo_tile(card.logo, tile) if card.logo else _emblem_tile(
        tile, card.primary, card.secondary)
    image.paste(mark, (CARD_WIDTH - margin - mark.width if card.rtl else margin, margin), mark)
    beside = mark.width + 32  # the kicker, beside the tile
    kicker = Place(margin + beside, CARD_WIDTH - margin - beside, card.rtl)
    place = Place(margin, CARD_WIDTH - margin, card.rtl)
    font, lines = fit(card.kicker, regular, (32, 28, 24), width - beside, 2)
    _lines(draw, lines, font, kicker, margin + tile // 2, ink, middle=True)

    top: float = margin + tile + 44
    bottom = CARD_HEIGHT - band - 40
    font, lines = fit(card.title, bold, (72, 66, 60), width, 1)  # one line if it can
    if not whole(lines, card.title):
        font, lines = fit(card.title, bold, (66, 60, 54, 48, 42), width, 2)
    top = _lines(draw, lines, font, place, top, ink) + 20
    if card.quote:  # the largest size at which it fits whole; else shortened, at 36
        for size in (40, 36, 32, 28, 36):
            rows = max(1, int((bottom - top) // (size * regular.leading)))
            font, lines = fit(card.quote, regular, (size,), width, rows)
            if whole(lines, card.quote):
                break
        _lines(draw, lines, font, place, top, ink)
    font, lines = fit(card.footer, regular, (30, 27, 24), width, 1)
    _lines(draw, lines, font, place, CARD_HEIGHT - band // 2, band_ink, middle=True)

    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def fit(text: str, setting: Setting, sizes: Sequence[int], width: float,
        count: int) -> tuple[Type, list[str]]:
    """The largest of `sizes` at which `text` fits in `count` lines of `width`; at the
    smallest, the text is shortened between words, and a single word too wide for the line
    makes the type smaller still.  Measured as it is drawn: the same fonts, the same layout."""
    font = Type(sizes[0], setting)
    for size in sizes:
        font = Type(size, setting)
        lines = wrap(text, width, font.length)
        if len(lines) <= count and all(font.length(line) <= width for line in lines):
            return font, lines
    lines = shorten(wrap(text, width, font.length), count, width, font.length)
    size = sizes[-1]
    while size > 12 and any(font.length(line) > width for line in lines):
        size -= 2
        font = Type(size, setting)
        lines = shorten(wrap(text, width, font.length), count, width, font.length)
    return font, lines


@dataclass(frozen=True)
class Type:
    """Text of one size and setting, measured and drawn a run at a time, each run in the
    first font that has all its characters, laid out by raqm where Pillow has it (joined,
    and in the order the Unicode bidirectional algorithm gives)."""

    size: int
    setting: Setting

    def runs(self, text: str) -> list[tuple[str, ImageFont.FreeTypeFont, str]]:
        """The runs of `text` from left to right: text, font, and which way it runs."""
        pieces = fonts.runs(plain(text))  # (runs are ordered here, not by isolates)
        ways = levels([way_of(piece) for piece, _ in pieces], self.setting.rtl)
        return [(piece, _font(face.file(self.setting.bold), self.size),
                 "rtl" if level % 2 else "ltr")
                for (piece, face), level in visual(list(zip(pieces, ways, strict=True)))]

    def length(self, text: str) -> float:
        return sum((font.getlength(piece, direction=self._way(way), language=self._language)
                    for piece, font, way in self.runs(text)), 0.0)

    def draw(self, draw: ImageDraw.ImageDraw, text: str, place: Place, middle: float,
             fill: str) -> None:
        """One line, centred on `middle` from top to bottom, on one baseline (the Latin
        font's, so that a line in two fonts does not jump)."""
        ascent, descent = _font(fonts.FACES[0].file(self.setting.bold), self.size).getmetrics()
        baseline = middle + (ascent - descent) / 2
        x = place.right - self.length(text) if place.rtl else place.left
        for piece, font, way in self.runs(text):
            draw.text((x, baseline), piece, font=font, fill=fill, anchor="ls",
                      direction=self._way(way), language=self._language)
            x += font.getlength(piece, direction=self._way(way), language=self._language)

    @staticmethod
    def _way(way: str) -> str | None:
        return way if raqm() else None  # (Pillow's basic layout knows only left to right)

    @property
    def _language(self) -> str | None:
        return self.setting.language or None if raqm() else None


@cache
def _font(face: Path, size: int) -> ImageFont.FreeTypeFont:
    layout = ImageFont.Layout.RAQM if raqm() else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(face), size, layout_engine=layout)


def _lines(draw: ImageDraw.ImageDraw, lines: list[str], font: Type, place: Place,
           top: float, fill: str, *, middle: bool = False) -> float:
    """Draw lines from `top` (or centred on it); returns the y below the last one."""
    height = font.size * font.setting.leading
    if middle:
        top -= height * len(lines) / 2
    for line in lines:
        font.draw(draw, line, place, top + height / 2, fill)
        top += height
    return top


def _ink(background: str) -> str:
    """White or near-black, whichever reads better on `background` (WCAG contrast)."""
    dark = "#161a20"
    return "#ffffff" if contrast("#ffffff", background) >= contrast(dark, background) else dark


def _emblem_tile(size: int, first: str, second: str) -> Image.Image:
    """The theme's puzzle-piece emblem (emblem.svg, drawn in a 64-unit square) on a white
    rounded tile; drawn four times larger and scaled down, for smooth edges."""
    big = size * 4
    unit = big * 0.8 / 64  # the emblem fills 80% of the tile
    offset = big * 0.1
    tile = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(tile)
    draw.rounded_rectangle((0, 0, big - 1, big - 1), big * 0.18, fill="#ffffff")

    def at(*xy: float) -> list[float]:
        return [offset + v * unit for v in xy]

    draw.rounded_rectangle(at(32, 8, 56, 56), 6 * unit, fill=second,
                           corners=(False, True, True, False))
    draw.rounded_rectangle(at(8, 8, 32, 56), 6 * unit, fill=first,
                           corners=(True, False, False, True))
    # The knob: a circle of radius 7 through (32, 27) and (32, 37), bulging to the right.
    knob_x, knob_y, knob = 32 + math.sqrt(7 ** 2 - 5 ** 2), 32.0, 7.0
    draw.ellipse(at(knob_x - knob, knob_y - knob, knob_x + knob, knob_y + knob), fill=first)
    stroke = max(1, round(2 * unit))
    draw.line(at(32, 8, 32, 27), fill="#ffffff", width=stroke)
    draw.line(at(32, 37, 32, 56), fill="#ffffff", width=stroke)
    start = math.degrees(math.atan2(27 - knob_y, 32 - knob_x))
    end = math.degrees(math.atan2(37 - knob_y, 32 - knob_x))
    outer = knob + 1  # Pillow strokes an arc inwards from its box; SVG strokes it centred
    draw.arc(at(knob_x - outer, knob_y - outer, knob_x + outer, knob_y + outer),
             start % 360, end % 360, fill="#ffffff", width=stroke)
    return tile.resize((size, size), Image.Resampling.LANCZOS)


def _logo_tile(logo: Path, size: int) -> Image.Image:
    """A raster logo on a white rounded tile `size` high and as wide as it needs."""
    picture = decode(logo, size * 4)
    inner = size - 24
    width = min(size * 3, max(inner, round(picture.width * inner / picture.height)))
    picture.thumbnail((width, inner), Image.Resampling.LANCZOS)
    tile = Image.new("RGBA", (picture.width + 24, size), (0, 0, 0, 0))
    ImageDraw.Draw(tile).rounded_rectangle((0, 0, tile.width - 1, size - 1), 14,
                                           fill="#ffffff")
    layer = picture.convert("RGBA")
    tile.paste(layer, (12, (size - picture.height) // 2), layer)
    return tile


def email_logo(source: Path | None, height: int, first: str,
               second: str) -> tuple[bytes, int]:
    """The picture that heads an email, a PNG `height` pixels high, and its width; without
    metadata: a
    raster logo (at most four times as wide as it is high), or with no logo the
    puzzle-piece emblem in the brand's colours, as the site's header shows it."""
    if source is None:
        picture = _emblem_tile(height, first, second)
    else:
        picture = decode(source, height * 4)
        width = min(height * 4, max(1, round(picture.width * height / picture.height)))
        picture.thumbnail((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer.getvalue(), picture.width
