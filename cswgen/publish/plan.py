"""What a publish adds, changes and removes at a target, the record that says what
publish put there, and the order that keeps every file whole when a publish is cut short.

The record (`.cswgen-published.json` at a folder or SFTP target) lists each file publish
put there with its sha256.  Only those files are ever replaced or removed: whatever else
is at the target (IT's own files, another team's pages) is never touched, and a file
someone has replaced since publish put it there is theirs: it is not removed.

`carry_out` works in four steps, each safe to interrupt:

1. write the record marking every file about to change as unknown (so a publish cut
   short uploads them again next time, and the files to remove stay listed),
2. replace each new or changed file whole (a temporary name beside it, then a rename),
3. remove the files the site no longer has,
4. write the record of what is there now.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from cswgen.core.files import hidden_beside

RECORD = ".cswgen-published.json"
RECORD_VERSION = 1


@dataclass
class Plan:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    before: int = 0  # the files publish had put there before (the base of "a quarter")
    kept: list[str] = field(default_factory=list)  # there, but not put there by publish
    # there, at a path the site has, not put there by publish and not the site's file:
    # publishing would replace someone else's file (refused unless --force)
    theirs: list[str] = field(default_factory=list)
    # there, byte for byte the site's, but not put there by publish (IT's .htaccess that
    # the site has a copy of): left as it is and not claimed, so that publish never removes
    # it; with --force (an old copy of the site), taken as publish's own
    found: list[str] = field(default_factory=list)
    resumed: bool = False  # the last publish there stopped part of the way: this finishes it

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)

    def asks_first(self) -> bool:
        """It removes more than a quarter of the files publish put there before."""
        return len(self.removed) * 4 > self.before > 0

    def lines(self) -> list[str]:
        """One line per file that changes, for --dry-run."""
        return ([f"  add     {name}" for name in self.added]
                + [f"  change  {name}" for name in self.changed]
                + [f"  remove  {name}" for name in self.removed])

    def summary(self, *, planned: bool = False) -> str:
        """`3 added, 1 removed` (`planned`: `3 to add, 1 to remove`), or `nothing changed`."""
        verbs = ("to add", "to change", "to remove") if planned else \
            ("added", "changed", "removed")
        parts = [f"{len(names)} {verb}" for names, verb in
                 zip((self.added, self.changed, self.removed), verbs, strict=True) if names]
        return ", ".join(parts) or "nothing changed"


def make_plan(site: Mapping[str, str], there: Mapping[str, str | None],
              published: Collection[str], present: Collection[str] | None = None) -> Plan:
    """Compare the site's files (path -> digest) with what is at the target (`there`:
    path -> digest, None when unknown), given the files publish put there before
    (`published`); `present`: the published files still there (default: all of them)."""
    plan = Plan(before=len(published))
    for name, wanted in site.items():
        if there.get(name) == wanted:
            plan.unchanged += 1
            if name not in published:
                plan.found.append(name)
        elif name in there:
            plan.changed.append(name)
            if name not in published:
                plan.theirs.append(name)
        else:  # (published before and gone since, or never reached by a publish that stopped)
            plan.added.append(name)
    plan.removed = sorted(name for name in published if name not in site
                          and (present is None or name in present))
    return plan


def keep_replaced(plan: Plan, published: Mapping[str, str | None],
                  digest_there: Callable[[str], str | None]) -> None:
    """A file to remove whose bytes there are no longer those publish put there (`published`:
    path -> sha256) has been replaced by someone since: it is theirs now, and kept; one
    someone removed already is not removed again (nor said to be).  `digest_there` gives a
    file's sha256 at the target, "" when it cannot be read, None when it is not there."""
    for name in list(plan.removed):
        there = digest_there(name)
        if there is None:
            plan.removed.remove(name)
        elif there and published.get(name) not in (there, None):
            plan.removed.remove(name)
            plan.kept.append(name)


@dataclass
class Record:
    """What publish put at a target: path -> sha256 (None: being replaced when a publish
    was cut short, so unknown), and the token naming that publish's temporary files.
    `stamps` (SFTP): path -> the size and modification time the server gave the file, so
    that a file changed there by hand is noticed without reading every file back.
    `folders`: the folders publish made there, the only ones it removes once they are
    empty (IT's own `downloads/`, there before the first publish, stays)."""

    files: dict[str, str | None] = field(default_factory=dict)
    pending: str = ""
    stamps: dict[str, tuple[int, int]] = field(default_factory=dict)
    folders: set[str] = field(default_factory=set)

    @classmethod
    def parse(cls, data: bytes | None) -> Record:
        """A record as read from the target; none, or one cswgen cannot read, is empty."""
        try:
            raw = json.loads(data or b"{}")
            files = {str(k): (str(v) if v else None) for k, v in raw.get("files", {}).items()
                     if _inside(str(k))}
            pending = str(raw.get("pending", ""))
            stamps = {str(k): (v[0], v[1]) for k, v in raw.get("stamps", {}).items()
                      if k in files and isinstance(v, list) and len(v) == 2
                      and all(type(n) is int for n in v)}
            listed = raw.get("folders")
            # (a record from before folders were kept: those of the files publish put there,
            # which it removed once empty then)
            folders = {str(f) for f in listed if _inside(str(f))} if isinstance(
                listed, list) else {parent for name in files for parent in parents(name)}
            return cls(files, pending if re.fullmatch(r"[0-9a-f]+", pending) else "", stamps,
                       folders)
        except (ValueError, AttributeError):
            return cls()

    def dump(self) -> bytes:
        data: dict[str, object] = {"cswgen": RECORD_VERSION, "files": self.files}
        if self.pending:
            data["pending"] = self.pending
        stamps = {name: list(stamp) for name, stamp in self.stamps.items()
                  if self.files.get(name)}
        if stamps:
            data["stamps"] = stamps
        data["folders"] = sorted(self.folders)
        return (json.dumps(data, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _inside(name: str) -> bool:
    """A name as publish writes them: `/`-separated, inside the target.  The record is at
    the target, where whoever can write there can change it: a name leading out of it
    (`../`, `/home/...`, `C:\\...`) was never put there by publish, and is dropped."""
    return not re.search(r"[\\:\0]", name) and all(
        part not in ("", ".", "..") for part in name.split("/"))


def parents(name: str) -> list[str]:
    """The folders `name` is in, innermost first: `days/mon/index.html` -> `days/mon`,
    `days`."""
    parts = name.split("/")[:-1]
    return ["/".join(parts[:end]) for end in range(len(parts), 0, -1)]


def partial_name(name: str, token: str) -> str:
    """The temporary name a file is written under before it takes its place: beside it,
    hidden, and marked with the publish that wrote it (cut to fit, for a name nearly as
    long as a file's may be: see `hidden_beside`)."""
    folder, _, base = name.rpartition("/")
    return (folder + "/" if folder else "") + hidden_beside(base, f".cswgen-{token}.part")


class Store(Protocol):
    """The few operations `carry_out` needs of a target (paths `/`-separated, relative)."""

    made: set[str]  # the folders publish made there (`Record.folders`), kept up to date

    def put_all(self, items: list[tuple[str, str, str]], done: Callable[[str], None]) -> None:
        """For each (name, source, temporary): copy the local file `source` to
        `temporary`, then rename it to `name`, making the folders it needs (each added to
        `made`); `done(name)` once it is in place.  An error stops it, with `doing` naming
        the file (or folder) it was at."""

    def remove_all(self, names: list[str]) -> None:
        """Remove each name that is there, then each folder above them in `made` that they
        left empty (each dropped from `made`)."""

    def discard(self, name: str) -> None:
        """Remove a temporary file, if it is there."""

    def write_record(self, record: Record) -> None:
        """Replace the record at the target, whole."""


def carry_out(plan: Plan, record: Record, site: Mapping[str, str],
              sources: Mapping[str, str], store: Store,
              progress: Callable[[int, int, str], None]) -> None:
    """Publish: `site` is path -> sha256 of every file of the site, `sources` path -> the
    local file; `record` is what the target's record said before.  The files the plan
    found there already, put there by someone else, are not recorded as publish's own."""
    own: dict[str, str | None] = {name: digest for name, digest in site.items()
                                  if name not in plan.found}
    if plan.empty and not record.pending and record.files == own:
        return  # nothing to do, not even the record
    if record.pending:  # the temporary files of a publish that was cut short
        for name, digest in record.files.items():
            if digest is None:
                store.discard(partial_name(name, record.pending))
    token = os.urandom(4).hex()
    writes = plan.added + plan.changed
    marked = {**record.files, **own, **dict.fromkeys(writes)}
    store.made = set(record.folders)
    store.write_record(Record(marked, token, folders=record.folders))
    count = 0

    def done(name: str) -> None:
        nonlocal count
        count += 1
        progress(count, len(writes), name)

    store.put_all([(name, sources[name], partial_name(name, token)) for name in writes], done)
    store.remove_all(plan.removed)
    store.write_record(Record(own, folders=store.made))
