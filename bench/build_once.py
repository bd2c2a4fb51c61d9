"""Build one site in this process and print its build time and peak memory as JSON (used by run.py).

For a portal whose plugin forks its helper process, it also prints `together_mib`:
at most what the build and the helper hold at once. The helper lives while the
build converts the Markdown; until it ends, the build holds no more than it does
when it collects the helper's work, and the helper no more than its own pages
when it leaves (the rest it shares with the build). So the larger of the build's
peak and that sum bounds the two together.
"""

from __future__ import annotations

import json
import logging
import resource
import sys
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config


def memory_kib(field: str) -> int:
    """A field of this process's memory map summary, in KiB (`Rss`, `Private_Dirty`, ...)."""
    with open("/proc/self/smaps_rollup", encoding="ascii") as rollup:
        return sum(int(line.split()[1]) for line in rollup if line.split(":")[0] in field.split("+"))


def watch_helper() -> dict[str, int]:
    """Record the helper's own memory as it leaves, and the build's when it collects the work."""
    from practice_exchange.pages.ahead import Ahead

    seen = {"helper_kib": 0, "build_kib": 0}
    draw_all, wait = Ahead._draw_all, Ahead.wait

    def draw_all_and_note(self: Ahead) -> None:  # in the helper
        draw_all(self)
        (self.folder / "helper-kib").write_text(str(memory_kib("Private_Clean+Private_Dirty")))

    def wait_and_note(self: Ahead) -> None:
        forked = self.child is not None
        wait(self)
        note = self.folder / "helper-kib"
        if forked and note.is_file():
            seen["helper_kib"], seen["build_kib"] = int(note.read_text()), memory_kib("Rss")

    Ahead._draw_all, Ahead.wait = draw_all_and_note, wait_and_note  # type: ignore[method-assign]
    return seen


def main(config_file: str, site_dir: str) -> None:
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    seen = watch_helper() if "practice-exchange" in Path(config_file).read_text(encoding="utf-8") else {}
    start = time.perf_counter()
    config = load_config(config_file, site_dir=site_dir, strict=False)
    build(config)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    together_kib = max(peak_kib, seen.get("build_kib", 0) + seen.get("helper_kib", 0))
    print(json.dumps({"seconds": seconds, "peak_mib": peak_kib / 1024, "together_mib": together_kib / 1024,
                      "helper_mib": seen.get("helper_kib", 0) / 1024}))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
