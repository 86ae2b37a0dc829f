"""How to fix a list's cells in the spreadsheet it is kept in, in that program's own menus.

A CSV file named as Google Sheets names a download (File > Download > Comma-separated
values: `Testimonials - Sheet1.csv`, the spreadsheet's name, a dash and the sheet's) is told
Google Sheets' steps, ending with downloading it again.  Any other CSV file, and a workbook,
is told Excel's steps with Google Sheets' beside them: a team may keep its list in either,
and a file renamed, or downloaded as a workbook (.xlsx), no longer says where it came from.
"""

from __future__ import annotations

import re
from datetime import date

# "<spreadsheet> - <sheet>.csv", and "<spreadsheet> - <sheet> (1).csv" for a second download
# to the same folder
_DOWNLOADED = re.compile(r".+ - .+\.csv", re.IGNORECASE)
DOWNLOAD = "File > Download > Comma-separated values (.csv)"
# (Google Sheets reads yyyy-mm-dd as a date format: `mm` is the month beside `yyyy`)
_GOOGLE_DATES = "Format > Number > Custom number format, type yyyy-mm-dd"


def from_google_sheets(path: str) -> bool:
    """Whether the list at `path` (`content/testimonials/Testimonials - Sheet1.csv`) is
    named as Google Sheets names a sheet it downloads as CSV."""
    return bool(_DOWNLOADED.fullmatch(path.rpartition("/")[2]))


def programs(path: str) -> str:
    """The program whose steps a message gives for the list at `path`."""
    return "Google Sheets" if from_google_sheets(path) else "Excel or Google Sheets"


def dates_column(path: str) -> str:
    """How to have the spreadsheet write a column's dates as YYYY-MM-DD (or, in a workbook,
    keep them as dates), to end a message about a date cell with."""
    if from_google_sheets(path):
        return (f"; in Google Sheets, select the column, choose {_GOOGLE_DATES}, click Apply "
                f"and download the file again with {DOWNLOAD}")
    return ("; in Excel, select the column, choose Format Cells > Custom, type yyyy-mm-dd "
            f"and save the file again (in Google Sheets: {_GOOGLE_DATES}, then download it "
            "again)")


def day_number(path: str, counted: date) -> str:
    """The end of the message for a cell that holds the spreadsheet's number for the day
    `counted` (both count days from 30 December 1899: 46301 is 2026-10-06)."""
    whose = "Google Sheets' number" if from_google_sheets(path) else \
        "Excel's (and Google Sheets') number"
    return (f", which is {whose} for {counted.isoformat()} (the cell is not formatted as a "
            "date)" + dates_column(path))


# a workbook's cell of text that reads as a date: a date format leaves text as it is
TEXT_CELL = (" (the cell holds text, which a date format does not change: type the date over "
             "it)")


def year_as_day(path: str, key: str, typed: int, shown: str) -> str:
    """The warning for a `key` cell that holds the year `typed` in a column formatted as
    dates, which the spreadsheet shows as the day `shown`, in 1905."""
    if from_google_sheets(path):
        return (f"the `{key}` cell holds the year {typed}, but it is formatted as a date, so "
                f"Google Sheets shows a day in 1905 ({shown}); it is read as {typed}: in "
                "Google Sheets, select the column, choose Format > Number > Automatic and "
                f"download the file again with {DOWNLOAD}, to silence this")
    return (f"the `{key}` cell holds the year {typed}, but it is formatted as a date, so it "
            f"shows as a day in 1905 ({shown}); it is read as {typed}: format the column as "
            f"{as_numbers(path)}, to silence this")


def as_numbers(path: str) -> str:
    """The format that shows a column of years as the numbers they are (Excel's Number
    would write 2019.00 in a CSV file)."""
    if from_google_sheets(path):
        return "Automatic (Format > Number > Automatic), then download the file again"
    return "General in Excel, or as Automatic in Google Sheets (Format > Number > Automatic)"


# how to start a new line inside a cell, for a list of names in one
NEW_LINE = "Alt+Enter in Excel, Ctrl+Enter in Google Sheets, starts a new line"


def as_utf8(path: str) -> str:
    """What more to say to save a list at `path` as UTF-8: Google Sheets downloads nothing
    else, so a download that is not was saved again by another program on its way."""
    if not path.lower().endswith(".csv"):
        return ""
    if from_google_sheets(path):
        return (f"; or download it from Google Sheets again ({DOWNLOAD}), which is UTF-8, "
                "and copy it here without opening and saving it in Excel")
    return f"; from Google Sheets, download it again: {DOWNLOAD} is UTF-8"


def typed_year(day: date) -> int | None:
    """The year typed into a cell formatted as a date, which Excel and Google Sheets count
    as days from 30 December 1899 (2019 shows as 1905-07-11), or None for any other day."""
    typed = (day - date(1899, 12, 30)).days
    return typed if day.year < 1906 and 1900 <= typed <= 2100 else None


def typed_years(first: int, second: int, year: int) -> list[int]:
    """The years that a day shown as `first/second/year` (either way round, as the sheet's
    language writes a date: 7/11/1905 in the US, 11/07/1905 in Britain) is, typed into a
    cell formatted as a date; none for a day that is no such year."""
    found: list[int] = []
    for month, day in ((first, second), (second, first)):
        try:
            typed = typed_year(date(year, month, day))
        except ValueError:
            continue
        if typed is not None and typed not in found:
            found.append(typed)
    return found
