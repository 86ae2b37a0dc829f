"""`cswgen publish` to a folder, a zip file and a local git repository: each against the
real thing (a folder, zipfile, a bare repository made by `git`), through the command line
a person uses.  SFTP and git over SSH, which need an SSH server, are in
test_publish_ssh.py."""

from __future__ import annotations

import json
import os
import pty
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.helpers import (
    AS_OF,
    GOOD,
    MINIMAL_CONFIG,
    RECORD,
    REPO,
    MakeSite,
    Run,
    built,
    ctrl_c_as_at_a_terminal,
    ctrl_c_at_a_question,
    git,
    no_traceback,
    published,
    snapshot,
    write,
)

PAGES = {f"content/pages/page-{n}.md": f"---\ntitle: Page {n}\n---\nAbout {n}.\n"
         for n in range(12)}


@pytest.fixture
def site(make_site: MakeSite) -> Path:
    return make_site({**GOOD, **PAGES})


def test_a_folder_gets_the_site_and_keeps_files_publish_did_not_put_there(
        site: Path, run: Run, tmp_path: Path) -> None:
    target = tmp_path / "www"
    write(target, {"foreign.txt": "IT's own file\n", "foreign/web.config": "<x/>\n"})
    outcome = run(site, "publish", str(target), *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert published(target) == built(site)
    assert (target / "foreign.txt").read_text() == "IT's own file\n"
    assert (target / "foreign/web.config").read_text() == "<x/>\n"
    pages = len([p for p in built(site) if p.endswith(".html")])
    assert outcome.stdout.startswith(f"Published {pages} pages to {target} in ")
    assert f"{len(built(site))} added" in outcome.stdout

    again = run(site, "publish", str(target), *AS_OF)
    assert again.stdout.strip() == (f"Nothing to publish: the {pages} pages at {target} are "
                                    "up to date.")


def test_a_file_not_published_by_cswgen_where_the_site_has_one_stops_the_publish(
        site: Path, run: Run, tmp_path: Path) -> None:
    target = tmp_path / "www"
    write(target, {"robots.txt": "User-agent: *\nDisallow: /intranet/\n",
                   "page-3/index.html": "<h1>IT's own page</h1>\n"})
    before = snapshot(target)
    outcome = run(site, "publish", str(target), *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert f"{target} already has 2 files that cswgen did not publish" in outcome.stderr
    assert "(page-3/index.html, robots.txt); publishing would replace them" in outcome.stderr
    assert "--force" in outcome.stderr
    assert snapshot(target) == before, "a refused publish changed the folder"

    # a file that is the site's own, byte for byte, is taken as published: no refusal
    (target / "robots.txt").write_bytes((site / "output/robots.txt").read_bytes())
    outcome = run(site, "publish", str(target), *AS_OF)
    assert outcome.exit_code == 1
    assert "already has a file that cswgen did not publish where the site has its own " \
           "(page-3/index.html); publishing would replace it" in outcome.stderr

    outcome = run(site, "publish", str(target), "--force", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert published(target) == built(site)
    write(site, {"content/pages/page-3.md": "---\ntitle: Page 3\n---\nChanged.\n"})
    outcome = run(site, "publish", str(target), *AS_OF)  # publish's own now
    assert outcome.exit_code == 0, outcome.stderr
    assert ": 1 changed" in outcome.stdout


def test_a_file_where_the_site_has_a_folder_stops_the_publish_before_anything_changes(
        site: Path, run: Run, tmp_path: Path) -> None:
    """IT's file `page-3` (a redirect with no extension) where the site has the folder
    `page-3/`, and a folder `feed.xml/` where it has a file: publish copied files in, then
    stopped part-way with "File exists", --force or not."""
    target = tmp_path / "www"
    write(target, {"page-3": "Redirect /page-3 /new-page-3\n", "feed.xml/old.xml": "<x/>\n"})
    refused_each_time(site, run, target, ((), ("--force",)), (
        f"Cannot publish: {target} has files or folders in the way of the site's own: "
        "page-3 (a file; the site has a folder there), feed.xml (a folder; the site has "
        "a file there). Nothing was published. Move them out of the way (or ask whoever "
        "put them there), then publish again"))


def refused_each_time(site: Path, run: Run, target: Path, ways: tuple[tuple[str, ...], ...],
                      message: str) -> None:
    """Publishing to `target` with each of `ways` (options) is refused with `message`, and
    the target (a folder or a file) stays as it was."""
    def state() -> object:
        return target.read_bytes() if target.is_file() else snapshot(target)

    before = state()
    for options in ways:
        outcome = run(site, "publish", str(target), *options, *AS_OF)
        no_traceback(outcome)
        assert (outcome.exit_code, outcome.stderr.strip()) == (1, message)
        assert state() == before, "a refused publish changed the target"


def test_a_file_there_that_the_site_has_a_copy_of_stays_theirs(
        site: Path, run: Run, tmp_path: Path) -> None:
    """IT's .htaccess is in the server's folder, and the comms team put a copy of it in
    content/: publishing leaves it as it is, and when the copy leaves the site, IT's file
    stays (publish did not put it there); a different copy is refused as for any file of
    theirs."""
    target = tmp_path / "www"
    rules = "Require all granted\nOptions -Indexes\n"
    write(target, {".htaccess": rules})
    write(site, {"content/.htaccess": rules})
    outcome = run(site, "publish", str(target), *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert ".htaccess" not in json.loads((target / RECORD).read_text())["files"]

    write(site, {"content/.htaccess": rules + "# the site's own\n"})
    outcome = run(site, "publish", str(target), *AS_OF)
    assert outcome.exit_code == 1
    assert "already has a file that cswgen did not publish where the site has its own " \
           "(.htaccess)" in outcome.stderr

    (site / "content/.htaccess").unlink()
    outcome = run(site, "publish", str(target), *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.startswith("Nothing to publish"), outcome.stdout
    assert (target / ".htaccess").read_text() == rules


def test_a_link_to_nothing_where_the_site_has_a_file_is_someone_s_and_refused(
        site: Path, run: Run, tmp_path: Path) -> None:
    """IT's robots.txt is a link to a shared file that is not there just now: it is theirs
    as much as a file would be, not a free place that publish may write over."""
    target = tmp_path / "www"
    target.mkdir()
    (target / "robots.txt").symlink_to(tmp_path / "shared/robots.txt")
    outcome = run(site, "publish", str(target), *AS_OF)
    assert outcome.exit_code == 1
    assert "already has a file that cswgen did not publish where the site has its own " \
           "(robots.txt)" in outcome.stderr
    assert (target / "robots.txt").is_symlink() and not (target / RECORD).exists()


def test_an_address_pasted_in_word_s_quotes_is_read_without_them(
        site: Path, run: Run, tmp_path: Path) -> None:
    """IT's instructions, a Word document: `cswgen publish “csw.zip”` pasted into a Mac's
    Terminal made a folder named “csw.zip” inside the site, and “/srv/web/csw” a message
    about a folder named “ there."""
    outcome = run(site, "publish", "“csw.zip”", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert zipfile.is_zipfile(site / "csw.zip")
    assert not [p.name for p in site.iterdir() if "“" in p.name]
    outcome = run(site, "publish", f"‘{tmp_path / 'www'}’", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert published(tmp_path / "www") == built(site)


def test_a_bare_word_names_a_publish_table_not_a_folder(
        site: Path, run: Run, tmp_path: Path) -> None:
    outcome = run(site, "publish", "staging", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert "config.toml has no [publish] targets" in outcome.stderr
    assert "write ./staging" in outcome.stderr
    assert not (site / "staging").exists() and not (site / "output").exists()
    outcome = run(site, "publish", "./staging", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert published(site / "staging") == built(site)


def test_files_the_site_no_longer_has_are_removed_and_only_those(
        site: Path, run: Run, tmp_path: Path) -> None:
    target = tmp_path / "www"
    assert run(site, "publish", str(target), *AS_OF).exit_code == 0
    write(target, {"pages/page-0/foreign-notes.txt": "kept\n"})  # hypothetical IT file
    (site / "content/pages/page-0.md").unlink()
    (site / "content/pages/page-1.md").unlink()
    write(site, {"content/pages/page-2.md": "---\ntitle: Page 2\n---\nChanged.\n"})
    outcome = run(site, "publish", str(target), *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert ": 1 changed, 2 removed" in outcome.stdout  # pages 0 and 1
    assert not (target / "page-1").exists(), "an emptied folder is removed too"
    assert (target / "pages/page-0/foreign-notes.txt").read_text() == "kept\n"
    assert published(target) == {**built(site), "pages/page-0/foreign-notes.txt": b"kept\n"}


def test_a_file_whose_name_is_near_the_longest_a_disk_allows_is_published(
        make_site: MakeSite, run: Run, tmp_path: Path) -> None:
    """A download named as long as a file name may be (255 bytes on Linux, macOS and
    Windows disks: a report's full title, in a language with accents): its temporary name
    beside it, which is longer, is cut to fit, and it is published as it is named, to a
    folder and into a zip; it is also removed when the site drops it."""
    long = ("Rapport-annuel-sur-la-qualité-du-service-à-la-clientèle-" * 5)[:236] + ".pdf"
    assert 240 < len(long.encode("utf-8")) <= 255
    site = make_site({**GOOD, f"content/downloads/{long}": "%PDF-1.4 the report\n"})
    target = tmp_path / "www"
    outcome = run(site, "publish", str(target), *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert (target / "downloads" / long).read_text() == "%PDF-1.4 the report\n"
    assert published(target) == built(site)
    assert not [p for p in target.rglob("*.part")]
    outcome = run(site, "publish", str(tmp_path / "csw.zip"), *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    with zipfile.ZipFile(tmp_path / "csw.zip") as archive:
        assert any(name.endswith(long) for name in archive.namelist())
    (site / "content/downloads" / long).unlink()
    outcome = run(site, "publish", str(target), *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert not (target / "downloads" / long).exists()


def test_a_folder_someone_made_before_publish_stays_when_the_site_empties_it(
        make_site: MakeSite, run: Run, tmp_path: Path) -> None:
    """IT made `downloads/` (empty) before the first publish; the site put a file in it,
    then dropped it.  Publish removes the folders it made once they are empty, and only
    those: IT's stays, while `pages/page-0/`, which publish made, goes."""
    site = make_site({**GOOD, **PAGES, "content/downloads/form.pdf": "%PDF-1.4 form\n"})
    target = tmp_path / "www"
    (target / "downloads").mkdir(parents=True)
    assert run(site, "publish", str(target), *AS_OF).exit_code == 0
    assert (target / "downloads/form.pdf").is_file()
    (site / "content/downloads/form.pdf").unlink()
    (site / "content/pages/page-0.md").unlink()
    outcome = run(site, "publish", str(target), *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert (target / "downloads").is_dir() and not any((target / "downloads").iterdir())
    assert not (target / "page-0").exists()
    assert published(target) == built(site)


def test_a_file_someone_replaced_there_is_not_removed_with_the_site_s_copy(
        make_site: MakeSite, run: Run, tmp_path: Path) -> None:
    """IT puts a newer form where publish put the site's; when the site drops its copy,
    IT's file stays (it is no longer the file publish put there), and stays theirs."""
    site = make_site({**GOOD, "content/downloads/form.txt": "the site's form\n",
                      "content/downloads/old.txt": "old\n"})
    target = tmp_path / "www"
    assert run(site, "publish", str(target), *AS_OF).exit_code == 0
    write(target, {"downloads/form.txt": "IT's newer form\n"})
    (site / "content/downloads/form.txt").unlink()
    (site / "content/downloads/old.txt").unlink()
    dry = run(site, "publish", str(target), "--dry-run", *AS_OF)
    assert dry.stdout.splitlines()[:-1] == ["  remove  downloads/old.txt"], dry.stdout
    outcome = run(site, "publish", str(target), *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.strip().endswith(
        ": 1 removed (1 file there that cswgen did not publish left as it was)")
    assert (target / "downloads/form.txt").read_text() == "IT's newer form\n"
    assert not (target / "downloads/old.txt").exists()
    # from now on it is someone else's file: the site bringing its own back is refused
    write(site, {"content/downloads/form.txt": "the site's form\n"})
    outcome = run(site, "publish", str(target), *AS_OF)
    assert outcome.exit_code == 1
    assert "already has a file that cswgen did not publish where the site has its own " \
           "(downloads/form.txt)" in outcome.stderr


def test_a_published_file_deleted_or_edited_in_the_folder_is_put_back(
        site: Path, run: Run, tmp_path: Path) -> None:
    """As over SFTP: a page deleted or edited by hand in the folder (even keeping its size)
    is the site's again after the next publish; the files others keep there stay."""
    target = tmp_path / "www"
    write(target, {".htaccess": "Require all granted\n", "report.pdf": "%PDF-1.4 report\n"})
    assert run(site, "publish", str(target), *AS_OF).exit_code == 0
    (target / "page-0/index.html").unlink()
    write(target, {"page-1/index.html": "<p>edited by hand</p>\n"})
    page = target / "page-2/index.html"
    page.write_bytes(page.read_bytes().replace(b"About 2.", b"About 9."))
    dry = run(site, "publish", str(target), "--dry-run", *AS_OF)
    assert dry.stdout.splitlines()[:-1] == ["  add     page-0/index.html",
                                            "  change  page-1/index.html",
                                            "  change  page-2/index.html"], dry.stdout
    outcome = run(site, "publish", str(target), *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.rstrip().endswith(": 1 added, 2 changed")
    assert published(target) == {**built(site), ".htaccess": b"Require all granted\n",
                                 "report.pdf": b"%PDF-1.4 report\n"}


def test_a_record_naming_files_outside_the_target_removes_none_of_them(
        site: Path, run: Run, tmp_path: Path) -> None:
    """The record lives at the target, where anyone who can write the shared folder can
    change it: a name in it that leads out of the target (`../`, an absolute path, a
    Windows path) is not a file publish put there, and nothing outside is removed."""
    target, outside = tmp_path / "www", tmp_path / "mine"
    write(outside, {"thesis.docx": "years of work\n", "notes.txt": "mine\n"})
    assert run(site, "publish", str(target), *AS_OF).exit_code == 0
    record = json.loads((target / RECORD).read_text())
    record["files"].update({str(outside / "thesis.docx"): None, "../mine/notes.txt": None,
                            "..\\mine\\notes.txt": None})
    record["pending"] = "../../mine"
    (target / RECORD).write_text(json.dumps(record))
    dry = run(site, "publish", str(target), "--dry-run", *AS_OF)
    assert "remove" not in dry.stdout, dry.stdout
    outcome = run(site, "publish", str(target), *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert snapshot(outside) == {"thesis.docx": b"years of work\n", "notes.txt": b"mine\n"}


def test_dry_run_lists_the_changes_and_changes_nothing(
        site: Path, run: Run, tmp_path: Path) -> None:
    target = tmp_path / "www"
    assert run(site, "publish", str(target), *AS_OF).exit_code == 0
    (site / "content/pages/page-0.md").unlink()
    write(site, {"content/pages/new.md": "---\ntitle: New\n---\nNew.\n"})
    before = snapshot(target)
    outcome = run(site, "publish", str(target), "--dry-run", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert "  add     new/index.html" in outcome.stdout
    assert "  remove  page-0/index.html" in outcome.stdout
    assert "Nothing was changed there." in outcome.stdout
    assert snapshot(target) == before
    fresh = tmp_path / "fresh"
    assert run(site, "publish", str(fresh), "--dry-run", *AS_OF).exit_code == 0
    assert not fresh.exists(), "a dry run created the target folder"


def test_removing_more_than_a_quarter_is_refused_without_a_terminal(
        site: Path, run: Run, tmp_path: Path) -> None:
    target = tmp_path / "www"
    assert run(site, "publish", str(target), *AS_OF).exit_code == 0
    before = snapshot(target)
    gone = len(before) // 4 + 1  # pages, each one file: more than a quarter of the files
    for n in range(gone):
        (site / f"content/pages/page-{n}.md").unlink()
    outcome = run(site, "publish", str(target), *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert f"removes {gone} of the" in outcome.stderr and "add --yes" in outcome.stderr
    assert snapshot(target) == before
    outcome = run(site, "publish", str(target), "--yes", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert published(target) == built(site)


def test_removing_more_than_a_quarter_asks_at_a_terminal(
        site: Path, run: Run, tmp_path: Path) -> None:
    target = tmp_path / "www"
    assert run(site, "publish", str(target), *AS_OF).exit_code == 0
    gone = len(snapshot(target)) // 4 + 1  # pages, each one file: more than a quarter
    for n in range(gone):
        (site / f"content/pages/page-{n}.md").unlink()
    main, terminal = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "cswgen", "publish", str(target), *AS_OF],
                               cwd=site, stdin=terminal, stdout=subprocess.PIPE,
                               stderr=terminal, text=True)
    os.close(terminal)
    said = b""
    deadline = time.monotonic() + 60
    while b"Publish? [y/N]" not in said and time.monotonic() < deadline:
        said += os.read(main, 1024)
    assert f"removes {gone} of the".encode() in said
    os.write(main, b"y\n")
    stdout, _ = process.communicate(timeout=60)
    os.close(main)
    assert process.returncode == 0
    assert f"{gone} removed" in stdout
    assert published(target) == built(site)


def test_ctrl_c_at_the_question_publishes_nothing_and_says_so(
        site: Path, run: Run, tmp_path: Path) -> None:
    """Ctrl-C at "Publish? [y/N]" stops publish as Ctrl-C anywhere else does: a sentence,
    status 130, not Click's bare "Aborted!"."""
    target = tmp_path / "www"
    assert run(site, "publish", str(target), *AS_OF).exit_code == 0
    before = snapshot(target)
    for n in range(len(before) // 4 + 1):
        (site / f"content/pages/page-{n}.md").unlink()
    code, said = ctrl_c_at_a_question(
        [sys.executable, "-m", "cswgen", "publish", str(target), *AS_OF], site,
        b"Publish? [y/N]")
    assert code == 130, said
    assert said.endswith("\nStopped. Nothing was published.\n"), said
    assert "Aborted" not in said and "Traceback" not in said
    assert snapshot(target) == before


def test_a_failed_build_publishes_nothing(site: Path, run: Run, tmp_path: Path) -> None:
    target = tmp_path / "www"
    assert run(site, "publish", str(target), *AS_OF).exit_code == 0
    before = snapshot(target)
    write(site, {"content/pages/page-2.md": "---\ntitle: [unclosed\n---\nx\n"})
    outcome = run(site, "publish", str(target), *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert outcome.lines[-1].startswith("Build failed: 1 error. Nothing was published.")
    assert snapshot(target) == before


def test_a_mistyped_target_in_config_fails_before_the_build(
        make_site: MakeSite, run: Run, tmp_path: Path) -> None:
    config = MINIMAL_CONFIG + f'\n[publish.intranet]\nto = "{tmp_path}/no-such/csw"\n'
    site = make_site({**GOOD, "config.toml": config})
    outcome = run(site, "publish", *AS_OF)  # the only target: no name needed
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert outcome.stderr.strip() == (
        f"config.toml:10: [publish.intranet] to: there is no folder {tmp_path}/no-such to "
        "publish csw in; check the address (publish creates the last folder of it, not the "
        "ones above)")
    assert not (site / "output").exists(), "the site was built before the target was checked"


@pytest.mark.parametrize(("table", "message"), [
    ('[publish.web]\nto = "x"\npassword = "hunter2"\n',
     "config.toml:11: [publish.web] password: a password is never kept in config.toml"),
    ('[publish.web]\nto = "x"\nbrnach = "main"\n',
     "config.toml:11: [publish.web] brnach is not a setting cswgen knows; did you mean `branch`?"),
    ('[publish.web]\nbranch = "main"\n', "config.toml:9: [publish.web] has no `to`"),
    ('[publish]\nto = "x"\n', "config.toml:10: [publish] to is not a publish target; name each"),
    # "\n" and "\t" in double quotes are a line break and a tab: a Windows path read wrong
    ('[publish.web]\nto = "D:\\new\\team"\n',
     "config.toml:10: [publish.web] to holds a line break or a tab, because in \"double "
     "quotes\" \\n and \\t stand for them; write a Windows path in single quotes: "
     "to = 'D:\\new\\team'"),
])
def test_publish_tables_are_checked_as_the_rest_of_config(
        make_site: MakeSite, run: Run, table: str, message: str) -> None:
    site = make_site({**GOOD, "config.toml": MINIMAL_CONFIG + "\n" + table})
    outcome = run(site, "publish", "web", *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert outcome.lines[0].startswith(message), outcome.stderr


WRONG_ADDRESSES = [
    # a Windows path on a computer that is not Windows: no folder named "D:\\web\\csw" here
    ("D:\\web\\csw", "D:\\web\\csw is a Windows path, and this computer does not "
     "use drive letters; give the folder as this computer names it (a shared drive is "
     "mounted at a path like /mnt/web/csw)"),
    ("\\\\fileserver\\web\\csw", "\\\\fileserver\\web\\csw is a Windows network path, and "
     "this computer does not use those; give the folder as this computer names it (a "
     "shared drive is mounted at a path like /mnt/web/csw)"),
    # the two slashes left out, or the kind of address misspelt
    ("sftp:me@web.example.com/var/www/csw", "sftp:me@web.example.com/var/www/csw needs two "
     "slashes after sftp:, like sftp://me@web.example.com/var/www/csw"),
    ("htps://github.com/acme/csw.git", "htps://github.com/acme/csw.git: cswgen does not know "
     "addresses that start htps://; did you mean https://?"),
    ("stfp://me@web.example.com/var/www/csw", "stfp://me@web.example.com/var/www/csw: cswgen "
     "does not know addresses that start stfp://; did you mean sftp://?"),
    # an archive cswgen does not write: not a folder named like one, inside the site
    ("csw.tar.gz", "csw.tar.gz: cswgen does not write .tar.gz files; publish a .zip file, "
     "which every computer opens (like csw.zip), or give a folder, a git repository or an "
     "sftp:// address"),
    # a folder written as a browser shows it: file:// is for a git repository
    ("file:///srv/no-such/csw", "file:///srv/no-such/csw: a file:// address is for a git "
     "repository, and there is none at /srv/no-such/csw; to publish into a folder, write "
     "its path: /srv/no-such/csw"),
    # a password in the address: refused, and never repeated on the screen or in a CI log
    ("sftp://me:hunter2@web.example.com/var/www/csw", "sftp://me:***@web.example.com/var/"
     "www/csw holds a password; cswgen never uses one: remove it and log in with your SSH "
     "agent or key file"),
    ("ftp://me:hunter2@web.example.com/csw", "ftp://me:***@web.example.com/csw: FTP is not "
     "supported (it sends your password unprotected); ask IT for SFTP and use "
     "sftp://user@host/path"),
    ("stfp://me:hunter2@web.example.com/var/www/csw", "stfp://me:***@web.example.com/var/"
     "www/csw: cswgen does not know addresses that start stfp://; did you mean sftp://?"),
    ("sftp:me:hunter2@web.example.com/var/www/csw", "sftp:me:***@web.example.com/var/www/"
     "csw needs two slashes after sftp:, like sftp://me:***@web.example.com/var/www/csw"),
    ("https://ci:hunter2@git.example.com/acme/csw.git#", "https://ci:***@git.example.com/"
     "acme/csw.git# ends in # without a branch; write it like "
     "https://ci:***@git.example.com/acme/csw.git#gh-pages"),
    # no folder: the site would land among the files of the user's home folder
    ("sftp://me@127.0.0.1:1", "sftp://me@127.0.0.1:1 names no folder to publish into; write "
     "it like sftp://me@127.0.0.1:1/var/www/csw (or sftp://me@127.0.0.1:1/~/csw for a "
     "folder in your home folder)"),
]


@pytest.mark.skipif(os.name == "nt", reason="drive letters are addresses on Windows")
@pytest.mark.parametrize(("address", "message"), WRONG_ADDRESSES)
def test_an_address_written_wrong_says_how_to_write_it(
        make_site: MakeSite, run: Run, address: str, message: str) -> None:
    """Given on the command line or in config.toml, a mistyped address fails with what to
    write instead, before the build, and leaves nothing behind (not a folder named after
    it in the site)."""
    site = make_site(GOOD)
    outcome = run(site, "publish", address, *AS_OF)
    no_traceback(outcome)
    assert (outcome.exit_code, outcome.stderr.strip()) == (1, f"Cannot publish: {message}")
    assert sorted(p.name for p in site.iterdir()) == ["config.toml", "content"]

    written = address.replace("'", "")
    write(site, {"config.toml": MINIMAL_CONFIG + f"\n[publish.web]\nto = '{written}'\n"})
    outcome = run(site, "publish", *AS_OF)
    no_traceback(outcome)
    assert (outcome.exit_code, outcome.stderr.strip()) == (
        1, f"config.toml:10: [publish.web] to: {message}")
    assert sorted(p.name for p in site.iterdir()) == ["config.toml", "content"]


def test_choosing_among_several_targets(make_site: MakeSite, run: Run, tmp_path: Path) -> None:
    config = MINIMAL_CONFIG + (f'\n[publish.intranet]\nto = "{tmp_path}/a"\n'
                               f'\n[publish.pages]\nto = "{tmp_path}/b.zip"\n')
    site = make_site({**GOOD, "config.toml": config})
    outcome = run(site, "publish", *AS_OF)
    assert outcome.exit_code == 1
    assert "has 2 publish targets (intranet, pages); name the one" in outcome.stderr
    outcome = run(site, "publish", "intrant", *AS_OF)
    assert outcome.exit_code == 1
    assert "no [publish.intrant]; did you mean `intranet`?" in outcome.stderr
    assert run(site, "publish", "intranet", *AS_OF).exit_code == 0
    assert (tmp_path / "a/index.html").is_file()


def publish_with_little_room(site: Path, target: Path) -> subprocess.CompletedProcess[str]:
    """`cswgen publish` of a site built already, in a process that cannot write a file of
    more than 200 KB: stopped there as a full disk, a quota or a lost share would."""
    import resource
    import signal

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # (a write too large then fails)
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))

    done = subprocess.run([sys.executable, "-m", "cswgen", "build", *AS_OF], cwd=site,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return subprocess.run([sys.executable, "-m", "cswgen", "publish", str(target), *AS_OF],
                          cwd=site, capture_output=True, text=True, timeout=300,
                          preexec_fn=limited)


BIG = {"content/zzz/big.bin": os.urandom(300_000)}  # (the last file publish writes)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs setrlimit, as on Linux and macOS")
def test_a_publish_stopped_half_way_leaves_whole_files_and_the_next_one_finishes(
        site: Path, run: Run, tmp_path: Path) -> None:
    """A file the target cannot take stops the publish part of the way through; the next
    publish completes it."""
    target = tmp_path / "www"
    assert run(site, "publish", str(target), *AS_OF).exit_code == 0
    old = published(target)
    for n in range(6):
        write(site, {f"content/pages/page-{n}.md": f"---\ntitle: Page {n}\n---\nNew {n}.\n"})
    write(site, BIG)
    stopped = publish_with_little_room(site, target)
    assert stopped.returncode == 1 and "Traceback" not in stopped.stderr
    assert "publish again to finish" in stopped.stderr
    new = built(site)
    for name, data in published(target).items():
        assert data in (old.get(name), new.get(name)), f"{name} is neither old nor new"
    assert not [p for p in target.rglob("*.part")], "a temporary file was left"
    outcome = run(site, "publish", str(target), *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert published(target) == new


def test_ctrl_c_while_publishing_says_how_far_it_got_and_the_next_publish_finishes(
        site: Path, run: Run, tmp_path: Path) -> None:
    """Ctrl-C (a real SIGINT, sent as the fourth file is about to be written): the message
    says how many of the files were written and what the next publish does, and that next
    publish leaves the folder as the site is."""
    target = tmp_path / "www"
    assert run(site, "publish", str(target), *AS_OF).exit_code == 0
    old = built(site)
    for n in range(6):
        write(site, {f"content/pages/page-{n}.md": f"---\ntitle: Page {n}\n---\nNew {n}.\n"})
    (site / "content/pages/page-10.md").unlink()
    (site / "content/pages/page-11.md").unlink()
    dry = run(site, "publish", str(target), "--dry-run", *AS_OF).stdout.splitlines()[:-1]
    writes = len([line for line in dry if not line.startswith("  remove")])
    assert writes >= 6 and len(dry) == writes + 2, dry
    script = (
        "import os, signal, sys\n"
        "from cswgen.publish.folder import FolderTarget\n"
        "from cswgen.__main__ import main\n"
        "put, done = FolderTarget.put, []\n"
        "def stopped_at_the_fourth(self, *args):\n"
        "    if len(done) == 3:\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "    put(self, *args)\n"
        "    done.append(args)\n"
        "FolderTarget.put = stopped_at_the_fourth\n"
        f"sys.argv = ['cswgen', 'publish', {str(target)!r}, *{list(AS_OF)!r}]\n"
        "main()\n")
    stopped = subprocess.run([sys.executable, "-c", script], cwd=site, capture_output=True,
                             text=True, timeout=300, env=dict(os.environ, PYTHONPATH=str(REPO)),
                             preexec_fn=ctrl_c_as_at_a_terminal)
    assert stopped.returncode == 130, stopped.stderr
    assert stopped.stderr == (
        f"\nStopped after writing 3 of the {writes} new and changed files at {target}. Every "
        "file there is whole, old or new; publish again to finish (it writes the other "
        f"{writes - 3} and removes the 2 the site no longer has).\n")
    new = built(site)
    for name, data in published(target).items():
        assert data in (old.get(name), new.get(name)), f"{name} is neither old nor new"
    outcome = run(site, "publish", str(target), "--yes", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.rstrip().endswith(
        f": {writes - 3} changed, 2 removed; this finishes the publish that stopped")
    assert published(target) == new


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs setrlimit, as on Linux and macOS")
def test_the_publish_after_one_that_stopped_says_what_it_did(
        site: Path, run: Run, tmp_path: Path) -> None:
    """Files the stopped publish never got to are added, not "changed", and the message
    says that this publish finishes the one that stopped."""
    target = tmp_path / "www"
    assert run(site, "publish", str(target), *AS_OF).exit_code == 0
    write(site, BIG)
    stopped = publish_with_little_room(site, target)
    assert stopped.returncode == 1, stopped.stdout
    outcome = run(site, "publish", str(target), *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert re.fullmatch(rf"Published \d+ pages to {re.escape(str(target))} in [\d.]+ s: "
                        r"1 added; this finishes the publish that stopped\n",
                        outcome.stdout), outcome.stdout
    assert published(target) == built(site)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs setrlimit, as on Linux and macOS")
def test_a_publish_stopped_by_the_target_names_the_file_there_not_the_built_one(
        make_site: MakeSite, tmp_path: Path) -> None:
    """A target that cannot take a file (full, over quota, a file too large for it: here a
    limit on file size) is named with the file publish was writing there; the built copy
    in output/ is fine and naming it sends the person to look in the wrong place."""
    site = make_site({**GOOD, **BIG})
    target = tmp_path / "www"
    done = publish_with_little_room(site, target)
    assert done.returncode == 1
    assert done.stderr.strip() == (
        f"publishing to {target} stopped at zzz/big.bin: File too large; every file "
        "there is whole, old or new: fix that and publish again to finish")


def test_a_zip_holds_the_portable_build(site: Path, run: Run, tmp_path: Path) -> None:
    target = tmp_path / "csw-2026.zip"
    outcome = run(site, "publish", str(target), *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert not (site / "output").exists(), "the zip's build went to output/"
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        home = archive.read("index.html").decode()
        page = archive.read("page-1/index.html").decode()
    assert {"index.html", "404.html", "days/monday/index.html", "assets/style.css"} <= names
    assert 'href="days/monday/index.html"' in home  # portable: links name index.html
    assert 'href="../testimonials/index.html"' in page
    first = target.read_bytes()
    again = run(site, "publish", str(target), *AS_OF)
    assert again.stdout.startswith("Nothing to publish"), again.stdout
    assert target.read_bytes() == first
    other = tmp_path / "notes.zip"
    other.write_text("not a zip\n")
    refused = run(site, "publish", str(other), *AS_OF)
    assert refused.exit_code == 1
    assert "exists and is not a zip file" in refused.stderr
    assert other.read_text() == "not a zip\n"


def test_a_zip_file_publish_did_not_make_is_not_replaced_unless_forced(
        site: Path, run: Run, tmp_path: Path) -> None:
    """A real zip of someone's (the team's photos, named by mistake) was taken for an
    earlier publish: "removes 3 of the 3 files published there before", and --yes replaced
    it with the site."""
    target = tmp_path / "photos.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for name in ("team.jpg", "party.jpg", "notes.txt"):
            archive.writestr(name, f"the team's {name}\n")
    refused_each_time(site, run, target, ((), ("--yes",), ("--dry-run",)), (
        f"Cannot publish: {target} is a zip file that cswgen publish did not make (it "
        "holds team.jpg, party.jpg, notes.txt); cswgen will not replace it: move it away "
        "or choose another name, or, if it is an old copy of this site, publish again "
        "with --force to replace it"))
    forced = run(site, "publish", str(target), "--force", "--yes", *AS_OF)
    assert forced.exit_code == 0, forced.stderr
    with zipfile.ZipFile(target) as archive:
        assert "index.html" in archive.namelist() and "team.jpg" not in archive.namelist()
    again = run(site, "publish", str(target), *AS_OF)  # now it is publish's own
    assert again.stdout.startswith("Nothing to publish"), again.stderr


# --- git ------------------------------------------------------------------------------------

def branch_files(repo: Path, branch: str = "gh-pages") -> dict[str, bytes]:
    names = git("--git-dir", str(repo), "ls-tree", "-r", "--name-only", branch).split("\n")
    return {name: subprocess.run(["git", "--git-dir", str(repo), "show", f"{branch}:{name}"],
                                 capture_output=True, check=True).stdout
            for name in names if name}


def commits(repo: Path, branch: str = "gh-pages") -> list[str]:
    return git("--git-dir", str(repo), "log", "--format=%s", branch).splitlines()


def commit_to(repo: Path, tmp_path: Path, files: dict[str, str], message: str) -> None:
    """Someone else's commit on gh-pages, as a person (or GitHub's settings page) makes it."""
    clone = tmp_path / "clone"
    shutil.rmtree(clone, ignore_errors=True)
    git("clone", "-q", "-b", "gh-pages", str(repo), str(clone))
    write(clone, files)
    git("add", "-A", cwd=clone)
    git("commit", "-q", "-m", message, cwd=clone)
    git("push", "-q", "origin", "gh-pages", cwd=clone)


@pytest.fixture
def bare(tmp_path: Path) -> Path:
    repo = tmp_path / "csw.git"
    git("init", "-q", "--bare", str(repo))
    return repo


def test_a_git_branch_gets_one_commit_per_publish_keeping_cname(
        site: Path, run: Run, bare: Path, tmp_path: Path) -> None:
    outcome = run(site, "publish", str(bare), *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert re.match(rf"Published \d+ pages to gh-pages of {re.escape(str(bare))} in ",
                    outcome.stdout)
    files = branch_files(bare)
    assert files.pop(".nojekyll") == b""
    assert files == built(site)
    assert commits(bare) == [f"Publish Test Week as of 2026-10-06: {len(files) + 1} added"]
    assert "Published-by: cswgen" in git("--git-dir", str(bare), "log", "-1", "gh-pages")

    again = run(site, "publish", str(bare), *AS_OF)
    assert again.stdout.startswith("Nothing to publish"), again.stdout
    assert len(commits(bare)) == 1, "a publish that changed nothing made a commit"

    commit_to(bare, tmp_path, {"CNAME": "csw.example.org\n"}, "Create CNAME")
    (site / "content/pages/page-0.md").unlink()
    outcome = run(site, "publish", str(bare), *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.rstrip().endswith(": 1 removed")
    assert commits(bare)[0] == "Publish Test Week as of 2026-10-06: 1 removed"
    files = branch_files(bare)
    assert files.pop("CNAME") == b"csw.example.org\n"
    assert files.pop(".nojekyll") == b""
    assert files == built(site)


def test_a_push_the_server_refuses_quotes_its_last_lines_whole(
        site: Path, run: Run, bare: Path) -> None:
    """A server's long refusal (a protected branch, a hook) is quoted by its last lines,
    each whole: not cut in the middle of a word."""
    hook = bare / "hooks/pre-receive"
    hook.write_text("#!/bin/sh\n" + "".join(
        f"echo 'remote rule {n}: pushes to this branch need a review by the web team' >&2\n"
        for n in range(1, 31)) + "exit 1\n", "utf-8")
    hook.chmod(0o755)
    outcome = run(site, "publish", str(bare), *AS_OF)
    assert outcome.exit_code == 1 and "Traceback" not in outcome.stderr
    said = outcome.stderr.split("git said: ", 1)[1]
    assert said.startswith("… remote: remote rule "), said
    assert "remote rule 30: pushes to this branch need a review by the web team" in said
    assert len(said) < 700, said


def test_the_sites_web_address_as_the_target_says_what_to_give_instead(
        site: Path, run: Run, tmp_path: Path) -> None:
    """`cswgen publish https://intranet.example/csw`: a web server that is no git
    repository.  The message says so, and what to publish to instead."""
    import functools
    import http.server
    import threading

    served = tmp_path / "web"
    (served / "csw").mkdir(parents=True)
    (served / "csw/index.html").write_text("<p>the intranet</p>\n", "utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        address = f"http://127.0.0.1:{server.server_address[1]}/csw"
        outcome = run(site, "publish", address, *AS_OF)
    finally:
        server.shutdown()
    assert outcome.exit_code == 1 and "Traceback" not in outcome.stderr
    assert f"cannot reach the git repository {address}" in outcome.stderr
    assert "If it is the address the site is seen at, not a git repository, publish to the " \
           "folder the web server shows, or to sftp://user@host/path" in outcome.stderr
    assert (served / "csw/index.html").read_text("utf-8") == "<p>the intranet</p>\n"


def test_a_branch_with_commits_publish_did_not_make_is_refused_unless_forced(
        site: Path, run: Run, bare: Path, tmp_path: Path) -> None:
    assert run(site, "publish", f"{bare}#site", *AS_OF).exit_code == 0
    assert commits(bare, "site")
    assert run(site, "publish", str(bare), *AS_OF).exit_code == 0
    commit_to(bare, tmp_path, {"foreign.html": "<p>theirs</p>\n"}, "Add our banner page")
    before = git("--git-dir", str(bare), "rev-parse", "gh-pages")
    (site / "content/pages/page-0.md").unlink()
    output = snapshot(site / "output")
    outcome = run(site, "publish", str(bare), *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1
    assert "has 1 commit that cswgen publish did not make" in outcome.stderr
    assert '"Add our banner page" by Tester' in outcome.stderr and "--force" in outcome.stderr
    assert snapshot(site / "output") == output, "refused only after building"
    assert git("--git-dir", str(bare), "rev-parse", "gh-pages") == before

    outcome = run(site, "publish", str(bare), "--force", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert "1 file there that cswgen did not publish left as it was" in outcome.stdout
    files = branch_files(bare)
    assert files.pop("foreign.html") == b"<p>theirs</p>\n"
    files.pop(".nojekyll")
    assert files == built(site)
    # publish's own commit is on top now: no --force needed any more, and the file someone
    # else added is still not publish's to remove, however many publishes later
    for n in (1, 2):
        write(site, {"content/pages/page-1.md": f"---\ntitle: Page 1\n---\nNew {n}.\n"})
        outcome = run(site, "publish", str(bare), *AS_OF)
        assert outcome.exit_code == 0, outcome.stderr
        assert "removed" not in outcome.stdout
        assert branch_files(bare)["foreign.html"] == b"<p>theirs</p>\n"


def test_work_merged_in_from_a_clone_older_than_the_last_publish_is_refused(
        site: Path, run: Run, bare: Path, tmp_path: Path) -> None:
    """Someone edits gh-pages in their clone while a publish happens, then `git pull`s
    (a merge) and pushes: their commit is older than publish's last one, and the merge
    itself lists no files, yet both are commits publish did not make."""
    assert run(site, "publish", str(bare), *AS_OF).exit_code == 0
    clone = tmp_path / "clone"
    git("clone", "-q", "-b", "gh-pages", str(bare), str(clone))
    write(clone, {"index.html": "<p>their home page</p>\n"})
    git("add", "-A", cwd=clone)
    subprocess.run(["git", "commit", "-q", "-m", "Our own home page"], cwd=clone, check=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "Tester",
                        "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "Tester",
                        "GIT_COMMITTER_EMAIL": "t@example.org",
                        "GIT_COMMITTER_DATE": "2026-09-01T09:00:00"})
    write(site, {"content/pages/page-1.md": "---\ntitle: Page 1\n---\nNew.\n"})
    assert run(site, "publish", str(bare), *AS_OF).exit_code == 0
    git("pull", "-q", "--no-rebase", "--no-edit", "origin", "gh-pages", cwd=clone)
    git("push", "-q", "origin", "gh-pages", cwd=clone)
    before = git("--git-dir", str(bare), "rev-parse", "gh-pages")
    write(site, {"content/pages/page-2.md": "---\ntitle: Page 2\n---\nNew.\n"})
    outcome = run(site, "publish", str(bare), *AS_OF)
    no_traceback(outcome)
    assert outcome.exit_code == 1, outcome.stdout
    assert "has 2 commits that cswgen publish did not make" in outcome.stderr
    assert git("--git-dir", str(bare), "rev-parse", "gh-pages") == before
    assert branch_files(bare)["index.html"] == b"<p>their home page</p>\n"


def test_a_forced_publish_with_nothing_to_change_still_takes_the_branch_over(
        site: Path, run: Run, bare: Path, tmp_path: Path) -> None:
    assert run(site, "publish", str(bare), *AS_OF).exit_code == 0
    commit_to(bare, tmp_path, {"google1234.html": "verification\n"}, "Verify the domain")
    assert run(site, "publish", str(bare), *AS_OF).exit_code == 1
    outcome = run(site, "publish", str(bare), "--force", *AS_OF)
    assert outcome.exit_code == 0, outcome.stderr
    assert ": nothing changed; the commits made without cswgen are now behind its own" \
        in outcome.stdout
    assert commits(bare)[0].endswith(": nothing changed")
    assert 'Left-alone: "google1234.html"' in git("--git-dir", str(bare), "log", "-1",
                                                  "gh-pages")
    outcome = run(site, "publish", str(bare), *AS_OF)  # not refused for that commit again
    assert outcome.exit_code == 0, outcome.stderr
    assert branch_files(bare)["google1234.html"] == b"verification\n"


def test_a_repository_with_the_branch_checked_out_is_refused_before_the_build(
        site: Path, run: Run, tmp_path: Path) -> None:
    """A clone where gh-pages is the branch checked out (someone's own copy of the
    website) cannot take a push to it: said before the build, with what to do instead,
    not as git's twenty lines about receive.denyCurrentBranch after it."""
    clone = tmp_path / "website"
    git("init", "-q", "-b", "gh-pages", str(clone))
    outcome = run(site, "publish", str(clone), *AS_OF)
    no_traceback(outcome)
    assert (outcome.exit_code, outcome.stderr.strip()) == (1, (
        f"Cannot publish: the branch gh-pages is checked out in {clone}, so git will not "
        "let publish change it there; publish to the repository it came from (its origin, "
        f"like git@github.com:acme/csw.git), or to another branch ({clone}#csw-site)"))
    assert not (site / "output").exists(), "the site was built before the target was checked"
    assert run(site, "publish", f"{clone}#csw-site", *AS_OF).exit_code == 0
    assert "index.html" in branch_files(clone / ".git", "csw-site")


def test_git_targets_are_checked_before_the_build(site: Path, run: Run, tmp_path: Path) -> None:
    outcome = run(site, "publish", str(tmp_path / "missing.git"), *AS_OF)
    assert outcome.exit_code == 1
    assert "there is no git repository at" in outcome.stderr
    outcome = run(site, "publish", f"file://{tmp_path}/nothing-here", *AS_OF)
    assert outcome.exit_code == 1
    assert "a file:// address is for a git repository, and there is none at" in outcome.stderr
    assert not (site / "output").exists()


def test_a_branch_name_git_refuses_fails_before_the_build(
        make_site: MakeSite, run: Run, bare: Path) -> None:
    """`#gh pages` (a space for the dash) was built, listed by --dry-run as fine, then
    refused by the push with git's "invalid refspec"."""
    config = MINIMAL_CONFIG + f'\n[publish.web]\nto = "{bare}"\nbranch = "gh pages"\n'
    site = make_site({**GOOD, "config.toml": config})
    for args, said in [
            ((f"{bare}#gh pages", "--dry-run"), ""),
            ((f"{bare}#csw..2026",), ""),
            (("web", "--dry-run"), "config.toml:11: [publish.web] branch: ")]:
        outcome = run(site, "publish", *args, *AS_OF)
        no_traceback(outcome)
        assert outcome.exit_code == 1
        assert outcome.stderr.startswith(said), outcome.stderr
        assert "cannot be the name of a git branch (it holds " in outcome.stderr
        assert "like gh-pages" in outcome.stderr
    assert not (site / "output").exists(), "the site was built before the branch was checked"
    assert git("--git-dir", str(bare), "branch", "--list") == ""


def test_without_git_publish_says_to_install_it(site: Path, bare: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "cswgen", "publish", str(bare), *AS_OF],
                          cwd=site, capture_output=True, text=True,
                          env={**os.environ, "PATH": str(site / "no-bin")})
    assert done.returncode == 1
    assert "needs the `git` program, which is not installed here" in done.stderr
    assert "Traceback" not in done.stderr
