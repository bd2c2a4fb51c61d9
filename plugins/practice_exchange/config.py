"""The plugin's options, as written under `plugins: - practice-exchange:` in mkdocs.yml."""

from __future__ import annotations

import importlib
import os
import posixpath
import sys

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from .content.fields import ZERO_WIDTH
from .content.kind import Kind
from .content.registry import KINDS, section_keys
from .errors import did_you_mean
from .exports import export_name_problem
from .pages.plan import OWN_FOLDERS

# The sections the kinds recognise by heading (the visit matrix's, a session's), as they name them.
SECTION_KEYS: tuple[str, ...] = section_keys()
EXAMPLE = "learning: [Lernpunkte]"


def _section(key: object) -> tuple[str | None, str | None]:
    """The section a key names, or a problem; a misspelt key must not pass (it would be a KeyError later)."""
    if isinstance(key, str) and key in SECTION_KEYS:
        return key, None
    return None, (f"unknown section `{key}`; the sections are {', '.join(SECTION_KEYS)}"
                  f"{did_you_mean(str(key), SECTION_KEYS)}")


def _heading(key: str, value: object) -> tuple[str | None, str | None]:
    """One extra heading, read as the matrix reads a heading (spaces, zero-width ones, a closing colon), or a problem.

    An empty heading would be a prefix of every heading, so every `##` section would count as this one.
    """
    if not isinstance(value, str):
        return None, f"{key}: `{value}` is not a heading; put the heading's words in quotes"
    heading = " ".join(value.translate(ZERO_WIDTH).split()).rstrip(":").strip()
    if not heading:
        return None, f"{key}: a heading cannot be empty (it would match every heading); remove it or write its words"
    return heading, None


def _headings(key: str, value: object) -> tuple[list[str], list[str]]:
    """A section's extra headings (one heading or a list of them) and the problems found in them."""
    if value is None:
        return [], []
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        return [], [f"{key}: expected a list of headings, such as `{EXAMPLE}`"]
    headings: list[str] = []
    problems: list[str] = []
    for item in items:
        heading, problem = _heading(key, item)
        if heading is not None:
            headings.append(heading)
        if problem is not None:
            problems.append(problem)
    return headings, problems


class MatrixAliases(base.BaseConfigOption[dict[str, list[str]]]):
    """Extra headings accepted for each visit matrix section, on top of the defaults.

    Validated here, as a config error MkDocs reports in its own words, because build.py
    indexes the default aliases by these keys: a misspelt key used to surface as a traceback.
    The value is a plain dict, every section key -> its extra headings (maybe none).
    """

    def __init__(self) -> None:
        super().__init__()
        self.default: dict[str, list[str]] = {}

    def run_validation(self, value: object) -> dict[str, list[str]]:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise ValidationError(f"expected the sections with their extra headings, such as `{EXAMPLE}`")
        aliases: dict[str, list[str]] = {key: [] for key in SECTION_KEYS}
        problems: list[str] = []
        for raw_key, raw_headings in value.items():
            key, problem = _section(raw_key)
            if key is None:
                problems.append(str(problem))
                continue
            headings, found = _headings(key, raw_headings)
            aliases[key] += headings
            problems += found
        if problems:
            raise ValidationError("; ".join(dict.fromkeys(problems)))  # each problem once
        return aliases


class ExtraKinds(base.BaseConfigOption[tuple[Kind, ...]]):
    """Kinds of entry a portal declares besides the built-in ones, as `module:NAME` of a `Kind`.

    The module is looked for beside mkdocs.yml first, as the portal's own code: `mkdocs build`
    does not put the current folder on Python's path.
    """

    root: str | None = None

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        path = getattr(config, "config_file_path", None)
        self.root = os.path.dirname(os.path.abspath(path)) if path else None

    def run_validation(self, value: object) -> tuple[Kind, ...]:
        if value is None:
            return ()
        if not isinstance(value, list):
            raise ValidationError("give a list of kinds, each as `module:NAME`, such as [our_kinds:EVENT]")
        kinds, problems = [], []
        for item in value:
            module, _, name = str(item).partition(":")
            try:
                found = self._load(module, name) if module and name else None
            except Exception as exc:
                problems.append(f"`{item}`: the module cannot be imported ({type(exc).__name__}: {exc})")
                continue
            if not isinstance(found, Kind):
                problems.append(f"`{item}` is not a kind declaration (`module:NAME` of a `Kind`)")
                continue
            kinds.append(found)
        # The built-in kinds' names and folders, the network's schema, and the site's own folders.
        taken = {kind.name for kind in KINDS} | {kind.folder for kind in KINDS} | {"network", *OWN_FOLDERS, "assets"}
        exported: set[str] = set()
        for kind in kinds:
            if kind.name in taken or kind.folder in taken:
                problems.append(f"the kind `{kind.name}` (folder `{kind.folder}`) takes the name or folder of"
                                " another kind")
            taken |= {kind.name, kind.folder}
            wrong = export_name_problem(kind.export) or (
                "another declared kind is exported so" if kind.export.casefold() in exported else None)
            if wrong:
                problems.append(f"the kind `{kind.name}` cannot be exported as `{kind.export}`: {wrong};"
                                " give it another `export`")
            exported.add(kind.export.casefold())
        if problems:
            raise ValidationError("; ".join(problems))
        return tuple(kinds)

    def _load(self, module: str, name: str) -> object:
        added = self.root is not None and self.root not in sys.path
        if added:
            sys.path.insert(0, self.root)  # type: ignore[arg-type]
        try:
            return getattr(importlib.import_module(module), name, None)
        finally:
            if added:
                sys.path.remove(self.root)  # type: ignore[arg-type]


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

    translations_dir = c.Optional(c.Type(str))
    """A folder of the portal's own gettext catalogues (`de.po`, or `de/LC_MESSAGES/messages.po`),
    whose messages win over the package's for the portal's language (`theme: language:`)."""

    sessions_dir = c.Type(str, default="sessions")
    """The folder of session reports (workshops, barcamps, meetings), one Markdown file each."""

    kinds = ExtraKinds()
    """Kinds of entry besides practices, visits and toolkit cards, each declared once in a module of
    the portal's (`module:NAME`): their pages, listing, catalogue entries, exports and schema follow."""

    matrix_aliases = MatrixAliases()
    """More headings (in the cities' own languages, say) for the sections recognised by heading, by
    section key: the visit matrix's (`learning`, `transferable`, `contribution`) and a session's
    (`lessons`, `question`, `methods`, `arguments`, `discussion`, `statements`, `references`,
    `next`): one heading or a list of them each."""

    report = c.Choice(("auto", True, False), default="auto")
    """The network report, `/report/`: `auto` makes it for a network's programme of visits (at most
    `REPORT_VISITS` visits, or when the lead expert wrote `docs/report.md`), `true` always, `false` never."""
    search = c.Choice(("auto", "material", "pagefind"), default="auto")
    """The header's search: `material` (Material's, one index loaded by every page), `pagefind`
    (an index in chunks, fetched as the visitor types; entries can be filtered by kind, tag and
    city), or `auto`: Pagefind above `PAGEFIND_ENTRIES` entries. Both need Material's `search`
    plugin in `plugins`, which draws the box."""
    def validate(self) -> tuple[list[tuple[str, Exception]], list[tuple[str, str]]]:
        """Each option on its own, then what two of them say together: kinds set to one folder read
        each other's files, and each file was refused as the wrong kind, the options never named
        (a hostile review)."""
        failed, warnings = super().validate()
        if not failed:
            # Where each folder is, relative to mkdocs.yml: written alike, or led to by a link.
            root = os.path.dirname(os.path.abspath(self.config_file_path)) if self.config_file_path else os.getcwd()
            folders: dict[str, str] = {}
            for key in ("practices_dir", "visits_dir", "toolkit_dir", "sessions_dir"):
                written = str(self[key])
                folder = os.path.normcase(os.path.realpath(os.path.join(root, written)))
                if folder in folders:
                    shown = posixpath.normpath(written.replace("\\", "/"))
                    failed.append((key, ValidationError(
                        f"`{key}` and `{folders[folder]}` name the same folder, `{shown}`: each kind's files"
                        " need a folder of their own")))
                folders.setdefault(folder, key)
        return failed, warnings

    parallel = c.Type(bool, default=True)
    """Draw the generated pages' frames and write the exports in a second process, on another
    core, while MkDocs converts the Markdown (Linux only; elsewhere the build stays in one process)."""
