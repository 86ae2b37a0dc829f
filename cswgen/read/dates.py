"""Dates and clock times as people write them in front matter and CSV cells, read into
clean values, and what to say when one cannot be: a date must be YYYY-MM-DD, and its
message names the date meant when it was written another way (06/10/2026, "6 Oct 2026",
an Excel day count, and for a day of the week "Tuesday" or "5 October"); a time may be
written 14:30, 9.00, 9h00, 9h, 15:00 h, 2:30 pm, 2:30 p. m. or 12 m. (noon) and is kept
as HH:MM on the 24-hour clock.
`Fields` reports the problems at the value's line.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from cswgen.core.week import MONTHS, WEEKDAYS, long_label, plain_label, range_label, weekday_index
from cswgen.read.sheetadvice import TEXT_CELL, dates_column, day_number
from cswgen.read.tomltable import described

DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_YEAR_FIRST = re.compile(r"^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})$")  # 2026/10/06
# a date with the time of day after it, as Outlook and Excel copy one: 2026-10-05 08:00
_WITH_TIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})(?:[ T]+|,\s*)\d{1,2}[:.]\d{2}(?::\d{2})?"
                        r"(?:\.\d+)?\s*(?:[aApP]\.?[mM]\.?|Z|[+-]\d{2}:?\d{2})?$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")  # 06/10/2026, 6.10.2026
# the same with the time of day, as a Google Form's Timestamp column is exported
# ("9/28/2027 14:05:22") and Excel writes a date cell with its time ("28/09/2027 14:05")
_NUMERIC_WITH_TIME = re.compile(r"^(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})(?:\s+|,\s*)\d{1,2}[:.]"
                                r"\d{2}(?::\d{2})?\s*(?:[aApP]\.?[mM]\.?)?$")
# a date in words in another language than English: "3 de outubro de 2027", "3 octobre
# 2027", "3. Oktober 2027", "3 Oktoba 2027" (the month's name is looked up in the CLDR),
# and as Excel's d-mmm-yyyy shows a date cell, saved so in a CSV file: "5-oct-2027"
_IN_WORDS = re.compile(r"^(\d{1,2})\.?(?:\s+|-)(?:de\s+)?([^\W\d_]+\.?)(?:\s+|-)(?:de\s+)?"
                       r"(\d{4})$")
# A time as people write it: 14:30, 9.00 (the British and African habit), 9h00 and 9h
# (French), 2:30 pm, 9am; the hour and minutes are checked after matching, so `24:30` is
# quoted back.
_CLOCK = re.compile(r"^(\d{1,2})(?:\s*[:.hH]\s*(\d{2})(?::\d{2})?|\s*([hH]))?"
                    r"\s*(?:([aApP])\.?\s*[mM]\.?)?$")
# noon as Colombia and Spanish style guides write it: "12 m." or "12:00 m." (meridiano)
_NOON = re.compile(r"^12(?:[:.]00)?\s*[mM]\.?$")
# "hours" after a time with its minutes, as Latin America and Spain write a 24-hour time
# ("15:00 h", "15:00 hrs.", "15:00 hs"): left out before the time is read
_HOURS = re.compile(r"(?<=[:.]\d\d)\s*(?:h|hr|hrs|hs)\.?$", re.IGNORECASE)
EXAMPLE_DATE = date(2026, 10, 6)  # for messages, when the site's week is not known


def read_date(key: str, value: Any, example: date, *, row: bool,
              sheet: bool = False, path: str = "") -> tuple[date | None, str]:
    """The date `value` is (a YAML or TOML date, or text written YYYY-MM-DD), or None and
    what is wrong with it, with the fix; `example`: a date for the message, `row`: the
    value is a CSV or sheet cell, `sheet`: a workbook's (.xlsx) cell, `path`: its file's."""
    if isinstance(value, datetime):  # (TOML's `publish = 2026-10-05T08:00:00`)
        # refused as YAML's `publish: 2026-10-05 08:00` is: the time would be dropped
        # without a word, and someone who wrote 08:00 expects it to count
        return None, (f"`{key}` must be a date written YYYY-MM-DD, like {example.isoformat()}, "
                      f"not {value.isoformat()}; write the date alone, "
                      f"{value.date().isoformat()} (a date has no time of day here)")
    if isinstance(value, date):
        return value, ""
    if isinstance(value, str):
        match = DATE.match(value.strip())
        if match:
            year, month, day = (int(g) for g in match.groups())
            try:
                return date(year, month, day), ""
            except ValueError:
                return None, (f"`{key}` is {value.strip()}, a date that does not exist; "
                              "check the month and day (dates are YYYY-MM-DD)")
    return None, (f"`{key}` must be a date written YYYY-MM-DD, like {example.isoformat()}, "
                  f"not {described(value)}" + _date_meant(value, row, sheet, path))


def read_clock(key: str, value: Any) -> tuple[str | None, str]:
    """`10:30`, `"9:05"`, `10:30:00`, `9.00`, `9h00`, `9h`, `2:30 pm` or a TOML time -> `10:30`
    (seconds dropped, as for a TOML time); anything else is None and a message that quotes
    what was typed."""
    name = key.rpartition(".")[2]
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}", ""
    if isinstance(value, float) and not isinstance(value, bool):
        value = f"{value:.2f}"  # TOML's `time = 9.30`
    if isinstance(value, str):
        typed = value.strip()
        if _NOON.match(typed):  # (Colombia's "12 m.", meridiano: noon, and only noon)
            return "12:00", ""
        match = _CLOCK.match(_HOURS.sub("", typed))
        if match and (match.group(2) or match.group(3) or match.group(4)):
            hour, minute = int(match.group(1)), int(match.group(2) or 0)
            half = (match.group(4) or "").lower()
            if half and 1 <= hour <= 12:
                hour = hour % 12 + (12 if half == "p" else 0)
            elif half:
                hour = 99  # "14 pm" is not a time
            if hour <= 23 and minute <= 59:
                return f"{hour:02d}:{minute:02d}", ""
            return None, (f"`{name}` is {typed}, which is not a time of day; write a time "
                          "from 00:00 to 23:59 on the 24-hour clock, like 14:30")
        if name == "time" and (span := _span(typed)) is not None:
            return None, (f"`time` is {typed}, when the event starts and ends; write the "
                          f"start in `time` and the end in a field of its own: time: "
                          f"{span[0]} and, on the next line, end: {span[1]}")
    return None, (f"`{name}` must be a time written HH:MM on the 24-hour clock, like 14:30, "
                  f"not {described(value)}")


_SPAN = re.compile(r"(.+?)\s*(?:[-\u2010-\u2015]|\bto\b|\buntil\b)\s*(.+)", re.IGNORECASE)


def _span(typed: str) -> tuple[str, str] | None:
    """The start and end of a time written as a span (`09:00 - 10:00`, `9am to 11am`), each
    as HH:MM, or None."""
    match = _SPAN.fullmatch(typed)
    if match is None:
        return None
    start, _ = read_clock("time", match.group(1))
    end, _ = read_clock("end", match.group(2))
    return (start, end) if start is not None and end is not None else None


def excel_day(value: object) -> date | None:
    """The date a spreadsheet cell's number stands for, when it is one of Excel's day
    numbers for a date from 1954 to 2119 (days counted from 1900; 46301 is 2026-10-06, as
    a cell not formatted as a date shows it), else None."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    text = str(value).strip()
    if isinstance(value, float):
        text = text.partition(".")[0]  # (a date cell with its time: 46301.375)
    if not text.isdigit() or not 20_000 <= int(text) <= 80_000:
        return None
    return date(1899, 12, 30) + dt.timedelta(days=int(text))


def written_otherwise(text: str) -> date | None:
    """The one date that `text` is, written another way than YYYY-MM-DD (15/09/2027,
    "3 de outubro de 2027"), or None when it is none or could be two."""
    meant = _date_meant(text, False)
    found = re.fullmatch(r"; write (\d{4}-\d{2}-\d{2})", meant)
    return date.fromisoformat(found.group(1)) if found else None


def _month_number(word: str) -> int | None:
    from cswgen.core import cldr  # (Babel: only for a date written in words)

    return cldr.month_number(word)


def _date_meant(value: object, row: bool, sheet: bool = False, path: str = "") -> str:
    """The fix for a date written another way, to end its message with: Excel's day count
    in a CSV or sheet (a cell not formatted as a date), 06/10/2026 (either way round when
    both exist), a date pasted from Word ("6 Oct 2026", en dashes); "" when none is clear.
    A workbook's cell of text is told to be typed again: Format Cells changes how a date
    cell shows its date, and leaves text as it is.  `path`: the list's, whose name says
    which spreadsheet program's steps to give (`sheetadvice`)."""
    excel = (TEXT_CELL if sheet and isinstance(value, str) else dates_column(path)) \
        if row else ""
    if row and (counted := excel_day(value)) is not None:
        return day_number(path, counted)
    if not isinstance(value, str):
        return ""
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", value.replace("\u00a0", " ")).strip()
    if (match := _WITH_TIME.match(text)) is not None \
            and (written := DATE.match(match.group(1))) is not None:
        with contextlib.suppress(ValueError):
            meant_day = date(*(int(g) for g in written.groups()))
            return (f"; write the date alone, {meant_day.isoformat()} (a date has no time of "
                    "day here)" + excel)
        return ""
    alone = ""  # (a date with its time: said to be written alone)
    if (match := _NUMERIC_WITH_TIME.match(text)) is not None:
        text, alone = match.group(1), "the date alone, "
    if (match := _YEAR_FIRST.match(text)) is not None:
        candidates = [tuple(int(g) for g in match.groups())]
    elif (match := _NUMERIC_DATE.match(text)) is not None:
        first, second, year = (int(g) for g in match.groups())
        candidates = [(year, second, first), (year, first, second)]  # day first, then month
    elif (match := _IN_WORDS.match(text)) is not None \
            and (month := _month_number(match.group(2))) is not None:
        candidates = [(int(match.group(3)), month, int(match.group(1)))]
    else:  # (its patterns take a while to compile: only for a date written otherwise)
        from cswgen.core import datewords

        found = datewords.find(text, EXAMPLE_DATE.year)
        whole = len(found) == 1 and found[0].text == text and len(found[0].dates) == 1 \
            and re.search(r"\d{4}", text)
        candidates = [found[0].dates[0].timetuple()[:3]] if whole else []
    meant: list[date] = []
    for year, month, day in candidates:
        with contextlib.suppress(ValueError):
            if date(year, month, day) not in meant:
                meant.append(date(year, month, day))
    timeless = " (a date has no time of day here)" if alone else ""
    if len(meant) == 1:
        return f"; write {alone}{meant[0].isoformat()}{timeless}" + excel
    if len(meant) == 2:
        a, b = meant
        return (f"; write {alone}{a.isoformat()} for {a.day} {MONTHS[a.month - 1]} or "
                f"{b.isoformat()} for {b.day} {MONTHS[b.month - 1]}{timeless}" + excel)
    return ""


def day_meant(value: object, week: Sequence[date], *, guessed: bool) -> str:
    """The fix for a day's `date` written as its weekday (`Tuesday`: day: tuesday) or as
    its day and month without the year (`5 October`: the date in the week's year), to end
    its message with; "" for anything else.  `week`: the week's dates, `guessed`: they are
    a stand-in, as [week] itself is wrong (then no date is offered)."""
    if not isinstance(value, str) or re.search(r"\d{4}", value) or not week:
        return ""  # (a date with its year gets its fix from `_date_meant`)
    text = value.strip()
    span = range_label(week[0], week[-1])
    if (index := weekday_index(text)) is not None:
        name = WEEKDAYS[index]
        on = next((d for d in week if d.weekday() == index), None)
        if on is None and not guessed:
            return (f"; a weekday goes in the `day` field, but {name.title()} is not one of "
                    f"the week's days ({span}); write one of them, like day: "
                    f"{WEEKDAYS[week[-1].weekday()]}, or change [week] days in config.toml")
        full = f" (or date: {on.isoformat()})" if on is not None and not guessed else ""
        return f"; a weekday goes in the `day` field: write day: {name} instead{full}"
    if guessed:
        return ""
    from cswgen.core import datewords  # (as in `_date_meant`: only for such a date)

    found = datewords.find(text, week[0].year)
    if len(found) != 1 or found[0].text != text or len(found[0].dates) != 1:
        return ""
    meant = found[0].dates[0]
    said = weekday_index(re.split(r"[\s,]+", text)[0])
    if said is not None and said != meant.weekday():  # "Monday 6 October": which one?
        return (f"; {plain_label(meant)} is a {WEEKDAYS[meant.weekday()].title()}, not a "
                f"{WEEKDAYS[said].title()}: write {meant.isoformat()} for that date, or "
                f"day: {WEEKDAYS[said]} in place of `date` for the week's "
                f"{WEEKDAYS[said].title()}")
    if meant in week:
        return f"; write the whole date, with the year: {meant.isoformat()}"
    return (f"; with the year that is {meant.isoformat()} ({long_label(meant)}), which is "
            f"outside the week ({span}); check the day and the month")
