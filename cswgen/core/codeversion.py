"""What every cached result depends on besides its own inputs: cswgen's own code and the
versions of the libraries whose output the cache holds (`code_version`).

Reading and hashing every source file of cswgen takes some thirty milliseconds, in the
build and again in the process that looks at its inputs: a fifth of what a rebuild after
one edit may spend outside its own work.  So the stamp a build leaves (`commands.stamp`)
keeps the version with the status of every file and folder it was made from, and the next
build, finding them all as they were, is told it (`trust`) instead of making it again.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from cswgen import __version__
from cswgen.core.digest import digest

_KNOWN: list[str] = []  # this process's code version, once made or trusted


def code_version() -> str:
    """cswgen's source files (so an edited checkout counts too) and the libraries'
    versions, as one digest; made once a process."""
    if not _KNOWN:
        package = Path(__file__).resolve().parent.parent  # cswgen/, every sub-package in it
        sources = sorted([*package.rglob("*.py"), *package.glob("strings/*.toml")])
        _KNOWN.append(digest(versions(), *(part for path in sources for part in (
            path.relative_to(package).as_posix(), path.read_bytes()))))
    return _KNOWN[0]


def trust(version: str) -> None:
    """Take `version` as this process's code version, made by an earlier one from the very
    files there are now (the stamp checked their status: see `commands.stamp`)."""
    _KNOWN[:] = [version]


def versions() -> str:
    """cswgen's, Python's and the libraries' versions, as one line."""
    found = [f"cswgen {__version__}", f"python {sys.version_info[:3]}"]
    installed = _installed(("markdown", "nh3", "pyyaml", "jinja2", "pillow", "pillow-heif",
                            "babel"))
    found += [f"{name} {version}" for name, version in installed.items()]
    return "; ".join(found)


def _installed(names: tuple[str, ...]) -> dict[str, str]:
    """The version of each named distribution ("-" when missing), from the first
    `NAME-VERSION.dist-info` folder on sys.path: what importlib.metadata reads, without
    the import (of email parsing, among others) that made a tenth of cswgen's start."""

    def normal(name: str) -> str:
        return re.sub(r"[-_.]+", "_", name).lower()

    wanted = {normal(name): name for name in names}
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            listing = sorted(os.listdir(folder or "."))
        except OSError:
            continue
        for item in listing:
            if item.endswith((".dist-info", ".egg-info")):
                distribution, _, version = item.rsplit(".", 1)[0].partition("-")
                name = wanted.get(normal(distribution))
                if name is not None and name not in found:
                    found[name] = version
    return {name: found.get(name, "-") for name in names}
