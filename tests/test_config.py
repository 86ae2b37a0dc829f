"""config.toml as a user writes it: typos, wrong types, bad values, defaults, [extra].

Problems are read as the user reads them (`config.toml:LINE: message` on stderr, exit 1,
no traceback, the previous output/ untouched); settings that work are read back from a
tiny theme whose templates print them.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import (
    AS_OF,
    MINI_CONFIG,
    Files,
    MakeSite,
    Outcome,
    Run,
    error_lines,
    failed_count,
    find_line,
    no_traceback,
    snapshot,
    with_theme,
)

HOME = ("<!doctype html><title>{{ page.title }}</title>\n"
        "start={{ week.start }} end={{ week.end }} year={{ week.year }}\n"
        "primary={{ site.primary }} secondary={{ site.secondary }}\n"
        "extra={{ site.extra | tojson }}\n")
CONFIG = MINI_CONFIG
BadConfig = Callable[..., Outcome]  # (config.toml's text or bytes, other files) -> Outcome
Home = Callable[[str], str]  # config.toml's text -> the home page HOME printed


def with_home(files: Files) -> Files:
    """The `mini` theme, whose home page prints the settings under test, and a home page."""
    return with_theme({"content/index.md": "Welcome.\n", **files}, {"home": HOME})


@pytest.fixture
def bad_config(make_site: MakeSite, run: Run) -> BadConfig:
    """Build with a good config, then with `text` as config.toml: must fail with exit 1,
    no traceback, the first output untouched."""

    def check(text: str | bytes, files: Files | None = None) -> Outcome:
        site = make_site(with_home(files or {}))
        first = run(site, "build", *AS_OF)
        assert first.exit_code == 0, first.stderr
        before = snapshot(site / "output")
        config = site / "config.toml"
        if isinstance(text, bytes):
            config.write_bytes(text)
        else:
            config.write_text(text, "utf-8", newline="")
        outcome = run(site, "build", *AS_OF)
        no_traceback(outcome)
        assert outcome.exit_code == 1, outcome.stderr
        assert snapshot(site / "output") == before
        return outcome

    return check


@pytest.fixture
def home(make_site: MakeSite, run: Run) -> Home:
    """Build with `config` and return the home page the `HOME` template printed."""

    def go(config: str) -> str:
        site = make_site(with_home({"config.toml": config}))
        outcome = run(site, "build", *AS_OF)
        assert "Traceback" not in outcome.stdout + outcome.stderr
        assert outcome.exit_code == 0, outcome.stderr
        return (site / "output" / "index.html").read_text("utf-8")

    return go


# --- unknown tables and keys --------------------------------------------------------------

def test_unknown_key_suggests_the_nearest(bad_config: BadConfig) -> None:
    outcome = bad_config('[site]\ntittle = "Test Week"\ntheme = "mini"\n')
    find_line(outcome, "config.toml:2: ", "[site] tittle", "did you mean `title`?")
    find_line(outcome, "config.toml:1: ", "[site] title is missing")
    assert failed_count(outcome) == 2


def test_a_setting_under_the_wrong_section_names_its_section(bad_config: BadConfig) -> None:
    """`require_consent` is [build]'s: under [site] it is not misspelt, it is misplaced."""
    outcome = bad_config(CONFIG.replace("[week]", 'require_consent = true\n[week]', 1))
    find_line(outcome, "config.toml:5: ", "`require_consent` is a setting of [build], not of "
              "[site]; move this line under [build]")
    assert failed_count(outcome) == 1


def test_unknown_table_suggests_the_nearest(bad_config: BadConfig) -> None:
    outcome = bad_config(CONFIG + '\n[sitee]\norganisation = "Acme"\n')
    find_line(outcome, "config.toml:9: ", "unknown section [sitee]", "did you mean [site]?",
              "[extra]")
    assert failed_count(outcome) == 1


def test_unknown_key_in_week_suggests_timezone(bad_config: BadConfig) -> None:
    outcome = bad_config(CONFIG.replace("timezone =", "timezon ="))
    find_line(outcome, "config.toml:7: ", "[week] timezon", "did you mean `timezone`?")


def test_unknown_key_without_a_near_one_lists_the_known_keys(bad_config: BadConfig) -> None:
    outcome = bad_config(CONFIG + 'mascot = "Puzzle"\n')
    find_line(outcome, "config.toml:8: ", "[week] mascot", "known keys:", "timezone")


def test_key_outside_any_table(bad_config: BadConfig) -> None:
    outcome = bad_config('title = "Test Week"\n\n[site]\ntheme = "mini"\n')
    find_line(outcome, "config.toml:1: ", "`title` is not inside a section",
              "put it under [site]")


@pytest.mark.parametrize(("line", "space"), [
    ('days\u00a0= 5   # Monday to Friday: from `start`', "non-breaking space"),
    ('days =\u202f5', "narrow non-breaking space")])
def test_a_non_breaking_space_in_a_setting_s_line_is_named(bad_config: BadConfig, line: str,
                                                           space: str) -> None:
    """Pasted from Word or a web page.  It said "joined with =, not a colon: write days =
    5 # Monday to Friday: from `start` = ..." (a colon in the note), or "Invalid value";
    one inside a quoted text is the text's own."""
    outcome = bad_config(CONFIG.replace('timezone = "Africa/Harare"',
                                        'timezone = "Africa/Harare"\n' + line)
                         .replace('title = "Test Week"', 'title = "Test\u00a0Week"'))
    assert error_lines(outcome) == [
        f"config.toml:8: there is a {space} in the line of `days` (often pasted from Word or "
        "a web page), which TOML does not take for a space; delete it and type an ordinary "
        "space"]


def test_a_section_in_capitals_or_misspelt_is_one_error_not_a_cascade(
        bad_config: BadConfig) -> None:
    """[Site] and [Week] were each an unknown section, and then "[site] title is missing",
    and a day dated in the week "outside the week" of the current year, as well."""
    outcome = bad_config(CONFIG.replace("[site]", "[Site]").replace("[week]", "[ Week ]")
                         .replace("year = 2026", "year = 2026\nthem = 1"),
                         {"content/days/mon.md": "---\ntitle: Mon\ndate: 2026-10-05\n---\n"})
    assert error_lines(outcome) == [
        "config.toml:1: unknown section [Site]: section names are in small letters; write "
        "[site]",
        "config.toml:5: unknown section [Week]: section names are in small letters; write "
        "[week]",
        "config.toml:7: [week] them is not a setting cswgen knows; did you mean `theme`? "
        "Settings for your own templates go in [extra]."]
    # (misspelt: the same, with the section meant)
    outcome = bad_config(CONFIG.replace("[week]", "[wek]"),
                         {"content/days/mon.md": "---\ntitle: Mon\ndate: 2026-10-05\n---\n"})
    assert error_lines(outcome) == [
        "config.toml:5: unknown section [wek]: did you mean [week]? Settings for your own "
        "templates go in [extra]."]


def test_missing_site_title(bad_config: BadConfig) -> None:
    outcome = bad_config('[week]\nyear = 2026\n\n[site]\ntheme = "mini"\n')
    find_line(outcome, "config.toml:4: ", "[site] title is missing")


# --- wrong types and bad values, with their lines ----------------------------------------

BAD_VALUES = [
    # (id, lines appended after CONFIG's 7 lines, expected line, key phrases)
    ("days-as-text", 'days = "5"\n', 8, ("[week] days must be a whole number from 1 to 7",
                                         '"5"')),
    ("days-zero", "days = 0\n", 8, ("[week] days must be a whole number from 1 to 7",)),
    ("days-eight", "days = 8\n", 8, ("[week] days", "not 8")),
    ("start-in-quotes", 'start = "2026-10-05"\n', 8,
     ("[week] start must be a date", "without quotes")),
    ("reveal-unknown", 'reveal = "weekly"\n', 8, ("[week] reveal must be", '"weekly"')),
    ("unsafe-html-as-text", '\n[build]\nunsafe_html = "yes"\n', 10,
     ("[build] unsafe_html must be true or false", '"yes"')),
    ("require-consent-as-number", "\n[build]\nrequire_consent = 1\n", 10,
     ("[build] require_consent must be true or false",)),
    ("output-as-number", "\n[build]\noutput = 5\n", 10, ("[build] output must be text",)),
    ("secondary-five-digits", '\n[brand]\nsecondary = "#12345"\n', 10,
     ("[brand] secondary must be a colour", '"#12345"')),
    ("colour-not-hex", '\n[brand]\nprimary = "#ggg"\n', 10, ("[brand] primary", '"#ggg"')),
    ("logo-missing", '\n[brand]\nlogo = "images/nope.svg"\n', 10,
     ("[brand] logo", '"images/nope.svg"', "not a file under content/")),
]


@pytest.mark.parametrize(("lines", "line", "phrases"),
                         [pytest.param(*case[1:], id=case[0]) for case in BAD_VALUES])
def test_bad_value_in_week_build_or_brand(bad_config: BadConfig, lines: str, line: int,
                                          phrases: tuple[str, ...]) -> None:
    outcome = bad_config(CONFIG + lines)
    find_line(outcome, f"config.toml:{line}: ", *phrases)
    assert failed_count(outcome) == 1


@pytest.mark.parametrize(("written", "said"), [
    # (it said `must be a colour written as "#rrggbb" (like "#c8102e"), not ...`, and the
    # user was left to find the code: pasted from a brand guide without its #, or a name)
    ("c8102e", 'primary "c8102e" needs a # in front to be read as a colour: '
     'primary = "#c8102e"'),
    ("red", 'primary "red" is a colour\'s name, and cswgen needs the colour\'s code; write '
     'primary = "#ff0000", the colour a browser shows for "red", or primary = "#c8102e", '
     "the Customer Service Week red"),
    ("Navy", 'primary "Navy" is a colour\'s name, and cswgen needs the colour\'s code; write '
     'primary = "#000080", the colour a browser shows for "Navy", or the code in your '
     "brand guide"),
    ("rgb(200, 16, 46)", 'primary "rgb(200, 16, 46)" is written the way a style sheet can '
     'write it, and cswgen needs the colour\'s code: primary = "#c8102e" is the same colour'),
    # (transparency: no brand colour has it, so no code is offered)
    ("#c8102e80", 'primary must be a colour written as "#rrggbb" (like "#c8102e"), '
     'not "#c8102e80"'),
])
def test_a_colour_written_another_way_is_offered_as_its_code(bad_config: BadConfig,
                                                             written: str, said: str) -> None:
    outcome = bad_config(CONFIG + f'\n[brand]\nprimary = "{written}"\n')
    assert error_lines(outcome) == [f"config.toml:10: [brand] {said}"]


@pytest.mark.skipif(os.name == "nt", reason="a Windows path is right on Windows")
def test_a_windows_output_path_on_another_system_is_refused(make_site: MakeSite,
                                                            run: Run) -> None:
    """It made one folder named `C:\\Sites\\csw` beside config.toml (on the CI server or a
    colleague's Mac); a relative path with backslashes is the same path with slashes."""
    site = make_site(with_home({"config.toml": CONFIG + "\n[build]\noutput = 'C:\\Sites\\csw'\n"}))
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert error_lines(outcome) == [
        'config.toml:10: [build] output "C:\\Sites\\csw" is a Windows path, and this computer '
        'does not run Windows, so the site would go into one folder named "C:\\Sites\\csw" '
        'beside config.toml; write a folder beside config.toml instead, like output = '
        '"output" (and copy the site where it should go, or use `cswgen publish`)']
    assert sorted(p.name for p in site.iterdir()) == ["config.toml", "content", "themes"]
    (site / "config.toml").write_text(CONFIG + "\n[build]\noutput = 'build\\site'\n", "utf-8")
    assert run(site, "build", *AS_OF).exit_code == 0
    assert (site / "build/site/index.html").is_file()


def test_an_output_folder_in_the_home_folder_is_made_there(make_site: MakeSite, run: Run,
                                                           tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """`output = "~/csw-site"` made a folder named "~" beside config.toml, and the build
    said "into ~/csw-site/", which reads as the home folder (where `cswgen publish` and a
    terminal put "~/csw-site"), so the site was looked for there and not found."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    site = make_site(with_home({"config.toml": CONFIG + '\n[build]\noutput = "~/csw-site"\n'}))
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert (home / "csw-site/index.html").is_file()
    assert not (site / "~").exists()


SITE_VALUES = [
    ("title-a-number", "title = 2026", ('[site] title is 2026, a number, but it must be '
                                        'text, which goes in double quotes: title = "2026"',)),
    ("title-empty", 'title = ""', ("[site] title is empty",)),
    ("language-a-word", 'language = "English"', ("[site] language", '"English"')),
    ("base-url-without-scheme", 'base_url = "example.org/csw"',
     ("[site] base_url must be an absolute address", "https://")),
    # pasted from the address bar: every page's address was put after the ? or #
    ("base-url-with-a-query", 'base_url = "https://intranet.example/csw/?web=1"',
     ("[site] base_url is the address of the site's folder, which every page's address is "
      "written after, so it cannot have a ? or # part; write "
      'base_url = "https://intranet.example/csw/"',)),
    ("base-url-with-a-fragment", 'base_url = "https://intranet.example/csw#top"',
     ('cannot have a ? or # part; write base_url = "https://intranet.example/csw/"',)),
    # (not "must be a list ..., not a list": it is one)
    ("languages-empty", "languages = []",
     ('[site] languages is empty; list the site\'s languages, the default first, like '
      'languages = ["en", "sw"], or delete the line for a site in one language',)),
    ("languages-with-a-number", 'languages = ["en", 5]',
     ('[site] languages lists 5, which is not a language tag in quotes; write each one '
      'like languages = ["en", "sw"]',)),
]


@pytest.mark.parametrize(("line", "phrases"),
                         [pytest.param(*case[1:], id=case[0]) for case in SITE_VALUES])
def test_bad_value_in_site(bad_config: BadConfig, line: str, phrases: tuple[str, ...]) -> None:
    text = '[site]\ntheme = "mini"\n# a note\n' + line + "\n"
    if not line.startswith("title"):
        text += 'title = "Test Week"\n'
    outcome = bad_config(text)
    find_line(outcome, "config.toml:4: ", *phrases)
    assert failed_count(outcome) == 1


def test_bad_timezone(bad_config: BadConfig) -> None:
    outcome = bad_config(CONFIG.replace("Africa/Harare", "Harare"))
    find_line(outcome, "config.toml:7: ", '[week] timezone "Harare" is not a time zone',
              "Africa/Harare")


@pytest.mark.parametrize("written", ["africa/harare", "Harare", "harare "])
def test_a_time_zone_in_other_capitals_or_by_its_city_suggests_the_name(
        bad_config: BadConfig, written: str) -> None:
    outcome = bad_config(CONFIG.replace("Africa/Harare", written))
    find_line(outcome, "config.toml:7: ", "is not a time zone; did you mean \"Africa/Harare\"?")


@pytest.mark.parametrize(("written", "places"), [
    ("GMT+2", '"Africa/Harare", "Africa/Johannesburg" or "Africa/Maputo"'),
    ("UTC +3", '"Africa/Nairobi", "Africa/Addis_Ababa" or "Africa/Dar_es_Salaam"'),
    ("CAT", '"Africa/Harare", "Africa/Maputo" or "Africa/Lusaka"'),
    ("eat", '"Africa/Nairobi", "Africa/Dar_es_Salaam" or "Africa/Kampala"'),
    ("BST", '"Europe/London" (from'),
    ("UTC-05:00", '"America/Chicago", '),
    # (as a timestamp ends: it was told only "use a name from the IANA list, such as
    # "Africa/Harare", "Europe/London" or "America/New_York"")
    ("+02:00", '"Africa/Harare", "Africa/Johannesburg" or "Africa/Maputo"'),
    ("-05:00", '"America/Chicago", ')])
def test_a_time_zone_written_as_an_offset_or_abbreviation_names_places_that_keep_it(
        bad_config: BadConfig, written: str, places: str) -> None:
    # "Etc/GMT+2" is two hours *behind* GMT (POSIX turns the sign round): suggesting it for
    # "GMT+2" would move every countdown and daily reveal by four hours in Harare.
    outcome = bad_config(CONFIG.replace("Africa/Harare", written))
    line = find_line(outcome, "config.toml:7: ", f'[week] timezone "{written}" is not a time '
                     "zone cswgen can use", f"such as {places}")
    assert "Etc/GMT" not in line


@pytest.mark.parametrize(("written", "zone"), [
    ("South Africa Standard Time", "Africa/Johannesburg"),  # as `tzutil /g` prints it
    ("GMT Standard Time", "Europe/London"),
    ("(UTC+02:00) Harare, Pretoria", "Africa/Harare"),  # as Windows' settings show it
    ("(UTC+03:00) Nairobi", "Africa/Nairobi")])
def test_a_time_zone_as_windows_names_it_gives_its_iana_name(
        bad_config: BadConfig, written: str, zone: str) -> None:
    # (it said only "is not a time zone; use a name from the IANA list")
    outcome = bad_config(CONFIG.replace("Africa/Harare", written))
    assert error_lines(outcome) == [
        f'config.toml:7: [week] timezone "{written}" is how Windows names a time zone, and '
        "cswgen needs its name from the IANA list, which says when the clocks change too; "
        f'write timezone = "{zone}"']


@pytest.mark.parametrize(("written", "said"), [
    # the path as the user sees it from the site's folder
    ("content/images/logo.svg", '[brand] logo "content/images/logo.svg" is not a file under '
     'content/: give its path from inside content/, without content/ in front: '
     'logo = "images/logo.svg"'),
    # capitals: Windows and macOS find it, the Linux server does not
    ("images/Logo.SVG", '[brand] logo "images/Logo.SVG" is not a file under content/: the '
     'file is content/images/logo.svg, and capitals count on the server that builds the '
     'site: logo = "images/logo.svg"'),
    ("logo.svg", '[brand] logo "logo.svg" is not a file under content/: the file is '
     'content/images/logo.svg: logo = "images/logo.svg"'),
    # the same name, another type: the brand pack had an SVG, the config says PNG (it said
    # only "put the logo in content/ ... and give its path from there")
    ("images/logo.png", '[brand] logo "images/logo.png" is not a file under content/, but '
     'content/images/logo.svg is: logo = "images/logo.svg"'),
    ("Images/Logo.png", '[brand] logo "Images/Logo.png" is not a file under content/, but '
     'content/images/logo.svg is: logo = "images/logo.svg"'),
])
def test_a_logo_path_nearly_right_names_the_file(bad_config: BadConfig, written: str,
                                                 said: str) -> None:
    outcome = bad_config(CONFIG + f'\n[brand]\nlogo = "{written}"\n',
                         {"content/images/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    assert error_lines(outcome) == [f"config.toml:10: {said}"]


def test_a_logo_of_another_type_offers_the_one_a_page_can_show(bad_config: BadConfig) -> None:
    # (a brand pack: the PDF is not a picture a page can show, the PNG is)
    outcome = bad_config(CONFIG + '\n[brand]\nlogo = "brand/Logo.jpg"\n',
                         {"content/brand/logo.pdf": b"%PDF-1.4\n",
                          "content/brand/logo.png": b"\x89PNG\r\n\x1a\n"})
    assert error_lines(outcome) == [
        'config.toml:10: [brand] logo "brand/Logo.jpg" is not a file under content/, but '
        'content/brand/logo.png is: logo = "brand/logo.png"']


@pytest.mark.parametrize("logo", ["images/logo.pdf", "images/logo.eps", "images/logo.tif"])
def test_a_logo_a_browser_cannot_show_is_an_error(bad_config: BadConfig, logo: str) -> None:
    # (a brand pack's PDF, EPS or TIFF: every page's header and the favicon would show a
    # broken picture)
    outcome = bad_config(CONFIG + f'\n[brand]\nlogo = "{logo}"\n',
                         {f"content/{logo}": b"%PDF-1.4 a brand pack's file\n"})
    suffix = logo.rpartition(".")[2]
    assert error_lines(outcome) == [
        f'config.toml:10: [brand] logo "{logo}" is a .{suffix} file, which a web page cannot '
        "show as a picture; save the logo as SVG or PNG (a brand pack usually has one) and "
        "give that file's path"]


@pytest.mark.parametrize("logo", ["_brand/logo.svg", ".brand/logo.svg", "images/.logo.svg"])
def test_a_logo_in_a_folder_that_is_not_published_is_an_error(bad_config: BadConfig,
                                                               logo: str) -> None:
    # (files and folders starting with `.` or `_` are left out of the site: the build
    # succeeded and every page showed a broken logo, which `cswgen check` blamed on the
    # theme's templates)
    outcome = bad_config(CONFIG + f'\n[brand]\nlogo = "{logo}"\n',
                         {f"content/{logo}": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    name = next(part for part in logo.split("/") if part.startswith(("_", ".")))
    assert error_lines(outcome) == [
        f'config.toml:10: [brand] logo "{logo}" is in content/ but not published: cswgen '
        f'leaves {name} out of the site (as it does every name starting with "." and every '
        'folder starting with "_"); move the logo to a folder such as content/images/ and '
        'give that path']


@pytest.mark.parametrize(("line", "said"), [
    ("[site]\norganisation = 2027", '[site] organisation is 2027, a number, but it must be '
     'text, which goes in double quotes: organisation = "2027"'),
    ("[site]\ndescription = 2026-10-05", '[site] description is 2026-10-05, a date, but it '
     'must be text, which goes in double quotes: description = "2026-10-05"'),
    ("[week]\ntheme = 2.0", '[week] theme is 2.0, a number, but it must be text, which goes '
     'in double quotes: theme = "2.0"'),
])
def test_words_written_as_a_number_or_date_are_offered_in_quotes(
        bad_config: BadConfig, line: str, said: str) -> None:
    # (it said `like title = "..."`, and the user had to work out that the quotes were
    # what was missing)
    section = line.partition("\n")[0]
    text = CONFIG.replace(section + "\n", line + "\n")
    assert error_lines(bad_config(text)) == [f"config.toml:{2 if section == '[site]' else 6}: "
                                             f"{said}"]


def test_timezone_not_text(bad_config: BadConfig) -> None:
    outcome = bad_config(CONFIG.replace('"Africa/Harare"', "2"))
    find_line(outcome, "config.toml:7: ", "[week] timezone must be text")


def test_start_in_another_year(bad_config: BadConfig) -> None:
    outcome = bad_config(CONFIG + "start = 2025-10-06\n")
    find_line(outcome, "config.toml:8: ", "2025-10-06 is not in [week] year 2026")


def test_a_year_in_quotes_is_the_one_thing_said_about_the_week(bad_config: BadConfig) -> None:
    outcome = bad_config(CONFIG.replace("year = 2026", 'year = "2027"') + "start = 2027-10-04\n")
    assert error_lines(outcome) == [
        'config.toml:6: [week] year must be a whole number from 1900 to 9999, not "2027"']


DAYS = {"content/days/tuesday.md": "---\ntitle: Superhero Tuesday\ndate: 2026-10-06\n---\nHi\n",
        "content/days/friday.md": "---\ntitle: Thank-you Friday\nday: friday\n---\nHi\n",
        "content/days/monday.md": "---\ntitle: Kick-off\nday: mon\ndate: 2026-10-05\n---\n",
        "content/pages/about.md": "---\ntitle: About\n---\nSee [Monday](../days/monday.md).\n"}


@pytest.mark.parametrize(("week", "problem"), [
    ("year = 2026\nstart = 2027-10-04\n",
     "config.toml:7: [week] start 2027-10-04 is not in [week] year 2026; change one of them, "
     "or remove `start` to use the first full week of October"),
    ("year = 2027\nstart = \"soon\"\n",
     "config.toml:7: [week] start must be a date written as YYYY-MM-DD without quotes, like "
     "start = 2027-10-04; not \"soon\""),
    ("year = 2026\nstart = 2026-10-12\ndays = 9\n",
     "config.toml:8: [week] days must be a whole number from 1 to 7, not 9"),
])
def test_with_a_wrong_week_the_days_are_not_measured_against_a_guess(
        bad_config: BadConfig, week: str, problem: str) -> None:
    outcome = bad_config(CONFIG.replace("year = 2026\n", week), DAYS)
    assert error_lines(outcome) == [problem]
    # (nor is a link to a day set aside until then called a link to a draft)
    assert not [line for line in outcome.lines if "not published" in line], outcome.lines


def test_table_written_as_a_value(bad_config: BadConfig) -> None:
    outcome = bad_config("extra = 5\n" + CONFIG)
    find_line(outcome, "config.toml:1: ", "`extra` must be a section written as [extra]")


def test_every_config_problem_in_one_run(bad_config: BadConfig) -> None:
    text = ('[site]\ntitle = "Test Week"\ntheme = "mini"\nlangauge = "en"\n\n'
            '[week]\nyear = 2026\ndays = 10\nreveal = "sometimes"\ntimezone = "Nowhere/City"\n\n'
            '[brand]\nprimary = "blue"\n\n[colours]\nx = 1\n')
    outcome = bad_config(text)
    for prefix in ("config.toml:4: ", "config.toml:8: ", "config.toml:9: ",
                   "config.toml:10: ", "config.toml:13: ", "config.toml:15: "):
        find_line(outcome, prefix)
    assert failed_count(outcome) == 6


# --- files that cannot be read ------------------------------------------------------------

def test_toml_syntax_error_names_the_line(bad_config: BadConfig) -> None:
    outcome = bad_config('[site]\ntitle = "Test Week"\ntheme = "mini"\n\n[week]\n'
                         'theme = "Dream Team\nyear = 2026\n')
    find_line(outcome, "config.toml:6: ", "the text of `theme` opens with \" but is never closed")
    assert failed_count(outcome) == 1


def test_a_toml_error_on_the_last_line_without_a_line_break_names_that_line(
        bad_config: BadConfig, make_site: MakeSite, run: Run) -> None:
    # as Notepad saves a file: no line break after the last line
    outcome = bad_config(CONFIG + "\n[extra]\ncontact_phone = ")
    assert error_lines(outcome) == ["config.toml:10: `contact_phone` has no value after =; give "
                                    'one (text in "double quotes"), or delete the line to use '
                                    "the default"]
    site = make_site({"content/pages/faq.md": '+++\ntitle = "FAQ"\nmenu = \n+++\nHi\n'})
    front = run(site, "build", *AS_OF)
    assert front.lines[0].startswith("content/pages/faq.md:3: `menu` has no value after =")


def test_every_line_toml_cannot_read_is_said_in_one_run(bad_config: BadConfig) -> None:
    """TOML stops at its first error; a config pasted from Word has several.  Each line is
    said at once, not one a build (a table's name, whose keys would move to the table above
    if it were left out, ends the list: what follows it may be its doing)."""
    outcome = bad_config(CONFIG + "theme = \u201cDream Team\u201d\ndays = five\n"
                         "[extra]\nhashtag: CSW\ncontact = \u201cComms\u201d\n")
    assert error_lines(outcome) == [
        "config.toml:8: `theme` is in curly quotes (\u201c\u201d), which Word and Outlook type; "
        'use straight double quotes: theme = "Dream Team"',
        "config.toml:9: `days` must be a whole number written in digits, without quotes, like "
        "days = 5",
        'config.toml:11: a setting and its value are joined with =, not a colon: write '
        'hashtag = "CSW"',
        "config.toml:12: `contact` is in curly quotes (\u201c\u201d), which Word and Outlook "
        'type; use straight double quotes: contact = "Comms"']


@pytest.mark.parametrize(("config", "said"), [
    # a first week's mistakes, each said in plain words with the line as it should be
    (CONFIG + 'theme = "Dream Team\n',
     'config.toml:8: the text of `theme` opens with " but is never closed on this line; end '
     'it with ", like theme = "Dream Team"'),
    (CONFIG + 'theme = "Dream Team\ndays = 5\n',
     'config.toml:8: the text of `theme` opens with " but is never closed on this line; end '
     'it with ", like theme = "Dream Team"'),
    # a stray control character (pasted from a PDF) inside closed quotes is not "never closed"
    (CONFIG + 'theme = "Dream\x0bTeam"\n',
     "config.toml:8: is not valid TOML: Illegal character '\\x0b'; check the quotes, brackets "
     "and `key = value` shape on this line"),
    (CONFIG + "theme = Dream Team\n",
     'config.toml:8: the text of `theme` must be in double quotes: theme = "Dream Team"'),
    (CONFIG + "theme = \u201cDream Team\u201d\n",
     "config.toml:8: `theme` is in curly quotes (\u201c\u201d), which Word and Outlook type; "
     'use straight double quotes: theme = "Dream Team"'),
    (CONFIG + "theme = 'Dream Team's week'\n",
     "config.toml:8: the text of `theme` is in single quotes, and the apostrophe inside it "
     'ends it early; use double quotes: theme = "Dream Team\'s week"'),
    (CONFIG + "days = five\n",
     "config.toml:8: `days` must be a whole number written in digits, without quotes, like "
     "days = 5"),
    (CONFIG + "days = \n",
     'config.toml:8: `days` has no value after =; give one (text in "double quotes"), or '
     "delete the line to use the default"),
    (CONFIG + "days: 5\n",
     "config.toml:8: a setting and its value are joined with =, not a colon: write days = 5"),
    (CONFIG + "theme: Dream Team\n",
     'config.toml:8: a setting and its value are joined with =, not a colon: write '
     'theme = "Dream Team"'),
    (CONFIG + "theme: 'Dream Team's week'\n",
     'config.toml:8: a setting and its value are joined with =, not a colon: write '
     'theme = "Dream Team\'s week"'),
    (CONFIG + "start = 05/10/2026\n",
     "config.toml:8: `start` is 05/10/2026; write a date as YYYY-MM-DD (year, month, day, "
     "with a real month and day) and without quotes, like 2027-10-04"),
    (CONFIG + "start = 2026-13-05\n",
     "config.toml:8: `start` is 2026-13-05; write a date as YYYY-MM-DD (year, month, day, "
     "with a real month and day) and without quotes, like 2027-10-04"),
    (CONFIG + "\n[build]\nunsafe_html = no\n",
     "config.toml:10: `unsafe_html` must be true or false, in small letters and without "
     "quotes: unsafe_html = false"),
    (CONFIG + "days = 5\nreveal = \"all\"\ndays = 6\n",
     "config.toml:10: `days` is set twice (also on line 8); keep one of them"),
    (CONFIG + "\n[brand\nprimary = \"#c8102e\"\n",
     "config.toml:9: the section name [brand is not closed; end it with ], like [brand]"),
    (CONFIG + "\n[extra]\nteams = [\"Sales\", \"Support\"\nhashtag = \"x\"\n",
     "config.toml:10: the list `teams` opened with [ on this line is never closed; end it "
     'with ], like teams = ["one", "two"]'),
    (CONFIG + '\n[publish.intranet]\nto = "S:\\intranet\\csw"\n',
     "config.toml:10: the text of `to` holds \\, which starts a special character inside "
     '"double quotes"; write a Windows path in single quotes: to = \'S:\\intranet\\csw\''),
    (CONFIG + '\n[publish.intranet]\nto = "C:\\Users\\comms\\csw"\n',
     "config.toml:10: the text of `to` holds \\, which starts a special character inside "
     '"double quotes"; write a Windows path in single quotes: to = \'C:\\Users\\comms\\csw\''),
    (CONFIG + "\n[publish.intranet]\nto = /mnt/web/csw\n",
     'config.toml:10: the text of `to` must be in double quotes: to = "/mnt/web/csw"'),
    (CONFIG + "\n[week]\ndays = 5\n",
     "config.toml:9: [week] appears twice (also on line 5); put all its settings under one "
     "[week]"),    (CONFIG + 'theme "Dream Team"\n',
     'config.toml:8: a setting and its value are joined with =: write theme = "Dream Team"'),
    (CONFIG + "theme\n",
     'config.toml:8: `theme` has no = and no value; write it as theme = "..." (text in double '
     "quotes), or delete the line"),
    (CONFIG + 'week theme = "Dream Team"\n',
     "config.toml:8: `week theme` has a space in it, and a setting's name has none; check "
     "the name against the config.toml that `cswgen new` writes"),
    (CONFIG + 'theme = "Dream" "Team"\n',
     "config.toml:8: more follows the value of `theme` on this line, and a setting has one "
     'value: write theme = "Dream Team" (all its text inside one pair of quotes)'),
    (CONFIG + "days = 5 6\n",
     "config.toml:8: more follows the value of `days` on this line, and a setting has one "
     "value: write days = 5"),
    (CONFIG + '\n[brand] primary = "#c8102e"\n',
     "config.toml:9: [brand] stands on a line of its own; put `primary = ...` on the line "
     "after it"),
    # (each said "more follows the value of `start`...: write start = " and the same line)
    (CONFIG + "start = 2026\u201310\u201305\n",
     "config.toml:8: `start` is written with \u2013 where TOML needs the hyphen - (Word and "
     "some keyboards type one for the other); write start = 2026-10-05"),
    (CONFIG + "start = 2026-10-05T08:00\n",
     "config.toml:8: `start` is a date and a time, and it takes a date alone; write "
     "start = 2026-10-05"),
])
def test_toml_mistakes_are_said_in_plain_words(bad_config: BadConfig, config: str,
                                               said: str) -> None:
    outcome = bad_config(config)
    assert error_lines(outcome) == [said]


def test_a_config_saved_as_rich_text_says_how_to_save_it_as_plain_text(
        bad_config: BadConfig) -> None:
    """TextEdit saves a new document as rich text unless told otherwise: the file began
    `{\\rtf1\\ansi...`, and cswgen said that line "has no value after =; give one"."""
    rtf = ("{\\rtf1\\ansi\\ansicpg1252\\cocoartf2761\n"
           "{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n"
           "\\f0\\fs24 \\cf0 [site]\\\ntitle = \"Test Week\"\\\n}\n")
    outcome = bad_config(rtf)
    assert error_lines(outcome) == [
        "config.toml:1: is saved as rich text (RTF), with its fonts and formatting, not as "
        "plain text; in TextEdit choose Format > Make Plain Text (in WordPad: Save as > Plain "
        "text document), then save it again as config.toml"]


def test_toml_key_given_twice(bad_config: BadConfig) -> None:
    outcome = bad_config(CONFIG + "year = 2027\n")
    find_line(outcome, "config.toml:8: ", "`year` is set twice (also on line 6)")


def test_config_not_utf8(bad_config: BadConfig) -> None:
    text = '[site]\ntitle = "Caf\xe9 Week"\ntheme = "mini"\n'.encode("latin-1")
    outcome = bad_config(text)
    find_line(outcome, "config.toml:2: ", "not UTF-8", "byte 19")


def test_config_saved_as_utf16_says_so(bad_config: BadConfig) -> None:
    text = '[site]\ntitle = "Caf\xe9 Week"\ntheme = "mini"\n'.encode("utf-16")  # with its BOM
    outcome = bad_config(text)
    assert error_lines(outcome) == ["config.toml:1: is saved as UTF-16 (\"Unicode\" in Notepad); "
                                    "save it again as UTF-8 (in Notepad: encoding UTF-8)"]


def test_config_missing(make_site: MakeSite, run: Run) -> None:
    site = make_site(with_home({}))
    (site / "config.toml").unlink()
    outcome = run(site, "build", *AS_OF)
    assert "Traceback" not in outcome.stdout + outcome.stderr
    assert outcome.exit_code == 1
    assert outcome.lines == [
        f"{site}: this folder is not a cswgen site: there is no config.toml in it or in a "
        "folder above it. Start a new site with `cswgen new mysite`, or cd into your site's "
        "folder (the one with config.toml) and run the command there"]
    assert not (site / "output").exists()


def test_impossible_date_names_the_key(bad_config: BadConfig) -> None:
    outcome = bad_config(CONFIG + "start = 2026-02-30\n")
    find_line(outcome, "config.toml:8: ", "start", "2026-02-30")


def test_messages_show_values_as_written(bad_config: BadConfig) -> None:
    outcome = bad_config('[site]\ntitle = 2026-10-05\ntheme = "mini"\n\n'
                         '[week]\nstart = 2026-10-05T09:00:00\n')
    title = find_line(outcome, "config.toml:2: ", '[site] title is 2026-10-05, a date')
    start = find_line(outcome, "config.toml:6: ", "[week] start must be a date")
    assert "datetime." not in title + start, title + "\n" + start


def test_brackets_in_strings_and_comments_keep_line_numbers(bad_config: BadConfig) -> None:
    outcome = bad_config('[site]\ntitle = "CSW :-["\ntheme = "mini"\n\n[week]\n'
                         'year = 2026  # [see the README\nreveal = "weekly"\ndays = 9\n')
    find_line(outcome, "config.toml:7: ", "[week] reveal")
    find_line(outcome, "config.toml:8: ", "[week] days")


# --- what good settings mean --------------------------------------------------------------

@pytest.mark.parametrize(("year", "start", "end"), [
    (2020, "2020-10-05", "2020-10-09"),
    (2023, "2023-10-02", "2023-10-06"),
    (2026, "2026-10-05", "2026-10-09"),
    (2018, "2018-10-01", "2018-10-05"),  # 1 October is a Monday
    (2022, "2022-10-03", "2022-10-07"),  # 1 October is a Saturday
])
def test_default_start_is_monday_of_first_full_week_of_october(home: Home, year: int, start: str,
                                                               end: str) -> None:
    page = home(f'[site]\ntitle = "W"\ntheme = "mini"\n\n[week]\nyear = {year}\n')
    assert f"start={start} end={end} year={year}" in page


def test_start_without_year_sets_the_year(home: Home) -> None:
    page = home('[site]\ntitle = "W"\ntheme = "mini"\n\n[week]\nstart = 2027-10-04\ndays = 7\n')
    assert "start=2027-10-04 end=2027-10-10 year=2027" in page


def test_a_start_that_is_not_a_monday_is_a_warning_that_names_the_monday(
        make_site: MakeSite, run: Run) -> None:
    """`start = 2027-10-05`, the 2026 week's date kept for 2027 (a Tuesday): allowed (the
    week runs `days` days from `start`), but a Monday's day file is then outside the week.
    Said at config.toml's line, with the weekday and the Monday of that week, not only as
    that day file's error."""
    week = '[site]\ntitle = "W"\ntheme = "mini"\n\n[week]\nyear = 2027\nstart = 2027-10-05\n'
    site = make_site(with_home({"config.toml": week}))
    outcome = run(site, "build", "--as-of", "2027-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == [
        "config.toml:7: warning: [week] start 2027-10-05 is a Tuesday, so the week runs "
        "Tuesday to Saturday (5–9 October 2027); if it should begin on the Monday of that "
        "week, write start = 2027-10-04 (Monday 4 October 2027)"]
    monday = {"content/days/monday.md": "---\ntitle: Kick-off\nday: monday\n---\n"}
    failed = run(make_site(with_home({"config.toml": week, **monday})), "build", *AS_OF)
    assert failed.exit_code == 1
    find_line(failed, "config.toml:7: warning: [week] start 2027-10-05 is a Tuesday")
    one_day = run(make_site(with_home({"config.toml": week + "days = 1\n"})), "build", *AS_OF)
    assert one_day.exit_code == 0 and "runs Tuesday only (5 October 2027)" in one_day.stderr
    for monday_start in ("start = 2027-10-04\n", ""):  # a Monday, and the default
        text = week.replace("start = 2027-10-05\n", monday_start)
        quiet = run(make_site(with_home({"config.toml": text})), "build", *AS_OF)
        assert quiet.exit_code == 0 and quiet.lines == [], quiet.stderr


def test_config_with_bom_and_crlf(home: Home) -> None:
    text = '\ufeff[site]\r\ntitle = "W"\r\ntheme = "mini"\r\n\r\n[week]\r\nyear = 2023\r\n'
    assert "start=2023-10-02" in home(text)


def test_colours_default_and_short_form(home: Home) -> None:
    assert "primary=#c8102e secondary=#0b3d91" in home(CONFIG)
    page = home(CONFIG + '\n[brand]\nprimary = "#ABC"\nsecondary = "#00FF7f"\n')
    assert "primary=#aabbcc secondary=#00ff7f" in page


def test_extra_values_reach_templates(home: Home) -> None:
    page = home(CONFIG + '\n[extra]\nhashtag = "#CSW2026"\nprizes = 3\n'
                'sponsors = ["Acme", "Zed"]\n\n[extra.social]\nx = "@acme"\n')
    assert ('extra={"hashtag": "#CSW2026", "prizes": 3, "social": {"x": "@acme"}, '
            '"sponsors": ["Acme", "Zed"]}') in page.replace("&#34;", '"')
