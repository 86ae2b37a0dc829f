"""`cached_map`: a slow, pure step over many items (reading Markdown files, converting
bodies), with its results kept between builds and the rest computed on every core."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar, cast

from cswgen.core import parallel
from cswgen.core.cache import Cache
from cswgen.core.errors import Problem, Problems

Item = TypeVar("Item")
T = TypeVar("T")


def cached_map(items: Sequence[Item], key: Callable[[Item], str],
               compute: Callable[[Item, Problems], T], *, cache: Cache | None,
               reuse: Callable[[T], bool] | None = None) -> list[tuple[T, list[Problem]]]:
    """`compute(item, problems)` for each item, with the problems it reported, in item
    order: exactly what computing them one by one would give.  A result `cache` holds under
    `key(item)` (a digest naming the step and every input) is taken from it, with the
    problems it reported then, unless `reuse(result)` says it no longer holds (a file it
    looked up has changed); the others are computed on every core, then stored.  The
    caller reports each item's problems in item order, so a cached build says exactly what
    an uncached one would."""
    results: list[tuple[T, list[Problem]] | None] = [None] * len(items)
    keys: list[str] = []
    misses: list[int] = []
    for index, item in enumerate(items):
        if cache is None:
            misses.append(index)
            continue
        keys.append(key(item))
        found = cache.get(keys[-1])
        if found is not None and (reuse is None or reuse(cast(T, found[0]))):
            results[index] = cast(T, found[0]), found[1]
        else:
            misses.append(index)
    fresh = parallel.run(lambda i: _computed(compute, items[misses[i]]), len(misses))
    for index, (value, problems) in zip(misses, fresh, strict=True):
        if cache is not None:  # (shared between builds: nothing may change it)
            cache.put(keys[index], value, problems)
        results[index] = value, problems
    return cast(list[tuple[T, list[Problem]]], results)


def _computed(compute: Callable[[Item, Problems], T], item: Item) -> tuple[T, list[Problem]]:
    """`compute` in a worker: its result, with the problems it reported."""
    own = Problems()
    value = compute(item, own)
    return value, own.items
