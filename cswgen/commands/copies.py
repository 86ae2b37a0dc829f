"""What a build copies into the output besides the pages it renders: the share images it
draws, the theme's static files, photos' copies and content files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cswgen.core import paths
from cswgen.core.errors import Problems
from cswgen.model.site import Site
from cswgen.read import themes

if TYPE_CHECKING:
    from cswgen.model.photos import Photos
    from cswgen.render import share
    from cswgen.render.strings import Words
    from cswgen.render.views import View


def unique(copies: list[tuple[str, Path]]) -> list[tuple[str, Path]]:
    """Each output path once (the languages share the theme's files and most photos)."""
    found: dict[str, tuple[str, Path]] = {}
    for copy in copies:
        found.setdefault(copy[0], copy)
    return list(found.values())


def share_cards(site: Site, pages: list[View], common: dict[str, Any], words: Words,
                painter: share.Painter, problems: Problems,
                later: Callable[[str], bool] | None = None) -> list[tuple[str, Path]]:
    """The share image of every page that names one, drawn into the cache folder (or
    found there; see `Painter.pngs` for `later`), with the output path each is copied to;
    text a card cannot show is left out of it, with a warning."""
    from cswgen.render import share

    cards = share.drawable(share.cards(pages, common["site"], common["week"], words,
                                       share.logo_of(site.config.root, site.config.brand.logo)),
                           site, problems)
    return list(zip(cards, painter.pngs(list(cards.values()), later), strict=True))


def files_to_copy(site: Site, theme_chain: list[themes.Theme],
                  photos: Photos) -> list[tuple[str, Path]]:
    """The theme's static files to assets/ (the most specific theme wins), the copies of
    photos, then content files (photo originals only where a page links to them)."""
    copies = [(f"assets/{relative}", source)
              for relative, source in themes.static_files(theme_chain).items()]
    copies += photos.files().items()
    content_dir = site.config.root / "content"
    # (at the name a link gives it: `paths.published`)
    copies += [(paths.published(relative), content_dir / relative) for relative in site.files
               if not photos.is_withheld(relative)]
    return copies
