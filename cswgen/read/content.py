"""Read `content/` into typed records, one per day, testimonial, person and page.

Walks the folder, decodes and splits each file, reads CSV and workbook rows, and validates
every field of every kind, collecting each problem with its line (or sheet and row).  No
URLs and no HTML here: that is the model's and the markup's job.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from cswgen.core import limits, paths, tree
from cswgen.core.cache import Cache
from cswgen.core.cachedmap import cached_map
from cswgen.core.digest import digest
from cswgen.core.errors import Problems, place
from cswgen.core.week import WEEKDAYS, long_label, range_label, short_label, weekday_index
from cswgen.read.config import SiteConfig
from cswgen.read.fields import Fields, Finder, Image, Lookup
from cswgen.read.frontmatter import decode, missing_front_matter, split
from cswgen.read.slugs import slugify
from cswgen.read.workbooks import is_workbook, read_workbook

COMMON = ("title", "draft", "publish", "slug")
KNOWN: dict[str, tuple[str, ...]] = {
    "day": (*COMMON, "date", "day", "summary", "dress_code", "events", "image", "alt"),
    "testimonial": (*COMMON, "customer", "organisation", "location", "date", "rating", "staff",
                    "featured", "photo", "alt", "consent", "text"),
    "honour": (*COMMON, "name", "role", "department", "award", "citation", "since", "photo",
               "alt", "consent", "citation_long"),
    "policy": (*COMMON, "effective", "version", "owner", "commitments", "standards"),
    "page": (*COMMON, "menu"),
    "home": (*COMMON,),
}
KIND_NAMES = {"day": "days", "testimonial": "testimonials", "honour": "honour-roll entries",
              "policy": "the policy", "page": "pages", "home": "the home page"}
EVENT_KEYS = ("time", "end", "title", "place", "description")
# the kinds whose files need front matter, and the field to show in the message that says so
FIELD_EXAMPLES = {"day": "title: Superhero Tuesday, day: tuesday",
                  "testimonial": "customer: Rudo M.", "honour": "name: Farai Moyo",
                  "page": "title: Frequently asked questions"}
MARKDOWN_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class Event:
    title: str
    time: str | None = None
    end: str | None = None
    place: str = ""
    description: str = ""


@dataclass
class Entry:
    """What every content file or CSV row has."""

    kind: str
    path: str  # site-relative source path, `/`-separated
    line: int  # 1 for a file, the row's line for a CSV row, the row's number in a workbook
    slug: str
    title: str
    body: str = ""
    body_line: int = 1
    draft: bool = False
    publish: date | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    sheet: str = ""  # a workbook row's sheet: problems about the entry name it (see errors)

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)

    @property
    def from_csv(self) -> bool:
        """A row of a table, CSV file or workbook: its fields are columns, all on its line."""
        return self.path.lower().endswith(".csv") or bool(self.sheet)

    @functools.cached_property
    def key(self) -> str:  # asked for often, never changes
        """What identifies the entry: its file, `file:line` for a row of a CSV file, and
        `file: sheet "Name", row 12` for a workbook's (as problems name them)."""
        if self.sheet:
            return place(self.path, self.line, self.sheet)
        return f"{self.path}:{self.line}" if self.from_csv else self.path


@dataclass
class Day(Entry):
    date: dt.date = dt.date.min
    summary: str = ""
    dress_code: str = ""
    events: list[Event] = field(default_factory=list)
    image: Image | None = None


@dataclass
class Testimonial(Entry):
    customer: str = ""
    organisation: str = ""
    location: str = ""
    date: dt.date | None = None
    rating: int | None = None
    staff: list[str] = field(default_factory=list)
    featured: bool = False
    photo: Image | None = None
    consent: bool | dt.date | str | None = None  # str: a note, kept as it is


@dataclass
class Honour(Entry):
    name: str = ""
    role: str = ""
    department: str = ""
    award: str = ""
    citation: str = ""
    since: int | None = None
    photo: Image | None = None
    consent: bool | dt.date | str | None = None  # str: a note, kept as it is


@dataclass
class Policy(Entry):
    effective: date | None = None
    version: str = ""
    owner: str = ""
    commitments: list[str] = field(default_factory=list)
    standards: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Page(Entry):
    menu: float | None = None


@dataclass
class Content:
    """Everything read from `content/`, before any filtering by date or draft."""

    home: Page | None = None
    policy: Policy | None = None
    days: list[Day] = field(default_factory=list)
    testimonials: list[Testimonial] = field(default_factory=list)
    honour: list[Honour] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # content-relative paths to copy
    # content-relative paths of the pictures any file shows, drafts and later ones too:
    # their originals are not published as they are (see `photos`)
    pictures: set[str] = field(default_factory=set)

    def entries(self) -> list[Entry]:
        """Every entry read, published or not."""
        singles: list[Entry] = [e for e in (self.home, self.policy) if e is not None]
        return [*singles, *self.days, *self.testimonials, *self.honour, *self.pages]


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
                reader = _Reader(config, own, drafts=drafts, finder=finder)
                for fields, body in reader.workbook_rows(source, site_path, kind):
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
            reader = _Reader(config, own, drafts=drafts, finder=finder)
            for fields, body in reader.csv_rows(text, site_path, kind):
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
            _add(result, entry)
    return result


Read = tuple["Entry | None", set[str], list[Lookup]]  # entry, pictures, files looked up


def read_markdown(config: SiteConfig, text: str, site_path: str, kind: str, source: Path,
                  drafts: bool, problems: Problems) -> Read:
    """One Markdown file's entry (None for a draft or a file that cannot be split), the
    pictures it shows, and the files its fields and pictures looked up."""
    finder = Finder(config.root / "content")
    document = split(text, site_path, problems)
    if document is None:
        return None, set(), finder.lookups
    if not document.format and kind in FIELD_EXAMPLES:
        # (instead of "`customer` is required", which sends them looking for a field)
        problems.error(site_path, 1, missing_front_matter(text, FIELD_EXAMPLES[kind]))
        return None, set(), finder.lookups
    pictures = pictures_named(document.data, document.body, source, finder)
    fields = Fields(document.data, document.lines, site_path, problems,
                    example=example_date(config))
    reader = _Reader(config, problems, drafts=drafts, finder=finder)
    entry = reader.entry(kind, fields, document.body, document.body_line, source, source.stem)
    return entry, pictures, finder.lookups


def example_date(config: SiteConfig) -> date:
    """A date in the site's week (its second day), for examples in messages."""
    dates = config.week.dates
    return dates[min(1, len(dates) - 1)]


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


def csv_dialect(text: str) -> tuple[str, str, int]:
    """A CSV file's text without Excel's `sep=;` hint line, its delimiter, and how many lines
    the hint took (0 or 1)."""
    header_line, _, rest = text.partition("\n")
    if header_line.lower().startswith("sep=") and len(header_line.strip()) == 5:
        return rest, header_line.strip()[4], 1
    # Excel writes `;` where the decimal comma is usual; quotes are always Excel's.
    delimiter = max(",;\t", key=header_line.count)
    return text, delimiter if header_line.count(delimiter) else ",", 0


_BODY_PICTURE = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)")


def pictures_named(data: dict[str, Any], body: str, source: Path, finder: Finder) -> set[str]:
    """The pictures a file shows however it is published (a draft's too): its `image` and
    `photo` fields and the ![...](...) in its body."""
    named = [data.get("image"), data.get("photo"), *_BODY_PICTURE.findall(body)]
    found: set[str] = set()
    for name in named:
        if isinstance(name, str):
            path = finder(unquote(name), source.parent)
            if path is not None:
                found.add(path)
    return found


def _add(result: Content, entry: Entry) -> None:
    if isinstance(entry, Day):
        result.days.append(entry)
    elif isinstance(entry, Testimonial):
        result.testimonials.append(entry)
    elif isinstance(entry, Honour):
        result.honour.append(entry)
    elif isinstance(entry, Policy):
        result.policy = entry
    elif isinstance(entry, Page) and entry.kind == "home":
        result.home = entry
    elif isinstance(entry, Page):
        result.pages.append(entry)


def _columns(header: list[str]) -> list[str]:
    """A header row's cells as field names: `Dress Code ` -> `dress_code`."""
    return [h.strip().lower().replace(" ", "_") for h in header]


def _table_row(columns: list[str], cells: list[Any], body_column: str, path: str, line: int,
               problems: Problems, example: date) -> tuple[Fields, str]:
    """One row of a CSV file or sheet (its empty cells None) as Fields, and its body."""
    data: dict[str, Any] = {}
    for column, cell in zip(columns, cells, strict=False):
        if column and cell is not None:
            data[column] = cell
    body = data.pop(body_column, None)
    lines = {"": line, **{c: line for c in data}}
    return (Fields(data, lines, path, problems, row=True, example=example),
            "" if body is None else str(body))


class _Reader:
    """Validates the fields of one kind of entry."""

    def __init__(self, config: SiteConfig, problems: Problems, *, drafts: bool,
                 finder: Finder) -> None:
        self.config = config
        self.problems = problems
        self.drafts = drafts
        self.finder = finder

    def csv_rows(self, text: str, path: str, kind: str) -> list[tuple[Fields, str]]:
        body_column = "text" if kind == "testimonial" else "citation_long"
        text, delimiter, skipped = csv_dialect(text)
        reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter,
                            strict=True)
        try:
            header = next(reader)
        except StopIteration:
            self.problems.warning(path, 1, "this CSV file is empty")
            return []
        except csv.Error as exc:
            self.problems.error(path, 1, f"the CSV header cannot be read: {exc}")
            return []
        columns = _columns(header)
        rows: list[tuple[Fields, str]] = []
        line = reader.line_num + 1 + skipped
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                reason = ("a quote \" opened in this row is never closed"
                          if "end of data" in str(exc) or "expected" in str(exc) else str(exc))
                self.problems.error(path, line, f"this row cannot be read as CSV: {reason}; "
                                    "a cell that contains quotes must be written \"like \"\"this"
                                    "\"\"\" (each quote doubled, the cell in quotes)")
                break
            row_line, line = line, reader.line_num + 1 + skipped
            if (why := limits.too_many_rows(len(rows) + 1)) is not None:
                self.problems.error(path, row_line, why)
                break
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(columns):
                self.problems.error(path, row_line, f"this row has {len(cells)} cells but the "
                                    f"header names {len(columns)} columns; a cell with a comma "
                                    "must be in quotes")
                continue
            cleaned = [cell.strip() or None for cell in cells]
            rows.append(_table_row(columns, cleaned, body_column, path, row_line,
                                   self.problems, example_date(self.config)))
        return rows

    def workbook_rows(self, source: Path, path: str, kind: str) -> list[tuple[Fields, str]]:
        """Each row of each sheet whose first row names known columns, read like a CSV
        file's rows; each row's Fields report through `Problems.in_sheet`."""
        body_column = "text" if kind == "testimonial" else "citation_long"
        sheets = read_workbook(source, path, self.problems,
                               lambda header: bool(set(_columns(header)) & set(KNOWN[kind])))
        if sheets is None:
            return []
        if not sheets:
            name = "customer" if kind == "testimonial" else "name"
            self.problems.warning(path, 0, f"no sheet has a header row naming known columns "
                                  f"like `{name}` and `{body_column}`, so nothing in this "
                                  "workbook is read; put the column names (the same as a CSV "
                                  "file's) in the first row of a visible sheet")
        rows: list[tuple[Fields, str]] = []
        for sheet in sheets:
            columns = _columns(sheet.header)
            problems = self.problems.in_sheet(sheet.name)
            for number, values in sheet.rows:
                rows.append(_table_row(columns, values, body_column, path, number, problems,
                                       example_date(self.config)))
        return rows

    def entry(self, kind: str, f: Fields, body: str, body_line: int, source: Path,
              stem: str | None) -> Entry | None:
        f.unwrap_quotes()
        draft = f.boolean("draft")
        if draft and not self.drafts:
            return None  # unfinished work: its fields are checked once it is no longer a draft
        f.check_keys(KNOWN[kind], KIND_NAMES[kind])
        name_key = {"testimonial": "customer", "honour": "name"}.get(kind)
        slug_source = f.text("slug") or stem or (f.text(name_key) if name_key else "")
        slug = slugify(slug_source) if slug_source else ""
        name_missing = stem is None and name_key is not None and not f.has(name_key)
        if not slug and kind not in ("home", "policy") and not name_missing:
            # (a CSV row without its name gets the missing-name error below instead)
            f.error("slug" if f.has("slug") else "", f"cannot make a web address from "
                    f"\"{slug_source}\"; add a `slug:` field with plain letters, like "
                    "slug: thank-you-day")
        line = f.lines.get("", 1)
        common: dict[str, Any] = {
            "kind": kind, "path": f.path, "line": line, "slug": slug, "body": body,
            "body_line": body_line if not f.row else line, "draft": draft,
            "publish": f.date("publish"), "lines": dict(f.lines),
            "extra": {k: v for k, v in f.data.items() if k not in KNOWN[kind]},
        }
        if kind == "day":
            return self.day(f, source, common)
        if kind == "testimonial":
            return self.testimonial(f, source, common)
        if kind == "honour":
            return self.honour(f, source, common)
        if kind == "policy":
            return self.policy(f, common)
        title = f.text("title", required=kind == "page", what="the page's headline")
        return Page(title=title, menu=f.number("menu") if kind == "page" else None, **common)

    def day(self, f: Fields, source: Path, common: dict[str, Any]) -> Day | None:
        week = self.config.week
        title = f.text("title", required=True, what="the day's theme, like \"Superhero Tuesday\"")
        when = self.day_date(f)
        events: list[Event] = []
        for index, item in f.mappings("events"):
            events.append(self.event(f, index, item))
        image = f.image("image", "alt", source, self.finder, require_alt=True)
        if when is None:
            if not f.has("date") and not f.has("day"):
                f.missing("date", f"or `day`, like date: {week.start.isoformat()} or day: "
                          f"{WEEKDAYS[week.start.weekday()]}")
            return None
        return Day(title=title, date=when, summary=f.text("summary"),
                   dress_code=f.text("dress_code"), events=events, image=image, **common)

    def day_date(self, f: Fields) -> date | None:
        week = self.config.week
        dates = week.dates
        span = range_label(dates[0], dates[-1])
        when = f.date("date")
        if when is not None and when not in dates:
            f.error("date", f"{when.isoformat()} ({long_label(when)}) is outside the week "
                    f"({span}); change the date, or [week] in config.toml")
            return None
        if f.has("day"):
            name = f.text("day")
            index = weekday_index(name)
            if index is None:
                f.error("day", f"`day` is \"{name}\", which is not a day of the week; write "
                        "a weekday like monday or tue")
                return None
            matches = [d for d in dates if d.weekday() == index]
            if not matches:
                f.error("day", f"{name} is not one of the week's days ({span}); "
                        "change `day`, or [week] days in config.toml")
                return None
            if when is not None and when != matches[0]:
                f.error("day", f"`day: {name}` and `date: {when.isoformat()}` disagree "
                        f"({short_label(when)}); keep one of them")
                return None
            return matches[0]
        return when

    def event(self, f: Fields, index: int, item: dict[str, Any]) -> Event:
        key = f"events.{index}"
        for name in item:
            if name not in EVENT_KEYS:
                f.warning(f"{key}.{name}", f"`{name}` is not a field of an event; the fields "
                          f"are {', '.join(EVENT_KEYS)}")
        sub = Fields({k: v for k, v in item.items()},
                     {k.removeprefix(key + "."): v for k, v in f.lines.items()
                      if k.startswith(key + ".")} | {"": f.line(key)}, f.path, self.problems)
        title = sub.text("title")
        if not title:
            f.error(key, f"event {index + 1} has no `title`; give every event a title")
        given = item.get("time") not in (None, "")
        start = f.clock(f"{key}.time", item["time"]) if given else None
        end = f.clock(f"{key}.end", item["end"]) if item.get("end") not in (None, "") else None
        if end and not given:  # (a wrong `time` is the one thing to say about it)
            f.error(f"{key}.end", f"event {index + 1} has an `end` but no `time`; add the "
                    "start time")
        elif start and end and end <= start:
            f.error(f"{key}.end", f"event {index + 1} ends at {end}, before it starts at "
                    f"{start}; check the times (24-hour clock)")
        return Event(title=title, time=start, end=end, place=sub.text("place"),
                     description=sub.text("description"))

    def testimonial(self, f: Fields, source: Path, common: dict[str, Any]) -> Testimonial:
        customer = f.text("customer", required=True,
                          what="the name the customer agreed to show, like \"Rudo M.\"")
        if not common["body"].strip():
            f.warning("", "this testimonial has no text; write the customer's words below "
                      "the front matter" if not f.row else "this row's `text` cell is empty")
        return Testimonial(
            title=f.text("title"), customer=customer, organisation=f.text("organisation"),
            location=f.text("location"), date=f.date("date"),
            rating=f.integer("rating", 1, 5, "a whole number from 1 to 5"),
            staff=f.strings("staff", separator=";"), featured=f.boolean("featured"),
            photo=f.image("photo", "alt", source, self.finder, require_alt=False),
            consent=f.consent(), **common)

    def honour(self, f: Fields, source: Path, common: dict[str, Any]) -> Honour:
        name = f.text("name", required=True, what="the person's name")
        return Honour(
            title=f.text("title") or name, name=name, role=f.text("role"),
            department=f.text("department"), award=f.text("award"),
            citation=f.text("citation"),
            since=f.integer("since", 1900, 2100, "a year like 2019"),
            photo=f.image("photo", "alt", source, self.finder, require_alt=False),
            consent=f.consent(), **common)

    def policy(self, f: Fields, common: dict[str, Any]) -> Policy:
        standards: list[tuple[str, str]] = []
        for index, item in f.mappings("standards"):
            measure = str(item.get("measure") or "").strip()
            target = str(item.get("target") or "").strip()
            if not measure or not target:
                f.error(f"standards.{index}", f"standard {index + 1} needs both a `measure` "
                        "and a `target`, like {measure: Answer the phone, target: within 3 rings}")
                continue
            standards.append((measure, target))
        return Policy(
            title=f.text("title") or "Our customer service policy",
            effective=f.date("effective"), version=f.text("version"), owner=f.text("owner"),
            commitments=f.strings("commitments"), standards=standards, **common)
