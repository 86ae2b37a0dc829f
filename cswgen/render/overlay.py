"""What `cswgen serve` adds to every page it serves, and nothing `cswgen build` writes: the
preview bar (the as-of date, a button per day of the week), the list of problems over the
page while the site cannot be built, and the as-of date for the theme's script.

Pure text in, text out; everything shown is escaped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from html import escape

from cswgen.core.errors import Problem
from cswgen.core.week import MONTHS, WEEKDAYS, long_label

CONTROL = "/__cswgen/"  # the server's own addresses; no site path starts with `__cswgen`
AS_OF_ACTION = CONTROL + "as-of"
GENERATION = CONTROL + "generation"  # how many times browsers were told to reload

# A page asks now and then whether the server has told browsers to reload since the page
# was served: a reload notice sent while the page was itself reloading (a file broken and
# fixed within a second) is otherwise missed, and the page stays on the problem list.
_CATCH_UP = """<script>(function(){var served="%s";
function look(){if(document.hidden)return;fetch("%s",{cache:"no-store"}).then(function(r){
return r.ok?r.text():"";}).then(function(now){if(now&&now!==served)location.reload();
}).catch(function(){});}setInterval(look,1500);})();</script>"""

# On a phone the bar sits at the end of the page, so it never covers the content; on wider
# screens it stays in view at the bottom.  Contrast is AA or better on every state.
_STYLE = """<style>
#cswgen-preview{position:relative;z-index:2147483600;margin:0;padding:.5rem .75rem;
background:#111827;color:#fff;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
border-top:3px solid #facc15;box-sizing:border-box;text-align:left}
#cswgen-preview *{box-sizing:border-box;font:inherit;color:inherit;margin:0}
#cswgen-preview form{display:flex;flex-wrap:wrap;align-items:center;gap:.375rem .5rem;
max-width:72rem;margin:0 auto}
#cswgen-preview p{flex:1 1 14rem;min-width:0}
#cswgen-preview .cswgen-later{flex-basis:100%;padding:.5rem 0;font-size:16px}
#cswgen-preview code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
overflow-wrap:anywhere}
#cswgen-preview .cswgen-days{display:flex;flex-wrap:wrap;gap:.375rem}
#cswgen-preview button{min-height:2.75rem;min-width:2.75rem;padding:.25rem .625rem;
border:1px solid #fff;border-radius:.375rem;background:#111827;color:#fff;cursor:pointer}
#cswgen-preview button[aria-current]{background:#facc15;border-color:#facc15;color:#111827;
font-weight:700}
#cswgen-preview button:hover{text-decoration:underline}
#cswgen-preview button:focus-visible{outline:3px solid #facc15;outline-offset:2px}
#cswgen-errors{position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:1rem;
background:rgba(17,24,39,.88);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
#cswgen-errors .cswgen-panel{max-width:60rem;margin:2rem auto;padding:1.25rem 1.5rem;
background:#fff;color:#111827;border-top:6px solid #b91c1c;border-radius:.5rem}
#cswgen-errors h2{margin:0 0 .5rem;font-size:1.375rem;color:#b91c1c}
#cswgen-errors ol{margin:1rem 0;padding-left:1.5rem}
#cswgen-errors li{margin:.375rem 0}
#cswgen-errors code{font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;
white-space:pre-wrap;overflow-wrap:anywhere}
@media (min-width:48rem){#cswgen-preview{position:sticky;bottom:0}}
@media print{#cswgen-preview,#cswgen-errors{display:none}}
</style>"""


@dataclass(frozen=True)
class State:
    """What the preview shows besides the site."""

    as_of: date
    week: tuple[date, ...] = ()  # the days of the week, for the buttons
    drafts: bool = False
    problems: tuple[Problem, ...] = ()  # of the last build when it failed, else empty
    generation: int = 0  # how many times browsers were told to reload (see `GENERATION`)
    # the pages not published yet on `as_of`, by address ("testimonials/rudo-m/"): the file
    # and its `publish` date, said on the not-found page a visit to one of them gets
    later: Mapping[str, tuple[str, date]] = field(default_factory=dict)


def decorate(page: str, path: str, state: State) -> str:
    """A served HTML page with the preview's additions; `path` is its address."""
    head = (f'<meta name="cswgen-preview-date" content="{state.as_of.isoformat()}">'
            + _STYLE)
    body = bar(state, path) + (overlay(state.problems) if state.problems else "") \
        + _CATCH_UP % (state.generation, GENERATION)
    page = _insert(page, "</head>", head, last=False)
    return _insert(page, "</body>", body, last=True)


def bar(state: State, path: str) -> str:
    buttons = []
    for day in state.week:
        current = ' aria-current="date"' if day == state.as_of else ""
        label = f"{WEEKDAYS[day.weekday()][:3].title()} {day.day} {MONTHS[day.month - 1][:3]}"
        buttons.append(f'<button type="submit" name="as_of" value="{day.isoformat()}"'
                       f"{current}>{escape(label)}</button>")
    buttons.append('<button type="submit" name="as_of" value="today">Today</button>')
    drafts = " (drafts included)" if state.drafts else ""
    return (
        '<aside id="cswgen-preview" aria-label="Preview">'
        f'<form method="post" action="{AS_OF_ACTION}">'
        f'<input type="hidden" name="next" value="{escape(path)}">'
        + _not_yet(state, path) +
        f"<p>Preview of the site as on <strong>{escape(long_label(state.as_of))}</strong>"
        f"{drafts}. See it as on:</p>"
        f'<div class="cswgen-days">{"".join(buttons)}</div>'
        "</form></aside>"
    )


def _not_yet(state: State, path: str) -> str:
    """Why the page at `path` is not found on the preview's date, when it is one not
    published yet (a file with a later `publish` date): "" for any other address."""
    address = path.lstrip("/").removesuffix("index.html")
    found = state.later.get(address if address.endswith("/") or not address
                            else address + "/")
    if found is None:
        return ""
    source, day = found
    return ('<p class="cswgen-later" role="status"><strong>Not published yet:</strong> '
            f"{escape(source)} has <code>publish: {day.isoformat()}</code>, so visitors see "
            f"this page from {escape(long_label(day))}. To see it here, choose a day on or "
            f"after that date below, or run <code>cswgen serve --as-of {day.isoformat()}"
            "</code>.</p>")


def overlay(problems: tuple[Problem, ...]) -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    items = "".join(f"<li><code>{escape(str(p))}</code></li>" for p in problems)
    return (
        '<div id="cswgen-errors" role="alert"><div class="cswgen-panel">'
        f"<h2>The site cannot be built: {errors} error{'s' if errors != 1 else ''}</h2>"
        "<p>Fix what is listed below and save: this page reloads by itself. Until then the "
        "preview shows the last build that worked.</p>"
        f"<ol>{items}</ol></div></div>"
    )


def empty_page(title: str) -> str:
    """A page for an address with nothing to show (no build has worked yet, or not found)."""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport"'
            f' content="width=device-width, initial-scale=1"><title>{escape(title)}</title>'
            f"</head><body><main><h1>{escape(title)}</h1></main></body></html>")


def safe_next(path: str) -> str:
    """Where to go back to after changing the date: a path on this server, nowhere else."""
    if not path.startswith("/") or path.startswith("//") or "\\" in path \
            or any(ord(c) < 32 for c in path):
        return "/"
    return path


def _insert(page: str, tag: str, text: str, *, last: bool) -> str:
    lowered = page.lower()
    at = lowered.rfind(tag) if last else lowered.find(tag)
    if at < 0:
        return page + text if last else text + page
    return page[:at] + text + page[at:]
