"""The output folder: what it holds (`survey`), the manifest of the files cswgen wrote
there, and the checks that keep cswgen from replacing a folder it did not write.

cswgen only ever replaces a folder it wrote itself: the output folder carries a manifest
of the files cswgen put there, and a folder holding anything else, or holding the site's
own sources, is refused.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path

from cswgen.core import parallel, tree
from cswgen.core.errors import Problem, Problems, SiteError
from cswgen.core.status import Status, status_of
from cswgen.write.manifest import MANIFEST, Known, read_known, read_manifest


class Surveyed(dict[str, tuple[int, int]]):
    """What an output folder holds: each file's path with its size and mtime_ns, and in
    `folders` the status of each folder ("" for the folder itself; `core.status`), which
    the build's stamp keeps for the folders a build leaves as they were (see
    `Staging.folders`)."""

    def __init__(self) -> None:
        super().__init__()
        self.folders: dict[str, Status] = {}


# What a folder of the output held when the last build's stamp was left (see
# `stamp.left_output`), by its path in the survey with a closing "/" ("" for the output
# folder itself): its status then, its files and its folders.
Listing = dict[str, tuple[Status, list[str], list[str]]]
CHECK = "CSWGEN_CHECK_SURVEY"  # set while cswgen's tests run: each quick survey checked


def survey(folder: Path, left: Callable[[], Listing] | None = None) -> Surveyed:
    """Every file under `folder` (`/`-separated, relative) with its size and modification
    time; a symbolic link counts as a file of its own (os.scandir: a build has tens of
    thousands, a folder each).  `left`: what each folder held as the last build left it.
    A folder whose status is still the one it had then holds the same names (adding,
    removing or renaming anything in a folder changes its modification and change times,
    which no program can set back), so only each of them is looked at, not the folder
    read: at 10,000 entries, a third of the survey's time."""
    found = _survey(folder, left() if left is not None else {})
    if left is not None and os.environ.get(CHECK):  # the claim, checked (see `CHECK`)
        full = _survey(folder, {})
        if full != found or full.folders != found.folders:
            raise AssertionError(f"the quick survey of {folder} is not its full survey")
    return found


def _survey(folder: Path, listing: Listing) -> Surveyed:
    found = Surveyed()
    if not folder.is_dir():
        return found
    folders = found.folders
    folders[""] = status_of(os.stat(folder))
    stack = [("", str(folder))]
    while stack:
        prefix, current = stack.pop()
        known = listing.get(prefix)
        if known is not None and known[0] == folders[prefix[:-1]]:
            try:
                at = current + os.sep
                files = [(name, os.lstat(at + name)) for name in known[1]]
                subfolders = [(name, os.lstat(at + name)) for name in known[2]]
            except OSError:  # (changed meanwhile: read as any other folder)
                pass
            else:
                for name, info in files:
                    found[prefix + name] = (info.st_size, info.st_mtime_ns)
                for name, info in subfolders:
                    folders[prefix + name] = status_of(info)
                    stack.append((prefix + name + "/", at + name))
                continue
        with os.scandir(current) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    folders[prefix + entry.name] = status_of(entry.stat(follow_symlinks=False))
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
                 present: Surveyed | None = None,
                 written: Mapping[str, object] | None = None) -> None:
    """Refuse an output folder in the wrong place (`check_place`), or holding files cswgen
    did not write (`present`: its `survey`, when already made; `written`: its manifest,
    when already read)."""
    check_place(output, root, where, line)
    files = survey(output.resolve()) if present is None else present
    if not files:
        return
    if written is None:
        written = read_manifest(output)
    # (a manifest being replaced when a build was killed is cswgen's too; and what Finder
    # writes in a folder it shows is nobody's: the output is opened in it to look at)
    foreign = sorted(p for p in files
                     if p not in written and p not in (MANIFEST, f"{MANIFEST}.new")
                     and not tree.left_by_a_file_manager(p.rpartition("/")[2]))
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
                 problems: Problems, *, begin: bool = True) -> None:
        """Not to `begin`: the survey waits for `begin`, to be done beside other work."""
        self.target, self.root, self.where, self.line = target, root, where, line
        self.problems = problems
        self._present: Callable[[], Surveyed] | None = None
        self._ok: bool | None = None
        self._known: Known | None = None
        self._placed = False
        try:
            check_place(target, root, where, line)
            self._placed = True
        except SiteError as exc:
            problems.items.extend(exc.problems)
        if begin:
            self.begin()

    def survey(self, left: Callable[[], Listing] | None = None
               ) -> Callable[[], Surveyed] | None:
        """The survey to make, when the folder's place was not refused (`left`: see
        `survey`)."""
        return partial(survey, self.target.resolve(), left) if self._placed else None

    def begin(self, surveyed: Callable[[], Surveyed] | None = None) -> None:
        """Survey the folder in a forked process, unless `surveyed` (what `survey` gives,
        begun elsewhere) will say what it holds."""
        task = self.survey()
        if self._present is None and task is not None:
            self._present = surveyed or parallel.soon(task)

    def present(self) -> Surveyed | None:
        """What the output folder holds (None: its place was refused, so not surveyed)."""
        return self._present() if self._present is not None else None

    def known(self) -> Known:
        """The output folder's manifest with its status (`read_known`), read once."""
        if self._known is None:
            self._known = read_known(self.target)
        return self._known

    def ok(self) -> bool:
        """The output folder holds only what cswgen wrote (else a problem, reported once)."""
        if self._ok is None:
            present = self.present()
            self._ok = False
            if present is not None:
                try:
                    check_output(self.target, self.root, self.where, self.line, present,
                                 self.known()[1])
                    self._ok = True
                except SiteError as exc:
                    self.problems.items.extend(exc.problems)
        return self._ok

    def untouched(self) -> bool:
        """It holds only what cswgen wrote, every file as the last build left it."""
        present = self.present()
        return self.ok() and present is not None and untouched(self.target, present)


def untouched(folder: Path, present: Surveyed) -> bool:
    """Every file the manifest of `folder` lists is there as cswgen wrote it (same size
    and modification time, as `Staging` checks before reusing one)."""
    records = read_manifest(folder)
    return bool(records) and all(record is not None and present.get(name) == record[1:]
                                 for name, record in records.items())
