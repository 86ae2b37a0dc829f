"""Typed reading of one entry's fields (front matter or a CSV row), problem by problem.

A `Fields` wraps the raw mapping and the line of every key; each accessor returns a clean
value or records a `path:line` problem that says how to fix it and returns a safe default.
Dates and clock times are read, and their problems worded, in `dates`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import re
import urllib.parse
from datetime import date, datetime, time
from functools import partial
from pathlib import Path
from typing import Any

from cswgen.core import paths
from cswgen.core.errors import Problems
from cswgen.read import sheetadvice as sheets
from cswgen.read.dates import (
    DATE,
    EXAMPLE_DATE,
    excel_day,
    read_clock,
    read_date,
    written_otherwise,
)
from cswgen.read.finder import Finder, Image, spelled_right
from cswgen.read.pasted import curly_warning, unquoted
from cswgen.read.tomltable import described
from cswgen.read.workbooks import SUFFIXES as WORKBOOKS

# what a yes/no field is written as, in small letters: YAML's and TOML's true and false,
# and what a spreadsheet column of them holds (Excel's TRUE, 1 and 0, Y and N, a tick)
YES = ("true", "yes", "y", "1", "x", "\u2713", "\u2714")
NO = ("false", "no", "n", "0")
# TRUE and FALSE as Excel writes them in a CSV export in its other languages: a column of
# ticked boxes exported in Maputo or São Paulo reads VERDADEIRO/FALSO (not a guess at a
# word's meaning: it is the spreadsheet's own yes and no)
EXCEL_YES = ("verdadeiro", "vrai", "verdadero", "wahr", "vero", "waar")
EXCEL_NO = ("falso", "faux", "falsch", "onwaar")


class Fields:
    def __init__(self, data: dict[str, Any], lines: dict[str, int], path: str,
                 problems: Problems, *, row: bool = False,
                 example: date = EXAMPLE_DATE, emptied: dict[str, str] | None = None,
                 columns: frozenset[str] = frozenset(),
                 spelled: dict[str, str] | None = None,
                 unread: frozenset[str] | None = None) -> None:
        self.data = data
        self.lines = lines
        self.path = path
        self.problems = problems
        self.row = row  # a CSV row: every key is on the row's line, cells are text
        self.example = example  # a date in the site's week, for examples in messages
        # keys YAML read as empty because their text starts with # -> why, and the fix
        self.emptied = dict(emptied or {})
        self.columns = columns  # a CSV row: the columns its header names (empty cells too)
        # values YAML read as true or false from another word -> that word (`Document`)
        self.spelled = spelled or {}
        # the fields on lines set aside after a syntax error (`frontmatter.Document`)
        self.unread = unread

    def line(self, key: str) -> int:
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return self.lines.get("", 1)

    def written(self, key: str, other: str) -> str:
        """Of two fields that disagree, the one to report at: `key`, unless a translation
        takes it from its original (a negative line, never reported again) and gives
        `other` itself, which is then where it went wrong."""
        return other if self.line(key) < 0 <= self.line(other) else key

    def error(self, key: str, message: str) -> None:
        self.problems.error(self.path, self.line(key), message)

    def warning(self, key: str, message: str) -> None:
        self.problems.warning(self.path, self.line(key), message)

    def unwrap_quotes(self) -> None:
        """A value wholly wrapped in typographic quotes (`customer: “Rudo M.”`, as Word
        types them) is read as the text inside them, with a warning: YAML and CSV treat
        only straight quotes as quoting, so the quotes would otherwise be published."""
        where = "cell" if self.row else "value"

        def unwrapped(key: str, value: Any, depth: int) -> Any:
            if isinstance(value, str):
                inner = unquoted(value)
                if inner is None:
                    return value
                self.warning(key, curly_warning(_named(key, where), value, inner))
                return inner
            if depth < 2 and isinstance(value, list):
                return [unwrapped(f"{key}.{i}", item, depth + 1) for i, item in enumerate(value)]
            if depth < 2 and isinstance(value, dict):
                return {k: unwrapped(f"{key}.{k}", v, depth + 1) for k, v in value.items()}
            return value

        for key in list(self.data):
            self.data[key] = unwrapped(str(key), self.data[key], 0)

    def report_emptied(self) -> None:
        """A warning for each value read as empty because it starts with #, unless it was
        a required field (an error already said so)."""
        for key, why in self.emptied.items():
            self.warning(key, f"{_named(key, 'value')} is read as empty, {why}")
        self.emptied.clear()

    def has(self, key: str) -> bool:
        return key in self.data and self.data[key] is not None and self.data[key] != ""

    def check_keys(self, known: tuple[str, ...], kind: str) -> None:
        """Warn about a key that is probably a misspelling of a known one (`ratng`)."""
        for key in self.data:
            if key in known:
                continue
            match = difflib.get_close_matches(str(key).lower(), known, n=1, cutoff=0.75)
            if match:
                self.warning(str(key), f"`{key}` is not a field of {kind}; did you mean "
                             f"`{match[0]}`? (it is kept for templates as it is)")

    def text(self, key: str, *, required: bool = False, what: str = "") -> str:
        value = self.data.get(key)
        if value is None or value == "" or (required and isinstance(value, str)
                                            and not value.strip()):
            if required:
                self.missing(key, what)
            return ""
        if isinstance(value, bool) and key in self.spelled:
            return self.spelled[key]  # `dress_code: No`: the word, not YAML's false
        if isinstance(value, (bool, list, dict)):
            self.error(key, f"`{key}` must be text, not {described(value)}; "
                       + (f"write the text in the `{key}` column" if self.row else
                          f"write it like {key}: \"...\""))
            return ""
        if isinstance(value, (datetime, date, time)):
            return value.isoformat()
        return str(value).strip()

    def set_aside(self, *keys: str) -> bool:
        """Whether any of `keys` may be on a line that could not be read (see `unread`)."""
        return self.unread is not None and any(key in self.unread or difflib.get_close_matches(
            key, self.unread, n=1, cutoff=0.75) for key in keys)

    def missing(self, key: str, what: str = "", *, instead: tuple[str, ...] = ()) -> None:
        if self.set_aside(key, *instead):  # (`instead`: the fields that would do as well)
            return  # (on a line that could not be read: said there)
        if key in self.emptied:
            self.error(key, f"`{key}` is required but is read as empty, "
                       f"{self.emptied.pop(key)}")
            return
        why = "" if not what else f" ({what})"
        if key in self.columns:  # the column is there; this row left its cell empty
            self.problems.error(self.path, self.lines.get("", 1),
                                f"this row's `{key}` cell is empty; fill it in{why}")
            return
        if not self.row and key in self.data and self.lines.get(key, 0) > 0:
            self.error(key, f"`{key}` is empty; fill it in{why}")  # `title:` with nothing
            return
        where = "column" if self.row else "field"
        # (a name as a heading writes it, `Customer Name`, is compared as `customer_name`)
        given = {str(k).strip().lower().replace(" ", "_"): str(k) for k in self.data
                 if self.has(str(k))}
        near = [given[n] for n in difflib.get_close_matches(key, list(given), n=1, cutoff=0.75)]
        if near:  # `custmer: Ann`
            here = "" if self.row else " on this line"
            self.error(near[0], f"`{key}` is required but missing; the `{near[0]}` {where}"
                       f"{here} is probably it: spell it `{key}`")
            return
        self.problems.error(self.path, self.lines.get("", 1),
                            f"`{key}` is required but missing; add a `{key}` {where}{why}")

    def boolean(self, key: str) -> bool:
        value = self.data.get(key)
        if value is None or value == "":
            return False
        if isinstance(value, bool):
            return value
        if isinstance(value, int | float) and value in (0, 1):  # a spreadsheet's 1 and 0
            return value == 1
        # (a tick typed on a phone or from Windows' emoji panel, ✔️, is ✔ and a selector
        # that asks for its colour picture)
        if isinstance(value, str) and (said := value.strip().lower().replace(
                "\ufe0f", "")) in YES + NO + ((EXCEL_YES + EXCEL_NO) if self.row else ()):
            return said in YES + EXCEL_YES
        self.error(key, f"`{key}` must be true or false, not {described(value)}; "
                   + (f"write true (or yes, 1) or false (or no, 0) in the `{key}` column"
                      if self.row else
                      f"write {key}: true (or yes, 1), or {key}: false (or no, 0)"))
        return False

    def integer(self, key: str, low: int, high: int, what: str) -> int | None:
        value = self.data.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, str) and re.fullmatch(r"\s*-?\d+\s*", value):
            value = int(value)
        # "5.0", or "5,0" (a decimal comma: Excel in Colombia), as a column with decimals
        # shows a whole number; never "1.000", which is a thousand there
        if isinstance(value, str) and (whole := re.fullmatch(r"\s*(-?\d+)[.,]00?\s*", value)):
            value = int(whole[1])
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            meant = _number_meant(value)
            fix = f"; write {meant}" if meant is not None and low <= meant <= high else ""
            self.error(key, f"`{key}` must be {what}, not {described(value)}{fix}")
            return None
        return value

    def year(self, key: str) -> int | None:
        """A year (`since`); a whole date, as HR lists keep the day someone joined (an
        Excel date cell), gives its year."""
        value = self.data.get(key)
        if isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{2}-\d{2}\s*", value):
            with contextlib.suppress(ValueError):
                value = dt.date.fromisoformat(value.strip())
        # a start date as a CSV export from Excel writes it in the HR person's locale
        # (01/03/2014, 1.3.2014): day and month may be either way round, the year is not
        if isinstance(value, str) and (shown := re.fullmatch(
                r"\s*(\d{1,2})([./-])(\d{1,2})\2((?:19|20)\d\d)\s*", value)) \
                and 1 <= min(int(shown[1]), int(shown[3])) <= 12 \
                and max(int(shown[1]), int(shown[3])) <= 31:
            years = sheets.typed_years(*map(int, shown.group(1, 3, 4))) if self.row else []
            if len(years) == 1:  # (Google Sheets writes a date cell as the sheet's language)
                self.warning(key, sheets.year_as_day(self.path, key, years[0], value.strip()))
            elif years:
                self.error(key, f"`{key}` shows {value.strip()}, a year typed in a column "
                           f"formatted as dates, which is {years[0]} or {years[1]}; write the "
                           f"year alone, and format the column as {sheets.as_numbers(self.path)}")
                return None
            return years[0] if years else int(shown[4])
        if isinstance(value, str) and not value.strip().isdigit() \
                and (said := written_otherwise(value)) is not None:
            return said.year  # typed as HR says it: "3 de outubro de 2014"
        if self.row and isinstance(value, dt.date) and (typed := sheets.typed_year(value)):
            self.warning(key, sheets.year_as_day(self.path, key, typed, value.isoformat()))
            return typed
        if isinstance(value, dt.date) and 1900 <= value.year <= 2100:
            return value.year
        if self.row and (counted := excel_day(value)) is not None:  # a start date's number
            self.error(key, f"`{key}` must be a year like 2019, not {described(value)}"
                       + sheets.day_number(self.path, counted)
                       + f" (or type the year alone, {counted.year})")
            return None
        served = value if isinstance(value, int) and not isinstance(value, bool) else \
            int(value) if isinstance(value, str) and value.strip().isdigit() else None
        if served is not None and 0 <= served <= 70:  # an HR list's years of service
            self.error(key, f"`{key}` must be the year they joined, like 2019, not {served}; "
                       f"if {served} is their years of service, write "
                       f"{self.example.year - served}")
            return None
        return self.integer(key, 1900, 2100, "a year like 2019")

    def number(self, key: str) -> float | None:
        value = self.data.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = float(value)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.error(key, f"`{key}` must be a number, like {key}: 1, not {described(value)}")
            return None
        return float(value)

    def date(self, key: str) -> dt.date | None:
        value = self.data.get(key)
        if value is None or value == "":
            return None
        return self.parse_date(key, value)

    def parse_date(self, key: str, value: Any) -> dt.date | None:
        when, wrong = read_date(key, value, self.example, row=self.row, path=self.path,
                                sheet=self.row and self.path.lower().endswith(WORKBOOKS))
        if wrong:
            self.error(key, wrong)
        return when

    def clock(self, key: str, value: Any) -> str | None:
        """A time of day as HH:MM (see `dates.read_clock` for the ways it may be written)."""
        clock, wrong = read_clock(key, value)
        if wrong:
            self.error(key, wrong)
        return clock

    def strings(self, key: str, *, separator: str | None = None) -> list[str]:
        """A list of text; a single text (a CSV cell) is split on `separator`, and on line
        breaks too (Alt+Enter in an Excel cell puts each name on a line of its own)."""
        value = self.data.get(key)
        if value is None or value == "":
            return []
        if isinstance(value, str):
            parts = value.replace(separator, "\n").splitlines() if separator else [value]
            return [p.strip() for p in parts if p.strip()]
        if not isinstance(value, list) and self.row:  # (Excel's number, date or TRUE)
            apart = (f", separated by {separator} (like Rudo Moyo{separator} Farai Dube), or"
                     if separator else ",")
            numbers = " (not staff numbers)" if isinstance(value, int | float) \
                and not isinstance(value, bool) else ""
            self.error(key, f"the `{key}` cell holds {described(value)}, but it is for "
                       f"names{numbers}; type the names in it{apart} each on a line of its "
                       f"own in the cell ({sheets.NEW_LINE})")
            return []
        if not isinstance(value, list):
            self.error(key, f"`{key}` must be a list, with one item per line starting with "
                       f"\"- \", not {described(value)}")
            return []
        items: list[str] = []
        for index, item in enumerate(value):
            if isinstance(item, (dict, list)) or item is None or isinstance(item, bool):
                self.error(f"{key}.{index}", f"item {index + 1} of `{key}` must be text, "
                           f"not {described(item)}")
                continue
            if str(item).strip():
                items.append(str(item).strip())
        return items

    def mappings(self, key: str, example: str) -> list[tuple[int, dict[str, Any]]]:
        """The items of a list of `{field: value}` items; `example`: two fields such an
        item has, for the message about one written as a sentence."""
        value = self.data.get(key)
        if value is None or value == "":
            return []
        if not isinstance(value, list):
            self.error(key, f"`{key}` must be a list of items, each starting with \"- \"")
            return []
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                self.error(f"{key}.{index}", f"item {index + 1} of `{key}` must have fields "
                           f"(like {example}, each on a line of its own), not be "
                           f"{described(item)}")
                continue
            items.append((index, item))
        return items

    def consent(self, key: str = "consent") -> bool | dt.date | str | None:
        """`true`/`false`, the date consent was given, or a note as people keep records
        (`signed form on file, 15 Sept`): a note is returned as it is, never an error."""
        value = self.data.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return value
        if isinstance(value, (datetime, date)):
            return value if not isinstance(value, datetime) else value.date()
        text = str(value).strip() if isinstance(value, (str, int, float)) else ""
        if text.lower() in ("true", "yes", "false", "no"):
            return text.lower() in ("true", "yes")
        if self.row and text.lower() in EXCEL_YES + EXCEL_NO:
            return text.lower() in EXCEL_YES
        if DATE.match(text):
            return self.parse_date(key, text)  # meant as a date: an impossible one is wrong
        if text:
            return text
        self.error(key, f"`{key}` must be true, the date consent was given (YYYY-MM-DD) or a "
                   f"note, not {described(value)}")
        return None

    def _as_written(self, key: str, value: str) -> str:
        """A value as the person writes it: `photo: x.jpg` in front matter, and in a
        spreadsheet's row (where `photo: ` in a cell would be part of the value) "write
        x.jpg in the `photo` column"."""
        return f"write {value} in the `{key}` column" if self.row else f"`{key}: {value}`"

    def image(self, key: str, alt_key: str, source: Path, finder: Finder,
              *, require_alt: bool) -> Image | None:
        """A picture path looked up next to the file first, then from content/."""
        value = self.text(key)
        if not value:
            return None  # alt text without a picture is harmless
        if paths.on_another_host(value):
            name = paths.picture_name(value)
            if value.strip().lower().startswith("file:"):  # (dragged from Explorer)
                name = urllib.parse.unquote(name)
                what = (f"the address of a file on one computer (\"{value}\"), which the "
                        f"site cannot reach; copy the picture next to {source.name}")
            else:
                what = (f"an address on another website (\"{value}\"), and pages never "
                        "load anything from elsewhere; download the picture, save it "
                        f"next to {source.name}")
            self.error(key, f"`{key}` is {what} and "
                       + (self._as_written(key, name) if self.row else
                          f"write its file name here, like `{key}: {name}`"))
            return None
        relative = finder(value, source.parent)
        if relative is None and finder.in_icloud_only(value, source.parent):
            return None  # (the content's walk says it is in iCloud only, and what to do)
        if relative is None:
            near = paths.nearly(value, finder.content, source.parent)
            if near is None and paths.on_one_computer(value):
                name = paths.picture_name(value.replace("\\", "/"))
                self.error(key, f"`{key}` names \"{value}\", a file on one computer (or its "
                           "network drive), which the site cannot reach; copy the picture "
                           f"next to {source.name} and "
                           + (self._as_written(key, name) if self.row else
                              f"write its file name here, like `{key}: {name}`"))
                return None
            self.error(key, f"`{key}` names \"{value}\", but there is no such file next to "
                       f"{source.name} or under content/; "
                       + spelled_right(near, partial(self._as_written, key)))
            return None
        alt = self.text(alt_key)
        if require_alt and not alt and not self.set_aside(alt_key):
            self.error(key, f"`{key}` has no `{alt_key}` text; add `{alt_key}:` describing the "
                       "picture for people who cannot see it")
        return Image(relative, alt)


def _named(key: str, where: str) -> str:
    """`staff.1` -> "item 2 of `staff`"; `events.0.title` -> "the value of `title`"."""
    parent, _, last = key.rpartition(".")
    if last.isdigit():
        return f"item {int(last) + 1} of `{parent.rpartition('.')[2]}`"
    return f"the {where} of `{last}`"


def _number_meant(value: object) -> int | None:
    """The whole number a rating typed another way stands for: stars (`★★★★☆`, as people
    type a rating), or a number with its label or scale (`5 - Excellent`, `4/5`, `4 stars`,
    as a form's answer reads); None for anything else (`4.5` is not whole)."""
    if not isinstance(value, str):
        return None
    if stars := re.fullmatch(r"\s*([★⭐]+)\ufe0f?[☆\s]*", value):
        return len(stars.group(1).replace("\ufe0f", ""))
    if number := re.fullmatch(r"\s*(\d+)\s*(?:(?:/|out of)\s*5|(?:stars?\b|[-–—:(])\D*)\s*",
                              value):
        return int(number.group(1))
    return None
