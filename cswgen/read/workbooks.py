"""Excel workbooks (.xlsx) read as they are saved: each visible sheet's rows, cell by cell.

A comms team keeps its testimonials and honour roll in Excel; asking for a CSV export is
one more step to forget.  A workbook is read the way Excel last saved it: a formula is the
value Excel calculated and saved (a file no spreadsheet program ever calculated has none,
which is reported), a date is a date, a whole number is whole, and hidden rows, columns
and sheets are left out, as the person who hid them expects.  Which columns mean what is `content`'s
business: this module only turns sheets into rows of plain Python values.

openpyxl is imported only when a workbook is read (it takes a fifth of a second), and a
file is opened only within limits: its size on disk, its size unpacked (an .xlsx is a zip,
and a small zip can unpack to gigabytes), its rows and its columns.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cswgen.core import limits
from cswgen.core.errors import Problems
from cswgen.read.pasted import unseen_in

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

# .xlsm is an .xlsx with macros (never run here); an old .xls is reported, not published
SUFFIXES = (".xlsx", ".xlsm", ".xls")
RESAVE = ("open it in Excel and save it again as an Excel Workbook (.xlsx), or export it "
          "as CSV UTF-8")
_FORMULA = re.compile(rb"<(?:\w+:)?f[ >/]")  # a formula in a sheet's XML
TITLE_ROWS = 5  # rows below the first in which to look for a header under a title


@dataclass
class Sheet:
    """One visible sheet whose header `content` wants: its rows below the header."""

    name: str
    header: list[str]  # the header row's cells as text ("" for an empty cell)
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)  # Excel row number, values
    header_row: int = 1  # the Excel row of the header: below a title, in an HR export


def is_workbook(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def read_workbook(source: Path, site_path: str, problems: Problems,
                  wanted: Callable[[list[str]], bool],
                  passed_over: list[Sheet] | None = None) -> list[Sheet] | None:
    """The visible sheets of the workbook at `source` whose header row `wanted` accepts (the
    first row, or one under a title: `_header_further_down`), with
    their visible rows; None when the file cannot be read as a workbook (reported).  The
    other visible sheets with a header row go to `passed_over`, without their rows."""
    why = _unreadable(source)
    if why is not None:
        problems.error(site_path, 0, why)
        return None
    import openpyxl  # here: only a site with a workbook pays for importing it

    try:
        book = openpyxl.load_workbook(source, data_only=True)
    except Exception as exc:  # openpyxl raises whatever its parsers meet in a broken file
        problems.error(site_path, 0, f"cannot be read as an Excel workbook ({_reason(exc)}); "
                       + RESAVE)
        return None
    unsaved = _unsaved_formulas(source) if _has_formulas(source) else {}
    sheets: list[Sheet] = []
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue  # hidden (or "very hidden") on purpose: a working sheet, not content
        header = _header_cells(sheet, 1)
        header_row = 1 if header and wanted(header) else _header_further_down(sheet, wanted)
        if header_row is None:
            if passed_over is not None and (named := _likely_header(sheet)) is not None:
                passed_over.append(Sheet(sheet.title, _header_cells(sheet, named),
                                         header_row=named))
            continue
        hidden_columns = _hidden_columns(sheet)  # their names too: nothing in them is read
        found = Sheet(sheet.title, ["" if c in hidden_columns else name for c, name
                                    in enumerate(_header_cells(sheet, header_row), start=1)],
                      header_row=header_row)
        _read_rows(sheet, found, site_path, problems.in_sheet(sheet.title),
                   unsaved.get(sheet.title, set()))
        sheets.append(found)
    return sheets


def _header_cells(sheet: Worksheet, number: int) -> list[str]:
    """Row `number`'s cells as text, without the empty ones at its end."""
    width = min(sheet.max_column, limits.MAX_WORKBOOK_COLUMNS)
    header = [_header_text(sheet.cell(number, c).value) for c in range(1, width + 1)]
    while header and not header[-1]:
        header.pop()
    return header


def _likely_header(sheet: Worksheet) -> int | None:
    """The row that most likely names a sheet's columns, for a message about headings
    cswgen does not know: the first of the first rows with two cells or more (a title has
    one), else the first row with any."""
    rows = [(number, _header_cells(sheet, number))
            for number in range(1, min(sheet.max_row, TITLE_ROWS + 1) + 1)]
    return next((number for number, row in rows if sum(map(bool, row)) >= 2),
                next((number for number, row in rows if row), None))


def _header_further_down(sheet: Worksheet,
                         wanted: Callable[[list[str]], bool]) -> int | None:
    """The row of a header under a title (or a blank row), as an HR export puts one above
    the column names ("Quadro de Honra 2027 - Recursos Humanos", often merged across the
    columns), or None.  The sheet is read from there: it is saved that way, and asking
    people to delete the title from the file HR sends every year helps nobody."""
    for number in range(2, min(sheet.max_row, TITLE_ROWS + 1) + 1):
        if (row := _header_cells(sheet, number)) and wanted(row):
            return number
    return None


def _unnamed_columns(sheet: Worksheet, found: Sheet, site_path: str,
                     problems: Problems, hidden: set[int], hidden_columns: set[int]) -> None:
    """Cells under no column name are not read: say so, once per column (a heading
    merged across two columns names only the first; a column added without a heading)."""
    width = min(sheet.max_column, limits.MAX_WORKBOOK_COLUMNS)
    # (a name of invisible characters alone is no name: see `pasted.unseen_in`)
    named = {c for c, name in enumerate(found.header, start=1) if unseen_in(name)[0].strip()}
    columns = sorted({column for (number, column), item in sheet._cells.items()
                      if number > found.header_row and number not in hidden
                      and column <= width and column not in named
                      and column not in hidden_columns and _value(item.value) is not None})
    from openpyxl.utils import get_column_letter

    for column in columns:
        letter = get_column_letter(column)
        problems.warning(site_path, found.header_row, f"column {letter} has no name in row "
                         f"{found.header_row}, so its cells "
                         "are not read; give it one of the column names (a name in a merged "
                         "cell counts for its first column only: unmerge it), or delete the "
                         "column")


def _read_rows(sheet: Worksheet, found: Sheet, site_path: str, problems: Problems,
               unsaved: set[str]) -> None:
    if (why := limits.too_many_rows(sheet.max_row - 1, "sheet")) is not None:
        problems.error(site_path, 0, why)
        return
    hidden = {number for number, row in sheet.row_dimensions.items() if row.hidden}
    hidden |= _totals_rows(sheet)  # a table's "Total" row is no one
    # A hidden column is left out as a hidden row is: HR hides the columns that are not
    # for the site (an ID number, a phone, a working formula), and an error or a formula
    # with no saved value in one stops nothing
    hidden_columns = _hidden_columns(sheet)
    _unnamed_columns(sheet, found, site_path, problems, hidden, hidden_columns)
    width = len(found.header)
    held: dict[int, dict[int, Any]] = {}  # row -> column -> cell, as the file holds them
    # (iter_rows would make a cell for every empty one of the range: millions, for a file
    # with a few cells far apart)
    for (number, column), item in sheet._cells.items():
        if number > found.header_row and column <= width and number not in hidden \
                and column not in hidden_columns:  # hidden: not read
            held.setdefault(number, {})[column] = item
    # A cell merged down over several rows (an award typed once for everyone who won it)
    # shows its value on each of them, as Excel shows it; one merged across columns names
    # only its first column, as a merged heading does.
    for merged in sheet.merged_cells.ranges:
        first = sheet._cells.get((merged.min_row, merged.min_col))
        if first is None or merged.min_row <= found.header_row or merged.min_col > width \
                or merged.min_col in hidden_columns:
            continue
        for number in range(merged.min_row + 1, merged.max_row + 1):
            if number not in hidden:
                held.setdefault(number, {})[merged.min_col] = first
    # a formula with no saved value: one error per column, at its first row (a file a
    # program wrote has none in any row, and 150 lines saying so would hide the rest)
    uncalculated: dict[int, list[str]] = {}  # column -> its cells, in row order
    for number in sorted(held):
        values: list[Any] = []
        bad = False
        for column, name in enumerate(found.header, start=1):
            cell = held[number].get(column)
            if cell is None:
                values.append(None)
                continue
            label = f"`{name}` cell ({cell.coordinate})" if name else f"cell {cell.coordinate}"
            if cell.value is None and cell.coordinate in unsaved:
                uncalculated.setdefault(column, []).append(cell.coordinate)
                bad = True
            elif cell.data_type == "e":
                problems.error(site_path, number, f"the {label} shows the error "
                               f"{cell.value}; correct the formula or the value in Excel (or "
                               "in Google Sheets, and download the workbook again)")
                bad = True
            values.append(_value(cell.value))
        if not bad and any(v is not None for v in values):
            found.rows.append((number, values))
    for column, cells in sorted(uncalculated.items(), key=lambda item: _row_of(item[1][0])):
        name = found.header[column - 1]
        label = (f"`{name}` cell ({cells[0]})" if len(cells) == 1 else
                 f"{len(cells)} `{name}` cells ({cells[0]} to {cells[-1]})") if name else \
            (f"cell {cells[0]}" if len(cells) == 1 else f"cells {cells[0]} to {cells[-1]}")
        problems.error(site_path, _row_of(cells[0]),
                       f"the {label} {'is a formula' if len(cells) == 1 else 'are formulas'} "
                       "with no saved value (the file was written by a program that does not "
                       "calculate formulas); " + RESAVE.replace("save it again", "save it"))


def _row_of(coordinate: str) -> int:
    """The row of a cell's coordinate: `F12` -> 12."""
    return int(coordinate.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def _totals_rows(sheet: Worksheet) -> set[int]:
    """The rows of the sheet's tables (Insert > Table) that Excel keeps as their totals row
    (Table Design > Total Row: "Total" and a count under the last person), never an entry."""
    from openpyxl.utils import range_boundaries

    rows: set[int] = set()
    for table in sheet.tables.values():
        if table.totalsRowCount and table.ref:
            last = range_boundaries(table.ref)[3]
            if last is not None:
                rows.update(range(last - table.totalsRowCount + 1, last + 1))
    return rows


def _hidden_columns(sheet: Worksheet) -> set[int]:
    """The numbers of the hidden columns (Excel saves neighbouring hidden columns as one
    range, under its first letter)."""
    return {c for d in sheet.column_dimensions.values() if d.hidden and d.min
            for c in range(d.min, (d.max or d.min) + 1)}


def _value(value: Any) -> Any:
    """A cell's value as front matter would have it: text stripped (empty: absent), whole
    numbers whole, a date cell a date, a time cell `HH:MM`."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, dt.timedelta):
        return str(value)
    return value  # None, bool, int, float, date


def _header_text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _unreadable(source: Path) -> str | None:
    """Why the file is not opened as a workbook at all, or None: not a zip (a CSV renamed,
    an old .xls), or larger unpacked than cswgen reads."""
    if not zipfile.is_zipfile(source):
        kind = "an old Excel 97-2003 workbook (.xls)" if _is_old_excel(source) else \
            "not an Excel workbook, or is damaged (another kind of file renamed, or a copy " \
            "that did not finish)"
        return f"this file is {kind}; " + RESAVE
    try:
        with zipfile.ZipFile(source) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError) as exc:
        return f"cannot be read as an Excel workbook ({exc}); " + RESAVE
    return limits.too_large_unpacked(unpacked)


def _is_old_excel(source: Path) -> bool:
    with open(source, "rb") as file:
        return file.read(8) == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file


def _has_formulas(source: Path) -> bool:
    """Whether any worksheet's XML holds a formula (read in pieces; sizes already bounded)."""
    with zipfile.ZipFile(source) as archive:
        for name in archive.namelist():
            if not name.startswith("xl/worksheets/"):
                continue
            with archive.open(name) as member:
                tail = b""
                while chunk := member.read(1 << 20):
                    if _FORMULA.search(tail + chunk):
                        return True
                    tail = chunk[-16:]
    return False


def _unsaved_formulas(source: Path) -> dict[str, set[str]]:
    """By sheet name, the cells that hold a formula: those the values pass found empty
    have no saved value.  (openpyxl reads either the formulas or the saved values.)"""
    import openpyxl

    found: dict[str, set[str]] = {}
    try:
        book = openpyxl.load_workbook(source, read_only=True, data_only=False)
    except Exception:  # the values pass read it; a failure here only loses this check
        return found
    try:
        for sheet in book.worksheets:
            cells = found.setdefault(sheet.title, set())
            for row in sheet.iter_rows(max_row=limits.MAX_CSV_ROWS + 1,
                                       max_col=limits.MAX_WORKBOOK_COLUMNS):
                cells.update(c.coordinate for c in row
                             if getattr(c, "data_type", None) == "f")
    finally:
        book.close()
    return found


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 80 else text[:77] + "..."
