"""How a made file's bytes travel from the renderer to the writer: zlib-compressed (fast),
since a site is held whole until it is written (over 100 MB of HTML at 10,000 entries);
or, for a file made in the build's own process at the end of rendering (the feed, 18 MB
at 10,000 entries), `Plain`, as they are, which compressing and decompressing again would
only slow down; or not at all: `Stored`, written by the renderer itself into the folder the
writer stages the build in (see `writer.Staging.store`), only its size and time sent."""

from __future__ import annotations

import zlib
from typing import NamedTuple


class Plain(bytes):
    """Bytes given as they are, not compressed."""


class Stored(NamedTuple):
    """A file written already, where the writer will look for it: its size and
    modification time (what the output's manifest keeps of it)."""

    size: int
    mtime_ns: int


def pack(data: bytes, *, plain: bool = False) -> bytes:
    return Plain(data) if plain else zlib.compress(data, 1)


def unpack(data: bytes) -> bytes:
    return data if isinstance(data, Plain) else zlib.decompress(data)
