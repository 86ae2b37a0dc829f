"""The shape of the package, enforced: the folders are the stages of the flow, each
importing only those before it, and each outside library has one home.

    core -> read -> model -> render -> write -> publish -> commands -> cli.py

A module the test cannot place (a new folder, or a module at the top beside cli.py) fails
it: add the folder to PACKAGES in its place in the flow, or move the module into one.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "cswgen"

# the sub-packages in the order data flows through them; each may import only the ones
# before it (and itself)
PACKAGES = ["core", "read", "model", "render", "write", "publish", "commands"]
TOP = {"__init__", "__main__", "cli", "cliparts"}  # the only modules outside the sub-packages

# outside library -> the module (package/name), or the few, that alone may import it
OWNERS: dict[str, str | tuple[str, ...]] = {
    "yaml": "read/frontmatter",
    "markdown": "model/markup",
    "nh3": "model/sanitize",
    "jinja2": "render/templates",
    "click": ("cli", "cliparts"),  # (the commands; what their parsing shares)
    "anyascii": "read/slugs",
    "icalendar": "render/calendar",
    "livereload": "commands/serve",
    # (images: copying pictures; decoder, beside it: opening and decoding them and reading
    # their headers, a module of its own so that each reads in one sitting, as is cards:
    # drawing share cards and laying out their text, on what decoder decodes; colours:
    # Pillow's table of CSS's colour names)
    "PIL": ("model/images", "model/decoder", "model/cards", "core/colours"),
    "pillow_heif": "model/heif",  # (loaded only when a HEIC photo is read)
    "fontTools": "model/fonts",
    "tornado": "commands/serve",  # the server livereload runs on
    "openpyxl": "read/workbooks",
    "babel": ("core/cldr", "core/regions"),  # (words, dates and numbers; time zones)
    "paramiko": ("publish/sftp", "publish/sshlogin"),  # (publishing; logging in)
    "segno": "render/qr",
}


def modules() -> dict[str, Path]:
    """Every module of cswgen, as `package/name` (or `name` at the top)."""
    return {path.relative_to(PACKAGE).with_suffix("").as_posix(): path
            for path in sorted(PACKAGE.rglob("*.py"))}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_every_module_has_a_place_in_the_flow() -> None:
    for name in modules():
        package, _, module = name.rpartition("/")
        assert (package in PACKAGES and "/" not in package) or (not package and module in TOP), (
            f"cswgen/{name}.py is not in a package the architecture knows; move it into one "
            f"of {PACKAGES}, or add its folder to PACKAGES in this test")


def test_each_outside_library_is_imported_by_one_module() -> None:
    for name, path in modules().items():
        for imported in imports_of(path):
            top = imported.split(".")[0]
            if top in OWNERS:
                owners = OWNERS[top]
                assert name in ((owners,) if isinstance(owners, str) else owners), (
                    f"cswgen/{name}.py imports {top}")


def test_packages_only_import_the_ones_before_them() -> None:
    for name, path in modules().items():
        package = name.rpartition("/")[0]
        level = PACKAGES.index(package) if package else len(PACKAGES)
        for imported in imports_of(path):
            parts = imported.split(".")
            if parts[0] != "cswgen" or len(parts) < 2 or parts[1] not in PACKAGES:
                continue
            assert PACKAGES.index(parts[1]) <= level, (
                f"cswgen/{name}.py imports cswgen.{parts[1]}, which comes after "
                f"{package or 'the top'} in the flow")


def test_cli_only_parses_and_calls_commands() -> None:
    for module in ("cli.py", "cliparts.py"):
        for imported in imports_of(PACKAGE / module):
            parts = imported.split(".")
            if parts[0] == "cswgen" and len(parts) > 2 and parts[1] in PACKAGES:
                assert parts[1] in ("commands", "core"), f"{module} imports {imported}"


def test_help_does_not_load_the_heavy_libraries() -> None:
    code = ("import sys; from cswgen import cli; "
            "print(','.join(m for m in ('jinja2','markdown','nh3','yaml','icalendar','PIL',"
            "'pillow_heif','livereload','tornado','openpyxl','paramiko') "
            "if m in sys.modules))")
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert loaded == ""


LOADED = """
import sys
from pathlib import Path
from cswgen.core.cache import CACHE_FOLDER, Cache
from cswgen.commands.build import STEPS_FILE
cache = Cache.load(Path(sys.argv[1]) / CACHE_FOLDER / STEPS_FILE)
print(len(cache._entries))
"""


def test_a_change_to_code_in_any_sub_package_discards_the_cache(tmp_path: Path) -> None:
    """Results cached by one version of cswgen are not reused by another: an edit to any
    module, in any sub-package, counts (an edited checkout included)."""
    import shutil

    from tests.helpers import write_site

    code = tmp_path / "code"
    shutil.copytree(PACKAGE, code / "cswgen", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(PACKAGE.parent / "themes", code / "themes")  # as in a source checkout
    site = write_site(tmp_path / "site", {
        "content/pages/about.md": "---\ntitle: About us\n---\nWe are **here**.\n"})
    env = {"PYTHONPATH": str(code), "PATH": "/usr/bin:/bin"}

    def cached_results() -> int:
        shown = subprocess.run([sys.executable, "-c", LOADED, str(site)], capture_output=True,
                               text=True, check=True, env=env, cwd=tmp_path)
        return int(shown.stdout)

    built = subprocess.run([sys.executable, "-m", "cswgen", "build", "--as-of", "2026-10-06"],
                           cwd=site, capture_output=True, text=True, env=env)
    assert built.returncode == 0, built.stderr
    assert cached_results() > 0
    views = code / "cswgen" / "render" / "views.py"
    views.write_text(views.read_text("utf-8") + "\n# an edit\n", "utf-8")
    assert cached_results() == 0
