"""What a link preview and a brand colour look like to the people who see them: the tags
that chat apps and search engines read on every page, and brand colours that stay readable
whatever a site configures."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from cswgen.core.colours import DARK_SURFACE, LIGHT_SURFACE, contrast, shades
from tests.helpers import MakeSite, Run
from tests.test_expected_output import build_small


class _Head(HTMLParser):
    """The <title>, <meta> and <link> tags of a page's head."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: dict[str, list[str]] = {}
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("name" in values or "property" in values):
            key = values.get("property") or values["name"]
            self.meta.setdefault(key, []).append(values.get("content", ""))
        elif tag == "link":
            self.links.setdefault(values.get("rel", ""), []).append(values.get("href", ""))
        self._in_title = tag == "title"

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False


def head_of(page: Path) -> _Head:
    parser = _Head()
    parser.feed(page.read_text("utf-8").split("</head>")[0])
    return parser


TEXT_TAGS = ["description", "og:type", "og:title", "og:description", "og:site_name",
             "twitter:card", "twitter:title", "twitter:description"]


def test_every_demo_page_has_its_preview_text_and_no_absolute_url(demo_output: Path) -> None:
    # the demo has no base_url: previews carry text, and nothing pretends to an address
    pages = sorted(demo_output.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        head = head_of(page)
        assert head.title.strip(), page
        for tag in TEXT_TAGS:
            assert len(head.meta.get(tag, [])) == 1, f"{page}: {tag}"
            assert head.meta[tag][0].strip(), f"{page}: empty {tag}"
        assert "og:url" not in head.meta and "canonical" not in head.links, page
        assert "og:image" not in head.meta, page
        assert head.meta["og:title"][0] in head.title, page


def test_with_base_url_previews_point_at_the_published_address(tmp_path: Path) -> None:
    out = tmp_path / "output"
    build_small(out)
    base = "https://csw.harbour.example/2026/"
    for page in out.rglob("*.html"):
        head = head_of(page)
        relative = page.relative_to(out).as_posix().removesuffix("index.html")
        if relative == "404.html":
            assert "canonical" not in head.links  # served at any address, so it claims none
            continue
        assert head.links["canonical"] == [base + relative], page
        assert head.meta["og:url"] == [base + relative], page
    testimonial = head_of(out / "testimonials/ana/index.html")
    assert testimonial.meta["og:type"] == ["article"]
    assert head_of(out / "index.html").meta["og:type"] == ["website"]


def test_favicon_is_the_emblem_or_the_sites_logo(demo_output: Path, tmp_path: Path) -> None:
    # the demo sets a logo
    assert head_of(demo_output / "index.html").links["icon"] == ["images/logo.svg"]
    assert head_of(demo_output / "days/tuesday/index.html").links["icon"] == [
        "../../images/logo.svg"]
    out = tmp_path / "output"
    build_small(out)  # no logo: the emblem
    assert head_of(out / "index.html").links["icon"] == ["assets/emblem.svg"]
    assert (out / "assets/emblem.svg").read_text("utf-8").lstrip().startswith("<svg")


def test_a_brand_colour_too_light_for_text_is_replaced_and_named(
        make_site: MakeSite, run: Run) -> None:
    site = make_site({"config.toml": """\
        [site]
        title = "Sunny Week"

        [week]
        year = 2026

        [brand]
        primary = "#F5C400"   # the logo's yellow
        secondary = "#0b3d91"
        """})
    outcome = run(site, "build")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines[0].startswith(
        'config.toml:8: warning: [brand] primary = "#f5c400" is too light to read as text')
    assert "darker shade #896e00" in outcome.lines[0]
    assert len(outcome.lines) == 1  # the blue is fine, and says nothing
    html = (site / "output/index.html").read_text("utf-8")
    assert "--primary: #f5c400; --primary-ink: #896e00;" in html


def test_the_demo_colours_need_no_warning(make_site: MakeSite, run: Run) -> None:
    from tests.helpers import REPO

    text = (REPO / "config.toml").read_text("utf-8")
    site = make_site({"config.toml": re.sub(r'logo = "[^"]*"', "", text)})
    outcome = run(site, "build")
    assert outcome.exit_code == 0, outcome.stderr
    assert "[brand]" not in outcome.stderr


@pytest.mark.parametrize("colour", [f"#{r:02x}{g:02x}{b:02x}" for r in range(0, 256, 51)
                                    for g in range(0, 256, 51) for b in range(0, 256, 85)])
def test_shades_of_any_colour_are_readable(colour: str) -> None:
    s = shades(colour)
    assert contrast(s.ink, LIGHT_SURFACE) >= 4.5
    assert contrast(s.ink, "#ffffff") >= 4.5  # as a background under white text, too
    assert contrast(s.glow, DARK_SURFACE) >= 4.5
    assert contrast(s.edge, DARK_SURFACE) >= 3  # a button's edge in dark mode (1.4.11)
    if contrast(s.ink, DARK_SURFACE) >= 3:
        assert s.edge == s.ink  # a button that stands out has no edge of another colour
    if contrast(colour, LIGHT_SURFACE) >= 4.5:
        assert s.ink == colour  # a colour that is readable is used as it is


def _rgb(css: str) -> str:
    """`rgb(17, 17, 17)`, as a browser computes a colour, as "#111111"."""
    red, green, blue = (int(n) for n in re.findall(r"\d+", css)[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


@pytest.mark.parametrize("scheme", ["dark", "light"])
@pytest.mark.parametrize("primary", ["#111111", "#000000", "#c8102e"])
def test_the_primary_button_stands_out_from_the_page_in_both_schemes(
        browser: Any, make_site: MakeSite, run: Run, primary: str, scheme: str) -> None:
    """A bank whose brand is near-black: in dark mode its "Print this certificate" button
    was a black pill on a black page, with no edge to see (WCAG 1.4.11 asks 3:1 for what
    identifies a control).  Its edge now stands out 3:1 from what is behind it."""
    site = make_site({
        "config.toml": f'[site]\ntitle = "Ink Week"\n\n[week]\nyear = 2026\n\n'
                       f'[brand]\nprimary = "{primary}"\n',
        "content/honour-roll/sam.md": "---\nname: Sam Moyo\naward: Team Spirit\n---\nThanks.\n"})
    assert run(site, "build", "--as-of", "2026-10-05").exit_code == 0
    page = browser.new_page(color_scheme=scheme)
    page.goto((site / "output/honour-roll/sam/certificate/index.html").as_uri())
    button = page.evaluate("""() => {
        const button = document.querySelector('.button:not(.button--quiet)');
        let behind = button.parentElement;
        while (getComputedStyle(behind).backgroundColor === 'rgba(0, 0, 0, 0)') {
            behind = behind.parentElement;
        }
        const style = getComputedStyle(button);
        return {text: button.innerText, edge: style.borderTopColor,
                width: parseFloat(style.borderTopWidth), fill: style.backgroundColor,
                behind: getComputedStyle(behind).backgroundColor};
    }""")
    page.close()
    assert button["text"] == "Print this certificate" and button["width"] >= 2
    edge, behind = _rgb(button["edge"]), _rgb(button["behind"])
    assert contrast(edge, behind) >= 3, (scheme, edge, behind)
    assert contrast(_rgb(button["fill"]), "#ffffff") >= 4.5  # its white words
