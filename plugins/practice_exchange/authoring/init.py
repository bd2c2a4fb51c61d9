"""`practice-exchange init`: start a new portal from a network's name and partner cities.

The facts go through the same parser as every `network.yml` before anything is
written, so a portal that `init` starts passes `practice-exchange check` and
`mkdocs build --strict` as it is. The files are written into a hidden folder
first and moved into place at the end: a failure half-way leaves nothing of
the portal behind, and nothing that was already there is ever replaced.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import html
import os
import re
import secrets
import shutil
import string
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from ..content import network as network_module
from ..content.frontmatter import UNWANTED_RE, Document, SourceError, describe_char, parse_yaml
from ..content.registry import KINDS
from ..errors import Report
from .scaffold import SURROGATE_RE, _quoted, not_a_folder, reason, write_exclusive

NETWORK_FILE = "network.yml"
CONFIG_FILE = "mkdocs.yml"
ENTRY_FOLDERS = tuple(kind.folder for kind in KINDS)
KEEP = ".gitkeep"  # git keeps no empty folder; the loader skips names that start with a dot
STAGE_PREFIX = ".practice-exchange-init-"
CITY_OPTION = "ID:Name:CC"
CITY_EXAMPLE = "nantes:Nantes:FR"
LINE_EXAMPLE = "nantes, Nantes, FR"
# Line ends other than `\n`: a name is one line, and YAML or Markdown would read these as breaks.
LINE_BREAK_RE = re.compile("[\n\r\x85\u2028\u2029]")
# A value that may go without quotes: starts with a letter or digit, holds nothing YAML reads as syntax.
PLAIN_RE = re.compile(r"[^\W_](?:[\w .'’()-]*[\w.)’'])?")
# What Python-Markdown reads as syntax unless escaped (`|` with the tables extension).
MARKDOWN_ESCAPE_RE = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


class InitError(Exception):
    """What stops `init`; nothing was written. Each problem is one line."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class CityFact:
    """A partner city as the author gave it; `origin` names where, for messages."""

    id: str
    name: str
    country: str
    origin: str


@dataclass(frozen=True)
class Facts:
    """Everything `init` needs to know about the network."""

    name: str
    cities: tuple[CityFact, ...]
    lead_partner: str | None = None
    name_origin: str = "--name"


# --- reading the facts ---------------------------------------------------------------------------------------

def unwritable(origin: str, value: str) -> str | None:
    """Why a value can go into no portal file as it is, or None; checked first, so no message echoes it."""
    if SURROGATE_RE.search(value):
        return f"{origin} holds bytes that are not UTF-8 text; type it again in a UTF-8 terminal"
    found = UNWANTED_RE.search(value)
    if found is not None:
        return f"{origin} holds {describe_char(found.group())}, which no portal file may hold; remove it"
    if LINE_BREAK_RE.search(value):
        return f"{origin} holds a line break; a name or id is one line"
    return None


def city_from_option(text: str) -> CityFact:
    """`--city ID:Name:CC`; the name may hold colons (the id ends at the first, the country follows the last)."""
    return _city(text, ":", f"--city {text}", "--city", f"{CITY_OPTION}, such as --city {CITY_EXAMPLE}")


def city_from_line(text: str) -> CityFact:
    """A typed line `id, Name, CC`; the name may hold commas (the id ends at the first, the country follows)."""
    return _city(text, ",", f"`{text.strip()}`", "the line", f"`id, Name, CC`, such as `{LINE_EXAMPLE}`")


def _city(text: str, separator: str, origin: str, what: str, usage: str) -> CityFact:
    problem = unwritable(what, text)
    if problem is not None:
        raise InitError([problem])
    city_id, sep, rest = text.partition(separator)
    name, sep2, country = rest.rpartition(separator)
    if not sep or not sep2:
        raise InitError([f"{origin}: write a city as {usage}"])
    if not city_id.strip():
        raise InitError([f"{origin}: the id is missing; write a city as {usage}"])
    return CityFact(city_id.strip(), name.strip(), country.strip(), origin)


def check_values(facts: Facts) -> None:
    """Refuse control characters and broken text in the name and the lead partner (cities were checked as read)."""
    problems = [p for p in (unwritable(facts.name_origin, facts.name),
                            unwritable("--lead-partner", facts.lead_partner or "")) if p]
    if problems:
        raise InitError(problems)


# --- network.yml, checked by the project's own parser ---------------------------------------------------------

def _scalar(text: str) -> str:
    """A YAML value: plain when any YAML reader takes it back as the same text, else double-quoted.

    The portal's own reader keeps every value as text, but editors and other tools read YAML 1.1,
    where a plain `NO` is false, `null` is nothing and `2014` a number: those are quoted.
    """
    if PLAIN_RE.fullmatch(text):
        with contextlib.suppress(yaml.YAMLError):
            if yaml.safe_load(f"value: {text}") == {"value": text}:
                return text
    return _quoted(text)


@dataclass
class NetworkFile:
    """network.yml's text, and for each of its lines the option that gave the value on it."""

    lines: list[str] = field(default_factory=list)
    origins: dict[int, str] = field(default_factory=dict)

    def add(self, line: str, origin: str | None = None) -> None:
        self.lines.append(line)
        if origin is not None:
            self.origins[len(self.lines)] = origin

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"


def network_file(facts: Facts) -> NetworkFile:
    """The network.yml that `init` writes."""
    out = NetworkFile()
    out.add("# The network and its partner cities. Entries name a city by its id.")
    out.add(f"name: {_scalar(facts.name.strip())}", facts.name_origin)
    out.add("# description: One line about the network")
    if facts.lead_partner is not None:
        out.add(f"lead_partner: {_scalar(facts.lead_partner.strip())}", "--lead-partner")
    out.add("# lead_expert: Who guides the exchange")
    out.add("cities:")
    for city in facts.cities:
        out.add(f"  - id: {_scalar(city.id)}", city.origin)
        out.add(f"    name: {_scalar(city.name)}", city.origin)
        out.add(f"    country: {_scalar(city.country)}", city.origin)
    out.add("# tags:                  # optional: once listed, only these tags may be used")
    out.add("#   parental-involvement: Parental involvement")
    return out


def _parsed(facts: Facts) -> list[str]:
    """What the project's own network.yml parser says about the file `init` would write, per option."""
    drafted = network_file(facts)
    report = Report()
    try:
        data, lines = parse_yaml(drafted.text, first_line=1, what="the file")
    except SourceError as exc:  # not expected: every value is plain or quoted; said rather than hidden
        return [f"{drafted.origins.get(exc.line or 0, NETWORK_FILE)}: {exc.message}"]
    if not isinstance(data, dict):
        return [f"{NETWORK_FILE}: the file must be a list of `field: value` lines"]
    network_module.parse(Document(NETWORK_FILE, data, lines, "", 1), report)
    # A warning (such as a name in typographic quotes) would fail `check --strict`: refused as well.
    return [f"{drafted.origins[p.line]}: {p.message}" if p.line in drafted.origins else f"{p.field}: {p.message}"
            for p in report.problems]


def problems_of(facts: Facts) -> list[str]:
    """Every problem of the facts, as the parser words it.

    The parser checks ids for duplicates and the lead partner only once every city's fields
    are right; the well-formed cities are checked again on their own so that one run
    names every mistake.
    """
    problems = _parsed(facts)
    wrong = {c for c in facts.cities if any(p.startswith(f"{c.origin}: ") for p in problems)}
    if not wrong or len(wrong) == len(facts.cities):
        return problems
    lead = None if facts.lead_partner in {c.id for c in wrong} else facts.lead_partner
    rest = Facts(facts.name, tuple(c for c in facts.cities if c not in wrong), lead, facts.name_origin)
    return [*problems, *(p for p in _parsed(rest) if p not in problems)]


def name_problems(name: str, origin: str) -> list[str]:
    """What the parser says about the network's name alone; a stand-in city completes the file."""
    stand_in = CityFact("city", "City", "FR", "")
    return [p for p in _parsed(Facts(name, (stand_in,), None, origin)) if p.startswith(f"{origin}: ")]


def validate(facts: Facts) -> str:
    """network.yml's text, or `InitError` with every problem of the facts."""
    check_values(facts)
    problems = problems_of(facts)
    if problems:
        raise InitError(problems)
    return network_file(facts).text


# --- the other files ------------------------------------------------------------------------------------------

def markdown_text(text: str) -> str:
    """Text shown as it is in a Markdown page of docs/, where HTML would otherwise run."""
    return MARKDOWN_ESCAPE_RE.sub(r"\\\1", html.escape(text, quote=False))


# What HTML reads as markup in text or in a quoted attribute: a tag's `<` and `>`, a `"` (the theme
# prints the name in `aria-label="…"` as it is), and an `&` that could begin a character reference.
HTML_MARKUP_RE = re.compile(r'[<>"]|&(?=[A-Za-z0-9#])')


def as_html_text(text: str) -> str:
    """`text` to be printed as HTML, in text or a quoted attribute, shown as written: markup escaped, a
    lone `&` left as it reads."""
    return HTML_MARKUP_RE.sub(lambda match: html.escape(match.group()), text)


def _starter(file: str, **values: str) -> str:
    """A file of the starter folder with its `${...}` placeholders filled in."""
    template = resources.files(__package__).joinpath("starter").joinpath(file).read_text(encoding="utf-8")
    return string.Template(template).substitute(values)


def _example_visit(facts: Facts) -> dict[str, str]:
    """A visit between two of the network's own cities, dated this year, for the guide's examples."""
    ids = [c.id for c in facts.cities]
    visitor, host = ids[0], (ids[1] if len(ids) > 1 else "another-city")
    start = dt.date(dt.date.today().year, 3, 10)
    end = start + dt.timedelta(days=2)
    return {"visitor": visitor, "host": host, "start": start.isoformat(), "end": end.isoformat(),
            "visit_file": f"visits/{start:%Y-%m}-{visitor}-{host}.md"}


def files_of(facts: Facts, network_text: str) -> dict[str, str]:
    """Every file of the new portal by its path, with its text."""
    name = markdown_text(facts.name.strip())
    ids = ", ".join(f"`{c.id}` ({markdown_text(c.name)})" for c in facts.cities)
    return {
        # The theme prints `site_name` as HTML (<title> too), and escapes it again in a tooltip: only
        # what HTML would read as markup is escaped, so that `Schools & Parents` stays as written.
        CONFIG_FILE: _starter("mkdocs.yml", site_name=_quoted(as_html_text(facts.name.strip()))),
        NETWORK_FILE: network_text,
        # The partner cities as a block drawn from network.yml: a city added or corrected later shows there.
        "docs/index.md": _starter("index.md", name=name),
        "docs/contribute.md": _starter("contribute.md", city_ids=ids, **_example_visit(facts)),
    }


# --- where it goes --------------------------------------------------------------------------------------------

def check_target(target: Path) -> None:
    """`InitError` (one line) unless `target` is an empty folder, or a new one whose parent exists."""
    if target.is_symlink() and not target.exists():
        raise InitError([f"{target} is {not_a_folder(target)}; give a new or an empty folder"])
    if not target.exists():
        if not target.parent.is_dir():
            raise InitError([f"the folder {target.parent} does not exist; init makes {target.name}/ but not the"
                             f" folders above it: create {target.parent} first, or give another folder"])
        return
    if not target.is_dir():
        raise InitError([f"{target} is {not_a_folder(target)}; give a new or an empty folder"])
    try:
        names = sorted(os.listdir(target))
    except OSError as exc:
        raise InitError([f"cannot read {target}: {reason(exc)}"]) from None
    for taken in (CONFIG_FILE, NETWORK_FILE):
        if taken in names:
            raise InitError([f"{target} already holds {taken}, so a site or portal is there already; it was left"
                             " as it is (give a new or an empty folder, or run `practice-exchange check` there)"])
    names = [n for n in names if n != ".git"]  # a repository made first with `git init` is still empty
    if names:
        shown = ", ".join(f"`{n}`" for n in names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        raise InitError([f"{target} is not empty (it holds {shown}); init starts a portal only in an empty"
                         " folder or a new one, so that nothing of yours is replaced"])


def _fill(stage: Path, files: dict[str, str]) -> None:
    """Write the portal into the private stage folder."""
    for rel, text in files.items():
        path = stage / rel
        path.parent.mkdir(exist_ok=True)
        write_exclusive(path, text.encode("utf-8"))
    for folder in ENTRY_FOLDERS:
        (stage / folder).mkdir()
        write_exclusive(stage / folder / KEEP, b"")


def _move(source: Path, target: Path) -> None:
    """Move one file or folder into place, never over something that is there.

    A folder cannot be renamed over a file or a folder that holds anything; a file is
    linked under its new name (which fails if the name is taken) and then unlinked.
    """
    if source.is_dir():
        os.rename(source, target)
        return
    try:
        os.link(source, target)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links, such as a FAT memory stick
        if os.path.lexists(target):
            raise FileExistsError(0, "File exists", str(target)) from None
        os.rename(source, target)
        return
    source.unlink()


def _into_existing(stage: Path, target: Path) -> None:
    """Move the stage's files and folders into the empty `target`; on failure, take back those moved."""
    moved: list[Path] = []
    try:
        for source in sorted(stage.iterdir()):
            _move(source, target / source.name)
            moved.append(target / source.name)
    except OSError:
        for path in reversed(moved):
            with contextlib.suppress(OSError):
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path)
                else:
                    path.unlink()
        raise
    stage.rmdir()


def create(target: Path, files: dict[str, str]) -> list[str]:
    """Write the portal's files into `target`; returns what was written. `InitError` when it fails, leaving nothing."""
    check_target(target)
    existed = target.is_dir()
    stage = (target if existed else target.parent) / f"{STAGE_PREFIX}{secrets.token_hex(4)}"
    try:
        stage.mkdir()  # with the usual permissions, which the folder keeps when it is renamed into place
        _fill(stage, files)
        if existed:
            _into_existing(stage, target)
        else:
            os.rename(stage, target)  # refused if a non-empty folder or a file took the name meanwhile
    except OSError as exc:
        with contextlib.suppress(OSError):
            shutil.rmtree(stage)
        if exc.errno in (errno.EEXIST, errno.ENOTEMPTY, errno.ENOTDIR):
            raise InitError([f"something appeared in {target} while the portal was being written; it was left"
                             " as it is, and nothing was written"]) from None
        raise InitError([f"cannot write the portal in {target}: {reason(exc)}; nothing was written"]) from None
    return [*files, *(f"{folder}/" for folder in ENTRY_FOLDERS)]


# --- asking in a terminal -------------------------------------------------------------------------------------

Ask = Callable[[str], str]
Say = Callable[[str], None]


def ask_name(ask: Ask, say: Say) -> str:
    """The network's name, asked until it is usable; `EOFError` when the input ends."""
    while True:
        name = ask("Network name: ").strip()
        problem = unwritable("the name", name)
        problems = [problem] if problem else name_problems(name, "the name")
        if not problems:
            return name
        for problem in problems:
            say(problem)


def ask_cities(ask: Ask, say: Say, facts: Facts) -> tuple[CityFact, ...]:
    """Cities typed one per line until an empty line, each checked at once so a mistake is typed again."""
    say(f"Partner cities, one per line as `id, Name, CC` (such as `{LINE_EXAMPLE}`); an empty line ends the list.")
    cities: list[CityFact] = []
    while True:
        try:
            line = ask(f"city {len(cities) + 1}: ")
        except EOFError:
            if cities:
                return tuple(cities)
            raise
        if not line.strip():
            if cities:
                return tuple(cities)
            say("give at least one city")
            continue
        try:
            city = city_from_line(line)
        except InitError as exc:
            say(exc.problems[0])
            continue
        trial = Facts(facts.name, (*cities, city), None, facts.name_origin)
        own = [p for p in problems_of(trial) if p.startswith(city.origin + ":")]
        if own:
            for problem in own:
                say(problem)
            continue
        cities.append(city)
