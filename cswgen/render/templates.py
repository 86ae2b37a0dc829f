"""Render page views through the theme's Jinja templates.  The only module that imports Jinja.

Autoescaping is on and undefined variables are errors (`StrictUndefined`), so a typo in a
template is reported instead of rendering as nothing.  Links are made relative to each
page, so the output works at any sub-path, and with `portable` they name `index.html` so
it works from disk.
"""

from __future__ import annotations

import difflib
import re
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from cswgen.core import langmarks, paths
from cswgen.core.bidi import isolated
from cswgen.core.cache import Cache, SharedViews, code_version, digest
from cswgen.core.cldr import Language
from cswgen.core.errors import Problem, Problems, SiteError
from cswgen.core.kept import plain
from cswgen.model.sanitize import rewrite_internal
from cswgen.read.notext import not_text
from cswgen.read.themes import Theme
from cswgen.render.alternates import localized
from cswgen.render.links import absolute, in_language, relative, root_of
from cswgen.render.strings import in_spans, language_of, say

TEMPLATE_OF = {"home": "home.html", "day": "day.html", "testimonials": "testimonials.html",
               "testimonial": "testimonial.html", "honour_roll": "honour_roll.html",
               "honour": "honour.html", "certificate": "certificate.html",
               "policy": "policy.html", "page": "page.html", "404": "404.html",
               "award": "award.html", "programme": "programme.html",
               "poster": "poster.html", "email": "email.html",
               "screen": "screen.html"}


class _Undefined(jinja2.StrictUndefined):
    """A misspelt field (`page.titel`) is an error that names it and the nearest field
    there is, not Jinja's "'dict object' has no attribute 'titel'"."""

    @property
    def _undefined_message(self) -> str:
        name, holder = self._undefined_name, self._undefined_obj
        if self._undefined_hint or not isinstance(name, str) or holder is jinja2.utils.missing:
            return str(super()._undefined_message)
        if holder is None:  # page.person.photo.src for someone without a photo
            return (f"`{name}` cannot be read: the value before `.{name}` is empty on this "
                    "page (an entry without that field); show it only when it is there, "
                    "with {% if ... %} around the line")
        if isinstance(holder, jinja2.environment.TemplateModule):  # {% import ... as ui %}
            module = holder.__name__
            close = difflib.get_close_matches(name, [k for k in vars(holder)
                                                     if not k.startswith("_")], n=1)
            if close:
                return f"`{name}` is not a macro of {module}; did you mean `{close[0]}`?"
            return (f"`{name}` is not a macro of {module}; a theme's {module} replaces the "
                    "whole file of the theme it extends, so copy into yours the macros you "
                    "did not change (or give your own macros a file of another name)")
        fields = [key for key in holder if isinstance(key, str)] \
            if isinstance(holder, dict) else []
        close = difflib.get_close_matches(name, fields, n=1, cutoff=0.6)
        hint = (f"did you mean `{close[0]}`?" if close else
                "check the name (cswgen/render/views.py lists every field templates get; a "
                "site's own settings go in [extra] of config.toml)")
        return f"`{name}` is not a field of this value; {hint}"


class _NotText(jinja2.TemplateSyntaxError):
    """A template that is not UTF-8 text (Notepad's "Unicode" is UTF-16)."""


class _ThemeLoader(jinja2.FileSystemLoader):
    """A theme's templates, where a symbolic link out of the theme's boundary (the site, or
    a built-in theme's folder) is not followed: the template counts as missing.  A
    byte-order mark (Notepad's "UTF-8 with BOM") is not part of the template."""

    def __init__(self, theme: Theme) -> None:
        super().__init__(str(theme.templates), encoding="utf-8-sig")
        self.boundary = theme.boundary

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        try:
            source, filename, uptodate = super().get_source(environment, template)
        except UnicodeDecodeError as exc:
            raise self._not_text(template, exc) from None
        if not paths.inside(Path(filename), self.boundary):
            raise jinja2.TemplateNotFound(template)
        return source, filename, uptodate

    def _not_text(self, template: str, exc: UnicodeDecodeError) -> _NotText:
        file = next(path for path in (Path(base, *template.split("/"))
                                      for base in self.searchpath) if path.is_file())
        line, message = not_text(file.read_bytes(), exc)
        return _NotText(message, line, template, str(file))


class Renderer:
    def __init__(self, themes: list[Theme], root: Path, *, portable: bool,
                 base_path: str, cache: Cache | None = None,
                 compiled: Path | None = None, shared: SharedViews | None = None) -> None:
        """`compiled`: a folder where Jinja keeps compiled templates between processes;
        `shared`: the sub-views many pages hold (see `Views.shared`), for their keys."""
        self.themes = themes
        self.root = root
        self.portable = portable
        self.base_path = base_path
        self.settings = _fingerprint(themes, portable, base_path)
        self.shared = shared or SharedViews([])
        if cache is None:
            self.env = _environment(themes, portable, compiled)
        else:  # compiling the templates is slow, so a compiled set is kept while unchanged
            self.env = cache.remember(digest("templates", self.settings),
                                      lambda _: _environment(themes, portable, compiled),
                                      Problems(),
                                      memory_only=True)

    def common_key(self, common: dict[str, Any]) -> str | None:
        """What every page's key starts from: the templates and settings, and the data
        every page is given.  None: that data is not plain, so no page has a key."""
        shared = self.shared.to_bytes(common)
        return digest("render", self.settings, shared) if shared is not None else None

    def key(self, view: dict[str, Any], common_key: str | None) -> str | None:
        """A digest of everything the page's HTML depends on: `common_key` and the page's
        view.  Views are plain data, so their bytes (`to_bytes`) stand for everything a
        template can see (with `shared` sub-views written once).  None: the view holds
        something else, so the page has no key and is always rendered."""
        page = self.shared.to_bytes(view)
        if page is None or common_key is None:
            return None
        return digest(common_key, page)

    def has_template(self, kind: str) -> bool:
        """Whether the theme has the template of a page kind (a theme made from scratch may
        leave out those of the pages beyond the website: see `beyond.OPTIONAL`)."""
        try:
            self.env.get_template(TEMPLATE_OF[kind])
        except jinja2.TemplateNotFound:
            return False
        except jinja2.TemplateError:
            return True  # there, and broken: rendering it reports where
        return True

    def render(self, view: dict[str, Any], common: dict[str, Any]) -> str:
        """Render one page view; raises SiteError naming the template and line on failure."""
        path = view["path"]
        root = root_of(path, self.base_path)
        name = TEMPLATE_OF[view["kind"]]
        try:
            template = self.env.get_template(name)
            # (the bodies a view holds are read now, the cache's kept apart: `core.kept`)
            html = template.render(common, page=plain(view), root=root,
                                   portable=self.portable)
        except jinja2.TemplateSyntaxError as exc:
            raise SiteError([self._syntax_problem(exc)]) from None
        except jinja2.TemplateNotFound as exc:
            raise SiteError([self._not_found(exc)]) from None
        except Exception as exc:  # an error raised inside a template while rendering
            filename, line = _template_frame(exc)
            said = _unknown_name(self.env, str(exc), {**common, "page": view}) or str(exc)
            raise SiteError([Problem(self._where(filename), line,
                                     f"template error while rendering {path or 'the home page'}"
                                     f": {said}")]) from None
        # (English words standing in for a translation say so: `strings.in_spans`)
        return in_spans(self.link(html, root, common["site"].get("prefix", "")))

    def _syntax_problem(self, exc: jinja2.TemplateSyntaxError) -> Problem:
        said = exc.message if isinstance(exc, _NotText) else \
            f"template error: {_unknown_name(self.env, exc.message or '', {}) or exc.message}"
        line = exc.lineno or 0
        if (unclosed := _unclosed(self.env, exc)) is not None:
            line, said = unclosed
        return Problem(self._where(exc.filename), line, str(said))

    def syntax_problems(self, only: tuple[str, ...] = ()) -> list[Problem]:
        """The syntax errors of the site's own templates (`only`: of those names), found
        without rendering a page (for a build that stops before rendering: its other
        problems come with these; and for a template no page uses)."""
        found: list[Problem] = []
        for theme in self.themes:
            if theme.builtin or not theme.templates.is_dir():
                continue
            for file in sorted(theme.templates.rglob("*")):
                if not file.is_file() or not file.name.endswith(TEMPLATE_SUFFIXES):
                    continue
                name = file.relative_to(theme.templates).as_posix()
                if only and name not in only:
                    continue
                try:
                    self.env.get_template(f"{theme.name}:{name}")
                except jinja2.TemplateSyntaxError as exc:
                    found.append(self._syntax_problem(exc))
                except jinja2.TemplateError:
                    continue  # reported where it is used, when rendering
        return found

    def link(self, html: str, root: str, prefix: str = "") -> str:
        """Turn `cswgen-root:` links from content into links relative to the page (to
        pages in the page's language)."""
        return rewrite_internal(html, lambda target: relative(
            *in_language(localized(target, prefix), root, prefix), portable=self.portable))

    def _not_found(self, exc: jinja2.TemplateNotFound) -> Problem:
        """A template that is not there: named at the `extends` or `include` that asked
        for it, with the nearest name the themes have."""
        filename, line = _template_frame(exc)
        if filename is None:  # the page's own template: named as the file to add, so
            # that each one missing is listed (a template's problems are said once a line)
            return Problem(f"{self._where(self.themes[0].templates)}/{exc.name}", 0,
                           f"the theme has no template {exc.name}; add it, or extend a "
                           "theme that has it (extends = \"classic\" in theme.toml)")
        name = str(exc.name)
        prefix, _, bare = name.rpartition(":")
        names = [t.name for t in self.themes]
        if prefix and prefix not in names:  # ("fancy:page.html", "Classic:page.html")
            having = [f"{t}:{bare}" for t in [*names[1:], names[0]]
                      if f"{t}:{bare}" in self.env.list_templates()]
            return Problem(self._where(filename), line, f"the template \"{name}\" was not "
                           f"found: \"{prefix}:\" names a theme, and {prefix} is not one of "
                           f"this site's themes ({', '.join(names)}); " +
                           (f"did you mean \"{having[0]}\"?" if having else
                            "write the name of one of them before the colon"))
        known = {t.rpartition(":")[2].rpartition(".")[0] or t: t
                 for t in self.env.list_templates() if t.rpartition(":")[0] == prefix
                 and not (not prefix and filename.endswith(f"/{t}"))}  # not itself
        close = difflib.get_close_matches(bare.rpartition(".")[0] or bare, known, n=1,
                                          cutoff=0.7)
        first, *others = [t.name for t in self.themes]
        searched = (f"the theme {prefix}" if prefix else
                    f"the theme {first} or the ones it extends ({', '.join(others)})"
                    if others else f"the theme {first}")
        add = f"add it as {self._where(self.themes[0].templates)}/{name}"
        hint = (f"did you mean \"{known[close[0]]}\"?" + ("" if prefix else f" If not, {add}")
                if close else "check the name" + ("" if prefix else f", or {add}"))
        return Problem(self._where(filename), line, f"the template \"{name}\" was not found "
                       f"in {searched}; {hint}")

    def _where(self, filename: str | Path | None) -> str:
        if not filename:
            return "themes"
        path = Path(filename)
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


# the spaces beside a digit, except one after a comma: "4 October 2026", "5 de outubro de 2026"
_BESIDE_DIGIT = re.compile(r"(?<=\d) (?=\S)|(?<=[^\s,،]) (?=\d)")


def held(value: str) -> str:
    """A date with its numbers held to the words beside them by no-break spaces, for a
    line that may wrap ("الاثنين، 4 أكتوبر" never leaves "4" at the end of a line and
    "أكتوبر" at the start of the next); the break after a comma stays."""
    return _BESIDE_DIGIT.sub("\u00a0", str(value))


class _Environment(jinja2.Environment):
    """Jinja's environment, with `page.title` on a view (a plain dict) looked up as the
    key it is.  Jinja tries the attribute first, and a dict has none by that name: the
    `AttributeError` raised and caught for each of half a million lookups was a tenth of a
    cold build's rendering.  A dict's own attributes (`page.items`) and every other object
    go Jinja's way, so a template reads exactly what it read before."""

    def getattr(self, obj: Any, attribute: str) -> Any:
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)


_DICT_ATTRIBUTES = frozenset(dir(dict))


def _environment(themes: list[Theme], portable: bool,
                 compiled: Path | None = None) -> jinja2.Environment:
    loaders: list[jinja2.BaseLoader] = [_ThemeLoader(t)
                                        for t in themes if t.templates.is_dir()]
    prefixed = {t.name: _ThemeLoader(t) for t in themes}
    loaders.append(jinja2.PrefixLoader(prefixed, delimiter=":"))
    env = _Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        undefined=_Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # templates are part of the settings' digest: a changed one is a new environment,
        # so Jinja need not stat every template file again for every page
        auto_reload=False,
        # Jinja keys each compiled template by its name and a checksum of its source
        bytecode_cache=_bytecode_cache(compiled) if compiled else None,
    )

    @jinja2.pass_context
    def url(context: Any, target: str) -> str:
        prefix = context["site"].get("prefix", "")
        return relative(*in_language(localized(str(target), prefix), context["root"], prefix),
                        portable=portable)

    @jinja2.pass_context
    def asset(context: Any, name: str) -> str:
        return relative(f"assets/{name}", context["root"], portable=portable)

    said: dict[tuple[object, ...], tuple[object, Markup]] = {}

    @jinja2.pass_context
    def words(context: Any, key: str, **values: Any) -> Markup:
        """`t("honour_roll")`, `t("countdown", n=3, start=...)`: the site's words.  Every
        page says the same few dozen things, so each is worked out once (see `_said`)."""
        table = context["strings"]
        memo = _said(table, context["site"]["language"], key, values)
        found = said.get(memo) if memo is not None else None
        if found is not None and found[0] is table:
            return found[1]
        _known_label(context, key)
        text = Markup(say(table, _language(context), key, values, escape))
        if memo is not None:
            said[memo] = (table, text)
        return text

    @jinja2.pass_context
    def words_around(context: Any, key: str, name: str, **values: Any) -> list[Markup]:
        """The words of `key` before and after its `{name}`, for a template that shows the
        value itself and the words only to screen readers."""
        _known_label(context, key)
        marker = "\x00"
        text = say(context["strings"], _language(context), key, {**values, name: marker},
                   escape)
        other, text = langmarks.language_of(text)  # English standing in: each part is
        before, _, after = text.partition(marker)
        return [Markup(langmarks.marked(part, other) if other and part else part)
                for part in (before, after)]

    def _known_label(context: Any, key: str) -> None:
        """A label no strings file gives (misspelt, or not yet in the theme's i18n/)."""
        table = context["strings"]
        if key in table:
            return
        close = difflib.get_close_matches(str(key), [k for k in table if isinstance(k, str)],
                                          n=1, cutoff=0.75)
        hint = (f"did you mean \"{close[0]}\"?" if close else
                f"give it in themes/{themes[0].name}/i18n/{_language(context).code}.toml, "
                f"like {key} = \"...\"")
        raise jinja2.TemplateRuntimeError(f"there is no label \"{key}\"; {hint}")

    env.filters["url"] = url
    env.filters["asset"] = asset
    env.filters["long_date"] = _date_filter(Language.long_date)
    env.filters["short_date"] = _date_filter(Language.short_date)
    env.filters["plain_date"] = _date_filter(Language.plain_date)
    env.filters["time"] = _date_filter(Language.time)
    env.filters["number"] = pass_language(Language.number)
    env.filters["held"] = held
    env.filters["direction"] = direction
    env.filters["isolated"] = pass_language(lambda language, value: isolated(
        str(value), language.direction))
    env.globals["absolute"] = absolute
    env.globals["t"] = words
    env.globals["t_around"] = words_around
    return env


def pass_language(write: Callable[[Language, Any], str]) -> Callable[[Any, Any], str]:
    """A filter that writes its value in the site's language."""

    @jinja2.pass_context
    def apply(context: Any, value: Any) -> str:
        return write(_language(context), value)

    return apply


def direction(tag: str) -> str:
    """`ar-OM` -> `rtl`, `en-GB` -> `ltr`: the `dir` that goes with a `lang` (CLDR's)."""
    return language_of(str(tag)).direction


_PLAIN_VALUES = (str, Markup, int, float, bool, type(None))


def _said(table: object, language: object, key: object,
          values: dict[str, Any]) -> tuple[object, ...] | None:
    """What `t(key, **values)` is known by in one strings table (the table itself is kept
    beside the text, so that its `id` cannot be another table's), or None when a value is
    anything but plain text, markup or a number: each type is part of the key, since
    `Markup("<b>")` equals the text "<b>" that must be escaped, and `True` equals 1."""
    if type(key) is not str:
        return None
    if not values:
        return (id(table), language, key)
    types = tuple(map(type, values.values()))
    if not all(kind in _PLAIN_VALUES for kind in types):
        return None
    return (id(table), language, key, tuple(values.items()), types)


def _language(context: Any) -> Language:
    return language_of(context["site"]["language"])


def _bytecode_cache(folder: Path) -> jinja2.BytecodeCache | None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only site still builds, only more slowly
    return jinja2.FileSystemBytecodeCache(str(folder))


def _fingerprint(themes: list[Theme], portable: bool, base_path: str) -> str:
    """Everything besides the views that decides what a page renders to."""
    parts: list[str | bytes] = [code_version(), str(portable), base_path]
    for theme in themes:
        parts.append(f"{theme.name}={theme.folder}")
        if theme.templates.is_dir():
            for template in sorted(theme.templates.rglob("*")):
                if template.is_file():
                    parts += [template.relative_to(theme.templates).as_posix(),
                              template.read_bytes()]
    return digest(*parts)


_ENDS = {"if", "for", "block", "macro", "call", "filter", "with", "autoescape", "trans",
         "set"}
_INNERMOST = re.compile(r"The innermost block that needs to be closed is '(\w+)'")


def _unclosed(env: jinja2.Environment,
              exc: jinja2.TemplateSyntaxError) -> tuple[int, str] | None:
    """For a tag whose end is missing, the line where it opens and what to add (Jinja
    names the line where it gave up: the end of the file, or a later end tag)."""
    wanted = _INNERMOST.search(exc.message or "")
    if wanted is None or not exc.filename:
        return None
    try:
        source = exc.source or Path(exc.filename).read_text("utf-8-sig")
        tokens = [t for t in env.lex(source) if t[1] != "whitespace"]
    except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
        return None
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
            elif opened and opened[-1][0] == wanted.group(1):
                top, start = opened[-1]
                return start, (f"template error: the {{% {top} %}} that starts on this line "
                               f"is not closed before the {{% {tag} %}} on line {line}; add "
                               f"{{% end{top} %}} where it should end")
            else:
                return None
    if opened and opened[-1][0] == wanted.group(1):
        top, start = opened[-1]
        return start, (f"template error: the {{% {top} %}} that starts on this line is never "
                       f"closed; add {{% end{top} %}} where it should end")
    return None


def _to_block_end(tokens: list[tuple[int, str, str]],
                  start: int) -> list[tuple[int, str, str]]:
    end = next((i for i in range(start, len(tokens)) if tokens[i][1] == "block_end"),
               len(tokens))
    return tokens[start:end]


TEMPLATE_SUFFIXES = (".html", ".xml", ".txt", ".md", ".j2")


_UNKNOWN = re.compile(r"No (filter|test) named '(\w+)'( found)?\.|'(\w+)' is undefined")


def _unknown_name(env: jinja2.Environment, message: str, given: dict[str, Any]) -> str:
    """Jinja's "No filter named 'upper_case'.", "No test named 'shouting' found." and
    "'extra' is undefined" (a variable no template is given), said with how to fix it; ""
    for any other message.  `given`: what the page's template is given, by name."""
    match = _UNKNOWN.fullmatch(message)
    if match is None:
        return ""
    kind, name, _, variable = match.groups()
    if variable is not None:
        holders = [holder for holder in ("page", "site", "week")
                   if isinstance(given.get(holder), dict) and variable in given[holder]]
        close = [f"{holder}.{variable}" for holder in holders] or difflib.get_close_matches(
            variable, [*given, *env.globals], n=1, cutoff=0.75)
        hint = (f"did you mean `{'` or `'.join(close)}`?" if close else
                "templates are given site, week, nav, page and as_of (cswgen/render/views.py "
                "lists every field); a name of your own needs {% set " + variable +
                " = ... %} before it is used")
        return f"`{variable}` is undefined; {hint}"
    known = env.filters if kind == "filter" else env.tests
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    own = [f for f in env.filters if f not in jinja2.filters.FILTERS]
    hint = (f"did you mean `{close[0]}`?" if close else
            f"check the name: Jinja's own filters and cswgen's ({', '.join(own)}) can be used"
            if kind == "filter" else "check the name: Jinja's own tests (defined, none, "
            "number, string, in, odd and the rest) can be used")
    return f"there is no {kind} named `{name}`; {hint}"


def _template_frame(exc: BaseException) -> tuple[str | None, int]:
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(TEMPLATE_SUFFIXES):
            return frame.filename, frame.lineno or 0
    return None, 0


def _date_filter(label: Callable[[Language, Any], str]) -> Callable[[Any, Any], str]:
    """A filter that writes a date (or an `HH:MM` time) in the site's language."""

    def write(language: Language, value: Any) -> str:
        if isinstance(value, str) and label is not Language.time:
            value = date.fromisoformat(value)
        return label(language, value) if value else ""

    return pass_language(write)
