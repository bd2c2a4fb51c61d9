"""The visit matrix: level-2 sections of a visit's body, their findings and category markers.

Parsed from the Markdown source line by line so that every finding keeps the
line it was written on (for located errors) and every marker its position (so
the page can show it as a badge without touching the rendered HTML).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from ..errors import Report, closest

CATEGORIES: dict[str, str] = {
    "information": "Interesting, not directly relevant to the visitor",
    "inspiration": "Not transferable as it is, but sparks own measures",
    "challenge": "Really transferable; worth the effort to implement",
    "contacts": "A contact or relation worth keeping",
}

# key, heading, default aliases — in the order the matrix is read.
SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("learning", "Key learning points", ("Key learnings",)),
    ("transferable", "Transferable ideas", ("What could be utilized", "What could be used")),
    ("contribution", "Contribution to the host", ("Contribution to the hosting organisation",)),
)

# As Python-Markdown reads them: `##Title` without a space is a heading too.
HEADING_START_RE = re.compile(r" {0,3}(#{1,6})")


@dataclass(frozen=True, slots=True)
class Heading:
    """An ATX heading line: its level and its text, without closing hashes."""

    level: int
    text: str


def heading(line: str) -> Heading | None:
    """The heading a line is, or None; in string steps, so a long line costs no more than reading it."""
    start = HEADING_START_RE.match(line)
    if start is None:
        return None
    rest = line[start.end():].strip(" \t")
    closing = rest.rstrip("#")
    if closing != rest and (not closing or closing[-1] in " \t"):
        rest = closing.rstrip(" \t")
    return Heading(len(start.group(1)), rest)
FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
ITEM_RE = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
MARKER_RE = re.compile(r"(?<![\]\\])\[[ \t]*([A-Za-z][A-Za-z -]{0,30}?)[ \t]*\][ \t]*$")
# A marker followed by punctuation: `… session [challenge].`
PUNCTUATED_RE = re.compile(r"(?<![\]\\])\[[ \t]*([A-Za-z]+)[ \t]*\][ \t]*[.,;:!?]+[ \t]*$")


@dataclass(frozen=True, order=True, slots=True)
class Marker:
    """Where a category marker stands in the body: body line index and columns."""

    line_index: int
    start: int
    end: int


def without_comments(text: str) -> str:
    """`text` without its HTML comments (an author's notes), each replaced by its line breaks.

    A comment that is never closed is left as it is (then shown as text). One pass,
    `find` after `find`: the cost stays linear however many `<!--` a text holds.
    """
    if "<!--" not in text:
        return text
    parts, at = [], 0
    while (start := text.find("<!--", at)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            break
        parts.append(text[at:start])
        parts.append("\n" * text.count("\n", start, end))
        at = end + 3
    parts.append(text[at:])
    return "".join(parts)


# Each pattern looks at most `SPAN` characters ahead for what closes what it opened, so
# that a text of many openers and no closers costs time in proportion to its length.
SPAN = 300
INLINE_MARKUP = (
    (re.compile(r"!?\[([^\]]{0,%d})\]\([^)]{0,%d}\)" % (SPAN, SPAN)), r"\1"),   # [words](target), ![alt](image)
    (re.compile(r"!?\[([^\]]{0,%d})\]\[[^\]]{0,%d}\]" % (SPAN, SPAN)), r"\1"),  # [words][reference]
    (re.compile(r"<(https?://[^>]{1,%d})>" % SPAN), r"\1"),                         # <https://autolink>
    (re.compile(r"(\*\*|__)(?=\S)(.{1,%d}?)(?<=\S)\1" % SPAN), r"\2"),              # **strong**
    (re.compile(r"(?<![\w*])([*_])(?=\S)(.{1,%d}?)(?<=\S)\1(?![\w*])" % SPAN), r"\2"),  # *emphasis*
    (re.compile(r"`+([^`]*)`+"), r"\1"),                                              # `code`
    (re.compile(r"</?[A-Za-z][^<>]*>"), ""),                                           # <tags>
)


MARKUP_CHARS = frozenset("[]*_`<&")


def plain_text(markdown_text: str) -> str:
    """Markdown as plain text on one line: links keep their words, emphasis and tags go."""
    text = markdown_text
    if not MARKUP_CHARS.intersection(text):
        return " ".join(text.split())
    text = without_comments(text)
    for pattern, replacement in INLINE_MARKUP:
        text = pattern.sub(replacement, text)
    return " ".join(html.unescape(text).split())


@dataclass(frozen=True, slots=True)
class Finding:
    """One top-level list item of a matrix section; `text` is its Markdown."""

    section: str
    text: str
    category: str | None
    line: int
    marker: Marker | None = field(default=None, repr=False, compare=False)

    @property
    def plain(self) -> str:
        """The finding as plain text, for tables, exports and pages other than its visit's."""
        return plain_text(self.text)


@dataclass(frozen=True, slots=True)
class Section:
    """A level-2 section of the body, matched to a matrix section or not (`key` None)."""

    key: str | None
    heading: str
    line: int
    findings: tuple[Finding, ...] = ()
    has_text: bool = False


ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def heading_key(heading: str, aliases: Mapping[str, Sequence[str]]) -> str | None:
    """The matrix section a heading names: its text starts with the name or an alias."""
    # Spaces as an editor may type them (a non-breaking space; a zero-width one) count as spaces.
    text = " ".join(heading.translate(ZERO_WIDTH).split()).rstrip(":").strip().casefold()
    for key, names in aliases.items():
        if any(text.startswith(name.casefold()) for name in names):
            return key
    return None


def default_aliases() -> dict[str, list[str]]:
    """Each section's heading followed by its default aliases."""
    return {key: [heading, *extra] for key, heading, extra in SECTIONS}


def outside_fences(lines: Sequence[str]) -> Iterator[tuple[int, str]]:
    """Each line that is not inside a fenced code block (nor a fence), with its index."""
    fence: str | None = None
    for index, line in enumerate(lines):
        opener = FENCE_RE.match(line)
        if opener:
            mark = opener.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence):
                fence = None
            continue
        if fence is None:
            yield index, line


def _blocks(lines: Sequence[str]) -> list[tuple[int, str | None]]:
    """Level-2 headings outside code fences, as (line index, heading text); level 1 as (index, None)."""
    found = []
    for index, line in outside_fences(lines):
        found_heading = heading(line)
        if found_heading and found_heading.level <= 2:
            found.append((index, found_heading.text if found_heading.level == 2 else None))
    return found


def _items(lines: Sequence[str], start: int, stop: int) -> list[tuple[int, int]]:
    """Top-level list items between two line indexes, as (first, last) line indexes."""
    items: list[tuple[int, int]] = []
    current: int | None = None
    last_text = start
    blank_run = False
    for index in range(start, stop):
        line = lines[index]
        if not line.strip():
            blank_run = True
            continue
        indented = line.startswith(("  ", "\t"))
        if ITEM_RE.match(line) and not indented:
            if current is not None:
                items.append((current, last_text))
            current = index
        elif current is not None and blank_run and not indented:
            items.append((current, last_text))
            current = None
        last_text, blank_run = index, False
    if current is not None:
        items.append((current, last_text))
    return items


def _finding(lines: Sequence[str], first: int, last: int, key: str, body_line: int,
             path: str, report: Report) -> Finding:
    text_lines = list(lines[first : last + 1])
    marker = None
    category = None
    match = MARKER_RE.search(text_lines[-1])
    if match:
        word = match.group(1).strip().casefold()
        if word in CATEGORIES:
            category = word
            marker = Marker(last, match.start(), match.end())
            text_lines[-1] = text_lines[-1][: match.start()].rstrip()
            _second_marker(text_lines[-1], word, last + body_line, path, report)
        else:
            _near_miss(word, match.group(0).strip(), last + body_line, path, report)
    else:
        _punctuated(text_lines[-1], last + body_line, path, report)
    first_line = ITEM_RE.sub("", text_lines[0], count=1)
    text = "\n".join([first_line, *(line.strip() for line in text_lines[1:])]).strip()
    return Finding(key, text, category, first + body_line, marker)


MARKERS = ", ".join(f"[{c}]" for c in CATEGORIES)


def _near_miss(word: str, written: str, line: int, path: str, report: Report) -> None:
    match = closest(word, CATEGORIES, cutoff=0.75)
    if match:
        report.error(path, line, "category",
                     f"unknown category marker `{written}`; did you mean `[{match}]`? (the markers are: {MARKERS})")
    elif " " not in word:
        report.warning(path, line, "category",
                       f"`{written}` ends the finding but is not a category marker, so it is shown as text"
                       f" (the markers are: {MARKERS})")


def _second_marker(rest: str, kept: str, line: int, path: str, report: Report) -> None:
    other = MARKER_RE.search(rest)
    if other and other.group(1).strip().casefold() in CATEGORIES:
        report.error(path, line, "category",
                     f"a finding takes one category marker, but this one has `[{other.group(1).strip()}]` and"
                     f" `[{kept}]`; keep the one that fits best")


def _punctuated(text: str, line: int, path: str, report: Report) -> None:
    match = PUNCTUATED_RE.search(text)
    if match and (match.group(1).casefold() in CATEGORIES or closest(match.group(1).casefold(), CATEGORIES, 0.75)):
        report.error(path, line, "category",
                     f"the category marker `[{match.group(1)}]` must be the last thing in the finding;"
                     f" put the punctuation before it: `… text. [{match.group(1).casefold()}]`")


def parse_sections(body: str, body_line: int, path: str, aliases: Mapping[str, Sequence[str]],
                   report: Report) -> tuple[Section, ...]:
    """Every level-2 section of a visit body with its findings; problems go to `report`."""
    lines = body.split("\n")
    heads = _blocks(lines)
    sections = []
    for position, (index, heading) in enumerate(heads):
        if heading is None:  # a level-1 heading ends the section before it, and starts none
            continue
        stop = heads[position + 1][0] if position + 1 < len(heads) else len(lines)
        key = heading_key(heading, aliases)
        has_text = any(line.strip() for line in lines[index + 1 : stop])
        findings: tuple[Finding, ...] = ()
        if key is not None:
            findings = tuple(
                _finding(lines, first, last, key, body_line, path, report)
                for first, last in _items(lines, index + 1, stop)
            )
        sections.append(Section(key, heading, index + body_line, findings, has_text))
    return tuple(sections)


def check_sections(sections: Sequence[Section], body: str, body_line: int, path: str,
                   aliases: Mapping[str, Sequence[str]], report: Report) -> None:
    """Each matrix section present once; empty ones warned about."""
    for key, heading, _ in SECTIONS:
        matching = [s for s in sections if s.key == key]
        if not matching:
            line, message = _missing(heading, key, sections, body, body_line, aliases)
            report.error(path, line, "body", message)
            continue
        for extra in matching[1:]:
            report.error(path, extra.line, "body",
                         f"the section `## {heading}` appears twice (line {matching[0].line} and line"
                         f" {extra.line}); put all its findings under one heading")
        if not matching[0].findings:
            report.warning(path, matching[0].line, "body",
                           f"the section `## {matching[0].heading}` has no findings; write each one as a"
                           f" list item starting with `- `")


def _missing(heading: str, key: str, sections: Sequence[Section], body: str, body_line: int,
             aliases: Mapping[str, Sequence[str]]) -> tuple[int, str]:
    """Where and how to say that a required section is missing, with the likeliest fix."""
    names = list(aliases.get(key, [heading]))
    wanted = f"the required section `## {heading}` is missing"
    for index, line in outside_fences(body.split("\n")):
        text = line.strip().lstrip("#").strip().rstrip(":").strip()
        if text and line.strip() != f"## {text}" and heading_key(text, {key: names}) == key:
            return index + body_line, (f"{wanted}: line {index + body_line} has `{line.strip()}`;"
                                       f" write it as a level-2 heading, `## {text}`")
    candidates = {s.heading: s for s in sections if s.key is None}
    near = closest(heading.casefold(), [h.casefold() for h in candidates], cutoff=0.7)
    if near:
        found = next(s for h, s in candidates.items() if h.casefold() == near)
        return found.line, (f"{wanted}: line {found.line} has `## {found.heading}`;"
                            f" did you mean `## {heading}`?")
    others = [f"`{name}`" for name in names if name != heading]
    also = f" (it may also be headed {', '.join(others)})" if others else ""
    return body_line, f"{wanted}{also}; add it, followed by its findings as a list"
