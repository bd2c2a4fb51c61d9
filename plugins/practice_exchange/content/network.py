"""The network: `network.yml` with its partner cities and optional tag vocabulary."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import Report, did_you_mean
from .base import Schema
from .fields import SLUG_PATTERN, Field, FieldError, FieldType, ListOf, Record, Slug, Text
from .frontmatter import Document

COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


class Country(Text):
    """An ISO 3166-1 alpha-2 code, kept as written: `NO` stays Norway."""

    def parse(self, value: object) -> str:
        text = super().parse(value)
        if not COUNTRY_RE.match(text):
            hint = f"; did you mean `{text.upper()}`?" if COUNTRY_RE.match(text.upper()) else ""
            raise FieldError(f"`{text}` is not a two-letter country code (ISO 3166-1 alpha-2) such as FR{hint}")
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
        for slug, label in value.items():
            try:
                Slug("tag").parse(slug)
            except FieldError as exc:
                raise FieldError(exc.message, (slug,)) from None
            if slug == "index":
                raise FieldError("the tag `index` is kept for the page that lists every tag; choose another", (slug,))
            try:
                vocabulary[slug] = Text().parse(label if label is not None else "")
            except FieldError as exc:
                raise FieldError(f"the label of `{slug}` {exc.message}", (slug,)) from None
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
        return None
    cities = _cities(doc, values.pop("cities"), report)
    network = Network(cities=cities, vocabulary=values.pop("tags", None), **values)
    lead = network.lead_partner
    if lead is not None and lead not in cities:
        report.error(doc.path, doc.line_of("lead_partner"), "lead_partner",
                     f"unknown city `{lead}`{did_you_mean(lead, cities)}")
    return network


def _cities(doc: Document, records: tuple[dict[str, str], ...], report: Report) -> dict[str, City]:
    cities: dict[str, City] = {}
    for index, record in enumerate(records):
        city = City(**record)
        if city.id == "index":
            report.error(doc.path, doc.line_of("cities", index, "id"), "cities",
                         "the city id `index` is kept for the page that lists every city; choose another id")
            continue
        if city.id in cities:
            report.error(doc.path, doc.line_of("cities", index, "id"), "cities",
                         f"the city id `{city.id}` is used twice; every city needs its own id")
            continue
        cities[city.id] = city
    return dict(sorted(cities.items()))
