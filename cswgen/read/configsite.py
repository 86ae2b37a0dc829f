"""Read `[site]` of `config.toml`: the site's name, its languages (BCP 47 tags, the
default first), whether an entry without a translation is shown, and the address it is
published at; and the words each other language gives in a table named after it
(`[site.fr] title`, `[week.fr] theme`).  `config` calls `site` and `words` in its turn.
"""

from __future__ import annotations

import re
from typing import Any

from cswgen.core import cldr, paths
from cswgen.core.errors import Problems
from cswgen.read import confighints
from cswgen.read.place import CONFIG_NAME
from cswgen.read.settings import IN_LANGUAGE, SCHEMA, SiteSettings
from cswgen.read.tomltable import Table, shown, suggest


def site(r: Table, problems: Problems, year: int) -> SiteSettings:
    if "title" not in r.data:
        problems.error(CONFIG_NAME, r.lines.get("site", 1),
                       "[site] title is missing; add a line like "
                       f"title = \"Customer Service Week {year}\" under [site]")
    title = r.text("title")
    if "title" in r.data and not title and isinstance(r.data.get("title"), str):
        r.bad("title", "is empty; give the site a name")
    language = _language(r, r.string("language", "en") or "en")
    languages = _languages(r, language)
    if languages:
        language = languages[0]
    untranslated = r.string("untranslated", "show") or "show"
    if untranslated not in ("show", "omit"):
        r.bad("untranslated", f"must be \"show\" (an entry without a translation appears in "
              "the default language) or \"omit\" (it is left out of that language's "
              f"pages), not {shown(untranslated)}")
        untranslated = "show"
    base_url = r.string("base_url")
    if base_url:
        # (a space in the path is a folder's name, as the address bar shows it: encoded)
        if not re.match(r"https?://[^/\s]+(?:/|$)", base_url) or \
                any(c.isspace() and c != " " for c in base_url):
            r.bad("base_url", "must be an absolute address starting with https:// "
                  "(like \"https://example.org/csw/\"), or \"\" to leave it out; "
                  f"not {shown(base_url)}")
            base_url = ""
        elif "?" in base_url or "#" in base_url:
            # (copied from a browser's address bar: `.../csw/?web=1`, `.../csw/#top`)
            folder = re.split(r"[?#]", base_url)[0]
            r.bad("base_url", "is the address of the site's folder, which every page's "
                  "address is written after, so it cannot have a ? or # part; write "
                  f"base_url = {shown(folder.rstrip('/') + '/')}")
            base_url = ""
        else:
            base_url = _address(r, base_url if base_url.endswith("/") else base_url + "/")
    theme = r.string("theme", "classic") or "classic"
    return SiteSettings(title=title, organisation=r.text("organisation"),
                        description=r.text("description"), language=language,
                        languages=languages, untranslated=untranslated,
                        base_url=base_url, theme=theme)


def words(data: dict[str, Any], site: SiteSettings, lines: dict[str, int],
           problems: Problems) -> dict[str, dict[str, str]]:
    """The words each other language of the site gives in a table named after it
    (`[site.fr] title`, `[week.fr] theme`), checked: a language the site is published in,
    other than the default (whose words are `[site]`'s own), and only `IN_LANGUAGE`'s
    keys, each text."""
    words: dict[str, dict[str, str]] = {}
    for section, keys in IN_LANGUAGE.items():
        value = data.get(section)
        if not isinstance(value, dict):
            continue
        for written, table in value.items():
            if not isinstance(table, dict) or written in SCHEMA[section]:
                continue  # (a setting written as a table: reported as that setting)
            name = f"{section}.{written}"
            line = lines.get(name, lines.get(section, 1))
            try:
                tag = cldr.parse(written).tag
            except cldr.UnknownLanguage as exc:
                tag_like = re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", written)
                advice = (f"did you mean [{section}.{exc.suggestion}]? " if tag_like
                          and exc.suggestion else "")
                problems.error(CONFIG_NAME, line, f"[{name}] is not a table cswgen knows: "
                               f"a table in [{section}] gives the site's words in one of its "
                               f"other languages and is named after it, like [{section}.fr]; "
                               f"{advice}settings for your own templates go in [extra]")
                continue
            why = confighints.not_its_language(section, tag, written, site)
            if why:
                problems.error(CONFIG_NAME, line, why)
                continue
            own = Table(table, name, lines, problems)
            for key in table:
                if key not in keys:
                    hint = suggest(key, keys)
                    advice = f"did you mean `{hint}`?" if hint else (
                        f"the same in every language, it is set under [{section}] only"
                        if key in SCHEMA[section] else "it is not a setting cswgen knows")
                    own.bad(key, f"cannot be given per language: only {', '.join(keys)} "
                            f"can; {advice}")
                    continue
                text = own.text(key)
                if text:
                    words.setdefault(tag, {})[f"{section}.{key}"] = text
                elif isinstance(table[key], str):
                    own.bad(key, f"is empty; write it in {cldr.parse(tag).english_name}, or "
                            "delete the line to show the default language's")
    return words


def _address(r: Table, base_url: str) -> str:
    """base_url as every address is written after it: in ASCII, with a host name in another
    script in its IDNA form and the path percent-encoded once (`/journée du client/` ->
    `/journ%C3%A9e%20du%20client/`, `/csw%202026/` as it is)."""
    try:
        return paths.ascii_address(base_url)
    except paths.NotAnAddress as exc:
        r.bad("base_url", f"names the host {shown(str(exc))}, which cannot be written as a web "
              "address (a host name is letters, digits, - and dots); check it in the "
              "browser's address bar")
        return ""


def _language(r: Table, written: str, key: str = "language") -> str:
    """The tag of `[site] language` as BCP 47 writes it (`pt_br` -> `pt-BR`), an old code
    read as its current one with a warning (`iw` -> `he`)."""
    try:
        language = cldr.parse(written)
    except cldr.UnknownLanguage as exc:
        advice = ("write the visitors' language as a BCP 47 tag, such as \"en\", \"fr-CA\", "
                  "\"pt-BR\", \"ar\" or \"sw\"")
        if exc.suggestion:  # (a question ends a sentence: the advice starts the next)
            advice = f"did you mean \"{exc.suggestion}\"? {advice[:1].upper()}{advice[1:]}"
        r.bad(key, f"{'is' if key == 'language' else 'lists'} {shown(written)}, which is not "
              f"a language tag cswgen knows; {advice}")
        return "en"
    if old := cldr.replaced(written):
        # (browsers, screen readers and search engines read lang="he"; many no longer
        # know "iw", and a theme's i18n/he.toml would not be found for it)
        name = cldr.parse(old[1]).english_name
        line = (f'language = "{language.tag}"' if key == "language" else
                f'"{language.tag}" in its place')
        r.warn(key, f"{key} {'is' if key == 'language' else 'lists'} {shown(written)}, the "
               f"old code for {name}, which browsers, screen readers and search engines may "
               f"not know; the site is built as \"{language.tag}\", the code for {name} now: "
               f"write {line}")
    return language.tag


def _languages(r: Table, language: str) -> tuple[str, ...]:
    """`[site] languages`, checked: known tags, each once; the first is the default, so a
    `language` that names another is an error."""
    if "languages" not in r.data:
        return ()
    value = r.data["languages"]
    if value == []:
        r.bad("languages", "is empty; list the site's languages, the default first, like "
              "languages = [\"en\", \"sw\"], or delete the line for a site in one language")
        return ()
    if isinstance(value, list) and (odd := [v for v in value if not isinstance(v, str)]):
        r.bad("languages", f"lists {shown(odd[0])}, which is not a language tag in quotes; "
              "write each one like languages = [\"en\", \"sw\"]")
        return ()
    if not isinstance(value, list):
        r.bad("languages", "must be a list of language tags in quotes, the default first, "
              f"like languages = [\"en\", \"sw\"], not {shown(value)}")
        return ()
    tags: list[str] = []
    for written in value:
        try:
            cldr.parse(written)
        except cldr.UnknownLanguage:
            _language(r, written, key="languages")  # says so, with the nearest tag
            continue
        tag = _language(r, written, key="languages")  # (an old code: said, read as now)
        if tag in tags:
            r.bad("languages", f"names {shown(tag)} twice; list each language once")
        else:
            tags.append(tag)
    if "language" in r.data and tags and language != tags[0]:
        r.bad("language", f"is {shown(language)}, but the first of `languages` is "
              f"{shown(tags[0])}, and the first is the site's default language; make them the "
              "same, or leave out `language`")
    return tuple(tags)
