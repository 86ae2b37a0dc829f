"""The week beyond the website, as pages: the printable programme and each day's poster.

`programme/` is the whole week on one portrait sheet (A4 or Letter); `days/<slug>/poster/`
is one sheet per day for a noticeboard.  With `[site] base_url` both carry a QR code to
the page online.  A day still a teaser (reveal = "daily") shows its title and date only,
as its page does: its view has no dress code or events.

`sheet_lines` is the measure `cswgen check` uses to warn that the programme will not fit on
one sheet: the lines a day takes in the programme's print type; `poster_lines` the same for
a day's poster.
"""

from __future__ import annotations

from math import ceil
from typing import TYPE_CHECKING, Any

from cswgen.core import paths
from cswgen.core.cache import digest
from cswgen.core.kept import text_of
from cswgen.model.site import POSTER
from cswgen.read.records import Day
from cswgen.render import qr
from cswgen.render.links import absolute

if TYPE_CHECKING:
    from cswgen.render.views import View, Views

# a theme that does not extend classic may leave these pages' templates out: then the
# pages are not made (see `render.pages.jobs`)
OPTIONAL = ("programme", "poster", "screen")
PROGRAMME = "programme/"
SCREEN = "screen/"
SCREEN_BUILD = "screen/build.json"  # the lobby screen looks here for a newer build
SCREEN_PEOPLE = 3  # honour-roll people on one slide of the lobby screen
SCREEN_EVENTS = 4  # the next events a day's slide shows
SCREEN_QUOTE = 280  # characters of a testimonial a quote slide shows (a card shows 160)
# pixels a photo on the screen fills: `.slide__photo` is 7rem square, where 1rem is 3.2% of
# the shorter side, 242 CSS pixels on a 1920×1080 screen; twice that on a 4K one
SCREEN_PHOTO = 484
# The programme's print type fits about this many lines of this many characters on a
# portrait Letter sheet, the shorter paper, under its heading (see the programme's print
# CSS; the demo's week is 57 and fills a Letter sheet nearly to the foot).
SHEET_LINES = 60
LINE_CHARACTERS = 110
# A poster's body type (11 pt) fits about this many lines on a portrait Letter sheet; its
# title (32 pt) wraps at about 30 characters, its other text at about 75 (see the
# poster's print CSS: six events with a sentence each do not fit, five do).
POSTER_LINES = 49


def poster_path(day_path: str) -> str:
    return day_path + POSTER


def pages(views: Views) -> list[View]:
    """The programme's page and every day's poster."""
    say = views.say
    site = views.config.site
    programme = views.prefix + PROGRAMME  # (each language's in its folder)
    found = [] if "days" in views.site.sections_elsewhere else [  # (no empty programme)
        views._page("programme", say("programme_of_the_week"), programme, "days",
                    site.description, days=views.days, qr=_qr(views, programme))]
    for day in views.days:
        path = poster_path(day["path"])
        found.append(views._page("poster", say("poster_title", title=day["title"]), path,
                                 "days", day["summary"] or site.description, day=day,
                                 qr=_qr(views, path)))
    found.append(screen(views))
    return found


def screen(views: Views) -> View:
    """The lobby screen: every slide it may show, with the data its script needs to pick
    today's (the script works out the date, as the pages' status line does).  `build`
    identifies what it shows; `screen/build.json` holds the newest, for screens to poll."""
    from cswgen.render import sitewide
    from cswgen.render.views import excerpt

    featured = [t for t in views.testimonials if t["featured"]] or views.testimonials[:6]
    people = sorted(views.people, key=lambda p: p["photo"] is None)
    shared = views.shared()
    slides = {
        "days": [{**day, "events": by_the_clock(day["events"])} for day in views.days],
        "testimonials": [{"heading": t["heading"],
                          "excerpt": excerpt(text_of(t["text"]), SCREEN_QUOTE),
                          "customer": t["customer"], "organisation": t["organisation"],
                          "lang": t["lang"]}
                         for t in featured],
        # (each made from its person's view alone: named by it in keys, see `derive`)
        "people": [[shared.derive(_screen_person(p), p, "screen person")
                    for p in people[i:i + SCREEN_PEOPLE]]
                   for i in range(0, len(people), SCREEN_PEOPLE)],  # (screen.js: in turns)
        "seconds": views.config.screen.seconds, "events": SCREEN_EVENTS,
    }
    shown = shared.to_bytes(slides)
    return views._page("screen", views.say("lobby_screen"), views.prefix + SCREEN, "screen",
                       views.config.site.description, build=digest(
                           "screen", shown if shown is not None else repr(slides),
                           repr(sitewide.site_view(views)), repr(sitewide.week_view(views))),
                       **slides)


def _screen_person(person: View) -> View:
    """What a slide shows of an honour-roll person (`person`, their view)."""
    return {"name": person["name"], "role": person["role"],
            "department": person["department"], "award": person["award"],
            "initials": person["initials"], "lang": person["lang"],
            "borrowed": person["borrowed"], "photo": _screen_photo(person["photo"])}


def by_the_clock(events: list[View]) -> list[View]:
    """A day's events in the order they come (as written when times are equal), all-day
    events first: the screen shows the next ones, however the day lists them."""
    return sorted(events, key=lambda e: e["time"] or "")


def _screen_photo(photo: View | None) -> View | None:
    """A photo for the screen: the smallest copy whose shorter side covers SCREEN_PHOTO
    pixels (the round frame is filled edge to edge), else the largest there is."""
    if photo is None:
        return None
    copies = photo.get("srcset", [])
    shape = photo["height"] / photo["width"] if copies else 1
    large = [c for c in copies if min(c["width"], c["width"] * shape) >= SCREEN_PHOTO]
    return {"src": large[0]["src"] if large else photo["src"], "alt": photo["alt"]}


def _qr(views: Views, path: str) -> dict[str, Any] | None:
    """The QR code to a page online, and the address it holds; None without base_url."""
    address = absolute(views.config.site.base_url, path)
    if not address:
        return None
    # (the code holds the address in ASCII; people read it as the address bar shows it)
    return {"url": address, "shown": paths.shown_address(address), "svg": qr.svg(address)}


def sheet_lines(day: Day) -> int:
    """The lines a day takes on the printed programme: its heading (two, with the space
    before it), its dress code, and each event's line and description, as wrapped at
    `LINE_CHARACTERS`.  Simple and a little generous: a warning that comes early is better
    than a programme that spills onto a second sheet."""
    lines = 2 + _wrapped(day.dress_code)
    for event in day.events:
        lines += _wrapped(" · ".join(filter(None, [event.title, event.place]))) or 1
        lines += _wrapped(event.description)
    return lines


def poster_lines(day: Day, *, qr: bool) -> int:
    """The lines, in the poster's body type, that a day's poster takes: the header with
    the day's title and summary, the dress code, each event (its title in larger type, its
    place and description), and the footer, with a QR code when `qr`.  A little generous,
    as `sheet_lines` is."""
    lines = 9 + 2.5 * (_wrapped(day.title, 30) - 1) + 1.2 * _wrapped(day.summary, 75)
    if day.dress_code:
        lines += 2.8 + 1.2 * _wrapped(day.dress_code, 75)
    if day.events:
        lines += 1.6
    for event in day.events:
        lines += (0.6 + 1.3 * (_wrapped(event.title, 55) or 1) + _wrapped(event.place, 75)
                  + _wrapped(event.description, 75))
    return ceil(lines + (7 if qr else 2.5))


def _wrapped(text: str, characters: int = LINE_CHARACTERS) -> int:
    return ceil(len(text) / characters) if text else 0


# A printed certificate (honour-roll/<slug>/certificate/) is one landscape sheet of fixed
# height (see the print CSS: 186 mm, so that it fits Letter as well as A4).  What its text
# takes, in points, in the frame of the narrower sheet (Letter), a little generously, as
# Chromium lays it out: the logo, then type that the print CSS scales by `--fit` (the
# organisation, title, week, "presented to", dates and the gaps between them; then the
# name, role, award and citation, each wrapped).  Type that would not fit is printed
# smaller, in tenths, down to CERTIFICATE_SMALLEST: the frame and every word stay on the
# sheet, where they were cut off at its foot.
CERTIFICATE_ROOM = 420
CERTIFICATE_LOGO = 48
CERTIFICATE_FIXED = 185
CERTIFICATE_SMALLEST = 0.6
CERTIFICATE_SMALL = 0.8  # smaller than this, `cswgen check` says so
# (type size in points, line height, characters a line holds at that size) of each part
CERTIFICATE_NAME = (34, 1.15, 33)
CERTIFICATE_ROLE = (11, 1.6, 100)
CERTIFICATE_AWARD = (14.4, 1.6, 66)
CERTIFICATE_CITATION = (12, 1.5, 84)


def certificate_fit(name: str, role: str, award: str, citation: str) -> float:
    """The share of its usual size the certificate's type prints at: 1 when the text fits
    the frame, else the largest tenth that does (CERTIFICATE_SMALLEST at least)."""
    scale = 1.0
    while scale > CERTIFICATE_SMALLEST + 0.01:
        if _certificate_points(scale, name, role, award, citation) <= CERTIFICATE_ROOM:
            break
        scale = round(scale - 0.1, 1)
    return scale


def certificate_overflows(name: str, role: str, award: str, citation: str) -> bool:
    """Whether the certificate's text is too long for its frame even in its smallest type
    (`cswgen check` warns)."""
    return _certificate_points(CERTIFICATE_SMALLEST, name, role, award,
                               citation) > CERTIFICATE_ROOM


def _certificate_points(scale: float, name: str, role: str, award: str,
                        citation: str) -> float:
    points = CERTIFICATE_LOGO + CERTIFICATE_FIXED * scale
    for text, (size, leading, characters) in ((name, CERTIFICATE_NAME),
                                              (role, CERTIFICATE_ROLE),
                                              (award, CERTIFICATE_AWARD),
                                              (citation, CERTIFICATE_CITATION)):
        if text:
            points += size * scale * leading * _wrapped(text, int(characters / scale))
    return points
