"""How the lists that grow with the organisation (testimonials, an award's people) are
split into pages of a size a phone can scroll, and linked to each other."""

from __future__ import annotations

from typing import Any

View = dict[str, Any]  # (what `views` names it, as every page's data is)

TESTIMONIALS_PER_PAGE = 24
AWARD_INLINE = 48  # an award with more people than this gets pages of its own ...
AWARD_PER_PAGE = 96  # ... this many people to a page, with A-Z jump links
AWARD_PREVIEW = 6  # ... and the honour roll shows this many of them


def chunks(items: list[View], size: int) -> list[list[View]]:
    """`items` in pages of `size`; an empty list is still one (empty) page."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [[]]


def paged_path(base: str, number: int) -> str:
    """`testimonials/` for page 1, `testimonials/page/2/` for page 2."""
    return base if number == 1 else f"{base}page/{number}/"


def pagination(base: str, number: int, count: int) -> View | None:
    """Links between the pages of one list: previous, next, and the page numbers around
    this one (with the first and last; None marks a gap)."""
    if count <= 1:
        return None
    shown = sorted({1, count, *range(max(1, number - 2), min(count, number + 2) + 1)})
    pages: list[View | None] = []
    for n in shown:
        if pages and pages[-1] is not None and n - pages[-1]["number"] > 1:
            pages.append(None)
        pages.append({"number": n, "path": paged_path(base, n), "current": n == number})
    return {"number": number, "count": count, "pages": pages,
            "previous": paged_path(base, number - 1) if number > 1 else None,
            "next": paged_path(base, number + 1) if number < count else None}
