"""The `practice-exchange` command: check content, start new entries, write JSON Schemas.

Run it in a portal's folder (where mkdocs.yml is) or point at one with `--root DIR`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

import yaml

from . import __version__
from .authoring import schemas
from .authoring.scaffold import Scaffold, ScaffoldError, WriteError
from .content import Sources, load
from .content import network as network_module
from .content.frontmatter import SourceError, read_mapping
from .pages.links import check_bodies, known_pages
from .content.toolkit import DIFFICULTIES
from .errors import Report, summary_line
from .pages.blocks import check_docs


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


def portal_config(root: Path) -> tuple[Sources, Path]:
    """The portal's sources and docs folder as its mkdocs.yml configures them, or the defaults."""
    if not root.is_dir():
        raise ConfigProblem(f"{root} is not a folder; give the portal's folder with --root")
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        return Sources(root), root / "docs"
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .build import sources

    with _config_errors() as errors:
        try:
            config = load_config(str(config_file))
        except (MkDocsException, yaml.YAMLError, OSError) as exc:
            reason = "; ".join(errors) or str(exc)
            raise ConfigProblem(f"mkdocs.yml: {' '.join(reason.split())}") from None
    plugin = config.plugins.get("practice-exchange")
    found = sources(config, plugin.config) if plugin is not None else Sources(root)  # type: ignore[attr-defined]
    return found, Path(config.docs_dir)


def _check(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    sources, docs = portal_config(root)
    portal, report = load(sources)
    check_docs(docs, root, report)
    if portal is not None:
        pages = [p.relative_to(docs).as_posix() for p in sorted(docs.rglob("*.md"))] if docs.is_dir() else []
        check_bodies(portal, sources, known_pages(portal, pages), report)
    problems = [*report.errors, *report.warnings]
    if args.format == "json":
        print(json.dumps({"problems": [p.as_dict() for p in problems], "errors": report.error_count,
                          "warnings": len(report.warnings)}, ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            print(problem)
        print(summary_line(report))
    return 1 if report.error_count or (args.strict and report.problems) else 0


def _split(values: str | None) -> list[str]:
    return [v.strip() for v in (values or "").split(",") if v.strip()]


def _new(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    sources, _ = portal_config(root)
    report = Report()
    try:
        network = network_module.parse(read_mapping(root / sources.network, sources.network), report)
    except (OSError, SourceError) as exc:
        print(f"practice-exchange new: cannot read {sources.network}: {getattr(exc, 'message', exc)}", file=sys.stderr)
        return 1
    if network is None or report.error_count:
        for problem in report.errors:
            print(problem, file=sys.stderr)
        return 1
    scaffold = Scaffold(sources, network)
    try:
        if args.kind == "visit":
            draft = scaffold.visit(args.visitor, args.host, args.start, args.end,
                                   _split(args.practices), _split(args.tags))
        elif args.kind == "practice":
            draft = scaffold.practice(args.slug, args.city, args.title, args.summary, _split(args.tags))
        else:
            draft = scaffold.toolkit(args.slug, args.difficulty, args.title, args.summary, _split(args.tags))
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
    sources, _ = portal_config(root)
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
    for sub in (practice, card):
        sub.add_argument("--title", help="its title (default: from the slug)")
        sub.add_argument("--summary", help="one or two sentences (default: a TODO placeholder)")
        sub.add_argument("--tags", help="at least one tag, comma-separated")
    new.set_defaults(run=_new)


def parser() -> argparse.ArgumentParser:
    """The command line."""
    top = argparse.ArgumentParser(prog="practice-exchange", description=__doc__,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    top.add_argument("--version", action="version", version=f"practice-exchange {__version__}")
    top.add_argument("--root", default=".", help="the portal's folder (where mkdocs.yml is); default: here")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    # `--root` is also accepted after the command: `practice-exchange check --root DIR`.
    rooted = argparse.ArgumentParser(add_help=False)
    rooted.add_argument("--root", default=argparse.SUPPRESS, help="the portal's folder; default: here")
    check = commands.add_parser("check", parents=[rooted],
                                help="validate every content file without building the site")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--format", choices=("text", "json"), default="text", help="how to print the problems")
    check.set_defaults(run=_check)
    _add_new(commands, rooted)
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
