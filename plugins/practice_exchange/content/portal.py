"""Load a whole portal: the network and every entry, validated and cross-checked.

Phase one reads each file on its own (front matter, fields, matrix); phase two
checks what only the whole portal can tell: that cities, practices and tags
that entries name exist. Every problem goes to one `Report`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import Report, closest
from . import network as network_module
from . import practice as practice_module
from . import toolkit as toolkit_module
from . import visit as visit_module
from .base import Entry, Schema
from .body import BodyReader, MarkdownSetup, too_deep
from .fields import SLUG_RE, reference, slugify
from .frontmatter import Document, SourceError, read_document, read_mapping
from .matrix import default_aliases
from .network import Network
from .practice import Practice
from .tags import TagInfo, lookup, resolve, unknown_tag
from .toolkit import ToolkitCard
from .visit import Visit


RESERVED = "index"  # the listing page of each folder, of cities and of tags


@dataclass(frozen=True)
class Sources:
    """Where a portal's content lives, relative to its root (the folder of mkdocs.yml)."""

    root: Path
    network: str = "network.yml"
    practices: str = "practices"
    visits: str = "visits"
    toolkit: str = "toolkit"
    aliases: Mapping[str, Sequence[str]] = field(default_factory=default_aliases)
    markdown: MarkdownSetup = field(default_factory=MarkdownSetup)

    def folders(self) -> dict[str, str]:
        """Each kind's source folder."""
        return {"practice": self.practices, "visit": self.visits, "toolkit": self.toolkit}


@dataclass(frozen=True)
class Portal:
    """Every validated entry of a portal, each kind keyed by slug in slug order."""

    network: Network
    practices: dict[str, Practice]
    visits: dict[str, Visit]
    toolkit: dict[str, ToolkitCard]
    tags: dict[str, TagInfo]

    def entries(self) -> Iterator[Entry]:
        """Every entry: practices, visits, then toolkit cards."""
        yield from self.practices.values()
        yield from self.visits.values()
        yield from self.toolkit.values()


def load(sources: Sources) -> tuple[Portal | None, Report]:
    """Read and check everything; the portal is None whenever there is an error."""
    report = Report()
    loader = _Loader(sources, report)
    portal = loader.run()
    return (portal if report.error_count == 0 else None), report


class _Loader:
    """One pass over a portal's files; keeps each entry's document for located cross-checks."""

    def __init__(self, sources: Sources, report: Report) -> None:
        self.sources = sources
        self.report = report
        self.docs: dict[str, Document] = {}
        self.present: dict[str, set[str]] = {}  # every valid file name per folder, with errors or not
        self.read: list[_Read] = []  # every entry file read, with errors or not

    def run(self) -> Portal | None:
        network = self._network()
        practices = self._kind(self.sources.practices, practice_module.parse, practice_module.SCHEMA)
        visits = self._kind(self.sources.visits, self._parse_visit, visit_module.SCHEMA)
        cards = self._kind(self.sources.toolkit, self._parse_card, toolkit_module.SCHEMA)
        if network is None:
            return None
        self._check_references(network)
        entries = [*practices.values(), *visits.values(), *cards.values()]
        tags, per_entry = resolve(entries, network.vocabulary, self._tag_line, self.report)
        retag = lambda e: replace(e, tags=per_entry[e.src_uri])  # noqa: E731
        visits = {slug: _titled(retag(v), network) for slug, v in visits.items()}
        return Portal(
            network,
            {slug: retag(p) for slug, p in practices.items()},
            visits,
            {slug: retag(c) for slug, c in cards.items()},
            tags,
        )

    def _network(self) -> Network | None:
        rel = self.sources.network
        path = self.sources.root / rel
        if not path.exists():
            self.report.error(rel, None, None,
                              "the network file is missing; create it with the network's name and partner cities")
            return None
        try:
            doc = read_mapping(path, rel)
        except SourceError as exc:
            self.report.error(rel, exc.line, exc.field, exc.message)
            return None
        return network_module.parse(doc, self.report)

    def _parse_visit(self, doc: Document, slug: str, report: Report) -> Visit | None:
        return visit_module.parse(doc, slug, self.sources.aliases, self.reader, report)

    def _parse_card(self, doc: Document, slug: str, report: Report) -> ToolkitCard | None:
        return toolkit_module.parse(doc, slug, self.reader, report)

    @functools.cached_property
    def reader(self) -> BodyReader:
        """Bodies are read as their pages are rendered: with the portal's Markdown extensions."""
        return BodyReader(self.sources.markdown)

    def _kind(self, folder: str, parse, schema: Schema) -> dict[str, Entry]:  # type: ignore[no-untyped-def]
        entries: dict[str, Entry] = {}
        for path, rel in self._files(folder):
            slug = path.stem
            if not SLUG_RE.match(slug):
                suggestion = slugify(slug) or "entry"
                self.report.error(rel, None, None,
                                  f"the file name `{path.name}` is not a valid slug (lowercase letters, digits and"
                                  f" hyphens); rename it to `{suggestion}.md`")
                continue
            if slug == RESERVED:
                self.report.error(rel, None, None,
                                  f"the name `{RESERVED}.md` is kept for the listing page of `{folder}/`;"
                                  " rename the file after its entry, such as `my-practice.md`")
                continue
            try:
                doc = read_document(path, rel)
            except SourceError as exc:
                self.report.error(rel, exc.line, exc.field, exc.message)
                self.present.setdefault(folder, set()).add(slug)
                continue
            deep = too_deep(doc.body)
            if deep is not None:
                # Python-Markdown would recurse past Python's limit on such a line, or take very long.
                self.report.error(rel, doc.body_line + deep[0], "body",
                                  f"this line {deep[1]}, which no page can show; write it flatter")
                self.present.setdefault(folder, set()).add(slug)
                self.read.append(_Read(replace(doc, body=""), schema, slug, folder, False))
                continue
            entry = parse(doc, slug, self.report)
            # A file with errors of its own still exists: other files naming it are not wrong.
            self.present.setdefault(folder, set()).add(slug)
            # Kept for checking references and locating problems found later; not the body.
            self.read.append(_Read(replace(doc, body=""), schema, slug, folder, entry is not None))
            if entry is not None:
                entries[slug] = entry
                self.docs[f"{folder}/{slug}.md"] = self.read[-1].doc
        return dict(sorted(entries.items()))

    def _files(self, folder: str) -> Iterator[tuple[Path, str]]:
        base = self.sources.root / folder
        if not base.is_dir():
            return
        try:
            paths = sorted(base.iterdir())
        except OSError as exc:
            self.report.error(folder, None, None, f"the folder cannot be read ({exc.strerror or exc});"
                                                  " check that everyone may read it")
            return
        for path in paths:
            rel = f"{folder}/{path.name}"
            if path.name.startswith("."):
                continue
            if path.is_symlink() and not self._inside(path):
                self.report.error(rel, None, None, "is a link to a file outside the portal, which is not"
                                                   " published; copy the file into the folder instead")
                continue
            if path.is_file() and path.suffix == ".md":
                yield path, rel
            else:
                what = "a folder" if path.is_dir() else "not a Markdown file"
                self.report.warning(rel, None, None,
                                    f"{what}: it is not read; entries are `.md` files directly in `{folder}/`")

    def _inside(self, path: Path) -> bool:
        """Whether a link leads to a file within the portal's folder (a link may share an entry)."""
        try:
            return path.resolve().is_relative_to(self.sources.root.resolve())
        except (OSError, RuntimeError):  # a loop of links
            return False

    def _tag_line(self, entry: Entry, index: int) -> int:
        return self.docs[entry.src_uri].line_of("tags", index)

    def _check_references(self, network: Network) -> None:
        """Every reference of every file, its other fields wrong or not: each field is checked on its own."""
        known = {"city": (set(network.cities), self.sources.network),
                 "practice": (self.present.get(self.sources.practices, set()), f"{self.sources.practices}/")}
        for read in self.read:
            for spec in read.schema.fields:
                what = reference(spec.type)
                if what in known:
                    self._references(read, spec.name, what, *known[what])
                elif what == "tag" and network.vocabulary is not None and not read.parsed:
                    self._tags(read, spec.name, network.vocabulary)

    def _references(self, read: _Read, name: str, what: str, known: set[str], listed: str) -> None:
        doc = read.doc
        raw = doc.data.get(name)
        for index, value in enumerate(raw if isinstance(raw, list) else [raw]):
            if not isinstance(value, str) or not value.strip():
                continue  # not text: its own field check said so
            value = value.strip()
            line = doc.line_of(name, index) if isinstance(raw, list) else doc.line_of(name)
            if value not in known:
                near = closest(slugify(value), known) or closest(value.casefold(), known)
                hint = f"; did you mean `{near}`?" if near else ""
                self.report.error(doc.path, line, name, f"unknown {what} `{value}`, not found in {listed}{hint}")
            elif read.folder == self.sources.practices and what == "practice" and value == read.slug:
                self.report.error(doc.path, line, name, "a practice cannot be related to itself; remove its own slug")

    def _tags(self, read: _Read, name: str, vocabulary: dict[str, str]) -> None:
        """The tags of a file whose other fields are wrong (those of a good file are resolved later)."""
        raw = read.doc.data.get(name)
        accepted = lookup(vocabulary)
        for index, value in enumerate(raw if isinstance(raw, list) else []):
            if isinstance(value, str) and slugify(value) and slugify(value) not in accepted:
                self.report.error(read.doc.path, read.doc.line_of(name, index), "tags",
                                  unknown_tag(value, vocabulary))


@dataclass(frozen=True)
class _Read:
    """An entry file as read: its front matter (no body), its kind's schema, and whether it parsed."""

    doc: Document
    schema: Schema
    slug: str
    folder: str
    parsed: bool


def _titled(visit: Visit, network: Network) -> Visit:
    if visit.title_given:
        return visit
    title = f"{network.city_name(visit.visitor)} visiting {network.city_name(visit.host)}"
    return replace(visit, title=title)
