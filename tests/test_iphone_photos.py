"""iPhone photos (HEIC), as a communications team gets them by AirDrop: read as a phone's
JPEG is, resized, upright, without their location, cached.

The photos are real HEIC files, encoded by pillow_heif (libheif and x265) from the same
phone-like portraits as the JPEGs of `tests.photofactory`: stored sideways, with the turn in
both the `irot` box and the EXIF, and the GPS position where they were taken.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

from cswgen.core import cache
from cswgen.model import heif, images, photocache
from tests.helpers import AS_OF, REPO, MakeSite, Outcome, Run, files_in, write_site
from tests.photofactory import GPS, ORIENTATION, phone_heic, phone_jpeg, portrait

PERSON = """\
---
name: Farai Moyo
award: Customer Champion Award
citation: For guiding forty-one first-time buyers into their own homes.
photo: farai.heic
alt: Farai Moyo at his desk
---
Farai's members describe him as patient, honest and reachable.
"""

TEAM = """\
---
title: Our team
---
The team on the day out.

![The Borrowdale team at the lake](IMG_0412.HEIC)
"""

Build = Callable[[dict[str, str | bytes]], tuple[Path, Outcome]]


@pytest.fixture(scope="module")
def iphone_photo() -> bytes:
    """1600×1200 as stored: a 1200×1600 portrait once turned upright."""
    return phone_heic(1600, 1200, seed=7)


@pytest.fixture
def build(make_site: MakeSite, run: Run) -> Build:
    def go(files: dict[str, str | bytes]) -> tuple[Path, Outcome]:
        site = make_site(files)
        outcome = run(site, "build", *AS_OF)
        assert "Traceback" not in outcome.stdout + outcome.stderr
        return site, outcome

    return go


def stored_exif(data: bytes) -> Image.Exif:
    """The EXIF in a HEIC file as it is stored (not as a reader passes it on)."""
    found = re.search(rb"Exif\x00\x00(?=MM|II)", data)
    assert found, "no EXIF in the file"
    exif = Image.Exif()
    exif.load(data[found.end():])
    return exif


def records_location(path: Path) -> bool:
    """Whether a published file says where a photo was taken, read as anyone can."""
    with Image.open(path) as opened:
        exif = opened.getexif()
        return bool(exif.get_ifd(GPS) or "exif" in opened.info or "xmp" in opened.info
                    or b"Exif\x00\x00" in path.read_bytes())


def test_an_iphone_photo_is_shown_upright_in_every_size_without_its_location(
        build: Build, iphone_photo: bytes) -> None:
    # as an iPhone held upright saves it: turned in its `irot` box and in its EXIF both
    assert stored_exif(iphone_photo)[ORIENTATION] == 6
    assert stored_exif(iphone_photo).get_ifd(GPS)
    site, outcome = build({"content/honour-roll/farai-moyo.md": PERSON,
                           "content/honour-roll/farai.heic": iphone_photo,
                           "content/pages/team.md": TEAM,
                           "content/pages/IMG_0412.HEIC": phone_heic(1600, 1200, seed=3)})
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == []
    out = site / "output"
    files = files_in(out)
    copies = sorted(f for f in files if re.fullmatch(r"honour-roll/farai-\d+w\.\w+", f))
    assert copies == sorted(f"honour-roll/farai-{w}w.{s}" for w in (160, 320, 640, 1200)
                            for s in ("webp", "jpg"))  # (never enlarged to 1280)
    assert "honour-roll/farai.heic" not in files  # the original, with its GPS position
    upright = portrait(1200, 1600, seed=7).resize((320, 427))
    for name in copies:
        with Image.open(out / name) as copy:
            # upright once, not twice: 3 wide by 4 high, as the phone was held
            assert copy.height == round(copy.width * 4 / 3), name
            if copy.width == 320:
                difference = ImageChops.difference(copy.convert("RGB"), upright)
                assert max(ImageStat.Stat(difference).mean) < 12, f"{name} is not upright"
    page = (out / "honour-roll/farai-moyo/index.html").read_text("utf-8")
    assert re.search(r'<img class="avatar[^"]*" src="../../honour-roll/farai-1200w.jpg" '
                     r'alt="Farai Moyo at his desk" srcset="../../honour-roll/farai-160w.jpg '
                     r'160w, [^"]*1200w" sizes="[^"]+" width="1200" height="1600"', page), page

    team = (out / "team/index.html").read_text("utf-8")
    assert ('<picture><source type="image/webp" srcset="../pages/img-0412-160w.webp 160w, '
            '../pages/img-0412-320w.webp 320w, ../pages/img-0412-640w.webp 640w, '
            '../pages/img-0412-1200w.webp 1200w"') in team
    assert re.search(r'<img src="../pages/img-0412-1200w.jpg" srcset="[^"]+" sizes="[^"]+" '
                     r'alt="The Borrowdale team at the lake" width="1200" height="1600"', team)
    assert "pages/IMG_0412.HEIC" not in files

    pictures = [f for f in files if f.endswith((".jpg", ".webp", ".png", ".heic", ".HEIC"))]
    assert len(pictures) >= 16
    assert not [f for f in pictures if records_location(out / f)]


def test_an_iphone_photo_renamed_jpg_is_read_as_what_it_is(build: Build,
                                                            iphone_photo: bytes) -> None:
    """A HEIC that a sync or an email renamed `.jpg` is still a HEIC: read by what it
    holds, not by its name."""
    site, outcome = build({"content/honour-roll/farai-moyo.md":
                           PERSON.replace("farai.heic", "farai.jpg"),
                           "content/honour-roll/farai.jpg": iphone_photo})
    assert outcome.exit_code == 0, outcome.stderr
    with Image.open(site / "output/honour-roll/farai-640w.jpg") as copy:
        assert copy.size == (640, 853)


def test_a_damaged_iphone_photo_is_an_error_at_its_file_and_line(
        build: Build, iphone_photo: bytes) -> None:
    """Cut short (a copy that stopped half way), or whole but with its picture data lost:
    each is the line that names it, saying what is wrong, never a traceback."""
    data = iphone_photo.find(b"mdat") + 8  # where the picture's data starts
    lost = iphone_photo[:data] + bytes(len(iphone_photo) - data)
    site, outcome = build({"content/honour-roll/farai-moyo.md": PERSON,
                           "content/honour-roll/farai.heic": iphone_photo[:len(iphone_photo) // 2],
                           "content/pages/team.md": TEAM,
                           "content/pages/IMG_0412.HEIC": lost})
    assert outcome.exit_code == 1
    assert not (site / "output").exists()
    again = "); copy it again from where it came from, or open and save it again in a photo editor"
    assert outcome.lines[0].startswith(
        "content/honour-roll/farai-moyo.md:5: `photo` names honour-roll/farai.heic, which is "
        "damaged or incomplete (Invalid input: Unexpected end of file")
    assert outcome.lines[0].endswith(again)
    assert outcome.lines[1].startswith(
        "content/pages/team.md:6: the picture pages/IMG_0412.HEIC is damaged or incomplete "
        "(Decoder plugin generated an error")
    assert outcome.lines[1].endswith(again)
    assert len(outcome.lines) == 3  # and the count


def test_an_iphone_photo_too_large_to_decode_safely_is_an_error(
        build: Build, iphone_photo: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1_000_000)  # (it has 1.9 million)
    _, outcome = build({"content/honour-roll/farai-moyo.md": PERSON,
                        "content/honour-roll/farai.heic": iphone_photo})
    assert outcome.exit_code == 1
    assert outcome.lines[0] == (
        "content/honour-roll/farai-moyo.md:5: `photo` names honour-roll/farai.heic, which is "
        "too large to open safely (more than 1 million pixels); save a smaller copy, for "
        "example 4000 pixels wide")


def test_an_iphone_photo_s_copies_are_cached(build: Build, run: Run, iphone_photo: bytes,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    site, outcome = build({"content/honour-roll/farai-moyo.md": PERSON,
                           "content/honour-roll/farai.heic": iphone_photo})
    assert outcome.exit_code == 0, outcome.stderr
    first = {f: (site / "output" / f).read_bytes() for f in files_in(site / "output")}

    def must_not_decode(*args: object, **kwargs: object) -> list[images.Rendition]:
        raise AssertionError("a cached photo was decoded again")

    monkeypatch.setattr(images, "render_photo", must_not_decode)
    (site / "content/honour-roll/farai-moyo.md").write_text(PERSON + "\nThank you.\n", "utf-8")
    again = run(site, "build", *AS_OF)
    assert again.exit_code == 0, again.stderr
    assert {f: (site / "output" / f).read_bytes() for f in files_in(site / "output")
            if "farai-" in f and not f.endswith(".html")} == \
        {f: data for f, data in first.items() if "farai-" in f and not f.endswith(".html")}


def test_a_photo_s_cache_key_names_the_heic_decoder(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Another libheif may decode the same file to other pixels: a photo's copies, and a
    build's cached steps, are made again after pillow_heif is upgraded."""
    photo = tmp_path / "farai.heic"
    photo.write_bytes(b"the same bytes")
    before = photocache.photo_key(photo), photocache.state_name(photo)
    assert f"pillow-heif {heif.version()}" in cache._versions()
    assert re.fullmatch(r"\d+\.\d+.*", heif.version())
    monkeypatch.setattr(heif, "version", lambda: "99.0.0")
    images.recipe.cache_clear()
    try:
        assert photocache.photo_key(photo) != before[0]
        assert photocache.state_name(photo) != before[1]
    finally:
        monkeypatch.undo()
        images.recipe.cache_clear()


@pytest.mark.parametrize("heic", [False, True])
def test_a_build_loads_the_heic_reader_only_for_a_heic(tmp_path: Path, heic: bool,
                                                       iphone_photo: bytes) -> None:
    """libheif takes tens of milliseconds to load: a build with no HEIC (a phone's JPEG
    instead) never loads it."""
    photo = ("farai.heic", iphone_photo) if heic else ("farai.jpg", phone_jpeg(800, 600))
    site = write_site(tmp_path / "site", {
        "content/honour-roll/farai-moyo.md": PERSON.replace("farai.heic", photo[0]),
        f"content/honour-roll/{photo[0]}": photo[1]})
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "cswgen", "build",
                           *AS_OF], cwd=site, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    imported = {line.rsplit("|", 1)[1].strip() for line in done.stderr.splitlines()
                if line.startswith("import time:")}
    assert ("pillow_heif" in imported) is heic
    with Image.open(io.BytesIO((site / "output/honour-roll/farai-160w.jpg").read_bytes())) as c:
        assert c.height > c.width
