"""Which files are raster pictures (photos, as opposed to SVGs), and whether a body's HTML
shows or links to one: decided once, when the body is converted, so that a rebuild passes
over the bodies that do neither without reading their HTML again."""

from __future__ import annotations

import re

RASTER = (".jpg", ".jpeg", ".jpe", ".png", ".webp", ".bmp", ".tif", ".tiff", ".heic", ".heif")
# photos published as they are (no copies are made of an AVIF: Pillow reads it only where it
# was built with libavif), whose location (GPS) is looked for all the same
AS_IS_PHOTO = (".avif",)

_SUFFIXES = "|".join(re.escape(suffix[1:]) for suffix in (*RASTER, *AS_IS_PHOTO))
# (a literal `href="` first: most bodies link to no picture, and are passed over at C speed)
RASTER_HREF = re.compile(rf'href="[^"]*\.(?i:{_SUFFIXES})(?:[?#][^"]*)?"')


# what a logo may be besides SVG (config.toml takes every type a browser shows): drawn by
# Pillow, as the pages' copies, on the share images and in the email
LOGO_RASTER = (*RASTER, *AS_IS_PHOTO, ".gif", ".ico")


def is_raster(path: str) -> bool:
    return path.lower().endswith(RASTER)


def is_as_is_photo(path: str) -> bool:
    """A photo published as it is, which may record where it was taken (an AVIF)."""
    return path.lower().endswith(AS_IS_PHOTO)


def is_raster_logo(path: str) -> bool:
    return path.lower().endswith(LOGO_RASTER)


def shows_pictures(html: str) -> bool:
    """Whether HTML has an <img> or a link to a raster picture's or an AVIF's file."""
    return "<img" in html or RASTER_HREF.search(html) is not None
