"""The classic theme right to left, in a real browser: the built demo with `<html dir="rtl"
lang="ar">` set by the test (as an Arabic site's pages have it), so that what is proved is the
stylesheet's part: the layout mirrors; and the shipped Arabic font is fetched only for a page
with Arabic letters.  (The Arabic demo itself, axe and 320 px: tests/test_browser.py.)

Skipped like tests/test_browser.py where Chromium or Playwright is missing.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from cswgen.commands.build import build
from tests.helpers import REPO, demo_in, serving

ARTIFACTS = REPO / "test-artifacts" / "rtl"
RIGHT_TO_LEFT = """() => {
    document.documentElement.lang = "ar";
    document.documentElement.dir = "rtl";
}"""
# Arabic in the places that show it largest, to see the shipped font and the joins
ARABIC = """() => {
    const put = (selector, text) => document.querySelectorAll(selector).forEach(e => {
        e.textContent = text; });
    put(".brand__title", "أسبوع خدمة العملاء");
    put("h1", "شكراً لفريق خدمة العملاء");
    put(".eyebrow", "الثلاثاء ٦ أكتوبر");
}"""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("rtl") / "output"
    build(REPO, as_of=date(2026, 10, 6), output=out)
    with serving(out) as url:
        yield url


def _open(browser: Any, url: str, width: int, scheme: str = "light") -> Any:
    page = browser.new_page(viewport={"width": width, "height": 800}, color_scheme=scheme)
    page.goto(url, wait_until="load")
    page.evaluate(RIGHT_TO_LEFT)
    return page


def _box(page: Any, selector: str) -> dict[str, float]:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return {"left": box["x"], "right": box["x"] + box["width"], "top": box["y"]}


@pytest.mark.parametrize("width", [390, 1280])
def test_the_header_starts_at_the_right_edge(browser: Any, served: str, width: int) -> None:
    page = _open(browser, served + "days/tuesday/", width)
    viewport = page.evaluate("document.documentElement.clientWidth")
    edge = page.evaluate("""() => {  // the right edge of the header's content
        const wrap = document.querySelector(".masthead");
        return wrap.getBoundingClientRect().right - parseFloat(getComputedStyle(wrap).paddingRight);
    }""")
    brand, nav = _box(page, ".brand"), _box(page, ".site-nav__list li")
    logo, title = _box(page, ".brand__logo"), _box(page, ".brand__title")
    first, second = _box(page, ".site-nav__list li"), _box(page, ".site-nav__list li + li")
    dot = page.evaluate("""() => {
        const bar = document.querySelector(".week-status");
        const text = bar.querySelector(":scope > *") || bar;
        return {dot: bar.getBoundingClientRect().right, text: text.getBoundingClientRect().right,
                gap: getComputedStyle(bar, "::before").marginInlineEnd};
    }""")
    page.keyboard.press("Tab")  # the skip link, shown when focused
    skip = _box(page, ".skip-link")
    page.close()
    assert abs(brand["right"] - edge) <= 1, (brand, edge)
    assert logo["left"] > title["right"] - 1, "the logo comes first, at the right"
    assert abs(nav["right"] - brand["right"]) <= 16, "the menu starts under the brand"
    assert second["right"] <= first["left"] + 1, "the menu runs from right to left"
    assert skip["right"] > viewport - 40 and skip["left"] > viewport / 3
    assert dot["text"] < dot["dot"] and dot["gap"] != "0px", "the status dot is at the right"


def test_arabic_font_is_fetched_only_for_arabic_letters(browser: Any, served: str) -> None:
    fonts: list[str] = []
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.on("request", lambda r: fonts.append(r.url) if r.url.endswith(".woff2") else None)
    page.goto(served, wait_until="networkidle")
    assert fonts == [], "an English page downloads no font"
    loaded = page.evaluate("""async () => {
        const faces = await document.fonts.load('700 20px "Noto Sans Arabic"', "شكراً");
        return faces.map(f => f.status + " " + f.weight);
    }""")
    page.close()
    assert loaded == ["loaded 700"]
    assert any(url.endswith("assets/fonts/noto-sans-arabic-700.woff2") for url in fonts)


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(("name", "path"), [
    ("home", ""), ("day", "days/tuesday/"), ("testimonials", "testimonials/"),
    ("testimonial", "testimonials/ruvarashe-m/"), ("honour", "honour-roll/zoe-nyathi/"),
    ("certificate", "honour-roll/zoe-nyathi/certificate/"), ("policy", "policy/")])
def test_screenshots_right_to_left(browser: Any, served: str, name: str, path: str,
                                   width: int) -> None:
    """For a person to look at: test-artifacts/rtl/."""
    page = _open(browser, served + path, width)
    page.evaluate(ARABIC)
    page.evaluate("document.fonts.ready")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
    page.close()


# Where the browser draws the characters of the first text in `selector` that has `text`:
# each one's left and right edge, in the order they are written.
CHARACTERS = """([selector, text]) => {
    for (const element of document.querySelectorAll(selector)) {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.data.indexOf(text);
            if (at < 0) continue;
            return [...text].map((_, i) => {
                const range = document.createRange();
                range.setStart(node, at + i);
                range.setEnd(node, at + i + 1);
                const box = range.getBoundingClientRect();
                return {left: box.left, right: box.right};
            });
        }
    }
    return null;
}"""


@pytest.fixture(scope="module")
def served_arabic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo as an Omani site: Arabic words around the demo's Latin names."""
    site = demo_in(tmp_path_factory.mktemp("ar-OM"), "ar-OM")
    build(site, as_of=date(2026, 10, 6), output=site / "output")
    with serving(site / "output") as url:
        yield url


@pytest.mark.parametrize(("selector", "name"), [
    (".quote__more a", "Ruvarashe M."), (".quote__more a", "Nyasha & Tapiwa D."),
    (".quote__more a", "Sibongile K."), (".site-footer__hashtag", "#CSW2026")])
def test_latin_names_in_arabic_words_keep_their_punctuation(
        browser: Any, served_arabic: str, selector: str, name: str) -> None:
    """"اقرأ قصة Ruvarashe M." shows the full stop after the M (to its right), not at the
    far left of the line; the footer shows "#CSW2026", not "CSW2026#"."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(served_arabic, wait_until="load")
    drawn = page.evaluate(CHARACTERS, [selector, name])
    page.close()
    assert drawn is not None, f"{name} is not on the Arabic home page"
    lefts = [c["left"] for c in drawn if c["right"] > c["left"]]
    assert lefts == sorted(lefts), f"{name} is not drawn left to right in its own order"


@pytest.mark.parametrize(("path", "selector", "name"), [
    ("honour-roll/zoe-nyathi/", ".link-list__meta", "Nyasha & Tapiwa D."),
    ("honour-roll/zoe-nyathi/", ".link-list__meta", "Sibongile K."),
    ("testimonials/", ".attribution__name", "Sibongile K."),
    ("", ".attribution__name", "Mr T. Chinoda")])
def test_customers_names_beside_arabic_words_keep_their_punctuation(
        browser: Any, served_arabic: str, path: str, selector: str, name: str) -> None:
    """A person's "What customers said" list ("<title> — Nyasha & Tapiwa D.") and a
    testimonial's attribution show each name's full stop after its last letter."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(served_arabic + path, wait_until="load")
    drawn = page.evaluate(CHARACTERS, [selector, name])
    page.close()
    assert drawn is not None, f"{name} is not on {path or 'the home page'}"
    lefts = [c["left"] for c in drawn if c["right"] > c["left"]]
    assert lefts == sorted(lefts), f"{name} is not drawn left to right in its own order"
