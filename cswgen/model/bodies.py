"""Every body of the site converted from Markdown to HTML, with its problems in entry
order."""

from __future__ import annotations

from dataclasses import replace

from cswgen.core.cache import Cache
from cswgen.core.errors import Problem, Problems
from cswgen.model.languages import by_folder
from cswgen.model.markup import Converter
from cswgen.model.rendered import Rendered
from cswgen.model.site import Site
from cswgen.read.records import Entry


def convert_bodies(site: Site, problems: Problems, cache: Cache | None = None, *,
                   footnote_back: str) -> dict[str, Rendered]:
    """Every published body from Markdown to HTML, with links resolved; the bodies of days
    that are still teasers too, so that their problems do not wait for that day's build,
    and, for the same reason, the errors in the bodies of entries not published now.
    Bodies the cache does not hold are converted on every core; the result, problems
    included, is the same as converting them one by one.  `footnote_back`: the label of a
    footnote's link back to the text, in the language of the site's pages."""
    config = site.config
    converter = Converter(config.root / "content", site.urls,
                          unsafe_html=config.build.unsafe_html, cache=cache,
                          unread=site.unread, withheld=site.withheld, elsewhere=site.elsewhere,
                          languages=by_folder(config.site.tags),
                          footnote_back=footnote_back, language=config.site.language)
    entries = site.entries()
    later = [e for e in site.unpublished if e.body.strip() and not e.inherited_body]
    converted = converter.convert_all(
        [(e.kept_body, e.path, e.body_line, language_of(e)) for e in [*entries, *later]],
        [e.body_digest for e in [*entries, *later]])
    bodies: dict[str, Rendered] = {}
    for entry, (body, found) in zip(entries, converted[:len(entries)], strict=True):
        # a translation without a body of its own shows its original's, whose problems
        # were reported for the original; a workbook row's text: about its sheet's row
        for problem in found if not entry.inherited_body else []:
            _report(problem, entry, problems)
        bodies[entry.key] = body
    for entry, (_, found) in zip(later, converted[len(entries):], strict=True):
        # A file published later: what will be an error on its day (a link to a file that
        # does not exist) is one today, so that the daily rebuild on the morning it goes
        # live does not fail.  Warnings wait for that day: a link to a page not published
        # yet may well be published by then.  (A file whose fields keep it out, such as a
        # day with a wrong date, has every error reported in one run, its body's too.)
        for problem in found:
            if problem.severity == "error":
                _report(problem, entry, problems)
    return bodies


def language_of(entry: Entry) -> str:
    """The language an entry's body is written in, when it is not the site's default
    (its `lang`, or its translation's), for the punctuation of its plain text; "" when it
    is.  A translation without a body of its own shows its original's."""
    if entry.written_in:
        return entry.written_in
    return "" if entry.inherited_body else entry.language


def _report(problem: Problem, entry: Entry, problems: Problems) -> None:
    problems.items.append(replace(problem, line=entry.line, sheet=entry.sheet)
                          if entry.sheet else problem)
