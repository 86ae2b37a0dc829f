"""`cswgen new`: the demo campaign, every date of it moved to the coming week."""

from __future__ import annotations

import re
import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest

from cswgen.commands.new import coming_year, new_site
from cswgen.core.week import WEEKDAYS, first_full_week_of_october
from tests.helpers import MakeSite, Run, git, snapshot

DAY_OF_MONTH = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b[ \t]+(\d{{1,2}})\b", re.I)
RANGE = re.compile(r"\b(\d{1,2})(?:[ \t]*[–-][ \t]*|[ \t]+to[ \t]+)(\d{1,2})[ \t]+October", re.I)


def texts(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in sorted(site.rglob("*"))
            if p.suffix in (".md", ".toml", ".txt", ".csv")}


@pytest.mark.parametrize(("today", "year"), [(date(2027, 3, 1), 2027), (date(2029, 1, 2), 2029)])
def test_a_new_site_says_the_dates_of_its_own_week(tmp_path: Path, run: Run, today: date,
                                                 year: int) -> None:
    # 2027: Monday 4 to Friday 8 October; 2029: Monday 1 to Friday 5 October
    site = tmp_path / "mysite"
    made = new_site(site, today)
    assert made.year == year
    start = first_full_week_of_october(year)
    week = [start + timedelta(days=n) for n in range(5)]
    pairs = {(WEEKDAYS[d.weekday()], d.day) for d in week}
    said = texts(site)
    for path, text in said.items():
        for weekday, day in DAY_OF_MONTH.findall(text):
            assert (weekday.lower(), int(day)) in pairs, f"{path}: {weekday} {day}"
        for first, last in RANGE.findall(text):
            assert (int(first), int(last)) == (week[0].day, week[-1].day), path
    home = said["content/index.md"]
    assert f"From Monday {week[0].day} to Friday {week[-1].day} October," in home
    assert f"Customer Service Week {year}" in home
    config = said["config.toml"]
    assert f"{week[0].day} to {week[-1].day} October {year}" in config
    assert f'"en" as "Monday, October {week[0].day}"' in config  # American order too
    assert f'hashtag = "#CSW{year}"' in config and f"year = {year} " in config
    programme = said[f"content/downloads/csw-{year}-programme.txt"]
    assert f"MONDAY {week[0].day} OCTOBER: DREAM TEAM MONDAY" in programme
    assert "extension 2026" in programme  # a phone extension, not a year
    assert f"csw-{year}-programme.txt" in said["content/pages/faq.md"]
    assert not any("2026-" in text for text in said.values())
    built = run(site, "build", "--as-of", week[1].isoformat())
    assert built.exit_code == 0, built.stderr
    assert built.stderr == ""


def test_new_lists_what_it_left_for_review(tmp_path: Path, run: Run) -> None:
    outcome = run(tmp_path, "new", "mysite")
    assert outcome.exit_code == 0, outcome.stderr
    lines = outcome.stdout.splitlines()
    assert lines[0].startswith("Created mysite with the demo campaign for Customer Service Week")
    if lines[1].startswith("Every date moved"):  # today is not in 2026's week
        assert lines[1] == ("Every date moved to that week. These lines still say 2026 where it "
                            "may not be a year (like a phone extension), so it was left as it "
                            "is; check them:")
        listed = [line.strip() for line in lines if line.startswith("  ")]
        assert [line.split(":")[0] for line in listed] == [
            f"content/downloads/csw-{lines[0].split()[-4]}-programme.txt",
            "content/index.md", "content/pages/contact.md"]
        assert all(line.endswith("extension 2026.") or "extension 2026," in line
                   for line in listed)
    assert lines[-1].startswith("Next: cd mysite and run `cswgen serve`")


@pytest.mark.parametrize(("folder", "said"), [
    ("CSW 2027", 'Next: cd "CSW 2027" and run `cswgen serve`'),  # typed as shown, it works
    (".", "Next: run `cswgen serve` here"),
])
def test_new_says_the_next_step_as_it_can_be_typed(tmp_path: Path, run: Run, folder: str,
                                                   said: str) -> None:
    outcome = run(tmp_path, "new", folder)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.splitlines()[-1].startswith(said)


def test_a_folder_name_typed_without_quotes_is_shown_with_them(tmp_path: Path,
                                                              run: Run) -> None:
    outcome = run(tmp_path, "new", "Kigali", "Bank", "CSW", "--language", "fr")
    assert outcome.exit_code == 2
    assert outcome.stderr.splitlines()[-1] == (
        'Error: put a name with spaces in double quotes, so that it is read as one name: '
        'cswgen new "Kigali Bank CSW" --language fr')
    assert list(tmp_path.iterdir()) == []



@pytest.mark.parametrize(("args", "folder", "language"), [
    (("“csw”",), "csw", "en-GB"),
    (("csw", "--language", "“fr”"), "csw", "fr"),
    (("‘csw’", "--language=«fr»"), "csw", "fr"),
    # the whole command pasted from Word into a Mac's Terminal: the shell splits the name
    # at its spaces, as “Kigali, Bank and CSW”
    (("“Kigali", "Bank", "CSW”", "--language", "“fr”"), "Kigali Bank CSW", "fr"),
])
def test_values_pasted_in_word_s_quotes_are_read_without_them(
        tmp_path: Path, run: Run, args: tuple[str, ...], folder: str, language: str) -> None:
    # `cswgen new “csw”` made a folder named “csw”, quotes and all
    outcome = run(tmp_path, "new", *args)
    assert outcome.exit_code == 0, outcome.stderr
    assert [p.name for p in tmp_path.iterdir()] == [folder]
    config = (tmp_path / folder / "config.toml").read_text("utf-8")
    assert re.search(rf'^language = "{language}"', config, re.M), config[:400]

def test_new_refuses_a_folder_inside_another_site(tmp_path: Path, run: Run) -> None:
    assert run(tmp_path, "new", "mysite").exit_code == 0
    before = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*"))
    inside = run(tmp_path, "new", "mysite/content/sub")
    assert inside.exit_code == 1
    assert inside.stderr == ("mysite/content/sub: is inside the cswgen site in mysite (its "
                             "config.toml and content/ are there), which would take the new "
                             "site's files for its own; choose a folder outside it, such as "
                             "one beside it. Nothing was written\n")
    here = run(tmp_path / "mysite", "new", "themes/other")
    assert here.stderr.startswith("themes/other: is inside the cswgen site in the folder you "
                                  "are in")
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")) == before
    assert run(tmp_path, "new", "beside").exit_code == 0
    # in the other site's own folder, beside its content/ (next year's site): nothing reads it
    assert run(tmp_path / "mysite", "new", "next-year").exit_code == 0


def test_new_fills_a_repository_just_cloned_and_nothing_else(tmp_path: Path, run: Run) -> None:
    """`git clone` of the team's new, empty repository, then `cswgen new` into it, as the
    publishing steps for GitHub Pages go: the clone holds only .git, which is left alone."""
    git("init", "-q", str(tmp_path / "csw"))
    before = snapshot(tmp_path / "csw/.git")
    outcome = run(tmp_path, "new", "csw")
    assert outcome.exit_code == 0, outcome.stderr
    assert (tmp_path / "csw/config.toml").is_file() and (tmp_path / "csw/.gitignore").is_file()
    assert snapshot(tmp_path / "csw/.git") == before
    git("init", "-q", str(tmp_path / "here"))
    assert run(tmp_path / "here", "new", ".").exit_code == 0
    # anything else in it is someone's: refused, as for any folder with files in it
    git("init", "-q", str(tmp_path / "notes"))
    (tmp_path / "notes/README.md").write_text("# Our notes\n")
    refused = run(tmp_path, "new", "notes")
    assert refused.exit_code == 1
    assert refused.stderr == ("notes: already exists and is not empty; cswgen new never "
                              "overwrites anything, so choose a new folder name\n")


def test_new_fills_a_folder_made_in_finder_that_looks_empty(tmp_path: Path, run: Run) -> None:
    """Kevin makes the folder in Finder and opens it: Finder writes .DS_Store (and Icon\\r,
    for a custom icon) at once.  It looks empty, so "already exists and is not empty" made
    no sense; those hidden files are left as they are, and anything else still refuses."""
    folder = tmp_path / "CSW 2027"
    folder.mkdir()
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1" + bytes(32))
    (folder / "Icon\r").write_bytes(b"")
    (folder / "._Icon\r").write_bytes(b"\x00\x05\x16\x07")
    outcome = run(tmp_path, "new", "CSW 2027")
    assert outcome.exit_code == 0, outcome.stderr
    assert (folder / "config.toml").is_file()
    assert (folder / ".DS_Store").read_bytes().startswith(b"\x00\x00\x00\x01Bud1")
    assert run(folder, "build").exit_code == 0
    (tmp_path / "other").mkdir()
    (tmp_path / "other/.DS_Store").write_bytes(b"")
    (tmp_path / "other/notes.txt").write_text("mine\n")
    assert run(tmp_path, "new", "other").exit_code == 1


@pytest.mark.parametrize(("tag", "zone", "said"), [
    # a language CLDR places in one country: that country's time, said as a guess to change
    ("rw", "Africa/Kigali", 'Kinyarwanda is spoken mainly in Rwanda, so the site keeps '
     'Rwanda\'s time (timezone = "Africa/Kigali" in config.toml, instead of the demo\'s '
     "Africa/Harare); if your team is in another time zone, change it there."),
    ("rw-RW", "Africa/Kigali", 'The site keeps Rwanda\'s time (timezone = "Africa/Kigali" '
     "in config.toml)."),
    # spoken in many countries: no guess, the demo's zone stays, and is named
    ("sw", "Africa/Harare", "The site keeps the demo's time zone, Africa/Harare: set "
     'timezone in config.toml to yours, such as "Europe/Paris".'),
])
def test_a_language_without_a_region_keeps_its_country_s_time(tmp_path: Path, run: Run,
                                                               tag: str, zone: str,
                                                               said: str) -> None:
    outcome = run(tmp_path, "new", "site", "--language", tag)
    assert outcome.exit_code == 0, outcome.stderr
    assert said in outcome.stdout.splitlines()
    config = tomllib.loads((tmp_path / "site" / "config.toml").read_text("utf-8"))
    assert config["week"]["timezone"] == zone


def test_a_site_started_in_another_language_marks_the_demo_s_english(tmp_path: Path,
                                                                     run: Run) -> None:
    """`new --language ar-OM`: the pages are Arabic (`<html lang="ar-OM" dir="rtl">`), and
    the demo's text, which stays English until the team replaces it, says so, file by file
    (a Markdown file's front matter, a table's column), so that screen readers read it with
    an English voice and browsers lay it out left to right; a file rewritten without the
    line is in the site's language."""
    outcome = run(tmp_path, "new", "site", "--language", "ar-OM")
    assert outcome.exit_code == 0, outcome.stderr
    assert ("Each file of it says so (lang: en-GB in its front matter, a lang column in a "
            "table), so that its pages mark it as English for screen readers and browsers; "
            "delete that line once a file is in Arabic.") in outcome.stdout
    site = tmp_path / "site"
    monday = site / "content/days/monday.md"
    assert monday.read_text("utf-8").splitlines()[1].startswith("lang: en-GB  # ")
    start = first_full_week_of_october(coming_year(date.today()))
    as_of = ("--as-of", (start + timedelta(days=1)).isoformat())
    built = run(site, "build", *as_of)
    assert built.exit_code == 0, built.stderr
    assert built.stderr == ""  # (the demo's English is written left to right: no warning)
    out = site / "output"

    def page(path: str) -> str:
        return (out / path / "index.html").read_text("utf-8")

    assert '<html lang="ar-OM" dir="rtl">' in page("days/monday")
    assert '<h1 lang="en-GB" dir="ltr">Dream Team Monday' in page("days/monday")
    assert '<h1 lang="en-GB" dir="ltr">' in page("testimonials/tafadzwa-r")  # a table's row
    assert '<h1 lang="en-GB" dir="ltr">' in page("days/wednesday")  # TOML front matter
    # rewritten in Arabic, without the line: the site's language, unmarked
    monday.write_text(monday.read_text("utf-8").replace(
        "title: Dream Team Monday", "title: اثنين فريق الأحلام").replace(
        monday.read_text("utf-8").splitlines()[1] + "\n", ""), "utf-8")
    assert run(site, "build", *as_of).exit_code == 0
    assert "<h1>اثنين فريق الأحلام</h1>" in page("days/monday")
    # rewritten in Arabic with the line left in: a warning at the line, which says how
    page_file = site / "content/pages/about.md"
    lines = page_file.read_text("utf-8").split("---\n")
    page_file.write_text("---\n".join([lines[0], lines[1].replace(
        lines[1].splitlines()[1], "title: من نحن"), "مرحباً بكم في جمعية مساسا للبناء.\n"]),
        "utf-8")
    warned = run(site, "build", *as_of)
    assert warned.exit_code == 0
    assert ("content/pages/about.md:2: warning: says its text is in English (en-GB), which "
            "is written left to right, but most of it is written right to left; delete this "
            "line if the file is now in the site's own language, or give the language it is "
            "in") in warned.stderr.splitlines()
    # an English site's English needs no mark
    assert run(tmp_path, "new", "us", "--language", "en-US").exit_code == 0
    assert "lang:" not in (tmp_path / "us/content/days/monday.md").read_text("utf-8")


def test_a_lang_that_is_no_language_names_its_line(make_site: MakeSite, run: Run) -> None:
    site = make_site({"content/days/monday.md": "---\ntitle: Monday\nday: monday\n"
                                                "lang: englsh\n---\nHello.\n"})
    outcome = run(site, "build")
    assert outcome.exit_code == 1
    assert outcome.stderr.startswith("content/days/monday.md:4: englsh is not a language tag "
                                     "cswgen knows;"), outcome.stderr
