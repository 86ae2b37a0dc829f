"""Photos and share images, checked as a visitor's browser and a link preview get them.

Sites are written from short strings with phone-like JPEGs made by `tests.photofactory`
(4000×3000, stored sideways with EXIF orientation 6, carrying a GPS position) and built
through the real command line with the classic theme.
"""

from __future__ import annotations

import email
import email.policy
import io
import re
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageStat

from cswgen.model import cards, decoder, images, textlines
from tests.helpers import (
    AS_OF,
    MINIMAL_CONFIG,
    REPO,
    Files,
    MakeSite,
    Outcome,
    Run,
    files_in,
    find_line,
    serving,
)
from tests.photofactory import hard_texture, phone_jpeg, portrait

ARTIFACTS = REPO / "test-artifacts"
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")

PERSON = """\
---
name: Sam Okafor
award: Team Spirit Award
citation: For keeping the Harbour Road branch calm through the busiest month of the year.
photo: sam.jpg
alt: Sam Okafor at the counter
---
Sam kept every queue moving.
"""


@pytest.fixture(scope="module")
def phone_photo() -> bytes:
    return phone_jpeg(4000, 3000, seed=7, orientation=6, location=True)

Build = Callable[..., tuple[Path, Outcome]]  # (files, command-line arguments)


@pytest.fixture
def build(make_site: MakeSite, run: Run) -> Build:
    """Write a site and build it: the site's folder and what the build said."""

    def go(files: Files, *args: str) -> tuple[Path, Outcome]:
        site = make_site(files)
        return site, run(site, "build", *(args or AS_OF))

    return go


def carries_metadata(path: Path) -> bool:
    data = path.read_bytes()
    with Image.open(path) as image:
        exif = image.getexif()
        return bool(len(exif) or exif.get_ifd(0x8825) or "exif" in image.info
                    or "xmp" in image.info or b"Exif\x00\x00" in data)


# --- photos ---------------------------------------------------------------------------


def test_phone_photo_becomes_small_upright_copies_without_metadata(
        build: Build, phone_photo: bytes) -> None:
    site, outcome = build({"content/honour-roll/sam-okafor.md": PERSON,
                           "content/honour-roll/sam.jpg": phone_photo})
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    copies = sorted(p for p in files_in(out) if re.fullmatch(r"honour-roll/sam-\d+w\.\w+", p))
    assert [c for c in copies if c.endswith(".webp")] == [
        f"honour-roll/sam-{w}w.webp" for w in (1280, 160, 320, 640)]
    assert len(copies) == 8  # each width as WebP and as JPEG
    assert "honour-roll/sam.jpg" not in files_in(out)  # the original, with its GPS position
    upright = portrait(3000, 4000, seed=7).resize((320, 427))
    for name in copies:
        path = out / name
        assert path.stat().st_size <= 200_000, name
        assert not carries_metadata(path), name
        with Image.open(path) as copy:
            assert copy.height > copy.width, f"{name} is not upright"
            if copy.width == 320:
                difference = ImageChops.difference(copy.convert("RGB"), upright)
                assert max(ImageStat.Stat(difference).mean) < 12, f"{name} is not upright"
    page = (out / "honour-roll/sam-okafor/index.html").read_text("utf-8")
    assert '<source type="image/webp" srcset="../../honour-roll/sam-160w.webp 160w' in page
    assert 'src="../../honour-roll/sam-1280w.jpg"' in page
    assert 'width="1280" height="1707"' in page
    roll = (out / "honour-roll/index.html").read_text("utf-8")
    assert re.search(r'<img class="avatar[^>]*loading="lazy"', roll)


def test_a_folder_named_like_a_copy_of_a_photo_keeps_its_files(
        build: Build, phone_photo: bytes) -> None:
    """A folder `sam-160w.jpg/` (a download unzipped under the name of its zip, say) stood
    where the 160-pixel copy of sam.jpg goes: the writer stopped "because of a bug", and
    left output/ so that every later build did too."""
    site, outcome = build({"content/honour-roll/sam-okafor.md": PERSON,
                           "content/honour-roll/sam.jpg": phone_photo,
                           "content/honour-roll/sam-160w.jpg/citation.pdf": b"%PDF-1.4"})
    assert outcome.exit_code == 0, outcome.stderr
    found = files_in(site / "output")
    assert "honour-roll/sam-160w.jpg/citation.pdf" in found
    assert {"honour-roll/sam-2-160w.jpg", "honour-roll/sam-2-160w.webp"} <= found


def test_unreadable_pictures_are_errors_naming_the_file_line_and_key(
        build: Build, phone_photo: bytes) -> None:
    site, outcome = build({
        "content/honour-roll/sam-okafor.md": PERSON,
        "content/honour-roll/sam.jpg": phone_photo[: len(phone_photo) // 3],
        "content/testimonials/ana.md": "---\ncustomer: Ana\nphoto: ../images/ana.jpg\n"
                                       "alt: Ana\n---\nQuick and kind.\n",
        "content/images/ana.jpg": "This is a text file that someone named .jpg\n",
    })
    assert outcome.exit_code == 1
    assert not (site / "output").exists()
    assert len(outcome.lines) == 3  # two errors, then the summary
    assert outcome.lines[0].startswith(
        "content/honour-roll/sam-okafor.md:5: `photo` names honour-roll/sam.jpg, which is "
        "damaged or incomplete (")
    assert outcome.lines[0].endswith("); copy it again from where it came from, or open and "
                                     "save it again in a photo editor")
    assert outcome.lines[1] == (
        "content/testimonials/ana.md:3: `photo` names images/ana.jpg, which is not a picture "
        "cswgen can read; save it as JPEG or PNG")
    assert "Traceback" not in outcome.stderr


def test_an_empty_picture_file_is_an_error_saying_its_copy_did_not_finish(
        build: Build) -> None:
    """A photo or logo of 0 bytes (a copy or download that did not finish, a sync that
    left a stub) was "not a picture cswgen can read; save it as JPEG or PNG", about a file
    already named .jpg, with advice about iPhones."""
    config = MINIMAL_CONFIG + '\n[brand]\nlogo = "images/logo.png"\n'
    _, outcome = build({"config.toml": config, "content/images/logo.png": b"",
                        "content/honour-roll/sam-okafor.md": PERSON,
                        "content/honour-roll/sam.jpg": b""})
    assert outcome.exit_code == 1
    why = ("is empty (0 bytes): the copy or download that made it did not finish; copy it "
           "again from where it came from")
    line = config.splitlines().index('logo = "images/logo.png"') + 1
    assert sorted(outcome.lines[:2]) == [
        f"config.toml:{line}: [brand] logo images/logo.png {why}",
        f"content/honour-roll/sam-okafor.md:5: `photo` names honour-roll/sam.jpg, which {why}"]
    assert "Traceback" not in outcome.stderr


def test_a_picture_too_large_to_decode_safely_is_an_error(
        build: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)
    big = io.BytesIO()
    Image.new("RGB", (2400, 1600), "#336699").save(big, "PNG")
    _, outcome = build({"content/days/monday.md": "---\ntitle: Monday\nday: monday\n"
                                                  "image: wall.png\nalt: A wall\n---\n",
                        "content/days/wall.png": big.getvalue()})
    assert outcome.exit_code == 1
    assert outcome.lines[0] == (
        "content/days/monday.md:4: `image` names days/wall.png, which is too large to open "
        "safely (more than 1 million pixels); save a smaller copy, for example 4000 pixels "
        "wide")


def test_copies_are_cached_and_a_rebuild_decodes_nothing(
        build: Build, run: Run, phone_photo: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    site, outcome = build({"content/honour-roll/sam-okafor.md": PERSON,
                           "content/honour-roll/sam.jpg": phone_photo})
    assert outcome.exit_code == 0, outcome.stderr
    cached = sorted((site / ".cswgen-cache/images").rglob("*.webp"))
    assert len(cached) == 4
    before = {p: p.stat().st_mtime_ns for p in cached}
    first = {p: (site / "output" / p).read_bytes() for p in files_in(site / "output")}

    def must_not_decode(*args: object, **kwargs: object) -> list[images.Rendition]:
        raise AssertionError("a cached photo was decoded again")

    monkeypatch.setattr(images, "render_photo", must_not_decode)
    again = run(site, "build", *AS_OF)
    assert again.exit_code == 0, again.stderr
    assert {p: p.stat().st_mtime_ns for p in cached} == before
    assert {p: (site / "output" / p).read_bytes() for p in files_in(site / "output")} == first

    shutil.rmtree(site / ".cswgen-cache")  # safe to delete: the next build makes it again
    monkeypatch.undo()
    assert run(site, "build", *AS_OF).exit_code == 0
    assert len(list((site / ".cswgen-cache/images").rglob("*.webp"))) == 4


def test_a_photo_saved_with_a_gain_map_is_decoded_at_reduced_size(
        build: Build, phone_photo: bytes) -> None:
    """Android's Ultra HDR photos and Samsung's are MPO files: a JPEG with a second picture
    (the gain map) after it.  Like any JPEG, the photo is decoded at the smallest scale its
    largest copy needs, not at 4000×3000, and its copies are upright and without GPS."""
    with Image.open(io.BytesIO(phone_photo)) as phone:
        exif = phone.getexif()
        mpo = io.BytesIO()
        phone.save(mpo, "MPO", exif=exif, save_all=True,
                   append_images=[phone.resize((1000, 750)).convert("L").convert("RGB")])
    with Image.open(io.BytesIO(mpo.getvalue())) as opened:
        assert (opened.format, opened.size) == ("MPO", (4000, 3000))
        assert decoder._draft(opened, 640) == (opened.size[1], opened.size[0])
        assert max(opened.size) <= 2000  # (decoded at a half or less: the draft's scale)
    site, outcome = build({"content/honour-roll/sam-okafor.md": PERSON,
                           "content/honour-roll/sam.jpg": mpo.getvalue()})
    assert outcome.exit_code == 0, outcome.stderr
    copies = sorted(p for p in files_in(site / "output")
                    if p.startswith("honour-roll/sam") and p.endswith(PHOTO_SUFFIXES))
    assert copies
    for name in copies:
        with Image.open(site / "output" / name) as copy:
            assert copy.height > copy.width  # upright: the phone was held upright
            assert not copy.getexif().get_ifd(0x8825)


def test_body_pictures_become_picture_elements_and_a_linked_original_is_published(
        build: Build, phone_photo: bytes) -> None:
    site, outcome = build({
        "content/pages/team.md": "---\ntitle: Our team\n---\nThe team:\n\n"
                                 "![The branch team](../images/team.jpg){.wide}\n\n"
                                 "[Download the full-size photo](../images/team.jpg)\n\n"
                                 "![Our office](../images/office.jpg)\n",
        "content/images/team.jpg": phone_photo,
        "content/images/office.jpg": phone_jpeg(1000, 750, seed=3, orientation=1),
        "content/images/unused.jpg": phone_jpeg(200, 150, seed=4, orientation=1),
    })
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == [  # (a phone photo, published as it is: GPS and all)
        "content/images/unused.jpg: warning: is a photo that no page shows, so it is "
        "published as it is, and it records where it was taken (GPS); move it out of "
        "content/ if it is not for the site, or show it in a page (as ![description](...)), "
        "which publishes copies without the location",
        "content/pages/team.md:6: warning: the link to images/team.jpg publishes the original "
        "photo, which records where it was taken (GPS); show it with ![description](...) "
        "instead, or link to a copy saved without location"]
    out = site / "output"
    page = (out / "team/index.html").read_text("utf-8")
    assert ('<picture><source type="image/webp" srcset="../images/team-160w.webp 160w, '
            '../images/team-320w.webp 320w, ../images/team-640w.webp 640w, '
            '../images/team-1280w.webp 1280w"') in page
    assert re.search(r'<img src="../images/team-1280w.jpg" srcset="[^"]+" sizes="[^"]+" '
                     r'alt="The branch team" class="wide" width="1280" height="1707" '
                     r'loading="lazy" decoding="async">', page), page
    assert 'href="../images/team.jpg"' in page
    files = files_in(out)
    assert "images/team.jpg" in files  # linked: published as it is
    assert "images/office.jpg" not in files  # shown, not linked: only its copies
    assert "images/office-1000w.jpg" in files  # never enlarged to 1280
    assert "images/office-1280w.jpg" not in files
    assert "images/unused.jpg" in files  # no page shows it: an ordinary content file


@pytest.mark.parametrize("location", [True, False])
def test_a_logo_that_records_where_it_was_taken_is_a_warning(build: Build,
                                                             location: bool) -> None:
    # (the logo is published as it is, as every content file is: a logo taken from a phone
    # photo of the sign outside the branch tells every visitor where that was)
    config = MINIMAL_CONFIG + '\n[brand]\nlogo = "images/logo.jpg"\n'
    _, outcome = build({"config.toml": config, "content/images/logo.jpg":
                       phone_jpeg(400, 300, seed=5, orientation=1, location=location)})
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == ([
        "config.toml:10: warning: [brand] logo images/logo.jpg records where it was taken "
        "(GPS), and the file is published as it is, as every file in content/ is; save a "
        "copy without the location (an image editor's \"Export\" leaves it out) and give "
        "that file's path"] if location else [])


def test_photos_of_drafts_and_unrevealed_days_are_not_published(
        build: Build, phone_photo: bytes) -> None:
    small = phone_jpeg(800, 600, seed=2, orientation=1)
    site, outcome = build({
        "config.toml": "[site]\ntitle = \"T\"\n[week]\nyear = 2026\nreveal = \"daily\"\n",
        "content/honour-roll/sam-okafor.md": "---\ndraft: true\n" + PERSON.removeprefix("---\n"),
        "content/honour-roll/sam.jpg": small,
        "content/days/friday.md": "---\ntitle: Awards\nday: friday\nimage: stage.jpg\n"
                                  "alt: The stage\n---\n![Prizes](prizes.jpg)\n",
        "content/days/stage.jpg": small,
        "content/days/prizes.jpg": small,
    })
    assert outcome.exit_code == 0, outcome.stderr
    files = files_in(site / "output")
    assert not [f for f in files if f.endswith(PHOTO_SUFFIXES)], files


def test_pictures_shown_as_they_are_wait_for_their_surprise_day(
        make_site: MakeSite, run: Run) -> None:
    """An SVG (or AVIF) is published as it is, not as copies, so it was online at its
    address before its day came: the surprise given away by its picture.  So was a file
    only that day links to (Friday's quiz).  Each waits for its day as a photo's copies
    do, unless a page already published shows or links to it; the brand logo always
    goes."""
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><text>Gala</text></svg>'
    site = make_site({
        "config.toml": "[site]\ntitle = \"T\"\n[week]\nyear = 2026\nreveal = \"daily\"\n"
                       "[brand]\nlogo = \"images/logo.svg\"\n",
        "content/days/monday.md": "---\ntitle: Start\nday: monday\n---\n"
                                  "[The trophy](../images/trophy.svg)\n",
        "content/days/friday.md": "---\ntitle: Awards\nday: friday\nimage: gala.svg\n"
                                  "alt: The gala\n---\n![Menu](menu.svg) ![Cup](../images/"
                                  "trophy.svg) ![Logo](../images/logo.svg)\n\n"
                                  "[The quiz](quiz.pdf), [the rules](../files/rules.pdf)\n",
        "content/pages/rules.md": "---\ntitle: Rules\n---\n[Rules](../files/rules.pdf)\n",
        "content/days/quiz.pdf": b"%PDF-1.4 quiz", "content/files/rules.pdf": b"%PDF-1.4 r",
        "content/days/gala.svg": svg, "content/days/menu.svg": svg,
        "content/images/trophy.svg": svg, "content/images/logo.svg": svg,
        "content/images/other.svg": svg})
    assert run(site, "build", *AS_OF).exit_code == 0
    files = files_in(site / "output")
    assert "days/gala.svg" not in files and "days/menu.svg" not in files, files
    assert "days/quiz.pdf" not in files, files
    assert {"images/trophy.svg", "images/logo.svg", "images/other.svg",
            "files/rules.pdf"} <= set(files)
    assert run(site, "build", "--as-of", "2026-10-09").exit_code == 0
    assert {"days/gala.svg", "days/menu.svg", "days/quiz.pdf"} <= set(
        files_in(site / "output"))


@pytest.mark.parametrize("written", ["C%23%20team.jpg", "<C# team.jpg>", "C# team.jpg"])
def test_a_link_to_a_photo_with_its_location_is_warned_about_at_its_line(
        build: Build, written: str) -> None:
    """The warning named the body's first line when the link wrote the file's name
    percent-encoded other than a space (`C%23%20team.jpg`)."""
    _, outcome = build({
        "content/pages/team.md": "---\ntitle: Team\n---\nHello.\n\nMore.\n\n"
                                 f"[Full size]({written})\n",
        "content/pages/C# team.jpg": phone_jpeg(400, 300, seed=2, orientation=1)})
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == [
        "content/pages/team.md:8: warning: the link to pages/C# team.jpg publishes the "
        "original photo, which records where it was taken (GPS); show it with "
        "![description](...) instead, or link to a copy saved without location"]


def test_a_link_to_a_photo_macos_stored_decomposed_is_warned_about_at_its_line(
        build: Build) -> None:
    """A photo whose name macOS stored decomposed (`e` and a combining accent), linked as
    it is typed (composed `é`): the warning named the body's first line, not the link's."""
    stored = unicodedata.normalize("NFD", "content/pages/Équipe été.jpg")
    _, outcome = build({
        "content/pages/team.md": "---\ntitle: Team\n---\nHello.\n\nMore.\n\n"
                                 "[Full size](<Équipe été.jpg>)\n",
        stored: phone_jpeg(400, 300, seed=2, orientation=1)})
    assert outcome.exit_code == 0, outcome.stderr
    assert len(outcome.lines) == 1 and outcome.lines[0].startswith(
        "content/pages/team.md:8: warning: the link to pages/"), outcome.lines


def _avif(*, location: bool) -> bytes:
    """A phone photo saved as AVIF, with its EXIF (and so its GPS position) kept."""
    with Image.open(io.BytesIO(phone_jpeg(400, 300, seed=2, orientation=1,
                                          location=location))) as photo:
        buffer = io.BytesIO()
        photo.save(buffer, "AVIF", exif=photo.getexif().tobytes())
    return buffer.getvalue()


@pytest.mark.skipif(not decoder.reads("x.avif"), reason="this Pillow does not read AVIF")
def test_an_avif_photo_that_records_where_it_was_taken_is_a_warning(build: Build) -> None:
    """An AVIF is published as it is (no copies are made of it), shown, linked to or
    neither, and its location was never looked for, as a JPEG's is: a phone's AVIF
    told every visitor where it was taken, without a word.  Each one that records it is
    now a warning naming the file; one without a location is not."""
    _, outcome = build({
        "content/pages/team.md": "---\ntitle: Team\nimage: shown.avif\nalt: Team\n---\n"
                                 "Hello.\n\n[Full size](<linked one.avif>)\n\n"
                                 "![Clean](clean.avif)\n",
        "content/pages/shown.avif": _avif(location=True),
        "content/pages/linked one.avif": _avif(location=True),
        "content/pages/unshown.avif": _avif(location=True),
        "content/pages/clean.avif": _avif(location=False)})
    assert outcome.exit_code == 0, outcome.stderr
    fix = ("save it again without the location (most photo editors have \"remove location\" "
           "when exporting), or as JPEG, which cswgen publishes as copies without it")
    assert sorted(outcome.lines) == [
        "content/pages/shown.avif: warning: is an AVIF photo that a page shows; cswgen "
        "publishes AVIF files as they are, and this one records where it was taken (GPS); "
        + fix,
        "content/pages/team.md:8: warning: the link to pages/linked one.avif publishes the "
        f"photo as it is, and it records where it was taken (GPS); {fix}",
        "content/pages/unshown.avif: warning: is an AVIF photo that no page shows; cswgen "
        "publishes AVIF files as they are, and this one records where it was taken (GPS); "
        + fix]


@pytest.mark.parametrize("written", ["<team photo.jpg>", "team%20photo.jpg#centre",
                                     "<team photo.jpg> \"The team\""])
def test_a_draft_s_picture_with_a_space_or_fragment_is_not_published_as_it_is(
        build: Build, written: str) -> None:
    """A draft's pictures stay unpublished until it is; one written in angle brackets
    with a space in its name (as Markdown asks) was not seen as shown, so the original
    phone photo, with where it was taken, was published as it is."""
    site, outcome = build({
        "content/days/monday.md": "---\ntitle: Mon\nday: monday\n---\nHello.\n",
        "content/days/tuesday.md": "---\ntitle: Tue\nday: tuesday\ndraft: true\n---\n"
                                   f"![The team]({written})\n",
        "content/days/team photo.jpg": phone_jpeg(800, 600, seed=2, orientation=1)})
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == []
    files = files_in(site / "output")
    assert not [f for f in files if f.endswith(PHOTO_SUFFIXES)], files


def test_transparency_keeps_a_png_fallback(build: Build) -> None:
    logo = Image.new("RGBA", (600, 300), (0, 0, 0, 0))
    logo.paste((200, 16, 46, 255), (100, 50, 500, 250))
    opaque = Image.new("RGBA", (600, 300), (11, 61, 145, 255))
    files: dict[str, str | bytes] = {"content/pages/p.md": "---\ntitle: P\n---\n"
                                     "![Badge](badge.png) ![Flat](flat.png)\n"}
    for name, picture in (("badge", logo), ("flat", opaque)):
        buffer = io.BytesIO()
        picture.save(buffer, "PNG")
        files[f"content/pages/{name}.png"] = buffer.getvalue()
    site, outcome = build(files)
    assert outcome.exit_code == 0, outcome.stderr
    found = files_in(site / "output")
    assert {"pages/badge-600w.png", "pages/badge-600w.webp", "pages/flat-600w.jpg"} <= found
    with Image.open(site / "output/pages/badge-600w.png") as copy:
        pixel = copy.convert("RGBA").getpixel((0, 0))
        assert isinstance(pixel, tuple) and pixel[3] == 0


def test_a_see_through_photo_over_its_budget_keeps_its_opaque_pixels_opaque(
        build: Build) -> None:
    """A cut-out portrait (a photo on a see-through background, as a designer exports it)
    whose full-colour PNG copies are over 200 KB is cut to 256 colours; its opaque pixels
    came out 1-4% see-through (the page's colour showed through the face), because the
    colours' alpha was averaged with the soft edge's."""
    cutout = Image.new("RGBA", (1280, 900), (0, 0, 0, 0))
    mask = Image.new("L", (1000, 800), 0)
    ImageDraw.Draw(mask).ellipse((0, 0, 999, 799), fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(12))  # a soft edge: every alpha 1-254
    cutout.paste(portrait(1000, 800, seed=3), (140, 50), mask)
    site, outcome = build({"content/pages/p.md": "---\ntitle: P\n---\n![Sam](sam.png)\n",
                           "content/pages/sam.png": _png(cutout)})
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output/pages"
    fallbacks = sorted(out.glob("sam-*w.png"))
    assert fallbacks
    cut = 0
    for path in fallbacks:
        with Image.open(path) as copy:
            copy.load()
            cut += copy.mode == "P"  # (the 256-colour copy this is about)
            alpha = copy.convert("RGBA").getchannel("A")
        assert path.stat().st_size <= 200_000, path.name
        source = cutout.getchannel("A").resize(alpha.size, Image.Resampling.LANCZOS)
        # (a pixel or two in from the edge: resampling may have blurred the edge itself)
        opaque = source.point(lambda a: 255 if a == 255 else 0).filter(ImageFilter.MinFilter(5))
        clear = source.point(lambda a: 255 if a == 0 else 0).filter(ImageFilter.MinFilter(5))
        # every pixel that was opaque is opaque, every clear one clear
        assert ImageChops.multiply(ImageChops.invert(alpha), opaque).getbbox() is None, \
            f"{path.name}: opaque pixels came out see-through"
        assert ImageChops.multiply(alpha, clear).getbbox() is None, path.name
        # and the soft edge stays soft, close to its own alpha
        edge = ImageChops.difference(alpha, source)
        assert ImageStat.Stat(edge).mean[0] < 2, path.name
        assert ImageStat.Stat(alpha.point(lambda a: 255 if 0 < a < 255 else 0)).mean[0] > 0
    assert cut, "no copy was cut to 256 colours: the test tests nothing"


def test_a_16_bit_greyscale_photo_keeps_its_greys(build: Build) -> None:
    """A black-and-white portrait exported as a 16-bit PNG (Lightroom, a scanner) was
    published as a white rectangle: its levels (0-65535) were cut at 255."""
    grey = Image.new("I;16", (800, 600), 30000)  # 30000 of 65535: a mid grey
    grey.paste(Image.new("I;16", (400, 600), 5000), (0, 0))  # a dark left half
    buffer = io.BytesIO()
    grey.save(buffer, "PNG")
    site, outcome = build({"content/pages/p.md": "---\ntitle: P\n---\n![Portrait](bw.png)\n",
                           "content/pages/bw.png": buffer.getvalue()})
    assert outcome.exit_code == 0, outcome.stderr
    for name in ("bw-640w.jpg", "bw-640w.webp", "bw-800w.jpg"):
        with Image.open(site / "output/pages" / name) as copy:
            dark, light = copy.convert("L").getpixel((50, 300)), copy.convert("L").getpixel(
                (copy.width - 50, 300))
            assert isinstance(dark, int) and isinstance(light, int)
            assert abs(dark - 5000 // 257) <= 3 and abs(light - 30000 // 257) <= 3, (
                name, dark, light)


def test_the_lobby_screen_shows_honour_roll_photos_sharp_on_a_4k_tv(
        build: Build, phone_photo: bytes) -> None:
    """The screen's round photos (`.slide__photo`: 7rem, where 1rem is 3.2% of the
    screen's shorter side) are 242 CSS pixels on a 1920×1080 screen and 484 pixels on a
    4K one, filled edge to edge (`object-fit: cover`); they were drawn from the 320-pixel
    copy, 320×240 for a landscape photo: soft on any TV.  Each is now the smallest copy
    whose shorter side covers 484 pixels (or the largest there is)."""
    landscape = phone_jpeg(4000, 3000, seed=5, orientation=1, location=False)
    bo = PERSON.replace("Sam Okafor", "Bo Li").replace("sam.jpg", "bo.jpg")
    site, outcome = build({"content/honour-roll/sam-okafor.md": PERSON,
                           "content/honour-roll/sam.jpg": phone_photo,  # portrait
                           "content/honour-roll/bo-li.md": bo,
                           "content/honour-roll/bo.jpg": landscape})
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    page = (out / "screen/index.html").read_text("utf-8")
    shown = re.findall(r'<img class="slide__photo" src="([^"]+)"', page)
    assert len(shown) == 2, shown
    sizes = {}
    for src in shown:
        with Image.open((out / "screen" / src).resolve()) as copy:
            sizes[src.rsplit("/", 1)[1]] = copy.size
    assert sizes == {"sam-640w.jpg": (640, 853), "bo-1280w.jpg": (1280, 960)}, sizes


# --- the logo -------------------------------------------------------------------------

LOGO_CONFIG = MINIMAL_CONFIG + '\n[brand]\nlogo = "images/logo.png"\n'
DAY = "---\ntitle: Superhero Monday\nday: monday\n---\nCapes on.\n"
HONOUR = "---\nname: Sam Okafor\n---\nSam kept every queue moving.\n"


def big_logo() -> bytes:
    """A 4000×2000 PNG logo as a brand pack's "print" file is: a transparent background
    around a detailed mark, hundreds of kilobytes."""
    picture = Image.new("RGBA", (4000, 2000), (0, 0, 0, 0))
    picture.paste(hard_texture(3000, 1600, seed=3, mode="RGBA").convert("RGB"), (500, 200))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def _logo_images(page: str, kind: str = "") -> list[dict[str, str]]:
    """The logos a page shows (only those of class `kind`, when given: `screen__logo`)."""
    return [dict(re.findall(r'([a-z-]+)="([^"]*)"', tag)) for tag in
            re.findall(rf"<img\b[^>]*class=\"[^\"]*{kind or 'logo'}[^\"]*\"[^>]*>", page)]


def test_a_big_raster_logo_is_shown_as_small_copies(build: Build) -> None:
    """A logo straight from the brand pack (or a phone) was shown as it is on every page:
    the same 4000-pixel file on every visit, for a box 3rem high.  The pages show copies
    at the header's size and twice it, in its own shape and with its transparency; the
    file itself is still published where it is."""
    original = big_logo()
    site, outcome = build({"config.toml": LOGO_CONFIG, "content/images/logo.png": original,
                           "content/days/monday.md": DAY,
                           "content/honour-roll/sam-okafor.md": HONOUR})
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    assert (out / "images/logo.png").read_bytes() == original  # content is copied as it is
    pages = ["index.html", "days/monday/index.html", "screen/index.html",
             "honour-roll/sam-okafor/certificate/index.html", "programme/index.html",
             "days/monday/poster/index.html"]
    heights = {"brand__logo": 96, "screen__logo": 168, "certificate__logo": 168,
               "sheet__logo": 120}  # (each box's copy: see the next test)
    for name in pages:
        page = (out / name).read_text("utf-8")
        logos = _logo_images(page)
        assert logos, name
        for logo in logos:
            shown = ((out / name).parent / logo["src"]).resolve()
            height = heights[logo["class"].split()[0]]
            assert logo["src"].endswith(f"-{height}h.png") and shown.is_file(), (name, logo)
            assert shown.stat().st_size < len(original) / 10, (name, logo)
            assert (logo["width"], logo["height"]) == ("96", "48"), (name, logo)  # 2:1
        icon = re.search(r'<link rel="icon" href="([^"]*)"', page)
        assert icon is None or icon[1].endswith("-96h.png"), name
    header = _logo_images((out / "index.html").read_text("utf-8"))[0]
    assert header["srcset"] == "images/logo-48h.png 1x, images/logo-96h.png 2x"
    for name, size in (("images/logo-48h.png", (96, 48)), ("images/logo-96h.png", (192, 96)),
                       ("images/logo-120h.png", (240, 120)),
                       ("images/logo-168h.png", (336, 168))):
        with Image.open(out / name) as copy:
            assert (copy.format, copy.size) == ("PNG", size)
            corner = copy.convert("RGBA").getpixel((0, 0))
            middle = copy.convert("RGBA").getpixel((size[0] // 2, size[1] // 2))
            assert isinstance(corner, tuple) and isinstance(middle, tuple)
            assert (corner[3], middle[3]) == (0, 255)  # transparent around, opaque within


def test_a_phone_photo_logo_is_shown_upright_as_small_jpegs(build: Build) -> None:
    config = MINIMAL_CONFIG + '\n[brand]\nlogo = "images/sign.JPG"\n'
    site, outcome = build({"config.toml": config, "content/images/sign.JPG":
                           phone_jpeg(4032, 3024, seed=4, orientation=6, location=False)})
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    logo = _logo_images((out / "index.html").read_text("utf-8"))[0]
    # upright, it is 3024 wide and 4032 high: 48 high at the header's size
    assert (logo["src"], logo["width"], logo["height"]) == ("images/sign-96h.jpg", "36", "48")
    for name in ("images/sign-48h.jpg", "images/sign-96h.jpg"):
        with Image.open(out / name) as copy:
            assert copy.format == "JPEG" and copy.height in (48, 96)
        assert not carries_metadata(out / name)


def test_a_small_logo_is_not_enlarged(build: Build) -> None:
    small = io.BytesIO()
    Image.new("RGBA", (60, 30), (200, 16, 46, 255)).save(small, "PNG")
    site, outcome = build({"config.toml": LOGO_CONFIG,
                           "content/images/logo.png": small.getvalue()})
    assert outcome.exit_code == 0, outcome.stderr
    logo = _logo_images((site / "output/index.html").read_text("utf-8"))[0]
    assert (logo["src"], logo["width"], logo["height"]) == ("images/logo-30h.png", "60", "30")
    assert "srcset" not in logo


def test_the_lobby_screen_and_print_get_a_logo_sized_for_them(build: Build) -> None:
    """The lobby screen (a TV, often 4K) and the printed certificates, posters and
    programme showed the header's 96-pixel copy, soft at their sizes.  Each gets a copy
    for the box it shows the logo in (the screen's at twice its CSS size on a 1920×1080
    screen, as sharp on a 4K one; paper's at three times, a printer's 300 dots an inch),
    never enlarged beyond the file itself; an SVG stays the SVG."""
    small = io.BytesIO()
    Image.new("RGBA", (300, 150), (200, 16, 46, 255)).save(small, "PNG")
    pages = ("screen/index.html", "honour-roll/sam-okafor/certificate/index.html",
             "programme/index.html", "days/monday/poster/index.html")
    site_files = {"config.toml": LOGO_CONFIG, "content/days/monday.md": DAY,
                  "content/honour-roll/sam-okafor.md": HONOUR}
    site, outcome = build({**site_files, "content/images/logo.png": small.getvalue()})
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    kinds = ("screen__logo", "certificate__logo", "sheet__logo", "sheet__logo")
    shown = {name: _logo_images((out / name).read_text("utf-8"), kind)[0]["src"]
             for name, kind in zip(pages, kinds, strict=True)}
    # 300×150: at most 150 high, its own size, never enlarged; the sheets' box is 120 high
    assert [src.rsplit("/", 1)[1] for src in shown.values()] == [
        "logo-150h.png", "logo-150h.png", "logo-120h.png", "logo-120h.png"], shown
    with Image.open(out / "images/logo-150h.png") as copy:
        assert copy.size == (300, 150)

    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100">'
           '<rect width="200" height="100" fill="#c8102e"/></svg>')
    config = LOGO_CONFIG.replace("logo.png", "logo.svg")
    site, outcome = build({**site_files, "config.toml": config,
                           "content/images/logo.svg": svg})
    assert outcome.exit_code == 0, outcome.stderr
    for name, kind in zip(pages, kinds, strict=True):
        src = _logo_images((site / "output" / name).read_text("utf-8"), kind)[0]["src"]
        assert src.endswith("images/logo.svg"), (name, src)


@pytest.mark.parametrize("mode", ["RGB", "L"])
def test_a_png_with_one_see_through_colour_stays_see_through(build: Build, mode: str) -> None:
    """optipng and other optimisers save a logo whose pixels are all opaque or all clear as
    an RGB (or grey) PNG that names one colour see-through; its copies were drawn with
    that colour, a green or white box, on the pages, in the email and on share images."""
    clear, ink = ((0, 255, 0), (200, 16, 46)) if mode == "RGB" else (255, 90)
    picture = Image.new(mode, (800, 400), clear)
    picture.paste(ink, (200, 100, 600, 300))
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", transparency=clear)
    site, outcome = build({"config.toml": LOGO_CONFIG, "content/images/logo.png":
                           buffer.getvalue(), "content/pages/p.md":
                           "---\ntitle: P\n---\n![Badge](../images/logo.png)\n"})
    assert outcome.exit_code == 0, outcome.stderr
    for name in ("images/logo-48h.png", "images/logo-96h.png", "images/logo-800w.png"):
        with Image.open(site / "output" / name) as copy:
            rgba = copy.convert("RGBA")
            corner, middle = rgba.getpixel((0, 0)), rgba.getpixel((copy.width // 2,
                                                                   copy.height // 2))
            assert isinstance(corner, tuple) and isinstance(middle, tuple)
            assert (corner[3], middle[3]) == (0, 255), name


GREEN = (0, 150, 70)


def _logo_file(kind: str) -> bytes:
    """A green 600×300 mark on a see-through background, as a brand pack's GIF (animated:
    the first frame is the logo), favicon-style ICO, or AVIF."""
    picture = Image.new("RGBA", (600, 300), (0, 0, 0, 0))
    picture.paste((*GREEN, 255), (60, 30, 540, 270))
    buffer = io.BytesIO()
    if kind == "gif":
        blink = Image.new("RGBA", (600, 300), (255, 255, 255, 255))
        picture.save(buffer, "GIF", save_all=True, append_images=[blink], duration=500,
                     loop=0)
    elif kind == "ico":
        picture.crop((0, 0, 300, 300)).save(buffer, "ICO", sizes=[(256, 256), (32, 32)])
    else:
        picture.save(buffer, "AVIF", quality=90)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["gif", "ico", "avif"])
def test_a_gif_ico_or_avif_logo_is_on_the_pages_the_share_images_and_the_email(
        build: Build, run: Run, kind: str) -> None:
    """config.toml accepts a GIF, ICO or AVIF logo (every browser shows them), and the
    pages showed it; but the share images drew the puzzle-piece emblem and the email had
    no logo, without a word.  Pillow reads all three, as it reads a PNG."""
    config = SHARE_CONFIG + f'logo = "images/logo.{kind}"\n'
    site, outcome = build({"config.toml": config, f"content/images/logo.{kind}":
                           _logo_file(kind), "content/days/monday.md": DAY})
    assert outcome.exit_code == 0, outcome.stderr
    assert "warning" not in outcome.stderr, outcome.stderr
    out = site / "output"
    header = _logo_images((out / "index.html").read_text("utf-8"))[0]
    assert header["src"].endswith("h.png"), header  # a copy, as any raster logo's

    def green(picture: Image.Image) -> int:
        colours = cast(list[tuple[int, tuple[int, int, int]]],
                       picture.convert("RGB").getcolors(1_000_000) or [])
        return sum(n for n, c in colours
                   if max(abs(a - b) for a, b in zip(c, GREEN, strict=True)) < 24)

    with Image.open(out / "days/monday/share.png") as card:
        assert green(card.crop((64, 64, 400, 176))) > 2000, "the card shows no logo"
    mailed = run(site, "email", "monday", "--as-of", "2026-10-05")
    assert mailed.exit_code == 0, mailed.stderr
    assert "warning" not in mailed.stderr, mailed.stderr
    draft = email.message_from_bytes((site / "email/2026-10-05-monday.eml").read_bytes(),
                                     policy=email.policy.default)
    logo = next((p for p in draft.walk() if p.get_filename() == "logo.png"), None)
    assert logo is not None, "the email has no logo"
    with Image.open(io.BytesIO(cast(bytes, logo.get_payload(decode=True)))) as picture:
        assert picture.height == 80 and green(picture) > 1000


def test_an_avif_logo_that_this_pillow_cannot_read_is_a_warning(
        build: Build, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pillow reads AVIF only from 11.2, built with libavif: without it the logo is shown on
    the pages as it is, and the build says what lacks it and what to save instead."""
    monkeypatch.setattr(decoder, "reads", lambda name: not name.endswith(".avif"))
    config = SHARE_CONFIG + 'logo = "images/logo.avif"\n'
    site, outcome = build({"config.toml": config, "content/images/logo.avif":
                           _logo_file("avif"), "content/days/monday.md": DAY})
    assert outcome.exit_code == 0, outcome.stderr
    line = config.splitlines().index('logo = "images/logo.avif"') + 1
    warning = find_line(outcome, f"config.toml:{line}: warning: [brand] logo images/logo.avif",
                        "share images", "email", "PNG")
    assert "Traceback" not in outcome.stderr, warning
    header = _logo_images((site / "output/index.html").read_text("utf-8"))[0]
    assert header["src"] == "images/logo.avif"
    assert (site / "output/days/monday/share.png").is_file()


@pytest.mark.parametrize("written", ["./images/logo.png", "images//logo.png",
                                     "images/./logo.png"])
def test_a_logo_path_written_with_dots_or_doubled_slashes_is_the_same_file(
        build: Build, written: str) -> None:
    """`logo = "./images/logo.png"` names content/images/logo.png, as a shell would read it;
    its copies were published under a folder named `x/` (the `.` made a safe name), and
    the file was not known as the logo where content files are told apart."""
    small = io.BytesIO()
    Image.new("RGB", (300, 150), (200, 16, 46)).save(small, "PNG")
    site, outcome = build({"config.toml": MINIMAL_CONFIG + f'\n[brand]\nlogo = "{written}"\n',
                           "content/images/logo.png": small.getvalue()})
    assert outcome.exit_code == 0, outcome.stderr
    logo = _logo_images((site / "output/index.html").read_text("utf-8"))[0]
    assert (logo["src"], logo["srcset"]) == (
        "images/logo-96h.png", "images/logo-48h.png 1x, images/logo-96h.png 2x")
    assert not (site / "output/x").exists()


def test_the_logo_copies_look_right_in_a_browser(browser: Any, build: Build) -> None:
    """At once and twice the screen's density, the header shows the copy made for it, 3rem
    high, in its shape; a screenshot of each is in test-artifacts/."""
    site, outcome = build({"config.toml": LOGO_CONFIG, "content/images/logo.png": big_logo()})
    assert outcome.exit_code == 0, outcome.stderr
    ARTIFACTS.mkdir(exist_ok=True)
    with serving(site / "output") as url:
        for density, copy in ((1, "logo-48h.png"), (2, "logo-96h.png")):
            page = browser.new_page(viewport={"width": 390, "height": 700},
                                    device_scale_factor=density)
            page.goto(url, wait_until="load")
            shown = page.evaluate("""() => { const i = document.querySelector('.brand__logo');
                const box = i.getBoundingClientRect();
                return [i.currentSrc, i.complete, i.naturalWidth, box.width, box.height]; }""")
            page.screenshot(path=str(ARTIFACTS / f"logo-header-{density}x.png"),
                            clip={"x": 0, "y": 0, "width": 390, "height": 120})
            page.close()
            src, complete, natural, width, height = shown
            # (a 2x candidate counts half its pixels: both fill the same 96 CSS pixels)
            assert src.endswith("/images/" + copy) and complete and natural == 96
            assert (round(width), round(height)) == (80, 40)  # 2.5rem on a phone, 2:1


def test_the_screen_and_print_logos_are_sharp_in_a_browser(browser: Any, build: Build) -> None:
    """On a 4K lobby TV and on paper, the logo is drawn from at least twice as many pixels
    as the CSS pixels it fills (the header's 96-pixel copy was stretched to 166 on the
    TV); a screenshot of the TV's bar is in test-artifacts/."""
    site, outcome = build({"config.toml": LOGO_CONFIG, "content/images/logo.png": big_logo(),
                           "content/days/monday.md": DAY,
                           "content/honour-roll/sam-okafor.md": HONOUR})
    assert outcome.exit_code == 0, outcome.stderr
    ARTIFACTS.mkdir(exist_ok=True)
    measure = """(selector) => { const i = document.querySelector(selector);
        return [i.complete, i.naturalHeight, i.getBoundingClientRect().height]; }"""
    with serving(site / "output") as url:
        for path, selector, viewport, media, density in (
                ("screen/", ".screen__logo", (3840, 2160), "screen", 1),
                ("screen/", ".screen__logo", (1920, 1080), "screen", 2),
                ("honour-roll/sam-okafor/certificate/", ".certificate__logo", (1123, 794),
                 "print", 1),
                ("days/monday/poster/", ".sheet__logo", (794, 1123), "print", 1)):
            page = browser.new_page(viewport={"width": viewport[0], "height": viewport[1]},
                                    device_scale_factor=density)
            page.emulate_media(media=media)
            page.goto(url + path, wait_until="load")
            complete, natural, height = page.evaluate(measure, selector)
            if path == "screen/" and density == 1:
                page.screenshot(path=str(ARTIFACTS / "logo-screen-4k.png"),
                                clip={"x": 0, "y": 0, "width": 1600, "height": 260})
            page.close()
            # (on paper, two pixels for each CSS pixel at least: the copy has three)
            wanted = height * density if media == "screen" else height * 2
            assert complete and natural >= wanted - 1, (path, viewport, natural, height)


# --- share images ---------------------------------------------------------------------

SHARE_CONFIG = """\
[site]
title = "Harbour Telecom CSW 2026"
organisation = "Harbour Telecom"
base_url = "https://csw.harbour.example/2026/"

[week]
theme = "Dream Team"
year = 2026

[brand]
primary = "#b01030"
secondary = "#123c80"
"""


def test_a_testimonial_gets_a_share_image_in_the_brand_colours(build: Build) -> None:
    site, outcome = build({
        "config.toml": SHARE_CONFIG,
        "content/testimonials/ana.md": "---\ncustomer: Ana Souza\norganisation: Souza Bakery\n"
                                       "rating: 5\n---\nThey moved our whole bakery to fibre "
                                       "over one weekend, and called on Monday to check the "
                                       "card machines were working. Outstanding service "
                                       "from start to finish, every single time we call.\n",
    })
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    card = out / "testimonials/ana/share.png"
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(card, ARTIFACTS / "share-testimonial.png")  # to look at
    with Image.open(card) as image:
        assert image.format == "PNG" and image.size == (1200, 630)
        colours = sorted(image.convert("RGB").getcolors(1_000_000) or [], reverse=True)
    assert [c for _, c in colours[:2]] == [(0x12, 0x3c, 0x80), (0xb0, 0x10, 0x30)]
    assert colours[0][0] > 0.5 * 1200 * 630
    assert not carries_metadata(card)
    page = (out / "testimonials/ana/index.html").read_text("utf-8")
    assert ('<meta property="og:image" content="https://csw.harbour.example/2026/'
            'testimonials/ana/share.png">') in page
    home = (out / "index.html").read_text("utf-8")
    assert 'content="https://csw.harbour.example/2026/share.png"' in home
    assert (out / "share.png").is_file()


def test_no_share_images_without_base_url(build: Build) -> None:
    site, outcome = build({"content/testimonials/ana.md": "---\ncustomer: Ana\n---\nHi\n"})
    assert outcome.exit_code == 0, outcome.stderr
    assert not [f for f in files_in(site / "output") if f.endswith("share.png")]


def test_card_text_is_wrapped_and_shortened_between_words_only() -> None:
    def measure(text: str) -> float:
        return len(text)

    text = "For answering members in three languages with the same warmth"
    lines = textlines.wrap(text, 20, measure)
    assert lines == ["For answering", "members in three", "languages with the", "same warmth"]
    assert " ".join(lines) == text
    assert textlines.shorten(lines, 2, 20, measure) == ["For answering", "members in three…"]
    assert textlines.wrap("Supercalifragilisticexpialidocious day", 10, measure) == [
        "Supercalifragilisticexpialidocious", "day"]
    font, fitted = cards.fit("A long name " * 12, textlines.Setting(bold=True), (72, 60), 1072, 2)
    assert len(fitted) == 2 and fitted[-1].endswith("…")
    assert all(font.length(line) <= 1072 for line in fitted)
    words = set(("A long name " * 12).split())
    assert all(w.rstrip("…") in words for line in fitted for w in line.split())


# --- the demo -------------------------------------------------------------------------


def test_no_published_file_of_the_demo_carries_exif(demo_output: Path) -> None:
    pictures = [p for p in demo_output.rglob("*") if p.suffix.lower() in PHOTO_SUFFIXES]
    assert len(pictures) >= 24
    assert not [p for p in pictures if carries_metadata(p)]


def test_the_demo_honour_roll_weighs_a_small_fraction_of_its_photos(demo_output: Path) -> None:
    people = REPO / "content/images/people"
    originals = sorted(people.glob("*.jpg"))
    assert len(originals) >= 3
    before = sum(p.stat().st_size for p in originals)
    for original in originals:
        assert not (demo_output / "images/people" / original.name).exists()
    # What a phone at twice the CSS size fetches for the honour roll's 9rem avatars: 320w WebP.
    page = (demo_output / "honour-roll/index.html").read_text("utf-8")
    fetched = [demo_output / "images/people" / f"{p.stem}-320w.webp" for p in originals]
    assert all(f"images/people/{f.name} 320w" in page for f in fetched)
    assert sum(f.stat().st_size for f in fetched) < before / 100
    every_copy = sum(p.stat().st_size for p in (demo_output / "images/people").glob("*w.*"))
    assert every_copy < before / 5  # every width in both formats, for every page


# --- photos that are hard to compress ---------------------------------------------------

SRCSET_ENTRY = re.compile(r"(\S+) (\d+)w")


def _jpeg(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def _png(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    return buffer.getvalue()


def test_every_copy_of_a_photo_hard_to_compress_stays_under_the_budget(build: Build) -> None:
    """Fine texture (gravel, foliage, grain) costs bytes at every size: each copy steps its
    quality down, then its pixels, until it is under 200 KB, and the pages name the sizes
    the files really have."""
    screenshot = hard_texture(1800, 1200, seed=5, mode="RGBA")  # see-through: PNG fallback
    site, outcome = build({
        "config.toml": SHARE_CONFIG,
        "content/honour-roll/sam-okafor.md": PERSON.replace("photo: sam.jpg",
                                                            "photo: ../images/gravel.jpg"),
        "content/days/monday.md": "---\ntitle: Garden Monday\nday: monday\n"
                                  "image: ../images/gravel.jpg\nalt: The garden path\n---\n"
                                  "The new dashboard:\n\n![The dashboard](screen.png)\n",
        "content/images/gravel.jpg": _jpeg(hard_texture(4000, 3000, seed=4)),
        "content/days/screen.png": _png(screenshot),
    })
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    copies = sorted(p for p in files_in(out)
                    if re.fullmatch(r"(images/gravel|days/screen)-\d+w\.(webp|jpg|png)", p))
    assert {c.rsplit(".", 1)[1] for c in copies} == {"webp", "jpg", "png"}
    sizes = {}
    for name in copies:
        path = out / name
        assert path.stat().st_size < 200_000, f"{name}: {path.stat().st_size:,} bytes"
        with Image.open(path) as copy:
            copy.load()  # decodes whole
            sizes[name] = copy.size
        in_name = re.search(r"-(\d+)w\.", name)
        assert in_name and copy.width == int(in_name[1]), name
    # the gravel is too detailed for 200 KB at 1280 pixels: its widest copy is narrower, the
    # same for both formats, and there is no copy wider than that
    widths = {fmt: sorted(sizes[n][0] for n in copies if n.startswith("images/gravel")
                          and n.endswith(fmt)) for fmt in (".webp", ".jpg")}
    assert widths[".webp"] == widths[".jpg"]
    assert widths[".jpg"][:3] == [160, 320, 640] and 640 < widths[".jpg"][-1] < 1280, widths
    # the screenshot's full-colour PNG fallback had to shrink too, and is still see-through
    fallbacks = [n for n in copies if n.startswith("days/screen") and n.endswith(".png")]
    assert max(sizes[n][0] for n in fallbacks) < 1280
    with Image.open(out / fallbacks[-1]) as picture:
        bands = cast(tuple[tuple[int, int], ...], picture.convert("RGBA").getextrema())
        assert bands[3][0] < 255

    pages = [out / "days/monday/index.html", out / "honour-roll/sam-okafor/index.html",
             out / "honour-roll/index.html", out / "index.html"]
    named = sized = 0
    for page in pages:
        text = page.read_text("utf-8")
        for srcset in re.findall(r'srcset="([^"]+)"', text):
            for url, width in SRCSET_ENTRY.findall(srcset):
                real = sizes[(page.parent / url).resolve().relative_to(out.resolve())
                             .as_posix()]
                assert real[0] == int(width), f"{page}: {url} is {real[0]} wide, not {width}"
                named += 1
        for src, width, height in re.findall(
                r'<img [^>]*?src="([^"]+-\d+w\.\w+)"[^>]*? width="(\d+)" height="(\d+)"', text):
            real = sizes[(page.parent / src).resolve().relative_to(out.resolve()).as_posix()]
            assert real == (int(width), int(height)), f"{page}: {src} is {real}"
            sized += 1
    assert named >= 16 and sized >= 4
    for card in out.rglob("share.png"):  # drawn, not from photos; under the budget all the same
        assert card.stat().st_size < 200_000, card


def test_a_copy_that_fits_is_made_at_the_best_quality_and_size() -> None:
    """The budget changes nothing for a photo that fits: the widths asked for, each once,
    at the first quality."""
    assert images.sizes_for(2000, (160, 320, 640, 1280)) == [160, 320, 640, 1280]
    assert images.sizes_for(1000, (160, 320, 640, 1280)) == [160, 320, 640, 1000]
    assert images.sizes_for(100, (160, 320, 640, 1280)) == [100]


def test_pictures_shown_as_they_are_carry_their_size(build: Build) -> None:
    """An SVG in a body or front matter is published as it is; its width and height (from
    its own attributes, else its viewBox) let the page hold its space before it arrives."""
    site, outcome = build({
        "content/days/monday.md": "---\ntitle: Monday\nday: monday\nimage: hero.svg\n"
                                  "alt: A hero\n---\n![A badge](badge.svg)\n\n"
                                  "![Sized](badge.svg){width=\"50\"}\n",
        "content/days/hero.svg": '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/'
                                 'svg" width="1200px" height="500">\n<rect/></svg>\n',
        "content/days/badge.svg": "<svg xmlns='http://www.w3.org/2000/svg' "
                                  "viewBox='0 0 64.4 32' width='100%'><rect/></svg>",
    })
    assert outcome.exit_code == 0, outcome.stderr
    page = (site / "output/days/monday/index.html").read_text("utf-8")
    assert re.search(r'<img src="../../days/hero.svg" alt="A hero" width="1200" '
                     r'height="500"', page), page
    assert re.search(r'<img alt="A badge" src="../../days/badge.svg" width="64" height="32">',
                     page), page
    assert '<img alt="Sized" src="../../days/badge.svg" width="50">' in page


def test_a_picture_from_another_website_becomes_a_link_with_a_warning(
        build: Build, run: Run) -> None:
    """No page loads anything from another host: a picture there, in Markdown or raw HTML,
    is shown as a link to it (its alt text the words), and build and check say to download
    it.  Links to another website stay as they are."""
    files: Files = {
        "content/pages/team.md": "---\ntitle: Our team\n---\nThe team:\n\n"
                                 "![Remote picture](https://cdn.example.com/pic.jpg)\n\n"
                                 '<img src="https://cdn.example.com/raw.png" alt="Raw">\n\n'
                                 "[![Badge](//cdn.example.com/badge.png)](team.md)\n\n"
                                 "[The photographer](https://example.org/photos/pic.jpg)\n",
    }
    site, outcome = build(files)
    assert outcome.exit_code == 0, outcome.stderr
    warning = ("content/pages/team.md:{}: warning: the picture {} is on another website, and "
               "pages never load anything from elsewhere, so it is shown as a link to it "
               "instead; download the picture, save it in content/ next to team.md and show it "
               "with ![description]({})")
    assert outcome.lines == [
        warning.format(6, "https://cdn.example.com/pic.jpg", "pic.jpg"),
        warning.format(8, "https://cdn.example.com/raw.png", "raw.png"),
        warning.format(10, "//cdn.example.com/badge.png", "badge.png")]
    page = (site / "output/team/index.html").read_text("utf-8")
    assert "<img" not in page.split("<main", 1)[1].split("</main>")[0]
    assert "cdn.example.com" not in re.sub(r'<a href="[^"]*"', "", page)  # only in links
    assert '<a href="https://cdn.example.com/pic.jpg">Remote picture</a>' in page
    assert '<a href="https://cdn.example.com/raw.png">Raw</a>' in page
    assert re.search(r'<a href="[^"]*">Badge</a>', page)  # no link inside the link
    assert '<a href="https://example.org/photos/pic.jpg">The photographer</a>' in page
    checked = run(site, "check", *AS_OF)
    assert checked.exit_code == 0, checked.stderr
    assert "content/pages/team.md:6: warning: the picture https://cdn.example.com/pic.jpg is " \
           "on another website" in checked.stdout + checked.stderr


def test_a_photo_named_by_its_web_address_is_an_error_saying_to_download_it(
        build: Build) -> None:
    _, outcome = build({
        "content/honour-roll/sam-okafor.md": PERSON.replace(
            "photo: sam.jpg", "photo: https://cdn.example.com/people/sam.jpg?size=large"),
    })
    assert outcome.exit_code == 1
    assert outcome.lines[0] == (
        'content/honour-roll/sam-okafor.md:5: `photo` is an address on another website '
        '("https://cdn.example.com/people/sam.jpg?size=large"), and pages never load anything '
        "from elsewhere; download the picture, save it next to sam-okafor.md and write its "
        "file name here, like `photo: sam.jpg`")


def test_a_wide_photo_in_a_square_avatar_gets_a_copy_tall_enough_for_it(build: Build) -> None:
    """The round avatar (9rem square, `object-fit: cover`) crops a landscape photo: the copy a
    browser picks must be at least as tall as the box, on an ordinary screen and a sharp
    one, or the face is enlarged and blurred."""
    site, outcome = build({
        "content/honour-roll/sam-okafor.md": PERSON,
        "content/honour-roll/sam.jpg": phone_jpeg(1920, 1080, seed=5, orientation=1),
    })
    assert outcome.exit_code == 0, outcome.stderr
    page = (site / "output/honour-roll/sam-okafor/index.html").read_text("utf-8")
    tag = re.search(r'<img class="avatar avatar--lg"[^>]*>', page)
    assert tag, page
    srcset = re.search(r'srcset="([^"]+)"', tag.group(0))
    sizes = re.search(r'sizes="([\d.]+)rem"', tag.group(0))
    assert srcset and sizes, tag.group(0)
    copies = sorted(int(w) for w in re.findall(r"(\d+)w(?:,|$)", srcset.group(1)))
    for density in (1, 2):  # as a browser picks: the narrowest copy as wide as `sizes`
        wanted = float(sizes.group(1)) * 16 * density
        width = next((w for w in copies if w >= wanted), copies[-1])
        assert width * 1080 / 1920 >= 9 * 16 * density, (density, width, tag.group(0))
