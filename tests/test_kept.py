"""Bodies kept apart by the steps' cache (`core.kept`): written beside its files, read by a
rebuild only for the pages it makes again, and never the cause of a wrong page, whatever
happens to those files."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from cswgen.commands import build as building
from cswgen.commands.build import STEPS_FILE, build
from cswgen.core.cache import CACHE_FOLDER, TEXTS, Cache
from cswgen.core.errors import SiteError
from cswgen.core.kept import Kept, Source
from cswgen.read.fingerprint import LAST_BUILD
from cswgen.write.manifest import MANIFEST
from tests.helpers import write_site

AS_OF = date(2026, 10, 6)
STORIES = 12


def story(i: int, extra: str = "") -> str:
    return (f"---\ncustomer: Customer {i}\ntitle: Story {i}\n---\n"
            + f"Story number {i} of a kind and patient branch. " * 12
            + f"\n\n*Thank you* from customer {i}.{extra}\n")


def snapshot(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != MANIFEST}


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = write_site(tmp_path / "site", {
        f"content/testimonials/s{i:02d}.md": story(i) for i in range(STORIES)})
    build(folder, as_of=AS_OF)
    return folder


def fresh(site: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a first build of the site as it is now writes."""
    copy = tmp_path / "fresh"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(site / "content", copy / "content")
    shutil.copy(site / "config.toml", copy / "config.toml")
    build(copy, as_of=AS_OF)
    return snapshot(copy / "output")


def test_bodies_are_kept_beside_the_cache_and_a_rebuild_reads_only_those_it_shows_anew(
        site: Path, tmp_path: Path) -> None:
    steps = site / CACHE_FOLDER / STEPS_FILE
    pickles = b"".join(p.read_bytes() for p in steps.glob("*.pickle"))
    texts = b"".join(p.read_bytes() for p in steps.glob(f"*{TEXTS}"))
    assert b"from customer 3." not in pickles  # (the Markdown, HTML and text's end)
    assert b"*Thank you* from customer 3." in texts  # (the Markdown)
    assert b"<em>Thank you</em> from customer 3." in texts  # (the HTML)
    (site / "content/testimonials/s03.md").write_text(story(3, " Again."), "utf-8")
    building.one_shot_build(site, as_of=AS_OF, hold=True)
    steps_held = building._HELD[0]
    assert isinstance(steps_held, Cache)
    kept = [value for key in list(steps_held._entries) for value in _kept_in(
        steps_held._entries[key][0])]
    read = [k for k in kept if k._value is not None]
    # the Markdown, HTML and text of 12 bodies kept apart; those of the testimonials on
    # the list page that shows the edited one read (a theme may show every body there)
    assert len(kept) >= 3 * (STORIES - 1)
    assert len(read) < len(kept)
    building._HELD.clear()
    assert snapshot(site / "output") == fresh(site, tmp_path)


def _kept_in(value: object) -> list[Kept]:
    if isinstance(value, Kept):
        return [value]
    if isinstance(value, tuple | list):
        return [k for item in value for k in _kept_in(item)]
    body = getattr(value, "__dict__", {}).get("_body")
    return [body] if isinstance(body, Kept) else []


def swapped(files: list[Path]) -> None:
    aside = files[0].with_suffix(".aside")
    os.replace(files[0], aside)
    os.replace(files[1], files[0])
    os.replace(aside, files[1])


DAMAGE: dict[str, Callable[[list[Path]], object]] = {
    "a strings file removed": lambda files: files[0].unlink(),
    "a strings file cut short": lambda files: files[0].write_bytes(files[0].read_bytes()[:40]),
    "two strings files swapped": swapped,
    "a strings file of the same size, other bytes": lambda files: files[0].write_bytes(
        bytes(len(files[0].read_bytes()))),
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_strings_file_is_no_cache_not_a_wrong_page(site: Path, tmp_path: Path,
                                                              damage: str) -> None:
    files = sorted((site / CACHE_FOLDER / STEPS_FILE).glob(f"*{TEXTS}"))
    assert len(files) >= 2
    DAMAGE[damage](files)
    (site / CACHE_FOLDER / LAST_BUILD).unlink()  # (else nothing to do)
    (site / "content/testimonials/s05.md").write_text(story(5, " Once more."), "utf-8")
    build(site, as_of=AS_OF)
    assert snapshot(site / "output") == fresh(site, tmp_path)


def test_a_string_kept_apart_reads_what_its_file_held_when_loaded(tmp_path: Path) -> None:
    """A build reading a body its cache kept apart, while another build of the site
    replaces that file, reads what the file held when it was loaded."""
    folder = tmp_path / "steps"
    first = Cache()
    first.put("ab01", (Kept("first " * 100), "short"))
    first.save(folder)
    loaded = Cache.load(folder)
    found = loaded.get("ab01")
    assert found is not None
    value = found[0]
    assert isinstance(value, tuple) and isinstance(value[0], Kept)
    assert value[0]._value is None  # (not read yet)
    second = Cache()
    second.put("ab01", (Kept("second " * 100), "short"))
    second.save(folder)
    assert value[0].value == "first " * 100
    again = Cache.load(folder).get("ab01")
    assert again is not None and again[0] == (Kept("second " * 100), "short")
    assert repr(again[0]) == repr(("second " * 100, "short"))  # (a view's repr: its key)


def test_a_cache_saved_over_its_own_files_lets_go_of_them_first(tmp_path: Path) -> None:
    """Saving a loaded cache reads what it keeps and closes each file it replaces (Windows
    replaces no file held open); a string of it left unread then says so, never reads
    another file's bytes."""
    folder = tmp_path / "steps"
    first = Cache()
    first.put("ab01", Kept("kept " * 100))
    first.put("ab02", Kept("dropped " * 100))
    first.save(folder)
    loaded = Cache.load(folder)
    kept, dropped = loaded.get("ab01"), loaded._entries["ab02"]
    assert kept is not None and isinstance(kept[0], Kept) and isinstance(dropped[0], Kept)
    loaded.put("ab03", Kept("new " * 100))
    loaded.save(folder)  # (ab02 not used by this build: dropped)
    assert kept[0].value == "kept " * 100
    with pytest.raises(SiteError, match="replaced"):
        dropped[0].value  # noqa: B018
    again = Cache.load(folder)
    assert {key: value for key, (value, _) in again._entries.items()} == {
        "ab01": Kept("kept " * 100), "ab03": Kept("new " * 100)}


def test_a_string_is_read_where_the_system_has_no_pread(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """(Windows has no os.pread: a string is read by seeking, one at a time.)"""
    folder = tmp_path / "steps"
    first = Cache()
    first.put("ab01", (Kept("one " * 100), Kept("two " * 100)))
    first.save(folder)
    monkeypatch.delattr(os, "pread")
    found = Cache.load(folder).get("ab01")
    assert found is not None and found[0] == (Kept("one " * 100), Kept("two " * 100))


def test_a_file_of_the_cache_written_again_reads_its_strings_file_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One entry of a file changed: the strings of the others in it, not read by the
    build, are read with one read of their file (not one each), and are as they were."""
    folder = tmp_path / "steps"
    first = Cache()
    texts = {f"ab{n:02}": (Kept(f"body {n} " * 60), Kept(f"text {n} " * 60)) for n in range(40)}
    for key, value in texts.items():
        first.put(key, value)
    first.save(folder)
    loaded = Cache.load(folder)
    for key in texts:
        assert loaded.get(key) is not None
    reads: list[int] = []
    original = Source.read

    def counted(self: Source, at: int, size: int) -> bytes:
        reads.append(size)
        return original(self, at, size)

    monkeypatch.setattr(Source, "read", counted)
    loaded.put("ab00", (Kept("changed " * 60), "short"))
    loaded.save(folder)
    assert len(reads) == 1
    again = Cache.load(folder)
    assert {key: value for key, (value, _) in again._entries.items()} == {
        **texts, "ab00": (Kept("changed " * 60), "short")}
