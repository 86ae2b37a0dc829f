"""Write a build into a staging folder, then swap it in for the output folder (or, for
`cswgen serve`, into a preview folder updated in place).

A failed build leaves the previous output exactly as it was.  cswgen only ever replaces
a folder it wrote itself: the output folder carries a manifest of the files cswgen put
there, and a folder holding anything else, or holding the site's own sources, is refused.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path, PurePosixPath

from cswgen.errors import Problem, SiteError

MANIFEST = ".cswgen-manifest"
STAGING_PREFIX = ".cswgen-staging-"


def check_output(output: Path, root: Path, where: str, line: int) -> None:
    """Refuse an output folder that is, holds or sits inside the sources, or holds files
    cswgen did not write."""
    out = output.resolve()
    site = root.resolve()

    def refuse(message: str) -> SiteError:
        return SiteError([Problem(where, line, message)])

    shown = out.relative_to(site).as_posix() + "/" if out.is_relative_to(site) and out != site \
        else str(output)

    if site.is_relative_to(out):
        raise refuse(f"the output folder {shown} is or contains the site's own folder; "
                     "cswgen replaces the output folder on every build, so choose a folder "
                     "of its own, such as \"output\"")
    for source in ("content", "themes"):
        if out.is_relative_to(site / source):
            raise refuse(f"the output folder {shown} is inside {source}/, so the site would "
                         "publish itself; choose a folder outside it, such as \"output\"")
    if out.exists() and not out.is_dir():
        raise refuse(f"{shown} exists and is not a folder; choose another output folder")
    if out.is_dir():
        present = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                         if p.is_file() or p.is_symlink())
        if not present:
            return
        manifest = out / MANIFEST
        written = set(manifest.read_text("utf-8").splitlines()) if manifest.is_file() else set()
        foreign = [p for p in present if p != MANIFEST and p not in written]
        if foreign:
            listed = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more"
                                               if len(foreign) > 3 else "")
            raise refuse(f"the output folder {shown} holds files cswgen did not write "
                         f"({listed}); cswgen replaces that folder on every build, so it "
                         "will not touch it. Move those files into content/ (they are "
                         "published from there) or choose an empty output folder")


class Writer:
    """What every build writes through: output paths are `/`-separated, stay inside the
    folder, and are written once each."""

    folder: Path

    def __init__(self) -> None:
        self.written: list[str] = []  # every output path of this build
        self.changed: list[str] = []  # the ones whose bytes differ from the previous build
        self._seen: set[str] = set()
        self._folders: set[str] = set()  # made already

    @property
    def _root(self) -> str:
        return str(self.folder)

    def target(self, path: str) -> str:
        """The path on disk for an output path; never outside the folder."""
        parts = [part for part in path.split("/") if part not in ("", ".")]
        if path.startswith("/") or ".." in parts or "\x00" in path or not parts:
            raise SiteError([Problem(path, 0, "refusing to write outside the output folder")])
        name = "/".join(parts)
        key = name.casefold()
        if key in self._seen:
            raise SiteError([Problem(path, 0, "two things would be written to this output "
                                     "path; give one of them a different slug")])
        self._seen.add(key)
        self.written.append(name)
        destination = os.path.join(self._root, name)  # str, not Path: a build makes thousands
        parent = os.path.dirname(destination)
        if parent not in self._folders:
            os.makedirs(parent, exist_ok=True)
            self._folders.add(parent)
        return destination

    def write(self, path: str, data: bytes) -> None:
        raise NotImplementedError

    def copy(self, path: str, source: Path) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def abort(self) -> None:
        raise NotImplementedError


class Staging(Writer):
    """A new output folder built beside the old one and swapped in when complete."""

    def __init__(self, output: Path) -> None:
        super().__init__()
        self.output = output.resolve()
        parent = self.output.parent
        parent.mkdir(parents=True, exist_ok=True)
        for stale in parent.glob(f"{STAGING_PREFIX}{self.output.name}-*"):
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)  # left by a build that was killed
        self.folder = parent / f"{STAGING_PREFIX}{self.output.name}-{os.getpid()}"
        self.folder.mkdir()
        self.changed = self.written  # a new folder: everything in it is new

    def write(self, path: str, data: bytes) -> None:
        with open(self.target(path), "wb") as file:
            file.write(data)

    def copy(self, path: str, source: Path) -> None:
        shutil.copyfile(source, self.target(path))

    def commit(self) -> None:
        """Swap the finished build in for the output folder."""
        (self.folder / MANIFEST).write_text("\n".join(sorted(self.written)) + "\n", "utf-8")
        old = self.output.parent / f"{STAGING_PREFIX}{self.output.name}-{os.getpid()}-old"
        if self.output.exists():
            os.replace(self.output, old)
        os.replace(self.folder, self.output)
        if old.exists():
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class Preview(Writer):
    """A folder of cswgen serve's own, kept up to date in place: a build writes only the
    files whose bytes changed and removes those it no longer makes.  One `Preview` lives as
    long as the server; `begin()` starts each build."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        self.folder = folder.resolve()
        self.folder.mkdir(parents=True, exist_ok=True)
        # output path -> what is on disk there: the bytes of a page (comparing them is faster
        # than hashing), or the size and time of the file a copy was made from
        self.on_disk: dict[str, bytes | tuple[int, int]] = {}

    def begin(self) -> None:
        self.written, self.changed, self._seen, self._folders = [], [], set(), set()

    def write(self, path: str, data: bytes) -> None:
        self._update(path, data, data)

    def copy(self, path: str, source: Path) -> None:
        stat = source.stat()
        self._update(path, (stat.st_size, stat.st_mtime_ns), source)

    def _update(self, path: str, state: bytes | tuple[int, int], data: bytes | Path) -> None:
        destination = self.target(path)
        name = self.written[-1]
        if self.on_disk.get(name) == state and os.path.isfile(destination):
            return
        if isinstance(data, Path):
            shutil.copyfile(data, destination)
        else:
            with open(destination, "wb") as file:
                file.write(data)
        self.on_disk[name] = state
        self.changed.append(name)

    def commit(self) -> None:
        """Remove what the previous build wrote and this one did not."""
        for name in sorted(set(self.on_disk) - set(self.written)):
            del self.on_disk[name]
            self.changed.append(name)
            stale = self.folder.joinpath(*PurePosixPath(name).parts)
            stale.unlink(missing_ok=True)
            for parent in stale.parents:
                if parent == self.folder or any(parent.iterdir()):
                    break
                parent.rmdir()

    def abort(self) -> None:
        """Files written so far stay: the server shows the build's errors over them."""
