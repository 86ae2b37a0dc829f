"""Results of expensive, pure steps, kept between builds: in memory for the builds of one
`cswgen serve`, and on disk (`.cswgen-cache/steps.pickle`) for `cswgen build`.

Each result is stored under a digest of everything it depends on, so a stale result can
never be found: a changed input is a different key.  Problems a step reported are stored
with its result and reported again on every hit, so a cached build says exactly what an
uncached one would.  Entries not used by a build are dropped when it finishes, which keeps
memory and the file bounded.  The file also records the versions of cswgen and of the
libraries whose output it holds; any difference, or a file that cannot be read, means
starting empty.  Deleting it is always safe.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from datetime import date, time
from importlib import metadata
from pathlib import Path
from typing import TypeVar, cast

from cswgen import __version__
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


def to_json(data: object) -> str | None:
    """Plain data (views) as JSON text, or None when it holds something else."""

    def plain(value: object) -> object:
        if isinstance(value, date | time):  # datetime is a date too
            return [type(value).__name__, value.isoformat()]
        raise TypeError(type(value).__name__)

    try:
        return json.dumps(data, default=plain)  # views are built in a fixed order: no sorting
    except (TypeError, ValueError, RecursionError):
        return None


def data_digest(step: str, *data: object) -> str | None:
    """A key for a step whose inputs are plain data (and cswgen's code); None when they
    are not plain data, so the step has no key and is always run."""
    texts = [to_json(d) for d in data]
    if any(t is None for t in texts):
        return None
    return digest(step, code_version(), *(t for t in texts if t is not None))


@functools.cache
def code_version() -> str:
    """What every cached result also depends on, besides its own inputs: cswgen's own
    code (its source files, so an edited checkout counts too) and the libraries'
    versions."""
    package = Path(__file__).parent
    return digest(_versions(), *(p.read_bytes() for p in sorted(package.glob("*.py"))))


def _versions() -> str:
    found = [f"cswgen {__version__}", f"python {sys.version_info[:3]}"]
    for name in ("markdown", "nh3", "pyyaml", "jinja2", "pillow"):
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} -")
    return "; ".join(found)


class Cache:
    def __init__(self) -> None:
        self._entries: dict[str, tuple[object, list[Problem]]] = {}
        self._used: set[str] = set()
        self._memory_only: set[str] = set()  # results that cannot be saved (compiled templates)
        self._loaded: set[str] = set()  # what `load` found
        self.hits = 0
        self.misses = 0

    @classmethod
    def load(cls, path: Path) -> Cache:
        """The cache saved at `path`, or an empty one when there is none that fits."""
        cache = cls()
        try:
            with open(path, "rb") as file:
                versions, entries = pickle.load(file)
            if versions == code_version() and isinstance(entries, dict):
                cache._entries = entries
                cache._loaded = set(entries)
        except Exception:  # missing, from another version, truncated: start empty
            pass
        return cache

    def save(self, path: Path) -> None:
        """Write what the last build used, atomically, for the next build (unless that is
        exactly what was loaded)."""
        if not self.misses and self._used == self._loaded and path.exists():
            return
        entries = {k: v for k, v in self._entries.items()
                   if k in self._used and k not in self._memory_only}
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".steps-")
        try:
            with os.fdopen(handle, "wb") as file:
                pickle.dump((code_version(), entries), file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def get(self, key: str) -> tuple[object, list[Problem]] | None:
        found = self._entries.get(key)
        if found is not None:
            self._used.add(key)
            self.hits += 1
        return found

    def put(self, key: str, value: object, problems: list[Problem] | None = None, *,
            memory_only: bool = False) -> None:
        self._entries[key] = (value, list(problems or []))
        self._used.add(key)
        if memory_only:
            self._memory_only.add(key)
        self.misses += 1

    def remember(self, key: str, compute: Callable[[Problems], T], problems: Problems, *,
                 memory_only: bool = False) -> T:
        """`compute(problems)` once per key; later calls replay its problems and result.
        Keys must name the step as well as its inputs (`digest("split", ...)`)."""
        found = self.get(key)
        if found is not None:
            problems.items.extend(found[1])
            return cast(T, found[0])
        own = Problems()
        value = compute(own)
        self.put(key, value, own.items, memory_only=memory_only)
        problems.items.extend(own.items)
        return value

    def finish(self) -> None:
        """End of a build: forget what it did not use."""
        self._entries = {k: v for k, v in self._entries.items() if k in self._used}
        self._memory_only &= self._used
        self._used = set()

    def __len__(self) -> int:
        return len(self._entries)
