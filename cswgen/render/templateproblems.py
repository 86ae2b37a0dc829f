"""What went wrong in a theme's template, said so that whoever wrote it can fix it: where
(the template and line an error came from, named from the site's folder), and what to
write instead (a field, macro, filter, test or variable there is not, with the nearest one
there is; a tag never closed, or an end tag that closes nothing; a template none of the
themes has).

No Jinja here: `templates`, the one module that imports it, hands over what Jinja knows
(the names of its filters and tests, a template's tokens, the templates there are) and
reports the problems worded here.
"""

from __future__ import annotations

import difflib
import re
import traceback
from collections.abc import Callable, Container, Iterable
from pathlib import Path
from typing import Any

from cswgen.core.errors import Problem
from cswgen.read.themes import Theme
from cswgen.render.templatekeys import TEMPLATE_SUFFIXES


def template_frame(exc: BaseException) -> tuple[str | None, int]:
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(TEMPLATE_SUFFIXES):
            return frame.filename, frame.lineno or 0
    return None, 0


def site_path(filename: str | Path | None, root: Path) -> str:
    """The file a problem names: its path from the site's folder `root`, as Jinja gave it
    when outside it, "themes" when Jinja gave none."""
    if not filename:
        return "themes"
    path = Path(filename)
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def not_a_field(name: str, holder: object) -> str:
    """A misspelt field (`page.titel`) named with the nearest field there is, not Jinja's
    "'dict object' has no attribute 'titel'"; `holder`: the value before `.name`."""
    if holder is None:  # page.person.photo.src for someone without a photo
        return (f"`{name}` cannot be read: the value before `.{name}` is empty on this "
                "page (an entry without that field); show it only when it is there, "
                "with {% if ... %} around the line")
    fields = [key for key in holder if isinstance(key, str)] \
        if isinstance(holder, dict) else []
    close = difflib.get_close_matches(name, fields, n=1, cutoff=0.6)
    hint = (f"did you mean `{close[0]}`?" if close else
            "check the name (cswgen/render/views.py, sitewide.py and lists.py list every "
            "field templates get; a site's own settings go in [extra] of config.toml)")
    return f"`{name}` is not a field of this value; {hint}"


def not_a_macro(name: str, module: str, macros: list[str]) -> str:
    """`ui.buton` for a file imported as `{% import ... as ui %}` (`module`), which has
    `macros`."""
    close = difflib.get_close_matches(name, macros, n=1)
    if close:
        return f"`{name}` is not a macro of {module}; did you mean `{close[0]}`?"
    return (f"`{name}` is not a macro of {module}; a theme's {module} replaces the "
            "whole file of the theme it extends, so copy into yours the macros you "
            "did not change (or give your own macros a file of another name)")


def no_label(key: str, labels: Iterable[object], theme: str, code: str) -> str:
    """A label no strings file gives (misspelt, or not yet in the theme's i18n/), with
    the nearest of `labels` or where to give it (`theme`'s file for language `code`)."""
    close = difflib.get_close_matches(str(key), [k for k in labels if isinstance(k, str)],
                                      n=1, cutoff=0.75)
    hint = (f"did you mean \"{close[0]}\"?" if close else
            f"give it in themes/{theme}/i18n/{code}.toml, like {key} = \"...\"")
    return f"there is no label \"{key}\"; {hint}"


def unfilled(key: str, missing: list[str], theme: str) -> str:
    """`t("msasa_banner")` for a label that says `{year}`: the value the call leaves out
    would be shown to visitors as "{year}"."""
    names = ", ".join("{" + name + "}" for name in missing)
    given = ", ".join(f"{name}=..." for name in missing)
    return (f"the label \"{key}\" says {names}, which this t() call does not give, so "
            f"visitors would read \"{names}\"; write t(\"{key}\", {given}), or take "
            f"{names} out of the label (in themes/{theme}/i18n/ or [labels])")


_TAKES = {"long_date": "a date (like page.day.date, or \"2026-10-06\")",
          "short_date": "a date (like page.day.date, or \"2026-10-06\")",
          "plain_date": "a date (like page.day.date, or \"2026-10-06\")",
          "time": "a time as HH:MM (like event.time, or \"14:30\")",
          "number": "a number (like page.total, or 3)"}


def not_for_filter(name: str, value: object) -> str:
    """`{{ "5 Oct" | long_date }}`, `{{ page.title | number }}`: what the filter takes."""
    shown = f"\"{value}\"" if isinstance(value, str) else \
        f"{value!r} ({type(value).__name__})"
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    return f"the {name} filter takes {_TAKES[name]}, not {shown}"


_UNKNOWN = re.compile(r"No (filter|test) named '(\w+)'( found)?\.|'(\w+)' is undefined")


def unknown_name(message: str, given: dict[str, Any], *, names: Iterable[str],
                 filters: Iterable[str], tests: Iterable[str],
                 jinja_filters: Container[str]) -> str:
    """Jinja's "No filter named 'upper_case'.", "No test named 'shouting' found." and
    "'extra' is undefined" (a variable no template is given), said with how to fix it; ""
    for any other message.  `given`: what the page's template is given, by name; `names`,
    `filters` and `tests`: those the templates know (the globals, Jinja's and cswgen's),
    `jinja_filters` the filters that are Jinja's own."""
    if tag := not_a_tag(message):
        return _unknown_tag(tag)
    match = _UNKNOWN.fullmatch(message)
    if match is None:
        return ""
    kind, name, _, variable = match.groups()
    if variable in _GETTEXT:
        return f"`{variable}` is undefined; {_WORDS}"
    if variable is not None:
        holders = [holder for holder in ("page", "site", "week")
                   if isinstance(given.get(holder), dict) and variable in given[holder]]
        close = [f"{holder}.{variable}" for holder in holders] or difflib.get_close_matches(
            variable, [*given, *names], n=1, cutoff=0.75)
        hint = (f"did you mean `{'` or `'.join(close)}`?" if close else
                "templates are given site, week, nav, page and as_of (cswgen/render/views.py, "
                "sitewide.py and lists.py list every field); a name of your own needs "
                "{% set " + variable +
                " = ... %} before it is used")
        return f"`{variable}` is undefined; {hint}"
    known = filters if kind == "filter" else tests
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    own = [f for f in filters if f not in jinja_filters]
    hint = (f"did you mean `{close[0]}`?" if close else
            f"check the name: Jinja's own filters and cswgen's ({', '.join(own)}) can be used"
            if kind == "filter" else "check the name: Jinja's own tests (defined, none, "
            "number, string, in, odd and the rest) can be used")
    return f"there is no {kind} named `{name}`; {hint}"


_UNKNOWN_TAG = re.compile(r"Encountered unknown tag '(\w+)'")
_GETTEXT = ("_", "gettext", "ngettext", "pgettext", "npgettext")
_WORDS = ("a theme's words are written t(\"name\"), or t(\"name\", n=3) for one that "
          "depends on a number, with the words in the theme's i18n/<language>.toml "
          "(i18n/en.toml: name = \"Our stars\")")
_TAGS = ("if", "elif", "else", "endif", "for", "endfor", "set", "endset", "block",
         "endblock", "extends", "include", "import", "from", "macro", "endmacro", "call",
         "endcall", "filter", "endfilter", "with", "endwith", "raw", "endraw", "autoescape",
         "endautoescape")


def not_a_tag(message: str) -> str:
    """The tag of Jinja's "Encountered unknown tag 'iff'." when it is no tag at all ("" for
    another message, and for an end tag in the wrong place, which `unclosed_tag` words)."""
    tag = _UNKNOWN_TAG.match(message)
    return tag.group(1) if tag is not None and tag.group(1) not in _TAGS else ""


def _unknown_tag(tag: str) -> str:
    """`{% trans %}` (Jinja's i18n, which cswgen does without), `{% iff %}`."""
    if tag in ("trans", "pluralize", "endtrans"):
        return f"there is no tag {{% {tag} %}}; {_WORDS}"
    close = difflib.get_close_matches(tag, _TAGS, n=1, cutoff=0.6)
    return f"there is no tag {{% {tag} %}}; " + (f"did you mean {{% {close[0]} %}}?" if close
                                                  else "check the name")


_ENDS = {"if", "for", "block", "macro", "call", "filter", "with", "autoescape", "trans",
         "set"}
_INNERMOST = re.compile(r"The innermost block that needs to be closed is '(\w+)'")


def needs_closing(message: str) -> str | None:
    """The tag Jinja's syntax error says is still open ("The innermost block that needs to
    be closed is 'if'"), if it says so."""
    wanted = _INNERMOST.search(message)
    return wanted.group(1) if wanted is not None else None


def unclosed_tag(tokens: list[tuple[int, str, str]],
                 wanted: str) -> tuple[int, str] | None:
    """For a tag whose end is missing (`wanted`, from `needs_closing`), the line where it
    opens and what to add (Jinja names the line where it gave up: the end of the file, or a
    later end tag), found in the template's `tokens` (line, kind, value) but whitespace."""
    opened: list[tuple[str, int]] = []  # tag, line
    for index, (line, kind, _value) in enumerate(tokens[:-1]):
        if kind != "block_begin" or tokens[index + 1][1] != "name":
            continue
        tag = tokens[index + 1][2]
        if tag == "set" and any(t[1] == "assign" for t in _to_block_end(tokens, index)):
            continue  # {% set x = ... %} needs no end
        if tag in _ENDS:
            opened.append((tag, line))
        elif tag.startswith("end") and tag[3:] in _ENDS:
            if opened and opened[-1][0] == tag[3:]:
                opened.pop()
            elif all(t != tag[3:] for t, _ in opened):
                return line, (f"template error: the {{% {tag} %}} on this line closes "
                              f"nothing (no {{% {tag[3:]} %}} is open here); delete it, or add "
                              f"the {{% {tag[3:]} %}} it belongs to")
            elif opened and opened[-1][0] == wanted:
                top, start = opened[-1]
                return start, (f"template error: the {{% {top} %}} that starts on this line "
                               f"is not closed before the {{% {tag} %}} on line {line}; add "
                               f"{{% end{top} %}} where it should end")
            else:
                return None
    if opened and opened[-1][0] == wanted:
        top, start = opened[-1]
        return start, (f"template error: the {{% {top} %}} that starts on this line is never "
                       f"closed; add {{% end{top} %}} where it should end")
    return None


def _to_block_end(tokens: list[tuple[int, str, str]],
                  start: int) -> list[tuple[int, str, str]]:
    end = next((i for i in range(start, len(tokens)) if tokens[i][1] == "block_end"),
               len(tokens))
    return tokens[start:end]


def extends_itself(filename: str | None, themes: list[Theme]) -> str:
    """What to write instead of `{% extends "base.html" %}` in a theme's own base.html,
    which extends itself without end (Python's "maximum recursion depth exceeded"): the
    same template of the theme it extends, by that theme's name; "" for another
    template, or one that does not extend itself."""
    if not filename:
        return ""
    file = Path(filename)
    for index, theme in enumerate(themes):
        try:
            name = file.relative_to(theme.templates).as_posix()
        except ValueError:
            continue
        text = file.read_text("utf-8-sig", errors="replace")
        if not re.search(r"\{%-?\s*extends\s+([\"'])" + re.escape(name) + r"\1", text):
            return ""
        parent = next((t.name for t in themes[index + 1:] if (t.templates / name).is_file()),
                      "")
        fix = (f"write {{% extends \"{parent}:{name}\" %}} to build on {parent}'s {name}"
               if parent else f"no theme it extends has a {name}; remove the line")
        return f"{name} extends \"{name}\", that is itself, without end; {fix}"
    return ""


def not_found(name: str, filename: str | None, line: int, themes: list[Theme],
              listed: Callable[[], list[str]], root: Path) -> Problem:
    """A template that is not there (`name`): named at the `extends` or `include` that
    asked for it (`filename`, `line`: see `template_frame`), with the nearest name the
    `themes` have (`listed`: every template they have, by the name Jinja knows it by)."""
    if filename is None:  # the page's own template: named as the file to add, so
        # that each one missing is listed (a template's problems are said once a line)
        return Problem(f"{site_path(themes[0].templates, root)}/{name}", 0,
                       f"the theme has no template {name}; add it, or extend a "
                       "theme that has it (extends = \"classic\" in theme.toml)")
    prefix, _, bare = name.rpartition(":")
    names = [t.name for t in themes]
    # ("classic/base.html", "themes/classic/templates/base.html": a path, not a name)
    path = re.fullmatch(r"(?:themes/)?([^/:]+)/(?:templates/)?(.+)", name)
    if not prefix and path and path[1] in names and f"{path[1]}:{path[2]}" in listed():
        return Problem(site_path(filename, root), line, f"the template \"{name}\" was not "
                       f"found; a theme's template is named with a colon: did you mean "
                       f"\"{path[1]}:{path[2]}\"?")
    if prefix and prefix not in names:  # ("fancy:page.html", "Classic:page.html")
        templates = listed()
        having = [f"{t}:{bare}" for t in [*names[1:], names[0]]
                  if f"{t}:{bare}" in templates]
        return Problem(site_path(filename, root), line, f"the template \"{name}\" was not "
                       f"found: \"{prefix}:\" names a theme, and {prefix} is not one of "
                       f"this site's themes ({', '.join(names)}); " +
                       (f"did you mean \"{having[0]}\"?" if having else
                        "write the name of one of them before the colon"))
    known = {t.rpartition(":")[2].rpartition(".")[0] or t: t
             for t in listed() if t.rpartition(":")[0] == prefix
             and not (not prefix and filename.endswith(f"/{t}"))}  # not itself
    close = difflib.get_close_matches(bare.rpartition(".")[0] or bare, known, n=1,
                                      cutoff=0.7)
    first, *others = [t.name for t in themes]
    searched = (f"the theme {prefix}" if prefix else
                f"the theme {first} or the ones it extends ({', '.join(others)})"
                if others else f"the theme {first}")
    add = f"add it as {site_path(themes[0].templates, root)}/{name}"
    hint = (f"did you mean \"{known[close[0]]}\"?" + ("" if prefix else f" If not, {add}")
            if close else "check the name" + ("" if prefix else f", or {add}"))
    return Problem(site_path(filename, root), line, f"the template \"{name}\" was not found "
                   f"in {searched}; {hint}")
