"""`cswgen redate YEAR`: only the week's dates move; every other byte stays."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cswgen.cli import cli
from tests.helpers import REPO, MakeSite, Run, ctrl_c_at_a_question, snapshot


def answer(site: Path, reply: str, *args: str) -> Result:
    old = Path.cwd()
    os.chdir(site)
    try:
        return CliRunner().invoke(cli, ["redate", *args], input=reply)
    finally:
        os.chdir(old)


def test_redate_moves_the_demo_and_keeps_every_other_byte(tmp_path: Path, run: Run) -> None:
    site = tmp_path / "demo"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "config.toml", site / "config.toml")
    before = snapshot(site)
    outcome = run(site, "redate", "2027", "--yes")
    assert outcome.exit_code == 0, outcome.stderr
    listed = [line for line in outcome.stdout.splitlines() if " -> " in line]
    assert listed == [
        "config.toml:22: 2026-10-05 -> 2027-10-04",
        "config.toml:23: 2026 -> 2027",
        "content/days/friday.md:3: 2026-10-09 -> 2027-10-08",
        "content/days/monday.md:3: 2026-10-05 -> 2027-10-04",
        "content/testimonials/ashley-t.md:9: 2026-10-07 -> 2027-10-06",
    ]
    assert "Moved the site to the week of 4–8 October 2027: 5 changes in 4 files." \
        in outcome.stdout
    after = snapshot(site)
    # (the demo's lines to review are more than a screen holds: listed in their own file)
    assert after.keys() - before.keys() == {"cswgen-redate-review.txt"}
    assert after.keys() >= before.keys()
    changed = {line.split(":")[0]: [] for line in listed}  # type: dict[str, list[int]]
    for line in listed:
        path, number, _ = line.split(":", 2)
        changed[path].append(int(number))
    for path, old in before.items():
        new = after[path]
        if path not in changed:
            assert new == old, path
            continue
        old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
        assert len(old_lines) == len(new_lines)
        differ = [i + 1 for i, (a, b) in enumerate(zip(old_lines, new_lines, strict=True))
                  if a != b]
        assert differ == changed[path], path
    built = run(site, "build", "--as-of", "2027-10-05")
    assert built.exit_code == 0, built.stderr
    ics = (site / "output/week.ics").read_text("utf-8")
    assert "DTSTART;TZID=Africa/Harare:20271004T" in ics or "20271004" in ics
    assert "20271008" in ics and "2026100" not in ics


def test_line_endings_quotes_comments_toml_and_csv_are_kept(make_site: MakeSite, run: Run) -> None:
    day = ("\ufeff---\r\ntitle: Opening\r\ndate: \"2026-10-05\"   # first day, 2026-10-05\r\n"
           "publish: 2026-9-28\r\n---\r\nHello 2026-10-05.\r\n")
    toml_day = "+++\ntitle = \"Close\"\ndate = 2026-10-09\n+++\nBye.\n"
    rows = ("customer,text,publish,date\r\n"
            "Ana,\"Line one,\r\nline \"\"two\"\" 2026-10-06\",2026-10-06,2026-09-01\r\n"
            "Ben,Short,,2026-09-02\r\n")
    site = make_site({"config.toml": "[site]\ntitle = \"T\"\r\n[week]\r\nyear = 2026\r\n",
                      "content/days/mon.md": day.encode("utf-8"),
                      "content/days/fri.md": toml_day,
                      "content/testimonials/more.csv": rows.encode("utf-8")})
    outcome = run(site, "redate", "2027", "--yes")
    assert outcome.exit_code == 0, outcome.stderr
    assert (site / "content/days/mon.md").read_bytes() == day.replace(
        "\"2026-10-05\"", "\"2027-10-04\"").replace("2026-9-28", "2027-09-27").encode("utf-8")
    assert (site / "content/days/fri.md").read_text("utf-8") == toml_day.replace(
        "2026-10-09", "2027-10-08")
    assert (site / "content/testimonials/more.csv").read_bytes() == rows.replace(
        ",2026-10-06,", ",2027-10-05,").encode("utf-8")
    assert (site / "config.toml").read_bytes() == \
        b"[site]\ntitle = \"T\"\r\n[week]\r\nyear = 2027\r\n"
    assert "content/testimonials/more.csv:3: 2026-10-06 -> 2027-10-05" in outcome.stdout
    assert run(site, "build", "--as-of", "2027-10-05").exit_code == 0


def test_redate_asks_first(make_site: MakeSite) -> None:
    site = make_site({"content/days/mon.md": "---\ntitle: Hi\ndate: 2026-10-05\n---\n"})
    before = snapshot(site)
    declined = answer(site, "n\n", "2027")
    assert "content/days/mon.md:3: 2026-10-05 -> 2027-10-04" in declined.stdout
    assert "write these 2 changes in 2 files? [y/N]" in declined.stdout
    assert "Nothing was changed." in declined.stdout
    assert snapshot(site) == before
    accepted = answer(site, "y\n", "2027")
    assert accepted.exit_code == 0
    assert "date: 2027-10-04" in (site / "content/days/mon.md").read_text("utf-8")


def test_nothing_to_do_and_a_site_without_a_year(make_site: MakeSite, run: Run) -> None:
    site = make_site({"config.toml": "[site]\ntitle = \"T\"\n\n[week]\ntheme = \"Go\"\n"})
    outcome = run(site, "redate", "2030", "--yes")
    assert outcome.exit_code == 0, outcome.stderr
    assert "config.toml:5: (no [week] year) -> year = 2030" in outcome.stdout
    assert (site / "config.toml").read_text("utf-8") == \
        "[site]\ntitle = \"T\"\n\n[week]\nyear = 2030\ntheme = \"Go\"\n"
    again = run(site, "redate", "2030", "--yes")
    assert again.stdout.strip() == (
        "Nothing to change: the site is already dated for 2030. cswgen check lists a "
        "`publish` date or title still from an earlier year.")


def test_redate_again_after_an_editor_put_last_years_date_back(make_site: MakeSite,
                                                               run: Run) -> None:
    # Rudo ran redate 2027, then saved grace.md from her editor with 2026's publish date,
    # and runs redate 2027 again: it has nothing to move, and says where to look
    site = make_site({"config.toml": "[site]\ntitle = \"T\"\n\n[week]\nyear = 2026\n",
                      "content/testimonials/grace.md": "---\ncustomer: Grace\npublish: "
                                                       "2026-10-06\n---\nThanks\n"})
    grace = site / "content/testimonials/grace.md"
    saved = grace.read_bytes()
    assert run(site, "redate", "2027", "--yes").exit_code == 0
    grace.write_bytes(saved)
    again = run(site, "redate", "2027", "--yes")
    assert again.exit_code == 0 and "cswgen check lists" in again.stdout
    checked = run(site, "check", "--as-of", "2027-09-01")
    assert ("content/testimonials/grace.md:3: warning: `publish` is 2026-10-06, a date of "
            "2026, so this is online already") in checked.stdout
    assert "change it to 2027-10-05 (the same day, 2027)" in checked.stdout


def test_a_site_with_errors_is_not_redated(make_site: MakeSite, run: Run) -> None:
    site = make_site({"content/days/mon.md": "---\ntitle: Hi\ndate: 2026-10-12\n---\n",
                      "content/days/tue.md": "---\ntitle: Hi\ndate: 2026-10-06\n---\n"})
    before = snapshot(site)
    outcome = run(site, "redate", "2027", "--yes")
    assert outcome.exit_code == 1
    assert outcome.stderr.startswith("content/days/mon.md:3: 2026-10-12")
    assert "Nothing was changed" in outcome.stderr
    assert snapshot(site) == before


def test_a_new_file_from_cswgen_add_does_not_stop_redate(make_site: MakeSite, run: Run) -> None:
    # `cswgen add` writes `publish:` with nothing after it: no date, nothing to move
    site = make_site({"content/days/mon.md": "---\ntitle: Hi\ndate: 2026-10-05\n---\n"})
    assert run(site, "add", "testimonial", "Thandi N.").exit_code == 0
    assert run(site, "add", "day", "Superhero Tuesday", "--day", "tue").exit_code == 0
    assert run(site, "add", "honour", "Farai Moyo").exit_code == 0
    outcome = run(site, "redate", "2027", "--yes")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stderr == ""
    assert [line for line in outcome.stdout.splitlines() if " -> " in line] == [
        "config.toml:6: 2026 -> 2027", "content/days/mon.md:3: 2026-10-05 -> 2027-10-04"]
    assert "\npublish:          #" in (site / "content/testimonials/thandi-n.md").read_text()
    assert run(site, "build", "--as-of", "2027-10-05").exit_code == 0


def test_every_date_redate_cannot_move_is_listed_in_one_run(make_site: MakeSite, run: Run) -> None:
    site = make_site({
        "content/days/mon.md": "---\ntitle: Hi\ndate: 2026-10-05\n---\n",
        "content/pages/a.md": "---\ntitle: A\npublish:\n  2026-10-01\n---\n",
        "content/pages/b.md": "---\ntitle: B\npublish: \"\"\n---\n",
        "content/pages/c.md": "---\ntitle: C\npublish: !!timestamp 2026-10-01\n---\n",
        "content/pages/d.md": "---\ntitle: D\npublish: ~  # not yet\n---\n"})
    before = snapshot(site)
    outcome = run(site, "redate", "2027", "--yes")
    assert outcome.exit_code == 1
    assert outcome.stderr.splitlines() == [
        "content/pages/a.md:3: cannot find the date of `publish` here; write it as YYYY-MM-DD "
        "on the same line as its name, like publish: 2026-10-07",
        "content/pages/c.md:3: cannot find the date of `publish` here; write it as YYYY-MM-DD "
        "on the same line as its name, like publish: 2026-10-07",
        "content: cswgen redate moved nothing, so that the site is not left half in one year "
        "and half in the other; fix the lines above, then run it again"]
    assert snapshot(site) == before


def test_lines_left_to_review_are_listed_whole(make_site: MakeSite, run: Run) -> None:
    pages = {f"content/pages/p{n}.md": f"---\ntitle: Page {n}\n---\nSee you on Tuesday 6 "
             f"October{' 2026' if n % 2 else ''}.\n" for n in range(6)}
    site = make_site({**pages, "content/pages/keep.md": "---\ntitle: K\n---\nCall 4100.\n",
                      "content/pages/story.md": "---\ntitle: S\n---\nOn 2 June we met.\n"})
    outcome = run(site, "redate", "2027", "--yes")
    assert outcome.exit_code == 0, outcome.stderr
    tail = outcome.stdout.split("Moved the site to the week of 4–8 October 2027: ")[1]
    assert tail.splitlines()[1:] == [
        "Only dates in fields were moved. 6 lines still name 2026 or a date of 2026 in "
        "words; review them, then run cswgen check:",
        *[f"  content/pages/p{n}.md:4: See you on Tuesday 6 October{' 2026' if n % 2 else ''}."
          for n in range(6)]]


def test_a_very_long_review_list_goes_to_a_file(make_site: MakeSite, run: Run) -> None:
    rows = "".join(f"Customer {n},Thanks for 2026,2026-09-01\n" for n in range(50))
    site = make_site({"content/testimonials/survey.csv": "customer,text,date\n" + rows})
    outcome = run(site, "redate", "2027", "--yes")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.splitlines()[-1] == (
        "Only dates in fields were moved. 50 lines still name 2026 or a date of 2026 in "
        "words; they are listed in cswgen-redate-review.txt (one `file:line: text` a line): "
        "review them, then run cswgen check.")
    listed = (site / "cswgen-redate-review.txt").read_text("utf-8").splitlines()
    assert listed[0] == "content/testimonials/survey.csv:2: Customer 0,Thanks for 2026,2026-09-01"
    assert len(listed) == 50


def test_a_review_file_with_the_teams_notes_is_never_written_over(make_site: MakeSite,
                                                                    run: Run) -> None:
    """Last year's list, ticked off line by line in the file: this year's goes beside it."""
    rows = "".join(f"Customer {n},Thanks for 2026,2026-09-01\n" for n in range(50))
    site = make_site({"content/testimonials/survey.csv": "customer,text,date\n" + rows})
    noted = "content/pages/a.md:3: Welcome to CSW 2025  -- checked, Rudo\n"
    (site / "cswgen-redate-review.txt").write_text(noted, "utf-8")
    outcome = run(site, "redate", "2027", "--yes")
    assert outcome.exit_code == 0, outcome.stderr
    assert "they are listed in cswgen-redate-review-2.txt" in outcome.stdout.splitlines()[-1]
    assert (site / "cswgen-redate-review.txt").read_text("utf-8") == noted
    assert len((site / "cswgen-redate-review-2.txt").read_text("utf-8").splitlines()) == 50


def test_a_review_file_that_cannot_be_written_is_listed_instead(make_site: MakeSite,
                                                                run: Run) -> None:
    # the site has moved by then: "Nothing was changed" would be untrue
    rows = "".join(f"Customer {n},Thanks for 2026,2026-09-01\n" for n in range(50))
    site = make_site({"content/testimonials/survey.csv": "customer,text,date\n" + rows})
    (site / "cswgen-redate-review.txt").mkdir()  # in the way, as a file locked open would be
    outcome = run(site, "redate", "2027", "--yes")
    assert outcome.exit_code == 0, outcome.stderr
    lines = outcome.stdout.splitlines()
    assert "50 lines still name 2026" in lines[-51] and lines[-51].endswith("run cswgen check:")
    assert lines[-50] == ("  content/testimonials/survey.csv:2: Customer 0,Thanks for 2026,"
                          "2026-09-01")
    assert "Nothing was changed" not in outcome.stderr


def test_redate_without_a_terminal_says_nothing_was_changed(make_site: MakeSite) -> None:
    # `cswgen redate 2027 < /dev/null`, as in a script: the question gets no answer
    site = make_site({"content/days/mon.md": "---\ntitle: Hi\ndate: 2026-10-05\n---\n"})
    before = snapshot(site)
    outcome = answer(site, "", "2027")
    assert outcome.exit_code == 1
    assert "content/days/mon.md:3: 2026-10-05 -> 2027-10-04" in outcome.stdout
    assert outcome.stderr.strip() == ("Nothing was changed: there was no answer (no one at a "
                                      "terminal to ask); add --yes to write them without "
                                      "asking.")
    assert "Aborted" not in outcome.output
    assert snapshot(site) == before


def test_ctrl_c_at_the_question_says_nothing_was_changed(make_site: MakeSite) -> None:
    """At a terminal, Ctrl-C is the user's answer, not "no one at a terminal to ask"."""
    site = make_site({"content/days/mon.md": "---\ntitle: Hi\ndate: 2026-10-05\n---\n"})
    before = snapshot(site)
    code, said = ctrl_c_at_a_question([sys.executable, "-m", "cswgen", "redate", "2027"],
                                      site, b"[y/N]")
    assert code == 130, said
    assert said.endswith("\nStopped. Nothing was changed.\n"), said
    assert "no one at a terminal" not in said and "Aborted" not in said
    assert snapshot(site) == before


def test_ctrl_c_while_redate_writes_leaves_no_half_written_copy(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C while redate writes its new copies beside the files (before any is swapped
    in): every file as it was, and no copy left beside one.  (The Ctrl-C is raised where
    the signal lands: inside the writing of the third copy.)"""
    from cswgen.commands import redate

    site = tmp_path / "site"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "config.toml", site / "config.toml")
    before = snapshot(site)
    plan = redate.plan(site, 2027)
    assert len(plan.files) > 3
    written: list[Path] = []
    from cswgen.core.files import write_beside as original

    def interrupted(path: Path, data: bytes, **options: object) -> Path:
        if len(written) == 2:
            raise KeyboardInterrupt
        written.append(path)
        return original(path, data, keep_mode=True)

    monkeypatch.setattr(redate, "write_beside", interrupted)
    with pytest.raises(KeyboardInterrupt):
        redate.write(site, plan)
    assert snapshot(site) == before


def test_a_file_redate_cannot_replace_leaves_every_file_as_it_was(tmp_path: Path) -> None:
    # on Windows a CSV file open in Excel cannot be replaced; here a folder stands in the
    # way of friday.md after the plan was made.  config.toml was already replaced by then:
    # it is put back, so the site is not left with its week in 2027 and its days in 2026
    from cswgen.commands import redate
    from cswgen.core.errors import SiteError

    site = tmp_path / "demo"
    shutil.copytree(REPO / "content", site / "content")
    shutil.copy(REPO / "config.toml", site / "config.toml")
    plan = redate.plan(site, 2027)
    friday = site / "content/days/friday.md"
    text = friday.read_bytes()
    friday.unlink()
    (friday / "locked").mkdir(parents=True)
    before = snapshot(site)
    with pytest.raises(SiteError) as raised:
        redate.write(site, plan)
    assert snapshot(site) == before  # config.toml and monday.md as they were, no .tmp left
    message = str(raised.value)
    assert message.startswith("content/days/friday.md: cswgen redate cannot change this file (")
    assert "close it if another program has it open" in message
    assert message.endswith("Nothing was changed")
    shutil.rmtree(friday)
    friday.write_bytes(text)


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="a read-only file is writable for root")
def test_a_read_only_file_is_named_before_anything_is_written(make_site: MakeSite,
                                                               run: Run) -> None:
    site = make_site({"content/days/monday.md": "---\ntitle: M\ndate: 2026-10-05\n---\n"})
    (site / "content/days/monday.md").chmod(0o444)
    before = snapshot(site)
    outcome = run(site, "redate", "2027", "--yes")
    assert outcome.exit_code == 1
    assert outcome.lines == ["content/days/monday.md: cswgen redate cannot change this file "
                             "(it is read-only); make it writable (on Windows: right-click it, "
                             "Properties, untick Read-only), then run cswgen redate again. "
                             "Nothing was changed"]
    assert snapshot(site) == before


def test_a_date_in_curly_quotes_moves_as_the_build_reads_it(make_site: MakeSite,
                                                            run: Run) -> None:
    # pasted from Word: the build reads it (with a warning), so redate moves it too
    site = make_site({"content/days/monday.md": "---\r\ntitle: M\r\ndate: “2026-10-05”\r\n"
                                                "publish: ‘2026-09-20’\r\n---\r\n"})
    outcome = run(site, "redate", "2027", "--yes")
    assert outcome.exit_code == 0, outcome.stderr
    assert (site / "content/days/monday.md").read_bytes().decode("utf-8") == (
        "---\r\ntitle: M\r\ndate: “2027-10-04”\r\npublish: ‘2027-09-19’\r\n---\r\n")
    assert run(site, "build", "--as-of", "2027-10-04").exit_code == 0


def test_translations_move_with_their_originals(make_site: MakeSite, run: Run) -> None:
    # a translation that gives its own date or publish date (monday.sw.md, a *.sw.csv) is
    # moved too: left behind, the site would not build in the new year
    rows = "customer,text,publish\r\nAna B.,Great,2026-10-06\r\n"
    site = make_site({
        "config.toml": "[site]\ntitle = \"T\"\nlanguages = [\"en\", \"sw\"]\n\n[week]\n"
                       "year = 2026\ntimezone = \"Africa/Harare\"\n",
        "content/days/monday.md": "---\ntitle: Monday\ndate: 2026-10-05\n"
                                  "publish: 2026-09-20\n---\nHi\n",
        "content/days/monday.sw.md": "---\ntitle: Jumatatu\ndate: 2026-10-05\n"
                                     "publish: 2026-09-21\n---\nHabari\n",
        "content/days/tuesday.md": "---\ntitle: Tuesday\nday: tue\n---\nHi\n",
        "content/days/tuesday.sw.md": "---\ntitle: Jumanne\n---\nHabari\n",
        "content/testimonials/kind.csv": rows, "content/testimonials/kind.sw.csv": rows})
    outcome = run(site, "redate", "2027", "--yes")
    assert outcome.exit_code == 0, outcome.stderr
    assert "content/days/monday.sw.md:3: 2026-10-05 -> 2027-10-04" in outcome.stdout
    assert "content/days/monday.sw.md:4: 2026-09-21 -> 2027-09-20" in outcome.stdout
    assert "content/testimonials/kind.sw.csv:2: 2026-10-06 -> 2027-10-05" in outcome.stdout
    assert "tuesday.sw.md" not in outcome.stdout  # its day is the original's
    assert (site / "content/days/monday.sw.md").read_text("utf-8") == (
        "---\ntitle: Jumatatu\ndate: 2027-10-04\npublish: 2027-09-20\n---\nHabari\n")
    built = run(site, "build", "--as-of", "2027-10-05")
    assert built.exit_code == 0, built.stderr
    assert (site / "output/sw/days/monday/index.html").is_file()


@pytest.mark.parametrize("lock", [".monday.md.swp", ".#monday.md", "~$monday.md",
                                  ".~lock.monday.md#"])
def test_a_file_open_in_an_editor_is_named_before_anything_is_asked(
        make_site: MakeSite, lock: str) -> None:
    # Rudo has monday.md open in her editor: changed under it, the editor's next save
    # would put 2026 back (a day outside the week), or cswgen's change would cost her
    # the edits she has not saved yet
    site = make_site({"content/days/monday.md": "---\ntitle: M\ndate: 2026-10-05\n---\n",
                      "content/days/tuesday.md": "---\ntitle: T\ndate: 2026-10-06\n---\n"})
    held = site / "content/days" / lock
    if lock.startswith(".#"):  # Emacs's lock: a link to nowhere
        held.symlink_to("rudo@pc.1234:1700000000")
    else:
        held.write_bytes(b"b0VIM 9.0\0")
    before = snapshot(site)
    outcome = answer(site, "y\n", "2027")
    assert outcome.exit_code == 1
    assert "Move the site" not in outcome.stdout  # not asked, then refused
    assert outcome.stderr.strip() == (
        f"content/days/monday.md: cswgen redate cannot change this file while it is open in "
        f"an editor ({lock} is beside it): save your changes and close it, then run cswgen "
        f"redate again; its next save would otherwise undo cswgen's change. If no editor has "
        f"it open, {lock} was left behind by one that stopped: delete it. Nothing was changed")
    assert snapshot(site) == before
    held.unlink()
    assert answer(site, "", "2027", "--yes").exit_code == 0
    assert "2027-10-04" in (site / "content/days/monday.md").read_text("utf-8")


def test_a_weekday_with_a_date_of_last_year_is_listed_to_review(make_site: MakeSite,
                                                                run: Run) -> None:
    # "Wednesday, 30 September" was right in 2026; in 2027 that date is a Thursday
    site = make_site({"content/pages/nominate.md": "---\ntitle: N\n---\nNominations close "
                      "on Wednesday, 30 September.\n\nWe met on 2 June.\n"})
    outcome = run(site, "redate", "2027", "--yes")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.splitlines()[-2:] == [
        "Only dates in fields were moved. 1 line still names 2026 or a date of 2026 in "
        "words; review it, then run cswgen check:",
        "  content/pages/nominate.md:4: Nominations close on Wednesday, 30 September."]


def test_a_review_line_shows_what_it_names_and_a_moved_row_is_still_reviewed(
        make_site: MakeSite, run: Run) -> None:
    # a long paragraph that names a day of the old week far into it is shown around that
    # day, not cut before it; a CSV row whose publish date moved, and whose words say 2026,
    # is listed too
    words = "We will be thanking members in every branch all week long, " * 3
    rows = "customer,title,publish,text\r\nAna B.,Our CSW 2026 star,2026-10-06,Great\r\n"
    site = make_site({"content/pages/p.md": f"---\ntitle: P\n---\n{words}and the braai "
                                            "is on Friday 9 October at Msasa House.\n",
                      "content/testimonials/kind.csv": rows})
    outcome = run(site, "redate", "2027", "--yes")
    assert outcome.exit_code == 0, outcome.stderr
    listed = outcome.stdout.splitlines()[-2:]
    assert listed[0].startswith("  content/pages/p.md:4: …")
    assert "braai is on Friday 9 October at Msasa House." in listed[0]
    assert listed[1] == ("  content/testimonials/kind.csv:2: Ana B.,Our CSW 2026 star,"
                         "2027-10-05,Great")


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges there")
def test_a_linked_file_is_changed_where_it_is_and_stays_linked(make_site: MakeSite,
                                                                run: Run) -> None:
    # monday.md is a link to the team's shared copy: the build reads that copy, so redate
    # moves its date there; replacing the link by a file left the shared copy in 2026
    site = make_site({"shared/monday.md": "---\ntitle: M\ndate: 2026-10-05\n---\nHi\n"})
    (site / "content/days").mkdir(parents=True)
    link = site / "content/days/monday.md"
    link.symlink_to("../../shared/monday.md")
    outcome = run(site, "redate", "2027", "--yes")
    assert outcome.exit_code == 0, outcome.stderr
    assert link.is_symlink()
    assert (site / "shared/monday.md").read_text("utf-8") == \
        "---\ntitle: M\ndate: 2027-10-04\n---\nHi\n"
    assert sorted(p.name for p in (site / "shared").iterdir()) == ["monday.md"]


def test_a_file_named_with_the_old_year_is_listed_to_review(make_site: MakeSite,
                                                            run: Run) -> None:
    # last year's programme, csw-2026-programme.pdf: its name is a date redate cannot move
    site = make_site({"content/downloads/csw-2026-programme.pdf": b"%PDF-1.4\n",
                      "content/pages/get.md": "---\ntitle: G\n---\n[The programme]"
                                              "(../downloads/csw-2026-programme.pdf)\n"})
    outcome = run(site, "redate", "2027", "--yes")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.splitlines()[-2:] == [
        "  content/downloads/csw-2026-programme.pdf: the file's name names 2026",
        "  content/pages/get.md:4: [The programme](../downloads/csw-2026-programme.pdf)"]


def test_a_field_cswgen_add_wrote_is_not_listed_for_its_comment(make_site: MakeSite,
                                                                 run: Run) -> None:
    # `cswgen add` writes `publish:  # ..., like 2026-10-06`: once its date is filled in and
    # moved, the example in the comment is not a line to review
    site = make_site({"content/pages/p.md": "---\ntitle: P\npublish: 2026-10-06   # a date: "
                                            "kept off the site until then, like 2026-10-06\n"
                                            "---\nHi\n"})
    outcome = run(site, "redate", "2027", "--yes")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.stdout.splitlines()[-1] == ("Moved the site to the week of 4–8 October "
                                               "2027: 2 changes in 2 files.")
