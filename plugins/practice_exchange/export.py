"""`practice-exchange export DIR`: the whole portal as a plain Markdown site that builds without the plugin.

The export runs the plugin's own build, so it holds exactly the documents the
plugin hands MkDocs: every generated page, each entry's frame around its
converted and sanitised body (HTML, so that no other generator can run an
author's markup), the hand-written pages with their findings blocks put in,
the assets and data files, and a `mkdocs.yml` without the plugin whose
navigation is the one the plugin build had. Plain MkDocs with Material, and
Zensical, which reads `mkdocs.yml`, build it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from .pages.render import fill_markers
from .pages.safety import name_as_text

DOCS = "docs"


class ExportError(Exception):
    """The export cannot be written where asked; the message says why. Nothing was written."""


class _Keeper(yaml.SafeLoader):
    """Reads mkdocs.yml keeping what only MkDocs understands (`!ENV`, `!!python/name:`) as written."""


class Tagged:
    """A YAML value under a tag this module does not interpret, written back as it was."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


def _keep(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        return Tagged(node.tag, loader.construct_scalar(node))
    if isinstance(node, yaml.SequenceNode):
        return Tagged(node.tag, loader.construct_sequence(node, deep=True))
    return Tagged(node.tag, loader.construct_mapping(node, deep=True))  # type: ignore[arg-type]


_Keeper.add_multi_constructor("!", _keep)
_Keeper.add_multi_constructor("tag:yaml.org,2002:python/", _keep)


class _Writer(yaml.SafeDumper):
    pass


def _tagged(dumper: yaml.SafeDumper, value: Tagged) -> yaml.Node:
    if isinstance(value.value, list):
        return dumper.represent_sequence(value.tag, value.value)
    if isinstance(value.value, dict):
        return dumper.represent_mapping(value.tag, value.value)
    return dumper.represent_scalar(value.tag, value.value)


_Writer.add_representer(Tagged, _tagged)


def prepare(out: Path) -> None:
    """`out` must be a new folder or an empty one: an export never mixes with other files."""
    if out.exists() or out.is_symlink():
        if not out.is_dir() or out.is_symlink():
            raise ExportError(f"{out} is not a folder; give a new or empty folder to export into")
        if any(out.iterdir()):
            raise ExportError(f"{out} is not empty; give a new or empty folder, so that nothing of yours is"
                              " overwritten")
    elif not out.parent.is_dir():
        raise ExportError(f"{out}: the folder {out.parent} does not exist")


class Exporter:
    """Collects the documents of one build of the plugin and writes them out as a site of its own."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.documents: dict[str, str] = {}
        self.nav: list[Any] = []

    def document(self, src_uri: str, text: str) -> None:
        """One page's document, exactly as the plugin build read it."""
        self.documents[src_uri] = text

    def authored(self, src_uri: str, path: Path, blocks: Mapping[str, str]) -> None:
        """A hand-written page, its findings markers replaced by the blocks the build put there."""
        text = path.read_text(encoding="utf-8-sig")
        self.documents[src_uri] = fill_markers(text, lambda name: blocks[name]) if blocks else text

    def navigation(self, items: Iterable[Any]) -> None:
        """The plugin build's navigation, kept as an explicit `nav`: the same menu without the plugin."""
        self.nav = [_nav_item(item) for item in items]

    def write(self, config: Any, site: Path, copied: Iterable[tuple[str, Path]]) -> list[str]:
        """Write the documents, the files MkDocs copied (assets, data, images) and `mkdocs.yml`."""
        docs = self.out / DOCS
        for src_uri, text in sorted(self.documents.items()):
            target = docs / src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        for src_uri, built in copied:
            target = docs / src_uri
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(built, target)
        custom = config.theme.custom_dir
        settings = self._settings(config, Path(custom).name if custom else None)
        if custom:
            shutil.copytree(custom, self.out / Path(custom).name)
        (self.out / "mkdocs.yml").write_text(
            "# Written by `practice-exchange export`: the portal as plain Markdown, built without the plugin.\n"
            + yaml.dump(settings, Dumper=_Writer, allow_unicode=True, sort_keys=False, width=10**6),
            encoding="utf-8")
        return sorted(self.documents)

    def _settings(self, config: Any, custom_dir: str | None) -> dict[str, Any]:
        path = Path(config.config_file_path)
        with open(path, encoding="utf-8") as handle:
            raw = yaml.load(handle, Loader=_Keeper) or {}
        raw = dict(raw)
        raw.pop("INHERIT", None)
        if "site_name" in raw:
            # Material prints it as HTML; the plugin makes it text (`name_as_text`), and without the
            # plugin the export writes it as HTML text, as read (an `!ENV` tag resolved): found by reviews.
            raw["site_name"] = str(name_as_text(config.site_name))
        raw["docs_dir"] = DOCS
        raw.pop("site_dir", None)
        raw["nav"] = self.nav
        plugins = raw.get("plugins")
        if isinstance(plugins, list):
            raw["plugins"] = [p for p in plugins if _plugin_name(p) != "practice-exchange"]
        elif isinstance(plugins, dict):
            raw["plugins"] = {k: v for k, v in plugins.items() if k != "practice-exchange"}
        raw["extra_css"] = [str(c) for c in config.extra_css]
        raw["extra_javascript"] = [str(getattr(j, "path", j)) for j in config.extra_javascript]
        extensions = raw.get("markdown_extensions")
        if isinstance(extensions, list):
            raw["markdown_extensions"] = [_as_applied(entry, config.mdx_configs) for entry in extensions]
        theme = raw.get("theme")
        if isinstance(theme, dict) and custom_dir:
            raw["theme"] = {**theme, "custom_dir": custom_dir}
        return raw


def _as_applied(entry: Any, applied: Mapping[str, Any]) -> Any:
    """A Markdown extension's entry with the heading links' title the plugin gave it in the portal's
    language (`localise_permalinks`): the export's own pages were titled in English (a hostile review)."""
    if not isinstance(entry, dict) or len(entry) != 1:
        return entry
    (name, options), = entry.items()
    title = applied.get(name, {}).get("permalink_title") if isinstance(applied.get(name), dict) else None
    if isinstance(options, dict) and title is not None and "permalink_title" not in options:
        return {name: {**options, "permalink_title": title}}
    return entry


def _plugin_name(entry: Any) -> str | None:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict) and len(entry) == 1:
        name = next(iter(entry))
        return name if isinstance(name, str) else None
    return None


def _nav_item(item: Any) -> Any:
    """One item of MkDocs' navigation as a `nav` entry of mkdocs.yml."""
    title = item.title
    if getattr(item, "children", None) is not None and not hasattr(item, "file"):
        return {title: [_nav_item(child) for child in item.children]}
    if hasattr(item, "file") and item.file is not None:
        return {title: item.file.src_uri} if title else item.file.src_uri
    return {title: item.url}

