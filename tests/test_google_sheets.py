"""Lists kept in Google Sheets and downloaded as CSV (File > Download > Comma-separated
values), which names the file `<spreadsheet> - <sheet>.csv` and writes each date as the
sheet's language shows it.  A message about such a file gives Google Sheets' steps, never
Excel's; a CSV file named any other way is told both programs' steps.

Each test builds a small site with the real command line and reads what the user reads:
the published page, or the `path:line: message` lines.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import AS_OF, MINIMAL_CONFIG, MakeSite, Outcome, Run, no_traceback

TESTIMONIALS = "content/testimonials/Testimonials - Sheet1.csv"
HONOUR_ROLL = "content/honour-roll/Honour roll - Sheet1.csv"
# Google Sheets' steps, as a message about a date cell in its download ends
GOOGLE_DATES = ("; in Google Sheets, select the column, choose Format > Number > Custom number "
                "format, type yyyy-mm-dd, click Apply and download the file again with File > "
                "Download > Comma-separated values (.csv)")
RULE = "must be a date written YYYY-MM-DD, like 2026-10-06, not"


def build(make_site: MakeSite, run: Run, files: dict[str, str | bytes]) -> tuple[Path, Outcome]:
    site = make_site({"config.toml": MINIMAL_CONFIG, "content/index.md": "Welcome.\n", **files})
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    return site, outcome


def lines_of(outcome: Outcome, path: str) -> list[str]:
    return [line for line in outcome.lines if line.startswith(path + ":")]


def test_a_date_cell_in_a_google_sheets_download_gets_google_sheets_steps(
        make_site: MakeSite, run: Run) -> None:
    """Dates as a sheet in American English shows them (10/6/2026), a date written in a cell
    formatted as a number (46301), a date that Google Form's timestamp column holds: each
    message says what to write and how to have Google Sheets write it, and names no Excel
    menu (it told a Google Sheets user to "choose Format Cells > Custom" in Excel)."""
    _, outcome = build(make_site, run, {TESTIMONIALS: (
        "customer,date,text\r\n"
        "Rudo M.,10/6/2026,Kind staff.\r\n"
        "Tino K.,46301,Quick answers.\r\n"
        "Ann L.,10/3/2026 14:05:22,Helpful.\r\n")})
    assert outcome.exit_code == 1
    assert lines_of(outcome, TESTIMONIALS) == [
        f'{TESTIMONIALS}:2: `date` {RULE} "10/6/2026"; write 2026-06-10 for 10 June or '
        f"2026-10-06 for 6 October{GOOGLE_DATES}",
        f'{TESTIMONIALS}:3: `date` {RULE} "46301", which is Google Sheets\' number for '
        f"2026-10-06 (the cell is not formatted as a date){GOOGLE_DATES}",
        f'{TESTIMONIALS}:4: `date` {RULE} "10/3/2026 14:05:22"; write the date alone, '
        "2026-03-10 for 10 March or 2026-10-03 for 3 October (a date has no time of day "
        f"here){GOOGLE_DATES}"]


def test_a_year_in_a_date_column_of_a_google_sheets_download_is_that_year(
        make_site: MakeSite, run: Run) -> None:
    """2019 typed in a `since` column formatted as dates: Google Sheets shows, and downloads,
    the day 2019 days after 30 December 1899 as the sheet's language writes it (7/11/1905),
    which was read as 1905 without a word.  It is read as 2019 with a warning that says how
    to make the column show years; a day that could be either of two years is an error.
    The rest of the download is read as it is: its name, with spaces and a dash, and its
    ticked boxes (TRUE, FALSE)."""
    site, outcome = build(make_site, run, {
        HONOUR_ROLL: "name,role,since,consent\r\nFarai Moyo,Teller,7/11/1905,TRUE\r\n"
                     "Zoe Nyathi,Agent,2021,TRUE\r\n",
        TESTIMONIALS: "customer,rating,date,text,consent,featured\r\n"
                      "Rudo M.,5,2026-10-06,The branch staff were so kind.,TRUE,FALSE\r\n"})
    assert outcome.exit_code == 0, outcome.stderr
    assert "The branch staff were so kind." in (
        site / "output/testimonials/index.html").read_text("utf-8")
    assert outcome.lines == [
        f"{HONOUR_ROLL}:2: warning: the `since` cell holds the year 2019, but it is formatted "
        "as a date, so Google Sheets shows a day in 1905 (7/11/1905); it is read as 2019: in "
        "Google Sheets, select the column, choose Format > Number > Automatic and download the "
        "file again with File > Download > Comma-separated values (.csv), to silence this"]
    assert "since 2019" in (site / "output/honour-roll/farai-moyo/index.html").read_text(
        "utf-8")
    _, outcome = build(make_site, run, {HONOUR_ROLL: (
        "name,role,since,consent\r\nFarai Moyo,Teller,5/6/1905,TRUE\r\n")})
    assert outcome.exit_code == 1
    assert lines_of(outcome, HONOUR_ROLL) == [
        f"{HONOUR_ROLL}:2: `since` shows 5/6/1905, a year typed in a column formatted as "
        "dates, which is 1953 or 1983; write the year alone, and format the column as "
        "Automatic (Format > Number > Automatic), then download the file again"]


def test_a_list_named_otherwise_is_told_the_steps_of_both_programs(make_site: MakeSite,
                                                                   run: Run) -> None:
    """A CSV file renamed (testimonials.csv) may come from either program: the message
    gives Excel's steps and Google Sheets' beside them."""
    _, outcome = build(make_site, run, {
        "content/testimonials/testimonials.csv": "customer,date,text\r\n"
                                                 "Rudo M.,13/10/2026,Kind staff.\r\n",
        "content/honour-roll/staff.csv": "name,since\r\nFarai Moyo,1905-07-11\r\n"})
    assert lines_of(outcome, "content/testimonials/testimonials.csv") == [
        f'content/testimonials/testimonials.csv:2: `date` {RULE} "13/10/2026"; write '
        "2026-10-13; in Excel, select the column, choose Format Cells > Custom, type "
        "yyyy-mm-dd and save the file again (in Google Sheets: Format > Number > Custom "
        "number format, type yyyy-mm-dd, then download it again)"]
    assert lines_of(outcome, "content/honour-roll/staff.csv") == [
        "content/honour-roll/staff.csv:2: warning: the `since` cell holds the year 2019, but "
        "it is formatted as a date, so it shows as a day in 1905 (1905-07-11); it is read as "
        "2019: format the column as General in Excel, or as Automatic in Google Sheets "
        "(Format > Number > Automatic), to silence this"]


def test_a_google_sheets_download_saved_again_in_another_encoding_says_to_download_it(
        make_site: MakeSite, run: Run) -> None:
    """Google Sheets downloads UTF-8 only: a download that is not was opened and saved again
    in Excel on its way, and downloading it again is the quickest fix."""
    _, outcome = build(make_site, run, {
        TESTIMONIALS: "customer,text\r\nJos\xe9 M.,Kind staff.\r\n".encode("cp1252")})
    assert outcome.exit_code == 1
    assert lines_of(outcome, TESTIMONIALS) == [
        f'{TESTIMONIALS}:2: is not UTF-8 text (byte 18, "é" in "José", cannot be read); save '
        'the file as UTF-8 (in Excel: "CSV UTF-8"; in Notepad or Word: choose the UTF-8 '
        "encoding when saving); or download it from Google Sheets again (File > Download > "
        "Comma-separated values (.csv)), which is UTF-8, and copy it here without opening and "
        "saving it in Excel"]
