"""The dates of Customer Service Week: pure date arithmetic, no I/O.

The labels here are for what cswgen tells the person running it, in English; what a visitor
reads comes from `cldr.Language` in the site's language.
"""

from __future__ import annotations

from datetime import date, timedelta

from cswgen.core.cldr import ENGLISH, parse

# English names from CLDR: `day: tuesday` in front matter, and messages
WEEKDAYS = tuple(str(ENGLISH.locale.days["format"]["wide"][i]).lower() for i in range(7))
MONTHS = tuple(str(ENGLISH.locale.months["format"]["wide"][i]) for i in range(1, 13))


def first_full_week_of_october(year: int) -> date:
    """The Monday of the first full Monday-to-Friday week of October of `year`."""
    first = date(year, 10, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def cx_day(year: int) -> date:
    """CX Day: the first Tuesday of October."""
    first = date(year, 10, 1)
    return first + timedelta(days=(1 - first.weekday()) % 7)


def weekday_index(name: str) -> int | None:
    """`tuesday`, `Tue` or `TUES` -> 1; anything else -> None."""
    word = name.strip().lower().rstrip(".")
    if len(word) < 2:
        return None
    for index, full in enumerate(WEEKDAYS):
        if full.startswith(word):
            return index
    return None


def weekday_in(name: str, tags: tuple[str, ...]) -> int | None:
    """`weekday_index`, or else the weekday of that name in one of a site's languages
    (`mardi` on a French site), as its people write the day."""
    index = weekday_index(name)
    for tag in tags:
        if index is None:
            index = parse(tag).weekday_index(name)
    return index


def long_label(day: date) -> str:
    """`Tuesday 6 October 2026`."""
    return f"{WEEKDAYS[day.weekday()].title()} {day.day} {MONTHS[day.month - 1]} {day.year}"


def short_label(day: date) -> str:
    """`Tuesday 6 October`."""
    return f"{WEEKDAYS[day.weekday()].title()} {day.day} {MONTHS[day.month - 1]}"


def plain_label(day: date) -> str:
    """`6 October 2026`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def range_label(start: date, end: date) -> str:
    """`5–9 October 2026`, `28 September – 2 October 2026`, or one day."""
    if start == end:
        return plain_label(start)
    if start.year != end.year:
        return f"{plain_label(start)} – {plain_label(end)}"
    if start.month != end.month:
        return f"{start.day} {MONTHS[start.month - 1]} – {plain_label(end)}"
    return f"{start.day}–{end.day} {MONTHS[end.month - 1]} {end.year}"
