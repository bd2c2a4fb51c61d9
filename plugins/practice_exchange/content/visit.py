"""Bilateral visits: `visits/<slug>.md`, front matter plus the visit matrix."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..errors import Report
from .base import LANG, TRANSLATIONS, Entry, Schema, translation_groups
from .body import BodyReader
from .fields import N_, SLUG_RE, Date, Field, Integer, ListOf, OneOf, Slug, Tag, Text, identity
from .frontmatter import Document
from .kind import Kind, Reading
from .matrix import FOLLOW_UP, SECTIONS, Finding, Section, check_sections, joined, read_sections
from .network import Network
from .practice import Practice

SCHEMA = Schema(
    "visit",
    (
        Field("visitor", Slug("city id", "city"), True, "The id of the visiting city, from network.yml."),
        Field("host", Slug("city id", "city"), True, "The id of the hosting city; not the visitor."),
        Field("start", Date(), True, "The first day of the visit, YYYY-MM-DD."),
        Field("end", Date(), False, "The last day, YYYY-MM-DD; not before start; defaults to start."),
        Field(
            "delegates",
            OneOf((Integer(1, None, "a number of people"),
                   ListOf(Text(), min_items=1, example="[Kim Weber, Ana Costa]")),
                  "a number of people (1 or more) or a list of names"),
            False,
            "How many went (a number), or who (a list of names).",
        ),
        Field("practices", ListOf(Slug("practice slug", "practice"), example="[kaap, eltern-aktiv]"), False,
              "Slugs of the practices seen."),
        Field("tags", ListOf(Tag(), example="[parental-involvement, day-care]"), False, "Tags of the visit."),
        Field("title", Text(), False, "Defaults to '<Visitor> visiting <Host>'."),
        LANG,
        TRANSLATIONS,
    ),
)


@dataclass(frozen=True, order=True, slots=True)
class Visit(Entry):
    """One city's study visit to another, with its matrix of findings."""

    kind = "visit"
    folder = "visits"

    visitor: str = field(default="", compare=False)
    host: str = field(default="", compare=False)
    start: dt.date = field(default=dt.date.min, compare=False)
    end: dt.date = field(default=dt.date.min, compare=False)
    delegates: int | tuple[str, ...] | None = field(default=None, compare=False)
    practices: tuple[str, ...] = field(default=(), compare=False)
    sections: tuple[Section, ...] = field(default=(), compare=False, repr=False)
    title_given: bool = field(default=False, compare=False, repr=False)

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Every finding of the three matrix sections, in the order written."""
        return tuple(f for s in self.sections if s.key in MATRIX for f in s.findings)

    @property
    def follow_up(self) -> tuple[Finding, ...]:
        """What came of the ideas at home: the follow-up's items, each with its status, in the order written."""
        return self.section_findings(FOLLOW_UP[0])

    @staticmethod
    def practices_linked(item: Finding) -> tuple[str, ...]:
        """The practices an item links to, by slug, in the order linked."""
        folder = f"{Practice.folder}/"
        return tuple(target[len(folder):-3] for target in item.links
                     if target.startswith(folder) and target.count("/") == 1)

    def section_findings(self, key: str) -> tuple[Finding, ...]:
        """The findings of one matrix section (`learning`, `transferable`, `contribution`)."""
        return tuple(f for s in self.sections if s.key == key for f in s.findings)

    def titled(self, network: Network, gettext: Callable[[str], str] = identity) -> Visit:
        """`<Visitor> visiting <Host>`, in the portal's language, unless the author gave a title."""
        if self.title_given:
            return self
        return replace(self, title=gettext("%(visitor)s visiting %(host)s") % {
            "visitor": network.city_name(self.visitor), "host": network.city_name(self.host)})

    @property
    def delegate_count(self) -> int | None:
        """How many people went, whether given as a number or as names."""
        if isinstance(self.delegates, tuple):
            return len(self.delegates)
        return self.delegates


def parse(doc: Document, slug: str, aliases: Mapping[str, Sequence[str]], reader: BodyReader,
          report: Report, language: str = "en") -> Visit | None:
    """The visit in `doc`, or None when it has errors of its own; its matrix read as its page reads it."""
    before = report.error_count
    parsed: dict[str, Any] = {}
    values = SCHEMA.read(doc, report, parsed)
    # Its own sections only: a heading another kind knows (`## Discussion`) is free text here.
    aliases = {key: list(aliases.get(key, (heading, *extra))) for key, heading, extra in (*SECTIONS, FOLLOW_UP)}
    page = f"{Visit.folder}/{slug}.md"
    written = doc.data.get("lang")
    lang = written if isinstance(written, str) else language
    sections = reader.read(doc.body, lambda root, md: read_sections(root, md, doc.body, doc.body_line, doc.path,
                                                                     aliases, report, badge=reader.badge, page=page,
                                                                     lang=lang))
    check_sections(sections, doc.body, doc.body_line, doc.path, aliases, report, SECTIONS, lang)
    for section in sections:
        if section.key == FOLLOW_UP[0] and section.has_text and not section.findings:
            report.warning(doc.path, section.line, "body",
                           f"the section `## {section.heading}` has no items, so nothing of it is counted; write"
                           " what came of each idea as a list item ending with its status, such as `[planned]`")
    # Between fields, of those that are right: said with the other problems of the file, not after them.
    _check_dates(doc, parsed, report)
    if "visitor" in parsed and parsed.get("visitor") == parsed.get("host"):
        report.error(doc.path, doc.line_of("host"), "host",
                     f"the host must differ from the visitor (both are `{parsed['host']}`)")
    if values is None or report.error_count > before:
        return None
    values.setdefault("end", values["start"])
    title = values.pop("title", None)
    return Visit(slug=slug, path=doc.path, body_line=doc.body_line,
                 title=title or "", tags=values.pop("tags", ()), sections=sections,
                 title_given=title is not None, **values)


def _check_dates(doc: Document, values: dict[str, object], report: Report) -> None:
    end, start = values.get("end"), values.get("start")
    if isinstance(end, dt.date) and isinstance(start, dt.date) and end < start:
        report.error(doc.path, doc.line_of("end"), "end",
                     f"the visit ends ({end.isoformat()}) before it starts ({start.isoformat()})")


MATRIX = frozenset(key for key, _, _ in SECTIONS)


def _section(key: str) -> Callable[[Visit], str]:
    return lambda v: joined(f.marked for f in v.section_findings(key))


def _read(doc: Document, slug: str, reading: Reading) -> Visit | None:
    return parse(doc, slug, reading.aliases, reading.reader(), reading.report, reading.language)


NAMED_RE = re.compile(r"^(\d{4})-(\d{2})-(.+)$")  # the recommended name: `2014-01-tallinn-munich`


def _named_for(slug: str, start: dt.date, pair: str) -> bool:
    """Whether a name of the recommended form (with the month, or the whole day: `2014-03-12-lyon-usti`)
    names this visit, a suffix of its own allowed (`…-2`)."""
    for date in (f"{start:%Y-%m-%d}-", f"{start:%Y-%m}-"):
        rest = slug.removeprefix(date)
        if rest != slug and (rest == pair or rest.startswith(f"{pair}-")):
            return True
    return False


def _against(visits: Mapping[str, Visit], found: Mapping[str, Mapping[str, Any]], docs: Mapping[str, Document],
             report: Report) -> None:
    """A practice of the visiting city among those a visit saw: the findings then list it among its host's
    practices seen, and count the visit among those that saw it (a new user's review: Munich's own café,
    listed by Munich's visit to Nantes, was a practice seen in Nantes)."""
    practices = found.get("practice", {})
    for visit in visits.values():
        if visit.visitor == visit.host:
            continue  # its own error says so
        for at, slug in enumerate(visit.practices):
            practice = practices.get(slug)
            if practice is not None and getattr(practice, "city", None) == visit.visitor:
                report.warning(visit.path, docs[visit.src_uri].line_of("practices", at), "practices",
                               f"`{slug}` is a practice of `{visit.visitor}`, the visiting city: `practices` lists"
                               f" those the visit saw at its host, `{visit.host}`, whose practices the findings"
                               " show it among; remove it, or check the visit's cities")


def _across(visits: Mapping[str, Visit], docs: Mapping[str, Document], report: Report) -> None:
    """A file named for another visit, and two files of one visit: found by a new user, who copied a
    visit's file under a new name and left it unedited; it was counted twice, with no message."""
    # Which visits translate one another, however each names the others: one visit in several languages.
    groups = translation_groups(visits)
    group = {entry.slug: at for at, entries in enumerate(groups) for entry in entries}
    for entries in groups:
        # The findings count one version of a visit: a follow-up only some versions hold may go uncounted
        # (a lead expert's review: written only in the German, shown there and counted nowhere).
        lacking = [v for v in entries if isinstance(v, Visit) and not v.follow_up]
        for visit in (v for v in entries if isinstance(v, Visit) and v.follow_up and lacking):
            others = ", ".join(f"`{v.path}`" for v in lacking)
            report.warning(visit.path, visit.follow_up[0].line, "body",
                           f"this follow-up is counted only if this version of the visit is the one the findings"
                           f" count, and {others} has none; the findings count each visit once, in one"
                           " language: write the follow-up in every version")

    def root(slug: str) -> object:
        return group.get(slug, slug)

    seen: dict[tuple[str, str, dt.date, dt.date], Visit] = {}
    unknown = {p.path for p in report.errors if p.field in ("visitor", "host")}  # a city misspelt, say
    for visit in visits.values():
        doc = docs[visit.src_uri]
        pair = f"{visit.visitor}-{visit.host}"
        # Not while a city is written otherwise than as an id (`München`): its own error says so, and the name
        # this would suggest is no file name (a review as a German author).
        cities = (visit.visitor, visit.host)
        # Nor while a city is unknown: its error suggests the city meant, and this would name the file after the
        # misspelling (`host: wienn`: a hostile review).
        if NAMED_RE.match(visit.slug) and all(SLUG_RE.fullmatch(city) for city in cities) and doc.path not in unknown \
                and not _named_for(visit.slug, visit.start, pair):
            # Said at the field the name disagrees with first: the date, the visitor, else the host.
            rest = next((visit.slug.removeprefix(date) for date in (f"{visit.start:%Y-%m-%d}-", f"{visit.start:%Y-%m}-")
                         if visit.slug.startswith(date)), None)
            field = "start" if rest is None else "visitor" if not rest.startswith(f"{visit.visitor}-") else "host"
            report.warning(doc.path, doc.line_of(field), field,
                           f"the file's name says `{visit.slug}`, but the visit is {visit.visitor} visiting"
                           f" {visit.host} from {visit.start.isoformat()}: name it"
                           f" `{visit.start:%Y-%m}-{pair}.md`, or correct the fields")
        key = (visit.visitor, visit.host, visit.start, visit.end)
        other = seen.get(key)
        if other is not None and root(other.slug) != root(visit.slug):
            report.warning(doc.path, doc.line_of("start"), "start",
                           f"`{other.path}` describes the same visit ({visit.visitor} visiting {visit.host},"
                           f" {visit.start.isoformat()} to {visit.end.isoformat()}), which is then counted twice;"
                           " remove one of the files, or correct this one's fields")
        seen.setdefault(key, visit)


def _describe(visit: Visit, network: Network, gettext: Callable[[str], str]) -> tuple[object, ...]:
    return f"{network.city_name(visit.visitor)} → {network.city_name(visit.host)}", (visit.start, visit.end)


KIND = Kind(
    name="visit", model=Visit, schema=SCHEMA, folder="visits", option="visits_dir",
    label=N_("Visit"), plural=N_("Visits"), noun="visit", export="visits",
    description="A bilateral visit: visits/<slug>.md", parse=_read,
    template="visit.html", line=("visit-line.html", "visit_line"), listing="visits.html",
    context="visit", order=lambda v: (v.start, v.slug),
    cities=lambda v: tuple(dict.fromkeys((v.visitor, v.host))), describe=_describe,
    export_note=N_("Each row holds the visit's findings per matrix section."),
    csv_extra=(*((heading.lower().replace(" ", "_"), N_(
        "The findings of this matrix section, joined with ` | `, each followed by its [category] if it has one;"
        " as plain text."), _section(key)) for key, heading, _ in SECTIONS),
        ("follow_up", N_("What came of the ideas at home: the follow-up's items, joined with ` | `, each followed"
                         " by its [status]; as plain text."), _section(FOLLOW_UP[0]))),
    json_extra=(("findings", lambda v: [{"section": f.section, "text": f.text, "category": f.category}
                                        for f in v.findings]),
                ("follow_up", lambda v: [{"text": f.text, "status": f.status, "practices": list(v.practices_linked(f))}
                                         for f in v.follow_up])),
    scaffold="visit", sections=(*SECTIONS, FOLLOW_UP),
    backlink=("visits-that-saw-it", N_("Visits that saw it")),
    chapter=True,
    keeps=("visitor", "host", "start", "end"), across=_across, against=_against,
)
