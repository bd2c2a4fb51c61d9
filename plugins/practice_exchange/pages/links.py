"""Links between pages, checked where the author wrote them: a body link to a page that does not exist
is an error with its line and the closest page that does, in `check` and in the build alike."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .. import exports
from ..content.body import TOO_DEEP, link_target
from ..content.frontmatter import FENCE, SourceError, read_text, split
from ..content.portal import Portal, Sources
from ..errors import Report, closest
from .plan import listing_pages
from .report import REPORT_PAGE, has_content
from .safety import scheme, written_line


@dataclass(frozen=True, slots=True)
class BrokenLink:
    """A link of an entry's body to a page of the portal that does not exist."""

    line: int
    message: str


@dataclass(frozen=True, slots=True)
class Link:
    """A link of an entry's body to a Markdown page of the portal: as written, where it leads, its line."""

    href: str
    target: str
    line: int


def relative(target_url: str, page_url: str) -> str:
    """A link from one page to a URL of the site, both given from the site's root.

    The same result as `mkdocs.utils.get_relative_url` for the plain URLs the plugin
    makes, at a fraction of its cost: a large portal asks for hundreds of thousands.
    """
    here = page_url.removeprefix("./").split("/")[:-1]  # the home page's address is `./`
    there = target_url.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) or "./"


def prefix(page_url: str) -> str:
    """What leads from a page back to the site's root: `../../` from `practices/kaap/`, nothing from the home page."""
    here = page_url.removeprefix("./")
    return "../" * here.count("/")


def url_of(src_uri: str, directory_urls: bool) -> str:
    """A file's address in the site, from its root, as MkDocs gives it (`practices/kaap/`, `img/a.png`)."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri[:-3]
    folder, name = posixpath.split(stem)
    if name in ("index", "README"):
        if directory_urls:
            return f"{folder}/" if folder else "./"
        return f"{folder}/index.html" if folder else "index.html"
    return f"{stem}/" if directory_urls else f"{stem}.html"


def rewrite(root: etree.Element, page: str, directory_urls: bool, from_root: bool = False,
            shown_at: str | None = None) -> None:
    """Relative links and images of an entry's body made to work from its page's address, as MkDocs
    does on the pages it converts itself: `../practices/kaap.md` becomes `../../practices/kaap/`.

    `shown_at` is the page the body is shown on when that is not its own (the network report):
    links still start where the entry's file is, and lead there from the other page."""
    here = url_of(shown_at or page, directory_urls)
    back = prefix(here)
    for element in root.iter():
        name = "href" if element.tag == "a" else "src" if element.tag == "img" else None
        value = element.get(name) if name else None
        if not value:
            continue
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/") or scheme(value):
            continue  # an address elsewhere, or one the sanitiser judges
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        if target.startswith("../"):
            continue  # outside the site: left as written
        url = url_of(target, directory_urls)
        if parts.path.endswith("/") and not url.endswith("/"):
            url += "/"  # a page's address written as a folder stays one: some servers do not add the `/`
        # A file name holding `%`, `#` or `?` keeps them encoded: else the browser reads a fragment or a query.
        url = url.replace("%", "%25").replace("#", "%23").replace("?", "%3F")
        address = back + url if from_root else relative(url, here)
        element.set(name, address + (f"?{parts.query}" if parts.query else "")  # type: ignore[arg-type]
                    + (f"#{parts.fragment}" if parts.fragment else ""))


def site_target(href: str, page: str) -> str | None:
    """The file of the site a link or image of `page` leads to, from the site's root: a Markdown page
    (`practices/kaap.md`), a page's folder as its address (`practices/kaap/`), or any other file
    (`assets/photo.jpg`); None for an address elsewhere or an anchor of the page itself. A place above
    the site's root stays as it is (`../../etc/photo.png`): no file of the site, so reported. An
    address from the root (`/practices/kaap/`) is read from the site's root."""
    target = link_target(href, page)
    if target is not None:
        return target
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or scheme(href):
        return None
    path = unquote(parts.path)
    target = posixpath.normpath(path.lstrip("/") if path.startswith("/")
                                else posixpath.join(posixpath.dirname(page), path))
    if target in (".", ""):
        return None
    return target + "/" if path.endswith("/") else target


def _exists(target: str, known: frozenset[str]) -> bool:
    if target.endswith("/"):  # a page's address: its Markdown file, or the folder's index
        return any(candidate in known for candidate in (target[:-1] + ".md", target + "index.md",
                                                        target + "README.md"))
    return target in known


# Where a body writes a link's address: `[text](href)`, `(href "title")` or `(<href>)`; a reference's `[r]: href`.
# An address may hold balanced parentheses, as Markdown reads it (`p_(1).md`).
_ADDRESSES = re.compile(r"\]\([ \t]*<?([^\s()<>]*(?:\([^\s()<>]*\)[^\s()<>]*)*)>?(?=[\s)])"
                        r"|^ {0,3}\[[^\]]*\]:[ \t]*<?([^\s<>]+)")


class _Written:
    """The lines of a body where each address is written, read in one pass: each link of the tree (in
    the order it is written) takes the next place its address stands, the first once none is left.
    One pass, not a search for each link: a body of thousands of links took seconds, growing with
    the square of their number. An address written no way it looks for is looked for as words,
    once for each address."""

    def __init__(self, source: str, first_line: int) -> None:
        self.lines, self.first_line = source.split("\n"), first_line
        self.places: dict[str, list[int]] = {}
        for index, line in enumerate(self.lines):
            if "](" in line or "]:" in line:
                for found in _ADDRESSES.finditer(line):
                    written = next(group for group in found.groups() if group is not None)
                    self.places.setdefault(written, []).append(index)
                    if "\\" in written:  # as Markdown reads it: `e\\_1.md` is `e_1.md`
                        self.places.setdefault(written.replace("\\", ""), []).append(index)
        self.taken: dict[str, int] = {}  # how many places of each address links have taken

    def line(self, href: str) -> int:
        places = self.places.get(href)
        if places is None:
            self.places[href] = places = [written_line(self.lines, href, self.first_line) - self.first_line]
        taken = self.taken.get(href, 0)
        self.taken[href] = taken + 1
        return self.first_line + places[taken if taken < len(places) else 0]


def links_in(root: etree.Element, page: str, source: str, first_line: int) -> list[Link]:
    """Every link and image of a page's tree (read before its links are rewritten) to a file of the site."""
    found = []
    written: _Written | None = None
    for element in (e for e in root.iter() if e.tag in ("a", "img")):
        href = element.get("href") or element.get("src") or ""
        target = site_target(href, page)
        if target is None and href.startswith("#") and len(href) > 1:
            target = page  # a heading of the page itself: its anchor is checked (`missing_anchors`)
        if target is None:
            continue
        written = _Written(source, first_line) if written is None else written
        found.append(Link(href, target, written.line(href)))
    return found


def broken(links: Iterable[Link], page: str, known: frozenset[str], docs: str = "docs") -> list[BrokenLink]:
    """The links that lead to no file in `known` (the site's pages and other files, from its root),
    each with the closest page that exists; `docs`: the docs folder, as messages name it."""
    found = []
    for link in links:
        if link.target.endswith(".md") and urlsplit(link.href).path.startswith("/"):
            # Only a relative link to a file becomes the page's address: this one would stay as written.
            here = posixpath.relpath(link.target, posixpath.dirname(page) or ".")
            found.append(BrokenLink(link.line, f"the link `{link.href}` names a page's file from the site's root,"
                                               " which the page would show as it is written; write it from"
                                               f" here: `{here}`"))
            continue
        if _exists(link.target, known):
            continue
        if link.target == ".." or link.target.startswith("../"):
            # Nothing of the site is there: the published page would lead nowhere, and a page printed
            # from its file (the report's PDF) would reach the files of the machine printing it.
            found.append(BrokenLink(link.line, f"the link or image `{link.href}` leads above the site's root,"
                                               " outside the portal; link to a page or file of the portal"
                                               f" (files go under `{docs}/`)"))
            continue
        if link.target.endswith(".md") or link.target.endswith("/"):
            # A page's folder address is suggested as its file (`../practices/kaap.md`), which the
            # build turns into the page's address wherever the site is served.
            folder = link.target.endswith("/")
            wanted = link.target[:-1] + ".md" if folder else link.target
            href = urlsplit(link.href).path.rstrip("/") + ".md" if folder else link.href
            near = _nearest(wanted, known)
            hint = f"; did you mean `{_written_like(href, wanted, near, page)}`?" if near else ""
            found.append(BrokenLink(link.line, f"the link `{link.href}` leads to `{link.target}`, which is no page"
                                               f" of the portal{hint}"))
        elif posixpath.splitext(link.target)[1] == "" and _exists(link.target + "/", known):
            # `../practices/kaap`: the page is there, but only its file's name becomes its address;
            # `../practices`: a folder's page is its index file.
            parts = urlsplit(link.href)
            name = next(f"{parts.path.rstrip('/')}{end}" for end, file in
                        ((".md", link.target + ".md"), ("/index.md", link.target + "/index.md"),
                         ("/README.md", link.target + "/README.md")) if file in known)
            rest = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
            found.append(BrokenLink(link.line, f"the link `{link.href}` leads to no file: a page is linked by its"
                                               f" file's name; did you mean `{name}{rest}`?"))
        elif posixpath.splitext(link.target)[1] == "" and (named := _page_named(posixpath.basename(link.target),
                                                                                 known)):
            # `(maison-des-parents)` for a practice's page: its name alone, from a visit's folder (a new user's review).
            here = posixpath.relpath(named, posixpath.dirname(page) or ".")
            found.append(BrokenLink(link.line, f"the link `{link.href}` leads to no file: a page is linked by its"
                                               f" file's path from this page; did you mean `{here}`?"))
        else:
            found.append(BrokenLink(link.line, f"the link or image `{link.href}` leads to `{link.target}`, which"
                                               f" is no file of the portal; put the file there (under `{docs}/`),"
                                               " or correct the address"))
    return found


def _page_named(name: str, known: frozenset[str]) -> str | None:
    """The one page of the site whose file is `name.md`, wherever it is; None for none, or several."""
    if not name:
        return None
    pages = [page for page in known if posixpath.basename(page) == f"{name}.md"]
    return pages[0] if len(pages) == 1 else None


def missing_anchors(links: Iterable[Link], page: str,
                    anchors_of: Callable[[str], Collection[str] | None]) -> list[BrokenLink]:
    """The links to a heading or anchor (`kaap.md#budget`, `#budget`) that its page does not hold, each
    with the closest one it does. `anchors_of` gives a page's anchors once it is converted, None for a
    page it does not know (not converted in this build, or no page); those links are not judged here."""
    found = []
    for link in links:
        parts = urlsplit(link.href)
        if not parts.fragment:
            continue
        candidates = (link.target[:-1] + ".md", link.target + "index.md", link.target + "README.md") \
            if link.target.endswith("/") else (link.target,)
        target, anchors = next(((c, a) for c in candidates if (a := anchors_of(c)) is not None), (None, None))
        if target is None or anchors is None or parts.fragment in anchors or unquote(parts.fragment) in anchors:
            continue
        near = closest(unquote(parts.fragment), anchors)
        written = link.href[:len(link.href) - len(parts.fragment) - 1]
        hint = f"; did you mean `{written}#{near}`?" if near else ""
        where = "this page" if target == page else f"`{target}`"
        found.append(BrokenLink(link.line, f"the link `{link.href}` leads to no heading or anchor `{parts.fragment}`"
                                           f" of {where}{hint}"))
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


def known_pages(portal: Portal, docs_files: Iterable[str], report: bool = True) -> frozenset[str]:
    """Every page and file of the site a body may link to, as `src_uri`s: for `check`, which builds no
    site. `docs_files` are those of `docs/`; `report`: whether the portal gets a report page (it is
    made for visits or sessions, or around the lead expert's `report.md`, one of `docs_files`)."""
    pages = {entry.src_uri for entry in portal.entries()} | set(listing_pages(portal.kinds)) | set(docs_files)
    if not (report and has_content(portal)):
        pages -= {REPORT_PAGE} - set(docs_files)
    pages |= {f"cities/{city}.md" for city in portal.network.cities} | {f"tags/{tag}.md" for tag in portal.tags}
    pages |= set(exports.site_files(portal.kinds))
    return frozenset(pages)


def report_broken(path: str, links: Iterable[Link], page: str, known: frozenset[str], report: Report,
                  unsure: tuple[str, ...] = (), docs: str = "docs") -> None:
    """An entry's broken links as errors; those into `unsure` folders (pages that may yet exist) are not judged."""
    report_links(path, broken([link for link in links if not link.target.startswith(unsure)], page, known, docs),
                 report)


def check_bodies(portal: Portal, sources: Sources, known: frozenset[str], report: Report,
                 unsure: tuple[str, ...] = (), docs: str = "docs") -> None:
    """What the build would refuse in the entries' bodies: script, attributes it removes, broken links."""
    from .markdown import unsafe_in  # the page's own Markdown setup, without MkDocs
    from .safety import report_unsafe

    for entry in portal.entries():
        try:
            _, body, body_line = split(read_text(sources.root / entry.path))
        except SourceError:
            continue  # the file changed since it was loaded; the next check sees it
        try:
            rendered = unsafe_in(body, body_line, sources.markdown, src_uri=entry.src_uri)
        except RecursionError:  # read by the loader, but not again here, deeper in the stack
            report.error(entry.path, body_line, "body", TOO_DEEP)
            continue
        report_unsafe(entry.path, rendered.unsafe, report)
        report_broken(entry.path, rendered.links, entry.src_uri, known, report, unsure, docs)


def check_pages(pages: Iterable[tuple[str, str, Path]], sources: Sources, known: frozenset[str], report: Report,
                unsure: tuple[str, ...] = (), docs: str = "docs") -> None:
    """Links of the hand-written pages of `docs/` (as named in messages, `src_uri`, file) to no page or
    file: warnings, as MkDocs gives them, so that `check --strict` refuses what `mkdocs build --strict`
    refuses (a home page linking to a city whose id was corrected in network.yml passed `check`: a new
    user's review)."""
    from .markdown import unsafe_in  # the page's own Markdown setup, without MkDocs

    for rel, src_uri, path in pages:
        try:
            text = read_text(path)
            try:
                _, body, body_line = split(text) if text.split("\n", 1)[0].strip() == FENCE else ("", text, 1)
            except SourceError:
                body, body_line = text, 1  # front matter never closed: MkDocs reads it all as the page
            rendered = unsafe_in(body, body_line, sources.markdown, src_uri=src_uri)
        except (SourceError, RecursionError):
            continue  # said by the page's own checks, or by MkDocs
        # What MkDocs only notes, and so does this: a link from the site's root, one to no file's name
        # (`practices/kaap`); and the theme's files, which it knows and `known` does not.
        links = [link for link in rendered.links
                 if not urlsplit(link.href).path.startswith("/") and posixpath.splitext(link.target)[1]
                 and not link.target.startswith((*unsure, "assets/"))]
        for found in broken(links, src_uri, known, docs):
            report.warning(rel, found.line, "link", found.message)
