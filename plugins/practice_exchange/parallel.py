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


_frozen = 0  # how many holders keep the collector off the objects that exist now (see `freeze`)


def freeze() -> None:
    """Keep the cyclic collector off every object that exists now, until the matching `thaw`.

    For two reasons. A forked child's collector would otherwise touch, and so copy, every page of
    memory the two processes share. And a build holds what it has loaded until it ends: each full
    collection would walk all of it again, and they come more often as the build grows (at 20,000
    entries, 22 full collections took 6.4 s of the build process, against 1.4 s for MkDocs alone on
    the same pages). Objects that hold no cycle are still freed as soon as nothing refers to them.
    Holders nest: the collector walks them again once the last has let go.
    """
    global _frozen
    gc.freeze()
    _frozen += 1


def thaw() -> None:
    """Let go of one `freeze`; the last one gives the frozen objects back to the collector."""
    global _frozen
    _frozen = max(0, _frozen - 1)
    if _frozen == 0:
        gc.unfreeze()


KEEP_EVERY = 500  # files read, or pages converted, between two calls of `keep`


def keep() -> None:
    """Within a `freeze`: what exists now is held as long as the frozen rest, and the collector leaves it
    too. A build calls it every few hundred files read or pages converted: each full collection would
    otherwise walk again everything read so far (at 20,000 entries, 28 of them took 4.5 s).

    The garbage is collected first, so that none is held: that collection walks only what is not
    frozen yet, the objects made since the last call."""
    if _frozen:
        gc.collect()
        gc.freeze()


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
        freeze()  # in the child, for as long as it lives
        try:
            pid = os.fork()
        except OSError:
            pid = None
        finally:
            if pid != 0:
                thaw()
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
        keep()  # the child's results, just read, live as long as the caller's (within a `freeze`)
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
    # Thousands of objects made at once, none of them garbage: the collector would walk them again
    # and again as they come.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with open(name, "rb") as data:
            done = pickle.load(data)
    except (OSError, EOFError, pickle.UnpicklingError):
        return None
    finally:
        if collecting:
            gc.enable()
    return done if isinstance(done, dict) else None
