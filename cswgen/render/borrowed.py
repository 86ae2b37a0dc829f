"""Words on one language's pages that are another language's: an entry with no
translation in that language, or the fields a translation left out, which its page shows
in the original's words.  Each is marked with the default language's `lang` (and the
theme adds its `dir`), so that screen readers read it in its own language and browsers
lay it out in its own direction."""

from __future__ import annotations

from cswgen.read.records import Entry
from cswgen.read.translations import INHERITED


class Borrowed:
    """For the pages of one language: `prefix` is where they are (`sw/`; "" for the
    default language's, which borrow nothing), `default` the default language's tag."""

    def __init__(self, prefix: str, default: str, own: str = "") -> None:
        self.prefix, self.default = prefix, default
        self.own = own or default  # the pages' language

    def lang_of(self, entry: Entry) -> str | None:
        """The language of an entry shown without a translation in this language's pages,
        or of one whose file says it is in another language than the site's (`lang`); its
        container says so with `lang`.  None when it is in the page's language."""
        if entry.written_in:
            return entry.written_in if entry.written_in.lower() != self.own.lower() else None
        return self.default if self.prefix and not entry.language else None

    def fields(self, entry: Entry, *keys: str) -> list[str]:
        """Which of a translation's fields `keys` it left out, so that its page shows the
        original's words (`events.0.title`, `body`).  An event's field is borrowed with all
        of `events`; the last part of its key (`title`) is what is listed."""
        if not (self.prefix and entry.language):
            return []

        def inherited(key: str) -> bool:
            if key == "body":
                return entry.inherited_body
            if key.startswith("events.") and entry.lines.get("events") == INHERITED:
                return True
            return entry.lines.get(key) == INHERITED

        return [key.rpartition(".")[2] for key in keys if inherited(key)]
