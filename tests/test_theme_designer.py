"""A web designer's own theme over classic: what she adds reaches every page, and what she
gets wrong is said at her template's line in words she can act on."""

from __future__ import annotations

import re
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


def test_a_label_whose_value_the_template_leaves_out_is_an_error(make_site: MakeSite,
                                                                 run: Run) -> None:
    """`{{ t("msasa_banner") }}` for a label that says {year} published "{year}" to
    visitors; cswgen's own labels too (`t("colleagues_this_year")` without n)."""
    site = _site(make_site, honour_roll=(
        '{% extends "classic:honour_roll.html" %}{% block content %}\n'
        '<p>{{ t("msasa_banner") }}</p>\n<p>{{ t("colleagues_this_year") }}</p>\n'
        '{{ super() }}{% endblock %}\n'))
    (site / "themes/msasa/i18n").mkdir()
    (site / "themes/msasa/i18n/en.toml").write_text(
        'msasa_banner = "Msasa salutes its stars of {year}"\n', "utf-8")
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert outcome.lines[0] == (
        "themes/msasa/templates/honour_roll.html:2: template error while rendering "
        "honour-roll/: the label \"msasa_banner\" says {year}, which this t() call does not "
        "give, so visitors would read \"{year}\"; write t(\"msasa_banner\", year=...), or "
        "take {year} out of the label (in themes/msasa/i18n/ or [labels])")
    assert not (site / "output").exists()
    no_traceback(outcome)
    template = site / "themes/msasa/templates/honour_roll.html"
    template.write_text(template.read_text().replace('t("msasa_banner")',
                                                     't("msasa_banner", year=week.year)'))
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert 'the label "colleagues_this_year" says {n}' in outcome.lines[0]
    template.write_text(template.read_text().replace('t("colleagues_this_year")',
                                                     't("colleagues_this_year", n=3)'))
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    page = (site / "output/honour-roll/index.html").read_text("utf-8")
    assert "<p>Msasa salutes its stars of 2026</p>" in page
    assert "<p>3 colleagues this year.</p>" in page


def test_a_date_time_or_number_filter_given_the_wrong_thing_says_what_it_takes(
        make_site: MakeSite, run: Run) -> None:
    """Babel's "Invalid isoformat string", "hour must be in 0..23" and
    "[<class 'decimal.ConversionSyntax'>]" told a designer nothing."""
    site = _site(make_site, honour_roll=(
        '{% extends "classic:honour_roll.html" %}{% block content %}\n'
        '<p id="dates">{{ as_of | long_date }} / {{ "2026-10-06" | short_date }} / '
        '{{ week.start | plain_date }} / {{ "14:30" | time }} / {{ 1234567 | number }}'
        '{{ none | number }}{{ none | long_date }}</p>\n'
        '{{ super() }}{% endblock %}\n'))
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    page = (site / "output/honour-roll/index.html").read_text("utf-8")
    assert ('<p id="dates">Monday, 5 October 2026 / Tuesday 6 October / 5 October 2026 / '
            '14:30 / 1,234,567</p>') in page
    template = site / "themes/msasa/templates/honour_roll.html"
    source = template.read_text()
    for wrong, said in [
            ('"5 Oct 2026" | long_date', 'the long_date filter takes a date (like '
             'page.day.date, or "2026-10-06"), not "5 Oct 2026"'),
            ('"1430" | time', 'the time filter takes a time as HH:MM (like event.time, or '
             '"14:30"), not "1430"'),
            ('page.title | number', 'the number filter takes a number (like page.total, '
             'or 3), not "Honour roll"')]:
        template.write_text(source.replace("1234567 | number", wrong))
        outcome = run(site, "build", "--as-of", "2026-10-05")
        assert outcome.exit_code == 1
        assert outcome.lines[0] == ("themes/msasa/templates/honour_roll.html:2: template "
                                    f"error while rendering honour-roll/: {said}")
        no_traceback(outcome)


def test_asset_names_written_from_the_root_or_from_static(make_site: MakeSite,
                                                          run: Run) -> None:
    """`'/msasa.js' | asset` wrote assets//msasa.js (a host that keeps the double slash
    answers 404); `'static/msasa.js' | asset` was told to add static/static/msasa.js."""
    head = HEAD.replace("{% endblock %}", '<script src="{{ \'/msasa.js\' | asset }}" defer>'
                        '</script>\n<script src="{{ \'static/msasa.js\' | asset }}" defer>'
                        '</script>{% endblock %}')
    site = _site(make_site, base=head)
    (site / "themes/msasa/static/msasa.js").write_text("document.body.dataset.ok = 1;\n")
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    assert re.search(r'<script src="\.\./assets/msasa\.js\?v=\w+" defer>',
                     (site / "output/honour-roll/index.html").read_text("utf-8"))
    assert outcome.lines[0] == (
        "themes/msasa/templates/base.html:3: warning: the link goes to "
        "assets/static/msasa.js, which is not in the built site; asset names a file from "
        "inside static/, so write 'msasa.js'")


def test_check_names_the_template_for_its_missing_script_not_a_csv_row(
        make_site: MakeSite, run: Run) -> None:
    """The page of a testimonial or honour-roll entry read from a CSV row took every
    broken link on it as the row's: a script the theme's base.html misnames was listed
    once per row, as `content/honour-roll/staff.csv:2: ... (it must be under content/)`."""
    head = HEAD.replace("{% endblock %}", '<script src="{{ \'msasa.jss\' | asset }}" defer>'
                        '</script>{% endblock %}')
    site = _site(make_site, base=head)
    (site / "content/honour-roll/staff.csv").write_text(
        "name,role,citation_long\nRudo Banda,Teller,Always kind.\n"
        "Tino Moyo,Clerk,Quick and careful.\n", "utf-8")
    outcome = run(site, "check", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    listed = [line for line in outcome.stdout.splitlines() if "msasa.jss" in line]
    assert listed == ["  1. themes/msasa/templates/base.html:2: the link goes to "
                      "assets/msasa.jss, which is not in the built site; add it as "
                      "themes/msasa/static/msasa.jss, or correct the name"], outcome.stdout


def test_a_misspelt_theme_name_is_named_right(make_site: MakeSite, run: Run) -> None:
    site = _site(make_site)
    (site / "config.toml").write_text(CONFIG.replace('"msasa"', '"msas"'), "utf-8")
    outcome = run(site, "build")
    assert outcome.lines[0] == ('config.toml:5: [site] theme "msas" was not found in themes/ '
                                'or among the built-in themes; did you mean "msasa"? '
                                'Available: classic, msasa')
    (site / "config.toml").write_text(CONFIG, "utf-8")
    (site / "themes/msasa/theme.toml").write_text('extends = "clasic"\n', "utf-8")
    outcome = run(site, "build")
    assert outcome.exit_code == 1
    assert outcome.lines[0] == ('themes/msasa/theme.toml:1: extends "clasic", which was not '
                                'found in themes/ or among the built-in themes; did you mean '
                                '"classic"? Available: classic, msasa')


def test_a_theme_replaces_the_masthead_and_footer_alone(make_site: MakeSite, run: Run) -> None:
    """A designer changing the header had to copy all of classic's base.html (the week's
    status, the menus, the language switcher) to change the logo and title."""
    site = _site(make_site, base=(
        '{% extends "classic:base.html" %}\n'
        '{% block masthead %}<div class="wrap msasa-head"><a href="{{ \'\' | url }}">'
        '{{ site.organisation }}</a> · {{ week.label }}</div>{% endblock %}\n'
        '{% block footer %}<footer class="msasa-foot">{{ t("thank_you") }}</footer>'
        '{% endblock %}\n'))
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    page = (site / "output/honour-roll/index.html").read_text("utf-8")
    assert ('<div class="wrap msasa-head"><a href="../">Msasa Insurance</a> · '
            '5\u2009–\u20099 October 2026</div>') in page  # (CLDR's thin spaces)
    assert '<footer class="msasa-foot">Thank you' in page
    assert 'class="brand"' not in page and "site-footer" not in page
    assert 'class="site-nav"' in page and 'id="week-status"' in page  # classic's still


def test_a_misspelt_label_in_the_themes_strings_is_a_warning(make_site: MakeSite,
                                                             run: Run) -> None:
    """`honor_roll = "Service Stars"` in the theme's i18n/en.toml, meant to rename the
    honour roll, was taken as a new label of the theme's and changed nothing, silently."""
    site = _site(make_site, honour_roll=(
        '{% extends "classic:honour_roll.html" %}{% block content %}'
        '<p>{{ t("programmes") }}</p>{{ super() }}{% endblock %}\n'))
    (site / "themes/msasa/i18n").mkdir()
    (site / "themes/msasa/i18n/en.toml").write_text(
        '# Msasa\'s words\nprogrammes = "Our programmes"\nhonor_roll = "Service Stars"\n', "utf-8")
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == [
        "themes/msasa/i18n/en.toml:3: warning: honor_roll is not one of cswgen's labels and "
        "no template of the theme says t(\"honor_roll\"), so it changes nothing; did you "
        "mean `honour_roll`?"]  # (programmes, near programme, is used: no warning)
    assert "Service Stars" not in (site / "output/honour-roll/index.html").read_text("utf-8")


def test_build_warns_of_a_web_font_a_template_loads_from_another_host(
        make_site: MakeSite, run: Run) -> None:
    """A Google Fonts @import in the theme's stylesheet was a build warning, the same
    font linked from its base.html was said only by `cswgen check`."""
    head = HEAD.replace("{% endblock %}", '\n<link rel="stylesheet" href="https://fonts.'
                        'googleapis.com/css2?family=Poppins">{% endblock %}')
    site = _site(make_site, base=head)
    (site / "themes/msasa/static/msasa.css").write_text(
        '@import url("https://fonts.googleapis.com/css2?family=Poppins");\n', "utf-8")
    said = ("loads https://fonts.googleapis.com/css2?family=Poppins from another host; "
            "visitors' browsers ask that host for it (telling it who is reading), and it is "
            "missing when the site is opened from disk or a zip; put the file in "
            "themes/msasa/static/ and refer to it by its path there")
    for _ in range(2):  # (the second build changes nothing, and says it again)
        outcome = run(site, "build", "--as-of", "2026-10-05")
        assert outcome.exit_code == 0, outcome.stderr
        assert outcome.lines == [f"themes/msasa/static/msasa.css:1: warning: {said}",
                                 f"themes/msasa/templates/base.html:3: warning: {said}"]
    outcome = run(site, "check", "--as-of", "2026-10-05")
    assert outcome.stdout.count("googleapis") == 2, outcome.stdout  # each said once


def test_a_theme_scaffold_may_put_the_title_in_quotes_or_in_the_text(make_site: MakeSite,
                                                                     run: Run) -> None:
    """`customer: "{{ title }}"`, as one writes YAML, made `customer: ""Rudo M.""`, which
    the next build refused; `# {{ title }}` in the text gave a heading in quotes."""
    site = _site(make_site)
    (site / "themes/msasa/scaffolds").mkdir()
    (site / "themes/msasa/scaffolds/testimonial.md").write_text(
        "---\ncustomer: \"{{ title }}\"\nshown_as: '{{ title }}'\nrating: 5\n---\n"
        "# {{ title }}\n\nTheir words.\n", "utf-8")
    outcome = run(site, "add", "testimonial", "Rudo \"Ru\" O'Neil")
    assert outcome.exit_code == 0, outcome.stderr
    assert (site / "content/testimonials/rudo-ru-oneil.md").read_text("utf-8") == (
        "---\ncustomer: \"Rudo \\\"Ru\\\" O'Neil\"\nshown_as: 'Rudo \"Ru\" O''Neil'\n"
        "rating: 5\n---\n# Rudo \"Ru\" O'Neil\n\nTheir words.\n")
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    page = (site / "output/testimonials/rudo-ru-oneil/index.html").read_text("utf-8")
    assert "Rudo &#34;Ru&#34; O&#39;Neil" in page or "Rudo &quot;Ru&quot; O&#39;Neil" in page


def test_a_scaffold_value_cswgen_does_not_fill_in_is_warned_of(make_site: MakeSite,
                                                               run: Run) -> None:
    """`branch: "{{ branch }}"` in a theme's scaffold was left in each new file without a
    word, and `{{ weekday }}` (for `{{ day }}`) too; each is named at its scaffold line,
    with the file that has it and what cswgen fills in."""
    site = _site(make_site)
    (site / "themes/msasa/scaffolds").mkdir()
    (site / "themes/msasa/scaffolds/testimonial.md").write_text(
        "---\ncustomer: \"{{ title }}\"\nbranch: \"{{ branch }}\"\ndate: {{ date }}\n"
        "seen: {{ weekday }}\n---\nTheir words, {{ year }}.\n", "utf-8")
    outcome = run(site, "add", "testimonial", "Rudo M.")
    assert outcome.exit_code == 0, outcome.stderr
    assert "content/testimonials/rudo-m.md" in outcome.stdout
    made = (site / "content/testimonials/rudo-m.md").read_text("utf-8")
    assert 'branch: "{{ branch }}"' in made and "{{ year }}" not in made
    filled = ("cswgen fills in {{ title }}, {{ date }}, {{ day }}, {{ year }}, "
              "{{ before_week }}, {{ day_1 }} to {{ day_7 }} and {{ weekday_1 }} to "
              "{{ weekday_7 }}")
    assert outcome.lines == [
        "themes/msasa/scaffolds/testimonial.md:3: warning: {{ branch }} is not a value cswgen "
        "fills in, so the new file content/testimonials/rudo-m.md has it as it is; replace "
        f"it there, and in the scaffold; {filled}",
        "themes/msasa/scaffolds/testimonial.md:5: warning: {{ weekday }} is not a value "
        "cswgen fills in, so the new file content/testimonials/rudo-m.md has it as it is; "
        "replace it there, and in the scaffold; did you mean {{ day }}? " + filled]


def test_addresses_written_from_the_server_root_are_warned_of(make_site: MakeSite,
                                                             run: Run) -> None:
    """`<script src="/assets/msasa.js">` and `url("/assets/img/leaves.svg")` work in the
    preview, at the server's root, and break on GitHub Pages under /csw/ or from a zip;
    neither build nor check said a word."""
    head = HEAD.replace("{% endblock %}", '\n<script src="/assets/msasa.js" defer></script>'
                        '{% endblock %}\n{% block footer %}<a href="/testimonials/">All'
                        '</a>{% endblock %}')
    site = _site(make_site, base=head)
    write_files = {"themes/msasa/static/msasa.js": "1;\n",
                   "themes/msasa/static/img/leaves.svg": "<svg/>\n",
                   "themes/msasa/static/msasa.css":
                       "body {\n  background: url(/assets/img/leaves.svg);\n}\n"}
    for name, text in write_files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, "utf-8")
    why = ("starts at the web server's root, so it works in the preview but not when the "
           "site is published in a folder (GitHub Pages, an intranet's /csw/) or opened from "
           "disk or a zip; ")
    said = [f"themes/msasa/static/msasa.css:2: warning: the address /assets/img/leaves.svg "
            f"{why}write it from the stylesheet's folder, like url(\"img/leaves.svg\")",
            f"themes/msasa/templates/base.html:3: warning: the address /assets/msasa.js "
            f"{why}write {{{{ 'msasa.js' | asset }}}} for a file of the theme",
            f"themes/msasa/templates/base.html:4: warning: the address /testimonials/ "
            f"{why}write {{{{ 'testimonials/' | url }}}}"]
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == said
    outcome = run(site, "check", "--as-of", "2026-10-05")
    assert [line.split(". ", 1)[1] for line in outcome.stdout.splitlines()
            if "server's root" in line] == said


def test_a_template_named_like_the_pages_address_is_warned_of(make_site: MakeSite,
                                                              run: Run) -> None:
    """`honour-roll.html`, named after /honour-roll/, replaced nothing, silently: the
    designer saw classic's honour roll and no word why."""
    site = _site(make_site, **{"honour-roll": "<h1>{{ page.title }}</h1>\n",
                               "card": "<p>{{ page.title }}</p>\n",  # included: no warning
                               "honour": '{% extends "classic:honour.html" %}'
                                         '{% block content %}{% include "card.html" %}'
                                         '{% endblock %}\n'})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == [
        "themes/msasa/templates/honour-roll.html: warning: replaces no template of the "
        "themes it extends (classic) and no template includes it, so no page shows it; if "
        "it is meant to replace honour_roll.html, rename it to that"]


def test_the_url_filter_leaves_other_sites_mail_and_anchors_as_they_are(
        make_site: MakeSite, run: Run) -> None:
    """README: "write links with the url filter"; a designer writing the company's web
    site from [extra] through it got ../https://msasa.example/, and `'#main' | url` went
    to the home page's #main instead of this page's."""
    site = _site(make_site, honour_roll=(
        '{% extends "classic:honour_roll.html" %}{% block content %}\n'
        '<p id="links"><a href="{{ site.extra.website | url }}">Web</a> '
        '<a href="{{ \'mailto:csw@msasa.example\' | url }}">Mail</a> '
        '<a href="{{ \'#main\' | url }}">Top</a> '
        '<a href="{{ \'policy/\' | url }}">Policy</a></p>\n{{ super() }}{% endblock %}\n'))
    (site / "config.toml").write_text(CONFIG + '\n[extra]\nwebsite = "https://msasa.example/"\n',
                                      "utf-8")
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    page = (site / "output/honour-roll/index.html").read_text("utf-8")
    assert ('<p id="links"><a href="https://msasa.example/">Web</a> '
            '<a href="mailto:csw@msasa.example">Mail</a> <a href="#main">Top</a> '
            '<a href="../policy/">Policy</a></p>') in page


def test_a_theme_of_one_stylesheet_without_theme_toml_is_one_clear_error(
        make_site: MakeSite, run: Run) -> None:
    """SPEC: a theme may be just one CSS file. Without the theme.toml that makes it extend
    classic, the build listed each page's template as missing, one error per page kind."""
    site = make_site({"config.toml": CONFIG, "content/days/monday.md": DAY,
                      "content/honour-roll/farai.md": PERSON,
                      "themes/msasa/static/style.css": "body { color: teal; }\n"})
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert outcome.lines == [
        "themes/msasa/: msasa has no templates/ folder, and msasa extends no theme (it has "
        "no theme.toml), so no page can be made; to change only part of the look, add "
        "themes/msasa/theme.toml with extends = \"classic\"",
        "Build failed: 1 error. Nothing was written; the output folder is as it was."]
    no_traceback(outcome)


def test_a_base_html_that_extends_itself_says_which_to_extend(make_site: MakeSite,
                                                              run: Run) -> None:
    """`{% extends "base.html" %}` in the theme's own base.html (as in every page
    template) failed with Python's "maximum recursion depth exceeded in comparison"."""
    site = _site(make_site, base=HEAD.replace('"classic:base.html"', '"base.html"'))
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert outcome.lines[0] == (
        "themes/msasa/templates/base.html:1: template error while rendering the home page: "
        "base.html extends \"base.html\", that is itself, without end; write "
        "{% extends \"classic:base.html\" %} to build on classic's base.html")
    no_traceback(outcome)


def test_labels_copied_with_their_table_line_into_the_themes_strings(make_site: MakeSite,
                                                                     run: Run) -> None:
    """[labels] copied from config.toml into i18n/en.toml was "`labels` must be a text in
    double quotes, or a table of plural forms": true, and no help."""
    site = _site(make_site)
    (site / "themes/msasa/i18n").mkdir()
    (site / "themes/msasa/i18n/en.toml").write_text(
        '[labels]\nhonour_roll = "Service Stars"\n', "utf-8")
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert outcome.lines[0] == (
        "themes/msasa/i18n/en.toml:1: [labels] is a table, and a theme's strings file has "
        "none: write its labels at the top of the file, one a line, like honour_roll = "
        "\"Service Stars\", and delete the [labels] line")


def test_jinja_i18n_and_misspelt_tags_are_named(make_site: MakeSite, run: Run) -> None:
    """`{% trans %}` and `_()` (Jinja's i18n, which cswgen does without) and `{% iff %}`
    were said in Jinja's words ("Encountered unknown tag 'trans'. Jinja was looking for
    the following tags: 'endblock'...", or a {% endif %} that "closes nothing")."""
    words = ("a theme's words are written t(\"name\"), or t(\"name\", n=3) for one that "
             "depends on a number, with the words in the theme's i18n/<language>.toml "
             "(i18n/en.toml: name = \"Our stars\")")
    site = _site(make_site,
                 honour_roll='{% extends "classic:honour_roll.html" %}{% block content %}\n'
                             '{% trans %}Our stars{% endtrans %}\n{% endblock %}\n',
                 testimonials='{% extends "classic:testimonials.html" %}{% block content %}'
                              '\n{% iff page.total %}<p>x</p>{% endif %}\n{% endblock %}\n',
                 page='{% extends "classic:page.html" %}{% block content %}\n'
                      '<p>{{ _("Our stars") }}</p>\n{% endblock %}\n')
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert outcome.lines[:2] == [
        f"themes/msasa/templates/honour_roll.html:2: template error: there is no tag "
        f"{{% trans %}}; {words}",
        "themes/msasa/templates/testimonials.html:2: template error: there is no tag "
        "{% iff %}; did you mean {% if %}?"]
    for name in ("honour_roll", "testimonials"):
        (site / f"themes/msasa/templates/{name}.html").unlink()
    (site / "content/pages").mkdir()
    (site / "content/pages/faq.md").write_text("---\ntitle: FAQ\n---\nAsk.\n", "utf-8")
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.lines[0] == ("themes/msasa/templates/page.html:2: template error while "
                                f"rendering faq/: `_` is undefined; {words}")


def test_jinja_in_a_stylesheet_is_warned_of(make_site: MakeSite, run: Run) -> None:
    """`{{ site.colours.primary.base }}` in the theme's msasa.css reached browsers as
    written, and the border had no colour, without a word."""
    site = _site(make_site, base=HEAD)
    (site / "themes/msasa/static/msasa.css").write_text(
        "/* {{ in a comment: fine }} */\n.card {\n  border-color: "
        "{{ site.colours.primary.base }};\n}\n", "utf-8")
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == [
        "themes/msasa/static/msasa.css:3: warning: {{ site.colours.primary.base }} is copied "
        "into the stylesheet as it is: files in static/ are published as they are, not "
        "filled in like templates; for the brand colours write var(--primary) or "
        "var(--secondary) (and their -ink shades for text, -glow for text in dark mode), or "
        "put the rule in a <style> in a template"]


def test_a_parent_template_named_as_a_path_suggests_the_colon(make_site: MakeSite,
                                                              run: Run) -> None:
    """`{% extends "classic/base.html" %}` was told to add themes/msasa/templates/classic/
    base.html, a copy of classic's, instead of the name that reaches it."""
    site = _site(make_site, base=HEAD.replace('"classic:base.html"', '"classic/base.html"'))
    outcome = run(site, "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 1
    assert outcome.lines[0] == (
        "themes/msasa/templates/base.html:1: the template \"classic/base.html\" was not "
        "found; a theme's template is named with a colon: did you mean "
        "\"classic:base.html\"?")
