"""Where a site keeps what its builds know (`CACHE_FOLDER`), and a file's status, by
which they know it unchanged: device, inode, size, and the modification and change times
to the nanosecond (see `read.fingerprint`).  Imports nothing: `cswgen build` with nothing
to do needs it before anything else loads."""

from __future__ import annotations

import os

CACHE_FOLDER = ".cswgen-cache"  # in the site: everything kept between builds
RACY = 2_000_000_000  # ns: a file changed this recently may change again unseen (FAT: 2 s)

Status = tuple[int, int, int, int, int]  # device, inode, size, mtime_ns, ctime_ns
# what a build looked at: a path, how ("file": its bytes, following links; "folder": what
# it holds; "link": where it points) and its status then (None: not there)
Seen = tuple[str, str, Status | None]


def status_of(info: os.stat_result) -> Status:
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns


def look(path: str, how: str) -> Status | None:
    """The status of `path` as `Seen` takes it (a link's own, for "link")."""
    try:
        return status_of(os.lstat(path) if how == "link" else os.stat(path))
    except (FileNotFoundError, NotADirectoryError):
        return None
