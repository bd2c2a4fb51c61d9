"""The theme's pages drawn on two cores: a helper process draws from the last page back while
MkDocs draws from the first one on, until they meet.

MkDocs draws every page with the theme's templates, one after the other, in one process: on a
portal of thousands of entries that is the longest step of a build after the conversion, and it
leaves the second core idle. When MkDocs is about to draw its first page, every page is converted
and every plugin has set up the templates, so a forked helper (see `pages/ahead.py`) can draw
pages exactly as MkDocs would: the same context, the same plugins' `on_page_context` hooks, the
same templates. Before MkDocs draws a page, the build looks whether the helper has drawn it; if
so, the page's template becomes one that writes that HTML as it is (the preview's, see
`preview.py`), and MkDocs runs every other step of the page (its hooks, writing its file) as
usual. A page the helper has not reached yet is drawn by MkDocs, and the helper skips it. A page
whose drawing logs anything (a warning that `--strict` must count) is left to MkDocs too.

Only where the drawing of one page cannot depend on the pages drawn before it: in a build (not
`mkdocs serve`, whose pages may be drafts, nor `--dirty`), and when every `on_page_context` hook
belongs to this plugin or to a search plugin (which only reads the page). Any other plugin, or a
hook file, may keep state from page to page, so its pages are all drawn by MkDocs. A theme
override that keeps such state itself, or reads another page's HTML, is beyond what can be seen
from here: `parallel: false` is for it (see the README).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2
from mkdocs.commands.build import get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .pages.ahead import Ahead
from .preview import REPLAY_TEMPLATE

# The packages whose `on_page_context` hooks give each page the same context whatever came before.
KNOWN_HOOKS = ("practice_exchange", "material.plugins.search", "mkdocs.contrib.search")
# How long the helper may take, once MkDocs has written every page, to finish the one it draws.
LAST_PAGE_SECONDS = 10.0


def unknown_hooks(config: MkDocsConfig, events: Sequence[str] = ("page_context",),
                  known: Sequence[str] = KNOWN_HOOKS) -> list[str]:
    """The hooks of `events` that are not of the `known` packages: by default, the `on_page_context`
    hooks that may make a page's drawing depend on the pages drawn before."""
    unknown = []
    for hook in (hook for event in events for hook in config.plugins.events[event]):
        owner = getattr(hook, "__self__", None)
        module = type(owner).__module__ if owner is not None else getattr(hook, "__module__", "") or ""
        if owner is None or not any(module == name or module.startswith(f"{name}.") for name in known):
            unknown.append(f"{module}.{getattr(hook, '__qualname__', hook)}")
    return unknown


class Drawing:
    """The pages of a build, drawn by MkDocs from the first and by a helper from the last."""

    def __init__(self, folder: Path, config: MkDocsConfig, nav: Navigation, env: jinja2.Environment,
                 pages: Sequence[File], say: Callable[[str], None] = lambda _: None) -> None:
        self.config, self.nav, self.env, self.files = config, nav, env, list(pages)
        self.next = {self.files[at].src_uri: self.files[at + 1] for at in range(len(self.files) - 1)}
        self.drawn: dict[str, str] = {}  # a page the helper drew, until MkDocs writes it
        self.written = 0  # pages written as the helper drew them
        self.template: dict[str, str | None] = {}  # a page's own template, while it is written as drawn
        self.first: Page | None = None  # the page MkDocs was drawing when the helper was forked
        self.started = False  # in the helper too: its pages' hooks must not start another
        folder.mkdir(parents=True, exist_ok=True)
        parts = {_name(file): self._draw_for(file.page) for file in reversed(self.files) if file.page is not None}
        self.say = say  # what happened, for the build's debug log
        self.ahead = Ahead(folder, parts, lambda: None, say=say, task="draws the theme's pages from the last one back",
                           alone="draws every page", rest="draws the rest")

    def start(self, first: Page | None) -> None:
        """Fork the helper: as MkDocs begins to draw `first`, its first page, or before it draws any."""
        self.first, self.started = first, True
        self.ahead.start()

    def own_template(self, page: Page) -> None:
        """MkDocs has taken the template of a page written as the helper drew it: the page's own
        template goes back into its meta, for the hooks that read it from here on."""
        if page.file.src_uri in self.template:
            template = self.template.pop(page.file.src_uri)
            if template is None:
                page.meta.pop("template", None)
            else:
                page.meta["template"] = template

    def after(self, page: Page) -> None:
        """MkDocs has drawn `page`: if the helper has drawn the next one, MkDocs writes that instead."""
        file = self.next.get(page.file.src_uri)
        if file is None or file.page is None:
            return
        drawn = self.ahead.ready(_name(file))
        if drawn is not None:
            self.drawn[file.src_uri] = drawn[0]
            self.written += 1
            self.template[file.src_uri] = file.page.meta.get("template")
            file.page.meta["template"] = REPLAY_TEMPLATE

    def has(self, src_uri: str) -> bool:
        """Whether MkDocs is to write a page as the helper drew it."""
        return src_uri in self.drawn

    def html(self, src_uri: str) -> str | None:
        """The HTML the helper drew for a page MkDocs is writing, once."""
        return self.drawn.pop(src_uri, None)

    def finish(self) -> None:
        """Every page is written: the helper is told to skip what it has not drawn, and ends."""
        self.ahead.skip_the_rest()
        self.ahead.wait(limit=LAST_PAGE_SECONDS)
        if self.ahead.forked:
            self.say(f"{self.written} of {len(self.files)} pages drawn by the helper process")

    def close(self) -> None:
        """Stop the helper if it still works (the build failed)."""
        self.ahead.close()

    def _draw_for(self, page: Page) -> Callable[[], str | None]:
        def draw() -> str | None:
            # As MkDocs's `_build_page` draws a page, up to the template's output; in the helper.
            config = self.config
            if self.first is not None:
                self.first.active, self.first = False, None  # forked while MkDocs began drawing it
            logged: list[int] = []
            handle = logging.Logger.handle
            # What the drawing logs is not printed here: a page that logs anything is drawn again by
            # MkDocs, where it is printed once and counted (`--strict` fails on a warning).
            logging.Logger.handle = lambda _, record: logged.append(record.levelno)  # type: ignore[assignment,method-assign]
            config._current_page = page
            page.active = True
            try:
                context = get_context(self.nav, self.files, config, page)
                template = self.env.get_template(page.meta.get("template", "main.html"))
                context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
                html = template.render(context)
            finally:
                page.active = False
                config._current_page = None
                logging.Logger.handle = handle  # type: ignore[method-assign]
            return None if any(level >= logging.INFO for level in logged) else html

        return draw


def _name(file: File) -> str:
    return f"theme {file.src_uri}"
