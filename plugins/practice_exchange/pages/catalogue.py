"""The catalogue's facets and items, and the compact data its script filters.

Every entry is listed in the page's HTML (so the catalogue works without
JavaScript); the script gets, once, a small JSON table that says which facet
values each listed entry has, as indexes into the facets' value lists.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..content.base import Entry
from ..content.countries import names_in as country_names
from ..content.fields import N_, collation, identity, language_name
from ..content.kind import Facet as KindFacet
from ..content.kind import Kind, summary_of
from ..content.portal import Portal
from .dates import Dates

# The facets every portal has, in the order they are shown and read from the URL; tags combine
# with AND. The kinds add theirs (the toolkit's difficulty) after these.
FACETS = (("kind", N_("Kind")), ("tag", N_("Tags")), ("city", N_("City")), ("country", N_("Country")))


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
    values: dict[str, tuple[str, ...]]  # by facet name
    label: str = ""  # what the list shows after the title: kind, cities, dates or difficulty
    summary: str | None = None  # the first words of its summary, if it has one


@dataclass(frozen=True, slots=True)
class Catalogue:
    """Facets, items in display order, and the script's data as JSON safe for a `<script>` element."""

    facets: tuple[Facet, ...]
    items: tuple[Item, ...]
    data: str


def _item(entry: Entry, kind: Kind, portal: Portal, extra: tuple[KindFacet, ...],
          gettext: Callable[[str], str], dates: Callable[[Any], str]) -> Item:
    cities = kind.cities(entry)
    values = {
        "kind": (kind.name,),
        "tag": entry.tags,
        "city": cities,
        "country": tuple(sorted({portal.network.cities[c].country for c in cities})),
        **{facet.name: (facet.of(entry) if facet in kind.facets else ()) for facet in extra},
        "lang": (entry.lang or portal.language,),
    }
    return Item(entry, kind.name, values, kind.label_for(entry, portal.network, gettext, dates), summary_of(entry))


def _labels(portal: Portal, facet: str, gettext: Callable[[str], str]) -> list[tuple[str, str]]:
    if facet == "kind":
        return [(kind.name, gettext(kind.label)) for kind in portal.kinds]
    if facet == "tag":
        return sorted(((t.slug, t.label) for t in portal.tags.values()), key=lambda p: (collation(p[1]), p[0]))
    if facet == "city":
        return sorted(((c.id, c.name) for c in portal.network.cities.values()), key=lambda p: (collation(p[1]), p[0]))
    # A country by its name in the portal's language (`Tschechien`), not its code (`CZ`), which a screen reader
    # spells out letter by letter (an accessibility review); the address keeps the code.
    # In English from the names written beside the codes: Babel's English data would add 4 MB to the build.
    names = country_names(portal.language, portal.locale)
    return sorted(((code, names.get(code, code)) for code in {c.country for c in portal.network.cities.values()}),
                  key=lambda p: (collation(p[1]), p[0]))


def build(portal: Portal, gettext: Callable[[str], str] = identity) -> Catalogue:
    """The catalogue of every entry of `portal`, sorted by title; `gettext` translates its labels."""
    extra = tuple({f.name: f for kind in portal.kinds for f in kind.facets}.values())
    dates = Dates(portal.locale).either  # as the entries' pages write them
    items = tuple(sorted((_item(e, kind, portal, extra, gettext, dates) for kind in portal.kinds
                          for e in portal.of(kind.name).values()),
                         key=lambda i: (collation(i.entry.title), i.kind, i.entry.slug)))
    facets = []
    named = [*FACETS, *((f.name, f.label) for f in extra)]
    # Languages: a facet once the portal holds entries in more than one.
    languages = sorted({v for item in items for v in item.values["lang"]})
    if len(languages) > 1:
        named.append(("lang", N_("Language")))
    for name, label in named:
        used = Counter(v for item in items for v in item.values[name])
        # Every partner city and country is offered, even one without entries yet.
        keep_all = name in ("city", "country")
        own = next((f for f in extra if f.name == name), None)
        if name == "lang":
            labels = [(code, language_name(code, portal.locale) or code) for code in languages]
        else:
            labels = [(v, gettext(v)) for v in own.values] if own else _labels(portal, name, gettext)
        values = tuple(FacetValue(v, text, used[v]) for v, text in labels if used[v] or keep_all)
        facets.append(Facet(name, gettext(label), values, all_required=name == "tag"))
    return Catalogue(tuple(facets), items, _data(facets, items))


def _data(facets: list[Facet], items: tuple[Item, ...]) -> str:
    positions = {f.name: {v.value: i for i, v in enumerate(f.values)} for f in facets}
    rows = [[[positions[f.name][v] for v in item.values[f.name]] for f in facets] for item in items]
    data = {
        "facets": [f.name for f in facets],
        "all": [f.name for f in facets if f.all_required],
        "values": {f.name: [v.value for v in f.values] for f in facets},
        "items": rows,
    }
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"), sort_keys=True)
    # Safe inside <script>: no tag can close it, no comment can open.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def search_filters(catalogue: Catalogue) -> dict[str, tuple[tuple[str, str], ...]]:
    """Each listed entry's facet values as the search's filters, by its page's place: pairs of the
    facet's and the value's names as the catalogue's data has them (`kind`, `city`: `nantes`), which
    are slugs and codes; the box shows their labels (`search_facets`). Pagefind cannot match a
    filter value holding a double quote, which a label may hold."""
    names = {facet.name: {value.value for value in facet.values} for facet in catalogue.facets}
    return {item.entry.src_uri: tuple((name, value) for name, known in names.items()
                                      for value in item.values.get(name, ()) if value in known)
            for item in catalogue.items}


def search_facets(catalogue: Catalogue) -> str:
    """The facets the search box offers as filters, in the catalogue's order, as JSON: each with
    its name and label, and its values (name, label, and the number of entries that carry it). The
    box reads it when it opens, instead of asking Pagefind, which would then count every filter's
    values for each query."""
    return json.dumps([{"name": facet.name, "label": facet.label,
                        "values": [[value.value, value.label, value.count] for value in facet.values if value.count]}
                       for facet in catalogue.facets], ensure_ascii=False, separators=(",", ":"))
