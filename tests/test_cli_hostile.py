"""`schema --out` and `new` where the file system or the facts are hostile: one line, exit 1, nothing written."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from practice_exchange.authoring.scaffold import Draft, WriteError
from practice_exchange.cli import main
from practice_exchange.content import Sources, load


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, list[str]]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err.splitlines()


def files(folder: Path) -> list[str]:
    """Everything under a folder, links included, as sorted relative paths."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def failing(target: str, error: OSError, call: Callable[..., int]) -> Callable[..., int]:
    """`os.open`, failing with `error` for a path whose name holds `target`."""
    def fake(path: object, *args: object, **kwargs: object) -> int:
        if target in str(path):
            raise error
        return call(path, *args, **kwargs)
    return fake


# --- schema --out ---------------------------------------------------------------------------------------------

def test_schema_out_naming_a_file(portal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "notes.txt"
    out.write_text("mine\n", encoding="utf-8")
    before = files(tmp_path)
    code, stdout, err = run(capsys, "--root", str(portal), "schema", "--out", str(out))
    assert (code, stdout) == (1, "")
    assert err == [f"practice-exchange schema: --out {out} is a file, not a folder;"
                   " give a folder to write the schemas into"]
    assert out.read_text(encoding="utf-8") == "mine\n" and files(tmp_path) == before


def test_schema_out_naming_dev_null(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, err = run(capsys, "--root", str(portal), "schema", "--out", "/dev/null")
    assert (code, stdout) == (1, "")
    assert err == ["practice-exchange schema: --out /dev/null is not a folder; give a folder to write the schemas into"]
    assert not Path("/dev/practice.schema.json").exists()


def test_schema_out_inside_a_missing_folder(portal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "missing" / "schemas"
    code, stdout, err = run(capsys, "--root", str(portal), "schema", "--out", str(out))
    assert (code, stdout) == (1, "")
    assert err == [f"practice-exchange schema: --out {out}: the folder {out.parent} does not exist;"
                   " give an existing folder, or a new one inside an existing folder"]
    assert not out.parent.exists()


def test_schema_out_naming_a_broken_link(portal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "schemas"
    out.symlink_to(tmp_path / "elsewhere")
    code, _, err = run(capsys, "--root", str(portal), "schema", "--out", str(out))
    assert code == 1
    assert err == [f"practice-exchange schema: --out {out} is a broken symbolic link, not a folder;"
                   " give a folder to write the schemas into"]
    assert not (tmp_path / "elsewhere").exists()


def test_schema_out_empty(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--root", str(portal), "schema", "--out", "") == (
        1, "", ["practice-exchange schema: --out is empty; give the folder to write the schemas into"])


def test_schema_write_failure_leaves_nothing(portal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The third schema cannot be written: the two before it are not left behind, nor the new folder."""
    out = tmp_path / "schemas"
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(os, "open", failing(".toolkit.schema.json.", full, os.open))
    code, stdout, err = run(capsys, "--root", str(portal), "schema", "--out", str(out))
    assert (code, stdout) == (1, "")
    assert err == [f"practice-exchange schema: cannot write {out}/toolkit.schema.json: no space left on device"]
    assert not out.exists()


def test_schema_write_failure_in_an_existing_folder(portal: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "schemas"
    (out / "visit.schema.json").mkdir(parents=True)
    code, _, err = run(capsys, "--root", str(portal), "schema", "--out", str(out))
    assert code == 1
    assert err == [f"practice-exchange schema: cannot write {out}/visit.schema.json:"
                   " a folder of that name is in the way"]
    assert files(out) == ["visit.schema.json"]


def test_schema_replaces_a_link_instead_of_writing_through_it(portal: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "schemas"
    out.mkdir()
    (out / "practice.schema.json").symlink_to(tmp_path / "elsewhere.json")
    assert run(capsys, "--root", str(portal), "schema", "--out", str(out))[0] == 0
    assert not (tmp_path / "elsewhere.json").exists()
    assert not (out / "practice.schema.json").is_symlink()
    assert files(out) == ["network.schema.json", "practice.schema.json", "session.schema.json", "toolkit.schema.json",
                          "visit.schema.json"]


# --- new: the file system -------------------------------------------------------------------------------------

NEW_PRACTICE = ("new", "practice", "homework-club", "--city", "lyon", "--tags", "language")


def test_new_when_the_folder_is_a_file(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = portal / "toolkit"
    for card in folder.iterdir():
        card.unlink()
    folder.rmdir()
    folder.write_text("not a folder\n", encoding="utf-8")
    code, stdout, err = run(capsys, "--root", str(portal), "new", "toolkit", "walk", "--difficulty", "easy",
                            "--tags", "language")
    assert (code, stdout) == (1, "")
    assert err == ["practice-exchange new: cannot write toolkit/walk.md: `toolkit` is a file, not a folder;"
                   " nothing was written"]
    assert folder.read_text(encoding="utf-8") == "not a folder\n"


def test_new_in_a_read_only_folder(portal: Path, capsys: pytest.CaptureFixture[str],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """As root, a read-only folder does not stop a write, so the refusal is simulated."""
    denied = PermissionError(errno.EACCES, os.strerror(errno.EACCES))
    monkeypatch.setattr(os, "open", failing("homework-club.md", denied, os.open))
    before = files(portal)
    code, stdout, err = run(capsys, "--root", str(portal), *NEW_PRACTICE)
    assert (code, stdout) == (1, "")
    assert err == ["practice-exchange new: cannot write practices/homework-club.md: permission denied;"
                   " nothing was written"]
    assert files(portal) == before


def test_new_removes_a_half_written_file_and_the_folder_it_made(portal: Path, capsys: pytest.CaptureFixture[str],
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for card in (portal / "toolkit").iterdir():
        card.unlink()
    (portal / "toolkit").rmdir()
    before = files(portal)
    real_open, real_write = os.open, os.write
    descriptors: list[int] = []

    def opening(path: object, *args: object, **kwargs: object) -> int:
        fd = real_open(path, *args, **kwargs)  # type: ignore[arg-type]
        if str(path).endswith("walk.md"):
            descriptors.append(fd)
        return fd

    def writing(fd: int, data: bytes) -> int:
        if fd in descriptors:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "open", opening)
    monkeypatch.setattr(os, "write", writing)
    code, _, err = run(capsys, "--root", str(portal), "new", "toolkit", "walk", "--difficulty", "easy",
                       "--tags", "language")
    assert code == 1 and descriptors
    assert err == ["practice-exchange new: cannot write toolkit/walk.md: no space left on device; nothing was written"]
    assert files(portal) == before


def test_new_over_a_dangling_link_writes_nothing_through_it(portal: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "outside" / "planted.md"
    target.parent.mkdir()
    link = portal / "practices" / "homework-club.md"
    link.symlink_to(target)
    code, stdout, err = run(capsys, "--root", str(portal), *NEW_PRACTICE)
    assert (code, stdout) == (1, "")
    assert err == ["practice-exchange new: practices/homework-club.md already exists, as a symbolic link;"
                   " it was left as it is (pick another name, or remove the link)", "nothing was written"]
    assert not target.exists() and link.is_symlink()


def test_creating_a_draft_never_follows_a_link(tmp_path: Path) -> None:
    """Should a link appear after the checks, the exclusive creation still refuses it."""
    target = tmp_path / "planted.md"
    (tmp_path / "practices").mkdir()
    link = tmp_path / "practices" / "x.md"
    link.symlink_to(target)
    with pytest.raises(WriteError, match=r"^practices/x\.md already exists; it was left as it is$"):
        Draft(link, "practices/x.md", "---\n", tmp_path).create()
    assert not target.exists() and link.is_symlink()


# --- new: the facts -------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("option", "value", "what"), [
    ("--title", "Reading\x1b[31m club", "an escape character, U+001B"),
    ("--summary", "Homework\x0chelp", "a page break, U+000C"),
    ("--tags", "language,par\x07ents", "a control character, U+0007"),
    # YAML reads these as line ends, and a direction override turns the text after it around: `check`
    # refuses them too (found by a hostile review).
    ("--title", "Wide \u2028 separator", "a line separator, U+2028"),
    ("--title", "Next \x85 line", "a next-line mark, U+0085"),
    ("--title", "A \x9b csi", "a control character, U+009B"),
    ("--summary", "Turned \u202e around", "a right-to-left override, U+202E"),
    ("--summary", "Isolated \u2067 around", "a right-to-left isolate, U+2067"),
    ("--title", "Marked \u200f here", "a right-to-left mark, U+200F"),
])
def test_new_refuses_invisible_characters(portal: Path, capsys: pytest.CaptureFixture[str],
                                          option: str, value: str, what: str) -> None:
    args = ["--root", str(portal), "new", "practice", "homework-club", "--city", "lyon", "--tags", "language"]
    if option == "--tags":
        args = args[:-2]
    code, stdout, err = run(capsys, *args, option, value)
    assert (code, stdout) == (1, "")
    name = option[2:]
    assert err == [f"practice-exchange new: {name}: {option} holds an invisible character ({what}), which"
                   " `practice-exchange check` refuses in an entry file; remove it", "nothing was written"]
    assert not (portal / "practices" / "homework-club.md").exists()


def test_new_refuses_an_invisible_character_before_echoing_it(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--root", str(portal), "new", "visit", "--visitor", "ly\x1bon", "--host", "oslo",
                       "--start", "2014-05-02")
    assert code == 1
    assert err == ["practice-exchange new: visitor: --visitor holds an invisible character (an escape character,"
                   " U+001B), which `practice-exchange check` refuses in an entry file; remove it",
                   "nothing was written"]


def test_new_refuses_text_that_check_would_refuse(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--root", str(portal), *NEW_PRACTICE, "--title", "  ", "--summary", "x" * 301)
    assert code == 1
    assert err == ["practice-exchange new: title: --title must not be empty",
                   "practice-exchange new: summary: --summary is 301 characters long; keep it to at most 300"
                   " (one or two sentences)", "nothing was written"]
    assert not (portal / "practices" / "homework-club.md").exists()


@pytest.mark.parametrize("title", [
    'The "quoted" club', "Back\\slash \\n not a line break", "KAAP: parents achieve goals", "Café # 1 #tag",
    "Two\nlines", "- a dash first", "[brackets] & {braces} *star* !bang %pct @at `tick` 'single'",
    "Wide \u3000 space \ufeff bom", "null", "yes",
])
def test_new_titles_are_read_back_as_given(portal: Path, capsys: pytest.CaptureFixture[str], title: str) -> None:
    assert run(capsys, "--root", str(portal), *NEW_PRACTICE, "--title", title, "--summary", "Homework help.")[0] == 0
    code, stdout, _ = run(capsys, "--root", str(portal), "check")
    assert (code, stdout.splitlines()) == (0, ["no problems found"])
    loaded, _ = load(Sources(portal))
    assert loaded is not None and loaded.practices["homework-club"].title == title.strip()


@pytest.mark.parametrize("args", [
    ("visit", "--visitor", "HUGE", "--host", "oslo", "--start", "2014-05-02"),
    ("visit", "--visitor", "lyon", "--host", "oslo", "--start", "2014-05-02", "--tags", "HUGE"),
    ("visit", "--visitor", "lyon", "--host", "oslo", "--start", "2014-05-02", "--practices", "HUGE"),
    ("practice", "HUGE", "--city", "lyon", "--tags", "language"),
    ("practice", "homework-club", "--city", "lyon", "--tags", "!" * 11999),
    ("toolkit", "walk", "--difficulty", "HUGE", "--tags", "language"),
    ("session", "barcamp", "--format", "HUGE", "--tags", "language"),
])
def test_new_quotes_the_start_of_a_huge_value_not_all_of_it(portal: Path, capsys: pytest.CaptureFixture[str],
                                                              args: tuple[str, ...]) -> None:
    huge = "Xx " * 3999 + "Xx"
    code, _, err = run(capsys, "--root", str(portal), "new", *(huge if arg == "HUGE" else arg for arg in args))
    assert code == 1 and err[-1] == "nothing was written"
    assert any("(11999 characters)" in line for line in err), err
    assert all(len(line) < 600 for line in err), [len(line) for line in err]
    assert not any(portal.rglob(f"{huge[:20]}*"))


def test_new_refuses_a_folder_that_is_a_link_outside_the_portal(portal: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (portal / "sessions").symlink_to(elsewhere, target_is_directory=True)
    code, _, err = run(capsys, "--root", str(portal), "new", "session", "barcamp", "--format", "workshop",
                       "--tags", "language")
    assert code == 1
    assert err == ["practice-exchange new: sessions: is a link to a folder outside the portal, whose files are not"
                   " published; copy the folder into the portal instead", "nothing was written"]
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize(("tags", "said"), [
    ("!!!", "tags: `!!!` is not a usable tag: it needs letters or digits"),
    ("Москва", "tags: `Москва` is not a usable tag: a tag becomes an address of the site"),
    ("C,C++", "tags: `C++` and `C` would share the page `tags/c/`; write them alike if they are one tag"),
])
def test_new_refuses_a_free_tag_check_would_refuse(portal: Path, capsys: pytest.CaptureFixture[str],
                                                   tags: str, said: str) -> None:
    """Without a vocabulary in network.yml, `new` wrote tags that `check` then refused (a hostile review)."""
    network = portal / "network.yml"
    network.write_text(network.read_text(encoding="utf-8").split("\ntags:")[0] + "\n", encoding="utf-8")
    code, _, err = run(capsys, "--root", str(portal), "new", "practice", "homework-club", "--city", "lyon",
                       "--tags", tags)
    assert code == 1 and err[-1] == "nothing was written"
    assert any(line.startswith(f"practice-exchange new: {said}") for line in err), err
    assert not (portal / "practices" / "homework-club.md").exists()


def test_new_names_the_line_of_a_network_file_it_cannot_read(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    network = portal / "network.yml"
    lines = network.read_text(encoding="utf-8").splitlines()
    lines[0] = 'name: "An unclosed quote'
    network.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, _, err = run(capsys, "--root", str(portal), *NEW_PRACTICE)
    assert code == 1
    _, report = load(Sources(portal))
    said = next(str(problem) for problem in report.errors if problem.path == "network.yml")
    assert said.startswith("network.yml:") and said.split(":")[1].isdigit()  # its line, as `check` says it
    assert err[0] == f"practice-exchange new: cannot read {said}"
    assert not (portal / "practices" / "homework-club.md").exists()


@pytest.mark.parametrize(("args", "said"), [
    (("toolkit", "walk", "--difficulty", "facile"), "difficulty: `facile` is the French word the pages show for"
                                                    " `easy`; the file keeps the English word: write `easy`"),
    (("session", "barcamp", "--format", "Treffen"), "format: `Treffen` is the German word the pages show for"
                                                    " `meeting`; the file keeps the English word: write `meeting`"),
])
def test_new_tells_the_english_word_for_one_the_pages_show(portal: Path, capsys: pytest.CaptureFixture[str],
                                                          args: tuple[str, ...], said: str) -> None:
    """As `check` does: `--difficulty facile` was told only the English words (a new user's review)."""
    code, _, err = run(capsys, "--root", str(portal), "new", *args, "--tags", "language")
    assert code == 1 and err == [f"practice-exchange new: {said}", "nothing was written"]
