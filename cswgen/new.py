"""`cswgen new DIR`: a copy of the demo campaign, moved to the coming week."""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from pathlib import Path

from cswgen.errors import Problem, SiteError
from cswgen.themes import PACKAGE_DIR
from cswgen.week import first_full_week_of_october

DEMO_YEAR = 2026
_DATE_OR_YEAR = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b|(?<!\d)(2026)(?!\d)")


def demo_dir() -> Path:
    """Inside an installed wheel: cswgen/demo; in a source checkout: the repository root."""
    packaged = PACKAGE_DIR / "demo"
    return packaged if (packaged / "config.toml").is_file() else PACKAGE_DIR.parent


def coming_year(today: date) -> int:
    """This year's week if it has not ended yet, otherwise next year's."""
    start = first_full_week_of_october(today.year)
    return today.year if today <= start + timedelta(days=4) else today.year + 1


def shift_text(text: str, offset: timedelta, year: int | None) -> str:
    """Move every `YYYY-MM-DD` date by `offset`, and the demo's year (in words such as
    #CSW2026) to `year`; with `year` None only the dates move (`cswgen redate`)."""

    def replace(match: re.Match[str]) -> str:
        if match.group(4):
            return str(year) if year is not None else match.group(0)
        try:
            moved = date(int(match.group(1)), int(match.group(2)), int(match.group(3))) + offset
        except ValueError:
            return match.group(0)
        return moved.isoformat()

    return _DATE_OR_YEAR.sub(replace, text)


def new_site(folder: Path, today: date) -> int:
    """Write the demo campaign into `folder`; returns the year it is dated for."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise SiteError([Problem(str(folder), 0, "already exists and is not empty; cswgen new "
                                 "never overwrites anything, so choose a new folder name")])
    source = demo_dir()
    year = coming_year(today)
    offset = first_full_week_of_october(year) - first_full_week_of_october(DEMO_YEAR)
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source / "content", folder / "content")
    shutil.copyfile(source / "config.toml", folder / "config.toml")
    if offset:
        # Links that name the year (csw-2026-programme.txt) are moved below, so the files
        # they name move with them.
        for path in sorted((folder / "content").rglob(f"*{DEMO_YEAR}*"), reverse=True):
            path.rename(path.with_name(path.name.replace(str(DEMO_YEAR), str(year))))
        for path in [folder / "config.toml", *sorted((folder / "content").rglob("*"))]:
            if path.suffix.lower() not in (".toml", ".md", ".csv", ".txt"):
                continue
            raw = path.read_bytes()
            text = raw.decode("utf-8")
            moved = shift_text(text, offset, year)
            if moved != text:
                path.write_bytes(moved.encode("utf-8"))
    (folder / ".gitignore").write_text("output/\n.cswgen-staging-*\n.cswgen-cache/\n"
                                       ".cswgen-lock\n", "utf-8")
    return year
