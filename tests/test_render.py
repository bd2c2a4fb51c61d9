"""Page helpers: relative links agree with MkDocs' own, for every kind of page the plugin makes;
generated parts are found in the text Python-Markdown reads."""

from __future__ import annotations

import datetime as dt
import html
import itertools

from hypothesis import example, given, settings
from hypothesis import strategies as st
from markdown import Markdown
from markdown.preprocessors import NormalizeWhitespace
from mkdocs.utils import get_relative_url

from practice_exchange.pages.markdown import _normalised
from practice_exchange.pages.render import date_range, relative

URLS = ["", "practices/", "practices/kaap/", "visits/2014-01-a-b/", "cities/munich/", "tags/day-care/",
        "exports/practices.csv", "assets/practice-exchange/catalogue.js", "findings/", "catalogue/",
        "index.html", "practices/index.html", "practices/kaap.html", "cities/munich.html", "findings.html"]
PAGES = [u for u in URLS if not u.endswith((".csv", ".js"))]


def test_relative_links_match_mkdocs() -> None:
    for target, page in itertools.product(URLS, PAGES):
        ours, theirs = relative(target, page), get_relative_url(target, page)
        assert ours.rstrip("/") == theirs.rstrip("/") or (ours, theirs) == ("./", "."), (target, page)


def test_plain_text_is_what_the_page_shows() -> None:
    """A finding's text comes from the page's own tree: links keep their words, escapes and entities
    are the characters shown, notes and raw HTML as the page treats them."""
    from practice_exchange.content.body import BodyReader, MarkdownSetup, plain

    reader = BodyReader(MarkdownSetup())
    first = lambda text: reader.read(text, lambda root, md: plain(root[0], md))  # noqa: E731
    assert first("See [the club](../practices/club.md) for **details**, *really* `now`.") == \
        "See the club for details, really now."
    assert first("Tom &amp; Jerry < 3 > 2 <b>bold</b> <!-- note --> \\*not em\\* [l](http://x.org/(a))") == \
        "Tom & Jerry < 3 > 2 <b>bold</b> *not em* l"
    assert first("`<!--` in code `-->` stays") == "<!-- in code --> stays"
    assert first("- one\n  - nested\n  - two") == "one nested; two"


def test_page_addresses_match_mkdocs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from mkdocs.structure.files import File

    from practice_exchange.pages.links import url_of

    for src in ["index.md", "README.md", "practices/index.md", "practices/kaap.md", "a/b/c.md", "img/x.png"]:
        for directory_urls in (True, False):
            assert url_of(src, directory_urls) == File(src, str(tmp_path), str(tmp_path), directory_urls).url


def test_date_ranges() -> None:
    """As the page shows them (the dash is written as an entity, so that the page's text stays compact)."""
    day = dt.date
    shown = lambda start, end: html.unescape(str(date_range(start, end)))  # noqa: E731
    assert shown(day(2014, 1, 15), day(2014, 1, 17)) == "15–17 January 2014"
    assert shown(day(2014, 3, 12), day(2014, 3, 12)) == "12 March 2014"
    assert shown(day(2014, 1, 30), day(2014, 2, 2)) == "30 January – 2 February 2014"
    assert shown(day(2014, 12, 30), day(2015, 1, 2)) == "30 December 2014 – 2 January 2015"
    assert str(date_range(day(2014, 1, 15), day(2014, 1, 17))).isascii()




def test_front_matter_reads_back_exactly_whatever_the_title() -> None:
    """Written as JSON with YAML's line breaks and refused characters escaped, read back by PyYAML."""
    import yaml
    from markupsafe import escape

    from practice_exchange.pages.render import front_matter

    titles = ["Plain", "a: b # c", "</title><script>alert(1)</script>", "x\u2028y\u2029z\x85w", "tab\there",
              "emoji \U0001f600, \x7f\x80\x9f", "new\nline\r", '"quoted" \\ back', "'single'", "- dash", "{a: [b]}",
              "&anchor *alias !!python/object", "%YAML 1.1", "\ufeffbom \ufffe\uffff", "ünïcödé ŁÓDŹ"]
    for title in titles:
        written = front_matter(title, {"search": {"exclude": True}, "tags": ["a", "b: c"]})
        assert written.startswith("---\n") and written.endswith("---\n\n")
        inside = written[4:-5]
        assert inside.count("\n") == 3, written  # one line per key: no character breaks a line
        assert yaml.safe_load(inside) == {"title": str(escape(title)), "search": {"exclude": True},
                                          "tags": ["a", "b: c"]}
    assert front_matter(None, {}) == ""


@settings(max_examples=400)
@given(st.lists(st.sampled_from(["a", " ", "\n", "\t", "\r", "\x02", "\x03", "<p>", "é"]), max_size=24).map("".join))
@example("<p>a</p>\n  \n<p>b</p>")
@example("<p>a</p>\n  ")
def test_a_generated_part_is_found_as_python_markdown_normalised_it(part: str) -> None:
    # The shortcut for a part that normalisation leaves alone must give the very text the page holds,
    # else the part is not found and its HTML is read again as Markdown.
    normalise = NormalizeWhitespace(Markdown())
    assert _normalised(part, normalise) + "\n\n" == "\n".join(normalise.run(part.split("\n")))


def test_markers_are_filled_in_pieces_as_in_one_text() -> None:
    """The findings page's document is written in pieces, each block whole: the same text as filled
    at once. A marker inside code, or one whose block is not drawn, stays as written."""
    from practice_exchange.pages.render import fill_markers, filled, trimmed

    text = "Intro\n<!-- findings: hosts -->\n```\n<!-- findings: hosts -->\n```\n<!-- findings: other -->\nEnd\n"
    blocks = {"hosts": "<section>Hosts ✓</section>"}
    pieces = list(filled(text, blocks.get))
    assert "<section>Hosts ✓</section>" in pieces  # whole, not copied into a larger string
    assert "".join(pieces) == ("Intro\n\n<section>Hosts ✓</section>\n\n```\n<!-- findings: hosts -->\n```\n"
                               "<!-- findings: other -->\nEnd\n")
    assert fill_markers(text.replace("other", "hosts"), blocks.__getitem__).count("Hosts ✓") == 2
    # Trimmed as a page's text is: a block first or last leaves no blank line around the document
    # (a hostile review: the exported findings page ended with one).
    for edges in ("<!-- findings: hosts -->\nText\n<!-- findings: hosts -->\n", "\n\nText\n\n", "\n"):
        assert "".join(trimmed(filled(edges, blocks.get))) == fill_markers(edges, blocks.get).strip("\n") + "\n"


def test_large_documents_are_written_in_pieces_exactly(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """`write_text` writes every character as given, line ends included, across its chunks."""
    from practice_exchange.build import WRITTEN_AT_ONCE, write_text

    text = ("ä–\r\n" * WRITTEN_AT_ONCE) + "end"
    write_text(tmp_path / "page.md", ("front\n", text, ""))
    assert (tmp_path / "page.md").read_bytes() == ("front\n" + text).encode("utf-8")


def test_the_anchors_of_finished_html_are_its_id_attributes_only() -> None:
    """What `PortalMarkdown.anchors` tells MkDocs a generated page holds: each `id` of a tag, as it
    reads, and no text that looks like one (text writes `<` as `&lt;`), nor another attribute ending in `id`."""
    from practice_exchange.pages.markdown import PortalMarkdown

    markdown = PortalMarkdown()
    markdown.set_page(generated=['<h2 id="how-it-works">How</h2><p>x id="fake" &lt;b id="fake2"&gt;</p>',
                                 '<code>a id="fake3"</code><span data-id="fake4" id="a&amp;b"></span>',
                                 "<h2 id='single'>A portal's template</h2><p class=x id=bare>",
                                 "<code>id='fake5'</code>", '<a title="see id=fake6" href="#">',
                                 "<p title='it id=fake7' class=\"it's\" id=\"last\">"],
                      blocks={"hosts": '<h3><span id="host-lyon"></span>Lyon</h3>'})
    assert markdown.anchors() == {"how-it-works", "a&b", "host-lyon", "single", "bare", "last"}
    markdown.set_page()
    assert markdown.anchors() == set()


def test_a_section_id_the_page_holds_already_is_numbered_as_the_table_of_contents_numbers_one() -> None:
    from practice_exchange.pages.render import free_id

    assert free_id("equipment", frozenset()) == "equipment"
    assert free_id("equipment", {"equipment"}) == "equipment_1"
    assert free_id("equipment", {"equipment", "equipment_1"}) == "equipment_2"
    # `free_id` takes nothing: a portal's own template may ask twice (a link to the section, then its heading).
    taken = {"equipment"}
    assert free_id("equipment", taken) == free_id("equipment", taken) == "equipment_1" and taken == {"equipment"}


def test_a_section_takes_its_id_so_that_another_named_alike_on_the_page_takes_the_next() -> None:
    from practice_exchange.pages.render import take_id

    taken = {"equipment"}
    assert [take_id("equipment", taken), take_id("equipment", taken), take_id("steps", taken)] == \
        ["equipment_1", "equipment_2", "steps"]
    assert taken == {"equipment", "equipment_1", "equipment_2", "steps"}
    assert take_id("equipment", frozenset({"equipment"})) == "equipment_1"  # nothing to note it in: as free_id


def test_the_chapters_whose_file_name_begins_anothers_are_found_in_one_pass() -> None:
    from practice_exchange.pages.markdown import begun

    names = {"2014-02-bergen-usti", "2014-02-bergen-usti-2", "2014-02-bergen-ustiz", "2014-02-bergen",
             "2014-03-x-1", "2014-03-x-1-2", "2014-03-x-10"}
    assert begun(names) == {"2014-02-bergen", "2014-02-bergen-usti", "2014-03-x-1"}
    assert begun(set()) == frozenset() and begun({"only"}) == frozenset()


def test_each_link_of_a_body_is_found_at_the_line_it_is_written_on() -> None:
    """Every form of address: `(href)`, a title, `(<href>)`, balanced parentheses, an escape, a reference's
    definition; plain text in parentheses is no link. And in a body of thousands of links (read in one
    pass: a search for each one took seconds, growing with the square of their number)."""
    from practice_exchange.content.body import MarkdownSetup
    from practice_exchange.pages.markdown import unsafe_in

    body = ("Intro (p_(1).md is text).\n\n[a](p_(1).md \"Title\") and [b](<q.md>)\n\n[c](e\\_1.md), [d][r]\n\n"
            "[e](p_(1).md)\n\n[r]: <r.md>\n")
    links = unsafe_in(body, 10, MarkdownSetup(), src_uri="practices/x.md").links
    assert [(link.href, link.line) for link in links] == [
        ("p_(1).md", 12), ("q.md", 12), ("e_1.md", 14), ("r.md", 18), ("p_(1).md", 16)]
    many = "".join(f"[a](p{at % 7}.md) [b](#h{at})\n\n" for at in range(10_000))
    links = unsafe_in(many, 1, MarkdownSetup(), src_uri="practices/x.md").links
    assert [link.line for link in links] == [1 + 2 * (at // 2) for at in range(20_000)]


def test_a_message_lists_a_few_of_many_choices() -> None:
    from practice_exchange.errors import did_you_mean_or_listed

    assert did_you_mean_or_listed("lyn", ["lyon", "oslo"]) == "; did you mean `lyon`?"
    assert did_you_mean_or_listed("madrid", ["oslo", "lyon"]) == "; it has `lyon`, `oslo`"
    many = [f"city-{n:02}" for n in range(20)]
    assert did_you_mean_or_listed("x", many) == "; it has " + ", ".join(f"`city-{n:02}`" for n in range(12)) + \
        " and 8 more"
    assert did_you_mean_or_listed("x", []) == ""


def test_an_address_written_over_two_lines_is_found_at_its_first() -> None:
    """A hostile review: `[x](java` and `script:alert(11))` on the next line was said at the body's first line."""
    from practice_exchange.pages.safety import written_line

    lines = ["First line.", "", "k [x](java", "script:alert(11))", "java elsewhere"]
    assert written_line(lines, "java script:alert(11)", 7) == 9
    assert written_line(lines, "java\nscript:alert(11)", 7) == 9
    assert written_line(lines, "nowhere at all", 7) == 7


def test_the_catalogue_writes_dates_as_the_entries_pages_do() -> None:
    """A new user's review: the catalogue showed `2014-01-16` where every other page writes `16 January 2014`."""
    from conftest import REPO
    from practice_exchange.content import Sources, load
    from practice_exchange.pages import catalogue
    from practice_exchange.pages.dates import Dates

    portal, _ = load(Sources(REPO))
    assert portal is not None
    labels = {item.entry.slug: item.label for item in catalogue.build(portal).items}
    # Its days as the visit's page writes them, not its first day alone (a new user's review).
    assert labels["2014-01-antwerp-munich"] == "Visit · Antwerp → Munich · 16–17 January 2014"
    visit = portal.visits["2014-01-antwerp-munich"]
    kind = next(kind for kind in portal.kinds if kind.name == "visit")
    assert kind.label_for(visit, portal.network) == "Visit · Antwerp → Munich · 2014-01-16/2014-01-17"
    assert kind.label_for(visit, portal.network, dates=Dates("de").either).endswith(
        "· 16. Januar 2014 – 17. Januar 2014")
