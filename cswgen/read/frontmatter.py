"""Split a content file into front matter (YAML or TOML) and body, with line numbers.

The only module that imports PyYAML.  Two departures from YAML 1.1, both because a
comms team writes these files by hand: `10:30` and `9.00` are times (not the sexagesimal
number 630 or the number 9.0), and dates stay text so that an impossible date such as
`2026-02-30` becomes a clear message from the content layer instead of a parser crash.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

import yaml

from cswgen.core import tomlpos
from cswgen.core.errors import Problems
from cswgen.core.tomlpos import key_lines
from cswgen.read import pasted, yamlwords
from cswgen.read.tomlwords import toml_rest

# any HH:MM or HH:MM:SS (as Outlook and Excel copy a time), and H.MM as people write times
# in Britain and Africa (`time: 9.00` is nine o'clock, not the number 9.0): kept as text,
# checked later with its line
_TIME = re.compile(r"^[0-9]{1,2}(?:[:.][0-9]{2}|:[0-9]{2}:[0-9]{2})$")


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
    # keys whose whole value YAML read as a comment (`title: #CSW2027 kick-off`) -> the
    # advice that says so; whether that is an error depends on whether the field is required
    emptied: dict[str, str] = field(default_factory=dict)
    # keys whose value YAML read as true or false from another word (`dress_code: No`,
    # `location: ON`) -> that word as written, for a field that is text (see `_spelled`)
    spelled: dict[str, str] = field(default_factory=dict)
    # None when the front matter was read whole; after a syntax error, which was reported,
    # the names of the fields on the lines set aside to read the rest (see `_every_error`):
    # those fields are not said to be missing, and the file is not published
    unread: frozenset[str] | None = None


# why a fence is a dash, and where to type it again (a Mac's TextEdit, as Word, makes -- a
# dash as you type, unless told not to)
_DASHED = "Word, and TextEdit on a Mac, turn --- into a dash as you type"
_PLAIN = ("in a plain-text editor such as Notepad, or in TextEdit after turning off Edit > "
          "Substitutions > Smart Dashes")


def split(text: str, path: str, problems: Problems) -> Document | None:
    """Split `text` (already decoded); record a problem and return None when it cannot be."""
    if text.lstrip().startswith("{\\rtf"):
        # (TextEdit's rich text, named `lunes.md`: adding --- lines to it changes nothing)
        name = path.rpartition("/")[2]
        problems.error(path, 1, "this file is saved as rich text (RTF), with its fonts and "
                       "formatting, not as plain text, so cswgen cannot read it; open it in "
                       "TextEdit, choose Format > Make Plain Text, then save it again as "
                       f"{name} (choose \"Use .md\" if TextEdit asks)")
        return None
    lines = text.split("\n")
    _fence_moved_up(lines, path, problems)
    fence = lines[0].rstrip() if lines else ""
    if fence not in ("---", "+++"):
        if _looks_like_fence(fence) and _field_follows(lines, 1):
            problems.error(path, 1, f"the first line is {fence.strip()}, not ---: the front "
                           "matter must start and end with a line of exactly three hyphens "
                           f"({_DASHED}); type --- again {_PLAIN}")
            return None
        return Document(data={}, body=text, body_line=1)
    closers = ("---", "...") if fence == "---" else ("+++",)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in closers), None)
    if end is None:
        typo = next((i for i in range(1, len(lines)) if _looks_like_fence(lines[i])), None)
        if typo is not None:
            problems.error(path, typo + 1, f"this line is {lines[typo].strip()}, not {fence}: "
                           "it looks like the end of the front matter, which must be a line "
                           f"of exactly {fence} ({_DASHED}); type {fence} again {_PLAIN}")
        else:
            problems.error(path, 1, f"the front matter that starts with {fence} on line 1 is "
                           f"never closed; add a line with just {fence} after the last field")
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
    data, key_map, emptied, spelled, unread = parsed
    return Document(data=data, body=body, body_line=end + 2,
                    lines={key: line + 1 for key, line in key_map.items()}, format=kind,
                    emptied=emptied, spelled=spelled, unread=unread)


def _fence_moved_up(lines: list[str], path: str, problems: Problems) -> None:
    """Front matter whose first `---` (or `+++`) is below an empty line, or indented, is
    read as front matter all the same, with a warning: left as text, its fields would be
    published as a heading (`title: Welcome` underlined by `---`).  The empty lines are
    moved below the fence, so every line keeps its number."""
    start = next((i for i, line in enumerate(lines) if line.strip()), None)
    if start is None or (start == 0 and not lines[0][:1].isspace()):
        return
    fence = lines[start].strip()
    field = _FIELD if fence == "---" else _TOML_LINE if fence == "+++" else None
    following = next((line for line in lines[start + 1:start + 6] if line.strip()), "")
    if field is None or not field.match(following.strip()):
        return
    if start > 0:
        where = "below an empty line" if start == 1 else f"below {start} empty lines"
        fix = "the empty line above it" if start == 1 else "the empty lines above it"
    else:
        where, fix = "after spaces", "the spaces before it"
    problems.warning(path, start + 1, f"the {fence} that starts the front matter is {where}, "
                     f"not at the very start of the file; it is read as front matter all the "
                     f"same, but delete {fix} to silence this")
    lines[1: start + 1] = lines[:start]
    lines[0] = fence


_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_FIELD = re.compile(r"^[A-Za-z_][\w-]*\s*:(\s|$)")


def _looks_like_fence(line: str) -> bool:
    """A line of dashes that is not `---`: `—` or `–-` (Word's AutoFormat), `- - -`."""
    text = line.strip()
    return bool(text) and text != "---" and len(text) <= 12 \
        and all(c in _DASHES or c == " " for c in text) \
        and (any(c != "-" and c != " " for c in text) or " " in text or len(text) in (2, 4))


def _field_follows(lines: list[str], start: int) -> bool:
    """Whether the next non-empty line is a `field: value` line."""
    following = next((line for line in lines[start:start + 5] if line.strip()), "")
    return bool(_FIELD.match(following.strip()))


def missing_front_matter(text: str, example: str) -> str:
    """The message for a content file with no front matter at all, where one is needed:
    what is missing, and the first lines to add (`example`: a field of this kind)."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if _FIELD.match(first):
        return (f"the fields at the top of this file are not inside a front-matter block; add "
                f"a line with just --- above `{first.split(':')[0].strip()}:` and another "
                "after the last field (the text goes below it)")
    return ("this file has no front matter, the block of fields that starts and ends with a "
            f"line of three hyphens; add these lines at the very top, each on a line of its "
            f"own: ---, {example}, ---")


# data, lines, emptied, spelled, unread (see `Document`)
Parsed = tuple[dict[str, Any], dict[str, int], dict[str, str], dict[str, str],
               frozenset[str] | None]


# a first line of TOML (`title = "FAQ"`): the name, and the value as YAML would take it
_TOML_LINE = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_-]*)\s*=\s*(\S.*)")


def _yaml(source: str, path: str, problems: Problems) -> Parsed | None:
    if not source.strip():
        return {}, {}, {}, {}, None
    source, notes = pasted.unseen(source)
    loaded = _load(source)
    if not _is_mapping(loaded):
        mended, straightened = pasted.straightened(source)
        if straightened:
            source, notes = mended, notes + straightened
            loaded = _load(source)
    for note in notes:
        problems.warning(path, note.line + 2, note.message)
    unread: frozenset[str] | None = None
    if isinstance(loaded, yaml.MarkedYAMLError) or (
            not _is_mapping(loaded) and pasted.mistakes(source)):
        rest = _every_error(loaded, source, path, problems)
        if rest is None:
            return None
        loaded, source, unread = rest
    if isinstance(loaded, yaml.YAMLError):
        problems.error(path, 2, f"the front matter is not valid YAML: {loaded}")
        return None
    node, data = loaded
    if data is None:
        return {}, {}, {}, {}, unread
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        if (toml := _TOML_LINE.match(source)) is not None:  # TOML between YAML's fences
            problems.error(path, 2, f"this field is written as TOML ({toml[0].strip()}), but "
                           "the front matter starts with ---, which is for `field: value` "
                           f"lines; write {toml[1]}: {toml[2].strip()} (and the same on each "
                           "line), or start and end the block with +++ instead of ---")
            return None
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
        if said := yamlwords.toml_line_as_name(key, value_node.value if isinstance(
                value_node, yaml.ScalarNode) else None):  # (`role = "Sales: North"`)
            problems.error(path, line + 1, said)
        _child_lines(key, value_node, key_map)
    emptied: dict[str, str] = {}
    _hashes(node, "", source.split("\n"), path, problems, emptied)
    return {str(k): v for k, v in data.items()}, key_map, emptied, _spelled(node), unread


_NOT_YAML = "the front matter is not valid YAML: "


def _every_error(loaded: Loaded, source: str, path: str,
                 problems: Problems) -> tuple[Loaded, str, frozenset[str]] | None:
    """Report what YAML could not read in `source`, and then each further mistake below
    it, in one run: the field at fault is set aside (its lines blanked, so that the lines
    below keep their numbers) and the rest read again, as long as what is found next is
    below it (above it, or on its lines, it is the first mistake's doing: a quote that
    goes on over the fields below, say).  A `: ` in a value is put in quotes instead, which
    keeps the field.  The read of the rest, the text it was read from and the names of the
    fields set aside; None when the rest cannot be read without doubt.  Twenty at most."""
    unread: set[str] = set()
    below = 0  # the first line not yet set aside or mended
    if not _is_mapping(loaded) and (mistakes := pasted.mistakes(source)):
        # the YAML error is a consequence of these, and names the wrong line or fix
        for note in mistakes:
            problems.error(path, note.line + 2, f"{_NOT_YAML}{note.message}")
            source, end, names = yamlwords.set_aside(source, note.line)
            below, unread = max(below, end), unread | names
        loaded = _load(source)
    said: tuple[int, str] | None = None  # the last mistake found, reported once it is sure
    settled = below  # the first line not set aside before it
    for _ in range(20):
        if not isinstance(loaded, yaml.MarkedYAMLError):
            break
        line, message = _yaml_problem(loaded, source)
        if line < below:
            if said and settled <= line and "quoted scalar" in (loaded.context or ""):
                said = line, message  # (a quote above went on into its line: the mistake)
            break
        if said:
            problems.error(path, said[0] + 2, f"{_NOT_YAML}{said[1]}")
        said, settled = (line, message), below
        # (a translator's French "Mardi : la journée CX" is on many lines: all in one run)
        quoted = yamlwords.with_colon_quoted(source, line) if "`: `" in message else None
        if quoted is not None:
            source, below = quoted, line + 1
        else:
            source, below, names = yamlwords.set_aside(source, line)
            unread |= names
        loaded = _load(source)
    if said:
        problems.error(path, said[0] + 2, f"{_NOT_YAML}{said[1]}")
    if not _is_mapping(loaded):
        return None
    return loaded, source, frozenset(unread)


_BOOLEAN = "tag:yaml.org,2002:bool"


def _spelled(node: yaml.MappingNode) -> dict[str, str]:
    """The values YAML 1.1 reads as true or false though they were written as another word
    (yes, no, on, off, y, n, in any case), by key (`events.0.place` in a list of
    mappings): `dress_code: No` or `location: ON` means that word to whoever typed it, and
    a field that is text reads it as written (a yes/no field reads the true or false)."""
    found: dict[str, str] = {}

    def scalar(key: str, value: yaml.Node) -> None:
        if isinstance(value, yaml.ScalarNode) and value.tag == _BOOLEAN \
                and value.value.lower() not in ("true", "false"):
            found[key] = value.value

    for key_node, value_node in node.value:
        key = str(key_node.value)
        scalar(key, value_node)
        if isinstance(value_node, yaml.SequenceNode):
            for index, item in enumerate(value_node.value[:1000]):
                if isinstance(item, yaml.MappingNode):
                    for sub_key, sub_value in item.value:
                        scalar(f"{key}.{index}.{sub_key.value}", sub_value)
    return found


Loaded = tuple[yaml.Node | None, Any] | yaml.YAMLError


def _load(source: str) -> Loaded:
    """The document's node and its data, or what YAML said was wrong."""
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        return exc
    finally:
        loader.dispose()


def _is_mapping(loaded: Loaded) -> bool:
    """Whether YAML read fields (or nothing at all, which is no fields)."""
    return not isinstance(loaded, yaml.YAMLError) and (
        loaded[1] is None or isinstance(loaded[0], yaml.MappingNode))


# (a hashtag: `#` then text, `#CSW2027`; `# then words` is a comment, as cswgen add writes)
_COMMENT_AFTER_KEY = re.compile(r"^\s*:[ \t]+(#\S.*?)\s*$")
_COMMENT_AFTER_DASH = re.compile(r"^\s*-[ \t]+(#\S.*?)\s*$")
_COMMENT_AFTER_VALUE = re.compile(r"^[ \t]+#\S")
_HASH_NOTE = "front matter reads a # after a space as the start of a comment"


def _hashes(node: yaml.Node, prefix: str, lines: list[str], path: str, problems: Problems,
            emptied: dict[str, str], depth: int = 0) -> None:
    """Each unquoted value YAML cut short at a ` #` (`title: Prize draw #CSW2027`) gets a
    warning; each it read as nothing at all (`title: #CSW2027 kick-off`) goes in `emptied`.
    Hashtags are everyday text on these sites, and YAML drops them without a word."""
    if depth > 3:
        return
    if isinstance(node, yaml.MappingNode):
        pairs = [(f"{prefix}{k.value}", k.end_mark, v) for k, v in node.value
                 if isinstance(k, yaml.ScalarNode)]
    elif isinstance(node, yaml.SequenceNode):
        pairs = [(f"{prefix}{i}", None, v) for i, v in enumerate(node.value)]
    else:
        return
    for key, key_end, value in pairs:
        if not isinstance(value, yaml.ScalarNode):
            _hashes(value, key + ".", lines, path, problems, emptied, depth + 1)
            continue
        if value.style or value.start_mark.line >= len(lines):
            continue  # quoted, or a block of text: a # in it is text
        line = lines[value.start_mark.line]
        if value.tag == "tag:yaml.org,2002:null" and value.value == "":
            offset = key_end.column if key_end is not None else 0
            after = (_COMMENT_AFTER_KEY.match(line[offset:]) if key_end is not None
                     and key_end.line == value.start_mark.line
                     else _COMMENT_AFTER_DASH.match(line) if key_end is None else None)
            if after:
                emptied[key] = (f"because {_HASH_NOTE}; put the whole value in quotes: "
                                f"{_fixed(line, offset + after.start(1), key_end)}")
        elif value.tag == "tag:yaml.org,2002:str" and value.end_mark.line == \
                value.start_mark.line and _COMMENT_AFTER_VALUE.match(
                    line[value.end_mark.column:]):
            problems.warning(path, value.start_mark.line + 2,
                             f"{_field_name(key)} is cut short to "
                             f"\"{pasted.shortened(value.value)}\", because "
                             f"{_HASH_NOTE}; put the whole value in quotes: "
                             f"{_fixed(line, value.start_mark.column, key_end)} (or, if the "
                             "# starts a note, put the note on a line of its own)")


def _field_name(key: str) -> str:
    """`title` -> "`title`"; `staff.1` -> "item 2 of `staff`"."""
    parent, _, last = key.rpartition(".")
    if last.isdigit():
        return f"item {int(last) + 1} of `{parent.rpartition('.')[2]}`"
    return f"`{last}`"


def _fixed(line: str, start: int, key_end: yaml.Mark | None) -> str:
    """The line as it should be written: the value from `start` on, in quotes (straight
    ones: a value Word put in curly quotes is given without them)."""
    text = line[start:].strip()
    text = pasted.unquoted(text) or text
    quoted = pasted.shortened(pasted.yaml_quoted(text))
    if key_end is None:
        return f"- {quoted}"
    return f"{line[: key_end.column].strip()}: {quoted}"


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


def _yaml_problem(exc: yaml.MarkedYAMLError, source: str) -> tuple[int, str]:
    """The line (0-based, in `source`) where the mistake is, and what it is in plain words
    (see `yamlwords`)."""
    at = exc.problem_mark.line if exc.problem_mark is not None else 0
    return yamlwords.in_words(
        exc.problem or exc.context or "", exc.context or "", at,
        exc.context_mark.line if exc.context_mark is not None else at,
        exc.context_mark.column if exc.context_mark is not None else None, source)


def _toml(source: str, path: str, problems: Problems) -> Parsed | None:
    try:
        data = tomlpos.loads(source)
    except tomllib.TOMLDecodeError as exc:  # (every line TOML cannot read, in one run)
        found, rest, unread = toml_rest(path, source, exc)
        for problem in found:
            problems.error(path, problem.line + 1, problem.message.replace(
                "is not valid TOML", "the front matter is not valid TOML"))
        if rest is None:
            return None
        return tomlpos.loads(rest), key_lines(rest), {}, {}, unread
    return data, key_lines(source), {}, {}, None


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "single line of text"
    return type(value).__name__
