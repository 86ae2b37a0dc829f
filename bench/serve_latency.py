"""Edit-to-served latency of `cswgen serve`: from the moment a content file is written until
the server answers with the new page, for the demo campaign and for a generated site of
about 1,000 pages.  Target: under 300 ms at 1,000 pages.

    python bench/serve_latency.py [--edits N] [--pages N]

The server runs as a user runs it (`python -m cswgen serve` in the site's folder); the
latency is measured over HTTP, polling every 10 ms.  Prints numbers; never fails.
"""

from __future__ import annotations

import argparse
import http.client
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from cswgen.commands.build import build  # noqa: E402

STORY = """\
---
customer: Customer {n}
title: Story number {n}
location: Harare
date: 2026-09-{day:02d}
rating: {rating}
staff: [Farai Moyo]
---
The branch team sorted out my account in one visit, and explained our [policy](../policy.md).

- they listened
- they followed up
"""
AS_OF = "2026-10-06"


def make_site(folder: Path, generated: int) -> None:
    shutil.copytree(REPO / "content", folder / "content")
    shutil.copyfile(REPO / "config.toml", folder / "config.toml")
    for n in range(generated):
        path = folder / "content" / "testimonials" / f"bench-{n:04d}.md"
        path.write_text(STORY.format(n=n, day=n % 28 + 1, rating=n % 5 + 1), "utf-8")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(port: int, path: str) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        return connection.getresponse().read().decode("utf-8", "replace")
    except OSError:
        return ""
    finally:
        connection.close()


def wait_for(port: int, path: str, text: str, limit: float = 60.0) -> float | None:
    """Seconds until GET `path` contains `text`, or None after `limit` seconds."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit:
        if text in get(port, path):
            return time.perf_counter() - started
        time.sleep(0.01)
    return None


def measure(name: str, folder: Path, edits: int, story: Path, address: str) -> None:
    """Edit `story` (a testimonial) `edits` times; each time, wait for `address` to show it."""
    original = story.read_text("utf-8")
    started = time.perf_counter()
    result = build(folder, as_of=date.fromisoformat(AS_OF), output=folder / "output")
    cold = time.perf_counter() - started
    shutil.rmtree(folder / "output")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "cswgen", "serve", "--port", str(port), "--as-of", AS_OF],
        cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        if wait_for(port, "/", "</html>") is None:
            print(f"{name}: the server did not start")
            return
        time.sleep(0.5)  # let the first poll settle
        latencies: list[float] = []
        for edit in range(edits):
            marker = f"edit {edit} {time.time_ns()}"
            story.write_text(f"{original}\n{marker}\n", "utf-8")
            took = wait_for(port, address, marker)
            if took is None:
                print(f"{name}: edit {edit} was not served within 60 s")
                continue
            latencies.append(took * 1000)
            time.sleep(0.3)  # a writer pauses between saves
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=60)
    rebuilds = [int(line.split(" in ")[1].split(" ms")[0]) for line in output.splitlines()
                if line.startswith("Rebuilt in ")]
    print(f"{name}: {result.pages} pages, {result.files} files; cold `cswgen build` "
          f"{cold:.2f} s")
    if latencies:
        print(f"  edit to served: median {statistics.median(latencies):.0f} ms, "
              f"min {min(latencies):.0f} ms, max {max(latencies):.0f} ms "
              f"({len(latencies)} edits)")
    if rebuilds:
        print(f"  rebuild as the server reports it: median {statistics.median(rebuilds):.0f} ms,"
              f" min {min(rebuilds)} ms, max {max(rebuilds)} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--edits", type=int, default=10)
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="cswgen-bench-") as tmp:
        demo = Path(tmp) / "demo"
        make_site(demo, 0)
        story = plain_testimonial(demo)
        run("demo", demo, args.edits, story, f"/testimonials/{story.stem}/")
        big = Path(tmp) / "big"
        demo_pages = build(demo, as_of=date.fromisoformat(AS_OF), output=Path(tmp) / "count")
        make_site(big, max(1, args.pages - demo_pages.pages))
        run(f"generated {args.pages:,}-page site", big, args.edits,
            big / "content/testimonials/bench-0000.md", "/testimonials/bench-0000/")


def plain_testimonial(site: Path) -> Path:
    """A testimonial of the demo that is published now and lives at its file's name."""
    for path in sorted((site / "content" / "testimonials").glob("*.md")):
        text = path.read_text("utf-8")
        if "\npublish:" not in text and "\nslug:" not in text and "\ndraft: true" not in text:
            return path
    raise SystemExit("the demo has no plain testimonial to edit")


def run(name: str, folder: Path, edits: int, story: Path, address: str) -> None:
    try:
        measure(name, folder, edits, story, address)
    except Exception as exc:  # a benchmark prints what it can; it never fails
        print(f"{name}: not measured ({type(exc).__name__}: {exc})")


if __name__ == "__main__":
    main()
