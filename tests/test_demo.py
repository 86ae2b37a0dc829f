"""The repository's demo campaign, built as a user would, checked as a user would."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import pytest

from tests.linkcheck import broken_links, parse

ATOM = "{http://www.w3.org/2005/Atom}"


def html(out: Path, path: str) -> str:
    return (out / path).read_text("utf-8")


def test_every_page_kind_is_written(demo_output: Path) -> None:
    for path in ("index.html", "days/monday/index.html", "days/friday/index.html",
                 "testimonials/index.html", "testimonials/ruvarashe-m/index.html",
                 "honour-roll/index.html", "honour-roll/zoe-nyathi/index.html",
                 "honour-roll/zoe-nyathi/certificate/index.html", "policy/index.html",
                 "faq/index.html", "contact/index.html", "feed.xml", "week.ics",
                 "robots.txt", "404.html", "images/logo.svg",
                 "downloads/csw-2026-programme.txt"):
        assert (demo_output / path).is_file(), path


def test_every_internal_link_resolves(demo_output: Path) -> None:
    assert broken_links(demo_output) == []


def test_links_are_relative(demo_output: Path) -> None:
    for page in demo_output.rglob("*.html"):
        if page.name == "404.html":
            continue
        for link in parse(page).links:
            assert not link.startswith("/"), f"{page}: {link}"


def test_sources_are_never_published(demo_output: Path) -> None:
    published = [p.relative_to(demo_output).as_posix() for p in demo_output.rglob("*")]
    assert not [p for p in published if p.endswith((".md", ".markdown"))]
    assert not [p for p in published if p.endswith(".csv")]


def test_counts_match_the_content(demo_output: Path) -> None:
    days = sorted(p.parent.name for p in (demo_output / "days").glob("*/index.html"))
    assert days == ["friday", "monday", "thursday", "tuesday", "wednesday"]
    testimonials = list((demo_output / "testimonials").glob("*/index.html"))
    # 7 Markdown testimonials, less one draft and one published from 7 October, + 6 CSV rows
    assert len(testimonials) == 11
    people = list((demo_output / "honour-roll").glob("*/index.html"))
    certificates = list((demo_output / "honour-roll").glob("*/certificate/index.html"))
    assert len(people) == len(certificates) == 15


def test_draft_and_future_testimonials_are_left_out(demo_output: Path) -> None:
    assert not (demo_output / "testimonials/p-van-der-merwe").exists()  # draft
    assert not (demo_output / "testimonials/ashley-t").exists()  # publish: 2026-10-07


def test_honour_roll_groups_by_award_with_unawarded_last(demo_output: Path) -> None:
    page = html(demo_output, "honour-roll/index.html")
    headings = re.findall(r"<h2[^>]*>(.*?)</h2>", page, re.S)
    titles = [re.sub(r"<[^>]+>", "", h).strip() for h in headings]
    awards = [t for t in titles if "Award" in t]
    assert awards == sorted(awards, key=str.casefold)
    assert len(awards) >= 3
    assert titles.index(awards[-1]) < titles.index("Also recognised")


def test_staff_names_link_to_the_honour_roll(demo_output: Path) -> None:
    page = html(demo_output, "testimonials/sibongile-k/index.html")  # staff: zoe nyathi
    assert 'href="../../honour-roll/zoe-nyathi/"' in page
    # the link shows the name as the honour roll spells it, not as the customer typed it
    assert '<a href="../../honour-roll/zoe-nyathi/">Zoë Nyathi</a>' in page
    page = html(demo_output, "testimonials/loveness-c/index.html")  # precious ncube
    assert '<a href="../../honour-roll/precious-ncube/">Precious Ncube</a>' in page


def test_source_path_links_become_page_links(demo_output: Path) -> None:
    page = html(demo_output, "days/tuesday/index.html")
    assert 'href="../../policy/"' in page
    assert "policy.md" not in page


def test_feed_lists_every_published_testimonial(demo_output: Path) -> None:
    feed = ET.parse(demo_output / "feed.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 11
    titles = {e.findtext(f"{ATOM}title") for e in entries}
    assert all(titles)
    assert all(e.findtext(f"{ATOM}id") for e in entries)


def test_calendar_has_the_week_in_the_site_time_zone(demo_output: Path) -> None:
    cal = icalendar.Calendar.from_ical((demo_output / "week.ics").read_bytes())
    events = list(cal.walk("VEVENT"))
    all_day = [e for e in events if not hasattr(e.decoded("dtstart"), "hour")]
    assert len(all_day) == 5
    timed = [e for e in events if hasattr(e.decoded("dtstart"), "hour")]
    assert timed, "the demo's events have times"
    for event in timed:
        start = event.decoded("dtstart")
        assert str(start.tzinfo) == "Africa/Harare"
        assert start.date().isoformat() >= "2026-10-05"
        assert start.date().isoformat() <= "2026-10-09"
    assert list(cal.walk("VTIMEZONE"))


def test_robots_without_base_url_has_no_sitemap(demo_output: Path) -> None:
    assert "Sitemap" not in (demo_output / "robots.txt").read_text()
    assert not (demo_output / "sitemap.xml").exists()


def test_every_page_has_one_h1_and_a_language(demo_output: Path) -> None:
    for page in demo_output.rglob("*.html"):
        text = page.read_text("utf-8")
        assert len(re.findall(r"<h1[\s>]", text)) == 1, page
        assert re.search(r'<html[^>]* lang="en-GB" dir="ltr"', text), page


def test_brand_colours_reach_the_pages(demo_output: Path) -> None:
    assert "#c8102e" in html(demo_output, "index.html").lower()


def test_portable_build_links_name_index_html(tmp_path: Path) -> None:
    from datetime import date

    from cswgen.commands.build import build
    from tests.helpers import REPO

    out = tmp_path / "output"
    build(REPO, as_of=date(2026, 10, 6), output=out, portable=True)
    assert broken_links(out) == []
    for page in out.rglob("*.html"):
        if page.name == "404.html":
            continue
        for link in parse(page).links:
            if "://" in link or link.startswith(("#", "mailto:", "tel:")):
                continue
            path = link.split("#")[0]
            assert not path.endswith("/") and path != "", f"{page}: {link}"


def test_a_failed_build_leaves_the_previous_output(tmp_path: Path) -> None:
    import shutil
    from datetime import date

    from cswgen.commands.build import build
    from cswgen.core.errors import SiteError
    from tests.helpers import REPO

    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "config.toml", site / "config.toml")
    build(site, as_of=date(2026, 10, 6))
    before = {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()}
    (site / "content/testimonials/ruvarashe-m.md").write_text("---\nrating: 9\n---\n", "utf-8")
    with pytest.raises(SiteError):
        build(site, as_of=date(2026, 10, 6))
    after = {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in tmp_path.joinpath("site").iterdir() if "staging" in p.name] == []


def test_navigation_lists_menu_pages_in_order(demo_output: Path) -> None:
    page = html(demo_output, "index.html")
    nav = re.search(r'<nav[^>]*aria-label="Main"[^>]*>(.*?)</nav>', page, re.S)
    assert nav
    labels = [re.sub(r"<[^>]+>", "", a).strip()
              for a in re.findall(r"<a[^>]*>(.*?)</a>", nav.group(1), re.S)]
    assert labels[:5] == ["Home", "The week", "Testimonials", "Honour roll", "Our policy"]
    faq, contact = labels.index("Frequently asked questions"), labels.index("Contact us")
    assert faq < contact  # menu: 1, then menu: 2
    assert "About Msasa" not in " ".join(labels)  # about.md has no `menu`


def test_policy_shows_commitments_and_standards(demo_output: Path) -> None:
    import yaml

    source = (Path(__file__).parent.parent / "content/policy.md").read_text("utf-8")
    data = yaml.safe_load(source.split("---")[1])
    page = html(demo_output, "policy/index.html")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).replace("&amp;", "&")
    for commitment in data["commitments"]:
        assert " ".join(commitment.split()) in text
    for standard in data["standards"]:
        assert standard["measure"] in text and standard["target"] in text
    assert "<table" in page


def test_people_without_a_photo_get_initials(demo_output: Path) -> None:
    page = html(demo_output, "honour-roll/tendai-chikwanha/index.html")
    assert ">TC<" in page
    with_photo = html(demo_output, "honour-roll/zoe-nyathi/index.html")
    assert 'src="../../images/people/zoe-nyathi.svg"' in with_photo
