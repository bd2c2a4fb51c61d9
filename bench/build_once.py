"""Build one site in this process and print its build time and peak memory as JSON (used by run.py).

`peak_mib` is the build process's peak resident memory. For a portal, whose plugin forks helper
processes (one reads half the entry files, one draws page parts ahead, one draws pages from the
last one back), `together_mib` is the most that the build and its helpers held at once, sampled
every 100 ms by a watcher process: the sum of their proportional set sizes (PSS), which counts a
page of memory the helpers share with the build once, as the machine holds it. Sampled the same
way, a baseline's `together_mib` is its own peak. Pagefind, run by the portal's build at its end,
is left out of that sum: its largest process is `child_mib`. `helper_mib` is the largest helper's
own memory as it leaves.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import select
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config


def memory_kib(field: str) -> int:
    """A field of this process's memory map summary, in KiB (`Rss`, `Private_Dirty`, ...)."""
    with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
        return sum(int(line.split()[1]) for line in rollup if line.split(":")[0] in field.split("+"))


def watch_helpers() -> list[dict[str, int]]:
    """Note each helper's own memory as it leaves, and the build's when it collects that helper's work."""

    from practice_exchange import parallel
    from practice_exchange.pages.ahead import Ahead

    seen: list[dict[str, int]] = []
    notes = Path(tempfile.mkdtemp(prefix="px-bench-helpers-"))
    build_pid, leave = os.getpid(), os._exit

    def leave_noting(code: int) -> None:  # a helper's last step
        if os.getpid() != build_pid:
            (notes / str(os.getpid())).write_text(str(memory_kib("Private_Clean+Private_Dirty")))
        leave(code)

    def noted(pid: int | None) -> None:  # in the build, as it collects a helper's work
        note = notes / str(pid)
        if pid is not None and note.is_file():
            seen.append({"helper_kib": int(note.read_text()), "build_kib": memory_kib("Rss")})

    collect, wait = parallel._collect, Ahead.wait

    def collect_noting(pid: int | None, name: str) -> dict[int, object] | None:
        done = collect(pid, name)
        noted(pid)
        return done

    def wait_noting(self: Ahead, limit: float | None = None) -> None:
        child = self.child
        wait(self, limit)
        noted(child)

    os._exit = leave_noting  # type: ignore[assignment]
    parallel._collect = collect_noting  # type: ignore[assignment]
    Ahead.wait = wait_noting  # type: ignore[method-assign]
    return seen


SAMPLED_EVERY = 0.1  # seconds: a build's memory climbs and falls over seconds


def pss_kib(pid: int) -> int:
    """A process's proportional set size in KiB, 0 once it has ended."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            return next((int(line.split()[1]) for line in rollup if line.startswith("Pss:")), 0)
    except OSError:
        return 0


def family(pid: int, program: str, skip: int) -> list[int]:
    """`pid` and its descendants that run `program` (the build's forked helpers, not Pagefind), but `skip`."""
    found, todo = [], [pid]
    while todo:
        one = todo.pop()
        found.append(one)
        try:
            tasks = os.listdir(f"/proc/{one}/task")
        except OSError:
            continue
        for task in tasks:
            try:
                with open(f"/proc/{one}/task/{task}/children", encoding="ascii") as children:
                    kids = [int(kid) for kid in children.read().split()]
            except OSError:
                continue
            for kid in kids:
                try:
                    runs = os.readlink(f"/proc/{kid}/exe")
                except OSError:
                    continue
                if kid != skip and runs == program:
                    todo.append(kid)
    return found


def watch_memory() -> Callable[[], int]:
    """Start a watcher process that samples what this process and its helpers hold together; the
    function returned stops it and gives the largest sum seen, in KiB."""
    build_pid, program = os.getpid(), os.readlink("/proc/self/exe")
    stop_read, stop_write = os.pipe()
    answer_read, answer_write = os.pipe()
    watcher = os.fork()
    if watcher == 0:
        os.close(stop_write)
        os.close(answer_read)
        # Reading a large process's memory map takes the kernel a while: at its own priority, every 20 ms,
        # the watcher took a sixth of a core from a build that keeps both busy (the baseline's leaves one free).
        os.nice(19)
        most = 0
        me = os.getpid()
        while not select.select([stop_read], [], [], SAMPLED_EVERY)[0]:
            most = max(most, sum(pss_kib(pid) for pid in family(build_pid, program, me)))
        os.write(answer_write, str(most).encode())
        os._exit(0)
    os.close(stop_read)
    os.close(answer_write)

    def stop() -> int:
        os.write(stop_write, b"x")
        os.waitpid(watcher, 0)
        with os.fdopen(answer_read, "rb") as answer:
            return int(answer.read() or 0)

    return stop


def main(config_file: str, site_dir: str) -> None:
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    seen = watch_helpers() if "practice-exchange" in Path(config_file).read_text(encoding="utf-8") else []
    watched = watch_memory()
    start = time.perf_counter()
    config = load_config(config_file, site_dir=site_dir, strict=False)
    build(config)
    seconds = time.perf_counter() - start
    together_kib = watched()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    helper_kib = max((one["helper_kib"] for one in seen), default=0)
    # The largest process the build started and waited for: a helper, or Pagefind indexing the site.
    child_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # The processor time the build used, its helpers' and Pagefind's included: unlike the wall
    # clock, it does not grow when other machines share the processor (a virtual machine's stolen time).
    cpu = sum(getattr(resource.getrusage(who), field) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
              for field in ("ru_utime", "ru_stime"))
    print(json.dumps({"seconds": seconds, "cpu_s": cpu, "peak_mib": peak_kib / 1024,
                      "together_mib": together_kib / 1024, "helper_mib": helper_kib / 1024, "helpers": len(seen),
                      "child_mib": child_kib / 1024}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
