"""On the example portal, every city page, tag page and backlink list shows exactly the right entries.

Expectations are worked out here from the content files, independently of the plugin's index.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from practice_exchange.content.portal import Portal


@pytest.fixture(scope="module")
def example(example_portal: Portal, example_site: Path) -> tuple[Portal, Path]:
    return example_portal, example_site


def article(site: Path, path: str) -> BeautifulSoup:
    soup = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    content = soup.select_one("article.md-content__inner")
    content["data-path"] = path
    return content


def target(content: BeautifulSoup, href: str) -> str:
    """The page a relative link leads to, as `kind/slug`."""
    return urljoin(f"/{content['data-path']}/", href).strip("/")


def linked_under(content: BeautifulSoup, heading_id: str) -> list[str]:
    """The entry pages linked from the list right after a heading, as `kind/slug`."""
    anchor = content.find(id=heading_id)  # the heading's anchor, an element in it (see entry-list.html)
    heading = anchor if anchor is None or anchor.name == "h2" else anchor.find_parent("h2")
    if heading is None:
        return []
    items = heading.find_next_sibling()
    if items is None or items.name != "ul":
        return []
    return sorted(target(content, li.find("a")["href"]) for li in items.find_all("li", recursive=False))


def test_city_pages(example: tuple[Portal, Path]) -> None:
    portal, site = example
    for city in portal.network.cities:
        content = article(site, f"cities/{city}")
        assert linked_under(content, "practices") == sorted(
            f"practices/{p.slug}" for p in portal.practices.values() if p.city == city)
        assert linked_under(content, "visits-made") == sorted(
            f"visits/{v.slug}" for v in portal.visits.values() if v.visitor == city)
        assert linked_under(content, "visits-received") == sorted(
            f"visits/{v.slug}" for v in portal.visits.values() if v.host == city)


def test_cities_index_counts(example: tuple[Portal, Path]) -> None:
    portal, site = example
    rows = article(site, "cities").select("tbody tr")
    assert len(rows) == len(portal.network.cities) == 9
    for row in rows:
        city = row.find("a")["href"].strip("/").split("/")[-1]
        counts = [int(td.get_text()) for td in row.select("td")[2:]]
        assert counts == [
            sum(p.city == city for p in portal.practices.values()),
            sum(v.visitor == city for v in portal.visits.values()),
            sum(v.host == city for v in portal.visits.values()),
        ], city
    munich = next(r for r in rows if "Munich" in r.get_text())
    assert [td.get_text() for td in munich.select("td")][4] == "3"


def test_tag_pages(example: tuple[Portal, Path]) -> None:
    portal, site = example
    assert portal.tags, "the example portal uses tags"
    for tag in portal.tags:
        content = article(site, f"tags/{tag}")
        for heading, entries in (("practices", portal.practices.values()), ("visits", portal.visits.values()),
                                 ("toolkit", portal.toolkit.values())):
            assert linked_under(content, heading) == sorted(
                e.src_uri[:-3] for e in entries if tag in e.tags
            ), (tag, heading)


def test_tags_index_counts(example: tuple[Portal, Path]) -> None:
    portal, site = example
    rows = article(site, "tags").select("tbody tr")
    assert len(rows) == len(portal.tags)
    for row in rows:
        tag = row.find("a")["href"].strip("/").split("/")[-1]
        counts = [int(td.get_text()) for td in row.select("td")[1:]]
        # A column for each kind the portal holds: none of 0s for one it has no entry of (sessions here).
        per_kind = [sum(tag in e.tags for e in kind.values()) for kind in portal.by_kind.values() if kind]
        assert counts == [*per_kind, sum(per_kind)], tag


def test_practice_backlinks(example: tuple[Portal, Path]) -> None:
    portal, site = example
    for practice in portal.practices.values():
        content = article(site, f"practices/{practice.slug}")
        assert linked_under(content, "visits-that-saw-it") == sorted(
            f"visits/{v.slug}" for v in portal.visits.values() if practice.slug in v.practices)
        related = {o.slug for o in portal.practices.values() if practice.slug in o.related} | set(practice.related)
        assert linked_under(content, "related-practices") == sorted(f"practices/{s}" for s in related)
        assert linked_under(content, "toolkit-cards") == sorted(
            f"toolkit/{c.slug}" for c in portal.toolkit.values() if practice.slug in c.practices)


def test_toolkit_cards_list_their_practices(example: tuple[Portal, Path]) -> None:
    portal, site = example
    for card in portal.toolkit.values():
        assert linked_under(article(site, f"toolkit/{card.slug}"), "practices") == sorted(
            f"practices/{s}" for s in card.practices)


def test_visit_links(example: tuple[Portal, Path]) -> None:
    portal, site = example
    schedule = sorted(portal.visits.values(), key=lambda v: (v.start, v.slug))
    for at, visit in enumerate(schedule):
        content = article(site, f"visits/{visit.slug}")
        facts = content.select_one("dl.px-facts")
        hrefs = [a["href"] for a in facts.select("a")]
        assert hrefs[:2] == [f"../../cities/{visit.visitor}/", f"../../cities/{visit.host}/"]
        assert hrefs[2:] == [f"../../practices/{s}/" for s in visit.practices]
        previous = content.select_one(".px-neighbours__prev")
        following = content.select_one(".px-neighbours__next")
        assert (previous["href"] if previous else None) == (f"../{schedule[at - 1].slug}/" if at else None)
        assert (following["href"] if following else None) == (
            f"../{schedule[at + 1].slug}/" if at + 1 < len(schedule) else None)
        chips = [a["href"] for a in content.select(".px-tags a.md-tag")]
        assert chips == [f"../../tags/{t}/" for t in visit.tags]


def test_catalogue_lists_every_entry_without_javascript(example: tuple[Portal, Path]) -> None:
    portal, site = example
    content = article(site, "catalogue")
    listed = sorted(target(content, a["href"]) for a in content.select("ol.px-results > li > a"))
    assert listed == sorted(e.src_uri[:-3] for e in portal.entries())
    # The filters, which need the script, are hidden until it runs.
    assert content.select_one("details.px-filters").has_attr("hidden")
    assert content.select_one("details.px-filters form.px-facets") is not None


def test_search_finds_generated_pages_by_title_summary_and_findings(example: tuple[Portal, Path]) -> None:
    import json

    portal, site = example
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    by_location: dict[str, str] = {}
    for doc in docs:
        page = doc["location"].split("#")[0]
        by_location[page] = by_location.get(page, "") + " " + doc["title"] + " " + doc["text"]
    kaap = portal.practices["kaap"]
    assert kaap.summary in by_location["practices/kaap/"]
    visit = portal.visits["2014-01-tallinn-munich"]
    finding = visit.section_findings("transferable")[0].text.split("\n")[0]
    assert finding.split(" ")[0] in by_location["visits/2014-01-tallinn-munich/"]
    assert any(doc["title"] == "Munich" and doc["location"] == "cities/munich/" for doc in docs)
    assert not any(doc["location"].startswith("catalogue/") for doc in docs)
