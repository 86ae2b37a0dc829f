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

from cswgen.core import limits, paths, tree
from cswgen.core.cache import Cache
from cswgen.core.cachedmap import cached_map
from cswgen.core.digest import digest
from cswgen.core.errors import Problems
from cswgen.read.config import SiteConfig
from cswgen.read.entries import EntryReader, Read, example_date, pictures_named, read_markdown
from cswgen.read.fields import Finder
from cswgen.read.frontmatter import decode
from cswgen.read.records import Content, Entry
from cswgen.read.tables import csv_rows, workbook_rows
from cswgen.read.workbooks import is_workbook

__all__ = ["MARKDOWN_SUFFIXES", "Content", "kind_of", "load_content", "walk"]

MARKDOWN_SUFFIXES = (".md", ".markdown")


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


def load_content(config: SiteConfig, problems: Problems, *, drafts: bool,
                 cache: Cache | None = None, texts: dict[str, bytes] | None = None) -> Content:
    """`cache` keeps read entries between builds; `texts` are Markdown and CSV files' bytes
    already read (by content-relative path), so not read again."""
    root = config.root
    content_dir = root / "content"
    result = Content()
    if not content_dir.is_dir():
        problems.error("content", 0, "the folder content/ is missing; create it next to "
                       "config.toml and put your Markdown files in it")
        return result
    files, links = walk(content_dir, root)
    paths.report_links(links, "content/", problems)
    paths.check_names(files, "content/", problems)
    # Files are read in order, but for Markdown files, which are read together below (from
    # the cache or on every core); problems are reported in file order either way.
    slots: list[tuple[Problems, list[Entry], set[str]]] = []
    markdown: list[tuple[int, str, str, str]] = []  # slot, text, relative, kind
    for relative in files:
        if relative in links:
            continue
        kind = kind_of(relative)
        site_path = f"content/{relative}"
        if kind is None:
            if relative.lower().endswith(MARKDOWN_SUFFIXES):
                problems.warning(site_path, 1, "this Markdown file is not part of the site; "
                                 "pages go in content/pages/, days in content/days/, "
                                 "testimonials in content/testimonials/ and staff in "
                                 "content/honour-roll/")
            else:
                result.files.append(relative)
            continue
        own, found, shown = Problems(), list[Entry](), set[str]()
        slots.append((own, found, shown))
        raw = texts.get(relative) if texts is not None else None  # (within the limits)
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
        markdown.append((len(slots) - 1, text, relative, kind))
    settings = repr((config.week, drafts))  # what an entry depends on besides its file
    finder_of_all = Finder(content_dir)  # to check cached entries' lookups

    def read(item: tuple[int, str, str, str], own: Problems) -> Read:
        _, text, relative, kind = item
        return read_markdown(config, text, f"content/{relative}", kind,
                             content_dir / relative, drafts, own)

    read_all = cached_map(markdown, lambda m: digest("entry", f"content/{m[2]}", m[1], settings),
                          read, cache=cache, reuse=lambda r: finder_of_all.finds_again(r[2]))
    for (slot, *_), ((entry, pictures, _), reported) in zip(markdown, read_all, strict=True):
        own, found, shown = slots[slot]
        own.items.extend(reported)
        found.extend([entry] if entry is not None else [])
        shown |= pictures
    for own, found, shown in slots:
        problems.extend(own)
        result.pictures |= shown
        for entry in found:
            result.add(entry)
    return result


def walk(content_dir: Path, root: Path) -> tuple[list[str], list[str]]:
    """Every file under content/, content-relative, in `tree.walk`'s order; and the
    symbolic links among them (and among its folders) that point out of the site."""
    files: list[str] = []
    links: list[str] = []
    for relative, entry in tree.walk(content_dir):
        if entry.is_symlink() and not paths.inside(Path(entry.path), root):
            links.append(relative)
        if not entry.is_dir():  # (a link to a folder: not followed)
            files.append(relative)
    return files, sorted(links)
