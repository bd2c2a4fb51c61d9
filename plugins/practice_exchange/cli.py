"""The `practice-exchange` command: check a portal's content without building it."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .content import Sources, load
from .errors import summary_line


def portal_sources(root: Path) -> Sources:
    """The portal's sources as its mkdocs.yml configures the plugin, or the defaults."""
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        return Sources(root)
    from mkdocs.config import load_config

    from .build import sources

    config = load_config(str(config_file))
    plugin = config.plugins.get("practice-exchange")
    if plugin is None:
        return Sources(root)
    return sources(config, plugin.config)  # type: ignore[attr-defined]


def _check(args: argparse.Namespace) -> int:
    root = Path(args.root).resolve()
    _, report = load(portal_sources(root))
    for problem in [*report.errors, *report.warnings]:
        print(f"{problem.severity.value}: {problem}" if args.verbose_severity else str(problem))
    print(summary_line(report))
    if report.error_count or (args.strict and report.problems):
        return 1
    return 0


def parser() -> argparse.ArgumentParser:
    """The command line: `practice-exchange [--root DIR] check`."""
    top = argparse.ArgumentParser(prog="practice-exchange", description=__doc__)
    top.add_argument("--version", action="version", version=f"practice-exchange {__version__}")
    top.add_argument("--root", default=".", help="the portal's folder (where mkdocs.yml is); default: here")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check", help="validate every content file without building the site")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.set_defaults(run=_check, verbose_severity=False)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
