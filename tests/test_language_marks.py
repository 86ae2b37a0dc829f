"""Words in the default language shown in another language's files say so, and the sitemap
of a site in two languages lists only pages that exist, each with the versions it really
has (SPEC "Several languages in one site"): the demo with a Kiswahili translation of a
few of its pages, the rest shown in English or left out (`untranslated = "omit"`)."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import REPO

KISWAHILI = REPO / "tests" / "sites" / "kiswahili"
BASE = "https://csw.example/"
ATOM, XML_LANG = "{http://www.w3.org/2005/Atom}", "{http://www.w3.org/XML/1998/namespace}lang"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
           "x": "http://www.w3.org/1999/xhtml"}


def two_languages(folder: Path, extra: str = "", tables: str = "", other: str = "sw") -> Path:
    """The demo (copied, not linked) with its Kiswahili translations, in English and
    Kiswahili (or in English and `other`, untranslated), with config.toml's `[site]`
    given `extra` lines too, and `tables` after."""
    site = folder / "site"
    shutil.copytree(REPO / "content", site / "content")
    if other == "sw":
        shutil.copytree(KISWAHILI / "content", site / "content", dirs_exist_ok=True)
    config = (REPO / "config.toml").read_text("utf-8")
    config = re.sub(r'^language = "[^"]*".*$', f'languages = ["en-GB", "{other}"]' + extra,
                    config, count=1, flags=re.M)
    config = config.replace('base_url = ""', f'base_url = "{BASE}"', 1)
    (site / "config.toml").write_text(config + tables, "utf-8")
    return site


def built(folder: Path, extra: str = "", tables: str = "", other: str = "sw") -> Path:
    from cswgen.commands.build import build

    site = two_languages(folder, extra, tables, other)
    build(site, as_of=date(2026, 10, 6), output=site / "output", cache_dir=folder / "cache")
    return site / "output"


@pytest.fixture(scope="module", params=["shown", "omit"])
def output(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The site built with what has no translation shown in English, or left out."""
    extra = '\nuntranslated = "omit"' if request.param == "omit" else ""
    yield built(tmp_path_factory.mktemp(request.param), extra)


def test_a_feed_s_subtitle_in_the_default_language_says_so(output: Path) -> None:
    """The Swahili feed's subtitle is `[site] description`, in English while the site
    gives none in Swahili: marked `xml:lang`, as an entry shown untranslated is."""
    swahili = ET.parse(output / "sw" / "feed.xml").getroot()
    english = ET.parse(output / "feed.xml").getroot()
    assert swahili.get(XML_LANG) == "sw"
    subtitle = swahili.find(f"{ATOM}subtitle")
    assert subtitle is not None and subtitle.text and "Msasa Building Society" in subtitle.text
    assert subtitle.get(XML_LANG) == "en-GB"
    assert english.find(f"{ATOM}subtitle").get(XML_LANG) is None  # type: ignore[union-attr]


def test_a_feed_s_subtitle_in_its_own_language_is_not_marked(tmp_path: Path) -> None:
    output = built(tmp_path, tables='\n[site.sw]\ndescription = "Wiki ya Huduma kwa Wateja."')
    translated = ET.parse(output / "sw" / "feed.xml").getroot().find(f"{ATOM}subtitle")
    assert translated is not None and translated.text == "Wiki ya Huduma kwa Wateja."
    assert translated.get(XML_LANG) is None


def _file(output: Path, url: str) -> Path | None:
    """The file a listed address serves, or None."""
    assert url.startswith(BASE), url
    path = output / url[len(BASE):]
    for found in (path, path / "index.html"):
        if found.is_file():
            return found
    return None


def test_the_sitemap_lists_real_pages_and_their_real_versions(output: Path) -> None:
    """Every address exists, once; each page's `xhtml:link` alternates name itself and
    exist, list each other (search engines ignore a version that does not list the page
    back), and are those the page itself names with `<link rel="alternate" hreflang>`."""
    root = ET.parse(output / "sitemap.xml").getroot()
    urls = [(str(u.findtext("s:loc", namespaces=SITEMAP)),
             [(str(a.get("hreflang")), str(a.get("href")))
              for a in u.findall("x:link", SITEMAP)])
            for u in root.findall("s:url", SITEMAP)]
    listed = dict(urls)
    assert len(listed) == len(urls), "an address is listed twice"
    assert f"{BASE}days/wednesday/" in listed  # (untranslated)
    for url, versions in urls:
        page = _file(output, url)
        assert page is not None, f"{url} is listed but not published"
        html = page.read_text("utf-8")
        language = re.search(r'<html lang="([^"]+)"', html)
        assert language is not None
        assert versions == re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html), url
        if not versions:
            continue
        assert (language.group(1), url) in versions, url
        for _, there in versions:
            assert listed.get(there) == versions, f"{url} names {there} as a version"
    wednesday = f"{BASE}sw/days/wednesday/"
    if _file(output, wednesday) is None:  # left out: no language names it
        assert wednesday not in listed
        assert [tag for tag, _ in listed[f"{BASE}days/wednesday/"]] == ["en-GB", "x-default"]
    else:  # Swahili headings and menu around the day's English text (which says its lang)
        assert wednesday in listed


def _language_around(browser: Any, screen: Path, moment: str, words: str) -> str | None:
    """The `lang` the lobby screen's status line gives `words` at `moment` (UTC)."""
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    try:
        at = datetime.fromisoformat(moment).replace(tzinfo=UTC)
        page.clock.install(time=at - timedelta(seconds=1))
        page.clock.pause_at(at)
        page.goto(screen.as_uri())
        page.clock.run_for(1000)
        line = page.locator("[data-status-text]")
        assert words in line.inner_text()
        found = line.evaluate("""(line, words) => {
            const walk = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
            for (let node = walk.nextNode(); node; node = walk.nextNode()) {
                if (node.textContent.includes(words)) {
                    return node.parentElement.closest('[lang]').lang;
                }
            }
            return null;
        }""", words)
        return str(found) if found is not None else None
    finally:
        page.close()


@pytest.mark.parametrize("output", ["shown"], indirect=True)
def test_the_lobby_screen_s_status_line_keeps_the_language_of_a_day_s_title(
        browser: Any, output: Path) -> None:
    """screen.js writes the status line for the day: on the Swahili screen, Wednesday's
    title has no translation and is the English one, which says so, as on the screen
    without script and on the pages' status line (site.js); Tuesday's is Swahili."""
    screen = output / "sw" / "screen" / "index.html"
    assert _language_around(browser, screen, "2026-10-07T07:00:00", "Wellness Wednesday") \
        == "en-GB"
    assert _language_around(browser, screen, "2026-10-06T07:00:00", "Jumanne ya Mashujaa") \
        == "sw"


def test_the_lobby_screen_s_words_in_english_say_so(browser: Any, tmp_path: Path) -> None:
    """A language cswgen has no words of its own for (Kinyarwanda): the status line is in
    English, and says so, around the screen's own words in it (the date, in Kinyarwanda)."""
    screen = built(tmp_path, other="rw") / "rw" / "screen" / "index.html"
    assert _language_around(browser, screen, "2026-10-01T07:00:00",
                            "Customer Service Week starts in") == "en"
    assert _language_around(browser, screen, "2026-10-01T07:00:00", "Ukwakira") == "rw"
