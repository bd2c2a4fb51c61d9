"""Render generated pages from Jinja fragments a site can override.

A fragment `practice.html` is looked up first in `<theme custom_dir>/practice-exchange/`,
then in the plugin's own `templates/`. Autoescape is on: author text is
escaped unless a template marks trusted HTML (the rendered body) as safe.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
import uuid
import xml.etree.ElementTree as etree
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from babel.support import NullTranslations
from markdown.extensions.toc import unique
from markupsafe import Markup, escape

from ..content.base import Entry
from ..content.countries import names_in
from ..content.fields import fold, language_name, slugify
from ..content.matrix import CATEGORIES, STATUSES, outside_fences
from ..content.toolkit import DIFFICULTIES
from ..findings import BLOCKS
from ..index import Index
from ..language import babel_locale, base_language, plural_forms
from .dates import Dates
from .links import prefix, relative
from .markdown import badge
from .plan import PageSpec

OVERRIDES = "practice-exchange"



def _as_text(message: str, translated: str) -> str:
    """A translation as the page may hold it: with the markup its message has (a `<code>`, a link), or,
    for a message without, with none of its own: its `<`, `>` and `"` written as characters."""
    if "<" in message:
        return translated
    return translated.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")

def environment(custom_dir: str | None, language: NullTranslations | None = None,
                dates: Dates | None = None, code: str | None = None,
                compiled: jinja2.BytecodeCache | None = None) -> jinja2.Environment:
    """The template environment: the site's overrides before the plugin's fragments, every text
    through the portal language's catalogue (`_("…")` in a template)."""
    loaders: list[jinja2.BaseLoader] = []
    if custom_dir:
        loaders.append(jinja2.FileSystemLoader(str(Path(custom_dir) / OVERRIDES)))
    loaders.append(jinja2.PackageLoader("practice_exchange", "templates"))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=True,
        auto_reload=False,  # one build: a template is read and compiled once
        cache_size=-1,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        extensions=["jinja2.ext.i18n"],
        bytecode_cache=compiled,  # under `mkdocs serve`, kept from one rebuild to the next
    )
    language = language or NullTranslations()
    # A translation is the theme's text, put in as it is (Jinja marks it safe): one of a message without
    # markup keeps none, or a portal's own catalogue translating `easy` (shown through `_(card.difficulty)`)
    # as an `<img onerror=…>` ran it on every card (a review of the session's change).
    gettext, ngettext = language.gettext, language.ngettext
    env.install_gettext_callables(  # type: ignore[attr-defined]
        lambda message: _as_text(message, gettext(message)),
        lambda singular, plural, n: _as_text(singular, ngettext(singular, plural, n)), newstyle=True)
    # Texts a script writes in the browser, in every plural form of the language (`catalogue.js`).
    env.globals["plural_forms"] = lambda singular, plural: plural_forms(language, code, singular, plural)
    env.globals["portal_language"] = base_language(code)
    env.globals["portal_locale"] = named = babel_locale(code)  # a language's name in the portal's, in its script
    portal = base_language(code)
    # ` lang="de"` for an entry in a language that is not the portal's, to put on its content.
    env.filters["lang_attribute"] = lambda entry: Markup(' lang="{}"').format(entry.lang) if foreign(
        entry, portal) else ""
    env.filters["language_name"] = lambda lang: language_name(lang, named) or lang
    # A country by its name in the portal's language (`Tschechien`), as the catalogue's facet names it:
    # a bare `CZ` tells a practitioner little, and a screen reader spells it out (a new user's review).
    countries = names_in(portal, named)
    env.filters["country"] = lambda code: countries.get(code, code)
    # ` (Deutsch)` after an entry's title in a list: an entry and its translation are told apart where
    # both are listed (a lead expert's review).
    env.filters["language_mark"] = lambda entry: language_mark(entry.lang, named) if foreign(entry, portal) else ""
    dates = dates or Dates()
    env.filters["date_range"] = dates.range
    env.filters["long_date"] = dates.long
    env.filters["when"] = dates.when
    env.filters["grouped"] = grouped
    env.filters["slug"] = slugify
    env.filters["free_id"] = free_id
    env.filters["take_id"] = take_id
    env.filters["code"] = lambda text: Markup("<code>{}</code>").format(text)
    # A category or follow-up status badge as an entry's body shows it, focusable for its meaning:
    # one markup for both, so that a generated page's badge is reached by keyboard as a visit's is.
    env.globals["badge"] = lambda marker: Markup(etree.tostring(badge(marker, language.gettext), encoding="unicode"))
    return env


def grouped(entries: Iterable[Any], attribute: str) -> list[tuple[Any, list[Any]]]:
    """Entries by their value of `attribute`, in the order given, each group named as its first
    entry writes the value; texts that differ only in case or spacing are one value (Jinja's
    `groupby` sorts, and cannot sort a missing value among text)."""
    runs: dict[Any, tuple[Any, list[Any]]] = {}
    for entry in entries:
        value = getattr(entry, attribute, None)
        runs.setdefault(fold(value) if isinstance(value, str) else value, (value, []))[1].append(entry)
    return list(runs.values())


def long_date(day: dt.date) -> str:
    """`15 January 2014`, independent of the machine's locale."""
    return Dates().long(day)


def date_range(start: dt.date, end: dt.date) -> Markup:
    """`15–17 January 2014`, `30 January – 2 February 2014`, or one day, as HTML."""
    return Dates().range(start, end)


# The id of a generated page's heading: the table of contents, and the theme's "Skip to content" link, lead
# there (the link went past an entry's facts to its body's first heading, or was missing on listings: an
# accessibility review).
TITLE_ID = "px-title"
# A section's heading as the portal's templates write it (`entry-list.html`): a table of contents names it.
_SECTION_RE = re.compile(r'<h2><span id="([^"<>]+)"></span>(.*?)</h2>')
_TAG_RE = re.compile(r"<[^>]*>")


def contents(title: str, *parts: str | list[dict[str, Any]], title_id: str = TITLE_ID) -> list[dict[str, Any]]:
    """A generated page's table of contents: its heading, and under it the sections of its parts in order,
    those of the templates' HTML (found as they write them) and a body's own (its conversion's)."""
    children: list[dict[str, Any]] = []
    for part in parts:
        if isinstance(part, str):
            children += [{"level": 2, "id": html.unescape(found.group(1)), "name": _TAG_RE.sub("", found.group(2)),
                          "children": []} for found in _SECTION_RE.finditer(part)]
        else:
            children += part
    return [{"level": 1, "id": title_id, "name": str(escape(title)), "children": children}]


def front_matter(title: str | None, meta: Mapping[str, Any]) -> str:
    """A document's front matter. The title is HTML text, as themes print titles: escaped, so that
    an author's `</title>` stays text in the page's `<title>` and navigation."""
    data = {**({"title": str(escape(title))} if title is not None else {}), **meta}
    if not data:
        return ""
    return "---\n" + "".join(f"{key}: {yaml_value(value)}\n" for key, value in data.items()) + "---\n\n"


# What YAML readers take as a line break or refuse in a document, written as escapes instead.
_NOT_YAML_TEXT = re.compile("[^\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def yaml_value(value: Any) -> str:
    """A value as YAML on one line: JSON, which YAML reads, with every character a YAML reader
    would fold or refuse escaped. A thousand times quicker than a YAML writer, for each page."""
    return _NOT_YAML_TEXT.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(value, ensure_ascii=False))


def foreign(entry: object, portal: str) -> bool:
    """Whether an entry is written in another language than the portal's (its `lang` says so)."""
    lang = getattr(entry, "lang", None)
    return bool(lang) and lang != portal


def language_mark(lang: str, locale: str) -> Markup:
    """` (Deutsch)`: the language's name, in the portal's (Babel's `locale`), after a title in another language."""
    return Markup(' <small class="px-lang">({})</small>').format(language_name(lang, locale) or lang)


@dataclass(frozen=True, slots=True)
class Frame:
    """What an entry's page shows around its body: the facts before it, the links after it (HTML)."""

    head: str
    tail: str

    def around(self, body: str) -> str:
        """The entry's part of its document: the frame around the rendered body, blocks apart."""
        return f"{self.head}\n\n{body}\n\n{self.tail}\n" if self.tail else f"{self.head}\n\n{body}\n"


class TemplateError(Exception):
    """A page template (perhaps a site's override) cannot make its page; the message says which and why."""


def free_id(name: str, taken: Collection[str]) -> str:
    """`name` as an id, or, where the page holds it already (`taken`), the next that it does not,
    numbered as the table of contents numbers a heading named twice (`name_1`, `name_2`, ...).
    It takes nothing: the same call gives the same id (a link to a section drawn further on)."""
    return unique(name, set(taken))


def take_id(name: str, taken: Collection[str]) -> str:
    """`free_id`, noted in the page's `taken_ids` (a set, new for each page drawn): the id of a section
    itself, so that another section named alike on the page (a portal's own kind whose list is named
    as a built-in one) takes the next."""
    return unique(name, taken) if isinstance(taken, set) else free_id(name, taken)


class Renderer:
    """Draws every generated document, and the findings blocks, from the templates.

    Links are written relative to the page being drawn, as MkDocs writes them; an
    entry's line in a list links up to the site's root and down, and is drawn once
    for each depth of page that lists it.
    """

    def __init__(self, env: jinja2.Environment, index: Index, urls: Mapping[str, str],
                 shared: Mapping[str, Any], from_root: bool = False,
                 filters: Mapping[str, Sequence[tuple[str, str]]] | None = None,
                 body_ids: Callable[[str], frozenset[str]] = lambda src_uri: frozenset()) -> None:
        self.env = env
        self.index = index
        # The ids an entry's body holds (its headings'), which its frame's sections must not take again.
        self.body_ids = body_ids
        # An entry's values of the catalogue's facets, which Pagefind's index offers as filters.
        self.filters = filters or {}
        # Links up to the site's root, then down (`../../practices/kaap/`): what an export needs,
        # read alike by generators that resolve a link from the page (MkDocs) or from its file (Zensical).
        self.from_root = from_root
        self.urls = urls
        self._lines: dict[tuple[str, str], Markup] = {}
        portal = index.portal
        self.lines = {kind.name: kind.line for kind in portal.kinds}
        held = tuple(kind for kind in portal.kinds if index.holds(kind.name))
        about = tuple(kind for kind in held if kind.city_list)
        self._context = {
            **shared,
            "index": index,
            "network": portal.network,
            "cities": portal.network.cities,
            "tags": portal.tags,
            "kinds": portal.kinds,
            # The kinds the portal has entries of: the pages leave out a column or a list of a kind it has
            # none of, which could only say 0 (a portal of sessions alone: a new user's review).
            "kinds_held": held,
            # The other kinds a city's page lists (sessions), and whether it shows practices and visits: not
            # where the portal has none of them and has such another kind. The city pages, the cities page
            # and the home page that describes them ask here alike.
            "kinds_about_cities": about,
            "practices_shown": bool(index.practices_by_city) or not about,
            "visits_shown": bool(index.schedule) or not about,
            "categories": CATEGORIES,
            "statuses": STATUSES,
            "difficulties": DIFFICULTIES,
        }

    def _links(self, page_url: str) -> dict[str, Any]:
        urls = self.urls
        back = prefix(page_url)

        def url(target: Entry | str) -> str:
            address = urls[target.src_uri if isinstance(target, Entry) else target]
            return back + address if self.from_root else relative(address, page_url)

        def from_root(target: Entry | str) -> str:
            return back + urls[target.src_uri if isinstance(target, Entry) else target]

        def line(entry: Entry) -> Markup:
            """One entry in a list (`practice-line.html`, ...), its links up to the root and down:
            drawn once for each depth of page, not once for each page that lists it."""
            key = (entry.src_uri, back)
            html = self._lines.get(key)
            if html is None:
                template, macro = self.lines[entry.kind]
                draw = getattr(self.env.get_template(template).module, macro)
                html = Markup(draw(entry, self._context["cities"], from_root))
                if self._context["index"].translations_of(entry):  # lists show each set of translations once
                    html += self.env.get_template("entry-languages.html").module.also(  # type: ignore[attr-defined]
                        entry, self._context["index"], from_root)
                self._lines[key] = html
            return html

        def target(to: Entry | str) -> str:
            """Where a link leads, as a printed page shows it: the full address, from the site's; empty
            without `site_url` (an address from the site's root, `cities/lyon/`, leads nowhere on paper)."""
            site = str(self._context.get("site_url", "") or "")
            return site + urls[to.src_uri if isinstance(to, Entry) else to] if site else ""

        def findings_block(name: str) -> Markup:
            """A findings block inside a page's template (the report's, which is printed)."""
            return Markup(self.block(name, page_url, printed=True))

        # The ids the page holds so far, which `take_id` adds to (an entry's frame: its body's first).
        return {"url": url, "line": line, "findings_block": findings_block, "target": target, "taken_ids": set()}

    def part(self, spec: PageSpec, page_url: str, blocks: Mapping[str, str] | None = None,
             fill: bool = True) -> str:
        """What a page that is not an entry's shows: its template's HTML, or Markdown with findings
        blocks (`blocks`, drawn for this page, or drawn here); with `fill` false, the Markdown keeps
        its markers, for the blocks to be put in as it is converted."""
        context = {**self._context, **self._links(page_url), **spec.context}
        body = self.env.get_template(spec.template).render(context) if spec.template else ""
        if spec.markers is not None:
            draw = (lambda name: blocks[name]) if blocks is not None else (lambda name: self.block(name, page_url))
            body = body + "\n\n" + (fill_markers(spec.markers, draw) if fill else spec.markers)
        return body.strip("\n") + "\n"

    def front(self, spec: PageSpec) -> str:
        """A generated document's opening: its front matter, then its title as the page's heading,
        with the entry's language beside it when it is not the portal's.

        The home page has neither: the theme names it after the site.
        """
        if spec.src_uri == "index.md":
            return front_matter(None, spec.meta)
        portal = str(self.env.globals.get("portal_language", "en"))
        if spec.entry is not None and foreign(spec.entry, portal):
            lang = str(spec.entry.lang)
            heading = Markup('<span lang="{}">{}</span>').format(lang, spec.title) + language_mark(
                lang, str(self.env.globals.get("portal_locale", portal)))
        else:
            heading = escape(spec.title)
        # The id on a span inside, as the templates' sections have theirs: Material's search makes an entry of
        # each heading with an id, an empty one where what follows is left out of search (an entry's facts).
        return front_matter(spec.title, spec.meta) + f'<h1><span id="{self.title_id(spec)}"></span>{heading}</h1>\n\n'

    def title_id(self, spec: PageSpec) -> str:
        """The id of a generated page's heading: `TITLE_ID`, or the next free one where an entry's body holds
        it (a heading `## Px Title`), so that the page holds each id once."""
        taken = self.body_ids(spec.src_uri) if spec.entry is not None else frozenset()
        return next(name for name in (TITLE_ID, *(f"{TITLE_ID}_{n}" for n in range(1, len(taken) + 2)))
                    if name not in taken)

    def frame(self, spec: PageSpec, page_url: str) -> Frame:
        """An entry page's frame: its template drawn around the body, split where it prints `body`."""
        # A body's heading may read as a section of the frame ("## Equipment"): the section takes another id
        # (`take_id`), so that the page holds each id once and the author's own links still lead to theirs.
        head, tail = self.split(spec, page_url, ("body",), {"taken_ids": set(self.body_ids(spec.src_uri))})
        filters = self.filters.get(spec.src_uri)
        if filters:
            marks = Markup("").join(Markup('<span data-pagefind-filter="{}:{}"></span>').format(facet, value)
                                    for facet, value in filters)
            head = f"<div hidden>{marks}</div>\n{head}"
        return Frame(head, tail)

    def split(self, spec: PageSpec, page_url: str, slots: Sequence[str],
              extra: Mapping[str, Any] | None = None) -> tuple[str, ...]:
        """A template's HTML in the pieces around the places where it prints each of `slots`, in that
        order and once each: where a document holds text that is not the template's (an entry's body,
        the lead expert's Markdown)."""
        marks = {name: f"px-{name}-{uuid.uuid4().hex}" for name in slots}  # split on, never published
        context = {**self._context, **self._links(page_url), **spec.context, **(extra or {}),
                   **{name: Markup(mark) for name, mark in marks.items()}}
        html = self.env.get_template(spec.template).render(context)
        parts: list[str] = []
        for name, mark in marks.items():
            found = html.count(mark)  # in what follows the slots before it
            if found != 1:
                what = "the entry's text" if name == "body" else "its text"
                order = f", after `{{{{ {slots[len(parts) - 1]} }}}}`" if parts else ""
                raise TemplateError(f"the template `{spec.template}` must print `{{{{ {name} }}}}` once{order},"
                                    f" where {what} goes; it printed it {found} times{' there' if parts else ''}")
            before, html = html.split(mark)
            parts.append(before.strip("\n"))
        return (*parts, html.strip("\n"))

    def block(self, name: str, page_url: str, printed: bool = False) -> str:
        """One findings block (`schedule`, `matrix`, ...), links relative to `page_url`; `printed`, for a
        page made to be printed (the report), where nothing may wait behind a click: a PDF printer runs
        no script to open what is folded (a closed `<details>`), and printed none of it.

        Search leaves it out: it repeats the visits' own pages, which search finds. Material's search
        takes the first `</div>` inside an excluded `<div>` for the end of the exclusion (it matches
        elements by tag), so no block template puts a `<div>` inside: its wrappers are `<section>`s.
        """
        context = {**self._context, **self._links(page_url), "printed": printed}
        html = self.env.get_template(f"findings-{name}.html").render(context)
        return f'<div class="{_block_class(name)}" data-search-exclude>\n{html}\n</div>'


def _block_class(name: str) -> str:
    return f"px-block px-block--{name}"


def blocks_in(html: str) -> set[str]:
    """The findings blocks a template drew into `html` (`findings_block`, as `Renderer.block` writes them)."""
    return {name for name in BLOCKS if f'class="{_block_class(name)}"' in html}


def fill_markers(text: str, block: Callable[[str], str]) -> str:
    """Markdown with each findings marker (outside code) replaced by its block's HTML, apart from the text."""
    return "".join(filled(text, block))


def trimmed(pieces: Iterable[str]) -> list[str]:
    """`"".join(pieces).strip("\n") + "\n"`, the pieces left apart (see `filled`)."""
    kept = list(pieces)
    while kept and not kept[0].strip("\n"):
        kept.pop(0)
    while kept and not kept[-1].strip("\n"):
        kept.pop()
    if kept:
        kept[0], kept[-1] = kept[0].lstrip("\n"), kept[-1].rstrip("\n")
    return [*kept, "\n"]


def filled(text: str, block: Callable[[str], str | None]) -> Iterator[str]:
    """`fill_markers` in pieces, each block whole among them: a findings page of thousands of entries
    is megabytes, which one string would copy again. A marker whose block is None stays as written."""
    from .blocks import MARKER_RE

    lines = text.split("\n")
    markers = {index: found.group(1) for index, line in outside_fences(list(lines))
               if (found := MARKER_RE.match(line))}
    for index, line in enumerate(lines):
        if index:
            yield "\n"
        name = markers.get(index)
        html = block(name) if name is not None else None
        if html is None:
            yield line
        else:
            yield from ("\n", html, "\n")
