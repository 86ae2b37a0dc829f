"""Read `content/` into typed records, one per day, testimonial, person and page.

Walks the folder (`core.tree`), decodes each file, and hands it to the reader of its kind:
a Markdown file to `entries` (on every core, and from the cache when it has not changed),
a CSV file or workbook row by row to `tables`.  Every problem is collected with its line
(or sheet and row), in file order.  No URLs and no HTML here: that is the model's and the
markup's job.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from cswgen.core import limits, paths, tree
from cswgen.core.cache import Cache
from cswgen.core.cachedmap import cached_map
from cswgen.core.digest import digest, file_digest, plain_digest
from cswgen.core.errors import Problems
from cswgen.read.entries import EntryReader, Read, example_date, pictures_named, read_markdown
from cswgen.read.finder import Finder
from cswgen.read.notext import decode
from cswgen.read.records import Content, Entry
from cswgen.read.settings import SiteConfig
from cswgen.read.tables import csv_rows, workbook_rows
from cswgen.read.translated import read_translation
from cswgen.read.translations import (
    Translation,
    named_otherwise,
    translation_of,
)
from cswgen.read.withheld import (
    beside_a_photo,
    mac_package,
    rich_text_page,
    text_with_front_matter,
    withheld,
)
from cswgen.read.workbooks import is_workbook

__all__ = ["MARKDOWN_SUFFIXES", "Content", "kind_of", "load_content"]

MARKDOWN_SUFFIXES = (".md", ".markdown")
SECTION_FOLDERS = ("days", "testimonials", "honour-roll", "pages")
SECTION_FILES = ("index.md", "index.markdown", "policy.md", "policy.markdown")


def kind_of(relative: str) -> str | None:
    """The kind of a content-relative Markdown, CSV or workbook path, or None when it is not
    content (a CSV file or workbook elsewhere, like content/downloads/, is a file to copy)."""
    parts = relative.split("/")
    name = parts[-1].lower()
    is_markdown = name.endswith(MARKDOWN_SUFFIXES)
    is_table = name.endswith(limits.TABLE_SUFFIXES)
    if len(parts) == 1:
        if name in ("index.md", "index.markdown"):
            return "home"
        if name in ("policy.md", "policy.markdown"):
            return "policy"
        return None
    if len(parts) != 2:
        return None
    folder = parts[0]
    if folder == "days" and is_markdown:
        return "day"
    if folder == "pages" and is_markdown:
        return "page"
    if folder == "testimonials" and (is_markdown or is_table):
        return "testimonial"
    if folder == "honour-roll" and (is_markdown or is_table):
        return "honour"
    return None


def _not_read(relative: str) -> str:
    """Why a content-relative Markdown file that is no kind of content is not read, and
    where to put it; one in a folder inside a section's folder (`testimonials/2025/`) is
    in the right section already, one level too deep."""
    section = relative.split("/")[0]
    if section in ("days", "pages", "testimonials", "honour-roll"):
        return (f"this Markdown file is not part of the site: cswgen reads only the files "
                f"directly in content/{section}/, not in folders inside it; move it up into "
                f"content/{section}/, or out of content/ if it is not for the site")
    return ("this Markdown file is not part of the site; pages go in content/pages/, days in "
            "content/days/, testimonials in content/testimonials/ and staff in "
            "content/honour-roll/")


def _in_language_folder(relative: str, tags: tuple[str, ...]) -> str:
    """Why a content file in a folder named after one of the site's other languages
    (`fr/days/monday.md`, `fr/honour-roll/staff.csv`: the shape some translators send) is
    neither read nor published, and where it goes; "" for any other file.  (Copied as it
    is, a table's every column would be published, and a Markdown file's source.)"""
    folder, _, rest = relative.partition("/")
    tag = next((t for t in tags[1:] if t.lower() == folder.lower().replace("_", "-")), None)
    if tag is None or kind_of(rest) is None:
        return ""
    if translation_of(rest, tags) is None:
        stem, _, ending = rest.rpartition(".")
        rest = f"{stem}.{tag}.{ending}"
    return (f"is in content/{folder}/, where cswgen reads no content, so it is neither read "
            "nor published; a "
            "translation goes beside the file it translates, with the language before the "
            f"suffix: move it to content/{rest}")


def report_copies(files: list[str], problems: Problems) -> None:
    """A warning for each content file named as a copy of one beside it: a backup made
    before an edit, or a file copied to start another, is published as well (the FAQ
    twice in the menu, a person twice on the honour roll) and nothing else says so."""
    present = set(files)
    for relative in files:
        copied = paths.copied_from(relative)
        if copied is None or copied not in present or kind_of(relative) is None:
            continue
        original = copied.rpartition("/")[2]
        problems.warning(f"content/{relative}", 0, f"is named as a copy of {original}, as "
                         "Windows or macOS names a copy, so it is published as well as that "
                         "file; if it is a backup, move it out of content/ (or into a folder "
                         "whose name starts with _, which is never published); if it is "
                         "meant to be published, give it a name of its own")


def _conflict_message(original: str) -> str:
    return (f"is the copy OneDrive (or Dropbox) keeps when content/{original} was changed on "
            "two computers before they synced, so it is neither read nor published (what "
            "it holds would be on the site twice); open both, keep the right version in "
            f"{original.rpartition('/')[2]}, then delete this copy")


def miscased(relative: str) -> str | None:
    """The name a content-relative path's section folder, or top-level index or policy
    file, should have when it is written with capitals (`Days/monday.md` -> "days",
    `Policy.md` -> "policy.md"), or None."""
    first, slash, _ = relative.partition("/")
    lowered = first.lower()
    known = SECTION_FOLDERS if slash else SECTION_FILES
    return lowered if first != lowered and lowered in known else None


def _miscased_message(name: str, right: str) -> str:
    if "." in right:
        return (f"the file \"{name}\" should be named \"{right}\", all in small letters: "
                f"links to content/{right} find it on Windows and macOS but not on a Linux "
                f"server (where sites are usually built); rename the file to \"{right}\"")
    return (f"the folder \"{name}\" should be named \"{right}\", all in small letters: cswgen "
            f"looks for content/{right}/ exactly, so on a Linux server (where sites are "
            "usually built) everything in it would be left out, although Windows and macOS "
            f"find it; rename the folder to \"{right}\"")


def load_content(config: SiteConfig, problems: Problems, *, drafts: bool,
                 cache: Cache | None = None, texts: dict[str, bytes] | None = None,
                 digests: dict[str, str] | None = None,
                 listing: paths.Listing | None = None) -> Content:
    """`cache` keeps read entries between builds; `texts` are Markdown and CSV files' bytes
    already read (by content-relative path), so not read again; `digests` the digests of
    files' bytes already known (`fingerprint.file_digest`), so that a Markdown file whose
    entry the cache holds is not read at all; `listing`, content/'s `paths.listing`
    already made (by the process that read those)."""
    root = config.root
    content_dir = root / "content"
    result = Content()
    if not content_dir.is_dir():
        problems.error("content", 0, "the folder content/ is missing; create it next to "
                       "config.toml and put your Markdown files in it")
        return result
    files, links = listing or paths.listing(content_dir, root)
    paths.report_links(links, "content/", problems, content_dir)
    report_copies(files, problems)
    if cache is None:
        paths.check_names(files, "content/", problems)
    else:  # (a name at a time: a twentieth of a rebuild at 10,000 files, for the same list)
        cache.remember(digest("names", "content/", *files),
                       lambda own: paths.check_names(files, "content/", own), problems)
    # Files are read in order, but for Markdown files, which are read together below (from
    # the cache or on every core); problems are reported in file order either way.
    slots: list[tuple[Problems, list[Entry], set[str]]] = []
    found: list[Entry]  # (each file's own, made as [] and set(): ten times quicker than
    shown: set[str]  # list[Entry]() and set[str](), ten thousand files a build)
    markdown: list[_Markdown] = []
    pending: list[tuple[Translation, str]] = []  # read once every original has been
    named_wrong: set[str] = set()  # section folders (and files) named with capitals
    # (a site of one language: a file named as a translation of one of these is an error)
    originals = frozenset(files) if len(config.site.tags) < 2 else frozenset()
    originals_of_all = frozenset(files) if len(config.site.tags) > 1 else None
    present = frozenset(files)
    for relative in files:
        if relative in links:
            continue
        site_path = f"content/{relative}"
        if (original := paths.conflict_of(relative, present)) is not None:
            problems.warning(site_path, 0, _conflict_message(original))
            result.unread.add(site_path)
            continue  # (neither read nor published: the entry would be there twice)
        translation = translation_of(relative, config.site.tags, originals)
        if translation is not None and (kind := kind_of(translation.original)) is not None:
            if translation.wrong:
                problems.error(site_path, 1, translation.wrong)
            else:
                pending.append((translation, kind))
            continue
        if originals_of_all is not None and kind_of(relative) is not None and (
                alike := named_otherwise(relative, config.site.tags, originals_of_all)):
            problems.warning(site_path, 1, alike)
        if (right := miscased(relative)) is not None:
            name = relative.split("/")[0]
            # (a link to it by its right name is right: the rename fixes both, so the
            # folder's or file's own error is the one to read)
            result.unread.add(f"content/{right}{relative[len(name):]}")
            if name not in named_wrong:  # (once per folder; its files are not read, nor copied)
                named_wrong.add(name)
                problems.error(f"content/{name}", 0, _miscased_message(name, right))
            continue
        kind = kind_of(relative)
        if kind is None:
            folder, _, name = site_path.rpartition("/")
            if (original := tree.in_icloud_only(name)) is not None:
                # (built without it, the site would lose its page, and publish remove it)
                problems.error(f"{folder}/{original}", 0, _IN_ICLOUD.format(name=original))
                # (a link to it, typed with composed accents: left to this error)
                result.unread.update({f"{folder}/{original}",
                                      paths.published(f"{folder}/{original}")})
            elif moved := _in_language_folder(relative, config.site.tags):
                problems.warning(site_path, 0, moved)  # (not read, and not published)
            elif relative.lower().endswith(MARKDOWN_SUFFIXES):
                problems.warning(site_path, 1, _not_read(relative))
            elif (why := _page_named_otherwise(content_dir, relative)) is not None:
                problems.warning(site_path, 1, why)
                result.unread.add(site_path)
            elif (why := _withheld(content_dir, relative)) is not None:
                problems.warning(site_path, 0, why)
                result.unread.add(site_path)
            else:
                result.files.append(relative)
            continue
        own, found, shown = Problems(), [], set()
        slots.append((own, found, shown))
        raw = texts.get(relative) if texts is not None else None  # (within the limits)
        known = digests.get(relative) if digests is not None else None
        if known is not None and relative.lower().endswith(MARKDOWN_SUFFIXES):
            markdown.append(_Markdown(len(slots) - 1, relative, kind, known, raw))
            continue  # read below, only when the cache does not hold its entry
        if raw is None:
            source = content_dir / relative
            if (why := limits.too_large(relative, source.stat().st_size)) is not None:
                own.error(site_path, 0, why)  # read, it would take minutes and gigabytes
                continue
            if is_workbook(relative):  # (never in `texts`): read from disk, never as text
                finder = Finder(content_dir)
                reader = EntryReader(config, own, drafts=drafts, finder=finder)
                for fields, body in workbook_rows(source, site_path, kind, own,
                                                  example_date(config)):
                    shown |= pictures_named(fields.data, body, source, finder)
                    entry = reader.entry(kind, fields, body, 1, source, None)
                    if entry is not None:  # (its fields reported through the sheet's Problems)
                        found.append(replace(entry, sheet=fields.problems.sheet))
                continue
            raw = source.read_bytes()
        if not relative.lower().endswith(".csv"):
            markdown.append(_Markdown(len(slots) - 1, relative, kind, file_digest(raw), raw))
            continue
        text = decode(raw, site_path, own)
        if text is None:
            continue
        if relative.lower().endswith(".csv"):
            source = content_dir / relative
            finder = Finder(content_dir)
            reader = EntryReader(config, own, drafts=drafts, finder=finder)
            for fields, body in csv_rows(text, site_path, kind, own, example_date(config)):
                shown |= pictures_named(fields.data, body, source, finder)
                entry = reader.entry(kind, fields, body, 1, source, None)
                if entry is not None:
                    found.append(entry)
            continue
    # what an entry depends on besides its file (its digest: ten thousand keys include it)
    settings = digest(repr((config.week, drafts)))
    finder_of_all = Finder(content_dir)  # to check cached entries' lookups

    keys: dict[tuple[str, str], str] = {}  # (each made once: ten thousand digests)

    def key(item: _Markdown) -> str:
        found = keys.get((item.relative, item.digest))
        if found is None:
            found = keys[item.relative, item.digest] = plain_digest(
                "entry", f"content/{item.relative}", item.digest, settings)
        return found

    if cache is not None:  # each file the cache cannot answer for is read now, as it is
        markdown = [item.read(content_dir) if key(item) not in cache else item
                    for item in markdown]

    def read(item: _Markdown, own: Problems) -> Read:
        site_path = f"content/{item.relative}"
        raw = item.raw
        if raw is None:
            source = content_dir / item.relative
            if (why := limits.too_large(item.relative, source.stat().st_size)) is not None:
                own.error(site_path, 0, why)  # read, it would take minutes and gigabytes
                return None, set(), []
            raw = source.read_bytes()
        text = decode(raw, site_path, own)
        if text is None:
            return None, set(), []
        return read_markdown(config, text, site_path, item.kind, content_dir / item.relative,
                             drafts, own)

    read_all = cached_map(markdown, key, read, cache=cache,
                          reuse=lambda r: finder_of_all.finds_again(r[2]))
    for item, ((entry, pictures, _), reported) in zip(markdown, read_all, strict=True):
        own, found, shown = slots[item.slot]
        own.items.extend(reported)
        found.extend([entry] if entry is not None else [])
        if entry is None and not any(p.severity == "error" for p in reported):
            result.drafts.add(f"content/{item.relative}")  # (read, and left out as one)
        shown |= pictures
        # (a file that failed, or a day set aside while [week] itself is wrong: not a draft)
        if (own.errors or (config.week.guessed and found)) and all(e.unplaced for e in found):
            result.unread.add(f"content/{item.relative}")
    for own, found, shown in slots:
        problems.extend(own)
        result.pictures |= shown
        for entry in found:
            result.add(entry)
    for translation, kind in pending:
        entries, shown = read_translation(config, translation, kind, texts, drafts, files,
                                          problems)
        result.translations.setdefault(translation.language, []).extend(entries)
        result.pictures |= shown
    return result


class _Markdown(NamedTuple):
    """A Markdown file to read: its slot in file order, its kind, the digest of its bytes
    (what its cached entry is found by), and the bytes when they have been read.  (A
    tuple: ten thousand a build, made three times quicker than a frozen dataclass.)"""

    slot: int
    relative: str
    kind: str
    digest: str
    raw: bytes | None

    def read(self, content_dir: Path) -> _Markdown:
        """With its bytes, read now, and known by them (had it changed since its digest was
        made, its entry is found, or stored, under what it holds now).  A file over the
        size limit is left unread: reading it reports that."""
        if self.raw is not None:
            return self
        source = content_dir / self.relative
        if limits.too_large(self.relative, source.stat().st_size) is not None:
            return self
        raw = source.read_bytes()
        return self._replace(digest=file_digest(raw), raw=raw)


_IN_ICLOUD = ("is kept in iCloud Drive only, not on this Mac (Finder shows it with a cloud), "
              "so cswgen cannot read it and the site would be built without it; in Finder, "
              "Control-click {name} and choose Download Now (or Control-click the site's "
              "folder and choose Keep Downloaded, so that none of it is left in iCloud "
              "only), then build again")


def _withheld(content_dir: Path, relative: str) -> str | None:
    """Why a file that is not content is not published (see `withheld`), or None."""
    if (why := withheld(relative)) is not None:
        return why
    if (content_dir / relative).is_dir():  # (`tree.is_package`: a Numbers file, a folder)
        return mac_package(relative)
    return beside_a_photo(relative, lambda other: (content_dir / other).is_file())


def _page_named_otherwise(content_dir: Path, relative: str) -> str | None:
    """Why a page saved under another name than `.md` is not published: a `.txt` (TextEdit's
    plain text, Notepad's) or an `.rtf` (TextEdit's rich text) that holds front matter."""
    lowered = relative.lower()
    if lowered.endswith(".txt"):
        return text_with_front_matter(relative, _head(content_dir / relative))
    if lowered.endswith((".rtf", ".rtfd")):
        return rich_text_page(relative, _head(content_dir / relative, 2048))
    return None


def _head(path: Path, size: int = 256) -> bytes:
    """The first bytes of a file, enough to see whether it starts with front matter (in
    rich text, after its fonts and colours: `size` 2048)."""
    try:
        with path.open("rb") as file:
            return file.read(size)
    except OSError:
        return b""
