"""A web designer's own theme over classic: what she adds reaches every page, and what she
gets wrong is said at her template's line in words she can act on."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import MakeSite, Run, no_traceback

CONFIG = """\
[site]
title = "Service Week"
organisation = "Msasa Insurance"
language = "en-GB"
theme = "msasa"

[week]
year = 2026
timezone = "Africa/Harare"
"""
DAY = ("---\ntitle: Thanks Monday\nday: monday\nevents:\n  - time: 10:30\n    title: Cake\n"
       "---\nHi.\n")
PERSON = "---\nname: Farai Moyo\nrole: Adviser\naward: Star\n---\nKind.\n"
HEAD = """\
{% extends "classic:base.html" %}
{% block head %}<link rel="stylesheet" href="{{ 'msasa.css' | asset }}">{% endblock %}
"""


def _site(make_site: MakeSite, **templates: str) -> Path:
    return make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "content/honour-roll/farai.md": PERSON,
                      "themes/msasa/theme.toml": 'extends = "classic"\n',
                      "themes/msasa/static/msasa.css": "body { color: teal; }\n",
                      **{f"themes/msasa/templates/{name}.html": text
                         for name, text in templates.items()}})


def test_a_stylesheet_added_in_base_reaches_certificates_posters_and_programme(
        make_site: MakeSite, run: Run) -> None:
    """The printable pages add their own `@page` rule in the head block; the theme's
    stylesheet, added to that block in its base.html, must not be lost on them."""
    site = _site(make_site, base=HEAD)
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    for page in ("index.html", "days/monday/index.html", "honour-roll/index.html",
                 "honour-roll/farai/certificate/index.html",
                 "days/monday/poster/index.html", "programme/index.html"):
        html = (site / "output" / page).read_text("utf-8")
        assert "assets/msasa.css" in html, page
    certificate = (site / "output/honour-roll/farai/certificate/index.html").read_text()
    assert "@page { size: landscape" in certificate  # classic's own print rule stays
    no_traceback(outcome)
