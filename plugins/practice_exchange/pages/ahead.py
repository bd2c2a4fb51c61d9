"""Page parts drawn ahead of need, on a second core, while MkDocs converts the Markdown.

The frame of a generated page (facts, tags, cross-references) and a findings
block need only the loaded content, not the page's Markdown; so do the export
files. Where a process can be forked safely (Linux, no other thread running),
a child process writes the exports and draws every part into one file while
this process goes on with the Markdown; each part is then read back when its
page is written. Elsewhere, or when the child fails, the exports are written
here and each part is drawn when it is asked for. The bytes are the same
either way: the child runs the very same functions on a copy of this process.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import BinaryIO

PARTS = "parts.bin"
INDEX = "parts.json"


def can_fork() -> bool:
    """Whether a child process may be forked here without risk of a deadlock in it."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and threading.active_count() == 1


class Ahead:
    """Named strings, each made by a function, and one task to do first (the exports).

    `start()` forks the child where it can; `wait()` waits for it (call it before the
    task's results are needed); `get(name)` gives one string; `close()` ends it all.
    """

    def __init__(self, folder: Path, parts: Mapping[str, Callable[[], str]], first: Callable[[], None]) -> None:
        self.folder = folder
        self.parts = parts
        self.first = first
        self.child: int | None = None
        self.forked = False
        self.offsets: dict[str, tuple[int, int]] = {}
        self.file: BinaryIO | None = None

    def start(self, parallel: bool = True) -> None:
        """Begin: in a child process if `parallel` and the platform allow it, else do the first task now."""
        if parallel and can_fork():
            pid = os.fork()
            if pid == 0:  # the child: draw, then leave at once, without running this process's exit handlers
                code = 1
                try:
                    self._draw_all()
                    code = 0
                finally:
                    os._exit(code)
            self.child, self.forked = pid, True
        else:
            self.first()

    def wait(self) -> None:
        """Wait for the child; if it did not finish its work, do the first task here instead."""
        if self.child is None:
            return
        _, status = os.waitpid(self.child, 0)
        self.child = None
        if os.waitstatus_to_exitcode(status) == 0:
            self.offsets = {name: (at, size) for name, (at, size) in
                            json.loads((self.folder / INDEX).read_text(encoding="utf-8")).items()}
            self.file = open(self.folder / PARTS, "rb")  # noqa: SIM115 (kept open until close())
        else:
            # Whatever went wrong will happen again here, where it is reported like any other error.
            self.first()

    def get(self, name: str) -> str:
        """One part, read from the child's file or drawn here."""
        self.wait()
        place = self.offsets.get(name)
        if place is None or self.file is None:
            return self.parts[name]()
        self.file.seek(place[0])
        return self.file.read(place[1]).decode("utf-8")

    def close(self) -> None:
        """Stop a child still at work and let go of its file."""
        if self.child is not None:
            try:
                os.kill(self.child, signal.SIGKILL)
                os.waitpid(self.child, 0)
            except OSError:
                pass
            self.child = None
        if self.file is not None:
            self.file.close()
            self.file = None

    def _draw_all(self) -> None:
        self.first()
        offsets: dict[str, tuple[int, int]] = {}
        at = 0
        with open(self.folder / PARTS, "wb") as out:
            for name, draw in self.parts.items():
                data = draw().encode("utf-8")
                out.write(data)
                offsets[name] = (at, len(data))
                at += len(data)
        # The index last: a child that stops half-way leaves none, and the parent draws for itself.
        (self.folder / INDEX).write_text(json.dumps(offsets), encoding="utf-8")
