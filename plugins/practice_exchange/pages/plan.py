"""Which pages a portal gets, each with its template and typed context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..content.portal import Portal
from ..content.visit import Visit
from ..index import Index
from .markdown import with_badges


@dataclass(frozen=True)
class PageSpec:
    """A generated page: where it lives, its title, its template and what the template gets."""

    src_uri: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict, repr=False)
    markdown: str = field(default="", repr=False)
    escape_html: bool = True


LISTINGS = (
    ("practices/index.md", "Good practices", "practices.html", "practices"),
    ("visits/index.md", "Visits", "visits.html", "visits"),
    ("toolkit/index.md", "Toolkit", "toolkit-index.html", "cards"),
)


def plan(portal: Portal, index: Index) -> dict[str, PageSpec]:
    """Every generated page of the portal, keyed by its place among the site's files."""
    specs = [*_entries(portal, index), *_listings(portal, index)]
    return {spec.src_uri: spec for spec in specs}


def _entries(portal: Portal, index: Index) -> list[PageSpec]:
    specs = []
    for practice in portal.practices.values():
        specs.append(PageSpec(practice.src_uri, practice.title, "practice.html",
                              {"practice": practice}, practice.body))
    for visit in portal.visits.values():
        specs.append(PageSpec(visit.src_uri, visit.title, "visit.html", {"visit": visit}, _visit_markdown(visit)))
    for card in portal.toolkit.values():
        specs.append(PageSpec(card.src_uri, card.title, "toolkit.html", {"card": card}, card.body))
    return specs


def _visit_markdown(visit: Visit) -> str:
    markers = [f.marker for f in visit.findings if f.marker is not None and f.category]
    categories = [f.category for f in visit.findings if f.marker is not None and f.category]
    return with_badges(visit.body, markers, categories)


def _listings(portal: Portal, index: Index) -> list[PageSpec]:
    items = {
        "practices": tuple(portal.practices.values()),
        "visits": index.schedule,
        "cards": tuple(portal.toolkit.values()),
    }
    return [PageSpec(uri, title, template, {name: items[name]}) for uri, title, template, name in LISTINGS]
