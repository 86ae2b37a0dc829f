"""The words a site shows in its language: cswgen's own, its theme's and the site's.

A site's `[labels]` wins over its theme's `i18n/<language>.toml`, which wins over the
strings cswgen ships in `cswgen/strings/<language>.toml`; English fills in whatever none of
them has, and the table says which labels it filled in under `FALLBACK`, so that the
pages mark those words as English (`render.strings`).  A file is looked up by the whole
tag first (`pt-BR.toml`), then the language (`pt.toml`).  An entry is a text, or, for a
text that depends on a number `{n}`, a table of CLDR plural categories
(`{ one = "...", other = "..." }`).
"""

from __future__ import annotations

import difflib
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from cswgen.core import cldr, tomlpos
from cswgen.core.errors import Problem, Problems
from cswgen.read.confighints import not_its_language
from cswgen.read.place import CONFIG_NAME
from cswgen.read.settings import SiteConfig
from cswgen.read.themes import PACKAGE_DIR, Theme
from cswgen.read.tomltable import suggest
from cswgen.read.tomlwords import toml_problems

STRINGS = PACKAGE_DIR / "strings"
# the table's entry that names the labels shown in English for want of words in the
# language: label -> "en".  (Not a name [labels] can give: `load` adds it after them.  In
# the table itself, every page's key and every worker already has it.)
FALLBACK = "(fallback)"
FALLBACK_LANGUAGE = "en"
Entry = str | dict[str, str]
Catalogue = dict[str, Entry]
PLACEHOLDER = re.compile(r"\{(\w+)\}")
CATEGORIES = ("zero", "one", "two", "few", "many", "other")


@cache
def shipped(stem: str) -> Catalogue | None:
    """cswgen's own strings in one language (`fr`, `pt-BR`), or None when not shipped."""
    path = STRINGS / f"{stem}.toml"
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return dict(tomllib.load(handle))


def english() -> Catalogue:
    found = shipped("en")
    assert found is not None, "cswgen/strings/en.toml is part of cswgen"
    return found


def shipped_languages() -> list[str]:
    return sorted(p.stem for p in STRINGS.glob("*.toml"))


def stems(language: cldr.Language) -> list[str]:
    """The file names to look for, the most general first: `pt`, then `pt-BR`."""
    return [language.code] if language.tag == language.code else [language.code, language.tag]


def _has_words(entry: Entry) -> bool:
    """Whether a label says something besides its values: `colon` (": ") and `quoted`
    ("“{text}”") are in no language of their own."""
    texts = entry.values() if isinstance(entry, dict) else [entry]
    return any(c.isalpha() for text in texts for c in PLACEHOLDER.sub("", text))


def placeholders(entry: Entry) -> set[str]:
    texts = entry.values() if isinstance(entry, dict) else [entry]
    return {name for text in texts for name in PLACEHOLDER.findall(text)}


def load(config: SiteConfig, themes: list[Theme], problems: Problems,
         tag: str | None = None) -> Catalogue:
    """Every string of the site's language (or of `tag`, one of its other languages),
    `[labels]` checked (unknown names, wrong types and placeholders are `config.toml:LINE`
    errors).  `[labels]` names the default language's words, `[labels.sw]` Swahili's."""
    language = cldr.parse(tag or config.site.language)
    english_words = english()
    table: Catalogue = dict(english_words)
    translated: set[str] = set()
    if language.code != "en":  # punctuated as the language does, translated or not
        table["comma"] = language.comma
        translated.add("comma")
    for stem in stems(language):
        found = shipped(stem) or {}
        table.update(found)
        translated.update(found)
    theme_files = _theme_strings(themes, language, problems)
    _misspelt(theme_files, themes, problems)
    theme_english: list[tuple[ThemeFile, Catalogue]] = []  # and their own labels
    for file in theme_files:
        stem, words = file.stem, file.words
        if stem == "en" and language.code != "en":
            # a theme's English gives its own templates' words, never replaces a translation
            words = {k: v for k, v in words.items() if k not in english_words}
            theme_english.append((file, words))
        table.update(words)
        if stem != "en" or language.code == "en":
            translated.update(words)
    own = tag is not None and tag != config.site.language
    labels = _labels(config, table, language, problems, own=own)
    table.update(labels)
    translated.update(labels)
    for file, words in theme_english:
        _only_english(file, [key for key in words if key not in translated], language,
                      f"labels{'.' + language.tag if own else ''}", problems)
    if language.code != FALLBACK_LANGUAGE and (shown_in_english := {
            key: FALLBACK_LANGUAGE for key, entry in table.items()
            if key not in translated and _has_words(entry)}):
        table[FALLBACK] = shown_in_english
    untranslated = [key for key in english_words if key not in translated]
    if language.code != "en" and untranslated:
        shown = language.english_name
        # (the default language is set by `languages` when the site has several)
        setting = "site.language" if not tag and "site.language" in config.lines else \
            "site.languages"
        problems.warning(CONFIG_NAME, config.line_of(setting),
                         f"cswgen has no translation of its own words into {shown} "
                         f"({language.tag}), so {len(untranslated)} labels, headings and "
                         "buttons stay in English (dates and numbers are in "
                         f"{shown}); give them in {shown} under "
                         f"[labels{'.' + language.tag if own else ''}] in config.toml "
                         "(the README lists every label name), or in the theme's "
                         f"i18n/{language.code}.toml")
    return table


class ThemeFile(NamedTuple):
    """One of a theme's strings files: `i18n/<stem>.toml`, `where` as problems name it."""

    stem: str
    words: Catalogue
    path: Path
    where: str


def _theme_strings(themes: list[Theme], language: cldr.Language,
                   problems: Problems) -> list[ThemeFile]:
    """The theme's strings files that apply, the least specific first: the theme a theme
    extends before it, English before the language, the language before the tag."""
    found: list[ThemeFile] = []
    for theme in reversed(themes):
        for stem in dict.fromkeys(["en", *stems(language)]):
            path = theme.folder / "i18n" / f"{stem}.toml"
            where = path.relative_to(theme.folder.parent.parent).as_posix() \
                if not theme.builtin else path.as_posix()
            words = _theme_file(path, where, problems)
            if words is not None:
                found.append(ThemeFile(stem, words, path, where))
    return found


def _misspelt(files: list[ThemeFile], themes: list[Theme], problems: Problems) -> None:
    """A warning for a label of a site theme's strings file that is not cswgen's, that no
    template of the theme names, and that is spelt nearly as one of cswgen's (`honor_roll`
    meant to rename `honour_roll`): it changes nothing on any page."""
    known = list(english())
    said: str | None = None  # every template's text, read once when needed
    for file in files:
        if not file.where.startswith("themes/"):
            continue  # (a built-in theme's, named by its full path: tested with cswgen)
        for key in file.words:
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.8)
            if key in known or not close:
                continue
            if said is None:
                said = "\n".join(path.read_text("utf-8", errors="replace")
                                 for theme in themes if theme.templates.is_dir()
                                 for path in sorted(theme.templates.rglob("*"))
                                 if path.is_file())
            if f'"{key}"' in said or f"'{key}'" in said:
                continue
            line = tomlpos.key_lines(file.path.read_text("utf-8-sig")).get(key, 1)
            message = (f"{key} is not one of cswgen's labels and no template of the theme "
                       f"says t(\"{key}\"), so it changes nothing; did you mean "
                       f"`{close[0]}`?")
            if Problem(file.where, line, message, "warning") not in problems.items:
                problems.warning(file.where, line, message)


def _only_english(file: ThemeFile, keys: list[str], language: cldr.Language,
                  labels: str, problems: Problems) -> None:
    """A warning for a theme's own labels, given in its English file, that nothing gives
    in `language`: its pages would show them in English without a word said."""
    if not keys:
        return
    line = tomlpos.key_lines(file.path.read_text("utf-8-sig")).get(keys[0], 1)
    name = language.english_name
    them = "them" if len(keys) > 1 else "it"
    problems.warning(file.where, line, f"the theme's own label{'s' if len(keys) > 1 else ''} "
                     f"{', '.join(keys)} {'have' if len(keys) > 1 else 'has'} no words in "
                     f"{name}, so {name} pages show {them} in English; give {them} in "
                     f"{file.where.rpartition('/')[0]}/{language.code}.toml, or under "
                     f"[{labels}] in config.toml")


def _theme_file(path: Path, where: str, problems: Problems) -> Catalogue | None:
    if not path.is_file():
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        _once(problems, where, 1, "is not UTF-8 text; save it as UTF-8 in your editor")
        return None
    except tomllib.TOMLDecodeError as exc:
        # (every line TOML cannot read, said as config.toml's are: a translator's file
        # with Word's curly quotes on ten lines is fixed in one go, not in ten builds)
        for problem in toml_problems(where, text, exc, shape="each line is a label name, "
                                     "=, and the text in double quotes"):
            _once(problems, where, problem.line, problem.message)
        return None
    words: Catalogue = {}
    lines: dict[str, int] | None = None  # (looked for only when one is wrong)
    language = _file_language(path.stem)
    for key, value in data.items():
        entry = _entry(value)
        wrong = f"`{key}` must be a text in double quotes, or a table of plural forms " \
            "such as { one = \"...\", other = \"...\" }" if entry is None else \
            _wrong(f"`{key}`", key, entry, english().get(key), language)
        if entry is None and isinstance(value, dict) and value and \
                not set(value) & set(CATEGORIES) and \
                all(isinstance(words, str | dict) for words in value.values()):
            # ([labels] copied from config.toml: its labels are read as one table)
            first, sample = next(iter(value.items()))
            wrong = (f"[{key}] is a table, and a theme's strings file has none: write its "
                     "labels at the top of the file, one a line, like "
                     f"{first} = {_shown(sample)}, and delete the [{key}] line")
        if wrong:
            lines = tomlpos.key_lines(text) if lines is None else lines
            _once(problems, where, lines.get(key, 1), wrong)
            continue
        words[key] = value
    return words


def _shown(value: Any) -> str:
    return f"\"{value}\"" if isinstance(value, str) else "\"...\""


def _once(problems: Problems, where: str, line: int, message: str) -> None:
    """Report a mistake in a theme's strings file once: its English file is read again for
    each language of a site in several."""
    if Problem(where, line, message) not in problems.items:
        problems.error(where, line, message)


def _file_language(stem: str) -> cldr.Language:
    """The language a theme's strings file is in, by its name (`fr`, `pt-BR`); English for
    a name that is not a tag, whose words are never looked up."""
    try:
        return cldr.parse(stem)
    except cldr.UnknownLanguage:
        return cldr.parse("en")


def _labels(config: SiteConfig, table: Catalogue, language: cldr.Language,
            problems: Problems, *, own: bool) -> Catalogue:
    """The labels of `[labels]` (the default language's), or with `own`, of the table
    named after the language (`[labels.sw]`)."""
    known = sorted(table)
    labels: Catalogue = {}
    given: dict[str, Any] = {}
    where = "labels"
    for key, value in config.labels.items():
        tag = _named_after(key, value, table)
        if tag is None:
            if not own:
                given[key] = value
        elif own and tag == language.tag:
            given, where = value, f"labels.{key}"
        elif not own and (why := not_its_language("labels", tag, key, config.site, "labels")):
            # ([labels.fr] in a site in French, or one not published in Swahili: its labels
            # would be read by no page)
            problems.error(CONFIG_NAME, config.line_of(f"labels.{key}"), why)
    for key, value in given.items():
        line = config.line_of(f"{where}.{key}")
        if key not in table:
            hint = suggest(key, known)
            advice = f"did you mean `{hint}`?" if hint else \
                _table_for(key, value, config.site.tags) or "the README lists every label name."
            problems.error(CONFIG_NAME, line, f"[{where}] {key} is not a label cswgen or the "
                           f"theme has; {advice}")
            continue
        entry = _entry(value)
        wrong = f"[{where}] {key} must be a text in double quotes, like {key} = " \
            f"\"{_plain(table[key])}\"" if entry is None else \
            _wrong(f"[{where}] {key}", key, entry, table[key], language)
        if entry is None or wrong:
            problems.error(CONFIG_NAME, line, wrong)
            continue
        labels[key] = entry
    return labels


def _table_for(key: str, value: Any, tags: tuple[str, ...]) -> str:
    """For a table of labels named after a language by its name (`[labels.francais]`,
    `[labels.kinyarwanda]`), the table to name it; "" otherwise."""
    if not isinstance(value, dict):
        return ""
    try:
        cldr.parse(key)
        return ""
    except cldr.UnknownLanguage as unknown:
        meant = unknown.suggestion
    tag = next((t for t in tags if meant and t.lower().split("-")[0] == meant.lower()), None)
    if tag is None:
        return ""
    return (f"a language's labels go in a table named after its tag, as in [site] "
            f"languages: [labels.{tag}]" if tag != tags[0] else
            "the site's default language's labels go in [labels] itself")


def _named_after(key: str, value: Any, table: Catalogue) -> str | None:
    """The language tag `[labels.KEY]` is named after (`sw`, `fr-CA`), None when it is a
    label (`[labels.countdown]`, a table of plural forms) or named after no language."""
    if not isinstance(value, dict) or key in table:
        return None
    try:
        return cldr.parse(key).tag
    except cldr.UnknownLanguage:
        return None


def _wrong(name: str, key: str, entry: Entry, known: Entry | None,
           language: cldr.Language) -> str:
    """What is wrong with the words `entry` given for `key` in `language` ("" when nothing
    is), said of `name`: empty (every menu, heading and link that says it would show
    nothing), plural forms the language does not use or without `other` (which every
    number falls back to), or a `{name}` cswgen does not fill in (shown to visitors as it
    is).  `known`: the words cswgen has for `key` (English), None for a theme's own label,
    whose `{name}`s and use only its templates know."""
    example = f"{key} = \"{_plain(known)}\"" if known is not None else ""
    if known is not None and not all(text.strip() for text in (
            [entry] if isinstance(entry, str) else entry.values())):
        return (f"{name} is empty, so every menu, heading and link that says it would show "
                "nothing (and be invisible to a screen reader); write the words to show, "
                f"like {example}, or delete the line to keep cswgen's")
    if isinstance(entry, dict):
        needed = language.plural_categories
        if known is not None and not isinstance(known, dict) and "{n}" not in known:
            return f"{name} does not depend on a number; write one text, like {example}"
        if needed == {"other"} and set(entry) - needed:
            # (Kinyarwanda, Japanese, Yoruba: "give `other` and any of those" says nothing)
            one = entry.get("other") or next(iter(entry.values()))
            return (f"{name} has plural forms {', '.join(sorted(entry))}, but "
                    f"{language.english_name} has one form for every number in the Unicode "
                    "CLDR, which cswgen follows, so give one text, used for every number: "
                    f"{key} = \"{one}\"")
        if set(entry) - needed or "other" not in entry:
            return (f"{name} has plural forms {', '.join(sorted(entry))}, but "
                    f"{language.english_name} uses "
                    f"{', '.join(c for c in CATEGORIES if c in needed)}; give `other` and "
                    "any of those")
    extra = sorted(placeholders(entry) - placeholders(known)) if known is not None else []
    if extra and known is not None:
        allowed = sorted(placeholders(known))
        can = ("it can use " + ", ".join("{" + a + "}" for a in allowed)) if allowed \
            else "it takes none"
        return (f"{name} uses {', '.join('{' + e + '}' for e in extra)}, which cswgen does "
                f"not fill in here; {can}")
    return ""


def _entry(value: Any) -> Entry | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and value and all(
            k in CATEGORIES and isinstance(v, str) for k, v in value.items()):
        return {str(k): str(v) for k, v in value.items()}
    return None


def plain(table: Catalogue, key: str) -> str:
    """The text of `key` as one text (a label given with plural forms: its `other`), for
    words written outside the templates (a footnote's link back to the text)."""
    return _plain(table[key])


def _plain(entry: Entry) -> str:
    return entry.get("other", "") if isinstance(entry, dict) else entry
