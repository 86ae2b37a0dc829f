"""A site's editions: the default language's, and one for each of `[site] languages`.

Each edition is a whole site of its own (the model's `Site`, its bodies and photos, its
words) whose pages go in its language's folder: the default at the root, Swahili under
`sw/`.  The other languages' content is the default one's with translations in place
(`model.languages`); what their reading and checking finds is reported only for the
translations themselves, since the originals' problems were reported already.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from cswgen.core import cldr
from cswgen.core.cache import Cache
from cswgen.core.errors import Problems
from cswgen.model.bodies import convert_bodies
from cswgen.model.languages import (
    folder_of,
    in_language,
    originals,
    translated_elsewhere,
    untranslated,
)
from cswgen.model.photos import Photos
from cswgen.model.rendered import Rendered
from cswgen.model.site import Options, Site, StaffLink, assemble, section_paths
from cswgen.read import catalogue, themes
from cswgen.read.catalogue import Catalogue
from cswgen.read.place import CONFIG_NAME
from cswgen.read.records import Content, Entry, Honour
from cswgen.read.settings import IN_LANGUAGE, SiteConfig
from cswgen.read.slugs import name_key
from cswgen.read.translations import INHERITED


@dataclass
class Edition:
    tag: str
    folder: str  # "" or `sw/`
    site: Site
    bodies: dict[str, Rendered]
    photos: Photos
    strings: Catalogue


def other_editions(config: SiteConfig, content: Content, options: Options,
                   theme_chain: list[themes.Theme], cache_root: Path, steps: Cache | None,
                   problems: Problems, default_site: Site) -> list[Edition]:
    """The editions of the site's languages after the default one; `default_site`: the
    default language's, where a link to a page another language leaves out goes."""
    editions: list[Edition] = []
    default = config.site.language
    omit = config.site.untranslated == "omit"
    for tag in config.site.tags[1:]:
        own = Problems()
        site = assemble(config.for_language(tag), in_language(content, tag, omit, options.as_of),
                        options, own)
        site.elsewhere = translated_elsewhere(content, config.site.tags, tag,
                                              default_site.urls, options.as_of)
        if omit:
            site.elsewhere.update({e.key: "/" + default_site.urls[e.key]
                                   for e in untranslated(content, tag, options.as_of)
                                   if e.key in default_site.urls})
            _staff_elsewhere(site, default_site)
            site.sections_elsewhere = _sections_elsewhere(site, default_site)
            site.menu_elsewhere = [p for p in default_site.menu() if p.key in site.elsewhere]
            site.days_elsewhere = [d for d in default_site.days if d.key in site.elsewhere]
        before = originals(content, tag)
        for key, original in before.items():
            if key in site.urls:  # a link to the original file reaches the translation
                site.urls.setdefault(original.key, site.urls[key])
        site.award_names = _award_names(site, before)
        strings = catalogue.load(config, theme_chain, problems, tag)
        bodies = convert_bodies(site, own, steps,
                                footnote_back=catalogue.plain(strings, "footnote_back"))
        photos = Photos.for_site(site, content.pictures, cache_root)
        photos.prepare(bodies, own)
        translations = {e.path for e in content.translations.get(tag, [])}
        # (a field a translation takes from its original: the original's problem, said)
        problems.items.extend(p for p in own.items if p.path in translations
                              and p.line != INHERITED)
        editions.append(Edition(tag, folder_of(tag, default), site, bodies, photos, strings))
    return editions


def _award_names(site: Site, before: dict[str, Entry]) -> dict[str, str]:
    """Each award name the language gives that stands for one award of the default
    language, which no other name of the language stands for or is: its name there (an
    award translated two ways, or also shown untranslated, keeps its names, so that no two
    groups share an address)."""
    stands_for: dict[str, set[str]] = {}
    for person in site.honour:
        original = before.get(person.key, person)
        named = original.award if isinstance(original, Honour) else person.award
        stands_for.setdefault(person.award or "", set()).add(named or "")
    single = {name: next(iter(names)) for name, names in stands_for.items() if len(names) == 1}
    taken = Counter(single.values())
    return {name: award for name, award in single.items()
            if taken[award] == 1 and (award == name or award not in stands_for)}


def _staff_elsewhere(site: Site, default: Site) -> None:
    """A name in a testimonial's `staff` whose honour-roll entry the language leaves out
    (untranslated = "omit") links to that entry in the default language."""
    away = {name_key(h.name): h for h in default.honour if h.key in site.elsewhere}
    for key, links in site.staff.items():
        site.staff[key] = [StaffLink(link.name, away.get(name_key(link.name)))
                           if link.honour is None else link for link in links]


def _sections_elsewhere(site: Site, default: Site) -> dict[str, str]:
    """Each section a language leaves out whole (untranslated = "omit": not one of its
    entries is translated) and the default language has: its page there, from the site's
    root.  The language's menu links to it, as to any page it leaves out, rather than to an
    empty list that says it will be published (it is, in the default language)."""
    own = section_paths(site)
    return {section: "/" + path for section, path in section_paths(default).items()
            if section not in own}


def report_untranslated(config: SiteConfig, content: Content, problems: Problems) -> None:
    """For `cswgen check`: each entry without a translation yet, per language, as a
    warning at the entry, naming the file its translation goes in."""
    omit = config.site.untranslated == "omit"
    for tag in config.site.tags[1:]:
        name = cldr.parse(tag).english_name
        shown = (f"it is left out of the pages under {tag.lower()}/ ([site] untranslated = "
                 "\"omit\")" if omit else
                 f"its page under {tag.lower()}/ shows it in "
                 f"{cldr.parse(config.site.language).english_name}")
        _report_words(config, tag, problems)
        for entry in untranslated(content, tag):
            folder, _, file = entry.path.removeprefix("content/").rpartition("/")
            stem, _, suffix = file.rpartition(".")
            beside = f"{folder}/{stem}.{tag}.{suffix}" if folder else f"{stem}.{tag}.{suffix}"
            how = (f"add the row to {beside}, with its "
                   f"{'customer' if entry.kind == 'testimonial' else 'name'} as it is here"
                   if entry.from_csv else f"translate it as {beside}")
            problems.warning(entry.path, entry.line, f"has no translation into {name} ({tag}) "
                             f"yet, so {shown}; {how}", sheet=entry.sheet)


def _report_words(config: SiteConfig, tag: str, problems: Problems) -> None:
    """For `cswgen check`: each of the site's words (`[site] title`, `[week] theme`...)
    that language `tag` does not give in a table of its own (`[site.fr]`) yet."""
    name = cldr.parse(tag).english_name
    given = config.words.get(tag, {})
    for section, keys in IN_LANGUAGE.items():
        settings = getattr(config, section)
        for key in keys:
            if getattr(settings, key) and f"{section}.{key}" not in given:
                problems.warning(CONFIG_NAME, config.line_of(f"{section}.{key}"),
                                 f"[{section}] {key} has no translation into {name} ({tag}) "
                                 f"yet, so the pages under {tag.lower()}/ show it as written "
                                 f"here; add it in {name} under [{section}.{tag}], like "
                                 f"{key} = \"...\"")
