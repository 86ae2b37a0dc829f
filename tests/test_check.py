"""`cswgen check`: one small site per rule, each asserting the line a user reads."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import AS_OF, REPO, MakeSite, Outcome, Run, write

WEEK = {f"content/days/{name}.md": f"---\ntitle: {name.title()} theme\nday: {name}\n"
        "events:\n  - time: 10:00\n    title: Opening\n---\nHello.\n"
        for name in ("monday", "tuesday", "wednesday", "thursday", "friday")}


def site_with(make_site: MakeSite, files: dict[str, str | bytes]) -> Path:
    return make_site({**WEEK, **files})


def report_lines(outcome: Outcome) -> list[str]:
    return [line.split(". ", 1)[1] for line in outcome.stdout.splitlines()
            if line[:4].strip().rstrip(".").isdigit()]


def line_with(outcome: Outcome, prefix: str, *phrases: str) -> str:
    found = [line for line in report_lines(outcome)
             if line.startswith(prefix) and all(p in line for p in phrases)]
    assert found, f"no line {prefix!r} with {phrases!r} in:\n{outcome.stdout}"
    return found[0]


def test_the_demo_is_ready(run: Run) -> None:
    outcome = run(REPO, "check", *AS_OF)
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    assert "Errors" not in outcome.stdout
    assert outcome.stdout.rstrip().endswith("Ready to publish: no problems found.")
    assert not (REPO / "output" / ".cswgen-check").exists()


def test_a_broken_link_and_a_picture_without_alt_in_one_run(make_site: MakeSite, run: Run) -> None:
    site = site_with(make_site, {
        "content/images/team.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "content/pages/about.md": "---\ntitle: About\n---\nIntro.\n\n"
                                  "Get [the programme](../downloads/programme.pdf).\n\n"
                                  "![](../images/team.svg)\n"})
    outcome = run(site, "check", *AS_OF)
    assert outcome.exit_code == 1
    line_with(outcome, "content/pages/about.md:6: ", "../downloads/programme.pdf",
              "goes to content/downloads/programme.pdf, which does not exist")
    line_with(outcome, "content/pages/about.md:8: warning: ", "no alt text")
    lines = report_lines(outcome)
    assert ": warning: " not in lines[0]  # errors first
    assert not (site / "output").exists()  # check never writes output/
    assert outcome.stdout.rstrip().endswith("Fix them, then run cswgen check again.")


def test_anchors_that_go_nowhere(make_site: MakeSite, run: Run) -> None:
    site = site_with(make_site, {
        "content/policy.md": "---\ntitle: Policy\n---\n## Privacy {#privacy}\n\nText.\n",
        "content/pages/faq.md": "---\ntitle: FAQ\n---\nSee [privacy](../policy.md#privacy).\n\n"
                                "See [complaints](../policy.md#complaints).\n\n"
                                "Back to [the top](#nowhere).\n"})
    outcome = run(site, "check", *AS_OF)
    line_with(outcome, "content/pages/faq.md:6: ", "#complaints", "not on policy/",
              # as written in the file, not as built (../policy/#complaints)
              "the link ../policy.md#complaints goes to")
    line_with(outcome, "content/pages/faq.md:8: ", "#nowhere", "not on this page")
    assert not [line for line in report_lines(outcome) if "#privacy" in line]


def test_an_anchor_on_a_day_not_revealed_yet_is_not_an_error(make_site: MakeSite,
                                                              run: Run) -> None:
    """With reveal = "daily", Thursday's headings are not on its page before Thursday: a link
    to one is not a mistake to fix, and failing `check` failed a daily check-then-publish
    pipeline all week."""
    site = site_with(make_site, {
        "config.toml": '[site]\ntitle = "T"\n[week]\nyear = 2026\nreveal = "daily"\n',
        "content/days/thursday.md": "---\ntitle: Throwback\nday: thursday\n---\n"
                                    "## Quiz time\n\nTeams of four.\n",
        "content/pages/faq.md": "---\ntitle: FAQ\n---\nJoin [the quiz]"
                                "(../days/thursday.md#quiz-time).\n\nOr [this](../days/"
                                "monday.md#nowhere).\n"})
    outcome = run(site, "check", *AS_OF)  # Tuesday
    assert outcome.exit_code == 1, outcome.stdout  # (Monday's #nowhere: an error)
    line_with(outcome, "content/pages/faq.md:6: ", "#nowhere", "not on days/monday/")
    assert line_with(outcome, "content/pages/faq.md:4: warning: ") == (
        "content/pages/faq.md:4: warning: the link ../days/thursday.md#quiz-time goes to "
        "#quiz-time on days/thursday/, a day whose text is not shown until Thursday 8 "
        'October 2026 (reveal = "daily"), so that heading cannot be checked yet; until then '
        "the link opens the top of the day's page")
    outcome = run(site, "check", "--as-of", "2026-10-08")
    assert not [line for line in report_lines(outcome) if "quiz-time" in line], outcome.stdout


def test_one_picture_shown_twice_without_alt_is_named_at_each_line(make_site: MakeSite,
                                                                    run: Run) -> None:
    """Both were reported at the first line, so the second stayed after that one was
    fixed, with a line number that pointed at the fixed picture."""
    site = site_with(make_site, {
        "content/images/team.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "content/pages/about.md": "---\ntitle: About\n---\nIntro.\n\n"
                                  "![](../images/team.svg)\n\nMore words.\n\n"
                                  "![](../images/team.svg)\n"})
    outcome = run(site, "check", *AS_OF)
    alt = [line for line in report_lines(outcome) if "no alt text" in line]
    assert [line.split(" warning: ")[0] for line in alt] == [
        "content/pages/about.md:6:", "content/pages/about.md:10:"], outcome.stdout


def test_a_picture_written_as_html_is_told_to_take_an_alt_attribute(make_site: MakeSite,
                                                                     run: Run) -> None:
    site = site_with(make_site, {
        "content/images/team.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "content/pages/about.md": "---\ntitle: About\n---\nIntro.\n\n"
                                  "<img src=\"../images/team.svg\">\n\n![](../images/team.svg)\n"})
    outcome = run(site, "check", *AS_OF)
    line_with(outcome, "content/pages/about.md:6: warning: ", "no alt text; add alt=\"...\" "
              "to its <img> tag with a short description, like <img src=\"...\" alt=\"Our "
              "team at the opening\">, for people who cannot see it")
    line_with(outcome, "content/pages/about.md:8: warning: ", "no alt text; write a short "
              "description between the brackets")


def test_a_missing_picture(make_site: MakeSite, run: Run) -> None:
    site = site_with(make_site, {
        "content/pages/about.md": "---\ntitle: About\n---\n![Our team](../images/team.jpg)\n"})
    outcome = run(site, "check", *AS_OF)
    line_with(outcome, "content/pages/about.md:4: ", "picture ../images/team.jpg",
              "goes to content/images/team.jpg, which does not exist")


def test_empty_and_vague_link_text(make_site: MakeSite, run: Run) -> None:
    site = site_with(make_site, {
        "content/pages/about.md": "---\ntitle: About\n---\nOne [](https://example.org/a).\n\n"
                                  "For the form, [click here](https://example.org/form).\n\n"
                                  "[Read more…](https://example.org/more)\n"})
    outcome = run(site, "check", *AS_OF)
    assert outcome.exit_code == 0
    line_with(outcome, "content/pages/about.md:4: warning: ", "has no text")
    line_with(outcome, "content/pages/about.md:6: warning: ", "\"click here\"",
              "name the destination")
    line_with(outcome, "content/pages/about.md:8: warning: ", "Read more")


def test_skipped_heading_levels(make_site: MakeSite, run: Run) -> None:
    site = site_with(make_site, {
        "content/pages/faq.md": "---\ntitle: FAQ\n---\n## Opening hours\n\nText.\n\n"
                                "#### On Saturdays\n\nText.\n",
        "content/pages/about.md": "---\ntitle: About\n---\n### Who we are\n\nText.\n"})
    outcome = run(site, "check", *AS_OF)
    line_with(outcome, "content/pages/faq.md:8: warning: ", "\"On Saturdays\" skips a level",
              "after \"Opening hours\"", "write it with ### instead of ####")
    line_with(outcome, "content/pages/about.md:4: warning: ", "after the page title",
              "write it with ## instead of ###")


def test_photo_without_alt(make_site: MakeSite, run: Run) -> None:
    site = site_with(make_site, {
        "content/images/sam.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "content/honour-roll/sam.md": "---\nname: Sam Okafor\nphoto: ../images/sam.svg\n---\n"})
    outcome = run(site, "check", *AS_OF)
    line_with(outcome, "content/honour-roll/sam.md:3: warning: ", "photo has no alt text")


def test_staff_names_and_people_listed_twice(make_site: MakeSite, run: Run) -> None:
    site = site_with(make_site, {
        "content/honour-roll/zoe.md": "---\nname: Zoë Nyathi\n---\n",
        "content/honour-roll/more.csv": "name,role\nTendai Moyo,Clerk\nzoe nyathi,Adviser\n",
        "content/testimonials/ana.md": "---\ncustomer: Ana\nstaff: [Zoe Nyathy]\n---\nKind.\n"})
    outcome = run(site, "check", *AS_OF)
    line_with(outcome, "content/testimonials/ana.md:3: warning: ", "\"Zoe Nyathy\"",
              "did you mean \"Zoë Nyathi\"?")
    line_with(outcome, "content/honour-roll/zoe.md:2: warning: ", "on the honour roll twice",
              "(also content/honour-roll/more.csv:3)")


def test_days_without_a_page_or_events(make_site: MakeSite, run: Run) -> None:
    files = {k: v for k, v in WEEK.items() if "wednesday" not in k}
    files["content/days/friday.md"] = "---\ntitle: Awards Friday\nday: friday\n---\nParty.\n"
    outcome = run(make_site(files), "check", *AS_OF)
    line_with(outcome, "content/days: warning: ", "Wednesday 7 October 2026",
              "cswgen add day", "--date 2026-10-07")
    line_with(outcome, "content/days/friday.md:1: warning: ", "no events")


def test_days_without_a_page_are_listed_in_the_weeks_order(make_site: MakeSite,
                                                          run: Run) -> None:
    files = {k: v for k, v in WEEK.items() if "monday" in k or "tuesday" in k}
    outcome = run(make_site(files), "check", *AS_OF)
    missing = [line.split(": warning: ")[1].split()[0] for line in report_lines(outcome)
               if "is a day of the week but has no page" in line]
    assert missing == ["Wednesday", "Thursday", "Friday"], outcome.stdout  # not by alphabet


def test_publish_dates_after_the_week(make_site: MakeSite, run: Run) -> None:
    site = site_with(make_site, {
        "content/pages/thanks.md": "---\ntitle: Thank you\npublish: 2026-11-02\n---\nThanks.\n"})
    outcome = run(site, "check", *AS_OF)
    line_with(outcome, "content/pages/thanks.md:3: warning: ", "`publish` is 2026-11-02",
              "after the week ends (Friday 9 October 2026)")


def test_broken_link_in_a_page_published_later(make_site: MakeSite, run: Run) -> None:
    site = site_with(make_site, {
        "content/pages/thanks.md": "---\ntitle: Thank you\npublish: 2026-10-08\n---\n"
                                   "Read [our promise](../promise.md).\n"})
    outcome = run(site, "check", *AS_OF)
    assert outcome.exit_code == 1
    line_with(outcome, "content/pages/thanks.md:5: ", "../promise.md", "does not exist")


def test_build_problems_are_listed_and_fail(make_site: MakeSite, run: Run) -> None:
    site = site_with(make_site, {
        "content/testimonials/ana.md": "---\nrating: 9\n---\nKind.\n",
        "content/pages/about.md": "---\ntitle: About\n---\n[x](../images/gone.png) here\n"})
    outcome = run(site, "check", *AS_OF)
    assert outcome.exit_code == 1
    line_with(outcome, "content/testimonials/ana.md:1: ", "`customer` is required")
    line_with(outcome, "content/testimonials/ana.md:2: ", "`rating` must be")
    assert "Traceback" not in outcome.stdout + outcome.stderr


def test_links_from_the_theme_name_the_template(make_site: MakeSite, run: Run) -> None:
    site = site_with(make_site, {
        "config.toml": "[site]\ntitle = \"T\"\ntheme = \"mine\"\n[week]\nyear = 2026\n",
        "themes/mine/theme.toml": "extends = \"classic\"\n",
        "themes/mine/templates/page.html": "{% extends \"classic:page.html\" %}"
                                           "{% block content %}<a href=\"{{ 'gone/' | url }}\">"
                                           "Gone</a>{% endblock %}\n",
        "content/pages/about.md": "---\ntitle: About\n---\nHello.\n"})
    outcome = run(site, "check", *AS_OF)
    line_with(outcome, "themes/mine/templates/page.html:1: ", "gone/", "not in the built site")


def test_strict_and_json(make_site: MakeSite, run: Run) -> None:
    site = site_with(make_site, {
        "content/pages/about.md": "---\ntitle: About\n---\n[here](https://example.org)\n"})
    assert run(site, "check", *AS_OF).exit_code == 0
    outcome = run(site, "check", *AS_OF, "--strict", "--format", "json")
    assert outcome.exit_code == 1
    data = json.loads(outcome.stdout)
    assert data["format"] == "cswgen-check/1"
    assert (data["ready"], data["strict"], data["errors"], data["warnings"]) == \
        (False, True, 0, 1)
    assert data["problems"] == [{"number": 1, "severity": "warning",
                                 "path": "content/pages/about.md", "line": 4,
                                 "message": data["problems"][0]["message"]}]
    assert "\"here\"" in data["problems"][0]["message"]
    again = run(site, "check", *AS_OF, "--format", "JSON")  # (as CI documentation writes it)
    assert again.exit_code == 0 and json.loads(again.stdout)["warnings"] == 1


def test_require_consent_leaves_out_and_lists(make_site: MakeSite, run: Run) -> None:
    site = site_with(make_site, {
        "config.toml": "[site]\ntitle = \"T\"\n[week]\nyear = 2026\n[build]\n"
                       "require_consent = true\n",
        "content/images/sam.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
        "content/testimonials/ana.md": "---\ncustomer: Ana\n---\nKind.\n",
        "content/testimonials/ben.md": "---\ncustomer: Ben\nconsent: 2026-09-01\n---\nGood.\n",
        "content/testimonials/more.csv": "customer,consent,text\nCara,,Nice.\nDan,yes,Great.\n",
        "content/honour-roll/sam.md": "---\nname: Sam\nphoto: ../images/sam.svg\nalt: Sam\n"
                                      "consent: false\n---\n",
        "content/honour-roll/tom.md": "---\nname: Tom\n---\n"})
    outcome = run(site, "check", *AS_OF)
    assert outcome.exit_code == 0
    line_with(outcome, "content/testimonials/ana.md:1: warning: ", "left out because "
              "[build] require_consent is on", "add `consent:` true or the date")
    line_with(outcome, "content/testimonials/more.csv:2: warning: ",
              "write true or the date they agreed (like 2026-09-14) in its `consent` cell")
    line_with(outcome, "content/honour-roll/sam.md:5: warning: ", "left out",
              "or remove the photo")
    assert len([line for line in report_lines(outcome) if "left out" in line]) == 3
    built = run(site, "build", *AS_OF)
    assert built.exit_code == 0
    assert "content/testimonials/ana.md:1: warning: left out" in built.stderr
    testimonials = sorted(p.name for p in (site / "output/testimonials").iterdir() if p.is_dir())
    assert testimonials == ["ben", "dan"]
    people = sorted(p.name for p in (site / "output/honour-roll").iterdir() if p.is_dir())
    assert people == ["tom"]


def test_a_new_site_is_ready(tmp_path: Path, run: Run) -> None:
    # `cswgen new` moves the year in links (csw-2026-programme.txt), so the files move too
    from datetime import date

    from cswgen.commands.new import new_site

    year = new_site(tmp_path / "mysite", date(2027, 1, 10)).year
    outcome = run(tmp_path / "mysite", "check", "--as-of", f"{year}-10-05")
    assert outcome.exit_code == 0, outcome.stdout
    assert outcome.stdout.rstrip().endswith("no problems found.")
    assert (tmp_path / f"mysite/content/downloads/csw-{year}-programme.txt").is_file()


def test_an_output_folder_build_would_refuse(make_site: MakeSite, run: Run) -> None:
    site = site_with(make_site, {"output/notes.txt": "mine\n"})
    outcome = run(site, "check", *AS_OF)
    assert outcome.exit_code == 1
    line_with(outcome, "config.toml: ", "holds files cswgen did not write (notes.txt)")
    assert (site / "output/notes.txt").read_text() == "mine\n"


def test_a_broken_anchor_on_a_translated_page_is_found_in_the_content(
        make_site: MakeSite, run: Run) -> None:
    """The French FAQ shows the English text (it has no translation), whose link to the
    policy's `#privacy` misses on the French policy: the problem is at the FAQ's line,
    not in the theme's template."""
    site = site_with(make_site, {
        "config.toml": '[site]\ntitle = "T"\nlanguages = ["en-GB", "fr"]\n'
                       '[week]\nyear = 2026\n',
        "content/policy.md": "---\ntitle: Policy\n---\n## Privacy {#privacy}\n\nKept safe.\n",
        "content/policy.fr.md": "---\ntitle: Politique\n---\n## Confidentialité\n\nGardé.\n",
        "content/pages/faq.md": "---\ntitle: FAQ\n---\nIntro.\n\nSee [privacy]"
                                "(../policy.md#privacy).\n"})
    outcome = run(site, "check", *AS_OF)
    assert line_with(outcome, "content/pages/faq.md:6:", "#privacy", "fr/policy/")
    assert not [line for line in report_lines(outcome) if "templates/" in line], outcome.stdout


def test_a_theme_stylesheet_naming_a_missing_file(make_site: MakeSite, run: Run) -> None:
    """A stylesheet copied into a theme and given a background picture and a font that were
    never put in the theme: the site looks wrong, and check said "no problems found"."""
    css = ("body { color: #222; }\n"
           "/* url(commented-out.png) */\n"
           'header { background: url("images/paper.png") repeat; }\n'
           "@font-face { font-family: Brand;\n"
           "  src: url(fonts/brand.woff2?v=2#iefix) format(\"woff2\"); }\n"
           "footer { background: url(data:image/gif;base64,R0lGOD==),\n"
           "  url('https://example.org/x.png'), url(images/here.png),\n"
           "  url(../images/logo.svg); }\n")
    site = site_with(make_site, {
        "config.toml": '[site]\ntitle = "T"\ntheme = "mine"\n[week]\nyear = 2026\n',
        "themes/mine/theme.toml": 'extends = "classic"\n',
        "themes/mine/static/extra.css": css,
        "themes/mine/static/images/here.png": b"\x89PNG\r\n\x1a\n",
        "content/images/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    outcome = run(site, "check", *AS_OF)
    assert outcome.exit_code == 1, outcome.stdout
    wrong = [line for line in report_lines(outcome)
             if "extra.css" in line and ": warning: " not in line]
    assert wrong == [
        "themes/mine/static/extra.css:3: the picture images/paper.png is not in the theme; "
        "add it as themes/mine/static/images/paper.png, or correct the name",
        "themes/mine/static/extra.css:5: the font fonts/brand.woff2 is not in the theme; "
        "add it as themes/mine/static/fonts/brand.woff2, or correct the name"]


def test_a_theme_that_loads_files_from_another_host(make_site: MakeSite, run: Run) -> None:
    """SPEC: no page loads anything from another host.  A Google font or a script from a CDN
    pasted into a site's theme went out without a word: visitors' browsers tell that host who
    is reading, and the page is unstyled when opened from a zip."""
    base = ('{% extends "classic:base.html" %}\n{% block head %}\n'
            '<link rel="preconnect" href="https://fonts.gstatic.com">\n'
            '<link rel="stylesheet"\n      href="https://fonts.googleapis.com/css2?family=Roboto">'
            '\n<script src="//cdn.example.org/confetti.js" defer></script>\n'
            '<link rel="canonical" href="https://csw.example.org/">\n'
            '<a href="https://example.org/">a link is fine</a>\n{% endblock %}\n')
    site = site_with(make_site, {
        "config.toml": '[site]\ntitle = "T"\ntheme = "mine"\n[week]\nyear = 2026\n',
        "themes/mine/theme.toml": 'extends = "classic"\n',
        "themes/mine/templates/base.html": base,
        "themes/mine/static/extra.css":
            "/* fonts */\n@import url('https://fonts.googleapis.com/css2?family=Lato');\n"
            '@import "https://cdn.example.org/reset.css";\n@import "more.css";\n'})
    outcome = run(site, "check", *AS_OF)
    found = [line for line in report_lines(outcome) if line.startswith("themes/")]
    why = ("visitors' browsers ask that host for it (telling it who is reading), and it is "
           "missing when the site is opened from disk or a zip; put the file in "
           "themes/mine/static/ and refer to it by its path there")
    assert found == [
        "themes/mine/static/extra.css:4: the file more.css is not in the theme; add it as "
        "themes/mine/static/more.css, or correct the name",
        f"themes/mine/static/extra.css:2: warning: loads https://fonts.googleapis.com/css2?"
        f"family=Lato from another host; {why}",
        "themes/mine/static/extra.css:3: warning: loads https://cdn.example.org/reset.css "
        f"from another host; {why}",
        f"themes/mine/templates/base.html:4: warning: loads https://fonts.googleapis.com/css2?"
        f"family=Roboto from another host; {why}",
        f"themes/mine/templates/base.html:6: warning: loads //cdn.example.org/confetti.js "
        f"from another host; {why}"], outcome.stdout


def test_a_theme_template_naming_a_missing_asset(make_site: MakeSite, run: Run) -> None:
    """`{{ "brand.css" | asset }}` for a file never put in the theme was reported with no
    line and "it must be under content/", where a theme's files do not go."""
    page = ('{% extends "classic:page.html" %}\n{% block head %}\n'
            '<link rel="stylesheet" href="{{ "brand.css" | asset }}">\n{% endblock %}\n'
            '{% block content %}\n<img src="{{ "images/logo-big.png" | asset }}" alt="Logo">'
            "\n{% endblock %}\n")
    site = site_with(make_site, {
        "config.toml": '[site]\ntitle = "T"\ntheme = "mine"\n[week]\nyear = 2026\n',
        "themes/mine/theme.toml": 'extends = "classic"\n',
        "themes/mine/templates/page.html": page,
        "content/pages/about.md": "---\ntitle: About\n---\nHi\n"})
    outcome = run(site, "check", *AS_OF)
    assert outcome.exit_code == 1
    found = [line for line in report_lines(outcome) if line.startswith("themes/")]
    assert found == [
        "themes/mine/templates/page.html:3: the link goes to assets/brand.css, which is not "
        "in the built site; add it as themes/mine/static/brand.css, or correct the name",
        "themes/mine/templates/page.html:6: the picture goes to assets/images/logo-big.png, "
        "which is not in the built site; add it as themes/mine/static/images/logo-big.png, "
        "or correct the name"], outcome.stdout


def test_an_untranslated_pages_broken_links_are_listed_once(make_site: MakeSite,
                                                           run: Run) -> None:
    """The French FAQ shows the English text: its missing picture and anchors are one
    item each, at the English file's line, not one per language."""
    faq = ("---\ntitle: FAQ\n---\nIntro.\n\n![Us](../images/us.svg) [top](#nowhere) "
           "[privacy](../policy.md#privacy)\n")
    site = site_with(make_site, {
        "config.toml": '[site]\ntitle = "T"\nlanguages = ["en-GB", "fr"]\n'
                       '[week]\nyear = 2026\n',
        "content/policy.md": "---\ntitle: Policy\n---\nKept safe.\n",
        "content/pages/faq.md": faq})
    outcome = run(site, "check", *AS_OF)
    listed = [line for line in report_lines(outcome) if "faq.md:6:" in line]
    assert len(listed) == 1, outcome.stdout  # (a build error: the anchors wait for pages)
    assert "the picture ../images/us.svg goes to content/images/us.svg, which does not " \
        "exist" in listed[0]
    write(site, {"content/images/us.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>"})
    outcome = run(site, "check", *AS_OF)
    listed = [line for line in report_lines(outcome) if "faq.md:6:" in line]
    assert len(listed) == 2, outcome.stdout
    assert "the link ../policy.md#privacy goes to #privacy, which is not on policy/;" \
        in "".join(listed)
    assert "fr/" not in "".join(listed)


def test_a_wrong_week_is_the_one_thing_said_about_the_days(make_site: MakeSite,
                                                            run: Run) -> None:
    """`start = "2026-10-05"` in quotes, or `days = 0`, was one error and then a warning
    for every day of the week that it "has no page; add one with cswgen add day", though
    each day's file was there (set aside until the week is right): following that advice
    would give each day a second page."""
    for week in ('start = "2026-10-05"\n', "days = 0\n", "days = 8\n"):
        config = ('[site]\ntitle = "Test Week"\n\n[week]\nyear = 2026\n' + week +
                  'timezone = "Africa/Harare"\n')
        outcome = run(site_with(make_site, {"config.toml": config}), "check", *AS_OF)
        assert outcome.exit_code == 1
        assert [line for line in report_lines(outcome) if line.startswith("config.toml")] \
            == [line for line in report_lines(outcome)], outcome.stdout
        assert "has no page" not in outcome.stdout, outcome.stdout


def test_last_years_words_and_publish_dates_after_a_redate(make_site: MakeSite,
                                                           run: Run) -> None:
    # Rudo moved the site to 2027 with cswgen redate; the title and the home page still
    # say 2026, and one testimonial was saved again from her editor with last year's date
    site = make_site({
        "config.toml": "[site]\ntitle = \"Customer Service Week 2026\"\nlanguages = [\"en\", "
                       "\"fr\"]\ndescription = \"5 to 9 "
                       "October 2026 at Msasa\"\n\n[week]\nyear = 2027\ntheme = \"Dream Team\"\n"
                       "timezone = \"Africa/Harare\"\n\n[site.fr]\ntitle = \"Semaine 2026\"\n\n"
                       "[extra]\nhashtag = \"#CSW2026\"\n",
        "content/index.md": "---\ntitle: Welcome to CSW 2026\n---\nHello.\n",
        "content/pages/history.md": "---\ntitle: Seven years since 2020\n---\nHello.\n",
        "content/testimonials/grace.md": "---\ncustomer: Grace O.\ntitle: Best day of 2026\n"
                                         "publish: 2026-10-06\n---\nThank you.\n",
        **{path.replace("2026", "2027"): text for path, text in WEEK.items()}})
    outcome = run(site, "check", "--as-of", "2027-09-20")
    assert outcome.exit_code == 0, outcome.stdout
    lines = report_lines(outcome)
    assert ("config.toml:2: warning: [site] title names 2026, but the week is in 2027; if it "
            "is about this year's week, write \"Customer Service Week 2027\"") in lines
    assert ("config.toml:4: warning: [site] description names 2026, but the week is in 2027; "
            "if it is about this year's week, update its year and any dates in it (this "
            "year's week is 4–8 October 2027)") in lines
    assert ("config.toml:12: warning: [site.fr] title names 2026, but the week is in 2027; if "
            "it is about this year's week, write \"Semaine 2027\"") in lines
    assert ("config.toml:15: warning: [extra] hashtag names 2026, but the week is in 2027; "
            "if it is about this year's week, write \"#CSW2027\"") in lines
    assert ("content/index.md:2: warning: the title names 2026, but the week is in 2027; if "
            "it is about this year's week, write \"Welcome to CSW 2027\"") in lines
    assert ("content/testimonials/grace.md:4: warning: `publish` is 2026-10-06, a date of "
            "2026, so this is online already instead of waiting for its day in this year's "
            "week; change it to 2027-10-05 (the same day, 2027), or remove `publish` if it "
            "should be online now") in lines
    assert not any("Best day of 2026" in line for line in lines)  # a record: left as it is
    assert not any("names 2020" in line for line in lines)  # history, not last year


def test_a_day_left_at_last_years_date_is_not_also_said_to_be_missing(make_site: MakeSite,
                                                                      run: Run) -> None:
    # after cswgen redate 2027, monday.md was saved again from an editor with 2026's date:
    # "Monday has no page; add one with cswgen add day" would make a second Monday
    days = {path: text.replace("day: monday", "date: 2026-10-05") for path, text in WEEK.items()}
    site = make_site({**days, "config.toml": "[site]\ntitle = \"T\"\n\n[week]\nyear = "
                      "2027\ntimezone = \"Africa/Harare\"\n"})
    outcome = run(site, "check", "--as-of", "2027-09-20")
    assert outcome.exit_code == 1
    assert report_lines(outcome) == [
        "content/days/monday.md:3: 2026-10-05 (Monday 5 October 2026) is outside the week "
        "(4–8 October 2027); change it to 2027-10-04, the same day of this year's week, or "
        "[week] in config.toml (if the whole site is moving to 2027, put [week] back as it "
        "was for 2026 and run `cswgen redate 2027`: it moves every date at once)"]


def test_the_report_says_the_day_it_checked_and_what_a_daily_reveal_shows(
        make_site: MakeSite, run: Run) -> None:
    # Rudo checks the site as it will be on Wednesday: which days can people read in full?
    config = ("[site]\ntitle = \"T\"\n\n[week]\nyear = 2026\ntimezone = \"Africa/Harare\"\n"
              "reveal = \"daily\"\n")
    site = site_with(make_site, {"config.toml": config})
    said = {day: run(site, "check", "--as-of", day).stdout.splitlines()[:2]
            for day in ("2026-09-28", "2026-10-07", "2026-10-08", "2026-10-09")}
    assert said["2026-09-28"][0].startswith("Checked the site as of Monday 28 September 2026 (")
    assert said["2026-09-28"][1] == ("Every day shows only its title and date until its day "
                                     "([week] reveal = \"daily\").")
    assert said["2026-10-07"][0].startswith("Checked the site as of Wednesday 7 October 2026 (")
    assert said["2026-10-07"][1] == (
        "Monday 5 October to Wednesday 7 October show in full; Thursday 8 October and Friday "
        "9 October show only their title and date until their day ([week] reveal = \"daily\").")
    assert said["2026-10-08"][1] == (
        "Monday 5 October to Thursday 8 October show in full; Friday 9 October shows only "
        "its title and date until its day ([week] reveal = \"daily\").")
    assert said["2026-10-09"][1] != said["2026-10-07"][1]  # every day in full: nothing said
    assert not said["2026-10-09"][1].startswith(("Every", "Monday"))


def test_the_reveal_sentence_leaves_out_a_day_held_back_by_its_publish_date(
        make_site: MakeSite, run: Run) -> None:
    """Tuesday's page waits for its `publish` date (Thursday): as of Wednesday the report
    said "Monday 5 October to Wednesday 7 October show in full", though Tuesday was not on
    the site at all."""
    config = ("[site]\ntitle = \"T\"\n\n[week]\nyear = 2026\ntimezone = \"Africa/Harare\"\n"
              "reveal = \"daily\"\n")
    tuesday = WEEK["content/days/tuesday.md"].replace("day: tuesday\n",
                                                      "day: tuesday\npublish: 2026-10-08\n")
    site = site_with(make_site, {"config.toml": config, "content/days/tuesday.md": tuesday})
    said = run(site, "check", "--as-of", "2026-10-07").stdout.splitlines()[1]
    assert said == (
        "Monday 5 October and Wednesday 7 October show in full; Thursday 8 October and "
        "Friday 9 October show only their title and date until their day ([week] reveal = "
        "\"daily\"). Tuesday 6 October is not published yet (a later `publish` date).")


def test_as_of_a_weekday_or_a_date_in_words_is_told_its_date(make_site: MakeSite,
                                                              run: Run) -> None:
    # Rudo checks "Wednesday's site": the message gives her the date to type
    site = site_with(make_site, {})
    for given, meant in (("wednesday", "for Wednesday 7 October 2026, 2026-10-07"),
                         ("Monday 5 October", "for Monday 5 October 2026, 2026-10-05"),
                         ("2026-10-6", "for Tuesday 6 October 2026, 2026-10-06")):
        outcome = run(site, "check", "--as-of", given)
        assert outcome.exit_code == 2
        assert (f'Invalid value for \'--as-of\': "{given}" is not a date; write it as '
                f"YYYY-MM-DD (year, month, day): {meant}") in outcome.stderr
    unknown = run(site, "check", "--as-of", "06/10/2026")  # which is the day? not guessed
    assert unknown.stderr.rstrip().endswith("(year, month, day), like 2026-10-06")


def test_a_day_published_after_its_own_date(make_site: MakeSite, run: Run) -> None:
    # Wednesday's page with Thursday's publish date (last year's Wednesday was the 7th):
    # on Wednesday the page is not there at all
    site = site_with(make_site, {"content/days/wednesday.md": "---\ntitle: Wellness "
                                 "Wednesday\nday: wednesday\npublish: 2026-10-08\nevents:\n"
                                 "  - time: 10:00\n    title: Walk\n---\nHi\n"})
    outcome = run(site, "check", "--as-of", "2026-10-07")
    assert outcome.exit_code == 0
    assert ("content/days/wednesday.md:4: warning: `publish` is 2026-10-08, after the day "
            "itself (Wednesday 7 October 2026), so this day's page is not online on its day; "
            "use 2026-10-07 or earlier, or remove `publish` ([week] reveal = \"daily\" shows "
            "each day on its day)") in report_lines(outcome)
    on_time = site_with(make_site, {"content/days/wednesday.md": "---\ntitle: W\nday: "
                                    "wednesday\npublish: 2026-10-07\nevents:\n  - time: "
                                    "10:00\n    title: Walk\n---\nHi\n"})
    assert "after the day itself" not in run(on_time, "check", *AS_OF).stdout
