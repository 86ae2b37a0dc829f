"""What every publish target offers, and what they share: the built files, the error a
target reports, and the check that a target on this computer stays clear of the site.

A target is used in three steps: `check` before the build (so a mistyped address fails in
seconds), `plan` once the site is built (what would be added, changed and removed, which
`--dry-run` shows), then `apply`, which carries the plan out.  `close` ends any connection.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from cswgen.core import tree
from cswgen.publish.plan import Plan
from cswgen.write.output import survey

# called as files are published: (files done, files in all, the one just done)
Progress = Callable[[int, int, str], None]


class PublishError(Exception):
    """A target that cannot be published to, said as a plain sentence that says what to do
    (a target from config.toml gets its `path:line` from the command: the line of `key`)."""

    def __init__(self, message: str, key: str = "to") -> None:
        super().__init__(message)
        self.key = key


@dataclass
class Built:
    """The built site, as publish sees it: each file by its `/`-separated path."""

    folder: Path
    pages: int
    title: str  # what was published, for a commit message: the site's title and date
    files: dict[str, Path] = field(default_factory=dict)
    _digests: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, folder: Path, pages: int, title: str) -> Built:
        """Every file in `folder` but cswgen's own bookkeeping (`.cswgen-manifest`), and
        what Finder or Explorer wrote there as someone looked at it (`.DS_Store`)."""
        names = sorted(name for name in survey(folder)
                       if not (name.startswith(".cswgen-") and "/" not in name)
                       and not tree.left_by_a_file_manager(name.rpartition("/")[2]))
        return cls(folder, pages, title, {name: folder / name for name in names})

    def digest(self, name: str) -> str:
        """The sha256 of a file, as the record at a target keeps it."""
        if name not in self._digests:
            self._digests[name] = file_sha256(self.files[name])
        return self._digests[name]

    def size(self, name: str) -> int:
        return self.files[name].stat().st_size

    def digests(self) -> dict[str, str]:
        return {name: self.digest(name) for name in self.files}


def file_sha256(path: Path) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()


class Target(Protocol):
    shown: str  # how messages name it: "/mnt/web/csw", "gh-pages of git@github.com:a/b.git"
    portable: bool  # the site is built with --portable for it (a zip)
    whole: bool  # changed in one step (a zip replaced, a push), not file by file

    def check(self, site: Path, output: Path) -> None:
        """Is the target there and can it be written to?  Raises PublishError."""

    def plan(self, built: Built) -> Plan:
        """What publishing `built` would add, change and remove there."""

    def apply(self, plan: Plan, built: Built, progress: Progress) -> None:
        """Carry the plan out; interrupted, every file there is whole, old or new."""

    def close(self) -> None:
        """End any connection and remove any temporary files."""


def in_the_way(shown: str, found: list[str]) -> PublishError:
    """The refusal of a target with files where the site has folders, or the other way
    round (`found`: each said like `days (a file; the site has a folder there)`)."""
    listed = ", ".join(found[:3]) + (f" and {len(found) - 3} more" if len(found) > 3 else "")
    return PublishError(f"{shown} has files or folders in the way of the site's own: "
                        f"{listed}. Nothing was published. Move them out of the way (or ask "
                        "whoever put them there), then publish again")


def clear_of_site(place: Path, site: Path, output: Path, what: str) -> None:
    """Refuse a folder or file on this computer that is, holds or sits inside the site's
    sources or its output folder: publishing there would publish the site into itself."""
    where, root = place.resolve(), site.resolve()
    if root.is_relative_to(where):
        raise PublishError(f"{what} {place} is or holds the site's own folder; publish to a "
                           "folder of its own, outside the site")
    for inner, name in ((output.resolve(), "the output folder"),
                        (root / "content", "content/"), (root / "themes", "themes/")):
        if where.is_relative_to(inner) or (what == "the folder" and inner.is_relative_to(where)):
            raise PublishError(f"{what} {place} is inside or holds {name} of the site, which "
                               "a build replaces or publishes; choose a place outside the site")
