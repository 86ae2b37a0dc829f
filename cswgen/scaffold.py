"""`cswgen add KIND TITLE`: a new content file with every field of its kind, commented.

The file comes from the theme's `scaffolds/KIND.md` (the first theme in the chain that has
one, so a site's theme can change it); `{{ title }}`, `{{ date }}` and `{{ day }}` in it are
filled in.  It is written only if nothing is there yet: an existing file is never touched.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from cswgen import themes
from cswgen.config import SiteConfig, load_config
from cswgen.errors import Problems, fail
from cswgen.model import SECTIONS
from cswgen.slugs import slugify
from cswgen.week import WEEKDAYS, long_label, range_label, weekday_index

FOLDERS = {"testimonial": "testimonials", "honour": "honour-roll", "day": "days",
           "page": "pages"}


def add(root: Path, kind: str, title: str, *, on: date | None = None,
        weekday: str | None = None) -> Path:
    """Write the new file and return its path; raises SiteError, writing nothing, when it
    cannot (the file exists, the day is not in the week, the theme has no scaffold)."""
    config = load_config(root, Problems())
    folder = f"content/{FOLDERS[kind]}"
    slug = slugify(title)
    if not slug:
        raise fail(folder, 0, f"cannot make a file name from \"{title}\"; use a title with "
                   "letters or digits")
    if kind == "page" and slug in SECTIONS:
        raise fail(folder, 0, f"the address /{slug}/ belongs to cswgen's own {slug} section; "
                   "choose another title")
    path = root / folder / f"{slug}.md"
    for existing in sorted((root / folder).glob("*")):
        if existing == path or (existing.suffix.lower() in (".md", ".markdown")
                                and slugify(existing.stem) == slug):
            raise fail(f"{folder}/{existing.name}", 0, "already exists; cswgen add never "
                       "overwrites a file: edit that one, or choose another title")
    when, day_name = _day(config.week.dates, on, weekday) if kind == "day" else (None, "")
    text = _scaffold(config, kind)
    values = {"title": json.dumps(title.strip(), ensure_ascii=False),
              "date": when.isoformat() if when else "", "day": day_name}
    for name, value in values.items():
        text = text.replace("{{ " + name + " }}", value)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)
    return path


def _day(dates: list[date], on: date | None, weekday: str | None) -> tuple[date | None, str]:
    """The date (from --date) or the weekday name (from --day) to write into the file."""
    span = range_label(dates[0], dates[-1])
    example = f"--day {WEEKDAYS[dates[0].weekday()]} or --date {dates[0].isoformat()}"
    if on is None and weekday is None:
        raise fail("content/days", 0, f"say which day of the week ({span}) this is, with "
                   f"{example}")
    if on is not None and weekday is not None:
        raise fail("content/days", 0, "give --date or --day, not both")
    if on is not None:
        if on not in dates:
            raise fail("content/days", 0, f"{on.isoformat()} ({long_label(on)}) is not in the "
                       f"week ({span}); choose a date within it, or change [week] in "
                       "config.toml")
        return on, ""
    index = weekday_index(weekday or "")
    if index is None or not any(d.weekday() == index for d in dates):
        raise fail("content/days", 0, f"\"{weekday}\" is not one of the week's days ({span}); "
                   f"use a weekday name, like {example}")
    return None, WEEKDAYS[index]


def _scaffold(config: SiteConfig, kind: str) -> str:
    for theme in themes.chain(config):
        source = theme.folder / "scaffolds" / f"{kind}.md"
        if source.is_file():
            return source.read_text("utf-8-sig")
    raise fail(f"themes/{config.site.theme}", 0, f"the theme has no scaffolds/{kind}.md to "
               "start the new file from; add one, or extend a theme that has it "
               "(extends = \"classic\" in theme.toml)")
