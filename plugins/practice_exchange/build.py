"""One build of a portal: load and check the content, add its pages and data, render them.

Everything here lives for one build only: `mkdocs serve` makes a new `Build`
for each rebuild, so nothing carries over from an earlier state of the files.
"""

from __future__ import annotations

import logging
import os
import posixpath
import shutil
import tempfile
import threading
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Any, Generic, TypeVar

import jinja2
from babel.support import NullTranslations
from mkdocs import plugins as mkdocs_plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc

from . import exports, search
from . import index as index_module
from .carried import CARRY_EVENTS, Carried
from .config import PracticeExchangeConfig
from .content import Sources
from .content.body import MarkdownSetup, PageHooks
from .content.fields import describe
from .content.kind import Kind
from .content.portal import Portal, load_what_holds, stamp
from .content.registry import KINDS, default_aliases
from .drawing import Drawing, unknown_hooks
from .errors import Problem, Report, plural
from .export import Exporter
from .findings import BLOCKS, Findings, summarise
from .language import CatalogueError, babel_locale, base_language
from .pages import PageSpec, catalogue, plan
from .pages.ahead import Ahead
from .pages.blocks import MarkerComment, check_page, find_markers, folder_name, read_page, taken_place
from .pages.dates import Dates
from .pages.graph import network_svg
from .pages.links import Link, known_pages, missing_anchors, report_broken
from .pages.markdown import EntryPages, PortalMarkdown, begun, html_ids
from .pages.plan import FINDINGS_PAGE, HOME_PAGE, OWN_FOLDERS, default_nav, listing_pages
from .pages.render import (
    OVERRIDES,
    Frame,
    Renderer,
    TemplateError,
    blocks_in,
    contents,
    environment,
    fill_markers,
    filled,
    front_matter,
    trimmed,
)
from .pages.report import REPORT_PAGE, REPORT_VISITS, Chapters, LeadText, lead_text, wanted
from .pages.safety import report_unsafe
from .parallel import KEEP_EVERY, freeze, keep, thaw
from .preview import REPLAY_TEMPLATE, Preview, digest, discard, discarded, tree_state

# `mkdocs.plugins.practice_exchange`, or `properdocs.plugins.…` under the fork, so that
# `--strict` counts these warnings whichever tool runs the build.
log = logging.getLogger(f"{mkdocs_plugins.__name__}.practice_exchange")

ASSETS = ("practice-exchange.css", "practice-exchange.js", "catalogue.js", "search.js")
ASSET_DIR = "assets/practice-exchange"
PLUGIN_NAME = "practice-exchange"
EXPORT_DIR = exports.FOLDER
SEARCH_FACETS = "search-facets.json"  # with Pagefind, among the assets: the filters the search box offers
# What the plugin draws in the theme's place: the Pagefind search box; a page `mkdocs serve` writes as it was.
PAGEFIND_THEME = Path(__file__).parent / "theme" / "pagefind"
PREVIEW_THEME = Path(__file__).parent / "theme" / "preview"
# Under `mkdocs serve`, how long the data files and the search index wait after a rebuild: meanwhile
# the browser loads the rebuilt page, which Pagefind, busy on every core, would otherwise slow.
AFTER_DELAY = 1.0
Drawn = TypeVar("Drawn")
T = TypeVar("T")


# Markdown extensions that read other files into a text (`--8<-- "secrets.env"`): the maintainers'
# pages keep them; an entry, a contributor's, is read without them, and shows such a line as text.
FILE_READERS = frozenset({"pymdownx.snippets", "markdown_include.include", "mdx_include"})


def _reads_files(extension: object) -> bool:
    """Whether an extension, named as mkdocs.yml names it (`pymdownx.snippets`, or with its class,
    `pymdownx.snippets:SnippetExtension`), is one that reads files into a text."""
    return isinstance(extension, str) and extension.split(":", 1)[0] in FILE_READERS


WRITTEN_AT_ONCE = 1 << 18  # characters: see `write_text`


def write_text(path: Path, pieces: Iterable[str]) -> None:
    """Text into a file as UTF-8, a few hundred kilobytes at a time: a generated page of thousands of
    entries (the findings page) is megabytes, which Python's own `write_text` copies whole twice
    (once to translate line ends, once encoded): at 5,000 entries, 12 MB of the build's peak."""
    with path.open("w", encoding="utf-8", newline="") as file:
        for piece in pieces:
            for at in range(0, len(piece), WRITTEN_AT_ONCE):
                file.write(piece[at:at + WRITTEN_AT_ONCE])


class Spool:
    """Texts kept in one file, each read back by its key: `os.pwrite` and `os.pread` at offsets noted
    here, so that a process forked from this one reads them through the same open file."""

    def __init__(self, path: Path) -> None:
        self.fd: int | None = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
        self.end = 0
        self.at: dict[str, tuple[int, int]] = {}

    def put(self, key: str, text: str) -> None:
        assert self.fd is not None
        start = self.end
        for at in range(0, len(text), WRITTEN_AT_ONCE):  # a page of megabytes is not encoded whole
            data = text[at:at + WRITTEN_AT_ONCE].encode("utf-8")
            while data:
                written = os.pwrite(self.fd, data, self.end)
                data, self.end = data[written:], self.end + written
        self.at[key] = (start, self.end - start)

    def get(self, key: str) -> str | None:
        where = self.at.get(key)
        if where is None or self.fd is None:
            return None
        start, size = where
        data = os.pread(self.fd, size, start)
        if len(data) != size:
            raise OSError(f"a scratch file of the build was cut short ({len(data)} of {size} bytes)")
        return data.decode("utf-8")

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def theme_problem(config: MkDocsConfig) -> str | None:
    """What in the theme's settings would let a contributor's text run as script, or None.

    Material's `content.tooltips` writes every element's `title` into its tooltip as HTML: a link's
    title, an attribute list's, a visit's title in the findings' table, and the text of a heading cut
    short in the table of contents. Any of those, written by a contributor, ran as script.
    """
    if "content.tooltips" in (config.theme.get("features") or ()):
        return ("mkdocs.yml: the theme's feature `content.tooltips` shows every `title` (a link's, a heading's"
                " cut short in the table of contents) as HTML, so a contributor's text there would run as"
                " script; remove it from `features:` under `theme:` (the portal shows its badges' meanings"
                " itself)")
    return language_problem(config)


def language_problem(config: MkDocsConfig) -> str | None:
    """A `language:` under `theme:` that Material has no texts for (`DE`, `de-DE`, `German`): Material
    stopped the build with a traceback naming a template, and `check` passed it (a review as a German author)."""
    from babel import Locale, localedata

    language = config.theme.get("language")
    # Material's languages; another theme's are whatever Babel knows, which the plugin writes dates in.
    known = {path.stem for folder in config.theme.dirs
             for path in (Path(folder) / "partials" / "languages").glob("*.html")}
    if language is None and not known:
        return None  # a theme without languages, and none asked for: English
    if not isinstance(language, str) or not language.strip():
        shown = "empty" if language is None or not str(language).strip() else describe(language)
        return (f"mkdocs.yml: the theme's `language:` is {shown}, not a language's code; write one such as"
                " `language: de`, or leave the line out for English")
    if language in known or not known:
        # The plugin writes dates and counts through Babel: a language it has no data for stopped the build
        # (with another theme than Material's, a traceback: a hostile review).
        # As the plugin asks Babel (`babel_locale`): Material's `tl` is Babel's `fil`; a language Babel names
        # no country in would be written in English without a word.
        base = base_language(language)
        if base == "en" or babel_locale(language) != "en":
            return None
        return (f"mkdocs.yml: the theme's `language: {language}` is one the plugin cannot write dates and counts"
                f" in (Babel has no data for `{base}`); choose a close language Babel knows"
                + (", such as `hr` or `sr`" if base == "sh" else ""))

    names: dict[str, str] = {}  # a language's name, in English and in itself -> Material's code
    english = Locale("en").languages
    for code in sorted(known, reverse=True):
        base = code.split("-")[0]
        names[code.casefold()] = names[code.casefold().replace("-", "_")] = code
        own = Locale.parse(base).get_display_name(base) if localedata.exists(base) else None
        for name in (english.get(base), own):
            if name:
                names.setdefault(name.casefold(), code)
    written = language.strip().casefold()
    meant = names.get(written) or names.get(written.replace("_", "-")) or names.get(written.split("-")[0].split("_")[0])
    hint = f"; write `language: {meant}`" if meant else \
        f"; write a code such as `de`, `fr` or `pl` ({len(known)} are known, see Material's documentation)"
    return f"mkdocs.yml: the theme's `language: {language}` is not a language Material has texts for{hint}"


def check_clashes(config: MkDocsConfig, files: Iterable[File], kinds: Sequence[Kind], sources: Sources,
                  search_mode: str | None, report: Report) -> None:
    """A hand-written file may not take a place of the plugin's own pages and files. Both the build and
    `practice-exchange check` ask here, so that check accepts only what the build accepts (it passed
    a `docs/exports/portal.json` the build refused: a hostile review)."""
    taken = {*(kind.folder for kind in kinds), *OWN_FOLDERS}
    own = own_places(config, kinds)
    docs = docs_name(config)
    for file in files:
        if file.abs_src_path is None or file.generated_by is not None:
            continue
        top = file.src_uri.split("/")[0]
        if search_mode == "pagefind" and file.dest_uri.startswith(f"{search.BUNDLE}/"):
            report.error(f"{docs}/{file.src_uri}", None, None,
                         f"`{search.BUNDLE}/` in the site holds the search index that Pagefind writes;"
                         " move this file to another folder")
        elif file.is_documentation_page() and "/" in file.src_uri and top in taken:
            report.error(f"{docs}/{file.src_uri}", None, None,
                         taken_place(top, {kind.folder: sources.folder(kind) for kind in kinds}, docs))
        elif file.dest_uri in own and file.src_uri not in LEAD_PAGES:
            report.error(f"{docs}/{file.src_uri}", None, None,
                         f"it would be published as `{file.dest_uri}`, where the plugin puts"
                         f" {own[file.dest_uri]}; rename it or move it to another folder")


def docs_name(config: MkDocsConfig) -> str:
    """The docs folder as messages name it: from the folder of mkdocs.yml (`docs`, `content/pages`), as
    the entries' folders are named; its full path where it lies elsewhere."""
    return folder_name(Path(config.docs_dir), Path(config.config_file_path).parent if config.config_file_path
                       else Path.cwd())


def own_places(config: MkDocsConfig, kinds: Sequence[Kind]) -> dict[str, str]:
    """Where the plugin's fixed pages and files are written, and what each is, for messages."""
    # The lead expert's own `findings.md` and `report.md` take these places by right (`LEAD_PAGES`).
    places = {src: f"its page `{src}`" for src in listing_pages(kinds) - {HOME_PAGE}}
    places.update({f"{ASSET_DIR}/{name}": "one of its assets" for name in (*ASSETS, SEARCH_FACETS)})
    places.update({path: "one of its data exports" for path in exports.site_files(tuple(kinds))})
    return {File(src, None, config.site_dir, config.use_directory_urls).dest_uri: what for src, what in places.items()}


def search_mode(config: MkDocsConfig, option: str, entries: int) -> tuple[str | None, str]:
    """The header's search for a portal of `entries` entries (`material`, `pagefind`, or None where the
    site has no search box: it is Material's `search` plugin's, which `plugins` may leave out), and why."""
    plugins = config.plugins
    if "material/search" not in plugins:
        return None, "no `search` plugin"
    offline = plugins.get("material/offline")
    return search.choose(option, entries, offline=bool(offline and getattr(offline.config, "enabled", True)))


TOC_NAMES = ("toc", "markdown.extensions.toc")


def localise_permalinks(config: MkDocsConfig, language: str, gettext: Callable[[str], str]) -> None:
    """The title of each heading's link (`toc`'s `permalink`), which the extension writes in English on a
    page of any language, in the portal's, unless mkdocs.yml gives one (a German barcamp's review). The
    entries' bodies are read with the same settings (`sources` keeps this very dictionary)."""
    if language == "en":
        return
    for name in TOC_NAMES:  # the extension as mkdocs.yml names it, short or whole
        toc = config.mdx_configs.get(name)
        if name in config.markdown_extensions and isinstance(toc, dict) and toc.get("permalink") \
                and "permalink_title" not in toc:
            toc["permalink_title"] = gettext("Permanent link")


def sources(config: MkDocsConfig, options: PracticeExchangeConfig, pages: PageHooks | None = None) -> Sources:
    """Where the content is, from the plugin's options, relative to mkdocs.yml."""
    aliases = default_aliases()
    for key, extra in options.matrix_aliases.items():
        aliases[key] = [*aliases[key], *extra]
    return Sources(
        root=Path(config.config_file_path or ".").resolve().parent,
        network=options.network_file,
        # Each kind that has a folder option of its own (`practices_dir`, ...) is read from there.
        moved={kind.name: getattr(options, kind.option) for kind in KINDS if kind.option},
        aliases=aliases,
        # Bodies are read for their findings with the very extensions their pages are rendered with.
        markdown=MarkdownSetup(tuple(e for e in config.markdown_extensions
                                     if not isinstance(e, PortalMarkdown) and not _reads_files(e)),
                               {name: c for name, c in config.mdx_configs.items() if not _reads_files(name)}),
        pages=pages,
        kinds=(*KINDS, *options.kinds),
        parallel=options.parallel,
        language=config.theme.get("language"),
        translations_dir=options.translations_dir,
    )


class _Once(Generic[T]):
    """A value made on its first use, kept until its last: two parts drawn in one go (a frame's head
    and tail) are two names for the helper, one drawing. Lighter than `functools.lru_cache`, made
    thousands of times, and lets go of the value (kilobytes of HTML per entry) once both are taken."""

    __slots__ = ("made", "make")

    def __init__(self, make: Callable[[], T]) -> None:
        self.make = make
        self.made: T | None = None

    def __call__(self) -> T:
        if self.made is None:
            self.made = self.make()
        return self.made

    def last(self) -> T:
        """The value, for its last use: not kept."""
        made, self.made = self(), None
        return made


class ContentErrors(PluginError):
    """The content's errors, every one (`problems`), so the author fixes them all in one go."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        heading = f"practice-exchange: the content has {plural(len(problems), 'error')}; the site was not built:"
        super().__init__("\n".join([heading, *(f"  {problem}" for problem in problems)]))


def failure(report: Report) -> ContentErrors:
    """One error that lists every problem of `report`."""
    return ContentErrors(list(report.errors))


LEAD_PAGES = frozenset({FINDINGS_PAGE, REPORT_PAGE})


def entry_files(sources: Sources, chapters: bool = False, lessons: bool = False) -> int:
    """How many entry files the portal's folders hold (before they are read); with `chapters`, only
    those of the kinds the network report gives a chapter each (the visits); with `lessons`, only those
    of the kinds whose lessons the findings gather (the sessions)."""
    folders = sources.folders()
    return sum(_count_md(sources.root / folders[one.name]) for one in sources.kinds
               if (one.chapter or not chapters) and (one.lessons or not lessons))


def _count_md(folder: Path) -> int:
    """How many Markdown files a folder holds (none when it cannot be read)."""
    try:
        return sum(1 for name in os.listdir(folder) if name.endswith(".md"))
    except OSError:
        return 0


class Build:
    """The content, generated documents and data files of one build."""

    def __init__(self, config: MkDocsConfig, options: PracticeExchangeConfig, exporter: Exporter | None = None,
                 preview: Preview | None = None, dirty: bool = False) -> None:
        self.config = config
        # `--dirty`: MkDocs writes again only the pages whose source is newer than their HTML.
        self.dirty = dirty or (preview is not None and preview.dirty)
        self.exporter = exporter  # set by `practice-exchange export`: it keeps every document
        # Under `mkdocs serve`: what the last rebuild read and drew (see `preview.py`).
        self.preview = preview
        if preview is not None:
            preview.start(Path(config.config_file_path or "mkdocs.yml"))
        problem = theme_problem(config)
        if problem is not None:
            raise PluginError(f"practice-exchange: {problem}")
        self.sources = sources(config, options)
        # The portal's language: every text the plugin draws, the badges in entry bodies included.
        try:
            self.language = self.sources.words()
        except CatalogueError as exc:
            raise PluginError(f"practice-exchange: {exc}") from None
        code = base_language(self.sources.language)
        localise_permalinks(config, code, self.language.gettext)
        if type(self.language) is NullTranslations and code != "en":
            # Not a warning, which `--strict` would count: the pages are right, only in English where the plugin writes.
            log.info(f"practice-exchange: no translation of the portal's own labels ships for `{code}`, so the"
                     " pages show them in English; translate `locale/messages.pot` into the folder that"
                     " `translations_dir` names (see the README, Languages)")
        self.report = self._wants_report(options.report)
        self.search = self._search(options.search)
        self.searched: list[str] = []  # the built pages Pagefind indexes, by their places in the site
        # Material's search, whose index gets each section's words without accents (`fold_searched`).
        self.material_search: object | None = None
        self.folded_index: object | None = None
        self.folded_upto = 0
        # Pages written as the last rebuild drew them: not while Material's search reads each page as drawn.
        self.replaying = preview is not None and self.search != "material"
        self.replayed: set[str] = set()
        # Under `mkdocs serve`: the unchanged pages' files this rebuild takes over from the last site.
        self.carried: Carried | None = None
        self.digests: dict[str, bytes] = {}  # each page's document, until the page is written
        # Each entry page's inputs (see `_inputs`), where its template is the plugin's own.
        self.inputs: dict[str, tuple[object, ...]] = {}
        self.later: Callable[[], None] | None = None  # what `after` does first: the data files
        self.stop = threading.Event()  # set when a newer rebuild of `mkdocs serve` replaces this one's `after`
        # An entry body's links to headings (`kaap.md#budget`), checked once every page is converted.
        self.anchored: dict[str, list[Link]] = {}
        self.held: Spool | None = None  # generated pages' HTML between their conversion and their drawing
        self.pages = EntryPages(config.use_directory_urls, from_root=exporter is not None,
                                gettext=self.language.gettext, site_url=config.site_url or "",
                                chapters={kind.folder for kind in self.sources.kinds if kind.chapter and self.report})
        self.sources = replace(self.sources, pages=self.pages, memo=preview.memo if preview is not None else None)
        self.docs = docs_name(config)  # how messages name the docs folder
        self.specs: dict[str, PageSpec] = {}
        self.markers: dict[str, list[MarkerComment]] = {}
        self.options = options
        self.renderer: Renderer | None = None
        self.scratch: Path | None = None
        self.ahead: Ahead | None = None
        self.nav: Navigation | None = None
        self.drawing: Drawing | None = None  # pages drawn by a helper process beside MkDocs (a build)
        self.frozen = False  # whether the build keeps the collector off what it has loaded (`freeze`)
        self.pages_converted = 0
        self.parts: dict[str, list[str]] = {}  # the HTML parts of a generated page, from reading it until converting it
        self.page_blocks: dict[str, dict[str, str]] = {}  # likewise, the findings blocks of a generated page's markers
        self.tocs: dict[str, list[dict[str, Any]]] = {}
        self.paths: dict[str, tuple[str, str | None]] = {}  # src_uri -> (its document's file, generated by)
        self.urls: dict[str, str] = {}  # every file's address when the plugin added its own

    def add_files(self, files: Files) -> Files:
        """Load and check everything, then add the portal's documents, assets and exports to `files`."""
        self.pages.directory_urls = self.config.use_directory_urls  # as set now, by any plugin (offline)
        # What the build loads lives as long as the build: the collector need not walk it again and
        # again as the build grows (see `freeze`; let go of at `close`).
        freeze()
        self.frozen = True
        self.pages.begun = begun(self._chapter_names())
        if self.preview is not None:
            self.preview.chapters_begun(self.pages.begun)
        # As far as it loaded: a body's script and broken links are named beside another file's errors.
        loaded = load_what_holds(self.sources)
        portal, report = loaded.portal, loaded.report
        if portal is not None:
            for entry in portal.entries():
                rendered = self.pages.rendered.get(entry.src_uri)
                if rendered is not None:
                    report_unsafe(entry.path, rendered.unsafe, report)
        self._scan_markers(files, report)
        self._check_clashes(files, report, self.sources.kinds)
        for problem in report.warnings:
            log.warning(str(problem))
        if portal is None or report.error_count:
            if portal is not None:
                known = known_pages(portal, [f.src_uri for f in files], self.report) | loaded.pages
                self._report_links(portal, known, report, loaded.unsure)
            raise failure(report)
        keep()
        index = index_module.build(portal)
        keep()
        findings = summarise(index)
        own_findings_page = FINDINGS_PAGE in files.src_uris
        # docs/index.md, or docs/README.md, which MkDocs publishes as the home page too.
        own_home = any(f.dest_uri in ("index.html", "index.md") for f in files.documentation_pages())
        chapters = Chapters(self.sources, self.config.use_directory_urls, {k.name: k for k in portal.kinds},
                            self.language.gettext, from_root=self.exporter is not None,
                            site_url=self.config.site_url or "", made=self.pages.chapters,
                            begun=self.pages.begun)
        self.specs = plan(portal, index, findings, findings_page=not own_findings_page, home_page=not own_home,
                          gettext=self.language.gettext,
                          report=(self._lead_text(files), chapters.html) if self.report else None)
        keep()  # the index, the findings and the plan of the pages live as long as the build
        if own_findings_page and REPORT_PAGE not in self.specs:  # the report shows every block
            self._say_unplaced(findings)
        if self.config.nav is None:
            # A flat menu rather than one section per folder of generated pages (see `default_nav`).
            authored = [f.src_uri for f in files.documentation_pages() if f.generated_by is None]
            self.config.nav = default_nav(self.specs, portal.kinds, authored)
        if self.preview is not None:
            self.preview.around(self._around(files))
            self.preview.forget_others(self.specs)
            self.inputs = self._inputs(portal, index)
        self.scratch = Path(tempfile.mkdtemp(prefix="practice-exchange-"))
        self._add_documents(files)
        self._check_links(portal, files)
        for name in ASSETS:
            path = Path(str(resources.files("practice_exchange").joinpath("assets").joinpath(name)))
            # Its real file at once: plugins read the site's styles and scripts as they add their files.
            files.append(File.generated(self.config, f"{ASSET_DIR}/{name}", abs_src_path=str(path)))
        if self.search == "pagefind":
            facets = catalogue.search_facets(self.specs["catalogue/index.md"].context["catalogue"])
            files.append(File.generated(self.config, f"{ASSET_DIR}/{SEARCH_FACETS}", content=facets))
        graph = network_svg(findings, self.language)
        urls = {f.src_uri: f.url for f in files}
        for file in self._exports(portal, files):
            urls[file.src_uri] = file.url
        code = self.config.theme.get("language")
        env = environment(self.config.theme.custom_dir, self.language, Dates(code), code,
                          self.preview.compiled if self.preview is not None else None)
        shared = {"findings": findings, "graph": graph, "site_url": self.config.site_url or ""}
        filters = catalogue.search_filters(self.specs["catalogue/index.md"].context["catalogue"]) \
            if self.search == "pagefind" else None
        self.renderer = Renderer(env, index, urls, shared, from_root=self.exporter is not None, filters=filters,
                                 body_ids=self._body_ids)
        self.urls = urls
        self.ahead = self._ahead(portal, findings, graph, urls)
        self.ahead.start(self.options.parallel)
        return files

    def _body_ids(self, src_uri: str) -> frozenset[str]:
        """The ids in an entry's body as its page shows it (its headings'), none for another page."""
        rendered = self.pages.rendered.get(src_uri)
        return frozenset(html_ids(rendered.html)) if rendered is not None else frozenset()

    def _wants_report(self, option: str | bool) -> bool:
        """Whether to make the network report (`report.wanted`), said in the log when `auto` leaves it out."""
        written = (Path(self.config.docs_dir) / REPORT_PAGE).is_file()
        chapters = self.entry_files(chapters=True) if option == "auto" and not written else 0
        if not wanted(option, written, chapters):
            if option == "auto" and chapters:
                self._note(f"practice-exchange: no report page: the portal has {chapters} visits, more than a report"
                           f" of the programme holds ({REPORT_VISITS}); set the option `report: true` to make one")
            return False
        return True

    def _search(self, option: str) -> str | None:
        """The header's search: `material`, `pagefind`, or None where the site has no search box
        (the box is Material's `search` plugin's, which the portal's `plugins` may leave out)."""
        plugins = self.config.plugins
        if self.exporter is not None:
            option = "material"  # the export is a plain site: Material's search, without the plugin
        if "material/search" not in plugins:
            if option == "pagefind":
                log.warning("practice-exchange: `search: pagefind` needs the search box that Material's"
                            " `search` plugin draws: add `- search` to `plugins` in mkdocs.yml")
            return None
        entries = self.entry_files()
        mode, why = search_mode(self.config, option, entries)
        if mode == "pagefind" or entries > search.PAGEFIND_ENTRIES:
            self._note(f"practice-exchange: search by {'Pagefind' if mode == 'pagefind' else 'Material'}: {why}")
        return mode

    def _note(self, message: str) -> None:
        """A note for the log: under `mkdocs serve`, once, not again at each rebuild, where it would
        push the save's own problems out of sight."""
        if self.preview is None or self.preview.first_time(message):
            log.info(message)
        else:
            log.debug(message)

    def entry_files(self, chapters: bool = False, lessons: bool = False) -> int:
        """How many entry files the portal's folders hold (before they are read); with `chapters`,
        only those of the kinds the network report gives a chapter each (the visits); with `lessons`,
        those of the kinds whose lessons the findings gather (the sessions)."""
        return entry_files(self.sources, chapters, lessons)

    def _chapter_names(self) -> set[str]:
        """The file names of the entries the network report gives a chapter each (the visits), before
        they are read: each chapter's ids are kept apart from the others' by them (see `begun`)."""
        if not self.report:
            return set()
        folders = self.sources.folders()
        stems: set[str] = set()
        for kind in self.sources.kinds:
            if kind.chapter:
                try:
                    names = os.listdir(self.sources.root / folders[kind.name])
                except OSError:
                    continue
                stems.update(name[:-3] for name in names if name.endswith(".md"))
        return stems

    def setup_search(self, config: MkDocsConfig) -> None:
        """With Pagefind: its search box in the theme's place, its script on every page, and Material's
        search plugin kept for drawing the header's button but no longer indexing every page for an
        index nobody would load (its hooks are taken out of this build's events)."""
        if self.search == "material":
            # Words typed without their accents find what is written with them, as with Pagefind (`fold_searched`).
            self.material_search = config.plugins["material/search"]
            fields = getattr(getattr(self.material_search, "config", None), "fields", None)
            if isinstance(fields, dict):
                fields.setdefault(search.FOLDED, {"boost": 1.0})
        if self.search != "pagefind":
            return
        dirs = config.theme.dirs
        if str(PAGEFIND_THEME) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(PAGEFIND_THEME))
        script = f"{ASSET_DIR}/search.js"
        if script not in config.extra_javascript:
            config.extra_javascript.append(script)
        material = config.plugins["material/search"]
        events = config.plugins.events
        for event in ("page_context", "post_build", "serve"):
            events[event] = [hook for hook in events[event] if getattr(hook, "__self__", None) is not material]

    def fold_searched(self) -> None:
        """Give the sections Material's search has just indexed (a page's) their words as typed without
        accents (`search.folded`), in the field `setup_search` added to its index."""
        index = getattr(self.material_search, "search_index", None)
        entries = getattr(index, "entries", None)
        if not isinstance(entries, list):
            return
        if index is not self.folded_index:  # each build, and each rebuild of `mkdocs serve`, has its own
            self.folded_index, self.folded_upto = index, 0
        for entry in entries[self.folded_upto:]:
            if isinstance(entry, dict):
                words = search.folded(str(entry.get("title", "")), str(entry.get("text", "")))
                if words:
                    entry[search.FOLDED] = words
        self.folded_upto = len(entries)

    def setup_preview(self, config: MkDocsConfig) -> None:
        """The theme's template of a page written as drawn before: under `mkdocs serve`, by the last
        rebuild; in a build, by the helper process that draws pages beside MkDocs (see `drawing.py`)."""
        if (self.replaying or self.preview is None) and str(PREVIEW_THEME) not in config.theme.dirs:
            config.theme.dirs.append(str(PREVIEW_THEME))

    def replayed_html(self, src_uri: str) -> str:
        """The HTML the helper drew for a page, or the last rebuild wrote for a page this one writes as it was."""
        drawn = self.drawing.html(src_uri) if self.drawing is not None else None
        if drawn is not None:
            return drawn
        if self.preview is None or src_uri not in self.preview.pages:
            raise PluginError(f"practice-exchange: the page `{src_uri}` names the template `{REPLAY_TEMPLATE}`, which"
                              " the plugin keeps for its own use; name another template in its front matter")
        return self.preview.html(src_uri)

    def replayed_anchors(self, src_uri: str) -> set[str] | None:
        """The anchors of a page written as it was, which links from other pages are checked against."""
        if self.preview is None or src_uri not in self.replayed:
            return None
        return set(self.preview.pages[src_uri].anchors)

    def drawn(self, src_uri: str, url: str, html: str, anchors: set[str] | None) -> None:
        """A page the theme drew in this rebuild, kept for the next (`mkdocs serve`)."""
        document = self.digests.pop(src_uri, None)
        if self.preview is not None and document is not None:
            self.preview.keep(src_uri, url, document, html, anchors or (), self.inputs.get(src_uri))

    def _around(self, files: Files) -> tuple[object, ...]:
        """What the theme draws around every page, for `Preview.around`: the menu, the hand-written
        pages, the network file, the theme's own files, the portal's translations, the site's address."""
        config = self.config
        root = self.sources.root
        theme = tree_state(Path(config.theme.custom_dir) if config.theme.custom_dir else None)
        # A theme template of the portal's own may show any page on every page (`pages`, counted or
        # listed): there, an entry added, removed or retitled draws every page again.
        own_templates = any(name.endswith(".html") and not name.startswith(f"{OVERRIDES}/") for name, _ in theme)
        return (repr(config.nav), config.site_url, tuple(map(str, config.extra_css)),
                tuple(str(getattr(j, "path", j)) for j in config.extra_javascript),
                tuple((s.src_uri, s.title) for s in self.specs.values() if s.in_nav or own_templates),
                tree_state(Path(config.docs_dir)), theme,
                tree_state(root / self.options.translations_dir if self.options.translations_dir else None),
                stamp(root / self.sources.network))

    def _inputs(self, portal: Portal, index: index_module.Index) -> dict[str, tuple[object, ...]]:
        """What each entry's page is drawn from, besides what `_around` covers: the state of its
        file and of the files of the entries its page shows. Only where the plugin's own templates
        draw the pages: a portal's own template (or kind) may show anything."""
        custom = self.config.theme.custom_dir
        if not self.replaying or self.options.kinds or (custom and (Path(custom) / OVERRIDES).is_dir()):
            return {}
        root = self.sources.root
        states = {entry.src_uri: stamp(root / entry.path) for entry in portal.entries()}
        return {entry.src_uri: tuple(sorted({(other.src_uri, states[other.src_uri])
                                             for other in (entry, *index.shown_with(entry))}))
                for entry in portal.entries()}

    def _mark_for_dirty(self, files: Files) -> None:
        """With `--dirty`, MkDocs draws a page again only when its source is newer than its HTML: each
        generated page that must be drawn again gets a source written now (an entry's page whose
        inputs changed, though its own file may not have; every other generated page), and under
        `mkdocs serve` an entry's page none of whose inputs changed keeps its file, older than its
        HTML. `mkdocs build --dirty` knows no earlier inputs: every generated page is drawn again.

        Every hand-written page is drawn again too, its HTML removed first (a handful of pages): a
        page MkDocs does not read has no title where its first heading gives it one, and the menu of
        every page drawn would show none; a page with findings blocks shows the data."""
        assert self.scratch is not None
        fresh = self.scratch / "dirty"
        for file in files:
            spec = self.specs.get(file.src_uri)
            if spec is None and file.generated_by is None and file.is_documentation_page():
                Path(file.abs_dest_path).unlink(missing_ok=True)
            if spec is None:
                continue
            if spec.entry is not None and self._replays(file.src_uri, file.url):
                continue
            marker = fresh / file.src_uri
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
            if spec.entry is not None or file.src_uri in LEAD_PAGES:
                file.abs_src_path = str(marker)  # the document is drawn by `source`, not read from the file
            elif file.abs_src_path is not None and not Path(file.abs_src_path).exists():
                Path(file.abs_src_path).parent.mkdir(parents=True, exist_ok=True)
                Path(file.abs_src_path).touch()

    def carries(self) -> bool:
        """Whether this rebuild of `mkdocs serve` takes the files of unchanged entry pages over from the
        last site (`carried.py`): where their pages are written as they were, and no other plugin's
        hook would miss them or could change a page once written."""
        return (self.replaying and not self.dirty
                and not unknown_hooks(self.config, CARRY_EVENTS, (__package__ or "",)))

    def set_aside(self) -> None:
        """Before MkDocs empties the site: the last site moved aside, where this rebuild takes pages from."""
        if self.carries():
            self.carried = Carried(Path(self.config.site_dir))
            self.carried.set_aside()

    def carry(self, files: Files) -> None:
        """Once the menu is made: each entry page none of whose inputs changed (not one the menu
        lists, whose title the menu reads when MkDocs converts it) keeps its last file, and MkDocs
        leaves it out of its work."""
        carried, preview = self.carried, self.preview
        if carried is None or preview is None or self.nav is None:
            return
        in_menu = {page.file.src_uri for page in self.nav.pages}
        for spec in self.specs.values():
            file = files.src_uris.get(spec.src_uri)
            if (spec.entry is None or file is None or file.page is None or spec.src_uri in in_menu
                    or not self._replays(spec.src_uri, file.url) or not carried.carry(file)):
                continue
            self.replayed.add(spec.src_uri)
            file.page.present_anchor_ids = set(preview.pages[spec.src_uri].anchors)
            self.note_page(file.dest_uri, spec.meta)

    def converting(self) -> None:
        """MkDocs converts a page: its list of the pages to convert is made."""
        if self.carried is not None:
            self.carried.taken_in()

    def drawing_pages(self) -> None:
        """MkDocs is about to make its list of the pages to draw."""
        if self.carried is not None:
            self.carried.left_out()

    def listed(self, files: Files, page: bool) -> list[File] | None:
        """The pages a template gets as `pages` where some were carried over, as a full build gives
        them (else None: MkDocs's own list): a page's template, those MkDocs draws (`mkdocs serve`
        draws drafts), any other template (the sitemap), those a build publishes."""
        if self.carried is None or not self.carried.files:
            return None
        return self.carried.listed(files, InclusionLevel.is_in_serve if page else InclusionLevel.is_included)

    def _replay(self, spec: PageSpec) -> str:
        """The document of a page written as the last rebuild drew it: its front matter, and the
        theme's template that writes that HTML."""
        self.replayed.add(spec.src_uri)
        self.parts.pop(spec.src_uri, None)
        self.tocs.pop(spec.src_uri, None)
        self.pages.release(spec.src_uri)
        return front_matter(None if spec.src_uri == HOME_PAGE else spec.title,
                            {**spec.meta, "template": REPLAY_TEMPLATE})

    def converted(self) -> None:
        """A page is converted: its HTML, table of contents and meta live until it is written."""
        self.pages_converted += 1
        if self.pages_converted % KEEP_EVERY == 0:
            keep()

    def hold(self, src_uri: str, html: str) -> None:
        """Keep a generated page's HTML in the scratch folder from its conversion until the theme draws it.

        MkDocs converts every page before it draws any: on a portal of thousands of entries the
        plugin's pages (the findings page alone is megabytes) would otherwise all be held at once.
        A file, not compressed bytes in memory: at 2,000 entries those bytes took 3 MB of the
        build's peak memory. One file for all the pages, not one each: making 2,000 files took
        0.44 s on a disk, writing the same bytes into one 0.01 s. The file stays until the build
        ends: the helper that draws pages beside MkDocs reads it too (see `drawing.py`).
        """
        if self.held is None:
            assert self.scratch is not None
            self.held = Spool(self.scratch / "held.html")
        self.held.put(src_uri, html)

    def give_back(self, src_uri: str) -> str | None:
        """The HTML `hold` kept for a page; None for a page it did not keep."""
        return None if self.held is None else self.held.get(src_uri)

    def note_page(self, dest_uri: str, meta: Mapping[str, Any]) -> None:
        """A page written: Pagefind indexes it unless it is left out of search as Material's search
        leaves pages out (`search: exclude: true` in its front matter, as the listings have)."""
        setting = meta.get("search")
        # As Material's search reads it: any true value (`exclude: "true"` too) leaves the page out.
        searched = not (isinstance(setting, dict) and setting.get("exclude"))
        if self.search == "pagefind" and searched:
            self.searched.append(dest_uri)
        if self.preview is not None:
            self.preview.searched[dest_uri] = searched

    def search_texts(self) -> dict[str, str]:
        """What the Pagefind search box says beyond Material's own texts, in the portal's language."""
        _ = self.language.gettext
        return {"filters": _("Filter the results"), "any": _("Any"), "more": _("Show more results"),
                "failed": _("The search could not be loaded.")}

    def after(self) -> None:
        """Under `mkdocs serve`, once the rebuilt page is shown: the data files, then the search index
        (both take longer than the rest of a rebuild of thousands of entries). A newer rebuild stops it."""
        # What this and the last rebuilds left (their scratch folders), now that the rebuild is over.
        discarded()
        if self.stop.wait(AFTER_DELAY):
            return
        try:
            if self.later is not None:
                self.later()
            if not self.stop.is_set():
                self.index_search()
            discarded()
        except search.Stopped:
            pass  # a newer rebuild, or the server's end, stopped it
        except OSError:
            if not self.stop.is_set():
                raise

    def pages_written(self) -> None:
        """Every page is written: the helper that drew pages beside MkDocs has ended."""
        if self.drawing is not None:
            self.drawing.finish()

    def index_search(self) -> None:
        """Pagefind's index of the pages written, into the site's `pagefind/` folder."""
        if self.search != "pagefind":
            return
        site = Path(self.config.site_dir)
        pages = self.searched
        if self.preview is not None and self.preview.dirty:
            # A dirty rebuild wrote only some pages; the others are as the last one wrote them.
            pages = [page for page, yes in self.preview.searched.items() if yes and (site / page).is_file()]
        try:
            # Under `mkdocs serve` in the background, where a save stops it; a build waits for it.
            done = search.index(site, pages, self.stop if self.preview is not None else None)
        except search.SearchError as exc:
            raise PluginError(f"practice-exchange: {exc}") from None
        self._note(f"practice-exchange: search: Pagefind indexed {done.pages} pages")

    def _lead_text(self, files: Files) -> LeadText | None:
        """The lead expert's text of the network report, `docs/report.md`, if there is one."""
        file = files.src_uris.get(REPORT_PAGE)
        if file is None or file.generated_by is not None or file.abs_src_path is None:
            return None
        return lead_text(read_page(Path(file.abs_src_path)))  # readable: checked with the other pages

    def _add_documents(self, files: Files) -> None:
        """Every generated page as a document among the site's files: an entry's page at the entry's
        own file (its history, its last commit, is the entry's), any other at the document written
        into the scratch folder."""
        assert self.scratch is not None
        for spec in self.specs.values():
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            if spec.entry is not None:
                self._add(files, spec.src_uri, str(self.sources.root / spec.entry.path), None, inclusion)
            elif spec.src_uri in files.src_uris:
                continue  # the lead expert's own file (the report's): its page becomes the document
            else:
                self._add(files, spec.src_uri, str(self.scratch / "pages" / spec.src_uri), PLUGIN_NAME, inclusion)

    def _add(self, files: Files, src_uri: str, source: str, generated_by: str | None,
             inclusion: InclusionLevel = InclusionLevel.UNDEFINED) -> None:
        """One of the plugin's files, read from `source`."""
        file = File(src_uri, self.config.docs_dir, self.config.site_dir, self.config.use_directory_urls,
                    inclusion=inclusion)
        file.abs_src_path, file.generated_by = source, generated_by
        files.append(file)
        self.paths[src_uri] = (source, generated_by)

    def place_in_docs(self, files: Files) -> Files:
        """Give the plugin's pages and data files a place in the docs folder, as files written there have.

        Just before the plugins that remake the site's files from the docs folder (a translation
        plugin, which would drop a page from elsewhere, and otherwise places a page in each
        language); `settle` points them at their real sources again right after.
        """
        docs = Path(self.config.docs_dir)
        for file in files:
            if file.src_uri in self.paths:
                file.abs_src_path = str(docs / file.src_uri)
        return files

    def settle(self, files: Files) -> Files:
        """Point the plugin's files at their real sources again (after `place_in_docs`), remade or not."""
        # From the docs folder to the portal's root, once: thousands of entries are joined to it.
        to_root = Path(os.path.relpath(self.sources.root, self.config.docs_dir)).as_posix()
        for file in files:
            found = self.paths.get(file.src_uri)
            if found is None:
                continue
            file.abs_src_path, file.generated_by = found
            spec = self.specs.get(file.src_uri)
            if spec is not None and spec.entry is not None:
                # The edit button opens the entry's own file, not a page under docs/.
                path = Path(spec.entry.path)  # from the root, unless a folder option made it absolute
                file.edit_uri = Path(os.path.relpath(path, self.config.docs_dir)).as_posix() if path.is_absolute() \
                    else posixpath.normpath(posixpath.join(to_root, path.as_posix()))
            elif file.generated_by is not None:
                file.edit_uri = None
        if self.dirty and self.scratch is not None:
            self._mark_for_dirty(files)
        if self.renderer is not None:
            # Links are drawn between the files' final addresses (a translation's `de/` included).
            self.renderer.urls = {**self.urls, **{f.src_uri: f.url for f in files}}
        return files

    def _draw(self, draw: Callable[[], Drawn]) -> Drawn:
        try:
            return draw()
        except (TemplateError, jinja2.TemplateError) as exc:
            raise PluginError(f"practice-exchange: a page template failed: {exc}") from None

    def source(self, src_uri: str, page_url: str) -> str | None:
        """A generated page's document, drawn when MkDocs reads the page, with links from its address then.

        An entry's is its frame around its rendered body; any other page's is its template's
        output (drawn ahead, perhaps by the helper process, for the address it had when the
        plugin added it), also written into the scratch folder, where its file says it is.
        """
        spec = self.specs.get(src_uri)
        if spec is None or self.renderer is None:
            return None
        if self._replays(src_uri, page_url):
            return self._replay(spec)  # nothing it is drawn from changed: not even its frame is drawn again
        renderer = self.renderer
        # The document as its file holds it, in pieces, where MkDocs converts it with markers.
        pieces: list[str] | None = None
        if spec.slots:
            text = renderer.front(spec) + self._slotted(spec, page_url)
        elif spec.entry is None:
            if spec.markers is not None:
                # Markdown with findings blocks: the blocks, finished HTML, are kept whole.
                ahead = self.ahead if self.urls.get(src_uri) == page_url else None
                blocks = {name: self._draw(lambda name=name: ahead.get(f"block {src_uri} {name}")  # type: ignore[misc]
                                           if ahead is not None else renderer.block(name, page_url))
                          for name in sorted({m.name for m in find_markers(spec.markers)})}
                # The page's file holds them in place; MkDocs converts the Markdown with its markers,
                # and each block is put in whole as it is (`blocks`), as on a hand-written page. Put
                # in before, a findings page of 2,000 entries (1.6 MB) went through the conversion's
                # lines, copies and parsers of HTML: 14 MB of the build's peak memory.
                self.page_blocks[src_uri] = blocks
                part = renderer.part(spec, page_url, blocks, fill=False)
                pieces = [renderer.front(spec), *trimmed(filled(part, blocks.get))]  # as `part` trims its text
            else:
                ahead = self.ahead if self.urls.get(src_uri) == page_url else None
                part = ahead.get(f"page {src_uri}") if ahead is not None else self._draw(
                    lambda: renderer.part(spec, page_url))
                self.parts[src_uri] = [part]  # HTML from the template: kept whole, not parsed again
                if src_uri != HOME_PAGE:
                    self.tocs[src_uri] = contents(spec.title, part)
            text = renderer.front(spec) + part
        else:
            rendered = self.pages.get(src_uri)
            if rendered is None:
                raise PluginError(f"{spec.entry.path}: its page was read again after it was converted;"
                                  " build again")
            frame = self._frame(spec, page_url)
            part = frame.around(rendered.html)
            self.parts[src_uri] = [part]
            self.tocs[src_uri] = contents(spec.title, frame.head, rendered.toc, frame.tail,
                                          title_id=self.renderer.title_id(spec))
            text = renderer.front(spec) + part
        if pieces is None:
            pieces = [text]
        if spec.entry is None and src_uri in self.paths:
            path = Path(self.paths[src_uri][0])
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text(path, pieces)
        if self.exporter is not None:
            self.exporter.document(src_uri, "".join(pieces))
        if self.replaying:
            assert self.preview is not None
            document = digest("".join(pieces))
            if self.preview.unchanged(src_uri, page_url, document):
                # Drawn as the last rebuild drew it: written as it was, not converted or drawn again.
                return self._replay(spec)
            self.digests[src_uri] = document
        return text

    def _replays(self, src_uri: str, page_url: str) -> bool:
        """Whether an entry's page is written as the last rebuild drew it: none of its inputs changed."""
        inputs = self.inputs.get(src_uri)
        return inputs is not None and self.preview is not None and self.preview.drawn_from(src_uri, page_url, inputs)

    def _slotted(self, spec: PageSpec, page_url: str) -> str:
        """A document of template HTML and Markdown (the report: the lead expert's text where the
        template prints its slots), the Markdown's findings markers filled; the HTML kept whole."""
        renderer = self.renderer
        assert renderer is not None
        ahead, first = self.ahead, f"slot 0 {spec.src_uri}"
        if ahead is not None and first in ahead.parts and self.urls.get(spec.src_uri) == page_url:
            parts = [ahead.get(f"slot {at} {spec.src_uri}") for at in range(len(spec.slots) + 1)]
        else:
            parts = list(self._draw(lambda: renderer.split(spec, page_url, tuple(spec.slots))))
        kept = [part for part in parts if part.strip()]
        pieces = [parts[0]]
        placed: dict[str, str] = {}  # the blocks the lead expert's text places, drawn
        for markdown, part in zip(spec.slots.values(), parts[1:], strict=True):
            names = sorted({m.name for m in find_markers(markdown) if m.name in BLOCKS})
            blocks = {name: self._draw(lambda name=name: renderer.block(name, page_url)) for name in names}  # type: ignore[misc]
            kept += blocks.values()
            placed.update(blocks)
            pieces += [fill_markers(markdown, blocks.__getitem__) if blocks else markdown, part]
        self.parts[spec.src_uri] = kept
        # The text may show again a block the page's template draws (the report's table of what came of the
        # ideas, among its conclusions); not one with anchors, which the page would then hold twice.
        drawn = {name for part in parts for name in blocks_in(part)}
        twice = {name for name in drawn & placed.keys() if next(html_ids(placed[name]), None)}
        for marker in self.markers.get(spec.src_uri, ()):
            if marker.name in twice:
                log.warning(str(Problem(f"{self.docs}/{spec.src_uri}", marker.line, "findings",
                                        f"the page shows the findings block `{marker.name}` itself already, and"
                                        " the anchors in it would be on the page twice; remove this marker")))
        return "\n\n".join(pieces) + "\n"

    def _frame(self, spec: PageSpec, page_url: str) -> Frame:
        """An entry page's frame: drawn ahead by the helper, or here if the helper has not reached it."""
        ahead, head = self.ahead, f"head {spec.src_uri}"
        if ahead is not None and head in ahead.parts and self.urls.get(spec.src_uri) == page_url:
            drawn = ahead.ready(head, f"tail {spec.src_uri}")
            if drawn is not None:
                return Frame(*drawn)
        renderer = self.renderer
        assert renderer is not None
        return self._draw(lambda: renderer.frame(spec, page_url))

    def generated_parts(self, src_uri: str) -> list[str]:
        """The parts of a generated page's document that are finished HTML, kept whole when MkDocs converts it."""
        return self.parts.pop(src_uri, [])

    def toc(self, src_uri: str, converted: TableOfContents) -> TableOfContents:
        """A page's table of contents once MkDocs has converted it. A generated page's leads from its heading
        (the theme's "Skip to content" link goes there) to its sections: an entry's frame's and body's, the
        body as its one conversion made it (the page is converted, so the body is let go); a template's
        sections; or, on a page of Markdown and findings blocks, what MkDocs found. A hand-written page's as it is."""
        self.pages.release(src_uri)
        made = self.tocs.pop(src_uri, None)
        spec = self.specs.get(src_uri)
        if made is not None:
            return get_toc(made)  # type: ignore[arg-type]
        if spec is None or src_uri == HOME_PAGE:
            return converted
        toc = get_toc(contents(spec.title))  # type: ignore[arg-type]
        toc.items[0].children = list(converted)
        return toc

    def blocks(self, src_uri: str, page_url: str) -> dict[str, str]:
        """The findings blocks a page's markers ask for, drawn for that page: a hand-written page's,
        or those `source` drew for one of the plugin's documents."""
        if src_uri in self.specs:  # the plugin's document: those its `source` drew
            return self.page_blocks.pop(src_uri, {})
        names = sorted({m.name for m in self.markers.get(src_uri, ())})
        if not names or self.renderer is None:
            return {}
        renderer = self.renderer
        return {name: self._draw(lambda name=name: renderer.block(name, page_url)) for name in names}  # type: ignore[misc]

    def _exports(self, portal: Portal, files: Files) -> list[File]:
        """The data files, in a scratch folder that MkDocs copies from: not kept in memory.

        They are written ahead, perhaps by the helper process, and exist once `wait()`
        has returned (at `on_env`, before MkDocs copies them); not before.
        """
        assert self.scratch is not None
        (self.scratch / "exports").mkdir()
        made = []
        for name in [*exports.names(portal.kinds), exports.GRAPH]:
            if self.preview is not None:
                # Under `mkdocs serve`, written into the site once the page is shown (`after`): only the address.
                made.append(File.generated(self.config, f"{EXPORT_DIR}/{name}", content=""))
                continue
            self._add(files, f"{EXPORT_DIR}/{name}", str(self.scratch / "exports" / name), PLUGIN_NAME)
            made.append(files.src_uris[f"{EXPORT_DIR}/{name}"])
        return made

    def _ahead(self, portal: Portal, findings: Findings, graph: str, urls: dict[str, str]) -> Ahead:
        """The parts of the generated pages, then the exports, drawn ahead in a helper process while
        MkDocs reads and converts the pages (the entries' come first among the site's files)."""
        assert self.scratch is not None and self.renderer is not None
        folder, renderer = self.scratch / "exports", self.renderer

        def write_exports(folder: Path = folder) -> None:
            folder.mkdir(parents=True, exist_ok=True)
            exports.write(folder, portal, findings, self._absolute(urls), stop=self.stop.is_set,
                          counted=renderer.index.counted_one, gettext=self.language.gettext)
            (folder / exports.GRAPH).write_text(graph + "\n", encoding="utf-8")

        if self.preview is not None:
            self.later = partial(self._write_beside, write_exports, Path(self.config.site_dir) / EXPORT_DIR)
            write_exports = lambda folder=folder: None  # noqa: E731

        # First the frames of the entries' pages, which MkDocs reads first, in its order; the child
        # keeps ahead of the conversion, and a frame it has not drawn yet is drawn here instead. Under
        # `mkdocs serve`, only those of the pages not written as the last rebuild drew them.
        parts: dict[str, Callable[[], str]] = {}
        for src_uri in urls:
            spec = self.specs.get(src_uri)
            if spec is not None and spec.entry is not None and not self._replays(src_uri, urls[src_uri]):
                frame = _Once(partial(renderer.frame, spec, urls[src_uri]))
                parts[f"head {src_uri}"] = lambda frame=frame: frame().head  # type: ignore[misc]
                parts[f"tail {src_uri}"] = lambda frame=frame: frame.last().tail  # type: ignore[misc]
        parts.update({
            f"page {src_uri}": partial(renderer.part, spec, urls[src_uri])
            for src_uri, spec in self.specs.items() if spec.entry is None and spec.markers is None and not spec.slots})
        for src_uri, spec in self.specs.items():
            if spec.slots:
                split = _Once(partial(renderer.split, spec, urls[src_uri], tuple(spec.slots)))
                for at in range(len(spec.slots) + 1):
                    parts[f"slot {at} {src_uri}"] = lambda split=split, at=at: split()[at]  # type: ignore[misc]
        for src_uri, spec in self.specs.items():  # a findings page's blocks (the lead expert's, or the plugin's)
            if spec.entry is None and spec.markers is not None and not spec.slots:
                for name in sorted({m.name for m in find_markers(spec.markers)}):
                    parts[f"block {src_uri} {name}"] = partial(renderer.block, name, urls[src_uri])
        return Ahead(folder, parts, write_exports, say=lambda news: log.debug(f"practice-exchange: {news}"))

    def _write_beside(self, write: Callable[[Path], None], target: Path) -> None:
        """Files written beside the site, then moved into `target` (unless a newer rebuild began)."""
        folder = Path(tempfile.mkdtemp(prefix=".px-exports-", dir=search.writable(target.parent.parent)))
        try:
            write(folder)
            if self.stop.is_set():
                return
            target.mkdir(parents=True, exist_ok=True)
            for path in sorted(folder.iterdir()):
                shutil.move(str(path), str(target / path.name))
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def export(self, files: Files) -> None:
        """With `practice-exchange export`: write the documents, and every file the site copied, out."""
        if self.exporter is None:
            return
        site, docs = Path(self.config.site_dir), Path(self.config.docs_dir)
        copied = [(f.src_uri, site / f.dest_uri) for f in files
                  if not f.is_documentation_page() and f.abs_src_path is not None
                  and (f.generated_by == PLUGIN_NAME or Path(f.abs_src_path).is_relative_to(docs))]
        self.exporter.write(self.config, site, copied)

    def draw_beside(self, env: jinja2.Environment, files: Files, now: bool = False) -> None:
        """In a build, a helper process is to draw the theme's pages from the last one back while
        MkDocs draws them from the first (see `drawing.py`), where no other plugin's hook forbids it.

        With `now` (no hook sets up the templates after this one), it is forked at once: while
        MkDocs copies the theme's files, the helper draws its first pages. Otherwise it is
        forked as MkDocs begins to draw its first page, once every hook has set the templates up."""
        # Not under `mkdocs serve` (drafts, pages written as the last rebuild drew them) nor with
        # `--dirty` (MkDocs writes only some pages: a helper would draw the others for nothing).
        if self.preview is not None or self.dirty or self.exporter is not None or not self.options.parallel \
                or self.scratch is None or self.nav is None:
            return
        unknown = unknown_hooks(self.config)
        if unknown:
            log.debug(f"practice-exchange: MkDocs draws every page: a page's context may depend on those drawn"
                      f" before it ({', '.join(unknown)})")
            return
        pages = files.documentation_pages(inclusion=InclusionLevel.is_included)
        self.drawing = Drawing(self.scratch / "drawn", self.config, self.nav, env, pages,
                               say=lambda news: log.debug(f"practice-exchange: {news}"))
        if now:
            self.drawing.start(None)

    def drawing_page(self, page: Page) -> None:
        """MkDocs draws `page`, its template taken: the helper starts with the first page (every plugin
        has set up the templates by then), and a page written as the helper drew it has its own
        template back in its meta."""
        if self.drawing is not None:
            if not self.drawing.started:
                self.drawing.start(page)
            self.drawing.own_template(page)

    def wants_content(self, page: Page) -> bool:
        """Whether a page about to be drawn needs its converted HTML back (`give_back`): not one the
        helper drew, which is written as drawn, where no other plugin's hook reads a page as it is
        drawn or written (the findings page of 20,000 entries is 32 MB of text, held once more)."""
        if self.drawing is None or not self.drawing.has(page.file.src_uri):
            return True
        return bool(unknown_hooks(self.config, ("page_context", "post_page"), (__package__ or "",)))

    def drawn_by_mkdocs(self, page: Page) -> None:
        """A page drawn: the next one may be the helper's already."""
        if self.drawing is not None:
            self.drawing.after(page)

    def wait(self) -> None:
        """Wait for what is drawn ahead; the exports are written when this returns."""
        if self.ahead is not None:
            self.ahead.wait()

    def close(self, later: bool = False) -> None:
        """Stop drawing ahead and remove the scratch folder (after the build has copied the exports);
        with `later` (a rebuild of `mkdocs serve`), by the next rebuild's background work (`discard`)."""
        if self.ahead is not None:
            self.ahead.close()
            self.ahead = None
        if self.frozen:
            thaw()
            self.frozen = False
        if self.drawing is not None:
            self.drawing.close()
            self.drawing = None
        if self.carried is not None and self.carried.last is not None:
            discard(self.carried.last)  # what is left of the last site
            self.carried = None
        if self.held is not None:
            self.held.close()
            self.held = None
        if self.scratch is not None:
            if later:
                discard(self.scratch)
            else:
                shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None
        if not later:
            discarded()  # the server stops: not before its last scratch folders are gone

    def spec(self, src_uri: str) -> PageSpec | None:
        """The generated page at `src_uri`, if the plugin made it."""
        return self.specs.get(src_uri)

    def check_anchors(self, files: Files) -> None:
        """Every page is converted: an entry body's link to a heading its page does not hold is said as
        MkDocs says it of a hand-written page's (at the level of `validation: anchors:`, which `--strict`
        fails on from `warn`), with its line and the closest heading there is."""
        level = self.config.validation.links.anchors

        def anchors_of(src_uri: str) -> Collection[str] | None:
            file = files.get_file_from_path(src_uri)
            return None if file is None or file.page is None else file.page.present_anchor_ids

        for src_uri, links in sorted(self.anchored.items()):
            spec = self.specs.get(src_uri)
            if spec is None or spec.entry is None:
                continue
            # A link written twice on one line is said once.
            for found in dict.fromkeys(missing_anchors(links, src_uri, anchors_of)):
                log.log(level, str(Problem(spec.entry.path, found.line, "link", found.message)))
        self.anchored.clear()

    def _check_links(self, portal: Portal, files: Files) -> None:
        """A body link to a page that does not exist fails the build, with its line and the closest page."""
        # Pages, the images and other files bodies show, and the data files (added after this check).
        known = frozenset({*(f.src_uri for f in files), *exports.site_files(portal.kinds)})
        report = Report()
        self._report_links(portal, known, report)
        if report.error_count:
            raise failure(report)
        self._note_anchored(portal)

    def _report_links(self, portal: Portal, known: frozenset[str], report: Report,
                      unsure: tuple[str, ...] = ()) -> None:
        for entry in portal.entries():
            rendered = self.pages.rendered.get(entry.src_uri)
            if rendered is not None and rendered.links:
                report_broken(entry.path, rendered.links, entry.src_uri, known, report, unsure, self.docs)

    def _note_anchored(self, portal: Portal) -> None:
        """Every entry's links to headings, for `check_anchors`: whether its page is converted again,
        replayed or carried over under `mkdocs serve`, a heading renamed elsewhere can break them."""
        for entry in portal.entries():
            rendered = self.pages.rendered.get(entry.src_uri)
            anchored = [link for link in rendered.links if "#" in link.href] if rendered is not None else []
            if anchored:
                self.anchored[entry.src_uri] = anchored

    def _say_unplaced(self, findings: Findings) -> None:
        """A lead expert's own findings page that places no block of what the portal holds (sessions'
        lessons, what came of the ideas): said, not as a warning, since leaving it out may be meant; but a
        page that showed no lesson, with a table of their classes, went unnoticed (a lead expert's review)."""
        placed = {marker.name for markers in self.markers.values() for marker in markers}
        held = {"lessons": bool(findings.lessons), "transfer": bool(findings.transfer.items)}
        for name in sorted(name for name, has in held.items() if has and name not in placed):
            log.info(f"practice-exchange: {self.docs}/{FINDINGS_PAGE} places no `<!-- findings:{name} -->` block and"
                     " no other page does: what it shows is on no page; add the marker where it belongs")

    def _scan_markers(self, files: Files, report: Report) -> None:
        for file in files.documentation_pages():
            if file.abs_src_path is None or file.generated_by is not None:
                continue
            text = check_page(f"{self.docs}/{file.src_uri}", Path(file.abs_src_path), report)
            if text is not None:
                self._note_markers(file.src_uri, text)

    def _note_markers(self, src_uri: str, text: str) -> None:
        markers = find_markers(text) if "findings:" in text else []
        known = [m for m in markers if m.name in BLOCKS]
        if known:
            self.markers[src_uri] = known

    def _check_clashes(self, files: Files, report: Report, kinds: Sequence[Kind]) -> None:
        check_clashes(self.config, files, kinds, self.sources, self.search, report)

    def _absolute(self, urls: dict[str, str]) -> dict[str, str]:
        """Page addresses for the exports: full URLs when `site_url` is set, else from the site's root."""
        base = self.config.site_url or ""
        return {uri: base + url for uri, url in urls.items()}
