"""`cswgen email [DAY] [--as-of DATE] [--html]`: the daily staff email, as drafts.

Writes `email/<date>-<slug>.eml` beside the site's config.toml (never in the output
folder, which is published): one for DAY (a date, a weekday, a day's slug or its title), or one for
each day of the week; a site in several languages gets them in each, the other languages'
named `<date>-<slug>.<tag>.eml`.  `--html` also writes the HTML alone, `<date>-<slug>.html`, for
newsletter tools, with its pictures in `<date>-<slug>_files/` beside it.  The site is
read and checked as `cswgen build` reads it; `--as-of` decides, as for a build, which
days are revealed (reveal = "daily").  A draft changed since cswgen wrote it is
kept as it is (see `Record`).  cswgen sends nothing.  See `render.mail` for
what a draft holds.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from cswgen.commands.build import (
    keep_steps,
    load_steps,
    output_folder,
    stop_on_errors,
    teasers,
    theme_chain_of,
)
from cswgen.commands.editions import Edition, other_editions
from cswgen.core.cache import CACHE_FOLDER
from cswgen.core.digest import file_digest_of
from cswgen.core.errors import Problem, Problems, SiteError
from cswgen.core.files import write_atomic
from cswgen.core.week import weekday_index
from cswgen.model.bodies import convert_bodies
from cswgen.model.photos import Photos
from cswgen.model.site import Options, assemble, scheduled
from cswgen.read import catalogue
from cswgen.read.config import load_config
from cswgen.read.content import load_content
from cswgen.read.place import today_in
from cswgen.read.records import Day, draft_name
from cswgen.read.themes import Theme
from cswgen.render import sitewide
from cswgen.render.mail import EMAIL_FOLDER, Draft, Mailer
from cswgen.render.strings import Words
from cswgen.render.templates import Renderer
from cswgen.render.views import View, Views

HTML_LIMIT = 100_000  # bytes: Gmail clips a message whose HTML is longer than about 102 KB
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass
class Written:
    files: list[Path] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def email(root: Path, day: str | None = None, *, as_of: date | None = None,
          html: bool = False, now: datetime | None = None) -> Written:
    problems = Problems()
    config = load_config(root, problems)
    output, where, line = output_folder(config, None)
    if (root / EMAIL_FOLDER).resolve().is_relative_to(output := output.resolve()):
        shown = output.relative_to(root.resolve()).as_posix() \
            if output.is_relative_to(root.resolve()) else str(output)
        raise SiteError([Problem(where, line, f"the output folder {shown}/ is "
                                 "where `cswgen email` writes its drafts, and everything in "
                                 "the output folder is published; choose another output "
                                 "folder, such as \"output\"")])
    options = Options(as_of=as_of or today_in(config.week.timezone), drafts=False,
                      portable=False)
    theme_chain = theme_chain_of(config, problems)
    strings = catalogue.load(config, theme_chain, problems)
    content = load_content(config, problems, drafts=False)
    site = assemble(config, content, options, problems)
    cache_root = root / CACHE_FOLDER
    steps = load_steps(cache_root)  # what the last build converted
    bodies = convert_bodies(site, problems, steps,
                            footnote_back=catalogue.plain(strings, "footnote_back"))
    photos = Photos.for_site(site, content.pictures, cache_root)
    photos.prepare(bodies, problems)
    editions = [Edition(config.site.language, "", site, bodies, photos, strings),
                *other_editions(config, content, options, theme_chain, cache_root, steps,
                                problems, site)]
    stop_on_errors(problems)
    keep_steps(steps, cache_root, in_memory=False)

    mailers = [_mailer(e, theme_chain, root, config.site.base_url, options.as_of)
               for e in editions]
    views = mailers[0][1].views
    moment = now or datetime.now(ZoneInfo(config.week.timezone))
    # (a day that is not one: before any folder is made)
    later = [d for d in scheduled(site) if isinstance(d, Day)]
    drafts = sorted(p for p in content.drafts if p.startswith("content/days/"))
    if not views.days and (day is None or not (later or drafts)):
        raise SiteError([Problem("content/days", 0, no_days(config.week.dates[0],
                                                            options.as_of))])
    # (DAY in any of the site's languages: `jumanne` names Tuesday's draft in each)
    dates = {d["date"] for d in chosen([d for _, m in mailers for d in m.views.days], day,
                                       later=later, as_of=options.as_of, drafts=drafts)}
    folder = root / EMAIL_FOLDER
    folder.mkdir(exist_ok=True)
    written = Written()
    record = Record(folder)
    for view, mailer, suffix in sorted([(d, m, suffix) for suffix, m in mailers
                                        for d in m.views.days if d["date"] in dates],
                                       key=lambda each: each[0]["date"]):
        draft = mailer.draft(view)
        draft = replace(draft, name=draft.name + suffix)
        eml = folder / f"{draft.name}.eml"
        for path in [eml, *([folder / f"{draft.name}.html"] if html else [])]:
            if not record.ours(path):
                problems.warning(f"{EMAIL_FOLDER}/{path.name}", 0, "has changed since "
                                 "cswgen wrote it, so it is kept as it is and no new draft "
                                 "was written; to get one, rename this file (to keep your "
                                 "changes) or delete it, then run cswgen email again")
                continue
            if path == eml:
                path.write_bytes(draft.message(moment).as_bytes())
            else:
                write_standalone(draft, folder, record, problems)
            record.wrote(path)
            written.files.append(path)
        if len(draft.html.encode("utf-8")) > HTML_LIMIT:
            problems.warning(f"{EMAIL_FOLDER}/{eml.name}", 0,
                             f"the email's HTML is over {HTML_LIMIT // 1000} KB, so Gmail "
                             "will cut it short; shorten the day's events or descriptions")
    written.warnings = sorted(problems.warnings)
    return written


class Record:
    """What cswgen wrote in email/: each file's path there and a digest of its bytes, kept
    in `email/.cswgen-drafts`, so that a draft someone changed (their own words added to
    the HTML for a newsletter tool, or a picture beside it replaced) is never written
    over.  The drafts in an email/ folder without one were written before cswgen kept it:
    they are taken as its own, as they are now."""

    NAME = ".cswgen-drafts"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / self.NAME
        self.digests: dict[str, str]
        try:
            loaded = json.loads(self.path.read_bytes())
            self.digests = {str(k): str(v) for k, v in loaded.items()}
        except FileNotFoundError:
            self.digests = {p.name: file_digest_of(p) for p in sorted(folder.iterdir())
                            if p.suffix in (".eml", ".html") and p.is_file()}
        except (OSError, ValueError, AttributeError):
            self.digests = {}  # unreadable: nothing there is known to be cswgen's

    def ours(self, path: Path, *, unrecorded: bool = False) -> bool:
        """Whether cswgen may write `path`: not there, or as cswgen last wrote it
        (`unrecorded`: or not in the record, as the pictures beside an HTML draft were
        not before cswgen kept theirs)."""
        if not path.exists():
            return True
        found = file_digest_of(path)  # (a folder in its place: refused, and said plainly)
        return self.digests.get(self._key(path), found if unrecorded else None) == found

    def wrote(self, path: Path) -> None:
        self.digests[self._key(path)] = file_digest_of(path)
        write_atomic(self.path, json.dumps(self.digests, indent=1, sort_keys=True)
                     .encode("utf-8"))

    def _key(self, path: Path) -> str:
        return path.relative_to(self.folder).as_posix()  # (a draft's: its name)


def write_standalone(draft: Draft, folder: Path, record: Record, problems: Problems) -> Path:
    """`<date>-<slug>.html`, its pictures in `<date>-<slug>_files/` beside it (as a browser
    saves a page; a newsletter tool takes both, zipped): `cid:` means something only inside
    the message.  Pictures a former run left there that this one has not are removed; a
    picture someone replaced is kept, as a draft someone changed is."""
    pictures = folder / f"{draft.name}_files"
    html, files = draft.standalone(pictures.name)
    if files:
        pictures.mkdir(exist_ok=True)
        for name, data in files.items():
            picture = pictures / name
            if not record.ours(picture, unrecorded=True):
                problems.warning(f"{EMAIL_FOLDER}/{pictures.name}/{name}", 0, "has changed "
                                 "since cswgen wrote it, so it is kept as it is (the HTML "
                                 "beside it shows it); to get cswgen's picture again, delete "
                                 "it, then run cswgen email --html again")
                continue
            picture.write_bytes(data)
            record.wrote(picture)
    if pictures.is_dir():
        for old in pictures.iterdir():
            if old.name not in files and old.is_file() and re.fullmatch(
                    r"(?:day|logo|person\d+)\.(?:jpe?g|png)", old.name) \
                    and record.ours(old, unrecorded=True):
                old.unlink()
        with contextlib.suppress(OSError):
            pictures.rmdir()  # (only when empty)
    page = folder / f"{draft.name}.html"
    page.write_text(html, "utf-8")
    return page


def _mailer(edition: Edition, theme_chain: list[Theme], root: Path, base_url: str,
            as_of: date) -> tuple[str, Mailer]:
    """The drafts of one language's edition, and what their files' names end with: "" for
    the default language, `.sw` for Swahili (`2026-10-06-tuesday.sw.eml`)."""
    hidden = teasers(edition.site)  # a day not yet revealed: none of its text
    views = Views(edition.site, {key: body for key, body in edition.bodies.items()
                                 if key not in hidden},
                  edition.photos, Words(edition.strings, edition.tag), edition.folder)
    renderer = Renderer(theme_chain, root, portable=False,
                        base_path=urlsplit(base_url).path or "/")
    return (f".{edition.tag}" if edition.folder else ""), Mailer(
        views, renderer, sitewide.common(views, as_of, edition.strings))


def chosen(days: list[View], wanted: str | None, *, later: list[Day] | None = None,
           as_of: date | None = None, drafts: list[str] | None = None) -> list[View]:
    """The days DAY names: a date (2026-10-06), a weekday in English or the site's
    language (tuesday, mardi; in English also as front matter takes it: tue, Tues), or a
    day's slug or title; every day without DAY.  A day among `later` (published on a later date)
    is named with the reason it has no email yet."""
    if wanted is None:
        return days
    found = _matching(days, wanted)
    held = _matching([{"date": d.date.isoformat(), "slug": d.slug, "entry": d,
                       "weekday": WEEKDAYS[d.date.weekday()], "title": d.title}
                      for d in later or []], wanted)
    if not found and held and as_of is not None:
        day: Day = held[0]["entry"]
        when = day.publish.isoformat() if day.publish else ""
        raise SiteError([Problem(day.path, day.line_of("publish"),
                                 f"{day.title} is left out of the site until {when} (its "
                                 f"`publish` date), so as of {as_of.isoformat()} it has no "
                                 f"email; write it with --as-of {when} or later, or change "
                                 "`publish`")])
    key = wanted.strip().casefold()
    if not found and (draft := next((d for d in drafts or []
                                     if draft_name(d).casefold() == key), None)) is not None:
        raise SiteError([Problem(draft, 0, "this day is marked as a draft (its `draft` "
                                 "line), and a draft has no email; once the day is ready, "
                                 "remove that line")])
    if not found:
        known = ", ".join(dict.fromkeys(f"{d['date']} ({d['slug']})" for d in days)) \
            or "none"
        also = f"; the drafts, which have no email, are {', '.join(drafts)}" if drafts \
            else ""
        raise SiteError([Problem("content/days", 0,
                                 f"no day of the week is {wanted!r}: give a date, a weekday, "
                                 f"a day's slug or its title; the days are {known}{also}")])
    return found


def no_days(first: date, as_of: date) -> str:
    """Why there is no email to write: no day has a page published as of `as_of`."""
    example = f" --date {first.isoformat()}"
    return (f"no day of the week has a page published as of {as_of.isoformat()}, so there "
            "is no email to write (each one is a day's theme and programme); add a day with: "
            f"cswgen add day \"Theme of the day\"{example}")


def _matching(days: list[View], wanted: str) -> list[View]:
    key = " ".join(wanted.split()).casefold()
    found = [d for d in days if key in (d["date"], d["slug"].casefold(), d["weekday"].casefold(),
                                        WEEKDAYS[date.fromisoformat(d["date"]).weekday()],
                                        " ".join(d["title"].split()).casefold())]
    if not found and (index := weekday_index(key)) is not None:  # `tue`, as front matter
        found = [d for d in days if date.fromisoformat(d["date"]).weekday() == index]
    return found
