"""The views every page gets beside its own `page`: `site` (its names, language, logo,
colours and sections), `week` (its dates and where the week stands on the `as_of` date)
and `nav` (the menu).  Built once per language, from its `Views`, and given to every
template with `as_of`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from cswgen import __version__
from cswgen.core import langmarks
from cswgen.core.colours import shades
from cswgen.core.week import cx_day
from cswgen.model import logos
from cswgen.model.site import LISTS, section_paths
from cswgen.read.records import Page
from cswgen.render import beyond
from cswgen.render.paging import View

if TYPE_CHECKING:
    from cswgen.render.views import Views


def common(views: Views, as_of: date, strings: dict[str, Any]) -> dict[str, Any]:
    """What every template of one language is given beside its `page` (the pages', the
    staff email's): `site`, `week`, `nav`, `as_of` and the language's `strings`."""
    return {"site": site_view(views), "week": week_view(views), "nav": nav(views),
            "as_of": as_of.isoformat(), "strings": strings}


def _own(views: Views, key: str, text: str) -> str:
    """The site's words `key` ("site.title") as this language's pages show them: marked as
    the default language's (`langmarks`, a `lang` in the page) when this language gives
    none of its own (`[site.fr]`), so that a screen reader reads "Icyumweru cya Serivisi"
    on a French page with a Kinyarwanda voice."""
    if not views.prefix or not text or key in views.config.words.get(views.language.tag, {}):
        return text
    return langmarks.marked(text, views.config.site.language)


def site_view(views: Views) -> View:
    config = views.config
    s, brand = config.site, config.brand
    return {
        "title": _own(views, "site.title", s.title),
        "organisation": _own(views, "site.organisation", s.organisation),
        "description": _own(views, "site.description", s.description),
        "language": views.language.tag, "direction": views.language.direction,
        "prefix": views.prefix, "default_language": s.language,
        "language_name": views.language.name, "base_url": s.base_url, "theme": s.theme,
        **logos.view(config, views.photos.logo),
        "primary": brand.primary, "secondary": brand.secondary,
        "colours": {"primary": shades(brand.primary).as_dict(),
                    "secondary": shades(brand.secondary).as_dict()},
        "extra": config.extra, "generator": f"cswgen {__version__}",
        "has_policy": views.site.policy is not None, "sections": sections(views),
    }


def week_view(views: Views) -> View:
    w = views.config.week
    start, end = w.start, w.end
    as_of = views.as_of
    status = "before" if as_of < start else "after" if as_of > end else "during"
    cx = cx_day(w.year)
    lang = views.language
    # (a day this language leaves out, untranslated = "omit": its page in the default
    # language, which the status line links to on that day, with `hreflang`)
    default = views.config.site.language
    elsewhere = {day.date: {"title": day.title, "path": views.site.elsewhere[day.key],
                            "lang": default, "hreflang": default}
                 for day in views.site.days_elsewhere if day.key in views.site.elsewhere}
    return {
        "theme": _own(views, "week.theme", w.theme), "year": w.year, "start": start.isoformat(),
        "end": end.isoformat(), "label": lang.date_range(start, end),
        "start_label": lang.long_date(start), "end_label": lang.long_date(end),
        # the two ends of the week in a sentence ("Du {start} au {end}"), the month and year
        # said once where CLDR's range says them once: "lundi 4", "vendredi 8 octobre 2027"
        **dict(zip(("range_start_label", "range_end_label"), lang.range_ends(start, end),
                   strict=True)),
        "timezone": w.timezone, "reveal": w.reveal, "days": views.days,
        "dates": [{"date": d.isoformat(), "weekday": lang.weekday(d),
                   "label": lang.short_date(d), "elsewhere": elsewhere.get(d)}
                  for d in w.dates],
        "status": status, "days_to_go": (start - as_of).days,
        "cx_day": cx.isoformat() if start <= cx <= end else None,
        "cx_day_label": lang.short_date(cx),
    }


def sections(views: Views) -> dict[str, View]:
    """Where each section of the site is (`path`): in this language, or, for one this
    language leaves out whole (untranslated = "omit"), in the default language, which
    `hreflang` names (as on any link to a page the language leaves out)."""
    here = views.prefix
    own = section_paths(views.site)
    found: dict[str, View] = {}
    for section in ("days", *LISTS, "policy"):  # (a list is there even when empty)
        if section in own or section in LISTS:
            path = own.get(section) or LISTS[section]
            found[section] = {"path": here + path, "hreflang": None}
    found["programme"] = {"path": here + beyond.PROGRAMME, "hreflang": None}
    found["calendar"] = {"path": here + "week.ics", "hreflang": None}
    elsewhere = views.site.sections_elsewhere
    if "days" in elsewhere:  # (the language's programme and calendar would be empty)
        elsewhere = {**elsewhere, "programme": "/" + beyond.PROGRAMME,
                     "calendar": "/week.ics"}
    found |= {section: {"path": path, "hreflang": views.config.site.language}
              for section, path in elsewhere.items()}
    return found


def nav(views: Views) -> list[View]:
    say = views.say
    here = views.prefix
    items: list[View] = [{"title": say("home"), "path": here, "section": "home"}]
    shown = sections(views)
    for section, label in (("days", "the_week"), ("testimonials", "testimonials"),
                           ("honour-roll", "honour_roll"), ("policy", "our_policy")):
        if section in shown:
            items.append({"title": say(label), "section": section, **shown[section]})
    default = views.config.site.language
    pages: list[tuple[Page, str, str | None, str | None]] = [
        (page, views.url(page), views.lang_of(page), None) for page in views.site.menu()]
    # (a page this language leaves out: its title and page in the default language)
    pages += [(page, views.site.elsewhere[page.key], default, default)
              for page in views.site.menu_elsewhere]
    pages.sort(key=lambda found: (found[0].menu or 0, found[0].title.casefold()))
    for page, path, lang, hreflang in pages:
        items.append({"title": page.title, "path": path, "section": path, "lang": lang,
                      "hreflang": hreflang})
    return items
