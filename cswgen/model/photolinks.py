"""What a page links to among the site's files, and the photos published as they are that
record where they were taken: a linked file is published as it is (a raster picture shown
on a page is published as copies, without its metadata), so a phone photo linked to, or left
in content/ unshown, or an AVIF (published as it is, shown or not) that holds a GPS
position gets a warning with what to do.  Also the `cswgen-root:` addresses and body lines
that `photos` finds pictures by."""

from __future__ import annotations

import html
import posixpath
import re
import unicodedata
from urllib.parse import unquote

from cswgen.core import paths
from cswgen.core.errors import Problems
from cswgen.model import decoder
from cswgen.model.rasters import RASTER_HREF, is_as_is_photo, is_raster
from cswgen.model.rendered import Rendered
from cswgen.model.sanitize import ROOT_SCHEME
from cswgen.model.site import Site
from cswgen.read.records import Day, Entry

HREF = re.compile(r'href="([^"]*)"')


def linked_files(site: Site, bodies: dict[str, Rendered], problems: Problems) -> set[str]:
    """The raster pictures and AVIF files published pages link to; a warning for each that
    records where it was taken (or is an iPhone's HEIC, which only Safari shows)."""
    content = site.config.root / "content"
    linked: set[str] = set()
    for entry in site.entries():
        body = bodies.get(entry.key)
        if body is None or body.pictures is False \
                or (isinstance(entry, Day) and site.is_teaser(entry)) \
                or not RASTER_HREF.search(body.html):
            continue
        for match in HREF.finditer(body.html):
            target = root_target(match.group(1))
            if not target or target in linked or \
                    not (is_raster(target) or is_as_is_photo(target)):
                continue
            linked.add(target)
            if not (content / target).is_file():
                continue
            if _is_heic(target):  # (most browsers download it, and cannot show it)
                recorded = decoder.has_location(content / target)
                problems.warning(entry.path, line_in(entry, target),
                                 f"the link to {target} publishes the original iPhone "
                                 "photo (HEIC), which only Safari shows" +
                                 (", and it records where it was taken (GPS)"
                                  if recorded else "") +
                                 "; show it with ![description](...) instead, which "
                                 "publishes copies every browser shows" +
                                 (", without the location" if recorded else ""))
            elif is_as_is_photo(target) and decoder.has_location(content / target):
                problems.warning(entry.path, line_in(entry, target),
                                 f"the link to {target} publishes the photo as it is, "
                                 f"and it records where it was taken (GPS); {_AS_IS_FIX}")
            elif decoder.has_location(content / target):
                problems.warning(entry.path, line_in(entry, target),
                                 f"the link to {target} publishes the original photo, "
                                 "which records where it was taken (GPS); show it with "
                                 "![description](...) instead, or link to a copy saved "
                                 "without location")
    return linked


def warn_unshown(site: Site, pictures: set[str], linked: set[str], problems: Problems) -> None:
    """Warn about a photo that no content shows or links to, so it is published as it
    is, when it records where it was taken (a phone's `IMG_0412 - Copy.JPG` left beside
    the one an entry shows, or the HEIC an iPhone saved of it).  An AVIF
    is published as it is, shown or not (no copies are made of it), so one that records
    its location is reported wherever it is."""
    content = site.config.root / "content"
    for relative in site.files:
        if is_as_is_photo(relative) and relative not in linked \
                and relative != site.config.brand.logo:
            if decoder.has_location(content / relative):
                shown = "a page shows" if relative in pictures else "no page shows"
                problems.warning(f"content/{relative}", 0, f"is an AVIF photo that "
                                 f"{shown}; cswgen publishes AVIF files as they are, and "
                                 f"this one records where it was taken (GPS); "
                                 f"{_AS_IS_FIX}")
            continue
        if not is_raster(relative) or relative in pictures \
                or relative in linked or relative == site.config.brand.logo:
            continue
        if decoder.has_location(content / relative):
            problems.warning(f"content/{relative}", 0, "is a photo that no page shows, "
                             "so it is published as it is, and it records where it was "
                             "taken (GPS); move it out of content/ if it is not for the "
                             "site, or show it in a page (as ![description](...)), which "
                             "publishes copies without the location")


# what to do about an AVIF that records its location (see `warn_unshown`)
_AS_IS_FIX = ("save it again without the location (most photo editors have \"remove "
              "location\" when exporting), or as JPEG, which cswgen publishes as copies "
              "without it")


def _is_heic(relative: str) -> bool:
    """An iPhone's photo (HEIC or HEIF): cswgen reads it, as any photo, but of the
    browsers only Safari shows the file itself."""
    return relative.lower().endswith((".heic", ".heif"))


def root_target(value: str) -> str | None:
    """The content path of a `cswgen-root:` address in HTML, without query or fragment."""
    value = html.unescape(value)
    if not value.startswith(ROOT_SCHEME + ":"):
        return None
    path = value.removeprefix(ROOT_SCHEME + ":").split("#")[0].split("?")[0]
    return paths.from_target(path) or None


def line_in(entry: Entry, source: str) -> int:
    """The body line that names `source` (by its file name), else the body's first line."""
    name = posixpath.basename(source)
    lines = entry.body.split("\n")
    for offset, text in enumerate(lines):
        if name in text or name in unquote(text):  # (`team%20photo.jpg`, `C%23.jpg`)
            return entry.body_line + offset
    if not name.isascii():  # (a name macOS stored decomposed, `e` and `´`, typed composed)
        name = unicodedata.normalize("NFC", name)
        for offset, text in enumerate(lines):
            if name in unicodedata.normalize("NFC", unquote(text)):
                return entry.body_line + offset
    return entry.body_line
