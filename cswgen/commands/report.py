"""`cswgen check`'s report, as text for people and as JSON for CI pipelines.

The text is one numbered list, errors first, each group of lines about one file kept
together.  The JSON shape is stable (documented in the README); `format` names its
version:

    {"format": "cswgen-check/1", "ready": false, "strict": false, "as_of": "2026-10-06",
     "errors": 1, "warnings": 2,
     "problems": [{"number": 1, "severity": "error", "path": "content/pages/faq.md",
                   "line": 12, "message": "..."}]}

`line` is 0 when a problem concerns a whole file or folder.  A problem in an Excel workbook
also has `sheet`, the sheet's name, and then `line` is the row's number as Excel shows it
(0: the whole sheet):

    {"number": 2, "severity": "error", "path": "content/honour-roll/staff.xlsx",
     "sheet": "Awards", "line": 12, "message": "..."}
"""

from __future__ import annotations

import json

from cswgen.commands.check import Report
from cswgen.core.errors import Problem
from cswgen.core.week import long_label


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def ready(report: Report, *, strict: bool) -> bool:
    return not report.errors and not (strict and report.warnings)


def as_text(report: Report, *, strict: bool) -> str:
    lines = [f"Checked the site as of {long_label(report.as_of)} "
             f"({report.seconds:.2f} s)."]
    if report.revealed:
        lines.append(report.revealed)
    number = 0
    sections: list[tuple[str, list[Problem]]] = [
        ("Errors: fix these before publishing.", report.errors),
        ("Warnings: worth a look" + (" (--strict: these fail too)." if strict else "."),
         report.warnings)]
    for heading, problems in sections:
        if not problems:
            continue
        lines += ["", heading]
        previous = ""
        for problem in problems:
            if previous and problem.path != previous:
                lines.append("")
            previous = problem.path
            number += 1
            lines.append(f"{number:>3}. {problem}")
    lines.append("")
    found = f"{_count(len(report.errors), 'error')} and {_count(len(report.warnings), 'warning')}"
    if ready(report, strict=strict):
        lines.append("Ready to publish: no problems found." if not report.items
                     else f"Ready to publish, with {_count(len(report.warnings), 'warning')}.")
    else:
        lines.append(f"Not ready: {found}. Fix them, then run cswgen check again.")
    return "\n".join(lines)


def as_json(report: Report, *, strict: bool) -> str:
    problems = [{"number": number, "severity": p.severity, "path": p.path,
                 **({"sheet": p.sheet} if p.sheet else {}), "line": p.line,
                 "message": p.message} for number, p in enumerate(report.items, start=1)]
    return json.dumps({"format": "cswgen-check/1", "ready": ready(report, strict=strict),
                       "strict": strict, "as_of": report.as_of.isoformat(),
                       "errors": len(report.errors), "warnings": len(report.warnings),
                       "problems": problems}, indent=2, ensure_ascii=False)
