"""`cswgen build`: the whole build as one readable function.

Phase 1 reads and checks everything (config, content, links, theme, photos, the output
folder) and stops with every problem found.  Photos are decoded there, because decoding is
the only real check that one can be read; their copies go to the cache folder, never to
the output.  Phase 2 renders every file that changed (see `render.pages`), each written
into a staging folder by the process that made it, and stops on a template error as phase
1 does (the staging folder goes).  Phase 3 puts the staging folder in place of the output
folder only when it is complete (or moves the few files made into it).  `cswgen serve`
runs the same function for every rebuild, with a cache of the expensive steps' results
kept in memory and a preview folder updated in place.
"""

from __future__ import annotations

import contextlib
import importlib
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from urllib.parse import urlsplit

from cswgen.commands import stamp
from cswgen.commands.copies import files_to_copy, share_cards, unique
from cswgen.core import interrupt, parallel
from cswgen.core.cache import CACHE_FOLDER, Cache, digest, paused_collector
from cswgen.core.errors import Problem, Problems, SiteError
from cswgen.core.status import Status
from cswgen.model.site import Options, Site, assemble, url_of
from cswgen.read import catalogue, fingerprint, pastedmail, placeholders, themes
from cswgen.read.config import load_config
from cswgen.read.place import today_in
from cswgen.read.settings import SiteConfig
from cswgen.write.manifest import MANIFEST, Record
from cswgen.write.output import OutputCheck, Surveyed
from cswgen.write.writer import Preview, Staging, Writer

if TYPE_CHECKING:  # (imported where used: a build with nothing to do needs none of them)
    from cswgen.commands.editions import Edition
    from cswgen.model.photos import Photos
    from cswgen.model.rendered import Rendered
    from cswgen.render import pages as rendering
    from cswgen.render.templates import Renderer
    from cswgen.render.views import View, Views

STEPS_FILE = "steps"  # in the cache folder: read entries, converted Markdown


@dataclass
class Result:
    output: Path
    pages: int
    files: int
    seconds: float
    warnings: list[Problem] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # output paths written or removed
    # photos shown as placeholders (`photos_later`): cache key -> what makes their copies
    pending: dict[str, Callable[[], object]] = field(default_factory=dict)
    # a preview's: the address of each page not published yet for its `publish` date
    # ("testimonials/rudo-m/"), with its file and that date, for its not-found page
    later: dict[str, tuple[str, date]] = field(default_factory=dict)


def output_folder(config: SiteConfig, override: Path | None) -> tuple[Path, str, int]:
    """Where to write, and where that choice was made (for messages)."""
    if override is not None:
        return override, "--output", 0
    line = config.lines.get("build.output", 0)
    return config.root / config.build.output, "config.toml", line


def build(root: Path, *, as_of: date | None = None, drafts: bool = False,
          portable: bool = False, output: Path | None = None,
          cache_dir: Path | None = None, cache: Cache | None = None,
          preview: Preview | None = None, shortcut: bool = True,
          photos_later: Callable[[str], bool] | None = None,
          held: list[object] | None = None,
          statuses: fingerprint.Stats | None = None) -> Result:
    """Build the site at `root`; `cache_dir` is where photo copies and share images are
    kept between builds (default: .cswgen-cache/ in the site).  `cswgen serve` passes a
    `cache` it keeps in memory between builds and a `preview` folder to update in place;
    the output folder is then not touched.  `shortcut`: when every input is what the last
    build of this output read and the output is as it left it, do nothing (see
    `fingerprint`); off for a throwaway output.  `photos_later` (with a `preview` only):
    photos not in the cache whose key it accepts are shown as placeholders, and left in
    the result's `pending` for the caller to make (see `Photos.prepare`).  `held`: where
    to leave what the build read and made, rather than let it go when it returns (see
    `one_shot_build`).  `statuses` (`cswgen serve`'s, kept between its builds): content
    files whose status the last build saw are not read again (see `read_content`)."""
    started = time.perf_counter()
    problems = Problems()

    # Phase 1: read and check everything, the output folder too; nothing is written yet.
    config = load_config(root, problems)
    options = Options(as_of=as_of or today_in(config.week.timezone), drafts=drafts,
                      portable=portable)
    cache_root = cache_dir or root / CACHE_FOLDER
    out = None if preview else OutputCheck(root, *output_folder(config, output), problems,
                                           begin=False)
    theme_chain = theme_chain_of(config, problems)
    strings = catalogue.load(config, theme_chain, problems)
    sources = None
    if out is not None and cache is None and shortcut and not problems.errors:
        # every input looked at (and the changed ones read) in a process of its own, while
        # this one loads the last build's steps, which a build with something to do reads
        # next: at 10,000 entries, a tenth of a second each, side by side
        # reading, then the output folder's survey (needed later), in one process of its
        # own, so that this one has a core of its own on two
        surveying = out.survey(stamp.left_output(str(out.target.resolve())))
        reading, *surveyed = parallel.soon_each([partial(
            fingerprint.read_sources, root, theme_chain, repr(
                (options, str(out.target.resolve()), str(cache_root.resolve()))), cache_root),
            *([surveying] if surveying is not None else [])])
        out.begin(cast("Callable[[], Surveyed]", surveyed[0]) if surveyed else None)
        steps = load_steps(cache_root)
        # a first build, or one the stamp saw an input edited for (`cswgen build` looks at
        # it first): almost surely work to do, whose code is imported while the helper reads
        if stamp.saw_an_edit() or not (cache_root / fingerprint.LAST_BUILD).exists():
            _import_the_rest()
        sources = cast("fingerprint.Sources | None", reading())
        if last := unchanged_since_last_build(sources, out, cache_root):
            fingerprint.keep_stats(sources)
            leave_stamp(sources, config, options, out.target, cache_root, last.pages,
                        last.files, last.warnings)
            if held is not None:  # (the steps: tens of megabytes at 10,000 entries)
                held[:] = [steps, sources]
            return Result(output=out.target, pages=last.pages, files=last.files,
                          seconds=time.perf_counter() - started, warnings=last.warnings)
    else:
        if out is not None:
            out.begin()
        steps = cache if cache is not None else load_steps(cache_root)
        if statuses is not None and not problems.errors:
            sources = fingerprint.read_content(root, statuses)
    # What reads, converts, renders and draws: Markdown, Jinja, Pillow and the rest, which a
    # build with nothing to do (above) never imports.
    from cswgen.commands.editions import Edition, other_editions
    from cswgen.model.bodies import convert_bodies
    from cswgen.model.languages import translated_elsewhere
    from cswgen.model.photos import Photos
    from cswgen.read.content import load_content
    from cswgen.read.officedocs import report_documents
    from cswgen.render import pages as rendering
    from cswgen.render import share
    from cswgen.render.alternates import link_editions
    from cswgen.render.templatekeys import TEMPLATE_OF

    content = load_content(config, problems, drafts=drafts, cache=steps,
                           texts=sources.texts if sources else None,
                           digests=sources.digests if sources else None,
                           listing=sources.listing if sources else None)
    if sources is not None:
        sources.texts.clear()  # read: tens of megabytes at 10,000 entries
    site = assemble(config, content, options, problems)
    site.elsewhere = translated_elsewhere(content, config.site.tags, config.site.language,
                                          site.urls, options.as_of)
    placeholders.report(content.entries(), theme_chain, problems, steps)
    pastedmail.report(content.entries(), problems, steps)
    # a Word or PowerPoint file published as it is, with its tracked changes and comments
    report_documents(content.files, root / "content", problems, steps,
                     sources.digests if sources else None)
    bodies = convert_bodies(site, problems, steps,
                            footnote_back=catalogue.plain(strings, "footnote_back"))
    photos = Photos.for_site(site, content.pictures, cache_root, known=cache)
    # (new photos are made beside the build, which renders the pages meanwhile)
    photos.prepare(bodies, problems, later=photos_later if preview else None,
                   wait=preview is not None)
    if config.site.tags[1:]:  # the other languages show the same photos: made once
        photos.finish(problems)
    editions = [Edition(config.site.language, "", site, bodies, photos, strings),
                *other_editions(config, content, options, theme_chain, cache_root, steps,
                                problems, site)]
    if out is not None:
        out.ok()
    if problems.errors:
        photos.finish(problems)  # every problem found: the photos' too
        problems.items.extend(template_syntax(theme_chain, root))  # and the templates'
    stop_on_errors(problems)

    # Phase 2: render every file that changed into bytes, on every core; a template error
    # stops the build here, with every other problem found and nothing written (files
    # stored in the staging folder as they were made go with it).
    writer = Staging(out.target, out.present(), out.known()) if out is not None \
        else begun(preview)
    storing = partial(_storing, writer) if isinstance(writer, Staging) else None
    base_path = urlsplit(config.site.base_url).path or "/"

    def render(into: Problems) -> tuple[list[tuple[Views, Renderer, list[View], dict[str, Any]]],
                                        list[View], list[rendering.Job], list[rendering.Made]]:
        made_up = [_render_set(e, theme_chain, root, portable, base_path, options, cache,
                               cache_root) for e in editions]
        link_editions([(e.tag, e.folder, pages) for e, (_, _, pages, _) in
                       zip(editions, made_up, strict=True)])
        every_page = [page for _, _, pages, _ in made_up for page in pages]
        jobs = [job for index, (views, renderer, pages, common) in enumerate(made_up)
                for job in rendering.jobs(editions[index].site, views, pages, renderer,
                                          common, cache_root, site_pages=every_page,
                                          kept=steps)]
        return made_up, every_page, jobs, rendering.render(jobs, writer.unchanged, into,
                                                           storing)

    try:
        rendered = Problems()
        made_up, every_page, jobs, made = render(rendered)
        if photos.finish(problems):  # a photo's copies came out otherwise than planned
            rendered = Problems()
            made_up, every_page, jobs, made = render(rendered)
        problems.items.extend(rendered.items)
        # the staff email's template, which no page uses: a mistake in it is found now, with
        # the pages', not on the morning `cswgen email` renders it
        problems.items.extend(made_up[0][1].syntax_problems(only=(TEMPLATE_OF["email"],)))
        stop_on_errors(problems)
        # (`cswgen serve` shows no share image: those not drawn yet are drawn beside it)
        painter = share.Painter(cache_root)
        later = photos_later if preview else None
        copies = unique([copy for e, (views, _, pages, common)
                         in zip(editions, made_up, strict=True)
                         for copy in share_cards(e.site, pages, common, views.words, painter,
                                                 problems, later)
                         + files_to_copy(e.site, theme_chain, e.photos)])
        pages = every_page

        # Phase 3: write into a staging folder and swap it in for the output folder (or
        # update the preview folder in place); a failed build keeps the last good output
        # and cache.
        if out is not None:  # the output is about to change: no shortcut until remembered
            fingerprint.forget_last(cache_root)
            stamp.forget(cache_root)
        write_and_swap(writer, made, copies,
                       lambda stale: rendering.render_again(jobs, stale, problems))
    except BaseException:
        writer.abort()
        raise
    # a file the site's theme names that it lacks, or loads from another host: the site
    # works without it, so it is said as check says it, and the build stands
    from cswgen.commands.themecheck import missing_files, remote_in_templates

    missing_files(theme_chain, out.target if out is not None else writer.folder, problems,
                  warn=True)
    remote_in_templates(theme_chain, problems)
    try:  # (the output is in place: what remains is for the next build, which can redo it)
        keep_steps(steps, cache_root, in_memory=cache is not None)
        if sources is not None and out is not None:
            remember_build(sources, out.target, cache_root, len(pages), len(copies), problems)
            staged = writer if isinstance(writer, Staging) else None
            leave_stamp(sources, config, options, out.target, cache_root, len(pages),
                        len(copies), sorted(problems.warnings),
                        staged.records if staged else None, staged.folders if staged else None)
    except KeyboardInterrupt:
        raise interrupt.Written from None
    if held is not None:
        held[:] = [steps, sources, content, site, bodies, photos, editions, made_up, jobs,
                   made, copies, writer]
    return Result(output=out.target if out is not None else writer.folder, pages=len(pages),
                  files=len(copies), seconds=time.perf_counter() - started,
                  warnings=sorted(problems.warnings), changed=list(writer.changed),
                  pending={**{name: photos.maker(name) for name in photos.pending},
                           **painter.pending},
                  later={} if preview is None else {
                      url_of(e): (e.key, e.publish) for e in site.unpublished
                      if e.publish is not None and not e.language})


_HELD: list[object] = []  # what the last `one_shot_build(hold=True)` read and made


def one_shot_build(root: Path, *, hold: bool = False, **options: Any) -> Result:
    """`build` in a process of its own (`cswgen build`, not each rebuild of `cswgen
    serve`), with Python's cycle collector paused: what it reads lives until it ends, and
    at 10,000 entries the collector scanning it again and again took a third of a build.
    It makes little cyclic garbage (workers, which convert and render, collect as usual).
    `hold`: what the build read and made is kept until the next such build (or the end of
    the process, which `cswgen build` ends at once): letting go of it, object by object,
    took a twentieth of a second after one edit at 10,000 entries."""
    with paused_collector():
        return build(root, **options, held=_HELD if hold else None)


# What a build with something to do imports (see `build`), by module
THE_REST = ("cswgen.commands.editions", "cswgen.model.bodies", "cswgen.model.languages",
            "cswgen.model.photos", "cswgen.read.content", "cswgen.render.pages",
            "cswgen.render.share", "cswgen.render.alternates", "cswgen.render.strings",
            "cswgen.render.templates", "cswgen.render.views", "cswgen.render.sitewide")


def _import_the_rest() -> None:
    for name in THE_REST:
        importlib.import_module(name)


def stop_on_errors(problems: Problems) -> None:
    """Stop the build with every problem found so far, when one is an error."""
    if problems.errors:
        raise SiteError(sorted(problems.errors) + sorted(problems.warnings))


def theme_chain_of(config: SiteConfig, problems: Problems) -> list[themes.Theme]:
    """The site's theme and those it extends (none, and a problem, when that fails)."""
    try:
        chain = themes.chain(config)
    except SiteError as exc:  # reported with the content's problems, in one run
        problems.items.extend(exc.problems)
        return []
    themes.report_outside_links(chain, problems)
    themes.report_other_capitals(chain, problems)
    themes.report_misnamed_templates(chain, problems)
    themes.report_unused(chain, problems)
    return chain


def unchanged_since_last_build(sources: fingerprint.Sources | None, out: OutputCheck,
                               cache_root: Path) -> fingerprint.LastBuild | None:
    """The last build of this output, when every input is what it read and the output
    folder is exactly as it left it: then there is nothing to do."""
    last = fingerprint.load_last(cache_root) if sources else None
    if sources is None or last is None or last.inputs != sources.digest \
            or last.output != str(out.target.resolve()):
        return None
    same = last.manifest == fingerprint.manifest_digest(out.target, MANIFEST)
    return last if same and out.untouched() else None


def remember_build(sources: fingerprint.Sources, target: Path, cache_root: Path,
                   pages: int, files: int, problems: Problems) -> None:
    """What this build read and wrote, for the next one's `unchanged_since_last_build`
    (only a build that succeeded keeps anything: a failed first build leaves the site's
    folder as it was)."""
    fingerprint.keep_stats(sources)
    manifest = fingerprint.manifest_digest(target, MANIFEST)
    if manifest is not None:
        fingerprint.save_last(cache_root, fingerprint.LastBuild(
            inputs=sources.digest, output=str(target.resolve()), manifest=manifest,
            pages=pages, files=files, warnings=sorted(problems.warnings)))


def leave_stamp(sources: fingerprint.Sources | None, config: SiteConfig, options: Options,
                target: Path, cache_root: Path, pages: int, files: int,
                warnings: list[Problem],
                records: Mapping[str, Record | None] | None = None,
                folders: Mapping[str, Status] | None = None) -> None:
    """The stamp from which the next `cswgen build` with nothing to do is answered at
    once (see `stamp`); none when an input changed too recently to be trusted."""
    watch = sources.watch if sources is not None else None
    if watch is None or not watch.settled:
        stamp.forget(cache_root)
        return
    resolved = str(target.resolve())
    stamp.save(cache_root, root=config.root, timezone=config.week.timezone,
               config_output=config.root / config.build.output,
               options=(options.as_of.isoformat(), options.drafts, options.portable, resolved),
               seen=watch.seen, target=resolved,
               done=(resolved, pages, files, [str(w) for w in warnings]), records=records,
               folders=folders)


def load_steps(cache_root: Path) -> Cache:
    """The expensive steps' results kept by the last build (cswgen 0.x kept them in one
    file, steps.pickle, which nothing reads any more: it goes)."""
    with contextlib.suppress(OSError):
        (cache_root / "steps.pickle").unlink(missing_ok=True)
    return Cache.load(cache_root / STEPS_FILE)


def keep_steps(steps: Cache, cache_root: Path, *, in_memory: bool) -> None:
    """Keep what this build used for the next one: in memory (`cswgen serve`), or saved."""
    if in_memory:
        steps.finish()
        return
    with contextlib.suppress(OSError):  # a read-only site still builds, more slowly
        steps.save(cache_root / STEPS_FILE)


def _storing(writer: Staging) -> rendering.Store:
    """The staging folder made now, for pages to be written into as they are made."""
    writer.reserve()
    return writer.store


def begun(preview: Preview | None) -> Preview:
    """The preview folder, ready for this build's files (`cswgen serve`)."""
    assert preview is not None
    preview.begin()
    return preview


def write_and_swap(writer: Writer, made: list[rendering.Made],
                   copies: list[tuple[str, Path]],
                   again: Callable[[list[str]], list[rendering.Made]]) -> None:
    """Every rendered file and every copy through the writer, then put in place.  A file
    rendered as unchanged that another build changed meanwhile is rendered `again`.  (On
    any failure `build` aborts the writer, files stored while rendering and all.)"""
    for item in made:
        writer.write(item.path, item.key, item.data)
    for path, source in copies:
        writer.copy(path, source)
    interrupt.check()  # (Ctrl-C: the output stays as it was, even if Python dropped it)
    while stale := writer.commit():
        for item in again(stale):
            assert isinstance(item.data, bytes)  # (made again: never stored)
            writer.redo(item.path, item.data)


def _with_photos(body: Rendered, photos: Photos) -> Rendered:
    if body.pictures is False:  # (found when it was converted: most bodies show none)
        return body
    from cswgen.model.rendered import Rendered

    html = photos.rewrite(body.html)
    return body if html is body.html else Rendered(
        html, body.toc, body.kept_text, digest("photos", body.digest, html), body.pictures,
        body.lead)




def template_syntax(theme_chain: list[themes.Theme], root: Path) -> list[Problem]:
    """The syntax errors of the site's own templates, for a build that stops before
    rendering (a template is otherwise compiled only when a page needs it)."""
    from cswgen.render.templates import Renderer

    return Renderer(theme_chain, root, portable=False, base_path="").syntax_problems()


def _render_set(edition: Edition, theme_chain: list[themes.Theme], root: Path,
                portable: bool, base_path: str, options: Options, cache: Cache | None,
                cache_root: Path) -> tuple[Views, Renderer, list[View], dict[str, Any]]:
    """One language's views, renderer, pages and the data every page of it gets."""
    from cswgen.render import sitewide
    from cswgen.render.strings import Words
    from cswgen.render.templates import Renderer
    from cswgen.render.views import Views

    hidden = teasers(edition.site)
    words = Words(edition.strings, edition.tag)
    views = Views(edition.site, {key: _with_photos(body, edition.photos)
                                 for key, body in edition.bodies.items() if key not in hidden},
                  edition.photos, words, edition.folder)
    renderer = Renderer(theme_chain, root, portable=portable, base_path=base_path, cache=cache,
                        compiled=cache_root / "templates", shared=views.shared())
    return views, renderer, views.pages(), sitewide.common(views, options.as_of,
                                                           edition.strings)


def teasers(site: Site) -> set[str]:
    """The entries whose text is not published yet (days before their reveal)."""
    return {d.key for d in site.days if site.is_teaser(d)}
