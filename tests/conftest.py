"""Shared helpers: copy a fixture portal into a temporary folder, add a defect, load or build it."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# In CI the property tests run the same examples every time (those run before a change lands);
# on a developer's machine they explore anew on each run.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

FIXTURES = Path(__file__).parent / "fixtures"
PORTAL = FIXTURES / "portal"
DEFECTS = FIXTURES / "defects"
REPO = Path(__file__).parent.parent


def copy_portal(target: Path, source: Path = PORTAL) -> Path:
    """A fresh, writable copy of a fixture portal."""
    root = target / "portal"
    shutil.copytree(source, root)
    return root


def add_defect(root: Path, defect: str) -> None:
    """Put one defect file in place: `visits/x.md` into visits/, `network/x.yml` over network.yml."""
    source = DEFECTS / defect
    folder = defect.split("/")[0]
    if folder == "network":
        shutil.copy(source, root / "network.yml")
    else:
        (root / folder).mkdir(exist_ok=True)
        shutil.copy(source, root / folder / source.name)


def fork_unavailable() -> str | None:
    """Why this platform cannot fork a helper process at all; None where it can. The threads that
    browser tests leave behind (the browser driver's) are not a reason: the helpers forked in
    tests take none of their locks, and fork whatever order the tests run in."""
    from practice_exchange.parallel import why_not_fork

    reason = why_not_fork()
    return None if reason == "other threads running" else reason


def mkdocs(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the mkdocs command line in a portal, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *args],
        cwd=root, capture_output=True, text=True, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def site_files(site: Path) -> list[str]:
    """Every file of a built site, as sorted paths from its root."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def assert_identical_sites(first: Path, second: Path) -> list[str]:
    """Two built sites hold the same files with the same bytes; returns the files."""
    files = site_files(first)
    assert files == site_files(second)
    assert [f for f in files if (first / f).read_bytes() != (second / f).read_bytes()] == []
    return files


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example portal the repository ships, built once with `--strict`."""
    site = tmp_path_factory.mktemp("example") / "site"
    result = mkdocs(REPO, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return site


@pytest.fixture(scope="session")
def example_portal():  # type: ignore[no-untyped-def]
    """The example portal's content, loaded and checked."""
    from practice_exchange.content import Sources, load

    portal, report = load(Sources(REPO))
    assert [str(p) for p in report.problems] == []
    return portal


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    """A writable copy of the valid fixture portal."""
    return copy_portal(tmp_path)


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():  # type: ignore[no-untyped-def]
    """Headless Debian Chromium driven by Playwright; a clear failure when it is not installed.

    Each module its own, closed when the module is done: one left running would keep the tests of
    the helper processes that follow from forking (a process with threads may not), and Playwright's
    synchronous driver cannot be started twice at once, whatever order the modules run in."""
    if not CHROMIUM.exists():
        pytest.fail("the browser tests need Debian's Chromium at /usr/bin/chromium: run `bash scripts/test.sh`,"
                    " which installs it, or `apt-get install chromium`", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()


@contextlib.contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site on a loopback port; yields its base URL."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(directory))
    handler.log_message = lambda *args: None  # type: ignore[method-assign]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
