"""Where a language is at home, from CLDR (through Babel): the time zone of a region that
keeps one, the one region a language without a region is at home in, and Windows' names of
time zones.  For `cswgen new` and the config's time zone, which read a site's language or
a zone written as Windows writes it; `cldr` does the language's words, dates and numbers."""

from __future__ import annotations

from functools import cache

import babel

from cswgen.core.cldr import locale_of


@cache
def windows_zones() -> dict[str, str]:
    """Windows' names of time zones by lower case (`south africa standard time`), each
    with the IANA name CLDR gives it (`Africa/Johannesburg`)."""
    from babel.core import get_global

    return {name.lower(): zone for name, zone in get_global("windows_zone_mapping").items()}


def region_zone(tag: str) -> tuple[str, str] | None:
    """(the time zone, the region's English name) of a tag whose region keeps one time zone
    in CLDR (`ar-OM`: ("Asia/Muscat", "Oman")), or of a language written without a region
    that CLDR places in one (`rw`: Rwanda's, see `home_region`); None without a region, or
    for a region of several (`en-US`, `pt-BR`)."""
    from babel.core import get_global

    region = locale_of(tag).territory or home_region(tag)
    zones = get_global("territory_zones").get(region, []) if region else []
    if len(zones) != 1:
        return None
    return str(zones[0]), str(babel.Locale("en").territories.get(region, region))


def home_region(tag: str) -> str | None:
    """The one region CLDR places a language in: where it is an official language, or,
    official nowhere, where it is spoken; None for one of several (French, Arabic, Swahili,
    Hausa: a team's country is not to be guessed).  It must also be the region CLDR's likely
    subtags give the language (`rw` -> `rw_Latn_RW`), so the two sources agree."""
    from babel.core import get_global

    language = locale_of(tag).language
    spoken, official = set(), set()
    for region, languages in get_global("territory_languages").items():
        if language in languages:
            spoken.add(region)
            if languages[language].get("official_status"):
                official.add(region)
    found = official or spoken
    likely = str(get_global("likely_subtags").get(language, "")).split("_")[-1]
    return likely if found == {likely} else None
