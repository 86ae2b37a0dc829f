"""`cswgen check`'s rules for a site's own theme: a file its stylesheets or templates
name that the built site lacks (which `cswgen build` reports too, as warnings: the site
works, less its picture or font), and a script, stylesheet, font or picture its templates
load from another host (SPEC: no page loads anything from another host).  Built-in
themes are tested with cswgen, and passed over."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
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


def missing_files(theme_chain: list[themes.Theme], output: Path, problems: Problems, *,
                  warn: bool = False) -> set[str]:
    """The files a site theme's stylesheets and templates name that the site built in
    `output` lacks, as errors (`warn`: warnings); the output paths of those its templates
    name (`assets/brand.css`), which need no other report."""
    stylesheet_rules(theme_chain, output, problems, warn=warn)
    return missing_in_templates(theme_chain, output, problems, warn=warn)


def stylesheet_rules(theme_chain: list[themes.Theme], output: Path,
                     problems: Problems, *, warn: bool = False) -> None:
    """A `url(...)` in a site theme's stylesheet that names a file the built site lacks (a
    background picture or a font never put in the theme), at the stylesheet's line."""
    report = problems.warning if warn else problems.error
    for css in sorted((output / "assets").rglob("*.css")):
        name = css.relative_to(output / "assets").as_posix()
        theme = next((t for t in theme_chain if (t.static / name).is_file()), None)
        if theme is None or theme.builtin:
            continue  # (a built-in theme's stylesheets are tested with cswgen)
        where = f"themes/{theme.name}/static/{name}"
        text = _CSS_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"),
                                css.read_text("utf-8", errors="replace"))
        for jinja in _JINJA.finditer(text):
            problems.warning(where, text.count("\n", 0, jinja.start()) + 1, (
                f"{_shown(jinja.group(0))} is copied into the stylesheet as it is: files in "
                "static/ are published as they are, not filled in like templates; for the "
                "brand colours write var(--primary) or var(--secondary) (and their -ink "
                "shades for text, -glow for text in dark mode), or put the rule in a "
                "<style> in a template"))
        for match in _CSS_URL.finditer(text):
            url = next(group for group in match.groups() if group is not None)
            address = url.split("?", 1)[0].split("#", 1)[0]
            if _REMOTE.match(url):
                problems.warning(where, text.count("\n", 0, match.start()) + 1,
                                 _remote(url, theme))
                continue
            if address.startswith("/") and not address.startswith("//"):
                near = posixpath.relpath(address.lstrip("/") or ".",
                                         posixpath.dirname(f"assets/{name}"))
                problems.warning(where, text.count("\n", 0, match.start()) + 1, _from_root(
                    url, f"write it from the stylesheet's folder, like url(\"{near}\")"))
                continue
            if not address or re.match(r"[a-z][a-z0-9+.-]*:", address, re.I):
                continue  # data:, or another host: not a file of the theme
            landing = htmlscan.target(f"assets/{name}", address)
            if landing is None or landing[0].startswith("..") or \
                    (output / landing[0]).is_file():
                continue
            thing = "font" if address.lower().endswith(_FONTS) else \
                "picture" if address.lower().endswith(_PICTURES) else "file"
            place, add = ("the theme", f"themes/{theme.name}/static/{landing[0][7:]}") \
                if landing[0].startswith("assets/") else \
                ("the built site", f"content/{landing[0]}")
            report(where, text.count("\n", 0, match.start()) + 1,
                   f"the {thing} {address} is not in {place}; add it as {add}, or correct "
                   "the name")


_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
_REMOTE = re.compile(r"\s*(?:https?:)?//", re.I)
_LOADING_TAG = re.compile(r"<(script|link|img|iframe|source|video|audio|embed|a)\b[^>]*>",
                          re.I | re.S)
_ADDRESS = re.compile(r"""\b(src|href)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_LOADED_LINKS = re.compile(r"""\brel\s*=\s*["']?[^"'>]*\b(stylesheet|icon|preload|
                           modulepreload|manifest)\b""", re.I | re.X)


def _remote(url: str, theme: themes.Theme) -> str:
    return (f"loads {_shown(url.strip())} from another host; visitors' browsers ask that host "
            "for it (telling it who is reading), and it is missing when the site is opened "
            f"from disk or a zip; put the file in themes/{theme.name}/static/ and refer to it "
            "by its path there")


def _from_root(url: str, fix: str) -> str:
    return (f"the address {_shown(url.strip())} starts at the web server's root, so it "
            "works in the preview but not when the site is published in a folder (GitHub "
            "Pages, an intranet's /csw/) or opened from disk or a zip; " + fix)


def _loading_tags(theme_chain: list[themes.Theme]) -> Iterator[
        tuple[themes.Theme, str, str, re.Match[str]]]:
    """Each tag of a site theme's templates that may load a file (script, link, img...):
    its theme, its template (as problems name it), the template's text and the tag."""
    for theme in theme_chain:
        if theme.builtin or not theme.templates.is_dir():
            continue
        for file in sorted(theme.templates.rglob("*")):
            if not file.is_file() or not file.name.endswith(TEMPLATE_SUFFIXES):
                continue
            where = f"themes/{theme.name}/templates/{file.relative_to(theme.templates).as_posix()}"
            text = file.read_text("utf-8", errors="replace")
            for tag in _LOADING_TAG.finditer(text):
                yield theme, where, text, tag


def remote_in_templates(theme_chain: list[themes.Theme], problems: Problems) -> None:
    """A script, stylesheet, font or picture a site theme's template loads from another
    host (SPEC: no page loads anything from another host), and an address written from
    the server's root (`/assets/brand.js`: SPEC, every internal link is relative), at the
    template's line."""
    for theme, where, text, tag in _loading_tags(theme_chain):
        kind = tag.group(1).lower()
        # (canonical, alternate, preconnect links load nothing; a link to another site
        # is a visitor's choice)
        loads = kind not in ("a", "link") or (kind == "link" and bool(
            _LOADED_LINKS.search(tag.group(0))))
        for found in _ADDRESS.finditer(tag.group(0)):
            url = next(g for g in found.groups()[1:] if g is not None)
            line = text.count("\n", 0, tag.start()) + 1
            if _REMOTE.match(url) and loads:
                problems.warning(where, line, _remote(url, theme))
            elif url.startswith("/") and not url.startswith("//"):
                inside = url.lstrip("/").removeprefix("assets/")
                problems.warning(where, line, _from_root(url, (
                    f"write {{{{ '{inside}' | asset }}}} for a file of the theme"
                    if url.lstrip("/").startswith("assets/") else
                    f"write {{{{ '{url.lstrip('/')}' | url }}}}")))


# a theme's file named in a template: `{{ "brand.css" | asset }}`
_ASSET = re.compile(r"""\{\{-?\s*(?:"([^"{}]*)"|'([^'{}]*)')\s*\|\s*asset\s*-?\}\}""")


def missing_in_templates(theme_chain: list[themes.Theme], output: Path, problems: Problems,
                         *, warn: bool = False) -> set[str]:
    """A theme's file a site theme's template loads (`<link href="{{ "brand.css" | asset
    }}">`) that the site built in `output` lacks, at the line that names it, in the words
    of check's broken links (a file named in a variable is found among those); the output
    paths reported."""
    report = problems.warning if warn else problems.error
    own = next((t.name for t in theme_chain if not t.builtin), "")  # (as check's links say)
    reported: set[str] = set()
    for _, where, text, tag in _loading_tags(theme_chain):
        for found in _ASSET.finditer(tag.group(0)):
            name = (found.group(1) or found.group(2) or "").split("?", 1)[0].split("#", 1)[0]
            target = posixpath.normpath(f"assets/{name.lstrip('/')}")
            if not name or not target.startswith("assets/") or (output / target).is_file():
                continue
            thing = "picture" if tag.group(1).lower() in ("img", "source") else "link"
            reported.add(target)
            inside = target.removeprefix("assets/static/")
            fix = (f"asset names a file from inside static/, so write '{inside}'"
                   if inside != target and (output / "assets" / inside).is_file() else
                   f"add it as themes/{own}/static/{target[7:]}, or correct the name")
            report(where, text.count("\n", 0, tag.start() + found.start()) + 1,
                   f"the {thing} goes to {target}, which is not in the built site; {fix}")
    return reported


def _shown(url: str) -> str:
    return url if len(url) <= 60 else url[:57] + "..."
