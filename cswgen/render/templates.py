"""Render page views through the theme's Jinja templates.  The only module that imports Jinja.

Autoescaping is on and undefined variables are errors (`StrictUndefined`), so a typo in a
template is reported instead of rendering as nothing.  Links are made relative to each
page, so the output works at any sub-path, and with `portable` they name `index.html` so
it works from disk.  What went wrong in a template is worded, with its line, by
`templateproblems`; the template of each page kind and the keys a page is known by are in
`templatekeys`: neither needs Jinja.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from datetime import time as dt_time
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from cswgen.core import langmarks, paths
from cswgen.core.bidi import isolated
from cswgen.core.cache import Cache, SharedViews, digest
from cswgen.core.cldr import Language
from cswgen.core.errors import Problem, Problems, SiteError
from cswgen.core.kept import plain
from cswgen.model.sanitize import rewrite_internal
from cswgen.read.catalogue import PLACEHOLDER
from cswgen.read.notext import not_text
from cswgen.read.themes import Theme
from cswgen.render.alternates import localized
from cswgen.render.links import absolute, in_language, relative, root_of
from cswgen.render.strings import in_spans, language_of, say
from cswgen.render.templatekeys import (
    TEMPLATE_OF,
    TEMPLATE_SUFFIXES,
    Said,
    asset_versions,
    fingerprint,
    said_key,
    theme_digest,
)
from cswgen.render.templateproblems import (
    extends_itself,
    needs_closing,
    no_label,
    not_a_field,
    not_a_macro,
    not_a_tag,
    not_for_filter,
    not_found,
    site_path,
    template_frame,
    unclosed_tag,
    unfilled,
    unknown_name,
)


class _Undefined(jinja2.StrictUndefined):
    """A misspelt field (`page.titel`) is an error that names it and the nearest field
    there is, not Jinja's "'dict object' has no attribute 'titel'"."""

    @property
    def _undefined_message(self) -> str:
        name, holder = self._undefined_name, self._undefined_obj
        if self._undefined_hint or not isinstance(name, str) or holder is jinja2.utils.missing:
            return str(super()._undefined_message)
        if isinstance(holder, jinja2.environment.TemplateModule):  # {% import ... as ui %}
            return not_a_macro(name, str(holder.__name__),
                               [k for k in vars(holder) if not k.startswith("_")])
        return not_a_field(name, holder)


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
        versions = asset_versions(themes)
        self.theme = theme_digest(themes, versions)
        self.settings = fingerprint(themes, portable, base_path, self.theme)
        self.shared = shared or SharedViews([])
        if cache is None:
            self.env = _environment(themes, portable, versions, compiled)
        else:  # compiling the templates is slow, so a compiled set is kept while unchanged
            self.env = cache.remember(digest("templates", self.settings),
                                      lambda _: _environment(themes, portable, versions,
                                                             compiled),
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
        except MemoryError:  # (said by `pages`, which names the page's file)
            raise
        except Exception as exc:  # an error raised inside a template while rendering
            filename, line = template_frame(exc)
            said = self._unknown_name(str(exc), {**common, "page": view}) or str(exc)
            if isinstance(exc, RecursionError):
                said = extends_itself(filename, self.themes) or said
            raise SiteError([Problem(self._where(filename), line,
                                     f"template error while rendering {path or 'the home page'}"
                                     f": {said}")]) from None
        # (English words standing in for a translation say so: `strings.in_spans`)
        return in_spans(self.link(html, root, common["site"].get("prefix", "")))

    def _syntax_problem(self, exc: jinja2.TemplateSyntaxError) -> Problem:
        said = exc.message if isinstance(exc, _NotText) else \
            f"template error: {self._unknown_name(exc.message or '', {}) or exc.message}"
        line = exc.lineno or 0
        if not not_a_tag(exc.message or "") and \
                (unclosed := _unclosed(self.env, exc)) is not None:
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
        """A template that is not there: see `templateproblems.not_found`."""
        filename, line = template_frame(exc)
        return not_found(str(exc.name), filename, line, self.themes, self.env.list_templates,
                         self.root)

    def _unknown_name(self, message: str, given: dict[str, Any]) -> str:
        """An unknown filter, test or variable said with how to fix it (see
        `templateproblems.unknown_name`), from the names this environment knows."""
        return unknown_name(message, given, names=self.env.globals, filters=self.env.filters,
                            tests=self.env.tests, jinja_filters=jinja2.filters.FILTERS)

    def _where(self, filename: str | Path | None) -> str:
        return site_path(filename, self.root)


# an address `url` leaves as it is: with a scheme (https:, mailto:, tel:), from another
# host (//cdn...), or a place on the same page (#main)
_ELSEWHERE = re.compile(r"[a-z][a-z0-9+.-]*:|//|#", re.I)

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


def _environment(themes: list[Theme], portable: bool, versions: dict[str, str],
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
        if _ELSEWHERE.match(str(target)):  # another site, mailto:, or a place on this page
            return str(target)
        prefix = context["site"].get("prefix", "")
        return relative(*in_language(localized(str(target), prefix), context["root"], prefix),
                        portable=portable)

    @jinja2.pass_context
    def asset(context: Any, name: str) -> str:
        # a theme's script with the digest of its bytes (`asset_versions`): a new screen.js
        # is a new address, which no TV has kept; ('/site.js' as from the static/ folder)
        name = str(name).lstrip("/")
        file, hash_mark, fragment = name.partition("#")
        if file in versions:  # (a link of its own query, `?v=2`, is the template's)
            name = f"{file}?v={versions[file]}{hash_mark}{fragment}"
        return relative(f"assets/{name}", context["root"], portable=portable)

    said = Said()

    @jinja2.pass_context
    def words(context: Any, key: str, **values: Any) -> Markup:
        """`t("honour_roll")`, `t("countdown", n=3, start=...)`: the site's words.  Every
        page says the same few dozen things, so each is worked out once (see `said_key`)."""
        table = context["strings"]
        memo, known = said_key(context["site"]["language"], key, values), said.of(table)
        if memo is not None and memo in known:
            return known[memo]
        _known_label(context, key)
        _all_given(table, key, values)
        text = Markup(say(table, _language(context), key, values, escape))
        if memo is not None:
            known[memo] = text
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
        raise jinja2.TemplateRuntimeError(no_label(key, table, themes[0].name,
                                                   _language(context).code))

    def _all_given(table: Any, key: str, values: dict[str, Any]) -> None:
        """A `{name}` of the label that the call leaves out would reach visitors as it
        is ("Stars of {year}")."""
        entry = table[key]
        texts = entry.values() if isinstance(entry, dict) else [entry]
        wanted = {name for text in texts for name in PLACEHOLDER.findall(str(text))}
        if missing := sorted(wanted - set(values)):
            raise jinja2.TemplateRuntimeError(unfilled(key, missing, themes[0].name))

    env.filters["url"] = url
    env.filters["asset"] = asset
    env.filters["long_date"] = _date_filter("long_date", Language.long_date)
    env.filters["short_date"] = _date_filter("short_date", Language.short_date)
    env.filters["plain_date"] = _date_filter("plain_date", Language.plain_date)
    env.filters["time"] = _date_filter("time", Language.time)
    env.filters["number"] = pass_language(_number)
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


def _language(context: Any) -> Language:
    return language_of(context["site"]["language"])


def _bytecode_cache(folder: Path) -> jinja2.BytecodeCache | None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only site still builds, only more slowly
    return jinja2.FileSystemBytecodeCache(str(folder))


def _unclosed(env: jinja2.Environment,
              exc: jinja2.TemplateSyntaxError) -> tuple[int, str] | None:
    """For a tag whose end is missing, the line where it opens and what to add (Jinja
    names the line where it gave up: the end of the file, or a later end tag)."""
    wanted = needs_closing(exc.message or "")
    if wanted is None or not exc.filename:
        return None
    try:
        source = exc.source or Path(exc.filename).read_text("utf-8-sig")
        tokens = [t for t in env.lex(source) if t[1] != "whitespace"]
    except (OSError, UnicodeDecodeError, jinja2.TemplateSyntaxError):
        return None
    return unclosed_tag(tokens, wanted)


def _date_filter(name: str, label: Callable[[Language, Any], str]) -> Callable[[Any, Any], str]:
    """A filter that writes a date (or, `time`, an `HH:MM` time) in the site's language;
    anything else is an error that says what the filter `name` takes."""

    def write(language: Language, value: Any) -> str:
        if not value:
            return ""
        if isinstance(value, dt_time) and label is Language.time:
            value = f"{value.hour:02}:{value.minute:02}"
        try:
            if label is Language.time:
                if not isinstance(value, str) or not _CLOCK.fullmatch(value):
                    raise ValueError(value)
            elif isinstance(value, str):
                value = date.fromisoformat(value)
            elif not isinstance(value, date):
                raise ValueError(value)
            return label(language, value)
        except ValueError:
            raise jinja2.TemplateRuntimeError(not_for_filter(name, value)) from None

    return pass_language(write)


_CLOCK = re.compile(r"([01]?\d|2[0-3]):[0-5]\d")


def _number(language: Language, value: Any) -> str:
    """The `number` filter: a number as the site's language writes it ("1,234"); nothing
    for a field an entry leaves out."""
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise jinja2.TemplateRuntimeError(not_for_filter("number", value))
    return language.number(value)
