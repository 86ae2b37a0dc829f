"""Testimonials and honour-roll lists kept in Excel, read as they are saved.

Each workbook is written by openpyxl in the test, as a comms team's would be by Excel, and
the site is built with the real command line.  openpyxl cannot calculate a formula, so a
formula's saved value is written into the sheet's XML afterwards, where Excel keeps it.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from cswgen.core import limits
from cswgen.core.errors import Problems
from cswgen.read.workbooks import read_workbook
from tests.helpers import AS_OF, Outcome

Run = Callable[..., Outcome]
MakeSite = Callable[..., Path]


def workbook(sheets: dict[str, list[list[Any]]], *, hidden_rows: dict[str, list[int]] | None = None,
             hidden_sheets: tuple[str, ...] = (), saved: dict[str, str] | None = None) -> bytes:
    """An .xlsx with these sheets (rows from row 1); `saved`: cell -> the value Excel would
    have saved for the formula in it (on the first sheet)."""
    book = openpyxl.Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for number in (hidden_rows or {}).get(name, []):
            sheet.row_dimensions[number].hidden = True
        if name in hidden_sheets:
            sheet.sheet_state = "hidden"
    buffer = io.BytesIO()
    book.save(buffer)
    return with_saved_values(buffer.getvalue(), saved or {})


def with_saved_values(data: bytes, saved: dict[str, str]) -> bytes:
    """The workbook with each formula cell's saved value, as Excel writes it: <f>..</f><v>..</v>."""
    if not saved:
        return data
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                for cell, value in saved.items():
                    member, count = re.subn(
                        rb'(<c r="' + cell.encode() + rb'"[^>]*>(?:<f>[^<]*</f>))<v ?/>',
                        rb"\1<v>" + value.encode() + rb"</v>", member)
                    assert count == 1, cell
            target.writestr(info, member)
    return out.getvalue()


FEEDBACK: dict[str, list[list[Any]]] = {
    "Feedback": [
        ["Customer", "Rating", "Date", "Text", "Featured", "Private notes"],
        ["Rudo M.", 5.0, dt.datetime(2026, 9, 14), "The branch stayed open for me.", True, "x"],
        ["Hidden H.", 4, dt.date(2026, 9, 15), "Filtered out by the team.", False, None],
        ["Tendai K.", "=2+2", dt.date(2026, 9, 16), "Quick and kind.", None, None],
        [None, None, None, None, None, None],  # an empty row is no entry
    ],
    "Notes": [["Remember to ask each customer before publishing"], ["call Rudo back"]],
    "Old": [["customer", "text"], ["Old O.", "From last year's list"]],
}


def feedback_workbook() -> bytes:
    return workbook(FEEDBACK, hidden_rows={"Feedback": [3]}, hidden_sheets=("Old",),
                    saved={"B4": "4"})


def test_a_testimonials_workbook_is_read_as_excel_saved_it(make_site: MakeSite,
                                                           run: Run) -> None:
    site = make_site({"content/testimonials/feedback.xlsx": feedback_workbook()})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert outcome.lines == []  # the "Notes" sheet, with no header, is skipped quietly
    out = site / "output" / "testimonials"
    rudo = (out / "rudo-m" / "index.html").read_text("utf-8")
    assert "The branch stayed open for me." in rudo
    assert 'datetime="2026-09-14"' in rudo and "September 14, 2026" in rudo  # a date cell
    assert "Rated 5 out of 5" in rudo  # 5.0 in Excel is a whole number
    tendai = (out / "tendai-k" / "index.html").read_text("utf-8")
    assert "Rated 4 out of 5" in tendai  # the formula's saved value
    assert not (out / "hidden-h").exists()  # a hidden row
    assert not (out / "old-o").exists()  # a hidden sheet
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "rudo-m", "tendai-k"]
    published = [p.name for p in (site / "output").rglob("*")]
    assert not [name for name in published if name.endswith(".xlsx")]
    assert "Private notes" not in rudo and "call Rudo back" not in rudo


def test_a_broken_row_names_the_file_the_sheet_and_the_row(make_site: MakeSite,
                                                          run: Run) -> None:
    rows: list[list[Any]] = [["customer", "rating", "date", "text"],
            ["Rudo M.", 5, dt.date(2026, 9, 14), "Thank you"],
            ["Tendai K.", 9, dt.date(2026, 9, 15), "Great"],
            [None, 3, "last week", "No name"]]
    site = make_site({"content/testimonials/feedback.xlsx": workbook({"Sheet1": rows}),
                      # Excel's lock file while the workbook is open: never read
                      "content/testimonials/~$feedback.xlsx": b"\x0bRudo\x00\x00" * 20})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 1
    assert "Traceback" not in outcome.stderr
    where = 'content/testimonials/feedback.xlsx: sheet "Sheet1"'
    assert outcome.lines[:3] == [
        f"{where}, row 3: `rating` must be a whole number from 1 to 5, not 9",
        f"{where}, row 4: `date` must be a date written YYYY-MM-DD, like 2026-10-06, not "
        "\"last week\"",
        f"{where}, row 4: this row's `customer` cell is empty; fill it in (the name the "
        "customer agreed to show, like \"Rudo M.\")",
    ]
    assert not (site / "output").exists()


def test_a_cell_of_the_wrong_kind_says_what_to_type_in_its_column(make_site: MakeSite,
                                                                  run: Run) -> None:
    """Excel turns TRUE typed in a cell into a yes/no value; the fix names the column, not
    a `location: "..."` line that, typed into a cell, would be published as it is."""
    rows: list[list[Any]] = [["customer", "location", "featured", "text"],
                             ["Rudo M.", True, "maybe", "Thank you"]]
    site = make_site({"content/testimonials/feedback.xlsx": workbook({"Sheet1": rows})})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 1
    where = 'content/testimonials/feedback.xlsx: sheet "Sheet1", row 2'
    assert sorted(outcome.lines[:2]) == [
        f"{where}: `featured` must be true or false, not \"maybe\"; write true (or yes, 1) "
        "or false (or no, 0) in the `featured` column",
        f"{where}: `location` must be text, not true; write the text in the `location` "
        "column"]


def test_the_lock_file_of_a_workbook_open_in_excel_changes_nothing(make_site: MakeSite,
                                                                  run: Run) -> None:
    closed = make_site({"content/testimonials/feedback.xlsx": feedback_workbook()})
    opened = make_site({"content/testimonials/feedback.xlsx": feedback_workbook(),
                        "content/testimonials/~$feedback.xlsx": b"\x0bRudo\x00\x00" * 20})
    first, second = run(closed, "build", *AS_OF), run(opened, "build", *AS_OF)
    assert (first.exit_code, first.lines) == (second.exit_code, second.lines) == (0, [])

    def files(site: Path) -> list[str]:
        return sorted(p.relative_to(site / "output").as_posix()
                      for p in (site / "output").rglob("*") if p.is_file())

    assert files(closed) == files(opened)
    assert "~$" not in "".join(files(opened))


def test_a_formula_excel_never_calculated_is_reported(make_site: MakeSite, run: Run) -> None:
    rows = [["customer", "rating", "text"], ["Rudo M.", "=2+3", "Thanks"]]
    site = make_site({"content/testimonials/feedback.xlsx": workbook({"Sheet1": rows})})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 1
    assert outcome.lines[0] == (
        'content/testimonials/feedback.xlsx: sheet "Sheet1", row 2: the `rating` cell (B2) is '
        "a formula with no saved value (the file was written by a program that does not "
        "calculate formulas); open it in Excel and save it as an Excel Workbook (.xlsx), or "
        "export it as CSV UTF-8")


def test_a_column_of_formulas_never_calculated_is_one_error(make_site: MakeSite,
                                                            run: Run) -> None:
    """An HR system that writes its export with formulas and no values has none in any row:
    one error for the column, not one for each of 150 people."""
    rows: list[list[Any]] = [["name", "role", "years_of_service"]]
    rows += [[f"Pessoa {n}", "Caixa", f"=2027-{1990 + n}"] for n in range(150)]
    site = make_site({"content/honour-roll/staff.xlsx": workbook({"Pessoal": rows})})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 1
    assert outcome.lines == [
        'content/honour-roll/staff.xlsx: sheet "Pessoal", row 2: the 150 `years_of_service` '
        "cells (C2 to C151) are formulas with no saved value (the file was written by a "
        "program that does not calculate formulas); open it in Excel and save it as an Excel "
        "Workbook (.xlsx), or export it as CSV UTF-8",
        "Build failed: 1 error. Nothing was written; the output folder is as it was."]


def test_an_excel_error_in_a_cell_is_reported(make_site: MakeSite, run: Run) -> None:
    rows = [["customer", "rating", "text"], ["Rudo M.", "#DIV/0!", "Thanks"]]
    site = make_site({"content/testimonials/feedback.xlsx": workbook({"Sheet1": rows})})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 1
    assert outcome.lines[0] == (
        'content/testimonials/feedback.xlsx: sheet "Sheet1", row 2: the `rating` cell (B2) '
        "shows the error #DIV/0!; correct the formula or the value in Excel (or in Google "
        "Sheets, and download the workbook again)")


def corrupt_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return buffer.getvalue()


@pytest.mark.parametrize(("name", "data", "what"), [
    ("feedback.xlsx", b"customer,text\nRudo M.,Thanks\n",
     "this file is not an Excel workbook, or is damaged (another kind of file renamed"),
    ("feedback.xlsx", corrupt_zip(), "cannot be read as an Excel workbook"),
    ("feedback.xlsx", feedback_workbook()[:3000], "this file is not an Excel workbook"),
    ("feedback.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600,
     "this file is an old Excel 97-2003 workbook (.xls)"),
])
def test_a_file_that_is_not_a_workbook_is_an_error_without_a_traceback(
        make_site: MakeSite, run: Run, name: str, data: bytes, what: str) -> None:
    site = make_site({f"content/testimonials/{name}": data})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 1
    assert "Traceback" not in outcome.stdout + outcome.stderr
    assert outcome.lines[0].startswith(f"content/testimonials/{name}: {what}")
    assert outcome.lines[0].endswith("save it again as an Excel Workbook (.xlsx), or export "
                                     "it as CSV UTF-8")


def test_a_workbook_with_no_usable_sheet_says_so(make_site: MakeSite, run: Run) -> None:
    book = workbook({"Sheet1": [["Name of customer", "What they said"], ["Rudo", "Hi"]]})
    site = make_site({"content/testimonials/feedback.xlsx": book})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0
    assert outcome.lines[0] == (
        "content/testimonials/feedback.xlsx: warning: no sheet has a header row naming known "
        "columns like `customer` and `text`, so nothing in this workbook is read; put the "
        "column names (the same as a CSV file's) in the first row of a visible sheet: in "
        "sheet \"Sheet1\", rename \"Name of customer\" to `customer` and \"What they said\" "
        "to `text`")


def test_an_hr_export_is_told_which_of_its_headings_to_rename(
        make_site: MakeSite, run: Run) -> None:
    """Headings as an HR system exports them name none of the columns cswgen reads: the
    warning says what each is called here, rather than only that nothing was read."""
    book = workbook({"Instructions": [["Fill in one row per person"]],
                     "Staff": [["Full name", "Job title", "Dept", "Year joined", "Comments",
                                "Notes"], ["Ivy Moyo", "Teller", "Harare", 2019, "", ""]]})
    site = make_site({"content/honour-roll/staff.xlsx": book})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0
    assert outcome.lines[0] == (
        "content/honour-roll/staff.xlsx: warning: no sheet has a header row naming known "
        "columns like `name` and `citation_long`, so nothing in this workbook is read; put "
        "the column names (the same as a CSV file's) in the first row of a visible sheet: in "
        "sheet \"Staff\", rename \"Full name\" to `name`, \"Job title\" to `role`, \"Dept\" "
        "to `department` and \"Year joined\" to `since`")


def test_portuguese_headings_are_told_which_field_each_is(make_site: MakeSite,
                                                         run: Run) -> None:
    """HR in Maputo heads its columns in Portuguese; the testimonials' CSV export from Excel
    in a Portuguese locale uses `;` and starts with a byte-order mark."""
    book = workbook({"Quadro de Honra": [
        ["Nome", "Cargo", "Departamento", "Prémio", "Desde", "Citação", "Consentimento"],
        ["Conceição Sitoe", "Caixa", "Balcão Baixa", "Estrela", 2019, "Sempre atenta.", "sim"]]})
    site = make_site({
        "content/honour-roll/staff.xlsx": book,
        "content/testimonials/inquerito.csv": "\ufeffCliente;Avaliação;Comentário;"
                                               "Colaborador\r\nJoão M.;5;Muito bem atendido."
                                               ";Conceição Sitoe\r\n"})
    outcome = run(site, "build", *AS_OF)
    assert sorted(outcome.lines)[1:] == [
        "content/honour-roll/staff.xlsx: warning: no sheet has a header row naming known "
        "columns like `name` and `citation_long`, so nothing in this workbook is read; put "
        "the column names (the same as a CSV file's) in the first row of a visible sheet: in "
        "sheet \"Quadro de Honra\", rename \"Nome\" to `name`, \"Cargo\" to `role`, "
        "\"Departamento\" to `department`, \"Prémio\" to `award`, \"Desde\" to `since`, "
        "\"Citação\" to `citation` and \"Consentimento\" to `consent`",
        "content/testimonials/inquerito.csv:1: there is no `customer` column, so no row can "
        "be read; rename \"Cliente\" to `customer`, \"Avaliação\" to `rating`, "
        "\"Comentário\" to `text` and \"Colaborador\" to `staff`"]


def test_a_heading_wrapped_on_two_lines_of_its_cell_is_read_as_it_looks(
        make_site: MakeSite, run: Run) -> None:
    """A long heading is wrapped in its cell (Alt+Enter): "Citation" over "long" is the
    `citation_long` column, and a message shows a heading on one line."""
    book = workbook({"Staff": [["name", "Citation\nlong", "Year\r\njoined"],
                               ["Graça Tembe", "Sempre *atenta*.", 2014]]})
    site = make_site({"content/honour-roll/staff.xlsx": book})
    outcome = run(site, "build", *AS_OF)
    assert outcome.lines == [
        'content/honour-roll/staff.xlsx: sheet "Staff", row 1: warning: the column "Year '
        'joined" is not a field of honour-roll entries; did you mean `since`? (its cells are '
        "kept for templates as they are)"]
    page = (site / "output/honour-roll/graca-tembe/index.html").read_text("utf-8")
    assert "<em>atenta</em>" in page


def test_a_form_asked_in_portuguese_is_told_which_column_is_which(make_site: MakeSite,
                                                                  run: Run) -> None:
    """A Microsoft or Google form in Portuguese heads each column with its question."""
    site = make_site({"content/testimonials/formulario.csv":
                      "Carimbo de data/hora,O seu nome,Como avalia o nosso atendimento?,"
                      "Nome do colaborador que o atendeu,Conte-nos a sua experiência,"
                      "Autoriza a publicação do seu comentário?\r\n"
                      "2027/09/14,Dona Fátima M.,5,João Macuácua,Impecável.,Sim\r\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.lines[0] == (
        "content/testimonials/formulario.csv:1: there is no `customer` column, so no row can "
        "be read; rename \"O seu nome\" to `customer`, \"Como avalia o nosso atendimento?\" "
        "to `rating`, \"Nome do colaborador que o atendeu\" to `staff`, \"Conte-nos a sua "
        "experiência\" to `text` and \"Autoriza a publicação do seu comentário?\" to "
        "`consent`")


def test_headings_under_a_title_are_told_which_to_rename(make_site: MakeSite,
                                                         run: Run) -> None:
    """The renames are found in the row under HR's title, not in the title."""
    book = workbook({"Quadro de Honra": [["Quadro de Honra 2027"], [],
                                         ["Nome", "Cargo"], ["Graça Tembe", "Caixa"]]})
    site = make_site({"content/honour-roll/staff.xlsx": book})
    outcome = run(site, "build", *AS_OF)
    assert outcome.lines[0].endswith(
        'in sheet "Quadro de Honra", rename "Nome" to `name` and "Cargo" to `role`')


def test_a_csv_heading_named_as_people_say_it_is_pointed_to_its_field(
        make_site: MakeSite, run: Run) -> None:
    site = make_site({"content/honour-roll/staff.csv":
                      "Employee name,Position,award\nIvy Moyo,Teller,Star\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 1
    assert "content/honour-roll/staff.csv:1: there is no `name` column, so no row can be " \
           "read; rename \"Employee name\" to `name` and \"Position\" to `role`" \
        in outcome.lines
    site = make_site({"content/honour-roll/staff.csv":
                      "name,Position,award\nIvy Moyo,Teller,Star\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0
    assert "content/honour-roll/staff.csv:1: warning: the column \"Position\" is not a field " \
           "of honour-roll entries; did you mean `role`? (its cells are kept for templates " \
           "as they are)" in outcome.lines
    site = make_site({"content/testimonials/t.csv": "customer,Rating\nAda K.,5\n"})
    outcome = run(site, "build", *AS_OF)
    assert "content/testimonials/t.csv:1: warning: there is no `text` column, so these " \
           "testimonials have no text; name the column that holds the customer's words " \
           "`text`" in outcome.lines


def titled_staff_list(since: Any) -> bytes:
    """An HR export with a title merged across the columns and a blank row above the
    column names; `since`: the last person's cell."""
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.title = "Quadro de Honra"
    sheet.append(["Quadro de Honra 2027 — Direcção de Recursos Humanos"])
    sheet.merge_cells("A1:D1")
    sheet.append([])
    sheet.append(["name", "role", "award", "since"])
    sheet.append(["João Macuácua  ", "Caixa", "Campeão do Cliente", 2015])
    sheet.append(["Conceição Sitoe", "Gestora de Clientes", None, 2019])
    sheet.merge_cells("C4:C5")  # one award typed once for both
    sheet.append(["Ivy Late", "Caixa", None, since])
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def test_a_title_above_the_column_names_is_read_past(make_site: MakeSite, run: Run) -> None:
    """HR's export puts a title above the column names: the sheet is read from its header
    row on, and a problem names the row Excel shows."""
    site = make_site({"content/honour-roll/staff.xlsx": titled_staff_list("last year")})
    outcome = run(site, "build", *AS_OF)
    assert outcome.lines[0] == (
        'content/honour-roll/staff.xlsx: sheet "Quadro de Honra", row 6: `since` must be a '
        'year like 2019, not "last year"')
    (site / "content/honour-roll/staff.xlsx").write_bytes(titled_staff_list(2020))
    outcome = run(site, "build", *AS_OF)
    assert (outcome.exit_code, outcome.lines) == (0, [])
    roll = site / "output/honour-roll"
    assert sorted(p.name for p in roll.iterdir() if p.is_dir()) == [
        "conceicao-sitoe", "ivy-late", "joao-macuacua"]
    conceicao = (roll / "conceicao-sitoe/index.html").read_text("utf-8")
    assert "Campeão do Cliente" in conceicao and "Gestora de Clientes" in conceicao
    assert "Direcção" not in (roll / "index.html").read_text("utf-8")


def test_the_total_row_of_an_excel_table_is_no_one(make_site: MakeSite, run: Run) -> None:
    """HR keeps the list as an Excel table with its Total Row turned on: "Total" and a count
    under the last person is not a person."""
    from openpyxl.worksheet.table import Table

    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.title = "Pessoal"
    sheet.append(["name", "role", "since"])
    sheet.append(["Graça Tembe", "Caixa", 2014])
    sheet.append(["João Sitoe", "Caixa", 2016])
    sheet.append(["Total", None, "=SUBTOTAL(103,Tabela1[since])"])
    sheet.add_table(Table(displayName="Tabela1", ref="A1:C4", totalsRowCount=1))
    data = io.BytesIO()
    book.save(data)
    site = make_site({"content/honour-roll/staff.xlsx": with_saved_values(data.getvalue(),
                                                                           {"C4": "2"})})
    outcome = run(site, "build", *AS_OF)
    assert (outcome.exit_code, outcome.lines) == (0, [])
    roll = site / "output/honour-roll"
    assert sorted(p.name for p in roll.iterdir() if p.is_dir()) == ["graca-tembe", "joao-sitoe"]


def test_a_hidden_column_is_not_read(make_site: MakeSite, run: Run) -> None:
    """HR hides the columns that are not for the site: what they hold is never published,
    and an Excel error or a formula never calculated in one stops nothing."""
    book = openpyxl.Workbook()
    sheet = book.worksheets[0]
    sheet.append(["name", "role", "phone", "years", "award"])
    sheet.append(["Graça Tembe", "Caixa", "+258 84 123 4567", "=2027-2013", "Estrela"])
    sheet.append(["Armando Cossa", "Caixa", "#N/A", "=2027-2020", "Estrela"])
    sheet.column_dimensions.group("C", "D", hidden=True)
    data = io.BytesIO()
    book.save(data)
    site = make_site({"content/honour-roll/staff.xlsx": data.getvalue()})
    outcome = run(site, "build", *AS_OF)
    assert (outcome.exit_code, outcome.lines) == (0, [])
    published = "".join(p.read_text("utf-8") for p in (site / "output").rglob("*.html"))
    assert "Armando Cossa" in published and "Graça Tembe" in published
    assert "123 4567" not in published


def test_cells_under_no_column_name_are_pointed_out(make_site: MakeSite, run: Run) -> None:
    """A heading merged across two columns names the first only; Excel keeps the second's
    cells, which would otherwise vanish without a word (a hidden column stays quiet)."""
    book = workbook({"Sheet1": [["customer", None, "rating", "text", None, "notes", None, None,
                                 "featured"],
                                ["Rudo M.", "Harare", 5, "Quick and kind.", "secret", None,
                                 "hidden", "too", None]]})
    data = io.BytesIO(book)
    loaded = openpyxl.load_workbook(data)
    loaded["Sheet1"].column_dimensions["E"].hidden = True
    loaded["Sheet1"].column_dimensions.group("G", "H", hidden=True)  # as Excel saves two
    data = io.BytesIO()
    loaded.save(data)
    site = make_site({"content/testimonials/feedback.xlsx": data.getvalue(),
                      "content/testimonials/more.csv": "customer,,text\nTendai K.,Mutare,Hi\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == [
        "content/testimonials/feedback.xlsx: sheet \"Sheet1\", row 1: warning: column B has "
        "no name in row 1, so its cells are not read; give it one of the column names (a "
        "name in a merged cell counts for its first column only: unmerge it), or delete the "
        "column",
        "content/testimonials/more.csv:1: warning: column 2 has no name in the first row, so "
        "its cells are not read; give it one of the column names, or delete the column"]
    assert (site / "output/testimonials/rudo-m/index.html").is_file()


def test_an_honour_roll_workbook_and_staff_links_from_testimonials(make_site: MakeSite,
                                                                  run: Run) -> None:
    staff = workbook({"Awards": [
        ["Name", "Role", "Award", "Since", "Citation", "Citation long", "Salary"],
        ["Farai Moyo", "Teller", "Rising Star", 2019.0, "Always calm.", "Farai *never* rushes.",
         52000],
        ["Zoë Nyathi", "Agent", "Metric-Improvement Award", 2021, "Cut wait times.", None,
         48000],
    ]})
    site = make_site({
        "content/honour-roll/staff.xlsx": staff,
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\nstaff: [farai moyo, Zoe "
                                        "Nyathi]\n---\nThank you both.\n",
    })
    outcome = run(site, "build", *AS_OF)
    assert (outcome.exit_code, outcome.lines) == (0, [])  # every name matched
    out = site / "output"
    farai = (out / "honour-roll" / "farai-moyo" / "index.html").read_text("utf-8")
    assert "<em>never</em>" in farai and "Rising Star" in farai and "52000" not in farai
    assert (out / "honour-roll" / "zoe-nyathi" / "certificate" / "index.html").is_file()
    rudo = (out / "testimonials" / "rudo" / "index.html").read_text("utf-8")
    assert "honour-roll/farai-moyo/" in rudo and "honour-roll/zoe-nyathi/" in rudo
    assert not list(out.rglob("*.xlsx"))


def test_a_start_date_in_the_since_column_gives_its_year(make_site: MakeSite,
                                                         run: Run) -> None:
    """HR lists keep the date someone joined, typed as a date in Excel; `since` is the year
    it gives.  The same date in front matter too."""
    from datetime import datetime

    staff = workbook({"Awards": [["Name", "Role", "Since"],
                                 ["Farai Moyo", "Teller", datetime(2019, 3, 1)]]})
    site = make_site({
        "content/honour-roll/staff.xlsx": staff,
        "content/honour-roll/zoe.md": "---\nname: Zoe Nyathi\nsince: 2021-06-14\n---\nKind.\n",
    })
    outcome = run(site, "build", *AS_OF)
    assert (outcome.exit_code, outcome.lines) == (0, []), outcome.stderr
    out = site / "output/honour-roll"
    assert "2019" in (out / "farai-moyo/index.html").read_text("utf-8")
    assert "2021" in (out / "zoe/index.html").read_text("utf-8")


def test_a_date_typed_in_words_in_portuguese_is_told_how_to_write_it(
        make_site: MakeSite, run: Run) -> None:
    """A date typed as text, as Graça in Maputo says it: the fix names the date it is."""
    book = workbook({"Testemunhos": [
        ["customer", "date", "text"],
        ["Dona Fátima M.", dt.datetime(2027, 9, 14), "O João foi impecável."],
        ["Sr. Armando C.", "3 de outubro de 2027", "Atendimento rápido."],
        ["Inês T.", "15 de set. de 2027", "Muito obrigada."]]})
    site = make_site({"content/testimonials/testemunhos.xlsx": book})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 1
    typed = " (the cell holds text, which a date format does not change: type the date over it)"
    assert outcome.lines[:2] == [
        'content/testimonials/testemunhos.xlsx: sheet "Testemunhos", row 3: `date` must be a '
        f'date written YYYY-MM-DD, like {AS_OF[1]}, not "3 de outubro de 2027"; write '
        "2027-10-03" + typed,
        'content/testimonials/testemunhos.xlsx: sheet "Testemunhos", row 4: `date` must be a '
        f'date written YYYY-MM-DD, like {AS_OF[1]}, not "15 de set. de 2027"; write '
        "2027-09-15" + typed]


def test_a_consent_date_written_another_way_is_named_as_the_date_to_write(
        make_site: MakeSite, run: Run) -> None:
    """Excel's CSV export in Maputo writes the consent date 15/09/2027; HR types another as
    it says it.  Each stays a note (cswgen does not guess), and the warning names the date."""
    site = make_site({
        "config.toml": '[site]\ntitle = "Semana"\nlanguage = "pt-MZ"\n[week]\nyear = 2026\n'
                       "[build]\nrequire_consent = true\n",
        "content/testimonials/t.csv": "\ufeffcustomer;text;consent\r\n"
                                      "Dona Fátima M.;Impecável.;15/09/2026\r\n"
                                      "Sr. Armando C.;Rápido.;3 de outubro de 2026\r\n"
                                      "Inês T.;Obrigada.;05/09/2026\r\n"})
    outcome = run(site, "build", *AS_OF)
    agreed = [line.split("the date they agreed ")[1].split(") in its `consent` cell")[0] + ")"
              for line in outcome.lines]
    assert agreed == ['(2026-09-15, if "15/09/2026" is that day)',
                      '(2026-10-03, if "3 de outubro de 2026" is that day)',
                      "(like 2026-09-14)"]


def test_ticked_boxes_exported_by_a_portuguese_excel_are_yes_and_no(
        make_site: MakeSite, run: Run) -> None:
    """Excel in Portuguese writes a TRUE cell as VERDADEIRO in its CSV export (French Excel
    VRAI, German WAHR): the spreadsheet's own yes, for `featured` and for `consent`."""
    site = make_site({
        "config.toml": '[site]\ntitle = "Semana"\nlanguage = "pt-MZ"\n[week]\nyear = 2026\n'
                       "[build]\nrequire_consent = true\n",
        "content/testimonials/t.csv": "\ufeffcustomer;text;featured;consent\r\n"
                                      "Dona Fátima M.;Impecável.;VERDADEIRO;VERDADEIRO\r\n"
                                      "Sr. Armando C.;Rápido.;FALSO;FALSO\r\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert [line.split(": warning: ")[1][:36] for line in outcome.lines] == [
        "left out because `consent` is false;"]
    home = (site / "output/index.html").read_text("utf-8")
    assert "Impecável." in home and "Rápido." not in home


def test_a_start_date_in_a_csv_export_gives_its_year(make_site: MakeSite, run: Run) -> None:
    """Excel's CSV export writes a date cell as the HR person's locale shows it: day first
    in Maputo and Lisbon (01/03/2014), month first in the US, dots in Germany; and HR types
    some as it says them."""
    site = make_site({"content/honour-roll/staff.csv":
                      "\ufeffname;role;since\r\nGraça Tembe;Caixa;01/03/2014\r\n"
                      "Inês Cossa;Caixa;12.9.1998\r\nLuís Langa;Caixa;3/31/2021\r\n"
                      "Ana Bila;Caixa;31/31/2001\r\nJoão Sitoe;Caixa;3 de outubro de 2011\r\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.lines[0] == ('content/honour-roll/staff.csv:5: `since` must be a year like '
                                '2019, not "31/31/2001"')
    (site / "content/honour-roll/staff.csv").write_text(
        (site / "content/honour-roll/staff.csv").read_text("utf-8").replace("31/31", "31/1"),
        "utf-8")
    outcome = run(site, "build", *AS_OF)
    assert (outcome.exit_code, outcome.lines) == (0, [])
    out = site / "output/honour-roll"
    for slug, year in (("graca-tembe", 2014), ("ines-cossa", 1998), ("luis-langa", 2021),
                       ("ana-bila", 2001), ("joao-sitoe", 2011)):
        assert f"{year}</" in (out / slug / "index.html").read_text("utf-8"), slug


def test_years_of_service_in_the_since_column_are_told_the_year_to_write(
        make_site: MakeSite, run: Run) -> None:
    """HR keeps each person's years of service; `since` is the year they joined."""
    book = workbook({"Pessoal": [["name", "since"], ["Graça Tembe", 12.0]]})
    site = make_site({"content/honour-roll/staff.xlsx": book})
    outcome = run(site, "build", *AS_OF)
    assert outcome.lines[0] == (
        'content/honour-roll/staff.xlsx: sheet "Pessoal", row 2: `since` must be the year '
        "they joined, like 2019, not 12; if 12 is their years of service, write 2014")


def test_a_year_typed_in_a_date_formatted_since_cell_is_that_year(make_site: MakeSite,
                                                                   run: Run) -> None:
    """2019 in a cell formatted as a date is day 2019 of Excel's calendar, 1905-07-11: the
    page said "With us since 1905", and nothing else did."""
    staff = workbook({"Awards": [["Name", "Role", "Since"],
                                 ["Farai Moyo", "Teller", dt.datetime(1905, 7, 11)],
                                 ["Zoe Nyathi", "Agent", dt.datetime(2021, 6, 14)]]})
    site = make_site({"content/honour-roll/staff.xlsx": staff})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == [
        'content/honour-roll/staff.xlsx: sheet "Awards", row 2: warning: the `since` cell holds '
        "the year 2019, but it is formatted as a date, so it shows as a day in 1905 "
        "(1905-07-11); it is read as 2019: format the column as General in Excel, or as "
        "Automatic in Google Sheets (Format > Number > Automatic), to silence this"]
    out = site / "output/honour-roll"
    assert "since 2019" in (out / "farai-moyo/index.html").read_text("utf-8")
    assert "since 2021" in (out / "zoe-nyathi/index.html").read_text("utf-8")


def test_later_checks_name_the_sheet_and_row_too(make_site: MakeSite, run: Run) -> None:
    rows = [["customer", "staff", "text"], ["Rudo M.", "Farai Mayo", "Thanks"]]
    site = make_site({
        "config.toml": '[site]\ntitle = "T"\n[week]\nyear = 2026\n[build]\n'
                       "require_consent = true\n",
        "content/testimonials/feedback.xlsx": workbook({"Replies": rows}),
    })
    outcome = run(site, "check", *AS_OF, "--format", "json")
    report = json.loads(outcome.stdout)
    found = [p for p in report["problems"] if p["path"].endswith("feedback.xlsx")]
    assert found and all(p["sheet"] == "Replies" and p["line"] == 2 for p in found)
    assert any("add a `consent` column with true" in p["message"] for p in found)
    text = run(site, "check", *AS_OF).stdout
    assert ('content/testimonials/feedback.xlsx: sheet "Replies", row 2: warning: left out '
            "because [build] require_consent is on") in text


def test_a_workbook_elsewhere_is_never_published(make_site: MakeSite, run: Run) -> None:
    """SPEC: "Workbooks are never published", wherever they are under content/."""
    book = workbook({"Sheet1": [["name", "salary"], ["Farai Moyo", 1200]]})
    site = make_site({"content/images/pay.xlsx": book,
                      "content/downloads/timetable.ods": b"PK\x03\x04 odf"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    for name in ("images/pay.xlsx", "downloads/timetable.ods"):
        assert not (site / "output" / name).exists()
        line = next(x for x in outcome.lines if x.startswith(f"content/{name}: warning: "))
        assert "never publishes" in line and "save what people should see as a PDF" in line


def test_editing_a_workbook_rebuilds_the_pages(make_site: MakeSite, run: Run) -> None:
    def book(text: str) -> bytes:
        return workbook({"Sheet1": [["customer", "text"], ["Rudo M.", text]]})

    site = make_site({"content/testimonials/feedback.xlsx": book("First words.")})
    assert run(site, "build", *AS_OF).exit_code == 0
    page = site / "output" / "testimonials" / "rudo-m" / "index.html"
    assert "First words." in page.read_text("utf-8")
    (site / "content" / "testimonials" / "feedback.xlsx").write_bytes(book("Second words."))
    assert run(site, "build", *AS_OF).exit_code == 0
    assert "Second words." in page.read_text("utf-8")


def test_size_limits_hold_for_workbooks(make_site: MakeSite, run: Run,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [["customer", "text"], *[[f"Customer {i}", "Thanks"] for i in range(6)]]
    site = make_site({"content/testimonials/feedback.xlsx": workbook({"Sheet1": rows})})
    monkeypatch.setattr(limits, "MAX_CSV_ROWS", 5)
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 1
    assert outcome.lines[0].startswith('content/testimonials/feedback.xlsx: sheet "Sheet1": '
                                       "this sheet has more than 5 rows")
    monkeypatch.setattr(limits, "MAX_WORKBOOK_UNPACKED", 2000)  # a zip bomb, in miniature
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 1
    assert re.match(r"content/testimonials/feedback.xlsx: this workbook unpacks to \d+ MB, "
                    r"more than cswgen opens", outcome.lines[0])


def test_cells_come_as_front_matter_would_have_them(tmp_path: Path) -> None:
    path = tmp_path / "cells.xlsx"
    path.write_bytes(workbook({"Sheet1": [
        ["date", "time", "rating", "score", "featured", "customer"],
        [dt.datetime(2026, 10, 6, 9, 30), dt.time(10, 30), 5.0, 2.5, True, "  Rudo M.  "],
    ]}))
    problems = Problems()
    sheets = read_workbook(path, "content/testimonials/cells.xlsx", problems,
                           lambda header: True)
    assert problems.items == []
    assert sheets is not None and len(sheets) == 1
    assert sheets[0].rows == [(2, [dt.date(2026, 10, 6), "10:30", 5, 2.5, True, "Rudo M."])]


def test_redate_leaves_a_workbook_as_it_is_and_lists_its_rows(make_site: MakeSite,
                                                               run: Run) -> None:
    book = workbook({"Sheet1": [["customer", "publish", "text"],
                                ["Rudo M.", dt.date(2026, 10, 5), "Thanks"]]})
    site = make_site({"content/testimonials/feedback.xlsx": book})
    outcome = run(site, "redate", "2027", "--yes")
    assert outcome.exit_code == 0, outcome.stderr
    assert (site / "content" / "testimonials" / "feedback.xlsx").read_bytes() == book
    assert 'content/testimonials/feedback.xlsx: sheet "Sheet1", row 2' in outcome.stdout


def test_names_on_lines_of_their_own_in_one_cell_are_several_names(make_site: MakeSite,
                                                                   run: Run) -> None:
    """In Excel, Alt+Enter puts each name on a line of its own in one cell, as people list
    them; the cell was read as one name, "Farai Moyo\\nZoë Nyathi", that matched no one."""
    staff = workbook({"Awards": [["name", "award"], ["Farai Moyo", "Rising Star"],
                                 ["Zoë Nyathi", "Rising Star"]]})
    replies = workbook({"Replies": [["customer", "staff", "text"],
                                    ["Rudo M.", "Farai Moyo\nZoë Nyathi", "Thank you both."],
                                    ["Tendai K.", "Farai Moyo;\r\n Zoë Nyathi\n", "Thanks."]]})
    site = make_site({"content/honour-roll/staff.xlsx": staff,
                      "content/testimonials/replies.xlsx": replies,
                      "content/testimonials/more.csv":
                          'customer,staff,text\nAnn B.,"Farai Moyo\r\nZoë Nyathi",Kind.\n'})
    outcome = run(site, "build", *AS_OF)
    assert (outcome.exit_code, outcome.lines) == (0, []), outcome.stderr
    for slug in ("rudo-m", "tendai-k", "ann-b"):
        page = (site / "output" / "testimonials" / slug / "index.html").read_text("utf-8")
        assert "honour-roll/farai-moyo/" in page and "honour-roll/zoe-nyathi/" in page, slug


def test_a_cell_merged_down_several_rows_counts_for_each_row(make_site: MakeSite,
                                                             run: Run) -> None:
    """An award typed once and merged down over the rows of everyone who won it, as Excel
    shows it: only the first person got the award; the others were quietly listed under
    "Also recognised".  (A merge across columns is not copied: it names one column.)"""
    rows: list[list[Any]] = [["name", "award", "role", "citation"],
                             ["Ann One", "Customer Champion", "Teller", "Always kind."],
                             ["Ben Two", None, "Teller", "Calm under pressure."],
                             ["Cat Three", None, "Agent", None],
                             ["Dan Four", "Rising Star", "Agent", "Quick."]]
    book = openpyxl.load_workbook(io.BytesIO(workbook({"Awards": rows})))
    book["Awards"].merge_cells("B2:B4")
    book["Awards"].merge_cells("C4:D4")  # across: Cat's citation stays empty
    data = io.BytesIO()
    book.save(data)
    site = make_site({"content/honour-roll/staff.xlsx": data.getvalue()})
    outcome = run(site, "build", *AS_OF)
    assert (outcome.exit_code, outcome.lines) == (0, []), outcome.stderr
    roll = (site / "output" / "honour-roll" / "index.html").read_text("utf-8")
    assert "Also recognised" not in roll
    for slug in ("ann-one", "ben-two", "cat-three"):
        page = (site / "output" / "honour-roll" / slug / "index.html").read_text("utf-8")
        assert "Customer Champion" in page, slug
    cat = (site / "output" / "honour-roll" / "cat-three" / "index.html").read_text("utf-8")
    assert "Agent" in cat and "Always kind." not in cat


def test_a_column_name_given_twice_is_pointed_out(make_site: MakeSite, run: Run) -> None:
    """Two columns both named `text` (one "Text ", pasted from another list): the second
    silently replaced the first, and the customer's words in it were lost."""
    book = workbook({"Feedback": [["customer", "rating", "text", "Text ", "notes", "Notes"],
                                  ["Rudo M.", 5, "First words.", "Second words.", "a", "b"]]})
    site = make_site({"content/testimonials/feedback.xlsx": book,
                      "content/testimonials/more.csv": "customer,text,text\nAnn B.,One,Two\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 1
    assert "Traceback" not in outcome.stderr
    assert outcome.lines[:-1] == [
        "content/testimonials/feedback.xlsx: sheet \"Feedback\", row 1: the column name "
        "`text` is in row 1 twice (columns C and D), so the cells of one would be lost; "
        "rename one of them, or put what belongs together in one column",
        "content/testimonials/more.csv:1: the column name `text` is in the first row twice "
        "(columns 2 and 3), so the cells of one would be lost; rename one of them, or put "
        "what belongs together in one column",
        "content/testimonials/feedback.xlsx: sheet \"Feedback\", row 1: warning: the column "
        "name `notes` is in row 1 twice (columns E and F), so the cells of one would be "
        "lost; rename one of them, or put what belongs together in one column"]


def test_an_invisible_character_in_a_column_name_is_left_out(make_site: MakeSite,
                                                             run: Run) -> None:
    """A heading pasted from a web page or a chat carried a zero-width space, and the list
    was refused with "rename the column "customer" to `customer`": the two look the same.
    Such a heading is read as it looks, with a warning that names the character."""
    staff = workbook({"Awards": [["Name\u200b", "Depart\u00adment", "Award", "\u200b"],
                                 ["Farai Moyo", "Contact Centre", "Rising Star", "x"]]})
    site = make_site({
        "content/honour-roll/staff.xlsx": staff,
        "content/testimonials/survey.csv": "customer\u200b,\u2060ra\u00adting,Text\ufeff\u200b,"
                                           "Dress\u00a0Code\r\nAda K.,5,Kind and quick.,Blue\r\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    read_as = ("often pasted from a web page or a chat; it is read as `{}`, but {} to silence "
               "this")
    csv_fix = "delete the name and type it again"
    sheet = 'content/honour-roll/staff.xlsx: sheet "Awards", row 1: warning: the column name'
    assert outcome.lines == [
        'content/honour-roll/staff.xlsx: sheet "Awards", row 1: warning: column D has no name '
        "in row 1, so its cells are not read; give it one of the column names (a name in a "
        "merged cell counts for its first column only: unmerge it), or delete the column",
        f"{sheet} in A1, \"Name\", has an invisible character (zero-width space) at its end, "
        + read_as.format("name", "select A1 and type the name again"),
        f"{sheet} in B1, \"Department\", has an invisible character (soft hyphen) inside it, "
        + read_as.format("department", "select B1 and type the name again"),
        "content/testimonials/survey.csv:1: warning: the name of column 1, \"customer\", has "
        "an invisible character (zero-width space) at its end, "
        + read_as.format("customer", csv_fix),
        "content/testimonials/survey.csv:1: warning: the name of column 2, \"rating\", has "
        "invisible characters (soft hyphen and word joiner) inside it, "
        + read_as.format("rating", csv_fix),
        "content/testimonials/survey.csv:1: warning: the name of column 3, \"Text\", has "
        "invisible characters (byte-order mark and zero-width space) at its end, "
        + read_as.format("text", csv_fix)]
    ada = (site / "output/testimonials/ada-k/index.html").read_text("utf-8")
    assert "Kind and quick." in ada and "Rated 5 out of 5" in ada
    farai = (site / "output/honour-roll/farai-moyo/index.html").read_text("utf-8")
    assert "Contact Centre" in farai


def test_a_number_or_a_date_in_the_staff_column_says_what_to_type_there(
        make_site: MakeSite, run: Run) -> None:
    """A staff number, a date or TRUE in a workbook's `staff` cell was "must be a list, with
    one item per line starting with "- "", which is front matter's way, not a cell's."""
    book = workbook({"Replies": [["customer", "staff", "text"],
                                 ["Rudo M.", 1042, "Thank you."],
                                 ["Tendai K.", dt.datetime(2026, 9, 14), "Thanks."],
                                 ["Ann B.", True, "Kind."]]})
    site = make_site({"content/testimonials/replies.xlsx": book})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 1
    where = 'content/testimonials/replies.xlsx: sheet "Replies", row'
    fix = ("type the names in it, separated by ; (like Rudo Moyo; Farai Dube), or each on a "
           "line of its own in the cell (Alt+Enter in Excel, Ctrl+Enter in Google Sheets, "
           "starts a new line)")
    assert outcome.lines[:-1] == [
        f"{where} 2: the `staff` cell holds 1042, but it is for names (not staff numbers); "
        + fix,
        f"{where} 3: the `staff` cell holds 2026-09-14, but it is for names; " + fix,
        f"{where} 4: the `staff` cell holds true, but it is for names; " + fix]


def test_a_start_date_shown_as_excels_number_in_the_since_column_is_explained(
        make_site: MakeSite, run: Run) -> None:
    """A start date in a column formatted as General is Excel's day number (43525 is
    2019-03-01); `date` explained it, `since` said only "must be a year like 2019"."""
    staff = workbook({"Awards": [["Name", "Role", "Since"], ["Farai Moyo", "Teller", 43525]]})
    site = make_site({
        "content/honour-roll/staff.xlsx": staff,
        "content/honour-roll/more.csv": "name,since\r\nZoe Nyathi,44361\r\nAnn Lee,2020\r\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 1
    excel = ("(the cell is not formatted as a date); in Excel, select the column, choose "
             "Format Cells > Custom, type yyyy-mm-dd and save the file again (in Google "
             "Sheets: Format > Number > Custom number format, type yyyy-mm-dd, then download "
             "it again)")
    assert outcome.lines[:-1] == [
        "content/honour-roll/more.csv:2: `since` must be a year like 2019, not \"44361\", "
        f"which is Excel's (and Google Sheets') number for 2021-06-14 {excel} (or type the "
        "year alone, 2021)",
        'content/honour-roll/staff.xlsx: sheet "Awards", row 2: `since` must be a year like '
        f"2019, not 43525, which is Excel's (and Google Sheets') number for 2019-03-01 "
        f"{excel} (or type the year alone, 2019)"]


def test_a_date_typed_as_text_in_a_workbook_is_not_sent_to_format_cells(
        make_site: MakeSite, run: Run) -> None:
    """A `date` cell holding the text "15/09/2027" (typed into a column formatted as Text):
    Format Cells does not turn text into a date, so it is told to type the date over.  A
    CSV file's date, which Excel wrote from a date cell, is still sent to Format Cells."""
    replies = workbook({"Replies": [["Customer", "Text", "Date"],
                                    ["Ana Lobo", "Thank you.", "15/09/2027"]]})
    site = make_site({"content/testimonials/replies.xlsx": replies,
                      "content/testimonials/more.csv": "customer,text,date\r\n"
                                                       "Rui Neto,Thanks.,16/09/2027\r\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 1
    assert outcome.lines[:-1] == [
        "content/testimonials/more.csv:2: `date` must be a date written YYYY-MM-DD, like "
        "2026-10-06, not \"16/09/2027\"; write 2027-09-16; in Excel, select the column, "
        "choose Format Cells > Custom, type yyyy-mm-dd and save the file again (in Google "
        "Sheets: Format > Number > Custom number format, type yyyy-mm-dd, then download it "
        "again)",
        'content/testimonials/replies.xlsx: sheet "Replies", row 2: `date` must be a date '
        'written YYYY-MM-DD, like 2026-10-06, not "15/09/2027"; write 2027-09-15 (the cell '
        "holds text, which a date format does not change: type the date over it)"]


def test_a_name_typed_with_two_spaces_in_its_cell_is_shown_with_one(make_site: MakeSite,
                                                                     run: Run) -> None:
    """HR's "Conceição  Sitoe" (two spaces, as a cell often has them): HTML folds them, but
    the feed, the plain-text email and share images showed both.  A no-break space typed
    on purpose is kept."""
    site = make_site({
        "content/honour-roll/staff.xlsx": workbook({"Staff": [
            ["Name", "Role"], ["Conceição  Sitoe", "Teller"]]}),
        "content/testimonials/ana.md": "---\ncustomer: \"Ana   Lobo\"\nstaff: [Conceição Sitoe]\n"
                                       "---\nObrigada.\n",
        "content/testimonials/rudo.md": "---\ncustomer: \"Rudo\u00a0M.\"\n---\nThanks.\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == []  # (and the staff name matches: spacing is ignored there)
    feed = (site / "output" / "feed.xml").read_text("utf-8")
    assert "<name>Ana Lobo</name>" in feed
    assert "<name>Rudo\u00a0M.</name>" in feed
    person = next((site / "output" / "honour-roll").glob("*/index.html")).read_text("utf-8")
    assert "Conceição Sitoe" in person and "Conceição  Sitoe" not in person
