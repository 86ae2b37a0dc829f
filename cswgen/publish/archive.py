"""Publishing to a zip file: the `--portable` build (every link names index.html, so the
site works opened from the zip or from disk), ready to email or to drop on a host.

The files are at the top of the zip, as in the output folder, each dated WHEN: a zip
with any other date is someone else's, and is replaced only with --force.  It is written
under a temporary name beside the target, then renamed over it: a publish cut short
leaves the old zip as it was.  The same site makes the same bytes (fixed dates, sorted names), so a
zip that did not change is not rewritten.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import zipfile
from pathlib import Path

from cswgen.publish.plan import Plan, make_plan, partial_name
from cswgen.publish.target import Built, Progress, PublishError, clear_of_site

STORED = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".woff", ".woff2", ".zip", ".pdf", ".gz"}
WHEN = (2000, 1, 1, 0, 0, 0)  # every entry's date: the same site, the same zip


class ZipTarget:
    portable = True
    whole = True

    def __init__(self, path: Path, shown: str, *, force: bool = False) -> None:
        self.path = path
        self.shown = shown
        self.force = force  # --force: replace a zip file that publish did not make
        self.there: dict[str, str | None] = {}

    def check(self, site: Path, output: Path) -> None:
        if not self.path.parent.is_dir():
            raise PublishError(f"cannot write {self.shown}: there is no folder "
                               f"{self.path.parent}; check the path")
        if self.path.is_dir():
            raise PublishError(f"{self.shown} is a folder, not a zip file; to publish into "
                               "that folder, give its name without .zip")
        clear_of_site(self.path, site, output, "the zip file")
        if not os.access(self.path.parent, os.W_OK):
            raise PublishError(f"cannot write {self.shown}: you are not allowed to write in "
                               f"{self.path.parent}")
        if self.path.exists():
            if not zipfile.is_zipfile(self.path):
                raise PublishError(f"{self.shown} exists and is not a zip file; cswgen will not "
                                   "overwrite it: move it away or choose another name")
            with zipfile.ZipFile(self.path) as old:
                entries = old.infolist()
                if not self.force and any(info.date_time != WHEN for info in entries):
                    shown = ", ".join(info.filename for info in entries[:3]) \
                        + (f" and {len(entries) - 3} more" if len(entries) > 3 else "")
                    raise PublishError(
                        f"{self.shown} is a zip file that cswgen publish did not make (it "
                        f"holds {shown}); cswgen will not replace it: move it away or "
                        "choose another name, or, if it is an old copy of this site, publish "
                        "again with --force to replace it")
                self.there = {info.filename: hashlib.sha256(old.read(info)).hexdigest()
                              for info in entries if not info.is_dir()}

    def plan(self, built: Built) -> Plan:
        return make_plan(built.digests(), self.there, self.there)

    def apply(self, plan: Plan, built: Built, progress: Progress) -> None:
        if plan.empty and self.path.exists():
            return
        partial = self.path.with_name(partial_name(self.path.name, os.urandom(4).hex()))
        try:
            with zipfile.ZipFile(partial, "w") as archive:
                for done, (name, source) in enumerate(sorted(built.files.items()), start=1):
                    info = zipfile.ZipInfo(name, WHEN)
                    info.external_attr = 0o644 << 16
                    info.compress_type = zipfile.ZIP_STORED \
                        if Path(name).suffix.lower() in STORED else zipfile.ZIP_DEFLATED
                    with open(source, "rb") as file, archive.open(info, "w") as entry:
                        while chunk := file.read(1 << 20):
                            entry.write(chunk)
                    progress(done, len(built.files), name)
            os.replace(partial, self.path)
        except OSError as exc:
            raise PublishError(f"cannot write {self.shown}: {exc.strerror or exc}; the old zip "
                               "file, if any, is as it was") from None
        finally:
            with contextlib.suppress(OSError):
                partial.unlink()

    def close(self) -> None:
        pass

    def size(self) -> int:
        return self.path.stat().st_size if self.path.exists() else 0
