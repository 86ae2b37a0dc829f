"""Publishing over SFTP (`sftp://user@host[:port]/path`), for the web space IT provides.
With sshlogin.py, which logs in (the SSH agent or key files, never a password, and the
server's key checked against known_hosts), the only modules that import paramiko.

Only changed files are uploaded, decided by the record of hashes kept at the target (see
plan.py), and the files publish put there that someone deleted or edited there since (found
by one listing per folder: the record keeps the size and date the server gave each file, so
nothing is read back unless those changed); each is written under a temporary name and
renamed into place (the atomic posix-rename where the server offers it).  Many folders
are listed, and many files put, over several sessions of the one connection at once
(`sessions`): over the internet each costs round trips, not bandwidth.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

import paramiko

from cswgen.publish.address import parse_sftp
from cswgen.publish.plan import (
    RECORD,
    Plan,
    Record,
    carry_out,
    keep_replaced,
    make_plan,
    parents,
)
from cswgen.publish.sessions import Failed, each_on, listed_together
from cswgen.publish.sshlogin import Login
from cswgen.publish.target import Built, Progress, PublishError, in_the_way

SESSIONS = 8  # SFTP sessions that list folders and put files at once (OpenSSH allows 10)
MANY = 16  # fewer folders or files go over one session (another costs round trips to open)


class SftpTarget:
    portable = False
    whole = False

    def __init__(self, address: str, *, known_hosts: str = "", identity: str = "") -> None:
        self.user, self.host, self.port, self.path = parse_sftp(address)
        self.shown = address
        self.login = Login(self.user, self.host, self.port, address, known_hosts=known_hosts,
                           identity=identity)
        self.client: paramiko.SSHClient | None = None
        self.sftp: paramiko.SFTPClient | None = None
        self.extra: list[paramiko.SFTPClient] = []  # more sessions, for many at once
        self.record = Record()
        self.folders: set[str] = set()  # remote folders known to exist
        self.made: set[str] = set()  # the folders publish made there (see `Store`)
        self.stamps: dict[str, tuple[int, int]] = {}  # path -> size, mtime there now
        self.doing = ""  # the file being written or removed there, for a message

    def check(self, site: Path, output: Path) -> None:
        self.client = self.login.connect()
        sftp = self._sftp()
        try:
            found = sftp.stat(self.path)
        except FileNotFoundError:
            parent = str(PurePosixPath(self.path).parent)
            try:
                sftp.stat(parent)
            except FileNotFoundError:
                raise PublishError(f"there is no folder {parent} on {self.host} to publish "
                                   f"{PurePosixPath(self.path).name} in; check the path "
                                   "(publish creates the last folder of it, not the ones "
                                   "above)") from None
            return
        if not stat.S_ISDIR(found.st_mode or 0):
            raise PublishError(f"{self.path} on {self.host} is a file, not a folder; give the "
                               "folder to publish into")
        try:
            with sftp.open(f"{self.path}/{RECORD}", "rb") as file:
                self.record = Record.parse(file.read())
        except FileNotFoundError:
            self.record = Record()
        except OSError as exc:  # (not readable by this login; a folder of that name)
            reason = exc.strerror or str(exc) or type(exc).__name__
            raise PublishError(f"cannot read {self.path}/{RECORD} on {self.host} ({reason}): "
                               "it is cswgen's record of what publish put there, and must be a "
                               f"file that {self.user} can read and replace; ask whoever runs "
                               "the server to make it so, then publish again") from None

    def _sftp(self) -> paramiko.SFTPClient:
        if self.sftp is None:
            assert self.client is not None
            try:
                self.sftp = self.client.open_sftp()
            except (paramiko.SSHException, OSError) as exc:
                raise PublishError(f"{self.host} does not offer SFTP ({exc}); ask whoever runs "
                                   "it to turn it on") from None
            self.sftp.get_channel().settimeout(60)  # type: ignore[union-attr]
        return self.sftp

    def plan(self, built: Built) -> Plan:
        site = built.digests()
        try:
            plan = make_plan(site, self._there(built, site), self.record.files)
            keep_replaced(plan, self.record.files, self._sha256_or_none)
        except PermissionError:
            raise PublishError(f"the server does not let {self.user} see all that is in "
                               f"{self.path}/ (permission denied), so cswgen cannot tell which "
                               "files there are someone else's; nothing there was changed: "
                               f"ask IT to let {self.user} list and read its folders and files, "
                               "then publish again") from None
        except (OSError, EOFError, paramiko.SSHException) as exc:
            reason = getattr(exc, "strerror", None) or str(exc) or "the connection was lost"
            raise PublishError(f"{self.host} stopped answering while cswgen looked at what is "
                               f"in {self.path}/ ({reason}); nothing there was changed: "
                               "publish again") from None
        plan.resumed = bool(self.record.pending)
        return plan

    def _there(self, built: Built, site: dict[str, str]) -> dict[str, str | None]:
        """What is on the server at the site's paths: path -> its sha256, or None when it
        differs from the site's file (a file not there is left out, so a file someone
        deleted there is uploaded again, as a folder target does).  A file the record
        lists is taken to be what publish put there while its size and modification time
        are those the server gave it then; any other is read back when it has the size of
        the site's file.  One listing per folder, not one question per file."""
        folders: dict[str, list[str]] = {}
        for name in site:
            folder, _, base = name.rpartition("/")
            folders.setdefault(folder, []).append(base)
        sftp = self._sftp()
        found: dict[str, str | None] = {}
        # folder -> its entries; None: not there (the many asked at once, see `listing`)
        listings: dict[str, dict[str, Any] | None] = self._listed(list(folders))
        # a file where the site has a folder, a folder where it has a file
        files_in_the_way: list[str] = []
        folders_in_the_way: list[str] = []

        def followed(name: str) -> Any:
            try:
                return sftp.stat(self._remote(name))
            except FileNotFoundError:  # (a link to nothing)
                return None

        def listing(folder: str) -> dict[str, Any] | None:
            """A folder's entries, asked once, and only when every folder above it is
            there: a first publish to a new place costs one question, not one a page."""
            if folder not in listings:
                parent, _, name = folder.rpartition("/")
                above = listing(parent) if folder else {}
                entry = above.get(name) if above is not None and folder else None
                if entry is not None and stat.S_ISLNK(entry.st_mode or 0):
                    entry = followed(folder)  # (a link to a folder is a folder here)
                if folder and (entry is None or not stat.S_ISDIR(entry.st_mode or 0)):
                    if entry is not None:
                        files_in_the_way.append(f"{folder} (a file; the site has a folder "
                                                "there)")
                    listings[folder] = None
                else:
                    try:
                        listings[folder] = {e.filename: e for e in sftp.listdir_attr(
                            self._remote(folder) if folder else self.path)}
                    except FileNotFoundError:  # (not there, or a file where a folder was)
                        listings[folder] = None
            return listings[folder]

        for folder, bases in folders.items():
            listed = listing(folder)
            if listed is None:
                continue
            for base in bases:
                name = f"{folder}/{base}" if folder else base
                entry = listed.get(base)
                if entry is not None and stat.S_ISLNK(entry.st_mode or 0):
                    entry = followed(name)
                    if entry is None:  # (a link to nothing: someone's, not the site's file)
                        found[name] = None
                        continue
                if entry is None or stat.S_ISDIR(entry.st_mode or 0):
                    if entry is not None:
                        folders_in_the_way.append(f"{name} (a folder; the site has a file "
                                                  "there)")
                    continue
                stamp = (entry.st_size or 0, entry.st_mtime or 0)
                self.stamps[name] = stamp
                put = self.record.files.get(name)
                recorded = self.record.stamps.get(name)
                if put is not None and (recorded == stamp or (
                        recorded is None and (put != site[name]
                                              or stamp[0] == built.size(name)))):
                    found[name] = put  # (a record without stamps: its size will do)
                elif stamp[0] == built.size(name):  # (unreadable: not known to be the same)
                    found[name] = self._sha256_or_none(name) or None
                else:
                    found[name] = None
        if files_in_the_way or folders_in_the_way:
            raise in_the_way(self.shown, sorted(files_in_the_way) + sorted(folders_in_the_way))
        return found

    def _listed(self, folders: list[str]) -> dict[str, dict[str, Any] | None]:
        """The site's folders on the server, listed over several sessions at once when
        there are many (see `sessions`); each one there is known to be there."""
        sessions = self._sessions() if len(folders) >= MANY else [self._sftp()]
        found = listed_together(folders, [self._lister(sftp) for sftp in sessions],
                                lambda entry: entry.filename,
                                lambda entry: stat.S_ISDIR(entry.st_mode or 0))
        self.folders.update(self._remote(folder) if folder else self.path
                            for folder, listing in found.items() if listing is not None)
        return found

    def _sessions(self) -> list[paramiko.SFTPClient]:
        """The SFTP session and up to `SESSIONS` - 1 more (opened once); a server that
        allows fewer (sshd's MaxSessions) gives those it allows."""
        sftp = self._sftp()
        while self.client is not None and len(self.extra) < SESSIONS - 1:
            try:
                self.extra.append(self.client.open_sftp())
            except (paramiko.SSHException, OSError):
                break
            self.extra[-1].get_channel().settimeout(60)  # type: ignore[union-attr]
        return [sftp, *self.extra]

    def _lister(self, sftp: paramiko.SFTPClient) -> Callable[[str], list[Any]]:
        return lambda folder: sftp.listdir_attr(self._remote(folder) if folder else self.path)

    def _sha256_or_none(self, name: str) -> str | None:
        try:
            return self._sha256(name)
        except FileNotFoundError:
            return None
        except OSError:  # (not readable: removed as publish's own)
            return ""

    def _sha256(self, name: str) -> str:
        digest = hashlib.sha256()
        with self._sftp().open(self._remote(name), "rb") as file:
            while chunk := file.read(1 << 16):
                digest.update(chunk)
        return digest.hexdigest()

    def apply(self, plan: Plan, built: Built, progress: Progress) -> None:
        try:
            self.doing = f"{self.path}/"  # (made when missing)
            self._folder(self.path)
            carry_out(plan, self.record, built.digests(),
                      {name: str(path) for name, path in built.files.items()}, self, progress)
        except (OSError, EOFError, paramiko.SSHException) as exc:
            at = f" at {self.doing}" if self.doing else ""
            reason = getattr(exc, "strerror", None) or str(exc) or "the connection was lost"
            advice = "publish again to finish"
            if isinstance(exc, OSError) and exc.errno is None and reason == "Failure":
                # (SFTP's one word for a full disk, a read-only folder, a folder in the way)
                reason = ("the server refused it (its disk may be full, the folder "
                          "read-only, or a folder of that name in the way; SFTP says only "
                          "\"Failure\")")
                advice = "fix that and publish again to finish"
            elif isinstance(exc, PermissionError):
                reason = (f"the server does not let {self.user} write there (permission "
                          "denied)")
                advice = (f"ask IT to let {self.user} write to {self.path}/, or publish to a "
                          "folder that login can write to, then publish again")
            elif isinstance(exc, FileNotFoundError):
                reason = "the server has no such folder and cannot make one there"
                advice = "check the folder in the address, then publish again"
            raise PublishError(f"publishing to {self.shown} stopped{at}: {reason}; every "
                               f"file there is whole, old or new: {advice}") from None

    def close(self) -> None:
        for sftp in self.extra:
            sftp.close()
        if self.client is not None:
            self.client.close()

    def _remote(self, name: str) -> str:
        return f"{self.path}/{name}"

    def _folder(self, folder: str) -> None:
        """Make `folder` and those above it that are missing."""
        if folder in self.folders or folder in ("", ".", "/"):
            return
        sftp = self._sftp()
        try:
            sftp.stat(folder)
        except FileNotFoundError:
            self._folder(str(PurePosixPath(folder).parent))
            self._made_on(sftp, folder)
        self.folders.add(folder)

    # the Store that plan.carry_out uses

    def put_all(self, items: list[tuple[str, str, str]], done: Callable[[str], None]) -> None:
        """Each file put (see `Store`); many over several sessions at once, their folders
        made first, a level at a time."""
        if len(items) < MANY:
            for name, source, temporary in items:
                self.put(name, source, temporary)
                done(name)
            return
        sessions = self._sessions()
        needed = {str(PurePosixPath(self._remote(name)).parent) for name, _, _ in items}
        for folder in list(needed):
            needed.update(str(above) for above in PurePosixPath(folder).parents
                          if str(above).startswith(self.path + "/"))
        by_depth: dict[int, list[str]] = {}
        for folder in sorted(needed - self.folders - {self.path}):
            by_depth.setdefault(folder.count("/"), []).append(folder)
        try:
            for depth in sorted(by_depth):
                each_on(sessions, by_depth[depth], self._made_on)
            each_on(sessions, items, lambda sftp, item: self._put_on(sftp, *item),
                    lambda item: done(item[0]))
        except Failed as failed:
            item = failed.item
            self.doing = item[0] if isinstance(item, tuple) else \
                f"{str(item).removeprefix(self.path + '/')}/"
            raise failed.__cause__ or failed from None

    def _made_on(self, sftp: paramiko.SFTPClient, folder: str) -> None:
        """`folder` made (its parent is there), unless it is there already; the server's
        own error when it could not be made (not the "no such folder" of looking for it)."""
        try:
            sftp.mkdir(folder)
        except OSError as refused:  # (there already, made meanwhile: SFTP says "Failure")
            try:
                there = stat.S_ISDIR(sftp.stat(folder).st_mode or 0)
            except OSError:
                there = False
            if not there:
                raise refused from None
        else:
            if folder.startswith(self.path + "/"):  # (not the target's own folder)
                self.made.add(folder.removeprefix(self.path + "/"))
        self.folders.add(folder)

    def put(self, name: str, source: str, temporary: str) -> None:
        self.doing = name
        self._folder(str(PurePosixPath(self._remote(name)).parent))
        self._put_on(self._sftp(), name, source, temporary)

    def _put_on(self, sftp: paramiko.SFTPClient, name: str, source: str,
                temporary: str) -> None:
        target, partial = self._remote(name), self._remote(temporary)
        written = sftp.put(source, partial)
        self._rename(partial, target, sftp)
        self.stamps[name] = (written.st_size or 0, written.st_mtime or 0)

    def _rename(self, partial: str, target: str,
                sftp: paramiko.SFTPClient | None = None) -> None:
        sftp = sftp or self._sftp()
        try:
            sftp.posix_rename(partial, target)
        except OSError:  # a server without posix-rename: SFTP's own will not replace
            with contextlib.suppress(FileNotFoundError):
                sftp.remove(target)
            sftp.rename(partial, target)

    def remove_all(self, names: list[str]) -> None:
        """Each file removed (see `Store`); many over several sessions at once, then the
        folders publish made that they left empty, the deepest first."""
        if len(names) < MANY:
            for name in names:
                self.remove(name)
            return
        sessions = self._sessions()
        try:
            each_on(sessions, names, self._removed_on)
            emptied = {folder for name in names for folder in parents(name)
                       if folder in self.made}
            for depth in sorted({folder.count("/") for folder in emptied}, reverse=True):
                each_on(sessions, sorted(f for f in emptied if f.count("/") == depth),
                        self._folder_removed_on)
        except Failed as failed:
            self.doing = str(failed.item)
            raise failed.__cause__ or failed from None

    def _removed_on(self, sftp: paramiko.SFTPClient, name: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            sftp.remove(self._remote(name))

    def _folder_removed_on(self, sftp: paramiko.SFTPClient, folder: str) -> bool:
        """A folder publish made removed, when it is empty (else it stays, said by False)."""
        try:
            sftp.rmdir(self._remote(folder))
        except OSError:  # (not empty: someone's file, or a folder of the site's still)
            return False
        self.folders.discard(self._remote(folder))
        self.made.discard(folder)
        return True

    def remove(self, name: str) -> None:
        self.doing = name
        sftp = self._sftp()
        self._removed_on(sftp, name)
        for folder in parents(name):
            if folder not in self.made:  # (someone else's: there before publish made it)
                break
            if not self._folder_removed_on(sftp, folder):
                break

    def discard(self, name: str) -> None:
        with contextlib.suppress(OSError):
            self._sftp().remove(self._remote(name))

    def write_record(self, record: Record) -> None:
        self.doing = RECORD
        record.stamps = {name: stamp for name, stamp in self.stamps.items()
                         if record.files.get(name)}
        sftp = self._sftp()
        partial = self._remote(f".{RECORD}.{os.urandom(4).hex()}.part")
        with sftp.open(partial, "wb") as file:
            file.write(record.dump())
        self._rename(partial, self._remote(RECORD))
