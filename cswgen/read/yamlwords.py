"""YAML's parser words ("did not find expected key", "found unhashable key") said as
what to change on the line, for people who write Markdown, not YAML (see `frontmatter`,
the one module that reads YAML, which hands over what the parser said and where)."""

from __future__ import annotations

import re


def in_words(problem: str, context: str, at: int, opened: int, column: int | None,
             source: str) -> tuple[int, str]:
    """The line (0-based, in `source`) where the mistake is, and what it is in plain words:
    `problem` and `context` are what the parser said, `at` the line where it stopped,
    `opened` (and `column`) where what it was reading began."""
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
        quote = lines[opened][column] if column is not None \
            and column < len(lines[opened]) else '"'
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


def toml_line_as_name(key: str, value: object) -> str | None:
    """What to say of a field whose name is a config.toml line that YAML read as a name
    (`role = "Sales: North"`: the name `role = "Sales`, the value `North"`); None for a
    name that is not one."""
    if not _TOML_KEY.match(key):
        return None
    toml = _TOML_LINE.match(f"{key}: {value}" if value is not None else key)
    if toml is None:
        return None
    return ("this line is written as in config.toml; between --- lines a field is written "
            f"with a colon: {toml.group(1)}: {_quoted(toml.group(2))}")


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


def with_colon_quoted(source: str, at: int) -> str | None:
    """`source` with line `at`'s value in quotes, when the mistake there is a `: ` in a
    value (French writes "Mardi : la journée CX"), so that the same mistake on the lines
    below is found in the same run; None for any other line."""
    lines = source.split("\n")
    field = _NAME_VALUE.match(lines[at]) if 0 <= at < len(lines) else None
    if field is None or ": " not in field.group(2) or field.group(2)[:1] in "\"'":
        return None
    value = field.group(2).rstrip().replace("'", "''")
    lines[at] = f"{lines[at][:field.start(2)]}'{value}'"
    return "\n".join(lines)



def set_aside(source: str, at: int) -> tuple[str, int, frozenset[str]]:
    """`source` with the field that line `at` (0-based) belongs to blanked, so that the
    fields below it are read as if it were not there, each on its own line still: from the
    field's first line (the line at the left edge above, unless `at` is at the left edge
    itself) down to the next field at the left edge (a list's items, notes and words that
    go on from a value are its field's).  With the line after it, and the names of the
    fields that were on the lines set aside (`title` for `title: "Our "best" week"`)."""
    lines = source.split("\n")
    at = max(0, min(at, len(lines) - 1))
    start = at if _at_left_edge(lines[at]) or lines[at][:1] == "-" else next(
        (n for n in range(at - 1, -1, -1) if _at_left_edge(lines[n])), 0)
    end = next((n for n in range(at + 1, len(lines)) if _FIELD_AT_LEFT_EDGE.match(lines[n])),
               len(lines))
    names = frozenset(re.sub(r"[\W_]+", "_", name.group(1)).strip("_").lower()
                      for line in lines[start:end] if (name := _NAME.match(line)))
    lines[start:end] = [""] * (end - start)
    return "\n".join(lines), end, names


# a field's first line, at the left edge (`title: Welcome`, `"title": Welcome`, `staff:`)
_FIELD_AT_LEFT_EDGE = re.compile(r"""["']?[^\s\-#"'\[{|>!&*%@`][^:#]*?["']?:(\s|$)""")
# the name on a line that is meant as a field, however it is written (`title: A`,
# `  - name: Ann`, `menu = 2`, `title\u00a0: A`, `title：A`, `ti\u200btle: A`)
_NAME = re.compile(r"""[\s-]*["']?([^\W\d][^:=#"'\n：︰﹕]*?)["']?\s*[:=：︰﹕]""")


def _at_left_edge(line: str) -> bool:
    """Whether `line` starts something of its own: not indented, a note or a list item."""
    return bool(line) and not line[0].isspace() and line[0] not in "#-"
