"""The `cswgen` command (and `python -m cswgen`).

`cswgen build` with nothing to do is answered here, from the last build's stamp (see
`commands.stamp`), before Click and the rest of cswgen load: a third of the time such a
build took.  Only the plainest form is answered so (`build` with any of --as-of, --drafts,
--portable and --output, each once); everything else, and any build the stamp cannot
vouch for, goes to `cswgen.cli` as usual.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date
from typing import TextIO

FLAGS = ("--drafts", "--portable")
VALUED = ("--as-of", "--output")


def main() -> None:
    started = time.perf_counter()
    if _answered(sys.argv[1:], started):
        return
    from cswgen.cli import main as cli

    if sys.argv[1:2] != ["build"]:
        cli()
        return
    try:
        cli()
    except SystemExit as exc:
        _leave(exc.code)
    _leave(0)


def _leave(code: object) -> None:
    """End `cswgen build` at once, its output flushed: Python taking apart everything a
    build holds, one object at a time, took a tenth of a second after a rebuild of 10,000
    entries.  Everything the build writes is closed and in place before it returns, and
    its workers are done; nothing is left for Python's own ending to do."""
    if isinstance(code, str):  # (as SystemExit says it)
        _say(sys.stderr, code)
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
    (including anything Click would have to explain: those go to it)."""
    if args[:1] != ["build"]:
        return None
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


def _answered(args: list[str], started: float) -> bool:
    """Whether this was `cswgen build` with nothing to do, now said and done."""
    options = build_options(args)
    if options is None:
        return False
    try:
        as_of = date.fromisoformat(str(options["--as-of"])) if "--as-of" in options else None
    except ValueError:
        return False  # (Click explains)
    from cswgen.commands import stamp

    output = options.get("--output")
    done = stamp.nothing_to_do(os.getcwd(), as_of, "--drafts" in options,
                               "--portable" in options, output if isinstance(output, str) else None)
    if done is None:
        return False
    folder, pages, files, warnings = done
    for warning in warnings:
        _say(sys.stderr, warning)
    _say(sys.stdout, stamp.built_line(pages, files, time.perf_counter() - started, folder, 0))
    return True


def _say(stream: TextIO, line: str) -> None:
    """A line as Click would print it: what the console cannot show is replaced."""
    text = line + "\n"
    try:
        stream.write(text)
    except UnicodeEncodeError:
        encoding = stream.encoding or "utf-8"
        stream.write(text.encode(encoding, "replace").decode(encoding))


if __name__ == "__main__":
    main()
