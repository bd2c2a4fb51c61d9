"""A second core for work that is a list of independent items (reading the entry files).

Where a process can be forked safely (Linux, more than one core, no other thread
running), a child process takes the items from the last one back while this
process takes them from the first one on, until they meet, and hands its results
back through a file. Neither waits for the other when one core is slower than the
other (on a shared machine, one often is) or some items cost more. Elsewhere, or
when the child fails, this process does every item itself. The results are the
same either way and come back in the items' order: the child runs the very same
function on a copy of this process.
"""

from __future__ import annotations

import gc
import mmap
import os
import pickle
import sys
import tempfile
import threading
from collections.abc import Callable, Sequence
from typing import TypeVar, cast

Item = TypeVar("Item")
Result = TypeVar("Result")


def why_not_fork() -> str | None:
    """Why a child process should not be forked here, or None when it may."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return "not on Linux"
    if len(os.sched_getaffinity(0)) < 2:
        return "a single core"
    if threading.active_count() > 1:
        return "other threads running"  # a lock one of them holds would stay locked in the child
    return None


def split(items: Sequence[Item], work: Callable[[Item], Result], parallel: bool = True,
          smallest: int = 64) -> list[Result]:
    """`work` of each item, in order: from the end in a forked child where one may be forked.

    Each process marks an item as its own before working on it (one byte per item, shared), and
    stops at the first item the other has marked: at most the item where they meet is worked
    twice, alike. Below `smallest` items a fork costs more than it saves. Whatever the child could
    not finish is done here, where an error is raised as usual.
    """
    if not parallel or len(items) < smallest or why_not_fork() is not None:
        return [work(item) for item in items]
    handle, name = tempfile.mkstemp(prefix="practice-exchange-", suffix=".pickle")
    os.close(handle)
    marks = mmap.mmap(-1, len(items))  # 0: nobody's yet, 1: this process's, 2: the child's
    try:
        gc.freeze()  # the child's collector would otherwise touch, and so copy, every page of this process
        try:
            pid = os.fork()
        except OSError:
            pid = None
        finally:
            if pid != 0:
                gc.unfreeze()
        if pid == 0:  # the child: items from the last one back, then leave at once, without exit handlers
            code = 1
            try:
                done: dict[int, Result] = {}
                for at in range(len(items) - 1, -1, -1):
                    if marks[at]:
                        break
                    marks[at] = 2
                    done[at] = work(items[at])
                with open(f"{name}.part", "wb") as out:
                    pickle.dump(done, out, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(f"{name}.part", name)
                code = 0
            finally:
                os._exit(code)
        mine: list[Result] = []
        for at, item in enumerate(items):
            if marks[at] == 2:
                break
            marks[at] = 1
            mine.append(work(item))
        theirs = cast("dict[int, Result]", _collect(pid, name) or {})
    finally:
        marks.close()
        for leftover in (name, f"{name}.part"):
            if os.path.exists(leftover):
                os.unlink(leftover)
    return mine + [theirs[at] if at in theirs else work(items[at]) for at in range(len(mine), len(items))]


def _collect(pid: int | None, name: str) -> dict[int, object] | None:
    """The child's results, or None when there was no child or it did not finish."""
    if pid is None:
        return None
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:  # reaped elsewhere (SIGCHLD ignored): its file tells whether it finished
        status = 0
    if os.waitstatus_to_exitcode(status) != 0 or os.path.getsize(name) == 0:
        return None  # the child wrote its whole file, then renamed it over the empty one, or nothing
    try:
        with open(name, "rb") as data:
            done = pickle.load(data)
    except (OSError, EOFError, pickle.UnpicklingError):
        return None
    return done if isinstance(done, dict) else None
