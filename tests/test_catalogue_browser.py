"""The catalogue in headless Chromium: URL filters, clicks, counts, the URL after a click, no errors."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs

import pytest

from conftest import copy_portal, mkdocs, serve
from practice_exchange.content import Sources, load
from practice_exchange.content.base import Entry
from practice_exchange.content.portal import Portal


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Portal, Path]:
    root = copy_portal(tmp_path_factory.mktemp("catalogue"))
    assert mkdocs(root, "build", "--strict").returncode == 0
    portal, _ = load(Sources(root))
    assert portal is not None
    return portal, root / "site"


@pytest.fixture(scope="module")
def base_url(built: tuple[Portal, Path]) -> Iterator[str]:
    with serve(built[1]) as url:
        yield url


@pytest.fixture
def page(browser, base_url: str):  # type: ignore[no-untyped-def]
    context = browser.new_context()
    tab = context.new_page()
    tab.errors = []  # type: ignore[attr-defined]
    tab.foreign = []  # type: ignore[attr-defined]
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.on("console", lambda msg: tab.errors.append(msg.text) if msg.type == "error" else None)
    tab.on("request", lambda request: None if request.url.startswith(base_url) else tab.foreign.append(request.url))
    yield tab
    assert tab.errors == [], "JavaScript errors on the page"
    assert tab.foreign == [], "the catalogue must make no request outside the site"
    context.close()


def facets_of(portal: Portal, entry: Entry) -> dict[str, set[str]]:
    """An entry's facet values, worked out here from the content model (the test's own oracle)."""
    kind = entry.kind
    if kind == "visit":
        cities = {entry.visitor, entry.host}  # type: ignore[attr-defined]
    elif kind == "practice":
        cities = {entry.city}  # type: ignore[attr-defined]
    else:
        cities = set()
    return {
        "kind": {kind},
        "tag": set(entry.tags),
        "city": cities,
        "country": {portal.network.cities[c].country for c in cities},
        "difficulty": {entry.difficulty} if kind == "toolkit" else set(),  # type: ignore[attr-defined]
    }


def expected(portal: Portal, query: dict[str, list[str]]) -> list[str]:
    """Titles the content model says a query selects: tags AND, values of another facet OR, facets AND."""
    titles = []
    for entry in portal.entries():
        values = facets_of(portal, entry)
        ok = set(query.get("tag", [])) <= values["tag"] and all(
            not query.get(f) or values[f] & set(query[f]) for f in ("kind", "city", "country", "difficulty"))
        if ok:
            titles.append(entry.title)
    return sorted(titles)


def visible_titles(page) -> list[str]:  # type: ignore[no-untyped-def]
    return sorted(page.locator("ol.px-results > li:visible > a").all_inner_texts())


def query_of(page) -> str:  # type: ignore[no-untyped-def]
    """The query string as the page has it now (history.replaceState is not a navigation)."""
    return page.evaluate("window.location.search.slice(1)")


def count_of(page, facet: str, value: str) -> int:  # type: ignore[no-untyped-def]
    label = page.locator(f"fieldset[data-facet={facet}] label").filter(has=page.locator(f"input[value='{value}']"))
    return int(label.locator(".px-count").inner_text())


QUERIES = [
    "tag=parents",
    "tag=parents&tag=language",
    "city=lyon&city=usti",
    "kind=practice&city=oslo",
    "country=NO",
    "difficulty=medium",
    "kind=visit&kind=toolkit&tag=parents",
    "tag=language&country=CZ&country=FR",
    "city=bergen",
    "tag=no-such-tag",
    "city=atlantis&kind=practice",
    "tag=constructor",  # a name every object has: a value like any other (a hostile review)
    "tag=&kind=visit",  # nothing asked for
]


@pytest.mark.parametrize("query", QUERIES)
def test_url_opens_the_filtered_view(page, base_url: str, built: tuple[Portal, Path], query: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}catalogue/?{query}")
    titles = expected(built[0], parse_qs(query))
    assert visible_titles(page) == titles
    total = len(list(built[0].entries()))
    status = f"{total} entries" if len(titles) == total else f"{len(titles)} of {total} entries"
    # The filters on, by their names as the panel shows them (folded away on a phone: an accessibility review).
    on = [" ".join(label.inner_text().split()[:-1])
          for label in page.locator("form.px-facets label:has(input:checked)").all()]
    if on:
        status += " · " + ", ".join(on)
    # A value no entry has is named, rather than an empty list left unexplained (a new user's review).
    asked = [f"“{value}”" for value in parse_qs(query).get("tag", []) + parse_qs(query).get("city", [])
             if value in ("no-such-tag", "atlantis", "constructor")]
    if asked:
        status += f"; no entry has {', '.join(asked)}, which the address asks for"
    assert page.locator(".px-status").inner_text() == status
    checked = sorted(
        f"{b.get_attribute('name')}={b.get_attribute('value')}"
        for b in page.locator("form.px-facets input:checked").all()
    )
    assert checked == sorted(q for q in query.split("&")
                             if "no-such" not in q and "atlantis" not in q and "constructor" not in q and q != "tag=")


def test_a_value_typed_into_the_address_as_people_write_it_is_ticked(page, base_url: str,  # type: ignore[no-untyped-def]
                                                                     built: tuple[Portal, Path]) -> None:
    """`?tag=Language learning` (the label) or `?city=LYON` listed nothing, with no box ticked (a new user's review)."""
    page.goto(f"{base_url}catalogue/?tag=Language%20learning&city=LYON")
    assert visible_titles(page) == expected(built[0], {"tag": ["language"], "city": ["lyon"]})
    assert sorted(f"{b.get_attribute('name')}={b.get_attribute('value')}"
                  for b in page.locator("form.px-facets input:checked").all()) == ["city=lyon", "tag=language"]
    assert "no entry has" not in page.locator(".px-status").inner_text()


def test_an_address_of_many_or_long_unknown_values_is_said_in_short(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    """Anyone may write the address: the page names at most three values, each cut at 40 characters."""
    long = "x" * 60
    page.goto(f"{base_url}catalogue/?tag={long}&tag=b&city=c&city=d")
    status = page.locator(".px-status").inner_text()
    assert status.endswith(f"; no entry has “{'x' * 39}…”, “b”, “c”, …, which the address asks for"), status


def test_clicks_filter_and_update_the_url(page, base_url: str, built: tuple[Portal, Path]) -> None:  # type: ignore[no-untyped-def]
    portal = built[0]
    page.goto(f"{base_url}catalogue/")
    assert len(visible_titles(page)) == len(list(portal.entries()))
    page.get_by_label("Good practice").check()
    assert query_of(page) == "kind=practice"
    assert visible_titles(page) == expected(portal, {"kind": ["practice"]})
    page.get_by_label("Parental involvement").check()
    assert parse_qs(query_of(page)) == {"kind": ["practice"], "tag": ["parents"]}
    assert visible_titles(page) == expected(portal, {"kind": ["practice"], "tag": ["parents"]})
    page.get_by_label("Good practice").uncheck()
    assert query_of(page) == "tag=parents"
    page.get_by_role("button", name="Clear all filters").click()
    page.wait_for_function("!window.location.search")
    assert len(visible_titles(page)) == len(list(portal.entries()))
    assert page.locator("form.px-facets input:checked").count() == 0


def test_counts_say_what_each_value_would_show(page, base_url: str, built: tuple[Portal, Path]) -> None:  # type: ignore[no-untyped-def]
    portal = built[0]
    for query in ("", "kind=practice", "tag=parents", "city=lyon&tag=language"):
        page.goto(f"{base_url}catalogue/?{query}")
        current = parse_qs(query)
        for facet, values in (("kind", ["practice", "visit", "toolkit"]), ("tag", ["parents", "language", "on"]),
                              ("city", ["lyon", "oslo", "usti"]), ("country", ["FR", "NO", "CZ"])):
            for value in values:
                if facet == "tag":
                    with_value = {**current, "tag": sorted({*current.get("tag", []), value})}
                else:
                    with_value = {**current, facet: [value]}
                assert count_of(page, facet, value) == len(expected(portal, with_value)), (query, facet, value)


def test_keyboard_toggles_a_facet(page, base_url: str, built: tuple[Portal, Path]) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base_url}catalogue/")
    box = page.get_by_label("Toolkit card")
    box.focus()
    page.keyboard.press("Space")
    assert query_of(page) == "kind=toolkit"
    assert visible_titles(page) == expected(built[0], {"kind": ["toolkit"]})


def test_without_javascript_every_entry_is_listed(browser, base_url: str, built: tuple[Portal, Path]) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{base_url}catalogue/?tag=parents")
    assert visible_titles(page) == sorted(e.title for e in built[0].entries())
    assert not page.locator("form.px-facets").is_visible()
    context.close()


def test_every_combination_of_two_values_matches_the_model(page, base_url: str, built: tuple[Portal, Path]) -> None:  # type: ignore[no-untyped-def]
    portal = built[0]
    values = [("kind", "practice"), ("kind", "visit"), ("tag", "parents"), ("tag", "language"), ("city", "oslo"),
              ("city", "lyon"), ("country", "CZ"), ("difficulty", "medium")]
    page.goto(f"{base_url}catalogue/")
    for (f1, v1), (f2, v2) in itertools.combinations(values, 2):
        page.get_by_role("button", name="Clear all filters").click()
        page.wait_for_function("!window.location.search")
        for facet, value in ((f1, v1), (f2, v2)):
            page.locator(f"fieldset[data-facet={facet}] input[value='{value}']").check()
        query: dict[str, list[str]] = {}
        for facet, value in ((f1, v1), (f2, v2)):
            query.setdefault(facet, []).append(value)
        assert visible_titles(page) == expected(portal, query), query
        assert {k: sorted(v) for k, v in parse_qs(query_of(page)).items()} == \
            {k: sorted(v) for k, v in query.items()}


def test_long_lists_are_shown_a_page_at_a_time(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from conftest import serve

    root = copy_portal(tmp_path)
    for i in range(150):
        (root / "practices" / f"extra-{i:03d}.md").write_text(
            f"---\ntitle: Extra {i:03d}\ncity: {'lyon' if i % 2 else 'oslo'}\n"
            f"summary: Number {i}.\ntags: [language]\n---\n",
            encoding="utf-8")
    assert mkdocs(root, "build", "--strict").returncode == 0
    with serve(root / "site") as base:
        page = browser.new_page()
        page.goto(base + "catalogue/")
        assert page.locator("ol.px-results > li:visible").count() == 100
        # Only the listed entries stay in the document: hidden ones would slow every facet down.
        assert page.locator("ol.px-results > li").count() == 100
        assert page.locator(".px-status").inner_text() == "156 entries, the first 100 listed"
        page.get_by_role("button", name="Show 56 more").click()
        assert page.locator("ol.px-results > li:visible").count() == 156
        page.get_by_label("Oslo").check()
        assert page.locator("ol.px-results > li:visible").count() == 77
        assert page.locator("ol.px-results > li").count() == 77
        assert page.locator(".px-status").inner_text() == "77 of 156 entries · Oslo"
        page.close()
        plain = browser.new_context(java_script_enabled=False)
        assert plain.new_page().goto(base + "catalogue/") is not None
        tab = plain.pages[0]
        assert tab.locator("ol.px-results > li:visible").count() == 156
        plain.close()
