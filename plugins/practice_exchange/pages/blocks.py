"""Findings blocks placed in pages by marker comments, such as `<!-- findings:schedule -->`.

A marker stands alone on its line, outside code blocks. The plugin checks
every marker's name before anything renders, then a Markdown preprocessor
swaps each marker for its rendered block.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..content.fields import identity
from ..content.frontmatter import SourceError, decode, read_bytes
from ..content.matrix import outside_fences
from ..errors import Report, did_you_mean
from ..findings import BLOCKS

MARKER_RE = re.compile(r"^<!--\s*findings:\s*([A-Za-z0-9_-]*)\s*-->\s*$")


@dataclass(frozen=True)
class MarkerComment:
    """One `<!-- findings:name -->` comment: the line it stands on and the block it names."""

    line: int
    name: str


def find_markers(text: str) -> list[MarkerComment]:
    """Every marker comment of a Markdown text, outside fenced code."""
    return [
        MarkerComment(index + 1, match.group(1))
        for index, line in outside_fences(text.split("\n"))
        if (match := MARKER_RE.match(line))
    ]


def check_markers(path: str, markers: list[MarkerComment], report: Report) -> None:
    """An unknown block name is an error with the closest valid name; a block placed twice on one page,
    a warning (`--strict` refuses it): its anchors (a host's, a session's lessons') would be on the page
    twice, and a link to one would lead to the first."""
    first: dict[str, int] = {}
    for marker in markers:
        if marker.name not in BLOCKS:
            report.error(path, marker.line, "findings",
                         f"unknown findings block `{marker.name}`{did_you_mean(marker.name, BLOCKS)}"
                         f" (the blocks are: {', '.join(BLOCKS)})")
        elif marker.name in first:
            report.warning(path, marker.line, "findings",
                           f"the findings block `{marker.name}` is placed at line {first[marker.name]} of this page"
                           " already; a page shows each block once, so remove one of the two markers")
        else:
            first[marker.name] = marker.line


def default_page(visits: bool, sessions: bool, gettext: Callable[[str], str] = identity) -> str:
    """The findings page of a portal without its own: the visits' blocks when it has visits, the
    sessions' lessons when it has sessions, and the classes of benefit and the themes always."""
    if visits and sessions:
        intro = gettext("The network's findings, compiled from every visit report and every session report.")
    elif sessions:
        intro = gettext("The network's findings, compiled from every session report.")
    else:
        intro = gettext("The network's findings, compiled from every visit report.")
    heading = {"who": gettext("Who visited whom"), "schedule": gettext("Schedule"),
               "hosts": gettext("Findings per host"), "lessons": gettext("Lessons of the sessions"),
               "practices": gettext("Practices seen"), "transfer": gettext("What came of the ideas"),
               "categories": gettext("Classes of benefit"), "tags": gettext("Themes")}
    parts = [intro]
    if visits:
        parts += [f"## {heading['who']}", "<!-- findings:network-graph -->", "<!-- findings:matrix -->",
                  f"## {heading['schedule']}", "<!-- findings:schedule -->",
                  f"## {heading['hosts']}", "<!-- findings:hosts -->",
                  f"## {heading['practices']}", "<!-- findings:practices -->"]
    if sessions:
        parts += [f"## {heading['lessons']}", "<!-- findings:lessons -->"]
    parts += [f"## {heading['categories']}", "<!-- findings:categories -->"]
    if visits:
        parts += [f"## {heading['transfer']}", "<!-- findings:transfer -->"]
    parts += [f"## {heading['tags']}", "<!-- findings:tags -->"]
    return "\n\n".join(parts) + "\n"


DEFAULT_PAGE = default_page(visits=True, sessions=False)


def read_page(path: Path) -> str:
    """A hand-written page's text; a `SourceError` when it cannot be read or is not UTF-8.

    MkDocs would stop at such a page with a traceback; this says which page and why.
    """
    return decode(read_bytes(path, limit=False))


def check_page(rel: str, path: Path, report: Report) -> str | None:
    """A hand-written page's text with its markers checked, or None (reported) when it cannot be read."""
    try:
        text = read_page(path)
    except SourceError as exc:
        report.error(rel, exc.line, exc.field, exc.message)
        return None
    if "findings:" in text:
        check_markers(rel, find_markers(text), report)
    return text


def taken_place(top: str, entries: Mapping[str, str], docs: str = "docs") -> str:
    """Why a hand-written page may not be in the site's folder `top`, and where it goes instead;
    `entries`: each kind's site folder -> the portal's folder of its entry files; `docs`: the docs folder."""
    where = f"`{top}/` in the site belongs to the pages the plugin makes; move this page elsewhere in `{docs}/`"
    if top in entries:
        # A visit report saved under docs/visits/ is an entry in the wrong place: a new user's review.
        where += f", or, if it is an entry, into the portal's own `{entries[top]}/` folder, beside `{docs}/`"
    return where


def folder_name(folder: Path, root: Path) -> str:
    """A folder as messages name it: from the portal's folder (`docs`, `content/pages`), or in full."""
    return folder.relative_to(root).as_posix() if folder.is_relative_to(root) else folder.as_posix()


def check_docs(docs: Path, root: Path, report: Report, taken: Collection[str] = (),
               entries: Mapping[str, str] | None = None) -> None:
    """Check every hand-written page under `docs` (for `practice-exchange check`); `taken`: the
    site's folders of generated pages, where a hand-written page may not go (as the build says);
    `entries`: those of entries, with the portal's folder of their files."""
    if not docs.is_dir():
        return
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        inside = path.relative_to(docs).parts
        if len(inside) > 1 and inside[0] in taken:
            report.error(rel, None, None, taken_place(inside[0], entries or {}, folder_name(docs, root)))
        check_page(rel, path, report)
