"""What every `cswgen` command's parsing shares: the group that reads words pasted in
curly quotes and says what Ctrl-C left, `--as-of` and `--debug`, a year, a name of several
words, the site we are in, and a yes/no question where no one may be there to answer.
With cli.py (the commands themselves), the only modules that import Click.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

import click

from cswgen.commands import said  # (light: os and sys)
from cswgen.commands.pastedargs import pasted_whole, words_as_meant  # (light: re)
from cswgen.core.errors import SiteError


def as_of_date(value: str | None, option: str = "--as-of") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        from cswgen.commands.where import not_a_date

        raise click.BadParameter(not_a_date(value, Path.cwd()),
                                 param_hint=f"'{option}'") from None


class Year(click.ParamType[int]):
    """A year, like 2027; anything else is explained with the coming year as the example."""

    name = "year"

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> int:
        from cswgen.commands.new import coming_year

        try:
            year = int(str(value).strip())
        except ValueError:
            year = 0
        if not 1900 <= year <= 9999:
            self.fail(f'"{value}" is not a year; give the year to move the site to, like '
                      f"{coming_year(date.today())}", param, ctx)
        return year


def site_root_or_exit() -> Path:
    """The site we are in (here or a folder above); otherwise say how to start one."""
    from cswgen.commands.where import site_root

    try:
        return site_root(Path.cwd())
    except SiteError as exc:
        said.report(exc.problems)
        sys.exit(1)


def _debug_on(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        ctx.find_root().obj["debug"] = True


# `--debug` is accepted after the command too (`cswgen build --debug`), as people type it.
DEBUG = click.option("--debug", is_flag=True, expose_value=False, callback=_debug_on,
                     help="Show Python tracebacks (for reporting bugs).")


class Commands(click.Group):
    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        # every word as meant when pasted from Word or Outlook in its curly quotes, which a
        # Mac's Terminal keeps (`--as-of “2026-10-06”`, `cswgen new “csw”`): for every
        # command, option and value, and before Click reads them (a port, a year, a choice)
        return super().parse_args(ctx, words_as_meant(args))

    def resolve_command(self, ctx: click.Context,
                        args: list[str]) -> tuple[str | None, click.Command | None, list[str]]:
        if args and args[0].lower() in ("translate", "translation", "translations", "i18n"):
            ctx.fail(f"No such command '{args[0]}'. A translation starts with cswgen add and "
                     "--language: cswgen add day monday --language fr (or add testimonial, "
                     "honour, page, policy, home), and cswgen check lists what has no "
                     "translation yet.")
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (KeyboardInterrupt, click.Abort):  # (Abort: Ctrl-C at a question)
            left = said.LEFT.get(ctx.invoked_subcommand or "", "")
            click.echo(f"\nStopped. {left}".rstrip(), err=True)
            sys.exit(130)


AS_OF = click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
                     help="Build the site as it should look on this date (default: today).")
DRAFTS = click.option("--drafts", is_flag=True, help="Include files marked draft: true.")


def build_failed(exc: SiteError, outcome: str) -> NoReturn:
    said.report(exc.problems)
    click.echo(said.failed_line(exc.problems, outcome), err=True)
    sys.exit(1)


# A name of several words typed without quotes reaches a command as several arguments;
# `one_name` says to quote it rather than Click's "Got unexpected extra argument".
WORDS = {"context_settings": {"allow_extra_args": True}}


def one_name(ctx: click.Context, words: list[str], typed: str) -> str:
    """The one name that `words` are: one word, or the words of a name pasted from Word in
    its curly quotes, which the shell split at its spaces (“Kigali Bank CSW”); for other
    words, stop with how to type them as one name (`typed`: the command with `{}` where
    the name goes)."""
    if (whole := pasted_whole(words)) is not None:
        return whole
    if len(words) > 1:
        quoted = '"' + " ".join(words) + '"'
        raise click.UsageError(f"put a name with spaces in double quotes, so that it is "
                               f"read as one name: {typed.format(quoted)}", ctx)
    return words[0]


def confirmed(question: str, instead: str) -> bool:
    """The answer to a yes/no question; when no answer can come (no terminal: input from
    /dev/null or a script), says that nothing was changed and how to go on without the
    question, and stops with exit status 1 (not Click's bare "Aborted!").  Ctrl-C at a
    terminal stops the command as it stops any other (see `Commands`)."""
    try:
        return click.confirm(question, default=False)
    except click.Abort:
        if sys.stdin.isatty():
            raise
        click.echo(f"\nNothing was changed: there was no answer (no one at a terminal to "
                   f"ask); {instead}.", err=True)
        sys.exit(1)
