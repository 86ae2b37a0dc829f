"""Writing a file so that a reader, or a build killed half-way, finds the old bytes or the
new ones, never a mix: the new bytes go to a temporary file beside it, which then takes its
name in one step (os.replace).  And `FileStore`, a folder of results written that way."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from cswgen.core.digest import digest

NAME_BYTES = 255  # the longest name of a file that the disks and servers cswgen writes to hold


def hidden_beside(name: str, tail: str) -> str:
    """The hidden name of a temporary file beside the file `name` (`.name` and `tail`),
    cut to fit in `NAME_BYTES` when `name` is nearly that long (a download titled in full),
    and then told apart from others cut alike by the digest of the whole name."""
    own = f".{name}{tail}"
    if len(own.encode("utf-8", "surrogateescape")) <= NAME_BYTES:
        return own
    whole = digest("hidden beside", name)[:12]
    room = NAME_BYTES - len(f"..{whole}{tail}".encode("utf-8", "surrogateescape"))
    cut = name.encode("utf-8", "surrogateescape")[:room].decode("utf-8", "ignore")
    return f".{cut}.{whole}{tail}"


def write_beside(path: Path, data: bytes, *, keep_mode: bool = False) -> Path:
    """`data` in a new file in `path`'s folder, with a hidden name (so that no walk of the
    site takes it for a source); `keep_mode`: with `path`'s permissions.  Returns its path,
    for `os.replace(it, path)`; see `write_atomic`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        temporary = path.with_name(hidden_beside(path.name,
                                                 f".{os.getpid()}-{os.urandom(4).hex()}.tmp"))
        try:  # (not mkstemp: its files are private, and these are published as they are)
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                             | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
        break
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        if keep_mode:
            shutil.copymode(path, temporary)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def write_atomic(path: Path, data: bytes, *, keep_mode: bool = False) -> None:
    """`data` at `path`, atomically (creating its folder when missing)."""
    temporary = write_beside(path, data, keep_mode=keep_mode)
    try:
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


class FileStore:
    """A folder of results (photo copies, share images) named by a digest of everything
    that went into them.  Nothing in it is ever edited in place, so it is safe to delete
    at any time."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, name: str) -> Path:
        return self.folder / name

    def store(self, name: str, files: dict[str, bytes]) -> Path:
        """Write `files` as the folder `name`, all at once (a killed build leaves no half)."""
        target = self.folder / name
        temporary = self.folder / f".partial-{name}-{os.getpid()}"
        shutil.rmtree(temporary, ignore_errors=True)
        temporary.mkdir(parents=True)
        for file_name, data in files.items():
            (temporary / file_name).write_bytes(data)
        try:
            os.replace(temporary, target)
        except OSError:  # another build stored the same result first
            shutil.rmtree(temporary, ignore_errors=True)
        return target

    def store_file(self, name: str, data: bytes) -> Path:
        target = self.folder / name
        write_atomic(target, data)
        return target
