"""`cswgen publish`: check the target, build exactly as `cswgen build` does, then publish
what was built (see cswgen.publish for the targets).

The target is chosen and checked first, so a mistyped address or an unreachable server
fails in seconds; a failed build publishes nothing.  A zip gets the `--portable` build, made
in a temporary folder so that output/ stays as `cswgen build` leaves it.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cswgen.commands.build import Result, one_shot_build, output_folder
from cswgen.core.errors import Problem, SiteError
from cswgen.publish.address import target_for
from cswgen.publish.plan import RECORD, Plan
from cswgen.publish.target import Built, Progress, Target
from cswgen.publish.target import PublishError as PublishError  # for cli.py
from cswgen.read.config import load_config
from cswgen.read.place import CONFIG_NAME, today_in
from cswgen.read.publishing import PublishTarget
from cswgen.read.settings import SiteConfig
from cswgen.read.tomltable import suggest


@dataclass
class Job:
    """One publish: the site, its target, and (once built) what was built."""

    root: Path
    config: SiteConfig
    target: Target
    setting: PublishTarget | None  # the [publish.NAME] table it came from, if any
    force: bool = False  # --force: replace files there that publish did not put there
    built: Built | None = None
    result: Result | None = None
    ready: Plan | None = None  # what `apply` is carrying out
    written: int = 0  # the new and changed files `apply` has written so far
    temporary: list[Path] = field(default_factory=list)

    def close(self) -> None:
        self.target.close()
        for folder in self.temporary:
            shutil.rmtree(folder, ignore_errors=True)


def prepare(root: Path, name: str | None, *, force: bool, here: Path) -> Job:
    """Read config.toml, choose the target and check it, before anything is built."""
    config = load_config(root)
    setting = choose(config, name, here)
    with located(setting):
        if setting is not None:
            target = target_for(setting.to, root, branch=setting.branch,
                                known_hosts=beside_config(setting.known_hosts, root),
                                identity=beside_config(setting.identity, root), force=force)
        else:
            assert name is not None
            target = target_for(name, here, force=force)
    job = Job(root, config, target, setting, force)
    try:
        with located(setting):
            target.check(root, output_folder(config, None)[0])
    except BaseException:
        job.close()
        raise
    return job


def beside_config(name: str, root: Path) -> str:
    """A file that config.toml names (a key file, a known_hosts file), a relative name
    taken from the site's folder as `to` is, wherever in the site cswgen is run."""
    if not name:
        return ""
    path = Path(name).expanduser()
    return str(path if path.is_absolute() else root / path)


def choose(config: SiteConfig, name: str | None, here: Path) -> PublishTarget | None:
    """The [publish.NAME] table `name` names; None when `name` is an address (taken from
    `here` when relative).  A bare word is a table's name: `./name` is a folder."""
    tables = config.publish
    if name is None:
        if len(tables) == 1:
            return next(iter(tables.values()))
        if not tables:
            raise PublishError("say where to publish: `cswgen publish /path/to/folder` (or a "
                               ".zip file, a git repository, an sftp:// address), or add a "
                               "table to config.toml such as [publish.intranet] with "
                               "to = \"/mnt/web/csw\"")
        raise PublishError(f"{CONFIG_NAME} has {len(tables)} publish targets ("
                           + ", ".join(sorted(tables)) + "); name the one to publish to, like "
                           f"`cswgen publish {sorted(tables)[0]}`")
    if name in tables:
        return tables[name]
    if any(c in name for c in "/\\.:@#~") or (here / name / RECORD).is_file():
        return None  # an address (or a folder published to before, named as it was then)
    if tables:
        hint = suggest(name, sorted(tables))
        advice = f"did you mean `{hint}`?" if hint else \
            "the targets there are " + ", ".join(sorted(tables)) + "."
        raise PublishError(f"{CONFIG_NAME} has no [publish.{name}]; {advice} (To publish to a "
                           f"folder of that name here, write ./{name})")
    # a bare word is a target's name, mistyped or not yet written, more often than a folder
    raise PublishError(f"{CONFIG_NAME} has no [publish] targets, so there is no "
                       f"[publish.{name}]: add one (`[publish.{name}]` with `to = \"...\"`, "
                       f"the folder or address), or, to publish to a folder named {name} "
                       f"here, write ./{name}")


@contextlib.contextmanager
def located(setting: PublishTarget | None) -> Iterator[None]:
    """A problem with a target from config.toml says where it is written."""
    try:
        yield
    except PublishError as exc:
        if setting is None:
            raise
        raise SiteError([Problem(CONFIG_NAME, setting.lines.get(exc.key, setting.line),
                                 f"[publish.{setting.name}] {exc.key}: {exc}")]) from None


def build_site(job: Job, *, as_of: date | None, drafts: bool) -> Built:
    """Build as `cswgen build` does (a zip: --portable, into a temporary folder)."""
    if job.target.portable:
        folder = Path(tempfile.mkdtemp(prefix="cswgen-portable-"))
        job.temporary.append(folder)
        result = one_shot_build(job.root, as_of=as_of, drafts=drafts, portable=True,
                                output=folder / "site", shortcut=False)
    else:
        result = one_shot_build(job.root, as_of=as_of, drafts=drafts)
    when = as_of or today_in(job.config.week.timezone)
    job.result = result
    job.built = Built.of(result.output, result.pages,
                         f"{job.config.site.title} as of {when.isoformat()}")
    return job.built


def plan(job: Job) -> Plan:
    """What publishing would add, change and remove; refused (PublishError) when it would
    replace files there that publish did not put there, unless --force."""
    assert job.built is not None
    ready = job.target.plan(job.built)
    if ready.theirs and not job.force:
        raise PublishError(theirs_refusal(job, ready.theirs))
    if job.force:
        ready.found = []  # (an old copy of the site: publish's own from now on)
    return ready


def theirs_refusal(job: Job, theirs: list[str]) -> str:
    """Why a publish that would replace someone else's files does not happen."""
    count = len(theirs)
    shown = ", ".join(theirs[:3]) + (f" and {count - 3} more" if count > 3 else "")
    files, them, are = ("a file", "it", "it is") if count == 1 else \
        (f"{count} files", "them", "they are")
    return (f"{job.target.shown} already has {files} that cswgen did not publish where the "
            f"site has its own ({shown}); publishing would replace {them}. Nothing was "
            f"published. Move {them} out of the way (or ask whoever put {them} there), or, if "
            f"{are} an old copy of this site, publish again with --force to replace {them} "
            "(nothing else there is touched)")


def apply(job: Job, ready: Plan, progress: Progress) -> None:
    assert job.built is not None
    job.ready = ready

    def counted(done: int, total: int, name: str) -> None:
        job.written = done
        progress(done, total, name)

    job.target.apply(ready, job.built, counted)


def stopped_line(job: Job) -> str:
    """What a publish stopped by Ctrl-C while writing had done, and what it left."""
    shown, ready = job.target.shown, job.ready
    if job.target.whole:  # (a zip made beside it, then put in its place; a git push)
        return (f"Stopped. {shown} is whole, as it was or as this publish makes it; publish "
                "again to finish.")
    writes = 0 if ready is None else len(ready.added) + len(ready.changed)
    removes = 0 if ready is None else len(ready.removed)
    if not writes and not removes:  # (only the record was being written)
        return f"Stopped. Every file at {shown} is whole, old or new; publish again to finish."
    rest = []
    if job.written < writes:
        rest.append(f"writes the other {writes - job.written}" if job.written else
                    f"writes the {writes} new and changed files")
    if removes:
        rest.append(f"removes the {removes} the site no longer has" if writes else
                    f"removes the {removes} files the site no longer has")
    done = "before writing any file" if not job.written else \
        f"after writing {job.written} of the {writes} new and changed files" \
        if job.written < writes else f"after writing the {writes} new and changed files"
    return (f"Stopped {done} at {shown}. Every file there is whole, old or new; publish "
            f"again to finish (it {' and '.join(rest)}).")


def progress(echo: Callable[[str, bool], None], terminal: bool) -> Progress:
    """Progress of a long upload, said by `echo(text, newline)`: a line that counts up on a
    terminal; every tenth elsewhere, when there are many files."""
    last = [0.0]

    def show(done: int, total: int, name: str) -> None:
        now = time.monotonic()
        if terminal and (now - last[0] > 0.1 or done == total):
            last[0] = now
            echo(f"\rPublishing: {done} of {total} files", done == total)
        elif not terminal and total >= 500 and done % (total // 10) == 0:
            echo(f"Publishing: {done} of {total} files", True)

    return show


def closing_line(job: Job, done: Plan, seconds: float) -> str:
    """What was done, in one line: `Published 54 pages to ...: 3 changed, 1 removed`."""
    assert job.built is not None
    shown, pages = job.target.shown, job.built.pages
    if done.empty and getattr(job.target, "taking_over", False):  # (git, with --force)
        return (f"Published {pages} pages to {shown} in {seconds:.1f} s: nothing changed; "
                "the commits made without cswgen are now behind its own, so the next "
                "publish needs no --force")
    if done.empty and not done.resumed:
        return f"Nothing to publish: the {pages} pages at {shown} are up to date."
    kept = len(done.kept)
    note = "" if not kept else " (1 file there that cswgen did not publish left as it was)" \
        if kept == 1 else f" ({kept} files there that cswgen did not publish left as they were)"
    finished = "; this finishes the publish that stopped" if done.resumed else ""
    return (f"Published {pages} pages to {shown} in {seconds:.1f} s: {done.summary()}{note}"
            f"{finished}")


def dry_run_line(job: Job, ready: Plan) -> str:
    assert job.built is not None
    if ready.empty:
        return f"Dry run: the {job.built.pages} pages at {job.target.shown} are up to date; " \
               "publishing would change nothing."
    return (f"Dry run: publishing {job.built.pages} pages to {job.target.shown} would mean "
            f"{ready.summary(planned=True)}. Nothing was changed there.")


def removal_question(job: Job, ready: Plan) -> str:
    return (f"Publishing to {job.target.shown} removes {len(ready.removed)} of the "
            f"{ready.before} files published there before (`cswgen publish --dry-run` lists "
            "them).")
