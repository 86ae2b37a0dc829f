"""`cswgen add KIND NAME --language sw`: a translation beside the original
(`days/wednesday.sw.md` beside `days/wednesday.md`), holding the original's words to
translate (titles, summaries, events' titles and places, the body) and none of its facts
(dates, times, ratings, photos, staff names), which come from the original.  Never
overwrites a file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cswgen.commands.add import readable_config
from cswgen.core import cldr
from cswgen.core.errors import Problems, fail
from cswgen.read.content import load_content
from cswgen.read.frontmatter import split
from cswgen.read.pasted import unquoted
from cswgen.read.records import Entry
from cswgen.read.settings import SiteConfig
from cswgen.read.slugs import name_key, slugify

WORDS = {"day": ("title", "summary", "dress_code", "alt", "events"),
         "testimonial": ("title", "organisation", "location", "alt"),
         "honour": ("role", "department", "award", "citation", "alt"),
         "policy": ("title", "owner", "commitments", "standards"),
         "page": ("title",), "home": ("title",)}
PARTS = {"events": ("title", "place", "description"), "standards": ("measure", "target")}


def translate(root: Path, kind: str, name: str, language: str) -> Path:
    """Write the translation of the entry of `kind` named `name` into `language`."""
    config = readable_config(root)
    tag = _site_language(config, language)
    content = load_content(config, Problems(), drafts=True)
    original = _find(content.entries(), kind, name)
    if original.from_csv:
        table = original.path.removeprefix("content/")
        stem, _, suffix = table.rpartition(".")
        named = getattr(original, "name", "") or getattr(original, "customer", "") \
            or original.title
        raise fail(original.path, original.line, f"{named} is a row of this "
                   f"{'workbook' if original.sheet else 'file'}, not a file of its own; "
                   f"translate the rows in {stem}.{tag}.{suffix}: a copy of {table} with the "
                   "words translated, each row keeping its name as it is, so it can be "
                   "matched", sheet=original.sheet)
    source = root / original.path
    folder, _, file = original.path.rpartition("/")
    stem, _, suffix = file.rpartition(".")
    target = root / folder / f"{stem}.{tag}.{suffix}"
    if target.exists():
        raise fail(target.relative_to(root).as_posix(), 0, "already exists; cswgen add never "
                   "overwrites a file: edit that one")
    # the translator's own file, named in other capitals (`monday.FR.md`), is that
    # translation already: a second one beside it would be a file Windows and macOS
    # cannot tell from it
    wanted = f"{stem}.{tag}.{suffix}".casefold()
    for there in sorted((root / folder).iterdir()):
        if there.name.casefold() == wanted:
            raise fail(there.relative_to(root).as_posix(), 0, "is the "
                       f"{cldr.parse(tag).english_name} translation of {file} already, named "
                       "in other capitals; cswgen add never overwrites a file: edit that "
                       f"one (and, to keep to one way of naming, rename it {target.name})")
    document = split(source.read_bytes().decode("utf-8-sig"), original.path, Problems())
    if document is not None and document.unread is not None:
        document = None  # (front matter with a mistake: its fields are not copied in part)
    data = document.data if document is not None else {}
    body = document.body if document is not None else ""
    lines = [f"# {cldr.parse(tag).english_name} ({tag}) translation of "
             f"{original.path.removeprefix('content/')}: translate the words below. The "
             "dates, times, photos and", f"# other facts come from {file}, so they are not "
             "repeated here."]
    for key in WORDS[original.kind]:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            lines.append(f"{key}: {_quoted(value)}")
        elif isinstance(value, list) and value:
            lines += _list(key, value)
    text = "---\n" + "\n".join(lines) + "\n---\n" + (f"\n{body.strip()}\n" if body.strip()
                                                       else "")
    with target.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
    return target


def _list(key: str, items: list[Any]) -> list[str]:
    out = [f"{key}:"]
    for item in items:
        if isinstance(item, dict):
            parts = [(k, item[k]) for k in PARTS.get(key, ()) if isinstance(item.get(k), str)]
            if not parts:
                out.append("  - {}")
                continue
            for index, (k, v) in enumerate(parts):
                out.append(f"  {'- ' if index == 0 else '  '}{k}: {_quoted(v)}")
        else:
            out.append(f"  - {_quoted(str(item))}")
    return out


def _quoted(words: str) -> str:
    """`words` in straight quotes, as the build reads them: without the curly quotes Word
    put around all of them (which the build would warn about again in the translation)."""
    return json.dumps(unquoted(words) or words.strip(), ensure_ascii=False)


def _site_language(config: SiteConfig, written: str) -> str:
    tags = config.site.tags
    by_lower = {t.lower(): t for t in tags[1:]}
    tag = by_lower.get(written.replace("_", "-").lower())
    if tag is None and not config.site.languages:  # as config.toml says it: `language`
        default = config.site.language
        same = written.replace("_", "-").lower() == default.lower()
        raise fail("config.toml", config.line_of("site.language"), f"--language {written} "
                   f"is {'' if same else 'not '}the site's language ([site] language = "
                   f"\"{default}\", its only one); a translation is into another of the site's "
                   "languages: list them in [site], the default first, like languages = "
                   f"[\"{default}\", \"{'sw' if same else written}\"]")
    if tag is None and written.replace("_", "-").lower() == tags[0].lower():
        raise fail("config.toml", config.line_of("site.languages"), f"--language {written} "
                   f"is the site's default language (the first of [site] languages: "
                   f"{', '.join(tags)}), whose words are in the original files themselves; a "
                   f"translation is into one of the others ({', '.join(tags[1:])})")
    if tag is None:
        listed = ", ".join(tags[1:]) or "none yet"
        raise fail("config.toml", config.line_of("site.languages"), f"--language {written} is "
                   f"not one of the site's other languages ([site] languages: "
                   f"{', '.join(tags)}); a translation is for one of them ({listed}); add it "
                   "to languages first")
    return tag


def _find(entries: list[Entry], kind: str, name: str) -> Entry:
    wanted = [e for e in entries if e.kind == kind and not e.language]
    if kind in ("home", "policy"):
        if wanted:
            return wanted[0]
        raise fail("content", 0, f"the site has no {'index.md' if kind == 'home' else 'policy.md'}"
                   " to translate")
    key = name_key(name)
    for entry in wanted:
        names = [entry.slug, entry.title, getattr(entry, "customer", ""),
                 getattr(entry, "name", ""), Path(entry.path).stem]
        if slugify(name) == entry.slug or key in {name_key(n) for n in names if n}:
            return entry
    choices = ", ".join(sorted(e.slug for e in wanted)[:12])
    raise fail("content", 0, f"no {kind} is called \"{name}\"; name it by its file name or "
               f"title, one of: {choices}")
