"""Themes: a site's own theme over the built-in one, `extends`, and template errors."""

from __future__ import annotations

import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from tests.helpers import MakeSite, Run, write

CONFIG = """\
[site]
title = "Theme Week"
theme = "mine"

[week]
year = 2026
"""
DAY = "---\ntitle: Thanks Monday\nday: monday\n---\nHello.\n"


def test_a_theme_of_one_css_file_extends_classic(make_site: MakeSite, run: Run) -> None:
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "themes/mine/static/style.css": "body { background: pink; }\n"})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    assert (site / "output/assets/style.css").read_text() == "body { background: pink; }\n"
    assert (site / "output/assets/site.js").is_file()  # from classic
    assert "Thanks Monday" in (site / "output/days/monday/index.html").read_text("utf-8")


def test_one_template_overrides_and_reaches_the_parent(make_site: MakeSite, run: Run) -> None:
    site = make_site({
        "config.toml": CONFIG, "content/days/monday.md": DAY,
        "themes/mine/theme.toml": 'extends = "classic"\n',
        "themes/mine/templates/day.html":
            '{% extends "classic:day.html" %}{% block content %}<p class="mine">'
            '{{ page.day.title }} / {{ site.extra.motto }}</p>{{ super() }}{% endblock %}',
    })
    (site / "config.toml").write_text(CONFIG + '\n[extra]\nmotto = "Serve well"\n', "utf-8")
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    page = (site / "output/days/monday/index.html").read_text("utf-8")
    assert '<p class="mine">Thanks Monday / Serve well</p>' in page
    assert "<h1" in page  # classic's own day content is still there


def test_a_site_theme_named_like_a_builtin_wins(make_site: MakeSite, run: Run) -> None:
    templates = {f"themes/classic/templates/{name}.html": "<p>{{ page.kind }}</p>"
                 for name in ("home", "day", "testimonials", "testimonial", "honour_roll",
                              "honour", "certificate", "policy", "page", "404")}
    site = make_site({**templates,
                      "config.toml": CONFIG.replace('"mine"', '"classic"')})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    assert (site / "output/index.html").read_text() == "<p>home</p>"


def test_unknown_theme_lists_the_available_ones(make_site: MakeSite, run: Run) -> None:
    outcome = run(make_site({"config.toml": CONFIG}), "build")
    assert outcome.exit_code == 1
    assert outcome.lines[0].startswith('config.toml:3: [site] theme "mine" was not found')
    assert "classic" in outcome.lines[0]


def test_a_theme_named_in_other_capitals_is_named_right(make_site: MakeSite, run: Run) -> None:
    """`theme = "Classic"` builds on a Mac or a Windows PC, whose disks do not mind
    capitals, and fails on the Linux server: the message there names the theme meant."""
    site = make_site({"config.toml": CONFIG.replace('"mine"', '"Classic"'),
                      "themes/Fancy/templates/page.html": "x"})
    outcome = run(site, "build")
    assert outcome.exit_code == 1
    assert outcome.lines[0].startswith('config.toml:3: [site] theme "Classic" was not found '
                                       'in themes/ or among the built-in themes; did you mean '
                                       '"classic"?'), outcome.lines
    write(site, {"config.toml": CONFIG.replace('"mine"', '"fancy"')})
    assert 'did you mean "Fancy"?' in run(site, "build").lines[0]


def test_a_theme_given_as_a_path_is_named_not_read(make_site: MakeSite, run: Run,
                                                  tmp_path: Path) -> None:
    """A theme is chosen by name (SPEC, Themes): `theme = "/srv/shared/csw-theme"` read that
    folder as a theme (or stopped "because of a bug" when it extended classic)."""
    shared = tmp_path / "shared-theme"
    write(shared, {"theme.toml": 'extends = "classic"\n',
                   "static/style.css": "body { background: pink; }\n"})
    site = make_site({"config.toml": CONFIG.replace('"mine"', f'"{shared.as_posix()}"'),
                      "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": f'extends = "{shared.as_posix()}"\n'})
    hint = ("a theme is named by its folder under themes/, not by a path; copy the theme's "
            "folder into themes/ (themes/shared-theme/) and write its name, "
            'like "shared-theme"')
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1, outcome.stderr
    assert outcome.lines[0] == (f'config.toml:3: [site] theme "{shared.as_posix()}" was not '
                                f"found; {hint}"), outcome.stderr
    write(site, {"config.toml": CONFIG})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1, outcome.stderr
    assert outcome.lines[0] == (f'themes/mine/theme.toml:1: extends "{shared.as_posix()}", '
                                f"which was not found; {hint}"), outcome.stderr
    assert not (site / "output").exists()


def test_themes_extending_each_other_in_a_loop(make_site: MakeSite, run: Run) -> None:
    site = make_site({"config.toml": CONFIG,
                      "themes/mine/theme.toml": 'extends = "other"\n',
                      "themes/other/theme.toml": 'extends = "mine"\n'})
    outcome = run(site, "build")
    assert outcome.exit_code == 1
    assert "loop" in outcome.stderr
    assert "Traceback" not in outcome.stderr


def test_a_misspelt_variable_names_the_template_and_line(make_site: MakeSite, run: Run) -> None:
    site = make_site({"config.toml": CONFIG,
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "themes/mine/templates/page.html": "<h1>{{ page.title }}</h1>\n"
                                                         "<p>{{ page.titel }}</p>\n",
                      "content/pages/about.md": "---\ntitle: About\n---\nHi\n"})
    outcome = run(site, "build")
    assert outcome.exit_code == 1
    assert outcome.lines[0].startswith("themes/mine/templates/page.html:2: template error")
    assert "titel" in outcome.lines[0]
    assert not (site / "output").exists()


def test_an_unknown_filter_test_or_variable_says_what_to_write(make_site: MakeSite,
                                                                run: Run) -> None:
    """Jinja's "No filter named 'upper_case'." and "'extra' is undefined" said what was
    wrong but not what to write instead: the nearest filter, test or field is named."""
    wrong = {
        "{{ page.title | upper_case }}":
            "there is no filter named `upper_case`; did you mean `upper`?",
        "{% if page.title is strin %}x{% endif %}":
            "there is no test named `strin`; did you mean `string`?",
        "{{ extra.motto }}": "`extra` is undefined; did you mean `page.extra` or `site.extra`?",
        "{{ title }}": "`title` is undefined; did you mean `page.title` or `site.title`?",
        "{{ sit.title }}": "`sit` is undefined; did you mean `site`?",
        "{{ now() }}":
            "`now` is undefined; templates are given site, week, nav, page and as_of "
            "(cswgen/render/views.py, sitewide.py and lists.py list every field); a name of "
            "your own needs "
            "{% set now = ... %} before it is used",
    }
    for line, said in wrong.items():
        site = make_site({"config.toml": CONFIG, "themes/mine/theme.toml": 'extends = "classic"\n',
                          "themes/mine/templates/page.html": f"<h1>Hi</h1>\n<p>{line}</p>\n",
                          "content/pages/about.md": "---\ntitle: About\n---\nHi\n"})
        outcome = run(site, "build")
        assert outcome.exit_code == 1
        assert "Traceback" not in outcome.stderr
        assert outcome.lines[0].startswith("themes/mine/templates/page.html:2: template error")
        assert outcome.lines[0].endswith(f": {said}"), outcome.lines[0]


def test_a_misspelt_field_suggests_the_one_meant(make_site: MakeSite, run: Run) -> None:
    """"'dict object' has no attribute 'nme'" tells a comms team neither what a dict object
    is nor what to write instead: the message names the field and the nearest real one."""
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "themes/mine/templates/day.html":
                          '{% extends "classic:day.html" %}\n{% block content %}\n'
                          "{% if page.day.dres_code %}<p>{{ page.day.title }}</p>{% endif %}\n"
                          "{% endblock %}\n",
                      "themes/mine/templates/page.html":
                          '{% extends "classic:page.html" %}\n{% block content %}\n'
                          "<p>{{ site.extra.motto }}</p>\n{% endblock %}\n",
                      "content/pages/about.md": "---\ntitle: About\n---\nHi\n"})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert outcome.lines[:2] == [
        "themes/mine/templates/day.html:3: template error while rendering days/monday/: "
        "`dres_code` is not a field of this value; did you mean `dress_code`?",
        "themes/mine/templates/page.html:3: template error while rendering about/: "
        "`motto` is not a field of this value; check the name (cswgen/render/views.py, "
        "sitewide.py and lists.py list every field templates get; a site's own settings go "
        "in [extra] of config.toml)"]


def test_a_template_syntax_error_names_the_line(make_site: MakeSite, run: Run) -> None:
    site = make_site({"config.toml": CONFIG,
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "themes/mine/templates/home.html": "<h1>\n{% if %}\n</h1>\n"})
    outcome = run(site, "build")
    assert outcome.exit_code == 1
    assert outcome.lines[0].startswith("themes/mine/templates/home.html:2: template error")


def test_a_syntax_error_in_the_email_template_is_found_by_build_and_check(
        make_site: MakeSite, run: Run) -> None:
    """No page uses email.html: its mistake was found on the morning `cswgen email` ran,
    not by the build and `cswgen check` the evening before."""
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "themes/mine/templates/email.html": "<p>\n{% if %}\n</p>\n"})
    said = "themes/mine/templates/email.html:2: template error: "
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert outcome.lines[0].startswith(said), outcome.lines
    assert outcome.lines[1:] == ["Build failed: 1 error. Nothing was written; the output "
                                 "folder is as it was."]
    outcome = run(site, "check", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert any(line.startswith(f"  1. {said}") for line in outcome.stdout.splitlines())
    (site / "themes/mine/templates/email.html").write_text("<p>{{ page.title }}</p>\n")
    assert run(site, "build", "--as-of", "2026-10-05").exit_code == 0


def test_content_cannot_inject_through_templates(make_site: MakeSite, run: Run) -> None:
    evil = '<script>alert(1)</script>'
    site = make_site({
        "config.toml": CONFIG.replace('"mine"', '"classic"'),
        "content/testimonials/x.md": f'---\ncustomer: "{evil}"\ntitle: "<img src=x '
                                     f'onerror=alert(1)>"\n---\nHi {evil} '
                                     '[x](javascript:alert(1))\n',
    })
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    for page in Path(site / "output").rglob("*.html"):
        found = _Dangerous()
        found.feed(page.read_text("utf-8"))
        assert found.problems == [], page


class _Dangerous(HTMLParser):
    """Elements and attributes that would run script, as a browser parses the page."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}>")
            if name in ("href", "src") and (value or "").strip().lower().startswith(
                    "javascript:"):
                self.problems.append(f"<{tag} {name}={value}>")

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert" in data:
            self.problems.append("script from content")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False


def test_template_errors_are_reported_together_and_nothing_is_written(make_site, run) -> None:  # type: ignore[no-untyped-def]
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "content/pages/about.md": "---\ntitle: About\n---\nHi\n",
                      "content/pages/faq.md": "---\ntitle: FAQ\n---\nQ\n"})
    assert run(site, "build", "--as-of", "2026-10-05").exit_code == 0
    before = {p.relative_to(site).as_posix(): p.read_bytes()
              for p in sorted((site / "output").rglob("*")) if p.is_file()}
    (site / "themes/mine/templates").mkdir()
    (site / "themes/mine/templates/day.html").write_text(
        '{% extends "classic:day.html" %}\n{% block content %}{{ page.title | nosuchfilter }}'
        "{% endblock %}\n", "utf-8")
    (site / "themes/mine/templates/page.html").write_text(
        "<h1>{{ page.title }}</h1>\n<p>{{ page.titel }}</p>\n", "utf-8")
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1, outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert outcome.lines[0].startswith("themes/mine/templates/day.html:2: template error: "
                                       "there is no filter named `nosuchfilter`; ")
    # two pages use page.html: its faulty line is reported once
    assert [line for line in outcome.lines if line.startswith("themes/")][1:] == [
        "themes/mine/templates/page.html:2: template error while rendering about/: "
        "`titel` is not a field of this value; did you mean `title`?"]
    assert outcome.lines[-1] == ("Build failed: 2 errors. Nothing was written; the output "
                                 "folder is as it was.")
    after = {p.relative_to(site).as_posix(): p.read_bytes()
             for p in sorted((site / "output").rglob("*")) if p.is_file()}
    assert after == before
    assert not list(site.glob(".cswgen-staging-*"))


def test_a_failed_first_build_into_a_new_folder_leaves_no_folder(make_site, run) -> None:  # type: ignore[no-untyped-def]
    """Pages are written into the staging folder as they are made, beside the output; a
    template error in the last of them leaves nothing there, nor the folders made for it."""
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "themes/mine/templates/page.html": "<p>{{ page.titel }}</p>\n",
                      "content/pages/about.md": "---\ntitle: About\n---\nHi\n"})
    outcome = run(site, "build", "--as-of", "2026-10-05", "--output", "builds/2026/site")
    assert outcome.exit_code == 1, outcome.stderr
    assert outcome.lines[-1].startswith("Build failed: 1 error. Nothing was written")
    assert not (site / "builds").exists()


def test_a_missing_template_is_named_where_it_was_asked_for(make_site: MakeSite,
                                                            run: Run) -> None:
    base = {"config.toml": CONFIG, "themes/mine/theme.toml": 'extends = "classic"\n',
            "content/pages/about.md": "---\ntitle: About\n---\nHi\n"}
    wrong = {
        '{# ours #}\n{% extends "nosuch.html" %}\n':
            'themes/mine/templates/page.html:2: the template "nosuch.html" was not found in '
            "the theme mine or the ones it extends (classic); check the name, or add it as "
            "themes/mine/templates/nosuch.html",
        '{% extends "classic:page.html" %}\n{% block content %}\n'
        '{% include "missing_partial.html" %}{% endblock %}\n':
            'themes/mine/templates/page.html:3: the template "missing_partial.html" was not '
            "found in the theme mine or the ones it extends (classic); check the name, or add "
            "it as themes/mine/templates/missing_partial.html",
        '{% extends "classic:nosuch.html" %}\n':
            'themes/mine/templates/page.html:1: the template "classic:nosuch.html" was not '
            "found in the theme classic; check the name",
        '{% extends "classic:pag.html" %}\n':
            'themes/mine/templates/page.html:1: the template "classic:pag.html" was not found '
            'in the theme classic; did you mean "classic:page.html"?',
        '{% extends "fancy:page.html" %}\n':
            'themes/mine/templates/page.html:1: the template "fancy:page.html" was not found: '
            '"fancy:" names a theme, and fancy is not one of this site\'s themes (mine, '
            'classic); did you mean "classic:page.html"?',
        '{% extends "Classic:page.html" %}\n':
            'themes/mine/templates/page.html:1: the template "Classic:page.html" was not '
            'found: "Classic:" names a theme, and Classic is not one of this site\'s themes '
            '(mine, classic); did you mean "classic:page.html"?',
        '<p>\n{% include "dy.html" %}\n':
            'themes/mine/templates/page.html:2: the template "dy.html" was not found in the '
            'theme mine or the ones it extends (classic); did you mean "day.html"? If not, '
            "add it as themes/mine/templates/dy.html",
    }
    for template, message in wrong.items():
        site = make_site({**base, "themes/mine/templates/page.html": template})
        outcome = run(site, "build")
        assert outcome.exit_code == 1
        assert outcome.lines[0] == message, outcome.stderr
        assert "Traceback" not in outcome.stderr


def test_every_template_a_theme_lacks_is_named_in_one_run(make_site: MakeSite,
                                                          run: Run) -> None:
    """A theme made from scratch, with a home page only: each template it still lacks is
    named (the build named day.html alone, and the next build the next one)."""
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "content/pages/about.md": "---\ntitle: About\n---\nHi\n",
                      "themes/mine/templates/home.html": "<h1>{{ site.title }}</h1>\n"})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert "Traceback" not in outcome.stderr
    missing = ["404", "day", "honour_roll", "page", "testimonials"]
    assert outcome.lines[:-1] == [
        f"themes/mine/templates/{name}.html: the theme has no template {name}.html; add it, "
        "or extend a theme that has it (extends = \"classic\" in theme.toml)"
        for name in missing]


def test_theme_toml_mistakes_are_named_at_their_line(make_site: MakeSite, run: Run) -> None:
    wrong = {
        (("mine", 'extends = "mine"\n'),):
            ['themes/mine/theme.toml:1: the theme mine extends itself, and a theme cannot; '
             'name the theme whose templates and files it should use (like extends = '
             '"classic"), or remove the line'],
        (("mine", '# ours\nextend = "classic"\n'),):
            ["themes/mine/theme.toml:2: extend is not a setting cswgen knows in theme.toml; "
             "did you mean `extends`?"],
        # (a downloaded theme's own notes, such as `author`, are its business)
        (("mine", 'extends = "other"\nauthor = "me"\n'), ("other", '\n\nextends = "mine"\n')):
            ["themes/other/theme.toml:3: themes extend each other in a loop (mine -> other -> "
             'mine); remove `extends` from one of them, or make it extend a theme outside '
             'the loop, like "classic"'],
    }
    # with `extends` there, a key that looks like it is the theme's own (an [extras] table)
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": 'extends = "classic"\n[extras]\nby = "me"\n'})
    assert run(site, "build").exit_code == 0
    for manifests, messages in wrong.items():
        site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                          **{f"themes/{name}/theme.toml": text for name, text in manifests}})
        outcome = run(site, "build")
        assert outcome.exit_code == 1
        assert outcome.lines[:-1] == messages, outcome.stderr


def test_what_finder_and_explorer_leave_in_a_theme_is_not_published(make_site: MakeSite,
                                                                     run: Run) -> None:
    """A theme unzipped on Windows or kept in a Finder folder with a custom icon: its
    `Thumbs.db`, `desktop.ini` and `Icon\\r` went out under assets/."""
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "themes/mine/static/extra.css": "body { background: pink; }\n",
                      "themes/mine/static/Thumbs.db": b"\xd0\xcf\x11\xe0" + bytes(64),
                      "themes/mine/static/fonts/desktop.ini": "[.ShellClassInfo]\r\n",
                      "themes/mine/static/Icon\r": b""})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    assert (site / "output/assets/extra.css").is_file()
    published = {p.name for p in (site / "output/assets").rglob("*")}
    assert not published & {"Thumbs.db", "desktop.ini", "Icon\r"}


def test_a_template_saved_by_notepad_is_read_or_named(make_site: MakeSite, run: Run) -> None:
    """Notepad saves with a byte-order mark ("UTF-8 with BOM"), or as UTF-16 ("Unicode"):
    the mark is no character of the page, and UTF-16 is named at the template, with how to
    save it, not as a codec error from "themes"."""
    day = ('{% extends "classic:day.html" %}\n{% block content %}<p class="mine">Zoë '
           '{{ page.day.title }}</p>{{ super() }}{% endblock %}\n')
    partial = '<p class="motto">Serve well</p>\n'
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "themes/mine/templates/day.html": b"\xef\xbb\xbf" + day.encode(),
                      "themes/mine/templates/_motto.html": b"\xef\xbb\xbf" + partial.encode(),
                      "themes/mine/templates/page.html":
                          '{% extends "classic:page.html" %}\n{% block content %}'
                          '{% include "_motto.html" %}{% endblock %}\n',
                      "content/pages/about.md": "---\ntitle: About\n---\nHi\n"})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    monday = (site / "output/days/monday/index.html").read_text("utf-8")
    assert '<p class="mine">Zoë Thanks Monday</p>' in monday
    about = (site / "output/about/index.html").read_text("utf-8")
    assert '<p class="motto">Serve well</p>' in about
    assert "\ufeff" not in monday + about
    before = (site / "output/days/monday/index.html").read_bytes()
    (site / "themes/mine/templates/day.html").write_bytes(day.encode("utf-16"))
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert "Traceback" not in outcome.stderr
    assert outcome.lines[0] == (
        "themes/mine/templates/day.html:1: is saved as UTF-16 (\"Unicode\" in Notepad); save "
        "it again as UTF-8 (in Notepad: encoding UTF-8)")
    assert (site / "output/days/monday/index.html").read_bytes() == before


def test_a_theme_toml_typo_is_named_at_its_line_in_plain_words(make_site: MakeSite,
                                                                run: Run) -> None:
    """theme.toml's syntax errors said "is not valid TOML: Invalid value (at line 2, column
    11)" at line 1, where config.toml's say what to write, at the line to fix."""
    wrong = {
        b'# my theme\nextends = classic\n':
            'themes/mine/theme.toml:2: the text of `extends` must be in double quotes: '
            'extends = "classic"',
        b'\n\nextends: "classic"\n':
            'themes/mine/theme.toml:3: a setting and its value are joined with =, not a colon: '
            'write extends = "classic"',
        '\ufeffextends = \u201cclassic\u201d\n'.encode():
            "themes/mine/theme.toml:1: `extends` is in curly quotes (\u201c\u201d), which Word "
            'and Outlook type; use straight double quotes: extends = "classic"',
        'extends = "classic"\n'.encode("utf-16"):
            'themes/mine/theme.toml:1: is saved as UTF-16 ("Unicode" in Notepad); save it '
            "again as UTF-8 (in Notepad: encoding UTF-8)",
        b'# caf\xe9\nextends = "classic"\n':
            "themes/mine/theme.toml:1: is not UTF-8 text (byte 5); save it as UTF-8 in your "
            "editor",
    }
    for manifest, message in wrong.items():
        site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                          "themes/mine/theme.toml": manifest})
        outcome = run(site, "build")
        assert outcome.exit_code == 1
        assert "Traceback" not in outcome.stderr
        assert outcome.lines[:-1] == [message], outcome.stderr


def test_a_label_the_theme_never_gave_is_named(make_site: MakeSite, run: Run) -> None:
    """`{{ t("our_motto") }}` before the theme's i18n/en.toml has the label (or with it
    misspelt) said only "template error while rendering about/: 'our_motto'"."""
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "themes/mine/i18n/en.toml": 'our_motto = "Serve well"\n',
                      "themes/mine/templates/page.html":
                          '{% extends "classic:page.html" %}\n{% block content %}\n'
                          '<p>{{ t("our_moto") }}</p>\n<p>{{ t("our_motto") }}</p>\n'
                          "{% endblock %}\n",
                      "themes/mine/templates/day.html":
                          '{% extends "classic:day.html" %}\n{% block content %}\n'
                          '{% set before, after = t_around("slogan", "n", n=3) %}\n'
                          "{% endblock %}\n",
                      "content/pages/about.md": "---\ntitle: About\n---\nHi\n"})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert "Traceback" not in outcome.stderr
    assert outcome.lines[:2] == [
        "themes/mine/templates/day.html:3: template error while rendering days/monday/: "
        "there is no label \"slogan\"; give it in themes/mine/i18n/en.toml, like "
        "slogan = \"...\"",
        "themes/mine/templates/page.html:3: template error while rendering about/: "
        "there is no label \"our_moto\"; did you mean \"our_motto\"?"]


def test_a_label_that_is_not_text_is_named_on_its_line(make_site: MakeSite, run: Run) -> None:
    """A theme's strings file with a number or a list where a text belongs: each is named
    on its own line (they were all said to be on line 1)."""
    strings = ('# our words\nour_motto = "Serve well"\nour_year = 2026\n\n'
               '[team_count]\none = "{n} team"\nother = "{n} teams"\n\n[nested]\ndeep = 1\n')
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "themes/mine/i18n/en.toml": strings})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert [line for line in outcome.lines if line.startswith("themes/")] == [
        f"themes/mine/i18n/en.toml:{line}: `{key}` must be a text in double quotes, or a "
        'table of plural forms such as { one = "...", other = "..." }'
        for line, key in ((3, "our_year"), (9, "nested"))]


def test_every_unreadable_line_of_a_theme_strings_file_is_named_in_one_run(
        make_site: MakeSite, run: Run) -> None:
    """A theme's i18n/en.toml typed in Word, with curly quotes on three lines: each line is
    named, in plain words, in one build (only the first was, in TOML's words)."""
    strings = ('our_motto = \u201cServe with a smile\u201d\n'
               'our_team = "Our team"\n'
               'our_promise = \u201cAlways here to listen\u201d\n'
               'our_thanks = \u201cThank you\u201d\n')
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "themes/mine/i18n/en.toml": strings})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert "Traceback" not in outcome.stderr
    named = [line for line in outcome.lines if line.startswith("themes/mine/i18n/en.toml:")]
    assert [line.split(":")[1] for line in named] == ["1", "3", "4"], outcome.stderr
    assert all("curly quotes" in line for line in named), named


def test_a_tag_never_closed_is_named_where_it_opens(make_site: MakeSite, run: Run) -> None:
    """An `{% if %}` or `{% block %}` whose end was forgotten was reported where Jinja gave
    up (the last line, or a later `{% endblock %}`), in Jinja's words; in a long template
    a comms team could not tell which of its tags was meant."""
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "themes/mine/templates/page.html":
                          '{% extends "classic:page.html" %}\n{% block content %}\n'
                          "{% if page.title %}\n<h2>{{ page.title }}</h2>\n"
                          "{% for x in [1] %}{{ x }}{% endfor %}\n{% endblock %}\n",
                      "themes/mine/templates/day.html":
                          '{% extends "classic:day.html" %}\n{% block content %}\n'
                          "{% if page.day %}<p>Hi</p>{% endif %}\n<p>x</p>\n",
                      "themes/mine/templates/404.html":
                          '{% extends "classic:404.html" %}\n{% block content %}\n'
                          "<p>x</p>{% endif %}\n{% endblock %}\n",
                      "content/pages/about.md": "---\ntitle: About\n---\nHi\n"})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert "Traceback" not in outcome.stderr
    assert outcome.lines[:3] == [
        "themes/mine/templates/404.html:3: template error: the {% endif %} on this line "
        "closes nothing (no {% if %} is open here); delete it, or add the {% if %} it "
        "belongs to",
        "themes/mine/templates/day.html:2: template error: the {% block %} that starts on "
        "this line is never closed; add {% endblock %} where it should end",
        "themes/mine/templates/page.html:3: template error: the {% if %} that starts on this "
        "line is not closed before the {% endblock %} on line 6; add {% endif %} where it "
        "should end"]


def test_template_mistakes_are_listed_with_content_mistakes(make_site: MakeSite,
                                                            run: Run) -> None:
    """A build with a content error stopped before rendering, so a broken template came to
    light only in the next run, after the content was fixed: all problems in one run."""
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\nrating: 9\n"
                                                      "---\nThanks.\n",
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "themes/mine/templates/day.html":
                          '{% extends "classic:day.html" %}\n{% block content %}\n'
                          "{{ page.title | nosuchfilter }}\n{% endblock %}\n",
                      "themes/mine/templates/Thumbs.db": b"\xd0\xcf\x11\xe0" + bytes(64)})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert outcome.lines == [
        "content/testimonials/rudo.md:3: `rating` must be a whole number from 1 to 5, not 9",
"themes/mine/templates/day.html:3: template error: there is no filter named "
        "`nosuchfilter`; check the name: Jinja's own filters and cswgen's (url, asset, "
        "long_date, short_date, plain_date, time, number, held, direction, isolated) can be "
        "used",
        "Build failed: 2 errors. Nothing was written; the output folder is as it was."]


def test_a_partial_of_macros_replaced_in_part_says_what_to_copy(make_site: MakeSite,
                                                               run: Run) -> None:
    """A theme's own _macros.html with just the macro the team changed replaces all of
    classic's, so classic's templates miss the others: the message called a macro "not a
    field of this value" and pointed to views.py."""
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "themes/mine/templates/_macros.html":
                          "{% macro rating(value) %}<b>{{ value }}</b>{% endmacro %}\n"})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert "Traceback" not in outcome.stderr
    assert outcome.lines[0].endswith(
        "`preview_meta` is not a macro of _macros.html; a theme's _macros.html replaces the "
        "whole file of the theme it extends, so copy into yours the macros you did not "
        "change (or give your own macros a file of another name)"), outcome.stderr


def test_a_theme_file_named_in_other_capitals_is_named(make_site: MakeSite, run: Run) -> None:
    """`Day.html` or `Style.css` (as typed on Windows, where capitals do not matter) replaced
    nothing on the server that builds the site: the template was ignored without a word,
    and the stylesheet failed as "assets/style.css: two things would be written to this
    output path; give one of them a different slug"."""
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "themes/mine/templates/Day.html":
                          '{% extends "classic:day.html" %}{% block content %}MINE'
                          "{% endblock %}\n",
                      "themes/mine/static/Style.css": "body { background: pink; }\n",
                      "themes/mine/static/extra.css": "p { color: red; }\n"})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert outcome.lines[:-1] == [
        "themes/mine/static/Style.css: is named like classic's style.css in other capitals, "
        "so it replaces nothing (the server that builds the site tells capitals apart); "
        "rename it to style.css",
        "themes/mine/templates/Day.html: is named like classic's day.html in other capitals, "
        "so it replaces nothing (the server that builds the site tells capitals apart); "
        "rename it to day.html"]


def test_extends_under_a_table_in_theme_toml_is_pointed_out(make_site: MakeSite,
                                                           run: Run) -> None:
    """`[theme]` above `extends` (as other generators' theme files have it) made the theme
    extend nothing, and the build said only that the theme has no template home.html."""
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": '# my theme\n[theme]\nname = "Mine"\n'
                                                'extends = "classic"\n',
                      "themes/mine/static/extra.css": "p { color: red; }\n"})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert outcome.lines[:-1] == [
        "themes/mine/theme.toml:4: `extends` is under [theme] (line 2), so it is not read; "
        "move it above that line, to the top of the file"]


def test_a_field_of_an_empty_value_says_the_value_is_empty(make_site: MakeSite,
                                                            run: Run) -> None:
    """`{{ page.person.photo.src }}` on the page of someone without a photo said "`src` is
    not a field of this value; check the name", though the name is right: the photo is
    what is missing, on that page only."""
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "content/honour-roll/farai.md": "---\nname: Farai Moyo\n---\nKind.\n",
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "themes/mine/templates/honour.html":
                          '{% extends "classic:honour.html" %}\n{% block content %}\n'
                          '<img src="{{ page.person.photo.src }}" alt="">\n{% endblock %}\n'})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert outcome.lines[0] == (
        "themes/mine/templates/honour.html:3: template error while rendering "
        "honour-roll/farai/: `src` cannot be read: the value before `.src` is empty "
        "on this page (an entry without that field); show it only when it is there, with "
        "{% if ... %} around the line")


def test_theme_files_outside_templates_and_static_are_pointed_out(make_site: MakeSite,
                                                                  run: Run) -> None:
    """A stylesheet saved in the theme's own folder, a `template/` folder, or Notepad's
    `theme.toml.txt`: cswgen used none of them, and the site looked as before without a
    word.  (A downloaded theme's README, licence and screenshot are its own business.)"""
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "themes/mine/style.css": "body { background: pink; }\n",
                      "themes/mine/template/day.html": "<p>mine</p>\n",
                      "themes/mine/css/brand.css": "p { color: red; }\n",
                      "themes/mine/README.md": "# Mine\n",
                      "themes/mine/LICENSE": "MIT\n",
                      "themes/mine/screenshot.png": b"\x89PNG\r\n\x1a\n",
                      "themes/mine/static/extra.css": "p { color: red; }\n",
                      "themes/other/theme.toml.txt": 'extends = "classic"\n'})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    only = ("warning: a theme uses only its templates/, static/, i18n/ and scaffolds/ "
            "folders and theme.toml, so this")
    assert outcome.lines == [
        f"themes/mine/css: {only} folder is not used; move what it holds into "
        "themes/mine/static/ (stylesheets, fonts, pictures: published under assets/) or "
        "themes/mine/templates/",
        f"themes/mine/style.css: {only} file is not used; move it into themes/mine/static/ "
        "(published under assets/)",
        f"themes/mine/template: {only} folder is not used; rename it to templates"]
    site = make_site({"config.toml": CONFIG.replace('"mine"', '"other"'),
                      "content/days/monday.md": DAY,
                      "themes/other/theme.toml.txt": 'extends = "classic"\n'})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert (
        f"themes/other/theme.toml.txt: {only} file is not used; rename it to theme.toml (in "
        "Windows Explorer, turn on View > File name extensions to see the whole name)"
    ) in outcome.lines, outcome.stderr


def test_words_and_fields_read_the_same_on_every_page(make_site: MakeSite, run: Run) -> None:
    """Each `t(...)` is worked out once per build and a view's fields are read as keys
    first (both for speed): a value given as markup must still not be escaped while the
    same text given plainly is, numbers and plural forms follow the value on each page,
    and a dict's own methods (`.items()`) are still the methods."""
    site = make_site({
        "config.toml": CONFIG + '\n[extra]\nmotto = "Serve well"\nitems = "three"\n',
        "content/days/monday.md": DAY,
        "content/days/tuesday.md": DAY.replace("Monday", "Tuesday").replace(
            "monday", "tuesday"),
        "themes/mine/theme.toml": 'extends = "classic"\n',
        "themes/mine/i18n/en.toml": 'greeting = "Hello {name}"\n'
                                    'people = { one = "{n} person", other = "{n} people" }\n',
        "themes/mine/templates/day.html":
            '{% extends "classic:day.html" %}{% block content %}'
            '<p class="plain">{{ t("greeting", name="<b>Ann</b>") }}</p>'
            '<p class="markup">{{ t("greeting", name="<b>Ann</b>" | safe) }}</p>'
            '<p class="again">{{ t("greeting", name="<b>Ann</b>") }}</p>'
            '<p class="count">{{ t("people", n=page.day.title | length) }}'
            ' / {{ t("people", n=1) }} / {{ t("people", n=1234) }}</p>'
            '<p class="extra">{% for k, v in site.extra.items() %}{{ k }}={{ v }};'
            '{% endfor %} {{ site.extra["items"] }}</p>{% endblock %}'})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    monday = (site / "output/days/monday/index.html").read_text("utf-8")
    tuesday = (site / "output/days/tuesday/index.html").read_text("utf-8")
    for page in (monday, tuesday):
        assert '<p class="plain">Hello &lt;b&gt;Ann&lt;/b&gt;</p>' in page
        assert '<p class="markup">Hello <b>Ann</b></p>' in page
        assert '<p class="again">Hello &lt;b&gt;Ann&lt;/b&gt;</p>' in page
        assert '<p class="extra">motto=Serve well;items=three; three</p>' in page
    assert '<p class="count">13 people / 1 person / 1,234 people</p>' in monday
    assert '<p class="count">14 people / 1 person / 1,234 people</p>' in tuesday


def test_a_themes_strings_are_checked_as_the_sites_labels_are(make_site: MakeSite,
                                                              run: Run) -> None:
    """A theme's i18n/fr.toml with a `{name}` cswgen never fills in, plural forms without
    `other`, or an empty label built without a word: visitors read "Nos étoiles {nom}" in
    the menu, the countdown said "dans 305 jour", and the "Read more" links had no text.
    The same words under [labels] were errors; here they are too, each on its line, in
    every language of the site only once."""
    strings = ('# nos mots\nhonour_roll = "Nos étoiles {nom}"\n'
               'countdown = { one = "Plus que {n} jour", many = "Plus que {n} de jours" }\n'
               'read_more = " "\nbanner = { one = "Une équipe", other = "{n} équipes" }\n'
               'skip_to_content = { one = "Aller", other = "Aller au contenu" }\n'
               'team = { one = "{n} équipe", few = "{n} équipes", other = "{n} équipes" }\n')
    site = make_site({"config.toml": CONFIG.replace('theme = "mine"', 'theme = "mine"\n'
                                                    'languages = ["fr", "en"]'),
                      "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": 'extends = "classic"\n',
                      "themes/mine/i18n/fr.toml": strings,
                      "themes/mine/i18n/en.toml": 'honour_roll = "Stars of {year}"\n'})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert "Traceback" not in outcome.stderr
    where = "themes/mine/i18n/fr.toml"
    assert outcome.lines[:-1] == [
        "themes/mine/i18n/en.toml:1: `honour_roll` uses {year}, which cswgen does not fill in "
        "here; it takes none",
        f"{where}:2: `honour_roll` uses {{nom}}, which cswgen does not fill in here; it takes "
        "none",
        f"{where}:3: `countdown` has plural forms many, one, but French uses one, many, other; "
        "give `other` and any of those",
        f"{where}:4: `read_more` is empty, so every menu, heading and link that says it would "
        "show nothing (and be invisible to a screen reader); write the words to show, like "
        'read_more = "Read more", or delete the line to keep cswgen\'s',
        f"{where}:6: `skip_to_content` does not depend on a number; write one text, like "
        'skip_to_content = "Skip to main content"',
        f"{where}:7: `team` has plural forms few, one, other, but French uses one, many, other;"
        " give `other` and any of those"], outcome.stderr


def test_a_theme_file_that_is_not_there_is_a_build_warning(make_site: MakeSite,
                                                           run: Run) -> None:
    """A stylesheet's background picture and a template's stylesheet never put in the
    theme: `cswgen check` named them, and `cswgen build` published the site without a
    word.  The build says the same thing as check, as a warning, and still succeeds."""
    site = make_site({
        "config.toml": CONFIG, "content/days/monday.md": DAY,
        "content/pages/about.md": "---\ntitle: About\n---\nHi\n",
        "themes/mine/theme.toml": 'extends = "classic"\n',
        "themes/mine/static/extra.css": "body { color: #222; }\n"
                                        "/* url(commented-out.png) */\n"
                                        'header { background: url("images/paper.png"); }\n'
                                        "footer { background: url(images/here.png); }\n",
        "themes/mine/static/images/here.png": b"\x89PNG\r\n\x1a\n",
        "themes/mine/templates/page.html":
            '{% extends "classic:page.html" %}\n{% block head %}\n'
            '<link rel="stylesheet" href="{{ "brand.css" | asset }}">\n'
            '<link rel="stylesheet" href="{{ "extra.css" | asset }}">\n'
            '<script src="{{ \'site.js\' | asset }}" defer></script>\n{% endblock %}\n'
            '{% block content %}\n<img src="{{ "images/logo-big.png" | asset }}" alt="Logo">'
            "\n{% endblock %}\n"})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    assert (site / "output/about/index.html").is_file()
    assert outcome.lines == [
        "themes/mine/static/extra.css:3: warning: the picture images/paper.png is not in the "
        "theme; add it as themes/mine/static/images/paper.png, or correct the name",
        "themes/mine/templates/page.html:3: warning: the link goes to assets/brand.css, which "
        "is not in the built site; add it as themes/mine/static/brand.css, or correct the "
        "name",
        "themes/mine/templates/page.html:8: warning: the picture goes to "
        "assets/images/logo-big.png, which is not in the built site; add it as "
        "themes/mine/static/images/logo-big.png, or correct the name"], outcome.stderr
    # ... and `cswgen check` lists each once, as the error it was
    checked = run(site, "check", "--as-of", "2026-10-05")
    assert checked.exit_code == 1
    listed = [line.split(". ", 1)[1] for line in checked.stdout.splitlines()
              if line[:4].strip().rstrip(".").isdigit() and "themes/mine/" in line]
    assert listed == [line.replace(": warning: ", ": ") for line in outcome.lines], \
        checked.stdout


def test_a_changed_theme_file_is_a_new_address_in_every_page(make_site: MakeSite,
                                                             run: Run) -> None:
    """A browser that kept yesterday's site.js or screen.js (a lobby TV keeps its page
    open all week) asks for the new one: each link carries a digest of the file's bytes,
    which changes with them, and the file is still where it was.  (Not the stylesheet,
    which `cswgen serve` swaps into open pages, nor pictures: see `asset_versions`.)"""
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "themes/mine/theme.toml": 'extends = "classic"\n'})

    def links() -> dict[str, str]:
        found: dict[str, str] = {}
        for page in ("index.html", "days/monday/index.html", "screen/index.html"):
            html = (site / "output" / page).read_text("utf-8")
            assert 'assets/style.css"' in html
            for name, version in re.findall(r'assets/([a-z.]+)\?v=(\w+)"', html):
                file = (site / "output/assets" / name).read_bytes()
                assert hashlib.blake2b(file, digest_size=20).hexdigest().startswith(version)
                assert found.setdefault(name, version) == version, (page, name)
        return found

    assert run(site, "build", "--as-of", "2026-10-05").exit_code == 0
    before = links()
    assert set(before) == {"site.js", "screen.js"}
    classic = (Path(__file__).parent.parent / "themes/classic/static/screen.js").read_text()
    write(site, {"themes/mine/static/screen.js": classic + "\n// a new version\n"})
    assert run(site, "build", "--as-of", "2026-10-05").exit_code == 0
    after = links()
    assert after["screen.js"] != before["screen.js"]
    assert {k: v for k, v in after.items() if k != "screen.js"} == \
        {k: v for k, v in before.items() if k != "screen.js"}
