"""One site in several languages (SPEC "Several languages in one site"): the demo with a
Kiswahili translation of its home introduction, two days and two testimonials, built in
English and Kiswahili side by side; and the mistakes a team makes naming translations."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cswgen.render.paging import AWARD_INLINE
from tests.helpers import AS_OF, REPO, MakeSite, Run, error_lines, no_traceback
from tests.linkcheck import broken_links, feed_links, target_file

KISWAHILI = REPO / "tests" / "sites" / "kiswahili"
KINDS = ["", "days/monday/", "days/wednesday/", "testimonials/", "testimonials/ruvarashe-m/",
         "testimonials/loveness-c/", "honour-roll/", "honour-roll/zoe-nyathi/",
         "honour-roll/zoe-nyathi/certificate/", "policy/", "faq/", "404.html"]


def bilingual_demo(folder: Path, extra: str = "") -> Path:
    """The demo campaign with its Kiswahili translations, in English and Kiswahili."""
    site = folder / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copytree(KISWAHILI / "content", site / "content", dirs_exist_ok=True)
    config = (REPO / "config.toml").read_text("utf-8")
    config = re.sub(r'^language = "[^"]*".*$', 'languages = ["en-GB", "sw"]' + extra, config,
                    count=1, flags=re.M)
    config = config.replace('base_url = ""', 'base_url = "https://csw.example/"', 1)
    (site / "config.toml").write_text(config, "utf-8")
    return site


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    from cswgen.commands.build import build

    folder = tmp_path_factory.mktemp("bilingual")
    site = bilingual_demo(folder)
    build(site, as_of=date(2026, 10, 6), output=site / "output", cache_dir=folder / "cache")
    yield site / "output"


def html_of(out: Path, path: str) -> str:
    file = out / (path if path.endswith(".html") else path + "index.html")
    return file.read_text("utf-8")


@pytest.mark.parametrize("path", KINDS)
def test_every_page_is_published_in_both_languages(built: Path, path: str) -> None:
    english, swahili = html_of(built, path), html_of(built, "sw/" + path)
    assert '<html lang="en-GB" dir="ltr">' in english
    assert '<html lang="sw" dir="ltr">' in swahili
    for html, here in ((english, "en-GB"), (swahili, "sw")):
        versions = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html)
        assert [v[0] for v in versions] == ["en-GB", "x-default", "sw"], versions
        assert versions[0][1] == versions[1][1] == "https://csw.example/" + path.replace(
            "404.html", "404.html")
        assert versions[2][1] == "https://csw.example/sw/" + path
        assert f'hreflang="{here}" lang="{here}" dir="ltr" aria-current="true"' in html


def test_links_resolve_in_every_language(built: Path) -> None:
    assert broken_links(built) == []
    for language in ("", "sw/"):  # each language's own feed and calendar, at its root
        for name in ("feed.xml", "week.ics"):
            assert (built / language / name).is_file()


def test_translations_give_words_and_keep_the_originals_facts(built: Path) -> None:
    monday = html_of(built, "sw/days/monday/")
    assert "<h1>Jumatatu ya Dream Team</h1>" in monday
    assert "Kifungua kinywa cha ukaribisho" in monday
    assert 'datetime="2026-10-05T07:30"' in monday  # the time, from days/monday.md
    assert "Jumatatu, 5 Oktoba 2026" in monday  # the date as CLDR writes it in Swahili
    home = html_of(built, "sw/")
    assert "Karibu kwenye Wiki ya Huduma kwa Wateja 2026" in home
    assert 'href="policy/"' in home  # a link to policy.md lands on the Swahili policy page
    story = html_of(built, "sw/testimonials/ruvarashe-m/")
    assert "Nyumba yetu ya kwanza" in story and "★★★★★" in story  # the rating: a fact
    assert 'href="../../honour-roll/farai-moyo/"' in story  # staff links stay in Swahili


def test_an_untranslated_testimonial_is_shown_in_english_and_marked(built: Path) -> None:
    story = html_of(built, "sw/testimonials/loveness-c/")
    # its heading is the one cswgen writes, in Swahili, for a testimonial without a title
    assert "<h1>Kutoka kwa Loveness C.</h1>" in story
    assert '<blockquote lang="en-GB" dir="ltr">' in story
    titled = html_of(built, "sw/testimonials/brian-o/")  # its own title is English
    assert '<h1 lang="en-GB" dir="ltr">A business partner, not just a bank</h1>' in titled
    listed = html_of(built, "sw/testimonials/")
    assert re.search(r'__heading"><a href="[^"]+">Kutoka kwa Loveness C\.</a>', listed)
    assert re.search(r'__heading" lang="en-GB" dir="ltr"><a href="[^"]+">A business', listed)
    assert "<h2" in story and 'lang="sw"' in story  # the page around it is in Swahili
    translated = html_of(built, "sw/testimonials/ruvarashe-m/")
    assert 'lang="en-GB">' not in translated.split("<main")[1].split("</main>")[0]


def test_one_feed_per_language(built: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    english = ET.parse(built / "feed.xml").getroot()
    swahili = ET.parse(built / "sw" / "feed.xml").getroot()
    assert swahili.get("{http://www.w3.org/XML/1998/namespace}lang") == "sw"
    links = [str(e.find(f"{atom}link").get("href"))  # type: ignore[union-attr]
             for e in swahili.iter(f"{atom}entry")]
    assert links and all(link.startswith("https://csw.example/sw/testimonials/")
                         for link in links)
    titles = [e.findtext(f"{atom}title") for e in swahili.iter(f"{atom}entry")]
    assert "Nyumba yetu ya kwanza, na mtu aliyejibu kila swali" in titles
    assert len(titles) == len(list(english.iter(f"{atom}entry")))


def test_the_sitemap_lists_every_language_with_its_alternates(built: Path) -> None:
    root = ET.parse(built / "sitemap.xml").getroot()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9",
          "x": "http://www.w3.org/1999/xhtml"}
    urls = {u.findtext("s:loc", namespaces=ns): u for u in root.findall("s:url", ns)}
    monday = urls["https://csw.example/sw/days/monday/"]
    assert [(a.get("hreflang"), a.get("href")) for a in monday.findall("x:link", ns)] == [
        ("en-GB", "https://csw.example/days/monday/"),
        ("x-default", "https://csw.example/days/monday/"),  # as the page's own links say
        ("sw", "https://csw.example/sw/days/monday/")]
    assert "https://csw.example/days/monday/" in urls


def test_untranslated_omit_leaves_them_out(tmp_path: Path, run: Run) -> None:
    site = bilingual_demo(tmp_path, '\nuntranslated = "omit"')
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    assert (out / "sw/testimonials/ruvarashe-m/index.html").is_file()
    assert not (out / "sw/testimonials/loveness-c").exists()
    assert (out / "testimonials/loveness-c/index.html").is_file()
    assert broken_links(out) == []
    # the switcher on a page the other language lacks goes to that language's home page
    english = html_of(out, "testimonials/loveness-c/")
    assert 'href="../../sw/" hreflang="sw"' in english
    # ... but the Swahili home page is no version of this page: no search engine is told so
    assert '<link rel="alternate" hreflang="sw"' not in english
    assert '<link rel="alternate" hreflang="sw" href="https://csw.example/sw/testimonials/' \
        'ruvarashe-m/">' in html_of(out, "testimonials/ruvarashe-m/")
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    entry = sitemap.partition("<loc>https://csw.example/testimonials/loveness-c/</loc>")[2]
    assert 'hreflang="sw"' not in entry.partition("</url>")[0], entry[:600]


@pytest.mark.parametrize("portable", [False, True])
def test_the_status_line_links_to_today_s_page_where_a_language_omits_it(
        tmp_path: Path, run: Run, portable: bool) -> None:
    """With untranslated = "omit", on a day that Kiswahili leaves out (Wednesday: only
    Monday and Tuesday are translated) the status line of every Swahili page said "today
    is day 3" with no title and no link, and the script's list of days had none for it to
    show on another day: the day's page exists, in English.  It now names that day and
    links to its English page, marked `hreflang` and `lang`, from the page and in the
    script's list (which site.js shows on the day)."""
    site = bilingual_demo(tmp_path, '\nuntranslated = "omit"')
    outcome = run(site, "build", "--as-of", "2026-10-07", *(["--portable"] if portable else []))
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    assert not (out / "sw/days/wednesday").exists()
    for path in ("sw/index.html", "sw/days/monday/index.html", "sw/404.html"):
        page = out / path
        html = page.read_text("utf-8")
        status = html.partition("data-week-status-text>")[2].partition("</span>")[0]
        link = re.search(r'<a href="([^"]+)" hreflang="en-GB" lang="en-GB" dir="ltr">'
                         r'Wellness Wednesday</a>', status)
        assert link is not None, status
        if path != "sw/404.html":  # (served at any depth: links from base_url's path)
            assert target_file(page, out, link.group(1)) == (
                out / "days/wednesday/index.html", "")
        days = json.loads(html.partition("data-days='")[2].partition("'")[0])
        wednesday = next(d for d in days if d["date"] == "2026-10-07")
        assert wednesday["hreflang"] == wednesday["lang"] == "en-GB", days
        assert wednesday["href"] == link.group(1)
    assert broken_links(out) == []
    script = (out / "assets/site.js").read_text("utf-8")
    assert "a.hreflang = entry.hreflang" in script


def test_check_lists_what_has_no_translation_yet(tmp_path: Path, run: Run) -> None:
    site = bilingual_demo(tmp_path)
    outcome = run(site, "check", *AS_OF)
    lines = outcome.stdout + outcome.stderr
    assert "content/days/wednesday.md:1: warning: has no translation into Swahili (sw)" in lines
    assert "translate it as days/wednesday.sw.md" in lines
    assert "content/days/monday.md:1: warning: has no translation" not in lines


def test_check_says_an_untranslated_entry_is_left_out_when_untranslated_is_omit(
        make_site: MakeSite, run: Run) -> None:
    site = make_site({**SMALL, "config.toml": SMALL["config.toml"].replace(
        "]\n[week]", ']\nuntranslated = "omit"\n[week]')})
    outcome = run(site, "check", *AS_OF)
    no_traceback(outcome)
    said = outcome.stdout + outcome.stderr
    assert ("content/days/monday.md:1: warning: has no translation into Swahili (sw) yet, so "
            "it is left out of the pages under sw/ ([site] untranslated = \"omit\"); "
            "translate it as days/monday.sw.md") in said, said


def test_a_link_to_an_entry_omitted_in_a_language_goes_to_its_default_page(
        make_site: MakeSite, run: Run) -> None:
    """With untranslated = "omit", a Swahili page that links to a page with no Swahili
    version links to the English page, marked as English; it was `href="#"`, a dead link,
    with a warning that it would not work until translated."""
    site = make_site({**SMALL, "config.toml": SMALL["config.toml"].replace(
        "]\n[week]", ']\nuntranslated = "omit"\n[week]'),
        "content/pages/faq.md": "---\ntitle: FAQ\n---\n## Hours {#hours}\nAnswers.\n",
        "content/days/monday.sw.md": "---\ntitle: Jumatatu\n---\n"
                                     "Soma [maswali](../pages/faq.md#hours).\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert "faq.md" not in outcome.stderr, outcome.stderr
    out = site / "output"
    assert not (out / "sw/faq").exists()
    page = out / "sw/days/monday/index.html"
    link = re.search(r'<a href="([^"]*)"([^>]*)>maswali</a>', page.read_text("utf-8"))
    assert link is not None
    assert link.group(2) == ' hreflang="en"', link.group(0)
    target = target_file(page, out, link.group(1))
    assert target == (out / "faq/index.html", "hours"), link.group(1)
    assert broken_links(out) == []


def test_a_colleague_omitted_in_a_language_is_linked_to_their_default_page(
        make_site: MakeSite, run: Run) -> None:
    """With untranslated = "omit", a Swahili testimonial that praises someone whose
    honour-roll entry has no Swahili version links the name to their English page, marked
    as English; the name was shown unlinked, as if no such person were on the roll."""
    site = make_site({**SMALL, "config.toml": SMALL["config.toml"].replace(
        "]\n[week]", ']\nuntranslated = "omit"\n[week]'),
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\nstaff: [farai moyo]\n---\n"
                                        "Lovely service.\n",
        "content/testimonials/rudo.sw.md": "---\ncustomer: Rudo M.\n---\nHuduma nzuri.\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    assert not (out / "sw/honour-roll/farai-moyo").exists()
    page = out / "sw/testimonials/rudo/index.html"
    link = re.search(r'<a href="([^"]*)"([^>]*)>Farai Moyo</a>', page.read_text("utf-8"))
    assert link is not None, page.read_text("utf-8")
    assert link.group(2) == ' hreflang="en"', link.group(0)
    assert target_file(page, out, link.group(1)) == (out / "honour-roll/farai-moyo/index.html",
                                                     "")
    assert broken_links(out) == []


def test_a_default_language_without_words_is_warned_at_the_languages_line(
        make_site: MakeSite, run: Run) -> None:
    """A Kigali site whose default language is Kinyarwanda, for which cswgen has no words of
    its own: the warning named line 1, [site], where the team looks for `language` in
    vain; it is `languages` that sets it."""
    site = make_site({**SMALL, "config.toml": '[site]\ntitle = "T"\n'
                      'languages = ["rw", "en", "fr"]\n[week]\nyear = 2026\n'})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    said = [line for line in outcome.lines if "no translation of its own words" in line]
    assert len(said) == 1 and said[0].startswith("config.toml:3: warning: "), said


def test_a_long_award_with_a_translated_name_has_its_pages_at_one_address(
        make_site: MakeSite, run: Run) -> None:
    """An award with pages of its own (more people than the honour roll shows) is at the
    same address in every language, as every other page is, so the switcher lands on it;
    a translated award name put the French pages at fr/honour-roll/awards/etoile-.../, and
    the switcher there went to the English home page."""
    def rows(award: str, citation: str) -> str:
        return "name,award,citation\n" + "".join(f"Person {i:02d},{award},{citation}\n"
                                                 for i in range(AWARD_INLINE + 1))
    site = make_site({"config.toml": '[site]\ntitle = "T"\nlanguages = ["en", "fr"]\n'
                                     'base_url = "https://csw.example/"\n[week]\nyear = 2026\n',
                      "content/honour-roll/team.csv": rows("Star of the Week", "Kind."),
                      "content/honour-roll/team.fr.csv": rows("Étoile de la semaine",
                                                              "Gentil.")})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    page = out / "fr/honour-roll/awards/star-of-the-week/index.html"
    html = page.read_text("utf-8")
    assert "Étoile de la semaine" in html
    english = re.search(r'<a href="([^"]*)" hreflang="en"', html)
    assert english is not None
    assert target_file(page, out, english.group(1)) == (
        out / "honour-roll/awards/star-of-the-week/index.html", "")
    assert '<link rel="alternate" hreflang="en" href="https://csw.example/honour-roll/awards/' \
        'star-of-the-week/">' in html
    assert broken_links(out) == []


@pytest.mark.parametrize("untranslated", ["show", "omit"])
def test_a_translation_published_later_leaves_the_original_in_its_place(
        make_site: MakeSite, run: Run, untranslated: str) -> None:
    """A translation whose `publish` date is later is, until then, no translation: the
    page is shown in the default language (or, with untranslated = "omit", a link to it
    goes to that language's page).  The Swahili Monday page was missing altogether, and
    a link to it from the Swahili home page was `#`."""
    site = make_site({**SMALL, "config.toml": SMALL["config.toml"].replace(
        "]\n[week]", f']\nuntranslated = "{untranslated}"\n[week]'),
        "content/days/monday.sw.md": "---\ntitle: Jumatatu\npublish: 2026-10-20\n---\n"
                                     "Habari. [Soma](../pages/faq.md)\n",
        "content/pages/faq.md": "---\ntitle: FAQ\n---\nSee [Monday](../days/monday.md).\n",
        "content/pages/faq.sw.md": "---\ntitle: Maswali\n---\n"
                                   "Tazama [Jumatatu](../days/monday.md).\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert "monday.md" not in outcome.stderr, outcome.stderr
    out = site / "output"
    page = out / "sw/faq/index.html"
    link = re.search(r'<a href="([^"]*)"[^>]*>Jumatatu</a>', page.read_text("utf-8"))
    assert link is not None
    shown = target_file(page, out, link.group(1))
    assert shown is not None and shown[0].is_file(), link.group(0)
    assert re.search(r"<h1[^>]*>Thank-you Monday</h1>", shown[0].read_text("utf-8"))
    assert "Habari" not in shown[0].read_text("utf-8")  # not before its date
    assert (out / "sw/days/monday/index.html").is_file() == (untranslated == "show")
    assert broken_links(out) == []
    # its problems are found today all the same, not on the morning it goes live
    broken = make_site({**SMALL, "content/days/monday.sw.md": "---\ntitle: Jumatatu\n"
                        "publish: 2026-10-20\n---\n[Soma](../pages/nowhere.md)\n"})
    failed = run(broken, "build", *AS_OF)
    assert failed.exit_code == 1
    assert any(line.startswith("content/days/monday.sw.md:5: ") and "nowhere.md" in line
               for line in failed.lines), failed.stderr


def test_a_link_to_a_translation_goes_to_that_language_s_page(make_site: MakeSite,
                                                              run: Run) -> None:
    """An English page that links to the Swahili policy by its file (`policy.sw.md`) links
    to sw/policy/, marked as Swahili; it was `#`, with a warning that the file was a draft
    or scheduled, which it is not."""
    site = make_site({**SMALL, "content/policy.md": "---\ntitle: Policy\n---\n"
                                                    "Also [in Kiswahili](policy.sw.md).\n",
                      "content/policy.sw.md": "---\ntitle: Sera\n---\nMaandishi.\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert "policy.sw.md" not in outcome.stderr, outcome.stderr
    out = site / "output"
    page = out / "policy/index.html"
    link = re.search(r'<a href="([^"]*)"([^>]*)>in Kiswahili</a>', page.read_text("utf-8"))
    assert link is not None
    assert link.group(2) == ' hreflang="sw"', link.group(0)
    assert target_file(page, out, link.group(1)) == (out / "sw/policy/index.html", "")
    assert broken_links(out) == []


def test_a_language_s_feed_without_base_url_links_to_what_exists(make_site: MakeSite,
                                                                 run: Run) -> None:
    """Without base_url a feed's links are relative to the feed, and sw/feed.xml is in sw/:
    a picture in a Swahili testimonial pointed at sw/images/logo.svg, which is not there,
    and a link to a page the language leaves out was root-absolute (wrong under a
    sub-path)."""
    logo = (REPO / "content/images/logo.svg").read_text("utf-8")
    site = make_site({**SMALL, "config.toml": SMALL["config.toml"].replace(
        "]\n[week]", ']\nuntranslated = "omit"\n[week]'),
        "content/images/logo.svg": logo,
        "content/policy.md": "---\ntitle: Policy\n---\nText.\n",
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\n---\nGood.\n",
        "content/testimonials/rudo.sw.md": "---\ncustomer: Rudo M.\n---\nNzuri. "
                                           "[Sera](../policy.md) ![Nembo](../images/logo.svg)\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    feed = out / "sw/feed.xml"
    content = "".join(ET.parse(feed).getroot().itertext())
    addresses = re.findall(r'(?:href|src)="([^"]+)"', content)
    assert len(addresses) == 2, content
    for address in addresses:
        assert not address.startswith("/"), address
        found = target_file(feed, out, address)
        assert found is not None and found[0].is_file(), address


def test_a_slug_in_a_translation_is_said_to_be_unused(make_site: MakeSite, run: Run) -> None:
    """Every language has a page at the original's address: a translated `slug` was
    dropped without a word, and the team looked for sw/maswali/ in vain."""
    site = make_site({**SMALL, "content/pages/faq.md": "---\ntitle: FAQ\n---\nAnswers.\n",
                      "content/pages/faq.sw.md": "---\ntitle: Maswali\nslug: maswali\n---\n"
                                                 "Majibu.\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert "content/pages/faq.sw.md:3: warning: `slug` is not used in a translation: the " \
        "Swahili version of a page is at its original's address, under sw/; delete this " \
        "line (to change the address in every language, set `slug` in " \
        "content/pages/faq.md)" in outcome.lines
    assert (site / "output/sw/faq/index.html").is_file()


def test_add_makes_a_translation_beside_the_original(tmp_path: Path, run: Run) -> None:
    site = bilingual_demo(tmp_path)
    outcome = run(site, "add", "day", "Wellness Wednesday", "--language", "sw")
    assert outcome.exit_code == 0, outcome.stderr
    made = site / "content/days/wednesday.sw.md"
    text = made.read_text("utf-8")
    assert 'title: "Wellness Wednesday"' in text and "time:" not in text
    again = run(site, "add", "day", "wednesday", "--language", "sw")
    no_traceback(again)
    assert again.exit_code == 1 and "already exists" in again.stderr
    unnamed = run(site, "add", "day", "--language", "sw")  # which day?
    assert unnamed.exit_code == 2 and unnamed.stderr.splitlines()[-1] == (
        "Error: say which day to translate, by its file name or title, like: cswgen add day "
        "monday --language sw")
    made.write_text(text.replace('"Wellness Wednesday"', '"Jumatano ya Afya Njema"'), "utf-8")
    assert run(site, "build", *AS_OF).exit_code == 0
    assert "<h1>Jumatano ya Afya Njema</h1>" in html_of(site / "output", "sw/days/wednesday/")
    assert "<h1>Wellness Wednesday</h1>" in html_of(site / "output", "days/wednesday/")


def test_a_translation_on_a_site_in_one_language_says_how_config_toml_has_it(
        make_site: MakeSite, run: Run) -> None:
    """config.toml sets `language` only: the message quoted a `languages` it does not
    have (`[site] languages: en-GB`), which the team then looked for in vain."""
    site = make_site({**SMALL, "config.toml": '[site]\ntitle = "T"\nlanguage = "en-GB"\n'
                                              '[week]\nyear = 2026\n'})
    outcome = run(site, "add", "day", "monday", "--language", "sw")
    assert outcome.exit_code == 1
    assert outcome.lines == [
        'config.toml:3: --language sw is not the site\'s language ([site] language = "en-GB", '
        "its only one); a translation is into another of the site's languages: list them in "
        '[site], the default first, like languages = ["en-GB", "sw"]']
    assert not (site / "content/days/monday.sw.md").exists()
    (site / "config.toml").write_text('[site]\ntitle = "T"\nlanguages = ["en", "sw"]\n'
                                      '[week]\nyear = 2026\n', "utf-8")
    outcome = run(site, "add", "day", "monday", "--language", "fr")
    assert outcome.lines == [
        "config.toml:3: --language fr is not one of the site's other languages ([site] "
        "languages: en, sw); a translation is for one of them (sw); add it to languages first"]


SMALL = {
    "config.toml": '[site]\ntitle = "T"\nlanguages = ["en", "sw"]\n[week]\nyear = 2026\n',
    "content/days/monday.md": "---\ntitle: Thank-you Monday\nday: monday\n---\nHello.\n",
    "content/honour-roll/team.csv": "name,role,citation\nFarai Moyo,Teller,Always kind.\n",
}


def test_a_translation_copies_words_without_the_curly_quotes_around_them(
        make_site: MakeSite, run: Run) -> None:
    # pasted from Word into the original: the build reads them without the quotes, and so
    # does the translation, which is not warned about a second time
    site = make_site({**SMALL, "content/days/monday.md": (
        "---\ntitle: “Thank-you Monday”\nday: monday\nevents:\n  - time: 10:00\n"
        "    title: ‘Tea’\n---\nHello.\n")})
    assert run(site, "add", "day", "monday", "--language", "sw").exit_code == 0
    text = (site / "content/days/monday.sw.md").read_text("utf-8")
    assert 'title: "Thank-you Monday"' in text and '- title: "Tea"' in text
    built = run(site, "build", *AS_OF)
    assert built.exit_code == 0, built.stderr
    assert not [line for line in built.lines if "monday.sw.md" in line]


def test_add_names_the_row_of_a_table_to_translate_in_a_copy(make_site: MakeSite,
                                                             run: Run) -> None:
    site = make_site(SMALL)
    outcome = run(site, "add", "honour", "Farai Moyo", "--language", "sw")
    assert outcome.exit_code == 1
    assert outcome.lines == [
        "content/honour-roll/team.csv:2: Farai Moyo is a row of this file, not a file of its "
        "own; translate the rows in honour-roll/team.sw.csv: a copy of honour-roll/team.csv "
        "with the words translated, each row keeping its name as it is, so it can be matched"]


@pytest.mark.parametrize(("files", "where", "says"), [
    ({"content/days/sunday.sw.md": "---\ntitle: Jumapili\n---\n"},
     "content/days/sunday.sw.md:1:", "is a translation of content/days/sunday.md, which does "
                                     "not exist"),
    ({"content/days/monday.fr.md": "---\ntitle: Lundi\n---\n"},
     "content/days/monday.fr.md:1:", 'French (fr), which [site] languages does not list'),
    ({"content/days/monday.en.md": "---\ntitle: Monday\n---\n"},
     "content/days/monday.en.md:1:", "the site's default language"),
    ({"content/honour-roll/team.sw.csv": "name,citation\nFarai Mojo,Mkarimu daima.\n"},
     "content/honour-roll/team.sw.csv:2:", 'translates "Farai Mojo", but content/honour-roll/'
                                           "team.csv has no row of that name"),
    # a fact the translation gives that disagrees with one it takes from its original:
    # said at the translation's line (the original's own line is not where it went wrong)
    ({"content/days/monday.sw.md": "---\ntitle: Jumatatu\ndate: 2026-10-06\n---\n"},
     "content/days/monday.sw.md:3:", "`day: monday` and `date: 2026-10-06` disagree"),
    ({"content/days/monday.md": "---\ntitle: Thank-you Monday\nday: monday\nevents:\n"
                                "  - {time: \"07:00\", end: \"08:00\", title: Walk}\n---\n",
      "content/days/monday.sw.md": "---\ntitle: Jumatatu\nevents:\n"
                                   "  - {time: \"09:00\", title: Matembezi}\n---\n"},
     "content/days/monday.sw.md:4:", "event 1 ends at 08:00, before it starts at 09:00"),
    ({"config.toml": '[site]\ntitle = "T"\nlanguage = "fr"\nlanguages = ["en", "sw"]\n'
                     "[week]\nyear = 2026\n"},
     "config.toml:3:", "the first of `languages` is \"en\""),
    ({"config.toml": '[site]\ntitle = "T"\nlanguages = ["en", "kiswahili"]\n'
                     "[week]\nyear = 2026\n"},
     "config.toml:3:", "not a language tag cswgen knows"),
])
def test_mistakes_in_translations_name_the_file_and_line(make_site: MakeSite, run: Run,
                                                         files: dict[str, str], where: str,
                                                         says: str) -> None:
    site = make_site({**SMALL, **files})
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1, outcome.stdout
    assert any(line.startswith(where) and says in line for line in error_lines(outcome)), \
        error_lines(outcome)


def test_a_table_translation_matches_rows_by_name(make_site: MakeSite, run: Run) -> None:
    site = make_site({**SMALL, "content/honour-roll/team.sw.csv":
                      "name,citation\nFarai Moyo,Mkarimu daima.\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    swahili = html_of(site / "output", "sw/honour-roll/farai-moyo/")
    assert "Mkarimu daima." in swahili and "Teller" in swahili  # the role: from team.csv
    assert "Always kind." in html_of(site / "output", "honour-roll/farai-moyo/")


def test_a_portable_build_links_each_language_from_disk(tmp_path: Path, run: Run) -> None:
    site = bilingual_demo(tmp_path)
    outcome = run(site, "build", "--portable", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    monday = html_of(site / "output", "sw/days/monday/")
    assert 'href="../../../days/monday/index.html" hreflang="en-GB"' in monday
    assert 'href="../../testimonials/index.html"' in monday


# --- in a real browser ------------------------------------------------------------------

@pytest.fixture(scope="module")
def served_bilingual(built: Path) -> Iterator[str]:
    from tests.helpers import serving

    with serving(built) as url:
        yield url


@pytest.mark.parametrize("path", KINDS[:-1])  # (the 404 page: served at any address)
def test_the_switcher_lands_on_the_same_page_in_the_other_language(
        browser: Any, served_bilingual: str, path: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(served_bilingual + path)
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Kiswahili").click()
    page.wait_for_url(served_bilingual + "sw/" + path)  # (a click only starts it)
    assert page.evaluate("document.documentElement.lang") == "sw"
    page.get_by_role("navigation", name="Lugha").get_by_role("link", name="English").click()
    page.wait_for_url(served_bilingual + path)
    page.close()


def test_the_switcher_works_from_the_keyboard(browser: Any, served_bilingual: str) -> None:
    page = browser.new_page()
    page.goto(served_bilingual + "days/monday/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Kiswahili":
            break
    else:
        pytest.fail("Tab never reached the Kiswahili link")
    page.keyboard.press("Enter")
    page.wait_for_url(served_bilingual + "sw/days/monday/")
    page.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["", "days/monday/", "testimonials/loveness-c/", "honour-roll/"])
@pytest.mark.parametrize("language", ["", "sw/"])
def test_both_languages_pass_axe(browser: Any, served_bilingual: str, language: str,
                                 path: str, scheme: str) -> None:
    from tests.helpers import axe

    page = browser.new_page(viewport={"width": 390, "height": 800}, color_scheme=scheme)
    page.goto(served_bilingual + language + path)
    assert page.evaluate("document.documentElement.scrollWidth "
                         "- document.documentElement.clientWidth") <= 0
    violations = axe(page)
    page.close()
    assert violations == []


FRENCH_ARABIC = {
    "config.toml": '[site]\ntitle = "Semaine du service client"\norganisation = "Banque Atlas"\n'
                   'languages = ["fr", "ar"]\n[week]\nyear = 2026\ntimezone = "Asia/Muscat"\n',
    "content/days/mardi.md": "---\ntitle: Mardi des héros\nday: tuesday\nsummary: Nos héros "
                             "du quotidien.\nevents:\n  - {time: \"09:00\", end: \"10:00\", "
                             "title: Accueil}\n---\nBienvenue.\n",
    "content/days/mardi.ar.md": "---\ntitle: ثلاثاء الأبطال\nsummary: أبطالنا في كل يوم.\n"
                                "events:\n  - {title: استقبال}\n---\nأهلاً وسهلاً.\n",
    "content/testimonials/salma.md": "---\ncustomer: Salma K.\nrating: 5\n---\nMerci !\n",
}


def test_right_to_left_and_left_to_right_side_by_side(browser: Any, make_site: MakeSite,
                                                      run: Run) -> None:
    from tests.helpers import axe, serving

    site = make_site(FRENCH_ARABIC)
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    assert broken_links(out) == []
    arabic = html_of(out, "ar/days/mardi/")
    assert '<html lang="ar" dir="rtl">' in arabic and "<h1>ثلاثاء الأبطال</h1>" in arabic
    assert 'lang="fr" dir="ltr"' in arabic  # the switcher's French link reads left to right
    assert '<blockquote lang="fr" dir="ltr">' in html_of(out, "ar/testimonials/salma/")
    with serving(out) as url:
        page = browser.new_page(viewport={"width": 390, "height": 800})
        page.goto(url + "days/mardi/")
        page.get_by_role("link", name="العربية").click()
        page.wait_for_url(url + "ar/days/mardi/")  # (a click only starts it)
        assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
        assert page.evaluate("document.documentElement.scrollWidth "
                             "- document.documentElement.clientWidth") <= 0
        assert axe(page) == []
        page.get_by_role("link", name="Français").click()
        page.wait_for_url(url + "days/mardi/")
        assert axe(page) == []
        page.goto(url + "ar/testimonials/salma/")  # French words on an Arabic page
        assert page.evaluate("getComputedStyle(document.querySelector('blockquote')).direction"
                             ) == "ltr"
        page.close()


def test_words_in_another_language_carry_its_direction(make_site: MakeSite,
                                                      run: Run) -> None:
    """Arabic shown on English pages reads right to left; English on Arabic pages, left to
    right: each `lang` comes with its language's `dir`."""
    day = ("---\ntitle: {title}\nday: monday\nsummary: {summary}\n---\n{body}\n")
    arabic = day.format(title="يوم الشكر", summary="شكراً لكم.", body="أهلاً.")
    english = day.format(title="Thank-you Monday", summary="Thank you.", body="Hello.")
    for languages, text, other, tag, way in (('["ar-OM", "en"]', arabic, "en", "ar-OM", "rtl"),
                                             ('["en", "ar"]', english, "ar", "en", "ltr")):
        site = make_site({"config.toml": f'[site]\ntitle = "T"\nlanguages = {languages}\n'
                                         '[week]\nyear = 2026\n',
                          "content/days/monday.md": text})
        outcome = run(site, "build", *AS_OF)
        assert outcome.exit_code == 0, outcome.stderr
        monday = html_of(site / "output", f"{other}/days/monday/")
        assert f'<h1 lang="{tag}" dir="{way}">' in monday
        assert f'<p class="lede" lang="{tag}" dir="{way}">' in monday
        assert f'<div class="prose" lang="{tag}" dir="{way}">' in monday
        assert f' lang="{tag}">' not in monday  # no `lang` anywhere without its `dir`


def test_words_a_translation_leaves_out_are_marked_as_borrowed(make_site: MakeSite,
                                                              run: Run) -> None:
    """A translation without events shows the original's, in English and marked so; so is
    a hero picture's alt text it leaves out, and a page without a translation in the menu."""
    picture = ('<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect '
               'width="40" height="20"/></svg>')
    site = make_site({
        "config.toml": '[site]\ntitle = "T"\nlanguages = ["en-GB", "sw", "ar"]\n'
                       '[week]\nyear = 2026\n',
        "content/images/cape.svg": picture,
        "content/days/tuesday.md": "---\ntitle: Superhero Tuesday\nday: tuesday\nsummary: "
                                   "Heroes.\nimage: ../images/cape.svg\nalt: A red cape\n"
                                   "dress_code: Capes optional.\n"
                                   "events:\n  - {time: \"09:00\", title: Superhero welcome, "
                                   "place: Every branch, description: A caped colleague.}\n"
                                   "---\nHello.\n",
        "content/days/tuesday.ar.md": "---\ntitle: ثلاثاء الأبطال\nsummary: أبطالنا.\n"
                                      "alt: عباءة حمراء\n---\nأهلاً.\n",
        "content/days/tuesday.sw.md": "---\ntitle: Jumanne ya Mashujaa\nsummary: Mashujaa.\n"
                                      "events:\n  - {title: Karibu, place: Kila tawi}\n"
                                      "---\nKaribu.\n",
        "content/pages/faq.md": "---\ntitle: Frequently asked questions\nmenu: 1\n---\nQ.\n",
    })
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    english = ' lang="en-GB" dir="ltr"'
    arabic = html_of(out, "ar/days/tuesday/")
    assert f'<h3 class="event__title"{english}>Superhero welcome</h3>' in arabic
    assert f'<span{english}>Every branch</span>' in arabic
    assert f'<p class="event__description"{english}>A caped colleague.</p>' in arabic
    assert "<h1>ثلاثاء الأبطال</h1>" in arabic and 'alt="عباءة حمراء" width' in arabic
    # ... and so on the poster and the programme, or Arabic lays the English out right to
    # left: "(also on Teams)" with its brackets turned, the full stop at the start
    poster = html_of(out, "ar/days/tuesday/poster/")
    assert f'<h3 class="sheet-event__title"{english}>Superhero welcome</h3>' in poster
    assert f'<span{english}>Every branch</span>' in poster
    assert f'<p class="sheet-event__description"{english}>A caped colleague.</p>' in poster
    assert f'<p{english}>Capes optional.</p>' in poster
    programme = html_of(out, "ar/programme/")
    assert f'<h3 class="sheet-event__title"{english}>Superhero welcome</h3>' in programme
    assert f'<span{english}>Capes optional.</span>' in programme
    screen = html_of(out, "ar/screen/")
    assert f'<span{english}>Capes optional.</span>' in screen
    assert f'<span{english}>Superhero welcome</span>' in screen
    assert f'<span{english}>Every branch</span>' in screen
    swahili = html_of(out, "sw/days/tuesday/")
    assert f'alt="A red cape"{english}' in swahili  # the <img>'s lang is its alt's
    assert '<h3 class="event__title">Karibu</h3>' in swahili  # its own words: not marked
    assert f'<p class="event__description"{english}>A caped colleague.</p>' in swahili
    for home in ("ar/", "sw/"):
        assert f'href="faq/"{english}>Frequently asked questions</a>' in html_of(out, home)
    assert 'href="faq/">Frequently asked questions</a>' in html_of(out, "")


def test_labels_for_each_language(make_site: MakeSite, run: Run) -> None:
    site = make_site({**SMALL, "config.toml": SMALL["config.toml"] + '[labels]\nhonour_roll = '
                      '"Service Stars"\n[labels.sw]\nhonour_roll = "Nyota wa Huduma"\n'
                      'testimonal = "x"\n'})
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert any(line.startswith("config.toml:10:") and "[labels.sw] testimonal" in line
               and "did you mean `testimonials`" in line for line in error_lines(outcome))
    site = make_site({**SMALL, "config.toml": SMALL["config.toml"] + '[labels]\nhonour_roll = '
                      '"Service Stars"\n[labels.sw]\nhonour_roll = "Nyota wa Huduma"\n'})
    assert run(site, "build", *AS_OF).exit_code == 0
    assert ">Nyota wa Huduma</a>" in html_of(site / "output", "sw/")
    assert ">Service Stars</a>" in html_of(site / "output", "")


def test_the_site_s_own_words_in_each_language(make_site: MakeSite, run: Run) -> None:
    """`[site.sw]` and `[week.sw]` give the title, organisation, description and the week's
    theme in Kiswahili: what the Swahili pages, feed and calendar show; the English pages
    keep `[site]`'s own."""
    config = ('[site]\ntitle = "Customer Service Week"\norganisation = "Acme Bank"\n'
              'description = "We thank our customers."\nlanguages = ["en", "sw"]\n'
              'base_url = "https://csw.example/"\n'
              '[site.sw]\ntitle = "Wiki ya Huduma kwa Wateja"\norganisation = "Benki ya Acme"\n'
              'description = "Tunawashukuru wateja wetu."\n'
              '[week]\nyear = 2026\ntheme = "Dream Team"\n[week.sw]\ntheme = "Timu ya Ndoto"\n')
    site = make_site({**SMALL, "config.toml": config})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    swahili, english = html_of(out, "sw/"), html_of(out, "")
    assert "<title>Wiki ya Huduma kwa Wateja</title>" in swahili
    assert 'content="Tunawashukuru wateja wetu."' in swahili
    assert "Timu ya Ndoto" in swahili and "Dream Team" not in swahili
    assert "Benki ya Acme" in swahili and "Acme Bank" not in swahili
    assert "<title>Customer Service Week</title>" in english
    assert "Dream Team" in english and "Timu ya Ndoto" not in english
    feed = ET.parse(out / "sw/feed.xml").getroot()
    assert "Wiki ya Huduma kwa Wateja" in feed.findtext("{http://www.w3.org/2005/Atom}title", "")
    assert broken_links(out) == []
    # what `check` says is missing: a language that gives none of them
    site = make_site({**SMALL, "config.toml": config.replace('organisation = "Benki ya Acme"\n',
                                                             "")})
    said = run(site, "check", *AS_OF)
    assert ("config.toml:3: warning: [site] organisation has no translation into Swahili (sw) "
            "yet, so the pages under sw/ show it as written here; add it in Swahili under "
            '[site.sw], like organisation = "..."') in said.stdout, said.stdout
    assert "[site] title has no translation" not in said.stdout


@pytest.mark.parametrize(("table", "says"), [
    ('[site.sw]\ntittle = "x"\n', 'config.toml:7: [site.sw] tittle cannot be given per '
     "language: only title, organisation, description can; did you mean `title`?"),
    ('[site.sw]\nbase_url = "https://x.example/"\n', "config.toml:7: [site.sw] base_url "
     "cannot be given per language: only title, organisation, description can; the same in "
     "every language, it is set under [site] only"),
    ('[site.sw]\ntitle = ""\n', "config.toml:7: [site.sw] title is empty; write it in "
     "Swahili, or delete the line to show the default language's"),
    ('[site.sw]\ntitle = 3\n', 'config.toml:7: [site.sw] title is 3, a number, but it must '
     'be text, which goes in double quotes: title = "3"'),
    ('[site.fr]\ntitle = "x"\n', "config.toml:6: [site.fr] gives the site's words in French, "
     'which is not one of the site\'s languages ([site] languages = ["en", "sw"]); add "fr" to '
     "[site] languages, or delete [site.fr]"),
    ('[site.swa]\ntitle = "x"\n', "config.toml:6: [site.swa] gives the site's words in "
     "Swahili (Tanzania), which is not one of the site's languages "
     '([site] languages = ["en", "sw"]); did you mean [site.sw]?'),
    ('[site.en]\ntitle = "x"\n', 'config.toml:6: [site.en] gives the words of "en", the '
     "site's default language, whose words are [site]'s own; move its lines up under [site]"),
    ('[site.colours]\nx = 1\n', "config.toml:6: [site.colours] is not a table cswgen knows: "
     "a table in [site] gives the site's words in one of its other languages and is named "
     "after it, like [site.fr]; settings for your own templates go in [extra]"),
    ('[week.sw]\ndays = 3\n', "config.toml:7: [week.sw] days cannot be given per language: "
     "only theme can; the same in every language, it is set under [week] only"),
])
def test_mistakes_in_a_language_s_words_name_the_line(make_site: MakeSite, run: Run,
                                                       table: str, says: str) -> None:
    site = make_site({**SMALL, "config.toml": SMALL["config.toml"] + table})
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert error_lines(outcome) == [says], outcome.lines


def test_a_second_language_without_cswgens_words_is_told_its_own_labels_table(
        make_site: MakeSite, run: Run) -> None:
    """`[labels]` is the default language's: the warning for German, the site's second
    language, names `[labels.de]`, where German labels are read from."""
    site = make_site({**SMALL, "config.toml": SMALL["config.toml"].replace('"sw"', '"de"')})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    warning = next(line for line in outcome.lines if "into German (de)" in line)
    assert warning.startswith("config.toml:3: warning:")
    assert "give them in German under [labels.de] in config.toml" in warning, warning
    site = make_site({**SMALL, "config.toml": SMALL["config.toml"].replace('"sw"', '"de"')
                      + '[labels.de]\nhonour_roll = "Ehrentafel"\n'})
    assert run(site, "build", *AS_OF).exit_code == 0
    assert ">Ehrentafel</a>" in html_of(site / "output", "de/")


def test_a_translation_without_a_body_shows_the_originals_and_reports_nothing_twice(
        make_site: MakeSite, run: Run) -> None:
    site = make_site({**SMALL,
                      "content/days/monday.md": "---\ntitle: Thank-you Monday\nday: monday\n"
                                                "---\nSee [the FAQ](../pages/missing.md).\n",
                      "content/days/monday.sw.md": "---\ntitle: Jumatatu ya Shukrani\n---\n"})
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    errors = error_lines(outcome)
    assert len(errors) == 1 and errors[0].startswith("content/days/monday.md:5:"), errors


def test_the_sitemap_is_written_exactly_as_elementtree_writes_it() -> None:
    """`feeds.sitemap` writes its text directly (10,000 addresses in a few milliseconds):
    byte for byte what ElementTree makes of the same addresses (each a URL, as
    `links.absolute` writes it), escaping included."""
    from types import SimpleNamespace

    from cswgen.render.feeds import SITEMAP, XHTML, sitemap
    from cswgen.render.links import absolute

    def sitemap_tree(site: Any, paths: list[str],
                     alternates: dict[str, list[tuple[str, str]]]) -> bytes:
        """The sitemap as cswgen made it with ElementTree before it wrote it as text."""
        base = site.config.site.base_url
        ET.register_namespace("", SITEMAP)
        ET.register_namespace("xhtml", XHTML)
        root = ET.Element(f"{{{SITEMAP}}}urlset")
        for path in paths:
            url = ET.SubElement(root, f"{{{SITEMAP}}}url")
            ET.SubElement(url, f"{{{SITEMAP}}}loc").text = absolute(base, path)
            for tag, there in alternates.get(path, []):
                ET.SubElement(url, f"{{{XHTML}}}link", rel="alternate", hreflang=tag,
                              href=absolute(base, there))
        ET.indent(root)
        body = ET.tostring(root, encoding="unicode").encode("utf-8")
        return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"

    site: Any = SimpleNamespace(config=SimpleNamespace(site=SimpleNamespace(
        base_url="https://csw.example/a&b/")))
    paths = ["", "days/monday/", "pages/q&a/", 'odd/"<quoted>"/', "zoë/"]
    alternates = {"": [("sw", "sw/"), ("fr-CA", "fr-ca/")],
                  "pages/q&a/": [("sw", 'sw/pages/q&a/"\t\n')]}
    for listed, others in ((paths, alternates), (paths, {}), ([], {}), ([], alternates)):
        assert sitemap(site, listed, others) == sitemap_tree(site, listed, others)
    ET.fromstring(sitemap(site, paths, alternates))  # (and it parses)


def test_each_calendar_links_to_the_days_in_its_own_language(built: Path) -> None:
    import icalendar

    for folder in ("", "sw/"):
        calendar = icalendar.Calendar.from_ical((built / folder / "week.ics").read_bytes())
        links = [str(event["URL"]) for event in calendar.walk("VEVENT") if "URL" in event]
        assert links and all(link.startswith(f"https://csw.example/{folder}days/")
                             for link in links), links


def test_each_calendars_texts_say_the_language_they_are_in(built: Path) -> None:
    """RFC 5545's LANGUAGE on each text: the calendar's language, or the default one's for
    the words a translation left out (as its page marks them with `lang`)."""
    import icalendar

    def texts(folder: str) -> dict[str, str | None]:
        calendar = icalendar.Calendar.from_ical((built / folder / "week.ics").read_bytes())
        return {str(value): value.params.get("LANGUAGE") for component in calendar.walk()
                for name in ("SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT")
                if (value := component.get(name)) is not None}

    swahili = texts("sw/")
    assert swahili["Jumanne ya Mashujaa"] == "sw"  # translated
    assert swahili["Ukaribisho wa mashujaa"] == swahili["Kila tawi"] == "sw"
    assert swahili["Members arriving in the first hour are greeted by a caped colleague and "
                   "leave with a small thank-you gift."] == "en-GB"  # left out: the original's
    assert swahili["Wellness Wednesday"] == "en-GB"  # no translation
    assert swahili["Kanuni hizi za saa za eneo zinatumika kuanzia 1 Januari 1970 hadi "
                   "1 Januari 2038."] == "sw"
    assert set(texts("").values()) == {"en-GB"}


def test_an_untranslated_testimonial_in_a_feed_says_its_language(built: Path) -> None:
    atom, lang = "{http://www.w3.org/2005/Atom}", "{http://www.w3.org/XML/1998/namespace}lang"
    swahili = ET.parse(built / "sw" / "feed.xml").getroot()
    entries = {str(e.findtext(f"{atom}id")).rsplit("/", 2)[1]: e
               for e in swahili.iter(f"{atom}entry")}
    assert entries["loveness-c"].get(lang) == "en-GB"  # its words are the English ones
    # ... but not the heading cswgen wrote for it, in Swahili, as its page's heading is
    assert entries["loveness-c"].find(f"{atom}title").get(lang) == "sw"  # type: ignore[union-attr]
    assert entries["ruvarashe-m"].get(lang) is None  # translated: the feed's language
    assert entries["brian-o"].get(lang) == "en-GB"  # its own title: English too
    assert entries["brian-o"].find(f"{atom}title").get(lang) is None  # type: ignore[union-attr]


def test_a_problem_in_a_field_a_translation_takes_from_its_original_is_said_once(
        tmp_path: Path, run: Run) -> None:
    """ruvarashe-m.sw.md takes `staff` from ruvarashe-m.md: a name there that matches no one
    is the original's warning, at its line, and not the translation's, at line -1."""
    site = bilingual_demo(tmp_path)
    (site / "content/honour-roll/farai-moyo.md").unlink()
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    lines = [line for line in outcome.stderr.splitlines() if '"Farai Moyo"' in line]
    assert any(line.startswith("content/testimonials/ruvarashe-m.md:") for line in lines)
    assert not [line for line in lines if ".sw.md" in line], lines
    assert ":-1:" not in outcome.stderr


NAV = re.compile(r'<nav class="site-nav".*?</nav>', re.S)


@pytest.mark.parametrize(("files", "elsewhere"), [
    # the demo: Kiswahili days and testimonials, but no honour-roll entry, policy or page
    # (its two menu pages are named in English: marked so)
    ({}, {"Orodha ya Heshima": "honour-roll/", "Sera yetu": "policy/",
          "Frequently asked questions": "faq/", "Contact us": "contact/"}),
    # nothing but the honour roll translated
    ({"content/testimonials/rudo.md": "---\ncustomer: Rudo M.\n---\nLovely service.\n",
      "content/honour-roll/team.sw.csv": "name,citation\nFarai Moyo,Mkarimu daima.\n"},
     {"Wiki": "days/monday/", "Shuhuda": "testimonials/"}),
])
def test_a_section_a_language_omits_whole_is_linked_in_the_default_language(
        tmp_path: Path, make_site: MakeSite, run: Run, files: dict[str, str],
        elsewhere: dict[str, str]) -> None:
    """With untranslated = "omit", a language with no translation of any honour-roll
    entry (or testimonial, or day, or of the policy) had an empty honour roll saying it
    "will be published during the week" (it was: in English) and a menu linking to it, or
    no link to the section at all; its menu now links to the default language's page,
    marked with `hreflang` as every link to an omitted page is, and no empty list is
    published."""
    if files:
        site = make_site({**SMALL, "config.toml": SMALL["config.toml"].replace(
            "]\n[week]", ']\nuntranslated = "omit"\nbase_url = "https://csw.example/"\n'
            "[week]"), **files})
        default = "en"
    else:
        site = bilingual_demo(tmp_path, '\nuntranslated = "omit"')
        default = "en-GB"
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    for path in elsewhere.values():
        assert not (out / "sw" / path).exists(), path
    later = ("Orodha ya Heshima itachapishwa", "Bado hakuna shuhuda",
             "Ratiba itatangazwa baadaye")
    menus = 0
    for page in sorted((out / "sw").rglob("*.html")):
        html = page.read_text("utf-8")
        assert not any(words in html for words in later), page
        menu = NAV.search(html)
        if page.name == "404.html" or menu is None:  # (a certificate, the lobby screen)
            continue
        menus += 1
        for label, path in elsewhere.items():
            link = re.search(rf'<a href="([^"]*)"([^>]*)>{label}</a>', menu.group(0))
            assert link is not None, (page, label, menu.group(0))
            assert f'hreflang="{default}"' in link.group(2), link.group(0)
            # (the words of the link are the language's own, or marked as English)
            english = path in ("faq/", "contact/")
            assert (f' lang="{default}"' in link.group(2)) == english, link.group(0)
            assert target_file(page, out, link.group(1)) == (out / path / "index.html", "")
    assert menus >= 2
    home = out / "sw/index.html"
    button = re.search(r'<a class="button" href="([^"]*)"([^>]*)>Tazama ratiba</a>',
                       home.read_text("utf-8"))
    assert button is not None
    days = elsewhere.get("Wiki")
    assert button.group(2) == (f' hreflang="{default}"' if days else "")
    assert target_file(home, out, button.group(1)) == \
        (out / (days or "sw/days/monday/") / "index.html", "")
    # ... and with no day, no empty printable programme and no calendar without an event
    assert (out / "sw/programme/index.html").is_file() == (days is None)
    if "Sera yetu" in elsewhere:  # the footer's link to the policy, too
        assert '<a href="../policy/" hreflang="en-GB">Sera yetu ya huduma kwa wateja</a>' in \
            home.read_text("utf-8")
    for label, file in (("Ongeza kwenye kalenda yako", "week.ics"),
                        ("Ongeza wiki hii kwenye kalenda yako", "week.ics"),
                        ("Ratiba ya wiki, ya kuchapisha", "programme/index.html")):
        link = re.search(rf'<a [^>]*href="([^"]*)"([^>]*)>{label}</a>', home.read_text("utf-8"))
        assert link is not None, label
        assert ('hreflang' in link.group(2)) == bool(days), link.group(0)
        found = target_file(home, out, link.group(1))
        assert found is not None and found[0] == out / ("" if days else "sw") / file
    assert broken_links(out) == []
    # the not-found page's suggestions (served at any depth: links from the root)
    not_found = (out / "sw/404.html").read_text("utf-8")
    if "honour-roll/" in elsewhere.values():
        assert '<a href="/honour-roll/" hreflang="en-GB">' in not_found, not_found
    else:
        assert '<a href="/testimonials/" hreflang="en">' in not_found, not_found
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    for path in elsewhere.values():
        assert f"https://csw.example/sw/{path}" not in sitemap


def test_the_switcher_on_a_list_s_later_page_lands_on_the_list(make_site: MakeSite,
                                                                run: Run) -> None:
    """With untranslated = "omit", English has 30 testimonials (two pages) and Kiswahili
    one: the switcher on English page 2 went to the Kiswahili home page, though the
    Kiswahili list exists; it goes to that list (and no `hreflang` calls it page 2)."""
    rows = "".join(f"Customer {n:02},Kind words number {n}.\n" for n in range(30))
    site = make_site({**SMALL, "config.toml": SMALL["config.toml"].replace(
        "]\n[week]", ']\nuntranslated = "omit"\nbase_url = "https://csw.example/"\n[week]'),
        "content/testimonials/survey.csv": "customer,text\n" + rows,
        "content/testimonials/survey.sw.csv": "customer,text\nCustomer 07,Maneno mazuri.\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    page = out / "testimonials/page/2/index.html"
    html = page.read_text("utf-8")
    link = re.search(r'<a href="([^"]*)" hreflang="sw"[^>]*>Kiswahili</a>', html)
    assert link is not None, html
    assert target_file(page, out, link.group(1)) == (out / "sw/testimonials/index.html", "")
    assert '<link rel="alternate" hreflang="sw"' not in html
    assert broken_links(out) == []


@pytest.mark.parametrize("base", ["", "https://csw.example/week/"])
def test_every_address_in_every_feed_leads_to_a_published_file(make_site: MakeSite, run: Run,
                                                              base: str) -> None:
    """A feed reader resolves a feed's links against the feed's address.  Without base_url
    a link to the home page was `href=""`, which is the feed itself, and a footnote's
    `#fn-1` pointed into the feed, not into the testimonial's page."""
    logo = (REPO / "content/images/logo.svg").read_text("utf-8")
    body = ("[Home](../index.md) [Policy](../policy.md) ![Logo](../images/logo.svg) "
            "[Programme](../files/our%20programme.txt) A note[^1].\n\n[^1]: Said in May.\n")
    site = make_site({**SMALL, "config.toml": SMALL["config.toml"].replace(
        "]\n[week]", f']\nbase_url = "{base}"\n[week]'),
        "content/index.md": "---\ntitle: Home\n---\nWelcome.\n",
        "content/images/logo.svg": logo,
        "content/files/our programme.txt": "Monday: breakfast.\n",
        "content/policy.md": "---\ntitle: Policy\n---\nText.\n",
        "content/testimonials/rudo.md": f"---\ncustomer: Rudo M.\n---\nGood. {body}",
        "content/testimonials/rudo.sw.md": f"---\ncustomer: Rudo M.\n---\nNzuri. {body}"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    for folder in ("", "sw/"):
        feed = out / folder / "feed.xml"
        found = feed_links(feed, out, base)
        assert len(found) == 1 + 1 + 6, found  # the feed's, the entry's, its content's
        for address, target, fragment in found:
            assert target != feed and target.is_file(), (folder, address, target)
            if fragment:
                assert f'id="{fragment}"' in target.read_text("utf-8"), (folder, address)
        pages = {target.relative_to(out).as_posix() for _, target, _ in found}
        assert f"{folder}index.html" in pages and f"{folder}policy/index.html" in pages


def test_a_translation_in_a_site_of_one_language_says_to_list_its_language(
        make_site: MakeSite, run: Run) -> None:
    """It was read as content of its own: a second Monday ("a date has one day page; keep
    one of the two files"), a second copy of each person; a name with a dot that is no
    language, or no translation of a file beside it, is content as before."""
    config = '[site]\ntitle = "T"\nlanguage = "en-GB"\n[week]\nyear = 2026\n'
    site = make_site({**SMALL, "config.toml": config,
                      "content/days/monday.FR.md": "---\ntitle: Lundi merci\n---\n",
                      "content/honour-roll/team.sw.csv": "name,citation\nFarai Moyo,Mkarimu.\n",
                      "content/pages/faq.md": "---\ntitle: FAQ\n---\nQ\n",
                      "content/pages/faq.en-GB.md": "---\ntitle: FAQ\n---\nQ\n",
                      "content/pages/faq.v2.md": "---\ntitle: FAQ, second draft\n---\nQ\n",
                      "content/pages/rules.it.md": "---\ntitle: Rules for IT\n---\nQ\n"})
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1, outcome.stdout
    only = ("but the site has only one language, so it would be published as well as that "
            "file, not as its translation; to publish both languages, add languages = ")
    assert error_lines(outcome) == [
        "content/days/monday.FR.md:1: is named as a translation of monday.md into French "
        f'(FR), {only}["en-GB", "fr"] to [site] in config.toml, or rename the file',
        "content/honour-roll/team.sw.csv:1: is named as a translation of team.csv into "
        f'Swahili (sw), {only}["en-GB", "sw"] to [site] in config.toml, or rename the file',
        "content/pages/faq.en-GB.md:1: is named as a translation of faq.md into English "
        "(United Kingdom) (en-GB), the site's own language; move what it adds into faq.md "
        "and delete it, or rename it"]
