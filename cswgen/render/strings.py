"""Every word cswgen writes on a page, through one function: `Words.say`.

A text's `{name}`s are filled in (numbers written as the language writes them) and, for a
text that depends on a number, the plural form is chosen by the language's CLDR rules:
"1 témoignage", "16 témoignages"; Arabic has six forms.  Templates call `t(key, ...)`,
which does the same with HTML escaping: the words are text, never markup, and only a
value given as markup (a `<time>` element) is kept as it is.  A value with letters that
read the other way than the language (a Latin name in Arabic words) is isolated from the
words around it (`cswgen.core.bidi`), so that its punctuation stays where it belongs.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from cswgen.core import cldr
from cswgen.core.bidi import isolated
from cswgen.read.catalogue import PLACEHOLDER, Catalogue

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
    the values and to each value (HTML escaping in templates, `str` elsewhere)."""
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
        out.append(isolated(escape(value), language.direction, judged))
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)

