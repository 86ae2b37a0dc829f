"""The words of a command line as the person who pasted them meant them.

Comms teams copy commands from Word or Outlook, whose curly quotes a Mac's (or Linux's)
Terminal keeps as characters, not quotes: `cswgen build --as-of “2026-10-06”` reaches cswgen
with the quotes in the date, and `cswgen new “Kigali Bank CSW”` as three words, “Kigali,
Bank and CSW”.  `cli` reads every command line through `words_as_meant` before Click parses
it, and `__main__` reads the plain `cswgen build` it answers without Click through it too,
so that no command, option or value is left to read them on its own.  (Light: `re` only.)
"""

from __future__ import annotations

from collections.abc import Sequence

from cswgen.read.pasted import unquoted


def words_as_meant(args: Sequence[str]) -> list[str]:
    """`args` with each word that curly quotes wrap whole (“tuesday”), or whose value they
    wrap (`--as-of=“2026-10-06”`), without them; every other word as it is."""
    return [_as_meant(arg) for arg in args]


def _as_meant(arg: str) -> str:
    if arg.startswith("--") and "=" in arg:
        name, _, value = arg.partition("=")
        return f"{name}={unquoted(value) or value}"
    return unquoted(arg) or arg


def pasted_whole(words: list[str]) -> str | None:
    """The one value that the shell split into `words` because it was pasted in Word's
    curly quotes, which a Mac's or Linux's shell takes as characters, not quotes (the
    title in `cswgen add day “Superhero Tuesday”`, copied whole from a Word document, is
    “Superhero and Tuesday”): that value, without the quotes; None for one word, or for
    words that curly quotes do not wrap as a whole."""
    return unquoted(" ".join(words)) if len(words) > 1 else None
