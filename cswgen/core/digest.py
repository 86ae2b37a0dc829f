"""One way to name data by what it holds: a digest of several parts, each length-prefixed,
so that ("ab", "c") and ("a", "bc") differ.  Cache keys, the build's fingerprint, photo and
share-image file names are all made with it."""

from __future__ import annotations

import hashlib
import struct
from pathlib import Path

SIZE = 20  # bytes: 40 hex digits


_LENGTH = struct.Struct("<Q").pack  # a part's length, as 8 bytes


def _framed(parts: tuple[str | bytes, ...]) -> bytes:
    chunks: list[bytes] = []
    for part in parts:  # (a rebuild makes some 50,000 digests)
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        chunks.append(_LENGTH(len(data)))
        chunks.append(data)
    return b"".join(chunks)


def digest(*parts: str | bytes) -> str:
    """One key for several inputs, as 40 hex digits."""
    return hashlib.blake2b(_framed(parts), digest_size=SIZE).hexdigest()  # one call: faster


# what `plain_digest` hashes first: `digest` starts with its first part's length, as 8
# bytes of which the last four are 0 for any part under 4 GB, so the two never meet
PLAIN = b"\xff" * 8


def plain_digest(*parts: str) -> str:
    """`digest` of a few texts, in one hash call (10,000 keys a build): joined by NULs
    after `PLAIN`, when none holds a NUL itself; else `digest`."""
    joined = "\x00".join(parts)
    if joined.count("\x00") != len(parts) - 1:
        return digest(*parts)
    return hashlib.blake2b(PLAIN + joined.encode("utf-8", "surrogatepass"),
                           digest_size=SIZE).hexdigest()


class Digest:
    """`digest` fed part by part, for inputs too many or too large to hold at once (every
    file a build reads): `Digest().add(a, b).hexdigest() == digest(a, b)`."""

    def __init__(self) -> None:
        self._hash = hashlib.blake2b(digest_size=SIZE)

    def add(self, *parts: str | bytes) -> Digest:
        self._hash.update(_framed(parts))
        return self

    def add_file(self, path: str | Path) -> Digest:
        """A file's bytes, read in pieces (added as their own digest)."""
        with open(path, "rb") as file:
            return self.add(hashlib.file_digest(file, "blake2b").digest())

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def file_digest(data: bytes) -> str:
    """What a file's bytes are known by (the build's fingerprint, and the keys of what is
    read from a file), as 40 hex digits."""
    return hashlib.blake2b(data, digest_size=SIZE).hexdigest()


def file_digest_of(path: str | Path) -> str:
    """`file_digest` of the file at `path`, read in pieces."""
    with open(path, "rb") as file:
        return hashlib.file_digest(file, lambda: hashlib.blake2b(digest_size=SIZE)).hexdigest()


def text_digest(text: str) -> str:
    """`file_digest` of a text as UTF-8: what a body of Markdown is known by (made once,
    when its file is read: see `Entry.body_digest`)."""
    return file_digest(text.encode("utf-8", "surrogatepass"))
