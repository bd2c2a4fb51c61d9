"""The kinds of entry a portal has, in the order pages, the catalogue and the exports list them.

Adding a kind is declaring it in its own module and naming it here; nothing else
in the plugin tests for a kind.
"""

from __future__ import annotations

from . import practice, session, toolkit, visit
from .kind import Kind
from .words import HEADINGS

KINDS: tuple[Kind, ...] = (practice.KIND, visit.KIND, toolkit.KIND, session.KIND)


def default_aliases(kinds: tuple[Kind, ...] = KINDS) -> dict[str, list[str]]:
    """The headings of every section the kinds recognise, by section key: its heading, then the others."""
    return {key: [heading, *extra, *HEADINGS.get(key, ())] for kind in kinds for key, heading, extra in kind.sections}


def section_keys(kinds: tuple[Kind, ...] = KINDS) -> tuple[str, ...]:
    """Every section key, as the plugin option `matrix_aliases` takes them."""
    return tuple(key for kind in kinds for key, _, _ in kind.sections)
