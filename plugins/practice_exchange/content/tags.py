"""Tags: the author's spellings normalised to slugs, labelled from the vocabulary or usage."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..errors import Report, did_you_mean_or_listed
from .base import Entry
from .fields import alike, slugify


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
            f"{did_you_mean_or_listed(slugify(written), vocabulary)}")


def resolve(entries: Iterable[Entry], vocabulary: dict[str, str] | None, line_of: Callable[[Entry, int], int],
            report: Report) -> tuple[dict[str, TagInfo], dict[str, tuple[str, ...]]]:
    """All tags in use and each entry's tag slugs (keyed by `src_uri`), checked against the vocabulary."""
    labels: dict[str, str] = dict(vocabulary or {})
    known = lookup(vocabulary) if vocabulary is not None else {}
    spelt = {alike(name): slug for slug, label in (vocabulary or {}).items() for name in (label, slug)}
    per_entry: dict[str, tuple[str, ...]] = {}
    used: set[str] = set()
    # Each tag's first spelling and where it stands: another spelling of its slug must be alike, or the
    # page would show the first one for both (`C` was shown as `C++`: a hostile review).
    first: dict[str, tuple[str, str, int]] = {}
    for entry in sorted(entries, key=lambda e: e.path):
        slugs: list[str] = []
        for index, written in enumerate(entry.tags):
            slug = slugify(written)
            if slug == "index":
                report.error(entry.path, line_of(entry, index), "tags",
                             "the tag `index` is kept for the page that lists every tag; choose another")
                continue
            if vocabulary is not None:
                # A tag written as network.yml has it (its address or its label) is that tag, even where
                # two labels share an address (`C++` and `C#`: a hostile review).
                exact = spelt.get(alike(written))
                if exact is not None:
                    slug = exact
                elif slug not in known:
                    report.error(entry.path, line_of(entry, index), "tags", unknown_tag(written, vocabulary))
                    continue
                else:
                    slug = known[slug]
                if alike(written) not in (alike(slug), alike(vocabulary[slug])):
                    report.error(entry.path, line_of(entry, index), "tags",
                                 f"the tag `{written}` is not `{vocabulary[slug]}`, the tag of network.yml at its"
                                 f" address `tags/{slug}/`: write `{slug}` if it is meant, or ask for a tag of its own"
                                 " in network.yml")
                    continue
            elif slug in first and alike(written) != alike(first[slug][0]):
                shown, path, line = first[slug]
                report.error(entry.path, line_of(entry, index), "tags",
                             f"the tag `{written}` would share the page `tags/{slug}/` with `{shown}` ({path}:{line}),"
                             f" and be shown as `{shown}`; write the two alike if they are one tag, or make them"
                             " differ in letters or digits")
                continue
            first.setdefault(slug, (written, entry.path, line_of(entry, index)))
            labels.setdefault(slug, written)
            if slug not in slugs:
                slugs.append(slug)
        used.update(slugs)
        per_entry[entry.src_uri] = tuple(slugs)
    tags = {slug: TagInfo(slug, labels[slug]) for slug in sorted(used)}
    return tags, per_entry
