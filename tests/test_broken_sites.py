"""One small broken site per rule of SPEC "Bad input" and "Front matter".

Every test reads what a user reads: the `path:line: message` lines on stderr, the exit
status, and the output folder.  A failed build must report every problem, print no
traceback, and leave the previous output/ exactly as it was (byte for byte).
"""

from __future__ import annotations

import pytest

from tests.helpers import (
    AS_OF,
    GOOD,
    MINI_CONFIG,
    Fails,
    Files,
    MakeSite,
    Run,
    error_lines,
    failed_count,
    find_line,
    no_traceback,
    snapshot,
    with_theme,
    write,
)

# --- one rule, one broken file ------------------------------------------------------------

T = "content/testimonials/"
H = "content/honour-roll/"
D = "content/days/"
P = "content/pages/"

CASES: list[tuple[str, str, str | bytes, str]] = [
    # (id, file, text, the first error line a user reads)
    ("testimonial-without-customer", T + "a.md", "---\ntitle: Lovely\nrating: 5\n---\nThanks\n",
     T + "a.md:1: `customer` is required but missing; add a `customer` field (the name "
     'the customer agreed to show, like "Rudo M.")'),
    ("honour-without-name", H + "x.md", "---\nrole: Agent\n---\nKind.\n",
     H + "x.md:1: `name` is required but missing; add a `name` field (the person's name)"),
    ("day-without-title", D + "wed.md", "---\nday: wednesday\n---\nBody\n",
     D + "wed.md:1: `title` is required but missing; add a `title` field (the day's "
     'theme, like "Superhero Tuesday")'),
    ("day-without-date-or-day", D + "wed.md", "---\ntitle: Odd Day\n---\nBody\n",
     D + "wed.md:1: `date` is required but missing; add a `date` field (or `day`, like "
     "date: 2026-10-05 or day: monday)"),
    # a field named as a spreadsheet's heading (as a CSV file may head it): said on its line
    ("required-field-written-as-a-heading", T + "a.md",
     "---\nrating: 5\nCustomer Name: Rudo M.\n---\nThanks\n",
     T + "a.md:3: `customer` is required but missing; the `Customer Name` field on this line "
     "is probably it: spell it `customer`"),
    # a programme copied from a poster: the start and end in one field (it said only
    # "must be a time written HH:MM")
    ("event-time-as-a-span", D + "wed.md",
     "---\ntitle: Quiz Day\nday: wednesday\nevents:\n  - title: Quiz\n"
     "    time: 10.30am – 12pm\n---\nBody\n",
     D + "wed.md:6: `time` is 10.30am – 12pm, when the event starts and ends; write the start "
     "in `time` and the end in a field of its own: time: 10:30 and, on the next line, "
     "end: 12:00"),
    # (it said "the front matter must be a list of `field: value` lines, but it is a single
    # line of text", of two lines of fields)
    ("toml-between-yaml-fences", P + "faq.md", "---\ntitle = \"FAQ\"\nmenu = 2\n---\nQ\n",
     P + "faq.md:2: this field is written as TOML (title = \"FAQ\"), but the front matter "
     "starts with ---, which is for `field: value` lines; write title: \"FAQ\" (and the same "
     "on each line), or start and end the block with +++ instead of ---"),
    ("page-without-title", P + "faq.md", "---\nmenu: 2\n---\nQuestions\n",
     P + "faq.md:1: `title` is required but missing; add a `title` field (the page's "
     "headline)"),
    ("page-with-an-empty-title", P + "faq.md", "---\nmenu: 2\ntitle:\n---\nQuestions\n",
     P + "faq.md:3: `title` is empty; fill it in (the page's headline)"),
    ("customer-only-spaces", T + "a.md", "---\ncustomer: \"   \"\nrating: 5\n---\nHi\n",
     T + "a.md:2: `customer` is empty; fill it in (the name the customer agreed to show, "
     'like "Rudo M.")'),
    ("toml-empty-name", H + "x.md", "+++\nrole = \"Agent\"\nname = \"\"\n+++\nKind.\n",
     H + "x.md:3: `name` is empty; fill it in (the person's name)"),
    ("title-is-a-list", P + "faq.md", "---\ntitle: [a, b]\n---\nQuestions\n",
     P + 'faq.md:2: `title` must be text, not a list; write it like title: "..."'),
    ("featured-not-a-boolean", T + "a.md", "---\ncustomer: Ann\nfeatured: sometimes\n---\nHi\n",
     T + 'a.md:3: `featured` must be true or false, not "sometimes"; write featured: true '
     "(or yes, 1), or featured: false (or no, 0)"),
    ("rating-out-of-range", T + "a.md", "---\ncustomer: Ann\nrating: 9\n---\nThanks\n",
     T + "a.md:3: `rating` must be a whole number from 1 to 5, not 9"),
    ("rating-in-words", T + "a.md", "---\ncustomer: Ann\nrating: \"five\"\n---\nThanks\n",
     T + 'a.md:3: `rating` must be a whole number from 1 to 5, not "five"'),
    ("impossible-date", D + "wed.md", "---\ntitle: Wild Wednesday\ndate: 2026-02-30\n---\n",
     D + "wed.md:3: `date` is 2026-02-30, a date that does not exist; check the month and "
     "day (dates are YYYY-MM-DD)"),
    # the required field is there, misspelt: the error says so on its line
    ("customer-misspelt", T + "a.md", "---\ncustmer: Ann\nrating: 5\n---\nThanks\n",
     T + "a.md:2: `customer` is required but missing; the `custmer` field on this line is "
     "probably it: spell it `customer`"),
    # a picture's path nearly right: the message gives the one to write
    ("image-from-the-sites-folder", D + "wed.md",
     "---\ntitle: W\nday: wednesday\nimage: content/days/hero.png\nalt: A hero\n---\n",
     D + 'wed.md:4: `image` names "content/days/hero.png", but there is no such file next to '
     "wed.md or under content/; write it from inside content/, without content/ in front: "
     "`image: days/hero.png`"),
    ("image-in-other-capitals", D + "wed.md",
     "---\ntitle: W\nday: wednesday\nimage: Hero.PNG\nalt: A hero\n---\n",
     D + 'wed.md:4: `image` names "Hero.PNG", but there is no such file next to wed.md or '
     "under content/; the file is content/days/hero.png, and capitals count on the server "
     "that builds the site: `image: days/hero.png`"),
    ("date-outside-the-week", D + "wed.md", "---\ntitle: Late\n\ndate: 2026-10-20\n---\n",
     D + "wed.md:4: 2026-10-20 (Tuesday 20 October 2026) is outside the week (5–9 October "
     "2026); change the date, or [week] in config.toml"),
    # last year's date, after [week] year was changed by hand: redate moves them all
    ("date-in-last-years-week", D + "wed.md", "---\ntitle: Wild\ndate: 2025-10-08\n---\n",
     D + "wed.md:3: 2025-10-08 (Wednesday 8 October 2025) is outside the week (5–9 October "
     "2026); change it to 2026-10-07, the same day of this year's week, or [week] in "
     "config.toml (if the whole site is moving to 2026, put [week] back as it was for 2025 "
     "and run `cswgen redate 2026`: it moves every date at once)"),
    ("saturday-in-a-five-day-week", D + "sat.md", "---\ntitle: Sat\nday: saturday\n---\n",
     D + "sat.md:3: saturday is not one of the week's days (5–9 October 2026); change "
     "`day`, or [week] days in config.toml"),
    ("funday", D + "fun.md", "---\ntitle: Fun\nday: funday\n---\n",
     D + 'fun.md:3: `day` is "funday", which is not a day of the week; write a weekday '
     "like monday or tue"),
    ("day-and-date-disagree", D + "tue.md", "---\ntitle: T\ndate: 2026-10-06\nday: monday\n---\n",
     D + "tue.md:4: `day: monday` and `date: 2026-10-06` disagree (Tuesday 6 October); "
     "keep one of them"),
    ("event-ends-before-it-starts", D + "thu.md",
     "---\ntitle: Thu\nday: thu\nevents:\n  - title: Quiz\n    time: 10:30\n    end: 09:00\n---\n",
     D + "thu.md:7: event 1 ends at 09:00, before it starts at 10:30; check the times "
     "(24-hour clock)"),
    ("event-without-title", D + "thu.md",
     "---\ntitle: Thu\nday: thu\nevents:\n  - title: Quiz\n    time: 10:30\n"
     "  - time: 11:00\n    place: Hall\n---\n",
     D + "thu.md:7: event 2 has no `title`; give every event a title"),
    ("event-time-not-a-time", D + "thu.md",
     "---\ntitle: Thu\nday: thu\nevents:\n  - title: Late\n    time: 25:00\n---\n",
     D + "thu.md:6: `time` is 25:00, which is not a time of day; write a time from 00:00 "
     "to 23:59 on the 24-hour clock, like 14:30"),
    # a list item written as a sentence: the message shows the fields that kind of item has
    ("event-as-a-sentence", D + "thu.md",
     "---\ntitle: Thu\nday: thu\nevents:\n  - Quiz at 10:30 in the hall\n---\n",
     D + 'thu.md:5: item 1 of `events` must have fields (like `title: Quiz` and `time: '
     '10:30`, each on a line of its own), not be "Quiz at 10:30 in the hall"'),
    ("standard-as-a-sentence", "content/policy.md",
     "---\nstandards:\n  - Answer the phone within 3 rings\n---\nOur policy\n",
     'content/policy.md:3: item 1 of `standards` must have fields (like `measure: Answer the '
     'phone` and `target: within 3 rings`, each on a line of its own), not be "Answer the '
     'phone within 3 rings"'),
    # YAML takes `time: 10:30` as it is; TOML (before 1.1) takes a time only with seconds
    ("toml-time-without-quotes", D + "thu.md",
     '+++\ntitle = "Thu"\nday = "thu"\n\n[[events]]\ntitle = "Quiz"\ntime = 10:30\n+++\n',
     D + 'thu.md:7: the time `time` must be in double quotes here: time = "10:30"'),
    ("image-without-alt", D + "fri.md", "---\ntitle: Fri\nday: fri\nimage: hero.png\n---\n",
     D + "fri.md:4: `image` has no `alt` text; add `alt:` describing the picture for "
     "people who cannot see it"),
    ("image-file-missing", D + "fri.md",
     "---\ntitle: Fri\nday: fri\nimage: nowhere.png\nalt: A crowd\n---\n",
     D + 'fri.md:4: `image` names "nowhere.png", but there is no such file next to fri.md '
     "or under content/; check the spelling and the folder"),
    ("front-matter-never-closed", P + "faq.md", "---\ntitle: FAQ\n\nQuestions and answers\n",
     P + "faq.md:1: the front matter that starts with --- on line 1 is never closed; add "
     "a line with just --- after the last field"),
    ("front-matter-is-a-list", P + "faq.md", "---\n- title\n- FAQ\n---\nQuestions\n",
     P + "faq.md:2: the front matter must be a list of `field: value` lines (a mapping), "
     "but it is a list; write it like `title: My page`"),
    ("yaml-syntax-error", P + "faq.md",
     "---\ntitle: FAQ\nmenu: 2\nsummary: Before: after\n---\nQuestions\n",
     P + "faq.md:4: the front matter is not valid YAML: the value of `summary` contains "
     '`: `, so it must be in quotes, like summary: "Before: after"'),
    # YAML's own words ("did not find expected key") said in a Markdown writer's words
    ("yaml-words-that-go-on-below-a-value", T + "a.md",
     "---\ncustomer: Ann\nGreat service all round\nrating: 5\n---\nThanks\n",
     T + "a.md:3: the front matter is not valid YAML: this line is not a field: each line of "
     "the front matter is `name: value`; words that go on from the value above belong on its "
     "line, in quotes, and text for the page goes below the closing ---"),
    ("yaml-list-on-the-fields-line", T + "a.md", "---\ncustomer: Ann\nstaff: - Ann Lee\n---\nX\n",
     T + "a.md:3: the front matter is not valid YAML: a list starts on the line after its "
     "field: `staff:` alone on its line, then each item on a line of its own, indented and "
     "starting with `- ` (like `  - Ann`); for a single value, leave out the -"),
    ("yaml-list-item-without-a-field", T + "a.md", "---\ncustomer: Ann\n- Ann Lee\n---\nX\n",
     T + "a.md:3: the front matter is not valid YAML: this list item belongs to no list: a "
     "list goes right under its field, which has nothing else on its line (like `staff:`), "
     "each item indented and starting with `- `"),
    ("yaml-field-indented-under-a-value", P + "faq.md", "---\ntitle: FAQ\n  menu: 2\n---\nQ\n",
     P + "faq.md:3: the front matter is not valid YAML: `menu` is indented, so YAML reads it "
     "as part of the field above, which has a value already; start `menu` at the left edge, "
     "as the other fields"),
    ("yaml-field-indented-like-list-items", T + "a.md",
     "---\ncustomer: Ann\nstaff:\n  - Ann Lee\n  rating: 5\n---\nX\n",
     T + "a.md:5: the front matter is not valid YAML: `rating` is indented like the list "
     "items above it: a new field starts at the left edge, and a new item of the list starts "
     "with `- `"),
    ("yaml-value-starting-with-a-bracket", P + "faq.md", "---\ntitle: [Draft] FAQ\n---\nQ\n",
     P + "faq.md:2: the front matter is not valid YAML: the value starts with [, so it is "
     "read as a list that ends at ], and the words after that cannot be read; put the whole "
     'value in quotes, like title: "[Draft] FAQ"'),
    ("yaml-value-starting-with-a-chevron", P + "faq.md", "---\ntitle: >>> Read me\n---\nQ\n",
     P + "faq.md:2: the front matter is not valid YAML: a value that starts with > must be in "
     "quotes (YAML reads > as the start of a block of text), like title: \">>> Read me\""),
    ("yaml-markdown-quote-in-front-matter", T + "a.md",
     "---\ncustomer: Ann\n> Thank you so much\n---\nX\n",
     T + "a.md:3: the front matter is not valid YAML: this line looks like Markdown, which "
     "goes below the closing ---, with the page's text; the front matter holds only fields, "
     "`name: value`"),
    ("yaml-a-config-toml-line-among-the-fields", P + "faq.md",
     "---\ntitle: FAQ\nmenu = 2\n---\nQ\n",
     P + "faq.md:3: the front matter is not valid YAML: this line is written as in "
     "config.toml; between --- lines a field is written with a colon: menu: 2"),
    # valid YAML, read as a field named `role = "Mortgage`: the role was lost in silence
    ("yaml-a-config-toml-line-read-as-a-name", "content/honour-roll/ann.md",
     '---\nname: Ann Lee\nrole = "Mortgage: Adviser"\n---\nX\n',
     "content/honour-roll/ann.md:3: this line is written as in config.toml; between --- "
     'lines a field is written with a colon: role: "Mortgage: Adviser"'),
    ("yaml-a-picture-among-the-fields", P + "faq.md",
     "---\ntitle: FAQ\n![Our team](team.jpg)\nmenu: 2\n---\nQ\n",
     P + "faq.md:3: the front matter is not valid YAML: this line looks like Markdown, which "
     "goes below the closing ---, with the page's text; the front matter holds only fields, "
     "`name: value`"),
    ("yaml-a-template-tag-among-the-fields", P + "faq.md",
     "---\n{% if x %}\ntitle: FAQ\n---\nQ\n",
     P + "faq.md:2: the front matter is not valid YAML: this line looks like a template or "
     "HTML, which the front matter cannot hold; move it below the closing --- or delete it"),
    ("yaml-the-first-field-indented", P + "faq.md", "---\n  title: FAQ\nmenu: 2\n---\nQ\n",
     P + "faq.md:2: the front matter is not valid YAML: `title` is indented; start it, and "
     "every other field, at the left edge"),
    ("yaml-value-starting-with-an-exclamation-mark", P + "faq.md",
     "---\ntitle: !Important notice\n---\nQ\n",
     P + "faq.md:2: the front matter is not valid YAML: a value that starts with ! must be in "
     'quotes (YAML reads ! as a type), like title: "!Important notice"'),
    ("yaml-tab-indent", P + "faq.md", "---\ntitle: FAQ\n\tmenu: 2\n---\nQuestions\n",
     P + "faq.md:3: the front matter is not valid YAML: this line is indented with a tab; "
     "use spaces instead of tabs (two spaces for each level, as in the lines around it)"),
    ("yaml-key-twice", P + "faq.md", "---\ntitle: FAQ\nmenu: 1\ntitle: Again\n---\nQ\n",
     P + "faq.md:4: `title` is given twice (also on line 2); keep one of them"),
    ("toml-syntax-error", P + "faq.md", "+++\ntitle = \"FAQ\"\nmenu = = 3\n+++\nQuestions\n",
     P + "faq.md:3: the front matter is not valid TOML: Invalid value; check the quotes, "
     "brackets and `key = value` shape on this line"),
    ("not-utf8", P + "cafe.md", "---\ntitle: Caf\xe9\n---\nCoffee\n".encode("latin-1"),
     P + "cafe.md:2: is not UTF-8 text (byte 14, \"é\" in \"Café\", cannot be read); save the "
     "file as UTF-8 "
     '(in Excel: "CSV UTF-8"; in Notepad or Word: choose the UTF-8 encoding when saving)'),
    ("csv-not-utf8", H + "staff.csv", "name,role\nJos\xe9,Agent\n".encode("latin-1"),
     H + "staff.csv:2: is not UTF-8 text (byte 13, \"é\" in \"José,Agent\", cannot be read); "
     "save the file as UTF-8 "
     '(in Excel: "CSV UTF-8"; in Notepad or Word: choose the UTF-8 encoding when saving); '
     "from Google Sheets, download it again: File > Download > Comma-separated values (.csv) "
     "is UTF-8"),
    ("reserved-slug-from-file-name", P + "testimonials.md", "---\ntitle: Our stories\n---\nX\n",
     P + "testimonials.md:1: the page address /testimonials/ is used by cswgen for its "
     "own section; give this page a different `slug`"),
    ("reserved-slug-field", P + "wall.md", "---\ntitle: Wall\nslug: honour-roll\n---\nX\n",
     P + "wall.md:3: the page address /honour-roll/ is used by cswgen for its own "
     "section; give this page a different `slug`"),
    ("reserved-slug-programme", P + "programme.md", "---\ntitle: Programme\n---\nX\n",
     P + "programme.md:1: the page address /programme/ is used by cswgen for its own "
     "section; give this page a different `slug`"),
    ("reserved-slug-screen", P + "tv.md", "---\ntitle: TV\nslug: screen\n---\nX\n",
     P + "tv.md:3: the page address /screen/ is used by cswgen for its own "
     "section; give this page a different `slug`"),
    ("file-at-the-lobby-screens-address", "content/screen/build.json", "{}\n",
     "content/screen/build.json:1: this would be published as screen/build.json, which "
     "cswgen itself (a generated file) also claims; rename or move the file"),
    ("crlf-and-bom-keep-line-numbers", T + "a.md",
     "\ufeff---\r\ncustomer: Ann\r\n\r\nrating: 9\r\n---\r\nThanks\r\n".encode(),
     T + "a.md:4: `rating` must be a whole number from 1 to 5, not 9"),
    # SPEC: "a link to a content file that does not exist is an error": any file, not
    # only Markdown (the link, or the picture, went nowhere without a word)
    ("link-to-a-missing-download", P + "about.md",
     "---\ntitle: About\n---\nFirst.\n\nGet [the form](../downloads/form.pdf).\n",
     P + "about.md:6: the link to ../downloads/form.pdf goes to content/downloads/form.pdf, "
     "which does not exist; check the file name and folder"),
    ("picture-that-is-missing", P + "about.md",
     "---\ntitle: About\n---\n![Our team](../images/team.jpg)\n",
     P + "about.md:4: the picture ../images/team.jpg goes to content/images/team.jpg, which "
     "does not exist; check the file name and folder"),
    ("link-to-missing-markdown", P + "about.md",
     "---\ntitle: About\n---\nFirst paragraph.\n\nRead [the rules](../rulez.md) first.\n",
     P + "about.md:6: the link to ../rulez.md goes to content/rulez.md, which does not "
     "exist; check the file name and folder"),
]


@pytest.mark.parametrize(("name", "text", "first_line"),
                         [pytest.param(*case[1:], id=case[0]) for case in CASES])
def test_one_broken_file(fails: Fails, name: str, text: str | bytes, first_line: str) -> None:
    outcome = fails({name: text}, base={D + "hero.png": b"\x89PNG\r\n\x1a\n"})
    assert error_lines(outcome)[0] == first_line, outcome.stderr
    assert failed_count(outcome) == len(error_lines(outcome))


# --- front matter YAML cannot read: every mistake in it in one run ------------------------

def test_every_mistake_in_front_matter_yaml_cannot_read_is_reported_in_one_run(
        fails: Fails) -> None:
    """A YAML mistake no longer hides the rest of the front matter (users fixed one thing
    per build): the further mistakes in it, the fields with a wrong value and a broken link
    in the text below are all reported in the first run, each at its line."""
    outcome = fails({T + "rudo.md": (
        "---\n"
        'customer: "Rudo "the best" M."\n'  # 2: a quote inside the quotes ends them
        "rating: 9\n"  # 3: out of range
        "date: 2026-02-30\n"  # 4: a day that does not exist
        "location: Harare : CBD\n"  # 5: `: ` in a value
        "staff:\n  - Ann Lee\n\t- Bob\n"  # 8: indented with a tab
        "consent: true\n"
        "photo: [team.jpg\n"  # 10: a [ never closed
        "---\n"
        "Thanks, and see [the form](form.pdf).\n")})  # 12: a link to nothing
    assert [line.split(": ")[0] for line in error_lines(outcome)] == [
        f"{T}rudo.md:{line}" for line in (2, 3, 4, 5, 8, 10, 12)], outcome.stderr
    assert failed_count(outcome) == 7
    for said in ('2: the front matter is not valid YAML: the value starts with a " quote that '
                 "closes before its end",
                 "3: `rating` must be a whole number from 1 to 5, not 9",
                 "4: `date` is 2026-02-30, a date that does not exist",
                 "5: the front matter is not valid YAML: the value of `location` contains `: `",
                 "8: the front matter is not valid YAML: this line is indented with a tab",
                 "10: the front matter is not valid YAML: the [ opened on this line is never "
                 "closed",
                 "12: the link to form.pdf goes to content/testimonials/form.pdf, which does "
                 "not exist"):
        find_line(outcome, f"{T}rudo.md:{said}")


def test_several_yaml_mistakes_in_a_day_and_a_wrong_value_between_them(fails: Fails) -> None:
    """Mistakes YAML stops at, one below the other, and wrong values among and inside the
    fields it then reads (an event's time), in one run."""
    outcome = fails({D + "wed.md": (
        "---\ntitle: [Team] Wednesday\nday: funday\nsummary: Prizes: all day\n"
        "dress_code: 'Captain's hat'\nevents:\n  - title: Quiz\n    time: 25:00\n"
        "  - title: Lunch\n    time: 12:00\n    end: 11:00\n---\nHi\n")})
    assert [line.split(": ")[0] for line in error_lines(outcome)] == [
        f"{D}wed.md:{line}" for line in (2, 3, 4, 5, 8, 11)], outcome.stderr
    find_line(outcome, f"{D}wed.md:3: ", "`day` is \"funday\"")
    find_line(outcome, f"{D}wed.md:8: ", "`time` is 25:00")
    find_line(outcome, f"{D}wed.md:11: ", "event 2 ends at 11:00, before it starts at 12:00")


def test_every_mistake_in_toml_front_matter_is_reported_in_one_run(fails: Fails) -> None:
    """Between +++ lines too: each line TOML cannot read, and the wrong values TOML then
    reads in the others, an event's among them, in one run."""
    outcome = fails({D + "wed.md": (
        '+++\ntitle = "Quiz Day"\nday = "funday"\nsummary = Prizes all day\n'
        'dress_code = "Smart\n\n[[events]]\ntitle = "Quiz"\ntime = "25:00"\n+++\nHi\n')})
    assert error_lines(outcome) == [
        D + 'wed.md:3: `day` is "funday", which is not a day of the week; write a weekday like '
        "monday or tue",
        D + 'wed.md:4: the text of `summary` must be in double quotes: summary = "Prizes all '
        'day"',
        D + 'wed.md:5: the text of `dress_code` opens with " but is never closed on this line; '
        'end it with ", like dress_code = "Smart"',
        D + "wed.md:9: `time` is 25:00, which is not a time of day; write a time from 00:00 to "
        "23:59 on the 24-hour clock, like 14:30"], outcome.stderr
    # a line TOML cannot read in an event's table: the event would be short of it
    outcome = fails({D + "thu.md": '+++\ntitle = "Thu"\nday = "thursday"\n\n[[events]]\n'
                                   'title = Quiz\ntime = "25:00"\n+++\nHi\n'})
    assert error_lines(outcome) == [
        D + 'thu.md:6: the text of `title` must be in double quotes: title = "Quiz"']


# One mistake that makes YAML misread the lines after it gives one message, not one more for
# each line it spoils, nor for a field it hid ("`title` is required but missing").
KNOCK_ON: list[tuple[str, str, str, str]] = [
    # the quote goes on over the next line and closes at the first quote of the one after,
    # where YAML stops: the message names the line where the quote opened
    ("a-quote-that-goes-on-over-the-fields-below", D + "fri.md",
     '---\ntitle: Fri\nday: friday\nsummary: "Quiz at 10\ndress_code: "Smart casual"\n'
     "---\nHi\n", D + "fri.md:4: the front matter is not valid YAML: the quote \" opened "
     "on this line is never closed"),
    ("a-quote-never-closed", D + "fri.md", '---\ntitle: "Fun Friday\nday: friday\n---\nHi\n',
     D + "fri.md:2: "),
    ("an-item-indented-wrongly-in-a-list", D + "wed.md",
     "---\ntitle: Quiz Day\nday: wednesday\nevents:\n  - title: Quiz\n    time: 10:30\n"
     "   place: Hall\n  - time: 12:00\n---\nHi\n", D + "wed.md:7: "),
    ("a-field-indented-under-the-one-above", D + "thu.md",
     "---\ntitle: Thursday\n  day: thursday\n---\nHi\n", D + "thu.md:3: "),
    ("a-paragraph-pasted-among-the-fields", P + "faq.md",
     "---\ntitle: FAQ\nWe are glad you came,\nand here are the answers\nmenu: 2\n---\nHi\n",
     P + "faq.md:3: "),
    ("the-name-not-closed", T + "a.md", '---\ncustomer: "Rudo M.\nrating: 5\n---\nThanks\n',
     T + "a.md:2: "),
]


@pytest.mark.parametrize(("name", "text", "where"),
                         [pytest.param(*case[1:], id=case[0]) for case in KNOCK_ON])
def test_one_yaml_mistake_that_spoils_the_lines_after_it_is_one_message(
        fails: Fails, name: str, text: str, where: str) -> None:
    outcome = fails({name: text}, base={D + "hero.png": b"\x89PNG\r\n\x1a\n"})
    [line] = error_lines(outcome)
    assert line.startswith(where), outcome.stderr
    assert line.startswith(where.partition(": ")[0] + ": the front matter is not valid YAML: ")
    assert failed_count(outcome) == 1


# --- CSV rows -----------------------------------------------------------------------------

def test_a_file_where_another_language_gets_its_generated_files(fails: Fails) -> None:
    """Each language's folder has its own feed, calendar, 404 page and screen: a content
    file there is named, as at the root (it was a message naming neither file)."""
    config = MINI_CONFIG.replace('theme = "mini"', 'theme = "mini"\nlanguages = ["en", "sw"]')
    outcome = fails({"config.toml": config, "content/sw/feed.xml": "<feed/>\n",
                     "content/sw/screen/build.json": "{}\n"})
    assert error_lines(outcome) == [
        "content/sw/feed.xml:1: this would be published as sw/feed.xml, which cswgen "
        "itself (a generated file, in sw) also claims; rename or move the file",
        "content/sw/screen/build.json:1: this would be published as sw/screen/build.json, "
        "which cswgen itself (a generated file, in sw) also claims; rename or move the file"]


def test_a_link_to_a_list_of_testimonials_is_a_link_to_nothing(fails: Fails) -> None:
    """The list is read into pages, never published: the link would lead nowhere."""
    outcome = fails({T + "s.csv": "customer,text\nAnn,Thanks\n",
                     P + "about.md": "---\ntitle: About\n---\nFirst.\n\n"
                                     "Read [the survey](../testimonials/s.csv).\n"})
    assert error_lines(outcome) == [
        P + "about.md:6: the link to ../testimonials/s.csv goes to content/testimonials/"
        "s.csv, a list that cswgen makes into pages, and does not publish itself; link to "
        "those pages instead: ../testimonials/"]


def test_a_link_to_a_file_in_other_capitals_names_the_file(fails: Fails) -> None:
    """It works on the Mac it was written on, and not on the web server."""
    outcome = fails({"content/downloads/form.pdf": "%PDF-1.4\n",
                     P + "about.md": "---\ntitle: About\n---\nGet [it](../downloads/Form.PDF)\n"})
    assert error_lines(outcome) == [
        P + "about.md:4: the link to ../downloads/Form.PDF goes to content/downloads/Form.PDF, "
        "which does not exist; the file is named form.pdf, and a web server tells capitals "
        "apart: write the name as the file has it"]


def test_a_link_to_a_file_renamed_for_this_year_names_the_new_name(fails: Fails) -> None:
    """The programme renamed csw-2027-programme.pdf after `cswgen redate`, the link still
    naming last year's: the file of that folder named nearly so is named."""
    outcome = fails({P + "about.md": "---\ntitle: About\n---\nThe [programme]"
                                     "(../downloads/csw-2026-programme.pdf).\n",
                     "content/downloads/csw-2027-programme.pdf": "%PDF-1.4\n",
                     "content/downloads/leave-form.pdf": "%PDF-1.4\n"})
    assert error_lines(outcome) == [
        P + "about.md:4: the link to ../downloads/csw-2026-programme.pdf goes to "
        "content/downloads/csw-2026-programme.pdf, which does not exist; did you mean "
        "csw-2027-programme.pdf, which is in that folder? If so, write its name in the link; "
        "otherwise check the file name and folder"]


def test_a_link_to_a_page_in_other_capitals_names_the_file(fails: Fails) -> None:
    """A link to another page by its source file, as a Windows user types it: the same
    hint as a link to a download (it said only "check the file name and folder")."""
    outcome = fails({D + "monday.md": "---\ntitle: Mon\nday: monday\n---\nHi\n",
                     P + "about.md": "---\ntitle: About\n---\nSee [Monday](../days/Monday.md)"
                                     " and the [policy](..\\Policy.MD).\n",
                     "content/policy.md": "---\ntitle: Policy\n---\nWe care.\n"})
    assert error_lines(outcome) == [
        P + "about.md:4: the link to ../days/Monday.md goes to content/days/Monday.md, which "
        "does not exist; the file is named monday.md, and a web server tells capitals apart: "
        "write the name as the file has it",
        P + "about.md:4: the link to ..\\Policy.MD goes to content/Policy.MD, which does not "
        "exist; the file is named policy.md, and a web server tells capitals apart: write "
        "the name as the file has it"]


def test_a_file_on_the_writers_own_computer_is_an_error_that_says_to_copy_it_in(
        fails: Fails) -> None:
    """`C:\\...` read as a web address's scheme: the picture was published with no address
    at all, and the build said nothing; `\\\\server` showed Markdown's own placeholder
    characters in its message; a photo's path said only "check the spelling"."""
    outcome = fails({
        P + "about.md": "---\ntitle: About\n---\nFirst.\n\n"
                        "![Our team](C:\\Users\\me\\Pictures\\team.jpg)\n\n"
                        "The [form](\\\\fileserver\\hr\\Leave Form.pdf).\n",
        H + "ann.md": "---\nname: Ann\nphoto: 'H:\\Comms\\CSW\\ann.jpg'\nalt: Ann\n---\n"})
    copy = ("is a file on one computer (or its network drive), which visitors cannot reach "
            "and a build elsewhere does not have; copy the file into content/, next to "
            "about.md, and ")
    assert error_lines(outcome) == [
        H + 'ann.md:3: `photo` names "H:\\Comms\\CSW\\ann.jpg", a file on one computer (or its '
        "network drive), which the site cannot reach; copy the picture next to ann.md and "
        "write its file name here, like `photo: ann.jpg`",
        P + "about.md:6: the picture C:\\Users\\me\\Pictures\\team.jpg " + copy
        + "show it with ![description](team.jpg)",
        P + "about.md:8: the link to \\\\fileserver\\hr\\Leave Form.pdf " + copy
        + "link to it by its name: [text](Leave%20Form.pdf)"]


def test_a_backslash_escape_in_an_address_is_read_as_markdown_means_it(
        make_site: MakeSite, run: Run) -> None:
    """`leave\\_form.pdf`, escaped as Markdown escapes an underscore, and `..\\\\images`
    with its backslashes doubled: both name a file that is there."""
    site = make_site(with_theme({**GOOD, "content/downloads/leave_form.pdf": "%PDF-1.4\n",
                                 "content/images/team.png": b"\x89PNG\r\n\x1a\n",
                                 P + "about.md": "---\ntitle: About\n---\n"
                                                 "[form](../downloads/leave\\_form.pdf)\n"}))
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert 'href="../downloads/leave_form.pdf"' in \
        (site / "output/about/index.html").read_text("utf-8")


def test_links_to_what_the_build_makes_are_no_missing_files(make_site: MakeSite,
                                                             run: Run) -> None:
    """Pages, the feed, the calendar and the theme's files are not in content/, and are
    there to link to."""
    site = make_site(with_theme({**GOOD, P + "about.md": (
        "---\ntitle: About\n---\n[feed](../feed.xml) [ics](/week.ics) [faq](../faq/index.html) "
        "[css](../assets/style.css) [roll](../honour-roll/) [v2](../docs/v2.1)\n")}))
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr


def test_csv_row_error_names_the_rows_line(fails: Fails) -> None:
    outcome = fails({T + "survey.csv": "customer,rating,text\nAnn,5,Great\nBob,9,Fine\n"})
    find_line(outcome, T + "survey.csv:3: ", "`rating` must be a whole number from 1 to 5")
    assert failed_count(outcome) == 1


def test_a_cell_that_is_not_a_yes_or_no_says_what_to_type_in_its_column(fails: Fails) -> None:
    """In a list, `featured: true` typed into the cell would be read as the words
    "featured: true": the fix names the column, as the other cell messages do."""
    outcome = fails({T + "survey.csv": "customer,featured,text\nAnn,Oui,Great\n"})
    assert error_lines(outcome) == [
        T + 'survey.csv:2: `featured` must be true or false, not "Oui"; write true (or yes, '
        "1) or false (or no, 0) in the `featured` column"]


def test_csv_row_without_words_says_what_to_put_in_its_cell(fails: Fails) -> None:
    outcome = fails({T + "survey.csv": "customer,rating,text\nAnn,5,\nBob,9,Fine\n"})
    find_line(outcome, T + "survey.csv:2: warning: ", "this row's `text` cell is empty; fill it "
              "in with the customer's words")
    assert failed_count(outcome) == 1  # (Bob's rating)


def test_csv_whose_column_names_cannot_be_read_says_why_in_words(fails: Fails) -> None:
    outcome = fails({T + "survey.csv": '"customer,rating,text\nAnn,5,Great\n'})
    find_line(outcome, T + "survey.csv:1: ", "the column names cannot be read as CSV: a quote "
              '" opened here is never closed')
    assert failed_count(outcome) == 1


def test_an_empty_csv_file_says_what_to_put_in_it(make_site: MakeSite, run: Run) -> None:
    site = make_site(with_theme({**GOOD, T + "survey.csv": ""}))
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    find_line(outcome, T + "survey.csv:1: warning: ", "this CSV file is empty; put the column "
              "names on its first line (like customer,rating,text)")


def test_csv_line_numbers_count_multi_line_cells(fails: Fails) -> None:
    csv = ('customer,rating,text\n'
           'Ann,5,"Line one\nline two, with a comma\n\nline four"\n'  # lines 2-5
           'Bob,9,Fine\n'  # line 6
           ',3,Nobody signed this\n')  # line 7
    outcome = fails({T + "survey.csv": csv})
    find_line(outcome, T + "survey.csv:6: ", "`rating` must be a whole number from 1 to 5, not 9")
    find_line(outcome, T + "survey.csv:7: ", "this row's `customer` cell is empty; fill it in")
    assert failed_count(outcome) == 2


def test_csv_with_crlf_and_bom_counts_lines_the_same(fails: Fails) -> None:
    csv = ('\ufeffname,since,citation_long\r\n'
           'Tariro Moyo,2019,"Two\r\nlines"\r\n'  # lines 2-3
           'Old Timer,1800,Long ago\r\n')  # line 4
    outcome = fails({H + "staff.csv": csv.encode("utf-8")})
    find_line(outcome, H + "staff.csv:4: ", "`since` must be a year like 2019, not 1800")


def test_a_list_from_excel_for_mac_in_its_own_encoding_is_one_error_on_its_line(
        fails: Fails) -> None:
    """Excel for Mac's "CSV (Macintosh)": Mac Roman, each line ended by a lone CR.  The
    error said line 1 (it counted only LF), and each name a testimonial praised that the
    unread list holds got a "matches no one on the honour roll" warning on top of it.  It
    quoted the name as Windows would read it ("Zo‘"), and told how to save it on Windows."""
    csv = "name,role\rTinashe Banda,Agent\rZo\u00eb Nyathi,Teller\r".encode("mac_roman")
    outcome = fails({H + "staff.csv": csv,
                     T + "a.md": "---\ncustomer: Ann\nstaff: [Tinashe Banda, Zoë Nyathi, "
                                 "Nobody Known]\n---\nThanks.\n"})
    assert outcome.lines[:-1] == [
        H + "staff.csv:3: is not UTF-8 text (byte 32, \"ë\" in \"Zoë\", cannot be read); "
        "save the file as UTF-8 (in Excel for Mac: \"CSV UTF-8\"; in Numbers: Export To > "
        "CSV, with Text Encoding Unicode (UTF-8)); from Google Sheets, download it again: "
        "File > Download > Comma-separated values (.csv) is UTF-8"]


def test_an_hr_export_with_first_and_last_names_says_to_join_them(fails: Fails) -> None:
    """It said to rename "First Name" to `name`, which publishes everyone without their
    surname."""
    outcome = fails({H + "staff.csv": "Employee ID,Last Name,Email,First Name,Job Title\n"
                                      "1042,Banda,tb@example.org,Tinashe,Agent\n"})
    assert error_lines(outcome) == [
        H + 'staff.csv:1: there is no `name` column, so no row can be read, and each name is '
        'in two columns, "First Name" and "Last Name"; add a column named `name` with the '
        'whole name (in Excel or Google Sheets: type =D2&" "&B2 in its second row and fill '
        "it down)"]


def test_csv_row_with_too_many_cells(fails: Fails) -> None:
    outcome = fails({T + "survey.csv": "customer,text\nAnn,Great\nBob,Good, really good\n"})
    find_line(outcome, T + "survey.csv:3: ", "3 cells", "2 columns", "quotes")


def test_csv_quote_never_closed(fails: Fails) -> None:
    outcome = fails({T + "survey.csv": 'customer,text\nAnn,"Great\nBob,Good\n'})
    find_line(outcome, T + "survey.csv:2: ", "quote")


# --- two files, one URL -------------------------------------------------------------------

def test_two_pages_with_one_slug_names_both(fails: Fails) -> None:
    outcome = fails({P + "twin-a.md": "---\ntitle: A\nslug: same\n---\nA\n",
                     P + "twin-b.md": "---\ntitle: B\nslug: same\n---\nB\n"})
    line = find_line(outcome, P + "twin-b.md:3: ", "same/index.html")
    assert P + "twin-a.md" in line
    assert failed_count(outcome) == 1


def test_markdown_testimonial_and_csv_row_with_one_slug(fails: Fails) -> None:
    outcome = fails({T + "rudo-m.md": "---\ncustomer: Rudo M.\n---\nKind staff.\n",
                     T + "survey.csv": "customer,text\nAnn,Good\nRudo M.,Also kind\n"})
    line = find_line(outcome, T, "testimonials/rudo-m/index.html")
    assert T + "rudo-m.md" in line
    assert T + "survey.csv:3" in line


def test_two_csv_rows_with_one_slug_name_both_rows(fails: Fails) -> None:
    outcome = fails({T + "survey.csv": "customer,text\nAnn,One\nBob,Two\nAnn,Three\n"})
    find_line(outcome, T + "survey.csv:4: ", "testimonials/ann/index.html",
              T + "survey.csv:2")


def test_a_file_where_a_generated_page_needs_its_folder(fails: Fails) -> None:
    # GOOD's Zoë Nyathi has a certificate at honour-roll/zoe-nyathi/certificate/index.html;
    # a file named `certificate` beside it crashed the writer
    outcome = fails({H + "zoe-nyathi/certificate": "notes\n"})
    find_line(outcome, H + "zoe-nyathi/certificate:1: ", "this would be published as "
              "honour-roll/zoe-nyathi/certificate, where cswgen needs a folder for "
              "honour-roll/zoe-nyathi/certificate/index.html, which content/honour-roll/"
              "zoë-nyathi.md (its certificate) also claims; rename or move the file")
    assert failed_count(outcome) == 1


def test_a_folder_named_like_a_generated_file(fails: Fails) -> None:
    outcome = fails({"content/feed.xml/readme.txt": "notes\n"})
    find_line(outcome, "content/feed.xml/readme.txt:1: ", "this would be published as "
              "feed.xml/readme.txt, which needs a folder feed.xml, but feed.xml is a file "
              "that cswgen itself (a generated file) also claims; rename or move the file")
    assert failed_count(outcome) == 1


def test_a_file_at_an_entrys_share_image_or_poster(fails: Fails) -> None:
    config = MINI_CONFIG.replace('theme = "mini"',
                                 'theme = "mini"\nbase_url = "https://csw.example.org/"')
    outcome = fails({D + "monday/share.png": b"\x89PNG\r\n\x1a\n",
                     D + "monday/poster/index.html": "<p>our poster</p>\n",
                     "content/share.png": b"\x89PNG\r\n\x1a\n"},
                    base={"config.toml": config})
    find_line(outcome, D + "monday/share.png:1: ", "this would be published as "
              "days/monday/share.png, which content/days/monday.md (its share image) also "
              "claims; rename or move the file")
    find_line(outcome, D + "monday/poster/index.html:1: ", "this would be published as "
              "days/monday/poster/index.html, which content/days/monday.md (its poster) also "
              "claims; rename or move the file")
    find_line(outcome, "content/share.png:1: ", "this would be published as share.png, which "
              "cswgen itself (a generated file) also claims; rename or move the file")
    assert failed_count(outcome) == 3


def test_two_days_on_one_date_name_both(fails: Fails) -> None:
    # GOOD has content/days/monday.md (day: monday); these are Monday too, and Tuesday
    outcome = fails({D + "another-monday.md": "---\ntitle: Another\n\ndate: 2026-10-05\n---\n",
                     D + "tuesday.md": "---\ntitle: Tue\nday: tue\n---\n",
                     D + "superhero-tuesday.md": "---\ntitle: Hero\nday: Tuesday\n---\n"})
    find_line(outcome, D + "monday.md:3: ", D + "another-monday.md:4 is also Monday 5 "
              "October 2026, and a date has one day page; keep one of the two files",
              "(Wednesday 7 October 2026, Thursday 8 October 2026, Friday 9 October 2026)")
    find_line(outcome, D + "tuesday.md:3: ", D + "superhero-tuesday.md:3 is also Tuesday 6")
    assert failed_count(outcome) == 2


def test_two_honour_entries_with_one_slug_is_one_error(fails: Fails) -> None:
    outcome = fails({H + "a.md": "---\nname: Ann\nslug: same\n---\nA\n",
                     H + "b.md": "---\nname: Bob\nslug: same\n---\nB\n"})
    find_line(outcome, H + "b.md:3: ", "honour-roll/same/", H + "a.md")
    assert failed_count(outcome) == 1, outcome.stderr


# --- warnings: the build goes on ----------------------------------------------------------

def test_unknown_staff_name_is_a_warning_with_a_suggestion(make_site: MakeSite, run: Run) -> None:
    site = make_site(with_theme({**GOOD, T + "t.md":
                                 "---\ncustomer: Ann\nstaff:\n  - Zoe Nyathy\n---\nThanks\n"}))
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 0, outcome.stderr
    find_line(outcome, T + "t.md:3: warning: ", '"Zoe Nyathy"', "matches no one",
              'did you mean "Zoë Nyathi"?')
    assert (site / "output" / "testimonials" / "t" / "index.html").is_file()


def test_a_staff_name_whose_honour_roll_entry_is_a_draft_says_so(make_site: MakeSite,
                                                                 run: Run) -> None:
    """A draft is not read, so its name is not known: its file name is, and "add them to
    content/honour-roll/" would have the team add the person twice."""
    site = make_site(with_theme({**GOOD, T + "t.md":
                                 "---\ncustomer: Ann\nstaff:\n  - Dee Moyo\n---\nThanks\n",
                                 "content/honour-roll/dee-moyo.md":
                                 "---\nname: Dee Moyo\ndraft: true\n---\nKind.\n"}))
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert find_line(outcome, T + "t.md:3: warning: ") == (
        T + 't.md:3: warning: "Dee Moyo" in `staff` is not linked: '
        "content/honour-roll/dee-moyo.md, named like them, is a draft; it will be linked "
        "once that entry is no longer one")


def test_staff_names_separated_by_commas_say_how_to_give_several(
        make_site: MakeSite, run: Run) -> None:
    site = make_site(with_theme({**GOOD, T + "t.md": "---\ncustomer: Ann\nstaff: Tawanda "
                                 "Mhlanga, Zoë Nyathi\n---\nThanks\n",
                                 T + "survey.csv": "customer,staff,text\nBo,\"Tawanda Mhlanga, "
                                 "Zoë Nyathi\",Kind\n"}))
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 0, outcome.stderr
    assert [line for line in outcome.lines if "matches no one" in line] == [
        T + "survey.csv:2: warning: \"Tawanda Mhlanga, Zoë Nyathi\" in `staff` matches no one "
        "on the honour roll; to give several names, separate them with ; like Tawanda Mhlanga; "
        "Zoë Nyathi",
        T + "t.md:3: warning: \"Tawanda Mhlanga, Zoë Nyathi\" in `staff` matches no one on "
        "the honour roll; to give several names, separate them with ; (staff: Tawanda Mhlanga; "
        "Zoë Nyathi) or write them as a list (staff: [Tawanda Mhlanga, Zoë Nyathi])"]


def test_misspelt_key_is_a_warning_naming_the_known_key(make_site: MakeSite, run: Run) -> None:
    site = make_site(with_theme({**GOOD, T + "t.md":
                                 "---\ncustomer: Ann\nratng: 4\n---\nThanks\n"}))
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 0, outcome.stderr
    find_line(outcome, T + "t.md:3: warning: ", "`ratng`", "did you mean `rating`?")


# --- everything in one run ----------------------------------------------------------------

def test_every_problem_in_every_file_is_reported(fails: Fails) -> None:
    outcome = fails({
        T + "a.md": "---\ntitle: No customer\n---\nText\n",  # 1
        T + "b.md": "---\ncustomer: B\nrating: 0\ndate: 2026-13-01\n---\nText\n",  # 2
        H + "x.md": "---\nrole: Agent\n---\nKind\n",  # 1
        D + "sat.md": "---\ntitle: Sat\nday: saturday\n---\n",  # 1
        P + "faq.md": "---\ntitle: FAQ\n",  # 1
        T + "rows.csv": "customer,rating,text\n,2,Anonymous\nCee,6,Hm\n",  # 2
    })
    expected = [T + "a.md:1: ", T + "b.md:3: ", T + "b.md:4: ", H + "x.md:1: ",
                D + "sat.md:3: ", P + "faq.md:1: ", T + "rows.csv:2: ", T + "rows.csv:3: "]
    for prefix in expected:
        find_line(outcome, prefix)
    assert failed_count(outcome) == len(expected) == len(error_lines(outcome))


@pytest.mark.parametrize("when", ["day: tuseday", "date: 2026-11-04"])
def test_a_wrong_day_does_not_hide_the_days_other_problems(fails: Fails, when: str) -> None:
    outcome = fails({D + "tuesday.md": f"---\ntitle: Tue\n{when}\nevents:\n  - time: 25:00\n"
                     "    title: Quiz\n---\nRead [the policy](../policy2.md).\n"})
    find_line(outcome, D + "tuesday.md:3: ", when.split(":")[0])
    find_line(outcome, D + "tuesday.md:5: ", "25:00")
    find_line(outcome, D + "tuesday.md:8: ", "../policy2.md", "does not exist")
    assert failed_count(outcome) == 3


def test_config_and_content_problems_reported_together(fails: Fails) -> None:
    config = MINI_CONFIG + "days = 9\n\n[brand]\nprimary = \"red\"\n"
    outcome = fails({"config.toml": config, T + "a.md": "---\nrating: 9\n---\nHi\n"})
    find_line(outcome, "config.toml:8: ", "[week] days must be a whole number from 1 to 7")
    find_line(outcome, "config.toml:11: ", "[brand] primary", '"red"')
    find_line(outcome, T + "a.md:1: ", "`customer` is required")
    find_line(outcome, T + "a.md:2: ", "`rating`")
    assert failed_count(outcome) == 4


def test_unknown_theme_and_content_problems_reported_together(fails: Fails) -> None:
    outcome = fails({"config.toml": MINI_CONFIG.replace('"mini"', '"minty"'),
                     T + "a.md": "---\ntitle: Hi\n---\nHi\n"})
    find_line(outcome, "config.toml:3: ", '"minty"', "not found")
    find_line(outcome, T + "a.md:1: ", "`customer` is required")


def test_broken_link_in_a_day_not_yet_revealed(fails: Fails) -> None:
    config = MINI_CONFIG + "reveal = \"daily\"\n"
    outcome = fails({"config.toml": config, D + "fri.md":
                     "---\ntitle: Awards Friday\nday: fri\n---\nSee [the list](../nope.md).\n"})
    find_line(outcome, D + "fri.md:5: ", "../nope.md", "does not exist")


SCHEDULED = "---\ncustomer: Sched\npublish: 2027-10-06\n---\nHello.\n\n"


def test_broken_link_in_a_file_published_later(fails: Fails, make_site: MakeSite,
                                                run: Run) -> None:
    """Reported now, as the error it will be on its publish day, not on that morning."""
    broken: Files = {T + "sched.md": SCHEDULED + "See [our promise](../promise.md).\n"}
    outcome = fails(broken)
    find_line(outcome, T + "sched.md:7: ", "../promise.md", "does not exist")
    site = make_site(with_theme({**GOOD, **broken}))
    on_the_day = run(site, "build", "--as-of", "2027-10-06")
    assert on_the_day.exit_code == 1
    find_line(on_the_day, T + "sched.md:7: ", "../promise.md", "does not exist")


def test_file_published_later_may_link_to_files_not_published_yet(make_site: MakeSite,
                                                                  run: Run) -> None:
    site = make_site(with_theme({**GOOD,
        T + "sched.md": SCHEDULED + "See [Bo](bo.md) and [Cy](cy.md).\n",
        T + "bo.md": "---\ncustomer: Bo\npublish: 2027-10-06\n---\nHi.\n",
        T + "cy.md": "---\ncustomer: Cy\ndraft: true\n---\nHi.\n"}))
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 0, outcome.stderr
    assert "sched.md" not in outcome.stderr


def test_broken_link_in_a_draft_is_reported_with_drafts_only(make_site: MakeSite,
                                                             run: Run) -> None:
    """A draft may never be published: it is checked when it is built, with --drafts."""
    site = make_site(with_theme({**GOOD, T + "wip.md": "---\ncustomer: Wip\ndraft: true\n"
                                 "---\nSee [our promise](../promise.md).\n"}))
    assert run(site, "build", *AS_OF).exit_code == 0
    outcome = run(site, "build", *AS_OF, "--drafts")
    assert outcome.exit_code == 1
    find_line(outcome, T + "wip.md:5: ", "../promise.md", "does not exist")


def test_section_folders_and_files_named_with_capitals(fails: Fails) -> None:
    """They work on Windows and macOS, and on a Linux CI server lose the section."""
    outcome = fails({"content/Pages/faq.md": "---\ntitle: FAQ\n---\nAsk.\n",
                     "content/Pages/about.md": "---\ntitle: About\n---\nUs.\n",
                     # links by the right names: right once the files are renamed, so the
                     # folder's and the file's own errors are the only ones
                     "content/index.md": "---\ntitle: Home\n---\nRead [the policy](policy.md) "
                                         "and [the FAQ](pages/faq.md).\n",
                     "content/Testimonials/staff.csv": "customer,text\nRudo M.,Kind\n",
                     "content/Policy.md": "---\ntitle: Policy\n---\nWe answer.\n"})
    assert error_lines(outcome) == [
        'content/Pages: the folder "Pages" should be named "pages", all in small letters: '
        "cswgen looks for content/pages/ exactly, so on a Linux server (where sites are "
        "usually built) everything in it would be left out, although Windows and macOS "
        'find it; rename the folder to "pages"',
        'content/Policy.md: the file "Policy.md" should be named "policy.md", all in small '
        "letters: links to content/policy.md find it on Windows and macOS but not on a Linux "
        'server (where sites are usually built); rename the file to "policy.md"',
        'content/Testimonials: the folder "Testimonials" should be named "testimonials", all '
        "in small letters: cswgen looks for content/testimonials/ exactly, so on a Linux "
        "server (where sites are usually built) everything in it would be left out, although "
        'Windows and macOS find it; rename the folder to "testimonials"']
    assert "warning" not in outcome.stderr


def test_a_link_to_a_file_with_an_error_is_not_called_a_draft(fails: Fails) -> None:
    outcome = fails({
        T + "bo.md": '---\ncustomer: "Bo\n---\nKind.\n',  # its own error
        D + "tue.md": "---\ntitle: Tue\nday: tuseday\n---\nHi.\n",  # kept out by its error
        T + "wip.md": "---\ncustomer: Wip\ndraft: true\n---\nSoon.\n",
        P + "a.md": "---\ntitle: A\n---\nSee [Bo](../testimonials/bo.md).\n",
        P + "b.md": "---\ntitle: B\n---\nSee [Bo](../testimonials/bo.md), [Tue](../days/tue.md)"
                    " and [Wip](../testimonials/wip.md).\n"})
    assert [line.split(":")[0] for line in error_lines(outcome)] == [D + "tue.md", T + "bo.md"]
    [warning] = [line for line in outcome.lines if ": warning: " in line]
    assert warning.startswith(P + "b.md:4: warning: the link to ../testimonials/wip.md goes to "
                              "content/testimonials/wip.md, which is not published (a draft")


def test_toml_event_error_points_at_its_own_event(fails: Fails) -> None:
    text = ('+++\ntitle = "Tue"\nday = "tue"\n\n[[events]]\ntime = "09:00"\ntitle = "A"\n\n'
            '[[events]]\ntime = "14:00"\nend = "13:00"\ntitle = "Quiz"\n+++\nBody\n')
    outcome = fails({D + "tue.md": text})
    line = find_line(outcome, D + "tue.md:", "event 2 ends at 13:00")
    assert line.startswith((D + "tue.md:9: ", D + "tue.md:11: ")), line


# --- the output folder --------------------------------------------------------------------

def test_failed_first_build_creates_no_output_folder(make_site: MakeSite, run: Run) -> None:
    site = make_site(with_theme({T + "a.md": "---\nrating: 9\n---\nHi\n"}))
    before = sorted(p.name for p in site.iterdir())
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert not (site / "output").exists()
    assert sorted(p.name for p in site.iterdir()) == before


def test_failed_first_build_with_a_template_error_creates_no_output_folder(
        make_site: MakeSite, run: Run) -> None:
    site = make_site(with_theme({"themes/mini/templates/page.html": "{{ page.nosuch.x }}",
                                 P + "faq.md": "---\ntitle: FAQ\n---\nQ\n"}))
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    find_line(outcome, "themes/mini/templates/page.html:1: ", "template error")
    assert not (site / "output").exists()
    assert not list(site.glob(".cswgen-staging-*"))


def test_template_error_leaves_previous_output(fails: Fails) -> None:
    outcome = fails({"themes/mini/templates/page.html": "{{ page.nosuch.x }}",
                     P + "faq.md": "---\ntitle: FAQ\n---\nQ\n"})
    find_line(outcome, "themes/mini/templates/page.html:1: ", "template error")


def test_output_folder_with_a_file_cswgen_did_not_write(make_site: MakeSite, run: Run) -> None:
    site = make_site(with_theme(GOOD))
    write(site, {"output/notes.txt": "my notes\n"})
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    find_line(outcome, "config.toml:", "did not write", "notes.txt")
    assert snapshot(site / "output") == {"notes.txt": b"my notes\n"}


def test_built_output_folder_with_a_file_added_later(make_site: MakeSite, run: Run) -> None:
    site = make_site(with_theme(GOOD))
    assert run(site, "build", *AS_OF).exit_code == 0
    write(site, {"output/days/plan.docx": b"PK\x03\x04 my plan"})
    before = snapshot(site / "output")
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    find_line(outcome, "config.toml:", "did not write", "days/plan.docx")
    assert snapshot(site / "output") == before


@pytest.mark.parametrize("where", [".", "..", "content/site", "content", "themes/out"])
def test_output_option_that_is_or_is_inside_the_sources(make_site: MakeSite, run: Run,
                                                        where: str) -> None:
    site = make_site(with_theme(GOOD))
    before = snapshot(site.parent)
    outcome = run(site, "build", *AS_OF, "--output", where)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    find_line(outcome, "--output: ", "the output folder")
    assert snapshot(site.parent) == before


def test_configured_output_inside_content(make_site: MakeSite, run: Run) -> None:
    site = make_site(with_theme({**GOOD, "config.toml": MINI_CONFIG
                                 + "\n[build]\noutput = \"content/site\"\n"}))
    before = snapshot(site)
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    find_line(outcome, "config.toml:10: ", "content/site", "inside content/")
    assert snapshot(site) == before
