"""Machine-readable files: the Atom feed of testimonials, sitemap.xml and robots.txt."""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime, time

from cswgen.model import Site, url_of
from cswgen.sanitize import rewrite_internal
from cswgen.views import View

ATOM = "http://www.w3.org/2005/Atom"


def _stamp(day: date) -> str:
    return datetime.combine(day, time(0), tzinfo=UTC).isoformat().replace(
        "+00:00", "Z")


def _id(site: Site, path: str) -> str:
    base = site.config.site.base_url
    if base:
        return base + path
    # Without base_url there is no stable address: a name-based UUID stays the same
    # from build to build, which is what feed readers need.
    seed = f"cswgen:{site.config.site.title}:{path}"
    return uuid.uuid5(uuid.NAMESPACE_URL, seed).urn


def atom_feed(site: Site, testimonials: list[View]) -> bytes:
    """Every published testimonial, newest first.  Links are absolute when base_url is set,
    otherwise relative to the feed (which sits at the site root)."""
    base = site.config.site.base_url
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    lang = site.config.site.language
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    ET.SubElement(feed, f"{{{ATOM}}}title").text = f"{site.config.site.title}: testimonials"
    if site.config.site.description:
        ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = site.config.site.description
    ET.SubElement(feed, f"{{{ATOM}}}id").text = _id(site, "feed.xml")
    dates = [d for t in site.testimonials for d in (t.date or t.publish,) if d is not None]
    updated = min(max(dates), site.options.as_of) if dates else site.config.week.start
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _stamp(updated)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", href=base or "./")
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=(base + "feed.xml") if base
                  else "feed.xml")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    ET.SubElement(author, f"{{{ATOM}}}name").text = (site.config.site.organisation
                                                   or site.config.site.title)
    ET.SubElement(feed, f"{{{ATOM}}}generator").text = "cswgen"
    for entry, view in zip(site.testimonials, testimonials, strict=True):
        item = ET.SubElement(feed, f"{{{ATOM}}}entry")
        path = url_of(entry)
        ET.SubElement(item, f"{{{ATOM}}}title").text = view["heading"]
        ET.SubElement(item, f"{{{ATOM}}}id").text = _id(site, path)
        ET.SubElement(item, f"{{{ATOM}}}link", rel="alternate", href=base + path)
        when = entry.date or entry.publish or site.config.week.start
        ET.SubElement(item, f"{{{ATOM}}}updated").text = _stamp(when)
        writer = ET.SubElement(item, f"{{{ATOM}}}author")
        ET.SubElement(writer, f"{{{ATOM}}}name").text = entry.customer
        if view["excerpt"]:
            ET.SubElement(item, f"{{{ATOM}}}summary").text = view["excerpt"]
        content = ET.SubElement(item, f"{{{ATOM}}}content", type="html")
        content.text = absolute_links(view["body_html"], base)
    ET.indent(feed)
    return _xml(feed)


def absolute_links(fragment: str, base: str) -> str:
    """Internal links of a body as seen from the feed (at the root), absolute with base_url."""
    return rewrite_internal(fragment, lambda target: base + target)


def sitemap(site: Site, paths: list[str]) -> bytes:
    base = site.config.site.base_url
    namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    ET.register_namespace("", namespace)
    root = ET.Element(f"{{{namespace}}}urlset")
    for path in paths:
        url = ET.SubElement(root, f"{{{namespace}}}url")
        ET.SubElement(url, f"{{{namespace}}}loc").text = base + path
    ET.indent(root)
    return _xml(root)


def robots(site: Site) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    if site.config.site.base_url:
        lines.append(f"Sitemap: {site.config.site.base_url}sitemap.xml")
    return ("\n".join(lines) + "\n").encode()


def _xml(element: ET.Element) -> bytes:
    body: bytes = ET.tostring(element, encoding="unicode").encode("utf-8")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"
