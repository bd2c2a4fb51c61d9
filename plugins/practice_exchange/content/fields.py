"""Front-matter field types: one definition serves the validator and the JSON Schemas.

Every type turns the author's text into a value or raises `FieldError` with a
message that says what was expected. References to cities and practices are
only checked for form here; whether they exist is known once every file is
read (see `content.portal`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from ..errors import did_you_mean, did_you_mean_or_listed

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


# Latin letters of European languages that are no letter with an accent, so Unicode does not
# decompose them: written out as their languages' own ASCII spellings (`Straße` is `strasse`), not
# dropped (`Straße` was `strae`, `Ærø` was `r`: a hostile review).
LATIN_LETTERS = str.maketrans({
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "TH", "ħ": "h", "Ħ": "H", "ı": "i", "ĸ": "k",
    "ŀ": "l", "Ŀ": "L", "ŉ": "n", "ſ": "s", "ŋ": "ng", "Ŋ": "NG",
})


# Dashes a word processor writes (en dash, non-breaking hyphen, minus, …) read as the hyphen: `Parent–teacher`
# and `Parent-teacher` are one tag, not `parentteacher` and `parent-teacher` (a hostile review).
DASHES = str.maketrans({char: "-" for char in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"})
# Apostrophes a word processor or a French keyboard writes (`l’hôte`), read as the typewriter's `'`.
APOSTROPHES = str.maketrans({char: "'" for char in "\u2019\u2018\u02bc\u2032\u00b4\uff07"})


def unaccented(text: str) -> str:
    """`text` without its accents, the Latin letters above written out and dashes read as hyphens
    (`Łódź` is `Lodz`, `Straße` is `Strasse`), compatibility forms expanded (`№` is `No`); other
    scripts kept. What slugs, tag spellings and alphabetical order all start from."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LATIN_LETTERS).translate(DASHES))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def ascii_letters(text: str) -> str:
    """`text` in ASCII as far as it is written in Latin letters: accents folded, the letters above
    written out, dashes read as hyphens; what has no such spelling (other scripts, symbols) dropped."""
    return unaccented(text).encode("ascii", "ignore").decode("ascii")


def slugify(text: str) -> str:
    """Lowercase ASCII slug: accents folded, anything else to single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_letters(text).lower()).strip("-")


@functools.lru_cache(maxsize=4096)  # a network's few dozen tags, written on every one of thousands of entries
def alike(text: str) -> str:
    """What two spellings of one tag share: letters and digits, case and accents aside, and any
    other sign but spaces, hyphens, underscores, dots and apostrophes (`Day care` and `day-care` are
    alike; `C` and `C++`, which share the slug `c`, are not)."""
    # Lowercased once expanded (`№` is `No`), and without the dashes and invisible characters (a soft
    # hyphen or a zero-width space pasted from a word processor) an author cannot see.
    return "".join(char for char in unaccented(text).casefold()
                   if not char.isspace() and char not in "_.'’" and unicodedata.category(char) not in ("Pd", "Cf"))


def collation(text: str) -> tuple[str, str, str]:
    """Where a name goes in an alphabetical list: `Évora` beside `Evora`, before `Gijón`, and `Łódź`
    among the L's, not after Z, as a reader looks for them; case, then the text itself, break ties.
    Letters of other scripts keep their own order, after the Latin ones."""
    return unaccented(text).casefold(), text.casefold(), text


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
# What would mean something else inside YAML's brackets: the author's text is suggested there only without it.
_BREAKS_A_LIST = re.compile(r"""[][{}:#&*!|>'"%@`\n]""")


class FieldType:
    """Base of all field types."""

    shape: type = str  # what YAML gives for a value of this type (every scalar is read as text)

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


YEARS = (1900, 2100)  # the years a visit or session of a network falls in, as a practice's `started`


def _in_years(year: int, text: str) -> None:
    """A hostile review's `0001-01-01` to `9999-12-31` was accepted, and sorted the schedule by it."""
    if not YEARS[0] <= year <= YEARS[1]:
        raise FieldError(f"{text} is out of range; expected a year between {YEARS[0]} and {YEARS[1]}")


@dataclass(frozen=True)
class Date(FieldType):
    """A calendar date written YYYY-MM-DD."""

    def parse(self, value: object) -> dt.date:
        text = _text(value, "a date YYYY-MM-DD").strip()
        match = DATE_RE.match(text)
        if not match:
            raise FieldError(f"expected a date written YYYY-MM-DD, such as 2014-01-15, got {describe(text)}"
                             f"{date_suggestion(text, whole=True)}")
        try:
            day = dt.date(*(int(part) for part in match.groups()))
        except ValueError:
            raise FieldError(f"`{text}` is not a date in the calendar{_swapped(text)}") from None
        _in_years(day.year, text)
        return day

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": r"^\d{4}-\d{2}-\d{2}$"}


def N_(message: str) -> str:
    """Marks a text for the translation catalogues; it is translated where it is shown."""
    return message


def Np_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a text with its plural for the translation catalogues; `ngettext` picks one where it is shown."""
    return singular, plural


def identity(message: str) -> str:
    """No translation: the text as written (English)."""
    return message


ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))


def fold(text: str) -> str:
    """Text as two authors who mean the same would compare it: case, runs of spaces, zero-width
    characters and the way an accent is encoded aside (`Spring  Meeting` is `spring meeting`; an `é`
    typed as `e` and a combining accent is the `é` of another keyboard: a hostile review), and the
    apostrophe a word processor writes (`Parents’ day` is `Parents' day`)."""
    return unicodedata.normalize("NFC", " ".join(text.translate(ZERO_WIDTH).translate(APOSTROPHES).split())).casefold()


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# Month names an author may write instead of a number, in English and German, by their first letters.
_MONTH_WORDS = {**{name[:3].casefold(): at for at, name in enumerate(MONTHS, 1)},
                **{name[:3].casefold(): at for at, name in enumerate(
                    ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
                     "Oktober", "November", "Dezember"), 1)}, "mrz": 3}
PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True, slots=True)
class When:
    """A day, a month or a year: how precisely a meeting's date is known."""

    year: int
    month: int = 0  # 0: the year alone
    day: int = 0  # 0: the month alone

    def iso(self) -> str:
        """`2021`, `2021-07` or `2021-07-15`, as written."""
        return "-".join([f"{self.year:04d}", *([f"{self.month:02d}"] if self.month else []),
                         *([f"{self.day:02d}"] if self.day else [])])

    def __str__(self) -> str:
        """`2021`, `July 2021` or `15 July 2021`."""
        if not self.month:
            return str(self.year)
        month = f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {month}" if self.day else month


# A date written day first, as most of Europe writes it: `16.01.2014`, `16/1/2014`, `16-01-2014`.
_DAY_FIRST_RE = re.compile(r"^(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})$")
# The year first, but a one-digit month or day, or other marks between (`2024-9-14`, `2024/09/14`).
_YEAR_FIRST_RE = re.compile(r"^(\d{4})\s*[./-]\s*(\d{1,2})(?:\s*[./-]\s*(\d{1,2}))?$")


def date_suggestion(text: str, whole: bool = False) -> str:
    """How to write a date the author wrote otherwise, or an empty string: `16.01.2014` → `2014-01-16`;
    `July 2021` → `2021-07`; `15. Juli 2021` → `2021-07-15`. With `whole`, only a date with its day."""
    day_first = _DAY_FIRST_RE.match(text)
    year_first = _YEAR_FIRST_RE.match(text)
    if day_first:
        day, month, year = (int(part) for part in day_first.groups())
    elif year_first:
        year, month, day = (int(part or 0) for part in year_first.groups())
    else:
        words = re.findall(r"[^\W\d_]+|\d+", text)
        year = next((int(w) for w in words if w.isdigit() and len(w) == 4), 0)
        month = next((_MONTH_WORDS[w[:3].casefold()] for w in words
                      if not w.isdigit() and w[:3].casefold() in _MONTH_WORDS), 0)
        day = next((int(w) for w in words if w.isdigit() and len(w) <= 2 and 1 <= int(w) <= 31), 0)
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return ""
    if whole and not day:
        return ""
    written = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day else "")
    return "" if written == text.strip() else f"; write `{written}`"


def _swapped(text: str) -> str:
    """A hint for `2014-13-01`, whose day and month look swapped, or an empty string."""
    parts = text.split("-")
    if len(parts) == 3 and all(part.isdigit() for part in parts):
        year, month, day = (int(part) for part in parts)
        with contextlib.suppress(ValueError):
            if month > 12 and dt.date(year, day, month):
                return f"; the month comes before the day: `{year:04d}-{day:02d}-{month:02d}`?"
    return ""


@dataclass(frozen=True)
class PartialDate(FieldType):
    """A date as precise as it is known: YYYY, YYYY-MM or YYYY-MM-DD."""

    def parse(self, value: object) -> When:
        text = _text(value, "a date YYYY, YYYY-MM or YYYY-MM-DD").strip()
        match = PARTIAL_DATE_RE.match(text)
        if not match:
            raise FieldError(f"expected a date written YYYY, YYYY-MM or YYYY-MM-DD, such as 2021-07 or"
                             f" 2021-07-15, got {describe(text)}{date_suggestion(text)}")
        written = [part for part in match.groups() if part]
        year, month, day = (int(part) if part else 0 for part in match.groups())
        try:
            if any(int(part) == 0 for part in written):
                raise ValueError  # `2021-00`: no month 0, and no year 0 in the calendar
            dt.date(year, month or 1, day or 1)
        except ValueError:
            raise FieldError(f"`{text}` is not a date in the calendar{_swapped(text)}") from None
        _in_years(year, text)
        return When(year, month, day)

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}


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
        # The word as a page in another language shows it (`Treffen`): the file keeps the English one.
        from ..language import translated_words

        translated = translated_words(self.choices).get(text.casefold())
        if translated is not None:
            meant, language = translated
            raise FieldError(f"`{text}` is the {language} word the pages show for `{meant}`; the file keeps the"
                             f" English word: write `{meant}`")
        raise FieldError(f"{describe(text)} is not one of {self._listed()}{did_you_mean(text.lower(), self.choices)}")

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
    shape = list

    def parse(self, value: object) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise FieldError(self.not_a_list(value))
        if len(value) < self.min_items:
            count = "one item" if self.min_items == 1 else f"{self.min_items} items"
            raise FieldError(f"needs at least {count}, such as {self.example}")
        items: list[Any] = []
        errors: list[FieldError] = []
        for index, item in enumerate(value):
            try:
                items.append(self.item.parse(item))
            except FieldError as exc:
                errors.extend(FieldError(e.message, (index, *e.key)) for e in exc.each())
        if errors:
            raise FieldError(errors[0].message, errors[0].key, errors[1:])
        return tuple(items)

    def not_a_list(self, value: object) -> str:
        """What is wrong with `value`, and how to write it as this list: where the author wrote its items
        as plain text (`tags: parents, language`), their own words in brackets; else this field's example."""
        text = str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""
        items = [item.strip() for item in text.split(",")]
        # Items separated by commas, or one word: brackets make them the list meant. Words apart by spaces or
        # semicolons would become one item, and `a,,b` or `a, - b` no list at all.
        if text and self.item.shape is str and len(text) <= QUOTED and not _BREAKS_A_LIST.search(text) \
                and all(item and not item.startswith("-") for item in items) and (len(items) > 1 or " " not in text):
            return f"expected a list, got {describe(value)}: write it in brackets, `[{', '.join(items)}]`"
        return f"expected a list, such as {self.example}, got {describe(value)}"

    def schema(self) -> dict[str, Any]:
        result: dict[str, Any] = {"type": "array", "items": self.item.schema()}
        if self.min_items:
            result["minItems"] = self.min_items
        if isinstance(self.item, Slug) and self.item.ref is not None:
            result["uniqueItems"] = True  # a page or city named twice is refused (see `_Loader._references`)
        return result


def _field_meant(name: str, fields: Iterable[str]) -> str:
    """The field of a group an author most likely meant: one it begins (`org`, `organisation`), one close
    to it, or the fields there are (`org` was told only that it is unknown: a new user's review)."""
    names = list(fields)
    begun = [field for field in names if len(name) >= 3 and field.startswith(name.casefold())]
    if len(begun) == 1:
        return f"; did you mean `{begun[0]}`?"
    return did_you_mean_or_listed(name, names)


@dataclass(frozen=True)
class Record(FieldType):
    """A group of named fields inside a list item, such as `{item: Flip chart, count: 1}`."""

    fields: Mapping[str, tuple[FieldType, bool]]
    example: str
    shape = dict

    def parse(self, value: object) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise FieldError(f"expected a group of fields, such as {self.example}, got {describe(value)}")
        result: dict[str, Any] = {}
        # Every field's problem at once: a city's wrong id and wrong country took two runs to see (a new
        # user's review).
        errors = [FieldError(f"unknown field `{name}`{_field_meant(str(name), self.fields)}", (name,))
                  for name in value if name not in self.fields]
        for name, (kind, required) in self.fields.items():
            if value.get(name) is None:
                if required:
                    errors.append(FieldError(f"`{name}` is missing, such as {self.example}"))
                continue
            try:
                result[name] = kind.parse(value[name])
            except FieldError as exc:
                errors.extend(FieldError(f"{name}: {e.message}", (name, *e.key)) for e in exc.each())
        if errors:
            raise FieldError(errors[0].message, errors[0].key, errors[1:])
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
    shape = object

    def parse(self, value: object) -> Any:
        errors: list[tuple[FieldType, FieldError]] = []
        for option in self.options:
            try:
                return option.parse(value)
            except FieldError as exc:
                errors.append((option, exc))
        # A list, or a group of fields, that only one option reads: that option's problem is the author's.
        fitting = [exc for option, exc in errors if option.shape is not str and isinstance(value, option.shape)]
        if len(fitting) == 1:
            raise fitting[0]
        raise FieldError(f"expected {self.expected}, got {describe(value)}")

    def schema(self) -> dict[str, Any]:
        return {"oneOf": [option.schema() for option in self.options]}


def language_name(code: str, language: str = "en") -> str | None:
    """A language's own name for an ISO 639-1 code, written in `language` (`Deutsch` in English is
    `German`), or None when the code names no language."""
    from babel import Locale, UnknownLocaleError

    if not re.fullmatch(r"[a-z]{2}", code):
        return None
    try:
        name = Locale(code).get_display_name(Locale.parse(language))
    except (UnknownLocaleError, ValueError):
        return None
    return name[:1].upper() + name[1:] if name else None


@dataclass(frozen=True)
class Language(FieldType):
    """A language, as its ISO 639-1 code: `de`, `fr`, `et`."""

    def parse(self, value: object) -> str:
        text = _text(value, "a language code such as de").strip()
        code = text.lower()
        if language_name(code) is None:
            near = {"ger": "de", "deu": "de", "fra": "fr", "fre": "fr", "eng": "en", "spa": "es", "ita": "it",
                    "nld": "nl", "dut": "nl", "por": "pt", "pol": "pl", "ces": "cs", "cze": "cs", "est": "et",
                    "bul": "bg", "swe": "sv"}.get(code[:3])
            hint = f"; did you mean `{near}`?" if near else ""
            raise FieldError(f"`{text}` is not a two-letter language code (ISO 639-1) such as de, fr or et{hint}")
        return code

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": "^[a-z]{2}$"}


@dataclass(frozen=True)
class Translations(FieldType):
    """The entry in other languages: language code -> the slug of an entry of the same kind."""

    ref = "same kind"  # checked against the files of the entry's own kind once every file is read
    shape = dict

    def parse(self, value: object) -> tuple[tuple[str, str], ...]:
        if not isinstance(value, dict):
            raise FieldError(f"expected the languages with their entries, such as {{de: my-entry-de}}, got"
                             f" {describe(value)}")
        found = []
        for key, slug in value.items():
            code = Language().parse(key)
            found.append((code, Slug("slug", "same kind").parse(slug)))
        return tuple(sorted(found))

    def schema(self) -> dict[str, Any]:
        return {"type": "object", "propertyNames": {"pattern": "^[a-z]{2}$"},
                "additionalProperties": {"type": "string", "pattern": SLUG_PATTERN}}


@dataclass(frozen=True)
class Tag(FieldType):
    """A tag as the author spelt it; it is normalised against the network's vocabulary later."""

    ref = "tag"

    def parse(self, value: object) -> str:
        text = _text(value, "a tag").strip()
        if not slugify(text):
            if any(char.isalnum() for char in text):
                # Greek or Cyrillic, say: a tag is an address of the site, written in Latin letters.
                raise FieldError(f"{describe(text)} is not a usable tag: a tag becomes an address of the site"
                                 " (`tags/…/`), written in Latin letters, digits and hyphens; write it in Latin"
                                 " letters, such as its transliteration")
            raise FieldError(f"{describe(text)} is not a usable tag: it needs letters or digits")
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
