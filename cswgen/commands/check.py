"""`cswgen check`: is the site ready to publish?

Builds into a temporary folder (the output folder is never touched) and gathers every
problem the build reports, then reads the site again for what a build lets through:
links and anchors that go nowhere in the built pages (`pagerules`), pictures without alt
text, vague link text, skipped heading levels, the same person twice on the honour roll,
days of the week without a page or without events, and `publish` dates after the week.  Every
problem carries the source file and line it comes from where there is one
(`sourcelines` finds the line in a content file's body).
"""

from __future__ import annotations

import re
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from cswgen.commands.build import STEPS_FILE, build, output_folder
from cswgen.commands.editions import report_untranslated
from cswgen.commands.pagerules import other_languages, page_rules, shown_url
from cswgen.commands.sourcelines import locate, locate_next, needles, text_of
from cswgen.commands.themecheck import missing_files, remote_in_templates
from cswgen.core import datewords
from cswgen.core.cache import CACHE_FOLDER, Cache
from cswgen.core.errors import Problems, SiteError
from cswgen.core.week import (
    first_full_week_of_october,
    long_label,
    range_label,
    short_label,
)
from cswgen.model.bodies import language_of
from cswgen.model.languages import by_folder
from cswgen.model.markup import Converter
from cswgen.model.site import Options, Site, assemble, url_of
from cswgen.read import pastedmail, placeholders, themes
from cswgen.read.config import load_config
from cswgen.read.content import load_content
from cswgen.read.officedocs import report_documents
from cswgen.read.place import today_in
from cswgen.read.records import Content, Day, Entry, Honour, Testimonial
from cswgen.read.settings import SiteConfig
from cswgen.read.slugs import name_key
from cswgen.render import beyond, htmlscan
from cswgen.write.output import check_output

VAGUE = {"click here", "here", "click", "read more", "more", "link", "this link", "this",
         "click this link", "find out more", "learn more"}


@dataclass
class Report(Problems):
    """Every problem found (errors first, then warnings; each grouped by file)."""

    as_of: date = date.min
    seconds: float = 0.0
    # with `reveal = "daily"`: which days the site shows in full as of that date
    revealed: str = ""


def check(root: Path, *, as_of: date | None = None, drafts: bool = False) -> Report:
    started = time.perf_counter()
    problems = Problems()
    with tempfile.TemporaryDirectory(prefix="cswgen-check-") as temporary:
        output = Path(temporary) / "site"
        try:
            problems.items.extend(build(root, as_of=as_of, drafts=drafts, output=output,
                                        shortcut=False).warnings)
            built = True
        except SiteError as exc:
            problems.items.extend(exc.problems)
            built = False
        # Read again for the rules below; what the build reported twice is listed once.
        try:
            config = load_config(root, Problems())
        except SiteError:
            return _report(problems, as_of or date.today(), started)
        when = as_of or today_in(config.week.timezone)
        # what the build just read and converted, kept for the next step
        steps = Cache.load(root / CACHE_FOLDER / STEPS_FILE)
        content = load_content(config, problems, drafts=drafts, cache=steps)
        site = assemble(config, content, Options(as_of=when, drafts=drafts), problems)
        _configured_output(config, problems)
        _content_rules(site, content, problems)
        report_untranslated(config, content, problems)
        _body_rules(site, problems, steps)
        # (a warning at each build; here, an error: a document that publishes struck-out
        # wording and people's names is not ready)
        report_documents(content.files, root / "content", problems, steps, as_errors=True)
        if built:  # (the theme chain is found once: it reads every theme.toml)
            theme_chain = themes.chain(config)
            # (a warning at each build; here, an error: the page is not ready until the
            # text `cswgen add` wrote is replaced)
            placeholders.report(content.entries(), theme_chain, problems, steps, as_errors=True)
            pastedmail.report(content.entries(), problems, steps, as_errors=True)
            # (the build warned of these: here they are errors, and each is said once)
            missing = missing_files(theme_chain, output, problems)
            page_rules(site, other_languages(config, content, site.options), output,
                        theme_chain, problems, missing)
            remote_in_templates(theme_chain, problems)
    report = _report(problems, when, started)
    report.revealed = _revealed(config, when, site)
    return report


def _revealed(config: SiteConfig, when: date, site: Site) -> str:
    """What a daily reveal shows as of `when`, in a sentence ("" when every day shows):
    of the days the site has then (one whose `publish` date is later is not among them,
    and said apart)."""
    dates = config.week.dates
    if config.week.reveal != "daily" or when >= dates[-1]:
        return ""
    waiting = sorted({d.date for d in site.unpublished if isinstance(d, Day)
                      and d.publish is not None and d.publish > when} - {
                          d.date for d in site.days})
    held = f" {_days(waiting, dates)} {'is' if len(waiting) == 1 else 'are'} not published " \
        "yet (a later `publish` date)." if waiting else ""
    if when < dates[0]:
        return ("Every day shows only its title and date until its day "
                '([week] reveal = "daily").' + held)
    shown = sorted(d.date for d in site.days if not site.is_teaser(d))
    later = sorted(d.date for d in site.days if site.is_teaser(d))
    parts = []
    if shown:
        parts.append(f"{_days(shown, dates)} show{'s' if len(shown) == 1 else ''} in full")
    if later:
        one = len(later) == 1
        parts.append(f"{_days(later, dates)} show{'s' if one else ''} only "
                     f"{'its' if one else 'their'} title and date until "
                     f"{'its' if one else 'their'} day")
    if not parts:
        return held.strip()
    said = "; ".join(parts)
    return f"{said[0].upper()}{said[1:]} ([week] reveal = \"daily\").{held}"


def _days(some: list[date], week: list[date]) -> str:
    """Days named in a sentence: "Monday 5 October to Wednesday 7 October" when they follow
    one another in the week, else each ("Monday 5 October, Wednesday 7 October and ...")."""
    names = [short_label(d) for d in some]
    if len(names) > 2 and some[0] in week:
        first = week.index(some[0])
        if week[first:first + len(some)] == some:
            return f"{names[0]} to {names[-1]}"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _report(problems: Problems, as_of: date, started: float) -> Report:
    # (problems about one line, or one folder, stay in the order they were found: the
    # days without a page from Monday on, not by the alphabet of their messages; a
    # warning of the build's that check finds an error is listed once, as the error)
    errors = {(p.path, p.sheet, p.line, p.message) for p in problems.items
              if p.severity == "error"}
    unique = sorted(dict.fromkeys(p for p in problems.items if p.severity == "error" or
                                  (p.path, p.sheet, p.line, p.message) not in errors),
                    key=lambda p: (p.severity != "error", p.path, p.sheet, p.line))
    return Report(unique, as_of, time.perf_counter() - started)


def _configured_output(config: SiteConfig, problems: Problems) -> None:
    """`check` builds elsewhere, so the output folder `build` would refuse is checked here."""
    target, where, line = output_folder(config, None)
    try:
        check_output(target, config.root, where, line)
    except SiteError as exc:
        problems.items.extend(exc.problems)


# --- the content, as read ---------------------------------------------------------------


def _content_rules(site: Site, content: Content, problems: Problems) -> None:
    _photos_without_alt(site, problems)
    _repeated_people(site, problems)
    _week_coverage(site, content, problems)
    _late_publish_dates(site, content, problems)
    _days_published_late(site, content, problems)
    _last_years_publish_dates(site, content, problems)
    _last_years_titles(site, content, problems)
    _programme_length(site, problems)
    _poster_length(site, problems)
    _certificate_length(site, problems)


def _photos_without_alt(site: Site, problems: Problems) -> None:
    people: list[Testimonial | Honour] = [*site.testimonials, *site.honour]
    for entry in people:
        if entry.photo is not None and not entry.photo.alt:
            problems.warning(entry.path, entry.line_of("photo"),
                             "the photo has no alt text; add `alt:` describing it (for example "
                             "\"Portrait of Farai Moyo smiling\") for people who cannot see it",
                             sheet=entry.sheet)


def _repeated_people(site: Site, problems: Problems) -> None:
    first: dict[str, Honour] = {}
    for person in sorted(site.honour, key=lambda h: (h.path, h.line)):
        other = first.setdefault(name_key(person.name), person)
        if other is not person:
            problems.warning(person.path, person.line_of("name"),
                             f"\"{person.name}\" is on the honour roll twice (also {other.key});"
                             " remove one of them, or tell the two apart, for example with a "
                             "middle initial", sheet=person.sheet)


def _week_coverage(site: Site, content: Content, problems: Problems) -> None:
    covered = {day.date for day in content.days}
    # (while [week] itself is wrong, and said so, its dates are a stand-in and the days are
    # set aside: each would be said to have no page, and adding one would make it twice;
    # so while a day's own date is wrong, and said so: Monday's file left at last year's
    # date is Monday's page, and `cswgen add day` would make a second one)
    misdated = any(isinstance(e, Day) and not e.language for e in content.unplaced)
    for when in [] if site.config.week.guessed or misdated else site.config.week.dates:
        if when not in covered:
            problems.warning("content/days", 0,
                             f"{long_label(when)} is a day of the week but has no page; add "
                             f"one with: cswgen add day \"Theme of the day\" --date "
                             f"{when.isoformat()} (or change [week] days in config.toml)")
    for day in site.days:
        if not day.events:
            problems.warning(day.path, day.line_of("events"),
                             "this day has no events; add an `events:` list (time, title, "
                             "place) so people know what is on, or ignore this if the day "
                             "has no programme")


def _programme_length(site: Site, problems: Problems) -> None:
    """The printed programme (programme/) is one sheet: warn, naming the longest days
    first, when the week's days take more lines than a sheet holds (`beyond.sheet_lines`:
    each day's heading, dress code and events, as wrapped)."""
    lines = {day.title: beyond.sheet_lines(day) for day in site.days}
    total = sum(lines.values())
    if total > beyond.SHEET_LINES:
        named = ", ".join(f"{title} ({count} lines)" for title, count in
                          sorted(lines.items(), key=lambda item: -item[1]))
        problems.warning("content/days", 0,
                         f"the printed programme (programme/) is too long for one sheet: "
                         f"{total} lines, and about {beyond.SHEET_LINES} fit; shorten the "
                         f"events' descriptions or dress codes of {named}")


def _poster_length(site: Site, problems: Problems) -> None:
    """Each day's poster (days/<slug>/poster/) is one sheet: warn at the day's events when
    its title, dress code and events take more lines than a sheet holds
    (`beyond.poster_lines`)."""
    qr = bool(site.config.site.base_url)
    for day in site.days:
        lines = beyond.poster_lines(day, qr=qr)
        if lines > beyond.POSTER_LINES:
            where = beyond.poster_path(url_of(day))
            problems.warning(day.path, day.line_of("events" if day.events else "dress_code"),
                             f"the poster of {day.title} ({where}) is too long for one sheet: "
                             f"{lines} lines, and about {beyond.POSTER_LINES} fit; shorten "
                             "its events' descriptions or dress code, or leave the details "
                             "to the day's page")


def _certificate_length(site: Site, problems: Problems) -> None:
    """A certificate is one landscape sheet whose type is made smaller for long text
    (`beyond.certificate_fit`): warn at the citation when it prints in much smaller type
    than the others, or when even the smallest does not fit."""
    for person in site.honour:
        role = ", ".join(filter(None, [person.role, person.department]))
        text = (person.name, role, person.award, person.citation)
        fit = beyond.certificate_fit(*text)
        if beyond.certificate_overflows(*text):
            said = "is too long to print on one sheet: its end would be cut off"
        elif fit < beyond.CERTIFICATE_SMALL:
            said = (f"prints in type {round(fit * 100)}% of its usual size to fit its text "
                    f"on one sheet")
        else:
            continue
        field = "citation" if person.citation else "award" if person.award else "name"
        problems.warning(person.path, person.line_of(field),
                         f"the certificate of {person.name} {said}; shorten the citation "
                         f"to a sentence (the whole story goes in the text below the front "
                         f"matter, or `citation_long` in a spreadsheet), the award's name or "
                         f"the job title", sheet=person.sheet)


def _late_publish_dates(site: Site, content: Content, problems: Problems) -> None:
    end = site.config.week.end
    for entry in content.entries():
        if entry.publish is not None and entry.publish > end:
            problems.warning(entry.path, entry.line_of("publish"),
                             f"`publish` is {entry.publish.isoformat()}, after the week ends "
                             f"({long_label(end)}), so it will not appear during the week; "
                             f"use a date on or before {end.isoformat()}, or remove `publish`",
                             sheet=entry.sheet)


def _days_published_late(site: Site, content: Content, problems: Problems) -> None:
    """A day whose `publish` date comes after the day itself is not online on its day
    (nor its poster, nor its events in the calendar); after the week, it is said once, by
    `_late_publish_dates`."""
    for day in content.days:
        if day.publish is not None and day.date < day.publish <= site.config.week.end:
            problems.warning(day.path, day.line_of("publish"),
                             f"`publish` is {day.publish.isoformat()}, after the day itself "
                             f"({long_label(day.date)}), so this day's page is not online on "
                             f"its day; use {day.date.isoformat()} or earlier, or remove "
                             "`publish` ([week] reveal = \"daily\" shows each day on its day)",
                             sheet=day.sheet)


def _last_years_publish_dates(site: Site, content: Content, problems: Problems) -> None:
    """A `publish` date of an earlier year has passed, so the entry is online now, not on
    its day: last year's date left behind when `[week]` moved (by hand, or a file saved
    again from an editor over `cswgen redate`'s change)."""
    year = site.config.week.year
    for entry in content.entries():
        if entry.publish is not None and entry.publish.year < year:
            moved = entry.publish + (first_full_week_of_october(year)
                                     - first_full_week_of_october(entry.publish.year))
            problems.warning(entry.path, entry.line_of("publish"),
                             f"`publish` is {entry.publish.isoformat()}, a date of "
                             f"{entry.publish.year}, so this is online already instead of "
                             f"waiting for its day in this year's week; change it to "
                             f"{moved.isoformat()} (the same day, {year}), or remove `publish` "
                             "if it should be online now", sheet=entry.sheet)


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def _last_years_titles(site: Site, content: Content, problems: Problems) -> None:
    """The site's title and description, the week's theme, the `[extra]` words its theme
    may show, and the titles of its pages (not the testimonials and honours: those are
    records) that name an earlier year than
    the week's, as they do after `cswgen redate` (which changes dates, not words)."""
    config = site.config
    year = config.week.year
    week = range_label(config.week.start, config.week.end)
    said = [("site.title", config.site.title), ("site.description", config.site.description),
            ("week.theme", config.week.theme)]
    # (the theme shows [extra] words too: the classic footer's hashtag, "#CSW2026")
    said += [(f"extra.{key}", value) for key, value in config.extra.items()
             if isinstance(value, str)]
    # (and the words of each other language: `[site.sw] title`)
    said += [(f"{key.split('.')[0]}.{tag}.{key.split('.')[1]}", text)
             for tag, words in config.words.items() for key, text in words.items()]
    for key, text in said:
        if (old := _earlier_year(text, year)) is not None:
            table, name = key.rsplit(".", 1)
            problems.warning("config.toml", config.line_of(key),
                             f"[{table}] {name} names {old}, but the week is in {year}; if it "
                             f"is about this year's week, {_moved(text, old, year, week)}")
    pages: list[Entry] = [e for e in (content.home, content.policy) if e is not None]
    for entry in [*pages, *content.days, *content.pages]:
        if (old := _earlier_year(entry.title, year)) is not None:
            problems.warning(entry.path, entry.line_of("title"),
                             f"the title names {old}, but the week is in {year}; if it is "
                             f"about this year's week, {_moved(entry.title, old, year, week)}",
                             sheet=entry.sheet)


def _moved(text: str, old: int, year: int, week: str) -> str:
    """What to write instead: `text` with `year` for `old` when it is short and names no
    date in words; else what to update."""
    if len(text) <= 80 and not datewords.find(text, old):
        return "write \"" + re.sub(rf"(?<!\d){old}(?!\d)", str(year), text) + "\""
    return f"update its year and any dates in it (this year's week is {week})"


def _earlier_year(text: str, year: int) -> int | None:
    """The first year in `text` that is one of the two before `year` (a site moved on
    from them; "since 2016" is history, not last year's words)."""
    for found in _YEAR.findall(text or ""):
        if year - 2 <= int(found) < year:
            return int(found)
    return None


# --- each body, converted -------------------------------------------------------------


def _body_rules(site: Site, everything: Problems, cache: Cache) -> None:
    # (as the build's converter is, so that what it converted is found in `cache`)
    converter = Converter(site.config.root / "content", site.urls,
                          unsafe_html=site.config.build.unsafe_html, cache=cache,
                          languages=by_folder(site.config.site.tags),
                          language=site.config.site.language)
    for entry in site.entries():
        if not entry.body.strip():
            continue
        body = htmlscan.scan(converter.convert(entry.body, entry.path, entry.body_line,
                                               Problems(), language_of(entry)).html)
        problems = everything.in_sheet(entry.sheet)  # a workbook row's: about its sheet
        shown: dict[int, int] = {}  # line -> pictures without alt placed on it so far
        for image in body.images:
            if not (image.alt or "").strip():
                line = locate_next(entry, needles(image.src), shown)
                typed = text_of(entry, line).lower()
                how = ("add alt=\"...\" to its <img> tag with a short description, like "
                       "<img src=\"...\" alt=\"Our team at the opening\">"
                       if "<img" in typed and "![" not in typed else
                       "write a short description between the brackets, like ![Our team at "
                       "the opening](...)")
                problems.warning(entry.path, line,
                                 f"the picture {shown_url(image.src)} has no alt text; {how}, "
                                 "for people who cannot see it")
        for link in body.links:
            if link.tag != "a":
                continue
            text = " ".join(link.text.split())
            words = re.sub(r"[^\w\s]", "", text).strip().lower()
            if not text:
                problems.warning(entry.path, locate(entry, *needles(link.url)),
                                 f"the link to {shown_url(link.url)} has no text, so nobody can "
                                 "tell where it goes; write the text between the brackets, "
                                 "like [our policy](...)")
            elif words in VAGUE:
                problems.warning(entry.path, locate(entry, *needles(link.url), text),
                                 f"the link text \"{text}\" does not say where the link goes "
                                 "(screen readers list links by their text); use words that "
                                 "name the destination, like [read our policy](...)")
        above, previous = 1, "the page title"
        for heading in body.headings:
            if heading.level > above + 1:
                line = locate(entry, heading.text)
                written = re.match(r"\s{0,3}(#{1,6})\s", text_of(entry, line))
                hashes = len(written.group(1)) if written else 0
                want = hashes - (heading.level - above - 1)
                fix = (f"write it with {'#' * want} instead of {'#' * hashes}" if want > 0
                       else "make it one level below the heading above it")
                problems.warning(entry.path, line,
                                 f"the heading \"{heading.text}\" skips a level (it comes "
                                 f"after {previous}); {fix}, so the page's outline reads in "
                                 "order for people using screen readers")
            above, previous = heading.level, f"\"{heading.text}\""
