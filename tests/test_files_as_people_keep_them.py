"""Content as a comms team really writes it: record-keeping notes in `consent`, values
pasted from Word with curly quotes, times written 9.00, front matter missing or fenced
with Word's dashes, YAML typos, and the example text `cswgen add` leaves in a new file.

Each test builds a small site with the real command line and the built-in theme, and
asserts what the user reads: the published page, or the exact `path:line: message`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.helpers import AS_OF, MINIMAL_CONFIG, MakeSite, Outcome, Run
from tests.photofactory import phone_heic, phone_jpeg

PERSON = {"content/honour-roll/farai-moyo.md": "---\nname: Farai Moyo\nrole: Teller\n---\n"
          "Always kind.\n"}
CONSENT_CONFIG = MINIMAL_CONFIG + "\n[build]\nrequire_consent = true\n"

def built(make_site: MakeSite, run: Run, files: dict[str, str | bytes],
          *args: str) -> tuple[Path, Outcome]:
    site = make_site(files)
    outcome = run(site, "build", *(args or AS_OF))
    assert "Traceback" not in outcome.stdout + outcome.stderr
    return site, outcome


def page(site: Path, relative: str) -> str:
    return (site / "output" / relative).read_text("utf-8")


def problems_of(outcome: Outcome, path: str) -> list[str]:
    return [line for line in outcome.lines if line.startswith(path + ":")]


# --- consent: a note is a record, never a reason to stop the build -------------------------

NOTE = "written, form on file (comms, 15 Sept)"
WITH_NOTE = f"---\ncustomer: Rudo M.\nconsent: {NOTE}\n---\nThe branch staff were kind.\n"


def test_a_consent_note_is_accepted_as_it_is(make_site: MakeSite, run: Run) -> None:
    site, outcome = built(make_site, run, {"content/testimonials/rudo.md": WITH_NOTE})
    assert outcome.exit_code == 0, outcome.stderr
    assert "The branch staff were kind." in page(site, "testimonials/rudo/index.html")
    assert not problems_of(outcome, "content/testimonials/rudo.md")


def test_consent_false_is_a_no_even_without_require_consent(make_site: MakeSite,
                                                             run: Run) -> None:
    site, outcome = built(make_site, run, {
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\nconsent: false\n---\nKind.\n",
        "content/honour-roll/ann.md": "---\nname: Ann Lee\nphoto: ann.jpg\nalt: Ann\n"
                                      "consent: no\n---\n",
        "content/honour-roll/ann.jpg": phone_jpeg(300, 400, orientation=1),
        "content/honour-roll/bo.md": "---\nname: Bo Li\nconsent: false\n---\n"})
    assert outcome.exit_code == 0, outcome.stderr
    assert not (site / "output/testimonials/rudo").exists()
    assert not (site / "output/honour-roll/ann").exists()
    assert (site / "output/honour-roll/bo/index.html").is_file()  # no photo: nothing to refuse
    assert problems_of(outcome, "content/testimonials/rudo.md") == [
        "content/testimonials/rudo.md:3: warning: left out because `consent` is false; once "
        "the customer has agreed to publication, write `consent:` true or the date they "
        "agreed (like 2026-09-14)"]
    assert len(problems_of(outcome, "content/honour-roll/ann.md")) == 1


def test_with_require_consent_a_note_withholds_the_entry_and_quotes_it(
        make_site: MakeSite, run: Run) -> None:
    site, outcome = built(make_site, run, {
        "config.toml": CONSENT_CONFIG, "content/testimonials/rudo.md": WITH_NOTE,
        "content/testimonials/tendai.md": "---\ncustomer: Tendai K.\nconsent: 2026-09-15\n"
                                          "---\nQuick and kind.\n"})
    assert outcome.exit_code == 0, outcome.stderr
    assert not (site / "output/testimonials/rudo").exists()
    assert (site / "output/testimonials/tendai/index.html").is_file()
    assert problems_of(outcome, "content/testimonials/rudo.md") == [
        "content/testimonials/rudo.md:3: warning: left out because [build] require_consent is "
        f"on and `consent` is a note (\"{NOTE}\"), not a yes; once you have checked that the "
        "customer has agreed to publication, write `consent:` true or the date they agreed "
        "(like 2026-09-14), and keep the note in a comment after #"]


def test_praise_for_someone_left_out_for_lack_of_consent_says_so(
        make_site: MakeSite, run: Run) -> None:
    """Not "matches no one; did you mean ...": the name is right, the entry is withheld."""
    site, outcome = built(make_site, run, {
        "config.toml": CONSENT_CONFIG,
        "content/honour-roll/secret.md": "---\nname: Secret Photoperson\nphoto: s.jpg\n"
                                         "alt: Secret\n---\n",
        "content/honour-roll/s.jpg": phone_jpeg(300, 400, orientation=1),
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\nconsent: true\n"
                                        "staff: Secret Photoperson\n---\nKind.\n"})
    assert outcome.exit_code == 0, outcome.stderr
    assert not (site / "output/honour-roll/secret").exists()
    assert problems_of(outcome, "content/testimonials/rudo.md") == [
        "content/testimonials/rudo.md:4: warning: \"Secret Photoperson\" in `staff` is left "
        "out of the honour roll for lack of consent (content/honour-roll/secret.md says why), "
        "so the name is not linked; it will be once that entry records consent"]


def test_praise_for_someone_published_later_says_so(make_site: MakeSite, run: Run) -> None:
    """Not "matches no one; add them to content/honour-roll/": they are there, with a
    `publish` date to come, and the name is linked in a build on or after that date."""
    files: dict[str, str | bytes] = {
        "content/honour-roll/fay.md": "---\nname: Fay Dube\npublish: 2026-10-08\n---\n",
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\nstaff: [Fay Dube]\n---\n"
                                        "Kind.\n"}
    site, outcome = built(make_site, run, files)
    assert outcome.exit_code == 0, outcome.stderr
    assert not (site / "output/honour-roll/fay-dube").exists()
    assert problems_of(outcome, "content/testimonials/rudo.md") == [
        "content/testimonials/rudo.md:3: warning: \"Fay Dube\" in `staff` is on the honour "
        "roll from 2026-10-08 (the `publish` date of content/honour-roll/fay.md), so the name "
        "is not linked; it will be in a build on or after that date"]
    site, outcome = built(make_site, run, files, "--as-of", "2026-10-08")
    assert outcome.lines == []
    assert 'href="../../honour-roll/fay/"' in \
        (site / "output/testimonials/rudo/index.html").read_text("utf-8")


def test_a_link_to_a_story_left_out_for_lack_of_consent_says_so(
        make_site: MakeSite, run: Run) -> None:
    """Not "a draft, or its publish date is later": the story is withheld, and the link's
    warning points at the reason, which can change from build to build (the cache too)."""
    files: dict[str, str | bytes] = {
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\nconsent: false\n---\nKind.\n",
        "content/pages/thanks.md": "---\ntitle: Thanks\n---\nRead [Rudo's story](../"
                                   "testimonials/rudo.md).\n"}
    site, outcome = built(make_site, run, files)
    assert outcome.exit_code == 0, outcome.stderr
    assert problems_of(outcome, "content/pages/thanks.md") == [
        "content/pages/thanks.md:4: warning: the link to ../testimonials/rudo.md goes to "
        "content/testimonials/rudo.md, which is left out for lack of consent (its own warning "
        "says why); the link will not work until it is published"]
    (site / "content/testimonials/rudo.md").write_text(
        "---\ncustomer: Rudo M.\ndraft: true\n---\nKind.\n", "utf-8")
    again = run(site, "build", *AS_OF)
    assert "a draft, or its `publish` date is later" in "\n".join(
        problems_of(again, "content/pages/thanks.md"))


def test_a_consent_date_that_does_not_exist_is_still_an_error(
        make_site: MakeSite, run: Run) -> None:
    _, outcome = built(make_site, run, {
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\nconsent: 2026-09-31\n---\nHi\n"})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/testimonials/rudo.md") == [
        "content/testimonials/rudo.md:3: `consent` is 2026-09-31, a date that does not exist; "
        "check the month and day (dates are YYYY-MM-DD)"]


# --- Word's curly quotes ---------------------------------------------------------------------

def test_values_in_curly_quotes_are_read_without_them(make_site: MakeSite, run: Run) -> None:
    site, outcome = built(make_site, run, {**PERSON, "content/testimonials/rudo.md":
                                           "---\ncustomer: “Rudo M.”\nstaff: [“Farai Moyo”]\n"
                                           "---\nThank you.\n"})
    assert outcome.exit_code == 0, outcome.stderr
    story = page(site, "testimonials/rudo/index.html")
    assert "Rudo M." in story and "“Rudo M.”" not in story
    assert 'href="../../honour-roll/farai-moyo/"' in story  # linked: the names now match
    assert problems_of(outcome, "content/testimonials/rudo.md") == [
        "content/testimonials/rudo.md:2: warning: the value of `customer` is wrapped in curly "
        "quotes (“Rudo M.”), as Word types them; it is read as Rudo M., without them (write "
        "straight quotes \"...\" or none to silence this)",
        "content/testimonials/rudo.md:3: warning: item 1 of `staff` is wrapped in curly quotes "
        "(“Farai Moyo”), as Word types them; it is read as Farai Moyo, without them (write "
        "straight quotes \"...\" or none to silence this)"]


def test_a_csv_cell_in_curly_quotes_is_read_without_them(make_site: MakeSite, run: Run) -> None:
    site, outcome = built(make_site, run, {
        "content/testimonials/survey.csv": "customer,text\n“Chipo D.”,Lovely service\n"})
    assert outcome.exit_code == 0, outcome.stderr
    assert "“Chipo D.”" not in page(site, "testimonials/chipo-d/index.html")
    assert problems_of(outcome, "content/testimonials/survey.csv") == [
        "content/testimonials/survey.csv:2: warning: the cell of `customer` is wrapped in curly "
        "quotes (“Chipo D.”), as Word types them; it is read as Chipo D., without them (write "
        "straight quotes \"...\" or none to silence this)"]


def test_a_staff_name_that_differs_only_by_a_stray_quote_says_so(
        make_site: MakeSite, run: Run) -> None:
    _, outcome = built(make_site, run, {**PERSON, "content/testimonials/rudo.md":
                                        "---\ncustomer: Rudo M.\nstaff: [“Farai Moyo]\n"
                                        "---\nThank you.\n"})
    assert outcome.exit_code == 0, outcome.stderr
    assert problems_of(outcome, "content/testimonials/rudo.md") == [
        "content/testimonials/rudo.md:3: warning: \"“Farai Moyo\" in `staff` matches no one on "
        "the honour roll; it matches \"Farai Moyo\" but for the quotes around or in it; "
        "remove them"]


def test_a_quotation_inside_a_value_is_kept(make_site: MakeSite, run: Run) -> None:
    site, outcome = built(make_site, run, {"content/testimonials/rudo.md":
                                           "---\ncustomer: Rudo M.\ntitle: “Kind” and “quick”\n"
                                           "---\nThank you.\n"})
    assert outcome.exit_code == 0, outcome.stderr
    assert "“Kind” and “quick”" in page(site, "testimonials/rudo/index.html")
    assert not problems_of(outcome, "content/testimonials/rudo.md")


# --- times as people write them ---------------------------------------------------------------

DAY = """\
---
title: Superhero Tuesday
day: tuesday
events:
  - time: 9.00
    end: 10.30
    title: Breakfast with the branch
  - time: 2:30 pm
    end: 15h15
    title: Customer panel
---
Capes optional.
"""


def test_times_written_with_a_point_or_am_pm_are_clock_times(make_site: MakeSite, run: Run) -> None:
    site, outcome = built(make_site, run, {"content/days/tuesday.md": DAY})
    assert outcome.exit_code == 0, outcome.stderr
    ics = page(site, "week.ics")
    for stamp in ("T090000", "T103000", "T143000", "T151500"):
        assert f"DTSTART;TZID=Africa/Harare:20261006{stamp}" in ics \
            or f"DTEND;TZID=Africa/Harare:20261006{stamp}" in ics, stamp
    day = page(site, "days/tuesday/index.html")
    assert "09:00" in day and "14:30" in day and "9.0<" not in day


def test_whole_hours_written_the_french_way_are_clock_times(make_site: MakeSite,
                                                            run: Run) -> None:
    """In Paris 9 o'clock is written 9h, and 9h to 11h 9h-11h: 9h00 was read, 9h was "must
    be a time written HH:MM"."""
    site, outcome = built(make_site, run, {"content/days/mardi.md": (
        "---\ntitle: Mardi des héros\nday: tuesday\nevents:\n  - time: 9h\n    end: 11h\n"
        "    title: Accueil\n  - time: 14 h\n    end: 15h30\n    title: Quiz\n---\n")})
    assert outcome.exit_code == 0, outcome.stderr
    ics = page(site, "week.ics")
    for line in ("DTSTART;TZID=Africa/Harare:20261006T090000",
                 "DTEND;TZID=Africa/Harare:20261006T110000",
                 "DTSTART;TZID=Africa/Harare:20261006T140000",
                 "DTEND;TZID=Africa/Harare:20261006T153000"):
        assert line in ics, line


def test_a_weekday_in_the_sites_own_language_names_the_day(make_site: MakeSite,
                                                             run: Run) -> None:
    """On a French site `day: mardi` was "not a day of the week; write a weekday like monday",
    though `cswgen add day --day mardi` and `cswgen email mardi` both take it."""
    site, outcome = built(make_site, run, {
        "config.toml": MINIMAL_CONFIG.replace("[week]", 'language = "fr"\n\n[week]'),
        "content/days/mardi.md": "---\ntitle: Mardi des héros\nday: Mardi\n---\n",
        "content/days/jeudi.md": "---\ntitle: Jeudi rétro\nday: jeu.\n---\n",
        "content/days/vendredi.md": "---\ntitle: Vendredi\nday: Friday\n---\n"})
    assert outcome.exit_code == 0, outcome.stderr
    assert "mardi 6 octobre 2026" in page(site, "days/mardi/index.html")
    assert "jeudi 8 octobre 2026" in page(site, "days/jeudi/index.html")
    assert "vendredi 9 octobre 2026" in page(site, "days/vendredi/index.html")


def test_an_impossible_time_is_one_error_that_quotes_it(make_site: MakeSite, run: Run) -> None:
    broken = DAY.replace("time: 9.00", "time: 24:30")
    _, outcome = built(make_site, run, {"content/days/tuesday.md": broken})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/days/tuesday.md") == [
        "content/days/tuesday.md:5: `time` is 24:30, which is not a time of day; write a time "
        "from 00:00 to 23:59 on the 24-hour clock, like 14:30"]


# --- front matter missing, or fenced with Word's dashes --------------------------------------

def test_a_testimonial_without_front_matter_says_what_to_add(make_site: MakeSite, run: Run) -> None:
    _, outcome = built(make_site, run, {"content/testimonials/tendai.md": "Thank you so much.\n"})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/testimonials/tendai.md") == [
        "content/testimonials/tendai.md:1: this file has no front matter, the block of fields "
        "that starts and ends with a line of three hyphens; add these lines at the very top, "
        "each on a line of its own: ---, customer: Rudo M., ---"]


def test_the_front_matter_to_add_fits_the_file(make_site: MakeSite, run: Run) -> None:
    """Every page without front matter was told to add `title: Frequently asked questions`,
    whatever it was about; a day was told `day: tuesday` whatever its name said."""
    _, outcome = built(make_site, run, {
        "content/pages/opening-hours.md": "We open at eight.\n",
        "content/pages/faq.md": "Ask us anything.\n",
        "content/pages/about_CSW.md": "The week.\n",
        "content/days/fun-friday.md": "Games all day.\n",
        "content/days/thursday.md": "Training.\n",
        "content/days/day-2.md": "Capes.\n",
        "content/honour-roll/ann.md": "Always kind.\n"})
    assert outcome.exit_code == 1
    said = ("{}:1: this file has no front matter, the block of fields that starts and ends "
            "with a line of three hyphens; add these lines at the very top, each on a line of "
            "its own: ---, {}, ---")
    assert [line for line in outcome.lines if line.startswith("content/")] == [
        said.format("content/days/day-2.md", "title: Superhero Tuesday, day: tuesday"),
        said.format("content/days/fun-friday.md", "title: Fun Friday, day: friday"),
        said.format("content/days/thursday.md", "title: Superhero Thursday, day: thursday"),
        said.format("content/honour-roll/ann.md", "name: Farai Moyo"),
        said.format("content/pages/about_CSW.md", "title: About CSW"),
        said.format("content/pages/faq.md", "title: Frequently asked questions"),
        said.format("content/pages/opening-hours.md", "title: Opening hours")]


def test_fields_without_fences_say_where_the_fences_go(make_site: MakeSite, run: Run) -> None:
    _, outcome = built(make_site, run, {
        "content/honour-roll/tinashe.md": "name: Tinashe Banda\nrole: Teller\n\nKind.\n"})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/honour-roll/tinashe.md") == [
        "content/honour-roll/tinashe.md:1: the fields at the top of this file are not inside a "
        "front-matter block; add a line with just --- above `name:` and another after the last "
        "field (the text goes below it)"]


def test_fences_typed_as_dashes_in_word_are_named(make_site: MakeSite, run: Run) -> None:
    _, outcome = built(make_site, run, {
        "content/testimonials/chipo.md": "—\ncustomer: Chipo D.\n—\nGreat.\n",
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\n–-\nGreat.\n"})
    assert outcome.exit_code == 1
    # (TextEdit on a Mac makes -- a dash as Word does: "—-")
    dashed = ("(Word, and TextEdit on a Mac, turn --- into a dash as you type); type --- again "
              "in a plain-text editor such as Notepad, or in TextEdit after turning off Edit > "
              "Substitutions > Smart Dashes")
    assert problems_of(outcome, "content/testimonials/chipo.md") == [
        "content/testimonials/chipo.md:1: the first line is —, not ---: the front matter must "
        "start and end with a line of exactly three hyphens " + dashed]
    assert problems_of(outcome, "content/testimonials/rudo.md") == [
        "content/testimonials/rudo.md:3: this line is –-, not ---: it looks like the end of the "
        "front matter, which must be a line of exactly --- " + dashed]


def test_a_page_may_start_with_a_dash_in_its_text(make_site: MakeSite, run: Run) -> None:
    site, outcome = built(make_site, run, {
        "content/index.md": "— and thank you to every customer.\n\nWelcome.\n"})
    assert outcome.exit_code == 0, outcome.stderr
    assert "thank you to every customer" in page(site, "index.html")


def test_front_matter_below_an_empty_line_or_indented_is_still_front_matter(
        make_site: MakeSite, run: Run) -> None:
    """Left as text, the fields were published: `title: Welcome` as a heading on the home
    page, the policy's fields as a paragraph, and a page was said to have no front matter."""
    site, outcome = built(make_site, run, {
        "content/index.md": "\n---\ntitle: Welcome\n---\nHello from the branch.\n",
        "content/policy.md": "  ---\r\nversion: 2\r\n---\r\nBe kind.\r\n",
        "content/pages/faq.md": "\n\n+++\ntitle = \"Questions\"\n+++\nAsk us.\n",
        "content/testimonials/rudo.md": "\n---\ncustomer: Rudo M.\nrating: 9\n---\nHi\n"})
    assert outcome.exit_code == 1
    moved = ("warning: the {} that starts the front matter is {}, not at the very start of "
             "the file; it is read as front matter all the same, but delete {} to silence this")
    assert problems_of(outcome, "content/index.md") == [
        "content/index.md:2: " + moved.format("---", "below an empty line",
                                              "the empty line above it")]
    assert problems_of(outcome, "content/pages/faq.md") == [
        "content/pages/faq.md:3: " + moved.format("+++", "below 2 empty lines",
                                                  "the empty lines above it")]
    assert problems_of(outcome, "content/policy.md") == [
        "content/policy.md:1: " + moved.format("---", "after spaces", "the spaces before it")]
    assert problems_of(outcome, "content/testimonials/rudo.md") == [
        "content/testimonials/rudo.md:4: `rating` must be a whole number from 1 to 5, not 9",
        "content/testimonials/rudo.md:2: " + moved.format("---", "below an empty line",
                                                          "the empty line above it")]
    (site / "content/testimonials/rudo.md").write_text(
        "\n---\ncustomer: Rudo M.\nrating: 5\n---\nHi\n")
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    home = page(site, "index.html")
    assert "Hello from the branch." in home and "title: Welcome" not in home
    policy = page(site, "policy/index.html")
    assert "Be kind." in policy and "version: 2" not in policy
    assert "<h1>Questions</h1>" in page(site, "faq/index.html")
    assert "Rudo M." in page(site, "testimonials/rudo/index.html")


# --- YAML mistakes, on the right line, in plain words ----------------------------------------

def test_a_word_yaml_takes_for_yes_or_no_is_text_in_a_text_field(make_site: MakeSite,
                                                                  run: Run) -> None:
    """YAML 1.1 reads No, Yes, ON and OFF as true or false: `dress_code: No` was "must be
    text, not false", naming a word nobody typed.  A text field reads the word as written;
    a yes/no field still reads yes as yes."""
    site, outcome = built(make_site, run, {
        "content/days/monday.md": "---\ntitle: Casual Monday\nday: monday\ndress_code: No\n"
                                  "events:\n  - time: 10:00\n    title: Quiz\n"
                                  "    place: OFF\n---\nHi\n",
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\nlocation: ON\n"
                                        "featured: yes\n---\nKind staff.\n",
        "content/pages/faq.md": "---\ntitle: Yes\nmenu: 1\n---\nWe can.\n"})
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == []
    monday = page(site, "days/monday/index.html")
    assert "Dress code</h2>\n<p>No</p>" in monday
    assert "</span>OFF</p>" in monday
    assert '<span class="attribution__detail">, ON</span>' in page(
        site, "testimonials/rudo/index.html")
    assert "Kind staff." in page(site, "index.html")  # featured: yes is still a yes
    assert "<h1>Yes</h1>" in page(site, "faq/index.html")


def test_an_unclosed_quote_is_reported_where_it_opens(make_site: MakeSite, run: Run) -> None:
    _, outcome = built(make_site, run, {"content/days/tuesday.md":
                                        "---\ntitle: \"Superhero Tuesday\nday: tuesday\n"
                                        "summary: Capes on\n---\nHi\n"})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/days/tuesday.md") == [
        "content/days/tuesday.md:2: the front matter is not valid YAML: the quote \" opened on "
        "this line is never closed; add a closing \" at the end of the value (a value with a "
        "\" inside it goes in ' quotes instead)"]


def test_a_quote_inside_a_quoted_value_is_explained(make_site: MakeSite, run: Run) -> None:
    _, outcome = built(make_site, run, {"content/testimonials/rudo.md":
                                        "---\ncustomer: Rudo M.\ntitle: 'It's the best'\n"
                                        "---\nHi\n"})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/testimonials/rudo.md") == [
        "content/testimonials/rudo.md:3: the front matter is not valid YAML: the value starts "
        "with a ' quote that closes before its end (a ' inside the value ends it); put the "
        "whole value in \" quotes instead"]


def test_a_tab_used_for_indenting_says_tab_and_use_spaces(make_site: MakeSite, run: Run) -> None:
    _, outcome = built(make_site, run, {"content/days/tuesday.md":
                                        "---\ntitle: Tuesday\nday: tuesday\nevents:\n"
                                        "  - time: 10:00\n  \ttitle: Talk\n---\nHi\n"})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/days/tuesday.md") == [
        "content/days/tuesday.md:6: the front matter is not valid YAML: this line is indented "
        "with a tab; use spaces instead of tabs (two spaces for each level, as in the lines "
        "around it)"]


def test_an_unclosed_list_is_reported_where_it_opens(make_site: MakeSite, run: Run) -> None:
    _, outcome = built(make_site, run, {"content/testimonials/rudo.md":
                                        "---\ncustomer: Rudo M.\nstaff: [Farai Moyo\n"
                                        "rating: 5\n---\nHi\n"})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/testimonials/rudo.md") == [
        "content/testimonials/rudo.md:3: the front matter is not valid YAML: the [ opened on "
        "this line is never closed; add ] at the end of the list, and separate its items with "
        "commas"]


def test_a_hashtag_after_a_space_is_reported_with_the_quoted_line(
        make_site: MakeSite, run: Run) -> None:
    _, outcome = built(make_site, run, {
        "content/days/monday.md": "---\ntitle: Prize draw #CSW2027\nday: monday\n---\nHi\n",
        "content/days/tuesday.md": "---\ntitle: Heroes\nsummary: #CSW2027 starts with heroes"
                                   "\nday: tuesday\n---\nHi\n",
        "content/days/kickoff.md": "---\nday: wednesday\ntitle: #CSW2027 kick-off\n---\nHi\n",
        "content/days/thursday.md": "---\n# a note of our own\ntitle: 'Quiz #2'\n"
                                    "summary: Quiz#2 and more\nday: thursday\n---\nHi\n"})
    assert outcome.exit_code == 1
    why = "because front matter reads a # after a space as the start of a comment"
    assert problems_of(outcome, "content/days/kickoff.md") == [
        f"content/days/kickoff.md:3: `title` is required but is read as empty, {why}; put the "
        "whole value in quotes: title: \"#CSW2027 kick-off\""]
    assert problems_of(outcome, "content/days/monday.md") == [
        f"content/days/monday.md:2: warning: `title` is cut short to \"Prize draw\", {why}; "
        "put the whole value in quotes: title: \"Prize draw #CSW2027\" (or, if the # starts a "
        "note, put the note on a line of its own)"]
    assert problems_of(outcome, "content/days/tuesday.md") == [
        f"content/days/tuesday.md:3: warning: the value of `summary` is read as empty, {why}; "
        "put the whole value in quotes: summary: \"#CSW2027 starts with heroes\""]
    assert problems_of(outcome, "content/days/thursday.md") == []


# --- characters pasted from Word, a web page or a chat, or typed on other keyboards ---------

NOT_YAML = "the front matter is not valid YAML: "
FROM_WORD = "(often pasted from Word or a web page)"


def test_a_non_breaking_space_is_named_on_its_own_line(make_site: MakeSite, run: Run) -> None:
    _, outcome = built(make_site, run, {
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\nstaff:\n\xa0 - Tawanda "
                                        "Mhlanga\nrating: 5\n---\nThank you.\n",
        "content/testimonials/chipo.md": "---\ncustomer:\xa0Chipo D.\nrating: 5\n---\nHi\n",
        "content/testimonials/tendai.md": "---\ncustomer:\xa0Tendai K.\n---\nHi\n"})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/testimonials/rudo.md") == [
        f"content/testimonials/rudo.md:4: {NOT_YAML}this line starts with a non-breaking space "
        f"{FROM_WORD}; replace it with ordinary spaces"]
    for name in ("chipo", "tendai"):
        assert problems_of(outcome, f"content/testimonials/{name}.md") == [
            f"content/testimonials/{name}.md:2: {NOT_YAML}the space after `customer:` is a "
            f"non-breaking space {FROM_WORD}; delete it and type an ordinary space"]


def test_a_non_breaking_space_inside_a_value_is_text(make_site: MakeSite, run: Run) -> None:
    site, outcome = built(make_site, run, {
        "content/testimonials/rudo.md": "---\ncustomer: Rudo\xa0M.\nrating: 5\n---\nHi\n"})
    assert outcome.exit_code == 0, outcome.stderr
    assert "Rudo\xa0M." in page(site, "testimonials/rudo/index.html")
    assert not problems_of(outcome, "content/testimonials/rudo.md")


def test_a_full_width_colon_is_named_on_its_own_line(make_site: MakeSite, run: Run) -> None:
    _, outcome = built(make_site, run, {
        "content/pages/about.md": "---\ntitle: About us\nmenu： 1\nslug: about\n---\nHi\n",
        "content/pages/faq.md": "---\ntitle︰ Questions\nmenu: 2\n---\nHi\n"})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/pages/about.md") == [
        f"content/pages/about.md:3: {NOT_YAML}the colon after `menu` is a full-width colon ：, "
        "as Chinese and Japanese keyboards type it; type an ordinary colon : instead"]
    assert problems_of(outcome, "content/pages/faq.md") == [
        f"content/pages/faq.md:2: {NOT_YAML}the colon after `title` is a full-width colon ︰, "
        "as Chinese and Japanese keyboards type it; type an ordinary colon : instead"]


def test_curly_quotes_around_a_value_with_a_colon_are_read_without_them(
        make_site: MakeSite, run: Run) -> None:
    site, outcome = built(make_site, run, {
        "content/pages/faq.md": "---\ntitle: “FAQ: the basics”\nmenu: 1\n---\nHi\n"})
    assert outcome.exit_code == 0, outcome.stderr
    assert "<title>FAQ: the basics" in page(site, "faq/index.html")
    assert problems_of(outcome, "content/pages/faq.md") == [
        "content/pages/faq.md:2: warning: the value of `title` is wrapped in curly quotes "
        "(“FAQ: the basics”), as Word types them; it is read as FAQ: the basics, without them "
        "(write straight quotes \"...\" or none to silence this)"]


def test_a_curly_quote_that_does_not_close_the_value_says_use_straight_quotes(
        make_site: MakeSite, run: Run) -> None:
    _, outcome = built(make_site, run, {
        "content/pages/faq.md": "---\ntitle: “FAQ: the basics\nmenu: 1\n---\nHi\n"})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/pages/faq.md") == [
        f"content/pages/faq.md:2: {NOT_YAML}the value of `title` starts with a curly quote “, "
        "as Word types it, but front matter reads only straight quotes; put the whole value in "
        "straight quotes: title: \"FAQ: the basics\""]


def test_an_invisible_character_in_a_field_name_is_left_out(make_site: MakeSite, run: Run) -> None:
    site, outcome = built(make_site, run, {
        "content/pages/contact.md": "---\ntitle: Contact us\n\u200bmenu: 1\n---\nHi\n",
        "content/pages/hours.md": "---\ntitle: Opening hours\n\ufeffmenu: 2\n---\nHi\n",
        "content/pages/map.md": "---\ntitle: Find us\nme\u200bnu\u200b: 3\n---\nHi\n"})
    assert outcome.exit_code == 0, outcome.stderr
    home = page(site, "index.html")
    assert '<a href="contact/">Contact us</a>' in home  # in the menu: `menu` was read
    assert '<a href="hours/">Opening hours</a>' in home
    assert problems_of(outcome, "content/pages/contact.md") == [
        "content/pages/contact.md:3: warning: there is an invisible character (zero-width "
        "space) before `menu`, often pasted from a web page or a chat; it is read as `menu`, "
        "but delete the character (or type the name again) to silence this"]
    assert problems_of(outcome, "content/pages/hours.md") == [
        "content/pages/hours.md:3: warning: there is an invisible character (byte-order mark) "
        "before `menu`, often pasted from a web page or a chat; it is read as `menu`, but "
        "delete the character (or type the name again) to silence this"]
    assert problems_of(outcome, "content/pages/map.md") == [
        "content/pages/map.md:3: warning: there is an invisible character (zero-width space) "
        "in `menu`, often pasted from a web page or a chat; it is read as `menu`, but delete "
        "the character (or type the name again) to silence this"]


def test_a_non_breaking_space_before_a_colon_as_french_word_types_it_is_left_out(
        make_site: MakeSite, run: Run) -> None:
    site, outcome = built(make_site, run, {
        "content/days/mardi.md": "---\ntitle\u00a0: Mardi des héros\nday\u202f: tuesday\n"
                                 "events:\n  - time\u00a0\u00a0: 10:00\n    title: Accueil\n---\n",
        "content/testimonials/rudo.md": "---\ncustomer \u00a0: Rudo M.\n---\nMerci.\n"})
    assert outcome.exit_code == 0, outcome.stderr
    assert "Mardi des héros" in page(site, "days/mardi/index.html")
    assert "Rudo M." in page(site, "testimonials/rudo/index.html")
    said = ("warning: there is a {} between `{}` and its colon (Word types one there when it "
            "is set to French); it is read as `{}`, but delete the space to silence this")
    assert outcome.lines == [
        "content/days/mardi.md:2: " + said.format("non-breaking space", "title", "title"),
        "content/days/mardi.md:3: " + said.format("narrow non-breaking space", "day", "day"),
        "content/days/mardi.md:5: " + said.format("non-breaking space", "time", "time"),
        "content/testimonials/rudo.md:2: " + said.format("non-breaking space", "customer",
                                                          "customer")]


def test_a_copy_named_as_windows_or_macos_names_it_is_pointed_out(make_site: MakeSite,
                                                                  run: Run) -> None:
    """A backup made before an edit, or a file copied to start another, was published
    with no word: the FAQ twice in the menu, a person twice on the honour roll."""
    faq = "---\ntitle: FAQ\nmenu: 1\n---\nQ\n"
    site, outcome = built(make_site, run, {
        **PERSON, "content/honour-roll/farai-moyo copy.md": PERSON[
            "content/honour-roll/farai-moyo.md"],
        "content/pages/faq.md": faq, "content/pages/faq - Copy.md": faq,
        "content/pages/faq - Copy (2).md": faq, "content/pages/Copy of faq.md": faq,
        "content/pages/faq (1).md": faq,
        "content/pages/holiday (2026).md": "---\ntitle: Holiday hours\n---\nQ\n",  # no copy
        "content/images/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "content/images/logo - Copy.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    assert outcome.exit_code == 0, outcome.stderr
    said = ("warning: is named as a copy of {}, as Windows or macOS names a copy, so it is "
            "published as well as that file; if it is a backup, move it out of content/ (or "
            "into a folder whose name starts with _, which is never published); if it is "
            "meant to be published, give it a name of its own")
    assert outcome.lines == [
        "content/honour-roll/farai-moyo copy.md: " + said.format("farai-moyo.md"),
        "content/pages/Copy of faq.md: " + said.format("faq.md"),
        "content/pages/faq (1).md: " + said.format("faq.md"),
        "content/pages/faq - Copy (2).md: " + said.format("faq.md"),
        "content/pages/faq - Copy.md: " + said.format("faq.md")]
    assert (site / "output/holiday-2026/index.html").is_file()


# --- lists kept in other forms are never published as they are ------------------------------

LISTS = ["testimonials/staff-list.tsv", "testimonials/staff-list - Copy.csv.txt",
         "honour-roll/staff.ods", "honour-roll/staff.numbers", "honour-roll/staff.csv.bak"]


def test_lists_not_saved_as_csv_or_xlsx_are_withheld_with_a_warning(make_site: MakeSite,
                                                                   run: Run) -> None:
    """SPEC: an HR export may hold columns nobody should publish."""
    files: dict[str, str | bytes] = {f"content/{name}": "name\tsalary\nFarai Moyo\t1200\n"
                                     for name in LISTS}
    files["content/testimonials/rudo.jpg"] = b"\xff\xd8\xff not read"  # photos stay
    files["content/honour-roll/rules.pdf"] = b"%PDF-1.4"
    files["content/testimonials/card.2027.old.pdf"] = b"%PDF-1.4"  # a PDF, whatever its dots
    site, outcome = built(make_site, run, files)
    assert outcome.exit_code == 0, outcome.stderr
    for name in LISTS:
        assert not (site / "output" / name).exists(), name
        [line] = problems_of(outcome, f"content/{name}")
        assert line.startswith(f"content/{name}: warning: is not published"), line
        assert "reads only Markdown, .csv and .xlsx" in line, line
        assert "save it as CSV UTF-8 (.csv) or as an Excel Workbook (.xlsx)" in line
    assert (site / "output/testimonials/rudo.jpg").is_file()
    assert (site / "output/honour-roll/rules.pdf").is_file()
    assert (site / "output/testimonials/card.2027.old.pdf").is_file()


def test_a_list_kept_in_a_people_folder_further_down_is_withheld(make_site: MakeSite,
                                                                 run: Run) -> None:
    """Last year's testimonials moved to content/archive/testimonials/old.csv were published
    as they were, every column with them (email addresses, consent notes); a PDF there, or
    a CSV download elsewhere, still is."""
    old = "customer,email,text\r\nRudo M.,rudo@example.com,Thanks.\r\n"
    site, outcome = built(make_site, run, {
        **PERSON, "content/archive/testimonials/old.csv": old,
        "content/2026/honour-roll/nomination.docx": b"PK\x03\x04 Word",
        "content/archive/testimonials/programme.pdf": b"%PDF-1.4",
        "content/downloads/branch-hours.csv": "branch,opens\r\nMsasa,08:00\r\n"})
    assert outcome.exit_code == 0, outcome.stderr
    assert not (site / "output/archive/testimonials/old.csv").exists()
    assert not (site / "output/2026/honour-roll/nomination.docx").exists()
    assert problems_of(outcome, "content/archive/testimonials/old.csv") == [
        "content/archive/testimonials/old.csv: warning: is not published: it is in "
        "content/archive/testimonials/, which cswgen does not read (only "
        "content/testimonials/ itself), and a list or a letter kept there may hold what "
        "nobody should see; to publish its entries, put them in content/testimonials/, and "
        "if it is not for the site, move it out of content/"]
    assert (site / "output/archive/testimonials/programme.pdf").is_file()
    assert (site / "output/downloads/branch-hours.csv").is_file()


def test_letters_and_emails_kept_beside_the_entries_are_withheld(make_site: MakeSite,
                                                                 run: Run) -> None:
    """A customer's letter, a nomination or an email kept beside the entries it concerns
    was published as it was, at testimonials/letter.docx, for anyone to download."""
    site, outcome = built(make_site, run, {
        **PERSON, "content/testimonials/letter from Rudo.docx": b"PK\x03\x04 Word",
        "content/honour-roll/Nomination - Farai.msg": b"\xd0\xcf\x11\xe0 Outlook",
        "content/pages/leave-form.docx": b"PK\x03\x04 a download"})
    assert outcome.exit_code == 0, outcome.stderr
    said = ("warning: is not published: in content/{}/ cswgen reads only Markdown, .csv and "
            ".xlsx files, and a document or email kept here (a letter, a nomination, a consent "
            "form) is a record for the team that may hold what nobody should see; to publish "
            "its words, copy them into a new file (cswgen add {} \"Name\"), and if it is not "
            "for the site, move it out of content/")
    assert outcome.lines == [
        "content/honour-roll/Nomination - Farai.msg: " + said.format("honour-roll", "honour"),
        "content/testimonials/letter from Rudo.docx: " + said.format("testimonials",
                                                                     "testimonial")]
    out = site / "output"
    assert not (out / "testimonials/letter from Rudo.docx").exists()
    assert not (out / "honour-roll/Nomination - Farai.msg").exists()
    assert (out / "pages/leave-form.docx").is_file()  # a download, as any other file


def test_a_markdown_file_saved_with_txt_added_says_so(make_site: MakeSite, run: Run) -> None:
    site, outcome = built(make_site, run, {
        "content/pages/events.md.txt": "---\ntitle: Events\n---\nOur events.\n"})
    assert outcome.exit_code == 0, outcome.stderr
    assert not (site / "output/pages/events.md.txt").exists()
    assert ('content/pages/events.md.txt: warning: "events.md.txt" looks like a Markdown file '
            'saved with an extra .txt at the end (Notepad adds it), so it is not a page and is '
            'not published; rename it to "events.md"') in outcome.stderr


def test_a_markdown_file_textedit_saved_as_txt_is_not_published(make_site: MakeSite,
                                                                run: Run) -> None:
    """TextEdit on a Mac saves plain text as `faq.txt`.  A page written so was published
    as its source at pages/faq.txt, without a word; in testimonials/ it was told to be
    saved as a CSV file.  A .txt file that starts with front matter is a Markdown file
    under the wrong name; any other .txt file is a download, published as it is."""
    site, outcome = built(make_site, run, {
        "content/pages/faq.txt": "---\ntitle: FAQ\n---\nAsk us.\n",
        "content/testimonials/wanjiku.txt": "\ufeff---\r\ncustomer: Wanjiku\r\n---\r\nKind.\r\n",
        "content/downloads/programme.txt": "Monday: breakfast\n---\nTuesday: capes\n"})
    assert outcome.exit_code == 0, outcome.stderr
    said = ("starts with front matter, so it is meant as a Markdown file, but its name ends "
            "in .txt, as TextEdit and Notepad save a file; it is not a page and is not "
            "published: rename it to \"{}\" (on a Mac: select it in Finder, File > Get Info, "
            "Name & Extension)")
    assert outcome.lines == [
        'content/pages/faq.txt:1: warning: "faq.txt" ' + said.format("faq.md"),
        'content/testimonials/wanjiku.txt:1: warning: "wanjiku.txt" '
        + said.format("wanjiku.md")]
    out = site / "output"
    assert not (out / "pages/faq.txt").exists() and not (out / "testimonials/wanjiku.txt").exists()
    assert (out / "downloads/programme.txt").is_file()


# --- the example text of `cswgen add` is never published unnoticed ---------------------------

def test_scaffold_text_left_in_a_new_file_is_reported(make_site: MakeSite, run: Run) -> None:
    site = make_site({**PERSON})
    added = run(site, "add", "testimonial", "Thandi N.")
    assert added.exit_code == 0, added.stderr
    built_ = run(site, "build", *AS_OF)
    assert built_.exit_code == 0, built_.stderr
    placeholder = [line for line in built_.lines if "example text that cswgen add wrote" in line]
    assert placeholder == [
        "content/testimonials/thandi-n.md:19: warning: \"Write the customer's words here, as "
        "they gave them.\" is the example text that cswgen add wrote, and it would be "
        "published as it is; replace it with the real text"]
    # check's readiness: not ready while it is there (an error, said once), --strict or not
    checked = run(site, "check", *AS_OF)
    assert checked.exit_code == 1
    assert "Ready to publish" not in checked.stdout
    said = [line for line in checked.stdout.splitlines() if "cswgen add wrote" in line]
    assert len(said) == 1 and "thandi-n.md:19: \"Write the customer's" in said[0], said
    path = site / "content/testimonials/thandi-n.md"
    path.write_text(path.read_text("utf-8").replace(
        "Write the customer's words here, as they gave them.", "Kind and quick."), "utf-8")
    again = run(site, "build", *AS_OF)
    assert not [line for line in again.lines if "example text" in line]


def test_every_scaffold_leaves_text_that_is_reported(make_site: MakeSite, run: Run) -> None:
    site = make_site({})
    for kind, title, extra in (("honour", "Tinashe Banda", ()), ("page", "Contact us", ()),
                               ("day", "Superhero Tuesday", ("--day", "tuesday"))):
        assert run(site, "add", kind, title, *extra).exit_code == 0
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    reported = {line.split(":")[0] for line in outcome.lines
                if "example text that cswgen add wrote" in line}
    assert reported == {"content/honour-roll/tinashe-banda.md", "content/pages/contact-us.md",
                        "content/days/superhero-tuesday.md"}


# --- examples in messages are dated in the site's own week -----------------------------------

def test_examples_in_messages_use_the_sites_own_year(make_site: MakeSite, run: Run) -> None:
    config = MINIMAL_CONFIG.replace("year = 2026", "year = 2027").replace(
        'title = "Test Week"\n', "") + "start = \"soon\"\n"
    _, outcome = built(make_site, run, {
        "config.toml": config,
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\ndate: last week\n---\nHi\n"},
        "--as-of", "2027-10-05")
    assert outcome.exit_code == 1
    assert "2026" not in outcome.stderr
    assert 'like title = "Customer Service Week 2027" under [site]' in outcome.stderr
    assert "like start = 2027-10-04" in outcome.stderr
    _, outcome = built(make_site, run, {
        "config.toml": MINIMAL_CONFIG.replace("year = 2026", "year = 2027"),
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\ndate: last week\n---\nHi\n"},
        "--as-of", "2027-10-05")
    assert problems_of(outcome, "content/testimonials/rudo.md") == [
        "content/testimonials/rudo.md:3: `date` must be a date written YYYY-MM-DD, like "
        "2027-10-05, not \"last week\""]


def test_the_text_of_a_block_is_the_writers_own(make_site: MakeSite, run: Run) -> None:
    """A non-breaking space or a soft hyphen inside `notes: |` text is text, not a mistake in
    the front matter's shape: it neither takes the blame for another line's error nor is
    taken out."""
    _, outcome = built(make_site, run, {"content/pages/rules.md": (
        "---\ntitle: Rules\nextra_notes: |\n  Rules of the draw\n  \xa0\xa0one entry each\n"
        "summary: Draw: Friday\n---\nHi\n")})
    [line] = problems_of(outcome, "content/pages/rules.md")
    assert line.startswith("content/pages/rules.md:6: the front matter is not valid YAML"), line
    assert "non-breaking" not in line
    _, outcome = built(make_site, run, {"content/pages/hours.md": (
        "---\ntitle: Hours\nextra_notes: |\n  Satur\xaddays: 8 to 12\n---\nHi\n")})
    assert not problems_of(outcome, "content/pages/hours.md")


def test_a_hashtag_in_curly_quotes_gets_straight_ones(make_site: MakeSite, run: Run) -> None:
    _, outcome = built(make_site, run, {
        "content/pages/prize.md": "---\ntitle: \u201cPrize draw #CSW2027\u201d\n---\nWin.\n"})
    [line] = problems_of(outcome, "content/pages/prize.md")
    assert line.endswith('put the whole value in quotes: title: "Prize draw #CSW2027" (or, if '
                         "the # starts a note, put the note on a line of its own)"), line


def test_a_line_that_starts_with_a_hashtag_or_a_number_is_text_not_a_heading(
        make_site: MakeSite, run: Run) -> None:
    """`#1 service in Harare` became the heading "1 service in Harare", and a testimonial's
    closing `#CSW2026 #DreamTeam` a heading without its first #: Python-Markdown alone
    takes any # at the start of a line for a heading."""
    site, outcome = built(make_site, run, {
        "content/testimonials/survey.csv": "customer,text\n"
                                           "Ann B.,\"#1 service in Harare, honestly.\"\n",
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\n---\nThe best branch.\n"
                                        "#CSW2026 #DreamTeam\n\n## What happened\n\n"
                                        "They called back.\n"})
    assert outcome.exit_code == 0, outcome.stderr
    ann = page(site, "testimonials/ann-b/index.html")
    assert "<p>#1 service in Harare, honestly.</p>" in ann
    assert "<h2" not in ann.split('<main')[1].split("</main>")[0]
    rudo = page(site, "testimonials/rudo/index.html")
    assert "<p>The best branch.\n#CSW2026 #DreamTeam</p>" in rudo
    assert '<h2 id="what-happened">What happened</h2>' in rudo  # `#` and a space: a heading


def test_a_file_published_later_clashes_today_not_on_its_morning(make_site: MakeSite,
                                                                 run: Run) -> None:
    """A clash in a file scheduled for later failed the daily rebuild on the morning it
    went live; like its broken links, it is an error today."""
    _, outcome = built(make_site, run, {
        "content/pages/about.md": "---\ntitle: About\n---\nUs.\n",
        "content/pages/zz.md": "---\ntitle: New about\nslug: about\npublish: 2026-10-08\n"
                               "---\nUs, new.\n",
        "content/days/tuesday.md": "---\ntitle: Superhero Tuesday\nday: tue\n---\nHi\n",
        "content/days/zz.md": "---\ntitle: Other Tuesday\nday: tue\npublish: 2026-10-01\n"
                              "---\nHi\n"}, "--as-of", "2026-09-20")
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/pages/zz.md")[0].startswith(
        "content/pages/zz.md:3: this would be published as about/index.html, which "
        "content/pages/about.md also claims")
    assert problems_of(outcome, "content/days/zz.md")[0].startswith(
        "content/days/zz.md:3: content/days/tuesday.md:3 is also Tuesday 6 October 2026")
    assert not problems_of(outcome, "content/pages/about.md")


# --- what Finder and Explorer leave in a folder -----------------------------------------------

JUNK: dict[str, str | bytes] = {
    "content/.DS_Store": b"\x00\x00\x00\x01Bud1" + bytes(64),
    "content/images/._logo.svg": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ",
    "content/Icon\r": b"",  # a folder with a custom icon in Finder
    "content/images/Icon\r": b"",
    "content/images/Thumbs.db": b"\xd0\xcf\x11\xe0" + bytes(64),
    "content/honour-roll/desktop.ini": "[.ShellClassInfo]\r\nIconResource=x\r\n",
    "content/images/Desktop.ini": "[.ShellClassInfo]\r\n",
    "content/images/ehthumbs.db": b"\xd0\xcf\x11\xe0" + bytes(64)}


def test_what_finder_and_explorer_leave_is_neither_an_error_nor_published(
        make_site: MakeSite, run: Run) -> None:
    """`Icon\\r` is how macOS marks a folder with a custom icon: the name cannot be typed,
    renamed or seen in Finder, so an error that says to rename it cannot be acted on."""
    site, outcome = built(make_site, run, {**JUNK, "content/images/logo.svg": "<svg/>"})
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == [line for line in outcome.lines if not line.startswith("content/")]
    published = {p.name for p in (site / "output").rglob("*")}
    assert not published & {"Icon\r", "Thumbs.db", "desktop.ini", "Desktop.ini",
                            "ehthumbs.db", ".DS_Store", "._logo.svg"}
    assert "logo.svg" in published


def test_an_output_folder_looked_at_in_finder_still_builds_and_publishes(
        make_site: MakeSite, run: Run, tmp_path: Path) -> None:
    """Kevin opens output/ in Finder to double-click index.html; Finder writes .DS_Store
    in each folder it shows.  The next build refused output/ as holding "files cswgen did
    not write (.DS_Store, …)", to be moved into content/: files he cannot see.  And a
    page removed since left its folder behind, holding only Finder's file."""
    files: dict[str, str | bytes] = {
        "content/testimonials/ann.md": "---\ncustomer: Ann\n---\nKind.\n",
        "content/testimonials/ben.md": "---\ncustomer: Ben\n---\nQuick.\n"}
    site, outcome = built(make_site, run, files)
    assert outcome.exit_code == 0, outcome.stderr
    web = tmp_path / "web"
    assert run(site, "publish", str(web)).exit_code == 0
    for folder in (site / "output", web):
        (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
        (folder / "testimonials/ben/.DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
        (folder / "testimonials/ben/._index.html").write_bytes(b"\x00\x05\x16\x07")
    (site / "content/testimonials/ben.md").unlink()
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    published = run(site, "publish", str(web))
    assert published.exit_code == 0, published.stderr
    for folder in (site / "output", web):
        assert (folder / "testimonials/ann/index.html").is_file()
        assert not (folder / "testimonials/ben").exists(), folder
        assert (folder / ".DS_Store").is_file()  # (Finder's own, where it is still used)
    # what Finder writes in output/ is not published: not to a folder, nor in a zip
    (site / "output/testimonials/ann/._index.html").write_bytes(b"\x00\x05\x16\x07")
    assert run(site, "publish", str(web)).exit_code == 0
    assert not (web / "testimonials/ann/._index.html").exists()
    assert run(site, "publish", str(tmp_path / "csw.zip")).exit_code == 0
    with zipfile.ZipFile(tmp_path / "csw.zip") as archive:
        assert not [n for n in archive.namelist() if "DS_Store" in n or "/._" in n]


def test_a_download_not_finished_is_never_published(make_site: MakeSite, run: Run) -> None:
    """Kevin downloads the form's answers from Google Sheets straight into
    content/testimonials/.  Until the browser finishes, the file is Chrome's
    `….csv.crdownload` (Firefox's `.part`, Safari's `.download` folder): it was published as
    it was, with every customer's email address in it."""
    half = "Timestamp,Email Address,customer,text\r\n9/28/2027 9:12:45,wanjiku.k@gmail.com,Wanj"
    site, outcome = built(make_site, run, {
        "content/testimonials/Form Responses 1.csv.crdownload": half,
        "content/testimonials/Form Responses 1.csv.part": half,
        "content/testimonials/Form Responses 1.csv.download/Form Responses 1.csv": half,
        "content/downloads/Unconfirmed 412907.crdownload": half})
    assert outcome.exit_code == 0, outcome.stderr
    assert not any("Form Responses" in line or "Unconfirmed" in line for line in outcome.lines)
    assert not [p for p in (site / "output").rglob("*")
                if p.is_file() and b"gmail" in p.read_bytes()]


# --- lists exported from Excel ----------------------------------------------------------------

def test_an_empty_name_cell_says_fill_it_in_and_nothing_else(make_site: MakeSite,
                                                              run: Run) -> None:
    """Not "add a `customer` column" (the column is there), and not a clash over the
    address `testimonials//` that two nameless rows would share."""
    _, outcome = built(make_site, run, {
        "content/testimonials/survey.csv": "customer,text\r\n,Nice\r\n,Good\r\nAda K.,Kind\r\n",
        "content/honour-roll/staff.csv": "\ufeffname;role\r\n;Teller\r\n"})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/testimonials/survey.csv") == [
        f"content/testimonials/survey.csv:{n}: this row's `customer` cell is empty; fill it in "
        "(the name the customer agreed to show, like \"Rudo M.\")" for n in (2, 3)]
    assert problems_of(outcome, "content/honour-roll/staff.csv") == [
        "content/honour-roll/staff.csv:2: this row's `name` cell is empty; fill it in "
        "(the person's name)"]


def test_a_title_above_the_column_names_is_one_error_at_their_line(make_site: MakeSite,
                                                                   run: Run) -> None:
    """Excel's "Save as CSV" keeps a sheet's title row (or an empty first row), and every
    row was then read without a name: an error per row, and a clash over `testimonials//`."""
    _, outcome = built(make_site, run, {
        "content/testimonials/survey.csv": "\ufeff;;\r\ncustomer;text;rating\r\n"
                                           "Ada K.;Nice;5\r\nBea K.;Good;4\r\n",
        "content/honour-roll/staff.csv": "Staff awards 2026,,\r\n\r\nName,Role,Award\r\n"
                                         "Farai Moyo,Teller,Star\r\n"})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/testimonials/survey.csv") == [
        "content/testimonials/survey.csv:2: this line looks like the column names (`customer`, "
        "`text`, `rating`), but they are read from the first line only, so nothing in this "
        "file can be read; delete the line above it (a title can go in the file's name "
        "instead)"]
    assert problems_of(outcome, "content/honour-roll/staff.csv") == [
        "content/honour-roll/staff.csv:3: this line looks like the column names (`Name`, "
        "`Role`, `Award`), but they are read from the first line only, so nothing in this "
        "file can be read; delete the lines above it (a title can go in the file's name "
        "instead)"]



def test_a_title_with_no_separator_does_not_hide_semicolon_columns(make_site: MakeSite,
                                                                   run: Run) -> None:
    """A French Excel export: the title line holds no `;`, and the separator used to be
    guessed from it alone (a comma), so the header below was not recognised either."""
    _, outcome = built(make_site, run, {
        "content/honour-roll/staff.csv": "Staff awards 2026\r\nname;role\r\n"
                                         "Farai Moyo;Teller\r\n"})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/honour-roll/staff.csv") == [
        "content/honour-roll/staff.csv:2: this line looks like the column names (`name`, "
        "`role`), but they are read from the first line only, so nothing in this file can be "
        "read; delete the line above it (a title can go in the file's name instead)"]


# --- photos that no page shows ------------------------------------------------------------------

def test_a_photo_no_page_shows_that_records_its_location_is_named(make_site: MakeSite,
                                                                   run: Run) -> None:
    """SPEC Photos: a phone photo carries the GPS position where it was taken.  A copy
    Explorer made beside the one an entry shows is published as it is, GPS and all."""
    photo = phone_jpeg(600, 800, orientation=1)
    site, outcome = built(make_site, run, {
        "content/honour-roll/ann.md": "---\nname: Ann Lee\nphoto: Ann Lee.JPG\nalt: Ann\n---\n",
        "content/honour-roll/Ann Lee.JPG": photo,
        "content/honour-roll/Ann Lee - Copy.JPG": photo,
        "content/honour-roll/IMG_0412.HEIC": phone_heic(400, 300),  # (AirDropped beside it)
        "content/images/banner.jpg": phone_jpeg(600, 200, orientation=1, location=False)})
    assert outcome.exit_code == 0, outcome.stderr
    assert problems_of(outcome, "content/honour-roll/Ann Lee - Copy.JPG") == [
        "content/honour-roll/Ann Lee - Copy.JPG: warning: is a photo that no page shows, so "
        "it is published as it is, and it records where it was taken (GPS); move it out of "
        "content/ if it is not for the site, or show it in a page (as ![description](...)), "
        "which publishes copies without the location"]
    assert problems_of(outcome, "content/honour-roll/IMG_0412.HEIC") == [
        "content/honour-roll/IMG_0412.HEIC: warning: is a photo that no page shows, so it is "
        "published as it is, and it records where it was taken (GPS); move it out of "
        "content/ if it is not for the site, or show it in a page (as ![description](...)), "
        "which publishes copies without the location"]
    assert not problems_of(outcome, "content/honour-roll/Ann Lee.JPG")  # shown: copies
    assert not problems_of(outcome, "content/images/banner.jpg")  # no location
    assert not (site / "output/honour-roll/Ann Lee.JPG").exists()


@pytest.mark.parametrize("location", [True, False])
def test_a_link_to_an_iphone_photo_is_a_warning_that_few_browsers_show_it(
        make_site: MakeSite, run: Run, location: bool) -> None:
    """A link to an iPhone's HEIC publishes the original, which only Safari shows (the
    others download it), and which usually records where it was taken: the warning says
    which, now that cswgen reads HEIC, and that a picture in the page shows it to all."""
    site, outcome = built(make_site, run, {
        "content/pages/team.md": "---\ntitle: Team\n---\nOur day out.\n\n"
                                 "[The full photo](IMG_0412.HEIC)\n",
        "content/pages/IMG_0412.HEIC": phone_heic(400, 300, location=location)})
    assert outcome.exit_code == 0, outcome.stderr
    assert problems_of(outcome, "content/pages/team.md") == [
        "content/pages/team.md:6: warning: the link to pages/IMG_0412.HEIC publishes the "
        "original iPhone photo (HEIC), which only Safari shows, and it records where it was "
        "taken (GPS); show it with ![description](...) instead, which publishes copies every "
        "browser shows, without the location" if location else
        "content/pages/team.md:6: warning: the link to pages/IMG_0412.HEIC publishes the "
        "original iPhone photo (HEIC), which only Safari shows; show it with "
        "![description](...) instead, which publishes copies every browser shows"]
    assert (site / "output/pages/IMG_0412.HEIC").exists()  # (linked: published, as it says)


# --- dates written as Word and Excel write them ------------------------------------------------

def test_a_date_written_another_way_says_what_to_write(make_site: MakeSite, run: Run) -> None:
    """A date pasted from Word, or exported by Excel in the computer's own format, was
    refused with only the rule; the message now gives the date to write (both, when
    06/10/2026 could be either), and for a list, how to make Excel write it."""
    _, outcome = built(make_site, run, {
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\ndate: 6 Oct 2026\n---\nHi\n",
        "content/testimonials/tino.md": "---\ncustomer: Tino\ndate: 2026–10–06\n---\nHi\n",
        "content/days/tue.md": "---\ntitle: Superhero Tuesday\ndate: 06/10/2026\n---\n",
        "content/testimonials/survey.csv": "customer,text,date\r\nAda K.,Hi,13/10/2026\r\n"
                                           "Bea K.,Hi,46301\r\nCat K.,Hi,last week\r\n"})
    assert outcome.exit_code == 1
    rule = "must be a date written YYYY-MM-DD, like 2026-10-06, not"
    excel = ("; in Excel, select the column, choose Format Cells > Custom, type yyyy-mm-dd "
             "and save the file again (in Google Sheets: Format > Number > Custom number "
             "format, type yyyy-mm-dd, then download it again)")
    assert problems_of(outcome, "content/testimonials/rudo.md") == [
        f"content/testimonials/rudo.md:3: `date` {rule} \"6 Oct 2026\"; write 2026-10-06"]
    assert problems_of(outcome, "content/testimonials/tino.md") == [
        f"content/testimonials/tino.md:3: `date` {rule} \"2026–10–06\"; write 2026-10-06"]
    assert problems_of(outcome, "content/days/tue.md") == [
        f"content/days/tue.md:3: `date` {rule} \"06/10/2026\"; write 2026-10-06 for "
        "6 October or 2026-06-10 for 10 June"]
    assert problems_of(outcome, "content/testimonials/survey.csv") == [
        f"content/testimonials/survey.csv:2: `date` {rule} \"13/10/2026\"; write 2026-10-13"
        + excel,
        f"content/testimonials/survey.csv:3: `date` {rule} \"46301\", which is Excel's (and "
        "Google Sheets') number for 2026-10-06 (the cell is not formatted as a date)" + excel,
        f"content/testimonials/survey.csv:4: `date` {rule} \"last week\""]


def test_a_date_with_its_time_says_to_write_the_date_alone(make_site: MakeSite,
                                                            run: Run) -> None:
    """A date copied from Outlook or an Excel cell with its time was refused with the rule
    alone, which the writer thought they had followed: YYYY-MM-DD is there."""
    _, outcome = built(make_site, run, {
        "content/pages/prize.md": "---\ntitle: Prize draw\npublish: 2026-10-05 08:00\n---\n",
        "content/testimonials/survey.csv": "customer,text,date\r\n"
                                           "Ada K.,Hi,2026-09-14 14:32:05\r\n"
                                           # a Google Form's Timestamp column, renamed
                                           "Ben O.,Hi,9/28/2026 9:12:45\r\n"
                                           "Cat W.,Hi,10/3/2026 14:05:22\r\n"})
    assert outcome.exit_code == 1
    rule = "must be a date written YYYY-MM-DD, like 2026-10-06, not"
    excel = ("; in Excel, select the column, choose Format Cells > Custom, type yyyy-mm-dd "
             "and save the file again (in Google Sheets: Format > Number > Custom number "
             "format, type yyyy-mm-dd, then download it again)")
    assert problems_of(outcome, "content/pages/prize.md") == [
        f"content/pages/prize.md:3: `publish` {rule} \"2026-10-05 08:00\"; write the date "
        "alone, 2026-10-05 (a date has no time of day here)"]
    assert problems_of(outcome, "content/testimonials/survey.csv") == [
        f"content/testimonials/survey.csv:2: `date` {rule} \"2026-09-14 14:32:05\"; write "
        "the date alone, 2026-09-14 (a date has no time of day here)" + excel,
        f"content/testimonials/survey.csv:3: `date` {rule} \"9/28/2026 9:12:45\"; write "
        "the date alone, 2026-09-28 (a date has no time of day here)" + excel,
        f"content/testimonials/survey.csv:4: `date` {rule} \"10/3/2026 14:05:22\"; write "
        "the date alone, 2026-03-10 for 10 March or 2026-10-03 for 3 October (a date has no "
        "time of day here)" + excel]


def test_a_date_with_its_time_in_toml_front_matter_is_refused_as_in_yaml(
        make_site: MakeSite, run: Run) -> None:
    """`publish = 2026-10-05T08:00:00` between +++ lines was read as 5 October with the time
    dropped without a word (the page appeared at midnight, not at eight), while the same
    date and time between --- lines was refused with "write the date alone"."""
    site, outcome = built(make_site, run, {
        "content/pages/prize.md": "+++\ntitle = \"Prize draw\"\npublish = 2026-10-05T08:00:00"
                                  "\n+++\nWin a hamper.\n",
        "content/days/tue.md": "+++\ntitle = \"Superhero Tuesday\"\n"
                               "date = 2026-10-06 09:30:00+02:00\n+++\n"})
    assert outcome.exit_code == 1
    rule = "must be a date written YYYY-MM-DD, like 2026-10-06, not"
    assert problems_of(outcome, "content/pages/prize.md") == [
        f"content/pages/prize.md:3: `publish` {rule} 2026-10-05T08:00:00; write the date "
        "alone, 2026-10-05 (a date has no time of day here)"]
    assert problems_of(outcome, "content/days/tue.md") == [
        f"content/days/tue.md:3: `date` {rule} 2026-10-06T09:30:00+02:00; write the date "
        "alone, 2026-10-06 (a date has no time of day here)"]
    assert not (site / "output").exists()


def test_a_days_date_written_as_its_weekday_or_without_its_year_names_the_fix(
        make_site: MakeSite, run: Run) -> None:
    """`date: Tuesday` or `date: 5 October` in a day's file got the rule alone, though the
    week's dates say what was meant: `day: tuesday`, or the date in the week's year."""
    _, outcome = built(make_site, run, {
        "content/days/mon.md": "---\ntitle: Welcome Monday\ndate: 5 October\n---\n",
        "content/days/tue.md": "---\ntitle: Superhero Tuesday\ndate: Tuesday\n---\n",
        "content/days/wed.md": "+++\ntitle = \"Wellness Wednesday\"\ndate = \"October 7th\"\n+++\n",
        "content/days/thu.md": "---\ntitle: Thank-you Thursday\ndate: Monday 8 Oct\n---\n",
        "content/days/fri.md": "---\ntitle: Fun Friday\ndate: 9 November\n---\n",
        "content/days/sat.md": "---\ntitle: Family Saturday\ndate: Sat\n---\n"})
    assert outcome.exit_code == 1
    rule = "`date` must be a date written YYYY-MM-DD, like 2026-10-06, not"
    assert [line for line in outcome.lines if line.startswith("content/")] == [
        f"content/days/fri.md:3: {rule} \"9 November\"; with the year that is 2026-11-09 "
        "(Monday 9 November 2026), which is outside the week (5–9 October 2026); check the "
        "day and the month",
        f"content/days/mon.md:3: {rule} \"5 October\"; write the whole date, with the year: "
        "2026-10-05",
        f"content/days/sat.md:3: {rule} \"Sat\"; a weekday goes in the `day` field, but "
        "Saturday is not one of the week's days (5–9 October 2026); write one of them, like "
        "day: friday, or change [week] days in config.toml",
        f"content/days/thu.md:3: {rule} \"Monday 8 Oct\"; 8 October 2026 is a Thursday, not "
        "a Monday: write 2026-10-08 for that date, or day: monday in place of `date` for the "
        "week's Monday",
        f"content/days/tue.md:3: {rule} \"Tuesday\"; a weekday goes in the `day` field: "
        "write day: tuesday instead (or date: 2026-10-06)",
        f"content/days/wed.md:3: {rule} \"October 7th\"; write the whole date, with the "
        "year: 2026-10-07"]


def test_a_windows_path_in_double_quotes_says_use_slashes(make_site: MakeSite,
                                                          run: Run) -> None:
    """A path copied from Explorer into "quotes" is read by YAML as escape codes (\\U, \\p);
    the message said the quote was never closed, and the writer added another."""
    _, outcome = built(make_site, run, {
        "content/honour-roll/ann.md": "---\nname: Ann Lee\nrole: Teller\n"
                                      "photo: \"images\\people\\Ann Lee.JPG\"\nalt: Ann\n---\n",
        "content/honour-roll/bo.md": "---\nname: Bo Li\nphoto: \"C:\\Users\\bo\\bo.jpg\"\n"
                                     "alt: Bo\n---\n"})
    assert outcome.exit_code == 1
    message = ("the front matter is not valid YAML: in a value in \" quotes a \\ starts a code "
               "(like \\n for a new line), so a Windows path cannot be read there; write the "
               "path with / instead of \\ (images/people/photo.jpg), or put the value in ' "
               "quotes")
    assert problems_of(outcome, "content/honour-roll/ann.md") == [
        f"content/honour-roll/ann.md:4: {message}"]
    assert problems_of(outcome, "content/honour-roll/bo.md") == [
        f"content/honour-roll/bo.md:3: {message}"]


def test_a_photo_named_in_other_capitals_names_the_file(make_site: MakeSite, run: Run) -> None:
    """Explorer shows `Ann Lee.JPG`, the writer types `ann lee.jpg`: found on Windows, not
    on the Linux server that builds the site, where the message said to check the spelling."""
    _, outcome = built(make_site, run, {
        "content/honour-roll/ann.md": "---\nname: Ann Lee\nphoto: ann lee.jpg\nalt: Ann\n---\n",
        "content/honour-roll/Ann Lee.JPG": phone_jpeg(300, 400, orientation=1),
        "content/honour-roll/bo.md": "---\nname: Bo Li\nphoto: images/BO.jpg\nalt: Bo\n---\n",
        "content/images/bo.jpg": phone_jpeg(300, 400, orientation=1)})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/honour-roll/ann.md") == [
        "content/honour-roll/ann.md:3: `photo` names \"ann lee.jpg\", but there is no such "
        "file next to ann.md or under content/; the file is content/honour-roll/Ann Lee.JPG, "
        "and capitals count on the server that builds the site: "
        "`photo: honour-roll/Ann Lee.JPG`"]
    assert problems_of(outcome, "content/honour-roll/bo.md") == [
        "content/honour-roll/bo.md:3: `photo` names \"images/BO.jpg\", but there is no "
        "such file next to bo.md or under content/; the file is content/images/bo.jpg, and "
        "capitals count on the server that builds the site: `photo: images/bo.jpg`"]


def test_a_photo_in_a_spreadsheet_named_in_other_capitals_says_what_to_type_in_the_cell(
        make_site: MakeSite, run: Run) -> None:
    """An honour roll kept in Excel names `Sam.JPG`; the file is `sam.jpg`.  The fix was
    written as front matter (`photo: honour-roll/sam.jpg`), which is not what goes in a
    spreadsheet's cell; the same for a photo named by its address on the intranet."""
    _, outcome = built(make_site, run, {
        "content/honour-roll/staff.csv": "name,photo,alt\nSam Okafor,Sam.JPG,Sam\n"
                                         "Ana Dube,https://intranet.example/ana.jpg,Ana\n",
        "content/honour-roll/sam.jpg": phone_jpeg(300, 400, orientation=1)})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/honour-roll/staff.csv") == [
        "content/honour-roll/staff.csv:2: `photo` names \"Sam.JPG\", but there is no such "
        "file next to staff.csv or under content/; the file is content/honour-roll/sam.jpg, "
        "and capitals count on the server that builds the site: write honour-roll/sam.jpg "
        "in the `photo` column",
        "content/honour-roll/staff.csv:3: `photo` is an address on another website "
        "(\"https://intranet.example/ana.jpg\"), and pages never load anything from "
        "elsewhere; download the picture, save it next to staff.csv and write ana.jpg in "
        "the `photo` column"]


def test_a_photo_named_by_its_file_address_says_to_copy_it_into_the_site(
        make_site: MakeSite, run: Run) -> None:
    """A photo dragged from Explorer into a browser shows as `file:///C:/Users/...`, and
    that address pasted into `photo:` was "an address on another website ... download
    the picture": it is a file on the writer's own computer, which the site cannot reach."""
    _, outcome = built(make_site, run, {
        "content/honour-roll/ann.md": "---\nname: Ann Lee\n"
                                      "photo: file:///C:/Users/ann/Pictures/Ann%20Lee.jpg\n"
                                      "alt: Ann\n---\n",
        "content/honour-roll/staff.csv": "name,photo,alt\n"
                                         "Bo Li,file:///Users/bo/Desktop/bo.jpg,Bo\n"})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/honour-roll/ann.md") == [
        "content/honour-roll/ann.md:3: `photo` is the address of a file on one computer "
        "(\"file:///C:/Users/ann/Pictures/Ann%20Lee.jpg\"), which the site cannot reach; "
        "copy the picture next to ann.md and write its file name here, like "
        "`photo: Ann Lee.jpg`"]
    assert problems_of(outcome, "content/honour-roll/staff.csv") == [
        "content/honour-roll/staff.csv:2: `photo` is the address of a file on one computer "
        "(\"file:///Users/bo/Desktop/bo.jpg\"), which the site cannot reach; copy the "
        "picture next to staff.csv and write bo.jpg in the `photo` column"]


def test_a_markdown_file_with_another_ending_is_not_published(make_site: MakeSite,
                                                               run: Run) -> None:
    """SPEC: Markdown is never copied.  `notes.mdown` was published as its source."""
    site, outcome = built(make_site, run, {
        "content/pages/events.mdown": "---\ntitle: Events\n---\nInternal: budget R 40 000.\n",
        "content/pages/visitors.MD": "---\ntitle: Visitors\n---\nWelcome.\n"})
    assert outcome.exit_code == 0, outcome.stderr
    assert not (site / "output/pages/events.mdown").exists()
    assert problems_of(outcome, "content/pages/events.mdown") == [
        'content/pages/events.mdown: warning: "events.mdown" is a Markdown file by its ending, '
        "but cswgen reads only .md and .markdown files, so it is not a page and is not "
        'published; rename it to "events.md"']
    assert "Welcome." in page(site, "visitors/index.html")  # .MD is .md


def test_a_form_export_headed_with_its_questions_gets_every_rename_at_once(
        make_site: MakeSite, run: Run) -> None:
    """Google Forms and Microsoft Forms head each column with its question.  The one error
    names every rename the list needs, so one edit of the header row makes it readable;
    columns it does not know (the timestamp) are kept for templates, as any other."""
    form = ("Timestamp,Your name,How would you rate us?,May we publish your comments?,"
            "Comments,Staff member who helped you\r\n"
            "2026/10/05 9:14:03 AM GMT+2,Ann K.,5,Yes,Great service,Farai Moyo\r\n")
    _, outcome = built(make_site, run, {**PERSON, "content/testimonials/form.csv": form})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/testimonials/form.csv") == [
        "content/testimonials/form.csv:1: there is no `customer` column, so no row can be "
        "read; rename \"Your name\" to `customer`, \"How would you rate us?\" to `rating`, "
        "\"May we publish your comments?\" to `consent`, \"Comments\" to `text` and "
        "\"Staff member who helped you\" to `staff`"]
    renamed = "Timestamp,customer,rating,consent,text,staff" + form[form.index("\r\n"):]
    site, outcome = built(make_site, run, {**PERSON, "content/testimonials/form.csv": renamed})
    assert outcome.exit_code == 0, outcome.stderr
    shown = page(site, "testimonials/ann-k/index.html")
    assert "Great service" in shown and "honour-roll/farai-moyo/" in shown


GOOGLE_FORM = (
    "Timestamp,Email Address,customer,text,rating,consent,\r\n"
    "9/28/2027 9:12:45,wanjiku.k@gmail.com,Wanjiku K.,Asante sana! 🙏🏾,5,I agree,\r\n"
    "10/3/2027 14:05:22,brian.o@yahoo.com,Brian O.,Long queue but a kind teller.,4,,\r\n")


def test_a_form_row_whose_consent_box_was_left_empty_is_said(make_site: MakeSite,
                                                             run: Run) -> None:
    """A Google Form's consent checkbox that the customer did not tick is an empty cell in
    the `consent` column.  Without require_consent the row is published, as any entry that
    records nothing; the build says so at its line, since the form asked and nobody said
    yes.  With require_consent, the row is left out, and the fix is its cell, not a column
    the file already has."""
    files: dict[str, str | bytes] = {"content/testimonials/form.csv": GOOGLE_FORM}
    site, outcome = built(make_site, run, files)
    assert outcome.exit_code == 0, outcome.stderr
    assert problems_of(outcome, "content/testimonials/form.csv") == [
        "content/testimonials/form.csv:3: warning: this row's `consent` cell is empty, so "
        "nothing says that the customer has agreed to publication, yet the row is published, "
        "as [build] require_consent is off; once they have, write true or the date they "
        "agreed in the cell (like 2026-09-14); write no to leave it out, or set "
        "require_consent = true in config.toml to publish only the rows that record consent"]
    assert "Long queue" in page(site, "testimonials/brian-o/index.html")
    assert not any(b"@gmail" in p.read_bytes() or b"@yahoo" in p.read_bytes()
                   for p in (site / "output").rglob("*") if p.is_file())  # never published
    site, outcome = built(make_site, run, {**files, "config.toml": CONSENT_CONFIG})
    assert problems_of(outcome, "content/testimonials/form.csv")[1] == (
        "content/testimonials/form.csv:3: warning: left out because [build] require_consent "
        "is on and this entry records no consent; once the customer has agreed to "
        "publication, write true or the date they agreed (like 2026-09-14) in its `consent` "
        "cell")
    assert not (site / "output/testimonials/brian-o").exists()


def test_two_form_answers_under_one_name_are_told_the_slug_to_write(make_site: MakeSite,
                                                                    run: Run) -> None:
    """Two customers who both signed a form "John K." claim one address.  "Give one of
    them a different `slug`" left a non-programmer to guess what a slug's value looks like;
    the message now gives one, in the row and in a file."""
    form = "customer,text\r\nJohn K.,Great.\r\nJohn K.,Also great.\r\n"
    _, outcome = built(make_site, run, {
        "content/testimonials/form.csv": form,
        "content/testimonials/john-k.md": "---\ncustomer: John K.\n---\nThird.\n"})
    assert outcome.exit_code == 1
    assert sorted(line.split(": this would")[0] + ": " + line.split("; ", 1)[1]
                  for line in outcome.lines if "also claims" in line) == [
        "content/testimonials/form.csv:3: give one of them a different `slug`, like john-k-2 "
        "in this row's `slug` cell (add a `slug` column if there is none)",
        "content/testimonials/john-k.md:1: give one of them a different `slug`, like "
        "slug: john-k-2"]


def test_a_rating_typed_as_stars_or_with_its_label_names_the_number(make_site: MakeSite,
                                                                     run: Run) -> None:
    """A form's rating answered "5 - Excellent", or typed as stars, got the rule alone; the
    number it stands for is named.  A half star or another scale is not guessed."""
    form = ("customer,text,rating\r\nAda,Hi,5 - Excellent\r\nBen,Hi,★★★★☆\r\nCat,Hi,4/5\r\n"
            "Dan,Hi,4.5\r\nEve,Hi,8/10\r\n")
    _, outcome = built(make_site, run, {"content/testimonials/form.csv": form})
    rule = "`rating` must be a whole number from 1 to 5, not"
    assert problems_of(outcome, "content/testimonials/form.csv") == [
        f"content/testimonials/form.csv:2: {rule} \"5 - Excellent\"; write 5",
        f"content/testimonials/form.csv:3: {rule} \"★★★★☆\"; write 4",
        f"content/testimonials/form.csv:4: {rule} \"4/5\"; write 4",
        f"content/testimonials/form.csv:5: {rule} \"4.5\"",
        f"content/testimonials/form.csv:6: {rule} \"8/10\""]


def test_an_hr_export_gets_every_rename_at_once(make_site: MakeSite, run: Run) -> None:
    hr = ("Employee Number,Full Name,Job Title,Department,Date Joined\r\n"
          "E1042,Farai Moyo,Teller,Msasa,2019-03-01\r\n")
    _, outcome = built(make_site, run, {"content/honour-roll/staff.csv": hr})
    assert problems_of(outcome, "content/honour-roll/staff.csv") == [
        "content/honour-roll/staff.csv:1: there is no `name` column, so no row can be read; "
        "rename \"Full Name\" to `name`, \"Job Title\" to `role` and \"Date Joined\" to "
        "`since`"]


def test_a_list_whose_columns_are_named_otherwise_says_so_once(make_site: MakeSite,
                                                                run: Run) -> None:
    """A form tool's export names its columns "Customer Name" and "Testimonial": every
    row got an error (and a warning that its `text` cell was empty, though it was not),
    instead of one message at the column names."""
    rows = "".join(f"{name},Kind words,5\r\n" for name in ("Ada K.", "Bea K.", "Cat K."))
    _, outcome = built(make_site, run, {
        "content/testimonials/form.csv": "Customer Name,Testimonial,Rating\r\n" + rows,
        "content/testimonials/survey.csv": "customer,Testimonial,Rating\r\n" + rows,
        "content/honour-roll/staff.csv": "Full name,Role\r\nFarai Moyo,Teller\r\n"})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/testimonials/form.csv") == [
        "content/testimonials/form.csv:1: there is no `customer` column, so no row can be "
        "read; rename \"Customer Name\" to `customer` and \"Testimonial\" to `text`"]
    assert problems_of(outcome, "content/honour-roll/staff.csv") == [
        "content/honour-roll/staff.csv:1: there is no `name` column, so no row can be read; "
        "rename the column \"Full name\" to `name`"]
    assert problems_of(outcome, "content/testimonials/survey.csv") == [
        "content/testimonials/survey.csv:1: warning: there is no `text` column, so these "
        "testimonials have no text; rename the column \"Testimonial\" to `text`"]
    # a translation's rows keep the original's text: no `text` column is no warning there
    site, outcome = built(make_site, run, {
        "config.toml": MINIMAL_CONFIG.replace('organisation = "Test Org"\n',
                                              'organisation = "Test Org"\n'
                                              'languages = ["en", "sw"]\n'),
        "content/testimonials/survey.csv": "customer,text\r\nAda K.,Kind words\r\n",
        "content/testimonials/survey.sw.csv": "customer,title\r\nAda K.,Asante\r\n"})
    assert outcome.exit_code == 0, outcome.stderr
    assert not problems_of(outcome, "content/testimonials/survey.sw.csv")
    assert "Kind words" in page(site, "sw/testimonials/ada-k/index.html")


def test_a_file_saved_in_windows_own_encoding_names_the_character(make_site: MakeSite,
                                                                  run: Run) -> None:
    """The message said "byte 43 cannot be read", which Notepad cannot find; the character
    and its word can (Word's apostrophe is the usual one)."""
    _, outcome = built(make_site, run, {
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\n---\nThey were kind. "
                                        "I’m grateful.\n".encode("cp1252")})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/testimonials/rudo.md") == [
        "content/testimonials/rudo.md:4: is not UTF-8 text (byte 43, \"’\" in \"I’m\", cannot "
        "be read); save the file as UTF-8 (in Excel: \"CSV UTF-8\"; in Notepad or Word: "
        "choose the UTF-8 encoding when saving)"]


def test_a_file_name_with_a_line_separator_builds_again(make_site: MakeSite, run: Run) -> None:
    """A name pasted from a web page or chat may hold U+2028 (a line separator), which Windows
    and macOS allow: the output manifest, read back with splitlines(), broke the name in two,
    and the next build stopped with "because of a bug"."""
    site, outcome = built(make_site, run, {"content/downloads/menu\u2028week.txt": "Menu\n"})
    assert outcome.exit_code == 0, outcome.stderr
    again = run(site, "build", *AS_OF)
    assert again.exit_code == 0, again.stderr
    assert "nothing changed" in again.stdout
    assert (site / "output/downloads/menu\u2028week.txt").read_text("utf-8") == "Menu\n"


def test_an_output_folder_built_on_windows_is_still_ours(make_site: MakeSite, run: Run) -> None:
    """Python on Windows wrote the output manifest with \\r\\n; it must still be read as
    cswgen's own list, or the next build would refuse the folder as someone else's."""
    from cswgen.write.manifest import MANIFEST

    site, outcome = built(make_site, run, {"content/downloads/menu.txt": "Menu\n"})
    assert outcome.exit_code == 0, outcome.stderr
    manifest = site / "output" / MANIFEST
    manifest.write_bytes(manifest.read_bytes().replace(b"\n", b"\r\n"))
    again = run(site, "build", *AS_OF)
    assert again.exit_code == 0, again.stderr
    assert "nothing changed" in again.stdout


def test_a_misspelt_column_is_said_once_at_the_column_names(make_site: MakeSite,
                                                            run: Run) -> None:
    """A survey export of 200 rows with a `Ratng` column said "did you mean `rating`?"
    200 times, once per row; the column is named once, at the header."""
    rows = "".join(f"Customer {n},Kind staff.,5\n" for n in range(200))
    _, outcome = built(make_site, run, {
        "content/testimonials/survey.csv": "customer,text,Ratng\n" + rows})
    assert outcome.exit_code == 0, outcome.stderr
    assert problems_of(outcome, "content/testimonials/survey.csv") == [
        "content/testimonials/survey.csv:1: warning: the column \"Ratng\" is not a field of "
        "testimonials; did you mean `rating`? (its cells are kept for templates as they are)"]


def test_a_very_long_value_is_quoted_by_its_start_and_end(make_site: MakeSite,
                                                          run: Run) -> None:
    """A whole speech pasted into `title:`, with a hashtag: the warning quotes the value
    and the fixed line, each by its start and end, not 15,000 characters of it."""
    speech = " ".join(["Thank you all for a wonderful week of service"] * 300)
    _, outcome = built(make_site, run, {
        "content/testimonials/rudo.md": f"---\ncustomer: Rudo M.\ntitle: {speech} #CSW2027\n"
                                        "---\nKind.\n"})
    assert outcome.exit_code == 0, outcome.stderr
    [warning] = problems_of(outcome, "content/testimonials/rudo.md")
    assert warning.startswith("content/testimonials/rudo.md:3: warning: `title` is cut short "
                              "to \"Thank you all for a wonderful week")
    assert "#CSW2027\"" in warning and " … " in warning and len(warning) < 800, len(warning)


def test_a_photo_field_with_a_web_address_asks_for_the_file(make_site: MakeSite,
                                                            run: Run) -> None:
    """SPEC: no page loads anything from another host; the example names the picture's
    own file, without the address's query."""
    _, outcome = built(make_site, run, {
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\nphoto: https://cdn.example."
                                        "com/people/ann.jpg?size=2\nalt: Rudo\n---\nKind.\n"})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/testimonials/rudo.md") == [
        "content/testimonials/rudo.md:3: `photo` is an address on another website "
        "(\"https://cdn.example.com/people/ann.jpg?size=2\"), and pages never load anything "
        "from elsewhere; download the picture, save it next to rudo.md and write its file "
        "name here, like `photo: ann.jpg`"]


# --- one person twice on the honour roll --------------------------------------------------

def test_one_person_in_two_files_is_warned_about(make_site: MakeSite, run: Run) -> None:
    """A file copied under another name gives Farai two pages, and praise that links to
    one of them: the build says so, and how to mend it either way."""
    copy = "---\nname: farai  moyo\nrole: Teller\ndepartment: Msasa\n---\nKind.\n"
    praise = "---\ncustomer: Ama\nstaff: [Farai Moyo]\n---\nQuick.\n"
    site, outcome = built(make_site, run, {**PERSON, "content/honour-roll/farai.md": copy,
                                           "content/testimonials/ama.md": praise})
    assert outcome.exit_code == 0
    # (the copy's name, typed with two spaces, is read with one: the same name, so the
    # file read first is the first, and the praise links to it)
    assert problems_of(outcome, "content/honour-roll/farai.md") == [
        "content/honour-roll/farai.md:2: warning: farai moyo is on the honour roll "
        "twice (also in content/honour-roll/farai-moyo.md), so each has a page, and testimonials "
        "that praise the name link to the first one only; if this is the same person, "
        "remove one of the two; if they are two people who share a name, tell them apart in "
        "`name`, such as name: farai moyo (Msasa), and in the testimonials that praise them"]
    assert 'href="../../honour-roll/farai-moyo/"' in page(site, "testimonials/ama/index.html")


def test_one_person_in_a_file_and_in_the_staff_list_stops_the_build(
        make_site: MakeSite, run: Run) -> None:
    """A team that moves its honour roll into a spreadsheet and keeps the old file: one
    address for both, an error that says what to do for one person or for two."""
    staff = "name,role\nTino Banda,Agent\nFarai Moyo,Teller\n"
    _, outcome = built(make_site, run, {**PERSON, "content/honour-roll/staff.csv": staff})
    assert outcome.exit_code == 1
    assert problems_of(outcome, "content/honour-roll/staff.csv") == [
        "content/honour-roll/staff.csv:3: this would be published as "
        "honour-roll/farai-moyo/index.html, which content/honour-roll/farai-moyo.md also "
        "claims; if this is the same person, remove one of the two; if they are two people, "
        "give one of them a different `slug`, like farai-moyo-2 in this row's `slug` cell "
        "(add a `slug` column if there is none)"]
