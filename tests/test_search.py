"""The header's search, with each value of the option `search`: which one a portal gets, what
Pagefind indexes (each page's own words, the entries' facets as filters, no listing), and both in
headless Chromium on the example portal: a query, a filter, a result opened."""

from __future__ import annotations

import gzip
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, assert_identical_sites, mkdocs, serve
from practice_exchange import search
from practice_exchange.content.portal import Portal

PARTS = ("mkdocs.yml", "network.yml", "docs", "practices", "visits", "toolkit")


def example(root: Path, options: str = "", plugins: str | None = None) -> Path:
    """A copy of the example portal with `options` under practice-exchange (or `plugins` in place of
    the whole list)."""
    root.mkdir(parents=True)
    for part in PARTS:
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / part)
    config = (root / "mkdocs.yml").read_text("utf-8")
    assert "plugins:\n  - search\n  - practice-exchange\n" in config
    if plugins is not None:
        config = config.replace("plugins:\n  - search\n  - practice-exchange\n", plugins)
    elif options:
        config = config.replace("  - practice-exchange\n", "  - practice-exchange:\n" + options)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


def build(root: Path) -> Path:
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"


def fragments(site: Path) -> dict[str, dict[str, Any]]:
    """What Pagefind stored of each page it indexed, by address (its fragments: gzipped JSON after a signature)."""
    found = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd")
        page = json.loads(data[len(b"pagefind_dcd"):])
        found[page["url"]] = page
    return found


@pytest.fixture(scope="module")
def pagefind_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(example(tmp_path_factory.mktemp("pagefind") / "portal", "      search: pagefind\n"))


@pytest.mark.parametrize(("option", "entries", "offline", "installed", "chosen"), [
    ("auto", 40, False, True, "material"),
    ("auto", search.PAGEFIND_ENTRIES, False, True, "material"),
    ("auto", search.PAGEFIND_ENTRIES + 1, False, True, "pagefind"),
    ("auto", 20_000, True, True, "material"),  # opened from files: Pagefind cannot fetch its index
    ("auto", 20_000, False, False, "material"),
    ("material", 20_000, False, True, "material"),
    ("pagefind", 3, False, True, "pagefind"),
])
def test_the_search_is_chosen_by_the_option_and_the_portals_size(
        option: str, entries: int, offline: bool, installed: bool, chosen: str) -> None:
    mode, why = search.choose(option, entries, offline=offline, installed=installed)
    assert mode == chosen
    assert why


def test_the_example_keeps_materials_search(example_site: Path) -> None:
    """40-odd entries: `auto` keeps Material's search, and nothing of Pagefind's is published."""
    assert (example_site / "search" / "search_index.json").is_file()
    assert not (example_site / "pagefind").exists()
    page = (example_site / "practices" / "kaap" / "index.html").read_text("utf-8")
    assert 'data-md-component="search"' in page
    assert "search.js" not in page and "data-pagefind-filter" not in page


def test_pagefind_indexes_each_pages_own_words_and_no_listing(pagefind_site: Path, example_portal: Portal) -> None:
    pages = fragments(pagefind_site)
    entries = {f"/{entry.src_uri[:-3]}/": entry for entry in example_portal.entries()}
    assert set(entries) <= set(pages)
    # Listings, a tag's page, the catalogue, the report and the data repeat the entries: left out.
    for listing in ("/practices/", "/visits/", "/toolkit/", "/catalogue/", "/report/", "/exports/",
                    "/tags/parental-involvement/"):
        assert listing not in pages
    # The lead expert's findings text is searched, without the blocks of figures in it.
    assert "Findings of the bilateral visits" in pages["/findings/"]["content"]
    assert "Most visited hosts" not in pages["/findings/"]["content"]
    # Hand-written pages (the home page among them) and the cities' are searched.
    assert {"/", "/about/", "/cities/nantes/"} <= set(pages)
    for url, entry in entries.items():
        content = pages[url]["content"]
        assert pages[url]["meta"]["title"] == entry.title
        # The lists of other entries around an entry (its facts, backlinks, neighbours) are not its words.
        for other in ("Visits that saw it", "Toolkit cards", "Neighbouring visits", "Edit this page"):
            assert other not in content, (url, other)
    kaap = pages["/practices/kaap/"]["content"]
    assert entries["/practices/kaap/"].summary in kaap  # type: ignore[attr-defined]
    assert "Dutch" in kaap
    assert not (pagefind_site / "search" / "search_index.json").exists()  # Material's index is not made
    assert not (pagefind_site / "pagefind" / "pagefind-ui.js").exists()  # nor Pagefind's unused interface


def test_every_entry_carries_its_facets_as_search_filters(pagefind_site: Path, example_portal: Portal) -> None:
    """By the values' names, which Pagefind matches whatever the labels hold; the box shows the labels."""
    pages = fragments(pagefind_site)
    for entry in example_portal.entries():
        filters = pages[f"/{entry.src_uri[:-3]}/"]["filters"]
        assert filters["kind"] == [entry.kind]
        assert sorted(filters.get("tag", [])) == sorted(entry.tags)
        cities = {"practice": [getattr(entry, "city", None)],
                  "visit": [getattr(entry, "visitor", None), getattr(entry, "host", None)]}.get(entry.kind, [])
        assert sorted(filters.get("city", [])) == sorted(cities)
        if entry.kind == "toolkit":
            assert filters["difficulty"] == [entry.difficulty]  # type: ignore[attr-defined]


def test_the_pagefind_box_replaces_materials_and_loads_nothing_of_its_own(pagefind_site: Path) -> None:
    page = BeautifulSoup((pagefind_site / "visits" / "index.html").read_text("utf-8"), "html.parser")
    box = page.select_one(".md-search.px-search")
    assert box is not None and box.get("data-px-bundle") == "../pagefind/"
    # Material's script looks for these to load its index: absent, it loads none.
    assert page.select('[data-md-component="search"]') == [] and page.find("form", attrs={"name": "search"}) is None
    texts = json.loads(str(box["data-px-texts"]))
    assert texts["any"] == "Any"
    # The filters it offers, with the number of entries carrying each value, as the catalogue counts them.
    assert box.get("data-px-facets") == "../assets/practice-exchange/search-facets.json"
    facets = json.loads((pagefind_site / "assets" / "practice-exchange" / "search-facets.json").read_text("utf-8"))
    assert [(facet["name"], facet["label"]) for facet in facets][:3] == [("kind", "Kind"), ("tag", "Tags"),
                                                                          ("city", "City")]
    kinds = {name: (label, count) for name, label, count in facets[0]["values"]}
    assert kinds == {"practice": ("Good practice", len(list((REPO / "practices").glob("*.md")))),
                     "visit": ("Visit", len(list((REPO / "visits").glob("*.md")))),
                     "toolkit": ("Toolkit card", len(list((REPO / "toolkit").glob("*.md"))))}
    assert any(str(s.get("src", "")).endswith("assets/practice-exchange/search.js") for s in page.find_all("script"))


def test_a_pagefind_build_is_byte_identical_when_repeated(pagefind_site: Path, tmp_path: Path) -> None:
    again = build(example(tmp_path / "again", "      search: pagefind\n"))
    assert "pagefind/pagefind-entry.json" in assert_identical_sites(pagefind_site, again)


def test_auto_takes_pagefind_above_the_threshold(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Built in this process with the threshold lowered: the same choice a portal of 501 entries gets."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.config.defaults import MkDocsConfig

    root = example(tmp_path / "portal")
    monkeypatch.setattr(search, "PAGEFIND_ENTRIES", 10)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    # A fresh plugin, as `mkdocs build` has: MkDocs keeps one in this process from earlier builds.
    dict(MkDocsConfig._schema)["plugins"].plugin_cache.clear()  # type: ignore[attr-defined]
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    mkdocs_build(config)
    assert (root / "site" / "pagefind" / "pagefind-entry.json").is_file()
    assert not (root / "site" / "search" / "search_index.json").exists()


def test_pagefind_without_the_search_plugin_says_what_to_add(tmp_path: Path) -> None:
    root = example(tmp_path / "portal", plugins="plugins:\n  - practice-exchange:\n      search: pagefind\n")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 1
    assert "`search: pagefind` needs the search box that Material's `search` plugin draws" in result.stderr
    assert "add `- search` to `plugins`" in result.stderr


def test_a_hand_written_page_left_out_of_search_is_not_indexed(tmp_path: Path) -> None:
    root = example(tmp_path / "portal", "      search: pagefind\n")
    about = root / "docs" / "about.md"
    about.write_text("---\nsearch:\n  exclude: true\n---\n\n" + about.read_text("utf-8"), encoding="utf-8")
    (root / "docs" / "odd.md").write_text("---\nsearch: 5\n---\n\n# Odd\n\nAn odd setting.\n", encoding="utf-8")
    (root / "docs" / "quoted.md").write_text("---\nsearch:\n  exclude: \"true\"\n---\n\n# Quoted\n\nText.\n", "utf-8")
    pages = fragments(build(root))
    assert "/about/" not in pages and "/odd/" in pages
    assert "/quoted/" not in pages  # any true value leaves it out, as in Material's search


def test_a_file_where_pagefind_writes_its_index_is_refused(tmp_path: Path) -> None:
    root = example(tmp_path / "portal", "      search: pagefind\n")
    (root / "docs" / "pagefind").mkdir()
    (root / "docs" / "pagefind" / "pagefind.js").write_text("alert(1)\n", encoding="utf-8")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 1
    assert "docs/pagefind/pagefind.js" in result.stderr
    assert "holds the search index that Pagefind writes" in result.stderr
    assert not (root / "site" / "pagefind").exists()


def test_indexing_in_the_background_yields_and_a_stop_leaves_nothing_behind(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under `mkdocs serve` (a `stop` given) Pagefind runs niced, and once stopped, its scratch copy
    of the site is left for later (the next rebuild's background work): gone once `discarded`
    returns, the site untouched. Not stopped, it is removed at once."""
    import threading

    from practice_exchange.preview import discarded

    site = tmp_path / "site"
    for name in ("a", "b"):
        (site / name).mkdir(parents=True)
        (site / name / "index.html").write_text("<html><body>page</body></html>", "utf-8")
    commands: list[list[str]] = []

    def stopped_while_running(command: list[str], stop: threading.Event | None) -> tuple[int, str]:
        commands.append(command)
        if len(commands) == 1 and stop is not None:  # the first run is stopped; the others fail
            stop.set()
            raise search.Stopped
        return 1, "boom"

    monkeypatch.setattr(search, "_run", stopped_while_running)
    with pytest.raises(search.Stopped):
        search.index(site, ["a/index.html", "b/index.html"], threading.Event())
    assert len([path for path in tmp_path.iterdir() if path.name.startswith(".px-search-")]) == 1
    discarded()
    assert [path.name for path in tmp_path.iterdir()] == ["site"]
    assert not (site / "pagefind").exists()
    with pytest.raises(search.SearchError, match="boom"):
        search.index(site, ["a/index.html"], threading.Event())  # failed, not stopped: removed now
    assert [path.name for path in tmp_path.iterdir()] == ["site"]
    with pytest.raises(search.SearchError, match="boom"):
        search.index(site, ["a/index.html"])  # a build: in the foreground, not niced
    assert [path.name for path in tmp_path.iterdir()] == ["site"]
    nice = shutil.which("nice")
    if nice is not None:
        assert commands[0][:3] == commands[1][:3] == [nice, "-n", "10"]
    assert commands[2][0] != nice and Path(commands[2][0]).name.startswith("pagefind")


def test_pagefind_ended_by_a_signal_is_a_stop_in_the_background_and_a_failure_in_a_build() -> None:
    """Ctrl-C under `mkdocs serve` reaches Pagefind with the server: no error for what the server's end
    stopped. A build whose Pagefind is killed fails."""
    import sys
    import threading

    killed = [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGTERM)"]
    with pytest.raises(search.Stopped):
        search._run(killed, threading.Event())
    code, _ = search._run(killed, None)
    assert code < 0


# In the browser, with each option.

HOSTILE = """---
title: "<img src=x onerror=window.pwned=1> Zebrafinch club"
city: nantes
summary: "Zebrafinch <script>window.pwned=2</script> summary."
tags: [parental-involvement]
---

A zebrafinch &lt;img src=x onerror="window.pwned=3"&gt; text, and `<b onmouseover=window.pwned=4>code</b>`.
"""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = example(tmp_path_factory.mktemp("hostile") / "portal", "      search: pagefind\n")
    (root / "practices" / "zebrafinch.md").write_text(HOSTILE, encoding="utf-8")
    network = root / "network.yml"
    network.write_text(network.read_text("utf-8").replace("name: Nantes", "name: 'Nan\"tes <b>x</b>'"), "utf-8")
    return build(root)


@pytest.fixture
def tab(browser: Any) -> Iterator[Any]:
    context = browser.new_context()
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda msg: page.errors.append(msg.text) if msg.type == "error" else None)
    yield page
    assert page.errors == [], "JavaScript errors on the page"
    context.close()


def test_pagefind_search_a_query_a_filter_and_a_result_opened(tab: Any, pagefind_site: Path) -> None:
    with serve(pagefind_site) as base:
        asked: list[str] = []
        tab.on("request", lambda request: asked.append(request.url))
        tab.goto(base + "practices/kaap/")
        tab.wait_for_load_state("networkidle")
        assert [url for url in asked if "/pagefind/" in url] == []  # nothing of the index before searching
        tab.keyboard.press("/")  # the theme's shortcut opens the box
        assert tab.evaluate("document.getElementById('__search').checked")
        tab.keyboard.type("parents school")
        tab.wait_for_selector(".md-search-result__item")
        everything = tab.locator(".md-search-result__item").count()
        meta = tab.locator(".md-search-result__meta").inner_text()
        assert meta.endswith("matching documents") and int(meta.split()[0]) >= everything >= 5
        # A filter: only visits are left.
        tab.select_option("select[data-facet='kind']", "visit")
        tab.wait_for_function("() => { const links = [...document.querySelectorAll('.md-search-result__link')];"
                              " return links.length > 0"
                              " && links.every(a => new URL(a.href).pathname.startsWith('/visits/')); }")
        visits = tab.locator(".md-search-result__link").count()
        assert 0 < visits < everything
        # The arrow key reaches the first result; Enter opens it, with the words highlighted there.
        tab.locator(".md-search__input").focus()
        tab.keyboard.press("ArrowDown")
        target = tab.evaluate("document.activeElement.href")
        # Each word its own parameter: the highlighter marks a value as a whole phrase.
        assert "/visits/" in target and "pagefind-highlight=parents&pagefind-highlight=school" in target
        tab.keyboard.press("Enter")
        tab.wait_for_url(target)
        tab.wait_for_selector("article.md-content__inner mark")
        marked = {text.lower() for text in tab.locator("article.md-content__inner mark").all_inner_texts()}
        assert any(text.startswith("parent") for text in marked) and any(text.startswith("school") for text in marked)
        # Escape closes the box again.
        tab.keyboard.press("s")
        assert tab.evaluate("document.getElementById('__search').checked")
        tab.keyboard.press("Escape")
        assert not tab.evaluate("document.getElementById('__search').checked")


def search_from(tab: Any, url: str, query: str, shown: str = ".md-search-result__item") -> None:
    """Open `url`, open the header's box with its shortcut, type `query` and wait until `shown` is drawn."""
    tab.goto(url)
    tab.keyboard.press("/")
    tab.keyboard.type(query)
    tab.wait_for_selector(shown)


def test_a_pasted_query_is_searched_at_once_a_typed_one_when_the_typing_settles(
        tab: Any, pagefind_site: Path) -> None:
    """The box's clock stands still: a query typed key by key waits for the typing to settle (a
    search per key would hold the page); one pasted in whole is searched at once."""
    with serve(pagefind_site) as base:
        tab.clock.install()
        tab.goto(base + "practices/kaap/")
        tab.clock.pause_at(tab.evaluate("Date.now()") + 1000)
        tab.keyboard.press("/")
        tab.keyboard.type("parents")
        tab.wait_for_timeout(1500)  # the page's own clock, stopped, does not run: the real one does
        assert tab.locator(".md-search-result__item").count() == 0
        tab.clock.run_for(200)  # the typing settles
        tab.wait_for_selector(".md-search-result__item")
        tab.fill(".md-search__input", "")
        tab.clock.run_for(200)
        tab.wait_for_function("() => !document.querySelector('.md-search-result__item')")
        tab.evaluate("""() => {
            const input = document.querySelector('.md-search__input');
            input.value = 'Coup de Pouce';
            input.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));
        }""")
        tab.wait_for_selector(".md-search-result__item", timeout=10_000)  # no time run on the page's clock
        assert "/practices/club-coup-de-pouce/" in tab.locator(".md-search-result__link").first.get_attribute("href")
        first = tab.locator(".md-search-result__link").first
        # Pasted over a text as long: at once too. A text still composed by an input method: not yet.
        tab.evaluate("""() => {
            const input = document.querySelector('.md-search__input');
            input.value = 'Familiation';
            input.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertFromPaste'}));
        }""")
        tab.wait_for_function("() => { const a = document.querySelector('.md-search-result__link');"
                              " return a && a.href.includes('/practices/familiation/'); }", timeout=10_000)
        tab.evaluate("""() => {
            const input = document.querySelector('.md-search__input');
            input.value = 'parents caf';
            input.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertCompositionText',
                                                         isComposing: true}));
        }""")
        tab.wait_for_timeout(1500)
        assert "/practices/familiation/" in first.get_attribute("href")
        tab.clock.run_for(200)  # composed, and settled
        tab.wait_for_function("() => { const a = document.querySelector('.md-search-result__link');"
                              " return a && !a.href.includes('/practices/familiation/'); }", timeout=10_000)


def test_a_search_that_could_not_be_loaded_is_tried_again(tab: Any, pagefind_site: Path) -> None:
    """Pagefind's program failed to load once (under `mkdocs serve` its index may be being rewritten):
    the box says so, and the next query loads it again."""
    with serve(pagefind_site) as base:
        failed: list[str] = []

        def once(route: Any) -> None:
            if not failed:
                failed.append(route.request.url)
                route.abort()
            else:
                route.continue_()

        tab.route("**/pagefind/pagefind.js*", once)
        tab.goto(base + "practices/kaap/")
        tab.keyboard.press("/")
        tab.wait_for_function("() => document.querySelector('.md-search-result__meta')"
                              " .textContent.includes('could not be loaded')", timeout=10_000)
        tab.keyboard.type("parents")
        tab.wait_for_selector(".md-search-result__item", timeout=10_000)
        assert len(failed) == 1
        # The one failed load, as the browser reports it; nothing else.
        assert tab.errors == ["Failed to load resource: net::ERR_FAILED"]
        tab.errors.clear()


def test_materials_search_a_query_and_a_result_opened(tab: Any, example_site: Path) -> None:
    with serve(example_site) as base:
        search_from(tab, base + "practices/kaap/", "parents")
        link = tab.locator(".md-search-result__link").first
        target = link.get_attribute("href")
        link.click()
        tab.wait_for_url(lambda url: url.split("?")[0].split("#")[0].endswith(target.split("?")[0].split("#")[0]))


def test_materials_search_finds_words_typed_without_their_accents(tab: Any, example_site: Path) -> None:
    """As Pagefind does: `Gijon` found nothing of Gijón, `cafe` no parents' café (a practitioner's keyboard)."""
    index = json.loads((example_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["fields"][search.FOLDED] == {"boost": 1.0}
    city = next(doc for doc in index["docs"] if doc["title"] == "Gijón")
    assert "gijon" in city[search.FOLDED].split()
    with serve(example_site) as base:
        for typed, written in (("Gijon", "Gijón"), ("cafe", "Start a parents' café"), ("Usti", "Ústí nad Labem")):
            search_from(tab, base + "about/", typed)
            titles = [title.inner_text() for title in tab.locator(".md-search-result__item h1").all()]
            assert any(written in title for title in titles), (typed, titles)


def test_folded_words_are_the_accented_ones_as_typed_without_each_once() -> None:
    assert search.folded("Gijón and Łódź: Straße, straße", "GIJÓN café") == "gijon lodz strasse cafe"
    assert search.folded("Plain words only, 2024") == ""
    assert search.folded("") == ""


def test_what_an_author_wrote_stays_text_in_the_results(tab: Any, hostile_site: Path) -> None:
    with serve(hostile_site) as base:
        search_from(tab, base + "about/", "zebrafinch")
        tab.wait_for_timeout(300)
        result = tab.locator(".md-search-result__item").first
        assert "<img src=x onerror=window.pwned=1>" in result.locator("h1").inner_text()
        assert result.locator("img, script, b").count() == 0
        assert result.locator("mark").count() >= 1
        # A city whose name holds a quote and markup: its filter shows the name as text, and finds
        # every entry about the city (Pagefind matches no value holding a quote: it filters by the id).
        option = tab.locator("select[data-facet='city'] option[value='nantes']")
        assert option.inner_text().startswith('Nan"tes <b>x</b> (')
        count = int(option.inner_text().rsplit("(", 1)[1].rstrip(")"))
        assert count > 1
        tab.fill(".md-search__input", "")
        tab.select_option("select[data-facet='city']", "nantes")
        tab.wait_for_function("expected => document.querySelector('.md-search-result__meta').textContent === expected",
                              arg=f"{count} matching documents")
        assert tab.evaluate("window.pwned") is None


@pytest.mark.parametrize("option", ["material", "pagefind"])
def test_the_open_search_box_passes_axe(tab: Any, option: str, request: pytest.FixtureRequest) -> None:
    """WCAG 2.1 AA on a page with the box open and results shown (with Pagefind, its filters too)."""
    from axe_playwright_python.sync_playwright import Axe

    site = request.getfixturevalue("example_site" if option == "material" else "pagefind_site")
    with serve(site) as base:
        search_from(tab, base + "visits/", "school", ".md-search-result__item mark")
        if option == "pagefind":
            tab.wait_for_selector(".px-search__filter select")
        rules = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        result = Axe().run(tab, context=".md-search", options=rules).response
        assert [f"{v['id']}: {' '.join(n['target'])}" for v in result["violations"] for n in v["nodes"]] == []
