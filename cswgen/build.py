"""`cswgen build`: the whole build as one readable function.

Phase 1 reads and checks everything (config, content, links, theme) and stops with every
problem found.  Phase 2 renders and writes into a staging folder that replaces the output
folder only when complete.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from cswgen import calendar, feeds, themes
from cswgen.config import SiteConfig, load_config, today_in
from cswgen.content import Day, load_content
from cswgen.errors import Problem, Problems, SiteError
from cswgen.markup import Converter, Rendered
from cswgen.model import Options, Site, assemble
from cswgen.templates import Renderer
from cswgen.views import Views
from cswgen.writer import Staging, check_output


@dataclass
class Result:
    output: Path
    pages: int
    files: int
    seconds: float
    warnings: list[Problem] = field(default_factory=list)


def output_folder(config: SiteConfig, override: Path | None) -> tuple[Path, str, int]:
    """Where to write, and where that choice was made (for messages)."""
    if override is not None:
        return override, "--output", 0
    line = config.lines.get("build.output", 0)
    return config.root / config.build.output, "config.toml", line


def build(root: Path, *, as_of: date | None = None, drafts: bool = False,
          portable: bool = False, output: Path | None = None) -> Result:
    started = time.perf_counter()
    problems = Problems()

    # Phase 1: read and check everything; nothing is written yet.
    config = load_config(root, problems)
    options = Options(as_of=as_of or today_in(config.week.timezone), drafts=drafts,
                      portable=portable)
    target, where, line = output_folder(config, output)
    theme_chain: list[themes.Theme] = []
    try:
        check_output(target, root, where, line)
    except SiteError as exc:  # reported with the content's problems, in one run
        problems.items.extend(exc.problems)
    try:
        theme_chain = themes.chain(config)
    except SiteError as exc:
        problems.items.extend(exc.problems)
    content = load_content(config, problems, drafts=drafts)
    site = assemble(config, content, options, problems)
    bodies = convert_bodies(site, problems)
    if problems.errors:
        raise SiteError(sorted(problems.errors) + sorted(problems.warnings))

    # Phase 2: render and write into a staging folder, then swap it in.
    views = Views(site, bodies)
    base_path = urlsplit(config.site.base_url).path or "/"
    renderer = Renderer(theme_chain, root, portable=portable, base_path=base_path)
    common = {"site": views.site_view(), "week": views.week_view(), "nav": views.nav(),
              "as_of": options.as_of.isoformat()}
    staging = Staging(target)
    try:
        pages = views.pages()
        for view in pages:
            path = view["path"] if view["path"].endswith(".html") else view["path"] + "index.html"
            staging.write(path, renderer.render(view, common).encode("utf-8"))
        staging.write("feed.xml", feeds.atom_feed(site, views.testimonials))
        staging.write("week.ics", calendar.week_ics(site))
        staging.write("robots.txt", feeds.robots(site))
        if config.site.base_url:
            staging.write("sitemap.xml", feeds.sitemap(
                site, [v["path"] for v in pages if v["kind"] not in ("404", "certificate")]))
        files = copy_files(site, theme_chain, staging)
        staging.commit()
    except BaseException:
        staging.abort()
        raise
    return Result(output=target, pages=len(pages), files=files,
                  seconds=time.perf_counter() - started, warnings=sorted(problems.warnings))


def convert_bodies(site: Site, problems: Problems) -> dict[str, Rendered]:
    """Every published body from Markdown to HTML, with links resolved."""
    config = site.config
    converter = Converter(config.root / "content", site.urls,
                          unsafe_html=config.build.unsafe_html)
    bodies: dict[str, Rendered] = {}
    for entry in site.entries():
        rendered = converter.convert(entry.body, entry.path, entry.body_line, problems)
        if isinstance(entry, Day) and site.is_teaser(entry):
            continue  # checked now, so a broken link does not wait for that day's rebuild
        bodies[entry.key] = rendered
    return bodies


def copy_files(site: Site, theme_chain: list[themes.Theme], staging: Staging) -> int:
    """The theme's static files to assets/ (the most specific theme wins), then content files."""
    copied = 0
    seen: set[str] = set()
    for theme in theme_chain:
        if not theme.static.is_dir():
            continue
        for source in sorted(theme.static.rglob("*")):
            relative = source.relative_to(theme.static).as_posix()
            if not source.is_file() or relative in seen or source.name.startswith("."):
                continue
            seen.add(relative)
            staging.copy(f"assets/{relative}", source)
            copied += 1
    content_dir = site.config.root / "content"
    for relative in site.files:
        staging.copy(relative, content_dir / relative)
        copied += 1
    return copied
