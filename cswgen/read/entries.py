"""One entry from one file or row: each field of each kind validated, every problem
collected with its line (or sheet and row)."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from cswgen.core import bidi, cldr
from cswgen.core.errors import Problems
from cswgen.core.week import (
    WEEKDAYS,
    first_full_week_of_october,
    long_label,
    range_label,
    short_label,
    weekday_in,
    weekday_index,
)
from cswgen.read.dates import day_meant, read_date
from cswgen.read.fields import Fields
from cswgen.read.finder import Finder, Lookup
from cswgen.read.frontmatter import missing_front_matter, split
from cswgen.read.records import (
    EVENT_KEYS,
    FIELD_EXAMPLES,
    KIND_NAMES,
    KNOWN,
    Day,
    Entry,
    Event,
    Honour,
    Page,
    Policy,
    Testimonial,
)
from cswgen.read.settings import SiteConfig
from cswgen.read.slugs import slugify

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
        problems.error(site_path, 1, missing_front_matter(text, fields_example(kind,
                                                                                source.stem)))
        return None, set(), finder.lookups
    pictures = pictures_named(document.data, document.body, source, finder)
    fields = Fields(document.data, document.lines, site_path, problems,
                    example=example_date(config), emptied=document.emptied,
                    spelled=document.spelled, unread=document.unread)
    reader = EntryReader(config, problems, drafts=drafts, finder=finder)
    entry = reader.entry(kind, fields, document.body, document.body_line, source, source.stem)
    if not checked_whole(document.unread):
        return None, set(), finder.lookups
    if entry is not None:
        entry.body_digest  # noqa: B018  (made now, so that it is kept with the entry)
    return entry, pictures, finder.lookups


# the fields that decide whether an entry is published, where, or whom it names
_PLACING = frozenset({"slug", "draft", "publish", "consent", "name"})


def checked_whole(unread: frozenset[str] | None) -> bool:
    """Whether an entry read from front matter with lines set aside, after a syntax error
    (`unread`: the fields on them), goes on to be checked with the rest of the site (its
    text's links, its address), as one with a wrong value does: not when a field set
    aside decides whether it is published, or where (the links to it would be said to
    go nowhere), or whom it names."""
    return unread is None or not unread & _PLACING


def fields_example(kind: str, stem: str) -> str:
    """The first fields of a file of `kind` named `stem`, for the message that says it has
    no front matter: a page's title from its name (`opening-hours` -> "title: Opening
    hours"), a day's weekday from its name (`fun-friday` -> "day: friday")."""
    words = [w for w in re.split(r"[-_\s]+", stem) if w]
    if kind == "page" and words and stem.lower() != "faq":
        title = " ".join(words)  # (its words as the name writes them: `about-CSW`)
        return f"title: {title[:1].upper()}{title[1:]}"
    weekday = next((WEEKDAYS[i] for w in words if len(w) >= 3
                    and (i := weekday_index(w)) is not None), None)
    if kind == "day" and weekday is not None:
        theme = " ".join(w[:1].upper() + w[1:] for w in words) if len(words) > 1 else \
            f"Superhero {weekday.capitalize()}"
        return f"title: {theme}, day: {weekday}"
    return FIELD_EXAMPLES[kind]


def example_date(config: SiteConfig) -> date:
    """A date in the site's week (its second day), for examples in messages."""
    dates = config.week.dates
    return dates[min(1, len(dates) - 1)]


# `![alt](address)`, or `![alt](<address with spaces>)` as Markdown asks for such a name
_BODY_PICTURE = re.compile(r"!\[[^\]]*\]\(\s*(?:<([^>\n]+)>|([^)\s>]+))")


def pictures_named(data: dict[str, Any], body: str, source: Path, finder: Finder) -> set[str]:
    """The pictures a file shows however it is published (a draft's too): its `image` and
    `photo` fields and the ![...](...) in its body."""
    named = [data.get("image"), data.get("photo"),
             *(bracketed or plain for bracketed, plain in _BODY_PICTURE.findall(body))]
    found: set[str] = set()
    for name in named:
        if isinstance(name, str):
            # (a `#` or `?` may be the name's, or start the address's fragment or query)
            path = finder(unquote(name), source.parent) or \
                finder(unquote(re.split(r"[?#]", name)[0]), source.parent)
            if path is not None:
                found.add(path)
    return found


def _lang(f: Fields, body: str) -> str:
    """`lang`: the language an entry's words are in when they are not in the site's (the
    demo's English in a site started in another language), as a BCP 47 tag.  A file that
    says English but is written in Arabic letters (the demo's file rewritten, the line
    left in) is warned about: its pages would lay it out left to right."""
    written = f.text("lang")
    if not written:
        return ""
    try:
        language = cldr.parse(written)
    except cldr.UnknownLanguage as exc:
        advice = ("give the language this file is written in as a BCP 47 tag, such as "
                  "en-GB, or delete the line when it is in the site's own language")
        if exc.suggestion:  # (a question ends a sentence: the advice starts the next)
            advice = f"did you mean {exc.suggestion}? {advice[:1].upper()}{advice[1:]}"
        f.error("lang", f"{written} is not a language tag cswgen knows; {advice}")
        return ""
    words = " ".join([body, *(v for v in f.data.values() if isinstance(v, str))])
    if (found := bidi.mostly(words)) and found != language.direction:
        ways = {"rtl": "right to left", "ltr": "left to right"}
        name = cldr.parse(language.code).english_name
        f.warning("lang", f"says its text is in {name} ({language.tag}), which is written "
                  f"{ways[language.direction]}, but most of it is written {ways[found]}; "
                  "delete this line if the file is now in the site's own language, or give "
                  "the language it is in")
    return language.tag


class EntryReader:
    """Validates the fields of one kind of entry into its record."""

    def __init__(self, config: SiteConfig, problems: Problems, *, drafts: bool,
                 finder: Finder) -> None:
        self.config = config
        self.problems = problems
        self.drafts = drafts
        self.finder = finder

    def entry(self, kind: str, f: Fields, body: str, body_line: int, source: Path,
              stem: str | None) -> Entry | None:
        entry = self.fields_of(kind, f, body, body_line, source, stem)
        f.report_emptied()  # (after the required fields, which say it as an error)
        return entry

    def fields_of(self, kind: str, f: Fields, body: str, body_line: int, source: Path,
                  stem: str | None) -> Entry | None:
        f.unwrap_quotes()
        draft = f.boolean("draft")
        if draft and not self.drafts:
            return None  # unfinished work: its fields are checked once it is no longer a draft
        if not f.row:  # (a list's columns are checked once, at its header: `tables`)
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
            "publish": f.date("publish"), "lines": dict(f.lines), "written_in": _lang(f, body),
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

    def day(self, f: Fields, source: Path, common: dict[str, Any]) -> Day:
        week = self.config.week
        title = f.text("title", required=True, what="the day's theme, like \"Superhero Tuesday\"")
        when = self.day_date(f)
        events: list[Event] = []
        for index, item in f.mappings("events", "`title: Quiz` and `time: 10:30`"):
            events.append(self.event(f, index, item))
        image = f.image("image", "alt", source, self.finder, require_alt=True)
        if when is None and not f.has("date") and not f.has("day"):
            f.missing("date", f"or `day`, like date: {week.start.isoformat()} or day: "
                      f"{WEEKDAYS[week.start.weekday()]}", instead=("day",))
        # a wrong date (reported above) keeps the day out, but not its body from being read
        return Day(title=title, date=when or week.start, summary=f.text("summary"),
                   dress_code=f.text("dress_code"), events=events, image=image,
                   unplaced=when is None, **common)

    def day_date(self, f: Fields) -> date | None:
        week = self.config.week
        dates = week.dates
        span = range_label(dates[0], dates[-1])
        written = f.data.get("date")
        when, wrong = (None, "") if written is None or written == "" else \
            read_date("date", written, f.example, row=f.row)
        if wrong:  # (a weekday, or a day and month without the year: which date is meant)
            f.error("date", wrong + day_meant(written, dates, guessed=week.guessed))
        # when the week's own settings are wrong (and said so), its dates are a stand-in:
        # the days are measured against the week once it is right, not against a guess
        if when is not None and when not in dates and not week.guessed:
            moving = (f" (if the whole site is moving to {week.year}, put [week] back as it "
                      f"was for {when.year} and run `cswgen redate {week.year}`: it moves "
                      "every date at once)" if when.year != week.year else "")
            # last year's date of a day (a file saved again over `cswgen redate`'s change)
            same = when + (first_full_week_of_october(week.year)
                           - first_full_week_of_october(when.year))
            change = (f"change it to {same.isoformat()}, the same day of this year's week"
                      if when.year != week.year and same in dates else "change the date")
            f.error("date", f"{when.isoformat()} ({long_label(when)}) is outside the week "
                    f"({span}); {change}, or [week] in config.toml{moving}")
            return None
        if f.has("day"):
            name = f.text("day")
            index = weekday_in(name, self.config.site.tags)
            if index is None:
                f.error("day", f"`day` is \"{name}\", which is not a day of the week; write "
                        "a weekday like monday or tue" + _weekdays_in(self.config.site.tags))
                return None
            if week.guessed:
                return None
            matches = [d for d in dates if d.weekday() == index]
            if not matches:
                f.error("day", f"{name} is not one of the week's days ({span}); "
                        "change `day`, or [week] days in config.toml")
                return None
            if when is not None and when != matches[0]:
                f.error(f.written("day", "date"), f"`day: {name}` and `date: "
                        f"{when.isoformat()}` disagree "
                        f"({short_label(when)}); keep one of them")
                return None
            return matches[0]
        return None if week.guessed else when

    def event(self, f: Fields, index: int, item: dict[str, Any]) -> Event:
        key = f"events.{index}"
        for name in item:
            if name not in EVENT_KEYS:
                f.warning(f"{key}.{name}", f"`{name}` is not a field of an event; the fields "
                          f"are {', '.join(EVENT_KEYS)}")
        sub = Fields({k: v for k, v in item.items()},
                     {k.removeprefix(key + "."): v for k, v in f.lines.items()
                      if k.startswith(key + ".")} | {"": f.line(key)}, f.path, self.problems,
                     spelled={k.removeprefix(key + "."): v for k, v in f.spelled.items()
                              if k.startswith(key + ".")})
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
            f.error(f.written(f"{key}.end", f"{key}.time"),
                    f"event {index + 1} ends at {end}, before it starts at "
                    f"{start}; check the times (24-hour clock)")
        return Event(title=title, time=start, end=end, place=sub.text("place"),
                     description=sub.text("description"))

    def testimonial(self, f: Fields, source: Path, common: dict[str, Any]) -> Testimonial:
        customer = one_space(f.text("customer", required=True, what="the name the "
                                    "customer agreed to show, like \"Rudo M.\""))
        if not common["body"].strip() and ("text" in f.columns or not f.columns) \
                and not f.set_aside("text"):
            # (a list with no `text` column at all is warned about once, at its header)
            f.warning("", "this testimonial has no text; write the customer's words below "
                      "the front matter" if not f.row else "this row's `text` cell is empty; "
                      "fill it in with the customer's words, or the testimonial shows its name "
                      "alone")
        return Testimonial(
            title=f.text("title"), customer=customer, organisation=f.text("organisation"),
            location=f.text("location"), date=f.date("date"),
            rating=f.integer("rating", 1, 5, "a whole number from 1 to 5"),
            staff=[one_space(name) for name in f.strings("staff", separator=";")],
            featured=f.boolean("featured"),
            photo=f.image("photo", "alt", source, self.finder, require_alt=False),
            consent=f.consent(), consent_blank=_blank(f, "consent"), **common)

    def honour(self, f: Fields, source: Path, common: dict[str, Any]) -> Honour:
        name = one_space(f.text("name", required=True, what="the person's name"))
        return Honour(
            title=f.text("title") or name, name=name, role=f.text("role"),
            department=f.text("department"), award=f.text("award"),
            citation=f.text("citation"),
            since=f.year("since"),
            photo=f.image("photo", "alt", source, self.finder, require_alt=False),
            consent=f.consent(), consent_blank=_blank(f, "consent"), **common)

    def policy(self, f: Fields, common: dict[str, Any]) -> Policy:
        standards: list[tuple[str, str]] = []
        for index, item in f.mappings("standards", "`measure: Answer the phone` and "
                                             "`target: within 3 rings`"):
            measure = str(item.get("measure") or "").strip()
            target = str(item.get("target") or "").strip()
            if not measure or not target:
                f.error(f"standards.{index}", f"standard {index + 1} needs both a `measure` "
                        "and a `target`, like {measure: Answer the phone, target: within 3 rings}")
                continue
            standards.append((measure, target))
        return Policy(
            title=f.text("title"),  # the site's language's words when empty (render)
            effective=f.date("effective"), version=f.text("version"), owner=f.text("owner"),
            commitments=f.strings("commitments"), standards=standards, **common)


def _weekdays_in(tags: tuple[str, ...]) -> str:
    """The site's other language's weekdays, for a `day` that is none: ", or in Kinyarwanda
    (Rwanda): Kuwa mbere, Kuwa kabiri, ..." ("" on an English site)."""
    from cswgen.core import cldr  # (Babel's names: only for this error)

    language = next((cldr.parse(t) for t in tags if not t.lower().startswith("en")), None)
    if language is None:
        return ""
    names = ", ".join(language.weekday(date(2024, 1, n)) for n in range(1, 8))  # (a Monday)
    return f", or in {language.english_name}: {names}"


_SPACES = re.compile(r"[ \t]{2,}|\t")


def one_space(name: str) -> str:
    """A name with each run of spaces (or a tab) typed as one space: "Conceição  Sitoe"
    from a spreadsheet cell showed both in plain-text email, the feed and share images,
    where HTML does not fold them.  A no-break space is kept: it is put in on purpose
    ("Rudo\u00a0M.", never split over two lines)."""
    return _SPACES.sub(" ", name)

def _blank(f: Fields, key: str) -> bool:
    """Whether `f` is a row of a list that has a `key` column, with its cell empty."""
    return f.row and key in f.columns and f.data.get(key) in (None, "")
