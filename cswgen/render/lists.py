"""The views of the list pages, the ones that grow with the organisation: testimonials a
page at a time, and the honour roll, its people grouped by award, where a long award has
pages of its own with A-Z jump links (`paging` says how a list is cut into pages).

`Views` builds the award groups (`groups`) once, and asks for these pages in their place
among every page's (`Views.pages`); a person's view carries the `letter_of` their name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cswgen.model.site import LISTS, award_key
from cswgen.read.slugs import numbered
from cswgen.render.paging import (
    AWARD_INLINE,
    AWARD_PER_PAGE,
    AWARD_PREVIEW,
    TESTIMONIALS_PER_PAGE,
    View,
    chunks,
    paged_path,
    pagination,
)

if TYPE_CHECKING:
    from cswgen.render.views import Views


def letter_of(name: str) -> str:
    """The letter a name is filed under in A-Z jump links (`Zoë` -> `Z`; `7up` -> `#`)."""
    if (first := name[:1]).isascii() and first.isalpha():  # (nearly every name: its slug
        return first.upper()                                 # starts with it, lowercased)
    from cswgen.read.slugs import slugify

    # (its first letter is that of its first few characters' slug: ten thousand names)
    first = (slugify(name[:12]) or slugify(name))[:1].upper()
    return first if first.isalpha() else "#"


def testimonial_pages(views: Views) -> list[View]:
    """The testimonials, a page at a time; none where the language shows the default
    language's list instead (`sections_elsewhere`), which would be empty here."""
    say = views.say
    parts = [] if "testimonials" in views.site.sections_elsewhere else chunks(
        views.testimonials, TESTIMONIALS_PER_PAGE)
    listing = views.prefix + LISTS["testimonials"]
    pages = []
    for number, part in enumerate(parts, 1):
        title = say("testimonials") if number == 1 else say(
            "title_page_of", title=say("testimonials"), number=number, count=len(parts))
        organisation = views.config.site.organisation
        about = say("testimonials_about", organisation=organisation) if organisation \
            else say("testimonials_about_us")
        pages.append(views._page(
            "testimonials", title, paged_path(listing, number), "testimonials",
            about, testimonials=part,
            total=len(views.testimonials),
            pagination=pagination(listing, number, len(parts))))
    return pages


def honour_roll_pages(views: Views) -> list[View]:
    """The honour roll (none where the language shows the default language's instead),
    and the pages of each long award."""
    say = views.say
    organisation = views.config.site.organisation
    recognising = say("recognising_at", organisation=organisation) if organisation \
        else say("recognising_here")
    pages = []
    if "honour-roll" not in views.site.sections_elsewhere:
        pages.append(views._page("honour_roll", say("honour_roll"),
                                 views.prefix + LISTS["honour-roll"], "honour-roll",
                                 recognising, groups=[shown_group(g) for g in
                                                      views.award_groups],
                                 total=len(views.people)))
    for group in views.award_groups:
        if group["path"]:
            pages.extend(award_pages(views, group, recognising))
    return pages


def groups(views: Views) -> list[View]:
    """People by award.  A long award has pages of its own (`path`), and the honour
    roll shows its first few people (`preview`)."""
    groups: list[View] = []
    last: str | None = None
    slugs: set[str] = set()
    for person in views.people:
        award = person["award"]
        key = award_key(award or "")
        if not groups or last != key:
            last = key
            # (at the default language's award's address: the same in every language;
            # two awards whose names make one slug, `Team-Award` and `Team Award`, each
            # their own, so that no two groups share an id or an address)
            slug = numbered(_anchor(views.site.award_names.get(award or "", award or ""))
                            or "other", slugs)
            # (an award's name as the default language's file gives it: marked so)
            borrowed = award and (person["lang"] or "award" in person["borrowed"])
            groups.append({"award": award, "title": award or views.say("also_recognised"),
                           "lang": views.config.site.language if borrowed else None,
                           "id": "award-" + slug, "slug": slug, "people": [],
                           "path": None, "preview": []})
        groups[-1]["people"].append(person)
    for group in groups:
        if len(group["people"]) > AWARD_INLINE:
            group["path"] = f"{views.prefix}honour-roll/awards/{group['slug']}/"
            group["preview"] = group["people"][:AWARD_PREVIEW]
    return groups


def shown_group(group: View) -> View:
    """A group as the honour roll shows it: `people` are the ones listed there (all of
    a short award, the `preview` of a long one) and `count` is how many it has.  A
    page's view is everything it depends on, so a long award's other people stay out:
    a change to one of them does not make the honour roll again."""
    people = group["preview"] if group["path"] else group["people"]
    return {**group, "people": people, "count": len(group["people"])}


def award_pages(views: Views, group: View, description: str) -> list[View]:
    """The pages of one long award, alphabetical, with links to each letter's first
    person wherever that falls."""
    people = sorted(group["people"], key=lambda p: (p["letter"] == "#", p["letter"],
                                                    p["name"].casefold()))
    parts = chunks(people, AWARD_PER_PAGE)
    letters: list[View] = []
    anchors: list[dict[str, str]] = []  # a page's first person of each letter -> id
    for number, part in enumerate(parts, 1):
        anchors.append({})
        for person in part:
            anchor = "letter-" + (person["letter"].lower() if person["letter"] != "#"
                                  else "other")
            if anchor not in anchors[-1].values():
                anchors[-1][person["path"]] = anchor
            if not letters or letters[-1]["letter"] != person["letter"]:
                letters.append({"letter": person["letter"], "anchor": anchor,
                                "path": paged_path(group["path"], number)})
    pages = []
    for number, part in enumerate(parts, 1):
        title = group["title"] if number == 1 else views.say(
            "title_page_of", title=group["title"], number=number, count=len(parts))
        # the group's name and address only: a page's view is everything it depends on
        summary = {k: group[k] for k in ("award", "title", "id", "slug", "path")}
        pages.append(views._page("award", title, paged_path(group["path"], number),
                                 "honour-roll", description, group=summary, people=part,
                                 letters=letters, anchors=anchors[number - 1],
                                 total=len(people),
                                 pagination=pagination(group["path"], number, len(parts))))
    return pages


def _anchor(text: str) -> str:
    from cswgen.read.slugs import slugify

    return slugify(text)
