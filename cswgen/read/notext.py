"""What to say of a file that is not UTF-8 text: a settings file or template (`not_text`),
and a content file, which is told more, naming the character (`decode`)."""

from __future__ import annotations

import re

from cswgen.core.errors import Problems
from cswgen.read.sheetadvice import as_utf8


def not_text(raw: bytes, exc: UnicodeDecodeError) -> tuple[int, str]:
    """The line and the message for `raw`, which did not decode as UTF-8 (`exc`): Notepad's
    "Unicode" is UTF-16."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return 1, ("is saved as UTF-16 (\"Unicode\" in Notepad); save it again as UTF-8 (in "
                   "Notepad: encoding UTF-8)")
    return (line_of(raw, exc.start),
            f"is not UTF-8 text (byte {exc.start}); save it as UTF-8 in your editor")


def line_of(raw: bytes, offset: int) -> int:
    """The number of the line that holds the byte at `offset`, lines ending in CRLF, LF or
    a lone CR (as Excel for Mac's "CSV (Macintosh)" and old Mac editors end them)."""
    before = raw[:offset]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1


def _from_a_mac(raw: bytes) -> bool:
    """Whether `raw` is as Excel for Mac saves "CSV (Macintosh)": its lines ended by a lone
    CR, as Macs wrote text before OS X, and so its letters in Mac Roman, not Windows'."""
    return b"\r" in raw and b"\n" not in raw


def _legacy_character(raw: bytes, at: int) -> str:
    """What the byte at `at` reads as in the computer's own encoding (Windows' cp1252,
    which Notepad and Excel write unless told otherwise, or an old Mac's Mac Roman), in its
    word, to find it by: `, "é" in "Café",`; "" when it is not such a character."""
    encoding, newline = ("mac_roman", b"\r") if _from_a_mac(raw) else ("cp1252", b"\n")
    start = raw.rfind(newline, 0, at) + 1
    end = raw.find(newline, at)
    line = raw[start: end if end >= 0 else len(raw)].decode(encoding, errors="replace")
    offset = len(raw[start:at].decode(encoding, errors="replace"))
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
                       "again as UTF-8 (in Excel: \"CSV UTF-8\"; in Notepad: encoding UTF-8)"
                       + as_utf8(path))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = line_of(raw, exc.start)
        how = ("in Excel for Mac: \"CSV UTF-8\"; in Numbers: Export To > CSV, with Text "
               "Encoding Unicode (UTF-8)" if _from_a_mac(raw) else "in Excel: \"CSV UTF-8\"; "
               "in Notepad or Word: choose the UTF-8 encoding when saving")
        problems.error(path, line, f"is not UTF-8 text (byte {exc.start}"
                       f"{_legacy_character(raw, exc.start)} cannot be read); "
                       f"save the file as UTF-8 ({how})" + as_utf8(path))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        problems.error(path, line, "contains a NUL character, so it is not a text file; "
                       "save it again as plain UTF-8 text")
        return None
    return text
