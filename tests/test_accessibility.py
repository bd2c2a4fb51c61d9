"""WCAG 2.0/2.1 A and AA, as axe-core checks them in Chromium, on every page type of both example
portals: the plugin's output, and the theme's where the portal's stylesheet can mend it."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, mkdocs, serve

RULES = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@pytest.fixture(scope="module")
def sessions_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("peer-learning") / "site"
    result = mkdocs(REPO / "examples" / "peer-learning", "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def slate_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The visits example in Material's dark scheme (`palette: scheme: slate`): a copy of its content
    beside a configuration that inherits the example's, as the plugin reads content beside mkdocs.yml."""
    root = tmp_path_factory.mktemp("slate") / "portal"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(
        ".*", "__pycache__", "tests", "plugins", "bench", "examples", "scripts", "site", "build", "dist"))
    (root / "slate.yml").write_text("INHERIT: mkdocs.yml\ntheme:\n  palette:\n    scheme: slate\n", encoding="utf-8")
    site = root.parent / "site"
    result = mkdocs(root, "build", "--strict", "--config-file", "slate.yml", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    assert 'data-md-color-scheme="slate"' in (site / "index.html").read_text("utf-8")
    return site


def first(site: Path, folder: str) -> str:
    return f"{folder}/{sorted(p.name for p in (site / folder).iterdir() if p.is_dir())[0]}/"


def violations(browser: Any, site: Path, pages: list[str], options: dict[str, Any] = RULES,
               before: str | None = None) -> dict[str, list[str]]:
    """Axe's violations on each page, `before` (a script) run on it first."""
    from axe_playwright_python.sync_playwright import Axe

    axe, found = Axe(), {}
    with serve(site) as base:
        tab = browser.new_page()
        for page in pages:
            tab.goto(base + page)
            if before:
                tab.evaluate(before)
            result = axe.run(tab, options=options).response
            problems = [f"{v['id']}: {' '.join(n['target'])}" for v in result["violations"] for n in v["nodes"]]
            if problems:
                found[page] = problems
        tab.close()
    return found


def test_every_page_type_of_the_visits_example_passes(browser: Any, example_site: Path) -> None:
    pages = ["", "catalogue/", "catalogue/?tag=parental-involvement&kind=practice", "findings/", "exports/",
             "practices/", "visits/", "toolkit/", "cities/", "tags/", first(example_site, "practices"),
             first(example_site, "visits"), first(example_site, "toolkit"), first(example_site, "cities"),
             first(example_site, "tags"), "contribute/", "about/", "report/", "practices/integration-macht-schule/",
             "cities/nantes/"]
    assert violations(browser, example_site, pages) == {}


def test_every_page_type_of_the_sessions_example_passes(browser: Any, sessions_site: Path) -> None:
    pages = ["", "sessions/", first(sessions_site, "sessions"), "findings/", "catalogue/?kind=session",
             first(sessions_site, "cities")]
    assert violations(browser, sessions_site, pages) == {}


def test_the_check_finds_what_it_should(browser: Any, tmp_path: Path) -> None:
    """A page with a known fault: the check is not one that passes everything."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><title>x</title></head><body><main>'
        '<p style="color:#bbb;background:#fff">faint text</p><img src="a.png"></main></body></html>',
        encoding="utf-8")
    found = violations(browser, tmp_path, [""])
    assert {line.split(":")[0] for line in found[""]} >= {"color-contrast", "image-alt"}


def test_sortable_headings_are_buttons_that_say_how_the_column_is_sorted(browser: Any, example_site: Path) -> None:
    said = "() => [...document.querySelectorAll('table[data-px-sortable] thead th')].map(h => h.ariaSort)"
    with serve(example_site) as base:
        tab = browser.new_page()
        # Each listing comes sorted by its first column (dates, titles, names), and says so.
        for page in ("practices/", "toolkit/", "cities/", "tags/"):
            tab.goto(base + page)
            sorts = tab.evaluate(said)
            assert len(sorts) > 2 and sorts == ["ascending"] + ["none"] * (len(sorts) - 1), (page, sorts)
        tab.goto(base + "visits/")
        headings = tab.locator("table[data-px-sortable] thead th")
        assert headings.count() > 2
        assert tab.evaluate(said) == ["ascending"] + ["none"] * (headings.count() - 1)
        column = headings.nth(3)
        visit = column.get_by_role("button", name="Visit", exact=True)
        titles = tab.locator("table[data-px-sortable] tbody tr td:nth-child(4)")
        visit.focus()
        tab.keyboard.press("Enter")  # by keyboard, as by a click
        assert column.get_attribute("aria-sort") == "ascending"
        first = titles.all_inner_texts()
        in_order = tab.evaluate("t => t.map(s => s.trim().toLowerCase()).sort((a, b) => a.localeCompare(b))", first)
        assert [t.strip().lower() for t in first] == in_order
        visit.click()
        assert column.get_attribute("aria-sort") == "descending"
        assert titles.all_inner_texts() == first[::-1]
        assert headings.nth(0).get_attribute("aria-sort") == "none"
        tab.close()


def test_a_listing_not_in_the_order_of_its_first_column_says_no_column_is_sorted(browser: Any, tmp_path: Path) -> None:
    """The script tells the first column sorted from its rows, not from a guess: a table listed in another
    order (as a portal's own template or a kind's order may list it) says that no column is sorted."""
    script = REPO / "plugins" / "practice_exchange" / "assets" / "practice-exchange.js"
    (tmp_path / "practice-exchange.js").write_bytes(script.read_bytes())
    rows = {"sorted": ["Antwerp", "munich", "Nantes"], "unsorted": ["Nantes", "Antwerp", "Munich"]}
    for name, cities in rows.items():
        body = "".join(f"<tr><td>{city}</td><td>{i}</td></tr>" for i, city in enumerate(cities))
        (tmp_path / f"{name}.html").write_text(
            '<!doctype html><html lang="en"><head><title>x</title><script src="practice-exchange.js" defer></script>'
            f'</head><body><table data-px-sortable><thead><tr><th>City</th><th>N</th></tr></thead>'
            f"<tbody>{body}</tbody></table></body></html>", encoding="utf-8")
    with serve(tmp_path) as base:
        tab = browser.new_page()
        for name, expected in (("sorted", ["ascending", "none"]), ("unsorted", ["none", "none"])):
            tab.goto(base + f"{name}.html")
            tab.wait_for_selector("button.px-sort")
            assert tab.evaluate("() => [...document.querySelectorAll('thead th')].map(h => h.ariaSort)") == expected
        tab.close()


def test_on_a_phone_the_catalogue_and_findings_stay_usable(browser: Any, example_site: Path) -> None:
    """390 x 844: the filters fold away behind one tap, the count and the first results are on the first
    screen; wide findings tables say they scroll; the picture's city names stay at 11 CSS px or more."""
    with serve(example_site) as base:
        phone = browser.new_page(viewport={"width": 390, "height": 844})
        phone.goto(base + "catalogue/")
        filters = phone.locator("details.px-filters")
        assert filters.is_visible() and filters.get_attribute("open") is None
        for shown in (phone.locator(".px-status"), phone.locator("ol.px-results > li").first):
            box = shown.bounding_box()
            assert box is not None and box["y"] + box["height"] <= 844, box
        phone.locator("details.px-filters > summary").click()
        assert phone.locator("fieldset[data-facet=kind]").is_visible()
        phone.goto(base + "findings/")
        assert phone.locator(".px-scroll-hint").first.is_visible()
        size = phone.evaluate("""() => {
            // The names' font size in the picture's units, times the units' size on the screen.
            const svg = document.querySelector("svg.px-graph");
            const nodes = svg.querySelector(".px-graph__nodes");
            return Number(nodes.getAttribute("font-size")) * svg.getBoundingClientRect().width
                / svg.viewBox.baseVal.width;
        }""")
        assert size >= 11, size
        phone.close()
        desk = browser.new_page(viewport={"width": 1280, "height": 900})
        desk.goto(base + "catalogue/")
        assert desk.locator("details.px-filters").get_attribute("open") is not None
        desk.goto(base + "findings/")
        assert not desk.locator(".px-scroll-hint").first.is_visible()
        desk.close()


def test_a_badges_meaning_is_reached_by_keyboard(browser: Any, example_site: Path) -> None:
    with serve(example_site) as base:
        tab = browser.new_page()
        tab.goto(base + "visits/2014-01-tallinn-munich/")
        badge = tab.locator(".px-matrix .px-badge").first
        meaning = badge.get_attribute("title")
        assert meaning and badge.get_attribute("tabindex") == "0"
        shown = "el => getComputedStyle(el, '::after').content"
        assert tab.evaluate(f"() => ({shown})(document.querySelector('.px-matrix .px-badge'))") in ("none", "normal")
        tab.locator("main").click(position={"x": 1, "y": 1})  # the page, not the address bar, has the keys
        reached = False
        for _ in range(300):  # by the Tab key alone, as a keyboard user gets there
            tab.keyboard.press("Tab")
            if tab.evaluate("() => document.activeElement.classList.contains('px-badge')"):
                reached = True
                break
        assert reached
        # Shown by the portal's stylesheet, or, with Material's `content.tooltips`, in the theme's tooltip,
        # which takes the title over and which the badge, focused, describes itself by.
        told = tab.evaluate(f"""() => {{
            const badge = document.activeElement;
            const tip = document.getElementById(badge.getAttribute("aria-describedby") || "");
            return tip ? tip.textContent.trim() : ({shown})(badge).replace(/^"|"$/g, "");
        }}""")
        assert told == meaning
        tab.close()


def test_skip_to_content_leads_to_a_generated_pages_heading_and_its_contents_name_its_sections(
        example_site: Path) -> None:
    """The theme's first link, "Skip to content", went past a practice's facts to its body's first heading,
    and listings had none; a practice's lists of visits, cards and related practices were in no table of
    contents (an accessibility review)."""
    from bs4 import BeautifulSoup

    def page(path: str) -> BeautifulSoup:
        return BeautifulSoup((example_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")

    for path in ("practices/kaap", "visits/2014-01-tallinn-munich", "catalogue", "cities/munich", "tags",
                 "practices", "exports"):
        soup = page(path)
        skip = soup.select_one("a.md-skip")
        assert skip is not None, path
        target = soup.find(id=skip["href"].lstrip("#"))
        assert target is not None and "h1" in (target.name, target.parent.name), path
    kaap = page("practices/kaap")
    contents = [a["href"] for a in kaap.select("nav.md-nav--secondary a.md-nav__link")]
    # The body's own headings, then the frame's sections, each leading to an id on the page.
    assert contents[:2] == ["#how-it-works", "#results"]
    assert {"#visits-that-saw-it", "#related-practices"} <= set(contents)
    assert all(kaap.find(id=href[1:]) is not None for href in contents)
    munich = [a.get_text(strip=True) for a in page("cities/munich").select("nav.md-nav--secondary a.md-nav__link")]
    assert munich == ["Practices", "Visits made", "Visits received"]


def test_a_badges_meaning_stays_in_a_phones_window_and_escape_puts_it_away(browser: Any, example_site: Path) -> None:
    """WCAG 1.4.10 and 1.4.13: at 375 px each badge's meaning, shown on focus, runs past neither edge of
    the window (the page does not scroll sideways); Escape puts it away and leaves the focus where it was;
    reached again, the badge shows it again."""
    with serve(example_site) as base:
        phone = browser.new_page(viewport={"width": 375, "height": 800})
        phone.goto(base + "visits/2014-01-tallinn-munich/")
        tip = """() => {
            const badge = document.activeElement, after = getComputedStyle(badge, "::after");
            const left = badge.getBoundingClientRect().left + parseFloat(after.left);
            return {text: after.content.replace(/^"|"$/g, ""), left: left, right: left + parseFloat(after.width),
                    window: document.documentElement.clientWidth, page: document.documentElement.scrollWidth};
        }"""
        badges = phone.locator(".md-content .px-badge[title]")
        assert badges.count() > 2
        for i in range(badges.count()):
            badges.nth(i).focus()
            shown = phone.evaluate(tip)
            assert shown["text"] == badges.nth(i).get_attribute("title")
            assert shown["left"] >= 0 and shown["right"] <= shown["window"] == 375, (i, shown)
            assert shown["page"] <= 375, (i, shown)
        second = phone.locator(".md-content .px-badge--challenge").nth(1)
        second.focus()
        phone.keyboard.press("Escape")
        assert phone.evaluate(tip)["text"] in ("none", "normal")
        assert phone.evaluate("() => document.activeElement.classList.contains('px-badge--challenge')")
        phone.keyboard.press("Tab")
        phone.keyboard.press("Shift+Tab")
        assert phone.evaluate(tip)["text"] == second.get_attribute("title")
        phone.close()


def test_a_follow_ups_status_is_reached_by_keyboard_on_every_page(browser: Any, example_site: Path) -> None:
    """A status badge says its meaning on focus, outside visit pages as on them: each is in the order of
    the Tab key (tabindex 0), and takes the focus."""
    with serve(example_site) as base:
        tab = browser.new_page()
        for page in ("practices/integration-macht-schule/", "findings/", "cities/nantes/"):
            tab.goto(base + page)
            statuses = tab.locator(".md-content .px-status[title]")
            assert statuses.count() > 0, page
            for i in range(statuses.count()):
                status = statuses.nth(i)
                assert status.get_attribute("tabindex") == "0", (page, i)
                status.focus()
                assert status.evaluate("el => el === document.activeElement"), (page, i)
        tab.close()


def test_the_portals_colours_pass_in_the_dark_scheme(browser: Any, slate_site: Path) -> None:
    """WCAG 1.4.3 in Material's slate scheme, on the portal's own elements: the links of the facts box
    (its background against slate's link colour) on an entry's page and in the report, and the catalogue's
    buttons (Material's outlined button, in the primary colour), "Show more" shown as a long list shows it."""
    pages = ["practices/integration-macht-schule/", "visits/2014-01-tallinn-munich/", "report/"]
    contrast = {"runOnly": {"type": "rule", "values": ["color-contrast"]}}
    facts = "() => { if (!document.querySelector('dl.px-facts a')) throw new Error('no link in a facts box'); }"
    assert violations(browser, slate_site, pages, contrast, before=facts) == {}
    buttons = "() => { document.querySelector('.md-button.px-more').hidden = false; document.activeElement.blur(); }"
    assert violations(browser, slate_site, ["catalogue/"], contrast, before=buttons) == {}


def test_a_marker_word_is_said_to_be_english_and_its_meaning_is_not(example_site: Path) -> None:
    """WCAG 3.1.2: the badges' words are the English markers on a page of any language; a screen reader is
    told so, for the word only (the meaning in the title is in the page's language)."""
    from bs4 import BeautifulSoup

    visit = BeautifulSoup((example_site / "visits" / "2014-01-tallinn-munich" / "index.html").read_text("utf-8"),
                          "html.parser")
    badges = visit.select(".md-content .px-badge[title]")
    assert badges and all(b.get("lang") is None and b.select_one("span[lang=en]").get_text() == b.get_text()
                          for b in badges)
    findings = BeautifulSoup((example_site / "findings" / "index.html").read_text("utf-8"), "html.parser")
    assert all(b.get("lang") == "en" or b.select_one("[lang=en]") for b in findings.select(".px-badge"))


def test_a_body_heading_named_as_the_pages_title_anchor_leaves_each_id_once(tmp_path: Path) -> None:
    from bs4 import BeautifulSoup

    from conftest import copy_portal

    root = copy_portal(tmp_path)
    practice = root / "practices" / "reading-club.md"
    practice.write_text(practice.read_text(encoding="utf-8") + "\n## Px Title\n\nA heading of the author's.\n",
                        encoding="utf-8")
    assert mkdocs(root, "build", "--strict", "--site-dir", str(tmp_path / "site")).returncode == 0
    soup = BeautifulSoup((tmp_path / "site" / "practices" / "reading-club" / "index.html").read_text("utf-8"),
                         "html.parser")
    ids = [tag["id"] for tag in soup.find_all(id=True)]
    assert len(ids) == len(set(ids)) and "px-title" in ids
    skip = soup.select_one("a.md-skip")["href"].lstrip("#")
    assert soup.find(id=skip).parent.name == "h1"
