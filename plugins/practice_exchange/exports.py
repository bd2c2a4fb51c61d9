"""Open data for the lead expert: CSV per kind, the whole portal and the findings as JSON.

Plain functions from the portal to text; the same content always gives the
same bytes (fixed column and key order, sorted entries, `\\n` line endings).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, is_dataclass
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import Any, TextIO

from .content import practice, toolkit, visit
from .content.base import Entry, Schema
from .content.fields import Field
from .content.matrix import SECTIONS, Finding
from .content.portal import Portal
from .content.visit import Visit
from .findings import Findings, as_data

LIST_SEPARATOR = "; "
FINDING_SEPARATOR = " | "

Column = tuple[str, str, Callable[[Any], object]]


@dataclass(frozen=True)
class Kind:
    """The export of one kind of entry: its front-matter fields, as its schema lists them
    (the title first), between its slug and its page's address, and what it has besides."""

    key: str
    what: str
    schema: Schema
    entries: Callable[[Portal], Mapping[str, Entry]]
    csv_extra: tuple[Column, ...] = ()
    json_extra: tuple[tuple[str, Callable[[Any], object]], ...] = ()

    @property
    def csv_name(self) -> str:
        return f"{self.key}.csv"

    def fields(self) -> list[Field]:
        return sorted(self.schema.fields, key=lambda f: f.name != "title")

    def columns(self) -> list[tuple[str, str]]:
        """Each CSV column and what it holds, for the exports page."""
        return [("slug", f"The {self.what}'s file name without .md."), *((f.name, f.doc) for f in self.fields()),
                *((name, meaning) for name, meaning, _ in self.csv_extra), ("url", "The address of its page.")]

    def row(self, entry: Entry, url: str) -> list[object]:
        return [entry.slug, *(_cell(getattr(entry, f.name)) for f in self.fields()),
                *(value(entry) for _, _, value in self.csv_extra), url]

    def record(self, entry: Entry, url: str) -> dict[str, object]:
        return {"slug": entry.slug, **{f.name: _plain(getattr(entry, f.name)) for f in self.fields()},
                **{name: value(entry) for name, value in self.json_extra}, "url": url}


def _cell(value: object) -> object:
    """A field's value in a CSV cell: lists joined, dates as YYYY-MM-DD, nothing as empty."""
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(str(v) for v in value)
    return "" if value is None else value


def _plain(value: object) -> object:
    """A field's value as JSON data: lists, dates as YYYY-MM-DD, records as objects."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclass_fields(value)}
    return value


def _finding_text(finding: Finding) -> str:
    text = finding.plain
    return f"{text} [{finding.category}]" if finding.category else text


def _section(key: str) -> Callable[[Visit], str]:
    return lambda v: FINDING_SEPARATOR.join(_finding_text(f) for f in v.section_findings(key))


KINDS = (
    Kind("practices", "practice", practice.SCHEMA, lambda portal: portal.practices),
    Kind("visits", "visit", visit.SCHEMA, lambda portal: portal.visits,
         csv_extra=tuple((heading.lower().replace(" ", "_"), f"The findings of `{heading}`, joined with ` | `,"
                          " each followed by its [category] if it has one; as plain text.", _section(key))
                         for key, heading, _ in SECTIONS),
         json_extra=(("findings", lambda v: [{"section": f.section, "text": f.plain, "markdown": f.text,
                                              "category": f.category} for f in v.findings]),)),
    Kind("toolkit", "card", toolkit.SCHEMA, lambda portal: portal.toolkit,
         csv_extra=(("steps", "Its steps, joined with ` | `.",
                     lambda c: FINDING_SEPARATOR.join(" ".join(s.split()) for s in c.steps)),),
         json_extra=(("steps", lambda c: list(c.steps)),)),
)

NAMES = (*(kind.csv_name for kind in KINDS), "portal.json", "findings.json")
"""The files `write` makes, in that order."""


def _csv(out: TextIO, portal: Portal, kind: Kind, urls: Mapping[str, str]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _ in kind.columns()])
    for entry in kind.entries(portal).values():
        writer.writerow(kind.row(entry, urls[entry.src_uri]))


def _compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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
    for kind in KINDS:
        out.write(f',"{kind.key}":[')
        for at, entry in enumerate(kind.entries(portal).values()):
            out.write(("," if at else "") + _compact(kind.record(entry, urls[entry.src_uri])))
        out.write("]")
    out.write("}\n")


def write(folder: Path, portal: Portal, findings: Findings, urls: Mapping[str, str]) -> None:
    """Write every export file (`NAMES`) into `folder`; `urls` maps a page's `src_uri` to its address."""
    writers: dict[str, Callable[[TextIO], None]] = {
        **{kind.csv_name: (lambda out, kind=kind: _csv(out, portal, kind, urls)) for kind in KINDS},
        "portal.json": lambda out: _portal_json(out, portal, urls),
        "findings.json": lambda out: out.write(_json(as_data(findings))),
    }
    for name in NAMES:
        with open(folder / name, "w", encoding="utf-8", newline="") as out:
            writers[name](out)


def catalogue() -> list[tuple[str, str, list[tuple[str, str]]]]:
    """What each export file holds, for the exports page: name, description, columns."""
    practices, visits, cards = (kind.columns() for kind in KINDS)
    return [
        ("practices.csv", "One row per good practice.", practices),
        ("visits.csv", "One row per bilateral visit, with its findings per matrix section.", visits),
        ("toolkit.csv", "One row per toolkit card.", cards),
        ("portal.json", "Everything in one file: the network, its cities and tags, every practice, every visit with"
         " its findings (section, text, category) and every toolkit card, each with its page's address.", []),
        ("findings.json", "The findings summary's figures: the number of visits; the hosts, most visited first, with"
         " their visitors and the practices seen; the partners never visited (`never_hosted`) and those that made"
         " no visit (`never_visited`); the findings per category and the transfer candidates; the visitor × host"
         " matrix; tag use; the schedule by date.", []),
        ("network.svg", "The picture of who visited whom, as on the findings page.", []),
    ]
