"""The site as it will be published: which entries appear, at which URL, linked to whom.

Takes the records from `content` and decides, with no I/O: what `--as-of` and `--drafts`
leave in, which days are teasers, each page's URL (a `/`-separated path relative to the
site root, ending in `/` for a page), which honour-roll entry each staff name links to
(`staff`), which two files claim one URL, and which two days fall on one date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from cswgen.core.errors import Problems
from cswgen.core.week import long_label
from cswgen.read.dates import written_otherwise
from cswgen.read.records import Content, Day, Entry, Honour, Page, Policy, Testimonial
from cswgen.read.settings import SiteConfig

# Output paths the build writes itself; a page or file of the user's may not claim them.
GENERATED = ("index.html", "feed.xml", "week.ics", "robots.txt", "sitemap.xml", "404.html",
             "screen/build.json")  # (the lobby screen looks there for a newer build)
SITE_WIDE = ("robots.txt", "sitemap.xml")  # (the others: in each language's folder too)
SECTIONS = ("days", "testimonials", "honour-roll", "policy", "assets", "programme", "screen")
# the sections whose page is a list, from a language's folder (published even when empty)
LISTS = {"testimonials": "testimonials/", "honour-roll": "honour-roll/"}
# What the build writes in an entry's folder besides its page (see `_beside`); render
# writes them by these names.
POSTER = "poster/"  # a day's poster, a page to print
CERTIFICATE = "certificate/"  # an honour-roll person's certificate, a page to print
SHARE_IMAGE = "share.png"  # a link preview's picture when base_url is set (the site's at the root)


@dataclass(frozen=True)
class Options:
    as_of: date
    drafts: bool = False
    portable: bool = False


@dataclass
class StaffLink:
    name: str  # as the testimonial wrote it
    honour: Honour | None


@dataclass
class Site:
    config: SiteConfig
    options: Options
    home: Page | None
    policy: Policy | None
    days: list[Day]
    testimonials: list[Testimonial]
    honour: list[Honour]
    pages: list[Page]
    files: list[str]
    urls: dict[str, str] = field(default_factory=dict)  # source path -> page URL
    staff: dict[str, list[StaffLink]] = field(default_factory=dict)  # testimonial path+line
    praised: dict[str, list[Testimonial]] = field(default_factory=dict)  # honour URL -> quotes
    # entries not published, whose bodies are checked all the same (see `convert_bodies`):
    # those with a later `publish` date, and those whose fields keep them out (`unplaced`)
    unpublished: list[Entry] = field(default_factory=list)
    unread: set[str] = field(default_factory=set)  # see `Content.unread`
    withheld: set[str] = field(default_factory=set)  # files left out for lack of consent
    # entries whose pages are in another language's folder, by key, each with that page
    # from the site's root: the translations into the other languages (`/sw/policy/`), and
    # on another language's site, with untranslated = "omit", the entries it leaves out
    # for want of a translation (`/policy/`, in the default language)
    elsewhere: dict[str, str] = field(default_factory=dict)
    # (another language's site) each award as this language names it -> as the default
    # language does, so that an award's pages are at the same address in every language
    award_names: dict[str, str] = field(default_factory=dict)
    # (another language's site, with untranslated = "omit") each section it has nothing
    # of and the default language has ("days", "testimonials", "honour-roll", "policy"):
    # that section's page there from the site's root (`/honour-roll/`), where the menu goes
    sections_elsewhere: dict[str, str] = field(default_factory=dict)
    # (the same) the default language's menu pages it leaves out, linked to there
    menu_elsewhere: list[Page] = field(default_factory=list)
    # (the same) the default language's days it leaves out, which the week's status line
    # links to there on their day
    days_elsewhere: list[Day] = field(default_factory=list)

    def is_teaser(self, day: Day) -> bool:
        return self.config.week.reveal == "daily" and day.date > self.options.as_of

    def staff_of(self, testimonial: Testimonial) -> list[StaffLink]:
        return self.staff.get(testimonial.key, [])

    def entries(self) -> list[Entry]:
        """Every published entry: home, policy, days, testimonials, honour roll, pages."""
        singles: list[Entry] = [e for e in (self.home, self.policy) if e is not None]
        return [*singles, *self.days, *self.testimonials, *self.honour, *self.pages]

    def menu(self) -> list[Page]:
        return sorted((p for p in self.pages if p.menu is not None),
                      key=lambda p: (p.menu or 0, p.title.casefold()))


_FOLDER_OF = {"day": "days/", "testimonial": "testimonials/", "honour": "honour-roll/",
              "page": ""}


def url_of(entry: Entry) -> str:
    if entry.kind == "home":
        return ""
    if entry.kind == "policy":
        return "policy/"
    return f"{_FOLDER_OF[entry.kind]}{entry.slug}/"


def award_key(award: str) -> str:
    """What an award's spellings in a spreadsheet share (`Team award`, `Team  Award`): one
    award, listed once on the honour roll, not a group for each spelling in turn."""
    return " ".join(award.casefold().split())


def section_paths(site: Site) -> dict[str, str]:
    """Where each section a site has entries in starts, from its language's folder: the
    first day's page, the testimonials' and the honour roll's lists, the policy.  The one
    place these addresses are made: the menu's links and, for a language that leaves a
    section out whole (untranslated = "omit"), its links to the default language's."""
    found: dict[str, str] = {}
    if site.days:
        found["days"] = url_of(site.days[0])
    if site.testimonials:
        found["testimonials"] = LISTS["testimonials"]
    if site.honour:
        found["honour-roll"] = LISTS["honour-roll"]
    if site.policy:
        found["policy"] = url_of(site.policy)
    return found


def assemble(config: SiteConfig, content: Content, options: Options,
             problems: Problems) -> Site:
    """Decide what is published and where; record collisions and unknown staff names."""

    refused: list[Entry] = []  # left out only for lack of consent (the warning says why)

    def published(entry: Entry) -> bool:
        if entry.draft and not options.drafts:
            return False
        if entry.publish is not None and entry.publish > options.as_of:
            return False
        if _consented(entry, config, problems):
            return True
        refused.append(entry)
        return False

    days = sorted(filter(published, content.days), key=lambda d: (d.date, d.slug))
    testimonials = sorted(
        filter(published, content.testimonials),
        key=lambda t: (-(t.date or date.min).toordinal(), t.customer.casefold(), t.slug))
    honour = sorted(filter(published, content.honour),
                    key=lambda h: (h.award == "", award_key(h.award), h.name.casefold()))
    pages = sorted(filter(published, content.pages), key=lambda p: p.slug)
    home = content.home if content.home and published(content.home) else None
    policy = content.policy if content.policy and published(content.policy) else None

    site = Site(config=config, options=options, home=home, policy=policy, days=days,
                testimonials=testimonials, honour=honour, pages=pages,
                files=list(content.files),
                unpublished=[*(e for e in content.entries() if (options.drafts or not e.draft)
                               and e.publish is not None and e.publish > options.as_of),
                             *content.unplaced],
                unread=content.unread, withheld={e.path for e in refused})
    _claim_urls(site, problems)
    _one_day_a_date(site, problems)
    shown = {id(e) for e in (*honour, *refused)}
    from cswgen.model.staff import link_staff  # (which imports this module)

    link_staff(site, problems, [e for e in refused if isinstance(e, Honour)],
                [e for e in content.honour if id(e) not in shown],
                sorted(p for p in content.drafts if p.startswith("content/honour-roll/")))
    return site


def _consented(entry: Entry, config: SiteConfig, problems: Problems) -> bool:
    """With [build] require_consent, a testimonial, or an honour-roll entry with a photo, is
    published only when it records consent (`true` or the date it was given).  Without it,
    one that says `consent: false` is left out all the same: that is a no, written down."""
    if isinstance(entry, Testimonial):
        who = "the customer has agreed to publication"
    elif isinstance(entry, Honour) and entry.photo is not None:
        who = "the person has agreed to their photo being published"
    else:
        return True
    if entry.consent is True or isinstance(entry.consent, date):
        return True  # (ten thousand testimonials a build: no message made for them)
    example = (config.week.start - timedelta(days=21)).isoformat()
    if entry.consent is not False and not config.build.require_consent:
        if entry.consent_blank:  # (a form's consent box that was not ticked, most often)
            problems.warning(entry.path, entry.line, "this row's `consent` cell is empty, so "
                             f"nothing says that {who}, yet the row is published, as [build] "
                             "require_consent is off; once they have, write true or the date "
                             f"they agreed in the cell (like {example}); write no to leave "
                             "it out, or set require_consent = true in config.toml to "
                             "publish only the rows that record consent", sheet=entry.sheet)
        return True
    if entry.consent is False:
        problems.warning(entry.path, entry.line_of("consent"),
                         f"left out because `consent` is false; once {who}, "
                         + _written(entry, f"true or the date they agreed (like {example})")
                         + (", or remove the photo" if isinstance(entry, Honour) else ""),
                         sheet=entry.sheet)
        return False
    if isinstance(entry.consent, str):
        # a note is a record for the team; cswgen does not guess what a sentence means,
        # but a date written another way (15/09/2027, as Excel's CSV export writes a date
        # cell) is named as the date to write
        day = written_otherwise(entry.consent)
        agreed = f"({day.isoformat()}, if \"{entry.consent}\" is that day)" if day else \
            f"(like {example})"
        problems.warning(entry.path, entry.line_of("consent"),
                         f"left out because [build] require_consent is on and `consent` is a "
                         f"note (\"{entry.consent}\"), not a yes; once you have checked that "
                         f"{who}, " + _written(entry, f"true or the date they agreed {agreed}")
                         + (", and keep the note in a column of its own" if entry.from_csv
                            else ", and keep the note in a comment after #"),
                         sheet=entry.sheet)
        return False
    fix = f"true or the date they agreed (like {example})"
    problems.warning(entry.path, entry.line_of("consent"),
                     f"left out because [build] require_consent is on and this entry records "
                     f"no consent; once {who}, " + (
                         _written(entry, fix) if entry.consent_blank else
                         f"add a `consent` column with {fix}" if entry.from_csv else
                         f"add `consent:` {fix}")
                     + (", or remove the photo" if isinstance(entry, Honour) else ""),
                     sheet=entry.sheet)
    return False


def _written(entry: Entry, value: str) -> str:
    """How to write `value` as an entry's consent: in a row's `consent` cell (the row has
    one: its file has the column), else as the `consent:` field."""
    return f"write {value} in its `consent` cell" if entry.from_csv else \
        f"write `consent:` {value}"


def _beside(entry: Entry, shared: bool) -> list[tuple[str, str]]:
    """The files the build writes in an entry's folder besides its page, each with what it
    is (`shared`: base_url is set, so each day, testimonial and person has a share image)."""
    found = [(f"{POSTER}index.html", "its poster")] if entry.kind == "day" else \
        [(f"{CERTIFICATE}index.html", "its certificate")] if entry.kind == "honour" else []
    if shared and entry.kind in ("day", "testimonial", "honour"):
        found.append((SHARE_IMAGE, "its share image"))
    return found


def _claim_urls(site: Site, problems: Problems) -> None:
    owners: dict[str, str] = {}  # output file, case-folded -> who claimed it, for messages
    folders: dict[str, str] = {}  # a folder a claimed file needs, case-folded -> that file
    shared = bool(site.config.site.base_url)  # (share images are made only then)

    def new_folders(key: str) -> list[str]:
        """The folders a file needs (`key`: its path case-folded, which folds each
        character alone, so that its folders are the key's own prefixes) that no file
        claimed so far needs, innermost first: a folder known already has its own folders
        known (10,000 entries a build, most in a folder of their own in a known one)."""
        found = []
        end = key.rfind("/")
        while end != -1 and (folder := key[:end]) not in folders:
            found.append(folder)
            end = key.rfind("/", 0, end)
        return found

    def clash(output: str, key: str, needed: list[str]) -> str | None:
        """Why `output` cannot be written beside the files claimed so far, if it cannot:
        a file claims its path, needs a folder another claims as a file, or claims the
        path of a folder another needs."""
        if key in owners:
            return f"which {owners[key]} also claims"
        if key in folders:
            inner = folders[key]
            return (f"where cswgen needs a folder for {inner}, which "
                    f"{owners[inner.casefold()]} also claims")
        for folder in needed:
            if folder in owners:
                shown = "/".join(output.split("/")[:folder.count("/") + 1])
                return (f"which needs a folder {shown}, but {shown} is a file that "
                        f"{owners[folder]} also claims")
        return None

    def claim(output: str, owner: str, path: str, line: int, hint: str | Entry,
              sheet: str = "") -> bool:
        """`hint`: how to fix a clash, or the entry whose `slug` to change (`line`: -1 for
        the line of its `slug`)."""
        key = output.casefold()
        needed = new_folders(key)
        if (why := clash(output, key, needed)) is not None:
            if not isinstance(hint, str):  # (made only when needed: 10,000 entries a build)
                line = hint.line_of("slug") if line == -1 else line
                hint = ("if this is the same person, remove one of the two; if they are two "
                        "people, " if isinstance(hint, Honour) else "") \
                    + "give one of them a different `slug`" + (
                    f", like {hint.slug}-2 in this row's `slug` cell (add a `slug` column "
                    "if there is none)" if hint.from_csv else f", like slug: {hint.slug}-2")
            problems.error(path, line, f"this would be published as {output}, {why}; "
                           f"{hint}", sheet=sheet)
            return False
        owners[key] = owner
        for folder in needed:
            folders[folder] = output
        return True

    def hold(output: str, owner: str) -> None:
        key = output.casefold()
        owners[key] = owner
        for folder in new_folders(key):
            folders[folder] = output

    def claim_entry(entry: Entry, url: str) -> bool:
        if not claim(f"{url}index.html", entry.key, entry.path, -1, entry, entry.sheet):
            return False
        for name, what in _beside(entry, shared):
            claim(f"{url}{name}", f"{entry.key} ({what})", entry.path, -1, entry, entry.sheet)
        return True

    for name in (*GENERATED, *([SHARE_IMAGE] if shared else [])):
        hold(name, "cswgen itself (a generated file)")
    for section in SECTIONS:
        hold(f"{section}/index.html", f"cswgen's {section} section")
    for tag in site.config.site.tags[1:]:  # each other language's own files and sections
        folder = tag.lower()
        for name in GENERATED:
            if name not in SITE_WIDE:
                hold(f"{folder}/{name}", f"cswgen itself (a generated file, in {tag})")
        for section in SECTIONS:
            hold(f"{folder}/{section}/index.html", f"cswgen's {section} section in {tag}")
        hold(f"{folder}/index.html", f"cswgen's pages in {tag}")
    if site.policy:
        owners.pop("policy/index.html")
    for entry in site.entries():
        if entry.kind == "home":
            site.urls[entry.key] = ""  # index.html, written by cswgen itself
            continue
        if not entry.slug and entry.kind != "policy":
            continue  # no name to make an address from: reported as missing already
        url = url_of(entry)
        if entry.kind == "page" and entry.slug in SECTIONS:
            problems.error(entry.path, entry.line_of("slug"),
                           f"the page address /{entry.slug}/ is used by cswgen for its own "
                           "section; give this page a different `slug`")
            continue
        if claim_entry(entry, url):
            site.urls[entry.key] = url
    # a file published later claims its address today, so that a clash does not wait to
    # fail the daily rebuild on the morning it goes live
    for entry in scheduled(site):
        if entry.slug and entry.kind not in ("home", "policy") \
                and not (entry.kind == "page" and entry.slug in SECTIONS):
            claim_entry(entry, url_of(entry))
    for relative in site.files:
        if relative.split("/")[0] == "assets":
            problems.error(f"content/{relative}", 1, "content/assets/ is where the theme's "
                           "files are published; move this file to another folder, such as "
                           "content/files/")
            continue
        if owners.get(relative.casefold(), "").casefold() == f"content/{relative}".casefold():
            continue  # a name that differs only in case: `paths.check_names` said so
        claim(relative, f"content/{relative}", f"content/{relative}", 1,
              "rename or move the file")


def _one_day_a_date(site: Site, problems: Problems) -> None:
    """A date has one day page: two files for it would publish two programmes for one day
    (as `cswgen add day` for an existing day did)."""
    # (days published later too: a clash must not wait for the morning one goes live)
    later = [d for d in scheduled(site) if isinstance(d, Day)]
    days = sorted(site.days, key=lambda d: (d.date, d.path)) \
        + sorted(later, key=lambda d: (d.date, d.path))  # (the one published now comes first)
    first: dict[date, Day] = {}
    for day in days:
        first.setdefault(day.date, day)
    free = [d for d in site.config.week.dates if d not in first]
    for day in days:
        other = first[day.date]
        if other is day:
            continue
        move = (f"; or give one of them a date that has no day yet ("
                f"{', '.join(long_label(d) for d in free)})" if free else "")
        problems.error(day.path, _date_line(day), f"{other.path}:{_date_line(other)} is "
                       f"also {long_label(day.date)}, and a date has one day page; keep one "
                       f"of the two files: move what the other adds into it, then delete "
                       f"the other{move}")


def scheduled(site: Site) -> list[Entry]:
    """The entries left out now only because their `publish` date is later."""
    return [e for e in site.unpublished if not e.unplaced and e.publish is not None
            and e.publish > site.options.as_of]


def _date_line(day: Day) -> int:
    return day.lines.get("date", day.lines.get("day", day.line))
