"""Read built HTML back: ids, links, images and headings, and where a relative link lands.

Standard library only (`html.parser`), so `cswgen check` can look at the pages a build
wrote, and at each converted body, without another dependency.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit


@dataclass
class Link:
    tag: str  # a, img, link, script, source
    url: str
    text: str = ""  # an <a>'s text, with the alt text of images inside it


@dataclass
class Image:
    src: str
    alt: str | None  # None: no alt attribute at all


@dataclass
class Heading:
    level: int
    text: str


@dataclass
class Scan:
    ids: set[str] = field(default_factory=set)
    links: list[Link] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = Scan()
        self.anchor: Link | None = None
        self.heading: Heading | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if values.get("id"):
            self.scan.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.scan.ids.add(values["name"])
        if tag == "a" and "href" in values:
            self.anchor = Link("a", values["href"], values.get("aria-label", ""))
            self.scan.links.append(self.anchor)
        elif tag in ("img", "script", "source", "iframe") and values.get("src"):
            self.scan.links.append(Link(tag, values["src"]))
        elif tag == "link" and values.get("href") and values.get("rel") != "canonical":
            self.scan.links.append(Link(tag, values["href"]))
        for part in values.get("srcset", "").split(","):
            if part.strip():
                self.scan.links.append(Link(tag, part.split()[0]))
        if tag == "img":
            alt = dict(attrs).get("alt")
            self.scan.images.append(Image(values.get("src", ""), alt))
            if self.anchor is not None and alt:
                self.anchor.text += " " + alt
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.heading = Heading(int(tag[1]), "")
            self.scan.headings.append(self.heading)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.anchor = None
        elif self.heading is not None and tag == f"h{self.heading.level}":
            self.heading.text = " ".join(self.heading.text.split())
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.anchor is not None:
            self.anchor.text += data
        if self.heading is not None:
            self.heading.text += data


def scan(html: str) -> Scan:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.scan


def target(page: str, url: str) -> tuple[str, str] | None:
    """Where a link on `page` (an output path such as `days/monday/index.html`) lands: the
    output path of the file and the fragment; `page` itself for `#id`; None for a link to
    another host, an e-mail address or a phone number.  A path that climbs out of the site
    comes back starting with `../`."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("//"):
        return None
    if not parts.path:
        return page, parts.fragment
    path = unquote(parts.path)
    if path.startswith("/"):
        joined = posixpath.normpath(path.lstrip("/") or ".")
    else:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
    if joined == ".":
        joined = ""
    elif path.endswith("/"):
        joined += "/"
    return joined, parts.fragment
