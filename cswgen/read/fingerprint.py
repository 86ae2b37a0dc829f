"""The whole build as one cached step: a digest of every input a build reads.

`cswgen build` reads config.toml, every file under content/, the theme and the themes it
extends, cswgen's own code and fonts, and its options (the as-of date, drafts, portable,
where the output and cache go).  When all of that is byte for byte what the last
successful build read, and the output folder is still exactly as that build left it,
the build would write the same bytes again: there is nothing to do, and the last build's
warnings are reported again.  Anything else, down to one byte anywhere, is a full build
(which itself redoes only the steps whose inputs changed).

Reading the sources for the digest also keeps the text of content's Markdown and CSV
files, so that a build that does go ahead does not read them a second time.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from cswgen.core import limits, tree
from cswgen.core.cache import code_version, read_pickle, write_pickle
from cswgen.core.digest import Digest, digest
from cswgen.core.errors import Problem
from cswgen.read.config import CONFIG_NAME
from cswgen.read.themes import PACKAGE_DIR, Theme

LAST_BUILD = "last-build.pickle"  # in the cache folder
TEXT_SUFFIXES = (".md", ".markdown", ".csv")


@dataclass
class Sources:
    """What a build reads, as one digest, and the content text files' bytes."""

    digest: str
    texts: dict[str, bytes] = field(default_factory=dict)  # content-relative path -> bytes


@dataclass
class LastBuild:
    inputs: str  # Sources.digest
    output: str  # the output folder, resolved
    manifest: str  # digest of the output's manifest as the build left it
    pages: int
    files: int
    warnings: list[Problem]


def read_sources(root: Path, theme_chain: list[Theme], options: str) -> Sources | None:
    """Every input of a build at `root` with these `options` (already resolved: as-of
    date, drafts, portable, output and cache folders), or None when something cannot be
    read (the build itself then says what)."""
    hasher = Digest()
    add = hasher.add
    add(code_version(), options)
    texts: dict[str, bytes] = {}
    try:
        add(CONFIG_NAME, (root / CONFIG_NAME).read_bytes())
        _add_tree(hasher, PACKAGE_DIR / "fonts", "fonts", None)
        for theme in theme_chain:
            _add_tree(hasher, theme.folder, f"theme {theme.name} {theme.folder}", None)
        _add_tree(hasher, root / "content", "content", texts)
    except (OSError, UnicodeError):
        return None
    return Sources(hasher.hexdigest(), texts)


def _add_tree(hasher: Digest, folder: Path, label: str,
              texts: dict[str, bytes] | None) -> None:
    """Every file under `folder` (hidden ones too, all of them: `tree.walk` leaving
    nothing out), by relative path and bytes; symbolic links by where they point, and a
    linked file by its bytes too."""
    add = hasher.add
    add("tree", label)
    if not folder.is_dir():
        return
    for relative, entry in tree.walk(folder, None, strict=True):
        if entry.is_symlink():
            add("link", relative, os.readlink(entry.path))
        if entry.is_file():
            add("file", relative)
            data = None
            if texts is not None and relative.lower().endswith(TEXT_SUFFIXES):
                data = _read_within(entry.path, limits.largest(relative))
            if data is not None and texts is not None:
                texts[relative] = data  # kept: the build reads it next
                add(data)
            else:  # not content text, or too large to read whole
                hasher.add_file(entry.path)


def _read_within(path: str, limit: int) -> bytes | None:
    """The file's bytes, or None when it holds more than `limit`.  (os.read, sized by
    fstat: for ten thousand small files, several times quicker than open().read(n).)"""
    handle = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        size = os.fstat(handle).st_size
        if size > limit:
            return None
        parts: list[bytes] = []
        total = 0
        while chunk := os.read(handle, max(size + 1 - total, 1 << 16)):
            parts.append(chunk)
            total += len(chunk)
            if total > limit:  # grew while being read
                return None
        return b"".join(parts)
    finally:
        os.close(handle)


def manifest_digest(output: Path, manifest: str) -> str | None:
    try:
        return digest((output / manifest).read_bytes())
    except OSError:
        return None


def load_last(cache_root: Path) -> LastBuild | None:
    last = read_pickle(cache_root / LAST_BUILD)
    return last if isinstance(last, LastBuild) else None  # else no shortcut


def save_last(cache_root: Path, last: LastBuild) -> None:
    """A site whose cache folder cannot be written just builds every time."""
    with contextlib.suppress(OSError):
        write_pickle(cache_root / LAST_BUILD, last)


def forget_last(cache_root: Path) -> None:
    """Before a build changes the output: until it succeeds, no shortcut."""
    with contextlib.suppress(OSError):
        (cache_root / LAST_BUILD).unlink(missing_ok=True)
