"""Files content refers to (pictures, downloads), found next to the file that names them
or from content/, each lookup kept so that a cached reading can be checked again."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cswgen.core import paths, tree


@dataclass(frozen=True)
class Image:
    """A picture content refers to: its path under content/ and its text alternative."""

    path: str  # `/`-separated, relative to content/
    alt: str


Lookup = tuple[str, str, str | None]  # reference, folder, what it found


class Finder:
    """`find_file` in one content folder, keeping each lookup, so that a result cached
    from reading a file can be checked: the same lookups must still find the same files."""

    def __init__(self, content: Path) -> None:
        self.content = content
        self.lookups: list[Lookup] = []

    def __call__(self, reference: str, folder: Path) -> str | None:
        found = find_file(reference, folder, self.content)
        self.lookups.append((reference, str(folder), found))
        return found

    def in_icloud_only(self, reference: str, folder: Path) -> bool:
        """`reference` names a file under content/ that iCloud Drive holds only a
        placeholder of (see `tree.in_icloud_only`): the content's walk says so, and what
        to do, for that file.  Kept as a lookup too: a placeholder that comes or goes (the
        file deleted in iCloud) changes what a reading of the file that names it said."""
        found = in_icloud_only(reference, folder, self.content)
        self.lookups.append((reference, str(folder), IN_ICLOUD if found else NOT_IN_ICLOUD))
        return found

    def finds_again(self, lookups: list[Lookup]) -> bool:
        return all(_answer(reference, Path(folder), self.content, found) == found
                   for reference, folder, found in lookups)


# what a lookup of `Finder.in_icloud_only` found: never a path (no path holds a NUL)
IN_ICLOUD, NOT_IN_ICLOUD = "\x00in iCloud only", "\x00not in iCloud only"


def _answer(reference: str, folder: Path, content: Path, found: str | None) -> str | None:
    """What the lookup that found `found` finds now."""
    if found in (IN_ICLOUD, NOT_IN_ICLOUD):
        return IN_ICLOUD if in_icloud_only(reference, folder, content) else NOT_IN_ICLOUD
    return find_file(reference, folder, content)


def find_file(reference: str, folder: Path, content: Path) -> str | None:
    """The content-relative path of `reference` (next to `folder`, then from content/)."""
    cleaned, candidates = _candidates(reference, folder, content)
    if not candidates:
        return None
    root = content.resolve()
    for candidate in candidates:
        try:
            resolved = candidate.resolve()
            relative = resolved.relative_to(root)
        except (ValueError, OSError):
            continue
        if resolved.is_file():
            return relative.as_posix()
    if not cleaned.isascii() or " " in cleaned:  # (its accents or spaces may be stored
        # another way: see `stored_as`)
        bases = [] if cleaned.startswith("/") else [folder]
        for base in [*bases, content]:
            stored = paths.stored_as(base, cleaned.lstrip("/"))
            if stored is not None:
                return find_file(stored, base, content)
    return None


def in_icloud_only(reference: str, folder: Path, content: Path) -> bool:
    """Whether `reference` (looked up as `find_file` does) is a file under content/ kept in
    iCloud Drive only: its placeholder is beside where it would be, under either way of
    storing its accents."""
    root = content.resolve()
    for candidate in _candidates(reference, folder, content)[1]:
        try:
            parent = candidate.parent.resolve()
            parent.relative_to(root)
            names = os.listdir(parent)
        except (ValueError, OSError):
            continue
        wanted = unicodedata.normalize("NFC", candidate.name)
        if any(unicodedata.normalize("NFC", original) == wanted for name in names
               if (original := tree.in_icloud_only(name)) is not None):
            return True
    return False


def _candidates(reference: str, folder: Path, content: Path) -> tuple[str, list[Path]]:
    """`reference` cleaned (`\\` read as `/`), and where it may be: next to `folder`, then
    from content/ (none for an address, or a name no file can have)."""
    cleaned = reference.strip().replace("\\", "/")
    if not cleaned or "\x00" in cleaned or re.match(r"^[a-zA-Z]+:", cleaned):
        return cleaned, []
    return cleaned, [*([] if cleaned.startswith("/") else [folder / cleaned]),
                     content / cleaned.lstrip("/")]


def spelled_right(near: tuple[str, str] | None, written: Callable[[str], str]) -> str:
    """How to write a picture's path that nearly names a file (see `paths.nearly`);
    `written`: a value as it is written (`Fields._as_written`)."""
    if near is None:
        return "check the spelling and the folder"
    how, found = near
    if how == "content":
        return f"write it from inside content/, without content/ in front: {written(found)}"
    if how == "capitals":
        return (f"the file is content/{found}, and capitals count on the server that builds "
                f"the site: {written(found)}")
    return f"the file is content/{found}: {written(found)}"
