"""Pictures, with Pillow: read, turned upright, and copied.  This and `cards` (which draws
the share images and the email's header picture, from what `decode` gives it) are the only
modules that import PIL.

`render_photo` turns a picture as it comes from a phone (several megabytes, sideways, with
the GPS position where it was taken) into small upright copies that carry no metadata at
all.  Nothing here knows about sites, content paths or the cache: `photos` and `share`
decide what to make and keep it.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import io
import math
import re
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
    from PIL import Image, ImageCms, ImageOps, features

from cswgen.core.digest import digest
from cswgen.model import heif

QUALITIES = (82, 74, 66, 58, 50, 42)  # lossy qualities tried in turn until a copy fits
# libwebp's effort (0-6, 4 by default): at 2 a phone photo's copies encode four times
# faster, as small and as sharp (0.06 dB PSNR less, 7% fewer bytes, at quality 82)
WEBP_EFFORT = 2
PLACEHOLDER = "#e8eaed"  # where a photo will be, while `cswgen serve` makes its copies
_NARROWEST = 16  # pixels: a copy is never made narrower to fit a budget (any fits by then)
_ORIENTATION = 0x0112
_GPS_IFD = 0x8825
_SIDEWAYS = (5, 6, 7, 8)  # EXIF orientations that swap width and height


class Later:
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
    Image, ImageCms, ImageOps, features = (Later(f"PIL.{name}") for name in (
        "Image", "ImageCms", "ImageOps", "features"))


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
    keep_memory()
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
def keep_memory() -> None:
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


def decode(source: Path, widest: int) -> Image.Image:
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
        decode(source, max(widths))  # says why, as a build would
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


def avatar(source: Path, size: int) -> bytes:
    """A square JPEG `size` pixels wide of a person's photo for an email, cut from its middle
    a little above centre (where a face is in a portrait), without metadata.  Email programs
    cannot crop (no `object-fit`), so a portrait photo in a round frame would be an oval."""
    picture = decode(source, size * 2)
    if picture.mode == "RGBA":
        flat = Image.new("RGB", picture.size, "#ffffff")
        flat.paste(picture, mask=picture.getchannel("A"))
        picture = flat
    square = ImageOps.fit(picture, (size, size), Image.Resampling.LANCZOS, centering=(0.5, 0.4))
    buffer = io.BytesIO()
    square.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()
