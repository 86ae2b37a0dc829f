"""`cswgen serve`: build the site, serve it, rebuild on every change and reload the browser.
The only module that imports livereload, and tornado, the server livereload runs on.

Everything happens on one thread, in tornado's loop.  Every 25 ms or more (POLL) a look at
the watched files' sizes and times finds changes; once a look SETTLE seconds later finds
nothing new (a burst of events has settled), the whole site is built again, with the
expensive results kept in memory (`Cache`) and only changed files written (`Preview`),
into a temporary folder of its own, never the output folder.  Requests wait while a build
runs, so no page is served half-written or older than the last build.  A build that fails
leaves the server running: every page shows the problems over the last good build until
they are fixed; but one that failed while files changed under it (an editor saving through
a temporary file) is not shown: the site is built again once they settle.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import mimetypes
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import FrameType
from typing import Any
from urllib.parse import parse_qs, quote

import livereload
from livereload.handlers import LiveReloadHandler
from tornado.ioloop import IOLoop

from cswgen.commands.build import build
from cswgen.commands.console import Enter, Told, listed
from cswgen.commands.preview import (
    EVERY_ADDRESS,
    Collector,
    Watcher,
    address,
    is_loopback,
    listen,
    nearest_not_found,
    network_address,
    open_in_browser,
    preview_folder,
    remove_preview_folder,
    resolve,
)
from cswgen.core import parallel
from cswgen.core.cache import Cache, paused_collector
from cswgen.core.errors import Problem, Problems, SiteError
from cswgen.read import fingerprint, themes
from cswgen.read.config import load_config
from cswgen.read.place import CONFIG_NAME, today_in
from cswgen.read.settings import SiteConfig
from cswgen.render.overlay import (
    AS_OF_ACTION,
    GENERATION,
    State,
    decorate,
    empty_page,
    safe_next,
)
from cswgen.write.writer import Preview

POLL = (0.025, 0.5)  # seconds between looks at the watched files: 10 times a look's
                    # duration within these bounds, so looking costs a tenth of a core at most
                    # (at 10,000 files a look takes 50-80 ms: capped at 0.05 s, the server
                    # kept most of a core busy doing nothing)
SETTLE = 0.02  # after a change, seconds without another before building
PHOTOS_GAP = 2.0  # seconds at least between builds that publish photos made meanwhile
Respond = Callable[[str, list[tuple[str, str]]], Any]  # WSGI start_response


class Session:
    """One `cswgen serve`: its settings, the last build's outcome, and what is kept between
    builds."""

    def __init__(self, root: Path, folder: Path, *, as_of: date | None, drafts: bool,
                 say: Callable[[str], None], warn: Callable[[str], None]) -> None:
        self.root = root
        self.as_of = as_of  # None: today in the site's time zone
        self.drafts = drafts
        self.say, self.warn = say, warn
        self.cache = Cache()
        # each content file's status and digest when a build last saw it: a file whose
        # status is the same is not read again (at 10,000 files, a fifth of a rebuild)
        self.statuses = fingerprint.Stats(None, 0)
        self.preview = Preview(folder)
        self.watcher = Watcher()
        self.problems: tuple[Problem, ...] = ()  # of the last build, when it failed
        self.told = Told()  # the warnings said in the terminal (see `console`)
        self.enter = Enter(None)  # pressed: the whole list again
        self.scheduled: dict[str, tuple[str, date]] = {}  # (see `State.later`)
        self.state = State(as_of=as_of or date.today())
        self.notify: Callable[[str], None] = lambda path: None  # tells browsers to reload
        self.generation = 0  # how many times every page was told to reload
        self.settling = False  # files changed; build when they stop changing
        self.later: Callable[[float, Callable[[], None]], object] = lambda delay, call: call()
        self.built = False  # a build has worked
        self.retried = False  # the last build failed on files changed as it ran
        # photos new to the cache are made beside the server, one process a core, while
        # pages show placeholders; each is tried there once (one that fails there is made
        # by the next build itself, which says why)
        self.photos = parallel.Background()
        self.tried: set[str] = set()  # cache keys of photos handed to `photos`
        self.ready = False  # some are made, and not yet in the preview
        self.finished = 0.0  # when the last build ended (time.perf_counter())
        self.collector = Collector()  # when to collect the builds' cyclic garbage

    # --- building ---------------------------------------------------------------------

    def rebuild(self, why: str = "", *, reload: bool = True) -> None:
        """A full build; prints one line, and has browsers reload when anything changed
        (unless not to `reload`: photos made while others are still being made)."""
        started = time.perf_counter()
        before = self.problems
        changed: list[str] = []
        warned = ""  # what the build's line says of its warnings
        config = self._config()
        watched = self._watched(config)
        if watched != self.watcher.roots:  # the first build, or another theme
            self.watcher.roots = watched
            self.watcher.look()  # before building: a change made during the build is seen
        try:
            # (the collector paused, as for `cswgen build`: at 10,000 entries it scanned the
            # cache held in memory three times a rebuild, a third of its time; `collector`
            # collects what rebuilds leave)
            with paused_collector():
                result = build(self.root, as_of=self.as_of, drafts=self.drafts,
                               cache=self.cache, preview=self.preview,
                               photos_later=self._later, statuses=self.statuses)
        except (SiteError, FileNotFoundError) as exc:
            if self._again():
                return
            self.problems = tuple(exc.problems) if isinstance(exc, SiteError) else _bug(exc)
        except Exception as exc:  # a bug in cswgen: the server stays up to show it
            self.problems = _bug(exc)
        else:
            self.problems = ()
            changed = result.changed
            for key, make in result.pending.items():
                self.tried.add(key)
                self.photos.start(key, make)  # by the next tick
            change = self.told.built(result.warnings)
            for problem in change.new:
                self.warn(str(problem))
            warned = change.line()
            self.scheduled = result.later
        self.retried = False
        self.finished = time.perf_counter()
        self.collector.rebuilt(self.later)
        milliseconds = round((self.finished - started) * 1000)
        self.state = self._state(config)
        suffix = f" ({why})" if why else ""
        if self.problems:
            for problem in self.told.failed(self.problems):
                self.warn(str(problem))
            errors = sum(1 for p in self.problems if p.severity == "error")
            self.say(f"Rebuild failed in {milliseconds} ms: {errors} error"
                     f"{'s' if errors != 1 else ''}, shown in the browser until fixed{suffix}")
        else:
            self.say(f"{'Rebuilt' if self.built else 'Built'} in {milliseconds} ms: "
                     f"{len(changed)} file{'s' if len(changed) != 1 else ''} changed{suffix}"
                     f"{warned}")
            self.built = True
        if not reload:
            pass
        elif self.problems != before:
            self.reload_all()  # the problem list appeared, changed or went away
        elif changed and all(name.endswith(".css") for name in changed):
            self.notify(changed[0] if len(changed) == 1 else "*.css")  # styles only
        elif changed:
            self.reload_all()

    def _again(self) -> bool:
        """After a failed build: whether files changed while it ran, so that what it
        failed on may be a file half-saved (an editor that writes a temporary file and
        renames it over the old one, one that empties a file and then writes it, a sync
        tool); then it is neither shown nor reported, and the site is built again once the
        files settle.  Once in a row: a file that never stops changing hides no error."""
        if self.retried or not self.watcher.look():
            return False
        self.retried = True
        if not self.settling:
            self.settling = True
            self.later(SETTLE, self.settle)
        return True

    def reload_all(self) -> None:
        """Have every open page reload: told now, and counted, so that a page that was
        itself reloading as it was told finds out when it next asks (`GENERATION`)."""
        self.generation += 1
        self.state = replace(self.state, generation=self.generation)
        self.notify("*")

    def tick(self) -> None:
        """Called every POLL: after a change, look again every SETTLE seconds and
        build once a look finds nothing new, so a burst of changes makes one build.  When
        photos made beside the server are ready, build to publish them (placeholders go);
        browsers reload once, when the last is ready.  Enter pressed: the whole list."""
        if self.enter.pressed():
            self.list_all()
        if self.photos.busy and self.photos.poll():
            self.ready = True
        if self.ready and not self.photos.busy:
            self.ready = False
            self.rebuild("all photos ready", reload=False)
            self.reload_all()
        elif self.ready and time.perf_counter() - self.finished > PHOTOS_GAP:
            self.ready = False
            self.rebuild("photos ready", reload=False)
        if not self.settling and self.watcher.look():
            self.settling = True
            self.later(SETTLE, self.settle)

    def list_all(self) -> None:
        """Every problem of the last build, in full, and a line counting them."""
        shown = self.problems or tuple(self.told.warnings)
        for problem in shown:
            self.warn(str(problem))
        self.say(listed(shown, failed=bool(self.problems)))

    def settle(self) -> None:
        if self.watcher.look():
            self.later(SETTLE, self.settle)
        else:
            self.settling = False
            self.rebuild()

    def _later(self, key: str) -> bool:
        """Whether a build may show a placeholder for the photo with this cache key: one
        not tried beside the server yet, or being made there now."""
        return key not in self.tried or key in self.photos

    def _config(self) -> SiteConfig | None:
        try:
            return load_config(self.root, Problems())
        except SiteError:
            return None  # the build reports why

    def _state(self, config: SiteConfig | None) -> State:
        """What the preview bar shows, from the config as the build read it."""
        if config is None:
            return State(as_of=self.state.as_of, week=self.state.week, drafts=self.drafts,
                         problems=self.problems, generation=self.generation)
        return State(as_of=self.as_of or today_in(config.week.timezone),
                     week=tuple(config.week.dates), drafts=self.drafts,
                     problems=self.problems, generation=self.generation,
                     later=self.scheduled)

    def _watched(self, config: SiteConfig | None) -> list[Path]:
        """config.toml, content/, the site's themes/ and the built-in themes in use; the
        output folder and the preview folder are never among them."""
        folders = [self.root / CONFIG_NAME, self.root / "content", self.root / "themes"]
        builtin = [themes.builtin_themes_dir()]  # when the theme cannot be known: all
        if config is not None:
            with contextlib.suppress(SiteError):
                builtin = [t.folder for t in themes.chain(config) if t.builtin]
        return folders + [f for f in builtin if f not in folders]

    # --- serving ----------------------------------------------------------------------

    def app(self, environ: dict[str, Any], start_response: Respond) -> Iterable[bytes]:
        """The WSGI application livereload serves (it adds its script to each page)."""
        method = environ["REQUEST_METHOD"]
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "replace")
        if path == GENERATION:  # (asked by every served page: see `overlay`)
            return _reply(start_response, "200 OK", str(self.generation).encode("ascii"),
                          "text/plain; charset=utf-8", [("Cache-Control", "no-store")])
        if path == AS_OF_ACTION:
            if method != "POST":
                return _reply(start_response, "405 Method Not Allowed", b"", "text/plain",
                              [("Allow", "POST")])
            return self._change_as_of(environ, start_response)
        if method not in ("GET", "HEAD"):
            return _reply(start_response, "405 Method Not Allowed", b"", "text/plain",
                          [("Allow", "GET, HEAD")])
        status, data, kind, extra = self._file(path, environ.get("QUERY_STRING", ""))
        if kind.startswith("text/html"):
            data = decorate(data.decode("utf-8", "replace"), path, self.state).encode("utf-8")
        return _reply(start_response, status, data, kind, extra)  # (a HEAD's: `_Server`)

    def _file(self, path: str, query: str) -> tuple[str, bytes, str, list[tuple[str, str]]]:
        """Status, bytes, type and extra headers for a request; nothing outside the site."""
        found = resolve(self.preview.folder, path)
        if found == "redirect":
            where = quote(path + "/") + (f"?{query}" if query else "")
            return "301 Moved Permanently", b"", "text/plain", [("Location", where)]
        if isinstance(found, Path):
            kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind in ("application/javascript", "image/svg+xml",
                                                    "application/xml"):
                kind += "; charset=utf-8"
            return "200 OK", found.read_bytes(), kind, []
        not_found = nearest_not_found(self.preview.folder, path)
        data = (not_found.read_bytes() if not_found is not None
                else empty_page("Page not found").encode("utf-8"))
        return "404 Not Found", data, "text/html; charset=utf-8", []

    def _change_as_of(self, environ: dict[str, Any], start_response: Respond) -> Iterable[bytes]:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        form = parse_qs(environ["wsgi.input"].read(min(length, 10_000)).decode("utf-8",
                                                                              "replace"))
        choice = form.get("as_of", [""])[0]
        back = safe_next(form.get("next", ["/"])[0])
        if choice == "today":
            self.as_of = None
        else:
            try:
                self.as_of = date.fromisoformat(choice)
            except ValueError:
                return _reply(start_response, "400 Bad Request", b"not a date", "text/plain")
        self.rebuild(f"as on {self.as_of.isoformat() if self.as_of else 'today'}")
        return _reply(start_response, "303 See Other", b"", "text/plain",
                      [("Location", quote(back, safe="/%?=&#:@!$'()*+,;~"))])


def _bug(exc: Exception) -> tuple[Problem, ...]:
    """A bug in cswgen, printed with its traceback and shown in the browser."""
    traceback.print_exc()
    return (Problem("cswgen", 0, "stopped because of a bug, not because of your site "
                    f"({type(exc).__name__}: {exc}); please report it with the traceback "
                    "printed in the terminal"),)


def _reply(start_response: Respond, status: str, data: bytes, kind: str,
           extra: list[tuple[str, str]] | None = None) -> list[bytes]:
    start_response(status, [("Content-Type", kind), ("Content-Length", str(len(data))),
                            ("Cache-Control", "no-store"), *(extra or [])])
    return [data]


class _Server(livereload.Server):  # type: ignore[misc]
    """livereload's server, but a HEAD request gets the headers a GET gets, the length of
    the page included, and no body: livereload gives the length of the body it is handed,
    and tornado refuses to send one for a HEAD."""

    def get_web_handlers(self, script: bytes) -> list[Any]:
        [(pattern, handler, options)] = super().get_web_handlers(script)
        container = options["fallback"]

        def fallback(request: Any) -> None:
            if request.method == "HEAD":
                request.connection = _HeadersOnly(request.connection)
            container(request)

        return [(pattern, handler, {**options, "fallback": fallback})]


class _HeadersOnly:
    """A request's connection that sends a response's headers and leaves out its body."""

    def __init__(self, connection: Any) -> None:
        self.connection = connection

    def write_headers(self, start_line: Any, headers: Any, chunk: bytes | None = None) -> Any:
        return self.connection.write_headers(start_line, headers)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)


_stopping: list[int] = []  # the signals heard (see `_stop`)


def _stop(signum: int, frame: FrameType | None) -> None:
    """Stop the server.  Remembered as well as raised: raised where Python drops an
    exception (in a `__del__` or a weakref callback, which run whenever the collector
    does), the KeyboardInterrupt would be lost and the server would go on; the next poll
    raises it again."""
    _stopping.append(signum)
    raise KeyboardInterrupt


def run(root: Path, *, host: str = "127.0.0.1", port: int = 8000, open_browser: bool = False,
        as_of: date | None = None, drafts: bool = False) -> None:
    """Serve until Ctrl-C or SIGTERM.  Raises OSError when no port can be had."""

    def say(text: str) -> None:
        print(text, flush=True)

    def warn(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    logging.getLogger("tornado.access").setLevel(logging.ERROR)  # no line per request
    folder = preview_folder()
    # Ctrl-C and SIGTERM both stop the server, even when started where SIGINT is ignored
    _stopping.clear()
    previous = {number: signal.signal(number, _stop) for number in (signal.SIGINT,
                                                                    signal.SIGTERM)}
    session = None
    try:
        session = Session(root, folder, as_of=as_of, drafts=drafts, say=say, warn=warn)
        asyncio.set_event_loop(asyncio.new_event_loop())
        loop = IOLoop.current()
        server = _Server(app=session.app)
        used = listen(server, host, port)
        if used != port:
            say(f"Port {port} is in use, so the preview uses port {used}.")
        if not is_loopback(host):
            warn(f"warning: serving on {host}, which other computers can reach: anyone on "
                 "your network can see this preview, drafts included. Leave out --host to "
                 "serve on this computer only.")
        url = address(EVERY_ADDRESS.get(host, host), used)
        session.enter = Enter(sys.stdin)
        say(f"Serving the preview at {url} ({session.enter.keys})")
        if host in EVERY_ADDRESS and (seen_at := network_address(host)):
            say(f"Other devices on your network can see it at {address(seen_at, used)}")
        session.notify = lambda path: LiveReloadHandler.reload_waiters(path)
        session.later = loop.call_later
        session.rebuild()
        if open_browser:
            threading.Thread(target=open_in_browser, args=(url, warn), daemon=True).start()

        def poll() -> None:
            if _stopping:  # (heard, and its KeyboardInterrupt dropped on the way)
                raise KeyboardInterrupt
            started = time.perf_counter()
            session.tick()
            spent = time.perf_counter() - started
            loop.call_later(min(POLL[1], max(POLL[0], 10 * spent)), poll)

        poll()
        loop.start()
    except KeyboardInterrupt:
        say("Stopped.")
    finally:
        if session is not None:
            session.photos.stop()
        for number, handler in previous.items():
            signal.signal(number, handler)
        remove_preview_folder(folder)
