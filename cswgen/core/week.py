"""The dates of Customer Service Week: pure date arithmetic, no I/O."""

from __future__ import annotations

from datetime import date, timedelta

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)  # fmt: skip


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
