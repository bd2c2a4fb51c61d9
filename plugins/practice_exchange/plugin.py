"""The MkDocs plugin: thin hooks around `Build`, which does the work."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment
from markupsafe import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from .build import ASSET_DIR, Build
from .config import PracticeExchangeConfig
from .pages.markdown import PortalMarkdown

if TYPE_CHECKING:  # only `mkdocs serve` needs the live-reload server and its file watcher
    from mkdocs.livereload import LiveReloadServer


class PracticeExchangePlugin(BasePlugin[PracticeExchangeConfig]):
    """Turns a network's practices, visits and toolkit cards into pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.build: Build | None = None
        self.markdown = PortalMarkdown()
        self.indexed: str | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # A fresh state per build: `mkdocs serve` calls this again on each rebuild.
        self.build = Build(config, self.config)
        if self.markdown not in config.markdown_extensions:
            config.markdown_extensions.append(self.markdown)  # type: ignore[arg-type]
        for asset, target in (("css", config.extra_css), ("js", config.extra_javascript)):
            path = f"{ASSET_DIR}/practice-exchange.{asset}"
            if path not in target:
                target.append(path)  # type: ignore[arg-type]
        return config

    # Early, so that plugins running after this one (search among them) see the generated pages.
    @event_priority(50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.build is not None
        return self.build.add_files(files)

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        spec = self.build.spec(page.file.src_uri) if self.build else None
        # A title given in the site's `nav` wins; themes print titles as markup, hence the escaping.
        if spec is not None and "title" not in vars(page):
            page.title = str(escape(spec.title))  # type: ignore[misc]
        return page

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        spec = self.build.spec(page.file.src_uri) if self.build else None
        return self.build.source(spec) if spec is not None and self.build is not None else None

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Author HTML on entry pages is shown as text and the rest sanitised; the switch is
        # read when MkDocs renders this page.
        spec = self.build.spec(page.file.src_uri) if self.build else None
        slots = self.build.block_names(page.file.src_uri) if self.build else frozenset()
        entry = None
        if spec is not None and spec.entry is not None and self.build is not None:
            entry = self.build.entry_page(spec, markdown)
        if spec is not None and not page.is_homepage:
            # Material prints `page.meta.title` into <title> as it is, but `page.title` through
            # `striptags`, which would turn the escaped text back into markup.
            page.meta["title"] = page.title
        self.markdown.set_page(entry=entry, slots=slots)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.build is not None and self.markdown.entry is not None:
            self.build.unsafe(self.markdown.entry.path, self.markdown.found)
        self.markdown.set_page(entry=None, slots=frozenset())
        spec = self.build.spec(page.file.src_uri) if self.build else None
        return html if spec is None else spec.lead + html

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # Every page's Markdown is rendered, nothing is written yet: the last moment to fail
        # the build whole. MkDocs copies the static files, the exports among them, next.
        if self.build is not None:
            self.build.finish_rendering()
            self.build.wait()
        return env

    # After search (priority 0) has indexed a page's own words: frame them with the
    # template (facts, tags, cross-references) and put in the findings blocks, which
    # search should not repeat on every page.
    @event_priority(-50)
    def on_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> TemplateContext:
        if self.build is None or page.content is None:
            return context
        spec = self.build.spec(page.file.src_uri)
        if spec is not None:
            # The page keeps only its own content once written, as an ordinary page would:
            # a large portal need not hold every framed page until the end.
            self.indexed = page.content
            page.content = self.build.render(spec, page.content[len(spec.lead):])
        page.content = self.build.fill(page.file.src_uri, page.content)
        return context

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.indexed is not None:
            page.content, self.indexed = self.indexed, None
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.build is not None:
            self.build.close()

    def on_build_error(self, *, error: Exception) -> None:
        if self.build is not None:
            self.build.close()

    def on_shutdown(self) -> None:
        # Also after an interrupted build, which calls neither of the two above.
        if self.build is not None:
            self.build.close()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:  # type: ignore[no-untyped-def]
        # Content lives outside docs/: watch it so an edit rebuilds and reloads the preview.
        assert self.build is not None
        root = self.build.sources.root
        for name in (self.config.network_file, *self.build.sources.folders().values()):
            if (root / name).exists():
                server.watch(str(Path(root, name)))
        return server
