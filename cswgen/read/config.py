"""Read and validate `config.toml` into a typed, immutable `SiteConfig`.

Every problem is collected with the line it is on; an unknown table or key is refused
with the nearest known one suggested, because a silently ignored typo is a setting that
quietly does nothing.  What to write instead of a value written wrongly (a colour's name,
a logo path that nearly names a file) is said by `confighints`.
"""

from __future__ import annotations

import os
import posixpath
import re
import tomllib
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cswgen.core import cldr, paths, tomlpos, tree
from cswgen.core.colours import WEEK_BLUE, WEEK_RED, readable_warning
from cswgen.core.errors import Problem, Problems, SiteError
from cswgen.core.tomlpos import key_lines
from cswgen.core.week import first_full_week_of_october
from cswgen.read import confighints, zones
from cswgen.read.notext import not_text
from cswgen.read.place import CONFIG_NAME, today_in
from cswgen.read.publishing import PublishTarget, publish_targets
from cswgen.read.tomltable import Table, shown, suggest
from cswgen.read.tomlwords import toml_problem

# a site that names no brand colours has the week's own, red and blue
DEFAULT_PRIMARY, DEFAULT_SECONDARY = WEEK_RED, WEEK_BLUE

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

# what a site gives in each of its other languages, in a table named after the language
# (`[site.fr] title = "Semaine du service client"`, `[week.fr] theme = "..."`): the words a
# visitor reads; the rest are facts or settings, the same in every language
IN_LANGUAGE: dict[str, tuple[str, ...]] = {"site": ("title", "organisation", "description"),
                                           "week": ("theme",)}

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
    # the words of each other language (`IN_LANGUAGE`): "fr" -> {"site.title": "...", ...}
    words: dict[str, dict[str, str]] = field(default_factory=dict)

    def line_of(self, dotted: str) -> int:
        return self.lines.get(dotted, self.lines.get(dotted.split(".")[0], 1))

    def for_language(self, tag: str) -> SiteConfig:
        """The config as the pages of language `tag` read it: with the title, organisation,
        description and week theme it gives in that language (`[site.fr]`, `[week.fr]`),
        the default language's where it gives none."""
        given = self.words.get(tag)
        if not given:
            return self
        site, week = self.site, self.week
        return replace(self, site=replace(
            site, title=given.get("site.title", site.title),
            organisation=given.get("site.organisation", site.organisation),
            description=given.get("site.description", site.description)),
            week=replace(week, theme=given.get("week.theme", week.theme)))


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
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SiteError([Problem(CONFIG_NAME, *not_text(raw, exc))]) from None
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
    # a section written in other capitals ([Site]) or misspelt ([wek]) is an error, and read
    # as the section meant all the same: its settings are not said to be missing as well,
    # nor every day to be outside a week of the current year
    cased = {meant: section for section, value in data.items()
             if section not in SCHEMA and isinstance(value, dict)
             and (meant := suggest(section.strip().lower(), list(SCHEMA))) is not None
             and meant not in data}
    for known, written in cased.items():
        data = {**data, known: data[written]}
        lines = {**lines, known: lines.get(written, 1),
                 **{known + k[len(written):]: v for k, v in lines.items()
                    if k.startswith(written + ".")}}
    for section, value in data.items():
        if section in cased.values() and section.strip().lower() in SCHEMA:
            problems.error(CONFIG_NAME, lines.get(section, 1), f"unknown section [{section}]: "
                           f"section names are in small letters; write [{section.strip().lower()}]")
            continue
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
            if section in IN_LANGUAGE and isinstance(value[key], dict) \
                    and key not in SCHEMA[section]:
                continue  # a language's words (`[site.fr]`): see `_words`
            if key not in SCHEMA[section]:
                hint = suggest(key, SCHEMA[section])
                # (`require_consent` under [site]: a setting of another section, where it
                # works once moved)
                owner = next((t for t, keys in SCHEMA.items() if key in keys), None)
                advice = f"did you mean `{hint}`?" if hint else (
                    "known keys: " + ", ".join(SCHEMA[section]) + ".")
                problems.error(CONFIG_NAME, lines.get(f"{section}.{key}", lines.get(section, 1)),
                               f"`{key}` is a setting of [{owner}], not of [{section}]; move "
                               f"this line under [{owner}]" if owner else
                               f"[{section}] {key} is not a setting cswgen knows; {advice} "
                               "Settings for your own templates go in [extra].")

    def table(name: str) -> Table:
        value = data.get(name, {})
        return Table(value if isinstance(value, dict) else {}, name, lines, problems)

    week = _week(table("week"), problems)
    site = _site(table("site"), problems, week.start.year)
    brand = _brand(table("brand"), root)
    builder = table("build")
    build_settings = BuildSettings(
        output=_output(builder),
        unsafe_html=builder.boolean("unsafe_html"),
        require_consent=builder.boolean("require_consent"),
    )
    # long enough to read a testimonial from across the room; short enough to get round
    screen = ScreenSettings(seconds=table("screen").integer("seconds", 4, 120, 12))
    extra = data.get("extra", {})
    labels = data.get("labels", {})
    words = _words(data, site, lines, problems)
    return SiteConfig(root=root, site=site, week=week, brand=brand, build=build_settings,
                      screen=screen, words=words,
                      extra=extra if isinstance(extra, dict) else {},
                      labels=labels if isinstance(labels, dict) else {}, lines=dict(lines),
                      publish=publish_targets(data.get("publish", {}), lines, problems))


def _site(r: Table, problems: Problems, year: int) -> SiteSettings:
    if "title" not in r.data:
        problems.error(CONFIG_NAME, r.lines.get("site", 1),
                       "[site] title is missing; add a line like "
                       f"title = \"Customer Service Week {year}\" under [site]")
    title = r.text("title")
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
        # (a space in the path is a folder's name, as the address bar shows it: encoded)
        if not re.match(r"https?://[^/\s]+(?:/|$)", base_url) or \
                any(c.isspace() and c != " " for c in base_url):
            r.bad("base_url", "must be an absolute address starting with https:// "
                  "(like \"https://example.org/csw/\"), or \"\" to leave it out; "
                  f"not {shown(base_url)}")
            base_url = ""
        elif "?" in base_url or "#" in base_url:
            # (copied from a browser's address bar: `.../csw/?web=1`, `.../csw/#top`)
            folder = re.split(r"[?#]", base_url)[0]
            r.bad("base_url", "is the address of the site's folder, which every page's "
                  "address is written after, so it cannot have a ? or # part; write "
                  f"base_url = {shown(folder.rstrip('/') + '/')}")
            base_url = ""
        else:
            base_url = _address(r, base_url if base_url.endswith("/") else base_url + "/")
    theme = r.string("theme", "classic") or "classic"
    return SiteSettings(title=title, organisation=r.text("organisation"),
                        description=r.text("description"), language=language,
                        languages=languages, untranslated=untranslated,
                        base_url=base_url, theme=theme)


def _words(data: dict[str, Any], site: SiteSettings, lines: dict[str, int],
           problems: Problems) -> dict[str, dict[str, str]]:
    """The words each other language of the site gives in a table named after it
    (`[site.fr] title`, `[week.fr] theme`), checked: a language the site is published in,
    other than the default (whose words are `[site]`'s own), and only `IN_LANGUAGE`'s
    keys, each text."""
    words: dict[str, dict[str, str]] = {}
    for section, keys in IN_LANGUAGE.items():
        value = data.get(section)
        if not isinstance(value, dict):
            continue
        for written, table in value.items():
            if not isinstance(table, dict) or written in SCHEMA[section]:
                continue  # (a setting written as a table: reported as that setting)
            name = f"{section}.{written}"
            line = lines.get(name, lines.get(section, 1))
            try:
                tag = cldr.parse(written).tag
            except cldr.UnknownLanguage as exc:
                tag_like = re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", written)
                advice = (f"did you mean [{section}.{exc.suggestion}]? " if tag_like
                          and exc.suggestion else "")
                problems.error(CONFIG_NAME, line, f"[{name}] is not a table cswgen knows: "
                               f"a table in [{section}] gives the site's words in one of its "
                               f"other languages and is named after it, like [{section}.fr]; "
                               f"{advice}settings for your own templates go in [extra]")
                continue
            why = confighints.not_its_language(section, tag, written, site)
            if why:
                problems.error(CONFIG_NAME, line, why)
                continue
            own = Table(table, name, lines, problems)
            for key in table:
                if key not in keys:
                    hint = suggest(key, keys)
                    advice = f"did you mean `{hint}`?" if hint else (
                        f"the same in every language, it is set under [{section}] only"
                        if key in SCHEMA[section] else "it is not a setting cswgen knows")
                    own.bad(key, f"cannot be given per language: only {', '.join(keys)} "
                            f"can; {advice}")
                    continue
                text = own.text(key)
                if text:
                    words.setdefault(tag, {})[f"{section}.{key}"] = text
                elif isinstance(table[key], str):
                    own.bad(key, f"is empty; write it in {cldr.parse(tag).english_name}, or "
                            "delete the line to show the default language's")
    return words


def _address(r: Table, base_url: str) -> str:
    """base_url as every address is written after it: in ASCII, with a host name in another
    script in its IDNA form and the path percent-encoded once (`/journée du client/` ->
    `/journ%C3%A9e%20du%20client/`, `/csw%202026/` as it is)."""
    try:
        return paths.ascii_address(base_url)
    except paths.NotAnAddress as exc:
        r.bad("base_url", f"names the host {shown(str(exc))}, which cannot be written as a web "
              "address (a host name is letters, digits, - and dots); check it in the "
              "browser's address bar")
        return ""


def _language(r: Table, written: str, key: str = "language") -> str:
    """The tag of `[site] language` as BCP 47 writes it (`pt_br` -> `pt-BR`), an old code
    read as its current one with a warning (`iw` -> `he`)."""
    try:
        language = cldr.parse(written)
    except cldr.UnknownLanguage as exc:
        advice = ("write the visitors' language as a BCP 47 tag, such as \"en\", \"fr-CA\", "
                  "\"pt-BR\", \"ar\" or \"sw\"")
        if exc.suggestion:  # (a question ends a sentence: the advice starts the next)
            advice = f"did you mean \"{exc.suggestion}\"? {advice[:1].upper()}{advice[1:]}"
        r.bad(key, f"{'is' if key == 'language' else 'lists'} {shown(written)}, which is not "
              f"a language tag cswgen knows; {advice}")
        return "en"
    if old := cldr.replaced(written):
        # (browsers, screen readers and search engines read lang="he"; many no longer
        # know "iw", and a theme's i18n/he.toml would not be found for it)
        name = cldr.parse(old[1]).english_name
        line = (f'language = "{language.tag}"' if key == "language" else
                f'"{language.tag}" in its place')
        r.warn(key, f"{key} {'is' if key == 'language' else 'lists'} {shown(written)}, the "
               f"old code for {name}, which browsers, screen readers and search engines may "
               f"not know; the site is built as \"{language.tag}\", the code for {name} now: "
               f"write {line}")
    return language.tag


def _languages(r: Table, language: str) -> tuple[str, ...]:
    """`[site] languages`, checked: known tags, each once; the first is the default, so a
    `language` that names another is an error."""
    if "languages" not in r.data:
        return ()
    value = r.data["languages"]
    if value == []:
        r.bad("languages", "is empty; list the site's languages, the default first, like "
              "languages = [\"en\", \"sw\"], or delete the line for a site in one language")
        return ()
    if isinstance(value, list) and (odd := [v for v in value if not isinstance(v, str)]):
        r.bad("languages", f"lists {shown(odd[0])}, which is not a language tag in quotes; "
              "write each one like languages = [\"en\", \"sw\"]")
        return ()
    if not isinstance(value, list):
        r.bad("languages", "must be a list of language tags in quotes, the default first, "
              f"like languages = [\"en\", \"sw\"], not {shown(value)}")
        return ()
    tags: list[str] = []
    for written in value:
        try:
            cldr.parse(written)
        except cldr.UnknownLanguage:
            _language(r, written, key="languages")  # says so, with the nearest tag
            continue
        tag = _language(r, written, key="languages")  # (an old code: said, read as now)
        if tag in tags:
            r.bad("languages", f"names {shown(tag)} twice; list each language once")
        else:
            tags.append(tag)
    if "language" in r.data and tags and language != tags[0]:
        r.bad("language", f"is {shown(language)}, but the first of `languages` is "
              f"{shown(tags[0])}, and the first is the site's default language; make them the "
              "same, or leave out `language`")
    return tuple(tags)


# a Windows drive or network path: `C:\Sites\csw`, `D:/csw`, `\\server\share`
_WINDOWS_PATH = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\[^\\])")


def _output(builder: Table) -> str:
    """[build] output: the folder's path as this computer writes it.  A Windows path on
    another system would be one folder here with the whole path as its odd name; a relative
    one written with `\\` (`site\\output`) means the same with `/` everywhere."""
    output = builder.string("output", "output") or "output"
    if any(ord(c) < 32 for c in output):  # a NUL or a line break: no folder has that name
        builder.bad("output", f"{shown(output)} holds a control character (such as a line "
                    "break); write the folder's name, like output = \"output\"")
        return "output"
    if os.name != "nt" and _WINDOWS_PATH.match(output):
        builder.bad("output", f"{shown(output)} is a Windows path, and this computer does not "
                    "run Windows, so the site would go into one folder named "
                    f"{shown(output)} beside config.toml; write a folder beside config.toml "
                    "instead, like output = \"output\" (and copy the site where it should go, "
                    "or use `cswgen publish`)")
        return "output"
    if output == "~" or output.startswith(("~/", "~\\")):
        # (the home folder, as a terminal and `cswgen publish` read it; not a folder named
        # "~" beside config.toml, which the build's message would show as the home folder)
        return os.path.expanduser(output.replace("\\", "/"))
    return output.replace("\\", "/")


def _week(r: Table, problems: Problems) -> WeekSettings:
    timezone = r.string("timezone", "UTC") or "UTC"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        r.bad("timezone", zones.not_a_zone(timezone))
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
    if start is not None and start.weekday() and len(problems.errors) == errors:
        r.warn("start", confighints.not_a_monday(start, days))
    if start is None:
        start = first_full_week_of_october(year)
    return WeekSettings(start=start, year=year, days=days, theme=r.text("theme"),
                        timezone=timezone, reveal=reveal,
                        guessed=len(problems.errors) > errors)


def _left_out(relative: str) -> str | None:
    """The folder or file name that keeps a file under content/ out of the site, if any."""
    *folders, name = relative.split("/")
    skipped = [f for f in folders if tree.skipped(f, folder=True)] + \
        ([name] if tree.skipped(name) else [])
    return skipped[0] if skipped else None


def _brand(r: Table, root: Path) -> BrandSettings:
    colours = {}
    for key, default in (("primary", DEFAULT_PRIMARY), ("secondary", DEFAULT_SECONDARY)):
        value = r.string(key, default) or default
        if not _COLOUR.fullmatch(value):
            r.bad(key, confighints.not_a_code(key, value, default))
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
            r.bad("logo", f"{shown(logo)} is not a file under content/"
                  + confighints.logo_hint(relative, root / "content"))
            logo = None
        elif not relative.lower().endswith(confighints.SHOWN_AS_PICTURES):
            suffix = PurePosixPath(relative).suffix
            kind = f"a {suffix} file" if suffix else "a file without a type (like .svg)"
            r.bad("logo", f"{shown(logo)} is {kind}, which a web page cannot show as a "
                  "picture; save the logo as SVG or PNG (a brand pack usually has one) and "
                  "give that file's path")
            logo = None
        elif left_out := _left_out(posixpath.normpath(relative)):
            r.bad("logo", f"{shown(logo)} is in content/ but not published: cswgen leaves "
                  f"{left_out} out of the site (as it does every name starting with \".\" "
                  "and every folder starting with \"_\"); move the logo to a folder such as "
                  "content/images/ and give that path")
            logo = None
        else:  # (`./images/logo.png`, `images//logo.png`: the file's own path, as elsewhere)
            logo = posixpath.normpath(relative)
    return BrandSettings(primary=colours["primary"], secondary=colours["secondary"], logo=logo)
