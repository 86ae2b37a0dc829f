"""Find a theme and the themes it extends: a site's `themes/NAME` wins over a built-in one."""

from __future__ import annotations

import difflib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from cswgen.core import paths, tomlpos, tree
from cswgen.core.errors import Problem, Problems, SiteError
from cswgen.read.notext import not_text
from cswgen.read.place import CONFIG_NAME
from cswgen.read.settings import SiteConfig
from cswgen.read.tomltable import suggest
from cswgen.read.tomlwords import toml_problems

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # cswgen/


def builtin_themes_dir() -> Path:
    """Inside an installed wheel: cswgen/themes; in a source checkout: the top-level themes/."""
    packaged = PACKAGE_DIR / "themes"
    return packaged if packaged.is_dir() else PACKAGE_DIR.parent / "themes"


@dataclass(frozen=True)
class Theme:
    name: str
    folder: Path
    builtin: bool

    @property
    def templates(self) -> Path:
        return self.folder / "templates"

    @property
    def static(self) -> Path:
        return self.folder / "static"

    @property
    def boundary(self) -> Path:
        """What its symbolic links may point into: the site (themes/NAME/ is two levels
        down), or a built-in theme's own folder."""
        return self.folder if self.builtin else self.folder.parent.parent


def static_files(chain: list[Theme]) -> dict[str, Path]:
    """The files the themes' static/ folders publish under assets/, by their name there
    (`fonts/x.woff2`), the most specific theme's where two have one: the build copies
    them, and the templates' links to its scripts carry a digest of their bytes."""
    found: dict[str, Path] = {}
    for theme in chain:
        if not theme.static.is_dir():
            continue
        for source in sorted(theme.static.rglob("*")):
            relative = source.relative_to(theme.static).as_posix()
            if not source.is_file() or relative in found or source.name.startswith(".") \
                    or tree.skipped(source.name) or not paths.inside(source, theme.boundary):
                continue
            found[relative] = source
    return found


def available(root: Path) -> list[str]:
    names: set[str] = set()
    for base in (root / "themes", builtin_themes_dir()):
        if base.is_dir():
            names.update(p.name for p in base.iterdir() if p.is_dir())
    return sorted(names)


def find(name: str, root: Path, *, below: Path | None = None) -> Theme | None:
    if _path_hint(name):  # a name, not a path: never a folder outside themes/
        return None
    own = root / "themes" / name
    if own.is_dir() and own != below:
        return Theme(name, own, builtin=False)
    builtin = builtin_themes_dir() / name
    if builtin.is_dir():
        return Theme(name, builtin, builtin=True)
    return None


def _path_hint(name: str) -> str:
    """How to fix a theme given as a path (`/srv/shared/csw-theme`, `..\\theme`), which
    would read a folder anywhere on the disk; "" for a plain name."""
    if "/" not in name and "\\" not in name and name not in (".", ".."):
        return ""
    folder = name.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    if folder in ("", ".", ".."):
        folder = "mine"
    return ("a theme is named by its folder under themes/, not by a path; copy the theme's "
            f"folder into themes/ (themes/{folder}/) and write its name, like \"{folder}\"")


def _other_capitals(name: str, root: Path) -> str:
    """The start of a message for a theme named in other capitals ("Classic"), which a Mac or
    Windows PC finds but a Linux server does not, or misspelt ("clasic"); "" for any other
    name."""
    same = [theme for theme in available(root) if theme.casefold() == name.casefold()]
    if same:
        return (f"did you mean \"{same[0]}\"? Theme names are matched exactly, capitals "
                "too, as on the Linux servers where sites are usually built. Available: ")
    close = difflib.get_close_matches(name, available(root), n=1, cutoff=0.7)
    return f"did you mean \"{close[0]}\"? Available: " if close else ""


def chain(config: SiteConfig) -> list[Theme]:
    """The theme and each theme it extends, most specific first."""
    root = config.root
    name = config.site.theme
    line = config.line_of("site.theme")
    first = find(name, root)
    if first is None and _path_hint(name):
        raise SiteError([Problem(CONFIG_NAME, line, f"[site] theme \"{name}\" was not found; "
                                 f"{_path_hint(name)}")])
    if first is None:
        raise SiteError([Problem(CONFIG_NAME, line, f"[site] theme \"{name}\" was not found in "
                                 f"themes/ or among the built-in themes; "
                                 f"{_other_capitals(name, root) or 'available: '}"
                                 f"{', '.join(available(root)) or 'none'}")])
    themes = [first]
    problems: list[Problem] = []  # a misspelt key does not stop the themes it extends
    while True:
        current = themes[-1]
        manifest = current.folder / "theme.toml"
        if not manifest.is_file():
            break
        where = manifest.relative_to(root).as_posix() if not current.builtin else str(manifest)
        text = _text(manifest.read_bytes(), where)
        try:
            data = tomlpos.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise SiteError(toml_problems(where, text, exc)) from None
        lines = tomlpos.key_lines(text)
        # (with no `extends`, a key like `extend` is it misspelt, and the theme would extend
        # nothing; others, such as a downloaded theme's `author`, are its own notes)
        problems += [Problem(where, lines.get(key, 1), _unknown(key)) for key in data
                     if key not in KEYS and suggest(key, KEYS) and "extends" not in data]
        parent = data.get("extends")
        line = lines.get("extends", 1)
        tables = [key for key, value in data.items()
                  if isinstance(value, dict) and "extends" in value]
        if parent is None and tables:
            raise SiteError([*problems, Problem(
                where, lines.get(f"{tables[0]}.extends", 1), f"`extends` is under "
                f"[{tables[0]}] (line {lines.get(tables[0], 1)}), so it is not read; move it "
                "above that line, to the top of the file")])
        if parent is None:
            break
        if not isinstance(parent, str) or not parent:
            raise SiteError([*problems, Problem(where, line, "`extends` must be the name of a "
                                                "theme in quotes, like extends = \"classic\"")])
        # a site theme named like a built-in one may extend the built-in one
        found = find(parent, root, below=current.folder)
        if found is None and parent == current.name:
            problems.append(Problem(where, line, f"the theme {parent} extends itself, and a "
                                    "theme cannot; name the theme whose templates and files "
                                    "it should use (like extends = \"classic\"), or remove "
                                    "the line"))
        elif (any(t.name == parent for t in themes) and parent != current.name) or any(
                found is not None and t.folder == found.folder for t in themes):
            problems.append(Problem(where, line, f"themes extend each other in a loop "
                                    f"({' -> '.join(t.name for t in themes)} -> {parent}); "
                                    "remove `extends` from one of them, or make it extend "
                                    "a theme outside the loop, like \"classic\""))
        elif found is None and _path_hint(parent):
            problems.append(Problem(where, line, f"extends \"{parent}\", which was not "
                                    f"found; {_path_hint(parent)}"))
        elif found is None:
            problems.append(Problem(where, line, f"extends \"{parent}\", which was not found "
                                    f"in themes/ or among the built-in themes; "
                                    f"{_other_capitals(parent, root) or 'available: '}"
                                    f"{', '.join(available(root))}"))
        else:
            assert found is not None
            themes.append(found)
            continue
        raise SiteError(problems)
    if problems:
        raise SiteError(problems)
    last = themes[-1]
    if not last.builtin and not any(theme.templates.is_dir() for theme in themes):
        # (a stylesheet alone, theme.toml forgotten: every page's template is missing)
        told = (last.folder / "theme.toml").is_file()
        names = " and ".join(theme.name for theme in themes)
        unused = Problems()  # (Notepad's theme.toml.txt, said with it)
        report_unused(themes, unused)
        raise SiteError([*unused.items, Problem(
            f"themes/{last.name}/" + ("theme.toml" if told else ""), 0,
            f"{names} {'have' if len(themes) > 1 else 'has'} no templates/ folder, and "
            f"{last.name} extends no theme{'' if told else ' (it has no theme.toml)'}"
            ", so no page can be made; to change only part of the look, "
            + ("write" if told else "add themes/" + last.name + "/theme.toml with")
            + " extends = \"classic\"")])
    return themes


KEYS = ("extends",)  # what a theme.toml may say


def _text(raw: bytes, where: str) -> str:
    """theme.toml as text, or the error of a file Notepad saved as UTF-16 ("Unicode") or
    in another encoding (a byte-order mark is fine)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SiteError([Problem(where, *not_text(raw, exc))]) from None


def _unknown(key: str) -> str:
    return (f"{key} is not a setting cswgen knows in theme.toml; did you mean "
            f"`{suggest(key, KEYS)}`?")


def report_outside_links(chain: list[Theme], problems: Problems) -> None:
    """A warning for each symbolic link in a site theme that points out of the site; the
    renderer and the copying of static files do not follow them."""
    for theme in chain:
        if not theme.builtin:
            paths.report_links(paths.outside_links(theme.folder, theme.boundary),
                               f"themes/{theme.name}/", problems, theme.folder)


def report_other_capitals(chain: list[Theme], problems: Problems) -> None:
    """A site theme's template or static file named like one of a theme it extends in
    other capitals (`Day.html`, `Style.css`, typed on Windows where capitals do not
    matter): on the server that builds the site it would replace nothing."""
    for index, theme in enumerate(chain):
        if theme.builtin:
            continue
        for folder in ("templates", "static"):
            own = theme.folder / folder
            if not own.is_dir():
                continue
            theirs: dict[str, tuple[str, str]] = {}  # casefolded -> name, theme
            for parent in chain[index + 1:]:
                if (parent.folder / folder).is_dir():
                    for file in (parent.folder / folder).rglob("*"):
                        name = file.relative_to(parent.folder / folder).as_posix()
                        theirs.setdefault(name.casefold(), (name, parent.name))
            for file in sorted(own.rglob("*")):
                name = file.relative_to(own).as_posix()
                meant, parent_name = theirs.get(name.casefold(), (name, ""))
                if meant != name and file.is_file():
                    problems.error(f"themes/{theme.name}/{folder}/{name}", 0,
                                   f"is named like {parent_name}'s {meant} in other "
                                   "capitals, so it replaces nothing (the server that builds "
                                   "the site tells capitals apart); rename it to "
                                   + (meant.rpartition("/")[2] if meant.rpartition("/")[0]
                                      == name.rpartition("/")[0] else f"{folder}/{meant}"))


def report_misnamed_templates(chain: list[Theme], problems: Problems) -> None:
    """A site theme's template named nearly as one of the theme it extends
    (`honour-roll.html`, named like the page's address, for `honour_roll.html`) that no
    template names: it replaces nothing, and no page shows it."""
    for index, theme in enumerate(chain):
        if theme.builtin or not theme.templates.is_dir():
            continue
        theirs = sorted({file.relative_to(parent.templates).as_posix()
                         for parent in chain[index + 1:] if parent.templates.is_dir()
                         for file in parent.templates.rglob("*.html")})
        texts = "\n".join(file.read_text("utf-8", errors="replace")
                          for each in chain if each.templates.is_dir()
                          for file in sorted(each.templates.rglob("*")) if file.is_file())
        for file in sorted(theme.templates.rglob("*.html")):
            name = file.relative_to(theme.templates).as_posix()
            if name in theirs or name.casefold() in map(str.casefold, theirs) or \
                    f'"{name}"' in texts or f"'{name}'" in texts or \
                    f":{name}" in texts:
                continue
            close = difflib.get_close_matches(name, theirs, n=1, cutoff=0.8)
            if close:
                problems.warning(f"themes/{theme.name}/templates/{name}", 0,
                                 "replaces no template of the themes it extends ("
                                 f"{', '.join(each.name for each in chain[index + 1:])}) "
                                 "and no template includes it, so no page shows it; "
                                 f"if it is meant to replace {close[0]}, rename it to that")


_USED = ("templates", "static", "i18n", "scaffolds", "theme.toml")
_LOOSE = (".css", ".js", ".html", ".htm", ".j2", ".woff", ".woff2", ".ttf", ".otf", ".toml")


def report_unused(chain: list[Theme], problems: Problems) -> None:
    """What a site theme holds outside its templates/, static/, i18n/ and scaffolds/
    folders and theme.toml, that looks meant for the site: a stylesheet or template saved
    beside them, a `template/` or `css/` folder, Notepad's `theme.toml.txt`; cswgen would
    not use it.  (A downloaded theme's README, licence and screenshot stay quiet.)"""
    for theme in chain:
        if theme.builtin:
            continue
        for entry in sorted(theme.folder.iterdir()):
            name = entry.name
            if name in _USED or name.startswith((".", "_")):
                continue
            said = ("a theme uses only its templates/, static/, i18n/ and scaffolds/ "
                    "folders and theme.toml, so this ")
            if entry.is_dir():
                close = difflib.get_close_matches(name.lower(), _USED[:4], n=1, cutoff=0.75)
                said += ("folder is not used; " + (f"rename it to {close[0]}" if close else
                         f"move what it holds into themes/{theme.name}/static/ (stylesheets, "
                         "fonts, pictures: published under assets/) or "
                         f"themes/{theme.name}/templates/"))
            elif name.lower().startswith("theme.") or name.lower() == "theme":
                said += ("file is not used; rename it to theme.toml (in Windows Explorer, "
                         "turn on View > File name extensions to see the whole name)")
            elif name.lower().endswith(_LOOSE):
                said += (f"file is not used; move it into themes/{theme.name}/static/ "
                         "(published under assets/)")
            else:
                continue
            problems.warning(f"themes/{theme.name}/{name}", 0, said)
