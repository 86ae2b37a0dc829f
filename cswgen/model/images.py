"""Copies of pictures, with Pillow: a photo's small upright copies, a logo's, a placeholder
while they are made, and a person's round photo for an email.  This, `decoder` (which opens
and decodes a picture, and reads what its header says) and `cards` (which draws the share
images and the email's header picture, from what `decode` gives it) are the only modules
that import PIL.

`render_photo` turns a picture as it comes from a phone (several megabytes, sideways, with
the GPS position where it was taken) into small upright copies that carry no metadata at
all.  Nothing here knows about sites, content paths or the cache: `photos` and `share`
decide what to make and keep it.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import PIL  # (its version: PIL itself is light)

if TYPE_CHECKING:
    from PIL import Image, ImageOps

from cswgen.core.digest import digest
from cswgen.model import decoder, heif

QUALITIES = (82, 74, 66, 58, 50, 42)  # lossy qualities tried in turn until a copy fits
# libwebp's effort (0-6, 4 by default): at 2 a phone photo's copies encode four times
# faster, as small and as sharp (0.06 dB PSNR less, 7% fewer bytes, at quality 82)
WEBP_EFFORT = 2
PLACEHOLDER = "#e8eaed"  # where a photo will be, while `cswgen serve` makes its copies
_NARROWEST = 16  # pixels: a copy is never made narrower to fit a budget (any fits by then)


if not TYPE_CHECKING:
    Image, ImageOps = (decoder.Later(f"PIL.{name}") for name in ("Image", "ImageOps"))


@cache
def recipe() -> str:
    """What a cached result depends on besides its inputs: this code, `decoder`'s and
    `heif`'s, Pillow's version and pillow_heif's (read from its files, not loaded: every
    photo's key holds it, so that one way to name a picture's decoder serves a HEIC renamed
    `.jpg` too)."""
    code = digest(Path(__file__).read_bytes(), Path(decoder.__file__).read_bytes(),
                  Path(heif.__file__).read_bytes())
    return f"{code} {PIL.__version__} {heif.version()}"


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
    would be the same pixels again.  Raises `decoder.Unreadable`."""
    keep_memory()
    picture, turn = decoder.decode_stored(source, max(widths))
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
        self.sideways = decoder.swaps_sides(turn)
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


def render_logo(source: Path, boxes: Sequence[tuple[int, int]], budget: int) -> list[Rendition]:
    """Copies of a logo, each as large as fits in one of `boxes` (width, height) keeping
    its shape, never enlarged (boxes a small logo fits whole give one copy), upright and
    without metadata: a JPEG as JPEG, anything else as PNG, transparency kept (a logo's
    flat colours and sharp edges are what PNG keeps best, losslessly); a JPEG copy within
    `budget` bytes where a lower quality can keep it to that.  Raises `decoder.Unreadable`."""
    picture, turn = decoder.decode_stored(source, max(width for width, _ in boxes))
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


def planned(source: Path, widths: Sequence[int]) -> list[tuple[int, int, str]]:
    """The width, height and format of each copy `render_photo` is expected to make, from
    the picture's header alone (nothing is decoded: a few milliseconds); a copy that must
    shrink to fit its budget, or a picture whose transparency is unused, turns out
    otherwise.  Raises `decoder.Unreadable` for a file that is not a picture."""
    width, height, transparent = decoder.header(source, max(widths))
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
    picture = decoder.decode(source, size * 2)
    if picture.mode == "RGBA":
        flat = Image.new("RGB", picture.size, "#ffffff")
        flat.paste(picture, mask=picture.getchannel("A"))
        picture = flat
    square = ImageOps.fit(picture, (size, size), Image.Resampling.LANCZOS, centering=(0.5, 0.4))
    buffer = io.BytesIO()
    square.save(buffer, "JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def email_picture(source: Path, width: int, budget: int) -> tuple[bytes, int, int]:
    """A JPEG of a picture `width` pixels wide (or as wide as it is, if narrower) for an
    email's column, within `budget` bytes where a lower quality can keep it, without
    metadata; and its width and height.  (Transparent parts are made white, the email's
    paper.)"""
    picture = decoder.decode(source, width)
    if picture.mode == "RGBA":
        flat = Image.new("RGB", picture.size, "#ffffff")
        flat.paste(picture, mask=picture.getchannel("A"))
        picture = flat
    if picture.width > width:
        height = max(1, round(picture.height * width / picture.width))
        picture = picture.resize((width, height), Image.Resampling.LANCZOS)
    return _lossy(picture, "JPEG", budget), picture.width, picture.height
