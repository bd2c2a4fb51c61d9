"""Open data for the lead expert: CSV per kind, the whole portal and the findings as JSON.

Plain functions from the portal to text; the same content always gives the
same bytes (fixed column and key order, sorted entries, `\\n` line endings).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TextIO

from .content.matrix import SECTIONS, Finding
from .content.portal import Portal
from .content.practice import Practice
from .content.toolkit import ToolkitCard
from .content.visit import Visit
from .findings import Findings, as_data

LIST_SEPARATOR = "; "
FINDING_SEPARATOR = " | "

Column = tuple[str, str, Callable[[object], object]]


def _joined(values: Iterable[object]) -> str:
    return LIST_SEPARATOR.join(str(v) for v in values)


def _finding_text(finding: Finding) -> str:
    text = finding.plain
    return f"{text} [{finding.category}]" if finding.category else text


def _section(key: str) -> Callable[[object], object]:
    return lambda v: FINDING_SEPARATOR.join(_finding_text(f) for f in v.section_findings(key))  # type: ignore[attr-defined]


PRACTICE_COLUMNS: tuple[Column, ...] = (
    ("slug", "the practice's file name without .md", lambda p: p.slug),
    ("title", "its title", lambda p: p.title),
    ("city", "the id of its city", lambda p: p.city),
    ("summary", "one or two sentences", lambda p: p.summary),
    ("tags", "its tags, joined with `; `", lambda p: _joined(p.tags)),
    ("organisation", "who runs it", lambda p: p.organisation),
    ("started", "the year it started", lambda p: p.started),
    ("website", "its web address", lambda p: p.website),
    ("contact", "whom to ask", lambda p: p.contact),
    ("related", "related practices, joined with `; `", lambda p: _joined(p.related)),
    ("url", "its page", lambda p: None),
)

VISIT_COLUMNS: tuple[Column, ...] = (
    ("slug", "the visit's file name without .md", lambda v: v.slug),
    ("title", "its title", lambda v: v.title),
    ("visitor", "the id of the visiting city", lambda v: v.visitor),
    ("host", "the id of the hosting city", lambda v: v.host),
    ("start", "the first day, YYYY-MM-DD", lambda v: v.start.isoformat()),
    ("end", "the last day, YYYY-MM-DD", lambda v: v.end.isoformat()),
    ("delegates", "how many went, or their names joined with `; `",
     lambda v: _joined(v.delegates) if isinstance(v.delegates, tuple) else v.delegates),
    ("practices", "the practices seen, joined with `; `", lambda v: _joined(v.practices)),
    ("tags", "its tags, joined with `; `", lambda v: _joined(v.tags)),
    *((heading.lower().replace(" ", "_"), f"the findings of `{heading}`, joined with ` | `, each followed by"
       " its [category] if it has one; as plain text", _section(key)) for key, heading, _ in SECTIONS),
    ("url", "its page", lambda v: None),
)

TOOLKIT_COLUMNS: tuple[Column, ...] = (
    ("slug", "the card's file name without .md", lambda c: c.slug),
    ("title", "its title", lambda c: c.title),
    ("summary", "what it is for", lambda c: c.summary),
    ("difficulty", "easy, medium or professional", lambda c: c.difficulty),
    ("tags", "its tags, joined with `; `", lambda c: _joined(c.tags)),
    ("author", "who wrote it", lambda c: c.author),
    ("organisation", "the author's organisation", lambda c: c.organisation),
    ("source", "the toolkit it comes from", lambda c: c.source),
    ("source_url", "where the original is", lambda c: c.source_url),
    ("license", "its licence", lambda c: c.license),
    ("equipment", "what it needs, `item × count`, joined with `; `",
     lambda c: _joined(f"{e.item} × {e.count}" if e.count else e.item for e in c.equipment)),
    ("practices", "related practices, joined with `; `", lambda c: _joined(c.practices)),
    ("steps", "its steps, joined with ` | `", lambda c: FINDING_SEPARATOR.join(" ".join(s.split()) for s in c.steps)),
    ("url", "its page", lambda c: None),
)

NAMES = ("practices.csv", "visits.csv", "toolkit.csv", "portal.json", "findings.json")
"""The files `write` makes, in that order."""

COLUMNS = {"practices.csv": PRACTICE_COLUMNS, "visits.csv": VISIT_COLUMNS, "toolkit.csv": TOOLKIT_COLUMNS}


def _csv(out: TextIO, entries: Iterable[object], columns: Sequence[Column], urls: Mapping[str, str]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _, _ in columns])
    for entry in entries:
        row = [value(entry) for _, _, value in columns[:-1]]
        row.append(urls[entry.src_uri])  # type: ignore[attr-defined]
        writer.writerow(["" if cell is None else cell for cell in row])


def _compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _practice(p: Practice, urls: Mapping[str, str]) -> dict[str, object]:
    return {"slug": p.slug, "title": p.title, "city": p.city, "summary": p.summary, "tags": list(p.tags),
            "organisation": p.organisation, "started": p.started, "website": p.website, "contact": p.contact,
            "related": list(p.related), "url": urls[p.src_uri]}


def _visit(v: Visit, urls: Mapping[str, str]) -> dict[str, object]:
    delegates = list(v.delegates) if isinstance(v.delegates, tuple) else v.delegates
    return {"slug": v.slug, "title": v.title, "visitor": v.visitor, "host": v.host, "start": v.start.isoformat(),
            "end": v.end.isoformat(), "delegates": delegates, "practices": list(v.practices), "tags": list(v.tags),
            "findings": [{"section": f.section, "text": f.plain, "markdown": f.text, "category": f.category}
                         for f in v.findings],
            "url": urls[v.src_uri]}


def _card(c: ToolkitCard, urls: Mapping[str, str]) -> dict[str, object]:
    return {"slug": c.slug, "title": c.title, "summary": c.summary, "difficulty": c.difficulty, "tags": list(c.tags),
            "author": c.author, "organisation": c.organisation, "source": c.source, "source_url": c.source_url,
            "license": c.license, "equipment": [{"item": e.item, "count": e.count} for e in c.equipment],
            "practices": list(c.practices), "steps": list(c.steps), "url": urls[c.src_uri]}


def _portal_json(out: TextIO, portal: Portal, urls: Mapping[str, str]) -> None:
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
    for key, entries, item in (("practices", portal.practices, _practice), ("visits", portal.visits, _visit),
                               ("toolkit", portal.toolkit, _card)):
        out.write(f',"{key}":[')
        for at, entry in enumerate(entries.values()):
            out.write(("," if at else "") + _compact(item(entry, urls)))  # type: ignore[operator]
        out.write("]")
    out.write("}\n")


def write(folder: Path, portal: Portal, findings: Findings, urls: Mapping[str, str]) -> None:
    """Write every export file (`NAMES`) into `folder`; `urls` maps a page's `src_uri` to its address."""
    writers: dict[str, Callable[[TextIO], None]] = {
        "practices.csv": lambda out: _csv(out, portal.practices.values(), PRACTICE_COLUMNS, urls),
        "visits.csv": lambda out: _csv(out, portal.visits.values(), VISIT_COLUMNS, urls),
        "toolkit.csv": lambda out: _csv(out, portal.toolkit.values(), TOOLKIT_COLUMNS, urls),
        "portal.json": lambda out: _portal_json(out, portal, urls),
        "findings.json": lambda out: out.write(_json(as_data(findings))),
    }
    for name in NAMES:
        with open(folder / name, "w", encoding="utf-8", newline="") as out:
            writers[name](out)


def catalogue() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """What each export file holds, for the exports page: name, description, columns."""
    def columns(name: str) -> list[tuple[str, str]]:
        return [(column, meaning) for column, meaning, _ in COLUMNS[name]]

    return [
        ("practices.csv", "One row per good practice.", columns("practices.csv")),
        ("visits.csv", "One row per bilateral visit, with its findings per matrix section.", columns("visits.csv")),
        ("toolkit.csv", "One row per toolkit card.", columns("toolkit.csv")),
        ("portal.json", "Everything in one file: the network, its cities and tags, every practice, every visit with"
         " its findings (section, text, category) and every toolkit card, each with its page's address.", []),
        ("findings.json", "The findings summary's figures: the number of visits; the hosts, most visited first, with"
         " their visitors and the practices seen; the partners never visited (`never_hosted`) and those that made"
         " no visit (`never_visited`); the findings per category and the transfer candidates; the visitor × host"
         " matrix; tag use; the schedule by date.", []),
        ("network.svg", "The picture of who visited whom, as on the findings page.", []),
    ]
