"""Session reports: `sessions/<slug>.md`, a workshop, barcamp session or meeting and its lessons.

The body's sections are recognised by heading, as the visit matrix's are: `## Key lessons`
is required, and its list items are the session's findings (each may end with a category
marker); the other sections are optional and shown as written, statements as quotations.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from markdown import Markdown

from ..errors import Report
from .base import LANG, TAGS, TITLE, TRANSLATIONS, Entry, Schema
from .body import BodyReader, plain
from .fields import (
    N_,
    Choice,
    Field,
    Integer,
    ListOf,
    Np_,
    OneOf,
    PartialDate,
    Record,
    Slug,
    Text,
    Url,
    When,
    collation,
    fold,
)
from .frontmatter import Document
from .kind import Facet, Kind, Reading
from .matrix import Finding, Section, check_sections, heading_key, joined, read_sections
from .network import Network

BLOCKS = frozenset({"p", "ul", "ol", "blockquote", "pre", "table", "div", "h3", "h4", "h5", "h6", "hr"})
FORMATS = (N_("workshop"), N_("barcamp"), N_("conference"), N_("meeting"), N_("webinar"), N_("other"))

# key, heading, other headings it may have: in the order a session's page is usually written.
SECTIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("question", "Starting question", ("Starting hypothesis", "Question")),
    ("methods", "Methods", ("Sequence of content",)),
    ("arguments", "Main arguments", ()),
    ("discussion", "Discussion", ("Points of discussion", "Main points of discussion",
                                  "Three main points of discussion")),
    ("lessons", "Key lessons", ("Results", "Key lessons learned", "Main results")),
    ("statements", "Statements", ("Main statements", "Quotes")),
    ("references", "References", ()),
    ("next", "Next steps", ("Next meeting",)),
)
REQUIRED = tuple(section for section in SECTIONS if section[0] == "lessons")
KEYS = tuple(key for key, _, _ in SECTIONS)

FACILITATOR = OneOf(
    (Record({"name": (Text(), True), "organisation": (Text(), False)},
            example="{name: Kim Weber, organisation: City of Hamburg}"), Text()),
    "a name, or {name, organisation}",
)

SCHEMA = Schema(
    "session",
    (
        TITLE,
        Field("summary", Text(max_length=300), False, "One or two sentences, at most 300 characters."),
        TAGS,
        LANG,
        TRANSLATIONS,
        Field("format", Choice(FORMATS), False,
              "What kind of session: workshop, barcamp, conference, meeting, webinar or other."),
        Field("event", Text(), False, "The meeting, camp or conference it was part of."),
        Field("date", PartialDate(), False, "When: YYYY, YYYY-MM or YYYY-MM-DD."),
        Field("place", Text(), False, "The room or venue."),
        Field("city", Slug("city id", "city"), False, "The partner city it belongs to, from network.yml."),
        Field("facilitators", ListOf(FACILITATOR, example="[{name: Kim Weber, organisation: City of Hamburg}]"),
              False, "Who led it: names, or {name, organisation}."),
        Field("documented_by", OneOf((Text(), ListOf(Text(), min_items=1, example="[Kim Weber, Ana Costa]")),
                                     "a name or a list of names"), False,
              "Who wrote it up: a name or a list of names."),
        Field("participants", Integer(1, None, "a number of people"), False, "How many took part."),
        Field("practices", ListOf(Slug("practice slug", "practice"), example="[kaap]"), False,
              "Slugs of the practices it discussed."),
        Field("source", Text(), False, "Where the report was first published."),
        Field("source_url", Url(), False, "Where the original can be found (http or https)."),
        Field("license", Text(), False, "Its licence, such as CC BY 4.0."),
    ),
)


@dataclass(frozen=True, slots=True)
class Facilitator:
    """Who led a session, and for which organisation."""

    name: str
    organisation: str | None = None

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


@dataclass(frozen=True, order=True, slots=True)
class Session(Entry):
    """A workshop, barcamp session or meeting, and what it taught."""

    kind = "session"
    folder = "sessions"

    summary: str = field(default="", compare=False)
    format: str | None = field(default=None, compare=False)
    event: str | None = field(default=None, compare=False)
    date: When | None = field(default=None, compare=False)
    place: str | None = field(default=None, compare=False)
    city: str | None = field(default=None, compare=False)
    facilitators: tuple[Facilitator, ...] = field(default=(), compare=False)
    documented_by: tuple[str, ...] = field(default=(), compare=False)
    participants: int | None = field(default=None, compare=False)
    practices: tuple[str, ...] = field(default=(), compare=False)
    source: str | None = field(default=None, compare=False)
    source_url: str | None = field(default=None, compare=False)
    license: str | None = field(default=None, compare=False)
    sections: tuple[Section, ...] = field(default=(), compare=False, repr=False)

    @property
    def lessons(self) -> tuple[Finding, ...]:
        """The key lessons, in the order written."""
        return tuple(f for s in self.sections if s.key == "lessons" for f in s.findings)


def own_aliases(aliases: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """The headings of a session's sections, the portal's extra ones (`matrix_aliases`) included."""
    return {key: list(aliases.get(key, (heading, *extra))) for key, heading, extra in SECTIONS}


def _quotations(root: etree.Element, md: Markdown, aliases: Mapping[str, Sequence[str]]) -> None:
    """On the page, each item of the statements' lists becomes a quotation of its own."""
    key = None
    for child in list(root):
        if child.tag in ("h1", "h2"):
            key = heading_key(plain(child, md), aliases)
            continue
        if key != "statements" or child.tag not in ("ul", "ol"):
            continue
        at = list(root).index(child)
        root.remove(child)
        for offset, item in enumerate(i for i in child if i.tag == "li"):
            quote = etree.Element("blockquote")
            # The item's own words and inline elements make a paragraph; its blocks (paragraphs of a
            # loose list, sub-lists) follow as they are.
            inline = [part for part in item if part.tag not in BLOCKS]
            if (item.text or "").strip() or inline:
                paragraph = etree.SubElement(quote, "p")
                paragraph.text = item.text
                paragraph.extend(inline)
            quote.extend(part for part in item if part.tag in BLOCKS)
            quote.tail = "\n"
            root.insert(at + offset, quote)


def parse(doc: Document, slug: str, aliases: Mapping[str, Sequence[str]], reader: BodyReader,
          report: Report, language: str = "en") -> Session | None:
    """The session in `doc`, or None when it has errors of its own; its sections read as its page reads them."""
    before = report.error_count
    values = SCHEMA.read(doc, report)
    own = own_aliases(aliases)
    written = doc.data.get("lang")
    lang = written if isinstance(written, str) else language

    def read(root: etree.Element, md: Markdown) -> tuple[Section, ...]:
        sections = read_sections(root, md, doc.body, doc.body_line, doc.path, own, report,
                                 badge=reader.badge, listed=("lessons",), lang=lang, noun="lesson")
        if reader.badge is not None:
            _quotations(root, md, own)
        return sections

    sections = reader.read(doc.body, read)
    check_sections(sections, doc.body, doc.body_line, doc.path, own, report, REQUIRED, lang, noun="lesson")
    required = {key for key, _, _ in REQUIRED}
    for section in sections:
        # A scaffold's headings left unwritten were published as headings over nothing (a new user's review).
        if section.key is not None and section.key not in required and not section.has_text:
            report.warning(doc.path, section.line, "body",
                           f"the section `## {section.heading}` is empty, so the page would show its heading over"
                           " nothing; write it, or remove the heading")
    if values is None or report.error_count > before:
        return None
    values["facilitators"] = tuple(Facilitator(**f) if isinstance(f, dict) else Facilitator(f)
                                   for f in values.get("facilitators", ()))
    documented = values.get("documented_by", ())
    values["documented_by"] = (documented,) if isinstance(documented, str) else tuple(documented)
    return Session(slug=slug, path=doc.path, body_line=doc.body_line, sections=sections, **values)


def _read(doc: Document, slug: str, reading: Reading) -> Session | None:
    return parse(doc, slug, reading.aliases, reading.reader(), reading.report, reading.language)


def _describe(session: Session, network: Network, gettext: Callable[[str], str]) -> tuple[object, ...]:
    return (gettext(session.format) if session.format else "", session.event or "", session.date)


def _order(session: Session) -> tuple[object, ...]:
    """Listed by event (sessions of none last), then by date (undated last), then by title."""
    return (session.event is None, collation(fold(session.event or "")), session.date is None, session.date or When(0),
            collation(session.title), session.slug)


KIND = Kind(
    name="session", model=Session, schema=SCHEMA, folder="sessions", option="sessions_dir",
    label=N_("Session"), plural=N_("Sessions"), noun="session", export="sessions",
    description="A session report (workshop, barcamp, meeting): sessions/<slug>.md", parse=_read,
    template="session.html", line=("session-line.html", "session_line"), listing="sessions.html",
    context="session", order=_order, cities=lambda s: (s.city,) if s.city else (),
    facets=(Facet("format", N_("Format"), FORMATS, lambda s: (s.format,) if s.format else ()),),
    describe=_describe, sections=SECTIONS,
    export_note=N_("Each row holds the session's key lessons. A date written as a month or a year alone"
                   " (2024-11) is text in the workbook, as written; a full date is a date."),
    csv_extra=(("lessons", N_("Its key lessons, joined with ` | `, each followed by its [category] if it has one."),
                lambda s: joined(f.marked for f in s.lessons)),),
    json_extra=(("lessons", lambda s: [{"text": f.text, "category": f.category} for f in s.lessons]),),
    scaffold="session",
    backlink=("sessions-that-discussed-it", N_("Sessions that discussed it")),
    city_list=("sessions", N_("Sessions")),
    counted=Np_("%(num)d session report", "%(num)d session reports"),
    keeps=("date", "city"), lessons=True,
)
