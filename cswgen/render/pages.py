"""Every file a build renders (pages, the feed, the calendar, robots.txt, the sitemap),
made into bytes on every core before anything is written.

Each file comes with a key, a digest of everything it is made from; a file whose key the
writer already holds in place is not rendered at all.  A template error is a problem like
any other: every page is tried, each faulty template line is reported once, and the
build stops before the writer has moved a thing.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, NamedTuple

from cswgen.core import parallel
from cswgen.core.cache import Cache, data_digest, digest
from cswgen.core.errors import Problem, Problems, SiteError
from cswgen.core.packed import Stored, pack
from cswgen.model.site import Site
from cswgen.render import beyond, feeds
from cswgen.render.pagekeys import PageKeys
from cswgen.render.strings import Words
from cswgen.render.templatekeys import TEMPLATE_OF
from cswgen.render.templateproblems import site_path, template_frame
from cswgen.render.templates import Renderer
from cswgen.render.views import View, Views

# pages not in the sitemap: the day's page is the one to find, not its poster; the lobby
# screen is for TVs (noindex)
UNLISTED = ("404", "certificate", "poster", "screen")
FEED_FOLDER = "feed"  # in the cache folder: the last feed's entries


class Job(NamedTuple):
    """One file to render: `make()` gives its bytes.  `here`: made in this process, not a
    worker (for one that reads much of the site's data, which a forked worker would copy
    page by page as it touched it).  (A tuple: a build makes one for each of 15,000
    pages, three times quicker than a frozen dataclass.)"""

    path: str
    key: str | None  # None: always made
    make: Callable[[], bytes]
    here: bool = False


class Made(NamedTuple):
    """One rendered file for the writer: its bytes packed (see `core.packed`: compressed
    in the worker that made them, or as they are when made `here`), `Stored` when written
    already, or None when `unchanged` said the file made from this key is in place."""

    path: str
    key: str | None
    data: bytes | Stored | None


def jobs(site: Site, views: Views, pages: list[View], renderer: Renderer,
         common: dict[str, Any], cache_root: Path, *,
         site_pages: list[View] | None = None, kept: Cache | None = None) -> list[Job]:
    """Every file of one language to render, keyed (keys are quicker made here than in a
    worker): its pages, feed and calendar in its folder (`views.prefix`).  robots.txt and
    the sitemap come with the default language's, the sitemap listing `site_pages`, every
    language's pages (default: `pages`).  `kept`: where the pages' keys are kept between
    builds (see `pagekeys`)."""
    folder = views.prefix
    common_key = renderer.common_key(common)
    pages = [view for view in pages if view["kind"] not in beyond.OPTIONAL
             or renderer.has_template(view["kind"])]
    # a lobby screen's build is also its theme's (templates, screen.js): after an upgrade
    # of cswgen or an edit to the theme, screens take the page again
    pages = [{**view, "build": digest(view["build"], renderer.theme)}
             if view["kind"] == "screen" else view for view in pages]
    keys = PageKeys(renderer, common_key, views.config, kept)
    found = [Job(_html_path(view["path"]), keys.key(view),
                 partial(_page, renderer, view, common)) for view in pages]
    keys.keep()
    shared = renderer.shared
    # keyed by what they show (an undated testimonial's entry by its publish date), so an
    # unchanged feed or calendar is not made again
    found.append(Job(folder + "feed.xml", data_digest(
        "feed", common, views.testimonials, [t.publish for t in site.testimonials],
        shared=shared), lambda: feeds.atom_feed(
            site, views.testimonials, shared,
            cache_root / (FEED_FOLDER if not folder else f"{folder.strip('/')}.{FEED_FOLDER}"),
            title=views.say("feed_title", site=site.config.site.title), folder=folder,
            language=views.language.tag),
        here=True))  # every testimonial: a worker would copy them all
    found.append(Job(folder + "week.ics", data_digest("ics", common, views.days,
                                                      shared=shared),
                     lambda: _week_ics(site, views.words, folder)))
    for view in pages:
        if view["kind"] == "screen":  # what lobby screens poll for a newer build
            found.append(_ready(folder + beyond.SCREEN_BUILD, json.dumps(
                {"build": view["build"]}).encode("utf-8")))
    if folder:
        return found
    found.append(_ready("robots.txt", feeds.robots(site)))
    if base := site.config.site.base_url:  # (made when its addresses change, not before)
        listed = [v for v in site_pages or pages if v["kind"] not in UNLISTED]
        addresses = [v["path"] for v in listed]
        alternates = {v["path"]: _hreflangs(v["alternates"])
                      for v in listed if v.get("alternates")}
        found.append(Job("sitemap.xml", data_digest("sitemap", base, addresses, alternates),
                         lambda: feeds.sitemap(site, addresses, alternates), here=True))
    return found


Store = Callable[[str, bytes], Stored]  # writes a file where the writer takes it from


def render(jobs: list[Job], unchanged: Callable[[str, str | None], bool],
           problems: Problems, storing: Callable[[], Store] | None = None) -> list[Made]:
    """Every job's bytes, in order; None for one whose file is `unchanged`.  Rendered on
    every core; what fails is reported to `problems` (its `data` is then None).  With
    `storing` (the writer's, see `writer.Staging.store`), files are written by the process
    that makes them, and only that they were (`Stored`) is sent back."""
    todo = [job for job in jobs if not unchanged(job.path, job.key)]
    store = storing() if storing is not None and todo else None
    far = [job for job in todo if not job.here]
    made: dict[str, bytes | Stored | SiteError] = {}
    writes: list[tuple[str, Callable[[], Stored]]] = []
    try:
        if store is not None and len(far) < parallel.MIN_JOBS:
            # the pages are rendered in this process too (a few changed): the files made
            # here first, each large one written by a thread (the feed, 18 MB at 10,000
            # entries: the kernel's time, not Python's) while the pages are rendered
            for job in todo:
                if job.here:
                    made[job.path] = _attempt(job, partial(_written_aside, store, writes))
        try:
            made |= dict(zip((job.path for job in far),
                             parallel.run(lambda i: _attempt(far[i], store), len(far)),
                             strict=True))
        except parallel.Killed as exc:  # (the pages not made are left out: the build stops)
            problems.items.append(_killed(exc, far))
        made |= {job.path: _attempt(job, store) for job in todo
                 if job.here and job.path not in made}
    finally:
        for path, written in writes:  # (waited for whatever happened: see `_written_aside`)
            made[path] = written()
    reported: set[tuple[str, int]] = set()
    found: list[Made] = []
    for job in jobs:
        data = made.get(job.path)
        if isinstance(data, SiteError):
            for problem in data.problems:  # one faulty template line: said once
                if (problem.path, problem.line) not in reported:
                    reported.add((problem.path, problem.line))
                    problems.items.append(problem)
            data = None
        found.append(Made(job.path, job.key, data))
    return found


BIG = 1 << 20  # bytes: a file made here that is written by a thread of its own


def _written_aside(store: Store, writes: list[tuple[str, Callable[[], Stored]]],
                   path: str, data: bytes) -> Stored:
    """`store(path, data)`, by a thread of its own when `data` is large: what it gives
    is then only a placeholder, the real one left in `writes` (a function that waits for
    the thread and gives what it wrote, or raises what the writing raised).  Each thread is
    waited for before `render` returns, even on an error or Ctrl-C, so that nothing is
    still writing into the staging folder when it goes."""
    if len(data) < BIG:
        return store(path, data)
    outcome: list[Stored | BaseException] = []

    def write() -> None:
        try:
            outcome.append(store(path, data))
        except BaseException as exc:  # (raised in the build's thread, by `written`)
            outcome.append(exc)

    thread = threading.Thread(target=write, name=f"write {path}")
    thread.start()

    def written() -> Stored:
        thread.join()
        if isinstance(outcome[0], BaseException):
            raise outcome[0]
        return outcome[0]

    writes.append((path, written))
    return Stored(0, 0)


def render_again(jobs: list[Job], paths: list[str], problems: Problems) -> list[Made]:
    """The files at `paths` rendered whatever the writer holds (it found that another
    build had changed them); raises SiteError on a template error."""
    again = set(paths)
    made = render([job for job in jobs if job.path in again], lambda *_: False, problems)
    if problems.errors:
        raise SiteError(sorted(problems.errors) + sorted(problems.warnings))
    return made


def _attempt(job: Job, store: Store | None = None) -> bytes | Stored | SiteError:
    try:
        data = job.make()
        return store(job.path, data) if store is not None else pack(data, plain=job.here)
    except SiteError as exc:
        return exc
    except MemoryError as exc:  # (its memory is free again: the other files are tried)
        return SiteError([_out_of_memory(job, exc)])


# what takes all the memory in a template, and what to do
_TEMPLATE_AT_FAULT = ("a loop over a huge range() or a string repeated many times (\"x\" * n) "
                      "can take all of it: make the loop or the repeat smaller. If the "
                      "template is not at fault, close other programs or build on a "
                      "computer with more memory")


def _out_of_memory(job: Job, exc: MemoryError) -> Problem:
    """Python's MemoryError while making `job`'s file: at the template's line that asked
    for the memory when it was there, else said plainly, naming the file and template."""
    filename, line = template_frame(exc)
    make = job.make
    if filename and isinstance(make, partial) and make.func is _page:
        return Problem(site_path(filename, make.args[0].root), line,
                       f"the build ran out of memory while rendering {job.path} at this "
                       f"line; {_TEMPLATE_AT_FAULT}")
    template = _template_of(job)
    return Problem("", 0, f"The build ran out of memory while rendering {job.path}{template}"
                          + (f"; {_TEMPLATE_AT_FAULT}." if template else
                             ". Close other programs or build on a computer with more "
                             "memory, then run it again."))


def _killed(exc: parallel.Killed, jobs: list[Job]) -> Problem:
    """A worker killed while it made one of `jobs` (most often for lack of memory: see
    `parallel.Killed`), said as a plain sentence naming the file and its template."""
    job = jobs[exc.index] if exc.index is not None and exc.index < len(jobs) else None
    template = _template_of(job) if job else ""
    said = exc.said(f"rendering {job.path}{template}" if job else "rendering pages",
                    "If that page's template loops over a huge range() or repeats a string "
                    "many times (\"x\" * n), make the loop or the repeat smaller. "
                    if template else "")
    return Problem("", 0, said[:1].upper() + said[1:])


def _template_of(job: Job) -> str:
    """" (template themes/mine/templates/testimonial.html)" for a page's job: the file its
    template is, as problems name it; "" for any other file, or one not found."""
    make = job.make
    if not (isinstance(make, partial) and make.func is _page):
        return ""
    renderer, view = make.args[0], make.args[1]
    try:
        filename = renderer.env.get_template(TEMPLATE_OF[view["kind"]]).filename
    except Exception:  # (broken: its problem is said where it is used)
        return ""
    return f" (template {site_path(filename, renderer.root)})"


def _html_path(path: str) -> str:
    return path if path.endswith(".html") else path + "index.html"


def _ready(path: str, data: bytes) -> Job:
    return Job(path, digest("bytes", data), lambda: data, here=True)


def _page(renderer: Renderer, view: View, common: dict[str, Any]) -> bytes:
    return renderer.render(view, common).encode("utf-8")


def _week_ics(site: Site, words: Words, folder: str) -> bytes:
    from cswgen.render import calendar  # icalendar takes as long to import as a small build

    return calendar.week_ics(site, words, folder)


def _hreflangs(versions: list[View]) -> list[tuple[str, str]]:
    """A page's versions for the sitemap, as its own `<link hreflang>` list them: each
    language's that has it, and `x-default` (the default language's) right after that one."""
    found: list[tuple[str, str]] = []
    for version in versions:
        if not version["exists"]:
            continue
        found.append((version["tag"], version["path"][1:]))
        if version["default"]:
            found.append(("x-default", version["path"][1:]))
    return found
