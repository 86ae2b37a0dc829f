"""The rows of a CSV file or workbook of testimonials or honour-roll people, as fields to
validate like a Markdown file's front matter: one row, one entry."""

from __future__ import annotations

import contextlib
import csv
import difflib
import io
import itertools
import re
from datetime import date
from pathlib import Path
from typing import Any

from cswgen.core import limits
from cswgen.core.errors import Problems
from cswgen.read.fields import Fields
from cswgen.read.pasted import INVISIBLE, unseen_in
from cswgen.read.records import KIND_NAMES, KNOWN
from cswgen.read.sheetadvice import programs
from cswgen.read.workbooks import TITLE_ROWS, Sheet, is_workbook, read_workbook

# What people head a column of their own list with, by the field it holds (headings made
# field names: `Job title` -> job_title); a heading near a field's name is found by
# difflib, and one that holds it as a word (`Name of customer`) by that word
SAID_AS: dict[str, dict[str, str]] = {
    "testimonial": {
        "client": "customer", "client_name": "customer", "customer_name": "customer",
        "name": "customer", "company": "organisation", "organization": "organisation",
        "business": "organisation", "city": "location", "town": "location",
        "branch": "location", "score": "rating", "stars": "rating", "comment": "text",
        "comments": "text", "feedback": "text", "testimonial": "text", "quote": "text",
        "review": "text", "message": "text", "what_they_said": "text", "words": "text",
        "staff_member": "staff", "staff_name": "staff", "served_by": "staff",
        "picture": "photo", "image": "photo", "agreed": "consent", "permission": "consent"},
    "honour": {
        "full_name": "name", "employee": "name", "employee_name": "name",
        "staff_name": "name", "staff_member": "name", "job_title": "role", "position": "role",
        "job": "role", "dept": "department", "team": "department", "division": "department",
        "unit": "department", "category": "award", "award_category": "award",
        "year_joined": "since", "joined": "since", "start_year": "since",
        "year_started": "since", "started": "since", "reason": "citation",
        "picture": "photo", "image": "photo", "agreed": "consent", "permission": "consent"},
}

# ... and in Portuguese, as HR in Maputo, Luanda, Lisbon or São Paulo heads its columns
# (both spellings: "prémio"/"prêmio", "direcção"/"direção"), so that a list kept in
# Portuguese is told which heading to rename, not only that nothing was read
SAID_AS["testimonial"].update({
    "cliente": "customer", "nome": "customer", "nome_do_cliente": "customer",
    "empresa": "organisation", "organização": "organisation", "instituição": "organisation",
    "cidade": "location", "localidade": "location", "local": "location",
    "província": "location", "avaliação": "rating", "classificação": "rating",
    "nota": "rating", "estrelas": "rating", "comentário": "text", "comentários": "text",
    "depoimento": "text", "testemunho": "text", "texto": "text", "mensagem": "text",
    "opinião": "text", "colaborador": "staff", "colaboradores": "staff",
    "funcionário": "staff", "funcionários": "staff", "atendido_por": "staff",
    "data": "date", "destaque": "featured", "em_destaque": "featured", "título": "title",
    "foto": "photo", "fotografia": "photo", "consentimento": "consent",
    "autorização": "consent"})
SAID_AS["honour"].update({
    "nome": "name", "nome_completo": "name", "colaborador": "name", "funcionário": "name",
    "trabalhador": "name", "cargo": "role", "função": "role", "departamento": "department",
    "direcção": "department", "direção": "department", "área": "department",
    "unidade": "department", "equipa": "department", "equipe": "department",
    "prémio": "award", "prêmio": "award", "categoria": "award", "distinção": "award",
    "desde": "since", "admissão": "since", "data_de_admissão": "since",
    "ano_de_admissão": "since", "data_de_entrada": "since", "ano_de_entrada": "since",
    "citação": "citation", "motivo": "citation", "justificação": "citation",
    "justificativa": "citation", "foto": "photo", "fotografia": "photo",
    "consentimento": "consent", "autorização": "consent"})


# The words of a form's question that say which field its answers are, in the order they
# are looked for (the staff member's name before the customer's); a question in Portuguese
# ("Como avalia o atendimento?") is split at its accented letters, so its cues are the
# parts before them ("avalia" of avaliação, "coment" of comentário, "balc" of balcão)
ASKED_AS: dict[str, tuple[tuple[frozenset[str], str], ...]] = {
    "testimonial": (
        (frozenset({"staff", "employee", "agent", "helped", "served", "colleague",
                    "colaborador", "atendeu", "funcion"}), "staff"),
        (frozenset({"company", "organisation", "organization", "business", "empresa"}),
         "organisation"),
        (frozenset({"rate", "rating", "score", "stars", "satisfied", "avalia", "classifica",
                    "satisfeito", "satisfeita"}), "rating"),
        (frozenset({"consent", "permission", "agree", "publish", "autoriza", "publicar",
                    "consentimento"}), "consent"),
        (frozenset({"comment", "comments", "feedback", "testimonial", "review",
                    "experience", "tell", "coment", "testemunho", "depoimento", "conte",
                    "opini"}), "text"),
        (frozenset({"city", "town", "branch", "location", "cidade", "localidade", "balc",
                    "ag"}), "location"),
        (frozenset({"name", "nome"}), "customer")),
    "honour": (
        (frozenset({"department", "dept", "team", "division"}), "department"),
        (frozenset({"role", "position", "job"}), "role"),
        (frozenset({"award", "category"}), "award"),
        (frozenset({"reason", "why", "citation", "nomination"}), "citation"),
        (frozenset({"joined", "hired", "start", "started", "since"}), "since"),
        (frozenset({"name", "nominee"}), "name")),
}

# how an HR export heads a name kept in two columns (headings made field names)
_FIRST_NAMES = frozenset({"first_name", "firstname", "first_names", "given_name",
                          "given_names", "forename", "forenames", "first"})
_LAST_NAMES = frozenset({"surname", "last_name", "lastname", "family_name", "last"})


def meant(column: str, kind: str) -> str | None:
    """The field a column heading (a field name, `field_names`) not among `kind`'s fields
    most likely means, if one: `job_title` -> role, `ratng` -> rating."""
    if not column or column in KNOWN[kind]:
        return None
    if (said := SAID_AS.get(kind, {}).get(column)) is not None:
        return said
    # a question of a form (Google Forms, Microsoft Forms), whose export heads each column
    # with it: "How would you rate us?", "May we publish your comments?" (not `publish`)
    words = re.findall(r"[a-z]+", column)
    asked = next((field for cues, field in ASKED_AS.get(kind, ()) if cues.intersection(words)),
                 None)
    if asked is not None and (len(words) >= 4 or "?" in column):
        return asked
    if near := difflib.get_close_matches(column, KNOWN[kind], n=1, cutoff=0.75):
        return near[0]
    return next((word for word in words if len(word) > 3 and word in KNOWN[kind]),
                asked)  # ("Your name")


def csv_dialect(text: str) -> tuple[str, str, int]:
    """A CSV file's text without Excel's `sep=;` hint line, its delimiter, and how many lines
    the hint took (0 or 1)."""
    header_line, _, rest = text.partition("\n")
    if header_line.lower().startswith("sep=") and len(header_line.strip()) == 5:
        return rest, header_line.strip()[4], 1
    # Excel writes `;` where the decimal comma is usual; quotes are always Excel's.  The
    # first line that has any of them says which (a title above the column names, as an
    # export often has, has none: it is reported in `csv_rows`)
    first = next((line for line in text.split("\n", TITLE_ROWS + 1)[:TITLE_ROWS + 1]
                  if any(c in line for c in ",;\t")), header_line)
    delimiter = max(",;\t", key=first.count)
    return text, delimiter if first.count(delimiter) else ",", 0


def field_names(header: list[str]) -> list[str]:
    """A header row's cells as field names, read as they look: `Dress Code ` ->
    `dress_code`, `Citation` and `long` on two lines of one cell (Alt+Enter, as a long
    heading is wrapped in Excel) -> `citation_long`, and `customer` with a zero-width space
    pasted after it -> `customer` (see `_seen_names`)."""
    return [re.sub(r"\s+", "_", unseen_in(h)[0].strip().lower()) for h in header]


def _seen_names(header: list[str], path: str, line: int, problems: Problems) -> list[str]:
    """The header's cells as they look (see `pasted.unseen_in`), with a warning for each
    that held an invisible character: nobody can see one, so nobody meant it, and
    "rename the column "customer" to `customer`" would make no sense to the reader."""
    sheet = is_workbook(path)
    seen_header: list[str] = []
    for number, cell in enumerate(header, start=1):
        seen, what, where = unseen_in(cell)
        seen_header.append(" ".join(seen.split()))  # (a heading wrapped: on one line)
        if not what or not seen.strip():
            continue  # (a heading of invisible characters alone: a column with no name)
        cell_name = f"{_letter(number)}{line}"
        place = f"the column name in {cell_name}" if sheet else f"the name of column {number}"
        several = sum(c in INVISIBLE for c in cell) > 1
        problems.warning(path, line, f"{place}, \"{seen.strip()}\", has "
                         f"{'invisible characters' if several else 'an invisible character'} "
                         f"({what}) {'inside it' if where == 'inside' else 'at its ' + where}, "
                         "often pasted from a web page or a chat; it is read as "
                         f"`{field_names([seen])[0]}`, but "
                         + (f"select {cell_name} and type the name again" if sheet else
                            "delete the name and type it again") + " to silence this")
    return seen_header


def table_row(columns: list[str], cells: list[Any], body_column: str, path: str, line: int,
              problems: Problems, example: date) -> tuple[Fields, str]:
    """One row of a CSV file or sheet (its empty cells None) as Fields, and its body."""
    data: dict[str, Any] = {}
    for column, cell in zip(columns, cells, strict=False):
        if column and cell is not None:
            data[column] = cell
    body = data.pop(body_column, None)
    lines = {"": line, **{c: line for c in data}}
    return (Fields(data, lines, path, problems, row=True, example=example,
                   columns=frozenset(c for c in columns if c)),
            "" if body is None else str(body))


# what sets a CSV file's cells apart, as a message names it (French Excel saves with `;`)
_SEPARATORS = {",": "a comma (,)", ";": "a semicolon (;)", "\t": "a tab"}


def csv_rows(text: str, path: str, kind: str, problems: Problems,
             example: date, *, translated: bool = False) -> list[tuple[Fields, str]]:
    """Each row of a CSV file with cells, as Fields, and its body (the `text` or
    `citation_long` cell)."""
    body_column = "text" if kind == "testimonial" else "citation_long"
    text, delimiter, skipped = csv_dialect(text)
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter,
                        strict=True)
    try:
        header = next(reader)
    except StopIteration:
        columns_like = "customer,rating,text" if kind == "testimonial" else "name,role,citation"
        problems.warning(path, 1, "this CSV file is empty; put the column names on its first "
                         f"line (like {columns_like}) and a row for each entry below them, or "
                         "delete the file")
        return []
    except csv.Error as exc:
        problems.error(path, 1, f"the column names cannot be read as CSV: {_unreadable(exc)}; "
                       "a name that contains quotes must be written \"like \"\"this\"\"\" "
                       "(each quote doubled, the name in quotes)")
        return []
    columns = field_names(header)
    header_line = reader.line_num + skipped
    if not set(columns) & set(KNOWN[kind]) \
            and _header_further_down(text, delimiter, kind, path, problems, skipped):
        return []
    if not _columns_named(header, kind, path, header_line, problems, translated):
        return []
    rows: list[tuple[Fields, str]] = []
    unnamed: set[int] = set()  # columns with no name in the header that hold something
    line = reader.line_num + 1 + skipped
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.error(path, line, f"this row cannot be read as CSV: {_unreadable(exc)}; "
                           "a cell that contains quotes must be written \"like \"\"this"
                           "\"\"\" (each quote doubled, the cell in quotes)")
            break
        row_line, line = line, reader.line_num + 1 + skipped
        if (why := limits.too_many_rows(len(rows) + 1)) is not None:
            problems.error(path, row_line, why)
            break
        if not any(c.strip() for c in cells):
            continue
        if len(cells) > len(columns):
            separator = _SEPARATORS.get(delimiter, delimiter)
            like = f", like \"one{delimiter} two\"" if delimiter != "\t" else ""
            problems.error(path, row_line, f"this row has {len(cells)} cells but the "
                           f"header names {len(columns)} columns; a cell with {separator} "
                           f"in it must be in double quotes{like}")
            continue
        cleaned = [cell.strip() or None for cell in cells]
        unnamed.update(i for i, cell in enumerate(cleaned) if cell and not columns[i])
        rows.append(table_row(columns, cleaned, body_column, path, row_line, problems,
                              example))
    for index in sorted(unnamed):
        problems.warning(path, header_line, f"column {index + 1} has no name in the first "
                         "row, so its cells are not read; give it one of the column names, "
                         "or delete the column")
    return rows


def _columns_named(header: list[str], kind: str, path: str, line: int,
                   problems: Problems, translated: bool) -> bool:
    """Whether the rows can be read: not when no column holds each entry's name (one error
    at the column names, not one per row, naming the column meant when there is one).  A
    list of testimonials with no `text` column gets one warning there too (not a
    translation: its rows keep the original's text)."""
    header = _seen_names(header, path, line, problems)
    columns = field_names(header)
    name = "customer" if kind == "testimonial" else "name"
    if name not in columns and "slug" not in columns:
        near = [c for c in columns if meant(c, kind) == name] \
            or difflib.get_close_matches(name, columns, n=1, cutoff=0.6) \
            or [c for c in columns if name in c]
        what = ("the name the customer agreed to show, like \"Rudo M.\"" if name == "customer"
                else "the person's name")
        first = next((i for i, c in enumerate(columns) if c in _FIRST_NAMES), None)
        last = next((i for i, c in enumerate(columns) if c in _LAST_NAMES), None)
        if name == "name" and first is not None and last is not None:  # an HR export's
            problems.error(path, line, f"there is no `{name}` column, so no row can be read, "
                           f"and each name is in two columns, \"{header[first].strip()}\" and "
                           f"\"{header[last].strip()}\"; add a column named `name` with the "
                           f"whole name (in {programs(path)}: type ={_letter(first + 1)}2&\" \"&"
                           f"{_letter(last + 1)}2 in its second row and fill it down)")
            return False
        # (every column to rename at once, when there are several: a form's export)
        renames = _meant_fields(header, kind) if near else {}
        fix = (_rename_words(renames) if len(renames) > 1 and name in renames else
               f"rename the column \"{header[columns.index(near[0])].strip()}\" to `{name}`"
               if near else f"add a `{name}` column ({what})")
        problems.error(path, line, f"there is no `{name}` column, so no row can be read; {fix}")
        return False
    told: set[str] = set()  # the columns a message has named already
    if kind == "testimonial" and "text" not in columns and not translated:
        words = next((c for c in columns if meant(c, kind) == "text"), None)
        if words is not None:
            told.add(words)
        problems.warning(path, line, "there is no `text` column, so these testimonials have "
                         "no text; " + (
                             f"rename the column \"{header[columns.index(words)].strip()}\" to "
                             "`text`" if words is not None else
                             "name the column that holds the customer's words `text`"))
    for cell, column in zip(header, columns, strict=True):  # once here, not once per row
        if column not in told and (match := meant(column, kind)) is not None \
                and match not in columns:
            problems.warning(path, line, f"the column \"{cell.strip()}\" is not a field of "
                             f"{KIND_NAMES[kind]}; did you mean `{match}`? (its cells are "
                             "kept for templates as they are)")
    _columns_twice(columns, kind, path, line, problems)
    return True


def _columns_twice(columns: list[str], kind: str, path: str, line: int,
                   problems: Problems) -> None:
    """A name given to two columns (`Text` and `text `): a row keeps one cell of the two, so
    the other's words would be lost without a word (an error for a field the site shows)."""
    sheet = is_workbook(path)
    for column in dict.fromkeys(c for c in columns if c and columns.count(c) > 1):
        numbers = [i + 1 for i, c in enumerate(columns) if c == column]
        named = [_letter(n) if sheet else str(n) for n in numbers]
        report = problems.error if column in KNOWN[kind] else problems.warning
        times = "twice" if len(numbers) == 2 else f"{len(numbers)} times"
        report(path, line, f"the column name `{column}` is in "
               f"{f'row {line}' if sheet else 'the first row'} {times} (columns "
               f"{', '.join(named[:-1])} and {named[-1]}), so the cells of one would be lost; "
               "rename one of them, or put what belongs together in one column")


def _letter(number: int) -> str:
    """A column's letters in Excel: 1 -> A, 27 -> AA."""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _header_further_down(text: str, delimiter: str, kind: str, path: str,
                         problems: Problems, skipped: int) -> bool:
    """Whether a line under the first one looks like the column names (a title or an empty
    row above them, as a sheet exported from Excel often has): an error at that line, as
    the whole file would be read wrongly (every row missing its name)."""
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    with contextlib.suppress(csv.Error):  # (a broken row is reported by the real read)
        for number, row in enumerate(itertools.islice(reader, TITLE_ROWS + 1), start=1):
            if number == 1 or not set(field_names(row)) & set(KNOWN[kind]):
                continue
            named = ", ".join(f"`{unseen_in(cell)[0].strip()}`" for cell in row
                              if unseen_in(cell)[0].strip())
            problems.error(path, reader.line_num + skipped, f"this line looks like the "
                           f"column names ({named}), but they are read from the first line "
                           "only, so nothing in this file can be read; delete the "
                           f"line{'s' if number > 2 else ''} above it (a title can go in "
                           "the file's name instead)")
            return True
    return False


def workbook_rows(source: Path, path: str, kind: str, problems: Problems,
                  example: date, *, translated: bool = False) -> list[tuple[Fields, str]]:
    """Each row of each sheet whose first row names known columns, read like a CSV
    file's rows; each row's Fields report through `Problems.in_sheet`."""
    body_column = "text" if kind == "testimonial" else "citation_long"
    passed_over: list[Sheet] = []
    sheets = read_workbook(source, path, problems,
                           lambda header: bool(set(field_names(header)) & set(KNOWN[kind])),
                           passed_over)
    if sheets is None:
        return []
    if not sheets:
        name = "customer" if kind == "testimonial" else "name"
        problems.warning(path, 0, f"no sheet has a header row naming known columns "
                         f"like `{name}` and `{body_column}`, so nothing in this "
                         "workbook is read; put the column names (the same as a CSV "
                         "file's) in the first row of a visible sheet"
                         + _renames(passed_over, kind))
    rows: list[tuple[Fields, str]] = []
    for sheet in sheets:
        columns = field_names(sheet.header)
        sheet_problems = problems.in_sheet(sheet.name)
        if not _columns_named(sheet.header, kind, path, sheet.header_row, sheet_problems,
                              translated):
            continue
        for number, values in sheet.rows:
            rows.append(table_row(columns, values, body_column, path, number, sheet_problems,
                                  example))
    return rows


def _renames(sheets: list[Sheet], kind: str) -> str:
    """What to rename in the first sheet whose first row names columns cswgen knows by
    other names (`: in sheet "Staff", rename "Job title" to `role` and ...`), or ""."""
    for sheet in sheets:
        if renames := _meant_fields(sheet.header, kind):
            return f": in sheet \"{sheet.name}\", {_rename_words(renames)}"
    return ""


def _meant_fields(header: list[str], kind: str) -> dict[str, str]:
    """Each field the header has not that one of its headings means, with the first such
    heading (`{"role": "Job title"}`)."""
    columns = field_names(header)
    fields: dict[str, str] = {}
    for cell, column in zip(header, columns, strict=True):
        if (field := meant(column, kind)) is not None and field not in columns:
            fields.setdefault(field, " ".join(unseen_in(cell)[0].split()))
    return fields


def _rename_words(fields: dict[str, str]) -> str:
    """`rename "Job title" to `role` and "Team" to `department`` (`_meant_fields`)."""
    renames = [f"\"{cell}\" to `{field}`" for field, cell in fields.items()]
    return "rename " + (", ".join(renames[:-1]) + " and " + renames[-1] if len(renames) > 1
                        else renames[0])


def _unreadable(exc: csv.Error) -> str:
    """Why Python's CSV reader stopped, in words (it says "',' expected after '\"'")."""
    return ("a quote \" opened here is never closed" if "end of data" in str(exc)
            or "expected" in str(exc) else str(exc))
