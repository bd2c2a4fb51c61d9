"""Markdown for generated pages: category badges, and author HTML shown as text.

A visit's category markers are swapped, at the positions the matrix parser
recorded, for a private-use token that content may not hold (the loader refuses
it); Markdown leaves it as it is, and the rendered HTML gets a badge for each
token. On entry pages raw HTML is not passed through: what an author writes is
escaped like any other text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from ..content.matrix import CATEGORIES, Finding, without_comments
from .blocks import MARKER_RE
from .safety import Unsafe, UnsafeFinder, clean

OPEN, CLOSE = "\ue000", "\ue001"


def with_badges(body: str, findings: Sequence[Finding]) -> str:
    """The body with each finding's category marker replaced by its badge token."""
    lines = body.split("\n")
    for finding in findings:
        marker = finding.marker
        if marker is None or not finding.category or marker.line_index >= len(lines):
            continue
        line = lines[marker.line_index]
        # The file is read again when its page renders; a marker moved by an edit in between stays text.
        if line[marker.start : marker.end].strip("[] \t").casefold() == finding.category:
            lines[marker.line_index] = f"{line[: marker.start].rstrip()} {OPEN}{finding.category}{CLOSE}"
    return "\n".join(lines)


def _badge(category: str) -> str:
    meaning = CATEGORIES[category]
    for char, entity in (("&", "&amp;"), ('"', "&quot;"), ("<", "&lt;"), (">", "&gt;")):
        meaning = meaning.replace(char, entity)
    return f'<span class="px-badge px-badge--{category}" title="{meaning}">{category}</span>'


BADGES = {f"{OPEN}{category}{CLOSE}": _badge(category) for category in CATEGORIES}


def badges(html: str) -> str:
    """A page's rendered HTML with each badge token turned into its badge."""
    if OPEN not in html:
        return html
    for token, badge in BADGES.items():
        html = html.replace(token, badge)
    return html


def slot(name: str) -> str:
    """Where a findings block goes in a page's HTML until it is filled in.

    An empty element that search has nothing to read in; the block itself, which only
    repeats the visits' own pages, is put in after search has read the page.
    """
    return f'<div class="px-block-slot" data-px-block="{name}" data-search-exclude></div>'


# A slot, also after a plugin has written the page's HTML out again in its own way.
SLOT_RE = re.compile(r'<div\b[^>]*\bdata-px-block="([a-z-]+)"[^>]*>\s*</div>')


class _SlotProcessor(Preprocessor):
    """Swaps each findings marker line for its block's slot, kept aside as raw HTML."""

    def __init__(self, md: Markdown, names: frozenset[str]) -> None:
        super().__init__(md)
        self.names = names

    def run(self, lines: list[str]) -> list[str]:
        result = []
        for line in lines:
            match = MARKER_RE.match(line)
            if match and match.group(1) in self.names:
                result.extend(["", self.md.htmlStash.store(slot(match.group(1))), ""])
            else:
                result.append(line)
        return result


class _CommentRemover(Preprocessor):
    """Drops HTML comments (an author's notes) where other HTML is shown as text."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        return without_comments(text).split("\n") if "<!--" in text else lines


class _Sanitiser(Postprocessor):
    """The last step of an entry page's HTML: only what the allow-list keeps is published."""

    def run(self, text: str) -> str:
        return clean(text)


@dataclass(frozen=True, slots=True)
class EntryPage:
    """What the extension needs of the entry page being rendered: where its Markdown begins in its file."""

    path: str
    first_line: int  # the file line of the page's first Markdown line
    source: str = ""  # the page's Markdown, where a problem found in the tree is looked up for its line


class PortalMarkdown(Extension):
    """Registered once per build; the plugin sets what the page being rendered needs.

    `entry` is set while an entry page renders: its author HTML is shown as text and
    what Markdown extensions make of its text is sanitised (`found` collects what the
    sanitiser removes, with lines). `slots` names the findings blocks whose markers the
    page has. Pages without them pay for nothing.
    """

    def __init__(self) -> None:
        super().__init__()
        self.entry: EntryPage | None = None
        self.slots: frozenset[str] = frozenset()
        self.found: list[Unsafe] = []

    def set_page(self, *, entry: EntryPage | None, slots: frozenset[str]) -> None:
        """What the next page to render needs; forgets what the last one found."""
        self.entry = entry
        self.slots = slots
        self.found = []

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        if self.slots:
            # After fenced code is set aside (25), so a marker shown in a code block stays text.
            md.preprocessors.register(_SlotProcessor(md, self.slots), "px_findings_slots", 22)
        if self.entry is not None:
            # After fenced code (25) is set aside, so a comment shown in a code block stays.
            md.preprocessors.register(_CommentRemover(md), "px_comments", 21)
            for registry, name in ((md.preprocessors, "html_block"), (md.inlinePatterns, "html")):
                if name in registry:
                    registry.deregister(name)
            # Last of the tree processors: it sees every attribute the other extensions set.
            md.treeprocessors.register(UnsafeFinder(md, self.entry.first_line, self.entry.source, self.found), "px_unsafe", -100)
            md.postprocessors.register(_Sanitiser(md), "px_sanitise", -100)


def unsafe_in(body: str, first_line: int, extensions: Sequence[object], configs: Mapping[str, Any]) -> list[Unsafe]:
    """What the sanitiser would remove from an entry's body, rendered as its page renders it.

    For `practice-exchange check`, which builds no site but should refuse what the build refuses.
    """
    portal = PortalMarkdown()
    portal.set_page(entry=EntryPage("", first_line, body), slots=frozenset())
    Markdown(extensions=[*extensions, portal], extension_configs=dict(configs)).convert(body)  # type: ignore[list-item]
    return portal.found
