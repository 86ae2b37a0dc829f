"""What the tests share: writing throwaway sites, reading what a user reads, serving a folder.

Fixtures live in conftest.py and are built from these; a test module that needs a plain
function imports it from here (`from tests.helpers import snapshot`), never from another
test module.  bench/ scripts may import from here too.
"""

from __future__ import annotations

import contextlib
import functools
import http.client
import http.server
import os
import re
import signal
import socket
import subprocess
import textwrap
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import pytest

REPO = Path(__file__).resolve().parent.parent

AS_OF = ("--as-of", "2026-10-06")  # Tuesday of the 2026 week (5-9 October)

Files = dict[str, str | bytes]

MINIMAL_CONFIG = """\
[site]
title = "Test Week"
organisation = "Test Org"

[week]
year = 2026
timezone = "Africa/Harare"
"""


# --- what a user sees -----------------------------------------------------------------------

@dataclass
class Outcome:
    """One run of the command line: its exit status and what it printed."""

    exit_code: int
    stdout: str
    stderr: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]


class MakeSite(Protocol):
    """The `make_site` fixture: write a site from path -> text, return its folder."""

    def __call__(self, files: Mapping[str, str | bytes] | None = None) -> Path: ...


class Run(Protocol):
    """The `run` fixture: the real command line, run in `site`."""

    def __call__(self, site: Path, *args: str) -> Outcome: ...


class Fails(Protocol):
    """The `fails` fixture: break a good site with `broken`; what the failed build said."""

    def __call__(self, broken: Files, base: Files | None = None) -> Outcome: ...


def no_traceback(outcome: Outcome) -> None:
    assert "Traceback" not in outcome.stdout + outcome.stderr
    assert "because of a bug" not in outcome.stderr, outcome.stderr


def find_line(outcome: Outcome, prefix: str, *phrases: str) -> str:
    """The one stderr line that starts with `prefix` and contains every phrase."""
    found = [line for line in outcome.lines
             if line.startswith(prefix) and all(p in line for p in phrases)]
    assert found, f"no line starting {prefix!r} with {phrases!r} in:\n{outcome.stderr}"
    return found[0]


def error_lines(outcome: Outcome) -> list[str]:
    """The `path:line: message` error lines on stderr (not warnings, not the summary)."""
    return [line for line in outcome.lines
            if re.match(r"^\S+?(:\d+)?: ", line) and ": warning: " not in line
            and not line.startswith("Build failed")]


def failed_count(outcome: Outcome) -> int:
    """The number in "Build failed: N errors."."""
    match = re.search(r"Build failed: (\d+) errors?\.", outcome.stderr)
    assert match, outcome.stderr
    return int(match.group(1))


def ctrl_c_as_at_a_terminal() -> None:
    """(`preexec_fn`: in the child, before it runs.)  Ctrl-C as a terminal's foreground
    command has it.  A runner that starts the tests in the background of a shell passes
    SIGINT on ignored, and cswgen then rightly leaves it ignored (as Python itself does): a
    test of Ctrl-C would then test nothing but that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_a_read(pid: int) -> None:
    """Until the process `pid` sleeps (in Linux's /proc), which after it asked a question
    is its wait for the answer.  Python runs its handler for a signal only between steps of
    a program: a Ctrl-C sent in the instant between the question written and the read begun
    would wait for Enter, which no person at a terminal is quick enough to meet, but a
    test is."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
                if stat.read().rpartition(")")[2].split()[0] == "S":
                    return
        except OSError:  # (no /proc: a moment's wait instead)
            time.sleep(0.5)
            return
        time.sleep(0.01)


def ctrl_c_at_a_question(command: list[str], site: Path, question: bytes) -> tuple[int, str]:
    """`command` run in `site` at a terminal of its own, stopped with Ctrl-C (a real
    SIGINT) once it asks `question`: its exit status and everything it wrote there."""
    main, terminal = os.openpty()
    process = subprocess.Popen(command, cwd=site, stdin=terminal, stdout=terminal,
                               stderr=terminal, preexec_fn=ctrl_c_as_at_a_terminal)
    os.close(terminal)
    said = b""
    try:
        deadline = time.monotonic() + DEADLINE
        while question not in said and time.monotonic() < deadline:
            said += os.read(main, 1024)
        assert question in said, said
        _wait_for_a_read(process.pid)
        process.send_signal(signal.SIGINT)
        process.wait(DEADLINE)
        with contextlib.suppress(OSError):  # (EIO once the terminal is closed: all is read)
            while chunk := os.read(main, 1024):
                said += chunk
    finally:
        os.close(main)
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, said.decode("utf-8").replace("\r\n", "\n")


# --- files ----------------------------------------------------------------------------------

def write(site: Path, files: Mapping[str, str | bytes]) -> None:
    """Write each path -> text (UTF-8, newlines as given) or bytes under `site`."""
    for relative, data in files.items():
        path = site / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, "utf-8", newline="")


def write_site(folder: Path, files: Mapping[str, str | bytes]) -> Path:
    """A site in `folder`: `files` (texts dedented), MINIMAL_CONFIG unless a config is given,
    and a content/ folder."""
    files = {"config.toml": MINIMAL_CONFIG, **files}
    write(folder, {relative: data if isinstance(data, bytes) else textwrap.dedent(data)
                   for relative, data in files.items()})
    (folder / "content").mkdir(exist_ok=True)
    return folder


def files_in(folder: Path) -> set[str]:
    """The `/`-separated paths of the files under `folder`."""
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` with its bytes (empty when it does not exist)."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# --- a tiny theme of the site's own -----------------------------------------------------------

TEMPLATES = ("home", "day", "testimonials", "testimonial", "honour_roll", "honour",
             "certificate", "policy", "page", "404")
MINI = "<!doctype html><title>{{ page.title }}</title>{{ page.body_html | safe }}\n"
MINI_CONFIG = """\
[site]
title = "Test Week"
theme = "mini"

[week]
year = 2026
timezone = "Africa/Harare"
"""


def with_theme(files: Files, templates: Mapping[str, str] | None = None) -> Files:
    """`files` plus config.toml (unless given) and a theme of its own, `mini`, whose
    templates are `templates` by name and MINI for the others."""
    result: Files = {"config.toml": MINI_CONFIG}
    for name in TEMPLATES:
        result[f"themes/mini/templates/{name}.html"] = (templates or {}).get(name, MINI)
    result.update(files)
    return result


# a small site that builds: the base that broken-site tests break
GOOD: Files = {
    "content/index.md": "Welcome to the week.\n",
    "content/days/monday.md": "---\ntitle: Opening Monday\nday: monday\n---\nHello.\n",
    "content/honour-roll/zoë-nyathi.md": "---\nname: Zoë Nyathi\n---\nAlways kind.\n",
}


def large_site(make_site: Callable[[Mapping[str, str | bytes]], Path], testimonials: int,
               champions: int) -> Path:
    """A site with `testimonials` testimonials and `champions` people with one award."""
    first = ["Alice", "Bongani", "Chipo", "Dumi", "Emma", "Farai", "Grace", "Zoë", "Ömer",
             "7even"]
    files: Files = {}
    for i in range(testimonials):
        files[f"content/testimonials/t{i:03d}.md"] = (
            f"---\ncustomer: Customer {i:03d}\ndate: 2026-09-{1 + i % 28:02d}\n---\n"
            f"Thanks number {i}.\n")
    for i in range(champions):
        name = f"{first[i % len(first)]} Person{i:03d}"
        files[f"content/honour-roll/c{i:03d}.md"] = (
            f"---\nname: {name}\naward: Customer Champion Award\n---\nGreat.\n")
    files["content/honour-roll/r1.md"] = "---\nname: Rita Star\naward: Rising Star Award\n---\n"
    return make_site(files)


# --- a browser and a plain HTTP server ------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
# WCAG 2.0, 2.1 and 2.2 A and AA, and axe's best practices
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def translate_path(self, path: str) -> str:
        # serve the site under /csw/ to prove it works below a sub-path
        return super().translate_path(path.removeprefix("/csw"))

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """`folder` over HTTP on 127.0.0.1 (a thread per request, as a host would), under /csw/
    to prove that a site works below a sub-path: the URL of its home page."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/csw/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def demos_served(factory: pytest.TempPathFactory, name: str,
                 **config: str) -> Iterator[Callable[[str], tuple[Path, str]]]:
    """The demo campaign (with these [site] keys) built as of Tuesday 6 October 2026 in a
    language, once per language, and served: `get(tag)` gives its output folder and its
    address."""
    from datetime import date

    from cswgen.commands.build import build

    with ExitStack() as stack:
        built: dict[str, tuple[Path, str]] = {}

        def get(language: str) -> tuple[Path, str]:
            if language not in built:
                folder = factory.mktemp(f"{name}-{language}")
                out = folder / "output"
                build(demo_in(folder, language, **config), as_of=date(2026, 10, 6),
                      output=out, cache_dir=folder / "cache")
                built[language] = (out, stack.enter_context(serving(out)))
            return built[language]

        yield get


@functools.cache
def _axe_script() -> str:
    """axe-core, as shipped inside the axe-playwright-python package (a test dependency)."""
    from importlib.resources import files

    return (files("axe_playwright_python") / "axe.min.js").read_text("utf-8")


def axe(page: Any) -> list[str]:
    """axe-core's violations on the page, one line each: rule, impact and the elements."""
    page.evaluate(_axe_script())
    results = page.evaluate("""tags => axe.run(document, {
        runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})""", AXE_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(" ".join(n["target"]) for n in v["nodes"][:5])
            for v in results["violations"]]


# --- `cswgen serve` in a process of its own --------------------------------------------------

DEADLINE = 60.0  # seconds; only a broken server takes this long

TESTIMONIAL = """\
---
customer: Rudo M.
rating: 5
---
Farai sorted out my bond transfer in one phone call.
"""
SERVE_SITE = {
    "content/index.md": "---\ntitle: Welcome\n---\nHello from the home page.\n",
    "content/testimonials/rudo-m.md": TESTIMONIAL,
    "content/pages/about.md": "---\ntitle: About\n---\nAbout us.\n",
    "themes/mine/theme.toml": 'extends = "classic"\n',
    "themes/mine/static/extra.css": "body { margin: 0; }\n",
}
SERVE_CONFIG = """\
[site]
title = "Test Week"
organisation = "Test Org"
theme = "mine"

[week]
year = 2026
timezone = "Africa/Harare"
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """A `cswgen serve` process and its port, and what a browser would ask of it."""

    process: subprocess.Popen[str]
    port: int

    def get(self, path: str) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=DEADLINE)
        try:
            connection.request("GET", path)  # sent as it is: no client-side clean-up of ..
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        finally:
            connection.close()

    def post(self, path: str, form: str) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=DEADLINE)
        try:
            connection.request("POST", path, body=form, headers={
                "Content-Type": "application/x-www-form-urlencoded"})
            response = connection.getresponse()
            response.read()
            return response.status, response.getheader("Location") or ""
        finally:
            connection.close()

    def wait_for(self, path: str, test: Callable[[int, str], bool]) -> tuple[int, str]:
        """Poll `path` until `test(status, body)` holds; fail after DEADLINE seconds."""
        end = time.monotonic() + DEADLINE
        status, body = 0, ""
        while time.monotonic() < end:
            assert self.process.poll() is None, f"the server died: {self.output()}"
            try:
                status, body = self.get(path)
            except OSError:
                status, body = 0, ""
            if test(status, body):
                return status, body
            time.sleep(0.05)
        pytest.fail(f"GET {path} never passed the test; last {status}: {body[:300]}")

    def stop(self, number: int = signal.SIGINT) -> tuple[int, str, str]:
        self.process.send_signal(number)
        stdout, stderr = self.process.communicate(timeout=DEADLINE)
        return self.process.returncode, stdout, stderr

    def output(self) -> str:
        if self.process.poll() is None:
            return "(still running)"
        stdout, stderr = self.process.communicate()
        return stdout + stderr


def served(status: int, body: str) -> bool:
    """For Server.wait_for: the page is there."""
    return status == 200


class Serve(Protocol):
    """The `serve` fixture: `cswgen serve` started in `site` with `args`."""

    def __call__(self, site: Path, *args: str, port: int | None = None) -> Server: ...


def demo_in(folder: Path, tag: str, **config: str) -> Path:
    """A copy of the demo campaign with `[site] language = tag` (and other [site] keys)."""
    text = (REPO / "config.toml").read_text("utf-8")
    text = re.sub(r'^language = "[^"]*"', f'language = "{tag}"', text, count=1, flags=re.M)
    for key, value in config.items():
        text = re.sub(rf'^{key} = "[^"]*"', f'{key} = "{value}"', text, count=1, flags=re.M)
    site = folder / f"demo-{tag}"
    site.mkdir()
    (site / "config.toml").write_text(text, "utf-8")
    (site / "content").symlink_to(REPO / "content")
    return site


# --- an OpenSSH server of the test's own ----------------------------------------------------

SSHD = "/usr/sbin/sshd"


@dataclass
class SshServer:
    """Debian's sshd on 127.0.0.1, with a throwaway host key and user key."""

    process: subprocess.Popen[bytes]
    port: int
    user: str
    key: Path  # the user's private key
    known_hosts: Path  # holds the server's key
    host_key: Path

    def env(self) -> dict[str, str]:
        """What `cswgen publish` needs to use this server: its keys, and git's ssh too."""
        ssh = (f"ssh -F /dev/null -i {self.key} -o IdentitiesOnly=yes -o BatchMode=yes "
               f"-o UserKnownHostsFile={self.known_hosts} -o StrictHostKeyChecking=yes")
        return {"CSWGEN_SSH_KNOWN_HOSTS": str(self.known_hosts),
                "CSWGEN_SSH_IDENTITY": str(self.key), "GIT_SSH_COMMAND": ssh}

    def sessions(self, parent: int | None = None) -> list[int]:
        """The processes sshd started for connections (its children; or `parent`'s)."""
        found = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rpartition(")")[2].split()
            except OSError:
                continue
            if int(fields[1]) == (parent or self.process.pid):
                found.append(int(stat.parent.name))
        return found

    def kill_connection(self, pid: int) -> None:
        """Kill a connection's sshd process and every process below it (the sessions of
        its SFTP channels, which would otherwise finish what they were asked)."""
        below = [pid]
        for each in below:
            below.extend(self.sessions(each))
        for each in below:
            with contextlib.suppress(ProcessLookupError):
                os.kill(each, signal.SIGKILL)


def keygen(path: Path) -> Path:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "test", "-f",
                    str(path)], check=True)
    return path


@contextmanager
def ssh_server(folder: Path, settings: str = "") -> Iterator[SshServer]:
    """Start sshd in `folder` (as the current user: it can log in only as that user), with
    `settings` (sshd_config lines) too, and stop it at the end."""
    import getpass

    folder.mkdir(parents=True, exist_ok=True)
    host_key, key = keygen(folder / "host_key"), keygen(folder / "user_key")
    (folder / "authorized_keys").write_text((folder / "user_key.pub").read_text())
    port = free_port()
    (folder / "sshd_config").write_text(textwrap.dedent(f"""\
        Port {port}
        ListenAddress 127.0.0.1
        HostKey {host_key}
        PidFile {folder}/sshd.pid
        AuthorizedKeysFile {folder}/authorized_keys
        StrictModes no
        UsePAM no
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PubkeyAuthentication yes
        PermitRootLogin prohibit-password
        Subsystem sftp internal-sftp
        LogLevel ERROR
        """) + settings)
    known = folder / "known_hosts"
    host_public = (folder / "host_key.pub").read_text().split()
    known.write_text(f"[127.0.0.1]:{port} {host_public[0]} {host_public[1]}\n")
    if os.geteuid() == 0:
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # sshd's privilege separation
    process = subprocess.Popen([SSHD, "-D", "-e", "-f", str(folder / "sshd_config")],
                               stderr=subprocess.PIPE)
    server = SshServer(process, port, getpass.getuser(), key, known, host_key)
    try:
        deadline = time.monotonic() + DEADLINE
        while True:
            assert process.poll() is None, process.communicate()[1].decode()
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "sshd did not start listening"
                time.sleep(0.05)
        yield server
    finally:
        process.terminate()
        process.communicate(timeout=DEADLINE)


# --- what `cswgen publish` leaves at a target -----------------------------------------------

RECORD = ".cswgen-published.json"


def published(folder: Path) -> dict[str, bytes]:
    """What publish put in `folder`: everything but its record and `foreign` files."""
    return {name: data for name, data in snapshot(folder).items()
            if name != RECORD and not name.startswith("foreign")}


def built(site: Path) -> dict[str, bytes]:
    """The site's output folder as `cswgen build` left it, less cswgen's bookkeeping."""
    return {name: data for name, data in snapshot(site / "output").items()
            if not name.startswith(".cswgen-")}


def git(*args: str, cwd: Path | None = None) -> str:
    """Run git as a tester would (with a name of their own); what it printed."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Tester", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "Tester", "GIT_COMMITTER_EMAIL": "t@example.org"}
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          check=True).stdout
