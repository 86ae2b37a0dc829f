"""The printed programme (programme/) and day posters (days/<slug>/poster/): one portrait A4
and one Letter sheet each, printed by Chromium; their QR codes decoded by a real decoder;
axe clean on screen; `check` warns when the programme will not fit on one sheet."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cswgen.commands.build import build
from cswgen.commands.check import check
from tests.helpers import REPO, axe, demo_in, demos_served, serving, write_site

BASE_URL = "https://csw.msasa.example/"
DAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"]
SHEETS = ["programme/"] + [f"days/{day}/poster/" for day in DAYS]


@pytest.fixture(scope="module")
def served_in(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], str]]:
    """The demo with a base_url, built as of Tuesday in a language, once: its address."""
    with demos_served(tmp_path_factory, "print", base_url=BASE_URL) as get:
        yield lambda language: get(language)[1]


def _sheets(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


# every sheet in English; the programme and the longest day's poster in French and Arabic
PRINTED = [("en-GB", path) for path in SHEETS] + [
    (language, path) for language in ("fr", "ar") for path in SHEETS[:2]]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize(("language", "path"), PRINTED)
def test_each_sheet_prints_on_one_portrait_page(browser: Any, served_in: Callable[[str], str],
                                                language: str, path: str, paper: str) -> None:
    page = browser.new_page()
    page.goto(served_in(language) + path)
    page.emulate_media(media="print")
    pdf = page.pdf(format=paper, print_background=True)
    page.close()
    assert _sheets(pdf) == 1, f"{path} in {language} takes {_sheets(pdf)} {paper} sheets"
    box = re.search(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)", pdf)
    assert box and float(box[1]) < float(box[2]), "the sheet is not portrait"


@pytest.mark.parametrize("path", ["programme/", "days/tuesday/poster/"])
def test_the_qr_code_decodes_to_the_page_online(browser: Any, served_in: Callable[[str], str],
                                                path: str) -> None:
    import zxingcpp
    from PIL import Image

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(served_in("en-GB") + path)
    code = page.locator(".sheet-qr__code")
    assert code.get_attribute("aria-label") == f"QR code to {BASE_URL}{path}"
    png = code.screenshot()
    page.close()
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    assert [result.text for result in found] == [BASE_URL + path]


@pytest.mark.parametrize(("width", "scheme"), [(390, "light"), (1280, "dark")])
@pytest.mark.parametrize(("language", "path"), [
    (language, path) for language in ("en-GB", "fr", "ar")
    for path in ("programme/", "days/monday/poster/")])
def test_sheets_read_well_on_screen_and_pass_axe(browser: Any, served_in: Callable[[str], str],
                                                 language: str, path: str, width: int,
                                                 scheme: str) -> None:
    page = browser.new_page(viewport={"width": width, "height": 800}, color_scheme=scheme)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(served_in(language) + path)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    violations = axe(page)
    page.close()
    assert errors == []
    assert overflow <= 0, f"{path} scrolls sideways by {overflow} px"
    assert violations == [], "\n".join(violations)


def test_a_day_not_yet_revealed_shows_its_title_and_date_only(tmp_path: Path) -> None:
    site = demo_in(tmp_path, "en-GB")
    config = site / "config.toml"
    config.write_text(config.read_text("utf-8").replace('reveal = "all"', 'reveal = "daily"'),
                      "utf-8")
    out = tmp_path / "output"
    build(site, as_of=date(2026, 10, 5), output=out, cache_dir=tmp_path / "cache")
    poster = (out / "days/friday/poster/index.html").read_text("utf-8")
    assert "Today: Team Colours Friday" in poster
    assert "Full details will appear on Friday." in poster
    assert "braai" not in poster.lower() and "Dress code" not in poster
    programme = (out / "programme/index.html").read_text("utf-8")
    assert "Team Colours Friday" in programme and "braai" not in programme.lower()
    assert "Welcome breakfast" in programme  # Monday, revealed


# the link above each sheet, as a native speaker writes it: "Volver a la página de Semana
# del Servicio…" lacked its article, as French and Portuguese did
BACK_LINKS = {
    "en-GB": ("Back to Customer Service Week 2026", "Back to Superhero Tuesday"),
    "es": ("Volver a la página de inicio", "Volver a la página del día"),
    "fr": ("Retour à la page d’accueil", "Retour à la page du jour"),
    "pt-BR": ("Voltar à página inicial", "Voltar à página do dia"),
}


@pytest.mark.parametrize("language", sorted(BACK_LINKS))
def test_each_sheet_links_back_in_words_of_its_language(tmp_path: Path, language: str) -> None:
    from html.parser import HTMLParser

    out = tmp_path / "output"
    build(demo_in(tmp_path, language), as_of=date(2026, 10, 6), output=out,
          cache_dir=tmp_path / "cache")

    class BackLink(HTMLParser):
        """The text of the sheet's back link (`p.back-link`), its arrow left out."""

        def __init__(self) -> None:
            super().__init__()
            self.depth, self.hidden, self.text = 0, 0, ""

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if self.depth:
                self.depth += 1
                self.hidden += self.hidden > 0 or ("aria-hidden", "true") in attrs
            elif tag == "p" and ("class", "back-link") in attrs:
                self.depth = 1

        def handle_endtag(self, tag: str) -> None:
            if self.depth:
                self.depth -= 1
                self.hidden = max(0, self.hidden - 1)

        def handle_data(self, data: str) -> None:
            if self.depth and not self.hidden:
                self.text += data

    found = []
    for path, to in (("programme/", ""), ("days/tuesday/poster/", "days/tuesday/")):
        html = (out / path / "index.html").read_text("utf-8")
        parser = BackLink()
        parser.feed(html)
        found.append(" ".join(parser.text.split()))
        href = re.search(r'class="back-link"><a href="([^"]*)"', html)
        assert href is not None, f"{path} has no back link"
        target = (out / path / href[1]).resolve()  # (a folder's link, or its index.html)
        assert (target / "index.html" if target.is_dir() else target) == \
            (out / to / "index.html").resolve(), f"{path} links back to {href[1]}"
    assert tuple(found) == BACK_LINKS[language]


def test_posters_stay_out_of_the_sitemap_and_the_programme_is_in_it(
        served_in: Callable[[str], str]) -> None:
    from urllib.request import urlopen

    with urlopen(served_in("en-GB") + "sitemap.xml") as response:
        sitemap = response.read().decode("utf-8")
    assert f"{BASE_URL}programme/" in sitemap
    assert "/poster/" not in sitemap


LONG_DAY = """\
---
title: {title}
date: {date}
dress_code: Anything you like.
events:
{events}
---
"""


def test_check_warns_when_the_programme_is_too_long_for_one_sheet(tmp_path: Path) -> None:
    event = ("  - time: 09:00\n    title: Talk {n}\n    place: Hall\n    description: "
             + "A long description of what happens. " * 6 + "\n")
    files = {"config.toml": '[site]\ntitle = "Week"\n\n[week]\nyear = 2026\n'
                            'timezone = "Africa/Harare"\n'}
    for number, (slug, when) in enumerate([("monday", "2026-10-05"), ("tuesday", "2026-10-06")]):
        files[f"content/days/{slug}.md"] = LONG_DAY.format(
            title=f"Busy {slug.title()}", date=when,
            events="".join(event.format(n=n) for n in range(8 + number * 4)))
    report = check(write_site(tmp_path / "site", files), as_of=date(2026, 10, 1))
    warnings = [p.message for p in report.warnings if "printed programme" in p.message]
    assert len(warnings) == 1
    assert "Busy Tuesday (" in warnings[0] and "Busy Monday (" in warnings[0]
    assert warnings[0].index("Busy Tuesday") < warnings[0].index("Busy Monday")


def test_the_demo_programme_fits_without_a_warning() -> None:
    from cswgen.core.errors import Problems
    from cswgen.read.config import load_config
    from cswgen.read.content import load_content
    from cswgen.render.beyond import SHEET_LINES, sheet_lines

    content = load_content(load_config(REPO, Problems()), Problems(), drafts=False)
    assert sum(sheet_lines(day) for day in content.days) <= SHEET_LINES


def test_check_warns_when_a_days_poster_is_too_long_for_one_sheet(
        tmp_path: Path, browser: Any) -> None:
    """Six events with a sentence each take a second Letter sheet on a day's poster, though
    the week's programme still fits on one: `check` names that day's file."""
    event = ("  - time: {hour:02d}:00\n    end: {hour:02d}:30\n    title: Talk {n}\n"
             "    place: Main hall\n    description: "
             + "A long description of what happens. " * 3 + "\n")
    files = {"config.toml": '[site]\ntitle = "Week"\nbase_url = "https://csw.example/"\n\n'
                            '[week]\nyear = 2026\ntimezone = "Africa/Harare"\n'}
    for slug, when, count in [("monday", "2026-10-05", 5), ("tuesday", "2026-10-06", 6)]:
        files[f"content/days/{slug}.md"] = LONG_DAY.format(
            title=f"Busy {slug.title()}", date=when,
            events="".join(event.format(hour=8 + n, n=n) for n in range(count)))
    site = write_site(tmp_path / "site", files)
    report = check(site, as_of=date(2026, 10, 1))
    warnings = [p for p in report.warnings if "poster" in p.message]
    assert [(p.path, p.line) for p in warnings] == [("content/days/tuesday.md", 5)]
    assert "the poster of Busy Tuesday (days/tuesday/poster/) is too long for one sheet" \
        in warnings[0].message
    assert not [p for p in report.warnings if "printed programme" in p.message]

    out = tmp_path / "output"
    build(site, as_of=date(2026, 10, 1), output=out, cache_dir=tmp_path / "cache")
    page = browser.new_page()
    sheets = {}
    for slug in ("monday", "tuesday"):
        page.goto((out / f"days/{slug}/poster/index.html").as_uri())
        page.emulate_media(media="print")
        sheets[slug] = _sheets(page.pdf(format="Letter", print_background=True))
    page.close()
    assert sheets == {"monday": 1, "tuesday": 2}  # the warning is right, both ways


def test_the_demo_posters_fit_without_a_warning() -> None:
    from cswgen.core.errors import Problems
    from cswgen.read.config import load_config
    from cswgen.read.content import load_content
    from cswgen.render.beyond import POSTER_LINES, poster_lines

    config = load_config(REPO, Problems())
    for day in load_content(config, Problems(), drafts=False).days:
        assert poster_lines(day, qr=True) <= POSTER_LINES, day.title


# Honour-roll entries as HR sends them: a long double-barrelled name, a job title with two
# branches, an award named in full, a citation of three clauses (Shona names, with an
# apostrophe, as people spell them)
LONG_PEOPLE = {
    "everything-long": (
        "Munyaradzi Tatenda Chiwenga-Mupfurutsa-Nyamakura",
        "Senior Claims Assessor and Branch Customer Experience Champion",
        "Motor and Household Claims, Chitungwiza and Seke Road Branches",
        "Outstanding Contribution to Claims Turnaround and Policyholder Experience "
        "Across All Fourteen Branches Award",
        "For cutting the average motor claim settlement time from twenty-one working days "
        "to nine, while visiting every one of our fourteen branches to train front-line "
        "colleagues on the new claims process, and for answering every policyholder "
        "complaint personally within one working day throughout the year."),
    "long-citation": (
        "Nyasha Ng’andu", "Underwriter", "Life and Funeral Cover",
        "Customer Champion Award",
        "For rewriting every funeral-cover letter in plain English and Shona, for phoning "
        "each family whose claim was delayed by the system change in March before they had "
        "to phone us, for training the new intake of underwriters in how to explain a "
        "decline kindly, and for the 312 thank-you notes that members sent in her name."),
    "long-name-and-award": (
        "Tafadzwa Chiedza O'Reilly-Dzvairo Mudzingwa", "Branch Manager", "Gweru",
        "Most Improved Branch in Net Promoter Score and First-Contact Resolution Award",
        "For taking Gweru from the lowest satisfaction score of our fourteen branches to "
        "the third highest in one year."),
}


@pytest.fixture(scope="module")
def long_certificates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("certificates")
    files = {}
    for slug, (name, role, department, award, citation) in LONG_PEOPLE.items():
        files[f"content/honour-roll/{slug}.md"] = (
            f'---\nname: "{name}"\nrole: {role}\ndepartment: {department}\n'
            f"award: {award}\ncitation: {citation}\n---\nThank you.\n")
    site = write_site(folder / "site", files)
    build(site, as_of=date(2026, 10, 6), output=folder / "output", cache_dir=folder / "cache")
    with serving(folder / "output") as url:
        yield url


# the printable area of a landscape sheet with the certificate's 10 mm margins, in CSS px
PRINTABLE = {"A4": (round(277 / 25.4 * 96), round(190 / 25.4 * 96)),
             "Letter": (round(259.4 / 25.4 * 96), round(195.9 / 25.4 * 96))}


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("slug", list(LONG_PEOPLE))
def test_a_long_name_award_or_citation_prints_inside_the_certificates_frame(
        browser: Any, long_certificates: str, slug: str, paper: str) -> None:
    """The sheet is of fixed height: the frame's foot, and with more text the dates and the
    citation's last line, were cut off.  Such a certificate prints in smaller type."""
    width, height = PRINTABLE[paper]
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(long_certificates + f"honour-roll/{slug}/certificate/")
    page.emulate_media(media="print")
    cut = page.evaluate("""() => {
        const sheet = document.querySelector(".certificate"), frame = sheet.firstElementChild;
        const foot = sheet.getBoundingClientRect().bottom
            - parseFloat(getComputedStyle(sheet).borderBottomWidth);
        const box = frame.getBoundingClientRect(), cut = [];
        if (box.bottom > foot + 0.5) cut.push("the frame's foot");
        for (const e of frame.children) {
            const b = e.getBoundingClientRect();
            if (b.top < box.top || b.bottom > box.bottom + 0.5) cut.push(e.className);
        }
        return cut;
    }""")
    text = page.inner_text(".certificate")
    pdf = page.pdf(format=paper, print_background=True)
    page.close()
    assert cut == [], f"cut off at the foot of the {paper} sheet: {cut}"
    assert LONG_PEOPLE[slug][0] in text
    assert _sheets(pdf) == 1


def test_the_demos_certificates_print_in_their_usual_type(tmp_path: Path) -> None:
    site = demo_in(tmp_path, "en-GB")
    build(site, as_of=date(2026, 10, 6), output=tmp_path / "output",
          cache_dir=tmp_path / "cache")
    certificates = list((tmp_path / "output").glob("honour-roll/*/certificate/index.html"))
    assert len(certificates) > 10
    smaller = [p.parent.parent.name for p in certificates
               if "certificate--fit" in p.read_text("utf-8")]
    assert smaller == []


def test_check_warns_when_a_certificate_prints_small_or_cut_off(tmp_path: Path,
                                                                  browser: Any) -> None:
    """A citation pasted whole from the nomination form: `check` says at its line that the
    certificate prints in small type, and when it is longer still, that its end would be
    cut off; and it is right, as Chromium prints it."""
    name, role, department, award, citation = LONG_PEOPLE["everything-long"]
    files = {}
    for slug, times in (("small", 3), ("cut", 14)):
        files[f"content/honour-roll/{slug}.md"] = (
            f"---\nname: {name}\nrole: {role}\ndepartment: {department}\naward: {award}\n"
            f"citation: {' '.join([citation] * times)}\n---\nThank you.\n")
    site = write_site(tmp_path / "site", files)
    report = check(site, as_of=date(2026, 10, 6))
    warnings = {p.path: p for p in report.warnings if "certificate" in p.message}
    assert sorted(warnings) == ["content/honour-roll/cut.md", "content/honour-roll/small.md"]
    assert all(p.line == 6 for p in warnings.values())
    assert (f"the certificate of {name} prints in type 70% of its usual size"
            in warnings["content/honour-roll/small.md"].message)
    assert (f"the certificate of {name} is too long to print on one sheet: its end would be "
            "cut off" in warnings["content/honour-roll/cut.md"].message)

    out = tmp_path / "output"
    build(site, as_of=date(2026, 10, 6), output=out, cache_dir=tmp_path / "cache")
    width, height = PRINTABLE["Letter"]
    page = browser.new_page(viewport={"width": width, "height": height})
    cut = {}
    for slug in ("small", "cut"):
        page.goto((out / f"honour-roll/{slug}/certificate/index.html").as_uri())
        page.emulate_media(media="print")
        cut[slug] = page.evaluate("""() => {
            const sheet = document.querySelector(".certificate");
            return sheet.firstElementChild.getBoundingClientRect().bottom
                > sheet.getBoundingClientRect().bottom; }""")
    page.close()
    assert cut == {"small": False, "cut": True}  # the warnings are right, both ways


def test_the_demos_certificates_raise_no_warning() -> None:
    report = check(REPO, as_of=date(2026, 10, 6))
    assert not [p for p in report.warnings if "certificate" in p.message]
