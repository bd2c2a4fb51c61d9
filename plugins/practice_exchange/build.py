"""One build of a portal: load and check the content, add its pages, render them.

Everything here lives for one build only: `mkdocs serve` makes a new `Build`
for each rebuild, so nothing carries over from an earlier state of the files.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from . import index as index_module
from .config import PracticeExchangeConfig
from .content import Sources, load
from .content.matrix import default_aliases
from .errors import Report, plural
from .pages import PageSpec, plan
from .pages.render import Renderer, environment

log = logging.getLogger("mkdocs.plugins.practice_exchange")

ASSETS = ("practice-exchange.css", "practice-exchange.js", "catalogue.js")
ASSET_DIR = "assets/practice-exchange"


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
    )


def failure(report: Report) -> PluginError:
    """One error that lists every problem, so the author fixes them all in one go."""
    lines = [str(p) for p in report.errors]
    heading = f"practice-exchange: the content has {plural(len(lines), 'error')}; the site was not built:"
    return PluginError("\n".join([heading, *(f"  {line}" for line in lines)]))


class Build:
    """The content and generated pages of one build."""

    def __init__(self, config: MkDocsConfig, options: PracticeExchangeConfig) -> None:
        self.config = config
        self.sources = sources(config, options)
        self.specs: dict[str, PageSpec] = {}
        self.renderer: Renderer | None = None

    def add_files(self, files: Files) -> Files:
        """Load and check the content, then add every entry and listing page to `files`."""
        portal, report = load(self.sources)
        for problem in report.warnings:
            log.warning(str(problem))
        if portal is None:
            raise failure(report)
        index = index_module.build(portal)
        self.specs = plan(portal, index)
        self._check_clashes(files)
        for spec in self.specs.values():
            files.append(File.generated(self.config, spec.src_uri, content=spec.markdown,
                                        inclusion=self._inclusion(spec)))
        for name in ASSETS:
            content = resources.files("practice_exchange").joinpath("assets", name).read_bytes()
            files.append(File.generated(self.config, f"{ASSET_DIR}/{name}", content=content))
        urls = {f.src_uri: f.url for f in files.documentation_pages()}
        assets = {name: f"{ASSET_DIR}/{name}" for name in ASSETS}
        self.renderer = Renderer(environment(self.config.theme.custom_dir), index, urls, assets)
        return files

    def spec(self, src_uri: str) -> PageSpec | None:
        """The generated page at `src_uri`, if the plugin made it."""
        return self.specs.get(src_uri)

    def render(self, spec: PageSpec, page_url: str, html: str) -> str:
        assert self.renderer is not None
        return self.renderer.render(spec, page_url, html)

    def _check_clashes(self, files: Files) -> None:
        clashes = [f.src_uri for f in files if f.src_uri in self.specs]
        if clashes:
            report = Report()
            for uri in sorted(clashes):
                report.error(f"{Path(self.config.docs_dir).name}/{uri}", None, None,
                             f"this page has the same place in the site as a page the plugin makes ({uri});"
                             " rename or move it")
            raise failure(report)

    @staticmethod
    def _inclusion(spec: PageSpec) -> InclusionLevel:
        # Entry pages are reached through listings; a navigation listing every
        # entry renders into every page and makes the build quadratic.
        return InclusionLevel.INCLUDED if spec.in_nav else InclusionLevel.NOT_IN_NAV
