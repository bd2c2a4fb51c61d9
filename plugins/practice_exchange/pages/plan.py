"""Which pages a portal gets, each with its template and typed context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import escape

from .. import exports
from ..content.base import Entry
from ..content.portal import Portal
from ..findings import Findings
from ..index import Index
from . import catalogue
from .blocks import DEFAULT_PAGE

FINDINGS_PAGE = "findings.md"

HOME_PAGE = "index.md"

# Generated pages that are listed in the navigation when mkdocs.yml has none.
LISTING_PAGES = frozenset({
    HOME_PAGE,
    "practices/index.md", "visits/index.md", "toolkit/index.md", "cities/index.md", "tags/index.md",
    "catalogue/index.md", FINDINGS_PAGE, "exports/index.md",
})

# An entry page's Markdown opens with a blank line: MkDocs then reads no metadata
# from it (a first line such as `Note: …` stays text), and parses no YAML for it.
NO_METADATA = "\n"
# Listings, the catalogue and the findings repeat what search already finds on each
# entry's own page; left out of the index, they cost the build nothing to index.
NOT_SEARCHED = "---\nsearch:\n  exclude: true\n---\n"
# The catalogue's facets want the page's full width.
CATALOGUE_META = "---\nsearch:\n  exclude: true\nhide:\n  - navigation\n  - toc\n---\n"


@dataclass(frozen=True)
class PageSpec:
    """A generated page: where it lives, its title, its template and what the template gets."""

    src_uri: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict, repr=False)
    markdown: str = field(default="", repr=False)
    # What search indexes of the page besides its title and Markdown: an entry's summary.
    # The template's frame (facts, tags, lists of other entries) comes after indexing, so
    # that search points to each entry's own words rather than to every list naming it.
    lead: str = field(default="", repr=False)
    entry: Entry | None = field(default=None, repr=False)

    @property
    def in_nav(self) -> bool:
        """Listings may appear in the navigation; single entries are reached through them."""
        return self.src_uri in LISTING_PAGES


def plan(portal: Portal, index: Index, findings: Findings, findings_page: bool = True,
         home_page: bool = False) -> dict[str, PageSpec]:
    """Every generated page of the portal, keyed by its place among the site's files.

    `findings_page` is False when the site has its own `findings.md`, whose markers get the blocks;
    `home_page` is True when it has no home page of its own (a new portal would answer 404).
    """
    specs = [*_entries(portal), *_listings(portal, index), *_cities(portal, index), *_tags(portal, index),
             _catalogue(portal), _exports()]
    if home_page:
        specs.append(PageSpec(HOME_PAGE, portal.network.name, "home.html", {"portal": portal}, NOT_SEARCHED))
    if findings_page:
        specs.append(PageSpec(FINDINGS_PAGE, "Findings", "findings.html", {}, NOT_SEARCHED + DEFAULT_PAGE))
    return {spec.src_uri: spec for spec in specs}


def _exports() -> PageSpec:
    return PageSpec("exports/index.md", "Data exports", "exports.html", {"exports": exports.catalogue()},
                    NOT_SEARCHED)


def _entries(portal: Portal) -> list[PageSpec]:
    specs = []
    # An entry's own words (summary and body) are what search indexes; the frame around
    # them (facts, tags, cross-references) is added once the page is indexed.
    # Their Markdown is the entry's body, handed to MkDocs when it reads the page (`markdown`).
    for practice in portal.practices.values():
        specs.append(PageSpec(practice.src_uri, practice.title, "practice.html",
                              {"practice": practice}, lead=_lead(practice.summary), entry=practice))
    for visit in portal.visits.values():
        specs.append(PageSpec(visit.src_uri, visit.title, "visit.html", {"visit": visit}, entry=visit))
    for card in portal.toolkit.values():
        specs.append(PageSpec(card.src_uri, card.title, "toolkit.html", {"card": card},
                              lead=_lead(card.summary), entry=card))
    return specs


def markdown(spec: PageSpec, body: str) -> str:
    """The Markdown MkDocs renders for an entry: its body (a visit's markers become badges in its tree).

    It opens with a blank line: without one, MkDocs would take a first line such as
    `Note: …` for a metadata field and drop it from the page.
    """
    return NO_METADATA + body


def _lead(summary: str) -> str:
    return f"<p>{escape(summary)}</p>\n"


def _listings(portal: Portal, index: Index) -> list[PageSpec]:
    return [
        PageSpec("practices/index.md", "Good practices", "practices.html",
                 {"practices": tuple(portal.practices.values())}, NOT_SEARCHED),
        PageSpec("visits/index.md", "Visits", "visits.html", {"visits": index.schedule}, NOT_SEARCHED),
        PageSpec("toolkit/index.md", "Toolkit", "toolkit-index.html", {"cards": tuple(portal.toolkit.values())},
                 NOT_SEARCHED),
    ]


def _cities(portal: Portal, index: Index) -> list[PageSpec]:
    cities = sorted(portal.network.cities.values(), key=lambda c: (c.name.casefold(), c.id))
    specs = [PageSpec("cities/index.md", "Cities", "cities.html", {"city_list": cities},
                      lead=_lead(f"The partner cities of {portal.network.name}."))]
    for city in cities:
        counts = (f"{len(index.practices_by_city.get(city.id, ()))} practices,"
                  f" {len(index.visits_made.get(city.id, ()))} visits made,"
                  f" {len(index.visits_received.get(city.id, ()))} visits received")
        specs.append(PageSpec(f"cities/{city.id}.md", city.name, "city.html", {"city": city},
                              lead=_lead(f"{city.name} ({city.country}), partner of {portal.network.name}: {counts}.")))
    return specs


def _tags(portal: Portal, index: Index) -> list[PageSpec]:
    tag_list = sorted(portal.tags.values(), key=lambda t: (t.label.casefold(), t.slug))
    specs = [PageSpec("tags/index.md", "Tags", "tags.html", {"tag_list": tag_list},
                      lead=_lead("Every tag, with the entries that carry it."))]
    for tag in tag_list:
        entries = index.by_tag.get(tag.slug, ())
        specs.append(PageSpec(f"tags/{tag.slug}.md", tag.label, "tag.html", {"tag": tag, "entries": entries},
                              lead=_lead(f"{len(entries)} entries are tagged {tag.label}.")))
    return specs


def _catalogue(portal: Portal) -> PageSpec:
    return PageSpec("catalogue/index.md", "Catalogue", "catalogue.html",
                    {"catalogue": catalogue.build(portal)}, CATALOGUE_META)
