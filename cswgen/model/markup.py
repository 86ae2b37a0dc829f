"""Markdown bodies to HTML.  The only module that imports Python-Markdown.

Links in a body are resolved against the content folder: a link to another content file
by its source path (`../policy.md`) becomes a link to that page, a link to a file under
content/ follows it to where it is published, and a link to a Markdown file that does not
exist is an error with its line.  Internal links come out as `cswgen-root:PATH`; the
renderer makes them relative to each page, so one conversion serves every page it is on.
"""

from __future__ import annotations

import contextlib
import html
import os
import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import unquote

import markdown
from markdown.blockprocessors import HashHeaderProcessor
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.extensions.attr_list import AttrListExtension
from markdown.extensions.def_list import DefListExtension
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.smarty import SmartyExtension
from markdown.extensions.tables import TableExtension
from markdown.extensions.toc import TocExtension
from markdown.extensions.toc import slugify as toc_slugify
from markdown.extensions.toc import slugify_unicode as toc_slugify_unicode
from markdown.treeprocessors import InlineProcessor, Treeprocessor, UnescapeTreeprocessor
from markdown.util import ETX, STX

from cswgen.core import paths
from cswgen.core.cache import Cache
from cswgen.core.cachedmap import cached_map
from cswgen.core.digest import digest, plain_digest, text_digest
from cswgen.core.errors import Problem, Problems
from cswgen.core.kept import Kept, kept, text_of
from cswgen.core.limits import nesting_message, too_deep
from cswgen.model.rasters import shows_pictures
from cswgen.model.remote import localise
from cswgen.model.rendered import Rendered
from cswgen.model.sanitize import ROOT_SCHEME, clean, strip_tags
from cswgen.read.content import MARKDOWN_SUFFIXES, kind_of

# Ids the page around a body uses (the skip link's target, the built-in theme's sections):
# a heading in content that would take one of them gets `-section` added instead.
RESERVED_IDS = frozenset({
    "main", "top", "content", "page-title", "toc-title", "week-status", "week-heading",
    "awards-title", "commitments-heading", "day-programme", "dress-code-title",
    "featured-heading", "policy-commitments", "policy-standards", "praised-title",
    "spotlight-heading", "week-strip-title",
})
_ESCAPED = re.compile(f"{STX}(\\d+){ETX}")  # Markdown's placeholder for a backslash escape
_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#)")


Lookup = tuple[str, str, str | None]  # (kind, target, answer), see Converter._answer
# text (as an entry keeps it: see `Entry.kept_body`), site-relative source path, line of
# its first line
Body = tuple[str | Kept, str, int]


# A conversion as it is kept between builds: the Rendered's fields (html, toc, text,
# digest, pictures), what its links looked up and its text's `lead`; the long HTML and
# text kept apart (`core.kept`).  Plain tuples: Python unpickles them in half the time of
# objects, and a rebuild of 10,000 entries loads 10,000 of them.
_Memo = tuple[str | Kept, list[dict[str, object]], str | Kept, str, bool | None,
              tuple[Lookup, ...], str]


@dataclass
class _Context:
    source: str = ""  # content-relative path of the file being converted
    body: str = ""
    body_line: int = 1
    site_path: str = ""
    problems: Problems | None = None


# what a build makes, which content may link to though no file under content/ has its name:
# pages, feeds, the calendar, share images, photo copies (the theme's files: assets/)
_MADE = re.compile(r"(?:^|/)(?:feed\.xml|week\.ics|sitemap\.xml|robots\.txt|share\.png|"
                   r"build\.json)$|-\d+w\.(?:webp|jpg|png)$|\.html?$", re.IGNORECASE)


def _a_file_of_the_sites(target: str) -> bool:
    """Whether a content path that is not on disk names a file the team would have put
    there (`downloads/form.pdf`, `images/team.jpg`), not a page's address (`faq/`) or a
    file the build makes."""
    suffix = posixpath.splitext(target)[1]
    return any(c.isalpha() for c in suffix) and not target.startswith("assets/") \
        and not _MADE.search(target)


class _Links(Treeprocessor):
    def __init__(self, md: markdown.Markdown, converter: Converter) -> None:
        super().__init__(md)
        self.converter = converter

    def run(self, root: ET.Element) -> None:
        # (a backslash escape in an address, `\\server` or `leave\_form.pdf`, is still
        # Markdown's placeholder here, until its last step: the address as written is read)
        steps = self.md.treeprocessors  # (a markdown Registry, which has no .get)
        step = steps["unescape"] if "unescape" in steps else None  # noqa: SIM401
        unescaped = step.unescape if isinstance(step, UnescapeTreeprocessor) else str
        for element in root.iter():
            attribute = {"a": "href", "img": "src"}.get(element.tag)
            if attribute and element.get(attribute):
                raw = element.get(attribute, "")
                address = self.converter.resolve(
                    unescaped(raw), picture=element.tag == "img",
                    written=_ESCAPED.sub(lambda m: "\\" + chr(int(m[1])), raw))
                element.set(attribute, address)
                if element.tag == "a" and address.startswith(ROOT_SCHEME + ":/"):
                    # a page in another language (see `Converter.elsewhere`)
                    element.set("hreflang", self.converter.language_at(address))


class _Headings(Treeprocessor):
    """The page's title is its only h1: a body that uses `# Heading` has every heading moved
    one level down, so the outline stays whole (h1 -> h2, h2 -> h3, ...)."""

    def run(self, root: ET.Element) -> None:
        headings = [e for e in root.iter() if e.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
        if not any(e.tag == "h1" for e in headings):
            return
        for element in headings:
            element.tag = f"h{min(int(element.tag[1]) + 1, 6)}"


class _SpacedHeadings(HashHeaderProcessor):
    """A heading is `#` and a space, as in CommonMark (GitHub, Teams, most editors): a line
    that starts with a hashtag or a number (`#CSW2026 was the best week`, `#1 branch in
    town`) is text, not a heading that loses its `#`.  Testimonials pasted from a form or
    a chat start lines like that; Python-Markdown alone takes any `#` for a heading."""

    RE = re.compile(r"(?:^|\n)(?P<level>#{1,6})(?=[ \t\n]|$)"
                    r"(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)")


class _LinkExtension(Extension):
    def __init__(self, converter: Converter) -> None:
        super().__init__()
        self.converter = converter

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.parser.blockprocessors.register(_SpacedHeadings(md.parser), "hashheader", 70)
        md.treeprocessors.register(_Links(md, self.converter), "cswgen_links", 1)
        md.treeprocessors.register(_Headings(md), "cswgen_headings", 7)  # before toc (5)
        smarty = md.treeprocessors["smarty"]
        if isinstance(smarty, InlineProcessor):
            quick = _QuickSmarty(md)
            quick.inlinePatterns = smarty.inlinePatterns
            md.treeprocessors.register(quick, "smarty", 6)


# Every pattern of the smarty extension needs one of these; text without any is left as it
# is, so it need not go through its eighteen patterns one by one (half of the time spent
# converting a body).
_SMARTY_TRIGGER = re.compile(r"""['"]|--|\.\.\.""")


class _Patterns:
    """A pass's inline patterns, looked up by position from a plain list.  Python-Markdown
    asks for them by position hundreds of times per body, and its Registry checks its
    sorting on every lookup: a tenth of all conversion time.  (Patterns are registered when
    the converter is made, never after.)"""

    def __init__(self, registry: markdown.util.Registry[Any]) -> None:
        self.registry = registry
        self.listed = list(registry)  # in order of priority

    def __getitem__(self, key: Any) -> Any:
        return self.listed[key] if type(key) is int else self.registry[key]

    def __len__(self) -> int:
        return len(self.listed)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.listed)


# What each of Python-Markdown's inline patterns (and those of the extensions used) needs
# to match at all: code, escapes, links, images and footnotes, autolinks and raw HTML,
# entities, emphasis, and a hard line break (two spaces before a new line).
_INLINE_PATTERNS = {"backtick": ("`",), "escape": ("\\",), "reference": ("[",),
                    "link": ("[",), "image_link": ("[",), "image_reference": ("[",),
                    "short_reference": ("[",), "short_image_ref": ("[",),
                    "autolink": ("<",), "automail": ("<",), "linebreak": ("  \n",),
                    "html": ("<",), "entity": ("&",), "em_strong": ("*", "_"),
                    "footnote": ("[",)}
_INLINE_TRIGGER = re.compile("|".join(re.escape(t) for t in sorted(
    {t for triggers in _INLINE_PATTERNS.values() for t in triggers})))


class _QuickInline(InlineProcessor):
    """Python-Markdown's inline pass, skipping text that no inline pattern can match (most
    list items and table cells, and the words inside links and emphasis), which it would
    otherwise try against every pattern in turn.  Installed only when the patterns are
    exactly the ones `_INLINE_PATTERNS` knows; otherwise the stock pass runs."""

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if not _INLINE_TRIGGER.search(data):
            return data
        return str(super()._InlineProcessor__handleInline(data, patternIndex))  # type: ignore[misc]

    @staticmethod
    def fits(md: markdown.Markdown) -> bool:
        known = sum(1 for name in _INLINE_PATTERNS if name in md.inlinePatterns)
        return known == len(md.inlinePatterns)


class _QuickSmarty(InlineProcessor):
    """Python-Markdown's smarty pass, skipping text it has nothing to do to.  This hooks
    the processor's per-text method (private, so named as Python mangles it); should a
    later Python-Markdown rename it, the hook is not called and smarty runs as it is."""

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        if not _SMARTY_TRIGGER.search(data):
            return data
        return str(super()._InlineProcessor__handleInline(data, patternIndex))  # type: ignore[misc]


def _heading_id(value: str, separator: str) -> str:
    """A heading's id: its words in plain ASCII (`Qualité du service` ->
    `qualite-du-service`), or, for a heading with no Latin letter in it (Arabic, Chinese),
    its own words (`القسم-الأول`) rather than Python-Markdown's `_1`, which says nothing
    and changes when a heading is added above it."""
    slug = toc_slugify(value, separator) or toc_slugify_unicode(value, separator)
    return f"{slug}-section" if slug in RESERVED_IDS else slug


def _format_of(label: str) -> str:
    """A `{n}` label as Python-Markdown's footnotes fill it in: `{}` for the number, any
    other brace doubled."""
    return "{}".join(p.replace("{", "{{").replace("}", "}}") for p in label.split("{n}"))


class Converter:
    """Converts bodies for one build; `urls` maps source paths (`content/x.md`) to URLs."""

    def __init__(self, content_dir: Path, urls: dict[str, str], *, unsafe_html: bool,
                 cache: Cache | None = None, unread: set[str] | None = None,
                 withheld: set[str] | None = None, elsewhere: dict[str, str] | None = None,
                 languages: dict[str, str] | None = None,
                 footnote_back: str = "Jump back to footnote {n} in the text") -> None:
        """`unread`: the source paths of files whose own errors keep them out (a link to
        one gets no problem of its own: the file's error says it all); `withheld`: those
        left out for lack of consent; `elsewhere`: those whose page is in another language
        (see `Site.elsewhere`), with that page from the site's root (`/sw/policy/`), where
        a link to one goes, marked `hreflang` with the language `languages` (folder ->
        tag: `{"": "en", "sw/": "sw"}`) says; `footnote_back`: the title of a footnote's
        link back to the text, in the site's language (`{n}`: the footnote's number)."""
        self.content_dir = content_dir
        self.urls = urls
        self.unread = unread or set()
        self.withheld = withheld or set()
        self.elsewhere = elsewhere or {}
        self.languages = languages or {}
        self.unsafe_html = unsafe_html
        self.footnote_back = footnote_back
        # what every body's key holds besides its own (made once: ten thousand keys a build)
        self._settings = (str(unsafe_html), footnote_back, repr(sorted(self.languages.items())))
        self.cache = cache
        self.context = _Context()
        self.lookups: list[Lookup] = []  # what the conversion asked of the site, in order
        # (the extensions themselves, not their names: finding a name among the installed
        # packages' entry points took a twentieth of a rebuild's start)
        self.md = markdown.Markdown(
            extensions=[TableExtension(), FencedCodeExtension(), AttrListExtension(),
                        FootnoteExtension(SEPARATOR="-",
                                          BACKLINK_TITLE=_format_of(footnote_back)),
                        TocExtension(toc_depth="2-3", slugify=_heading_id), SmartyExtension(),
                        SaneListExtension(), DefListExtension(), AbbrExtension(),
                        _LinkExtension(self)],
            output_format="html",
        )
        if _QuickInline.fits(self.md):
            self.md.treeprocessors.register(_QuickInline(self.md), "inline", 20)
        for name in ("inline", "smarty"):  # the passes that look inline patterns up
            if name not in self.md.treeprocessors:
                continue
            processor = self.md.treeprocessors[name]
            if isinstance(processor, InlineProcessor):
                processor.inlinePatterns = cast(Any, _Patterns(processor.inlinePatterns))

    def convert(self, body: str, source: str, body_line: int, problems: Problems) -> Rendered:
        """`source` is the site-relative path (`content/days/monday.md`)."""
        [(rendered, found)] = self.convert_all([(body, source, body_line)])
        problems.items.extend(found)
        return rendered

    def convert_all(self, bodies: Sequence[Body], texts: Sequence[str] | None = None
                    ) -> list[tuple[Rendered, list[Problem]]]:
        """Each body converted, with the problems found in it, as converting them one by
        one would: a body converted before is reused when its text, place and settings
        are the same and every page or file its links looked up is still as it was (its
        problems reported again); the others are converted on every core.  `texts`: each
        body's `text_digest`, when known (an entry's `body_digest`)."""
        known = texts or [""] * len(bodies)
        found = cached_map(list(zip(bodies, known, strict=True)), self._key, self._memo,
                           cache=self.cache, reuse=self._holds)
        return [(Rendered(memo[0], memo[1], memo[2], memo[3], memo[4], memo[6]), problems)
                for memo, problems in found]

    def _key(self, item: tuple[Body, str]) -> str:
        (text, source, body_line), known = item
        return plain_digest("markdown", known or text_digest(text_of(text)), source,
                            str(body_line),
                            *self._settings)

    def _memo(self, item: tuple[Body, str], problems: Problems) -> _Memo:
        """Convert, keeping what the links looked up: plain data, so a worker process can
        send it back."""
        text, source, body_line = item[0]
        rendered = self._convert(text_of(text), source, body_line, problems)
        return (kept(rendered.html), rendered.toc, kept(rendered.text), rendered.digest,
                rendered.pictures, tuple(self.lookups), rendered.lead)

    def _holds(self, memo: _Memo) -> bool:
        return isinstance(memo, tuple) and len(memo) == 7 and all(  # (from the disk: checked)
            self._answer(kind, target) == answer for kind, target, answer in memo[5])

    def _convert(self, body: str, source: str, body_line: int, problems: Problems) -> Rendered:
        self.lookups = []
        if not body.strip():
            return Rendered(html="")
        if (deep := too_deep(body)) is not None:  # Python-Markdown would recurse past its limit
            problems.error(source, body_line + deep[0], nesting_message(deep[1]))
            return Rendered(html="")
        self.context = _Context(source.removeprefix("content/"), body, body_line, source,
                                problems)
        self.md.reset()
        output = self.md.convert(body)
        toc = list(getattr(self.md, "toc_tokens", []))
        if not self.unsafe_html:
            output = clean(output)
        output, remote = localise(output)
        self._remote_problems(remote)
        text = " ".join(html.unescape(strip_tags(output)).split())
        return Rendered(html=output, toc=toc, text=text, digest=digest("rendered", output, text),
                        pictures=shows_pictures(output))

    def resolve(self, href: str, *, picture: bool = False, written: str = "") -> str:
        """One link or image address (`picture`) from the body, as published; `written`:
        as the body writes it, its backslashes kept (`\\\\fileserver`, which Markdown
        reads as one)."""
        if href.strip().lower().startswith(ROOT_SCHEME + ":"):
            return "#"  # cswgen's own marker for internal links is not for content to use
        local = next((a for a in (written, href) if paths.on_one_computer(a)), None)
        if local is not None and (
                _EXTERNAL.match(href) or not href.strip().startswith("/")
                or self._lookup("disk", self._target(href.split("#")[0].split("?")[0])) is None):
            self._one_computer_problem(local, picture)  # (`C:` is no web address's scheme)
            return "#"
        if _EXTERNAL.match(href):
            return href
        path, hash_mark, fragment = href.partition("#")
        if path and hash_mark:
            path, hash_mark, fragment = self._named(href)
        path, question, query = path.partition("?")
        if not path:
            return href
        decoded = unquote(path).replace("\\", "/")
        target = self._target(path)
        suffix = (question + query if question else "") + (hash_mark + fragment)
        if target.startswith("../") or target == "..":
            return href  # outside content/: left for `cswgen check` to report
        if target.lower().endswith(MARKDOWN_SUFFIXES):
            url = self._lookup("url", f"content/{target}")
            if url is None and not target.isascii() and (stored := self._stored(target)):
                target = stored
                url = self._lookup("url", f"content/{target}")
            if url is None and (elsewhere := self._lookup("elsewhere", target)) is not None:
                return f"{ROOT_SCHEME}:{elsewhere}{suffix}"  # another language's page
            if url is None:
                self._link_problem(href, target)
                return "#"  # not published (yet): the warning or error says so
            return f"{ROOT_SCHEME}:{url}{suffix}"
        on_disk = self._lookup("disk", target)
        if on_disk is None and not target.isascii() and (stored := self._stored(target)):
            target = stored
            on_disk = self._lookup("disk", target)
        # (a page's address as the browser shows it, `/faq/`, keeps its closing slash: the
        # page is the folder's index.html, which a --portable build names)
        folder_written = decoded.endswith("/") and target != "."
        if on_disk == "file" and kind_of(target) in ("testimonial", "honour"):
            self._list_link_problem(href, target)  # (a Markdown entry's is its page's above)
            return "#"
        if on_disk is None and _a_file_of_the_sites(target):
            self._missing_problem(href, target, picture)
            return "#"
        named = paths.as_target(target)  # (`files/C# guide.pdf`: its `#` is the name's)
        if on_disk == "file" or (decoded.startswith("/") and not folder_written):
            return f"{ROOT_SCHEME}:{named if target != '.' else ''}{suffix}"
        if on_disk == "dir" or decoded.startswith("/"):
            return f"{ROOT_SCHEME}:{named.rstrip('/')}/{suffix}"
        return href

    def _named(self, href: str) -> tuple[str, str, str]:
        """`href` as (path, "#", fragment), its first `#` read as the fragment's, unless
        the path before it names nothing and a longer one, to a later `#` or to the end,
        names a file or folder: `<files/C# guide.pdf>`, `<C# tips.md#section>`."""
        first = href.partition("#")
        if self._exists(first[0]):
            return first
        for end in [*(i for i, c in enumerate(href) if c == "#"), len(href)][1:]:
            if self._exists(href[:end]):
                return href[:end], href[end:end + 1], href[end + 1:]
        return first

    def _exists(self, path: str) -> bool:
        """Whether a link's path (before its fragment) names a file or folder in content/."""
        target = self._target(path.partition("?")[0])
        return not target.startswith("..") and self._lookup("disk", target) is not None

    def _target(self, path: str) -> str:
        """The content path a link's path (without its query or fragment) names, from the
        Markdown file's folder or, starting with `/`, from content/."""
        decoded = unquote(path).replace("\\", "/")
        if decoded.startswith("/"):
            return posixpath.normpath(decoded.lstrip("/"))
        return posixpath.normpath(posixpath.join(posixpath.dirname(self.context.source),
                                                 decoded))

    def language_at(self, address: str) -> str:
        """The language of the page at `cswgen-root:/sw/policy/`: the one whose folder it
        is in, else the default one."""
        folder = address.removeprefix(ROOT_SCHEME + ":/").partition("/")[0] + "/"
        return self.languages.get(folder, self.languages.get("", ""))

    def _stored(self, target: str) -> str | None:
        """The name `target` is stored under, when it differs only in how its accents are
        stored (see `paths.stored_as`)."""
        return paths.stored_as(self.content_dir, target)

    def _answer(self, kind: str, target: str) -> str | None:
        """A page's URL (kind "url"), or whether a content path is a "file" or "dir"."""
        if kind == "url":
            return self.urls.get(target)
        if kind == "unread":
            return "yes" if f"content/{target}" in self.unread else None
        if kind == "withheld":
            return "yes" if f"content/{target}" in self.withheld else None
        if kind == "alike":  # a file named so but for its capitals
            folder, name = posixpath.split(target)
            with contextlib.suppress(OSError):
                for entry in os.scandir(self.content_dir / folder):
                    if entry.name.casefold() == name.casefold() and entry.is_file():
                        return posixpath.join(folder, entry.name)
            return None
        if kind == "elsewhere":
            return self.elsewhere.get(f"content/{target}")
        on_disk = self.content_dir / target
        return "file" if on_disk.is_file() else "dir" if on_disk.is_dir() else None

    def _lookup(self, kind: str, target: str) -> str | None:
        answer = self._answer(kind, target)
        self.lookups.append((kind, target, answer))
        return answer

    def _remote_problems(self, addresses: list[str]) -> None:
        """A warning for each picture from another site, on the line that names it."""
        ctx = self.context
        if ctx.problems is None:
            return
        lines = ctx.body.split("\n")
        start: dict[str, int] = {}  # an address met again: look after its last line
        for address in addresses:
            offset = next((i for i in range(start.get(address, 0), len(lines))
                           if address in lines[i]), None)
            start[address] = (offset or 0) + 1
            ctx.problems.warning(
                ctx.site_path, ctx.body_line + (offset or 0),
                f"the picture {address} is on another website, and pages never load anything "
                "from elsewhere, so it is shown as a link to it instead; download the picture, "
                f"save it in content/ next to {posixpath.basename(ctx.source)} and show it "
                f"with ![description]({paths.picture_name(address)})")

    def _line_of(self, href: str) -> int:
        """The body line that holds `href` (else the body's first)."""
        ctx = self.context
        for offset, text in enumerate(ctx.body.split("\n")):
            if href in text:
                return ctx.body_line + offset
        return ctx.body_line

    def _missing_problem(self, href: str, target: str, picture: bool) -> None:
        """A link to (or a picture of) a file that is not in content/."""
        self._error_at(href, f"{'the picture' if picture else 'the link to'} {href} goes to "
                             f"content/{target}, which does not exist; "
                             f"{self._missing_hint(target)}")

    def _missing_hint(self, target: str) -> str:
        """How to mend a link to `target`, which is not in content/: the name of a file
        there named so but for its capitals (written on Windows or macOS, where the link
        worked), else where to look."""
        alike = self._lookup("alike", target)
        return (f"the file is named {posixpath.basename(alike)}, and a web server tells "
                "capitals apart: write the name as the file has it" if alike is not None
                else "check the file name and folder")

    def _one_computer_problem(self, href: str, picture: bool) -> None:
        """A link to (or a picture of) a file on the writer's computer or network drive."""
        name = paths.picture_name(unquote(href).replace("\\", "/")) if picture else \
            posixpath.basename(unquote(href).replace("\\", "/").rstrip("/")) or "file.pdf"
        how = (f"show it with ![description]({paths.in_link(name)})" if picture else
               f"link to it by its name: [text]({paths.in_link(name)})")
        self._error_at(href, f"{'the picture' if picture else 'the link to'} {href} is a file "
                             "on one computer (or its network drive), which visitors cannot "
                             "reach and a build elsewhere does not have; copy the file into "
                             f"content/, next to {posixpath.basename(self.context.source)}, "
                             f"and {how}")

    def _list_link_problem(self, href: str, target: str) -> None:
        """A link to a list of testimonials or people, which is read, not published."""
        here = posixpath.dirname(self.context.source) or "."
        self._error_at(href, f"the link to {href} goes to content/{target}, a list that "
                             f"cswgen makes into pages, and does not publish itself; link "
                             f"to those pages instead: "
                             f"{posixpath.relpath(target.split('/')[0], here)}/")

    def _error_at(self, href: str, message: str) -> None:
        """An error at the body line that holds `href`."""
        ctx = self.context
        if ctx.problems is not None:
            ctx.problems.error(ctx.site_path, self._line_of(href), message)

    def _link_problem(self, href: str, target: str) -> None:
        ctx = self.context
        if ctx.problems is None:
            return
        line = self._line_of(href)
        if self._lookup("unread", target) is not None:
            return  # that file's own error is reported; it is not a draft, nor scheduled
        if self._lookup("withheld", target) is not None:
            ctx.problems.warning(ctx.site_path, line,
                                 f"the link to {href} goes to content/{target}, which is left "
                                 "out for lack of consent (its own warning says why); the "
                                 "link will not work until it is published")
        elif self._lookup("disk", target) == "file":
            ctx.problems.warning(ctx.site_path, line,
                                 f"the link to {href} goes to content/{target}, which is not "
                                 "published (a draft, or its `publish` date is later); the "
                                 "link will not work until it is")
        else:
            ctx.problems.error(ctx.site_path, line,
                               f"the link to {href} goes to content/{target}, which does not "
                               f"exist; {self._missing_hint(target)}")
