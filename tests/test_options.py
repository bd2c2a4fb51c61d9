"""The plugin's options: a wrong `matrix_aliases` is a configuration error in MkDocs' own words, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.config.base import ValidationError

from conftest import mkdocs
from practice_exchange.cli import main
from practice_exchange.config import SECTION_KEYS, MatrixAliases
from practice_exchange.content.matrix import FOLLOW_UP, SECTIONS
from practice_exchange.content.session import SECTIONS as SESSION_SECTIONS

# The visit matrix's sections and its follow-up, then a session's: every heading the option may add to.
ALL_SECTIONS = ", ".join(key for key, _, _ in (*SECTIONS, FOLLOW_UP, *SESSION_SECTIONS))

PREFIX = "Config value 'plugins': Plugin 'practice-exchange' option 'matrix_aliases': "
MISSPELT = ("unknown section `lerning`; the sections are "
            f"{ALL_SECTIONS};"
            " did you mean `learning`?")
EMPTY = "learning: a heading cannot be empty (it would match every heading); remove it or write its words"


def configure(portal: Path, aliases: str) -> None:
    """Give the plugin `matrix_aliases` lines (already indented under it) in the portal's mkdocs.yml."""
    config = portal / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    plugin = "  - practice-exchange:\n      matrix_aliases:\n" + aliases
    config.write_text(text.replace("  - practice-exchange", plugin), encoding="utf-8")


def check_error(portal: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The one line `practice-exchange check` prints for a broken mkdocs.yml (it must fail, print nothing else)."""
    code = main(["--root", str(portal), "check"])
    captured = capsys.readouterr()
    assert code == 1 and captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    return lines[0]


def test_the_valid_keys_are_the_matrix_sections() -> None:
    assert tuple(key for key, _, _ in (*SECTIONS, FOLLOW_UP, *SESSION_SECTIONS)) == SECTION_KEYS


@pytest.mark.parametrize(("aliases", "message"), [
    ("        lerning: [Lernpunkte]\n", MISSPELT),
    ("        learning: ['']\n", EMPTY),
    ("        learning: ['', '   ']\n", EMPTY),
    ("        learning: [Lernpunkte]\n        transferrable: [Ideen]\n",
     "unknown section `transferrable`; the sections are "
            f"{ALL_SECTIONS};"
     " did you mean `transferable`?"),
])
def test_check_names_a_wrong_alias_in_one_line(portal: Path, capsys: pytest.CaptureFixture[str],
                                               aliases: str, message: str) -> None:
    configure(portal, aliases)
    assert check_error(portal, capsys) == f"practice-exchange: mkdocs.yml: {PREFIX}{message}"


@pytest.mark.parametrize(("aliases", "message"), [
    ("        lerning: [Lernpunkte]\n", MISSPELT),
    ("        learning: ['']\n", EMPTY),
])
def test_mkdocs_build_reports_a_wrong_alias_as_a_config_error(portal: Path, tmp_path: Path,
                                                              aliases: str, message: str) -> None:
    configure(portal, aliases)
    site = tmp_path / "site"
    result = mkdocs(portal, "build", "--site-dir", str(site))
    assert result.returncode == 1
    output = result.stderr + result.stdout
    assert "Traceback" not in output
    errors = [line.split(" -  ", 1)[1] for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert errors == [f"{PREFIX}{message}"]
    assert "Aborted with a configuration error!" in output
    assert not site.exists()


def test_valid_aliases_are_read_as_before(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = portal / "visits" / "2014-03-lyon-usti.md"
    path.write_text(path.read_text(encoding="utf-8").replace("## Key learnings", "## Lernpunkte"), encoding="utf-8")
    configure(portal, "        learning: Lernpunkte\n        contribution: []\n")
    assert main(["--root", str(portal), "check"]) == 0
    assert capsys.readouterr().out.splitlines() == ["no problems found"]


def test_every_section_has_a_list_of_extra_headings() -> None:
    option = MatrixAliases()
    assert option.validate(None) == {key: [] for key in SECTION_KEYS}
    assert option.validate({"learning": "  Wichtigste\u00a0 Erkenntnisse ", "contribution": None}) == {
        **{key: [] for key in SECTION_KEYS}, "learning": ["Wichtigste Erkenntnisse"]}
    assert dict(option.validate({"transferable": ["Ideen", "Idées"]}).items())["transferable"] == ["Ideen", "Idées"]


@pytest.mark.parametrize(("value", "message"), [
    (["learning"], "expected the sections with their extra headings, such as `learning: [Lernpunkte]`"),
    ({"learning": {"a": 1}}, "learning: expected a list of headings, such as `learning: [Lernpunkte]`"),
    ({"learning": [True]}, "learning: `True` is not a heading; put the heading's words in quotes"),
    ({"contribution": ["\u200b"]}, "contribution: a heading cannot be empty (it would match every heading);"
                                   " remove it or write its words"),
    ({1: ["x"]}, f"unknown section `1`; the sections are {ALL_SECTIONS}"),
])
def test_wrong_values_are_validation_errors(value: object, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        MatrixAliases().validate(value)
    assert str(caught.value) == message


@pytest.mark.parametrize(("options", "key", "other", "folder"), [
    ("      toolkit_dir: ./practices/\n", "toolkit_dir", "practices_dir", "practices"),
    ("      sessions_dir: visits\n      visits_dir: visits\n", "sessions_dir", "visits_dir", "visits"),
])
def test_two_kinds_in_one_folder_are_a_config_error(portal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    options: str, key: str, other: str, folder: str) -> None:
    """A hostile review: each practice was refused as a card that belongs in `practices/`, where it was."""
    config = portal / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - practice-exchange",
                                                                 "  - practice-exchange:\n" + options),
                      encoding="utf-8")
    message = (f"Config value 'plugins': Plugin 'practice-exchange' option '{key}': `{key}` and `{other}` name the"
               f" same folder, `{folder}`: each kind's files need a folder of their own")
    assert check_error(portal, capsys) == f"practice-exchange: mkdocs.yml: {message}"
    site = tmp_path / "site"
    result = mkdocs(portal, "build", "--site-dir", str(site))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert [line.split(" -  ", 1)[1] for line in result.stderr.splitlines() if line.startswith("ERROR")] == [message]
    assert not site.exists()


def test_a_kinds_folder_linked_to_another_kinds_is_a_config_error(portal: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A hostile review: a folder linked to another kind's, or named by its absolute path, was missed."""
    toolkit = portal / "toolkit"
    if toolkit.exists():
        shutil.rmtree(toolkit)
    toolkit.symlink_to(portal / "practices")
    assert check_error(portal, capsys) == (
        "practice-exchange: mkdocs.yml: Config value 'plugins': Plugin 'practice-exchange' option 'toolkit_dir':"
        " `toolkit_dir` and `practices_dir` name the same folder, `toolkit`: each kind's files need a folder of"
        " their own")
    toolkit.unlink()
    config = portal / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - practice-exchange", f"  - practice-exchange:\n      sessions_dir: {portal / 'visits'}"), encoding="utf-8")
    assert "`sessions_dir` and `visits_dir` name the same folder" in check_error(portal, capsys)
