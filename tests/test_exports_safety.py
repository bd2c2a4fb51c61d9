"""Hostile text in the exports: CSV cells never start a formula, the workbook keeps text as text, JSON stays exact.

A copy of the fixture portal gets author text that a spreadsheet would run as a
formula (`=HYPERLINK(…)`, `+1 risky`, `@admin`, a finding starting with `=`)
and letters that a spreadsheet misreads without a byte-order mark (`Ústí`).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup

from conftest import assert_identical_sites, copy_portal, mkdocs
from practice_exchange import exports
from practice_exchange import index as index_module
from practice_exchange.content import Sources, load
from practice_exchange.findings import summarise

HYPERLINK = '=HYPERLINK("http://evil.example/","KAAP")'
FINDING = "=SUM(1,2) in the first cell of every sheet"
USTI_TITLE = "Lyon learns in Ústí nad Labem"
KINDS = ("practices", "visits", "toolkit")
SHEETS = ["practices", "visits", "toolkit", "sessions", "schedule", "hosts", "categories", "transfer", "matrix", "tags",
          "practices seen", "visitors", "lessons"]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
PIPED = ("Parents | teachers | pupils meet weekly", "Two rooms: A|B")


def replace(path: Path, old: str, new: str) -> None:
    """Change one line of a fixture file; fails if the fixture no longer has it."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def hostile_portal(target: Path) -> Path:
    """A copy of the fixture portal with text that spreadsheets would take for formulas."""
    root = copy_portal(target)
    club = root / "practices" / "reading-club.md"
    replace(club, "title: Reading club <for> parents & children", f"title: '{HYPERLINK}'")
    replace(club, "organisation: City of Lyon", "organisation: '+1 risky'")
    visit = root / "visits" / "2014-03-lyon-usti.md"
    # A `;` inside a list's value, and a value ending in a backslash: the list cell's separator and escape.
    replace(visit, "delegates: [Ann Smith, Bo Berg]", 'delegates: ["@admin", "Bo Berg; Cy Dahl", "C:\\\\"]')
    replace(visit, "title: Lyon learns about language steps", f"title: {USTI_TITLE}")
    replace(visit, "- Ask schools to host one class for parents. [challenge]", f"- {FINDING} [challenge]")
    replace(root / "toolkit" / "roundtable.md", "organisation: Example Org", "organisation: '-2 Example Org'")
    # A `|` inside a finding or a step, and one ending it: the CSV cell's own separator.
    replace(visit, "- Classes are built around school life. [inspiration]",
            f"- {PIPED[0]} [inspiration]\n- {PIPED[1]} [information]")
    replace(root / "toolkit" / "roundtable.md", "1. Map the partners.", f"1. {PIPED[0]}")
    return root


def build(root: Path) -> Path:
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site" / "exports"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile portal's exports folder, built without SOURCE_DATE_EPOCH."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        return build(hostile_portal(tmp_path_factory.mktemp("hostile")))


def read_csv(folder: Path, kind: str) -> list[list[str]]:
    with open(folder / f"{kind}.csv", encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def by_slug(rows: list[list[str]], slug: str) -> dict[str, str]:
    header = rows[0]
    return dict(zip(header, next(r for r in rows[1:] if r[0] == slug), strict=True))


def split_cell(cell: str, separator: str) -> list[str]:
    """A CSV cell of several values read back as the README says: split at each separator no lone
    backslash comes before, then a backslash keeps the character after it."""
    values, value, at = [], "", 0
    while at < len(cell):
        if cell[at] == "\\" and at + 1 < len(cell):
            value, at = value + cell[at + 1], at + 2
        elif cell.startswith(separator, at):
            values, value, at = [*values, value], "", at + len(separator)
        else:
            value, at = value + cell[at], at + 1
    return [*values, value]


def sheet_text(value: object) -> str:
    """A workbook cell as its CSV cell's text before neutralising: dates as YYYY-MM-DD, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value)


# The neutralising function -------------------------------------------------


@pytest.mark.parametrize("first", DANGEROUS)
def test_neutralise_prefixes_every_dangerous_first_character(first: str) -> None:
    assert exports.neutralise(f"{first}cmd|' /C calc'!A0") == f"'{first}cmd|' /C calc'!A0"
    assert exports.neutralise(first) == f"'{first}"


@pytest.mark.parametrize("value", ["KAAP", "Ústí nad Labem", "a=b+c", "x-y", "'quoted", "", "1 + 1", " x"])
def test_neutralise_leaves_safe_text_alone(value: str) -> None:
    assert exports.neutralise(value) == value


def test_neutralise_leaves_numbers_and_nothing_alone_and_checks_other_values_as_text() -> None:
    assert exports.neutralise(2011) == 2011
    assert exports.neutralise(-5) == -5
    assert exports.neutralise(None) is None
    assert exports.neutralise(dt.date(2014, 3, 12)) == "2014-03-12"


def test_the_csv_writer_neutralises_every_cell() -> None:
    out = io.StringIO()
    exports.SpreadsheetCsv(out).writerow(["=1+1", "+1", 3, "safe", "@x; y", "-"])
    assert out.getvalue() == "'=1+1,'+1,3,safe,'@x; y,'-\n"


# The CSV files ---------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_csv_files_are_utf8_with_a_byte_order_mark_and_commas(built: Path, kind: str) -> None:
    raw = (built / f"{kind}.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8 + b"slug,title,")
    assert raw.count(codecs.BOM_UTF8) == 1


def test_dangerous_csv_cells_start_with_an_apostrophe(built: Path) -> None:
    club = by_slug(read_csv(built, "practices"), "reading-club")
    assert club["title"] == "'" + HYPERLINK
    assert club["organisation"] == "'+1 risky"
    visit = by_slug(read_csv(built, "visits"), "2014-03-lyon-usti")
    # One delegate's `;` is escaped: the cell splits into two names, not three (a hostile review).
    assert visit["delegates"] == "'@admin; Bo Berg\\; Cy Dahl; C:\\\\"
    assert split_cell(visit["delegates"][1:], "; ") == ["@admin", "Bo Berg; Cy Dahl", "C:\\"]
    assert visit["transferable_ideas"] == f"'{FINDING} [challenge]"
    assert visit["title"] == USTI_TITLE
    card = by_slug(read_csv(built, "toolkit"), "roundtable")
    assert card["organisation"] == "'-2 Example Org"
    assert card["license"] == "CC BY-NC-ND 4.0"


def test_a_bar_inside_a_finding_or_a_step_does_not_split_it_in_the_csv(built: Path) -> None:
    """Several findings share a cell, joined with ` | `: a finding holding ` | ` read as two (a hostile review)."""
    visit = by_slug(read_csv(built, "visits"), "2014-03-lyon-usti")
    items = split_cell(visit["key_learning_points"], " | ")
    assert items == [f"{PIPED[0]} [inspiration]", f"{PIPED[1]} [information]"]
    steps = by_slug(read_csv(built, "toolkit"), "roundtable")["steps"].split(" | ")
    assert steps[0].replace("\\|", "|") == PIPED[0] and len(steps) == 3
    # The JSON keeps each finding's text exactly as written.
    data = json.loads((built / "portal.json").read_text(encoding="utf-8"))
    visit_data = next(v for v in data["visits"] if v["slug"] == "2014-03-lyon-usti")
    assert [f["text"] for f in visit_data["findings"] if f["section"] == "learning"] == list(PIPED)


@pytest.mark.parametrize("kind", KINDS)
def test_no_csv_cell_starts_a_formula(built: Path, kind: str) -> None:
    cells = [cell for row in read_csv(built, kind) for cell in row]
    assert [c for c in cells if c.startswith(DANGEROUS)] == []


# The workbook ------------------------------------------------------------------


def test_workbook_sheets_and_their_header_rows(built: Path) -> None:
    book = openpyxl.load_workbook(built / "portal.xlsx")
    assert book.sheetnames == SHEETS
    for kind in KINDS:
        sheet = book[kind]
        assert [c.value for c in sheet[1]] == read_csv(built, kind)[0]
        assert all(c.font.b for c in sheet[1])
        assert sheet.freeze_panes == "A2"


def test_workbook_keeps_author_text_exact_and_as_text(built: Path) -> None:
    book = openpyxl.load_workbook(built / "portal.xlsx")
    practices = book["practices"]
    header = [c.value for c in practices[1]]
    club = next(row for row in practices.iter_rows(min_row=2) if row[0].value == "reading-club")
    title, organisation = club[header.index("title")], club[header.index("organisation")]
    assert (title.value, title.data_type) == (HYPERLINK, "s")
    assert (organisation.value, organisation.data_type) == ("+1 risky", "s")
    candidates = [c for row in book["categories"].iter_rows() for c in row if c.value == FINDING]
    assert len(candidates) == 1 and candidates[0].data_type == "s"
    assert [c.coordinate for sheet in book for row in sheet.iter_rows() for c in row if c.data_type == "f"] == []


def test_workbook_holds_no_formula_at_all(built: Path) -> None:
    with zipfile.ZipFile(built / "portal.xlsx") as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == len(SHEETS)
        assert [n for n in sheets if b"<f>" in archive.read(n) or b"<f " in archive.read(n)] == []


@pytest.mark.parametrize("kind", KINDS)
def test_workbook_rows_match_the_csv_rows(built: Path, kind: str) -> None:
    rows = read_csv(built, kind)
    sheet = openpyxl.load_workbook(built / "portal.xlsx")[kind]
    cells = [[sheet_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert len(cells) == len(rows) > 1
    assert [[exports.neutralise(c) for c in row] for row in cells] == rows


def test_workbook_findings_sheets_match_findings_json(built: Path) -> None:
    data = json.loads((built / "findings.json").read_text(encoding="utf-8"))
    book = openpyxl.load_workbook(built / "portal.xlsx")
    schedule = [[sheet_text(v) for v in row] for row in book["schedule"].iter_rows(min_row=2, values_only=True)]
    assert schedule == [[s["visit"], s["visitor"], s["host"], s["start"], s["end"], sheet_text(s["delegates"])]
                        for s in data["schedule"]]
    hosts = [row[:3] for row in book["hosts"].iter_rows(min_row=2, values_only=True)]
    assert [(h[0], h[2]) for h in hosts] == [(h["city"], h["visits"]) for h in data["hosts"]]
    assert ("usti", "Ústí nad Labem", 1) in hosts
    categories = list(book["categories"].iter_rows(min_row=2, values_only=True))
    counts = {row[0]: row[1] for row in categories[:categories.index((None,) * len(categories[0]))]}
    assert counts == {**data["categories"], "none": data["uncategorised"]}
    matrix = list(book["matrix"].iter_rows(values_only=True))
    names = {c["id"]: c["name"] for c in json.loads((built / "portal.json").read_text(encoding="utf-8"))["cities"]}
    hosts_across = list(matrix[0][1:-1])
    counted = {(row[0], host): n for row in matrix[1:-1] for host, n in zip(hosts_across, row[1:-1], strict=True) if n}
    assert counted == {(names[m["visitor"]], names[m["host"]]): len(m["visits"]) for m in data["matrix"]}
    assert matrix[-1][-1] == data["visits"]
    # What the findings page shows beside them, for the lead expert's own tables (a lead expert's review).
    seen = [(row[0], row[2]) for row in book["practices seen"].iter_rows(min_row=2, values_only=True)]
    assert seen == [(p["practice"], p["visits"]) for p in data["practices_seen"]] and seen
    by_city = {row[0]: dict(zip([*data["categories"], "none"], row[2:], strict=True))
               for row in book["visitors"].iter_rows(min_row=2, values_only=True)}
    assert by_city == {city: {**counts, "none": data["uncategorised_by_city"][city]}
                       for city, counts in data["categories_by_city"].items()}
    lessons = Counter(row[0] for row in book["lessons"].iter_rows(min_row=2, values_only=True))
    assert lessons == Counter(data["lessons_by_tag"]) and len(lessons) == len(data["lessons_by_tag"])


def test_workbook_zip_entries_and_date_are_fixed(built: Path) -> None:
    with zipfile.ZipFile(built / "portal.xlsx") as archive:
        dates = {info.date_time for info in archive.infolist()}
        assert len(dates) == 1 and dates.pop()[:1] == (1980,)  # XlsxWriter's own date, not the build's
        assert len({info.external_attr for info in archive.infolist()}) == 1
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert '<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>' in core


def test_workbook_date_follows_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert exports.created() == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "not a number")
    assert exports.created() == exports.FIXED_DATE
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert exports.created() == exports.FIXED_DATE


# Determinism, in process and through the mkdocs command --------------------------


class Addresses(dict[str, str]):
    """Any page's address, made up from its source path: enough for writing the exports."""

    def __missing__(self, src_uri: str) -> str:
        return src_uri.removesuffix(".md") + "/"


def written(folder: Path, root: Path) -> Iterator[tuple[str, bytes]]:
    portal, report = load(Sources(root))
    assert portal is not None and report.error_count == 0
    folder.mkdir()
    exports.write(folder, portal, summarise(index_module.build(portal)), Addresses())
    for name in exports.NAMES:
        yield name, (folder / name).read_bytes()


def test_writing_twice_gives_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    root = hostile_portal(tmp_path)
    first, second = dict(written(tmp_path / "a", root)), dict(written(tmp_path / "b", root))
    assert list(first) == list(exports.NAMES) and "portal.xlsx" in first
    assert first == second
    assert first["portal.xlsx"].startswith(b"PK\x03\x04")


def test_two_builds_give_identical_exports(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    again = build(hostile_portal(tmp_path))
    files = assert_identical_sites(built, again)
    assert {"portal.xlsx", "practices.csv", "visits.csv", "toolkit.csv", "portal.json"} <= set(files)


# JSON stays exact ---------------------------------------------------------------


def test_json_exports_keep_the_exact_text(built: Path) -> None:
    data = json.loads((built / "portal.json").read_text(encoding="utf-8"))
    club = next(p for p in data["practices"] if p["slug"] == "reading-club")
    assert (club["title"], club["organisation"]) == (HYPERLINK, "+1 risky")
    visit = next(v for v in data["visits"] if v["slug"] == "2014-03-lyon-usti")
    assert visit["delegates"] == ["@admin", "Bo Berg; Cy Dahl", "C:\\"] and visit["title"] == USTI_TITLE
    assert FINDING in [f["text"] for f in visit["findings"]]
    findings = json.loads((built / "findings.json").read_text(encoding="utf-8"))
    assert FINDING in [c["text"] for c in findings["transfer_candidates"]]
    assert not (built / "portal.json").read_bytes().startswith(codecs.BOM_UTF8)


# The exports page ---------------------------------------------------------------


def test_exports_page_explains_the_spreadsheet_safety(built: Path) -> None:
    page = BeautifulSoup((built / "index.html").read_text(encoding="utf-8"), "html.parser").select_one("article")
    text = " ".join(page.get_text().split())
    assert next(a["href"] for a in page.select("h2 a[download]")) == "portal.xlsx"
    assert "byte-order mark" in text and "separated by commas" in text
    assert "apostrophe" in text and "import dialog" not in text
    sheets = [code.get_text() for code in page.find("h2", id="portal-xlsx").find_next("table").select("td code")]
    assert sheets == SHEETS


def test_a_text_longer_than_a_cell_is_cut_visibly_and_kept_whole_elsewhere() -> None:
    from practice_exchange.exports import CELL_LIMIT, _fit

    long = "x" * (CELL_LIMIT + 10)
    cut = _fit(long)
    assert len(cut) == CELL_LIMIT and cut.endswith("…") and cut[:-1] == long[: CELL_LIMIT - 1]
    assert _fit("short") == "short"


def test_a_newer_rebuild_stops_the_writing_between_files(tmp_path: Path) -> None:
    """Under `mkdocs serve` the files are written after the page is shown; a newer save stops them
    after the file being written, instead of waiting for the whole set."""
    portal, report = load(Sources(hostile_portal(tmp_path)))
    assert portal is not None and report.error_count == 0
    findings = summarise(index_module.build(portal))
    asked: list[int] = []

    def stop_after_two() -> bool:
        asked.append(1)
        return len(asked) > 2

    folder = tmp_path / "stopped"
    folder.mkdir()
    exports.write(folder, portal, findings, Addresses(), stop=stop_after_two)
    names = exports.names(portal.kinds)
    assert sorted(p.name for p in folder.iterdir()) == sorted(names[:2]) and len(names) > 2
    # Asked again before each sheet of the workbook, the largest file: stopped there, it is not finished.
    asked.clear()
    # One check before each file up to the workbook, one before its first sheet: it stops before the second.
    inside = names.index(exports.WORKBOOK) + 2
    workbook = tmp_path / "workbook"
    workbook.mkdir()
    exports.write(workbook, portal, findings, Addresses(), stop=lambda: asked.append(1) or len(asked) > inside)
    written = {p.name for p in workbook.iterdir()}  # with the workbook's scratch file, thrown away with the folder
    assert set(names) & written == set(names[:names.index(exports.WORKBOOK)])
    everything = tmp_path / "everything"
    everything.mkdir()
    exports.write(everything, portal, findings, Addresses())
    assert sorted(p.name for p in everything.iterdir()) == sorted(names)


def test_a_newer_rebuild_stops_a_long_sheet_part_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A sheet of thousands of rows is asked every few hundred rows, not only before it begins."""
    portal, report = load(Sources(hostile_portal(tmp_path)))
    assert portal is not None and report.error_count == 0
    findings = summarise(index_module.build(portal))
    monkeypatch.setattr(exports, "STOP_ROWS", 2)
    asked: list[int] = []
    workbook = tmp_path / "portal.xlsx"
    # Asked before the first sheet (go on), then after its second row (stop).
    exports._xlsx(workbook, portal, findings, Addresses(), stop=lambda: asked.append(1) or len(asked) > 1)
    assert len(asked) == 2 and not workbook.exists()


def test_the_exports_page_says_how_many_rows_each_csv_file_holds(tmp_path: Path) -> None:
    """A kind without entries still has its file, of a header row alone: the page says so, not only
    what its columns would hold."""
    root = copy_portal(tmp_path)
    for card in (root / "toolkit").glob("*.md"):
        card.unlink()
    site = tmp_path / "site"
    result = mkdocs(root, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((site / "exports" / "index.html").read_text(encoding="utf-8"), "html.parser")
    for kind in exports.KINDS:
        name = exports.csv_name(kind)
        lines = (site / "exports" / name).read_text(encoding="utf-8-sig").splitlines()
        said = " ".join(page.find(id=name.replace(".", "-")).find_next("p").get_text().split())
        if len(lines) == 1:
            assert said.endswith("The portal has no entry of this kind yet: the file holds its header row alone.")
        else:
            rows = len(list(csv.reader(io.StringIO("\n".join(lines))))) - 1
            assert rows > 1 and said.endswith(f"It holds {rows} rows below its header."), said
    assert (site / "exports" / "toolkit.csv").read_text(encoding="utf-8-sig").count("\n") == 1
