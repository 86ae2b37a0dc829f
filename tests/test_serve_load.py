"""`cswgen serve` under abuse: 200 requests at once, clients that hang up halfway through a
response or never finish their request, and problem messages that hold HTML."""

from __future__ import annotations

import functools
import socket
import struct
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import SERVE_CONFIG, SERVE_SITE, TESTIMONIAL, Serve, served, write_site

EVIL = "<img src=x onerror=alert(1)>.md"


def raw_get(port: int, path: str) -> tuple[int, bytes]:
    """One GET on its own connection, read to the end: status and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
        connection.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                           .encode("ascii"))
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    response = b"".join(chunks)
    head, _, body = response.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), body


def hang_up_halfway(port: int, path: str) -> None:
    """Ask for a page, read a little of it, then reset the connection (no goodbye)."""
    connection = socket.create_connection(("127.0.0.1", port), timeout=60)
    connection.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode("ascii"))
    connection.recv(100)
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()


@pytest.mark.slow
def test_200_requests_at_once_and_clients_that_hang_up(serve: Serve, site: Path) -> None:
    server = serve(site)
    server.wait_for("/", served)
    paths = ["/", "/testimonials/", "/testimonials/rudo-m/", "/about/", "/assets/style.css",
             "/feed.xml", "/week.ics", "/nothing-here/"]
    # a client that sends half a request and then waits, holding its connection open
    stalled = socket.create_connection(("127.0.0.1", server.port), timeout=60)
    stalled.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
    try:
        with ThreadPoolExecutor(max_workers=200) as pool:
            answers = list(pool.map(lambda i: raw_get(server.port, paths[i % len(paths)]),
                                    range(200)))
            list(pool.map(lambda i: hang_up_halfway(server.port, paths[i % 3]), range(50)))
        statuses = [status for status, _ in answers]
        assert statuses.count(200) == 175 and statuses.count(404) == 25, statuses
        assert all(len(body) > 0 for _, body in answers)
        # the same answers as one request alone, and the server is still serving
        alone = {path: raw_get(server.port, path)[1] for path in paths[:2]}
        for i, (_status, body) in enumerate(answers[:16]):
            if paths[i % len(paths)] in alone:
                assert body == alone[paths[i % len(paths)]]
        time.sleep(0.2)
        assert server.process.poll() is None
        assert server.wait_for("/about/", served)[0] == 200
    finally:
        stalled.close()


def test_the_overlay_shows_html_in_problems_as_text(serve: Serve, tmp_path: Path,
                                                    request: Any) -> None:
    evil = write_site(tmp_path / "evil", {**SERVE_SITE, "config.toml": SERVE_CONFIG,
                                          f"content/pages/{EVIL}": "---\ntitle: x\n---\n"})
    server = serve(evil)
    _status, page = server.wait_for("/", lambda status, body: "cswgen-preview" in body
                                   and "content/pages/" in body)
    assert "content/pages/&lt;img src=x onerror=alert(1)&gt;.md" in page
    assert "<img src=x onerror=alert(1)>" not in page
    chromium = request.getfixturevalue("browser")  # conftest's: Chromium, or a skip
    tab = chromium.new_page()
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", dismiss)
    tab.goto(f"http://127.0.0.1:{server.port}/", wait_until="load")
    shown = tab.locator("body").inner_text()
    tab.close()
    assert "<img src=x onerror=alert(1)>.md" in shown  # as text, readable
    assert dialogs == []


def _says(text: str, status: int, body: str) -> bool:
    return text in body


def _resident_kilobytes(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_day_of_edits_does_not_grow_the_server_s_memory(serve: Serve, site: Path) -> None:
    """Grace keeps `cswgen serve` running all day: each save grew it by a tenth of a
    megabyte, for good (each build's cyclic garbage was moved where Python's collector
    never looked again), 20 MB over 200 saves of the demo."""
    server = serve(site)
    story = site / "content/testimonials/rudo-m.md"

    def saves(first: int, count: int) -> None:
        for n in range(first, first + count):
            story.write_text(TESTIMONIAL.replace("phone call", f"call number {n}"), "utf-8")
            server.wait_for("/testimonials/rudo-m/", functools.partial(_says, f"number {n}."))

    saves(0, 15)  # (what the first builds read and set up stays)
    before = _resident_kilobytes(server.process.pid)
    saves(15, 60)
    grown = _resident_kilobytes(server.process.pid) - before
    assert grown < 3000, f"{grown} kB more after 60 saves"
    assert server.stop()[0] == 0
