"""The plugin's options, as written under `plugins: - practice-exchange:` in mkdocs.yml."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class MatrixAliasesConfig(base.Config):
    """Extra headings accepted for each visit matrix section, on top of the defaults."""

    learning = c.ListOfItems(c.Type(str), default=[])
    """More headings for `## Key learning points` (default alias: Key learnings)."""

    transferable = c.ListOfItems(c.Type(str), default=[])
    """More headings for `## Transferable ideas` (default aliases: What could be utilized, What could be used)."""

    contribution = c.ListOfItems(c.Type(str), default=[])
    """More headings for `## Contribution to the host` (default alias: Contribution to the hosting organisation)."""


class PracticeExchangeConfig(base.Config):
    """Options of the practice-exchange plugin; every path is relative to the folder of mkdocs.yml."""

    network_file = c.Type(str, default="network.yml")
    """The network's partner cities and optional tag vocabulary."""

    practices_dir = c.Type(str, default="practices")
    """The folder of good practices, one Markdown file each."""

    visits_dir = c.Type(str, default="visits")
    """The folder of bilateral visits, one Markdown file each."""

    toolkit_dir = c.Type(str, default="toolkit")
    """The folder of toolkit cards, one Markdown file each."""

    matrix_aliases = c.SubConfig(MatrixAliasesConfig)
    """Headings in the cities' own languages for the three visit matrix sections."""

    parallel = c.Type(bool, default=True)
    """Draw the generated pages' frames and write the exports in a second process, on another
    core, while MkDocs converts the Markdown (Linux only; elsewhere the build stays in one process)."""
