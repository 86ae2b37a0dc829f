"""How a made file's bytes travel from the renderer to the writer: zlib-compressed (fast),
since a site is held whole until it is written (over 100 MB of HTML at 10,000 entries);
or, for a file made in the build's own process at the end of rendering (the feed, 18 MB
at 10,000 entries), `Plain`, as they are, which compressing and decompressing again would
only slow down."""

from __future__ import annotations

import zlib


class Plain(bytes):
    """Bytes given as they are, not compressed."""


def pack(data: bytes, *, plain: bool = False) -> bytes:
    return Plain(data) if plain else zlib.compress(data, 1)


def unpack(data: bytes) -> bytes:
    return data if isinstance(data, Plain) else zlib.decompress(data)
