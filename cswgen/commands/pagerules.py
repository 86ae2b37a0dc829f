"""`cswgen check`'s rules for the built pages, in every language: links and anchors that
go nowhere, each named at the content line or the template that wrote it, and a day's
page that a link reaches before the day reveals it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cswgen.commands.sourcelines import as_written, locate, needles, text_of
from cswgen.core.errors import Problems
from cswgen.core.week import long_label
from cswgen.model.languages import folder_of, in_language
from cswgen.model.sanitize import ROOT_SCHEME
from cswgen.model.site import CERTIFICATE, Options, Site, assemble, url_of
from cswgen.read import themes
from cswgen.read.records import Content, Day, Entry, Honour
from cswgen.read.settings import SiteConfig
from cswgen.render import htmlscan
from cswgen.render.templatekeys import TEMPLATE_OF

LIST_PAGES = {"index.html": "home", "testimonials/index.html": "testimonials",
              "honour-roll/index.html": "honour_roll", "404.html": "404"}


def other_languages(config: SiteConfig, content: Content,
                     options: Options) -> list[tuple[str, Site]]:
    """Each other language's folder (`fr/`) and site: its translations, and the originals
    it shows where a translation is missing."""
    default = config.site.language
    omit = config.site.untranslated == "omit"
    return [(folder_of(tag, default), assemble(config.for_language(tag),
                                               in_language(content, tag, omit, options.as_of),
                                               options, Problems()))
            for tag in config.site.tags[1:]]


def page_rules(site: Site, others: list[tuple[str, Site]], output: Path,
               theme_chain: list[themes.Theme], problems: Problems,
               missing: set[str]) -> None:
    """Broken links and anchors in the built pages, each at the file and line it came
    from: the content file whose body holds it (in any language), or the template (but
    for the theme's files `missing`, reported at their templates' lines already)."""
    sources: dict[str, Entry] = {}
    for folder, edition in [("", site), *others]:
        for entry in edition.entries():
            if entry.key in edition.urls:
                sources[folder + edition.urls[entry.key] + "index.html"] = entry
                if isinstance(entry, Honour):
                    sources[f"{folder}{url_of(entry)}{CERTIFICATE}index.html"] = entry
    scans: dict[str, htmlscan.Scan] = {}

    def scanned(page: str) -> htmlscan.Scan | None:
        if page not in scans:
            file = output / page
            if not file.is_file():
                return None
            scans[page] = htmlscan.scan(file.read_text("utf-8", errors="replace"))
        return scans[page]

    folders = tuple(folder for folder, _ in others)  # `sw/`: the default language's first

    def in_default(page: str) -> str:
        """The page's address in the default language."""
        return next((page.removeprefix(f) for f in folders if page.startswith(f)), page)

    reported: set[tuple[str, int, str, str, str]] = set()
    for page in sorted((f.relative_to(output).as_posix() for f in output.rglob("*.html")),
                       key=lambda page: (in_default(page) != page, page)):
        found = scanned(page)
        if (page.rpartition("/")[2] == "404.html" and page.count("/") <= 1) or found is None:
            continue  # served at any depth: its links start from base_url's path
        for link in found.links:
            if link.url.startswith(("mailto:", "tel:", "data:")) or link.url == "#":
                continue
            landing = htmlscan.target(page, link.url)
            wrong = _wrong(landing, page, link, output, scanned) if landing else None
            if wrong is None:
                continue
            origin = sources.get(page)
            path, line = _source(origin, link.url, page, theme_chain, site)
            written = as_written(text_of(origin, line), link.url) if origin else ""
            teaser = _teaser_at(landing, output, sources, site)
            if teaser is not None and landing:
                # (its headings come with its text, on its day: nothing to fix now)
                wrong = (f"the link {shown_url(link.url)} goes to #{landing[1]} on "
                         f"{landing[0]}, a day whose text is not shown until "
                         f"{long_label(teaser.date)} (reveal = \"daily\"), so that heading "
                         "cannot be checked yet; until then the link opens the top of the "
                         "day's page")
            target = sources.get(_file(output, landing[0]) or "") if landing else None
            if landing and landing[1] and target is not None and target.language \
                    and target.path != path and "which is not on" in wrong:
                # (the file to fix is the translation, which may have left it out)
                there = scanned(_file(output, in_default(landing[0])) or "")
                left_out = there is not None and landing[1] in there.ids
                wrong = wrong.replace(f"which is not on {landing[0]};", (
                    f"which is not on {landing[0]}, made from {target.path}"
                    + (", a translation without that heading (a translated heading's anchor "
                       "is made of its own words: keep the original's by writing "
                       f"{{#{landing[1]}}} after it)" if left_out else "")
                    + ";"))
            if line == 0 and path.endswith(".html") and landing and landing[0] in missing:
                continue
            if line == 0 and path.endswith(".html"):  # from a template: once per target
                wrong = wrong.replace(f" {shown_url(link.url)} goes to", " goes to")
                line, wrong = _in_template(site.config.root / path, landing, wrong,
                                           theme_chain)
            elif written:
                wrong = wrong.replace(f" {shown_url(link.url)} goes to", f" {shown_url(written)} "
                                      "goes to")
            # an untranslated page shows its original's text in every language: one
            # broken link there is one item, not one per language
            key = (path, line, link.tag, in_default(page), written or link.url)
            if line == 0 or key not in reported:
                reported.add(key)
                (problems.warning if teaser else problems.error)(path, line, wrong)


def _in_template(template: Path, landing: tuple[str, str] | None, wrong: str,
                 theme_chain: list[themes.Theme]) -> tuple[int, str]:
    """A template's broken link at the line that names its file (`{{ "brand.css" | asset
    }}`), and a theme file missing from assets/ with where to add it."""
    target = landing[0] if landing else ""
    name = target.rstrip("/").rpartition("/")[2]
    line = 0
    if name and template.is_file():
        lines = template.read_text("utf-8", errors="replace").split("\n")
        inside = target.removeprefix("assets/")
        line = next((n for n, text in enumerate(lines, 1) if inside in text), 0) or \
            next((n for n, text in enumerate(lines, 1) if name in text), 0)
    own = next((t for t in theme_chain if not t.builtin), None)
    if target.startswith("assets/") and own is not None:
        wrong = wrong.replace("; check the file name and folder (it must be under content/)",
                              f"; add it as themes/{own.name}/static/{target[7:]}, or "
                              "correct the name")
    return line, wrong


def _wrong(landing: tuple[str, str], page: str, link: htmlscan.Link, output: Path,
           scanned: Callable[[str], htmlscan.Scan | None]) -> str | None:
    """What is wrong with a link that lands on `landing`, or None when it works."""
    path, fragment = landing
    shown = "this page" if path == page else path or "the home page"
    if path.startswith(".."):
        return (f"the link {shown_url(link.url)} leads out of the site; link to a file under "
                "content/ instead")
    resolved = _file(output, path)
    if resolved is None:
        thing = "picture" if link.tag in ("img", "source") else "link"
        return (f"the {thing} {shown_url(link.url)} goes to {shown}, which is not in the built "
                "site; check the file name and folder (it must be under content/)")
    ids = scanned(resolved) if fragment and resolved.endswith(".html") else None
    if ids is not None and fragment not in ids.ids:
        return (f"the link {shown_url(link.url)} goes to #{fragment}, which is not on {shown}; "
                "check the heading it points to (a heading's anchor is its text in lower "
                "case with - for spaces, or set one with {#name})")
    return None


def _teaser_at(landing: tuple[str, str] | None, output: Path, sources: dict[str, Entry],
               site: Site) -> Day | None:
    """The day not revealed yet (reveal = "daily") whose page a link to an anchor lands
    on, if it does."""
    if not landing or not landing[1]:
        return None
    day = sources.get(_file(output, landing[0]) or "")
    return day if isinstance(day, Day) and site.is_teaser(day) else None


def _file(output: Path, path: str) -> str | None:
    """The output file a site path names (a folder means its index.html), if it exists."""
    candidates = [path + "index.html"] if path == "" or path.endswith("/") else \
        [path, path + "/index.html"]
    for candidate in candidates:
        if (output / candidate).is_file():
            return candidate
    return None


def _source(entry: Entry | None, url: str, page: str,
            theme_chain: list[themes.Theme], site: Site) -> tuple[str, int]:
    """The file and line a link in a built page came from: the content file whose body
    holds it, or else the theme template that renders the page."""
    if entry is not None:
        line = locate(entry, *needles(url), fallback=0)
        if line:
            return entry.path, line
    kind = entry.kind if entry is not None else LIST_PAGES.get(page, "page")
    if page.endswith(f"{CERTIFICATE}index.html"):
        kind = "certificate"
    name = TEMPLATE_OF.get(kind, "base.html")
    for theme in theme_chain:
        template = theme.templates / name
        if template.is_file():
            try:
                return template.relative_to(site.config.root).as_posix(), 0
            except ValueError:
                return f"{theme.name} theme: templates/{name}", 0
    return f"theme template {name}", 0


def shown_url(url: str) -> str:
    url = url.removeprefix(ROOT_SCHEME + ":")
    return url if len(url) <= 60 else url[:57] + "..."

