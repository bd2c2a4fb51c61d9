"""One reading of the Markdown: the findings in the data are exactly the list items the page shows."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import PORTAL, copy_portal, mkdocs
from practice_exchange.content import Sources, load

VISIT = "visits/2014-01-oslo-lyon.md"
HEAD = "---\nvisitor: oslo\nhost: lyon\nstart: 2014-01-15\n---\n\n"
REST = "\n\n## Transferable ideas\n\n- An idea. [challenge]\n\n## Contribution to the host\n\n- Contacts. [contacts]\n"


def write_visit(root: Path, learning: str) -> None:
    (root / VISIT).write_text(f"{HEAD}## Key learning points\n\n{learning}{REST}", encoding="utf-8")


def page_items(site: Path) -> list[tuple[str, str | None]]:
    """The key learning points as the built page shows them: each top-level item's text and badge."""
    soup = BeautifulSoup((site / "visits/2014-01-oslo-lyon/index.html").read_text("utf-8"), "html.parser")
    heading = soup.select_one(".px-matrix h2")
    items = []
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h1", "h2"):  # a level-1 heading ends the section too
            break
        for item in sibling.find_all("li", recursive=False) if sibling.name in ("ul", "ol") else ():
            badge = item.find("span", class_="px-badge")
            category = badge.get_text() if badge else None
            if badge:
                badge.decompose()
            for nested in item.find_all(["ul", "ol"]):
                nested.insert_before(" ")
            for sub in item.find_all("li"):
                if sub.find_previous_sibling("li") is not None:  # items of one list stand apart by `; `
                    sub.insert_before("; ")
            items.append((" ".join(item.get_text().split()).replace(" ;", ";"), category))
    return items


def data_items(site: Path) -> list[tuple[str, str | None]]:
    data = json.loads((site / "exports" / "portal.json").read_text("utf-8"))
    visit = next(v for v in data["visits"] if v["slug"] == "2014-01-oslo-lyon")
    return [(f["text"], f["category"]) for f in visit["findings"] if f["section"] == "learning"]


def build_and_compare(root: Path) -> list[tuple[str, str | None]]:
    result = mkdocs(root, "build")
    assert result.returncode == 0, result.stderr
    shown = page_items(root / "site")
    assert data_items(root / "site") == shown
    return shown


def test_an_item_right_after_a_paragraph_line_is_neither_shown_nor_counted(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    write_visit(root, "Some words first.\n- Not an item but a line of the paragraph. [challenge]\n\n- A real one.\n")
    assert build_and_compare(root) == [("A real one.", None)]
    _, report = load(Sources(root))
    assert any(str(p).startswith(f"{VISIT}:10: body: `- Not an item but a line of") for p in report.warnings)


def test_word_bullets_and_non_breaking_spaces_are_items_on_page_and_in_data(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    write_visit(root, "- First. [information]\n• Pasted from Word. [challenge]\n·\tSeed style. [inspiration]\n"
                      "-\u00a0Word's space. [contacts]\n")
    assert build_and_compare(root) == [("First.", "information"), ("Pasted from Word.", "challenge"),
                                       ("Seed style.", "inspiration"), ("Word's space.", "contacts")]


def test_sub_items_belong_to_their_finding_however_indented(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    write_visit(root, "- Tabbed. [inspiration]\n\t- a sub-item\n- Two spaces:\n  - one\n  - two [challenge]\n")
    assert build_and_compare(root) == [("Tabbed. a sub-item", "inspiration"), ("Two spaces: one; two", "challenge")]


def test_comments_in_code_do_not_swallow_text(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    write_visit(root, "- Type `<!--` to start a note, then the words, then `-->` to end it. [information]\n"
                      "- Kept. <!-- a note --> Too.\n")
    assert build_and_compare(root) == [
        ("Type <!-- to start a note, then the words, then --> to end it.", "information"), ("Kept. Too.", None)]


def test_escapes_and_links_with_brackets_in_plain_text(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    write_visit(root, "- An \\*escaped\\* star and [a link](https://example.org/a_(b)) here. [challenge]\n")
    assert build_and_compare(root) == [("An *escaped* star and a link here.", "challenge")]


PIECES = st.sampled_from([
    "- ", "* ", "1. ", "• ", "·\t", "-\u00a0", "  - ", "    - ", "\t- ", "\n", "\n\n", "word", "more words",
    "[challenge]", "[inspiration]", " [contacts]", "[chalenge]", "`code`", "`<!--`", "-->", "<!-- note -->",
    "\\*", "*em*", "[l](https://example.org/(x))", "&amp;", "<b>", "#", ":",
])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate], database=None)
@given(parts=st.lists(PIECES, min_size=1, max_size=14))
def test_findings_in_the_data_are_the_items_the_page_shows(parts: list[str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "portal"
        shutil.copytree(PORTAL, root)
        write_visit(root, "".join(parts) + "\n")
        _, report = load(Sources(root))
        if report.error_count:
            return  # a near-miss marker and the like: located and refused, nothing published
        from practice_exchange.cli import main

        with contextlib.redirect_stdout(io.StringIO()):
            if main(["--root", str(root), "check"]):
                # Refused by the checks of the bodies (`[challenge]: x` makes each `[challenge]` a link to
                # `x`, which leads nowhere): the build refuses it alike, with the same line.
                assert mkdocs(root, "build").returncode == 1
                return
        build_and_compare(root)


def refused_alike(root: Path, capsys, expected: list[str], in_order: bool = True) -> None:  # type: ignore[no-untyped-def]
    """`check` lists exactly these errors (in this order, or any), and the build fails with each of them."""
    from practice_exchange.cli import main

    assert main(["--root", str(root), "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert all(line.startswith("error: ") for line in out[:len(expected)]), out
    out = [line.removeprefix("error: ") for line in out]
    listed = out[:len(expected)] if in_order else sorted(out[:len(expected)])
    assert listed == (expected if in_order else sorted(expected))
    assert out[len(expected)] == f"{len(expected)} errors, 0 warnings"
    result = mkdocs(root, "build")
    assert result.returncode == 1 and all(f"  {message}" in result.stderr for message in expected)


def test_a_body_link_to_no_page_is_located_by_check_and_build(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]

    root = copy_portal(tmp_path)
    path = root / "practices" / "parents-cafe.md"
    text = path.read_text("utf-8")
    line = text.count("\n") + 3
    path.write_text(text + "\n\nSee [Leuchtturm](../practices/leuchtturm.md), [the club](reading-clubs.md)"
                           " and [home](../index.md).\n", encoding="utf-8")
    expected = [
        f"practices/parents-cafe.md:{line}: body: the link `../practices/leuchtturm.md` leads to"
        " `practices/leuchtturm.md`, which is no page of the portal",
        f"practices/parents-cafe.md:{line}: body: the link `reading-clubs.md` leads to `practices/reading-clubs.md`,"
        " which is no page of the portal; did you mean `reading-club.md`?",
    ]
    refused_alike(root, capsys, expected)


def test_images_folder_addresses_and_root_addresses_are_checked_too(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Found by a hostile review: a missing image and a folder-style address to no page passed `check` and
    `--strict`, and a folder-style address to a page lost its `/` on the page."""
    from practice_exchange.cli import main

    root = copy_portal(tmp_path)
    (root / "docs" / "img").mkdir()
    (root / "docs" / "img" / "cafe.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = root / "practices" / "parents-cafe.md"
    text = path.read_text("utf-8")
    line = text.count("\n") + 3
    (root / "docs" / "img" / "c#-guide.pdf").write_bytes(b"%PDF")
    good = ("![The café](../img/cafe.png) [The club](../practices/reading-club/) [Visit](../visits/2014-01-oslo-lyon/)"
            " [Data](../exports/practices.csv) [Picture](../exports/network.svg) [Mail](mailto:a@example.org)"
            " <a@example.org> [Guide](../img/c%23-guide.pdf)")
    bad = ("![Photo](../img/missing.png) [Gone](../practices/reading-clubs/) [Root](/practices/nowhere/)"
           " [File](/practices/reading-club.md) [Bare](../practices/reading-club#who) [All](../practices?all)"
           " [Visit](2014-01-oslo-lyon)")
    path.write_text(text + f"\n\n{bad}\n\n{good}\n", encoding="utf-8")
    expected = [
        f"practices/parents-cafe.md:{line}: body: the link `../practices/reading-clubs/` leads to"
        " `practices/reading-clubs/`, which is no page of the portal; did you mean `../practices/reading-club.md`?",
        f"practices/parents-cafe.md:{line}: body: the link `/practices/nowhere/` leads to `practices/nowhere/`,"
        " which is no page of the portal",
        f"practices/parents-cafe.md:{line}: body: the link or image `../img/missing.png` leads to `img/missing.png`,"
        " which is no file of the portal; put the file there (under `docs/`), or correct the address",
        f"practices/parents-cafe.md:{line}: body: the link `/practices/reading-club.md` names a page's file from"
        " the site's root, which the page would show as it is written; write it from here: `reading-club.md`",
        # A page's file name without `.md` was told to put a file under docs/ (a new user's review).
        f"practices/parents-cafe.md:{line}: body: the link `../practices/reading-club#who` leads to no file: a page"
        " is linked by its file's name; did you mean `../practices/reading-club.md#who`?",
        f"practices/parents-cafe.md:{line}: body: the link `../practices?all` leads to no file: a page is linked by"
        " its file's name; did you mean `../practices/index.md?all`?",
        # A page's name alone, from another folder: it was told to put a file under docs/ (a new user's review).
        f"practices/parents-cafe.md:{line}: body: the link `2014-01-oslo-lyon` leads to no file: a page is linked by"
        " its file's path from this page; did you mean `../visits/2014-01-oslo-lyon.md`?",
    ]
    refused_alike(root, capsys, expected, in_order=False)

    path.write_text(text + f"\n\n{good}\n", encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 0
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((root / "site/practices/parents-cafe/index.html").read_text("utf-8"), "html.parser")
    body = page.select_one(".px-body")
    assert body is not None
    assert [a["href"] for a in body.select("a")][-7:] == [
        "../reading-club/", "../../visits/2014-01-oslo-lyon/", "../../exports/practices.csv",
        "../../exports/network.svg", "mailto:a@example.org", "mailto:a@example.org", "../../img/c%23-guide.pdf"]
    assert body.select("img")[-1]["src"] == "../../img/cafe.png"


def test_a_link_or_image_above_the_site_s_root_is_refused(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Found by a hostile review: `../../../tmp/secret.png` passed `check` and `--strict`, and the report's
    PDF, printed from its file, showed that file of the printing machine."""
    root = copy_portal(tmp_path)
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    path = root / "practices" / "parents-cafe.md"
    text = path.read_text("utf-8")
    line = text.count("\n") + 3
    path.write_text(text + "\n\n![secret](../../../../secret.png) [up](../..) [notes](../../notes.pdf)\n",
                    encoding="utf-8")
    expected = [f"practices/parents-cafe.md:{line}: body: the link or image `{href}` leads above the site's root,"
                " outside the portal; link to a page or file of the portal (files go under `docs/`)"
                for href in ("../../../../secret.png", "../..", "../../notes.pdf")]
    refused_alike(root, capsys, expected, in_order=False)


def test_a_link_written_with_backslashes_is_refused_at_its_own_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """Markdown reads `\\.` as an escaped `.`: the address it publishes is not what the author wrote, and
    the error named the body's first line."""
    from practice_exchange.cli import main

    root = copy_portal(tmp_path)
    path = root / "practices" / "parents-cafe.md"
    text = path.read_text("utf-8")
    line = text.count("\n") + 5
    path.write_text(text + "\n\nA paragraph.\n\n![x](..\\..\\..\\tmp\\secret.png)\n", encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 1
    assert capsys.readouterr().out.startswith(f"error: practices/parents-cafe.md:{line}: body: the link or image `")


def test_a_loose_item_s_sub_items_are_joined_as_a_tight_one_s() -> None:
    """`first; second`, not `first ; second` (the line end after a loose item's paragraph was kept)."""
    import xml.etree.ElementTree as etree

    from markdown import Markdown

    from practice_exchange.content.body import plain

    md = Markdown()
    for text in ("- Item:\n\n    - the first\n\n    - the second.\n", "- Item:\n    - the first\n    - the second.\n"):
        tree = etree.fromstring(f"<div>{md.convert(text)}</div>")
        item = tree.find("ul/li")
        assert item is not None and plain(item, md) == "Item: the first; the second."


# Found by two reviews: a marker written so that it is none was shown as text and counted nowhere, with
# no message (in bold, two in one pair of brackets, in round brackets); one with an invisible space
# inside its brackets was not read as a marker either.
@pytest.mark.parametrize(("item", "expected"), [
    ("- An idea. **[challenge]**", "error: {at}:9: category: `[challenge]` is written as text (in bold, italics,"
     " code or a link, or with `\\[`), so it is shown and not counted; write the category marker as it is,"
     " without formatting: `… text. [challenge]`"),
    ("- An idea. *[inspiration]*", "error: {at}:9: category: `[inspiration]` is written as text"),
    ("- An idea. `[contacts]`", "error: {at}:9: category: `[contacts]` is written as text"),
    ("- An idea. \\[challenge\\]", "error: {at}:9: category: `[challenge]` is written as text"),
    ("- An idea. [challenge, contacts]", "error: {at}:9: category: `[challenge, contacts]` holds 2 category"
     " markers in one pair of brackets, so none is counted; an item takes one: keep the one that fits best,"
     " such as `[challenge]`"),
    ("- An idea. (challenge)", "warning: {at}:9: category: `(challenge)` ends the item in other brackets than a"
     " category marker's, so it is shown as text and not counted; write `[challenge]`"),
    ("- An idea. {information}.", "warning: {at}:9: category: `{information}.` ends the item in other brackets"),
    # An invisible space inside the brackets, then a full stop: the full stop is said, as without it.
    ("- An idea. [challenge\u200b].", "error: {at}:9: category: the category marker `[challenge]` must be the"
     " last thing in the finding; put the punctuation before it"),
])
def test_a_marker_written_so_that_it_is_none_is_said(tmp_path: Path, item: str, expected: str) -> None:
    root = copy_portal(tmp_path)
    write_visit(root, item + "\n")
    _, report = load(Sources(root))
    said = [f"{p.severity.value}: {p}" for p in [*report.errors, *report.warnings]]
    assert len(said) == 1 and said[0].startswith(expected.replace("{at}", VISIT)), said


@pytest.mark.parametrize("blank", ["\u200b", "\u00a0", "\u2003", "\ufeff"])
def test_an_invisible_space_inside_a_marker_s_brackets_is_read_as_a_space(tmp_path: Path, blank: str) -> None:
    root = copy_portal(tmp_path)
    write_visit(root, f"- One idea. [challenge{blank}]\n- Another. [{blank}contacts]\n")
    assert build_and_compare(root) == [("One idea.", "challenge"), ("Another.", "contacts")]


def test_a_follow_up_status_in_bold_is_said_as_such(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    (root / VISIT).write_text(f"{HEAD}## Key learning points\n\n- A point. [information]{REST}\n## Follow-up\n\n"
                              "- A café opened at one school. **[adopted]**\n", encoding="utf-8")
    _, report = load(Sources(root))
    said = [str(p) for p in report.errors]
    assert said == [f"{VISIT}:21: status: `[adopted]` is written as text (in bold, italics, code or a link, or"
                    " with `\\[`), so it is shown and not counted; write the status as it is, without formatting:"
                    " `… text. [adopted]`"]


@pytest.mark.parametrize("indent", ["\t", "    "])
@pytest.mark.parametrize("highlight", [False, True])
def test_findings_indented_into_a_code_block_are_an_error_at_their_line(
        tmp_path: Path, capsys, indent: str, highlight: bool) -> None:  # type: ignore[no-untyped-def]
    """A new user's review: items indented by a tab were shown in a grey code box and not counted,
    and only a warning that the section had no findings was given. With `pymdownx.highlight` the code
    block is HTML set aside whole (a second review): found by its indented line."""
    from practice_exchange.cli import main

    root = copy_portal(tmp_path)
    if highlight:
        (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8") + "markdown_extensions:\n"
                                         "  - pymdownx.highlight\n  - pymdownx.superfences\n", encoding="utf-8")
    path = root / "visits" / "2014-03-lyon-usti.md"
    text = path.read_text("utf-8")
    item = "- Ask schools to host one class for parents. [challenge]"
    assert text.count(item) == 1
    path.write_text(text.replace(item, f"{indent}{item}\n{indent}- Another idea. [inspiration]"), encoding="utf-8")
    line = text[:text.index(item)].count("\n") + 1
    assert main(["--root", str(root), "check"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"error: visits/2014-03-lyon-usti.md:{line}: body: this list item starts with a tab or four"
                          " spaces, so the page shows it, and the items after it, as code")
    assert "1 error" in out
    # A fenced block of code in the section stays the author's code.
    path.write_text(text.replace(item, f"{item}\n\n```\n- a line of code\n```"), encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 0


def test_a_marker_missing_one_bracket_is_said_not_dropped(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A new user's review: `[information` and `contacts]` were counted as findings without a class,
    with no message; in a follow-up, `[planned` got only "no status"."""
    from practice_exchange.cli import main

    root = copy_portal(tmp_path)
    path = root / "visits" / "2014-03-lyon-usti.md"
    text = path.read_text("utf-8")
    item = "- Classes are built around school life. [inspiration]"
    line = text[:text.index(item)].count("\n") + 1
    path.write_text(text.replace(item, "- Classes are built around school life. [inspiration\n- Parents advise us."
                                       " contacts]\n- Read as written [sic] by them.")
                    + "\n## Follow-up\n\n- We tried the classes. [planned\n", encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 1
    out = capsys.readouterr().out.splitlines()
    follow = text.count("\n") + 6  # two lines more above it
    assert out == [
        f"error: visits/2014-03-lyon-usti.md:{follow}: status: `[planned` has no closing `]`, so it is shown as text"
        " and not counted; write `[planned]`",
        f"warning: visits/2014-03-lyon-usti.md:{line}: category: `[inspiration` has no closing `]`, so it is shown"
        " as text and not counted; write `[inspiration]`",
        f"warning: visits/2014-03-lyon-usti.md:{line + 1}: category: `contacts]` has no opening `[`, so it is shown"
        " as text and not counted; write `[contacts]`",
        "1 error, 2 warnings"]


def test_a_marker_ending_text_that_is_no_list_item_of_its_section_is_said(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A hostile review: a marker in a quote, a table, a note, a paragraph (an item written `1)`), a
    sub-heading or the section's heading, or written in full-width brackets, was shown as text and
    counted nowhere, with no message."""
    from practice_exchange.cli import main

    root = copy_portal(tmp_path)
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8")
                                     + "markdown_extensions:\n  - admonition\n  - tables\n", encoding="utf-8")
    path = root / "visits" / "2014-03-lyon-usti.md"
    text = path.read_text("utf-8")
    item = "- Classes are built around school life. [inspiration]"
    shapes = ["- Full width ［challenge］", "", "> - Quoted item. [challenge]", "", "| a | b |", "|---|---|",
              "| cell [contacts] | x |", "", "!!! note", "    - In a note. [inspiration]", "",
              "A paragraph ending. [challenge]", "", "1) Ordered paren item. [information]", "",
              "### Sub-heading [inspiration]"]
    path.write_text(text.replace(item, "\n".join([item, *shapes])), encoding="utf-8")
    first = text[:text.index(item)].count("\n") + 2
    assert main(["--root", str(root), "check"]) == 0
    out = capsys.readouterr().out.splitlines()
    lines = [first + at for at, shape in enumerate(shapes) if "]" in shape or "］" in shape]
    assert [int(line.split(":")[2]) for line in out[:-1]] == lines
    assert out[0].endswith("ends the item in other brackets than a category marker's, so it is shown as text and"
                           " not counted; write `[challenge]`")
    assert all("ends text that is not one of the section's list items" in line for line in out[1:-1])
    assert out[-1] == "0 errors, 7 warnings"


def test_a_misspelt_city_is_not_also_told_to_rename_the_file_after_the_misspelling(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from practice_exchange.cli import main

    root = copy_portal(tmp_path)
    visit = root / "visits" / "2014-01-oslo-lyon.md"
    visit.write_text(visit.read_text("utf-8").replace("host: lyon", "host: lyonn"), encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "error: visits/2014-01-oslo-lyon.md:3: host: unknown city `lyonn`, not found in network.yml; did you mean"
        " `lyon`?", "1 error, 0 warnings"]


def test_a_visit_copied_under_another_name_is_said_not_counted_twice_silently(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A new user's review: a visit's file copied under a new name and left unedited was counted twice
    (five visits, one host visited three times), and `check` found no problem."""
    from practice_exchange.cli import main

    root = copy_portal(tmp_path)
    original = root / "visits" / "2014-03-lyon-usti.md"
    shutil.copy(original, root / "visits" / "2014-09-oslo-lyon.md")
    assert main(["--root", str(root), "check"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "warning: visits/2014-09-oslo-lyon.md:4: start: `visits/2014-03-lyon-usti.md` describes the same visit (lyon"
        " visiting usti, 2014-03-12 to 2014-03-12), which is then counted twice; remove one of the files, or"
        " correct this one's fields",
        "warning: visits/2014-09-oslo-lyon.md:4: start: the file's name says `2014-09-oslo-lyon`, but the visit is lyon"
        " visiting usti from 2014-03-12: name it `2014-03-lyon-usti.md`, or correct the fields",
        "0 errors, 2 warnings"]
    # A second visit of the same pair in the same month, named as recommended with a suffix: no message.
    text = original.read_text("utf-8").replace("start: 2014-03-12", "start: 2014-03-20")
    (root / "visits" / "2014-09-oslo-lyon.md").unlink()
    (root / "visits" / "2014-03-lyon-usti-2.md").write_text(text, encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 0
    assert capsys.readouterr().out.strip() == "no problems found"


def test_one_visit_in_three_languages_is_counted_once_and_not_warned_about(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A hostile review: the German naming the English and the French made the French counted beside the
    English, and the English and French were warned about as two files of one visit; a name with the
    whole day (`2014-03-12-lyon-usti`) was warned about too."""
    import json

    from practice_exchange.cli import main

    root = copy_portal(tmp_path)
    visits = root / "visits"
    text = (visits / "2014-03-lyon-usti.md").read_text("utf-8")
    title = "title: Lyon learns about language steps"
    named = "translations: {en: 2014-03-lyon-usti, fr: 2014-03-12-lyon-usti-fr}"
    (visits / "2014-03-lyon-usti-de.md").write_text(text.replace(title, f"{title}\nlang: de\n{named}"), "utf-8")
    (visits / "2014-03-12-lyon-usti-fr.md").write_text(text.replace(title, f"{title}\nlang: fr"), encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 0
    assert capsys.readouterr().out.strip() == "no problems found"
    assert mkdocs(root, "build", "--strict").returncode == 0
    findings = json.loads((root / "site" / "exports" / "findings.json").read_text("utf-8"))
    assert [s["visit"] for s in findings["schedule"]] == ["2014-01-oslo-lyon", "2014-03-lyon-usti"]


def test_a_numbered_item_outside_the_steps_list_is_said(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """A hostile review: steps after a paragraph that ends the list, or in a quote, were shown and
    dropped from the card's steps (and its CSV cell), with no message."""
    import json

    from practice_exchange.cli import main

    root = copy_portal(tmp_path)
    path = root / "toolkit" / "roundtable.md"
    text = path.read_text("utf-8")
    path.write_text(text.replace("3. Hold the first meeting.", "3. Hold the first meeting.\n\nA note.\n\n"
                                 "4. Write down what was agreed.\n\n> 5. A quoted step."), encoding="utf-8")
    line = text[:text.index("3. Hold")].count("\n") + 1 + 4
    assert main(["--root", str(root), "check"]) == 0
    assert capsys.readouterr().out.startswith(
        f"warning: toolkit/roundtable.md:{line}: body: `Write down what was agreed.` is a numbered item under"
        " `## Steps` outside its numbered list")
    assert mkdocs(root, "build").returncode == 0
    cards = json.loads((root / "site" / "exports" / "portal.json").read_text("utf-8"))["toolkit"]
    assert len(next(c for c in cards if c["slug"] == "roundtable")["steps"]) == 3  # shown, not read: said


def test_a_visits_file_name_is_not_advised_while_a_city_is_no_id_and_is_said_at_the_field_it_disagrees_with(
        tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from practice_exchange.cli import main

    root = copy_portal(tmp_path)
    visit = root / "visits" / "2014-03-lyon-usti.md"
    text = visit.read_text("utf-8")
    visit.write_text(text.replace("host: usti", "host: Ústí nad Labem"), "utf-8")
    main(["--root", str(root), "check"])
    out = capsys.readouterr().out
    assert "unknown city" in out and "file's name" not in out  # no `2014-03-lyon-Ústí nad Labem.md`
    visit.write_text(text.replace("host: usti", "host: oslo"), "utf-8")
    main(["--root", str(root), "check"])
    said = [line for line in capsys.readouterr().out.splitlines() if "file's name" in line]
    line = text.split("\n").index("host: usti") + 1
    assert len(said) == 1 and said[0].startswith(f"warning: visits/2014-03-lyon-usti.md:{line}: host: ")
