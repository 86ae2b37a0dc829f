"""Many questions to a server at once, over several sessions of one connection: a site of
a thousand folders costs a few round trips' time a level, not one a folder or a file
(over the internet, at 30 ms a round trip, each costs several).

`listed_together` lists folders level by level from the top: a folder only when the
folder above it lists it as a folder, so a first publish to a new place still asks once,
and a folder reached through a link is left for the caller to look at as it looks at
links.  `each_on` does one thing to each of many items (make a folder, put a file).  The
sessions are the caller's; none is used by two threads at once."""

from __future__ import annotations

import queue
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Any, TypeVar

Listing = dict[str, Any]  # a folder's entries by name (as the server describes each)
Lister = Callable[[str], list[Any]]  # a folder's entries, asked over one session
Session = TypeVar("Session")
Item = TypeVar("Item")


def listed_together(folders: Iterable[str], listers: list[Lister],
                    name_of: Callable[[Any], str],
                    is_folder: Callable[[Any], bool]) -> dict[str, Listing | None]:
    """`folders` ("" is the top) and every folder above them: each one's entries, or None
    when it is not there (FileNotFoundError, or the folder above lists no folder of its
    name).  A folder below a link, or below one not there, is not in the result.  Any
    other error of a listing is raised, as listing the folders one by one would."""
    wanted: set[str] = {""}
    for folder in folders:
        parts = folder.split("/") if folder else []
        wanted.update("/".join(parts[:depth]) for depth in range(1, len(parts) + 1))
    children: dict[str, list[str]] = {}
    for folder in wanted - {""}:
        children.setdefault(folder.rpartition("/")[0], []).append(folder)
    found: dict[str, Listing | None] = {}

    def listed(lister: Lister, folder: str) -> None:
        try:
            found[folder] = {name_of(entry): entry for entry in lister(folder)}
        except FileNotFoundError:
            found[folder] = None

    level = [""]
    while level:
        try:
            each_on(listers, level, listed)
        except Failed as failed:  # (raised as it is, as one listing at a time would)
            raise failed.__cause__ or failed from None
        below: list[str] = []
        for folder in level:
            listing = found[folder]
            for child in sorted(children.get(folder, ())):
                entry = listing.get(child.rpartition("/")[2]) if listing is not None \
                    else None
                if entry is None:
                    found[child] = None  # (nothing of that name: nothing below it)
                elif is_folder(entry):
                    below.append(child)
                # (a link, or a file where a folder should be: the caller's to say)
        level = [folder for folder in below if folder not in found]
    return found


def each_on(sessions: list[Session], items: list[Item],
            work: Callable[[Session, Item], object],
            done: Callable[[Item], None] = lambda _: None) -> None:
    """`work(session, item)` for every item, over all `sessions` at once, and `done(item)`
    in this thread as each finishes.  The first error stops what has not begun and is
    raised with its item as `failed` (see `Failed`); what is under way is not waited for
    (the caller ends its sessions, which ends that)."""
    free: queue.SimpleQueue[Session] = queue.SimpleQueue()
    for session in sessions:
        free.put(session)

    def one(item: Item) -> Item:
        session = free.get()
        try:
            work(session, item)
        finally:
            free.put(session)
        return item

    executor = ThreadPoolExecutor(max_workers=len(sessions), thread_name_prefix="session")
    try:
        futures = {executor.submit(one, item): item for item in items}
        for future in as_completed(futures):
            error = future.exception()
            if error is not None:
                raise Failed(futures[future]) from error
            done(futures[future])
    finally:
        executor.shutdown(wait=False, cancel_futures=True)


class Failed(Exception):
    """An item whose work failed (the error is its `__cause__`)."""

    def __init__(self, item: object) -> None:
        super().__init__(item)
        self.item = item
