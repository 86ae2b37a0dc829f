"""A body's text in one line, as cards, link previews, the feed and the lobby screen show it:
its lists, headings and tables read as a person would write them, in the body's language
("reset my PIN, raised my limit", "Fast service. The teller…"), never run together."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from cswgen.core.errors import Problems
from cswgen.model.markup import Converter
from tests.helpers import AS_OF, MINIMAL_CONFIG, MakeSite, Run
from tests.test_link_previews_and_colours import head_of

ARABIC_CONFIG = """\
[site]
title = "أسبوع خدمة العملاء"
organisation = "مصرف المثال"
language = "ar"

[week]
year = 2026
timezone = "Asia/Muscat"
"""

LIST = """\
---
customer: Rudo K.
featured: true
---
The branch team sorted out everything I came in for:

- reset the PIN on my debit card
- raised the limit on my credit card
- moved my savings into a fixed deposit
- changed the address on my account
- ordered a new cheque book for the business

All of it took twenty minutes, and Farai explained every form before I signed it. I will
be telling my neighbours and everyone at church about the Borrowdale branch this Sunday.
"""

HEADING = """\
---
customer: Tatenda M.
---
## Fast service

The teller had my new card ready before I had finished my tea.
"""

TABLE = """\
---
customer: Nyasha C.
---
| Visit | What happened |
|---|---|
| Monday | Card blocked |
| Tuesday | New card in my hand |
"""

OWN_PUNCTUATION = """\
---
customer: Chipo D.
---
- Reset my PIN.
- Raised my limit!
- Quick, friendly service
- Clear answers
"""


def _description(page: Path) -> str:
    """A page's `<meta name="description">`, as a link preview shows it."""
    return head_of(page).meta["description"][0]


def _cards(page: Path) -> list[str]:
    """The text of each quote on a list or the home page, as a visitor reads it."""
    quotes = re.findall(r"<blockquote[^>]*>\s*<p>(.*?)</p>\s*</blockquote>",
                        page.read_text("utf-8"), re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", q)) for q in quotes]


def _built(make_site: MakeSite, run: Run, files: dict[str, str]) -> Path:
    site = make_site(files)
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    return site / "output"


def test_a_list_reads_as_a_list_on_its_card_and_in_its_preview(make_site: MakeSite,
                                                                run: Run) -> None:
    out = _built(make_site, run, {"content/testimonials/rudo.md": LIST})
    said = ("The branch team sorted out everything I came in for: reset the PIN on my debit "
            "card, raised the limit on my credit card, moved my savings into a fixed deposit…")
    assert _description(out / "testimonials/rudo/index.html") == said
    assert said in _cards(out / "testimonials/index.html")  # (too long to show whole)
    assert said in _cards(out / "index.html")  # featured
    assert f"<summary>{html.escape(said, quote=False)}</summary>" in (
        out / "feed.xml").read_text("utf-8")
    screen = html.unescape((out / "screen/index.html").read_text("utf-8"))
    assert "for: reset the PIN on my debit card, raised the limit on my credit card" in screen


def test_a_heading_ends_before_its_paragraph_and_a_table_reads_row_by_row(
        make_site: MakeSite, run: Run) -> None:
    out = _built(make_site, run, {"content/testimonials/tatenda.md": HEADING,
                                  "content/testimonials/nyasha.md": TABLE,
                                  "content/testimonials/chipo.md": OWN_PUNCTUATION})
    assert _description(out / "testimonials/tatenda/index.html") == (
        "Fast service. The teller had my new card ready before I had finished my tea.")
    assert _description(out / "testimonials/nyasha/index.html") == (
        "Visit, What happened. Monday, Card blocked. Tuesday, New card in my hand")
    # items punctuated by the customer keep it; one with a comma of its own: semicolons
    assert _description(out / "testimonials/chipo/index.html") == (
        "Reset my PIN. Raised my limit! Quick, friendly service; Clear answers")


def test_an_arabic_body_takes_arabic_punctuation_and_an_english_one_english(
        make_site: MakeSite, run: Run) -> None:
    out = _built(make_site, run, {
        "config.toml": ARABIC_CONFIG,
        "content/testimonials/salim.md": (
            "---\ncustomer: سالم\n---\nساعدني الفريق في كل ما جئت من أجله:\n\n"
            "- إعادة تعيين الرقم السري\n- رفع حد البطاقة\n- فتح حساب توفير\n"),
        "content/testimonials/mona.md": (
            "---\ncustomer: منى\n---\n## خدمة سريعة\n\nجهّز الموظف بطاقتي الجديدة في دقائق.\n"),
        "content/testimonials/alice.md": (
            "---\ncustomer: Alice\nlang: en-GB\n---\n- a new card\n- a higher limit\n"),
        "content/testimonials/huda.md": (
            "---\ncustomer: هدى\n---\nساعدني الفريق في كل ما جئت من أجله:\n\n"
            "- إعادة تعيين الرقم السري لبطاقتي\n- رفع حد البطاقة الائتمانية\n"
            "- فتح حساب توفير لابنتي\n- تغيير عنواني في سجلات المصرف الرئيسي\n"
            "- طلب دفتر شيكات جديد للشركة\n- تحديث رقم هاتفي\n"),
    })
    assert _description(out / "testimonials/salim/index.html") == (
        "ساعدني الفريق في كل ما جئت من أجله: إعادة تعيين الرقم السري، رفع حد البطاقة، "
        "فتح حساب توفير")
    assert _description(out / "testimonials/mona/index.html") == (
        "خدمة سريعة. جهّز الموظف بطاقتي الجديدة في دقائق.")
    assert "a new card, a higher limit" in _description(out / "testimonials/alice/index.html")
    # cut short after an item, the excerpt does not end in its comma: "…،…"
    assert _description(out / "testimonials/huda/index.html").endswith(
        "في سجلات المصرف الرئيسي…")


def test_a_body_whose_language_changes_is_punctuated_anew(make_site: MakeSite,
                                                          run: Run) -> None:
    """Only the `lang` line changes, not the body nor its place in the file: its plain
    text is made again all the same, on every page that shows it."""
    body = "---\ncustomer: Alice\n{line}\n---\n- a new card\n- a higher limit\n"
    site = make_site({"config.toml": ARABIC_CONFIG,
                      "content/testimonials/alice.md": body.format(line="location: Muscat")})
    assert run(site, "build", *AS_OF).exit_code == 0
    page = site / "output/testimonials/alice/index.html"
    assert _description(page) == "a new card، a higher limit"
    (site / "content/testimonials/alice.md").write_text(body.format(line="lang: en-GB"),
                                                        "utf-8")
    assert run(site, "build", *AS_OF).exit_code == 0
    assert _description(page) == "a new card, a higher limit"


def test_each_language_of_a_site_punctuates_its_own_bodies(make_site: MakeSite,
                                                           run: Run) -> None:
    """An Arabic translation's list takes Arabic commas; a translation with no body of its
    own shows its original's English words, punctuated as English."""
    out = _built(make_site, run, {
        "config.toml": '[site]\ntitle = "Week"\nlanguages = ["en", "ar"]\n'
                       '[week]\nyear = 2026\ntimezone = "Asia/Muscat"\n',
        "content/testimonials/salim.md": "---\ncustomer: Salim\n---\n- a new card\n- a loan\n",
        "content/testimonials/salim.ar.md": (
            "---\ncustomer: سالم\n---\n- بطاقة جديدة\n- قرض\n"),
        "content/testimonials/alice.md": "---\ncustomer: Alice\n---\n- a new card\n- a loan\n",
        "content/testimonials/alice.ar.md": "---\ncustomer: أليس\n---\n",
    })
    assert _description(out / "testimonials/salim/index.html") == "a new card, a loan"
    assert _description(out / "ar/testimonials/salim/index.html") == "بطاقة جديدة، قرض"
    assert _description(out / "ar/testimonials/alice/index.html") == "a new card, a loan"


FOOTNOTED = """\
---
customer: Farai N.
featured: true
---
Mr Dube opened my account on the 1<sup>st</sup> of the month[^1] and found me a flat of
80 m<sup>2</sup> near the branch[^survey].

[^1]: The branch opens at eight on weekdays.
[^survey]: As the May survey of customers showed.
"""


def test_a_body_s_footnotes_are_not_in_its_excerpt(make_site: MakeSite, run: Run) -> None:
    """Neither a note's number, nor its text, nor its link back (↩) is in the card, the
    link preview or the feed; the text's own `<sup>` ("1st", "80 m2") is."""
    out = _built(make_site, run, {"content/testimonials/farai.md": FOOTNOTED})
    said = ("Mr Dube opened my account on the 1st of the month and found me a flat of "
            "80 m2 near the branch.")
    assert _description(out / "testimonials/farai/index.html") == said
    assert said in _cards(out / "testimonials/index.html")
    assert said in _cards(out / "index.html")  # featured
    feed = (out / "feed.xml").read_text("utf-8")
    assert f"<summary>{html.escape(said, quote=False)}</summary>" in feed
    screen = html.unescape((out / "screen/index.html").read_text("utf-8"))
    assert said in screen
    assert "weekdays" not in screen and "↩" not in screen
    # the page itself still has its notes
    page = (out / "testimonials/farai/index.html").read_text("utf-8")
    assert "The branch opens at eight on weekdays." in page


POLICIES = {  # language: config, title, body, commitments, the description they make
    "en": (MINIMAL_CONFIG, "Customer service policy", "How we serve you.", (
        "We answer every call within three rings",
        "We reply to every email within one working day",
        "Did we get it wrong? We put it right"),
        "We answer every call within three rings. We reply to every email within one "
        "working day. Did we get it wrong? We put it right"),
    "ar": (ARABIC_CONFIG, "سياسة خدمة العملاء", "كيف نخدمكم.", (
        "نرد على كل مكالمة خلال ثلاث رنات", "هل أخطأنا؟ نصحح الخطأ",
        "نرد على كل رسالة خلال يوم عمل واحد"),
        "نرد على كل مكالمة خلال ثلاث رنات. هل أخطأنا؟ نصحح الخطأ. "
        "نرد على كل رسالة خلال يوم عمل واحد"),
}


@pytest.mark.parametrize("language", sorted(POLICIES))
def test_a_policy_s_commitments_read_as_sentences_in_its_description(
        make_site: MakeSite, run: Run, language: str) -> None:
    config, title, body, commitments, description = POLICIES[language]
    items = "".join(f"  - {item}\n" for item in commitments)
    out = _built(make_site, run, {"config.toml": config, "content/policy.md": (
        f"---\ntitle: {title}\ncommitments:\n{items}---\n{body}\n")})
    assert _description(out / "policy/index.html") == description


def test_footnotes_placed_in_the_text_and_holding_html_are_left_out_whole() -> None:
    """Notes put mid-text (`///Footnotes Go Here///`) leave the text after them; a `<div>`
    a note leaves open ends with the note, as a browser ends it; a `<sup>` of the text's own
    with an id stays; with `unsafe_html` too."""
    body = ("Quick service[^a].\n\n///Footnotes Go Here///\n\n"
            'Thanks again, <sup id="x">Tendai</sup>.\n\n'
            "[^a]: Under five minutes.\n\n    <div><div>Timed</div> by me\n\n"
            "    And a second paragraph.\n")
    for unsafe in (False, True):
        converter = Converter(Path("/nonexistent"), {}, unsafe_html=unsafe)
        rendered = converter.convert(body, "content/testimonials/x.md", 5, Problems())
        assert "Under five minutes." in rendered.html
        assert rendered.text == "Quick service. Thanks again, Tendai."
