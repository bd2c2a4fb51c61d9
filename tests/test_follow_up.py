"""A visit's follow-up: what came of its ideas at home, each item with a status; counted as shown."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from conftest import REPO, mkdocs
from practice_exchange.content import Sources, load
from practice_exchange.content.matrix import STATUSES
from practice_exchange.findings import as_data, summarise
from practice_exchange.index import build

VISIT = "visits/2014-01-oslo-lyon.md"

FOLLOW_UP = """

## Follow-up

- The after-hours library is in Oslo's action plan for 2015, modelled on
  [the reading club](../practices/reading-club.md). [planned]
  - Two schools have volunteered.
- Reading in the parents' languages was tried in one school. [piloted]
- A joint project with Lyon did not find money. [dropped]
"""


def with_follow_up(root: Path, text: str = FOLLOW_UP) -> None:
    path = root / VISIT
    path.write_text(path.read_text(encoding="utf-8").replace("## Afterwards", "## Notes") + text, encoding="utf-8")


def problems(root: Path) -> list[str]:
    """Each problem as `error: file:line: field: message` (or `warning: …`)."""
    _portal, report = load(Sources(root))
    return [f"{'error' if p in report.errors else 'warning'}: {p}" for p in report.problems]


def test_items_are_read_with_their_status_and_the_practices_they_link(portal: Path) -> None:
    with_follow_up(portal)
    loaded, report = load(Sources(portal))
    assert report.problems == [] and loaded is not None
    visit = loaded.visits["2014-01-oslo-lyon"]
    assert [(item.status, visit.practices_linked(item)) for item in visit.follow_up] == [
        ("planned", ("reading-club",)), ("piloted", ()), ("dropped", ())]
    # The sub-item belongs to its item; the status is not part of the text.
    assert visit.follow_up[0].text.endswith("modelled on the reading club. Two schools have volunteered.")
    # Follow-up items are not findings: the matrix counts stay the matrix's.
    assert all(f.section != "followup" for f in visit.findings) and len(visit.findings) == 6


@pytest.mark.parametrize(("item", "expected"), [
    ("- Library hours extended.", "this follow-up item has no status; end it with what came of the idea, one of"
                                  " [considered], [planned], [piloted], [adopted], [dropped]"),
    ("- Library hours extended. [adoped]", "unknown status `[adoped]`; did you mean `[adopted]`?"),
    ("- Library hours extended. [challenge]", "`[challenge]` is a class of benefit, which goes with the findings"),
    ("- Library hours extended. [planned] [adopted]", "a follow-up item takes one status, but this one has"
                                                      " `[planned]` and `[adopted]`"),
    ("- Library hours extended [adopted].", "the status `[adopted]` must be the last thing in the item"),
    ("- [adopted]", "this follow-up item has no words besides its status `[adopted]`"),
])
def test_each_defect_of_an_item_is_an_error_with_its_line_and_the_fix(portal: Path, item: str, expected: str) -> None:
    with_follow_up(portal, f"\n\n## What happened next\n\n- Kept in touch. [considered]\n{item}\n")
    found = problems(portal)
    lines = len((portal / VISIT).read_text(encoding="utf-8").rstrip("\n").split("\n"))
    assert len(found) == 1, found
    assert found[0].startswith(f"error: {VISIT}:{lines}: status: " if "words" not in expected
                               else f"error: {VISIT}:{lines}: body: ")
    assert expected in found[0]


def test_a_status_among_the_findings_says_where_it_belongs(portal: Path) -> None:
    path = portal / VISIT
    path.write_text(path.read_text(encoding="utf-8").replace("after hours. [challenge]", "after hours. [adopted]"),
                    encoding="utf-8")
    assert any("`[adopted]` is a follow-up status" in p and "## Follow-up" in p for p in problems(portal))


def test_a_follow_up_without_items_is_warned_about(portal: Path) -> None:
    with_follow_up(portal, "\n\n## Follow-up\n\nWe adopted the library idea.\n")
    assert [p for p in problems(portal) if "Follow-up" in p] == [
        f"warning: {VISIT}:{len((portal / VISIT).read_text().splitlines()) - 2}: body: the section `## Follow-up`"
        " has no items, so nothing of it is counted; write what came of each idea as a list item ending with its"
        " status, such as `[planned]`"]


def test_the_heading_is_recognised_in_the_portal_languages(portal: Path) -> None:
    with_follow_up(portal, "\n\n## Wie es weiterging\n\n- Die Bibliothek ist abends offen. [adopted]\n")
    loaded, report = load(Sources(portal))
    assert report.problems == [] and loaded is not None
    assert [i.status for i in loaded.visits["2014-01-oslo-lyon"].follow_up] == ["adopted"]


def test_findings_count_every_item_the_pages_show(portal: Path, tmp_path: Path) -> None:
    with_follow_up(portal)
    site = tmp_path / "site"
    result = mkdocs(portal, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    data = json.loads((site / "exports" / "findings.json").read_text(encoding="utf-8"))
    transfer = data["transfer"]
    assert transfer["statuses"] == {"considered": 0, "planned": 1, "piloted": 1, "adopted": 0, "dropped": 1}
    assert [(i["visit"], i["city"], i["status"], i["practices"]) for i in transfer["items"]] == [
        ("2014-01-oslo-lyon", "oslo", "planned", ["reading-club"]), ("2014-01-oslo-lyon", "oslo", "piloted", []),
        ("2014-01-oslo-lyon", "oslo", "dropped", [])]
    # Each status the counts give is a badge on the visit's page, in its follow-up.
    page = (site / "visits" / "2014-01-oslo-lyon" / "index.html").read_text(encoding="utf-8")
    badges = re.findall(r'class="px-badge px-status px-status--(\w+)"', page)
    assert sorted(badges) == sorted(i["status"] for i in transfer["items"])
    # The practice shows who took it up, with the status; the city its follow-ups.
    practice = (site / "practices" / "reading-club" / "index.html").read_text(encoding="utf-8")
    taken = practice[practice.index('id="taken-up-by"'):]
    assert "<strong>Oslo</strong>" in taken and "px-status--planned" in taken.split("</ul>")[0]
    city = (site / "cities" / "oslo" / "index.html").read_text(encoding="utf-8")
    assert len(re.findall(r"px-status--", city.split('id="follow-up"')[1].split("</ul>")[0])) == 3
    # The exports carry them.
    rows = list(csv.DictReader((site / "exports" / "visits.csv").open(encoding="utf-8-sig")))
    oslo = next(r for r in rows if r["slug"] == "2014-01-oslo-lyon")
    assert oslo["follow_up"].count("[") == 3 and oslo["follow_up"].endswith("[dropped]")
    portal_json = json.loads((site / "exports" / "portal.json").read_text(encoding="utf-8"))
    visit = next(v for v in portal_json["visits"] if v["slug"] == "2014-01-oslo-lyon")
    assert [f["status"] for f in visit["follow_up"]] == ["planned", "piloted", "dropped"]
    # The findings page's transfer block lists the same items.
    findings = (site / "findings" / "index.html").read_text(encoding="utf-8")
    block = findings[findings.index("px-block--transfer"):].split("</ol>")[0]
    assert block.count("<li>") == len(transfer["items"])
    # One visit of two tells what came of its ideas: the report's introduction does not promise it of each.
    report = " ".join((site / "report" / "index.html").read_text(encoding="utf-8").split())
    assert "each with its findings." in report and "what came of them" not in report


def test_the_report_promises_what_came_of_the_ideas_once_every_visit_tells_it(portal: Path, tmp_path: Path) -> None:
    with_follow_up(portal)
    other = portal / "visits" / "2014-03-lyon-usti.md"
    other.write_text(other.read_text(encoding="utf-8") + "\n## Follow-up\n\n- Lyon tried the idea. [piloted]\n",
                     encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs(portal, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    report = " ".join((site / "report" / "index.html").read_text(encoding="utf-8").split())
    assert "their reports follow, each with its findings and what came of them." in report


def test_practices_seen_and_classes_per_city(example_portal) -> None:  # type: ignore[no-untyped-def]
    index = build(example_portal)
    data = as_data(summarise(index))
    seen = data["practices_seen"]
    counts = [p["visits"] for p in seen]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2
    for row in seen:
        assert row["visits"] == len(index.visits_of_practice[row["practice"]])
    # Per visiting city, the classes add up to the network's.
    by_city = data["categories_by_city"]
    assert set(by_city) == set(index.visits_made)
    for category, total in data["categories"].items():
        assert sum(counts[category] for counts in by_city.values()) == total
    assert sum(data["uncategorised_by_city"].values()) == data["uncategorised"]
    assert data["transfer"]["statuses"].keys() == STATUSES.keys()


def test_the_example_records_only_the_follow_up_the_seed_report_states(example_site: Path) -> None:
    data = json.loads((example_site / "exports" / "findings.json").read_text(encoding="utf-8"))
    assert [(i["city"], i["status"], i["practices"]) for i in data["transfer"]["items"]] == [
        ("nantes", "considered", ["integration-macht-schule"])]
    # The findings text no longer says every finding has a class while its table counts some without.
    text = (REPO / "docs" / "findings.md").read_text(encoding="utf-8")
    assert data["uncategorised"] > 0 and "every\nfinding on this portal carries one" not in text
    assert "without a class" in text


@pytest.mark.parametrize("heading", ["## Follow up", "## Followup", "## Follow\u2011up", "## FOLLOW-UP:"])
def test_the_heading_as_people_type_it_is_recognised(portal: Path, heading: str) -> None:
    with_follow_up(portal, f"\n\n{heading}\n\n- The library opens after hours. [adopted]\n")
    loaded, report = load(Sources(portal))
    assert report.problems == [] and loaded is not None
    assert [i.status for i in loaded.visits["2014-01-oslo-lyon"].follow_up] == ["adopted"]


@pytest.mark.parametrize("heading", ["# Follow-up", "## Folow-up", "### Follow-up", "## Afterwards at home"])
def test_a_status_under_another_heading_is_an_error_not_lost_text(portal: Path, heading: str) -> None:
    with_follow_up(portal, f"\n\n{heading}\n\n- The library opens after hours. [adopted]\n- Twice. [adoped]\n")
    found = [p for p in problems(portal) if "status" in p]
    assert len(found) == 2, found
    assert all("is a follow-up status, counted only under `## Follow-up`" in p for p in found)


@pytest.mark.parametrize("finding", ["- Idea. [planned].", "- Idea [adopted] [challenge]", "- Plain [Adopted]:"])
def test_a_status_among_the_findings_is_found_in_any_form(portal: Path, finding: str) -> None:
    path = portal / VISIT
    path.write_text(path.read_text(encoding="utf-8").replace("- Open the school library after hours. [challenge]",
                                                             finding), encoding="utf-8")
    assert any("is a follow-up status" in p for p in problems(portal)), problems(portal)


def test_a_link_to_a_practices_address_is_told_to_link_its_file(portal: Path) -> None:
    with_follow_up(portal, "\n\n## Follow-up\n\n- Took up [the club](../practices/reading-club/). [adopted]\n")
    assert problems(portal) == [
        f"warning: {VISIT}:38: body: the link `../practices/reading-club/` leads to a page's address, so it is"
        " neither checked nor counted as taken up; link the page's file instead: `../practices/reading-club.md`"]


def test_a_visit_written_in_two_languages_is_counted_once(portal: Path, tmp_path: Path) -> None:
    with_follow_up(portal)
    original = (portal / VISIT).read_text(encoding="utf-8")
    (portal / VISIT).write_text(original.replace("---\n", "---\ntranslations: {de: 2014-01-oslo-lyon-de}\n", 1),
                                encoding="utf-8")
    front, body = original.split("\n---\n", 1)
    (portal / "visits" / "2014-01-oslo-lyon-de.md").write_text(
        f"{front}\nlang: de\ntranslations: {{en: 2014-01-oslo-lyon}}\n---\n{body}", encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs(portal, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    data = json.loads((site / "exports" / "findings.json").read_text(encoding="utf-8"))
    assert data["visits"] == 2 and len(data["transfer"]["items"]) == 3
    assert {row["practice"]: row["visits"] for row in data["practices_seen"]}["reading-club"] == 1
    # Both pages exist; the German one's neighbours are those of the visit it translates.
    german = (site / "visits" / "2014-01-oslo-lyon-de" / "index.html").read_text(encoding="utf-8")
    assert "px-neighbours__next" in german and german.count("px-status--") == 3
