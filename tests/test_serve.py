"""`cswgen serve`: the real server in a subprocess, talked to over HTTP as a browser would,
and the pieces it is made of (the preview folder, the cache, the session) in process.

Waits are polls with generous deadlines, so a slow, loaded machine makes a test slower,
never red; a server that never serves the change still fails.
"""

from __future__ import annotations

import gc
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlsplit

import pytest
from PIL import Image

from cswgen.commands.build import build
from cswgen.commands.preview import (
    Watcher,
    is_loopback,
    preview_folder,
    remove_preview_folder,
    resolve,
)
from cswgen.commands.serve import Session
from cswgen.core.cache import Cache
from cswgen.core.errors import Problem
from cswgen.render.overlay import State, decorate, safe_next
from cswgen.write.writer import Preview
from tests.helpers import (
    DEADLINE,
    REPO,
    SERVE_CONFIG,
    SERVE_SITE,
    TESTIMONIAL,
    Serve,
    Server,
    axe,
    free_port,
    served,
    snapshot,
    write_site,
)

# --- the server, over HTTP -------------------------------------------------------------


def test_a_saved_change_is_served_without_touching_the_browser(serve: Serve, site: Path) -> None:
    server = serve(site)
    page = server.wait_for("/testimonials/rudo-m/", served)[1]
    assert "bond transfer" in page
    assert 'id="cswgen-preview"' in page and "livereload.js" in page
    (site / "content/testimonials/rudo-m.md").write_text(
        TESTIMONIAL.replace("bond transfer", "title deeds"), "utf-8")
    server.wait_for("/testimonials/rudo-m/", lambda s, body: "title deeds" in body)
    (site / "content/testimonials/chipo-k.md").write_text(
        "---\ncustomer: Chipo K.\n---\nA new story.\n", "utf-8")
    server.wait_for("/testimonials/chipo-k/", lambda s, body: "A new story." in body)
    (site / "content/testimonials/chipo-k.md").unlink()
    server.wait_for("/testimonials/chipo-k/", lambda s, body: s == 404)
    code, stdout, stderr = server.stop()
    assert code == 0, stderr
    lines = stdout.splitlines()
    assert lines[0].startswith("Serving the preview at http://127.0.0.1:")
    assert lines[1].startswith("Built in ") and " ms: " in lines[1]
    assert any(line.startswith("Rebuilt in ") and "files changed" in line for line in lines)
    assert lines[-1] == "Stopped."
    assert not (site / "output").exists(), "serve must never write the output folder"


def test_a_broken_file_shows_the_problems_in_every_page_until_fixed(
        serve: Serve, site: Path) -> None:
    server = serve(site)
    server.wait_for("/", served)
    broken = TESTIMONIAL.replace("rating: 5", "rating: <b>9</b>")
    (site / "content/testimonials/rudo-m.md").write_text(broken, "utf-8")
    for path in ("/", "/about/", "/no-such-page/"):
        status, page = server.wait_for(path, lambda s, body: 'id="cswgen-errors"' in body)
        assert "content/testimonials/rudo-m.md:3: " in page  # the CLI's path:line text
        assert "&lt;b&gt;9&lt;/b&gt;" in page and "<b>9</b>" not in page  # escaped
        assert "Hello from the home page." in server.get("/")[1]  # the last good build
    assert server.process.poll() is None
    (site / "content/testimonials/rudo-m.md").write_text(TESTIMONIAL, "utf-8")
    status, page = server.wait_for("/", lambda s, body: 'id="cswgen-errors"' not in body)
    assert status == 200 and "Hello from the home page." in page
    code, stdout, stderr = server.stop()
    assert code == 0
    assert "content/testimonials/rudo-m.md:3: " in stderr
    assert "Rebuild failed in " in stdout


def test_a_site_that_never_built_still_serves_its_problems(serve: Serve, tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {"config.toml": "[site]\ntittle = 'Oops'\n"})
    server = serve(site)
    page = server.wait_for("/", lambda s, body: 'id="cswgen-errors"' in body)[1]
    assert "config.toml:2: " in page and "did you mean" in page
    (site / "config.toml").write_text(SERVE_CONFIG.replace('theme = "mine"', ""), "utf-8")
    server.wait_for("/", lambda s, body: s == 200 and 'id="cswgen-errors"' not in body)
    assert server.stop()[0] == 0


TRAVERSALS = [
    "/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd", "/assets/..%2f..%2f..%2fetc%2fpasswd",
    "/..%5c..%5cetc%5cpasswd", "/%252e%252e/etc/passwd", "/.cswgen-manifest", "//etc/passwd",
    "/about/%00", "/about/..%00/",
]


def test_nothing_outside_the_built_site_is_served(serve: Serve, site: Path) -> None:
    server = serve(site)
    server.wait_for("/", served)
    for path in TRAVERSALS:
        status, body = server.get(path)
        assert status == 404, f"{path}: {body[:200]}"
        assert "root:" not in body
    assert server.process.poll() is None
    server.stop()


def test_a_missing_address_in_a_language_s_folder_gets_that_language_s_not_found_page(
        serve: Serve, site: Path) -> None:
    """A team previewing its Swahili pages saw the English not-found page for a mistyped
    `/sw/...` address; the preview serves the nearest `404.html` up the folders, as
    Cloudflare Pages does and as the README shows other hosts to."""
    config = site / "config.toml"
    config.write_text(SERVE_CONFIG.replace("[week]", 'languages = ["en", "sw"]\n\n[week]'),
                      "utf-8")
    server = serve(site)
    server.wait_for("/sw/", served)
    for path in ("/sw/no-such-page/", "/sw/days/no-such-day/", "/sw/missing.pdf"):
        status, body = server.get(path)
        assert status == 404, path
        assert '<html lang="sw" dir="ltr">' in body, (path, body[:300])
    status, body = server.get("/no-such-page/")
    assert status == 404
    assert '<html lang="en" dir="ltr">' in body, body[:300]
    server.stop()


def test_folders_redirect_and_files_have_types(serve: Serve, site: Path) -> None:
    server = serve(site)
    server.wait_for("/", served)
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=DEADLINE)
    connection.request("GET", "/about")
    response = connection.getresponse()
    assert response.status == 301 and response.getheader("Location") == "/about/"
    connection.close()
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=DEADLINE)
    connection.request("GET", "/assets/extra.css")
    response = connection.getresponse()
    assert response.status == 200
    assert response.getheader("Content-Type") == "text/css; charset=utf-8"
    assert response.getheader("Cache-Control") == "no-store"  # never a stale page from cache
    assert response.read() == b"body { margin: 0; }\n"
    connection.close()
    server.stop()


def test_a_head_request_gets_the_headers_of_a_get_and_no_body(serve: Serve, site: Path) -> None:
    """A link checker or `curl -I` asks with HEAD: it was told `Content-Length: 0`."""
    server = serve(site)
    server.wait_for("/", served)
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=DEADLINE)
    for path in ("/", "/assets/extra.css", "/no-such-page/"):
        got = []
        for method in ("GET", "HEAD"):  # one connection: a body after a HEAD would show
            connection.request(method, path)
            response = connection.getresponse()
            got.append((response.status, response.getheader("Content-Type"),
                        response.getheader("Content-Length"), response.read()))
        (status, kind, length, body), head = got
        assert int(length or 0) == len(body) > 0
        assert head == (status, kind, length, b""), path
    connection.close()
    server.stop()


def test_the_preview_bar_shows_the_site_as_on_a_day_of_the_week(serve: Serve, site: Path) -> None:
    server = serve(site, "--as-of", "2026-09-01")
    status, page = server.wait_for("/", served)
    assert "Tuesday 1 September 2026" in page
    assert 'content="2026-09-01"' in page  # the date the theme's script uses
    assert 'value="2026-10-07"' in page  # Wednesday's button
    status, location = server.post("/__cswgen/as-of", "as_of=2026-10-07&next=/about/")
    assert (status, location) == (303, "/about/")
    status, page = server.get("/about/")
    assert "Wednesday 7 October 2026" in page
    assert 'value="2026-10-07" aria-current="date"' in page
    status, location = server.post("/__cswgen/as-of", "as_of=2026-10-07&next=//evil.example/")
    assert location == "/"
    assert server.post("/__cswgen/as-of", "as_of=someday&next=/")[0] == 400
    assert server.get("/__cswgen/as-of")[0] == 405
    assert server.stop(signal.SIGTERM)[0] == 0


def test_a_page_not_published_yet_says_so_where_it_is_not_found(serve: Serve,
                                                                 site: Path) -> None:
    """Kevin sets `publish: 2026-10-07` on a testimonial and opens its page in the preview:
    it said "Page not found ... the address may have a typo", and nothing more.  The
    preview now says which file keeps it back, until when, and how to see it."""
    (site / "content/testimonials/ashley-t.md").write_text(
        "---\ncustomer: Ashley T.\npublish: 2026-10-07\n---\nLocked out at midnight.\n",
        "utf-8")
    server = serve(site, "--as-of", "2026-09-01")
    server.wait_for("/", served)
    status, page = server.get("/testimonials/ashley-t/")
    assert status == 404
    said = " ".join(re.sub(r"<[^>]+>", "", page.split('class="cswgen-later"')[1]
                           .split("</p>")[0]).split())
    assert said == ('role="status">Not published yet: content/testimonials/ashley-t.md has '
                    "publish: 2026-10-07, so visitors see this page from Wednesday 7 October "
                    "2026. To see it here, choose a day on or after that date below, or run "
                    "cswgen serve --as-of 2026-10-07.")
    assert "Not published yet" not in server.get("/testimonials/nobody/")[1]  # a typo
    server.post("/__cswgen/as-of", "as_of=2026-10-07&next=/testimonials/ashley-t/")
    status, page = server.get("/testimonials/ashley-t/")
    assert status == 200 and "Locked out at midnight." in page
    assert "Not published yet" not in page
    assert server.stop(signal.SIGTERM)[0] == 0


def test_a_taken_port_means_the_next_free_one(serve: Serve, site: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        server = serve(site, port=port)
        assert server.process.stdout is not None
        first = server.process.stdout.readline()
        assert first.startswith(f"Port {port} is in use, so the preview uses port "), first
        server.port = int(first.rsplit(" ", 1)[1].rstrip(".\n"))
        assert server.port > port
        assert server.process.stdout.readline().startswith(
            f"Serving the preview at http://127.0.0.1:{server.port}/")
        server.wait_for("/", served)
        assert server.stop()[0] == 0


def _global_addresses(version: str) -> set[str]:
    """This computer's addresses on a network, as `ip` lists them (none: no network)."""
    listed = subprocess.run(["ip", "-o", f"-{version}", "addr", "show", "scope", "global"],
                            capture_output=True, text=True, check=False).stdout
    return {line.split()[3].split("/")[0] for line in listed.splitlines()}


def _get(url: str) -> int:
    parts = urlsplit(url)
    assert parts.hostname is not None
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=DEADLINE)
    try:
        connection.request("GET", "/")
        return connection.getresponse().status
    finally:
        connection.close()


@pytest.mark.parametrize(("host", "version", "here"), [("0.0.0.0", "4", "127.0.0.1"),
                                                       ("::", "6", "[::1]")])
def test_serving_on_every_address_names_the_one_other_devices_use(
        serve: Serve, site: Path, host: str, version: str, here: str) -> None:
    """`--host 0.0.0.0`, so that a colleague's phone sees the preview: the address to type
    there too, not only this computer's own (found without asking any outside service).
    `::` serves IPv6 only, so its address on this computer is [::1], not 127.0.0.1."""
    addresses = _global_addresses(version)
    if not addresses:
        pytest.skip(f"this computer has no IPv{version} address on a network")
    server = serve(site, "--host", host)
    assert server.process.stdout is not None
    first = server.process.stdout.readline()
    assert first == f"Serving the preview at http://{here}:{server.port}/ (Ctrl-C to stop)\n"
    second = server.process.stdout.readline()
    prefix = "Other devices on your network can see it at http://"
    assert second.startswith(prefix), second
    url = second.removeprefix(prefix[:-len("http://")]).strip()
    assert urlsplit(url).hostname in addresses and urlsplit(url).port == server.port
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline and (_get(f"http://{here}:{server.port}/") != 200
                                           or _get(url) != 200):
        time.sleep(0.05)  # (until the first build is in place)
    assert _get(url) == 200 and _get(f"http://{here}:{server.port}/") == 200
    assert server.stop()[0] == 0


def test_open_with_no_browser_says_so_and_goes_on_serving(site: Path, tmp_path: Path) -> None:
    """`--open` on a computer with no browser (no desktop session, none on PATH): a
    warning that says where to look instead, and the preview is served all the same."""
    port = free_port()
    nothing = tmp_path / "no-programs"
    nothing.mkdir()
    env = {name: value for name, value in os.environ.items()
           if name not in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER")} | {"PATH": str(nothing)}
    process = subprocess.Popen([sys.executable, "-m", "cswgen", "serve", "--port", str(port),
                                "--open"], cwd=site, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    server = Server(process, port)
    try:
        server.wait_for("/", served)
        time.sleep(1)  # (the browser is looked for beside the server)
        server.wait_for("/", served)  # (and it goes on serving)
    finally:
        code, _, stderr = server.stop()
    assert code == 0, stderr
    assert stderr.splitlines()[0] == (
        f"warning: --open found no web browser to start here; open http://127.0.0.1:{port}/ "
        "in a browser yourself. The preview is running.")
    assert "Traceback" not in stderr


def test_the_last_port_taken_is_said_not_wrapped_round(serve: Serve, site: Path) -> None:
    # 65535 is the highest port: the next "free" one, 65536, was taken as port 0 (any
    # port), and the address shown, http://127.0.0.1:65536/, led nowhere
    with socket.socket() as taken:
        try:
            taken.bind(("127.0.0.1", 65535))
        except OSError:
            pytest.skip("port 65535 is in use on this machine")
        taken.listen()
        server = serve(site, port=65535)
        stdout, stderr = server.process.communicate(timeout=DEADLINE)
    assert server.process.returncode == 1
    assert "65536" not in stdout + stderr
    assert stderr == ("cswgen serve cannot listen on 127.0.0.1 port 65535: port 65535 is in "
                      "use; stop what uses it (another cswgen serve?), or choose another "
                      "port with --port, like --port 8000\n")


def test_a_host_that_is_not_loopback_gets_a_warning() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.20")


# --- the pieces, in process ------------------------------------------------------------


def test_resolve_keeps_to_the_folder(tmp_path: Path) -> None:
    folder = tmp_path / "built"
    (folder / "days").mkdir(parents=True)
    (folder / "index.html").write_text("home", "utf-8")
    (folder / "days/index.html").write_text("days", "utf-8")
    (tmp_path / "secret.txt").write_text("secret", "utf-8")
    (folder / "link.txt").symlink_to(tmp_path / "secret.txt")
    assert resolve(folder, "/") == (folder / "index.html").resolve()
    assert resolve(folder, "/days/") == (folder / "days/index.html").resolve()
    assert resolve(folder, "/days") == "redirect"
    for path in ("/../secret.txt", "/days/../../secret.txt", "/link.txt", "/__cswgen/x",
                 "/days/..\\..\\secret.txt", "/nothing"):
        assert resolve(folder, path) is None, path


def test_a_cached_build_in_place_is_byte_for_byte_a_clean_build(tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    photos = tmp_path / "photos"  # not the repository's own .cswgen-cache/
    build(REPO, as_of=date(2026, 10, 6), output=clean, cache_dir=photos)
    cache, preview = Cache(), Preview(tmp_path / "preview")
    first = build(REPO, as_of=date(2026, 10, 6), cache=cache, preview=preview, cache_dir=photos)
    again = build(REPO, as_of=date(2026, 10, 6), cache=cache, preview=preview, cache_dir=photos)
    assert cache.hits > 0 and again.changed == []
    # feed, ics, robots, and the build the lobby screen polls for
    assert len(first.changed) == first.pages + first.files + 4
    made = {p.relative_to(preview.folder).as_posix(): p.read_bytes()
            for p in preview.folder.rglob("*") if p.is_file()}
    expected = {p.relative_to(clean).as_posix(): p.read_bytes()
                for p in clean.rglob("*") if p.is_file() and p.name != ".cswgen-manifest"}
    assert made == expected


def test_cached_markdown_follows_the_pages_it_links_to(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {
        "content/pages/a.md": "---\ntitle: A\n---\nSee [B](b.md).\n",
        "content/pages/b.md": "---\ntitle: B\n---\nB.\n"})
    cache, preview = Cache(), Preview(tmp_path / "preview")
    build(site, as_of=date(2026, 10, 6), cache=cache, preview=preview)
    assert 'href="../b/"' in (preview.folder / "a/index.html").read_text("utf-8")
    (site / "content/pages/b.md").write_text("---\ntitle: B\nslug: bee\n---\nB.\n", "utf-8")
    result = build(site, as_of=date(2026, 10, 6), cache=cache, preview=preview)
    assert 'href="../bee/"' in (preview.folder / "a/index.html").read_text("utf-8")
    assert "b/index.html" in result.changed and not (preview.folder / "b").exists()


def test_cached_problems_are_reported_again(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {
        "content/testimonials/x.md": "---\ncustomer: X\nstaff: [Nobody]\n---\nHi.\n"})
    cache, preview = Cache(), Preview(tmp_path / "preview")
    first = build(site, as_of=date(2026, 10, 6), cache=cache, preview=preview)
    again = build(site, as_of=date(2026, 10, 6), cache=cache, preview=preview)
    assert first.warnings and again.warnings == first.warnings


def session_of(site: Path, preview: Path) -> tuple[Session, list[str], list[str]]:
    """A session on `site` as on 6 October 2026, with what it says and each reload it
    asks browsers for noted in lists."""
    said: list[str] = []
    reloads: list[str] = []
    session = Session(site, preview, as_of=date(2026, 10, 6), drafts=False,
                      say=said.append, warn=said.append)
    session.notify = reloads.append
    return session, said, reloads


def test_session_reloads_once_per_rebuild_and_styles_alone_for_css(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {**SERVE_SITE, "config.toml": SERVE_CONFIG})
    session, said, reloads = session_of(site, tmp_path / "preview")
    session.rebuild()
    assert said[-1].startswith("Built in ") and reloads == ["*"]
    reloads.clear()
    session.rebuild()
    assert reloads == [] and said[-1].endswith(": 0 files changed")  # nothing changed
    (site / "themes/mine/static/extra.css").write_text("body { margin: 1px; }\n", "utf-8")
    session.rebuild()
    assert reloads == ["assets/extra.css"] and said[-1].endswith(": 1 file changed")
    (site / "content/pages/about.md").write_text("---\ntitle: About\n---\nNew.\n", "utf-8")
    session.rebuild()
    assert reloads[-1] == "*" and len(reloads) == 2
    (site / "content/pages/about.md").write_text("---\ntitle: About\n", "utf-8")
    session.rebuild()
    assert reloads[-1] == "*" and len(reloads) == 3 and session.problems
    assert said[-1].startswith("Rebuild failed in ")
    (site / "content/pages/about.md").write_text("---\ntitle: About\n---\nNew.\n", "utf-8")
    session.rebuild()
    assert len(reloads) == 4 and not session.problems  # the overlay goes away


def test_rebuilds_after_saves_keep_no_more_objects_than_before(tmp_path: Path) -> None:
    """Each build reads the site's words anew, and the words templates said were kept for
    every table ever read, with the table: a server running all day kept every edit's."""
    site = write_site(tmp_path / "site", {**SERVE_SITE, "config.toml": SERVE_CONFIG})
    session, _, _ = session_of(site, tmp_path / "preview")
    story = site / "content/testimonials/rudo-m.md"

    def saves(first: int, count: int) -> int:
        for n in range(first, first + count):
            story.write_text(TESTIMONIAL.replace("phone call", f"call number {n}"), "utf-8")
            session.rebuild()
            assert not session.problems
        gc.collect()
        return len(gc.get_objects())

    before = saves(0, 20)  # (so that all the Session's own limits are reached)
    assert saves(20, 30) - before < 300


def test_a_file_saved_by_renaming_during_a_build_is_built_again_not_a_bug(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Editors that save through a temporary file (JetBrains' `menu.txt___jb_tmp___`,
    renamed over `menu.txt`) can rename it while a build is reading the folder.  That is
    no bug of cswgen's to show in the browser: the site is built again."""
    site = write_site(tmp_path / "site", {**SERVE_SITE, "config.toml": SERVE_CONFIG,
                                          "content/files/menu.txt": "Tea\n"})
    session, said, _ = session_of(site, tmp_path / "preview")
    session.rebuild()
    temporary = site / "content/files/menu.txt___jb_tmp___"
    temporary.write_text("Coffee\n", "utf-8")
    assert session.watcher.look()  # the change the server builds for
    copy = Preview.copy

    def renamed_meanwhile(preview: Preview, path: str, source: Path) -> None:
        if Path(source).name == temporary.name and temporary.exists():
            os.replace(temporary, site / "content/files/menu.txt")  # the save ends
        copy(preview, path, source)

    monkeypatch.setattr(Preview, "copy", renamed_meanwhile)
    session.rebuild()
    assert not session.problems, session.problems
    assert not any("bug" in line for line in said), said
    assert said[-1].startswith("Rebuilt in ")
    assert "Traceback" not in capsys.readouterr().err
    assert (tmp_path / "preview/files/menu.txt").read_text("utf-8") == "Coffee\n"
    assert not (tmp_path / "preview/files/menu.txt___jb_tmp___").exists()


def test_a_file_half_saved_as_a_build_reads_it_is_not_shown_as_an_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # an editor that empties the file, then writes it: the build read it in between
    site = write_site(tmp_path / "site", {**SERVE_SITE, "config.toml": SERVE_CONFIG})
    session, said, reloads = session_of(site, tmp_path / "preview")
    session.rebuild()
    about = site / "content/pages/about.md"
    about.write_text("---\ntitle: Ab", "utf-8")
    assert session.watcher.look()
    real = build

    def saved_meanwhile(*args: Any, **kwargs: Any) -> Any:
        try:
            return real(*args, **kwargs)
        finally:
            about.write_text("---\ntitle: About\n---\nSaved whole.\n", "utf-8")

    monkeypatch.setattr("cswgen.commands.serve.build", saved_meanwhile)
    session.rebuild()
    assert not any(line.startswith(("Rebuild failed", "content/")) for line in said), said
    assert not session.problems and reloads == ["*", "*"]
    assert "Saved whole." in (tmp_path / "preview/about/index.html").read_text("utf-8")
    # a file that is still broken when nothing is changing any more is shown, once
    about.write_text("---\ntitle: About\n", "utf-8")
    monkeypatch.setattr("cswgen.commands.serve.build", real)
    assert session.watcher.look()
    session.rebuild()
    assert session.problems and said[-1].startswith("Rebuild failed")


def test_the_watcher_sees_changes_but_not_editor_leftovers(tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", {**SERVE_SITE, "config.toml": SERVE_CONFIG})
    watcher = Watcher()
    watcher.roots = [site / "config.toml", site / "content", site / "themes"]
    assert watcher.look() and not watcher.look()
    (site / "content/pages/.about.md.swp").write_text("x", "utf-8")
    (site / "content/pages/about.md~").write_text("x", "utf-8")
    assert not watcher.look()
    (site / "content/pages/about.md").write_text("changed", "utf-8")
    assert watcher.look()
    shutil.rmtree(site / "themes")
    assert watcher.look()


def test_folders_of_killed_servers_are_cleaned_up() -> None:
    base = Path(tempfile.gettempdir())
    killed = base / "cswgen-serve-4194305-test"  # above Linux's highest process id
    running = base / f"cswgen-serve-{os.getpid()}-test"
    for folder in (killed, running):
        (folder / "days").mkdir(parents=True, exist_ok=True)
    made = preview_folder()
    try:
        assert made.is_dir() and made.name.startswith(f"cswgen-serve-{os.getpid()}-")
        assert not killed.exists() and running.is_dir()
    finally:
        for folder in (killed, running, made):
            shutil.rmtree(folder, ignore_errors=True)


def test_a_preview_folder_is_kept_while_its_server_runs_and_only_then() -> None:
    """Whether a server still runs is told by the mark beside its folder, which it holds
    locked (the system lets go of it when the server ends, however it ends), not by the
    process id in the folder's name: an id can be reused, and on Windows asking whether a
    process exists by `os.kill` ends it."""
    base = Path(tempfile.gettempdir())
    live = base / "cswgen-serve-4194305-live"  # an id no system gives: only its mark tells
    dead = base / f"cswgen-serve-{os.getpid()}-dead"  # a running process's id, reused
    for folder in (live, dead):
        (folder / "days").mkdir(parents=True, exist_ok=True)
    (base / f"{dead.name}.lock").touch()  # its server's mark, which nobody holds now
    code = ("import time; from pathlib import Path; from cswgen.write.lock import Mark\n"
            f"held = Mark(Path({str(base / (live.name + '.lock'))!r})); print('held', "
            "flush=True)\ntime.sleep(60)\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE)
    assert holder.stdout is not None and holder.stdout.readline() == b"held\n"
    made = preview_folder()
    try:
        assert live.is_dir() and not dead.exists()
        assert not (base / f"{dead.name}.lock").exists()
        assert (base / f"{made.name}.lock").exists()
    finally:
        holder.kill()
        holder.wait()
        remove_preview_folder(made)
        for folder in (live, dead):
            shutil.rmtree(folder, ignore_errors=True)
            (base / f"{folder.name}.lock").unlink(missing_ok=True)
    assert not made.exists() and not (base / f"{made.name}.lock").exists()


def test_overlay_and_bar_are_added_and_escaped() -> None:
    state = State(as_of=date(2026, 10, 6), week=(date(2026, 10, 5), date(2026, 10, 6)),
                  problems=(Problem("content/x.md", 3, "bad <script>"),))
    page = decorate("<html><head><title>t</title></head><body><p>x</p></body></html>",
                    '/a/"b', state)
    assert page.index('name="cswgen-preview-date"') < page.index("</head>")
    assert page.index('id="cswgen-preview"') > page.index("<p>x</p>")
    assert "content/x.md:3: bad &lt;script&gt;" in page and "bad <script>" not in page
    assert 'value="/a/&quot;b"' in page
    assert 'value="2026-10-06" aria-current="date">Tue 6 Oct<' in page
    assert safe_next("//evil.example") == "/" and safe_next("/days/") == "/days/"


# --- in a real browser -------------------------------------------------------------------


def test_the_browser_follows_every_change_by_itself(
        serve: Serve, site: Path, request: pytest.FixtureRequest) -> None:
    chromium = request.getfixturevalue("browser")  # test_browser's: Chromium, or a skip
    stylesheet = site / "themes/mine/static/style.css"
    shutil.copyfile(REPO / "themes/classic/static/style.css", stylesheet)
    server = serve(site, "--as-of", "2026-10-06")
    server.wait_for("/", served)
    page = chromium.new_page(viewport={"width": 390, "height": 800})
    page.set_default_timeout(DEADLINE * 1000)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(f"http://127.0.0.1:{server.port}/testimonials/rudo-m/")
    connected = "() => window.LiveReload && window.LiveReload.connector.protocol >= 7"
    page.wait_for_function(connected)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the bar fits
    assert axe(page) == []  # the page with the preview bar
    assert "Today is day 2" in page.locator("[data-week-status]").inner_text()

    page.evaluate("window.stillTheSamePage = true")
    stylesheet.write_text(stylesheet.read_text("utf-8") + "\nbody { outline: 7px solid red }\n",
                          "utf-8")
    page.wait_for_function("getComputedStyle(document.body).outlineWidth === '7px'")
    assert page.evaluate("window.stillTheSamePage === true"), "CSS alone reloaded the page"

    story = site / "content/testimonials/rudo-m.md"
    story.write_text(TESTIMONIAL.replace("bond transfer", "title deeds"), "utf-8")
    page.wait_for_function("document.body.textContent.includes('title deeds')")
    assert page.evaluate("window.stillTheSamePage === undefined")
    page.wait_for_function(connected)

    story.write_text(TESTIMONIAL.replace("---\n", "", 1), "utf-8")
    page.wait_for_selector("#cswgen-errors")
    assert "content/testimonials/rudo-m.md:" in page.locator("#cswgen-errors").inner_text()
    assert axe(page) == []  # and with the problem list over it
    page.wait_for_function(connected)
    story.write_text(TESTIMONIAL, "utf-8")
    page.wait_for_selector("#cswgen-errors", state="detached")
    assert "bond transfer" in page.locator("main").inner_text()

    page.click("#cswgen-preview button[value='2026-10-07']")
    page.wait_for_selector("#cswgen-preview button[value='2026-10-07'][aria-current='date']")
    assert page.url.endswith("/testimonials/rudo-m/")
    assert "Today is day 3" in page.locator("[data-week-status]").inner_text()
    page.close()
    assert errors == []
    assert server.stop()[0] == 0


def test_a_page_that_missed_the_reload_notice_catches_up(
        serve: Serve, site: Path, request: pytest.FixtureRequest) -> None:
    """A file broken and fixed within a second: the second notice reached the page while
    it was reloading for the first, and it stayed on the problem list.  A page with no
    notice at all (its connection shut here) must still come to the fixed page."""
    chromium = request.getfixturevalue("browser")
    server = serve(site, "--as-of", "2026-10-06")
    server.wait_for("/", served)
    page = chromium.new_page()
    page.set_default_timeout(DEADLINE * 1000)
    page.goto(f"http://127.0.0.1:{server.port}/testimonials/rudo-m/")
    page.wait_for_function("() => window.LiveReload && window.LiveReload.connector.protocol >= 7")
    story = site / "content/testimonials/rudo-m.md"
    story.write_text(TESTIMONIAL.replace("---\n", "", 1), "utf-8")
    page.wait_for_selector("#cswgen-errors")
    # (the problem list is a page of its own, reloaded into: its live-reload script has
    # to have connected before its connection can be shut)
    page.wait_for_function("() => window.LiveReload && window.LiveReload.connector.protocol >= 7")
    page.evaluate("window.LiveReload.shutDown()")  # no notice reaches this page any more
    story.write_text(TESTIMONIAL.replace("bond transfer", "title deeds"), "utf-8")
    page.wait_for_selector("#cswgen-errors", state="detached")
    page.wait_for_function("document.body.textContent.includes('title deeds')")
    page.close()
    assert server.stop()[0] == 0


PERSON_WITH_PHOTO = """\
---
name: Sam Okafor
award: Team Spirit Award
photo: sam.jpg
alt: Sam Okafor at the counter
---
Sam kept every queue moving.
"""


def test_new_photos_show_placeholders_until_made_beside_the_server(tmp_path: Path) -> None:
    from tests.photofactory import phone_jpeg

    photo = phone_jpeg(1600, 1200, seed=3, orientation=6)
    site = write_site(tmp_path / "site", {**SERVE_SITE, "config.toml": SERVE_CONFIG,
                                          "content/honour-roll/sam.md": PERSON_WITH_PHOTO,
                                          "content/honour-roll/sam.jpg": photo})
    session, _, reloads = session_of(site, tmp_path / "preview")
    session.rebuild()
    assert reloads == ["*"] and session.photos.busy
    page = (session.preview.folder / "honour-roll/sam/index.html").read_text("utf-8")
    named = sorted(session.preview.folder.rglob("sam-*w.*"))
    assert len(named) == 8 and all(n.name in page for n in named)
    with Image.open(named[-1]) as shown:  # a placeholder, at the copy's size: light, even
        low, high = cast(tuple[tuple[int, int], ...], shown.getextrema())[0]
        assert low == high > 200
        assert f'{shown.width}w' in named[-1].name
    deadline = time.monotonic() + DEADLINE
    while session.photos.busy and time.monotonic() < deadline:
        session.tick()
        time.sleep(0.05)
    assert not session.photos.busy and reloads == ["*", "*"]  # once more, when all are made
    clean = tmp_path / "clean"
    build(site, as_of=date(2026, 10, 6), output=clean, cache_dir=tmp_path / "other-cache")
    made = {p.relative_to(session.preview.folder).as_posix(): p.read_bytes()
            for p in session.preview.folder.rglob("*") if p.is_file()}
    expected = {p.relative_to(clean).as_posix(): p.read_bytes()
                for p in clean.rglob("*") if p.is_file() and p.name != ".cswgen-manifest"}
    assert made == expected  # the placeholders are gone, the pages as a build makes them


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_stopped_while_photos_are_made_it_says_stopped_and_nothing_else(
        serve: Serve, tmp_path: Path, number: int) -> None:
    """Stopping the server stops the photo jobs beside it (SIGTERM to each): they end
    quietly, not each with a traceback of the server's own stop."""
    from tests.photofactory import phone_jpeg

    people = {f"content/honour-roll/p{n}.md": PERSON_WITH_PHOTO.replace("sam.jpg", f"p{n}.jpg")
              .replace("Sam Okafor", f"Person {n}") for n in range(4)}
    photos = {f"content/honour-roll/p{n}.jpg": phone_jpeg(3000, 2250, seed=n, orientation=6)
              for n in range(4)}
    site = write_site(tmp_path / "site", {**SERVE_SITE, "config.toml": SERVE_CONFIG,
                                          **people, **photos})
    server = serve(site)
    server.wait_for("/honour-roll/p0/", lambda status, _: status == 200)
    code, stdout, stderr = server.stop(number)
    assert code == 0, stderr
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr
    assert "Stopped." in stdout + stderr


def test_share_images_are_drawn_beside_the_server_and_never_reach_a_build(
        tmp_path: Path) -> None:
    """The preview shows no share image (only link previews do): a card not drawn yet is a
    light placeholder there while it is drawn beside the server, so that the first page
    does not wait for them; `cswgen build` draws them all before it publishes."""
    config = SERVE_CONFIG.replace('theme = "mine"',
                                  'theme = "mine"\nbase_url = "https://csw.example.org/"')
    site = write_site(tmp_path / "site", {**SERVE_SITE, "config.toml": config})
    session, _, reloads = session_of(site, tmp_path / "preview")
    session.rebuild()
    assert reloads == ["*"] and session.photos.busy
    cards = sorted(session.preview.folder.rglob("share.png"))
    assert cards
    for card in cards:
        with Image.open(card) as shown:  # a placeholder, at the card's size: light, even
            low, high = cast(tuple[tuple[int, int], ...], shown.getextrema())[0]
            assert low == high > 200 and shown.size == (1200, 630)
    deadline = time.monotonic() + DEADLINE
    while session.photos.busy and time.monotonic() < deadline:
        session.tick()
        time.sleep(0.05)
    assert not session.photos.busy and reloads == ["*", "*"]  # once more, when all are drawn
    clean = tmp_path / "clean"
    build(site, as_of=date(2026, 10, 6), output=clean)  # the same cache folder
    made = {p.relative_to(session.preview.folder).as_posix(): p.read_bytes()
            for p in session.preview.folder.rglob("*") if p.is_file()}
    expected = {p.relative_to(clean).as_posix(): p.read_bytes()
                for p in clean.rglob("*") if p.is_file() and p.name != ".cswgen-manifest"}
    assert made == expected  # the placeholders are gone, the cards as a build draws them
    with Image.open(clean / "share.png") as drawn:
        assert drawn.size == (1200, 630) and len(drawn.convert("RGB").getcolors(99_999)
                                                 or range(99_999)) > 2
    # a build with no cache draws every card itself, and publishes no placeholder
    fresh = tmp_path / "fresh"
    build(site, as_of=date(2026, 10, 6), output=fresh, cache_dir=tmp_path / "other")
    assert {**snapshot(fresh), ".cswgen-manifest": b""} == {**snapshot(clean),
                                                            ".cswgen-manifest": b""}
