"""The shape of the package, enforced: each outside library has one home, and the data
flows one way (config -> content -> model -> markup -> views -> templates -> writer)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cswgen"

# module -> the outside libraries it alone may import
OWNERS = {
    "yaml": "frontmatter",
    "markdown": "markup",
    "nh3": "sanitize",
    "jinja2": "templates",
    "click": "cli",
    "anyascii": "slugs",
    "icalendar": "calendar",
    "livereload": "serve",
    "PIL": "images",
    "tornado": "serve",  # the server livereload runs on
    "openpyxl": "workbooks",
}

# module -> cswgen modules it must not import (the layers above it)
LAYERS = [
    "errors", "paths", "limits", "parallel", "cache", "week", "datewords", "tomlpos", "colours",
    "config", "slugs", "frontmatter", "fields", "workbooks", "content", "model", "sanitize",
    "markup", "images", "photos", "views", "share", "themes", "placeholders", "templates",
    "calendar", "feeds", "lock", "journal",
    "writer", "fingerprint", "new", "build", "overlay", "serve", "htmlscan", "check",
    "report", "scaffold", "redate", "cli",
]


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            if node.module == "cswgen":
                names.update(f"cswgen.{alias.name}" for alias in node.names)
    return names


def test_each_outside_library_is_imported_by_one_module() -> None:
    for path in PACKAGE.glob("*.py"):
        for name in imports_of(path):
            top = name.split(".")[0]
            if top in OWNERS:
                assert path.stem == OWNERS[top], f"{path.name} imports {top}"


def test_layers_only_import_downwards() -> None:
    for path in PACKAGE.glob("*.py"):
        if path.stem not in LAYERS:
            continue
        level = LAYERS.index(path.stem)
        for name in imports_of(path):
            if name.startswith("cswgen."):
                other = name.split(".")[1]
                if other in LAYERS:
                    assert LAYERS.index(other) < level, f"{path.stem} imports {other}"


def test_help_does_not_load_the_heavy_libraries() -> None:
    code = ("import sys; from cswgen import cli; "
            "print(','.join(m for m in ('jinja2','markdown','nh3','yaml','icalendar','PIL',"
            "'livereload','tornado','openpyxl') "
            "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == ""
