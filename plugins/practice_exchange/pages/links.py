"""Links between pages, checked where the author wrote them: a body link to a page that does not exist
is an error with its line and the closest page that does, in `check` and in the build alike."""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from markdown import Markdown

from ..content.body import page_text
from ..content.frontmatter import SourceError, read_text, split
from ..content.portal import Portal, Sources
from ..errors import Report, closest
from .plan import LISTING_PAGES


@dataclass(frozen=True, slots=True)
class BrokenLink:
    """A link of an entry's body to a page of the portal that does not exist."""

    line: int
    message: str


def _target(href: str, page: str) -> str | None:
    """The page a relative link to a Markdown file leads to, from the site's root; None for other links."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = unquote(parts.path)
    if not path.endswith(".md"):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), path))


def broken_links(root: etree.Element, page: str, known: frozenset[str], source: str,
                 first_line: int) -> list[BrokenLink]:
    """Every link of a page's tree (read before MkDocs rewrites links) to a Markdown page not in `known`."""
    found = []
    lines = source.split("\n")
    for element in (e for e in root.iter() if e.tag in ("a", "img")):
        href = element.get("href") or element.get("src") or ""
        target = _target(href, page)
        if target is None or target in known:
            continue
        line = next((first_line + at for at, text in enumerate(lines) if href in text), first_line)
        near = _nearest(target, known)
        hint = f"; did you mean `{_written_like(href, target, near, page)}`?" if near else ""
        found.append(BrokenLink(line, f"the link `{href}` leads to `{target}`, which is no page of the portal{hint}"))
    return found


def _nearest(target: str, known: frozenset[str]) -> str | None:
    """The existing page whose file name is closest to the link's, in the same folder first."""
    folder, name = posixpath.split(target)
    pages = sorted(k for k in known if posixpath.basename(k) != "index.md")
    for candidates in ([k for k in pages if posixpath.dirname(k) == folder], pages):
        by_name = {posixpath.basename(k): k for k in reversed(candidates)}
        match = closest(name, by_name, cutoff=0.7)
        if match:
            return by_name[match]
    return None


def _written_like(href: str, target: str, near: str, page: str) -> str:
    """The suggestion in the link's own style: only the file name changed where the folder is the same."""
    if posixpath.dirname(near) == posixpath.dirname(target):
        return posixpath.join(posixpath.dirname(unquote(urlsplit(href).path)), posixpath.basename(near))
    return posixpath.relpath(near, posixpath.dirname(page) or ".")


def report_links(path: str, found: Iterable[BrokenLink], report: Report) -> None:
    """A broken link is an error: the published page would lead nowhere."""
    for link in found:
        report.error(path, link.line, "body", link.message)


def known_pages(portal: Portal, docs_pages: Iterable[str]) -> frozenset[str]:
    """Every page of the site a body may link to, as `src_uri`s: for `check`, which builds no site."""
    pages = {entry.src_uri for entry in portal.entries()} | set(LISTING_PAGES) | set(docs_pages)
    pages |= {f"cities/{city}.md" for city in portal.network.cities} | {f"tags/{tag}.md" for tag in portal.tags}
    return frozenset(pages)


def check_bodies(portal: Portal, sources: Sources, known: frozenset[str], report: Report) -> None:
    """What the build would refuse in the entries' bodies: script, attributes it removes, broken links."""
    from .markdown import unsafe_in  # the page's own Markdown setup, without MkDocs
    from .safety import report_unsafe

    for entry in portal.entries():
        try:
            _, body, body_line = split(read_text(sources.root / entry.path))
        except SourceError:
            continue  # the file changed since it was loaded; the next check sees it
        text, first_line = page_text(body, body_line)
        links: list[BrokenLink] = []

        def look(root: etree.Element, md: Markdown, page: str = entry.src_uri, text: str = text,
                 first: int = first_line, links: list[BrokenLink] = links) -> None:
            links.extend(broken_links(root, page, known, text, first))

        report_unsafe(entry.path, unsafe_in(text, first_line, sources.markdown, look), report)
        report_links(entry.path, links, report)

