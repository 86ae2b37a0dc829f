"""Lists that grow with the organisation stay usable: testimonials come in pages, and a long
award gets pages of its own, A to Z, with jump links that land on the right page."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers import MakeSite, Run, large_site
from tests.linkcheck import broken_links


def step(page: Path, rel: str) -> Path:
    """Where the page's `rel="next"` or `rel="prev"` link goes."""
    href = re.search(rf'href="([^"]*)" rel="{rel}"', page.read_text("utf-8"))
    assert href, f"no {rel} link in {page}"
    return (page.parent / href.group(1)).resolve()


def test_testimonials_come_in_pages_that_link_to_each_other(make_site: MakeSite, run: Run) -> None:
    site = large_site(make_site, testimonials=60, champions=3)
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    first = (out / "testimonials/index.html").read_text("utf-8")
    assert first.count('<article class="testimonial-card') == 24
    assert "60 stories" in first
    assert step(out / "testimonials/index.html", "next") == out / "testimonials/page/2"
    third = (out / "testimonials/page/3/index.html").read_text("utf-8")
    assert third.count('<article class="testimonial-card') == 12
    assert "<title>Testimonials, page 3 of 3" in third
    assert step(out / "testimonials/page/3/index.html", "prev") == out / "testimonials/page/2"
    assert 'rel="next"' not in third
    assert 'aria-current="page" aria-label="Page 3">3<' in third
    assert not (out / "testimonials/page/4").exists()
    assert broken_links(out) == []
    # every testimonial is on exactly one page of the list
    listed = re.findall(r'testimonial-card__heading"><a href="[^"]*?(t\d+)/"',
                        "".join((out / p).read_text("utf-8") for p in (
                            "testimonials/index.html", "testimonials/page/2/index.html",
                            "testimonials/page/3/index.html")))
    assert sorted(listed) == [f"t{i:03d}" for i in range(60)]


def test_a_short_list_has_no_pager(make_site: MakeSite, run: Run) -> None:
    site = large_site(make_site, testimonials=5, champions=5)
    assert run(site, "build", "--as-of", "2026-10-06").exit_code == 0
    out = site / "output"
    assert 'class="pager"' not in (out / "testimonials/index.html").read_text("utf-8")
    assert not (out / "testimonials/page").exists()
    assert not (out / "honour-roll/awards").exists()
    roll = (out / "honour-roll/index.html").read_text("utf-8")
    assert roll.count('class="person-row"') == 6  # everyone, inline


def test_a_long_award_gets_pages_with_a_to_z_links(make_site: MakeSite, run: Run) -> None:
    site = large_site(make_site, testimonials=1, champions=200)
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    roll = (out / "honour-roll/index.html").read_text("utf-8")
    assert roll.count('class="person-row"') == 6 + 1  # a preview of the long award, and Rita
    assert 'href="../honour-roll/awards/customer-champion-award/">See all 200 people' in roll
    award = out / "honour-roll/awards/customer-champion-award"
    pages = [award / "index.html", award / "page/2/index.html", award / "page/3/index.html"]
    texts = [p.read_text("utf-8") for p in pages]
    assert [t.count('class="person-row"') for t in texts] == [96, 96, 8]
    names = [n for t in texts for n in re.findall(r'person-row__name"><a [^>]*>([^<]*)<', t)]
    assert len(names) == 200
    letters = [n[0] for n in names]
    assert letters == sorted(letters, key=lambda c: (not c.isalpha(), c.replace("Ö", "O")))
    # each letter's link lands on the page that holds its first name, at an anchor there
    for text, page in zip(texts, pages, strict=True):
        for href, letter in re.findall(
                r'<a href="([^"]*)" aria-label="Names starting with [^"]*">([^<]*)</a>', text):
            target, anchor = href.split("#")
            landing = (page.parent / target / "index.html").resolve()
            assert f'id="{anchor}"' in landing.read_text("utf-8"), (page, letter)
    assert broken_links(out) == []
    assert 'aria-label="Names starting with O">O<' in texts[0]  # Ömer is filed under O
