"""Write a build into a staging folder, then swap it in for the output folder (or, for
`cswgen serve`, into a preview folder updated in place).

The writer is given files made (bytes, or a file to copy) with their keys; it writes
them, swaps the folder in and journals what it does, so that a failed build leaves the
previous output exactly as it was.  Which folder it may replace is `output`'s to say.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

from cswgen.core.cache import digest
from cswgen.core.errors import Problem, SiteError
from cswgen.core.packed import Stored, unpack
from cswgen.core.status import Status, status_of
from cswgen.write import journal
from cswgen.write.lock import BuildLock, Mark, held_by_another
from cswgen.write.manifest import (
    MANIFEST,
    Known,
    Record,
    read_known,
    read_manifest,
    trusted_status,
    write_manifest,
)
from cswgen.write.output import Surveyed

SMALL_CHANGE = 200  # at most this many files (or a tenth), changed in place
STAGING_PREFIX = ".cswgen-staging-"
OWNER = ".owner"  # beside a staging folder: locked while its build lives (see `reserve`)
# a file's bytes, a file to copy, one stored already (`Staging.store`), or None: unchanged
Data = bytes | Path | Stored | None


def _normal(path: str) -> str:
    """An output path checked and made plain: never outside the folder."""
    if path and path[0] != "/" and path[-1] not in "/." and "//" not in path \
            and "./" not in path and "\x00" not in path:
        return path  # plain already (as every path a build makes is): no part to drop
    parts = [part for part in path.split("/") if part not in ("", ".")]
    if path.startswith("/") or ".." in parts or "\x00" in path or not parts:
        raise SiteError([Problem(path, 0, "refusing to write outside the output folder")])
    return "/".join(parts)


class Writer:
    """What every build writes through: output paths are `/`-separated, stay inside the
    folder, and are written once each.  Every file comes with a key, a digest of all it is
    made from: a file whose key has not changed since the last build (`unchanged`) need
    not be made again, its bytes cannot have changed, and is written as None.  The writer
    only writes: files come to it made."""

    folder: Path

    def __init__(self) -> None:
        self.written: list[str] = []  # every output path of this build
        self.changed: list[str] = []  # the ones made again or removed by this build
        self._seen: set[str] = set()
        self._folders: set[str] = set()  # made already

    def name(self, path: str) -> str:
        """The output path checked: never outside the folder, never written twice."""
        name = _normal(path)
        key = name.casefold()
        if key in self._seen:
            raise SiteError([Problem(path, 0, "two things would be written to this output "
                                     "path; give one of them a different slug")])
        self._seen.add(key)
        self.written.append(name)
        return name

    def destination(self, name: str) -> str:
        """Where a checked output path goes on disk, its folder made."""
        destination = os.path.join(self.folder, name)  # str, not Path: a build makes thousands
        parent = os.path.dirname(destination)
        if parent not in self._folders:
            try:
                os.mkdir(parent)  # (most pages are a folder of their own in a made one)
            except OSError:
                os.makedirs(parent, exist_ok=True)
            self._folders.add(parent)
        return destination

    def put(self, name: str, what: bytes | Path) -> str:
        """Make one file: a copy of `what`, or `what` itself.  Returns its path."""
        destination = self.destination(name)
        if isinstance(what, Path):
            shutil.copyfile(what, destination)
        else:
            with open(destination, "wb") as file:
                file.write(what)
        return destination

    def unchanged(self, path: str, key: str | None) -> bool:
        """The file at `path`, made from `key` (None: unknown), is in place already."""
        raise NotImplementedError

    def write(self, path: str, key: str | None, data: bytes | Stored | None) -> None:
        """The file at `path`, made from `key`: its bytes packed (`core.packed`: they are
        held until the swap), `Stored` already (a `Staging`'s), or None when `unchanged`."""
        raise NotImplementedError

    def copy(self, path: str, source: Path) -> None:
        raise NotImplementedError

    def commit(self) -> list[str]:
        """Put what was written in place.  Returns the paths given as unchanged that no
        longer are (another build changed the output meanwhile); nothing is moved then:
        give their bytes (`redo`) and commit again."""
        raise NotImplementedError

    def redo(self, path: str, data: bytes) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        raise NotImplementedError


class Staging(Writer):
    """A new output folder built beside the old one and swapped in when complete.

    Nothing is written until `commit()`: under the build lock it compares every file's key
    with the manifest of the output folder once more.  When nothing changed, the output is
    left as it is.  Otherwise files whose key is unchanged (and which nobody has touched
    since) are linked from the old folder, and only the others are written.

    Or, once the folder is `reserve`d, files are `store`d in it as they are made (by the
    processes that render them, on every core), and `commit` takes them as they are: a
    first build at 10,000 entries sent 130 MB of pages through pipes, compressed and
    decompressed, to be written by one process after the last was made."""

    def __init__(self, output: Path, present: Surveyed | None = None,
                 known: Known | None = None) -> None:
        """`present`: the output folder's `survey`, when already made; `known`: its
        manifest as read (`read_known`), when already read."""
        super().__init__()
        self.output = output.resolve()
        self.present = present
        self.folder = self.output.parent / f"{STAGING_PREFIX}{self.output.name}-{os.getpid()}"
        # read again by `commit`, under the lock, unless its status is what it was before
        self._manifest, self.previous = known or read_known(self.output)
        self._plan: dict[str, tuple[str | None, Data]] = {}
        self._found: dict[str, bool] = {}  # `unchanged`'s answers, while `previous` holds
        # the manifest left, once committed (a record None: from before keys were kept)
        self.records: Mapping[str, Record | None] | None = None
        # once committed, the status of every folder of the output, when known without
        # looking at each again: its survey's, but for the folders the commit changed
        self.folders: dict[str, Status] | None = None
        self._owner: Mark | None = None  # see `reserve`
        self._made: list[Path] = []  # the folders `reserve` made to hold the staging folder

    def reserve(self) -> None:
        """Make the staging folder now, for `store`, and mark it as this build's until it
        ends (`commit` or `abort`): another build's `recover` leaves it alone meanwhile."""
        if self._owner is None:
            missing = [f for f in (self.folder.parent, *self.folder.parent.parents)
                       if not f.exists()]
            self.folder.parent.mkdir(parents=True, exist_ok=True)
            self._made = missing  # (a failed first build leaves none of them)
            self._owner = Mark(self.folder.parent / f"{self.folder.name}{OWNER}")
            shutil.rmtree(self.folder, ignore_errors=True)  # (a dead build's of this pid)
            self.folder.mkdir()

    def store(self, path: str, data: bytes) -> Stored:
        """Write a file into the `reserve`d staging folder now (from any process): what to
        give `write` as its data."""
        assert self._owner is not None
        stat = self._store(_normal(path), data)
        return Stored(stat.st_size, stat.st_mtime_ns)

    def unchanged(self, path: str, key: str | None) -> bool:
        name = _normal(path)
        self._found[name] = found = self._unchanged(name, key)
        return found

    def write(self, path: str, key: str | None, data: bytes | Stored | None) -> None:
        self._plan[self.name(path)] = (key, data)

    def redo(self, path: str, data: bytes) -> None:
        name = _normal(path)
        self._plan[name] = (self._plan[name][0], data)

    def copy(self, path: str, source: Path) -> None:
        self._plan[self.name(path)] = (digest("copy", source.read_bytes()), source)

    def _unchanged(self, name: str, key: str | None) -> bool:
        record = self.previous.get(name)
        if key is None or record is None or record[0] != key:
            return False
        if self.present is not None:
            return self.present.get(name) == record[1:]
        try:
            stat = os.stat(os.path.join(self.output, name))
        except OSError:
            return False
        return (stat.st_size, stat.st_mtime_ns) == record[1:]

    def commit(self) -> list[str]:
        """Write what changed, then put it in place: into the output folder itself when
        little changed, else by swapping in a complete new folder.  One build at a time
        does this (see `lock`), after tidying what a killed build left."""
        lock = BuildLock(self.output)
        try:
            if recover(self.output):
                # surveyed before a killed build's output was put back
                self.present, self._manifest, self._found = None, None, {}
            status = trusted_status(self.output)
            if status is None or status != self._manifest:
                previous = read_manifest(self.output)
                if previous != self.previous:  # another build finished meanwhile
                    self.previous, self.present, self._found = previous, None, {}
            # (what `unchanged` found from the survey still holds; files looked at on disk
            # are looked at again)
            found = self._found if self.present is not None else {}
            same = {name: found[name] if name in found and key == self._plan[name][0]
                    else self._unchanged(name, key) for name, (key, _) in self._plan.items()}
            stale = [name for name, (_, data) in self._plan.items()
                     if data is None and not same[name]]
            if not stale:
                self._commit(same)
                self._done()
            return stale
        finally:
            lock.release()

    def _commit(self, same: dict[str, bool]) -> None:
        """`same`: for each file planned, whether the one in place is made from its key."""
        removed = sorted(set(self.previous) - set(self._plan))
        make = [(name, key, data) for name, (key, data) in self._plan.items()
                if not same[name]]
        if not make and not removed:  # the output folder already is this build
            self.records = self.previous
            self.folders = self._folders_after([])
            return
        parent = self.output.parent
        parent.mkdir(parents=True, exist_ok=True)
        self.folder.mkdir(exist_ok=True)  # (made by `reserve`, when files were stored)
        self.changed = [name for name, _, _ in make] + removed
        records = {name: self._make(name, key, data) for name, key, data in make}
        small = len(self.changed) <= max(SMALL_CHANGE, len(self._plan) // 10)
        if small and self.previous and None not in self.previous.values():
            self._update_in_place(records, removed)
            self.folders = self._folders_after(self.changed)
            return
        for name, unchanged in same.items():
            if unchanged:
                self._link(name)
                records[name] = self.previous[name]  # type: ignore[assignment]
        write_manifest(self.folder, records)
        self.records = records
        old = parent / f"{STAGING_PREFIX}{self.output.name}-{os.getpid()}-old"
        if self.output.exists():
            os.replace(self.output, old)
        os.replace(self.folder, self.output)
        if old.exists():
            shutil.rmtree(old, ignore_errors=True)

    def _update_in_place(self, records: dict[str, Record], removed: list[str]) -> None:
        """Move the few files made into the output folder, one atomic rename each.  The
        manifest is written first with both old and new names and the new keys, so a
        build killed half-way leaves a folder the next build accepts; and the old files
        are set aside in an undo folder (see `journal`), so that build puts the previous
        output back exactly as it was."""
        kept = {name: record for name, record in self.previous.items() if record is not None}
        gone = set(removed)
        final = {name: record for name, record in kept.items() if name not in gone} | records
        undo = self.output.parent / f"{STAGING_PREFIX}{self.output.name}-{os.getpid()}-undo"
        journal.start(undo, self.output, [*records, *removed], MANIFEST)
        write_manifest(self.output, kept | records)
        for name in records:
            target = os.path.join(self.output, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            journal.set_aside(undo, self.output, name)
            os.replace(os.path.join(self.folder, name), target)
        for name in removed:
            journal.set_aside(undo, self.output, name)
            journal.prune(self.output.joinpath(*PurePosixPath(name).parts).parent, self.output)
        if removed:  # (else it already is: 15,000 lines at 10,000 entries, written once)
            write_manifest(self.output, final)
        self.records = final
        journal.finish(undo)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _folders_after(self, changed: list[str]) -> dict[str, Status] | None:
        """The survey's folders, those holding a file `changed` (and the output folder, which
        holds the manifest) looked at again: the others are as the survey found them.  (At
        10,000 entries, looking at 15,000 folders took a twentieth of a second.)"""
        surveyed = getattr(self.present, "folders", None)
        if not surveyed:
            return None
        folders = dict(surveyed)
        touched = {""}
        for name in changed:
            while (name := name.rpartition("/")[0]) and name not in touched:
                touched.add(name)
        for name in touched:
            try:
                folders[name] = status_of(os.stat(os.path.join(self.output, name)))
            except OSError:  # (emptied and removed)
                folders.pop(name, None)
        return folders

    def _link(self, name: str) -> None:
        """The previous build's file, shared rather than written again."""
        old, new = os.path.join(self.output, name), self.destination(name)
        try:
            os.link(old, new)
        except OSError:  # a file system without hard links
            shutil.copy2(old, new)

    def _make(self, name: str, key: str | None, data: Data) -> Record:
        assert data is not None  # (`commit` found no stale file)
        if isinstance(data, Stored):  # (a tuple: looked at before bytes)
            return (key or "-", data.size, data.mtime_ns)
        if isinstance(data, Path):
            return self._record(key, os.stat(self.put(name, data)))
        return self._record(key, self._store(name, unpack(data)))

    def _store(self, name: str, data: bytes) -> os.stat_result:
        """`data` as the file `name`, and what it is on disk (os calls: thousands of them)."""
        handle = os.open(self.destination(name), os.O_WRONLY | os.O_CREAT | os.O_TRUNC
                         | getattr(os, "O_BINARY", 0), 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
            return os.fstat(handle)
        finally:
            os.close(handle)

    @staticmethod
    def _record(key: str | None, stat: os.stat_result) -> Record:
        return (key or "-", stat.st_size, stat.st_mtime_ns)

    def abort(self) -> None:
        self._done()
        for folder in self._made:  # (innermost first; one holding anything else stays)
            try:
                folder.rmdir()
            except OSError:
                break
        self._made = []

    def _done(self) -> None:
        """The staging folder is gone (in place, or removed): so goes its mark."""
        shutil.rmtree(self.folder, ignore_errors=True)  # (files stored, none of them needed)
        if self._owner is not None:
            self._owner.release()
            self._owner = None


class Preview(Writer):
    """A folder of cswgen serve's own, kept up to date in place: a build writes only the
    files whose key changed and removes those it no longer makes.  One `Preview` lives as
    long as the server; `begin()` starts each build."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder.resolve()
        self.folder.mkdir(parents=True, exist_ok=True)
        # output path -> the key of what is on disk there; for a copy, the size and time of
        # the file it was made from
        self.on_disk: dict[str, str | tuple[int, int]] = {}

    def begin(self) -> None:
        self.written, self.changed, self._seen, self._folders = [], [], set(), set()

    def unchanged(self, path: str, key: str | None) -> bool:
        return self._current(_normal(path), key)

    def write(self, path: str, key: str | None, data: bytes | Stored | None) -> None:
        name = self.name(path)
        assert not isinstance(data, Stored)  # (only a `Staging` stores files)
        if data is not None:
            self._put(name, key, unpack(data))

    def copy(self, path: str, source: Path) -> None:
        stat = source.stat()
        name, state = self.name(path), (stat.st_size, stat.st_mtime_ns)
        if not self._current(name, state):
            self._put(name, state, source)

    def _current(self, name: str, state: str | tuple[int, int] | None) -> bool:
        # (unchanged: not even its folder is looked at)
        return state is not None and self.on_disk.get(name) == state \
            and os.path.isfile(os.path.join(self.folder, name))

    def _put(self, name: str, state: str | tuple[int, int] | None,
             data: bytes | Path) -> None:
        self.put(name, data)
        if state is not None:
            self.on_disk[name] = state
        else:
            self.on_disk.pop(name, None)
        self.changed.append(name)

    def commit(self) -> list[str]:
        """Remove what the previous build wrote and this one did not (one server builds
        into its preview folder, so nothing given as unchanged can have changed)."""
        for name in sorted(set(self.on_disk) - set(self.written)):
            del self.on_disk[name]
            self.changed.append(name)
            stale = self.folder.joinpath(*PurePosixPath(name).parts)
            stale.unlink(missing_ok=True)
            journal.prune(stale.parent, self.folder)
        return []

    def abort(self) -> None:
        """Files written so far stay: the server shows the build's errors over them."""


def recover(output: Path) -> bool:
    """Tidy up after a build that was killed (call with the lock held): its staging folders
    go, and if it died between moving the old output aside and moving the new one in, the
    old output is moved back, exactly as it was.  True when the output folder changed."""
    restored = False
    for stale in sorted(output.parent.glob(f"{STAGING_PREFIX}{output.name}-*")):
        if stale.name.endswith(OWNER):  # a build's mark: gone with it, unless it lives on
            if not stale.with_name(stale.name[:-len(OWNER)]).is_dir() \
                    and not held_by_another(stale):
                stale.unlink(missing_ok=True)
            continue
        if not stale.is_dir() or held_by_another(stale.with_name(stale.name + OWNER)):
            continue  # (a live build's staging folder, files stored in it as it renders)
        if stale.name.endswith("-old") and not output.exists():
            os.replace(stale, output)
            restored = True
        elif stale.name.endswith("-undo"):
            journal.roll_back(stale, output, MANIFEST)
            restored = True
        else:
            shutil.rmtree(stale, ignore_errors=True)
    return restored
