"""Dates, times, numbers, plural rules and language names from the Unicode CLDR, through
Babel (and, in `regions`, where a language is at home: its time zone).

A `Language` is one visitor language, parsed from a BCP 47 tag (`fr-CA`, `pt-BR`, `ar`).
Its labels are CLDR's own patterns: "mardi 6 octobre 2026", "5–9 octobre 2026",
"الثلاثاء، 6 أكتوبر 2026", 14:30 or 2:30 PM as the locale writes the time.  Babel picks a
pattern for a skeleton but, unlike ICU's pattern generator, does not widen its fields; a
skeleton that asks for the full weekday or month (`EEEE`, `MMMM`) gets them widened here,
as ICU does, so a day reads "Tuesday 6 October" rather than "Tue 6 Oct".
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date, datetime, time
from functools import cache, cached_property

import babel
from babel import dates, numbers

# CLDR's numeric numbering systems that are some locale's default, by the Unicode name of
# their digits (`unicodedata` has the digits; Babel has only the systems' names)
_ZEROS = {"arab": "ARABIC-INDIC", "arabext": "EXTENDED ARABIC-INDIC", "adlm": "ADLAM",
          "beng": "BENGALI", "cakm": "CHAKMA", "deva": "DEVANAGARI", "hmnp":
          "NYIAKENG PUACHUE HMONG", "mtei": "MEETEI MAYEK", "mymr": "MYANMAR", "nkoo": "NKO",
          "olck": "OL CHIKI", "tibt": "TIBETAN"}

# what a visitor reads: the skeletons (CLDR's field letters) of each label
_SHORT = "MMMMEEEEd"  # Tuesday 6 October
_PLAIN = "yMMMMd"  # 6 October 2026
_MONTH_DAY = "MMMMd"  # 6 October
_LONG = "yMMMMEEEEd"  # Tuesday 6 October 2026, in a range of days
# the dash (or the word, `'al '` in es-CO) that ends the first half of an interval pattern
_DASH = re.compile(r"\s*(?:[-–—~]|'(?:[^']|'')*')\s*$")
_FIELD = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*")
_WIDE = {"E": "EEEE", "c": "cccc", "M": "MMMM", "L": "LLLL"}


class UnknownLanguage(ValueError):
    """A tag CLDR does not know; `suggestion` is the nearest known tag, if any."""

    def __init__(self, tag: str, suggestion: str | None) -> None:
        super().__init__(tag)
        self.tag = tag
        self.suggestion = suggestion


class Language:
    """One language and region's ways of writing dates, times and numbers."""

    def __init__(self, tag: str) -> None:
        self.locale = locale_of(tag)
        self.tag = tag
        self._plain: dict[date, str] = {}  # (thousands of testimonials share a few dates)
        self._numbers: dict[tuple[type, int | float], str] = {}  # (every page has a few)

    @property
    def code(self) -> str:
        """The language alone: `fr` for `fr-CA`."""
        return self.locale.language

    @cached_property
    def direction(self) -> str:
        """`rtl` for Arabic, Hebrew, Persian, Urdu and the rest; otherwise `ltr` (asked for
        every value a sentence is filled with: found once)."""
        return "rtl" if self.locale.character_order == "right-to-left" else "ltr"

    @property
    def name(self) -> str:
        """The language named in itself: "français", "Kiswahili", "العربية"."""
        own = self.locale.get_language_name(self.locale) or self.tag
        return own[:1].upper() + own[1:] if self.direction == "ltr" else own

    @property
    def region(self) -> str:
        """The region the tag names (`RW` for `rw-RW`); "" for a language alone."""
        return self.locale.territory or ""

    @property
    def english_name(self) -> str:
        return self.locale.get_display_name("en") or self.tag

    @property
    def plural_categories(self) -> frozenset[str]:
        """CLDR's plural categories this language uses (`other` always among them)."""
        return frozenset(self.locale.plural_form.tags) | {"other"}

    @property
    def twelve_hour(self) -> bool:
        return bool(re.search(r"[hK]", _unquoted(self.locale.time_formats["short"].pattern)))

    @cached_property
    def comma(self) -> str:
        """What sets two items of a list apart, from CLDR's list patterns: ", ", "، " in
        Urdu and Persian, "、" in Japanese (between a role and a department).  A language
        whose pattern has a word there (Arabic's "{0} و{1}" is "and") gets ", ", and its
        own comma from cswgen's strings."""
        middle = str(self.locale.list_patterns["standard"]["middle"])
        between = middle.replace("{0}", "").replace("{1}", "")
        if not between or any(unicodedata.category(c).startswith("L") for c in between):
            return ", "
        return between

    @cached_property
    def run_in(self) -> tuple[str, str]:
        """What sets apart the items of a list run into one line (a body's excerpt): the
        punctuation CLDR's list patterns put between items (", ", "、" in Japanese; "، " in
        Arabic, from its pattern for units: its others have only "و"), and, for items with
        a comma of their own, CLDR's list symbol of the language's own digits (";", "؛")."""
        patterns = self.locale.list_patterns
        betweens = (str(patterns.get(style, {}).get(key, "")).replace("{0}", "")
                    .replace("{1}", "") for style in ("standard", "unit", "unit-short",
                                                      "standard-short", "or")
                    for key in ("middle", "end"))
        comma = next((re.split(r"(?<=\s)(?=\w)", between[at:])[0] for between in betweens
                      for at, c in enumerate(between)
                      if unicodedata.category(c).startswith("P")), ", ")
        systems = (self.locale.other_numbering_systems.get("native"),
                   self.locale.default_numbering_system, "latn")
        symbol = next((str(s) for s in (self.locale.number_symbols.get(n, {}).get("list")
                                        for n in systems if n) if s), ";")
        return comma, symbol + comma[len(comma.rstrip()):]

    @cached_property
    def _digits(self) -> dict[int, int]:
        """ASCII digits to those of the locale's own numbering system (CLDR's default:
        "٠١٢" in Oman, Egypt and Saudi Arabia, "012" in Arabic alone since CLDR 42), which
        Babel knows by name only: it writes every date, time and number in ASCII digits."""
        zero = _ZEROS.get(self.locale.default_numbering_system)
        if zero is None:  # latn, or a system cswgen does not know: ASCII digits
            return {}
        first = ord(unicodedata.lookup(f"{zero} DIGIT ZERO"))
        return {ord("0") + d: first + d for d in range(10)}

    def digits(self, text: str) -> str:
        """`text` with its digits in the locale's own: a year, a date, a time."""
        return text.translate(self._digits)

    def plural(self, count: int) -> str:
        """The plural category of `count`: `one`, `few`, `many`, `other` ..."""
        return str(self.locale.plural_form(count))

    def number(self, value: int | float) -> str:
        """`1234` -> "1,234", "1 234", "١٬٢٣٤" (a page count, a rating: the same few
        numbers on thousands of pages, so each is written once)."""
        key = (type(value), value)
        found = self._numbers.get(key)
        if found is None:
            found = self._numbers[key] = self.digits(numbers.format_decimal(
                value, locale=self.locale, numbering_system="default"))
        return found

    def long_date(self, day: date) -> str:
        """The full date: "Tuesday, 6 October 2026", "mardi 6 octobre 2026"."""
        return self.digits(dates.format_date(day, "full", locale=self.locale))

    def short_date(self, day: date) -> str:
        """The weekday and date without the year: "Tuesday 6 October"."""
        return self.digits(dates.format_date(day, self._pattern(_SHORT), locale=self.locale))

    def plain_date(self, day: date) -> str:
        """The date without the weekday: "6 October 2026"."""
        found = self._plain.get(day)
        if found is None:
            found = self._plain[day] = self.digits(dates.format_date(
                day, self._pattern(_PLAIN), locale=self.locale))
        return found

    def month_day(self, day: date) -> str:
        """"6 October"."""
        return self.digits(dates.format_date(day, self._pattern(_MONTH_DAY),
                                             locale=self.locale))

    def weekday(self, day: date) -> str:
        """"Tuesday", "mardi", in the form that stands alone (as a heading)."""
        return dates.format_date(day, "cccc", locale=self.locale)

    @cached_property
    def _weekdays(self) -> dict[str, int]:
        names: dict[str, int] = {}
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for index, name in self.locale.days[context][width].items():
                    names.setdefault(_folded(str(name)).rstrip("."), int(index))
        # (and without spaces: CLDR's Kinyarwanda writes "Kuwa gatatu", Rwanda's spelling
        # since 2014 "Ku wa gatatu")
        return {**{name.replace(" ", ""): index for name, index in names.items()}, **names}

    def weekday_index(self, name: str) -> int | None:
        """0 for Monday ... 6 for Sunday, from a weekday's name in this language, whole or
        short, as people type it (`Mardi`, `mar.`, `miercoles`, `Ku wa gatatu`); None for
        anything else."""
        word = _folded(name).rstrip(".")
        found = self._weekdays.get(word)
        return found if found is not None else self._weekdays.get(word.replace(" ", ""))

    def date_range(self, start: date, end: date) -> str:
        """"5–9 October 2026", "28 September – 2 October 2026", or one day."""
        if start == end:
            return self.plain_date(start)
        formats = self.locale.interval_formats
        skeleton = dates.match_skeleton(_PLAIN, [str(k) for k in formats if k])
        pieces = formats[skeleton] if skeleton else {}
        greatest = "y" if start.year != end.year else "M" if start.month != end.month else "d"
        first = _unquoted(pieces[greatest][0]) if greatest in pieces else ""
        if not first or (greatest in "yM" and not re.search(r"[ML]", first)):
            # no interval pattern, or one that drops the first month (Swahili's in CLDR 47
            # writes 28 September – 2 October as "28 – 2 Oktoba"): both dates in full
            fallback = str(formats.get(None, "{0} – {1}"))
            return fallback.replace("{0}", self.plain_date(start)).replace(
                "{1}", self.plain_date(end))
        return self.digits("".join(
            dates.parse_pattern(_widened(pattern, _PLAIN)).apply(day, self.locale)
            for pattern, day in zip(pieces[greatest], (start, end), strict=True)))

    def range_ends(self, start: date, end: date) -> tuple[str, str]:
        """The first and last days of a range in full, as CLDR's interval pattern writes
        them, for a sentence that joins them in words ("Du {start} au {end}"): ("lundi 4",
        "vendredi 8 octobre 2027"), ("Monday 4", "Friday 8 October 2027") in en-GB.  Each
        date in full (`long_date`) where the locale's interval does not have that shape."""
        full = (self.long_date(start), self.long_date(end))
        formats = self.locale.interval_formats
        skeleton = dates.match_skeleton(_LONG, [str(k) for k in formats if k])
        pieces = formats[skeleton] if skeleton and start < end else {}
        greatest = "y" if start.year != end.year else "M" if start.month != end.month else "d"
        if greatest not in pieces:
            return full
        first, last = pieces[greatest]
        # (en-GB's thin spaces belong to the dash: out of the range, a word space)
        cut = _DASH.sub("", first).replace("\u2009", " ")
        kept = _unquoted(cut)
        # (the first half keeps its weekday, and its month and year where they differ)
        if cut == first.replace("\u2009", " ") or "E" not in kept or (
                greatest in "yM" and not re.search(r"[ML]", kept)) or (
                greatest == "y" and "y" not in kept):
            return full

        def written(pattern: str, day: date) -> str:
            return self.digits(dates.parse_pattern(_widened(pattern, _LONG)).apply(
                day, self.locale))

        return written(cut, start), written(last, end)

    def time(self, value: str) -> str:
        """An `HH:MM` time as the locale writes it: "14:30", "2:30 PM", "14 h 30"."""
        return self.digits(dates.format_time(_clock(value), "short", locale=self.locale))

    def time_range(self, start: str, end: str) -> str:
        """"09:00–10:30", "9:00 – 10:30 AM"."""
        skeleton = "hm" if self.twelve_hour else "Hm"
        first, last = _clock(start), _clock(end)
        if last <= first:  # past midnight or a slip: CLDR's intervals want them in order
            return f"{self.time(start)} – {self.time(end)}"
        day = date(2000, 1, 1)
        try:
            return self.digits(dates.format_interval(datetime.combine(day, first),
                                                     datetime.combine(day, last), skeleton,
                                                     locale=self.locale))
        except NotImplementedError:
            # Taiwan's and Hong Kong's clocks name the part of the day ("下午", CLDR's `B`),
            # a field Babel cannot compare between two times: both times in full
            fallback = str(self.locale.interval_formats.get(None, "{0} – {1}"))
            return fallback.replace("{0}", self.time(start)).replace("{1}", self.time(end))

    def _pattern(self, skeleton: str) -> str:
        return _skeleton_pattern(self.locale, skeleton)


@cache
def _skeleton_pattern(locale: babel.Locale, skeleton: str) -> str:
    formats = locale.datetime_skeletons
    matched = dates.match_skeleton(skeleton, formats)
    if not matched:
        return str(locale.date_formats["long"].pattern)
    return _widened(str(formats[matched].pattern), skeleton)


def _widened(pattern: str, skeleton: str) -> str:
    """`pattern` with its weekday and month fields as wide as `skeleton` asks."""
    wanted = {letter for letter in "EM" if letter * 4 in skeleton}

    def widen(match: re.Match[str]) -> str:
        field = match.group(0)
        letter = match.group(1)
        if not letter or (len(field) < 3 and letter in "ML"):  # numeric months stay numeric
            return field
        if (letter in "Ec" and "E" in wanted) or (letter in "ML" and "M" in wanted):
            return _WIDE[letter]
        return field

    return _FIELD.sub(widen, pattern)


def _unquoted(pattern: str) -> str:
    return re.sub(r"'(?:[^']|'')*'", "", pattern)


def _clock(value: str) -> time:
    hours, _, minutes = value.partition(":")
    return time(int(hours), int(minutes or 0))


@cache
def locale_of(tag: str) -> babel.Locale:
    """Babel's locale of a BCP 47 tag (`en-GB`)."""
    return babel.Locale.parse(tag.replace("-", "_"))


@cache
def known_tags() -> tuple[str, ...]:
    """Every tag CLDR has data for, BCP 47 style (`en-GB`, `sr-Latn`)."""
    from babel import localedata

    return tuple(sorted(t.replace("_", "-") for t in localedata.locale_identifiers()
                        if t != "root"))


@cache
def _old_codes() -> dict[str, str]:
    """The two-letter codes of a language that has another now (`iw` -> `he`, `in` -> `id`,
    `ji` -> `yi`, `jw` -> `jv`, `mo` -> `ro`), from CLDR's aliases: those it no longer names
    in English.  The aliases it still names are languages of their own that CLDR reads as
    another (`tl` Tagalog as Filipino, `tw` Twi as Akan): a tag people write today."""
    from babel.core import get_global

    named = babel.Locale("en").languages
    return {str(old): str(new).replace("_", "-")
            for old, new in get_global("language_aliases").items()
            if new and len(old) == 2 and old not in named}


def replaced(tag: str) -> tuple[str, str] | None:
    """(the old code, the current one) when `tag` names its language by a code that has
    been replaced (`iw-IL`: ("iw", "he")); else None."""
    code = re.split(r"[-_]", tag.strip())[0].lower()
    current = _old_codes().get(code)
    return (code, current) if current else None


def parse(tag: str) -> Language:
    """The language of a BCP 47 tag (any case, `-` or `_`), an old code read as the one
    that replaced it (`iw` as `he`: see `replaced`); raises `UnknownLanguage` with the
    nearest known tag (or the tag of a language named in English: "French" -> fr)."""
    text = tag.strip()
    parts = re.split(r"[-_]", text)
    if old := replaced(text):
        parts = old[1].split("-") + parts[1:]
    if re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", text):
        normal = "-".join([parts[0].lower()] + [
            p.upper() if len(p) == 2 else p.title() if len(p) == 4 else p for p in parts[1:]])
        try:
            language = Language(normal)
        except (ValueError, babel.UnknownLocaleError):
            pass
        else:
            return language
    raise UnknownLanguage(text, _nearest(text))


# the languages whose month names a date typed in words is read in, for a message's fix:
# those cswgen ships, and a few more that comms teams in Africa and Europe write in
_MONTH_LANGUAGES = ("en", "fr", "es", "pt", "sw", "de", "it", "nl", "af")


def month_number(word: str) -> int | None:
    """The month (1-12) a month's name or abbreviation is in any of a few languages
    (`outubro`, `Okt.`, `février`, `Oktoba`), in any case, with or without accents; None
    when it is none, or when two languages disagree on it."""
    return _month_numbers().get(_folded(word).rstrip("."))


@cache
def _month_numbers() -> dict[str, int]:
    found: dict[str, set[int]] = {}
    for tag in _MONTH_LANGUAGES:
        months = babel.Locale.parse(tag).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in months[context][width].items():
                    found.setdefault(_folded(name).rstrip("."), set()).add(number)
    return {name: next(iter(numbers)) for name, numbers in found.items() if len(numbers) == 1}


def _folded(name: str) -> str:
    """A language's name as people type it: any case, with or without accents."""
    return "".join(c for c in unicodedata.normalize("NFKD", name.casefold())
                   if not unicodedata.combining(c)).strip()


@cache
def _english_names() -> dict[str, str]:
    """Each language CLDR has by its English name ("French", "Brazilian Portuguese"),
    folded, to its tag."""
    tags = set(known_tags())
    named: dict[str, str] = {}
    for code, name in babel.Locale("en").languages.items():
        tag = str(code).replace("_", "-")
        if tag in tags:
            named.setdefault(_folded(str(name)), tag)
    return named


@cache
def _own_names() -> dict[str, str]:
    """Each language by its name in itself ("français", "Kiswahili", "Deutsch"), folded.
    (Reading every language's data takes a second or two: only for a tag not understood.)"""
    named: dict[str, str] = {}
    for tag in (t for t in known_tags() if "-" not in t):
        own = locale_of(tag).get_display_name(locale_of(tag))
        if own:
            named.setdefault(_folded(own), tag)
    return named


def _nearest(text: str) -> str | None:
    english = _english_names()
    if _folded(text) in english:  # "French", "Brazilian Portuguese"
        return english[_folded(text)]
    tags = known_tags()
    lowered = {t.lower(): t for t in tags}
    normal = text.replace("_", "-").lower()
    if normal.split("-")[0] in lowered and normal not in lowered:
        return lowered[normal.split("-")[0]]  # a region CLDR lacks: the language alone
    if len(text) > 3 and text.replace(" ", "").isalpha():  # a name, not a tag
        named = {**english, **_own_names()}
        if _folded(text) in named:  # "francais", "português", "Deutsch"
            return named[_folded(text)]
        longer = [name for name in named if name.startswith(_folded(text) + " ")]
        if len(longer) == 1:  # "Brazilian": Brazilian Portuguese
            return named[longer[0]]
        close = difflib.get_close_matches(_folded(text), list(named), n=1, cutoff=0.7)
        if close:  # "Fench"
            return named[close[0]]
    close = difflib.get_close_matches(normal, list(lowered), n=1, cutoff=0.5)
    return lowered[close[0]] if close else None


ENGLISH = Language("en-GB")  # what cswgen says to the person running it
