"""`cswgen check`'s rules for a site's own theme: a file its stylesheets name that the
built site lacks, and a script, stylesheet, font or picture its templates load from
another host (SPEC: no page loads anything from another host).  Built-in themes are
tested with cswgen, and passed over."""

from __future__ import annotations

import re
from pathlib import Path

from cswgen.core.errors import Problems
from cswgen.read import themes
from cswgen.render import htmlscan
from cswgen.render.templatekeys import TEMPLATE_SUFFIXES

_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)"""
                      r"""|@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_FONTS = (".woff2", ".woff", ".ttf", ".otf", ".eot")
_PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico", ".bmp")


def stylesheet_rules(theme_chain: list[themes.Theme], output: Path,
                      problems: Problems) -> None:
    """A `url(...)` in a site theme's stylesheet that names a file the built site lacks (a
    background picture or a font never put in the theme), at the stylesheet's line."""
    for css in sorted((output / "assets").rglob("*.css")):
        name = css.relative_to(output / "assets").as_posix()
        theme = next((t for t in theme_chain if (t.static / name).is_file()), None)
        if theme is None or theme.builtin:
            continue  # (a built-in theme's stylesheets are tested with cswgen)
        where = f"themes/{theme.name}/static/{name}"
        text = _CSS_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"),
                                css.read_text("utf-8", errors="replace"))
        for match in _CSS_URL.finditer(text):
            url = next(group for group in match.groups() if group is not None)
            address = url.split("?", 1)[0].split("#", 1)[0]
            if _REMOTE.match(url):
                problems.warning(where, text.count("\n", 0, match.start()) + 1,
                                 _remote(url, theme))
                continue
            if not address or re.match(r"[a-z][a-z0-9+.-]*:|/", address, re.I):
                continue  # data:, another host, or the site's root: not a file of the theme
            landing = htmlscan.target(f"assets/{name}", address)
            if landing is None or landing[0].startswith("..") or \
                    (output / landing[0]).is_file():
                continue
            thing = "font" if address.lower().endswith(_FONTS) else \
                "picture" if address.lower().endswith(_PICTURES) else "file"
            place, add = ("the theme", f"themes/{theme.name}/static/{landing[0][7:]}") \
                if landing[0].startswith("assets/") else \
                ("the built site", f"content/{landing[0]}")
            problems.error(where, text.count("\n", 0, match.start()) + 1,
                           f"the {thing} {address} is not in {place}; add it as {add}, or "
                           "correct the name")


_REMOTE = re.compile(r"\s*(?:https?:)?//", re.I)
_LOADING_TAG = re.compile(r"<(script|link|img|iframe|source|video|audio|embed)\b[^>]*>",
                          re.I | re.S)
_ADDRESS = re.compile(r"""\b(src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_LOADED_LINKS = re.compile(r"""\brel\s*=\s*["']?[^"'>]*\b(stylesheet|icon|preload|
                           modulepreload|manifest)\b""", re.I | re.X)


def _remote(url: str, theme: themes.Theme) -> str:
    return (f"loads {_shown(url.strip())} from another host; visitors' browsers ask that host "
            "for it (telling it who is reading), and it is missing when the site is opened "
            f"from disk or a zip; put the file in themes/{theme.name}/static/ and refer to it "
            "by its path there")


def remote_in_templates(theme_chain: list[themes.Theme], problems: Problems) -> None:
    """A script, stylesheet, font or picture a site theme's template loads from another
    host (SPEC: no page loads anything from another host), at the template's line."""
    for theme in theme_chain:
        if theme.builtin or not theme.templates.is_dir():
            continue
        for file in sorted(theme.templates.rglob("*")):
            if not file.is_file() or not file.name.endswith(TEMPLATE_SUFFIXES):
                continue
            text = file.read_text("utf-8", errors="replace")
            for tag in _LOADING_TAG.finditer(text):
                if tag.group(1).lower() == "link" and not _LOADED_LINKS.search(tag.group(0)):
                    continue  # canonical, alternate, preconnect: nothing is loaded
                for found in _ADDRESS.finditer(tag.group(0)):
                    url = next(g for g in found.groups()[1:] if g is not None)
                    if _REMOTE.match(url):
                        problems.warning(f"themes/{theme.name}/templates/"
                                         f"{file.relative_to(theme.templates).as_posix()}",
                                         text.count("\n", 0, tag.start()) + 1,
                                         _remote(url, theme))


def _shown(url: str) -> str:
    return url if len(url) <= 60 else url[:57] + "..."
