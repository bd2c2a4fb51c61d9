"""`practice-exchange new`: start an entry file from a few facts, checked before anything is written.

The file has every required field, the body's sections with short guidance in
comments (never shown on the page), and a `TODO:` placeholder wherever the
author still has to write; `check` warns about placeholders, and a strict
build refuses them, so nothing half-written is published by accident.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..content.base import LANG, PLACEHOLDER, SUMMARY, TITLE
from ..content.fields import (
    SLUG_RE,
    Choice,
    Date,
    Field,
    FieldError,
    PartialDate,
    Tag,
    alike,
    describe,
    identity,
    slugify,
)
from ..content.frontmatter import NULL_WORDS, UNWANTED_RE, describe_char
from ..content.network import Network
from ..content.portal import OUTSIDE_FOLDER, RESERVED, Sources, inside
from ..content.session import FORMATS
from ..content.tags import lookup
from ..content.toolkit import DIFFICULTIES
from ..content.words import BY_LANGUAGE
from ..errors import did_you_mean_or_listed
from ..language import base_language, translations

# Every kind's file offers the language fields, commented out.
LANGUAGE_LINES = ["# lang: de                         # the entry's language, when it is not the portal's",
                  "# translations: {en: a-slug}       # the same entry in other languages"]
MAX_SLUG = 100  # characters: a file name, with `.md`, must stay within what every file system allows


class ScaffoldError(Exception):
    """What is wrong with the facts given to `new`; nothing was written."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


class WriteError(Exception):
    """The new entry's file could not be written; the message says why, and nothing was left behind."""


def reason(exc: OSError) -> str:
    """The operating system's words for a failure, as the end of a sentence."""
    words = exc.strerror or str(exc)
    return words[:1].lower() + words[1:]


def not_a_folder(path: Path) -> str:
    """What an existing path that is not a folder is, in an author's words."""
    if path.is_symlink() and not path.exists():
        return "a broken symbolic link, not a folder"
    return "a file, not a folder" if path.is_file() else "not a folder"


def write_exclusive(path: Path, data: bytes) -> None:
    """Create `path` with `data`; it must not exist, not even as a symbolic link.

    `O_EXCL` refuses any name that is taken, a dangling link included, so a
    link planted at the name cannot send the text somewhere else; a failed
    write removes the file it created, so no half-written file stays.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    except OSError:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)


@dataclass(frozen=True)
class Draft:
    """A new entry file: where it goes and what it holds."""

    path: Path
    rel: str
    text: str
    root: Path

    def _folders(self) -> list[Path]:
        """The folders from the portal's down to the entry's, outermost first."""
        folders, at = [], self.root
        for part in Path(self.rel).parent.parts:
            at = at / part
            folders.append(at)
        return folders

    def _missing(self) -> list[Path]:
        """The folders to make for the entry, outermost first; `WriteError` when something else stands there."""
        folders = self._folders()
        for index, folder in enumerate(folders):
            if folder.is_dir():
                continue
            if folder.exists() or folder.is_symlink():
                raise WriteError(f"cannot write {self.rel}: `{folder.relative_to(self.root).as_posix()}` is"
                                 f" {not_a_folder(folder)}; nothing was written")
            return folders[index:]
        return []

    def create(self) -> None:
        """Write the file, making its folder if missing; on any failure, leave nothing behind."""
        made: list[Path] = []
        try:
            for folder in self._missing():
                folder.mkdir()
                made.append(folder)
            write_exclusive(self.path, self.text.encode("utf-8"))
        except OSError as exc:
            for folder in reversed(made):
                with contextlib.suppress(OSError):
                    folder.rmdir()
            raise WriteError(self._failure(exc)) from None

    def _failure(self, exc: OSError) -> str:
        """The one line that says why the file was not written."""
        if isinstance(exc, FileExistsError) and exc.filename is not None and os.fspath(exc.filename) == str(self.path):
            return f"{self.rel} already exists; it was left as it is"
        return f"cannot write {self.rel}: {reason(exc)}; nothing was written"


# Characters a YAML parser refuses in a file, or reads as line breaks: written as escapes.
YAML_ESCAPE_RE = re.compile("[\x80-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar that reads back as exactly `text` (JSON's escapes are YAML's)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return YAML_ESCAPE_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _list(values: Sequence[str]) -> str:
    """YAML's list of the values, each as typed: plain where YAML reads it so, else in double quotes."""
    return "[" + ", ".join(value if _PLAIN_RE.fullmatch(value) and value not in NULL_WORDS
                           else json.dumps(value, ensure_ascii=False) for value in values) + "]"


_PLAIN_RE = re.compile(r"[^\W_](?:[\w .'’-]*[\w.])?")


def _option(name: str) -> str:
    """How the author gave a fact: the slug is a plain argument, the rest are options."""
    return "the slug" if name == "slug" else f"--{name}"


def _unwritable(name: str, value: str) -> str | None:
    """Why a value cannot go into an entry file as it is (`check` would refuse the file), or None."""
    if SURROGATE_RE.search(value):
        return f"{name}: {_option(name)} holds bytes that are not UTF-8 text; type it again in a UTF-8 terminal"
    found = UNWANTED_RE.search(value)
    if found is None:
        return None
    return (f"{name}: {_option(name)} holds {describe_char(found.group())}, which `practice-exchange check`"
            " refuses in an entry file; remove it")


class Scaffold:
    """Checks the facts given for a new entry against the portal, then drafts its file."""

    def __init__(self, sources: Sources, network: Network, lang: str | None = None) -> None:
        # The headings and guidance of a new file, in the portal's language, or in the entry's own
        # (`--lang fr`: a city writing in French found no way to its headings but a did-you-mean).
        self.sources = sources
        self.network = network
        self.problems: list[str] = []
        self.language_lines = LANGUAGE_LINES
        own = self._lang(lang)
        if own is not None and own != base_language(sources.language):
            self.bodies = Bodies(own, translations(own).gettext)
            self.language_lines = [f"lang: {own}", *LANGUAGE_LINES[1:]]
        else:
            self.bodies = Bodies(sources.language, sources.words().gettext)

    def _lang(self, value: str | None) -> str | None:
        """The entry's language as `--lang` gives it, checked as its `lang` field will be."""
        if value is None:
            return None
        try:
            return str(LANG.type.parse(value))
        except FieldError as exc:
            self.problems.append(f"lang: --lang {exc.message}")
            return None

    def _writable(self, **values: str | Sequence[str] | None) -> None:
        """Stop at once on a value no entry file may hold, before other messages echo its invisible character."""
        for name, value in values.items():
            texts = [value] if isinstance(value, str) else list(value or ())
            problem = next(filter(None, (_unwritable(name, text) for text in texts)), None)
            if problem is not None:
                self.problems.append(problem)
        if self.problems:
            raise ScaffoldError(self.problems)

    def _text(self, field: Field, value: str | None, default: str) -> str:
        """A title or summary as the file will hold it, checked by the field's own rule (as `check` reads it)."""
        if value is None:
            return default
        try:
            field.type.parse(value)
        except FieldError as exc:
            self.problems.append(f"{field.name}: --{field.name} {exc.message}")
        return value

    def _city(self, field: str, value: str) -> None:
        if value not in self.network.cities:
            self.problems.append(f"{field}: unknown city {describe(value)}, not found in {self.sources.network}"
                                 f"{did_you_mean_or_listed(value, self.network.cities)}")

    def _date(self, field: str, value: str | None) -> dt.date | None:
        if value is None:
            return None
        try:
            return Date().parse(value)
        except FieldError as exc:
            self.problems.append(f"{field}: {exc.message}")
            return None

    def _choice(self, field: str, choice: Choice, value: str) -> str | None:
        """One of a field's words, as `check` reads it (`facile` is told the English word the file keeps), or None."""
        try:
            return choice.parse(value)
        except FieldError as exc:
            self.problems.append(f"{field}: {exc.message}")
            return None

    def _slug(self, value: str) -> None:
        if value == RESERVED:
            self.problems.append(f"slug: `{RESERVED}` is kept for the listing page of each folder; name the file"
                                 " after its entry, such as `parents-cafe`")
        elif not SLUG_RE.match(value):
            self.problems.append(f"slug: {describe(value)} cannot be a file name; use lowercase letters, digits and"
                                 f" hyphens, such as `{slugify(value)[:MAX_SLUG].strip('-') or 'my-entry'}`")
        elif len(value) > MAX_SLUG:
            self.problems.append(f"slug: `{value[:40]}…` is {len(value)} characters long; keep a file name to at"
                                 f" most {MAX_SLUG}")

    def _tags(self, tags: Sequence[str], required: bool) -> None:
        vocabulary = self.network.vocabulary
        if required and not tags:
            example = next(iter(vocabulary or {}), "parental-involvement")
            listed = f" (the network's tags: {', '.join(vocabulary)})" if vocabulary else ""
            self.problems.append(f"tags: give at least one tag with --tags, such as --tags {example}{listed}")
        known = lookup(vocabulary) if vocabulary is not None else {}
        first: dict[str, str] = {}  # each free tag's address, and the tag first given for it
        for tag in tags:
            try:
                Tag().parse(tag)  # as `check` reads it: an address of the site (`!!!`, `Москва` were written)
            except FieldError as exc:
                self.problems.append(f"tags: {exc.message}")
                continue
            if vocabulary is not None and slugify(tag) not in known:
                self.problems.append(f"tags: unknown tag {describe(tag)}: network.yml lists the tags to use"
                                     f"{did_you_mean_or_listed(slugify(tag), vocabulary)}")
            elif vocabulary is None and alike(first.setdefault(slugify(tag), tag)) != alike(tag):
                self.problems.append(f"tags: {describe(tag)} and {describe(first[slugify(tag)])} would share the page"
                                     f" `tags/{slugify(tag)}/`; write them alike if they are one tag, or make them"
                                     " differ in letters or digits")

    def _practices(self, slugs: Sequence[str]) -> None:
        folder = self.sources.root / self.sources.folders()["practice"]
        known = sorted(p.stem for p in folder.glob("*.md")) if folder.is_dir() else []
        for slug in slugs:
            if slug not in known:
                listed = self.sources.folders()["practice"]
                self.problems.append(f"practices: unknown practice {describe(slug)}, not found in {listed}/"
                                     f"{did_you_mean_or_listed(slug, known)}")

    def _tag_slugs(self, tags: Sequence[str]) -> list[str]:
        """The tags as the file holds them: a vocabulary's by their ids, free tags as typed (their label on
        the tags page: `Öffentlicher Raum` was written `offentlicher-raum`, a review as a German author)."""
        known = lookup(self.network.vocabulary) if self.network.vocabulary is not None else {}
        return [known.get(slugify(t), " ".join(t.split())) for t in tags]

    def _draft(self, folder: str, slug: str, text: str) -> Draft:
        rel = f"{folder}/{slug}.md"
        path = self.sources.root / rel
        if any(problem.startswith("slug: ") for problem in self.problems):
            raise ScaffoldError(self.problems)  # its name is wrong already: the disk is not asked about it
        if (self.sources.root / folder).is_dir() and not inside(self.sources.root, self.sources.root / folder):
            # Written there, the entry would leave the portal, unpublished (a hostile review).
            raise ScaffoldError([*self.problems, f"{folder}: {OUTSIDE_FOLDER}"])
        # A link, even one pointing nowhere, is taken too: writing through it would put the file elsewhere.
        try:
            path.is_symlink()
        except OSError as exc:
            raise ScaffoldError([*self.problems, f"{rel} cannot be written: {reason(exc)}"]) from None
        if path.is_symlink():
            self.problems.append(f"{rel} already exists, as a symbolic link; it was left as it is"
                                 " (pick another name, or remove the link)")
        elif path.exists():
            self.problems.append(f"{rel} already exists; it was left as it is (pick another name, or edit that file)")
        if self.problems:
            raise ScaffoldError(self.problems)
        return Draft(path, rel, text, self.sources.root)

    def visit(self, visitor: str, host: str, start: str, end: str | None = None,
              practices: Sequence[str] = (), tags: Sequence[str] = ()) -> Draft:
        """A visit named `<yyyy>-<mm>-<visitor>-<host>.md`, with the three matrix sections."""
        self._writable(visitor=visitor, host=host, start=start, end=end, practices=practices, tags=tags)
        self._city("visitor", visitor)
        self._city("host", host)
        if visitor == host:
            self.problems.append(f"host: the host must differ from the visitor (both are {describe(host)})")
        first, last = self._date("start", start), self._date("end", end)
        if first and last and last < first:
            self.problems.append(f"end: the visit ends ({last.isoformat()}) before it starts ({first.isoformat()})")
        self._practices(practices)
        self._tags(tags, required=False)
        if first is None or self.problems:
            raise ScaffoldError(self.problems)
        slug = self._free_visit_name(f"{first.year:04d}-{first.month:02d}-{visitor}-{host}", first)
        lines = ["---", f"visitor: {visitor}", f"host: {host}", f"start: {first.isoformat()}"]
        lines.append(f"end: {last.isoformat()}" if last is not None
                     else "# end: YYYY-MM-DD                # the last day, if the visit lasted longer")
        lines += [f"practices: {_list(practices)}", f"tags: {_list(self._tag_slugs(tags))}",
                  "# delegates: 2                    # how many went, or a list of names",
                  "# title: A title of your own      # else it is called '<Visitor> visiting <Host>'",
                  *self.language_lines, "---", ""]
        return self._draft(self.sources.folders()["visit"], slug, "\n".join(lines) + self.bodies.visit())

    def _free_visit_name(self, slug: str, first: dt.date) -> str:
        """The visit's name, or for a second visit of the same cities in the same month, the name with
        `-2` (`-3`, ...): a new user could not start it. A file of a visit starting that same day keeps
        its name, and `_draft` says it exists."""
        folder = self.sources.root / self.sources.folders()["visit"]
        for number in range(1, 100):
            name = slug if number == 1 else f"{slug}-{number}"
            path = folder / f"{name}.md"
            if not os.path.lexists(path):
                return name
            try:
                same_day = f"\nstart: {first.isoformat()}" in path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                return name  # `_draft` says why it cannot be written
            if same_day:
                return name
        return slug

    def practice(self, slug: str, city: str, title: str | None = None, summary: str | None = None,
                 tags: Sequence[str] = ()) -> Draft:
        """A good practice with its required fields and the usual sections."""
        self._writable(slug=slug, city=city, title=title, summary=summary, tags=tags)
        self._slug(slug)
        self._city("city", city)
        title = self._text(TITLE, title, slug.replace("-", " ").capitalize())
        summary = self._text(SUMMARY, summary, PLACEHOLDER + " one or two sentences, at most 300 characters")
        self._tags(tags, required=True)
        head = [
            "---",
            f"title: {_quoted(title)}",
            f"city: {city}",
            f"summary: {_quoted(summary)}",
            f"tags: {_list(self._tag_slugs(tags))}",
            "# organisation: Who runs it",
            "# started: 2010                     # the year it began",
            "# website: https://example.org",
            "# contact: Whom to ask",
            "# related: [another-practice]",
            *self.language_lines,
            "---",
            "",
        ]
        return self._draft(self.sources.folders()["practice"], slug, "\n".join(head) + self.bodies.practice())

    def toolkit(self, slug: str, difficulty: str, title: str | None = None, summary: str | None = None,
                tags: Sequence[str] = ()) -> Draft:
        """A toolkit card with its required fields and a `## Steps` section."""
        self._writable(slug=slug, difficulty=difficulty, title=title, summary=summary, tags=tags)
        self._slug(slug)
        difficulty = self._choice("difficulty", Choice(DIFFICULTIES), difficulty) or difficulty
        title = self._text(TITLE, title, slug.replace("-", " ").capitalize())
        summary = self._text(SUMMARY, summary, PLACEHOLDER + " what the method is for, at most 300 characters")
        self._tags(tags, required=True)
        head = [
            "---",
            f"title: {_quoted(title)}",
            f"summary: {_quoted(summary)}",
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
            *self.language_lines,
            "---",
            "",
        ]
        return self._draft(self.sources.folders()["toolkit"], slug, "\n".join(head) + self.bodies.toolkit())


    def session(self, slug: str, title: str | None = None, tags: Sequence[str] = (), event: str | None = None,
                date: str | None = None, form: str | None = None, city: str | None = None) -> Draft:
        """A session report with its required fields and its sections, `## Key lessons` among them."""
        self._writable(slug=slug, title=title, tags=tags, event=event, date=date, format=form, city=city)
        self._slug(slug)
        title = self._text(TITLE, title, slug.replace("-", " ").capitalize())
        self._tags(tags, required=True)
        when = None
        if date is not None:
            try:
                when = PartialDate().parse(date)
            except FieldError as exc:
                self.problems.append(f"date: {exc.message}")
        if form is not None:
            form = self._choice("format", Choice(FORMATS), form) or form
        if city is not None:
            self._city("city", city)
        if event is not None and not event.strip():
            self.problems.append("event: must not be empty")
        if self.problems:
            raise ScaffoldError(self.problems)
        head = ["---", f"title: {_quoted(title)}", f"tags: {_list(self._tag_slugs(tags))}"]
        head.append(f"format: {form.lower()}" if form else f"# format: workshop   # {', '.join(FORMATS)}")
        head.append(f"event: {_quoted(event.strip())}" if event else "# event: The meeting, camp or conference")
        head.append(f'date: "{when.iso()}"' if when else '# date: "2021-07"     # YYYY, YYYY-MM or YYYY-MM-DD')
        head.append(f"city: {city}" if city else "# city: a-city-id     # the partner city it belongs to")
        head += ["# place: Room 1.205",
                 "# facilitators:",
                 "#   - {name: Kim Weber, organisation: City of Hamburg}",
                 "# documented_by: Who wrote it up",
                 "# participants: 12",
                 "# practices: [a-practice-slug]",
                 *self.language_lines, "---", ""]
        return self._draft(self.sources.folders()["session"], slug, "\n".join(head) + self.bodies.session())


def _comment(text: str) -> str:
    """Guidance as an HTML comment, its lines aligned under the first."""
    return "<!-- " + "\n     ".join(text.split("\n")) + " -->"


class Bodies:
    """The sections and guidance a new entry starts with, in the portal's language: the headings
    those the portal recognises in it (`content/words.py`), the guidance through the catalogues."""

    def __init__(self, language: str | None = None, gettext: Callable[[str], str] = identity) -> None:
        self.language = base_language(language)
        self.gettext = gettext

    def heading(self, key: str, english: str) -> str:
        names = BY_LANGUAGE.get(key, {}).get(self.language)
        return f"## {names[0] if names else self.gettext(english)}"

    def _join(self, *parts: str) -> str:
        return "\n\n".join(parts) + "\n"

    def visit(self) -> str:
        gettext = self.gettext
        return self._join(
            _comment(gettext("Optional: a few sentences on why this visit and what was seen.\n"
                       "Comments like this one are guidance; they never appear on the page.")),
            self.heading("learning", "Key learning points"),
            _comment(gettext("What you saw and learnt: one finding per list item, each starting with \"- \".\n"
                       "A finding may end with one marker: [information], [inspiration], [challenge] or"
                       " [contacts].")),
            self.heading("transferable", "Transferable ideas"),
            _comment(gettext("What your city could use in its Local Action Plan, one finding per item. For example:\n"
                       "  - Parents' cafés as a regular meeting point at school. [challenge]\n"
                       "[challenge] really transferable; [inspiration] sparks your own measures;\n"
                       "[information] interesting, not directly relevant; [contacts] a contact worth keeping.")),
            self.heading("contribution", "Contribution to the host"),
            _comment(gettext("What your visit gave back to the hosting city, one item each.")),
            _comment(gettext("Later, when your city knows what came of an idea, add the section\n"
                             "%(heading)s: one item per idea, ending with its status: [considered],\n"
                             "[planned], [piloted], [adopted] or [dropped].") % {
                "heading": self.heading("followup", "Follow-up")}))

    def practice(self) -> str:
        gettext = self.gettext
        return self._join(
            _comment(gettext("Comments like this one are guidance; they never appear on the page.")),
            "## " + gettext("How it works"),
            _comment(gettext("What the practice is, who takes part, how it is organised.")),
            "## " + gettext("Results"),
            _comment(gettext("What it achieved, with figures where you have them.")),
            "## " + gettext("What it takes to transfer"),
            _comment(gettext("What another city would need: people, money, partners, time.")))

    def toolkit(self) -> str:
        gettext = self.gettext
        return self._join(
            _comment(gettext("A few sentences on what the method is for and when to use it.\n"
                       "Comments like this one are guidance; they never appear on the page.")),
            self.heading("steps", "Steps"),
            _comment(gettext("Number each step: \"1. \", \"2. \", ...")))

    def session(self) -> str:
        gettext = self.gettext
        return self._join(
            _comment(gettext("Optional: a few sentences on what the session was about.\n"
                       "Comments like this one are guidance; they never appear on the page.\n"
                       "Every section but the key lessons is optional: delete the ones you do not need.")),
            self.heading("question", "Starting question"),
            _comment(gettext("The question or hypothesis the session started from.")),
            self.heading("methods", "Methods"),
            _comment(gettext("How the session was run: its sequence of content.")),
            self.heading("discussion", "Discussion"),
            _comment(gettext("The main points of discussion.")),
            self.heading("lessons", "Key lessons"),
            _comment(gettext("Required: what was learnt, one lesson per list item, each starting with \"- \".\n"
                       "A lesson may end with one marker: [information], [inspiration], [challenge] or"
                       " [contacts].")),
            self.heading("statements", "Statements"),
            _comment(gettext("What participants said, one statement per list item; shown as quotations.")),
            self.heading("next", "Next steps"),
            _comment(gettext("What happens next, or when the group meets again.")))
