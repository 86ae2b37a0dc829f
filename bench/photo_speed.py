"""How fast a first build makes the copies of phone photos, against Pillow's own floor.

    python bench/photo_speed.py [--photos 40] [--runs 3] [--against CHECKOUT]

It makes PHOTOS phone photos as `tests.photofactory` does (4032×3024 JPEG stored sideways
with EXIF orientation 6 and a GPS position; smooth shapes, soft light, light sensor
noise), each different, and adds them to a copy of the demo campaign as honour-roll
people.  Then, RUNS times: a first build (`cswgen build` in a process of its own, with no
cache), and a build with every copy cached.  Beside it, measured in the same run on one
core: Pillow decoding each photo at reduced size (`draft`), turning it upright and
resizing it to every width cswgen makes (the floor no photo pipeline can go under without
skipping work), and the same plus one WebP and one JPEG encode per width.  It prints
photos per second per core for each, and never fails on the numbers.  `--against` times
another checkout of cswgen (say, main) in turn with this one, for a before and after taken
under the same load.
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from PIL import Image  # noqa: E402

from cswgen.core.parallel import workers  # noqa: E402
from cswgen.model.images import WEBP_EFFORT  # noqa: E402
from cswgen.model.photocache import WIDTHS  # noqa: E402
from tests.photofactory import phone_jpeg  # noqa: E402

PERSON = """\
---
name: Bench Person {n}
role: Customer Service Officer
award: Team Spirit Award
citation: For keeping branch {n} calm through the busiest month of the year.
photo: bench-{n:02d}.jpg
alt: Bench Person {n} at the counter
---
Kept every queue moving.
"""
AS_OF = "2026-10-06"
STORE = Path(tempfile.gettempdir()) / "cswgen-bench-phone-photos"  # made once, reused


def photos(count: int) -> list[Path]:
    """`count` phone photos, made once and kept (making one takes about a second)."""
    STORE.mkdir(exist_ok=True)
    found = []
    for n in range(count):
        path = STORE / f"bench-{n:02d}.jpg"
        if not path.exists():
            path.write_bytes(phone_jpeg(4032, 3024, seed=100 + n, orientation=6))
        found.append(path)
    return found


def make_site(folder: Path, sources: list[Path]) -> None:
    shutil.copytree(REPO / "content", folder / "content")
    shutil.copyfile(REPO / "config.toml", folder / "config.toml")
    roll = folder / "content" / "honour-roll"
    for n, source in enumerate(sources):
        shutil.copyfile(source, roll / source.name)
        (roll / f"bench-{n:02d}.md").write_text(PERSON.format(n=n), "utf-8")


CPU: dict[Path, list[float]] = {}  # checkout -> CPU seconds of each first build


def build(site: Path, code: Path = REPO) -> float:
    """Wall seconds of one `cswgen build`; its CPU seconds (user and system, workers
    included) are noted in CPU: on a loaded machine they say more than the wall clock."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cswgen", "build", "--as-of", AS_OF], cwd=site,
                   check=True, capture_output=True, env=dict(os.environ, PYTHONPATH=str(code)))
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.setdefault(code, []).append(after.ru_utime - before.ru_utime
                                    + after.ru_stime - before.ru_stime)
    return time.perf_counter() - started


def first_build(site: Path, code: Path = REPO) -> tuple[float, float]:
    """Wall and CPU seconds of a build with no cache and no output."""
    shutil.rmtree(site / ".cswgen-cache", ignore_errors=True)
    shutil.rmtree(site / "output", ignore_errors=True)
    return build(site, code), CPU[code][-1]


def floor(sources: list[Path], encode: bool) -> tuple[float, float]:
    """Seconds Pillow alone takes, on this core, to decode every photo at reduced size
    and resize it to every width, each from the decoded picture with a box `reduce` first
    and turned upright after, as cswgen does (resizing each from the next wider, turned
    upright first, takes a fifth longer), and, with `encode`, save each width once as WebP
    and once as JPEG at cswgen's first quality and effort.  Returns wall and CPU
    seconds (on a machine busy with other work, the CPU seconds say more)."""
    started, cpu = time.perf_counter(), time.process_time()
    widest = max(WIDTHS)
    for source in sources:
        with Image.open(source) as opened:
            opened.draft("RGB", (widest, widest))
            opened.load()
            turn = TURNS.get(opened.getexif().get(0x0112, 1))
            picture = opened.copy()
        sideways = turn in (Image.Transpose.ROTATE_90, Image.Transpose.ROTATE_270,
                            Image.Transpose.TRANSPOSE, Image.Transpose.TRANSVERSE)
        upright = picture.size[::-1] if sideways else picture.size
        for width in WIDTHS:
            height = round(upright[1] * width / upright[0])
            resized = picture.resize((height, width) if sideways else (width, height),
                                     Image.Resampling.LANCZOS, reducing_gap=1.1)
            if turn is not None:
                resized = resized.transpose(turn)
            if encode:
                resized.save(io.BytesIO(), "WEBP", quality=82, method=WEBP_EFFORT)
                resized.save(io.BytesIO(), "JPEG", quality=82, optimize=True)
    return time.perf_counter() - started, time.process_time() - cpu


TURNS = {6: Image.Transpose.ROTATE_270, 8: Image.Transpose.ROTATE_90,
         3: Image.Transpose.ROTATE_180}  # the orientations of phone photos


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--photos", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another cswgen checkout to time in turn")
    args = parser.parse_args()
    cores = workers()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.photos} phone photos (4032x3024 JPEG, EXIF orientation 6) on {cores} cores; "
          f"load average {load:.1f}", flush=True)
    sources = photos(args.photos)
    first: list[tuple[float, float]] = []
    other: list[tuple[float, float]] = []
    cached: list[float] = []
    bare: list[tuple[float, float]] = []
    encoded: list[tuple[float, float]] = []
    with tempfile.TemporaryDirectory(prefix="cswgen-bench-") as tmp:
        site = Path(tmp) / "site"
        make_site(site, sources)
        for _ in range(args.runs):  # alternated, so that a change in load hits both alike
            if args.against:
                other.append(first_build(site, args.against.resolve()))
            first.append(first_build(site))
            cached.append(build(site))
            bare.append(floor(sources, encode=False))
            encoded.append(floor(sources, encode=True))
    n = args.photos
    made = statistics.median(w for w, _ in first)
    floor_bare, floor_encoded = (statistics.median(w for w, _ in v) for v in (bare, encoded))
    cpu_bare, cpu_encoded = (statistics.median(c for _, c in v) for v in (bare, encoded))
    for name, runs in (("this checkout", first), (str(args.against), other)):
        if runs:
            wall = statistics.median(w for w, _ in runs)
            cpu = statistics.median(c for _, c in runs)
            print(f"first build (demo + {n} photos), {name}: median {wall:.2f} s wall, "
                  f"{cpu:.2f} s CPU (runs, wall/CPU: "
                  f"{', '.join(f'{w:.1f}/{c:.1f}' for w, c in runs)})")
    print(f"from the cache: {statistics.median(cached):.2f} s")
    busy = statistics.median(c for _, c in first)
    print(f"cswgen: {n / made / cores:.2f} photos/s per core by the wall clock (whole build, "
          f"{cores} cores), {n / busy:.2f} photos per CPU second")
    print(f"Pillow decode + resize, one core: {n / floor_bare:.2f} photos/s "
          f"({floor_bare:.2f} s wall, {cpu_bare:.2f} s CPU); with one WebP and one JPEG per "
          f"width: {n / floor_encoded:.2f} photos/s ({floor_encoded:.2f} s wall, "
          f"{cpu_encoded:.2f} s CPU: {n / cpu_encoded:.2f} photos per CPU second)")
    print("target: the first build in a third of 28 s (under 9.3 s) on 2 cores: "
          f"{'met' if made < 28 / 3 else 'NOT met'} (on a machine busy with other work, "
          "compare CPU seconds: a third of today's, spread over both cores)")


if __name__ == "__main__":
    main()
