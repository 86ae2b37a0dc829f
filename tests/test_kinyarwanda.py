"""A Kigali site in Kinyarwanda (the default), French and English, whose translations come
back from a freelance translator: some incomplete, some misnamed (SPEC "Several languages
in one site")."""

from __future__ import annotations

import re

from tests.helpers import AS_OF, MakeSite, Run

CONFIG = ('[site]\ntitle = "Icyumweru cya Serivisi ku Bakiriya"\n'
          'languages = ["rw-RW", "fr", "en"]\n'
          '[week]\nyear = 2026\ntimezone = "Africa/Kigali"\n')
TUESDAY = ("---\ntitle: Ku wa Kabiri w'Intwari\nday: tuesday\nevents:\n"
           "  - {time: \"09:00\", end: \"10:00\", title: Kwakira abakiriya, place: Amashami yose}\n"
           "  - {time: \"10:30\", title: Amahugurwa, place: Icyumba cya 2}\n"
           "  - {time: \"14:00\", title: Ikiganiro, place: Inzu mberabyombi}\n"
           "---\nUmunsi w'intwari.\n")


def test_events_a_translation_has_not_reached_yet_are_still_on(make_site: MakeSite,
                                                                run: Run) -> None:
    """The translator sent the first of Tuesday's three events: the French page and the
    French calendar still have all three, the two others in Kinyarwanda, marked so."""
    site = make_site({
        "config.toml": CONFIG,
        "content/days/tuesday.md": TUESDAY,
        "content/days/tuesday.fr.md": "---\ntitle: Mardi des héros\nevents:\n"
                                      "  - {title: Accueil des clients}\n---\nBonjour.\n",
    })
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    page = (site / "output/fr/days/tuesday/index.html").read_text("utf-8")
    titles = re.findall(r'<h3 class="event__title"([^>]*)>([^<]*)</h3>', page)
    assert titles == [("", "Accueil des clients"),
                      (' lang="rw-RW" dir="ltr"', "Amahugurwa"),
                      (' lang="rw-RW" dir="ltr"', "Ikiganiro")]
    assert "10:30" in page and "14:00" in page
    calendar = (site / "output/fr/week.ics").read_text("utf-8")
    assert calendar.count("UID:2026-10-06-tuesday-") == 3  # and the day itself
    assert "Amahugurwa" in calendar and "Ikiganiro" in calendar

