"""Nothing injected: known filter-evasion vectors (tests/data/xss-vectors.txt) go through every
field a user can fill, and no script from content reaches a page.

A site is written in which every vector appears in every field: testimonial and honour-roll
fields and bodies (Markdown and CSV), days and their events, pages, the policy, and the
config's texts.  The output is scanned for event-handler attributes, script, and
`javascript:`-style URLs, and a real browser loads every page listening for dialogs and for
`window.__xss`.  With `[build] unsafe_html = true` the raw HTML passes, as documented.
"""

from __future__ import annotations

import html
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

from cswgen.commands.build import build
from tests.helpers import serving, write_site

VECTORS = [line.replace("{NL}", "\n").replace("{TAB}", "\t")
           for line in (Path(__file__).parent / "data/xss-vectors.txt").read_text("utf-8")
           .splitlines() if line and not line.startswith("#")]
PER_ENTRY = 4  # vectors joined in one field of one entry; entries rotate through them all
ENTRIES = -(-len(VECTORS) // PER_ENTRY)
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "srcdoc", "background",
                  "poster", "xlink:href", "srcset", "cite", "ping"}
_DANGEROUS_URL = re.compile(r"^(?:javascript|vbscript|data|livescript|cswgen-root):", re.I)


def chunk(i: int, offset: int = 0) -> str:
    """Entry i's share of the vectors, shifted per field so fields differ within an entry."""
    start = ((i + offset) % ENTRIES) * PER_ENTRY
    return " ".join(VECTORS[start:start + PER_ENTRY])


def front(data: dict[str, Any], body: str) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True) + "---\n" + body + "\n"


def hostile_site(folder: Path, *, unsafe: bool = False) -> Path:
    everything = " ".join(VECTORS)
    toml = json.dumps  # a JSON string is a TOML basic string
    files: dict[str, str | bytes] = {"config.toml": (
        f"[site]\ntitle = {toml('Week ' + everything)}\norganisation = {toml(everything)}\n"
        f"description = {toml(everything)}\nbase_url = \"https://csw.example/x/\"\n"
        f"[week]\nyear = 2026\ntheme = {toml(everything)}\ntimezone = \"Africa/Harare\"\n"
        f"[build]\nunsafe_html = {'true' if unsafe else 'false'}\n"
        f"[extra]\nhashtag = {toml(everything)}\n")}
    for i in range(ENTRIES):
        files[f"content/testimonials/t{i:02d}.md"] = front({
            "customer": f"C{i} " + chunk(i), "title": chunk(i, 1), "organisation": chunk(i, 2),
            "location": chunk(i, 3), "staff": [f"P{i} " + chunk(i, 4)], "featured": i < 3,
            "rating": 5, "date": "2026-09-01", "notes": chunk(i, 5)}, chunk(i, 6))
        files[f"content/honour-roll/p{i:02d}.md"] = front({
            "name": f"P{i} " + chunk(i, 4), "role": chunk(i, 1), "department": chunk(i, 2),
            "award": chunk(i, 3) if i % 2 else "Star", "citation": chunk(i, 5)}, chunk(i, 6))
        files[f"content/pages/page{i:02d}.md"] = front({"title": chunk(i), "menu": i},
                                                       chunk(i, 1) + "\n\n" + chunk(i, 2))
    rows = [["customer", "title", "organisation", "location", "staff", "text"]]
    rows += [[f"CSV{i} " + chunk(i), chunk(i, 1), chunk(i, 2), chunk(i, 3), chunk(i, 4),
              chunk(i, 5)] for i in range(ENTRIES)]
    files["content/testimonials/more.csv"] = "".join(
        ",".join('"' + c.replace('"', '""') + '"' for c in row) + "\r\n" for row in rows)
    people = [["name", "role", "award", "citation", "citation_long"]]
    people += [[f"Q{i} " + chunk(i, 3), chunk(i), chunk(i, 1), chunk(i, 2), chunk(i, 4)]
               for i in range(ENTRIES)]
    files["content/honour-roll/more.csv"] = "".join(
        ",".join('"' + c.replace('"', '""') + '"' for c in row) + "\r\n" for row in people)
    for n, day in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday"]):
        files[f"content/days/{day}.md"] = front({
            "day": day, "title": chunk(n), "summary": chunk(n, 1), "dress_code": chunk(n, 2),
            "events": [{"time": "10:00", "title": chunk(n + k), "place": chunk(n + k, 1),
                        "description": chunk(n + k, 2)} for k in range(0, ENTRIES, 5)]},
            "\n\n".join(VECTORS))
    files["content/policy.md"] = front({
        "title": everything, "version": chunk(0), "owner": chunk(1),
        "commitments": VECTORS, "standards": [{"measure": v, "target": v} for v in VECTORS]},
        "\n\n".join(VECTORS))
    files["content/index.md"] = front({"title": chunk(2)}, "\n\n".join(VECTORS))
    for where in ("", "days/", "pages/", "testimonials/", "honour-roll/"):  # (the vectors'
        files[f"content/{where}x.png"] = _PNG                                # own picture)
    return write_site(folder, files)


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    out = BytesIO()
    Image.new("RGB", (4, 4), (200, 16, 46)).save(out, "PNG")
    return out.getvalue()


_PNG = _png()


class _Scanner(HTMLParser):
    def __init__(self, where: str, found: list[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.where = where
        self.found = found
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            # as the URL standard reads it: C0 controls and spaces trimmed at both ends,
            # tabs and newlines removed anywhere ("java\tscript:" is "javascript:")
            bare = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(33)))))
            if name.startswith("on"):
                self.found.append(f"{self.where}: <{tag} {name}=...>")
            if name in URL_ATTRIBUTES and any(
                    _DANGEROUS_URL.match(part) for part in [bare, *bare.split(",")]):
                self.found.append(f"{self.where}: <{tag} {name}={value[:40]!r}>")
            if name == "style" and re.search(r"expression|javascript|url\(", value, re.I):
                self.found.append(f"{self.where}: <{tag} style={value[:40]!r}>")
            if tag == "meta" and name == "http-equiv":
                self.found.append(f"{self.where}: <meta http-equiv>")
        if tag in ("iframe", "object", "embed", "base", "form", "frame", "frameset", "applet"):
            self.found.append(f"{self.where}: <{tag}>")
        if tag == "script":
            src = dict(attrs).get("src") or ""
            if not re.search(r"assets/(site|screen)\.js\?v=\w+$", src):
                self.found.append(f"{self.where}: <script> not from the theme")
            self.in_script = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and data.strip():
            self.found.append(f"{self.where}: inline script {data[:40]!r}")


def scan(output: Path) -> list[str]:
    """Everything in the output that could run script: event-handler attributes, script
    that is not the theme's, dangerous URLs, frames, forms and refreshes."""
    found: list[str] = []
    for path in sorted(output.rglob("*")):
        where = path.relative_to(output).as_posix()
        if path.suffix == ".html":
            _Scanner(where, found).feed(path.read_text("utf-8"))
        elif path.suffix == ".xml":
            text = path.read_text("utf-8")
            for fragment in re.findall(r'<(?:content|summary)[^>]*type="html"[^>]*>(.*?)</',
                                       text, re.S):
                _Scanner(where, found).feed(html.unescape(fragment))
    return found


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = hostile_site(tmp_path_factory.mktemp("hostile") / "site")
    build(site, as_of=date(2026, 10, 6), output=site / "output")
    return site / "output"


def test_every_vector_reaches_every_field() -> None:
    """The corpus is large enough to matter and each chunk is used."""
    assert len(VECTORS) >= 60
    assert {v for i in range(ENTRIES) for v in chunk(i).split(" ")} >= {
        VECTORS[0].split(" ")[0], VECTORS[-1].split(" ")[0]}


def test_the_output_holds_no_script_from_content(hostile: Path) -> None:
    pages = list(hostile.rglob("*.html"))
    assert len(pages) > 4 * ENTRIES
    # the vectors are there, harmless: as text in fields, or as what the sanitizer left
    home = (hostile / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in home
    assert scan(hostile) == []


def test_the_scan_finds_what_it_is_for(tmp_path: Path) -> None:
    """With unsafe_html the raw HTML of bodies passes untouched (as README says), and the
    scan sees it: it would catch a sanitizer that let the same through."""
    site = hostile_site(tmp_path / "site", unsafe=True)
    build(site, as_of=date(2026, 10, 6), output=site / "output")
    found = scan(site / "output")
    assert any("onerror" in f for f in found)
    assert any("<script> not from the theme" in f for f in found)
    assert any("<iframe>" in f for f in found)
    # fields are text even then: only bodies are HTML
    assert all(not f.startswith("index.html: <title") for f in found)


@pytest.mark.slow
def test_no_dialog_opens_and_no_script_runs_in_a_browser(hostile: Path, request: Any) -> None:
    chromium = request.getfixturevalue("browser")  # conftest's: Chromium, or a skip
    with serving(hostile) as url:
        events: list[str] = []
        page = chromium.new_page()

        def dismiss(dialog: Any) -> None:
            events.append(f"dialog: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", dismiss)
        page.on("pageerror", lambda e: events.append(f"script error: {e}"))
        for path in sorted(hostile.rglob("*.html")):
            relative = path.relative_to(hostile).as_posix()
            page.goto(f"{url}{relative}", wait_until="load")  # images have failed by then
            if page.evaluate("window.__xss !== undefined"):
                events.append(f"window.__xss set on {relative}")
        page.close()
        assert events == []
