"""End to end: build fixture portals with the mkdocs command and read the pages as HTML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import add_defect, assert_identical_sites, copy_portal, mkdocs


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_portal(tmp_path_factory.mktemp("built"))
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return root / "site"


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(site: Path, path: str) -> BeautifulSoup:
    found = page(site, path).select_one("article.md-content__inner")
    assert found is not None
    return found


def facts(content: BeautifulSoup) -> dict[str, str]:
    dl = content.select_one("dl.px-facts")
    assert dl is not None
    return {
        dt.get_text(strip=True): dd.get_text(" ", strip=True)
        for dt, dd in zip(dl.select("dt"), dl.select("dd"), strict=True)
    }


def test_practice_page(site: Path) -> None:
    content = article(site, "practices/reading-club")
    assert content.h1.get_text() == "Reading club <for> parents & children"
    assert content.select_one(".px-summary").get_text() == (
        "Parents and children read together after school, twice a week."
    )
    assert facts(content) == {
        "City": "Lyon (FR)", "Organisation": "City of Lyon", "Since": "2011",
        "Website": "https://example.org/reading-club", "Contact": "Jane Doe",
    }
    assert [t.get_text(strip=True) for t in content.select(".md-tags .md-tag")] == [
        "Parental involvement", "Language learning"]


def test_author_html_is_escaped(site: Path) -> None:
    content = article(site, "practices/reading-club")
    assert not content.select("script") and not content.select("for")
    assert '<script>alert("x")</script>' in content.get_text()
    assert "Reading club <for> parents & children" in page(site, "practices").get_text()
    assert not page(site, "practices").select("article for")


def test_relative_links_between_entries_resolve(site: Path) -> None:
    content = article(site, "practices/reading-club")
    link = content.find("a", string="the café")
    assert link["href"] == "../parents-cafe/"
    visit = article(site, "visits/2014-01-oslo-lyon")
    assert visit.find("a", string="the reading club")["href"] == "../../practices/reading-club/"


def test_practice_backlinks(site: Path) -> None:
    content = article(site, "practices/reading-club")
    lists = {
        h2.get_text(): [a.get_text() for a in h2.find_next("ul").select("a")] for h2 in content.select(".px-links h2")
    }
    assert lists == {
        "Visits that saw it": ["Oslo visiting Lyon"],
        "Related practices": ["Parents' café"],
        "Toolkit cards": ["Partners' roundtable"],
    }
    cafe = article(site, "practices/parents-cafe")
    assert [a.get_text() for a in cafe.select(".px-links a")] == ["Reading club <for> parents & children"]


def test_visit_page_matrix_and_badges(site: Path) -> None:
    content = article(site, "visits/2014-01-oslo-lyon")
    assert content.h1.get_text() == "Oslo visiting Lyon"
    assert facts(content) == {
        "Visitor": "Oslo (NO)", "Host": "Lyon (FR)", "Dates": "15–17 January 2014", "Delegates": "3",
        "Practices seen": "Reading club <for> parents & children",
    }
    matrix = content.select_one(".px-matrix")
    headings = [h2.get_text(strip=True).rstrip("¶") for h2 in matrix.select("h2")]
    assert headings == ["Key learning points", "Transferable ideas", "Contribution to the host", "Afterwards"]
    badges = [b.get_text() for b in matrix.select(".px-badge")]
    assert badges == ["information", "challenge", "inspiration", "challenge", "contacts"]
    assert "[challenge]" not in matrix.get_text()
    transferable = matrix.select("h2")[1].find_next("ul")
    assert len(transferable.find_all("li", recursive=False)) == 3


def test_visit_with_names_and_alias_headings(site: Path) -> None:
    content = article(site, "visits/2014-03-lyon-usti")
    assert content.h1.get_text() == "Lyon learns about language steps"
    assert facts(content)["Delegates"] == "Ann Smith, Bo Berg"
    assert facts(content)["Dates"] == "12 March 2014"
    previous = content.select_one(".px-neighbours__prev")
    assert previous["href"] == "../2014-01-oslo-lyon/" and "Oslo visiting Lyon" in previous.get_text()


def test_toolkit_card(site: Path) -> None:
    content = article(site, "toolkit/roundtable")
    assert facts(content)["Difficulty"] == "medium"
    assert facts(content)["Licence"] == "CC BY-NC-ND 4.0"
    rows = [[td.get_text() for td in tr.select("td")] for tr in content.select("#equipment + table tbody tr")]
    assert rows == [["Flip chart", "1"], ["Markers", ""]]
    steps = content.find("h2", id="steps").find_next("ol")
    assert [" ".join(li.get_text().split()) for li in steps.select("li")][1] == (
        "Invite them personally, stressing the common goal."
    )


def test_listings(site: Path) -> None:
    practices = article(site, "practices")
    assert [a.get_text() for a in practices.select("tbody td:first-child a")] == [
        "Language steps", "Parents' café", "Reading club <for> parents & children"]
    visits = article(site, "visits")
    assert [a["href"] for a in visits.select("tbody td:nth-child(4) a")] == ["2014-01-oslo-lyon/", "2014-03-lyon-usti/"]
    assert [a["href"] for a in visits.select("tbody td:nth-child(2) a")] == ["../cities/oslo/", "../cities/lyon/"]
    toolkit = article(site, "toolkit")
    assert [a.get_text() for a in toolkit.select("tbody a")] == ["Partners' roundtable"]


def test_entries_are_not_listed_in_the_navigation(site: Path) -> None:
    nav = page(site, "").select_one("nav.md-nav--primary")
    links = {a["href"] for a in nav.select("a[href]")}
    assert "practices/" in links
    assert not any("reading-club" in href or "2014-01" in href for href in links)


def test_search_index_holds_entry_pages(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert {"practices/reading-club/", "visits/2014-01-oslo-lyon/", "toolkit/roundtable/"} <= locations
    texts = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("visits/2014-01"))
    assert "Open the school library after hours." in texts


def test_defects_in_two_files_stop_the_build_with_located_messages(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    add_defect(root, "practices/unknown-city.md")
    add_defect(root, "visits/near-miss-marker.md")
    result = mkdocs(root, "build")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert (
        "practices/unknown-city.md:3: city: unknown city `lyonn`, not found in network.yml; did you mean `lyon`?"
        in result.stderr
    )
    assert "visits/near-miss-marker.md:13: category: unknown category marker `[chalenge]`" in result.stderr
    assert "the content has 3 errors; the site was not built" in result.stderr
    assert not list((root / "site").rglob("*.html")) if (root / "site").exists() else True


def test_an_unsafe_body_is_named_beside_another_files_errors(tmp_path: Path) -> None:
    """The bodies that loaded are checked even when another file has errors: one build names all (a link to
    that file is not called broken)."""
    root = copy_portal(tmp_path)
    add_defect(root, "practices/unknown-city.md")
    path = root / "practices" / "language-steps.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA [trap](javascript:alert(1)), [a page](nothere.md)"
                    " and [another with errors](unknown-city.md).\n", encoding="utf-8")
    result = mkdocs(root, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "practices/language-steps.md:10: body: the address `javascript:alert(1)` uses `javascript:`" in result.stderr
    assert "practices/language-steps.md:10: body: the link `nothere.md` leads to `practices/nothere.md`" \
        in result.stderr
    assert "practices/unknown-city.md:3: city: unknown city `lyonn`" in result.stderr
    assert "the content has 3 errors; the site was not built" in result.stderr


def test_broken_yaml_stops_the_build_without_traceback(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    add_defect(root, "practices/invalid-yaml.md")
    result = mkdocs(root, "build")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "practices/invalid-yaml.md:4: summary: the front matter is not valid YAML" in result.stderr


def test_warnings_fail_only_a_strict_build(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    add_defect(root, "visits/empty-section.md")
    relaxed = mkdocs(root, "build")
    assert relaxed.returncode == 0
    assert (
        "WARNING -  visits/empty-section.md:11: body: the section `## Transferable ideas` has no findings"
        in relaxed.stderr
    )
    strict = mkdocs(root, "build", "--strict")
    assert strict.returncode == 1 and "Aborted with 1 warnings in strict mode!" in strict.stdout + strict.stderr


def test_a_failed_build_leaves_the_last_site_as_it_was(tmp_path: Path) -> None:
    """A new user's review: MkDocs empties `site/` before it builds, so a build stopped by a content
    error left it empty, and the last good site was gone."""
    root = copy_portal(tmp_path)
    site = root / "site"
    assert mkdocs(root, "build").returncode == 0
    (site / "hidden-from-no-one.txt").write_text("the last site", encoding="utf-8")
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    add_defect(root, "practices/unknown-city.md")
    failed = mkdocs(root, "build")
    assert failed.returncode == 1 and "the site was not built" in failed.stderr
    assert "practice-exchange: the build failed: `site/` holds the last site built, as it was" in failed.stderr
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before
    (root / "practices" / "unknown-city.md").unlink()
    # A strict build that fails on a warning at its very end, once every page is written, too.
    add_defect(root, "visits/empty-section.md")
    strict = mkdocs(root, "build", "--strict")
    assert strict.returncode == 1 and "in strict mode" in strict.stdout + strict.stderr
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before
    assert (site / "hidden-from-no-one.txt").read_text(encoding="utf-8") == "the last site"
    # A build that succeeds replaces it, and leaves nothing of it beside the site.
    assert mkdocs(root, "build").returncode == 0
    assert not (site / "hidden-from-no-one.txt").exists()
    assert (site / "visits" / "empty-section" / "index.html").is_file()
    assert not [p.name for p in root.iterdir() if p.name.startswith(".practice-exchange-last-")]


def test_hand_written_page_in_an_entrys_place_is_an_error(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    (root / "docs" / "practices").mkdir()
    (root / "docs" / "practices" / "reading-club.md").write_text("# Clash\n", encoding="utf-8")
    result = mkdocs(root, "build")
    assert result.returncode == 1
    assert ("docs/practices/reading-club.md: `practices/` in the site belongs to the pages the plugin makes;"
            " move this page elsewhere in `docs/`, or, if it is an entry, into the portal's own `practices/` folder,"
            " beside `docs/`") in result.stderr


def test_messages_name_the_docs_folder_the_portal_names(tmp_path: Path) -> None:
    """A portal whose `docs_dir` is `pages` was told to put files under `docs/`, which it has not."""
    import subprocess
    import sys

    root = copy_portal(tmp_path)
    (root / "docs").rename(root / "pages")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "docs_dir: pages\n", encoding="utf-8")
    (root / "pages" / "practices").mkdir()
    (root / "pages" / "practices" / "reading-club.md").write_text("# Clash\n", encoding="utf-8")
    entry = root / "practices" / "reading-club.md"
    entry.write_text(entry.read_text(encoding="utf-8") + "\n![Photo](../img/missing.png)\n", encoding="utf-8")
    built = mkdocs(root, "build")
    checked = subprocess.run([sys.executable, "-m", "practice_exchange.cli", "--root", str(root), "check"],
                             capture_output=True, text=True, check=False)
    for said in (built.stderr, checked.stdout + checked.stderr):
        assert "move this page elsewhere in `pages/`" in said and "folder, beside `pages/`" in said, said
        assert "put the file there (under `pages/`)" in said, said
        assert "`docs/`" not in said, said


def test_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same content, same bytes: pages, exports, search index, and the sitemap given SOURCE_DATE_EPOCH."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first, second = copy_portal(tmp_path / "a"), copy_portal(tmp_path / "b")
    for root in (first, second):
        result = mkdocs(root, "build", "--strict")
        assert result.returncode == 0, result.stderr
    files = assert_identical_sites(first / "site", second / "site")
    assert {"exports/findings.json", "exports/portal.json", "exports/visits.csv", "sitemap.xml.gz"} <= set(files)


def test_links_resolve_to_files_without_directory_urls(tmp_path: Path) -> None:
    """Built for a folder or a USB stick: every internal link of every page leads to a file that exists."""
    root = copy_portal(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "use_directory_urls: false\n", encoding="utf-8")
    assert mkdocs(root, "build", "--strict").returncode == 0
    site = root / "site"
    checked = 0
    for html in site.rglob("*.html"):
        soup = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser")
        for link in soup.select("article a[href]"):
            href = link["href"].split("#")[0].split("?")[0]
            if not href or "://" in href or href.startswith("mailto:"):
                continue
            assert (html.parent / href).resolve().is_file(), f"{html.relative_to(site)} -> {href}"
            checked += 1
    assert checked > 50


def test_a_body_line_like_a_metadata_field_is_kept(tmp_path: Path) -> None:
    """MkDocs reads `Key: value` lines opening a page as metadata; an entry's text must never vanish so."""
    root = copy_portal(tmp_path)
    path = root / "practices" / "language-steps.md"
    text = path.read_text(encoding="utf-8").replace("Classes in the school building.",
                                                    "Note: classes run in the school building.\nDays: Monday")
    path.write_text(text, encoding="utf-8")
    assert mkdocs(root, "build", "--strict").returncode == 0
    body = article(root / "site", "practices/language-steps").select_one(".px-body")
    assert "Note: classes run in the school building." in body.get_text() and "Days: Monday" in body.get_text()
    assert body.select("hr") == [] and "---" not in body.get_text()


def test_without_nav_the_menu_is_flat_generated_pages_first(tmp_path: Path) -> None:
    """No section per folder of generated pages (Catalogue ›, Practices › ...): one item each, in the
    order visitors look for them, then the hand-written pages, a folder of them as a section."""
    root = copy_portal(tmp_path)
    (root / "docs" / "about.md").write_text("# About us\n", encoding="utf-8")
    (root / "docs" / "guides").mkdir()
    (root / "docs" / "guides" / "how-to.md").write_text("# How to write a visit\n", encoding="utf-8")
    built = mkdocs(root, "build", "--strict")
    assert built.returncode == 0
    # The listing of a kind without entries (sessions, here) is left out of the menu, and MkDocs is told so.
    assert (root / "site" / "sessions" / "index.html").is_file()
    assert "not included in the \"nav\"" not in built.stdout + built.stderr
    nav = page(root / "site", "").select_one("nav.md-nav--primary > ul")
    items = nav.find_all("li", recursive=False)
    labels = [" ".join(li.find(["a", "label"]).get_text(" ", strip=True).split()) for li in items]
    assert labels == ["Fixture portal", "Catalogue", "Good practices", "Visits", "Toolkit", "Cities", "Tags",
                      "Findings", "Network report", "Data exports", "About us", "Guides"]
    # Only the hand-written folder is a section.
    assert [li.find("label").get_text(strip=True) for li in items if "md-nav__item--nested" in li["class"]] == [
        "Guides"]


def test_links_to_anchors_of_generated_pages_are_checked_as_any_other(tmp_path: Path) -> None:
    """An entry's body and frame, and a generated page's blocks, are put in as finished HTML, where
    MkDocs looks for anchors in the tree it converted: a hand-written page's link to a heading of an
    entry's body or of the findings page was said to point at nothing, a warning under
    `validation: anchors: warn` that `--strict` made fatal. A link to no anchor still is."""
    root = copy_portal(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "validation:\n  anchors: warn\n", "utf-8")
    index = root / "docs" / "index.md"
    index.write_text(index.read_text("utf-8") + "\nHow [the club works](practices/reading-club.md#how-it-works),"
                     " [who visited whom](findings.md#who-visited-whom).\n", "utf-8")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    index.write_text(index.read_text("utf-8") + "\n[Nowhere](practices/reading-club.md#nowhere).\n", "utf-8")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 1
    assert "contains a link 'practices/reading-club.md#nowhere', but the doc 'practices/reading-club.md'" \
           " does not contain an anchor '#nowhere'" in result.stderr
    assert "#how-it-works" not in result.stderr and "#who-visited-whom" not in result.stderr


def test_an_entry_bodys_links_to_headings_are_checked_as_a_hand_written_pages_are(tmp_path: Path) -> None:
    """An entry's body is converted by the plugin, not by MkDocs, so its links to a heading
    (`roundtable.md#nope`, `#nope`) went unchecked where a hand-written page's are. Each is now said at
    the level of `validation: anchors:`, with the file, its line and the closest heading there is."""
    root = copy_portal(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8") + "validation:\n  anchors: warn\n", "utf-8")
    club = root / "practices" / "reading-club.md"
    original = club.read_text("utf-8")
    lines = original.count("\n")
    club.write_text(original + "\nSee [the steps](../toolkit/roundtable.md#steps), [how](#how-it-works),"
                    " [the card](../toolkit/roundtable.md) and the [findings](../findings.md#who-visited-whom).\n",
                    "utf-8")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    club.write_text(original + "\nSee [the steps](../toolkit/roundtable.md#step).\n\nAnd [how](#how-it-work).\n"
                    "\nAgain [how](#how-it-work), [how](#how-it-work).\n", "utf-8")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 1
    assert (f"practices/reading-club.md:{lines + 2}: link: the link `../toolkit/roundtable.md#step` leads to no"
            " heading or anchor `step` of `toolkit/roundtable.md`; did you mean `../toolkit/roundtable.md#steps`?"
            ) in result.stderr
    for line in (lines + 4, lines + 6):  # each where it is written, a link written twice on a line once
        said = (f"practices/reading-club.md:{line}: link: the link `#how-it-work` leads to no heading or anchor"
                " `how-it-work` of this page; did you mean `#how-it-works`?")
        assert result.stderr.count(said) == 1, line
    config.write_text(config.read_text("utf-8").replace("anchors: warn", "anchors: info"), "utf-8")
    result = mkdocs(root, "build", "--strict")  # as MkDocs's own default: said, not failed on
    assert result.returncode == 0 and "#how-it-work`" in result.stderr


def test_a_body_heading_named_as_a_section_of_the_page_keeps_its_id_and_the_page_holds_each_id_once(
        tmp_path: Path) -> None:
    """"## Equipment" in a toolkit card's text, "## Related practices" in a practice's: the page's own
    section of that name took the same id, so the page held it twice (a link to it, the author's own
    among them, led to whichever came first). The author's heading keeps it; the section takes the next."""
    import collections
    import re

    root = copy_portal(tmp_path)
    card = root / "toolkit" / "roundtable.md"
    card.write_text(card.read_text("utf-8") + "\n## Equipment\n\nChairs in a circle; see [above](#equipment).\n",
                    "utf-8")
    club = root / "practices" / "reading-club.md"
    club.write_text(club.read_text("utf-8") + "\n## Related practices\n\nOthers.\n\n## Visits that saw it\n\nTwo.\n",
                    "utf-8")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    for page, ids in (("toolkit/roundtable", ["equipment", "equipment_1"]),
                      ("practices/reading-club", ["related-practices", "visits-that-saw-it",
                                                  "visits-that-saw-it_1", "related-practices_1"])):
        html = (root / "site" / page / "index.html").read_text("utf-8")
        found = re.findall(r' id="([^"]*)"', html)
        assert [name for name, times in collections.Counter(found).items() if times > 1] == []
        assert sorted(set(ids) & set(found)) == sorted(ids), page
    card_page = (root / "site" / "toolkit" / "roundtable" / "index.html").read_text("utf-8")
    assert '<h2 id="equipment">Equipment</h2>' in card_page  # the author's heading, which their link names
    assert '<h2 id="equipment_1">Equipment</h2>' in card_page  # the card's list of equipment


def test_the_spool_gives_each_page_its_own_text_back_in_this_process_and_in_a_forked_one(tmp_path: Path) -> None:
    """Generated pages' HTML waits in one scratch file between conversion and drawing: each comes back
    whole, by its page, a page of megabytes and text of any script too, in the build and in the helper
    forked from it (which reads the same open file)."""
    import os

    from practice_exchange.build import WRITTEN_AT_ONCE, Spool

    spool = Spool(tmp_path / "held.html")
    texts = {"a.md": "<p>Gijón · Ústí · Αθήνα</p>", "b.md": "", "big.md": "é" * (WRITTEN_AT_ONCE * 2 + 7) + "<end>"}
    for key, text in texts.items():
        spool.put(key, text)
    assert {key: spool.get(key) for key in texts} == texts
    assert spool.get("c.md") is None
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child's answer is checked below
        os.write(write, b"1" if spool.get("big.md") == texts["big.md"] and spool.get("a.md") == texts["a.md"] else b"0")
        os._exit(0)
    os.close(write)
    assert os.read(read, 1) == b"1"
    os.waitpid(pid, 0)
    spool.close()
    assert spool.get("a.md") is None
