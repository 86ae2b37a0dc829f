"""Share images in every script the fonts have, and never a box for one they lack: Arabic
right to left and joined (Pillow's raqm layout), a card mirrored for a right-to-left site,
each run of text in a font that has its characters, and a name in a script no shipped font
has left out of the card with a warning that says where it was written."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from cswgen.core.errors import Problems
from cswgen.model import cards, fonts, textlines
from cswgen.render import share
from tests.helpers import REPO, MakeSite, Run
from tests.test_photos import SHARE_CONFIG

ARTIFACTS = REPO / "test-artifacts"
THANKS = "شكراً لفريق خدمة العملاء"
ARABIC_CARD = cards.Card(
    kicker="الثلاثاء 6 أكتوبر 2026 · فريق الأحلام", title=THANKS,
    quote="«أجاب فريقنا على أكثر من ألف مكالمة هذا الأسبوع، وكل واحدة منها كانت مهمة»",
    footer="أسبوع خدمة العملاء · جمعية مساسا للبناء", primary="#c8102e", secondary="#0b3d91",
    rtl=True, language="ar")
NOTO = fonts.FACES[1]

needs_raqm = pytest.mark.skipif(not cards.raqm(), reason="Pillow here has no raqm layout")


def _ink(image: Image.Image, box: tuple[int, int, int, int]) -> tuple[int, int, int, int]:
    """Where the white text is, inside `box` of the card."""
    area = image.crop(box).convert("L").point(lambda v: 255 if v > 200 else 0)
    found = area.getbbox()
    assert found, f"no text in {box}"
    return found[0] + box[0], found[1] + box[1], found[2] + box[0], found[3] + box[1]


@needs_raqm
def test_an_arabic_card_is_drawn_right_to_left() -> None:
    data = cards.draw_card(ARABIC_CARD)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "share-arabic.png").write_bytes(data)  # to look at
    with Image.open(io.BytesIO(data)) as card:
        rgb = card.convert("RGB")
        assert rgb.getpixel((1200 - 64 - 56, 64 + 56)) != (0x0b, 0x3d, 0x91), "tile at the right"
        assert rgb.getpixel((64 + 56, 64 + 6)) == (0x0b, 0x3d, 0x91), "nothing at the left"
        title = _ink(rgb, (0, 220, 1200, 330))
        kicker = _ink(rgb, (0, 64, 1200 - 64 - 112, 176))
        footer = _ink(rgb, (0, 530, 1200, 630))
    assert 1136 - 6 <= title[2] <= 1136 and title[0] > 300, "the title ends at the right margin"
    assert 1136 - 112 - 32 - 6 <= kicker[2] <= 1136 - 112 - 32, "the kicker beside the tile"
    assert 1136 - 6 <= footer[2] <= 1136


def test_a_hebrew_card_is_drawn_right_to_left_in_a_font_that_has_its_letters() -> None:
    """SPEC: right-to-left languages (Hebrew among them) get share images drawn right to
    left with a font that has the script's letters (DejaVu Sans has Hebrew, with points)."""
    card = cards.Card(kicker="יום שלישי, 6 באוקטובר 2026", title="תודה לצוות שירות הלקוחות",
                       quote="«שָׂרָה עָנְתָה לְכָל שְׁאֵלָה»", footer="שבוע שירות הלקוחות",
                       primary="#c8102e", secondary="#0b3d91", rtl=True, language="he")
    assert fonts.missing(card.title + card.quote + card.kicker + card.footer) == ""
    data = cards.draw_card(card)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "share-hebrew.png").write_bytes(data)  # to look at
    with Image.open(io.BytesIO(data)) as drawn:
        title = _ink(drawn.convert("RGB"), (0, 220, 1200, 330))
    assert 1136 - 6 <= title[2] <= 1136 and title[0] > 150, "the title ends at the right margin"


@needs_raqm
def test_arabic_is_joined_and_set_as_raqm_lays_it_out() -> None:
    setting = textlines.Setting(rtl=True, language="ar", bold=True)
    kind = cards.Type(60, setting)
    assert [(piece, Path(str(font.path)).name, way) for piece, font, way in kind.runs(THANKS)] == [
        (THANKS, "NotoSansArabic-Bold.ttf", "rtl")]
    place = textlines.Place(0, 1000, rtl=True)

    def drawn(draw_text: object) -> Image.Image:
        canvas = Image.new("L", (1000, 100))
        draw = ImageDraw.Draw(canvas)
        if draw_text is None:
            kind.draw(draw, THANKS, place, 50, "white")
        else:
            font = ImageFont.truetype(str(NOTO.bold), 60, layout_engine=draw_text)  # type: ignore[arg-type]
            options = {"direction": "rtl", "language": "ar"} if (
                draw_text == ImageFont.Layout.RAQM) else {}
            width = font.getlength(THANKS, **options)  # type: ignore[arg-type]
            ascent, descent = ImageFont.truetype(str(fonts.FACES[0].bold), 60).getmetrics()
            draw.text((1000 - width, 50 + (ascent - descent) / 2), THANKS, font=font,
                      fill="white", anchor="ls", **options)  # type: ignore[arg-type]
        return canvas

    card, shaped, unshaped = (drawn(None), drawn(ImageFont.Layout.RAQM),
                              drawn(ImageFont.Layout.BASIC))
    assert ImageChops.difference(card, shaped).getbbox() is None, "drawn as raqm lays it out"
    assert ImageChops.difference(shaped, unshaped).getbbox() is not None
    # joined: the letters take their connected forms, narrower than the isolated ones
    basic = ImageFont.truetype(str(NOTO.bold), 60, layout_engine=ImageFont.Layout.BASIC)
    assert kind.length(THANKS) < 0.9 * basic.getlength(THANKS)


@pytest.mark.parametrize("text", [
    "Zoë Nyathi", "Ружица Петровић", "Ελένη", THANKS, "Fatima فاطمة, Acme Ltd",
    "ما يقوله عملاؤنا · ★★★★★", "What our customers say · ★★★★★", "Thank you 🙏 Farai",
    "李小龍 and Farai"])
@pytest.mark.parametrize("rtl", [False, True])
def test_every_run_is_drawn_in_a_font_that_has_its_characters(text: str, rtl: bool) -> None:
    kind = cards.Type(40, textlines.Setting(rtl=rtl))
    faces = {str(f.file(b)): f for f in fonts.FACES for b in (False, True)}
    drawn = ""
    for piece, font, _ in kind.runs(text):
        have = fonts.characters(faces[str(font.path)])
        assert all(c in have or c.isspace() for c in piece), (piece, font.path)
        drawn += piece
    assert set(drawn) == set(text) - set(fonts.missing(text))
    assert fonts.missing(text) == "".join(c for c in "🙏李小龍" if c in text)


def test_arabic_names_and_stars_are_ordered_right_to_left() -> None:
    kind = cards.Type(40, textlines.Setting(rtl=True))
    assert [(p, w) for p, _, w in kind.runs("ما يقوله عملاؤنا · ★★★★★")] == [
        ("★★★★★", "rtl"), ("ما يقوله عملاؤنا · ", "rtl")]
    latin = cards.Type(40, textlines.Setting())
    assert [p for p, _, _ in latin.runs("What our customers say · ★★★★★")] == [
        "What our customers say · ★★★★★"]


def test_scripts_no_font_has_are_named() -> None:
    assert fonts.describe("李小龍") == "Chinese characters"
    assert fonts.describe("ሰላም") == "Ethiopic letters"
    assert fonts.describe("สวัสดี") == "Thai letters"
    assert fonts.missing("Zoë, فاطمة, Ελένη") == ""



def test_a_name_no_font_can_draw_is_left_out_with_a_warning(make_site: MakeSite,
                                                             run: Run) -> None:
    site = make_site({
        "config.toml": SHARE_CONFIG,
        "content/testimonials/li.md": "---\ncustomer: 李小龍\nrating: 5\n---\nExcellent 🙏\n",
        "content/honour-roll/selam.md": "---\ntitle: Selam\nrole: Teller\nname: ሰላም ተስፋዬ\n"
                                        "citation: For patience\n---\n",
        "content/testimonials/fatima.md": "---\ncustomer: فاطمة الزهراء\n---\nشكراً جزيلاً\n",
    })
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert outcome.exit_code == 0, outcome.stderr
    warnings = [line for line in outcome.stderr.splitlines() if "share image" in line]
    fonts_lack = "which none of cswgen's fonts has"
    assert warnings == [
        f'content/honour-roll/selam.md:4: warning: the share image cannot show "ሰላም ተስፋዬ" '
        f"(Ethiopic letters), {fonts_lack}; the card shows the site's title instead",
        f'content/testimonials/li.md:2: warning: the share image cannot show "李小龍" '
        f"(Chinese characters), {fonts_lack}; the card shows the site's title instead",
    ]
    for card in ("testimonials/li/share.png", "honour-roll/selam/share.png",
                 "testimonials/fatima/share.png"):
        assert (site / "output" / card).is_file()


def test_dates_in_a_script_no_font_has_leave_the_rest_of_the_line_and_one_warning(
        make_site: MakeSite, run: Run) -> None:
    # (Amharic: every day's card lost its whole line "Dream Team · ኦክቶበር 5–9፣ 2026", with
    # a warning per day pointing at [week] theme, though the dates were what it could not
    # draw, and nothing said what to do)
    config = SHARE_CONFIG.replace('organisation = "Harbour Telecom"\n',
                                  'organisation = "Harbour Telecom"\nlanguage = "am"\n')
    site = make_site({"config.toml": config,
                      "content/days/monday.md": "---\ntitle: Opening\nday: monday\n---\n",
                      "content/days/tuesday.md": "---\ntitle: Games\nday: tuesday\n---\n"})
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert outcome.exit_code == 0, outcome.stderr
    assert [line for line in outcome.lines if "share image" in line] == [
        "config.toml:4: warning: share images cannot show the week's dates in Amharic "
        "(Ethiopic letters), which none of cswgen's fonts has, so each card leaves its date "
        "out and shows the rest of the line; the pages show the dates in full, so nothing "
        "needs fixing (a font with those letters, added to cswgen, would put them on the "
        "cards too)"]
    with Image.open(site / "output/days/monday/share.png") as card:
        kicker = _ink(card.convert("RGB"), (64 + 112 + 32, 64, 1136, 176))
    # "Dream Team" alone, in the kicker's type: wider than a word, narrower than a date too
    assert 150 < kicker[2] - kicker[0] < 400, kicker


def test_text_left_out_of_a_card_is_replaced_by_the_site_title() -> None:
    card = cards.Card(kicker="What our customers say", title="李小龍", quote="“好”",
                       footer="Harbour", primary="#c8102e", secondary="#0b3d91")

    config = SimpleNamespace(site=SimpleNamespace(title="Harbour Telecom CSW 2026"),
                             line_of=lambda dotted: 2)
    site = SimpleNamespace(config=config, days=[], testimonials=[], honour=[])
    problems = Problems()
    kept = share.drawable({"share.png": card}, site, problems)  # type: ignore[arg-type]
    assert (kept["share.png"].title, kept["share.png"].quote) == ("Harbour Telecom CSW 2026", "")
    assert [p.path for p in problems.warnings] == ["config.toml", "config.toml"]


def test_emoji_in_a_testimonial_leave_its_words_on_the_card_with_no_gap(
        make_site: MakeSite, run: Run) -> None:
    """A Google Form answer ending "❤️" (a heart and a variation selector, which counted
    as a letter no font has) lost its whole quote from the card, with a warning about
    "Variation letters and Combining letters"; other emoji left a double space.  The card
    now shows the words as they would be without the emoji, and nothing is reported."""
    site = make_site({
        "config.toml": SHARE_CONFIG,
        "content/testimonials/amina.md": "---\ncustomer: Amina W.\nslug: a\n---\nThank you "
                                         "❤️ Achieng 🙏🏾🎉 you made my day 👨‍👩‍👧 1️⃣ time 👍🏽\n",
        "content/testimonials/amina-plain.md": "---\ncustomer: Amina W.\nslug: b\n---\n"
                                               "Thank you Achieng you made my day 1 time\n"})
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert outcome.exit_code == 0, outcome.stderr
    assert [line for line in outcome.lines if "share image" in line] == []
    out = site / "output/testimonials"
    assert (out / "a/share.png").read_bytes() == (out / "b/share.png").read_bytes()
    assert "❤️ Achieng 🙏🏾🎉" in (out / "a/index.html").read_text("utf-8")  # the page keeps them
