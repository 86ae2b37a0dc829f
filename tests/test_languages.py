"""Sites in the visitors' language: every word cswgen writes, dates and numbers from CLDR,
right to left for Arabic, the site's own words in [labels] (SPEC "Languages")."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable
from datetime import date
from email import message_from_bytes, policy
from html.parser import HTMLParser
from pathlib import Path

import babel
import pytest

from cswgen.core import bidi, cldr
from tests.helpers import (
    AS_OF,
    REPO,
    MakeSite,
    Run,
    demo_in,
    error_lines,
    no_traceback,
    write_site,
)

STRINGS = REPO / "cswgen" / "strings"
SHIPPED = ["en", "fr", "es", "pt", "ar", "sw"]
TRANSLATED = [tag for tag in SHIPPED if tag != "en"]
PLACEHOLDER = re.compile(r"\{(\w+)\}")


def strings(tag: str) -> dict[str, object]:
    with (STRINGS / f"{tag}.toml").open("rb") as handle:
        return tomllib.load(handle)


ENGLISH = strings("en")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The demo built in a language, once per module: the output folder."""
    from cswgen.commands.build import build

    done: dict[str, Path] = {}

    def get(tag: str) -> Path:
        if tag not in done:
            folder = tmp_path_factory.mktemp(f"lang-{tag}")
            site = demo_in(folder, tag, base_url="https://csw.example/")
            build(site, as_of=__import__("datetime").date(2026, 9, 28),
                  output=folder / "output", cache_dir=folder / "cache")
            done[tag] = folder / "output"
        return done[tag]

    return get


# --- the catalogues ----------------------------------------------------------------------

@pytest.mark.parametrize("tag", TRANSLATED)
def test_every_shipped_language_has_exactly_the_english_keys(tag: str) -> None:
    words = strings(tag)
    assert sorted(set(ENGLISH) - set(words)) == [], f"{tag}.toml lacks these"
    assert sorted(set(words) - set(ENGLISH)) == [], f"{tag}.toml has keys English lacks"


@pytest.mark.parametrize("tag", TRANSLATED)
def test_translations_fill_in_only_what_cswgen_gives(tag: str) -> None:
    for key, value in strings(tag).items():
        texts = value.values() if isinstance(value, dict) else [value]
        english = ENGLISH[key]
        allowed = set(PLACEHOLDER.findall(str(english)))
        for text in texts:
            assert isinstance(text, str) and text.strip(), f"{tag}: {key} is empty"
            extra = set(PLACEHOLDER.findall(text)) - allowed
            assert not extra, f"{tag}: {key} uses {extra}, which cswgen does not fill in"


@pytest.mark.parametrize("tag", SHIPPED)
def test_plural_texts_have_every_form_the_language_uses(tag: str) -> None:
    needed = set(babel.Locale.parse(tag).plural_form.tags) | {"other"}
    for key, value in strings(tag).items():
        if isinstance(ENGLISH[key], dict):
            assert isinstance(value, dict), f"{tag}: {key} must give the plural forms"
        if isinstance(value, dict):
            assert set(value) == needed, f"{tag}: {key} has {sorted(value)}, CLDR: {needed}"


def test_every_label_name_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    missing = [key for key in ENGLISH if f"`{key}`" not in readme]
    assert not missing, f"the README does not list these label names: {missing}"


def test_plurals_follow_the_languages_rules() -> None:
    from cswgen.read.catalogue import shipped
    from cswgen.render.strings import Words

    french = Words(shipped("fr") or {}, "fr")
    assert french.say("colleagues_this_year", n=1).startswith("1 collègue ")
    assert french.say("colleagues_this_year", n=16).startswith("16 collègues ")
    assert french.say("colleagues_this_year", n=1_000_000).startswith("1\u202f000\u202f000 de ")
    arabic = Words(shipped("ar") or {}, "ar")
    forms = {n: arabic.say("colleagues_this_year", n=n) for n in (0, 1, 2, 3, 11, 100)}
    assert len(set(forms.values())) == 6, forms  # zero, one, two, few, many, other


# --- the demo in every shipped language --------------------------------------------------

class _Page(HTMLParser):
    """What a visitor reads or hears from a page: its text and the attributes read aloud."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.html_attrs: dict[str, str | None] = {}
        self.texts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "html":
            self.html_attrs = dict(attrs)
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if value and (name in ("alt", "title", "aria-label", "content")
                          or name.startswith("data-msg")):
                self.texts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.texts.append(data)


def read_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text("utf-8"))
    return page


def english_fragments(tag: str) -> dict[str, str]:
    """Pieces of English labels (the words between placeholders, of 6 letters or more)
    that a page in `tag` must not contain, with the key they come from.  Pieces that the
    demo's own English content or settings contain are left out: those are the site's."""
    own = " ".join(p.read_text("utf-8", errors="ignore") for p in
                   [REPO / "config.toml", *(REPO / "content").rglob("*")]
                   if p.is_file() and p.suffix in (".md", ".toml", ".csv")).casefold()
    translated = strings(tag)
    found: dict[str, str] = {}
    for key, value in ENGLISH.items():
        if translated[key] == value:
            continue  # the same in both ("Version" in French)
        texts = value.values() if isinstance(value, dict) else [value]
        for text in texts:
            for piece in PLACEHOLDER.split(str(text))[::2]:
                piece = piece.strip(" .,:;()")
                if len(re.sub(r"\W", "", piece)) >= 6 and piece.casefold() not in own:
                    found[piece] = key
    return found


@pytest.mark.parametrize("tag", TRANSLATED)
def test_no_english_label_is_left_in_any_page_or_script(built: Callable[[str], Path],
                                                         tag: str) -> None:
    out = built(tag)
    fragments = english_fragments(tag)
    assert len(fragments) > 50
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 40
    for path in pages:
        text = " ".join(read_page(path).texts)
        left = sorted(f"{piece!r} ({key})" for piece, key in fragments.items()
                      if piece in text)
        assert not left, f"{path.relative_to(out)} still says in English: {left}"
    script = re.sub(r"/\*.*?\*/|//[^\n]*", "", (out / "assets" / "site.js").read_text("utf-8"),
                    flags=re.S)  # what runs, not the comments
    for piece in [*fragments, "Customer Service Week", "Today is", "Thank you", "starts"]:
        assert piece not in script, f"site.js says {piece!r}"
    feed = (out / "feed.xml").read_text("utf-8")
    assert ": testimonials<" not in feed


def test_hidden_labels_are_punctuated_as_french_writes_them(
        built: Callable[[str], Path]) -> None:
    """What a screen reader hears before a colon: "Jour précédent : Lundi…", with the
    no-break space French puts before it (and never a colon glued to the word)."""
    out = built("fr")
    day = (out / "days" / "tuesday" / "index.html").read_text("utf-8")
    assert day.count('<span class="visually-hidden">\xa0: </span>') == 2  # previous, next
    home = (out / "index.html").read_text("utf-8")
    assert re.search(r'<span class="visually-hidden">\xa0: [^<]+</span></a>', home)
    for path in out.rglob("*.html"):
        assert not re.search(r'visually-hidden">:', path.read_text("utf-8")), path
    screen = (out / "screen" / "index.html").read_text("utf-8")  # its hidden heading
    assert re.search('<h1 class="visually-hidden">[^<]+\xa0: Écran du hall d’accueil</h1>',
                     screen)


def test_a_french_testimonial_is_dated_when_it_was_given_not_published(
        built: Callable[[str], Path]) -> None:
    """A testimonial's `date` is when the customer gave it; French pages said "Publié le"
    (published on), a date the site never published it on."""
    story = (built("fr") / "testimonials" / "t-chinoda" / "index.html").read_text("utf-8")
    assert re.search(r'Témoignage recueilli le <time datetime="[\d-]+">\d+ \w+ \d{4}</time>',
                     story), story
    assert "Publié le" not in story


@pytest.mark.parametrize(("tag", "direction"), [("en", "ltr"), ("fr", "ltr"), ("es", "ltr"),
                                                ("pt", "ltr"), ("ar", "rtl"), ("sw", "ltr")])
def test_every_page_carries_the_language_and_direction(built: Callable[[str], Path], tag: str,
                                                       direction: str) -> None:
    out = built(tag)
    for path in out.rglob("*.html"):
        attrs = read_page(path).html_attrs
        assert (attrs.get("lang"), attrs.get("dir")) == (tag, direction), path


@pytest.mark.parametrize(("tag", "dates"), [
    ("fr", ["mardi 6 octobre 2026", "5–9 octobre 2026"]),
    ("es", ["martes, 6 de octubre de 2026", "5–9 de octubre de 2026"]),
    ("pt", ["terça-feira, 6 de outubro de 2026"]),
    ("ar", ["الثلاثاء، 6 أكتوبر 2026", "5–9 أكتوبر 2026"]),
    ("sw", ["Jumanne, 6 Oktoba 2026"]),
])
def test_dates_are_written_as_cldr_writes_them(built: Callable[[str], Path], tag: str,
                                               dates: list[str]) -> None:
    out = built(tag)
    day = " ".join(read_page(out / "days" / "tuesday" / "index.html").texts)
    home = " ".join(read_page(out / "index.html").texts)
    for label in dates:
        assert label in day + home, f"{label!r} not on the Tuesday page or home page"


def test_times_follow_the_locales_clock(make_site: MakeSite, run: Run) -> None:
    day = ("---\ntitle: Superhero Tuesday\nday: tuesday\nevents:\n"
           "  - {time: \"14:30\", end: \"15:00\", title: Quiz}\n---\n")
    for tag, shown in [("en", "2:30 – 3:00 PM"), ("fr", "14:30 – 15:00"),
                       ("fr-CA", "14 h 30 – 15 h 00"), ("ar", "2:30–3:00 م"),
                       # Taiwan's clock names the part of the day ("下午", afternoon), a field
                       # Babel's time ranges cannot compare: both times in full
                       ("zh-TW", "下午2:30 – 下午3:00")]:
        site = make_site({"config.toml": f'[site]\ntitle = "T"\nlanguage = "{tag}"\n'
                                         "[week]\nyear = 2026\n",
                          "content/days/tuesday.md": day})
        outcome = run(site, "build", *AS_OF)
        assert outcome.exit_code == 0, outcome.stderr
        text = " ".join(read_page(site / "output/days/tuesday/index.html").texts)
        assert shown.replace(" ", " ") in text.replace("\u202f", " ").replace("\u2009", " "), \
            (tag, text[:400])
        ics = (site / "output" / "week.ics").read_text("utf-8")
        assert "DTSTART;TZID" in ics or "DTSTART" in ics


TEXT_PROPERTIES = ("SUMMARY", "DESCRIPTION", "LOCATION", "COMMENT")


def calendar_texts(ics: Path) -> list[tuple[str, str, str | None]]:
    """Each text a calendar app shows from `ics`, as the icalendar library reads it:
    (property, text, its LANGUAGE parameter)."""
    import icalendar

    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    return [(name, str(value), value.params.get("LANGUAGE"))
            for component in calendar.walk() for name in TEXT_PROPERTIES
            for value in (lambda found: found if isinstance(found, list) else
                          [found] if found is not None else [])(component.get(name))]


@pytest.mark.parametrize(("tag", "note"), [
    ("fr", "Ces règles de fuseau horaire s’appliquent du 1 janvier 1970 au 1 janvier 2038."),
    ("sw", "Kanuni hizi za saa za eneo zinatumika kuanzia 1 Januari 1970 hadi 1 Januari 2038."),
    ("ar", "تسري قواعد المنطقة الزمنية هذه من 1 يناير 1970 إلى 1 يناير 2038."),
])
def test_the_calendar_speaks_the_sites_language(built: Callable[[str], Path], tag: str,
                                                note: str) -> None:
    """week.ics said "This timezone only works from 1970-01-01 to 2038-01-01." on a French
    site, and none of its texts said what language it is in (RFC 5545: LANGUAGE)."""
    texts = calendar_texts(built(tag) / "week.ics")
    assert {name for name, _, _ in texts} == set(TEXT_PROPERTIES)
    assert ("COMMENT", note, tag) in texts
    assert [t for t in texts if t[2] != tag] == []
    assert [t for t in texts if t[0] == "COMMENT"] == [("COMMENT", note, tag)]  # no English


# --- the site's own words ---------------------------------------------------------------

def test_labels_rename_what_the_site_calls_things(make_site: MakeSite, run: Run) -> None:
    site = make_site({
        "config.toml": '[site]\ntitle = "T"\norganisation = "Acme"\nbase_url = '
                       '"https://x.example/"\n[week]\nyear = 2026\n[labels]\n'
                       'honour_roll = "Service Stars"\ntestimonials = "Kind <b>words</b>"\n',
        "content/honour-roll/farai.md": "---\nname: Farai Moyo\n---\nThanks.\n",
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\n---\nQuick.\n",
    })
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    home = (site / "output" / "index.html").read_text("utf-8")
    assert ">Service Stars</a>" in home and "Honour roll" not in home
    assert "Kind &lt;b&gt;words&lt;/b&gt;" in home, "a label is text, never markup"
    roll = (site / "output" / "honour-roll" / "index.html").read_text("utf-8")
    assert "<h1>Service Stars</h1>" in roll


def test_an_unknown_label_names_the_line_and_the_nearest_label(make_site: MakeSite,
                                                               run: Run) -> None:
    site = make_site({"config.toml": '[site]\ntitle = "T"\n[week]\nyear = 2026\n[labels]\n'
                                     'honor_roll = "Service Stars"\n'
                                     'testimonials = 3\n'
                                     'countdown = "Starts in {days} days"\n'})
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    errors = error_lines(outcome)
    assert any(e.startswith("config.toml:6:") and "did you mean `honour_roll`" in e
               for e in errors), errors
    assert any(e.startswith("config.toml:7:") and "testimonials" in e and "text" in e
               for e in errors), errors
    assert any(e.startswith("config.toml:8:") and "{days}" in e and "{n}" in e
               for e in errors), errors


def test_an_empty_label_is_an_error(make_site: MakeSite, run: Run) -> None:
    """It was published as it was: a menu link with no text, that no one could see and a
    screen reader named only by its address."""
    site = make_site({"config.toml": '[site]\ntitle = "T"\n[week]\nyear = 2026\n[labels]\n'
                                     'testimonials = ""\nhonour_roll = "  "\n'})
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert error_lines(outcome) == [
        f"config.toml:{line}: [labels] {key} is empty, so every menu, heading and link that "
        "says it would show nothing (and be invisible to a screen reader); write the words "
        f'to show, like {key} = "{default}", or delete the line to keep cswgen\'s'
        for line, key, default in ((6, "testimonials", "Testimonials"),
                                   (7, "honour_roll", "Honour roll"))]


@pytest.mark.parametrize(("config", "says"), [
    ('language = "fr"\n[week]\nyear = 2026\n[labels.fr]\nhonour_roll = "Nos étoiles"\n',
     'config.toml:6: [labels.fr] gives the labels of "fr", the site\'s default language, whose '
     "labels are [labels]'s own; move its lines up under [labels]"),
    ('language = "fr-CA"\n[week]\nyear = 2026\n[labels.fr]\nhonour_roll = "Nos étoiles"\n',
     'config.toml:6: [labels.fr] gives the labels of "fr-CA", the site\'s default language, '
     "whose labels are [labels]'s own; move its lines up under [labels]"),
    ('language = "fr"\n[week]\nyear = 2026\n[labels.sw]\nhonour_roll = "Nyota"\n',
     "config.toml:6: [labels.sw] gives the site's labels in Swahili, which is not one of the "
     'site\'s languages ([site] language = "fr"); to publish the site in Swahili as well, '
     'write languages = ["fr", "sw"] under [site]; or delete [labels.sw]'),
    ('languages = ["en", "fr-CA"]\n[week]\nyear = 2026\n[labels.en]\nhonour_roll = "Stars"\n'
     '[labels.FR]\nhonour_roll = "Nos étoiles"\n[labels.sw]\nhonour_roll = "Nyota"\n',
     'config.toml:6: [labels.en] gives the labels of "en", the site\'s default language, '
     "whose labels are [labels]'s own; move its lines up under [labels]\n"
     "config.toml:8: [labels.FR] gives the site's labels in French, which is not one of the "
     'site\'s languages ([site] languages = ["en", "fr-CA"]); did you mean [labels.fr-CA]?\n'
     "config.toml:10: [labels.sw] gives the site's labels in Swahili, which is not one of the "
     'site\'s languages ([site] languages = ["en", "fr-CA"]); add "sw" to [site] languages, '
     "or delete [labels.sw]"),
])
def test_labels_for_a_language_the_pages_are_not_in_are_an_error(
        make_site: MakeSite, run: Run, config: str, says: str) -> None:
    """`[labels.fr]` in a site in French was read by no page, silently (its labels are
    [labels]'s own); `[labels.sw]` in a site not published in Swahili was called "not a
    label cswgen or the theme has", with the README's list of labels as the fix."""
    site = make_site({"config.toml": '[site]\ntitle = "T"\n' + config})
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert error_lines(outcome) == says.split("\n")


@pytest.mark.parametrize(("written", "hint"), [
    ("english", '"en"'), ("fr_ca", None), ("French", '"fr"'), ("zz-ZZ-x1", None),
    # the language named in itself, with or without its accents (not "fr-NC", "es-PA",
    # Old Prussian or Swiss German, the tags that merely look alike)
    ("francais", '"fr"'), ("Français", '"fr"'), ("español", '"es"'), ("portugues", '"pt"'),
    ("português", '"pt"'), ("Kiswahili", '"sw"'), ("Ikinyarwanda", '"rw"'),
    ("Brazilian Portuguese", '"pt-BR"'), ("brazilian", '"pt-BR"'), ("Deutsch", '"de"')])
def test_an_unknown_language_tag_suggests_the_nearest(make_site: MakeSite, run: Run,
                                                      written: str, hint: str | None) -> None:
    site = make_site({"config.toml": f'[site]\ntitle = "T"\nlanguage = "{written}"\n'
                                     "[week]\nyear = 2026\n"})
    outcome = run(site, "build", *AS_OF)
    no_traceback(outcome)
    if written == "fr_ca":  # Excel's and Windows' way of writing fr-CA: understood
        assert outcome.exit_code == 0, outcome.stderr
        assert 'lang="fr-CA"' in (site / "output" / "index.html").read_text("utf-8")
        return
    assert outcome.exit_code == 1
    line = next(e for e in error_lines(outcome) if e.startswith("config.toml:3:"))
    assert "language" in line and "BCP 47" in line
    if hint:
        assert f"did you mean {hint}" in line
    else:  # the advice goes on the sentence, not as a new one after the semicolon
        assert "knows; write the visitors' language as a BCP 47 tag" in line, line


@pytest.mark.parametrize(("written", "current", "name", "direction"), [
    ("iw", "he", "Hebrew", "rtl"), ("in", "id", "Indonesian", "ltr"),
    ("ji", "yi", "Yiddish", "rtl"), ("jw", "jv", "Javanese", "ltr"),
    ("mo", "ro", "Romanian", "ltr"), ("iw-IL", "he-IL", "Hebrew", "rtl")])
def test_an_old_language_code_is_read_as_the_current_one_with_a_warning(
        make_site: MakeSite, run: Run, written: str, current: str, name: str,
        direction: str) -> None:
    # (`iw` was kept as lang="iw", which browsers and screen readers may not know, and
    # called "Hebrew (Israel)"; a theme's i18n/he.toml was not found for it)
    site = make_site({"config.toml": f'[site]\ntitle = "T"\nlanguage = "{written}"\n'
                                     "[week]\nyear = 2026\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines[0] == (
        f'config.toml:3: warning: [site] language is "{written}", the old code for {name}, '
        "which browsers, screen readers and search engines may not know; the site is built "
        f'as "{current}", the code for {name} now: write language = "{current}"')
    page = (site / "output" / "index.html").read_text("utf-8")
    assert f'<html lang="{current}" dir="{direction}">' in page


def test_tagalog_is_not_an_old_code() -> None:
    # (CLDR reads `tl` as Filipino, but it is Tagalog's own code, not a replaced one)
    assert cldr.replaced("tl") is None and cldr.parse("tl").tag == "tl"


def test_a_language_without_translation_gets_cldr_dates_and_one_warning(
        make_site: MakeSite, run: Run) -> None:
    site = make_site({"config.toml": '[site]\ntitle = "T"\nlanguage = "rw"\n'
                                     "[week]\nyear = 2026\n",
                      "content/days/tuesday.md": "---\ntitle: Umunsi\nday: tuesday\n---\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    warnings = [line for line in outcome.lines if "warning" in line]
    assert len(warnings) == 1, warnings
    assert warnings[0].startswith("config.toml:3: warning:")
    assert "Kinyarwanda" in warnings[0] and "[labels]" in warnings[0] and "i18n/rw.toml" in \
        warnings[0]
    text = " ".join(read_page(site / "output/days/tuesday/index.html").texts)
    assert "Ukwakira" in text  # October, as CLDR writes it in Kinyarwanda
    assert "Dress code" not in text and "Honour roll" in text  # English labels stand in


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


class _Spoken(HTMLParser):
    """Each piece of a page's text with the language a screen reader reads it in: the
    `lang` of the nearest element around it that has one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.langs: list[str | None] = []
        self.texts: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.langs.append(dict(attrs).get("lang") or (self.langs[-1] if self.langs
                                                          else None))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.langs.pop()

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.texts.append((" ".join(data.split()), self.langs[-1] if self.langs else None))


def spoken(path: Path) -> list[tuple[str, str | None]]:
    parser = _Spoken()
    parser.feed(path.read_text("utf-8"))
    parser.close()
    return parser.texts


def test_english_words_standing_in_for_a_translation_are_marked_english(
        make_site: MakeSite, run: Run) -> None:
    """A German site (cswgen has no German words) showed "Dress code" and "Honour roll" in
    English inside `<html lang="de">`: screen readers read them with a German voice."""
    files: dict[str, str | bytes] = {
        "content/days/tuesday.md": "---\ntitle: Heldendienstag\nday: tuesday\n"
                                   "dress_code: Umhang\nevents:\n  - time: 10:00\n"
                                   "    title: Begrüßung\n---\nHallo.\n",
        "content/testimonials/tom.md": "---\ncustomer: Tom & <Jerry>\n---\nSehr gut.\n"}
    site = make_site({"config.toml": '[site]\ntitle = "T"\nlanguage = "de"\n'
                                     '[week]\nyear = 2026\ntimezone = "Europe/Berlin"\n',
                      **files})
    assert run(site, "build", *AS_OF).exit_code == 0
    out = site / "output"
    day = spoken(out / "days/tuesday/index.html")
    for words in ("Dress code", "Programme", "Skip to main content", "Honour roll"):
        assert (words, "en") in day, (words, [t for t in day if words in t[0]])
    assert ("Heldendienstag", "de") in day and ("Umhang", "de") in day  # the site's own
    assert not [text for text, lang in day if "Dress code" in text and lang != "en"]
    story = (out / "testimonials/tom/index.html").read_text("utf-8")
    # a value inside English words is the site's, in its language, escaped once (its `<`
    # never makes a tag)
    assert ('<span lang="en" dir="ltr">From <span lang="de" dir="ltr">Tom &amp; &lt;Jerry&gt;'
            '</span></span>') in story
    heard = spoken(out / "testimonials/tom/index.html")
    assert heard[heard.index(("From", "en")) + 1] == ("Tom & <Jerry>", "de")
    # where no element can go (the title, an attribute), the words are as they were
    assert "<title>From Tom &amp; &lt;Jerry&gt; · T</title>" in story
    for path in out.rglob("*"):  # and nothing else cswgen writes holds the marks
        if path.is_file() and path.suffix in (".html", ".xml", ".ics", ".js", ".json"):
            text = path.read_text("utf-8")
            assert not re.search("[\ufdd0-\ufdd2]", text), path
            assert '"lang="' not in text and "<span lang" not in re.sub(
                r"<body.*</body>", "", text, flags=re.S), path  # (not in the head)
    # the calendar's note on its time zone is English too, and says so
    assert [(name, lang) for name, _, lang in calendar_texts(out / "week.ics")
            if lang != "de"] == [("COMMENT", "en")]
    # a site in a language cswgen has words for is as it was: nothing is marked
    french = make_site({"config.toml": '[site]\ntitle = "T"\nlanguage = "fr"\n'
                                       "[week]\nyear = 2026\n", **files})
    assert run(french, "build", *AS_OF).exit_code == 0
    for path in (french / "output").rglob("*.html"):
        assert 'lang="en"' not in path.read_text("utf-8"), path


def test_a_sites_labels_win_over_its_themes_strings_which_win_over_cswgens(
        make_site: MakeSite, run: Run) -> None:
    site = _french_site_with_theme(
        make_site, 'testimonials = "Ils parlent de nous"\n',
        {"fr": 'testimonials = "Témoignages clients"\nhonour_roll = "Nos étoiles du service"\n',
         "en": 'banner = "Welcome"\nhonour_roll = "Stars"\n'},
        '<p id="b">{{ t("banner") }}</p>')
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    faq = (site / "output" / "faq" / "index.html").read_text("utf-8")
    assert ">Ils parlent de nous</a>" in faq  # the site's [labels]
    assert ">Nos étoiles du service</a>" in faq  # the theme's French, over cswgen's
    # the theme's own word, from its English (and so marked English on a French page)
    assert '<p id="b"><span lang="en" dir="ltr">Welcome</span></p>' in faq


def test_a_themes_own_label_given_only_in_english_is_pointed_out(make_site: MakeSite,
                                                                  run: Run) -> None:
    """A theme whose i18n/ has only en.toml, on a French site: its own words showed in
    English on French pages, and nothing said so (cswgen's own labels warn)."""
    site = _french_site_with_theme(
        make_site, 'tagline = "Merci à vous"\n',
        {"en": '# our words\ntagline = "Thank you"\njoin_us = "Join us"\nhonour_roll = "Stars"\n'},
        '<p>{{ t("join_us") }} {{ t("tagline") }}</p>')
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert '<p><span lang="en" dir="ltr">Join us</span> Merci à vous</p>' in \
        (site / "output/faq/index.html").read_text("utf-8")
    assert outcome.lines == [
        "themes/mine/i18n/en.toml:3: warning: the theme's own label join_us has no words in "
        "French, so French pages show it in English; give it in themes/mine/i18n/fr.toml, or "
        "under [labels] in config.toml"]
    (site / "themes/mine/i18n/fr.toml").write_text('join_us = "Rejoignez-nous"\n', "utf-8")
    again = run(site, "build", *AS_OF)
    assert again.exit_code == 0, again.stderr
    assert "warning" not in again.stderr


def _french_site_with_theme(make_site: MakeSite, labels: str, strings: dict[str, str],
                            block: str) -> Path:
    """A French site with a FAQ page, its [labels] and theme "mine": `strings` are the
    theme's i18n files by language, `block` what its page.html shows before classic's."""
    return make_site({
        "config.toml": '[site]\ntitle = "T"\nlanguage = "fr"\ntheme = "mine"\n'
                       f'[week]\nyear = 2026\n[labels]\n{labels}',
        "themes/mine/theme.toml": 'extends = "classic"\n',
        **{f"themes/mine/i18n/{stem}.toml": text for stem, text in strings.items()},
        "themes/mine/templates/page.html": '{% extends "classic:page.html" %}'
                                           f"{{% block content %}}{block}"
                                           "{{ super() }}{% endblock %}",
        "content/pages/faq.md": "---\ntitle: FAQ\n---\nHello.\n",
    })


@pytest.mark.parametrize(("tag", "day", "time", "count"), [
    ("ar-OM", "الثلاثاء، ٦ أكتوبر ٢٠٢٦", "٩:٣٠", "١٠"),
    ("ar", "الثلاثاء، 6 أكتوبر 2026", "9:30", "10")])
def test_dates_and_numbers_use_the_digits_cldr_gives_the_region(
        make_site: MakeSite, run: Run, tag: str, day: str, time: str, count: str) -> None:
    """CLDR writes Omani (and Egyptian, Saudi...) dates and numbers in Arabic-Indic digits,
    as browsers do, and Arabic alone in ASCII ones; Babel knows only the system's name, so
    an Omani site had "6 أكتوبر 2026" beside the browser's "بعد ١٠ أيام"."""
    site = make_site({
        "config.toml": f'[site]\ntitle = "CSW"\nlanguage = "{tag}"\n[week]\nyear = 2026\n',
        "content/days/tuesday.md": "---\ntitle: يوم\nday: tuesday\nevents:\n"
                                   "  - {time: 09:30, title: فطور}\n---\nأهلاً.\n"})
    outcome = run(site, "build", "--as-of", "2026-09-25")  # 10 days before
    assert outcome.exit_code == 0, outcome.stderr
    html = (site / "output/days/tuesday/index.html").read_text("utf-8")
    assert day in html
    assert time in html
    assert f"بعد {count}\u00a0أيام" in html  # the countdown, as the page says it before script


def test_years_and_page_numbers_use_the_sites_digits_too(make_site: MakeSite,
                                                         run: Run) -> None:
    """An Omani site wrote its dates in Arabic-Indic digits but the year in "أسبوع خدمة
    العملاء 2026" and "معنا منذ 2015", and "الصفحة 2 من ٢" in one phrase: a year and a
    page number are numbers cswgen writes too, in the site's digits (without grouping)."""
    stories = {f"content/testimonials/t{i}.md": f"---\ncustomer: عميل {i}\n---\nشكرًا.\n"
               for i in range(30)}
    site = make_site({
        "config.toml": '[site]\ntitle = "CSW"\nlanguage = "ar-OM"\n[week]\nyear = 2026\n',
        "content/honour-roll/f.md": "---\nname: فاطمة\nsince: 2015\n---\n", **stories})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    pages = {path: path.read_text("utf-8") for path in out.rglob("*.html")}
    every = "".join(pages.values())
    assert "أسبوع خدمة العملاء ٢٠٢٦" in every
    assert "أسبوع خدمة العملاء 2026" not in every
    person = (out / "honour-roll/f/index.html").read_text("utf-8")
    assert "معنا منذ ٢٠١٥" in person
    second = next(html for html in pages.values() if "الصفحة ٢ من ٢" in html)
    assert not re.search(r"الصفحة [0-9]", second)
    assert not re.search(r">[0-9]</a>", second)  # the pager's own links


def test_new_starts_the_demo_in_a_language(tmp_path: Path, run: Run) -> None:
    outcome = run(tmp_path, "new", "site", "--language", "fr_FR")
    assert outcome.exit_code == 0, outcome.stderr
    config = (tmp_path / "site" / "config.toml").read_text("utf-8")
    assert re.search(r'^language = "fr-FR"', config, re.M)
    # the region keeps one time zone, so the day begins in Paris, not in the demo's Harare
    assert tomllib.loads(config)["week"]["timezone"] == "Europe/Paris"
    # the site's name, in every page's header, in the visitors' language too
    year = tomllib.loads(config)["week"]["year"]
    assert tomllib.loads(config)["site"]["title"] == f"Semaine du service client {year}"
    assert ('The site keeps France\'s time (timezone = "Europe/Paris" in config.toml).'
            in outcome.stdout)
    bad = run(tmp_path, "new", "other", "--language", "francais")
    no_traceback(bad)
    assert bad.exit_code == 2  # a mistake on the command line, as Click says its own
    assert ("Error: Invalid value for '--language': francais is not a language tag cswgen "
            "knows; did you mean") in bad.stderr
    assert not (tmp_path / "other").exists()
    bad = run(tmp_path, "new", "other", "--language", "xx-YY")
    assert bad.exit_code == 2
    assert "xx-YY is not a language tag cswgen knows; give the visitors' language" in bad.stderr


def test_new_in_a_language_cswgen_has_no_words_for_says_they_stay_english(
        tmp_path: Path, run: Run) -> None:
    # Kinyarwanda is a tag cswgen knows (CLDR has its dates), but cswgen/strings/ has no
    # rw.toml: saying "cswgen writes its own words in it" would be untrue.
    outcome = run(tmp_path, "new", "site", "--language", "rw")
    assert outcome.exit_code == 0, outcome.stderr
    said = " ".join(outcome.stdout.split())
    assert "cswgen writes its own words" not in said
    assert ("The site's language is rw (Kinyarwanda): cswgen writes dates and numbers in "
            "it, but has no translation of its own words (labels, headings, buttons) into "
            "Kinyarwanda, so they stay in English, with a warning at each build, until you "
            "give them under [labels] in config.toml (the README lists every label name).") \
        in said
    config = (tmp_path / "site" / "config.toml").read_text("utf-8")
    line = next(line for line in config.splitlines() if line.startswith("language ="))
    assert line.endswith("# the visitors' language (Kinyarwanda): dates and numbers are "
                         "written in it; cswgen's own words stay in English until you give "
                         "them under [labels]")
    assert tomllib.loads(config)["site"]["title"].startswith("Customer Service Week ")
    french = run(tmp_path, "new", "fr", "--language", "fr")
    assert ("The site's language is fr (French): cswgen writes its own words, dates and "
            "numbers in it.") in " ".join(french.stdout.split())
    # French alone names no country, so no time zone: the demo's stays, and is named
    assert ("The site keeps the demo's time zone, Africa/Harare: set timezone in config.toml "
            'to yours, such as "Europe/Paris".') in french.stdout
    assert tomllib.loads((tmp_path / "fr" / "config.toml").read_text("utf-8"))["week"][
        "timezone"] == "Africa/Harare"


def test_an_rtl_site_mirrors_its_arrows(make_site: MakeSite, run: Run) -> None:
    site = write_site(make_site() / "ar", {
        "config.toml": '[site]\ntitle = "أسبوع خدمة العملاء"\nlanguage = "ar"\n'
                       "[week]\nyear = 2026\n",
        "content/testimonials/a.md": "---\ncustomer: سالم\n---\nشكراً\n"})
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    page = (site / "output" / "testimonials" / "salm" / "index.html")
    html = next((site / "output" / "testimonials").glob("*/index.html")).read_text("utf-8") \
        if not page.exists() else page.read_text("utf-8")
    assert '<span aria-hidden="true">→ </span>' in html  # "back" points right in Arabic


@pytest.mark.parametrize(("tag", "isolated"), [("ar-OM", True), ("en-GB", False)])
def test_latin_names_are_isolated_in_arabic_words_only_on_the_page(
        make_site: MakeSite, run: Run, tag: str, isolated: bool) -> None:
    """"من Ruvarashe M." keeps its full stop after the M in a browser because the name is
    set between direction isolates (U+2068 ... U+2069); the feed and the email subject,
    which other programs show, get the words without them, and an English site none."""
    site = make_site({
        "config.toml": f'[site]\ntitle = "CSW"\nlanguage = "{tag}"\n[week]\nyear = 2026\n',
        "content/days/monday.md": "---\ntitle: Kick-off Monday.\ndate: 2026-10-05\n---\nHi\n",
        "content/testimonials/ruvarashe-m.md":
            "---\ncustomer: Ruvarashe M.\ndate: 2026-09-01\n---\nThank you.\n"})
    assert run(site, "build", *AS_OF).exit_code == 0
    assert run(site, "email", "monday", *AS_OF).exit_code == 0
    page = (site / "output" / "testimonials" / "ruvarashe-m" / "index.html").read_text("utf-8")
    assert ("\u2068Ruvarashe M.\u2069" in page) == isolated
    feed = (site / "output" / "feed.xml").read_text("utf-8")
    draft = next((site / "email").glob("*.eml")).read_bytes()
    subject = message_from_bytes(draft, policy=policy.default)["Subject"]
    assert "Ruvarashe M." in feed and "Kick-off Monday." in subject
    for text in (feed, subject) + (() if isolated else (page,)):
        assert "\u2068" not in text and "\u2069" not in text


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_ascii_values_are_judged_as_the_unicode_database_judges_them(direction: str) -> None:
    """Values in plain ASCII (most names) are judged without looking up each character:
    every ASCII character, alone and among others, is judged as Unicode's bidi classes say."""
    other = {"ltr": {"R", "AL"}, "rtl": {"L"}}[direction]
    for code in range(128):
        for text in (chr(code), f"1 {chr(code)}.", f"\u00e9{chr(code)}"):
            expected = any(unicodedata.bidirectional(c) in other for c in text)
            assert bidi.reads_other_way(text, direction) == expected, (direction, text)


EUROPEAN_ONLY = ("ecrã", "receção", "telemóvel", "a nossa", "os nossos", "as nossas", "o nosso")
BRAZILIAN_ONLY = ("tela", "recepção", "celular", "equipe", "prêmio")


def _words_on_pages(output: Path) -> str:
    """Every page's text as a visitor sees or hears it (tags dropped), lower-case."""
    pages = sorted(output.rglob("*.html"))
    return " ".join(re.sub(r"<[^>]+>", " ", p.read_text("utf-8")) for p in pages).lower()


def test_brazilian_portuguese_has_no_european_only_words(built: Callable[[str], Path]) -> None:
    words = _words_on_pages(built("pt-BR"))
    found = [w for w in EUROPEAN_ONLY if re.search(rf"\b{w}\b", words)]
    assert found == [], f"a pt-BR site reads as European Portuguese: {found}"
    assert "tela da recepção" in words and "no celular" in words


def test_european_portuguese_keeps_its_own_words(built: Callable[[str], Path]) -> None:
    words = _words_on_pages(built("pt-PT"))
    found = [w for w in BRAZILIAN_ONLY if re.search(rf"\b{w}\b", words)]
    assert found == [], f"a pt-PT site reads as Brazilian Portuguese: {found}"
    assert "ecrã da receção" in words and "no telemóvel" in words


def test_spanish_says_celular_and_colombian_spanish_says_afiche(
        built: Callable[[str], Path]) -> None:
    """Latin America scans a QR code with its "celular" (a "teléfono" is on the desk), and
    a poster on a Colombian noticeboard is an "afiche": there a "cartel" is a drug gang."""
    latin_american = _words_on_pages(built("es"))
    assert "en su celular" in latin_american and "en su teléfono" not in latin_american
    assert "imprimir este cartel" in latin_american
    colombian = _words_on_pages(built("es-CO"))
    assert not re.search(r"\bcartel\b", colombian), "a Colombian site says cartel"
    assert "imprimir este afiche" in colombian and "el afiche de este día" in colombian
    assert "en su celular" in colombian


def test_names_beside_arabic_words_keep_their_full_stops(make_site: MakeSite,
                                                           run: Run) -> None:
    """On an Arabic page, a customer's name, organisation and place, and the title of a
    story a colleague is praised in, are each laid out on their own (between direction
    isolates), so "Tapiwa D." keeps its full stop after the D and "Is this bank real?" its
    question mark after "real", wherever the line breaks."""
    site = make_site({
        "config.toml": '[site]\ntitle = "أسبوع خدمة العملاء"\nlanguage = "ar"\n'
                       "[week]\nyear = 2026\n",
        "content/honour-roll/tendai-moyo.md": "---\nname: Tendai Moyo\n---\n",
        "content/testimonials/tapiwa-d.md":
            "---\ncustomer: Tapiwa D.\ntitle: Is this bank real?\norganisation: Moyo & Co.\n"
            "location: Harare\nstaff: [Tendai Moyo]\nfeatured: true\n---\nشكراً\n"})
    assert run(site, "build", *AS_OF).exit_code == 0
    out = site / "output"
    person = (out / "honour-roll" / "tendai-moyo" / "index.html").read_text("utf-8")
    assert ">\u2068Is this bank real?\u2069</a>" in person
    assert '<span class="link-list__meta">\u2068Tapiwa D.\u2069</span>' in person
    for page in (out / "index.html", out / "testimonials" / "index.html"):
        html = page.read_text("utf-8")
        assert '<span class="attribution__name">\u2068Tapiwa D.\u2069</span>' in html, page
        assert '<span class="attribution__detail">، \u2068Moyo &amp; Co.\u2069</span>' in html


def test_arabic_keeps_a_number_on_the_line_of_its_word(built: Callable[[str], Path]) -> None:
    """"نحن في اليوم 2" and "بعد 5 أيام": a no-break space holds the number to the word it
    counts, so a narrow screen never starts a line with the number alone."""
    home = (built("ar") / "index.html").read_text("utf-8")
    assert "نحن في اليوم\u00a02: " in home  # the status line's text for each day
    assert "نحن في اليوم\u00a05 من أسبوع خدمة العملاء" in home
    assert re.search("بعد 7\u00a0أيام", home)  # 28 September: a week before the week
    assert "اليوم 1" not in home.replace("\u00a0", "~")


def test_words_read_as_the_rest_of_their_site_says_them(
        built: Callable[[str], Path]) -> None:
    """The staff email says "Today we honour" with the verb the rest of the Portuguese site
    uses for the honour roll ("homenageamos"), the Swahili QR code's text says where it
    leads ("kwenye" the address), and the Arabic lobby screen heads the day's next events
    as "the coming events" (not "التالي", "the next one")."""
    assert strings("pt")["email_honours"] == "Hoje homenageamos"
    assert not [k for k, v in strings("pt").items()
                if isinstance(v, str) and "reconhecemos" in v]
    poster = next(built("sw").glob("days/*/poster/index.html")).read_text("utf-8")
    assert 'aria-label="Msimbo wa QR unaoelekeza kwenye https://csw.example/' in poster
    screen = (built("ar") / "screen" / "index.html").read_text("utf-8")
    assert "<h3 class=\"slide__subtitle\" data-coming-up>الفعاليات القادمة</h3>" in screen


def test_swahili_headings_read_as_a_kenyan_team_writes_them(
        built: Callable[[str], Path]) -> None:
    """Swahili names a thing before what it is of ("Muhtasari wa wiki", the week's summary,
    not the English word order "Wiki kwa muhtasari"), and the lobby screen heads the day's
    next events as "the coming events" ("Matukio yajayo"), not "Kinachofuata" (the next
    one), as the Arabic screen does."""
    home = (built("sw") / "index.html").read_text("utf-8")
    assert '<h2 id="week-heading">Muhtasari wa wiki</h2>' in home
    screen = (built("sw") / "screen" / "index.html").read_text("utf-8")
    assert "<h3 class=\"slide__subtitle\" data-coming-up>Matukio yajayo</h3>" in screen


@pytest.mark.parametrize(("tag", "line"), [
    ("ur", "منیجر، شعبہ فروخت"),  # Urdu and Persian have their own comma in CLDR's lists
    ("fa", "مدیر،\u200f بخش فروش"),
    ("ja", "マネージャー、営業部"),
    ("ar", "مدير، إدارة المبيعات"),  # ar.toml's own: CLDR's Arabic list joins with "و"
    ("rw", "Umuyobozi, Ishami ry’igurisha"),
])
def test_a_role_and_department_are_punctuated_as_the_language_does(
        make_site: MakeSite, run: Run, tag: str, line: str) -> None:
    """A person's role and department, on their page and their share image, are set apart
    as the site's language writes a list, also in a language whose labels stay English."""
    from cswgen.core import cldr
    from cswgen.read.catalogue import english, shipped
    from cswgen.render.share import card_for
    from cswgen.render.strings import Words

    role, department = line.split(dict(ur="، ", fa="،\u200f ", ja="、", ar="، ").get(tag, ", "))
    site = make_site({
        "config.toml": f'[site]\ntitle = "CSW"\nlanguage = "{tag}"\n[week]\nyear = 2026\n',
        "content/honour-roll/a.md": f"---\nname: A\nrole: {role}\ndepartment: {department}\n"
                                    "---\n"})
    assert run(site, "build", *AS_OF).exit_code == 0
    page = (site / "output" / "honour-roll" / "a" / "index.html").read_text("utf-8")
    assert f'<p class="person__role">{line}</p>' in page
    table = {**english(), "comma": cldr.parse(tag).comma, **(shipped(tag) or {})}
    person = {"role": role, "department": department, "award": "", "name": "A",
              "excerpt": ""}
    view = {"organisation": "Acme", "title": "CSW", "primary": "#c8102e",
            "secondary": "#0b3d91", "language": tag}
    card = card_for({"kind": "honour", "person": person}, view, {}, Words(table, tag), None)
    assert card.footer == f"{line} · Acme"


@pytest.mark.parametrize(("tag", "start", "end", "first_day"), [
    ("ar", "الاثنين، 5", "الجمعة، 9\u00a0أكتوبر، 2026", "(الاثنين، 5\u00a0أكتوبر)"),
    ("pt", "segunda-feira, 5\u00a0de outubro", "sexta-feira, 9\u00a0de outubro de\u00a02026",
     "(segunda-feira, 5\u00a0de outubro)"),
    ("fr", "lundi\u00a05", "vendredi\u00a09\u00a0octobre\u00a02026", "(lundi\u00a05\u00a0octobre)"),
])
def test_the_weeks_dates_keep_their_numbers_beside_their_words(
        built: Callable[[str], Path], tag: str, start: str, end: str, first_day: str) -> None:
    """The home page's dates and the status line's first day wrap only between words that
    hold no number (after the weekday's comma), never between "5" and its month.  The
    home page says the month and year once where CLDR's range of days does ("Du lundi 5
    au vendredi 9 octobre 2026", not "Du lundi 5 octobre 2026 au vendredi 9 octobre
    2026")."""
    home = (built(tag) / "index.html").read_text("utf-8")
    hero = re.search(r'<p class="hero__dates">(.*?)</p>', home)
    assert hero and f">{start}</time>" in hero.group(1) and f">{end}</time>" in hero.group(1)
    assert first_day in home  # the countdown's "starts in 7 days (Monday 5 October)"


@pytest.mark.parametrize(("tag", "start", "end", "ends"), [
    ("fr", date(2027, 10, 4), date(2027, 10, 8), ("lundi 4", "vendredi 8 octobre 2027")),
    ("fr", date(2027, 9, 27), date(2027, 10, 1),
     ("lundi 27 septembre", "vendredi 1 octobre 2027")),
    ("en-GB", date(2027, 10, 4), date(2027, 10, 8),
     ("Monday 4 October", "Friday 8 October 2027")),  # (CLDR's en-GB names both months)
    ("es-CO", date(2027, 10, 4), date(2027, 10, 8),
     ("lunes, 4 de octubre", "viernes, 8 de octubre de 2027")),
    ("ar-OM", date(2027, 10, 4), date(2027, 10, 8), ("الاثنين، ٤", "الجمعة، ٨ أكتوبر، ٢٠٢٧")),
    # an interval whose first half does not end in a dash (Japanese's ends in "～" and
    # drops the weekday's brackets): each date in full, as CLDR writes a date alone
    ("ja", date(2027, 10, 4), date(2027, 10, 8), ("2027年10月4日月曜日", "2027年10月8日金曜日")),
    ("fr", date(2027, 12, 27), date(2028, 1, 1),
     ("lundi 27 décembre 2027", "samedi 1 janvier 2028")),
])
def test_a_range_of_days_says_its_month_and_year_as_cldr_does(
        tag: str, start: date, end: date, ends: tuple[str, str]) -> None:
    assert cldr.parse(tag).range_ends(start, end) == ends
