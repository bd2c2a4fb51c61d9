"""Markdown for generated pages: category badges, and author HTML shown as text.

A visit's category markers are swapped, at the positions the matrix parser
recorded, for a private-use token that content may not hold (the loader refuses
it); Markdown leaves it as it is, and the rendered HTML gets a badge for each
token. On entry pages raw HTML is not passed through: what an author writes is
escaped like any other text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from ..content.matrix import CATEGORIES, Finding
from .blocks import MARKER_RE

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


COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)


class _CommentRemover(Preprocessor):
    """Drops HTML comments (an author's notes) where other HTML is shown as text."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "<!--" not in text:
            return lines
        return COMMENT_RE.sub(lambda m: "\n" * m.group(0).count("\n"), text).split("\n")


class PortalMarkdown(Extension):
    """Registered once per build; the plugin sets what the page being rendered needs.

    `escape_html` is on while a generated page renders; `slots` names the findings
    blocks whose markers the page has. Pages without them pay for nothing.
    """

    def __init__(self) -> None:
        super().__init__()
        self.escape_html = False
        self.slots: frozenset[str] = frozenset()

    def set_page(self, *, escape_html: bool, slots: frozenset[str]) -> None:
        """What the next page to render needs."""
        self.escape_html = escape_html
        self.slots = slots

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        if self.slots:
            # After fenced code is set aside (25), so a marker shown in a code block stays text.
            md.preprocessors.register(_SlotProcessor(md, self.slots), "px_findings_slots", 22)
        if self.escape_html:
            # After fenced code (25) is set aside, so a comment shown in a code block stays.
            md.preprocessors.register(_CommentRemover(md), "px_comments", 21)
            for registry, name in ((md.preprocessors, "html_block"), (md.inlinePatterns, "html")):
                if name in registry:
                    registry.deregister(name)
