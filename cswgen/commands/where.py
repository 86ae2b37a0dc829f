"""Where a command runs: the site it is in, found from the current folder."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from cswgen.core import datewords
from cswgen.core.errors import Problem, SiteError
from cswgen.core.week import long_label, weekday_in
from cswgen.read.config import load_config
from cswgen.read.entries import example_date as example_in
from cswgen.read.place import site_folder
from cswgen.read.settings import SiteConfig


def site_root(here: Path) -> Path:
    """The site `here` is in (it or a folder above it has config.toml; see
    `place.site_folder`); SiteError saying how to start one otherwise."""
    found = site_folder(str(here))
    if found is None:
        raise SiteError([Problem(str(here), 0, "this folder is not a cswgen site: there is "
                                 "no config.toml in it or in a folder above it. Start a new "
                                 "site with `cswgen new mysite`, or cd into your site's folder "
                                 "(the one with config.toml) and run the command there")])
    return Path(found)


def _week_of(here: Path) -> SiteConfig | None:
    """The config of the site `here` is in; None when no site can be read here."""
    try:
        return load_config(site_root(here))
    except (SiteError, OSError, ValueError):
        return None


def example_date(here: Path) -> date | None:
    """The second day of the week of the site `here` is in, for examples in messages (a
    date of the site's own year); None when no site can be read here."""
    config = _week_of(here)
    return example_in(config) if config is not None else None


def not_a_date(value: str, here: Path) -> str:
    """Why `value` is not a date, with the date meant when it names one of the week's days
    (`wednesday`, `Monday 4 October`, `2027-10-6`), else an example: the second day of the
    week of the site `here` is in, if any (an example from the site's own year)."""
    config = _week_of(here)
    said = f'"{value}" is not a date; write it as YYYY-MM-DD (year, month, day)'
    if config is None:
        return said
    meant = _meant(value, config)
    if meant is not None:
        return f"{said}: for {long_label(meant)}, {meant.isoformat()}"
    return f"{said}, like {example_in(config).isoformat()}"


def _meant(value: str, config: SiteConfig) -> date | None:
    """The date `value` names: a weekday of the week, a date in words, or one written
    without its leading zeros; None when it names none."""
    text = value.strip()
    if (index := weekday_in(text, config.site.tags)) is not None:
        return next((d for d in config.week.dates if d.weekday() == index), None)
    if (parts := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)) is not None:
        try:
            return date(*(int(part) for part in parts.groups()))
        except ValueError:
            return None
    found = datewords.find(text, config.week.year)
    if len(found) == 1 and found[0].text == text and len(found[0].dates) == 1:
        return found[0].dates[0]
    return None
