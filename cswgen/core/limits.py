"""Limits that keep a build's time and memory bounded, whatever a file holds.

A comms team's content is small: the largest realistic Markdown file (a long policy) is
tens of kilobytes and a staff export a few thousand rows.  What lies far beyond that is a
mistake (a log pasted in, an export of the whole HR system) or an attack, and would
otherwise take minutes and gigabytes before failing, or crash Python-Markdown's
recursive parser: lists nested 2,000 levels deep took 100 s and 1.5 GB to end in a
RecursionError.  Each limit is a `path:line` message that says what to do.
"""

from __future__ import annotations

import re

MB = 1024 * 1024
MAX_MARKDOWN_BYTES = 1 * MB  # one Markdown file (a long policy is 50 KB); about 15 s to convert
MAX_CSV_BYTES = 16 * MB  # one content CSV file (a wide staff export)
MAX_CSV_ROWS = 25_000  # entries in one CSV file or sheet (a large survey): each makes a page
MAX_WORKBOOK_UNPACKED = 64 * MB  # an .xlsx is a zip: what it may unpack to (a zip bomb's
# 16 MB can unpack to gigabytes; a 25,000-row sheet of twenty columns is about 20 MB)
MAX_WORKBOOK_COLUMNS = 200  # columns read from one sheet; a header row names far fewer
TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".xls")  # content files read as rows
MAX_NESTING = 32  # lists and quotes inside each other, as Markdown reads indentation

_PREFIX = re.compile(r"[ \t>]*")


def largest(name: str) -> int:
    """How many bytes cswgen reads of the content file `name` at most."""
    return MAX_CSV_BYTES if name.lower().endswith(TABLE_SUFFIXES) else MAX_MARKDOWN_BYTES


def too_large(name: str, size: int) -> str | None:
    """Why the content file `name` of `size` bytes is not read, or None."""
    lowered = name.lower()
    what = "CSV" if lowered.endswith(".csv") else \
        "Excel" if lowered.endswith(TABLE_SUFFIXES) else "Markdown"
    limit = largest(name)
    if size <= limit:
        return None
    advice = {"CSV": "split it into several CSV files",
              "Excel": "split it into several workbooks"}.get(
        what, "split it into several pages, or keep a long document as a PDF under "
        "content/ and link to it")
    return (f"is {size / MB:.1f} MB, more than cswgen reads in one {what} file "
            f"({limit // MB} MB); {advice}")


def too_large_unpacked(size: int) -> str | None:
    """Why a workbook (a zip) that unpacks to `size` bytes is not opened, or None."""
    if size <= MAX_WORKBOOK_UNPACKED:
        return None
    return (f"this workbook unpacks to {size / MB:.0f} MB, more than cswgen opens "
            f"({MAX_WORKBOOK_UNPACKED // MB} MB; a staff list of thousands of rows is a few); "
            "delete unused sheets, pictures and formatted empty rows, or split it into "
            "several workbooks")


def too_many_rows(rows: int, what: str = "CSV file") -> str | None:
    """Why a CSV file (or a workbook's sheet) stops being read at this row, or None."""
    if rows <= MAX_CSV_ROWS:
        return None
    split = "several CSV files" if what == "CSV file" else "several sheets or workbooks"
    return (f"this {what} has more than {MAX_CSV_ROWS:,} rows, more than cswgen reads from "
            f"one {what} (each row is a page, and a site that large would take minutes to "
            f"build); split it into {split}")


def too_deep(body: str) -> tuple[int, int] | None:
    """The 0-based line of `body` where lists or quotes are nested more than MAX_NESTING
    levels deep, and that depth; None when they never are."""
    for number, line in enumerate(body.split("\n")):
        prefix = _PREFIX.match(line)
        if prefix is None or len(prefix.group()) < MAX_NESTING:
            continue
        text = prefix.group()
        quotes = text.count(">")
        columns = len(text.replace("\t", "    ")) - quotes
        depth = quotes + columns // 4 + (1 if line[len(text):].startswith(("- ", "* ", "+ "))
                                         else 0)
        if depth > MAX_NESTING:
            return number, depth
    return None


def nesting_message(depth: int) -> str:
    return (f"lists or quotes are nested {depth} levels deep here; cswgen reads at most "
            f"{MAX_NESTING} levels (each `>` or four spaces of indentation is one); "
            "flatten the list or quote")
