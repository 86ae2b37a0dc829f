"""How fast cswgen builds a large organisation's site, against Pelican and MkDocs.

    python bench/build_speed.py                     # N = 1,000 and 10,000
    python bench/build_speed.py --sizes 1000        # just one size
    python bench/build_speed.py --no-others         # cswgen only
    python bench/build_speed.py --keep /tmp/bench   # keep the generated sites there

For each N it generates a site of N entries (half testimonials, half honour-roll people with
certificates; about 350 words each with a list, emphasis, links and a small table) and prints:
a cold build (no output, no cache), a warm rebuild with nothing changed, a rebuild after one
file changed, peak memory of the build's processes, and pages per second.  Each is a fresh
`cswgen build` process, start-up included, as a user would run it.  The same Markdown bodies
are then built with Pelican and MkDocs, installed by this script into a throwaway virtual
environment, and the ratios printed.  MkDocs is built twice: as it comes (every page in the
navigation that every page shows) and, marked mkdocs*, with its navigation cut to the home
page.  Each cold build is the faster of two runs (MkDocs as it comes at 10,000: one), and
the warm and one-edit rebuilds are the median of five (each run edits another file), since
a shared machine's speed wanders; CPU seconds (user + system) are printed beside them, and
peak memory as the largest process's RSS and PSS (sampled from /proc every 20 ms: during
the cold builds, and in one more warm and one-edit rebuild each, since sampling takes CPU
that a 2-core machine's rebuild would otherwise have; those two runs' times are printed
too).  It
never fails on a slow machine: it prints numbers.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import venv
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OTHERS_VENV = Path(tempfile.gettempdir()) / "cswgen-bench-others"
OTHERS = ["pelican==4.12.0", "markdown>=3.5", "mkdocs==1.6.1"]
COLD_RUNS = 2  # each tool's cold build is the faster of two: a shared machine's speed wanders
REBUILDS = 5  # the warm and one-edit rebuilds: the median of five
AWARDS = ["Customer Champion Award", "Rising Star Award", "Team Spirit Award",
          "Metric-Improvement Award", "Long Service Award", "Problem Solver Award",
          "Branch of the Year", "Unsung Hero Award"]
FIRST = ["Tendai", "Rudo", "Farai", "Chipo", "Tinashe", "Nyasha", "Kuda", "Tatenda", "Zoë",
         "Themba", "Nokuthula", "Blessing", "Memory", "Precious", "Simba", "Ruvimbo"]
LAST = ["Moyo", "Ncube", "Dube", "Sibanda", "Banda", "Chari", "Zhou", "Mutasa", "Marufu",
        "Gumbo", "Nyathi", "Madziva", "Chinoda", "Hove", "Mhlanga", "Chigumba"]
WORDS = ["member", "branch", "account", "call", "service", "mortgage", "savings", "question",
         "answer", "staff", "team", "thank", "kindness", "patience", "queue", "help", "form",
         "payment", "statement", "update", "promise", "week", "morning", "colleague", "manager",
         "office", "customer", "loan", "deposit", "card", "phone", "visit", "letter"]


# --- the generated site -----------------------------------------------------------------

def _sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def body(rng: random.Random, index: int, kind: str, total: int) -> str:
    """About 350 words: paragraphs with emphasis and links, a list and a small table."""
    other = (index + 1) % total + 1
    link = f"[another story]({kind}-{other:05d}.md)"
    paragraphs = [
        f"{_sentence(rng, 18)} *{_sentence(rng, 6)}* {_sentence(rng, 20)} {link} "
        f"{_sentence(rng, 16)}",
        f"{_sentence(rng, 22)} **{_sentence(rng, 5)}** {_sentence(rng, 19)} "
        "[our policy](https://example.org/policy) " + _sentence(rng, 14),
        "\n".join(f"- {_sentence(rng, 9)}" for _ in range(5)),
        f"{_sentence(rng, 25)} {_sentence(rng, 21)}",
        "| Visit | Wait | Outcome |\n|---|---|---|\n"
        + "\n".join(f"| {d} | {rng.randint(2, 40)} min | {rng.choice(WORDS)} |"
                    for d in ("Monday", "Wednesday", "Friday")),
        f"{_sentence(rng, 24)} _{_sentence(rng, 7)}_ {_sentence(rng, 22)}",
        f"{_sentence(rng, 26)} {_sentence(rng, 18)}",
    ]
    return "\n\n".join(paragraphs) + "\n"


@dataclass
class Entry:
    kind: str  # "t" (testimonial) or "p" (person)
    index: int
    title: str
    body: str


def entries(n: int) -> list[Entry]:
    rng = random.Random(2026)
    half = n // 2
    result = []
    for i in range(1, half + 1):
        result.append(Entry("p", i, f"{FIRST[i % 16]} {LAST[(i // 16) % 16]} {i}",
                            body(rng, i, "p", half)))
    for i in range(1, n - half + 1):
        result.append(Entry("t", i, f"Customer {i}", body(rng, i, "t", n - half)))
    return result


def write_cswgen(site: Path, items: list[Entry]) -> None:
    people = [e for e in items if e.kind == "p"]
    (site / "content/testimonials").mkdir(parents=True)
    (site / "content/honour-roll").mkdir(parents=True)
    (site / "config.toml").write_text(
        '[site]\ntitle = "Big Bank CSW 2026"\norganisation = "Big Bank"\n\n'
        '[week]\nyear = 2026\ntheme = "Dream Team"\ntimezone = "Africa/Harare"\n', "utf-8")
    for e in items:
        if e.kind == "p":
            award = AWARDS[e.index % len(AWARDS)] if e.index % 5 else ""
            front = (f"name: {e.title}\nrole: Customer Service Officer\n"
                     f"department: Branch {e.index % 40}\n"
                     + (f"award: {award}\n" if award else "")
                     + f"citation: For {_sentence(random.Random(e.index), 12).lower()}\n")
            path = site / f"content/honour-roll/p-{e.index:05d}.md"
        else:
            staff = people[e.index % len(people)].title if people else ""
            front = (f"customer: {e.title}\ntitle: A story from customer {e.index}\n"
                     f"rating: {1 + e.index % 5}\ndate: 2026-09-01\n"
                     + (f"staff: [\"{staff}\"]\n" if staff else ""))
            path = site / f"content/testimonials/t-{e.index:05d}.md"
        path.write_text(f"---\n{front}---\n\n{e.body}", "utf-8")


def write_pelican(site: Path, items: list[Entry]) -> None:
    (site / "content").mkdir(parents=True)
    (site / "pelicanconf.py").write_text(
        'SITENAME = "Big Bank CSW 2026"\nTIMEZONE = "Africa/Harare"\nDEFAULT_LANG = "en"\n'
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nRELATIVE_URLS = True\n"
        "DEFAULT_PAGINATION = 20\n", "utf-8")
    for e in items:
        (site / f"content/{e.kind}-{e.index:05d}.md").write_text(
            f"Title: {e.title}\nDate: 2026-09-01 10:00\nSlug: {e.kind}-{e.index:05d}\n\n"
            f"{e.body}", "utf-8")


def write_mkdocs(site: Path, items: list[Entry], *, short_nav: bool = False) -> None:
    """MkDocs as it comes (every page in the navigation, which every page shows), or with
    the navigation cut to the home page, as one would set it up for thousands of pages."""
    (site / "docs").mkdir(parents=True)
    (site / "mkdocs.yml").write_text("site_name: Big Bank CSW 2026\n" + (
        "nav:\n  - Home: index.md\n" if short_nav else ""), "utf-8")
    (site / "docs/index.md").write_text("# Big Bank CSW 2026\n", "utf-8")
    for e in items:
        (site / f"docs/{e.kind}-{e.index:05d}.md").write_text(f"# {e.title}\n\n{e.body}",
                                                              "utf-8")


# --- measuring ---------------------------------------------------------------------------

def _sizes(pid: int) -> tuple[int, int]:
    """A process's resident and proportional set sizes in bytes (RSS, PSS), from one read
    of /proc/PID/smaps_rollup (the kernel walks the process's page tables for it: read
    twice a sample, it took a fifth of a core beside a 2-second build), else RSS alone from
    /proc/PID/status; (0, 0) when it is gone."""
    found: dict[str, int] = {}
    for name in ("smaps_rollup", "status"):
        try:
            text = Path(f"/proc/{pid}/{name}").read_text()
        except OSError:
            continue
        for line in text.splitlines():
            field, _, value = line.partition(":")
            if field in ("Rss", "Pss", "VmRSS"):
                found[field] = int(value.split()[0]) * 1024
        if found:
            break
    rss = found.get("Rss") or found.get("VmRSS", 0)
    return rss, found.get("Pss") or rss


def _tree(pid: int) -> list[int]:
    """A process and all its descendants (Linux /proc)."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                stack.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return found


@dataclass
class Memory:
    """Peaks over a run, in bytes: the processes' proportional set sizes summed (pages
    that forked workers share with their parent counted once), and the largest single
    process's resident (RSS) and proportional (PSS) size."""

    tree_pss: int = 0
    rss: int = 0
    pss: int = 0

    def sample(self, pid: int) -> None:
        total = 0
        for each in _tree(pid):
            rss, pss = _sizes(each)
            total += pss
            self.pss = max(self.pss, pss)
            self.rss = max(self.rss, rss)
        self.tree_pss = max(self.tree_pss, total)

    def most(self, other: Memory) -> Memory:
        return Memory(max(self.tree_pss, other.tree_pss), max(self.rss, other.rss),
                      max(self.pss, other.pss))


@dataclass
class Run:
    seconds: float
    peak: int  # bytes: the processes' PSS summed
    ok: bool
    tail: str
    cpu: float = 0.0  # user + system seconds of the process and its workers
    memory: Memory | None = None


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None, *,
          sampled: bool = True) -> Run:
    """One run of `command`, its memory `sampled` from /proc every 20 ms (or not: the
    sampling takes CPU from a 2-core machine, so the rebuilds are timed without it and
    sampled in runs of their own)."""
    # Each run starts with the disk quiet: the hundreds of megabytes a cold build wrote are
    # otherwise still being flushed while the next run is timed (for every tool alike).
    if hasattr(os, "sync"):
        os.sync()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    memory = Memory()
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            memory.sample(process.pid)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    if sampled:
        sampler.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    if sampled:
        sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(seconds, memory.tree_pss, process.returncode == 0,
               output.decode("utf-8", "replace").strip().splitlines()[-1:][0]
               if output.strip() else "", cpu, memory)


def cold_build(command: list[str], cwd: Path, wipe: Callable[[], object],
               env: dict[str, str] | None = None, tries: int = COLD_RUNS) -> Run:
    """The quickest of `tries` builds from nothing (`wipe` removes what the last one made),
    with the highest peak memory of them all."""
    runs = []
    for _ in range(tries):
        wipe()
        runs.append(timed(command, cwd, env))
    best = min(runs, key=lambda r: r.seconds)
    return Run(best.seconds, max(r.peak for r in runs), all(r.ok for r in runs), best.tail,
               best.cpu, _most(runs))


def _most(runs: list[Run]) -> Memory | None:
    found = [r.memory for r in runs if r.memory is not None]
    if not found:
        return None
    result = found[0]
    for memory in found[1:]:
        result = result.most(memory)
    return result


def median(runs: list[Run]) -> Run:
    """The run of median time, with the highest peak memory of them all."""
    middle = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]
    cpu = sorted(r.cpu for r in runs)[len(runs) // 2]
    return Run(middle.seconds, max(r.peak for r in runs), all(r.ok for r in runs), middle.tail,
               cpu, _most(runs))


def clean(site: Path) -> None:
    for child in site.iterdir():
        if child.name == "output" or child.name.startswith(".cswgen"):
            shutil.rmtree(child, ignore_errors=True)


def count_pages(out: Path) -> int:
    return sum(1 for _ in out.rglob("*.html"))


def others_python() -> Path | None:
    python = OTHERS_VENV / "bin" / "python"
    marker = OTHERS_VENV / ".installed"
    if not marker.exists() or marker.read_text() != " ".join(OTHERS):
        print(f"installing {', '.join(OTHERS)} into {OTHERS_VENV} ...", flush=True)
        shutil.rmtree(OTHERS_VENV, ignore_errors=True)
        venv.create(OTHERS_VENV, with_pip=True)
        result = subprocess.run([str(python), "-m", "pip", "install", "-q", *OTHERS],
                                capture_output=True, text=True)
        if result.returncode:
            print(f"could not install Pelican and MkDocs:\n{result.stderr[-2000:]}")
            return None
        marker.write_text(" ".join(OTHERS))
    return python


def mb(n: int) -> str:
    return f"{n / 1e6:.0f}"


def bench(n: int, with_others: bool, workdir: Path, others_rebuild: bool) -> None:
    items = entries(n)
    print(f"\n== N = {n:,} entries ({n // 2:,} honour-roll people with certificates, "
          f"{n - n // 2:,} testimonials; ~350 words each)", flush=True)
    site = workdir / f"cswgen-{n}"
    write_cswgen(site, items)
    build = [sys.executable, "-m", "cswgen", "build", "--as-of", "2026-10-06"]
    env = dict(os.environ, PYTHONPATH=str(REPO))
    clean(site)
    cold = cold_build(build, site, lambda: clean(site), env)
    if not cold.ok:
        print(f"cswgen build failed: {cold.tail}")
        return
    pages = count_pages(site / "output")
    # the rebuilds are timed unsampled, and then each run once more with memory sampled
    warm = median([timed(build, site, env, sampled=False) for _ in range(REBUILDS)])
    warm_sampled = timed(build, site, env)
    edits = []
    for number in range(1, REBUILDS + 2):
        edited = site / f"content/testimonials/t-{number:05d}.md"
        edited.write_text(edited.read_text("utf-8") + "\nOne more line, written today.\n",
                          "utf-8")
        edits.append(timed(build, site, env, sampled=number > REBUILDS))
    one, one_sampled = median(edits[:-1]), edits[-1]
    warm, one = (replace(run, peak=sampled.peak, memory=sampled.memory)
                 for run, sampled in ((warm, warm_sampled), (one, one_sampled)))
    print(f"{'tool':<9}{'pages':>8}{'cold s':>9}{'warm s':>9}{'1 edit s':>10}"
          f"{'peak MB':>9}{'pages/s':>9}", flush=True)
    row("cswgen", cold, warm, one, pages)
    print("cswgen CPU seconds (user + system, workers included): "
          f"cold {cold.cpu:.2f}, nothing changed {warm.cpu:.2f}, one edit {one.cpu:.2f}")
    print(f"with the memory sampler running (a run each): nothing changed "
          f"{warm_sampled.seconds:.2f} s, one edit {one_sampled.seconds:.2f} s")
    memory = _most([cold, warm, one])
    if memory is not None:
        print(f"cswgen peak memory: largest process RSS {mb(memory.rss)} MB, "
              f"PSS {mb(memory.pss)} MB; all processes' PSS summed {mb(memory.tree_pss)} MB")
    others: list[float] = []
    if with_others and (python := others_python()):
        pel = workdir / f"pelican-{n}"
        write_pelican(pel, items)
        pelican = [str(python), "-m", "pelican", "content", "-o", "output", "-s",
                   "pelicanconf.py", "-q"]
        pel_cold = cold_build(pelican, pel, partial(shutil.rmtree, pel / "output", True))
        pel_one = edit_and_rebuild(pel / "content/t-00001.md", pelican, pel) \
            if others_rebuild else None
        row("pelican", pel_cold, None, pel_one, count_pages(pel / "output"))
        mkdocs = [str(python), "-m", "mkdocs", "build", "-q"]
        runs: dict[str, Run] = {}
        for name, short_nav in (("mkdocs", False), ("mkdocs*", True)):
            mk = workdir / f"{name.replace('*', '-short-nav')}-{n}"
            write_mkdocs(mk, items, short_nav=short_nav)
            # (MkDocs as it comes takes a quarter of an hour at 10,000: that one runs once)
            runs[name] = cold_build(mkdocs, mk, partial(shutil.rmtree, mk / "site", True),
                                    tries=1 if name == "mkdocs" and n >= 10_000 else COLD_RUNS)
            mk_one = edit_and_rebuild(mk / "docs/t-00001.md", mkdocs, mk) \
                if others_rebuild else None
            row(name, runs[name], None, mk_one, count_pages(mk / "site"))
        print("  (mkdocs: as it comes, every page in the navigation every page shows; "
              "mkdocs*: navigation cut to the home page)")
        others = [r.seconds for r in (pel_cold, runs["mkdocs"]) if r.ok]
        if runs["mkdocs*"].ok:
            print(f"cold build against MkDocs with its navigation cut to one page: "
                  f"{runs['mkdocs*'].seconds / cold.seconds:.1f}x")
    if others:
        print(f"cold build: cswgen is {min(others) / cold.seconds:.1f}x faster than the faster "
              "of Pelican and MkDocs (as they come) on the same bodies (target: at least 2x)")
    one_target, warm_target = (1.5, 0.4) if n >= 10_000 else (1.0, None)
    peak = memory.rss if memory is not None else max(cold.peak, warm.peak, one.peak)
    print(f"targets: rebuild after one edit {one.seconds:.2f} s (under {one_target:g} s: "
          f"{'met' if one.seconds < one_target else 'NOT met'})"
          + (f"; nothing changed {warm.seconds:.2f} s (under {warm_target:g} s: "
             f"{'met' if warm.seconds < warm_target else 'NOT met'})" if warm_target else "")
          + (f"; peak memory (largest process, RSS) {mb(peak)} MB (under 400 MB: "
             f"{'met' if peak < 400e6 else 'NOT met'})" if n >= 10_000 else ""), flush=True)


def edit_and_rebuild(path: Path, command: list[str], cwd: Path) -> Run:
    path.write_text(path.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    return timed(command, cwd)


def row(name: str, cold: Run, warm: Run | None, one: Run | None, pages: int) -> None:
    status = "" if cold.ok else f"   (failed: {cold.tail})"
    peak = max(cold.peak, warm.peak if warm else 0, one.peak if one else 0)
    print(f"{name:<9}{pages:>8,}{cold.seconds:>9.2f}{(f'{warm.seconds:.2f}' if warm else '-'):>9}"
          f"{(f'{one.seconds:.2f}' if one else '-'):>10}{mb(peak):>9}"
          f"{pages / cold.seconds:>9.0f}{status}", flush=True)


def help_time() -> float:
    best = float("inf")
    for _ in range(5):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cswgen", "--help"], capture_output=True,
                       env=dict(os.environ, PYTHONPATH=str(REPO)), check=True)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000",
                        help="comma-separated numbers of entries (default: 1000,10000)")
    parser.add_argument("--no-others", action="store_true",
                        help="skip Pelican and MkDocs")
    parser.add_argument("--others-rebuild", action="store_true",
                        help="also time Pelican and MkDocs rebuilding after one edit (slow: "
                             "they rebuild everything)")
    parser.add_argument("--keep", type=Path, help="generate the sites here and keep them")
    args = parser.parse_args()
    print(f"cswgen build speed on {os.cpu_count()} cores; Python {sys.version.split()[0]}")
    # cswgen's bytecode made once, as installing it with pip does: with
    # PYTHONDONTWRITEBYTECODE set (or a read-only checkout), every run would compile its
    # modules again, a third of a second that no installed cswgen spends
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "cswgen")],
                   check=False)
    took = help_time()
    print(f"cswgen --help: {took * 1000:.0f} ms (target under 150 ms: "
          f"{'met' if took < 0.150 else 'NOT met'})")
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    if args.keep:
        shutil.rmtree(args.keep, ignore_errors=True)
        args.keep.mkdir(parents=True)
        for n in sizes:
            bench(n, not args.no_others, args.keep, args.others_rebuild)
        return
    with tempfile.TemporaryDirectory(prefix="cswgen-bench-") as tmp:
        for n in sizes:
            bench(n, not args.no_others, Path(tmp), args.others_rebuild)


if __name__ == "__main__":
    main()
