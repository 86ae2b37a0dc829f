"""The built demo in a real browser: Debian's Chromium driven by Playwright.

Skipped, with the reason, where Chromium or Playwright is missing; `.ci/run` installs both
and sets CSWGEN_REQUIRE_BROWSER=1, which turns a skip into a failure.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cswgen.commands.build import build
from tests.helpers import REPO, axe, demo_in, demos_served, large_site, serving, write_site

# every page kind, and the variants that differ in markup (CSV rows, a person without award)
PAGES = ["", "days/tuesday/", "days/friday/", "testimonials/", "testimonials/ruvarashe-m/",
         "testimonials/tafadzwa-r/", "honour-roll/", "honour-roll/zoe-nyathi/",
         "honour-roll/tinashe-banda/", "honour-roll/zoe-nyathi/certificate/", "policy/",
         "faq/", "contact/", "404.html"]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("served") / "output"
    build(REPO, as_of=date(2026, 10, 6), output=out)
    with serving(out) as url:
        yield url


@pytest.fixture(scope="module")
def served_in(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[str], str]]:
    """The demo built in a language (British English as it comes, French, Arabic), once:
    its address."""
    with demos_served(tmp_path_factory, "served") as get:
        yield lambda language: get(language)[1]


# every page in English; in French and Arabic, one page of each kind
IN_LANGUAGES = [("en-GB", path) for path in PAGES] + [
    (language, path) for language in ("fr", "ar") for path in PAGES
    if path not in ("days/friday/", "testimonials/tafadzwa-r/", "honour-roll/tinashe-banda/",
                    "contact/")]


@pytest.fixture(scope="module")
def served_bright(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The demo with brand colours a logo designer might pick: far too light for text."""
    site = tmp_path_factory.mktemp("bright") / "site"
    shutil.copytree(REPO / "content", site / "content")
    config = (REPO / "config.toml").read_text("utf-8")
    config = config.replace('primary = "#c8102e"', 'primary = "#ffd21f"')
    config = config.replace('secondary = "#0b3d91"', 'secondary = "#7fd3ff"')
    (site / "config.toml").write_text(config, "utf-8")
    build(site, as_of=date(2026, 10, 6), output=site / "output")
    with serving(site / "output") as url:
        yield url


@pytest.fixture(scope="module")
def served_large(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site with lists long enough to come in pages."""
    folder = tmp_path_factory.mktemp("large")
    site = large_site(lambda files: write_site(folder / "site", files), 60, 200)
    build(site, as_of=date(2026, 10, 6), output=site / "output")
    with serving(site / "output") as url:
        yield url


def _load_lazy_images(page: Any) -> None:
    """Scroll to the bottom, as a reader would, so that lazily loaded images load too."""
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("[...document.images].every(i => i.complete)")
    page.evaluate("window.scrollTo(0, 0)")


def _visit(browser: Any, url: str, width: int, scheme: str = "light",
           audit: bool = False) -> dict[str, Any]:
    page = browser.new_page(viewport={"width": width, "height": 800}, color_scheme=scheme)
    problems: list[str] = []
    host = url.split("/")[2] if url.startswith("http") else ""
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))

    def outside(request: Any) -> None:
        if request.url.startswith(("http://", "https://")) and f"//{host}/" not in request.url:
            problems.append(f"request to another host: {request.url}")

    page.on("request", outside)
    page.goto(url, wait_until="load")
    _load_lazy_images(page)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    violations = axe(page) if audit else []
    headings = page.locator("h1").count()
    page.close()
    return {"problems": problems, "overflow": overflow, "violations": violations,
            "h1": headings}


@pytest.mark.parametrize(("width", "scheme"), [(390, "light"), (1280, "light"), (390, "dark"),
                                               (1280, "dark")])
@pytest.mark.parametrize(("language", "path"), IN_LANGUAGES)
def test_page_loads_cleanly_and_passes_axe(browser: Any, served_in: Callable[[str], str],
                                           language: str, path: str, width: int,
                                           scheme: str) -> None:
    result = _visit(browser, served_in(language) + path, width, scheme, audit=True)
    assert result["problems"] == []
    assert result["overflow"] <= 0, f"{path} scrolls sideways by {result['overflow']} px"
    assert result["violations"] == [], "\n".join(result["violations"])
    assert result["h1"] == 1


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "days/tuesday/", "testimonials/ruvarashe-m/", "honour-roll/",
                                  "honour-roll/zoe-nyathi/certificate/", "policy/"])
def test_brand_colours_too_light_for_text_still_pass_axe(browser: Any, served_bright: str,
                                                         path: str, scheme: str) -> None:
    result = _visit(browser, served_bright + path, 1280, scheme, audit=True)
    assert result["violations"] == [], "\n".join(result["violations"])


@pytest.mark.parametrize(("width", "scheme"), [(390, "light"), (1280, "dark")])
@pytest.mark.parametrize("path", ["testimonials/page/2/", "honour-roll/",
                                  "honour-roll/awards/customer-champion-award/page/2/"])
def test_pages_of_long_lists_pass_axe(browser: Any, served_large: str, path: str, width: int,
                                      scheme: str) -> None:
    result = _visit(browser, served_large + path, width, scheme, audit=True)
    assert result["problems"] == []
    assert result["overflow"] <= 0
    assert result["violations"] == [], "\n".join(result["violations"])


def test_keyboard_users_get_the_skip_link_first_and_see_focus(browser: Any,
                                                              served: str) -> None:
    page = browser.new_page()
    page.goto(served + "days/tuesday/")
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => {
        const el = document.activeElement, box = el.getBoundingClientRect(),
              style = getComputedStyle(el);
        return {text: el.textContent.trim(), href: el.getAttribute("href"),
                visible: box.top >= 0 && box.height > 0,
                outline: parseFloat(style.outlineWidth) || 0};
    }""")
    assert focused["text"] == "Skip to main content" and focused["href"] == "#main"
    assert focused["visible"], "the skip link must show itself when focused"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # the next stop is inside <main>, past the navigation
    inside = page.evaluate("() => !!document.activeElement.closest('main')")
    page.keyboard.press("Tab")
    outline = page.evaluate("() => parseFloat(getComputedStyle(document.activeElement)"
                            ".outlineWidth) || 0")
    page.close()
    assert inside
    assert outline >= 2, "focus must be visible"


def test_reduced_motion_turns_off_smooth_scrolling(browser: Any, served: str) -> None:
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    page.goto(served)
    behaviour = page.evaluate("getComputedStyle(document.documentElement).scrollBehavior")
    context.close()
    assert behaviour == "auto"


def test_policy_prints_with_its_contents_and_without_navigation(browser: Any,
                                                                served: str) -> None:
    page = browser.new_page()
    page.goto(served + "policy/")
    page.emulate_media(media="print")
    shown = page.evaluate("""() => Object.fromEntries(
        ["nav.site-nav", ".toc", ".site-footer", "main h1"].map(s => {
            const el = document.querySelector(s);
            return [s, !!el && getComputedStyle(el).display !== "none"];
        }))""")
    page.close()
    assert shown == {"nav.site-nav": False, ".toc": True, ".site-footer": False,
                     "main h1": True}


@pytest.mark.parametrize(("language", "path"), IN_LANGUAGES)
def test_smallest_phones_do_not_scroll_sideways(browser: Any, served_in: Callable[[str], str],
                                                language: str, path: str) -> None:
    result = _visit(browser, served_in(language) + path, 320)
    assert result["overflow"] <= 0, f"{path} scrolls sideways by {result['overflow']} px at 320"


def test_portable_build_works_from_disk(browser: Any, tmp_path: Path) -> None:
    out = tmp_path / "output"
    build(REPO, as_of=date(2026, 10, 6), output=out, portable=True)
    page = browser.new_page()
    errors: list[str] = []
    page.on("requestfailed", lambda r: errors.append(r.url))
    page.goto((out / "index.html").as_uri())
    page.click("nav >> text=Testimonials")
    assert page.url.endswith("/testimonials/index.html")
    assert page.locator("h1").count() == 1
    page.close()
    assert errors == []


def test_screenshots(browser: Any, served: str) -> None:
    folder = REPO / "test-artifacts" / "screenshots"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, path in (("home", ""), ("day", "days/tuesday/"), ("honour-roll", "honour-roll/"),
                       ("certificate", "honour-roll/zoe-nyathi/certificate/")):
        for width in (390, 1280):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(served + path)
            _load_lazy_images(page)
            page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
            page.close()
    assert len(list(folder.glob("*.png"))) == 8


@pytest.mark.parametrize(("moment", "expected"), [
    ("2026-09-28T09:00:00+02:00", "starts in 7 days"),
    ("2026-10-04T23:30:00+00:00", "Today is day 1: Dream Team Monday"),  # Monday in Harare
    ("2026-10-07T10:00:00+02:00", "Today is day 3: Wellness Wednesday"),
    ("2026-10-12T10:00:00+02:00", "Thank you"),
])
def test_week_status_follows_the_visitors_clock(browser: Any, served: str, moment: str,
                                                 expected: str) -> None:
    page = browser.new_page()
    page.clock.set_fixed_time(moment)
    page.goto(served)
    assert expected in page.locator("[data-week-status]").inner_text()
    page.close()


@pytest.mark.parametrize("path", ["", "days/tuesday/"])
def test_an_open_page_moves_to_the_next_day_at_midnight_and_when_shown_again(
        browser: Any, served: str, path: str) -> None:
    """A page left open overnight (a staff intranet's start page, a tab on a branch's PC)
    moves its status line and today's highlight at midnight in the site's time zone, and
    catches up when it is shown again after its timers were held back (sleep, a hidden tab)."""

    def shown() -> tuple[str, list[str]]:
        return (page.locator("[data-week-status]").inner_text(), page.eval_on_selector_all(
            '[aria-current="date"]', "els => els.map(e => e.dataset.date)"))

    page = browser.new_page()
    page.clock.install(time="2026-10-05T21:59:00Z")  # 23:59 on Monday in Harare
    page.goto(served + path)
    status, today = shown()
    assert "Today is day 1: Dream Team Monday" in status
    assert today and set(today) == {"2026-10-05"}
    page.clock.run_for("02:00")
    status, today = shown()
    assert "Today is day 2: Superhero Tuesday" in status
    assert today and set(today) == {"2026-10-06"}
    assert page.locator(".is-today").evaluate_all(
        "els => els.every(e => e.dataset.date === '2026-10-06')")
    page.clock.set_system_time("2026-10-08T08:00:00+02:00")  # no timer fired: as after sleep
    page.evaluate("document.dispatchEvent(new Event('visibilitychange'))")
    status, today = shown()
    assert "Today is day 4" in status
    assert today and set(today) == {"2026-10-08"}
    page.close()


def test_week_status_text_is_there_without_script(browser: Any, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served)
    # built as of Tuesday 6 October
    assert "Today is day 2: Superhero Tuesday" in page.locator("[data-week-status]").inner_text()
    context.close()


@pytest.mark.parametrize("language", ["en-GB", "fr", "ar"])
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_certificate_prints_on_one_landscape_sheet(browser: Any, served_in: Callable[[str], str],
                                                   paper: str, language: str) -> None:
    import re

    page = browser.new_page()
    page.goto(served_in(language) + "honour-roll/zoe-nyathi/certificate/")
    page.emulate_media(media="print")
    pdf = page.pdf(format=paper, landscape=True, print_background=True)
    page.close()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"the certificate takes {pages} {paper} sheets"


@pytest.fixture(scope="module")
def served_arabic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The demo in Arabic with base_url set (so share images are drawn), as of a week
    before it starts."""
    folder = tmp_path_factory.mktemp("arabic")
    site = demo_in(folder, "ar", base_url="https://csw.example/")
    build(site, as_of=date(2026, 9, 28), output=folder / "output", cache_dir=folder / "cache")
    with serving(folder / "output") as url:
        yield url, folder / "output"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_screenshots_of_french_and_arabic_pages(browser: Any, tmp_path_factory:
                                                pytest.TempPathFactory, language: str) -> None:
    folder = tmp_path_factory.mktemp(f"shots-{language}")
    site = demo_in(folder, language)
    build(site, as_of=date(2026, 10, 6), output=folder / "output", cache_dir=folder / "cache")
    shots = REPO / "test-artifacts" / "screenshots" / language
    shutil.rmtree(shots, ignore_errors=True)
    shots.mkdir(parents=True)
    with serving(folder / "output") as url:
        for name, path in (("home", ""), ("day", "days/tuesday/"),
                           ("honour-roll", "honour-roll/"),
                           ("certificate", "honour-roll/zoe-nyathi/certificate/")):
            for width in (390, 1280):
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(url + path)
                _load_lazy_images(page)
                assert page.evaluate("document.documentElement.lang") == language
                page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)
                page.close()
    assert len(list(shots.glob("*.png"))) == 8


def test_arabic_pages_read_right_to_left(browser: Any,
                                         served_arabic: tuple[str, Path]) -> None:
    url, out = served_arabic
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(url)
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    brand = page.locator(".brand").bounding_box()
    assert brand is not None and brand["x"] > 1280 / 2, "the brand starts at the right"
    page.close()
    card = REPO / "test-artifacts" / "share-ar.png"
    card.parent.mkdir(exist_ok=True)
    shutil.copyfile(out / "days" / "tuesday" / "share.png", card)


def test_web_addresses_read_left_to_right_on_arabic_pages(
        browser: Any, served_arabic: tuple[str, Path]) -> None:
    """A web address in right-to-left text is laid out left to right, or its trailing "/"
    moves to its start and a wrapped address reads as another one (".../tues" over
    "/day/poster")."""
    url, _ = served_arabic
    page = browser.new_page(viewport={"width": 794, "height": 1123})
    page.goto(url + "days/tuesday/poster/")
    shown = page.locator(".sheet-qr__url").evaluate("e => getComputedStyle(e).direction")
    page.emulate_media(media="print")  # a link in the text prints its address after it
    page.goto(url + "policy/")
    page.evaluate("""() => document.querySelector(".prose").insertAdjacentHTML("beforeend",
        '<p>انظر <a href="https://csw.example/a/b/">الموقع</a></p>')""")
    printed = page.evaluate("""() => getComputedStyle(
        document.querySelector('.prose a[href^="http"]'), "::after").content""")
    page.close()
    assert shown == "ltr"
    assert printed == '" \u2066(https://csw.example/a/b/)\u2069"', printed


@pytest.mark.parametrize("path", ["programme/", "days/tuesday/poster/"])
def test_the_programme_and_posters_read_well_on_a_phone(
        browser: Any, served_arabic: tuple[str, Path], path: str) -> None:
    """Beside the logo and the QR code (there with base_url) the headings kept so little
    room at 320 px that they ran down the sheet a letter or two a line."""
    url, _ = served_arabic
    page = browser.new_page(viewport={"width": 320, "height": 800})
    page.goto(url + path)
    widths = page.evaluate("""() => {
        const sheet = document.querySelector(".sheet"), style = getComputedStyle(sheet);
        const room = sheet.clientWidth - parseFloat(style.paddingInlineStart)
            - parseFloat(style.paddingInlineEnd);
        return [".sheet__event", ".sheet__title"].map(
            s => document.querySelector(s).getBoundingClientRect().width / room);
    }""")
    page.close()
    assert min(widths) > 0.5, widths


@pytest.mark.parametrize(("moment", "expected"), [
    # (a no-break space holds the number to its word)
    ("2026-09-28T09:00:00+02:00", "7\u00a0أيام"),  # few: 3-10 days, the plural
    ("2026-09-20T09:00:00+02:00", "15\u00a0يومًا"),  # many: 11-99, the singular accusative
    ("2026-10-03T09:00:00+02:00", "يومين"),  # two: the dual, without a number
    ("2026-10-12T10:00:00+02:00", "شكرًا"),
])
def test_arabic_countdown_uses_the_plural_form_for_the_number(
        browser: Any, served_arabic: tuple[str, Path], moment: str, expected: str) -> None:
    url, _ = served_arabic
    page = browser.new_page()
    page.clock.set_fixed_time(moment)
    page.goto(url)
    text = page.locator("[data-week-status-text]").inner_text()
    page.close()
    assert expected in text, text


@pytest.mark.parametrize(("scheme", "backing"), [("light", "rgba(0, 0, 0, 0)"),
                                                 ("dark", "rgb(255, 255, 255)")])
def test_the_logo_sits_on_a_light_tile_in_the_dark_scheme(
        browser: Any, served_in: Callable[[str], str], scheme: str, backing: str) -> None:
    """A logo is drawn for a light page: on the dark header it would all but vanish (the
    demo's dark blue on near-black), so in the dark scheme it gets a white tile."""
    page = browser.new_page(color_scheme=scheme)
    page.goto(served_in("en-GB"))
    logo = page.locator("img.brand__logo")
    assert logo.evaluate("e => getComputedStyle(e).backgroundColor") == backing
    page.close()
