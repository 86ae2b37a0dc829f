"""Nothing read from outside the site, nothing written outside the output folder, and names
that build the same on Windows, macOS and Linux."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

from cswgen.core.errors import SiteError
from cswgen.write.writer import Staging
from tests.helpers import MakeSite, Run, serving
from tests.linkcheck import broken_links
from tests.photofactory import phone_jpeg

DAY = "---\nday: monday\ntitle: Mon\n---\n"
THEMED: dict[str, str | bytes] = {
    "content/days/mon.md": DAY, "themes/mine/theme.toml": 'extends = "classic"\n',
    "config.toml": '[site]\ntitle = "T"\ntheme = "mine"\n[week]\nyear = 2026\n'}


def test_symlinks_in_content_to_outside_the_site_are_not_followed(
        make_site: MakeSite, run: Run, tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "passwords.txt").write_text("hunter2", "utf-8")
    (secret / "story.md").write_text("---\ncustomer: Secret S.\n---\nhunter2\n", "utf-8")
    site = make_site({"content/days/mon.md": DAY, "content/shared.txt": "mine",
                      "content/images/inside.png": b"\x89PNG"})
    os.symlink(secret / "passwords.txt", site / "content/passwords.txt")
    (site / "content/testimonials").mkdir()
    os.symlink(secret / "story.md", site / "content/testimonials/story.md")
    os.symlink(secret, site / "content/files")
    os.symlink(site / "content/shared.txt", site / "content/also-shared.txt")  # inside: fine
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert outcome.exit_code == 0, outcome.stderr
    for link in ("content/files", "content/passwords.txt", "content/testimonials/story.md"):
        assert f"{link}: warning: is a symbolic link to something outside the site's " \
               "folder, so cswgen does not follow it" in outcome.stderr
    out = site / "output"
    published = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert b"hunter2" not in published
    assert (out / "also-shared.txt").read_text("utf-8") == "mine"


def test_symlinks_in_a_theme_to_outside_the_site_are_not_followed(
        make_site: MakeSite, run: Run, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("hunter2", "utf-8")
    site = make_site({**THEMED, "themes/mine/static/own.css": "body{}"})
    os.symlink(secret, site / "themes/mine/static/leak.txt")
    os.symlink(secret, site / "themes/mine/static/style.css")  # shadows classic's
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert outcome.exit_code == 0, outcome.stderr
    assert "themes/mine/static/leak.txt: warning: is a symbolic link" in outcome.stderr
    out = site / "output"
    assert not (out / "assets/leak.txt").exists()
    assert b"hunter2" not in (out / "assets/style.css").read_bytes()  # classic's instead
    assert (out / "assets/own.css").is_file()


def test_a_symlink_to_a_file_that_is_gone_is_a_warning_not_a_crash(
        make_site: MakeSite, run: Run) -> None:
    # (the file it named was renamed or deleted: a page, a picture, a theme's file)
    site = make_site({**THEMED, "content/honour-roll/a.md": "---\nname: A\n---\n"})
    os.symlink("faq-old.md", site / "content/faq.md")
    (site / "content/images").mkdir()
    os.symlink("../../photos/logo.png", site / "content/images/logo.png")
    (site / "themes/mine/templates").mkdir(parents=True)
    os.symlink("old-day.html", site / "themes/mine/templates/day.html")
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert outcome.exit_code == 0, outcome.stderr
    gone = ("warning: is a symbolic link to \"{}\", which does not exist (it was moved, "
            "renamed or deleted), so it is left out; copy the file itself here, or delete "
            "the link")
    assert outcome.lines == [
        "content/faq.md: " + gone.format("faq-old.md"),
        "content/images/logo.png: " + gone.format("../../photos/logo.png"),
        "themes/mine/templates/day.html: " + gone.format("old-day.html")]
    assert (site / "output/days/mon/index.html").is_file()


def test_a_template_linked_from_outside_the_site_counts_as_missing(
        make_site: MakeSite, run: Run, tmp_path: Path) -> None:
    outside = tmp_path / "evil.html"
    outside.write_text("hunter2 {{ site.title }}", "utf-8")
    site = make_site(THEMED)
    (site / "themes/mine/templates").mkdir(parents=True)
    os.symlink(outside, site / "themes/mine/templates/base.html")
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert "themes/mine/templates/base.html: warning: is a symbolic link" in outcome.stderr
    published = b"".join(p.read_bytes() for p in (site / "output").rglob("*") if p.is_file())
    assert b"hunter2" not in published


@pytest.mark.parametrize("name", [
    "CON.md", "aux.md", "nul.txt", "com1.csv", "LPT9.pdf", "Con .md", "notes.", "notes ",
    "a<b.pdf", "a>b.pdf", "a:b.pdf", 'a"b.pdf', "a|b.pdf", "a?b.pdf", "a*b.pdf", "a\\b.pdf",
    "tab\there.pdf"])
def test_names_windows_cannot_hold_are_errors(make_site: MakeSite, run: Run, name: str) -> None:
    site = make_site({"content/days/mon.md": DAY, f"content/files/{name}": b"x"})
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert outcome.exit_code == 1
    problem = next(line for line in outcome.lines if line.startswith("content/files/"))
    shown = name.replace("\t", "\\t")  # a problem is one line: control characters escaped
    assert problem.startswith(f"content/files/{shown}: \"{shown}\" ")
    assert "Windows" in problem and "rename" in problem
    assert not (site / "output").exists()


def test_a_reserved_name_as_a_folder_is_reported_once(make_site: MakeSite, run: Run) -> None:
    site = make_site({"content/days/mon.md": DAY, "content/aux/a.pdf": b"x",
                      "content/aux/b.pdf": b"x"})
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert [line for line in outcome.lines if "aux" in line] == [
        'content/aux: "aux" is a name Windows reserves for a device (AUX), so the site could '
        "not be copied to or built on Windows; rename it", "Build failed: 1 error. Nothing "
        "was written; the output folder is as it was."][:1]


@pytest.mark.parametrize(("first", "second"), [
    ("content/pages/FAQ.md", "content/pages/faq.md"),
    ("content/Images/a.png", "content/images/b.png"),
    ("content/caf\u00e9.pdf", "content/cafe\u0301.pdf"),  # composed and decomposed é
])
def test_names_that_differ_only_in_case_are_errors(make_site: MakeSite, run: Run, first: str,
                                                   second: str) -> None:
    site = make_site({"content/days/mon.md": DAY, first: "---\ntitle: A\n---\n",
                      second: "---\ntitle: B\n---\n"})
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert outcome.exit_code == 1
    assert any("only in upper and lower case" in line for line in outcome.lines), outcome.stderr


def test_two_files_that_differ_only_in_case_are_one_error(make_site: MakeSite,
                                                          run: Run) -> None:
    """`Guide.pdf` beside `guide.pdf` was said twice, the second time as if the PDF had a
    line 1 and as if guide.pdf would be published at Guide.pdf's address."""
    site = make_site({"content/days/mon.md": DAY, "content/files/Guide.pdf": b"%PDF-1.4\n",
                      "content/files/guide.pdf": b"%PDF-1.4\n"})
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert outcome.exit_code == 1
    assert outcome.lines == [
        "content/files/guide.pdf: differs from content/files/Guide.pdf only in upper and "
        "lower case (or in how an accent is stored); Windows and macOS see one file where "
        "Linux sees two, so the site would build differently there; rename one of them",
        "Build failed: 1 error. Nothing was written; the output folder is as it was."]


@pytest.mark.parametrize("reference", [
    "../../config.toml", "../../../etc/passwd", "/etc/passwd", "C:\\Windows\\win.ini",
    "C:/Windows/win.ini", "\\\\server\\share\\x.png", "x\x00.png", "file:///etc/passwd",
    "..\\..\\config.toml"])
@pytest.mark.parametrize("field", ["photo", "image"])
def test_front_matter_paths_cannot_reach_outside_content(
        make_site: MakeSite, run: Run, reference: str,
                                                         field: str) -> None:
    quoted = '"' + reference.replace("\\", "\\\\").replace("\x00", "\\0") + '"'
    files = {"content/testimonials/t.md": f"---\ncustomer: T\n{field}: {quoted}\nalt: x\n---\n",
             "content/days/mon.md": f"---\nday: monday\ntitle: Mon\n{field}: {quoted}\n"
                                    "alt: x\n---\n"}
    site = make_site(files)
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert outcome.exit_code == 1  # a picture that is not found is an error
    assert "Traceback" not in outcome.stderr and "bug" not in outcome.stderr
    assert not (site / "output").exists()


def test_a_symlinked_photo_to_outside_is_not_read(
        make_site: MakeSite, run: Run, tmp_path: Path) -> None:
    from tests.photofactory import phone_jpeg

    (tmp_path / "outside.jpg").write_bytes(phone_jpeg(64, 48))
    site = make_site({"content/days/mon.md": DAY + "",
                      "content/honour-roll/a.md": "---\nname: A\nphoto: a.jpg\nalt: A\n---\n"})
    os.symlink(tmp_path / "outside.jpg", site / "content/honour-roll/a.jpg")
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert outcome.exit_code == 1
    assert "content/honour-roll/a.jpg: warning: is a symbolic link" in outcome.stderr


@pytest.mark.parametrize("logo", ["'../config.toml'", "'/etc/passwd'", "'C:\\x.png'",
                                  '"x\\u0000.png"', "'../../outside.png'", "'link.png'"])
def test_the_logo_stays_inside_content(
        make_site: MakeSite, run: Run, tmp_path: Path, logo: str) -> None:
    (tmp_path / "outside.png").write_bytes(b"\x89PNG")
    site = make_site({"config.toml": f'[site]\ntitle = "T"\n[week]\nyear = 2026\n'
                                     f'[brand]\nlogo = {logo}\n'})
    os.symlink(tmp_path / "outside.png", site / "content/link.png")
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert outcome.exit_code == 1
    assert outcome.lines[0].startswith("config.toml:6: ") and "logo" in outcome.lines[0], \
        outcome.stderr


@pytest.mark.parametrize("path", ["../x", "/etc/x", "a/../../x", "a/\x00/x", "", "/", "."])
def test_the_writer_refuses_paths_outside_the_output(tmp_path: Path, path: str) -> None:
    staging = Staging(tmp_path / "output")
    try:
        with pytest.raises(SiteError):
            staging.name(path)
    finally:
        staging.abort()
    assert list(tmp_path.iterdir()) == []


def test_a_file_with_a_space_in_its_name_is_linked_percent_encoded(make_site: MakeSite,
                                                                   run: Run) -> None:
    """`images/our logo.svg` was written into `src` and `href` with its space as it is:
    invalid HTML, which a validator (and a CMS that takes the pages) rejects, and an
    address that `srcset` would cut at the space."""
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"/>'
    site = make_site({
        "config.toml": '[site]\ntitle = "T"\nbase_url = "https://example.org/csw/"\n'
                       '[week]\nyear = 2026\n[brand]\nlogo = "images/our logo.svg"\n',
        "content/images/our logo.svg": svg, "content/days/hero pic.svg": svg,
        "content/files/100% plan.pdf": b"%PDF-1.4\n",
        "content/days/mon.md": "---\nday: monday\ntitle: Mon\nimage: hero pic.svg\nalt: Hero\n"
                               "---\n![Again](hero%20pic.svg) [Plan](<../files/100% plan.pdf>)\n",
        "content/testimonials/rudo.md": "---\ncustomer: Rudo M.\n---\n"
                                        "![Logo](../images/our%20logo.svg)\n"})
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    day = (out / "days/mon/index.html").read_text("utf-8")
    assert '<img class="brand__logo" src="../../images/our%20logo.svg"' in day
    assert '<link rel="icon" href="../../images/our%20logo.svg"' in day
    assert day.count('src="../../days/hero%20pic.svg"') + day.count('src="hero%20pic.svg"') \
        == 2, day
    assert 'href="../../files/100%25%20plan.pdf"' in day
    assert 'src="https://example.org/csw/images/our%20logo.svg"' in \
        (out / "feed.xml").read_text("utf-8").replace("&quot;", '"')
    assert (out / "images/our logo.svg").is_file() and (out / "files/100% plan.pdf").is_file()
    assert " logo.svg" not in (out / "index.html").read_text("utf-8")


# names people give files, each with what it holds: `#` (C# guide), `%`, `&`, `+`, `;`,
# brackets, spaces, Arabic and accented French letters
AWKWARD = ["C# guide.pdf", "100% plan.pdf", "Q&A sheet.pdf", "a+b;c.pdf", "دليل الموظف.pdf",
           "café crème.pdf", "[draft] plan (v2).pdf"]


def test_files_with_awkward_names_are_published_and_load_in_a_browser(
        make_site: MakeSite, run: Run, browser: Any) -> None:
    """`[guide](../files/C%23%20guide.pdf)` linked to `files/C# guide.pdf` as it is, and a
    browser reads everything after a `#` as a fragment: the link went to files/C, and a
    picture or logo named so did not show; written with its `#` as it is
    (`<../files/C# guide.pdf#page=2>`), the link went nowhere.  Every such file is
    published, and every link and picture to it loads."""
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"/>'
    links = " ".join(f"[{i}](<../files/{name}>)" for i, name in enumerate(AWKWARD))
    site = make_site({
        "config.toml": '[site]\ntitle = "T"\n[week]\nyear = 2026\n'
                       '[brand]\nlogo = "images/C# logo.svg"\n',
        "content/images/C# logo.svg": svg, "content/days/C# hero.svg": svg,
        "content/images/C# team.jpg": phone_jpeg(800, 600, orientation=1, location=False),
        **{f"content/files/{name}": f"%PDF-1.4 {name}\n" for name in AWKWARD},
        "content/days/mon.md": "---\nday: monday\ntitle: Mon\nimage: C# hero.svg\nalt: Hero\n"
                               f"---\n{links} [C# again](../files/C%23%20guide.pdf)\n\n"
                               "![Logo](../images/C%23%20logo.svg) "
                               "![Team](../images/C%23%20team.jpg) "
                               "[Team photo](../images/C%23%20team.jpg#top) "
                               "[Page 2](<../files/C# guide.pdf#page=2>) "
                               "[Tips](<../pages/C# tips.md#in-short>)\n",
        "content/pages/C# tips.md": "---\ntitle: C# tips\n---\n## In short\n\nTips.\n"})
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    for name in AWKWARD:
        assert (out / "files" / name).is_file(), name
    assert broken_links(out) == []
    with serving(out) as url:
        page = browser.new_page()
        page.goto(url + "days/mon/")
        hrefs = page.eval_on_selector_all("main a[href*='files/'], main a[href*='.jpg']",
                                          "links => links.map(a => a.href)")
        assert len(hrefs) == len(AWKWARD) + 3, hrefs
        assert any(h.endswith("/files/%5Bdraft%5D%20plan%20(v2).pdf") for h in hrefs), hrefs
        for href in hrefs:
            assert page.request.get(href).status == 200, href
        assert sorted(unquote(h.split("/files/")[-1]) for h in hrefs if "/files/" in h) == \
            sorted([*AWKWARD, "C# guide.pdf", "C# guide.pdf#page=2"])
        assert page.get_attribute("a:text('Tips')", "href") == "../../c-tips/#in-short"
        page.wait_for_load_state("load")
        pictures = page.eval_on_selector_all(
            "img", "images => images.map(i => [i.getAttribute('src'), i.naturalWidth])")
        assert len(pictures) == 4, pictures  # the logo, the day's picture, the body's two
        assert all(width > 0 for _, width in pictures), pictures
        page.close()
