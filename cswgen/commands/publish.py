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
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cswgen.commands.build import Result, one_shot_build, output_folder
from cswgen.core.errors import Problem, SiteError
from cswgen.publish.address import target_for
from cswgen.publish.plan import Plan
from cswgen.publish.target import Built, Progress, Target
from cswgen.publish.target import PublishError as PublishError  # for cli.py
from cswgen.read.config import SiteConfig, load_config
from cswgen.read.place import CONFIG_NAME, today_in
from cswgen.read.publishing import PublishTarget
from cswgen.read.tomltable import suggest


@dataclass
class Job:
    """One publish: the site, its target, and (once built) what was built."""

    root: Path
    config: SiteConfig
    target: Target
    setting: PublishTarget | None  # the [publish.NAME] table it came from, if any
    built: Built | None = None
    result: Result | None = None
    temporary: list[Path] = field(default_factory=list)

    def close(self) -> None:
        self.target.close()
        for folder in self.temporary:
            shutil.rmtree(folder, ignore_errors=True)


def prepare(root: Path, name: str | None, *, force: bool, here: Path) -> Job:
    """Read config.toml, choose the target and check it, before anything is built."""
    config = load_config(root)
    setting = choose(config, name)
    with located(setting):
        if setting is not None:
            target = target_for(setting.to, root, branch=setting.branch,
                                known_hosts=setting.known_hosts, identity=setting.identity,
                                force=force)
        else:
            assert name is not None
            target = target_for(name, here, force=force)
    job = Job(root, config, target, setting)
    try:
        with located(setting):
            target.check(root, output_folder(config, None)[0])
    except BaseException:
        job.close()
        raise
    return job


def choose(config: SiteConfig, name: str | None) -> PublishTarget | None:
    """The [publish.NAME] table `name` names; None when `name` is an address."""
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
    if tables and not any(c in name for c in "/\\.:@#~"):
        hint = suggest(name, sorted(tables))
        advice = f"did you mean `{hint}`?" if hint else \
            "the targets there are " + ", ".join(sorted(tables)) + "."
        raise PublishError(f"{CONFIG_NAME} has no [publish.{name}]; {advice} (To publish to a "
                           f"folder of that name here, write ./{name})")
    return None


@contextlib.contextmanager
def located(setting: PublishTarget | None) -> Iterator[None]:
    """A problem with a target from config.toml says where it is written."""
    try:
        yield
    except PublishError as exc:
        if setting is None:
            raise
        raise SiteError([Problem(CONFIG_NAME, setting.line,
                                 f"[publish.{setting.name}] to: {exc}")]) from None


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
    assert job.built is not None
    return job.target.plan(job.built)


def apply(job: Job, ready: Plan, progress: Progress) -> None:
    assert job.built is not None
    job.target.apply(ready, job.built, progress)


def closing_line(job: Job, done: Plan, seconds: float) -> str:
    """What was done, in one line: `Published 54 pages to ...: 3 changed, 1 removed`."""
    assert job.built is not None
    shown, pages = job.target.shown, job.built.pages
    if done.empty:
        return f"Nothing to publish: the {pages} pages at {shown} are up to date."
    kept = len(done.kept)
    note = f" ({kept} file{'s' if kept != 1 else ''} there that cswgen did not publish left " \
           "as they were)" if kept else ""
    return f"Published {pages} pages to {shown} in {seconds:.1f} s: {done.summary()}{note}"


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
