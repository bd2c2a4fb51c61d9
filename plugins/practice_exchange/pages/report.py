"""The network report: one page holding the whole report, in the order of a printed one.

The lead expert may write its text in `docs/report.md`: its first heading names the
report, what comes before its `## Conclusions` opens it, the conclusions close it.
Everything between (the programme, every visit with its matrix and follow-up, the
findings by class, what came of the ideas, the sessions' lessons) is drawn from the
entries, each visit's body converted again as a chapter of the report (`Chapters`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from markupsafe import Markup

from ..content.base import Entry
from ..content.body import BodyReader
from ..content.fields import identity
from ..content.frontmatter import SourceError, read_document
from ..content.kind import Reading
from ..content.matrix import Heading, heading, outside_fences
from ..content.portal import Portal, Sources
from ..content.words import BY_LANGUAGE
from ..errors import Report

REPORT_PAGE = "report.md"
REPORT_VISITS = 100  # with `report: auto`, the most visits a portal's report is made for


def wanted(option: str | bool, written: bool, chapters: int) -> bool:
    """Whether the portal gets a report page: by the option, or, left to `auto`, when the lead expert
    wrote one (`written`), or for a programme of visits (`chapters`) a report can hold: a portal of
    thousands would get a page of thousands of chapters, which nobody prints and every build pays for.
    (`true` makes one of a portal's sessions too: see `has_content`.)"""
    if option != "auto":
        return bool(option)
    return written or 0 < chapters <= REPORT_VISITS


def has_content(portal: Portal) -> bool:
    """Whether the portal has what a report shows without the lead expert's text: visits, its
    chapters, or sessions, whose lessons it gathers (`report: true` made no page for a portal of
    sessions alone: a new user's review)."""
    return any(portal.of(kind.name) for kind in portal.kinds if kind.chapter or kind.lessons)


def has_lessons(portal: Portal) -> bool:
    """Whether the portal has entries whose lessons the findings gather (sessions)."""
    return any(portal.of(kind.name) for kind in portal.kinds if kind.lessons)


CONCLUSIONS = ("Conclusions", "Conclusion", *(name for names in BY_LANGUAGE["conclusions"].values() for name in names))


@dataclass(frozen=True)
class LeadText:
    """The lead expert's own text of the report, from `docs/report.md`, as Markdown."""

    title: str | None  # its level-1 heading, if it opens with one
    intro: str  # what opens the report
    conclusions: tuple[str, str] | None  # its `## Conclusions` section, which closes it: heading, text


FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
BLOCK_START_RE = re.compile(r"^ {0,3}(?:[-*+>]|\d{1,9}[.)]|#)")  # a line that cannot be underlined into a heading


def lead_text(text: str) -> LeadText:
    """`docs/report.md` cut where the report puts the generated chapters: before its conclusions.

    Read as MkDocs reads a page: its front matter (a `title` there names the report) is not text,
    and a heading may be underlined (`Conclusions` over `---`) as well as marked with `#`."""
    title, text = _front_matter(text)
    lines = text.split("\n")
    cut, cut_end, closing = len(lines), len(lines), ""
    for index, _ in outside_fences(lines):
        found, length = _heading_at(lines, index)
        if found is None:
            continue
        if found.level == 1 and not any(part.strip() for part in lines[:index]):
            # The page's heading: the report's title, unless its front matter gives one; never a second one.
            title = title or found.text
            lines[index:index + length] = [""] * length
        elif found.level == 2 and _is_conclusions(found.text):
            cut, cut_end, closing = index, index + length, found.text
            break
    intro = "\n".join(lines[:cut]).strip("\n")
    if cut == len(lines):
        return LeadText(title, intro, None)
    return LeadText(title, intro, (closing, "\n".join(lines[cut_end:]).strip("\n")))


def _front_matter(text: str) -> tuple[str | None, str]:
    """The title a page's front matter gives, and the page without it."""
    match = FRONT_MATTER_RE.match(text)
    if match is None:
        return None, text
    try:
        data = yaml.safe_load(match.group(1) or "")
    except yaml.YAMLError:
        data = None
    title = data.get("title") if isinstance(data, dict) else None
    return (str(title) if isinstance(title, (str, int, float)) and str(title).strip() else None), text[match.end():]


def _heading_at(lines: list[str], index: int) -> tuple[Heading | None, int]:
    """The heading that starts at a line, and how many lines it takes: `# Title`, or a line of text
    underlined with `===` (level 1) or `---` (level 2)."""
    found = heading(lines[index])
    if found is not None:
        return found, 1
    line = lines[index]
    below = lines[index + 1] if index + 1 < len(lines) else ""
    underline = SETEXT_RE.match(below)
    if underline and line.strip() and not line.startswith((" " * 4, "\t")) and not BLOCK_START_RE.match(line):
        return Heading(1 if underline.group(1)[0] == "=" else 2, line.strip()), 2
    return None, 1


def _is_conclusions(text: str) -> bool:
    words = " ".join(text.split()).rstrip(":").casefold()
    return any(words.startswith(name.casefold()) for name in CONCLUSIONS)


@dataclass
class Chapters:
    """Each entry's body as a chapter of the report: links from the report's address, headings one
    level down, ids prefixed with the entry's slug. Kept from the conversion that made the entry's
    page (`made`, see `EntryPages`); converted again only where that did not keep one."""

    sources: Sources
    directory_urls: bool
    kinds: dict[str, object]  # name -> Kind
    gettext: Callable[[str], str] = identity
    from_root: bool = False
    site_url: str = ""
    made: Mapping[str, str] = field(default_factory=dict)  # the chapters the loader's conversion kept
    begun: frozenset[str] = frozenset()  # the chapters' file names that begin another's (see `EntryPages`)

    def html(self, entry: Entry) -> Markup:
        """The entry's body as its chapter of the report shows it."""
        made = self.made.get(entry.src_uri)
        return Markup(made if made is not None else self._convert(entry))

    def _convert(self, entry: Entry) -> str:
        from .markdown import EntryPages  # which needs the plan, which names this page

        pages = EntryPages(self.directory_urls, self.from_root, self.gettext, shown_at=REPORT_PAGE,
                           site_url=self.site_url)
        pages.begun = self.begun
        reader = BodyReader(self.sources.markdown, pages)
        try:
            doc = read_document(Path(self.sources.root, entry.path), entry.path)
        except SourceError:
            return ""  # changed since it was loaded: the next build shows it
        kind = self.kinds[entry.kind]
        reader.start(doc.path, entry.src_uri, doc.body_line, doc.body)
        kind.read(doc, entry.slug, Reading(Report(), self.sources.aliases, lambda: reader))  # type: ignore[attr-defined]
        reader.done(True)
        rendered = pages.get(entry.src_uri)
        return rendered.html if rendered is not None else ""


def contents(visits: Sequence[Entry], sessions: bool, gettext: Callable[[str], str] = identity,
             conclusions: str | None = None) -> list[tuple[str, str, list[tuple[str, Entry]]]]:
    """The report's table of contents: each chapter's id, its title, and the visits under it (each with
    its id: its title, in its own language, is the template's to show)."""
    # Ids of their own (`report-…`), apart from those of the lead expert's headings.
    # A portal of sessions alone has no programme of visits and no follow-up to report (a new user's review).
    programme = bool(visits) or not sessions
    chapters: list[tuple[str, str, list[tuple[str, Entry]]]] = [
        ("report-introduction", gettext("Introduction"), []),
        *([("report-programme", gettext("The programme of visits"), [])] if programme else []),
        *([("report-visits", gettext("The visits"), [(f"report-visit-{v.slug}", v) for v in visits])]
          if visits else []),
        ("report-classes", gettext("Findings by class of benefit"), []),
        *([("report-transfer", gettext("What came of the ideas"), [])] if programme else []),
    ]
    if sessions:
        chapters.append(("report-lessons", gettext("Lessons of the sessions"), []))
    chapters.append(("report-conclusions", conclusions or gettext("Conclusions"), []))
    return chapters
