"""`cswgen publish` over SSH, against Debian's OpenSSH server started by the tests on
127.0.0.1 with a throwaway host key and user key: SFTP (changed files only, whole files
when the publish is killed or the connection drops, unknown and changed host keys
refused) and a git push over SSH.

Skipped, with the reason, where /usr/sbin/sshd is missing (`apt-get install
openssh-server`); a failure instead when CSWGEN_REQUIRE_SSHD=1, as in .ci/run."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import paramiko
import pytest

from tests.helpers import (
    AS_OF,
    GOOD,
    MINIMAL_CONFIG,
    RECORD,
    REPO,
    SSHD,
    MakeSite,
    SshServer,
    built,
    git,
    keygen,
    published,
    snapshot,
    ssh_server,
    write,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SshServer]:
    if not Path(SSHD).exists():
        reason = f"{SSHD} is missing (apt-get install openssh-server)"
        if os.environ.get("CSWGEN_REQUIRE_SSHD") == "1":
            pytest.fail(f"SSH tests are required here, but {reason}")
        pytest.skip(reason)
    with ssh_server(tmp_path_factory.mktemp("sshd")) as server:
        yield server


def publish(site: Path, sshd: SshServer, *args: str,
            extra: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`cswgen publish` in a process of its own, as a person runs it (no SSH agent)."""
    env = {k: v for k, v in os.environ.items() if k != "SSH_AUTH_SOCK"}
    return subprocess.run([sys.executable, "-m", "cswgen", "publish", *args, *AS_OF],
                          cwd=site, capture_output=True, text=True, timeout=120,
                          env={**env, **sshd.env(), **(extra or {})})


def address(sshd: SshServer, folder: Path) -> str:
    return f"sftp://{sshd.user}@127.0.0.1:{sshd.port}{folder}"


def test_sftp_uploads_only_what_changed_and_keeps_other_files(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    site = make_site({**GOOD, "content/pages/a.md": "---\ntitle: A\n---\nA.\n",
                      "content/pages/b.md": "---\ntitle: B\n---\nB.\n"})
    www = tmp_path / "www"
    write(www, {"foreign.txt": "IT's\n"})
    done = publish(site, sshd, address(sshd, www))
    assert done.returncode == 0, done.stderr
    assert re.match(rf"Published \d+ pages to {re.escape(address(sshd, www))} in ", done.stdout)
    assert published(www) == built(site)
    record = json.loads((www / RECORD).read_text())
    assert set(record["files"]) == set(built(site)) and "pending" not in record

    stamps = {p: p.stat().st_mtime_ns for p in www.rglob("*") if p.is_file()}
    time.sleep(0.01)
    (site / "content/pages/b.md").unlink()
    write(site, {"content/pages/a.md": "---\ntitle: A\n---\nA, changed.\n"})
    done = publish(site, sshd, address(sshd, www), "--yes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith(": 1 changed, 1 removed")
    assert published(www) == built(site)
    assert (www / "foreign.txt").read_text() == "IT's\n"
    touched = {p.relative_to(www).as_posix() for p, stamp in stamps.items()
               if p.exists() and p.stat().st_mtime_ns != stamp}
    assert touched == {"a/index.html", RECORD}, "unchanged files were uploaded again"


def test_sftp_refuses_to_replace_a_file_it_did_not_put_there(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    site = make_site({**GOOD, "content/pages/a.md": "---\ntitle: A\n---\nA.\n"})
    www = tmp_path / "www"
    write(www, {"a/index.html": "<h1>IT's page</h1>\n", "a/notes.txt": "IT's\n"})
    before = snapshot(www)
    done = publish(site, sshd, address(sshd, www))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "already has a file that cswgen did not publish where the site has its own " \
           "(a/index.html)" in done.stderr
    assert snapshot(www) == before, "a refused publish changed the folder"

    done = publish(site, sshd, address(sshd, www), "--force")
    assert done.returncode == 0, done.stderr
    assert published(www) == {**built(site), "a/notes.txt": b"IT's\n"}
    assert (site / "output/a/index.html").read_bytes() == (www / "a/index.html").read_bytes()


def test_sftp_stops_before_anything_changes_when_a_file_is_where_the_site_has_a_folder(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    """As a folder target does: IT's file `a` where the site has the folder `a/`, and a
    folder `feed.xml/` where it has a file, are named before anything is uploaded (not a
    publish stopped half-way saying "the server has no such folder")."""
    site = make_site({**GOOD, "content/pages/a.md": "---\ntitle: A\n---\nA.\n"})
    www = tmp_path / "www"
    write(www, {"a": "Redirect /a /new-a\n", "feed.xml/old.xml": "<x/>\n"})
    before = snapshot(www)
    for options in ((), ("--force",)):
        done = publish(site, sshd, address(sshd, www), *options)
        assert "Traceback" not in done.stderr
        assert (done.returncode, done.stderr.strip()) == (1, (
            f"Cannot publish: {address(sshd, www)} has files or folders in the way of the "
            "site's own: a (a file; the site has a folder there), feed.xml (a folder; the "
            "site has a file there). Nothing was published. Move them out of the way (or ask "
            "whoever put them there), then publish again"))
        assert snapshot(www) == before, "a refused publish changed the folder"


def test_sftp_refuses_to_replace_a_file_behind_a_linked_folder(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    """IT's `downloads` on the server is a link to a shared folder: a file of the site's
    name in it is theirs as much as one in a real folder (as a folder target says)."""
    site = make_site({**GOOD, "content/downloads/form.txt": "the site's form\n"})
    shared, www = tmp_path / "shared", tmp_path / "www"
    write(shared, {"form.txt": "IT's shared form\n"})
    www.mkdir()
    (www / "downloads").symlink_to(shared)
    done = publish(site, sshd, address(sshd, www))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "already has a file that cswgen did not publish where the site has its own " \
           "(downloads/form.txt)" in done.stderr
    assert (shared / "form.txt").read_text() == "IT's shared form\n"


def test_sftp_refuses_to_replace_a_link_to_nothing_where_the_site_has_a_file(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    """IT's robots.txt on the server is a link to a shared file not there just now: as on
    a folder target, it is theirs, not a free place to upload over."""
    site = make_site(GOOD)
    www = tmp_path / "www"
    www.mkdir()
    (www / "robots.txt").symlink_to(tmp_path / "shared/robots.txt")
    done = publish(site, sshd, address(sshd, www))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "already has a file that cswgen did not publish where the site has its own " \
           "(robots.txt)" in done.stderr
    assert (www / "robots.txt").is_symlink() and not (www / RECORD).exists()


def test_sftp_keeps_a_file_someone_replaced_when_the_site_drops_its_own(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    site = make_site({**GOOD, "content/downloads/form.txt": "the site's form\n",
                      "content/downloads/old.txt": "old\n"})
    www = tmp_path / "www"
    assert publish(site, sshd, address(sshd, www)).returncode == 0
    write(www, {"downloads/form.txt": "IT's newer form\n"})
    (site / "content/downloads/form.txt").unlink()
    (site / "content/downloads/old.txt").unlink()
    done = publish(site, sshd, address(sshd, www))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith(
        ": 1 removed (1 file there that cswgen did not publish left as it was)")
    assert (www / "downloads/form.txt").read_text() == "IT's newer form\n"
    assert not (www / "downloads/old.txt").exists()
    assert "downloads/form.txt" not in json.loads((www / RECORD).read_text())["files"]


def test_sftp_leaves_a_folder_someone_made_before_publish(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    """As a folder target: IT's empty `downloads/`, there before the first publish, stays
    when the site drops the file publish put in it; `c/`, which publish made, goes."""
    site = make_site({**GOOD, "content/pages/c.md": "---\ntitle: C\n---\nC.\n",
                      "content/downloads/form.txt": "the site's form\n"})
    www = tmp_path / "www"
    (www / "downloads").mkdir(parents=True)
    assert publish(site, sshd, address(sshd, www)).returncode == 0
    assert (www / "downloads/form.txt").is_file() and (www / "c/index.html").is_file()
    (site / "content/downloads/form.txt").unlink()
    (site / "content/pages/c.md").unlink()
    done = publish(site, sshd, address(sshd, www))
    assert done.returncode == 0, done.stderr
    assert (www / "downloads").is_dir() and not any((www / "downloads").iterdir())
    assert not (www / "c").exists()
    assert published(www) == built(site)


def test_sftp_puts_back_a_published_file_deleted_or_edited_on_the_server(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    """Someone deletes a page on the server, or edits one there by hand (even keeping its
    size): the next publish puts the site's own back, as a folder target does, and leaves
    everything else alone.  A page deleted there that the site drops too is not said to be
    removed."""
    site = make_site({**GOOD, "content/pages/a.md": "---\ntitle: A\n---\nA.\n",
                      "content/pages/b.md": "---\ntitle: B\n---\nB.\n",
                      "content/pages/c.md": "---\ntitle: C\n---\nC.\n",
                      "content/downloads/form.txt": "the site's form\n"})
    www = tmp_path / "www"
    write(www, {"foreign.txt": "IT's\n", "report.pdf": "%PDF-1.4 someone's report\n"})
    assert publish(site, sshd, address(sshd, www)).returncode == 0
    (www / "a/index.html").unlink()
    (www / "c/index.html").unlink()
    (site / "content/pages/c.md").unlink()
    write(www, {"b/index.html": "<p>edited on the server</p>\n",
                "downloads/form.txt": "the site's FORM\n"})  # (the same size)
    later = time.time() + 60
    os.utime(www / "downloads/form.txt", (later, later))

    dry = publish(site, sshd, address(sshd, www), "--dry-run")
    assert dry.stdout.splitlines()[:-1] == ["  add     a/index.html", "  change  b/index.html",
                                            "  change  downloads/form.txt"], dry.stdout
    done = publish(site, sshd, address(sshd, www))
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith(": 1 added, 2 changed"), done.stdout
    assert published(www) == {**built(site), "report.pdf": b"%PDF-1.4 someone's report\n"}
    assert (www / "foreign.txt").read_text() == "IT's\n"
    again = publish(site, sshd, address(sshd, www))
    assert again.stdout.startswith("Nothing to publish"), again.stdout


def test_an_unknown_or_changed_server_key_is_refused(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    site = make_site(GOOD)
    empty = tmp_path / "known_hosts"
    empty.write_text("")
    done = publish(site, sshd, address(sshd, tmp_path / "www"),
                   extra={"CSWGEN_SSH_KNOWN_HOSTS": str(empty)})
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"is not in your known_hosts file ({empty})" in done.stderr
    assert f"ssh-keyscan -p {sshd.port} 127.0.0.1 >> {empty}" in done.stderr
    assert not (site / "output").exists(), "the site was built before the server was checked"

    other = keygen(tmp_path / "other_host_key").with_suffix(".pub").read_text().split()
    wrong = tmp_path / "known_hosts_wrong"
    wrong.write_text(f"[127.0.0.1]:{sshd.port} {other[0]} {other[1]}\n")
    done = publish(site, sshd, address(sshd, tmp_path / "www"),
                   extra={"CSWGEN_SSH_KNOWN_HOSTS": str(wrong)})
    assert done.returncode == 1
    assert "is not the one recorded in" in done.stderr
    assert f"ssh-keygen -R '[127.0.0.1]:{sshd.port}'" in done.stderr
    assert not (tmp_path / "www").exists()


def test_a_key_file_that_is_missing_or_not_a_private_key_says_so(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    """A mistyped key file, or the .pub half of the key, is a problem with the key file,
    not "cannot connect ... check that the server is running"."""
    site = make_site(GOOD)
    www = tmp_path / "www"
    missing = tmp_path / "id_wrok"
    public = sshd.key.with_suffix(".pub")
    for key, message in [
            (missing, f"the key file {missing} (CSWGEN_SSH_IDENTITY) does not exist; check "
             "its name, or leave the setting out to use your SSH agent and ~/.ssh/id_*"),
            (public, f"the key file {public} (CSWGEN_SSH_IDENTITY) is a public key; give the "
             f"private key beside it, {sshd.key}")]:
        done = publish(site, sshd, address(sshd, www), extra={"CSWGEN_SSH_IDENTITY": str(key)})
        assert "Traceback" not in done.stderr
        assert (done.returncode, done.stderr.strip()) == (1, f"Cannot publish: {message}")
    write(site, {"config.toml": MINIMAL_CONFIG + f"\n[publish.web]\nto = "
                 f"'{address(sshd, www)}'\nidentity = '{missing}'\n"})
    env = {k: v for k, v in sshd.env().items() if k != "CSWGEN_SSH_IDENTITY"}
    done = subprocess.run([sys.executable, "-m", "cswgen", "publish", *AS_OF], cwd=site,
                          capture_output=True, text=True, timeout=120,
                          env={**{k: v for k, v in os.environ.items()
                                  if k not in ("SSH_AUTH_SOCK", "CSWGEN_SSH_IDENTITY")}, **env})
    assert (done.returncode, done.stderr.strip()) == (
        1, f"config.toml:11: [publish.web] identity: the key file {missing} does not exist; "
        "check its name, or leave the setting out to use your SSH agent and ~/.ssh/id_*")
    assert not www.exists()


def test_key_files_named_in_config_are_found_from_the_site_s_folder(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    """`identity = "keys/deploy"` in config.toml is beside config.toml, as `to` is, also when
    cswgen is run in one of the site's folders (not "the key file does not exist")."""
    www = tmp_path / "www"
    site = make_site({**GOOD, "config.toml": MINIMAL_CONFIG + f"\n[publish.web]\nto = "
                      f"'{address(sshd, www)}'\nidentity = 'keys/deploy'\n"
                      "known_hosts = 'keys/known_hosts'\n",
                      "keys/deploy": sshd.key.read_bytes(),
                      "keys/known_hosts": sshd.known_hosts.read_bytes()})
    (site / "keys/deploy").chmod(0o600)
    env = {k: v for k, v in os.environ.items()
           if k not in ("SSH_AUTH_SOCK", "CSWGEN_SSH_IDENTITY", "CSWGEN_SSH_KNOWN_HOSTS")}
    done = subprocess.run([sys.executable, "-m", "cswgen", "publish", *AS_OF],
                          cwd=site / "content", capture_output=True, text=True, timeout=120,
                          env=env)
    assert done.returncode == 0, done.stderr
    assert published(www) == built(site)


def test_a_record_that_cannot_be_read_is_said_not_called_a_bug(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    """cswgen's record on the server that the login cannot read (here a folder of its name)
    is a plain sentence, as on a folder target, not "cswgen stopped because of a bug"."""
    site = make_site(GOOD)
    www = tmp_path / "www"
    (www / RECORD).mkdir(parents=True)
    done = publish(site, sshd, address(sshd, www))
    assert "Traceback" not in done.stderr and "bug" not in done.stderr
    assert (done.returncode, done.stderr.strip()) == (1, (
        f"Cannot publish: cannot read {www}/{RECORD} on 127.0.0.1 (Failure): it is cswgen's "
        f"record of what publish put there, and must be a file that {sshd.user} can read and "
        "replace; ask whoever runs the server to make it so, then publish again"))


def test_a_connection_lost_while_looking_at_the_server_is_said_not_called_a_bug(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    """The connection dropping (a VPN that goes away) after the login, while publish looks
    at what is on the server: a sentence saying nothing was changed, not a crash."""
    from cswgen.publish.sftp import SftpTarget
    from cswgen.publish.target import Built, PublishError

    site = make_site(GOOD)
    www = tmp_path / "www"
    assert publish(site, sshd, address(sshd, www)).returncode == 0
    target = SftpTarget(address(sshd, www), known_hosts=str(sshd.known_hosts),
                        identity=str(sshd.key))
    try:
        target.check(site, site / "output")
        assert target.client is not None
        transport = target.client.get_transport()
        assert transport is not None
        transport.close()  # (the connection gone)
        with pytest.raises(PublishError) as refused:
            target.plan(Built.of(site / "output", 0, "test"))
    finally:
        target.close()
    assert str(refused.value).startswith(
        f"127.0.0.1 stopped answering while cswgen looked at what is in {www}/ (")
    assert str(refused.value).endswith("); nothing there was changed: publish again")


def test_a_wrong_address_fails_in_seconds(make_site: MakeSite, sshd: SshServer,
                                          tmp_path: Path) -> None:
    site = make_site(GOOD)
    done = publish(site, sshd, address(sshd, tmp_path / "no-such/www"))
    assert done.returncode == 1
    assert f"there is no folder {tmp_path}/no-such on 127.0.0.1" in done.stderr
    unused = sshd.port + 1 if sshd.port < 65535 else sshd.port - 1
    done = publish(site, sshd, f"sftp://{sshd.user}@127.0.0.1:{unused}/tmp/www")
    assert done.returncode == 1
    assert f"cannot connect to 127.0.0.1 port {unused}" in done.stderr
    done = publish(site, sshd, address(sshd, tmp_path / "www"),
                   extra={"CSWGEN_SSH_IDENTITY": str(keygen(tmp_path / "stranger"))})
    assert done.returncode == 1
    assert "refused the login" in done.stderr


def many_files(version: str, count: int = 400) -> dict[str, str | bytes]:
    """A site with `count` downloads of 16 kB each, all of them different in each version."""
    return {**GOOD, **{f"content/downloads/file-{n:03d}.txt": (f"{version} {n} " * 2000)[:16000]
                       for n in range(count)}}


def whole(www: Path, old: dict[str, bytes], new: dict[str, bytes]) -> None:
    """Every file publish put at the target is the old one or the new one, whole."""
    for name, data in published(www).items():
        assert name.endswith(".part") or data in (old.get(name), new.get(name)), \
            f"{name} is neither the old file nor the new one"


def publishing_half_way(make_site: MakeSite, sshd: SshServer, www: Path,
                        ) -> tuple[Path, subprocess.Popen[str], dict[str, bytes], dict[str, bytes]]:
    """Publish a site of many files to `www`, change every file, and start publishing
    again: the site, the publish (once 20 new files are in place), the old and new files."""
    site = make_site(many_files("old"))
    assert publish(site, sshd, address(sshd, www)).returncode == 0
    old = built(site)
    write(site, many_files("new"))
    subprocess.run([sys.executable, "-m", "cswgen", "build", *AS_OF], cwd=site, check=True,
                   capture_output=True)
    new = built(site)
    env = {**{k: v for k, v in os.environ.items() if k != "SSH_AUTH_SOCK"}, **sshd.env()}
    process = subprocess.Popen([sys.executable, "-m", "cswgen", "publish", address(sshd, www),
                                *AS_OF], cwd=site, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and sum(
            1 for name, data in in_place(www).items()
            if data == new.get(name) and data != old.get(name)) < 20:
        time.sleep(0.005)
    return site, process, old, new


def in_place(www: Path) -> dict[str, bytes]:
    """`published(www)` while a publish writes into it: a temporary file renamed into
    place between being listed and being read is left out (it is read at the next look)."""
    found: dict[str, bytes] = {}
    for path in sorted(www.rglob("*")) if www.exists() else []:
        name = path.relative_to(www).as_posix()
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            if name != RECORD and not name.startswith("foreign"):
                found[name] = path.read_bytes()
    return found


def finishes(site: Path, sshd: SshServer, www: Path, new: dict[str, bytes]) -> None:
    """The next publish leaves the target byte for byte the output, no temporary file."""
    done = publish(site, sshd, address(sshd, www))
    assert done.returncode == 0, done.stderr
    assert snapshot(www) == {**new, RECORD: (www / RECORD).read_bytes()}, \
        "the target differs from the output (or a temporary file was left)"


def test_a_killed_sftp_publish_leaves_whole_files_and_the_next_one_finishes(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    www = tmp_path / "www"
    before = set(sshd.sessions())
    site, process, old, new = publishing_half_way(make_site, sshd, www)
    process.send_signal(signal.SIGKILL)
    process.communicate()
    deadline = time.monotonic() + 30  # (the server's end finishes what it was asked, ends)
    while set(sshd.sessions()) - before and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "pending" in json.loads((www / RECORD).read_text()), "the publish was not cut short"
    whole(www, old, new)
    finishes(site, sshd, www, new)


def test_a_dropped_connection_leaves_whole_files_and_the_next_publish_finishes(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    www = tmp_path / "www"
    before = set(sshd.sessions())  # (the first publish's session has ended by the kill)
    site, process, old, new = publishing_half_way(make_site, sshd, www)
    for pid in set(sshd.sessions()) - before:  # the server's end of this connection
        sshd.kill_connection(pid)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 1, stdout + stderr
    assert "Traceback" not in stderr
    assert "publish again to finish" in stderr
    whole(www, old, new)
    finishes(site, sshd, www, new)


def test_a_file_the_server_will_not_take_is_named(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    """The server refusing a file (here a folder someone made in its way while publish was
    at work: one there before is refused before anything changes; a full disk or a
    read-only folder says the same) stops the publish with that file's name and SFTP's
    bare "Failure" explained; the next publish, once it is out of the way, finishes."""
    site = make_site({**GOOD, "content/pages/zzz.md": "---\ntitle: Last\n---\nLast.\n"})
    www = tmp_path / "www"
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from cswgen.publish.sftp import SftpTarget\n"
        "from cswgen.__main__ import main\n"
        "apply = SftpTarget.apply\n"
        "def meanwhile(self, *args):\n"
        f"    in_the_way = Path({str(www)!r}) / 'zzz/index.html'\n"
        "    in_the_way.mkdir(parents=True)\n"
        "    (in_the_way / 'IT.txt').write_text('in the way')\n"
        "    return apply(self, *args)\n"
        "SftpTarget.apply = meanwhile\n"
        f"sys.argv = ['cswgen', 'publish', {address(sshd, www)!r}, *{list(AS_OF)!r}]\n"
        "main()\n")
    env = {k: v for k, v in os.environ.items() if k != "SSH_AUTH_SOCK"}
    done = subprocess.run([sys.executable, "-c", script], cwd=site, capture_output=True,
                          text=True, timeout=120,
                          env={**env, **sshd.env(), "PYTHONPATH": str(REPO)})
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.strip() == (
        f"publishing to {address(sshd, www)} stopped at zzz/index.html: the server "
        "refused it (its disk may be full, the folder read-only, or a folder of that name "
        "in the way; SFTP says only \"Failure\"); every file there is whole, old or new: "
        "fix that and publish again to finish")
    (www / "zzz/index.html/IT.txt").unlink()
    (www / "zzz/index.html").rmdir()
    done = publish(site, sshd, address(sshd, www))
    assert done.returncode == 0, done.stderr
    assert published(www) == built(site)


def test_a_git_branch_over_ssh(make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    site = make_site(GOOD)
    repo = tmp_path / "csw.git"
    git("init", "-q", "--bare", str(repo))
    url = f"ssh://{sshd.user}@127.0.0.1:{sshd.port}{repo}"
    done = publish(site, sshd, url)
    assert done.returncode == 0, done.stderr
    assert re.match(rf"Published \d+ pages to gh-pages of {re.escape(url)} in ", done.stdout)
    files = git("--git-dir", str(repo), "ls-tree", "-r", "--name-only", "gh-pages").split()
    assert sorted(files) == sorted([*built(site), ".nojekyll"])
    again = publish(site, sshd, url)
    assert again.stdout.startswith("Nothing to publish"), again.stdout + again.stderr


def test_a_first_publish_to_a_new_folder_asks_the_server_once_not_once_a_page(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    """Looking for files someone else put at the site's paths must not cost a round trip
    per page (minutes, at 10,000 pages over the internet): a folder that is not there has
    nothing below it."""
    from cswgen.commands.build import build
    from cswgen.publish.sftp import SftpTarget
    from cswgen.publish.target import Built

    site = make_site({**GOOD, **{f"content/pages/p{n}.md": f"---\ntitle: P{n}\n---\nP.\n"
                                 for n in range(20)}})
    result = build(site, output=tmp_path / "out", shortcut=False)
    target = SftpTarget(address(sshd, tmp_path / "www"), known_hosts=str(sshd.known_hosts),
                        identity=str(sshd.key))
    asked: list[str] = []
    listing = paramiko.SFTPClient.listdir_attr

    def counted(self: paramiko.SFTPClient, path: str = ".") -> list[Any]:
        asked.append(path)
        return listing(self, path)

    paramiko.SFTPClient.listdir_attr = counted  # type: ignore[method-assign]  # (every session)
    try:
        target.check(site, tmp_path / "out")
        plan = target.plan(Built.of(result.output, result.pages, "test"))
    finally:
        paramiko.SFTPClient.listdir_attr = listing  # type: ignore[method-assign]
        target.close()
    assert len(plan.added) > 40 and not plan.theirs and not plan.changed
    assert len(asked) <= 1, asked


def _sessions_listing(site: Path, sshd: SshServer, www: Path) -> tuple[Any, set[int]]:
    """The plan of a publish of `site` to `www`, and the SFTP sessions that listed its
    folders (by identity)."""
    from cswgen.publish.sftp import SftpTarget
    from cswgen.publish.target import Built

    sessions: set[int] = set()
    listing = paramiko.SFTPClient.listdir_attr

    def counted(self: paramiko.SFTPClient, path: str = ".") -> list[Any]:
        sessions.add(id(self))
        return listing(self, path)

    target = SftpTarget(address(sshd, www), known_hosts=str(sshd.known_hosts),
                        identity=str(sshd.key))
    paramiko.SFTPClient.listdir_attr = counted  # type: ignore[method-assign]
    try:
        target.check(site, site / "output")
        plan = target.plan(Built.of(site / "output", 0, "test"))
    finally:
        paramiko.SFTPClient.listdir_attr = listing  # type: ignore[method-assign]
        target.close()
    return plan, sessions


MANY = {f"content/pages/p{n:02}.md": f"---\ntitle: P{n}\n---\nPage {n}.\n" for n in range(30)}


def test_many_folders_are_listed_over_several_sessions_and_missing_files_found(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    """A site of many folders has them listed over several sessions of one connection at
    once (one a folder, one after another, cost minutes over the internet), and what the
    listings find is what one session found: a page deleted on the server is put back, one
    edited there is changed, a folder where the site has a file stops the publish."""
    site = make_site({**GOOD, **MANY})
    www = tmp_path / "www"
    assert publish(site, sshd, address(sshd, www)).returncode == 0
    (www / "p07/index.html").unlink()
    write(www, {"p21/index.html": "<p>edited on the server, longer than the page</p>\n" * 40})
    plan, sessions = _sessions_listing(site, sshd, www)
    assert len(sessions) > 1, sessions
    assert (plan.added, plan.changed, plan.theirs) == (["p07/index.html"],
                                                       ["p21/index.html"], []), plan
    done = publish(site, sshd, address(sshd, www))
    assert done.returncode == 0, done.stderr
    assert published(www) == built(site)
    (www / "p11/index.html").unlink()
    (www / "p11/index.html").mkdir()  # (a folder where the site has a file)
    refused = publish(site, sshd, address(sshd, www))
    assert refused.returncode == 1 and "p11/index.html (a folder; the site has a file " \
        "there)" in refused.stderr, refused.stderr


def test_a_first_publish_of_many_files_puts_them_over_several_sessions(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    """Many files are put over several sessions at once (one after another, each costs
    several round trips: minutes for a thousand pages over the internet), their folders
    made first; the target then holds the site, the record all of it, and the next
    publish has nothing to do."""
    from cswgen.publish.sftp import SftpTarget
    from cswgen.publish.target import Built

    site = make_site({**GOOD, **MANY})
    subprocess.run([sys.executable, "-m", "cswgen", "build", *AS_OF], cwd=site, check=True,
                   capture_output=True)
    www = tmp_path / "www"
    sessions: set[int] = set()
    putting = paramiko.SFTPClient.put

    def counted(self: paramiko.SFTPClient, *args: Any, **kwargs: Any) -> Any:
        sessions.add(id(self))
        return putting(self, *args, **kwargs)

    target = SftpTarget(address(sshd, www), known_hosts=str(sshd.known_hosts),
                        identity=str(sshd.key))
    done: list[str] = []
    paramiko.SFTPClient.put = counted  # type: ignore[method-assign]
    try:
        target.check(site, site / "output")
        built_site = Built.of(site / "output", 0, "test")
        plan = target.plan(built_site)
        target.apply(plan, built_site, lambda count, total, name: done.append(name))
    finally:
        paramiko.SFTPClient.put = putting  # type: ignore[method-assign]
        target.close()
    assert len(sessions) > 1, sessions
    assert sorted(done) == sorted(plan.added) and len(done) > 30
    assert published(www) == built(site)
    assert sorted(json.loads((www / RECORD).read_text())["files"]) == sorted(built(site))
    again = publish(site, sshd, address(sshd, www))
    assert again.stdout.startswith("Nothing to publish"), again.stdout + again.stderr


def test_many_pages_dropped_are_removed_with_their_folders_but_not_someone_elses(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    """Twenty pages the site drops at once are removed over several sessions, and the
    folders publish made for them with them, but for one where IT put a file of its own
    meanwhile, and one that was there before the first publish."""
    www = tmp_path / "www"
    write(www, {"p05/notes.txt": "IT's, there before the site\n"})
    site = make_site({**GOOD, **MANY})
    assert publish(site, sshd, address(sshd, www)).returncode == 0
    write(www, {"p12/IT.txt": "IT's, put there later\n"})
    for n in range(20):
        (site / f"content/pages/p{n:02}.md").unlink()
    done = publish(site, sshd, address(sshd, www), "--yes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.rstrip().endswith(": 20 removed"), done.stdout
    assert published(www) == {**built(site), "p05/notes.txt": b"IT's, there before the site\n",
                               "p12/IT.txt": b"IT's, put there later\n"}
    assert sorted(p.name for p in www.iterdir() if p.is_dir() and p.name[1:].isdigit()) \
        == ["p05", "p12", *(f"p{n}" for n in range(20, 30))]


def test_a_server_that_allows_one_session_is_listed_over_that_one(
        make_site: MakeSite, tmp_path: Path) -> None:
    """sshd's MaxSessions 1 (some hosts allow one): the folders are listed over the one
    session publish has, and the publish works as anywhere else."""
    if not Path(SSHD).exists():
        pytest.skip(f"{SSHD} is missing (apt-get install openssh-server)")
    with ssh_server(tmp_path / "sshd", "MaxSessions 1\n") as one:
        site = make_site({**GOOD, **MANY})
        www = tmp_path / "www"
        assert publish(site, one, address(one, www)).returncode == 0
        (www / "p03/index.html").unlink()
        plan, sessions = _sessions_listing(site, one, www)
        assert len(sessions) == 1 and plan.added == ["p03/index.html"], (sessions, plan)
        done = publish(site, one, address(one, www))
        assert done.returncode == 0, done.stderr
        assert published(www) == built(site)


def test_a_publish_with_nothing_changed_reads_no_file_back_from_the_server(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path) -> None:
    """Noticing files deleted or edited on the server must not cost a download of the
    whole site each time: the sizes and dates the server gave the files publish put there
    say they are as they were."""
    from cswgen.publish.sftp import SftpTarget
    from cswgen.publish.target import Built

    site = make_site({**GOOD, **{f"content/pages/p{n}.md": f"---\ntitle: P{n}\n---\nP.\n"
                                 for n in range(5)}})
    www = tmp_path / "www"
    assert publish(site, sshd, address(sshd, www)).returncode == 0
    target = SftpTarget(address(sshd, www), known_hosts=str(sshd.known_hosts),
                        identity=str(sshd.key))
    try:
        target.check(site, site / "output")
        assert target.sftp is not None
        opened: list[str] = []
        opening = target.sftp.open

        def counted(path: str, *args: Any, **kwargs: Any) -> Any:
            opened.append(path)
            return opening(path, *args, **kwargs)

        target.sftp.open = counted  # type: ignore[method-assign,assignment]
        plan = target.plan(Built.of(site / "output", 0, "test"))
    finally:
        target.close()
    assert plan.empty and plan.unchanged == len(built(site)), plan
    assert opened == []


@pytest.mark.parametrize("kind", [["-t", "rsa", "-b", "2048", "-m", "PEM"], ["-t", "ed25519"]])
def test_a_key_file_with_a_passphrase_and_no_agent_says_to_add_it_to_the_agent(
        make_site: MakeSite, sshd: SshServer, tmp_path: Path, kind: list[str]) -> None:
    """A key protected by a passphrase cannot be used without the agent (cswgen never asks
    for or stores one): that is what is said, whatever the key's format (an old PEM key made
    paramiko answer "encountered RSA key, expected OPENSSH key")."""
    site = make_site(GOOD)
    key = tmp_path / "id_locked"
    subprocess.run(["ssh-keygen", "-q", *kind, "-N", "a passphrase", "-C", "test", "-f",
                    str(key)], check=True)
    env = {k: v for k, v in os.environ.items() if k != "SSH_AUTH_SOCK"}
    done = subprocess.run([sys.executable, "-m", "cswgen", "publish", *AS_OF,
                           address(sshd, tmp_path / "www")], cwd=site, capture_output=True,
                          text=True, timeout=120,
                          env={**env, **sshd.env(), "CSWGEN_SSH_IDENTITY": str(key)})
    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    assert f"your key file {key} is protected by a passphrase; add it to your SSH agent " \
           "with `ssh-add` and publish again" in done.stderr, done.stderr
    assert not (tmp_path / "www").exists()


def test_a_folder_the_server_cannot_make_is_not_called_a_publish_to_finish(
        make_site: MakeSite, sshd: SshServer) -> None:
    """Publishing again cannot help where the server has no such folder and cannot make
    one (here under /proc): the message says to check the address."""
    site = make_site(GOOD)
    done = publish(site, sshd, address(sshd, Path("/proc/cswgen-www")))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.strip().endswith(
        "stopped at /proc/cswgen-www/: the server has no such folder and cannot make one "
        "there; every file there is whole, old or new: check the folder in the address, "
        "then publish again"), done.stderr
