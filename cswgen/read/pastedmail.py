"""An email's own lines pasted with the words that were meant, found before they are published.

A testimonial is most often a customer's email, copied from Outlook with more than its
words: the header of the message it answered (`From: Chipo Ncube <chipo@example.com>`,
`Sent:`, `To:`, `Subject:`, or `-----Original Message-----`), and `[cid:image001.png@...]`
where the email showed a picture (a logo in a signature).  Published as they are, they put
the customer's email address on the site, and text no visitor can read.  Each is a
warning at its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cswgen.core.cache import Cache
from cswgen.core.digest import digest
from cswgen.core.errors import Problems
from cswgen.core.paths import safe_link_target
from cswgen.read.records import Entry

# the header Outlook writes above the message a reply quotes: `From:` and, within the next
# lines, `Sent:` (or `Date:`), `To:` or `Subject:` (each may be bold: `**From:**`)
_FROM = re.compile(r"^[ \t>*_]*From:[*_]*[ \t]", re.MULTILINE)
_HEADER = re.compile(r"^[ \t>*_]*(?:Sent|Date|To|Cc|Subject):[*_]*[ \t]", re.MULTILINE)
_ORIGINAL = re.compile(r"^[ \t>]*-{2,}[ \t]*(?:Original Message|Forwarded message)[ \t]*-{2,}",
                       re.MULTILINE | re.IGNORECASE)
_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PICTURE = re.compile(r"\[cid:[^\]\s]+\]")
# an Outlook Safe Links address written as text, not as a link's target (which the
# conversion turns into the address it wraps: `bodylinks.safe_link_target`)
_SAFE_LINK = re.compile(r"(?<![(<\"'])https?://[A-Za-z0-9.-]*safelinks\.protection\.outlook\.com"
                        r"/\S+", re.IGNORECASE)


def report(entries: Iterable[Entry], problems: Problems, cache: Cache | None = None, *,
           as_errors: bool = False) -> None:
    """A warning for each email header and each picture placeholder in an entry's text (for
    a header, an error with `as_errors`: for `cswgen check`, whose "Ready to publish" must
    not be said of a page that would publish someone's email address).  With a `cache`,
    the bodies found free of them are kept (by their digests) and not read again: a
    rebuild reads only the bodies it shows anew (see `core.kept`)."""
    key = digest("bodies without a pasted email")
    found = cache.get(key) if cache is not None else None
    known: frozenset[str] = found[0] if found is not None and isinstance(
        found[0], frozenset) else frozenset()
    clean: set[str] = set()
    for entry in entries:
        if entry.body_digest in known:
            clean.add(entry.body_digest)
            continue
        body = entry.body
        if "From:" not in body and "-----" not in body and "[cid:" not in body \
                and "safelinks" not in body:
            clean.add(entry.body_digest)
            continue  # (nearly every body: three plain searches)
        header = _header_at(body)
        if header is not None:
            address = _ADDRESS.search(body, header)
            shown = f" ({address[0]})" if address is not None else ""
            said = problems.error if as_errors else problems.warning
            said(entry.path, _line(entry, header), "from here down is the header of an email "
                 "pasted from Outlook (From:, Sent:, To:, Subject:) and the message it "
                 "answered, which would be published as they are, the sender's email "
                 f"address{shown} with them; keep only the words meant for the site: delete "
                 "this line and every line below it (and the signature above it)",
                 sheet=entry.sheet)
        for picture in _PICTURE.finditer(body):
            problems.warning(entry.path, _line(entry, picture.start()), f"\"{picture[0]}\" "
                             "is where the email showed a picture (a logo in a signature): "
                             "it comes out as this text, not as the picture; delete it, and to "
                             "show a picture, save it in content/ and write ![what it shows]"
                             "(file.jpg)", sheet=entry.sheet)
        for link in _SAFE_LINK.finditer(body):
            wrapped = safe_link_target(link[0].rstrip(".,;:!?)"))
            instead = f"write the address it stands for instead: {wrapped}" if wrapped else \
                "write the address of the page it leads to instead"
            problems.warning(entry.path, _line(entry, link.start()), "this is an Outlook "
                             "Safe Links address, copied from an email read in Outlook: it "
                             "would be published as text that names the mailbox the email "
                             f"was sent to; {instead}", sheet=entry.sheet)
        if header is None and not _PICTURE.search(body) and not _SAFE_LINK.search(body):
            clean.add(entry.body_digest)
    if cache is not None and clean != known:
        cache.put(key, frozenset(clean))


def _header_at(body: str) -> int | None:
    """Where an email header starts in `body`, or None."""
    if (original := _ORIGINAL.search(body)) is not None:
        return original.start()
    for start in _FROM.finditer(body):
        following = body[start.end():].split("\n", 5)[1:5]
        if sum(_HEADER.match(line) is not None for line in following) >= 2:
            return start.start()
    return None


def _line(entry: Entry, at: int) -> int:
    """The line of `at` in the body: a table's row is all on its line."""
    if entry.from_csv:
        return entry.body_line
    return entry.body_line + entry.body.count("\n", 0, at)
