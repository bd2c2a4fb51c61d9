"""The network: `network.yml` with its partner cities and optional tag vocabulary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import Report, did_you_mean
from .base import Schema
from .countries import COUNTRIES
from .fields import SLUG_PATTERN, Field, FieldError, FieldType, ListOf, Record, Slug, Text
from .frontmatter import Document

COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


# Beside the codes of `COUNTRIES`, the two the EU writes for its own members: `EL` for Greece, `UK`
# for the United Kingdom.
EU_CODES = frozenset({"EL", "UK"})


class Country(Text):
    """An ISO 3166-1 alpha-2 code, kept as written: `NO` stays Norway."""

    def parse(self, value: object) -> str:
        text = super().parse(value)
        if not COUNTRY_RE.match(text):
            hint = f"; did you mean `{text.upper()}`?" if COUNTRY_RE.match(text.upper()) else ""
            raise FieldError(f"`{text}` is not a two-letter country code (ISO 3166-1 alpha-2) such as FR{hint}")
        if text not in COUNTRIES and text not in EU_CODES:
            # A hostile review's `XX` passed, and showed as the city's country everywhere.
            raise FieldError(f"`{text}` is no country's code (ISO 3166-1 alpha-2, such as FR, DE or CZ)")
        return text

    def schema(self) -> dict[str, object]:
        return {"type": "string", "pattern": COUNTRY_RE.pattern}


CITY = Record(
    {"id": (Slug("city id"), True), "name": (Text(), True), "country": (Country(), True)},
    example="{id: nantes, name: Nantes, country: FR}",
)



class Vocabulary(FieldType):
    """The optional tag vocabulary: `slug: Label` lines."""

    def parse(self, value: object) -> dict[str, str]:
        if not isinstance(value, dict):
            raise FieldError("expected `slug: Label` lines, such as `parental-involvement: Parental involvement`")
        vocabulary: dict[str, str] = {}
        errors: list[FieldError] = []  # every bad tag at once, not one for each build
        for slug, label in value.items():
            try:
                Slug("tag").parse(slug)
            except FieldError as exc:
                errors.append(FieldError(exc.message, (slug,)))
                continue
            if slug == "index":
                errors.append(FieldError("the tag `index` is kept for the page that lists every tag; choose"
                                         " another", (slug,)))
                continue
            try:
                vocabulary[slug] = Text().parse(label if label is not None else "")
            except FieldError as exc:
                errors.append(FieldError(f"the label of `{slug}` {exc.message}", (slug,)))
        if errors:
            raise FieldError(errors[0].message, errors[0].key, errors[1:])
        return dict(sorted(vocabulary.items()))

    def schema(self) -> dict[str, object]:
        return {
            "type": "object",
            "propertyNames": {"pattern": SLUG_PATTERN},
            "additionalProperties": {"type": "string", "minLength": 1},
        }


SCHEMA = Schema(
    "network",
    (
        Field("name", Text(), True, "The network's name."),
        Field("description", Text(), False, "One line about the network."),
        Field("lead_partner", Slug("city id", "city"), False, "The id of the lead partner city."),
        Field("lead_expert", Text(), False, "The network's lead expert."),
        Field("cities", ListOf(CITY, min_items=1, example="[{id: nantes, name: Nantes, country: FR}]"), True,
              "The partner cities: id, name and country each."),
        Field("tags", Vocabulary(), False, "Optional tag vocabulary: `slug: Label` lines."),
    ),
)


@dataclass(frozen=True, order=True, slots=True)
class City:
    """A partner city of the network."""

    id: str
    name: str = field(compare=False)
    country: str = field(compare=False)


@dataclass(frozen=True, slots=True)
class Network:
    """The network's name, partners and, when given, its tag vocabulary."""

    name: str
    cities: dict[str, City]
    description: str | None = None
    lead_partner: str | None = None
    lead_expert: str | None = None
    vocabulary: dict[str, str] | None = None

    def city_name(self, city_id: str) -> str:
        city = self.cities.get(city_id)
        return city.name if city else city_id


def parse(doc: Document, report: Report) -> Network | None:
    """The network in `doc`, or None when it cannot be used; problems go to `report`."""
    values = SCHEMA.read(doc, report)
    if values is None:
        # The cities' own problems too, when they were read: every problem is said in one go.
        raw = doc.data.get("cities")
        read = []
        for index, item in enumerate(raw if isinstance(raw, list) else []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                # What is wrong with the record itself the schema said; its id may be used twice too.
                name = item.get("name")
                read.append((index, {"id": item["id"], "name": name if isinstance(name, str) else "",
                                     "country": ""}))
        _cities(doc, read, report, names=False)
        return None
    cities = _cities(doc, list(enumerate(values.pop("cities"))), report)
    network = Network(cities=cities, vocabulary=values.pop("tags", None), **values)
    labels: dict[str, str] = {}
    for slug, label in (network.vocabulary or {}).items():
        twin = labels.setdefault(label.casefold(), slug)
        if twin != slug:
            # A tag written by its label would be read as either: found by a hostile review.
            report.warning(doc.path, doc.line_of("tags", slug), "tags",
                           f"the tag `{slug}` has the label `{label}`, as `{twin}` does; give each tag its own label")
    lead = network.lead_partner
    if lead is not None and lead not in cities:
        report.error(doc.path, doc.line_of("lead_partner"), "lead_partner",
                     f"unknown city `{lead}`{did_you_mean(lead, cities)}")
    return network


def _cities(doc: Document, records: list[tuple[int, dict[str, str]]], report: Report,
            names: bool = True) -> dict[str, City]:
    """The cities by id, from each record read and its place in the list (for its line); with `names`,
    two cities of one name are warned about (not among records the schema refused)."""
    cities: dict[str, City] = {}
    named: dict[str, str] = {}
    for index, record in records:
        city = City(**record)
        if city.id == "index":
            report.error(doc.path, doc.line_of("cities", index, "id"), "cities",
                         "the city id `index` is kept for the page that lists every city; choose another id")
            continue
        if city.id in cities:
            report.error(doc.path, doc.line_of("cities", index, "id"), "cities",
                         f"the city id `{city.id}` is used twice; every city needs its own id")
            continue
        twin = named.setdefault(city.name.casefold(), city.id) if names and city.name else city.id
        if twin != city.id:
            report.warning(doc.path, doc.line_of("cities", index, "name"), "cities",
                           f"the city `{city.id}` has the name `{city.name}`, as `{twin}` does: every list and"
                           " the picture would show two cities alike; tell them apart, such as by their region")
        cities[city.id] = city
    return dict(sorted(cities.items()))
