"""What every kind of entry shares: its schema, its slug, its title and tags, its body."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..errors import Report, did_you_mean
from .fields import Field, FieldError, Language, ListOf, Tag, Text, Translations, identity
from .frontmatter import Document

PLACEHOLDER = "TODO:"  # how `practice-exchange new` marks text the author still has to write

TITLE = Field("title", Text(), True, "The entry's title, as shown on its page and in listings.")
SUMMARY = Field("summary", Text(max_length=300), True, "One or two sentences, at most 300 characters.")
LANG = Field("lang", Language(), False,
             "The entry's language (ISO 639-1, such as de), when it is not the portal's.")
TRANSLATIONS = Field("translations", Translations(), False,
                     "The same entry in other languages: {language code: slug}, entries of the same kind.")
TAGS = Field(
    "tags",
    ListOf(Tag(), min_items=1, example="[parental-involvement, day-care]"),
    True,
    "At least one tag; with a vocabulary in network.yml, one of its tags.",
)


@dataclass(frozen=True, slots=True)
class Schema:
    """The front-matter fields of one kind of entry."""

    kind: str
    fields: Sequence[Field]

    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def read(self, doc: Document, report: Report, parsed: dict[str, Any] | None = None) -> dict[str, Any] | None:
        """Every field's value, or None when a field is wrong (each problem reported).

        `parsed`, when given, gets the values of the fields that are right even then: the checks
        between fields (a visit's dates) can say their piece in the same run as the others.
        """
        errors_before = report.error_count
        known = set(self.names())
        for name in doc.data:
            if name not in known:
                advice = doc.elsewhere.get(name)
                report.error(
                    doc.path,
                    doc.line_of(name),
                    name,
                    f"unknown field for a {self.kind}{f'; {advice}' if advice else did_you_mean(name, known)}"
                    f" (the fields are: {', '.join(self.names())})",
                )
        for line, note, message in doc.notes:
            report.warning(doc.path, line, note, message)
        values: dict[str, Any] = {}
        for spec in self.fields:
            raw = doc.data.get(spec.name)
            if raw is None:
                if spec.required:
                    report.error(doc.path, self._missing_line(doc, spec.name), spec.name, "is required but missing")
                continue
            try:
                values[spec.name] = spec.type.parse(raw)
            except FieldError as exc:
                # A value in typographic quotes looks right to its author: say that they are the fault.
                quoted = raw.strip() if isinstance(raw, str) and _typographic(raw) else ""
                for error in exc.each():
                    report.error(doc.path, doc.line_of(spec.name, *error.key), spec.name,
                                 f"the value is wrapped in typographic quotes ({quoted[0]}…{quoted[-1]}), which YAML"
                                 f" reads as part of it; remove them: {error.message}" if quoted else error.message)
                continue
            if isinstance(raw, str) and _typographic(raw):
                report.warning(doc.path, doc.line_of(spec.name), spec.name,
                               f"the value is wrapped in typographic quotes ({raw.strip()[0]}…{raw.strip()[-1]}),"
                               " which the page shows as part of the text; remove them (quotes that YAML reads"
                               " are straight ones, \"…\")")
            if isinstance(raw, str) and raw.strip().startswith(PLACEHOLDER):
                report.warning(doc.path, doc.line_of(spec.name), spec.name,
                               "still holds the placeholder written by `practice-exchange new`; write the real text")
        if parsed is not None:
            parsed.update(values)
        return values if report.error_count == errors_before else None

    @staticmethod
    def _missing_line(doc: Document, name: str) -> int:
        # An empty `field:` line is where the value belongs; else where the fields begin.
        return doc.lines.get((name,), 1)


# As each language opens and closes them: “…” „…“ ”…” (Swedish, Finnish) «…» »…« (German) ‘…’ ’…’ ‚…‘ ‹…› ›…‹.
OPENING_QUOTES, CLOSING_QUOTES = "“„‟”«»‘‚’‹›", "”“»«’‘›‹"


def _typographic(text: str) -> bool:
    """A value an author wrapped in curly quotes, meaning them as YAML's quotes."""
    text = text.strip()
    return len(text) > 2 and text[0] in OPENING_QUOTES and text[-1] in CLOSING_QUOTES


@dataclass(frozen=True, order=True, slots=True)
class Entry:
    """The fields every entry has; subclasses add their own."""

    kind: ClassVar[str] = "entry"
    folder: ClassVar[str] = ""

    slug: str
    path: str = field(compare=False)
    title: str = field(compare=False)
    tags: tuple[str, ...] = field(compare=False)
    body_line: int = field(compare=False, repr=False)
    lang: str | None = field(default=None, compare=False)  # None: the portal's language
    translations: tuple[tuple[str, str], ...] = field(default=(), compare=False)  # (language, slug)

    def titled(self, network: Any, gettext: Callable[[str], str] = identity) -> Entry:
        """The entry with a title made from its other fields, when a kind allows it none of its own."""
        return self

    @property
    def src_uri(self) -> str:
        """Where the entry's page lives among the site's files, such as `practices/kaap.md`."""
        return f"{self.folder}/{self.slug}.md"


def translation_groups(entries: Mapping[str, Entry]) -> list[list[Entry]]:
    """The entries of one kind (by slug) that translate one another, each set with all its members,
    however each names the others (the German naming the English and the French): found by a hostile
    review, counting and checks that looked only at the entries an entry names missed the rest of its set.
    Entries that are nobody's translation are left out."""
    links: dict[str, set[str]] = {}
    for entry in entries.values():
        for _, slug in entry.translations:
            if slug in entries and slug != entry.slug:
                links.setdefault(entry.slug, set()).add(slug)
                links.setdefault(slug, set()).add(entry.slug)
    groups, seen = [], set()
    for slug in sorted(links):
        if slug in seen:
            continue
        group, todo = [], [slug]
        seen.add(slug)
        while todo:
            here = todo.pop()
            group.append(entries[here])
            for there in sorted(links[here] - seen):
                seen.add(there)
                todo.append(there)
        groups.append(sorted(group, key=lambda entry: entry.slug))
    return groups
