"""The network findings summary, as data: who visited whom, hosts, categories, tags.

Computed once from the index; the pages and the exports only present it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .content.fields import When, collation
from .content.kind import Kind
from .content.matrix import CATEGORIES, STATUSES, Finding
from .content.network import City
from .content.practice import Practice
from .content.registry import KINDS
from .content.session import Session
from .content.visit import Visit
from .index import Index, unique

BLOCKS = ("schedule", "matrix", "hosts", "categories", "tags", "network-graph", "lessons", "transfer", "practices",
          "cities", "kinds")


@dataclass(frozen=True, slots=True)
class HostSummary:
    """One hosting city: its visits, visitors, the practices they saw and what they learnt."""

    city: City
    visits: tuple[Visit, ...]
    visitors: tuple[City, ...]
    practices: tuple[Practice, ...]
    learning: tuple[tuple[Visit, Finding], ...]


@dataclass(frozen=True, slots=True)
class TagUse:
    """How often one tag is used, per kind of entry."""

    slug: str
    label: str
    counts: dict[str, int]  # by kind name, every kind of the portal

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class TagLessons:
    """The key lessons of the sessions that carry one tag."""

    slug: str
    label: str
    lessons: tuple[tuple[Session, Finding], ...]


@dataclass(frozen=True, slots=True)
class Transfer:
    """What came of the ideas at home: the follow-up items of every visit, counted by status."""

    statuses: dict[str, int]  # every status, in the order of `STATUSES`
    items: tuple[tuple[Visit, Finding], ...]  # in visit order, then as written
    by_city: tuple[tuple[City, dict[str, int]], ...]  # each visiting city with follow-ups, by name
    # The practices each item links to, as counted: a link to a practice's translation names that practice,
    # as its page's "taken up by" does (by the item's visit and line).
    linked: dict[tuple[str, int], tuple[str, ...]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return len(self.items)

    def practices(self, visit: Visit, item: Finding) -> tuple[str, ...]:
        """The practices (slugs, as counted) a follow-up item links to, in the order linked."""
        return self.linked.get((visit.slug, item.line), ())


@dataclass(frozen=True, slots=True)
class Findings:
    """Everything the findings blocks and findings.json show."""

    network: str
    schedule: tuple[Visit, ...]
    cities: tuple[City, ...]
    pairs: dict[tuple[str, str], tuple[Visit, ...]]
    hosts: tuple[HostSummary, ...]
    never_hosted: tuple[City, ...]
    never_visited: tuple[City, ...]
    categories: dict[str, int]
    uncategorised: int
    candidates: tuple[tuple[Visit, Finding], ...]
    tags: tuple[TagUse, ...]
    sessions: tuple[Session, ...] = ()  # by date (undated last), then title
    lessons: tuple[TagLessons, ...] = ()  # by tag, most lessons first
    session_categories: dict[str, int] | None = None  # session lessons per class, apart from visits'
    session_uncategorised: int = 0  # session lessons without a class
    # The session lessons marked `[challenge]`, in the sessions' order: transfer candidates too.
    session_candidates: tuple[tuple[Session, Finding], ...] = ()
    transfer: Transfer = Transfer({name: 0 for name in STATUSES}, (), ())
    practices_seen: tuple[tuple[Practice, tuple[Visit, ...]], ...] = ()  # most visits first, then by title
    # Each visiting city (by name) with its visits' findings per class, and those without a class.
    categories_by_city: tuple[tuple[City, dict[str, int], int], ...] = ()

    @property
    def shows_visits(self) -> bool:
        """Whether the visits' findings have their column and candidates: where there are visits, or no
        sessions either (a column of zeros read oddly in a portal of sessions alone). The page and the
        workbook ask here alike."""
        return bool(self.schedule) or self.session_categories is None

    def visits_between(self, visitor: str, host: str) -> tuple[Visit, ...]:
        return self.pairs.get((visitor, host), ())


def summarise(index: Index) -> Findings:
    """The findings of every visit in the portal."""
    portal = index.portal
    cities = tuple(sorted(portal.network.cities.values(), key=lambda c: (collation(c.name), c.id)))
    pairs: dict[tuple[str, str], list[Visit]] = {}
    for visit in index.schedule:
        pairs.setdefault((visit.visitor, visit.host), []).append(visit)
    findings = [(visit, f) for visit in index.schedule for f in visit.findings]
    counted = Counter(f.category for _, f in findings if f.category)
    return Findings(
        network=portal.network.name,
        schedule=index.schedule,
        cities=cities,
        pairs={pair: tuple(visits) for pair, visits in sorted(pairs.items())},
        hosts=_hosts(index),
        # By name, as the page lists them (findings.json sorts the ids).
        never_hosted=tuple(c for c in cities if c.id not in index.visits_received),
        never_visited=tuple(c for c in cities if c.id not in index.visits_made),
        categories={name: counted[name] for name in CATEGORIES},
        uncategorised=sum(1 for _, f in findings if not f.category),
        candidates=tuple((v, f) for v, f in findings if f.category == "challenge"),
        tags=_tags(index),
        **_sessions(index),
        transfer=_transfer(index, cities),
        practices_seen=_practices_seen(index),
        categories_by_city=_categories_by_city(index, cities),
    )


def _practices_seen(index: Index) -> tuple[tuple[Practice, tuple[Visit, ...]], ...]:
    """The practices by the visits that saw them; the index counts a visit that saw a practice's
    translation as a visit of that practice (a lead expert's review)."""
    practices = index.portal.practices
    return tuple(sorted(((practices[slug], visits) for slug, visits in index.visits_of_practice.items()),
                        key=lambda pair: (-len(pair[1]), collation(pair[0].title), pair[0].slug)))


def _transfer(index: Index, cities: tuple[City, ...]) -> Transfer:
    items = tuple((visit, item) for visit in index.schedule for item in visit.follow_up if item.status)
    counted = Counter(item.status for _, item in items)
    practices = index.portal.practices
    linked = {(visit.slug, item.line): tuple(unique(index.counted_one(practices[slug]).slug
                                                    for slug in visit.practices_linked(item) if slug in practices))
              for visit, item in items}
    by_city = []
    for city in cities:
        made = Counter(item.status for visit, item in items if visit.visitor == city.id)
        if made:
            by_city.append((city, {name: made[name] for name in STATUSES}))
    return Transfer({name: counted[name] for name in STATUSES}, items, tuple(by_city), linked)


def _categories_by_city(index: Index, cities: tuple[City, ...]) -> tuple[tuple[City, dict[str, int], int], ...]:
    rows = []
    for city in cities:
        visits = index.visits_made.get(city.id, ())
        if not visits:
            continue
        findings = [f for visit in visits for f in visit.findings]
        counted = Counter(f.category for f in findings if f.category)
        rows.append((city, {name: counted[name] for name in CATEGORIES}, sum(1 for f in findings if not f.category)))
    return tuple(rows)


def _sessions(index: Index) -> dict[str, Any]:
    """The sessions, their lessons by tag, and the lessons' classes, counted apart from visits'."""
    found: list[Session] = [s for kind in index.portal.kinds if kind.lessons
                            for s in index.portal.of(kind.name).values() if isinstance(s, Session) and index.counted(s)]
    sessions = tuple(sorted(found,
                            key=lambda s: (s.date is None, s.date or When(0), collation(s.title), s.slug)))
    by_tag: dict[str, list[tuple[Session, Finding]]] = {}
    for session in sessions:
        for tag in session.tags:
            by_tag.setdefault(tag, []).extend((session, lesson) for lesson in session.lessons)
    lessons = tuple(TagLessons(slug, index.portal.tags[slug].label, tuple(found))
                    for slug, found in by_tag.items() if found)
    counted = Counter(f.category for s in sessions for f in s.lessons if f.category)
    return {
        "sessions": sessions,
        "lessons": tuple(sorted(lessons, key=lambda t: (-len(t.lessons), collation(t.label), t.slug))),
        "session_categories": {name: counted[name] for name in CATEGORIES} if sessions else None,
        "session_uncategorised": sum(1 for s in sessions for f in s.lessons if not f.category),
        "session_candidates": tuple((s, f) for s in sessions for f in s.lessons if f.category == "challenge"),
    }


def _hosts(index: Index) -> tuple[HostSummary, ...]:
    portal = index.portal
    # The practices each visit saw, as the index counts them (`practices_seen`): a practice's translation
    # is that practice, and what any version of a visit names, the visit saw (a lead expert's review).
    seen_by: dict[str, list[Practice]] = {}
    for slug, seeing in index.visits_of_practice.items():
        for visit in seeing:
            seen_by.setdefault(visit.src_uri, []).append(portal.practices[slug])
    summaries = []
    for host, visits in index.visits_received.items():
        visitors = sorted({portal.network.cities[v.visitor] for v in visits}, key=lambda c: (collation(c.name), c.id))
        seen = sorted({p for v in visits for p in seen_by.get(v.src_uri, ())},
                      key=lambda p: (collation(p.title), p.slug))
        learning = tuple((v, f) for v in visits for f in v.section_findings("learning"))
        summaries.append(HostSummary(portal.network.cities[host], visits, tuple(visitors), tuple(seen), learning))
    return tuple(sorted(summaries, key=lambda s: (-len(s.visits), s.city.id)))


def _tags(index: Index) -> tuple[TagUse, ...]:
    uses = []
    for slug, entries in index.by_tag.items():
        # Each set of translations once, as the index lists them (a lead expert's review).
        kinds = Counter(e.kind for e in entries)
        label = index.portal.tags[slug].label
        uses.append(TagUse(slug, label, {kind.name: kinds[kind.name] for kind in index.portal.kinds}))
    return tuple(sorted(uses, key=lambda u: (-u.total, collation(u.label), u.slug)))


def as_data(findings: Findings, kinds: tuple[Kind, ...] = KINDS) -> dict[str, object]:
    """The figures of findings.json: lists of city ids sorted, hosts most visited first."""
    return {
        "network": findings.network,
        "visits": len(findings.schedule),
        "hosts": [
            {"city": h.city.id, "visits": len(h.visits), "visitors": [c.id for c in h.visitors],
             "practices": sorted(p.slug for p in h.practices)}
            for h in findings.hosts
        ],
        "never_hosted": sorted(c.id for c in findings.never_hosted),
        "never_visited": sorted(c.id for c in findings.never_visited),
        "categories": dict(findings.categories),
        "uncategorised": findings.uncategorised,
        "transfer_candidates": [
            {"visit": v.slug, "visitor": v.visitor, "host": v.host, "section": f.section, "text": f.plain}
            for v, f in findings.candidates
        ],
        "matrix": [
            {"visitor": visitor, "host": host, "visits": [v.slug for v in visits]}
            for (visitor, host), visits in findings.pairs.items()
        ],
        "tags": [
            {"tag": u.slug, **{kind.export: u.counts[kind.name] for kind in kinds}, "total": u.total}
            for u in findings.tags
        ],
        "schedule": [
            {"visit": v.slug, "visitor": v.visitor, "host": v.host, "start": v.start.isoformat(),
             "end": v.end.isoformat(), "delegates": v.delegate_count}
            for v in findings.schedule
        ],
        "sessions": [
            {"slug": s.slug, "title": s.title, "event": s.event, "date": s.date.iso() if s.date else None,
             "format": s.format, "lessons": len(s.lessons),
             "key_lessons": [{"text": f.plain, "category": f.category} for f in s.lessons]}
            for s in findings.sessions
        ],
        "lessons_by_tag": {t.slug: len(t.lessons) for t in findings.lessons},
        "session_categories": dict(findings.session_categories or {}),
        "session_uncategorised": findings.session_uncategorised,
        # `lang` as portal.json gives it: the session's own, null in the portal's.
        "session_transfer_candidates": [{"session": s.slug, "title": s.title, "lang": s.lang, "text": f.plain}
                                        for s, f in findings.session_candidates],
        "transfer": {
            "statuses": dict(findings.transfer.statuses),
            "items": [{"visit": v.slug, "city": v.visitor, "status": item.status, "text": item.plain,
                       "practices": list(findings.transfer.practices(v, item))} for v, item in findings.transfer.items],
        },
        "practices_seen": [{"practice": p.slug, "visits": len(visits)} for p, visits in findings.practices_seen],
        "categories_by_city": {city.id: counts for city, counts, _ in
                               sorted(findings.categories_by_city, key=lambda row: row[0].id)},
        "uncategorised_by_city": {city.id: without for city, _, without in
                                  sorted(findings.categories_by_city, key=lambda row: row[0].id)},
    }
