"""`mkdocs build`: the last site kept in `site/` when a build fails.

MkDocs empties the site's folder before it builds, so a build stopped by a content error, or by a
warning under `--strict`, left it empty: a city officer who built a portal on their own machine and
uploaded the folder found the last good site gone (a new user's review). Here the last site's
contents are moved aside before MkDocs empties the folder (one rename per entry, on the same disk),
put back when the build fails, and removed once it has succeeded. A build that cannot move every
entry aside (another file system mounted inside the site, a folder it may not write beside) leaves
the site to MkDocs as before. Hidden files stay where they are, as MkDocs leaves them.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from mkdocs.utils import clean_directory


class LastSite:
    """The site a build replaces: aside while the build runs, back if it fails, removed if it succeeds."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.aside: Path | None = None  # where the last site's entries wait, while the build runs
        self.names: list[str] = []  # the entries moved there

    def set_aside(self) -> bool:
        """Move the last site's entries aside, before MkDocs empties the folder; False where there was
        none, or where some entry could not be moved (those moved are put back: MkDocs empties all)."""
        moved = move_aside(self.site, ".practice-exchange-last-", every=True)
        if moved is None:
            return False
        self.aside, self.names = moved
        return True

    def restore(self) -> bool:
        """The build failed: what it wrote is removed, and the last site put back as it was. False
        where there was no last site set aside."""
        aside, self.aside = self.aside, None
        if aside is None:
            return False
        clean_directory(str(self.site))
        self.site.mkdir(parents=True, exist_ok=True)
        self._move_back(aside, self.names)
        shutil.rmtree(aside, ignore_errors=True)
        return True

    def discard(self) -> None:
        """The build succeeded: the last site is removed."""
        aside, self.aside = self.aside, None
        if aside is not None:
            shutil.rmtree(aside, ignore_errors=True)

    def _move_back(self, aside: Path, names: list[str]) -> None:
        _move(aside, self.site, names)


def move_aside(site: Path, prefix: str, every: bool) -> tuple[Path, list[str]] | None:
    """Move a site's entries (not its hidden ones, which MkDocs leaves) into a new folder beside it,
    named with `prefix`: that folder and the entries moved, or None where there were none to move or
    no folder could be made. With `every`, all or none: an entry that cannot be renamed (another file
    system) puts the others back. Without, it stays where it is, and MkDocs removes it as before."""
    try:
        names = sorted(name for name in os.listdir(site) if not name.startswith("."))
    except OSError:
        return None
    if not names:
        return None
    try:
        aside = Path(tempfile.mkdtemp(prefix=prefix, dir=site.parent))
    except OSError:
        return None
    moved: list[str] = []
    for name in names:
        try:
            os.rename(site / name, aside / name)
        except OSError:
            if every:
                _move(aside, site, moved)
                shutil.rmtree(aside, ignore_errors=True)
                return None
            continue
        moved.append(name)
    return aside, moved


def _move(source: Path, target: Path, names: list[str]) -> None:
    for name in names:
        try:
            os.rename(source / name, target / name)
        except OSError:
            continue
