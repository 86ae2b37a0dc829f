"""The cache of photo copies: each picture's copies (WebP, and JPEG or PNG, at the widths
in WIDTHS) in a folder of the cache named by the picture's key, a digest of its bytes and
how copies are made; and the notes that let `cswgen serve` find a key by the file's state
without reading the file again.  What the site shows and publishes is `photos`'."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from cswgen.core.digest import digest
from cswgen.core.files import FileStore
from cswgen.model import images
from cswgen.read.slugs import slugify

WIDTHS = (160, 320, 640, 1280)  # what the classic theme shows, at up to twice its CSS size
BUDGET = 200_000  # bytes a copy may take, where a lower quality can keep it to that
_COPY = re.compile(r"^(\d+)x(\d+)\.(webp|jpg|png)$")  # a copy in the cache


@dataclass(frozen=True)
class Copy:
    path: str  # where it is published, `/`-separated
    width: int
    height: int
    suffix: str  # "webp", "jpg" or "png"
    cached: Path


def photo_key(path: Path) -> str:
    return digest(images.recipe(), repr((WIDTHS, BUDGET)), path.read_bytes())


NEW = "new "  # names a picture in `pending` by its file's state
NOTE_AGE = 2.0  # seconds since a file last changed before its key is noted on disk


def state_name(path: Path, found: os.stat_result | None = None) -> str:
    """A picture's file as it is on disk now, and how copies are made: the same path,
    device, inode, size, modification and change times (the change time moves on any
    write, and cannot be set back; an edit in place, a copy over it or a file moved in its
    place all change one of them)."""
    found = found or os.stat(path)
    return digest("photo state", images.recipe(), repr((WIDTHS, BUDGET)),
                  os.path.abspath(path), repr((found.st_dev, found.st_ino, found.st_size,
                                               found.st_mtime_ns, found.st_ctime_ns)))


def note_key(notes: FileStore, path: Path) -> str:
    """A picture's cache key, from its bytes; noted in `notes` by the file's state, for
    `cswgen serve` to find without reading the file again.  Only a file that has not
    changed for NOTE_AGE seconds is noted: one written again within the file system's
    timestamp granularity could keep its state with other bytes."""
    before, started = os.stat(path), time.time_ns()
    key = photo_key(path)
    after = os.stat(path)
    settled = started - max(after.st_mtime_ns, after.st_ctime_ns) > NOTE_AGE * 1e9
    if settled and state_name(path, before) == (state := state_name(path, after)) \
            and not notes.path(state).is_file():
        with contextlib.suppress(OSError):  # (a read-only site: not noted)
            notes.store_file(state, key.encode("ascii"))
    return key


def noted(notes: FileStore, state: str) -> str | None:
    try:
        key = notes.path(state).read_text("ascii")
    except (OSError, UnicodeDecodeError):
        return None
    return key if re.fullmatch(r"[0-9a-f]{40}", key) else None


def make_new_copies(cache: FileStore, notes: FileStore, path: Path) -> None:
    """`make_copies` beside `cswgen serve`, of a picture it has not hashed yet or whose
    copies are not in the cache: hashed (and its key noted), then found there, or made."""
    key = note_key(notes, path)
    if not copies_in(cache.path(key), "x"):
        make_copies(cache, path, key)


def make_copies(cache: FileStore, path: Path, key: str) -> Path:
    """Make a picture's copies into the cache folder `key` (in one step: a build killed
    meanwhile leaves no half of them); returns that folder.  Raises `decoder.Unreadable`."""
    renditions = images.render_photo(path, WIDTHS, BUDGET)
    if copies_in(cache.path(key), "x"):  # made meanwhile (the same bytes in another file,
        return cache.path(key)            # or by a build): kept, for whoever reads it now
    return stored(cache, key, renditions)


def stored(cache: FileStore, key: str, renditions: list[images.Rendition]) -> Path:
    """`renditions` (a photo's or the logo's) as the cache folder `key`, named as
    `copies_in` reads them, in place of a damaged entry there."""
    shutil.rmtree(cache.path(key), ignore_errors=True)
    return cache.store(key, {f"{r.width}x{r.height}.{r.suffix}": r.data for r in renditions})


def copies_in(folder: Path, base: str) -> list[Copy]:
    """The copies in a cache folder (named `WIDTHxHEIGHT.SUFFIX`), to publish as `base-Ww`."""
    if not folder.is_dir():
        return []
    copies: list[Copy] = []
    for cached in folder.iterdir():
        match = _COPY.match(cached.name)
        if match:
            width, height, suffix = int(match[1]), int(match[2]), match[3]
            copies.append(Copy(f"{base}-{width}w.{suffix}", width, height, suffix, cached))
    return sorted(copies, key=lambda c: (c.width, c.suffix))


def published_name(source: str) -> str:
    """`images/Team Photos/Zoë at work.JPG` -> `images/team-photos/zoe-at-work`: copies'
    names are safe in `srcset`, where a space would end the address."""
    parts = source.split("/")
    stem = parts[-1].rsplit(".", 1)[0]
    safe = [slugify(p) or "x" for p in parts[:-1]]
    return "/".join([*safe, slugify(stem) or "photo-" + published_hash(source)])


def published_hash(source: str) -> str:
    """Eight hex digits for a picture whose name has no letters (`+++.jpg`): a published
    address, kept as cswgen has always made it (not `digest`, which would move it)."""
    data = source.encode("utf-8")
    return hashlib.sha256(len(data).to_bytes(8, "big") + data).hexdigest()[:8]
