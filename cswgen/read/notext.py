"""What to say of a settings file or template that is not UTF-8 text (content files say
more, naming the character: see `frontmatter.decode`)."""

from __future__ import annotations


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
