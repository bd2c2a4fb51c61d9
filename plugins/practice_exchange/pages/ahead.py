"""Page parts drawn ahead of need, on a second core, while MkDocs converts the Markdown.

The frame of a generated page (facts, tags, cross-references) and a findings
block need only the loaded content, not the page's Markdown; so do the export
files. Where a process can be forked safely (Linux, more than one core, no
other thread running), a child process draws every part, in the order the pages
will ask for them, into one file, then writes the exports, while this process
goes on with the Markdown. Each part is handed over as soon as it is in the
file: a page that asks for one the child has not reached draws it here instead
(and tells the child to skip it), so neither process waits for the other. Elsewhere,
or when the fork or the child fails, the exports are written here and each part
is drawn when it is asked for. The bytes are the same either way: the child runs
the very same functions on a copy of this process.
"""

from __future__ import annotations

import mmap
import os
import signal
import struct
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from ..parallel import freeze, thaw, why_not_fork

PARTS = "parts.bin"
DONE = "parts.done"
# Each part in the file: its number among the parts and its length in bytes, then its UTF-8 bytes.
HEADER = struct.Struct("<II")
_in_helper = False  # set in a helper: what it runs never forks another (two writers to one file)


def _become_helper() -> None:
    global _in_helper
    _in_helper = True


class Ahead:
    """Named strings, each made by a function, and one task to do last (the exports).

    `start()` forks the child where it can; `get(name)` gives one string, waiting for the child
    to reach it; `ready(*names)` gives some strings only if the child has drawn them already;
    `wait()` waits for the child (call it before the task's files are needed); `close()` ends it all.
    """

    RUNNING = object()

    def __init__(self, folder: Path, parts: Mapping[str, Callable[[], str | None]], prepare: Callable[[], None],
                 say: Callable[[str], None] = lambda _: None,
                 task: str = "draws the generated parts of the pages and the findings blocks, then prepares the"
                             " exports",
                 alone: str = "prepares everything", rest: str = "prepares the rest") -> None:
        self.folder = folder
        self.say = say  # what happened, for the build's debug log
        self.task, self.alone, self.rest = task, alone, rest  # how the log says what the helper does
        self.parts = parts
        self.names = list(parts)
        self.numbers = {name: number for number, name in enumerate(self.names)}
        self.prepare = prepare
        self.child: int | None = None
        self.code: int | object | None = self.RUNNING  # the child's exit code, once it has ended
        self.forked = False
        self.offsets: dict[str, tuple[int, int]] = {}
        self.fd: int | None = None  # the child's file, read as it grows
        self.read_to = 0  # where the next part's header will be
        # One byte per part, shared with the child: set here for a part this process drew itself.
        self.taken: mmap.mmap | None = None

    def start(self, parallel: bool = True) -> None:
        """Begin: in a child process if `parallel` and the platform allow it, else do the task now."""
        reason = "the option `parallel` is off" if not parallel else \
            "this is a helper process already" if _in_helper else why_not_fork()
        if reason is None:
            path = self.folder / PARTS
            path.write_bytes(b"")
            self.fd = os.open(path, os.O_RDONLY)
            self.taken = mmap.mmap(-1, max(1, len(self.parts)))
            # The collector would walk every object of the build and so copy every page of memory it
            # touches, in the child and in this process alike: frozen until the child ends, the objects
            # of the build stay shared between the two.
            freeze()
            try:
                pid = os.fork()
            except OSError as exc:
                thaw()
                self._let_go()
                reason = f"the fork failed ({exc})"
            else:
                if pid == 0:  # the child: draw, then leave at once, without this process's exit handlers
                    _become_helper()
                    code = 1
                    try:
                        self._draw_all()
                        code = 0
                    finally:
                        os._exit(code)
                self.child, self.forked = pid, True
                self.say(f"a helper process {self.task}")
        if reason is not None:
            self.say(f"no helper process ({reason}); the build process {self.alone}")
            self.prepare()

    def wait(self, limit: float | None = None) -> None:
        """Wait for the child (at most `limit` seconds, then it is stopped); if it did not finish its
        work, do the task here instead."""
        if self.child is None:
            return
        if limit is not None:
            deadline = time.monotonic() + limit
            while self.code is self.RUNNING and not self._ended():
                if time.monotonic() > deadline:
                    os.kill(self.child, signal.SIGKILL)
                    break
                time.sleep(0.005)
        if self.code is self.RUNNING:
            try:
                _, status = os.waitpid(self.child, 0)
                self.code = os.waitstatus_to_exitcode(status)
            except ChildProcessError:  # reaped elsewhere (SIGCHLD ignored): its mark tells whether it finished
                self.code = None
        self.child = None
        thaw()
        self._scan()
        if self.code not in (0, None) or not (self.folder / DONE).is_file():
            self.say(f"the helper process stopped (exit code {self.code}); the build process {self.rest}")
            # Whatever went wrong will happen again here, where it is reported like any other error.
            self.prepare()
        for name in (PARTS, DONE):
            (self.folder / name).unlink(missing_ok=True)  # the open file stays readable

    def skip_the_rest(self) -> None:
        """Tell the child to draw no more parts (the build no longer needs them)."""
        if self.taken is not None:
            self.taken[:] = b"\x01" * len(self.taken)

    def _ended(self) -> bool:
        """Whether the child has ended (its exit code is then kept for `wait`)."""
        assert self.child is not None
        try:
            pid, status = os.waitpid(self.child, os.WNOHANG)
        except ChildProcessError:
            self.code = None
            return True
        if pid == 0:
            return False
        self.code = os.waitstatus_to_exitcode(status)
        return True

    def get(self, name: str) -> str:
        """One part: from the child's file, once the child has drawn it, or drawn here (at once, for a
        part not given to the child, or one it was told to skip)."""
        if name not in self.parts:
            raise KeyError(name)
        while name not in self.offsets and self.child is not None and not self._skipped(name):
            if self._scan():
                continue
            if self._ended():
                self.wait()  # what it drew is in the file: the rest is drawn here
                break
            time.sleep(0.0005)
        found = self._read(name)
        if found is None:
            found = self.parts[name]()
            assert found is not None, f"{name} is drawn only by the helper"
        return found

    def ready(self, *names: str) -> list[str] | None:
        """These parts, if the child has drawn them all already; else None, and the child is told to
        skip them: the caller draws them itself rather than wait."""
        if self.child is not None or self.offsets:
            self._scan()
            found = [self._read(name) for name in names]
            if all(part is not None for part in found):
                return found  # type: ignore[return-value]
        if self.taken is not None:
            for name in names:
                self.taken[self.numbers[name]] = 1
        return None

    def _skipped(self, name: str) -> bool:
        return self.taken is not None and self.taken[self.numbers[name]] == 1

    def _read(self, name: str) -> str | None:
        place = self.offsets.get(name)
        if place is None or self.fd is None:
            return None
        return os.pread(self.fd, place[1], place[0]).decode("utf-8")

    def _scan(self) -> bool:
        """Note the parts the child has added to its file since the last look; whether there were any."""
        if self.fd is None:
            return False
        size, before = os.fstat(self.fd).st_size, self.read_to
        while self.read_to + HEADER.size <= size:
            number, length = HEADER.unpack(os.pread(self.fd, HEADER.size, self.read_to))
            end = self.read_to + HEADER.size + length
            if end > size:
                break  # still being written
            self.offsets[self.names[number]] = (self.read_to + HEADER.size, length)
            self.read_to = end
        return self.read_to != before

    def _let_go(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None
        if self.taken is not None:
            self.taken.close()
            self.taken = None

    def close(self) -> None:
        """Stop a child still at work and let go of its file."""
        if self.child is not None:
            try:
                os.kill(self.child, signal.SIGKILL)
                os.waitpid(self.child, 0)
            except OSError:
                pass
            self.child = None
            thaw()
        self._let_go()

    def _draw_all(self) -> None:
        assert self.taken is not None
        with open(self.folder / PARTS, "ab", buffering=0) as out:
            for number, draw in enumerate(self.parts.values()):
                if self.taken[number]:
                    continue  # drawn by the build process meanwhile
                made = draw()
                if made is None:
                    continue  # left to the build process
                data = made.encode("utf-8")
                # One write per part: the build reads a part only once all its bytes are in the file.
                out.write(HEADER.pack(number, len(data)) + data)
        self.prepare()
        (self.folder / DONE).write_bytes(b"")
