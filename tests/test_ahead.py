"""Parts drawn ahead in a second process: the same results as in one process, and a safe fallback."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from conftest import assert_identical_sites, copy_portal, fork_unavailable, mkdocs
from practice_exchange.pages.ahead import Ahead

needs_fork = pytest.mark.skipif(fork_unavailable() is not None, reason=f"no fork here: {fork_unavailable()}")


@pytest.fixture(autouse=True)
def _fork_beside_other_tests_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    if fork_unavailable() is None:
        monkeypatch.setattr("practice_exchange.pages.ahead.why_not_fork", lambda: None)


class Work:
    """Parts that record where they ran, and a first task that writes a file."""

    def __init__(self, folder: Path, fail: str | None = None, slow: bool = False, gate: str | None = None) -> None:
        self.folder = folder
        self.calls: list[str] = []
        self.said: list[str] = []
        self.fail, self.slow, self.gate = fail, slow, gate

    def first(self) -> None:
        self.calls.append("first")
        (self.folder / "export.txt").write_text(f"written by {os.getpid()}", encoding="utf-8")

    def part(self, name: str) -> str:
        self.calls.append(name)
        if name == self.fail:
            raise ValueError(f"cannot draw {name}")
        if self.slow:
            time.sleep(30)
        if name == self.gate:  # waits until the test opens the gate (at most 30 s)
            for _ in range(3000):
                if (self.folder / "go").exists():
                    break
                time.sleep(0.01)
        return f"<p>{name} ü \x1c</p>" * 3

    def ahead(self) -> Ahead:
        return Ahead(self.folder, {n: (lambda n=n: self.part(n)) for n in ("a", "b", "c")}, self.first,
                     say=self.said.append)


@needs_fork
def test_a_child_draws_every_part_and_does_the_first_task(tmp_path: Path) -> None:
    work = Work(tmp_path)
    ahead = work.ahead()
    ahead.start()
    ahead.wait()
    assert ahead.forked
    # Done in the child: this process ran neither the parts nor the first task.
    assert work.calls == []
    assert (tmp_path / "export.txt").read_text(encoding="utf-8") != f"written by {os.getpid()}"
    assert [ahead.get(n) for n in "cab"] == [work.part(n) for n in "cab"]
    ahead.close()


@needs_fork
def test_the_childs_files_are_gone_once_read_and_parts_still_come(tmp_path: Path) -> None:
    work = Work(tmp_path)
    ahead = work.ahead()
    ahead.start()
    ahead.wait()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.txt"]
    assert ahead.get("b") == work.part("b")
    ahead.close()


@needs_fork
def test_a_child_reaped_elsewhere_still_counts_when_it_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = Work(tmp_path)
    ahead = work.ahead()
    ahead.start()
    real = os.waitpid

    def reaped_elsewhere(pid: int, options: int) -> tuple[int, int]:
        real(pid, options)  # as a SIGCHLD handler set to ignore would
        raise ChildProcessError(10, "No child processes")

    monkeypatch.setattr(os, "waitpid", reaped_elsewhere)
    ahead.wait()
    assert work.calls == []
    assert ahead.get("a") == work.part("a")
    ahead.close()


def test_a_failed_fork_falls_back_to_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    monkeypatch.setattr("practice_exchange.pages.ahead.why_not_fork", lambda: None)
    work = Work(tmp_path)
    ahead = work.ahead()
    ahead.start()
    assert not ahead.forked and ahead.child is None
    assert work.calls == ["first"]
    assert work.said == ["no helper process (the fork failed ([Errno 11] Resource temporarily unavailable));"
                         " the build process prepares everything"]
    assert ahead.get("c") == work.part("c")


def test_in_one_process_the_first_task_runs_at_once_and_parts_on_demand(tmp_path: Path) -> None:
    work = Work(tmp_path)
    ahead = work.ahead()
    ahead.start(parallel=False)
    assert not ahead.forked
    assert work.calls == ["first"]
    assert (tmp_path / "export.txt").read_text(encoding="utf-8") == f"written by {os.getpid()}"
    assert ahead.get("b") == "<p>b ü \x1c</p>" * 3
    assert work.calls == ["first", "b"]


@needs_fork
def test_when_the_child_fails_this_process_does_the_work_and_meets_the_same_error(tmp_path: Path) -> None:
    work = Work(tmp_path, fail="b")
    ahead = work.ahead()
    ahead.start()
    ahead.wait()
    assert work.calls == ["first"]  # the exports are written here after all
    assert (tmp_path / "export.txt").read_text(encoding="utf-8") == f"written by {os.getpid()}"
    assert ahead.get("a") == "<p>a ü \x1c</p>" * 3
    with pytest.raises(ValueError, match="cannot draw b"):
        ahead.get("b")


@needs_fork
def test_a_part_is_handed_over_as_soon_as_it_is_drawn(tmp_path: Path) -> None:
    work = Work(tmp_path, gate="c")
    ahead = work.ahead()
    ahead.start()
    # "c" is held back in the child; "a" and "b", drawn before it, already come from its file.
    assert ahead.get("b") == work.part("b")
    assert ahead.ready("a") == [work.part("a")]
    assert ahead.child is not None and ahead.code is Ahead.RUNNING  # the child is still at work
    assert work.calls == ["b", "a"]  # only the calls made here to compare
    (tmp_path / "go").touch()
    ahead.wait()
    assert ahead.get("c") == work.part("c")
    ahead.close()


@needs_fork
def test_a_part_the_child_has_not_reached_is_drawn_here_and_skipped_there(tmp_path: Path) -> None:
    work = Work(tmp_path, gate="a")
    ahead = work.ahead()
    ahead.start()
    assert ahead.ready("c") is None  # the child is held at "a": the caller draws "c" itself
    (tmp_path / "go").touch()
    assert ahead.get("b") == work.part("b")
    ahead.wait()
    assert sorted(ahead.offsets) == ["a", "b"]  # the child skipped "c"
    assert ahead.get("c") == work.part("c")  # drawn here, at once
    assert work.calls == ["b", "c", "c"]
    ahead.close()


@needs_fork
def test_close_stops_a_child_still_at_work(tmp_path: Path) -> None:
    ahead = Work(tmp_path, slow=True).ahead()
    ahead.start()
    child = ahead.child
    assert child is not None
    started = time.perf_counter()
    ahead.close()
    assert time.perf_counter() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)  # already reaped: no zombie left behind


def test_a_site_built_in_one_process_is_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    sites = []
    for parallel in ("true", "false"):
        root = copy_portal(tmp_path / parallel)
        config = (root / "mkdocs.yml").read_text(encoding="utf-8")
        assert "  - practice-exchange\n" in config
        (root / "mkdocs.yml").write_text(
            config.replace("  - practice-exchange\n", f"  - practice-exchange:\n      parallel: {parallel}\n"),
            encoding="utf-8")
        result = mkdocs(root, "build", "--strict")
        assert result.returncode == 0, result.stderr
        sites.append(root / "site")
    files = assert_identical_sites(*sites)
    # Frames, findings blocks and exports were all made.
    assert {"exports/visits.csv", "exports/portal.json", "findings/index.html"} <= set(files)
    findings = (sites[0] / "findings" / "index.html").read_text(encoding="utf-8")
    assert "px-block--matrix" in findings and "px-block-slot" not in findings and "\x1c" not in findings
