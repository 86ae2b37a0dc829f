"""Characters that look right but are not what front matter needs, as text pasted from Word,
a web page or a chat, or typed on another keyboard, brings them: curly quotes, non-breaking
spaces, full-width colons, and invisible characters.

YAML's own message for them names the wrong line or the wrong fix (a non-breaking space
is not a space to YAML, so `customer: Rudo M.` with one is "a value with `: `" on the next
line).  `tidy` mends what has one clear meaning; `mistakes` names the rest, line by line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Word's "smart quotes" around a whole value: “…”, ‘…’, „…“, «…», and their mirror pairs.
TYPOGRAPHIC = {"“": "”", "”": "”", "‘": "’", "’": "’", "„": "“”", "‚": "‘’", "«": "»",
               "»": "«", "‹": "›"}

# characters with no width at all, which a name can hold without anyone seeing them
INVISIBLE = {"\u200b": "zero-width space", "\u2060": "word joiner",
             "\ufeff": "byte-order mark", "\u00ad": "soft hyphen"}
# spaces that are not the space YAML knows (U+00A0 is Word's and the web's `&nbsp;`)
_SPACES = {"\u00a0": "non-breaking space", "\u202f": "narrow non-breaking space",
           "\u2007": "figure space", "\u3000": "full-width space"}
_ODD_SPACE = "[" + "".join(_SPACES) + "\u2000-\u200a]"
_COLONS = "：︰﹕"  # full-width and vertical colons, from Chinese and Japanese keyboards

_NAME = r"[A-Za-z_][A-Za-z0-9_-]*"
_INDENT = r"[ \t]*(?:-[ \t]+)?"
_KEY_WITH_INVISIBLE = re.compile(
    rf"^({_INDENT})([^\s:#'\"]*[{''.join(INVISIBLE)}][^\s:#'\"]*)([ \t]*:(?:[ \t]|$))")
# a name and its colon with a space YAML does not know between them (`title\u00a0:`, as Word
# set to French types it): the name would be `title\u00a0`, which nobody can see
_ODD_SPACE_BEFORE_COLON = re.compile(
    rf"^({_INDENT})({_NAME})([ \t]*{_ODD_SPACE}(?:[ \t]|{_ODD_SPACE})*)(:(?:[ \t]|$))")
_CURLY_VALUE = re.compile(rf"^({_INDENT})({_NAME})([ \t]*:[ \t]+)(\S.*?)[ \t]*$")
_LEADING_ODD_SPACE = re.compile(rf"^[ \t]*({_ODD_SPACE})")
_ODD_SPACE_AFTER_KEY = re.compile(rf"^{_INDENT}({_NAME})[ \t]*:({_ODD_SPACE})")
_WIDE_COLON = re.compile(rf"^{_INDENT}({_NAME})[ \t]*([{_COLONS}])")


_BLOCK_START = re.compile(
    r"^( *)(?:-[ \t]+)?(?:[^#'\"\s][^#]*?:[ \t]+)?[|>][-+0-9]*[ \t]*(?:#.*)?$")


def in_blocks(lines: list[str]) -> set[int]:
    """The numbers of the lines that are the text of a block (`notes: |` and the lines
    indented below it): text as written, where a non-breaking space or a soft hyphen is
    the writer's own, not a mistake in the front matter's shape."""
    inside: set[int] = set()
    indent: int | None = None  # the indentation of the line that opened the block
    for number, line in enumerate(lines):
        if indent is not None:
            if not line.strip() or len(line) - len(line.lstrip(" ")) > indent:
                inside.add(number)
                continue
            indent = None
        if match := _BLOCK_START.match(line):
            indent = len(match.group(1))
    return inside


@dataclass(frozen=True)
class Note:
    line: int  # 0-based, in the text given
    message: str


def unquoted(value: str) -> str | None:
    """The text inside typographic quotes that wrap all of `value`, else None."""
    text = value.strip()
    if len(text) < 3 or text[0] not in TYPOGRAPHIC or text[-1] not in TYPOGRAPHIC[text[0]]:
        return None
    inner = text[1:-1].strip()
    if not inner or any(c in inner for c in (text[0], text[-1])):
        return None  # “one” and “two”: two quotations, not one wrapped value
    return inner


def curly_warning(name: str, value: str, inner: str) -> str:
    """What a value wrapped in curly quotes is read as (`name`: "the value of `title`")."""
    return (f"{name} is wrapped in curly quotes ({value.strip()}), as Word types them; it is "
            f"read as {inner}, without them (write straight quotes \"...\" or none to silence "
            "this)")


def unseen(source: str) -> tuple[str, list[Note]]:
    """`source` with invisible characters taken out of field names (`\\u200bmenu:` is
    `menu:`), and non-breaking spaces from between a name and its colon (`title\\u00a0:`
    is `title:`), and a note for each: nobody can see them, so nobody can have meant them."""
    lines = source.split("\n")
    notes: list[Note] = []
    blocks = in_blocks(lines)
    for number, line in enumerate(lines):
        if number not in blocks and (spaced := _ODD_SPACE_BEFORE_COLON.match(line)):
            name = spaced.group(2)
            space = _name(next(c for c in spaced.group(3) if c not in " \t"))
            lines[number] = spaced.group(1) + name + line[spaced.start(4):]
            notes.append(Note(number, f"there is a {space} between `{name}` and its colon (Word "
                                      "types one there when it is set to French); it is read as "
                                      f"`{name}`, but delete the space to silence this"))
            continue
        match = _KEY_WITH_INVISIBLE.match(line) if number not in blocks else None
        if not match:
            continue
        key = match.group(2)
        name = "".join(c for c in key if c not in INVISIBLE)
        if not re.fullmatch(_NAME, name):
            continue
        where = "before" if key.endswith(name) else "after" if key.startswith(name) else "in"
        what = " and ".join(sorted({INVISIBLE[c] for c in key if c in INVISIBLE}))
        lines[number] = match.group(1) + name + line[match.end(2):]
        notes.append(Note(number, f"there is an invisible character ({what}) {where} "
                                  f"`{name}`, often pasted from a web page or a chat; it is read "
                                  f"as `{name}`, but delete the character (or type the name "
                                  "again) to silence this"))
    return "\n".join(lines), notes


def straightened(source: str) -> tuple[str, list[Note]]:
    """`source` with each value wrapped in curly quotes that YAML cannot read without
    quotes (`title: “FAQ: the basics”`) put in straight ones, and a note for each, the
    same that a value in curly quotes gets where YAML can read it."""
    lines = source.split("\n")
    notes: list[Note] = []
    blocks = in_blocks(lines)
    for number, line in enumerate(lines):
        match = _CURLY_VALUE.match(line) if number not in blocks else None
        inner = unquoted(match.group(4)) if match else None
        if match is None or inner is None or not (": " in inner or inner.endswith(":")):
            continue
        escaped = inner.replace("\\", "\\\\").replace('"', '\\"')
        lines[number] = f'{match.group(1)}{match.group(2)}{match.group(3)}"{escaped}"'
        notes.append(Note(number, curly_warning(f"the value of `{match.group(2)}`",
                                                match.group(4), inner)))
    return "\n".join(lines), notes


def mistakes(source: str) -> list[Note]:
    """Each line of front matter that YAML could not read because of a character that
    looks like a space or a colon but is not one, with what to type instead."""
    notes: list[Note] = []
    lines = source.split("\n")
    blocks = in_blocks(lines)
    for number, line in enumerate(lines):
        if number in blocks:
            continue  # (a block's text is the writer's own)
        if match := _LEADING_ODD_SPACE.match(line):
            space = _name(match.group(1))
            notes.append(Note(number, f"this line starts with a {space} (often pasted from "
                                      "Word or a web page); replace it with ordinary spaces"))
        elif match := _ODD_SPACE_AFTER_KEY.match(line):
            space = _name(match.group(2))
            notes.append(Note(number, f"the space after `{match.group(1)}:` is a {space} "
                                      "(often pasted from Word or a web page); delete it and "
                                      "type an ordinary space"))
        elif match := _WIDE_COLON.match(line):
            notes.append(Note(number, f"the colon after `{match.group(1)}` is a full-width "
                                      f"colon {match.group(2)}, as Chinese and Japanese "
                                      "keyboards type it; type an ordinary colon : instead"))
        elif (match := _CURLY_VALUE.match(line)) and match.group(4)[0] in TYPOGRAPHIC \
                and ": " in match.group(4):
            value = match.group(4)
            inner = value.strip("".join(TYPOGRAPHIC) + " ")
            quoted = yaml_quoted(inner)
            notes.append(Note(number, f"the value of `{match.group(2)}` starts with a curly "
                                      f"quote {value[0]}, as Word types it, but front matter "
                                      "reads only straight quotes; put the whole value in "
                                      f"straight quotes: {match.group(2)}: {quoted}"))
    return notes


def yaml_quoted(text: str) -> str:
    """`text` as a YAML value in quotes, for a message's fix: in double quotes, or in single
    ones (each ' doubled) when it holds a double quote."""
    return f'"{text}"' if '"' not in text else "'" + text.replace("'", "''") + "'"


def shortened(text: str, limit: int = 120) -> str:
    """`text` as a message quotes it: a long one by its start and end (a 3,000-word line
    quoted whole made a message nobody could read)."""
    if len(text) <= limit:
        return text
    return text[:limit * 2 // 3].rstrip() + " … " + text[-(limit // 3):].lstrip()


def unseen_in(heading: str) -> tuple[str, str, str]:
    """A column heading as it looks: without its invisible characters, and with each space
    that is not an ordinary one (a non-breaking space) made ordinary, as it is seen; the
    names of the invisible characters ("" when there are none); and where they were: at
    the heading's "start", "end", "start and end", or "inside" it."""
    if heading.isascii():  # (nearly every heading: nothing to look for)
        return heading, "", ""
    seen = re.sub(_ODD_SPACE, " ", "".join(c for c in heading if c not in INVISIBLE))
    found = sorted({INVISIBLE[c] for c in heading if c in INVISIBLE})
    if not found:
        return seen, "", ""
    text = heading.strip()
    lead = len(text) - len(text.lstrip("".join(INVISIBLE)))
    trail = len(text) - len(text.rstrip("".join(INVISIBLE)))
    middle = text[lead:len(text) - trail]
    where = ("inside" if any(c in INVISIBLE for c in middle) or not middle else
             "start and end" if lead and trail else "start" if lead else "end")
    return seen, " and ".join(found), where


def _name(space: str) -> str:
    return _SPACES.get(space, "special space")


def odd_space(text: str) -> str | None:
    """The name of the first space in `text` that is not an ordinary one (a non-breaking
    space, pasted from Word or a web page), or None."""
    found = re.search(_ODD_SPACE, text)
    return _name(found[0]) if found else None
