"""Dates written in words ("Monday 5 October", "5 to 9 October 2026", "5–9 October", and
in American order "Monday, October 5", "October 5–9, 2026"): found in text and moved by a
number of days.  Pure text, no I/O.

A number counts as a date only when a month name is tied to it: directly after it
("6 October") or before it ("October 6"), or at the end of a range it starts ("Monday 5 to
Friday 9 October").  So "extension 2026", "08:00 to 16:00" and "from 61 to 84 per cent"
are never touched.  When a date moves, its weekday, day of the month, month and year move
together; the case of each word ("MONDAY 5 OCTOBER"), abbreviations ("Tue 6 Oct"),
separators and spacing are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from cswgen.core.week import MONTHS, WEEKDAYS

_WEEKDAY = (r"(?:monday|mon|tuesday|tues|tue|wednesday|wed|thursday|thurs|thur|thu|friday|fri|"
            r"saturday|sat|sunday|sun)\.?")
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
          r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_ONE = (r"(?:(?P<wd{n}>{wd}),?[ \t]+)?(?P<d{n}>\d{{1,2}})(?P<th{n}>st|nd|rd|th)?")
_PHRASE = re.compile(
    r"(?<![\w#/:.-])"
    + _ONE.format(n=1, wd=_WEEKDAY)
    + r"(?:[ \t]+(?P<m1>" + _MONTH + r"))?"
    + r"(?:(?P<sep>[ \t]*(?:–|—|-)[ \t]*|[ \t]+(?:to|until|till)[ \t]+)"
    + _ONE.format(n=2, wd=_WEEKDAY) + r")?"
    + r"[ \t]+(?P<m2>" + _MONTH + r")"
    + r"(?:(?P<ysep>,?[ \t]+)(?P<y>\d{4}))?"
    + r"(?![\w-])",
    re.IGNORECASE)
# The same in American order ("Monday, October 5", "October 5–9, 2026"): the month comes
# first and ties the number after it; a range's second month ("to Friday, October 9") is
# optional.  A number followed by a colon and digits ("October 08:30") is a time.
_US_PHRASE = re.compile(
    r"(?<![\w#/:.-])"
    + r"(?:(?P<wd1>" + _WEEKDAY + r"),?[ \t]+)?"
    + r"(?P<m1>" + _MONTH + r")[ \t]+(?P<d1>\d{1,2})(?P<th1>st|nd|rd|th)?"
    + r"(?:(?P<sep>[ \t]*(?:–|—|-)[ \t]*|[ \t]+(?:to|until|till|through)[ \t]+)"
    + r"(?:(?P<wd2>" + _WEEKDAY + r"),?[ \t]+)?"
    + r"(?:(?P<m2>" + _MONTH + r")[ \t]+)?(?P<d2>\d{1,2})(?P<th2>st|nd|rd|th)?)?"
    + r"(?:(?P<ysep>,?[ \t]+)(?P<y>\d{4}))?"
    + r"(?![\w-]|[:.]\d)",
    re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    """One phrase: where it is, and the dates it names (one, or a range's two)."""

    start: int
    end: int
    text: str
    dates: tuple[date, ...]


def _month(word: str) -> int:
    key = word.lower().rstrip(".")[:3]
    return [m[:3].lower() for m in MONTHS].index(key) + 1


def _styled(word: str, like: str) -> str:
    """`word` (a full weekday or month name) in the case and length of `like`: "OCTOBER",
    "Oct", "Tues." (an abbreviation stays one)."""
    bare = like.rstrip(".")
    full = [w.lower() for w in (*MONTHS, *WEEKDAYS)]
    if bare.lower() not in full:
        keep = len(bare) if word.lower().startswith(bare.lower()) else 3
        word = word[:keep]
    word += like[len(bare):]
    if bare.isupper():
        return word.upper()
    if bare.islower():
        return word.lower()
    return word


def _ordinal(day: int) -> str:
    if day in (11, 12, 13):
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _american(match: re.Match[str]) -> bool:
    return match.re is _US_PHRASE


def _read(match: re.Match[str], year: int) -> tuple[date, ...] | None:
    """The dates the phrase names (its own year, else `year`); None if one is impossible."""
    written = int(match["y"]) if match["y"] else year
    if _american(match):  # "October 5", "October 5 to 9", "September 28 to October 2"
        month1 = _month(match["m1"])
        parts = [(int(match["d1"]), month1)]
        if match["d2"] is not None:
            parts.append((int(match["d2"]), _month(match["m2"]) if match["m2"] else month1))
    elif match["d2"] is None:
        parts = [(int(match["d1"]), _month(match["m2"]))]
        if match["m1"]:
            return None  # "5 October October": not a phrase we understand
    else:
        month2 = _month(match["m2"])
        parts = [(int(match["d1"]), _month(match["m1"]) if match["m1"] else month2),
                 (int(match["d2"]), month2)]
    try:
        found = [date(written, m, d) for d, m in parts]
    except ValueError:
        return None
    if len(found) == 2 and found[0] > found[1]:  # "28 December to 3 January 2027"
        found[0] = found[0].replace(year=written - 1)
    return tuple(found)


def _phrases(text: str) -> list[re.Match[str]]:
    """Every phrase in either order, in the order of the text; where the two overlap
    ("5 October 6 ..."), the day-month one."""
    taken = list(_PHRASE.finditer(text))
    for match in _US_PHRASE.finditer(text):
        if not any(m.start() < match.end() and match.start() < m.end() for m in taken):
            taken.append(match)
    return sorted(taken, key=lambda m: m.start())


def find(text: str, year: int) -> list[Found]:
    """Every date phrase in `text`; a phrase without a year is taken to be in `year`."""
    found: list[Found] = []
    for match in _phrases(text):
        dates = _read(match, year)
        if dates is not None:
            found.append(Found(match.start(), match.end(), match.group(0), dates))
    return found


def shift(text: str, offset: timedelta, year: int) -> str:
    """`text` with every date phrase moved by `offset` (`year`: as for `find`)."""
    move = _mover(offset, year)
    pieces: list[str] = []
    at = 0
    for match in _phrases(text):
        pieces += [text[at:match.start()], move(match)]
        at = match.end()
    return "".join(pieces) + text[at:]


def _mover(offset: timedelta, year: int) -> Callable[[re.Match[str]], str]:
    def move(match: re.Match[str]) -> str:
        dates = _read(match, year)
        if dates is None:
            return match.group(0)
        moved = [d + offset for d in dates]
        edits: list[tuple[int, int, str]] = []  # (start, end, new text) within the phrase

        def day(n: int, when: date) -> None:
            if match[f"wd{n}"]:
                edits.append((*match.span(f"wd{n}"),
                               _styled(WEEKDAYS[when.weekday()].title(), match[f"wd{n}"])))
            edits.append((*match.span(f"d{n}"), str(when.day)))
            if match[f"th{n}"]:
                edits.append((*match.span(f"th{n}"), _styled(_ordinal(when.day),
                                                              match[f"th{n}"])))

        last = moved[-1]
        day(1, moved[0])
        if _american(match):
            edits.append((*match.span("m1"), _styled(MONTHS[moved[0].month - 1], match["m1"])))
            if len(moved) == 2:
                day(2, last)
                if match["m2"]:
                    edits.append((*match.span("m2"),
                                  _styled(MONTHS[last.month - 1], match["m2"])))
                elif moved[0].month != last.month:  # "September 28 to October 2"
                    at = match.start("d2")
                    edits.append((at, at, _styled(MONTHS[last.month - 1], match["m1"]) + " "))
        elif len(moved) == 2:
            day(2, last)
            if match["m1"]:
                edits.append((*match.span("m1"),
                              _styled(MONTHS[moved[0].month - 1], match["m1"])))
            elif moved[0].month != last.month:  # "Monday 28 September to Friday 2 October"
                at = match.end("th1") if match["th1"] else match.end("d1")
                edits.append((at, at, " " + _styled(MONTHS[moved[0].month - 1], match["m2"])))
        if not _american(match):
            edits.append((*match.span("m2"), _styled(MONTHS[last.month - 1], match["m2"])))
        if match["y"]:
            edits.append((*match.span("y"), str(last.year)))
        text = match.group(0)
        base = match.start()
        for start, end, new in sorted(edits, reverse=True):
            text = text[:start - base] + new + text[end - base:]
        return text

    return move


_ISO = re.compile(r"(?<![\w.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w-])")


def shift_iso(text: str, offset: timedelta) -> str:
    """`text` with every `YYYY-MM-DD` date moved by `offset` (impossible dates stay)."""

    def move(match: re.Match[str]) -> str:
        try:
            moved = date(int(match[1]), int(match[2]), int(match[3])) + offset
        except ValueError:
            return match.group(0)
        return moved.isoformat()

    return _ISO.sub(move, text)
