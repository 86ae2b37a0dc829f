"""The manifest of the output folder: every file cswgen wrote there, with the key it was
made from and its size and modification time as written."""

from __future__ import annotations

import os
from pathlib import Path

MANIFEST = ".cswgen-manifest"
MANIFEST_HEADER = "# cswgen manifest 2: key, size, mtime_ns and path of every file written"

Record = tuple[str, int, int]  # what the manifest keeps of a file: key, size, mtime_ns


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



def write_manifest(folder: Path, records: dict[str, Record]) -> None:
    lines = [MANIFEST_HEADER] + [f"{key}\t{size}\t{mtime}\t{name}"
                                 for name, (key, size, mtime) in sorted(records.items())]
    temporary = folder / f"{MANIFEST}.new"
    temporary.write_text("\n".join(lines) + "\n", "utf-8")
    os.replace(temporary, folder / MANIFEST)
