"""Every address a build writes works: absolute URLs (canonical and link-preview tags, the
feed, the sitemap, QR codes, the calendar, robots.txt, emails) are valid URLs, encoded
once, for a site whose address, files and photos have accents, spaces and other scripts;
links inside pages stay relative and find their file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from cswgen.core import paths
from cswgen.render.links import absolute
from tests.helpers import MakeSite, Run, error_lines
from tests.linkcheck import absolute_urls, broken_links, is_valid_url, lands_on
from tests.photofactory import phone_jpeg

AS_OF = ("--as-of", "2026-10-06")


def _site(make_site: MakeSite, base_url: str) -> Path:
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"/>'
    return make_site({
        "config.toml": f'[site]\ntitle = "Journée du client"\nbase_url = "{base_url}"\n'
                       '[week]\nyear = 2026\n',
        "content/Photos d'équipe/Zoë Été.JPG": phone_jpeg(800, 600, orientation=1,
                                                           location=False),
        "content/fichiers/Guide d'accueil (été) #2.pdf": b"%PDF-1.4\n",
        "content/fichiers/100% sûr.pdf": b"%PDF-1.4\n",
        "content/fichiers/دليل الموظف.pdf": b"%PDF-1.4\n",
        "content/images/Bannière.svg": svg,
        "content/days/mardi.md": "---\nday: tuesday\ntitle: Día de la atención\n"
                                 "image: ../images/Bannière.svg\nalt: Bannière\n---\n"
                                 "Le [guide](<../fichiers/Guide d'accueil (été) #2.pdf>).\n",
        "content/honour-roll/zoe.md": "---\nname: Zoë Nyathi\n"
                                      "photo: \"../Photos d'équipe/Zoë Été.JPG\"\n"
                                      "alt: Zoë\n---\nMerci.\n",
        "content/testimonials/rudo.md":
            "---\ncustomer: Rudo M.\n---\nVoir le "
            "[guide](../fichiers/Guide%20d'accueil%20%28été%29%20%232.pdf), "
            "[100 %](<../fichiers/100% sûr.pdf>), [الدليل](<../fichiers/دليل الموظف.pdf>) et "
            "![Zoë](<../Photos d'équipe/Zoë Été.JPG>).\n"})


@pytest.mark.parametrize(("written", "base"), [
    ("https://exämple.org/journée du client/",
     "https://xn--exmple-cua.org/journ%C3%A9e%20du%20client/"),
    # as the browser's address bar shows it, already encoded: not encoded again
    ("https://example.org/csw%202026", "https://example.org/csw%202026/"),
    # (long enough that week.ics folds its URL lines)
    ("https://مثال.example/أسبوع خدمة العملاء/",
     "https://xn--mgbh0fb.example/%D8%A3%D8%B3%D8%A8%D9%88%D8%B9%20%D8%AE%D8%AF%D9%85%D8%A9"
     "%20%D8%A7%D9%84%D8%B9%D9%85%D9%84%D8%A7%D8%A1/"),
])
def test_every_absolute_address_is_a_valid_url_that_finds_its_file(
        make_site: MakeSite, run: Run, written: str, base: str) -> None:
    """`base_url + path` was written as it is: `https://exämple.org/journée/days/…` in the
    sitemap, the feed, og:url, the calendar and the QR codes (not a URL: a sitemap or
    feed validator rejects it, some readers drop it), and a file's name with accents or
    Arabic letters in the feed's links.  Each is now ASCII, encoded once, and a server
    that decodes it finds the file."""
    site = _site(make_site, written)
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    assert broken_links(out) == []
    found = absolute_urls(out)
    kinds = {name.rpartition("/")[2] for name, _ in found}
    assert {"sitemap.xml", "feed.xml", "week.ics", "robots.txt", "index.html"} <= kinds, kinds
    for name, address in found:
        assert is_valid_url(address), (name, address)
        assert address.startswith(base), (name, address)
        assert "%25C3" not in address and "%2520" not in address, (name, address)  # once
        assert lands_on(address, base, out).is_file(), (name, address)
    feed = (out / "feed.xml").read_text("utf-8")
    assert f"{base}fichiers/100%25%20s%C3%BBr.pdf" in feed
    assert f"{base}fichiers/Guide%20d'accueil%20(%C3%A9t%C3%A9)%20%232.pdf" in feed
    programme = (out / "programme/index.html").read_text("utf-8")
    # under the QR code (which holds the address encoded), the address as people type it
    assert f">{paths.shown_address(base)}programme/<" in programme
    # links inside pages stay relative, letters as they are
    day = (out / "days/mardi/index.html").read_text("utf-8")
    assert 'href="../../fichiers/Guide%20d\'accueil%20(été)%20%232.pdf"' in day


def test_an_email_links_to_the_site_with_a_valid_url(make_site: MakeSite, run: Run) -> None:
    site = _site(make_site, "https://exämple.org/journée/")
    outcome = run(site, "email", "tuesday", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    text = next((site / "email").glob("*.eml")).read_text("utf-8")
    assert "https://xn--exmple-cua.org/journ%C3%A9e/days/mardi/" in text
    assert "exämple" not in text and "journée/" not in text


def test_a_host_name_no_address_can_hold_is_an_error(make_site: MakeSite, run: Run) -> None:
    site = make_site({"config.toml": '[site]\ntitle = "T"\n'
                                     f'base_url = "https://{"é" * 70}.example/"\n'
                                     '[week]\nyear = 2026\n'})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 1
    errors = error_lines(outcome)
    assert len(errors) == 1 and errors[0].startswith("config.toml:3: [site] base_url"), errors
    assert "cannot be written as a web address" in errors[0]


@pytest.mark.parametrize(("target", "url"), [
    ("days/monday/", "https://x.org/a%20b/days/monday/"),
    ("", "https://x.org/a%20b/"),
    ("fichiers/été 100%25.pdf", "https://x.org/a%20b/fichiers/%C3%A9t%C3%A9%20100%25.pdf"),
    ("files/100%25plan.pdf", "https://x.org/a%20b/files/100%25plan.pdf"),
    ("files/C%23 guide.pdf#page=2", "https://x.org/a%20b/files/C%23%20guide.pdf#page=2"),
    ("policy/#über", "https://x.org/a%20b/policy/#%C3%BCber"),
])
def test_absolute_encodes_a_site_path_once(target: str, url: str) -> None:
    assert absolute("https://x.org/a%20b/", target) == url
    assert absolute("", target) == ""


@pytest.mark.parametrize(("written", "address"), [
    ("https://example.org/csw/", "https://example.org/csw/"),
    ("https://Bücher.example:8443/día de la atención/",
     "https://xn--bcher-kva.example:8443/d%C3%ADa%20de%20la%20atenci%C3%B3n/"),
    ("https://example.org/csw%202026/", "https://example.org/csw%202026/"),
    ("https://example.org/100%/", "https://example.org/100%25/"),
])
def test_a_base_url_becomes_ascii_encoded_once(written: str, address: str) -> None:
    assert paths.ascii_address(written) == address
    assert paths.ascii_address(address) == address


def test_an_address_is_shown_to_people_as_the_address_bar_shows_it() -> None:
    shown = paths.shown_address("https://xn--exmple-cua.org/journ%C3%A9e%20du%20client/%23/")
    assert shown == "https://exämple.org/journée%20du%20client/%23/"


def test_an_award_spelt_two_ways_is_one_group_with_one_id(make_site: MakeSite,
                                                          run: Run) -> None:
    """An HR export spells one award `Team Award`, `Team award` and `Team  award`: the
    honour roll sorted them together, by name, and began a group each time the spelling
    changed, so "Team Award" was listed four times, each heading with the id
    `award-team-award` (the A to Z jump links went to the first).  One spelling makes one
    group now, and two awards whose names make one slug (`Team-Award`) get an id each."""
    site = make_site({
        "config.toml": '[site]\ntitle = "T"\n[week]\nyear = 2026\n',
        "content/honour-roll/staff.csv": "name,award\nAmy,Team award\nBob,Team Award\n"
                                         "Cat,Team  award\nDan,Team Award\nEve,Team-Award\n"
                                         "Fay,Other\nGus,\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    roll = (site / "output/honour-roll/index.html").read_text("utf-8")
    ids = re.findall(r'<h2 id="(award-[^"]+)"', roll)
    assert ids == ["award-other", "award-team-award", "award-team-award-2", "award-other-2"]
    assert broken_links(site / "output") == []
