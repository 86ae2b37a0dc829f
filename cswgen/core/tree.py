"""Which files under a folder belong to the site: the one walk every reader of the tree
uses (reading content, `cswgen serve` watching for changes, the build's fingerprint, the
check for links out of the site), and the one set of names it leaves out.

Left out: hidden names (`.git`, `.env`) except the few a static host reads, folders
starting with `_` (`_drafts`), and what editors and file managers leave behind (`notes.md~`,
`.notes.md.swp`, Office's `~$book.xlsx` lock files, Explorer's `Thumbs.db` and
`desktop.ini`, the `photo.jpg:Zone.Identifier` Windows keeps for a downloaded file, which
appears beside it once it is copied into WSL or onto a Linux or Mac drive, and Finder's
`Icon\r`, the hidden file that gives a folder a custom icon),
and downloads not finished yet, saved straight into content/ (Chrome's and Edge's
`list.csv.crdownload`, Firefox's `list.csv.part`, Safari's `list.csv.download` folder):
half a file, and a list's columns nobody should see published as it is.
A symbolic link is listed as it is, never followed into: whether its target is inside the
site is for the caller to check (`paths.outside_links`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

# (by lower case: Explorer writes `Desktop.ini` as well as `desktop.ini`)
IGNORED_NAMES = {".ds_store", "thumbs.db", "ehthumbs.db", "desktop.ini", ".gitkeep", "icon\r"}
# Windows' record of where a downloaded file came from (the page, the mailbox): an NTFS
# stream, copied as a file of its own into WSL or onto another drive
ZONE_IDENTIFIER = ":zone.identifier"
# what browsers call a download until it has finished (Safari's is a folder)
DOWNLOADING = (".crdownload", ".part", ".partial", ".download", ".opdownload")
# Hidden names a static host reads, published like any other file; every other name that
# starts with `.` or `_` (.git, .env, _drafts) stays private.
PUBLISHED_HIDDEN = {".htaccess", ".nojekyll", ".well-known"}

# What macOS shows as one file but keeps as a folder: a Numbers, Pages or Keynote document
# saved as a package, TextEdit's rich text with pictures (`.rtfd`), a Photos library.  A
# walk given `whole=is_package` lists one as a file, its parts never one by one.
PACKAGES = (".numbers", ".pages", ".key", ".rtfd", ".photoslibrary", ".app")

Skip = Callable[..., bool]  # skip(name, folder=...) -> whether the walk leaves it out


def left_by_a_file_manager(name: str) -> bool:
    """A hidden file Finder or Explorer writes in any folder it shows (`.DS_Store`, the
    `._NAME` beside each file on a shared drive, `Icon\r`, `desktop.ini`): never one of
    the site's, and never seen by its owner."""
    return name.lower() in IGNORED_NAMES or name.startswith("._") \
        or name.lower().endswith(ZONE_IDENTIFIER)


def is_package(name: str) -> bool:
    """Whether a folder named `name` is a document macOS shows as one file (`PACKAGES`)."""
    return name.lower().endswith(PACKAGES)


def in_icloud_only(name: str) -> str | None:
    """The name of the file that an iCloud Drive placeholder stands for, or None for any
    other name: a Mac that optimises its storage keeps a file it has not used for a while
    in iCloud only, and leaves `.reseña.md.icloud`, hidden, in place of `reseña.md`."""
    if name.startswith(".") and name.endswith(".icloud") and len(name) > len("..icloud"):
        return name[1:-len(".icloud")]
    return None


def skipped_but_placeholders(name: str, *, folder: bool = False) -> bool:
    """`skipped`, but for iCloud Drive's placeholders (see `in_icloud_only`), which the
    content's walk lists so that a file kept in iCloud only is not left out unsaid."""
    return skipped(name, folder=folder) and (folder or in_icloud_only(name) is None)


def empty_but_for_a_file_manager(folder: Path) -> bool:
    """Whether `folder` holds nothing but what Finder or Explorer wrote there as someone
    looked at it (`.DS_Store`, `._index.html`); those are removed, so that the folder can
    go with the site's files, not be left behind looking empty."""
    inside = list(folder.iterdir())
    if not all(p.is_file() and left_by_a_file_manager(p.name) for p in inside):
        return False
    for leftover in inside:
        leftover.unlink(missing_ok=True)
    return True


def skipped(name: str, *, folder: bool = False) -> bool:
    """A name the walk leaves out: hidden files and folders, `_` folders, editor leftovers."""
    if name in PUBLISHED_HIDDEN:
        return False
    if folder:
        return name.startswith((".", "_")) or name.lower().endswith(DOWNLOADING)
    return name.startswith((".", "~$")) or name.endswith(("~", ".swp", ".tmp")) \
        or name.lower() in IGNORED_NAMES or name.lower().endswith(DOWNLOADING) \
        or name.lower().endswith(ZONE_IDENTIFIER)


def walk(folder: str | Path, skip: Skip | None = skipped, *, ordered: bool = True,
         strict: bool = False, entering: Callable[[str], object] | None = None,
         whole: Callable[[str], bool] | None = None,
         ) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Everything under `folder` but its folders, as (`/`-separated relative path, entry):
    files, and symbolic links to anything (not followed).  `ordered`: as `os.walk` lists
    them, a folder's files by name and then each sub-folder's, by name (else in the
    order the disk gives, which is quicker).  `skip` None: nothing is left out.  A folder
    that cannot be read is passed over, or with `strict` its OSError is raised.
    `entering(path)` is called for each folder just before it is listed; a folder whose
    name `whole` accepts is listed as it is, as a file would be, and not entered.

    os.scandir, as the tree can hold tens of thousands of files: its entries know whether
    they are folders without another system call."""
    pending: list[tuple[str, str]] = [("", str(folder))]
    while pending:
        prefix, current = pending.pop()
        try:
            if entering is not None:
                entering(current)
            with os.scandir(current) as scan:
                entries = sorted(scan, key=lambda e: e.name) if ordered else list(scan)
        except OSError:
            if strict:
                raise
            continue
        folders: list[tuple[str, str]] = []
        for entry in entries:
            if skip is not None and skip(entry.name, folder=entry.is_dir()):
                continue
            if entry.is_dir(follow_symlinks=False) and (whole is None or not whole(entry.name)):
                folders.append((prefix + entry.name + "/", entry.path))
            else:
                yield prefix + entry.name, entry
        pending.extend(reversed(folders))
