"""What a `[week] timezone` that is not a time zone's name most likely means, said so
that following the advice gives the right hours: "GMT+2" and "CAT" name the places that
keep that time in October (never `Etc/GMT+2`, which POSIX turns round to UTC-2), and
"harare" or "new york" the zone whose city it names, and Windows' own names ("South Africa
Standard Time", "(UTC+02:00) Harare, Pretoria") the zone CLDR or the city gives."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

from cswgen.core import regions
from cswgen.read.tomltable import shown


def not_a_zone(written: str) -> str:
    """Why `written` is refused as a time zone, and the names to write instead."""
    if (windows := _windows_zone(written)) is not None:
        return (f"{shown(written)} is how Windows names a time zone, and cswgen needs its "
                f"name from the IANA list, which says when the clocks change too; write "
                f"timezone = \"{windows}\"")
    offset = _offset_named(written)
    places = list(_ABBREVIATIONS.get(written.strip().upper(), ())) or (
        _places_at(offset) if offset is not None else [])
    if places:
        return (f"{shown(written)} is not a time zone cswgen can use: it needs the name of a "
                "place, which also says when the clocks change; use the one where your week "
                "happens, such as " + _or(places) + " (from the IANA list of time zones)")
    near = _zone_named(written)
    hint = f"did you mean \"{near}\"? " if near else ""
    return (f"{shown(written)} is not a time zone; {hint}use a name from the IANA list, such "
            "as \"Africa/Harare\", \"Europe/London\" or \"America/New_York\"")


# Abbreviations people write for a time zone, and places that keep that time.  (EST, CET
# and a few others are zone names of their own, and are accepted as they are.)
_ABBREVIATIONS = {
    "CAT": ("Africa/Harare", "Africa/Maputo", "Africa/Lusaka"),
    "SAST": ("Africa/Johannesburg", "Africa/Maseru", "Africa/Mbabane"),
    "EAT": ("Africa/Nairobi", "Africa/Dar_es_Salaam", "Africa/Kampala"),
    "WAT": ("Africa/Lagos", "Africa/Kinshasa", "Africa/Luanda"),
    "BST": ("Europe/London",), "WEST": ("Europe/Lisbon", "Atlantic/Canary"),
    "CEST": ("Europe/Paris", "Europe/Berlin", "Europe/Madrid"),
    "EEST": ("Europe/Athens", "Europe/Helsinki", "Europe/Bucharest"),
    "MSK": ("Europe/Moscow",), "GST": ("Asia/Dubai", "Asia/Muscat"), "PKT": ("Asia/Karachi",),
    "SGT": ("Asia/Singapore",), "AWST": ("Australia/Perth",), "JST": ("Asia/Tokyo",),
    "AEST": ("Australia/Brisbane",), "EDT": ("America/New_York", "America/Toronto"),
    "CDT": ("America/Chicago",), "MDT": ("America/Denver",),
    "PDT": ("America/Los_Angeles", "America/Vancouver")}
_OFFSET = re.compile(r"(?:GMT|UTC)?\s*([+-\u2212])\s*(\d{1,2})(?:[:.h]?(\d{2}))?", re.I)
# The places named first for an offset, as people there would name them.
_KNOWN_PLACES = ("Africa/Harare", "Africa/Johannesburg", "Africa/Maputo", "Africa/Lusaka",
                 "Africa/Nairobi", "Africa/Addis_Ababa", "Africa/Dar_es_Salaam",
                 "Africa/Kampala", "Africa/Lagos", "Africa/Kinshasa", "Africa/Accra",
                 "Europe/London", "Europe/Paris", "Europe/Athens", "Asia/Dubai",
                 "Asia/Karachi", "Asia/Kolkata", "Asia/Dhaka", "Asia/Bangkok",
                 "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "America/Sao_Paulo",
                 "America/New_York", "America/Chicago", "America/Denver",
                 "America/Los_Angeles")


# how Windows shows a time zone in its settings: `(UTC+02:00) Harare, Pretoria` (its offset
# is the one outside summer time, so it is no guide to October's: only a city is)
_WINDOWS_SHOWN = re.compile(r"\((?:UTC|GMT)(?:[+-\u2212]\d{1,2}:?\d{2})?\)\s*(.+)", re.I)


def _windows_zone(written: str) -> str | None:
    """The IANA time zone of a name Windows gives one (`South Africa Standard Time`), or of
    a city Windows shows with its offset (`(UTC+02:00) Harare, Pretoria`: Africa/Harare)."""
    text = " ".join(written.split())
    if (zone := regions.windows_zones().get(text.lower())) is not None:
        return zone
    if shown_as := _WINDOWS_SHOWN.fullmatch(text):
        cities = (_zone_named(city) for city in re.split(r",|\band\b", shown_as.group(1)))
        return next((city for city in cities if city is not None), None)
    return None


def _offset_named(written: str) -> timedelta | None:
    """The difference from UTC that `written` gives ("GMT+2", "UTC-05:00", "+02:00" as a
    timestamp ends), if any.
    ("Etc/GMT+2" is never the answer: POSIX turns the sign round, so it is UTC-2.)"""
    text = written.strip()
    found = _OFFSET.fullmatch(text)
    if not found:
        return None
    sign = -1 if found.group(1) in "-\u2212" else 1
    return sign * timedelta(hours=int(found.group(2)), minutes=int(found.group(3) or 0))


def _places_at(offset: timedelta) -> list[str]:
    """Three time zones of places that are `offset` from UTC in October, well-known first."""
    october = datetime(date.today().year, 10, 10, 12)
    zones = [z for z in sorted(available_timezones())
             if z.split("/")[0] in ("Africa", "Europe", "Asia", "America", "Australia",
                                    "Pacific", "Atlantic", "Indian")]
    same = [z for z in zones if october.replace(tzinfo=ZoneInfo(z)).utcoffset() == offset]
    return sorted(same, key=lambda z: (_KNOWN_PLACES.index(z) if z in _KNOWN_PLACES
                                       else len(_KNOWN_PLACES)))[:3]


def _or(names: list[str]) -> str:
    quoted = [f'"{name}"' for name in names]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def _zone_named(written: str) -> str | None:
    """The time zone `written` most likely means: the same name in other capitals
    ("africa/harare"), or the one whose city it names ("Harare", "new york")."""
    wanted = written.strip().replace(" ", "_").lower()
    zones = sorted(available_timezones())
    same = [zone for zone in zones if zone.lower() == wanted]
    if same:
        return same[0]
    cities = [zone for zone in zones if "/" in zone and zone.rsplit("/", 1)[1].lower() == wanted]
    return cities[0] if len(cities) == 1 else None
