"""Where and when a command runs: the site folder, found from the current one, and today
in the week's time zone.  (Light on imports: `cswgen build` with nothing to do needs
these before anything else; see `commands.stamp`.)"""

from __future__ import annotations

import os
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

CONFIG_NAME = "config.toml"


def site_folder(start: str) -> str | None:
    """The site folder: `start`, or the nearest folder above it with config.toml and
    content/ (so `cswgen build` works from inside content/days/ too); `start` itself when
    it has config.toml but no content/ (reading the content says what to do); else None."""
    folder = start
    while True:
        if os.path.isfile(os.path.join(folder, CONFIG_NAME)) \
                and os.path.isdir(os.path.join(folder, "content")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    return start if os.path.isfile(os.path.join(start, CONFIG_NAME)) else None


def today_in(timezone: str) -> date:
    try:
        return datetime.now(ZoneInfo(timezone)).date()
    except (ZoneInfoNotFoundError, ValueError):
        return date.today()
