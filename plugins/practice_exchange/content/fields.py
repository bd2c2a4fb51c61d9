"""Front-matter field types: one definition serves the validator and the JSON Schemas.

Every type turns the author's text into a value or raises `FieldError` with a
message that says what was expected. References to cities and practices are
only checked for form here; whether they exist is known once every file is
read (see `content.portal`).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..errors import did_you_mean

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_RE = re.compile(SLUG_PATTERN)
MAX_DIGITS = 12  # no count or year of a portal comes near a trillion
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class FieldError(Exception):
    """A value that breaks its field's rule; `key` points inside lists."""

    def __init__(self, message: str, key: tuple[object, ...] = (), more: Sequence[FieldError] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.key = key
        self.more = tuple(more)

    def each(self) -> tuple[FieldError, ...]:
        """This error and the others found in the same value (one per bad list item)."""
        return (self, *self.more)


def slugify(text: str) -> str:
    """Lowercase ASCII slug: accents folded, anything else to single hyphens."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def describe(value: object) -> str:
    """How a wrong value looks to its author, for messages."""
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    text = str(value)
    # A message quotes the start of a long value: enough to find it, not a page of it.
    return f"`{text}`" if len(text) <= QUOTED else f"`{text[:QUOTED - 20]}…` ({len(text)} characters)"


QUOTED = 80


class FieldType:
    """Base of all field types."""

    def parse(self, value: object) -> Any:
        raise NotImplementedError

    def schema(self) -> dict[str, Any]:
        raise NotImplementedError


def _text(value: object, what: str = "text") -> str:
    if not isinstance(value, str):
        raise FieldError(f"expected {what}, got {describe(value)}")
    return value


@dataclass(frozen=True)
class Text(FieldType):
    """A line of text, optionally bounded in length."""

    max_length: int | None = None

    def parse(self, value: object) -> str:
        text = _text(value).strip()
        if not text:
            raise FieldError("must not be empty")
        if self.max_length is not None and len(text) > self.max_length:
            raise FieldError(
                f"is {len(text)} characters long; keep it to at most {self.max_length} (one or two sentences)"
            )
        return text

    def schema(self) -> dict[str, Any]:
        result: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.max_length is not None:
            result["maxLength"] = self.max_length
        return result


@dataclass(frozen=True)
class Slug(FieldType):
    """An identifier: lowercase ASCII letters, digits and hyphens (a city id, a practice slug)."""

    what: str = "id"
    ref: str | None = None  # what it names (`city`, `practice`): checked once every file is read

    def parse(self, value: object) -> str:
        text = _text(value, f"a {self.what}").strip()
        if self.ref is not None and text:
            # A reference is checked against what exists once every file is read, with the closest
            # existing value as the suggestion: `Lepzig` is no city, and `lepzig` is none either.
            return text
        if not SLUG_RE.match(text):
            raise FieldError(
                f"`{text}` is not a valid {self.what}: use lowercase letters, digits and hyphens,"
                f" such as `{slugify(text) or 'my-' + self.what}`"
            )
        return text

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": SLUG_PATTERN}


@dataclass(frozen=True)
class Integer(FieldType):
    """A whole number within bounds (a year, a head count)."""

    minimum: int
    maximum: int | None = None
    what: str = "a whole number"

    def parse(self, value: object) -> int:
        text = _text(value, self.what).strip()
        if not re.fullmatch(r"[+-]?\d+", text):
            raise FieldError(f"expected {self.what}, got {describe(text)}")
        if len(text.lstrip("+-0")) > MAX_DIGITS:
            # Not turned into a number at all: Python refuses, slowly, ints of thousands of digits.
            raise FieldError(f"{describe(text)} ({len(text)} digits) is out of range; expected {self._bounds()}")
        number = int(text)
        if number < self.minimum or (self.maximum is not None and number > self.maximum):
            raise FieldError(f"{number} is out of range; expected {self._bounds()}")
        return number

    def _bounds(self) -> str:
        if self.maximum is None:
            return f"at least {self.minimum}"
        return f"between {self.minimum} and {self.maximum}"

    def schema(self) -> dict[str, Any]:
        result: dict[str, Any] = {"type": "integer", "minimum": self.minimum}
        if self.maximum is not None:
            result["maximum"] = self.maximum
        return result


@dataclass(frozen=True)
class Date(FieldType):
    """A calendar date written YYYY-MM-DD."""

    def parse(self, value: object) -> dt.date:
        text = _text(value, "a date YYYY-MM-DD").strip()
        match = DATE_RE.match(text)
        if not match:
            raise FieldError(f"expected a date written YYYY-MM-DD, such as 2014-01-15, got `{text}`")
        try:
            return dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            raise FieldError(f"`{text}` is not a date in the calendar") from None

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


@dataclass(frozen=True)
class Url(FieldType):
    """A web address starting with http:// or https://."""

    def parse(self, value: object) -> str:
        text = _text(value, "a web address").strip()
        parts = urlsplit(text)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise FieldError(f"expected a web address starting with http:// or https://, got `{text}`")
        return text

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "uri", "pattern": "^https?://[^/]"}


@dataclass(frozen=True)
class Choice(FieldType):
    """One of a fixed set of words."""

    choices: tuple[str, ...]

    def parse(self, value: object) -> str:
        text = _text(value, f"one of {self._listed()}").strip()
        if text.lower() in self.choices:
            return text.lower()
        raise FieldError(f"`{text}` is not one of {self._listed()}{did_you_mean(text.lower(), self.choices)}")

    def _listed(self) -> str:
        return ", ".join(self.choices)

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "enum": list(self.choices)}


@dataclass(frozen=True)
class ListOf(FieldType):
    """A YAML list whose items all have one type."""

    item: FieldType
    min_items: int = 0
    example: str = "[a, b]"

    def parse(self, value: object) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise FieldError(f"expected a list, such as {self.example}, got {describe(value)}")
        if len(value) < self.min_items:
            count = "one item" if self.min_items == 1 else f"{self.min_items} items"
            raise FieldError(f"needs at least {count}, such as {self.example}")
        items, errors = [], []
        for index, item in enumerate(value):
            try:
                items.append(self.item.parse(item))
            except FieldError as exc:
                errors.extend(FieldError(e.message, (index, *e.key)) for e in exc.each())
        if errors:
            raise FieldError(errors[0].message, errors[0].key, errors[1:])
        return tuple(items)

    def schema(self) -> dict[str, Any]:
        result: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            result["minItems"] = self.min_items
        return result


@dataclass(frozen=True)
class Record(FieldType):
    """A group of named fields inside a list item, such as `{item: Flip chart, count: 1}`."""

    fields: Mapping[str, tuple[FieldType, bool]]
    example: str

    def parse(self, value: object) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise FieldError(f"expected a group of fields, such as {self.example}, got {describe(value)}")
        result: dict[str, Any] = {}
        for name in value:
            if name not in self.fields:
                raise FieldError(f"unknown field `{name}`{did_you_mean(name, self.fields)}", (name,))
        for name, (kind, required) in self.fields.items():
            if value.get(name) is None:
                if required:
                    raise FieldError(f"`{name}` is missing, such as {self.example}")
                continue
            try:
                result[name] = kind.parse(value[name])
            except FieldError as exc:
                raise FieldError(f"{name}: {exc.message}", (name, *exc.key)) from None
        return result

    def schema(self) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {name: kind.schema() for name, (kind, _) in self.fields.items()},
            "required": [name for name, (_, required) in self.fields.items() if required],
            "additionalProperties": False,
        }


@dataclass(frozen=True)
class OneOf(FieldType):
    """The first of several types that accepts the value (a count or a list of names)."""

    options: Sequence[FieldType]
    expected: str

    def parse(self, value: object) -> Any:
        for option in self.options:
            try:
                return option.parse(value)
            except FieldError:
                continue
        raise FieldError(f"expected {self.expected}, got {describe(value)}")

    def schema(self) -> dict[str, Any]:
        return {"oneOf": [option.schema() for option in self.options]}


@dataclass(frozen=True)
class Tag(FieldType):
    """A tag as the author spelt it; it is normalised against the network's vocabulary later."""

    ref = "tag"

    def parse(self, value: object) -> str:
        text = _text(value, "a tag").strip()
        if not slugify(text):
            raise FieldError(f"`{text}` is not a usable tag: it needs letters or digits")
        return text

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "minLength": 1}


def reference(kind: FieldType) -> str | None:
    """What a field's values name (`city`, `practice`, `tag`), looking into lists; None for plain values."""
    if isinstance(kind, ListOf):
        return reference(kind.item)
    return getattr(kind, "ref", None)


@dataclass(frozen=True)
class Field:
    """One front-matter field of a kind of entry."""

    name: str
    type: FieldType
    required: bool = False
    doc: str = ""
