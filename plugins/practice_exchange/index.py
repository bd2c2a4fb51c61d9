"""The cross-reference graph of a portal: entries by city and tag, and backlinks.

Built once from the validated portal, in one pass over the entries, so that
every page looks its neighbours up instead of scanning all entries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import cast

from .content.base import Entry, translation_groups
from .content.fields import collation, fold
from .content.matrix import Finding
from .content.portal import Portal
from .content.practice import Practice
from .content.toolkit import ToolkitCard
from .content.visit import Visit


def _sorted(groups: dict[str, list]) -> dict[str, tuple]:  # type: ignore[type-arg]
    """Each group's entries by title, as the listings and tag pages order them (a city's practices were in
    the order of their file names: a lead expert's review)."""
    return {key: tuple(sorted(items, key=lambda e: (collation(e.title), e.slug)))
            for key, items in sorted(groups.items())}


@dataclass(frozen=True)
class Index:
    """Lookups from a city, a tag or a practice to the entries that name it.

    Each set of translations appears once, as the findings count it (`counted_one`), and a practice
    is looked up by its counted version's slug: what names any version names that practice.
    """

    portal: Portal
    schedule: tuple[Visit, ...]
    practices_by_city: dict[str, tuple[Practice, ...]]
    visits_made: dict[str, tuple[Visit, ...]]
    visits_received: dict[str, tuple[Visit, ...]]
    visits_of_practice: dict[str, tuple[Visit, ...]]
    cards_of_practice: dict[str, tuple[ToolkitCard, ...]]
    practices_of_card: dict[str, tuple[Practice, ...]]
    related: dict[str, tuple[Practice, ...]]
    by_tag: dict[str, tuple[Entry, ...]]
    position: dict[str, int] = field(repr=False)
    # By kind name: the entries that name a practice (in `practices`), by the counted practice's slug ...
    naming: dict[str, dict[str, tuple[Entry, ...]]] = field(default_factory=dict)
    # ... and the entries about a city (the kind's `cities`), by city id; each in the kind's order.
    about: dict[str, dict[str, tuple[Entry, ...]]] = field(default_factory=dict)
    # An entry's other languages (by `src_uri`): those it names and those that name it, by language.
    translated: dict[str, tuple[tuple[str, Entry], ...]] = field(default_factory=dict)
    # The follow-up items that link a practice, by the counted practice's slug, in visit order.
    taken_up: dict[str, tuple[tuple[Visit, Finding], ...]] = field(default_factory=dict)
    # Each entry that has translations (by `src_uri`) -> the one of its set the findings count (see
    # `counted_as`): a visit that saw a practice's translation saw that practice.
    counted_as: dict[str, Entry] = field(default_factory=dict)

    def follow_ups_of(self, city: str) -> tuple[tuple[Visit, Finding], ...]:
        """The follow-up items of the visits a city made, in visit order."""
        return tuple((visit, item) for visit in self.visits_made.get(city, ()) for item in visit.follow_up)

    def translations_of(self, entry: Entry) -> tuple[tuple[str, Entry], ...]:
        """The entry's other languages, with their entries: those it names and those that name it."""
        return self.translated.get(entry.src_uri, ())

    def linked(self, kind: str, practice: str) -> tuple[Entry, ...]:
        """The entries of one kind that name a practice."""
        return self.naming.get(kind, {}).get(practice, ())

    def of_city(self, kind: str, city: str) -> tuple[Entry, ...]:
        """The entries of one kind about a city."""
        return self.about.get(kind, {}).get(city, ())

    def practices_of(self, entry: Entry) -> tuple[Practice, ...]:
        """The practices an entry names, in the order it names them."""
        return tuple(self.portal.practices[slug] for slug in getattr(entry, "practices", ()))

    def same_event(self, entry: Entry) -> tuple[Entry, ...]:
        """The other entries of its kind from the same event (a session's meeting or camp), each set of
        translations once, as its kind's listing orders them: a session's own translation was listed
        as another session of its event (a lead expert's review)."""
        own = self.counted_one(entry)
        event = fold(getattr(entry, "event", None) or "")
        found: dict[str, Entry] = {}
        for other in self._of_the_event(entry):
            # A set of translations by its counted version, where that version is of this event too (a
            # translation of another event's session stands for itself: a hostile review).
            counted = self.counted_one(other)
            shown = counted if fold(getattr(counted, "event", None) or "") == event else other
            if counted is not own and shown is not own:
                found.setdefault(shown.src_uri, shown)
        kind = next((k for k in self.portal.kinds if k.name == entry.kind), None)
        order = kind.order if kind is not None and kind.order is not None else (lambda e: e.slug)
        return tuple(sorted(found.values(), key=order))

    def _of_the_event(self, entry: Entry) -> tuple[Entry, ...]:
        """Every other entry of its kind from the same event, translations among them."""
        event = getattr(entry, "event", None)
        if not event:
            return ()
        return tuple(other for other in self.portal.of(entry.kind).values()
                     if other is not entry and fold(getattr(other, "event", None) or "") == fold(event))

    def counted_one(self, entry: Entry) -> Entry:
        """The entry of its set of translations that the findings count and the lists show; the one
        whose lists (visits that saw it, taken up by, related) every version's page shows."""
        return self.counted_as.get(entry.src_uri, entry)

    def listed(self, kind: str) -> int:
        """How many entries of a kind the lists show and the findings count: each set of translations once."""
        return sum(1 for entry in self.portal.of(kind).values() if self.counted(entry))

    def holds(self, kind: str) -> bool:
        """Whether the portal has entries of a kind: the pages leave out the columns and lists of a
        kind it has none of, which would only say 0 (a portal of sessions alone: a new user's review)."""
        return bool(self.portal.of(kind))

    def counted(self, entry: Entry) -> bool:
        """Whether the findings count this entry: an entry written in several languages is counted
        once, in the portal's language where it has it (else its first slug); its translations not."""
        return self.counted_one(entry) is entry

    def shown_with(self, entry: Entry) -> tuple[Entry, ...]:
        """The other entries an entry's page shows: those it names, those naming it or related to it,
        the visits taking it up, its neighbouring visits, its translations, its event's other entries.
        A page is drawn again when one of these changes (`mkdocs serve`)."""
        shown: list[Entry] = [*self.practices_of(entry), *(other for _, other in self.translations_of(entry)),
                              *self._of_the_event(entry)]
        if self.portal.practices.get(entry.slug) is entry:
            own = self.counted_one(entry).slug
            shown += self.related.get(own, ())
            shown += (other for kind in self.naming for other in self.linked(kind, own))
            shown += (visit for visit, _ in self.taken_up.get(own, ()))
        if self.portal.visits.get(entry.slug) is entry:
            shown += (visit for visit in self.neighbours(entry) if visit is not None)
        return tuple(shown)

    def neighbours(self, visit: Visit) -> tuple[Visit | None, Visit | None]:
        """The visits just before and just after this one (or the one it translates), by start date."""
        at = self.position.get(visit.slug)
        if at is None:  # a translation: the neighbours of the visit it translates
            original = next((other for _, other in self.translations_of(visit) if other.slug in self.position), None)
            if original is None:
                return None, None
            at = self.position[original.slug]
        before = self.schedule[at - 1] if at > 0 else None
        after = self.schedule[at + 1] if at + 1 < len(self.schedule) else None
        return before, after


def build(portal: Portal) -> Index:
    """Index every entry of `portal` once."""
    translated = _translations(portal)
    groups = counted_as(portal)

    def own(entry: Entry) -> Entry:  # the entry of its set of translations that is counted and listed
        return groups.get(entry.src_uri, entry)

    def practice(slug: str) -> Practice:  # a practice named by slug, as counted: any version is that practice
        return cast(Practice, own(portal.practices[slug]))

    # Lists show each set of translations once, as the findings count it (the other versions are
    # linked from its line): a listing of "10 visits" beside findings of 9 told two stories.
    visits = sorted(portal.visits.values(), key=lambda v: (v.start, v.slug))
    # The findings' visits: a visit written in two languages is one visit.
    schedule = tuple(visit for visit in visits if own(visit) is visit)
    by_city: dict[str, list[Practice]] = defaultdict(list)
    made: dict[str, list[Visit]] = defaultdict(list)
    received: dict[str, list[Visit]] = defaultdict(list)
    related: dict[str, set[Practice]] = defaultdict(set)
    for one in portal.practices.values():
        if own(one) is one:
            by_city[one.city].append(one)
        for other in (practice(slug) for slug in one.related):
            here = practice(one.slug)
            if other is not here:
                related[here.slug].add(other)
                related[other.slug].add(here)
    taken: dict[str, list[tuple[Visit, Finding]]] = defaultdict(list)
    for visit in schedule:
        made[visit.visitor].append(visit)
        received[visit.host].append(visit)
        for item in visit.follow_up:
            for slug in unique(practice(named).slug for named in visit.practices_linked(item)):
                taken[slug].append((visit, item))
    # What any version names or carries, its set names or carries: listed under the counted version,
    # once (by `src_uri`, in the order first met: thousands of entries may share a tag).
    seen: dict[str, dict[str, Visit]] = defaultdict(dict)
    for visit in visits:
        for slug in unique(practice(named).slug for named in visit.practices):
            seen[slug].setdefault(own(visit).src_uri, cast(Visit, own(visit)))
    cards: dict[str, dict[str, ToolkitCard]] = defaultdict(dict)
    for card in portal.toolkit.values():
        for slug in unique(practice(named).slug for named in card.practices):
            cards[slug].setdefault(own(card).src_uri, cast(ToolkitCard, own(card)))
    tagged: dict[str, dict[str, Entry]] = defaultdict(dict)
    for entry in portal.entries():
        for tag in entry.tags:
            tagged[tag].setdefault(own(entry).src_uri, own(entry))
    naming: dict[str, dict[str, dict[str, Entry]]] = {}
    about: dict[str, dict[str, list[Entry]]] = {}
    for kind in portal.kinds:
        for entry in sorted(portal.of(kind.name).values(), key=kind.order or (lambda e: e.slug)):
            for slug in unique(practice(named).slug for named in getattr(entry, "practices", ())):
                naming.setdefault(kind.name, {}).setdefault(slug, {}).setdefault(own(entry).src_uri, own(entry))
            if own(entry) is not entry:
                continue
            for city in kind.cities(entry):
                about.setdefault(kind.name, {}).setdefault(city, []).append(entry)
    by_visit_date = lambda groups: {k: tuple(v) for k, v in sorted(groups.items())}  # noqa: E731
    return Index(
        portal=portal,
        schedule=schedule,
        practices_by_city=_sorted(by_city),
        visits_made=by_visit_date(made),
        visits_received=by_visit_date(received),
        visits_of_practice=by_visit_date({slug: found.values() for slug, found in seen.items()}),
        cards_of_practice=_sorted({slug: list(found.values()) for slug, found in cards.items()}),
        practices_of_card={c.slug: tuple(portal.practices[s] for s in c.practices) for c in portal.toolkit.values()},
        related={k: tuple(sorted(v)) for k, v in sorted(related.items())},
        by_tag={k: tuple(v.values()) for k, v in sorted(tagged.items())},
        position={visit.slug: at for at, visit in enumerate(schedule)},
        naming={kind: by_visit_date({slug: found.values() for slug, found in groups.items()})
                for kind, groups in naming.items()},
        about={kind: by_visit_date(groups) for kind, groups in about.items()},
        translated=translated,
        taken_up={slug: tuple(items) for slug, items in sorted(taken.items())},
        counted_as=groups,
    )


def unique(slugs: Iterable[str]) -> list[str]:
    """The slugs in their order, each once (a visit naming a practice and its translation saw it once)."""
    return list(dict.fromkeys(slugs))


def counted_as(portal: Portal) -> dict[str, Entry]:
    """Each entry that has translations (by `src_uri`) -> the one of its set the findings count: the
    one in the portal's language, else the original (the one that names no translation of its own:
    another entry cannot take its place by naming it), else the first by slug."""
    def rank(entry: Entry) -> tuple[bool, bool, str]:
        return bool(entry.lang) and entry.lang != portal.language, bool(entry.translations), entry.slug

    found: dict[str, Entry] = {}
    for kind in portal.kinds:
        for group in translation_groups(portal.of(kind.name)):
            counted = min(group, key=rank)
            found.update((entry.src_uri, counted) for entry in group)
    return found


def _translations(portal: Portal) -> dict[str, tuple[tuple[str, Entry], ...]]:
    """Every entry's translations: the whole set it belongs to, however its members name each other
    (the German naming the English and the French: the English page links the French too)."""
    found: dict[str, dict[str, Entry]] = {}
    for kind in portal.kinds:
        for group in translation_groups(portal.of(kind.name)):
            for entry in group:
                for other in group:
                    if other is not entry:
                        found.setdefault(entry.src_uri, {}).setdefault(other.lang or portal.language, other)
    return {uri: tuple(sorted(languages.items())) for uri, languages in sorted(found.items())}
