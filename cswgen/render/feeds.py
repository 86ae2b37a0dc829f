"""Machine-readable files: the Atom feed of testimonials, sitemap.xml and robots.txt."""

from __future__ import annotations

import contextlib
import re
from datetime import UTC, date, datetime, time
from pathlib import Path

from cswgen.core.bidi import plain
from cswgen.core.cache import Cache, SharedViews, code_version, digest
from cswgen.core.kept import text_of
from cswgen.model.sanitize import rewrite_internal
from cswgen.model.site import Site, url_of
from cswgen.read.records import Testimonial
from cswgen.render.alternates import localized
from cswgen.render.links import absolute, in_language, relative
from cswgen.render.views import View

ATOM = "http://www.w3.org/2005/Atom"
DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n'  # the feed's and the sitemap's


def _stamp(day: date) -> str:
    return datetime.combine(day, time(0), tzinfo=UTC).isoformat().replace(
        "+00:00", "Z")


def _id(site: Site, path: str) -> str:
    base = site.config.site.base_url
    if base:
        return absolute(base, path)
    # Without base_url there is no stable address: a name-based UUID stays the same
    # from build to build, which is what feed readers need.
    import uuid  # (and `platform`, which it loads: only a site without base_url needs it)

    seed = f"cswgen:{site.config.site.title}:{path}"
    return uuid.uuid5(uuid.NAMESPACE_URL, seed).urn


def atom_feed(site: Site, testimonials: list[View], shared: SharedViews | None = None,
              kept: Path | None = None, *, title: str, folder: str = "",
              language: str = "") -> bytes:
    """Every published testimonial, newest first.  Links are absolute when base_url is set,
    otherwise relative to the feed (which sits at the site root).

    Written as text, element by element, exactly as ElementTree would write and indent
    it: a large organisation's feed has thousands of entries, and building a tree of them
    took most of the time of a rebuild after one testimonial changed.  With a `kept` folder
    (in the cache folder), each entry's text is kept there under the digest of its
    testimonial's view (from `shared`) and everything else it shows, so that the next
    feed writes only the testimonials that changed.  It is a `Cache` (the entries not in
    this feed are dropped), so a feed with one entry changed rewrites a file or two of it."""
    config = site.config.site
    base = config.base_url
    dates = [d for t in site.testimonials for d in (t.date or t.publish,) if d is not None]
    updated = min(max(dates), site.options.as_of) if dates else site.config.week.start
    language = language or config.language
    out = [f'<feed xmlns="{ATOM}" xml:lang="{_attribute(language)}">',
           _leaf(1, "title", plain(title))]
    if config.description:  # (in the default language where this one gives none of its
        # own, `[site.sw] description`: marked so, as an entry shown untranslated is)
        borrowed = bool(folder) and "site.description" not in site.config.words.get(language, {})
        out.append(_leaf(1, "subtitle", config.description,
                         f' xml:lang="{_attribute(config.language)}"' if borrowed else ""))
    out += [_leaf(1, "id", _id(site, folder + "feed.xml")), _leaf(1, "updated", _stamp(updated)),
            _link(1, absolute(base, folder) or "./"),
            _link(1, absolute(base, folder + "feed.xml") or "feed.xml", "self"),
            "  <author>", _leaf(2, "name", config.organisation or config.title),
            "  </author>", _leaf(1, "generator", "cswgen")]
    entries = Cache.load(kept) if kept is not None else Cache()
    # what every entry shows besides its testimonial's view (which its `ref` names: the
    # digest of all it holds) and its date (an undated one's is its publish date); the
    # entry's key starts with its ref, so that the entries spread over the cache's files
    shown_by = digest("feed entry", code_version(), config.title, base, folder,
                      site.config.week.start.isoformat())
    mark = len(SharedViews.MARK)
    parts = [DECLARATION, ("\n".join(out) + "\n").encode("utf-8")]
    for entry, view in zip(site.testimonials, testimonials, strict=True):
        ref = shared.ref(view) if shared is not None else None
        if ref is None:
            parts.append(_entry(site, entry, view, folder, language).encode("utf-8") + b"\n")
            continue
        when = entry.date or entry.publish
        key = f"{ref[mark:]}:{when.isoformat() if when else ''}:{shown_by}"
        found = entries.get(key)
        text = found[0] if found is not None and isinstance(found[0], bytes) else None
        if text is None:
            text = _entry(site, entry, view, folder, language).encode("utf-8") + b"\n"
            entries.put(key, text)
        parts.append(text)
    if kept is not None:
        with contextlib.suppress(OSError):  # a read-only site: made in full next time
            (kept.parent / f"{kept.name}.pickle").unlink(missing_ok=True)  # (kept before)
            entries.save(kept)
    # (each entry's UTF-8 kept as it is written: joined, not encoded again, 18 MB at 10,000)
    parts.append(b"</feed>\n")
    # the last child's closing tag sits at its parent's depth, as ElementTree.indent does
    return b"".join(parts)  # (once: 18 MB at 10,000)


def _entry(site: Site, entry: Testimonial, view: View, folder: str, language: str) -> str:
    """One testimonial's entry.  One shown without a translation (its view's `lang`) says
    so, as its page does, except in the heading cswgen wrote for it in the feed's
    `language` ("Loveness C. témoigne")."""
    base = site.config.site.base_url
    path = url_of(entry)  # from the feed, which is in the language's folder
    when = entry.date or entry.publish or site.config.week.start
    own = view.get("lang")
    titled = ""
    if own and not view["title"]:
        titled = f' xml:lang="{_attribute(language)}"'
    out = [f'  <entry xml:lang="{_attribute(own)}">' if own else "  <entry>",
           _leaf(2, "title", plain(view["heading"]), titled),
           _leaf(2, "id", _id(site, folder + path)),
           _link(2, absolute(base, folder + path) or path), _leaf(2, "updated", _stamp(when)),
           "    <author>", _leaf(3, "name", entry.customer), "    </author>"]
    if view["excerpt"]:
        out.append(_leaf(2, "summary", view["excerpt"]))
    out += [_leaf(2, "content", absolute_links(text_of(view["body_html"]), base, folder,
                                                 path),
                  ' type="html"'),
            "  </entry>"]
    return "\n".join(out)


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attribute(value: str) -> str:
    return (_text(value).replace('"', "&quot;").replace("\r", "&#13;")
            .replace("\n", "&#10;").replace("\t", "&#09;"))


def _leaf(depth: int, tag: str, text: str, attributes: str = "") -> str:
    """`<tag>text</tag>`, or `<tag />` when empty, indented two spaces a level."""
    inner = f">{_text(text)}</{tag}>" if text else " />"
    return f"{'  ' * depth}<{tag}{attributes}{inner}"


def _link(depth: int, href: str, rel: str = "alternate") -> str:
    return f'{"  " * depth}<link rel="{rel}" href="{_attribute(href)}" />'


def absolute_links(fragment: str, base: str, folder: str = "", page: str = "") -> str:
    """Internal links of a body as seen from the feed (in the language's folder), absolute
    with base_url, else relative to the feed, the way a page's are relative to it (see
    `links`): a feed reader resolves them against the feed's address.  A link within the
    body (`#fn:1`, a footnote) goes to the entry's `page`, not to the feed."""
    root = "../" * folder.count("/")

    def link(target: str) -> str:
        if base:
            return absolute(base, localized(target, folder))
        return relative(*in_language(localized(target, folder), root, folder), portable=False)

    if page:
        fragment = _WITHIN.sub(lambda m: f'="{link(page)}#', fragment)
    return rewrite_internal(fragment, link)


# a link within a body (`<a href="#fn:1">`), which in a feed would be read as the feed's
_WITHIN = re.compile(r'(?<=\shref)="#')


SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def sitemap(site: Site, paths: list[str],
            alternates: dict[str, list[tuple[str, str]]] | None = None) -> bytes:
    """Every page's address; with several languages, each with its versions in every
    language (`xhtml:link rel="alternate" hreflang`, as search engines read them).

    Written as text, exactly as ElementTree would write and indent it (a test compares
    the two): building a tree of 10,000 addresses took a twentieth of a rebuild."""
    base = site.config.site.base_url
    found = alternates or {}
    used = any(found.get(path) for path in paths)
    declared = f'xmlns="{SITEMAP}"' + (f' xmlns:xhtml="{XHTML}"' if used else "")
    if not paths:
        return _declaration(f"<urlset {declared} />")
    out = [f"<urlset {declared}>"]
    for path in paths:
        out += ["  <url>", _leaf(2, "loc", absolute(base, path))]
        out += [f'    <xhtml:link rel="alternate" hreflang="{_attribute(tag)}" '
                f'href="{_attribute(absolute(base, there))}" />'
                for tag, there in found.get(path, [])]
        out.append("  </url>")
    out.append("</urlset>")
    return _declaration("\n".join(out))


def robots(site: Site) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    if site.config.site.base_url:
        lines.append(f"Sitemap: {absolute(site.config.site.base_url, 'sitemap.xml')}")
    return ("\n".join(lines) + "\n").encode()


def _declaration(body: str) -> bytes:
    return DECLARATION + body.encode("utf-8") + b"\n"
