"""Read an entry file: its YAML front matter, with line numbers, and its body.

MkDocs' own front-matter reader drops YAML errors silently, and a YAML 1.1
loader turns `NO` (Norway), `no`, `on` and `yes` into booleans. Here the YAML
is composed into nodes and every scalar keeps the text the author wrote; the
field types decide later what a value means (a year, a date, a list).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

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

    def line_of(self, *key: object) -> int:
        """The line of a field or list item, falling back to its parent's, then line 1."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key[:-1]
        return 1


# Invisible control characters (a tab and line ends aside), and the two private-use
# characters the portal marks category badges with: never meant as text, and the
# pages the portal draws rely on author text holding none of them.
UNWANTED_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ue000\ue001]")


# Plain names for the invisible characters authors meet most.
CHAR_NAMES = {"\x00": "a null character", "\x08": "a backspace", "\x0b": "a vertical tab", "\x0c": "a page break",
              "\x1a": "an end-of-file mark", "\x1b": "an escape character", "\x7f": "a delete character"}


def _what(char: str) -> str:
    code = f"U+{ord(char):04X}"
    if char in PRIVATE:
        return f"the character {code}"
    return f"an invisible character ({CHAR_NAMES.get(char, 'a control character')}, {code})"


PRIVATE = "\ue000\ue001"
ESCAPED_WHY = {False: "which cannot show on a page", True: "which the portal keeps for its own marks"}


def _why(char: str) -> str:
    if char in PRIVATE:
        return "the portal keeps that character for its own marks"
    return "such characters often come with text copied from a PDF or a word processor"


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
    others = sorted({text.count("\n", 0, m.start()) + 1 for m in found[1:]} - {line})
    also = f"; the same goes for line{'s' if len(others) > 1 else ''} {', '.join(map(str, others))}" if others else ""
    return SourceError(line, f"this line holds {_what(first.group())}{where}: {_why(first.group())}; delete it"
                             f" (if your editor does not show it, delete the words around it and type them again){also}")


def read_text(path: Path) -> str:
    """A content file's text as UTF-8, with a located error when it is not."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SourceError(line, "the file is not UTF-8 text; save it with UTF-8 encoding") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if UNWANTED_RE.search(text):
        raise _unwanted_in_text(text)
    return text


def split(text: str) -> tuple[str, str, int]:
    """Split `---` front matter from the body; return (yaml, body, first body line)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != FENCE:
        raise SourceError(1, "the file must start with a line `---`, then the front matter fields, then `---`")
    for number, line in enumerate(lines[1:], start=1):
        if line.rstrip() in (FENCE, "..."):
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1 :]), number + 2
    raise SourceError(1, "the front matter opened with `---` on line 1 is never closed; add a line `---` after the last field")


def parse_yaml(source: str, first_line: int, what: str = "the front matter") -> tuple[object, dict[KeyPath, int]]:
    """Compose YAML into plain data, keeping every scalar as the author's text."""
    try:
        node = yaml.compose(source, Loader=LOADER)
    except yaml.YAMLError:
        # The pure-Python parser words its errors the same on every machine; the error path can afford it.
        try:
            yaml.compose(source, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            raise _located_yaml_error(exc, source, first_line, what) from None
        raise SourceError(first_line, f"{what} is not valid YAML") from None
    lines: dict[KeyPath, int] = {}
    if node is None:
        return None, lines
    return _plain(node, (), lines, first_line), lines


def _plain(node: yaml.Node, key: KeyPath, lines: dict[KeyPath, int], offset: int) -> object:
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
                              f"the quoted value holds an escape such as `{escape}`, standing for {_what(char)},"
                              f" {ESCAPED_WHY[char in PRIVATE]}; remove the escape", str(key[0]) if key else None)
        return node.value
    if isinstance(node, yaml.SequenceNode):
        return [_plain(item, (*key, i), lines, offset) for i, item in enumerate(node.value)]
    return _mapping(node, key, lines, offset)


def _mapping(node: yaml.Node, key: KeyPath, lines: dict[KeyPath, int], offset: int) -> dict[str, object]:
    result: dict[str, object] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + offset
        if not isinstance(key_node, yaml.ScalarNode):
            raise SourceError(line, "a field name must be a plain word, such as `title`")
        name = key_node.value
        if name in result:
            raise SourceError(line, "is given twice; keep one", name)
        lines[(*key, name)] = line
        result[name] = _plain(value_node, (*key, name), lines, offset)
    return result


PLAIN_WORDS = (
    ("'\\t'", "there is a tab on this line; indent with spaces only"),
    ("mapping values are not allowed", "a value contains `: `; put the whole value in quotes,"
     " such as `title: \"KAAP: parents achieve goals together\"`"),
    ("could not find expected ':'", "a line is not `field: value`; check for a missing colon or a stray line"),
)
HINT = ("check the indentation, and put quotes around a value that contains `: ` or starts with"
        " `[`, `{`, `*`, `&`, `!`, `%`, `@` or a quote")


def _located_yaml_error(exc: yaml.YAMLError, source: str, first_line: int, what: str) -> SourceError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + first_line if mark is not None else first_line
    problem = getattr(exc, "problem", None) or str(exc)
    advice = next((words for pattern, words in PLAIN_WORDS if pattern in problem), None)
    message = f"{what} is not valid YAML: {advice}" if advice else f"{what} is not valid YAML ({problem}); {HINT}"
    lines = source.split("\n")
    text = lines[line - first_line] if mark is not None and 0 <= line - first_line < len(lines) else ""
    key = re.match(r"^\s*([A-Za-z_][\w-]*)\s*:", text)
    return SourceError(line, message, key.group(1) if key else None)


def read_document(path: Path, rel: str) -> Document:
    """Read one entry file into a `Document`, or raise a located `SourceError`."""
    text = read_text(path)
    yaml_text, body, body_line = split(text)
    data, lines = parse_yaml(yaml_text, first_line=2)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SourceError(2, "the front matter must be a list of `field: value` lines")
    return Document(rel, data, lines, body, body_line)


def read_mapping(path: Path, rel: str) -> Document:
    """Read a whole YAML file (such as network.yml) as a `Document` without a body."""
    data, lines = parse_yaml(read_text(path), first_line=1, what="the file")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise SourceError(1, "the file must be a list of `field: value` lines")
    return Document(rel, data, lines, "", 1)
