"""One build at a time writes an output folder.

Two builds of one site started together (a `cswgen build` while `cswgen serve` rebuilds, a
sync client touching files during a CI job) would otherwise delete each other's staging
folders.  The lock is an operating-system lock on `.cswgen-lock` beside the output folder
(`fcntl.flock`, or `msvcrt.locking` on Windows): the system releases it when the process
ends, however it ends, so a build that was killed never blocks the next one.  The file
itself stays (removing a lock file races with the next build taking it); it is empty but
for the process id of the build holding it, shown to a build that waits: once on standard
error when it starts waiting (a silent wait of half a minute looks like a hang), and in its
error if the wait runs out.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path
from typing import IO

from cswgen.core.errors import Problem, SiteError

LOCK_NAME = ".cswgen-lock"
WAIT_SECONDS = 30.0  # how long a second build waits for the first before it stops


def _try_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


class BuildLock:
    """Held from the start of writing until the new output is in place (or abandoned)."""

    def __init__(self, output: Path, *, wait: float | None = None) -> None:
        wait = WAIT_SECONDS if wait is None else wait
        self.path = output.parent / LOCK_NAME
        self.handle: IO[bytes] | None = open(self.path, "a+b")  # noqa: SIM115 (held open)
        deadline = time.monotonic() + wait
        told = False
        while not _try_lock(self.handle):
            if time.monotonic() >= deadline:
                holder = self._holder()
                self.handle.close()
                self.handle = None
                raise SiteError([Problem(
                    output.name, 0, f"another cswgen build{holder} has been writing this "
                    f"output folder for more than {wait:.0f} seconds; wait for it to finish "
                    f"(or stop it) and build again. The lock is {self.path.name} in "
                    f"{output.parent}; the system releases it when that build ends")])
            if not told:
                told = True
                print(f"Waiting for another cswgen build{self._holder()} to finish writing "
                      f"{output.name}/ (up to {wait:.0f} seconds)...", file=sys.stderr,
                      flush=True)
            time.sleep(0.05)
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(str(os.getpid()).encode("ascii"))
        self.handle.flush()

    def _holder(self) -> str:
        try:
            text = self.path.read_text("ascii").strip()
        except (OSError, UnicodeDecodeError):
            return ""
        return f" (process {text})" if text.isdigit() else ""

    def release(self) -> None:
        """Let the next build in; closing the file releases the system's lock."""
        if self.handle is not None:
            self.handle.close()
            self.handle = None


class Mark:
    """A file this process holds locked while it lives, so that another can tell a folder
    still in use from one a killed build left (`held_by_another`)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: IO[bytes] | None = open(path, "a+b")  # noqa: SIM115 (held open)
        _try_lock(self.handle)  # (made for this build: nobody else holds it)

    def release(self) -> None:
        """Let go of it, and remove it (one left behind is removed by whoever finds it)."""
        if self.handle is not None:
            self.handle.close()
            self.handle = None
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)


def held_by_another(path: Path) -> bool:
    """Whether a live process holds the `Mark` at `path` (this one, through another
    handle, counts)."""
    try:
        handle = open(path, "r+b")  # noqa: SIM115 (closed below, which unlocks it)
    except OSError:  # (none there: nobody's)
        return False
    with handle:
        return not _try_lock(handle)
