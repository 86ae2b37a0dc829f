"""From what the person wrote (`/mnt/web/csw`, `csw-2026.zip`, `git@github.com:acme/csw.git`,
`sftp://me@host/var/www/csw`) to the target that publishes there.

    sftp://...                         SFTP
    *.zip                              a zip file
    *.tar.gz, *.tgz, *.7z ...          refused: cswgen writes zip files only
    git URLs (ssh://, git://, http(s)://, file://, user@host:path), a path
    ending in .git, a local git repository, or any address with #branch
    or a `branch` setting              a git branch
    anything else                      a folder
"""

from __future__ import annotations

import difflib
import getpass
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from cswgen.publish.archive import ZipTarget
from cswgen.publish.folder import FolderTarget
from cswgen.publish.gitbranch import GitTarget, branch_problem
from cswgen.publish.target import PublishError, Target

_GIT_URL = re.compile(r"^(?:ssh|git|https?|file|git\+ssh|ssh\+git)://", re.IGNORECASE)
_SCP_LIKE = re.compile(r"^[\w.+-]+@[\w.-]+:(?!//)")  # git@github.com:acme/csw.git
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]+):(/*)", re.IGNORECASE)  # sftp://, htps://, sftp:
_KNOWN = ("sftp", "ssh", "git", "https", "http", "file", "git+ssh", "ssh+git", "ftp", "ftps")
_WINDOWS = re.compile(r"^(?:[a-z]:[\\/]|\\\\)", re.IGNORECASE)  # D:\web, \\server\share
# archives other than zip files, which a folder is never meant to be named like
_ARCHIVE = re.compile(r"\.(?:tar(?:\.(?:gz|bz2|xz|zst))?|tgz|tbz2?|txz|gz|7z|rar)$",
                      re.IGNORECASE)


def is_repository(folder: Path) -> bool:
    """A git repository: a working tree's top (with .git) or a bare repository."""
    return (folder / ".git").exists() or (
        (folder / "HEAD").is_file() and (folder / "objects").is_dir()
        and (folder / "refs").is_dir())


def target_for(address: str, base: Path, *, branch: str = "", known_hosts: str = "",
               identity: str = "", force: bool = False) -> Target:
    """The target `address` names; a relative path is taken from `base`."""
    address = address.strip()
    if not address:
        raise PublishError("the address to publish to is empty; give a folder, a .zip file, "
                           "a git repository or an sftp:// address")
    written_wrong(address)
    lowered = address.lower()
    if lowered.startswith("sftp://"):
        if branch:
            raise PublishError(f"{address} is an SFTP address; a branch is for git targets")
        from cswgen.publish.sftp import SftpTarget  # paramiko loads only when used

        return SftpTarget(address, known_hosts=known_hosts, identity=identity)
    if lowered.startswith(("ftp://", "ftps://")):
        raise PublishError(f"{without_secret(address)}: FTP is not supported (it sends your "
                           "password unprotected); ask IT for SFTP and use "
                           "sftp://user@host/path")
    location, hashed, named = address.partition("#")
    if hashed and not named:
        raise PublishError(f"{without_secret(location)}# ends in # without a branch; write it "
                           f"like {without_secret(location)}#gh-pages")
    if named and branch and named != branch:
        raise PublishError(f"{without_secret(address)} names the branch {named}, and the "
                           f"setting branch names {branch}; keep one of them")
    branch = named or branch
    if branch and (problem := branch_problem(branch)):
        raise PublishError(f"\"{branch}\" cannot be the name of a git branch ({problem}); "
                           "write it with letters, digits, - and /, like gh-pages",
                           key="to" if named else "branch")
    if lowered.startswith("file://"):
        local = url2pathname(urlsplit(location).path)
        if not is_repository(Path(local)):
            raise PublishError(f"{address}: a file:// address is for a git repository, and "
                               f"there is none at {local}; to publish into a folder, write "
                               f"its path: {local}")
    if _GIT_URL.match(location) or _SCP_LIKE.match(location):
        return GitTarget(location, branch, without_secret(location), force=force)
    path = Path(location).expanduser()
    path = path if path.is_absolute() else base / path
    named = location.rstrip("/\\")
    if (archive := _ARCHIVE.search(named)) and not branch:
        raise PublishError(f"{location}: cswgen does not write {archive[0]} files; publish "
                           f"a .zip file, which every computer opens (like "
                           f"{named[:archive.start()]}.zip), or give a folder, a git "
                           "repository or an sftp:// address")
    if lowered.endswith(".zip") and not branch:
        return ZipTarget(path, location, force=force)
    if branch or location.rstrip("/\\").endswith(".git") or is_repository(path):
        if not path.exists():
            raise PublishError(f"there is no git repository at {location}; check the path, "
                               f"or make one with `git init --bare {location}`")
        return GitTarget(str(path.resolve()), branch, location, force=force)
    return FolderTarget(path, location)


def written_wrong(address: str) -> None:
    """Refuse, with what to write instead, an address that would otherwise be taken for a
    folder named as it is written: a Windows path on a computer without drive letters, an
    address whose kind is misspelt or lacks its two slashes (`htps://`, `sftp:me@host`)."""
    if os.name != "nt" and _WINDOWS.match(address):
        kind = "network path, and this computer does not use those" \
            if address.startswith("\\\\") else "path, and this computer does not use drive letters"
        raise PublishError(f"{address} is a Windows {kind}; give the folder as this computer "
                           "names it (a shared drive is mounted at a path like /mnt/web/csw)")
    found = _SCHEME.match(address)
    if found is None:
        return
    address = without_secret(address)  # (as messages show it)
    scheme, slashes = found.group(1).lower(), found.group(2)
    if scheme in _KNOWN:
        if not slashes.startswith("//"):
            raise PublishError(f"{address} needs two slashes after {found.group(1)}:, like "
                               f"{found.group(1)}://{address[found.end():]}")
        return
    if not slashes:
        return  # (host:path, git's way too; or a folder whose name has a colon)
    near = difflib.get_close_matches(scheme, _KNOWN, n=1, cutoff=0.5)
    advice = f"did you mean {near[0]}://?" if near else \
        "write a folder, a .zip file, a git URL or sftp://user@host/path"
    raise PublishError(f"{address}: cswgen does not know addresses that start {scheme}://; "
                       f"{advice}")


_USER_SECRET = re.compile(r"^([A-Za-z][\w+.-]*:/*[^:@/\s]+):[^@/\s]+@")  # scheme:user:pw@


def without_secret(url: str) -> str:
    """A URL as messages show it: a token or password in it (as CI jobs write them) as ***."""
    parts = urlsplit(url)
    if parts.password is None:  # (or an address without its slashes: `sftp:me:pw@host`)
        return _USER_SECRET.sub(r"\1:***@", url)
    return parts._replace(netloc=f"{parts.username}:***@{parts.netloc.rpartition('@')[2]}") \
        .geturl()


def parse_sftp(address: str) -> tuple[str, str, int, str]:
    """`sftp://user@host:port/path` -> user, host, port, path (`/~/x` or `~/x`: in the home
    folder).  Raises PublishError for one that cannot be read, or that names no folder."""
    parts = urlsplit(address)
    address = without_secret(address)  # (as messages show it)
    try:
        port = parts.port or 22
    except ValueError:
        raise PublishError(f"{address}: the port is not a number; write it like "
                           "sftp://me@host:2222/var/www/csw") from None
    if not parts.hostname:
        raise PublishError(f"{address} names no server; write it like "
                           "sftp://me@host/var/www/csw")
    if parts.password is not None:
        raise PublishError(f"{address} holds a password; cswgen never uses one: remove it "
                           "and log in with your SSH agent or key file")
    path = unquote(parts.path)
    if path in ("", "/"):  # the site would land among the files of a home folder, or at /
        top = address.rstrip("/")
        raise PublishError(f"{address} names no folder to publish into; write it like "
                           f"{top}/var/www/csw (or {top}/~/csw for a folder in your home "
                           "folder)")
    if path.startswith("/~"):
        path = path[1:]
    if path.startswith("~"):
        path = "." + path[1:]
    return unquote(parts.username or "") or getpass.getuser(), parts.hostname, port, path
