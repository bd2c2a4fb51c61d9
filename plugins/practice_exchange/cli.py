"""The `practice-exchange` command: start a portal, check content, start new entries, write JSON Schemas.

Run it in a portal's folder (where mkdocs.yml is) or point at one with `--root DIR`;
`practice-exchange init` starts a new portal in an empty folder.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import shlex
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import __version__
from .authoring import init as starter
from .authoring import schemas
from .authoring.scaffold import Scaffold, ScaffoldError, WriteError
from .content import Sources, load
from .content import network as network_module
from .content.frontmatter import SourceError, read_mapping
from .content.portal import load_what_holds
from .content.session import FORMATS
from .content.toolkit import DIFFICULTIES
from .errors import Problem, Report, summary_line
from .language import CatalogueError
from .pages.blocks import check_docs, folder_name
from .pages.links import check_bodies, check_pages, known_pages, url_of
from .pages.plan import OWN_FOLDERS
from .pages.report import REPORT_PAGE, REPORT_VISITS, wanted
from .printing import ENGINES


class ConfigProblem(Exception):
    """mkdocs.yml cannot be read; the message says why."""


@contextlib.contextmanager
def _config_errors() -> Iterator[list[str]]:
    """The errors MkDocs logs while it reads mkdocs.yml, kept back from the log.

    MkDocs logs each configuration error and then raises only "Aborted with a configuration
    error!"; the command tells the author what is wrong instead, in one line of its own.
    """
    from mkdocs.config import base

    logger: logging.Logger = getattr(base, "log", logging.getLogger("mkdocs.config"))
    errors: list[str] = []

    def keep(record: logging.LogRecord) -> bool:
        if record.levelno < logging.ERROR:
            return True
        errors.append(record.getMessage())
        return False

    logger.addFilter(keep)
    try:
        yield errors
    finally:
        logger.removeFilter(keep)


@contextlib.contextmanager
def _build_errors() -> Iterator[list[str]]:
    """The errors MkDocs logs while it builds (a content problem among them), kept for the command's message."""
    errors: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            errors.append(record.getMessage())

    logger = logging.getLogger("mkdocs")
    handler = Keep(logging.ERROR)
    logger.addHandler(handler)
    try:
        yield errors
    finally:
        logger.removeHandler(handler)


def _missing_docs(config_file: Path) -> Path | None:
    """The docs folder mkdocs.yml names, when it does not exist; else None.

    MkDocs refuses a configuration whose docs folder is missing, but a portal's content
    lives outside it: `check` reads the rest of the configuration without one. Read with
    MkDocs' own YAML loader (`!ENV`, `INHERIT`); anything it cannot read is left to MkDocs,
    which says what is wrong.
    """
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(config_file, "rb") as handle:
            raw = yaml_load(handle)
    except Exception:
        return None
    docs_dir = raw.get("docs_dir", "docs") if isinstance(raw, dict) else None
    if not isinstance(docs_dir, str):
        return None
    docs = config_file.parent / docs_dir
    return None if docs.exists() or docs.is_symlink() else docs


@dataclass(frozen=True)
class PortalConfig:
    """What the commands read from a portal's mkdocs.yml."""

    sources: Sources
    docs: Path  # the docs folder
    # The pages of the docs folder MkDocs publishes (its own exclusions applied: `exclude_docs`, names
    # starting with a dot, a README beside an index); None without a mkdocs.yml.
    published: list[str] | None
    report: str | bool = "auto"  # the plugin's option `report`
    # The docs folder's files that would take a place of the plugin's own pages and files, as the build
    # finds them.
    clashes: list[Problem] = field(default_factory=list)


def portal_config(root: Path) -> PortalConfig:
    """The portal's configuration as its mkdocs.yml gives it, or the defaults."""
    if not root.is_dir():
        raise ConfigProblem(f"{root} is not a folder; give the portal's folder with --root")
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        return PortalConfig(Sources(root), root / "docs", None)
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException
    from mkdocs.structure.files import get_files

    from .build import check_clashes, entry_files, search_mode, sources, theme_problem

    missing = _missing_docs(config_file)
    with _config_errors() as errors, tempfile.TemporaryDirectory(prefix="practice-exchange-docs-") as stand_in:
        try:
            # A missing docs folder stands in as an empty one: the portal has no hand-written pages yet.
            options = {"docs_dir": stand_in} if missing is not None else {}
            config = load_config(str(config_file), **options)
            files = get_files(config) if missing is None else None
            published = [f.src_uri for f in files.documentation_pages()] if files is not None else []
        except (MkDocsException, yaml.YAMLError, OSError) as exc:
            reason = "; ".join(errors) or str(exc)
            raise ConfigProblem(f"mkdocs.yml: {' '.join(reason.split())}") from None
    problem = theme_problem(config)
    if problem is not None:
        raise ConfigProblem(problem)
    plugin = config.plugins.get("practice-exchange")
    found = sources(config, plugin.config) if plugin is not None else Sources(root)
    clashes = Report()
    if plugin is not None and files is not None:
        mode, _ = search_mode(config, plugin.config.search, entry_files(found))
        check_clashes(config, files, found.kinds, found, mode, clashes)
    return PortalConfig(found, missing if missing is not None else Path(config.docs_dir), published,
                        plugin.config.report if plugin is not None else "auto", list(clashes.problems))


def _portal_root(args: argparse.Namespace) -> Path:
    """The portal's folder; `ConfigProblem` when it has neither mkdocs.yml nor network.yml, which is no portal."""
    root = Path(args.root).resolve()
    if root.is_dir() and not any(os.path.lexists(root / name) for name in ("mkdocs.yml", "network.yml")):
        here = root == Path.cwd().resolve()
        # A portal's own folders (`visits/`, `docs/assets/`) lie a few levels below it, no more.
        portal = next((folder for folder in list(root.parents)[:3]
                       if all(os.path.lexists(folder / name) for name in ("mkdocs.yml", "network.yml"))), None)
        if portal is not None:
            # A new user ran `check` inside `visits/` and was told to start a new portal.
            shown = shlex.quote(os.path.relpath(portal, root)) if here else _shown(portal)
            raise ConfigProblem(f"{'this folder' if here else str(root)} is inside the portal {portal}, not the"
                                f" portal's own folder: run the command there (`cd {shown}`), or give it with"
                                f" `--root {shown}`")
        where, init = ("this folder", "init") if here else (str(root), f"init {_shown(root)}")
        raise ConfigProblem(f"{where} is not a portal (it has no mkdocs.yml and no network.yml): run"
                            f" `practice-exchange {init}` first to start one, or give the portal's folder with --root")
    return root


def _check(args: argparse.Namespace) -> int:
    root = _portal_root(args)
    configured = portal_config(root)
    sources, docs, published = configured.sources, configured.docs, configured.published
    # The bodies of the files that loaded are checked even when others have errors: every problem in one run.
    loaded = load_what_holds(sources)
    portal, report = loaded.portal, loaded.report
    check_docs(docs, root, report, {*(kind.folder for kind in sources.kinds), *OWN_FOLDERS},
               {kind.folder: sources.folder(kind) for kind in sources.kinds})
    said = {(problem.path, problem.message) for problem in report.problems}
    # A page in a listing's folder is said by `check_docs` already.
    report.problems.extend(clash for clash in configured.clashes if (clash.path, clash.message) not in said)
    if portal is not None:
        in_docs = [p.relative_to(docs).as_posix() for p in sorted(docs.rglob("*")) if p.is_file()] \
            if docs.is_dir() else []
        chapters = sum(len(portal.of(kind.name)) for kind in portal.kinds if kind.chapter)
        report_page = wanted(configured.report, (docs / REPORT_PAGE).is_file(), chapters)
        known = known_pages(portal, in_docs, report_page) | loaded.pages
        check_bodies(portal, sources, known, report, loaded.unsure, folder_name(docs, root))
        # The pages MkDocs publishes (and checks the links of), as it finds them.
        pages = [((docs / page).relative_to(root).as_posix() if (docs / page).is_relative_to(root) else
                  (docs / page).as_posix(), page, docs / page)
                 for page in (published if published is not None else in_docs) if page.endswith(".md")]
        check_pages(pages, sources, known, report, loaded.unsure, folder_name(docs, root))
    problems = [*report.errors, *report.warnings]
    if args.format == "json":
        print(json.dumps({"problems": [p.as_dict() for p in problems], "errors": report.error_count,
                          "warnings": len(report.warnings)}, ensure_ascii=False, indent=2))
    else:
        # Each line says what it is: errors stop the build, warnings only a strict one; a list of nineteen
        # lines left a new user counting which were which (a new user's review).
        for problem in problems:
            print(f"{problem.severity.value}: {problem}")
        print(summary_line(report))
    return 1 if report.error_count or (args.strict and report.problems) else 0


def _split(values: str | None) -> list[str]:
    return [v.strip() for v in (values or "").split(",") if v.strip()]


def _new(args: argparse.Namespace) -> int:
    root = _portal_root(args)
    sources = portal_config(root).sources
    report = Report()
    try:
        network = network_module.parse(read_mapping(root / sources.network, sources.network), report)
    except SourceError as exc:
        # Where in the file, as `check` says it (the line of an unclosed quote, say).
        print(f"practice-exchange new: cannot read {Problem(sources.network, exc.line, exc.field, exc.message)}",
              file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"practice-exchange new: cannot read {sources.network}: {exc}", file=sys.stderr)
        return 1
    if network is None or report.error_count:
        for error in report.errors:
            print(error, file=sys.stderr)
        return 1
    try:
        scaffold = Scaffold(sources, network, getattr(args, "lang", None))
    except CatalogueError as exc:
        print(f"practice-exchange new: {exc}", file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return 1
    try:
        draft = args.draft(scaffold, args)
    except ScaffoldError as exc:
        for problem in exc.problems:
            print(f"practice-exchange new: {problem}", file=sys.stderr)
        print("nothing was written", file=sys.stderr)
        return 1
    try:
        draft.create()
    except WriteError as exc:
        print(f"practice-exchange new: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {draft.rel}; fill it in, then run `practice-exchange check`")
    return 0


def _schema(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    sources = portal_config(root).sources
    if not args.out:
        print("practice-exchange schema: --out is empty; give the folder to write the schemas into", file=sys.stderr)
        return 1
    portal, _report = load(sources)
    try:
        written = schemas.write(Path(args.out), portal)
    except schemas.OutError as exc:
        print(f"practice-exchange schema: {exc}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    if portal is None:
        print("the portal has errors, so city ids, practices and tags are not listed in the schemas;"
              " run `practice-exchange check`", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    """Build the portal with the plugin once, keeping every document, and write them out as a plain site."""
    from .export import Exporter, ExportError, prepare

    root = _portal_root(args)
    out = Path(args.dir).resolve()
    config_file = root / "mkdocs.yml"
    try:
        if out.is_relative_to(root):
            raise ExportError(f"{out} is inside the portal; give a folder outside it (the export would be"
                              " read as part of the portal, or wiped with its site, at the next build)")
        prepare(out)
    except ExportError as exc:
        print(f"practice-exchange export: {exc}", file=sys.stderr)
        return 1
    if not config_file.is_file():
        print(f"practice-exchange export: {root} has no mkdocs.yml; run `practice-exchange init` first",
              file=sys.stderr)
        return 1
    made = not out.exists()

    def export_to(plugin: Any) -> None:
        plugin.exporter = Exporter(out)

    with tempfile.TemporaryDirectory(prefix="practice-exchange-export-") as site:
        _config, problem = _build_portal(config_file, site, export_to)
        if problem is not None:
            if made:
                shutil.rmtree(out, ignore_errors=True)
            print(f"practice-exchange export: {problem}", file=sys.stderr)
            print("nothing was exported", file=sys.stderr)
            return 1
    pages = sum(1 for _ in (out / "docs").rglob("*.md"))
    print(f"exported {pages} pages to {out}; build them with `mkdocs build` or `zensical build` there")
    return 0


def _no_report(config: Any) -> str:
    """Why a built portal has no report page, and what would give it one."""
    plugin = config.plugins["practice-exchange"]
    build = plugin.build
    docs = Path(config.docs_dir).name
    if plugin.config.report is False:
        return "the option `report: false` leaves it out"
    visits = build.entry_files(chapters=True) if build is not None else 0
    if visits > REPORT_VISITS:
        return (f"`report: auto` makes one for a programme of at most {REPORT_VISITS} visits, and it has {visits};"
                " set the option `report: true` to make one")
    if build is not None and build.entry_files(lessons=True):
        return ("`report: auto` makes one for a programme of visits; set the option `report: true` for one of its"
                " sessions")
    return f"it has no visits, no sessions and no {docs}/report.md; write that page to make one"


def _build_portal(config_file: Path, site: str, prepare: Callable[[Any], None] | None = None
                  ) -> tuple[Any, str | None]:
    """Build a portal into `site` once, as `mkdocs build` would: its configuration, and None, or
    what went wrong (the configuration is None when it could not be used at all). `prepare` gets
    the plugin before the build."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with _config_errors() as errors, _build_errors() as failures:
        try:
            config = load_config(str(config_file), site_dir=site)
        except (MkDocsException, yaml.YAMLError, OSError) as exc:
            return None, "\n".join([*errors, *failures]) or str(exc)
        plugin = config.plugins.get("practice-exchange")
        if plugin is None:
            return None, "mkdocs.yml does not use the practice-exchange plugin; add it under `plugins:`"
        if prepare is not None:
            prepare(plugin)
        try:
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
        except (MkDocsException, yaml.YAMLError, OSError) as exc:
            reason = "\n".join([*errors, *failures]) or str(exc)
            return config, reason.removeprefix("practice-exchange: ")
    return config, None


def _report(args: argparse.Namespace) -> int:
    """Build the portal once, into a scratch folder, and print its network report to a PDF."""
    from .printing import PrintError, print_pdf

    root = _portal_root(args)
    out = Path(args.pdf).resolve()
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        print(f"practice-exchange report: {root} has no mkdocs.yml; run `practice-exchange init` first",
              file=sys.stderr)
        return 1
    if out.is_dir() or not out.parent.is_dir():
        where = ("is a folder" if out.is_dir() else f"is in {out.parent}, which is a file, not a folder"
                 if out.parent.exists() else f"is in {out.parent}, which does not exist")
        print(f"practice-exchange report: {out} {where}; give a file such as report.pdf", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="practice-exchange-report-") as site:
        config, problem = _build_portal(config_file, site)
        if problem is not None or config is None:
            print(f"practice-exchange report: {problem}", file=sys.stderr)
            return 1
        page = Path(site, url_of(REPORT_PAGE, config.use_directory_urls))
        if config.use_directory_urls:
            page = page / "index.html"
        if not page.is_file():
            why = _no_report(config)
            print(f"practice-exchange report: the portal has no report page: {why}", file=sys.stderr)
            return 1
        try:
            engine = print_pdf(page, out, args.engine)
        except PrintError as exc:
            print(f"practice-exchange report: {exc}", file=sys.stderr)
            return 1
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB, printed by {engine})")
    return 0


def _stdin_is_terminal() -> bool:
    """Whether missing facts may be asked for: only a person at a terminal can answer, not a pipe or a file."""
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (ValueError, OSError):  # a closed stdin
        return False


def _say(text: str) -> None:
    """Talk to the person answering the questions of `init`."""
    print(text, flush=True)


def _missing_facts(name: str | None, cities: Sequence[starter.CityFact]) -> str:
    """The one line that asks for what could not be asked for without a terminal."""
    wanted, example = [], []
    if name is None:
        wanted.append("the network's name with --name")
        example.append('--name "PREVENT"')
    if not cities:
        whose = "its" if name is None else "the network's"
        wanted.append(f"{whose} partner cities with --city {starter.CITY_OPTION}, once per city")
        example.append(f"--city {starter.CITY_EXAMPLE} --city munich:Munich:DE")
    return (f"give {' and '.join(wanted)}, such as {' '.join(example)}; there is no terminal to ask for"
            f" {'them' if len(wanted) > 1 or not cities else 'it'}, so nothing was written")


def _init_facts(args: argparse.Namespace) -> starter.Facts:
    """The facts from the options, the missing ones asked for in a terminal; `InitError` when they cannot be had."""
    problems, cities = [], []
    for text in args.city:
        try:
            cities.append(starter.city_from_option(text))
        except starter.InitError as exc:
            problems += exc.problems
    name, lead = args.name, args.lead_partner
    starter.check_values(starter.Facts(name or "", (), lead))
    if name is not None:
        # Every fact given is checked, the well-written cities too, so that one run lists every mistake.
        problems += (starter.problems_of(starter.Facts(name, tuple(cities), lead)) if cities
                     else starter.name_problems(name, "--name"))
    if problems:
        raise starter.InitError(problems)
    if name is not None and cities:
        return starter.Facts(name, tuple(cities), lead)
    if not _stdin_is_terminal():
        raise starter.InitError([_missing_facts(name, cities)])
    origin = "--name" if name is not None else "the name"
    try:
        name = name if name is not None else starter.ask_name(input, _say)
        asked = tuple(cities) or starter.ask_cities(input, _say, starter.Facts(name, (), None, origin))
    except (EOFError, KeyboardInterrupt):
        print(file=sys.stderr)
        raise starter.InitError(["stopped before the network's name and cities were all given"]) from None
    return starter.Facts(name, asked, lead, origin)


def _shown(target: Path) -> str:
    """The target as a shell argument, relative to here when it is inside."""
    try:
        rel = target.relative_to(Path.cwd())
    except ValueError:
        return shlex.quote(str(target))
    return shlex.quote(rel.as_posix())


def _init(args: argparse.Namespace) -> int:
    if args.dir == "":
        print("practice-exchange init: DIR is empty; give the new portal's folder, or leave it out to start the"
              " portal here", file=sys.stderr)
        return 1
    target = Path(os.path.abspath(args.dir if args.dir is not None else args.root))
    try:
        starter.check_target(target)
    except starter.InitError as exc:
        print(f"practice-exchange init: {exc.problems[0]}", file=sys.stderr)
        return 1
    try:
        facts = _init_facts(args)
        network_text = starter.validate(facts)
    except starter.InitError as exc:
        for problem in exc.problems:
            print(f"practice-exchange init: {problem}", file=sys.stderr)
        if not exc.problems[-1].endswith("nothing was written"):
            print("nothing was written", file=sys.stderr)
        return 1
    try:
        written = starter.create(target, starter.files_of(facts, network_text))
    except starter.InitError as exc:
        print(f"practice-exchange init: {exc.problems[0]}", file=sys.stderr)
        return 1
    ids = [c.id for c in facts.cities]
    visitor, host = ids[0], (ids[1] if len(ids) > 1 else "OTHER-CITY")
    print(f"started the portal \"{facts.name.strip()}\" in {target}:")
    for rel in written:
        print(f"  {rel}")
    print("next, start a visit report (or a session report) and preview the portal:")
    if target != Path.cwd().resolve():
        print(f"  cd {_shown(target)}")
    print(f"  practice-exchange new visit --visitor {visitor} --host {host} --start YYYY-MM-DD")
    # A network that documents workshops and barcamps starts there (a new user's review: only visits were named).
    print("  practice-exchange new session SLUG --format workshop --date YYYY-MM --tags TAG")
    print("  mkdocs serve")
    return 0


def _add_init(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    init = commands.add_parser("init", help="start a new portal in an empty or new folder",
                               description="Start a new portal: mkdocs.yml, network.yml, a home page, a"
                                           " contributor's guide and the folders for entries. Missing facts are"
                                           " asked for when run in a terminal.")
    init.add_argument("dir", nargs="?", metavar="DIR",
                      help="the new portal's folder: empty, or new inside an existing folder; default: here")
    init.add_argument("--name", help='the network\'s name, such as "PREVENT"')
    init.add_argument("--city", action="append", default=[], metavar=starter.CITY_OPTION,
                      help=f"a partner city: its id, name and country code, such as {starter.CITY_EXAMPLE};"
                           " once per city")
    init.add_argument("--lead-partner", metavar="ID", help="the id of the lead partner city")
    init.set_defaults(run=_init)


def _add_new(commands: argparse._SubParsersAction, rooted: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    new = commands.add_parser("new", help="start a new entry file from a few facts")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    visit = kinds.add_parser("visit", parents=[rooted],
                             help="a bilateral visit, named <yyyy>-<mm>-<visitor>-<host>.md")
    visit.add_argument("--visitor", required=True, help="the visiting city's id")
    visit.add_argument("--host", required=True, help="the hosting city's id")
    visit.add_argument("--start", required=True, help="the first day, YYYY-MM-DD")
    visit.add_argument("--end", help="the last day, YYYY-MM-DD")
    visit.add_argument("--practices", help="practices seen, comma-separated slugs")
    visit.add_argument("--tags", help="tags, comma-separated")
    practice = kinds.add_parser("practice", parents=[rooted], help="a good practice")
    practice.add_argument("slug", help="the file name without .md, such as reading-club")
    practice.add_argument("--city", required=True, help="the id of the city that runs it")
    card = kinds.add_parser("toolkit", parents=[rooted], help="a toolkit card")
    card.add_argument("slug", help="the file name without .md, such as partners-roundtable")
    card.add_argument("--difficulty", required=True, help=", ".join(DIFFICULTIES))
    session = kinds.add_parser("session", parents=[rooted],
                               help="a session report: a workshop, barcamp session or meeting")
    session.add_argument("slug", help="the file name without .md, such as parents-cafe-workshop")
    session.add_argument("--event", help="the meeting, camp or conference it was part of")
    session.add_argument("--date", help="when: YYYY, YYYY-MM or YYYY-MM-DD")
    session.add_argument("--format", help=", ".join(FORMATS))
    session.add_argument("--city", help="the id of the partner city it belongs to")
    for sub in (visit, practice, card, session):
        sub.add_argument("--lang", help="the entry's language, when it is not the portal's, such as fr: its headings"
                                        " and guidance are written in it")
    for sub in (practice, card, session):
        sub.add_argument("--title", help="its title (default: from the slug)")
        if sub is not session:
            sub.add_argument("--summary", help="one or two sentences (default: a TODO placeholder)")
        sub.add_argument("--tags", help="at least one tag, comma-separated")
    # Each kind's subcommand knows how its options make a draft: `_new` asks no kind questions.
    visit.set_defaults(draft=lambda scaffold, a: scaffold.visit(a.visitor, a.host, a.start, a.end,
                                                               _split(a.practices), _split(a.tags)))
    practice.set_defaults(draft=lambda scaffold, a: scaffold.practice(a.slug, a.city, a.title, a.summary,
                                                                     _split(a.tags)))
    card.set_defaults(draft=lambda scaffold, a: scaffold.toolkit(a.slug, a.difficulty, a.title, a.summary,
                                                                _split(a.tags)))
    session.set_defaults(draft=lambda scaffold, a: scaffold.session(a.slug, a.title, _split(a.tags), a.event,
                                                                   a.date, a.format, a.city))
    new.set_defaults(run=_new)


def parser() -> argparse.ArgumentParser:
    """The command line."""
    top = argparse.ArgumentParser(prog="practice-exchange", description=__doc__,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--version", action="version", version=f"practice-exchange {__version__}")
    top.add_argument("--root", default=".", help="the portal's folder (where mkdocs.yml is); default: here")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _add_init(commands)
    # `--root` is also accepted after the command: `practice-exchange check --root DIR`.
    rooted = argparse.ArgumentParser(add_help=False)
    rooted.add_argument("--root", default=argparse.SUPPRESS, help="the portal's folder; default: here")
    check = commands.add_parser("check", parents=[rooted],
                                help="validate every content file without building the site")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--format", choices=("text", "json"), default="text", help="how to print the problems")
    check.set_defaults(run=_check)
    _add_new(commands, rooted)
    export = commands.add_parser("export", parents=[rooted],
                                 help="write the whole portal as a plain Markdown site, to build without the plugin")
    export.add_argument("dir", metavar="DIR", help="a new or empty folder outside the portal")
    export.set_defaults(run=_export)

    report = commands.add_parser("report", parents=[rooted], help="print the network report to a PDF")
    report.add_argument("--pdf", required=True, metavar="FILE", help="the PDF file to write")
    report.add_argument("--engine", choices=ENGINES, default="auto",
                        help="what prints it: the system's Chromium, WeasyPrint, or the first found (default)")
    report.set_defaults(run=_report)

    schema = commands.add_parser("schema", parents=[rooted], help="write JSON Schemas of the front matter for editors")
    schema.add_argument("--out", required=True, help="the folder to write the schemas into")
    schema.set_defaults(run=_schema)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = parser().parse_args(argv)
    try:
        return int(args.run(args))
    except ConfigProblem as exc:
        print(f"practice-exchange: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
