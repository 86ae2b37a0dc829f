"""The command line as a user meets it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from cswgen.commands.new import coming_year, shift_text
from tests.helpers import REPO, MakeSite, Run, ctrl_c_as_at_a_terminal


def test_python_dash_m_and_help() -> None:
    result = subprocess.run([sys.executable, "-m", "cswgen", "--help"], capture_output=True,
                            text=True, check=True)
    assert "build" in result.stdout and "new" in result.stdout


def test_build_prints_a_summary(make_site: MakeSite, run: Run) -> None:
    site = make_site({"content/pages/about.md": "---\ntitle: About\n---\nHello\n"})
    outcome = run(site, "build", "--as-of", "2026-10-06")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.startswith("Built ")
    assert "pages" in outcome.stdout and " s into output/" in outcome.stdout
    assert (site / "output/about/index.html").is_file()


def test_bad_as_of_is_a_clear_usage_error(make_site: MakeSite, run: Run) -> None:
    outcome = run(make_site(), "build", "--as-of", "6 October")
    assert outcome.exit_code == 2
    assert "YYYY-MM-DD" in outcome.stderr
    assert "Traceback" not in outcome.stderr



# `--as-of “2026-10-06”`, pasted from the team's Word notes into a Mac's Terminal (where
# those quotes are characters, not quotes), was "not a date" to every command but `add`
@pytest.mark.parametrize("args", [
    ("build", "--as-of", "“2026-10-06”"),
    ("build", "--as-of=“2026-10-06”", "--debug"),  # (--debug: read by Click, not `__main__`)
    ("check", "--as-of", "‘2026-10-06’", "--format", "“json”"),
    ("email", "tuesday", "--as-of", "“2026-10-06”"),
    ("publish", "../published", "--as-of", "“2026-10-06”"),
])
def test_a_date_pasted_in_word_s_quotes_is_read_without_them(make_site: MakeSite, run: Run,
                                                             args: tuple[str, ...]) -> None:
    site = make_site({"content/days/tuesday.md": "---\ntitle: Tuesday\nday: tuesday\n---\n",
                      "content/pages/soon.md": "---\ntitle: Soon\npublish: 2026-10-06\n---\n"})
    outcome = run(site, *args)
    assert outcome.exit_code == 0, outcome.stderr
    assert "not a date" not in outcome.stderr
    if args[0] == "build":  # (as of that date: the page it publishes is there)
        assert (site / "output/soon/index.html").is_file()


def test_serve_reads_values_pasted_in_word_s_quotes(make_site: MakeSite, run: Run,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    served: dict[str, object] = {}
    monkeypatch.setattr("cswgen.commands.serve.run",
                        lambda root, **given: served.update(given))
    outcome = run(make_site(), "serve", "--port", "“8001”", "--as-of", "“2026-10-06”",
                  "--host", "‘127.0.0.1’")
    assert outcome.exit_code == 0, outcome.stderr
    assert served == {"host": "127.0.0.1", "port": 8001, "open_browser": False,
                      "as_of": date(2026, 10, 6), "drafts": False}


def test_redate_reads_a_year_pasted_in_word_s_quotes(make_site: MakeSite, run: Run) -> None:
    outcome = run(make_site(), "redate", "“2027”", "--yes")
    assert outcome.exit_code == 0, outcome.stderr
    assert "Moved the site to the week of 4–8 October 2027" in outcome.stdout

@pytest.mark.parametrize("args", [("build",), ("check",), ("serve",), ("redate", "2027"),
                                  ("add", "page", "About"), ("build", "--debug")])
def test_outside_a_site_every_command_says_so_once(tmp_path: Path, run: Run,
                                                  args: tuple[str, ...]) -> None:
    outcome = run(tmp_path, *args)
    assert outcome.exit_code == 1
    assert outcome.stdout == ""
    assert outcome.lines == [
        f"{tmp_path}: this folder is not a cswgen site: there is no config.toml in it or in a "
        "folder above it. Start a new site with `cswgen new mysite`, or cd into your site's "
        "folder (the one with config.toml) and run the command there"]


def test_debug_works_after_the_command_too(
        make_site: MakeSite, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    import cswgen.commands.build

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cswgen.commands.build, "build", broken)
    site = make_site()
    quiet = run(site, "build")
    assert quiet.exit_code == 2
    assert "Run again with `cswgen build --debug`" in quiet.stderr
    for args in (("--debug", "build"), ("build", "--debug")):
        with pytest.raises(RuntimeError, match="a bug"):
            run(site, *args)
    for command in ("new", "build", "serve", "check", "add", "redate"):
        assert "--debug" in run(site, command, "--help").stdout, command


def test_redate_asks_for_a_year_in_words_a_user_knows(make_site: MakeSite, run: Run) -> None:
    outcome = run(make_site(), "redate", "abc")
    assert outcome.exit_code == 2
    year = coming_year(date.today())
    assert f'Invalid value for \'YEAR\': "abc" is not a year; give the year to move the site ' \
        f"to, like {year}" in outcome.stderr
    assert "integer" not in outcome.stderr


def test_add_help_names_the_kinds(make_site: MakeSite, run: Run) -> None:
    shown = run(make_site(), "add", "--help").stdout
    assert shown.startswith("Usage: cli add [OPTIONS] KIND [TITLE]\n")  # (cswgen, when installed)
    assert ("KIND is testimonial, honour (an honour-roll entry), day, page, policy (the "
            "site's content/policy.md) or home (the home page's introduction, "
            "content/index.md)") in " ".join(shown.split())



def test_serve_help_says_how_a_colleague_s_phone_can_see_the_preview(make_site: MakeSite,
                                                                     run: Run) -> None:
    """It said "any but 127.0.0.1 lets other computers see the preview", which left a
    communications officer to guess which address to type (the README says 0.0.0.0)."""
    shown = " ".join(run(make_site(), "serve", "--help").stdout.split())
    assert ("--host ADDRESS The address to serve on: 0.0.0.0 lets phones and other computers "
            "on your network see the preview, at the address the terminal then gives.") in shown


def test_the_summary_of_add_names_every_kind(tmp_path: Path, run: Run,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # (it said "testimonial, honour-roll entry, day or page" after it added the policy and
    # the home page too); on one line of an 80-column Terminal
    monkeypatch.setenv("COLUMNS", "80")
    assert ("\n  add      New testimonial, honour-roll entry, day, page, policy or home "
            "page.\n") in run(tmp_path, "--help").stdout

def _examples(help_text: str) -> list[list[str]]:
    """The commands under "Examples:" in a --help, as a shell splits them (a note in
    brackets after one left out)."""
    import shlex

    lines = help_text.split("Examples:", 1)[1].splitlines()
    return [shlex.split(line.strip().split("  (")[0])[1:] for line in lines
            if line.strip().startswith("cswgen ")]


def test_the_examples_in_new_and_add_help_run_as_shown(tmp_path: Path, run: Run) -> None:
    for example in _examples(run(tmp_path, "new", "--help").stdout):
        outcome = run(tmp_path, *example)
        assert outcome.exit_code == 0, (example, outcome.stderr)
    assert (tmp_path / "Kigali Bank CSW/config.toml").is_file()
    site = tmp_path / "Kigali Bank CSW"
    config = (site / "config.toml").read_text("utf-8")
    (site / "config.toml").write_text(config.replace('language = "fr"', 'language = "fr"\n'
                                                     'languages = ["fr", "sw"]'), "utf-8")
    (site / "content/days/tuesday.md").unlink()
    (site / "content/honour-roll/farai-moyo.md").unlink()
    (site / "content/policy.md").unlink()
    (site / "content/index.md").unlink()
    for example in _examples(run(site, "add", "--help").stdout):
        outcome = run(site, *example)
        assert outcome.exit_code == 0, (example, outcome.stderr)


def test_dates_in_help_and_errors_are_written_as_users_write_them(
        make_site: MakeSite, run: Run) -> None:
    site = make_site({"config.toml": "[site]\ntitle = \"T\"\n[week]\nyear = 2027\n"})
    for command in ("build", "serve", "check"):
        shown = " ".join(run(site, command, "--help").stdout.split())
        assert "--as-of YYYY-MM-DD" in shown, command
    assert "--date YYYY-MM-DD" in run(site, "add", "--help").stdout
    outcome = run(site, "build", "--as-of", "October")
    assert 'Invalid value for \'--as-of\': "October" is not a date; write it as YYYY-MM-DD ' \
        "(year, month, day), like 2027-10-05" in outcome.stderr  # a day of this site's week
    added = run(site, "add", "day", "Fun", "--date", "05/10/2027")  # which option is wrong
    assert added.exit_code == 2
    assert 'Invalid value for \'--date\': "05/10/2027" is not a date' in added.stderr
    elsewhere = run(site.parent, "build", "--as-of", "6 October")
    assert 'is not a date; write it as YYYY-MM-DD (year, month, day)\n' in elsewhere.stderr


def test_new_copies_the_demo_dated_for_the_coming_week(tmp_path: Path, run: Run) -> None:
    outcome = run(tmp_path, "new", "mysite")
    assert outcome.exit_code == 0, outcome.stderr
    site = tmp_path / "mysite"
    year = coming_year(date.today())
    config = (site / "config.toml").read_text("utf-8")
    assert f"year = {year}" in config
    assert (site / "content/policy.md").is_file()
    built = run(site, "build", "--as-of", f"{year}-10-01")
    assert built.exit_code == 0, built.stderr
    assert (site / "output/index.html").is_file()


def test_new_never_overwrites(tmp_path: Path, run: Run) -> None:
    (tmp_path / "mysite").mkdir()
    (tmp_path / "mysite/notes.txt").write_text("mine")
    outcome = run(tmp_path, "new", "mysite")
    assert outcome.exit_code == 1
    assert "not empty" in outcome.stderr
    assert (tmp_path / "mysite/notes.txt").read_text() == "mine"
    here = run(tmp_path / "mysite", "new", ".")  # not ".: already exists"
    assert here.exit_code == 1
    assert here.stderr == (f"{(tmp_path / 'mysite').resolve()}: the folder you are in has "
                           "files in it, and cswgen new never overwrites anything; give it a "
                           "new folder's name, like cswgen new csw-site\n")


def test_new_on_a_file_says_it_is_a_file(tmp_path: Path, run: Run) -> None:
    """Not "already exists and is not empty", which sends the user to look inside it."""
    (tmp_path / "notes").write_text("mine")
    outcome = run(tmp_path, "new", "notes")
    assert outcome.exit_code == 1
    assert "notes: is a file, not a folder; cswgen new never overwrites anything" \
        in outcome.stderr
    assert (tmp_path / "notes").read_text() == "mine"


def test_coming_year_rolls_over_after_the_week() -> None:
    assert coming_year(date(2026, 10, 9)) == 2026  # the Friday of the week
    assert coming_year(date(2026, 10, 10)) == 2027
    assert coming_year(date(2026, 11, 22)) == 2027
    assert coming_year(date(2027, 1, 5)) == 2027


def test_redating_keeps_weekdays() -> None:
    # 2026's week starts Monday 5 October, 2027's Monday 4 October: 52 weeks later
    from cswgen.core.week import first_full_week_of_october

    offset = first_full_week_of_october(2027) - first_full_week_of_october(2026)
    moved = shift_text("date: 2026-10-06\ntitle: CSW 2026\n", offset, 2027)
    assert moved == "date: 2027-10-05\ntitle: CSW 2027\n"
    assert date(2027, 10, 5).weekday() == date(2026, 10, 6).weekday()


def test_demo_ships_with_the_package() -> None:
    from cswgen.commands.new import demo_dir
    from cswgen.read.themes import builtin_themes_dir

    assert (demo_dir() / "config.toml").is_file()
    assert (builtin_themes_dir() / "classic" / "templates").is_dir()
    assert REPO.is_dir()


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", readme, re.S)
    assert len(blocks) >= 2
    install_and_build, run_tests = blocks[0], blocks[1]
    assert "cswgen build" in install_and_build
    assert run_tests in (REPO / ".ci/run").read_text("utf-8").splitlines()


def _cron_matches(expression: str, when: datetime) -> bool:
    """Whether a five-field cron expression (numbers, `*`, ranges, lists) runs at `when`."""
    def field(text: str, value: int) -> bool:
        for part in text.split(","):
            low, _, high = part.partition("-")
            if part == "*" or int(low) <= value <= int(high or low):
                return True
        return False

    minute, hour, day, month, weekday = expression.split()
    return (field(minute, when.minute) and field(hour, when.hour) and field(day, when.day)
            and field(month, when.month) and field(weekday, (when.weekday() + 1) % 7))


@pytest.mark.parametrize("zone", ["America/Bogota", "America/Los_Angeles", "Africa/Harare",
                                  "Europe/London", "Asia/Tokyo", "Pacific/Auckland",
                                  "Australia/Perth"])
@pytest.mark.parametrize("monday", [date(2026, 10, 5), date(2029, 10, 1)])
def test_the_readmes_github_schedule_reveals_each_day_on_its_morning(zone: str,
                                                                     monday: date) -> None:
    """GitHub runs a schedule by UTC, and `cswgen publish` reveals the day it is in the
    site's time zone: "03:00 UTC on weekdays" is 22:00 the evening before in Bogotá, so
    each day appeared at night and Friday never did.  Copied as it is, the README's job
    reveals every day of the week before 08:00 where the site is, in a week that starts
    on 1 October too (east of UTC, its midnight is on 30 September in UTC: "hourly in
    October" revealed Monday at 08:05 in Perth)."""
    from zoneinfo import ZoneInfo

    readme = (REPO / "README.md").read_text("utf-8")
    schedule = re.search(r"schedule: \[(.+)\]", readme)
    assert schedule, "the README's GitHub Actions job has no schedule"
    crons = re.findall(r'\{ cron: "([^"]+)" \}', schedule.group(1))
    assert crons, schedule.group(0)
    start = datetime(monday.year, monday.month, monday.day, tzinfo=UTC) - timedelta(days=2)
    runs = [when.astimezone(ZoneInfo(zone)) for minute in range(9 * 1440)
            if any(_cron_matches(cron, when := start + timedelta(minutes=minute))
                   for cron in crons)]
    for day in (monday + timedelta(days=n) for n in range(5)):
        assert [r for r in runs if r.date() == day and r.hour < 8], f"{zone}: {day}"


def test_build_works_from_inside_the_site(make_site: MakeSite, run: Run) -> None:
    site = make_site({"content/days/monday.md": "---\ntitle: Hi\nday: mon\n---\n",
                      "content/.htaccess": "ErrorDocument 404 /404.html\n",
                      "content/.env": "SECRET=1\n",
                      "content/.well-known/security.txt": "Contact: mailto:a@b.example\n"})
    outcome = run(site / "content" / "days", "build", "--as-of", "2026-10-05")
    assert outcome.exit_code == 0, outcome.stderr
    assert (site / "output/days/monday/index.html").is_file()
    assert (site / "output/.htaccess").is_file()
    assert (site / "output/.well-known/security.txt").is_file()
    assert not (site / "output/.env").exists()


def test_cswgen_build_as_a_process_says_what_it_did_and_ends_with_its_status(
        make_site: MakeSite) -> None:
    """`cswgen build` ends its process at once when done (see `cswgen.__main__`): what it
    printed arrives whole, and the exit status is the build's: 0 built, 1 failed (every
    problem said, no traceback), 2 a usage error."""
    site = make_site({"content/pages/about.md": "---\ntitle: About\n---\nHello\n"})

    # (its output to pipes, buffered as a user's terminal log or CI would have it)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}

    def build(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cswgen", "build", *args], cwd=site,
                              capture_output=True, text=True, timeout=120, env=env)

    # --drafts: not answered from the stamp, so built again: nothing changed
    for args in (("--as-of", "2026-10-06"), ("--as-of", "2026-10-06", "--drafts")):
        built = build(*args)
        assert built.returncode == 0, built.stderr
        assert built.stdout.startswith("Built ") and built.stdout.endswith(")\n")
    (site / "content/pages/about.md").write_text("---\ntitle: [About\n---\nHello\n", "utf-8")
    failed = build("--as-of", "2026-10-06", "--drafts")
    assert failed.returncode == 1, failed.stderr
    assert "content/pages/about.md:2:" in failed.stderr and "Build failed: 1 error" in failed.stderr
    assert "Traceback" not in failed.stderr and failed.stdout == ""
    usage = build("--as-of", "6 October", "--drafts")
    assert usage.returncode == 2 and "YYYY-MM-DD" in usage.stderr


def test_a_plain_build_runs_without_click_and_says_what_click_would(
        make_site: MakeSite, tmp_path: Path) -> None:
    """`cswgen build` with only --as-of, --drafts, --portable or --output is run without
    loading Click (a twentieth of a rebuild at 10,000 entries): same words, same status."""
    site = make_site({"content/pages/about.md": "---\ntitle: [About\n---\nHello\n"})
    blocked = tmp_path / "no-click"
    (blocked / "click").mkdir(parents=True)
    (blocked / "click" / "__init__.py").write_text("raise ImportError('Click was loaded')\n")
    without_click = dict(os.environ, PYTHONPATH=os.pathsep.join([str(blocked), str(REPO)]))

    def build(*args: str, env: dict[str, str] | None = None,
              where: Path = site) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "cswgen", "build", *args], cwd=where,
                              capture_output=True, text=True, timeout=120, env=env)

    plain = build("--as-of", "2026-10-06", env=without_click)
    clicked = build("--as-of", "2026-10-06", "--debug")  # (--debug: read by Click)
    assert plain.returncode == clicked.returncode == 1
    assert plain.stderr == clicked.stderr and "content/pages/about.md:2:" in plain.stderr
    outside = build("--drafts", env=without_click, where=tmp_path)
    assert outside.returncode == 1 and outside.stderr == build("--drafts", "--debug",
                                                               where=tmp_path).stderr
    (site / "content/pages/about.md").write_text("---\ntitle: About\n---\nHello\n", "utf-8")
    built = build("--as-of", "2026-10-06", "--portable", "--output", "public",
                  env=without_click)
    assert built.returncode == 0, built.stderr
    assert built.stdout.startswith("Built ") and " into public/ " in built.stdout
    assert (site / "public/about/index.html").is_file()


BUILD_STOPPED = "Stopped. Nothing was written; the output folder is as it was."


@pytest.mark.parametrize(("args", "after", "said"), [
    (["build"], 0.0, BUILD_STOPPED),
    (["build"], 0.3, BUILD_STOPPED),
    (["build"], 0.8, BUILD_STOPPED),
    (["build", "--debug"], 0.3, BUILD_STOPPED),  # (read by Click, not by `__main__`)
    (["check"], 0.3, "Stopped. Nothing was changed."),
    (["publish", "../published"], 0.3, "Stopped. Nothing was published."),
])
def test_ctrl_c_during_a_build_stops_it_with_no_trace_and_no_traceback(
        make_site: MakeSite, args: list[str], after: float, said: str) -> None:
    """Ctrl-C while `cswgen build` works (`after` seconds into its work: reading,
    converting, rendering): a sentence that says what it left, status 130 as for any
    command a user stops (as `cswgen publish` says it), the output folder as the last
    build left it, and no helper process left behind (one that outlived the build once
    kept the terminal's pipes open: the command never returned)."""
    import signal
    import time

    files = {f"content/testimonials/t{i:03d}.md":
             f"---\ncustomer: Customer {i}\n---\n" + "Thank you for your help. " * 800 + "\n"
             for i in range(600)}  # (seconds of converting on a fast two-core machine)
    site = make_site(files)
    first = [sys.executable, "-m", "cswgen", "build", "--as-of", "2026-10-06"]
    assert subprocess.run(first, cwd=site, capture_output=True, timeout=300).returncode == 0
    command = [sys.executable, "-m", "cswgen", *args, "--as-of", "2026-10-06"]
    before = {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()}
    for name in files:  # every body changed: the next build has minutes of work
        (site / name).write_text(files[name].replace("help", "patience"), "utf-8")
    process = subprocess.Popen(command, cwd=site, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True,
                               preexec_fn=ctrl_c_as_at_a_terminal)
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not (children.exists() and children.read_text()):
        time.sleep(0.01)  # (until it forks its first helper: it is at work by then)
    time.sleep(after)
    helpers = children.read_text().split() if children.exists() else []
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in helpers):
        time.sleep(0.05)  # (an orphan is reaped by init once it ends)
    assert not [pid for pid in helpers if Path(f"/proc/{pid}").exists()]
    assert stderr.endswith(f"\n{said}\n") and "Traceback" not in stderr and stdout == ""
    assert "Aborted" not in stderr and not (site.parent / "published").exists()
    assert {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()} == before


def test_ctrl_c_just_after_the_output_is_written_does_not_say_it_was_not(
        make_site: MakeSite) -> None:
    """Ctrl-C in the moment after a build put its new output in place, while it keeps its
    records for the next build: the output is the new one, so the sentence says so (not
    "nothing was written"), status 130; the next build goes on from there.  The signal is a
    real one, sent as the build starts keeping its records."""
    site = make_site({"content/pages/about.md": "---\ntitle: About\n---\nHello\n"})
    build = [sys.executable, "-m", "cswgen", "build", "--as-of", "2026-10-06"]
    assert subprocess.run(build, cwd=site, capture_output=True, timeout=300).returncode == 0
    (site / "content/pages/about.md").write_text("---\ntitle: About\n---\nHello again\n",
                                                 "utf-8")
    script = (
        "import os, signal, sys\n"
        "import cswgen.commands.build as build\n"
        "from cswgen.__main__ import main\n"
        "keep = build.keep_steps\n"
        "def stopped_here(*args, **kwargs):\n"
        "    os.kill(os.getpid(), signal.SIGINT)\n"
        "    return keep(*args, **kwargs)\n"
        "build.keep_steps = stopped_here\n"
        "sys.argv = ['cswgen', 'build', '--as-of', '2026-10-06']\n"
        "main()\n")
    stopped = subprocess.run([sys.executable, "-c", script], cwd=site, capture_output=True,
                             text=True, timeout=300, env=dict(os.environ, PYTHONPATH=str(REPO)),
                             preexec_fn=ctrl_c_as_at_a_terminal)
    assert stopped.returncode == 130, stopped.stderr
    assert stopped.stderr.endswith("\nStopped, just after the new site was written to the "
                                   "output folder; it is complete, and the next build "
                                   "finishes what this one left.\n"), stopped.stderr
    assert "Nothing was written" not in stopped.stderr and "Traceback" not in stopped.stderr
    assert "Hello again" in (site / "output/about/index.html").read_text("utf-8")
    again = subprocess.run(build, cwd=site, capture_output=True, text=True, timeout=300)
    assert again.returncode == 0 and again.stdout.startswith("Built "), again.stderr


def test_ctrl_c_that_python_drops_on_the_way_still_stops_the_build() -> None:
    """Python drops a KeyboardInterrupt raised inside a `__del__` or a weakref callback,
    printing "Exception ignored in" (CI met it: the build went on and replaced the output).
    Once watched, such a Ctrl-C is remembered, kept out of the terminal, and raised again
    where the build checks for it (before its output is put in place)."""
    script = (
        "import os, signal, sys\n"
        "from cswgen.core import interrupt\n"
        "watch = sys.argv[1] == 'watch'\n"
        "if watch:\n"
        "    interrupt.watch()\n"
        "class Dropping:\n"
        "    def __del__(self):\n"
        "        os.kill(os.getpid(), signal.SIGINT)\n"
        "        sum(range(100000))  # (the handler runs in here, and its raise is dropped)\n"
        "Dropping()\n"
        "try:\n"
        "    interrupt.check()\n"
        "except KeyboardInterrupt:\n"
        "    print('stopped')\n"
        "else:\n"
        "    print('went on')\n")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    watched = subprocess.run([sys.executable, "-c", script, "watch"], capture_output=True,
                             text=True, timeout=60, env=env,
                             preexec_fn=ctrl_c_as_at_a_terminal)
    assert (watched.stdout, watched.stderr) == ("stopped\n", "")
    unwatched = subprocess.run([sys.executable, "-c", script, "plain"], capture_output=True,
                               text=True, timeout=60, env=env,
                               preexec_fn=ctrl_c_as_at_a_terminal)
    assert unwatched.stdout == "went on\n" and "Exception ignored" in unwatched.stderr
