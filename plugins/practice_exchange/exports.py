"""Open data for the lead expert: CSV per kind, one workbook, the whole portal and the findings as JSON.

Plain functions from the portal to files; the same content always gives the
same bytes (fixed column and key order, sorted entries, `\\n` line endings,
a fixed date inside the workbook).

The CSV files and the workbook are made for spreadsheets, which run a cell
that starts with `=` as a formula: an author's text must never become one.
CSV cells that could are neutralised in one place (`SpreadsheetCsv`); the
workbook stores every text as a string cell. The JSON files are data for
programs and keep every text exactly as written.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, is_dataclass
from dataclasses import fields as dataclass_fields
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TextIO

if TYPE_CHECKING:  # imported where the workbook is written: see `_xlsx`
    import xlsxwriter
    from xlsxwriter.format import Format
    from xlsxwriter.worksheet import Worksheet

from .content.base import Entry
from .content.fields import N_, Field, When, identity
from .content.kind import Kind
from .content.matrix import CATEGORIES, escaped
from .content.portal import Portal
from .content.registry import KINDS
from .findings import Findings, as_data

LIST_SEPARATOR = "; "

CSV_ENCODING = "utf-8-sig"
"""UTF-8 with a byte-order mark: without it, spreadsheets read UTF-8 as the local code page (`Ãšstí`)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection)."""

def fields(kind: Kind) -> list[Field]:
    """A kind's front-matter fields as its schema lists them, the title first."""
    return sorted(kind.schema.fields, key=lambda f: f.name != "title")


def columns(kind: Kind, gettext: Callable[[str], str] = identity) -> list[tuple[str, str]]:
    """Each CSV column of a kind and what it holds, for the exports page (in the portal's language):
    its slug, its fields, what it has besides, its page's address."""
    return [("slug", gettext("The entry's file name without .md.")), *((f.name, gettext(f.doc)) for f in fields(kind)),
            *((name, gettext(meaning)) for name, meaning, _ in kind.csv_extra),
            ("translation_of", gettext("For a translation, the entry the figures count in its place (its version in"
                                       " the portal's language); empty for an entry counted itself.")),
            ("url", gettext("The address of its page."))]


Counted = Callable[[Entry], Entry]  # the entry of its set of translations that the figures count


def _same(entry: Entry) -> Entry:
    return entry


def _translation_of(entry: Entry, counted: Counted) -> str | None:
    """The slug of the entry counted in this one's place, for a translation: adding up the rows counted
    each set of translations once per language, where the figures count it once (a lead expert's review)."""
    own = counted(entry)
    return None if own is entry else own.slug


def row(kind: Kind, entry: Entry, url: str, counted: Counted = _same) -> list[object]:
    return [entry.slug, *(_cell(getattr(entry, f.name)) for f in fields(kind)),
            *(value(entry) for _, _, value in kind.csv_extra), _translation_of(entry, counted) or "", url]


def record(kind: Kind, entry: Entry, url: str, counted: Counted = _same) -> dict[str, object]:
    return {"slug": entry.slug, **{f.name: _plain(getattr(entry, f.name)) if f.name != "translations"
                                   else dict(getattr(entry, f.name)) for f in fields(kind)},
            **{name: value(entry) for name, value in kind.json_extra},
            "translation_of": _translation_of(entry, counted), "url": url}


def csv_name(kind: Kind) -> str:
    return f"{kind.export}.csv"


def _cell(value: object) -> object:
    """A field's value in a CSV cell: lists joined, dates as YYYY-MM-DD, nothing as empty.

    A `;` inside a list's value (a delegate's `Anna Smith; Bob Jones`) is written `\\;`, a backslash
    `\\\\` (`escaped`): the cell splits into the list at each `; ` no lone backslash comes before.
    """
    if isinstance(value, tuple):
        # A list of pairs (translations: language, slug) as `de: slug`.
        return LIST_SEPARATOR.join(escaped(": ".join(v) if isinstance(v, tuple) else str(v), ";") for v in value)
    if isinstance(value, When):
        # A day is a date, as a visit's are (a real date in the workbook: a new user's review); a month
        # or a year alone as written, `2021-07`, which a spreadsheet keeps as text.
        return dt.date(value.year, value.month, value.day) if value.day else value.iso()
    return "" if value is None else value


def _plain(value: object) -> object:
    """A field's value as JSON data: lists, dates as YYYY-MM-DD, records as objects."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, When):
        return value.iso()
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclass_fields(value)}
    return value


WORKBOOK = "portal.xlsx"
STOP_ROWS = 200  # how often a sheet being written asks whether to stop (see `_add_sheet`)


def names(kinds: tuple[Kind, ...] = KINDS) -> tuple[str, ...]:
    """The files `write` makes, in that order."""
    return (*(csv_name(kind) for kind in kinds), WORKBOOK, "portal.json", "findings.json")


NAMES = names()
FOLDER = "exports"  # the site's folder of the data files
GRAPH = "network.svg"  # the picture of who visited whom, beside them


def site_files(kinds: tuple[Kind, ...] = KINDS) -> list[str]:
    """Every file of the exports folder, from the site's root: the data files and the picture."""
    return [f"{FOLDER}/{name}" for name in (*names(kinds), GRAPH)]


def neutralise(value: object) -> object:
    """A CSV cell that a spreadsheet shows as text and never runs as a formula.

    Text that starts with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
    leading `'`, as OWASP recommends against CSV injection: the spreadsheet then
    shows the text as it is. Numbers and empty cells stay as they are; any other
    value is checked as the text the CSV file will hold.
    """
    if value is None or isinstance(value, (int, float)):
        return value
    text = value if isinstance(value, str) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SpreadsheetCsv:
    """A CSV writer that passes every cell through `neutralise`.

    The one place where CSV cells are made safe, so that a column added later
    is safe without anyone remembering to.
    """

    def __init__(self, out: TextIO) -> None:
        self._writer = csv.writer(out, lineterminator="\n")

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([neutralise(cell) for cell in row])


def _table(portal: Portal, kind: Kind, urls: Mapping[str, str], counted: Counted = _same) -> Iterator[list[object]]:
    """A kind's header, then one row per entry: what both its CSV file and its sheet hold."""
    yield [name for name, _ in columns(kind)]
    for entry in portal.of(kind.name).values():
        yield row(kind, entry, urls[entry.src_uri], counted)


def _csv(out: TextIO, portal: Portal, kind: Kind, urls: Mapping[str, str], counted: Counted = _same) -> None:
    writer = SpreadsheetCsv(out)
    for row in _table(portal, kind, urls, counted):
        writer.writerow(row)


def _compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _portal_json(out: TextIO, portal: Portal, urls: Mapping[str, str], counted: Counted = _same) -> None:
    """Every city, tag, practice, visit (with its findings) and toolkit card, with page URLs.

    Written entry by entry, compact: a large portal's file never sits whole in memory.
    """
    network = portal.network
    head = {
        "network": {"name": network.name, "description": network.description, "lead_partner": network.lead_partner,
                    "lead_expert": network.lead_expert},
        "cities": [{"id": c.id, "name": c.name, "country": c.country, "url": urls[f"cities/{c.id}.md"]}
                   for c in network.cities.values()],
        "tags": [{"slug": t.slug, "label": t.label, "url": urls[f"tags/{t.slug}.md"]} for t in portal.tags.values()],
    }
    out.write(_compact(head)[:-1])
    for kind in portal.kinds:
        out.write(f',"{kind.export}":[')
        for at, entry in enumerate(portal.of(kind.name).values()):
            out.write(("," if at else "") + _compact(record(kind, entry, urls[entry.src_uri], counted)))
        out.write("]")
    out.write("}\n")


# The workbook ---------------------------------------------------------------

WORKBOOK_OPTIONS: dict[str, object] = {
    # A cell's type comes from the data, never from its text: `=…` stays text, not a formula.
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
    # Each row goes to a temporary file as soon as the next one begins, instead of every cell
    # being kept until the end (XlsxWriter's default, or `in_memory`): measured at 2,000 entries,
    # the helper process held 9 MiB more with `in_memory`. XlsxWriter gives each temporary file a
    # fixed date (31 January 1980) before zipping it, with mkstemp's fixed permissions, so the zip
    # entries are the same at every build.
    "constant_memory": True,
}

FIXED_DATE = dt.datetime(2000, 1, 1)
"""The workbook's date when SOURCE_DATE_EPOCH is not set: never the time of the build."""

CELL_LIMIT = 32767
"""The most characters a spreadsheet cell holds (Excel's limit)."""

Table = Iterable[Sequence[object]]
"""A header row, then the rows under it; read once, as the sheet is written."""


@dataclass(frozen=True)
class Sheet:
    """One sheet: its tables, one under the other, each with a header row."""

    name: str
    tables: tuple[Table, ...]
    filters: bool = True  # a filter button on each header cell (on a sheet of one table)
    frozen_columns: int = 0


@dataclass(frozen=True)
class Styles:
    """The workbook's two cell formats: made once, as XlsxWriter wants, shared by every sheet."""

    header: Format
    date: Format


def created() -> dt.datetime:
    """The workbook's creation date: from SOURCE_DATE_EPOCH if set, else `FIXED_DATE`.

    Never the current time, so that two builds of the same content give the same bytes.
    """
    try:
        return dt.datetime.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH", "")), dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        return FIXED_DATE


def _schedule(findings: Findings) -> list[list[object]]:
    rows: list[list[object]] = [["visit", "visitor", "host", "start", "end", "delegates"]]
    return rows + [[v.slug, v.visitor, v.host, v.start, v.end, v.delegate_count] for v in findings.schedule]


def _hosts(findings: Findings) -> list[list[object]]:
    return [["city", "name", "visits", "visitors", "practices"],
            *([h.city.id, h.city.name, len(h.visits), LIST_SEPARATOR.join(c.id for c in h.visitors),
               LIST_SEPARATOR.join(sorted(p.slug for p in h.practices))] for h in findings.hosts)]


def _categories(findings: Findings, gettext: Callable[[str], str] = identity) -> list[list[object]]:
    """Visit findings per category; with sessions, their lessons in a column of their own. The
    meanings in the portal's language, as the badges' titles and the findings page say them; the
    column names and the markers stay as the data files have them."""
    lessons = findings.session_categories
    none = gettext("Without a class")
    if lessons is None:
        return [["category", "findings", "meaning"],
                *([name, count, gettext(CATEGORIES[name])] for name, count in findings.categories.items()),
                ["none", findings.uncategorised, none]]
    return [["category", "findings", "session lessons", "meaning"],
            *([name, count, lessons[name], gettext(CATEGORIES[name])] for name, count in findings.categories.items()),
            ["none", findings.uncategorised, findings.session_uncategorised, none]]


def _candidates(findings: Findings) -> list[list[object]]:
    rows: list[list[object]] = [["transfer candidate", "visit", "visitor", "host", "section"]]
    return rows + [[f.plain, v.slug, v.visitor, v.host, f.section] for v, f in findings.candidates]


def _session_candidates(findings: Findings) -> list[list[object]]:
    """The session lessons marked [challenge], with their session; only where a session has one."""
    rows: list[list[object]] = [["transfer candidate", "session", "title"]]
    return rows + [[f.plain, s.slug, s.title] for s, f in findings.session_candidates]


def _transfer(findings: Findings) -> list[list[object]]:
    """What came of the ideas: each follow-up item with its visit, city and status."""
    rows: list[list[object]] = [["follow-up", "status", "visit", "city", "practices"]]
    transfer = findings.transfer
    return rows + [[item.plain, item.status, v.slug, v.visitor, LIST_SEPARATOR.join(transfer.practices(v, item))]
                   for v, item in transfer.items]


def _matrix(findings: Findings) -> list[list[object]]:
    """Visitors down, hosts across, the number of visits in each cell (empty for none), with totals."""
    cities = findings.cities
    counts = [[len(findings.visits_between(visitor.id, host.id)) or None for host in cities] for visitor in cities]
    received = [sum(row[at] or 0 for row in counts) for at in range(len(cities))]
    rows: list[list[object]] = [["visitor \\ host", *(c.name for c in cities), "visits made"]]
    rows += [[visitor.name, *row, sum(n or 0 for n in row)] for visitor, row in zip(cities, counts, strict=True)]
    return [*rows, ["visits received", *received, sum(received)]]


def _tags(findings: Findings, kinds: tuple[Kind, ...]) -> list[list[object]]:
    return [["tag", "label", *(kind.export for kind in kinds), "total"],
            *([u.slug, u.label, *(u.counts[kind.name] for kind in kinds), u.total] for u in findings.tags)]


def _practices_seen(findings: Findings) -> list[list[object]]:
    """Each practice the visits saw, most visits first, as the findings page's `practices` block."""
    rows: list[list[object]] = [["practice", "title", "visits", "seen by"]]
    return rows + [[p.slug, p.title, len(visits), LIST_SEPARATOR.join(v.slug for v in visits)]
                   for p, visits in findings.practices_seen]


def _visitors(findings: Findings) -> list[list[object]]:
    """Each visiting city's findings per class, and those without one (`categories_by_city`)."""
    rows: list[list[object]] = [["city", "name", *CATEGORIES, "none"]]
    return rows + [[city.id, city.name, *(counts[name] for name in CATEGORIES), without]
                   for city, counts, without in findings.categories_by_city]


def _lessons(findings: Findings) -> list[list[object]]:
    """The sessions' key lessons by tag, as the findings page groups them (a lesson under each of its tags)."""
    rows: list[list[object]] = [["tag", "label", "lesson", "category", "session"]]
    return rows + [[group.slug, group.label, lesson.plain, lesson.category or "", session.slug]
                   for group in findings.lessons for session, lesson in group.lessons]


FINDINGS_SHEETS: tuple[tuple[str, str], ...] = (
    ("schedule", N_("Every visit by date: visitor, host, first and last day, number of delegates.")),
    ("hosts", N_("Each hosting city, most visited first: its visits, its visitors and the practices they saw.")),
    ("categories", N_("How many findings fall in each category and how many have none; below, the transfer"
     " candidates (the findings marked [challenge]) with their visit or session.")),
    ("transfer", N_("What came of the ideas at home: each follow-up item with its status, its visit, the visiting"
     " city and the practices it names.")),
    ("matrix", N_("Who visited whom: one row per visiting city, one column per host, the number of visits in each"
     " cell, with the totals.")),
    ("tags", N_("How often each tag is used, per kind of entry.")),
    ("practices seen", N_("Each practice the visits saw, most visits first: how many visits saw it, and which.")),
    ("visitors", N_("The findings of each visiting city's visits per category, and those without one.")),
    ("lessons", N_("The key lessons of the sessions by tag, as the findings page groups them: a lesson of a"
     " session with several tags is under each, with its category and its session.")),
)
"""The sheets after the three kinds, and what each holds, for the exports page."""


def export_name_problem(name: str) -> str | None:
    """Why a declared kind's `export` name cannot name its CSV file, its workbook sheet and its key in
    portal.json, or None: a kind exported as `lessons` stopped the build with the spreadsheet library's
    traceback, and `check` passed it (a hostile review)."""
    taken = {kind.export.casefold() for kind in KINDS} | {sheet.casefold() for sheet, _ in FINDINGS_SHEETS} | {
        "network", "cities", "tags"}
    if name.casefold() in taken:
        return "a sheet or a part of the data files the portal writes has that name already"
    if len(name) > 31:
        return "it is longer than the 31 characters a workbook's sheet name may have"
    if not name.strip() or any(sign in name for sign in '[]:*?/\\'):
        return "it is no name for a file and a sheet (no `[ ] : * ? / \\`)"
    return None


def _sheets(portal: Portal, findings: Findings, urls: Mapping[str, str], counted: Counted = _same,
            gettext: Callable[[str], str] = identity) -> list[Sheet]:
    return [
        *(Sheet(kind.export, (_table(portal, kind, urls, counted),)) for kind in portal.kinds),
        Sheet("schedule", (_schedule(findings),)),
        Sheet("hosts", (_hosts(findings),)),
        # As the findings page shows them: the visits' candidates where there are visits (or no sessions either).
        Sheet("categories", (_categories(findings, gettext),
                             *((_candidates(findings),) if findings.shows_visits else ()),
                             *((_session_candidates(findings),) if findings.session_candidates else ())),
              filters=False),
        Sheet("transfer", (_transfer(findings),)),
        Sheet("matrix", (_matrix(findings),), filters=False, frozen_columns=1),
        Sheet("tags", (_tags(findings, portal.kinds),)),
        Sheet("practices seen", (_practices_seen(findings),)),
        Sheet("visitors", (_visitors(findings),)),
        Sheet("lessons", (_lessons(findings),)),
    ]


def _fit(text: str) -> str:
    """Text cut to what a cell holds, marked with an ellipsis where it was cut."""
    return text if len(text) <= CELL_LIMIT else text[:CELL_LIMIT - 1] + "…"


def _write_cell(sheet: Worksheet, row: int, col: int, value: object, styles: Styles, header: bool) -> None:
    """One cell, typed by its Python value: numbers, dates as YYYY-MM-DD, anything else as a text cell."""
    if value is None or value == "":
        return
    if isinstance(value, (int, float)):
        sheet.write_number(row, col, value)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, col, dt.datetime.combine(value, dt.time()), styles.date)
    else:
        sheet.write_string(row, col, _fit(str(value)), styles.header if header else None)


def _add_sheet(workbook: xlsxwriter.Workbook, sheet: Sheet, styles: Styles,
               stop: Callable[[], bool] = lambda: False) -> bool:
    """A sheet, written row by row, top to bottom, each row once, as constant-memory mode needs;
    False if `stop` said so on the way (asked every `STOP_ROWS` rows: a sheet of thousands of rows
    takes a while, and under `mkdocs serve` holds the processor a rebuild wants).

    Each column gets the width of its longest value (within reason), measured on the way.
    """
    worksheet = workbook.add_worksheet(sheet.name)
    widths: dict[int, int] = {}
    row = columns = 0
    for table in sheet.tables:
        first = row
        for values in table:
            for col, value in enumerate(values):
                _write_cell(worksheet, row, col, value, styles, header=row == first)
                if value is not None:
                    widths[col] = max(widths.get(col, 0), len(str(value)))
            columns = max(columns, len(values))
            row += 1
            if row % STOP_ROWS == 0 and stop():
                return False
        row += 1  # an empty row between tables
    for col, width in sorted(widths.items()):
        worksheet.set_column(col, col, min(width + 2, 50))
    if len(sheet.tables) == 1:
        worksheet.freeze_panes(1, sheet.frozen_columns)
        if sheet.filters:
            worksheet.autofilter(0, 0, max(row - 2, 1), columns - 1)
    return True


def _xlsx(path: Path, portal: Portal, findings: Findings, urls: Mapping[str, str],
          stop: Callable[[], bool] = lambda: False, counted: Counted = _same,
          gettext: Callable[[str], str] = identity) -> None:
    """The workbook: one sheet per kind (the rows of its CSV file), then the findings tables.

    Every text is written as a string cell, exact (no quote added): the cell type, not
    its first character, keeps it from being a formula. `stop` is asked before each sheet
    (the largest of the files: a workbook stopped half-way is left unfinished, and thrown away).
    """
    # Imported here, not with this module: imported before the helper process is forked, its
    # 7 MiB of modules grew the helper's own memory by 8 MiB at 2,000 entries (measured with
    # bench/run.py; the garbage collector touches their pages), against 3 MiB imported here.
    import xlsxwriter

    # Its temporary files in the build's scratch folder, which the build removes whatever happens.
    workbook = xlsxwriter.Workbook(str(path), {**WORKBOOK_OPTIONS, "tmpdir": str(path.parent)})
    workbook.set_properties({"title": f"{portal.network.name}: good-practice exchange data", "created": created()})
    styles = Styles(workbook.add_format({"bold": True}), workbook.add_format({"num_format": "yyyy-mm-dd"}))
    for sheet in _sheets(portal, findings, urls, counted, gettext):
        if stop() or not _add_sheet(workbook, sheet, styles, stop):
            return
    workbook.close()


# All the files --------------------------------------------------------------


def _text_file(path: Path, fill: Callable[[TextIO], object], encoding: str = "utf-8") -> None:
    with open(path, "w", encoding=encoding, newline="") as out:
        fill(out)


def write(folder: Path, portal: Portal, findings: Findings, urls: Mapping[str, str],
          stop: Callable[[], bool] = lambda: False, counted: Counted = _same,
          gettext: Callable[[str], str] = identity) -> None:
    """Write every export file (`NAMES`) into `folder`; `urls` maps a page's `src_uri` to its address,
    `counted` an entry to the one of its translations the figures count (`Index.counted_one`).

    `stop` is asked before each file: a newer rebuild of `mkdocs serve` waits for these no longer
    than one file takes (the files are then thrown away)."""
    writers: dict[str, Callable[[Path], None]] = {
        **{csv_name(kind): partial(_text_file, fill=partial(_csv, portal=portal, kind=kind, urls=urls, counted=counted),
                                   encoding=CSV_ENCODING) for kind in portal.kinds},
        WORKBOOK: partial(_xlsx, portal=portal, findings=findings, urls=urls, stop=stop, counted=counted,
                          gettext=gettext),
        "portal.json": partial(_text_file, fill=partial(_portal_json, portal=portal, urls=urls, counted=counted)),
        "findings.json": partial(_text_file, fill=lambda out: out.write(_json(as_data(findings, portal.kinds)))),
    }
    for name in names(portal.kinds):
        if stop():
            return
        writers[name](folder / name)


class Export(NamedTuple):
    """One file on the exports page: its name, what it holds, and its columns (or sheets)."""

    name: str
    description: str
    parts: list[tuple[str, str]]
    part: str = "Column"
    # A CSV file's rows below its header, which the page gives: a file of none holds a header alone.
    rows: int | None = None


def catalogue(kinds: tuple[Kind, ...] = KINDS, gettext: Callable[[str], str] = identity,
              rows: Mapping[str, int] | None = None) -> list[Export]:
    """What each export file holds, for the exports page, in the portal's language; `rows`, each
    kind's number of entries, the rows of its CSV file below the header."""
    sheets = [*((kind.export, gettext("The columns of %(file)s, one row per entry of the kind %(kind)s.")
                 % {"file": csv_name(kind), "kind": gettext(kind.label)}) for kind in kinds),
              *((name, gettext(meaning)) for name, meaning in FINDINGS_SHEETS)]
    return [
        Export(WORKBOOK, gettext(
            "Everything a spreadsheet needs, in one workbook that Excel, LibreOffice Calc and Google Sheets open"
            " directly, with the right letters and columns whatever the language of the computer: one sheet per"
            " kind of entry, then the findings tables. Each text is exactly as written, and is always shown as"
            " text, never run as a formula; dates are real dates."), sheets, gettext("Sheet")),
        *(Export(csv_name(kind), " ".join(filter(None, (
            gettext("One row per entry of the kind %(kind)s.") % {"kind": gettext(kind.label)},
            gettext(kind.export_note) if kind.export_note else ""))), columns(kind, gettext), gettext("Column"),
                 None if rows is None else rows.get(kind.name, 0))
          for kind in kinds),
        Export("portal.json", gettext(
            "Everything in one file: the network, its cities and tags, then every entry of each kind (%(kinds)s),"
            " each with its page's address; a visit with its findings (section, text, category).")
            % {"kinds": ", ".join(kind.export for kind in kinds)} + " " + gettext(
            "A visit's `follow_up` lists what came of its ideas: each item's text, its status and the practices"
            " it names."), [], gettext("Column")),
        Export("findings.json", gettext(
            "The findings summary's figures: the number of visits; the hosts, most visited first, with their"
            " visitors and the practices seen; the partners never visited (`never_hosted`) and those that made"
            " no visit (`never_visited`); the findings per category and the transfer candidates; the visitor ×"
            " host matrix; tag use; the schedule by date.") + " " + gettext(
            "Then what came of the ideas at home (`transfer`: each status's count, and every follow-up item);"
            " the practices the visits saw, with how many visits saw each (`practices_seen`); the findings per"
            " category for each visiting city (`categories_by_city`, and those without a category,"
            " `uncategorised_by_city`); and the session reports with their lessons (`sessions`), the lessons"
            " per tag (`lessons_by_tag`) and per category (`session_categories`, `session_uncategorised`).")
            + " " + gettext(
                "The session lessons marked [challenge], with their session: `session_transfer_candidates`."),
            [], gettext("Column")),
        Export(GRAPH, gettext("The picture of who visited whom, as on the findings page."), [],
               gettext("Column")),
    ]
