"""Whatever a comms team's files hold, a build ends in a site or in `path:line` messages.

Hypothesis writes front matter (YAML and TOML), config.toml, CSV files and file names from
arbitrary text and bytes, and from well-formed documents with values of every type in every
known field.  The build runs in this process: a `SiteError` is the clean outcome the CLI
prints as `path:line: message`; any other exception is what the CLI reports as "cswgen
stopped because of a bug" (exit status 2), and each build must end within a time limit.

Profiles: `ci` (the default: derandomized, so every run tries the same examples) and `fuzz`
(HYPOTHESIS_PROFILE=fuzz: many more, random examples, for hunting locally).
"""

from __future__ import annotations

import os
import re
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from cswgen.commands.build import build
from cswgen.core.errors import SiteError
from tests.helpers import MINIMAL_CONFIG, write_site

settings.register_profile("ci", max_examples=30, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.register_profile("fuzz", max_examples=1000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow], print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

LIMIT = 20  # seconds one build of a tiny site may take before it counts as a hang
AS_OF = date(2026, 10, 6)
BASE: dict[str, str | bytes] = {
    "content/testimonials/a.md": "---\ncustomer: Ann A.\nstaff: [Bo B]\n---\nThanks.\n",
    "content/honour-roll/b.md": "---\nname: Bo B\naward: Star\n---\nGreat.\n",
    "content/days/monday.md": "---\nday: monday\ntitle: Mon\nevents:\n  - {time: '10:00', "
                              "title: Tea}\n---\nHello.\n",
    "content/policy.md": "---\ncommitments: [Be kind]\n---\nPolicy.\n",
    "content/pages/faq.md": "---\ntitle: FAQ\nmenu: 1\n---\nSee [policy](../policy.md).\n",
}
_WHERE = re.compile(r"^[^\n]+$")


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def expired(signum: int, frame: Any) -> None:
        raise Hang(f"the build took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def outcome(files: dict[str, str | bytes]) -> str:
    """Build a site of BASE plus `files`: "built", or "refused" with clean problems; any
    other exception (a bug) or a hang propagates and fails the test."""
    with tempfile.TemporaryDirectory() as folder:
        site = write_site(Path(folder) / "site", {**BASE, **files})
        try:
            with time_limit(LIMIT):
                result = build(site, as_of=AS_OF, cache_dir=Path(folder) / "cache")
        except SiteError as exc:
            assert exc.problems, "a SiteError without problems"
            for problem in exc.problems:
                assert _WHERE.match(str(problem)), problem  # one line
                assert problem.path and not problem.path.startswith("/"), problem
                assert problem.line >= 0 and problem.message.strip(), problem
            return _seen("refused")
        assert (result.output / "index.html").is_file()
        return _seen("built")


def _seen(what: str) -> str:
    """Counted in --hypothesis-show-statistics (outside a hypothesis test: nothing)."""
    with suppress(InvalidArgument):
        event(what)
    return what


# Values of every type YAML and TOML can express, nested a little.
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True),
    st.text(max_size=30), st.dates(), st.sampled_from(
        ["", "10:30", "25:99", "2026-02-30", "2026-10-06", "monday", "tue", "yes", "#fff",
         "../../etc/passwd", "/etc/passwd", "C:\\Windows\\win.ini", "x\x00y", "..", ".",
         "javascript:alert(1)", "https://example.com/x.png", "<b>x</b>", "~", "-1", "9" * 40]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)),
    max_leaves=8)
KEYS = ["title", "draft", "publish", "slug", "date", "day", "summary", "dress_code", "events",
        "image", "alt", "customer", "organisation", "location", "rating", "staff", "featured",
        "photo", "consent", "name", "role", "department", "award", "citation", "since",
        "effective", "version", "owner", "commitments", "standards", "menu", "ratng"]
front = st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(min_size=1, max_size=10)),
                        values, max_size=8)
CONTENT_PATHS = ["content/testimonials/a.md", "content/honour-roll/b.md",
                 "content/days/monday.md", "content/policy.md", "content/pages/faq.md",
                 "content/index.md"]
body = st.text(max_size=200)


def yaml_text(data: dict[str, Any]) -> str:
    import yaml  # only for writing test input

    return yaml.safe_dump(data, allow_unicode=True, default_flow_style=None)


def toml_text(data: dict[str, Any]) -> str | None:
    """TOML for the values TOML can hold (no None; dates, lists and tables are fine)."""
    lines = []
    for key, value in data.items():
        literal = _toml_value(value)
        if literal is None:
            return None
        lines.append(f"{_toml_key(key)} = {literal}")
    return "\n".join(lines)


def _toml_key(key: str) -> str:
    return '"' + key.replace("\\", "\\\\").replace('"', '\\"') + '"' if key else '""'


def _toml_value(value: Any) -> str | None:
    import json

    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if not isinstance(value, float) or abs(value) != float("inf") \
            else ("inf" if value > 0 else "-inf")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value)  # JSON strings are TOML basic strings for printable text
    if isinstance(value, list):
        items = [_toml_value(v) for v in value]
        return None if None in items else "[" + ", ".join(str(i) for i in items) + "]"
    if isinstance(value, dict):
        pairs = [(k, _toml_value(v)) for k, v in value.items()]
        if any(v is None for _, v in pairs):
            return None
        return "{" + ", ".join(f"{_toml_key(k)} = {v}" for k, v in pairs) + "}"
    return None


@given(path=st.sampled_from(CONTENT_PATHS), data=front, text=body)
def test_any_yaml_front_matter(path: str, data: dict[str, Any], text: str) -> None:
    outcome({path: f"---\n{yaml_text(data)}---\n{text}"})


@given(path=st.sampled_from(CONTENT_PATHS), data=front, text=body)
def test_any_toml_front_matter(path: str, data: dict[str, Any], text: str) -> None:
    document = toml_text(data)
    if document is None:
        document = "title = 1\n[x"
    outcome({path: f"+++\n{document}\n+++\n{text}"})


@given(path=st.sampled_from(CONTENT_PATHS), raw=st.one_of(
    st.binary(max_size=300),
    st.text(max_size=300).map(lambda t: "---\n" + t),
    st.text(max_size=300).map(lambda t: "+++\n" + t),
    st.text(alphabet=st.sampled_from(list("-+:\n \t[]{}'\"&*!|>#%@`,?.=\\")), max_size=60)
    .map(lambda t: "---\n" + t + "\n---\n")))
def test_any_bytes_as_a_content_file(path: str, raw: str | bytes) -> None:
    outcome({path: raw})


TABLES = {"site": ["title", "organisation", "description", "language", "base_url", "theme"],
          "week": ["theme", "start", "year", "days", "timezone", "reveal"],
          "brand": ["primary", "secondary", "logo"],
          "build": ["output", "unsafe_html", "require_consent"],
          "extra": ["anything", "nested"]}
config_scalars = st.one_of(scalars, st.integers(-3, 3000), st.sampled_from(
    ["Africa/Harare", "Nowhere/City", "daily", "all", "classic", "../../x", "#c8102e", "red",
     "output", ".", "content", "..", "/tmp", "https://x.example/csw/", "ftp://x", "en", "e n"]))


@st.composite
def configs(draw: st.DrawFn) -> str:
    tables = []
    for table, keys in TABLES.items():
        if table != "site" and draw(st.booleans()):
            continue
        chosen = draw(st.lists(st.sampled_from(keys), unique=True, max_size=len(keys)))
        if table == "site" and draw(st.booleans()):
            chosen = ["title", *[k for k in chosen if k != "title"]]
        lines = [f"[{table}]"]
        for key in chosen:
            literal = _toml_value(draw(config_scalars))
            lines.append(f"{key} = {literal if literal is not None else '1'}")
        tables.append("\n".join(lines))
    return "\n\n".join(tables) + "\n"


@given(text=st.one_of(configs(), st.text(max_size=200), st.binary(max_size=200),
                      st.text(max_size=200).map(lambda t: MINIMAL_CONFIG + t)))
def test_any_config(text: str | bytes) -> None:
    outcome({"config.toml": text})


cells = st.one_of(st.text(max_size=20), st.sampled_from(
    ["", '"', '""', "a,b", "a;b", "yes", "no", "maybe", "6", "0", "2026-10-06", "2026-13-01",
     "x\ny", "\r", " ", "Bo B; Ann", "true", "../x.jpg", "=cmd|' /C calc'!A0"]))
CSV_COLUMNS = ["customer", "name", "text", "citation_long", "rating", "staff", "featured",
               "date", "slug", "title", "photo", "consent", "draft", "publish", "award", "ratng"]


@st.composite
def csv_files(draw: st.DrawFn) -> str:
    columns = draw(st.lists(st.one_of(st.sampled_from(CSV_COLUMNS), st.text(max_size=6)),
                            min_size=1, max_size=6))
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    rows = draw(st.lists(st.lists(cells, min_size=0, max_size=len(columns) + 1), max_size=5))

    def line(row: list[str]) -> str:
        if draw(st.booleans()):
            return delimiter.join(row)  # as typed, quotes and all
        return delimiter.join('"' + c.replace('"', '""') + '"' for c in row)

    newline = draw(st.sampled_from(["\n", "\r\n"]))
    prefix = draw(st.sampled_from(["", "\ufeff", f"sep={delimiter}{newline}"]))
    return prefix + newline.join(line(r) for r in [columns, *rows]) + newline


@given(folder=st.sampled_from(["testimonials", "honour-roll"]),
       text=st.one_of(csv_files(), st.text(max_size=200), st.binary(max_size=200)))
def test_any_csv_file(folder: str, text: str | bytes) -> None:
    outcome({f"content/{folder}/more.csv": text})


_UNUSABLE = ("/", "\x00")


@given(name=st.text(min_size=1, max_size=40).filter(
    lambda n: not any(c in n for c in _UNUSABLE) and n not in (".", "..")),
    slug=st.one_of(st.none(), values))
def test_any_file_name_and_slug(name: str, slug: Any) -> None:
    if len(os.fsencode(name)) > 200:
        return
    data = {"title": "A page"} if slug is None else {"title": "A page", "slug": slug}
    outcome({f"content/pages/{name}.md": f"---\n{yaml_text(data)}---\nText.\n",
             f"content/files/{name}": b"attachment"})


@pytest.mark.parametrize("files", [
    {"content/pages/x.md": "---\n" + "- " * 5000 + "x\n---\n"},
    {"content/pages/x.md": "---\n" + "[" * 5000 + "\n---\n"},
    {"content/pages/x.md": "---\na: &a [" + ",".join(["*a"] * 9) + "]\n"
     + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [" + ",".join([f"*{chr(97 + i)}"] * 9) + "]\n"
               for i in range(8)) + "title: x\n---\n"},
    {"content/pages/x.md": "+++\n" + "a = " + "[" * 5000 + "\n+++\n"},
])
def test_pathological_front_matter_ends_cleanly(files: dict[str, str | bytes]) -> None:
    """Deep nesting and YAML's billion laughs: a message or a site, quickly."""
    outcome(files)


# What fuzzing found, each kept as an example that once reached "cswgen stopped because of
# a bug" (exit status 2) and now ends in a message.
@pytest.mark.parametrize(("files", "expected"), [
    # tomllib's parser recursed past Python's limit on deep arrays (config or front matter)
    ({"config.toml": MINIMAL_CONFIG + "[extra]\nx = " + "[" * 2000 + "\n"},
     "config.toml:9: is not valid TOML: arrays or tables are nested too deeply"),
    ({"content/pages/faq.md": "+++\ntitle = " + "[" * 2000 + "\n+++\n"},
     "content/pages/faq.md:2: the front matter is not valid TOML: arrays or tables are nested"),
    # the site's title went into week.ics unescaped, and icalendar refused a line break
    ({"config.toml": MINIMAL_CONFIG.replace('"Test Week"', '"Test\\nWeek"')}, "built"),
    # an output folder with a NUL in its name crashed the check of the output folder
    ({"config.toml": MINIMAL_CONFIG + '[build]\noutput = "out\\u0000put"\n'},
     'config.toml:9: [build] output "out\\x00put" holds a control character'),
    # a line break in a file name made a problem of two lines
    ({"content/pages/\n.md": "---\ntitle: x\n---\n"}, 'content/pages/\\n.md: "\\n.md" contains'),
])
def test_what_fuzzing_found(files: dict[str, str | bytes], expected: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = write_site(Path(folder) / "site", {**BASE, **files})
        try:
            build(site, as_of=AS_OF, cache_dir=Path(folder) / "cache")
        except SiteError as exc:
            assert str(exc.problems[0]).startswith(expected), exc.problems
        else:
            assert expected == "built"
