"""Make HTML from content harmless.  The only module that imports nh3 (Ammonia).

Content is pasted from web forms and email: anything that could run script (a `<script>`
element, an `onerror=` attribute, a `javascript:` link) is removed, while the HTML that
Markdown itself produces (tables, footnotes, heading ids) is kept.
"""

from __future__ import annotations

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


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ATTRIBUTES,
        link_rel=None,
        url_schemes=_SCHEMES,
        filter_style_properties={"text-align"},
    )


def strip_tags(html: str) -> str:
    """The text of an HTML fragment, for excerpts and share text."""
    return nh3.clean(html, tags=set(), clean_content_tags={"script", "style"})
