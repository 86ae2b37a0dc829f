"""What templates, and what they render, are known by, worked out without Jinja: the
template of each page kind, the files of a theme that are templates, the digest of
everything besides the views that decides what a page renders to (the start of every
page's key), and what one `t()` call is known by (so that each is said once).  `templates`,
the one module that imports Jinja, renders with them; `cswgen check` and a theme's checks
look the names up here.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from cswgen.core.cache import code_version, digest
from cswgen.core.digest import file_digest_of
from cswgen.read.themes import Theme, static_files

TEMPLATE_OF = {"home": "home.html", "day": "day.html", "testimonials": "testimonials.html",
               "testimonial": "testimonial.html", "honour_roll": "honour_roll.html",
               "honour": "honour.html", "certificate": "certificate.html",
               "policy": "policy.html", "page": "page.html", "404": "404.html",
               "award": "award.html", "programme": "programme.html",
               "poster": "poster.html", "email": "email.html",
               "screen": "screen.html"}

TEMPLATE_SUFFIXES = (".html", ".xml", ".txt", ".md", ".j2")


def asset_versions(themes: list[Theme]) -> dict[str, str]:
    """What each script the themes publish under assets/ is known by in a link to it
    (`site.js?v=3f9c2a71d0`): a digest of its bytes, so that a browser that keeps the old
    one (a lobby TV runs for a week without loading screen.js again) asks for the new one
    as soon as a page links to it, and no page runs a script older than itself.  Not
    stylesheets: `cswgen serve` swaps a changed one into the open pages, which a change to
    every page's link would reload instead (the preview is the build, byte for byte), and
    the lobby screen fetches its stylesheet again with every newer build; nor pictures and
    fonts, which a browser that kept them shows as they were, breaking nothing."""
    return {name: file_digest_of(source)[:10]
            for name, source in static_files(themes).items() if name.endswith(".js")}


def theme_digest(themes: list[Theme], versions: dict[str, str]) -> str:
    """The themes' templates and `versions` (`asset_versions`): with the views, what a
    page renders to; also what a lobby screen's build follows besides what it shows, so
    that a TV takes a new template or screen.js (not cswgen's own code, or where the theme
    lies on the disk: a build's output is the same on every machine)."""
    parts: list[str | bytes] = [f"{name}={version}" for name, version in versions.items()]
    for theme in themes:
        parts.append(theme.name)
        if theme.templates.is_dir():
            for template in sorted(theme.templates.rglob("*")):
                if template.is_file():
                    parts += [template.relative_to(theme.templates).as_posix(),
                              template.read_bytes()]
    return digest(*parts)


def fingerprint(themes: list[Theme], portable: bool, base_path: str, theme: str) -> str:
    """Everything besides the views that decides what a page renders to (`theme`:
    `theme_digest`)."""
    return digest(code_version(), str(portable), base_path, theme,
                  *(f"{t.name}={t.folder}" for t in themes))


_PLAIN_VALUES = (str, Markup, int, float, bool, type(None))


def said_key(language: object, key: object, values: dict[str, Any]) -> tuple[object, ...] | None:
    """What `t(key, **values)` is known by in one strings table (see `Said`), or None when
    a value is anything but plain text, markup or a number: each type is part of the key,
    since `Markup("<b>")` equals the text "<b>" that must be escaped, and `True` equals 1."""
    if type(key) is not str:
        return None
    if not values:
        return (language, key)
    types = tuple(map(type, values.values()))
    if not all(kind in _PLAIN_VALUES for kind in types):
        return None
    return (language, key, tuple(values.items()), types)


class Said:
    """What `t()` said, table by table.  Every build reads its strings tables anew, one a
    language, and `cswgen serve` builds all day with the same templates: only the last
    `TABLES` tables' words are kept, or each edit would keep another table and its words
    for as long as the server runs."""

    TABLES = 16  # (more than any site has languages, so one build never forgets its own)

    def __init__(self) -> None:
        # id(table) -> the table itself (so that its `id` cannot be another table's) and
        # its words, by `said_key`; the oldest first
        self._tables: dict[int, tuple[object, dict[tuple[object, ...], Markup]]] = {}

    def of(self, table: object) -> dict[tuple[object, ...], Markup]:
        found = self._tables.get(id(table))
        if found is not None and found[0] is table:
            return found[1]
        if len(self._tables) >= self.TABLES:
            del self._tables[next(iter(self._tables))]
        words: dict[tuple[object, ...], Markup] = {}
        self._tables[id(table)] = (table, words)
        return words
