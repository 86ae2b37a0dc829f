"""Write a build into a staging folder, then swap it in for the output folder (or, for
`cswgen serve`, into a preview folder updated in place).

A failed build leaves the previous output exactly as it was.  cswgen only ever replaces
a folder it wrote itself: the output folder carries a manifest of the files cswgen put
there, and a folder holding anything else, or holding the site's own sources, is refused.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from functools import partial
from pathlib import Path, PurePosixPath

from cswgen.core import parallel
from cswgen.core.cache import digest
from cswgen.core.errors import Problem, Problems, SiteError
from cswgen.write import journal
from cswgen.write.lock import BuildLock

MANIFEST = ".cswgen-manifest"
SMALL_CHANGE = 200  # at most this many files (or a tenth), changed in place
MANIFEST_HEADER = "# cswgen manifest 2: key, size, mtime_ns and path of every file written"
STAGING_PREFIX = ".cswgen-staging-"


Surveyed = dict[str, tuple[int, int]]  # output path -> size and mtime_ns


def survey(folder: Path) -> Surveyed:
    """Every file under `folder` (`/`-separated, relative) with its size and modification
    time; a symbolic link counts as a file of its own (os.scandir: a build has tens of
    thousands, a folder each)."""
    found: Surveyed = {}
    if not folder.is_dir():
        return found
    stack = [("", str(folder))]
    while stack:
        prefix, current = stack.pop()
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((prefix + entry.name + "/", entry.path))
                else:
                    stat = entry.stat(follow_symlinks=False)
                    found[prefix + entry.name] = (stat.st_size, stat.st_mtime_ns)
    return found


def check_place(output: Path, root: Path, where: str, line: int) -> None:
    """Refuse an output folder that is, holds or sits inside the sources, or is a file."""
    out, shown = output.resolve(), _shown(output, root)
    site = root.resolve()
    if site.is_relative_to(out):
        raise _refuse(where, line, f"the output folder {shown} is or contains the site's own "
                      "folder; cswgen replaces the output folder on every build, so choose a "
                      "folder of its own, such as \"output\"")
    for source in ("content", "themes"):
        if out.is_relative_to(site / source):
            raise _refuse(where, line, f"the output folder {shown} is inside {source}/, so "
                          "the site would publish itself; choose a folder outside it, such as "
                          "\"output\"")
    if out.exists() and not out.is_dir():
        raise _refuse(where, line, f"{shown} exists and is not a folder; choose another "
                      "output folder")


def check_output(output: Path, root: Path, where: str, line: int,
                 present: Surveyed | None = None) -> None:
    """Refuse an output folder in the wrong place (`check_place`), or holding files cswgen
    did not write (`present`: its `survey`, when already made)."""
    check_place(output, root, where, line)
    files = sorted(survey(output.resolve()) if present is None else present)
    if not files:
        return
    written = set(read_manifest(output))
    # (a manifest being replaced when a build was killed is cswgen's too)
    foreign = [p for p in files if p not in (MANIFEST, f"{MANIFEST}.new") and p not in written]
    if foreign:
        listed = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more"
                                           if len(foreign) > 3 else "")
        raise _refuse(where, line, f"the output folder {_shown(output, root)} holds files "
                      f"cswgen did not write ({listed}); cswgen replaces that folder on every "
                      "build, so it will not touch it. Move those files into content/ (they "
                      "are published from there) or choose an empty output folder")


def _shown(output: Path, root: Path) -> str:
    out, site = output.resolve(), root.resolve()
    return out.relative_to(site).as_posix() + "/" if out.is_relative_to(site) and out != site \
        else str(output)


def _refuse(where: str, line: int, message: str) -> SiteError:
    return SiteError([Problem(where, line, message)])


class OutputCheck:
    """The output folder of a build: its place checked at once (`check_place`), what it
    holds surveyed by a forked process beside the reading of the sources, and checked
    once, when first asked, for files cswgen did not write (`check_output`).  What it
    finds wrong goes to `problems`, with the content's, so one run reports everything."""

    def __init__(self, root: Path, target: Path, where: str, line: int,
                 problems: Problems) -> None:
        self.target, self.root, self.where, self.line = target, root, where, line
        self.problems = problems
        self._present: Callable[[], Surveyed] | None = None
        self._ok: bool | None = None
        try:
            check_place(target, root, where, line)
            self._present = parallel.soon(partial(survey, target.resolve()))
        except SiteError as exc:
            problems.items.extend(exc.problems)

    def present(self) -> Surveyed | None:
        """What the output folder holds (None: its place was refused, so not surveyed)."""
        return self._present() if self._present is not None else None

    def ok(self) -> bool:
        """The output folder holds only what cswgen wrote (else a problem, reported once)."""
        if self._ok is None:
            present = self.present()
            self._ok = False
            if present is not None:
                try:
                    check_output(self.target, self.root, self.where, self.line, present)
                    self._ok = True
                except SiteError as exc:
                    self.problems.items.extend(exc.problems)
        return self._ok

    def untouched(self) -> bool:
        """It holds only what cswgen wrote, every file as the last build left it."""
        present = self.present()
        return self.ok() and present is not None and untouched(self.target, present)


Record = tuple[str, int, int]  # what the manifest keeps of a file: key, size, mtime_ns
Data = bytes | Path | None  # a file's bytes, a file to copy, or None: unchanged, kept


def read_manifest(folder: Path) -> dict[str, Record | None]:
    """The files cswgen wrote into `folder`, with the key each was made from (None for a
    manifest from before keys were kept)."""
    try:
        lines = (folder / MANIFEST).read_text("utf-8").splitlines()
    except OSError:
        return {}
    found: dict[str, Record | None] = {}
    if lines and lines[0] == MANIFEST_HEADER:
        for line in lines[1:]:
            key, size, mtime, name = line.split("\t", 3)
            found[name] = (key, int(size), int(mtime))
    else:
        found = dict.fromkeys(lines)
    return found


def untouched(folder: Path, present: Surveyed) -> bool:
    """Every file the manifest of `folder` lists is there as cswgen wrote it (same size
    and modification time, as `Staging` checks before reusing one)."""
    records = read_manifest(folder)
    return bool(records) and all(record is not None and present.get(name) == record[1:]
                                 for name, record in records.items())


def _write_manifest(folder: Path, records: dict[str, Record]) -> None:
    lines = [MANIFEST_HEADER] + [f"{key}\t{size}\t{mtime}\t{name}"
                                 for name, (key, size, mtime) in sorted(records.items())]
    temporary = folder / f"{MANIFEST}.new"
    temporary.write_text("\n".join(lines) + "\n", "utf-8")
    os.replace(temporary, folder / MANIFEST)


def _normal(path: str) -> str:
    """An output path checked and made plain: never outside the folder."""
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

    def write(self, path: str, key: str | None, data: bytes | None) -> None:
        """The file at `path`, made from `key`: its bytes, or None when `unchanged`."""
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
    since) are linked from the old folder, and only the others are written."""

    def __init__(self, output: Path, present: Surveyed | None = None) -> None:
        """`present`: the output folder's `survey`, when already made."""
        super().__init__()
        self.output = output.resolve()
        self.present = present
        self.folder = self.output.parent / f"{STAGING_PREFIX}{self.output.name}-{os.getpid()}"
        self.previous = read_manifest(self.output)  # read again by `commit`, under the lock
        self._plan: dict[str, tuple[str | None, Data]] = {}

    def unchanged(self, path: str, key: str | None) -> bool:
        return self._unchanged(_normal(path), key)

    def write(self, path: str, key: str | None, data: bytes | None) -> None:
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
                self.present = None  # surveyed before a killed build's output was put back
            previous = read_manifest(self.output)
            if previous != self.previous:  # another build finished meanwhile
                self.previous, self.present = previous, None
            stale = [name for name, (key, data) in self._plan.items()
                     if data is None and not self._unchanged(name, key)]
            if not stale:
                self._commit()
            return stale
        finally:
            lock.release()

    def _commit(self) -> None:
        same = {name: self._unchanged(name, key) for name, (key, _) in self._plan.items()}
        removed = sorted(set(self.previous) - set(self._plan))
        make = [(name, key, data) for name, (key, data) in self._plan.items()
                if not same[name]]
        if not make and not removed:
            return  # the output folder already is this build
        parent = self.output.parent
        parent.mkdir(parents=True, exist_ok=True)
        self.folder.mkdir()
        self.changed = [name for name, _, _ in make] + removed
        records = {name: self._make(name, key, data) for name, key, data in make}
        small = len(self.changed) <= max(SMALL_CHANGE, len(self._plan) // 10)
        if small and self.previous and None not in self.previous.values():
            self._update_in_place(records, removed)
            return
        for name, unchanged in same.items():
            if unchanged:
                self._link(name)
                records[name] = self.previous[name]  # type: ignore[assignment]
        _write_manifest(self.folder, records)
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
        _write_manifest(self.output, kept | records)
        for name in records:
            target = os.path.join(self.output, name)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            journal.set_aside(undo, self.output, name)
            os.replace(os.path.join(self.folder, name), target)
        for name in removed:
            journal.set_aside(undo, self.output, name)
            journal.prune(self.output.joinpath(*PurePosixPath(name).parts).parent, self.output)
        _write_manifest(self.output, final)
        journal.finish(undo)
        shutil.rmtree(self.folder, ignore_errors=True)

    def _link(self, name: str) -> None:
        """The previous build's file, shared rather than written again."""
        old, new = os.path.join(self.output, name), self.destination(name)
        try:
            os.link(old, new)
        except OSError:  # a file system without hard links
            shutil.copy2(old, new)

    def _make(self, name: str, key: str | None, data: Data) -> Record:
        assert data is not None  # (`commit` found no stale file)
        if isinstance(data, Path):
            return self._record(key, os.stat(self.put(name, data)))
        return self._record(key, self._store(name, data))

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
        shutil.rmtree(self.folder, ignore_errors=True)


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

    def write(self, path: str, key: str | None, data: bytes | None) -> None:
        name = self.name(path)
        if data is not None:
            self._put(name, key, data)

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
        if not stale.is_dir():
            continue
        if stale.name.endswith("-old") and not output.exists():
            os.replace(stale, output)
            restored = True
        elif stale.name.endswith("-undo"):
            journal.roll_back(stale, output, MANIFEST)
            restored = True
        else:
            shutil.rmtree(stale, ignore_errors=True)
    return restored
