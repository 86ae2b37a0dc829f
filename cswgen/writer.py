"""Write a build into a staging folder, then swap it in for the output folder.

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


class Staging:
    """A new output folder built beside the old one and swapped in when complete."""

    def __init__(self, output: Path) -> None:
        self.output = output.resolve()
        parent = self.output.parent
        parent.mkdir(parents=True, exist_ok=True)
        for stale in parent.glob(f"{STAGING_PREFIX}{self.output.name}-*"):
            if stale.is_dir():
                shutil.rmtree(stale, ignore_errors=True)  # left by a build that was killed
        self.folder = parent / f"{STAGING_PREFIX}{self.output.name}-{os.getpid()}"
        self.folder.mkdir()
        self.written: list[str] = []
        self._seen: set[str] = set()

    def target(self, path: str) -> Path:
        """The staging path for an output path; never outside the staging folder."""
        pure = PurePosixPath(path)
        if pure.is_absolute() or ".." in pure.parts or "\x00" in path or not pure.parts:
            raise SiteError([Problem(path, 0, "refusing to write outside the output folder")])
        key = pure.as_posix().casefold()
        if key in self._seen:
            raise SiteError([Problem(path, 0, "two things would be written to this output "
                                     "path; give one of them a different slug")])
        self._seen.add(key)
        self.written.append(pure.as_posix())
        destination = self.folder.joinpath(*pure.parts)
        destination.parent.mkdir(parents=True, exist_ok=True)
        return destination

    def write(self, path: str, data: bytes) -> None:
        self.target(path).write_bytes(data)

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
