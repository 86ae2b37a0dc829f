"""The Markdown dialect and how links in bodies are resolved."""

from __future__ import annotations

from pathlib import Path

from cswgen.core.errors import Problems
from cswgen.model.markup import Converter


def convert(text: str, source: str = "content/pages/x.md", *, folder: Path | None = None,
            urls: dict[str, str] | None = None, unsafe: bool = False) -> tuple[str, Problems]:
    problems = Problems()
    converter = Converter(folder or Path("/nonexistent"), urls or {}, unsafe_html=unsafe)
    return converter.convert(text, source, 5, problems).html, problems


def test_the_dialect() -> None:
    html, _ = convert(
        "## Hours {#hours .wide}\n\n| Day | Open |\n|---|---|\n| Mon | 8:00 |\n\n"
        "A note.[^1]\n\n[^1]: The footnote.\n\n```\ncode <b>\n```\n\n"
        'She said "thanks" -- twice.\n')
    assert '<h2 class="wide" id="hours">Hours</h2>' in html
    assert "<table>" in html and "<td>Mon</td>" in html
    assert 'id="fn-1"' in html and 'href="#fn-1"' in html
    assert "<pre><code>code &lt;b&gt;\n</code></pre>" in html
    assert "“thanks” – twice" in html


def test_a_body_h1_moves_every_heading_down_one_level() -> None:
    html, _ = convert("# Welcome\n\n## Details\n")
    assert "<h1" not in html
    assert '<h2 id="welcome">Welcome</h2>' in html and '<h3 id="details">' in html


def test_headings_never_take_the_ids_the_page_uses() -> None:
    html, _ = convert("## Main\n")
    assert 'id="main-section"' in html


def test_a_heading_in_a_script_without_latin_letters_has_its_own_words_as_its_id() -> None:
    """Arabic, Chinese or Amharic headings had ids `_1`, `_2`: a link to one said nothing
    and broke when a heading was added above it.  Latin headings keep their ASCII ids."""
    html, _ = convert("## ساعات العمل\n\n## 营业时间\n\n## Qualité du service\n\n"
                      "[back](#ساعات-العمل)\n")
    assert '<h2 id="ساعات-العمل">ساعات العمل</h2>' in html
    assert '<h2 id="营业时间">营业时间</h2>' in html
    assert '<h2 id="qualite-du-service">Qualité du service</h2>' in html
    assert 'href="#ساعات-العمل"' in html


def test_links_to_content_files_by_source_path(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "images").mkdir()
    (tmp_path / "images/map.png").write_bytes(b"png")
    html, problems = convert(
        "[policy](../policy.md#privacy) ![map](../images/map.png) [abs](/images/map.png) "
        "[ext](https://example.org/x.md) [mail](mailto:a@b.example) [here](#top)",
        folder=tmp_path, urls={"content/policy.md": "policy/"})
    assert 'href="cswgen-root:policy/#privacy"' in html
    assert 'src="cswgen-root:images/map.png"' in html
    assert 'href="cswgen-root:images/map.png"' in html
    assert 'href="https://example.org/x.md"' in html
    assert 'href="mailto:a@b.example"' in html and 'href="#top"' in html
    assert len(problems) == 0


def test_a_link_to_a_missing_content_file_is_an_error_on_its_line() -> None:
    _, problems = convert("Intro.\n\nSee [the FAQ](faq.md).\n")
    [problem] = problems.errors
    assert str(problem) == ("content/pages/x.md:7: the link to faq.md goes to "
                            "content/pages/faq.md, which does not exist; check the file name "
                            "and folder")


def test_raw_html_is_sanitised_unless_the_site_opts_in() -> None:
    text = '<p onclick="x()">Hi</p><script>alert(1)</script><a href="javascript:x()">a</a>'
    safe, _ = convert(text)
    assert "onclick" not in safe and "<script" not in safe and "javascript:" not in safe
    unsafe, _ = convert(text, unsafe=True)
    assert "onclick" in unsafe and "<script>" in unsafe


def test_the_quick_inline_pass_converts_exactly_as_python_markdown_does() -> None:
    """The inline pass skips text no pattern can match; every body must convert to the same
    HTML as with Python-Markdown's own pass."""
    import markdown

    from cswgen.model.markup import Converter, _QuickInline
    from tests.helpers import REPO

    quick = Converter(REPO / "content", {}, unsafe_html=True).md
    assert isinstance(quick.treeprocessors["inline"], _QuickInline)
    stock = Converter(REPO / "content", {}, unsafe_html=True).md  # with the stock pass:
    stock.treeprocessors.register(markdown.treeprocessors.InlineProcessor(stock), "inline", 20)
    texts = [p.read_text("utf-8") for p in sorted((REPO / "content").rglob("*.md"))]
    texts += ["plain words only", "line one  \nline two", "a `code` b", "a \\*not em\\*",
              "<b>raw</b> and <https://example.org> and <me@example.org>", "&amp; &copy; &#169;",
              "*em* _em_ **strong** __strong__", "[link](https://x.org) ![img](a.png)",
              "[ref][r]\n\n[r]: https://x.org", "note[^1]\n\n[^1]: the note",
              "*ABBR* here\n\n*[ABBR]: An abbreviation", "| a | *b* |\n|---|---|\n| c | d |",
              "- one\n- *two*\n- [three](x.md)", "term\n:   definition with `code`"]
    for text in texts:
        stock.reset()
        quick.reset()
        assert quick.convert(text) == stock.convert(text), text[:60]


def test_quick_smarty_is_exactly_pythons_markdown_smarty() -> None:
    """The smarty pass skips text with no quote, dash or dots; it must change nothing."""
    import markdown

    from cswgen.model.markup import _QuickSmarty
    from tests.helpers import REPO

    def make(quick: bool) -> markdown.Markdown:
        md = markdown.Markdown(extensions=["tables", "footnotes", "smarty", "def_list", "abbr",
                                           "attr_list", "sane_lists"], output_format="html")
        if quick:
            fast = _QuickSmarty(md)
            fast.inlinePatterns = md.treeprocessors["smarty"].inlinePatterns  # type: ignore[attr-defined]
            md.treeprocessors.register(fast, "smarty", 6)
        return md

    texts = [p.read_text("utf-8") for p in sorted((REPO / "content").rglob("*.md"))]
    texts += ['"Hello" -- it\'s the \'80s... "\'Quoted\' words"', "'tis", "a --- b -- c...",
              "| a | 'b' |\n|---|---|\n| \"x\" | *y's* |", "- 'one'\n- \"two\"\n\n> 'quoted'",
              "No quotes at all, just *emphasis* and [a link](x.md).", "Ends with 'quote'"]
    stock, quick = make(False), make(True)
    for text in texts:
        stock.reset()
        quick.reset()
        assert quick.convert(text) == stock.convert(text), text[:60]


def test_a_body_says_once_whether_it_shows_or_links_a_photo(tmp_path: Path) -> None:
    """Found when the body is converted (and kept with it), so photos pass over the
    bodies that show none without reading their HTML on every build."""
    (tmp_path / "images").mkdir()
    for name in ("team.jpg", "team.JPG", "plan.pdf", "logo.svg"):
        (tmp_path / "images" / name).write_bytes(b"x")
    converter = Converter(tmp_path, {}, unsafe_html=False)
    said = {text: converter.convert(text, "content/pages/x.md", 5, Problems()).pictures
            for text in (
        "Thanks to the [branch team](https://example.org/team).",
        "![The team](../images/team.jpg)",
        "The [team photo](../images/team.JPG?size=large) is here.",
        "Read [the plan](../images/plan.pdf) or see ![logo](../images/logo.svg).",
            )}
    assert said == {
        "Thanks to the [branch team](https://example.org/team).": False,
        "![The team](../images/team.jpg)": True,
        "The [team photo](../images/team.JPG?size=large) is here.": True,
        "Read [the plan](../images/plan.pdf) or see ![logo](../images/logo.svg).": True,
    }
