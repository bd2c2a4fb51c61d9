"""Which search a portal gets, and Pagefind's index of the built site.

Material's search loads one index of the whole site into every page: at 5,000
entries 16 MB (2.6 MB gzipped), at 20,000 four times that, parsed before the
first result. Pagefind's index comes in chunks fetched as the visitor types, so
a large portal answers from the header without that cost; a small one keeps
Material's search, which needs no files beside the pages and works offline.
This module needs no MkDocs: it chooses, and indexes a folder of built pages.
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .content.fields import unaccented
from .preview import discard

OPTIONS = ("auto", "material", "pagefind")
# With `search: auto`, a portal of more entries than this gets Pagefind: Material's index of
# 500 entries is about 1.6 MB (260 KB gzipped), which every page would load before anyone searches.
PAGEFIND_ENTRIES = 500
BUNDLE = "pagefind"  # the folder of the site the index is written to
# The page's own content: Material's article, without what the portal adds around an entry
# (facts, lists of other entries: marked for Material's search too) and the theme's buttons.
ROOT_SELECTOR = "article.md-content__inner"
EXCLUDED = ("[data-search-exclude]", ".headerlink", ".md-content__button", ".md-source-file", ".md-feedback")
# Pagefind writes ready-made interfaces too; the portal's search box is its own (Material's look).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css")
_INDEXED_RE = re.compile(r"Indexed (\d+) pages?")
SIGNATURE = b"pagefind_dcd"  # what each of Pagefind's index files starts with, once unzipped


# The field of Material's index that holds each section's words as typed without their accents.
FOLDED = "folded"
_WORD_RE = re.compile(r"\w+")


def folded(*texts: str) -> str:
    """The words of `texts` written with accents or letters beyond ASCII's (`Gijón`, `Łódź`, `Straße`),
    as a visitor types them without (`gijon lodz strasse`), each once, in the order they come.

    Material's search matches a word only as written: `Gijon` found nothing of Gijón, `cafe` no
    parents' café, where Pagefind, a larger portal's search, ignores the accents. Indexed as a field
    of its own, they find the section; its title and text are shown as written."""
    seen: dict[str, None] = {}
    for text in texts:
        for word in _WORD_RE.findall(text):
            # Lowercased as the search's own tokens are (`toLowerCase`, which keeps an `ß`).
            plain = unaccented(word).lower()
            if plain != word.lower() and plain.isalnum():
                seen.setdefault(plain)
    return " ".join(seen)


class SearchError(Exception):
    """Pagefind could not be run or failed: the message says why and what to do."""


class Stopped(Exception):
    """The indexing was asked to stop (a newer rebuild of `mkdocs serve` replaces it)."""


def executable() -> str | None:
    """Pagefind's program, or None when it is not installed: the one `PAGEFIND_BINARY_PATH` names (as
    the `pagefind` package reads it), else the one the `pagefind[bin]` package ships, else one on the
    PATH. Run directly, not through `python -m pagefind`, whose interpreter would start for nothing
    (0.13 s, at the end of every build)."""
    named = os.environ.get("PAGEFIND_BINARY_PATH")
    if named:
        return named
    if importlib.util.find_spec("pagefind_bin") is not None:
        from pagefind_bin import get_executable

        try:
            return str(get_executable())
        except FileNotFoundError:
            pass
    return shutil.which("pagefind")


def available() -> bool:
    """Whether Pagefind's program is installed (the `pagefind[bin]` package ships it)."""
    return executable() is not None


def choose(option: str, entries: int, offline: bool = False, installed: bool | None = None) -> tuple[str, str]:
    """The search the portal gets (`material` or `pagefind`), and why, for the build's log.

    `auto` takes Pagefind above `PAGEFIND_ENTRIES` entries, unless the site is made to be opened
    from files (Material's `offline` plugin: Pagefind fetches its index, which a browser refuses
    from `file://`) or Pagefind is not installed.
    """
    if option != "auto":
        return option, f"the option `search: {option}`"
    if entries <= PAGEFIND_ENTRIES:
        return "material", f"{entries} entries, at most {PAGEFIND_ENTRIES}"
    if offline:
        return "material", "the site is built to be opened offline, where Pagefind cannot load its index"
    if not (available() if installed is None else installed):
        return "material", "Pagefind is not installed (`pip install 'pagefind[bin]'`)"
    return "pagefind", f"{entries} entries, more than {PAGEFIND_ENTRIES}"


@dataclass(frozen=True)
class Indexed:
    """What Pagefind reported: the pages it indexed."""

    pages: int


def index(site: Path, pages: Iterable[str], stop: threading.Event | None = None) -> Indexed:
    """Index `pages` (their places in the built `site`) with Pagefind, into `site/pagefind/`.

    Only the pages named are indexed: Pagefind reads a folder, so they are linked into a scratch
    copy of the site's layout (hard links on the same disk, else copies) and indexed from there,
    which keeps each result's address the page's own. The index is written beside the site and
    put in its place when complete; `stop`, once set, ends the work (`Stopped`), leaving the site as it was.
    """
    program = executable()
    if program is None:
        raise SearchError("the option `search: pagefind` needs Pagefind: `pip install 'pagefind[bin]'`")
    scratch = Path(tempfile.mkdtemp(prefix=".px-search-", dir=writable(site.parent)))
    output = scratch / BUNDLE
    try:
        for page in sorted(set(pages)):
            if stop is not None and stop.is_set():
                raise Stopped  # thousands of links take a while on a disk
            source, copy = site / page, scratch / "site" / page
            copy.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, copy)
            except OSError:
                shutil.copyfile(source, copy)
        command = [program, "--site", str(scratch / "site"), "--output-path", str(output),
                   "--root-selector", ROOT_SELECTOR, "--exclude-selectors", ", ".join(EXCLUDED)]
        nice = shutil.which("nice")
        if stop is not None and nice is not None:
            # Under `mkdocs serve` the index is written in the background: the next rebuild, and the
            # browser loading the page just rebuilt, come first.
            command = [nice, "-n", "10", *command]
        code, said = _run(command, stop)
        if code != 0:
            raise SearchError("Pagefind failed to index the site: " + " / ".join(said.strip().splitlines()[-5:]))
        for name in UNUSED:
            (output / name).unlink(missing_ok=True)
        settle(output)
        if stop is not None and stop.is_set():
            raise Stopped
        shutil.rmtree(site / BUNDLE, ignore_errors=True)
        shutil.move(str(output), str(site / BUNDLE))
    finally:
        if stop is not None and stop.is_set():
            discard(scratch)  # a newer rebuild begins: not now
        else:
            shutil.rmtree(scratch, ignore_errors=True)
    found = _INDEXED_RE.search(said)
    return Indexed(int(found.group(1)) if found else 0)


def _run(command: list[str], stop: threading.Event | None) -> tuple[int, str]:
    """Run Pagefind: its exit code and what it printed; killed, and `Stopped` raised, once `stop` is set."""
    try:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   env={**os.environ, "NO_COLOR": "1"})
    except OSError as exc:
        raise SearchError(f"Pagefind could not be started: {exc}") from None
    while True:
        try:
            out, _ = process.communicate(timeout=0.1)
            if process.returncode < 0 and stop is not None:
                # Ended by a signal: under `mkdocs serve`, Ctrl-C reaches Pagefind with the server.
                raise Stopped
            return process.returncode, out or ""
        except subprocess.TimeoutExpired:
            if stop is not None and stop.is_set():
                process.kill()
                process.communicate()
                raise Stopped from None


def writable(folder: Path) -> str | None:
    """`folder` when a scratch folder can be made there (hard links and moves into the site want the
    site's disk), else None: the system's scratch folder."""
    return str(folder) if os.access(folder, os.W_OK) else None


def settle(bundle: Path) -> None:
    """Make Pagefind's filter files the same from one build to the next, as every other file of the
    site is: Pagefind writes a filter's values, and the list of filters, in an order that changes
    from run to run (it keeps them in hash maps). Here each filter file is written again with its
    values in order, named after its new content, and each language's list of files points at it."""
    entry_file = bundle / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text("utf-8"))
    for language in entry["languages"].values():
        meta_file = bundle / f"pagefind.{language['hash']}.pf_meta"
        meta = _read(meta_file)
        lang = language["hash"].rsplit("_", 1)[0]
        filters = []
        for name, digest in meta[3]:
            old = bundle / "filter" / f"{digest}.pf_filter"
            name_in_file, values = _read(old)
            values = sorted([value, sorted(pages)] for value, pages in values)
            filters.append([name, _write(bundle / "filter", lang, ".pf_filter", [name_in_file, values], 7)])
            old.unlink()
        meta[3] = sorted(filters)
        meta_file.unlink()
        language["hash"] = _write(bundle, lang, ".pf_meta", meta, 10, prefix="pagefind.")
    entry_file.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _read(path: Path) -> Any:
    import cbor2  # here: only a Pagefind build needs it, once its pages are written

    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise SearchError(f"Pagefind wrote {path.name} in a form this version cannot read")
    return cbor2.loads(data[len(SIGNATURE):])


def _write(folder: Path, lang: str, suffix: str, value: Any, length: int, prefix: str = "") -> str:
    """`value` as Pagefind's files hold it, named after its content; returns the name's hash part."""
    import cbor2

    data = SIGNATURE + cbor2.dumps(value)
    digest = f"{lang}_{hashlib.sha256(data).hexdigest()[:length]}"
    (folder / f"{prefix}{digest}{suffix}").write_bytes(gzip.compress(data, mtime=0))
    return digest
