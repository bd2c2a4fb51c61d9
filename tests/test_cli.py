"""The `practice-exchange` command: `--version` and `check`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import add_defect, mkdocs
from practice_exchange import __version__
from practice_exchange.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(list(args))
    return code, capsys.readouterr().out.splitlines()


def test_version() -> None:
    result = subprocess.run([sys.executable, "-m", "practice_exchange.cli", "--version"],
                            capture_output=True, text=True, check=True)
    assert result.stdout.strip() == f"practice-exchange {__version__}"


def test_check_valid_portal(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--root", str(portal), "check") == (0, ["no problems found"])


def test_check_lists_every_problem_and_fails(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_defect(portal, "practices/unknown-city.md")
    add_defect(portal, "visits/empty-section.md")
    code, lines = run(capsys, "--root", str(portal), "check")
    assert code == 1
    assert lines == [
        "error: practices/unknown-city.md:3: city: unknown city `lyonn`, not found in network.yml;"
        " did you mean `lyon`?",
        "warning: visits/empty-section.md:11: body: the section `## Transferable ideas` has no findings;"
        " write each one as a list item starting with `- `",
        "1 error, 1 warning",
    ]


def test_check_warnings_fail_only_when_strict(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_defect(portal, "visits/empty-section.md")
    assert run(capsys, "--root", str(portal), "check")[0] == 0
    assert run(capsys, "--root", str(portal), "check", "--strict")[0] == 1


def test_check_reads_the_plugin_options_of_mkdocs_yml(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = portal / "visits" / "2014-03-lyon-usti.md"
    path.write_text(path.read_text(encoding="utf-8").replace("## Key learnings", "## Lernpunkte"), encoding="utf-8")
    assert run(capsys, "--root", str(portal), "check")[0] == 1
    config = portal / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - practice-exchange", "  - practice-exchange:\n      matrix_aliases:\n        learning: [Lernpunkte]"),
        encoding="utf-8")
    assert run(capsys, "--root", str(portal), "check") == (0, ["no problems found"])


def test_a_broken_mkdocs_yml_is_a_message_not_a_traceback(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (portal / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8")
    assert main(["--root", str(portal), "check"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("practice-exchange: mkdocs.yml: ") and "Traceback" not in err


@pytest.mark.parametrize(("setup", "args", "message"), [
    (lambda root, tmp: (root / "mkdocs.yml").unlink(), ("export", "{tmp}/out"),
     "practice-exchange export: {root} has no mkdocs.yml; run `practice-exchange init` first"),
    (lambda root, tmp: (root / "mkdocs.yml").unlink(), ("report", "--pdf", "{tmp}/r.pdf"),
     "practice-exchange report: {root} has no mkdocs.yml; run `practice-exchange init` first"),
    (lambda root, tmp: (root / "mkdocs.yml").write_text("site_name: [unclosed\n", encoding="utf-8"),
     ("export", "{tmp}/out"), "practice-exchange export: "),
    (lambda root, tmp: (root / "mkdocs.yml").write_text("site_name: No plugin\n", encoding="utf-8"),
     ("report", "--pdf", "{tmp}/r.pdf"),
     "practice-exchange report: mkdocs.yml does not use the practice-exchange plugin; add it under `plugins:`"),
    (lambda root, tmp: [p.unlink() for p in (root / "visits").glob("*.md")], ("report", "--pdf", "{tmp}/r.pdf"),
     "practice-exchange report: the portal has no report page: it has no visits, no sessions and no docs/report.md;"
     " write that page to make one"),
    (lambda root, tmp: (tmp / "r.pdf").mkdir(), ("report", "--pdf", "{tmp}/r.pdf"),
     "practice-exchange report: {tmp}/r.pdf is a folder; give a file such as report.pdf"),
])
def test_export_and_report_say_what_stops_them(portal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               setup, args: tuple[str, ...], message: str) -> None:  # type: ignore[no-untyped-def]
    """Each reason an export or a printed report cannot be made is one line naming it, and nothing is written."""
    setup(portal, tmp_path)
    filled = [arg.format(tmp=tmp_path) for arg in args]
    assert main(["--root", str(portal), *filled]) == 1
    err = capsys.readouterr().err
    assert err.startswith(message.format(root=portal.resolve(), tmp=tmp_path.resolve())), err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists() and not (tmp_path / "r.pdf").is_file()


def test_a_root_that_is_not_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert main(["--root", str(tmp_path / "file"), "check"]) != 0
    assert "is not a folder; give the portal's folder with --root" in capsys.readouterr().err


def test_check_reads_the_bodies_that_loaded_when_another_file_has_errors(
        portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One run names every problem: a broken link in a body that loaded is not held back until the
    front matter of another file is fixed, and a link to that other file is not called broken."""
    add_defect(portal, "practices/unknown-city.md")
    path = portal / "practices" / "language-steps.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nSee [the café](parents-caff.md), [the misspelt one]"
                    "(unknown-city.md) and [the word](../tags/language.md).\n", encoding="utf-8")
    code, lines = run(capsys, "--root", str(portal), "check")
    assert code == 1
    assert lines[0] == "error: practices/language-steps.md:10: body: the link `parents-caff.md` leads to" \
                       " `practices/parents-caff.md`, which is no page of the portal; did you mean `parents-cafe.md`?"
    assert lines[1] == "error: practices/unknown-city.md:3: city: unknown city `lyonn`, not found in network.yml;" \
                       " did you mean `lyon`?"
    assert lines[2:] == ["2 errors, 0 warnings"]


def test_each_broken_link_is_said_at_the_line_it_is_written_on(portal: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """A link written several times is found where each one stands: twice on one line after once above,
    in a table, with a backslash escape, and past a longer address that begins with it (`gone.md#x`)."""
    path = portal / "practices" / "language-steps.md"
    text = path.read_text(encoding="utf-8")
    first = text.count("\n") + 2  # the line of the first text below
    path.write_text(text + "\n[a](gone.md) once.\n\n| [b](gone.md) | x |\n| [c](gone.md) | [d](gone.md) |\n\n"
                    "[e](e\\_1.md) and\n[f](e\\_1.md).\n\nSee (other.md is plain text), [g](other.md#x)\n"
                    "then [h](other.md).\n", encoding="utf-8")
    code, lines = run(capsys, "--root", str(portal), "check")
    assert code == 1
    said = [(line.split(":")[2], line.split("`")[1]) for line in lines
            if line.startswith("error: practices/language-steps.md:")]
    assert said == [(str(first + n), href) for n, href in ((0, "gone.md"), (2, "gone.md"), (3, "gone.md"),
                                                           (3, "gone.md"), (5, "e_1.md"), (6, "e_1.md"),
                                                           (8, "other.md#x"), (9, "other.md"))]


def test_check_judges_no_link_to_a_page_a_file_with_errors_may_yet_have(
        portal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A link to a file with errors, to a link leading outside the portal, or to a tag that only a file
    with errors names is not called broken; an unused tag of the vocabulary still is (a hostile review)."""
    (portal / "practices" / "broken.md").write_text(
        "---\ntitle: Broken\ncity: lyonn\nsummary: S.\ntags: [day-care]\n---\n\nText.\n", encoding="utf-8")
    path = portal / "practices" / "language-steps.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nSee [b](broken.md), [s](shared-cafe.md),"
                    " [d](../tags/day-care.md) and [u](../tags/unused.md).\n", encoding="utf-8")
    code, lines = run(capsys, "--root", str(portal), "check")
    assert [line.split(": ")[1] for line in lines[:-1]] == ["practices/broken.md:3"] + \
        ["practices/language-steps.md:10"] * 2
    assert any("`shared-cafe.md` leads to `practices/shared-cafe.md`, which is no page" in line for line in lines)
    assert any("`../tags/unused.md` leads to `tags/unused.md`, which is no page" in line for line in lines)
    outside = tmp_path / "shared-cafe.md"
    outside.write_text("---\ntitle: Shared\n---\n", encoding="utf-8")
    (portal / "practices" / "shared-cafe.md").symlink_to(outside)
    code, lines = run(capsys, "--root", str(portal), "check")
    assert code == 1 and not any("`shared-cafe.md` leads" in line for line in lines)
    # A file whose front matter cannot be read may name any tag: links to tags are not judged meanwhile.
    (portal / "practices" / "shared-cafe.md").unlink()
    (portal / "practices" / "broken.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    code, lines = run(capsys, "--root", str(portal), "check")
    assert code == 1 and not any("tags/unused.md" in line for line in lines)


def test_check_warns_of_a_hand_written_pages_link_as_a_strict_build_refuses_it(
        portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A home page linking to a city whose id was corrected in network.yml passed `check --strict` and
    failed `mkdocs build --strict` (a new user's review): the pages of docs/ are read for links too."""
    page = portal / "docs" / "about.md"
    # What MkDocs only notes is not warned about either (a hostile review): a link from the root, one to
    # no file's name, the theme's files; nor a page MkDocs does not publish (a dot file).
    page.write_text("# About\n\nSee [Lyon](cities/lyonn.md), [the café](practices/parents-cafe.md),"
                    " [the data](exports/portal.xlsx), [the root](/practices/anything.md), [bare](practices/x),"
                    " [icon](assets/images/favicon.png).\n", encoding="utf-8")
    (portal / "docs" / ".draft.md").write_text("[gone](nowhere.md)\n", encoding="utf-8")
    code, lines = run(capsys, "--root", str(portal), "check", "--strict")
    assert (code, lines) == (1, ["warning: docs/about.md:3: link: the link `cities/lyonn.md` leads to"
                                 " `cities/lyonn.md`, which is no page of the portal; did you mean `cities/lyon.md`?",
                                 "0 errors, 1 warning"])
    assert mkdocs(portal, "build", "--strict").returncode == 1
    page.write_text(page.read_text(encoding="utf-8").replace("lyonn", "lyon"), encoding="utf-8")
    assert run(capsys, "--root", str(portal), "check", "--strict") == (0, ["no problems found"])
    assert mkdocs(portal, "build", "--strict").returncode == 0


def test_a_folder_named_like_an_entry_does_not_stop_tag_links_being_judged(
        portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`practices/old.md/` (a folder) is warned about and read as no entry: a clean portal's links to
    tags are still judged, not held back as if a file's tags were unknown."""
    (portal / "practices" / "old.md").mkdir()
    path = portal / "practices" / "language-steps.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nSee [u](../tags/unused.md).\n", encoding="utf-8")
    code, lines = run(capsys, "--root", str(portal), "check")
    assert code == 1 and any("`../tags/unused.md` leads to `tags/unused.md`, which is no page" in line
                             for line in lines)


@pytest.mark.parametrize(("written", "meant"), [("DE", "de"), ("de-DE", "de"), ("German", "de"), ("deutsch", "de"),
                                                ("pt_BR", "pt-BR"), ("klingon", None)])
def test_a_language_material_has_no_texts_for_is_said_by_check_and_build_with_the_code_to_write(
        portal: Path, capsys: pytest.CaptureFixture[str], written: str, meant: str | None) -> None:
    config = portal / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material\n",
                                                                 f"  name: material\n  language: {written}\n"))
    said = (f"mkdocs.yml: the theme's `language: {written}` is not a language Material has texts for; "
            + (f"write `language: {meant}`" if meant else "write a code such as `de`, `fr` or `pl`"))
    code = main(["--root", str(portal), "check"])
    out, err = capsys.readouterr()
    assert code != 0 and said in out + err
    result = mkdocs(portal, "build")
    assert result.returncode == 1 and said in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("theme", "written", "said"), [
    ("material", "null", "the theme's `language:` is empty, not a language's code; write one such as `language: de`"),
    ("material", "123", "the theme's `language:` is `123`, not a language's code"),
    ("material", "sh", "the theme's `language: sh` is one the plugin cannot write dates and counts in (Babel has no"
                       " data for `sh`); choose a close language Babel knows, such as `hr` or `sr`"),
    # Another theme names no languages of its own: what Babel cannot write in ended in a traceback (a hostile review).
    ("mkdocs", "x", "the theme's `language: x` is one the plugin cannot write dates and counts in (Babel has no"
                    " data for `x`); choose a close language Babel knows"),
    ("mkdocs", "[de]", "the theme's `language:` is a list, not a language's code"),
])
def test_a_language_that_is_no_code_or_one_babel_lacks_is_said_not_a_traceback(
        portal: Path, capsys: pytest.CaptureFixture[str], theme: str, written: str, said: str) -> None:
    config = portal / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  name: material\n",
                                                                 f"  name: {theme}\n  language: {written}\n"))
    code = main(["--root", str(portal), "check"])
    out, err = capsys.readouterr()
    assert code != 0 and said in out + err
    result = mkdocs(portal, "build")
    assert result.returncode == 1 and said in result.stderr and "Traceback" not in result.stderr
