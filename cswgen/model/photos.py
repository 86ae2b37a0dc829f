"""Photos as visitors get them: resized, upright, stripped of metadata, and cached.

Every raster picture content shows (`image`, `photo`, `![...](...)` in a body; an iPhone's
HEIC as well as a JPEG) is decoded in phase 1, because decoding is the only real check that
it can be read: one that cannot is a `path:line` error naming the key.  The copies (WebP,
and JPEG or PNG for browsers without WebP, at the widths in WIDTHS) go into a cache folder
beside the site, keyed by the picture's bytes and the settings, so a rebuild decodes nothing
it has done before; phase 2 publishes them from there.  Originals are never changed, and a
raster picture is published as it is only when a page links to the file itself: a phone
photo records where it was taken.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, cast

from cswgen.core import parallel, paths
from cswgen.core.cache import CACHE_FOLDER, Cache
from cswgen.core.digest import digest
from cswgen.core.errors import Problems
from cswgen.core.files import FileStore
from cswgen.model import decoder, images, logos
from cswgen.model.photocache import (
    NEW,
    WIDTHS,
    Copy,
    copies_in,
    make_copies,
    make_new_copies,
    note_key,
    noted,
    published_name,
    state_name,
)
from cswgen.model.photolinks import HREF, line_in, linked_files, root_target, warn_unshown
from cswgen.model.rasters import is_raster
from cswgen.model.rendered import Rendered
from cswgen.model.sanitize import ROOT_SCHEME
from cswgen.model.site import Site
from cswgen.read.finder import Image
from cswgen.read.records import Day
from cswgen.read.slugs import numbered

BODY_SIZES = "(min-width: 46rem) 42rem, calc(100vw - 2rem)"  # the theme's .prose column

# how to make a photo take less memory (the widest copy is 1280 pixels: twice that is ample)
SMALLER = f"at most {2 * max(WIDTHS)} pixels wide"
_IMG = re.compile(r"<img\b([^>]*)>")
_ATTRIBUTE = re.compile(r'([a-zA-Z-]+)="([^"]*)"')
_COPY_NAME = re.compile(r"^(.*)-\d+w\.(?:webp|jpg|png)$")


@dataclass(frozen=True)
class Use:
    """One place that shows a picture."""

    source: str  # content-relative path of the picture
    where: str  # site-relative path of the file that shows it
    line: int
    key: str  # the front-matter key, or "" for a picture in a body
    published: bool  # False for a day that is still a teaser


@dataclass
class Photos:
    site: Site
    cache: FileStore
    pictures: set[str] = field(default_factory=set)  # what any content file shows
    copies: dict[str, list[Copy]] = field(default_factory=dict)  # source -> copies
    published: set[str] = field(default_factory=set)  # sources a published page shows
    linked: set[str] = field(default_factory=set)  # files a published page links to
    # pictures published as they are that only days not revealed yet show (`_surprises`)
    surprises: set[str] = field(default_factory=set)
    # pictures `cswgen serve` makes beside it, each named by its file's state (NEW...)
    pending: dict[str, Path] = field(default_factory=dict)
    known: Cache | None = None  # photos' cache keys by their files' state (`_key`)
    placeholders: FileStore = field(init=False)
    notes: FileStore = field(init=False)  # photos' cache keys by their files' state
    # pictures being made beside the build (`prepare`, not to wait): (source, key, base)
    # each, and what waits for their copies (or why one cannot be read)
    _making: tuple[list[tuple[str, str, str]], Callable[[], list[list[Copy] | str]]] = \
        field(init=False, default_factory=lambda: ([], lambda: []))
    _uses: list[Use] = field(init=False, default_factory=list)
    logo: list[Copy] = field(default_factory=list)  # a raster logo's copies (`logos`)

    def __post_init__(self) -> None:
        # (an image's size and format name the file: nothing else goes into one)
        self.placeholders = FileStore(self.cache.folder.parent / "placeholders" / digest(
            images.recipe())[:16])
        self.notes = FileStore(self.cache.folder.parent / "photo-keys")

    @classmethod
    def for_site(cls, site: Site, pictures: set[str], cache_root: Path | None = None,
                 known: Cache | None = None) -> Photos:
        """`pictures`: what any content file shows, drafts too (`Content.pictures`);
        `known`: a cache kept in memory between builds (see `_key`)."""
        root = cache_root or site.config.root / CACHE_FOLDER
        return cls(site, FileStore(root / "images"), set(pictures), known=known)

    # --- phase 1 ----------------------------------------------------------------------

    def prepare(self, bodies: dict[str, Rendered], problems: Problems,
                later: Callable[[str], bool] | None = None, *, wait: bool = True) -> None:
        """Decode (or find in the cache) every picture content shows; report the bad ones.

        `later` (`cswgen serve`, for its first look at new photos): a picture not in the
        cache (or whose key it has not seen, to find it there: see `_looked_up`) that it
        accepts by its file's state is not made now but stands in `pending`, with
        placeholders of the copies it should have, to be made by `make_new_copies` beside
        the server; the next build finds them in the cache.

        Not to `wait`: the pictures not in the cache are made on every core beside the
        build, which may render pages meanwhile: their copies stand as `planned` from the
        pictures' headers until `finish`, which reports those that cannot be read."""
        content = self.site.config.root / "content"
        uses = self.uses(bodies)
        failed: dict[str, str] = {}
        # a content file already named like a copy (`x-320w.jpg`) keeps its name: the copies
        # of `x.jpg` become `x-2-320w.jpg`
        # (a folder too: `x-320w.jpg/notes.txt` holds that name as a folder)
        held = {f.casefold() for f in self.site.files}
        held |= {folder for f in held for folder in _folders(f)}
        names = {m[1] for m in (_COPY_NAME.match(f) for f in held) if m}
        todo: list[tuple[str, str, str]] = []  # (source, key, base) not in the cache yet
        for source in sorted({u.source for u in uses}):
            base = numbered(published_name(source), names)
            path, new = content / source, ""
            if later is None:
                key: str | None = self._key(path)
            else:  # (`cswgen serve`: a photo is made beside it at most once in each state)
                key, new = self._looked_up(path, read=False), NEW + state_name(path)
                if key is None and not later(new):  # seen beside the server: hashed there
                    key = self._key(path)
            copies = copies_in(self.cache.path(key), base) if key else []
            if copies:
                self.copies[source] = copies
            elif later is not None and later(new):
                try:
                    self.copies[source] = self._placeholders(path, base)
                    self.pending[new] = path
                except decoder.Unreadable as exc:
                    failed[source] = str(exc)
            else:  # not made yet (or a damaged cache entry: made again)
                todo.append((source, key or self._key(path), base))
        # every photo from one decode, the photos on every core, beside the build
        self._making = (todo, parallel.started(
            lambda i: self._make(content / todo[i][0], *todo[i][1:]), len(todo)))
        self._uses = uses
        for source, key, base in todo:
            # (`finish` says why, as `_make` finds it: a photo too large for the memory
            # there is, too)
            with contextlib.suppress(decoder.Unreadable, MemoryError):
                self.copies[source] = self._planned(content / source, key, base)
        for use in uses:
            self.pictures.add(use.source)
            if use.source in failed:
                self._fail(use, failed[use.source], problems)
            elif use.published:
                self.published.add(use.source)
        self.logo = logos.prepare(self.site.config, self.cache, held, problems)
        self.surprises = self._surprises(bodies)
        self.linked |= linked_files(self.site, bodies, problems)
        warn_unshown(self.site, self.pictures, self.linked, problems)
        if wait:
            self.finish(problems)

    def finish(self, problems: Problems) -> bool:
        """Wait for the pictures `prepare` left to be made; report those that cannot be
        read.  True when a picture's copies came out otherwise than planned (one shrunk to
        fit its budget, say): pages made meanwhile must be made again."""
        todo, making = self._making
        self._making = ([], lambda: [])
        changed = False
        failed: dict[str, str] = {}
        try:
            made = making()
        except parallel.Killed as exc:  # (the build stops: said of the photo being made)
            failed.update(self._killed(exc, todo, problems))
            made, todo = [], []
        for (source, _, _), result in zip(todo, made, strict=True):
            if isinstance(result, str):
                failed[source] = result
                self.copies.pop(source, None)
                continue
            planned = [(c.path, c.width, c.height, c.suffix)
                       for c in self.copies.get(source, [])]
            changed |= planned != [(c.path, c.width, c.height, c.suffix) for c in result]
            self.copies[source] = result
        for use in self._uses:
            if use.source in failed:
                self._fail(use, failed[use.source], problems)
                self.published.discard(use.source)
        return changed

    @staticmethod
    def _killed(exc: parallel.Killed, todo: list[tuple[str, str, str]],
                problems: Problems) -> dict[str, str]:
        """A worker killed while it made a photo's copies (most often for lack of memory:
        see `parallel.Killed`): why that photo failed, by its source, to be said where it
        is shown; said plainly when which photo is not known."""
        if exc.index is None or exc.index >= len(todo):
            said = exc.said("making photos' copies")
            problems.error("", 0, said[:1].upper() + said[1:])
            return {}
        return {todo[exc.index][0]: "could not be made into copies: " + exc.said(
            "making them", "A photo of many megapixels takes much memory: save it "
                           f"{SMALLER}. ")}

    @staticmethod
    def _fail(use: Use, why: str, problems: Problems) -> None:
        what = f"`{use.key}` names {use.source}, which" if use.key else \
            f"the picture {use.source}"
        problems.error(use.where, use.line, f"{what} {why}")

    def uses(self, bodies: dict[str, Rendered], *, rasters: bool = True) -> list[Use]:
        """Every raster picture (or, not `rasters`, every picture) that an entry's front
        matter or body shows."""
        uses: list[Use] = []
        for entry in self.site.entries():
            shown = not (isinstance(entry, Day) and self.site.is_teaser(entry))
            for key in ("image", "photo"):
                picture = getattr(entry, key, None)
                if isinstance(picture, Image) and (is_raster(picture.path) or not rasters):
                    uses.append(Use(picture.path, entry.path, entry.line_of(key), key, shown))
            body = bodies.get(entry.key)
            if body is None or body.pictures is False or "<img" not in body.html:
                continue
            for match in _IMG.finditer(body.html):
                source = root_target(dict(_ATTRIBUTE.findall(match.group(1))).get("src", ""))
                if source and (is_raster(source) or not rasters) and self._exists(source):
                    uses.append(Use(source, entry.path, line_in(entry, source), "", shown))
        return uses

    def _key(self, path: Path) -> str:
        key = self._looked_up(path, read=True)
        assert key is not None
        return key

    def _looked_up(self, path: Path, *, read: bool) -> str | None:
        """The cache folder of a picture's copies: its bytes and how copies are made.
        Reading and hashing a phone photo's megabytes took three quarters of a rebuild of
        the demo with 40 of them, and half a second before `cswgen serve` showed its first
        page.  So `cswgen serve` looks the key up by the file's state as it is on disk now
        (`state_name`): in `known` (its cache, in memory), then in the notes that hashing
        a photo leaves (`note_key`).  Not to `read`: None for a picture found in neither."""
        if self.known is None:
            return note_key(self.notes, path)  # (a build reads every picture, as ever)
        state = state_name(path)
        found = self.known.get(state)
        if found is not None:
            return cast(str, found[0])
        key = noted(self.notes, state) or (note_key(self.notes, path) if read else None)
        if key is not None:
            self.known.put(state, key, memory_only=True)
        return key

    def maker(self, pending: str) -> Callable[[], object]:
        """What makes the copies of a picture in `pending`, beside the server."""
        return partial(make_new_copies, self.cache, self.notes, self.pending[pending])

    def _make(self, path: Path, key: str, base: str) -> list[Copy] | str:
        """The copies of a picture, made and stored in the cache (in a worker); or why it
        cannot be used."""
        try:
            folder = make_copies(self.cache, path, key)
        except decoder.Unreadable as exc:
            return str(exc)
        except MemoryError:  # (its memory is free again: the build goes on, and says so)
            return (f"is too large to make copies of with the memory there is; save it "
                    f"{SMALLER}, or close other programs")
        return copies_in(folder, base)

    def _planned(self, path: Path, key: str, base: str) -> list[Copy]:
        """The copies a picture is expected to get (`images.planned`), where they will be
        in the cache."""
        return sorted((Copy(f"{base}-{width}w.{suffix}", width, height, suffix,
                            self.cache.path(key) / f"{width}x{height}.{suffix}")
                       for width, height, suffix in images.planned(path, WIDTHS)),
                      key=lambda c: (c.width, c.suffix))

    def _placeholders(self, path: Path, base: str) -> list[Copy]:
        """Stand-ins for the copies a picture should get, each at its size (one file for
        every size and format, kept in the cache folder)."""
        copies = []
        for width, height, suffix in images.planned(path, WIDTHS):
            name = f"{width}x{height}.{suffix}"
            cached = self.placeholders.path(name)
            if not cached.is_file():
                self.placeholders.store_file(name, images.placeholder(width, height, suffix))
            copies.append(Copy(f"{base}-{width}w.{suffix}", width, height, suffix, cached))
        return sorted(copies, key=lambda c: (c.width, c.suffix))

    def _surprises(self, bodies: dict[str, Rendered]) -> set[str]:
        """Files published as they are that only days not revealed yet show or link to (an
        SVG, an AVIF, Friday's quiz as a PDF): left out until their day, as a photo's copies
        are, so that no one finds the surprise at its address.  One that a published page
        shows or links to, and the brand logo, are published."""
        teasers = [day for day in self.site.days if self.site.is_teaser(day)]
        if not teasers:
            return set()  # (no surprise to keep: no body looked through, nor read from disk)
        every = self.uses(bodies, rasters=False)
        hidden = {use.source for use in every}
        files = set(self.site.files)
        for day in teasers:
            body = bodies.get(day.key)
            if body is not None:
                hidden |= {target for match in HREF.finditer(body.html)
                           if (target := root_target(match.group(1))) in files}
        hidden -= {use.source for use in every if use.published}
        hidden.discard(self.site.config.brand.logo)
        if not hidden:
            return hidden
        for entry in self.site.entries():
            body = bodies.get(entry.key)
            if body is not None and not (isinstance(entry, Day) and self.site.is_teaser(entry)):
                hidden -= {root_target(match.group(1)) or "" for match in
                           HREF.finditer(body.html)}
        return hidden

    def _exists(self, source: str) -> bool:
        return (self.site.config.root / "content" / source).is_file()

    # --- phase 2 ----------------------------------------------------------------------

    def view(self, image: Image | None) -> dict[str, Any] | None:
        """A picture for templates: {src, alt, width, height}, and for a photo srcset
        ([{src, width}], JPEG or PNG) and webp ([{src, width}])."""
        if image is None:
            return None
        copies = self.copies.get(image.path)
        if not copies:  # an SVG: its own width and height hold its space while it loads
            return {"src": paths.as_target(image.path), "alt": image.alt,
                    **self.size_of(image.path)}
        fallback = [c for c in copies if c.suffix != "webp"]
        largest = fallback[-1]
        return {"src": largest.path, "alt": image.alt, "width": largest.width,
                "height": largest.height,
                "srcset": [{"src": c.path, "width": c.width} for c in fallback],
                "webp": [{"src": c.path, "width": c.width} for c in copies
                         if c.suffix == "webp"]}

    def size_of(self, source: str) -> dict[str, int]:
        """{width, height} of a file under content/ shown as it is (an SVG, the logo), or
        {} when it does not say."""
        size = decoder.intrinsic_size(self.site.config.root / "content" / source)
        return {"width": size[0], "height": size[1]} if size else {}

    def rewrite(self, fragment: str) -> str:
        """Each photo in a body's HTML becomes a <picture> with WebP and fallback sizes,
        its width and height, loaded lazily."""

        def replace(match: re.Match[str]) -> str:
            attributes = dict(_ATTRIBUTE.findall(match.group(1)))
            source = root_target(attributes.get("src", ""))
            copies = self.copies.get(source or "")
            if not copies:
                return _sized(match, attributes, self.size_of(source) if source else {})
            fallback = [c for c in copies if c.suffix != "webp"]
            largest = fallback[-1]
            own = {k: v for k, v in attributes.items() if k not in ("src", "loading")}
            if "width" not in own and "height" not in own:
                own.update(width=str(largest.width), height=str(largest.height))
            extra = "".join(f' {k}="{v}"' for k, v in own.items())
            webp = _srcset(c for c in copies if c.suffix == "webp")
            return (f'<picture><source type="image/webp" srcset="{webp}" '
                    f'sizes="{BODY_SIZES}"><img src="{ROOT_SCHEME}:{largest.path}" '
                    f'srcset="{_srcset(fallback)}" sizes="{BODY_SIZES}"{extra} '
                    'loading="lazy" decoding="async"></picture>')

        return _IMG.sub(replace, fragment) if "<img" in fragment else fragment

    def files(self) -> dict[str, Path]:
        """Output path -> cached copy, for every photo a published page shows and the
        logo's."""
        return {copy.path: copy.cached for copies in [
            *(self.copies[source] for source in sorted(self.published)), self.logo]
            for copy in copies}

    def is_withheld(self, relative: str) -> bool:
        """Whether a file under content/ stays unpublished as it is: a raster picture that
        content shows (then as copies) and that no page links to, or a file that only
        days not revealed yet show or link to.  The brand logo, which
        the theme shows as it is, is always published."""
        if relative in self.surprises:
            return True
        return is_raster(relative) and relative in self.pictures \
            and relative not in self.linked and relative != self.site.config.brand.logo


def _sized(match: re.Match[str], attributes: dict[str, str], size: dict[str, int]) -> str:
    """An <img> shown as it is, with its own width and height when it has neither."""
    if not size or "width" in attributes or "height" in attributes:
        return match.group(0)
    own = match.group(1).rstrip().removesuffix("/").rstrip()
    return f'<img{own} width="{size["width"]}" height="{size["height"]}">'


def _folders(relative: str) -> list[str]:
    """The folders a `/`-separated path lies in (`a/b/c.txt`: `a` and `a/b`)."""
    parts = relative.split("/")
    return ["/".join(parts[:depth]) for depth in range(1, len(parts))]


def _srcset(copies: Any) -> str:
    return ", ".join(f"{ROOT_SCHEME}:{c.path} {c.width}w" for c in copies)
