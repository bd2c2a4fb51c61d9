"""Toolkit cards: `toolkit/<slug>.md`, a method with its steps and equipment."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown import Markdown

from ..errors import Report
from .base import LANG, SUMMARY, TAGS, TITLE, TRANSLATIONS, Entry, Schema
from .body import BodyReader, plain
from .fields import N_, Choice, Field, Integer, ListOf, Record, Slug, Text, Url, collation
from .frontmatter import Document
from .kind import Facet, Kind, Reading
from .matrix import heading, joined, outside_fences
from .words import BY_LANGUAGE

# `## Steps`, in English and the portal's other languages.
STEPS = frozenset({"steps", *(name.casefold() for names in BY_LANGUAGE["steps"].values() for name in names)})
DIFFICULTIES = (N_("easy"), N_("medium"), N_("professional"))
STEP_RE = re.compile(r"^ {0,3}\d{1,9}[.)][ \t]+(.*)$")

EQUIPMENT = Record(
    {"item": (Text(), True), "count": (Integer(1, None, "a number of pieces"), False)},
    example="{item: Flip chart, count: 1}",
)

SCHEMA = Schema(
    "toolkit card",
    (
        TITLE,
        SUMMARY,
        Field("difficulty", Choice(DIFFICULTIES), True, "How hard it is to use: easy, medium or professional."),
        TAGS,
        LANG,
        TRANSLATIONS,
        Field("author", Text(), False, "Who wrote the card."),
        Field("organisation", Text(), False, "The author's organisation."),
        Field("source", Text(), False, "The project or toolkit the card comes from."),
        Field("source_url", Url(), False, "Where the original can be found (http or https)."),
        Field("license", Text(), False, "Its licence, such as CC BY-NC-ND 4.0."),
        Field("equipment", ListOf(EQUIPMENT, example="[{item: Flip chart, count: 1}]"), False,
              "What is needed: a list of {item, count}."),
        Field("practices", ListOf(Slug("practice slug", "practice"), example="[kaap]"), False,
              "Slugs of related practices."),
    ),
)


@dataclass(frozen=True, slots=True)
class Equipment:
    """One thing a card needs, and how many."""

    item: str
    count: int | None = None

    def __str__(self) -> str:
        """`Flip chart × 2`, or the item alone without a count."""
        return f"{self.item} × {self.count}" if self.count else self.item


@dataclass(frozen=True, order=True, slots=True)
class ToolkitCard(Entry):
    """A method a school or city can pick up, step by step."""

    kind = "toolkit"
    folder = "toolkit"

    summary: str = field(default="", compare=False)
    difficulty: str = field(default="", compare=False)
    author: str | None = field(default=None, compare=False)
    organisation: str | None = field(default=None, compare=False)
    source: str | None = field(default=None, compare=False)
    source_url: str | None = field(default=None, compare=False)
    license: str | None = field(default=None, compare=False)
    equipment: tuple[Equipment, ...] = field(default=(), compare=False)
    practices: tuple[str, ...] = field(default=(), compare=False)
    steps: tuple[str, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class Steps:
    """What the `## Steps` section holds: its steps (None without the section, () without a numbered
    list), and the numbered items it shows that are none (`left`)."""

    found: tuple[str, ...] | None
    left: tuple[str, ...] = ()


def steps(root: etree.Element, md: Markdown) -> Steps:
    """The items of the numbered list under `## Steps`, from the page's own tree, and the numbered items
    outside it: after a paragraph that ends the list, in a quote or a table (a hostile review found them
    shown and dropped from the data, with no message)."""
    in_steps = False
    found: list[str] | None = None
    left: list[str] = []
    for child in root:
        if child.tag in ("h1", "h2"):
            if in_steps:
                break
            in_steps = plain(child, md).rstrip(":").strip().casefold() in STEPS
            found = [] if in_steps else found
        elif in_steps and child.tag == "ol" and found == []:
            found = [plain(item, md) for item in child if item.tag == "li"]
        elif in_steps:
            left.extend(plain(item, md) for listed in child.iter("ol") for item in listed if item.tag == "li")
    return Steps(None if found is None else tuple(found), tuple(left))


def _steps_heading(body: str) -> int:
    """The body line index of the `## Steps` heading."""
    for index, line in outside_fences(body.split("\n")):
        found_heading = heading(line)
        if found_heading and found_heading.text.rstrip(":").strip().casefold() in STEPS:
            return index
    return 0


def parse(doc: Document, slug: str, reader: BodyReader, report: Report) -> ToolkitCard | None:
    """The card in `doc`, or None when its front matter is wrong; its steps read as its page reads them."""
    values = SCHEMA.read(doc, report)
    read: Steps = reader.read(doc.body, steps)
    card_steps = read.found
    lines = doc.body.split("\n")
    start = _steps_heading(doc.body)
    # The heading as the author wrote it (`## Schritte` in a German portal), not the English name.
    heading = lines[start].strip() if start < len(lines) and lines[start].startswith("#") else "## Steps"
    if card_steps == ():
        report.warning(doc.path, doc.body_line + start, "body",
                       f"the `{heading}` section has no numbered list; write each step as `1. …`")
    if read.left:
        words = read.left[0][:40]
        at = next((index for index in range(start, len(lines)) if words[:20] in lines[index]), start)
        report.warning(doc.path, doc.body_line + at, "body",
                       f"`{words}` is a numbered item under `{heading}` outside its numbered list (after a"
                       " paragraph, or in a quote or a table), so it is shown but not read as a step; keep the"
                       " steps in one numbered list")
    if values is None:
        return None
    values["equipment"] = tuple(Equipment(**item) for item in values.get("equipment", ()))
    return ToolkitCard(slug=slug, path=doc.path, body_line=doc.body_line,
                       steps=card_steps or (), **values)


def _read(doc: Document, slug: str, reading: Reading) -> ToolkitCard | None:
    return parse(doc, slug, reading.reader(), reading.report)


KIND = Kind(
    name="toolkit", model=ToolkitCard, schema=SCHEMA, folder="toolkit", option="toolkit_dir",
    label=N_("Toolkit card"), plural=N_("Toolkit"), noun="card", export="toolkit",
    description="A toolkit card: toolkit/<slug>.md", parse=_read,
    template="toolkit.html", line=("card-line.html", "card_line"), listing="toolkit-index.html",
    context="card", order=lambda c: (collation(c.title), c.slug),
    facets=(Facet("difficulty", N_("Difficulty"), DIFFICULTIES, lambda c: (c.difficulty,)),),
    describe=lambda card, network, gettext: (gettext(card.difficulty),),
    csv_extra=(("steps", N_("Its steps, joined with ` | `."),
                lambda c: joined(" ".join(s.split()) for s in c.steps)),),
    json_extra=(("steps", lambda c: list(c.steps)),),
    scaffold="toolkit",
    backlink=("toolkit-cards", N_("Toolkit cards")),
)
