"""`practice-exchange new`: start an entry file from a few facts, checked before anything is written.

The file has every required field, the body's sections with short guidance in
comments (never shown on the page), and a `TODO:` placeholder wherever the
author still has to write; `check` warns about placeholders, and a strict
build refuses them, so nothing half-written is published by accident.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..content.base import PLACEHOLDER
from ..content.fields import SLUG_RE, Date, FieldError, slugify
from ..content.network import Network
from ..content.portal import RESERVED, Sources
from ..content.tags import lookup
from ..content.toolkit import DIFFICULTIES
from ..errors import did_you_mean


class ScaffoldError(Exception):
    """What is wrong with the facts given to `new`; nothing was written."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Draft:
    """A new entry file: where it goes and what it holds."""

    path: Path
    rel: str
    text: str


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _list(values: Sequence[str]) -> str:
    return "[" + ", ".join(values) + "]"


class Scaffold:
    """Checks the facts given for a new entry against the portal, then drafts its file."""

    def __init__(self, sources: Sources, network: Network) -> None:
        self.sources = sources
        self.network = network
        self.problems: list[str] = []

    def _city(self, field: str, value: str) -> None:
        if value not in self.network.cities:
            self.problems.append(f"{field}: unknown city `{value}`, not found in {self.sources.network}"
                                 f"{did_you_mean(value, self.network.cities)}")

    def _date(self, field: str, value: str | None) -> dt.date | None:
        if value is None:
            return None
        try:
            return Date().parse(value)
        except FieldError as exc:
            self.problems.append(f"{field}: {exc.message}")
            return None

    def _slug(self, value: str) -> None:
        if not SLUG_RE.match(value) or value == RESERVED:
            self.problems.append(f"slug: `{value}` cannot be a file name; use lowercase letters, digits and hyphens,"
                                 f" such as `{slugify(value) or 'my-entry'}`")

    def _tags(self, tags: Sequence[str], required: bool) -> None:
        vocabulary = self.network.vocabulary
        if required and not tags:
            example = next(iter(vocabulary or {}), "parental-involvement")
            listed = f" (the network's tags: {', '.join(vocabulary)})" if vocabulary else ""
            self.problems.append(f"tags: give at least one tag with --tags, such as --tags {example}{listed}")
        known = lookup(vocabulary) if vocabulary is not None else {}
        for tag in tags:
            if vocabulary is not None and slugify(tag) not in known:
                self.problems.append(f"tags: unknown tag `{tag}`: network.yml lists the tags to use"
                                     f"{did_you_mean(slugify(tag), vocabulary)}")

    def _practices(self, slugs: Sequence[str]) -> None:
        folder = self.sources.root / self.sources.practices
        known = sorted(p.stem for p in folder.glob("*.md")) if folder.is_dir() else []
        for slug in slugs:
            if slug not in known:
                self.problems.append(f"practices: unknown practice `{slug}`, not found in {self.sources.practices}/"
                                     f"{did_you_mean(slug, known)}")

    def _tag_slugs(self, tags: Sequence[str]) -> list[str]:
        known = lookup(self.network.vocabulary) if self.network.vocabulary is not None else {}
        return [known.get(slugify(t), slugify(t)) for t in tags]

    def _draft(self, folder: str, slug: str, text: str) -> Draft:
        rel = f"{folder}/{slug}.md"
        path = self.sources.root / rel
        if path.exists():
            self.problems.append(f"{rel} already exists; it was left as it is (pick another name, or edit that file)")
        if self.problems:
            raise ScaffoldError(self.problems)
        return Draft(path, rel, text)

    def visit(self, visitor: str, host: str, start: str, end: str | None = None,
              practices: Sequence[str] = (), tags: Sequence[str] = ()) -> Draft:
        """A visit named `<yyyy>-<mm>-<visitor>-<host>.md`, with the three matrix sections."""
        self._city("visitor", visitor)
        self._city("host", host)
        if visitor == host:
            self.problems.append(f"host: the host must differ from the visitor (both are `{host}`)")
        first, last = self._date("start", start), self._date("end", end)
        if first and last and last < first:
            self.problems.append(f"end: the visit ends ({last.isoformat()}) before it starts ({first.isoformat()})")
        self._practices(practices)
        self._tags(tags, required=False)
        if first is None or self.problems:
            raise ScaffoldError(self.problems)
        slug = f"{first.year:04d}-{first.month:02d}-{visitor}-{host}"
        lines = ["---", f"visitor: {visitor}", f"host: {host}", f"start: {first.isoformat()}"]
        lines.append(f"end: {last.isoformat()}" if last is not None
                     else "# end: YYYY-MM-DD                # the last day, if the visit lasted longer")
        lines += [f"practices: {_list(practices)}", f"tags: {_list(self._tag_slugs(tags))}",
                  "# delegates: 2                    # how many went, or a list of names",
                  "# title: A title of your own      # else it is called '<Visitor> visiting <Host>'", "---", ""]
        return self._draft(self.sources.visits, slug, "\n".join(lines) + VISIT_BODY)

    def practice(self, slug: str, city: str, title: str | None = None, summary: str | None = None,
                 tags: Sequence[str] = ()) -> Draft:
        """A good practice with its required fields and the usual sections."""
        self._slug(slug)
        self._city("city", city)
        self._tags(tags, required=True)
        head = [
            "---",
            f"title: {_quoted(title or slug.replace('-', ' ').capitalize())}",
            f"city: {city}",
            f"summary: {_quoted(summary or PLACEHOLDER + ' one or two sentences, at most 300 characters')}",
            f"tags: {_list(self._tag_slugs(tags))}",
            "# organisation: Who runs it",
            "# started: 2010                     # the year it began",
            "# website: https://example.org",
            "# contact: Whom to ask",
            "# related: [another-practice]",
            "---",
            "",
        ]
        return self._draft(self.sources.practices, slug, "\n".join(head) + PRACTICE_BODY)

    def toolkit(self, slug: str, difficulty: str, title: str | None = None, summary: str | None = None,
                tags: Sequence[str] = ()) -> Draft:
        """A toolkit card with its required fields and a `## Steps` section."""
        self._slug(slug)
        if difficulty not in DIFFICULTIES:
            self.problems.append(f"difficulty: `{difficulty}` is not one of {', '.join(DIFFICULTIES)}"
                                 f"{did_you_mean(difficulty, DIFFICULTIES)}")
        self._tags(tags, required=True)
        head = [
            "---",
            f"title: {_quoted(title or slug.replace('-', ' ').capitalize())}",
            f"summary: {_quoted(summary or PLACEHOLDER + ' what the method is for, at most 300 characters')}",
            f"difficulty: {difficulty}",
            f"tags: {_list(self._tag_slugs(tags))}",
            "# author: Who wrote it",
            "# organisation: The author's organisation",
            "# source: The toolkit it comes from",
            "# source_url: https://example.org",
            "# license: CC BY 4.0",
            "# equipment:",
            "#   - {item: Flip chart, count: 1}",
            "# practices: [a-practice-slug]",
            "---",
            "",
        ]
        return self._draft(self.sources.toolkit, slug, "\n".join(head) + TOOLKIT_BODY)


VISIT_BODY = """\
<!-- Optional: a few sentences on why this visit and what was seen.
     Comments like this one are guidance; they never appear on the page. -->

## Key learning points

<!-- What you saw and learnt: one finding per list item, each starting with "- ".
     A finding may end with one marker: [information], [inspiration], [challenge] or [contacts]. -->

## Transferable ideas

<!-- What your city could use in its Local Action Plan, one finding per item. For example:
       - Parents' cafés as a regular meeting point at school. [challenge]
     [challenge] really transferable; [inspiration] sparks your own measures;
     [information] interesting, not directly relevant; [contacts] a contact worth keeping. -->

## Contribution to the host

<!-- What your visit gave back to the hosting city, one item each. -->
"""

PRACTICE_BODY = """\
<!-- Comments like this one are guidance; they never appear on the page. -->

## How it works

<!-- What the practice is, who takes part, how it is organised. -->

## Results

<!-- What it achieved, with figures where you have them. -->

## What it takes to transfer

<!-- What another city would need: people, money, partners, time. -->
"""

TOOLKIT_BODY = """\
<!-- A few sentences on what the method is for and when to use it.
     Comments like this one are guidance; they never appear on the page. -->

## Steps

<!-- Number each step: "1. ", "2. ", ... -->
"""
