"""`cswgen serve` under abuse: 200 requests at once, clients that hang up halfway through a
response or never finish their request, and problem messages that hold HTML."""

from __future__ import annotations

import functools
import random
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


def _large_site(folder: Path, n: int) -> Path:
    """A large organisation's site, as bench/build_speed.py makes it: `n` honour-roll
    people and `n` testimonials naming them, each some 350 words (paragraphs with emphasis
    and links, a list, a small table)."""
    rng = random.Random(2026)
    words = ["member", "branch", "account", "call", "service", "savings", "question",
             "answer", "staff", "team", "kindness", "patience", "queue", "payment", "phone"]

    def said(count: int) -> str:
        return " ".join(rng.choice(words) for _ in range(count)).capitalize() + "."

    def body(kind: str, i: int) -> str:
        rows = "\n".join(f"| {day} | {rng.randint(2, 40)} min |" for day in ("Mon", "Fri"))
        return "\n\n".join([
            f"{said(18)} *{said(6)}* {said(20)} [another]({kind}-{(i + 1) % n:04d}.md) {said(16)}",
            f"{said(22)} **{said(5)}** {said(19)} [policy](https://example.org/) {said(14)}",
            "\n".join(f"- {said(9)}" for _ in range(5)), f"{said(25)} {said(21)}",
            f"| Visit | Wait |\n|---|---|\n{rows}", f"{said(24)} _{said(7)}_ {said(22)}",
            f"{said(26)} {said(18)}"]) + "\n"

    files = {"config.toml": SERVE_CONFIG.replace('theme = "mine"\n', "")}
    for i in range(n):
        files[f"content/honour-roll/p-{i:04d}.md"] = (
            f"---\nname: Person {i}\nrole: Officer\ndepartment: Branch {i % 40}\n"
            f"citation: For {said(12).lower()}\n---\n\n{body('p', i)}")
        files[f"content/testimonials/t-{i:04d}.md"] = (
            f"---\ncustomer: Customer {i}\ntitle: A story from customer {i}\n"
            f'rating: {1 + i % 5}\ndate: 2026-09-01\nstaff: ["Person {i}"]\n---\n\n'
            f"{body('t', i)}")
    return write_site(folder, files)


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_day_of_edits_on_a_large_site_does_not_grow_the_server_s_memory(
        serve: Serve, tmp_path: Path) -> None:
    """The same at 1,000 entries, where each save grew serve by a quarter of a megabyte,
    for good: the cache loads of each rebuild kept Python from ever collecting the oldest
    of its generations, where each rebuild's cyclic garbage ended up."""
    site = _large_site(tmp_path / "large", 500)
    server = serve(site)
    server.wait_for("/testimonials/", served)
    stories = sorted((site / "content/testimonials").glob("*.md"))

    def saves(first: int, count: int) -> None:
        for n in range(first, first + count):
            story = stories[n * 7 % len(stories)]  # another each time
            with story.open("a", encoding="utf-8") as text:
                text.write(f"\nA line added on save number {n}.\n")
            server.wait_for(f"/testimonials/{story.stem}/",
                            functools.partial(_says, f"save number {n}."))

    saves(0, 20)
    before = _resident_kilobytes(server.process.pid)
    saves(20, 60)
    grown = _resident_kilobytes(server.process.pid) - before
    assert grown < 6000, f"{grown} kB more after 60 saves"
    assert server.stop()[0] == 0
