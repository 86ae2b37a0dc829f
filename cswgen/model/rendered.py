"""A body converted from Markdown (by `markup`), as the stages after it use it: plain data,
so that reading one does not load Python-Markdown."""

from __future__ import annotations

from cswgen.core.kept import Kept, text_of

LEAD = 161  # characters of a body's text an excerpt is made from (`views.excerpt`)


class Rendered:
    """A body converted: its HTML, headings (`toc`: [{id, name, level, children}]) and
    plain text (for excerpts).  The HTML and text of one from the cache may be `Kept`
    apart (`kept_html`, `kept_text`), read only when asked for (`html`, `text`); `lead`,
    the text's start, is at hand either way."""

    __slots__ = ("_lead", "digest", "kept_html", "kept_text", "pictures", "toc")

    def __init__(self, html: str | Kept, toc: list[dict[str, object]] | None = None,
                 text: str | Kept = "", digest: str = "", pictures: bool | None = None,
                 lead: str | None = None) -> None:
        self.kept_html, self.kept_text = html, text
        self.toc = toc if toc is not None else []
        # of `html` and `text`, made once with them: page keys name a body by it
        # (SharedViews)
        self.digest = digest
        # whether `html` shows or links to a raster picture (`rasters.shows_pictures`),
        # found once with it: photos pass over the bodies that do neither; None: look
        self.pictures = pictures
        self._lead = lead

    @property
    def html(self) -> str:
        return text_of(self.kept_html)

    @property
    def text(self) -> str:
        return text_of(self.kept_text)

    @property
    def lead(self) -> str:
        return self._lead if self._lead is not None else self.text[:LEAD]
