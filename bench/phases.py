"""Where a `cswgen build` after one edit spends its time, phase by phase.

    python bench/build_speed.py --sizes 10000 --no-others --keep /tmp/bench   # a site, once
    python bench/phases.py /tmp/bench/cswgen-10000                           # then this
    python bench/phases.py SITE --runs 9
    python bench/phases.py SITE --also cswgen.render.beyond:screen   # a function inside, too
    python bench/phases.py SITE --cold --runs 3                              # a first build

Each run appends a line to another Markdown file of the site's testimonials (or of its
other content), waits out the two seconds in which a changed file is not trusted (see
`fingerprint.RACY`), and builds as a plain `cswgen build` does (the stamp looked at first,
then `one_shot_build`), in a fresh process, with the time spent in each phase of the build
taken.  It prints each phase's median over the runs, the time no phase accounts for, and
the median wall time of the whole process, interpreter start included.  The modules that a
build with something to do imports are imported first, as a phase of their own (the build
itself imports them once the stamp and the fingerprint have found a change).  The site's
content is changed by every run, so use a copy made for benchmarking.  With `--cold`, each
run is a first build instead: nothing is edited, and the output and cache folders are
removed before it.  It never fails on a
slow machine: it prints numbers.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
RACY = 2.1  # seconds: a file changed more recently than 2 s ago is read again, not trusted

# (module, attribute, phase): the build's steps, in the order a build takes them
PHASES = [
    ("cswgen.commands.build", "load_steps", "the last build's steps loaded"),
    ("cswgen.read.content", "load_content", "content read (load_content)"),
    ("cswgen.commands.build", "assemble", "site assembled"),
    ("cswgen.model.bodies", "convert_bodies", "bodies converted"),
    ("cswgen.commands.build", "_render_set", "views (every entry's and page's)"),
    ("cswgen.render.pages", "jobs", "page keys (jobs)"),
    ("cswgen.render.pages", "render", "changed files rendered"),
    ("cswgen.commands.build", "share_cards", "share images"),
    ("cswgen.commands.build", "write_and_swap", "written and put in place"),
    ("cswgen.commands.build", "keep_steps", "steps saved"),
    ("cswgen.commands.build", "remember_build", "last build remembered"),
    ("cswgen.commands.build", "leave_stamp", "stamp saved"),
]
HELPER = "waiting for the helper (inputs read, output surveyed)"
ORDER = ["stamp looked at (nothing to do?)", "imports", *(p for _, _, p in PHASES), HELPER,
         "the rest of the build"]


def one(site: Path, also: list[str]) -> dict[str, float]:
    """One build of `site` in this process, phase by phase (seconds); `also`: functions
    (`module:name` or `module:Class.name`) timed as well, inside the phases."""
    started = time.perf_counter()
    spent: dict[str, float] = {}

    def timed(function: Callable[..., Any], phase: str) -> Callable[..., Any]:
        @functools.wraps(function)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            begun = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[phase] = spent.get(phase, 0.0) + time.perf_counter() - begun
        return wrapper

    os.chdir(site)
    sys.path.insert(0, str(REPO))
    from cswgen.commands import stamp

    begun = time.perf_counter()
    done = stamp.nothing_to_do(os.getcwd(), None, False, False, None)
    spent[ORDER[0]] = time.perf_counter() - begun
    begun = time.perf_counter()
    import importlib

    from cswgen.commands import build
    from cswgen.core import parallel
    for name in build.THE_REST:
        importlib.import_module(name)
    spent["imports"] = time.perf_counter() - begun
    for module, attribute, phase in PHASES:
        owner = sys.modules[module]
        setattr(owner, attribute, timed(getattr(owner, attribute), phase))
    soon_each = parallel.soon_each

    def waited(tasks: Any) -> list[Callable[[], object]]:
        return [timed(result, HELPER) for result in soon_each(tasks)]

    parallel.soon_each = waited
    for named in also:
        module, _, name = named.partition(":")
        holder: Any = importlib.import_module(module)
        *path, attribute = name.split(".")
        for part in path:
            holder = getattr(holder, part)
        setattr(holder, attribute, timed(getattr(holder, attribute), "also " + named))
    begun = time.perf_counter()
    result = build.one_shot_build(Path.cwd(), hold=True) if done is None else None
    whole = time.perf_counter() - begun
    spent[ORDER[-1]] = whole - sum(spent.get(p, 0.0) for p in ORDER[2:-1]
                                   if not p.startswith("also "))
    spent["in process"] = time.perf_counter() - started
    spent["files changed"] = len(result.changed) if result is not None else 0
    return spent


def edited(site: Path, run: int) -> Path:
    """Another Markdown file of the site's each run, with one more line at its end."""
    folder = site / "content" / "testimonials"
    files = sorted(folder.glob("*.md")) or sorted((site / "content").rglob("*.md"))
    if not files:
        raise SystemExit(f"{site}: no Markdown file under content/ to edit")
    path = files[(run * 7919 + 101) % len(files)]
    with path.open("a", encoding="utf-8") as file:
        file.write(f"\nOne more line, written by bench/phases.py (run {run}).\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="a site built before (its copy for benchmarks)")
    parser.add_argument("--runs", type=int, default=5, help="builds to take the median of")
    parser.add_argument("--cold", action="store_true",
                        help="first builds: the output and cache folders removed each run")
    parser.add_argument("--also", action="append", default=[], metavar="MODULE:NAME",
                        help="a function also timed (inside the phases), such as "
                             "cswgen.render.beyond:screen or "
                             "cswgen.render.templates:Renderer.key; may be repeated")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    site = args.site.resolve()
    if args.one:  # (then ended at once, as `cswgen build` ends: see cswgen/__main__.py)
        print(json.dumps(one(site, args.also)), flush=True)
        os._exit(0)
    if not (site / "config.toml").is_file():
        raise SystemExit(f"{site}: not a site (no config.toml); make one with "
                         "bench/build_speed.py --keep DIR")
    found: list[dict[str, float]] = []
    walls: list[float] = []
    for run in range(args.runs):
        if args.cold:
            for folder in ("output", ".cswgen-cache"):
                shutil.rmtree(site / folder, ignore_errors=True)
        else:
            edited(site, run)
            time.sleep(RACY)
        begun = time.perf_counter()
        done = subprocess.run([sys.executable, __file__, "--one", str(site),
                               *(f"--also={named}" for named in args.also)],
                              capture_output=True, text=True, check=False)
        walls.append(time.perf_counter() - begun)
        if done.returncode != 0:
            raise SystemExit(f"the build failed:\n{done.stderr}")
        found.append(json.loads(done.stdout.strip().splitlines()[-1]))
    what = "a first build (no output, no cache)" if args.cold else \
        "one edit, then `cswgen build`,"
    print(f"{what} in {site}: the median of {args.runs} runs, "
          f"on {len(os.sched_getaffinity(0))} cores")
    for phase in ORDER:
        print(f"  {phase:<58}{statistics.median(r.get(phase, 0.0) for r in found):7.3f} s")
    for named in args.also:
        print(f"  {'(inside) ' + named:<58}"
              f"{statistics.median(r.get('also ' + named, 0.0) for r in found):7.3f} s")
    inside = statistics.median(r["in process"] for r in found)
    print(f"  {'interpreter start and end (about)':<58}"
          f"{statistics.median(walls) - inside:7.3f} s")
    print(f"whole process: {statistics.median(walls):.3f} s (fastest {min(walls):.3f}, "
          f"slowest {max(walls):.3f}); files changed per build: "
          f"{statistics.median(r['files changed'] for r in found):.0f}")


if __name__ == "__main__":
    main()
