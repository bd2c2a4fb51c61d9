"""A hostile contributor's input: no author text runs as script, nothing crashes, nothing blows up."""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import copy_portal, mkdocs, serve
from hostile import ENTITIES, SCRIPT, TAG, UNCLOSED, executable, script_portal, titles
from practice_exchange.cli import main
from practice_exchange.content import Sources, load
from practice_exchange.errors import Report
from practice_exchange.pages.safety import clean

EXTENSIONS = "markdown_extensions:\n  - attr_list\n  - tables\n  - admonition\n  - toc:\n      permalink: true\n"


def problems(root: Path) -> list[str]:
    """Every problem `load` reports for a portal, as `path:line: field: message` lines."""
    _, report = load(Sources(root))
    return [str(p) for p in report.problems]


def built(root: Path, *args: str) -> tuple[int, str]:
    result = mkdocs(root, "build", *args)
    assert "Traceback" not in result.stderr, result.stderr
    return result.returncode, result.stderr


# 1. Author text in <title>, navigation, headings and every other place stays text.

@pytest.mark.parametrize("vocabulary", [True, False], ids=["vocabulary", "free-tags"])
def test_script_in_every_field_stays_text_everywhere(tmp_path: Path, vocabulary: bool) -> None:
    root = script_portal(tmp_path, vocabulary)
    code, log = built(root, "--strict")
    assert code == 0, log
    site = root / "site"
    assert executable(site) == []
    # The author's words are shown as written, in <title> and on the page, not dropped.
    assert titles(site, "practices/parents-cafe/index.html").startswith(SCRIPT + " - ")
    assert titles(site, "cities/lyon/index.html").startswith("Lyon " + SCRIPT)
    assert titles(site, "cities/oslo/index.html").startswith("Oslo " + UNCLOSED)
    assert titles(site, "visits/2014-01-oslo-lyon/index.html").startswith(UNCLOSED)
    page = BeautifulSoup((site / "practices/parents-cafe/index.html").read_text("utf-8"), "html.parser")
    assert page.select_one("article h1").get_text() == SCRIPT
    assert page.select_one(".px-summary").get_text().startswith(ENTITIES)
    body = page.select_one(".px-body").get_text()
    # In Markdown an entity stands for its character; in a field, text is text.
    assert SCRIPT in body and html.unescape(ENTITIES) in body and TAG in body
    assert "a note" not in body  # an HTML comment is the author's note, never shown
    tag_page = "tags/parents/index.html" if vocabulary else "tags/kaap-title-script-alert-1-script/index.html"
    assert titles(site, tag_page).startswith(ENTITIES if vocabulary else SCRIPT)


def test_the_checker_finds_what_runs(tmp_path: Path) -> None:
    """The test's own detector sees a <title> break-out, an event attribute and a script address."""
    (tmp_path / "a.html").write_text("<html><head><title></title><script>alert(1)</script></title></head>"
                                     "<body><img src=x onerror=y><a href=' javascript:x'>a</a>"
                                     "<iframe></iframe></body></html>", encoding="utf-8")
    assert len(executable(tmp_path)) == 4


def test_browser_runs_no_author_script(tmp_path: Path, browser) -> None:  # type: ignore[no-untyped-def]
    root = script_portal(tmp_path)
    assert built(root)[0] == 0
    site = root / "site"
    dialogs: list[str] = []
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    with serve(site) as base:
        page = browser.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages:
            page.goto(base + path)
            page.wait_for_load_state("load")
            for element in page.query_selector_all(".md-content a, .md-content img")[:20]:
                element.hover()
        page.close()
    assert len(pages) > 20
    assert dialogs == []


# 2 and 3. What Markdown extensions make of an entry's text is sanitised; script is refused with its line.

@pytest.mark.parametrize(("line", "message"), [
    ('![p](pic.png){: onerror="alert(document.domain)" }',
     "the attribute `onerror` on an element could run script, so it is removed"),
    ('A paragraph.\n{: onmouseover="alert(1)" }', "the attribute `onmouseover` on an element could run script"),
    ("[Read more](javascript:alert(1))", "the address `javascript:alert(1)` uses `javascript:`"),
    ("[Read more](JaVaScRiPt:alert(1))", "the address `JaVaScRiPt:alert(1)` uses `javascript:`"),
    ("[more][m]\n\n[m]: javascript:alert(1)", "the address `javascript:alert(1)` uses `javascript:`"),
    ("[Read](vbscript:msgbox(1))", "the address `vbscript:msgbox(1)` uses `vbscript:`"),
    ("[Read](data:text/html;base64,PHNjcmlwdD4=)", "the address `data:text/html;base64,PHNjcmlwdD4=` uses `data:`"),
    ("![p](data:,)", "the address `data:,` uses `data:`"),
])
def test_script_in_a_body_is_refused_with_its_line(tmp_path: Path, line: str, message: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_portal(tmp_path)
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8") + EXTENSIONS, encoding="utf-8")
    path = root / "practices" / "reading-club.md"
    text = path.read_text("utf-8")
    at = text.count("\n") + 3
    path.write_text(text + f"\n\n{line}\n", encoding="utf-8")
    code, log = built(root)
    assert code == 1
    wanted = at + (2 if "[m]:" in line else 1 if "\n{:" in line else 0)
    assert f"practices/reading-club.md:{wanted}: body: {message}" in log
    assert not (root / "site" / "practices").exists()  # nothing of the site is written
    # `check` refuses what the build refuses, with the same words.
    assert main(["--root", str(root), "check"]) == 1
    assert f"practices/reading-club.md:{wanted}: body: {message}" in capsys.readouterr().out


def test_harmless_attributes_are_dropped_with_a_warning(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8") + EXTENSIONS, encoding="utf-8")
    path = root / "practices" / "reading-club.md"
    path.write_text(path.read_text("utf-8") + '\n\nSee [the plan](https://example.org){: target="_blank" .big }\n',
                    encoding="utf-8")
    code, log = built(root)
    assert code == 0
    assert "the attribute `target` is not kept on `<a>`" in log
    assert built(root, "--strict")[0] == 1
    assert main(["--root", str(root), "check", "--strict"]) == 1
    link = BeautifulSoup((root / "site/practices/reading-club/index.html").read_text("utf-8"), "html.parser")
    anchor = link.select_one('.px-body a[href="https://example.org"]')
    assert anchor is not None and anchor.get("target") is None and anchor.get("class") == ["big"]


def test_the_sanitiser_keeps_what_markdown_makes_and_drops_what_runs() -> None:
    kept = ('<h2 id="a">A<a class="headerlink" href="#a" title="Permanent link">¶</a></h2>'
            '<table><thead><tr><th style="text-align: left;">x</th></tr></thead></table>'
            '<div class="admonition note"><p class="admonition-title">Note</p></div>'
            '<p><a href="../kaap/">KAAP</a> <a href="mailto:a@b.c">mail</a> <img alt="p" src="p.png"></p>')
    out = clean(kept)
    for piece in ('id="a"', 'class="headerlink"', 'href="#a"', 'style="text-align:left"', 'class="admonition note"',
                  'href="../kaap/"', 'href="mailto:a@b.c"', 'src="p.png"'):
        assert piece in out
    hostile = ('<img src="data:," onerror="alert(1)"><a href="javascript:alert(1)" onclick="x">a</a>'
               '<script>alert(1)</script><iframe src="https://x.example"></iframe><p style="color:red">t</p>')
    out = clean(hostile)
    for piece in ("onerror", "javascript", "onclick", "<script", "alert", "<iframe", "color"):
        assert piece not in out
    assert ">a</a>" in out and ">t</p>" in out


# 6, 7 and 8. Front matter that would exhaust the machine is a located message.

BOMB = ('a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
        'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n')
ALIAS = "the front matter repeats a value with an anchor and an alias (`&name` … `*name`)"


def test_an_alias_bomb_is_refused(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    (root / "practices" / "bomb.md").write_text(f"---\n{BOMB}---\n", encoding="utf-8")
    assert any(p.startswith(f"practices/bomb.md:3: {ALIAS}") for p in problems(root))


def test_an_alias_in_tags_and_in_network_yml_is_refused(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    path = root / "practices" / "parents-cafe.md"
    path.write_text(path.read_text("utf-8").replace("  - on\n", "  - &t on\n  - *t\n"), encoding="utf-8")
    network = root / "network.yml"
    network.write_text(network.read_text("utf-8").replace("name: Fixture network", "name: &n Fixture network")
                       .replace("description: A small network for the tests", "description: *n"), encoding="utf-8")
    found = problems(root)
    assert f"practices/parents-cafe.md:8: {ALIAS}" in " ".join(found)
    assert any(p.startswith("network.yml:2: the file repeats a value with an anchor and an alias") for p in found)


@pytest.mark.parametrize("depth", [495, 100_000])
def test_deep_nesting_is_refused(tmp_path: Path, depth: int) -> None:
    root = copy_portal(tmp_path)
    path = root / "practices" / "parents-cafe.md"
    path.write_text(path.read_text("utf-8").replace("city: oslo", "city: oslo\nrelated: " + "[" * depth + "]" * depth),
                    encoding="utf-8")
    assert ("practices/parents-cafe.md:4: the front matter nests lists or groups of fields more than 10 levels deep;"
            " no field takes that: check the brackets and the indentation") in problems(root)


@pytest.mark.parametrize(("field", "where"), [
    ("started", ("practices/parents-cafe.md", "city: oslo", "started: {}", 4)),
    ("delegates", ("visits/2014-01-oslo-lyon.md", "delegates: 3", "delegates: {}", 6)),
    ("equipment", ("toolkit/roundtable.md", "count: 1", "count: {}", 13)),
])
def test_huge_numbers_are_out_of_range(tmp_path: Path, field: str, where: tuple[str, str, str, int]) -> None:
    root = copy_portal(tmp_path)
    rel, old, new, line = where
    path = root / rel
    text = path.read_text("utf-8")
    replacement = new.format("9" * 5000)
    path.write_text(text.replace(old, f"{old}\n{replacement}" if field == "started" else replacement), encoding="utf-8")
    found = [p for p in problems(root) if p.startswith(f"{rel}:{line}: {field}:")]
    assert len(found) == 1 and len(found[0]) < 300, problems(root)
    assert "(5000 digits) is out of range" in found[0] or "(5000 characters)" in found[0]


# 9. Every step stays linear: a long run of unclosed emphasis builds and keeps its text whole, up to the
# number of emphasis marks a paragraph may hold; past it, the finding is refused at its line.

@pytest.mark.parametrize(("openers", "refused"), [(450, False), (16000, True)])
def test_a_long_finding_of_openers_builds_and_keeps_its_text(tmp_path: Path, openers: int, refused: bool) -> None:
    root = copy_portal(tmp_path)
    path = root / "visits" / "2014-01-oslo-lyon.md"
    finding = "__a " * openers
    text = path.read_text("utf-8")
    item = "- A contract with the library. [information]"
    path.write_text(text.replace(item, f"- {finding}[information]"), encoding="utf-8")
    code, log = built(root)
    if refused:
        line = text[:text.index(item)].count("\n") + 1
        assert code == 1 and (f"visits/2014-01-oslo-lyon.md:{line}: body: this line starts a paragraph or list item"
                              " of more than 1,000 emphasis marks") in log
        return
    assert code == 0, log
    data = json.loads((root / "site/exports/portal.json").read_text("utf-8"))
    texts = [f["text"] for v in data["visits"] for f in v["findings"] if f["category"] == "information"]
    assert finding.strip() in texts


# 10. Unreadable and odd files.

def test_a_docs_page_that_is_not_utf8_is_located(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    (root / "docs" / "latin.md").write_bytes("# Ústí\n\nGrüße\n".encode("latin-1"))
    code, log = built(root)
    assert code == 1
    assert "docs/latin.md:1: the file is not UTF-8 text; save it with UTF-8 encoding" in log
    assert main(["--root", str(root), "check"]) == 1


def test_unreadable_files_and_folders_are_located(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = copy_portal(tmp_path)
    real_open = open
    real_iterdir = Path.iterdir

    def refuse(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(path).endswith(("reading-club.md", "network.yml")):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args, **kwargs)

    def refuse_folder(self: Path):  # type: ignore[no-untyped-def]
        if self.name == "toolkit":
            raise PermissionError(13, "Permission denied")
        return real_iterdir(self)

    monkeypatch.setattr("builtins.open", refuse)
    monkeypatch.setattr(Path, "iterdir", refuse_folder)
    found = problems(root)
    unreadable = "the file cannot be read (Permission denied); check that it is a file and that everyone may read it"
    assert f"practices/reading-club.md: {unreadable}" in found
    assert f"network.yml: {unreadable}" in found
    assert "toolkit: the folder cannot be read (Permission denied); check that everyone may read it" in found


def test_links_out_of_the_portal_are_refused(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    outside = tmp_path / "secret.md"
    outside.write_text((root / "practices" / "parents-cafe.md").read_text("utf-8"), encoding="utf-8")
    (root / "practices" / "secret.md").symlink_to(outside)
    (root / "practices" / "mem.md").symlink_to("/proc/self/mem")
    (root / "practices" / "loop.md").symlink_to(root / "practices" / "loop.md")
    shared = root / "shared.md"
    shared.write_text(outside.read_text("utf-8"), encoding="utf-8")
    (root / "practices" / "shared.md").symlink_to(shared)  # inside the portal: fine
    found = problems(root)
    refused = "is a link to a file outside the portal, which is not published; copy the file into the folder instead"
    assert f"practices/secret.md: {refused}" in found
    assert f"practices/mem.md: {refused}" in found
    assert f"practices/loop.md: {refused}" in found
    assert not [p for p in found if p.startswith("practices/shared.md")]
    code, log = built(root)
    assert code == 1 and f"practices/secret.md: {refused}" in log


def test_a_folder_linked_out_of_the_portal_is_refused(tmp_path: Path) -> None:
    """A hostile review: each file's own link was checked, not the folder's, so a kind's folder linked
    elsewhere published whatever lay there."""
    root = copy_portal(tmp_path)
    outside = tmp_path / "elsewhere"
    shutil.copytree(root / "practices", outside)
    (outside / "secret.md").write_text((outside / "parents-cafe.md").read_text("utf-8").replace(
        "## How it works", "## How it works\n\nSECRET BODY\n"), encoding="utf-8")
    shutil.rmtree(root / "practices")
    (root / "practices").symlink_to(outside)
    found = problems(root)
    assert ("practices: is a link to a folder outside the portal, whose files are not published; copy the folder"
            " into the portal instead") in found
    code, log = built(root)
    assert code == 1 and "practices: is a link to a folder outside the portal" in log
    assert not list((root / "site").rglob("secret/index.html"))


def test_a_folder_linked_to_nothing_is_said(tmp_path: Path) -> None:
    """A hostile review: `toolkit` linked to itself built with no cards and no message."""
    root = copy_portal(tmp_path)
    shutil.rmtree(root / "toolkit")
    (root / "toolkit").symlink_to(root / "toolkit")
    assert ("toolkit: is a link that leads to no folder; make it the folder of the entries, or remove it"
            in problems(root))


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    path = root / "practices" / "huge.md"
    with open(path, "wb") as handle:
        handle.truncate(3 * 1024 * 1024)
    assert ("practices/huge.md: the file is 3.0 MiB; a content file holds at most 1 MiB of text: split it,"
            " or move pictures and documents out of it") in problems(root)


# 12 and 13. Pages of the portal's own that a hand-written file would replace; problems that cannot be sorted.

def test_hand_written_files_may_not_replace_generated_ones(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_portal(tmp_path)
    docs = root / "docs"
    (docs / "practices.md").write_text("# Mine\n", encoding="utf-8")
    (docs / "catalogue.md").write_text("# Mine\n", encoding="utf-8")
    (docs / "findings").mkdir()
    (docs / "findings" / "index.md").write_text("# Mine\n", encoding="utf-8")
    (docs / "exports").mkdir()
    (docs / "exports" / "portal.json").write_text("{}", encoding="utf-8")
    (docs / "assets" / "practice-exchange").mkdir(parents=True)
    (docs / "assets" / "practice-exchange" / "catalogue.js").write_text("alert(1)", encoding="utf-8")
    code, log = built(root)
    assert code == 1
    # `check` says what the build says: it passed the data export and the asset (a hostile review).
    assert main(["--root", str(root), "check"]) == 1
    checked = capsys.readouterr().out
    for rel, dest in (("practices.md", "practices/index.html"), ("catalogue.md", "catalogue/index.html"),
                      ("findings/index.md", "findings/index.html"), ("exports/portal.json", "exports/portal.json"),
                      ("assets/practice-exchange/catalogue.js", "assets/practice-exchange/catalogue.js")):
        said = f"docs/{rel}: it would be published as `{dest}`, where the plugin puts"
        assert said in log and said in checked, (said, checked)


def test_clashes_in_a_nested_docs_folder_are_named_alike_by_check_and_build(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A hostile review: with `docs_dir: content/pages`, the build named `pages/…` and check said one twice."""
    root = copy_portal(tmp_path)
    (root / "content").mkdir()
    (root / "docs").rename(root / "content" / "pages")
    config = root / "mkdocs.yml"
    config.write_text("docs_dir: content/pages\n" + config.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "content" / "pages" / "cities").mkdir()
    (root / "content" / "pages" / "cities" / "x.md").write_text("# Mine\n", encoding="utf-8")
    (root / "content" / "pages" / "exports").mkdir()
    (root / "content" / "pages" / "exports" / "portal.json").write_text("{}", encoding="utf-8")
    said = ["content/pages/cities/x.md: `cities/` in the site belongs to the pages the plugin makes; move this page"
            " elsewhere in `content/pages/`",
            "content/pages/exports/portal.json: it would be published as `exports/portal.json`, where the plugin puts"
            " one of its data exports; rename it or move it to another folder"]
    assert main(["--root", str(root), "check"]) == 1
    assert capsys.readouterr().out.splitlines() == [*(f"error: {line}" for line in said), "2 errors, 0 warnings"]
    code, log = built(root)
    assert code == 1 and all(f"  {line}" in log.splitlines() for line in said), log


def test_problems_with_and_without_a_line_are_listed_together(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    (root / "docs" / "practices").mkdir()
    (root / "docs" / "practices" / "report.md").write_text("# Report\n\n<!-- findings:shedule -->\n", encoding="utf-8")
    code, log = built(root)
    assert code == 1
    first = log.index("docs/practices/report.md: `practices/` in the site belongs to the pages the plugin makes")
    second = log.index(
        "docs/practices/report.md:3: findings: unknown findings block `shedule`; did you mean `schedule`?"
    )
    assert first < second
    report = Report()
    report.error("a.md", 3, "x", "m")
    report.error("a.md", None, None, "n")
    assert [p.line for p in report.errors] == [None, 3]


# Found by a hostile review: ids copied into the table of contents, nesting that makes Markdown recurse,
# script addresses hidden behind entities.

@pytest.mark.parametrize(("text", "message"), [
    ("## H {: id='a\"><img src=x onerror=alert(1)>' }",
     "body: the id `a\"><img src=x onerror=alert(1)>` holds characters an id may not"),
    ("[a](java&#x09;script:alert(1))", "body: the address `java script:alert(1)` uses `javascript:`"),
    ("[a](javascript&colon;alert(1))", "body: the address `javascript:alert(1)` uses `javascript:`"),
    ("- " * 5000 + "x", "body: this line starts more than 32 lists or quotes inside each other"),
    ("*" * 20000 + "x" + "*" * 20000, "body: this line holds a run of more than 128 emphasis marks"),
    ("[" * 4000 + "x" + "]" * 4000, "body: this line opens more than 32 brackets `[` inside each other"),
    # Nested over many lines, each indented once more (found by a hostile review: a traceback before).
    ("\n".join("\t" * depth + "- x" for depth in range(250)), "body: this line is indented 132 columns"),
    ("\n".join("> " + "    " * depth + "1. x" for depth in range(250)), "body: this line is indented 132 columns"),
    # Found by a hostile review: a printed link showing another address than its own, and a badge the
    # data does not count.
    ("[the city](https://evil.example/){: data-px-target='https://www.muenchen.de/' }",
     "body: the attribute `data-px-target` is the portal's own (the address a printed report shows after a link)"),
    # Written in capitals: the sanitiser reads attribute names as HTML does, and kept it as the portal's.
    ("[the city](https://evil.example/){: data-PX-Target='https://www.muenchen.de/' }",
     "body: the attribute `data-px-target` is the portal's own (the address a printed report shows after a link)"),
    ("- An idea *challenge*{: .px-badge .px-badge--challenge .note }",
     "body: the class `px-badge` is the portal's own (its badges, facts and lists)"),
])
def test_more_hostile_bodies_are_refused_without_a_traceback(tmp_path: Path, text: str, message: str,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_portal(tmp_path)
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8") + EXTENSIONS, encoding="utf-8")
    path = root / "practices" / "parents-cafe.md"
    path.write_text(path.read_text("utf-8") + f"\n\n{text}\n", encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 1
    assert "practices/parents-cafe.md:" in capsys.readouterr().out
    code, log = built(root)
    assert code == 1 and message in log
    assert executable(root / "site") == [] if (root / "site").exists() else True


@pytest.mark.parametrize("shape", ["headings", "emphasis"])
def test_a_body_whose_reading_time_grows_with_its_square_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], shape: str) -> None:
    """Found by a hostile review: 20,000 headings with no blank line between them took `check` 34 s
    and the build 51 s; a paragraph of alternating emphasis marks, 20 s at 400 KB."""
    text, message = {
        "headings": ("\n".join(f"## h{at}" for at in range(20000)),
                     "starts more than 200 headings or rules with no blank line between them"),
        "emphasis": ("*a_" * 100000, "starts a paragraph or list item of more than 1,000 emphasis marks"),
    }[shape]
    root = copy_portal(tmp_path)
    path = root / "practices" / "parents-cafe.md"
    original = path.read_text("utf-8")
    path.write_text(original + f"\n\n{text}\n", encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 1
    assert capsys.readouterr().out.startswith(
        f"error: practices/parents-cafe.md:{original.count(chr(10)) + 3}: body: this line {message}")


@pytest.mark.parametrize("where", ["loading", "checking"])
def test_a_body_python_markdown_cannot_read_for_its_depth_is_a_located_error(
        tmp_path: Path, where: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Whatever shape `too_deep` does not foresee: the recursion Python-Markdown would end in is the
    file's problem, at its body's first line, in `check` and in the build, never a traceback."""
    import markdown

    from practice_exchange.pages import markdown as page_markdown

    root = copy_portal(tmp_path)
    path = root / "visits" / "2014-01-oslo-lyon.md"  # a visit's body is read for its findings
    path.write_text(path.read_text("utf-8") + "\n\nToo deep to read.\n", encoding="utf-8")
    convert, unsafe_in = markdown.Markdown.convert, page_markdown.unsafe_in

    def recursing(md: markdown.Markdown, source: str) -> str:
        if "Too deep to read." in source:
            raise RecursionError("maximum recursion depth exceeded")
        return convert(md, source)

    if where == "loading":
        monkeypatch.setattr(markdown.Markdown, "convert", recursing)
    else:  # read once by the loader, then deeper in the stack by check's own reading
        def checked(body: str, *args: object, **kwargs: object) -> object:
            if "Too deep to read." in body:
                raise RecursionError("maximum recursion depth exceeded")
            return unsafe_in(body, *args, **kwargs)  # type: ignore[arg-type]
        monkeypatch.setattr(page_markdown, "unsafe_in", checked)
    first = path.read_text("utf-8").split("---\n", 2)[1].count("\n") + 3  # the line after the front matter
    message = f"visits/2014-01-oslo-lyon.md:{first}: body: the text nests lists, quotes or brackets too deeply"
    assert main(["--root", str(root), "check"]) == 1
    out = capsys.readouterr().out
    assert message in out and "Traceback" not in out
    if where == "loading":  # the build's loader, the same as check's
        _, report = load(Sources(root))
        assert [str(problem)[:len(message)] for problem in report.errors] == [message]


def test_many_unclosed_comments_keep_the_text(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    path = root / "practices" / "parents-cafe.md"
    path.write_text(path.read_text("utf-8") + "\n\n" + "<!--\n" * 3000 + "\n" + "<!-- " * 3000 + "end\n",
                    encoding="utf-8")
    code, log = built(root, "--strict")
    assert code == 0, log
    body = BeautifulSoup((root / "site/practices/parents-cafe/index.html").read_text("utf-8"), "html.parser")
    text = body.select_one(".px-body").get_text()
    assert text.count("<!--") == 6000 and "end" in text  # never closed: shown as written


def test_a_bare_attribute_from_an_attribute_list_is_a_warning_not_a_traceback(tmp_path: Path) -> None:
    """`{: .x #y foo }` gives an attribute without a value (found by the property test)."""
    root = copy_portal(tmp_path)
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8") + EXTENSIONS, encoding="utf-8")
    path = root / "practices" / "parents-cafe.md"
    path.write_text(path.read_text("utf-8") + "\n\nA paragraph.\n{: .x #y foo onload }\n", encoding="utf-8")
    code, log = built(root)
    assert code == 1
    assert "body: the attribute `foo` is not kept on `<p>`" in log
    assert "body: the attribute `onload` on an element could run script" in log


def test_script_in_the_network_name_stays_text_on_a_generated_home_page_and_after_init(tmp_path: Path) -> None:
    root = script_portal(tmp_path / "a", vocabulary=False)
    (root / "docs" / "index.md").unlink()
    assert built(root, "--strict")[0] == 0
    assert executable(root / "site") == []
    home = BeautifulSoup((root / "site" / "index.html").read_text("utf-8"), "html.parser")
    assert SCRIPT in home.select_one("article").get_text()
    # `init` writes the name into mkdocs.yml's site_name, which the theme prints as HTML.
    name = "</title><script>alert(1)</script> & Co"
    assert main(["init", str(tmp_path / "b"), "--name", name, "--city", "a:A:FR", "--city", "b:B:DE"]) == 0
    assert built(tmp_path / "b", "--strict")[0] == 0
    assert executable(tmp_path / "b" / "site") == []
    assert titles(tmp_path / "b" / "site", "index.html") == name
    # The theme prints the name in a quoted attribute too (the logo's aria-label), unescaped.
    quoted = 'Net" onmouseover="alert(1)'
    assert main(["init", str(tmp_path / "c"), "--name", quoted, "--city", "a:A:FR", "--city", "b:B:DE"]) == 0
    assert built(tmp_path / "c", "--strict")[0] == 0
    assert executable(tmp_path / "c" / "site") == []
    logo = BeautifulSoup((tmp_path / "c" / "site" / "index.html").read_text("utf-8"), "html.parser").select_one(
        ".md-header .md-logo")
    assert logo is not None and logo["aria-label"] == quoted and not logo.has_attr("onmouseover")


@pytest.mark.parametrize(("written", "shown"), [
    ('Net "Q" </title><script>alert(1)</script>', 'Net "Q" </title><script>alert(1)</script>'),
    ('Say &quot;hi&quot; & R&amp;D', 'Say "hi" & R&D'),  # as `init` writes a name: references read once
])
def test_a_hand_written_site_name_is_text_in_the_title_the_header_and_the_logo(
        tmp_path: Path, written: str, shown: str) -> None:
    """The theme prints `site_name` unescaped in <title>, the header and an `aria-label`, and escaped once
    more in the logo's tooltip: a quote or `</title>` in mkdocs.yml ran as markup, and a name `init`
    wrote (`&quot;` for a quote) showed `&quot;` in the tooltip."""
    root = copy_portal(tmp_path)
    config = root / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines()
    lines = [f"site_name: {json.dumps(written)}" if line.startswith("site_name:") else line for line in lines]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert built(root, "--strict")[0] == 0
    assert executable(root / "site") == []
    for page in ("index.html", "practices/parents-cafe/index.html", "404.html"):
        soup = BeautifulSoup((root / "site" / page).read_text(encoding="utf-8"), "html.parser")
        assert soup.title is not None and soup.title.get_text().endswith(shown), page
        logos = soup.select(".md-logo")
        assert logos and {logo["title"] for logo in logos} == {logo["aria-label"] for logo in logos} == {shown}
        assert soup.select_one(".md-header__topic .md-ellipsis").get_text().strip() == shown
        assert soup.find("script", string="alert(1)") is None


def test_a_script_address_hidden_behind_entities_is_reported_at_its_own_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Found by a hostile review: it was reported at the body's first line, where it could not be found."""
    root = copy_portal(tmp_path)
    path = root / "practices" / "parents-cafe.md"
    text = path.read_text("utf-8")
    path.write_text(text + "\n\nA paragraph.\n\n[link](java&#115;cript:alert(1))\n", encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 1
    line = text.count("\n") + 5
    assert capsys.readouterr().out.startswith(
        f"error: practices/parents-cafe.md:{line}: body: the address `javascript:alert(1)` uses `javascript:`")


def test_the_theme_s_tooltips_which_read_titles_as_html_are_refused(tmp_path: Path) -> None:
    """A hostile review: with Material's `content.tooltips`, a link's title, an attribute list's title or
    a long heading cut short in the table of contents ran as script in the tooltip."""
    root = copy_portal(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "theme:\n  name: material\n", "theme:\n  name: material\n  features:\n    - content.tooltips\n", 1),
        encoding="utf-8")
    assert "content.tooltips" in config.read_text(encoding="utf-8")
    code, log = built(root)
    assert code == 1 and "the theme's feature `content.tooltips` shows every `title`" in log
    assert not (root / "site" / "index.html").exists()
    assert main(["--root", str(root), "check"]) != 0


@pytest.mark.parametrize(("text", "message"), [
    ("``` { #__config }\n{\"base\": \"https://evil.example/\"}\n```",
     "the id `__config` begins with `__`, as the theme's own elements' ids do"),
    ("A paragraph.\n{: #__search }", "the id `__search` begins with `__`"),
    ("``` { .text .px-status--adopted }\nx\n```", "the class `px-status--adopted` is the portal's own"),
    ("``` { onclick=\"alert(1)\" }\nx\n```", "the attribute `onclick` on an element could run script"),
    ("![Photo](//localhost/tmp/secret.png)", "the address `//localhost/tmp/secret.png` begins with `//`"),
    ("[x](\\\\\\\\localhost\\\\tmp)", "the address `\\\\localhost\\tmp` begins with `//`"),
])
def test_what_an_extension_writes_whole_and_addresses_without_a_scheme_are_checked(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str) -> None:
    """A hostile review: attributes on a fenced code block were never checked (`#__config` replaced the
    theme's settings, on the site and in the printed report); `//host/file` embedded a file of the
    printing machine in the report's PDF."""
    root = copy_portal(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "markdown_extensions:\n  - attr_list\n  - fenced_code\n",
                      encoding="utf-8")
    path = root / "practices" / "parents-cafe.md"
    original = path.read_text(encoding="utf-8")
    path.write_text(original + "\n\n" + text + "\n", encoding="utf-8")
    line = original.count("\n") + 3 + text.count("\n") * text.startswith("A paragraph")  # the `{: …}` line
    assert main(["--root", str(root), "check"]) == 1
    found = capsys.readouterr().out.splitlines()
    assert any(p.startswith(f"error: practices/parents-cafe.md:{line}: body: {message}") for p in found), found
    code, log = built(root)
    assert code == 1 and message in log


def test_an_entry_reads_no_other_file_with_the_snippets_extension(tmp_path: Path) -> None:
    """A hostile review: with `pymdownx.snippets` in mkdocs.yml (common with Material), an entry's
    `--8<-- "secrets.env"` published that file of the portal's folder."""
    root = copy_portal(tmp_path)
    (root / "secrets.env").write_text("API_TOKEN=supersecret123\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "markdown_extensions:\n  - pymdownx.snippets:\n"
                      f"      base_path: [{json.dumps(str(root))}]\n", encoding="utf-8")
    path = root / "practices" / "parents-cafe.md"
    path.write_text(path.read_text(encoding="utf-8") + '\n\n--8<-- "secrets.env"\n', encoding="utf-8")
    assert built(root, "--strict")[0] == 0
    assert "supersecret123" not in (root / "site" / "practices" / "parents-cafe" / "index.html").read_text("utf-8")
    assert "supersecret123" not in (root / "site" / "exports" / "portal.json").read_text("utf-8")


@pytest.mark.parametrize(("extensions", "text", "message"), [
    ("", "## __config\n\nText.", "the id `__config`, made from the text `__config`, begins with `__`"),
    ("", "- Funding: &#x202E;not approved&#x202C; yet",
     "`&#x202E;` stands for an invisible character (a right-to-left override, U+202E)"),
    ("", "a\n--\n" * 300, "this line starts more than 200 headings or rules with no blank line between them"),
    ("", "```\n" + "*a*_b_" * 20000, "this line starts a paragraph or list item of more than 1,000 emphasis marks"),
    ("", "- x &#x000000000202E;y", "`&#x000000000202E;` stands for an invisible character (a right-to-left override"),
    ("", ("| " + "word " * 30 + "\n") * 4000, "this line starts a paragraph or list item of more than 100,000"
                                              " characters"),
])
def test_what_a_second_hostile_review_found_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       extensions: str, text: str, message: str) -> None:
    """A heading whose automatic id is the theme's `__config`; a direction override written as a character
    reference; setext underlines `--`, and an unclosed fence before a long paragraph, slipped past the
    limits on reading time."""
    root = copy_portal(tmp_path)
    path = root / "practices" / "parents-cafe.md"
    original = path.read_text("utf-8")
    path.write_text(original + f"\n\n{text}\n", encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"error: practices/parents-cafe.md:{original.count(chr(10)) + 3}: body: ") and message in out


def test_the_extensions_own_ids_and_the_snippets_class_spelling(tmp_path: Path) -> None:
    """`pymdownx.highlight`'s `line_spans: __span` ids are the extension's, not refused; the snippets
    extension named with its class (`pymdownx.snippets:SnippetExtension`) is left out of entries too."""
    root = copy_portal(tmp_path)
    (root / "secrets.env").write_text("SECRET=hunter2\n", encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "markdown_extensions:\n  - pymdownx.highlight:\n"
                      "      line_spans: __span\n  - pymdownx.superfences\n  - pymdownx.snippets:SnippetExtension:\n"
                      f"      base_path: [{json.dumps(str(root))}]\n      check_paths: false\n", encoding="utf-8")
    path = root / "practices" / "parents-cafe.md"
    path.write_text(path.read_text(encoding="utf-8") + '\n\n```python\nx = 1\ny = 2\n```\n\n--8<-- "secrets.env"\n',
                    encoding="utf-8")
    assert built(root, "--strict")[0] == 0
    page = (root / "site" / "practices" / "parents-cafe" / "index.html").read_text("utf-8")
    assert 'id="__span-0-1"' in page and "hunter2" not in page
