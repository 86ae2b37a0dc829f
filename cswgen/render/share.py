"""Share images: the 1200×630 picture a link preview shows when someone pastes a page's
address into WhatsApp, Teams or social media.

Each day, testimonial and honour-roll entry gets its own, the other pages the site's; they
are made only when `base_url` is set (a preview needs an absolute address), from the same
page views the templates get, so a card never shows what its page does not (a day that is
still a teaser shows its title and date only).  Cards are cached like photos, by a hash of
everything drawn on them.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from collections.abc import Callable
from functools import partial
from pathlib import Path

from cswgen.core import cldr, parallel
from cswgen.core.digest import digest
from cswgen.core.errors import Problems
from cswgen.core.files import FileStore
from cswgen.model import fonts, images, logos
from cswgen.model.cards import CARD_HEIGHT, CARD_WIDTH, Card, card_recipe, draw_card, undrawable
from cswgen.model.site import SHARE_IMAGE, Site, url_of
from cswgen.read.records import Entry
from cswgen.render.strings import Words
from cswgen.render.views import View


def cards(pages: list[View], site: View, week: View, words: Words,
          logo: Path | None) -> dict[str, Card]:
    """Output path -> card, for every page that names a share image."""
    found: dict[str, Card] = {}
    for page in pages:
        path = page.get("share_image")
        if path and path not in found:
            found[path] = card_for(page, site, week, words, logo)
    return found


def card_for(page: View, site: View, week: View, words: Words,
             logo: Path | None) -> Card:
    kind = page["kind"]
    organisation = "" if site["organisation"] in site["title"] else site["organisation"]
    footer = _joined(site["title"], organisation)
    if kind == "day":
        day = page["day"]
        kicker = _joined(day["long_label"], week["theme"])
        title, quote = day["title"], day["summary"]
    elif kind == "testimonial":
        t = page["testimonial"]
        kicker = _joined(words.say("what_our_customers_say"), "★" * (t["rating"] or 0))
        title = words.say("comma").join(p for p in (t["customer"], t["organisation"]) if p)
        quote = words.say("quoted", text=t["excerpt"]) if t["excerpt"] else ""
    elif kind in ("honour", "certificate"):
        person = page["person"]
        kicker = person["award"] or words.say("honour_roll")
        title, quote = person["name"], person["excerpt"]
        role = words.say("comma").join(p for p in (person["role"], person["department"]) if p)
        footer = _joined(role or site["title"], site["organisation"])  # as the page writes it
    else:
        kicker = _joined(week["theme"], week["label"])
        title, quote = site["title"], site["description"]
        footer = site["organisation"] or site["title"]
    return Card(kicker=kicker, title=title, quote=quote, footer=footer,
                       primary=site["primary"], secondary=site["secondary"], logo=logo,
                       rtl=site.get("direction") == "rtl", language=site["language"])


# where each text on a card was written: a field of the entry's front matter (or its body),
# or a setting of config.toml (a dotted name)
SOURCES = {
    "day": {"kicker": "week.theme", "title": "title", "quote": "summary", "footer": "site.title"},
    "testimonial": {"kicker": "site.title", "title": "customer", "quote": "body",
                    "footer": "site.title"},
    "honour": {"kicker": "award", "title": "name", "quote": "citation", "footer": "role"},
    "": {"kicker": "week.theme", "title": "site.title", "quote": "site.description",
         "footer": "site.organisation"},
}


def drawable(found: dict[str, Card], site: Site,
             problems: Problems) -> dict[str, Card]:
    """The cards with the text they cannot show left out, each such text reported once
    where it was written: a name in a script none of the fonts has (Chinese, Amharic) is
    never drawn as boxes.  A title gives way to the site's title; other lines lose only
    the parts they cannot show ("Dream Team" stays beside a date in Ethiopic letters).
    Symbols no font has (emoji) are left out of the line quietly: the page shows them."""
    entries: dict[str, Entry] = {url_of(e) + SHARE_IMAGE: e
                                 for e in (*site.days, *site.testimonials, *site.honour)}
    fallback = site.config.site.title
    reported: set[tuple[str, int, str]] = set()
    kept: dict[str, Card] = {}
    for path, card in found.items():
        entry = entries.get(path)
        kind = entry.kind if entry else ""
        texts: dict[str, str] = {}
        for name in ("kicker", "title", "quote", "footer"):
            text: str = getattr(card, name)
            parts = text.split(SEPARATOR) if name in ("kicker", "footer") else [text]
            shown_parts = []
            for part in parts:
                letters = _lost_letters(part)
                if not letters:
                    shown_parts.append(part)
                    continue
                instead = fallback if name == "title" and not _lost_letters(fallback) else ""
                if instead:
                    shown_parts.append(instead)
                where, line, sheet, message = _said(site, entry, kind, name, part, letters,
                                                    card.language, bool(instead),
                                                    whole=len(parts) == 1)
                if (where, line, message) not in reported:
                    reported.add((where, line, message))
                    problems.warning(where, line, message, sheet=sheet)
            texts[name] = _without_symbols(SEPARATOR.join(shown_parts))
        kept[path] = dataclasses.replace(card, kicker=texts["kicker"], title=texts["title"],
                                         quote=texts["quote"], footer=texts["footer"])
    return kept


def _lost_letters(text: str) -> str:
    """The letters of `text` a card cannot show (symbols aside: see `drawable`), with the
    marks that belong to them; the marks that belong to a symbol are the symbol's (the
    variation selector of ❤️, the keycap of 1️⃣), even after a digit the fonts have."""
    lost = set(undrawable(text)[0])
    if not lost:
        return ""
    found: dict[str, None] = {}
    base = ""  # the character the marks that follow belong to
    for char in text:
        kind = unicodedata.category(char)
        if kind[0] != "M":
            base = char
            if char in lost and kind[0] == "L":
                found[char] = None
        elif char in lost and unicodedata.category(base or " ")[0] == "L" \
                and not _emoji_mark(char):
            found[char] = None
    return "".join(found)


def _emoji_mark(char: str) -> bool:
    """A mark that makes what comes before it an emoji: a variation selector, a keycap."""
    return "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef" \
        or char == "\u20e3"


def _without_symbols(text: str) -> str:
    """`text` without the symbols no font has (emoji), and without the gap they leave
    ("ten minutes 🙏🏾 I had" -> "ten minutes I had")."""
    lost = set(undrawable(text)[0])
    if not lost:
        return text
    letters = _lost_letters(text)  # (reported, and left to the drawing)
    gone = [c in lost and c not in letters for c in text]
    # (and the joiners between the parts of an emoji made of several: 👨‍👩‍👧)
    kept = "".join(c for i, c in enumerate(text) if not gone[i] and not (
        c == "\u200d" and ((i > 0 and gone[i - 1]) or (i + 1 < len(text) and gone[i + 1]))))
    if kept == text:
        return text
    kept = re.sub(r"(?<=\S)[ \t]{2,}(?=\S)", " ", kept)
    return re.sub(r"[ \t]+(?=\u201d)", "", kept).strip(" \t")


def _said(site: Site, entry: Entry | None, kind: str, name: str, text: str, letters: str,
          tag: str, instead: bool, whole: bool) -> tuple[str, int, str, str]:
    """Where `text`, left out of the `name` line of a card, was written, and the warning
    that says so: a setting of config.toml, the entry's field, or (a date, in the words of
    the site's language) the `language` line, said once for every card."""
    why = undrawable(text)[1]
    config = site.config
    source = SOURCES[kind][name]
    if not whole:  # (a part of a line: a setting, or the date in the language's words)
        own = config.for_language(tag) if tag else config
        settings = {"week.theme": own.week.theme, "site.title": own.site.title,
                    "site.organisation": own.site.organisation}
        source = next((k for k, v in settings.items() if v == text), "")
        if not source and name == "kicker" and kind in ("day", ""):
            language = cldr.parse(tag or config.site.language).english_name
            setting = "site.languages" if config.site.languages else "site.language"
            return ("config.toml", config.line_of(setting), "", (
                f"share images cannot show the week's dates in {language} "
                f"({fonts.describe(letters)}), {why}, so each card leaves its date out and "
                "shows the rest of the line; the pages show the dates in full, so nothing "
                "needs fixing (a font with those letters, added to cswgen, would put them "
                "on the cards too)"))
        source = source or SOURCES[kind][name]
    if "." in source or entry is None:
        where, line, sheet = "config.toml", config.line_of(source), ""
    else:
        line = entry.body_line if source == "body" else entry.line_of(source)
        where, sheet = entry.path, entry.sheet
    shown = text if len(text) <= 60 else text[:59] + "…"
    return where, line, sheet, (
        f'the share image cannot show "{shown}" ({fonts.describe(letters)}), {why}; the '
        "card shows " + ("the site's title instead" if instead else "nothing in its place"))


def logo_of(root: Path, logo: str | None) -> Path | None:
    """The brand logo when Pillow can draw it (a raster file, GIF, ICO and AVIF too);
    otherwise cards show the puzzle-piece emblem (the build warns when that is not for an
    SVG)."""
    if logo and logos.drawable(logo):
        return root / "content" / logo
    return None


class Painter:
    """Draws cards, or finds them in the cache."""

    def __init__(self, cache_root: Path) -> None:
        self.cache = FileStore(cache_root / "share")
        # (the same light picture as a photo's placeholder of that size, and where it is)
        self.placeholders = FileStore(cache_root / "placeholders" / digest(
            images.recipe())[:16])
        # cards left to draw beside `cswgen serve`: name -> what draws and stores it
        self.pending: dict[str, Callable[[], object]] = {}

    def pngs(self, cards: list[Card],
             later: Callable[[str], bool] | None = None) -> list[Path]:
        """The cached PNG of each card; those not in the cache yet are drawn on every core
        (in a worker each, which stores what it drew).  `later` (`cswgen serve`, whose
        preview shows no card, only names it for link previews): a card it accepts by name
        is a light placeholder for now, and is drawn beside the server (`pending`)."""
        logos: dict[Path, bytes] = {}
        names = [self._name(card, logos) for card in cards]
        todo = [i for i, name in enumerate(names) if not self.cache.path(name).is_file()]
        waiting = {names[i] for i in todo if later is not None and later(CARD + names[i])}
        for i in todo:
            if names[i] in waiting:
                self.pending[CARD + names[i]] = partial(self._draw, names[i], cards[i])
        todo = [i for i in todo if names[i] not in waiting]
        parallel.heavy(lambda i: self._draw(names[todo[i]], cards[todo[i]]), len(todo))
        if not waiting:
            return [self.cache.path(name) for name in names]
        stand_in = self.placeholders.path(f"{CARD_WIDTH}x{CARD_HEIGHT}.png")
        if not stand_in.is_file():
            self.placeholders.store_file(stand_in.name, images.placeholder(
                CARD_WIDTH, CARD_HEIGHT, "png"))
        return [stand_in if name in waiting else self.cache.path(name) for name in names]

    def _draw(self, name: str, card: Card) -> Path:
        return self.cache.store_file(name, draw_card(card))

    @staticmethod
    def _name(card: Card, logos: dict[Path, bytes]) -> str:
        """A digest of everything drawn on the card, and of how it is drawn."""
        fields = {k: str(v) for k, v in dataclasses.asdict(card).items() if k != "logo"}
        if card.logo and card.logo not in logos:
            logos[card.logo] = card.logo.read_bytes()
        logo = logos[card.logo] if card.logo else b""
        return digest(card_recipe(), json.dumps(fields, sort_keys=True), logo) + ".png"


CARD = "card "  # names a card in `Painter.pending`


SEPARATOR = " · "  # between the parts of a line: the date and the week's theme


def _joined(*parts: str) -> str:
    return SEPARATOR.join(p for p in parts if p)
