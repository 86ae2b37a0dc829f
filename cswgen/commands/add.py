"""`cswgen add KIND TITLE`: a new content file with every field of its kind, commented
(`cswgen add policy`, `cswgen add home`: the site's one `content/policy.md` or
`content/index.md`, when it has none).

The file comes from the theme's `scaffolds/KIND.md` (the first theme in the chain that has
one, so a site's theme can change it); `{{ title }}`, `{{ date }}` and `{{ day }}` in it are
filled in, and so are examples from the site's own week: `{{ year }}`, `{{ day_1 }}` to
`{{ day_7 }}` (the week's dates, the last one repeated in a shorter week), `{{ weekday_1 }}`
to `{{ weekday_7 }}` (their weekdays, like tuesday) and `{{ before_week }}` (three weeks
before it).  It is written only if nothing is there yet: an existing file is never
touched, and neither is an address another entry has (a CSV row's, or a file's `slug`:
the build would refuse two entries at one address), nor a person the honour roll has, nor a
date that already has its day (the build would refuse two days on one date).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from cswgen.core import paths, tree
from cswgen.core.errors import Problem, Problems, SiteError, fail
from cswgen.core.week import WEEKDAYS, long_label, range_label, weekday_in
from cswgen.model.site import SECTIONS
from cswgen.read import themes
from cswgen.read.config import load_config
from cswgen.read.content import load_content
from cswgen.read.pasted import unquoted
from cswgen.read.records import Entry
from cswgen.read.settings import SiteConfig
from cswgen.read.slugs import name_key, slugify
from cswgen.read.tomltable import suggest

FOLDERS = {"testimonial": "testimonials", "honour": "honour-roll", "day": "days",
           "page": "pages"}
# the kinds a site has one file of, at one address of their own (the home page's: index.html)
SINGLES = {"policy": "policy.md", "home": "index.md"}


def add(root: Path, kind: str, title: str, *, on: date | None = None,
        weekday: str | None = None, warnings: list[Problem] | None = None) -> Path:
    """Write the new file and return its path; raises SiteError, writing nothing, when it
    cannot (the file exists, the day is not in the week, the theme has no scaffold).
    `warnings` gets what the new file may need looked at (a `{{ name }}` of the theme's
    scaffold that cswgen does not fill in, left in it as it is)."""
    config = readable_config(root)
    title = as_meant(title)
    if kind in SINGLES:  # one file at one address: its title (if any) names nothing
        path = root / "content" / SINGLES[kind]
        _refuse_an_existing_file(path, "content", path.stem, "edit that one")
        return _write(config, path, kind, title, warnings=warnings)
    folder = f"content/{FOLDERS[kind]}"
    slug = slugify(title)
    if not slug:
        raise fail(folder, 0, f"cannot make a file name from \"{title}\"; use a title with "
                   "letters or digits")
    if kind == "page" and slug in SECTIONS:
        raise fail(folder, 0, f"the address /{slug}/ belongs to cswgen's own {slug} section; "
                   "choose another title")
    if kind == "page" and slug in [tag.lower() for tag in config.site.tags[1:]]:
        raise fail(folder, 0, f"the address /{slug}/ holds the site's pages in that "
                   "language; choose another title")
    if paths.name_problem(f"{slug}.md") is not None:
        slug = f"{slug}-{kind}"  # `con.md`, `aux.md`: names Windows keeps for devices
    path = root / folder / f"{slug}.md"
    _refuse_an_existing_file(path, folder, slug, "edit that one, or choose another title")
    _refuse_a_twin(config, kind, title, slug)
    if kind == "day" and on is None and weekday is None:
        weekday = _named_day(title, config.week.dates, config.site.language)
    when, day_name = _day(config.week.dates, on, weekday, config.site.language) \
        if kind == "day" else (None, "")
    if kind == "day":
        _refuse_a_second_day(config, when or next(
            d for d in config.week.dates if WEEKDAYS[d.weekday()] == day_name))
    return _write(config, path, kind, title, when, day_name, warnings)


def misused(kind: str, title: str, on: str | None, weekday: str | None,
            language: str | None) -> str | None:
    """Why the options given to `cswgen add KIND TITLE` do not go together (`on`: --date,
    `weekday`: --day, `language`: --language, a translation), or None when they do."""
    if language:
        if on or weekday:
            return "--date and --day are not for a translation: its date comes from the original"
        if not title and kind not in ("policy", "home"):
            return (f"say which {kind} to translate, by its file name or title, like: "
                    f"cswgen add {kind} {'monday' if kind == 'day' else 'NAME'} "
                    f"--language {language}")
        return None
    if not title and kind not in ("policy", "home"):  # (their titles have defaults)
        return "give the TITLE of the new entry"
    if kind != "day" and (on or weekday):
        return "--date and --day are for `cswgen add day` only"
    if on and weekday:
        return "give --date or --day, not both"
    return None


def _refuse_an_existing_file(path: Path, folder: str, slug: str, instead: str) -> None:
    """A file at `path`, or a Markdown file beside it whose name makes the same address
    (`Policy.md`, `rudo-m.markdown`), is never overwritten nor doubled (`folder`: the
    content folder they are in, as messages name it).  A file the build leaves out, such
    as the `._rudo-m.md` a Mac writes beside `rudo-m.md` on a shared drive, is no entry."""
    for existing in sorted(path.parent.glob("*")):
        if existing == path or (existing.suffix.lower() in (".md", ".markdown")
                                and not tree.skipped(existing.name)
                                and slugify(existing.stem) == slug):
            raise fail(f"{folder}/{existing.name}", 0, "already exists; cswgen add never "
                       f"overwrites a file: {instead}")


def _write(config: SiteConfig, path: Path, kind: str, title: str, when: date | None = None,
           day_name: str = "", warnings: list[Problem] | None = None) -> Path:
    """The theme's scaffold for `kind`, filled in, as the new file at `path`; a `{{ name }}`
    it has that cswgen does not fill in is a warning in `warnings`."""
    text, where = _scaffold(config, kind)
    values = {"title": json.dumps(title, ensure_ascii=False) if title else "",
              "date": when.isoformat() if when else "", "day": day_name,
              **_examples(config.week.dates)}
    # (the title in quotes of the scaffold's own, `customer: "{{ title }}"`, or in the text
    # below the front matter, `# {{ title }}`, is written without quotes of its own)
    end = _front_matter_end(text)
    quoted = {'"': json.dumps(title, ensure_ascii=False)[1:-1], "'": title.replace("'", "''")}

    def fill(match: re.Match[str]) -> str:
        before, name, after = match[1], match[2], match[3]
        if name == "title" and before and before == after and match.start() < end:
            return before + quoted[before] + after
        if name == "title" and match.start() >= end:
            return before + title + after
        if name not in values and warnings is not None:
            warnings.append(_unfilled(name, where, text.count("\n", 0, match.start()) + 1,
                                      path.relative_to(config.root).as_posix(),
                                      ["title", *values]))
        return before + values.get(name, match[0][len(before):len(match[0]) - len(after)]) \
            + after

    # one pass, so a title that contains "{{ year }}" is written as it is
    text = re.sub(r"([\"']?)\{\{ (\w+) \}\}([\"']?)", fill, text)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite
        handle.write(text)
    return path


def _front_matter_end(text: str) -> int:
    """Where a scaffold's front matter (between `---` or `+++` lines) ends; 0 without."""
    fence = text[:3]
    if fence not in ("---", "+++"):
        return 0
    closing = re.search(rf"^{re.escape(fence)}[ \t]*$", text[3:], re.M)
    return 3 + closing.end() if closing else len(text)


def readable_config(root: Path) -> SiteConfig:
    """The site's config.toml, read without errors: its week, theme and language shape the
    new file, and a config.toml with errors may not be a cswgen site's at all (another
    tool's, in a folder above), where nothing should be written."""
    problems = Problems()
    config = load_config(root, problems)
    if problems.errors:
        raise SiteError([*problems.errors, Problem(
            "config.toml", 0, "cswgen add writes a file for the site that config.toml "
            "describes; fix the lines above first (or, if this is not your cswgen site's "
            "config.toml, cd into your site's folder). Nothing was written")])
    return config


def as_meant(title: str) -> str:
    """The title as the user meant it when they pasted it from Word or an email: without
    curly quotes around all of it (the build would warn about them in the new file), and
    with each run of spaces, tabs, line breaks or non-breaking spaces as one space."""
    title = " ".join(title.split())
    return unquoted(title) or title


def _named_day(title: str, dates: list[date], language: str) -> str | None:
    """The one day of the week the title names ("Wellness Wednesday", "Mardi des héros"),
    as people name their theme days; None when it names none of the week's days, or two."""
    named = {index for word in re.findall(r"\w+", title) if len(word) >= 5
             and (index := weekday_in(word, (language,))) is not None
             and any(d.weekday() == index for d in dates)}
    return WEEKDAYS[named.pop()] if len(named) == 1 else None


def _day(dates: list[date], on: date | None, weekday: str | None,
         language: str = "en") -> tuple[date | None, str]:
    """The date (from --date) or the weekday name (from --day: in English, as front matter
    takes it, or in the site's language, `mardi`) to write into the file."""
    span = range_label(dates[0], dates[-1])
    example = f"--day {WEEKDAYS[dates[0].weekday()]} or --date {dates[0].isoformat()}"
    if on is None and weekday is None:
        raise fail("content/days", 0, f"say which day of the week ({span}) this is, with "
                   f"{example}")
    if on is not None and weekday is not None:
        raise fail("content/days", 0, "give --date or --day, not both")
    if on is not None:
        if on not in dates:
            raise fail("content/days", 0, f"{on.isoformat()} ({long_label(on)}) is not in the "
                       f"week ({span}); choose a date within it, or change [week] in "
                       "config.toml")
        return on, ""
    index = weekday_in(weekday or "", (language,))  # (or the site's own word for it)
    if index is None or not any(d.weekday() == index for d in dates):
        raise fail("content/days", 0, f"\"{weekday}\" is not one of the week's days ({span}); "
                   f"use a weekday name, like {example}")
    return None, WEEKDAYS[index]


def _examples(dates: list[date]) -> dict[str, str]:
    """Example values from the site's own week, so that no hint names another year."""
    values = {"year": str(dates[0].year),
              "before_week": (dates[0] - timedelta(weeks=3)).isoformat()}
    for number in range(1, 8):
        day = dates[min(number, len(dates)) - 1]
        values[f"day_{number}"] = day.isoformat()
        values[f"weekday_{number}"] = WEEKDAYS[day.weekday()]
    return values


def _refuse_a_twin(config: SiteConfig, kind: str, title: str, slug: str) -> None:
    """An entry of this kind that already has this address (a CSV row, or a file whose
    `slug` gives it), or that already names this person (case, accents and spacing aside;
    for testimonials, a CSV row only), makes a new file a second entry at one address or
    for one person: refuse, naming it, since the build would refuse the two (or publish
    the person twice)."""
    content = load_content(config, Problems(), drafts=True)
    of_kind: dict[str, Sequence[Entry]] = {
        "honour": content.honour, "testimonial": content.testimonials, "day": content.days,
        "page": content.pages}
    entries = of_kind[kind]
    wanted = name_key(title)
    for entry in entries:
        name = getattr(entry, {"honour": "name", "testimonial": "customer"}.get(kind, ""), "")
        same_name = bool(name) and name_key(name) == wanted \
            and (kind == "honour" or entry.from_csv)
        if not same_name and entry.slug != slug:
            continue
        if not entry.from_csv and same_name:
            raise fail(entry.path, entry.line_of("name"), f"{name} is already on the honour "
                       "roll in this file; edit it instead of adding one: two entries would "
                       "publish them twice. If this is another person with the same name, add "
                       "them with a title that tells the two apart, like "
                       f"\"{name} (Harare)\", then change `name:` in the new file. Nothing "
                       "was written")
        if not entry.from_csv:
            address = f"{slug}/" if kind == "page" else f"{FOLDERS[kind]}/{slug}/"
            raise fail(entry.path, entry.line_of("slug"), f"this file already has the address "
                       f"{address} (its `slug`), which the new file would have too; edit it "
                       "instead, or choose another title. Nothing was written")
        row = "this workbook" if entry.sheet else f"this file (row {entry.line})"
        if kind == "honour":
            raise fail(entry.path, entry.line, f"{name} is already on the honour roll in "
                       f"{row}; edit that row instead of adding a file: two "
                       "entries would publish them twice. If this is another person with the "
                       "same name, add them with a title that tells the two apart, like "
                       f"\"{name} (Harare)\", then change `name:` in the new file. "
                       "Nothing was written", sheet=entry.sheet)
        raise fail(entry.path, entry.line, f"{name} already has a testimonial in {row}, at "
                   f"the address testimonials/{entry.slug}/; edit that row instead of adding "
                   "a file. For another story from them, add it with a title that tells the "
                   f"two apart, like \"{name} (2)\", then change `customer:` in the new file. "
                   "Nothing was written", sheet=entry.sheet)


def _refuse_a_second_day(config: SiteConfig, when: date) -> None:
    """A date has one day page (the build refuses two): name the file of the day there
    is, drafts too, so that it is edited instead."""
    content = load_content(config, Problems(), drafts=True)
    for day in sorted(content.days, key=lambda d: d.path):
        if day.date == when:
            line = day.lines.get("date", day.lines.get("day", day.line))
            raise fail(day.path, line, f"{long_label(when)} already has its day in this file "
                       f"(\"{day.title}\"); edit that file instead of adding one, since a "
                       "date has one day page. Nothing was written")


def _unfilled(name: str, where: str, line: int, made: str, known: list[str]) -> Problem:
    """The warning for a scaffold's `{{ name }}` that cswgen does not fill in."""
    # (a name without a number is matched with those without: `weekday` is the day's
    # weekday, {{ day }}, not the first date's, {{ weekday_1 }})
    meant = suggest(name, [k for k in known if k[-1].isdigit() == name[-1].isdigit()])
    hint = f"did you mean {{{{ {meant} }}}}? " if meant else ""
    return Problem(where, line, f"{{{{ {name} }}}} is not a value cswgen fills in, so the new "
                   f"file {made} has it as it is; replace it there, and in the scaffold; "
                   f"{hint}cswgen fills in {{{{ title }}}}, {{{{ date }}}}, {{{{ day }}}}, "
                   "{{ year }}, {{ before_week }}, {{ day_1 }} to {{ day_7 }} and "
                   "{{ weekday_1 }} to {{ weekday_7 }}", severity="warning")


def _scaffold(config: SiteConfig, kind: str) -> tuple[str, str]:
    """The scaffold's text, and where it is (as messages name it)."""
    root = config.root
    for theme in themes.chain(config):
        source = theme.folder / "scaffolds" / f"{kind}.md"
        if source.is_file():
            where = source.relative_to(root).as_posix() if not theme.builtin else str(source)
            return source.read_text("utf-8-sig"), where
    raise fail(f"themes/{config.site.theme}", 0, f"the theme has no scaffolds/{kind}.md to "
               "start the new file from; add one, or extend a theme that has it "
               "(extends = \"classic\" in theme.toml)")
