"""Where a page's links point: a site path (`days/monday/`, `assets/site.css`) as seen
from one page, relative to it so that the output works at any sub-path (and, `portable`,
from disk), and kept within the page's language folder.  Plain string work, used by the
templates' `url` filter and by the links in converted bodies.
"""

from __future__ import annotations

from cswgen.core import paths


def root_of(path: str, base_path: str) -> str:
    """The relative way up from a page to the site root (`days/monday/` -> `../../`)."""
    if path.rpartition("/")[2] == "404.html":  # served at any depth: links from the root path
        return base_path
    return "../" * path.count("/")


def in_language(target: str, root: str, prefix: str) -> tuple[str, str]:
    """A link from a page in the language under `prefix` to another page of that language
    stays within its folder (`policy/`, not `../sw/policy/`)."""
    up = "../" * prefix.count("/")
    if prefix and target.startswith(prefix) and root.startswith(up) and \
            not root.startswith("/"):
        return target[len(prefix):], root[len(up):]
    return target, root


def relative(target: str, root: str, *, portable: bool) -> str:
    """A site path (`days/monday/`, `assets/site.css`, `` for home; a file's as
    `paths.as_target` names it, with any `?query` or `#fragment` of the link's own) as seen
    from a page, percent-encoded where a link cannot hold it (`images/our logo.svg`,
    `files/C# guide.pdf`), its accents as `paths.published` writes them."""
    target, hash_mark, fragment = target.partition("#")
    target, question, query = target.partition("?")
    target = paths.in_link(paths.published(paths.from_target(target)))
    if target == "" or target.endswith("/"):
        link = root + target
        if portable:
            link += "index.html"
        elif not link:
            link = "./"
    else:
        link = root + target
    return link + question + query + hash_mark + fragment


def absolute(base_url: str, target: str) -> str:
    """A site path (`days/monday/`; a file's as `paths.as_target` names it, with any
    `?query` or `#fragment` of the link's own) as an absolute URL under `base_url`, which
    config has made ASCII: for canonical and link-preview tags, the feed, the sitemap, QR
    codes, the calendar and emails.  Encoded once, every character a URL cannot hold
    percent-encoded (`fichiers/Guide d'été.pdf` -> `fichiers/Guide%20d'%C3%A9t%C3%A9.pdf`).
    "" without base_url."""
    if not base_url:
        return ""
    target, hash_mark, fragment = target.partition("#")
    target, question, query = target.partition("?")
    return (base_url + paths.in_url(paths.published(paths.from_target(target))) + question
            + paths.in_url_part(query) + hash_mark + paths.in_url_part(fragment))
