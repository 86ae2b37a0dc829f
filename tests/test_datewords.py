"""Dates written in words move with the week; numbers that are not dates never do."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cswgen.core.datewords import find, shift, shift_iso

YEAR_ON = timedelta(weeks=52)  # the 2026 week (5-9 October) to the 2027 one (4-8 October)


@pytest.mark.parametrize(("before", "after"), [
    ("From Monday 5 to Friday 9 October, we", "From Monday 4 to Friday 8 October, we"),
    ("Monday 5 to Friday 9 October 2026", "Monday 4 to Friday 8 October 2027"),
    ("Week, 5 to 9 October 2026: thanking", "Week, 4 to 8 October 2027: thanking"),
    ("5–9 October 2026", "4–8 October 2027"),
    ("Tuesday 6 October 2026", "Tuesday 5 October 2027"),
    ("on 6 October.", "on 5 October."),
    ("MONDAY 5 OCTOBER: DREAM TEAM MONDAY", "MONDAY 4 OCTOBER: DREAM TEAM MONDAY"),
    ("Tue 6 Oct", "Tue 5 Oct"),
    ("Tues. 6th Oct.", "Tues. 5th Oct."),
    ("form on file, 24 September", "form on file, 23 September"),
    ("28 September – 2 October 2026", "27 September – 1 October 2027"),
    # as American English writes them ("en" dates, and the demo's own config.toml note)
    ('"en" as "Monday, October 5";', '"en" as "Monday, October 4";'),
    ("Tuesday, October 6, 2026", "Tuesday, October 5, 2027"),
    ("October 5–9, 2026", "October 4–8, 2027"),
    ("from Monday, October 5 to Friday, October 9", "from Monday, October 4 to Friday, October 8"),
    ("Oct. 6th: Superhero Tuesday", "Oct. 5th: Superhero Tuesday"),
    ("MONDAY OCTOBER 5", "MONDAY OCTOBER 4"),
])
def test_dates_in_words_move_by_whole_weeks(before: str, after: str) -> None:
    assert shift(before, YEAR_ON, 2026) == after


@pytest.mark.parametrize("text", [
    "Internal Communications, extension 2026.", "Branches: 08:00 to 16:00",
    "from 61 to 84 per cent", "decades day, 1960s to 1990s", "the first Tuesday in October",
    "date: 2026-10-05", "60 new savers in one Saturday", "Room 5, Friday",
    "October 2026", "in October 08:30 to 16:00", "Customer Service Week, October 2026",
])
def test_numbers_that_are_not_dates_stay(text: str) -> None:
    assert shift(text, YEAR_ON, 2026) == text


def test_a_range_that_moves_across_a_month_names_both_months() -> None:
    # 2029's week is 1-5 October: three days earlier in the month than 2026's, less a week
    offset = date(2029, 10, 1) - date(2026, 10, 5) - timedelta(weeks=1)
    assert shift("Monday 5 to Friday 9 October", offset, 2026) == \
        "Monday 24 to Friday 28 September"
    assert shift("Monday 5 to Friday 9 October", offset + timedelta(weeks=1), 2026) == \
        "Monday 1 to Friday 5 October"


def test_an_american_range_that_moves_across_a_month_names_both_months() -> None:
    back = timedelta(days=-7)
    assert shift("October 5 to 9", back, 2026) == "September 28 to October 2"
    assert shift("October 5–9, 2026", back, 2026) == "September 28–October 2, 2026"
    assert shift("Monday, October 5 to Friday, October 9", back, 2026) == \
        "Monday, September 28 to Friday, October 2"


def test_find_reads_the_dates_a_phrase_names() -> None:
    [week, day] = find("Monday 5 to Friday 9 October; Tue 6 Oct 2027", 2026)
    assert week.dates == (date(2026, 10, 5), date(2026, 10, 9))
    assert day.dates == (date(2027, 10, 6),)
    assert find("31 September", 2026) == []  # no such day: not a date, left alone
    [american] = find("Tuesday, October 6, 2026 and Monday 5 October", 2026)[1:]
    assert american.dates == (date(2026, 10, 5),)
    assert [f.dates for f in find("Tuesday, October 6, 2026", 2026)] == [(date(2026, 10, 6),)]


def test_iso_dates_move_and_impossible_ones_stay() -> None:
    assert shift_iso("date: 2026-10-06, v1.2026-10-06, 2026-02-30", YEAR_ON) == \
        "date: 2027-10-05, v1.2026-10-06, 2026-02-30"
