"""Read and validate `config.toml` into a typed, immutable `SiteConfig` (`settings`).

Every problem is collected with the line it is on; an unknown table or key is refused
with the nearest known one suggested, because a silently ignored typo is a setting that
quietly does nothing.  Each table is read in its turn: `[site]` and the words of the
site's other languages by `configsite`, `[week]`, `[brand]` and `[build]` here.  What to
write instead of a value written wrongly (a colour's name, a logo path that nearly names a
file) is said by `confighints`.
"""

from __future__ import annotations

import os
import posixpath
import re
import tomllib
from datetime import date, datetime
from pathlib import Path, PurePosixPath
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cswgen.core import paths, tomlpos, tree
from cswgen.core.colours import readable_warning
from cswgen.core.errors import Problem, Problems, SiteError
from cswgen.core.tomlpos import key_lines
from cswgen.core.week import first_full_week_of_october
from cswgen.read import confighints, configsite, zones
from cswgen.read.notext import not_text
from cswgen.read.place import CONFIG_NAME, today_in
from cswgen.read.publishing import publish_targets
from cswgen.read.settings import (
    DEFAULT_PRIMARY,
    DEFAULT_SECONDARY,
    IN_LANGUAGE,
    SCHEMA,
    BrandSettings,
    BuildSettings,
    ScreenSettings,
    SiteConfig,
    WeekSettings,
)
from cswgen.read.tomltable import Table, shown, suggest
from cswgen.read.tomlwords import toml_problems

_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def load_config(root: Path, problems: Problems | None = None) -> SiteConfig:
    """Read `root/config.toml`.

    Problems with single values go to `problems` (defaults stand in for the bad values, so
    the content can still be checked in the same run); when `problems` is None, or the file
    cannot be read at all, `SiteError` is raised.
    """
    collect = problems if problems is not None else Problems()
    path = root / CONFIG_NAME
    if not path.is_file():
        raise SiteError([Problem(CONFIG_NAME, 0, f"not found in {root}; run cswgen in your "
                                 "site's folder, or start a new site with `cswgen new mysite`")])
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SiteError([Problem(CONFIG_NAME, *not_text(raw, exc))]) from None
    try:
        data = tomlpos.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SiteError(toml_problems(CONFIG_NAME, text, exc)) from None
    config = parse_config(root, data, key_lines(text), collect)
    if problems is None and collect.errors:
        raise SiteError(collect.items)
    return config


def parse_config(root: Path, data: dict[str, Any], lines: dict[str, int],
                 problems: Problems) -> SiteConfig:
    # a section written in other capitals ([Site]) or misspelt ([wek]) is an error, and read
    # as the section meant all the same: its settings are not said to be missing as well,
    # nor every day to be outside a week of the current year
    cased = {meant: section for section, value in data.items()
             if section not in SCHEMA and isinstance(value, dict)
             and (meant := suggest(section.strip().lower(), list(SCHEMA))) is not None
             and meant not in data}
    for known, written in cased.items():
        data = {**data, known: data[written]}
        lines = {**lines, known: lines.get(written, 1),
                 **{known + k[len(written):]: v for k, v in lines.items()
                    if k.startswith(written + ".")}}
    for section, value in data.items():
        if section in cased.values() and section.strip().lower() in SCHEMA:
            problems.error(CONFIG_NAME, lines.get(section, 1), f"unknown section [{section}]: "
                           f"section names are in small letters; write [{section.strip().lower()}]")
            continue
        if section not in SCHEMA:
            hint = suggest(section, list(SCHEMA))
            where = lines.get(section, 1)
            if isinstance(value, dict):
                advice = f"did you mean [{hint}]?" if hint else (
                    "the sections are " + ", ".join(f"[{t}]" for t in SCHEMA))
                problems.error(CONFIG_NAME, where, f"unknown section [{section}]: {advice} "
                               "Settings for your own templates go in [extra].")
            else:
                owner = next((t for t, keys in SCHEMA.items() if section in keys), None)
                advice = (f"put it under [{owner}]" if owner else
                          "settings for your own templates go in [extra]")
                problems.error(CONFIG_NAME, where, f"`{section}` is not inside a section: {advice}")
            continue
        if not isinstance(value, dict):
            problems.error(CONFIG_NAME, lines.get(section, 1),
                           f"`{section}` must be a section written as [{section}]")
            continue
        if section in ("extra", "labels", "publish"):
            continue
        for key in value:
            if section in IN_LANGUAGE and isinstance(value[key], dict) \
                    and key not in SCHEMA[section]:
                continue  # a language's words (`[site.fr]`): see `configsite.words`
            if key not in SCHEMA[section]:
                hint = suggest(key, SCHEMA[section])
                # (`require_consent` under [site]: a setting of another section, where it
                # works once moved)
                owner = next((t for t, keys in SCHEMA.items() if key in keys), None)
                advice = f"did you mean `{hint}`?" if hint else (
                    "known keys: " + ", ".join(SCHEMA[section]) + ".")
                problems.error(CONFIG_NAME, lines.get(f"{section}.{key}", lines.get(section, 1)),
                               f"`{key}` is a setting of [{owner}], not of [{section}]; move "
                               f"this line under [{owner}]" if owner else
                               f"[{section}] {key} is not a setting cswgen knows; {advice} "
                               "Settings for your own templates go in [extra].")

    def table(name: str) -> Table:
        value = data.get(name, {})
        return Table(value if isinstance(value, dict) else {}, name, lines, problems)

    week = _week(table("week"), problems)
    site = configsite.site(table("site"), problems, week.start.year)
    brand = _brand(table("brand"), root)
    builder = table("build")
    build_settings = BuildSettings(
        output=_output(builder),
        unsafe_html=builder.boolean("unsafe_html"),
        require_consent=builder.boolean("require_consent"),
    )
    # long enough to read a testimonial from across the room; short enough to get round
    screen = ScreenSettings(seconds=table("screen").integer("seconds", 4, 120, 12))
    extra = data.get("extra", {})
    labels = data.get("labels", {})
    words = configsite.words(data, site, lines, problems)
    return SiteConfig(root=root, site=site, week=week, brand=brand, build=build_settings,
                      screen=screen, words=words,
                      extra=extra if isinstance(extra, dict) else {},
                      labels=labels if isinstance(labels, dict) else {}, lines=dict(lines),
                      publish=publish_targets(data.get("publish", {}), lines, problems))




# a Windows drive or network path: `C:\Sites\csw`, `D:/csw`, `\\server\share`
_WINDOWS_PATH = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\[^\\])")


def _output(builder: Table) -> str:
    """[build] output: the folder's path as this computer writes it.  A Windows path on
    another system would be one folder here with the whole path as its odd name; a relative
    one written with `\\` (`site\\output`) means the same with `/` everywhere."""
    output = builder.string("output", "output") or "output"
    if any(ord(c) < 32 for c in output):  # a NUL or a line break: no folder has that name
        builder.bad("output", f"{shown(output)} holds a control character (such as a line "
                    "break); write the folder's name, like output = \"output\"")
        return "output"
    if os.name != "nt" and _WINDOWS_PATH.match(output):
        builder.bad("output", f"{shown(output)} is a Windows path, and this computer does not "
                    "run Windows, so the site would go into one folder named "
                    f"{shown(output)} beside config.toml; write a folder beside config.toml "
                    "instead, like output = \"output\" (and copy the site where it should go, "
                    "or use `cswgen publish`)")
        return "output"
    if output == "~" or output.startswith(("~/", "~\\")):
        # (the home folder, as a terminal and `cswgen publish` read it; not a folder named
        # "~" beside config.toml, which the build's message would show as the home folder)
        return os.path.expanduser(output.replace("\\", "/"))
    return output.replace("\\", "/")


def _week(r: Table, problems: Problems) -> WeekSettings:
    timezone = r.string("timezone", "UTC") or "UTC"
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        r.bad("timezone", zones.not_a_zone(timezone))
        timezone = "UTC"
    reveal = r.string("reveal", "all") or "all"
    if reveal not in ("all", "daily"):
        r.bad("reveal", f"must be \"all\" or \"daily\", not {shown(reveal)}")
        reveal = "all"
    errors = len(problems.errors)
    days = r.integer("days", 1, 7, 5)
    start_value = r.data.get("start")
    start: date | None = None
    if start_value is not None:
        if isinstance(start_value, datetime) or not isinstance(start_value, date):
            given = r.data.get("year")
            example = first_full_week_of_october(
                given if isinstance(given, int) and 1900 <= given <= 9999
                else today_in(timezone).year)
            r.bad("start", "must be a date written as YYYY-MM-DD without quotes, "
                  f"like start = {example.isoformat()}; not {shown(start_value)}")
        else:
            start = start_value
    if "year" in r.data:
        written = r.data["year"]
        year = r.integer("year", 1900, 9999, today_in(timezone).year)
        if start is not None and start.year != year and year == written:
            # (a wrong `year` is reported already; the year that stands in for it is a guess)
            r.bad("start", f"{start.isoformat()} is not in [week] year {year}; change one of "
                  "them, or remove `start` to use the first full week of October")
    else:
        year = start.year if start is not None else today_in(timezone).year
    if start is not None and start.weekday() and len(problems.errors) == errors:
        r.warn("start", confighints.not_a_monday(start, days))
    if start is None:
        start = first_full_week_of_october(year)
    return WeekSettings(start=start, year=year, days=days, theme=r.text("theme"),
                        timezone=timezone, reveal=reveal,
                        guessed=len(problems.errors) > errors)


def _left_out(relative: str) -> str | None:
    """The folder or file name that keeps a file under content/ out of the site, if any."""
    *folders, name = relative.split("/")
    skipped = [f for f in folders if tree.skipped(f, folder=True)] + \
        ([name] if tree.skipped(name) else [])
    return skipped[0] if skipped else None


def _brand(r: Table, root: Path) -> BrandSettings:
    colours = {}
    for key, default in (("primary", DEFAULT_PRIMARY), ("secondary", DEFAULT_SECONDARY)):
        value = r.string(key, default) or default
        if not _COLOUR.fullmatch(value):
            r.bad(key, confighints.not_a_code(key, value, default))
            value = default
        if len(value) == 4:
            value = "#" + "".join(c * 2 for c in value[1:])
        colours[key] = value.lower()
        if key in r.data and (why := readable_warning(key, colours[key])):
            r.warn(key, why)
    logo = r.string("logo") or None
    if logo is not None:
        relative = logo.replace("\\", "/").lstrip("/")
        target = root / "content" / relative
        if ".." in relative.split("/") or not target.is_file() \
                or not paths.inside(target, root / "content"):
            r.bad("logo", f"{shown(logo)} is not a file under content/"
                  + confighints.logo_hint(relative, root / "content"))
            logo = None
        elif not relative.lower().endswith(confighints.SHOWN_AS_PICTURES):
            suffix = PurePosixPath(relative).suffix
            kind = f"a {suffix} file" if suffix else "a file without a type (like .svg)"
            r.bad("logo", f"{shown(logo)} is {kind}, which a web page cannot show as a "
                  "picture; save the logo as SVG or PNG (a brand pack usually has one) and "
                  "give that file's path")
            logo = None
        elif left_out := _left_out(posixpath.normpath(relative)):
            r.bad("logo", f"{shown(logo)} is in content/ but not published: cswgen leaves "
                  f"{left_out} out of the site (as it does every name starting with \".\" "
                  "and every folder starting with \"_\"); move the logo to a folder such as "
                  "content/images/ and give that path")
            logo = None
        else:  # (`./images/logo.png`, `images//logo.png`: the file's own path, as elsewhere)
            logo = posixpath.normpath(relative)
    return BrandSettings(primary=colours["primary"], secondary=colours["secondary"], logo=logo)
