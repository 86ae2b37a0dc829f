"""File names that build the same everywhere, and links that stay inside the site.

A site is edited on Windows, synced through macOS and built on Linux CI, so a name one of
them cannot hold (`CON.md`, `aux.md`, `report?.pdf`, `notes.`) or two names that one of
them sees as the same file (`Photo.jpg` and `photo.jpg`; `café` composed and decomposed)
are errors everywhere, naming the file.  A symbolic link whose target is outside the site
(or, for a built-in theme, outside its folder) is not followed: a site copied to another
machine would not have that target, and a build must not publish what it points at.
An address on another host (`https://cdn...`) is told apart here too, for the pages that
must not load it.
"""

from __future__ import annotations

import contextlib
import os
import posixpath
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from urllib.parse import parse_qs, quote, unquote, urlsplit, urlunsplit

from cswgen.core import tree
from cswgen.core.errors import Problems

# Windows reserves these names with any extension (`con.md`, `COM1.csv`, `nul.txt`).
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in "123456789¹²³"),
             *(f"lpt{i}" for i in "123456789¹²³")}
_FORBIDDEN = re.compile(r'[<>:"|?*\\\x00-\x1f]')
# what a link cannot hold as it is, of what a file name may: a space ends an address in
# `srcset` and makes `src` invalid HTML, as `[`, `]`, `^`, `{`, `}` and a backtick do (the
# URL standard's "invalid URL unit"); a `%` would start an escape, `#` and `?` the
# fragment and the query
_NOT_IN_LINKS = re.compile(r"[ %#?\[\]^`{}\x7f]")
# what a site path cannot hold in an internal link, which may go on with `#fragment`
_NOT_IN_TARGETS = re.compile(r"[%#?]")
_TARGET_ESCAPE = re.compile(r"%(25|23|3F)")


def name_problem(name: str) -> str | None:
    """Why a file or folder name would not work on Windows or macOS, or None."""
    stem = name.split(".")[0].rstrip(" ").lower()
    if stem in _RESERVED:
        return (f"\"{name}\" is a name Windows reserves for a device ({stem.upper()}), so "
                "the site could not be copied to or built on Windows; rename it, for example "
                f"to \"{stem}-page.md\"" if name.lower().endswith(".md") else
                f"\"{name}\" is a name Windows reserves for a device ({stem.upper()}), so "
                "the site could not be copied to or built on Windows; rename it")
    bad = sorted(set(_FORBIDDEN.findall(name)))
    if bad:
        shown = " ".join(repr(c)[1:-1] if ord(c) < 32 else c for c in bad)
        return (f"\"{name}\" contains {shown}, which Windows does not allow in file names; "
                "rename it using letters, digits, - and _")
    if name.endswith((".", " ")):
        return (f"\"{name}\" ends with a dot or a space, which Windows drops (so it would "
                "become another file); rename it without them")
    return None


def _same_file_key(path: str) -> str:
    return unicodedata.normalize("NFC", path).casefold()


def check_names(relatives: Iterable[str], prefix: str, problems: Problems) -> None:
    """Errors for the names among `relatives` (`/`-separated, under `prefix`) that would not
    survive Windows or macOS: each bad folder once, and each pair of paths that differ only
    in case or Unicode form."""
    reported: set[str] = set()
    seen: dict[str, str] = {}
    folders: set[str] = set()
    for relative in relatives:
        parts = relative.split("/")
        for depth, name in enumerate(parts, 1):
            path = "/".join(parts[:depth])
            key = _same_file_key(path)
            earlier = seen.setdefault(key, path)
            if path in reported or (earlier == path and depth < len(parts)
                                    and path in folders):
                continue  # (a folder is checked once, not once per file in it)
            if depth < len(parts):
                folders.add(path)
            if earlier != path:
                reported.add(path)
                problems.error(f"{prefix}{path}", 0, f"differs from {prefix}{earlier} only "
                               "in upper and lower case (or in how an accent is stored); "
                               "Windows and macOS see one file where Linux sees two, so the "
                               "site would build differently there; rename one of them")
                continue
            why = name_problem(name)
            if why is not None:
                reported.add(path)
                problems.error(f"{prefix}{path}", 0, why)


def _as_seen(name: str) -> str:
    """A name as it looks: its accents in one form (NFC), and each space that is not the
    one a keyboard types (macOS names a screenshot "… at 2.05.22\u202fPM.png", with a narrow
    no-break space before PM) as a space."""
    return "".join(" " if unicodedata.category(c) == "Zs" else c
                   for c in unicodedata.normalize("NFC", name))


def stored_as(folder: Path, relative: str) -> str | None:
    """The `/`-separated path under `folder` that `relative` names with its accents stored
    another way, or another space than the one typed, or None when there is none.  macOS
    may keep `zoë` as `zoe` and a combining diaeresis; it looks the same, and a name typed
    elsewhere (a link, a `photo:`) has the composed `ë`, so names are compared as they look
    (see `_as_seen`)."""
    found: list[str] = []
    for part in relative.split("/"):
        if part in ("", ".", ".."):
            found.append(part)
            folder = folder / part
            continue
        wanted = _as_seen(part)
        try:
            names = [entry.name for entry in folder.iterdir()]
        except OSError:
            return None
        match = part if part in names else next(
            (n for n in names if _as_seen(n) == wanted), None)
        if match is None:
            return None
        found.append(match)
        folder = folder / match
    stored = "/".join(found)
    return stored if stored != relative else None


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every symbolic link followed, is `root` or under it."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, ValueError, RuntimeError):  # a loop of links, a NUL byte
        return False


def outside_links(folder: Path, root: Path, skip: tree.Skip | None = None) -> list[str]:
    """The symbolic links under `folder` (files and folders, `/`-separated and relative to
    `folder`) whose target is not inside `root` or does not exist; names `skip` leaves
    out (see `tree.walk`) are not looked at."""
    return sorted(relative for relative, entry in tree.walk(folder, skip, ordered=False)
                  if entry.is_symlink() and not_followed(Path(entry.path), root))


# how Windows, macOS and a browser's downloads name a copy: `faq - Copy.md`, `faq - Copy
# (2).md` (`- Kopie`, `- Copie`, `- Copia` in other languages), `faq copy 2.md` (Finder's
# Duplicate; `faq copia 2.md` on a Mac in Spanish, `copie`, `cópia`, `Kopie` in others),
# `faq (1).md`, and `Copy of faq.md`.  (`cópia` also as macOS may store it: `o` and an accent)
_COPY_WORD = "(?:copy|kopie|copie|copia|cópia|co\u0301pia)"
_COPY = re.compile(rf"(.+?)(?: - {_COPY_WORD}(?: \(\d+\))?| {_COPY_WORD}(?: \d+)?"
                   r"| ?\(\d+\))(\.[^.]+)", re.IGNORECASE)
_COPY_OF = re.compile(r"copy of (.+)", re.IGNORECASE)


def copied_from(path: str) -> str | None:
    """The path of the file that `path` (`/`-separated) is named as a copy of, in the same
    folder (`faq - Copy.md` -> `faq.md`), or None for a name that is not a copy's."""
    lower = path.lower()  # (ten thousand names: most pass by at once)
    if "cop" not in lower and "kopie" not in lower and "cópia" not in lower \
            and "co\u0301pia" not in lower and "(" not in lower:
        return None
    folder, slash, name = path.rpartition("/")
    if (copy := _COPY.fullmatch(name)) is not None:
        return folder + slash + copy[1] + copy[2]
    if (copy_of := _COPY_OF.fullmatch(name)) is not None:
        return folder + slash + copy_of[1]
    return None


# the copy a sync client keeps when a file was changed on two computers before they synced:
# OneDrive adds the computer's name, as Windows writes it (`faq-DESKTOP-4F2K9QL.md`,
# `staff-LAPTOP-7Q2M1ABC-2.csv`), Dropbox says so (`faq (Tendai's conflicted copy
# 2027-09-10).md`)
# (a computer's name: up to 15 capitals, digits and hyphens, with a hyphen, or six or more
# with a digit, so that `report-Q3FY.md` beside `report.md` is not taken for one)
_COMPUTER = re.compile(r"(?=[A-Z0-9-]*[A-Z])(?:(?=[A-Z0-9]*-)[A-Z0-9][A-Z0-9-]{2,14}"
                       r"|(?=[A-Z0-9]*[0-9])[A-Z0-9]{6,15})(?:-\d{1,3})?")
_CONFLICTED = re.compile(r"(.+?) \([^()]*conflicted copy[^()]*\)(\.[^.]+)?", re.IGNORECASE)


def conflict_of(path: str, present: frozenset[str] | set[str]) -> str | None:
    """The path among `present` of which `path` (`/`-separated) is a sync client's conflict
    copy, beside it (`faq-DESKTOP-4F2K9QL.md` -> `faq.md`), or None.  A name is a copy only
    when its original is there: `report-Q3FY.md` alone is a name of its own."""
    folder, slash, name = path.rpartition("/")
    if name.islower() and "(" not in name:
        return None  # (ten thousand names: nearly all pass by at once)
    stem, dot, ending = name.rpartition(".")
    if not dot:
        stem, ending = name, ""
    if (dropbox := _CONFLICTED.fullmatch(name)) is not None:
        original = folder + slash + dropbox[1] + (dropbox[2] or "")
        return original if original in present else None
    at = stem.find("-")
    while at > 0:
        if _COMPUTER.fullmatch(stem, at + 1) is not None:
            original = folder + slash + stem[:at] + dot + ending
            if original in present:
                return original
        at = stem.find("-", at + 1)
    return None


Listing = tuple[list[str], list[str]]  # see `listing`


def listing(content_dir: Path, root: Path) -> Listing:
    """Every file under content/, content-relative, in `tree.walk`'s order (a document
    macOS keeps as a folder, `staff.numbers`, as one file); and the
    symbolic links among them (and among its folders) that point out of the site or at
    nothing."""
    files: list[str] = []
    links: list[str] = []
    for relative, entry in tree.walk(content_dir, tree.skipped_but_placeholders,
                                     whole=tree.is_package):
        if entry.is_symlink() and not_followed(Path(entry.path), root):
            links.append(relative)
        # (a link to a folder: not followed; a Numbers or Pages package: one file, withheld)
        if not entry.is_dir() or (tree.is_package(entry.name) and not entry.is_symlink()):
            files.append(relative)
    return files, sorted(links)


def not_followed(link: Path, root: Path) -> bool:
    """Whether the symbolic link `link` is left alone: its target is outside `root`, or
    does not exist (the file it named was moved, renamed or deleted)."""
    return not inside(link, root) or not link.exists()


def report_links(links: list[str], prefix: str, problems: Problems, folder: Path) -> None:
    """A warning for each link `outside_links` found under `folder` (`prefix` its site
    path): one whose target is gone names it, the others say why they are not followed."""
    for link in links:
        path = folder / link
        if not path.exists():
            problems.warning(f"{prefix}{link}", 0, "is a symbolic link to "
                             f"\"{os.readlink(path)}\", which does not exist (it was moved, "
                             "renamed or deleted), so it is left out; copy the file itself "
                             "here, or delete the link")
            continue
        problems.warning(f"{prefix}{link}", 0, "is a symbolic link to something outside the "
                         "site's folder, so cswgen does not follow it (it would not be there "
                         "on another computer, and a build must not publish what it points "
                         "at); copy the file or folder into the site instead")


def nearly(written: str, content: Path, folder: Path | None = None,
           types: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """The file under `content` that a path which finds nothing nearly names, and how it is
    off: ("content", path) written from the site's folder (content/images/logo.svg),
    ("capitals", path) in other capitals, ("type", path) the same name with another
    ending (logo.svg for logo.png), ("folder", path) without its folder or in another one.
    `written` is from `folder` (a Markdown file's), then from content/.  With `types`
    (endings such as ".svg", in the order preferred), a file of another type is one of
    those, the first that is there; without, the only one."""
    cleaned = written.strip().replace("\\", "/")
    if "\x00" in cleaned or not content.is_dir():
        return None
    if cleaned.startswith("content/") and (content / cleaned[len("content/"):]).is_file():
        return "content", cleaned[len("content/"):]
    files = [p.relative_to(content).as_posix() for p in content.rglob("*") if p.is_file()]
    wanted = {cleaned.lstrip("/").lower()}
    if folder is not None:
        with contextlib.suppress(ValueError, OSError):  # (outside content/: not a hint)
            wanted.add((folder / cleaned).resolve().relative_to(content.resolve())
                       .as_posix().lower())
    same = [f for f in files if f.lower() in wanted]
    if len(same) == 1:
        return "capitals", same[0]
    stems = {_stem(w) for w in wanted}
    others = [f for f in files if _stem(f.lower()) in stems]
    if types:
        others = sorted((f for f in others if PurePosixPath(f).suffix.lower() in types),
                        key=lambda f: types.index(PurePosixPath(f).suffix.lower()))
    if others and (types or len(others) == 1):
        return "type", others[0]
    name = cleaned.rsplit("/", 1)[-1].lower()
    named = [f for f in files if f.rsplit("/", 1)[-1].lower() == name]
    return ("folder", named[0]) if len(named) == 1 else None


def _stem(path: str) -> str:
    """A `/`-separated path without its file name's ending: `images/logo.svg` ->
    `images/logo`."""
    folder, _, name = path.rpartition("/")
    return f"{folder}/{name.rpartition('.')[0] or name}"


# an address that names a host: `https://...`, `http://...`, `//...` (any scheme with `//`)
_ELSEWHERE = re.compile(r"^\s*(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?//")


def in_link(path: str) -> str:
    """A `/`-separated site path as a link writes it: percent-encoded where a URL cannot
    hold it (`images/our logo.svg` -> `images/our%20logo.svg`); letters of every script
    stay as they are, as browsers show them."""
    if not _NOT_IN_LINKS.search(path):
        return path
    return _NOT_IN_LINKS.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), path)


# what RFC 3986 lets a path, query or fragment hold as it is besides letters and digits
# (its "pchar", and `/`); everything else, a space and every non-ASCII letter included, is
# percent-encoded as its UTF-8 bytes
_URL_SAFE = "/:@!$&'()*+,;=-._~"
_NOT_AN_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def in_url(path: str) -> str:
    """A `/`-separated site path (a file's name as it is) as an absolute URL writes it:
    every character a URL cannot hold percent-encoded, letters of other scripts and `%`
    too (`fichiers/été 100%.pdf` -> `fichiers/%C3%A9t%C3%A9%20100%25.pdf`).  Links inside
    pages keep letters as they are (see `in_link`); a feed, a sitemap, a QR code or a
    calendar is read by programs that expect plain ASCII."""
    return quote(path, safe=_URL_SAFE)


def in_url_part(text: str) -> str:
    """A query or fragment, or an address already written as a URL (base_url), in ASCII:
    what a URL cannot hold percent-encoded, a `%` that starts an escape kept as it is, so
    that nothing is encoded twice (`csw%202026` stays, `csw 2026` -> `csw%202026`)."""
    return quote(_NOT_AN_ESCAPE.sub("%25", text), safe=_URL_SAFE + "%?#")


class NotAnAddress(ValueError):
    """A host name that no URL can hold (IDNA refuses it)."""


def ascii_address(address: str) -> str:
    """An absolute address as ASCII, as every reader of it accepts it: a host name in
    another script in its IDNA form (`exämple.org` -> `xn--exmple-cua.org`), and the path
    percent-encoded once (`/journée du client/` -> `/journ%C3%A9e%20du%20client/`)."""
    scheme, netloc, path, query, fragment = urlsplit(address)
    if not netloc.isascii():
        user, at, place = netloc.rpartition("@")
        host, colon, port = place.partition(":")
        try:
            host = ".".join(label.encode("idna").decode("ascii") if not label.isascii()
                            else label for label in host.split("."))
        except UnicodeError as exc:
            raise NotAnAddress(host) from exc
        netloc = in_url_part(user) + at + host + colon + port
    return urlunsplit((scheme, netloc, in_url_part(path), in_url_part(query),
                       in_url_part(fragment)))


_ENCODED_LETTERS = re.compile(r"(?:%[89A-Fa-f][0-9A-Fa-f])+")


def shown_address(address: str) -> str:
    """An address written by `ascii_address` as a browser's address bar shows it, for
    people to read and type (under a QR code): the host's `xn--` labels and the letters of
    other scripts as they are (`https://xn--exmple-cua.org/journ%C3%A9e/` ->
    `https://exämple.org/journée/`); a space or `#` stays encoded."""
    scheme, netloc, path, query, fragment = urlsplit(address)
    labels = []
    for label in netloc.split("."):
        try:
            labels.append(label.encode("ascii").decode("idna")
                          if label.lower().startswith("xn--") else label)
        except UnicodeError:
            labels.append(label)

    def letters(match: re.Match[str]) -> str:
        try:
            return unquote(match[0], errors="strict")
        except UnicodeDecodeError:  # (not UTF-8: kept as it is)
            return match[0]

    return urlunsplit((scheme, ".".join(labels), _ENCODED_LETTERS.sub(letters, path),
                       query, fragment))


def as_target(path: str) -> str:
    """A site path as an internal link names it (`cswgen-root:PATH#fragment`, a page's
    `photo.src`): a `%`, `#` or `?` of a file's name escaped (`files/C# guide.pdf` ->
    `files/C%23 guide.pdf`), so that only the link's own fragment or query follows one."""
    return _NOT_IN_TARGETS.sub(lambda m: f"%{ord(m[0]):02X}", path)


def published(relative: str) -> str:
    """The site path a content file is published at: its path with its accents in one form
    (NFC), as a keyboard types them, whichever form its disk keeps (macOS may keep `señora`
    as `n` and a combining tilde).  A link typed with the composed `ñ`, an address read
    aloud, and the same file saved on Windows then give the one address a Linux web server
    finds."""
    return unicodedata.normalize("NFC", relative)


def from_target(target: str) -> str:
    """The site path an internal link names (without its fragment or query): the file's
    name as it is (see `as_target`)."""
    return _TARGET_ESCAPE.sub(lambda m: chr(int(m[1], 16)), target)


# a file on the computer or network drive it was written on: `C:\Users\...`, `H:/Comms/...`,
# `\\fileserver\share\...`, `file:///...`, `~/Pictures/...`, a Mac's `/Users/...`
_ON_ONE_COMPUTER = re.compile(
    r"^\s*(?:[A-Za-z]:[\\/]|\\\\[^\\]|file:|~[\\/]|/(?:Users|Volumes|home)/)",
    re.IGNORECASE)


def on_one_computer(address: str) -> bool:
    """Whether `address` names a file on one computer or network drive, which no visitor's
    browser can reach and no other computer that builds the site has."""
    return _ON_ONE_COMPUTER.match(address) is not None


def on_another_host(address: str) -> bool:
    """Whether `address` names another host, which no page may load anything from."""
    return _ELSEWHERE.match(address) is not None


def picture_name(address: str) -> str:
    """The file name an address ends in, for the example in a message that asks for the
    picture to be saved in content/ (`picture.jpg` when the address names none)."""
    name = posixpath.basename(address.split("?")[0].split("#")[0].rstrip("/"))
    return name if "." in name else "picture.jpg"


def safe_link_target(href: str) -> str | None:
    """The address an Outlook Safe Links address wraps (a link copied from an email read in
    Outlook: `https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2F...&data=`,
    whose `data` names the mailbox it was sent to), or None for any other address."""
    if "safelinks" not in href:
        return None
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return None
    host = (parts.hostname or "").lower()
    if not host.endswith(".safelinks.protection.outlook.com"):
        return None
    wrapped = parse_qs(parts.query).get("url", [""])[0]
    return wrapped if re.match(r"https?://", wrapped, re.IGNORECASE) else None
