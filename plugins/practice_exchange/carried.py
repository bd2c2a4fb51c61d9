"""Under `mkdocs serve`, the files of unchanged pages carried over from the last rebuild's site.

MkDocs empties the site before every rebuild that is not `--dirty`, then reads, converts, draws and
writes every page again. `preview.py` already makes an unchanged page cheap to draw (its last HTML
is written as it was), but at 5,000 entries MkDocs's own work around each page still took most of a
rebuild: 5,000 folders removed and made again on the disk, 5,000 pages read and converted (a
Markdown converter set up for each), 5,000 files written, for a save that changed one entry.

Here the last site is moved aside before MkDocs empties it (one rename per top-level folder), the
file of each entry page none of whose inputs changed is moved back into place (one rename each),
and MkDocs leaves those pages out of its work: `InclusionLevel.EXCLUDED` is the one way a plugin
can tell it so. What remains of the last site is removed in the background once the page is shown.

MkDocs reads that level in more places, and each gets what a full build gives it:
- a page MkDocs converts may link to a carried page: while MkDocs converts pages the carried ones
  have their own level back (the list of pages to convert is made before the first is converted), so
  the link is resolved as in a full build, without a note that its target is excluded;
- every template's `pages` (the sitemap's list, a theme override's count) holds the carried pages
  among the others, in the same order (`listed`);
- a link to an anchor of a carried page is checked against the anchors its file holds.

Only where nothing but this plugin reads or changes a page as MkDocs builds it, the menu once made,
or the site once written (see `Build.carries`): another plugin's page hooks would not run for a
carried page, and a page another plugin's hook puts in the menu must be read for its title. This
module needs MkDocs only for its files' types.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from mkdocs.structure.files import File, InclusionLevel

from .kept import move_aside

# The events whose hooks would not run for a carried page, could put one in the menu once the plugin
# has looked (a carried page is not read, and would have no title there), or change a page once written.
CARRY_EVENTS = ("nav", "pre_page", "page_read_source", "page_markdown", "page_content", "page_context",
                "post_page", "post_build")


class Carried:
    """The pages one rebuild takes over from the last one's site (see the module's docstring)."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.last: Path | None = None  # the last site, moved aside; removed later (`preview.discard`)
        self.files: list[tuple[File, InclusionLevel]] = []  # each carried page's file, and its own level
        self.made: set[Path] = set()  # the folders of the site this rebuild has made for carried pages
        self.out = False  # whether the carried pages are left out of MkDocs's work now
        self.lists: dict[Callable[[InclusionLevel], bool], list[File]] = {}  # `listed`, made once each

    def set_aside(self) -> Path | None:
        """Move the last site's contents aside, before MkDocs empties the site: the folder they are
        in now, for the caller to remove later, or None where there was nothing to move. An entry
        that cannot be renamed (another file system) stays, and MkDocs removes it as before."""
        moved = move_aside(self.site, "practice-exchange-last-", every=False)
        self.last = moved[0] if moved is not None else None
        return self.last

    def carry(self, file: File) -> bool:
        """Move the page of `file` from the last site into this one; False where the last site has no
        such file (a rebuild after one that failed, a first rebuild), which MkDocs then writes."""
        if self.last is None:
            return False
        old, new = self.last / file.dest_uri, self.site / file.dest_uri
        try:
            # `practices/kaap/index.html`: its folder whole, where it holds nothing else (no folder to make).
            whole = old.name == "index.html" and os.listdir(old.parent) == ["index.html"]
            moved, into = (old.parent, new.parent) if whole else (old, new)
            if into.parent not in self.made:
                into.parent.mkdir(parents=True, exist_ok=True)
                self.made.add(into.parent)
            os.rename(moved, into)
        except OSError:
            return False
        self.files.append((file, file.inclusion))
        file.inclusion = InclusionLevel.EXCLUDED
        self.out = True
        return True

    def left_out(self) -> None:
        """MkDocs is about to make its list of the pages to draw: the carried ones are not in it."""
        if not self.out:
            for file, _ in self.files:
                file.inclusion = InclusionLevel.EXCLUDED
            self.out = True

    def taken_in(self) -> None:
        """MkDocs has made its list of the pages to convert (it converts the first): a link to a
        carried page is resolved as in a full build."""
        if self.out:
            for file, level in self.files:
                file.inclusion = level
            self.out = False

    def listed(self, files: Iterable[File], inclusion: Callable[[InclusionLevel], bool]) -> list[File]:
        """The pages MkDocs gives a template as `pages` (those whose level `inclusion` takes), as a full
        build gives them: the carried ones among the others."""
        if inclusion not in self.lists:
            carried = {id(file): level for file, level in self.files}
            self.lists[inclusion] = [file for file in files if file.is_documentation_page()
                                     and inclusion(carried.get(id(file), file.inclusion))]
        return self.lists[inclusion]
