"""`cswgen serve` on a site whose photos are not in the cache yet: how soon the first page
is served, what a page shows for a photo meanwhile, and when every photo is ready.

    python bench/serve_photos.py [--photos 40]

The site is the demo campaign plus PHOTOS phone photos (as `bench/photo_speed.py` makes
them), with no cache.  It prints the seconds from starting the server to the first page
served (target: under 3 s), whether every photo address the honour roll names answered
with a picture while the copies were being made (a placeholder, never a missing file), and
the seconds until the server said all photos were ready.  It never fails on the numbers.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=40)
    args = parser.parse_args()
    sources = photos(args.photos)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"cswgen serve, demo + {args.photos} phone photos not cached; "
          f"load average {load:.1f}", flush=True)
    with tempfile.TemporaryDirectory(prefix="cswgen-bench-") as tmp:
        site = Path(tmp) / "site"
        make_site(site, sources)
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
            print(f"first page served {first:.2f} s after starting (target under 3 s: "
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


if __name__ == "__main__":
    main()
