"""`cswgen build` with nothing to do, answered from the last build's stamp before anything
heavy loads: only when nothing it read and nothing it wrote has changed since, down to a
file's change time; anything else runs the build."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from cswgen.__main__ import build_options
from cswgen.commands import stamp
from cswgen.commands.build import build
from cswgen.core.cache import CACHE_FOLDER
from cswgen.core.errors import SiteError
from cswgen.core.status import look
from cswgen.read import fingerprint
from tests.helpers import write_site

AS_OF = date(2026, 10, 6)
FILES = {
    "content/honour-roll/farai.md": "---\nname: Farai Moyo\naward: Rising Star\n---\nKind.\n",
    "content/testimonials/t1.md": "---\ncustomer: Ama\nstaff: [Nobody Known]\n---\nQuick.\n",
    "content/testimonials/t2.md": "---\ncustomer: Kofi\nstaff: [Farai Moyo]\n---\nKind.\n",
}


@pytest.fixture(autouse=True)
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test's files are all brand new: trust them (see `fingerprint.RACY`)."""
    monkeypatch.setattr(fingerprint, "RACY", 0)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Path]:
    folder = write_site(tmp_path / "site", FILES)
    first = build(folder, as_of=AS_OF)
    assert any("Nobody Known" in p.message for p in first.warnings)
    here = Path.cwd()
    os.chdir(folder / "content" / "testimonials")  # (found from a folder inside the site too)
    yield folder
    os.chdir(here)


def answered(*, as_of: date | None = AS_OF, drafts: bool = False, portable: bool = False,
             output: str | None = None) -> stamp.Done | None:
    return stamp.nothing_to_do(os.getcwd(), as_of, drafts, portable, output)


def test_nothing_to_do_says_what_the_last_build_said(site: Path) -> None:
    last = build(site, as_of=AS_OF)
    assert last.changed == []
    done = answered()
    assert done == (str(site.resolve() / "output"), last.pages, last.files,
                    [str(w) for w in last.warnings])


def same_size_and_time(path: Path, text: str) -> None:
    """`text` written over the file at the same size, its modification time set back."""
    before = os.stat(path)
    assert len(text.encode()) == before.st_size
    path.write_text(text, "utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


CHANGES: dict[str, Callable[[Path], object]] = {
    "content edited at the same size and time": lambda site: same_size_and_time(
        site / "content/testimonials/t2.md",
        (site / "content/testimonials/t2.md").read_text("utf-8").replace("Kind", "Good")),
    "content added": lambda site: (site / "content/testimonials/t3.md").write_text(
        "---\ncustomer: Esi\n---\nThanks.\n", "utf-8"),
    "content added in a new folder": lambda site: write_site(site, {
        "content/pages/faq.md": "---\ntitle: FAQ\n---\nAsk.\n"}),
    "content removed": lambda site: (site / "content/testimonials/t2.md").unlink(),
    "config.toml edited": lambda site: (site / "config.toml").write_text(
        (site / "config.toml").read_text("utf-8") + "\n", "utf-8"),
    "a theme of the site's own": lambda site: (site / "themes/classic/templates").mkdir(
        parents=True),
    "an output page edited": lambda site: (site / "output/index.html").write_text(
        (site / "output/index.html").read_text("utf-8") + "<!-- mine -->", "utf-8"),
    "an output page removed": lambda site: (site / "output/index.html").unlink(),
    "a file put into the output": lambda site: (site / "output/testimonials/mine.html")
    .write_text("mine", "utf-8"),
    "the output's manifest edited": lambda site: (site / "output/.cswgen-manifest")
    .write_text("", "utf-8"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_any_change_to_what_a_build_reads_or_wrote_runs_the_build(site: Path,
                                                                  change: str) -> None:
    assert answered() is not None
    assert not stamp.saw_an_edit()
    CHANGES[change](site)
    assert answered() is None
    # an input edited: the build that follows imports what it will need at once
    assert stamp.saw_an_edit() == change.startswith(("content", "config", "a theme"))


def test_other_options_are_another_build(site: Path, tmp_path: Path) -> None:
    assert answered(output=str(site / "output")) is not None  # (the same folder)
    assert answered(as_of=date(2026, 10, 7)) is None
    assert answered(drafts=True) is None
    assert answered(portable=True) is None
    assert answered(output=str(tmp_path / "elsewhere")) is None


def test_a_symbolic_link_pointed_elsewhere_runs_the_build(tmp_path: Path) -> None:
    write_site(tmp_path, {"a.md": "---\ncustomer: A\n---\nOne.\n",
                          "b.md": "---\ncustomer: A\n---\nTwo.\n"})
    site = write_site(tmp_path / "site", FILES)
    link = site / "content/testimonials/linked.md"
    link.symlink_to(tmp_path / "a.md")
    build(site, as_of=AS_OF)
    assert stamp.nothing_to_do(str(site), AS_OF, False, False, None) is not None
    link.unlink()
    link.symlink_to(tmp_path / "b.md")
    assert stamp.nothing_to_do(str(site), AS_OF, False, False, None) is None


def test_cswgens_own_code_and_libraries_are_part_of_what_a_build_read(site: Path) -> None:
    read = {path for path, _ in pickle_of(site)["read"]}
    package = Path(stamp.__file__).resolve().parent.parent
    assert str(package / "commands" / "build.py") in read
    assert str(package / "render" / "templates.py") in read
    assert any(folder.endswith("site-packages") for folder in read)


def pickle_of(site: Path) -> dict[str, list[tuple[str, object]]]:
    """The stamp's tables of paths, each path with its status."""
    import pickle

    found = pickle.loads((site / CACHE_FOLDER / stamp.STAMP).read_bytes())
    assert isinstance(found, dict)
    return {name: list(stamp.rows(found[name])) for name in ("read", "links", "folders")}


EDITS: dict[str, Callable[[Path], object]] = {
    "an entry edited": lambda site: (site / "content/testimonials/t2.md").write_text(
        "---\ncustomer: Kofi\nstaff: [Farai Moyo]\n---\nKind and quick.\n", "utf-8"),
    "an entry added": CHANGES["content added"],
    "a page in a folder of its own": CHANGES["content added in a new folder"],
    "an entry removed": CHANGES["content removed"],
    "nothing": lambda site: None,
}


@pytest.mark.parametrize("edit", EDITS)
def test_a_build_that_changed_a_few_files_leaves_a_stamp_true_to_every_folder(
        site: Path, edit: str) -> None:
    """A build that changes a few files in place keeps the statuses of the output's other
    folders from its survey, made before it wrote (a tenth of a second at 10,000 entries):
    every folder's status in the stamp is still what the folder has, so the next build
    with nothing to do is answered."""
    EDITS[edit](site)
    result = build(site, as_of=AS_OF)
    assert (edit == "nothing") == (result.changed == [])
    folders = {os.path.normpath(path): status for path, status in pickle_of(site)["folders"]}
    output = str((site / "output").resolve())
    on_disk = {output} | {str(p) for p in Path(output).rglob("*") if p.is_dir()}
    assert set(folders) == on_disk
    for path, status in folders.items():
        info = os.stat(path)
        assert status == (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns,
                          info.st_ctime_ns), path
    assert answered() is not None


def test_no_stamp_while_an_input_has_just_changed_and_none_after_a_failed_build(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fingerprint, "RACY", 10**18)  # every file changed "just now"
    story = site / "content/testimonials/t2.md"
    story.write_text(story.read_text("utf-8") + "More.\n", "utf-8")
    build(site, as_of=AS_OF)
    assert not (site / CACHE_FOLDER / stamp.STAMP).exists()
    assert answered() is None
    monkeypatch.setattr(fingerprint, "RACY", 0)
    build(site, as_of=AS_OF)  # nothing to do, and now trusted: stamped
    assert answered() is not None
    story.write_text("---\ncustomer: [\n---\nBroken.\n", "utf-8")
    with pytest.raises(SiteError):
        build(site, as_of=AS_OF)
    assert answered() is None


def test_only_the_plainest_build_command_is_answered_before_click() -> None:
    assert build_options(["build"]) == {}
    assert build_options(["build", "--as-of=2026-10-06", "--drafts", "--output", "out"]) == {
        "--as-of": "2026-10-06", "--drafts": True, "--output": "out"}
    # (pasted from Word into a Mac's Terminal, in its curly quotes: read as Click reads them)
    assert build_options(["build", "--as-of", "“2026-10-06”", "--output=‘out’"]) == {
        "--as-of": "2026-10-06", "--output": "out"}
    for other in (["serve"], [], ["build", "--debug"], ["build", "--help"], ["build", "-h"],
                  ["build", "--as-of"], ["build", "--output", "--drafts"],
                  ["build", "--drafts", "--drafts"], ["build", "--drafts=yes"], ["build", "x"]):
        assert build_options(other) is None, other


@pytest.mark.parametrize("as_of", ["2026-10-06", "“2026-10-06”"])  # (as pasted from Word)
def test_cswgen_build_with_nothing_to_do_loads_nothing_heavy(tmp_path: Path, as_of: str) -> None:
    """The real command, as a user runs it: the second build says what the first said,
    and Python's own import log shows that Click, Jinja, Markdown, YAML, Pillow and Babel
    never loaded."""
    site = write_site(tmp_path / "site", FILES)
    env = dict(os.environ, PYTHONPATH=str(Path(stamp.__file__).resolve().parents[2]))
    first = subprocess.run(
        [sys.executable, "-c", "import sys; from cswgen.read import fingerprint; "
         "fingerprint.RACY = 0; from cswgen.__main__ import main; main()",
         "build", "--as-of", "2026-10-06"],
        cwd=site, env=env, capture_output=True, text=True, check=True)
    again = subprocess.run([sys.executable, "-X", "importtime", "-m", "cswgen", "build",
                            "--as-of", as_of],
                           cwd=site, env=env, capture_output=True, text=True, check=True)
    imported = {line.rsplit("|", 1)[1].strip() for line in again.stderr.splitlines()
                if line.startswith("import time:")}
    said = [line for line in again.stderr.splitlines() if not line.startswith("import time:")]
    assert "cswgen.commands.stamp" in imported
    assert not {"click", "jinja2", "markdown", "yaml", "PIL", "babel"} & imported
    assert said == first.stderr.splitlines() and any("Nobody Known" in s for s in said)
    assert again.stdout.startswith("Built ") and "into output/ (nothing changed)" in again.stdout
    assert first.stdout.split(" in ")[0] == again.stdout.split(" in ")[0]


def test_a_path_that_was_not_there_is_kept_as_missing_and_its_arrival_noticed(
        tmp_path: Path) -> None:
    here, gone = tmp_path / "here.txt", tmp_path / "gone.txt"
    here.write_text("a", "utf-8")
    table = stamp._statuses("", [(str(here), look(str(here), "file")),
                                 (str(gone), None)])
    assert stamp.rows(table) == [(str(here), look(str(here), "file")), (str(gone), None)]
    assert stamp._same(table, os.stat)
    gone.write_text("b", "utf-8")
    assert not stamp._same(table, os.stat)
    gone.unlink()
    here.write_text("changed", "utf-8")
    assert not stamp._same(table, os.stat)
    assert stamp._same(stamp._statuses("", []), os.stat)


def scanned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders `os.scandir` reads from now on, in this process."""
    seen: list[str] = []
    real = os.scandir

    def scandir(path: str) -> object:
        seen.append(str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return seen


def test_the_survey_after_a_stamp_reads_only_the_folders_that_changed(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build after a stamp surveys the output from what the stamp says each folder
    held: a folder whose status is unchanged holds the same names, so only each of them is
    looked at.  A file put into a folder, one removed and one edited in place are found as
    a full survey finds them."""
    from cswgen.write.output import CHECK, survey

    monkeypatch.setattr(stamp, "RACY", 0)  # (the test's folders are all brand new)
    monkeypatch.delenv(CHECK)  # (each quick survey is compared with a full one here)
    output = (site / "output").resolve()
    assert answered() is not None
    left = stamp.left_output(str(output))
    assert left is not None
    folders = [p for p in output.rglob("*") if p.is_dir()]
    assert len(folders) >= 8
    seen = scanned(monkeypatch)
    assert survey(output, left) == survey(output)
    assert len(seen) == 1 + len(folders) + 1  # the output folder itself read, every time
    time.sleep(0.05)  # (past the tick of the clock a folder's last status was taken in)
    story = next(p for p in (output / "testimonials").iterdir() if p.is_dir())
    (story / "mine.html").write_text("mine", "utf-8")
    page = next(p for p in output.rglob("index.html") if p.parent not in (output, story))
    page.write_text(page.read_text("utf-8") + "<!-- mine -->", "utf-8")
    gone = next(p for p in (output / "honour-roll").rglob("index.html") if p.parent != story)
    gone.unlink()
    del seen[:]
    quick, full = survey(output, left), survey(output)
    assert quick == full and quick.folders == full.folders
    assert "testimonials/" + story.name + "/mine.html" in quick
    assert gone.relative_to(output).as_posix() not in quick
    assert quick[page.relative_to(output).as_posix()][0] == page.stat().st_size
    read_quickly = seen[:seen.index(str(output), 1)]
    assert sorted(read_quickly) == sorted([str(output), str(story), str(gone.parent)])


def test_the_build_after_a_stamp_finds_what_was_done_to_the_output(
        site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the output surveyed from the stamp: a file put into it is refused, a page
    removed or edited in place is written again."""
    monkeypatch.setattr(stamp, "RACY", 0)
    output = site / "output"
    time.sleep(0.05)
    edited, removed = output / "honour-roll/index.html", output / "testimonials/index.html"
    before = edited.read_text("utf-8")
    edited.write_text(before + "<!-- mine -->", "utf-8")
    removed.unlink()
    foreign = next(p for p in (output / "testimonials").iterdir() if p.is_dir()) / "mine.html"
    foreign.write_text("mine", "utf-8")
    story = site / "content/testimonials/t2.md"
    story.write_text(story.read_text("utf-8") + "More.\n", "utf-8")
    assert answered() is None
    with pytest.raises(SiteError, match=r"mine\.html"):
        build(site, as_of=AS_OF)
    foreign.unlink()
    assert answered() is None
    result = build(site, as_of=AS_OF)
    assert edited.read_text("utf-8") == before and removed.exists()
    assert {"honour-roll/index.html", "testimonials/index.html"} <= set(result.changed)
