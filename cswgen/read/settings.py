"""What `config.toml` can say, and the typed, immutable `SiteConfig` it is read into.

`SCHEMA` lists each section's keys and `IN_LANGUAGE` those a site gives again in each of its
other languages; the dataclasses hold the settings once read and checked.  Nothing here reads
a file: `config` reads and checks `config.toml`, and every other stage is handed a
`SiteConfig`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from cswgen.core.colours import WEEK_BLUE, WEEK_RED
from cswgen.read.publishing import PublishTarget

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

