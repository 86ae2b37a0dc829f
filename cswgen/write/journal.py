"""Undo for the few files a build changes in place, so a killed build loses nothing.

When few files change, the writer moves them into the output folder one by one instead of
swapping in a whole new folder.  A build killed between two of those moves would leave a
mix of old and new files.  So, before the first move, an undo folder beside the output
records every name that will change and keeps the old manifest; each old file is moved
into it rather than replaced or deleted.  Marking the journal done, after the new manifest
is in place, is the moment the new output counts as complete.  The next build (holding the
build lock) rolls back an undo folder whose journal is not done: the old files go back,
new ones go, and the output is byte for byte the previous one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path, PurePosixPath

from cswgen.core import tree
from cswgen.core.files import write_atomic

JOURNAL = "journal"
DONE = "done"


def start(undo: Path, output: Path, names: list[str], manifest: str) -> None:
    """Record what will change (and whether the output has it yet), with a copy of the
    manifest as it is now."""
    undo.mkdir()
    old_manifest = output / manifest
    if old_manifest.is_file():
        shutil.copy2(old_manifest, undo / manifest)
    lines = [("old" if output.joinpath(*PurePosixPath(name).parts).is_file() else "new")
             + "\t" + name for name in names]
    # from here on, a rollback knows every name
    write_atomic(undo / JOURNAL, ("\n".join(lines) + "\n").encode("utf-8"))


def set_aside(undo: Path, output: Path, name: str) -> None:
    """Move the output's file `name` (if there is one) into the undo folder."""
    source = output.joinpath(*PurePosixPath(name).parts)
    if source.is_file():
        kept = undo.joinpath("files", *PurePosixPath(name).parts)
        kept.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, kept)


def finish(undo: Path) -> None:
    """The new output is complete: nothing is rolled back after this."""
    os.replace(undo / JOURNAL, undo / DONE)
    shutil.rmtree(undo, ignore_errors=True)


def roll_back(undo: Path, output: Path, manifest: str) -> None:
    """Put the output back as it was before the build that left `undo`, then remove it.
    The files the build added go first, then the old ones come back: a new folder may
    stand where an old file was (`feed.xml/` for `feed.xml`), and must not stop this
    roll-back, which every later build would try again."""
    journal = undo / JOURNAL
    if journal.is_file() and output.is_dir():
        names = []
        for line in journal.read_bytes().decode("utf-8").split("\n"):  # (as the manifest)
            state, _, name = line.partition("\t")
            if name:
                names.append((state, PurePosixPath(name).parts))
        for state, parts in names:
            current, kept = output.joinpath(*parts), undo.joinpath("files", *parts)
            if state == "new" and not kept.is_file():  # a file the build added (or was
                with contextlib.suppress(NotADirectoryError, IsADirectoryError):  # about to)
                    current.unlink(missing_ok=True)
                prune(current.parent, output)
        for _, parts in names:
            current, kept = output.joinpath(*parts), undo.joinpath("files", *parts)
            if kept.is_file():  # set aside, maybe replaced already: the old one goes back
                current.parent.mkdir(parents=True, exist_ok=True)
                if current.is_dir():  # (a folder the build made in its place: it goes)
                    shutil.rmtree(current)
                os.replace(kept, current)
            # else: an old file the build had not reached yet, still in place
        if (undo / manifest).is_file():
            os.replace(undo / manifest, output / manifest)
        (output / f"{manifest}.new").unlink(missing_ok=True)
    shutil.rmtree(undo, ignore_errors=True)


def prune(folder: Path, output: Path) -> None:
    """Remove `folder` and its parents up to `output` while they are empty, or hold only
    what a file manager left there (`tree.left_by_a_file_manager`: Finder's .DS_Store)."""
    for current in (folder, *folder.parents):
        if current == output or not current.is_relative_to(output) or not current.is_dir():
            break
        if not tree.empty_but_for_a_file_manager(current):
            break
        current.rmdir()
