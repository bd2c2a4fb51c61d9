"""Tags: the author's spellings normalised to slugs, labelled from the vocabulary or usage."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..errors import Report, did_you_mean
from .base import Entry
from .fields import slugify


@dataclass(frozen=True, order=True, slots=True)
class TagInfo:
    """A tag as pages show it."""

    slug: str
    label: str


def lookup(vocabulary: dict[str, str]) -> dict[str, str]:
    """A tag as written (slugified) to its vocabulary slug: the slug itself or its label both work."""
    found = {slugify(label): slug for slug, label in vocabulary.items()}
    found.update({slug: slug for slug in vocabulary})
    return found


def unknown_tag(written: str, vocabulary: dict[str, str]) -> str:
    """The message for a tag the network's vocabulary does not list."""
    return (f"unknown tag `{written}`: network.yml lists the tags to use"
            f"{did_you_mean(slugify(written), vocabulary)}")


def resolve(entries: Iterable[Entry], vocabulary: dict[str, str] | None, line_of: Callable[[Entry, int], int],
            report: Report) -> tuple[dict[str, TagInfo], dict[str, tuple[str, ...]]]:
    """All tags in use and each entry's tag slugs (keyed by `src_uri`), checked against the vocabulary."""
    labels: dict[str, str] = dict(vocabulary or {})
    known = lookup(vocabulary) if vocabulary is not None else {}
    per_entry: dict[str, tuple[str, ...]] = {}
    used: set[str] = set()
    for entry in sorted(entries, key=lambda e: e.path):
        slugs: list[str] = []
        for index, written in enumerate(entry.tags):
            slug = slugify(written)
            if slug == "index":
                report.error(entry.path, line_of(entry, index), "tags",
                             "the tag `index` is kept for the page that lists every tag; choose another")
                continue
            if vocabulary is not None:
                if slug not in known:
                    report.error(entry.path, line_of(entry, index), "tags", unknown_tag(written, vocabulary))
                    continue
                slug = known[slug]
            labels.setdefault(slug, written)
            if slug not in slugs:
                slugs.append(slug)
        used.update(slugs)
        per_entry[entry.src_uri] = tuple(slugs)
    tags = {slug: TagInfo(slug, labels[slug]) for slug in sorted(used)}
    return tags, per_entry
