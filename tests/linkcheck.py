"""Find every internal link and image in a built site and say which ones do not resolve."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        for name in ("href", "src"):
            value = values.get(name)
            if value is not None and not (tag == "link" and values.get("rel") == "canonical"):
                self.links.append(value)
        if values.get("srcset"):
            self.links.extend(part.strip().split(" ")[0]
                              for part in (values["srcset"] or "").split(","))


def parse(path: Path) -> _Collector:
    collector = _Collector()
    collector.feed(path.read_text("utf-8"))
    return collector


def target_file(page: Path, output: Path, link: str) -> tuple[Path, str] | None:
    """The file a relative link points at, and its fragment; None for external links."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("//"):
        return None
    if not parts.path:
        return page, parts.fragment
    if parts.path.startswith("/"):
        raise AssertionError(f"{page.relative_to(output)}: root-absolute link {link!r}")
    base = page.parent.relative_to(output).as_posix()
    joined = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    if joined.startswith(".."):
        raise AssertionError(f"{page.relative_to(output)}: link {link!r} leaves the site")
    target = output / joined
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


def broken_links(output: Path, *, skip: tuple[str, ...] = ("404.html",)) -> list[str]:
    problems: list[str] = []
    cache: dict[Path, _Collector] = {}
    for page in sorted(output.rglob("*.html")):
        relative = page.relative_to(output).as_posix()
        if relative in skip or (relative.rpartition("/")[2] in skip and relative.count("/") == 1):
            continue  # (a language's 404 page, `sw/404.html`, links from the root too)
        collector = cache.setdefault(page, parse(page))
        for link in collector.links:
            if link.startswith(("mailto:", "tel:", "data:")):
                continue
            try:
                resolved = target_file(page, output, link)
            except AssertionError as exc:
                problems.append(str(exc))
                continue
            if resolved is None:
                continue
            target, fragment = resolved
            if not target.is_file():
                problems.append(f"{relative}: {link!r} -> missing {target.relative_to(output)}")
                continue
            if fragment and target.suffix == ".html":
                ids = cache.setdefault(target, parse(target)).ids
                if fragment not in ids:
                    problems.append(f"{relative}: {link!r} -> no id {fragment!r}")
    return problems


def feed_links(feed: Path, output: Path, base: str = "") -> list[tuple[str, Path, str]]:
    """Every address an Atom feed holds (its and its entries' `<link>`s but `self`, and the
    links and pictures of each entry's content) as a feed reader resolves it, against the
    feed's own address: (address, the file it lands on, its fragment).  `base` is the site's
    base_url; without it the feed is taken to be served under a sub-path."""
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    site = base or "https://example.test/sub/"
    here = site + feed.relative_to(output).as_posix()
    root = ET.parse(feed).getroot()
    addresses = [str(link.get("href")) for link in root.iter(f"{atom}link")
                 if link.get("rel") != "self"]  # (the feed's own address)
    for content in root.iter(f"{atom}content"):
        collector = _Collector()
        collector.feed(content.text or "")
        addresses += collector.links
    found = []
    for address in addresses:
        parts = urlsplit(urljoin(here, address))
        assert parts.geturl().startswith(site), f"{feed}: {address!r} leaves the site"
        path = unquote(parts.path[len(urlsplit(site).path):])
        target = output / path
        if path == "" or path.endswith("/"):
            target = target / "index.html"
        found.append((address, target, parts.fragment))
    return found


# an absolute http(s) URL as RFC 3986 writes it: ASCII only, every `%` the start of an
# escape, nothing a URL cannot hold (a space, a non-ASCII letter, `"`, `<`, `>`)
_RFC3986 = re.compile(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?"
                      r"(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#]|%[0-9A-Fa-f]{2})*")


def is_valid_url(address: str) -> bool:
    """Whether `address` is an absolute http(s) URL that RFC 3986 allows."""
    return _RFC3986.fullmatch(address) is not None and address.count("#") <= 1


class _Addresses(HTMLParser):
    """Every absolute address in a page: canonical, alternates, link previews, links."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "content") and value and \
                    re.match(r"https?://", value):
                self.found.append(value)
            if name == "srcset" and value and "://" in value:
                self.found += [part.strip().split(" ")[0] for part in value.split(",")]


def absolute_urls(output: Path) -> list[tuple[str, str]]:
    """Every absolute address a build wrote, as (file, address): in its pages' tags, in
    sitemap.xml, in each feed (its links and ids, and its entries' HTML), in each week.ics
    and in robots.txt."""
    import xml.etree.ElementTree as ET

    found: list[tuple[str, str]] = []
    for file in sorted(output.rglob("*")):
        name = file.relative_to(output).as_posix()
        if file.suffix == ".html":
            collector = _Addresses()
            collector.feed(file.read_text("utf-8"))
            found += [(name, address) for address in collector.found]
        elif file.name in ("sitemap.xml", "feed.xml"):
            for element in ET.parse(file).getroot().iter():
                text = (element.text or "").strip()
                if element.tag.endswith("}content"):
                    collector = _Addresses()
                    collector.feed(text)
                    found += [(name, address) for address in collector.found]
                elif text.startswith(("http://", "https://")):
                    found.append((name, text))
                found += [(name, value) for value in element.attrib.values()
                          if value.startswith(("http://", "https://"))]
        elif file.name == "week.ics":
            unfolded = file.read_bytes().decode("utf-8").replace("\r\n ", "")
            found += [(name, line.partition(":")[2]) for line in unfolded.splitlines()
                      if line.startswith("URL")]
        elif file.name == "robots.txt":
            found += [(name, line.partition(": ")[2]) for line in
                      file.read_text("utf-8").splitlines() if line.startswith("Sitemap:")]
    return found


def lands_on(address: str, base: str, output: Path) -> Path:
    """The file in `output` that an absolute address under `base` (as written, encoded)
    is served from: the way a web server decodes it."""
    assert address.startswith(base), (address, base)
    path = unquote(urlsplit(address).path[len(urlsplit(base).path):])
    target = output / path
    return target / "index.html" if path == "" or path.endswith("/") else target
