"""JSON Schemas (draft 2020-12) of the front matter, made from the validator's own field definitions.

With a loaded portal, references get the portal's values as an enumeration
(city ids, practice slugs, tags), so an editor can complete and check them.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..content import network, practice, toolkit, visit
from ..content.base import Schema
from ..content.fields import FieldType, ListOf, Slug, Tag
from ..content.portal import Portal

DRAFT = "https://json-schema.org/draft/2020-12/schema"
KINDS: dict[str, tuple[Schema, str]] = {
    "practice": (practice.SCHEMA, "A good practice: practices/<slug>.md"),
    "visit": (visit.SCHEMA, "A bilateral visit: visits/<slug>.md"),
    "toolkit": (toolkit.SCHEMA, "A toolkit card: toolkit/<slug>.md"),
    "network": (network.SCHEMA, "The network: network.yml"),
}


def references(portal: Portal | None) -> dict[str, list[str]]:
    """The values each kind of reference may take in this portal (none without a portal)."""
    if portal is None:
        return {}
    tags = {slug for slug in portal.tags} | set(portal.network.vocabulary or {})
    labels = {t.label for t in portal.tags.values()} | set((portal.network.vocabulary or {}).values())
    return {
        "city": sorted(portal.network.cities),
        "practice": sorted(portal.practices),
        "tag": sorted(tags | labels) if portal.network.vocabulary is not None else [],
    }


def _type_schema(kind: FieldType, refs: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    schema = kind.schema()
    if isinstance(kind, ListOf):
        schema["items"] = _type_schema(kind.item, refs)
    ref = getattr(kind, "ref", None)
    if isinstance(kind, (Slug, Tag)) and ref and refs.get(ref):
        schema = {"type": "string", "enum": list(refs[ref])}
    return schema


def json_schema(name: str, refs: Mapping[str, Sequence[str]]) -> dict[str, Any]:
    """The JSON Schema of one kind of front matter (or of network.yml)."""
    schema, title = KINDS[name]
    properties = {}
    for spec in schema.fields:
        properties[spec.name] = {**_type_schema(spec.type, refs), "description": spec.doc}
    return {
        "$schema": DRAFT,
        "$id": f"{name}.schema.json",
        "title": title,
        "type": "object",
        "properties": properties,
        "required": [spec.name for spec in schema.fields if spec.required],
        "additionalProperties": False,
    }


def write(out: Path, portal: Portal | None) -> list[Path]:
    """Write `<kind>.schema.json` for every kind into `out`; returns the files written."""
    out.mkdir(parents=True, exist_ok=True)
    refs = references(portal)
    written = []
    for name in KINDS:
        path = out / f"{name}.schema.json"
        path.write_text(json.dumps(json_schema(name, refs), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(path)
    return written
