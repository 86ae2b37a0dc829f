"""Pictures from another site, kept off the pages.

No page loads anything from another host (on a staff intranet a picture from elsewhere is
also a way to count who reads what): a body's `<img>` whose address names another host
becomes a link to the picture, its alt text the link's words, and a `<source>` that offers
one is dropped.  `localise` says which addresses it met, for a warning each.
"""

from __future__ import annotations

import html
import posixpath
import re
from urllib.parse import urlsplit

from cswgen.core import paths

_PICTURE_TAG = re.compile(r"<(img|source)\b((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(
    r"""([a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""")
_ANCHOR = re.compile(r"<a\b|</a\s*>", re.IGNORECASE)


def is_remote(address: str) -> bool:
    return paths.on_another_host(html.unescape(address))


def localise(fragment: str) -> tuple[str, list[str]]:
    """`fragment` with no picture from another host, and the addresses of those it had (as
    written, in order)."""
    if "//" not in fragment:
        return fragment, []
    found: list[str] = []

    def replace(match: re.Match[str]) -> str:
        attributes = {m[1].lower(): html.unescape(m[2] or m[3] or m[4] or "")
                      for m in _ATTRIBUTE.finditer(match.group(2))}
        candidates = [attributes.get("src", "")] + [
            c.strip().split(" ")[0] for c in attributes.get("srcset", "").split(",")]
        remote = [c for c in candidates if c and is_remote(c)]
        if not remote:
            return match.group(0)
        found.extend(remote)
        if match.group(1).lower() == "source":
            return ""
        address = remote[0]
        words = html.escape(attributes.get("alt", "").strip() or _file_name(address))
        if _in_link(fragment, match.start()):
            return words  # (a link cannot hold another)
        return f'<a href="{html.escape(address)}">{words}</a>'

    return _PICTURE_TAG.sub(replace, fragment), found


def _file_name(address: str) -> str:
    return posixpath.basename(urlsplit(address.strip()).path) or address.strip()


def _in_link(fragment: str, position: int) -> bool:
    """Whether `position` is inside an `<a>` element."""
    depth = 0
    for match in _ANCHOR.finditer(fragment, 0, position):
        depth = depth + 1 if match.group(0)[1] != "/" else max(0, depth - 1)
    return depth > 0
