"""One reading of an entry's body: Python-Markdown's tree, as the entry's page renders it.

What the portal counts (a visit's findings and their markers, a card's steps)
is read from the very tree Python-Markdown builds for the page, with the
portal's own Markdown extensions, never from a second scanner of the text: so
the data cannot say something the page does not show. `EntryMarkdown` is the
part both readings share: it shows an author's raw HTML as text, drops the
author's HTML comments, and reads Word's bullets and non-breaking spaces after
a list marker, and sub-items indented by fewer than four spaces, as the author
meant them, on the page and in the data alike.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from bisect import bisect_right
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Any, Protocol
from urllib.parse import unquote, urlsplit

from markdown import Extension, Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

# Bullets a word processor pastes in place of `- `; the seed report has `·`.
WORD_BULLET_RE = re.compile(r"^( {0,3})[•·▪◦‣●○■□–](?:[ \t\u00a0\u2007\u202f]+)(?=\S)")
# A list marker followed by a non-breaking space, as Word writes it.
NBSP_ITEM_RE = re.compile(r"^( *)([-*+]|\d{1,9}[.)])[\u00a0\u2007\u202f][ \t\u00a0\u2007\u202f]*(?=\S)")
ITEM_START_RE = re.compile(r"^( *)(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
COMMENT_START_RE = re.compile(r"^ {0,3}<!--")
TAB = 4  # Python-Markdown's indentation of a nested block


def normalise_line(line: str) -> str:
    """A line with Word's bullet or non-breaking space after a list marker read as the author meant it."""
    line = WORD_BULLET_RE.sub(r"\1- ", line, count=1)
    return NBSP_ITEM_RE.sub(r"\1\2 ", line, count=1)


def nest_sub_items(lines: list[str]) -> list[str]:
    """Sub-items indented by 1 to 3 spaces under a list item, indented by four as Python-Markdown wants.

    Authors indent a sub-item by two spaces, as most editors do; Python-Markdown would read it
    as an item of its own, on the page and in the data. Only a line right under a list item (or
    under a sub-item so moved) is moved; a blank line ends the run.
    """
    result: list[str] = []
    in_list = False
    for line in lines:
        item = ITEM_START_RE.match(line)
        if item and in_list and 0 < len(item.group(1)) < TAB:
            line = " " * TAB + line[len(item.group(1)):]
        if not line.strip():
            in_list = False
        elif item:
            in_list = True
        elif not line.startswith(" "):
            in_list = False
        result.append(line)
    return result


def without_block_comments(lines: list[str]) -> list[str]:
    """Lines without the HTML comments that start a line (an author's notes), each kept as blank lines.

    A comment inside a line is removed by `_InlineComment`, which comes after code spans,
    so that `<!--` shown in code stays. An unclosed comment is left as it is (shown as text).
    """
    if not any("<!--" in line for line in lines):
        return lines
    result, at = list(lines), 0
    # After the last line holding `-->` no comment can be closed: the scan stops there, so that many
    # unclosed `<!--` cost one pass, not one pass each.
    last_close = max((i for i, line in enumerate(result) if "-->" in line), default=-1)
    while at <= last_close:
        if COMMENT_START_RE.match(result[at]):
            start = result[at].index("<!--")
            end_line = next((i for i in range(at, len(result))
                             if "-->" in result[i][start + 4 if i == at else 0:]), None)
            if end_line is not None:
                end = result[end_line].index("-->", start + 4 if end_line == at else 0) + 3
                rest = result[end_line][end:]
                result[at:end_line + 1] = [result[at][:start] + rest, *[""] * (end_line - at)]
                continue
        at += 1
    return result


# A list item or heading starts text of its own, as a blank line does.
_BLOCK_START_RE = re.compile(r"^[ \t]*(?:[-*+•·]|\d{1,9}[.)]|#{1,6})[ \t]")
MAX_BRACKETS = 400  # in one paragraph: reading it takes time growing with the square of their number
# Lines Python-Markdown takes off the front of a block one at a time, reading the rest of the block
# again after each (headings, a setext heading's underline, rules): with no blank line between them,
# reading takes time growing with the square of their number (20,000 headings: half a minute).
MAX_UNSPACED = 200
# Characters of one paragraph (or list item): Python-Markdown's inline patterns take time growing
# faster than its length past about 100,000 (emphasis marks of two kinds, alternating, at 400 KB: 20 s).
MAX_PARAGRAPH = 100_000
# Emphasis marks in one paragraph: each one Python-Markdown cannot pair is tried against the rest of
# it (ten paragraphs of 99,000 characters of `*_` took `check` 24 s: a hostile review).
MAX_EMPHASIS = 1_000
# A table's rule (`|---|:--:|`): its rows are read cell by cell, not as one paragraph.
TABLE_RULE_RE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$")
FENCE_LINE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _in_fences(lines: list[str]) -> set[int]:
    """The lines inside fenced code blocks that close (their fences included): an opening fence
    that nothing closes is text, as Python-Markdown reads it (found by a hostile review). One pass:
    an opener no later fence can close is passed over at once (the longest fence after it is shorter)."""
    fences = [(at, found.group(1)) for at, line in enumerate(lines)
              if (found := FENCE_LINE_RE.match(line))]
    closing = {at: mark for at, mark in fences if not lines[at].strip(" `~")}
    # For each kind of fence, the longest closing fence from each place on.
    longest: dict[str, list[int]] = {}
    places: dict[str, list[int]] = {}
    for char in "`~":
        places[char] = [at for at, mark in sorted(closing.items()) if mark[0] == char]
        lengths = [len(closing[at]) for at in places[char]]
        longest[char] = list(accumulate(reversed(lengths), max))[::-1]
    inside: set[int] = set()
    after = -1
    for at, mark in fences:
        if at <= after:
            continue
        candidates, most = places[mark[0]], longest[mark[0]]
        first = bisect_right(candidates, at)
        if first == len(candidates) or most[first] < len(mark):
            continue  # nothing closes it: text
        close = next(candidates[k] for k in range(first, len(candidates)) if len(closing[candidates[k]]) >= len(mark))
        inside.update(range(at, close + 1))
        after = close
    return inside
PEELED_RE = re.compile(r"^ {0,3}(?:#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$|(?:[-*_][ \t]*){3,}$)")
MAX_NESTING = 32
FLATTER = ", which no page can show; write it flatter"
# Said of a body Python-Markdown could not read for its depth, in a shape `too_deep` does not foresee.
TOO_DEEP = "the text nests lists, quotes or brackets too deeply to be shown; write it flatter"
LIST_RUN_RE = re.compile(rf"^(?:[ \t]*(?:[-*+>]|\d{{1,9}}[.)])[ \t]+){{{MAX_NESTING}}}")
EMPHASIS_RUN_RE = re.compile(rf"[*_~^=]{{{MAX_NESTING * 4}}}")
# A list item or quote on its own line, after its indentation: each four columns of that nest it once more
# (inside the quotes the line opens with, which Python-Markdown takes off before it reads the rest).
QUOTED_RE = re.compile(r"^(?:[ \t]*>[ ]?)*")
NESTED_START_RE = re.compile(r"[ \t]+(?:[-*+>]|\d{1,9}[.)])(?:[ \t]|$)")


def too_deep(body: str) -> tuple[int, str] | None:
    """A line whose nesting would make Python-Markdown recurse past Python's limit, or take time growing
    with the square of the line: (body line index, what it is), or None. One pass over the text."""
    if len(body) < MAX_NESTING * 2:
        return None
    brackets, start = 0, 0  # the `[` of the paragraph so far, and its first line
    peeled, block = 0, 0  # the headings and rules of the block so far (up to a blank line), its first line
    length, marks = 0, 0  # the characters and emphasis marks of the paragraph so far
    table = False  # whether the block is a table (its rule seen), whose rows are read cell by cell
    lines = body.split("\n")
    fenced = _in_fences(lines) if "``" in body or "~~" in body else set()
    for index, line in enumerate(lines):
        if not line.strip() or _BLOCK_START_RE.match(line):
            brackets, start, length, marks = 0, index + (0 if line.strip() else 1), 0, 0
            table = table and bool(line.strip())
        if not line.strip():
            peeled, block = 0, index + 1
        elif PEELED_RE.match(line):
            peeled += 1
            if peeled > MAX_UNSPACED:
                return block, (f"starts more than {MAX_UNSPACED} headings or rules with no blank line between"
                               " them, which would take very long to read; put a blank line before each heading")
        if LIST_RUN_RE.match(line):
            return index, f"starts more than {MAX_NESTING} lists or quotes inside each other{FLATTER}"
        quoted = QUOTED_RE.match(line)
        inner = line[quoted.end():] if quoted else line
        if NESTED_START_RE.match(inner):
            indent = len(inner[:len(inner) - len(inner.lstrip(" \t"))].expandtabs(TAB))
            if indent > MAX_NESTING * TAB:
                return index, (f"is indented {indent} columns, a list or quote more than {MAX_NESTING} levels"
                               f" inside others{FLATTER}")
        if EMPHASIS_RUN_RE.search(line):
            return index, f"holds a run of more than {MAX_NESTING * 4} emphasis marks{FLATTER}"
        brackets += line.count("[")
        if line.count("[") > MAX_NESTING:
            deep = _bracket_depth(line)
            if deep:
                return index, deep + FLATTER
        if brackets > MAX_BRACKETS:
            # Python-Markdown tries each `[` as the start of a link against the rest of the paragraph.
            return start, (f"starts a paragraph or list item of more than {MAX_BRACKETS} brackets `[`, which"
                           " would take very long to read; split it up, or write fewer links")
        if index in fenced:
            length, marks = 0, 0  # code is shown as it is: not read for links or emphasis
        elif "|" in line and "-" in line and TABLE_RULE_RE.match(line):
            table, length, marks = True, 0, 0
        elif not table:
            length += len(line) + 1
            marks += line.count("*") + line.count("_")
            if marks > MAX_EMPHASIS:
                return start, (f"starts a paragraph or list item of more than {MAX_EMPHASIS:,} emphasis marks"
                               " (`*`, `_`), which would take very long to read; split it up, or write fewer")
            if length > MAX_PARAGRAPH:
                return start, (f"starts a paragraph or list item of more than {MAX_PARAGRAPH:,} characters, which"
                               " would take very long to read; split it up with blank lines")
    return None


def _bracket_depth(line: str) -> str | None:
    """What is wrong with a line whose brackets nest too deep, or None."""
    depth = 0
    for char in line:
        if char == "[":
            depth += 1
            if depth > MAX_NESTING:
                return f"opens more than {MAX_NESTING} brackets `[` inside each other"
        elif char == "]" and depth:
            depth -= 1
    return None


class _Normaliser(Preprocessor):
    """Reads bullets, spaces and indentation as the author meant them, and drops block comments."""

    def run(self, lines: list[str]) -> list[str]:
        return without_block_comments(nest_sub_items([normalise_line(line) for line in lines]))


class _InlineComment(InlineProcessor):
    """An HTML comment inside a line of text: the author's note, not shown."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # type: ignore[override]
        return "", m.start(0), m.end(0)


class _TreeHook(Treeprocessor):
    """Hands the tree to the portal's readers once attributes are set, before the table of contents."""

    def __init__(self, md: Markdown, hooks: Sequence[Callable[[etree.Element, Markdown], None]]) -> None:
        super().__init__(md)
        self.hooks = hooks

    def run(self, root: etree.Element) -> None:
        for hook in self.hooks:
            hook(root, self.md)


class EntryMarkdown(Extension):
    """How an entry's body is read, on its page and for the data: raw HTML as text, notes dropped.

    `hooks` get the tree after inline Markdown and attribute lists, before the table of
    contents adds its anchors: the readers of findings and steps, and on the page the badges.
    """

    def __init__(self, hooks: Sequence[Callable[[etree.Element, Markdown], None]] = ()) -> None:
        super().__init__()
        self.hooks = list(hooks)

    def extendMarkdown(self, md: Markdown) -> None:
        # After fenced code (25) is set aside, so that code shows what it holds.
        md.preprocessors.register(_Normaliser(md), "px_normalise", 21)
        for registry, name in ((md.preprocessors, "html_block"), (md.inlinePatterns, "html")):
            if name in registry:
                registry.deregister(name)
        # Where raw inline HTML was read: after code spans (190), so `<!--` in code stays.
        # A comment holds no other `<!--`: each try stops at the next one, so many openers cost one pass.
        md.inlinePatterns.register(_InlineComment(r"<!--(?:(?!<!--)[\s\S])*?-->", md), "px_comment", 90)
        # After attribute lists (8), before the table of contents (5) adds its anchors.
        md.treeprocessors.register(_TreeHook(md, self.hooks), "px_tree", 6)


def plain(element: etree.Element, md: Markdown, skip: frozenset[str] = frozenset()) -> str:
    """An element's text as the page shows it, on one line; `skip` names child elements left out."""
    parts: list[str] = []
    _collect(element, skip, parts, top=True)
    text = "".join(parts)
    return " ".join(html.unescape(unstash(text, md)).split())


BLOCKS = frozenset({"p", "ul", "ol", "div", "blockquote", "pre", "table", "tr", "td", "th", "dl", "dt", "dd",
                    "h1", "h2", "h3", "h4", "h5", "h6"})


SENTENCE_ENDS = (".", "!", "?", ":", ";", "…", "。", "！", "？", "؟", "।", "۔")
CLOSING = "\"'”’»›)]"  # after a sentence's end: `He said “stop.”`


def _collect(element: etree.Element, skip: frozenset[str], parts: list[str], top: bool) -> None:
    if not top and element.tag in skip:
        return
    if element.text:
        parts.append(element.text)
    for at, child in enumerate(element):
        # Blocks stand apart by a space, the items of a list by a semicolon: one readable line. An item
        # that ends a sentence needs none (`one school. Nantes`, not `one school.; Nantes`: a lead expert's review).
        if child.tag == "li" and at:
            while parts and not parts[-1].strip():
                parts.pop()  # the space or line end after a loose item's paragraph: `a; b`, not `a ; b`
            last = parts.pop().rstrip() if parts else ""
            parts.append(last + (" " if last.rstrip(CLOSING).endswith(SENTENCE_ENDS) else "; "))
        elif child.tag in BLOCKS:
            parts.append(" ")
        _collect(child, skip, parts, top=False)
        if child.tail:
            parts.append(child.tail)


def link_target(href: str, page: str) -> str | None:
    """The page a relative link to a Markdown file leads to, from the site's root (`practices/kaap.md`);
    None for any other link. `page` is where the link is written, among the site's files."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = unquote(parts.path)
    if not path.endswith(".md"):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


STASH_RE = re.compile("\x02wzxhzdk:(\\d+)\x03")
ESCAPE_RE = re.compile("\x02(\\d+)\x03")


def unstash(text: str, md: Markdown) -> str:
    """Entities and escaped characters as the page shows them (Python-Markdown holds them aside)."""
    if "\x02" not in text:
        return text
    blocks = md.htmlStash.rawHtmlBlocks
    text = STASH_RE.sub(lambda m: str(blocks[int(m.group(1))]) if int(m.group(1)) < len(blocks) else "", text)
    return ESCAPE_RE.sub(lambda m: chr(int(m.group(1))), text)


@dataclass
class MarkdownSetup:
    """The portal's Markdown extensions and their settings, as its pages are rendered with."""

    extensions: Sequence[Any] = ("toc", "tables", "fenced_code")
    configs: Mapping[str, Any] = field(default_factory=dict)


class PageHooks(Protocol):
    """What turning a body into its page needs beyond reading it: the pages' own tree processors
    (sanitising, ids, links), category badges, and a place for the HTML. The pages layer provides it;
    with it, one parse of each body serves both the data and the page."""

    def begin(self, md: Markdown, path: str, src_uri: str, first_line: int, source: str) -> None:
        """Ready `md` for the body of the entry at `path` (its page at `src_uri`)."""

    def finish(self, html: str, md: Markdown) -> None:
        """Keep the page's HTML and table of contents."""

    def badge(self, marker: str) -> etree.Element:
        """A category or status marker as the page shows it."""

    def detach(self, src_uri: str) -> object | None:
        """The page kept for `src_uri`, taken away: it travels with the rest of its file's results."""

    def attach(self, src_uri: str, page: object) -> None:
        """Keep a page that `detach` gave (perhaps in another process) for `src_uri` again."""


@dataclass(frozen=True, slots=True)
class _Current:
    path: str
    src_uri: str
    first_line: int
    body: str


class BodyReader:
    """Parses bodies with one Markdown instance, reset between bodies (building one costs more than a body).

    Without `pages` a body is parsed until its tree is read, for the data. With `pages`, the
    entry being loaded (`start`) is converted whole, once: its tree read for the data, its
    HTML kept for its page; an entry whose kind reads nothing of its body is converted at `done`.
    """

    def __init__(self, setup: MarkdownSetup, pages: PageHooks | None = None) -> None:
        self._reader: Callable[[etree.Element, Markdown], Any] = lambda root, md: None
        self._result: Any = None
        self._read = False
        self.pages = pages
        self.current: _Current | None = None
        self.md = Markdown(extensions=[*setup.extensions, EntryMarkdown([self._hook])],
                           extension_configs=dict(setup.configs))

    @property
    def badge(self) -> Callable[[str], etree.Element] | None:
        """How category markers are shown on the page, when bodies are converted for their pages."""
        return self.pages.badge if self.pages is not None else None

    def _hook(self, root: etree.Element, md: Markdown) -> None:
        self._result = self._reader(root, md)
        self._read = True
        if self.current is None:
            # The rest (table of contents, HTML, postprocessors) is the page's business, not the data's.
            raise _Read

    def start(self, path: str, src_uri: str, first_line: int, body: str) -> None:
        """The entry about to be parsed: with `pages`, its body is converted for its page too."""
        self.current = _Current(path, src_uri, first_line, body) if self.pages is not None else None

    def done(self, keep: bool) -> None:
        """The entry is parsed: if kept and its body was not read yet, convert it for its page now."""
        current, self.current = self.current, None
        if current is not None and keep and self.pages is not None:
            self.current = current
            try:
                self.read(current.body, lambda root, md: None)
            finally:
                self.current = None

    def read(self, body: str, reader: Callable[[etree.Element, Markdown], Any]) -> Any:
        """What `reader` makes of `body`'s tree, parsed as the entry's page parses it."""
        self._reader, self._result, self._read = reader, None, False
        self.md.reset()
        current = self.current if self.current is not None and self.current.body is body else None
        if current is None:
            try:
                self.md.convert(body)
            except _Read:
                return self._result
        else:
            assert self.pages is not None
            self.pages.begin(self.md, current.path, current.src_uri, current.first_line, current.body)
            html = self.md.convert(body)
            self.pages.finish(html, self.md)
            self.current = None  # converted: `done` has nothing left to do
            if self._read:
                return self._result
        # Python-Markdown makes no tree of a blank text: read an empty one.
        return reader(etree.Element("div"), self.md)


class _Read(Exception):
    """The tree has been read: stop the conversion there."""
