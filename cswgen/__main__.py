"""The `cswgen` command (and `python -m cswgen`).

`cswgen build` with nothing to do is answered here, from the last build's stamp (see
`commands.stamp`), before Click and the rest of cswgen load: a third of the time such a
build took.  Only the plainest form is answered so (`build` with any of --as-of, --drafts,
--portable and --output, each once); such a build the stamp cannot vouch for runs here too,
without Click (see `commands.said`), and everything else goes to `cswgen.cli` as usual.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date

FLAGS = ("--drafts", "--portable")
VALUED = ("--as-of", "--output")


def main() -> None:
    started = time.perf_counter()
    from cswgen.core import interrupt

    interrupt.watch()  # (a Ctrl-C Python drops on the way still stops a build: see there)
    plain = _plain_build(sys.argv[1:])
    if plain is not None:  # (the plain forms of `cswgen build`: no Click to load)
        try:
            if _answered(plain, started):
                return
            from pathlib import Path

            from cswgen.commands.said import run_build

            as_of, drafts, portable, output = plain
            code = run_build(as_of, drafts, portable, Path(output) if output else None)
        except KeyboardInterrupt:  # Ctrl-C: as `run_build` says it (the build leaves no trace)
            from cswgen.commands.said import STOPPED, say

            say(sys.stderr, "")
            say(sys.stderr, STOPPED)
            code = 130
        except BrokenPipeError:  # (`cswgen build | head -0`: nothing left to tell)
            code = 1
        _leave(code)
    from cswgen.cli import cli

    if sys.argv[1:2] != ["build"]:
        cli(prog_name="cswgen")
        return
    try:
        cli(prog_name="cswgen")
    except SystemExit as exc:
        _leave(exc.code)
    _leave(0)


def _leave(code: object) -> None:
    """End `cswgen build` at once, its output flushed: Python taking apart everything a
    build holds, one object at a time, took a tenth of a second after a rebuild of 10,000
    entries.  Everything the build writes is closed and in place before it returns, and
    its workers are done; nothing is left for Python's own ending to do."""
    if isinstance(code, str):  # (as SystemExit says it)
        from cswgen.commands.said import say

        say(sys.stderr, code)
        code = 1
    if "multiprocessing" in sys.modules:  # a failed build's helpers may still be at work
        import multiprocessing

        for child in multiprocessing.active_children():
            child.terminate()
            child.join()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: what Python's own ending would meet
        code = code or 120
    os._exit(code if isinstance(code, int) else 0 if code is None else 1)


def build_options(args: list[str]) -> dict[str, str | bool] | None:
    """The options of `cswgen build ...` as given, or None for any other command line
    (including anything Click would have to explain: those go to it).  Its words are read
    as Click reads them, without the curly quotes of a command pasted from Word
    (`--as-of “2026-10-06”`: see `commands.pastedargs`)."""
    if args[:1] != ["build"]:
        return None
    from cswgen.commands.pastedargs import words_as_meant

    args = words_as_meant(args)
    found: dict[str, str | bool] = {}
    rest = iter(args[1:])
    for arg in rest:
        name, equals, value = arg.partition("=")
        if name in FLAGS and not equals:
            given: str | bool = True
        elif name in VALUED:
            given = value if equals else next(rest, "")
            if not given or given.startswith("-"):
                return None
        else:
            return None
        if name in found:
            return None
        found[name] = given
    return found


def _plain_build(args: list[str]) -> tuple[date | None, bool, bool, str | None] | None:
    """The as-of date, drafts, portable and output of a plain `cswgen build` (see
    `build_options`), or None for anything Click should read (and explain)."""
    options = build_options(args)
    if options is None:
        return None
    try:
        as_of = date.fromisoformat(str(options["--as-of"])) if "--as-of" in options else None
    except ValueError:
        return None  # (Click explains)
    output = options.get("--output")
    return as_of, "--drafts" in options, "--portable" in options, \
        output if isinstance(output, str) else None


def _answered(plain: tuple[date | None, bool, bool, str | None], started: float) -> bool:
    """Whether this plain `cswgen build` had nothing to do, now said and done."""
    from cswgen.commands import stamp
    from cswgen.commands.said import say

    done = stamp.nothing_to_do(os.getcwd(), *plain)
    if done is None:
        return False
    folder, pages, files, warnings = done
    for warning in warnings:
        say(sys.stderr, warning)
    say(sys.stdout, stamp.built_line(pages, files, time.perf_counter() - started, folder, 0))
    return True


if __name__ == "__main__":
    main()
