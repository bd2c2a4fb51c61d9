"""The MkDocs plugin: thin hooks around `Build`, which does the work."""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory
from mkdocs.utils.templates import TemplateContext
from watchdog.events import FileSystemEvent, FileSystemEventHandler

from .build import ASSET_DIR, Build, ContentErrors, log, theme_problem
from .config import PracticeExchangeConfig
from .errors import LoggedErrors, Problem
from .export import Exporter
from .kept import LastSite
from .pages.markdown import PortalMarkdown
from .pages.safety import name_as_text
from .preview import LARGE_PORTAL, Preview, inherited, waiting_page

if TYPE_CHECKING:  # only `mkdocs serve` needs the live-reload server
    from mkdocs.livereload import LiveReloadServer


class PracticeExchangePlugin(BasePlugin[PracticeExchangeConfig]):
    """Turns a network's practices, visits and toolkit cards into pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.build: Build | None = None
        self.markdown = PortalMarkdown()
        self.exporter: Exporter | None = None  # set by `practice-exchange export`
        self.files: Files | None = None
        self.preview: Preview | None = None  # under `mkdocs serve`: kept from one rebuild to the next
        self.indexing: threading.Thread | None = None  # Pagefind indexing a served site, after its rebuild
        self.indexing_stop: threading.Event | None = None  # what stops that thread's work
        self.dirty = False
        self.keeps = False  # whether the next build is the command's own, which keeps the last site
        self.last_site: LastSite | None = None  # `mkdocs build`: the site it replaces (`kept.py`)
        self.built = False  # whether the build reached its end (its strict check aside)
        self.configured = 0  # the configurations MkDocs has read and handed to the plugin
        self.waiting: list[Problem] | None = None  # a served rebuild's content errors, which its page shows
        self.broken: Build | None = None  # that rebuild's work, which knows the folders to watch
        # Under `mkdocs serve`: the paths the portal reads, those watched, and the folders they appear in.
        self.read: list[Path] = []
        self.watched: set[Path] = set()
        self.around: set[Path] = set()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining this hook keeps this plugin, and its preview, from one rebuild of `mkdocs serve` to the next.
        self.preview = Preview(dirty=dirty) if command == "serve" else None
        self.dirty = dirty  # `mkdocs build --dirty`: MkDocs writes only the pages whose sources changed
        self.keeps = command in ("build", "gh-deploy") and not dirty  # whether the next build keeps the last site

    # Before the other plugins read the theme's settings: Material's search stopped on a `language:` it has no
    # texts for with a traceback naming a template (a review as a German author); this says what to write.
    @event_priority(100)
    def _theme_first(self, config: MkDocsConfig) -> MkDocsConfig:
        problem = theme_problem(config)
        if problem is not None:
            raise PluginError(f"practice-exchange: {problem}")
        return config

    @event_priority(0)
    def _configure(self, config: MkDocsConfig) -> MkDocsConfig:
        self._indexed(stop=True)  # a rebuild replaces what the last one still had to write
        self.configured += 1  # MkDocs read the configuration (see `_ShowsConfigErrors`)
        self.waiting = self.broken = None
        _not_built.armed = False  # a rebuild that failed before MkDocs's last line: not this one's
        _waiting_requests.waiting = False
        # A fresh state per build: `mkdocs serve` calls this again on each rebuild.
        self.build = Build(config, self.config, self.exporter, self.preview, self.dirty)
        # MkDocs takes extension objects in this list too, though its type says names.
        if self.markdown not in config.markdown_extensions:  # type: ignore[comparison-overlap]
            config.markdown_extensions.append(self.markdown)  # type: ignore[arg-type]
        # Linked from every page by the theme, which knows each page's way to them (a translated
        # page's too); the catalogue's script acts only on a page that holds the catalogue.
        for name, target in (("practice-exchange.css", config.extra_css),
                             ("practice-exchange.js", config.extra_javascript),
                             ("catalogue.js", config.extra_javascript)):
            path = f"{ASSET_DIR}/{name}"
            if path not in target:
                target.append(path)
        self.build.setup_search(config)
        self.build.setup_preview(config)
        return config

    on_config = CombinedEvent(_theme_first, _configure)

    # Early, so that plugins running after this one (search among them) see the generated pages.
    @event_priority(50)
    def _add_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.build is not None
        try:
            return self.build.add_files(files)
        except ContentErrors as errors:
            if self.preview is None:
                raise
            return self._wait_for_a_fix(errors, files, config)

    def _wait_for_a_fix(self, errors: ContentErrors, files: Files, config: MkDocsConfig) -> Files:
        """Under `mkdocs serve`, content errors make a site of one page that names them (`on_post_build`),
        which the browser shows at once, at any address, and leaves once a rebuild succeeds; MkDocs's
        server would otherwise leave the browser waiting for a build that never came. The site is
        emptied first, which `--dirty` does not do: every page then is written again once fixed."""
        # Said as an error, but not to MkDocs's count of them: `mkdocs serve --strict` would abort this
        # rebuild too, and the browser would wait again.
        _said_aside.error(str(errors))
        _not_built.armed = _waiting_requests.waiting = True
        assert self.build is not None
        self.build.close()
        self.build, self.broken = None, self.build
        self.waiting = errors.problems
        clean_directory(config.site_dir)
        # No pages, so no menu: MkDocs would warn of each page a `nav` names, which `--strict` counts
        # (the server did not even start). Each rebuild of `mkdocs serve` reads mkdocs.yml again.
        config["nav"] = None
        return Files([file for file in files if not file.is_documentation_page()])

    # Around the plugins that remake the site's files from the docs folder, at -100 (translations):
    # the plugin's files are given a place there just before, and their real sources just after.
    @event_priority(-99)
    def _place_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        return self.build.place_in_docs(files) if self.build is not None else files

    @event_priority(-101)
    def _settle_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.files = files
        return self.build.settle(files) if self.build is not None else files

    on_files = CombinedEvent(_add_files, _place_files, _settle_files)

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Under `mkdocs serve`, before MkDocs empties the site: the files of unchanged pages are kept (`carried.py`).
        if self.build is not None:
            self.build.set_aside()
        # `mkdocs build`: the last site stays in place if this build fails (`kept.py`).
        # Only the command's own build: another plugin's build of the site in another language, run
        # inside it, writes into the same folder (the last site set aside again was the one just made).
        if self.keeps and self.exporter is None:
            self.keeps, self.built = False, False
            self.last_site = LastSite(Path(config.site_dir))
            if not self.last_site.set_aside():
                self.last_site = None

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.build is not None:
            self.build.converting()
        return page

    def on_page_read_source(self, *, page: Page, config: MkDocsConfig) -> str | None:
        return self.build.source(page.file.src_uri, page.file.url) if self.build is not None else None

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # The part of an entry's document the plugin made is finished HTML, kept whole; a page's
        # findings markers get their blocks. Both are read when MkDocs converts this page.
        if self.build is not None:
            blocks = self.build.blocks(page.file.src_uri, page.file.url)
            self.markdown.set_page(generated=self.build.generated_parts(page.file.src_uri), blocks=blocks)
            if self.exporter is not None and self.build.spec(page.file.src_uri) is None and page.file.abs_src_path:
                self.exporter.authored(page.file.src_uri, Path(page.file.abs_src_path), blocks)
        return markdown

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.build is not None:
            self.build.nav = nav
            self.build.carry(files)
        if self.exporter is not None:
            self.exporter.navigation(nav.items)
        return nav

    def _convert_done(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        held = self.markdown.anchors()
        if held:
            page.present_anchor_ids = (page.present_anchor_ids or set()) | held
        self.markdown.set_page()
        if self.build is not None:
            self.build.converted()
        anchors = self.build.replayed_anchors(page.file.src_uri) if self.build is not None else None
        if anchors is not None:
            page.present_anchor_ids = anchors  # those of the page as it was written
        if self.build is not None:
            page.toc = self.build.toc(page.file.src_uri, page.toc)
        return html

    # After the plugins that read a page's Markdown once it is converted (a feed's summary, at -75):
    # a generated page's document is the plugin's own, and its file holds it; thousands of them
    # need not all be held until the build ends.
    @event_priority(-100)
    def _let_go_of_the_document(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if self.build is not None and self.build.spec(page.file.src_uri) is not None:
            # Empty, not None: MkDocs gives a page without Markdown no title, and the menus of the
            # pages drawn later would name this one "None". Its title stays in its front matter.
            page.markdown = ""
            # Every plugin has read the HTML: kept in a scratch file until the theme draws the page (`on_page_context`).
            self.build.hold(page.file.src_uri, html)
            return ""
        return html

    # First, before any plugin reads the HTML of the page about to be drawn (Material's search does).
    @event_priority(100)
    def _before_page_context(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                             nav: Navigation) -> TemplateContext:
        if self.build is not None:
            self.build.drawing_page(page)
            pages = self.build.listed(files, page=True) if (files := self.files) is not None else None
            if pages is not None:
                context["pages"] = pages  # with the pages carried over (`carried.py`)
            html = self.build.give_back(page.file.src_uri) if self.build.wants_content(page) else None
            if html is not None:
                page.content = html
        return context

    # After Material's search has indexed the page: its words without accents are added to that index.
    @event_priority(-50)
    def _fold_searched(self, context: TemplateContext, *, page: Page, config: MkDocsConfig,
                       nav: Navigation) -> TemplateContext:
        if self.build is not None:
            self.build.fold_searched()
        return context

    on_page_context = CombinedEvent(_before_page_context, _fold_searched)

    # Last, once every plugin has read the page's text and HTML: a page the plugin made lets go of
    # them when it is written (its file holds the HTML), so that thousands of entries are not all
    # held until the end of the build. MkDocs itself needs neither after writing a page.
    @event_priority(-100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.build is not None:
            self.build.note_page(page.file.dest_uri, page.meta)
            self.build.drawn_by_mkdocs(page)
            if self.build.spec(page.file.src_uri) is not None:
                self.build.drawn(page.file.src_uri, page.file.url, output, page.present_anchor_ids)
                page.content = None
        return output

    on_page_content = CombinedEvent(_convert_done, _let_go_of_the_document)

    def _env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # MkDocs copies the static files, the exports among them, next.
        if self.preview is not None:
            # MkDocs makes the theme's templates anew for each rebuild: kept compiled, as the plugin's are.
            env.bytecode_cache = self.preview.compiled
        # The name as text in every template. Set here, after the configuration's own events: a plugin
        # that reads the name there (a feed's title) gets it as written.
        config.site_name = name_as_text(config.site_name)
        if self.build is not None:
            self.build.wait()
            self.build.check_anchors(files)
            self.build.drawing_pages()
            env.globals["px_search"] = self.build.search_texts()
            build = self.build
            # The finished HTML, as it is: the template prints it without escaping.
            env.globals["practice_exchange_replay"] = lambda page: build.replayed_html(page.file.src_uri)
        else:  # a served rebuild that waits for a fix: the theme's templates, Pagefind's box among them, still run
            env.globals["px_search"] = {}
        return env

    # Last, once every plugin has set up the templates' environment: the pages are drawn after this.
    @event_priority(-100)
    def _draw_beside(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self.build is not None:
            # The last of the hooks that set up the templates, unless a plugin or hook file runs after it.
            last = config.plugins.events["env"][-1] == self._draw_beside
            self.build.draw_beside(env, files, now=last)
        return env

    on_env = CombinedEvent(_env, _draw_beside)

    def on_template_context(self, context: TemplateContext, *, template_name: str,
                            config: MkDocsConfig) -> TemplateContext:
        # The sitemap, `404.html`, a portal's extra templates: their `pages` hold the pages carried over.
        pages = self.build.listed(self.files, page=False) if self.build is not None and self.files is not None \
            else None
        if pages is not None:
            context["pages"] = pages
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.built = True  # a warning under `--strict` may still fail it: MkDocs then calls `on_build_error`
        if self.waiting is not None:
            page = waiting_page(config.site_name, self.waiting)
            for name in ("index.html", "404.html"):  # the server answers a missing page with 404.html
                Path(config.site_dir, name).write_text(page, encoding="utf-8")
        if self.build is not None:
            self.build.pages_written()
            if self.files is not None:
                self.build.export(self.files)
            if self.preview is not None:
                # The preview shows the page at once; the data files and Pagefind's index are written
                # meanwhile (the next rebuild waits for them), as they take longer than the rest. The
                # scratch folder is handed to that background work, which removes it first.
                self.build.close(later=True)
                self.indexing = threading.Thread(target=self._after, args=(self.build,), daemon=True)
                self.indexing_stop = self.build.stop
                self.indexing.start()
                return
            try:
                self.build.index_search()
            finally:
                self.build.close()

    def on_build_error(self, *, error: Exception) -> None:
        if self.build is not None:
            self.build.close()
        self._keep_last_site()

    def on_shutdown(self) -> None:
        # Also after an interrupted build, which calls neither of the two above.
        self._indexed(stop=True)
        if self.build is not None:
            self.build.close()
        if self.built and self.last_site is not None:
            self.last_site.discard()
            self.last_site = None
        self._keep_last_site()

    def _keep_last_site(self) -> None:
        """A build that failed (or was interrupted) leaves the last site as it was, and says so."""
        last, self.last_site = self.last_site, None
        if last is not None and last.restore():
            log.info(f"practice-exchange: the build failed: `{last.site.name}/` holds the last site built, as it was")

    @staticmethod
    def _after(build: Build) -> None:
        try:
            build.after()
        except Exception as exc:  # a thread's error would otherwise go unseen
            log.error(str(exc))

    def _stop_after(self) -> None:
        # Only the work of a rebuild that has ended: a save seen late must not stop the rebuild it began.
        stop = self.indexing_stop
        if stop is not None:
            stop.set()

    def _indexed(self, stop: bool = False) -> None:
        """Wait until the last rebuild's data files and search index are written, or with `stop`, until
        they are abandoned (a newer rebuild is about to clean the site)."""
        if self.indexing is not None:
            if stop and self.build is not None:
                self.build.stop.set()
            self.indexing.join()
            self.indexing = self.indexing_stop = None

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:  # type: ignore[no-untyped-def]
        # Content lives outside docs/: watch it so an edit rebuilds and reloads the preview.
        build = self.build or self.broken  # the first build's, perhaps one that waits for a fix
        assert build is not None
        root = build.sources.root
        self.read = [Path(root, name) for name in (self.config.network_file, *build.sources.folders().values())]
        watched = [str(path) for path in self.read if path.exists()]
        for path in watched:
            server.watch(path)
        self.watched, self.around = {Path(path) for path in watched}, set()  # this server's watches
        # The files mkdocs.yml inherits (`INHERIT:`): MkDocs watches mkdocs.yml alone.
        for parent in inherited(Path(config.config_file_path))[1:] if config.config_file_path else ():
            if parent.is_file():
                server.watch(str(parent))
        self._follow_paths(server)
        # A save stops the data files and search index the last rebuild is still writing at once, not
        # when the next rebuild begins: meanwhile they would hold the processor that rebuild wants.
        # (`--clean` has no preview: each rebuild is a build, which waits for its search index.)
        observer = getattr(server, "observer", None)  # MkDocs's watcher (a fork's server may lack it)
        if observer is not None and self.preview is not None:
            saved = _SaveStops(self._stop_after)
            # As MkDocs names them, so that each shares the watch, and the moment a save is seen, of MkDocs's.
            for path in sorted({os.path.abspath(path) for path in (*watched, config.docs_dir)}):
                observer.schedule(saved, path, recursive=True)
        # A configuration MkDocs cannot read stops a rebuild before any plugin runs: shown in the browser too.
        if callable(getattr(server, "builder", None)) and config.config_file_path:
            server.builder = _ShowsConfigErrors(server.builder, self, Path(server.root),
                                                Path(config.config_file_path).name, config.site_name)
        # A rebuild that cannot carry unchanged pages over (`carried.py`) converts, draws and writes every page.
        entries = build.entry_files()
        if self.preview is not None and not self.preview.dirty and entries >= LARGE_PORTAL and not build.carries():
            log.info(f"practice-exchange: {entries} entries: `mkdocs serve --dirty` shows a saved entry sooner,"
                     " drawing again only the pages the save touches (see the README's Live preview)")
        return server

    def _follow_paths(self, server: LiveReloadServer) -> bool:
        """Watch each path the portal reads (`network.yml`, the kinds' folders) that exists, and stop
        watching one that is gone; for each, watch the nearest folder that exists for it to appear
        or go (`_Appears`, without the folders inside: the site being written may be one of them).
        MkDocs watches only paths that exist: a new user's `network.yml` made while serving, a
        kind's first folder, or a folder deleted and made again went unseen. Whether one changed."""
        changed = False
        for path in self.read:
            if path.exists() and path not in self.watched:
                server.watch(str(path))
                self.watched.add(path)
                changed = True
            elif not path.exists() and path in self.watched:
                self.watched.discard(path)
                with contextlib.suppress(KeyError, OSError):  # the watcher may have let go of it with the folder
                    server.unwatch(str(path))
                changed = True
        observer = getattr(server, "observer", None)
        for folder in sorted({_nearest_folder(path) for path in self.read} - self.around):
            self.around.add(folder)
            if observer is not None:
                observer.schedule(_Appears(lambda: self._paths_changed(server)), str(folder), recursive=False)
        return changed

    def _paths_changed(self, server: LiveReloadServer) -> None:
        """A file or folder was made, deleted or moved beside a path the portal reads: the site is
        rebuilt if that path came or went."""
        if self._follow_paths(server):
            _rebuild(server)


def _nearest_folder(path: Path) -> Path:
    """The nearest folder above `path` that exists."""
    folder = path.parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder


def _rebuild(server: LiveReloadServer) -> None:
    """Ask MkDocs's server for a rebuild, as its own watches do when a file changes: it has no public
    way to (a folder made whole, with its files, by `cp -r`, `mv` or `git checkout`, gives no file's event)."""
    wanted = getattr(server, "_rebuild_cond", None)
    if wanted is not None and hasattr(server, "_want_rebuild"):
        with wanted:
            server._want_rebuild = True
            wanted.notify_all()


class _Appears(FileSystemEventHandler):
    """Calls `look` when a file or folder is made, deleted or moved in the folder it is scheduled on."""

    def __init__(self, look: Callable[[], None]) -> None:
        self.look = look

    def on_created(self, event: FileSystemEvent) -> None:
        self.look()

    def on_deleted(self, event: FileSystemEvent) -> None:
        self.look()

    def on_moved(self, event: FileSystemEvent) -> None:
        self.look()


class _ShowsConfigErrors:
    """MkDocs's rebuild under `mkdocs serve`, which shows a configuration it cannot read in the browser.

    MkDocs reads `mkdocs.yml` again for each rebuild; when it cannot (a YAML mistake, an unknown
    setting's value), no plugin runs, MkDocs prints the error and "The server will appear stuck",
    and the browser waits for a rebuild that never comes. Here such a rebuild instead empties the
    site and writes the page that names the errors, as the portal's own errors do (`waiting_page`),
    and MkDocs reloads the browser into it; the next rebuild that reads the file shows the site again.
    Errors of a configuration MkDocs did read are MkDocs's and the plugins' to say, and pass on.
    """

    def __init__(self, builder: Callable[..., None], plugin: PracticeExchangePlugin, site: Path, name: str,
                 site_name: str) -> None:
        self.builder, self.plugin, self.site, self.name, self.site_name = builder, plugin, site, name, site_name

    def __call__(self, config: MkDocsConfig | None = None) -> None:
        said = LoggedErrors()
        logger = logging.getLogger(log.name.split(".")[0])  # MkDocs's, or its fork's, where it logs the errors
        logger.addHandler(said)
        configured = self.plugin.configured
        try:
            self.builder() if config is None else self.builder(config)
        except Exception as exc:
            if self.plugin.configured != configured:
                raise  # the configuration was read: the error is the build's
            messages = said.messages or [str(exc)]
            self.plugin._indexed(stop=True)  # the last rebuild's search index would be written into the emptied site
            clean_directory(str(self.site))
            page = waiting_page(self.site_name, [Problem(self.name, None, None, m) for m in messages],
                                what="configuration")
            for name in ("index.html", "404.html"):  # the server answers a missing page with 404.html
                (self.site / name).write_text(page, encoding="utf-8")
            _said_aside.error(f"practice-exchange: {self.name} could not be read; the browser shows why until it is"
                              " fixed and saved")
            _waiting_requests.waiting = True
        finally:
            logger.removeHandler(said)


def _aside() -> logging.Logger:
    """A logger outside MkDocs's own, which `--strict` counts, printing as MkDocs prints."""
    said = logging.getLogger("practice_exchange.serve")
    if not said.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        said.addHandler(handler)
        said.propagate = False
    return said


_said_aside = _aside()


class _NotBuilt(logging.Filter):
    """Leaves out MkDocs's "Documentation built in … seconds" after a served rebuild the portal's errors
    stopped: it followed "the site was not built" (a new user's review), while the browser showed the errors."""

    armed = False

    def filter(self, record: logging.LogRecord) -> bool:
        if self.armed and record.getMessage().startswith("Documentation built"):
            self.armed = False
            return False
        return True


class _WaitingRequests(logging.Filter):
    """Leaves out the server's warning of each page asked for while the site is the page that names
    the portal's errors (`code 404`, at every address): the terminal read as if pages were missing."""

    waiting = False

    def filter(self, record: logging.LogRecord) -> bool:
        return not (self.waiting and "code 404" in record.getMessage())


_not_built, _waiting_requests = _NotBuilt(), _WaitingRequests()
for _builder in ("mkdocs", "properdocs"):  # MkDocs's, and its fork's, which the README says serves alike
    logging.getLogger(f"{_builder}.commands.build").addFilter(_not_built)
    logging.getLogger(f"{_builder}.livereload").addFilter(_waiting_requests)


class _SaveStops(FileSystemEventHandler):
    """Calls `stop` for each change to a file under the folders it is scheduled on. MkDocs's server
    rebuilds the site for each of them too (it watches the same folders): what is stopped is
    what that rebuild would stop."""

    def __init__(self, stop: Callable[[], None]) -> None:
        self.stop = stop

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.stop()
