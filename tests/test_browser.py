"""The built demo in a real browser: Debian's Chromium driven by Playwright.

Skipped, with the reason, where Chromium or Playwright is missing; `.ci/run` installs both
and sets CSWGEN_REQUIRE_BROWSER=1, which turns a skip into a failure.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from cswgen.build import build
from tests.conftest import REPO

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGES = ["", "days/tuesday/", "testimonials/", "testimonials/rudo-m/", "honour-roll/",
         "honour-roll/zoe-nyathi/", "honour-roll/zoe-nyathi/certificate/", "policy/", "faq/",
         "404.html"]


def _unavailable(reason: str) -> None:
    if os.environ.get("CSWGEN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required here, but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out = tmp_path_factory.mktemp("served") / "output"
    build(REPO, as_of=date(2026, 10, 6), output=out)
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/csw/"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path: str) -> str:
        # serve the site under /csw/ to prove it works below a sub-path
        return super().translate_path(path.removeprefix("/csw"))

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _visit(browser: Any, url: str, width: int) -> dict[str, Any]:
    page = browser.new_page(viewport={"width": width, "height": 800})
    problems: list[str] = []
    host = url.split("/")[2] if url.startswith("http") else ""
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed: {r.url}"))

    def outside(request: Any) -> None:
        if request.url.startswith(("http://", "https://")) and f"//{host}/" not in request.url:
            problems.append(f"request to another host: {request.url}")

    page.on("request", outside)
    page.goto(url, wait_until="load")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth")
    status = page.evaluate(
        "(document.querySelector('[data-start]') || {}).textContent || ''")
    page.close()
    return {"problems": problems, "overflow": overflow, "status": status}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly(browser: Any, served: str, path: str, width: int) -> None:
    result = _visit(browser, served + path, width)
    assert result["problems"] == []
    assert result["overflow"] <= 0, f"{path} scrolls sideways by {result['overflow']} px"


def test_portable_build_works_from_disk(browser: Any, tmp_path: Path) -> None:
    out = tmp_path / "output"
    build(REPO, as_of=date(2026, 10, 6), output=out, portable=True)
    page = browser.new_page()
    errors: list[str] = []
    page.on("requestfailed", lambda r: errors.append(r.url))
    page.goto((out / "index.html").as_uri())
    page.click("nav >> text=Testimonials")
    assert page.url.endswith("/testimonials/index.html")
    assert page.locator("h1").count() == 1
    page.close()
    assert errors == []


def test_screenshots(browser: Any, served: str) -> None:
    folder = REPO / "test-artifacts" / "screenshots"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for name, path in (("home", ""), ("day", "days/tuesday/"), ("honour-roll", "honour-roll/"),
                       ("certificate", "honour-roll/zoe-nyathi/certificate/")):
        for width in (390, 1280):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(served + path)
            page.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=True)
            page.close()
    assert len(list(folder.glob("*.png"))) == 8


@pytest.mark.parametrize(("moment", "expected"), [
    ("2026-09-28T09:00:00+02:00", "starts in 7 days"),
    ("2026-10-04T23:30:00+00:00", "Today is day 1: Dream Team Monday"),  # Monday in Harare
    ("2026-10-07T10:00:00+02:00", "Today is day 3: Wellness Wednesday"),
    ("2026-10-12T10:00:00+02:00", "Thank you"),
])
def test_week_status_follows_the_visitors_clock(browser: Any, served: str, moment: str,
                                                 expected: str) -> None:
    page = browser.new_page()
    page.clock.set_fixed_time(moment)
    page.goto(served)
    assert expected in page.locator("[data-week-status]").inner_text()
    page.close()


def test_week_status_text_is_there_without_script(browser: Any, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served)
    # built as of Tuesday 6 October
    assert "Today is day 2: Superhero Tuesday" in page.locator("[data-week-status]").inner_text()
    context.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_certificate_prints_on_one_landscape_sheet(browser: Any, served: str,
                                                   paper: str) -> None:
    import re

    page = browser.new_page()
    page.goto(served + "honour-roll/zoe-nyathi/certificate/")
    page.emulate_media(media="print")
    pdf = page.pdf(format=paper, landscape=True, print_background=True)
    page.close()
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 1, f"the certificate takes {pages} {paper} sheets"
