"""The network report: one page in the order of the seed report, and its PDF."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, mkdocs, serve
from practice_exchange import printing
from practice_exchange.cli import main
from practice_exchange.pages.report import LeadText, lead_text


def page(site: Path) -> BeautifulSoup:
    return BeautifulSoup((site / "report" / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_lead_experts_text_opens_and_closes_the_report() -> None:
    text = "# Our report\n\nWhy we visited.\n\n```\n## Conclusions\n```\n\n## Schlussfolgerungen\n\nIt was worth it.\n"
    lead = lead_text(text)
    assert lead.title == "Our report"
    assert lead.intro == "Why we visited.\n\n```\n## Conclusions\n```"  # a heading shown in code does not cut
    assert lead.conclusions == ("Schlussfolgerungen", "It was worth it.")
    assert lead_text("Only an introduction.\n") == lead_text("Only an introduction.")
    assert lead_text("Only an introduction.").conclusions is None
    # As MkDocs reads a page: front matter is no text, and headings may be underlined.
    assert lead_text("---\ntitle: From the front\n---\n\n# Page heading\n\nIntro.\n") == LeadText(
        "From the front", "Intro.", None)
    assert lead_text("Title\n=====\n\nIntro.\n\n- an item\n---\n\nConclusions\n-----------\n\nEnd.\n") == LeadText(
        "Title", "Intro.\n\n- an item\n---", ("Conclusions", "End."))


def test_a_page_of_its_own_in_the_reports_place_is_refused(portal: Path, tmp_path: Path) -> None:
    (portal / "docs" / "report.md").write_text("# Our report\n\nWhy.\n", encoding="utf-8")
    (portal / "docs" / "report").mkdir()
    (portal / "docs" / "report" / "index.md").write_text("# Another\n", encoding="utf-8")
    result = mkdocs(portal, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert result.returncode == 1
    assert "docs/report/index.md: it would be published as `report/index.html`, where the plugin puts its page" \
        in result.stderr


def test_the_lead_experts_headings_keep_their_ids_apart_from_the_chapters(portal: Path, tmp_path: Path) -> None:
    (portal / "docs" / "report.md").write_text(
        "# T\n\n## Introduction\n\nA.\n\n## Transfer\n\nB.\n\n## Conclusions\n\nFirst.\n", encoding="utf-8")
    site = tmp_path / "site"
    assert mkdocs(portal, "build", "--strict", "--site-dir", str(site)).returncode == 0
    soup = page(site)
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    assert soup.find(id="report-transfer").get_text() == "What came of the ideas"


def test_the_example_report_holds_every_visit_in_date_order_with_its_matrix(example_site: Path) -> None:
    soup = page(example_site)
    article = soup.select_one("article.md-content__inner")
    assert article is not None
    assert article.h1.get_text() == "PREVENT: report on the bilateral visits"
    schedule = json.loads((example_site / "exports" / "findings.json").read_text(encoding="utf-8"))["schedule"]
    chapters = article.select("article.px-report__visit")
    assert [c["id"] for c in chapters] == [f"report-visit-{v['visit']}" for v in schedule]
    # The order of the seed report: introduction, programme, visits, classes, transfer, conclusions.
    headings = [(h.get("id") or "visit").removeprefix("report-") for h in article.find_all("h2")]
    assert headings == ["contents", "introduction", "programme", *["visit"] * len(schedule), "classes", "transfer",
                        "conclusions"]
    # Each visit's full matrix, its headings under the visit's, its badges counted as on its own page.
    portal = json.loads((example_site / "exports" / "portal.json").read_text(encoding="utf-8"))
    for chapter, visit in zip(chapters, sorted(portal["visits"], key=lambda v: (v["start"], v["slug"])), strict=True):
        assert [h.get_text().rstrip("¶") for h in chapter.find_all("h3")][:3] == [
            "Key learning points", "Transferable ideas", "Contribution to the host"]
        badges = [b.get_text() for b in chapter.select(".px-body .px-badge")]
        assert badges == [f["category"] for f in visit["findings"] if f["category"]] + [
            f["status"] for f in visit["follow_up"]]
    nantes = soup.select_one("#report-visit-2014-04-nantes-munich")
    assert nantes.select_one(".px-status--considered") is not None
    # Ids stay unique though every visit has the same headings; the contents lead to them.
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for link in soup.select(".px-report__contents a"):
        assert soup.find(id=link["href"][1:]) is not None, link["href"]
    # The lead expert's text opens and closes it; the blocks come from the data.
    assert "added a programme of bilateral visits" in article.get_text()
    conclusions = article.find("h2", id="report-conclusions")
    after = conclusions.find_next("p")
    assert conclusions.get_text() == "Conclusions" and "unusually practical" in after.find_next("p").get_text()
    # On screen the site's menu stays beside the report, as on every page (print leaves it out).
    menu = soup.select_one(".md-sidebar--primary")
    assert menu is not None and not menu.has_attr("hidden")
    assert menu.select_one("a.md-nav__link--active, .md-nav__link--active") is not None


def test_every_link_of_the_report_leads_to_a_page_and_prints_its_address(example_site: Path) -> None:
    soup = page(example_site)
    base = "http://site/report/"
    for link in soup.select("article a[href]"):
        href = link["href"]
        if href.startswith(("#", "http://", "https://", "mailto:")):
            continue
        path = urlsplit(urljoin(base, href)).path.removeprefix("/")
        target = example_site / path / "index.html" if path.endswith("/") or not path else example_site / path
        assert target.is_file(), href
        printed = link.get("data-px-target")
        if printed is not None:  # on paper: the address from the site's root
            assert urljoin("http://site/", printed) == urljoin(base, href)


def test_without_a_text_of_its_own_the_report_says_what_the_data_says(portal: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = mkdocs(portal, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    findings = json.loads((site / "exports" / "findings.json").read_text(encoding="utf-8"))
    text = " ".join(page(site).select_one("article").get_text().split())
    assert f"made {findings['visits']} bilateral visits" in text
    figures = findings["categories"]
    total = sum(figures.values()) + findings["uncategorised"]
    # Sentences apart, as written (a template comment once ran them together: `findings.By class`).
    assert f"The visits recorded {total} findings. By class of benefit:" in text
    assert (f"By class of benefit: information {figures['information']}, inspiration {figures['inspiration']},"
            f" challenge {figures['challenge']}, contacts {figures['contacts']};"
            f" {findings['uncategorised']} without a class.") in text
    assert "No visiting city has reported a follow-up yet." in text
    # Nothing came of the ideas yet, and the introduction does not promise it.
    assert "their reports follow, each with its findings." in text
    assert re.search(r"partner cities\. Between ", text), text[:400]  # two sentences, not `cities.Between`
    assert "what came of them" not in text


def test_a_hostile_text_of_its_own_stays_text_where_the_plugin_draws(portal: Path, tmp_path: Path) -> None:
    (portal / "docs" / "report.md").write_text(
        "# <script>alert(1)</script> report\n\nIntro.\n\n## Conclusions\n\n<!-- findings:transfer -->\n",
        encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs(portal, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    html = (site / "report" / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; report" in html
    # The marker in the lead expert's conclusions gets its block.
    assert html.count("px-block--transfer") == 2


@pytest.mark.parametrize("engine", ["chromium", "weasyprint"])
def test_the_report_prints_to_a4_with_each_visit_on_pages_of_its_own(engine: str, tmp_path: Path, example_site: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    if engine == "chromium" and printing.browser() is None:
        pytest.fail("Chromium is missing: run `bash scripts/test.sh`, which installs it", pytrace=False)
    if engine == "weasyprint" and printing._weasyprint() is None:
        pytest.skip("WeasyPrint is not installed (the `pdf` extra); the Chromium test prints the report")
    from pypdf import PdfReader

    out = tmp_path / "report.pdf"
    assert main(["--root", str(REPO), "report", "--pdf", str(out), "--engine", engine]) == 0
    assert f"printed by {'Chromium' if engine == 'chromium' else 'WeasyPrint'}" in capsys.readouterr().out
    reader = PdfReader(str(out))
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (210, 297)  # A4, in mm
    texts = [" ".join(p.extract_text().split()) for p in reader.pages]
    # A title page, then the contents on a page of their own.
    assert "Lead expert" in texts[0] and "Contents" not in texts[0]
    assert texts[1].startswith("Contents")
    # Each visit starts a page: its title is the first thing on it.
    titles = [t.get_text() for t in page(example_site).select("article.px-report__visit > h2")]
    assert len(titles) == 9
    starts = [next((at for at, text in enumerate(texts) if text.startswith(title)), None) for title in titles]
    assert None not in starts and starts == sorted(starts) and len(set(starts)) == len(titles)
    # Without `site_url` a link to the portal's pages prints no address: one from the root leads nowhere on
    # paper (with it, the full address: see the test below).
    assert not any("<practices/eltern-aktiv/>" in text for text in texts)
    # The network picture's link to the data leads nowhere on paper (a new user's review).
    assert any("Who visited whom" in text for text in texts)
    assert not any("Download the picture and the data" in text for text in texts)


def test_the_printed_report_holds_every_lesson_of_the_sessions(tmp_path: Path, browser: Any) -> None:
    """A lead expert's review: the lessons are grouped by tag in folded groups, only the first one open;
    a PDF printer runs no script to open the others, and 12 of 30 lessons were on no printed page."""
    if printing.browser() is None:
        pytest.fail("Chromium is missing: run `bash scripts/test.sh`, which installs it", pytrace=False)
    from pypdf import PdfReader

    root = tmp_path / "portal"
    shutil.copytree(REPO / "examples" / "peer-learning", root, ignore=shutil.ignore_patterns("site"))
    (root / "docs" / "report.md").write_text("# What the network learnt\n\nIn our own words.\n", encoding="utf-8")
    out = tmp_path / "report.pdf"
    assert main(["--root", str(root), "report", "--pdf", str(out)]) == 0
    site = tmp_path / "site"
    assert mkdocs(root, "build", "--site-dir", str(site)).returncode == 0
    groups = page(site).select("details.px-lessons")
    assert len(groups) > 1 and all(group.has_attr("open") for group in groups)
    printed = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(out)).pages)
    data = json.loads((site / "exports" / "findings.json").read_text(encoding="utf-8"))
    lessons = [lesson["text"] for s in data["sessions"] for lesson in s["key_lessons"]]
    assert lessons and all(" ".join(text.split()[:6]) in printed for text in lessons)
    # The findings page itself keeps the groups folded but the first, for the tags to be scanned first.
    findings = BeautifulSoup((site / "findings" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert [group.has_attr("open") for group in findings.select("details.px-lessons")][:2] == [True, False]
    # On paper a group is its tag and its list: without the fold's box, pencil and chevron of the screen.
    with serve(site) as base:
        tab = browser.new_page()
        tab.goto(base + "report/")
        styles = """() => {
            const group = document.querySelector('details.px-lessons'), summary = group.querySelector('summary');
            return [getComputedStyle(summary, '::before').display, getComputedStyle(summary, '::after').display,
                    getComputedStyle(group).borderLeftStyle];
        }"""
        on_screen = tab.evaluate(styles)
        tab.emulate_media(media="print")
        assert tab.evaluate(styles) == ["none", "none", "none"] != on_screen
        tab.close()


def test_without_chromium_or_weasyprint_it_says_what_to_install(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(printing, "browser", lambda: None)
    monkeypatch.setattr(printing, "_weasyprint", lambda: None)
    assert main(["--root", str(REPO), "report", "--pdf", str(tmp_path / "r.pdf")]) == 1
    error = capsys.readouterr().err
    assert "neither Chromium nor WeasyPrint is installed" in error and "apt-get install chromium" in error
    assert "pip install 'practice-exchange[pdf]'" in error and not (tmp_path / "r.pdf").exists()


def test_a_pdf_into_a_missing_folder_is_refused_before_building(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(REPO), "report", "--pdf", str(tmp_path / "nowhere" / "r.pdf")]) == 1
    assert "which does not exist; give a file such as report.pdf" in capsys.readouterr().err


def test_a_visits_chapter_comes_from_the_conversion_that_made_its_page(tmp_path: Path) -> None:
    """One conversion serves the visit's page and its chapter: the same HTML as converting it again."""
    from practice_exchange.content import Sources, load
    from practice_exchange.content.body import MarkdownSetup
    from practice_exchange.pages.markdown import EntryPages
    from practice_exchange.pages.report import Chapters

    setup = MarkdownSetup(("toc", "admonition", "attr_list", "tables"), {"toc": {"permalink": True}})
    pages = EntryPages(True, chapters={"visits"})
    loaded, report = load(Sources(REPO, markdown=setup, pages=pages, parallel=False))
    assert report.errors == [] and loaded is not None
    assert set(pages.chapters) == {v.src_uri for v in loaded.visits.values()}
    kept = Chapters(Sources(REPO, markdown=setup), True, {k.name: k for k in loaded.kinds}, made=pages.chapters)
    again = Chapters(Sources(REPO, markdown=setup), True, {k.name: k for k in loaded.kinds})
    for visit in loaded.visits.values():
        assert kept.html(visit) == again.html(visit)
        assert 'href="../practices/' in kept.html(visit) or "practices/" not in kept.html(visit)


def test_a_block_with_anchors_the_report_draws_itself_is_not_placed_again(portal: Path, tmp_path: Path) -> None:
    """The lead expert's text may show again a block the report draws (the transfer table among the
    conclusions, above), but not the network graph: its anchors (the picture's title and description,
    which screen readers announce) were on the page twice. A warning with the marker's line."""
    import collections
    import re

    (portal / "docs" / "report.md").write_text(
        "# Our report\n\nIntro.\n\n## Conclusions\n\n<!-- findings:network-graph -->\n", encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs(portal, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 1
    assert ("docs/report.md:7: findings: the page shows the findings block `network-graph` itself already, and the"
            " anchors in it would be on the page twice; remove this marker") in result.stderr
    (portal / "docs" / "report.md").write_text("# Our report\n\nIntro.\n\n## Conclusions\n\nShort.\n",
                                               encoding="utf-8")
    result = mkdocs(portal, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    ids = re.findall(r' id="([^"]*)"', (site / "report" / "index.html").read_text(encoding="utf-8"))
    assert [name for name, times in collections.Counter(ids).items() if times > 1] == []


def test_two_visits_whose_file_names_begin_alike_keep_their_chapters_anchors_apart(portal: Path,
                                                                                     tmp_path: Path) -> None:
    """Each chapter's ids take its file name as a prefix. A second visit of the same cities in the same
    month is `…-lyon-usti-2` (as `new` names it), and the first one's `## 2 Results` took the id the
    second one's `## Results` took. The first one's ids take `--` then; every other chapter's stay."""
    import collections
    import re

    first = portal / "visits" / "2014-03-lyon-usti.md"
    text = first.read_text(encoding="utf-8")
    first.write_text(text + "\n## 2 Results\n\nSee [below](#2-results).\n", encoding="utf-8")
    (portal / "visits" / "2014-03-lyon-usti-2.md").write_text(
        text.replace("start: 2014-03-12", "start: 2014-03-26").replace("title: Lyon learns", "title: Lyon again learns")
        + "\n## Results\n\nTwo.\n", encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs(portal, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    html = (site / "report" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r' id="([^"]*)"', html)
    assert [name for name, times in collections.Counter(ids).items() if times > 1] == []
    assert {"2014-03-lyon-usti--2-results", "2014-03-lyon-usti-2-results",
            "2014-01-oslo-lyon-key-learning-points"} <= set(ids)
    assert 'href="#2014-03-lyon-usti--2-results"' in html  # the body's own link follows its heading


def test_a_portal_of_more_visits_than_a_report_holds_gets_one_only_when_asked(portal: Path, tmp_path: Path) -> None:
    from practice_exchange.build import REPORT_VISITS

    visit = (portal / "visits" / "2014-01-oslo-lyon.md").read_text(encoding="utf-8")
    for at in range(REPORT_VISITS):
        month = f"{2015 + at // 12}-{at % 12 + 1:02d}"  # a visit of its own each, named as recommended
        (portal / "visits" / f"{month}-oslo-lyon.md").write_text(
            visit.replace("start: 2014-01-15", f"start: {month}-15").replace("end: 2014-01-17", f"end: {month}-17"),
            encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs(portal, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    assert not (site / "report").exists()
    assert f"no report page: the portal has {REPORT_VISITS + 2} visits" in result.stderr
    config = (portal / "mkdocs.yml").read_text(encoding="utf-8")
    (portal / "mkdocs.yml").write_text(config.replace("  - practice-exchange", "  - practice-exchange:\n"
                                                      "      report: true"), encoding="utf-8")
    result = mkdocs(portal, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    assert len(page(site).select("article.px-report__visit")) == REPORT_VISITS + 2


def test_a_printed_link_shows_its_full_address_only_when_the_site_s_is_known(portal: Path, tmp_path: Path) -> None:
    """A new user's review: without `site_url` the PDF printed `<cities/lyon/>` after each link, which
    leads nowhere on paper."""
    site = tmp_path / "site"
    assert mkdocs(portal, "build", "--strict", "--site-dir", str(site)).returncode == 0
    assert not [a for a in page(site).select("article a[data-px-target]")]
    config = portal / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "site_url: https://net.example/portal/\n", encoding="utf-8")
    assert mkdocs(portal, "build", "--strict", "--site-dir", str(site)).returncode == 0
    printed = [a["data-px-target"] for a in page(site).select("article a[data-px-target]")]
    assert printed and all(p.startswith("https://net.example/portal/") for p in printed)
    assert "https://net.example/portal/cities/lyon/" in printed


def test_check_and_build_agree_on_a_link_to_a_report_the_portal_does_not_make(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """With `report: false`, `check` took a link to `report.md` for a page, which the build then refused."""
    from conftest import copy_portal

    root = copy_portal(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - practice-exchange", "  - practice-exchange:\n      report: false"), encoding="utf-8")
    entry = root / "practices" / "reading-club.md"
    entry.write_text(entry.read_text(encoding="utf-8") + "\nSee [the report](../report.md).\n", encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 1
    said = capsys.readouterr().out
    assert "practices/reading-club.md" in said
    assert "the link `../report.md` leads to `report.md`, which is no page" in said
    built = mkdocs(root, "build")
    assert built.returncode == 1 and "the link `../report.md` leads to `report.md`, which is no page" in built.stderr
    # Made, the report is a page like any other: neither says a word.
    config.write_text(config.read_text(encoding="utf-8").replace("report: false", "report: true"), encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 0
    capsys.readouterr()
    assert mkdocs(root, "build", "--strict").returncode == 0


def test_a_portal_of_sessions_alone_gets_a_report_of_their_lessons_when_asked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A new user's review: `report: true` made no page for a portal of sessions alone, and said
    nothing; `report --pdf` then said the portal had no visits. Made, it holds no programme of
    visits and no follow-up, which it would report as empty, and concludes on the sessions' lessons."""
    root = tmp_path / "portal"
    shutil.copytree(REPO / "examples" / "peer-learning", root, ignore=shutil.ignore_patterns("site"))
    site = tmp_path / "site"
    assert mkdocs(root, "build", "--strict", "--site-dir", str(site)).returncode == 0
    assert not (site / "report").exists()  # `auto` makes it for a programme of visits
    assert main(["--root", str(root), "report", "--pdf", str(tmp_path / "r.pdf")]) == 1
    assert "set the option `report: true`" in capsys.readouterr().err
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - practice-exchange", "  - practice-exchange:\n      report: true"), encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 0
    result = mkdocs(root, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    report = page(site).article
    headings = [h.get_text(strip=True) for h in report.select("h2")]
    assert headings == ["Contents", "Introduction", "Findings by class of benefit", "Lessons of the sessions",
                        "Conclusions"]
    assert "visit" not in report.select_one("#report-conclusions").find_next("p").get_text()
    data = json.loads((site / "exports" / "findings.json").read_text(encoding="utf-8"))
    lessons = sum(s["lessons"] for s in data["sessions"])
    assert f"The sessions recorded {lessons} key lessons." in report.get_text(" ", strip=True)
    config.write_text(config.read_text(encoding="utf-8").replace("report: true", "report: false"), encoding="utf-8")
    assert main(["--root", str(root), "report", "--pdf", str(tmp_path / "r.pdf")]) == 1
    assert "the option `report: false` leaves it out" in capsys.readouterr().err
