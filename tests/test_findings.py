"""The findings summary, the network picture and the exports, on the example portal and on fixtures."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import copy_portal, mkdocs
from practice_exchange.content.countries import NAMES
from practice_exchange.content.portal import Portal

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def example(example_portal: Portal, example_site: Path) -> tuple[Portal, Path]:
    return example_portal, example_site


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_findings_json_says_what_the_report_says(example: tuple[Portal, Path]) -> None:
    data = json.loads((example[1] / "exports" / "findings.json").read_text(encoding="utf-8"))
    assert data["network"] == "PREVENT"
    assert data["visits"] == 9
    assert [(h["city"], h["visits"]) for h in data["hosts"][:2]] == [("munich", 3), ("nantes", 2)]
    assert all(h["visits"] == 1 for h in data["hosts"][2:])
    assert data["hosts"][0]["visitors"] == ["antwerp", "nantes", "tallinn"]
    assert data["never_hosted"] == ["gijon", "tallinn", "usti-nad-labem"]
    assert data["never_visited"] == []
    assert [s["visit"] for s in data["schedule"]][:3] == [
        "2014-01-tallinn-munich", "2014-01-antwerp-munich", "2014-02-usti-nad-labem-nantes"]
    assert data["schedule"][0] == {"visit": "2014-01-tallinn-munich", "visitor": "tallinn", "host": "munich",
                                   "start": "2014-01-15", "end": "2014-01-17", "delegates": None}


def test_findings_figures_match_the_visit_files(example: tuple[Portal, Path]) -> None:
    portal, site = example
    data = json.loads((site / "exports" / "findings.json").read_text(encoding="utf-8"))
    findings = [f for v in portal.visits.values() for f in v.findings]
    assert data["categories"] == {c: sum(f.category == c for f in findings)
                                  for c in ("information", "inspiration", "challenge", "contacts")}
    assert len(data["transfer_candidates"]) == data["categories"]["challenge"] > 10
    assert data["uncategorised"] == sum(f.category is None for f in findings)


def test_findings_page_shows_the_report(example: tuple[Portal, Path]) -> None:
    page = soup(example[1], "findings").select_one("article")
    hosts = [" ".join(h.get_text().split()) for h in page.select(".px-host h3")]
    assert hosts[:2] == ["Munich: 3 visits", "Nantes: 2 visits"]
    assert len(hosts) == 6
    # Each host's key learning points carry their class, as on the visits' pages (a lead expert's review).
    learning = [f for v in example[0].visits.values() for f in v.section_findings("learning")]
    badges = [b.get_text() for b in page.select(".px-host li .px-badge")]
    assert sorted(badges) == sorted(f.category for f in learning if f.category) and badges
    never = " ".join(page.select_one(".px-never").get_text().split())
    assert "Received no visit: Gijón, Tallinn, Ústí nad Labem." in never
    assert "Made no visit: none" in never
    schedule = page.find("h2", id="schedule").find_next("table")
    assert len(schedule.select("tbody tr")) == 9
    candidates = page.select("ol.px-candidates > li")
    assert len(candidates) == sum(f.category == "challenge" for v in example[0].visits.values() for f in v.findings)
    assert all(li.select_one("a[href^='../visits/']") for li in candidates)
    # the lead expert's narrative keeps its place around the blocks
    assert page.find("h2", id="conclusions") is not None
    assert "findings:" not in str(page)


def test_matrix_block(example: tuple[Portal, Path]) -> None:
    table = soup(example[1], "findings").select_one(".px-matrix-table table")
    hosts = [th.get_text() for th in table.select("thead th")][1:-1]
    rows = {tr.th.get_text(): [td.get_text() for td in tr.select("td")] for tr in table.select("tbody tr")}
    assert rows["Received"][hosts.index("Munich")] == "3" and rows["Received"][-1] == "9"
    assert rows["Tallinn"][hosts.index("Munich")] == "01/2014"
    assert rows["Munich"][hosts.index("Nantes")] == "05/2014"


def test_network_picture(example: tuple[Portal, Path]) -> None:
    portal, site = example
    svg = ET.parse(site / "exports" / "network.svg").getroot()
    assert svg.find(f"{SVG}title").text == "Who visited whom in PREVENT"
    desc = svg.find(f"{SVG}desc").text
    assert desc.startswith("9 visits between the partner cities;") and "Tallinn to Munich" in desc
    assert len(svg.findall(f".//{SVG}circle")) == 9
    pairs = {(v.visitor, v.host) for v in portal.visits.values()}
    assert len(svg.findall(f".//{SVG}g[@class='px-graph__arrows']/{SVG}path")) == len(pairs)
    labels = {t.text for t in svg.findall(f".//{SVG}g[@class='px-graph__nodes']/{SVG}text")}
    assert labels == {c.name for c in portal.network.cities.values()}
    inline = soup(site, "findings").select_one("figure.px-graph-figure svg")
    assert inline is not None and inline["role"] == "img"


def read_csv(site: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((site / "exports" / name).read_text(encoding="utf-8-sig"))))


def test_csv_exports_hold_exactly_the_entries(example: tuple[Portal, Path]) -> None:
    portal, site = example
    practices = read_csv(site, "practices.csv")
    assert [r["slug"] for r in practices] == list(portal.practices)
    kaap = next(r for r in practices if r["slug"] == "kaap")
    assert kaap["title"] == portal.practices["kaap"].title and kaap["url"] == "practices/kaap/"
    assert kaap["tags"] == "; ".join(portal.practices["kaap"].tags)
    visits = read_csv(site, "visits.csv")
    assert [r["slug"] for r in visits] == list(portal.visits)
    for row in visits:
        visit = portal.visits[row["slug"]]
        for column, key in (("key_learning_points", "learning"), ("transferable_ideas", "transferable"),
                            ("contribution_to_the_host", "contribution")):
            assert len(row[column].split(" | ")) == len(visit.section_findings(key))
        assert (row["visitor"], row["host"], row["start"]) == (visit.visitor, visit.host, visit.start.isoformat())
    assert "[challenge]" in visits[0]["transferable_ideas"]
    toolkit = read_csv(site, "toolkit.csv")
    assert [r["slug"] for r in toolkit] == list(portal.toolkit)
    assert next(r for r in toolkit if r["slug"] == "partners-roundtable")["difficulty"] == "medium"


def test_portal_json_holds_every_entry_with_page_urls(example: tuple[Portal, Path]) -> None:
    portal, site = example
    data = json.loads((site / "exports" / "portal.json").read_text(encoding="utf-8"))
    assert [c["id"] for c in data["cities"]] == list(portal.network.cities)
    assert [p["slug"] for p in data["practices"]] == list(portal.practices)
    assert [v["slug"] for v in data["visits"]] == list(portal.visits)
    assert [c["slug"] for c in data["toolkit"]] == list(portal.toolkit)
    visit = data["visits"][0]
    assert len(visit["findings"]) == len(portal.visits[visit["slug"]].findings)
    assert {f["category"] for f in visit["findings"]} <= {None, "information", "inspiration", "challenge", "contacts"}
    for item in [*data["cities"], *data["practices"], *data["visits"], *data["toolkit"]]:
        assert (site / item["url"] / "index.html").is_file(), item["url"]


def test_exports_page_links_every_file(example: tuple[Portal, Path]) -> None:
    page = soup(example[1], "exports").select_one("article")
    links = [a["href"] for a in page.select("h2 a[download]")]
    assert links == ["portal.xlsx", "practices.csv", "visits.csv", "toolkit.csv", "sessions.csv", "portal.json",
                     "findings.json", "network.svg"]
    assert all((example[1] / "exports" / href).is_file() for href in links)
    columns = [code.get_text() for code in page.find("h2", id="visits-csv").find_next("table").select("td code")]
    with open(example[1] / "exports" / "visits.csv", encoding="utf-8-sig") as file:
        assert columns == next(iter(csv.reader(file)))


def test_default_findings_page_without_a_hand_written_one(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    assert mkdocs(root, "build", "--strict").returncode == 0
    page = soup(root / "site", "findings").select_one("article")
    assert page.h1.get_text() == "Findings"
    assert [h.get_text().rstrip("¶") for h in page.select("h2")] == [
        "Who visited whom", "Schedule", "Findings per host", "Practices seen", "Classes of benefit",
        "What came of the ideas", "Themes"]
    assert page.select_one("svg.px-graph") and page.select_one(".px-matrix-table") and page.select(".px-host")
    never = " ".join(page.select_one(".px-never").get_text().split())
    assert "Received no visit: Bergen, Oslo." in never and "Made no visit: Bergen, Ústí nad Labem." in never


def test_markers_fill_any_hand_written_page(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    (root / "docs" / "summary.md").write_text(
        "# Report\n\nOur words first.\n\n<!-- findings:categories -->\n\n```\n<!-- findings:schedule -->\n```\n",
        encoding="utf-8")
    assert mkdocs(root, "build", "--strict").returncode == 0
    page = soup(root / "site", "summary").select_one("article")
    assert page.find("p", string="Our words first.")
    badges = [b.get_text() for b in page.select("table .px-badge") if not b.find_parent(class_="px-categories-by-city")]
    assert badges == ["information", "inspiration", "challenge", "contacts"]
    assert "<!-- findings:schedule -->" in page.select_one("pre code").get_text()


def test_unknown_marker_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    (root / "docs" / "findings.md").write_text("# Findings\n\n<!-- findings:shedule -->\n", encoding="utf-8")
    result = mkdocs(root, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert ("docs/findings.md:3: findings: unknown findings block `shedule`; did you mean `schedule`?"
            " (the blocks are: schedule, matrix, hosts, categories, tags, network-graph, lessons, transfer,"
            " practices, cities, kinds)") in result.stderr


def test_a_block_placed_twice_on_a_page_is_a_warning_that_strict_refuses(tmp_path: Path) -> None:
    """Each host's part of the `hosts` block has an anchor: placed twice, the page held every one twice,
    and a link to a host led to the first. Said with both lines; a plain build still publishes it."""
    root = copy_portal(tmp_path)
    page = root / "docs" / "findings.md"
    page.write_text("# Findings\n\n<!-- findings:hosts -->\n\n## Again\n\n<!-- findings:hosts -->\n"
                    "\n<!-- findings:schedule -->\n", encoding="utf-8")
    said = ("docs/findings.md:7: findings: the findings block `hosts` is placed at line 3 of this page already;"
            " a page shows each block once, so remove one of the two markers")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 1 and said in result.stderr and "Traceback" not in result.stderr
    result = mkdocs(root, "build")
    assert result.returncode == 0 and said in result.stderr
    page.write_text("# Findings\n\n<!-- findings:hosts -->\n\n<!-- findings:schedule -->\n", encoding="utf-8")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0 and "placed at line" not in result.stderr


def test_findings_and_city_pages_print_to_a4(browser, example: tuple[Portal, Path], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from conftest import serve

    with serve(example[1]) as base:
        page = browser.new_page()
        for path in ("findings/", "cities/munich/"):
            page.goto(base + path)
            page.emulate_media(media="print")
            for hidden in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer"):
                assert not page.locator(hidden).first.is_visible(), (path, hidden)
            assert page.locator("article h1").is_visible()
            pdf = page.pdf(format="A4", print_background=True)
            assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page\n") + pdf.count(b"/Type/Page") >= 1
        page.goto(base + "findings/")
        page.emulate_media(media="print")
        breaks = page.evaluate("getComputedStyle(document.querySelector('article tr')).breakInside")
        assert breaks == "avoid"
        page.close()


def test_the_picture_counts_one_visit_as_one(example: tuple[Portal, Path]) -> None:
    """`1 visits` was written when a network had one visit (found by a lead expert's review)."""
    from dataclasses import replace

    from practice_exchange.findings import summarise
    from practice_exchange.index import build
    from practice_exchange.pages.graph import network_svg

    findings = summarise(build(example[0]))
    one = replace(findings, schedule=findings.schedule[:1],
                  pairs={pair: visits for pair, visits in list(findings.pairs.items())[:1]})
    description = ET.fromstring(network_svg(one)).find(f"{SVG}desc")
    assert description is not None and description.text is not None
    assert description.text.startswith("1 visit between the partner cities;")
    pair = next(iter(findings.pairs.items()))
    twice = replace(findings, pairs={pair[0]: (*pair[1], *pair[1])})
    text = ET.fromstring(network_svg(twice)).find(f"{SVG}desc").text  # type: ignore[union-attr]
    assert text is not None and text.endswith("(2 visits).")
    # A portal without visits: not "…a larger dot marks a city that received more visits: ." (a new user's review).
    none = replace(findings, schedule=(), pairs={})
    text = ET.fromstring(network_svg(none)).find(f"{SVG}desc").text  # type: ignore[union-attr]
    assert text == "No visit is documented yet."


def test_a_transfer_candidate_given_as_advice_to_the_host_says_so(example: tuple[Portal, Path]) -> None:
    """A `[challenge]` under "Contribution to the host" is the visitor's advice to its host, not an idea
    the visitor takes home: the list says which (found by a lead expert's review)."""
    _, site = example
    data = json.loads((site / "exports" / "findings.json").read_text(encoding="utf-8"))
    advice = [c for c in data["transfer_candidates"] if c["section"] == "contribution"]
    assert advice, "the example has advice to a host marked [challenge]"
    items = soup(site, "findings").select(".px-candidates li")
    assert len(items) == len(data["transfer_candidates"])
    labelled = [" ".join(li.get_text().split()) for li in items if "advice to the host" in li.get_text()]
    assert len(labelled) == len(advice)
    assert all(" ".join(c["text"].split())[:40] in " ".join(labelled) for c in advice)


def test_search_leaves_every_findings_block_out(example_site: Path) -> None:
    """Material's search took the first `</div>` inside an excluded block for its end, and indexed the
    rest: the transfer candidates under "Four classes of benefit" (a lead expert's review)."""
    import json

    index = json.loads((example_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    findings = json.loads((example_site / "exports" / "findings.json").read_text(encoding="utf-8"))
    candidates = [c["text"] for c in findings["transfer_candidates"]]
    assert candidates
    texts = " ".join(" ".join(doc["text"].split()) for doc in index["docs"] if doc["location"].startswith("findings/"))
    assert not [text for text in candidates if " ".join(text.split())[:60] in texts]


def test_search_makes_no_empty_entry_of_a_heading_it_leaves_out(example_site: Path) -> None:
    """Material's search made an entry of each heading with an id inside an excluded part (a host's
    heading on the findings page, "Visits that saw it" on a practice's): 106 of the example's 278
    entries had no text, each shown as a result under its page's own."""
    import json

    from bs4 import BeautifulSoup

    index = json.loads((example_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [doc["location"] for doc in index["docs"] if not doc["text"].strip()]
    # The anchors are still there, and a link to them still lands on the heading.
    practice = BeautifulSoup((example_site / "practices" / "kaap" / "index.html").read_text(encoding="utf-8"),
                             "html.parser")
    anchor = practice.find(id="visits-that-saw-it")
    assert anchor is not None and anchor.parent.name == "h2"
    hosts = BeautifulSoup((example_site / "findings" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert hosts.find(id="host-munich").parent.name == "h3"


def test_a_translation_counts_what_it_names_alike_in_every_list_and_each_version_is_told(tmp_path: Path) -> None:
    """A practice only the German version of a visit names, and a follow-up linking a practice's
    translation: the host's practices, the practices seen and the transfer items name the same
    (counted) practices, and the version lacking the practice is told so at its line."""
    root = copy_portal(tmp_path)
    (root / "practices" / "parents-cafe-de.md").write_text(
        "---\ntitle: Elterncafé\ncity: oslo\nsummary: Ein Café.\ntags: [parents, on]\nlang: de\n"
        "translations: {en: parents-cafe}\n---\n\nKaffee.\n", encoding="utf-8")
    english = root / "visits" / "2014-01-oslo-lyon.md"
    text = english.read_text(encoding="utf-8")
    english.write_text(text.replace("## Afterwards", "## Follow-up\n\n- Oslo opened a café like"
                                    " [this one](../practices/parents-cafe-de.md). [piloted]\n\n## Afterwards"),
                       encoding="utf-8")
    german = text.replace("practices: [reading-club]", "practices: [reading-club, parents-cafe-de]\nlang: de\n"
                          "translations: {en: 2014-01-oslo-lyon}")
    for english_heading, german_heading in (("Key learning points", "Wichtigste Erkenntnisse"),
                                            ("Transferable ideas", "Übertragbare Ideen"),
                                            ("Contribution to the host", "Beitrag für die Gastgeber")):
        german = german.replace(f"## {english_heading}", f"## {german_heading}")
    (root / "visits" / "2014-01-oslo-lyon-de.md").write_text(german, encoding="utf-8")
    result = mkdocs(root, "build", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    assert ("visits/2014-01-oslo-lyon.md:7: practices: its translation `2014-01-oslo-lyon-de` names"
            " `parents-cafe`, which this entry does not") in result.stderr
    data = json.loads((tmp_path / "site" / "exports" / "findings.json").read_text(encoding="utf-8"))
    lyon = next(host for host in data["hosts"] if host["city"] == "lyon")
    seen = {row["practice"] for row in data["practices_seen"]}
    assert "parents-cafe" in seen and set(lyon["practices"]) <= seen and "parents-cafe" in lyon["practices"]
    assert [item["practices"] for item in data["transfer"]["items"]] == [["parents-cafe"]]
    from openpyxl import load_workbook

    sheet = list(load_workbook(tmp_path / "site" / "exports" / "portal.xlsx")["transfer"].iter_rows(values_only=True))
    assert [row[-1] for row in sheet[1:]] == ["parents-cafe"]


def test_names_with_accents_sort_among_their_letters_on_every_page(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    network = root / "network.yml"
    network.write_text(network.read_text(encoding="utf-8").replace(
        "tags:", "  - id: lodz\n    name: Łódź\n    country: PL\n  - id: evora\n    name: Évora\n    country: PT\n"
                 "  - id: zagreb\n    name: Zagreb\n    country: HR\ntags:"), encoding="utf-8")
    result = mkdocs(root, "build", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0, result.stderr
    order = ["Bergen", "Évora", "Łódź", "Lyon", "Oslo", "Ústí nad Labem", "Zagreb"]
    cities = soup(tmp_path / "site", "cities")
    assert [name for name in (a.get_text() for a in cities.select("article a")) if name in order] == order
    # Those that hosted no visit, then those that made none: by name as everywhere, not by id.
    never = [a.get_text() for a in soup(tmp_path / "site", "findings").select("p.px-never a")]
    assert never == ["Bergen", "Évora", "Łódź", "Oslo", "Zagreb", "Bergen", "Évora", "Łódź", "Ústí nad Labem", "Zagreb"]
    data = json.loads((tmp_path / "site" / "exports" / "findings.json").read_text(encoding="utf-8"))
    assert data["never_hosted"] == sorted(data["never_hosted"])


def test_the_catalogues_countries_are_named_in_the_portals_language(example_portal: Portal) -> None:
    """A country facet of bare codes (`CZ`) told a practitioner little, and a screen reader spelt it out."""
    from dataclasses import replace

    from practice_exchange.pages import catalogue

    def countries(language: str, locale: str) -> list[tuple[str, str]]:
        built = catalogue.build(replace(example_portal, language=language, locale=locale))
        facet = next(f for f in built.facets if f.name == "country")
        return [(v.value, v.label) for v in facet.values]

    english, german = dict(countries("en", "en")), dict(countries("de", "de"))
    assert english["CZ"] == "Czechia" and german["CZ"] == "Tschechien" and german["DE"] == "Deutschland"
    assert [label for _, label in countries("de", "de")] == sorted(german.values())
    # Traditional Chinese (Material's `zh-Hant`) in its own script: they came out in Simplified characters.
    assert dict(countries("zh", "zh_Hant"))["DE"] == "德國" and dict(countries("zh", "zh"))["DE"] == "德国"


def test_a_citys_country_is_named_where_the_pages_list_cities(example: tuple[Portal, Path]) -> None:
    """`Country: CZ` on a city's page and in the cities' table, where the catalogue's facet says
    `Czechia`: a bare code tells a practitioner little, and a screen reader spells it out (a new user's review)."""
    portal, site = example
    usti = next(c for c in portal.network.cities.values() if c.country == "CZ")
    page = BeautifulSoup((site / "cities" / usti.id / "index.html").read_text(encoding="utf-8"), "html.parser")
    facts = dict(zip([dt.get_text() for dt in page.select(".px-facts dt")],
                     [dd.get_text() for dd in page.select(".px-facts dd")], strict=True))
    assert facts["Country"] == "Czechia"
    assert page.select_one(".px-summary").get_text().startswith(f"{usti.name} (Czechia), partner of")
    table = BeautifulSoup((site / "cities" / "index.html").read_text(encoding="utf-8"), "html.parser").table
    countries = {row.td.a.get_text(): row.find_all("td")[1].get_text() for row in table.tbody("tr")}
    assert countries[usti.name] == "Czechia" and set(countries.values()) <= set(NAMES.values())
