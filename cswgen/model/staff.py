"""Which honour-roll entry each name in a testimonial's `staff` links to (case, accents and
spacing ignored: `read.slugs.name_key`), and the warnings for the names that link to no one
or to one of two people of that name, each with the likeliest fix."""

from __future__ import annotations

import difflib
import re

from cswgen.core import paths
from cswgen.core.errors import Problems
from cswgen.model.site import Site, StaffLink, url_of
from cswgen.read.records import Honour, draft_name
from cswgen.read.slugs import name_key, slugify, spelled_alike

_QUOTES = re.compile("[\"'“”‘’„‚«»‹›]")


def _several_names(names: list[str], markdown: bool) -> str:
    """The advice for `staff: Tawanda Mhlanga, Zoë Nyathi`: commas do not separate names,
    because a name may hold one ("Moyo, Farai")."""
    joined = "; ".join(names)
    if not markdown:  # a CSV or workbook cell
        return f"to give several names, separate them with ; like {joined}"
    return (f"to give several names, separate them with ; (staff: {joined}) or write them as "
            f"a list (staff: [{', '.join(names)}])")


def _twice(person: Honour, first: Honour) -> str:
    """Two honour-roll entries of one name (a file copied, or a person both in a file and
    in a staff list): each gets a page, and praise for the name goes to the first."""
    apart = person.department or person.role
    example = f", such as name: {person.name} ({apart})," if apart else ""
    return (f"{person.name} is on the honour roll twice (also in {first.key}), so each has "
            "a page, and testimonials that praise the name link to the first one only; if "
            "this is the same person, remove one of the two; if they are two people who "
            f"share a name, tell them apart in `name`{example} and in the testimonials that "
            "praise them")


def link_staff(site: Site, problems: Problems, withheld: list[Honour],
                unpublished: list[Honour], drafts: list[str]) -> None:
    """`withheld`: honour-roll entries left out for lack of consent; `unpublished`: those
    left out until their `publish` date; `drafts`: the honour-roll files that are drafts
    (not read, so known by their file names alone)."""
    by_name: dict[str, Honour] = {}
    honour_files: set[str] = set()  # (made when two entries share a name)
    for person in site.honour:
        first = by_name.setdefault(name_key(person.name), person)
        if first is person or url_of(first).casefold() == url_of(person).casefold():
            continue  # (one address for both: an error already, see `_claim_urls`)
        if not honour_files:
            honour_files = {e.path for e in (*site.honour, *withheld, *unpublished)}
            honour_files.update(drafts)
        if not any(paths.copied_from(e.path) in honour_files for e in (first, person)):
            # (a file named as a copy of another is pointed out already: `report_copies`)
            problems.warning(person.path, person.line_of("name"), _twice(person, first),
                             sheet=person.sheet)
    left_out = {name_key(person.name): person for person in withheld}
    later = {name_key(person.name): person for person in reversed(unpublished)}
    names = [person.name for person in site.honour]
    drafted = {draft_name(path): path for path in drafts}
    # an honour-roll file with an error may name them: it is to be mended first, and a
    # warning for each name it holds would bury its error (a list saved in the wrong encoding
    # was one error and a "matches no one" for every colleague a customer praised)
    unsure = any(p.severity == "error" and p.path.startswith("content/honour-roll/")
                 for p in problems)
    for testimonial in site.testimonials:
        links: list[StaffLink] = []
        for name in testimonial.staff:
            match = by_name.get(name_key(name))
            links.append(StaffLink(name, match))
            if match is None and (absent := left_out.get(name_key(name))) is not None:
                problems.warning(testimonial.path, testimonial.line_of("staff"),
                                 f"\"{name}\" in `staff` is left out of the honour roll for "
                                 f"lack of consent ({absent.path} says why), so the name is "
                                 "not linked; it will be once that entry records consent",
                                 sheet=testimonial.sheet)
            elif match is None and (waiting := later.get(name_key(name))) is not None:
                problems.warning(testimonial.path, testimonial.line_of("staff"),
                                 _not_yet(name, waiting), sheet=testimonial.sheet)
            elif match is None and (draft := drafted.get(slugify(name))) is not None:
                problems.warning(testimonial.path, testimonial.line_of("staff"),
                                 f"\"{name}\" in `staff` is not linked: {draft}, named like "
                                 "them, is a draft; it will be linked once that entry is no "
                                 "longer one", sheet=testimonial.sheet)
            elif match is None and not unsure:
                close = difflib.get_close_matches(name, names, n=1, cutoff=0.6) or [
                    alike for alike in (spelled_alike(name, names),) if alike]
                bare = by_name.get(name_key(_QUOTES.sub("", name)))
                several = [part.strip() for part in name.split(",") if part.strip()]
                hint = (f"it matches \"{bare.name}\" but for the quotes around or in it; "
                        "remove them" if bare is not None else
                        _several_names(several, testimonial.path.endswith(".md"))
                        if len(several) > 1
                        and any(name_key(part) in by_name for part in several) else
                        f"did you mean \"{close[0]}\"?" if close else
                        "add them to content/honour-roll/ or check the spelling")
                problems.warning(testimonial.path, testimonial.line_of("staff"),
                                 f"\"{name}\" in `staff` matches no one on the honour roll; "
                                 f"{hint}", sheet=testimonial.sheet)
            elif match is not None:
                site.praised.setdefault(url_of(match), []).append(testimonial)
        site.staff[testimonial.key] = links


def _not_yet(name: str, person: Honour) -> str:
    """Why a name in `staff` is not linked to its honour-roll entry, whose `publish` date
    is still to come, and when it will be.  (A draft is not read at all: its name is not
    known here.)"""
    when = person.publish.isoformat() if person.publish else ""
    return (f"\"{name}\" in `staff` is on the honour roll from {when} (the `publish` date "
            f"of {person.path}), so the name is not linked; it will be in a build on or "
            "after that date")
