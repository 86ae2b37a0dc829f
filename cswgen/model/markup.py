"""Markdown bodies to HTML.  The only module that imports Python-Markdown.

Python-Markdown's steps are set up here (the extensions, cswgen's own passes, the quicker
inline passes); each link or picture address it finds is handed to `bodylinks`, which
resolves it against the content folder.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, cast

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
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import InlineProcessor, Treeprocessor, UnescapeTreeprocessor
from markdown.util import ETX, STX

from cswgen.core import cldr
from cswgen.core.cache import Cache
from cswgen.core.cachedmap import cached_map
from cswgen.core.digest import digest, plain_digest, text_digest
from cswgen.core.errors import Problem, Problems, fail
from cswgen.core.kept import Kept, kept, text_of
from cswgen.core.limits import nesting_message, too_deep
from cswgen.model.bodylinks import BodyLinks, Lookup
from cswgen.model.plaintext import plain_text
from cswgen.model.rasters import shows_pictures
from cswgen.model.remote import localise
from cswgen.model.rendered import Rendered
from cswgen.model.sanitize import ROOT_SCHEME, clean

# Ids the page around a body uses (the skip link's target, the built-in theme's sections):
# a heading in content that would take one of them gets `-section` added instead.
RESERVED_IDS = frozenset({
    "main", "top", "content", "page-title", "toc-title", "week-status", "week-heading",
    "awards-title", "commitments-heading", "day-programme", "dress-code-title",
    "featured-heading", "policy-commitments", "policy-standards", "praised-title",
    "spotlight-heading", "week-strip-title",
})
_ESCAPED = re.compile(f"{STX}(\\d+){ETX}")  # Markdown's placeholder for a backslash escape


# text (as an entry keeps it: see `Entry.kept_body`), site-relative source path, line of
# its first line, and the language it is written in (a BCP 47 tag; "": the converter's)
Body = tuple[str | Kept, str, int, str]


# A conversion as it is kept between builds: the Rendered's fields (html, toc, text,
# digest, pictures), what its links looked up and its text's `lead`; the long HTML and
# text kept apart (`core.kept`).  Plain tuples: Python unpickles them in half the time of
# objects, and a rebuild of 10,000 entries loads 10,000 of them.
_Memo = tuple[str | Kept, list[dict[str, object]], str | Kept, str, bool | None,
              tuple[Lookup, ...], str]


class _Links(Treeprocessor):
    def __init__(self, md: markdown.Markdown, links: BodyLinks) -> None:
        super().__init__(md)
        self.links = links

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
                address = self.links.resolve(
                    unescaped(raw), picture=element.tag == "img",
                    written=_ESCAPED.sub(lambda m: "\\" + chr(int(m[1])), raw))
                element.set(attribute, address)
                if element.tag == "a" and address.startswith(ROOT_SCHEME + ":/"):
                    # a page in another language (see `BodyLinks.elsewhere`)
                    element.set("hreflang", self.links.language_at(address))


class _Headings(Treeprocessor):
    """The page's title is its only h1: a body that uses `# Heading` has every heading moved
    one level down, so the outline stays whole (h1 -> h2, h2 -> h3, ...)."""

    def run(self, root: ET.Element) -> None:
        headings = [e for e in root.iter() if e.tag in ("h1", "h2", "h3", "h4", "h5", "h6")]
        if not any(e.tag == "h1" for e in headings):
            return
        for element in headings:
            element.tag = f"h{min(int(element.tag[1]) + 1, 6)}"


# a list item as Word's "Keep Text Only" paste and Outlook leave it: a bullet character (Word's
# •, Outlook's ·, ◦ ▪ ●) or a number and `)` (`1)`), or a number, `.` and a tab, then its text
_PASTED_ITEM = re.compile(r"^ {0,3}(?:([•·◦▪●○■‣⁃])[ \t\u00a0]+|(\d{1,3})\)[ \t\u00a0]+"
                          r"|(\d{1,3})\.\t[ \t]*)(?=\S)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
# a heading's `#` or a list's `-` or `1.` followed by a non-breaking space (as text pasted
# from Outlook, Teams or a web page has them), which Markdown does not take for a space
_MARK_AND_ODD_SPACE = re.compile(r"^( {0,3}(?:#{1,6}|[-*+]|\d{1,9}[.)]))[\u00a0\u202f]+(?=\S)")


class _PastedLists(Preprocessor):
    """A list pasted from Word or Outlook as text is a list: two or more `•`, `·` or `1)`
    items on lines in a row become Markdown's `-` or `1.` items, with the blank line
    Markdown needs before a list (they ran into one paragraph, bullets and tabs shown as
    they were).  Not in code; one such line alone (`1) was the best`) is text.  A heading's
    or a list's mark with a non-breaking space after it gets a space (`##\u00a0Team`)."""

    def run(self, lines: list[str]) -> list[str]:
        lines = list(lines)
        items: list[re.Match[str] | None] = []
        fence = ""
        for at, line in enumerate(lines):
            if (opened := _FENCE.match(line)) is not None and (
                    not fence or opened[1].startswith(fence)):
                fence = "" if fence else opened[1]
            if not fence and ("\u00a0" in line[:12] or "\u202f" in line[:12]):
                line = lines[at] = _MARK_AND_ODD_SPACE.sub(r"\1 ", line)
            items.append(None if fence else _PASTED_ITEM.match(line))
        out: list[str] = []
        for at, (line, item) in enumerate(zip(lines, items, strict=True)):
            before = items[at - 1] if at else None
            after = items[at + 1] if at + 1 < len(items) else None
            if item is None or (before is None and after is None):
                out.append(line)
                continue
            if before is None and out and out[-1].strip():
                out.append("")  # (Markdown reads a list only after a blank line)
            marker = "-" if item[1] else f"{item[2] or item[3]}."
            out.append(f"{marker} {line[item.end():]}")
        return out


class _SpacedHeadings(HashHeaderProcessor):
    """A heading is `#` and a space, as in CommonMark (GitHub, Teams, most editors): a line
    that starts with a hashtag or a number (`#CSW2026 was the best week`, `#1 branch in
    town`) is text, not a heading that loses its `#`.  Testimonials pasted from a form or
    a chat start lines like that; Python-Markdown alone takes any `#` for a heading."""

    RE = re.compile(r"(?:^|\n)(?P<level>#{1,6})(?=[ \t\n]|$)"
                    r"(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)")


class _LinkExtension(Extension):
    def __init__(self, links: BodyLinks) -> None:
        super().__init__()
        self.links = links

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.parser.blockprocessors.register(_SpacedHeadings(md.parser), "hashheader", 70)
        # (before Python-Markdown turns tabs into spaces)
        md.preprocessors.register(_PastedLists(md), "cswgen_pasted_lists", 35)
        md.treeprocessors.register(_Links(md, self.links), "cswgen_links", 1)
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
                 footnote_back: str = "Jump back to footnote {n} in the text",
                 language: str = "en") -> None:
        """`unread`, `withheld`, `elsewhere`, `languages`: what links are resolved against
        (see `BodyLinks`); `footnote_back`: the title of a footnote's link back to the text,
        in the site's language (`{n}`: the footnote's number); `language`: that of a body
        that does not say (the site's), whose list punctuation its plain text uses."""
        self.links = BodyLinks(content_dir, urls, unread=unread, withheld=withheld,
                               elsewhere=elsewhere, languages=languages)
        self.unsafe_html = unsafe_html
        self.footnote_back = footnote_back
        self.language = language
        # what every body's key holds besides its own (made once: ten thousand keys a build)
        self._settings = (str(unsafe_html), footnote_back,
                          repr(sorted(self.links.languages.items())))
        self.cache = cache
        # (the extensions themselves, not their names: finding a name among the installed
        # packages' entry points took a twentieth of a rebuild's start)
        self.md = markdown.Markdown(
            extensions=[TableExtension(), FencedCodeExtension(), AttrListExtension(),
                        FootnoteExtension(SEPARATOR="-",
                                          BACKLINK_TITLE=_format_of(footnote_back)),
                        TocExtension(toc_depth="2-3", slugify=_heading_id), SmartyExtension(),
                        SaneListExtension(), DefListExtension(), AbbrExtension(),
                        _LinkExtension(self.links)],
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

    def convert(self, body: str, source: str, body_line: int, problems: Problems,
                language: str = "") -> Rendered:
        """`source` is the site-relative path (`content/days/monday.md`); `language`, the
        body's, when it is not the converter's."""
        [(rendered, found)] = self.convert_all([(body, source, body_line, language)])
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
        (text, source, body_line, language), known = item
        return plain_digest("markdown", known or text_digest(text_of(text)), source,
                            str(body_line), language or self.language, *self._settings)

    def _memo(self, item: tuple[Body, str], problems: Problems) -> _Memo:
        """Convert, keeping what the links looked up: plain data, so a worker process can
        send it back."""
        text, source, body_line, language = item[0]
        try:
            rendered = self._convert(text_of(text), source, body_line,
                                     language or self.language, problems)
        except MemoryError:  # (raised, not kept in the cache: with more memory, it converts)
            raise fail(source, body_line, "the build ran out of memory converting the "
                       "Markdown from this line on; split a text this long into several "
                       "pages (or keep it as a PDF under content/ and link to it), or close "
                       "other programs, then run the build again") from None
        return (kept(rendered.html), rendered.toc, kept(rendered.text), rendered.digest,
                rendered.pictures, tuple(self.links.lookups), rendered.lead)

    def _holds(self, memo: _Memo) -> bool:
        return isinstance(memo, tuple) and len(memo) == 7 and all(  # (from the disk: checked)
            self.links.answer(kind, target) == answer for kind, target, answer in memo[5])

    def _convert(self, body: str, source: str, body_line: int, language: str,
                 problems: Problems) -> Rendered:
        self.links.start(source, body, body_line, problems)
        if not body.strip():
            return Rendered(html="")
        if (deep := too_deep(body)) is not None:  # Python-Markdown would recurse past its limit
            problems.error(source, body_line + deep[0], nesting_message(deep[1]))
            return Rendered(html="")
        self.md.reset()
        output = self.md.convert(body)
        toc = list(getattr(self.md, "toc_tokens", []))
        if not self.unsafe_html:
            output = clean(output)
        output, remote = localise(output)
        self.links.remote_problems(remote)
        text = plain_text(output, *_run_in(language))
        return Rendered(html=output, toc=toc, text=text, digest=digest("rendered", output, text),
                        pictures=shows_pictures(output))


@functools.cache
def _run_in(tag: str) -> tuple[str, str]:
    """The comma and semicolon a list run into one line takes in the language of `tag`
    (`cldr.Language.run_in`); English's for a tag CLDR does not know."""
    try:
        return cldr.parse(tag).run_in
    except cldr.UnknownLanguage:
        return cldr.ENGLISH.run_in
