"""Fixtures: the repository's demo campaign, throwaway sites written from short strings, a
browser, and `cswgen serve` in a process of its own.

Following Lektor's ladder: `make_site` writes a site from a dict of path -> text, and
`run` invokes the real command line in that folder, returning what a user would see;
`fails` builds a good site, breaks it and checks that the failed build left no trace.
The plain functions these are built from are in tests/helpers.py.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cswgen.render.pagekeys import CHECK
from cswgen.write.output import CHECK as CHECK_SURVEY

# every build the tests run (and the processes they start) checks each page key it found
# kept against the key of the page's view (see `render.pagekeys`), and each quick survey
# of the output against a full one (see `write.output.survey`)
os.environ[CHECK] = "1"
os.environ[CHECK_SURVEY] = "1"

from cswgen.cli import cli
from tests.helpers import (
    AS_OF,
    CHROMIUM,
    CHROMIUM_ARGS,
    DEADLINE,
    GOOD,
    REPO,
    SERVE_CONFIG,
    SERVE_SITE,
    Fails,
    Files,
    MakeSite,
    Outcome,
    Run,
    Serve,
    Server,
    free_port,
    no_traceback,
    snapshot,
    with_theme,
    write,
    write_site,
)


@pytest.fixture
def make_site(tmp_path: Path) -> MakeSite:
    counter = iter(range(1000))

    def make(files: Mapping[str, str | bytes] | None = None) -> Path:
        return write_site(tmp_path / f"site{next(counter)}", files or {})

    return make


@pytest.fixture
def run() -> Run:
    def invoke(site: Path, *args: str) -> Outcome:
        runner = CliRunner()
        old = Path.cwd()
        os.chdir(site)
        try:
            result = runner.invoke(cli, list(args), catch_exceptions=False)
        finally:
            os.chdir(old)
        return Outcome(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def fails(make_site: MakeSite, run: Run) -> Fails:
    """Build a good site (GOOD and `base`, with the `mini` theme), break it with `broken`,
    build again: the second build must fail with exit 1, no traceback, and the first
    build's output untouched."""

    def check(broken: Files, base: Files | None = None) -> Outcome:
        site = make_site(with_theme({**GOOD, **(base or {})}))
        first = run(site, "build", *AS_OF)
        assert first.exit_code == 0, first.stderr
        before = snapshot(site / "output")
        assert "index.html" in before
        write(site, broken)
        outcome = run(site, "build", *AS_OF)
        no_traceback(outcome)
        assert outcome.exit_code == 1, outcome.stderr
        assert snapshot(site / "output") == before, "a failed build changed output/"
        assert not list(site.glob(".cswgen-staging-*")), "a staging folder was left behind"
        return outcome

    return check


@pytest.fixture(scope="session")
def demo_output(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The repository's demo campaign built once, as during the week (Tuesday)."""
    from cswgen.commands.build import build

    out = tmp_path_factory.mktemp("demo") / "output"
    build(REPO, as_of=datetime.date(2026, 10, 6), output=out, cache_dir=out.parent / "cache")
    yield out


def _unavailable(reason: str) -> None:
    if os.environ.get("CSWGEN_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests are required here, but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright; skipped, with the reason, where either is
    missing (a failure instead when CSWGEN_REQUIRE_BROWSER=1, as in .ci/run)."""
    if not Path(CHROMIUM).exists():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                     headless=True)
        yield instance
        instance.close()


@pytest.fixture
def serve() -> Iterator[Serve]:
    """Start `cswgen serve` in a site (stopped at the end of the test)."""
    started: list[Server] = []

    def start(site: Path, *args: str, port: int | None = None) -> Server:
        port = port or free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "cswgen", "serve", "--port", str(port), *args], cwd=site,
            stdin=subprocess.DEVNULL,  # (never the terminal the tests run in: see `console`)
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        server = Server(process, port)
        started.append(server)
        return server

    yield start
    for server in started:
        if server.process.poll() is None:
            server.process.terminate()
            try:
                server.process.communicate(timeout=DEADLINE)
            except subprocess.TimeoutExpired:
                server.process.kill()
                server.process.communicate()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small site for `cswgen serve`, with a theme of its own that extends classic."""
    return write_site(tmp_path / "site", {**SERVE_SITE, "config.toml": SERVE_CONFIG})
