"""The stamp a build leaves, from which `cswgen build` with nothing to do is answered
before anything heavy is loaded.

The build's own shortcut (see `read.fingerprint`) finds that nothing changed by loading
the config, the theme and cswgen's code and looking at every input and every file of the
output: most of a second at 10,000 entries.  So a build that succeeded (or found nothing
to do) leaves a stamp in the cache folder: the status (device, inode, size, modification
and change times) of everything it read, taken before reading it — config.toml, every
file and folder of the content and the themes, cswgen's own code, the folders its
libraries are installed in — the options it built with, the output's manifest and the
status of every folder of the output as it left it.  When each of those is the same now,
and every file of the output is as the manifest says, a build would write the same bytes
again: `nothing_to_do` says so and repeats the last build's warnings.

A status is only trusted when nothing read had changed within two seconds of being looked
at (see `fingerprint.RACY`); writing to a file or a folder always sets its change time,
which no program can set back.  Anything else — a different status, a missing stamp, one
this code cannot read — and the full build runs, which finds out for itself.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import sys
from array import array
from functools import partial
from typing import TYPE_CHECKING

from cswgen.core.status import CACHE_FOLDER, RACY, Seen, Status, look, status_of
from cswgen.read.place import site_folder, today_in

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from datetime import date
    from pathlib import Path

    from cswgen.write.manifest import Record
    from cswgen.write.output import Listing

STAMP = "build-stamp.pickle"  # in the cache folder
FORMAT = 3
Done = tuple[str, int, int, list[str]]  # the output folder, pages, files, warnings (as said)
# Paths and the numbers of their statuses, as the stamp keeps them: a prefix, the rest of
# each path joined by NULs (which no path holds), and the numbers in a row, `width` a path
# (-1 for a path that was not there).  Tens of thousands of paths at 10,000 entries: as
# tuples, pickling and unpickling them took a tenth of a second of every build.
Table = tuple[str, str, int, int, bytes]  # prefix, names, how many, width, numbers
MISSING = -1
# whether the last `nothing_to_do` of this process found the last build's stamp and
# something changed since it: the build that follows will almost surely have work to do
_SAW_CHANGE: list[bool] = [False]
# the output as the stamp found by the last `nothing_to_do` says the build left it: the
# output folder, its files and folders tables and when the stamp was written (ns), for the
# survey of the build that follows (see `left_output`)
_LEFT: list[tuple[str, Table, Table, int] | None] = [None]


def built_line(pages: int, files: int, seconds: float, output: str | Path,
               changed: int) -> str:
    """What `cswgen build` says when it is done, the same whether it had anything to do."""
    where = os.path.realpath(output)
    relative = os.path.relpath(where, os.path.realpath(os.getcwd()))
    if relative != os.pardir and not relative.startswith(os.pardir + os.sep):
        where = relative.replace(os.sep, "/") + "/"
    news = "nothing changed" if not changed else \
        f"{changed} file{'s' if changed != 1 else ''} changed"
    return f"Built {pages} pages and {files} files in {seconds:.2f} s into {where} ({news})"


def save(cache_root: Path, *, root: Path, timezone: str, config_output: Path,
         options: tuple[str, bool, bool, str], seen: list[Seen], target: str,
         done: Done, records: Mapping[str, Record | None] | None = None,
         folders: Mapping[str, Status] | None = None) -> None:
    """The stamp of a build that succeeded: `options` are its as-of date, drafts,
    portable and output folder (resolved, as `target`), `config_output` where
    config.toml puts the output, `seen` the status of every input taken before it was
    read; `records`, the output's manifest as the build wrote it (else it is read);
    `folders`, the status of every folder of the output as the build left it (else each
    is looked at)."""
    from pathlib import Path

    from cswgen.write.manifest import MANIFEST, read_manifest

    prefix = target + os.sep
    manifest = look(prefix + MANIFEST, "file")
    if records is None:
        records = read_manifest(Path(target))
    if manifest is None or None in records.values():
        return
    if folders is None:
        names = {""}
        for name in records:
            while (name := name.rpartition("/")[0]) and name not in names:
                names.add(name)
        folders = {name: status_of(os.stat(prefix + name)) for name in sorted(names)}
    stamp = {
        "format": FORMAT, "python": sys.version, "path": sys.path[1:],
        "root": os.path.realpath(root), "cache": os.path.realpath(cache_root),
        "timezone": timezone, "config_output": os.path.realpath(config_output),
        "options": options, "done": done,
        "read": _statuses("", [(path, status) for path, how, status in seen if how != "link"]),
        "links": _statuses("", [(path, status) for path, how, status in seen if how == "link"]),
        "manifest": _statuses("", [(prefix + MANIFEST, manifest)]),
        "files": _table(prefix, list(records), 2, [n for record in records.values()
                                                   if record is not None for n in record[1:]]),
        "folders": _table(prefix, list(folders), 5, [n for status in folders.values()
                                                     for n in status]),
    }
    with contextlib.suppress(OSError):  # no stamp: the next build just finds out itself
        temporary = cache_root / f"{STAMP}.new"
        temporary.write_bytes(pickle.dumps(stamp, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(temporary, cache_root / STAMP)


def forget(cache_root: Path) -> None:
    """Before a build changes the output: until it succeeds, no stamp."""
    with contextlib.suppress(OSError):
        (cache_root / STAMP).unlink(missing_ok=True)


def nothing_to_do(here: str, as_of: date | None, drafts: bool, portable: bool,
                  output: str | None) -> Done | None:
    """What the last build of the site `here` is in said, when a build with these options
    would write exactly what it wrote; None when it might not: not a site, no stamp, a
    damaged one or another cswgen's, a file that cannot be looked at (the build finds out
    and says what is wrong)."""
    try:
        root = site_folder(here)
        return None if root is None else _unchanged(root, as_of, drafts, portable, output)
    except Exception:  # (a stamp only ever saves time: never an error of its own)
        return None


def _unchanged(root: str, as_of: date | None, drafts: bool, portable: bool,
               output: str | None) -> Done | None:
    cache_root = os.path.join(root, CACHE_FOLDER)
    _LEFT[0] = None
    with open(os.path.join(cache_root, STAMP), "rb") as file:
        stamp = pickle.load(file)
        written = os.fstat(file.fileno()).st_mtime_ns
    if not isinstance(stamp, dict) or stamp.get("format") != FORMAT \
            or stamp["python"] != sys.version or stamp["path"] != sys.path[1:] \
            or stamp["root"] != os.path.realpath(root) \
            or stamp["cache"] != os.path.realpath(cache_root):
        return None
    _LEFT[0] = (stamp["options"][3], stamp["files"], stamp["folders"], written)
    target = os.path.realpath(output) if output is not None else stamp["config_output"]
    day = as_of or today_in(stamp["timezone"])
    if (day.isoformat(), drafts, portable, target) != stamp["options"]:
        return None
    # (an input's status first: after an edit, the likeliest change, found soonest)
    edited = not (_same(stamp["read"], os.stat) and _same(stamp["links"], os.lstat))
    _SAW_CHANGE[0] = edited
    same = not edited and _same(stamp["manifest"], os.stat) \
        and _same(stamp["folders"], os.stat) and _files_as_written(stamp["files"])
    done: Done = stamp["done"]
    return done if same else None


def saw_an_edit() -> bool:
    """Whether the last `nothing_to_do` of this process found an input of the last build
    changed (edited, added, removed or just saved again) since its stamp: the build that
    follows, told so, loads what a build with work to do needs at once, beside its look at
    every input, rather than after it (a tenth of a second after one edit)."""
    return _SAW_CHANGE[0]


def left_output(target: str) -> Callable[[], Listing] | None:
    """What each folder of the output `target` (resolved) held as the last build left it,
    from the stamp the last `nothing_to_do` found (made when called: by the forked process
    that surveys the output); None when it found none for that folder."""
    left = _LEFT[0]
    return partial(_listing, *left[1:]) if left is not None and left[0] == target else None


def _listing(files: Table, folders: Table, written: int) -> Listing:
    """The stamp's folders with their files and folders, but for the output folder itself
    (which holds the manifest: read anyway) and those changed within `RACY` of the
    stamp's writing (a change in the same tick of the clock as their status was taken
    would not show in it: the folders the last build wrote into)."""
    listing: Listing = {}
    found = [(path[len(folders[0]):], status) for path, status in rows(folders)]
    for name, status in found:
        if name and status is not None and status[4] < written - RACY:
            listing[name + "/"] = status, [], []
    for name, _ in found:
        parent, _, own = name.rpartition("/")
        if name and (held := listing.get(parent + "/" if parent else "")) is not None:
            held[2].append(own)
    for path, _ in rows(files):
        parent, _, own = path[len(files[0]):].rpartition("/")
        if (held := listing.get(parent + "/" if parent else "")) is not None:
            held[1].append(own)
    return listing


def _same(table: Table, stat: Callable[[str], os.stat_result]) -> bool:
    """Every path has the status it had (`MISSING`: it is still not there)."""
    prefix, names, count, width, data = table
    numbers = _numbers(data)
    for index, name in enumerate(names.split("\0") if count else ()):
        status = numbers[index * width:(index + 1) * width]
        try:
            info = stat(prefix + name)
        except OSError:
            if status[0] == MISSING:
                continue
            return False
        if list(status_of(info)) != status:
            return False
    return True


def _files_as_written(files: Table) -> bool:
    """Every file of the output as the manifest says: its size and modification time (as
    the build itself checks before keeping one)."""
    prefix, names, count, _, data = files
    numbers = _numbers(data)
    stat = os.stat
    try:
        return count == 0 or all(
            info.st_size == numbers[2 * index] and info.st_mtime_ns == numbers[2 * index + 1]
            for index, info in enumerate(stat(prefix + name) for name in names.split("\0")))
    except OSError:
        return False


def _table(prefix: str, names: list[str], width: int, numbers: list[int]) -> Table:
    assert len(numbers) == width * len(names) and not any("\0" in name for name in names)
    return prefix, "\0".join(names), len(names), width, array("q", numbers).tobytes()


def _statuses(prefix: str, found: list[tuple[str, Status | None]]) -> Table:
    return _table(prefix, [path for path, _ in found],
                  5, [n for _, status in found for n in status or (MISSING,) * 5])


def rows(table: Table) -> list[tuple[str, Status | None]]:
    """A table's paths, each with its status (None: it was not there)."""
    prefix, names, count, width, data = table
    numbers = _numbers(data)
    found: list[tuple[str, Status | None]] = []
    for index, name in enumerate(names.split("\0") if count else []):
        status = tuple(numbers[index * width:(index + 1) * width])
        found.append((prefix + name, None if status[0] == MISSING else status))  # type: ignore[arg-type]
    return found


def _numbers(data: bytes) -> list[int]:
    numbers = array("q")
    numbers.frombytes(data)
    return numbers.tolist()
