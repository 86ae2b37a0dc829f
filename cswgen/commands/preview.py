"""What `cswgen serve` needs besides livereload: its temporary folder, the files it
watches, which file answers an address, the addresses it can be reached at and the port
it listens on, and when to collect its garbage."""

from __future__ import annotations

import contextlib
import errno
import gc
import ipaddress
import os
import shutil
import socket
import sys
import tempfile
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cswgen.core import tree
from cswgen.render.overlay import CONTROL
from cswgen.write.lock import Mark, held_by_another

PREFIX = "cswgen-serve-"  # a preview folder's name in the temporary folder: then its pid
MARK = ".lock"  # beside a preview folder: held by its server while it runs
_HELD: dict[Path, Mark] = {}  # this process's preview folders' marks
COLLECT_EVERY = 10  # rebuilds at most between two full collections (see `Collector`)
COLLECT_AFTER = 0.5  # seconds after the rebuild: the browsers reload first
PORT_TRIES = 20  # when the port is taken, the next ones are tried


class Watcher:
    """The sizes and times of the files the site is made from, compared between looks."""

    def __init__(self) -> None:
        self.roots: list[Path] = []
        self.state: dict[str, tuple[int, int]] = {}

    def look(self) -> bool:
        """Whether anything was added, changed or removed since the last look."""
        state: dict[str, tuple[int, int]] = {}
        for root in self.roots:
            _scan(str(root), state)
        changed = state != self.state
        self.state = state
        return changed


class Collector:
    """When `cswgen serve` has Python's cycle collector look at everything: Python never
    does it there.  Each rebuild leaves cyclic garbage (a Markdown converter, template
    contexts: some 500 objects, 250 kB at 1,000 entries), and Python collects its oldest
    generation only once enough objects reached it through the younger ones; but each
    rebuild runs with the collector paused (`paused_collector`, as `cswgen build` runs),
    which moves all objects into the oldest generation uncounted, so Python never
    collected it, and a serve of 1,000 entries grew by a quarter of a megabyte a save, for
    good.  A full collection takes some 40-50 ms there: too long for every rebuild, so
    one every `COLLECT_EVERY` rebuilds without one, after the browsers reloaded."""

    def __init__(self) -> None:
        self.rebuilds = 0  # since the last full collection
        self.collections = -1  # how many full collections Python had made at the last look

    def rebuilt(self, later: Callable[[float, Callable[[], None]], object]) -> None:
        """Called after each rebuild, with serve's `later` (its loop's `call_later`)."""
        collections = gc.get_stats()[-1]["collections"]
        if collections != self.collections:  # (one ran meanwhile)
            self.collections, self.rebuilds = collections, 0
        self.rebuilds += 1
        if self.rebuilds == COLLECT_EVERY:
            later(COLLECT_AFTER, self.collect)

    def collect(self) -> None:
        gc.collect()


def _scan(path: str, state: dict[str, tuple[int, int]]) -> None:
    """The size and time of `path` (a file), or of each file under it that the build reads
    (as `tree.walk` finds them; a linked file by its target's)."""
    try:
        if not os.path.isdir(path):
            found = os.stat(path)
            state[path] = (found.st_size, found.st_mtime_ns)
            return
    except OSError:
        return  # missing, or removed while looking: the next look sees it as it is then
    for _, entry in tree.walk(path, ordered=False):
        try:
            found = entry.stat()
        except OSError:
            continue  # removed while looking, or a broken link
        state[entry.path] = (found.st_size, found.st_mtime_ns)


def resolve(folder: Path, path: str) -> Path | str | None:
    """The file in `folder` for an address; "redirect" for a folder named without its
    trailing `/`; None for anything else, including any way out of the folder."""
    parts = path.split("/")
    if any(p in (".", "..") or "\\" in p or "\x00" in p or ":" in p for p in parts) \
            or path.startswith(CONTROL):
        return None
    relative = "/".join(p for p in parts if p)
    candidate = folder / relative if relative else folder
    if candidate.is_dir():
        if relative and not path.endswith("/"):
            return "redirect"
        candidate = candidate / "index.html"
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not real.is_relative_to(folder.resolve()) or not real.is_file():
        return None
    return real


def nearest_not_found(folder: Path, path: str) -> Path | None:
    """The not-found page for a missing address: the nearest `404.html` up its folders
    (`sw/404.html` for `/sw/days/x/`), as Cloudflare Pages serves it and as the README
    shows other hosts to, so that each language's own is what a preview shows."""
    parts = [p for p in path.split("/")[:-1] if p]
    for depth in range(len(parts), -1, -1):
        found = resolve(folder, "/" + "".join(p + "/" for p in parts[:depth]) + "404.html")
        if isinstance(found, Path):
            return found
    return None


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# a host that means "every address of this computer" -> the one it is seen at from itself
# (`::` serves IPv6 only: tornado binds it IPv6-only, so 127.0.0.1 would not answer)
EVERY_ADDRESS = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "::1"}


def address(host: str, port: int) -> str:
    return f"http://{'[' + host + ']' if ':' in host else host}:{port}/"


def network_address(host: str) -> str | None:
    """The address other devices on the local network reach this computer at, when it
    serves on every address (`host` in EVERY_ADDRESS); None when it has none.  It is the
    address the system would send from to a private address: a UDP socket "connected"
    there says so, and sends nothing (nothing leaves the computer, no outside service)."""
    family, private = ((socket.AF_INET6, "fd00::1") if host == "::"
                       else (socket.AF_INET, "10.255.255.255"))
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.connect((private, 9))
            found = ipaddress.ip_address(probe.getsockname()[0])
    except (OSError, ValueError):
        return None
    # (a link-local address needs the interface named as well: not one to type on a phone)
    return None if found.is_loopback or found.is_unspecified or found.is_link_local \
        else str(found)


def open_in_browser(url: str, warn: Callable[[str], None]) -> None:
    """`--open`: a computer with no browser to open (a server, a container, a session
    without a desktop) is told so, and the preview goes on."""
    try:
        opened = webbrowser.open(url)
    except (webbrowser.Error, OSError):
        opened = False
    if not opened:
        warn(f"warning: --open found no web browser to start here; open {url} in a browser "
             "yourself. The preview is running.")


def preview_folder() -> Path:
    """A new temporary folder for this server's builds, marked as in use for as long as
    this process runs (a `lock.Mark` beside it, `<folder>.lock`).  Folders of servers that
    were killed before they could remove theirs go first: one whose mark no live process
    holds; one an older cswgen made, without a mark, when the process id in its name is
    not running (asked on POSIX only: see `_running`)."""
    base = Path(tempfile.gettempdir())
    for old in sorted(base.glob(f"{PREFIX}*-*")):
        if old.name.endswith(MARK):  # a mark whose folder is gone, and whose server too
            if not old.with_name(old.name[:-len(MARK)]).exists() and not held_by_another(old):
                with contextlib.suppress(OSError):
                    old.unlink()
            continue
        mark = old.with_name(old.name + MARK)
        if not old.is_dir() or held_by_another(mark):
            continue
        owner = old.name.removeprefix(PREFIX).split("-")[0]
        if not mark.exists() and (not owner.isdigit() or _running(int(owner))):
            continue
        shutil.rmtree(old, ignore_errors=True)
        with contextlib.suppress(OSError):
            mark.unlink(missing_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
    _HELD[folder] = Mark(folder.with_name(folder.name + MARK))
    return folder


def remove_preview_folder(folder: Path) -> None:
    """The server's folder gone when it stops, and its mark with it."""
    shutil.rmtree(folder, ignore_errors=True)
    mark = _HELD.pop(folder, None)
    if mark is not None:
        mark.release()


def _running(pid: int) -> bool:
    """Whether a process `pid` runs.  On Windows it is not asked (`os.kill` there ends the
    process, whatever the signal): a folder without a mark is left as it is."""
    if sys.platform == "win32":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process
    return True


def listen(server: Any, host: str, port: int) -> int:
    """Have `server` (livereload's) listen on `port`, or the next free one; returns the
    port used."""
    last = min(port + PORT_TRIES, 65536) - 1  # (above 65535, a port number wraps round)
    for candidate in range(port, last + 1):
        try:
            server.application(candidate, host, debug=False, live_css=True)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            continue
        return candidate
    taken = f"port {port} is in use; stop what uses it" if last == port \
        else f"ports {port} to {last} are all in use; stop what uses them"
    raise OSError(errno.EADDRINUSE, f"{taken} (another cswgen serve?), or choose another "
                  f"port with --port, like --port {last + 1 if last < 65535 else 8000}")
