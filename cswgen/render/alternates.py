"""The links between a page and its versions in the site's other languages: for the
language switcher and `<link rel="alternate" hreflang>`."""

from __future__ import annotations

import re

from cswgen.model.site import SHARE_IMAGE
from cswgen.render.strings import language_of
from cswgen.render.views import View

LANGUAGE_FILES = ("feed.xml", "week.ics", "404.html", SHARE_IMAGE)  # one in each language


def localized(target: str, prefix: str) -> str:
    """A page's or a language's file's site path as it is in the language whose pages
    are under `prefix` (`testimonials/` -> `sw/testimonials/`); a path that starts with
    `/` is from the site's root, as it is (the language switcher's links)."""
    if target.startswith("/"):
        return target[1:]
    if not prefix or target.startswith((prefix, "#")):
        return target
    path = target.partition("#")[0]
    if path == "" or path.endswith("/") or path in LANGUAGE_FILES:
        return prefix + target
    return target


def link_editions(editions: list[tuple[str, str, list[View]]]) -> None:
    """Give every page of every language (tag, folder, pages; the default first) its
    `alternates`: each language's version of the same page (where it has none, for the
    switcher, the language's first page of the same list for a later page of one, or its
    home page; `exists` false, so that no `hreflang` calls that page a version of this
    one), with paths from the site's root (`/sw/days/monday/`)."""
    if len(editions) < 2:
        return
    present = {tag: {page["path"][len(folder):] for page in pages}
               for tag, folder, pages in editions}
    for tag, folder, pages in editions:
        for page in pages:
            own = page["path"][len(folder):]
            page["alternates"] = [
                {"tag": other, "name": language_of(other).name,
                 "dir": language_of(other).direction, "current": other == tag,
                 "default": index == 0,
                 "exists": own in present[other],
                 "path": "/" + there + _nearest(own, present[other])}
                for index, (other, there, _) in enumerate(editions)]


_LATER_PAGE = re.compile(r"page/[0-9]+/$")  # `testimonials/page/2/` (see `paging`)


def _nearest(own: str, present: set[str]) -> str:
    """Where a language's switcher lands for the page at `own`: that page, or for a later
    page of a list that language has fewer pages of, its list, or else its home page."""
    if own in present:
        return own
    listing = _LATER_PAGE.sub("", own)
    return listing if listing != own and listing in present else ""
