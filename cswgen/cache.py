"""Results of expensive, pure steps, kept in memory between the builds of one `cswgen serve`.

Each result is stored under a digest of everything it depends on, so a stale result can
never be found: a changed input is a different key.  Problems a step reported are stored
with its result and reported again on every hit, so a cached build says exactly what an
uncached one would.  Entries not used by a build are dropped when it finishes, which keeps
memory bounded while someone types.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TypeVar, cast

from cswgen.errors import Problem, Problems

T = TypeVar("T")


def digest(*parts: str | bytes) -> str:
    """One key for several inputs; each is length-prefixed, so ("ab", "c") != ("a", "bc")."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


class Cache:
    def __init__(self) -> None:
        self._entries: dict[str, tuple[object, list[Problem]]] = {}
        self._used: set[str] = set()
        self.hits = 0
        self.misses = 0

    def get(self, key: str) -> tuple[object, list[Problem]] | None:
        found = self._entries.get(key)
        if found is not None:
            self._used.add(key)
            self.hits += 1
        return found

    def put(self, key: str, value: object, problems: list[Problem] | None = None) -> None:
        self._entries[key] = (value, list(problems or []))
        self._used.add(key)
        self.misses += 1

    def remember(self, key: str, compute: Callable[[Problems], T], problems: Problems) -> T:
        """`compute(problems)` once per key; later calls replay its problems and result.
        Keys must name the step as well as its inputs (`digest("split", ...)`)."""
        found = self.get(key)
        if found is not None:
            problems.items.extend(found[1])
            return cast(T, found[0])
        own = Problems()
        value = compute(own)
        self.put(key, value, own.items)
        problems.items.extend(own.items)
        return value

    def finish(self) -> None:
        """End of a build: forget what it did not use."""
        self._entries = {k: v for k, v in self._entries.items() if k in self._used}
        self._used = set()

    def __len__(self) -> int:
        return len(self._entries)
