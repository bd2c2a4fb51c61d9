"""One build of a portal: load and check the content, add its pages and data, render them.

Everything here lives for one build only: `mkdocs serve` makes a new `Build`
for each rebuild, so nothing carries over from an earlier state of the files.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import xml.etree.ElementTree as etree
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from importlib import resources
from pathlib import Path

from markdown import Markdown
from mkdocs import plugins as mkdocs_plugins
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from . import exports
from . import index as index_module
from .config import PracticeExchangeConfig
from .content import Sources, load
from .content.body import MarkdownSetup, page_text
from .content.frontmatter import SourceError, read_text, split
from .content.matrix import default_aliases, read_sections
from .content.portal import Portal
from .content.visit import Visit
from .errors import Report, Severity, plural
from .findings import BLOCKS, Findings, summarise
from .pages import PageSpec, plan
from .pages.ahead import Ahead
from .pages.blocks import MarkerComment, check_page, find_markers
from .pages.graph import network_svg
from .pages.links import broken_links, report_links
from .pages.markdown import SLOT_RE, EntryPage, PortalMarkdown, badge
from .pages.plan import FINDINGS_PAGE, HOME_PAGE, LISTING_PAGES, markdown
from .pages.render import BODY, Renderer, environment
from .pages.safety import Unsafe, report_unsafe

# `mkdocs.plugins.practice_exchange`, or `properdocs.plugins.…` under the fork, so that
# `--strict` counts these warnings whichever tool runs the build.
log = logging.getLogger(f"{mkdocs_plugins.__name__}.practice_exchange")

ASSETS = ("practice-exchange.css", "practice-exchange.js", "catalogue.js")
ASSET_DIR = "assets/practice-exchange"
EXPORT_DIR = "exports"


def sources(config: MkDocsConfig, options: PracticeExchangeConfig) -> Sources:
    """Where the content is, from the plugin's options, relative to mkdocs.yml."""
    aliases = default_aliases()
    for key, extra in options.matrix_aliases.items():
        aliases[key] = [*aliases[key], *extra]
    return Sources(
        root=Path(config.config_file_path or ".").resolve().parent,
        network=options.network_file,
        practices=options.practices_dir,
        visits=options.visits_dir,
        toolkit=options.toolkit_dir,
        aliases=aliases,
        # Bodies are read for their findings with the very extensions their pages are rendered with.
        markdown=MarkdownSetup(tuple(e for e in config.markdown_extensions if not isinstance(e, PortalMarkdown)),
                               dict(config.mdx_configs)),
    )


def _badges(root: etree.Element, md: Markdown, *, body: str, first_line: int, path: str,
            aliases: Mapping[str, Sequence[str]]) -> None:
    """A visit page's matrix read as the loader read it, each marker made a badge (problems were reported then)."""
    read_sections(root, md, body, first_line, path, aliases, Report(), badge=badge)


def failure(report: Report) -> PluginError:
    """One error that lists every problem, so the author fixes them all in one go."""
    lines = [str(p) for p in report.errors]
    heading = f"practice-exchange: the content has {plural(len(lines), 'error')}; the site was not built:"
    return PluginError("\n".join([heading, *(f"  {line}" for line in lines)]))


class Build:
    """The content, generated pages and data files of one build."""

    def __init__(self, config: MkDocsConfig, options: PracticeExchangeConfig) -> None:
        self.config = config
        self.sources = sources(config, options)
        self.docs = Path(config.docs_dir).name  # how messages name the docs folder
        self.specs: dict[str, PageSpec] = {}
        self.markers: dict[str, list[MarkerComment]] = {}
        self.options = options
        self.renderer: Renderer | None = None
        self.scratch: Path | None = None
        self.ahead: Ahead | None = None
        self.first_lines: dict[str, int] = {}
        self.known_pages: frozenset[str] = frozenset()  # every page's src_uri, for checking body links
        self.report = Report()  # what rendering the pages finds

    def add_files(self, files: Files) -> Files:
        """Load and check everything, then add the portal's pages, assets and exports to `files`."""
        portal, report = load(self.sources)
        for problem in report.warnings:
            log.warning(str(problem))
        self._scan_markers(files, report)
        self._check_clashes(files, report)
        if portal is None or report.error_count:
            raise failure(report)
        index = index_module.build(portal)
        findings = summarise(index)
        own_findings_page = FINDINGS_PAGE in files.src_uris
        # docs/index.md, or docs/README.md, which MkDocs publishes as the home page too.
        own_home = any(f.dest_uri in ("index.html", "index.md") for f in files.documentation_pages())
        self.specs = plan(portal, index, findings, findings_page=not own_findings_page, home_page=not own_home)
        for spec in self.specs.values():
            inclusion = InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(self.config, spec.src_uri, content=spec.markdown, inclusion=inclusion))
            self._note_markers(spec.src_uri, spec.markdown)
        for name in ASSETS:
            content = resources.files("practice_exchange").joinpath("assets", name).read_bytes()
            files.append(File.generated(self.config, f"{ASSET_DIR}/{name}", content=content))
        graph = network_svg(findings)
        urls = {f.src_uri: f.url for f in files}
        self.known_pages = frozenset(f.src_uri for f in files.documentation_pages())
        for file in self._exports():
            files.append(file)
            urls[file.src_uri] = file.url
        assets = {name: f"{ASSET_DIR}/{name}" for name in ASSETS}
        self.renderer = Renderer(environment(self.config.theme.custom_dir), index, urls, assets,
                                 {"findings": findings, "graph": graph})
        self.ahead = self._ahead(portal, findings, graph, urls)
        self.ahead.start(self.options.parallel)
        return files

    def _exports(self) -> list[File]:
        """The data files, in a scratch folder that MkDocs copies from: not kept in memory.

        They are written ahead, perhaps by the helper process, and exist once `wait()`
        has returned (at `on_env`, before MkDocs copies them); not before.
        """
        self.scratch = Path(tempfile.mkdtemp(prefix="practice-exchange-"))
        return [File.generated(self.config, f"{EXPORT_DIR}/{name}", abs_src_path=str(self.scratch / name))
                for name in [*exports.NAMES, "network.svg"]]

    def _ahead(self, portal: Portal, findings: Findings, graph: str, urls: dict[str, str]) -> Ahead:
        """The exports, the frame of every generated page and the findings blocks, drawn ahead."""
        assert self.renderer is not None and self.scratch is not None
        renderer, scratch = self.renderer, self.scratch

        def write_exports() -> None:
            exports.write(scratch, portal, findings, self._absolute(urls))
            (scratch / "network.svg").write_text(graph + "\n", encoding="utf-8")

        parts: dict[str, Callable[[], str]] = {}
        for src_uri, spec in self.specs.items():
            parts[f"frame {src_uri}"] = partial(renderer.frame, spec, urls[src_uri])
        for src_uri, markers in sorted(self.markers.items()):
            for name in sorted({m.name for m in markers}):
                parts[f"block {src_uri} {name}"] = partial(renderer.block, name, urls[src_uri])
        return Ahead(scratch, parts, write_exports, say=lambda news: log.debug(f"practice-exchange: {news}"))

    def wait(self) -> None:
        """Wait for what is drawn ahead; the exports are written when this returns."""
        if self.ahead is not None:
            self.ahead.wait()

    def close(self) -> None:
        """Stop drawing ahead and remove the scratch folder (after the build has copied the exports)."""
        if self.ahead is not None:
            self.ahead.close()
            self.ahead = None
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)
            self.scratch = None

    def source(self, spec: PageSpec) -> str | None:
        """An entry page's Markdown, read again from its file when MkDocs asks for it.

        Holding thousands of bodies from loading until each page renders would double
        what MkDocs itself keeps of them.
        """
        if spec.entry is None:
            return None
        try:
            _, body, _ = split(read_text(self.sources.root / spec.entry.path))
        except (OSError, SourceError) as exc:
            raise PluginError(f"{spec.entry.path}: the file changed while the site was built ({exc});"
                              " build again") from None
        self.first_lines[spec.src_uri] = page_text(body, spec.entry.body_line)[1]
        return markdown(spec, body)

    def entry_page(self, spec: PageSpec, markdown: str) -> EntryPage:
        """What rendering an entry's page needs: where its Markdown starts, and, for a visit, the matrix
        read from the page's tree as the loader read it, its markers made badges."""
        assert spec.entry is not None
        first = self.first_lines.get(spec.src_uri, spec.entry.body_line)
        entry, known = spec.entry, self.known_pages

        def tree(root: etree.Element, md: Markdown) -> None:
            if isinstance(entry, Visit):
                _badges(root, md, body=markdown, first_line=first, path=entry.path, aliases=self.sources.aliases)
            report_links(entry.path, broken_links(root, entry.src_uri, known, markdown, first), self.report)

        return EntryPage(entry.path, first, markdown, tree)

    def unsafe(self, path: str, found: list[Unsafe]) -> None:
        """Note what the sanitiser removed from an entry's page; warnings are logged at once."""
        known = len(self.report.problems)
        report_unsafe(path, found, self.report)
        for problem in self.report.problems[known:]:
            if problem.severity is Severity.WARNING:
                log.warning(str(problem))

    def finish_rendering(self) -> None:
        """Fail the build, before a page is written, when an entry tried to run script."""
        if self.report.error_count:
            raise failure(self.report)

    def spec(self, src_uri: str) -> PageSpec | None:
        """The generated page at `src_uri`, if the plugin made it."""
        return self.specs.get(src_uri)

    def render(self, spec: PageSpec, html: str) -> str:
        """The content of a generated page: its frame around its rendered Markdown."""
        assert self.ahead is not None
        return self.ahead.get(f"frame {spec.src_uri}").replace(BODY, html)

    def block_names(self, src_uri: str) -> frozenset[str]:
        """The findings blocks a page's markers ask for."""
        return frozenset(m.name for m in self.markers.get(src_uri, ()))

    def fill(self, src_uri: str, html: str) -> str:
        """A page's content with its findings blocks in their slots."""
        names = self.block_names(src_uri)
        if not names or self.ahead is None:
            return html
        ahead, filled = self.ahead, set()

        def block(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in names:
                return match.group(0)
            filled.add(name)
            return ahead.get(f"block {src_uri} {name}")

        html = SLOT_RE.sub(block, html)
        for name in sorted(names - filled):
            log.warning(f"{self._docs_path(src_uri)}: the findings block `{name}` could not be put in: its place"
                        " was lost from the page's HTML, perhaps changed by another plugin")
        return html

    def _docs_path(self, src_uri: str) -> str:
        """How messages name a page: its file under docs/, or the page the plugin makes."""
        if src_uri in self.specs:
            return f"the page the plugin makes at {src_uri}"
        return f"{self.docs}/{src_uri}"

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

    def _check_clashes(self, files: Files, report: Report) -> None:
        """A hand-written file may not take a place of the plugin's own pages and files."""
        taken = {"practices", "visits", "toolkit", "cities", "tags", "catalogue", EXPORT_DIR}
        own = self._own_places(files)
        for file in files:
            if file.abs_src_path is None or file.generated_by is not None:
                continue
            top = file.src_uri.split("/")[0]
            if file.is_documentation_page() and "/" in file.src_uri and top in taken:
                report.error(f"{self.docs}/{file.src_uri}", None, None,
                             f"`{top}/` in the site belongs to the pages the plugin makes; move this page elsewhere")
            elif file.dest_uri in own:
                report.error(f"{self.docs}/{file.src_uri}", None, None,
                             f"it would be published as `{file.dest_uri}`, where the plugin puts"
                             f" {own[file.dest_uri]}; rename it or move it to another folder")

    def _own_places(self, files: Files) -> dict[str, str]:
        """Where the plugin's fixed pages and files are written, and what each is, for messages."""
        places = {src: f"its page `{src}`" for src in LISTING_PAGES - {HOME_PAGE}}
        if FINDINGS_PAGE in files.src_uris and files.src_uris[FINDINGS_PAGE].generated_by is None:
            places.pop(FINDINGS_PAGE)  # the lead expert's own findings page, whose markers get the blocks
        places.update({f"{ASSET_DIR}/{name}": "one of its assets" for name in ASSETS})
        places.update({f"{EXPORT_DIR}/{name}": "one of its data exports" for name in (*exports.NAMES, "network.svg")})
        return {File.generated(self.config, src, content="").dest_uri: what for src, what in places.items()}

    def _absolute(self, urls: dict[str, str]) -> dict[str, str]:
        """Page addresses for the exports: full URLs when `site_url` is set, else from the site's root."""
        base = self.config.site_url or ""
        return {uri: base + url for uri, url in urls.items()}
