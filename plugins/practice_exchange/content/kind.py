"""A kind of entry, declared once: what the loader, pages, catalogue, exports, schemas and scaffolds read.

Each kind's module (`practice.py`, `visit.py`, `toolkit.py`) ends with one `Kind`;
`registry.py` lists them. Code outside those modules asks the declaration what
it needs (its folder, its labels, its templates, its catalogue facets, its
export columns) instead of testing which kind an entry is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import Report
from .base import Entry, Schema
from .fields import SLUG_RE, identity
from .frontmatter import Document

if TYPE_CHECKING:
    from .body import BodyReader
    from .network import Network


@dataclass(frozen=True)
class Reading:
    """What parsing one entry file may need besides its document: where problems go, the matrix
    headings, and the reader that parses bodies as their pages are parsed."""

    report: Report
    aliases: Mapping[str, Sequence[str]]
    reader: Callable[[], BodyReader]
    # The portal's language (`de`): messages name a section as an entry in it heads it, unless the entry says `lang`.
    language: str = "en"


Parser = Callable[[Document, str, Reading], "Entry | None"]
Column = tuple[str, str, Callable[[Any], object]]  # name, what it holds, its value for an entry


@dataclass(frozen=True)
class Facet:
    """A catalogue facet a kind adds (the toolkit's difficulty): its values in order, and an entry's."""

    name: str
    label: str
    values: tuple[str, ...]
    of: Callable[[Any], tuple[str, ...]]


def _fills_in_the_number(text: object) -> bool:
    """Whether `text % {"num": n}`, as `ngettext` writes it, works and shows the number: the text has
    `%(num)d` and no other placeholder, and no lone `%` (`%%` is a percent sign)."""
    if not isinstance(text, str) or "%(num)d" not in text:
        return False
    try:
        return text % {"num": 7} == text.replace("%(num)d", "7").replace("%%", "%")
    except (KeyError, TypeError, ValueError):
        return False


def schema_parser(model: type[Entry], schema: Schema) -> Parser:
    """The parser of a kind whose entries are their front-matter fields and nothing more."""

    def parse(doc: Document, slug: str, reading: Reading) -> Entry | None:
        values = schema.read(doc, reading.report)
        if values is None:
            return None
        return model(slug=slug, path=doc.path, body_line=doc.body_line, **values)

    return parse


def no_cities(entry: Any) -> tuple[str, ...]:
    return ()


def summary_of(entry: Any) -> str | None:
    """An entry's summary, the words search finds first and the catalogue shows; None without one."""
    summary = getattr(entry, "summary", None)
    return summary if isinstance(summary, str) and summary else None


@dataclass(frozen=True)
class Kind:
    """One kind of entry: its model and fields, its folder, labels, templates, facets and columns."""

    name: str  # `practice`: the catalogue's kind value, the schema's file, `practice-exchange new practice`
    model: type[Entry]
    schema: Schema
    folder: str  # its source folder by default, and its pages' folder in the site: `practices`
    label: str  # one entry, in the catalogue's kind facet: `Good practice`
    plural: str  # the listing page's title: `Good practices`
    noun: str  # how the exports name one entry: `practice`
    export: str  # its CSV file, sheet and key in portal.json: `practices`
    description: str  # its JSON Schema's title
    parse: Parser | None = None  # None: the schema's fields make the entry
    option: str | None = None  # the plugin option that moves its source folder, such as `practices_dir`
    template: str = "entry.html"  # the entry's page (blocks `head` and `tail` around its body)
    line: tuple[str, str] = ("entry-line.html", "entry_line")  # one entry in a list: template, macro
    listing: str = "listing.html"  # its listing page
    context: str = "entry"  # the entry's name in its page's template (besides `entry`)
    order: Callable[[Any], Any] | None = None  # the listing's order; None: by slug
    cities: Callable[[Any], tuple[str, ...]] = no_cities  # the partner cities an entry is about
    facets: tuple[Facet, ...] = ()
    # What tells an entry apart in the catalogue, after its title and kind: (entry, network, gettext)
    # -> its details, such as its city; `gettext` translates a detail into the portal's language. A
    # detail that is a date (a `When`, or a first and last day) is written as the portal's language writes dates.
    describe: Callable[[Any, Network, Callable[[str], str]], Sequence[Any]] | None = None
    export_note: str = ""  # what its CSV file holds besides the fields, for the exports page
    csv_extra: tuple[Column, ...] = ()
    json_extra: tuple[tuple[str, Callable[[Any], object]], ...] = ()
    scaffold: str | None = None  # the `Scaffold` method that starts an entry of this kind
    # The body's sections it recognises by heading: key, heading, other headings (the visit matrix).
    sections: tuple[tuple[str, str, tuple[str, ...]], ...] = ()
    # Its list on the page of a practice its entries name in `practices`: the list's id, its heading.
    backlink: tuple[str, str] | None = None
    # Its list on a city's page, of the entries about that city (`cities`): id, heading.
    city_list: tuple[str, str] | None = None
    # How a number of its entries reads, singular and plural (`Np_`), in a city's summary line.
    counted: tuple[str, str] | None = None
    # Whether each entry is a chapter of the network report (the visits): its body is then kept
    # as the report shows it too, from the one conversion that makes its page.
    chapter: bool = False
    # Whether its entries' lessons are gathered by the findings and the report's conclusions (the
    # sessions'), which a portal without chapters then concludes on: its entries are `Session`s.
    lessons: bool = False
    # What a translation says as its original does (a visit's cities and dates): an entry listed as
    # a translation that differs there is another entry, which would replace that one in the findings.
    keeps: tuple[str, ...] = ()
    # What is checked across a kind's entries once all are read (two files describing one visit):
    # (entries by slug, each one's document, the report).
    across: Callable[[Mapping[str, Any], Mapping[str, Document], Report], None] | None = None
    # What is checked of its entries against the other kinds' once all are read (a visit's practices are
    # its host's): (its entries by slug, every kind's entries by kind name, each one's document, the report).
    against: Callable[[Mapping[str, Any], Mapping[str, Mapping[str, Any]], Mapping[str, Document], Report],
                      None] | None = None

    def __post_init__(self) -> None:
        # Its name, folder and export name become file names and addresses: slugs only.
        for what, value in (("name", self.name), ("folder", self.folder), ("export", self.export)):
            if not isinstance(value, str) or not SLUG_RE.match(value):
                raise ValueError(f"kind `{self.name}`: its {what} `{value}` must be lowercase letters, digits and"
                                 " hyphens")
        # The city page fills in the number alone: any other placeholder, or a lone `%`, would stop the build there.
        if self.counted is not None and not (
                isinstance(self.counted, tuple) and len(self.counted) == 2
                and all(_fills_in_the_number(text) for text in self.counted)):
            raise ValueError(f"kind `{self.name}`: `counted` must be two texts, singular and plural, each with"
                             " `%(num)d` and no other placeholder, such as"
                             " Np_(\"%(num)d workshop\", \"%(num)d workshops\")")
        if self.lessons:
            from .session import Session  # here: the session kind's own module declares a kind

            if not (isinstance(self.model, type) and issubclass(self.model, Session)):
                raise ValueError(f"kind `{self.name}`: `lessons=True` gathers the lessons of sessions: its model"
                                 " must be `Session` or a subclass of it, whose key lessons the findings read")
        if (self.model.kind, self.model.folder) != (self.name, self.folder):
            raise ValueError(f"kind `{self.name}`: its model says kind `{self.model.kind}`, folder"
                             f" `{self.model.folder}`; they must be the declaration's")

    def read(self, doc: Document, slug: str, reading: Reading) -> Entry | None:
        """The entry in `doc`, or None when it has errors (each reported)."""
        parse = self.parse or schema_parser(self.model, self.schema)
        return parse(doc, slug, reading)

    @property
    def listing_page(self) -> str:
        return f"{self.folder}/index.md"

    def label_for(self, entry: Any, network: Network, gettext: Callable[[str], str] = identity,
                  dates: Callable[[Any], str] | None = None) -> str:
        """What the catalogue shows after an entry's title: its kind and what tells it apart,
        in the portal's language. A date among the details (a `date` or a `When`) is written by
        `dates`, as the entry's page writes it (`16 January 2014`), else as `2014-01-16`."""
        details = self.describe(entry, network, gettext) if self.describe is not None else ()
        shown = [detail if isinstance(detail, str) else dates(detail) if dates is not None else _iso(detail)
                 for detail in details if detail]
        return " · ".join([gettext(self.label), *shown])


def _iso(value: Any) -> str:
    """A date (`2014-01-16`), a `When` (`2021-07`) or a first and last day (`2014-01-15/2014-01-17`)
    as ISO 8601 writes it."""
    if isinstance(value, tuple):
        return "/".join(_iso(one) for one in value)
    return str(value.isoformat() if hasattr(value, "isoformat") else value.iso())
