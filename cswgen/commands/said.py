"""What `cswgen build` says and the status it ends with, in the same words whether Click
parsed its options (`cli`) or `cswgen/__main__.py` did: the plain forms of `cswgen build`
are run without loading Click, a twentieth of a rebuild after one edit at 10,000 entries.
Problems are printed as `path:line: message`, one per line, on standard error.  Also what
every command says when it stops early (a bug, a refused write, Ctrl-C: `LEFT`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (light: `cswgen/__main__.py` says what a build with nothing to do did)
    from datetime import date
    from pathlib import Path
    from typing import TextIO

    from cswgen.core.errors import Problem

BUG = ("cswgen stopped because of a bug, not because of your site. Run again with "
       "`{again}` and report what it prints.")  # (every command says it: see `cli`)
# Ctrl-C during a build (status 130, as for any command a shell's user stops; see `cli`)
STOPPED = "Stopped. Nothing was written; the output folder is as it was."
# (Ctrl-C in the moment after the new output was put in place, while the build kept its
# records for the next one: the next build keeps them again)
STOPPED_WRITTEN = ("Stopped, just after the new site was written to the output folder; it is "
                   "complete, and the next build finishes what this one left.")

# What Ctrl-C leaves, said as it stops a command (status 130, as a shell's user expects of
# a command they stopped; not Click's bare "Aborted!").  `build` says it in STOPPED, and
# `publish` while it writes at the target; `serve` stops with "Stopped." as it always does.
LEFT = {
    "check": "Nothing was changed.",
    "publish": "Nothing was published.",
    "redate": "Nothing was changed.",
    "email": "The drafts written before it stopped are in email/; run it again for the rest.",
    "new": "The new site's folder may be incomplete: delete it and run cswgen new again.",
    "add": "Nothing was written.",
}


def cannot_write(exc: OSError, command: str, left: str) -> str | None:
    """What to say when the computer refused to let a command write (`left`: what the
    command left, like "Nothing was written."): a file open in another program, a
    read-only folder, a full disk.  None for any other error, which is a bug."""
    import errno
    from pathlib import Path

    target = Path(os.fsdecode(exc.filename)) if isinstance(
        exc.filename, str | bytes | os.PathLike) else None
    if target is None:
        return None
    if not target.exists():  # a new file: its folder refused it
        target = target.parent
    shown = shown_path(target)
    if isinstance(exc, PermissionError):
        fix = ("make sure it is not read-only (on Windows: right-click it, Properties, "
               "untick Read-only)")
        if target.is_file():
            fix = f"close it if another program has it open (Outlook, Excel, Word) and {fix}"
    elif isinstance(exc, IsADirectoryError):
        fix = "a folder has the name of the file it writes: rename or move that folder"
    elif isinstance(exc, FileExistsError | NotADirectoryError) and target.is_file():
        fix = "a file has the name of the folder it writes into: rename or move that file"
    elif exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        fix = "make room on the disk"
    elif exc.errno == errno.EROFS:
        fix = "the disk cannot be written to: copy the site to one that can"
    else:
        return None
    why = exc.strerror or type(exc).__name__
    return (f"{shown}: cswgen {command} cannot write here ({why}); {fix}, then run "
            f"cswgen {command} again. {left}").rstrip()


def out_of_memory(exc: Exception, command: str) -> str | None:
    """What to say when a command ran out of memory (Python's MemoryError, here or in a
    worker) or a worker of its was killed (most often by the system, for lack of memory:
    see `parallel.Killed`) where no page or photo could be named; None for any other
    error.  (Not a bug of cswgen's: said plainly, with what to do.)"""
    from cswgen.core.parallel import Killed

    if isinstance(exc, Killed):
        said = exc.said(f"of cswgen {command}")
        return said[:1].upper() + said[1:]
    if not isinstance(exc, MemoryError):
        return None
    return (f"cswgen {command} ran out of memory and stopped. A very large file in content/ "
            "(a long Markdown file, a big spreadsheet) or a template that loops over a huge "
            "range() can take all the memory there is: make it smaller, or close other "
            f"programs, then run cswgen {command} again.")


def shown_path(path: Path) -> str:
    """A path as the user can type it from where they are."""
    from pathlib import Path

    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def say(stream: TextIO, line: str) -> None:
    """A line as Click prints it: what the console cannot show is replaced."""
    text = line + "\n"
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = stream.encoding or "utf-8"
        stream.write(text.encode(encoding, "replace").decode(encoding))
    stream.flush()


def report(problems: list[Problem]) -> None:
    for problem in problems:
        say(sys.stderr, str(problem))


def failed_line(problems: list[Problem], outcome: str) -> str:
    errors = sum(1 for p in problems if p.severity == "error")
    return f"Build failed: {errors} error{'s' if errors != 1 else ''}. {outcome}"


def run_build(as_of: date | None, drafts: bool, portable: bool, output: Path | None, *,
              debug: bool = False) -> int:
    """`cswgen build` in the site we are in: its exit status (a bug re-raised with
    `debug`)."""
    from pathlib import Path

    from cswgen.commands.build import one_shot_build
    from cswgen.commands.stamp import built_line
    from cswgen.commands.where import site_root
    from cswgen.core import interrupt
    from cswgen.core.errors import SiteError

    try:
        root = site_root(Path.cwd())
    except SiteError as exc:
        report(exc.problems)
        return 1
    try:
        result = one_shot_build(root, hold=True, as_of=as_of, drafts=drafts, portable=portable,
                                output=output)
        interrupt.check(written=True)  # (a Ctrl-C Python dropped on the way is not lost)
    except interrupt.Written:
        say(sys.stderr, "")
        say(sys.stderr, STOPPED_WRITTEN)
        return 130
    except KeyboardInterrupt:
        say(sys.stderr, "")  # (after the terminal's ^C)
        say(sys.stderr, STOPPED)
        return 130
    except SiteError as exc:
        report(exc.problems)
        say(sys.stderr, failed_line(exc.problems, "Nothing was written; the output folder "
                                                  "is as it was."))
        return 1
    except Exception as exc:
        plainly = out_of_memory(exc, "build")
        if plainly is not None:  # (not a bug: no traceback, even with `debug`)
            say(sys.stderr, plainly)
            say(sys.stderr, "Build failed. Nothing was written; the output folder is as it "
                            "was.")
            return 1
        if debug:
            raise
        say(sys.stderr, BUG.format(again="cswgen build --debug"))
        return 2
    report(result.warnings)
    say(sys.stdout, built_line(result.pages, result.files, result.seconds, result.output,
                               len(result.changed)))
    return 0


@contextmanager
def bugs_reported(debug: bool, command: str) -> Iterator[None]:
    """A problem in the site is reported as `path:line: message`; the computer refusing a
    write (a file open in another program, a read-only folder, a full disk) is said plainly
    with what to do; anything else is a bug (raised as it is with `debug`)."""
    from cswgen.core.errors import SiteError

    try:
        yield
    except SiteError as exc:
        report(exc.problems)
        sys.exit(1)
    except Exception as exc:
        plainly = out_of_memory(exc, command)
        if plainly is not None:
            say(sys.stderr, plainly)
            sys.exit(1)
        if debug:
            raise
        if isinstance(exc, OSError):
            plainly = cannot_write(exc, command, LEFT.get(command, ""))
            if plainly is not None:
                say(sys.stderr, plainly)
                sys.exit(1)
        say(sys.stderr, BUG.format(again=f"cswgen --debug {command}"))
        sys.exit(2)


@contextmanager
def publish_stopped(target: str = "", stopped: Callable[[], str] | None = None
                    ) -> Iterator[None]:
    """A target that cannot be published to is a plain sentence; so is Ctrl-C while
    writing there (`stopped`: what had been done, said then)."""
    from cswgen.commands.publish import PublishError

    try:
        yield
    except PublishError as exc:
        say(sys.stderr, f"Cannot publish: {exc}" if not target else str(exc))
        sys.exit(1)
    except KeyboardInterrupt:
        if not target:
            raise
        say(sys.stderr, "\n" + (stopped() if stopped is not None else
                                f"Stopped. Every file at {target} is whole, old or new; "
                                "publish again to finish."))
        sys.exit(130)
