"""The whole build as one cached step: a digest of every input a build reads.

`cswgen build` reads config.toml, every file under content/, the theme and the themes it
extends, cswgen's own code and fonts, and its options (the as-of date, drafts, portable,
where the output and cache go).  When all of that is byte for byte what the last
successful build read, and the output folder is still exactly as that build left it,
the build would write the same bytes again: there is nothing to do, and the last build's
warnings are reported again.  Anything else, down to one byte anywhere, is a full build
(which itself redoes only the steps whose inputs changed).

Each file counts by a digest of its bytes.  A file whose status (device, inode, size,
modification and change times, to the nanosecond) is what the last build saw is not read
again: its digest is taken from `stats.pickle` in the cache folder, as git's index does.
Writing to a file, or putting another in its place, always sets its change time, which no
program can set back; a file changed within `RACY` of when it was last looked at (when
its times may not yet show a second write in the same tick) is always read again.

Reading the sources for the digest also keeps the text of content's Markdown and CSV
files it did read, so that a build that does go ahead does not read them a second time,
and the status of everything it looked at (`Watch`: each file and folder, cswgen's own
code and where its libraries are installed), from which the build's stamp (see
`commands.stamp`) answers the next build with nothing to do before any of this loads.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from cswgen.core import limits, tree
from cswgen.core.cache import code_version, read_pickle, write_pickle
from cswgen.core.digest import Digest, digest, file_digest, file_digest_of
from cswgen.core.errors import Problem
from cswgen.core.paths import Listing, listing
from cswgen.core.status import RACY, Seen, Status, look, status_of
from cswgen.read.place import CONFIG_NAME
from cswgen.read.themes import PACKAGE_DIR, Theme

LAST_BUILD = "last-build.pickle"  # in the cache folder
STATS = "stats.pickle"  # in the cache folder: each file's status and digest
TEXT_SUFFIXES = (".md", ".markdown", ".csv")

FOLDERS_OF_CODE_LEFT_OUT = {"__pycache__", "fonts", "themes"}  # (fonts, themes: read as trees)


class Watch:
    """The status of everything a build read, taken before reading it; `settled` while
    none changed too recently to be trusted (`RACY`)."""

    def __init__(self, now: int) -> None:
        self.seen: list[Seen] = []
        self.settled = True
        self._since = now - RACY

    def saw(self, path: str, how: str, status: Status | None) -> None:
        if status is not None and max(status[3], status[4]) >= self._since:
            self.settled = False
        self.seen.append((path, how, status))

    def look(self, path: str, how: str) -> None:
        self.saw(path, how, look(path, how))

    def code(self, package: Path) -> None:
        """cswgen's own code (every file `code_version` reads, and the folders holding
        them) and the folders Python finds libraries in (installing or removing one
        changes its folder)."""
        for folder, folders, files in os.walk(package):
            folders[:] = sorted(f for f in folders if f not in FOLDERS_OF_CODE_LEFT_OUT)
            self.look(folder, "folder")
            for name in sorted(files):
                self.look(os.path.join(folder, name), "file")
        for folder in sys.path[1:]:  # (the first is where cswgen was started from)
            if os.path.isdir(folder):
                self.look(folder, "folder")


@dataclass
class Sources:
    """What a build reads, as one digest; the content text files' bytes that were read,
    and the digest of every content file's bytes (`file_digest`)."""

    digest: str
    texts: dict[str, bytes] = field(default_factory=dict)  # content-relative path -> bytes
    digests: dict[str, str] = field(default_factory=dict)  # content-relative path -> digest
    stats: Stats | None = None  # saved by `save_last`, once the build has succeeded
    watch: Watch | None = None  # the status of every input, for the build's stamp
    listing: Listing | None = None  # content/'s (`paths.listing`), looked at after the rest


class Stats:
    """Each file's status when its digest was last made (by absolute path), loaded from
    and saved to the cache folder; a status too recent to trust is never kept."""

    def __init__(self, cache_root: Path | None, now: int) -> None:
        self._path = cache_root / STATS if cache_root is not None else None
        found = read_pickle(self._path) if self._path is not None else None
        valid = isinstance(found, tuple) and len(found) == 2 and found[0] == code_version()
        self._old: dict[str, tuple[Status, str]] = found[1] if valid else {}  # type: ignore[index]
        self._new: dict[str, tuple[Status, str]] = {}
        self._now = now

    def known(self, path: str, status: Status) -> str | None:
        """The digest of the file at `path` when its status is what it was then."""
        found = self._old.get(path)
        if found is None or found[0] != status:
            return None
        self._new[path] = found
        return found[1]

    def renew(self, now: int) -> None:
        """The statuses the last build saw made the ones to trust (`cswgen serve`'s, kept
        in memory between its builds, never saved): a file gone since drops out."""
        self._old, self._new, self._now = self._new, {}, now

    def note(self, path: str, status: Status, digest_: str) -> None:
        if max(status[3], status[4]) < self._now - RACY:
            self._new[path] = status, digest_

    def __getstate__(self) -> dict[str, object]:
        """What `save` needs, sent back from the process that read the sources (see
        `build`): the statuses looked at, and whether they are the ones loaded."""
        state = dict(self.__dict__)
        state["_old"] = self._new if self._new == self._old else {}  # (pickled once)
        return state

    def save(self) -> None:
        """Kept for the next build when it differs; a cache folder that cannot be written
        only means reading every file next time."""
        if self._path is None or self._new == self._old:
            return
        with contextlib.suppress(OSError):
            self._path.parent.mkdir(parents=True, exist_ok=True)
            write_pickle(self._path, (code_version(), self._new))


@dataclass
class LastBuild:
    inputs: str  # Sources.digest
    output: str  # the output folder, resolved
    manifest: str  # digest of the output's manifest as the build left it
    pages: int
    files: int
    warnings: list[Problem]


def read_sources(root: Path, theme_chain: list[Theme], options: str,
                 cache_root: Path | None = None) -> Sources | None:
    """Every input of a build at `root` with these `options` (already resolved: as-of
    date, drafts, portable, output and cache folders), or None when something cannot be
    read (the build itself then says what).  `cache_root`: where the files' statuses are
    kept between builds (None: every file is read)."""
    hasher = Digest()
    add = hasher.add
    now = time.time_ns()
    sources = Sources("", watch=Watch(now))
    watch = sources.watch
    assert watch is not None
    watch.code(PACKAGE_DIR)
    add(code_version(), options)
    stats = Stats(cache_root, now)
    try:
        watch.look(str(root / CONFIG_NAME), "file")
        add(CONFIG_NAME, (root / CONFIG_NAME).read_bytes())
        watch.look(str(root / "themes"), "folder")  # (one added there is another theme)
        _add_tree(hasher, PACKAGE_DIR / "fonts", "fonts", stats, watch, None)
        for theme in theme_chain:
            _add_tree(hasher, theme.folder, f"theme {theme.name} {theme.folder}", stats,
                      watch, None)
        _add_tree(hasher, root / "content", "content", stats, watch, sources)
        if (root / "content").is_dir():  # (what the build lists next, listed here)
            sources.listing = listing(root / "content", root)
    except (OSError, UnicodeError):
        return None
    sources.stats = stats
    sources.digest = hasher.hexdigest()
    return sources


def read_content(root: Path, stats: Stats) -> Sources | None:
    """Only content/'s files, for a build of `cswgen serve` (which watches the rest):
    each one's digest, known from `stats` (its own, kept in memory: see `Stats.renew`)
    when its status is what the last build saw, else read (a text file's bytes kept, for
    the build to read them from), and content/'s listing; None when something cannot be
    read (the build then reads every file itself, and says what is wrong)."""
    now = time.time_ns()
    stats.renew(now)
    sources = Sources("")
    try:
        _add_tree(Digest(), root / "content", "content", stats, Watch(now), sources)
        if (root / "content").is_dir():
            sources.listing = listing(root / "content", root)
    except (OSError, UnicodeError):
        return None
    return sources


def _add_tree(hasher: Digest, folder: Path, label: str, stats: Stats, watch: Watch,
              sources: Sources | None) -> None:
    """Every file under `folder` (hidden ones too, all of them: `tree.walk` leaving
    nothing out), by relative path and the digest of its bytes; symbolic links by where
    they point, and a linked file by its bytes too."""
    add = hasher.add
    add("tree", label)
    if not folder.is_dir():
        watch.look(str(folder), "folder")
        return
    for relative, entry in tree.walk(folder, None, strict=True,
                                     entering=lambda path: watch.look(path, "folder")):
        if entry.is_symlink():
            watch.look(entry.path, "link")
            add("link", relative, os.readlink(entry.path))
        if entry.is_file():
            found = _digest_of(entry.path, relative, stats, watch, sources)
            if sources is not None:
                sources.digests[relative] = found
            add("file", relative, found)


def _digest_of(path: str, relative: str, stats: Stats, watch: Watch,
               sources: Sources | None) -> str:
    """The digest of a file's bytes: known from its status, or read (and a content text
    file's bytes kept in `sources`: the build reads them next)."""
    status = status_of(os.stat(path))
    watch.saw(path, "file", status)
    found = stats.known(path, status)
    if found is not None:
        return found
    data = None
    if sources is not None and relative.lower().endswith(TEXT_SUFFIXES):
        data = _read_within(path, limits.largest(relative))
    if data is not None and sources is not None:
        sources.texts[relative] = data
        found = file_digest(data)
    else:  # not content text, or too large to read whole
        found = file_digest_of(path)
    stats.note(path, status, found)
    return found


def _read_within(path: str, limit: int) -> bytes | None:
    """The file's bytes, or None when it holds more than `limit`.  (os.read, sized by
    fstat: for ten thousand small files, several times quicker than open().read(n).)"""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(handle).st_size
        if size > limit:
            return None
        parts: list[bytes] = []
        total = 0
        while chunk := os.read(handle, max(size + 1 - total, 1 << 16)):
            parts.append(chunk)
            total += len(chunk)
            if total > limit:  # grew while being read
                return None
        return b"".join(parts)
    finally:
        os.close(handle)


def manifest_digest(output: Path, manifest: str) -> str | None:
    try:
        return digest((output / manifest).read_bytes())
    except OSError:
        return None


def load_last(cache_root: Path) -> LastBuild | None:
    last = read_pickle(cache_root / LAST_BUILD)
    return last if isinstance(last, LastBuild) else None  # else no shortcut


def keep_stats(sources: Sources | None) -> None:
    """The files' statuses this build trusted or noted, for the next build."""
    if sources is not None and sources.stats is not None:
        sources.stats.save()


def save_last(cache_root: Path, last: LastBuild) -> None:
    """A site whose cache folder cannot be written just builds every time."""
    with contextlib.suppress(OSError):
        write_pickle(cache_root / LAST_BUILD, last)


def forget_last(cache_root: Path) -> None:
    """Before a build changes the output: until it succeeds, no shortcut."""
    with contextlib.suppress(OSError):
        (cache_root / LAST_BUILD).unlink(missing_ok=True)
