"""Where a command runs: the site it is in, found from the current folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cswgen.core.errors import Problem, SiteError
from cswgen.read.config import load_config
from cswgen.read.entries import example_date as example_in
from cswgen.read.place import site_folder


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


def example_date(here: Path) -> date | None:
    """The second day of the week of the site `here` is in, for examples in messages (a
    date of the site's own year); None when no site can be read here."""
    try:
        return example_in(load_config(site_root(here)))
    except (SiteError, OSError, ValueError):
        return None


def not_a_date(value: str, here: Path) -> str:
    """Why `value` is not a date, with an example: the second day of the week of the site
    `here` is in, if any (an example from the site's own year)."""
    example = example_date(here)
    return (f'"{value}" is not a date; write it as YYYY-MM-DD (year, month, day)'
            + (f", like {example.isoformat()}" if example else ""))
