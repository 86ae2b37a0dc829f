"""Make HTML from content harmless.  The only module that imports nh3 (Ammonia).

Content is pasted from web forms and email: anything that could run script (a `<script>`
element, an `onerror=` attribute, a `javascript:` link) is removed, while the HTML that
Markdown itself produces (tables, footnotes, heading ids) is kept.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import nh3

ROOT_SCHEME = "cswgen-root"  # internal links, made relative for each page after rendering

_TAGS = set(nh3.ALLOWED_TAGS) | {"figure", "figcaption", "picture", "source", "details",
                                  "summary", "mark", "abbr", "dl", "dt", "dd", "hr", "sup",
                                  "sub", "ins", "del", "kbd", "samp", "var", "time"}
_ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id", "title", "lang", "dir", "class"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "source": {"srcset", "type", "media", "sizes"},
    "th": {"style", "scope", "colspan", "rowspan"},
    "td": {"style", "colspan", "rowspan"},
    "ol": {"start", "reversed", "type"},
    "abbr": {"title"},
    "time": {"datetime"},
    "blockquote": {"cite"},
}
_SCHEMES = {"http", "https", "mailto", "tel", ROOT_SCHEME}


_SCHEME = re.compile(r"^\s*[a-zA-Z][a-zA-Z0-9+.-]*:|^\s*\\|^\s*/\s*[/\\]|^\s+/")
_CONTROL = re.compile(r"[\x00-\x1f]")


# the value is found first, then the attribute's name before it: a scan for the literal
# prefix is an order of magnitude faster than one that starts at each possible name
_ROOT_VALUE = re.compile('="' + ROOT_SCHEME + r':([^"]*)"')
_ROOT_NAMES = ("srcset", "href", "src", "content")


def _internal_target(target: str) -> str | None:
    """The site path of a `cswgen-root:` link, or None when it could leave the site (content
    may write that prefix itself, so it is checked: no scheme, no `//` or backslash).  One
    leading slash says the path is from the site's root, not the page's language's folder
    (a page another language leaves out, in the default one: `/policy/`)."""
    decoded = html.unescape(target)
    if _SCHEME.match(decoded) or _CONTROL.search(decoded):
        return None
    return target


def rewrite_internal(fragment: str, link: Callable[[str], str]) -> str:
    """Each `cswgen-root:PATH` attribute becomes `link(PATH)`; one that could leave the
    site becomes `#`.  Pages make them relative, the feed absolute."""

    def one(value: str) -> str:
        target = _internal_target(value)
        return link(target) if target is not None else "#"

    def replace(match: re.Match[str]) -> str:
        before = fragment[max(0, match.start() - 6):match.start()]
        name = next((n for n in _ROOT_NAMES if before.endswith(n)), None)
        if name is None:
            return match.group(0)
        if name != "srcset":
            return f'="{one(match.group(1))}"'
        # a list of "ADDRESS WIDTHw" candidates, each of them internal
        candidates = []
        for candidate in (ROOT_SCHEME + ":" + match.group(1)).split(","):
            address, _, width = candidate.strip().partition(" ")
            inside = address.startswith(ROOT_SCHEME + ":")
            target = one(address.removeprefix(ROOT_SCHEME + ":")) if inside else "#"
            candidates.append(f"{target} {width}".strip())
        return f'="{", ".join(candidates)}"'

    return _ROOT_VALUE.sub(replace, fragment)


# Built once: `nh3.clean` with these settings builds a sanitizer on every call, a third
# of its time (10,000 bodies in a first build)
_CLEANER = nh3.Cleaner(tags=_TAGS, clean_content_tags={"script", "style"},
                       attributes=_ATTRIBUTES, link_rel=None, url_schemes=_SCHEMES,
                       filter_style_properties={"text-align"})


def clean(fragment: str) -> str:
    return _CLEANER.clean(fragment)


# the elements that set a body's text apart in blocks, for its plain text (`plaintext`)
BLOCK_TAGS = frozenset({
    "p", "div", "pre", "blockquote", "address", "figure", "figcaption", "details",
    "summary", "section", "article", "aside", "header", "footer", "nav", "main", "center",
    "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "ul", "ol", "menu", "li", "dl", "dt", "dd",
    "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "br", "hr"})
_BLOCKS = nh3.Cleaner(tags=set(BLOCK_TAGS), clean_content_tags={"script", "style"},
                      attributes={}, link_rel=None)


def blocks(fragment: str) -> str:
    """An HTML fragment with only its block elements left, bare (`<li>`, `</p>`, `<br>`),
    and the text between them escaped: any `<` in it starts one of them."""
    return _BLOCKS.clean(fragment)


# the block elements, and what marks the footnotes Python-Markdown adds (a reference's
# `<sup id="fnref-1"><a class="footnote-ref">`, the notes' `<div class="footnote">`)
_NOTED = nh3.Cleaner(tags=set(BLOCK_TAGS) | {"sup", "a"}, clean_content_tags={"script", "style"},
                     attributes={"sup": {"id"}, "a": {"class"}, "div": {"class"}},
                     link_rel=None)


def noted(fragment: str) -> str:
    """An HTML fragment with only its block elements and the marks of its footnotes left,
    as `blocks` (the elements closed where the HTML closes them: a `<div>` in a note that
    content left open ends with the note)."""
    return _NOTED.clean(fragment)
