"""Every word cswgen writes on a page, through one function: `Words.say`.

A text's `{name}`s are filled in (numbers written as the language writes them) and, for a
text that depends on a number, the plural form is chosen by the language's CLDR rules:
"1 témoignage", "16 témoignages"; Arabic has six forms.  Templates call `t(key, ...)`,
which does the same with HTML escaping: the words are text, never markup, and only a
value given as markup (a `<time>` element) is kept as it is.  A value with letters that
read the other way than the language (a Latin name in Arabic words) is isolated from the
words around it (`cswgen.core.bidi`), so that its punctuation stays where it belongs.
A label shown in English for want of words in the language is marked so
(`cswgen.core.langmarks`), and a rendered page says so with `lang` (`in_spans`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from cswgen.core import cldr, langmarks
from cswgen.core.bidi import isolated
from cswgen.read.catalogue import FALLBACK, PLACEHOLDER, Catalogue

COUNTS = ("n", "count")  # the values written as the language writes numbers
FIGURES = ("year", "number")  # ... and those written in its digits, ungrouped: 2026, page 2


@cache
def language_of(tag: str) -> cldr.Language:
    return cldr.parse(tag)


class Words:
    """The strings of one site, in its language."""

    def __init__(self, table: Catalogue, tag: str) -> None:
        self.table = table
        self.language = language_of(tag)

    def say(self, key: str, **values: Any) -> str:
        return say(self.table, self.language, key, values, str)


def say(table: Mapping[str, Any], language: cldr.Language, key: str,
        values: Mapping[str, Any], escape: Callable[[Any], str]) -> str:
    """The text of `key` with `values` filled in; `escape` is applied to the text around
    the values and to each value (HTML escaping in templates, `str` elsewhere).  English
    standing in for the language's words is marked so, and the values in it (the site's
    words, dates in the language) marked as the language's."""
    other = table.get(FALLBACK, {}).get(key)
    if not other:
        return _filled(table, language, key, values, escape)
    return langmarks.marked(_filled(table, language, key, values, escape, language.tag),
                            other)


def _filled(table: Mapping[str, Any], language: cldr.Language, key: str,
            values: Mapping[str, Any], escape: Callable[[Any], str],
            own: str | None = None) -> str:
    """`say`'s text, each value with words in it marked as in `own` when given."""
    entry = table[key]
    if isinstance(entry, dict):  # `_form`: one plural form whatever the number
        count = values.get("n")
        form = values.get("_form") or (
            language.plural(int(count)) if isinstance(count, int | float) else "other")
        entry = entry.get(form, entry.get("other", ""))
    text = str(entry)
    out: list[str] = []
    last = 0
    for match in PLACEHOLDER.finditer(text):
        name = match.group(1)
        if name not in values:
            continue
        out.append(escape(text[last:match.start()]))
        value = values[name]
        if name in COUNTS and isinstance(value, int | float) and not isinstance(value, bool):
            value = language.number(value)  # 1,234 people
        elif name in FIGURES and str(value).isascii() and str(value).isdigit():
            value = language.digits(str(value))  # ٢٠٢٦ beside "٦ أكتوبر ٢٠٢٦", not 2026
        # (a value given as markup, a `<time>`, is judged by its text, not its tags)
        judged = value.striptags() if hasattr(value, "striptags") else str(value)
        shown = isolated(escape(value), language.direction, judged)
        out.append(langmarks.marked(shown, own) if own and _has_words(judged) else shown)
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)



def _has_words(text: str) -> bool:
    """Whether `text` holds words, not only numbers and marks (a value that is English
    standing in itself is marked already)."""
    return any(c.isalpha() for c in langmarks.plain(text)) and \
        langmarks.language_of(text)[0] is None


# in a page: a comment, a doctype, or a tag (its attributes may quote a `>`)
_TAG = re.compile(r"""<!--.*?-->|<![^>]*>|<(/?)([A-Za-z][A-Za-z0-9-]*)"""
                  r"""((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.S)
_TEXT_ONLY = ("script", "style", "textarea", "title")  # their text up to their end tag
_NO_SPANS = ("svg", "math", "select", "option")  # where a span is no span
_MARK_OR_END = re.compile(f"{langmarks.MARK.pattern}|{langmarks.END}")


def in_spans(html: str) -> str:
    """A rendered page with its marked words (`langmarks`) in a `<span lang dir>` where
    its text holds them, and unmarked where no element can go: attributes, comments, the
    title, scripts and styles, SVG and a list's options."""
    if langmarks.BEGIN not in html and langmarks.END not in html:
        return html
    out: list[str] = []
    at = held = opened = 0

    def text_to(stop: int) -> None:
        nonlocal opened
        if held:
            out.append(langmarks.plain(html[at:stop]))
            return
        text, opened = _spans(html[at:stop], opened)
        out.append(text)

    while (tag := _TAG.search(html, at)) is not None:
        text_to(tag.start())
        out.append(langmarks.plain(tag.group(0)))
        at = tag.end()
        name, closing = (tag.group(2) or "").lower(), tag.group(1) == "/"
        if name in _TEXT_ONLY and not closing:
            end = re.compile(f"</{name}\\s*>", re.I).search(html, at)
            stop = end.start() if end else len(html)
            out.append(langmarks.plain(html[at:stop]))
            at = stop
        elif name in _NO_SPANS and not tag.group(3).rstrip().endswith("/"):
            held = max(held - 1, 0) if closing else held + 1
    text_to(len(html))
    return "".join(out)


def _spans(text: str, opened: int) -> tuple[str, int]:
    """A piece of a page's text with its marks made spans; `opened`: how many are open
    (one ends in a later piece when its words hold markup); an end with none open is
    dropped."""
    if langmarks.BEGIN not in text and langmarks.END not in text:
        return text, opened
    out: list[str] = []
    at = 0
    for mark in _MARK_OR_END.finditer(text):
        out.append(text[at:mark.start()])
        at = mark.end()
        if mark.group(0) != langmarks.END:
            tag = mark.group(1)
            out.append(f'<span lang="{tag}" dir="{language_of(tag).direction}">')
            opened += 1
        elif opened:
            out.append("</span>")
            opened -= 1
    out.append(text[at:])
    return "".join(out), opened
