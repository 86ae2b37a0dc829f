"""`cswgen new DIR`: a copy of the demo campaign, moved to the coming week.

The demo is written for Customer Service Week 2026.  A new site for another year gets
every date moved by whole weeks, so each keeps its weekday: `YYYY-MM-DD` dates, dates in
words ("Monday 5 to Friday 9 October", "6 October 2026", see `datewords`), and the year
where it is certainly the campaign's (`year = 2026` in config.toml, "Customer Service
Week 2026", #CSW2026 and csw2026 in addresses, file names such as csw-2026-programme.txt
and the links to them).  Any other 2026 ("extension 2026") is left as it is and listed
for the user to review.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from cswgen.commands import demolang
from cswgen.core import cldr, datewords, regions, tree
from cswgen.core.errors import Problem, SiteError
from cswgen.core.week import first_full_week_of_october, range_label
from cswgen.read import catalogue
from cswgen.read.themes import PACKAGE_DIR

DEMO_YEAR = 2026
DEMO_ZONE = "Africa/Harare"  # the demo config.toml's `timezone`
TEXT_SUFFIXES = (".toml", ".md", ".markdown", ".csv", ".txt")
# What cswgen writes at a site's root besides the output folder: for the site's .gitignore.
GITIGNORE = ("output/\n.cswgen-staging*\n.cswgen-cache/\n.cswgen-lock\n"
             "cswgen-redate-review*.txt\nemail/\n")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")


@dataclass
class Created:
    year: int
    review: list[str] = field(default_factory=list)  # `path:line: text` still naming 2026
    zone: tuple[str, str] | None = None  # the time zone set from `--language`'s region
    marked: str = ""  # the language the demo's files say they are in (`demolang`), if they do


def demo_dir() -> Path:
    """Inside an installed wheel: cswgen/demo; in a source checkout: the repository root."""
    packaged = PACKAGE_DIR / "demo"
    return packaged if (packaged / "config.toml").is_file() else PACKAGE_DIR.parent


def coming_year(today: date) -> int:
    """This year's week if it has not ended yet, otherwise next year's."""
    start = first_full_week_of_october(today.year)
    return today.year if today <= start + timedelta(days=4) else today.year + 1


def _year_in(old: int) -> re.Pattern[str]:
    return re.compile(rf"(?<!\d){old}(?!\d)")


def shift_text(text: str, offset: timedelta, year: int, old: int = DEMO_YEAR) -> str:
    """The demo's `text` moved by `offset` to the week of `year`: every date (in numbers or
    in words) and the year where it certainly is the campaign's; any other `old` stays."""
    text = datewords.shift_iso(text, offset)
    text = datewords.shift(text, offset, old)
    for certain in (rf"(?im)^([ \t]*year[ \t]*=[ \t]*){old}(?!\d)",  # [week] year
                    rf"(?i)((?<![\w])#?csw[-_ ]?){old}(?!\d)",  # #CSW2026, /csw2026/
                    rf"(?i)(customer[ \t]+service[ \t]+week[ \t]+){old}(?!\d)"):
        text = re.sub(certain, rf"\g<1>{year}", text)
    return text


def review(relative: str, text: str, year: int) -> list[str]:
    """`path:line: text` for each line of `text` that names `year`."""
    pattern = _year_in(year)
    return [f"{relative}:{number}: {excerpt(line, pattern)}"
            for number, line in enumerate(_LINE.findall(text), start=1) if pattern.search(line)]


def excerpt(line: str, pattern: re.Pattern[str], width: int = 100) -> str:
    """The line, shortened around the first match of `pattern` when it is long."""
    line = line.strip()
    if len(line) <= width:
        return line
    found = pattern.search(line)
    middle = found.start() if found else 0
    begin = max(0, min(middle - width // 2, len(line) - width))
    end = begin + width
    shown = line[begin:end]
    if begin:  # cut at whole words
        shown = "…" + shown.split(" ", 1)[-1]
    if end < len(line):
        shown = shown.rsplit(" ", 1)[0] + " …"
    return shown


def language_tag(written: str) -> str:
    """`--language`'s tag as BCP 47 writes it, or an error with the nearest known one."""
    try:
        return cldr.parse(written).tag
    except cldr.UnknownLanguage as exc:
        advice = "give the visitors' language as a BCP 47 tag, such as fr, fr-CA, pt-BR, ar or sw"
        if exc.suggestion:  # (a question ends a sentence: the advice starts the next)
            advice = f"did you mean {exc.suggestion}? {advice[:1].upper()}{advice[1:]}"
        raise SiteError([Problem("--language", 0, f"{written} is not a language tag cswgen "
                                 f"knows; {advice}")]) from None


def has_words(tag: str) -> bool:
    """Whether cswgen ships its own words (labels, headings, buttons) in `tag`'s language;
    without them they stay in English, and only dates and numbers follow the language."""
    language = cldr.parse(tag)
    return language.code == "en" or any(catalogue.shipped(stem) is not None
                                        for stem in catalogue.stems(language))


def _site_title(tag: str, year: int) -> str | None:
    """"Customer Service Week YEAR" in cswgen's own words for `tag` (its region's file
    first: `pt-BR`, then `pt`), with the language's digits; None when cswgen has none."""
    language = cldr.parse(tag)
    for stem in reversed(catalogue.stems(language)):
        table = catalogue.shipped(stem)
        if table is not None and "customer_service_week_year" in table:
            return catalogue.plain(table, "customer_service_week_year").replace(
                "{year}", language.digits(str(year)))
    return None


def _titled(config: str, tag: str, year: int) -> str:
    """The demo's config.toml with its site title ("Customer Service Week 2026", in every
    page's header) in the visitors' language and for `year`, when cswgen has the words:
    the title is config's, not content's."""
    title = _site_title(tag, year)
    if title is None:
        return config
    escaped = title.replace("\\", "\\\\").replace('"', '\\"')
    return config.replace(f'title = "Customer Service Week {DEMO_YEAR}"',
                          f'title = "{escaped}"', 1)


def set_language(config: str, tag: str) -> str:
    """The demo's config.toml with `[site] language` set to `tag`, its note kept in step."""
    name = cldr.parse(tag).english_name
    note = ("cswgen's own words, dates and numbers are written in it" if has_words(tag) else
            "dates and numbers are written in it; cswgen's own words stay in English until "
            "you give them under [labels]")
    line = re.compile(r'^language = "[^"]*"[^\r\n]*', re.MULTILINE)
    return line.sub(lambda m: f'language = "{tag}"{" " * max(1, 27 - len(tag))}'
                    f"# the visitors' language ({name}): {note}", config, count=1)


def language_line(tag: str) -> str:
    """What `cswgen new --language TAG` says about the language: honestly, when cswgen has
    no words of its own in it (Kinyarwanda: CLDR's dates, English labels)."""
    name = cldr.parse(tag).english_name
    if has_words(tag):
        return (f"The site's language is {tag} ({name}): cswgen writes its own words, dates "
                "and numbers in it.")
    return (f"The site's language is {tag} ({name}): cswgen writes dates and numbers in it, "
            f"but has no translation of its own words (labels, headings, buttons) into {name}, "
            "so they stay in English, with a warning at each build, until you give them "
            "under [labels] in config.toml (the README lists every label name).")


def _language_alone(tag: str) -> str:
    """The language of `tag` in English, without its region: "Arabic" for `ar-OM`."""
    return cldr.parse(cldr.parse(tag).code).english_name


def _zone_line(zone: tuple[str, str] | None, tag: str) -> str:
    """What `new` says of the time zone it gave the site for `--language TAG`: its
    region's, or, for a language written without one, the region CLDR places it in
    (`rw`: Rwanda), which is a guess the team may need to change, so it says how."""
    if zone is None:
        return (f"The site keeps the demo's time zone, {DEMO_ZONE}: set timezone in "
                'config.toml to yours, such as "Europe/Paris".')
    if cldr.parse(tag).region:
        return f'The site keeps {zone[1]}\'s time (timezone = "{zone[0]}" in config.toml).'
    name = cldr.parse(tag).english_name
    return (f"{name} is spoken mainly in {zone[1]}, so the site keeps {zone[1]}'s time "
            f'(timezone = "{zone[0]}" in config.toml, instead of the demo\'s {DEMO_ZONE}); '
            "if your team is in another time zone, change it there.")


def created_lines(folder: Path, made: Created, tag: str | None) -> list[str]:
    """What `cswgen new` says of the site it made in `folder` (in the language `tag`): the
    week it is dated for, the lines to check by hand, and what to do next."""
    start = first_full_week_of_october(made.year)
    lines = [f"Created {folder} with the demo campaign for Customer Service Week "
             f"{made.year} ({range_label(start, start + timedelta(days=4))})."]
    if made.review:
        lines.append(f"Every date moved to that week. These lines still say {DEMO_YEAR} where "
                     f"it may not be a year (like a phone extension), so it was left as it is; "
                     f"check them:")
        lines += [f"  {line}" for line in made.review]
    if tag:
        mark = (f" Each file of it says so (lang: {made.marked} in its front matter, a lang "
                "column in a table), so that its pages mark it as English for screen readers "
                f"and browsers; delete that line once a file is in {_language_alone(tag)}."
                if made.marked else "")
        lines.append(f"{language_line(tag)} The demo's text in content/ is in English, for "
                     f"you to replace with your own.{mark}")
        lines.append(_zone_line(made.zone, tag))
    shown = str(folder)
    if any(c.isspace() or c in "&'()" for c in shown):  # as a shell takes it, Windows' too
        shown = f'"{shown}"'
    go = "run `cswgen serve` here" if folder == Path(".") else f"cd {shown} and run `cswgen serve`"
    lines.append(f"Next: {go} to preview the site while you edit config.toml and the files "
                 "in content/.")
    return lines


def _refuse_a_site_inside_a_site(folder: Path) -> None:
    """A site in the content/ or themes/ of another one would be read as part of it (its
    Markdown as pages, its config.toml published), and one in its output folder replaced by
    its next build: refuse, saying where that site is.  (Beside them, in the other site's
    own folder, is fine: nothing reads it there.)"""
    resolved = folder.resolve()
    for parent in resolved.parents:
        if (parent / "config.toml").is_file() and (parent / "content").is_dir() \
                and resolved.relative_to(parent).parts[0] in ("content", "themes", "output"):
            where = os.path.relpath(parent)
            shown = "the folder you are in" if where == "." else where
            raise SiteError([Problem(str(folder), 0, f"is inside the cswgen site in {shown} "
                                     "(its config.toml and content/ are there), which would "
                                     "take the new site's files for its own; choose a folder "
                                     "outside it, such as one beside it. Nothing was "
                                     "written")])


def new_site(folder: Path, today: date, language: str | None = None) -> Created:
    """Write the demo campaign into `folder`, dated for the coming week, in `language`
    (a tag already checked by `language_tag`) when given."""
    if folder.exists() and not folder.is_dir():
        raise SiteError([Problem(str(folder), 0, "is a file, not a folder; cswgen new never "
                                 "overwrites anything, so choose a name that is not taken "
                                 "for the new site's folder")])
    # (a repository just made with `git init`, or cloned empty, holds only .git: nothing of
    # it is written over, and the site is then ready to commit; a folder made in Finder or
    # Explorer holds their hidden files (.DS_Store, Icon\r, desktop.ini) as soon as it is
    # opened, and looks empty there)
    if folder.exists() and any(entry.name != ".git" and not tree.left_by_a_file_manager(entry.name)
                               for entry in folder.iterdir()):
        if folder.resolve() == Path.cwd().resolve():  # `cswgen new .`: "." says nothing
            site = " (it is a cswgen site already)" if (folder / "config.toml").is_file() \
                else ""
            raise SiteError([Problem(str(folder.resolve()), 0, "the folder you are in has "
                                     f"files in it{site}, and cswgen new never overwrites "
                                     "anything; give it a new folder's name, like cswgen new "
                                     "csw-site")])
        raise SiteError([Problem(str(folder), 0, "already exists and is not empty; cswgen new "
                                 "never overwrites anything, so choose a new folder name")])
    _refuse_a_site_inside_a_site(folder)
    source = demo_dir()
    year = coming_year(today)
    offset = first_full_week_of_october(year) - first_full_week_of_october(DEMO_YEAR)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source / "content", folder / "content")
    shutil.copyfile(source / "config.toml", folder / "config.toml")
    zone = regions.region_zone(language) if language else None
    marked = ""
    if language:
        config = folder / "config.toml"
        text = config.read_bytes().decode("utf-8")
        demo = re.search(r'^language = "([^"]*)"', text, re.MULTILINE)
        if demo and demolang.needs_marks(demo.group(1), language):
            marked = demo.group(1)
            demolang.mark(folder / "content", marked)
        text = _titled(set_language(text, language), language, year)
        if zone:  # (Muscat's team, `ar-OM`, keeps Oman's time, not the demo's Harare's)
            text = text.replace(f'timezone = "{DEMO_ZONE}"',
                                f'timezone = "{zone[0]}"'.ljust(len(DEMO_ZONE) + 13), 1)
        config.write_bytes(text.encode("utf-8"))
    (folder / ".gitignore").write_text(GITIGNORE, "utf-8")
    result = Created(year, zone=zone, marked=marked)
    if not offset:
        return result
    # File names that name the year (csw-2026-programme.txt) move to the new year, and so
    # do the links to them.
    renamed: dict[str, str] = {}
    for path in sorted((folder / "content").rglob("*"), reverse=True):
        if _year_in(DEMO_YEAR).search(path.name):
            name = _year_in(DEMO_YEAR).sub(str(year), path.name)
            renamed[path.name] = name
            path.rename(path.with_name(name))
    for path in [folder / "config.toml", *sorted((folder / "content").rglob("*"))]:
        if path.suffix.lower() not in TEXT_SUFFIXES or not path.is_file():
            continue
        text = path.read_bytes().decode("utf-8")
        moved = shift_text(text, offset, year)
        for old, new in renamed.items():
            moved = moved.replace(old, new)
        if moved != text:
            path.write_bytes(moved.encode("utf-8"))
        result.review += review(path.relative_to(folder).as_posix(), moved, DEMO_YEAR)
    return result
