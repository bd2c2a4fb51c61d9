"""Live preview: `mkdocs serve` rebuilds on content edits, survives a broken file and recovers."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import copy_portal


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return None


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Path, str, Path, subprocess.Popen[bytes]]]:
    root = copy_portal(tmp_path)
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            base = f"http://127.0.0.1:{port}/"
            wait_for(lambda: fetch(base) is not None, "the server to start")
            yield root, base, log, process
        finally:
            process.terminate()
            process.wait(timeout=30)


def test_server_survives_a_broken_file_and_serves_the_fixed_page(server) -> None:  # type: ignore[no-untyped-def]
    root, base, log, process = server
    page = base + "practices/reading-club/"
    first = fetch(page)
    assert first is not None and ">Lyon</a> (FR)" in first
    assert "livereload" in first, "live reload must be on (Click 8.3 turns it off)"
    source = root / "practices" / "reading-club.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("city: lyon", "city: lyonn"), encoding="utf-8")
    wait_for(lambda: "did you mean `lyon`?" in log.read_text(encoding="utf-8", errors="replace"),
             "the problem to be shown in the terminal")
    output = log.read_text(encoding="utf-8", errors="replace")
    assert "practices/reading-club.md:3: city: unknown city `lyonn`, not found in network.yml" in output
    assert "Traceback" not in output
    assert process.poll() is None, "the server must keep running"
    source.write_text(text.replace("city: lyon", "city: oslo"), encoding="utf-8")
    wait_for(lambda: ">Oslo</a> (NO)" in (fetch(page) or ""), "the fixed page to be served")
    assert process.poll() is None


def test_editing_network_yml_rebuilds(server) -> None:  # type: ignore[no-untyped-def]
    root, base, _, _ = server
    network = root / "network.yml"
    network.write_text(network.read_text(encoding="utf-8").replace("name: Lyon", "name: Lyon Métropole"),
                       encoding="utf-8")
    wait_for(lambda: "Lyon Métropole" in (fetch(base + "cities/lyon/") or ""), "the city page to follow network.yml")
