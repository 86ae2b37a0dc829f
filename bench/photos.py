"""Print what photos cost: the demo's honour-roll originals against what a visitor's
browser fetches for them, and how long a build takes with and without the photo cache.

    python bench/photos.py [SITE]      # default: the demo campaign in this repository

It builds SITE twice into a temporary folder with a new cache (the first build makes every
copy and share image, the second finds them all in the cache) and never fails on the
numbers: it prints them.
"""

from __future__ import annotations

import re
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cswgen.commands.build import build  # noqa: E402

SOURCE = re.compile(r'<source type="image/webp" srcset="([^"]+)"')
RASTER = (".jpg", ".jpeg", ".png", ".webp")


def fetched(page: Path, slot: int, density: int) -> list[Path]:
    """The WebP copy a browser picks for each photo on `page`, for a `slot` CSS pixels wide
    on a screen of `density`: the narrowest at least slot × density wide, else the widest."""
    picks: list[Path] = []
    for srcset in SOURCE.findall(page.read_text("utf-8")):
        candidates = sorted((int(w.rstrip("w")), url) for url, w in
                            (c.strip().rsplit(" ", 1) for c in srcset.split(",")))
        wide = [c for c in candidates if c[0] >= slot * density] or candidates[-1:]
        picks.append((page.parent / wide[0][1]).resolve())
    return picks


def kb(size: int) -> str:
    return f"{size / 1000:,.1f} KB"


def main() -> None:
    site = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO
    with tempfile.TemporaryDirectory() as folder:
        out, cache = Path(folder) / "output", Path(folder) / "cache"
        timings = []
        for _ in range(2):
            started = time.perf_counter()
            build(site, as_of=date(2026, 10, 6), output=out, cache_dir=cache)
            timings.append(time.perf_counter() - started)
        originals = sorted(p for p in (site / "content").rglob("*")
                           if p.suffix.lower() in RASTER and p.is_file())
        copies = sorted(p for p in out.rglob("*-*w.*") if p.suffix in (".webp", ".jpg", ".png"))
        print(f"build: {timings[0]:.2f} s making copies, {timings[1]:.2f} s from the cache")
        print(f"originals: {len(originals)} files, {kb(sum(p.stat().st_size for p in originals))}"
              " (none published)")
        print(f"published copies: {len(copies)} files, "
              f"{kb(sum(p.stat().st_size for p in copies))} (every width, WebP and JPEG)")
        roll = out / "honour-roll/index.html"
        for label, slot, density in (("phone, 5rem avatars at 3x", 80, 3),
                                     ("laptop, 9rem avatars at 2x", 144, 2),
                                     ("desktop, 9rem avatars at 1x", 144, 1)):
            picks = fetched(roll, slot, density)
            print(f"honour roll on a {label}: {len(picks)} photos, "
                  f"{kb(sum(p.stat().st_size for p in picks))}")


if __name__ == "__main__":
    main()
