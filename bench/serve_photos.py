"""`cswgen serve` on a site whose photos are not in the cache yet: how soon the first page
is served, what a page shows for a photo meanwhile, and when every photo is ready.

    python bench/serve_photos.py [--photos 40] [--against CHECKOUT] [--runs 3] [--share]

The site is the demo campaign plus PHOTOS phone photos (as `bench/photo_speed.py` makes
them), with no cache.  It prints the seconds from starting the server to the first page
served (target: under 3 s), whether every photo address the honour roll names answered
with a picture while the copies were being made (a placeholder, never a missing file), and
the seconds until the server said all photos were ready.  Beside each wall-clock time it
prints the CPU seconds the server process had used by then (its own, not the photo
workers'): on a machine busy with other work they say more.  `--against` times the first
page of another checkout (say, main) in turn with this one, RUNS times each, on fresh
copies of the site.  `--share` sets `base_url`, so that every page names a share image
too.  It never fails on the numbers.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from photo_speed import AS_OF, make_site, photos  # noqa: E402
from serve_latency import free_port  # noqa: E402

IMAGE = re.compile(r'(?:src|srcset)="([^"]+)"')


def fetch(port: int, path: str) -> tuple[int, str, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    except OSError:
        return 0, "", b""
    finally:
        connection.close()


def addresses(page: str, base: str) -> set[str]:
    """Every photo copy a page names (in src and srcset), as absolute paths."""
    found = set()
    for value in IMAGE.findall(page):
        for candidate in value.split(","):
            url = candidate.strip().split(" ")[0]
            if url.endswith((".webp", ".jpg", ".png")) and "://" not in url:
                found.add(os.path.normpath(os.path.join(base, url)))
    return found


def cpu_of(pid: int) -> float:
    """CPU seconds (user and system) process `pid` has used so far (Linux; else NaN)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def site_for(site: Path, sources: list[Path], share: bool) -> None:
    """The demo plus `sources` at `site`; with `share`, with a base_url (share images)."""
    make_site(site, sources)
    if share:
        config = site / "config.toml"
        config.write_text(config.read_text("utf-8").replace(
            'base_url = ""', 'base_url = "https://csw.example.org/"'), "utf-8")


def first_page(sources: list[Path], code: Path, share: bool) -> tuple[float, float]:
    """Wall and server CPU seconds from starting `cswgen serve` (of checkout `code`) on a
    fresh copy of the site to its first page served."""
    with tempfile.TemporaryDirectory(prefix="cswgen-bench-") as tmp:
        site = Path(tmp) / "site"
        site_for(site, sources, share)
        port = free_port()
        started = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "cswgen", "serve", "--port", str(port), "--as-of", AS_OF],
            cwd=site, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            env=dict(os.environ, PYTHONPATH=str(code)))
        try:
            while time.perf_counter() - started < 300:
                status, _, body = fetch(port, "/")
                if status == 200 and b"</html>" in body:
                    return time.perf_counter() - started, cpu_of(server.pid)
                time.sleep(0.02)
            return float("nan"), float("nan")
        finally:
            server.terminate()
            server.wait(timeout=60)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another cswgen checkout to time in turn")
    parser.add_argument("--share", action="store_true", help="with base_url: share images")
    args = parser.parse_args()
    sources = photos(args.photos)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"cswgen serve, demo + {args.photos} phone photos not cached; "
          f"load average {load:.1f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="cswgen-bench-") as tmp:
        site = Path(tmp) / "site"
        site_for(site, sources, args.share)
        port = free_port()
        said: list[tuple[float, str]] = []
        started = time.perf_counter()
        server = subprocess.Popen(
            [sys.executable, "-m", "cswgen", "serve", "--port", str(port), "--as-of", AS_OF],
            cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            env=dict(os.environ, PYTHONPATH=str(REPO)))

        def listen() -> None:
            assert server.stdout is not None
            for line in server.stdout:
                said.append((time.perf_counter() - started, line.rstrip()))

        threading.Thread(target=listen, daemon=True).start()
        try:
            first = None
            while time.perf_counter() - started < 300:
                status, _, body = fetch(port, "/")
                if status == 200 and b"</html>" in body:
                    first = time.perf_counter() - started
                    break
                time.sleep(0.02)
            if first is None:
                print("the server served nothing within 300 s")
                return
            print(f"first page served {first:.2f} s after starting, the server having used "
                  f"{cpu_of(server.pid):.2f} s of CPU (target under 3 s: "
                  f"{'met' if first < 3 else 'NOT met'})", flush=True)
            _, _, roll = fetch(port, "/honour-roll/")
            names = addresses(roll.decode("utf-8", "replace"), "/honour-roll/")
            answers = [fetch(port, name) for name in sorted(names)]
            broken = [n for n, (status, kind, _) in zip(sorted(names), answers, strict=True)
                      if status != 200 or not kind.startswith("image/")]
            ready_then = sum(1 for line in said if "photos ready" in line[1])
            print(f"honour roll while photos were made: {len(names)} copies named, "
                  f"{len(broken)} not answered with a picture"
                  + (f" (e.g. {broken[0]})" if broken else "") +
                  f"; {ready_then} 'photos ready' rebuilds so far")
            done = None
            while time.perf_counter() - started < 600:
                done = next((t for t, line in said if "all photos ready" in line), None)
                if done is not None:
                    break
                time.sleep(0.1)
            print(f"all photos ready {done:.1f} s after starting" if done is not None
                  else "not all photos were ready within 600 s")
            for moment, line in said:
                print(f"  {moment:7.2f} s  {line}")
        finally:
            server.terminate()
            server.wait(timeout=60)
    if args.against:
        times: dict[str, list[tuple[float, float]]] = {}
        for _ in range(args.runs):  # alternated, so that a change in load hits both alike
            for name, code in (("this checkout", REPO), (str(args.against),
                                                          args.against.resolve())):
                times.setdefault(name, []).append(first_page(sources, code, args.share))
        for name, runs in times.items():
            print(f"first page, {name}: median "
                  f"{statistics.median(w for w, _ in runs):.2f} s wall, "
                  f"{statistics.median(c for _, c in runs):.2f} s server CPU (runs, wall/CPU: "
                  f"{', '.join(f'{w:.2f}/{c:.2f}' for w, c in runs)})")


if __name__ == "__main__":
    main()
