"""Session reports: the fourth kind of entry, its rules, its page, its findings and its exports."""

from __future__ import annotations

import csv
import json
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, mkdocs
from practice_exchange.cli import main
from practice_exchange.content import Sources, load
from practice_exchange.content.fields import FieldError, PartialDate, When
from practice_exchange.pages.markdown import EntryPages

EXAMPLE = REPO / "examples" / "peer-learning"
SEEDS = ("schulmentoren-cooperation-workshop", "partnerschaften-junge-sozialunternehmen",
         "gauteng-community-collaboration")

GOOD = """\
---
title: Parents' café workshop
tags: [mentoring]
format: workshop
event: Spring meeting
date: "2021-07"
place: Room 1.205
city: hamburg
facilitators:
  - {name: Kim Weber, organisation: City of Hamburg}
  - Jo Lund
documented_by: [Ann Reiner, Bo Kim]
participants: 12
---

What the session was about.

## Question

Why do parents stay away?

## Main results

- Parents come when pupils invite them. [challenge]
  - Invitations written by pupils worked best.
- A café needs a fixed day.

## Quotes

- We never asked them *personally*.
- Coffee helps.
"""


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    root = tmp_path / "portal"
    shutil.copytree(EXAMPLE, root)
    return root


def problems(root: Path) -> list[str]:
    _portal, report = load(Sources(root))
    return [str(p) for p in report.problems]


def write(root: Path, name: str, text: str) -> None:
    (root / "sessions" / f"{name}.md").write_text(text, encoding="utf-8")


def test_partial_dates_are_read_as_precise_as_written() -> None:
    read = PartialDate().parse
    assert read("2021") == When(2021) and str(read("2021")) == "2021"
    assert read("2021-07") == When(2021, 7) and str(read("2021-07")) == "July 2021"
    assert read("2021-07-15").iso() == "2021-07-15" and str(read("2021-07-15")) == "15 July 2021"
    for wrong, fix in (("July 2021", "2021-07"), ("15. Juli 2021", "2021-07-15"), ("2021/07", None),
                       ("2021-13", None), ("2021-02-30", None), ("2021-00", None),
                       ("2021-00-15", None), ("2021-07-00", None), ("0000", None)):
        with pytest.raises(FieldError) as caught:
            read(wrong)
        assert (f"write `{fix}`" in caught.value.message) == (fix is not None), caught.value.message


def test_a_session_with_every_field_is_read(portal: Path) -> None:
    write(portal, "cafe", GOOD)
    loaded, report = load(Sources(portal))
    assert loaded is not None, [str(p) for p in report.problems]
    session = loaded.of("session")["cafe"]
    assert (session.format, session.event, session.date, session.place, session.city) == (
        "workshop", "Spring meeting", When(2021, 7), "Room 1.205", "hamburg")
    assert [str(f) for f in session.facilitators] == ["Kim Weber (City of Hamburg)", "Jo Lund"]
    assert session.documented_by == ("Ann Reiner", "Bo Kim") and session.participants == 12
    # `## Main results` is the key lessons; a sub-item belongs to its lesson; the marker is its class.
    assert [(f.text, f.category) for f in session.lessons] == [
        ("Parents come when pupils invite them. Invitations written by pupils worked best.", "challenge"),
        ("A café needs a fixed day.", None)]
    assert [s.key for s in session.sections] == ["question", "lessons", "statements"]


@pytest.mark.parametrize(("change", "expected"), [
    (("## Main results", "## Summary"), "body: the required section `## Key lessons` is missing"),
    (("format: workshop", "format: worshop"), "format: `worshop` is not one of workshop, barcamp, conference,"
                                              " meeting, webinar, other; did you mean `workshop`?"),
    (('date: "2021-07"', "date: July 2021"), "date: expected a date written YYYY, YYYY-MM or YYYY-MM-DD, such"
                                             " as 2021-07 or 2021-07-15, got `July 2021`; write `2021-07`"),
    (("city: hamburg", "city: hambrug"), "city: unknown city `hambrug`, not found in network.yml; did you mean"
                                         " `hamburg`?"),
    (("participants: 12", "participants: many"), "participants: expected a number of people, got `many`"),
    (("participants: 12", "participants: 0"), "participants: 0 is out of range; expected at least 1"),
    (("organisation: City", "organisaton: City"), "facilitators: unknown field `organisaton`; did you mean"
                                                  " `organisation`?"),
    (("documented_by: [Ann Reiner, Bo Kim]", "documented_by: []"), "documented_by: needs at least one item"),
    (("[challenge]", "[challange]"), "category: unknown category marker `[challange]`; did you mean"
                                     " `[challenge]`?"),
    (("participants: 12", "practices: [kaapp]"), "practices: unknown practice `kaapp`, not found in practices/"),
    (("- A café needs a fixed day.", "- [information]"),
     "body: this list item has no words besides its marker `[information]`"),
    (("participants: 12", "facilitator: Kim"), "facilitator: unknown field for a session; did you mean"
                                               " `facilitators`?"),
])
def test_a_defective_session_gets_a_located_message(portal: Path, change: tuple[str, str], expected: str) -> None:
    text = GOOD.replace(*change)
    assert text != GOOD
    write(portal, "cafe", text)
    found = problems(portal)
    line = next((p for p in found if expected in p), None)
    assert line is not None, found
    assert line.startswith("sessions/cafe.md:")
    written = change[1].split(":")[0].strip("#[ ")
    if written != "Summary":
        number = int(line.split(":")[1])
        assert written.split()[0] in text.split("\n")[number - 1], (line, text.split("\n")[number - 1])


def test_a_heading_of_another_kind_is_free_text(portal: Path) -> None:
    """A visit's `## Key learning points` in a session, a session's `## Discussion` in a visit: no findings."""
    write(portal, "cafe", GOOD.replace("## Question", "## Key learning points\n\n- Not a lesson.\n\n## Question"))
    loaded, _ = load(Sources(portal))
    assert loaded is not None
    assert len(loaded.of("session")["cafe"].lessons) == 2


def data_of(site: Path) -> dict[str, Any]:
    return json.loads((site / "exports" / "portal.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_seed_sessions_build_with_their_facts(tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = mkdocs(EXAMPLE, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    for slug in SEEDS:
        assert (site / "sessions" / slug / "index.html").is_file()
    barcamp = (site / "sessions" / SEEDS[1] / "index.html").read_text(encoding="utf-8")
    assert "openTransfer CAMP" in barcamp and "<dt>Format</dt><dd><span class=\"px-format\">barcamp" in barcamp
    month = (site / "sessions" / SEEDS[2] / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2021-07">July 2021</time>' in month
    workshop = (site / "sessions" / SEEDS[0] / "index.html").read_text(encoding="utf-8")
    assert "<blockquote>" in workshop  # statements are quotations
    listing = (site / "sessions" / "index.html").read_text(encoding="utf-8")
    assert listing.index("Gauteng Community of Practice") < listing.index("openTransfer CAMP")
    assert listing.index("openTransfer CAMP") < listing.index("Other sessions")
    hamburg = (site / "cities" / "hamburg" / "index.html").read_text(encoding="utf-8")
    assert f"../../sessions/{SEEDS[0]}/" in hamburg.split('id="sessions"')[1]
    # Counted beside its practices and visits, on its page and in the cities' table (a lead expert's review:
    # a city of sessions alone read 0, 0 and 0).
    assert "<dt>Sessions</dt><dd>1</dd>" in hamburg
    # Nor "0 practices, 0 visits made, 0 visits received", three empty lists and three facts of 0, for a
    # city of a portal that holds no practice and no visit (a new user's review).
    city = BeautifulSoup(hamburg, "html.parser").article
    assert "partner of" in city.select_one(".px-summary").get_text() and city.select_one(".px-summary").get_text(
        ).endswith(": 1 session report.")
    assert [dt.get_text() for dt in city.select(".px-facts dt")] == ["Country", "Sessions"]
    assert [h.get_text(strip=True) for h in city.select("h2")] == ["Sessions"]
    table = BeautifulSoup((site / "cities" / "index.html").read_text(encoding="utf-8"), "html.parser").table
    header = [th.get_text() for th in table.thead.find_all("th")]
    counts = {row.td.get_text(strip=True): [td.get_text() for td in row.find_all("td")] for row in table.tbody("tr")}
    assert header[-1] == "Sessions" and counts["Hamburg"][-1] == "1"
    # No column of zeros for the kinds a portal of sessions alone has none of (a new user's review).
    assert header == ["City", "Country", "Sessions"]
    intro = BeautifulSoup((site / "cities" / "index.html").read_text(encoding="utf-8"), "html.parser").article.p
    assert "visits" not in intro.get_text() and "entries of each kind" in intro.get_text()
    findings = BeautifulSoup((site / "findings" / "index.html").read_text(encoding="utf-8"), "html.parser")
    classes = findings.select_one(".px-block--categories table")
    assert [th.get_text() for th in classes.thead.find_all("th")] == ["Class", "Meaning", "Session lessons"]
    # A meaning that speaks to a session's participants as to a visitor.
    assert "visitor" not in classes.get_text()
    themes = findings.select_one(".px-block--tags table")
    assert [th.get_text() for th in themes.thead.find_all("th")] == ["Tag", "Sessions", "All"]
    assert sum(int(row[-1]) for row in counts.values()) == sum(1 for s in data_of(site)["sessions"] if s["city"])
    catalogue = (site / "catalogue" / "index.html").read_text(encoding="utf-8")
    assert 'data-facet="format"' in catalogue
    data = json.loads((site / "exports" / "findings.json").read_text(encoding="utf-8"))
    assert sorted(s["slug"] for s in data["sessions"]) == sorted(SEEDS)
    gauteng = next(s for s in data["sessions"] if s["slug"] == SEEDS[2])
    assert gauteng["date"] == "2021-07" and gauteng["format"] == "meeting" and gauteng["lessons"]
    # `lessons` is each session's count, as the content model gives it; `key_lessons` the lessons themselves.
    assert all(s["lessons"] == len(s["key_lessons"]) for s in data["sessions"])
    lessons = sum(s["lessons"] for s in data["sessions"])
    assert sum(data["session_categories"].values()) == sum(
        1 for s in data["sessions"] for lesson in s["key_lessons"] if lesson["category"])
    assert max(data["lessons_by_tag"].values()) <= lessons
    with open(site / "exports" / "sessions.csv", encoding="utf-8-sig", newline="") as rows:
        table = {row["slug"]: row for row in csv.DictReader(rows)}
    assert table[SEEDS[2]]["date"] == "2021-07" and table[SEEDS[2]]["lessons"]
    portal = json.loads((site / "exports" / "portal.json").read_text(encoding="utf-8"))
    assert {s["slug"] for s in portal["sessions"]} == set(SEEDS)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "px-block--lessons" in home and 'class="px-lessons"' in home
    # The generated findings page keeps its title in the menus of pages drawn after it.
    tabs = [" ".join(t.split()) for t in re.findall(r'class="md-tabs__link">(.*?)</a>', home, flags=re.S)]
    assert "Findings" in tabs and "None" not in tabs, tabs


def test_a_practice_lists_the_sessions_that_discussed_it(tmp_path: Path) -> None:
    root = tmp_path / "portal"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns("site", ".git", "tests", "bench", "examples"))
    practice = sorted((root / "practices").glob("*.md"))[0].stem
    city = next(line.split(":")[1].strip() for line in (root / "practices" / f"{practice}.md").read_text(
        encoding="utf-8").splitlines() if line.startswith("city:"))
    tag = next(line for line in (root / "practices" / f"{practice}.md").read_text(encoding="utf-8").splitlines()
               if line.startswith("tags:"))
    (root / "sessions").mkdir()
    (root / "sessions" / "talk.md").write_text(
        f"---\ntitle: A talk\n{tag}\ncity: {city}\npractices: [{practice}]\n---\n\n## Key lessons\n\n- One.\n",
        encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs(root, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    page = (site / "practices" / practice / "index.html").read_text(encoding="utf-8")
    assert 'id="sessions-that-discussed-it"' in page and "../../sessions/talk/" in page
    assert "../../sessions/talk/" in (site / "cities" / city / "index.html").read_text(encoding="utf-8")
    talk = (site / "sessions" / "talk" / "index.html").read_text(encoding="utf-8")
    assert f"../../practices/{practice}/" in talk.split('id="practices-discussed"')[1]


def test_new_session_writes_a_file_that_checks(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "session", "spring-cafe", "--root", str(portal), "--tags", "mentoring", "--date", "2021-07",
                 "--format", "Workshop", "--city", "hamburg", "--event", "Spring camp"]) == 0
    text = (portal / "sessions" / "spring-cafe.md").read_text(encoding="utf-8")
    assert 'date: "2021-07"' in text and "format: workshop" in text and "## Key lessons" in text
    found = problems(portal)
    assert [p for p in found if "spring-cafe" in p and "error" in p.lower()] == []
    assert any("spring-cafe.md" in p and "`## Key lessons` has no lessons" in p for p in found)
    assert main(["new", "session", "bad", "--root", str(portal), "--tags", "mentoring", "--date", "July 2021",
                 "--format", "worshop"]) != 0
    err = capsys.readouterr().err
    assert "write `2021-07`" in err and "did you mean `workshop`?" in err
    assert not (portal / "sessions" / "bad.md").exists()


def test_schema_describes_sessions(tmp_path: Path) -> None:
    assert main(["schema", "--root", str(EXAMPLE), "--out", str(tmp_path)]) == 0
    schema = json.loads((tmp_path / "session.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["format"]["enum"] == ["workshop", "barcamp", "conference", "meeting", "webinar",
                                                      "other"]
    assert schema["properties"]["date"]["pattern"] == r"^\d{4}(-\d{2}(-\d{2})?)?$"
    assert "city" in schema["properties"] and "hamburg" in json.dumps(schema["properties"]["city"])


def test_sessions_render_as_pages_with_their_sections() -> None:
    pages = EntryPages(True)
    loaded, report = load(Sources(EXAMPLE, pages=pages))
    assert loaded is not None, [str(p) for p in report.problems]
    html = pages.rendered["sessions/schulmentoren-cooperation-workshop.md"].html
    assert "<blockquote>" in html and 'class="px-badge' in html


def test_markers_outside_the_lessons_are_warned_about_and_shown_as_text(portal: Path) -> None:
    write(portal, "cafe", GOOD + "\n## Discussion\n\n- Whether it transfers. [challenge]\n")
    found = problems(portal)
    assert any(p.startswith("sessions/cafe.md:") and "`[challenge]` is counted only under `## Key lessons`, not"
               " under `## Discussion`" in p for p in found), found
    loaded, _ = load(Sources(portal))
    assert loaded is not None and len(loaded.of("session")["cafe"].lessons) == 2


def test_a_link_named_as_a_status_is_a_link_in_a_session(portal: Path) -> None:
    """A hostile review: a session has no follow-up, so `[piloted]: …` counts nothing away; only a
    category's name is refused there."""
    write(portal, "cafe", GOOD + "\n## References\n\n- The [piloted] programme's report.\n\n"
                                 "[piloted]: https://example.org/piloted\n")
    assert not [p for p in problems(portal) if "link definition" in p]
    write(portal, "cafe", GOOD + "\n## References\n\n- A report.\n\n[challenge]: https://example.org/c\n")
    assert [p for p in problems(portal) if "the link definition `[challenge]:`" in p]


def test_a_statement_with_sub_items_is_one_quotation(portal: Path) -> None:
    write(portal, "cafe", GOOD + "  - said at the end\n")
    pages = EntryPages(True)
    load(Sources(portal, pages=pages))
    html = pages.rendered["sessions/cafe.md"].html
    quotes = html.split('id="quotes">', 1)[1]
    assert quotes.count("<blockquote>") == 2 and "<p></p>" not in quotes
    assert "<blockquote>\n<p>Coffee helps.</p>\n<ul>" in quotes.replace("><", ">\n<")


def test_sessions_of_one_event_are_grouped_however_it_is_spelt(portal: Path, tmp_path: Path) -> None:
    # A word processor's apostrophe is the typewriter's too (`Parents’`).
    for at, event in enumerate(("Spring Meeting", "spring meeting", "Spring  Meeting", "Spring \u200bMeeting",
                                "Parents' Spring Meeting", "Parents\u2019 spring meeting")):
        write(portal, f"spring-{at}", GOOD.replace("Spring meeting", event))
    site = tmp_path / "site"
    result = mkdocs(portal, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    listing = (site / "sessions" / "index.html").read_text(encoding="utf-8")
    # The two example events, the sessions of none, the spring meeting, written four ways, and the parents' one.
    assert listing.count('<h2 id="event-') == 5 and 'id="event-spring-meeting"' in listing
    page = (site / "sessions" / "spring-0" / "index.html").read_text(encoding="utf-8")
    assert all(f"sessions/spring-{at}/" in page.split('id="same-event"')[1] for at in (1, 2, 3))
    parents = (site / "sessions" / "spring-4" / "index.html").read_text(encoding="utf-8")
    assert "sessions/spring-5/" in parents.split('id="same-event"')[1]


def test_the_workbook_counts_session_lessons_apart(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    site = tmp_path / "site"
    assert mkdocs(EXAMPLE, "build", "--site-dir", str(site)).returncode == 0
    rows = list(load_workbook(site / "exports" / "portal.xlsx")["categories"].iter_rows(values_only=True))
    assert rows[0][:3] == ("category", "findings", "session lessons")
    data = json.loads((site / "exports" / "findings.json").read_text(encoding="utf-8"))
    assert {row[0]: row[2] for row in rows[1:6]} == {**data["session_categories"],
                                                     "none": data["session_uncategorised"]}
    assert sum(data["session_categories"].values()) + data["session_uncategorised"] == sum(
        s["lessons"] for s in data["sessions"])
    # The lessons marked [challenge] are transfer candidates too, in the data, the workbook and on the page,
    # and they are the lessons counted as `challenge`.
    candidates = data["session_transfer_candidates"]
    assert len(candidates) == data["session_categories"]["challenge"] > 0
    assert [{"text": lesson["text"], "category": "challenge"} for lesson in candidates] == [
        lesson for s in data["sessions"] for lesson in s["key_lessons"] if lesson["category"] == "challenge"]
    # The lessons by tag, as the findings page groups them, each lesson under each of its session's tags.
    book = load_workbook(site / "exports" / "portal.xlsx")
    per_tag = Counter(row[0] for row in book["lessons"].iter_rows(min_row=2, values_only=True))
    assert per_tag == Counter(data["lessons_by_tag"]) and sum(per_tag.values()) > len(per_tag) > 1
    at = next(n for n, row in enumerate(rows) if row[:3] == ("transfer candidate", "session", "title"))
    assert [row[:2] for row in rows[at + 1:]] == [(c["text"], c["session"]) for c in candidates]
    page = BeautifulSoup((site / "findings" / "index.html").read_text(encoding="utf-8"), "html.parser")
    listed = page.find_all("ol", class_="px-candidates")[-1].find_all("li")
    assert [" ".join(li.span.get_text().split()) for li in listed] == [" ".join(c["text"].split()) for c in candidates]
    assert [li.a["href"] for li in listed] == [f"../sessions/{c['session']}/" for c in candidates]


def test_check_refuses_a_hand_written_page_among_the_sessions(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (portal / "docs" / "sessions").mkdir()
    (portal / "docs" / "sessions" / "index.md").write_text("# Mine\n", encoding="utf-8")
    assert main(["check", "--root", str(portal)]) != 0
    assert "docs/sessions/index.md: `sessions/` in the site belongs to the pages the plugin makes" in \
        capsys.readouterr().out


def test_new_refuses_a_slug_too_long_for_a_file_name(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "session", "a" * 260, "--root", str(portal), "--tags", "mentoring"]) != 0
    assert "260 characters long; keep a file name to at most 100" in capsys.readouterr().err
    assert sorted(p.name for p in (portal / "sessions").iterdir()) == sorted(f"{s}.md" for s in SEEDS)


def test_a_paragraph_of_endless_brackets_is_refused_at_once(portal: Path) -> None:
    write(portal, "cafe", GOOD.replace("- A café needs a fixed day.", "- " + "[a](" * 3000 + " [challenge]"))
    found = problems(portal)
    assert any(p.startswith("sessions/cafe.md:") and "more than 400 brackets `[`" in p for p in found), found


def test_markers_and_statuses_under_the_authors_own_headings_are_warned_about(portal: Path) -> None:
    """Found by a hostile review: under `## Next steps` or `## Follow-up` of a session, a marker or a
    status was shown as text and counted nowhere, with no message."""
    write(portal, "cafe", GOOD + "\n## Follow-up\n\n- Two more schools. [piloted]\n\n## Next steps\n\n"
                                 "- A shared framework. [challenge]\n")
    found = problems(portal)
    assert any("sessions/cafe.md:" in p and "`[piloted]` is a follow-up status, counted only under a visit's"
               " `## Follow-up`; here it is shown as text" in p for p in found), found
    assert any("sessions/cafe.md:" in p and "`[challenge]` is counted only under `## Key lessons`, not"
               " under `## Next steps`" in p for p in found), found


def test_a_sessions_translation_is_not_another_session_of_its_event(portal: Path, tmp_path: Path) -> None:
    """"More from <event>" listed a session's own translation as another session of the event, and in the
    order of the file names (a lead expert's review): each set once, as the sessions' listing orders them."""
    write(portal, "spring-b", GOOD.replace("Parents' café workshop", "A first talk").replace('"2021-07"', '"2021-05"'))
    write(portal, "spring-c", GOOD.replace("Parents' café workshop", "Early talk").replace('"2021-07"', '"2021-04"'))
    write(portal, "spring-a", GOOD.replace("Parents' café workshop", "Zoo of ideas"))
    german = GOOD.replace("Parents' café workshop", "Elterncafé").replace(
        "format: workshop", "format: workshop\nlang: de\ntranslations: {en: spring-a}")
    write(portal, "spring-a-de", german)
    # A translation whose counted version is of another event stands for itself in this one (a hostile review).
    write(portal, "autumn", GOOD.replace("Parents' café workshop", "Autumn talk").replace('"2021-07"', '"2021-06"')
          .replace("Spring meeting", "Autumn meeting").replace("format: workshop",
                                                                "format: workshop\ntranslations: {de: fruehjahr}"))
    write(portal, "fruehjahr", GOOD.replace("Parents' café workshop", "Frühjahrsgespräch").replace(
        '"2021-07"', '"2021-06"').replace("format: workshop", "format: workshop\nlang: de"))
    site = tmp_path / "site"
    result = mkdocs(portal, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr

    def listed(slug: str) -> list[str]:
        page = BeautifulSoup((site / "sessions" / slug / "index.html").read_text(encoding="utf-8"), "html.parser")
        heading = page.find(id="same-event")
        return [a["href"] for a in heading.find_parent("h2").find_next_sibling("ul").select("li > a")]

    # By date, as the listing orders sessions (the file names would put `spring-b` first).
    assert listed("spring-a") == listed("spring-a-de") == [
        "../../sessions/spring-c/", "../../sessions/spring-b/", "../../sessions/fruehjahr/"]
    assert listed("spring-b") == ["../../sessions/spring-c/", "../../sessions/fruehjahr/", "../../sessions/spring-a/"]
    assert listed("fruehjahr") == ["../../sessions/spring-c/", "../../sessions/spring-b/", "../../sessions/spring-a/"]


def test_a_findings_page_of_its_own_that_places_no_lessons_is_said(portal: Path, tmp_path: Path) -> None:
    """A lead expert's own findings page without the lessons' marker showed no lesson, though its table
    counted them by class; said in the log (leaving a block out may be meant, so not a warning)."""
    home = portal / "docs" / "index.md"
    home.write_text(home.read_text(encoding="utf-8").replace("<!-- findings:lessons -->", ""), encoding="utf-8")
    page = portal / "docs" / "findings.md"
    page.write_text("# What we found\n\n<!-- findings:categories -->\n", encoding="utf-8")
    said = "docs/findings.md places no `<!-- findings:lessons -->` block and no other page does"
    result = mkdocs(portal, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0 and said in result.stderr
    page.write_text("# What we found\n\n<!-- findings:categories -->\n\n<!-- findings:lessons -->\n", encoding="utf-8")
    result = mkdocs(portal, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 0 and "places no" not in result.stderr


def test_an_empty_section_of_a_session_is_warned_about(portal: Path) -> None:
    """A scaffold's headings left unwritten were published as headings over nothing (a new user's review);
    a guidance comment under a heading is no text of the page's."""
    text = GOOD + "\n## Methods\n\n<!-- How the session was run. -->\n\n## Next steps\n\nMeet again in May.\n"
    write(portal, "empty-methods", text)
    line = text.split("\n").index("## Methods") + 1
    assert [p for p in problems(portal) if "empty-methods" in p] == [
        f"sessions/empty-methods.md:{line}: body: the section `## Methods` is empty, so the page would show its"
        " heading over nothing; write it, or remove the heading"]


def test_the_generated_home_page_of_a_portal_of_sessions_speaks_of_sessions(tmp_path: Path) -> None:
    """Without a home page of its own, a portal of sessions alone was told it held 0 practices, 0 visits
    and 0 toolkit cards, and that its findings said who visited whom (a new user's review)."""
    root = tmp_path / "portal"
    shutil.copytree(EXAMPLE, root, ignore=shutil.ignore_patterns("site"))
    (root / "docs" / "index.md").unlink()
    site = tmp_path / "site"
    result = mkdocs(root, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").article
    held = [item.get_text(strip=True) for item in home.select(".px-home > ul")[0].select("li")]
    counted = json.loads((site / "exports" / "findings.json").read_text(encoding="utf-8"))["sessions"]
    assert held[0] == f"Sessions: {len(counted)}" and len(held) == 2  # and the tags
    ways = home.select(".px-home > ul")[1].get_text(" ", strip=True)
    assert "visit" not in ways and "the sessions' lessons by theme" in ways


def test_the_home_page_describes_the_city_pages_as_they_are(tmp_path: Path) -> None:
    """A portal of practices and sessions, without visits: the home page promised city pages "with its
    practices and the visits it made and received", which showed no visit (a hostile review)."""
    from conftest import copy_portal

    root = copy_portal(tmp_path)
    for visit in (root / "visits").glob("*.md"):
        visit.unlink()
    (root / "docs" / "index.md").unlink()
    (root / "sessions").mkdir()
    (root / "sessions" / "kick-off.md").write_text(
        "---\ntitle: Kick-off\ntags: [parents]\ndate: 2025-03\ncity: lyon\n---\n\n## Key lessons\n\n"
        "- Parents come when another parent invites them. [inspiration]\n", encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs(root, "build", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    ways = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").select(".px-home > ul")[1]
    assert "The partner cities, each with the entries about it." in ways.get_text(" ", strip=True).replace(" ,", ",")
    lyon = BeautifulSoup((site / "cities" / "lyon" / "index.html").read_text(encoding="utf-8"), "html.parser").article
    assert [dt.get_text() for dt in lyon.select(".px-facts dt")] == ["Country", "Role", "Practices", "Sessions"]
