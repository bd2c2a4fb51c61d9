"""What `mkdocs serve` keeps from one rebuild to the next, so that saving one entry of thousands
shows in the browser within seconds rather than after a full build.

A rebuild is a full build, with two shortcuts, each taken only where it cannot change the result:

- an entry file whose state (time of change, size, inode) is the same as at the last build is not
  read again: what reading it gave is kept (`memo`, by file and state);
- a generated page whose document is the same as at the last build, at the same address, while
  nothing the theme draws around every page has changed (the menu, the configuration, the
  hand-written pages, the network file, the theme's own files: `signature`), is not converted and
  drawn by the theme again: its last HTML is written as it was (`pages`).

Every document is still drawn from the content as it is now, so a change shows wherever it
belongs: the entry, the listings, the catalogue, the pages of the entries that name it. This
module needs no MkDocs.
"""

from __future__ import annotations

import hashlib
import html
import os
import posixpath
import shutil
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import yaml

from .content.portal import stamp
from .errors import Problem, plural

# From this many entries `mkdocs serve` suggests `--dirty` where a rebuild cannot carry unchanged pages over
# (`carried.py`, which other plugins' page hooks rule out): MkDocs otherwise empties the site and
# writes every page on each rebuild: at 5,000 entries, 5 to 6 s from a save to the page shown, against
# 2.4 to 3 s with `--dirty` (measured on a 2-core machine's disk; see the README's Benchmark).
LARGE_PORTAL = 1000
REPLAY_TEMPLATE = "practice-exchange-replay.html"  # the theme's template of a page written as it was


@dataclass(frozen=True)
class Drawn:
    """A page as the last build wrote it: its document's digest, its address, its HTML (compressed:
    thousands of pages are kept) and the anchors it holds, which links from other pages are checked against."""

    digest: bytes
    url: str
    html: bytes
    anchors: frozenset[str]


class _AnyTags(yaml.SafeLoader):
    """YAML read for its `INHERIT` key alone: a value of any tag (`!ENV`, `!!python/name:`) is nothing."""


_AnyTags.add_multi_constructor("!", lambda loader, suffix, node: None)
_AnyTags.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
INHERITED_AT_MOST = 10  # files in a chain of `INHERIT:` (MkDocs itself would loop on a cycle)


def inherited(config_file: Path) -> list[Path]:
    """`mkdocs.yml`, and the files it inherits from (`INHERIT:`), whose settings are as much its own:
    a change to any of them is a change of configuration. The chain ends where a file cannot be read
    (MkDocs says why)."""
    chain, seen = [config_file], {config_file.resolve()}
    while len(chain) < INHERITED_AT_MOST:
        try:
            with chain[-1].open("rb") as file:
                data = yaml.load(file, Loader=_AnyTags)
        except (OSError, yaml.YAMLError):
            break
        parent = data.get("INHERIT") if isinstance(data, dict) else None
        if not isinstance(parent, str):
            break
        # As MkDocs finds it: beside the file as it was named, not where a link in its path leads.
        path = Path(os.path.normpath(chain[-1].parent / parent))
        if path.resolve() in seen:
            break
        chain.append(path)
        seen.add(path.resolve())
    return chain


@dataclass
class Preview:
    """The state `mkdocs serve` keeps between rebuilds (see the module's docstring)."""

    memo: dict[tuple[str, str, tuple[int, int, int]], object] = field(default_factory=dict)
    # The report's chapters whose ids take `--` at the last rebuild (`pages.markdown.begun`): a file
    # whose chapter changes so is read again, though it did not change.
    begun: frozenset[str] = frozenset()
    pages: dict[str, Drawn] = field(default_factory=dict)
    # An entry page's inputs at the last build: its file's and the files' of the entries it shows.
    frames: dict[str, tuple[object, ...]] = field(default_factory=dict)
    signature: tuple[object, ...] | None = None
    config: tuple[tuple[int, int, int], ...] | None = None  # mkdocs.yml's state, and of each file it inherits
    # `mkdocs serve --dirty`: MkDocs then draws only the pages whose source is newer than their HTML.
    dirty: bool = False
    # Whether each page written is searched (Pagefind), by its place: a dirty rebuild writes only some.
    searched: dict[str, bool] = field(default_factory=dict)
    # The plugin's templates as compiled at the last build, by name and source (a changed one is compiled again).
    compiled: Compiled = field(default_factory=lambda: Compiled())
    said: set[str] = field(default_factory=set)  # the build's notes the log has shown (`first_time`)

    def chapters_begun(self, names: frozenset[str]) -> None:
        """The chapters whose ids take `--` for this rebuild: those that changed are read again."""
        changed = self.begun ^ names
        if changed:
            for key in [key for key in self.memo if posixpath.basename(key[1]).removesuffix(".md") in changed]:
                del self.memo[key]
        self.begun = names

    def first_time(self, note: str) -> bool:
        """Whether the build's log has not shown `note` before, in this server's life."""
        if note in self.said:
            return False
        self.said.add(note)
        return True

    def start(self, config_file: Path) -> None:
        """A rebuild begins: what was read under another configuration is not kept."""
        state = tuple(stamp(path) for path in inherited(config_file))
        if state != self.config:
            self.memo.clear()
            self.pages.clear()
            self.frames.clear()
            self.searched.clear()
            # Compiled code also depends on the template environment's settings, which mkdocs.yml sets.
            self.compiled = Compiled()
            self.signature = None
            self.said.clear()  # the notes say what the configuration chose: shown again for the new one
            self.config = state

    def around(self, signature: tuple[object, ...]) -> None:
        """What the theme draws around every page, for this rebuild: when it changed, no page is kept."""
        if signature != self.signature:
            self.pages.clear()
            self.frames.clear()
            self.signature = signature

    def unchanged(self, src_uri: str, url: str, document: bytes) -> bool:
        """Whether the page at `src_uri`, whose document has the digest `document`, would be drawn
        as the last build drew it."""
        drawn = self.pages.get(src_uri)
        return drawn is not None and drawn.url == url and drawn.digest == document

    def drawn_from(self, src_uri: str, url: str, inputs: tuple[object, ...]) -> bool:
        """Whether the entry page at `src_uri` was drawn at the last build, at `url`, from the same inputs."""
        drawn = self.pages.get(src_uri)
        return drawn is not None and drawn.url == url and self.frames.get(src_uri) == inputs

    def keep(self, src_uri: str, url: str, document: bytes, html: str, anchors: Iterable[str],
             inputs: tuple[object, ...] | None = None) -> None:
        """A page as this build drew it, by its document's digest (and an entry's, by its inputs)."""
        self.pages[src_uri] = Drawn(document, url, zlib.compress(html.encode("utf-8"), 1), frozenset(anchors))
        if inputs is not None:
            self.frames[src_uri] = inputs

    def html(self, src_uri: str) -> str:
        return zlib.decompress(self.pages[src_uri].html).decode("utf-8")

    def forget_others(self, kept: Iterable[str]) -> None:
        """Pages no longer in the site are not kept."""
        keep = set(kept)
        for src_uri in [uri for uri in self.pages if uri not in keep]:
            del self.pages[src_uri]
            self.frames.pop(src_uri, None)


class Compiled(jinja2.BytecodeCache):
    """Compiled templates kept in memory, so that each rebuild does not compile them again."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key + bucket.checksum)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key + bucket.checksum] = bucket.bytecode_to_string()


def digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).digest()


def tree_state(folder: Path | None) -> tuple[tuple[str, tuple[int, int, int]], ...]:
    """Every file under `folder` with its state (the theme's own files, the hand-written pages)."""
    if folder is None or not folder.is_dir():
        return ()
    return tuple(sorted((path.relative_to(folder).as_posix(), stamp(path))
                        for path in folder.rglob("*") if path.is_file()))


# The page `mkdocs serve` shows while the content has errors (any address answers with it: MkDocs's
# server sends the site's 404.html for a page that is not there). Without it, the browser waited for
# a rebuild that never came, and the author had to look for the problems in the terminal.
WAITING_STYLE = ("body{font:1rem/1.5 system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;"
                 "color:#1a1a1a;background:#fff}h1{font-size:1.5rem}li{margin:.6rem 0}"
                 "code{background:#f0f0f0;padding:0 .2rem;border-radius:.2rem}")
# Waits for the next build MkDocs's server finishes (its live-reload address answers once there is
# one newer than the number it is given), then loads the address again: the page, once it is fixed.
WAITING_SCRIPT = """(function () {
  function poll(epoch) {
    fetch("/livereload/" + epoch + "/" + Date.now(), {cache: "no-store"})
      .then(function (answer) { return answer.text(); })
      .then(function (text) {
        var now = parseInt(text, 10);
        if (epoch > 0 && now > epoch) { location.reload(); } else { poll(now || epoch); }
      })
      .catch(function () { setTimeout(function () { poll(epoch); }, 1000); });
  }
  poll(0);
})();"""


def waiting_page(site_name: str, problems: Sequence[Problem], what: str = "content") -> str:
    """The page a served site shows while the content has errors: each problem's place and what to
    do, as the terminal shows them, every word of it text. `site_name` as the theme prints it (already
    escaped, `name_as_text`) or as written: its character references are read first, as the theme's
    are, so that `A & B` is not shown as `A &amp;amp; B`. `what` has the errors: the content, or the
    configuration MkDocs could not read."""
    name = html.escape(html.unescape(str(site_name)))
    items = "\n".join(f"<li><code>{html.escape(p.where())}</code>: {html.escape(p.what())}</li>" for p in problems)
    count = len(problems)
    return (f'<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>The preview waits for a fix · {name}</title>\n"
            f"<style>{WAITING_STYLE}</style>\n</head>\n<body>\n<main>\n<h1>The preview waits for a fix</h1>\n"
            f"<p>The {html.escape(what)} has {plural(count, 'error')}, so the site was not built."
            f" Fix {'it' if count == 1 else 'them'} and save: this page then shows the site again by itself.</p>\n"
            f"<ol>\n{items}\n</ol>\n</main>\n<script>{WAITING_SCRIPT}</script>\n</body>\n</html>\n")


_discarding: list[Path] = []


def discard(folder: Path) -> None:
    """Remove `folder` later (`discarded`): a scratch folder of a rebuild, which holds hundreds of
    files (the build's documents), or thousands (the copy of the site Pagefind reads: a link for
    every page, about half a second to remove from a disk at 5,000 entries). Removed meanwhile,
    it would share the processor with the rebuild that follows a save, or keep it waiting; the
    next rebuild's background work removes it, once that rebuild is shown, or the server's end."""
    _discarding.append(folder)


def discarded() -> None:
    """Remove every folder handed to `discard` so far."""
    while True:
        try:
            folder = _discarding.pop()  # the server's end and a rebuild's background work may both ask
        except IndexError:
            return
        shutil.rmtree(folder, ignore_errors=True)
