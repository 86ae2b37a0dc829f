"""The keys of the pages each entry has (a testimonial's, a person's and their
certificate), found again without looking through the page.

A page's key (`Renderer.key`) is a digest of its whole view, made on every build: for
15,000 pages, a tenth of a rebuild after one edit.  Such a page's view is made from the
entry's shared view (named by `SharedViews.ref`, a digest of all it holds), its links to
the other languages, and what every page of the language is made from (the config, the
strings, the templates, cswgen's own code).  So the last build's keys are kept by those
names, under a digest of everything else (`name`); a page whose names are the same has
the same view, and so the same key, as the last build made from it.

`CHECK` (set while cswgen's tests run) makes every key found so again and stops the build
should it differ: the whole test suite is a test of that claim.
"""

from __future__ import annotations

import os
from typing import Any

from cswgen.core.cache import Cache, code_version, digest, to_bytes
from cswgen.render.templates import Renderer

# the page kinds made from one entry's shared view: the field that holds it
ENTRY_PAGES = {"testimonial": "testimonial", "honour": "person", "certificate": "person"}
CHECK = "CSWGEN_CHECK_PAGE_KEYS"

Which = tuple[str, str, bytes]  # kind, the shared view's ref, the links to other languages


class PageKeys:
    """Page keys for one language: `key` of each page, then `keep` what was found."""

    def __init__(self, renderer: Renderer, common_key: str | None, config: object,
                 kept: Cache | None) -> None:
        self.renderer, self.common_key, self.kept = renderer, common_key, kept
        self.name = digest("page keys", code_version(), common_key, repr(config)) \
            if common_key is not None and kept is not None else None
        found = kept.get(self.name) if kept is not None and self.name is not None else None
        self.old: dict[Which, str] = found[0] if found is not None and isinstance(
            found[0], dict) else {}
        self.new: dict[Which, str] = {}
        self.check = bool(os.environ.get(CHECK))

    def key(self, view: dict[str, Any]) -> str | None:
        """`Renderer.key` of a page's view."""
        field = ENTRY_PAGES.get(view["kind"])
        if field is None or self.name is None:
            return self.renderer.key(view, self.common_key)
        ref = self.renderer.shared.ref(view.get(field))
        alternates = to_bytes(view["alternates"]) if view.get("alternates") else b""
        if ref is None or alternates is None:
            return self.renderer.key(view, self.common_key)
        which = (view["kind"], ref, alternates)
        key = self.old.get(which)
        if key is None or self.check:
            made = self.renderer.key(view, self.common_key)
            if key is not None and made != key:
                raise AssertionError(f"the kept key of {view['path']} is not its view's")
            key = made
        if key is not None:
            self.new[which] = key
        return key

    def keep(self) -> None:
        """Keep this build's keys for the next (unless they are the ones found)."""
        if self.kept is not None and self.name is not None and self.new != self.old:
            self.kept.put(self.name, self.new)
