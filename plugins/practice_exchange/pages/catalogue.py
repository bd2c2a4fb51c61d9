"""The catalogue's facets and items, and the compact data its script filters.

Every entry is listed in the page's HTML (so the catalogue works without
JavaScript); the script gets, once, a small JSON table that says which facet
values each listed entry has, as indexes into the facets' value lists.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass

from ..content.base import Entry
from ..content.portal import Portal
from ..content.practice import Practice
from ..content.toolkit import DIFFICULTIES, ToolkitCard
from ..content.visit import Visit

KINDS = (("practice", "Good practice"), ("visit", "Visit"), ("toolkit", "Toolkit card"))
# The facets in the order they are shown and read from the URL; tags combine with AND.
FACETS = (("kind", "Kind"), ("tag", "Tags"), ("city", "City"), ("country", "Country"), ("difficulty", "Difficulty"))


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One value of a facet, with the number of entries that carry it."""

    value: str
    label: str
    count: int


@dataclass(frozen=True, slots=True)
class Facet:
    """A group of values the catalogue can be filtered by."""

    name: str
    label: str
    values: tuple[FacetValue, ...]
    all_required: bool = False


@dataclass(frozen=True, slots=True)
class Item:
    """An entry as the catalogue lists it, with its facet values."""

    entry: Entry
    kind: str
    cities: tuple[str, ...]
    countries: tuple[str, ...]
    difficulty: str | None
    label: str = ""  # what the list shows after the title: kind, cities, dates or difficulty


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Facets, items in display order, and the script's data as JSON safe for a `<script>` element."""

    facets: tuple[Facet, ...]
    items: tuple[Item, ...]
    data: str


def _item(entry: Entry, portal: Portal) -> Item:
    if isinstance(entry, Visit):
        cities: tuple[str, ...] = tuple(dict.fromkeys((entry.visitor, entry.host)))
    elif isinstance(entry, Practice):
        cities = (entry.city,)
    else:
        cities = ()
    countries = tuple(sorted({portal.network.cities[c].country for c in cities}))
    difficulty = entry.difficulty if isinstance(entry, ToolkitCard) else None
    return Item(entry, entry.kind, cities, countries, difficulty, _label(entry, portal))


def _label(entry: Entry, portal: Portal) -> str:
    name = portal.network.city_name
    if isinstance(entry, Visit):
        return f"visit · {name(entry.visitor)} → {name(entry.host)} · {entry.start.isoformat()}"
    if isinstance(entry, Practice):
        return f"practice · {name(entry.city)}"
    return f"toolkit card · {entry.difficulty}"  # type: ignore[attr-defined]


def _values(item: Item, facet: str) -> tuple[str, ...]:
    if facet == "kind":
        return (item.kind,)
    if facet == "tag":
        return item.entry.tags
    if facet == "city":
        return item.cities
    if facet == "country":
        return item.countries
    return (item.difficulty,) if item.difficulty else ()


def _labels(portal: Portal, facet: str, used: Counter[str]) -> list[tuple[str, str]]:
    if facet == "kind":
        return [(k, label) for k, label in KINDS]
    if facet == "tag":
        return sorted(((t.slug, t.label) for t in portal.tags.values()), key=lambda p: (p[1].casefold(), p[0]))
    if facet == "city":
        return sorted(((c.id, c.name) for c in portal.network.cities.values()), key=lambda p: (p[1].casefold(), p[0]))
    if facet == "country":
        return [(code, code) for code in sorted({c.country for c in portal.network.cities.values()})]
    return [(d, d) for d in DIFFICULTIES]


def build(portal: Portal) -> Catalogue:
    """The catalogue of every entry of `portal`, sorted by title."""
    items = tuple(sorted((_item(e, portal) for e in portal.entries()),
                         key=lambda i: (i.entry.title.casefold(), i.kind, i.entry.slug)))
    facets = []
    for name, label in FACETS:
        used = Counter(v for item in items for v in _values(item, name))
        # Every partner city and country is offered, even one without entries yet.
        keep_all = name in ("city", "country")
        values = tuple(FacetValue(v, text, used[v]) for v, text in _labels(portal, name, used) if used[v] or keep_all)
        facets.append(Facet(name, label, values, all_required=name == "tag"))
    return Catalogue(tuple(facets), items, _data(facets, items))


def _data(facets: list[Facet], items: tuple[Item, ...]) -> str:
    positions = {f.name: {v.value: i for i, v in enumerate(f.values)} for f in facets}
    rows = [[[positions[f.name][v] for v in _values(item, f.name)] for f in facets] for item in items]
    data = {
        "facets": [f.name for f in facets],
        "all": [f.name for f in facets if f.all_required],
        "values": {f.name: [v.value for v in f.values] for f in facets},
        "items": rows,
    }
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    # Safe inside <script>: no tag can close it, no comment can open.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
