"""Print how much each page kind of a built site moves after it starts to paint: the
cumulative layout shift (CLS) a visitor's Chromium records, per page and viewport.

    python bench/layout_shift.py [SITE]     # default: the demo campaign in this repository

SITE is built with `--as-of` dates before, during and after its week (site.js rewrites the
week's status line and today's highlight for the visitor's own date, so each build meets a
different rewrite), served over HTTP on 127.0.0.1, and every page kind is opened at a phone
and a desktop viewport in Debian's Chromium (/usr/bin/chromium) with its clock set to a
moment before, during and after the week.  Each number is the sum of the `layout-shift`
entries without recent input, from load until a second later.  It never fails on the
numbers: it prints them.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cswgen.commands.build import build  # noqa: E402
from tests.helpers import CHROMIUM, CHROMIUM_ARGS, serving  # noqa: E402

# every page kind of the demo campaign
PAGES = {"home": "", "day": "days/tuesday/", "day with image": "days/friday/",
         "testimonials": "testimonials/", "testimonial": "testimonials/ruvarashe-m/",
         "honour roll": "honour-roll/", "person": "honour-roll/nokuthula-dube/",
         "certificate": "honour-roll/zoe-nyathi/certificate/", "policy": "policy/",
         "page": "faq/", "404": "404.html"}
VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}
BUILDS = {"before": date(2026, 9, 21), "during": date(2026, 10, 6),
          "after": date(2026, 10, 20)}
# the visitor's clock, in the site's time zone (Africa/Harare, UTC+2)
CLOCKS = {"before": "2026-09-28T09:00:00+02:00", "during": "2026-10-08T09:00:00+02:00",
          "after": "2026-11-30T09:00:00+02:00"}

# Collects every layout shift from the start of the page's life (`buffered`), as Lighthouse
# counts them: shifts within 500 ms of a tap or key press are the visitor's own doing.
OBSERVE = """() => {
    window.__shifts = [];
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) {
            if (!entry.hadRecentInput) {
                window.__shifts.push({value: entry.value, sources: (entry.sources || []).map(
                    s => (s.node && s.node.nodeType === 1 ? s.node.tagName.toLowerCase() +
                          (s.node.className && typeof s.node.className === "string" ?
                           "." + s.node.className.trim().split(/\\s+/).join(".") : "")
                          : String(s.node && s.node.nodeName)))});
            }
        }
    }).observe({type: "layout-shift", buffered: true});
}"""



def layout_shift(browser: Any, url: str, viewport: tuple[int, int], clock: str | None = None,
                 settle_ms: int = 1000) -> tuple[float, list[str]]:
    """The page's cumulative layout shift from its first paint until `settle_ms` after load,
    and the elements that moved."""
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    if clock:
        page.clock.set_fixed_time(clock)
    page.add_init_script(f"({OBSERVE})()")
    page.goto(url, wait_until="load")
    page.wait_for_timeout(settle_ms)
    shifts = page.evaluate("window.__shifts")
    context.close()
    moved = sorted({s for shift in shifts for s in shift["sources"]})
    return sum(shift["value"] for shift in shifts), moved


def main() -> None:
    from playwright.sync_api import sync_playwright

    site = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO
    worst: dict[tuple[str, str], float] = {}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for moment, as_of in BUILDS.items():
            out = Path(folder) / moment
            build(site, as_of=as_of, output=out, cache_dir=Path(folder) / "cache")
            with serving(out) as root:
                for clock_name, clock in CLOCKS.items():
                    for kind, path in PAGES.items():
                        for name, viewport in VIEWPORTS.items():
                            value, moved = layout_shift(browser, root + path, viewport, clock)
                            key = (kind, name)
                            worst[key] = max(worst.get(key, 0.0), value)
                            if value:
                                print(f"built {moment}, visited {clock_name}: {kind} ({name}) "
                                      f"CLS {value:.4f}; moved: {', '.join(moved)}")
        browser.close()
    print("\nworst CLS per page kind over every build date and visitor's clock:")
    print(f"{'page kind':<16}" + "".join(f"{name:>10}" for name in VIEWPORTS))
    for kind in PAGES:
        print(f"{kind:<16}" + "".join(f"{worst[(kind, name)]:>10.4f}" for name in VIEWPORTS))


if __name__ == "__main__":
    main()
