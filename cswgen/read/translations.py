"""Translations: `days/monday.sw.md` is the Swahili version of `days/monday.md`, and
`honour-roll/team.sw.csv` (or `.sw.xlsx`) of `team.csv`'s rows, matched by name.

A translation gives the words; facts it leaves out (dates, times, ratings, photos, staff
names, awards) come from the original.  Its fields are merged over the original's before
they are checked, so it is read by the same readers as any file; a problem in a field it
inherits was reported for the original already, so it is not reported again here.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Collection, Container
from dataclasses import dataclass
from typing import Any

from cswgen.core import cldr
from cswgen.core.errors import Problems

INHERITED = -1  # the line of a field a translation takes from its original


@dataclass(frozen=True)
class Translation:
    relative: str  # content-relative: days/monday.sw.md
    original: str  # days/monday.md
    language: str  # the site's tag: sw ("" when `wrong` says why it cannot be one)
    wrong: str = ""


class Unreported(Problems):
    """Problems about inherited fields (line INHERITED) are left out: the original's own
    reading reported them."""

    def error(self, path: str, line: int, message: str, *, sheet: str = "") -> None:
        if line >= 0:
            super().error(path, line, message, sheet=sheet)

    def warning(self, path: str, line: int, message: str, *, sheet: str = "") -> None:
        if line >= 0:
            super().warning(path, line, message, sheet=sheet)


def translation_of(relative: str, tags: tuple[str, ...],
                   files: Container[str] = ()) -> Translation | None:
    """The translation a file is by its name, when the site has several languages
    (`days/monday.sw.md` -> days/monday.md in sw); None for any other file.  A name whose
    last part before the suffix is a language the site does not list, or its default
    one, is a Translation that says what is `wrong`; so is, in a site of one language, a
    file named as a translation of one of `files` (the content-relative paths): it would
    be a second page of the same day, person or story."""
    if relative.count(".") < 2:  # (ten thousand names: `monday.md` passes by at once)
        return None
    folder, slash, name = relative.rpartition("/")
    parts = name.split(".")
    if len(parts) < 3 or not parts[-2]:
        return None
    written = parts[-2]
    original = folder + slash + ".".join([*parts[:-2], parts[-1]])
    if len(tags) < 2:
        return _one_language(relative, original, written, tags, files)
    by_lower = {t.lower(): t for t in tags}
    tag = by_lower.get(written.replace("_", "-").lower())
    if tag is None:
        try:
            language = cldr.parse(written)
        except cldr.UnknownLanguage:
            return None  # a name with a dot in it (`a.b.md`), not a translation
        return Translation(relative, original, "", (
            f"is named as a translation into {language.english_name} ({written}), which "
            f"[site] languages does not list; add \"{language.tag}\" to languages in "
            "config.toml, or rename the file"))
    if tag == tags[0]:
        return Translation(relative, original, "", (
            f"is named as a translation into {tag}, the site's default language, whose "
            f"words are in {original.rpartition('/')[2]}; rename it, or make that file the "
            "translation"))
    return Translation(relative, original, tag)


def no_original(translation: Translation, files: Collection[str],
                tags: tuple[str, ...]) -> str:
    """Why a translation whose original is not among `files` (the content-relative paths)
    cannot be read, and what to rename it: a translator's file named with a capital
    (`Tuesday.fr.md`), with its own words (`vendredi.fr.md`), or for a file since removed."""
    folder = translation.original.rpartition("/")[0]
    suffix = translation.original[translation.original.rfind("."):]
    where = f"{folder}/" if folder else "content/"

    def named(original: str) -> str:  # its translation's name
        stem, dot, ending = original.rpartition("/")[2].rpartition(".")
        return f"{stem}.{translation.language}{dot}{ending}"

    def folded(path: str) -> str:
        return unicodedata.normalize("NFC", path).casefold()

    originals = [f for f in sorted(files) if f.rpartition("/")[0] == folder
                 and f.lower().endswith(suffix.lower()) and translation_of(f, tags) is None
                 and not named_otherwise(f, tags, files)]  # (friday_fr.md: none)
    done = {t.original for f in files if (t := translation_of(f, tags)) is not None
            and t.language == translation.language}
    waiting = [f for f in originals if f not in done]
    said = f"is a translation of content/{translation.original}, which does not exist"

    same = [f for f in originals if folded(f) == folded(translation.original)]
    if same:
        return (f"{said}: the file it translates is content/{same[0]}, so name it "
                f"{named(same[0])}, with the same capitals")
    language = cldr.parse(translation.language).english_name
    if not waiting:
        return (f"{said}, and every file in {where} has its {language} translation already; "
                "delete it if the file it translated was removed, or name it after the file "
                "it translates, with the language before the suffix (monday.sw.md beside "
                "monday.md)")
    stem = translation.original.rpartition("/")[2]
    names = [f.rpartition("/")[2] for f in waiting]
    example = (difflib.get_close_matches(stem, names, 1, 0.6) or names)[0]
    listed = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
    return (f"{said}; a translation is named after the file it translates, with the "
            f"language before the suffix, and the files in {where} with no {language} "
            f"translation yet are {listed}: rename it after the one it translates "
            f"({named(example)} for {example}), or delete it if the file it translated "
            "was removed")


def named_otherwise(relative: str, tags: tuple[str, ...], files: Collection[str]) -> str:
    """Why a file that is not named as a translation looks like one all the same (""
    when it does not): `monday_fr.md`, `tuesday (FR).md` or `wednesday.francais.md` beside
    `monday.md`, in a site of several languages.  It is read as a page of its own, so
    its day has two pages, or its person two entries."""
    if len(tags) < 2:
        return ""
    folder, slash, name = relative.rpartition("/")
    stem, dot, ending = name.rpartition(".")
    splits = [(stem[:i].rstrip(" ._-("), stem[i:].strip(" ._-()")) for i, c in enumerate(stem)
              if c in " ._-(" and i > 0]
    found = [(base, word) for base, word in splits
             if word and f"{folder}{slash}{base}.{ending}" in files]
    for base, word in found if dot else []:
        for tag in tags[1:]:
            language = cldr.parse(tag)
            names = {tag, language.code, language.name, language.english_name,
                     cldr.parse(language.code).name, cldr.parse(language.code).english_name}
            if _plain(word) in {_plain(n) for n in names}:
                return (f"looks like the {language.english_name} translation of "
                        f"{base}.{ending}, but it is read as a page of its own, since a "
                        "translation's name has the language's tag between two dots; rename "
                        f"it to {base}.{tag}.{ending}")
    return ""


def _plain(name: str) -> str:
    """A language's name or tag as people type it: any case, with or without accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold().replace("_", "-"))
                   if not unicodedata.combining(c))


def _one_language(relative: str, original: str, written: str, tags: tuple[str, ...],
                  files: Container[str]) -> Translation | None:
    if original not in files or not tags:
        return None
    try:
        language = cldr.parse(written)
    except cldr.UnknownLanguage:
        return None  # a name with a dot in it (`a.b.md`), not a translation
    into = f"is named as a translation of {original.rpartition('/')[2]} into " \
           f"{language.english_name} ({written})"
    if language.tag.lower() == tags[0].lower():
        return Translation(relative, original, "", (
            f"{into}, the site's own language; move what it adds into "
            f"{original.rpartition('/')[2]} and delete it, or rename it"))
    return Translation(relative, original, "", (
        f"{into}, but the site has only one language, so it would be published as well as "
        "that file, not as its translation; to publish both languages, add "
        f"languages = [\"{tags[0]}\", \"{language.tag}\"] to [site] in config.toml, or "
        "rename the file"))


def merged(original: dict[str, Any], translation: dict[str, Any],
           lines: dict[str, int]) -> tuple[dict[str, Any], dict[str, int]]:
    """The translation's fields over the original's, and the lines of each: the
    translation's own, INHERITED for the rest.  Events merge one by one (the first
    translated event over the first original one), so a translation can give an event's
    title alone and keep its times; events after its last one are the original's, as they
    are (a translator who sent the first two of four events has not cancelled the others)."""
    # (the language the original is written in, `lang`, is not the translation's)
    data = {key: value for key, value in original.items() if key != "lang"}
    where = {key: INHERITED for key in data}
    for key, value in translation.items():
        if key == "slug":
            continue  # one address per entry in every language: the original's
        data[key] = value
        where[key] = lines.get(key, lines.get("", 1))
    events, before = translation.get("events"), original.get("events")
    if isinstance(events, list) and isinstance(before, list):
        data["events"] = []
        for index, item in enumerate(events):
            base = before[index] if index < len(before) else None
            if isinstance(item, dict) and isinstance(base, dict):
                data["events"].append({**base, **item})
                for key in base:
                    if key not in item:
                        where[f"events.{index}.{key}"] = INHERITED
            else:
                data["events"].append(item)
        for index in range(len(events), len(before)):  # events it has not translated yet:
            data["events"].append(before[index])  # still on, in the original's words
            if isinstance(before[index], dict):
                where |= {f"events.{index}.{key}": INHERITED for key in before[index]}
    for key, line in lines.items():
        if "." in key:
            where[key] = line
    where[""] = lines.get("", 1)
    return data, where
