"""A Kigali site in Kinyarwanda (the default), French and English, whose translations come
back from a freelance translator: some incomplete, some misnamed (SPEC "Several languages
in one site")."""

from __future__ import annotations

import re

from tests.helpers import AS_OF, MakeSite, Run, error_lines, no_traceback

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


def test_a_misnamed_translation_says_which_name_to_give_it(make_site: MakeSite,
                                                           run: Run) -> None:
    """The translator's files come back as `Tuesday.fr.md` (Word capitalised it),
    `vendredi.fr.md` (the file name translated too) and a row with a name misspelt: each
    error names the file to rename it to, all in one run."""
    site = make_site({
        "config.toml": CONFIG,
        "content/days/monday.md": "---\ntitle: Ku wa Mbere\nday: monday\n---\nMuraho.\n",
        "content/days/tuesday.md": TUESDAY,
        "content/days/friday.md": "---\ntitle: Ku wa Gatanu\nday: friday\n---\nMurakoze.\n",
        "content/days/monday.fr.md": "---\ntitle: Lundi\n---\nBonjour.\n",
        "content/days/Tuesday.fr.md": "---\ntitle: Mardi\n---\nBonjour.\n",
        "content/days/vendredi.fr.md": "---\ntitle: Vendredi\n---\nMerci.\n",
        "content/honour-roll/team.csv": "name,role\nJean Bosco Habimana,Umukozi\n",
        "content/honour-roll/team.fr.csv": "name,role\nJean Bosco Habimanna,Agent\n",
    })
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert error_lines(outcome) == [
        "content/days/Tuesday.fr.md:1: is a translation of content/days/Tuesday.md, which "
        "does not exist: the file it translates is content/days/tuesday.md, so name it "
        "tuesday.fr.md, with the same capitals",
        "content/days/vendredi.fr.md:1: is a translation of content/days/vendredi.md, which "
        "does not exist; a translation is named after the file it translates, with the "
        "language before the suffix, and the files in days/ with no French translation yet "
        "are friday.md, tuesday.md: rename it after the one it translates (friday.fr.md for "
        "friday.md), or delete it if the file it translated was removed",
        'content/honour-roll/team.fr.csv:2: translates "Jean Bosco Habimanna", but '
        "content/honour-roll/team.csv has no row of that name; keep the name (or slug) as it "
        "is in the original, so the row can be matched (did you mean \"Jean Bosco "
        'Habimana"?)']


def test_plural_forms_kinyarwanda_does_not_have_get_one_text_to_write(make_site: MakeSite,
                                                                       run: Run) -> None:
    """CLDR gives Kinyarwanda one plural form; Aline writes the singular and plural nouns
    (umunsi, iminsi) as she would in English: the error says to give one text, with hers."""
    site = make_site({
        "config.toml": CONFIG + '[labels]\ncountdown = { one = "Hasigaye umunsi {n}", '
                                'other = "Hasigaye iminsi {n}" }\n',
        "content/days/monday.md": "---\ntitle: Ku wa Mbere\nday: monday\n---\nMuraho.\n",
    })
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert error_lines(outcome) == [
        "config.toml:8: [labels] countdown has plural forms one, other, but Kinyarwanda "
        "(Rwanda) has one form for every number in the Unicode CLDR, which cswgen follows, "
        'so give one text, used for every number: countdown = "Hasigaye iminsi {n}"']
    (site / "config.toml").write_text(CONFIG + '[labels]\ncountdown = "Hasigaye iminsi {n}"\n',
                                      "utf-8")
    outcome = run(site, "build", "--as-of", "2026-10-01")
    assert outcome.exit_code == 0, outcome.stderr
    assert "Hasigaye iminsi 4" in (site / "output/index.html").read_text("utf-8")


def test_field_names_the_translator_translated_too_are_warned_of(make_site: MakeSite,
                                                                  run: Run) -> None:
    """`résumé:` for `summary:`: the French page shows the Kinyarwanda summary, and the
    warning says why, at the line, with the original's field names."""
    site = make_site({
        "config.toml": CONFIG,
        "content/days/tuesday.md": TUESDAY,
        "content/days/tuesday.fr.md": "---\ntitle: Mardi des héros\nrésumé: Nos héros.\n"
                                      "---\nBonjour.\n",
    })
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert ("content/days/tuesday.fr.md:3: warning: `résumé` is not a field of days, nor one "
            "of content/days/tuesday.md, so it is not used and the page keeps the original's "
            "words; a translation keeps the field names as its original writes them and "
            "translates what follows the colon (the original's fields: title, day, events)"
            ) in outcome.lines


def test_an_anchor_a_translation_left_out_names_the_translation(make_site: MakeSite,
                                                                 run: Run) -> None:
    """The FAQ, not translated into English, links to the policy's #complaints; the English
    policy the translator sent has no such heading: check names the file to fix."""
    site = make_site({
        "config.toml": CONFIG,
        "content/days/tuesday.md": TUESDAY,
        "content/policy.md": "---\ntitle: Politiki yacu\n---\n## Ibirego {#complaints}\n\n"
                             "Twandikire.\n",
        "content/policy.en.md": "---\ntitle: Our policy\n---\nWrite to us.\n",
        "content/pages/faq.md": "---\ntitle: Ibibazo\n---\nReba [ibirego]"
                                "(../policy.md#complaints).\n",
    })
    outcome = run(site, "check", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert [line.split(". ", 1)[1] for line in outcome.stdout.splitlines()
            if "#complaints" in line] == [
        "content/pages/faq.md:4: the link ../policy.md#complaints goes to #complaints, which "
        "is not on en/policy/, made from content/policy.en.md, a translation without that "
        "heading (a translated heading's anchor is made of its own words: keep the "
        "original's by writing {#complaints} after it); check the heading it points to (a "
        "heading's anchor is its text in lower case with - for spaces, or set one with "
        "{#name})"]


def test_a_backup_of_a_translation_is_not_published(make_site: MakeSite, run: Run) -> None:
    """Aline keeps the translator's first version as `tuesday.fr.md.bak` before editing it:
    its text (drafts and all) is not published as a file anyone can download."""
    site = make_site({
        "config.toml": CONFIG,
        "content/days/tuesday.md": TUESDAY,
        "content/days/tuesday.fr.md": "---\ntitle: Mardi des héros\n---\nBonjour.\n",
        "content/days/tuesday.fr.md.bak": "---\ntitle: Mardi\ndraft: true\n---\nSecret.\n",
    })
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert not list((site / "output").rglob("*.bak"))
    assert ('content/days/tuesday.fr.md.bak: warning: looks like a backup of a Markdown file, '
            "so it is not a page, and it is not published either (that would publish its "
            "text as it is, drafts and all); if it is the page, rename it to "
            '"tuesday.fr.md", and if it is an old version, move it out of content/'
            ) in outcome.lines


def test_a_translation_named_another_way_says_how_to_name_it(make_site: MakeSite,
                                                              run: Run) -> None:
    """`monday_fr.md`, `tuesday (FR).md`, `wednesday.francais.md`: each is read as a day of
    its own (so an error that it has no date), and a warning says which name makes it the
    translation; `thursday.fr.MD` is told the original's own ending."""
    days = {f"content/days/{day}.md": f"---\ntitle: Ku wa {day}\nday: {day}\n---\nMuraho.\n"
            for day in ("monday", "tuesday", "wednesday", "thursday")}
    site = make_site({
        "config.toml": CONFIG, **days,
        "content/days/monday_fr.md": "---\ntitle: Lundi\n---\nBonjour.\n",
        "content/days/tuesday (FR).md": "---\ntitle: Mardi\n---\nBonjour.\n",
        "content/days/wednesday.francais.md": "---\ntitle: Mercredi\n---\nBonjour.\n",
        "content/days/thursday.fr.MD": "---\ntitle: Jeudi\n---\nBonjour.\n",
        "content/days/thursday-team.md": "---\ntitle: Ikipe\nday: friday\n---\nMuraho.\n",
    })
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    said = [line for line in outcome.lines if "looks like" in line or ".MD" in line]
    assert said == [
        "content/days/thursday.fr.MD:1: is a translation of content/days/thursday.MD, which "
        "does not exist: the file it translates is content/days/thursday.md, so name it "
        "thursday.fr.md, with the same capitals",
        *(f"content/days/{name}:1: warning: looks like the French translation of {day}.md, but "
          "it is read as a page of its own, since a translation's name has the language's "
          f"tag between two dots; rename it to {day}.fr.md"
          for name, day in (("monday_fr.md", "monday"), ("tuesday (FR).md", "tuesday"),
                            ("wednesday.francais.md", "wednesday")))]


def test_translations_sent_in_a_language_folder_are_not_published(make_site: MakeSite,
                                                                   run: Run) -> None:
    """The translator sends `fr/days/tuesday.md` and `fr/honour-roll/team.csv` (with a
    column nobody should see): neither is published as it is, and each warning says where
    the file goes."""
    site = make_site({
        "config.toml": CONFIG,
        "content/days/tuesday.md": TUESDAY,
        "content/honour-roll/team.csv": "name,role\nJean Bosco Habimana,Umukozi\n",
        "content/fr/days/tuesday.md": "---\ntitle: Mardi des héros\n---\nBonjour.\n",
        "content/fr/honour-roll/team.csv": "name,role,salary\nJean Bosco Habimana,Agent,900\n",
        "content/fr/brochure.pdf": "%PDF-1.4\n",
    })
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    published = {p.relative_to(site / "output").as_posix()
                 for p in (site / "output/fr").rglob("*") if p.is_file()}
    assert "fr/brochure.pdf" in published
    assert not [p for p in published if p.endswith((".csv", ".md"))]
    for path, to in (("fr/days/tuesday.md", "days/tuesday.fr.md"),
                     ("fr/honour-roll/team.csv", "honour-roll/team.fr.csv")):
        assert (f"content/{path}: warning: is in content/fr/, where cswgen reads no content, "
                "so it is neither read nor published; a translation goes beside the file it "
                f"translates, with the language before the suffix: move it to content/{to}"
                ) in outcome.lines


def test_french_colons_in_a_translation_are_all_reported_in_one_run(make_site: MakeSite,
                                                                     run: Run) -> None:
    """French puts a space before a colon ("Mardi : la journée CX"), which YAML cannot read
    unquoted; a translation has it on several lines, and each is reported in the first run,
    not one per build."""
    site = make_site({
        "config.toml": CONFIG,
        "content/days/tuesday.md": TUESDAY,
        "content/days/tuesday.fr.md": "---\ntitle: Mardi : la journée CX\nsummary: Nos "
                                      "héros : vos collègues.\nevents:\n  - title: Accueil\n"
                                      "    place: Agence : Kigali\n---\nBonjour.\n",
    })
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert error_lines(outcome) == [
        f"content/days/tuesday.fr.md:{line}: the front matter is not valid YAML: the value of "
        f"`{name}` contains `: `, so it must be in quotes, like {name}: \"{value}\""
        for line, name, value in ((2, "title", "Mardi : la journée CX"),
                                  (3, "summary", "Nos héros : vos collègues."),
                                  (6, "place", "Agence : Kigali"))]


def test_add_language_keeps_to_the_translators_file_in_other_capitals(make_site: MakeSite,
                                                                      run: Run) -> None:
    """The translator's `tuesday.FR.md` is the French Tuesday (the build reads it so):
    `cswgen add day tuesday --language fr` does not write a second one beside it (on
    Windows or macOS, the same file), and the translator's words are untouched."""
    sent = "---\ntitle: Mardi du traducteur\n---\nTexte du traducteur.\n"
    site = make_site({"config.toml": CONFIG, "content/days/tuesday.md": TUESDAY,
                      "content/days/tuesday.FR.md": sent})
    outcome = run(site, "add", "day", "tuesday", "--language", "fr")
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert outcome.lines == [
        "content/days/tuesday.FR.md: is the French translation of tuesday.md already, named "
        "in other capitals; cswgen add never overwrites a file: edit that one (and, to keep "
        "to one way of naming, rename it tuesday.fr.md)"]
    assert sorted(p.name for p in (site / "content/days").iterdir()) == ["tuesday.FR.md",
                                                                         "tuesday.md"]
    assert (site / "content/days/tuesday.FR.md").read_text("utf-8") == sent


def test_a_translation_whose_fields_lost_their_fences_is_an_error(make_site: MakeSite,
                                                                  run: Run) -> None:
    """The translator's file starts `title: Mardi des héros` with no --- around it: the
    fields would be published as the page's text, so it is the same error as in an
    original; a translation of the text alone (no fields) is fine."""
    site = make_site({
        "config.toml": CONFIG,
        "content/days/tuesday.md": TUESDAY,
        "content/days/tuesday.fr.md": "title: Mardi des héros\nsummary: Nos héros.\n---\n"
                                      "Bonjour.\n",
        "content/days/tuesday.en.md": "Hello: this is the day of heroes.\n",
    })
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert error_lines(outcome) == [
        "content/days/tuesday.fr.md:1: the fields at the top of this file are not inside a "
        "front-matter block; add a line with just --- above `title:` and another after the "
        "last field (the text goes below it)"]


def test_a_day_named_in_kinyarwanda_as_rwanda_spells_it(make_site: MakeSite,
                                                         run: Run) -> None:
    """CLDR writes "Kuwa gatatu"; Rwanda's spelling is "Ku wa gatatu": both are Wednesday.
    A day that is neither is told the Kinyarwanda names, from CLDR."""
    site = make_site({
        "config.toml": CONFIG,
        "content/days/wednesday.md": "---\ntitle: Ubuzima bwiza\nday: Ku wa Gatatu\n---\nA.\n",
        "content/days/thursday.md": "---\ntitle: Kera\nday: kuwa kane\n---\nB.\n",
    })
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert '<time datetime="2026-10-07">' in (
        site / "output/days/wednesday/index.html").read_text("utf-8")
    (site / "content/days/friday.md").write_text("---\ntitle: Amabara\nday: gatanu\n---\nC.\n",
                                                 "utf-8")
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert error_lines(outcome) == [
        'content/days/friday.md:3: `day` is "gatanu", which is not a day of the week; write a '
        "weekday like monday or tue, or in Kinyarwanda (Rwanda): Kuwa mbere, Kuwa kabiri, "
        "Kuwa gatatu, Kuwa kane, Kuwa gatanu, Kuwa gatandatu, Ku cyumweru"]


def test_labels_named_after_a_language_by_its_name_say_which_table(make_site: MakeSite,
                                                                   run: Run) -> None:
    site = make_site({
        "config.toml": CONFIG + '[labels.francais]\nhome = "Accueil"\n'
                                '[labels.kinyarwanda]\nhome = "Ahabanza"\n',
        "content/days/tuesday.md": TUESDAY,
    })
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert error_lines(outcome) == [
        "config.toml:7: [labels] francais is not a label cswgen or the theme has; a "
        "language's labels go in a table named after its tag, as in [site] languages: "
        "[labels.fr]",
        "config.toml:9: [labels] kinyarwanda is not a label cswgen or the theme has; the "
        "site's default language's labels go in [labels] itself"]


def test_an_event_only_the_translation_has_is_warned_of(make_site: MakeSite,
                                                         run: Run) -> None:
    """The translator's Tuesday has an event the Kinyarwanda programme does not: French
    visitors would see a workshop nobody else is told about."""
    site = make_site({
        "config.toml": CONFIG,
        "content/days/tuesday.md": TUESDAY,
        "content/days/tuesday.fr.md": "---\ntitle: Mardi\nevents:\n  - title: Accueil\n"
                                      "  - title: Atelier\n  - title: Débat\n"
                                      "  - title: Quiz\n    place: Salle 3\n---\nBonjour.\n",
    })
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert [line for line in outcome.lines if "has no match" in line] == [
        "content/days/tuesday.fr.md:7: warning: event 4 has no match in "
        "content/days/tuesday.md, which has 3 events, so it is on this language's pages and "
        "calendar only; a translation gives the words of the original's events, in the same "
        "order: delete it here, or add the event to the original"]


def test_add_language_for_the_default_language_says_it_is_the_default(make_site: MakeSite,
                                                                       run: Run) -> None:
    site = make_site({"config.toml": CONFIG, "content/days/tuesday.md": TUESDAY})
    outcome = run(site, "add", "day", "tuesday", "--language", "rw-RW")
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert outcome.lines == [
        "config.toml:3: --language rw-RW is the site's default language (the first of [site] "
        "languages: rw-RW, fr, en), whose words are in the original files themselves; a "
        "translation is into one of the others (fr, en)"]
    assert sorted(p.name for p in (site / "content/days").iterdir()) == ["tuesday.md"]


def test_check_lists_what_has_no_translation_naming_the_languages(make_site: MakeSite,
                                                                   run: Run) -> None:
    site = make_site({"config.toml": CONFIG, "content/days/tuesday.md": TUESDAY,
                      "content/days/tuesday.fr.md": "---\ntitle: Mardi\n---\nBonjour.\n"})
    outcome = run(site, "check", *AS_OF)
    assert [line.split(". ", 1)[1] for line in outcome.stdout.splitlines()
            if "days/tuesday.md:1" in line] == [
        "content/days/tuesday.md:1: warning: has no translation into English (en) yet, so its "
        "page under en/ shows it in Kinyarwanda (Rwanda); translate it as days/tuesday.en.md"]


def test_a_field_the_translator_left_empty_is_not_translated_yet(make_site: MakeSite,
                                                                  run: Run) -> None:
    """An incomplete translation (`title:` with nothing after it) does not stop the site
    from being published: the page keeps the original's words, marked so, and a warning
    says what to fill in."""
    site = make_site({"config.toml": CONFIG, "content/days/tuesday.md": TUESDAY,
                      "content/days/tuesday.fr.md": "---\ntitle:\n---\nBonjour.\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert ("content/days/tuesday.fr.md:2: warning: `title` is empty, so the page shows the "
            "original's, from content/days/tuesday.md; write its translation here, or delete "
            "the line") in outcome.lines
    page = (site / "output/fr/days/tuesday/index.html").read_text("utf-8")
    assert '<h1 lang="rw-RW" dir="ltr">Ku wa Kabiri w&#39;Intwari</h1>' in page


def test_files_listed_as_waiting_for_a_translation_are_originals(make_site: MakeSite,
                                                                  run: Run) -> None:
    """`friday_fr.md` is a translation named the wrong way, not a day waiting for one."""
    site = make_site({
        "config.toml": CONFIG,
        "content/days/tuesday.md": TUESDAY,
        "content/days/friday.md": "---\ntitle: Ku wa Gatanu\nday: friday\n---\nMurakoze.\n",
        "content/days/friday_fr.md": "---\ntitle: Vendredi\nday: friday\n---\nMerci.\n",
        "content/days/samedi.fr.md": "---\ntitle: Samedi\n---\nMerci.\n",
    })
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 1
    said = [line for line in outcome.lines if line.startswith("content/days/samedi.fr.md")]
    assert len(said) == 1 and "with no French translation yet are friday.md, tuesday.md:" \
        in said[0], said


def test_the_sites_words_a_language_does_not_give_are_marked_as_the_defaults(
        make_site: MakeSite, run: Run) -> None:
    """[site] title in Kinyarwanda, with [site.fr] giving none: the French pages show it in
    Kinyarwanda, marked so; the English pages show the title [site.en] gives, unmarked;
    nothing else cswgen writes (feed, calendar) carries a mark."""
    config = CONFIG.replace("[week]\n", "[week]\ntheme = \"Ikipe y'Inzozi\"\n")
    site = make_site({
        "config.toml": config + '[site.en]\ntitle = "Customer Service Week"\n'
                                '[week.en]\ntheme = "Dream Team"\n',
        "content/days/tuesday.md": TUESDAY,
    })
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    french = (site / "output/fr/index.html").read_text("utf-8")
    assert ('<span class="brand__title"><span lang="rw-RW" dir="ltr">Icyumweru cya Serivisi '
            "ku Bakiriya</span></span>") in french
    assert '<span lang="rw-RW" dir="ltr">Ikipe y&#39;Inzozi</span>' in french
    assert "<title>Icyumweru cya Serivisi ku Bakiriya</title>" in french
    english = (site / "output/en/index.html").read_text("utf-8")
    assert '<span class="brand__title">Customer Service Week</span>' in english
    home = (site / "output/index.html").read_text("utf-8")
    assert '<span class="brand__title">Icyumweru cya Serivisi ku Bakiriya</span>' in home
    for file in (site / "output").rglob("*"):
        if file.is_file():
            assert "\ufdd0".encode() not in file.read_bytes(), file


def test_cswgen_translate_says_how_a_translation_starts(make_site: MakeSite, run: Run) -> None:
    """Aline types the command she expects; it is `add --language`."""
    site = make_site({"config.toml": CONFIG, "content/days/tuesday.md": TUESDAY})
    outcome = run(site, "translate", "days/tuesday.md", "--language", "fr")
    no_traceback(outcome)
    assert outcome.exit_code == 2
    assert outcome.lines[-1] == (
        "Error: No such command 'translate'. A translation starts with cswgen add and "
        "--language: cswgen add day monday --language fr (or add testimonial, honour, page, "
        "policy, home), and cswgen check lists what has no translation yet.")
    assert sorted(p.name for p in (site / "content/days").iterdir()) == ["tuesday.md"]
