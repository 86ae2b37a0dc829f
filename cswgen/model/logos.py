"""The brand logo as each place that shows it gets it.

An SVG logo is shown as it is everywhere a browser shows it.  A raster logo (a brand pack's
PNG, a phone's photo of a sign, a GIF, ICO or AVIF) is drawn by Pillow into copies sized
for where the classic theme shows it, so that no page carries a 4000-pixel file for a box
3rem high, and a TV or a printer does not enlarge a 96-pixel copy: the copies are found in
the cache, or made into it, in phase 1, where one that cannot be read is an error at its
key in config.toml.  The share images and the staff email draw the logo themselves
(`cards.draw_card`, `cards.email_logo`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cswgen.core import paths
from cswgen.core.digest import digest
from cswgen.core.errors import Problems
from cswgen.core.files import FileStore
from cswgen.model import decoder, images
from cswgen.model.photocache import Copy, copies_in, published_name, stored
from cswgen.model.rasters import is_raster_logo
from cswgen.read.settings import SiteConfig

# Where the classic theme shows the logo (style.css), as boxes (width, height) in pixels
# that its copies fit in, keeping its shape and never enlarged.  A screen gets twice the
# CSS size (a phone's, a 4K TV's density); paper, three times (a printer's 300 dots an inch).


@dataclass(frozen=True)
class Use:
    name: str  # the template's `site.logo_<name>`
    box: tuple[int, int]


HEADER = ((192, 48), (384, 96))  # `.brand__logo`: 3rem high, at most 12rem wide; 1x and 2x
# `.screen__logo`: 2.4rem high where 1rem is 3.2% of the screen's shorter side: 83 CSS
# pixels on a 1920×1080 screen, twice that on a 4K one (or at twice the density)
SCREEN = Use("screen", (1344, 168))
# `.certificate__logo`: at most 3.5rem high (56 CSS pixels), printed
CERTIFICATE = Use("certificate", (1344, 168))
# `.sheet__logo` (posters and the programme): 2.5rem high (40 CSS pixels), printed
SHEET = Use("sheet", (960, 120))
USES = (SCREEN, CERTIFICATE, SHEET)
BOXES = tuple(sorted({*HEADER, *(use.box for use in USES)}, key=lambda box: box[1]))
BUDGET = 60_000  # bytes a JPEG logo's copy may take, where a lower quality can keep it


def drawable(logo: str | None) -> bool:
    """Whether Pillow draws the logo (the share images' and the staff email's): a raster
    file of a type this installation's Pillow reads; else cards show the emblem and the
    email none."""
    return logo is not None and is_raster_logo(logo) and decoder.reads(logo)


def prepare(config: SiteConfig, cache: FileStore, held: set[str],
            problems: Problems) -> list[Copy]:
    """A raster logo's copies for the pages, smallest first (none for an SVG, or no logo;
    the theme shows it on every page: a phone's 4032×3024 photo of it would be megabytes
    on each), found in the cache or made; one that cannot be read is an error at its key.  `held`:
    the content files' and folders' paths, casefolded, which no copy's name may take."""
    logo = config.brand.logo
    if not logo or not is_raster_logo(logo):
        return []
    path, line = config.root / "content" / logo, config.line_of("brand.logo")
    if not decoder.reads(logo):
        problems.warning("config.toml", line, f"[brand] logo {logo} is an AVIF file, "
                         "which this installation's Pillow cannot read: the pages show "
                         "it as it is, but the share images show the puzzle-piece "
                         "emblem and the staff email has no logo; save the logo as PNG "
                         "(or SVG) and give that file's path")
        return []
    try:
        made = _copies(cache, path)
    except decoder.Unreadable as exc:
        problems.error("config.toml", line, f"[brand] logo {logo} {exc}")
        return []
    stem = base = published_name(logo)
    counter = 2
    while any(f"{base}-{copy.height}h.{copy.suffix}".casefold() in held for copy in made):
        base, counter = f"{stem}-{counter}", counter + 1
    if decoder.has_location(path):
        problems.warning("config.toml", line,
                         f"[brand] logo {logo} records where it was taken (GPS), and "
                         "the file is published as it is, as every file in content/ is; "
                         "save a copy without the location (an image editor's "
                         "\"Export\" leaves it out) and give that file's path")
    return [Copy(f"{base}-{c.height}h.{c.suffix}", c.width, c.height, c.suffix, c.cached)
            for c in made]


def _copies(cache: FileStore, path: Path) -> list[Copy]:
    """The copies (`images.render_logo`, in BOXES), from the cache or made into it.
    Raises `decoder.Unreadable`."""
    key = digest("logo", images.recipe(), repr((BOXES, BUDGET)), path.read_bytes())
    copies = copies_in(cache.path(key), "")
    if not copies:
        copies = copies_in(stored(cache, key, images.render_logo(path, BOXES, BUDGET)), "")
    return copies


def view(config: SiteConfig, copies: list[Copy]) -> dict[str, Any]:
    """The brand logo for templates: `logo`, the file the header shows (a raster logo's
    copy at twice the size of its box, as sharp on a phone's screen; an SVG as it is),
    `logo_1x`, the copy at the box's size ("" when there is no smaller one), `logo_size`,
    {width, height} at the box's size (empty when the file does not say), and for each
    of USES, `logo_<name>`, the copy made for it (an SVG: the file itself)."""
    logo = config.brand.logo
    if not copies:
        size = decoder.intrinsic_size(config.root / "content" / logo) if logo else None
        named = paths.as_target(logo) if logo else logo  # (`C# logo.svg`: its `#` is the name's)
        return {"logo": named, "logo_1x": "",
                "logo_size": {"width": size[0], "height": size[1]} if size else {},
                **{f"logo_{use.name}": named for use in USES}}
    small, large = _fitting(copies, HEADER[0]), _fitting(copies, HEADER[1])
    return {"logo": large.path, "logo_1x": small.path if small is not large else "",
            "logo_size": {"width": small.width, "height": small.height},
            **{f"logo_{use.name}": _fitting(copies, use.box).path for use in USES}}


def _fitting(copies: list[Copy], box: tuple[int, int]) -> Copy:
    """The copy made for `box`: the largest that fits in it (the largest there is, for a
    logo smaller than the box; the smallest, for one of a shape no box holds)."""
    fits = [c for c in copies if c.width <= box[0] and c.height <= box[1] + 1]
    return fits[-1] if fits else copies[0]
