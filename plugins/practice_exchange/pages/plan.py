"""Which pages a portal gets: each a document with a place among the site's files, a title,
its template, what the template gets, and its front matter.

The plan needs no MkDocs: `render.py` turns each spec into the Markdown document
MkDocs (or any other generator, see `export`) reads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import exports
from ..content.base import Entry
from ..content.fields import collation, identity
from ..content.kind import Kind
from ..content.portal import Portal
from ..content.registry import KINDS
from ..findings import Findings
from ..index import Index
from . import catalogue
from .report import REPORT_PAGE, LeadText, contents, has_content, has_lessons

FINDINGS_PAGE = "findings.md"

HOME_PAGE = "index.md"

# The site's folders of generated pages besides each kind's: a hand-written page may not go there.
OWN_FOLDERS = ("cities", "tags", "catalogue", "exports")

# Listings, the catalogue and the findings repeat what search already finds on each
# entry's own page; left out of the index, they cost the build nothing to index.
NOT_SEARCHED: dict[str, Any] = {"search": {"exclude": True}}
# The catalogue's facets want the page's full width.
CATALOGUE_META: dict[str, Any] = {**NOT_SEARCHED, "hide": ["navigation", "toc"]}


def listing_pages(kinds: Sequence[Kind] = KINDS) -> frozenset[str]:
    """Generated pages that are listed in the navigation when mkdocs.yml has none."""
    return frozenset({HOME_PAGE, *(kind.listing_page for kind in kinds), "cities/index.md", "tags/index.md",
                      "catalogue/index.md", FINDINGS_PAGE, "exports/index.md", REPORT_PAGE})


LISTING_PAGES = listing_pages()


@dataclass(frozen=True)
class PageSpec:
    """A generated page: where it lives, its title, its template and what the template gets.

    An entry's page (`entry` set) is its template's frame around the entry's rendered body;
    any other page is its template's output. `meta` goes into the document's front matter.
    """

    src_uri: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict, repr=False)
    meta: dict[str, Any] = field(default_factory=dict, repr=False)
    entry: Entry | None = field(default=None, repr=False)
    in_nav: bool = False  # listings may appear in the navigation; single entries are reached through them
    markers: str | None = None  # Markdown with findings markers, whose blocks the document holds
    # Markdown the document holds where its template prints each slot, in this order (the report's).
    slots: dict[str, str] = field(default_factory=dict, repr=False)


def plan(portal: Portal, index: Index, findings: Findings, findings_page: bool = True,
         home_page: bool = False, gettext: Callable[[str], str] = identity,
         report: tuple[LeadText | None, Callable[[Entry], Any]] | None = None) -> dict[str, PageSpec]:
    """Every generated page of the portal, keyed by its place among the site's files.

    `findings_page` is False when the site has its own `findings.md`, whose markers get the blocks;
    `home_page` is True when it has no home page of its own (a new portal would answer 404).
    `gettext` translates the titles into the portal's language. `report`, the lead expert's text
    (or None) and what draws a visit's body as a chapter, asks for the network report.
    """
    specs = [*_entries(portal), *_listings(index, gettext), *_cities(portal, gettext), *_tags(portal, index, gettext),
             _catalogue(portal, gettext), _exports(portal, gettext)]
    if home_page:
        specs.append(PageSpec(HOME_PAGE, portal.network.name, "home.html", {"portal": portal}, NOT_SEARCHED,
                              in_nav=True))
    if findings_page:
        from .blocks import default_page

        # A portal of sessions alone gets no empty visit tables, one of visits alone no lessons block.
        lessons = has_lessons(portal)
        chapters = any(portal.of(kind.name) for kind in portal.kinds if kind.chapter)
        markers = default_page(visits=chapters or not lessons, sessions=lessons, gettext=gettext)
        specs.append(PageSpec(FINDINGS_PAGE, gettext("Findings"), "", {}, NOT_SEARCHED, in_nav=True, markers=markers))
    if report is not None and (has_content(portal) or report[0] is not None):
        specs.append(_report(portal, index, gettext, *report))
    return {spec.src_uri: spec for spec in specs}


def default_nav(specs: Mapping[str, PageSpec], kinds: Sequence[Kind], authored: Sequence[str]) -> list[Any]:
    """The menu of a portal whose mkdocs.yml has no `nav`: flat, in the order visitors look for
    things (home, catalogue, the kinds that have entries, cities, tags, findings, report, data), then
    the hand-written pages, a folder of them as a section.

    MkDocs' own menu would make each folder of generated pages a section of one page (Catalogue ›,
    Practices › ...), odd to use, and draw every section into each of thousands of pages."""
    listings = [kind.listing_page for kind in kinds if kind.listing_page in specs and specs[kind.listing_page].in_nav]
    order = [HOME_PAGE, "catalogue/index.md", *listings, "cities/index.md", "tags/index.md", FINDINGS_PAGE,
             REPORT_PAGE, "exports/index.md"]
    own = set(authored)
    # Pages only: each is named by its own title, which its front matter holds as text (a title given
    # here would go into every page's menu as it is, markup and all).
    nav: list[Any] = [page for page in order if page in specs or page in own]
    placed = set(order) | {"README.md"}
    folders: dict[str, list[str]] = {}
    for page in sorted(own - placed, key=_menu_order):
        folder, _, _ = page.rpartition("/")
        if folder:
            folders.setdefault(folder, []).append(page)
            if len(folders[folder]) == 1:
                nav.append({folder.split("/")[-1].replace("-", " ").replace("_", " ").capitalize(): folders[folder]})
        else:
            nav.append(page)
    return nav


def _menu_order(page: str) -> tuple[str, bool, str]:
    """As MkDocs orders a folder's pages: by folder, its index first, then by name."""
    folder, _, name = page.rpartition("/")
    return folder, name not in ("index.md", "README.md"), name


def _report(portal: Portal, index: Index, gettext: Callable[[str], str], lead: LeadText | None,
            chapter: Callable[[Entry], Any]) -> PageSpec:
    sessions = has_lessons(portal)
    # The lead expert's text where it has some; the generated introduction or figures where it has none.
    slots = {}
    if lead is not None and lead.intro.strip():
        slots["intro"] = lead.intro
    if lead is not None and lead.conclusions is not None and lead.conclusions[1].strip():
        slots["conclusions"] = lead.conclusions[1]
    closing = lead.conclusions[0] if lead is not None and lead.conclusions is not None else None
    context = {"visits": index.schedule, "chapter": chapter, "lead": lead, "sessions": sessions,
               "contents": contents(index.schedule, sessions, gettext, closing)}
    # Search finds each visit on its own page; the report repeats them.
    return PageSpec(REPORT_PAGE, (lead.title if lead else None) or gettext("Network report"), "report.html",
                    context, NOT_SEARCHED, in_nav=True, slots=slots)


def _exports(portal: Portal, gettext: Callable[[str], str]) -> PageSpec:
    return PageSpec("exports/index.md", gettext("Data exports"), "exports.html",
                    {"exports": exports.catalogue(portal.kinds, gettext,
                                                  {kind.name: len(portal.of(kind.name)) for kind in portal.kinds})},
                    NOT_SEARCHED, in_nav=True)


def _entries(portal: Portal) -> list[PageSpec]:
    # An entry's page is its kind's template around its body; search indexes the summary and
    # the body, not the facts and lists of other entries the template adds.
    return [PageSpec(entry.src_uri, entry.title, kind.template, {kind.context: entry, "entry": entry, "kind": kind},
                     entry=entry)
            for kind in portal.kinds for entry in portal.of(kind.name).values()]


def _listings(index: Index, gettext: Callable[[str], str]) -> list[PageSpec]:
    specs = []
    for kind in index.portal.kinds:
        # Each set of translations once, as the findings count it; its line links the other versions.
        entries = [entry for entry in index.portal.of(kind.name).values() if index.counted(entry)]
        if kind.order is not None:
            entries.sort(key=kind.order)
        # A kind without entries keeps its (empty) listing, out of the menu.
        specs.append(PageSpec(kind.listing_page, gettext(kind.plural), kind.listing,
                              {"entries": tuple(entries), "kind": kind}, NOT_SEARCHED, in_nav=bool(entries)))
    return specs


def _cities(portal: Portal, gettext: Callable[[str], str]) -> list[PageSpec]:
    cities = sorted(portal.network.cities.values(), key=lambda c: (collation(c.name), c.id))
    specs = [PageSpec("cities/index.md", gettext("Cities"), "cities.html", {"city_list": cities}, in_nav=True)]
    specs += [PageSpec(f"cities/{city.id}.md", city.name, "city.html", {"city": city}) for city in cities]
    return specs


def _tags(portal: Portal, index: Index, gettext: Callable[[str], str]) -> list[PageSpec]:
    tag_list = sorted(portal.tags.values(), key=lambda t: (collation(t.label), t.slug))
    specs = [PageSpec("tags/index.md", gettext("Tags"), "tags.html", {"tag_list": tag_list}, in_nav=True)]
    for tag in tag_list:
        entries = index.by_tag.get(tag.slug, ())
        # Search finds the entries themselves: a tag's page, a list of them, is left out.
        specs.append(PageSpec(f"tags/{tag.slug}.md", tag.label, "tag.html",
                              {"tag": tag, "entries": entries, "groups": _groups(portal.kinds, entries)},
                              NOT_SEARCHED))
    return specs


def _groups(kinds: Sequence[Kind], entries: Sequence[Entry]) -> list[tuple[Kind, tuple[Entry, ...]]]:
    """Entries by kind, each kind's in the order of its listing."""
    groups = []
    for kind in kinds:
        these = [e for e in entries if e.kind == kind.name]
        if kind.order is not None:
            these.sort(key=kind.order)
        groups.append((kind, tuple(these)))
    return groups


def _catalogue(portal: Portal, gettext: Callable[[str], str]) -> PageSpec:
    return PageSpec("catalogue/index.md", gettext("Catalogue"), "catalogue.html",
                    {"catalogue": catalogue.build(portal, gettext)}, CATALOGUE_META, in_nav=True)
