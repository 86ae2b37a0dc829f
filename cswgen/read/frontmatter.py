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
from cswgen.read import pasted
from cswgen.read.tomlwords import toml_problem

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


def _legacy_character(raw: bytes, at: int) -> str:
    """What the byte at `at` reads as in Windows' own encoding (cp1252, which Notepad and
    Excel write unless told otherwise), in its word, to find it by: `, "é" in "Café",`;
    "" when it is not such a character."""
    start = raw.rfind(b"\n", 0, at) + 1
    end = raw.find(b"\n", at)
    line = raw[start: end if end >= 0 else len(raw)].decode("cp1252", errors="replace")
    offset = len(raw[start:at].decode("cp1252", errors="replace"))
    character = line[offset: offset + 1]
    if not character or character == "\ufffd" or not character.isprintable():
        return ""
    word = next((m.group(0) for m in re.finditer(r"\S+", line)
                 if m.start() <= offset < m.end()), character)
    return f", \"{character}\" in \"{word[:40]}\","


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
        problems.error(path, line, f"is not UTF-8 text (byte {exc.start}"
                       f"{_legacy_character(raw, exc.start)} cannot be read); "
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
        if _looks_like_fence(fence) and _field_follows(lines, 1):
            problems.error(path, 1, f"the first line is {fence.strip()}, not ---: the front "
                           "matter must start and end with a line of exactly three hyphens "
                           "(Word turns --- into a dash as you type); type --- again in a "
                           "plain-text editor such as Notepad")
            return None
        return Document(data={}, body=text, body_line=1)
    closers = ("---", "...") if fence == "---" else ("+++",)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in closers), None)
    if end is None:
        typo = next((i for i in range(1, len(lines)) if _looks_like_fence(lines[i])), None)
        if typo is not None:
            problems.error(path, typo + 1, f"this line is {lines[typo].strip()}, not {fence}: "
                           "it looks like the end of the front matter, which must be a line "
                           f"of exactly {fence} (Word turns --- into a dash as you type); "
                           f"type {fence} again in a plain-text editor such as Notepad")
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
    data, key_map, emptied = parsed
    return Document(data=data, body=body, body_line=end + 2,
                    lines={key: line + 1 for key, line in key_map.items()}, format=kind,
                    emptied=emptied)


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


Parsed = tuple[dict[str, Any], dict[str, int], dict[str, str]]  # data, lines, emptied


def _yaml(source: str, path: str, problems: Problems) -> Parsed | None:
    if not source.strip():
        return {}, {}, {}
    source, notes = pasted.unseen(source)
    loaded = _load(source)
    if not _is_mapping(loaded):
        mended, straightened = pasted.straightened(source)
        if straightened:
            source, notes = mended, notes + straightened
            loaded = _load(source)
    for note in notes:
        problems.warning(path, note.line + 2, note.message)
    if not _is_mapping(loaded) and (mistakes := pasted.mistakes(source)):
        # the YAML error is a consequence of these, and names the wrong line or fix
        for note in mistakes:
            problems.error(path, note.line + 2, f"the front matter is not valid YAML: "
                           f"{note.message}")
        return None
    if isinstance(loaded, yaml.MarkedYAMLError):
        line, message = _yaml_problem(loaded, source)
        problems.error(path, line + 2, f"the front matter is not valid YAML: {message}")
        return None
    if isinstance(loaded, yaml.YAMLError):
        problems.error(path, 2, f"the front matter is not valid YAML: {loaded}")
        return None
    node, data = loaded
    if data is None:
        return {}, {}, {}
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
        if _TOML_KEY.match(key) and (toml := _TOML_LINE.match(
                f"{key}: {value_node.value}" if isinstance(value_node, yaml.ScalarNode)
                else key)):  # (`role = "Sales: North"`: a key, `role = "Sales`)
            problems.error(path, line + 1, "this line is written as in config.toml; between "
                           "--- lines a field is written with a colon: "
                           f"{toml.group(1)}: {_quoted(toml.group(2))}")
        _child_lines(key, value_node, key_map)
    emptied: dict[str, str] = {}
    _hashes(node, "", source.split("\n"), path, problems, emptied)
    return {str(k): v for k, v in data.items()}, key_map, emptied


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
    """The line (0-based, in `source`) where the mistake is, and what it is in plain words."""
    problem = exc.problem or exc.context or ""
    context = exc.context or ""
    at = exc.problem_mark.line if exc.problem_mark is not None else 0
    opened = exc.context_mark.line if exc.context_mark is not None else at
    lines = source.split("\n")
    suspects = sorted({opened, at})
    tabbed = next((n for n in suspects if n < len(lines)
                   and "\t" in lines[n][: len(lines[n]) - len(lines[n].lstrip())]), None)
    if tabbed is None and "tab" in problem:
        tabbed = at
    if tabbed is not None:
        return tabbed, "this line is indented with a tab; use spaces instead of tabs (two " \
            "spaces for each level, as in the lines around it)"
    # `"C:\Users\..."`, `"images\people\a.jpg"` (libyaml: "...expected hexdecimal number")
    if "quoted scalar" in context and ("escape" in problem or "hex" in problem):
        return at, ("in a value in \" quotes a \\ starts a code (like \\n for a new line), "
                    "so a Windows path cannot be read there; write the path with / instead "
                    "of \\ (images/people/photo.jpg), or put the value in ' quotes")
    if "quoted scalar" in context:
        quote = lines[opened][exc.context_mark.column] if exc.context_mark is not None \
            and exc.context_mark.column < len(lines[opened]) else '"'
        other = "'" if quote == '"' else '"'
        return opened, (f"the quote {quote} opened on this line is never closed; add a "
                        f"closing {quote} at the end of the value (a value with a {quote} "
                        f"inside it goes in {other} quotes instead)")
    if "flow sequence" in context or "flow mapping" in context:
        bracket, closing = ("[", "]") if "sequence" in context else ("{", "}")
        return opened, (f"the {bracket} opened on this line is never closed; add {closing} "
                        f"at the end of the list, and separate its items with commas")
    if at < len(lines):
        quoted = re.match(r"""\s*[^:#]+:\s*(["'])(.*?)\1\s*[^\s#]""", lines[at])
        if quoted:
            quote = quoted.group(1)
            other = "'" if quote == '"' else '"'
            return at, (f"the value starts with a {quote} quote that closes before its end "
                        f"(a {quote} inside the value ends it); put the whole value in "
                        f"{other} quotes instead")
    after = "<document start>" in problem and at > 0  # (a whole document read before it)
    for line in dict.fromkeys((opened, at - 1 if after else at, at)):  # (libyaml may name
        if line < len(lines) and (shape := _not_a_field(lines[line])) is not None:  # the next)
            return line, shape
    if "<document start>" in problem and lines[0][:1].isspace():  # (the first field's
        at = 0                                                      # indent is the rule)
    if at < len(lines) and (plain := _in_plain_words(problem, lines, at)) is not None:
        return at, plain
    if "mapping values are not allowed" in problem:
        hint = "a value that contains `: ` must be in quotes, like title: \"Before: after\""
    elif "found undefined alias" in problem or "expected alphabetic or numeric" in problem:
        hint = "a value that starts with * or & must be in quotes"
    elif "found character '@'" in problem or "found character '`'" in problem:
        hint = "a value that starts with @ or ` must be in quotes"
    else:
        hint = "check the indentation and quotes on this line"
    return at, f"{problem or 'it cannot be read'}; {hint}"


_NAME_VALUE = re.compile(r"""\s*([^\s:#\-\[{"'=][^:#"'=]*):\s*(.*)$""")  # `name: value`, its parts


_TOML_KEY = re.compile(r"""[\w.-]+(\s+=\s+|\s*=\s*["'])""")  # what YAML took for a name
_TOML_LINE = re.compile(r"\s*([\w.-]+)\s*=\s*(.*)$")  # `name = value`, as in config.toml


def _quoted(value: str) -> str:
    """A value as a front-matter line can hold it: in quotes when it holds `: `."""
    value = value.strip()
    if ": " in value and value[:1] not in "\"'":
        return '"' + value.replace('"', "'") + '"'
    return value


def _not_a_field(line: str) -> str | None:
    """What a line of the front matter that is no field, no list item and no note is,
    when YAML cannot read it: words, Markdown, a template tag, a config.toml line."""
    text = line.strip()
    if not text or text[0] == "#" or text == "-" or text.startswith("- ") \
            or _NAME_VALUE.match(line) or (text[0] in "[{\"'" and ":" in text):
        return None  # (a note, a list item, a field, `[x]: y`, `"title": x`)
    if toml := _TOML_LINE.match(line):
        return (f"this line is written as in config.toml; between --- lines a field is "
                f"written with a colon: {toml.group(1)}: {_quoted(toml.group(2))}")
    if text.startswith(("![", ">", "|", "*", "#", "```")):
        return ("this line looks like Markdown, which goes below the closing ---, with the "
                "page's text; the front matter holds only fields, `name: value`")
    if text.startswith(("{%", "{{", "<")):
        return ("this line looks like a template or HTML, which the front matter cannot "
                "hold; move it below the closing --- or delete it")
    return ("this line is not a field: each line of the front matter is `name: value`; "
            "words that go on from the value above belong on its line, in quotes, and text "
            "for the page goes below the closing ---")


def _in_plain_words(problem: str, lines: list[str], at: int) -> str | None:
    """What libyaml's parser words (\"did not find expected key\") mean on this line, in
    the words of someone who writes Markdown, not YAML; None when it is none of these."""
    line = lines[at]
    text = line.strip()
    field = _NAME_VALUE.match(line)
    value = field.group(2).strip() if field else text
    name = field.group(1).strip() if field else "title"
    if "block sequence entries are not allowed" in problem:
        return (f"a list starts on the line after its field: `{name}:` alone on its line, "
                f"then each item on a line of its own, indented and starting with `- ` "
                f"(like `  - Ann`); for a single value, leave out the -")
    if "unhashable key" in problem:
        return ("a field's name cannot start with [ or {: start the line with the field's "
                "name, like `note: ...`; text for the page goes below the closing ---")
    if field and value[:1] in "|>" and "comment or line break" in problem:
        return (f"a value that starts with {value[0]} must be in quotes (YAML reads "
                f"{value[0]} as the start of a block of text), like "
                f"{name}: \"{value.replace(chr(34), chr(39))}\"")
    if "<document start>" in problem and field and line[:1].isspace():
        return f"`{name}` is indented; start it, and every other field, at the left edge"
    if "could not determine a constructor" in problem and not (field and value[:1] == "!"):
        return "a value that starts with ! must be in quotes (YAML reads ! as a type)"
    if field and value[:1] == "!":
        return (f"a value that starts with ! must be in quotes (YAML reads ! as a type), "
                f"like {name}: \"{value.replace(chr(34), chr(39))}\"")
    if field and value[:1] in "%{" and "cannot start any token" in problem:
        return (f"a value that starts with {value[0]} must be in quotes, like "
                f"{name}: \"{value.replace(chr(34), chr(39))}\"")
    if "mapping values are not allowed" in problem and field:
        above = _NAME_VALUE.match(lines[at - 1]) if at else None
        if line[:1].isspace() and above and above.group(2).strip():
            return (f"`{name}` is indented, so YAML reads it as part of the field above, "
                    f"which has a value already; start `{name}` at the left edge, as the "
                    f"other fields")
        return (f"the value of `{name}` contains `: `, so it must be in quotes, like "
                f"{name}: \"{value.replace(chr(34), chr(39))}\"")
    if text.startswith("-") and ("expected key" in problem or "expected '-'" in problem
                                 or "<document start>" in problem):
        return ("this list item belongs to no list: a list goes right under its field, "
                "which has nothing else on its line (like `staff:`), each item indented "
                "and starting with `- `")
    if "expected key" in problem and value[:1] in "[{":
        closing = "]" if value[0] == "[" else "}"
        return (f"the value starts with {value[0]}, so it is read as a list that ends at "
                f"{closing}, and the words after that cannot be read; put the whole value "
                f"in quotes, like {name}: \"{value.replace(chr(34), chr(39))}\"")
    if "expected '-'" in problem and field:
        return (f"`{name}` is indented like the list items above it: a new field starts at "
                f"the left edge, and a new item of the list starts with `- `")
    if "expected key" in problem:
        return ("this line is not lined up with the fields above it: each field starts at "
                "the left edge, and the items of a list are indented under their field; "
                "words that go on from the value above belong on its line, in quotes")
    return None


def _toml(source: str, path: str, problems: Problems) -> Parsed | None:
    try:
        data = tomlpos.loads(source)
    except tomllib.TOMLDecodeError as exc:
        problem = toml_problem(path, source, exc, offset=1)
        message = problem.message.replace("is not valid TOML", "the front matter is not valid TOML")
        problems.error(path, problem.line, message)
        return None
    return data, key_lines(source), {}


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "single line of text"
    return type(value).__name__
