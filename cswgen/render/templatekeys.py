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
from cswgen.read.themes import Theme

TEMPLATE_OF = {"home": "home.html", "day": "day.html", "testimonials": "testimonials.html",
               "testimonial": "testimonial.html", "honour_roll": "honour_roll.html",
               "honour": "honour.html", "certificate": "certificate.html",
               "policy": "policy.html", "page": "page.html", "404": "404.html",
               "award": "award.html", "programme": "programme.html",
               "poster": "poster.html", "email": "email.html",
               "screen": "screen.html"}

TEMPLATE_SUFFIXES = (".html", ".xml", ".txt", ".md", ".j2")


def fingerprint(themes: list[Theme], portable: bool, base_path: str) -> str:
    """Everything besides the views that decides what a page renders to."""
    parts: list[str | bytes] = [code_version(), str(portable), base_path]
    for theme in themes:
        parts.append(f"{theme.name}={theme.folder}")
        if theme.templates.is_dir():
            for template in sorted(theme.templates.rglob("*")):
                if template.is_file():
                    parts += [template.relative_to(theme.templates).as_posix(),
                              template.read_bytes()]
    return digest(*parts)


_PLAIN_VALUES = (str, Markup, int, float, bool, type(None))


def said_key(table: object, language: object, key: object,
              values: dict[str, Any]) -> tuple[object, ...] | None:
    """What `t(key, **values)` is known by in one strings table (the table itself is kept
    beside the text, so that its `id` cannot be another table's), or None when a value is
    anything but plain text, markup or a number: each type is part of the key, since
    `Markup("<b>")` equals the text "<b>" that must be escaped, and `True` equals 1."""
    if type(key) is not str:
        return None
    if not values:
        return (id(table), language, key)
    types = tuple(map(type, values.values()))
    if not all(kind in _PLAIN_VALUES for kind in types):
        return None
    return (id(table), language, key, tuple(values.items()), types)
