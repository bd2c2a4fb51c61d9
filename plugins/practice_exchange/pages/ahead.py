"""Page parts drawn ahead of need, on a second core, while MkDocs converts the Markdown.

The frame of a generated page (facts, tags, cross-references) and a findings
block need only the loaded content, not the page's Markdown; so do the export
files. Where a process can be forked safely (Linux, more than one core, no
other thread running), a child process writes the exports and draws every part
into one file while this process goes on with the Markdown; each part is then
read back when its page is written. Elsewhere, or when the fork or the child
fails, the exports are written here and each part is drawn when it is asked
for. The bytes are the same either way: the child runs the very same functions
on a copy of this process.
"""

from __future__ import annotations

import gc
import json
import os
import signal
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import BinaryIO

from ..parallel import why_not_fork

PARTS = "parts.bin"
INDEX = "parts.json"


class Ahead:
    """Named strings, each made by a function, and one task to do first (the exports).

    `start()` forks the child where it can; `wait()` waits for it (call it before the
    task's files are needed); `get(name)` gives one string; `close()` ends it all.
    """

    def __init__(self, folder: Path, parts: Mapping[str, Callable[[], str]], prepare: Callable[[], None],
                 say: Callable[[str], None] = lambda _: None) -> None:
        self.folder = folder
        self.say = say  # what happened, for the build's debug log
        self.parts = parts
        self.prepare = prepare
        self.child: int | None = None
        self.forked = False
        self.offsets: dict[str, tuple[int, int]] = {}
        self.file: BinaryIO | None = None

    def start(self, parallel: bool = True) -> None:
        """Begin: in a child process if `parallel` and the platform allow it, else do the first task now."""
        reason = "the option `parallel` is off" if not parallel else why_not_fork()
        if reason is None:
            # The collector in the child would walk every object of the build and so copy every
            # page of memory it touches: frozen, it leaves the child's copy of the build alone.
            gc.freeze()
            try:
                pid = os.fork()
            except OSError as exc:
                gc.unfreeze()
                reason = f"the fork failed ({exc})"
            else:
                if pid == 0:  # the child: draw, then leave at once, without this process's exit handlers
                    code = 1
                    try:
                        self._draw_all()
                        code = 0
                    finally:
                        os._exit(code)
                gc.unfreeze()
                self.child, self.forked = pid, True
                self.say("a helper process prepares the exports, the generated parts of the pages and the"
                         " findings blocks")
        if reason is not None:
            self.say(f"no helper process ({reason}); the build process prepares everything")
            self.prepare()

    def wait(self) -> None:
        """Wait for the child; if it did not finish its work, do the first task here instead."""
        if self.child is None:
            return
        child, self.child = self.child, None
        try:
            _, status = os.waitpid(child, 0)
            code: int | None = os.waitstatus_to_exitcode(status)
        except ChildProcessError:  # reaped elsewhere (SIGCHLD ignored): its index tells whether it finished
            code = None
        index = self.folder / INDEX
        if code in (0, None) and index.is_file():
            self.offsets = {name: (at, size) for name, (at, size) in json.loads(index.read_text("utf-8")).items()}
            self.file = open(self.folder / PARTS, "rb")  # noqa: SIM115 (kept open until close())
        else:
            self.say(f"the helper process stopped (exit code {code}); the build process prepares everything")
            # Whatever went wrong will happen again here, where it is reported like any other error.
            self.prepare()
        for name in (PARTS, INDEX):
            (self.folder / name).unlink(missing_ok=True)  # the open file stays readable

    def get(self, name: str) -> str:
        """One part, read from the child's file or drawn here (at once, for a part not given to the child)."""
        if name not in self.parts:
            raise KeyError(name)
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
        self.prepare()
        offsets: dict[str, tuple[int, int]] = {}
        at = 0
        with open(self.folder / PARTS, "wb") as out:
            for name, draw in self.parts.items():
                data = draw().encode("utf-8")
                out.write(data)
                offsets[name] = (at, len(data))
                at += len(data)
        # The index last, whole or not at all: a child stopped half-way leaves none.
        partial = self.folder / (INDEX + ".part")
        partial.write_text(json.dumps(offsets), encoding="utf-8")
        os.replace(partial, self.folder / INDEX)
