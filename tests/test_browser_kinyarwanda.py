"""A site in English and Kinyarwanda, for which cswgen has no words of its own, in
Chromium: the week's status line that the page's script rewrites each day keeps the
English standing in for Kinyarwanda marked `lang="en"`, and the Kinyarwanda date and day
title in it marked as the page's, as the page without script has them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.helpers import AS_OF, MakeSite, Run, serving

CONFIG = ('[site]\ntitle = "Icyumweru"\nlanguages = ["en", "rw-RW"]\n'
          '[week]\nyear = 2026\ntimezone = "Africa/Kigali"\n')


@pytest.fixture
def served(make_site: MakeSite, run: Run) -> Iterator[str]:
    site = make_site({
        "config.toml": CONFIG,
        "content/days/tuesday.md": "---\ntitle: Superhero Tuesday\nday: tuesday\n---\nHi.\n",
        "content/days/tuesday.rw-RW.md": "---\ntitle: Ku wa Kabiri w'Intwari\n---\nMuraho.\n",
    })
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    with serving(site / "output") as url:
        yield url + "rw-rw/"


@pytest.mark.parametrize(("moment", "english", "kinyarwanda"), [
    ("2026-09-28T09:00:00+02:00", "Customer Service Week starts in 7 days (", "Ukwakira 5"),
    ("2026-10-06T10:00:00+02:00", "Today is day 2: ", "Ku wa Kabiri w'Intwari"),
    ("2026-10-12T10:00:00+02:00", "Thank you for a wonderful Customer Service Week", None),
])
def test_the_status_line_keeps_its_languages_marked(browser: Any, served: str, moment: str,
                                                     english: str,
                                                     kinyarwanda: str | None) -> None:
    page = browser.new_page()
    page.clock.set_fixed_time(moment)
    page.goto(served)
    line = page.locator("[data-week-status-text]")
    marked = line.locator(':scope > [lang="en"]')
    assert marked.count() == 1, line.inner_html()
    assert marked.inner_text().startswith(english), line.inner_html()
    assert marked.get_attribute("dir") == "ltr"
    if kinyarwanda is not None:
        inner = marked.locator('[lang="rw-RW"]')
        assert inner.count() == 1, line.inner_html()
        assert kinyarwanda in inner.inner_text().replace("\xa0", " ")  # (kept on one line)
    page.close()
