"""Pictures decoded with Pillow: opened (an iPhone's HEIF too, by `heif`), turned upright,
in sRGB, as RGB or RGBA, with every piece of metadata dropped; and what a picture's header
alone says (its size, whether it records where it was taken).  With `images` (which makes
the copies from what this decodes) and `cards`, the only modules that import PIL.

Pillow's modules are imported when first used (`Later`), here and in the modules that draw
with them.  Nothing here knows about sites, content paths or the cache.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import math
import re
import warnings
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import IO, TYPE_CHECKING, Any

from PIL import UnidentifiedImageError  # (defined by PIL itself)

if TYPE_CHECKING:
    from PIL import Image, ImageCms, features

from cswgen.model import heif

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
    Image, ImageCms, features = (Later(f"PIL.{name}") for name in (
        "Image", "ImageCms", "features"))


@cache
def _turns() -> dict[int, Image.Transpose]:
    """What turns a picture upright, by its EXIF orientation."""
    return {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
            4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
            6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
            8: Image.Transpose.ROTATE_90}


def swaps_sides(turn: Image.Transpose | None) -> bool:
    """Whether a turn (see `decode_stored`) swaps a picture's width and height."""
    return turn in {_turns()[o] for o in _SIDEWAYS}


class Unreadable(Exception):
    """A picture that cannot be used.  The message says why and what to do; the caller
    adds where it is named."""


def reads(name: str) -> bool:
    """Whether this copy of Pillow reads a picture named `name`: an AVIF only where it was
    built with libavif (Pillow 11.2 on); every other type cswgen takes, always."""
    if not name.lower().endswith(".avif"):
        return True
    return "avif" in features.modules and bool(features.check_module("avif"))


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
    (see `decode_stored`)."""
    picture, turn = decode_stored(source, widest)
    return picture if turn is None else picture.transpose(turn)


def decode_stored(source: Path, widest: int) -> tuple[Image.Image, Image.Transpose | None]:
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


def header(source: Path, widest: int) -> tuple[int, int, bool]:
    """The upright width and height a picture will have decoded for copies at most `widest`
    pixels wide (`_draft`), and whether it may be see-through, from its header alone
    (nothing is decoded: a few milliseconds).  Raises `Unreadable` for a file that is not a
    picture."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with source.open("rb") as file, _open(file) as opened:
                width, height = _draft(opened, widest)
                transparent = opened.mode in ("RGBA", "LA", "PA") or (
                    "transparency" in opened.info)
    except Exception:
        decode(source, widest)  # says why, as a build would
        raise Unreadable("is damaged or incomplete") from None
    return width, height, transparent


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
