"""What a screen reader is told, in a real browser: the language of each part of an Arabic
page whose words partly come from the English original, and where the visitor is in the
menu.  A small site in English and Arabic, built once; one browser for the module.

Skipped like tests/test_browser.py where Chromium or Playwright is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from cswgen.commands.build import build
from tests.helpers import serving, write_site

SITE = {
    "config.toml": """\
        [site]
        title = "CSW"
        languages = ["en", "ar"]
        [week]
        start = 2026-10-05
        [brand]
        logo = "images/logo.svg"
        """,
    "content/images/logo.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="120" '
                               'height="40"><rect width="120" height="40" fill="#0b3d91"/></svg>',
    "content/days/monday.md": """\
        ---
        title: Dream Team Monday
        day: monday
        ---
        Breakfast.
        """,
    "content/days/tuesday.md": """\
        ---
        title: Superhero Tuesday
        day: tuesday
        ---
        Capes.
        """,
    "content/days/tuesday.ar.md": "---\ntitle: ثلاثاء الأبطال\n---\nالأبطال.\n",
    "content/honour-roll/farai-moyo.md": """\
        ---
        name: Farai Moyo
        role: Mortgage Adviser
        department: Borrowdale Branch
        award: Customer Champion Award
        citation: For guiding forty-one first-time buyers into their own homes.
        ---
        Patient and honest.
        """,
    # (the role and the award left out: they are shown as the English file gives them)
    "content/honour-roll/farai-moyo.ar.md": """\
        ---
        department: فرع بورودايل
        citation: لمساعدته واحداً وأربعين مشترياً لأول مرة.
        ---
        صبور وأمين.
        """,
    "content/honour-roll/zoe-nyathi.md": """\
        ---
        name: Zoë Nyathi
        role: Contact Centre Agent
        award: Customer Champion Award
        ---
        """,
    "content/testimonials/rudo-m.md": """\
        ---
        customer: Rudo M.
        title: Sorted in one call
        staff: [Farai Moyo]
        featured: true
        ---
        Farai sorted out my bond transfer in one phone call.
        """,
    "content/policy.md": """\
        ---
        owner: Head of Customer Experience
        standards:
          - {measure: Answer the phone, target: within 3 rings}
        ---
        We exist for our members.
        """,
    "content/policy.ar.md": "---\ntitle: سياسة خدمة العملاء\n---\nنحن هنا من أجل أعضائنا.\n",
    # enough for the list of testimonials to come in two pages
    **{f"content/testimonials/customer-{n:02d}.md": f"---\ncustomer: Customer {n}\n---\nThanks.\n"
       for n in range(1, 25)},
}

# what an element's words are read as: the `lang` nearest it
LANGUAGE_OF = """els => els.map(e => [e.textContent.trim(), e.closest("[lang]").lang])"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = write_site(tmp_path_factory.mktemp("a11y") / "site", SITE)
    build(folder, as_of=date(2026, 10, 6), output=folder / "output")
    with serving(folder / "output") as url:
        yield url


@pytest.fixture(scope="module")
def page(browser: Any) -> Iterator[Any]:
    page = browser.new_page()
    yield page
    page.close()


def _read_as(page: Any, url: str, selector: str) -> list[list[str]]:
    page.goto(url)
    found: list[list[str]] = page.locator(selector).evaluate_all(LANGUAGE_OF)
    # (the marks that isolate a name's direction in a right-to-left line are not read)
    return [[text.strip("\u2066\u2067\u2068\u2069"), *rest] for text, *rest in found]


@pytest.mark.parametrize(("path", "selector", "expected"), [
    # a day not translated, in the pager and the list of the week's days
    ("ar/days/tuesday/", ".day-pager a > span:not(.day-pager__label)",
     [["Dream Team Monday", "en"]]),
    ("ar/days/tuesday/", ".week-strip a > span:not(.week-strip__day)",
     [["Dream Team Monday", "en"]]),
    # a translation that left the role and the award out
    ("ar/honour-roll/farai-moyo/", ".person__role span",
     [["Mortgage Adviser", "en"]]),
    ("ar/honour-roll/farai-moyo/", ".eyebrow span", [["Customer Champion Award", "en"]]),
    ("ar/honour-roll/farai-moyo/certificate/", ".certificate__award",
     [["Customer Champion Award", "en"]]),
    ("ar/honour-roll/", ".award-group h2", [["Customer Champion Award", "en"]]),
    # a person with no translation at all: the role, and the photo-less avatar's page
    ("ar/honour-roll/zoe-nyathi/", ".person__role span", [["Contact Centre Agent", "en"]]),
    # a testimonial not translated, listed on the person's page
    ("ar/honour-roll/farai-moyo/", ".praised a", [["Sorted in one call", "en"]]),
    # a policy whose translation gave its title and text only
    ("ar/policy/", ".standards tbody th", [["Answer the phone", "en"]]),
    ("ar/policy/", ".meta-list dd", [["Head of Customer Experience", "en"]]),
])
def test_words_from_the_original_are_read_in_its_language(
        page: Any, site: str, path: str, selector: str, expected: list[list[str]]) -> None:
    """An Arabic screen reader reads "Customer Champion Award" with Arabic rules (or
    spells it out) unless the words say they are English (WCAG 3.1.2)."""
    assert _read_as(page, site + path, selector) == expected


def test_words_translated_stay_in_the_pages_language(page: Any, site: str) -> None:
    assert _read_as(page, site + "ar/honour-roll/farai-moyo/", ".citation, .prose") == [
        ["لمساعدته واحداً وأربعين مشترياً لأول مرة.", "ar"], ["صبور وأمين.", "ar"]]


@pytest.mark.parametrize(("path", "expected"), [
    ("honour-roll/", [["Honour roll", "page"]]),
    ("honour-roll/farai-moyo/", [["Honour roll", "true"]]),
    ("honour-roll/farai-moyo/certificate/", [["Honour roll", "true"]]),
    ("days/tuesday/", [["The week", "true"]]),
])
def test_the_menu_says_which_section_the_page_is_in(page: Any, site: str, path: str,
                                                      expected: list[list[str]]) -> None:
    """The underline under "Honour roll" on a person's page is told to screen readers
    too (WCAG 1.3.1), not only on the honour roll itself."""
    page.goto(site + path)
    assert page.locator(".site-nav a[aria-current]").evaluate_all(
        "els => els.map(e => [e.textContent, e.getAttribute('aria-current')])") == expected


# text too light to read on white paper (under 3:1), unless a background that is printed
# even when the browser leaves backgrounds out (print-color-adjust: exact) is behind it
LIGHT_ON_PAPER = r"""() => {
    const linear = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    const luminance = colour => {
        const [r, g, b] = colour.match(/[\d.]+/g).map(Number);
        return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    };
    const printed = el => {
        for (let e = el; e; e = e.parentElement) {
            const s = getComputedStyle(e);
            if ((s.backgroundImage !== "none" || s.backgroundColor !== "rgba(0, 0, 0, 0)")
                && s.printColorAdjust === "exact") return true;
        }
        return false;
    };
    const found = [], walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const el = n.parentElement;
        if (!n.data.trim() || !el.checkVisibility({visibilityProperty: true})
            || el.closest(".visually-hidden")) continue;
        if (1.05 / (luminance(getComputedStyle(el).color) + 0.05) < 3 && !printed(el))
            found.push(n.data.trim());
    }
    return found;
}"""


@pytest.mark.parametrize("path", ["", "ar/", "days/tuesday/"])
def test_printed_pages_have_no_white_text_on_white_paper(page: Any, site: str,
                                                         path: str) -> None:
    """Browsers print without backgrounds unless asked: the home page's welcome, the
    year's theme and dates (white on the blue band) and the white "CX Day" badge came
    out as blank paper."""
    page.goto(site + path)
    page.emulate_media(media="print")
    try:
        assert page.evaluate(LIGHT_ON_PAPER) == []
    finally:
        page.emulate_media(media="screen")


def test_a_posters_untranslated_day_title_is_read_in_its_language(page: Any, site: str) -> None:
    """ "اليوم: Dream Team Monday": the day's English title inside the Arabic sentence."""
    assert _read_as(page, site + "ar/days/monday/poster/", ".poster__title span, "
                    ".back-link a > span:not([aria-hidden])") == [
        ["Dream Team Monday", "en"], ["Dream Team Monday", "en"]]


def test_the_status_lines_untranslated_day_title_is_read_in_its_language(
        browser: Any, site: str) -> None:
    """On Monday the Arabic status line says "Today is day 1:" in Arabic and links to
    the day by its English title; the script that writes it marks the title English."""
    page = browser.new_page()
    page.clock.set_fixed_time("2026-10-05T12:00:00Z")
    found = _read_as(page, site + "ar/", "[data-week-status-text] a")
    page.close()
    assert found == [["Dream Team Monday", "en"]]


# WCAG 1.4.12: what a reader's own stylesheet may set, and nothing may be lost with it
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: .12em !important;
                    word-spacing: .16em !important; }
                  p { margin-bottom: 2em !important; }"""


def test_a_certificate_grows_with_wider_text_spacing(browser: Any, site: str) -> None:
    """The landscape sheet kept its shape and its words spilled over its frame, the
    organisation's name under the blue border."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(site + "honour-roll/farai-moyo/certificate/")
    page.add_style_tag(content=TEXT_SPACING)
    outside = page.evaluate("""() => {
        const frame = document.querySelector(".certificate__border").getBoundingClientRect();
        return [...document.querySelectorAll(".certificate__border > *")].filter(e => {
            const box = e.getBoundingClientRect();
            return box.top < frame.top || box.bottom > frame.bottom;
        }).map(e => e.className);
    }""")
    page.close()
    assert outside == []


def test_in_high_contrast_only_the_current_menu_item_is_underlined(browser: Any,
                                                                    site: str) -> None:
    """Windows' contrast themes draw a transparent border in the text's colour: every
    item of the menu looked like the current one."""
    page = browser.new_page(forced_colors="active")
    page.goto(site + "honour-roll/")
    underlined = page.evaluate("""() => {
        const paper = getComputedStyle(document.body).backgroundColor;
        return [...document.querySelectorAll(".site-nav a")]
            .filter(a => getComputedStyle(a).borderBottomColor !== paper)
            .map(a => a.textContent);
    }""")
    page.close()
    assert underlined == ["Honour roll"]


@pytest.mark.parametrize(("path", "logo"), [("", "img.brand__logo"),
                                            ("honour-roll/farai-moyo/certificate/",
                                             "img.certificate__logo"),
                                            ("programme/", "img.sheet__logo")])
def test_in_a_dark_high_contrast_theme_the_logo_keeps_a_light_tile(
        browser: Any, site: str, path: str, logo: str) -> None:
    """The tile that keeps a dark logo visible in the dark scheme was painted black (the
    header's), or there was none on the sheet, painted black too (a certificate's)."""
    page = browser.new_page(forced_colors="active", color_scheme="dark")
    page.goto(site + path)
    tile = page.locator(logo).first.evaluate("e => getComputedStyle(e).backgroundColor")
    page.close()
    assert tile == "rgb(255, 255, 255)"


@pytest.mark.parametrize("path", ["testimonials/rudo-m/", ""])  # (and the home page's)
def test_the_big_quote_mark_is_not_read_aloud(page: Any, site: str, path: str) -> None:
    """The opening quote drawn before a testimonial is decoration: a screen reader read
    "left double quotation mark" before the customer's words on the testimonial's page."""
    page.goto(f"{site}/{path}")
    read = page.locator("blockquote").first.aria_snapshot()
    assert "\u201c" not in read, read
    assert "Farai sorted out my bond transfer" in read
    mark = page.locator("blockquote").first.evaluate(
        "b => getComputedStyle(b, '::before').content")
    assert mark.startswith('"\u201c"'), mark  # still drawn


# the first letters of a quotation, where the big decorative quote mark above it is closest
FIRST_LETTERS = """selector => {
    const quote = document.querySelector(selector);
    const walk = document.createTreeWalker(quote, NodeFilter.SHOW_TEXT);
    let text = walk.nextNode();
    while (text && !text.data.trim()) text = walk.nextNode();
    const range = document.createRange(), start = text.data.search(/\\S/);
    range.setStart(text, start);
    range.setEnd(text, start + 2);
    const box = range.getBoundingClientRect();
    return {x: box.x, y: box.y, width: box.width, height: box.height};
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("path", "quote"), [("", ".quote-grid blockquote"),
                                             ("testimonials/rudo-m/", ".quote--large blockquote")])
def test_in_high_contrast_the_quote_mark_hides_no_words(browser: Any, site: str, path: str,
                                                        quote: str, scheme: str) -> None:
    """A contrast theme paints a backplate behind all text, the big opening quote mark's
    too: it hid the first word of every quotation ("…phoned about a top-up")."""
    page = browser.new_page(forced_colors="active", color_scheme=scheme)
    page.goto(site + path)
    page.locator(quote).first.scroll_into_view_if_needed()
    box = page.evaluate(FIRST_LETTERS, quote)
    seen = page.screenshot(clip=box)
    page.add_style_tag(content=f"{quote}::before {{ content: none !important; }}")
    without_the_mark = page.screenshot(clip=box)
    page.close()
    assert seen == without_the_mark


def test_in_high_contrast_the_current_page_of_a_list_stands_out(browser: Any,
                                                               site: str) -> None:
    """Its filled background was the only sign of it, and a contrast theme paints every
    background alike: page 2 looked like pages 1 and 3."""
    page = browser.new_page(forced_colors="active")
    page.goto(site + "testimonials/page/2/")
    current = page.locator(".pager a[aria-current=page]")
    current.scroll_into_view_if_needed()
    box = current.bounding_box()
    assert box is not None
    around = {"x": box["x"] - 6, "y": box["y"] - 6, "width": box["width"] + 12,
              "height": box["height"] + 12}
    seen = page.screenshot(clip=around)
    current.evaluate("a => a.removeAttribute('aria-current')")
    as_any_other = page.screenshot(clip=around)
    page.close()
    assert seen != as_any_other
