"""The content model read from a valid portal: values keep their meaning and the author's text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import add_defect
from practice_exchange.content import Sources, load
from practice_exchange.content.matrix import default_aliases


def loaded(root: Path, **options: object):  # type: ignore[no-untyped-def]
    portal, report = load(Sources(root, **options))  # type: ignore[arg-type]
    assert [str(p) for p in report.problems] == []
    assert portal is not None
    return portal


def test_valid_portal_has_every_entry(portal: Path) -> None:
    p = loaded(portal)
    assert list(p.practices) == ["language-steps", "parents-cafe", "reading-club"]
    assert list(p.visits) == ["2014-01-oslo-lyon", "2014-03-lyon-usti"]
    assert list(p.toolkit) == ["roundtable"]


def test_yaml_words_keep_the_authors_text(portal: Path) -> None:
    p = loaded(portal)
    assert p.network.cities["oslo"].country == "NO"
    assert p.network.cities["usti"].name == "Ústí nad Labem"
    assert p.tags["on"].label == "On"
    assert p.practices["parents-cafe"].tags == ("parents", "on")
    (portal / "practices" / "yes.md").write_text(
        "---\ntitle: yes\ncity: oslo\nsummary: NO\ntags: [on]\n---\n", encoding="utf-8")
    practice = loaded(portal).practices["yes"]
    assert (practice.title, practice.summary, practice.tags) == ("yes", "NO", ("on",))


def test_typed_values(portal: Path) -> None:
    p = loaded(portal)
    club = p.practices["reading-club"]
    assert club.started == 2011 and club.related == ("parents-cafe",)
    visit = p.visits["2014-01-oslo-lyon"]
    assert (visit.start, visit.end, visit.delegates) == (dt.date(2014, 1, 15), dt.date(2014, 1, 17), 3)
    other = p.visits["2014-03-lyon-usti"]
    assert other.end == other.start == dt.date(2014, 3, 12)
    assert other.delegates == ("Ann Smith", "Bo Berg") and other.delegate_count == 2


def test_visit_title_defaults_to_city_names(portal: Path) -> None:
    p = loaded(portal)
    assert p.visits["2014-01-oslo-lyon"].title == "Oslo visiting Lyon"
    assert p.visits["2014-03-lyon-usti"].title == "Lyon learns about language steps"


def test_matrix_findings_and_markers(portal: Path) -> None:
    visit = loaded(portal).visits["2014-01-oslo-lyon"]
    summary = [(f.section, f.category, f.line) for f in visit.findings]
    assert summary == [
        ("learning", None, 15),
        ("learning", "information", 17),
        ("transferable", "challenge", 21),
        ("transferable", "inspiration", 22),
        ("transferable", "challenge", 25),
        ("contribution", "contacts", 29),
    ]
    texts = [f.text for f in visit.findings]
    assert texts[0] == "The club runs twice a week, and parents take part in every session."
    assert texts[2] == "Open the school library after hours."
    assert texts[3].endswith("Polish") and "[inspiration]" not in texts[3]
    assert [s.heading for s in visit.sections if s.key is None] == ["Afterwards"]


def test_alias_headings_count_as_matrix_sections(portal: Path) -> None:
    visit = loaded(portal).visits["2014-03-lyon-usti"]
    assert [(s.key, s.heading) for s in visit.sections] == [
        ("learning", "Key learnings"),
        ("transferable", "What could be utilized in Lyon's plan"),
        ("contribution", "Contribution to the hosting organisation"),
    ]


def test_configured_aliases_accept_a_citys_own_language(portal: Path) -> None:
    path = portal / "visits" / "2014-03-lyon-usti.md"
    path.write_text(path.read_text(encoding="utf-8").replace("## Key learnings", "## Lernpunkte"), encoding="utf-8")
    _, report = load(Sources(portal))
    assert any("`## Key learning points` is missing" in str(p) for p in report.errors)
    aliases = default_aliases()
    aliases["learning"].append("Lernpunkte")
    visit = loaded(portal, aliases=aliases).visits["2014-03-lyon-usti"]
    assert visit.section_findings("learning")[0].category == "inspiration"


def test_toolkit_steps_and_equipment(portal: Path) -> None:
    card = loaded(portal).toolkit["roundtable"]
    assert card.steps == ("Map the partners.", "Invite them personally, stressing the common goal.",
                          "Hold the first meeting.")
    assert [(e.item, e.count) for e in card.equipment] == [("Flip chart", 1), ("Markers", None)]
    assert card.difficulty == "medium"


def test_tags_without_vocabulary_are_normalised(portal: Path) -> None:
    network = portal / "network.yml"
    network.write_text(network.read_text(encoding="utf-8").split("tags:")[0], encoding="utf-8")
    (portal / "practices" / "a-first.md").write_text(
        "---\ntitle: A\ncity: lyon\nsummary: S.\ntags: [Éducation Populaire]\n---\n", encoding="utf-8")
    (portal / "practices" / "b-second.md").write_text(
        "---\ntitle: B\ncity: lyon\nsummary: S.\ntags: [education populaire, New Tag]\n---\n", encoding="utf-8")
    p = loaded(portal)
    assert p.practices["b-second"].tags == ("education-populaire", "new-tag")
    assert p.tags["education-populaire"].label == "Éducation Populaire"
    assert p.tags["new-tag"].label == "New Tag"


def test_tags_keep_their_letters_and_different_tags_never_share_a_page(portal: Path) -> None:
    """A hostile review: `Straße` was the tag `strae`, `Ærø` the tag `r`; `C` and `C++` shared the page
    `tags/c/`, which showed `C++` for both; a Greek tag was said to have no letters."""
    network = portal / "network.yml"
    network.write_text(network.read_text(encoding="utf-8").split("tags:")[0], encoding="utf-8")
    entries = {"a-first": "[C++, Straße, Ærø, Børn og unge, Łódź]", "b-second": "[C, strasse, AERO]",
               "c-third": "[Ελληνικά]"}
    for name, tags in entries.items():
        (portal / "practices" / f"{name}.md").write_text(
            f"---\ntitle: A\ncity: lyon\nsummary: S.\ntags: {tags}\n---\n", encoding="utf-8")
    _, report = load(Sources(portal))
    assert [str(p) for p in report.errors] == [
        "practices/b-second.md:5: tags: the tag `C` would share the page `tags/c/` with `C++`"
        " (practices/a-first.md:5), and be shown as `C++`; write the two alike if they are one tag, or make them"
        " differ in letters or digits",
        "practices/c-third.md:5: tags: `Ελληνικά` is not a usable tag: a tag becomes an address of the site"
        " (`tags/…/`), written in Latin letters, digits and hyphens; write it in Latin letters, such as its"
        " transliteration",
    ]
    (portal / "practices" / "b-second.md").write_text(
        "---\ntitle: A\ncity: lyon\nsummary: S.\ntags: [c++, strasse, AERO]\n---\n", encoding="utf-8")
    (portal / "practices" / "c-third.md").unlink()
    p = loaded(portal)
    assert p.practices["a-first"].tags == ("c", "strasse", "aero", "born-og-unge", "lodz")
    assert p.practices["b-second"].tags == ("c", "strasse", "aero")
    assert [(tag.slug, tag.label) for tag in p.tags.values() if tag.slug in ("c", "strasse", "aero")] == [
        ("aero", "Ærø"), ("c", "C++"), ("strasse", "Straße")]


def test_a_tag_must_be_written_as_the_vocabularys(portal: Path) -> None:
    """With a vocabulary, a spelling of one of its addresses that is not alike is another tag, not that one."""
    (portal / "practices" / "a-first.md").write_text(
        "---\ntitle: A\ncity: lyon\nsummary: S.\ntags: [Day Care, day_care, day-care+]\n---\n", encoding="utf-8")
    _, report = load(Sources(portal))
    assert [str(p) for p in report.errors] == [
        "practices/a-first.md:5: tags: the tag `day-care+` is not `Day care`, the tag of network.yml at its address"
        " `tags/day-care/`: write `day-care` if it is meant, or ask for a tag of its own in network.yml"]


def test_labels_that_share_an_address_are_each_their_own_tag(portal: Path) -> None:
    """A hostile review: with `cpp: C++` and `csharp: C#` in network.yml, `C++` was refused as not `C#`;
    a soft hyphen pasted from a word processor made two spellings of one tag differ; an en dash split one."""
    network = portal / "network.yml"
    network.write_text(network.read_text(encoding="utf-8") + "  cpp: C++\n  csharp: C#\n", encoding="utf-8")
    (portal / "practices" / "a-first.md").write_text(
        "---\ntitle: A\ncity: lyon\nsummary: S.\ntags: [C++, C#, csharp, Day\u00adcare]\n---\n", encoding="utf-8")
    assert loaded(portal).practices["a-first"].tags == ("cpp", "csharp", "day-care")
    network.write_text(network.read_text(encoding="utf-8").split("tags:")[0], encoding="utf-8")
    (portal / "practices" / "a-first.md").write_text(
        "---\ntitle: A\ncity: lyon\nsummary: S.\ntags: [Parent–teacher meetings, Kinder\u00adgarten]\n---\n",
        encoding="utf-8")
    (portal / "practices" / "b-second.md").write_text(
        "---\ntitle: B\ncity: lyon\nsummary: S.\ntags: [Parent-teacher meetings, Kindergarten]\n---\n",
        encoding="utf-8")
    p = loaded(portal)
    assert p.practices["a-first"].tags == p.practices["b-second"].tags == ("parent-teacher-meetings", "kindergarten")


def test_two_defects_in_two_files_are_both_reported(portal: Path) -> None:
    add_defect(portal, "practices/unknown-city.md")
    add_defect(portal, "visits/bad-date.md")
    portal_, report = load(Sources(portal))
    assert portal_ is None
    assert [p.path for p in report.errors] == ["practices/unknown-city.md", "visits/bad-date.md"]


def test_files_that_are_not_entries_are_warned_about(portal: Path) -> None:
    (portal / "visits" / "notes.txt").write_text("draft", encoding="utf-8")
    (portal / "visits" / "old").mkdir()
    (portal / "visits" / ".hidden.md").write_text("x", encoding="utf-8")
    _, report = load(Sources(portal))
    assert [str(p) for p in report.warnings] == [
        "visits/notes.txt: not a Markdown file: it is not read; entries are `.md` files directly in `visits/`",
        "visits/old: a folder: it is not read; entries are `.md` files directly in `visits/`",
    ]


def test_missing_network_file(portal: Path) -> None:
    (portal / "network.yml").unlink()
    _, report = load(Sources(portal))
    assert [str(p) for p in report.errors] == [
        "network.yml: the network file is missing; create it with the network's name and partner cities"
    ]


def test_a_heading_typed_with_a_non_breaking_or_zero_width_space_still_names_its_section() -> None:
    from practice_exchange.content.matrix import default_aliases, heading_key

    aliases = default_aliases()
    assert heading_key("Key\u00a0learning points", aliases) == "learning"
    assert heading_key("Transferable\u200b ideas:", aliases) == "transferable"
    assert heading_key("Key lerning points", aliases) is None
    # A French keyboard's apostrophe, and an accent typed apart from its letter (a new user's review).
    french = {"contribution": ["Contribution à l'hôte"]}
    assert heading_key("Contribution à l\u2019hôte", french) == "contribution"
    assert heading_key("Contribution a\u0300 l'ho\u0302te", french) == "contribution"
    assert heading_key("Contribution à l\u2019invité", french) is None


def test_a_marker_ending_the_first_paragraph_of_a_finding_is_counted(portal: Path) -> None:
    """A finding, then a paragraph explaining it in the same item: its marker was shown as text and
    counted nowhere, with no message (a lead expert's review)."""
    path = portal / "visits" / "2014-03-lyon-usti.md"
    text = path.read_text(encoding="utf-8")
    item = "- Classes are built around school life. [inspiration]\n"
    assert item in text
    path.write_text(text.replace(item, item + "\n    Usti would start with two schools.\n"), encoding="utf-8")
    loaded, report = load(Sources(portal))
    assert loaded is not None and report.problems == []
    finding = loaded.visits["2014-03-lyon-usti"].findings[0]
    assert (finding.category, finding.text) == (
        "inspiration", "Classes are built around school life. Usti would start with two schools.")


def test_a_list_written_as_plain_text_is_told_in_the_authors_own_words_only_where_brackets_keep_them() -> None:
    from practice_exchange.content.fields import FieldError, ListOf, Slug, Tag

    def said(kind: ListOf, value: object) -> str:
        try:
            kind.parse(value)
        except FieldError as exc:
            return exc.message
        raise AssertionError(f"{value!r} was taken as a list")

    tags = ListOf(Tag(), example="[parental-involvement]")
    assert said(tags, "parents, language") == \
        "expected a list, got `parents, language`: write it in brackets, `[parents, language]`"
    assert said(ListOf(Slug("practice slug", "practice"), example="[kaap]"), "reading-club").endswith(
        "write it in brackets, `[reading-club]`")
    # Text that would mean something else in brackets, a long value, a yes/no: the field's own example.
    # Words apart by spaces or semicolons (brackets would make them one tag), or no list at all (`a,,b`).
    for value in ("parents: language", "a # b", "x" * 200, True, {"a": 1}, "parents; language learning",
                  "parents language-learning day-care", "a,,b", "a, - b"):
        assert said(tags, value).startswith("expected a list, such as [parental-involvement], got ")


def test_a_marked_item_typed_inside_a_comment_is_said_at_its_line_and_the_guidance_example_is_not(
        tmp_path: Path) -> None:
    from conftest import copy_portal

    root = copy_portal(tmp_path)
    visit = root / "visits" / "2014-01-oslo-lyon.md"
    visit.write_text(visit.read_text(encoding="utf-8").replace(
        "## Contribution to the host\n", "## Contribution to the host\n\n<!-- What your visit gave back. For example:\n"
        "       - Parents' cafés as a meeting point. [challenge]\n- Typed here by mistake. [contacts]\n"
        "```\n- In a fence. [contacts]\n```\n-->\n<!-- - On one line. [dropped] -->\n\n"
        # Shown as code, not comments: what follows them is published, and nothing is said.
        "The form uses `<!--` to hide notes.\n\n    indented: <!--\n\n- A template:\n\n    ```html\n    <!-- header\n"
        "    ```\n\n- Published. [contacts]\n"), encoding="utf-8")
    _, report = load(Sources(root))
    said = [str(p) for p in report.problems if "inside a comment" in str(p)]
    text = visit.read_text(encoding="utf-8").split("\n")
    # Inside a comment, a fence is no fence: the item there is hidden too.
    assert [int(s.split(":")[1]) for s in said] == [text.index("- Typed here by mistake. [contacts]") + 1,
                                                    text.index("- In a fence. [contacts]") + 1,
                                                    text.index("<!-- - On one line. [dropped] -->") + 1]
    assert "marked `[contacts]`" in said[0] and "marked `[dropped]`" in said[2]


def test_a_date_written_as_europe_writes_it_is_told_how_to_write_it() -> None:
    from practice_exchange.content.fields import Date, FieldError, PartialDate

    def said(kind: Date | PartialDate, value: str) -> str:
        try:
            kind.parse(value)
        except FieldError as exc:
            return exc.message
        raise AssertionError(f"{value!r} was taken as a date")

    for kind in (Date(), PartialDate()):
        assert said(kind, "16.01.2014").endswith("got `16.01.2014`; write `2014-01-16`")
        assert said(kind, "16/1/2014").endswith("; write `2014-01-16`")
        assert said(kind, "16. Januar 2014").endswith("; write `2014-01-16`")
        assert said(kind, "2014-13-01") == ("`2014-13-01` is not a date in the calendar; the month comes before the"
                                            " day: `2014-01-13`?")
        assert "write" not in said(kind, "31.02.2014") and "write" not in said(kind, "soon")
        # The year first, but a one-digit month or day, or slashes (a new user's review: no suggestion).
        assert said(kind, "2024-9-14").endswith("; write `2024-09-14`")
        assert said(kind, "2024/09/14").endswith("; write `2024-09-14`")
    # A visit's day is a whole date: a month alone is no suggestion for it.
    assert "write" not in said(Date(), "July 2021") and said(PartialDate(), "July 2021").endswith("write `2021-07`")


def test_a_choice_written_as_a_translated_page_shows_it_is_told_the_word_the_file_keeps() -> None:
    from practice_exchange.content.fields import Choice, FieldError
    from practice_exchange.content.session import FORMATS
    from practice_exchange.content.toolkit import DIFFICULTIES

    def said(choices: tuple[str, ...], value: str) -> str:
        try:
            Choice(choices).parse(value)
        except FieldError as exc:
            return exc.message
        raise AssertionError(f"{value!r} was taken")

    assert said(FORMATS, "Treffen") == ("`Treffen` is the German word the pages show for `meeting`; the file keeps"
                                        " the English word: write `meeting`")
    assert said(DIFFICULTIES, "mittel").endswith("write `medium`")
    assert said(FORMATS, "Tagung") == "`Tagung` is not one of workshop, barcamp, conference, meeting, webinar, other"


def test_code_spans_are_taken_out_of_a_line_as_markdown_pairs_them_even_in_a_hostile_line(tmp_path: Path) -> None:
    """A pattern for code spans backtracked for seconds on a line of a thousand backticks; a body with a
    comment and such a line would have held the build (a review of this change)."""
    from conftest import copy_portal
    from practice_exchange.content.matrix import without_code_spans

    assert without_code_spans("a `<!--` b") == "a  b"
    assert without_code_spans("``x`y``z") == "z"  # a run closes at the next run as long
    assert without_code_spans("``a` b") == "``a` b"  # and none closes here
    assert without_code_spans("x ``<!--`` y `z`") == "x  y "
    root = copy_portal(tmp_path)
    visit = root / "visits" / "2014-01-oslo-lyon.md"
    visit.write_text(visit.read_text(encoding="utf-8") + "\n<!-- a note -->\n\n" + "`" * 20_000 + "\n",
                     encoding="utf-8")
    _, report = load(Sources(root))
    assert not [p for p in report.problems if "inside a comment" in str(p)]


def test_a_finding_with_sub_items_reads_as_one_line_with_its_sentences_apart() -> None:
    """Items are joined by a semicolon, but one that ends a sentence by a space: a lesson read
    `…with one school.; Nantes needs…` on the findings page and in every export (a lead expert's review)."""
    import xml.etree.ElementTree as etree

    import markdown

    from practice_exchange.content.body import plain

    md = markdown.Markdown()

    def line(source: str) -> str:
        return plain(etree.fromstring(f"<div>{md.reset().convert(source)}</div>"), md)

    assert line("- Pilots\n    - ran with one school.\n    - Nantes needs more\n    - and time") == \
        "Pilots ran with one school. Nantes needs more; and time"
    assert line("- Why?\n- Because.\n- Then this") == "Why? Because. Then this"
    assert line("- a\n- b") == "a; b"
    # A sentence's end inside its closing quote or bracket, and in other scripts (a hostile review).
    assert line("- He said “stop.”\n- Then (see the notes.)\n- هل ينجح؟\n- end") == \
        "He said “stop.” Then (see the notes.) هل ينجح؟ end"


def test_a_field_of_a_group_written_short_or_unknown_is_told_the_fields_there_are() -> None:
    """`{name: Anna, org: X}` was told only that `org` is unknown (a new user's review)."""
    from practice_exchange.content.fields import FieldError
    from practice_exchange.content.session import SCHEMA

    facilitators = next(field for field in SCHEMA.fields if field.name == "facilitators").type

    def said(value: object) -> str:
        try:
            facilitators.parse(value)
        except FieldError as exc:
            return exc.message
        raise AssertionError(f"{value!r} was taken")

    assert said([{"name": "Anna", "org": "X"}]).endswith("unknown field `org`; did you mean `organisation`?")
    assert said([{"name": "Anna", "xyz": "X"}]).endswith("unknown field `xyz`; it has `name`, `organisation`")
