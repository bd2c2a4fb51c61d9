"""Markdown for generated pages: entries read as the data reads them, badges, sanitised HTML.

An entry page's body is parsed with the same `EntryMarkdown` the loader reads
its findings with; on a visit page the same reader of the matrix replaces each
category marker in the tree with its badge. What Markdown makes of the entry
then passes the sanitiser.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from ..content.body import EntryMarkdown, MarkdownSetup
from ..content.matrix import CATEGORIES
from .blocks import MARKER_RE
from .safety import IdGuard, Unsafe, UnsafeFinder, clean

def badge(category: str) -> etree.Element:
    """A category marker as the page shows it: a badge that names the category, its meaning as a title."""
    element = etree.Element("span", {"class": f"px-badge px-badge--{category}", "title": CATEGORIES[category]})
    element.text = category
    return element


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
    tree: Callable[[etree.Element, Markdown], object] | None = None  # reads the tree, as the data reads it


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
            EntryMarkdown([self.entry.tree] if self.entry.tree else []).extendMarkdown(md)
            # After attribute lists (8), before the table of contents (5) copies ids out of the page.
            md.treeprocessors.register(IdGuard(md, self.entry.first_line, self.entry.source, self.found),
                                       "px_ids", 7)
            # Last of the tree processors: it sees every attribute the other extensions set.
            md.treeprocessors.register(UnsafeFinder(md, self.entry.first_line, self.entry.source, self.found), "px_unsafe", -100)
            md.postprocessors.register(_Sanitiser(md), "px_sanitise", -100)


def unsafe_in(body: str, first_line: int, setup: MarkdownSetup,
              tree: Callable[[etree.Element, Markdown], object] | None = None) -> list[Unsafe]:
    """What the sanitiser would remove from an entry's body, rendered as its page renders it; `tree`
    also sees the page's tree.

    For `practice-exchange check`, which builds no site but should refuse what the build refuses.
    """
    portal = PortalMarkdown()
    portal.set_page(entry=EntryPage("", first_line, body, tree), slots=frozenset())
    Markdown(extensions=[*setup.extensions, portal], extension_configs=dict(setup.configs)).convert(body)
    return portal.found
