"""Links in a body, resolved against the content folder, for `markup`'s Converter (and
nothing here needs Python-Markdown).

A link to another content file by its source path (`../policy.md`) becomes a link to that
page, a link to a file under content/ follows it to where it is published, and a link to a
Markdown file that does not exist is an error with its line.  Internal links come out as
`cswgen-root:PATH`; the renderer makes them relative to each page, so one conversion serves
every page it is on.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cswgen.core import paths
from cswgen.core.errors import Problems
from cswgen.model.sanitize import ROOT_SCHEME
from cswgen.read.content import MARKDOWN_SUFFIXES, kind_of

_EXTERNAL = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//|#)")

Lookup = tuple[str, str, str | None]  # (kind, target, answer), see BodyLinks.answer


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


class BodyLinks:
    """Resolves the links of one build's bodies, a body at a time (`start`), noting what
    each asked of the site (`lookups`): a conversion kept between builds is reused only
    while every answer is still the same (`answer`)."""

    def __init__(self, content_dir: Path, urls: dict[str, str], *,
                 unread: set[str] | None = None, withheld: set[str] | None = None,
                 elsewhere: dict[str, str] | None = None,
                 languages: dict[str, str] | None = None) -> None:
        """`urls` maps source paths (`content/x.md`) to URLs; `unread`: the source paths of
        files whose own errors keep them out (a link to one gets no problem of its own: the
        file's error says it all), and of the other files left out, with a warning each (a
        link to one gets a warning too: the file's says nothing of the link); `withheld`:
        those left out for lack of consent;
        `elsewhere`: those whose page is in another language (see `Site.elsewhere`), with
        that page from the site's root (`/sw/policy/`), where a link to one goes, marked
        `hreflang` with the language `languages` (folder -> tag: `{"": "en", "sw/": "sw"}`)
        says."""
        self.content_dir = content_dir
        self.urls = urls
        self.unread = unread or set()
        self.withheld = withheld or set()
        self.elsewhere = elsewhere or {}
        self.languages = languages or {}
        self.context = _Context()
        self.lookups: list[Lookup] = []  # what the conversion asked of the site, in order

    def start(self, source: str, body: str, body_line: int, problems: Problems) -> None:
        """The links from here on are `body`'s, from `source` (site-relative:
        `content/days/monday.md`), whose first line is `body_line`; its problems go to
        `problems`."""
        self.context = _Context(source.removeprefix("content/"), body, body_line, source,
                                problems)
        self.lookups = []

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
        if (wrapped := paths.safe_link_target(href)) is not None:
            self._safe_link_problem(href, wrapped)
            return wrapped
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
            if url is None and _maybe_stored(target) and (stored := self._stored(target)):
                target = stored
                url = self._lookup("url", f"content/{target}")
            if url is None and (elsewhere := self._lookup("elsewhere", target)) is not None:
                return f"{ROOT_SCHEME}:{elsewhere}{suffix}"  # another language's page
            if url is None:
                self._link_problem(href, target)
                return "#"  # not published (yet): the warning or error says so
            return f"{ROOT_SCHEME}:{url}{suffix}"
        on_disk = self._lookup("disk", target)
        if on_disk is None and _maybe_stored(target) and (stored := self._stored(target)):
            target = stored
            on_disk = self._lookup("disk", target)
        # (a page's address as the browser shows it, `/faq/`, keeps its closing slash: the
        # page is the folder's index.html, which a --portable build names)
        folder_written = decoded.endswith("/") and target != "."
        if on_disk == "file" and self._lookup("unread", target) is not None:
            self._unpublished_problem(href, target)
            return "#"
        if on_disk == "file" and kind_of(target) in ("testimonial", "honour"):
            self._list_link_problem(href, target)  # (a Markdown entry's is its page's above)
            return "#"
        if on_disk is None and self._lookup("unread", target) is not None:
            return "#"  # (in iCloud only, say: that file's own error says so, and what to do)
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
        """The name `target` is stored under, when it differs only in how its accents or
        spaces are stored (see `paths.stored_as`)."""
        return paths.stored_as(self.content_dir, target)

    def answer(self, kind: str, target: str) -> str | None:
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
        if kind == "similar":  # a file named nearly so: renamed for this year, a typo
            import difflib  # (only for a link that is broken)

            folder, name = posixpath.split(target)
            with contextlib.suppress(OSError):
                names = [entry.name for entry in os.scandir(self.content_dir / folder)
                         if entry.is_file() and not entry.name.startswith(".")]
                close = difflib.get_close_matches(name, names, n=1, cutoff=0.8)
                if close:
                    return posixpath.join(folder, close[0])
            return None
        if kind == "elsewhere":
            return self.elsewhere.get(f"content/{target}")
        on_disk = self.content_dir / target
        return "file" if on_disk.is_file() else "dir" if on_disk.is_dir() else None

    def _lookup(self, kind: str, target: str) -> str | None:
        answer = self.answer(kind, target)
        self.lookups.append((kind, target, answer))
        return answer

    def remote_problems(self, addresses: list[str]) -> None:
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

    def _unpublished_problem(self, href: str, target: str) -> None:
        ctx = self.context
        if ctx.problems is not None:
            ctx.problems.warning(ctx.site_path, self._line_of(href), f"the link to {href} "
                                 f"goes to content/{target}, which is not published (its own "
                                 "warning says why), so the link does not work; link to a "
                                 "page or a file that is published instead")

    def _safe_link_problem(self, href: str, wrapped: str) -> None:
        ctx = self.context
        if ctx.problems is not None:
            ctx.problems.warning(ctx.site_path, self._line_of(href), "a link goes to "
                                 f"{urlsplit(href.strip()).hostname}, Outlook's Safe Links "
                                 f"wrapping of {wrapped} (as a link copied from an email "
                                 "is), which holds the address of the mailbox the email was "
                                 f"sent to; the page links to {wrapped} itself: write that "
                                 "address in the link instead")

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
        worked), or nearly so (renamed for this year's week), else where to look."""
        alike = self._lookup("alike", target)
        if alike is not None:
            return (f"the file is named {posixpath.basename(alike)}, and a web server tells "
                    "capitals apart: write the name as the file has it")
        similar = self._lookup("similar", target)
        if similar is not None:
            return (f"did you mean {posixpath.basename(similar)}, which is in that folder? "
                    "If so, write its name in the link; otherwise check the file name and "
                    "folder")
        return "check the file name and folder"

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


def _maybe_stored(target: str) -> bool:
    """Whether `target` may name a file stored under another form of its name: one with
    accents, or spaces (see `paths.stored_as`)."""
    return not target.isascii() or " " in target
