"""Pictures, with Pillow.  The only module that imports PIL.

`render_photo` turns a picture as it comes from a phone (several megabytes, sideways, with
the GPS position where it was taken) into small upright copies that carry no metadata at
all.  `draw_card` draws the 1200×630 share image that link previews show.  Nothing here
knows about sites, content paths or the cache: `photos` and `share` decide what to make
and keep it.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import io
import math
import re
import unicodedata
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import IO, TYPE_CHECKING, Any

import PIL  # (its version: PIL itself is light)
from PIL import UnidentifiedImageError  # (defined by PIL itself)

if TYPE_CHECKING:
    from PIL import Image, ImageCms, ImageDraw, ImageFont, ImageOps, features

from cswgen.core.bidi import plain
from cswgen.core.colours import contrast
from cswgen.core.digest import digest
from cswgen.model import fonts, heif, textlines
from cswgen.model.textlines import Place, Setting, levels, shorten, visual, way_of, whole, wrap

CARD_WIDTH, CARD_HEIGHT = 1200, 630
QUALITIES = (82, 74, 66, 58, 50, 42)  # lossy qualities tried in turn until a copy fits
# libwebp's effort (0-6, 4 by default): at 2 a phone photo's copies encode four times
# faster, as small and as sharp (0.06 dB PSNR less, 7% fewer bytes, at quality 82)
WEBP_EFFORT = 2
PLACEHOLDER = "#e8eaed"  # where a photo will be, while `cswgen serve` makes its copies
_NARROWEST = 16  # pixels: a copy is never made narrower to fit a budget (any fits by then)
_ORIENTATION = 0x0112
_GPS_IFD = 0x8825
_SIDEWAYS = (5, 6, 7, 8)  # EXIF orientations that swap width and height


class _Later:
    """A module of Pillow's, imported when first used: a build whose pictures are all in
    the cache (or a site with none) never loads Pillow's image code, 35 ms of every
    start."""

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attribute: str) -> Any:
        if self._module is None:
            self._module = importlib.import_module(self._name)
        return getattr(self._module, attribute)


if not TYPE_CHECKING:
    Image, ImageCms, ImageDraw, ImageFont, ImageOps, features = (_Later(f"PIL.{name}") for name in (
        "Image", "ImageCms", "ImageDraw", "ImageFont", "ImageOps", "features"))


@cache
def _turns() -> dict[int, Image.Transpose]:
    """What turns a picture upright, by its EXIF orientation."""
    return {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
            4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
            6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
            8: Image.Transpose.ROTATE_90}


@cache
def recipe() -> str:
    """What a cached result depends on besides its inputs: this code and `heif`'s, Pillow's
    version and pillow_heif's (read from its files, not loaded: every photo's key holds it,
    so that one way to name a picture's decoder serves a HEIC renamed `.jpg` too)."""
    code = digest(Path(__file__).read_bytes(), Path(heif.__file__).read_bytes())
    return f"{code} {PIL.__version__} {heif.version()}"


class Unreadable(Exception):
    """A picture that cannot be used.  The message says why and what to do; the caller
    adds where it is named."""


@dataclass(frozen=True)
class Rendition:
    width: int
    height: int
    suffix: str  # "webp", "jpg" or "png"
    data: bytes


# --- photos -------------------------------------------------------------------------


def render_photo(source: Path, widths: Sequence[int], budget: int) -> list[Rendition]:
    """Upright copies of `source` at each of `widths` that is narrower than the picture,
    plus one at its own width up to the widest (never enlarged), each as WebP and as JPEG
    (PNG when the picture has transparency), each no larger than `budget` bytes.

    A copy that is too large at the best quality is made again at lower qualities (lossy
    formats; a PNG with 256 colours); one still too large at the lowest is made with fewer
    pixels, both formats alike, so that a `srcset` entry names the true width of either
    file.  A picture whose copies must shrink has no wider copies after that one: they
    would be the same pixels again.  Raises `Unreadable`."""
    _keep_memory()
    picture, turn = _decode_stored(source, max(widths))
    transparent = picture.mode == "RGBA"
    renditions: list[Rendition] = []
    scaled = _Scaled(picture, turn)
    for width in sizes_for(scaled.width, widths):
        pair = _fitted(scaled, width, budget, transparent)
        if renditions and pair[0].width <= renditions[-1].width:
            break  # shrunk to no wider than the copy before it
        renditions.extend(pair)
        if pair[0].width < width:
            break  # every wider copy would shrink to about this one
    return renditions


@cache
def _keep_memory() -> None:
    """Have this process keep the memory it frees for its next photo.  glibc hands every
    freed block over 128 KB back to the system at once, and a photo's buffers are tens of
    megabytes, so each photo's were mapped and zeroed again: 37 ms of system time a phone
    photo (10,000 page faults), 5 ms once they are kept (up to 64 MB, a photo's worth).
    Elsewhere than glibc, nothing changes."""
    with contextlib.suppress(Exception):  # (no glibc: no mallopt)
        libc = ctypes.CDLL(None)
        libc.mallopt(-3, 32 << 20)  # M_MMAP_THRESHOLD: blocks below this from the heap
        libc.mallopt(-1, 64 << 20)  # M_TRIM_THRESHOLD: free memory kept on the heap


# Each copy is resized from the picture as decoded, after a box `reduce` by the whole
# factor that leaves Lanczos at least this much of the way (Pillow's `reducing_gap`): a
# 640-pixel copy of a phone photo costs a quarter of the filtering, and stays above 50 dB
# PSNR against resizing the whole undrafted picture (the 1280 copy, from the draft, 48 dB).
_REDUCING_GAP = 1.1


class _Scaled:
    """A picture at the widths its copies need, upright.  Each is resized from the picture
    as decoded and turned upright afterwards (turning a copy costs a fraction of turning
    the whole picture): the same pixels as turning first."""

    def __init__(self, picture: Image.Image, turn: Image.Transpose | None) -> None:
        self.picture, self.turn = picture, turn
        self.sideways = turn in {_turns()[o] for o in _SIDEWAYS}
        # upright
        self.width, self.height = picture.size[::-1] if self.sideways else picture.size
        self.made: dict[int, Image.Image] = {}

    def at(self, width: int) -> Image.Image:
        """The picture `width` pixels wide (its height in proportion to the whole one's)."""
        if width not in self.made:
            height = max(1, round(self.height * width / self.width))
            size = (height, width) if self.sideways else (width, height)
            resized = self.picture.resize(size, Image.Resampling.LANCZOS,
                                          reducing_gap=_REDUCING_GAP)
            self.made[width] = resized if self.turn is None else resized.transpose(self.turn)
        return self.made[width]


def _fitted(scaled: _Scaled, width: int, budget: int,
            transparent: bool) -> tuple[Rendition, Rendition]:
    """The WebP and the fallback of the picture `width` pixels wide, or narrower until both
    fit in `budget` at the lowest quality."""
    while True:
        resized = scaled.at(width)
        height = resized.height
        webp = _lossy(resized, "WEBP", budget)
        fallback = _png(resized, budget) if transparent else _lossy(resized, "JPEG", budget)
        largest = max(len(webp), len(fallback))
        if largest <= budget or width <= _NARROWEST:
            return (Rendition(width, height, "webp", webp),
                    Rendition(width, height, "png" if transparent else "jpg", fallback))
        # bytes go roughly with the number of pixels: aim a little under the budget
        scale = min(0.9, math.sqrt(budget / largest) * 0.95)
        width = max(_NARROWEST, math.floor(width * scale))


def reads(name: str) -> bool:
    """Whether this copy of Pillow reads a picture named `name`: an AVIF only where it was
    built with libavif (Pillow 11.2 on); every other type cswgen takes, always."""
    if not name.lower().endswith(".avif"):
        return True
    return "avif" in features.modules and bool(features.check_module("avif"))


def render_logo(source: Path, boxes: Sequence[tuple[int, int]], budget: int) -> list[Rendition]:
    """Copies of a logo, each as large as fits in one of `boxes` (width, height) keeping
    its shape, never enlarged (boxes a small logo fits whole give one copy), upright and
    without metadata: a JPEG as JPEG, anything else as PNG, transparency kept (a logo's
    flat colours and sharp edges are what PNG keeps best, losslessly); a JPEG copy within
    `budget` bytes where a lower quality can keep it to that.  Raises `Unreadable`."""
    picture, turn = _decode_stored(source, max(width for width, _ in boxes))
    scaled = _Scaled(picture, turn)
    photo = source.suffix.lower() in (".jpg", ".jpeg", ".jpe")
    renditions: list[Rendition] = []
    for width in sorted({fitted_width(scaled.width, scaled.height, box) for box in boxes}):
        resized = scaled.at(width)
        if photo:
            data = _lossy(resized, "JPEG", budget)
        else:  # (never down to 256 colours, as `_png` may: Pillow's octree loses alpha)
            buffer = io.BytesIO()
            resized.save(buffer, "PNG", optimize=True)
            data = buffer.getvalue()
        renditions.append(Rendition(width, resized.height, "jpg" if photo else "png", data))
    return renditions


def fitted_width(width: int, height: int, box: tuple[int, int]) -> int:
    """The width of a picture `width` by `height` as large as fits in `box`, not enlarged."""
    scale = min(1.0, box[0] / width, box[1] / height)
    return max(1, round(width * scale))


def sizes_for(actual: int, widths: Sequence[int]) -> list[int]:
    """The widths to make of a picture `actual` pixels wide: never wider than it is."""
    ladder = sorted(set(widths))
    return sorted({w for w in ladder if w < actual} | {min(actual, ladder[-1])})


_SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE)
_SVG_ATTRIBUTE = re.compile(rb"""\s([a-zA-Z:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_SVG_LENGTH = re.compile(rb"\s*([0-9]*\.?[0-9]+)\s*(?:px)?\s*")


def intrinsic_size(source: Path) -> tuple[int, int] | None:
    """The width and height a browser gives a picture shown as it is (an SVG by its `width`
    and `height`, else its `viewBox`; a raster picture upright), so that a page can hold its
    space before it arrives; None when the file does not say."""
    try:
        if source.suffix.lower() == ".svg":
            with source.open("rb") as file:
                return _svg_size(file.read(65_536))
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with source.open("rb") as file, _open(file) as opened:
                sideways = _orientation(opened) in _SIDEWAYS
                width, height = opened.size
                return (height, width) if sideways else (width, height)
    except Exception:  # unreadable: shown without a size, and reported where it is checked
        return None


def _svg_size(head: bytes) -> tuple[int, int] | None:
    tag = _SVG_TAG.search(head)
    if not tag:
        return None
    attributes = {m[1].lower(): m[2] if m[2] is not None else m[3]
                  for m in _SVG_ATTRIBUTE.finditer(tag.group(0))}
    width, height = (_SVG_LENGTH.fullmatch(attributes.get(k, b"")) for k in (b"width", b"height"))
    if width and height:  # in CSS pixels (a size in %, em or mm is left to the viewBox)
        size = float(width[1]), float(height[1])
    else:
        box = attributes.get(b"viewbox", b"").replace(b",", b" ").split()
        try:
            size = float(box[2]), float(box[3])
        except (IndexError, ValueError):
            return None
    if not all(0 < v < 1_000_000 for v in size):
        return None
    return max(1, round(size[0])), max(1, round(size[1]))


def has_location(source: Path) -> bool:
    """Whether a picture records where it was taken (EXIF GPS data)."""
    try:
        with source.open("rb") as file, _open(file) as opened:
            return bool(opened.getexif().get_ifd(_GPS_IFD))
    except Exception:  # an unreadable file is reported elsewhere, if it is used
        return False


def _decode(source: Path, widest: int) -> Image.Image:
    """The picture upright, in sRGB, as RGB or RGBA, with every piece of metadata dropped
    (see `_decode_stored`)."""
    picture, turn = _decode_stored(source, widest)
    return picture if turn is None else picture.transpose(turn)


def _decode_stored(source: Path, widest: int) -> tuple[Image.Image, Image.Transpose | None]:
    """The picture as stored, in sRGB, as RGB or RGBA, with every piece of metadata
    dropped, and the turn that makes it upright (by its EXIF orientation, as
    `ImageOps.exif_transpose` reads it; a HEIF, by the boxes libheif applies as it decodes:
    `_orientation`), None when it is upright already.

    A JPEG is decoded at a reduced scale when the copies need no more (`draft`), so a
    50-megapixel photo never takes 200 MB of memory; anything over Pillow's
    decompression-bomb limit is refused before it is decoded.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # (the file is opened here, not by Pillow, whose closing it would free the
            # pixels too: the picture is used as decoded, not copied first)
            with source.open("rb") as file:
                opened = _open(file)
                _draft(opened, widest)
                opened.load()
                turn = _turns().get(_orientation(opened))
                picture = _normalise(opened)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        limit = (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000
        raise Unreadable(f"is too large to open safely (more than {limit} million pixels); "
                         "save a smaller copy, for example 4000 pixels wide") from None
    except UnidentifiedImageError:
        if _is_heif(source):  # (its first bytes say so, but not the rest of its header)
            raise Unreadable(f"is damaged or incomplete ({heif.problem(source)}); "
                             f"{_COPY_AGAIN}") from None
        if not source.stat().st_size:  # (a stub a sync left, a copy stopped at its start)
            raise Unreadable("is empty (0 bytes): the copy or download that made it did not "
                             "finish; copy it again from where it came from") from None
        raise Unreadable("is not a picture cswgen can read; save it as JPEG or PNG") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        why = " ".join(str(exc).split())  # (libheif's messages end with a line break)
        raise Unreadable(f"is damaged or incomplete ({why}); {_COPY_AGAIN}") from None
    return picture, turn


_COPY_AGAIN = ("copy it again from where it came from, or open and save it again in a photo "
               "editor")


def _open(file: IO[bytes]) -> Image.Image:
    """`Image.open`, which reads a HEIF too (an iPhone's HEIC, whatever it is named):
    pillow_heif's reader is registered when a file starts like one, so that a build with
    none never loads it."""
    if heif.is_heif(file.read(12)) and not heif.register():
        raise Unreadable("is an iPhone photo (HEIC), which cswgen reads with pillow-heif, "
                         "and pillow-heif is not installed (cswgen was installed without its "
                         "dependencies); install it: pip install pillow-heif")
    file.seek(0)
    return Image.open(file)


def _is_heif(source: Path) -> bool:
    try:
        with source.open("rb") as file:
            return heif.is_heif(file.read(12))
    except OSError:
        return False


def _orientation(opened: Image.Image) -> int:
    """The EXIF orientation that says how to turn a picture as decoded upright; 1 for a
    HEIF, which libheif decodes upright already (`heif`): an iPhone records the turn in the
    file's `irot` box and in its EXIF as well, and turning by both would turn it twice."""
    if opened.format == "HEIF":
        return 1
    orientation = opened.getexif().get(_ORIENTATION, 1)
    return orientation if isinstance(orientation, int) else 1


def _draft(opened: Image.Image, widest: int) -> tuple[int, int]:
    """Have a JPEG decoded at the smallest scale that is still `widest` pixels wide upright
    (nothing is decoded yet); returns the upright size the picture will have."""
    sideways = _orientation(opened) in _SIDEWAYS
    upright_width = opened.height if sideways else opened.width
    # (MPO: a JPEG with a second picture after it, as Android's Ultra HDR and Samsung's
    # cameras save a photo and its gain map; Pillow shrinks its first picture as a JPEG's)
    if opened.format in ("JPEG", "MPO") and upright_width > widest:
        scale = widest / upright_width
        opened.draft("RGB", (math.ceil(opened.width * scale),
                             math.ceil(opened.height * scale)))
    return (opened.height, opened.width) if sideways else opened.size


def planned(source: Path, widths: Sequence[int]) -> list[tuple[int, int, str]]:
    """The width, height and format of each copy `render_photo` is expected to make, from
    the picture's header alone (nothing is decoded: a few milliseconds); a copy that must
    shrink to fit its budget, or a picture whose transparency is unused, turns out
    otherwise.  Raises `Unreadable` for a file that is not a picture."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with source.open("rb") as file, _open(file) as opened:
                width, height = _draft(opened, max(widths))
                transparent = opened.mode in ("RGBA", "LA", "PA") or (
                    "transparency" in opened.info)
    except Exception:
        _decode(source, max(widths))  # says why, as a build would
        raise Unreadable("is damaged or incomplete") from None
    fallback = "png" if transparent else "jpg"
    return [(w, max(1, round(height * w / width)), suffix)
            for w in sizes_for(width, widths) for suffix in ("webp", fallback)]


def placeholder(width: int, height: int, suffix: str) -> bytes:
    """A light, even picture of that size, shown while a photo's copies are made."""
    buffer = io.BytesIO()
    picture = Image.new("RGB", (width, height), PLACEHOLDER)
    if suffix == "webp":  # (lossy at effort 4, an even 1280×1707 took 0.8 s; this, 35 ms)
        picture.save(buffer, "WEBP", lossless=True, method=0)
    elif suffix == "png":
        picture.save(buffer, "PNG", compress_level=1)
    else:
        picture.save(buffer, "JPEG", quality=30)
    return buffer.getvalue()


def _normalise(picture: Image.Image) -> Image.Image:
    """RGB, or RGBA when some pixel is see-through; colours moved to sRGB; no metadata."""
    if picture.mode.startswith("I"):
        # 16-bit greys (a black-and-white PNG from Lightroom or a scanner) run to 65535:
        # converted as they are, every grey above 255 would be white
        wide = picture.convert("I")
        top = wide.getextrema()[1]  # (one band: its lowest and highest level)
        scale = 1 / 257 if isinstance(top, int | float) and top > 255 else 1
        picture = wide.point(lambda level: level * scale).convert("L")
    if picture.mode not in ("RGB", "RGBA", "L", "CMYK") or "transparency" in picture.info:
        # (an RGB or grey PNG may name one colour see-through: how optimisers such as
        # optipng save a logo whose edges are all opaque or all clear)
        picture = picture.convert("RGBA")
    mode = "RGB"
    if picture.mode == "RGBA":
        opaque = picture.getchannel("A").getextrema() == (255, 255)
        mode = "RGB" if opaque else "RGBA"
    profile = picture.info.get("icc_profile")
    if profile:
        # (a broken profile: the colours are used as they are)
        with contextlib.suppress(ImageCms.PyCMSError, OSError, ValueError):
            picture = ImageCms.profileToProfile(picture, ImageCms.ImageCmsProfile(
                io.BytesIO(profile)), _srgb(), outputMode=mode) or picture
    if picture.mode != mode:
        picture = picture.convert(mode)
    picture.info = {}  # EXIF, GPS, XMP, ICC, comments: none of it is copied
    return picture


@cache
def _srgb() -> ImageCms.ImageCmsProfile:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _lossy(picture: Image.Image, kind: str, budget: int) -> bytes:
    data = b""
    for quality in QUALITIES:
        buffer = io.BytesIO()
        if kind == "WEBP":
            picture.save(buffer, "WEBP", quality=quality, method=WEBP_EFFORT)
        else:
            # baseline, not progressive: the same pixels (the same quantisation) in about
            # as many bytes, encoded in half the time; it is the fallback for browsers
            # without WebP, which never see it build up in passes anyway
            picture.save(buffer, "JPEG", quality=quality, optimize=True)
        data = buffer.getvalue()
        if len(data) <= budget:
            break
    return data


def _png(picture: Image.Image, budget: int) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    if buffer.tell() <= budget:
        return buffer.getvalue()
    fewer = io.BytesIO()  # 256 colours: what a PNG of a photo needs to stay small
    _quantized(picture).save(fewer, "PNG", optimize=True)
    return min(buffer.getvalue(), fewer.getvalue(), key=len)


def _quantized(picture: Image.Image) -> Image.Image:
    """`picture` in 256 colours.  Pillow's octree gives each colour the mean alpha of the
    pixels it stands for, so where a soft edge shares a colour with opaque pixels, they
    came out 1-4% see-through (the page showing through a face): a colour that any opaque
    pixel has is made opaque (the edge's pixels that share it are within a sixteenth of
    opaque already), and one that only clear pixels have, clear."""
    fewer = picture.quantize(256, method=Image.Quantize.FASTOCTREE)
    if picture.mode != "RGBA":
        return fewer
    alpha = picture.getchannel("A")
    opaque = fewer.histogram(mask=alpha.point(lambda a: 255 if a == 255 else 0))
    clear = fewer.histogram(mask=alpha.point(lambda a: 255 if a == 0 else 0))
    used = fewer.histogram()
    palette = fewer.getpalette("RGBA") or []
    for index in range(len(palette) // 4):
        if opaque[index]:
            palette[4 * index + 3] = 255
        elif clear[index] and clear[index] == used[index]:
            palette[4 * index + 3] = 0
    fewer.putpalette(palette, "RGBA")
    return fewer


# --- share cards --------------------------------------------------------------------


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
    """What a cached card depends on besides its text: this code and `textlines`'s, the
    fonts (the text is cut into runs by which characters each has) and whether Pillow lays
    text out with raqm."""
    faces = [f.file(b).read_bytes() for f in fonts.FACES for b in (False, True)]
    return digest(recipe(), Path(textlines.__file__).read_bytes(),
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
    _keep_memory()
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
    picture = _decode(logo, size * 4)
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
        picture = _decode(source, height * 4)
        width = min(height * 4, max(1, round(picture.width * height / picture.height)))
        picture.thumbnail((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer.getvalue(), picture.width


def avatar(source: Path, size: int) -> bytes:
    """A square JPEG `size` pixels wide of a person's photo for an email, cut from its middle
    a little above centre (where a face is in a portrait), without metadata.  Email programs
    cannot crop (no `object-fit`), so a portrait photo in a round frame would be an oval."""
    picture = _decode(source, size * 2)
    if picture.mode == "RGBA":
        flat = Image.new("RGB", picture.size, "#ffffff")
        flat.paste(picture, mask=picture.getchannel("A"))
        picture = flat
    square = ImageOps.fit(picture, (size, size), Image.Resampling.LANCZOS, centering=(0.5, 0.4))
    buffer = io.BytesIO()
    square.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()
