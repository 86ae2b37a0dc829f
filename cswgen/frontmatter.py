"""Split a content file into front matter (YAML or TOML) and body, with line numbers.

The only module that imports PyYAML.  Two departures from YAML 1.1, both because a
comms team writes these files by hand: `10:30` is the time half past ten (not the
sexagesimal number 630), and dates stay text so that an impossible date such as
`2026-02-30` becomes a clear message from the content layer instead of a parser crash.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import yaml

from cswgen import tomlpos
from cswgen.config import toml_problem
from cswgen.errors import Problems
from cswgen.tomlpos import key_lines

_TIME = re.compile(r"^[0-9]{1,2}:[0-9]{2}$")  # any HH:MM, checked later with its line


# libyaml's parser (PyYAML's wheels include it) reads front matter about ten times faster
# than the pure-Python one; the resolvers and constructors below are the same either way.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader without timestamps or sexagesimal numbers, with `HH:MM` kept as text."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp",)]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _digit in "0123456789":
    _Loader.yaml_implicit_resolvers.setdefault(_digit, []).insert(
        0, ("tag:yaml.org,2002:str", _TIME))


@dataclass
class Document:
    """A content file split in two. `lines` maps "key", "key.0", "key.0.sub" to file lines."""

    data: dict[str, Any]
    body: str
    body_line: int  # the file line on which the body starts
    lines: dict[str, int] = field(default_factory=dict)
    format: str = ""  # "yaml", "toml" or "" (no front matter)


def decode(raw: bytes, path: str, problems: Problems) -> str | None:
    """UTF-8 text with any byte-order mark removed and line endings made `\\n`."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.error(path, 1, "is saved as UTF-16 (\"Unicode\" in Notepad or Excel); save it "
                       "again as UTF-8 (in Excel: \"CSV UTF-8\"; in Notepad: encoding UTF-8)")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.error(path, line, f"is not UTF-8 text (byte {exc.start} cannot be read); "
                       "save the file as UTF-8 (in Excel: \"CSV UTF-8\"; in Notepad or Word: "
                       "choose the UTF-8 encoding when saving)")
        return None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.error(path, line, "contains a NUL character, so it is not a text file; "
                       "save it again as plain UTF-8 text")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split(text: str, path: str, problems: Problems) -> Document | None:
    """Split `text` (already decoded); record a problem and return None when it cannot be."""
    lines = text.split("\n")
    fence = lines[0].rstrip() if lines else ""
    if fence not in ("---", "+++"):
        return Document(data={}, body=text, body_line=1)
    closers = ("---", "...") if fence == "---" else ("+++",)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in closers), None)
    if end is None:
        problems.error(path, 1, f"the front matter that starts with {fence} on line 1 is never "
                       f"closed; add a line with just {fence} after the last field")
        return None
    source = "\n".join(lines[1:end])
    body = "\n".join(lines[end + 1 :])
    if fence == "---":
        parsed = _yaml(source, path, problems)
        kind = "yaml"
    else:
        parsed = _toml(source, path, problems)
        kind = "toml"
    if parsed is None:
        return None
    data, key_map = parsed
    return Document(data=data, body=body, body_line=end + 2,
                    lines={key: line + 1 for key, line in key_map.items()}, format=kind)


Parsed = tuple[dict[str, Any], dict[str, int]]


def _yaml(source: str, path: str, problems: Problems) -> Parsed | None:
    if not source.strip():
        return {}, {}
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 2) if mark is not None else 1
        problems.error(path, line, _yaml_message(exc))
        return None
    except yaml.YAMLError as exc:
        problems.error(path, 2, f"the front matter is not valid YAML: {exc}")
        return None
    finally:
        loader.dispose()
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        problems.error(path, 2, "the front matter must be a list of `field: value` lines "
                       f"(a mapping), but it is a {_kind(data)}; write it like `title: My page`")
        return None
    key_map: dict[str, int] = {}
    seen: dict[str, int] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 1
        if key in seen:
            problems.error(path, line + 1, f"`{key}` is given twice (also on line "
                           f"{seen[key] + 1}); keep one of them")
        seen[key] = line
        key_map[key] = line
        _child_lines(key, value_node, key_map)
    return {str(k): v for k, v in data.items()}, key_map


def _child_lines(prefix: str, node: yaml.Node, key_map: dict[str, int], depth: int = 0) -> None:
    # Only the shallow levels content uses (events.0.time); aliases can make the node
    # graph exponentially large, so the walk stays shallow and bounded.
    if depth > 3 or len(key_map) > 10_000:
        return
    if isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            key_map[f"{prefix}.{index}"] = item.start_mark.line + 1
            _child_lines(f"{prefix}.{index}", item, key_map, depth + 1)
    elif isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_map[f"{prefix}.{key_node.value}"] = key_node.start_mark.line + 1
            _child_lines(f"{prefix}.{key_node.value}", value_node, key_map, depth + 1)


def _yaml_message(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or exc.context or "it cannot be read"
    hint = "check the indentation and quotes on this line"
    if "\\t" in problem or "'\\t'" in str(exc) or "tab character" in problem:
        hint = "use spaces, not tabs, to indent"
    elif "mapping values are not allowed" in problem:
        hint = "a value that contains `: ` must be in quotes, like title: \"Before: after\""
    elif "found undefined alias" in problem or "expected alphabetic or numeric" in problem:
        hint = "a value that starts with * or & must be in quotes"
    elif "found character '@'" in problem or "found character '`'" in problem:
        hint = "a value that starts with @ or ` must be in quotes"
    return f"the front matter is not valid YAML: {problem}; {hint}"


def _toml(source: str, path: str, problems: Problems) -> Parsed | None:
    try:
        data = tomlpos.loads(source)
    except tomllib.TOMLDecodeError as exc:
        problem = toml_problem(path, source, exc, offset=1)
        message = problem.message.replace("is not valid TOML", "the front matter is not valid TOML")
        problems.error(path, problem.line, message)
        return None
    return data, key_lines(source)


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "single line of text"
    return type(value).__name__
