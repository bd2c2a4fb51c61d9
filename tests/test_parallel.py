"""Entry files read on two cores: the same results, in the same order, as in one process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import REPO
from practice_exchange import parallel
from practice_exchange.content import Sources, load
from practice_exchange.pages.markdown import EntryPages
from practice_exchange.parallel import split, why_not_fork

needs_fork = pytest.mark.skipif(why_not_fork() is not None, reason=f"no fork here: {why_not_fork()}")


def where(item: int) -> tuple[int, int, int]:
    return item, item * item, os.getpid()


CHILD_AND_PARENT = """
import os
import time
from practice_exchange.parallel import split

def where(item):
    time.sleep(0.01)  # long enough for the child to start before this process is through
    return item, item * item, os.getpid()

results = split(list(range(101)), where, smallest=2)
assert [r[:2] for r in results] == [(i, i * i) for i in range(101)]
mine = [r[2] == os.getpid() for r in results]
here = mine.index(False)  # this process took the items from the first, the child from the last
assert 10 < here < 91 and all(mine[:here]) and not any(mine[here:]), mine
print("split in two")
"""


@needs_fork
def test_the_child_works_from_the_end_and_results_keep_their_order() -> None:
    # In a process of its own: threads other tests leave running would rightly keep it from forking.
    done = subprocess.run([sys.executable, "-c", CHILD_AND_PARENT], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "split in two", done.stderr


SLOW_HERE = """
import os
import time
from practice_exchange.parallel import split

parent = os.getpid()

def where(item):
    time.sleep(0.03 if os.getpid() == parent else 0.01)  # this process's core three times slower
    return item, os.getpid()

results = split(list(range(80)), where, smallest=2)
assert [r[0] for r in results] == list(range(80))
here = sum(r[1] == parent for r in results)
assert 10 <= here <= 30, here  # about a quarter here: the faster child took the rest
print("balanced")
"""


@needs_fork
def test_a_slower_process_takes_fewer_items() -> None:
    done = subprocess.run([sys.executable, "-c", SLOW_HERE], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "balanced", done.stderr


def test_few_items_or_parallel_off_stay_in_this_process() -> None:
    assert {r[2] for r in split(list(range(10)), where)} == {os.getpid()}  # below `smallest`
    assert {r[2] for r in split(list(range(100)), where, parallel=False, smallest=2)} == {os.getpid()}


@needs_fork
def test_what_the_child_could_not_do_is_done_here(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A scratch folder of its own: another build on the machine may hold its scratch file in the shared one.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def fails_in_child(item: int) -> tuple[int, int, int]:
        if os.getpid() != parent:
            raise RuntimeError("the child stops")
        return where(item)

    parent = os.getpid()
    results = split(list(range(9)), fails_in_child, smallest=2)
    assert [r[:2] for r in results] == [(i, i * i) for i in range(9)]
    assert {r[2] for r in results} == {parent}
    assert not list(tmp_path.glob("practice-exchange-*.pickle*"))


def test_without_a_fork_everything_is_done_here(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_fork() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    monkeypatch.setattr(parallel, "why_not_fork", lambda: None)
    assert split(list(range(70)), where) == [where(i) for i in range(70)]


@needs_fork
def test_a_portal_loads_the_same_on_two_cores(tmp_path: Path) -> None:
    """The example portal, its entries multiplied past the fork threshold; then with errors in two files."""
    root = tmp_path / "portal"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns("site", ".git", "tests", "bench", "examples"))
    for folder in ("practices", "visits"):
        for source in sorted((root / folder).glob("*.md")):
            for copy in range(25):
                shutil.copy(source, source.with_name(f"{source.stem}-{copy}.md"))

    def loaded(two_cores: bool) -> tuple[object, list[str], dict[str, object]]:
        pages = EntryPages(True)
        portal, report = load(Sources(root, pages=pages, parallel=two_cores))
        return portal, [f"{p.severity.name} {p}" for p in report.problems], dict(pages.rendered)

    one, two = loaded(False), loaded(True)
    assert one[0] is not None and len(one[2]) > 64
    assert one == two
    # Problems found in either process come back in the files' order, with their lines.
    practices = sorted((root / "practices").glob("*.md"))
    for broken in (practices[7], practices[8]):
        broken.write_text(broken.read_text(encoding="utf-8").replace("tags:", "tag:", 1), encoding="utf-8")
    one, two = loaded(False), loaded(True)
    assert one[0] is None and one == two
    # (The copies of each visit are warned about as one visit in several files; only the errors here.)
    files = [p.split(" ", 1)[1].split(":")[0] for p in one[1] if p.startswith("ERROR ")]
    assert sorted(set(files), key=files.index) == [f"practices/{practices[7].name}",
                                                   f"practices/{practices[8].name}"]
