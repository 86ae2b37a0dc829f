"""The build of a small sample site, compared byte for byte with committed expected output.

When a change to the theme or the build is intended, refresh the expected files with
`python -m tests.test_expected_output` and review the diff.  Share images are compared by
size and colours, not bytes: Pillow's text smoothing differs a little between versions.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from PIL import Image

from cswgen.commands.build import build
from cswgen.write.manifest import MANIFEST

SITE = Path(__file__).resolve().parent / "sites" / "small"
EXPECTED = Path(__file__).resolve().parent / "expected" / "small"
AS_OF = date(2026, 10, 5)  # Monday: Tuesday is still a teaser


def files(folder: Path) -> dict[str, Any]:
    """The published files; the manifest is the build's own record (with file times)."""
    return {p.relative_to(folder).as_posix(): _comparable(p)
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != MANIFEST}


def _comparable(path: Path) -> Any:
    if path.suffix != ".png":
        return path.read_bytes()
    with Image.open(path) as image:
        colours = image.convert("RGB").getcolors(1_000_000) or []
        return image.size, [c for _, c in sorted(colours, reverse=True)[:2]]


def build_small(output: Path, cache: Path | None = None) -> None:
    """Build the small site; its cache goes beside the output, not into tests/sites/."""
    build(SITE, as_of=AS_OF, output=output,
          cache_dir=cache or output.parent / "cache")


def test_small_site_matches_expected_output(tmp_path: Path) -> None:
    out = tmp_path / "output"
    build_small(out)
    actual, expected = files(out), files(EXPECTED)
    assert sorted(actual) == sorted(expected), "refresh with: python -m tests.test_expected_output"
    for name in expected:
        assert actual[name] == expected[name], (
            f"{name} differs; refresh with: python -m tests.test_expected_output")


def test_teaser_day_hides_its_text_and_events(tmp_path: Path) -> None:
    out = tmp_path / "output"
    build_small(out)
    tuesday = (out / "days/tuesday/index.html").read_text("utf-8")
    assert "Superhero Tuesday" in tuesday
    assert "secret" not in tuesday.lower()
    assert "Secret lunch" not in (out / "week.ics").read_text("utf-8")
    assert "Breakfast" in (out / "week.ics").read_text("utf-8")
    for page in out.rglob("*.html"):
        assert "This text is a secret" not in page.read_text("utf-8"), page


def test_sitemap_and_canonical_use_base_url(tmp_path: Path) -> None:
    out = tmp_path / "output"
    build_small(out)
    sitemap = (out / "sitemap.xml").read_text("utf-8")
    assert "<loc>https://csw.harbour.example/2026/days/monday/</loc>" in sitemap
    assert "Sitemap: https://csw.harbour.example/2026/sitemap.xml" in (
        out / "robots.txt").read_text("utf-8")
    page = (out / "contact/index.html").read_text("utf-8")
    assert 'href="https://csw.harbour.example/2026/contact/"' in page
    not_found = (out / "404.html").read_text("utf-8")
    assert 'href="/2026/' in not_found  # the 404 page links from the root of base_url's path


if __name__ == "__main__":
    shutil.rmtree(EXPECTED, ignore_errors=True)
    with tempfile.TemporaryDirectory() as cache:
        build_small(EXPECTED, Path(cache))
    # the build's own records are not expected output: committed, they would only churn
    (EXPECTED / MANIFEST).unlink(missing_ok=True)
    (EXPECTED.parent / ".cswgen-lock").unlink(missing_ok=True)
    print(f"refreshed {EXPECTED}", file=sys.stderr)
