"""JSON Schemas (draft 2020-12) of the front matter, made from the validator's own field definitions.

With a loaded portal, references get the portal's values as an enumeration
(city ids, practice slugs, tags), so an editor can complete and check them.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..content import network
from ..content.base import Schema
from ..content.fields import FieldType, ListOf, Slug, Tag
from ..content.kind import Kind
from ..content.portal import Portal
from ..content.registry import KINDS as ENTRY_KINDS
from .scaffold import not_a_folder, reason, write_exclusive

DRAFT = "https://json-schema.org/draft/2020-12/schema"
NETWORK = (network.SCHEMA, "The network: network.yml")


def kinds(entry_kinds: Sequence[Kind] = ENTRY_KINDS) -> dict[str, tuple[Schema, str]]:
    """Each schema file's name, with its fields and title: one per kind of entry, and the network."""
    return {**{kind.name: (kind.schema, kind.description) for kind in entry_kinds}, "network": NETWORK}


def references(portal: Portal | None) -> dict[str, list[str]]:
    """The values each kind of reference may take in this portal (none without a portal)."""
    if portal is None:
        return {}
    tags = {slug for slug in portal.tags} | set(portal.network.vocabulary or {})
    labels = {t.label for t in portal.tags.values()} | set((portal.network.vocabulary or {}).values())
    return {
        "city": sorted(portal.network.cities),
        **{kind.name: sorted(portal.of(kind.name)) for kind in portal.kinds},
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


def json_schema(name: str, refs: Mapping[str, Sequence[str]],
                entry_kinds: Sequence[Kind] = ENTRY_KINDS) -> dict[str, Any]:
    """The JSON Schema of one kind of front matter (or of network.yml)."""
    schema, title = kinds(entry_kinds)[name]
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


class OutError(Exception):
    """`--out` cannot take the schemas; the message names the path and says why. Nothing was written."""


def prepare(out: Path) -> bool:
    """Check that `out` is a folder, or a new one inside an existing folder, and make it; True if made.

    Only `out` itself is made, never missing folders above it: a mistyped path
    should be an error, not a tree of new folders somewhere unexpected.
    """
    if out.is_dir():
        return False
    if out.exists() or out.is_symlink():
        raise OutError(f"--out {out} is {not_a_folder(out)}; give a folder to write the schemas into")
    parent = out.parent
    if not parent.is_dir():
        state = "does not exist" if not (parent.exists() or parent.is_symlink()) else f"is {not_a_folder(parent)}"
        raise OutError(f"--out {out}: the folder {parent} {state}; give an existing folder, or a new one"
                       " inside an existing folder")
    try:
        out.mkdir()
    except OSError as exc:
        raise OutError(f"cannot create the folder {out}: {reason(exc)}") from None
    return True


def _replace_all(files: Mapping[Path, str]) -> None:
    """Write every file beside its target first, then put them in place: a failed write changes nothing.

    Putting a file in place replaces what stands at its name (a symbolic link
    among them) instead of writing through it to wherever it points.
    """
    for path in files:
        if path.is_dir() and not path.is_symlink():  # found now, before any file is put in place
            raise OutError(f"cannot write {path}: a folder of that name is in the way")
    temporary: dict[Path, Path] = {}
    current: Path | None = None
    try:
        for current, text in files.items():
            temp = current.with_name(f".{current.name}.{secrets.token_hex(4)}.tmp")
            write_exclusive(temp, text.encode("utf-8"))
            temporary[current] = temp
        for current, temp in temporary.items():
            os.replace(temp, current)
    except OSError as exc:
        for temp in temporary.values():
            temp.unlink(missing_ok=True)
        raise OutError(f"cannot write {current}: {reason(exc)}") from None


def write(out: Path, portal: Portal | None) -> list[Path]:
    """Write `<kind>.schema.json` for every kind into `out`; returns the files written.

    Raises `OutError` when `out` cannot take them; then nothing is left behind.
    """
    made = prepare(out)
    refs = references(portal)
    entry_kinds = portal.kinds if portal is not None else ENTRY_KINDS
    files = {out / f"{name}.schema.json":
             json.dumps(json_schema(name, refs, entry_kinds), ensure_ascii=False, indent=2) + "\n"
             for name in kinds(entry_kinds)}
    try:
        _replace_all(files)
    except OutError:
        if made:
            with contextlib.suppress(OSError):
                out.rmdir()
        raise
    return list(files)
