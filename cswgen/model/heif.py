"""HEIF pictures (an iPhone's HEIC photos), read through Pillow with pillow_heif's reader.
The only module that imports pillow_heif, and only when such a picture is opened: libheif
is 70 ms to load, which a build without one never pays.

libheif decodes a picture upright (it applies the file's `irot` and `imir` boxes), and
pillow_heif sets the EXIF orientation it passes on to 1, so that nothing turns it again;
`decoder` reads no orientation from a HEIF at all, as the HEIF standard tells readers.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

# the major brands of a HEIF's `ftyp` box, bytes 8-12 (bytes 4-8 are `ftyp`): those
# pillow_heif reads (an AVIF's, `avif`, is not one of them)
BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs",
                    b"mif1", b"msf1"})


def is_heif(head: bytes) -> bool:
    """Whether a file that starts with `head` (its first 12 bytes) is a HEIF, whatever it
    is named (an iPhone photo renamed `.jpg`)."""
    return head[4:8] == b"ftyp" and head[8:12] in BRANDS


@cache
def register() -> bool:
    """Have Pillow read HEIF files; False when pillow_heif is not installed (cswgen
    installed without its dependencies)."""
    try:
        import pillow_heif
    except ImportError:
        return False
    # (without the embedded thumbnails, depth maps and HDR gain maps: only the photo)
    pillow_heif.register_heif_opener(thumbnails=False, depth_images=False, aux_images=False)
    return True


@cache
def version() -> str:
    """pillow_heif's version (it bundles libheif: its version says which decoder makes the
    pixels), from its `.dist-info` folder: without loading it; "-" when it is missing."""
    spec = importlib.util.find_spec("pillow_heif")
    if spec is None or spec.origin is None:
        return "-"
    found = sorted(Path(spec.origin).parent.parent.glob("pillow_heif-*.dist-info"))
    return found[-1].name.removesuffix(".dist-info").partition("-")[2] if found else "-"


def problem(source: Path) -> str:
    """What libheif says is wrong with a HEIF that Pillow could not open (pillow_heif's
    reader reports nothing to Pillow but that it is not one), on one line."""
    import pillow_heif

    try:
        pillow_heif.open_heif(source)
    except Exception as exc:  # (libheif's ValueError: "Invalid input: ...")
        return " ".join(str(exc).split())
    return "its header cannot be read"
