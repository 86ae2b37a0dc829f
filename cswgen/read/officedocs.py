"""Office documents published with what their authors did not mean to publish.

A Word file put in content/ as a download (`downloads/customer-service-policy.docx`) is
copied as it is, with what Word keeps inside it: tracked changes (wording a manager struck
out, wording added, moved or restyled, each with the name of who did it) and comments
("Legal says we can't promise 24h") with their authors' names.  A PowerPoint file keeps
its comments the same way (old-style and modern), an OpenDocument text (LibreOffice
Writer) its tracked changes and comments.  Anyone who downloads the file can read them.
Each such file gets a warning (for `cswgen check`, an error) that says what it holds and
how to remove it; the file is still published.

A file is looked inside once: only the few XML parts that can hold these are read (never
the pictures), each within a limit (a zip can unpack to far more than it holds), and
what was found is kept in the build's cache under a digest of the file's bytes, so a
rebuild does not open it again.  A file that cannot be read as a zip (damaged, or
protected by a password, which Word saves as another kind of file) is passed over in
silence: whatever it holds, no one reads it without the password or at all.
"""

from __future__ import annotations

import os
import re
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import NamedTuple
from xml.parsers import expat

from cswgen.core.cache import Cache
from cswgen.core.digest import digest, file_digest_of
from cswgen.core.errors import Problems
from cswgen.core.limits import MB
from cswgen.core.status import RACY, status_of

# the endings of the documents looked inside, by the program that makes them
_KINDS = {**dict.fromkeys(("docx", "docm", "dotx", "dotm"), "word"),
          **dict.fromkeys(("pptx", "pptm", "ppsx", "ppsm", "potx", "potm"), "powerpoint"),
          **dict.fromkeys(("odt", "ott"), "writer")}
# the parts that can hold them: Word's text, headers, footers, notes and comments;
# PowerPoint's comments and the lists of their authors; an OpenDocument's text and styles
# (its headers and footers).  Each as a zip names it.
_PARTS = {
    "word": re.compile(r"word/(?:document\d*|header\d*|footer\d*|footnotes|endnotes|comments)"
                       r"\.xml"),
    "powerpoint": re.compile(r"ppt/(?:comments/[^/]+|commentAuthors|authors)\.xml"),
    "writer": re.compile(r"content\.xml|styles\.xml"),
}
PART_LIMIT = 32 * MB  # unpacked bytes read of one part (a 500-page document's text: 20 MB)
TOTAL_LIMIT = 64 * MB  # of all the parts of one file
MOST_PARTS = 200  # (a header and a footer for each of a long report's sections)
_CHUNK = 64 * 1024

_WORD = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
         "http://purl.oclc.org/ooxml/wordprocessingml/main")  # (Strict Open XML)
# Word's tracked changes, each with the author's name (`w:author`): text inserted and
# deleted (in a paragraph, or a paragraph's mark), moved (`moveTo`, and the `moveFrom` it
# came from, the same change), table cells inserted, deleted and merged, and formatting
# changed
_CHANGES = frozenset({
    "ins", "del", "moveTo", "cellIns", "cellDel", "cellMerge", "rPrChange", "pPrChange",
    "sectPrChange", "tblPrChange", "tblPrExChange", "trPrChange", "tcPrChange",
    "tblGridChange", "numberingChange"})
_SLIDES = ("http://schemas.openxmlformats.org/presentationml/2006/main",
           "http://purl.oclc.org/ooxml/presentationml/main")
_MODERN = "http://schemas.microsoft.com/office/powerpoint/2018/8/main"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_DC = "http://purl.org/dc/elements/1.1/"


class Found(NamedTuple):
    """What a document holds that its readers were not meant to see."""

    changes: int  # tracked changes
    comments: int  # comments and replies
    authors: tuple[str, ...]  # who made them, as the document names them, in order


def kind_of(relative: str) -> str | None:
    """Which program's document a file is, by its ending ("word", "powerpoint" or
    "writer"), or None for a file not looked inside."""
    return _KINDS.get(relative.rpartition(".")[2].lower()) if "." in relative else None


def report_documents(files: Iterable[str], content_dir: Path, problems: Problems,
                     cache: Cache | None = None, digests: Mapping[str, str] | None = None,
                     *, as_errors: bool = False) -> None:
    """A warning for each of `files` (content-relative, published as they are) that is a
    document holding tracked changes or comments (an error with `as_errors`: for `cswgen
    check`, whose "Ready to publish" must not be said of a file that publishes struck-out
    wording and people's names).  With a `cache`, what each file holds is kept under the
    digest of its bytes, taken from `digests` (the build's, by content-relative path)
    when they are there, so an unchanged file is not opened again."""
    said = problems.error if as_errors else problems.warning
    for relative in files:
        kind = kind_of(relative)
        if kind is None:
            continue
        known = digests.get(relative) if digests is not None else None
        found = _found(content_dir / relative, kind, cache, known)
        if found is not None:
            said(f"content/{relative}", 0, message(kind, found))


def message(kind: str, found: Found) -> str:
    """What the warning says: what was found, by whom, and how to remove it."""
    held = " and ".join(part for part in (
        _counted(found.changes, "tracked change"), _counted(found.comments, "comment")) if part)
    by = f" (by {_names(found.authors)})" if found.authors else ""
    what = "struck-out wording and names included" if found.changes else "names included"
    if kind == "powerpoint":
        steps = ["Review > Delete > Delete All Comments in This Presentation"]
        program = "PowerPoint"
    elif kind == "word":
        steps = ["Review > Accept > Accept All Changes (and read the wording left)"] * bool(
            found.changes) + ["Review > Delete > Delete All Comments in Document"] * bool(
            found.comments)
        program = "Word"
    else:
        steps = ["Edit > Track Changes > Accept All (and read the wording left)"] * bool(
            found.changes) + ["right-click a comment > Delete All Comments"] * bool(
            found.comments) + ["File > Properties > General > Reset Properties (which "
                               "clears who wrote and saved it)"]
        program = "LibreOffice Writer"
    if kind != "writer":
        steps.append("File > Info > Check for Issues > Inspect Document > Inspect and "
                     "Remove All beside each thing it finds")
    return (f"still holds {held}{by}, and it is published as it is: anyone who downloads "
            f"it can read them, {what}; to remove them, open it in {program}, choose "
            f"{', then '.join(steps)}; save it and build again")


def _counted(number: int, what: str) -> str:
    return "" if not number else f"{number} {what}{'' if number == 1 else 's'}"


def _names(names: tuple[str, ...]) -> str:
    """Three names at most: "A", "A and B", "A, B and C", "A, B, C and 2 others"."""
    shown = list(names[:3])
    if len(names) > 3:
        shown.append(f"{len(names) - 3} other{'' if len(names) == 4 else 's'}")
    return _listed(shown)


def _listed(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


# --- looking inside, once per file's bytes ------------------------------------------------


def _found(path: Path, kind: str, cache: Cache | None, known: str | None) -> Found | None:
    if cache is None:
        return look_inside(path, kind)
    known = known or _digest_of(path, cache)
    if known is None:  # (gone since it was listed: the copy says so)
        return None
    key = digest("what an office document holds", kind, known)
    kept = cache.get(key)
    if kept is not None:
        return kept[0] if isinstance(kept[0], Found) else None
    found = look_inside(path, kind)
    cache.put(key, found)
    return found


def _digest_of(path: Path, cache: Cache) -> str | None:
    """The digest of a file's bytes, for a build that was not given it (`cswgen serve`,
    `cswgen check`): kept by the file's status too (see `core.status`), so a file seen
    settled before is not read again."""
    try:
        status = status_of(os.stat(path))
    except OSError:
        return None
    settled = max(status[3], status[4]) < time.time_ns() - RACY
    state = digest("office document by its status", str(path), repr(status))
    kept = cache.get(state) if settled else None
    if kept is not None and isinstance(kept[0], str):
        return kept[0]
    try:
        found = file_digest_of(path)
    except OSError:
        return None
    if settled:
        cache.put(state, found)
    return found


def look_inside(path: Path, kind: str) -> Found | None:
    """What the document at `path` holds, or None when it holds none of it or cannot be
    read as a zip.  Only the parts that can hold them are read, within the limits."""
    tally = _Tally(kind)
    try:
        with zipfile.ZipFile(path) as archive:
            wanted = [name for name in archive.namelist() if _PARTS[kind].fullmatch(name)]
            budget = TOTAL_LIMIT
            for name in wanted[:MOST_PARTS]:
                budget -= _parse(archive, name, tally, min(PART_LIMIT, budget))
                if budget <= 0:
                    break
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError,
            NotImplementedError, ValueError, zlib.error):
        # not a zip (damaged, or encrypted with a password), a part compressed in a way
        # Python cannot unpack, or encrypted in the zip: nothing to read
        pass
    return tally.found()


class _NotOffice(Exception):
    """A part with a DTD, which no Office part has (and which could expand entities)."""


def _refuse(*_: object) -> None:
    raise _NotOffice


def _parse(archive: zipfile.ZipFile, name: str, tally: _Tally, limit: int) -> int:
    """Feed one part to `tally`, at most `limit` unpacked bytes of it (what it holds past
    that is not counted); the bytes read."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.StartElementHandler = tally.start
    parser.EndElementHandler = tally.end
    parser.CharacterDataHandler = tally.text
    read = 0
    with archive.open(name) as part:
        while read < limit and (chunk := part.read(min(_CHUNK, limit - read))):
            read += len(chunk)
            try:
                parser.Parse(chunk, False)
            except (expat.ExpatError, _NotOffice):
                break  # (what was counted before it stands)
    return read


class _Tally:
    """Counts, as the parts of one document are read, its tracked changes, its comments,
    and their authors' names (PowerPoint's by the ids its comments name them by)."""

    def __init__(self, kind: str) -> None:
        self.changes = 0
        self.comments = 0
        self.authors: dict[str, None] = {}  # (in order, once each)
        self.ids: dict[str, None] = {}  # PowerPoint: authors' ids, as comments name them
        self.named: dict[str, str] = {}  # PowerPoint: each author's name, by id
        self.creator: list[str] | None = None  # OpenDocument: the author's name, being read
        self.start: Callable[[str, dict[str, str]], None] = getattr(self, f"_{kind}")
        self.end: Callable[[str], None] = self._end
        self.text: Callable[[str], None] = self._text

    def _word(self, name: str, attributes: dict[str, str]) -> None:
        space, _, local = name.rpartition(" ")
        if space not in _WORD:
            return
        if local in _CHANGES:
            self.changes += 1
        elif local == "comment":
            self.comments += 1
        elif local != "moveFrom":
            return
        self._author(attributes.get(f"{space} author", ""))

    def _powerpoint(self, name: str, attributes: dict[str, str]) -> None:
        space, _, local = name.rpartition(" ")
        if (space in _SLIDES and local == "cm") or (space == _MODERN and local in (
                "cm", "reply")):
            self.comments += 1
            self.ids[f"{space} {attributes.get('authorId', '')}"] = None
        elif (space in _SLIDES and local == "cmAuthor") or (space == _MODERN
                                                             and local == "author"):
            self.named[f"{space} {attributes.get('id', '')}"] = attributes.get("name", "")

    def _writer(self, name: str, attributes: dict[str, str]) -> None:
        if name == f"{_TEXT} changed-region":
            self.changes += 1
        elif name == f"{_OFFICE} annotation":
            self.comments += 1
        elif name == f"{_DC} creator":
            self.creator = []

    def _end(self, name: str) -> None:
        if self.creator is not None and name == f"{_DC} creator":
            self._author("".join(self.creator))
            self.creator = None

    def _text(self, text: str) -> None:
        if self.creator is not None:
            self.creator.append(text)

    def _author(self, name: str) -> None:
        name = " ".join(name.split())[:80]
        if name:
            self.authors[name] = None

    def found(self) -> Found | None:
        if not self.changes and not self.comments:
            return None
        for author in self.ids:  # (PowerPoint: named once every part has been read)
            self._author(self.named.get(author, ""))
        return Found(self.changes, self.comments, tuple(self.authors))
