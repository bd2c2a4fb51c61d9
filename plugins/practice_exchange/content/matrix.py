"""The visit matrix: level-2 sections of a visit's body, their findings and category markers.

Read from the Python-Markdown tree the visit's page is rendered from (see
`body.py`), so that what is counted is what the page shows. The source text is
only looked at to locate a problem's line. On the page, the same reader puts a
badge in the tree where each marker stood.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from markdown import Markdown

from ..errors import Report, closest
from .body import STASH_RE, link_target, plain, unstash
from .fields import DASHES, N_, fold
from .words import BY_LANGUAGE
from .words import HEADINGS as OTHER_LANGUAGES
from .words import MARKERS as TRANSLATED_MARKERS

CATEGORIES: dict[str, str] = {
    "information": N_("Interesting, not directly relevant at home"),
    "inspiration": N_("Not transferable as it is, but sparks own measures"),
    "challenge": N_("Really transferable; worth the effort to implement"),
    "contacts": N_("A contact or relation worth keeping"),
}

# What became of an idea at home: the status that ends each item of a visit's follow-up.
STATUSES: dict[str, str] = {
    "considered": N_("Discussed at home; no decision yet"),
    "planned": N_("Written into a plan, such as the Local Action Plan"),
    "piloted": N_("Tried out at home"),
    "adopted": N_("Taken up for good"),
    "dropped": N_("Decided against"),
}

# key, heading, default aliases — in the order the matrix is read.
SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("learning", "Key learning points", ("Key learnings",)),
    ("transferable", "Transferable ideas", ("What could be utilized", "What could be used")),
    ("contribution", "Contribution to the host", ("Contribution to the hosting organisation",)),
)
# Written later by the visiting city: what came of the ideas. Its items end with a status, not a class.
FOLLOW_UP: tuple[str, str, tuple[str, ...]] = ("followup", "Follow-up", ("Follow up", "Followup", "What happened next",
                                                                          "Results at home"))
STATUS_SECTIONS = frozenset({FOLLOW_UP[0]})

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
# The blanks around a marker's word: spaces, tabs, and the invisible or unusual ones a word processor
# or a copy from the web puts there (no-break, thin and zero-width spaces), which the author cannot see.
BLANK = "[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]"
# A marker's word in any alphabet: a marker written in another language gets the word to write.
MARKER_RE = re.compile(rf"(?<![\]\\])\[{BLANK}*([^\W\d_](?:[^\W\d_]|[ -]){{0,30}}?){BLANK}*\]{BLANK}*$")
# Where the author meant a marker, written so that it is none: words that the markers' brackets hold
# several of (`[challenge, contacts]`), or a marker's word in other brackets (`(challenge)`).
BRACKETED_RE = re.compile(rf"(?<![\]\\])([\[({{]){BLANK}*([^\]\[(){{}}]{{1,80}}?){BLANK}*[\])}}][ \t.]*$")
# A marker's word with one of its brackets missing, ending the item: `… hall. [information`, `… us. contacts]`.
HALF_OPEN_RE = re.compile(rf"(?<![\]\\])\[{BLANK}*([^\W\d_]{{3,30}}){BLANK}*[.]?{BLANK}*$")
HALF_CLOSED_RE = re.compile(rf"(?:^|(?<=[\s.,;:!?]))([^\W\d_]{{3,30}}){BLANK}*\]{BLANK}*[.]?{BLANK}*$")
# Full-width and other brackets that look like a marker's, read as other brackets: `［challenge］`.
LOOK_ALIKES = str.maketrans(
    {"［": "(", "］": ")", "【": "(", "】": ")", "⟦": "(", "⟧": ")", "﹇": "(", "﹈": ")", "〔": "(", "〕": ")",
     "〈": "(", "〉": ")", "⟨": "(", "⟩": ")", "（": "(", "）": ")", "〖": "(", "〗": ")", "〚": "(", "〛": ")",
     "⁅": "(", "⁆": ")", "﹝": "(", "﹞": ")", "｛": "(", "｝": ")", "<": "(", ">": ")"})
# A marker followed by punctuation: `… session [challenge].`
PUNCTUATED_RE = re.compile(rf"(?<![\]\\])\[{BLANK}*([A-Za-z]+){BLANK}*\]{BLANK}*[.,;:!?]+{BLANK}*$")


@dataclass(frozen=True, slots=True)
class Finding:
    """One top-level list item of a matrix section, read from the page's own Markdown tree.

    `text` is what the page shows of the item (its sub-items included, its marker not), on one line.
    """

    section: str
    text: str
    category: str | None
    line: int
    status: str | None = None  # a follow-up item's: what came of the idea (`STATUSES`)
    links: tuple[str, ...] = ()  # the portal pages its links lead to, from the site's root: `practices/kaap.md`

    @property
    def plain(self) -> str:
        """The finding as plain text, for tables, exports and pages other than its visit's."""
        return self.text

    @property
    def marked(self) -> str:
        """The finding as a cell of a CSV file holds it: its text, then its [status] or [category], if any."""
        marker = self.status or self.category
        return f"{self.text} [{marker}]" if marker else self.text


ITEM_SEPARATOR = " | "


def joined(items: Iterable[str]) -> str:
    """Several items (findings, steps) in one CSV cell, joined with ` | ` (see `escaped`)."""
    return ITEM_SEPARATOR.join(escaped(item, "|") for item in items)


def escaped(text: str, mark: str) -> str:
    """One of several values in a CSV cell: its backslashes doubled and its `mark` (the separator's
    character) after a backslash. Split at each separator no lone backslash comes before, each value
    reads back as written, one ending in a backslash (`C:\\`) included, and none reads as two."""
    return text.replace("\\", "\\\\").replace(mark, "\\" + mark)


@dataclass(frozen=True, slots=True)
class Section:
    """A level-2 section of the body, matched to a matrix section or not (`key` None)."""

    key: str | None
    heading: str
    line: int
    findings: tuple[Finding, ...] = ()
    has_text: bool = False




def heading_key(heading: str, aliases: Mapping[str, Sequence[str]]) -> str | None:
    """The matrix section a heading names: its text starts with the name or an alias. Dashes a word
    processor writes (non-breaking, en dash, minus) read as the hyphen of `Follow-up`, its curly
    apostrophes as `'` (`Contribution à l’hôte` was refused for `l'hôte`: a new user's review)."""
    text = _comparable(heading).rstrip(":").strip()
    for key, names in aliases.items():
        if any(text.startswith(_comparable(name)) for name in names):
            return key
    return None


@functools.lru_cache(maxsize=4096)
def _comparable(text: str) -> str:
    """A heading as two authors who mean the same would write it (`fold`), a word processor's dashes
    read as hyphens. Kept: each heading is compared with every section's names in every language, the
    same few dozen names for each of thousands of entries."""
    return fold(text.translate(DASHES))


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


MARKERS_LISTED = ", ".join(f"[{c}]" for c in CATEGORIES)
STATUSES_LISTED = ", ".join(f"[{s}]" for s in STATUSES)


def _near_miss(word: str, written: str, line: int, path: str, report: Report, noun: str = "finding") -> None:
    if word in STATUSES:
        report.error(path, line, "category",
                     f"`{written}` is a follow-up status: it says what came of an idea at home, under"
                     f" `## {FOLLOW_UP[1]}`; a {noun} ends with a class of benefit"
                     f" (the markers are: {MARKERS_LISTED})")
        return
    if word in TRANSLATED_MARKERS:
        report.error(path, line, "category",
                     f"`{written}` is not a category marker: the markers are the same words in every"
                     f" language; write `[{TRANSLATED_MARKERS[word]}]` (the markers are: {MARKERS_LISTED})")
        return
    match = closest(word, CATEGORIES, cutoff=0.75)
    if match:
        report.error(path, line, "category",
                     f"unknown category marker `{written}`; did you mean `[{match}]`?"
                     f" (the markers are: {MARKERS_LISTED})")
    elif " " not in word:
        report.warning(path, line, "category",
                       f"`{written}` ends the {noun} but is not a category marker, so it is shown as text"
                       f" (the markers are: {MARKERS_LISTED})")


def _second_marker(rest: str, kept: str, line: int, path: str, report: Report, noun: str = "finding") -> None:
    other = MARKER_RE.search(rest)
    if other and other.group(1).strip().casefold() in STATUSES:
        _near_miss(other.group(1).strip().casefold(), other.group(0).strip(), line, path, report, noun)
    elif other and other.group(1).strip().casefold() in CATEGORIES:
        report.error(path, line, "category",
                     f"a {noun} takes one category marker, but this one has `[{other.group(1).strip()}]` and"
                     f" `[{kept}]`; keep the one that fits best")
    elif other and (meant := closest(other.group(1).strip().casefold(), CATEGORIES, cutoff=0.75)):
        # A misspelt marker before the last one was shown as text with no word (a new user's review); a
        # warning, as a bracketed word of the author's own may come close to a marker's.
        report.warning(path, line, "category",
                       f"a {noun} takes one category marker, but this one has `[{other.group(1).strip()}]`"
                       f" (meaning `[{meant}]`?) and `[{kept}]`; keep the one that fits best")


def _punctuated(text: str, line: int, path: str, report: Report, noun: str = "finding") -> None:
    match = PUNCTUATED_RE.search(text)
    if match and match.group(1).casefold() in STATUSES:
        _near_miss(match.group(1).casefold(), f"[{match.group(1)}]", line, path, report, noun)
    elif match and (match.group(1).casefold() in CATEGORIES or closest(match.group(1).casefold(), CATEGORIES, 0.75)):
        report.error(path, line, "category",
                     f"the category marker `[{match.group(1)}]` must be the last thing in the {noun};"
                     f" put the punctuation before it: `… text. [{match.group(1).casefold()}]`")


Badge = Callable[[str], etree.Element]
LISTS = frozenset({"ul", "ol"})
HEADINGS = frozenset({"h1", "h2"})
# A list item's line that Markdown read as part of the paragraph before it.
LAZY_ITEM_RE = re.compile(r"\n[ \t]*[-*+][ \t]+\S")
# A line of a finding that starts with a dash and a capital, no space between: `-Long-day groups.` is
# read as more words of the item above, not as an item of its own (`-based`, a word broken at its
# hyphen, is not taken for one).
UNSPACED_ITEM_RE = re.compile(r"\n[ \t]*([-+•][^\W_][^\n]*)")
# A bracketed word inside a finding's text, not at its end (`… cafés [challenge] and more`); then
# whether it ends its line, where a misspelt marker is likely meant as one.
INNER_MARKER_RE = re.compile(rf"(?<![\]\\])\[{BLANK}*([^\W\d_]{{3,30}}){BLANK}*\](?![(\[])([ \t]*\n)?")


@dataclass
class _Reading:
    """One visit body being read: its source for locating lines, and where problems go."""

    lines: list[str]
    body_line: int
    path: str
    report: Report
    md: Markdown
    badge: Badge | None
    page: str = ""  # the entry's page among the site's files (`visits/x.md`), where its links start
    statuses: bool = False  # whether its kind has a follow-up: a status elsewhere is then misplaced
    recognised: bool = False  # whether any of its sections is one the portal reads
    aliases: Mapping[str, Sequence[str]] = field(default_factory=dict)  # the sections its kind knows
    counted: dict[str, str] = field(default_factory=dict)  # the sections whose items are findings: key, heading
    setext: set[int] = field(default_factory=set)  # the body lines of headings made by a `---` or `===` below
    missing: set[str] = field(default_factory=set)  # the counted sections with no `##` heading of their own
    cursor: int = 0  # the body line after the last finding located: findings come in order
    noun: str = "finding"  # what its messages call an item of a counted section: a session's is a `lesson`

    def locate(self, needle: str, start: int = 0) -> int:
        """The file line where `needle` is first written at or after body line `start`."""
        found = self.find(needle, start)
        return found if found is not None else start + self.body_line

    def find(self, needle: str, start: int = 0) -> int | None:
        """The file line where `needle` is first written at or after body line `start`, or None."""
        for index in range(start, len(self.lines)):
            if needle in self.lines[index]:
                return index + self.body_line
        return None


def read_sections(root: etree.Element, md: Markdown, body: str, body_line: int, path: str,
                  aliases: Mapping[str, Sequence[str]], report: Report, badge: Badge | None = None,
                  listed: Collection[str] | None = None, page: str = "",
                  lang: str | None = None, noun: str = "finding") -> tuple[Section, ...]:
    """Every level-2 section of a body (a visit's, a session's) with its findings, from the tree its
    page is rendered from. `aliases` names the sections this kind knows; the list items of those in
    `listed` (all of them when None) are its findings, and those of a follow-up its items.

    With `badge`, each category or status marker in the tree is replaced by the element it makes
    (on the page). `page` is the entry's page among the site's files, for the targets of its links.
    """
    reading = _Reading(body.split("\n"), body_line, path, report, md, badge, page, noun=noun)
    headings = _heading_lines(reading.lines)
    reading.setext = {index for index, _, underlined in headings if underlined}
    heads = iter(headings)
    reading.statuses = any(key in STATUS_SECTIONS for key in aliases)
    reading.aliases = aliases
    _marker_references(reading, md)
    _items_in_comments(reading)
    # Named as an entry in its language heads them (a German portal's author was told `## Transferable ideas`).
    reading.counted = {key: shown_name(key, names[0], lang) for key, names in aliases.items()
                       if names and key not in STATUS_SECTIONS and (listed is None or key in listed)}
    # Headings of the author's own are warned about only beside sections the portal reads: in a body
    # whose sections all went unrecognised, the missing sections' errors say what to do.
    present = {heading_key(plain(child, md), aliases) for child in root if child.tag == "h2"}
    reading.recognised = bool(present - {None})
    reading.missing = {key for key in reading.counted if key not in present}
    sections: list[Section] = []
    # heading, key, line, blocks, listed; then whether it is a level-1 heading's, which is no section, and
    # the heading's level
    current: list[Any] | None = None
    before: list[etree.Element] = []  # what stands before the first heading
    for child in list(root):
        if child.tag in HEADINGS:
            if current is None and before and reading.recognised:
                # A marked item above every heading was shown as text and counted nowhere, unsaid.
                _stray_markers(reading, "", before, 0, 0)
            if current is not None:
                section = _section(reading, current[0], current[1], current[2], current[3], current[4], current[6])
                if not current[5]:
                    sections.append(section)
            text = plain(child, md)
            line = next((index for index, level, _ in heads if level == int(child.tag[1])), None)
            line = line if line is not None else reading.locate(text) - body_line
            key = None if child.tag == "h1" else heading_key(text, aliases)
            level = int(child.tag[1])
            current = [text, key, line, [], listed is None or key in listed, level == 1, level]
        elif current is not None:
            current[3].append(child)
        else:
            before.append(child)
    if current is not None:
        section = _section(reading, current[0], current[1], current[2], current[3], current[4], current[6])
        if not current[5]:
            sections.append(section)
    return tuple(sections)


def _marker_references(reading: _Reading, md: Markdown) -> None:
    """A link definition named as a marker (`[challenge]: https://…`) makes every such marker of the
    body a link to it: shown as a link and counted nowhere, with no other message (a hostile review)."""
    for name in sorted(md.references):
        word = " ".join(name.split()).casefold()
        # A status counts only in a kind with a follow-up (a visit's); elsewhere `[piloted]` is a link.
        if word not in CATEGORIES and (word not in STATUSES or not reading.statuses):
            continue
        field_name = "status" if word in STATUSES else "category"
        # Also inside a quote or a list item, where a definition may stand too.
        pattern = re.compile(rf"^[ \t>]*(?:(?:[-*+]|\d{{1,9}}[.)])[ \t]+)?\[\s*{re.escape(word)}\s*\]:", re.IGNORECASE)
        written = next((index for index, line in outside_fences(reading.lines) if pattern.match(line)), 0)
        reading.report.error(reading.path, written + reading.body_line, field_name,
                             f"the link definition `[{word}]:` turns every `[{word}]` of this entry into a link"
                             f" to it, so none is shown or counted as a {field_name}; give the definition another"
                             f" name, such as `[{word}-link]:`, and link to it as `[words][{word}-link]`")


SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")


def _heading_lines(lines: Sequence[str]) -> list[tuple[int, int, bool]]:
    """Body line indexes of headings of level 1 and 2, for locating the tree's headings: ATX ones
    (`## Title`) and setext ones (`Title` over `====` or `----`, said so by the last value), at their
    text's line. A setext heading left out took the next `##` heading's line, and each heading below
    was said a heading too early (a hostile review). A `---` under a list item's lines or a quote's is
    a rule, not an underline."""
    found_lines: list[tuple[int, int, bool]] = []
    block_start: int | None = None  # the first line of the paragraph the line before belongs to
    previous: tuple[int, str] | None = None  # the line before, outside fences
    for index, line in outside_fences(lines):
        found = heading(line)
        underline = SETEXT_RE.match(line)
        if found is not None and found.level <= 2:
            found_lines.append((index, found.level, False))
        elif (underline and previous is not None and previous[0] == index - 1 and previous[1].strip()
              and block_start is not None and heading(previous[1]) is None
              and not any(ITEM_RE.match(lines[at]) or lines[at].lstrip().startswith((">", "<", "|"))
                          or lines[at].startswith("    ") for at in range(block_start, index))):
            found_lines.append((previous[0], 1 if underline.group(1)[0] == "=" else 2, True))
        if not line.strip() or found is not None or underline:
            block_start = None
        elif block_start is None or previous is None or previous[0] != index - 1:
            block_start = index
        previous = (index, line)
    return found_lines


def _section(reading: _Reading, heading_text: str, key: str | None, index: int,
             blocks: list[etree.Element], listed: bool = True, level: int = 2) -> Section:
    findings: list[Finding] = []
    if (key is None and reading.recognised) or (key is not None and not listed):
        # Found by a hostile review: under a heading of the author's own, a marker was shown as text
        # and counted nowhere, with no message.
        _stray_markers(reading, heading_text, blocks, index, level)
    if key is None and reading.statuses:
        _stray_statuses(reading, heading_text, blocks, index)
    if key is not None and listed:
        read = _follow_up if key in STATUS_SECTIONS else _finding
        _unlisted_markers(reading, heading_text, blocks, index, key in STATUS_SECTIONS)
        for block in blocks:
            if block.tag in LISTS:
                findings.extend(read(reading, item, key, index) for item in block if item.tag == "li")
            elif block.tag == "p" and block.text and LAZY_ITEM_RE.search(block.text):
                _lazy_item(reading, block.text, index)
            elif block.tag == "pre":
                _indented_items(reading, "".join(block.itertext()), index)
            elif block.tag == "p" and block.text and STASH_RE.fullmatch(block.text.strip()):
                # A code block an extension (`pymdownx.highlight`) wrote as HTML and set aside whole: an
                # item indented into it is found by its line, indented outside a fence.
                _indented_items(reading, _shown_text(unstash(block.text, reading.md)), index, indented_only=True)
    return Section(key, heading_text, index + reading.body_line, tuple(findings), bool(blocks))


# Elements whose text a marker could end, inside a section's other blocks (quotes, tables, notes).
TEXT_HOLDERS = frozenset({"p", "li", "td", "th", "dd", "h3", "h4", "h5", "h6"})


def _unlisted_markers(reading: _Reading, heading_text: str, blocks: list[etree.Element], start: int,
                      statuses: bool) -> None:
    """A marker ending text of a section of findings that is none of its list items: a paragraph (an
    item written `1)`, which Markdown does not read as one), a quote, a table, a note, a sub-heading,
    or the section's heading itself. Found by a hostile review: each was shown as text and counted
    nowhere, with no message."""
    words = STATUSES if statuses else CATEGORIES
    field = "status" if statuses else "category"
    marked = MARKER_RE.search(heading_text)
    if marked and marked.group(1).strip().casefold() in words:
        written = marked.group(0).strip()
        reading.report.warning(reading.path, reading.locate(written, start), field,
                               f"`{written}` ends the heading `## {heading_text}`, where it is shown as text and not"
                               f" counted; a {field} marker ends one of the section's list items")
    said: set[int] = set()
    for block in blocks:
        if block.tag in LISTS or (block.tag == "p" and block.text and LAZY_ITEM_RE.search(block.text)):
            continue  # a list item joined to the paragraph above: said by `_lazy_item`
        for element in block.iter():
            if element.tag not in TEXT_HOLDERS:
                continue
            text = plain(element, reading.md)
            marked = MARKER_RE.search(text)
            if marked is None or marked.group(1).strip().casefold() not in words:
                continue
            written = marked.group(0).strip()
            # Where its own words stand with it (the same marker may end a finding above).
            words_before = text[: marked.start()].strip()[-20:]
            line = reading.find(f"{words_before} {written}", start) if words_before else None
            line = line if line is not None else reading.locate(written, start)
            if line in said:
                continue  # a quote's paragraph inside its list item: one message
            said.add(line)
            reading.report.warning(reading.path, line, field,
                                   f"`{written}` ends text that is not one of the section's list items (a paragraph,"
                                   " a quote, a table or a sub-heading), so it is shown as text and not counted;"
                                   f" write it as a list item of its own, starting with `- `: `- … {written}`")


def _stray_markers(reading: _Reading, heading_text: str, blocks: list[etree.Element], start: int,
                   level: int = 2) -> None:
    """A category marker ending an item of a section whose items are no findings (or a status, in a kind
    without a follow-up): shown as text, not counted.

    Not said under a heading meant as one of the kind's sections that the body lacks (`# Key learning
    points`, `### Transferable ideas`, `## Transferrable ideas`): the missing section's error says how to
    write the heading, which makes the marker count; a warning for each item, naming a section the
    author did not write, only got in the way (a new user's review)."""
    written = [plain(block, reading.md) for block in blocks if block.tag in ("h3", "h4", "h5", "h6")]
    if heading_key(heading_text, reading.aliases) is None or level != 2:
        written.append(heading_text)  # not a section of the kind's as it stands: perhaps one misspelt
    if any(meant_section(text, reading.aliases) in reading.missing for text in written):
        return  # the missing section's error names this heading: once it is mended, the markers count
    after = start  # items come in order: each marker is looked for below the last one found
    # Lists at any depth: one inside a quote or a note box was shown as text and counted nowhere, unsaid.
    for block in blocks:
        for item in block.iter("li"):
            match = MARKER_RE.search(_own_text(item).get()) or MARKER_RE.search(_last_text(item).get())
            word = match.group(1).strip().casefold() if match else ""
            if match and word in CATEGORIES:
                line = reading.locate(match.group(0).strip(), after)
                after = line - reading.body_line + 1
                names = [f"`## {name}`" for name in reading.counted.values()]
                counted = (", ".join(names[:-1]) + " or " + names[-1]) if len(names) > 1 else \
                    (names[0] if names else "a section of findings")
                # A paragraph over a line `---` is a heading: the author may have meant a rule.
                why = (f" (the line of `-` or `=` under `{heading_text}` makes it a heading; for a rule, leave a"
                       " blank line above it)") if start in reading.setext else ""
                where = f"under `{'#' * level} {heading_text}`{why}" if heading_text else "above the first heading"
                reading.report.warning(reading.path, line, "category",
                                       f"`{match.group(0).strip()}` is counted only under {counted}, not {where},"
                                       " so it is shown as text; move the item, or remove the marker")
            elif match and word in STATUSES and not reading.statuses:
                line = reading.locate(match.group(0).strip(), after)
                after = line - reading.body_line + 1
                reading.report.warning(reading.path, line, "status",
                                       f"`{match.group(0).strip()}` is a follow-up status, counted only under a"
                                       f" visit's `## {FOLLOW_UP[1]}`; here it is shown as text: remove it, or"
                                       " write what came of the idea in the visit's report")


# A comment that opens a block of the page: `<!--` at most three spaces in, as Markdown reads one.
_COMMENT_START_RE = re.compile(r"^ {0,3}<!--")
_BACKTICKS_RE = re.compile(r"`+")


def without_code_spans(line: str) -> str:
    """A line without its code spans (a run of backticks up to the next run as long), in one pass:
    a pattern that matched them backtracked for seconds on a line of a thousand backticks."""
    runs = [(found.start(), found.end()) for found in _BACKTICKS_RE.finditer(line)]
    following: list[int | None] = [None] * len(runs)  # each run's next run of the same length
    last: dict[int, int] = {}
    for at in range(len(runs) - 1, -1, -1):
        length = runs[at][1] - runs[at][0]
        following[at] = last.get(length)
        last[length] = at
    kept, done, at = [], 0, 0
    while at < len(runs):
        closing = following[at]
        if closing is None:
            at += 1
            continue
        kept.append(line[done:runs[at][0]])
        done, at = runs[closing][1], closing + 1
    return "".join(kept) + line[done:]
_ANY_FENCE_RE = re.compile(r"^\s*(?:[-*+]\s+|\d{1,9}[.)]\s+|>\s*)*(`{3,}|~{3,})")
# A list item as an author types it: at most three spaces in (the guidance `new` writes indents its example further).
_TYPED_ITEM_RE = re.compile(r"^ {0,3}(?:[-*+•]|\d{1,3}[.)])\s+\S")


def _items_in_comments(reading: _Reading) -> None:
    """A marked item typed inside a comment (`<!-- ... -->`, such as the guidance under each heading of a
    new file) is on no page and counted nowhere: said at its line. Before, it was lost without a word
    when an author wrote above the guidance's closing `-->` (a review as a German author)."""
    if not any("<!--" in line for line in reading.lines):
        return  # most bodies: nothing to look at, line by line
    inside, fence = False, None
    for index, line in enumerate(reading.lines):
        opener = _ANY_FENCE_RE.match(line)
        if not inside and opener is not None:  # a fence at any depth (in a list item too): code, not comments
            mark = opener.group(1)
            fence = mark if fence is None else (None if mark[0] == fence[0] and len(mark) >= len(fence) else fence)
            continue
        if fence is not None:
            continue
        # What the page shows as code is no comment: a code span (`<!--`), an indented line.
        rest, parts = without_code_spans(line), []
        if not inside and not _COMMENT_START_RE.match(rest):
            continue  # a `<!--` within a paragraph is the paragraph's, shown or not, never a block of items
        while rest:  # the parts of the line inside a comment
            if inside:
                end = rest.find("-->")
                parts.append(rest if end < 0 else rest[:end])
                inside, rest = end < 0, "" if end < 0 else rest[end + 3:]
            else:
                start = rest.find("<!--")
                inside, rest = start >= 0, "" if start < 0 else rest[start + 4:]
        for part in parts:
            match = MARKER_RE.search(part.rstrip()) if _TYPED_ITEM_RE.match(part) else None
            word = match.group(1).strip().casefold() if match is not None else ""
            if match is not None and (word in CATEGORIES or word in STATUSES):
                reading.report.warning(reading.path, index + reading.body_line,
                                       "category" if word in CATEGORIES else "status",
                                       f"this item, marked `{match.group(0).strip()}`, is inside a comment"
                                       " (between `<!--` and `-->`), which never shows on the page, so it is"
                                       " neither published nor counted; write it below the comment's `-->`")


def heading_words(line: str) -> str:
    """The words of a line written as a heading, however: `### Key learnings`, `Key learnings:`,
    `**Key learnings**`."""
    return line.strip().lstrip("#").strip().strip("*_").rstrip(":").strip()


def meant_section(text: str, aliases: Mapping[str, Sequence[str]]) -> str | None:
    """The section of `aliases` a heading (or a line written as one) is likely meant as: its words, or
    words close to one of the section's names (`Transferrable ideas`); None when it is the author's own."""
    words = heading_words(text)
    if not words:
        return None
    key = heading_key(words, aliases)
    if key is not None:
        return key
    for key, names in aliases.items():
        if closest(words.casefold(), [name.casefold() for name in names], cutoff=0.75):
            return key
    return None


def _stray_statuses(reading: _Reading, heading_text: str, blocks: list[etree.Element], start: int) -> None:
    """A status ending an item of a section that is not the follow-up (its heading misspelt, or at
    another level): it would be shown as text and not counted, so it is an error."""
    for block in blocks:
        if block.tag not in LISTS:
            continue
        for item in block.iter("li"):
            match = MARKER_RE.search(_own_text(item).get()) or MARKER_RE.search(_last_text(item).get())
            word = match.group(1).strip().casefold() if match else ""
            if word not in STATUSES and not (word and closest(word, STATUSES, cutoff=0.8)):
                continue
            assert match is not None
            line = reading.locate(match.group(0).strip(), start)
            # The follow-up's name nearest to the heading, in the language it is written in.
            names = [FOLLOW_UP[1], *FOLLOW_UP[2], *OTHER_LANGUAGES.get(FOLLOW_UP[0], ())]
            near = closest(heading_text.casefold(), [name.casefold() for name in names], cutoff=0.75)
            name = next((name for name in names if name.casefold() == near), FOLLOW_UP[1])
            reading.report.error(reading.path, line, "status",
                                 f"`{match.group(0).strip()}` is a follow-up status, counted only under"
                                 f" `## {FOLLOW_UP[1]}`; the heading `{heading_text}` is not that section:"
                                 f" write it `## {name}`, as a level-2 heading")


def _lazy_item(reading: _Reading, text: str, start: int) -> None:
    first = LAZY_ITEM_RE.search(text)
    assert first is not None
    written = text[first.start() + 1:].split("\n", 1)[0].strip()
    line = reading.locate(written, start)
    reading.report.warning(reading.path, line, "body",
                           f"`{written[:40]}` follows a line of text with no blank line between, so the page shows it"
                           f" as part of that paragraph and it is not counted as a {reading.noun}; put a blank line"
                           " before the list")


class _Text(HTMLParser):
    """The text a piece of HTML shows, its lines kept (the standard library's parser)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _shown_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


# A line of a code block that reads as a list item: an item indented by a tab or four spaces.
CODE_ITEM_RE = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,9}[.)])[ \t]+(\S.*)$", re.MULTILINE)


def _indented_items(reading: _Reading, code: str, start: int, indented_only: bool = False) -> None:
    """List items a section of findings shows as code: a new user's items, indented by a tab, were
    shown in a grey box and not counted, and only the section's having no findings was said. With
    `indented_only`, only an item whose line is indented outside a fenced block (the author's code)."""
    found = CODE_ITEM_RE.search(code)
    if found is None:
        return
    line = reading.locate(found.group(1).strip()[:40], start)
    if indented_only:
        written = line - reading.body_line
        if not (0 <= written < len(reading.lines)) or not reading.lines[written].startswith(("\t", "    ")) \
                or written not in {at for at, _ in outside_fences(reading.lines)}:
            return
    reading.report.error(reading.path, line, "body",
                         "this list item starts with a tab or four spaces, so the page shows it, and the items"
                         f" after it, as code and none is counted as a {reading.noun}; start each item's `- ` at the"
                         " beginning of its line")


@dataclass(frozen=True)
class _Own:
    """Where an item's own words end (before its sub-items): in `block` (the item or its last paragraph
    before them), either its `text` (`holder` is None) or the tail of its last inline element `holder`."""

    block: etree.Element
    holder: etree.Element | None

    def get(self) -> str:
        return (self.block.text if self.holder is None else self.holder.tail) or ""

    def set(self, text: str) -> None:
        if self.holder is None:
            self.block.text = text
        else:
            self.holder.tail = text

    def add(self, badge: etree.Element) -> None:
        """Put `badge` right after the own words."""
        at = 0 if self.holder is None else list(self.block).index(self.holder) + 1
        self.block.insert(at, badge)


def _own_text(item: etree.Element) -> _Own:
    children = list(item)
    nested = next((at for at, child in enumerate(children) if child.tag in LISTS), len(children))
    paragraphs = [child for child in children[:nested] if child.tag == "p"]
    if paragraphs:
        block, inline = paragraphs[-1], list(paragraphs[-1])
    else:
        block, inline = item, children[:nested]
    return _Own(block, inline[-1] if inline else None)


def _first_words(item: etree.Element) -> str:
    """The first words of an item as written in the source (up to anything Markdown held aside)."""
    for text in item.itertext():
        words = text.split("\x02", 1)[0].strip()
        if words:
            return words[:30]
    return ""


def _last_text(item: etree.Element) -> _Own:
    """Where the item's text ends, its sub-items' included: a marker there classifies the whole item."""
    block = item
    while len(block):
        last = block[-1]
        if (last.tail or "").strip() or last.tag not in NESTING:
            return _Own(block, last)
        block = last
    return _Own(block, None)


NESTING = frozenset({"ul", "ol", "li", "p"})


def _marked(item: etree.Element) -> _Own:
    """Where the item's category marker stands, if it has one: after its own words, before any
    sub-items; or at the end of an earlier paragraph of them (the finding, then a paragraph that
    explains it: a lead expert's review found such a marker shown as text and counted nowhere); or
    else at the very end of the item, after its last sub-item."""
    own = _own_text(item)
    if MARKER_RE.search(own.get()):
        return own
    children = list(item)
    nested = next((at for at, child in enumerate(children) if child.tag in LISTS), len(children))
    for paragraph in (child for child in children[:nested] if child.tag == "p"):
        earlier = _Own(paragraph, paragraph[-1] if len(paragraph) else None)
        if MARKER_RE.search(earlier.get()):
            return earlier
    last = _last_text(item)
    return last if MARKER_RE.search(last.get()) else own


def _item(reading: _Reading, item: etree.Element, start: int) -> tuple[_Own, str, int]:
    """Where a list item's marker would stand, its text there, and the file line the item starts on
    (findings and follow-up items come in order: the search goes on from the last one)."""
    own = _marked(item)
    located = reading.locate(_first_words(item), max(start, reading.cursor))
    reading.cursor = located - reading.body_line + 1
    return own, own.get(), located


def _badge(reading: _Reading, own: _Own, marker: str | None) -> None:
    """On the page, the marker's badge where the marker stood."""
    if marker is not None and reading.badge is not None:
        own.set(own.get() + " ")
        own.add(reading.badge(marker))


def _finding(reading: _Reading, item: etree.Element, key: str, start: int) -> Finding:
    own, text, located = _item(reading, item, start)
    category = None
    match = MARKER_RE.search(text)
    if match:
        word = match.group(1).strip().casefold()
        line = reading.locate(match.group(0).strip(), located - reading.body_line)
        if word in CATEGORIES:
            category = word
            rest = text[: match.start()].rstrip()
            _second_marker(rest, word, line, reading.path, reading.report, reading.noun)
            own.set(rest)
        else:
            _near_miss(word, match.group(0).strip(), line, reading.path, reading.report, reading.noun)
    else:
        _punctuated(text, located, reading.path, reading.report, reading.noun)
        _unread(reading, item, text, located, CATEGORIES, "category", "category marker")
    _inside(reading, text[: match.start()] if match else text, located)
    _sub_markers(reading, item, own, located, CATEGORIES, "category", "category marker")
    finding = Finding(key, plain(item, reading.md), category, located)
    if not finding.text.strip():
        reading.report.error(reading.path, located, "body",
                             "this list item has no words" + (f" besides its marker `[{category}]`" if category else "")
                             + "; write what was found or learnt, or remove the item")
    _badge(reading, own, category)
    return finding


def _unread(reading: _Reading, item: etree.Element, own: str, located: int, words: Collection[str],
            field: str, what: str) -> bool:
    """A marker the author wrote at an item's end that is not read as one, said so (True), or False.

    Found by reviews: `**[challenge]**` (the marker in bold, italics or code, or `\\[challenge\\]`:
    the item's own text ends with the formatting or the escape, not the marker), `[challenge,
    contacts]` (two in one pair of brackets) and `(challenge)`. Each was shown as text and counted
    nowhere, with no message; and a finding ending in a marker's words that is not counted reads,
    in the CSV exports, like one that is.
    """
    whole = plain(item, reading.md)
    start = located - reading.body_line
    shown = MARKER_RE.search(whole)
    if shown is not None and not MARKER_RE.search(own):
        word = shown.group(1).strip().casefold()
        if word in words:
            written = shown.group(0).strip()
            # Its word, not as shown: formatting or an escape stands between the brackets and the word.
            reading.report.error(reading.path, reading.locate(shown.group(1).strip(), start), field,
                                 f"`{written}` is written as text (in bold, italics, code or a link, or with"
                                 f" `\\[`), so it is shown and not counted; write the {what} as it is, without"
                                 f" formatting: `… text. [{word}]`")
            return True
    # What would be an error without a marker stays one: a follow-up item needs its status.
    said = reading.report.error if field == "status" else reading.report.warning
    half = HALF_OPEN_RE.search(whole)
    written = whole[half.start():].strip() if half else ""
    if half is None:
        half = HALF_CLOSED_RE.search(whole)
        before = whole[:half.start(1)] if half else ""
        if half is not None and before.count("[") != before.count("]"):
            half = None  # its `[` is there, with more words inside: `[challenge, contacts]`
        written = whole[half.start(1):].strip() if half else ""
    if half is not None and half.group(1).casefold() in words:
        missing = "closing `]`" if written.startswith("[") else "opening `[`"
        said(reading.path, reading.locate(written, start), field,
             f"`{written}` has no {missing}, so it is shown as text and not counted; write"
             f" `[{half.group(1).casefold()}]`")
        return True
    # Brackets that look like a marker's, from another script's punctuation, are other brackets.
    found = BRACKETED_RE.search(whole.translate(LOOK_ALIKES))
    if found is None:
        return False
    inner = [part.casefold() for part in re.split(r"[\s,;/&+|]+", found.group(2)) if part]
    written = whole[found.start():found.end()].strip()
    if found.group(1) == "[" and len(inner) > 1 and all(part in words for part in inner):
        reading.report.error(reading.path, reading.locate(written, start), field,
                             f"`{written}` holds {len(inner)} {what}s in one pair of brackets, so none is counted;"
                             f" an item takes one: keep the one that fits best, such as `[{inner[0]}]`")
        return True
    if found.group(1) != "[" and len(inner) == 1 and inner[0] in words:
        said(reading.path, reading.locate(written, start), field,
             f"`{written}` ends the item in other brackets than a {what}'s, so it is shown as text and not counted;"
             f" write `[{inner[0]}]`")
        return True
    return False


def _cut(text: str, most: int = 80) -> str:
    """A line as a message quotes it: whole, or its first words and `…` when long."""
    return text if len(text) <= most else text[:most].rstrip() + "…"


def _inside(reading: _Reading, text: str, located: int) -> None:
    """What in a finding's own words (its end marker left out) the author meant as the end of one:
    a line `-Word` written without a space, which Markdown joins to the item above; a category marker
    (or one misspelt) that other words follow, shown as text and not counted."""
    start = located - reading.body_line
    # A marker that ends a line, by where that line ends: the line after it may be an item written `-Word`.
    ending = {inner.end() - 1: f"[{inner.group(1)}]" for inner in INNER_MARKER_RE.finditer(text) if inner.group(2)}
    joined: set[int] = set()
    for unspaced in UNSPACED_ITEM_RE.finditer(text):
        written = unspaced.group(1).strip()
        marker = ending.get(unspaced.start())
        # The whole line, as the author may paste it back (`…guara` lost its end: a new user's review).
        shown, fixed = _cut(written), _cut(f"{written[0]} {written[1:]}")
        if marker is not None and marker.casefold()[1:-1] in CATEGORIES:
            # Its marker above is then inside the joined item, and not counted either: one error, here, where
            # the fix is, rather than one at the marker that blamed its place (a new user's review). After a
            # marker, `-schools` or `-40 youth workers` is an item as surely as `-Schools`.
            joined.add(unspaced.start())
            reading.report.error(reading.path, reading.locate(written, start), "body",
                                 f"`{shown}` starts with `{written[0]}` and no space, so the page shows it as"
                                 f" more words of the item above, whose marker `{marker}` is then not counted"
                                 f" either; put a space after the `{written[0]}`: `{fixed}`")
            continue
        if not written[1].isupper():
            continue  # `-based` may be the end of a word a line break cut
        reading.report.warning(reading.path, reading.locate(written, start), "body",
                               f"`{shown}` starts with `{written[0]}` and no space, so the page shows it as"
                               f" more words of the item above and it is not counted as a {reading.noun} of its own;"
                               f" put a space after the `{written[0]}`: `{fixed}`")
    if MARKER_RE.search(text) or PUNCTUATED_RE.search(text):
        return  # a marker ends the words before the last one: said above
    for inner in INNER_MARKER_RE.finditer(text):
        if inner.group(2) and inner.end() - 1 in joined:
            continue  # said at the line that joined it
        word, written = inner.group(1).casefold(), f"[{inner.group(1)}]"
        # A marker's very word, or one misspelt where a line ends: a word in brackets mid-sentence
        # (`[Informationsabende]`, a quotation's `[contacted]`) is the author's text.
        meant = word if word in CATEGORIES else closest(word, CATEGORIES, cutoff=0.75) if inner.group(2) else None
        if meant:
            (reading.report.error if word == meant else reading.report.warning)(
                reading.path, reading.locate(written, start), "category",
                f"`{written}` stands inside the {reading.noun}, where it is shown as text and not counted; a"
                f" category marker ends its {reading.noun}: write `[{meant}]` last, or start a new list item (`- `)"
                " for the words after it")


def _sub_markers(reading: _Reading, item: etree.Element, own: _Own, located: int, words: Collection[str],
                 field: str, what: str) -> None:
    """A marker ending a sub-item's own words is shown as text and counted nowhere: a sub-item is part
    of its item, whose one marker stands after the item's own words or at its very end (`own`)."""
    start = located - reading.body_line
    for sub in (li for nested in item if nested.tag in LISTS for li in nested.iter("li")):
        words_of = _own_text(sub)
        if words_of.block is own.block and words_of.holder is own.holder:
            continue  # the item's own marker, at its very end
        found = MARKER_RE.search(words_of.get())
        if found is None:
            continue
        word = found.group(1).strip().casefold()
        if word in words or closest(word, words, cutoff=0.75):
            written = found.group(0).strip()
            reading.report.error(reading.path, reading.locate(written, start), field,
                                 f"`{written}` ends a sub-item, which is part of the item above and not counted on"
                                 f" its own: an item has one {what}, after its own words or at its very end; to"
                                 " count this one, make it an item of its own: start its `- ` where the item"
                                 " above starts its own, with no space or tab before it")


def _status(reading: _Reading, word: str, written: str, line: int) -> None:
    """Why a follow-up item's last bracketed word is no status, and which to write."""
    if word in CATEGORIES:
        reading.report.error(reading.path, line, "status",
                             f"`{written}` is a class of benefit, which goes with the findings; a follow-up item"
                             f" ends with what came of the idea: one of {STATUSES_LISTED}")
        return
    match = closest(word, STATUSES, cutoff=0.7)
    hint = f"did you mean `[{match}]`? " if match else ""
    reading.report.error(reading.path, line, "status",
                         f"unknown status `{written}`; {hint}(a follow-up item ends with one of {STATUSES_LISTED})")


def _follow_up(reading: _Reading, item: etree.Element, key: str, start: int) -> Finding:
    """One item of a visit's follow-up: what came of one idea, ending with its status marker."""
    own, text, located = _item(reading, item, start)
    status = None
    match = MARKER_RE.search(text)
    punctuated = PUNCTUATED_RE.search(text) if match is None else None
    if punctuated is not None and punctuated.group(1).casefold() not in STATUSES:
        punctuated = None
    if match:
        word = match.group(1).strip().casefold()
        line = reading.locate(match.group(0).strip(), located - reading.body_line)
        if word in STATUSES:
            status = word
            rest = text[: match.start()].rstrip()
            other = MARKER_RE.search(rest)
            if other and other.group(1).strip().casefold() in (*STATUSES, *CATEGORIES):
                reading.report.error(reading.path, line, "status",
                                     f"a follow-up item takes one status, but this one has"
                                     f" `[{other.group(1).strip()}]` and `[{word}]`; keep the one that holds now")
            own.set(rest)
        else:
            _status(reading, word, match.group(0).strip(), line)
    elif punctuated:
        reading.report.error(reading.path, located, "status",
                             f"the status `[{punctuated.group(1)}]` must be the last thing in the item; put the"
                             f" punctuation before it: `… text. [{punctuated.group(1).casefold()}]`")
    _sub_markers(reading, item, own, located, STATUSES, "status", "status")
    found = Finding(key, plain(item, reading.md), None, located, status,
                    tuple(dict.fromkeys(_targets(reading, item, located))))
    if match is None and punctuated is None and not _unread(reading, item, text, located, STATUSES, "status",
                                                            "status"):
        words = _first_words(item)
        example = f"{words} [considered]" if words == found.text else f"{words} … [considered]"
        reading.report.error(reading.path, located, "status",
                             f"this follow-up item has no status; end it with what came of the idea, one of"
                             f" {STATUSES_LISTED}, such as `- {example}`")
    if not found.text.strip():
        besides = f" besides its status `[{status}]`" if status else ""
        reading.report.error(reading.path, located, "body", f"this follow-up item has no words{besides}; write"
                                                            " which idea it is and what came of it, or remove the item")
    _badge(reading, own, status)
    return found


def _targets(reading: _Reading, item: etree.Element, line: int) -> list[str]:
    """The portal pages an item links to, as written in the tree (before links are rewritten).

    A link to a page's address (`../practices/kaap/`) rather than its file is neither checked nor
    counted: the author is told to link the file, as the portal's links are written."""
    targets = []
    for link in item.iter("a"):
        href = link.get("href") or ""
        target = link_target(href, reading.page)
        if target is not None:
            targets.append(target)
            continue
        path = urlsplit(href).path
        if path.endswith("/") and not urlsplit(href).scheme and not href.startswith("/"):
            written = link_target(path.rstrip("/") + ".md", reading.page)
            if written is not None and not written.startswith("../"):
                fix = path.rstrip("/") + ".md"
                reading.report.warning(reading.path, reading.locate(f"({href}", line - reading.body_line), "body",
                                       f"the link `{href}` leads to a page's address, so it is neither checked nor"
                                       f" counted as taken up; link the page's file instead: `{fix}`")
    return targets


def check_sections(sections: Sequence[Section], body: str, body_line: int, path: str,
                   aliases: Mapping[str, Sequence[str]], report: Report,
                   required: Sequence[tuple[str, str, tuple[str, ...]]] = SECTIONS, lang: object = None,
                   noun: str = "finding") -> None:
    """Each required section (key, heading, aliases: the visit matrix's by default) present once;
    empty ones warned about. `lang`, the entry's language as written: a missing section is named in it."""
    for key, heading, _ in required:
        matching = [s for s in sections if s.key == key]
        if not matching:
            line, message = _missing(heading, key, sections, body, body_line, aliases, lang, noun)
            report.error(path, line, "body", message)
            continue
        for extra in matching[1:]:
            first = matching[0]
            if fold(extra.heading) == fold(first.heading):
                said = (f"the section `## {heading}` appears twice (line {first.line} and line {extra.line});"
                        f" put all its {noun}s under one heading")
            else:
                # A heading read as the section by the name it begins with (`## Results of the group work`):
                # the author saw no second `## Key lessons` (a new user's review).
                said = (f"`## {extra.heading}` counts as the section `## {heading}` too (it is, or begins with,"
                        f" one of that section's names), which line {first.line} holds already as"
                        f" `## {first.heading}`: put all its {noun}s under one heading, or rename this one")
            report.error(path, extra.line, "body", said)
        if not matching[0].findings:
            report.warning(path, matching[0].line, "body",
                           f"the section `## {matching[0].heading}` has no {noun}s; write each one as a"
                           f" list item starting with `- `")


def own_names(key: str, lang: object) -> Sequence[str]:
    """A section's headings in a language (`de`: the entry's, else the portal's), or none where the portal
    knows none in it."""
    return BY_LANGUAGE.get(key, {}).get(str(lang).split("-")[0].casefold(), ()) if isinstance(lang, str) else ()


def shown_name(key: str, heading: str, lang: object) -> str:
    """How a message names a section to an author writing in `lang`: its first heading there, else `heading`."""
    own = own_names(key, lang)
    return own[0] if own else heading


def _missing(heading: str, key: str, sections: Sequence[Section], body: str, body_line: int,
             aliases: Mapping[str, Sequence[str]], lang: object = None, noun: str = "finding") -> tuple[int, str]:
    """Where and how to say that a required section is missing, with the likeliest fix."""
    names = list(aliases.get(key, [heading]))
    # In the entry's own language, when the portal knows the section's words in it (a German visit was
    # told of `## Contribution to the host`: a new user's review).
    own = own_names(key, lang)
    shown = own[0] if own else heading
    wanted = f"the required section `## {shown}` is missing"
    for index, line in outside_fences(body.split("\n")):
        # `### Key learnings`, `Key learnings:`, `**Key learnings**`, or `## Key learnings` after a tab or spaces.
        text = heading_words(line)
        if text and line.rstrip() != f"## {text}" and heading_key(text, {key: names}) == key:
            if line.strip() == f"## {text}":
                return index + body_line, (f"{wanted}: line {index + body_line} has `{line.strip()}` after"
                                           f" {'a tab' if line.startswith(chr(9)) else 'spaces'}, so it is shown as"
                                           " text; start `##` at the very beginning of the line")
            return index + body_line, (f"{wanted}: line {index + body_line} has `{line.strip()}`;"
                                       f" write it as a level-2 heading, `## {text}`")
    candidates = [s for s in sections if s.key is None]
    # A heading of the author's own near one of the section's names, in any language the portal reads
    # (a new user's `## Übertragbare Idee` was told to edit mkdocs.yml, at the body's first line).
    for found in candidates:
        near = closest(found.heading.casefold(), [name.casefold() for name in names], cutoff=0.75)
        if near:
            name = next(name for name in names if name.casefold() == near)
            return found.line, (f"{wanted}: line {found.line} has `## {found.heading}`;"
                                f" did you mean `## {name}`?")
    # The other headings of the entry's language, or the other English ones; those of every language
    # would make the message a page long.
    others = [f"`{name}`" for name in (own[1:] if own else names)
              if name != heading and (own or name not in OTHER_LANGUAGES.get(key, ()))]
    also = f" (it may also be headed {', '.join(others)})" if others else ""
    if candidates:
        # Headings of the city's own words, perhaps: the portal's maintainers can accept them too.
        unmatched = " or ".join(f"`## {s.heading}`" for s in candidates)
        return candidates[0].line, (f"{wanted}{also}; add it, followed by its {noun}s as a list. If {unmatched}"
                                    f" is meant to be this section, rename it `## {shown}`, or ask the portal's"
                                    " maintainers to accept your heading too (their option `matrix_aliases`, as"
                                    f" `{key}: [your heading]`)")
    return body_line, f"{wanted}{also}; add it, followed by its {noun}s as a list"
