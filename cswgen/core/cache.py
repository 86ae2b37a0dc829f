"""Results of expensive, pure steps, kept between builds: in memory for the builds of one
`cswgen serve`, and on disk (`.cswgen-cache/steps/`, up to 256 files) for `cswgen build`.

Each result is stored under a digest of everything it depends on, so a stale result can
never be found: a changed input is a different key.  Problems a step reported are stored
with its result and reported again on every hit, so a cached build says exactly what an
uncached one would.  Entries not used by a build are dropped when it finishes, which keeps
memory and the files bounded.  Each file also records the versions of cswgen and of the
libraries whose output it holds; any difference, or a file that cannot be read, means
starting empty.  Deleting it is always safe.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import io
import json
import marshal
import os
import pickle
import re
import sys
from collections.abc import Callable, Iterator
from datetime import date, time
from pathlib import Path
from typing import Any, TypeVar, cast

from cswgen import __version__
from cswgen.core.digest import SIZE
from cswgen.core.digest import digest as digest  # (where the build has long found it)
from cswgen.core.errors import Problem, Problems
from cswgen.core.files import write_atomic
from cswgen.core.kept import Kept, Loading, Source, stored
from cswgen.core.status import CACHE_FOLDER as CACHE_FOLDER  # (where it has long been found)

T = TypeVar("T")


def _plain(value: object) -> object:
    if isinstance(value, date | time):  # datetime is a date too
        return [type(value).__name__, value.isoformat()]
    if type(value) is Kept:
        return value.value
    raise TypeError(type(value).__name__)


# views are built in a fixed order: no sorting; a view that holds itself is a RecursionError,
# caught in `to_json` (one encoder for every view: json.dumps makes one a call, a third of
# its time for a page's view)
_ENCODER = json.JSONEncoder(default=_plain, check_circular=False)
_MARSHAL = 2  # the last format that writes equal data as equal bytes, however it is shared


def to_json(data: object) -> str | None:
    """Plain data (views) as JSON text, or None when it holds something else."""
    try:
        return _ENCODER.encode(data)
    except (TypeError, ValueError, RecursionError):
        return None


def to_bytes(data: object) -> bytes | None:
    """Plain data (views) as bytes that only equal data gives, for keys: `marshal`'s, which
    Python writes twice as fast as JSON (10,000 entries' views on every build), else the
    JSON text (dates and times; marked, so the two never meet); None when neither can
    write it.  Only for keys: `marshal` changes with Python's version, which every key
    holds (see `code_version`)."""
    try:
        return b"M" + marshal.dumps(data, _MARSHAL)  # type: ignore[arg-type]  # (checks it)
    except ValueError:  # (a date, or nested too deep)
        text = to_json(data)
        return None if text is None else b"J" + text.encode("utf-8", "surrogatepass")


_LEAVES = frozenset({int, bool, float, type(None)})  # and str, looked up in SharedViews


class SharedViews:
    """Bytes (`to_bytes`) for views that hold many copies of the same sub-views (every
    page of a testimonial, the lists it is on, the home page): each shared sub-view is
    written out once, as the digest of its own bytes, and a page's bytes name that digest
    wherever the sub-view appears.  Long `texts` (bodies' HTML, by a digest made with
    them) are named the same way wherever that very string appears.  Equal bytes still
    mean equal views, at a fraction of the work."""

    MARK = "\x00view:"  # (text people write does not start with a NUL)
    LONG = 256  # shorter strings are written out: they are cheap, and may be shared

    def __init__(self, shared: list[object], texts: dict[str, str | Kept] | None = None,
                 split: dict[int, tuple[object, str]] | None = None) -> None:
        """`split`: for a shared view (by identity), its fields but those of its body, and
        the digest of that body (`Rendered.digest`): the view is known by both, without
        its body's text being looked through (10,000 views a build)."""
        self._shared = shared, texts  # kept alive: the tables are by identity
        self._strings = {id(text): self.MARK + name for name, text in (texts or {}).items()
                         if type(text) is Kept or len(cast(str, text)) > self.LONG}
        self._refs: dict[int, str] = {}
        parts = split or {}
        found = [self._named(parts[id(view)]) if id(view) in parts else self._digest(view)
                 for view in shared]  # (a pool costs more than it saves)
        self._refs = {id(view): self.MARK + ref for view, ref in zip(shared, found, strict=True)
                      if ref is not None}
        self._derived: list[object] = []

    def ref(self, view: object) -> str | None:
        """The digest a shared sub-view is written as, or None for any other view."""
        return self._refs.get(id(view))

    def derive(self, view: dict[str, Any], source: object, how: str) -> dict[str, Any]:
        """`view`, made by `how` from the shared view `source` and from nothing else (but
        cswgen's code, which every key holds), is written as a digest of `how` and of
        `source`'s ref, not looked through (the lobby screen's 10,000 slides of people)."""
        ref = self._refs.get(id(source))
        if ref is not None:
            self._derived.append(view)  # (kept alive: the table is by identity)
            self._refs[id(view)] = self.MARK + digest("derived view", how, ref)
        return view

    def to_bytes(self, view: object) -> bytes | None:
        """`to_bytes` of a view with its shared sub-views and long texts named."""
        try:
            return to_bytes(self._swap(view))
        except RecursionError:  # a list that holds itself (YAML can write one)
            return None

    def _digest(self, view: object) -> str | None:
        """A shared view's digest.  Only its own fields can be bodies' strings (shared views
        are not yet named while they are made), so only they are looked up."""
        if isinstance(view, dict):
            strings = self._strings
            view = {k: strings.get(id(v), v) if type(v) is str else
                    strings.get(id(v)) or v.value if type(v) is Kept else v
                    for k, v in view.items()}
        data = to_bytes(view)
        return None if data is None else digest(data)

    # what a `split` view's digest starts with: never how `digest` starts (a part's length,
    # as 8 bytes of which the last four are 0 for any part under 4 GB), so no view named
    # one way can be named as another view the other way
    _SPLIT = b"view\xff\xff\xff\xff"

    @classmethod
    def _named(cls, part: tuple[object, str]) -> str | None:
        own, body = part
        data = to_bytes(own)
        named = body.encode("utf-8", "surrogatepass")
        if data is None or b"\x00" in named:
            return None
        # (one hash of plain bytes: a NUL ends the body's digest, which is hex)
        return hashlib.blake2b(b"".join((cls._SPLIT, named, b"\x00", data)),
                               digest_size=SIZE).hexdigest()

    def _swap(self, value: object) -> object:
        # (tens of thousands of pages: the common leaves, and empty lists and dicts, are
        # passed over without a call; a shared view is never empty)
        strings = self._strings
        if isinstance(value, dict):
            ref = self._refs.get(id(value))
            if ref is not None:
                return ref
            return {k: strings.get(id(v), v) if type(v) is str else
                    v if type(v) in _LEAVES or not v else self._swap(v)
                    for k, v in value.items()}
        if isinstance(value, list):
            return [strings.get(id(v), v) if type(v) is str else
                    v if type(v) in _LEAVES or not v else self._swap(v) for v in value]
        if type(value) is str:
            return strings.get(id(value), value)
        if type(value) is Kept:  # (a body's string not found by its digest)
            return strings.get(id(value)) or value.value
        return value


def data_digest(step: str, *data: object, shared: SharedViews | None = None) -> str | None:
    """A key for a step whose inputs are plain data (and cswgen's code); None when they
    are not plain data, so the step has no key and is always run."""
    texts = [to_bytes(d) if shared is None else shared.to_bytes(d) for d in data]
    if any(t is None for t in texts):
        return None
    return digest(step, code_version(), *(t for t in texts if t is not None))


@functools.cache
def code_version() -> str:
    """What every cached result also depends on, besides its own inputs: cswgen's own
    code (its source files, so an edited checkout counts too) and the libraries'
    versions."""
    package = Path(__file__).resolve().parent.parent  # cswgen/, every sub-package in it
    sources = sorted([*package.rglob("*.py"), *package.glob("strings/*.toml")])
    return digest(_versions(), *(part for path in sources for part in (
        path.relative_to(package).as_posix(), path.read_bytes())))


def _versions() -> str:
    found = [f"cswgen {__version__}", f"python {sys.version_info[:3]}"]
    installed = _installed(("markdown", "nh3", "pyyaml", "jinja2", "pillow", "pillow-heif",
                            "babel"))
    found += [f"{name} {version}" for name, version in installed.items()]
    return "; ".join(found)


def _installed(names: tuple[str, ...]) -> dict[str, str]:
    """The version of each named distribution ("-" when missing), from the first
    `NAME-VERSION.dist-info` folder on sys.path: what importlib.metadata reads, without
    the import (of email parsing, among others) that made a tenth of cswgen's start."""

    def normal(name: str) -> str:
        return re.sub(r"[-_.]+", "_", name).lower()

    wanted = {normal(name): name for name in names}
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            listing = sorted(os.listdir(folder or "."))
        except OSError:
            continue
        for item in listing:
            if item.endswith((".dist-info", ".egg-info")):
                distribution, _, version = item.rsplit(".", 1)[0].partition("-")
                name = wanted.get(normal(distribution))
                if name is not None and name not in found:
                    found[name] = version
    return {name: found.get(name, "-") for name in names}


class Cache:
    # keys are hex digests; one file per first two digits: a rebuild after one edit rewrites
    # the few files its new results fall in, a few hundred kilobytes at 10,000 entries (with
    # one file per first digit, it rewrote a tenth of the cache, tens of megabytes)
    SHARDS = tuple(f"{n:02x}" for n in range(256))

    def __init__(self) -> None:
        self._entries: dict[str, tuple[object, list[Problem]]] = {}
        self._used: set[str] = set()
        self._memory_only: set[str] = set()  # results that cannot be saved (compiled templates)
        self._loaded: set[str] = set()  # what `load` found
        self._files: set[str] = set()  # the shards `load` found entries in
        self._put: set[str] = set()  # shards with a new result
        self._sources: dict[str, Source] = {}  # each shard's file of strings, as loaded
        self.hits = 0
        self.misses = 0

    @classmethod
    def load(cls, folder: Path) -> Cache:
        """The cache saved in `folder`, or an empty one when there is none that fits.  It
        is kept in many files (`SHARDS`), so that a build which redid a few steps rewrites
        a few of them, not all; each file's long strings are in a file beside it (see
        `core.kept`), read when a build asks for one of them."""
        cache = cls()
        for shard in cls.SHARDS:
            entries, source = _read_shard(folder / f"{shard}.pickle",
                                          folder / f"{shard}{TEXTS}")
            if source is not None:
                cache._sources[shard] = source
            if entries is not None:
                cache._entries.update(entries)
                cache._loaded.update(entries)
                if entries:
                    cache._files.add(shard)
        return cache

    def save(self, folder: Path) -> None:
        """Write what the last build used, each file atomically, for the next build; a file
        that would hold exactly what was loaded from it is left as it is.  (Only the files
        to write are gathered: looking up the file of each of tens of thousands of keys
        took a twentieth of a second of every build.)"""
        kept = self._used - self._memory_only
        dropped = self._loaded - kept
        write = set(self._put) | {_shard(key) for key in dropped}
        write |= {shard for shard in self._files - write
                  if not (folder / f"{shard}.pickle").exists()}  # (deleted meanwhile)
        write &= set(self.SHARDS)
        folder.mkdir(parents=True, exist_ok=True)
        if write:
            saved: dict[str, dict[str, tuple[object, list[Problem]]]] = {
                shard: {} for shard in write}
            entries = self._entries
            for key in kept:
                part = saved.get(key[:2])
                if part is not None:
                    part[key] = entries[key]
            # (the files a string of this cache may still be read from are replaced once
            # every file is made, which reads them: Windows replaces no file held open)
            later: list[tuple[str, tuple[bytes, bytes]]] = []
            for shard in sorted(write):
                made = _dump_shard(saved[shard])
                if shard in self._sources:
                    later.append((shard, made))
                else:
                    _write_shard(folder, shard, made)
            for shard, made in later:
                self._sources.pop(shard).close()
                _write_shard(folder, shard, made)
        for stale in folder.glob("?.pickle"):  # from when there were sixteen: read no more
            with contextlib.suppress(OSError):
                stale.unlink()

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
        self._put.add(_shard(key))
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
        self._put = set()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: object) -> bool:
        """Whether a result is held under `key` (without counting it as used)."""
        return key in self._entries


def _shard(key: str) -> str:
    """Which of `Cache.SHARDS` a key is kept in."""
    return key[:2]


@contextlib.contextmanager
def paused_collector() -> Iterator[None]:
    """Python's cycle collector paused while tens of thousands of long-lived objects are
    made at once (loading the cache is four times slower with it running); unpickling
    makes no garbage for it to find.  The young objects made before are collected first:
    unfreezing moves every object into the oldest generation without counting them, so
    what was garbage there would be left for good; `cswgen serve` pauses the collector on
    every rebuild, and grew by a tenth of a megabyte each time."""
    enabled = gc.isenabled()
    if enabled:
        gc.collect(1)  # (the young generations only: a few thousand objects at most)
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            # freezing resets the count of new objects, so enabling does not at once scan
            # everything just made; unfreezing makes it collectable again
            gc.freeze()
            gc.enable()
            gc.unfreeze()


def read_pickle(path: Path) -> object:
    """What `write_pickle` wrote at `path`, or None when it cannot be read."""
    try:
        with open(path, "rb") as file, paused_collector():
            return pickle.load(file)
    except Exception:  # missing, truncated, not a pickle
        return None


def write_pickle(path: Path, data: object) -> None:
    """`data` at `path`, atomically: a reader finds the old file or the new one."""
    write_atomic(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))


TEXTS = ".texts"  # beside each file of a cache: its long strings (see `core.kept`)
_MARK = 16  # bytes that open a file of strings, its pickle's own: the two were written together


def _dump_shard(entries: dict[str, tuple[object, list[Problem]]]) -> tuple[bytes, bytes]:
    """One file of a cache, and the file of its `Kept` strings beside it."""
    strings = io.BytesIO()
    strings.write(os.urandom(_MARK))

    class Pickler(pickle.Pickler):
        def reducer_override(self, obj: object) -> Any:
            if type(obj) is not Kept:
                return NotImplemented
            data = obj.encoded()
            at = strings.tell()
            strings.write(data)
            return stored, (at, len(data))

    out = io.BytesIO()
    pickler = Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dump((code_version(), entries))
    pickler.dump((strings.getvalue()[:_MARK], strings.tell()))  # (known once written)
    return out.getvalue(), strings.getvalue()


def _write_shard(folder: Path, shard: str, made: tuple[bytes, bytes]) -> None:
    """A file of a cache and its strings (written first: a pickle names the strings' file
    it was written with, so a build killed between the two leaves a pair that does not
    match, which reads as no file)."""
    data, strings = made
    texts = folder / f"{shard}{TEXTS}"
    if len(strings) > _MARK:
        write_atomic(texts, strings)
    else:
        texts.unlink(missing_ok=True)
    write_atomic(folder / f"{shard}.pickle", data)


def _read_shard(path: Path, texts: Path
                ) -> tuple[dict[str, tuple[object, list[Problem]]] | None, Source | None]:
    """One file of a cache and the strings beside it (opened); no entries when there is
    none, it is not this cswgen's, or it cannot be read whole."""
    try:
        source = Source(str(texts))
    except OSError:
        source = None
    try:
        with open(path, "rb") as file, paused_collector(), Loading(source):
            found = pickle.load(file)
            if not isinstance(found, tuple) or len(found) != 2 or found[0] != code_version():
                return None, source
            entries = found[1]
            mark, size = pickle.load(file)
    except Exception:  # missing, truncated, not a pickle, its strings' file missing
        return None, source
    if not isinstance(entries, dict):
        return None, source
    if size > _MARK and (source is None or source.size != size
                         or source.read(0, _MARK) != mark):
        return None, source  # (the strings' file is another's)
    return entries, source
