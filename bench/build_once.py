"""Build one site in this process and print its build time and peak memory as JSON (used by run.py).

For a portal, whose plugin forks helper processes (one reads half the entry files,
one draws page parts ahead), it also prints `together_mib`: at most what the build
and a helper hold at once. A helper lives while the build works on; until it ends,
the build holds no more than it does when it collects the helper's work, and the
helper no more than its own pages when it leaves (the rest it shares with the
build). So the larger of the build's peak and, for each helper, that sum bounds
them together. `helper_mib` is the largest helper's own memory.
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import tempfile
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config


def memory_kib(field: str) -> int:
    """A field of this process's memory map summary, in KiB (`Rss`, `Private_Dirty`, ...)."""
    with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
        return sum(int(line.split()[1]) for line in rollup if line.split(":")[0] in field.split("+"))


def watch_helpers() -> list[dict[str, int]]:
    """Note each helper's own memory as it leaves, and the build's when it collects that helper's work."""
    import os

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


def main(config_file: str, site_dir: str) -> None:
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    seen = watch_helpers() if "practice-exchange" in Path(config_file).read_text(encoding="utf-8") else []
    start = time.perf_counter()
    config = load_config(config_file, site_dir=site_dir, strict=False)
    build(config)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    together_kib = max([peak_kib, *(one["build_kib"] + one["helper_kib"] for one in seen)])
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
