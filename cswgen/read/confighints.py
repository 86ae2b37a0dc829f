"""What a setting of config.toml written wrongly most likely means, said as the line to
write instead: a brand colour by its name or without its # (`not_a_code`), a logo path
that nearly names a file (`logo_hint`), a week that does not start on a Monday
(`not_a_monday`), a table of words in a language the site is not published in
(`not_its_language`).  `config` and `configsite` find each problem and report it on its
line; this module says what to do about it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cswgen.core import cldr, paths
from cswgen.core.colours import WEEK_BLUE, WEEK_RED, as_code
from cswgen.core.week import WEEKDAYS, long_label, range_label
from cswgen.read.settings import SiteSettings
from cswgen.read.tomltable import shown


def not_its_language(section: str, tag: str, written: str, site: SiteSettings,
                     noun: str = "words") -> str:
    """What is wrong with the table `[section.written]` (`[site.fr]`, `[labels.sw]`), which
    gives the site's `noun` in the language `tag`: "" when it is one of the site's other
    languages; else that the default language's are the section's own, or that the site
    is not published in that language (a tag of the same language it is, suggested)."""
    name = f"{section}.{written}"
    others = site.tags[1:]
    if tag in others:
        return ""
    english = cldr.parse(tag).english_name
    same = [t for t in site.tags if cldr.parse(t).english_name.split()[0]
            == english.split()[0]]  # (French, for `fr` in a site in fr-CA)
    if tag == site.language or same == [site.language]:
        return (f"[{name}] gives the {noun} of \"{site.language}\", the site's default "
                f"language, whose {noun} are [{section}]'s own; move its lines up under "
                f"[{section}]")
    meant = [t for t in same if t in others]
    if meant:
        advice = f"did you mean [{section}.{meant[0]}]?"
    elif site.languages:
        advice = f"add \"{tag}\" to [site] languages, or delete [{name}]"
    else:
        advice = (f"to publish the site in {english} as well, write languages = "
                  f"[\"{site.language}\", \"{tag}\"] under [site]; or delete [{name}]")
    listed = ", ".join(f'"{t}"' for t in site.tags)
    setting = f"languages = [{listed}]" if site.languages else f"language = {listed}"
    return (f"[{name}] gives the site's {noun} in {english}, which is not one of the site's "
            f"languages ([site] {setting}); {advice}")


def not_a_monday(start: date, days: int) -> str:
    """Why a `start` that is not a Monday is worth a second look (allowed: a week may
    begin on any day), with the Monday of its week to write instead."""
    end = date.fromordinal(start.toordinal() + days - 1)
    monday = date.fromordinal(start.toordinal() - start.weekday())
    first, last = WEEKDAYS[start.weekday()].title(), WEEKDAYS[end.weekday()].title()
    runs = f"{first} to {last}" if days > 1 else f"{first} only"
    return (f"start {start.isoformat()} is a {first}, so the week runs {runs} "
            f"({range_label(start, end)}); if it should begin on the Monday of that week, "
            f"write start = {monday.isoformat()} ({long_label(monday)})")


# what every browser shows in <img> and as a favicon: the theme shows the logo as it is
SHOWN_AS_PICTURES = (".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico")


def logo_hint(relative: str, content: Path) -> str:
    """How to write a logo path that nearly names a file in `content`."""
    near = paths.nearly(relative, content, types=SHOWN_AS_PICTURES) \
        if ".." not in relative.split("/") else None
    if near is None:
        return ("; put the logo in content/ (for example content/images/logo.svg) and give "
                "its path from there")
    how, found = near
    if how == "content":
        return (": give its path from inside content/, without content/ in front: "
                f"logo = \"{found}\"")
    if how == "capitals":
        return (f": the file is content/{found}, and capitals count on the server that "
                f"builds the site: logo = \"{found}\"")
    if how == "type":
        return f", but content/{found} is: logo = \"{found}\""
    return f": the file is content/{found}: logo = \"{found}\""


# what a comms team may mean by "red" and "blue": the week's own, not CSS's bright ones
_WEEKS = {"red": WEEK_RED, "blue": WEEK_BLUE}


def not_a_code(key: str, value: str, default: str) -> str:
    """What is wrong with a brand colour that is not "#rrggbb", with the line to write when
    it is a colour written another way.  (Refused, not read as meant: the theme's shades
    and contrast checks need the code, a colour's CSS name is seldom the brand's own, and
    every other setting written in a way cswgen does not read is an error with its fix.)"""
    found = as_code(value)
    if found is None:
        return (f"must be a colour written as \"#rrggbb\" (like \"{default}\"), "
                f"not {shown(value)}")
    how, code = found
    if how == "hex":
        return f"{shown(value)} needs a # in front to be read as a colour: {key} = \"{code}\""
    week = _WEEKS.get(value.strip().lower())
    other = (f"{key} = \"{week}\", the Customer Service Week {value.strip().lower()}"
             if week else "the code in your brand guide")
    if how == "name":
        return (f"{shown(value)} is a colour's name, and cswgen needs the colour's code; "
                f"write {key} = \"{code}\", the colour a browser shows for {shown(value)}, "
                f"or {other}")
    return (f"{shown(value)} is written the way a style sheet can write it, and cswgen needs "
            f"the colour's code: {key} = \"{code}\" is the same colour")
