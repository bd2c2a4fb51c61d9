"""Entry HTML made safe: an allow-list kept by Ammonia (through nh3), and messages for what it removes.

Entries come from many contributors. Raw HTML in them is shown as text (see
`markdown.py`), but Markdown extensions still make HTML from what an author
types: `attr_list` turns `{: onerror=... }` into an attribute, a link or an
image takes any address. Every entry page's HTML therefore passes through a
well-kept sanitiser on an allow-list of elements, attributes and URL schemes,
and the same allow-list tells the author, with the line, what could not stay.
Pages in `docs/` belong to the portal's maintainers and are left as written.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3
from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE
from markupsafe import Markup

from ..content.body import unstash
from ..errors import Report, shortened

# What Python-Markdown, its common extensions and Material's own extensions write.
TAGS = frozenset(nh3.ALLOWED_TAGS | {"input", "label", "section", "tfoot", "figure", "figcaption", "details",
                                     "summary", "abbr", "mark"})
EVERY_TAG = frozenset({"class", "id", "title", "lang", "dir"})
PRINTED = "data-px-target"  # the address a printed report shows after a link: the portal's own
OWN_CLASS = "px-"  # the portal's classes (badges, facts, lists): what an entry may not pass off as the portal's
ATTRIBUTES: dict[str, set[str]] = {
    "*": set(EVERY_TAG),
    "a": {"href", "hreflang", PRINTED},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "type", "reversed"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "input": {"type", "checked", "disabled", "name"},
    "label": {"for"},
    "span": {"tabindex"},  # a category badge is focusable, for its meaning
    "details": {"open"},
    "div": {"data-tabs"},  # Material's tabbed blocks
    "time": {"datetime"},
    "del": {"datetime"},
    "ins": {"datetime"},
}
# Table cells carry their column's alignment as a style; nothing else of CSS is kept.
STYLES = frozenset({"text-align"})
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
URL_ATTRIBUTES = frozenset({"href", "src", "cite", "action", "formaction", "poster", "srcset", "xlink:href"})


# Made once: building the sanitiser from the allow-lists costs more than cleaning a body.
_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags={"script", "style"},
    attributes=ATTRIBUTES,
    strip_comments=True,
    link_rel=None,
    url_schemes=set(URL_SCHEMES),
    filter_style_properties=set(STYLES),
)


def clean(html: str) -> str:
    """An entry's HTML with only allowed elements, attributes and addresses left."""
    return _CLEANER.clean(html)


def scheme(url: str) -> str | None:
    """The scheme a browser would read in `url` (entities decoded, the spaces and controls it ignores
    dropped), or None. Python-Markdown's stand-in for `&` counts as one: an e-mail autolink's address
    (`<a@b.org>`) is `mailto:` written in character references."""
    squeezed = "".join(ch for ch in html.unescape(url.replace(AMP_SUBSTITUTE, "&")) if ch > " ").lower()
    if ":" not in squeezed.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]:
        return None
    try:
        return urlsplit(squeezed).scheme or None
    except ValueError:
        return squeezed.split(":", 1)[0]


@dataclass(frozen=True, slots=True)
class Unsafe:
    """Something an entry's HTML held that the sanitiser removes: where it was found, and why."""

    line: int
    message: str
    runs: bool  # it could run script: an error; else the author only loses a harmless attribute


ID_RE = re.compile(r"^[\w:.-]*$")  # letters of any script, digits, `_ : . -`; no quote, no bracket
# The theme's own elements are found by ids that begin with `__` (`__config`, its settings, read from
# the first element that has the id; `__search`, `__drawer`, ...). An entry's element placed before
# them would be read instead. Only the ids extensions make for tabs and code lines (exactly) are left.
THEME_ID_RE = re.compile(r"^__(?!(?:tabbed_\d+_\d+|codelineno-\d+-\d+|span-\d+-\d+)$)")


def own_attribute(name: str, value: str) -> tuple[str, str] | None:
    """What of an attribute only the portal or the theme may set, and why (what to write in the
    message, and where to find it in the source), or None."""
    lowered = name.lower()
    if lowered == "id" and not ID_RE.match(value):
        return value[:20], (f"the id `{shortened(value)}` holds characters an id may not; use letters, digits, `-`"
                            " and `_` only")
    if lowered == "id" and THEME_ID_RE.match(value):
        return value, (f"the id `{shortened(value)}` begins with `__`, as the theme's own elements' ids do (its"
                       " settings, search and menus), which it would then read from this text; choose another id")
    if lowered == PRINTED:
        # In any case: the sanitiser reads attribute names as HTML does, `data-PX-target` as this one.
        return name, (f"the attribute `{PRINTED}` is the portal's own (the address a printed report shows after"
                      " a link); remove it")
    if lowered == "class":
        own = [word for word in value.split() if word.startswith(OWN_CLASS)]
        if own:
            return own[0], (f"the class `{own[0]}` is the portal's own (its badges, facts and lists), which would"
                            " make this text look like the portal's; remove it")
    return None


class IdGuard(Treeprocessor):
    """What an author sets with `attr_list` that only the portal may: ids, the portal's classes, the
    address a printed link shows. Each is dropped and reported, as an error.

    An id may hold only letters, digits and `_ : . -`: the theme writes heading ids into the table
    of contents and the skip link as they are, outside the page's sanitised content, where a quote
    would break out of its attribute. A `px-` class would make text look like the portal's own
    (a category badge the data does not count), and `data-px-target` would make a printed link
    show another address than the one it leads to. It runs after the attribute lists are read,
    before the portal's readers add their badges and the table of contents reads the headings.
    """

    def __init__(self, md: Markdown, first_line: int, source: str, found: list[Unsafe]) -> None:
        super().__init__(md)
        self.first_line, self.source, self.found = first_line, source, found

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name, value in list(element.attrib.items()):
                problem = own_attribute(name, value or "")
                if problem is None:
                    continue
                needle, message = problem
                if name.lower() == "class":
                    kept = [word for word in (value or "").split() if not word.startswith(OWN_CLASS)]
                    element.set("class", " ".join(kept))
                    if not kept:
                        del element.attrib["class"]
                else:
                    del element.attrib[name]
                self.found.append(Unsafe(written_line(self.source.split("\n"), needle, self.first_line), message, True))


def report_unsafe(path: str, found: Sequence[Unsafe], report: Report) -> None:
    """Script is an error: the entry is refused. A harmless attribute lost is a warning."""
    for item in found:
        (report.error if item.runs else report.warning)(path, item.line, "body", item.message)


def _attribute_problem(tag: str, name: str, value: str) -> tuple[str, bool] | None:
    lowered = name.lower()
    if lowered.startswith("on"):
        return (f"the attribute `{name}` on an element could run script, so it is removed;"
                " entries may not carry event attributes"), True
    if lowered in URL_ATTRIBUTES:
        # A browser reads `\` in an address as `/`, and skips spaces and controls.
        if "".join(ch for ch in value if ch > " ").replace("\\", "/").startswith("//"):
            return (f"the address `{shortened(value)}` begins with `//` or `\\\\` and names no scheme: a page printed"
                    " from its file (the report's PDF) would read it as a file of the printing machine; write it"
                    " whole, with `https://`"), True
        found = scheme(value)
        if found is not None and found not in URL_SCHEMES:
            return (f"the address `{shortened(value)}` uses `{found}:`, which could run script or hide content;"
                    f" entries may link only to {', '.join(sorted(URL_SCHEMES))} addresses and to pages of"
                    " the portal"), True
    if lowered == "style" and tag in ("td", "th"):
        return None
    if lowered not in ATTRIBUTES["*"] and lowered not in ATTRIBUTES.get(tag, ()):
        return (f"the attribute `{name}` is not kept on `<{tag}>` (entries may set only"
                f" {', '.join(sorted(EVERY_TAG))} and the usual attributes of links and images)"), False
    return None


def written_line(lines: Sequence[str], needles: str | Sequence[str], first_line: int) -> int:
    """The file line where a needle is written (the first of `needles` found, else one found once
    Markdown's backslash escapes are read), or the body's first line when none can be found."""
    needles = (needles,) if isinstance(needles, str) else needles
    for needle in needles:
        if needle:
            for index, line in enumerate(lines):
                if needle in line:
                    return first_line + index
    # As written before Markdown read its backslash escapes (`\\\\host` is shown `\\host`).
    for needle in needles:
        bare = needle.replace("\\", "")
        if bare:
            for index, line in enumerate(lines):
                if bare in line.replace("\\", ""):
                    return first_line + index
    # Written over two lines: Markdown reads the line break in an address as a space (a hostile review's
    # `[x](java` and `script:…)` on the next line was said at the body's first line).
    source = "\n".join(lines)
    for needle in needles:
        words = needle.split()
        if len(words) > 1:
            found = re.search(r"\s+".join(map(re.escape, words)), source)
            if found is not None:
                return first_line + source.count("\n", 0, found.start())
    return first_line


class UnsafeFinder(Treeprocessor):
    """Notes, with the line where the author wrote it, every attribute and address the sanitiser removes.

    It runs last among the tree processors, on the tree the page is rendered from.
    """

    def __init__(self, md: Markdown, first_line: int, source: str, found: list[Unsafe]) -> None:
        super().__init__(md)
        self.first_line = first_line
        self.source = source
        self.found = found

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if not element.attrib or not isinstance(element.tag, str):
                continue
            for name, raw in element.attrib.items():
                # Entities, as the browser reads them; an extension may leave an attribute without a value.
                written = unstash(raw or "", self.md)
                self._check(element.tag, name, written, html.unescape(written))
            made = element.get("id") or ""
            if THEME_ID_RE.match(made) and "id" in element.attrib:
                # An id the table of contents (or tabs) made from the text, after `IdGuard` ran: found by
                # a hostile review, `## __config` took the theme's settings' place.
                text = (element.text or "").strip() or "".join(element.itertext()).strip()  # not its permalink
                self.found.append(Unsafe(written_line(self.source.split("\n"), (text[:40], made), self.first_line),
                                         f"the id `{shortened(made)}`, made from the text"
                                         f" `{shortened(text, 40)}`, begins with `__`, as the theme's own elements' ids"
                                         " do, which it would then read from this text; begin the text otherwise",
                                         True))
        # HTML an extension made and set aside whole (a fenced code block, with the attributes an
        # attribute list gave it): read with the standard library's HTML parser, checked alike.
        for block in self.md.htmlStash.rawHtmlBlocks:
            if "<" in str(block):
                for tag, name, value in _attributes(str(block)):
                    problem = _attribute_problem(tag, name, value)
                    # What could run is said in any case; a harmless attribute lost, when the author wrote it
                    # (not the anchors an extension gives the lines of a code block).
                    if problem is not None and (problem[1] or f"{name}=" in self.source):
                        self._check(tag, name, value, value)
                    own = own_attribute(name, value)
                    if own is not None:
                        self.found.append(Unsafe(written_line(self.source.split("\n"), own[0], self.first_line),
                                                 own[1], True))

    def _check(self, tag: str, name: str, written: str, value: str) -> None:
        problem = _attribute_problem(tag, name, value)
        if problem is not None:
            # Where it is written: as it is (entities and all), else as the browser reads it.
            needles = (written, value) if name.lower() in URL_ATTRIBUTES else (name,)
            self.found.append(Unsafe(written_line(self.source.split("\n"), needles, self.first_line), *problem))


class _Attributes(HTMLParser):
    """Every attribute of every start tag of a piece of HTML, as a browser reads it (entities decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.extend((tag, name, value or "") for name, value in attrs)


def _attributes(markup: str) -> list[tuple[str, str, str]]:
    parser = _Attributes()
    parser.feed(markup)
    parser.close()
    return parser.found


def name_as_text(name: str) -> Markup:
    """The portal's name (`site_name`) as the theme should print it: text, wherever it lands.

    Material prints `site_name` unescaped in `<title>`, the header and the logo's `aria-label`,
    and escapes it once more in the logo's tooltip. Markup is printed as it is by the first and
    left alone by the escape: escaped here once, the name is text in all of them (`</title>` or a
    quote in a hand-written name too) and shows as written in each. Character references are read
    first, as the theme always read them: a name `init` wrote (`say &quot;hi&quot;`) shows unchanged.
    """
    if isinstance(name, Markup):
        return name  # `mkdocs serve` may hand the same configuration to a rebuild
    return Markup.escape(html.unescape(name))
