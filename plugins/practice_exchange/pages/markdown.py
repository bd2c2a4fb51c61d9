"""Markdown for the portal's pages: entry bodies converted once and made safe, generated parts kept whole.

An entry's body is converted once, while the loader reads its findings from the
tree (`EntryPages`, the loader's `PageHooks`): the same tree gets the category
badges, its ids and attributes are checked, its links collected, and its HTML
passes the sanitiser. That HTML, inside the entry's frame, is the entry's
document. When MkDocs converts a generated document, `PortalMarkdown` keeps
the part the plugin made as it is (it is HTML already) and puts each findings
block where a page's marker asks for it.
"""

from __future__ import annotations

import html
import itertools
import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from copy import deepcopy
from dataclasses import dataclass, field
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import NormalizeWhitespace, Preprocessor
from markdown.treeprocessors import Treeprocessor

from ..content.body import EntryMarkdown, MarkdownSetup, link_target
from ..content.fields import identity
from ..content.matrix import CATEGORIES, STATUSES, outside_fences
from .blocks import MARKER_RE
from .links import Link, links_in, rewrite, url_of
from .report import REPORT_PAGE
from .safety import PRINTED, IdGuard, Unsafe, UnsafeFinder, clean

# An `id` attribute of finished HTML, its value in double quotes (as the plugin's templates and the
# sanitiser write it), in single quotes or in none (as a portal's own template may): text writes `<` as
# `&lt;`, so one in a tag follows a `<` with no `>` between (`html_ids`).
_ID = re.compile(r"""id=(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""")
_QUOTED = re.compile(r""""[^"]*"|'[^']*'""")  # an attribute's value in quotes
_QUOTE = re.compile(r"""["']""")


def badge(marker: str, gettext: Callable[[str], str] = identity) -> etree.Element:
    """A category or status marker as the page shows it: a badge that names it, its meaning as a title."""
    # Focusable, so that its meaning (its title, which the stylesheet shows on focus) is reached by
    # keyboard and by a tap, not only by a mouse.
    if marker in STATUSES:
        attributes = {"class": f"px-badge px-status px-status--{marker}", "title": gettext(STATUSES[marker])}
    else:
        attributes = {"class": f"px-badge px-badge--{marker}", "title": gettext(CATEGORIES[marker])}
    element = etree.Element("span", {**attributes, "tabindex": "0"})
    # The marker is an English word on a page of any language: said so to a screen reader (WCAG 3.1.2),
    # on the word alone; the meaning in the title is in the page's language.
    word = etree.SubElement(element, "span", {"lang": "en"})
    word.text = marker
    return element


@dataclass(slots=True)
class Rendered:
    """An entry's body as its page shows it, with what converting it found."""

    html: str
    toc: list[dict[str, Any]]
    unsafe: list[Unsafe] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    chapter: str | None = None  # the body as a chapter of the network report, for an entry shown there


class _Sanitiser(Postprocessor):
    """The last step of an entry's HTML: only what the allow-list keeps is published.

    The table of contents runs every postprocessor on each heading's text too: a text without
    a tag has nothing to remove, and is passed on as it is.
    """

    def run(self, text: str) -> str:
        return clean(text) if "<" in text else text


class _Links(Treeprocessor):
    """Collects the body's links to pages (checked once every page is known), then points every
    relative link and image at its address from the entry's page."""

    def __init__(self, md: Markdown, page: str, source: str, first_line: int, found: list[Link],
                 directory_urls: bool | None, from_root: bool = False, shown_at: str | None = None) -> None:
        super().__init__(md)
        self.page, self.source, self.first_line, self.found = page, source, first_line, found
        self.directory_urls, self.from_root, self.shown_at = directory_urls, from_root, shown_at

    def run(self, root: etree.Element) -> None:
        self.found.extend(links_in(root, self.page, self.source, self.first_line))
        if self.directory_urls is not None:
            rewrite(root, self.page, self.directory_urls, self.from_root, self.shown_at)


class _ChapterCopy(Treeprocessor):
    """Keeps a copy of the finished tree, made into a chapter of the network report: one conversion
    of the body serves its own page and the report (see `EntryPages.finish`)."""

    def __init__(self, md: Markdown, chapter: _Chapter, page: str, directory_urls: bool, from_root: bool) -> None:
        super().__init__(md)
        self.chapter, self.page, self.directory_urls, self.from_root = chapter, page, directory_urls, from_root
        self.copy: etree.Element | None = None

    def run(self, root: etree.Element) -> None:
        copy = deepcopy(root)
        self.chapter.run(copy)
        rewrite(copy, self.page, self.directory_urls, self.from_root, shown_at=REPORT_PAGE)
        self.copy = copy

    def html(self) -> str:
        """The copy as HTML, through the page's own postprocessors (the sanitiser's among them)."""
        assert self.copy is not None
        output = self.md.serializer(self.copy)
        start, end = output.find(f"<{self.md.doc_tag}>"), output.rfind(f"</{self.md.doc_tag}>")
        output = output[start + len(self.md.doc_tag) + 2:end].strip() if start >= 0 and end >= 0 else ""
        for postprocessor in self.md.postprocessors:
            output = postprocessor.run(output)
        return output.strip()


class _Chapter(Treeprocessor):
    """A body shown as one chapter of a longer page (the network report): its headings one level
    down, under the chapter's own, and its ids, and the links to them, given the chapter's prefix,
    so that the same headings in two bodies stay apart.

    The prefix is the entry's file name and `-`; where another chapter's file name begins with that
    (`2014-02-bergen-usti` and `2014-02-bergen-usti-2`, as `new` names a second visit), `--`: a file
    name holds no `--`, so `## 2 Results` in the first and `## Results` in the second stay apart too."""

    def __init__(self, md: Markdown, page: str, directory_urls: bool, site_url: str,
                 begun: Collection[str] = ()) -> None:
        super().__init__(md)
        self.page, self.directory_urls, self.site_url = page, directory_urls, site_url
        stem = posixpath.splitext(posixpath.basename(page))[0]
        self.prefix = stem + ("--" if stem in begun else "-")

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            # On paper a link is its address: the page it leads to, from the site's root.
            target = link_target(link.get("href") or "", self.page)
            if target is not None and not target.startswith("../") and self.site_url:
                link.set(PRINTED, self.site_url + url_of(target, self.directory_urls))
        for element in root.iter():
            if element.tag in HEADING_LEVELS:
                element.tag = f"h{min(int(element.tag[1]) + 1, 6)}"
            if element.get("id"):
                element.set("id", f"{self.prefix}{element.get('id')}")
            href = element.get("href") if element.tag == "a" else None
            if href and href.startswith("#") and len(href) > 1:
                element.set("href", f"#{self.prefix}{href[1:]}")


HEADING_LEVELS = frozenset({"h1", "h2", "h3", "h4", "h5"})


class EntryPages:
    """Converts each entry's body for its page while the loader reads it (`PageHooks`)."""

    def __init__(self, directory_urls: bool | None = None, from_root: bool = False,
                 gettext: Callable[[str], str] = identity, shown_at: str | None = None, site_url: str = "",
                 chapters: Collection[str] = ()) -> None:
        self.gettext = gettext  # the portal's language, for the badges' explanations
        self.directory_urls = directory_urls  # None: links are left as written (for `check`)
        self.from_root = from_root  # links up to the root, then down: for an export (see `Renderer`)
        # The page bodies are shown on when not their own (the report), each as a chapter of it.
        self.shown_at = shown_at
        self.site_url = site_url  # where the site is published, for the addresses a printed chapter shows
        # The folders of the entries that are chapters of the report too, and each one's chapter.
        self.chapter_folders = frozenset(chapters)
        # The file names of the chapters' entries that begin another's (set before the entries are read):
        # their ids take `--` (see `_Chapter`, `begun`).
        self.begun: frozenset[str] = frozenset()
        self.chapters: dict[str, str] = {}
        self._copy: _ChapterCopy | None = None
        self.rendered: dict[str, Rendered] = {}
        self._current: Rendered | None = None
        self._src_uri = ""

    def begin(self, md: Markdown, path: str, src_uri: str, first_line: int, source: str) -> None:
        current = self._current = Rendered("", [])
        self._src_uri = src_uri
        # After attribute lists (8), before the table of contents (5) copies ids out of the page.
        md.treeprocessors.register(IdGuard(md, first_line, source, current.unsafe), "px_ids", 7)
        # After the sanitiser's finder has seen every address as written.
        md.treeprocessors.register(_Links(md, src_uri, source, first_line, current.links,
                                             self.directory_urls, self.from_root, self.shown_at), "px_links", -110)
        if self.shown_at is not None:
            # After the table of contents (5) has given the headings their ids.
            md.treeprocessors.register(_Chapter(md, src_uri, bool(self.directory_urls), self.site_url,
                                                self.begun), "px_chapter", 4)
        # Last of the tree processors: it sees every attribute the other extensions set.
        md.treeprocessors.register(UnsafeFinder(md, first_line, source, current.unsafe), "px_unsafe", -100)
        md.postprocessors.register(_Sanitiser(md), "px_sanitise", -100)
        self._copy = None
        if "px_chapter_copy" in md.treeprocessors:
            md.treeprocessors.deregister("px_chapter_copy")  # the entry before this one's
        if src_uri.split("/")[0] in self.chapter_folders and self.directory_urls is not None:
            # The finished tree, its links as written, copied for the report before they are rewritten.
            chapter = _Chapter(md, src_uri, self.directory_urls, self.site_url, self.begun)
            self._copy = _ChapterCopy(md, chapter, src_uri, self.directory_urls, self.from_root)
            md.treeprocessors.register(self._copy, "px_chapter_copy", -105)

    def finish(self, html: str, md: Markdown) -> None:
        assert self._current is not None
        self._current.html = html
        self._current.toc = list(getattr(md, "toc_tokens", []))
        if self._copy is not None and self._copy.copy is not None:
            self._current.chapter = self.chapters[self._src_uri] = self._copy.html()
            self._copy.copy = None
        self._copy = None
        self.rendered[self._src_uri] = self._current
        self._current = None

    def badge(self, marker: str) -> etree.Element:
        return badge(marker, self.gettext)

    def detach(self, src_uri: str) -> Rendered | None:
        return self.rendered.pop(src_uri, None)

    def attach(self, src_uri: str, page: object) -> None:
        assert isinstance(page, Rendered)
        self.rendered[src_uri] = page
        if page.chapter is not None:
            self.chapters[src_uri] = page.chapter

    def get(self, src_uri: str) -> Rendered | None:
        """An entry's rendered body, until its page has been converted (`release`)."""
        return self.rendered.get(src_uri)

    def release(self, src_uri: str) -> None:
        """The page holds the body from now on: a large portal need not keep two copies."""
        self.rendered.pop(src_uri, None)


class _Generated(Preprocessor):
    """Sets aside, whole, each part of a document the plugin made: it is finished HTML, which
    neither Python-Markdown nor MkDocs need to read again."""

    def __init__(self, md: Markdown, parts: Sequence[str]) -> None:
        super().__init__(md)
        # As Python-Markdown has normalised the page's text (tabs, blank lines) before this runs.
        normalise = NormalizeWhitespace(md)
        self.parts = [_normalised(part, normalise) for part in parts if part]

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        found = False
        for part in self.parts:
            at = _found(text, part)
            if at < 0:
                continue  # changed by another plugin: read as the Markdown it now is
            placeholder = self.md.htmlStash.store(part)
            text = f"{text[:at]}\n\n{placeholder}{text[at + len(part):]}"
            found = True
        self.parts = []  # a large page's parts are megabytes: not held until the build ends
        return text.split("\n") if found else lines


def _found(text: str, part: str) -> int:
    """Where `part` stands in `text` as a block of its own (a blank line after it), or -1."""
    at = text.find(part)
    while at >= 0 and not text.startswith("\n\n", at + len(part)):
        at = text.find(part, at + 1)
    return at


# What Python-Markdown's whitespace normalisation changes: a part holding none of them is found as
# it is, not as a copy (the parts of a page are megabytes on a large portal).
_NORMALISED = ("\t", "\r", "\x02", "\x03", " \n")


def _normalised(part: str, normalise: NormalizeWhitespace) -> str:
    """`part` as Python-Markdown's whitespace normalisation leaves it, without the blank line it adds at the end."""
    if not part.endswith(" ") and not any(sign in part for sign in _NORMALISED):
        return part
    return "\n".join(normalise.run(part.split("\n")))[:-2]


class _Blocks(Preprocessor):
    """Swaps each findings marker line (outside code) for its block, kept aside as raw HTML."""

    def __init__(self, md: Markdown, blocks: Mapping[str, str]) -> None:
        super().__init__(md)
        self.blocks = blocks

    def run(self, lines: list[str]) -> list[str]:
        result = list(lines)
        for index, line in reversed(list(outside_fences(lines))):
            match = MARKER_RE.match(line)
            if match and match.group(1) in self.blocks:
                result[index:index + 1] = ["", self.md.htmlStash.store(self.blocks[match.group(1)]), ""]
        return result


def begun(names: Collection[str]) -> frozenset[str]:
    """The file names that begin another's and a `-` (`2014-02-bergen-usti`, of `2014-02-bergen-usti-2`).
    In order, a name's next is one of those when there are any: `-` comes first of a slug's characters."""
    ordered = sorted(names)
    return frozenset(name for name, after in itertools.pairwise(ordered) if after.startswith(name + "-"))


def html_ids(html_text: str) -> Iterator[str]:
    """The `id` attributes of finished HTML, as they read (the attribute alone looked for: a pattern of
    the whole tag took five times as long, a tenth of a second at 2,000 entries)."""
    for found in _ID.finditer(html_text):
        at = found.start()
        if not at or html_text[at - 1] not in " \t\n":
            continue
        start = html_text.rfind("<", 0, at)
        # In a tag, and not inside another attribute's value (`title="see id=x"`): no quote left open.
        if start > html_text.rfind(">", 0, at) and not _QUOTE.search(_QUOTED.sub("", html_text[start:at])):
            yield html.unescape(next(value for value in found.groups() if value is not None))


class PortalMarkdown(Extension):
    """Registered once per build; the plugin says, page by page, what the page being converted holds.

    `generated` are the parts of a generated document the plugin made (kept whole);
    `blocks` are the findings blocks a page's markers ask for. Pages without them pay for nothing.
    """

    def __init__(self) -> None:
        super().__init__()
        self.generated: Sequence[str] = ()
        self.blocks: Mapping[str, str] = {}

    def set_page(self, *, generated: Sequence[str] = (), blocks: Mapping[str, str] | None = None) -> None:
        """What the next page to convert holds: the parts the plugin made, the blocks its markers ask for."""
        self.generated = generated
        self.blocks = blocks or {}

    def anchors(self) -> set[str]:
        """The anchors in the parts and blocks of the page being converted, which MkDocs does not see:
        each is put in whole, as finished HTML, where MkDocs looks for anchors in the converted tree. A
        hand-written page's link to one (`findings.md#host-lyon`, `practices/kaap.md#results`) is then
        checked as MkDocs checks any other, instead of being said to point at nothing."""
        return {found for part in (*self.generated, *self.blocks.values()) for found in html_ids(part)}

    def extendMarkdown(self, md: Markdown) -> None:
        if self.generated:
            # After whitespace is normalised (30), before anything reads the text.
            md.preprocessors.register(_Generated(md, self.generated), "px_generated", 29)
        if self.blocks:
            # After fenced code is set aside (25), so a marker shown in a code block stays text.
            md.preprocessors.register(_Blocks(md, self.blocks), "px_findings_blocks", 22)


def unsafe_in(body: str, first_line: int, setup: MarkdownSetup,
              tree: Callable[[etree.Element, Markdown], None] | None = None,
              src_uri: str = "") -> Rendered:
    """An entry's body converted as its page converts it, with what the sanitiser would remove and
    the links it holds; `tree` also sees the page's tree.

    For `practice-exchange check`, which builds no site but should refuse what the build refuses.
    """
    pages = EntryPages()
    md = Markdown(extensions=[*setup.extensions, EntryMarkdown([tree] if tree else [])],
                  extension_configs=dict(setup.configs))
    pages.begin(md, "", src_uri, first_line, body)
    pages.finish(md.convert(body), md)
    return pages.rendered[src_uri]
