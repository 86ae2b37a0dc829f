"""The week's events as an iCalendar file.  The only module that imports icalendar.

Every text a calendar app shows says its language (RFC 5545's LANGUAGE parameter): the
calendar's, or the default language's for words a translation left out (as the pages mark
them with `lang`).  The one text cswgen writes itself, the note on the time zone's rules,
is in the calendar's language, from the strings as the pages' words are.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar

from cswgen import __version__
from cswgen.core import langmarks
from cswgen.core.bidi import plain
from cswgen.model.site import Site, url_of
from cswgen.read.records import Day
from cswgen.render.borrowed import Borrowed
from cswgen.render.links import absolute
from cswgen.render.strings import Words

# (icalendar's: the dates its VTIMEZONE gives a zone's rules between)
ZONE_RULES = (icalendar.Timezone.DEFAULT_FIRST_DATE, icalendar.Timezone.DEFAULT_LAST_DATE)


def week_ics(site: Site, words: Words, folder: str = "") -> bytes:
    """One all-day entry per day (its theme) and one timed entry per event; a day's link
    is to its page in the calendar's language (`folder`: its pages' folder, "fr/"), and
    its texts are in `words`' language.

    A teaser day (reveal = "daily", not yet come) contributes its title and date only.
    """
    config = site.config
    language = words.language.tag
    borrowed = Borrowed(folder, config.site.language, language)

    def text(component: icalendar.Component, name: str, value: str, day: Day,
             field: str) -> None:
        """A text property, with the language its words are in."""
        own = borrowed.lang_of(day) or (config.site.language if borrowed.fields(day, field)
                                        else language)
        component.add(name, value, parameters={"LANGUAGE": own})

    zone = ZoneInfo(config.week.timezone)
    host = urlsplit(config.site.base_url).hostname or "cswgen.invalid"
    stamp = datetime.combine(site.options.as_of, time(0), tzinfo=UTC)
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//cswgen {__version__}//Customer Service Week//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # an X- property is not escaped by icalendar unless given as text (a title may hold a
    # line break or a comma)
    cal.add("x-wr-calname", icalendar.vText(config.site.title))
    cal.add("x-wr-timezone", config.week.timezone)
    for day in site.days:
        teaser = site.is_teaser(day)
        whole = icalendar.Event()
        whole.add("uid", f"{day.date.isoformat()}-{day.slug}@{host}")
        whole.add("dtstamp", stamp)
        text(whole, "summary", day.title, day, "title")
        whole.add("dtstart", day.date)
        whole.add("dtend", day.date + timedelta(days=1))
        whole.add("transp", "TRANSPARENT")
        if not teaser and day.summary:
            text(whole, "description", day.summary, day, "summary")
        if config.site.base_url:
            whole.add("url", absolute(config.site.base_url, folder + url_of(day)))
        cal.add_component(whole)
        if teaser:
            continue
        for index, event in enumerate(day.events, start=1):
            entry = icalendar.Event()
            entry.add("uid", f"{day.date.isoformat()}-{day.slug}-{index}@{host}")
            entry.add("dtstamp", stamp)
            field = f"events.{index - 1}."
            text(entry, "summary", event.title, day, field + "title")
            if event.time:
                start = _at(day.date, event.time, zone)
                entry.add("dtstart", start)
                entry.add("dtend", _at(day.date, event.end, zone) if event.end
                          else start + timedelta(hours=1))
            else:
                entry.add("dtstart", day.date)
                entry.add("dtend", day.date + timedelta(days=1))
            if event.place:
                text(entry, "location", event.place, day, field + "place")
            if event.description:
                text(entry, "description", event.description, day, field + "description")
            cal.add_component(entry)
    first, last = (words.language.plain_date(when) for when in ZONE_RULES)
    # (in English when the language has no words for it: said so)
    said, note = langmarks.language_of(words.say("time_zone_rules", start=first, end=last))
    note = plain(note)  # (no isolates)
    existing = len(cal.timezones)  # what add_missing_timezones() does, with each zone made once
    for tzid in cal.get_missing_tzids():
        timezone = _timezone(tzid)
        if timezone is not None:
            cal.subcomponents.insert(existing, _noted(timezone, note, said or language))
            existing += 1
    return bytes(cal.to_ical())


def _noted(timezone: icalendar.Timezone, note: str, language: str) -> icalendar.Timezone:
    """The zone with its note on the dates its rules are given between, in the calendar's
    language, instead of icalendar's English one.  (A new component around the same rules:
    the zone is made once for every calendar, and stays as it was made.)"""
    noted = icalendar.Timezone()
    for name, value in timezone.items():
        if name != "COMMENT":
            noted[name] = value
    noted.add("comment", note, parameters={"LANGUAGE": language})
    noted.subcomponents = timezone.subcomponents
    return noted


@functools.cache
def _timezone(tzid: str) -> icalendar.Timezone | None:
    """A zone's VTIMEZONE; working it out takes longer than the rest of the file, and
    `cswgen serve` writes the file on every rebuild."""
    try:
        return icalendar.Timezone.from_tzid(tzid)
    except ValueError:
        return None


def _at(day: date, clock: str, zone: ZoneInfo) -> datetime:
    hours, minutes = (int(part) for part in clock.split(":"))
    return datetime.combine(day, time(hours, minutes), tzinfo=zone)
