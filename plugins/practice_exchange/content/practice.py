"""Good practices: `practices/<slug>.md`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .base import LANG, SUMMARY, TAGS, TITLE, TRANSLATIONS, Entry, Schema
from .fields import N_, Field, Integer, ListOf, Slug, Text, Url, collation
from .kind import Kind
from .network import Network

SCHEMA = Schema(
    "practice",
    (
        TITLE,
        Field("city", Slug("city id", "city"), True, "The id of the city that runs the practice, from network.yml."),
        SUMMARY,
        TAGS,
        LANG,
        TRANSLATIONS,
        Field("organisation", Text(), False, "Who runs the practice."),
        Field("started", Integer(1900, 2100, "a year such as 2007"), False, "The year it started."),
        Field("website", Url(), False, "Its web address (http or https)."),
        Field("contact", Text(), False, "Whom to ask about it."),
        Field(
            "related",
            ListOf(Slug("practice slug", "practice"), example="[kaap, islands-of-competence]"),
            False,
            "Slugs of related practices.",
        ),
    ),
)


@dataclass(frozen=True, order=True, slots=True)
class Practice(Entry):
    """A good practice run by one partner city."""

    kind = "practice"
    folder = "practices"

    city: str = field(default="", compare=False)
    summary: str = field(default="", compare=False)
    organisation: str | None = field(default=None, compare=False)
    started: int | None = field(default=None, compare=False)
    website: str | None = field(default=None, compare=False)
    contact: str | None = field(default=None, compare=False)
    related: tuple[str, ...] = field(default=(), compare=False)


def _describe(practice: Practice, network: Network, gettext: Callable[[str], str]) -> tuple[str, ...]:
    return (network.city_name(practice.city),)


KIND = Kind(
    name="practice", model=Practice, schema=SCHEMA, folder="practices", option="practices_dir",
    label=N_("Good practice"), plural=N_("Good practices"), noun="practice", export="practices",
    description="A good practice: practices/<slug>.md",
    template="practice.html", line=("practice-line.html", "practice_line"), listing="practices.html",
    context="practice", order=lambda p: (collation(p.title), p.slug), cities=lambda p: (p.city,),
    describe=_describe, scaffold="practice",
    keeps=("city",),
)
