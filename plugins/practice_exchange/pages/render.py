"""Render generated pages from Jinja fragments a site can override.

A fragment `practice.html` is looked up first in `<theme custom_dir>/practice-exchange/`,
then in the plugin's own `templates/`. Autoescape is on: author text is
escaped unless a template marks trusted HTML (the rendered body) as safe.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..content.base import Entry
from ..content.matrix import CATEGORIES
from ..content.toolkit import DIFFICULTIES
from ..index import Index
from .plan import PageSpec

OVERRIDES = "practice-exchange"


def environment(custom_dir: str | None) -> jinja2.Environment:
    """The template environment: the site's overrides before the plugin's fragments."""
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
    )
    env.filters["date_range"] = date_range
    env.filters["long_date"] = long_date
    return env


def long_date(day: dt.date) -> str:
    """`15 January 2014`, independent of the machine's locale."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def date_range(start: dt.date, end: dt.date) -> str:
    """`15–17 January 2014`, `30 January – 2 February 2014`, or one day."""
    if start == end:
        return long_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}–{long_date(end)}"
    if start.year == end.year:
        return f"{start.day} {_MONTHS[start.month - 1]} – {long_date(end)}"
    return f"{long_date(start)} – {long_date(end)}"


def relative(target_url: str, page_url: str) -> str:
    """A link from one page to a URL of the site, both given from the site's root.

    The same result as `mkdocs.utils.get_relative_url` for the plain URLs the plugin
    makes, at a fraction of its cost: a large portal asks for hundreds of thousands.
    """
    here = page_url.removeprefix("./").split("/")[:-1]  # the home page's address is `./`
    there = target_url.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) or "./"


# Links are drawn once, page-independent, and made relative when a page is finished:
# `url(target)` writes the target's address from the site's root between two SUB
# characters, which the plugin's addresses never hold and content may not (the
# loader refuses control characters, `BODY`'s among them). So an entry's
# line in a list is drawn once per build, not once per page that lists it.
_LINK = "\x1a"
_LINK_RE = re.compile(_LINK + "([^" + _LINK + "]*)" + _LINK)
BODY = "\x1c"  # where a page's rendered Markdown goes, in a frame

# The macro that draws one entry of each kind in a list: (template, macro name).
LINES = {
    "practice": ("practice-line.html", "practice_line"),
    "visit": ("visit-line.html", "visit_line"),
    "toolkit": ("card-line.html", "card_line"),
}


class Renderer:
    """Draws the frame of a generated page (everything around its rendered Markdown) and
    the findings blocks, from the templates."""

    def __init__(self, env: jinja2.Environment, index: Index, urls: Mapping[str, str],
                 assets: Mapping[str, str], shared: Mapping[str, Any]) -> None:
        self.env = env
        self.urls = urls
        self.assets = assets
        self._lines: dict[str, Markup] = {}
        portal = index.portal
        self._context = {
            **shared,
            "url": self._url,
            "asset": self._asset,
            "line": self._line,
            "index": index,
            "network": portal.network,
            "cities": portal.network.cities,
            "tags": portal.tags,
            "categories": CATEGORIES,
            "difficulties": DIFFICULTIES,
        }

    def frame(self, spec: PageSpec, page_url: str) -> str:
        """The content of one generated page, links relative to `page_url`, with `BODY`
        where its rendered Markdown goes (templates put `body` there)."""
        context = {**self._context, **spec.context, "body": Markup(BODY)}
        return self._resolve(self.env.get_template(spec.template).render(context), page_url)

    def block(self, name: str, page_url: str) -> str:
        """One findings block (`schedule`, `matrix`, ...), links relative to `page_url`.

        Search leaves it out: it repeats the visits' own pages, which search finds.
        """
        html = self._resolve(self.env.get_template(f"findings-{name}.html").render(self._context), page_url)
        return f'<div class="px-block px-block--{name}" data-search-exclude>\n{html}\n</div>'

    @staticmethod
    def _resolve(html: str, page_url: str) -> str:
        if _LINK not in html:
            return html
        return _LINK_RE.sub(lambda m: relative(m.group(1), page_url), html)

    def _url(self, target: Entry | str) -> str:
        src_uri = target.src_uri if isinstance(target, Entry) else target
        return f"{_LINK}{self.urls[src_uri]}{_LINK}"

    def _asset(self, name: str) -> str:
        return f"{_LINK}{self.assets[name]}{_LINK}"

    def _line(self, entry: Entry) -> Markup:
        """One entry in a list (`practice-line.html`, ...), drawn once per build."""
        html = self._lines.get(entry.src_uri)
        if html is None:
            template, macro = LINES[entry.kind]
            draw = getattr(self.env.get_template(template).module, macro)
            html = self._lines[entry.src_uri] = Markup(draw(entry, self._context["cities"], self._url))
        return html
