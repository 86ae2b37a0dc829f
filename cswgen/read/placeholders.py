"""Scaffold text left in content, found before it is published.

`cswgen add` writes a file whose body says what to write there ("Write the customer's words
here, as they gave them.").  Left as it is, that sentence would be published as the
customer's words, so every build (and so `cswgen check`) warns about each one, at its line.
The sentences are read from the scaffolds of the site's own theme chain, so a theme that
brings its own scaffolds is covered too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cswgen.core.cache import Cache
from cswgen.core.digest import digest
from cswgen.core.errors import Problems
from cswgen.read.records import Entry
from cswgen.read.themes import Theme

_SHORTEST = 12  # characters: shorter lines ("Thanks!") are too likely to be meant


def scaffold_sentences(chain: list[Theme]) -> list[str]:
    """The lines of text below the front matter in every scaffold the themes bring."""
    found: set[str] = set()
    for theme in chain:
        folder = theme.folder / "scaffolds"
        if not folder.is_dir():
            continue
        for scaffold in sorted(folder.glob("*.md")):
            try:
                text = scaffold.read_text("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue  # a theme's broken scaffold is `cswgen add`'s to report
            lines = text.replace("\r\n", "\n").split("\n")
            fences = [i for i, line in enumerate(lines) if line.strip() in ("---", "+++")]
            body = lines[fences[1] + 1:] if len(fences) >= 2 and fences[0] == 0 else []
            found.update(line.strip() for line in body if len(line.strip()) >= _SHORTEST
                         and "{{" not in line)
    return sorted(found, key=len, reverse=True)


def report(entries: Iterable[Entry], chain: list[Theme], problems: Problems,
           cache: Cache | None = None, *, as_errors: bool = False) -> None:
    """A warning for each scaffold sentence still in an entry's text (an error, with
    `as_errors`: for `cswgen check`, whose "Ready to publish" it must not be).  With a `cache`,
    the bodies found free of them are kept (by their digests, for these sentences), and
    not searched again: at 10,000 entries, a thirtieth of a rebuild after one edit."""
    sentences = scaffold_sentences(chain)
    if not sentences:
        return
    pattern = re.compile("|".join(re.escape(s) for s in sentences))
    key = digest("bodies without scaffold text", *sentences)
    found = cache.get(key) if cache is not None else None
    known: frozenset[str] = found[0] if found is not None and isinstance(
        found[0], frozenset) else frozenset()
    clean: set[str] = set()
    for entry in entries:
        body = entry.body_digest
        # a few plain searches rule out nearly every body far sooner than the pattern's
        # alternatives, tried at each character
        if body in known or not any(sentence in entry.body for sentence in sentences):
            clean.add(body)
            continue
        for match in pattern.finditer(entry.body):
            line = entry.body_line + entry.body.count("\n", 0, match.start())
            said = problems.error if as_errors else problems.warning
            said(entry.path, line, f"\"{match.group(0)}\" is the example text that cswgen "
                 "add wrote, and it would be published as it is; replace it with the real "
                 "text")
    if cache is not None and clean != known:
        cache.put(key, frozenset(clean))
