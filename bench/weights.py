"""Print what each kind of page costs a visitor to download: its HTML and the CSS, JS and
SVG it loads, photos aside.  Raw bytes (what a host without compression sends) and gzip
(what most hosts send).  Target: the home page under 60 KB.

    python bench/weights.py [SITE]      # default: the demo campaign in this repository

It builds SITE into a temporary folder, as during the week, and never fails on the numbers:
it prints them.
"""

from __future__ import annotations

import gzip
import re
import sys
import tempfile
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cswgen.commands.build import build  # noqa: E402

TARGET_HOME = 60_000
KINDS = re.compile(rb'<body class="page--([a-z_0-9]+)')


class _Loads(HTMLParser):
    """The files a page makes the browser fetch: stylesheets, scripts, images, the icon."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and a.get("rel") in ("stylesheet", "icon"):
            self.urls.append(a.get("href", ""))
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"])


def weigh(page: Path, out: Path) -> dict[str, int]:
    html = page.read_bytes()
    parser = _Loads()
    parser.feed(html.decode("utf-8"))
    sizes = {"html": len(html), "css": 0, "js": 0, "svg": 0, "gzip": len(gzip.compress(html))}
    for url in dict.fromkeys(parser.urls):
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            continue  # the theme loads nothing from other hosts; a test holds it to that
        path = unquote(parts.path)
        target = (out / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
        target = target.resolve()
        if target.is_dir():
            target = target / "index.html"
        kind = target.suffix.lower().lstrip(".")
        if kind not in ("css", "js", "svg") or not target.is_file():
            continue  # photos aside
        data = target.read_bytes()
        sizes[kind] += len(data)
        sizes["gzip"] += len(gzip.compress(data))
    return sizes


def main(site: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "output"
        result = build(site, as_of=date(2026, 10, 6), output=out)
        kinds: dict[str, Path] = {}
        for page in sorted(out.rglob("*.html"), key=lambda p: (len(p.parts), p.as_posix())):
            found = KINDS.search(page.read_bytes()[:8000])
            kind = found.group(1).decode() if found else page.name
            kinds.setdefault(kind, page)
        print(f"{site}: {result.pages} pages built; one page of each kind, as of 2026-10-06\n")
        head = f"{'kind':<13}{'page':<40}{'HTML':>9}{'CSS':>9}{'JS':>8}{'SVG':>8}" \
               f"{'total':>9}{'gzip':>9}"
        print(head)
        print("-" * len(head))
        home_total = 0
        for kind, page in kinds.items():
            s = weigh(page, out)
            total = s["html"] + s["css"] + s["js"] + s["svg"]
            if kind == "home":
                home_total = total
            name = page.relative_to(out).as_posix()
            print(f"{kind:<13}{name[:39]:<40}{s['html'] / 1000:>8.1f}K{s['css'] / 1000:>8.1f}K"
                  f"{s['js'] / 1000:>7.1f}K{s['svg'] / 1000:>7.1f}K{total / 1000:>8.1f}K"
                  f"{s['gzip'] / 1000:>8.1f}K")
        verdict = "met" if home_total < TARGET_HOME else "NOT met"
        print(f"\nhome page: {home_total / 1000:.1f} KB uncompressed; "
              f"target under {TARGET_HOME / 1000:.0f} KB: {verdict}")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else REPO)
