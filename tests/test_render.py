"""Page helpers: relative links agree with MkDocs' own, for every kind of page the plugin makes."""

from __future__ import annotations

import itertools

from mkdocs.utils import get_relative_url

from practice_exchange.content.matrix import plain_text
from practice_exchange.pages.render import date_range, relative

import datetime as dt

URLS = ["", "practices/", "practices/kaap/", "visits/2014-01-a-b/", "cities/munich/", "tags/day-care/",
        "exports/practices.csv", "assets/practice-exchange/catalogue.js", "findings/", "catalogue/",
        "index.html", "practices/index.html", "practices/kaap.html", "cities/munich.html", "findings.html"]
PAGES = [u for u in URLS if not u.endswith((".csv", ".js"))]


def test_relative_links_match_mkdocs() -> None:
    for target, page in itertools.product(URLS, PAGES):
        ours, theirs = relative(target, page), get_relative_url(target, page)
        assert ours.rstrip("/") == theirs.rstrip("/") or (ours, theirs) == ("./", "."), (target, page)


def test_plain_text_of_a_finding() -> None:
    assert plain_text("See [the club](../practices/club.md) for **details**, *really* `now`.") == \
        "See the club for details, really now."
    assert plain_text("Tom &amp; Jerry < 3 > 2 <b>bold</b> <!-- note -->\n  - nested") == "Tom & Jerry < 3 > 2 bold - nested"


def test_date_ranges() -> None:
    day = dt.date
    assert date_range(day(2014, 1, 15), day(2014, 1, 17)) == "15–17 January 2014"
    assert date_range(day(2014, 3, 12), day(2014, 3, 12)) == "12 March 2014"
    assert date_range(day(2014, 1, 30), day(2014, 2, 2)) == "30 January – 2 February 2014"
    assert date_range(day(2014, 12, 30), day(2015, 1, 2)) == "30 December 2014 – 2 January 2015"


def test_badges_only_where_the_marker_still_stands() -> None:
    from practice_exchange.content.matrix import Finding, Marker
    from practice_exchange.pages.markdown import CLOSE, OPEN, with_badges

    body = "## Transferable ideas\n\n- Open the library. [challenge]\n"
    found = Finding("transferable", "Open the library.", "challenge", 3, Marker(2, 20, 31))
    assert with_badges(body, [found]) == f"## Transferable ideas\n\n- Open the library. {OPEN}challenge{CLOSE}\n"
    edited = "## Transferable ideas\n\n- Open it.\n"  # changed on disk after loading
    assert with_badges(edited, [found]) == edited
    assert with_badges("", [found]) == ""


def test_a_findings_slot_is_found_again_after_another_plugin_rewrites_the_html() -> None:
    from practice_exchange.pages.markdown import SLOT_RE, slot

    assert [m.group(1) for m in SLOT_RE.finditer(f"<p>a</p>\n{slot('matrix')}\n<p>b</p>")] == ["matrix"]
    # As an HTML serializer such as BeautifulSoup writes it back: attributes reordered, values given.
    rewritten = '<div data-search-exclude="" data-px-block="network-graph" class="px-block-slot">\n</div>'
    assert [m.group(1) for m in SLOT_RE.finditer(rewritten)] == ["network-graph"]
    assert SLOT_RE.search('<div class="px-block">text</div>') is None
