"""The floor a cold build of a large site is held against: what any Python generator using
Python-Markdown must do, and nothing else, timed beside `cswgen build` on the same site.

    python bench/floor.py [--entries 10000] [--runs 3] [--against CHECKOUT]

The site is `bench/build_speed.py`'s (half honour-roll people, half testimonials, about
350 words each).  The minimal pipeline reads each file, splits and parses its front matter
with PyYAML's C loader, converts its body with Python-Markdown (the extensions cswgen uses
for a body), renders it into a small Jinja layout and writes it to a folder of its own, on
two processes (a fork pool).  Each run times, in turn, that pipeline and a cold
`cswgen build` (no output, no cache; a fresh process, start-up included), both as fresh
processes, and the medians are printed with their ratio (target: cswgen within 1.2x),
with the peak memory of cswgen's largest process (resident and proportional set size,
sampled from /proc every 20 ms).  `--against` times another checkout of cswgen in turn
too.  It never fails on the numbers.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from build_speed import Memory, clean, entries, write_cswgen  # noqa: E402

PIPELINE = r'''
import multiprocessing, os, sys
from pathlib import Path
import jinja2, markdown, yaml

LAYOUT = jinja2.Environment(autoescape=True).from_string(
    "<!doctype html><html lang=en><head><meta charset=utf-8><title>{{ title }}</title>"
    "</head><body><main><h1>{{ title }}</h1>{{ body | safe }}</main></body></html>")
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
OUT = Path("floor-output")


def one(path):
    text = Path(path).read_text("utf-8")
    _, front, body = text.split("---\n", 2)
    meta = yaml.load(front, Loader=LOADER)
    html = markdown.Markdown(extensions=["tables", "fenced_code", "attr_list", "footnotes",
                                         "toc", "smarty"]).convert(body)
    page = LAYOUT.render(title=meta.get("name") or meta.get("title"), body=html)
    folder = OUT / Path(path).stem
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(page, "utf-8")


if __name__ == "__main__":
    files = sorted(str(p) for p in Path("content").rglob("*.md"))
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(one, files, chunksize=64)
'''


def timed(command: list[str], cwd: Path,
          env: dict[str, str]) -> tuple[float, int, int, float]:
    """Seconds, the peak RSS and peak PSS of the largest process of the command's family
    (the build process or one of its workers), sampled every 20 ms, and the CPU seconds
    (user and system) of them all: on a machine busy with other work, the wall clock
    mostly measures the neighbours."""
    os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    memory = Memory()
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            memory.sample(process.pid)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, error = process.communicate()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    done.set()
    sampler.join()
    if process.returncode:
        print(f"{command[2:4]} failed: {error.decode()[-500:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return seconds, memory.rss, memory.pss, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another cswgen checkout to time in turn")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    print(f"{args.entries:,} entries, {args.runs} runs alternated; load average {load:.1f}",
          flush=True)
    runs: dict[str, list[tuple[float, int, int, float]]] = {"floor": [], "cswgen": []}
    if args.against:
        runs["against"] = []
    with tempfile.TemporaryDirectory(prefix="cswgen-bench-") as tmp:
        site = Path(tmp) / "site"
        write_cswgen(site, entries(args.entries))
        (site / "floor.py").write_text(PIPELINE, "utf-8")
        build = [sys.executable, "-m", "cswgen", "build", "--as-of", "2026-10-06"]
        for _ in range(args.runs):
            shutil.rmtree(site / "floor-output", ignore_errors=True)
            runs["floor"].append(timed([sys.executable, "floor.py"], site, dict(os.environ)))
            for name, code in (("against", args.against), ("cswgen", REPO)):
                if name in runs and code is not None:
                    clean(site)
                    runs[name].append(timed(build, site, dict(
                        os.environ, PYTHONPATH=str(code.resolve()))))
            print("  " + "  ".join(f"{name} {found[-1][0]:.2f} s ({found[-1][3]:.1f} CPU s)"
                                   for name, found in runs.items()), flush=True)
    floor = statistics.median(r[0] for r in runs["floor"])
    floor_cpu = statistics.median(r[3] for r in runs["floor"])
    for name, found in runs.items():
        seconds = statistics.median(r[0] for r in found)
        cpu = statistics.median(r[3] for r in found)
        print(f"{name:<8} cold median {seconds:6.2f} s ({seconds / floor:.2f}x the floor), "
              f"{cpu:6.2f} CPU s ({cpu / floor_cpu:.2f}x); largest process peak RSS "
              f"{max(r[1] for r in found) / 1e6:.0f} MB, "
              f"PSS {max(r[2] for r in found) / 1e6:.0f} MB")
    ratio = statistics.median(r[0] for r in runs["cswgen"]) / floor
    print(f"target: cswgen within 1.2x of the floor: {'met' if ratio <= 1.2 else 'NOT met'}")


if __name__ == "__main__":
    main()
