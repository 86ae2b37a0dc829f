"""One site in several languages: the content of each of the site's other languages.

A language's content is the default language's, with each entry that has a translation
replaced by it (same kind and slug, so the same address under the language's folder),
and the others kept as they are, to be shown in the default language (or left out with
`[site] untranslated = "omit"`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from cswgen.read.records import Content, Entry

__all__ = ["by_folder", "folder_of", "in_language", "translated_elsewhere", "untranslated"]


def folder_of(tag: str, default: str) -> str:
    """Where a language's pages are: "" for the default one, `sw/`, `pt-br/`."""
    return "" if tag == default else tag.lower() + "/"


@dataclass(frozen=True)
class _Key:
    kind: str
    slug: str


def _key(entry: Entry) -> _Key:
    return _Key(entry.kind, entry.slug)


def in_language(content: Content, tag: str, omit: bool, as_of: date) -> Content:
    """`content` as the pages in `tag` show it on `as_of`.  A translation whose `publish`
    date is later is no translation until then: the original stands in for it (or is
    left out, with `omit`), and it is kept apart, unplaced, so that its body's errors
    are found today all the same."""
    translated = {_key(e): e for e in content.translations.get(tag, [])
                  if not _later(e, as_of)}

    def pick(entry: Entry) -> Entry | None:
        found = translated.get(_key(entry))
        return found if found is not None else None if omit else entry

    def each(entries: list[Entry]) -> list[Entry]:
        return [e for e in map(pick, entries) if e is not None]

    return replace(
        content,
        home=pick(content.home) if content.home else None,  # type: ignore[arg-type]
        policy=pick(content.policy) if content.policy else None,  # type: ignore[arg-type]
        days=each(content.days),  # type: ignore[arg-type]
        testimonials=each(content.testimonials),  # type: ignore[arg-type]
        honour=each(content.honour),  # type: ignore[arg-type]
        pages=each(content.pages),  # type: ignore[arg-type]
        unplaced=[*content.unplaced, *(replace(e, unplaced=True)
                                       for e in content.translations.get(tag, [])
                                       if _later(e, as_of))],
    )


def _later(entry: Entry, as_of: date) -> bool:
    return entry.publish is not None and entry.publish > as_of


def by_folder(tags: Sequence[str]) -> dict[str, str]:
    """Each language of `tags` (the default first) by its folder: `{"": "en", "sw/": "sw"}`."""
    return {folder_of(tag, tags[0]): tag for tag in tags}


def translated_elsewhere(content: Content, tags: Sequence[str], here: str, urls: dict[str, str],
                         as_of: date) -> dict[str, str]:
    """Each translation into a language of `tags` (the default first) other than `here`,
    published on `as_of`, by key: its page from the site's root (`/sw/policy/`), where a
    link to its file goes; `urls`: the default language's pages."""
    found: dict[str, str] = {}
    if not any(content.translations.get(tag) for tag in tags[1:] if tag != here):
        return found  # (a site in one language: ten thousand keys not made for nothing)
    by_key = {_key(e): e for e in content.entries()}
    for tag in tags[1:]:
        for entry in content.translations.get(tag, []) if tag != here else []:
            original = by_key.get(_key(entry))
            if original is not None and original.key in urls and not _later(entry, as_of):
                found[entry.key] = "/" + folder_of(tag, tags[0]) + urls[original.key]
    return found


def untranslated(content: Content, tag: str, as_of: date | None = None) -> list[Entry]:
    """The entries that have no translation into `tag` yet (with `as_of`: none published
    on that day)."""
    done = {_key(e) for e in content.translations.get(tag, [])
            if as_of is None or not _later(e, as_of)}
    return [e for e in content.entries() if _key(e) not in done]


def originals(content: Content, tag: str) -> dict[str, Entry]:
    """Each translation's original, by the translation's key."""
    by_key = {_key(e): e for e in content.entries()}
    return {t.key: by_key[_key(t)] for t in content.translations.get(tag, [])
            if _key(t) in by_key}


def orphans(content: Content) -> list[Entry]:
    """Translations of entries that do not exist (a CSV row's is found when it is read)."""
    known = {_key(e) for e in content.entries()}
    return [t for entries in content.translations.values() for t in entries
            if _key(t) not in known]
