"""Publishing to a folder on this computer or a mounted drive (a web server's folder, a
mapped network drive, a synced SharePoint or OneDrive folder).

New and changed files are copied in, each written under a temporary name beside it and
then renamed over the old one (os.replace), so a web server, a sync client or a publish
cut short never sees half a file.  Files the site no longer has are removed only when an
earlier publish put them there (the record, see plan.py); nothing else is touched.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from cswgen.core import tree
from cswgen.core.files import write_atomic
from cswgen.publish.plan import (
    RECORD,
    Plan,
    Record,
    carry_out,
    keep_replaced,
    make_plan,
    parents,
)
from cswgen.publish.target import (
    Built,
    Progress,
    PublishError,
    clear_of_site,
    file_sha256,
    in_the_way,
)


class FolderTarget:
    portable = False
    whole = False

    def __init__(self, folder: Path, shown: str) -> None:
        self.folder = folder
        self.shown = shown
        self.record = Record()
        self.made: set[str] = set()  # the folders publish made there (see `Store`)
        self.known: set[str] = set()  # folders there, as this publish has seen or made them
        self.doing = ""  # the file being written or removed there, for a message

    def check(self, site: Path, output: Path) -> None:
        if self.folder.exists() and not self.folder.is_dir():
            raise PublishError(f"{self.shown} is a file, not a folder; give the folder to "
                               "publish into (a name ending in .zip makes a zip file)")
        if not self.folder.is_dir() and not self.folder.parent.is_dir():
            raise PublishError(f"there is no folder {self.folder.parent} to publish "
                               f"{self.folder.name} in; check the address (publish creates "
                               "the last folder of it, not the ones above)")
        clear_of_site(self.folder, site, output, "the folder")
        if self.folder.is_dir() and not os.access(self.folder, os.W_OK | os.X_OK):
            raise PublishError(f"cannot write into {self.shown}: you are not allowed to; ask "
                               "whoever looks after it for write access")
        try:
            self.record = Record.parse((self.folder / RECORD).read_bytes())
        except FileNotFoundError:
            self.record = Record()
        except OSError as exc:
            raise PublishError(f"cannot read {self.folder / RECORD}: {exc.strerror}") from None

    def plan(self, built: Built) -> Plan:
        found = self._in_the_way(built.files)
        if found:
            raise in_the_way(self.shown, found)
        there: dict[str, str | None] = {}
        for name in built.files:
            path = self.folder / name
            if path.is_file():
                # the same size as the site's file: compare bytes; else it has changed
                same_size = path.stat().st_size == built.files[name].stat().st_size
                there[name] = file_sha256(path) if same_size else None
            elif path.is_symlink():  # (a link to nothing: someone's, not the site's file)
                there[name] = None
        present = {name for name in self.record.files if (self.folder / name).is_file()}
        plan = make_plan(built.digests(), there, self.record.files, present)
        keep_replaced(plan, self.record.files, self._sha256_or_none)
        plan.resumed = bool(self.record.pending)
        return plan

    def _sha256_or_none(self, name: str) -> str | None:
        try:
            return file_sha256(self.folder / name)
        except FileNotFoundError:
            return None
        except OSError:  # (not readable: removed as publish's own)
            return ""

    def _in_the_way(self, names: Iterable[str]) -> list[str]:
        """What stands there where the site needs a folder or a file: a file with the name
        of one of the site's folders, a folder with the name of one of its files."""
        folders = {"/".join(parts[:depth]) for parts in (name.split("/") for name in names)
                   for depth in range(1, len(parts))}
        found = [f"{folder} (a file; the site has a folder there)" for folder in sorted(folders)
                 if (self.folder / folder).exists() and not (self.folder / folder).is_dir()]
        return found + [f"{name} (a folder; the site has a file there)" for name in names
                        if (self.folder / name).is_dir()]

    def apply(self, plan: Plan, built: Built, progress: Progress) -> None:
        try:
            self.folder.mkdir(exist_ok=True)
            carry_out(plan, self.record, built.digests(),
                      {name: str(path) for name, path in built.files.items()}, self, progress)
        except OSError as exc:
            # (named by the file there: an error's own file name may be the built copy)
            at = f" at {self.doing}" if self.doing else \
                f" ({exc.filename})" if exc.filename else ""
            raise PublishError(f"publishing to {self.shown} stopped{at}: "
                               f"{exc.strerror or exc}; every file there is whole, old or "
                               "new: fix that and publish again to finish") from None

    def close(self) -> None:
        pass

    # the Store that plan.carry_out uses

    def put_all(self, items: list[tuple[str, str, str]], done: Callable[[str], None]) -> None:
        for name, source, temporary in items:
            self.put(name, source, temporary)
            done(name)

    def put(self, name: str, source: str, temporary: str) -> None:
        self.doing = name
        target, partial = self.folder / name, self.folder / temporary
        # (innermost first, up to one known or found: a first publish of 15,000 files
        # looked at every folder above each one, some 30,000 looks on a network drive)
        missing: list[str] = []
        for folder in parents(name):
            if folder in self.known or (self.folder / folder).is_dir():
                break
            missing.append(folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        self.made.update(missing)
        self.known.update(parents(name))
        try:
            shutil.copyfile(source, partial)
            os.replace(partial, target)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise

    def remove_all(self, names: list[str]) -> None:
        for name in names:
            self.remove(name)

    def remove(self, name: str) -> None:
        self.doing = name
        (self.folder / name).unlink(missing_ok=True)
        for folder in parents(name):
            if folder not in self.made:  # (someone else's: there before publish made it)
                break
            try:
                tree.empty_but_for_a_file_manager(self.folder / folder)
                (self.folder / folder).rmdir()  # only when empty: a file of someone else's
            except OSError:                     # keeps it
                break
            self.made.discard(folder)
            self.known.discard(folder)

    def discard(self, name: str) -> None:
        with contextlib.suppress(OSError):
            (self.folder / name).unlink()

    def write_record(self, record: Record) -> None:
        self.doing = RECORD
        write_atomic(self.folder / RECORD, record.dump())
