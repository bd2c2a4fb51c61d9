"""Load a whole portal: the network and every entry, validated and cross-checked.

Phase one reads each file on its own (front matter, fields, matrix); phase two
checks what only the whole portal can tell: that cities, practices and tags
that entries name exist. Every problem goes to one `Report`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from babel.support import NullTranslations

from ..errors import Problem, Report, closest, listed_choices
from ..language import CatalogueError, babel_locale, base_language, translations
from ..parallel import KEEP_EVERY, keep, split
from . import network as network_module
from . import practice as practice_module
from .base import Entry, Schema, translation_groups
from .body import TOO_DEEP, BodyReader, MarkdownSetup, PageHooks, too_deep
from .fields import SLUG_RE, reference, slugify
from .frontmatter import Document, SourceError, read_document, read_mapping, unwanted_reference
from .kind import Kind, Reading
from .network import Network
from .practice import Practice
from .registry import KINDS, default_aliases
from .tags import TagInfo, lookup, resolve, unknown_tag
from .toolkit import ToolkitCard
from .visit import Visit

RESERVED = "index"  # the listing page of each folder, of cities and of tags


# What is said of a kind's folder that links outside the portal: by `check`, and by `new`, which would write there.
OUTSIDE_FOLDER = ("is a link to a folder outside the portal, whose files are not published; copy the folder into"
                  " the portal instead")


def inside(root: Path, path: Path) -> bool:
    """Whether `path`, links followed, is within the portal's folder `root` (a link may share an entry)."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return False


@dataclass(frozen=True)
class Sources:
    """Where a portal's content lives, relative to its root (the folder of mkdocs.yml).

    `practices`, `visits` and `toolkit` move those kinds' folders (the plugin's
    `<kind>_dir` options); `folders` moves any kind's, by its name.
    """

    root: Path
    network: str = "network.yml"
    practices: str | None = None
    visits: str | None = None
    toolkit: str | None = None
    aliases: Mapping[str, Sequence[str]] = field(default_factory=default_aliases)
    markdown: MarkdownSetup = field(default_factory=MarkdownSetup)
    kinds: tuple[Kind, ...] = KINDS
    moved: Mapping[str, str] = field(default_factory=dict)
    # With it, each body is converted for its page while it is read for the data (see `BodyReader`).
    pages: PageHooks | None = field(default=None, compare=False)
    # Read the entry files on two cores where the machine allows (see `parallel.split`).
    parallel: bool = False
    # The portal's language (Material's `theme.language`): the titles it composes are in it,
    # with the words of the portal's own catalogues (`translations_dir`, from `root`) over the package's.
    language: str | None = None
    translations_dir: str | None = None
    # What reading each entry file gave, by the file and its state (`stamp`): `mkdocs serve` keeps it
    # from one rebuild to the next, so that only the files saved since are read again.
    memo: MutableMapping[tuple[str, str, tuple[int, int, int]], object] | None = field(default=None, compare=False)

    def words(self) -> NullTranslations:
        """The portal language's translations (`CatalogueError` for an own catalogue that cannot be used)."""
        own = self.root / self.translations_dir if self.translations_dir else None
        return translations(self.language, own, self.root)

    def folder(self, kind: Kind) -> str:
        """The source folder of one kind."""
        legacy = {"practice": self.practices, "visit": self.visits, "toolkit": self.toolkit}.get(kind.name)
        return self.moved.get(kind.name) or legacy or kind.folder

    def folders(self) -> dict[str, str]:
        """Each kind's source folder, by kind name."""
        return {kind.name: self.folder(kind) for kind in self.kinds}


@dataclass(frozen=True)
class Portal:
    """Every validated entry of a portal: per kind (in the registry's order), keyed by slug in slug order."""

    network: Network
    by_kind: dict[str, dict[str, Entry]]
    tags: dict[str, TagInfo]
    kinds: tuple[Kind, ...] = KINDS
    language: str = "en"  # the portal's language, an entry's unless it names its own (`lang`)
    locale: str = "en"  # Babel's name for it, which writes country names, dates and languages (`zh_Hant`)

    def entries(self) -> Iterator[Entry]:
        """Every entry, kind after kind."""
        for entries in self.by_kind.values():
            yield from entries.values()

    def of(self, kind: str) -> dict[str, Entry]:
        """The entries of one kind, by slug."""
        return self.by_kind.get(kind, {})

    @property
    def practices(self) -> dict[str, Practice]:
        return self.of("practice")  # type: ignore[return-value]

    @property
    def visits(self) -> dict[str, Visit]:
        return self.of("visit")  # type: ignore[return-value]

    @property
    def toolkit(self) -> dict[str, ToolkitCard]:
        return self.of("toolkit")  # type: ignore[return-value]


def load(sources: Sources) -> tuple[Portal | None, Report]:
    """Read and check everything; the portal is None whenever there is an error."""
    loaded = load_what_holds(sources)
    return (loaded.portal if loaded.report.error_count == 0 else None), loaded.report


@dataclass(frozen=True)
class Loaded:
    """What `load_what_holds` gives: the portal as far as it loaded, and what else will have a page."""

    portal: Portal | None
    report: Report
    # The page of every entry file there is, valid or not, and of every tag such a file names: a
    # link to one is not broken, only waiting for that file's errors to be fixed.
    pages: frozenset[str]
    # Folders of pages whose links cannot be judged yet: a file's tags are unknown while its front
    # matter cannot be read, so any tag's page may be its.
    unsure: tuple[str, ...]


def load_what_holds(sources: Sources) -> Loaded:
    """For `check` and a failing build: the portal with the entries that loaded even when others
    have errors (None only when the network file or the translations fail).

    So an author sees every problem in one run, the bodies of the files that loaded included,
    and a link to a file with errors of its own is not called broken.
    """
    report = Report()
    loader = _Loader(sources, report)
    portal = loader.run()
    pages = {f"{kind.folder}/{name}.md" for kind in sources.kinds
             for name in loader.listed.get(sources.folder(kind), ())}
    named = lookup(portal.network.vocabulary or {}) if portal is not None else {}
    for read in loader.read:
        if not read.parsed:
            raw = read.doc.data.get("tags")
            slugs = (slugify(v) for v in (raw if isinstance(raw, list) else []) if isinstance(v, str))
            pages |= {f"tags/{named.get(slug, slug)}.md" for slug in slugs}
    # A file listed but not read (its front matter unreadable, its name refused): its tags are unknown.
    unsure = sum(len(names) for names in loader.listed.values()) > len(loader.read)
    return Loaded(portal, report, frozenset(pages), ("tags/",) if unsure else ())


class _Loader:
    """One pass over a portal's files; keeps each entry's document for located cross-checks."""

    def __init__(self, sources: Sources, report: Report) -> None:
        self.sources = sources
        self.report = report
        self.docs: dict[str, Document] = {}
        self.present: dict[str, set[str]] = {}  # every valid file name per folder, with errors or not
        self.read: list[_Read] = []  # every entry file read, with errors or not
        self.listed: dict[str, set[str]] = {}  # every `.md` file's name per folder, whatever its state
        self.files_read = 0

    def run(self) -> Portal | None:
        network = self._network()
        found = self._entries()
        if network is None:
            return None
        self._check_references(network)
        self._check_languages(found)
        for kind in self.sources.kinds:
            if kind.across is not None:
                kind.across(found[kind.name], self.docs, self.report)
            if kind.against is not None:
                kind.against(found[kind.name], found, self.docs, self.report)
        entries = [e for entries in found.values() for e in entries.values()]
        tags, per_entry = resolve(entries, network.vocabulary, self._tag_line, self.report)
        self._check_translated_tags(found, per_entry, {slug: info.label for slug, info in tags.items()})
        retag = lambda e: replace(e, tags=per_entry[e.src_uri])  # noqa: E731
        try:
            gettext = self.sources.words().gettext
        except CatalogueError as exc:
            self.report.error(exc.path, exc.line, "translations_dir", exc.message)
            return None
        return Portal(network, {name: {slug: retag(e).titled(network, gettext) for slug, e in entries.items()}
                                for name, entries in found.items()}, tags, self.sources.kinds,
                      base_language(self.sources.language), babel_locale(self.sources.language))

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

    @functools.cached_property
    def reader(self) -> BodyReader:
        """Bodies are read as their pages are rendered: with the portal's Markdown extensions."""
        return BodyReader(self.sources.markdown, self.sources.pages)

    def _entries(self) -> dict[str, dict[str, Entry]]:
        """Every kind's entries: each file read on its own, on two cores where the portal allows."""
        files = [(kind, path, rel) for kind in self.sources.kinds
                 for path, rel in self._files(self.sources.folder(kind))]
        found: dict[str, dict[str, Entry]] = {kind.name: {} for kind in self.sources.kinds}
        for (kind, _, _), one in zip(files, self._read_all(files), strict=True):
            folder = self.sources.folder(kind)
            self.report.problems.extend(one.problems)
            if one.present:
                # A file with errors of its own still exists: other files naming it are not wrong.
                self.present.setdefault(folder, set()).add(one.slug)
            if one.read is not None:
                # Kept for checking references and locating problems found later; not the body.
                self.read.append(one.read)
            if one.entry is not None and one.read is not None:
                found[kind.name][one.slug] = one.entry
                self.docs[one.entry.src_uri] = one.read.doc
                if one.page is not None and self.sources.pages is not None:
                    self.sources.pages.attach(one.entry.src_uri, one.page)
        return {name: dict(sorted(entries.items())) for name, entries in found.items()}

    def _read_all(self, files: list[tuple[Kind, Path, str]]) -> list[_File]:
        """Each file read, or, with a memo (`mkdocs serve`), read again only when it changed since."""
        memo = self.sources.memo
        if memo is None:
            return split(files, self._file, self.sources.parallel)
        keys = [(kind.name, rel, stamp(path)) for kind, path, rel in files]
        todo = [at for at, key in enumerate(keys) if key not in memo]
        for at, one in zip(todo, split([files[at] for at in todo], self._file, self.sources.parallel), strict=True):
            memo[keys[at]] = one
        kept = {key: memo[key] for key in keys}
        memo.clear()  # the files' earlier states, and files since removed, are not wanted again
        memo.update(kept)
        return [kept[key] for key in keys]  # type: ignore[misc]

    def _file(self, job: tuple[Kind, Path, str]) -> _File:
        """One entry file read and checked on its own, its problems kept with it (see `split`)."""
        kind, path, rel = job
        self.files_read += 1
        if self.files_read % KEEP_EVERY == 0:
            keep()  # the entries read so far live as long as the build (see `parallel.keep`)
        report = Report()
        folder, schema, slug = self.sources.folder(kind), kind.schema, path.stem
        if not SLUG_RE.match(slug):
            suggestion = slugify(slug) or "entry"
            rename = f"rename it to `{suggestion}.md`"
            taken = path.parent / f"{suggestion}.md"
            # On a disk that ignores case, `kaap.md` may be this very file.
            if taken.exists() and not taken.samefile(path):
                free = next(f"{suggestion}-{n}" for n in range(2, 1000)
                            if not (path.parent / f"{suggestion}-{n}.md").exists())
                rename = (f"`{suggestion}.md` is another entry's: merge the two, or rename this one to another"
                          f" name, such as `{free}.md`")
            report.error(rel, None, None,
                         f"the file name `{path.name}` is not a valid slug (lowercase letters, digits and"
                         f" hyphens); {rename}")
            return _File(report.problems, slug, False)
        if slug == RESERVED:
            report.error(rel, None, None,
                         f"the name `{RESERVED}.md` is kept for the listing page of `{folder}/`;"
                         " rename the file after its entry, such as `my-practice.md`")
            return _File(report.problems, slug, False)
        try:
            doc = read_document(path, rel)
        except SourceError as exc:
            report.error(rel, exc.line, exc.field, exc.message)
            return _File(report.problems, slug, True)
        hidden = unwanted_reference(doc.body, doc.body_line)
        if hidden is not None:
            report.error(rel, hidden.line, hidden.field, hidden.message)
            return _File(report.problems, slug, True, _Read(replace(doc, body=""), schema, slug, kind.name, False))
        deep = too_deep(doc.body)
        if deep is not None:
            # Python-Markdown would recurse past Python's limit on such a line, or take very long.
            report.error(rel, doc.body_line + deep[0], "body",
                         f"this line {deep[1]}")
            return _File(report.problems, slug, True, _Read(replace(doc, body=""), schema, slug, kind.name, False))
        elsewhere = self._kind_of_fields(kind, doc)
        if elsewhere is not None:
            report.error(rel, doc.line_of(elsewhere[1][0]), elsewhere[1][0], elsewhere[0])
            return _File(report.problems, slug, True, _Read(replace(doc, body=""), schema, slug, kind.name, False))
        owned = self._fields_elsewhere(kind, doc)
        if owned:
            doc = replace(doc, elsewhere=owned)
        src_uri = f"{kind.folder}/{slug}.md"
        self.reader.start(doc.path, src_uri, doc.body_line, doc.body)
        try:
            entry = kind.read(doc, slug, Reading(report, self.sources.aliases, lambda: self.reader,
                                                  base_language(self.sources.language)))
            self.reader.done(entry is not None)
        except RecursionError:
            # A shape `too_deep` does not foresee, nested past what Python-Markdown can read: the
            # file's problem, located as near as it can be, not the build's traceback.
            self.reader.current = None
            report.error(rel, doc.body_line, "body", TOO_DEEP)
            return _File(report.problems, slug, True, _Read(replace(doc, body=""), schema, slug, kind.name, False))
        page = self.sources.pages.detach(src_uri) if self.sources.pages is not None else None
        return _File(report.problems, slug, True, _Read(replace(doc, body=""), schema, slug, kind.name,
                                                           entry is not None), entry, page)

    def _kind_of_fields(self, kind: Kind, doc: Document) -> tuple[str, list[str]] | None:
        """Another kind's entry saved in this kind's folder (a visit in `practices/`): the message that
        says where it goes, and the fields that show it, rather than one error for each of its fields
        (a new user's review). Said only when the file is whole as that kind's entry, and only that
        kind's: one stray field is that field's error."""
        written = set(doc.data)
        strange = [name for name in doc.data if name not in kind.schema.names()]
        if not strange:
            return None

        def whole(other: Kind) -> bool:
            """Every field of the file is the other kind's, every field it requires is there, and among
            the fields strange here is one it requires, or two of its own (a session in `visits/` has its
            `event` and `date`, and requires only what a visit has too; a stray `practices:` on a practice
            is not a session)."""
            required = {f.name for f in other.schema.fields if f.required}
            # Two of the other kind's own fields count only in a file that is no entry of this kind at all
            # (a practice with `source` and `license` is a practice with two stray fields).
            lacking = not {f.name for f in kind.schema.fields if f.required} <= written
            return _could_be(other, written) and (bool(required & set(strange)) or (len(strange) >= 2 and lacking))

        fits = [other for other in self.sources.kinds if other is not kind and whole(other)]
        # A practice among the visits is whole as a session too (a session takes nearly every field of a
        # practice): the kind that requires one of the strange fields (`city`) is the likelier.
        needs = [other for other in fits if any(f.required and f.name in strange for f in other.schema.fields)]
        fits = needs if len(needs) == 1 else fits
        if len(fits) != 1:
            return None
        other = fits[0]
        shown = ", ".join(f"`{name}`" for name in strange)
        return (f"this file has a {other.noun}'s fields ({shown}), which a {kind.noun} does not have: move it into"
                f" `{self.sources.folder(other)}/`, where the {other.noun} files are", strange)

    def _fields_elsewhere(self, kind: Kind, doc: Document) -> dict[str, str]:
        """Each field this kind lacks that one other kind has, where the file, every field and every
        required one, could be that kind's entry: a practice saved among the sessions has all a session
        needs, and only `related` says otherwise, which alone does not move it (`_kind_of_fields`). The
        field's error says where such entries go, beside removing the line."""
        written = set(doc.data)
        said: dict[str, str] = {}
        for name in written - set(kind.schema.names()):
            owners = [other for other in self.sources.kinds if other is not kind and _could_be(other, written)]
            if len(owners) == 1:
                other = owners[0]
                said[name] = (f"`{name}` is a {other.noun}'s field: if this file is a {other.noun}, move it into"
                              f" `{self.sources.folder(other)}/`; else remove the line")
        return said

    def _files(self, folder: str) -> Iterator[tuple[Path, str]]:
        base = self.sources.root / folder
        if not base.is_dir():
            if base.is_symlink():  # a link to nothing, or to itself: its entries would go unread unsaid
                self.report.error(folder, None, None, "is a link that leads to no folder; make it the folder of"
                                                      " the entries, or remove it")
            return
        if not self._inside(base):
            # Its files' own links are checked below; a folder linked elsewhere took all of them along.
            self.report.error(folder, None, None, OUTSIDE_FOLDER)
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
            if path.suffix == ".md" and (path.is_file() or path.is_symlink()):
                self.listed.setdefault(folder, set()).add(path.stem)  # its page, once its errors are fixed
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
        return inside(self.sources.root, path)

    def _tag_line(self, entry: Entry, index: int) -> int:
        return self.docs[entry.src_uri].line_of("tags", index)

    def _check_references(self, network: Network) -> None:
        """Every reference of every file, its other fields wrong or not: each field is checked on its own."""
        known = {"city": (set(network.cities), self.sources.network)}
        for kind in self.sources.kinds:
            folder = self.sources.folder(kind)
            known[kind.name] = (self.present.get(folder, set()), f"{folder}/")
        for read in self.read:
            for spec in read.schema.fields:
                what = reference(spec.type)
                if what == "same kind":
                    self._translations(read, spec.name, *known[read.kind])
                elif what in known:
                    self._references(read, spec.name, what, *known[what])
                elif what == "tag" and network.vocabulary is not None and not read.parsed:
                    self._tags(read, spec.name, network.vocabulary)

    def _references(self, read: _Read, name: str, what: str, known: set[str], listed: str) -> None:
        doc = read.doc
        raw = doc.data.get(name)
        seen: set[str] = set()
        for index, value in enumerate(raw if isinstance(raw, list) else [raw]):
            if not isinstance(value, str) or not value.strip():
                continue  # not text: its own field check said so
            value = value.strip()
            line = doc.line_of(name, index) if isinstance(raw, list) else doc.line_of(name)
            if value in seen:
                # Counted once per mention, it would make one visit two of those that saw a practice.
                self.report.error(doc.path, line, name, f"`{value}` is listed twice; name each {what} once")
                continue
            seen.add(value)
            if value not in known:
                near = closest(slugify(value), known) or closest(value.casefold(), known)
                hint = f"; did you mean `{near}`?" if near else listed_choices(known)
                self.report.error(doc.path, line, name, f"unknown {what} `{value}`, not found in {listed}{hint}")
            elif read.kind == what and value == read.slug:
                self.report.error(doc.path, line, name, f"a {what} cannot be related to itself; remove its own slug")

    def _translations(self, read: _Read, name: str, known: set[str], listed: str) -> None:
        """Each translation names an entry of the same kind, not itself."""
        doc = read.doc
        raw = doc.data.get(name)
        for language, value in (raw.items() if isinstance(raw, dict) else ()):
            if not isinstance(value, str) or not value.strip():
                continue
            value = value.strip()
            line = doc.line_of(name, language)
            if value == read.slug:
                self.report.error(doc.path, line, name, "an entry cannot be its own translation; remove its own slug")
            elif value not in known:
                near = closest(slugify(value), known)
                hint = f"; did you mean `{near}`?" if near else ""
                self.report.error(doc.path, line, name,
                                  f"unknown {read.kind} `{value}`, not found in {listed}{hint}")

    def _check_languages(self, found: dict[str, dict[str, Entry]]) -> None:
        """Each translation is listed under its own language: the one its `lang` says (the portal's when
        it says none), and not the entry's own; and says what the entry says where its kind `keeps` it
        (a visit's cities and dates). Found by hostile reviews: an English page was linked as `Arabic`,
        one page twice, under two languages, and any visit as another's translation."""
        portal = base_language(self.sources.language)
        kinds = {kind.name: kind for kind in self.sources.kinds}
        for name, entries in found.items():
            for entry in entries.values():
                own = entry.lang or portal
                doc = self.docs[entry.src_uri]
                for language, slug in entry.translations:
                    target = entries.get(slug)
                    if target is None:
                        continue  # unknown: said with the references
                    written = target.lang or portal
                    line = doc.line_of("translations", language)
                    if language == own:
                        self.report.error(doc.path, line, "translations",
                                          f"`{language}` is this entry's own language; list its translations into"
                                          " other languages, each under the language it is written in")
                    elif written != language:
                        said = "its `lang`" if target.lang else "the portal's language, as it has no `lang`"
                        self.report.error(doc.path, line, "translations",
                                          f"`{slug}` is written in `{written}` ({said}), not `{language}`; list it"
                                          f" as `{written}: {slug}`, or correct its `lang`")
                    elif differs := [field for field in kinds[name].keeps
                                     if getattr(entry, field, None) != getattr(target, field, None)]:
                        # Found by a hostile review: any entry could name another as its translation, which
                        # then went uncounted in the findings and linked to it as its own translation.
                        shown = ", ".join(f"`{field}`" for field in differs)
                        self.report.error(doc.path, line, "translations",
                                          f"`{slug}` is not this {kinds[name].noun} in another language: its {shown}"
                                          f" differ{'s' if len(differs) == 1 else ''} from this one's; a translation"
                                          " says the same in another language: correct the slug, or the"
                                          f" {'field' if len(differs) == 1 else 'fields'}")
            # One entry per language in a set: two English entries naming one German translation made one
            # set, which counted one of them and called the other a translation of it (a hostile review).
            for group in translation_groups(entries):
                seen: dict[str, Entry] = {}
                for entry in group:
                    own = entry.lang or portal
                    first = seen.setdefault(own, entry)
                    if first is entry:
                        continue
                    others = ", ".join(f"`{e.slug}`" for e in group if e is not entry and e is not first)
                    # Said at the one of the two that names the set (the other may only be named by it).
                    culprit, other = next(((one, two) for one, two in ((entry, first), (first, entry))
                                        if any(slug in entries for _, slug in one.translations)), (None, None))
                    if not others or culprit is None or other is None:
                        # The two name each other, or neither names the set: what put them in it is said
                        # above (a translation listed under its own language, or another's).
                        continue
                    named = next(slug for _, slug in culprit.translations if slug in entries)
                    doc = self.docs[culprit.src_uri]
                    line = doc.line_of("translations", *(language for language, slug in culprit.translations
                                                         if slug == named))
                    self.report.error(doc.path, line, "translations",
                                      f"`{other.slug}` and this entry are both written in `{own}`, yet they are"
                                      f" in one set of translations (with {others}): a set holds one entry per"
                                      " language; name in `translations` only the versions of this very entry")

    def _check_translated_tags(self, found: dict[str, dict[str, Entry]],
                               tags: Mapping[str, tuple[str, ...]], labels: Mapping[str, str]) -> None:
        """A set of translations is listed and counted as one entry under the tags of any of its
        versions: a tag only one version carries put the set on that tag's page, and the version
        counted there had no such tag on its own page. Each version is told the tags it lacks."""
        self._check_translated(found, "tags", tags, labels.get, ("carries", "carry"),
                               "is listed under the tags of any of them: add the same tags to every version")
        # Likewise the practices a visit, card or session names: the set is counted as having seen each
        # practice any version names, which the counted version's page may not show (a lead expert's review).
        practices = found.get(practice_module.KIND.name, {})
        same = {entry.slug: group[0].slug for group in translation_groups(practices) for entry in group}
        named = {entry.src_uri: tuple(dict.fromkeys(same.get(slug, slug) for slug in getattr(entry, "practices", ())))
                 for entries in found.values() for entry in entries.values()}
        self._check_translated(found, "practices", named, lambda slug: slug, ("names", "name"),
                               "counts the practices any of them names: name the same practices in every version"
                               " (a practice's translation is that practice)")

    def _check_translated(self, found: dict[str, dict[str, Entry]], field: str, values: Mapping[str, tuple[str, ...]],
                          shown: Callable[[str], str | None], verb: tuple[str, str], why: str) -> None:
        """Each version of a set of translations told the values of `field` that another version has
        and it lacks: the set is counted as one entry with the values of all its versions."""
        for entries in found.values():
            for group in translation_groups(entries):
                every = {value for entry in group for value in values.get(entry.src_uri, ())}
                for entry in group:
                    missing = [value for value in sorted(every) if value not in values.get(entry.src_uri, ())]
                    if not missing:
                        continue
                    carriers = sorted({other.slug for other in group for value in missing
                                       if value in values.get(other.src_uri, ())})
                    doc = self.docs[entry.src_uri]
                    named = _some([shown(value) or value for value in missing])  # as the author writes it
                    self.report.warning(
                        doc.path, doc.line_of(field), field,
                        f"its translation{'s' if len(carriers) > 1 else ''} {_some(carriers)}"
                        f" {verb[len(carriers) > 1]} {named}, which this entry does not; a set of translations {why}")

    def _tags(self, read: _Read, name: str, vocabulary: dict[str, str]) -> None:
        """The tags of a file whose other fields are wrong (those of a good file are resolved later)."""
        raw = read.doc.data.get(name)
        accepted = lookup(vocabulary)
        for index, value in enumerate(raw if isinstance(raw, list) else []):
            if isinstance(value, str) and slugify(value) and slugify(value) not in accepted:
                self.report.error(read.doc.path, read.doc.line_of(name, index), "tags",
                                  unknown_tag(value, vocabulary))


def _some(names: Sequence[str], most: int = 5) -> str:
    """Names for a message, each quoted, the first `most` of a long list: a set of hundreds of
    versions would otherwise name every other one in each version's message."""
    shown = ", ".join(f"`{name}`" for name in names[:most])
    return shown if len(names) <= most else f"{shown} and {len(names) - most} more"


@dataclass(frozen=True)
class _Read:
    """An entry file as read: its front matter (no body), its kind's schema, and whether it parsed."""

    doc: Document
    schema: Schema
    slug: str
    kind: str
    parsed: bool


def stamp(path: Path) -> tuple[int, int, int]:
    """A file's state, which a save changes: its time of change, size and inode (an editor that
    saves by writing a new file and renaming it changes the inode)."""
    try:
        info = path.stat()
    except OSError:
        return (-1, -1, -1)
    return info.st_mtime_ns, info.st_size, info.st_ino


def _could_be(kind: Kind, written: set[str]) -> bool:
    """Whether front matter of these fields could be an entry of `kind`: every field is one of its, and
    every field it requires is there."""
    return written <= set(kind.schema.names()) and {f.name for f in kind.schema.fields if f.required} <= written


@dataclass(frozen=True)
class _File:
    """What reading one entry file gave: its problems, whether it counts as present, and if it
    could be read, its front matter, its entry when valid, and its page's rendered body."""

    problems: list[Problem]
    slug: str
    present: bool
    read: _Read | None = None
    entry: Entry | None = None
    page: object | None = None


