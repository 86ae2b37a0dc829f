"""`cswgen build`: the whole build as one readable function.

Phase 1 reads and checks everything (config, content, links, theme, photos) and stops with
every problem found.  Photos are decoded there, because decoding is the only real check that
one can be read; their copies go to the cache folder, never to the output.  Phase 2 renders
and writes into a staging folder that replaces the output folder only when complete.
`cswgen serve` runs the same function for every rebuild, with a cache of the expensive
steps' results kept in memory and a preview folder updated in place.
"""

from __future__ import annotations

import contextlib
import functools
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, ParamSpec
from urllib.parse import urlsplit

from cswgen.core import parallel, paths
from cswgen.core.cache import (
    CACHE_FOLDER,
    Cache,
    SharedViews,
    data_digest,
    digest,
    paused_collector,
)
from cswgen.core.errors import Problem, Problems, SiteError
from cswgen.model.bodies import convert_bodies
from cswgen.model.markup import Rendered
from cswgen.model.photos import Photos
from cswgen.model.site import Options, Site, assemble
from cswgen.read import fingerprint, placeholders, themes
from cswgen.read.config import SiteConfig, load_config, today_in
from cswgen.read.content import load_content
from cswgen.render import feeds, share
from cswgen.render.templates import Renderer
from cswgen.render.views import Views
from cswgen.write.writer import (
    MANIFEST,
    Preview,
    Staging,
    Surveyed,
    Writer,
    check_output,
    check_place,
    survey,
    untouched,
)

STEPS_FILE = "steps"  # in the cache folder: read entries, converted Markdown
FEED_FILE = "feed.pickle"  # ... and the last feed's entries


@dataclass
class Result:
    output: Path
    pages: int
    files: int
    seconds: float
    warnings: list[Problem] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # output paths written or removed


def output_folder(config: SiteConfig, override: Path | None) -> tuple[Path, str, int]:
    """Where to write, and where that choice was made (for messages)."""
    if override is not None:
        return override, "--output", 0
    line = config.lines.get("build.output", 0)
    return config.root / config.build.output, "config.toml", line


P = ParamSpec("P")


def _one_shot(function: Callable[P, Result]) -> Callable[P, Result]:
    """A build in a process of its own (`cswgen build`, not each rebuild of `cswgen serve`,
    which passes a `cache`) runs with Python's cycle collector paused: what it reads lives
    until it ends, and at 10,000 entries the collector scanning it again and again took
    a third of a rebuild.  It makes little cyclic garbage (workers, which convert and
    render, collect as usual)."""

    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> Result:
        if kwargs.get("cache") is not None:
            return function(*args, **kwargs)
        with paused_collector():
            return function(*args, **kwargs)

    return run


@_one_shot
def build(root: Path, *, as_of: date | None = None, drafts: bool = False,
          portable: bool = False, output: Path | None = None,
          cache_dir: Path | None = None, cache: Cache | None = None,
          preview: Preview | None = None, shortcut: bool = True) -> Result:
    """Build the site at `root`; `cache_dir` is where photo copies and share images are
    kept between builds (default: .cswgen-cache/ in the site).  `cswgen serve` passes a
    `cache` it keeps in memory between builds and a `preview` folder to update in place;
    the output folder is then not touched.  `shortcut`: when every input is what the last
    build of this output read and the output is as it left it, do nothing (see
    `fingerprint`); off for a throwaway output."""
    started = time.perf_counter()
    problems = Problems()

    # Phase 1: read and check everything; nothing is written yet.
    config = load_config(root, problems)
    options = Options(as_of=as_of or today_in(config.week.timezone), drafts=drafts,
                      portable=portable)
    theme_chain: list[themes.Theme] = []
    surveyed: Callable[[], Surveyed] | None = None
    checked: list[bool] = []
    if preview is None:
        target, where, line = output_folder(config, output)
        try:
            check_place(target, root, where, line)
            # what is in the output folder, found beside the reading below
            surveyed = parallel.soon(partial(survey, target.resolve()))
        except SiteError as exc:  # reported with the content's problems, in one run
            problems.items.extend(exc.problems)

    def output_ok() -> bool:
        """The output folder holds only what cswgen wrote (else a problem, once)."""
        if not checked:
            checked.append(surveyed is not None and _output_checked(
                target, root, where, line, surveyed(), problems))
        return checked[0]

    try:
        theme_chain = themes.chain(config)
        themes.report_outside_links(theme_chain, problems)
    except SiteError as exc:
        problems.items.extend(exc.problems)
    cache_root = cache_dir or root / CACHE_FOLDER
    sources: fingerprint.Sources | None = None
    if preview is None and cache is None and shortcut and not problems.errors:
        settings = repr((options, str(target.resolve()), str(cache_root.resolve())))
        sources = fingerprint.read_sources(root, theme_chain, settings)
        last = fingerprint.load_last(cache_root) if sources else None
        if sources and last and last.inputs == sources.digest \
                and last.output == str(target.resolve()) \
                and last.manifest == fingerprint.manifest_digest(target, MANIFEST) \
                and surveyed is not None and output_ok() and untouched(target, surveyed()):
            return Result(output=target, pages=last.pages, files=last.files,
                          seconds=time.perf_counter() - started, warnings=last.warnings)
    steps = cache if cache is not None else Cache.load(cache_root / STEPS_FILE)
    content = load_content(config, problems, drafts=drafts, cache=steps,
                           texts=sources.texts if sources else None)
    if sources is not None:
        sources.texts.clear()  # read: tens of megabytes at 10,000 entries
    site = assemble(config, content, options, problems)
    placeholders.report(content.entries(), theme_chain, problems)
    bodies = convert_bodies(site, problems, steps)
    photos = Photos.for_site(site, content.pictures, cache_root)
    photos.prepare(bodies, problems)
    if surveyed is not None:
        output_ok()
    if problems.errors:
        raise SiteError(sorted(problems.errors) + sorted(problems.warnings))

    # Phase 2: render and write into a staging folder, then swap it in (or update the
    # preview folder in place).
    hidden = teasers(site)
    shown = {key: _with_photos(body, photos) for key, body in bodies.items()
             if key not in hidden}
    views = Views(site, shown, photos)
    base_path = urlsplit(config.site.base_url).path or "/"
    renderer = Renderer(theme_chain, root, portable=portable, base_path=base_path,
                        cache=cache, compiled=cache_root / "templates")
    renderer.shared = SharedViews([*views.days, *views.testimonials, *views.people],
                                  views.body_texts())
    common: dict[str, Any] = {"site": views.site_view(), "week": views.week_view(),
                              "nav": views.nav(), "as_of": options.as_of.isoformat()}
    staging: Writer
    if preview is None:
        staging = Staging(target, surveyed() if surveyed is not None else None)
        fingerprint.forget_last(cache_root)
    else:
        preview.begin()
        staging, target = preview, preview.folder
    try:
        pages = views.pages()
        common_key = renderer.common_key(common)
        for view in pages:  # (keys are quicker made here than sent back from a pool)
            path = view["path"] if view["path"].endswith(".html") else view["path"] + "index.html"
            staging.page(path, renderer.key(view, common_key),
                         partial(_html, renderer, view, common))
        # keyed by what they show (an undated testimonial's entry by its publish date), so
        # an unchanged feed or calendar is not made again
        staging.page("feed.xml", data_digest(
            "feed", common, views.testimonials, [t.publish for t in site.testimonials],
            shared=renderer.shared), partial(feeds.atom_feed, site, views.testimonials,
                                             renderer.shared, cache_root / FEED_FILE),
                     here=True)  # every testimonial: a worker would copy them all
        staging.page("week.ics", data_digest("ics", common, views.days, shared=renderer.shared),
                     partial(_week_ics, site))
        staging.write("robots.txt", feeds.robots(site))
        if config.site.base_url:
            staging.write("sitemap.xml", feeds.sitemap(
                site, [v["path"] for v in pages if v["kind"] not in ("404", "certificate")]))
        painter = share.Painter(cache_root)
        cards = share.cards(pages, common["site"], common["week"],
                            share.logo_of(root, config.brand.logo))
        for path, card in cards.items():
            staging.copy(path, painter.png(card))
        files = copy_files(site, theme_chain, staging, photos) + len(cards)
        staging.commit()
    except BaseException:
        staging.abort()
        raise
    if cache is not None:
        cache.finish()
    else:  # a failed build keeps the last good one's
        with contextlib.suppress(OSError):  # a read-only site still builds, more slowly
            steps.save(cache_root / STEPS_FILE)
            (cache_root / "steps.pickle").unlink(missing_ok=True)  # cswgen 0.x's one file
    warnings = sorted(problems.warnings)
    manifest = fingerprint.manifest_digest(target, MANIFEST)
    if sources is not None and manifest is not None:
        fingerprint.save_last(cache_root, fingerprint.LastBuild(
            inputs=sources.digest, output=str(target.resolve()), manifest=manifest,
            pages=len(pages), files=files, warnings=warnings))
    return Result(output=target, pages=len(pages), files=files,
                  seconds=time.perf_counter() - started, warnings=warnings,
                  changed=list(staging.changed))


def _with_photos(body: Rendered, photos: Photos) -> Rendered:
    html = photos.rewrite(body.html)
    return body if html is body.html else replace(body, html=html,
                                                  digest=digest("photos", body.digest, html))


def _output_checked(target: Path, root: Path, where: str, line: int, present: Surveyed,
                    problems: Problems) -> bool:
    """Whether the output folder holds only what cswgen wrote (else a problem)."""
    try:
        check_output(target, root, where, line, present)
    except SiteError as exc:
        problems.items.extend(exc.problems)
        return False
    return True


def _week_ics(site: Site) -> bytes:
    from cswgen.render import calendar  # icalendar takes as long to import as a small build

    return calendar.week_ics(site)


def _html(renderer: Renderer, view: dict[str, Any], common: dict[str, Any]) -> bytes:
    return renderer.render(view, common).encode("utf-8")


def teasers(site: Site) -> set[str]:
    """The entries whose text is not published yet (days before their reveal)."""
    return {d.key for d in site.days if site.is_teaser(d)}


def copy_files(site: Site, theme_chain: list[themes.Theme], staging: Writer,
               photos: Photos) -> int:
    """The theme's static files to assets/ (the most specific theme wins), the copies of
    photos, then content files (photo originals only where a page links to them)."""
    copied = 0
    seen: set[str] = set()
    for theme in theme_chain:
        if not theme.static.is_dir():
            continue
        for source in sorted(theme.static.rglob("*")):
            relative = source.relative_to(theme.static).as_posix()
            if not source.is_file() or relative in seen or source.name.startswith(".") \
                    or not paths.inside(source, theme.boundary):
                continue
            seen.add(relative)
            staging.copy(f"assets/{relative}", source)
            copied += 1
    for path, cached in photos.files().items():
        staging.copy(path, cached)
        copied += 1
    content_dir = site.config.root / "content"
    for relative in site.files:
        if photos.is_withheld(relative):
            continue
        staging.copy(relative, content_dir / relative)
        copied += 1
    return copied
