"""The `[publish.NAME]` tables of config.toml: where `cswgen publish` sends the site."""

from __future__ import annotations

from dataclasses import dataclass, field

from cswgen.core.errors import Problems
from cswgen.read.place import CONFIG_NAME
from cswgen.read.tomltable import Table, suggest

PUBLISH_KEYS = ("to", "branch", "known_hosts", "identity")


@dataclass(frozen=True)
class PublishTarget:
    """One `[publish.NAME]` table: `to` is a folder, a .zip file, a git repository or an
    sftp:// address (see cswgen.publish); the other keys are optional."""

    name: str
    to: str
    branch: str = ""  # a git branch (default gh-pages)
    known_hosts: str = ""  # SFTP: another known_hosts file than ~/.ssh/known_hosts
    identity: str = ""  # SFTP: a key file to log in with, besides the agent and ~/.ssh/id_*
    line: int = 1  # where `to` is written
    lines: dict[str, int] = field(default_factory=dict, compare=False)  # key -> its line


def publish_targets(data: object, lines: dict[str, int],
                    problems: Problems) -> dict[str, PublishTarget]:
    """The `[publish.NAME]` tables, each checked as the other sections are; a password is
    refused outright, because config.toml is shared and often kept in git."""
    if not isinstance(data, dict):
        return {}
    targets: dict[str, PublishTarget] = {}
    for name, table in data.items():
        where = f"publish.{name}"
        if not isinstance(table, dict):
            problems.error(CONFIG_NAME, lines.get(where, lines.get("publish", 1)),
                           f"[publish] {name} is not a publish target; name each target in a "
                           f"table of its own, like [publish.intranet] with to = \"/mnt/web/csw\"")
            continue
        for key in table:
            line = lines.get(f"{where}.{key}", lines.get(where, 1))
            if key in ("password", "passphrase"):
                problems.error(CONFIG_NAME, line, f"[{where}] {key}: a password is never kept "
                               "in config.toml (anyone who sees the file could use it); cswgen "
                               "logs in with your SSH agent or key file, so remove this line")
            elif key not in PUBLISH_KEYS:
                hint = suggest(key, PUBLISH_KEYS)
                advice = f"did you mean `{hint}`?" if hint else (
                    "known keys: " + ", ".join(PUBLISH_KEYS) + ".")
                problems.error(CONFIG_NAME, line,
                               f"[{where}] {key} is not a setting cswgen knows; {advice}")
        r = Table(table, where, lines, problems)
        if "to" not in table:
            problems.error(CONFIG_NAME, lines.get(where, 1), f"[{where}] has no `to`; say "
                           "where to publish, like to = \"/mnt/web/csw\" (a folder), "
                           "\"csw.zip\", \"git@github.com:acme/csw.git\" or "
                           "\"sftp://me@host/var/www/csw\"")
        to = r.string("to")
        if "to" in table and not to and isinstance(table["to"], str):
            r.bad("to", "is empty; say where to publish, like to = \"/mnt/web/csw\"")
        if to and any(c in to for c in "\n\t\r\b\f"):  # to = "D:\new": TOML's escapes
            written = to.translate({10: "\\n", 9: "\\t", 13: "\\r", 8: "\\b", 12: "\\f"})
            r.bad("to", "holds a line break or a tab, because in \"double quotes\" \\n and \\t "
                  f"stand for them; write a Windows path in single quotes: to = '{written}'")
            to = ""
        targets[name] = PublishTarget(name=name, to=to, branch=r.string("branch"),
                                      known_hosts=r.string("known_hosts"),
                                      identity=r.string("identity"), line=r.line("to"),
                                      lines={key: r.line(key) for key in PUBLISH_KEYS})
    return targets
