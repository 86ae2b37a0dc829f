"""`cswgen redate YEAR`: move a site to another year's Customer Service Week.

The week moves by whole weeks (from the first full week of October of its year to that of
YEAR), so every day keeps its weekday.  Only these values change: `[week] start` and
`year` in config.toml, each day's `date`, and every `publish` date (front matter and CSV
columns), in translations (`monday.sw.md`) too.  An empty or absent field has no date to
move and is left alone (`cswgen add` writes an empty `publish:`).  Each value is edited
where it is written, and every other byte of every file stays as it was: comments, order,
quotes, line endings and byte-order marks.  Every value that cannot be moved is reported,
all in one run.

Text is not changed: a date in words ("Monday 5 October") may be a record of what
happened (a testimonial's story), so the lines that name the old year, a day of the old
week in words, or a weekday with a date of the old year ("the deadline is Wednesday, 30
September") are listed for the user to review instead.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from cswgen.commands.new import excerpt
from cswgen.commands.said import shown_path
from cswgen.core import datewords
from cswgen.core.errors import Problem, Problems, SiteError
from cswgen.core.files import write_atomic, write_beside
from cswgen.core.tree import skipped
from cswgen.core.week import first_full_week_of_october
from cswgen.read.config import load_config
from cswgen.read.content import load_content
from cswgen.read.place import CONFIG_NAME
from cswgen.read.records import Entry
from cswgen.read.settings import SiteConfig
from cswgen.read.tables import csv_dialect
from cswgen.read.translations import INHERITED

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
# (a date in Word's curly quotes too: the build reads it, with a warning)
_VALUE = re.compile(r"""(\s*["'“”‘’„«]?)(\d{4}-\d{1,2}-\d{1,2})""")
# A value with nothing in it: empty, "", ~ or null, maybe with a comment after it.
_EMPTY = re.compile(r"""\s*(?:""|''|~|null|Null|NULL)?\s*(?:#.*)?$""", re.S)
_WEEKDAY = re.compile(r"(?i)\b(?:mon|tue|wed|thu|fri|sat|sun)")
_TEXT_FILES = (".md", ".markdown", ".csv", ".toml", ".txt")
REVIEW_SHOWN = 40  # more lines to review than this go to REVIEW_FILE
REVIEW_FILE = "cswgen-redate-review.txt"
READ_ONLY = "it is read-only"


@dataclass(frozen=True)
class Change:
    path: str  # site-relative
    line: int
    old: str
    new: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.old} -> {self.new}"


@dataclass
class Plan:
    year: int
    old_year: int
    start: date  # the new week's first and last day
    end: date
    changes: list[Change] = field(default_factory=list)
    files: dict[Path, str] = field(default_factory=dict)  # new text of each changed file
    # `path:line: text` of lines that still name the old year or a day of its week in words
    mentions: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """`3 changes in 2 files`."""
        changes, files = len(self.changes), len(self.files)
        return (f"{changes} change{'s' if changes != 1 else ''} in "
                f"{files} file{'s' if files != 1 else ''}")


def plan(root: Path, year: int) -> Plan:
    """Every change, worked out without writing anything; SiteError if the site has errors."""
    problems = Problems()
    config = load_config(root, problems)
    content = load_content(config, problems, drafts=True)
    if problems.errors:
        raise SiteError([*problems.errors, Problem(
            "content", 0, "cswgen redate moves a site that reads without errors; fix the "
            "problems above first (cswgen check lists them). Nothing was changed")])
    offset = first_full_week_of_october(year) - first_full_week_of_october(config.week.year)
    result = Plan(year, config.week.year, config.week.start + offset, config.week.end + offset)
    if not offset:
        return result
    editor = _Editor(root, offset, result, config.week.dates, problems)
    editor.config(config)
    translated = [e for entries in content.translations.values() for e in entries]
    for entry in [*content.entries(), *translated]:
        editor.entry(entry)
    if problems.errors:
        raise SiteError([*problems.errors, Problem(
            "content", 0, "cswgen redate moved nothing, so that the site is not left half in "
            "one year and half in the other; fix the lines above, then run it again")])
    result.mentions = _mentions(root, config, result)
    result.mentions += [f"{e.key}: publish {e.publish.isoformat()} (a workbook is not edited; "
                        "change it in Excel, or in Google Sheets and download it again)"
                        for e in content.entries()
                        if e.sheet and e.publish is not None]
    return result


def write(root: Path, ready: Plan) -> None:
    """Write every changed file, all of them or none: the new files are written beside
    the old ones first, then each takes its old one's place.  A file that cannot be
    changed (read-only, or open in a program that locks it, as Excel does a CSV file) is
    a SiteError naming it, with every file as it was: a site half moved would have its
    days outside its week."""
    refuse(root, ready)
    staged: list[tuple[Path, Path]] = []
    done: list[tuple[Path, bytes]] = []  # each file replaced, with its old bytes
    path = root
    try:
        for path, text in ready.files.items():
            staged.append((write_beside(_real(path), text.encode("utf-8"), keep_mode=True),
                           path))
        for temporary, path in staged:
            old = _real(path).read_bytes()
            os.replace(temporary, _real(path))
            done.append((_real(path), old))
    except BaseException as exc:  # and Ctrl-C: "Nothing was changed" is then true too
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        for replaced, old in reversed(done):
            write_atomic(replaced, old, keep_mode=True)
        if isinstance(exc, OSError):
            raise SiteError([_cannot(root, path, exc.strerror or str(exc))]) from None
        raise


def _real(path: Path) -> Path:
    """The file `path` is, through a symbolic link (a policy.md shared by two sites): the
    file the build reads is the one changed, and the link stays a link."""
    return Path(os.path.realpath(path))


def refuse(root: Path, ready: Plan) -> None:
    """SiteError naming every file that cannot be changed now (read-only, or open in an
    editor), before anything is written or asked."""
    refused = [_cannot(root, path, READ_ONLY) for path in ready.files
               if path.exists() and not os.access(path, os.W_OK)]
    refused += [_open_in_editor(root, path, lock) for path in ready.files
                if (lock := editor_lock(path) or editor_lock(_real(path))) is not None]
    if refused:
        raise SiteError(refused)


def review_lines(root: Path, ready: Plan) -> list[str]:
    """What to say, once the site has moved, of the lines that still name the old year or
    a date of it in words (`Plan.mentions`): few are listed; more are written to
    REVIEW_FILE in the site's folder, and named."""
    if not ready.mentions:
        return []
    count = len(ready.mentions)
    lines = f"{count} line{'s' if count != 1 else ''}"
    intro = (f"Only dates in fields were moved. {lines} still "
             f"name{'s' if count == 1 else ''} {ready.old_year} or a "
             f"date of {ready.old_year} in words")
    listed = count <= REVIEW_SHOWN
    review = root / REVIEW_FILE
    if not listed:
        text = "".join(f"{m}\n" for m in ready.mentions)
        number = 2
        # (one there already with other lines may hold the team's notes on the last list:
        # never written over, the list goes to the next free name)
        while review.is_file() and review.read_bytes() != text.encode("utf-8"):
            review = root / REVIEW_FILE.replace(".txt", f"-{number}.txt")
            number += 1
        try:
            review.write_text(text, "utf-8")
        except OSError:  # (the site has moved already: not "Nothing was changed")
            listed = True  # (open in a program that locks it, read-only): here instead
    if listed:
        return [f"{intro}; review {'them' if count != 1 else 'it'}, then run cswgen check:",
                *(f"  {mention}" for mention in ready.mentions)]
    return [f"{intro}; they are listed in {shown_path(review)} (one "
            "`file:line: text` a line): review them, then run cswgen check."]


def _cannot(root: Path, path: Path, why: str) -> Problem:
    """Why `path` cannot be changed (`why`: the system's reason, or "it is read-only")."""
    if why == READ_ONLY:
        fix = "make it writable (on Windows: right-click it, Properties, untick Read-only)"
    else:
        fix = ("close it if another program has it open (Excel locks a CSV file it has "
               "open) and make sure it is not read-only")
    return Problem(path.relative_to(root).as_posix(), 0, f"cswgen redate cannot change this "
                   f"file ({why}); {fix}, then run cswgen redate again. Nothing was changed")


def editor_lock(path: Path) -> Path | None:
    """The file an editor keeps beside `path` while it has it open, if there is one: Vim's
    and nano's `.name.swp` (`.swo`...), Emacs's `.#name`, LibreOffice's `.~lock.name#`,
    Office's `~$name` (Word's drops the name's first two letters), Kate's
    `.name.kate-swp`.  Changed under an editor, a file is overwritten by the editor's next
    save, and cswgen's change with it (or the editor's unsaved work by cswgen's)."""
    name = path.name
    names = [f".{name}.sw{letter}" for letter in "ponmlkjihgfedcba"]
    names += [f".#{name}", f".~lock.{name}#", f"~${name}", f"~${name[2:]}",
              f".{name}.kate-swp"]
    for candidate in names:
        lock = path.with_name(candidate)
        if os.path.lexists(lock):  # (Emacs's is a symbolic link to nowhere)
            return lock
    return None


def _open_in_editor(root: Path, path: Path, lock: Path) -> Problem:
    return Problem(path.relative_to(root).as_posix(), 0, "cswgen redate cannot change "
                   f"this file while it is open in an editor ({lock.name} is beside it): "
                   "save your changes and close it, then run cswgen redate again; its next "
                   "save would otherwise undo cswgen's change. If no editor has it open, "
                   f"{lock.name} was left behind by one that stopped: delete it. "
                   "Nothing was changed")


class _Editor:
    """Edits values in place, keeping every other character of each file."""

    def __init__(self, root: Path, offset: timedelta, result: Plan, week: list[date],
                 problems: Problems) -> None:
        self.root = root
        self.offset = offset
        self.result = result
        self.example = week[min(2, len(week) - 1)].isoformat()  # a date of the site's week
        self.problems = problems

    def text(self, relative: str) -> str:
        path = self.root / relative
        if path not in self.result.files:
            # plain utf-8 keeps a byte-order mark as a character, so it is written back
            self.result.files[path] = path.read_bytes().decode("utf-8")
        return self.result.files[path]

    def line_start(self, relative: str, number: int) -> int:
        """The offset in the file's text where line `number` (1-based) begins."""
        return sum(len(line) for line in _LINE.findall(self.text(relative))[: number - 1])

    def replace(self, relative: str, at: int, old: str, new: str) -> None:
        text = self.text(relative)
        self.result.files[self.root / relative] = text[:at] + new + text[at + len(old):]
        number = len(_LINE.findall(text[:at + 1])) if at else 1
        self.result.changes.append(Change(relative, number, old, new))

    def move_date(self, relative: str, number: int, key: str, at: int, end: int,
                  dated: bool = False) -> None:
        """Move the date that starts the value at `at` (spaces and a quote may come first);
        an empty value has nothing to move, unless the field is known to hold a date
        (`dated`: one written on the next line)."""
        text = self.text(relative)
        value = _VALUE.match(text, at, end)
        if value is None:
            if not dated and _EMPTY.match(text[at:end].rstrip(",;")):
                return
            self.problems.error(relative, number, f"cannot find the date of `{key}` here; "
                                "write it as YYYY-MM-DD on the same line as its name, like "
                                f"{key}: {self.example}")
            return
        old = value.group(2)
        self.replace(relative, value.start(2), old, datewords.shift_iso(old, self.offset))

    def after_key(self, relative: str, number: int, key: str, dated: bool = False) -> None:
        """Move the date written after `key:` (YAML) or `key =` (TOML) on line `number`."""
        begin = self.line_start(relative, number)
        text = self.text(relative)
        end = begin + len(_LINE.findall(text)[number - 1])
        found = re.compile(rf"\s*[\"']?{re.escape(key)}[\"']?\s*[:=]").match(text, begin, end)
        self.move_date(relative, number, key, found.end() if found else end, end, dated)

    def config(self, config: SiteConfig) -> None:
        lines = config.lines
        if "week.start" in lines:
            self.after_key(CONFIG_NAME, lines["week.start"], "start")
        if "week.year" in lines:
            number = lines["week.year"]
            begin = self.line_start(CONFIG_NAME, number)
            found = re.compile(r"\s*year\s*=\s*(\d+)").match(self.text(CONFIG_NAME), begin)
            if found is None:
                self.problems.error(CONFIG_NAME, number, "cannot read [week] year on this "
                                    f"line; write it as a number, like year = {self.result.year}")
                return
            self.replace(CONFIG_NAME, found.start(1), found.group(1), str(self.result.year))
        elif "week.start" not in lines:
            self.add_year(lines.get("week", 0))

    def add_year(self, header: int) -> None:
        """A site without [week] year or start gets `year = YEAR` (else: this year)."""
        text = self.text(CONFIG_NAME)
        ending = "\r\n" if "\r\n" in text else "\n"
        if text and not text.endswith(("\n", "\r")):
            text += ending
        if header:
            at = self.line_start(CONFIG_NAME, header + 1)
            text = text[:at] + f"year = {self.result.year}{ending}" + text[at:]
            number = header + 1
        else:
            text += f"{ending}[week]{ending}year = {self.result.year}{ending}"
            number = len(_LINE.findall(text))
        self.result.files[self.root / CONFIG_NAME] = text
        self.result.changes.append(Change(CONFIG_NAME, number, "(no [week] year)",
                                          f"year = {self.result.year}"))

    def entry(self, entry: Entry) -> None:
        if entry.sheet:
            return  # a workbook is not text to edit in place: its rows are listed to review
        for key in ["publish"] + (["date"] if entry.kind == "day" else []):
            if entry.lines.get(key, INHERITED) == INHERITED \
                    or (key == "publish" and entry.publish is None):
                continue  # absent or empty, or a translation's from its original: no date
            if entry.from_csv:
                self.csv_cell(entry, key)
            else:
                self.after_key(entry.path, entry.line_of(key), key, dated=key == "publish")

    def csv_cell(self, entry: Entry, key: str) -> None:
        text = self.text(entry.path)
        body, delimiter, _ = csv_dialect(text.lstrip("\ufeff").replace("\r\n", "\n"))
        header = next(csv.reader([body.partition("\n")[0]], delimiter=delimiter))
        index = [h.strip().lower().replace(" ", "_") for h in header].index(key)
        spans = _cells(text, self.line_start(entry.path, entry.line), delimiter)
        self.move_date(entry.path, entry.line, key, *spans[index])


def _cells(text: str, start: int, delimiter: str) -> list[tuple[int, int]]:
    """Where each cell of the CSV row that begins at `start` starts and ends (quoted cells
    may hold delimiters and line breaks)."""
    spans: list[tuple[int, int]] = []
    quoted = False
    i = start
    while i < len(text):
        char = text[i]
        if char == '"':
            quoted = not quoted  # a doubled quote turns it off and on again
        elif not quoted and char == delimiter:
            spans.append((start, i))
            start = i + 1
        elif not quoted and char in "\r\n":
            break
        i += 1
    spans.append((start, i))
    return spans


def _weekday_of(phrase: datewords.Found, year: int) -> bool:
    """Whether the phrase gives a weekday to a date of the old year ("Wednesday, 30
    September"): true last year, that weekday is wrong in the new one."""
    return _WEEKDAY.search(phrase.text) is not None and any(d.year == year
                                                             for d in phrase.dates)


def _mentions(root: Path, config: SiteConfig, result: Plan) -> list[str]:
    """`path:line: text` of each line that still names the old year (titles, descriptions,
    #CSW2026), or a day of the old week in words ("Monday 5 October"): for the user to
    review, since redate changes only the dates of fields.  A line redate changed is
    listed too when the rest of it names them (a CSV row whose `publish` moved and whose
    title says "CSW 2026"); the long ones are shown around what they name."""
    moved: dict[tuple[str, int], list[str]] = {}
    for change in result.changes:
        moved.setdefault((change.path, change.line), []).append(change.new)
    year = config.week.year
    week = set(config.week.dates)
    pattern = re.compile(rf"(?<!\d){year}(?!\d)")
    found: list[str] = []
    for path in [root / CONFIG_NAME, *sorted((root / "content").rglob("*"))]:
        relative = path.relative_to(root).as_posix()
        if pattern.search(path.name) and path.is_file() and not skipped(path.name):
            # (csw-2026-programme.pdf: this year's is a new file, and its links change)
            found.append(f"{relative}: the file's name names {year}")
        if path.suffix.lower() not in _TEXT_FILES or not path.is_file():
            continue
        text = result.files.get(path) or path.read_bytes().decode("utf-8", errors="replace")
        for number, line in enumerate(_LINE.findall(text), start=1):
            rest = line
            for new in moved.get((relative, number), []):  # (its new dates are not old)
                rest = rest.replace(new, "")
                if path.suffix.lower() != ".csv":  # (nor is the example in its comment)
                    rest = re.split(r"\s#", rest)[0]
            near = pattern if pattern.search(rest) else next(
                (re.compile(re.escape(phrase.text)) for phrase in datewords.find(rest, year)
                 if week & set(phrase.dates) or _weekday_of(phrase, year)), None)
            if near is not None:
                found.append(f"{relative}:{number}: {excerpt(line, near)}")
    return found
