"""Rebuilds that are fast because they redo only what changed, and that can never go stale:
every cached step and every output file is keyed by all of its inputs."""

from __future__ import annotations

import os
import pickle
import threading
from collections.abc import Callable
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any, cast

import pytest

from cswgen.commands.build import STEPS_FILE, build
from cswgen.core import parallel
from cswgen.core.cache import CACHE_FOLDER
from cswgen.core.errors import SiteError
from cswgen.read.fingerprint import LAST_BUILD
from cswgen.render import pages
from cswgen.write.manifest import MANIFEST
from tests.helpers import write_site

AS_OF = date(2026, 10, 6)


def site_files(testimonials: int) -> dict[str, str]:
    files = {
        "content/honour-roll/farai.md": "---\nname: Farai Moyo\naward: Rising Star\n---\nKind.\n",
        "content/days/monday.md": "---\ntitle: Dream Team Monday\nday: monday\n---\n"
                                  "Read [Farai's story](../honour-roll/farai.md).\n",
    }
    for i in range(testimonials):
        files[f"content/testimonials/t{i:03d}.md"] = (
            f"---\ncustomer: Customer {i}\nstaff: [Farai Moyo]\n---\n"
            f"\"Quoted\" -- and *kind*: see [Monday](../days/monday.md) and "
            f"[x](t{(i + 1) % testimonials:03d}.md).\n\n"
            "| a | b |\n|---|---|\n| 1 | 2 |\n")
    return files


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != MANIFEST}


def times(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*")
            if p.is_file() and p.name != MANIFEST}


def test_parallel_output_is_byte_for_byte_the_serial_output(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = write_site(tmp_path / "site", site_files(parallel.MIN_JOBS + 50))
    monkeypatch.setattr(parallel, "workers", lambda: 2)  # even on a one-core machine
    used: list[int] = []
    real_run = parallel.run

    def counting(task: Callable[[int], Any], count: int) -> list[Any]:
        used.append(count)
        return real_run(task, count)

    monkeypatch.setattr(parallel, "run", counting)
    build(site, as_of=AS_OF, output=tmp_path / "parallel", cache_dir=tmp_path / "c1")
    assert max(used) >= parallel.MIN_JOBS  # the pool was used
    monkeypatch.setattr(parallel, "MIN_JOBS", 10**9)
    build(site, as_of=AS_OF, output=tmp_path / "serial", cache_dir=tmp_path / "c2")
    assert snapshot(tmp_path / "parallel") == snapshot(tmp_path / "serial")


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    site = write_site(tmp_path / "site", site_files(5))
    build(site, as_of=AS_OF)
    return site, site / "output"


def test_a_rebuild_with_nothing_changed_writes_nothing(built: tuple[Path, Path]) -> None:
    site, out = built
    before = times(out)
    result = build(site, as_of=AS_OF)
    assert result.changed == []
    assert times(out) == before


def test_one_edit_rewrites_only_the_pages_it_shows_on(built: tuple[Path, Path]) -> None:
    site, out = built
    before = snapshot(out)
    edited = site / "content/testimonials/t002.md"
    edited.write_text(edited.read_text("utf-8").replace("*kind*", "*very kind*"), "utf-8")
    result = build(site, as_of=AS_OF)
    after = snapshot(out)
    differs = sorted(name for name in after if after[name] != before.get(name))
    assert "testimonials/t002/index.html" in differs
    assert "testimonials/t001/index.html" not in differs
    assert sorted(result.changed) == differs
    assert "very kind" in after["testimonials/t002/index.html"].decode()
    # and the result is what a build from nothing makes
    fresh = out.parent / "fresh"
    build(site, as_of=AS_OF, output=fresh, cache_dir=out.parent / "fresh-cache")
    assert snapshot(fresh) == after


@pytest.mark.parametrize("change", ["template", "config", "theme file", "linked person",
                                    "linked page renamed"])
def test_every_input_shows_up_in_the_next_build(built: tuple[Path, Path], change: str) -> None:
    site, out = built
    if change == "template":
        (site / "themes/mine/templates").mkdir(parents=True)
        (site / "themes/mine/theme.toml").write_text('extends = "classic"\n', "utf-8")
        (site / "themes/mine/templates/testimonial.html").write_text(
            '{% extends "classic:testimonial.html" %}{% block content %}MINE'
            '{{ super() }}{% endblock %}', "utf-8")
        config = site / "config.toml"
        config.write_text(config.read_text("utf-8").replace(
            '[site]\n', '[site]\ntheme = "mine"\n'), "utf-8")
        expect = ("testimonials/t000/index.html", "MINE")
    elif change == "config":
        config = site / "config.toml"
        config.write_text(config.read_text("utf-8").replace('Test Org', 'Renamed Org'), "utf-8")
        expect = ("testimonials/t000/index.html", "Renamed Org")
    elif change == "theme file":
        build(site, as_of=AS_OF)  # make sure the theme is a site theme we can edit
        (site / "themes/mine/static").mkdir(parents=True)
        (site / "themes/mine/theme.toml").write_text('extends = "classic"\n', "utf-8")
        (site / "themes/mine/static/site.js").write_text("/* mine */\n", "utf-8")
        config = site / "config.toml"
        config.write_text(config.read_text("utf-8").replace(
            '[site]\n', '[site]\ntheme = "mine"\n'), "utf-8")
        build(site, as_of=AS_OF)
        (site / "themes/mine/static/site.js").write_text("/* changed */\n", "utf-8")
        expect = ("assets/site.js", "changed")
    elif change == "linked person":
        person = site / "content/honour-roll/farai.md"
        person.write_text(person.read_text("utf-8").replace(
            "name: Farai Moyo\n", "name: Farai Moyo\nslug: farai-moyo\n"), "utf-8")
        # the testimonial's "staff" link now goes to the new address
        expect = ("testimonials/t000/index.html", "honour-roll/farai-moyo/")
    else:
        # a body's Markdown link to a page that moves: the body itself did not change
        day = site / "content/days/monday.md"
        day.write_text(day.read_text("utf-8").replace("day: monday\n",
                                                      "day: monday\nslug: team-monday\n"),
                       "utf-8")
        expect = ("testimonials/t000/index.html", "days/team-monday/")
    build(site, as_of=AS_OF)
    page, text = expect
    assert text in (out / page).read_text("utf-8")
    fresh = out.parent / "fresh"
    build(site, as_of=AS_OF, output=fresh, cache_dir=out.parent / "fresh-cache")
    assert snapshot(fresh) == snapshot(out)


def test_the_cache_is_safe_to_delete_or_damage(built: tuple[Path, Path]) -> None:
    site, out = built
    before = snapshot(out)
    steps = sorted((site / CACHE_FOLDER / STEPS_FILE).glob("*.pickle"))
    assert steps
    for damaged in steps[::2]:
        damaged.write_bytes(b"not a pickle")
    (site / CACHE_FOLDER / LAST_BUILD).unlink()  # or the build has nothing to do
    build(site, as_of=AS_OF)
    assert snapshot(out) == before
    for other in steps:
        with open(other, "wb") as file:  # a cache from another version of cswgen
            pickle.dump(("some other version", {}), file)
    (site / CACHE_FOLDER / LAST_BUILD).unlink()
    build(site, as_of=AS_OF)
    assert snapshot(out) == before
    for folder, _, files in os.walk(site / CACHE_FOLDER, topdown=False):
        for name in files:
            os.unlink(os.path.join(folder, name))
        os.rmdir(folder)
    build(site, as_of=AS_OF)
    assert snapshot(out) == before


def test_an_output_file_changed_by_hand_is_made_again(built: tuple[Path, Path]) -> None:
    site, out = built
    page = out / "testimonials/t001/index.html"
    good = page.read_bytes()
    page.write_bytes(b"edited by hand")
    build(site, as_of=AS_OF)
    assert page.read_bytes() == good


def test_a_testimonials_publish_date_shows_in_the_feed(built: tuple[Path, Path]) -> None:
    """The feed dates an undated testimonial by its `publish` date, which no page shows:
    its key must still change with it."""
    site, out = built
    edited = site / "content/testimonials/t003.md"
    text = edited.read_text("utf-8")
    for when in ("2026-09-20", "2026-09-21"):
        edited.write_text(text.replace("---\n", f"---\npublish: {when}\n", 1), "utf-8")
        build(site, as_of=AS_OF)
        assert f"<updated>{when}T00:00:00Z</updated>" in (out / "feed.xml").read_text("utf-8")


def test_the_feed_shows_every_change_to_what_its_entries_show(built: tuple[Path, Path]) -> None:
    """The feed keeps each entry's text between builds (in the cache folder): an edited
    body, a renamed customer, a new site title, a new or a deleted testimonial all show in
    the next feed, which is always the one a build from nothing makes."""
    site, out = built
    config = site / "config.toml"
    edits: list[tuple[str, str, str | None]] = [  # (file, old text, new text; None: delete)
        ("content/testimonials/t002.md", "*kind*", "*ever so kind*"),
        ("content/testimonials/t003.md", "Customer 3", "Renamed Customer"),
        ("config.toml", "Test Org", "Renamed Org"),
        ("content/testimonials/t009.md", "", "---\ncustomer: Newcomer\n---\nHello there.\n"),
        ("content/testimonials/t009.md", "", None),  # (the others are linked to)
    ]
    assert "Test Org" in config.read_text("utf-8")
    for number, (name, old, new) in enumerate(edits):
        path = site / name
        if new is None:
            path.unlink()
        elif old:
            path.write_text(path.read_text("utf-8").replace(old, new), "utf-8")
        else:
            path.write_text(new, "utf-8")
        build(site, as_of=AS_OF)
        feed = (out / "feed.xml").read_text("utf-8")
        fresh = out.parent / f"fresh-{number}"
        build(site, as_of=AS_OF, output=fresh, cache_dir=out.parent / f"fresh-cache-{number}")
        assert feed == (fresh / "feed.xml").read_text("utf-8")
        if new is None:
            assert "testimonials/t009/" not in feed
        else:
            assert (new if old else "Hello there.").strip("*") in feed


def test_a_cache_kept_as_an_earlier_build_kept_it_is_cleared(built: tuple[Path, Path]) -> None:
    """Earlier builds kept their steps in sixteen files and the feed in one: none of them
    is read any more, and the next build that saves its cache removes them."""
    site, out = built
    before = snapshot(out)
    cache = site / CACHE_FOLDER
    with open(cache / STEPS_FILE / "0.pickle", "wb") as file:
        pickle.dump(("some other version", {}), file)
    (cache / "feed.pickle").write_bytes(b"not a pickle")
    (cache / LAST_BUILD).unlink()  # or the build has nothing to do
    edited = site / "content/testimonials/t002.md"
    edited.write_text(edited.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    build(site, as_of=AS_OF)
    assert not (cache / STEPS_FILE / "0.pickle").exists()
    assert not (cache / "feed.pickle").exists()
    after = snapshot(out)
    assert "One more line." in after["feed.xml"].decode()
    assert after["feed.xml"] != before["feed.xml"]
    fresh = out.parent / "fresh"
    build(site, as_of=AS_OF, output=fresh, cache_dir=out.parent / "fresh-cache")
    assert snapshot(fresh) == after


def test_a_picture_that_goes_missing_is_reported_though_the_file_naming_it_did_not_change(
        built: tuple[Path, Path]) -> None:
    site, _ = built
    (site / "content/testimonials/face.png").write_bytes(_png())
    edited = site / "content/testimonials/t001.md"
    edited.write_text(edited.read_text("utf-8").replace(
        "---\n", "---\nphoto: face.png\nalt: A smiling customer\n", 1), "utf-8")
    build(site, as_of=AS_OF)
    (site / "content/testimonials/face.png").unlink()
    with pytest.raises(SiteError) as raised:
        build(site, as_of=AS_OF)
    assert any(p.path == "content/testimonials/t001.md" and "face.png" in p.message
               for p in raised.value.problems)


def test_nothing_changed_reports_the_same_warnings_and_touches_nothing(
        tmp_path: Path) -> None:
    files = site_files(3)
    files["content/testimonials/t000.md"] = files["content/testimonials/t000.md"].replace(
        "staff: [Farai Moyo]", "staff: [Nobody Known]")
    site = write_site(tmp_path / "site", files)
    first = build(site, as_of=AS_OF)
    assert any("Nobody Known" in p.message for p in first.warnings)
    before = times(site / "output")
    again = build(site, as_of=AS_OF)
    assert again.changed == [] and again.warnings == first.warnings
    assert (again.pages, again.files) == (first.pages, first.files)
    assert times(site / "output") == before
    # a different as-of date is a different build
    later = build(site, as_of=date(2026, 10, 9))
    assert later.changed


def _png() -> bytes:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "#336699").save(buffer, "PNG")
    return buffer.getvalue()


def test_a_file_put_into_the_output_is_refused_even_when_nothing_else_changed(
        built: tuple[Path, Path]) -> None:
    site, out = built
    build(site, as_of=AS_OF)  # the second build has nothing to do
    (out / "stray.html").write_text("mine", "utf-8")
    with pytest.raises(SiteError) as raised:
        build(site, as_of=AS_OF)
    assert any("stray.html" in p.message for p in raised.value.problems)
    assert (out / "stray.html").read_text("utf-8") == "mine"


def test_an_output_file_removed_by_hand_comes_back(built: tuple[Path, Path]) -> None:
    site, out = built
    page = out / "testimonials/t002/index.html"
    good = page.read_bytes()
    page.unlink()
    result = build(site, as_of=AS_OF)
    assert page.read_bytes() == good
    assert result.changed == ["testimonials/t002/index.html"]


def test_work_started_soon_gives_its_result_or_its_error_once(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "workers", lambda: 2)  # forks even on a one-core machine
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # and beside threads
    calls: list[int] = []

    def task() -> list[int]:
        calls.append(1)  # in the child: the parent's list stays empty
        return [os.getpid()]

    result = parallel.soon(task)
    assert result() == result() != [os.getpid()]
    assert calls == []  # it ran in a forked process, once

    def failing() -> None:
        raise ValueError("no such folder")

    with pytest.raises(ValueError, match="no such folder"):
        parallel.soon(failing)()


def test_several_tasks_started_soon_run_in_one_process_in_order_each_result_its_own(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`parallel.soon_each`: the sources read, then the output surveyed, by one forked
    process; each result (or error) is given to whoever asks for it, in any order."""
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    log = tmp_path / "log"

    def task(name: str) -> tuple[str, int]:
        with open(log, "a") as file:  # (the parent's memory is not the child's)
            file.write(name + "\n")
        if name == "broken":
            raise OSError("the output folder vanished")
        return name, os.getpid()

    first, broken, last = parallel.soon_each([partial(task, "first"), partial(task, "broken"),
                                              partial(task, "last")])
    assert last() == ("last", last_pid := cast(tuple[str, int], last())[1])
    with pytest.raises(OSError, match="vanished"):
        broken()
    assert first() == ("first", last_pid) and last_pid != os.getpid()
    assert log.read_text().split() == ["first", "broken", "last"]  # in order, each once


def test_work_started_beside_the_build_gives_every_result_in_order_or_the_first_error(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`parallel.started`: photos made in forked workers while the build renders pages."""
    monkeypatch.setattr(parallel, "workers", lambda: 2)  # forks even on a one-core machine
    monkeypatch.setattr(threading, "active_count", lambda: 1)  # and beside threads
    calls: list[int] = []

    def task(index: int) -> tuple[int, int]:
        calls.append(index)  # in a worker: the parent's list stays empty
        return index * index, os.getpid()

    result = parallel.started(task, 9)
    values = result()
    assert [square for square, _ in values] == [i * i for i in range(9)]
    assert os.getpid() not in {pid for _, pid in values} and calls == []
    assert result() == values  # asked again: the same

    def failing(index: int) -> int:
        if index in (3, 6):
            raise ValueError(f"photo {index} is damaged")
        return index

    with pytest.raises(ValueError, match="photo 3 is damaged"):  # the first, in order
        parallel.started(failing, 8)()


def test_placeholders_of_photos_not_made_yet_never_reach_a_build(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The placeholders `cswgen serve` shows while it makes photos are kept in the cache
    folder beside the copies: a build that shares that folder publishes real copies."""
    from cswgen.core.cache import Cache
    from cswgen.model import photocache

    # (the photo was written a moment ago: its key is noted all the same, as if long ago)
    monkeypatch.setattr(photocache, "NOTE_AGE", 0.0)
    from cswgen.write.writer import Preview
    from tests.photofactory import phone_jpeg

    files: dict[str, str | bytes] = {
        **site_files(2), "content/honour-roll/farai.jpg": phone_jpeg(900, 600, seed=2),
        "content/honour-roll/farai.md": "---\nname: Farai Moyo\nphoto: farai.jpg\n"
                                        "alt: Farai\n---\nKind.\n"}
    site = write_site(tmp_path / "site", files)
    shown = build(site, as_of=AS_OF, cache=Cache(), preview=Preview(tmp_path / "preview"),
                  photos_later=lambda key: True)
    assert len(shown.pending) == 1 and (site / CACHE_FOLDER / "placeholders").is_dir()
    build(site, as_of=AS_OF)  # the same cache folder, placeholders and all
    build(site, as_of=AS_OF, output=tmp_path / "clean", cache_dir=tmp_path / "other")
    assert snapshot(site / "output") == snapshot(tmp_path / "clean")
    # the copies that build made are found in the cache: no placeholder is left
    again = build(site, as_of=AS_OF, cache=Cache(), preview=Preview(tmp_path / "preview"),
                  photos_later=lambda key: True)
    assert again.pending == {}
    assert snapshot(tmp_path / "preview") == snapshot(tmp_path / "clean")


def _site_with_a_phone_photo(tmp_path: Path) -> tuple[Path, Path]:
    """A small site with one honour-roll person and their phone photo: (site, photo)."""
    from tests.photofactory import phone_jpeg

    site = write_site(tmp_path / "site", {
        **site_files(2), "content/honour-roll/farai.jpg": phone_jpeg(600, 400, seed=2),
        "content/honour-roll/farai.md": "---\nname: Farai Moyo\nphoto: farai.jpg\n"
                                        "alt: Farai\n---\nKind.\n"})
    return site, site / "content/honour-roll/farai.jpg"


def _change_in_place(photo: Path, before: os.stat_result) -> None:
    """Other bytes in the photo at the same size (still a JPEG start), with its
    modification time set back to what it was `before`."""
    from tests.photofactory import phone_jpeg

    other = phone_jpeg(600, 400, seed=3)
    data = photo.read_bytes()
    changed = data[:len(data) // 2] + other[len(data) // 2:len(data)]
    changed += b"\0" * (len(data) - len(changed))
    photo.write_bytes(changed)
    os.utime(photo, ns=(before.st_atime_ns, before.st_mtime_ns))


def test_a_photo_key_noted_on_disk_is_never_used_for_other_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`cswgen serve` finds a photo's cache key in notes left on disk by the file's state,
    without reading the photo: changed in place at the same size with its modification
    time set back, it is a new photo to a server started afresh; and a file that changed
    a moment ago (within a file system's timestamp granularity) is never noted."""
    from cswgen.core.cache import Cache
    from cswgen.model import photocache
    from cswgen.write.writer import Preview

    site, photo = _site_with_a_phone_photo(tmp_path)
    notes = site / CACHE_FOLDER / "photo-keys"
    build(site, as_of=AS_OF)
    assert not notes.is_dir() or not any(notes.iterdir())  # written a moment ago: not noted
    monkeypatch.setattr(photocache, "NOTE_AGE", 0.0)  # as if written long ago
    build(site, as_of=AS_OF, output=tmp_path / "out2")
    assert len(list(notes.iterdir())) == 1

    def serve_build() -> dict[str, bytes]:
        """A server's first build, photos made in it (none beside it)."""
        preview = Preview(tmp_path / f"preview-{len(list(tmp_path.iterdir()))}")
        shown = build(site, as_of=AS_OF, cache=Cache(), preview=preview,
                      photos_later=lambda key: False)
        assert shown.pending == {}
        return snapshot(preview.folder)

    first = serve_build()
    before = os.stat(photo)
    _change_in_place(photo, before)
    assert (os.stat(photo).st_size, os.stat(photo).st_mtime_ns) == (before.st_size,
                                                                     before.st_mtime_ns)
    try:
        again = serve_build()
    except SiteError:
        pytest.skip("the spliced JPEG does not decode here")
    build(site, as_of=AS_OF, output=tmp_path / "clean", cache_dir=tmp_path / "other")
    assert again == snapshot(tmp_path / "clean") != first


def test_a_photo_changed_in_place_is_seen_though_its_size_and_time_are_the_same(
        tmp_path: Path) -> None:
    """`cswgen serve` keeps each photo's cache key by the state of its file (a phone photo
    takes long to hash): bytes changed in place, at the same size, with the modification
    time set back, are still a new photo."""
    from cswgen.core.cache import Cache
    from cswgen.write.writer import Preview

    site, photo = _site_with_a_phone_photo(tmp_path)
    cache, preview = Cache(), Preview(tmp_path / "preview")
    build(site, as_of=AS_OF, cache=cache, preview=preview)
    before = os.stat(photo)
    _change_in_place(photo, before)
    assert os.stat(photo).st_size == before.st_size
    assert os.stat(photo).st_mtime_ns == before.st_mtime_ns
    first = snapshot(preview.folder)
    try:
        build(site, as_of=AS_OF, cache=cache, preview=preview)
    except SiteError:
        pytest.skip("the spliced JPEG does not decode here")
    build(site, as_of=AS_OF, output=tmp_path / "clean", cache_dir=tmp_path / "other")
    assert snapshot(preview.folder) == snapshot(tmp_path / "clean") != first


def test_a_content_file_changed_in_place_is_seen_though_its_size_and_time_are_the_same(
        built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The build's fingerprint takes a file's digest from `stats.pickle` while its status
    is what it was: bytes changed at the same size, with the modification time set back,
    still change its change time, so the file is read again and its pages made again."""
    from cswgen.read import fingerprint

    site, out = built
    monkeypatch.setattr(fingerprint, "RACY", 0)  # (the test's files are all brand new)
    build(site, as_of=AS_OF)  # the statuses are kept now
    assert (site / CACHE_FOLDER / fingerprint.STATS).is_file()
    log = out.parent / "read.log"  # (the sources are read in a process of their own)
    real = fingerprint._read_within

    def reading(path: str, limit: int) -> bytes | None:
        with open(log, "a", encoding="utf-8") as file:
            file.write(path + "\n")
        return real(path, limit)

    def read() -> list[str]:
        return log.read_text("utf-8").splitlines() if log.exists() else []

    monkeypatch.setattr(fingerprint, "_read_within", reading)
    build(site, as_of=AS_OF)
    assert read() == []  # nothing changed: no file was read
    story = site / "content/testimonials/t001.md"
    before = os.stat(story)
    text = story.read_text("utf-8")
    story.write_text(text.replace("Customer 1\n", "Customer X\n"), "utf-8")
    os.utime(story, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert os.stat(story).st_size == before.st_size
    assert os.stat(story).st_mtime_ns == before.st_mtime_ns
    build(site, as_of=AS_OF)
    assert read() == [str(story)]
    assert "Customer X" in (out / "testimonials/t001/index.html").read_text("utf-8")
    fresh = out.parent / "fresh"
    build(site, as_of=AS_OF, output=fresh, cache_dir=out.parent / "fresh-cache")
    assert snapshot(fresh) == snapshot(out)


def test_serve_reads_again_only_the_content_files_whose_status_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`cswgen serve` keeps each content file's status and digest in memory between its
    builds (`statuses`): a file whose status is the same is not read again, one changed in
    place (same size, modification time set back) is, and so are files added; a file
    removed is gone from the preview.  A file changed within `RACY` is read every time."""
    from cswgen.core.cache import Cache
    from cswgen.read import fingerprint
    from cswgen.write.writer import Preview

    site = write_site(tmp_path / "site", site_files(5))
    log: list[str] = []
    real = fingerprint._read_within

    def reading(path: str, limit: int) -> bytes | None:
        log.append(Path(path).name)
        return real(path, limit)

    monkeypatch.setattr(fingerprint, "_read_within", reading)
    cache, preview, statuses = Cache(), Preview(tmp_path / "preview"), fingerprint.Stats(None, 0)

    def served() -> list[str]:
        log.clear()
        build(site, as_of=AS_OF, cache=cache, preview=preview, statuses=statuses)
        return sorted(log)

    every = sorted([*(f"t{i:03d}.md" for i in range(5)), "farai.md", "monday.md"])
    assert served() == every
    assert served() == every  # (all written just now: none is known by its status yet)
    monkeypatch.setattr(fingerprint, "RACY", 0)  # (as if written a while ago)
    assert served() == every
    assert served() == []
    story = site / "content/testimonials/t001.md"
    before = os.stat(story)
    story.write_text(story.read_text("utf-8").replace("Customer 1\n", "Customer X\n"), "utf-8")
    os.utime(story, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (os.stat(story).st_size, os.stat(story).st_mtime_ns) == \
        (before.st_size, before.st_mtime_ns)
    (site / "content/testimonials/t004.md").unlink()
    linking = site / "content/testimonials/t003.md"  # (to t004.md: now to t009.md)
    linking.write_text(linking.read_text("utf-8").replace("t004.md", "t009.md"), "utf-8")
    (site / "content/testimonials/t009.md").write_text(
        "---\ncustomer: Customer Nine\n---\nNew.\n", "utf-8")
    assert served() == ["t001.md", "t003.md", "t009.md"]
    assert "Customer X" in (preview.folder / "testimonials/t001/index.html").read_text("utf-8")
    assert (preview.folder / "testimonials/t009/index.html").is_file()
    assert not (preview.folder / "testimonials/t004").exists()
    fresh = tmp_path / "fresh"
    build(site, as_of=AS_OF, output=fresh, cache_dir=tmp_path / "fresh-cache")
    assert {k: v for k, v in snapshot(preview.folder).items() if not k.startswith(".")} == \
        snapshot(fresh)


def test_a_file_changed_just_now_is_never_known_by_its_status(built: tuple[Path, Path]) -> None:
    """A file changed within `RACY` of the build may change again in the same tick of its
    clock without its times showing it: its status is not kept, so it is read next time."""
    from cswgen.read import fingerprint

    site, _ = built
    story = site / "content/testimonials/t001.md"
    story.write_text(story.read_text("utf-8") + "\nMore.\n", "utf-8")
    build(site, as_of=AS_OF)
    kept = pickle.loads((site / CACHE_FOLDER / fingerprint.STATS).read_bytes())[1]
    assert str(story) not in kept


def test_the_check_of_file_names_is_kept_for_the_same_names_only(
        built: tuple[Path, Path]) -> None:
    """The names of content's files are checked once for each list of names (the result
    is kept with the steps): a file added whose name differs from another's only in case
    is still refused, and the problem is said again on every build until it is gone."""
    site, _ = built
    clash = site / "content/testimonials/T001.md"
    clash.write_text((site / "content/testimonials/t001.md").read_text("utf-8"), "utf-8")
    for _ in range(2):  # the second time from the kept result
        with pytest.raises(SiteError) as failed:
            build(site, as_of=AS_OF)
        assert any(p.path == "content/testimonials/t001.md" and "only in upper and lower case"
                   in p.message for p in failed.value.problems), failed.value.problems
    clash.unlink()
    assert build(site, as_of=AS_OF).changed == []


def test_scaffold_text_added_to_a_body_is_found_though_the_clean_bodies_are_kept(
        built: tuple[Path, Path]) -> None:
    """The bodies found free of `cswgen add`'s example text are kept by their digests and
    not searched again; a body edited to hold it is a new digest, and is warned about on
    every build until the text is replaced."""
    site, _ = built
    story = site / "content/testimonials/t002.md"
    text = story.read_text("utf-8")
    build(site, as_of=AS_OF)  # the clean bodies are kept now
    story.write_text(text + "\nWrite the customer's words here, as they gave them.\n", "utf-8")
    for _ in range(2):
        warnings = [str(w) for w in build(site, as_of=AS_OF, shortcut=False).warnings]
        assert any(w.startswith("content/testimonials/t002.md:") and "example text" in w
                   for w in warnings), warnings
    story.write_text(text, "utf-8")
    assert not [w for w in build(site, as_of=AS_OF).warnings if "example text" in str(w)]


def built_with_base_url(tmp_path: Path, testimonials: int) -> Path:
    """A site with `testimonials` and a base_url (so that it has a sitemap), built once."""
    files = site_files(testimonials)
    files["config.toml"] = ('[site]\ntitle = "Test Week"\nbase_url = "https://csw.example/"\n'
                            '\n[week]\nyear = 2026\ntimezone = "Africa/Harare"\n')
    site = write_site(tmp_path / "site", files)
    build(site, as_of=AS_OF)
    return site


def test_the_sitemap_is_made_again_only_when_an_address_in_it_changes(tmp_path: Path) -> None:
    """It is keyed by the addresses it lists (and base_url): a body edited leaves it as it
    is; a page added, or another base_url, makes it again, with the new address."""
    site = built_with_base_url(tmp_path, 3)
    out = site / "output"
    sitemap = out / "sitemap.xml"
    first = sitemap.read_bytes()
    edited = site / "content/testimonials/t001.md"
    edited.write_text(edited.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    assert "sitemap.xml" not in build(site, as_of=AS_OF).changed
    assert sitemap.read_bytes() == first
    (site / "content/pages").mkdir()
    (site / "content/pages/faq.md").write_text("---\ntitle: FAQ\n---\nAsk.\n", "utf-8")
    assert "sitemap.xml" in build(site, as_of=AS_OF).changed
    assert b"<loc>https://csw.example/faq/</loc>" in sitemap.read_bytes()
    config = site / "config.toml"
    config.write_text(config.read_text("utf-8").replace("csw.example", "week.example"), "utf-8")
    assert "sitemap.xml" in build(site, as_of=AS_OF).changed
    assert b"<loc>https://week.example/faq/</loc>" in sitemap.read_bytes()


def test_a_shared_view_is_known_by_its_own_fields_and_its_bodys_digest() -> None:
    """Pages' keys name a testimonial's, person's or day's view by a digest of its fields
    but its body's, and of the body's digest (see `Views._with_body`): any field or body
    changed is another name, and a body known by no digest is looked through whole."""
    from cswgen.core.cache import SharedViews
    from cswgen.model.rendered import Rendered
    from cswgen.render.views import Views

    class Made(Views):
        def __init__(self) -> None:  # (just what `_with_body` needs)
            self._split = {}

    def ref(own: dict[str, Any], body: Rendered) -> str | None:
        made = Made()
        view = made._with_body(own, body, text=True)
        return SharedViews([view], {}, made._split).ref(view)

    long_html = "<p>" + "Thank you. " * 40 + "</p>"
    body = Rendered(html=long_html, text="Thank you.", digest="b1")
    first = ref({"title": "Kind", "rating": 5}, body)
    assert first == ref({"title": "Kind", "rating": 5}, body) is not None
    assert len({first, ref({"title": "Kind", "rating": 4}, body),
                ref({"title": "Kind", "rating": 5, "extra": {"x": 1}}, body),
                ref({"title": "Kind", "rating": 5}, Rendered(html=long_html, text="Thanks.",
                                                            digest="b2"))}) == 4
    # no digest: named by what it holds, the body's text included
    plain = [ref({"title": "Kind"}, Rendered(html=html)) for html in ("<p>a</p>", "<p>b</p>")]
    assert plain[0] != plain[1] and None not in plain


def test_kept_page_keys_never_keep_a_page_that_changed(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A testimonial's, person's or certificate's key is found again by its entry's view
    (see `render.pagekeys`; the check the tests run with is off here, so what was kept is
    what the build goes by).  Whatever such a page shows that changed, it is made again:
    its own entry, another entry it names, a setting or string shown on every page."""
    from cswgen.render.pagekeys import CHECK

    monkeypatch.delenv(CHECK)
    files = site_files(2)
    files["content/testimonials/t001.md"] = "---\ncustomer: Rudo\nstaff: [Farai Moyo]\n---\n"
    files["config.toml"] = ('[site]\ntitle = "Test Week"\ndescription = "We thank you."\n'
                            '\n[week]\nyear = 2026\ntimezone = "Africa/Harare"\n')
    site = write_site(tmp_path / "site", files)
    out = site / "output"
    build(site, as_of=AS_OF)

    def page(path: str) -> str:
        return (out / path / "index.html").read_text("utf-8")

    def rebuilt(relative: str, old: str, new: str) -> list[str]:
        source = site / relative
        source.write_text(source.read_text("utf-8").replace(old, new), "utf-8")
        return build(site, as_of=AS_OF).changed

    assert "We thank you." in page("testimonials/t001")  # (no body: the site's description)
    changed = rebuilt("content/testimonials/t000.md", "Customer 0", "Chipo Dube")
    assert "testimonials/t000/index.html" in changed and "Chipo Dube" in page("testimonials/t000")
    assert "honour-roll/farai/index.html" in changed  # (its list of who praised Farai)
    assert "Chipo Dube" in page("honour-roll/farai")
    assert "testimonials/t001/index.html" not in changed
    changed = rebuilt("content/honour-roll/farai.md", "Kind.", "Always kind.")
    assert "Always kind." in page("honour-roll/farai")
    assert "testimonials/t000/index.html" not in changed
    changed = rebuilt("config.toml", "We thank you.", "Thank you, Harare.")
    assert "Thank you, Harare." in page("testimonials/t001")
    assert {"testimonials/t001/index.html", "honour-roll/farai/certificate/index.html"} \
        <= set(changed)
    changed = rebuilt("content/honour-roll/farai.md", "Farai Moyo", "Farai Moyo-Dube")
    assert "Farai Moyo-Dube" in (out / "honour-roll/farai/certificate/index.html").read_text(
        "utf-8")


def test_a_plain_digest_is_one_digest_of_its_parts_and_never_another_kind() -> None:
    """`plain_digest` (cache keys made 10,000 times a build) names parts joined by NULs:
    parts that hold a NUL themselves are digested as `digest` does, so that no two lists
    of parts share a name."""
    from cswgen.core.digest import digest, plain_digest

    names = {plain_digest("entry", "a", "bc"), plain_digest("entry", "ab", "c"),
             plain_digest("entry", "a\x00b", "c"), plain_digest("entry", "a", "b\x00c"),
             plain_digest("entry", "abc"), digest("entry", "a", "bc")}
    assert len(names) == 6
    assert plain_digest("entry", "a\x00b", "c") == digest("entry", "a\x00b", "c")
    assert plain_digest("x", "y") == plain_digest("x", "y")


def test_a_saved_cache_holds_exactly_what_the_build_used(tmp_path: Path) -> None:
    """Files are rewritten only where something changed, yet each holds exactly the results
    the last build used: a new one added, one no longer used dropped, a file deleted
    meanwhile written again, the others left as they are (byte for byte, time and all)."""
    from cswgen.core.cache import Cache

    folder = tmp_path / "steps"
    first = Cache()
    for key in ("aa01", "aa02", "bb01", "cc01"):
        first.put(key, f"result {key}")
    first.save(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["aa.pickle", "bb.pickle", "cc.pickle"]
    untouched = (folder / "cc.pickle").stat().st_mtime_ns
    os.utime(folder / "cc.pickle", ns=(untouched - 10**9, untouched - 10**9))
    untouched -= 10**9

    second = Cache.load(folder)
    assert second.get("aa01") is not None and second.get("cc01") is not None  # used again
    second.get("bb01")
    second.put("dd01", "result dd01")  # a new result; aa02 is not used: it goes
    (folder / "bb.pickle").unlink()  # deleted while the build ran
    second.save(folder)

    third = Cache.load(folder)
    assert sorted(third._entries) == ["aa01", "bb01", "cc01", "dd01"]
    assert third.get("dd01") == ("result dd01", [])
    assert (folder / "cc.pickle").stat().st_mtime_ns == untouched  # nothing changed in it


def test_a_large_file_written_by_a_thread_is_in_place_and_recorded_as_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The feed (18 MB at 10,000 entries) is written by a thread while the few pages that
    changed are rendered: what lands is what a build from nothing makes, and the output's
    manifest records the file as it is on disk, so that the next build finds it in place."""
    site = built_with_base_url(tmp_path, 5)
    out = site / "output"
    monkeypatch.setattr(pages, "BIG", 0)  # every file made here written by a thread
    threads: list[str] = []
    real = threading.Thread.start

    def counted(self: threading.Thread) -> None:
        threads.append(self.name)
        real(self)

    monkeypatch.setattr(threading.Thread, "start", counted)
    edited = site / "content/testimonials/t001.md"
    edited.write_text(edited.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    (site / "content/pages").mkdir()  # (and the sitemap changes too)
    (site / "content/pages/faq.md").write_text("---\ntitle: FAQ\n---\nAsk.\n", "utf-8")
    changed = build(site, as_of=AS_OF).changed
    assert {"feed.xml", "sitemap.xml"} <= set(changed)
    assert {"write feed.xml", "write sitemap.xml"} <= set(threads)
    assert b"One more line." in (out / "feed.xml").read_bytes()
    fresh = tmp_path / "fresh"
    build(site, as_of=AS_OF, output=fresh, cache_dir=tmp_path / "fresh-cache")
    assert snapshot(fresh) == snapshot(out)
    before = times(out)
    assert build(site, as_of=AS_OF).changed == []
    assert times(out) == before
