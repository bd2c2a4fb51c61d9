"""A second core for work that is a list of independent items (reading the entry files).

Where a process can be forked safely (Linux, more than one core, no other thread
running), a child process takes every other item and hands its results back
through a file; this process does the rest meanwhile. Elsewhere, or when the
child fails, this process does every item itself. The results are the same
either way and come back in the items' order: the child runs the very same
function on a copy of this process.
"""

from __future__ import annotations

import gc
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
    """`work` of each item, in order: the odd-numbered items in a forked child where one may be forked.

    Every other item, not the later half: neighbouring items tend to cost alike (files of one kind),
    so each process gets its share of the dear ones. Below `smallest` items a fork costs more than
    it saves. Whatever the child could not finish is done here, where an error is raised as usual.
    """
    if not parallel or len(items) < smallest or why_not_fork() is not None:
        return [work(item) for item in items]
    handle, name = tempfile.mkstemp(prefix="practice-exchange-", suffix=".pickle")
    os.close(handle)
    try:
        gc.freeze()  # the child's collector would otherwise touch, and so copy, every page of this process
        try:
            pid = os.fork()
        except OSError:
            pid = None
        finally:
            if pid != 0:
                gc.unfreeze()
        if pid == 0:  # the child: its share, then leave at once, without this process's exit handlers
            code = 1
            try:
                done = [work(item) for item in items[1::2]]
                with open(f"{name}.part", "wb") as out:
                    pickle.dump(done, out, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(f"{name}.part", name)
                code = 0
            finally:
                os._exit(code)
        mine = [work(item) for item in items[0::2]]
        theirs = cast("list[Result] | None", _collect(pid, name))
        if theirs is None or len(theirs) != len(items[1::2]):
            theirs = [work(item) for item in items[1::2]]
    finally:
        for leftover in (name, f"{name}.part"):
            if os.path.exists(leftover):
                os.unlink(leftover)
    results: list[Result] = []
    for at, result in enumerate(mine):
        results.append(result)
        if at < len(theirs):
            results.append(theirs[at])
    return results


def _collect(pid: int | None, name: str) -> list[object] | None:
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
    return done if isinstance(done, list) else None
