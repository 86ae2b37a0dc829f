"""A TOML syntax error (config.toml, `+++` front matter) said in plain words: the line,
what is wrong on it as a comms team would put it, and the line as it should be written
(curly quotes from Word, a Windows path in double quotes, `yes` for `true`, a setting given
twice); anything else as TOML says it, with the line."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable

from cswgen.core.errors import Problem
from cswgen.read.pasted import odd_space

_SPANS_LINES = re.compile(r'"""|\'\'\'|=\s*[\[{][^\]}]*$')  # a value that goes on below


def toml_problems(path: str, text: str, exc: tomllib.TOMLDecodeError,
                  shape: str = "") -> list[Problem]:
    """Every line of a TOML file that TOML cannot read, not only the first: each found is
    left out (as a comment) and the rest read again, as long as the line holds no more
    than itself (not a table's name, whose keys would then fall in the one above, nor a
    value that goes on below, whose lines would then be misread).  Twenty at most."""
    found = [toml_problem(path, text, exc, shape=shape)]
    lines = text.split("\n")
    for _ in range(0 if text.lstrip().startswith("{\\rtf") else 20):  # (RTF: said whole)
        line = found[-1].line
        source = lines[line - 1].strip() if 0 < line <= len(lines) else ""
        if not source or source.startswith("[") or _SPANS_LINES.search(source):
            break
        lines[line - 1] = "# " + lines[line - 1]
        try:
            tomllib.loads("\n".join(lines))
        except tomllib.TOMLDecodeError as again:
            problem = toml_problem(path, "\n".join(lines), again, shape=shape)
            if problem.line <= line:  # (no further on: the first one's doing, not another)
                break
            found.append(problem)
        else:
            break
    return found


def toml_rest(path: str, text: str, exc: tomllib.TOMLDecodeError,
              ) -> tuple[list[Problem], str | None, frozenset[str]]:
    """Every line of `+++` front matter that TOML cannot read (`toml_problems`), and the
    text with those lines left out (as comments), so that the other fields are checked in
    the same run, with the names of the settings left out; no text when TOML cannot read it
    even so, or when a line left out is in a table, an event's say, which it would leave
    short of one of its settings ("event 1 has no `title`")."""
    found = toml_problems(path, text, exc)
    lines = text.split("\n")
    table = next((n for n, line in enumerate(lines, 1) if line.lstrip().startswith("[")),
                 len(lines) + 1)
    if any(not 0 < problem.line < table for problem in found):
        return found, None, frozenset()
    names: set[str] = set()
    for problem in found:
        source = lines[problem.line - 1]
        names.add(re.sub(r"[\W_]+", "_", source.partition("=")[0]).strip("_").lower())
        lines[problem.line - 1] = "# " + source
    try:
        tomllib.loads("\n".join(lines))
    except tomllib.TOMLDecodeError:
        return found, None, frozenset()
    return found, "\n".join(lines), frozenset(names)


def toml_problem(path: str, text: str, exc: tomllib.TOMLDecodeError, offset: int = 0,
                 shape: str = "") -> Problem:
    """A TOML syntax error as a message that names the line, and the key when it can;
    `shape`, what a line of this file holds, ends a message that names no other fix."""
    if text.lstrip().startswith("{\\rtf"):  # (TextEdit's default: "Rich Text")
        return Problem(path, 1 + offset, "is saved as rich text (RTF), with its fonts and "
                       "formatting, not as plain text; in TextEdit choose Format > Make Plain "
                       "Text (in WordPad: Save as > Plain text document), then save it again "
                       f"as {path.rpartition('/')[2]}")
    match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    line = int(match.group(1)) if match else 1
    if "(at end of document)" in str(exc):  # the last line, saved with no line break after it
        line = max(len(text.splitlines()), 1)
    message = re.sub(r"\s*\(at (?:line \d+, column \d+|end of document)\)", "", str(exc))
    lines = text.split("\n")  # (as TOML counts lines: a stray \x0b or \x0c ends none)
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    key, _, value = source.partition("=")
    if "date" in message.lower() and value.strip():
        return Problem(path, line + offset, f"`{key.strip()}` is {value.split('#')[0].strip()}, "
                       "which is not a date that exists; write it as YYYY-MM-DD with a real "
                       "month and day")
    if message == "Unclosed array":  # (found on a later line: name the one that opens it)
        line = next((n for n in range(min(line, len(lines)), 0, -1)
                     if lines[n - 1].partition("=")[2].lstrip().startswith("[")), line)
        source = lines[line - 1] if 0 < line <= len(lines) else ""
        key, _, value = source.partition("=")
    said = _toml_in_words(message, key.strip(), value.strip(), source.strip(), lines, line)
    if said:
        return Problem(path, line + offset, said)
    return Problem(path, line + offset, f"is not valid TOML: {message}; check the quotes, "
                   "brackets and `key = value` shape on this line"
                   + (f": {shape}" if shape else ""))


# Settings and fields that are numbers, with an example: "days = five" is not text.
_NUMBER_KEYS = {"days": "5", "year": "2027", "seconds": "12", "rating": "5", "menu": "1",
                "since": "2019"}
_CURLY_QUOTES = "\u201c\u201d\u201e\u2018\u2019\u00ab\u00bb"
_WRITTEN_DATE = re.compile(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}")
_CLOCK_TIME = re.compile(r"\d{1,2}:\d{2}")


def _toml_in_words(message: str, key: str, value: str, source: str, lines: list[str],
                   line: int) -> str | None:
    """What the common mistakes on a TOML line mean, in plain words with the line as it
    should be; None for anything else (said as TOML says it)."""
    bare = value.split(" #")[0].strip()
    outside = re.sub(r"\"[^\"]*\"|'[^']*'", "", source).partition("#")[0]  # (not quoted text)
    if (space := odd_space(outside)) is not None:
        named = re.split(r"[^\w.-]", source.strip(), maxsplit=1)[0]
        return (f"there is a {space} in the line of `{named}` (often pasted from Word or a "
                "web page), which TOML does not take for a space; delete it and type an "
                "ordinary space")
    if message.startswith("Cannot overwrite a value") and key:
        first = _set_before(lines, line, lambda text: text.partition("=")[0].strip() == key)
        also = f" (also on line {first})" if first else ""
        return f"`{key}` is set twice{also}; keep one of them"
    if message.startswith("Cannot declare"):
        first = _set_before(lines, line, lambda text: text == source, within_table=False)
        also = f" (also on line {first})" if first else ""
        return f"{source} appears twice{also}; put all its settings under one {source}"
    if message.startswith("Expected ']' at the end of a table declaration"):
        return f"the section name {source} is not closed; end it with ], like {source}]"
    if message.startswith("Expected '=' after a key"):
        name, colon, after = source.partition(":")
        if colon and "=" not in name:  # (`title: "A"`; not a colon in the note after a #)
            return (f"a setting and its value are joined with =, not a colon: write "
                    f"{name.strip()} = {_as_value(after.strip())}")
        if "=" in source and " " in key:  # (`site title = "A"`)
            return (f"`{key}` has a space in it, and a setting's name has none; check the "
                    "name against the config.toml that `cswgen new` writes")
        name, _, after = source.partition(" ")
        if after.strip():  # (`title "A"`)
            return (f"a setting and its value are joined with =: write "
                    f"{name} = {_as_value(after.strip())}")
        return (f"`{source}` has no = and no value; write it as {source} = \"...\" (text in "
                "double quotes), or delete the line")
    if message.startswith("Expected newline or end of document") and key.startswith("["):
        section = key.partition("]")[0] + "]"
        return (f"{section} stands on a line of its own; put "
                f"`{key.partition(']')[2].strip()} = ...` on the line after it")
    if not key:
        return None
    if message == "Unclosed array":
        return (f"the list `{key}` opened with [ on this line is never closed; end it with ], "
                f"like {key} = [\"one\", \"two\"]")
    if not bare:
        return (f"`{key}` has no value after =; give one (text in \"double quotes\"), or "
                "delete the line to use the default")
    if bare.startswith('"') and "\\" in bare and message.startswith(
            ("Unescaped '\\'", "Invalid hex value", "Unterminated string")):
        return (f"the text of `{key}` holds \\, which starts a special character inside "
                "\"double quotes\"; write a Windows path in single quotes: "
                f"{key} = '{bare.strip(chr(34))}'")
    if bare[0] in _CURLY_QUOTES:
        straight = '"' + bare.strip(_CURLY_QUOTES + '"') + '"'
        curly = "".join(dict.fromkeys(c for c in bare if c in _CURLY_QUOTES))
        return (f"`{key}` is in curly quotes ({curly}), which Word and Outlook "
                f"type; use straight double quotes: {key} = {straight}")
    if bare.startswith('"') and (message.startswith(("Illegal character '\\n'",
                                                     "Unterminated")) or bare.count('"') == 1):
        return (f"the text of `{key}` opens with \" but is never closed on this line; end it "
                f"with \", like {key} = {bare.rstrip()}\"")
    if bare.startswith("'") and bare.count("'") != 2:
        inside = bare.strip("'")
        return (f"the text of `{key}` is in single quotes, and the apostrophe inside it ends "
                f"it early; use double quotes: {key} = \"{inside}\"")
    if bare.lower() in ("yes", "no", "on", "off", "y", "n") or bare in ("True", "False",
                                                                          "TRUE", "FALSE"):
        meant = "true" if bare.lower() in ("yes", "on", "y", "true") else "false"
        return (f"`{key}` must be true or false, in small letters and without quotes: "
                f"{key} = {meant}")
    if _CLOCK_TIME.fullmatch(bare):  # (TOML 1.0 reads a time only with its seconds)
        return f"the time `{key}` must be in double quotes here: {key} = \"{bare}\""
    if _WRITTEN_DATE.fullmatch(bare):
        return (f"`{key}` is {bare}; write a date as YYYY-MM-DD (year, month, day, with "
                "a real month and day) and without quotes, like 2027-10-04")
    if key in _NUMBER_KEYS and (bare[0].isalpha() or bare[0] in "'\""):
        return (f"`{key}` must be a whole number written in digits, without quotes, like "
                f"{key} = {_NUMBER_KEYS[key]}")
    if bare[0].isalpha() or bare[0] in "#/~.\\":  # a word, a hashtag, a path
        return (f"the text of `{key}` must be in double quotes: {key} = \"{bare}\" (a # "
                "outside quotes starts a note)" if bare[0] == "#" else
                f"the text of `{key}` must be in double quotes: {key} = \"{bare}\"")
    if message.startswith("Expected newline or end of document"):
        return _more_than_a_value(key, bare)
    return None


_DASHES = re.compile("[\u2010-\u2015\u2212]")  # ‐ ‑ ‒ – — ― and the minus sign
_DATE_AND_TIME = re.compile(r"(\d{4}-\d{2}-\d{2})[Tt ]\d{1,2}:\d{2}(?::\d{2})?")


def _more_than_a_value(key: str, bare: str) -> str | None:
    """What TOML read as a value with more after it: two texts (`title = "A" "B"`), a date
    with other dashes than the hyphen (`2026–10–05` pasted from Word: TOML reads 2026, then
    stops), or a date with a time where a setting takes a date; None when no line offered
    as the fix would be one TOML takes."""
    if bare[0] == '"':
        return (f"more follows the value of `{key}` on this line, and a setting has one "
                f"value: write {key} = \"{bare.replace(chr(34), '')}\" (all its text inside "
                "one pair of quotes)")
    hyphens = _DASHES.sub("-", bare)
    if hyphens != bare and _takes(hyphens):
        dashes = "".join(dict.fromkeys(_DASHES.findall(bare)))
        return (f"`{key}` is written with {dashes} where TOML needs the hyphen - (Word and "
                f"some keyboards type one for the other); write {key} = {hyphens}")
    if (moment := _DATE_AND_TIME.fullmatch(bare)) is not None:
        return (f"`{key}` is a date and a time, and it takes a date alone; write "
                f"{key} = {moment.group(1)}")
    one = bare.split()[0]
    if one == bare or not _takes(one):
        return None
    return (f"more follows the value of `{key}` on this line, and a setting has one value: "
            f"write {key} = {one}")


def _takes(value: str) -> bool:
    """Whether TOML reads `value` as a setting's value."""
    try:
        tomllib.loads(f"x = {value}")
    except tomllib.TOMLDecodeError:
        return False
    return True


def _set_before(lines: list[str], line: int, same: Callable[[str], bool],
                within_table: bool = True) -> int | None:
    """The number of an earlier line that `same` recognises (within the table of `line`)."""
    for number in range(line - 1, 0, -1):
        text = lines[number - 1].strip()
        if same(text):
            return number
        if within_table and text.startswith("["):
            return None
    return None


def _as_value(written: str) -> str:
    """A value as TOML reads it: as written when it is one (`5`, `true`, `"Dream Team"`),
    else as text in double quotes (`Dream Team`, `'it's'`), so that the line offered as the
    fix is one TOML takes."""
    try:
        tomllib.loads(f"x = {written}")
        return written
    except tomllib.TOMLDecodeError:
        bare = written.split(" #")[0].strip().strip(_CURLY_QUOTES + "\"'")
        return '"' + bare.replace("\\", "\\\\").replace('"', '\\"') + '"'
