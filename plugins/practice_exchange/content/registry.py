"""The kinds of entry a portal has, in the order pages, the catalogue and the exports list them.

Adding a kind is declaring it in its own module and naming it here; nothing else
in the plugin tests for a kind.
"""

from __future__ import annotations

from . import practice, toolkit, visit
from .kind import Kind

KINDS: tuple[Kind, ...] = (practice.KIND, visit.KIND, toolkit.KIND)


def by_name(kinds: tuple[Kind, ...] = KINDS) -> dict[str, Kind]:
    """Each kind under its name."""
    return {kind.name: kind for kind in kinds}
