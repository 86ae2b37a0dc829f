"""Every body of the site converted from Markdown to HTML, with its problems in entry
order."""

from __future__ import annotations

from dataclasses import replace

from cswgen.core.cache import Cache
from cswgen.core.errors import Problems
from cswgen.model.markup import Converter, Rendered
from cswgen.model.site import Site


def convert_bodies(site: Site, problems: Problems,
                   cache: Cache | None = None) -> dict[str, Rendered]:
    """Every published body from Markdown to HTML, with links resolved; the bodies of days
    that are still teasers too, so that their problems do not wait for that day's build.
    Bodies the cache does not hold are converted on every core; the result, problems
    included, is the same as converting them one by one."""
    config = site.config
    converter = Converter(config.root / "content", site.urls,
                          unsafe_html=config.build.unsafe_html, cache=cache)
    entries = site.entries()
    converted = converter.convert_all([(e.body, e.path, e.body_line) for e in entries],
                                      [e.body_digest for e in entries])
    bodies: dict[str, Rendered] = {}
    for entry, (body, found) in zip(entries, converted, strict=True):
        # a translation without a body of its own shows its original's, whose problems
        # were reported for the original; a workbook row's text: about its sheet's row
        for problem in found if not entry.inherited_body else []:
            problems.items.append(replace(problem, line=entry.line, sheet=entry.sheet)
                                  if entry.sheet else problem)
        bodies[entry.key] = body
    return bodies
