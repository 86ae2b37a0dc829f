"""The manifest of the output folder: every file cswgen wrote there, with the key it was
made from and its size and modification time as written."""

from __future__ import annotations

import os
import time
from pathlib import Path

from cswgen.core.status import RACY, Status, look

MANIFEST = ".cswgen-manifest"
MANIFEST_HEADER = "# cswgen manifest 2: key, size, mtime_ns and path of every file written"

Record = tuple[str, int, int]  # what the manifest keeps of a file: key, size, mtime_ns
Known = tuple[Status | None, dict[str, "Record | None"]]  # see `read_known`


def read_manifest(folder: Path) -> dict[str, Record | None]:
    """The files cswgen wrote into `folder`, with the key each was made from (None for a
    manifest from before keys were kept)."""
    try:
        # (split at \n only: a file's name may hold U+2028, which splitlines breaks at; the
        # \r of a manifest an earlier cswgen wrote on Windows, with \r\n, is dropped)
        lines = [line.removesuffix("\r") for line in
                 (folder / MANIFEST).read_bytes().decode("utf-8").split("\n")]
        if lines and not lines[-1]:
            lines.pop()
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



def trusted_status(folder: Path) -> Status | None:
    """The manifest's status, when it can stand for its content: one written within
    `RACY` of now may yet change unseen in the same tick of its clock (None then)."""
    try:
        status = look(str(folder / MANIFEST), "file")
    except OSError:  # (unreadable: read again, which finds out)
        return None
    if status is None or max(status[3], status[4]) >= time.time_ns() - RACY:
        return None
    return status


def read_known(folder: Path) -> Known:
    """The manifest with its `trusted_status`, taken before it is read: should it change
    meanwhile, the status no longer matches, and whoever compares it reads it again."""
    status = trusted_status(folder)
    return status, read_manifest(folder)


def write_manifest(folder: Path, records: dict[str, Record]) -> None:
    lines = [MANIFEST_HEADER] + [f"{key}\t{size}\t{mtime}\t{name}"
                                 for name, (key, size, mtime) in sorted(records.items())]
    temporary = folder / f"{MANIFEST}.new"
    temporary.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))  # (\n on Windows too)
    os.replace(temporary, folder / MANIFEST)
