"""Long strings kept apart: the bodies' HTML and plain text that the steps' cache holds
are written to a file beside each of its files, and read back only when a build needs
them, for the few pages it renders after an edit.  (At 10,000 entries the bodies were
60 MB of the cache's 80: loading them took a twentieth of a second of every rebuild, and
their memory stayed taken until it ended.)

A `Kept` holds its string, or where it is: a file opened when the cache was loaded and
read by offset, so a later build that replaces the file meanwhile does not change what
this one reads.  Code that needs the string asks for it (`text_of`, `plain`); views hold
the `Kept` itself, and templates are given plain strings (see `Renderer.render`).
"""

from __future__ import annotations

import contextlib
import os
import threading
from typing import Any

from cswgen.core.errors import Problem, SiteError

LONG = 256  # characters: a shorter string is kept in the cache's own file, as it is


class Source:
    """A file of kept strings, opened once: read by offset, whatever replaces its name."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        self.size = os.fstat(self.fd).st_size
        self._lock = threading.Lock()
        self._whole: bytes | None = None  # (see `part`)

    def read(self, at: int, size: int) -> bytes:
        if self.fd < 0:
            raise SiteError([Problem(self.path, 0, "this file of cswgen's cache was replaced "
                                     "before the build read it; build again")])
        if hasattr(os, "pread"):  # (the file's position is shared with forked workers)
            data = os.pread(self.fd, size, at)
        else:
            with self._lock:
                os.lseek(self.fd, at, os.SEEK_SET)
                data = os.read(self.fd, size)
        if len(data) != size:
            raise SiteError([Problem(self.path, 0, "this file of cswgen's cache was cut "
                                     "short while the build read it; build again")])
        return data

    def part(self, at: int, size: int) -> bytes:
        """`read`, from the whole file read once: for the cache writing all of its strings
        again (a few hundred each time one of its files is; read one by one, they took
        a twentieth of a second of a rebuild after one edit)."""
        if self._whole is None:
            self._whole = self.read(0, self.size)
        return self._whole[at:at + size]

    def close(self) -> None:
        """Closed before its file is replaced (Windows replaces no file held open)."""
        self._whole = None
        with contextlib.suppress(OSError, AttributeError):  # (AttributeError: never opened)
            if self.fd >= 0:
                os.close(self.fd)
        self.fd = -1

    def __del__(self) -> None:
        self.close()


class Kept:
    """A long string, or where a loaded cache keeps it (read when first asked for)."""

    __slots__ = ("_at", "_size", "_source", "_value")

    def __init__(self, value: str) -> None:
        self._value: str | None = value
        self._source: Source | None = None
        self._at = self._size = 0

    @classmethod
    def stored(cls, source: Source, at: int, size: int) -> Kept:
        kept = cls.__new__(cls)
        kept._value, kept._source, kept._at, kept._size = None, source, at, size
        return kept

    @property
    def value(self) -> str:
        value = self._value
        if value is None:
            assert self._source is not None
            value = self._value = self._source.read(self._at, self._size).decode(
                "utf-8", "surrogatepass")
            self._source = None  # (the file is closed once no string of it is left unread)
        return value

    def encoded(self) -> bytes:
        """Its string in UTF-8, for the cache writing it to a file again: read with the
        rest of its file when it has not been read (see `Source.part`)."""
        if self._value is None:
            assert self._source is not None
            data = self._source.part(self._at, self._size)
            # (and known from now on: its file is about to be replaced)
            self._value, self._source = data.decode("utf-8", "surrogatepass"), None
            return data
        return self._value.encode("utf-8", "surrogatepass")

    def __bool__(self) -> bool:
        return bool(self._value) if self._value is not None else self._size > 0

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Kept) and other.value == self.value

    def __hash__(self) -> int:
        return hash(self.value)

    def __repr__(self) -> str:  # (as its string's: what a repr of a view is keyed by)
        return repr(self.value)

    def __reduce__(self) -> tuple[Any, ...]:  # (to a worker: with its string)
        return Kept, (self.value,)


def kept(value: str) -> str | Kept:
    """`value` to be kept apart by the cache when it is long."""
    return Kept(value) if len(value) > LONG else value


def text_of(value: str | Kept) -> str:
    return value if type(value) is str else value.value  # type: ignore[union-attr]


def plain(data: Any) -> Any:
    """`data` (a view) with every `Kept` in it as its string: copied where it holds one."""
    if type(data) is Kept:
        return data.value
    if isinstance(data, dict):
        found = {key: plain(value) for key, value in data.items()
                 if type(value) in (Kept, dict, list)}
        return {**data, **found} if found else data
    if isinstance(data, list):
        items = [plain(value) for value in data]
        return items if any(a is not b for a, b in zip(items, data, strict=True)) else data
    return data


# The file being loaded (see `Cache.load`): what a stored string's place is in.
_LOADING = threading.local()


def stored(at: int, size: int) -> Kept:
    """A string in the file being loaded (what the cache's pickles call to make one)."""
    return Kept.stored(_LOADING.source, at, size)


class Loading:
    """While unpickling a cache file whose strings are in `source`."""

    def __init__(self, source: Source | None) -> None:
        self.source = source

    def __enter__(self) -> None:
        _LOADING.source = self.source

    def __exit__(self, *_: object) -> None:
        _LOADING.source = None
