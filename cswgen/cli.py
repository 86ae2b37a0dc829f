"""The `cswgen` command.  With cliparts.py (what every command's parsing shares), the only
modules that import Click.

Problems are printed as `path:line: message`, one per line; a failure exits with status
1 and no traceback (unless --debug); Ctrl-C, with a sentence that says what it left and
status 130 (see `said.LEFT`).
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

import click

from cswgen import __version__
from cswgen.cliparts import (
    AS_OF,
    DEBUG,
    DRAFTS,
    WORDS,
    Commands,
    Year,
    as_of_date,
    build_failed,
    confirmed,
    one_name,
    site_root_or_exit,
)
from cswgen.commands import said  # (light: os and sys)
from cswgen.core.errors import Problem, SiteError


@click.group(cls=Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cswgen")
@click.option("--debug", is_flag=True, help="Show Python tracebacks (for reporting bugs).")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Build a Customer Service Week microsite from Markdown.

    Run the commands inside your site's folder (the one with config.toml).
    """
    ctx.obj = {"debug": debug}


@cli.command()
@AS_OF
@DRAFTS
@DEBUG
@click.option("--portable", is_flag=True,
              help="Links name index.html, so the site works opened from disk or a zip.")
@click.option("--output", type=click.Path(path_type=Path), metavar="DIR",
              help="Write here instead of [build] output.")
@click.pass_context
def build(ctx: click.Context, as_of: str | None, drafts: bool, portable: bool,
          output: Path | None) -> None:
    """Build the site into the output folder."""
    from cswgen.commands.said import run_build

    when = as_of_date(as_of)
    code = run_build(when, drafts, portable, output, debug=ctx.obj["debug"])
    if code:
        sys.exit(code)


@cli.command(short_help="Build the site and publish it: to a folder, a zip, git or SFTP.")
@click.argument("target", required=False)
@AS_OF
@DRAFTS
@DEBUG
@click.option("--dry-run", is_flag=True,
              help="List what would be added, changed and removed; change nothing.")
@click.option("--yes", is_flag=True, help="Do not ask before removing more than a quarter of "
              "the files published there before.")
@click.option("--force", is_flag=True,
              help="Replace files there that cswgen did not put there, where the site has "
              "its own; publish to a git branch even if it has commits cswgen did not make.")
@click.pass_context
def publish(ctx: click.Context, target: str | None, as_of: str | None, drafts: bool,
            dry_run: bool, yes: bool, force: bool) -> None:
    """Build the site exactly as `cswgen build` does, then publish it to TARGET: the name
    of a [publish.NAME] table in config.toml, or an address (without TARGET: the only
    [publish] table there is).  Only new and changed files are written, each whole; files
    an earlier publish put there and the site no longer has are removed; nothing else
    there is touched.

    \b
    Examples:
      cswgen publish intranet                      ([publish.intranet] in config.toml)
      cswgen publish /mnt/web/csw                  a folder
      cswgen publish csw-2026.zip                  a zip file (the --portable build)
      cswgen publish git@github.com:acme/csw.git   the gh-pages branch (or URL#branch)
      cswgen publish sftp://me@web.example/var/www/csw
    """
    from cswgen.commands import publish as publishing

    when = as_of_date(as_of)
    root = site_root_or_exit()
    with said.bugs_reported(ctx.obj["debug"], "publish"), said.publish_stopped():
        job = publishing.prepare(root, target, force=force, here=Path.cwd())
    try:
        try:
            publishing.build_site(job, as_of=when, drafts=drafts)
        except SiteError as exc:
            build_failed(exc, "Nothing was published.")
        with said.bugs_reported(ctx.obj["debug"], "publish"), said.publish_stopped():
            assert job.result is not None
            said.report(job.result.warnings)
            ready = publishing.plan(job)
        if dry_run:
            for line in ready.lines():
                click.echo(line)
            click.echo(publishing.dry_run_line(job, ready))
            return
        if ready.asks_first() and not yes:
            question = publishing.removal_question(job, ready)
            if not sys.stdin.isatty():
                click.echo(f"{question} Nothing was published: add --yes to publish anyway "
                           "(there is no one at a terminal to ask).", err=True)
                sys.exit(1)
            if not click.confirm(f"{question} Publish?", default=False, err=True):
                click.echo("Nothing was published.", err=True)
                return
        started = time.perf_counter()
        with said.bugs_reported(ctx.obj["debug"], "publish"), \
                said.publish_stopped(job.target.shown, lambda: publishing.stopped_line(job)):
            publishing.apply(job, ready, publishing.progress(
                lambda text, nl: click.echo(text, nl=nl, err=True), sys.stderr.isatty()))
        click.echo(publishing.closing_line(job, ready, time.perf_counter() - started))
    finally:
        job.close()


@cli.command(short_help="Preview the site in your browser while you edit it.")
@click.option("--host", default="127.0.0.1", show_default=True, metavar="ADDRESS",
              help="The address to serve on: 0.0.0.0 lets phones and other computers on "
                   "your network see the preview, at the address the terminal then gives.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              metavar="N", help="The port to serve on; when it is taken, the next free one.")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in your browser.")
@AS_OF
@DRAFTS
@DEBUG
def serve(host: str, port: int, open_browser: bool, as_of: str | None, drafts: bool) -> None:
    """Build the site, serve it on this computer and rebuild it whenever config.toml, a
    file in content/ or the theme changes; the browser reloads by itself.  Problems are
    shown in the page, and the server keeps running.  The terminal lists the warnings once,
    then says only which are new and which fixed: press Enter there to list them all
    again.  Stop it with Ctrl-C."""
    from cswgen.commands.serve import run

    when = as_of_date(as_of)
    root = site_root_or_exit()
    try:
        run(root, host=host, port=port, open_browser=open_browser, as_of=when,
            drafts=drafts)
    except OSError as exc:
        click.echo(f"cswgen serve cannot listen on {host} port {port}: "
                   f"{exc.strerror or exc}", err=True)
        sys.exit(1)


@cli.command(short_help="Start a new site from the demo campaign.", **WORDS)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("--language", metavar="TAG",
              help="The visitors' language, a BCP 47 tag such as fr, pt-BR, ar or sw "
                   "(default: the demo's English).")
@DEBUG
@click.pass_context
def new(ctx: click.Context, folder: Path, language: str | None) -> None:
    """Start a new site in FOLDER, from the demo campaign, dated for the coming week: every
    date in it, in numbers or in words, moves to that week.  FOLDER must be new or empty;
    put a name with spaces in double quotes.

    \b
    Examples:
      cswgen new csw-site
      cswgen new "Kigali Bank CSW" --language fr
    """
    folder = Path(one_name(ctx, [str(folder), *ctx.args],
                            "cswgen new {}" + (f" --language {language}" if language else "")))
    from cswgen.commands.new import created_lines, language_tag, new_site

    try:
        tag = language_tag(language) if language else None
    except SiteError as exc:  # a mistake in what was typed: exit status 2, as Click's own
        message = exc.problems[0].message
        raise click.BadParameter(message, param_hint="'--language'") from None
    with said.bugs_reported(ctx.obj["debug"], "new"):
        made = new_site(folder, date.today(), tag)
    for line in created_lines(folder, made, tag):
        click.echo(line)


@cli.command(short_help="Is the site ready? A report of everything to fix.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
              help="Check the site as it will be on this date (default: today).")
@DRAFTS
@DEBUG
@click.option("--strict", is_flag=True, help="Fail (exit status 1) on warnings too.")
@click.option("--format", "output_format",
              type=click.Choice(["text", "json"], case_sensitive=False),
              default="text", show_default=True, help="json: for CI pipelines.")
@click.pass_context
def check(ctx: click.Context, as_of: str | None, drafts: bool, strict: bool,
          output_format: str) -> None:
    """Check the site without publishing it: everything `cswgen build` would complain
    about, plus broken links and anchors, pictures without alt text, vague link text,
    skipped headings, unknown or repeated staff names, days without a page or events,
    and late publish dates.  Builds into a temporary folder; output/ is not touched.
    Exit status 1 when there are errors (with --strict, warnings too)."""
    from cswgen.commands.check import check as run_check
    from cswgen.commands.report import as_json, as_text

    when = as_of_date(as_of)
    root = site_root_or_exit()
    with said.bugs_reported(ctx.obj["debug"], "check"):
        report = run_check(root, as_of=when, drafts=drafts)
    failed = bool(report.errors or (strict and report.warnings))
    click.echo(as_json(report, strict=strict) if output_format == "json"
               else as_text(report, strict=strict))
    sys.exit(1 if failed else 0)


@cli.command(short_help="Write the daily staff email, as drafts ready to send.", **WORDS)
@click.argument("day", required=False)
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD",
              help="Write as of this date: days after it stay unrevealed with "
                   "reveal = \"daily\" (default: today).")
@click.option("--html", is_flag=True, help="Also write each email's HTML alone.")
@DEBUG
@click.pass_context
def email(ctx: click.Context, day: str | None, as_of: str | None, html: bool) -> None:
    """Write the staff email for DAY (a date, a weekday, a day's slug or its title), or for
    every day of the week, as drafts in email/ beside the site: email/<date>-<slug>.eml, which
    Outlook opens ready to send (Apple Mail: Message > Send Again; Thunderbird: Message >
    Edit as New Message).  cswgen sends nothing."""
    from cswgen.commands.email import email as write_email

    if day is not None:  # a weekday of two words in the site's language (Kuwa mbere)
        given = (f" --as-of {as_of}" if as_of else "") + (" --html" if html else "")
        day = one_name(ctx, [day, *ctx.args], "cswgen email {}" + given)

    when = as_of_date(as_of)
    root = site_root_or_exit()
    with said.bugs_reported(ctx.obj["debug"], "email"):
        written = write_email(root, day, as_of=when, html=html)
    said.report(written.warnings)
    for path in written.files:
        click.echo(f"Wrote {said.shown_path(path)}")


# (the summary fits the 67 columns `cswgen --help` gives it in an 80-column Terminal)
@cli.command(short_help="New testimonial, honour-roll entry, day, page, policy or home page.",
             **WORDS)
@click.argument("kind", metavar="KIND",
                type=click.Choice(["testimonial", "honour", "day", "page", "policy", "home"],
                                  case_sensitive=False))
@click.argument("title", required=False, default="")
@click.option("--date", "on", metavar="YYYY-MM-DD", help="For a day: its date, in the week.")
@click.option("--day", "weekday", metavar="WEEKDAY",
              help="For a day: its weekday, like tuesday (or in the site's language).")
@click.option("--language", metavar="TAG",
              help="Translate the existing entry named TITLE into TAG, one of [site] "
                   "languages: a file beside it, like days/monday.sw.md.")
@DEBUG
@click.pass_context
def add(ctx: click.Context, kind: str, title: str, on: str | None, weekday: str | None,
        language: str | None) -> None:
    """Write a new content file of KIND for TITLE, with every field listed and explained.
    KIND is testimonial, honour (an honour-roll entry), day, page, policy (the site's
    content/policy.md) or home (the home page's introduction, content/index.md); TITLE
    is the customer's or the person's name for a testimonial or honour-roll entry, in
    double quotes when it has spaces, and optional for the policy and the home page.
    Never overwrites a file, and refuses a name already on the site (in a CSV file or
    Excel workbook too).  A day needs --date or --day, for a date that has no day file
    yet.  With --language, the file is the translation of the entry named TITLE (or of
    the policy or home page) into one of the site's other languages.

    \b
    Examples:
      cswgen add testimonial "Rudo M."
      cswgen add honour "Farai Moyo"
      cswgen add day "Superhero Tuesday" --day tuesday
      cswgen add page "Frequently asked questions"
      cswgen add policy                        (when the site has none)
      cswgen add home                          (when the site has none)
      cswgen add day monday --language sw      (the Swahili version of an existing day)
      cswgen add policy --language sw
    """
    from cswgen.commands.add import add as run_add
    from cswgen.commands.add import misused

    given = "".join(f" {option} {value}" for option, value in
                    (("--date", on), ("--day", weekday), ("--language", language)) if value)
    title = one_name(ctx, [title, *ctx.args], f"cswgen add {kind.lower()} {{}}{given}")
    if (wrong := misused(kind, title, on, weekday, language)) is not None:
        raise click.UsageError(wrong)
    if language:
        from cswgen.commands.translate import translate

        with said.bugs_reported(ctx.obj["debug"], "add"):
            made = translate(site_root_or_exit(), kind, title, language)
        click.echo(said.shown_path(made))
        return
    when = as_of_date(on, "--date")
    root = site_root_or_exit()
    warnings: list[Problem] = []
    with said.bugs_reported(ctx.obj["debug"], "add"):
        path = run_add(root, kind, title, on=when, weekday=weekday, warnings=warnings)
    click.echo(said.shown_path(path))
    said.report(warnings)


@cli.command(short_help="Move the site to another year's week.")
@click.argument("year", type=Year())
@click.option("--yes", is_flag=True, help="Write the changes without asking first.")
@DEBUG
@click.pass_context
def redate(ctx: click.Context, year: int, yes: bool) -> None:
    """Move the site to Customer Service Week of YEAR (the first full week of October):
    [week] start and year, each day's date (keeping its weekday) and every publish date
    move by the same number of weeks.  Shows every change and asks before writing;
    nothing else in any file changes.  Afterwards it lists the lines that may still need
    a change by hand: those that name the old year, or a date of the old week in words
    ("Monday 5 October")."""
    from cswgen.commands.redate import plan, refuse, review_lines, write
    from cswgen.core.week import range_label

    root = site_root_or_exit()
    with said.bugs_reported(ctx.obj["debug"], "redate"):
        ready = plan(root, year)
    label = range_label(ready.start, ready.end)
    if not ready.changes:
        click.echo(f"Nothing to change: the site is already dated for {year}. "
                   "cswgen check lists a `publish` date or title still from an earlier year.")
        return
    for change in ready.changes:
        click.echo(str(change))
    summary = ready.summary()
    with said.bugs_reported(ctx.obj["debug"], "redate"):
        refuse(root, ready)  # (before asking: a "yes" it would then refuse is wasted)
    if not yes and not confirmed(f"Move the site to the week of {label}: write these "
                                  f"{summary}?", "add --yes to write them without asking"):
        click.echo("Nothing was changed.")
        return
    with said.bugs_reported(ctx.obj["debug"], "redate"):
        write(root, ready)
    click.echo(f"Moved the site to the week of {label}: {summary}.")
    for line in review_lines(root, ready):
        click.echo(line)


