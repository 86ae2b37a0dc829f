"""Publishing to a git branch (GitHub Pages' `gh-pages`, or any branch of any repository),
with the `git` program the person already has, so their own login (SSH keys, credential
helpers) works as it does for them.

All work happens in a temporary bare repository outside the site: the branch is fetched,
checked, and a new tree made with git's plumbing (hash-object, update-index, write-tree,
commit-tree) from the built files, the branch's `CNAME` (GitHub's custom-domain setting)
and a `.nojekyll` (so GitHub serves folders whose names start with `_`).  One commit per
publish, none when nothing changed, then one push, which either happens whole or not.

Publish's commits carry the trailer `Published-by: cswgen`.  A branch with other commits
since publish's last one (a commit that only adds or changes CNAME aside) is refused
unless --force: they may be someone's work.  Even then, only the files publish put there
are replaced or removed; files others added stay, and each publish's commit names them
(`Left-alone: "path"`, JSON-quoted, one trailer each), so that no later publish takes them
for its own.  A forced publish commits even when no file changed: its commit is then the
last one publish made, and the next publish is not refused again.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from cswgen import __version__
from cswgen.publish.plan import Plan, make_plan
from cswgen.publish.target import Built, Progress, PublishError

DEFAULT_BRANCH = "gh-pages"
TRAILER = "Published-by: cswgen"
CNAME = "CNAME"
NOJEKYLL = ".nojekyll"
FILE_MODE = "100644"
_OURS = re.compile(r"^Published-by: cswgen\b", re.MULTILINE)
LEFT_ALONE = "Left-alone: "
_LEFT_ALONE = re.compile(r"^Left-alone: (\".*\")$", re.MULTILINE)


def branch_problem(name: str) -> str:
    """Why git would refuse `name` as a branch's name (`git check-ref-format --branch`),
    or "" when it takes it: said before the build, not by the push after it."""
    found = re.search(r"[\x00-\x20\x7f~^:?*\[\\]|\.\.|@\{", name)
    if found:
        held = found.group()
        return "it holds a space" if held == " " else "it holds an invisible character" \
            if held < " " or held == "\x7f" else f"it holds {held}"
    parts = name.split("/")
    return ("it starts with -" if name.startswith("-") else "it is @ alone" if name == "@"
            else "git keeps HEAD for itself" if name == "HEAD"
            else "it starts or ends with /, or holds //" if "" in parts
            else "a part of it starts or ends with a dot" if name.endswith(".")
            or any(part.startswith(".") for part in parts)
            else "a part of it ends in .lock" if any(p.endswith(".lock") for p in parts)
            else "")


def git_missing() -> PublishError:
    return PublishError("publishing to a git branch needs the `git` program, which is not "
                        "installed here: install Git (https://git-scm.com/downloads; on "
                        "Debian or Ubuntu `apt-get install git`), then publish again")


class GitTarget:
    portable = False
    whole = True

    def __init__(self, url: str, branch: str, shown_url: str, *, force: bool) -> None:
        self.url, self.branch, self.force = url, branch or DEFAULT_BRANCH, force
        self.shown_url = shown_url  # without a token or password that the URL holds
        self.shown = f"{self.branch} of {shown_url}"
        self.tip = ""  # the branch's last commit ("" when it does not exist yet)
        self.ours = ""  # publish's last commit on it
        self.left_alone: set[str] = set()  # files others added, as that commit names them
        self.taking_over = False  # --force on a branch with commits publish did not make
        self.entries: dict[str, tuple[str, str]] = {}  # the new tree: path -> mode, object
        self.work = Path(tempfile.mkdtemp(prefix="cswgen-publish-"))
        self.env = {**os.environ, "GIT_DIR": str(self.work / "repo.git"),
                    "GIT_INDEX_FILE": str(self.work / "index")}
        if not sys.stdin.isatty():
            self.env["GIT_TERMINAL_PROMPT"] = "0"  # no one to answer a password prompt

    def git(self, *args: str, data: bytes | None = None, what: str = "") -> str:
        """Run git; a failure is a PublishError quoting git's last words."""
        try:
            done = subprocess.run(["git", *args], input=data, env=self.env,
                                  capture_output=True, check=False)
        except FileNotFoundError:
            raise git_missing() from None
        if done.returncode != 0:
            lines = [line.strip() for line in done.stderr.decode("utf-8", "replace")
                     .splitlines() if line.strip() and not line.startswith("hint:")]
            said = " ".join(lines)
            while len(said) > 600 and len(lines) > 1:  # (its last lines, each whole)
                lines.pop(0)
                said = "… " + " ".join(lines)
            raise PublishError(f"{what or 'git ' + args[0] + ' failed'}: git said: "
                               f"{said or 'nothing'}")
        return done.stdout.decode("utf-8", "surrogateescape")

    def check(self, site: Path, output: Path) -> None:
        if shutil.which("git") is None:
            raise git_missing()
        self._not_checked_out()
        self.git("init", "-q", "--bare", str(self.work / "repo.git"))
        self._ssh_defaults()
        reach = f"cannot reach the git repository {self.shown_url}; check the address, and that " \
                "you can log in to it (`git ls-remote` with it should work)"
        if self.url.startswith(("http://", "https://")) and not self.url.endswith(".git"):
            # (the site's own web address, given as where to publish it)
            reach += (". If it is the address the site is seen at, not a git repository, "
                      "publish to the folder the web server shows, or to sftp://user@host/path")
        heads = self.git("ls-remote", "--heads", "--", self.url, f"refs/heads/{self.branch}",
                         what=reach)
        if not heads.strip():
            return  # a new branch: publish makes it
        self.git("fetch", "-q", "--no-tags", "--", self.url,
                 f"+refs/heads/{self.branch}:refs/heads/{self.branch}", what=reach)
        self.tip = self.git("rev-parse", f"refs/heads/{self.branch}").strip()
        foreign = self._foreign_commits()
        self.taking_over = bool(foreign)
        if foreign and not self.force:
            sha, author, subject = foreign[0]
            count = f"{len(foreign)} commit{'s' if len(foreign) != 1 else ''}"
            raise PublishError(
                f"the branch {self.shown} has {count} that cswgen publish did not make (the "
                f"latest: {sha[:7]} \"{subject}\" by {author}), so it may hold someone's work. "
                "If the branch is only for this site, publish again with --force (the site's "
                "files then replace the ones publish manages; files others added are kept); "
                f"otherwise publish to another branch (`{self.shown_url}#csw-site`, or "
                "branch = \"...\" in the [publish.NAME] table)")

    def _not_checked_out(self) -> None:
        """A repository on this computer with the branch checked out (someone's clone of
        the website) refuses a push to that branch, unless it is set to take one: said
        now, before the build, with what to do instead."""
        local = Path(self.url)
        if not (local.is_absolute() and (local / ".git").exists()):
            return
        env = {k: v for k, v in os.environ.items()
               if k not in ("GIT_DIR", "GIT_INDEX_FILE", "GIT_WORK_TREE")}

        def asked(*args: str) -> str:
            return subprocess.run(["git", "-C", str(local), *args], env=env, text=True,
                                  capture_output=True, check=False).stdout

        if asked("config", "receive.denyCurrentBranch").strip().lower() in (
                "ignore", "warn", "false", "no", "off", "0", "updateinstead"):
            return
        checked_out = {line.partition(" ")[2] for line in
                       asked("worktree", "list", "--porcelain").splitlines()
                       if line.startswith("branch ")}
        if f"refs/heads/{self.branch}" in checked_out:
            raise PublishError(
                f"the branch {self.branch} is checked out in {self.shown_url}, so git will "
                "not let publish change it there; publish to the repository it came from "
                "(its origin, like git@github.com:acme/csw.git), or to another branch "
                f"({self.shown_url}#csw-site)")

    def _ssh_defaults(self) -> None:
        """Without the person's own ssh command: give up on an unreachable host in
        seconds, and never wait for an answer when no one is at the keyboard."""
        if "GIT_SSH_COMMAND" in self.env or "GIT_SSH" in self.env:
            return
        configured = subprocess.run(["git", "config", "core.sshCommand"], env=self.env,
                                    capture_output=True, text=True, check=False)
        if not configured.stdout.strip():
            batch = "" if sys.stdin.isatty() else " -o BatchMode=yes"
            self.env["GIT_SSH_COMMAND"] = f"ssh -o ConnectTimeout=15{batch}"

    def _foreign_commits(self) -> list[tuple[str, str, str]]:
        """The commits on the branch that publish's last one does not hold and that publish
        did not make (newest first): found from that commit's ancestry, not by date, so
        work merged in from a clone made before it counts, and so does the merge itself
        (which lists no files); one that only adds or changes CNAME does not."""
        for sha, _, _, _, body, _ in self._log(self.tip):
            if _OURS.search(body):
                self.ours = sha
                self.left_alone = {str(json.loads(quoted))
                                   for quoted in _LEFT_ALONE.findall(body)}
                break
        since = [self.tip, f"^{self.ours}"] if self.ours else [self.tip]
        return [(sha, author, subject)
                for sha, parents, author, subject, body, names in self._log(*since)
                if not _OURS.search(body)
                and (len(parents.split()) > 1 or set(names.split()) - {CNAME})]

    def _log(self, *commits: str) -> list[list[str]]:
        """sha, parents, author, subject, message and changed files of each commit."""
        log = self.git("log", "--no-renames", "--name-only",
                       "--format=%x1e%H%x1f%P%x1f%an%x1f%s%x1f%B%x1f", *commits, "--")
        return [entry.split("\x1f") for entry in log.split("\x1e")[1:]]

    def _tree(self, commit: str) -> dict[str, tuple[str, str]]:
        """path -> mode, object of every file in a commit."""
        if not commit:
            return {}
        found = {}
        for line in self.git("ls-tree", "-r", "-z", "--full-tree", commit).split("\0"):
            if line:
                meta, _, path = line.partition("\t")
                mode, _, obj = meta.split(" ")
                found[path] = (mode, obj)
        return found

    def plan(self, built: Built) -> Plan:
        sources = dict(built.files)
        if NOJEKYLL not in sources:
            (self.work / NOJEKYLL).write_bytes(b"")
            sources[NOJEKYLL] = self.work / NOJEKYLL
        names = sorted(sources)
        objects = self.git("hash-object", "-w", "--stdin-paths", data="".join(
            f"{sources[name]}\n" for name in names).encode("utf-8", "surrogateescape")).split()
        site = dict(zip(names, objects, strict=True))
        tip = self._tree(self.tip)
        published = set(self._tree(self.ours)) - {CNAME} - self.left_alone
        plan = make_plan(site, {path: obj for path, (_, obj) in tip.items()}, published,
                         present=set(tip))
        # (a branch's own files are refused with its commits, unless --force; CNAME is
        # GitHub's setting, which the site's own CNAME replaces)
        plan.theirs = [] if self.force else [n for n in plan.theirs if n != CNAME]
        kept = set(tip) - set(site) - set(plan.removed)
        plan.kept = sorted(kept - {CNAME})  # CNAME: GitHub's, kept without a word
        self.entries = {name: (FILE_MODE, obj) for name, obj in site.items()}
        self.entries.update({name: tip[name] for name in kept})
        return plan

    def apply(self, plan: Plan, built: Built, progress: Progress) -> None:
        if plan.empty and self.tip and not self.taking_over:
            return  # nothing changed: no commit
        self.git("update-index", "--add", "-z", "--index-info", data="".join(
            f"{mode} {obj}\t{path}\0" for path, (mode, obj) in sorted(self.entries.items())
        ).encode("utf-8", "surrogateescape"))
        tree = self.git("write-tree").strip()
        listed = plan.lines()
        message = (f"Publish {built.title}: {plan.summary()}\n\n" + "\n".join(listed[:50])
                   + (f"\n  ... and {len(listed) - 50} more" if len(listed) > 50 else "")
                   + f"\n\n{TRAILER} {__version__}\n"
                   + "".join(f"{LEFT_ALONE}{json.dumps(name)}\n" for name in plan.kept))
        parents = ["-p", self.tip] if self.tip else []
        self._identity()
        commit = self.git("commit-tree", tree, *parents, "-F", "-",
                          data=message.encode("utf-8")).strip()
        self.git("push", *(["--progress"] if sys.stderr.isatty() else ["-q"]), "--", self.url,
                 f"{commit}:refs/heads/{self.branch}",
                 what=f"could not push to {self.shown}; nothing there changed (if someone "
                      "pushed meanwhile, publish again)")

    def _identity(self) -> None:
        """Commits need an author: the person's own, else `cswgen`."""
        known = subprocess.run(["git", "var", "GIT_COMMITTER_IDENT"], env=self.env,
                               capture_output=True, check=False)
        if known.returncode != 0:
            for role in ("AUTHOR", "COMMITTER"):
                self.env.setdefault(f"GIT_{role}_NAME", "cswgen")
                self.env.setdefault(f"GIT_{role}_EMAIL", "cswgen@localhost")

    def close(self) -> None:
        shutil.rmtree(self.work, ignore_errors=True)
