"""The lobby screen (screen/) in Chromium at 1920x1080 and 1080x1920: no scrolling, no text
smaller than 3% of the shorter side, slides that change with the clock, the date rolling
over at midnight in the site's time zone, a rebuilt site picked up, axe clean."""

from __future__ import annotations

import functools
import http.server
import itertools
import re
import shutil
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from cswgen.commands.build import build
from cswgen.read.config import load_config
from tests.helpers import MINIMAL_CONFIG, REPO, axe, demo_in, demos_served, serving, write_site

SIZES = [(1920, 1080), (1080, 1920)]
SECONDS = 12 * 1000  # [screen] seconds, default


@pytest.fixture(scope="module")
def site_in(tmp_path_factory: pytest.TempPathFactory,
            ) -> Iterator[Callable[[str], tuple[Path, str]]]:
    """The demo built as of Tuesday in a language, served: (its output, its address)."""
    with demos_served(tmp_path_factory, "screen", base_url="https://csw.msasa.example/") as get:
        yield get


def _open(browser: Any, url: str, size: tuple[int, int], at: str) -> Any:
    """The page at `url` with its clock stopped at `at`: time moves only by `run_for`.  (A
    clock left running would add slides of its own on a slow machine, between the ones a
    test counts.)"""
    page = browser.new_page(viewport={"width": size[0], "height": size[1]},
                            reduced_motion="reduce")
    _stop_clock(page, at)
    page.goto(url)
    return page


def _stop_clock(page: Any, at: str) -> None:
    moment = datetime.fromisoformat(at)
    page.clock.install(time=moment - timedelta(seconds=1))
    page.clock.pause_at(moment)


def _current(page: Any) -> dict[str, Any]:
    return dict(page.evaluate("""() => {
        const slide = document.querySelector('.slide.is-current');
        const texts = [...slide.querySelectorAll('*')].filter(e => e.offsetParent !== null
            && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()));
        return {kind: slide.dataset.slide, date: slide.dataset.date || '',
                text: slide.innerText,
                overflow: slide.scrollHeight - slide.clientHeight,
                pageY: document.documentElement.scrollHeight - innerHeight,
                pageX: document.documentElement.scrollWidth - innerWidth,
                smallest: Math.min(...texts.map(e => parseFloat(getComputedStyle(e).fontSize)))};
    }"""))


@pytest.mark.parametrize("language", ["en-GB", "ar"])
@pytest.mark.parametrize("size", SIZES)
def test_every_slide_fits_without_scrolling_in_large_type(
        browser: Any, site_in: Callable[[str], tuple[Path, str]], size: tuple[int, int],
        language: str) -> None:
    page = _open(browser, site_in(language)[1] + "screen/", size, "2026-10-06T07:00:00Z")
    seen = []
    for _ in range(9):
        slide = _current(page)
        seen.append(slide["kind"])
        where = f"the {slide['kind']} slide at {size}"
        assert slide["overflow"] <= 0, f"{where} is cut off by {slide['overflow']} px"
        assert slide["pageY"] <= 0 and slide["pageX"] <= 0, f"{where} scrolls"
        assert slide["smallest"] >= 0.03 * min(size) - 0.01, f"{where}: {slide['smallest']} px"
        page.clock.run_for(SECONDS)
    page.close()
    assert seen[0] == "day"  # today's theme and programme first
    assert {"day", "status", "quote", "people"} <= set(seen)


def test_only_the_next_events_and_the_status_line_follow_the_clock(
        browser: Any, site_in: Callable[[str], tuple[Path, str]]) -> None:
    # 13:00 in Harare: the morning's events are over
    page = _open(browser, site_in("en-GB")[1] + "screen/", SIZES[0], "2026-10-06T11:00:00Z")
    slide = _current(page)
    assert slide["kind"] == "day" and slide["date"] == "2026-10-06"
    assert "CX Day panel" in slide["text"] and "Superhero welcome" not in slide["text"]
    texts = []
    for _ in range(3):  # the status line comes next (one slide later, whatever the timing)
        page.clock.run_for(SECONDS)
        texts.append(_current(page)["text"])
    page.close()
    assert any("Today is day 2: Superhero Tuesday" in text for text in texts), texts


def test_the_date_rolls_over_at_midnight_in_the_sites_time_zone(
        browser: Any, site_in: Callable[[str], tuple[Path, str]]) -> None:
    # 23:59 on Tuesday in Harare (UTC+2)
    page = _open(browser, site_in("en-GB")[1] + "screen/", SIZES[0], "2026-10-06T21:59:00Z")
    assert _current(page)["date"] == "2026-10-06"
    page.clock.run_for(2 * 60 * 1000)
    found = []
    for _ in range(12):
        slide = _current(page)
        found.append((slide["kind"], slide["date"], slide["text"]))
        page.clock.run_for(SECONDS)
    page.close()
    days = {d for kind, d, _ in found if kind == "day"}
    assert days == {"2026-10-07"}
    assert any("Today is day 3: Wellness Wednesday" in text for _, _, text in found)


def test_reduced_motion_cuts_from_slide_to_slide(
        browser: Any, site_in: Callable[[str], tuple[Path, str]]) -> None:
    page = _open(browser, site_in("en-GB")[1] + "screen/", SIZES[0], "2026-10-06T07:00:00Z")
    moving = []
    for _ in range(4):
        page.clock.run_for(SECONDS)
        moving += page.evaluate("""() => document.getAnimations().map(
            a => `${a.effect.target.className}: ${a.transitionProperty || a.animationName}`)""")
    page.close()
    assert moving == [], moving


def test_space_pauses(browser: Any, site_in: Callable[[str], tuple[Path, str]]) -> None:
    page = _open(browser, site_in("en-GB")[1] + "screen/", SIZES[0], "2026-10-06T07:00:00Z")
    page.keyboard.press("Space")
    before = _current(page)["kind"]
    page.clock.run_for(5 * SECONDS)
    assert _current(page)["kind"] == before
    page.keyboard.press("Space")
    page.clock.run_for(SECONDS)
    assert _current(page)["kind"] != before
    page.close()


def test_a_rebuilt_site_is_picked_up_without_a_reload(
        browser: Any, tmp_path: Path) -> None:
    site = demo_in(tmp_path, "en-GB")
    out = tmp_path / "output"
    build(site, as_of=date(2026, 10, 5), output=out, cache_dir=tmp_path / "cache")
    with serving(out) as url:
        page = _open(browser, url + "screen/", SIZES[0], "2026-10-06T07:00:00Z")
        first = page.get_attribute("[data-screen]", "data-build")
        page.evaluate("document.body.dataset.marker = 'same page'")
        config = site / "config.toml"
        config.write_text(config.read_text("utf-8").replace(
            'theme = "Dream Team"', 'theme = "Dream Team, rebuilt"'), "utf-8")
        build(site, as_of=date(2026, 10, 5), output=out, cache_dir=tmp_path / "cache")
        page.clock.run_for(3 * 60 * 1000 + 1000)
        for _ in range(50):  # the fetches are real: a moment for them
            if page.get_attribute("[data-screen]", "data-build") != first:
                break
            page.wait_for_timeout(200)
        assert page.get_attribute("[data-screen]", "data-build") != first
        assert "Dream Team, rebuilt" in page.inner_text(".screen__week")
        assert page.evaluate("document.body.dataset.marker") == "same page"  # no reload
        page.clock.run_for(SECONDS)
        page.close()


@pytest.mark.parametrize("language", ["en-GB", "ar"])
def test_the_screen_passes_axe_and_stays_out_of_search(
        browser: Any, site_in: Callable[[str], tuple[Path, str]], language: str) -> None:
    out, url = site_in(language)
    page = _open(browser, url + "screen/", SIZES[0], "2026-10-06T07:00:00Z")
    page.clock.resume()  # axe waits on timers of its own
    violations = axe(page)
    page.close()
    assert violations == [], "\n".join(violations)
    html = (out / "screen/index.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex">' in html
    assert "screen/" not in (out / "sitemap.xml").read_text("utf-8")
    assert 'href="screen/"' in (out / "index.html").read_text("utf-8")


def test_the_screen_asks_its_host_for_nothing_that_is_not_there(
        browser: Any, site_in: Callable[[str], tuple[Path, str]]) -> None:
    """The screen named no icon, so every TV asked the host for /favicon.ico and logged a
    "not found" each time it loaded; it names the site's, as every other page does."""
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    missing: list[str] = []

    def heard(text: str, wrong: bool) -> None:
        if wrong:
            missing.append(text)

    page.on("response", lambda r: heard(f"{r.status} {r.url}", r.status >= 400))
    page.on("console", lambda m: heard(m.text, m.type == "error"))
    page.goto(site_in("en-GB")[1] + "screen/")
    page.wait_for_timeout(1500)  # (the browser asks for an icon after the page is in)
    page.close()
    assert missing == []


def test_a_quote_slide_shows_more_of_a_testimonial_than_its_card(
        site_in: Callable[[str], tuple[Path, str]]) -> None:
    """A TV has room for a whole short testimonial: the demo's Nyasha & Tapiwa D. are
    quoted whole on the screen, where their share card and feed summary stop at 160
    characters."""
    out, _ = site_in("en-GB")
    whole = ("We phoned about a top-up on our bond and spoke to Tinashe, who passed us to Zoë "
             "for the insurance question. Neither of them made us repeat anything. Ten out of "
             "ten, or five out of five, whichever you use!")
    assert len(whole) > 160
    assert whole in (out / "screen/index.html").read_text("utf-8")


def test_screen_seconds_is_a_setting(tmp_path: Path) -> None:
    site = demo_in(tmp_path, "en-GB")
    with (site / "config.toml").open("a", encoding="utf-8") as config:
        config.write("\n[screen]\nseconds = 20\n")
    assert load_config(site).screen.seconds == 20
    assert load_config(REPO).screen.seconds == 12


def _heap(page: Any) -> int:
    """The page's JavaScript heap after a full garbage collection, in bytes."""
    session = page.context.new_cdp_session(page)
    session.send("HeapProfiler.collectGarbage")
    used = int(session.send("Runtime.getHeapUsage")["usedSize"])
    session.detach()
    return used


def test_a_day_of_slides_leaves_the_heap_as_it_was(
        browser: Any, site_in: Callable[[str], tuple[Path, str]]) -> None:
    """A screen runs for a week: its memory must not grow slide by slide.  A simulated
    day (7,200 slides at 12 s, two build polls an hour, one midnight) is compared with the
    first hour's end, once the page has settled."""
    page = _open(browser, site_in("en-GB")[1] + "screen/", SIZES[0], "2026-10-06T05:00:00Z")
    page.clock.run_for(60 * 60 * 1000)  # an hour: every slide shown and every poll made
    before = _heap(page)
    for _ in range(24):
        page.clock.run_for(60 * 60 * 1000)
    after = _heap(page)
    slide = _current(page)
    page.close()
    assert slide["kind"]  # still showing slides
    assert after <= before * 1.05 + 64 * 1024, f"the heap grew from {before} to {after} bytes"


def test_a_rebuild_with_new_colours_or_a_changed_stylesheet_restyles_the_screen(
        browser: Any, tmp_path: Path) -> None:
    """The brand's colours live in the page's <head>, outside the slides a newer build
    swaps in: a TV went on in last week's blue until someone reloaded it by hand.  So did
    an edit to the site's own stylesheet."""
    site = demo_in(tmp_path, "en-GB")
    theme = site / "themes" / "branch"
    (theme / "static").mkdir(parents=True)
    (theme / "theme.toml").write_text('extends = "classic"\n', "utf-8")
    classic = (REPO / "themes/classic/static/style.css").read_text("utf-8")
    (theme / "static" / "style.css").write_text(classic, "utf-8")
    config = site / "config.toml"
    config.write_text(config.read_text("utf-8").replace('theme = "classic"', 'theme = "branch"'),
                      "utf-8")
    out = tmp_path / "output"
    build(site, as_of=date(2026, 10, 6), output=out, cache_dir=tmp_path / "cache")
    with serving(out) as url:
        page = _open(browser, url + "screen/", SIZES[0], "2026-10-06T07:00:00Z")
        first = page.get_attribute("[data-screen]", "data-build")
        background = "getComputedStyle(document.body).backgroundColor"
        underline = "getComputedStyle(document.querySelector('.screen__week')).textDecorationLine"
        assert page.evaluate(background) == "rgb(11, 61, 145)"  # the week's blue
        assert page.evaluate(underline) == "none"
        config.write_text(config.read_text("utf-8").replace(
            'secondary = "#0b3d91"', 'secondary = "#006400"'), "utf-8")
        (theme / "static" / "style.css").write_text(
            classic + "\n.screen__week { text-decoration: underline; }\n", "utf-8")
        build(site, as_of=date(2026, 10, 6), output=out, cache_dir=tmp_path / "cache")
        page.clock.run_for(3 * 60 * 1000 + 1000)
        for _ in range(50):  # the fetches are real: a moment for them
            if (page.get_attribute("[data-screen]", "data-build") != first
                    and page.evaluate(underline) == "underline"):
                break
            page.wait_for_timeout(200)
        assert page.evaluate(background) == "rgb(0, 100, 0)"
        assert page.evaluate(underline) == "underline"
        assert page.locator('link[rel="stylesheet"]').count() == 1
        assert page.locator("head style").count() == 1
        page.close()


class _NoFolderIndex(http.server.SimpleHTTPRequestHandler):
    """A host that serves files only, as a storage bucket or a document library does: an
    address that ends in "/" is not found."""

    def send_head(self) -> Any:
        if urllib.parse.urlsplit(self.path).path.endswith("/"):
            self.send_error(404)
            return None
        return super().send_head()

    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_a_screen_opened_as_index_html_picks_up_a_rebuild_on_a_host_without_folder_pages(
        browser: Any, tmp_path: Path) -> None:
    """A TV's kiosk browser given `screen/index.html` (the portable build's address, the
    one that works on a host that does not turn a folder into its index.html) fetches that
    same address for the newer build, not `screen/`."""
    site = demo_in(tmp_path, "en-GB")
    out = tmp_path / "output"
    build(site, as_of=date(2026, 10, 5), output=out, cache_dir=tmp_path / "cache",
          portable=True)
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_NoFolderIndex, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/screen/index.html"
        page = _open(browser, url, SIZES[0], "2026-10-06T07:00:00Z")
        first = page.get_attribute("[data-screen]", "data-build")
        config = site / "config.toml"
        config.write_text(config.read_text("utf-8").replace(
            'theme = "Dream Team"', 'theme = "Dream Team, rebuilt"'), "utf-8")
        build(site, as_of=date(2026, 10, 6), output=out, cache_dir=tmp_path / "cache",
              portable=True)
        page.clock.run_for(3 * 60 * 1000 + 1000)
        for _ in range(50):  # the fetches are real: a moment for them
            if page.get_attribute("[data-screen]", "data-build") != first:
                break
            page.wait_for_timeout(200)
        assert "Dream Team, rebuilt" in page.inner_text(".screen__week")
        page.close()
    finally:
        server.shutdown()
        server.server_close()


def test_the_screen_carries_on_with_the_network_gone(
        browser: Any, site_in: Callable[[str], tuple[Path, str]]) -> None:
    page = _open(browser, site_in("en-GB")[1] + "screen/", SIZES[0], "2026-10-06T07:00:00Z")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.context.set_offline(True)
    kinds = set()
    for _ in range(30):  # six minutes: two polls for a newer build fail
        page.clock.run_for(SECONDS)
        kinds.add(_current(page)["kind"])
    page.close()
    assert errors == []
    assert len(kinds) >= 3, kinds  # the slides still change


def test_the_screen_works_opened_from_disk(
        browser: Any, site_in: Callable[[str], tuple[Path, str]]) -> None:
    out = site_in("en-GB")[0]
    page = browser.new_page(viewport={"width": 1920, "height": 1080}, reduced_motion="reduce")
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    _stop_clock(page, "2026-10-06T07:00:00Z")
    page.goto((out / "screen" / "index.html").as_uri())
    first = _current(page)
    page.clock.run_for(SECONDS)
    second = _current(page)
    page.close()
    assert errors == []
    assert first["kind"] == "day" and second["text"] != first["text"]


def _day_site(tmp_path: Path, front_matter: str, title: str = "Opening Monday") -> str:
    """A site of one day, Monday 5 October 2026, with this title and front matter, built:
    the address of its lobby screen, opened from disk."""
    site = write_site(tmp_path / "site", {"content/days/monday.md": (
        f"---\ntitle: {title}\nday: monday\n{front_matter}---\n")})
    out = tmp_path / "output"
    build(site, as_of=date(2026, 10, 5), output=out, cache_dir=tmp_path / "cache")
    return (out / "screen" / "index.html").as_uri()


def _events_shown(page: Any) -> list[str]:
    return list(page.evaluate("""() => [...document.querySelectorAll(
        '.slide.is-current .slide__events li')].filter(li => !li.hidden).map(
        li => li.querySelector('.slide__event').firstChild.textContent.trim())"""))


def test_the_next_events_come_first_however_the_day_lists_them(
        browser: Any, tmp_path: Path) -> None:
    """Events pasted in as they were planned, not by the clock: at 08:00 the screen shows
    what comes next, in the order it comes."""
    events = [("15:00", "Afternoon tea"), ("09:00", "Breakfast"), ("12:00", "Lunch"),
              ("10:30", "Workshop"), ("16:00", "Closing"), ("08:30", "Briefing")]
    url = _day_site(tmp_path, "events:\n" + "".join(
        f"  - time: {time}\n    title: {title}\n" for time, title in events))
    page = _open(browser, url, SIZES[0], "2026-10-05T06:00:00Z")  # 08:00 in Harare
    assert _current(page)["kind"] == "day"
    shown = _events_shown(page)
    page.close()
    assert shown == ["Briefing", "Breakfast", "Workshop", "Lunch"]


@pytest.mark.parametrize("size", SIZES)
def test_a_long_day_is_shown_whole_with_the_events_that_fit(
        browser: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    """A long theme, a long dress code and four events with long names and places: the
    slide shows what fits, never a line cut in half or a date under the header."""
    place = "Conference room on the sixth floor of the head office building, and on Teams"
    url = _day_site(tmp_path, (
        "dress_code: Capes optional, name badges compulsory. Come as your favourite hero, "
        "real or fictional, and bring a friend from another department so that nobody "
        "feels left out of the fun.\nevents:\n" + "".join(
            f"  - time: {8 + n:02d}:00\n    end: {8 + n:02d}:45\n    title: Session {n} "
            f"with quite a long descriptive title for the lobby\n    place: {place}\n"
            for n in range(4))), "Superhero Tuesday with a Rather Long Theme Name for Everyone")
    page = _open(browser, url, size, "2026-10-05T05:00:00Z")  # 07:00 in Harare
    slide = _current(page)
    shown = _events_shown(page)
    tops = page.evaluate("""() => [...document.querySelectorAll('.slide.is-current > *')]
        .filter(e => !e.hidden).map(e => e.getBoundingClientRect().top
        - document.querySelector('.screen__slides').getBoundingClientRect().top)""")
    page.close()
    assert slide["kind"] == "day" and slide["date"] == "2026-10-05"
    assert slide["overflow"] <= 0, f"the day's slide is cut off by {slide['overflow']} px"
    assert min(tops) >= 0, "the top of the day's slide is hidden under the header"
    assert shown and shown == [f"Session {n} with quite a long descriptive title for the lobby"
                               for n in range(len(shown))]


def test_a_double_barrelled_surname_gives_the_initial_of_its_first_part(
        tmp_path: Path) -> None:
    """The TV showed "MN" for Munyaradzi Chiwenga-Mupfurutsa-Nyamakura, whom everyone
    calls Mr Chiwenga: initials take the first letter of the surname, as people write
    them; a first name alone that is hyphenated keeps both its parts' (Jean-Luc: JL)."""
    people = {"munyaradzi": "Munyaradzi Tatenda Chiwenga-Mupfurutsa-Nyamakura",
              "ngonidzashe": "Ngonidzashe O'Reilly-Dzvairo", "jean-luc": "Jean-Luc"}
    site = write_site(tmp_path / "site", {
        f"content/honour-roll/{slug}.md": f'---\nname: "{name}"\naward: Team Spirit\n---\n'
        for slug, name in people.items()})
    build(site, as_of=date(2026, 10, 6), output=tmp_path / "output",
          cache_dir=tmp_path / "cache")
    screen = (tmp_path / "output/screen/index.html").read_text("utf-8")
    shown = re.findall(r'class="slide__photo slide__initials"[^>]*>([^<]*)<', screen)
    assert sorted(shown) == ["JL", "MC", "NO"]
    page = (tmp_path / "output/honour-roll/munyaradzi/index.html").read_text("utf-8")
    assert 'class="avatar__text">MC<' in page


def test_everyone_on_a_long_honour_roll_comes_on_screen_in_turn(browser: Any,
                                                                tmp_path: Path) -> None:
    """Fourteen branches honour forty people: the screen showed the first twelve, and the
    other twenty-eight never came on.  Now four slides of them a round, the next four the
    next round, so that the day's slides still come round every couple of minutes."""
    names = [f"Tatenda Branch{n:02d}" for n in range(40)]
    site = write_site(tmp_path / "site", {
        "content/days/monday.md": "---\ntitle: Opening Monday\nday: monday\n---\nHello.\n",
        **{f"content/honour-roll/p{n:02d}.md": f"---\nname: {name}\n---\nThank you.\n"
           for n, name in enumerate(names)}})
    build(site, as_of=date(2026, 10, 5), output=tmp_path / "output",
          cache_dir=tmp_path / "cache")
    with serving(tmp_path / "output") as url:
        page = _open(browser, url + "screen/", SIZES[0], "2026-10-05T07:00:00Z")
        seen: set[str] = set()
        since_day, longest = 0, 0
        for _ in range(120):
            slide = _current(page)
            if slide["kind"] == "day":
                longest, since_day = max(longest, since_day), 0
            since_day += 1
            if slide["kind"] == "people":
                seen.update(n for n in names if n in slide["text"])
            page.clock.run_for(SECONDS)
        page.close()
    assert sorted(seen) == names
    assert longest <= 6  # the day, the status line and four slides of people


@pytest.mark.parametrize("size", [*SIZES, (1280, 720)])
def test_all_day_events_share_a_row_and_leave_room_for_the_next_events(
        browser: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    """Four all-day events took the four rows of the day's slide, one "All day" after
    another, and the TV never showed the breakfast at 07:30 or anything else with a time.
    Now they share one row, by title, above the next events with a time."""
    all_day = ["Photo booth open all day", "Members' suggestion box",
               "Puzzle piece treasure hunt", "Free coffee for members"]
    timed = ["Welcome breakfast", "Launch of the week", "Service stories",
             "Build the Dream Team", "Quiz round one", "Wall of Thanks unveiled"]
    url = _day_site(tmp_path, (
        "dress_code: Msasa red and blue, from a scarf to a full suit.\nevents:\n"
        + "".join(f"  - title: \"{title}\"\n    place: Every branch\n" for title in all_day)
        + "".join(f"  - time: {8 + n:02d}:30\n    end: {8 + n:02d}:50\n    title: {title}\n"
                  f"    place: Msasa House atrium, and live on Teams\n"
                  for n, title in enumerate(timed))), "Dream Team Monday")
    page = _open(browser, url, size, "2026-10-05T05:00:00Z")  # 07:00 in Harare
    slide = _current(page)
    rows = page.evaluate("""() => [...document.querySelectorAll(
        '.slide.is-current .slide__events li')].filter(li => !li.hidden).map(li => {
            const box = li.getBoundingClientRect();
            return {text: li.innerText, top: box.top, bottom: box.bottom,
                    right: Math.max(...[...li.querySelectorAll('span')].map(
                        s => s.getBoundingClientRect().right))};
        })""")
    page.close()
    assert slide["kind"] == "day" and slide["overflow"] <= 0, slide
    assert slide["smallest"] >= 0.03 * min(size) - 0.01, slide["smallest"]
    assert rows[0]["text"].split("\n")[0] == "All day"
    assert " · ".join(all_day) in rows[0]["text"].replace("\n", " ")
    assert [row["text"].split("\n")[-1].split(" · ")[0] for row in rows[1:]] == timed[:3]
    assert all(row["right"] <= size[0] for row in rows)
    assert all(upper["bottom"] <= lower["top"] for upper, lower in itertools.pairwise(rows))


def test_a_tv_runs_the_new_screen_js_of_an_upgrade(browser: Any, tmp_path: Path) -> None:
    """After an upgrade of cswgen, a TV with the screen open took the newer build's slides
    and went on running last week's screen.js, which the browser kept: its address never
    changed.  It does now, and the screen loads the page again to run it."""
    site = write_site(tmp_path / "site", {
        "config.toml": MINIMAL_CONFIG.replace("[site]\n", '[site]\ntheme = "branch"\n'),
        "themes/branch/theme.toml": 'extends = "classic"\n',
        "content/days/monday.md": "---\ntitle: Opening Monday\nday: monday\n---\nHello.\n"})
    out = tmp_path / "output"
    build(site, as_of=date(2026, 10, 5), output=out, cache_dir=tmp_path / "cache")
    with serving(out) as url:
        page = _open(browser, url + "screen/", SIZES[0], "2026-10-05T07:00:00Z")
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        assert page.evaluate("document.documentElement.dataset.upgraded") is None
        classic = (REPO / "themes/classic/static/screen.js").read_text("utf-8")
        (site / "themes/branch/static").mkdir()
        (site / "themes/branch/static/screen.js").write_text(
            classic + '\ndocument.documentElement.dataset.upgraded = "yes";\n', "utf-8")
        build(site, as_of=date(2026, 10, 5), output=out, cache_dir=tmp_path / "cache")
        page.clock.run_for(3 * 60 * 1000 + 1000)
        page.wait_for_function("document.documentElement.dataset.upgraded === 'yes'",
                               timeout=10_000)  # the fetches are real: a moment for them
        upgraded = page.evaluate("document.documentElement.dataset.upgraded")
        kind = _current(page)["kind"]
        page.close()
    assert upgraded == "yes"
    assert kind == "day" and errors == []


def test_the_screen_changes_with_a_person_it_shows_and_only_then(tmp_path: Path) -> None:
    """The screen's people are keyed by their honour-roll views (`SharedViews.derive`): a
    person's new award reaches the screen and its build id, and a testimonial edited
    that the screen does not show leaves both as they were."""
    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "config.toml", site / "config.toml")
    out, cache = tmp_path / "output", tmp_path / "cache"

    def built() -> tuple[str, str]:
        build(site, as_of=date(2026, 10, 5), output=out, cache_dir=cache)
        return ((out / "screen/build.json").read_text("utf-8"),
                (out / "screen/index.html").read_text("utf-8"))

    first_build, first_page = built()
    person = site / "content/honour-roll/farai-moyo.md"
    text = person.read_text("utf-8")
    assert "award: Customer Champion Award" in text and "Members' Choice" not in first_page
    person.write_text(text.replace("award: Customer Champion Award",
                                   "award: Members' Choice Award"), "utf-8")
    second_build, second_page = built()
    assert second_build != first_build
    assert "Members’ Choice Award" in second_page or "Members' Choice Award" in second_page \
        or "Members&#39; Choice Award" in second_page
    unshown = next(path for path in sorted((site / "content/testimonials").glob("*.md"))
                   if "featured: true" not in path.read_text("utf-8"))
    unshown.write_text(unshown.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    assert built() == (second_build, second_page)
