"""Where a command runs: the site it is in, found from the current folder."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cswgen.core.errors import SiteError
from cswgen.read.config import find_root, load_config
from cswgen.read.entries import example_date as example_in


def site_root(here: Path) -> Path:
    """The site `here` is in (it or a folder above it has config.toml); SiteError saying
    how to start one otherwise."""
    return find_root(here)


def example_date(here: Path) -> date | None:
    """The second day of the week of the site `here` is in, for examples in messages (a
    date of the site's own year); None when no site can be read here."""
    try:
        return example_in(load_config(find_root(here)))
    except (SiteError, OSError, ValueError):
        return None
