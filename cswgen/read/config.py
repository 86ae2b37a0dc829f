"""Read and validate `config.toml` into a typed, immutable `SiteConfig`.

Every problem is collected with the line it is on; an unknown table or key is refused
with the nearest known one suggested, because a silently ignored typo is a setting that
quietly does nothing.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from cswgen.core import cldr, paths, tomlpos
from cswgen.core.colours import readable_warning
from cswgen.core.errors import Problem, Problems, SiteError
from cswgen.core.tomlpos import key_lines
from cswgen.core.week import first_full_week_of_october
from cswgen.read.place import CONFIG_NAME, today_in
from cswgen.read.publishing import PublishTarget, publish_targets
from cswgen.read.tomltable import Table, shown, suggest

DEFAULT_PRIMARY = "#c8102e"  # the week's red
DEFAULT_SECONDARY = "#0b3d91"  # the week's blue

SCHEMA: dict[str, tuple[str, ...]] = {
    "site": ("title", "organisation", "description", "language", "languages", "untranslated",
             "base_url", "theme"),
    "week": ("theme", "start", "year", "days", "timezone", "reveal"),
    "brand": ("primary", "secondary", "logo"),
    "build": ("output", "unsafe_html", "require_consent"),
    "screen": ("seconds",),  # the lobby screen (screen/)
    "labels": (),  # checked against the strings (read/catalogue), which know the names
    "extra": (),
    "publish": (),  # named tables of their own: see read.publishing
}

_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


@dataclass(frozen=True)
class SiteSettings:
    title: str
    organisation: str = ""
    description: str = ""
    language: str = "en"  # the default language: the first of `languages`
    base_url: str = ""  # "" or an absolute URL ending in "/"
    theme: str = "classic"
    languages: tuple[str, ...] = ()  # every language the site is published in, default first
    untranslated: str = "show"  # "show": an entry without translation in its own language

    @property
    def tags(self) -> tuple[str, ...]:
        """Every language of the site, the default first."""
        return self.languages or (self.language,)


@dataclass(frozen=True)
class WeekSettings:
    start: date
    year: int
    days: int = 5
    theme: str = ""
    timezone: str = "UTC"
    reveal: str = "all"  # "all" or "daily"
    # `start`, `year` or `days` is wrong (and reported): these dates stand in for the week,
    # so nothing is measured against them
    guessed: bool = False

    @property
    def dates(self) -> list[date]:
        return [date.fromordinal(self.start.toordinal() + i) for i in range(self.days)]

    @property
    def end(self) -> date:
        return self.dates[-1]


@dataclass(frozen=True)
class BrandSettings:
    primary: str = DEFAULT_PRIMARY
    secondary: str = DEFAULT_SECONDARY
    logo: str | None = None  # a path under content/, `/`-separated


@dataclass(frozen=True)
class BuildSettings:
    output: str = "output"
    unsafe_html: bool = False
    require_consent: bool = False


@dataclass(frozen=True)
class ScreenSettings:
    seconds: int = 12  # each slide of the lobby screen shows this long


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    site: SiteSettings
    week: WeekSettings
    brand: BrandSettings = field(default_factory=BrandSettings)
    build: BuildSettings = field(default_factory=BuildSettings)
    screen: ScreenSettings = field(default_factory=ScreenSettings)
    extra: dict[str, Any] = field(default_factory=dict)
    labels: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # "site.title" -> line
    publish: dict[str, PublishTarget] = field(default_factory=dict)  # [publish.NAME]

    def line_of(self, dotted: str) -> int:
        return self.lines.get(dotted, self.lines.get(dotted.split(".")[0], 1))


def toml_problem(path: str, text: str, exc: tomllib.TOMLDecodeError, offset: int = 0) -> Problem:
    """A TOML syntax error as a message that names the line, and the key when it can."""
    match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    line = int(match.group(1)) if match else 1
    if "(at end of document)" in str(exc):  # the last line, saved with no line break after it
        line = max(len(text.splitlines()), 1)
    message = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", str(exc))
    lines = text.split("\n")  # (as TOML counts lines: a stray \x0b or \x0c ends none)
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    key, _, value = source.partition("=")
    if "date" in message.lower() and value.strip():
        return Problem(path, line + offset, f"`{key.strip()}` is {value.split('#')[0].strip()}, "
                       "which is not a date that exists; write it as YYYY-MM-DD with a real "
                       "month and day")
    if message == "Unclosed array":  # (found on a later line: name the one that opens it)
        line = next((n for n in range(min(line, len(lines)), 0, -1)
                     if lines[n - 1].partition("=")[2].lstrip().startswith("[")), line)
        source = lines[line - 1] if 0 < line <= len(lines) else ""
        key, _, value = source.partition("=")
    said = _toml_in_words(message, key.strip(), value.strip(), source.strip(), lines, line)
    if said:
        return Problem(path, line + offset, said)
    return Problem(path, line + offset, f"is not valid TOML: {message}; check the quotes, "
                   "brackets and `key = value` shape on this line")


# Settings and fields that are numbers, with an example: "days = five" is not text.
_NUMBER_KEYS = {"days": "5", "year": "2027", "seconds": "12", "rating": "5", "menu": "1",
                "since": "2019"}
_CURLY_QUOTES = "\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb"
_WRITTEN_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")


def _toml_in_words(message: str, key: str, value: str, source: str, lines: list[str],
                   line: int) -> str | None:
    """What the common mistakes on a TOML line mean, in plain words with the line as it
    should be; None for anything else (said as TOML says it)."""
    bare = value.split(" #")[0].strip()
    if message.startswith("Cannot overwrite a value") and key:
        first = _set_before(lines, line, lambda text: text.partition("=")[0].strip() == key)
        also = f" (also on line {first})" if first else ""
        return f"`{key}` is set twice{also}; keep one of them"
    if message.startswith("Cannot declare"):
        first = _set_before(lines, line, lambda text: text == source, within_table=False)
        also = f" (also on line {first})" if first else ""
        return f"{source} appears twice{also}; put all its settings under one {source}"
    if message.startswith("Expected ']' at the end of a table declaration"):
        return f"the section name {source} is not closed; end it with ], like {source}]"
    if message.startswith("Expected '=' after a key"):
        name, colon, after = source.partition(":")
        if colon:
            return (f"a setting and its value are joined with =, not a colon: write "
                    f"{name.strip()} = {after.strip()}")
        return None
    if not key:
        return None
    if message == "Unclosed array":
        return (f"the list `{key}` opened with [ on this line is never closed; end it with ], "
                f"like {key} = [\"one\", \"two\"]")
    if not bare:
        return (f"`{key}` has no value after =; give one (text in \"double quotes\"), or "
                "delete the line to use the default")
    if bare.startswith('"') and "\\" in bare and message.startswith(
            ("Unescaped '\\'", "Invalid hex value", "Unterminated string")):
        return (f"the text of `{key}` holds \\, which starts a special character inside "
                "\"double quotes\"; write a Windows path in single quotes: "
                f"{key} = '{bare.strip(chr(34))}'")
    if bare[0] in _CURLY_QUOTES:
        straight = '"' + bare.strip(_CURLY_QUOTES + '"') + '"'
        curly = "".join(dict.fromkeys(c for c in bare if c in _CURLY_QUOTES))
        return (f"`{key}` is in curly quotes ({curly}), which Word and Outlook "
                f"type; use straight double quotes: {key} = {straight}")
    if bare.startswith('"') and (message.startswith(("Illegal character '\\n'",
                                                     "Unterminated")) or bare.count('"') == 1):
        return (f"the text of `{key}` opens with \" but is never closed on this line; end it "
                f"with \", like {key} = {bare.rstrip()}\"")
    if bare.startswith("'") and bare.count("'") != 2:
        inside = bare.strip("'")
        return (f"the text of `{key}` is in single quotes, and the apostrophe inside it ends "
                f"it early; use double quotes: {key} = \"{inside}\"")
    if bare.lower() in ("yes", "no", "on", "off", "y", "n") or bare in ("True", "False",
                                                                          "TRUE", "FALSE"):
        meant = "true" if bare.lower() in ("yes", "on", "y", "true") else "false"
        return (f"`{key}` must be true or false, in small letters and without quotes: "
                f"{key} = {meant}")
    if _WRITTEN_DATE.fullmatch(bare):
        return (f"`{key}` is {bare}; write a date as YYYY-MM-DD (year, month, day, with "
                "a real month and day) and without quotes, like 2027-10-04")
    if key in _NUMBER_KEYS and (bare[0].isalpha() or bare[0] in "'\""):
        return (f"`{key}` must be a whole number written in digits, without quotes, like "
                f"{key} = {_NUMBER_KEYS[key]}")
    if bare[0].isalpha() or bare[0] in "#/~.\\":  # a word, a hashtag, a path
        return (f"the text of `{key}` must be in double quotes: {key} = \"{bare}\" (a # "
                "outside quotes starts a note)" if bare[0] == "#" else
                f"the text of `{key}` must be in double quotes: {key} = \"{bare}\"")
    return None


def _set_before(lines: list[str], line: int, same: Callable[[str], bool],
                within_table: bool = True) -> int | None:
    """The number of an earlier line that `same` recognises (within the table of `line`)."""
    for number in range(line - 1, 0, -1):
        text = lines[number - 1].strip()
        if same(text):
            return number
        if within_table and text.startswith("["):
            return None
    return None


def load_config(root: Path, problems: Problems | None = None) -> SiteConfig:
    """Read `root/config.toml`.

    Problems with single values go to `problems` (defaults stand in for the bad values, so
    the content can still be checked in the same run); when `problems` is None, or the file
    cannot be read at all, `SiteError` is raised.
    """
    collect = problems if problems is not None else Problems()
    path = root / CONFIG_NAME
    if not path.is_file():
        raise SiteError([Problem(CONFIG_NAME, 0, f"not found in {root}; run cswgen in your "
                                 "site's folder, or start a new site with `cswgen new mysite`")])
    raw = path.read_bytes()
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # (Notepad's "Unicode")
        raise SiteError([Problem(CONFIG_NAME, 1, "is saved as UTF-16 (\"Unicode\" in "
                                 "Notepad); save it again as UTF-8 (in Notepad: encoding "
                                 "UTF-8)")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SiteError([Problem(CONFIG_NAME, line, f"is not UTF-8 text (byte {exc.start}); "
                                 "save it as UTF-8 in your editor")]) from None
    try:
        data = tomlpos.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SiteError([toml_problem(CONFIG_NAME, text, exc)]) from None
    config = parse_config(root, data, key_lines(text), collect)
    if problems is None and collect.errors:
        raise SiteError(collect.items)
    return config


def parse_config(root: Path, data: dict[str, Any], lines: dict[str, int],
                 problems: Problems) -> SiteConfig:
    for section, value in data.items():
        if section not in SCHEMA:
            hint = suggest(section, list(SCHEMA))
            where = lines.get(section, 1)
            if isinstance(value, dict):
                advice = f"did you mean [{hint}]?" if hint else (
                    "the sections are " + ", ".join(f"[{t}]" for t in SCHEMA))
                problems.error(CONFIG_NAME, where, f"unknown section [{section}]: {advice} "
                               "Settings for your own templates go in [extra].")
            else:
                owner = next((t for t, keys in SCHEMA.items() if section in keys), None)
                advice = (f"put it under [{owner}]" if owner else
                          "settings for your own templates go in [extra]")
                problems.error(CONFIG_NAME, where, f"`{section}` is not inside a section: {advice}")
            continue
        if not isinstance(value, dict):
            problems.error(CONFIG_NAME, lines.get(section, 1),
                           f"`{section}` must be a section written as [{section}]")
            continue
        if section in ("extra", "labels", "publish"):
            continue
        for key in value:
            if key not in SCHEMA[section]:
                hint = suggest(key, SCHEMA[section])
                advice = f"did you mean `{hint}`?" if hint else (
                    "known keys: " + ", ".join(SCHEMA[section]) + ".")
                problems.error(CONFIG_NAME, lines.get(f"{section}.{key}", lines.get(section, 1)),
                               f"[{section}] {key} is not a setting cswgen knows; {advice} "
                               "Settings for your own templates go in [extra].")

    def table(name: str) -> Table:
        value = data.get(name, {})
        return Table(value if isinstance(value, dict) else {}, name, lines, problems)

    week = _week(table("week"), problems)
    site = _site(table("site"), problems, week.start.year)
    brand = _brand(table("brand"), root)
    builder = table("build")
    output = builder.string("output", "output") or "output"
    if any(ord(c) < 32 for c in output):  # a NUL or a line break: no folder has that name
        builder.bad("output", f"{shown(output)} holds a control character (such as a line "
                    "break); write the folder's name, like output = \"output\"")
        output = "output"
    build_settings = BuildSettings(
        output=output,
        unsafe_html=builder.boolean("unsafe_html"),
        require_consent=builder.boolean("require_consent"),
    )
    # long enough to read a testimonial from across the room; short enough to get round
    screen = ScreenSettings(seconds=table("screen").integer("seconds", 4, 120, 12))
    extra = data.get("extra", {})
    labels = data.get("labels", {})
    return SiteConfig(root=root, site=site, week=week, brand=brand, build=build_settings,
                      screen=screen,
                      extra=extra if isinstance(extra, dict) else {},
                      labels=labels if isinstance(labels, dict) else {}, lines=dict(lines),
                      publish=publish_targets(data.get("publish", {}), lines, problems))


def _site(r: Table, problems: Problems, year: int) -> SiteSettings:
    if "title" not in r.data:
        problems.error(CONFIG_NAME, r.lines.get("site", 1),
                       "[site] title is missing; add a line like "
                       f"title = \"Customer Service Week {year}\" under [site]")
    title = r.string("title")
    if "title" in r.data and not title and isinstance(r.data.get("title"), str):
        r.bad("title", "is empty; give the site a name")
    language = _language(r, r.string("language", "en") or "en")
    languages = _languages(r, language)
    if languages:
        language = languages[0]
    untranslated = r.string("untranslated", "show") or "show"
    if untranslated not in ("show", "omit"):
        r.bad("untranslated", f"must be \"show\" (an entry without a translation appears in "
              "the default language) or \"omit\" (it is left out of that language's "
              f"pages), not {shown(untranslated)}")
        untranslated = "show"
    base_url = r.string("base_url")
    if base_url:
        if not re.match(r"https?://[^/\s]+", base_url) or any(c.isspace() for c in base_url):
            r.bad("base_url", "must be an absolute address starting with https:// "
                  "(like \"https://example.org/csw/\"), or \"\" to leave it out; "
                  f"not {shown(base_url)}")
            base_url = ""
        elif not base_url.endswith("/"):
            base_url += "/"
    theme = r.string("theme", "classic") or "classic"
    return SiteSettings(title=title, organisation=r.string("organisation"),
                        description=r.string("description"), language=language,
                        languages=languages, untranslated=untranslated,
                        base_url=base_url, theme=theme)


def _language(r: Table, written: str, key: str = "language") -> str:
    """The tag of `[site] language` as BCP 47 writes it (`pt_br` -> `pt-BR`)."""
    try:
        return cldr.parse(written).tag
    except cldr.UnknownLanguage as exc:
        hint = f"did you mean \"{exc.suggestion}\"? " if exc.suggestion else ""
        r.bad(key, f"{'is' if key == 'language' else 'lists'} {shown(written)}, which is not "
              "a language tag cswgen knows; "
              f"{hint}Write the visitors' language as a BCP 47 tag, such as \"en\", "
              "\"fr-CA\", \"pt-BR\", \"ar\" or \"sw\"")
        return "en"


def _languages(r: Table, language: str) -> tuple[str, ...]:
    """`[site] languages`, checked: known tags, each once; the first is the default, so a
    `language` that names another is an error."""
    if "languages" not in r.data:
        return ()
    value = r.data["languages"]
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        r.bad("languages", "must be a list of language tags in quotes, the default first, "
              f"like languages = [\"en\", \"sw\"], not {shown(value)}")
        return ()
    tags: list[str] = []
    for written in value:
        try:
            tag = cldr.parse(written).tag
        except cldr.UnknownLanguage:
            _language(r, written, key="languages")  # says so, with the nearest tag
            continue
        if tag in tags:
            r.bad("languages", f"names {shown(tag)} twice; list each language once")
        else:
            tags.append(tag)
    if "language" in r.data and tags and language != tags[0]:
        r.bad("language", f"is {shown(language)}, but the first of `languages` is "
              f"{shown(tags[0])}, and the first is the site's default language; make them the "
              "same, or leave out `language`")
    return tuple(tags)


def _week(r: Table, problems: Problems) -> WeekSettings:
    timezone = r.string("timezone", "UTC") or "UTC"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        offset = _offset_named(timezone)
        places = list(_ABBREVIATIONS.get(timezone.strip().upper(), ())) or (
            _places_at(offset) if offset is not None else [])
        if places:
            r.bad("timezone", f"{shown(timezone)} is not a time zone cswgen can use: it needs "
                  "the name of a place, which also says when the clocks change; use the one "
                  "where your week happens, such as " + _or(places) + " (from the IANA list "
                  "of time zones)")
        else:
            near = _zone_named(timezone)
            hint = f"did you mean \"{near}\"? " if near else ""
            r.bad("timezone", f"{shown(timezone)} is not a time zone; {hint}use a name from "
                  "the IANA list, such as \"Africa/Harare\", \"Europe/London\" or "
                  "\"America/New_York\"")
        timezone = "UTC"
    reveal = r.string("reveal", "all") or "all"
    if reveal not in ("all", "daily"):
        r.bad("reveal", f"must be \"all\" or \"daily\", not {shown(reveal)}")
        reveal = "all"
    errors = len(problems.errors)
    days = r.integer("days", 1, 7, 5)
    start_value = r.data.get("start")
    start: date | None = None
    if start_value is not None:
        if isinstance(start_value, datetime) or not isinstance(start_value, date):
            given = r.data.get("year")
            example = first_full_week_of_october(
                given if isinstance(given, int) and 1900 <= given <= 9999
                else today_in(timezone).year)
            r.bad("start", "must be a date written as YYYY-MM-DD without quotes, "
                  f"like start = {example.isoformat()}; not {shown(start_value)}")
        else:
            start = start_value
    if "year" in r.data:
        written = r.data["year"]
        year = r.integer("year", 1900, 9999, today_in(timezone).year)
        if start is not None and start.year != year and year == written:
            # (a wrong `year` is reported already; the year that stands in for it is a guess)
            r.bad("start", f"{start.isoformat()} is not in [week] year {year}; change one of "
                  "them, or remove `start` to use the first full week of October")
    else:
        year = start.year if start is not None else today_in(timezone).year
    if start is None:
        start = first_full_week_of_october(year)
    return WeekSettings(start=start, year=year, days=days, theme=r.string("theme"),
                        timezone=timezone, reveal=reveal,
                        guessed=len(problems.errors) > errors)


# Abbreviations people write for a time zone, and places that keep that time.  (EST, CET
# and a few others are zone names of their own, and are accepted as they are.)
_ABBREVIATIONS = {
    "CAT": ("Africa/Harare", "Africa/Maputo", "Africa/Lusaka"),
    "SAST": ("Africa/Johannesburg", "Africa/Maseru", "Africa/Mbabane"),
    "EAT": ("Africa/Nairobi", "Africa/Dar_es_Salaam", "Africa/Kampala"),
    "WAT": ("Africa/Lagos", "Africa/Kinshasa", "Africa/Luanda"),
    "BST": ("Europe/London",), "WEST": ("Europe/Lisbon", "Atlantic/Canary"),
    "CEST": ("Europe/Paris", "Europe/Berlin", "Europe/Madrid"),
    "EEST": ("Europe/Athens", "Europe/Helsinki", "Europe/Bucharest"),
    "MSK": ("Europe/Moscow",), "GST": ("Asia/Dubai", "Asia/Muscat"), "PKT": ("Asia/Karachi",),
    "SGT": ("Asia/Singapore",), "AWST": ("Australia/Perth",), "JST": ("Asia/Tokyo",),
    "AEST": ("Australia/Brisbane",), "EDT": ("America/New_York", "America/Toronto"),
    "CDT": ("America/Chicago",), "MDT": ("America/Denver",),
    "PDT": ("America/Los_Angeles", "America/Vancouver")}
_OFFSET = re.compile(r"(?:GMT|UTC)\s*([+-\u2212])\s*(\d{1,2})(?:[:.h]?(\d{2}))?", re.I)
# The places named first for an offset, as people there would name them.
_KNOWN_PLACES = ("Africa/Harare", "Africa/Johannesburg", "Africa/Maputo", "Africa/Lusaka",
                 "Africa/Nairobi", "Africa/Addis_Ababa", "Africa/Dar_es_Salaam",
                 "Africa/Kampala", "Africa/Lagos", "Africa/Kinshasa", "Africa/Accra",
                 "Europe/London", "Europe/Paris", "Europe/Athens", "Asia/Dubai",
                 "Asia/Karachi", "Asia/Kolkata", "Asia/Dhaka", "Asia/Bangkok",
                 "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "America/Sao_Paulo",
                 "America/New_York", "America/Chicago", "America/Denver",
                 "America/Los_Angeles")


def _offset_named(written: str) -> timedelta | None:
    """The difference from UTC that `written` gives ("GMT+2", "UTC-05:00"), if any.
    ("Etc/GMT+2" is never the answer: POSIX turns the sign round, so it is UTC-2.)"""
    text = written.strip()
    found = _OFFSET.fullmatch(text)
    if not found:
        return None
    sign = -1 if found.group(1) in "-\u2212" else 1
    return sign * timedelta(hours=int(found.group(2)), minutes=int(found.group(3) or 0))


def _places_at(offset: timedelta) -> list[str]:
    """Three time zones of places that are `offset` from UTC in October, well-known first."""
    october = datetime(date.today().year, 10, 10, 12)
    zones = [z for z in sorted(available_timezones())
             if z.split("/")[0] in ("Africa", "Europe", "Asia", "America", "Australia",
                                    "Pacific", "Atlantic", "Indian")]
    same = [z for z in zones if october.replace(tzinfo=ZoneInfo(z)).utcoffset() == offset]
    return sorted(same, key=lambda z: (_KNOWN_PLACES.index(z) if z in _KNOWN_PLACES
                                       else len(_KNOWN_PLACES)))[:3]


def _or(names: list[str]) -> str:
    quoted = [f'"{name}"' for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _zone_named(written: str) -> str | None:
    """The time zone `written` most likely means: the same name in other capitals
    ("africa/harare"), or the one whose city it names ("Harare", "new york")."""
    wanted = written.strip().replace(" ", "_").lower()
    zones = sorted(available_timezones())
    same = [zone for zone in zones if zone.lower() == wanted]
    if same:
        return same[0]
    cities = [zone for zone in zones if "/" in zone and zone.rsplit("/", 1)[1].lower() == wanted]
    return cities[0] if len(cities) == 1 else None


def _logo_hint(relative: str, content: Path) -> str:
    """How to write a logo path that nearly names a file in `content`."""
    near = paths.nearly(relative, content) if ".." not in relative.split("/") else None
    if near is None:
        return ("; put the logo in content/ (for example content/images/logo.svg) and give "
                "its path from there")
    how, found = near
    if how == "content":
        return (": give its path from inside content/, without content/ in front: "
                f"logo = \"{found}\"")
    if how == "capitals":
        return (f": the file is content/{found}, and capitals count on the server that "
                f"builds the site: logo = \"{found}\"")
    return f": the file is content/{found}: logo = \"{found}\""


def _brand(r: Table, root: Path) -> BrandSettings:
    colours = {}
    for key, default in (("primary", DEFAULT_PRIMARY), ("secondary", DEFAULT_SECONDARY)):
        value = r.string(key, default) or default
        if not _COLOUR.fullmatch(value):
            r.bad(key, f"must be a colour written as \"#rrggbb\" (like \"{default}\"), "
                  f"not {shown(value)}")
            value = default
        if len(value) == 4:
            value = "#" + "".join(c * 2 for c in value[1:])
        colours[key] = value.lower()
        if key in r.data and (why := readable_warning(key, colours[key])):
            r.warn(key, why)
    logo = r.string("logo") or None
    if logo is not None:
        relative = logo.replace("\\", "/").lstrip("/")
        target = root / "content" / relative
        if ".." in relative.split("/") or not target.is_file() \
                or not paths.inside(target, root / "content"):
            r.bad("logo", f"{shown(logo)} is not a file under content/" + _logo_hint(
                relative, root / "content"))
            logo = None
        else:
            logo = relative
    return BrandSettings(primary=colours["primary"], secondary=colours["secondary"], logo=logo)
