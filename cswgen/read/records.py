"""What reading `content/` produces: a typed record per day, testimonial, person and page,
the fields each kind has, and `Content`, all of them together."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from datetime import date
from pathlib import PurePosixPath
from typing import Any, cast

from cswgen.core.digest import text_digest
from cswgen.core.errors import place
from cswgen.core.kept import Kept, kept
from cswgen.read.finder import Image

COMMON = ("title", "draft", "publish", "slug", "lang")
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


@dataclass(frozen=True)
class Event:
    title: str
    time: str | None = None
    end: str | None = None
    place: str = ""
    description: str = ""


class _Body:
    """An entry's `body`: its text, or where the steps' cache keeps it apart (see
    `core.kept`), read the first time it is asked for.  A build after one edit at 10,000
    entries reads the bodies of the few it converts again, not 30 MB of them."""

    def __get__(self, entry: Entry | None, owner: type | None = None) -> str:
        if entry is None:
            return ""  # (the field's default)
        value: str | Kept = entry.__dict__["_body"]
        if isinstance(value, Kept):
            value = entry.__dict__["_body"] = value.value
        return value

    def __set__(self, entry: Entry, value: str | Kept) -> None:
        entry.__dict__["_body"] = value


@dataclass
class Entry:
    """What every content file or CSV row has."""

    kind: str
    path: str  # site-relative source path, `/`-separated
    line: int  # 1 for a file, the row's line for a CSV row, the row's number in a workbook
    slug: str
    title: str
    body: _Body = _Body()
    body_line: int = 1
    draft: bool = False
    publish: date | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    sheet: str = ""  # a workbook row's sheet: problems about the entry name it (see errors)
    language: str = ""  # a translation's language (`monday.sw.md`); "" in the default one
    # the language its words are in when it is not the site's (`lang: en-GB`: the demo's
    # English in a site `new` made in another language); "" for the site's own
    written_in: str = ""
    inherited_body: bool = False  # a translation without a body of its own: the original's
    # its fields keep it out of the site (a day whose `day` or `date` is wrong): it is kept
    # apart (`Content.unplaced`) only so that its body's problems are reported in the same run
    unplaced: bool = False

    def line_of(self, key: str) -> int:
        return self.lines.get(key, self.line)

    @property
    def kept_body(self) -> str | Kept:
        """The body as it is held: not read from the cache's file when kept apart."""
        return cast("str | Kept", self.__dict__["_body"])

    def __getstate__(self) -> dict[str, Any]:
        """(Pickled, a long body is kept apart: see `core.kept`.)"""
        state = dict(self.__dict__)
        if type(body := state["_body"]) is str:
            state["_body"] = kept(body)
        return state

    @property
    def from_csv(self) -> bool:
        """A row of a table, CSV file or workbook: its fields are columns, all on its line."""
        return self.path.lower().endswith(".csv") or bool(self.sheet)

    @functools.cached_property
    def body_digest(self) -> str:  # a body never changes once read
        """`text_digest` of the body: made when its file is read (see `read_markdown`), so
        it is kept with the entry and a build that finds the entry kept does not digest
        its text again."""
        return text_digest(self.body)

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
    # a row of a list that has a `consent` column (a form's "I agree" box) left empty
    consent_blank: bool = False


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
    # a row of a list that has a `consent` column (a form's "I agree" box) left empty
    consent_blank: bool = False


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
    # the site's other languages' entries, by language: each one the translation of an
    # entry above (same kind and slug), facts it leaves out filled in from that entry
    translations: dict[str, list[Entry]] = field(default_factory=dict)
    # entries whose fields keep them out of the site (see `Entry.unplaced`)
    unplaced: list[Entry] = field(default_factory=list)
    # the Markdown files (site-relative paths) whose errors keep them out of the site: a
    # link to one is broken by that error alone, which is reported at the file; and the
    # other files that are not published, each with its own warning (`withheld`)
    unread: set[str] = field(default_factory=set)
    # the Markdown files (site-relative paths) left out as drafts (`draft: true`); no entry
    # is kept for one, so it is known by its name alone (see `draft_name`)
    drafts: set[str] = field(default_factory=set)

    def entries(self) -> list[Entry]:
        """Every entry read, published or not."""
        singles: list[Entry] = [e for e in (self.home, self.policy) if e is not None]
        return [*singles, *self.days, *self.testimonials, *self.honour, *self.pages]

    def add(self, entry: Entry) -> None:
        """An entry read, in the list of its kind."""
        if entry.unplaced:
            self.unplaced.append(entry)
        elif isinstance(entry, Day):
            self.days.append(entry)
        elif isinstance(entry, Testimonial):
            self.testimonials.append(entry)
        elif isinstance(entry, Honour):
            self.honour.append(entry)
        elif isinstance(entry, Policy):
            self.policy = entry
        elif isinstance(entry, Page) and entry.kind == "home":
            self.home = entry
        elif isinstance(entry, Page):
            self.pages.append(entry)


def draft_name(path: str) -> str:
    """The name a draft (one of `Content.drafts`, which keeps no entry for it) is known by:
    its file name without language or extension (`content/days/tuesday.sw.md` -> `tuesday`)."""
    return PurePosixPath(path).stem.split(".")[0]
