"""Read an entry file: its YAML front matter, with line numbers, and its body.

MkDocs' own front-matter reader drops YAML errors silently, and a YAML 1.1
loader turns `NO` (Norway), `no`, `on` and `yes` into booleans. Here the YAML
is composed into nodes and every scalar keeps the text the author wrote; the
field types decide later what a value means (a year, a date, a list).
"""

from __future__ import annotations

import bisect
import html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import shortened

# Key paths: ("tags",) is a top-level field, ("tags", 2) its third item,
# ("equipment", 0, "count") a key inside the first item.
KeyPath = tuple[object, ...]

NULL_WORDS = frozenset({"", "~", "null", "Null", "NULL"})
# LibYAML's parser where PyYAML was built with it: same nodes and marks, many times faster.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FENCE = "---"


class SourceError(Exception):
    """A file that cannot be read as front matter and body."""

    def __init__(self, line: int | None, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Document:
    """An entry file split into front matter (plain data) and Markdown body."""

    path: str
    data: dict[str, object]
    lines: dict[KeyPath, int] = field(repr=False)
    body: str = field(repr=False)
    body_line: int = 1
    # Warnings found while reading the YAML: (line, field, message).
    notes: tuple[tuple[int, str | None, str], ...] = field(default=(), repr=False)
    # Fields this kind lacks that another kind, whose entry the file could be, has: what to say of each
    # (a practice saved among the sessions, its one field `related` the sign).
    elsewhere: Mapping[str, str] = field(default_factory=dict, repr=False)

    def line_of(self, *key: object) -> int:
        """The line of a field or list item, falling back to its parent's, then line 1."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return 1


# Invisible control characters (a tab and line ends aside): never meant as text, and
# often pasted from a PDF or a word processor. With them, the line ends YAML reads where the
# author sees none (so its errors would name a later line), and the direction marks that turn
# around the text after them wherever an entry's words are shown (a listing, a spreadsheet):
# embeddings, overrides, isolates (a hostile review's `Funding: not approved` held `approved not`)
# and the plain marks, which no European language needs.
UNWANTED_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
                         "\u2066-\u2069]")


# Plain names for the invisible characters authors meet most.
CHAR_NAMES = {"\x00": "a null character", "\x08": "a backspace", "\x0b": "a vertical tab", "\x0c": "a page break",
              "\x1a": "an end-of-file mark", "\x1b": "an escape character", "\x7f": "a delete character",
              "\x85": "a next-line mark", "\u2028": "a line separator", "\u2029": "a paragraph separator",
              "\u202a": "a left-to-right embedding", "\u202b": "a right-to-left embedding",
              "\u202c": "the end of a direction mark", "\u202d": "a left-to-right override",
              "\u202e": "a right-to-left override", "\u2066": "a left-to-right isolate",
              "\u2067": "a right-to-left isolate", "\u2068": "a first-strong isolate",
              "\u2069": "the end of a direction isolate", "\u200e": "a left-to-right mark",
              "\u200f": "a right-to-left mark", "\u061c": "an Arabic letter mark"}


def describe_char(char: str) -> str:
    """An invisible character in plain words with its code point, for messages."""
    code = f"U+{ord(char):04X}"
    return f"an invisible character ({CHAR_NAMES.get(char, 'a control character')}, {code})"




# Numeric references with any number of leading zeros (`&#x000000202E;`), as browsers read them.
CHAR_REFERENCE_RE = re.compile(r"&(?:#([0-9]+)|#[xX]([0-9a-fA-F]+)|[A-Za-z][A-Za-z0-9]{1,31});")


def _referenced(found: re.Match[str]) -> str:
    """The character a reference stands for, as a browser reads it; "" for none (a number past Unicode)."""
    decimal, hexadecimal = found.group(1), found.group(2)
    if decimal is None and hexadecimal is None:
        return html.unescape(found.group())
    digits = (decimal or hexadecimal).lstrip("0") or "0"
    if len(digits) > 7:
        return ""  # more than any code point: shown as a replacement character
    return html.unescape(f"&#x{int(digits, 10 if decimal is not None else 16):x};")


def unwanted_reference(body: str, first_line: int) -> SourceError | None:
    """A character reference in a body (`&#x202E;`, `&rlm;`) that the page shows as one of the invisible
    characters refused when written as they are: found by a hostile review, they turned a finding
    around on the page and went into the exports as the characters themselves."""
    if "&" not in body:
        return None
    for found in CHAR_REFERENCE_RE.finditer(body):
        char = _referenced(found)
        if UNWANTED_RE.fullmatch(char):
            line = first_line + body.count("\n", 0, found.start())
            return SourceError(line, f"`{found.group()}` stands for {describe_char(char)}, which turns the text"
                                     " around or hides in it; remove it", "body")
    return None


def _unwanted_in_text(text: str) -> SourceError:
    """A located error for the first unwanted character of a file's text, naming the lines of the others."""
    found = list(UNWANTED_RE.finditer(text))
    first = found[0]
    line = text.count("\n", 0, first.start()) + 1
    if first.group() == "\x1a" and not text[first.start():].strip("\x1a\n"):
        return SourceError(line, "the file ends with an invisible end-of-file mark (U+001A) left by an old editor;"
                                 " delete everything after the last line of text")
    before = text[text.rfind("\n", 0, first.start()) + 1 : first.start()].strip()
    where = f' after "{" ".join(before.split()[-4:])}"' if before else " at its start"
    ends = [at for at, char in enumerate(text) if char == "\n"]  # once: a line count per character is quadratic
    others = sorted({bisect.bisect_left(ends, m.start()) + 1 for m in found[1:]} - {line})
    if len(others) > 20:
        others = [*others[:20]]
    also = f"; the same goes for line{'s' if len(others) > 1 else ''} {', '.join(map(str, others))}" if others else ""
    return SourceError(line, f"this line holds {describe_char(first.group())}{where}: such characters often come"
                             " with text copied from a PDF or a word processor; delete it (if your editor does not"
                             f" show it, delete the words around it and type them again){also}")


# No entry comes near this; a larger file is a mistake (or an attack) that would fill memory.
MAX_BYTES = 1024 * 1024


def read_bytes(path: Path, limit: bool = True) -> bytes:
    """A file's bytes, or a `SourceError` saying in plain words why it cannot be read.

    `limit` holds a content file to `MAX_BYTES`; the maintainers' own pages are not held to it.
    """
    try:
        size = path.stat().st_size
        if limit and size > MAX_BYTES:
            raise SourceError(None, f"the file is {size / MAX_BYTES:.1f} MiB; a content file holds at most 1 MiB"
                                    " of text: split it, or move pictures and documents out of it")
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1 if limit else -1)
    except OSError as exc:
        why = exc.strerror or exc.__class__.__name__
        raise SourceError(None, f"the file cannot be read ({why}); check that it is a file and that"
                                " everyone may read it") from None
    if limit and len(raw) > MAX_BYTES:  # a file that grew, or one whose size the system does not tell
        raise SourceError(None, "the file holds more than 1 MiB; a content file holds at most 1 MiB of text")
    return raw


def decode(raw: bytes) -> str:
    """UTF-8 bytes as text with `\n` line ends, with a located error when they are not UTF-8."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(line, "the file is not UTF-8 text; save it with UTF-8 encoding") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path) -> str:
    """A content file's text as UTF-8, with a located error when it is not."""
    text = decode(read_bytes(path))
    if UNWANTED_RE.search(text):
        raise _unwanted_in_text(text)
    return text


def split(text: str) -> tuple[str, str, int]:
    """Split `---` front matter from the body; return (yaml, body, first body line)."""
    lines = text.split("\n")
    if not text.strip():
        raise SourceError(1, "the file is empty; a content file starts with a line `---`, then the front matter"
                             " fields, then `---`, then the text")
    if lines[0].strip() != FENCE:
        raise SourceError(1, "the file must start with a line `---`, then the front matter fields, then `---`")
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in (FENCE, "..."):
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1 :]), number + 2
    # A closing line mistyped (`--`, `----`, `- - -`, a dash a word processor made): said where it stands
    # (a new user's `--` on line 6 was said at line 1).
    for number, line in enumerate(lines[1:], start=1):
        stripped = line.strip()
        if stripped in (FENCE, "...") and line.rstrip() != stripped:
            raise SourceError(number + 1, f"the front matter opened with `---` on line 1 is never closed: this line"
                                          f" has `{stripped}` after {'a tab' if line[0] == chr(9) else 'spaces'};"
                                          f" start `{stripped}` at the very beginning of the line")
        if (len(stripped) >= 2 or stripped in ("–", "—")) and len(stripped) <= 8 \
                and set(stripped) <= set("-–—‐‑‒−_=. ") and stripped != FENCE:
            raise SourceError(number + 1, f"the front matter opened with `---` on line 1 is never closed: this line"
                                          f" has `{stripped}`; write it as three hyphens, `---`")
    raise SourceError(1, "the front matter opened with `---` on line 1 is never closed; add a line `---` after the"
                         " last field")


# No field of any kind nests deeper than a list of groups of fields (3); a value nested
# far deeper is a mistake or an attack, and composing thousands of levels crashes LibYAML.
MAX_DEPTH = 10
# Below this many brackets a text cannot nest deep enough to matter (block nesting needs
# ever more indentation), so most front matter skips the look at its events.
BRACKET_GATE = 64


def _nested_too_deep(source: str, first_line: int, what: str) -> SourceError | None:
    """A located error when flow brackets nest beyond `MAX_DEPTH`, found without composing."""
    if source.count("[") + source.count("{") <= BRACKET_GATE:
        return None
    depth = 0
    try:
        for event in yaml.parse(source, Loader=LOADER):
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return _too_deep(_line_of(event) + first_line, what)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None  # reported, with its line, by the compose that follows
    return None


def _line_of(event: yaml.Event) -> int:
    """The line an event starts on, counted from 0 (PyYAML gives every event its start)."""
    return event.start_mark.line if event.start_mark is not None else 0


def _too_deep(line: int, what: str) -> SourceError:
    return SourceError(line, f"{what} nests lists or groups of fields more than {MAX_DEPTH} levels deep;"
                             " no field takes that: check the brackets and the indentation")


def _alias_error(source: str, first_line: int, what: str) -> SourceError:
    """Where the first alias (`*name`) stands: anchors and aliases are refused, not expanded."""
    line = first_line
    for event in yaml.parse(source, Loader=LOADER):
        if isinstance(event, yaml.AliasEvent):
            line = _line_of(event) + first_line
            break
    return SourceError(line, f"{what} repeats a value with an anchor and an alias (`&name` … `*name`), which"
                             " the portal does not read: a few lines can stand for millions of values; write"
                             " the value out each time")


class _Aliased(Exception):
    """A node met twice while turning nodes into data: it was repeated with an alias."""


class _TooDeep(Exception):
    """A value nested beyond `MAX_DEPTH`, at a line."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def parse_yaml(source: str, first_line: int, what: str = "the front matter",
               notes: list[tuple[int, str | None, str]] | None = None) -> tuple[object, dict[KeyPath, int]]:
    """Compose YAML into plain data, keeping every scalar as the author's text."""
    deep = _nested_too_deep(source, first_line, what)
    if deep is not None:
        raise deep
    try:
        node = yaml.compose(source, Loader=LOADER)
    except yaml.YAMLError:
        # The pure-Python parser words its errors the same on every machine; the error path can afford it.
        try:
            yaml.compose(source, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            raise _located_yaml_error(exc, source, first_line, what) from None
        except RecursionError:
            pass
        raise SourceError(first_line, f"{what} is not valid YAML") from None
    lines: dict[KeyPath, int] = {}
    if node is None:
        return None, lines
    try:
        data = _plain(node, (), lines, first_line, set())
    except _Aliased:
        raise _alias_error(source, first_line, what) from None
    except _TooDeep as exc:
        raise _too_deep(exc.line, what) from None
    if notes is not None:
        notes.extend(_run_on_items(node, first_line))
        notes.extend(_cut_by_comments(node, source.split("\n"), first_line))
    return data, lines


# A `#` after one space ends a plain value: YAML reads the rest of the line as a comment. The lines
# `new` writes explain a field after two spaces or more (`end: 2014-01-17   # the last day`), which stays quiet.
_CUT_RE = re.compile(r" #(.*)$")


def _cut_by_comments(root: yaml.Node, lines: list[str], offset: int) -> list[tuple[int, str | None, str]]:
    """Values cut short at ` #`: `title: Partnerschaften #1 im Barcamp` publishes `Partnerschaften`, and
    nothing said so (a review as a German author)."""
    found: list[tuple[int, str | None, str]] = []
    if not any(" #" in line for line in lines):
        return found  # most files: no comment after a value at all

    def walk(node: yaml.Node, field: str | None) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, field if field is not None else str(key.value))
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item, field)
        elif isinstance(node, yaml.ScalarNode) and not node.style and node.value:
            line = node.end_mark.line
            cut = _CUT_RE.match(lines[line][node.end_mark.column:]) if line < len(lines) else None
            # A comment in YAML's own style after one word (`city: munich # the city that runs it`,
            # `start: 2014-01-15 # first day`) is the author's note: said only after words of text, or
            # where the `#` begins a word (`#1`), which no comment does.
            if cut is not None and cut.group(1).strip() and (" " in node.value or not cut.group(1).startswith(" ")):
                whole = f"{node.value} #{cut.group(1)}".strip()
                found.append((line + offset, field,
                              f"the text after ` #` (`#{cut.group(1).strip()[:40]}`) is read as a comment and left"
                              f" out, so the value is `{node.value[:60]}`; to keep it, put the whole value in"
                              f" quotes: \"{whole[:80]}\""))

    walk(root, None)
    return found


def _run_on_items(root: yaml.Node, offset: int) -> list[tuple[int, str | None, str]]:
    """List items that YAML joined into one: a plain value over several lines that holds ` - `, as when
    an author indents the next item (`- Jonas`) under the first instead of beside it."""
    found: list[tuple[int, str | None, str]] = []
    for key_node, value in getattr(root, "value", []) if isinstance(root, yaml.MappingNode) else []:
        items = value.value if isinstance(value, yaml.SequenceNode) else []
        for item in items:
            if (isinstance(item, yaml.ScalarNode) and not item.style and " - " in item.value
                    and item.end_mark.line > item.start_mark.line):
                second = item.value.split(" - ", 1)[1]
                found.append((item.start_mark.line + offset, str(key_node.value),
                              f"`{item.value[:60]}` is read as one item, because `- {second[:30]}` is indented"
                              " under the item before it; to make it an item of its own, start its `-` where the"
                              " first item's `-` starts"))
    return found


def _plain(node: yaml.Node, key: KeyPath, lines: dict[KeyPath, int], offset: int, seen: set[int]) -> object:
    # A node met twice was repeated by an alias; expanding it could cost millions of values.
    if id(node) in seen:
        raise _Aliased
    seen.add(id(node))
    if len(key) > MAX_DEPTH:
        raise _TooDeep(node.start_mark.line + offset)
    if key:
        lines.setdefault(key, node.start_mark.line + offset)
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.value in NULL_WORDS:
            return None
        # Also from a quoted escape such as "\x1a", which the file's own text does not show.
        found = UNWANTED_RE.search(node.value)
        if found:
            char = found.group()
            escape = f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"
            raise SourceError(node.start_mark.line + offset,
                              f"the quoted value holds an escape such as `{escape}`, standing for"
                              f" {describe_char(char)}, which cannot show on a page; remove the escape",
                              str(key[0]) if key else None)
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, (*key, i), lines, offset, seen) for i, item in enumerate(node.value)]
    return _mapping(node, key, lines, offset, seen)


def _mapping(node: yaml.Node, key: KeyPath, lines: dict[KeyPath, int], offset: int,
             seen: set[int]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + offset
        if not isinstance(key_node, yaml.ScalarNode):
            raise SourceError(line, "a field name must be a plain word, such as `title`")
        name = key_node.value
        if name in result:
            raise SourceError(line, "is given twice; keep one", name)
        where = (*key, name)
        lines[where] = line
        result[name] = _plain(value_node, where, lines, offset, seen)
    return result


PLAIN_WORDS = (
    ("'\\t'", "there is a tab on this line; indent with spaces only"),
    ("mapping values are not allowed", "a value contains `: `; put the whole value in quotes,"
     " such as `title: \"KAAP: parents achieve goals together\"`"),
    ("could not find expected ':'", "a line is not `field: value`; check for a missing colon or a stray line"),
)
HINT = ("check the indentation, and put quotes around a value that contains `: ` or starts with"
        " `[`, `{`, `*`, `&`, `!`, `%`, `@` or a quote")


FIELD_LINE_RE = re.compile(r"^(\s*)([A-Za-z_][\w-]*)\s*:(.*)$")
# `started:2019`; not `url:https://…`, nor `title:: x` (a field named `title:`, which is valid YAML)
UNSPACED_FIELD_RE = re.compile(r"^([A-Za-z_][\w-]*):(?![/\\:])(\S.*)$")
NO_COLON_RE = re.compile(r"^(\s*)([A-Za-z_][\w-]*)[ \t]+([^:#\s][^:]*)$")  # `host wien`, and no colon
UNSPACED_ITEM_RE = re.compile(r"^\s*-[A-Za-z_\[{\"']")  # `-id: muenchen`, `-[a, b]`; not `---` nor `-1`
CURLY_QUOTES = "“”„‟«»‘’‚‹›"


def _located_yaml_error(exc: yaml.YAMLError, source: str, first_line: int, what: str) -> SourceError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + first_line if mark is not None else first_line
    problem = getattr(exc, "problem", None) or str(exc)
    lines = source.split("\n")
    text = lines[line - first_line] if mark is not None and 0 <= line - first_line < len(lines) else ""
    key = FIELD_LINE_RE.match(text)
    near = max(line - first_line, 0)
    unspaced = None
    if "could not find expected ':'" in problem:
        # `started:2019`: YAML reads a colon as a field's only when a space follows it (a new user's report).
        unspaced = next(((at, m) for at in range(min(near, len(lines) - 1), max(near - 3, -1), -1)
                         if (m := UNSPACED_FIELD_RE.match(lines[at]))), None)
    if unspaced is None:
        unspaced = _unspaced_first_cause(lines, near)
    if unspaced is not None:
        at, found = unspaced
        return _unspaced_error(at + first_line, found, what)
    context = getattr(exc, "context", None) or ""
    opened = getattr(exc, "context_mark", None)
    if "quoted scalar" in context and opened is not None:
        # `title: "Parents café` and no closing quote: YAML reads on to the end, and says so there.
        quote = lines[opened.line][opened.column] if opened.column < len(lines[opened.line]) else '"'
        field = FIELD_LINE_RE.match(lines[opened.line])
        return SourceError(opened.line + first_line, f"{what} is not valid YAML: the quote `{quote}` opened on this"
                                                     f" line is never closed; end the value with `{quote}`",
                           field.group(2) if field else None)
    for opening, closing in (("[", "]"), ("{", "}")):
        if f"expected ',' or '{closing}'" in problem and opened is not None:
            # `tags: [a, b` on one line: YAML notices the missing bracket only on a later line; it names
            # the line that opened the list.
            field = FIELD_LINE_RE.match(lines[opened.line])
            said = (f"the `{opening}` on this line is not closed; end the list with `{closing}` on the same line"
                    if lines[opened.line].count(opening) > lines[opened.line].count(closing) else
                    f"the list on this line is not written as `{opening}a, b{closing}`: its items are separated by"
                    " commas, with nothing after an item's closing quote")
            return SourceError(opened.line + first_line, f"{what} is not valid YAML: {said}",
                               field.group(2) if field else None)
    for at in range(min(near, len(lines) - 1), max(near - 3, -1), -1):
        bare, dashed = NO_COLON_RE.match(lines[at]), UNSPACED_ITEM_RE.match(lines[at])
        if bare is not None and _the_cause(lines, at, f"{bare.group(1)}{bare.group(2)}: {bare.group(3)}", near):
            # `host wien`: YAML notices a line without its colon only at the line after it. Or the line
            # goes on with the value above it (a summary wrapped at the start of a line).
            write = f"`{bare.group(2)}: {shortened(bare.group(3))}`"
            above = next((text for text in reversed(lines[:at]) if text.strip()), "")
            field_above = FIELD_LINE_RE.match(above)
            # A sentence after a text, rather than `city lyon`, likelier goes on with that text.
            goes_on = field_above is not None and field_above.group(3).strip()[:1] not in ("", "[", "{", "|", ">") \
                and len(lines[at].split()) > 2
            fixes = (f"if it goes on with the value above it, indent it by two spaces; if `{bare.group(2)}` is a"
                     f" field, write {write}") if goes_on else \
                (f"if `{bare.group(2)}` is a field, write {write}; if the line goes on with the value above it,"
                 " indent it by two spaces")
            return SourceError(at + first_line, f"{what} is not valid YAML: `{shortened(lines[at])}` is not"
                                                f" `field: value`: {fixes}", bare.group(2))
        if dashed is not None and _the_cause(lines, at, lines[at].replace("-", "- ", 1), near):
            # `-id: muenchen`: a list item's dash wants a space after it.
            item = lines[at].strip()
            return SourceError(at + first_line, f"{what} is not valid YAML: a list item needs a space after its"
                                                f" `-`; write `- {shortened(item[1:])}`", None)
    advice = _likely_cause(problem, lines[: max(line - first_line, 0)], key) or _closed_early(key)
    if advice is None:
        advice = next((words for pattern, words in PLAIN_WORDS if pattern in problem), HINT)
    # The parser's own words (`expected <block end>, but found '?'`) help no author: the line and the advice do.
    return SourceError(line, f"{what} is not valid YAML: {advice}", key.group(2) if key else None)


def _unspaced_first(lines: list[str]) -> tuple[int, re.Match[str]] | None:
    """The first line that says something (not a comment, `---` or a directive), when it is a field
    with no space after its colon."""
    at = next((at for at, text in enumerate(lines)
               if text.strip() and not text.lstrip().startswith(("#", "%")) and text.rstrip() not in ("---", "...")),
              None)
    found = UNSPACED_FIELD_RE.match(lines[at]) if at is not None else None
    return (at, found) if at is not None and found is not None else None


def _the_cause(lines: list[str], at: int, fixed: str, near: int) -> bool:
    """Whether line `at` written as `fixed` is what YAML stumbled on at line `near`: it does not then."""
    try:
        yaml.compose("\n".join([*lines[:at], fixed, *lines[at + 1:]]), Loader=LOADER)
    except yaml.YAMLError as again:
        mark = getattr(again, "problem_mark", None) or getattr(again, "context_mark", None)
        return mark is not None and mark.line != near
    return True


def _unspaced_first_cause(lines: list[str], near: int) -> tuple[int, re.Match[str]] | None:
    """`title:Parents café` as the first line: YAML takes it for the start of a text and stumbles on
    a later line (the next field's `: `, a comment). Named when it is the cause: without it, YAML
    does not stumble on that line."""
    first = _unspaced_first(lines[: near + 1])
    return first if first is not None and _the_cause(lines, first[0], "", near) else None


def _unspaced_error(line: int, found: re.Match[str], what: str) -> SourceError:
    return SourceError(line, f"{what} is not valid YAML: `{found.group(1)}:` has no space after its colon, so YAML"
                             f" does not read it as a field; write `{found.group(1)}: {shortened(found.group(2))}`",
                       found.group(1))


def _likely_cause(problem: str, before: list[str], key: re.Match[str] | None) -> str | None:
    """What authors most often did when YAML says a value may not hold `: `."""
    if key is None or "mapping values are not allowed" not in problem:
        return None
    indent, name, value = key.groups()
    earlier = next((m for line in reversed(before) if line.strip() and (m := FIELD_LINE_RE.match(line))), None)
    if indent and earlier is not None and earlier.group(3).strip() and not earlier.group(1):
        return (f"`{name}:` is indented, so YAML reads it as part of the value of `{earlier.group(2)}`;"
                f" start every field at the beginning of its line, without spaces before `{name}:`")
    value = value.strip()
    if value[:1] in CURLY_QUOTES:
        return (f"the value of `{name}` is in typographic quotes ({value[0]}…), which YAML does not read as"
                " quotes, and it contains `: `; write straight quotes instead, such as"
                f" `{name}: \"KAAP: parents achieve goals together\"`")
    return None


def _closed_early(key: re.Match[str] | None) -> str | None:
    """A quoted value holding its own quote mark (`title: 'Wie gelingt's?'`): the quote ends the value early."""
    if key is None:
        return None
    name, value = key.group(2), key.group(3).strip()
    quote = value[:1]
    # Only a value quoted from end to end with no escape of its own (`''`, `\"`): otherwise the advice would
    # change the text (drop a quote, or take in what follows the closing one).
    if quote not in ("'", '"') or len(value) < 3 or not value.endswith(quote):
        return None
    inner = value[1:-1]
    if quote not in inner or "''" in inner or "\\" in inner:
        return None
    if quote == "'":
        fixed = '"' + inner.replace("\\", "\\\\").replace('"', '\\"') + '"'
        how = "write the value in double quotes"
    elif "'" not in inner:
        fixed, how = f"'{inner}'", "write the value in single quotes"
    else:
        fixed, how = '"' + inner.replace('"', '\\"') + '"', 'write each `"` inside it as `\\"`'
    return (f"the `{quote}` inside the value of `{name}` ends its quoted text early; {how}:"
            f" `{name}: {shortened(fixed)}`")


def read_document(path: Path, rel: str) -> Document:
    """Read one entry file into a `Document`, or raise a located `SourceError`."""
    text = read_text(path)
    yaml_text, body, body_line = split(text)
    notes: list[tuple[int, str | None, str]] = []
    data, lines = parse_yaml(yaml_text, first_line=2, notes=notes)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _not_fields(yaml_text, 2, "the front matter")
    return Document(rel, data, lines, body, body_line, tuple(notes))


def _not_fields(source: str, first_line: int, what: str) -> SourceError:
    """YAML read no fields at all: a lone `title:Parents café` (no space after its colon), or a stray text."""
    unspaced = _unspaced_first(source.split("\n"))
    if unspaced is not None:
        return _unspaced_error(unspaced[0] + first_line, unspaced[1], what)
    return SourceError(first_line, f"{what} must be a list of `field: value` lines")


def read_mapping(path: Path, rel: str) -> Document:
    """Read a whole YAML file (such as network.yml) as a `Document` without a body."""
    notes: list[tuple[int, str | None, str]] = []
    data, lines = parse_yaml(read_text(path), first_line=1, what="the file", notes=notes)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _not_fields(read_text(path), 1, "the file")
    return Document(rel, data, lines, "", 1, tuple(notes))
