"""One edit at N entries, versions of cswgen taking turns: how much time one takes of
another's, on the same machine in the same minutes (this VM's speed moves by a sixth from
one quarter hour to the next, so times taken an hour apart cannot be compared).

    python bench/one_edit_ab.py 452833f HEAD                  # issue 19's baseline, now
    python bench/one_edit_ab.py 452833f 85d3d7d WORKTREE --rounds 12 --size 10000
    python bench/one_edit_ab.py 452833f WORKTREE --keep /tmp/ab   # keep the copies

Each version is a `git archive` of that revision (WORKTREE: the checkout as it is now) in
a folder of its own, compiled to bytecode as `pip install` compiles it: without that, a
copy compiles every module of cswgen at every start (this machine sets
PYTHONDONTWRITEBYTECODE), which slows it by a tenth of a second or more.  Each version
builds its own copy of the benchmark site (`build_speed.write_cswgen`) once, and again
with nothing changed.  Then each round appends a line to another testimonial of every
copy, waits out the two seconds in which a changed file is not trusted, and times `python
-m cswgen build` of each version, in an order that turns each round.  It prints every
build's time, then each version's median and fastest, and each median over the first
version's.  It never fails on a slow machine: it prints numbers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_speed import entries, write_cswgen  # noqa: E402

RACY = 2.1  # seconds: a file changed more recently than 2 s ago is read again, not trusted
WORKTREE = "WORKTREE"


def checkout(revision: str, into: Path) -> None:
    """The package and its themes as `revision` has them (or the checkout's), compiled."""
    into.mkdir(parents=True)
    if revision == WORKTREE:
        for part in ("cswgen", "themes"):
            shutil.copytree(REPO / part, into / part,
                            ignore=shutil.ignore_patterns("__pycache__"))
    else:
        archive = subprocess.run(["git", "archive", revision, "cswgen", "themes"], cwd=REPO,
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(into / "cswgen")],
                   check=True, capture_output=True)


def build(code: Path, site: Path) -> float:
    """One `cswgen build` of `site` with the cswgen in `code`: seconds, start to end."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "cswgen", "build"], cwd=site, env=env,
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode:
        sys.exit(f"the build by {code.name} failed:\n{done.stdout}{done.stderr}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("revisions", nargs="+", help=f"git revisions, or {WORKTREE}")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--size", type=int, default=10_000, help="entries in the site")
    parser.add_argument("--keep", type=Path, help="make the copies here and keep them")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="cswgen-ab-"))
    items = entries(args.size)
    versions: list[tuple[str, Path, Path]] = []
    for number, revision in enumerate(args.revisions):
        folder = work / f"{number}-{revision.replace('/', '-')}"
        code, site = folder / "code", folder / "site"
        if not code.exists():
            checkout(revision, code)
        if not site.exists():
            site.mkdir(parents=True)
            write_cswgen(site, items)
        print(f"{revision}: first build {build(code, site):.2f} s, nothing changed "
              f"{build(code, site):.2f} s", flush=True)
        versions.append((revision, code, site))
    times: dict[str, list[float]] = {revision: [] for revision, _, _ in versions}
    testimonials = max(1, args.size - args.size // 2)
    for round_ in range(args.rounds):
        turn = versions[round_ % len(versions):] + versions[:round_ % len(versions)]
        for _, _, site in turn:
            edited = site / f"content/testimonials/t-{round_ % testimonials + 1:05d}.md"
            edited.write_text(edited.read_text("utf-8") + f"\nOne more line, round {round_}.\n",
                              "utf-8")
        time.sleep(RACY)
        for revision, code, site in turn:
            times[revision].append(build(code, site))
        print(f"round {round_ + 1}: " + ", ".join(
            f"{revision} {times[revision][-1]:.2f} s" for revision, _, _ in versions),
            flush=True)
    first = statistics.median(times[versions[0][0]])
    print(f"\none edit at {args.size:,} entries, {args.rounds} rounds, on "
          f"{len(os.sched_getaffinity(0))} cores:")
    for revision, _, _ in versions:
        middle = statistics.median(times[revision])
        print(f"  {revision:>12}: median {middle:.3f} s, fastest {min(times[revision]):.3f} s, "
              f"{middle / first:.3f} of {versions[0][0]}'s median")
    if args.keep is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
