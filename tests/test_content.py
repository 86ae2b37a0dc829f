"""Content that is read correctly: encodings, front matter, CSV, slugs, links, time, safety.

Each test builds a throwaway site with its own tiny theme (`mini`, whose templates print
the view fields under test) through the real command line, then reads the output files.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.helpers import AS_OF, MINI_CONFIG, Files, MakeSite, Run, files_in, with_theme
from tests.photofactory import phone_jpeg

# the templates of the `mini` theme that print the view fields under test (the others: MINI)
THEME = {
    "day": (
        "<!doctype html><title>{{ page.title }}</title><h1>{{ page.day.title }}</h1>\n"
        "<p class=summary>{{ page.day.summary }}</p>\n"
        "{% for e in page.day.events %}<li>{{ e.time }}-{{ e.end }} {{ e.title }}</li>\n"
        "{% endfor %}extra={{ page.day.extra }}\n{{ page.body_html | safe }}\n"),
    "testimonial": (
        "<!doctype html><title>{{ page.title }}</title>\n"
        "customer={{ page.testimonial.customer }} rating={{ page.testimonial.rating }} "
        "featured={{ page.testimonial.featured }}\n"
        "{% for s in page.testimonial.staff %}<a class=staff href=\"{{ s.path | url }}\">"
        "{{ s.name }}</a>\n{% endfor %}extra={{ page.testimonial.extra }}\n"
        "{{ page.body_html | safe }}\n"),
    "honour": ("<!doctype html><title>{{ page.title }}</title>name={{ page.person.name }}\n"
               "extra={{ page.person.extra }}\n{{ page.body_html | safe }}\n"),
    "page": ("<!doctype html><title>{{ page.title }}</title>extra={{ page.extra }}\n"
             "{{ page.body_html | safe }}\n"),
    "home": ("<!doctype html><title>{{ page.title }}</title>\n"
             "{% for t in page.featured %}featured:{{ t.customer }}\n{% endfor %}"
             "{% for d in page.days %}day:{{ d.title }}|{{ d.summary }}\n{% endfor %}"
             "{{ page.body_html | safe }}\n"),
}
CONFIG = MINI_CONFIG
Build = Callable[..., Path]  # (files, command-line arguments) -> the output folder


@pytest.fixture
def build(make_site: MakeSite, run: Run) -> Build:
    """Write a site, build it (exit 0 required), return its output folder."""

    def go(files: Files, *args: str) -> Path:
        site = make_site(with_theme(files, THEME))
        outcome = run(site, "build", *(args or AS_OF))
        assert "Traceback" not in outcome.stdout + outcome.stderr
        assert outcome.exit_code == 0, outcome.stderr
        return site / "output"

    return go


def read(output: Path, relative: str) -> str:
    return (output / relative).read_text("utf-8")


def hrefs(text: str, css_class: str | None = None) -> list[str]:
    pattern = (rf'<a class={css_class} href="([^"]*)"' if css_class else r'href="([^"]*)"')
    return re.findall(pattern, text)


def target_of(page: str, href: str) -> str:
    """The output file a relative link on `page` (an output path) opens."""
    path = posixpath.normpath(posixpath.join(posixpath.dirname(page), href))
    if href.endswith("/"):
        path += "/index.html"
    return path


# --- encodings and line endings -----------------------------------------------------------

def test_crlf_and_bom_in_a_markdown_file(build: Build) -> None:
    text = "\ufeff---\r\ntitle: About us\r\nmenu: 1\r\n---\r\nWe are **here**.\r\n\r\nSecond.\r\n"
    out = build({"content/pages/about.md": text.encode("utf-8")})
    page = read(out, "about/index.html")
    assert "<title>About us</title>" in page
    assert "<strong>here</strong>" in page
    assert "<p>Second.</p>" in page
    assert "\r" not in page


def test_excel_csv_utf8_with_bom_and_crlf(build: Build) -> None:
    csv = ("\ufeffcustomer,rating,text\r\n"
           "Rudo M.,5,\"Thank you,\r\nfrom all of us\"\r\n"
           "Zoë K.,4,Quick and kind\r\n")
    out = build({"content/testimonials/survey.csv": csv.encode("utf-8")})
    rudo = read(out, "testimonials/rudo-m/index.html")
    assert "customer=Rudo M. rating=5" in rudo
    assert "from all of us" in rudo
    assert "customer=Zoë K. rating=4" in read(out, "testimonials/zoe-k/index.html")


# --- time ---------------------------------------------------------------------------------

def test_unquoted_times_are_clock_times(build: Build) -> None:
    day = ("---\ntitle: Monday\nday: monday\nevents:\n"
           "  - time: 10:30\n    end: 11:15\n    title: Opening\n"
           "  - time: 09:05\n    title: Breakfast\n---\n")
    out = build({"content/days/monday.md": day})
    page = read(out, "days/monday/index.html")
    assert "<li>10:30-11:15 Opening</li>" in page
    assert "<li>09:05-None Breakfast</li>" in page
    ics = read(out, "week.ics")
    assert "DTSTART;TZID=Africa/Harare:20261005T103000" in ics
    assert "DTEND;TZID=Africa/Harare:20261005T111500" in ics
    assert "DTSTART;TZID=Africa/Harare:20261005T090500" in ics
    assert "630" not in ics.replace("20261005", "")


def test_unquoted_times_with_seconds_are_clock_times(build: Build) -> None:
    # (a time copied from Outlook or Excel: TOML's `time = 16:45:00` reads so already;
    # YAML 1.1 would read it as the sexagesimal number 60300)
    day = ("---\ntitle: Monday\nday: monday\nevents:\n"
           "  - time: 16:45:00\n    end: 17:30:00\n    title: Prizes\n---\n")
    out = build({"content/days/monday.md": day})
    assert "<li>16:45-17:30 Prizes</li>" in read(out, "days/monday/index.html")
    ics = read(out, "week.ics")
    assert "DTSTART;TZID=Africa/Harare:20261005T164500" in ics
    assert "DTEND;TZID=Africa/Harare:20261005T173000" in ics


def test_toml_front_matter_with_events_table(build: Build) -> None:
    day = ('+++\ntitle = "Quiz Tuesday"\ndate = 2026-10-06\nsummary = "Bring a pen"\n\n'
           '[[events]]\ntime = "14:00"\nend = "15:30"\ntitle = "The big quiz"\nplace = "Hall"\n'
           '\n[[events]]\ntime = 16:45:00\ntitle = "Prizes"\n+++\nQuestions **galore**.\n')
    out = build({"content/days/quiz.md": day})
    page = read(out, "days/quiz/index.html")
    assert "<h1>Quiz Tuesday</h1>" in page
    assert "<li>14:00-15:30 The big quiz</li>" in page
    assert "<li>16:45-None Prizes</li>" in page
    assert "<strong>galore</strong>" in page
    ics = read(out, "week.ics")
    assert "DTSTART;TZID=Africa/Harare:20261006T140000" in ics
    assert "LOCATION;LANGUAGE=en:Hall" in ics


# --- CSV ----------------------------------------------------------------------------------

def test_csv_testimonials_lists_booleans_and_empty_cells(build: Build) -> None:
    csv = ("customer,rating,staff,featured,text\n"
           "Rudo M.,,Zoë Nyathi; Tino Banda ,yes,Lovely people\n"
           "Bob,4,,TRUE,Nice\n"
           "Cat,3,Tino Banda,no,Fine\n")
    out = build({
        "content/testimonials/survey.csv": csv,
        "content/honour-roll/zoë-nyathi.md": "---\nname: Zoë Nyathi\n---\nKind.\n",
        "content/honour-roll/tino-banda.md": "---\nname: Tino Banda\n---\nCalm.\n",
    })
    rudo = read(out, "testimonials/rudo-m/index.html")
    assert "rating=None featured=True" in rudo  # the empty cell is an absent rating
    staff = re.findall(r'<a class=staff href="([^"]*)">([^<]*)</a>', rudo)
    assert [name for _, name in staff] == ["Zoë Nyathi", "Tino Banda"]
    page = "testimonials/rudo-m/index.html"
    assert [target_of(page, href) for href, _ in staff] == [
        "honour-roll/zoe-nyathi/index.html", "honour-roll/tino-banda/index.html"]
    assert "rating=4 featured=True" in read(out, "testimonials/bob/index.html")
    assert "featured=False" in read(out, "testimonials/cat/index.html")
    home = read(out, "index.html")
    assert "featured:Rudo M." in home and "featured:Bob" in home
    assert "featured:Cat" not in home


def test_yes_and_no_as_spreadsheets_and_people_write_them(build: Build) -> None:
    """A featured column ticked with 1 and 0, Y and N, an x or a tick mark (what Excel
    lists hold; Jo's tick is typed on a phone, ✔ with the selector for its colour
    picture), and `featured: 1` in front matter, all read as yes or no."""
    csv = ("customer,featured,text\n"
           "Ann,1,A\nBen,0,B\nCleo,Y,C\nDan,n,D\nEve,x,E\nFay,\u2713,F\nGus,,G\n"
           "Jo,\u2714\ufe0f,J\n")
    out = build({"content/testimonials/survey.csv": csv,
                 "content/testimonials/hal.md": "---\ncustomer: Hal\nfeatured: 1\n---\nH\n",
                 "content/testimonials/ida.md": "---\ncustomer: Ida\nfeatured: 0\n---\nI\n"})
    featured = {name: "featured=True" in read(out, f"testimonials/{name.lower()}/index.html")
                for name in ("Ann", "Ben", "Cleo", "Dan", "Eve", "Fay", "Gus", "Hal", "Ida",
                             "Jo")}
    assert featured == {"Ann": True, "Ben": False, "Cleo": True, "Dan": False, "Eve": True,
                        "Fay": True, "Gus": False, "Hal": True, "Ida": False, "Jo": True}


def test_csv_honour_roll_citation_long_is_the_body(build: Build) -> None:
    csv = ('name,role,citation,citation_long\n'
           'Tino Banda,Agent,Calm under pressure,"Takes the **hard** calls.\n\nEvery day."\n')
    out = build({"content/honour-roll/staff.csv": csv})
    page = read(out, "honour-roll/tino-banda/index.html")
    assert "name=Tino Banda" in page
    assert "<p>Takes the <strong>hard</strong> calls.</p>" in page
    assert "<p>Every day.</p>" in page
    assert "citation_long" not in page


# --- slugs and staff names ----------------------------------------------------------------

def test_slugs_are_transliterated(build: Build) -> None:
    out = build({
        "content/honour-roll/zoë-nyathi.md": "---\nname: Zoë Nyathi\n---\nKind.\n",
        "content/testimonials/survey.csv": "customer,text\nRudo M.,Thanks\n",
        "content/pages/Über Uns.md": "---\ntitle: Über uns\n---\nHallo\n",
    })
    found = files_in(out)
    assert "honour-roll/zoe-nyathi/index.html" in found
    assert "honour-roll/zoe-nyathi/certificate/index.html" in found
    assert "testimonials/rudo-m/index.html" in found
    assert "uber-uns/index.html" in found


def test_staff_names_link_ignoring_case_accents_and_spacing(build: Build) -> None:
    out = build({
        "content/honour-roll/zoë-nyathi.md": "---\nname: Zoë Nyathi\n---\nKind.\n",
        "content/testimonials/ann.md": "---\ncustomer: Ann\nstaff:\n  - zoe  NYATHI\n---\nHi\n",
    })
    page = "testimonials/ann/index.html"
    (href,) = hrefs(read(out, page), "staff")
    assert href == "../../honour-roll/zoe-nyathi/"
    assert target_of(page, href) == "honour-roll/zoe-nyathi/index.html"
    assert (out / target_of(page, href)).is_file()


def test_arabic_staff_names_link_ignoring_marks_tatweel_and_spacing(build: Build) -> None:
    """The same name typed with or without harakat, tatweel, a final ة or ه, and عبدالله
    or عبد الله is one person; but two letters that only sound alike in a Latin
    transliteration (ح and ه: الحمداني, الهمداني) are two people, not the first one twice."""
    out = build({
        "content/honour-roll/fatima.md": "---\nname: فاطِمة البَلوشي\n---\nشكرًا.\n",
        "content/honour-roll/abdullah.md": "---\nname: عبد الله السيابي\n---\nشكرًا.\n",
        "content/honour-roll/hamdani.md": "---\nname: سعيد الحمداني\n---\nشكرًا.\n",
        "content/honour-roll/hamadani.md": "---\nname: سعيد الهمداني\n---\nشكرًا.\n",
        "content/testimonials/salim.md": "---\ncustomer: سالم\nstaff:\n  - فاطمه البلوشي\n"
                                         "  - عبدالله السيـابي\n  - سعيد الهمداني\n"
                                         "  - سعيد  الحمداني\n---\nشكرًا.\n",
    })
    page = "testimonials/salim/index.html"
    assert [target_of(page, href) for href in hrefs(read(out, page), "staff")] == [
        f"honour-roll/{slug}/index.html" for slug in ("fatima", "abdullah", "hamadani",
                                                       "hamdani")]



def test_staff_names_typed_in_words_punctuation_or_with_a_hyphen_link(build: Build) -> None:
    """Word turns O'Brien into O’Brien as it is typed, another customer leaves the
    apostrophe out, and Jean-Claude is Jean Claude on another list: the same person, as
    SPEC's "case, accents and spacing ignored" means."""
    out = build({
        "content/honour-roll/sean.md": "---\nname: Sean O'Brien\n---\nThanks.\n",
        "content/honour-roll/jean.md": "---\nname: Jean-Claude Uwimana\n---\nThanks.\n",
        "content/testimonials/rita.md": "---\ncustomer: Rita\nstaff:\n  - Seán O’Brien\n"
                                        "  - Jean Claude Uwimana\n  - sean obrien\n---\n"
                                        "Thanks.\n",
    })
    page = "testimonials/rita/index.html"
    assert [target_of(page, href) for href in hrefs(read(out, page), "staff")] == [
        f"honour-roll/{slug}/index.html" for slug in ("sean", "jean", "sean")]


def test_a_staff_name_in_another_script_is_suggested(make_site: MakeSite, run: Run) -> None:
    """A customer writes the Latin spelling of a name the honour roll has in Arabic or
    Cyrillic: they do not link (a transliteration drops what tells names apart), but the
    warning names the person it may be."""
    site = make_site({
        "content/honour-roll/fatima.md": "---\nname: فاطمة البلوشي\n---\nشكرًا.\n",
        "content/honour-roll/olena.md": "---\nname: Олена Коваленко\n---\nДякую.\n",
        # (accented Latin is not another script: "Tinashe Banda" is not João Banda's)
        "content/honour-roll/joao.md": "---\nname: João Banda\n---\nObrigado.\n",
        "content/testimonials/rita.md": "---\ncustomer: Rita\nstaff:\n  - Fatima Al Balushi\n"
                                        "  - Olena Kovalenko\n  - Tinashe Banda\n---\n"
                                        "Thanks.\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert [line for line in outcome.lines if "in `staff`" in line] == [
        'content/testimonials/rita.md:3: warning: "Fatima Al Balushi" in `staff` matches no '
        'one on the honour roll; did you mean "فاطمة البلوشي"?',
        'content/testimonials/rita.md:3: warning: "Olena Kovalenko" in `staff` matches no '
        'one on the honour roll; did you mean "Олена Коваленко"?',
        'content/testimonials/rita.md:3: warning: "Tinashe Banda" in `staff` matches no '
        'one on the honour roll; add them to content/honour-roll/ or check the spelling']


# --- what is published when ---------------------------------------------------------------

DRAFTS = {
    "content/testimonials/done.md": "---\ncustomer: Done\n---\nFinished.\n",
    "content/testimonials/wip.md": "---\ncustomer: Wip\ndraft: true\n---\nNot yet.\n",
    "content/pages/later.md": "---\ntitle: Later\npublish: 2026-10-08\n---\nSoon.\n",
}


def test_drafts_left_out_without_the_flag(build: Build) -> None:
    out = build(DRAFTS)
    found = files_in(out)
    assert "testimonials/done/index.html" in found
    assert "testimonials/wip/index.html" not in found
    assert not any("Not yet" in read(out, f) for f in found if f.endswith((".html", ".xml")))


def test_drafts_included_with_the_flag(build: Build) -> None:
    out = build(DRAFTS, *AS_OF, "--drafts")
    assert "Not yet." in read(out, "testimonials/wip/index.html")


def test_publish_date_later_than_as_of_left_out(build: Build) -> None:
    assert "later/index.html" not in files_in(build(DRAFTS))
    out = build(DRAFTS, "--as-of", "2026-10-08")
    assert "Soon." in read(out, "later/index.html")


def test_daily_reveal_shows_future_days_as_teasers(build: Build) -> None:
    out = build({
        "config.toml": CONFIG + 'reveal = "daily"\n',
        "content/days/monday.md": "---\ntitle: Past Monday\nday: mon\nsummary: MonSum\n"
                                  "events:\n  - time: 10:30\n    title: MonEvent\n---\n"
                                  "Monday secret body\n",
        "content/days/tuesday.md": "---\ntitle: Today Tuesday\nday: tue\nevents:\n"
                                   "  - time: 11:00\n    title: TueEvent\n---\nTuesday body\n",
        "content/days/thursday.md": "---\ntitle: Future Thursday\nday: thu\n"
                                    "summary: ThuSum\nevents:\n  - time: 10:30\n"
                                    "    title: ThuEvent\n---\nThursday secret body\n",
    })
    thursday = read(out, "days/thursday/index.html")
    assert "<h1>Future Thursday</h1>" in thursday
    monday = read(out, "days/monday/index.html")
    assert "MonEvent" in monday and "Monday secret body" in monday and "MonSum" in monday
    assert "TueEvent" in read(out, "days/tuesday/index.html")  # today counts as come
    ics = read(out, "week.ics")
    assert "SUMMARY;LANGUAGE=en:Future Thursday" in ics
    assert "SUMMARY;LANGUAGE=en:MonEvent" in ics and "SUMMARY;LANGUAGE=en:TueEvent" in ics
    for name in files_in(out):
        text = (out / name).read_bytes().decode("utf-8", "replace")
        for secret in ("ThuEvent", "Thursday secret body", "ThuSum"):
            assert secret not in text, f"{secret} leaked into {name}"
    assert "day:Future Thursday|\n" in read(out, "index.html")


# --- links --------------------------------------------------------------------------------

LINKS = {
    "content/policy.md": "---\ntitle: Policy\n---\nWe answer fast.\n",
    "content/pages/about.md": "---\ntitle: About\n---\nSee [p](../policy.md) and "
                              "[faq](faq.md#top) and [logo](../images/logo.png).\n",
    "content/pages/faq.md": "---\ntitle: FAQ\n---\nQ\n",
    "content/images/logo.png": b"\x89PNG\r\n\x1a\n",
    "content/honour-roll/zoë-nyathi.md": "---\nname: Zoë Nyathi\n---\nKind.\n",
    "content/testimonials/ann.md": "---\ncustomer: Ann\nstaff: [Zoë Nyathi]\n---\nHi\n",
}


def test_markdown_link_to_a_content_file_becomes_a_relative_link(build: Build) -> None:
    out = build(LINKS)
    page = "about/index.html"
    links = hrefs(read(out, page))
    assert links == ["../policy/", "../faq/#top", "../images/logo.png"]
    for href in links:
        assert (out / target_of(page, href.partition("#")[0])).is_file(), href


def test_portable_links_name_index_html(build: Build) -> None:
    out = build(LINKS, *AS_OF, "--portable")
    page = "about/index.html"
    links = hrefs(read(out, page))
    assert links == ["../policy/index.html", "../faq/index.html#top", "../images/logo.png"]
    for href in links:
        assert (out / posixpath.join("about", href.partition("#")[0])).resolve().is_file()
    assert hrefs(read(out, "testimonials/ann/index.html"), "staff") == [
        "../../honour-roll/zoe-nyathi/index.html"]


def test_a_link_written_as_the_pages_address_keeps_its_folder(build: Build) -> None:
    """People copy a page's address from the browser: [the FAQ](/faq/).  It was built as
    ../faq, with the slash lost, which a zip opened from disk cannot follow, and with
    --portable it did not name index.html."""
    about = ("---\ntitle: About\n---\nSee [the FAQ](/faq/), [the hours](/faq/#top), "
             "[home](/) and [the logo](/images/logo.png).\n")
    files = {**LINKS, "content/pages/about.md": about}
    page = "about/index.html"
    assert hrefs(read(build(files), page)) == ["../faq/", "../faq/#top", "../",
                                               "../images/logo.png"]
    portable = hrefs(read(build(files, *AS_OF, "--portable"), page))
    assert portable == ["../faq/index.html", "../faq/index.html#top", "../index.html",
                        "../images/logo.png"]


def test_links_find_a_file_whose_accents_are_stored_decomposed(build: Build) -> None:
    """macOS may store `zoë` as `zoe` + a combining diaeresis; a link typed elsewhere has
    the composed `ë`.  Both look the same, so the link must work, and the address is the
    same as for the composed name."""
    out = build({
        "content/honour-roll/zoe\u0308-nyathi.md": "---\nname: Zoë Nyathi\n---\nKind.\n",
        "content/files/zoe\u0308-cv.pdf": b"%PDF-1.4",
        "content/pages/about.md": "---\ntitle: About\n---\nMeet [Zoë](../honour-roll/"
                                  "zo\u00eb-nyathi.md) and read [her CV]"
                                  "(../files/zo\u00eb-cv.pdf).\n"})
    page = "about/index.html"
    links = hrefs(read(out, page))
    assert links[0] == "../honour-roll/zoe-nyathi/"
    for href in links:
        assert (out / target_of(page, html.unescape(href))).is_file(), href


def test_a_photo_field_finds_a_file_whose_accents_are_stored_decomposed(
        make_site: MakeSite, run: Run) -> None:
    site = make_site({
        "content/images/zoe\u0308.jpg": phone_jpeg(200, 150, orientation=1, location=False),
        "content/honour-roll/zoe\u0308-nyathi.md": "---\nname: Zoë Nyathi\nphoto: "
                                                   "../images/zo\u00eb.jpg\nalt: Zoë smiling\n"
                                                   "---\nKind.\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    page = (site / "output/honour-roll/zoe-nyathi/index.html").read_text("utf-8")
    assert 'alt="Zoë smiling"' in page


def test_a_mac_screenshot_is_found_by_its_name_typed_with_a_plain_space(
        make_site: MakeSite, run: Run) -> None:
    """macOS names a screenshot "Screenshot 2027-09-28 at 2.05.22\u202fPM.png", with a narrow
    no-break space before PM.  Typed with a space, the picture was "not found; did you mean
    Screenshot 2027-09-28 at 2.05.22 PM.png", a name that looks the same as the one typed."""
    shot = "Screenshot 2026-09-28 at 2.05.22\u202fPM.png"
    typed = "../images/Screenshot 2026-09-28 at 2.05.22 PM.png"
    site = make_site({
        f"content/images/{shot}": phone_jpeg(200, 150, orientation=1, location=False),
        "content/pages/app.md": f"---\ntitle: The app\nimage: {typed}\nalt: The new app\n---\n"
                                f"![The login screen]({typed})\n\n[Full size](<{typed}>)\n",
        "content/testimonials/ann.md": f"---\ncustomer: Ann\nphoto: {typed}\n---\nHi\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert not [line for line in outcome.lines if "Screenshot" in line]
    out = site / "output"
    page = (out / "app/index.html").read_text("utf-8")
    assert 'alt="The login screen"' in page and "screenshot-2026-09-28" in page
    link = re.search(r'href="([^"]*Screenshot[^"]*)"', page)
    assert link and (out / "app" / unquote(html.unescape(link[1]))).resolve().is_file()


# --- unknown keys reach templates ---------------------------------------------------------

def test_unknown_front_matter_keys_reach_templates(build: Build) -> None:
    out = build({
        "content/pages/about.md": "---\ntitle: About\nmood: sunny\n---\nx\n",
        "content/testimonials/ann.md": "---\ncustomer: Ann\nvideo: ann.mp4\n---\nHi\n",
        "content/honour-roll/tino.md": "---\nname: Tino\nshoe_size: 44\n---\nHi\n",
        "content/days/mon.md": "---\ntitle: Mon\nday: mon\ncolour: teal\n---\nHi\n",
        "content/testimonials/rows.csv": "customer,branch,text\nBob,Mutare,Good\n",
    })
    assert "extra={&#39;mood&#39;: &#39;sunny&#39;}" in read(out, "about/index.html")
    assert "extra={&#39;video&#39;: &#39;ann.mp4&#39;}" in read(out, "testimonials/ann/index.html")
    assert "extra={&#39;shoe_size&#39;: 44}" in read(out, "honour-roll/tino/index.html")
    assert "extra={&#39;colour&#39;: &#39;teal&#39;}" in read(out, "days/mon/index.html")
    assert "extra={&#39;branch&#39;: &#39;Mutare&#39;}" in read(out, "testimonials/bob/index.html")


# --- HTML from content is made harmless ---------------------------------------------------

NASTY = ("Great service! <script>alert('s')</script>\n\n"
         "<img src=\"x.png\" onerror=\"alert('i')\"> and [click](javascript:alert('j')) "
         "and <a href=\"javascript:alert('k')\">here</a>.\n")
DANGER = re.compile(r"<script|\bonerror\s*=|javascript:", re.IGNORECASE)


def nasty_site(unsafe: bool) -> dict[str, str | bytes]:
    config = CONFIG + ("\n[build]\nunsafe_html = true\n" if unsafe else "")
    return {"config.toml": config,
            "content/testimonials/ann.md": "---\ncustomer: Ann\n---\n" + NASTY,
            "content/honour-roll/tino.md": "---\nname: Tino\n---\n" + NASTY}


def test_script_from_content_never_reaches_the_output(build: Build) -> None:
    out = build(nasty_site(unsafe=False))
    assert "Great service!" in read(out, "testimonials/ann/index.html")
    assert "Great service!" in read(out, "honour-roll/tino/index.html")
    for name in files_in(out):
        text = html.unescape((out / name).read_bytes().decode("utf-8", "replace"))
        assert not DANGER.search(text), f"{name}: {DANGER.search(text)}"


def test_unsafe_html_lets_content_html_through(build: Build) -> None:
    out = build(nasty_site(unsafe=True))
    page = read(out, "testimonials/ann/index.html")
    assert "<script>alert(" in page
    assert "onerror=" in page
    assert 'href="javascript:' in page


# --- which files are copied ---------------------------------------------------------------

def test_markdown_and_content_csv_are_not_copied_other_files_are(build: Build) -> None:
    out = build({
        "content/testimonials/survey.csv": "customer,text\nAnn,Hi\n",
        "content/honour-roll/hr-export.csv": "name,salary,citation_long\nTino,99999,Calm\n",
        "content/testimonials/ann.jpg": b"\xff\xd8\xff\xe0 jpeg",
        "content/downloads/programme.pdf": b"%PDF-1.4 programme",
        "content/downloads/timetable.csv": "time,what\n10:00,Opening\n",
        "content/images/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "content/pages/faq.md": "---\ntitle: FAQ\n---\nQ\n",
        "content/notes/readme.md": "Internal notes\n",
    })
    found = files_in(out)
    assert {"testimonials/ann.jpg", "downloads/programme.pdf", "downloads/timetable.csv",
            "images/logo.svg"} <= found
    assert (out / "downloads/programme.pdf").read_bytes() == b"%PDF-1.4 programme"
    assert not [f for f in found if f.endswith((".md", ".markdown"))]
    assert "testimonials/survey.csv" not in found
    assert "honour-roll/hr-export.csv" not in found


def test_markdown_in_a_folder_inside_a_content_folder_says_to_move_it_up(
        make_site: MakeSite, run: Run) -> None:
    # (testimonials kept in a folder per year: "testimonials go in content/testimonials/"
    # would be read as "they are there already")
    site = make_site({"content/testimonials/2025/rudo.md": "---\ncustomer: Rudo M.\n---\nHi\n",
                      "content/notes/readme.md": "Internal notes\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == [
        "content/notes/readme.md:1: warning: this Markdown file is not part of the site; "
        "pages go in content/pages/, days in content/days/, testimonials in "
        "content/testimonials/ and staff in content/honour-roll/",
        "content/testimonials/2025/rudo.md:1: warning: this Markdown file is not part of the "
        "site: cswgen reads only the files directly in content/testimonials/, not in folders "
        "inside it; move it up into content/testimonials/, or out of content/ if it is not "
        "for the site"]


def test_internal_link_scheme_cannot_smuggle_javascript(build: Build) -> None:
    body = ("Hi [x](cswgen-root:javascript:alert(1)) "
            "<a href=\"cswgen-root:javascript:alert(2)\">y</a>\n")
    out = build({
        "themes/mini/templates/home.html":
            "<title>{{ page.title }}</title>"
            "{% for t in page.featured %}{{ t.body_html | safe }}{% endfor %}\n",
        "content/testimonials/ann.md": "---\ncustomer: Ann\nfeatured: true\n---\n" + body,
    })
    for name in files_in(out):
        text = html.unescape((out / name).read_bytes().decode("utf-8", "replace"))
        assert not DANGER.search(text), f"{name}: {DANGER.search(text)}"


def test_csv_with_excel_sep_line_and_semicolons(make_site: MakeSite, run: Run) -> None:
    csv_text = ("sep=;\r\ncustomer;rating;staff;text\r\nAna P.;5;\"Sam O.; Lee K.\";Great\r\n"
                "Bo R.;9;;Fine\r\n")
    site = make_site({"content/testimonials/survey.csv": csv_text.encode("utf-8-sig")})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert outcome.lines[0].startswith("content/testimonials/survey.csv:4: `rating` must be")


def test_a_row_with_one_cell_too_many_names_the_files_own_separator(make_site: MakeSite,
                                                                    run: Run) -> None:
    """French Excel saves CSV with `;` between cells; a row with an unquoted `;` in its
    citation was told "a cell with a comma must be in quotes", where there was no comma."""
    site = make_site({
        "content/honour-roll/equipe.csv": ("name;role;citation\r\nKamanzi Éric;Caissier;"
                                           "Souriant.\r\nIngabire Claudine;Conseillère;"
                                           "À l’écoute; merci\r\n").encode("utf-8-sig"),
        "content/honour-roll/team.csv": "name,role\nAnn Lee,Teller,Harare\n"})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert outcome.lines == [
        "content/honour-roll/equipe.csv:3: this row has 4 cells but the header names 3 "
        "columns; a cell with a semicolon (;) in it must be in double quotes, like "
        "\"one; two\"",
        "content/honour-roll/team.csv:2: this row has 3 cells but the header names 2 "
        "columns; a cell with a comma (,) in it must be in double quotes, like \"one, two\"",
        "Build failed: 2 errors. Nothing was written; the output folder is as it was."]


def test_front_matter_paths_next_to_the_file_first_then_from_content(
        make_site: MakeSite, run: Run) -> None:
    site = make_site({
        "content/honour-roll/ann.md": "---\nname: Ann Lee\nphoto: ann.svg\nalt: Ann\n---\n",
        "content/honour-roll/ann.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "content/honour-roll/bo.md": "---\nname: Bo Ray\nphoto: people/bo.svg\nalt: Bo\n---\n",
        "content/people/bo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "content/honour-roll/cy.md": "---\nname: Cy Dee\nphoto: people/cy.svg\nalt: Cy\n---\n",
    })
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert outcome.lines[0].startswith("content/honour-roll/cy.md:3: `photo` names "
                                       '"people/cy.svg", but there is no such file')
    (site / "content/honour-roll/cy.md").unlink()
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    assert 'src="../../honour-roll/ann.svg"' in (out / "honour-roll/ann/index.html").read_text()
    assert 'src="../../people/bo.svg"' in (out / "honour-roll/bo/index.html").read_text()
    assert (out / "honour-roll/ann.svg").is_file() and (out / "people/bo.svg").is_file()
