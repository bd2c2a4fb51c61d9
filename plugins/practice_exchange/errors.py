"""Located problems in a portal's content, collected and reported together.

An author's mistake is never a traceback: every check adds a `Problem` to a
`Report` naming the file, the line, the field and what to do about it. The
build (or `practice-exchange check`) fails once, at the end, with all of them.
"""

from __future__ import annotations

import difflib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    """How bad a problem is: errors always stop a build, warnings only a strict one."""

    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One mistake in one place: `path:line: field: message`."""

    path: str
    line: int | None
    field: str | None
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.where()}: {self.what()}"

    def where(self) -> str:
        """The file, and the line when there is one: `visits/x.md:3`."""
        return self.path if self.line is None else f"{self.path}:{self.line}"

    def what(self) -> str:
        """The field, when there is one, and the message: `city: unknown city ...`."""
        return self.message if self.field is None else f"{self.field}: {self.message}"

    def order(self) -> tuple[str, int, str, str]:
        """How problems are listed: by file, then line (a whole-file problem first), field and message."""
        return (self.path, self.line or 0, self.field or "", self.message)

    def as_dict(self) -> dict[str, object]:
        """The problem as plain data, for `check --format json`."""
        return {
            "path": self.path,
            "line": self.line,
            "field": self.field,
            "message": self.message,
            "severity": self.severity.value,
        }


@dataclass
class Report:
    """Every problem found in one pass over a portal."""

    problems: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int | None, field: str | None, message: str) -> None:
        self.problems.append(Problem(path, line, field, message, Severity.ERROR))

    def warning(self, path: str, line: int | None, field: str | None, message: str) -> None:
        self.problems.append(Problem(path, line, field, message, Severity.WARNING))

    @property
    def error_count(self) -> int:
        return sum(1 for p in self.problems if p.severity is Severity.ERROR)

    @property
    def errors(self) -> list[Problem]:
        return sorted((p for p in self.problems if p.severity is Severity.ERROR), key=Problem.order)

    @property
    def warnings(self) -> list[Problem]:
        return sorted((p for p in self.problems if p.severity is Severity.WARNING), key=Problem.order)

    def __bool__(self) -> bool:
        return bool(self.problems)


def closest(value: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The valid value an author most likely meant, or None when nothing is close."""
    matches = difflib.get_close_matches(value, sorted(set(choices)), n=1, cutoff=cutoff)
    return matches[0] if matches else None


def did_you_mean(value: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """A `; did you mean `x`?` suffix for a misspelt reference, or an empty string."""
    match = closest(value, choices, cutoff)
    return f"; did you mean `{match}`?" if match else ""


LISTED = 12  # the names a message lists at most when none is close to what was written


def did_you_mean_or_listed(value: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """`did_you_mean`, or, when no choice is close, the choices themselves (a few of many): an
    author told only that `madrid` is unknown had to open another file to see what is known (a new
    user's review). Empty when there is no choice at all."""
    names = list(choices)  # read twice
    return did_you_mean(value, names, cutoff) or listed_choices(names)


def listed_choices(choices: Iterable[str]) -> str:
    """A `; it has `a`, `b` and 3 more` suffix naming the choices there are, or an empty string."""
    names = sorted(set(choices))
    if not names:
        return ""
    shown = ", ".join(f"`{name}`" for name in names[:LISTED])
    more = f" and {len(names) - LISTED} more" if len(names) > LISTED else ""
    return f"; it has {shown}{more}"


def shortened(text: str, limit: int = 60) -> str:
    """An author's text quoted in a message, on one line and cut at `limit` characters: a message
    names the place, and a line of a megabyte would bury it."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plural(count: int, word: str) -> str:
    """`1 error`, `2 errors`."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def summary_line(report: Report) -> str:
    """The closing line of a check: how many errors and warnings were found."""
    errors, warnings = len(report.errors), len(report.warnings)
    if not errors and not warnings:
        return "no problems found"
    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"


class LoggedErrors(logging.Handler):
    """The messages of the errors logged while it is attached: MkDocs logs a failed build's or
    configuration's errors one by one, then raises only `Abort` ("Aborted with 2 errors")."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
