"""Nothing lost: a build killed at any moment leaves the previous output byte for byte, or
the complete new one; builds started together take turns; a killed build's leftovers are
tidied by the next one."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import zlib
from datetime import date
from pathlib import Path

import pytest

from cswgen.commands.build import build
from cswgen.core.errors import SiteError
from cswgen.write import lock
from cswgen.write.manifest import MANIFEST, read_manifest
from cswgen.write.writer import STAGING_PREFIX, Staging
from tests.helpers import Run, large_site, no_traceback, write_site

AS_OF = "2026-10-06"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every published file's bytes (the manifest, which records file times, apart); the
    manifest must list exactly the files there are."""
    if not folder.exists():
        return {}
    files = {p.relative_to(folder).as_posix(): p.read_bytes()
             for p in sorted(folder.rglob("*")) if p.is_file()}
    manifest = files.pop(MANIFEST).decode("utf-8").splitlines()
    assert {line.split("\t")[-1] for line in manifest[1:]} == set(files)
    return files


def cswgen(site: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "cswgen", *args], cwd=site,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def edit(site: Path, version: int) -> None:
    """A change every page shows (the site's title) and one to a single page."""
    config = site / "config.toml"
    text = config.read_text("utf-8")
    head, _, rest = text.partition("\n")
    config.write_text(f'[site]\ntitle = "Week v{version}"\n' + rest.split("\n", 1)[1]
                      if head == "[site]" else text, "utf-8")
    (site / "content/testimonials/t000.md").write_text(
        f"---\ncustomer: Customer 000\n---\nVersion {version}.\n", "utf-8")


def reference(site: Path, folder: Path) -> dict[str, bytes]:
    """What a complete build of the site as it is now writes."""
    build(site, as_of=date.fromisoformat(AS_OF), output=folder)
    return snapshot(folder)


def leftovers(site: Path) -> list[str]:
    return sorted(p.name for p in site.iterdir() if p.name.startswith(STAGING_PREFIX))


@pytest.mark.slow
def test_a_build_killed_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    site = large_site(lambda files: write_site(tmp_path / "site", files), 80, 60)
    rng = random.Random(8)  # the same moments on every run
    started = time.perf_counter()
    first = cswgen(site, "build", "--as-of", AS_OF)
    assert first.wait(120) == 0, first.communicate()[1]
    duration = time.perf_counter() - started
    previous = snapshot(site / "output")
    killed_after_swap = 0
    for version in range(1, 9):
        edit(site, version)
        new = reference(site, tmp_path / f"reference{version}")
        process = cswgen(site, "build", "--as-of", AS_OF)
        time.sleep(rng.uniform(0.2, duration * 1.1))
        process.send_signal(signal.SIGKILL)
        process.wait(60)
        now = snapshot(site / "output")
        assert now in (previous, new), f"version {version}: output is neither old nor new"
        killed_after_swap += now == new
        # the next build tidies up and completes
        done = cswgen(site, "build", "--as-of", AS_OF)
        assert done.wait(120) == 0, done.communicate()[1]
        assert snapshot(site / "output") == new
        assert leftovers(site) == []
        previous = new
    print(f"{killed_after_swap} of 8 builds were killed after the swap")


def test_a_build_killed_between_moving_the_old_output_aside_and_the_new_one_in(
        tmp_path: Path) -> None:
    """The narrowest moment: the old output has been moved aside and the new one is not in
    place yet.  The next build puts the old one back before it does anything else."""
    # more than writer.SMALL_CHANGE files change, so the new output is swapped in whole
    site = large_site(lambda files: write_site(tmp_path / "site", files), 150, 60)
    (site / "content/pages").mkdir()
    (site / "content/pages/a.md").write_text("---\ntitle: A\n---\nOld.\n", "utf-8")
    build(site, as_of=date.fromisoformat(AS_OF))
    previous = snapshot(site / "output")
    (site / "content/pages/a.md").write_text("---\ntitle: A\n---\nNew.\n", "utf-8")
    config = site / "config.toml"  # every page changes
    config.write_text(config.read_text("utf-8").replace("Test Week", "Week"), "utf-8")
    code = ("import os, signal, sys; from datetime import date; from pathlib import Path\n"
            "from cswgen.commands.build import build\n"
            "real = os.replace\n"
            "def replace(src, dst):\n"
            "    real(src, dst)\n"
            "    if str(dst).endswith('-old'): os.kill(os.getpid(), signal.SIGKILL)\n"
            "os.replace = replace\n"
            f"build(Path({str(site)!r}), as_of=date.fromisoformat({AS_OF!r}))\n")
    killed = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert killed.returncode == -signal.SIGKILL
    assert not (site / "output").exists()  # the moment the next build must repair
    assert _recover_only(site) == previous
    build(site, as_of=date.fromisoformat(AS_OF))
    assert b"New." in (site / "output/a/index.html").read_bytes()
    assert leftovers(site) == []


def _recover_only(site: Path) -> dict[str, bytes]:
    from cswgen.write.writer import recover

    held = lock.BuildLock(site / "output")
    try:
        recover(site / "output")
    finally:
        held.release()
    return snapshot(site / "output")


def test_builds_started_together_take_turns(tmp_path: Path) -> None:
    site = large_site(lambda files: write_site(tmp_path / "site", files), 30, 30)
    processes = [cswgen(site, "build", "--as-of", AS_OF) for _ in range(3)]
    for process in processes:
        assert process.wait(180) == 0, process.communicate()[1]
    assert snapshot(site / "output")  # complete, as its manifest says
    assert leftovers(site) == []


def test_a_second_build_that_waited_too_long_says_why(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = write_site(tmp_path / "site", {})
    monkeypatch.setattr(lock, "WAIT_SECONDS", 0.3)
    held = lock.BuildLock(site / "output")
    try:
        with pytest.raises(SiteError) as caught:
            build(site, as_of=date.fromisoformat(AS_OF))
    finally:
        held.release()
    message = str(caught.value)
    assert message.startswith("output: another cswgen build (process "
                              f"{os.getpid()}) has been writing this output folder")
    assert "build again" in message
    assert not (site / "output").exists()
    build(site, as_of=date.fromisoformat(AS_OF))  # free again


def test_the_lock_of_a_killed_build_does_not_block(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {})
    code = ("import time; from pathlib import Path; from cswgen.write.lock import BuildLock\n"
            f"BuildLock(Path({str(site / 'output')!r})); print('held', flush=True)\n"
            "time.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
    holder.kill()
    holder.wait()
    # free at once: a build that waited even a moment for it would raise here
    lock.BuildLock(site / "output", wait=0).release()
    build(site, as_of=date.fromisoformat(AS_OF))


@pytest.mark.parametrize("moves", [1, 2, 3, 5, 7])
def test_a_build_killed_while_it_updates_a_few_files_in_place(tmp_path: Path,
                                                              moves: int) -> None:
    """When few files changed they are moved into the output folder one by one (and a page
    no longer made is removed); a build killed after any of those moves leaves the previous
    output or the new one, not a mix."""
    pages = {f"content/pages/p{i}.md": f"---\ntitle: P{i}\n---\nOld {i}.\n" for i in range(3)}
    site = write_site(tmp_path / "site", {**pages, "content/pages/zz.md": "---\ntitle: Z\n---\n"})
    build(site, as_of=date.fromisoformat(AS_OF))
    previous = snapshot(site / "output")
    (site / "content/pages/zz.md").unlink()
    for i in range(3):
        (site / f"content/pages/p{i}.md").write_text(f"---\ntitle: P{i}\n---\nNew {i}.\n")
    new = reference(site, tmp_path / "reference")
    code = ("import os, signal; from datetime import date; from pathlib import Path\n"
            "from cswgen.commands.build import build\n"
            "real, moved = os.replace, []\n"
            "def replace(src, dst):\n"
            "    real(src, dst)\n"
            "    if str(dst).endswith('index.html'): moved.append(dst)\n"
            f"    if len(moved) == {moves}: os.kill(os.getpid(), signal.SIGKILL)\n"
            "os.replace = replace\n"
            f"build(Path({str(site)!r}), as_of=date.fromisoformat({AS_OF!r}))\n")
    killed = subprocess.run([sys.executable, "-c", code], capture_output=True)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert _recover_only(site) in (previous, new)
    build(site, as_of=date.fromisoformat(AS_OF))
    assert snapshot(site / "output") == new
    assert leftovers(site) == []


@pytest.mark.parametrize("settled", [False, True])
def test_a_file_rendered_as_unchanged_that_another_build_changed_is_asked_for_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settled: bool) -> None:
    """`settled`: the manifest is old enough for its status to stand for it (a commit
    then reads it again only when its status changed: another build's commit changes it)."""
    if settled:
        from cswgen.write import manifest

        monkeypatch.setattr(manifest, "RACY", 0)
    output = tmp_path / "output"
    first = Staging(output)
    first.write("a.html", "a1", zlib.compress(b"one"))
    first.write("b.html", "b1", zlib.compress(b"two"))
    assert first.commit() == []
    ours = Staging(output)  # renders while...
    assert ours.unchanged("a.html", "a1") and not ours.unchanged("b.html", "b2")
    ours.write("a.html", "a1", None)
    ours.write("b.html", "b2", zlib.compress(b"TWO"))
    theirs = Staging(output)  # ... another build of the same output finishes first
    theirs.write("a.html", "a9", zlib.compress(b"NINE"))
    theirs.write("b.html", "b1", zlib.compress(b"two"))
    assert theirs.commit() == []
    assert ours.commit() == ["a.html"]
    assert (output / "a.html").read_bytes() == b"NINE"  # nothing moved yet
    assert not list(tmp_path.glob(f"{STAGING_PREFIX}*"))
    ours.redo("a.html", zlib.compress(b"one"))
    assert ours.commit() == []
    assert (output / "a.html").read_bytes() == b"one"
    assert (output / "b.html").read_bytes() == b"TWO"


def test_a_build_still_rendering_keeps_the_files_it_stored_when_another_tidies_up(
        tmp_path: Path) -> None:
    """Pages are stored in the staging folder as they are made, before the build takes
    the lock; a build that takes it meanwhile tidies what killed builds left, and must
    not take this one's folder for such."""
    site = write_site(tmp_path / "site", {})
    ours = Staging(site / "output")
    ours.reserve()
    stored = ours.store("early/index.html", b"<p>made first</p>")
    assert leftovers(site)  # its folder, and the mark that it is in use
    other = cswgen(site, "build", "--as-of", AS_OF)  # another build, start to end
    assert other.wait(120) == 0, other.communicate()[1]
    assert (ours.folder / "early/index.html").read_bytes() == b"<p>made first</p>"
    ours.write("early/index.html", "e1", stored)
    assert ours.commit() == []
    assert (site / "output/early/index.html").read_bytes() == b"<p>made first</p>"
    assert read_manifest(site / "output")["early/index.html"] == ("e1", *stored)
    assert leftovers(site) == []


def test_the_files_a_killed_build_stored_are_tidied_by_the_next(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {})
    code = ("from pathlib import Path; from cswgen.write.writer import Staging\n"
            f"ours = Staging(Path({str(site / 'output')!r})); ours.reserve()\n"
            "ours.store('a/index.html', b'half a build'); print('stored', flush=True)\n"
            "import time; time.sleep(120)\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline() == b"stored\n"
    holder.kill()
    holder.wait()
    assert len(leftovers(site)) == 2  # the folder and its mark
    build(site, as_of=date.fromisoformat(AS_OF))
    assert leftovers(site) == []
    assert not (site / "output/a").exists()


def _holding(site: Path) -> subprocess.Popen[bytes]:
    """Another process that holds the build lock of `site`'s output until killed."""
    code = ("import time; from pathlib import Path; from cswgen.write.lock import BuildLock\n"
            f"held = BuildLock(Path({str(site / 'output')!r})); print('held', flush=True)\n"
            "time.sleep(120)\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
    return holder


def test_a_second_build_says_once_that_it_waits_for_the_first(tmp_path: Path) -> None:
    """A build that waits for another one says so at once, on standard error: half a
    minute of silence looks like a hang.  It goes on by itself when the other ends."""
    site = write_site(tmp_path / "site", {})
    holder = _holding(site)
    try:
        waiting = cswgen(site, "build", "--as-of", AS_OF)
        assert waiting.stderr is not None
        line = waiting.stderr.readline().decode("utf-8")
        assert line == (f"Waiting for another cswgen build (process {holder.pid}) to finish "
                        "writing output/ (up to 30 seconds)...\n")
        time.sleep(0.5)
        assert waiting.poll() is None  # (still waiting: said once, not once a poll)
    finally:
        holder.kill()
        holder.wait()
    stdout, stderr = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, stderr
    assert stderr == b"" and stdout.startswith(b"Built ")
    assert (site / "output/index.html").is_file()


def test_a_wait_that_runs_out_is_a_message_and_status_1(
        run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = write_site(tmp_path / "site", {})
    monkeypatch.setattr(lock, "WAIT_SECONDS", 2.0)
    holder = _holding(site)
    try:
        outcome = run(site, "build", "--as-of", AS_OF)
    finally:
        holder.kill()
        holder.wait()
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert outcome.lines == [
        f"Waiting for another cswgen build (process {holder.pid}) to finish writing output/ "
        "(up to 2 seconds)...",
        f"output: another cswgen build (process {holder.pid}) has been writing this output "
        f"folder for more than 2 seconds; wait for it to finish (or stop it) and build again. "
        f"The lock is .cswgen-lock in {site}; the system releases it when that build ends",
        "Build failed: 1 error. Nothing was written; the output folder is as it was."]
    assert not (site / "output").exists()


def _children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):  # (it ended meanwhile)
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux's /proc")
@pytest.mark.parametrize("helpers", [1, 2])
def test_a_killed_build_leaves_no_helper_running(tmp_path: Path, helpers: int) -> None:
    """SIGKILL (out of memory, a cancelled CI job) gives a build no chance to stop its
    helpers: they end with it rather than wait for good on a pipe nobody reads."""
    site = large_site(lambda files: write_site(tmp_path / "site", files), 400, 150)
    process = cswgen(site, "build", "--as-of", AS_OF)
    seen: set[int] = set()
    deadline = time.monotonic() + 60
    while len(seen) < helpers and process.poll() is None and time.monotonic() < deadline:
        seen = _children(process.pid)
        time.sleep(0.005)
    assert len(seen) >= helpers, "the build never started its helpers"
    process.send_signal(signal.SIGKILL)
    process.wait(60)
    gone = time.monotonic() + 10
    while any(_alive(pid) for pid in seen) and time.monotonic() < gone:
        time.sleep(0.05)
    left = [pid for pid in seen if _alive(pid)]
    for pid in left:  # (so that a failing run does not leave them either)
        os.kill(pid, signal.SIGKILL)
    assert left == [], f"helpers {left} outlived the killed build"


def test_a_roll_back_puts_a_file_back_where_the_build_had_made_a_folder(
        tmp_path: Path) -> None:
    """A build killed after it moved `feed.xml` aside and wrote `feed.xml/a.txt` in its
    place: the roll-back (which every later build tries until it succeeds) must put the
    old file back, not stop at the folder and leave the site unbuildable."""
    from cswgen.write import journal

    output, undo = tmp_path / "output", tmp_path / "undo"
    output.mkdir()
    (output / MANIFEST).write_text("old manifest\n", "utf-8")
    (output / "feed.xml").write_text("<feed/>\n", "utf-8")
    (output / "about").mkdir()
    (output / "about/index.html").write_text("about\n", "utf-8")
    before = {p.relative_to(output).as_posix(): p.read_bytes()
              for p in output.rglob("*") if p.is_file()}
    journal.start(undo, output, ["feed.xml", "feed.xml/a.txt", "about/index.html",
                                 "about/index.html/x", "new/page/index.html"], MANIFEST)
    journal.set_aside(undo, output, "feed.xml")
    (output / "feed.xml").mkdir()
    (output / "feed.xml/a.txt").write_text("new\n", "utf-8")
    (output / "new/page").mkdir(parents=True)
    (output / "new/page/index.html").write_text("new\n", "utf-8")
    journal.roll_back(undo, output, MANIFEST)
    after = {p.relative_to(output).as_posix(): p.read_bytes()
             for p in output.rglob("*") if p.is_file()}
    assert after == before
    assert sorted(p.name for p in output.iterdir()) == sorted([MANIFEST, "about", "feed.xml"])
    assert not undo.exists()
