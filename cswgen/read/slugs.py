"""URL segments from names and file names: lower-case ASCII, words joined by hyphens.

The only module that imports anyascii (a transliteration table: `Zoë` -> `Zoe`,
`Łódź` -> `Lodz`, `東京` -> `dongjing`).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata

_NOT_WORD = re.compile(r"[^a-z0-9]+")


def anyascii(text: str) -> str:
    """`anyascii.anyascii`, imported when first needed: a site whose names are all ASCII
    never loads it (nor the importlib.resources it loads its tables with)."""
    from anyascii import anyascii as transliterated

    return transliterated(text)


def slugify(text: str) -> str:
    """`Zoë Nyathi` -> `zoe-nyathi`; `Rudo M.` -> `rudo-m`; nothing usable -> ``."""
    # (ASCII is its own normal form and transliteration: ten thousand names a build)
    ascii_text = (text if text.isascii() else
                  anyascii(unicodedata.normalize("NFC", text))).lower()
    ascii_text = ascii_text.replace("'", "").replace("&", " and ")
    return _NOT_WORD.sub("-", ascii_text).strip("-")[:80].strip("-")


def numbered(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... the first not in `taken`, which it is added to."""
    name, counter = base, 2
    while name in taken:
        name, counter = f"{base}-{counter}", counter + 1
    taken.add(name)
    return name


# Spellings of one Arabic letter that people type for one another in names: tatweel (the
# stretching stroke, مـحـمـد), a final ى for ي and ة for ه (marks and hamzas go with accents)
_SAME_LETTER = str.maketrans({"\u0640": None, "\u0649": "\u064a", "\u0629": "\u0647"})


def name_key(name: str) -> str:
    """What two spellings of one person's name share: case, accents and spacing ignored
    (`Zoë Nyathi`, `zoe nyathi`; `Jean-Claude`, `Jean Claude`; Word's `O’Brien`,
    `O'Brien`, `OBrien`, as a name is typed with no apostrophe in an email address or a
    hurry; `عبد الله`, `عبدالله`)."""
    if not name.isascii():  # (ASCII has no accents to drop nor letters to transliterate)
        decomposed = unicodedata.normalize("NFKD", name).translate(_SAME_LETTER)
        name = "".join(c if c.isascii() else _latin(c) for c in decomposed
                       if not unicodedata.combining(c))
    return "".join(name.casefold().replace(".", " ").replace("-", " ").replace("'", "")
                   .split())


@functools.cache  # (a name's letters, again and again: 20 µs a name without it)
def _latin(char: str) -> str:
    """A Latin letter as ASCII (`ø` -> `o`, `ß` -> `ss`), and punctuation as ASCII's (Word's
    `’` -> `'`, a dash -> `-`); a letter of another script as it is: transliterated,
    distinct letters fall together (ح and ه are both `h`), and so would two people
    (الحمداني, الهمداني)."""
    if unicodedata.category(char).startswith("L") \
            and not unicodedata.name(char, "").startswith("LATIN"):
        return char
    return anyascii(char)



def _in_latin(name: str) -> bool:
    """Whether every letter of `name` is a Latin one, accented or not (`Inês Mabunda`
    is in the same script as `Tinashe Banda`: not a spelling of a name in another)."""
    return all(unicodedata.name(c, "").startswith("LATIN") for c in name if c.isalpha())


def spelled_alike(name: str, names: list[str]) -> str | None:
    """The one of `names` in another script that `name` may be (`Fatima Al Balushi` for
    `فاطمة البلوشي`, `Olena` for `Олена`), as their transliterations compare; None when
    none is close.  (For a hint only: a transliteration drops what tells names apart.)"""
    latin = _in_latin(name)
    spelled: dict[str, str] = {}
    for other in names:
        if _in_latin(other) != latin:
            spelled.setdefault(slugify(other), other)
    close = difflib.get_close_matches(slugify(name), list(spelled), n=1, cutoff=0.6)
    return spelled[close[0]] if close else None

def is_valid_slug(slug: str) -> bool:
    return bool(slug) and _NOT_WORD.sub("-", slug) == slug and not slug.startswith("-") \
        and not slug.endswith("-")
