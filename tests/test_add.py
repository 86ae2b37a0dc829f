"""`cswgen add`: a new file for every kind, that builds as it is and never overwrites."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from cswgen.core.errors import Problems
from cswgen.read.frontmatter import split
from cswgen.read.records import KNOWN
from tests.helpers import AS_OF, MINIMAL_CONFIG, MakeSite, Run, snapshot

CSV_ONLY = {"text", "citation_long"}


@pytest.mark.parametrize(("args", "written", "page"), [
    (("testimonial", "Rudo M."), "content/testimonials/rudo-m.md", "testimonials/rudo-m/"),
    (("honour", "Zoë Nyathi"), "content/honour-roll/zoe-nyathi.md", "honour-roll/zoe-nyathi/"),
    (("day", "Superhero Tuesday", "--day", "Tue"), "content/days/superhero-tuesday.md",
     "days/superhero-tuesday/"),
    (("day", "Awards Friday", "--date", "2026-10-09"), "content/days/awards-friday.md",
     "days/awards-friday/"),
    (("page", "Getting here: a map"), "content/pages/getting-here-a-map.md",
     "getting-here-a-map/"),
    (("policy",), "content/policy.md", "policy/"),  # a site without one yet; no slug
    (("home",), "content/index.md", ""),  # the same: index.html, its introduction
    # pasted from Word or an email: curly quotes around it, a non-breaking space, a tab
    (("testimonial", "“Jean-Baptiste N.”"), "content/testimonials/jean-baptiste-n.md",
     "testimonials/jean-baptiste-n/"),
    (("honour", "Aimée\u00a0 Uwase\t"), "content/honour-roll/aimee-uwase.md",
     "honour-roll/aimee-uwase/"),
])
def test_add_writes_a_file_that_builds(make_site: MakeSite, run: Run, args: tuple[str, ...],
                                     written: str, page: str) -> None:
    site = make_site()
    outcome = run(site, "add", *args)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.strip() == written
    text = (site / written).read_text("utf-8")
    document = split(text, written, Problems())
    assert document is not None
    kind = args[0]
    fields = set(KNOWN[kind]) - CSV_ONLY - ({"slug"} if kind in ("policy", "home") else set())
    assert set(document.data) >= fields - {"date", "day"} - \
        ({"title"} if kind == "testimonial" else set())
    assert all(f"{key}:" in text for key in fields)
    for line in text.split("---")[1].strip().splitlines():
        assert "#" in line, f"field without a comment: {line}"
    built = run(site, "build", *AS_OF)
    assert built.exit_code == 0, built.stderr
    # no warning but the one that says the example text is still there to be replaced
    assert [line.split(": warning: ")[1].split(" is the ")[1] for line in built.lines] == [
        "example text that cswgen add wrote, and it would be published as it is; replace it "
        "with the real text"]
    assert (site / "output" / page / "index.html").is_file()
    assert not list((site / "output").rglob("scaffolds"))


@pytest.mark.parametrize(("args", "typed"), [
    (("testimonial", "Jean", "Baptiste", "N."), 'cswgen add testimonial "Jean Baptiste N."'),
    (("day", "Superhero", "Tuesday", "--day", "tue"),
     'cswgen add day "Superhero Tuesday" --day tue'),
])
def test_a_name_typed_without_quotes_is_shown_with_them(make_site: MakeSite, run: Run,
                                                        args: tuple[str, ...],
                                                        typed: str) -> None:
    site = make_site()
    before = snapshot(site)
    outcome = run(site, "add", *args)
    assert outcome.exit_code == 2
    assert outcome.stderr.splitlines()[-1] == ("Error: put a name with spaces in double "
                                               f"quotes, so that it is read as one name: {typed}")
    assert snapshot(site) == before


def test_a_pasted_title_is_written_as_it_was_meant(make_site: MakeSite, run: Run) -> None:
    site = make_site()
    assert run(site, "add", "testimonial", "“Jean-Baptiste N.”").exit_code == 0
    assert run(site, "add", "honour", "Aimée\u00a0 Uwase\t").exit_code == 0
    assert run(site, "add", "page", "‘Kind’ and ‘quick’").exit_code == 0  # two quotations
    assert 'customer: "Jean-Baptiste N."  #' in \
        (site / "content/testimonials/jean-baptiste-n.md").read_text("utf-8")
    assert 'name: "Aimée Uwase"  #' in \
        (site / "content/honour-roll/aimee-uwase.md").read_text("utf-8")
    assert 'title: "‘Kind’ and ‘quick’"  #' in \
        (site / "content/pages/kind-and-quick.md").read_text("utf-8")


@pytest.mark.parametrize(("kind", "title", "written"), [
    ("page", "CON", "content/pages/con-page.md"),
    ("honour", "Con", "content/honour-roll/con-honour.md"),
    ("testimonial", "Aux.", "content/testimonials/aux-testimonial.md"),
])
def test_a_title_windows_reserves_gets_a_name_that_builds(make_site: MakeSite, run: Run,
                                                          kind: str, title: str,
                                                          written: str) -> None:
    # `con.md` would fail the build ("a name Windows reserves for a device")
    site = make_site()
    outcome = run(site, "add", kind, title)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.strip() == written
    assert f"\"{title}\"" in (site / written).read_text("utf-8")
    built = run(site, "build", *AS_OF)
    assert built.exit_code == 0, built.stderr


def test_the_day_is_written_as_given(make_site: MakeSite, run: Run) -> None:
    site = make_site()
    run(site, "add", "day", "Superhero Tuesday", "--day", "Tue")
    run(site, "add", "day", "Awards Friday", "--date", "2026-10-09")
    assert "\nday: tuesday " in (site / "content/days/superhero-tuesday.md").read_text("utf-8")
    assert "\ndate: 2026-10-09 " in (site / "content/days/awards-friday.md").read_text("utf-8")


def test_a_title_that_names_its_day_needs_no_day_option(make_site: MakeSite, run: Run) -> None:
    # "Wellness Wednesday" says which day it is; asking for --day wed as well was a
    # round trip Rudo did not expect.  A title naming no day, or two, is still asked.
    site = make_site()
    assert run(site, "add", "day", "Wellness Wednesday").exit_code == 0
    assert "\nday: wednesday " in (site / "content/days/wellness-wednesday.md").read_text("utf-8")
    assert run(site, "build", *AS_OF).exit_code == 0
    for title in ("Monday to Friday quiz", "Fun Saturday", "Team Spirit"):
        asked = run(site, "add", "day", title)
        assert asked.exit_code == 1
        assert "say which day of the week (5–9 October 2026) this is" in asked.stderr
    twice = run(site, "add", "day", "Wild Wednesday")
    assert twice.exit_code == 1 and "already has its day" in twice.stderr
    french = make_site({"config.toml": MINIMAL_CONFIG.replace(
        '[site]\n', '[site]\nlanguage = "fr"\n')})
    assert run(french, "add", "day", "Mardi des héros").exit_code == 0
    assert "\nday: tuesday " in (french / "content/days/mardi-des-heros.md").read_text("utf-8")


def test_a_weekday_in_the_sites_language_is_written_as_front_matter_takes_it(
        make_site: MakeSite, run: Run) -> None:
    # as `cswgen email mardi` takes it; front matter takes the English word
    site = make_site({"config.toml": MINIMAL_CONFIG.replace(
        '[site]\n', '[site]\nlanguage = "fr"\n')})
    outcome = run(site, "add", "day", "Mardi des héros", "--day", "Mardi")
    assert outcome.exit_code == 0, outcome.stderr
    assert "\nday: tuesday " in (site / "content/days/mardi-des-heros.md").read_text("utf-8")
    assert run(site, "build", *AS_OF).exit_code == 0


@pytest.mark.parametrize("args", [
    ("day", "Superhero Tuesday", "--day", "“tuesday”"),
    ("day", "Superhero Tuesday", "--day", "‘Tue’"),
    ("day", "Superhero Tuesday", "--date", "“2026-10-06”"),
    ("“day”", "Superhero Tuesday", "--day", "tuesday"),
    # the whole command pasted from Word into a Mac's Terminal, where those quotes are
    # characters, so the shell splits the title in two: “Superhero and Tuesday”
    ("day", "“Superhero", "Tuesday”", "--day", "“tuesday”"),
])
def test_values_pasted_in_word_s_quotes_are_read_without_them(make_site: MakeSite, run: Run,
                                                              args: tuple[str, ...]) -> None:
    # as `cswgen email “tuesday”` reads its DAY; `--day “tuesday”` said that "“tuesday”"
    # is not one of the week's days
    site = make_site()
    outcome = run(site, "add", *args)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout == "content/days/superhero-tuesday.md\n"
    text = (site / "content/days/superhero-tuesday.md").read_text("utf-8")
    assert "\ntitle: \"Superhero Tuesday\"  #" in text
    assert "\nday: tuesday " in text or "\ndate: 2026-10-06 " in text
    assert run(site, "build", *AS_OF).exit_code == 0


@pytest.mark.parametrize(("args", "written"), [
    (("day", "“monday”"), "content/days/monday.sw.md"),
    (("home",), "content/index.sw.md"),
])
def test_a_translation_asked_for_in_word_s_quotes_is_written(make_site: MakeSite, run: Run,
                                                             args: tuple[str, ...],
                                                             written: str) -> None:
    site = make_site({
        "config.toml": MINIMAL_CONFIG.replace("[site]\n", '[site]\nlanguages = ["en", "sw"]\n'),
        "content/days/monday.md": "---\ntitle: Opening Monday\nday: monday\n---\n",
        "content/index.md": "---\ntitle: Welcome\n---\n"})
    outcome = run(site, "add", *args, "--language", "“sw”")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout == f"{written}\n"


def test_add_writes_nothing_beside_a_config_toml_with_errors(tmp_path: Path,
                                                             run: Run) -> None:
    # another tool's config.toml (Hugo's) in the folder: not a cswgen site to write into
    folder = tmp_path / "blog"
    folder.mkdir()
    (folder / "config.toml").write_text('baseURL = "https://example.org/"\n'
                                        'title = "My blog"\n', "utf-8")
    outcome = run(folder, "add", "testimonial", "Rudo M.")
    assert outcome.exit_code == 1
    assert outcome.lines[-1] == (
        "config.toml: cswgen add writes a file for the site that config.toml describes; fix "
        "the lines above first (or, if this is not your cswgen site's config.toml, cd into "
        "your site's folder). Nothing was written")
    assert "config.toml:2: `title` is not inside a section: put it under [site]" \
        in outcome.lines
    assert sorted(p.name for p in folder.iterdir()) == ["config.toml"]


def test_add_never_overwrites(make_site: MakeSite, run: Run) -> None:
    site = make_site({"content/honour-roll/zoë-nyathi.md": "---\nname: Zoë Nyathi\n---\nMine.\n"})
    for title in ("Zoë Nyathi", "Zoe Nyathi"):
        outcome = run(site, "add", "honour", title)
        assert outcome.exit_code == 1
        assert outcome.stderr.startswith("content/honour-roll/zoë-nyathi.md: already exists")
    assert (site / "content/honour-roll/zoë-nyathi.md").read_text("utf-8").endswith("Mine.\n")
    assert sorted(p.name for p in (site / "content/honour-roll").iterdir()) == ["zoë-nyathi.md"]


def test_a_macs_leftovers_are_not_taken_for_an_entry(make_site: MakeSite, run: Run) -> None:
    # A Mac copying to a shared drive or a zip leaves `._NAME` beside each file; Kevin
    # renamed ashley-t.md in Finder and its `._ashley-t.md` stayed behind
    leftover = b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        "
    site = make_site({"content/testimonials/._ashley-t.md": leftover,
                      "content/testimonials/.DS_Store": b"\x00\x00\x00\x01Bud1"})
    outcome = run(site, "add", "testimonial", "Ashley T.")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.strip() == "content/testimonials/ashley-t.md"
    assert (site / "content/testimonials/._ashley-t.md").read_bytes() == leftover
    assert run(site, "build", *AS_OF).exit_code == 0


def _never_twice(site: Path, run: Run, kind: str, made: str, *names: str) -> None:
    """`cswgen add KIND` refuses, and changes nothing, when content/`made` is there under
    any of `names` (another case, the other Markdown suffix)."""
    for name in (made, *names):
        (site / "content" / made).rename(site / "content" / name)
        before = snapshot(site)
        outcome = run(site, "add", kind)
        assert outcome.exit_code == 1
        assert outcome.stderr == (f"content/{name}: already exists; cswgen add never "
                                  "overwrites a file: edit that one\n")
        assert snapshot(site) == before
        (site / "content" / name).rename(site / "content" / made)


def test_a_policy_is_added_with_its_title_or_none_and_never_twice(make_site: MakeSite,
                                                                   run: Run) -> None:
    site = make_site()
    outcome = run(site, "add", "policy", "“Our promise to members”")
    assert outcome.exit_code == 0, outcome.stderr
    assert "title: \"Our promise to members\"  # " in (site / "content/policy.md").read_text()
    _never_twice(site, run, "policy", "policy.md", "Policy.markdown")


def test_a_home_page_is_added_with_its_title_or_none_and_never_twice(make_site: MakeSite,
                                                                      run: Run) -> None:
    # a site without content/index.md (the demo's deleted, or a bare site) was told that
    # `cswgen add home` is for a translation only, and had no way to start one
    site = make_site()
    outcome = run(site, "add", "home", "“Welcome to the week”")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout == "content/index.md\n"
    text = (site / "content/index.md").read_text("utf-8")
    assert "\ntitle: \"Welcome to the week\"  # " in text
    assert run(site, "build", *AS_OF).exit_code == 0
    home = (site / "output/index.html").read_text("utf-8")
    assert ">Welcome to the week</h1>" in home
    body = text.rsplit("---\n", 1)[1].strip()
    assert body.split(",")[0] in home  # the introduction, under it (its quotes made curly)
    _never_twice(site, run, "home", "index.md", "Index.markdown")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="a read-only folder is writable for root")
def test_a_read_only_folder_is_said_plainly(make_site: MakeSite, run: Run) -> None:
    site = make_site({"content/testimonials/.keep": ""})
    (site / "content/testimonials").chmod(0o555)
    try:
        outcome = run(site, "add", "testimonial", "Rudo M.")
    finally:
        (site / "content/testimonials").chmod(0o755)
    assert outcome.exit_code == 1
    assert outcome.lines == [
        "content/testimonials: cswgen add cannot write here (Permission denied); make sure "
        "it is not read-only (on Windows: right-click it, Properties, untick Read-only), "
        "then run cswgen add again. Nothing was written."]


@pytest.mark.parametrize(("args", "message"), [
    (("day", "Fun"), "say which day of the week (5–9 October 2026)"),
    (("day", "Fun", "--date", "2026-10-12"), "2026-10-12 (Monday 12 October 2026) is not in"),
    (("day", "Fun", "--day", "saturday"), "\"saturday\" is not one of the week's days"),
    (("page", "Days"), "belongs to cswgen's own days section"),
    (("page", "Programme"), "belongs to cswgen's own programme section"),
    (("page", "Screen"), "belongs to cswgen's own screen section"),
    (("page", "???"), "cannot make a file name"),
])
def test_add_refuses_what_would_not_build(make_site: MakeSite, run: Run, args: tuple[str, ...],
                                          message: str) -> None:
    site = make_site()
    outcome = run(site, "add", *args)
    assert outcome.exit_code == 1
    assert message in outcome.stderr
    assert not list((site / "content").rglob("*.md"))


def test_add_refuses_a_page_at_another_languages_address(make_site: MakeSite,
                                                         run: Run) -> None:
    # sw/ is where the Swahili pages go: a page there would fail the build
    site = make_site({"config.toml": "[site]\ntitle = \"T\"\nlanguages = [\"en\", \"sw\"]\n"
                                     "[week]\nyear = 2026\n"})
    outcome = run(site, "add", "page", "SW")
    assert outcome.exit_code == 1
    assert outcome.stderr == ("content/pages: the address /sw/ holds the site's pages in "
                              "that language; choose another title\n")
    assert not (site / "content/pages").exists()
    assert run(site, "add", "page", "Swahili").exit_code == 0


@pytest.mark.parametrize("when", [("--day", "tuesday"), ("--date", "2026-10-06")])
def test_add_refuses_a_second_day_for_a_date(make_site: MakeSite, run: Run,
                                             when: tuple[str, str]) -> None:
    # README's own example, in a site that already has its Tuesday (as the demo has)
    site = make_site({"content/days/tuesday.md": "---\ntitle: Hero Day\n\nday: tue\n---\n",
                      "content/days/draft.md": "---\ntitle: D\ndate: 2026-10-07\n"
                                               "draft: true\n---\n"})
    outcome = run(site, "add", "day", "Superhero Tuesday", *when)
    assert outcome.exit_code == 1
    assert outcome.stderr == ("content/days/tuesday.md:4: Tuesday 6 October 2026 already has "
                              "its day in this file (\"Hero Day\"); edit that file instead of "
                              "adding one, since a date has one day page. Nothing was "
                              "written\n")
    refused = run(site, "add", "day", "Wild Wednesday", "--day", "wed")  # a draft counts
    assert refused.stderr.startswith("content/days/draft.md:3: Wednesday 7 October 2026")
    assert sorted(p.name for p in (site / "content/days").iterdir()) == ["draft.md",
                                                                          "tuesday.md"]


def test_date_and_day_together_is_a_command_line_mistake(make_site: MakeSite,
                                                         run: Run) -> None:
    # a mistake in what was typed, not in the site: exit status 2, as Click's own
    outcome = run(make_site(), "add", "day", "Fun", "--day", "mon", "--date", "2026-10-05")
    assert outcome.exit_code == 2
    assert outcome.stderr.endswith("Error: give --date or --day, not both\n")


def test_date_is_for_days_only(make_site: MakeSite, run: Run) -> None:
    outcome = run(make_site(), "add", "page", "About", "--date", "2026-10-06")
    assert outcome.exit_code == 2
    assert "for `cswgen add day` only" in outcome.stderr


def test_the_site_theme_supplies_the_template(make_site: MakeSite, run: Run) -> None:
    site = make_site({
        "config.toml": "[site]\ntitle = \"T\"\ntheme = \"mine\"\n[week]\nyear = 2026\n",
        "themes/mine/theme.toml": "extends = \"classic\"\n",
        "themes/mine/scaffolds/page.md": "---\ntitle: {{ title }}\nmenu: 9\n---\nOurs.\n"})
    run(site, "add", "page", "About us")
    assert (site / "content/pages/about-us.md").read_text("utf-8") == \
        "---\ntitle: \"About us\"\nmenu: 9\n---\nOurs.\n"
    run(site, "add", "testimonial", "Ana")  # not in mine: from classic
    assert "customer: \"Ana\"" in (site / "content/testimonials/ana.md").read_text("utf-8")


def test_add_works_from_inside_the_site(make_site: MakeSite, run: Run) -> None:
    site = make_site()
    (site / "content/days").mkdir()
    outcome = run(site / "content/days", "add", "day", "Opening Monday", "--day", "monday")
    assert outcome.stdout.strip() == "opening-monday.md"
    assert Path(site / "content/days/opening-monday.md").is_file()


def test_a_new_testimonial_on_a_new_site_builds(tmp_path: Path, run: Run) -> None:
    # the done-when, as a new user runs it: the demo campaign, one new testimonial
    made = run(tmp_path, "new", "mysite")
    assert made.exit_code == 0, made.stderr
    site = tmp_path / "mysite"
    added = run(site, "add", "testimonial", "Rudo M.")
    assert added.exit_code == 0, added.stderr
    assert added.stdout.strip() == "content/testimonials/rudo-m.md"
    built = run(site, "build")
    assert built.exit_code == 0, built.stderr
    assert (site / "output/testimonials/rudo-m/index.html").is_file()
    again = run(site, "add", "testimonial", "Rudo M.")
    assert again.exit_code == 1 and "content/testimonials/rudo-m.md" in again.stderr


STAFF = ("name,role,award\n"
         "Farai Moyo,Adviser,Star\n"
         "Zoë Nyathi,Insurance,Star\n"
         "Tinashe Banda,Agent,Champion\n")


@pytest.mark.parametrize("title", ["Tinashe Banda", "tinashe  BANDA", "Tinashé Banda"])
def test_add_refuses_someone_already_on_a_staff_csv(make_site: MakeSite, run: Run,
                                                  title: str) -> None:
    site = make_site({"content/honour-roll/staff.csv": STAFF})
    outcome = run(site, "add", "honour", title)
    assert outcome.exit_code == 1
    assert outcome.stderr.splitlines() == [
        "content/honour-roll/staff.csv:4: Tinashe Banda is already on the honour roll in this "
        "file (row 4); edit that row instead of adding a file: two entries would publish them "
        "twice. If this is another person with the same name, add them with a title that "
        "tells the two apart, like \"Tinashe Banda (Harare)\", then change `name:` in the new "
        "file. Nothing was written"]
    assert sorted(p.name for p in (site / "content/honour-roll").iterdir()) == ["staff.csv"]
    apart = run(site, "add", "honour", "Tinashe Banda (Harare)")
    assert apart.exit_code == 0, apart.stderr
    assert run(site, "build", *AS_OF).exit_code == 0


def test_add_refuses_someone_already_in_a_workbook_naming_its_sheet_and_row(
        make_site: MakeSite, run: Run) -> None:
    # as every problem in a workbook is named: the sheet and the row Excel shows
    from tests.test_workbooks import workbook

    rows: list[list[str | None]] = [
        ["name", "role", "since"], ["Uwimana Jeanne d’Arc", "Teller", "2015"],
        [None, None, None], ["Habimana Éric", "Agent", "2010"]]
    site = make_site({"content/honour-roll/kigali.xlsx": workbook({"Awards": rows})})
    outcome = run(site, "add", "honour", "Habimana Eric")
    assert outcome.exit_code == 1
    assert outcome.lines == [
        'content/honour-roll/kigali.xlsx: sheet "Awards", row 4: Habimana Éric is already on '
        "the honour roll in this workbook; edit that row instead of adding a file: two "
        "entries would publish them twice. If this is another person with the same name, add "
        "them with a title that tells the two apart, like \"Habimana Éric (Harare)\", then "
        "change `name:` in the new file. Nothing was written"]


@pytest.mark.parametrize(("kind", "title", "refused"), [
    ("page", "About", "content/pages/who.md:3: this file already has the address about/ (its "
     "`slug`), which the new file would have too; edit it instead, or choose another title. "
     "Nothing was written"),
    ("testimonial", "Rudo", "content/testimonials/story.md:3: this file already has the "
     "address testimonials/rudo/ (its `slug`)"),
    ("honour", "farai  MOYÓ", "content/honour-roll/fm.md:2: Farai Moyo is already on the "
     "honour roll in this file; edit it instead of adding one"),
])
def test_add_refuses_what_a_file_of_another_name_already_is(
        make_site: MakeSite, run: Run, kind: str, title: str, refused: str) -> None:
    # the file names differ, so nothing would be overwritten, but the build would refuse
    # two entries at one address (or publish Farai twice)
    site = make_site({
        "content/pages/who.md": "---\ntitle: Who we are\nslug: about\n---\nUs.\n",
        "content/testimonials/story.md": "---\ncustomer: Rudo M.\nslug: rudo\n---\nKind.\n",
        "content/honour-roll/fm.md": "---\nname: Farai Moyo\n---\nStar.\n"})
    before = snapshot(site)
    outcome = run(site, "add", kind, title)
    assert outcome.exit_code == 1
    assert outcome.stderr.startswith(refused), outcome.stderr
    assert snapshot(site) == before
    assert run(site, "build", *AS_OF).exit_code == 0


def test_add_refuses_a_testimonial_at_a_csv_rows_address(make_site: MakeSite, run: Run) -> None:
    site = make_site({"content/testimonials/survey.csv":
                      "customer,text\nAna,Hi\nMrs E. Hove,Kind\n"})
    outcome = run(site, "add", "testimonial", "Mrs E Hove")
    assert outcome.exit_code == 1
    assert outcome.stderr.splitlines() == [
        "content/testimonials/survey.csv:3: Mrs E. Hove already has a testimonial in this file "
        "(row 3), at the address testimonials/mrs-e-hove/; edit that row instead of adding a "
        "file. For another story from them, add it with a title that tells the two apart, like "
        "\"Mrs E. Hove (2)\", then change `customer:` in the new file. Nothing was written"]
    assert run(site, "add", "testimonial", "Ana B.").exit_code == 0


def test_examples_in_a_new_file_are_from_the_sites_own_week(make_site: MakeSite, run: Run) -> None:
    # 2027's week is 4-8 October; no example may name 2026
    site = make_site({"config.toml": "[site]\ntitle = \"T\"\n[week]\nyear = 2027\n"})
    for args in (("testimonial", "Rudo M."), ("honour", "Farai Moyo"),
                 ("day", "Superhero Tuesday", "--day", "tue"), ("page", "{{ year }} FAQ")):
        assert run(site, "add", *args).exit_code == 0
    written = {p.name: p.read_text("utf-8") for p in (site / "content").rglob("*.md")}
    assert not [name for name, text in written.items() if "2026" in text]
    assert "like 2027-10-06\n" in written["rudo-m.md"]  # publish: a day in the week
    assert "like 2027-09-13\n" in written["rudo-m.md"]  # consent: before it
    assert written["farai-moyo.md"].startswith("---\n# Someone on the 2027 honour roll.")
    assert "like 2027-10-05 (within the week)" in written["superhero-tuesday.md"]
    assert "# or the weekday, like tuesday\n" in written["superhero-tuesday.md"]
    assert 'title: "{{ year }} FAQ"' in written["year-faq.md"]  # a title is written as given
    assert run(site, "build", "--as-of", "2027-10-05").exit_code == 0


def test_the_kind_may_be_typed_in_capitals(make_site: MakeSite, run: Run) -> None:
    """`cswgen add Honour "Ann Lee"`, as a sentence would have it, is `add honour`."""
    site = make_site()
    outcome = run(site, "add", "Honour", "Ann Lee")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.strip() == "content/honour-roll/ann-lee.md"
