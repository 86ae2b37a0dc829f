"""A translation read against its original (`monday.fr.md` against `monday.md`, a
translated list's rows against the original's by their names): the fields it leaves out
are the original's, and what a translator changed that should not change (a field's name,
the events) is said."""

from __future__ import annotations

import difflib
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from cswgen.core import limits
from cswgen.core.errors import Problems
from cswgen.read.entries import EntryReader, checked_whole, example_date, pictures_named
from cswgen.read.fields import Fields
from cswgen.read.finder import Finder
from cswgen.read.frontmatter import missing_front_matter, split
from cswgen.read.notext import decode
from cswgen.read.records import KIND_NAMES, KNOWN, Entry
from cswgen.read.settings import SiteConfig
from cswgen.read.slugs import slugify
from cswgen.read.tables import csv_rows, workbook_rows
from cswgen.read.translations import (
    INHERITED,
    Translation,
    Unreported,
    merged,
    no_original,
)
from cswgen.read.workbooks import is_workbook


def read_translation(config: SiteConfig, translation: Translation, kind: str,
                     texts: dict[str, bytes] | None, drafts: bool, files: list[str],
                     problems: Problems) -> tuple[list[Entry], set[str]]:
    """A translation's entries (one for a Markdown file, one per row for a table), each
    over its original's fields, and the pictures they show."""
    content_dir = config.root / "content"
    site_path = f"content/{translation.relative}"
    source = content_dir / translation.relative
    original = content_dir / translation.original
    if not original.is_file():
        problems.error(site_path, 1, no_original(translation, files, config.site.tags))
        return [], set()
    own = Unreported()
    finder = Finder(content_dir)
    reader = EntryReader(config, own, drafts=drafts, finder=finder)
    found: list[Entry] = []
    shown: set[str] = set()
    for fields, body, body_line, stem in _translated(
            config, translation, kind, site_path, source, original, texts, own):
        shown |= pictures_named(fields.data, body, source, finder)
        entry = reader.entry(kind, fields, body, body_line, source, stem)
        if entry is not None and not entry.unplaced and checked_whole(fields.unread):
            found.append(replace(entry, language=translation.language,
                                 inherited_body=body_line == INHERITED,
                                 sheet=fields.problems.sheet))
    problems.extend(own)
    return found, shown


def _translated(config: SiteConfig, translation: Translation, kind: str, site_path: str,
                source: Path, original: Path, texts: dict[str, bytes] | None,
                problems: Problems) -> list[tuple[Fields, str, int, str | None]]:
    """The fields of each entry a translation file makes, merged over its original's,
    with its body, the body's line (INHERITED: the original's body), and the stem its
    address comes from."""
    example = example_date(config)
    original_path = f"content/{translation.original}"
    if translation.relative.lower().endswith(limits.TABLE_SUFFIXES):
        ours = _rows(source, site_path, kind, texts, translation.relative, problems, example,
                     translated=True)
        theirs = _rows(original, original_path, kind, texts, translation.original,
                       Problems(), example)
        by_slug = {_row_slug(f): (f, body) for f, body in theirs}
        rows: list[tuple[Fields, str, int, str | None]] = []
        for fields, body in ours:
            match = by_slug.get(_row_slug(fields))
            if match is None:
                name = fields.data.get("slug") or fields.data.get(
                    "customer" if kind == "testimonial" else "name") or "?"
                near = difflib.get_close_matches(str(name), [
                    str(f.data.get(key)) for f, _ in theirs
                    for key in ("slug", "customer", "name") if f.data.get(key)], 1, 0.75)
                fields.error("", f"translates \"{name}\", but {original_path} has no row of "
                             "that name; keep the name (or slug) as it is in the original, "
                             "so the row can be matched" + (
                                 f" (did you mean \"{near[0]}\"?)" if near else ""))
                continue
            data, lines = merged(match[0].data, fields.data, fields.lines)
            rows.append((Fields(data, lines, site_path, fields.problems, row=True,
                                example=example), body or match[1],
                         lines.get("", 1) if body else INHERITED, None))
        return rows
    text = decode(_bytes(source, translation.relative, texts), site_path, problems)
    before = decode(_bytes(original, translation.original, texts), original_path, Problems())
    if text is None or before is None:
        return []
    document = split(text, site_path, problems)
    base = split(before, original_path, Problems())
    if document is None or base is None or base.unread is not None:
        return []  # (the original's own mistakes are said when it is read)
    first = next((line.strip() for line in document.body.split("\n") if line.strip()), "")
    if not document.format and first.partition(":")[0].strip() in (*KNOWN.get(kind, ()),
                                                                    *base.data):
        # (a translation may have no fields, but these would be published as its text)
        problems.error(site_path, 1, missing_front_matter(text, ""))
        return []
    if "slug" in document.data and document.data["slug"] != base.data.get("slug"):
        from cswgen.core import cldr  # (Babel's names: only for this warning)

        name = cldr.parse(translation.language).english_name
        problems.warning(site_path, document.lines.get("slug", 1),
                         f"`slug` is not used in a translation: the {name} version of a "
                         f"page is at its original's address, under "
                         f"{translation.language.lower()}/; delete this line (to change the "
                         f"address in every language, set `slug` in {original_path})")
    for key, value in list(document.data.items()):
        if (value is None or (isinstance(value, str) and not value.strip())) \
                and base.data.get(key) not in (None, "") and key not in document.emptied:
            # (left for the translator to fill in: not translated yet, as if left out)
            del document.data[key]
            problems.warning(site_path, document.lines.get(key, 1), (
                f"`{key}` is empty, so the page shows the original's, from {original_path}; "
                "write its translation here, or delete the line"))
    _report_translated_names(document.data, document.lines, base.data, kind, site_path,
                             original_path, problems)
    _report_extra_events(document.data, document.lines, base.data, site_path,
                         original_path, problems)
    data, lines = merged(base.data, document.data, document.lines)
    if document.body.strip():
        body, body_line = document.body, document.body_line
    else:
        body, body_line = base.body, INHERITED
    spelled = {**{k: v for k, v in base.spelled.items() if k not in document.data},
               **document.spelled}
    fields = Fields(data, lines, site_path, problems, example=example,
                    emptied=document.emptied, spelled=spelled, unread=document.unread)
    return [(fields, body, body_line, Path(translation.original).stem)]


def _report_translated_names(data: dict[str, Any], lines: dict[str, int],
                             original: dict[str, Any], kind: str, site_path: str,
                             original_path: str, problems: Problems) -> None:
    """A warning for each field of a translation that is neither one cswgen knows nor one
    its original has: a translator who translated the field's name too (`résumé:` for
    `summary:`) sees the original's words on the page and would not know why.  (A near
    misspelling, `titre`, is told which field it is like by `check_keys` already.)"""
    known = KNOWN.get(kind, ())
    for key in data:
        if key in known or key in original or difflib.get_close_matches(
                str(key).lower(), known, n=1, cutoff=0.75):
            continue
        fields = ", ".join(str(k) for k in original)
        problems.warning(site_path, lines.get(str(key), 1), (
            f"`{key}` is not a field of {KIND_NAMES.get(kind, kind)}, nor one of "
            f"{original_path}, so it is not used and the page keeps the original's words; a "
            "translation keeps the field names "
            "as its original writes them and translates what follows the colon (the "
            f"original's fields: {fields})"))


def _report_extra_events(data: dict[str, Any], lines: dict[str, int],
                         original: dict[str, Any], site_path: str, original_path: str,
                         problems: Problems) -> None:
    """A warning for each event of a translation past the original's last one: it would be
    on this language's page and calendar only, with no time (an event from an older
    programme, or one the translator split in two)."""
    ours, theirs = data.get("events"), original.get("events")
    if not isinstance(ours, list):
        return
    count = len(theirs) if isinstance(theirs, list) else 0
    for index in range(count, len(ours)):
        line = lines.get(f"events.{index}", lines.get(f"events.{index}.title",
                                                     lines.get("events", 1)))
        problems.warning(site_path, line, (
            f"event {index + 1} has no match in {original_path}, which has {count} "
            f"event{'' if count == 1 else 's'}, so it is on this language's pages and "
            "calendar only; a translation gives the words of the original's events, in the "
            "same order: delete it here, or add the event to the original"))


def _bytes(source: Path, relative: str, texts: dict[str, bytes] | None) -> bytes:
    raw = texts.get(relative) if texts is not None else None
    return raw if raw is not None else source.read_bytes()


def _rows(source: Path, site_path: str, kind: str, texts: dict[str, bytes] | None,
          relative: str, problems: Problems, example: date,
          translated: bool = False) -> list[tuple[Fields, str]]:
    if is_workbook(relative):
        return workbook_rows(source, site_path, kind, problems, example,
                             translated=translated)
    text = decode(_bytes(source, relative, texts), site_path, problems)
    return [] if text is None else csv_rows(text, site_path, kind, problems, example,
                                            translated=translated)


def _row_slug(fields: Fields) -> str:
    name = fields.data.get("slug") or fields.data.get("customer") or fields.data.get("name")
    return slugify(str(name)) if name else ""
