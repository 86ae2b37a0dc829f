"""The week's events as an iCalendar file.  The only module that imports icalendar."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar

from cswgen import __version__
from cswgen.model.site import Site, url_of
from cswgen.render.links import absolute


def week_ics(site: Site, folder: str = "") -> bytes:
    """One all-day entry per day (its theme) and one timed entry per event; a day's link
    is to its page in the calendar's language (`folder`: its pages' folder, "fr/").

    A teaser day (reveal = "daily", not yet come) contributes its title and date only.
    """
    config = site.config
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
        whole.add("summary", day.title)
        whole.add("dtstart", day.date)
        whole.add("dtend", day.date + timedelta(days=1))
        whole.add("transp", "TRANSPARENT")
        if not teaser and day.summary:
            whole.add("description", day.summary)
        if config.site.base_url:
            whole.add("url", absolute(config.site.base_url, folder + url_of(day)))
        cal.add_component(whole)
        if teaser:
            continue
        for index, event in enumerate(day.events, start=1):
            entry = icalendar.Event()
            entry.add("uid", f"{day.date.isoformat()}-{day.slug}-{index}@{host}")
            entry.add("dtstamp", stamp)
            entry.add("summary", event.title)
            if event.time:
                start = _at(day.date, event.time, zone)
                entry.add("dtstart", start)
                entry.add("dtend", _at(day.date, event.end, zone) if event.end
                          else start + timedelta(hours=1))
            else:
                entry.add("dtstart", day.date)
                entry.add("dtend", day.date + timedelta(days=1))
            if event.place:
                entry.add("location", event.place)
            if event.description:
                entry.add("description", event.description)
            cal.add_component(entry)
    existing = len(cal.timezones)  # what add_missing_timezones() does, with each zone made once
    for tzid in cal.get_missing_tzids():
        timezone = _timezone(tzid)
        if timezone is not None:
            cal.subcomponents.insert(existing, timezone)
            existing += 1
    return bytes(cal.to_ical())


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
