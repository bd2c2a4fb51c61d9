"""Live preview: `mkdocs serve` rebuilds on content edits, survives a broken file and recovers."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import copy_portal


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return None


def error_page(url: str) -> tuple[int, str]:
    """The status and text of an address that answers with an error (MkDocs's server: the site's 404.html)."""
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except (urllib.error.URLError, TimeoutError, ConnectionError):
        return 0, ""


def wait_for(condition: Callable[[], bool], what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@contextlib.contextmanager
def serving(root: Path, log: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """`mkdocs serve` of the portal at `root`, as a user starts it, its output in `log`: its address."""
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=root, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            yield f"http://127.0.0.1:{port}/", process
        finally:
            process.terminate()
            process.wait(timeout=30)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[Path, str, Path, subprocess.Popen[bytes]]]:
    root = copy_portal(tmp_path)
    log = tmp_path / "serve.log"
    with serving(root, log) as (base, process):
        wait_for(lambda: fetch(base) is not None, "the server to start")
        yield root, base, log, process


def test_server_survives_a_broken_file_and_serves_the_fixed_page(server) -> None:  # type: ignore[no-untyped-def]
    root, base, log, process = server
    page = base + "practices/reading-club/"
    first = fetch(page)
    assert first is not None and ">Lyon</a> (FR)" in first
    assert "livereload" in first, "live reload must be on (Click 8.3 turns it off)"
    source = root / "practices" / "reading-club.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("city: lyon", "city: lyonn"), encoding="utf-8")
    wait_for(lambda: "did you mean `lyon`?" in log.read_text(encoding="utf-8", errors="replace"),
             "the problem to be shown in the terminal")
    output = log.read_text(encoding="utf-8", errors="replace")
    assert "practices/reading-club.md:3: city: unknown city `lyonn`, not found in network.yml" in output
    assert "Traceback" not in output
    assert process.poll() is None, "the server must keep running"
    # The browser, reloaded, shows the problems instead of waiting: any address answers with them.
    wait_for(lambda: "unknown city" in error_page(page)[1], "the problems to be shown in the browser")
    code, shown = error_page(page)
    assert code == 404 and "The preview waits for a fix" in shown
    assert "<code>practices/reading-club.md:3</code>" in shown and "`lyonn`" in shown
    assert "/livereload/" in shown  # it reloads itself once a rebuild succeeds
    source.write_text(text.replace("city: lyon", "city: bergen"), encoding="utf-8")
    wait_for(lambda: ">Bergen</a> (NO)" in (fetch(page) or ""), "the fixed page to be served")
    assert process.poll() is None
    # The terminal says the site was not built, and not then that it was; the fixed rebuild says it was.
    failed = log.read_text(encoding="utf-8", errors="replace").split("the site was not built", 1)[1]
    assert "Documentation built" not in failed.split("Building documentation", 1)[0]
    # Nor is each page the browser asks for meanwhile, answered with the errors, warned of as missing.
    assert "code 404" not in failed.split("Building documentation", 1)[0]
    wait_for(lambda: "Documentation built" in log.read_text(encoding="utf-8", errors="replace").split(
        "the site was not built", 1)[1], "the fixed rebuild to say it built the site")


def test_a_configuration_mkdocs_cannot_read_is_shown_in_the_browser(server) -> None:  # type: ignore[no-untyped-def]
    """A YAML mistake in mkdocs.yml, then a setting MkDocs refuses: each rebuild stops before any plugin
    runs, where MkDocs said "The server will appear stuck"; the browser is shown the errors instead,
    at any address, and the site once the file is fixed."""
    root, base, log, process = server
    page = base + "practices/reading-club/"
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text + "extra: [unclosed\n", encoding="utf-8")
    wait_for(lambda: "mkdocs.yml could not be read" in log.read_text(encoding="utf-8", errors="replace"),
             "the broken configuration to be said")
    wait_for(lambda: "The configuration has 1 error" in error_page(page)[1], "the error to be shown at the page")
    code, shown = error_page(page)
    assert code == 404 and "<code>mkdocs.yml</code>" in shown and "parsing the configuration file" in shown
    assert "The configuration has 1 error" in error_page(base)[1]  # every address answers with it
    config.write_text(text + "use_directory_urls: maybe\n", encoding="utf-8")
    wait_for(lambda: "use_directory_urls" in error_page(page)[1], "the refused setting to be shown")
    # A value MkDocs quotes in its message: what the file says stays text.
    config.write_text(text + "docs_dir: <script>alert(1)</script>\n", encoding="utf-8")
    wait_for(lambda: "docs_dir" in error_page(page)[1], "the refused folder to be shown")
    shown = error_page(page)[1]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown and "<script>alert" not in shown
    assert process.poll() is None, "the server must keep running"
    config.write_text(text, encoding="utf-8")
    wait_for(lambda: ">Lyon</a> (FR)" in (fetch(page) or ""), "the site to be served again")
    assert "Traceback" not in log.read_text(encoding="utf-8", errors="replace")


def test_a_file_mkdocs_yml_inherits_is_watched(tmp_path: Path) -> None:
    """MkDocs watches mkdocs.yml alone: a save to the file it inherits (`INHERIT:`) rebuilt nothing."""
    root = copy_portal(tmp_path)
    config = root / "mkdocs.yml"
    (root / "base.yml").write_text("copyright: The first line.\n", "utf-8")
    config.write_text("INHERIT: base.yml\n" + config.read_text("utf-8"), "utf-8")
    with serving(root, tmp_path / "serve.log") as (base, _):
        page = base + "practices/reading-club/"
        wait_for(lambda: "The first line." in (fetch(page) or ""), "the server to start")
        (root / "base.yml").write_text("copyright: A new line.\n", "utf-8")
        wait_for(lambda: "A new line." in (fetch(page) or ""), "the inherited file's change to be shown", 30)


def test_editing_network_yml_rebuilds(server) -> None:  # type: ignore[no-untyped-def]
    root, base, _, _ = server
    network = root / "network.yml"
    network.write_text(network.read_text(encoding="utf-8").replace("name: Lyon", "name: Lyon Métropole"),
                       encoding="utf-8")
    wait_for(lambda: "Lyon Métropole" in (fetch(base + "cities/lyon/") or ""), "the city page to follow network.yml")


def test_content_made_or_removed_while_serving_is_read(tmp_path: Path) -> None:
    """A new user's portal without `network.yml`: the waiting page named the missing file, but creating
    it started no rebuild (the server watched only the paths that existed when it started). A content
    folder made later was never watched, nor one deleted and made again (a hostile review), and one
    moved in whole, files and all, started no rebuild."""
    root = copy_portal(tmp_path)
    network, sessions, toolkit = root / "network.yml", root / "sessions", root / "toolkit"
    text = network.read_text(encoding="utf-8")
    network.unlink()
    assert not sessions.exists()
    aside = tmp_path / "aside"
    (aside / "sessions").mkdir(parents=True)
    (aside / "sessions" / "late.md").write_text(
        "---\ntitle: A late meeting\ntags: [parents]\nformat: meeting\ndate: 2021-07\ncity: lyon\n---\n\n"
        "## Key lessons\n\n- Meet again. [inspiration]\n", encoding="utf-8")
    card = next(toolkit.glob("*.md"))
    with serving(root, tmp_path / "serve.log") as (base, _):
        wait_for(lambda: "the network file is missing" in error_page(base)[1], "network.yml to be named")
        network.write_text(text, encoding="utf-8")
        wait_for(lambda: ">Lyon<" in (fetch(base + "cities/lyon/") or ""), "the portal built with network.yml")
        (aside / "sessions").rename(sessions)  # a folder moved in whole: no file of it is saved
        wait_for(lambda: "A late meeting" in (fetch(base + "sessions/late/") or ""), "the new folder's entry")
        card_page = f"{base}toolkit/{card.stem}/"
        card_text = card.read_text(encoding="utf-8")
        shutil.move(toolkit, aside / "toolkit")
        wait_for(lambda: error_page(card_page)[0] == 404, "the removed folder's pages to go")
        shutil.copytree(aside / "toolkit", toolkit)
        wait_for(lambda: fetch(card_page) is not None, "the folder made again to be read")
        card.write_text(card_text.replace("\ntitle: ", "\ntitle: Renamed ", 1), encoding="utf-8")
        wait_for(lambda: "Renamed " in (fetch(card_page) or ""), "a save in the folder made again")


# Rebuilds that keep what did not change (`preview.py`), against a full build of the same files.

SERVE_URL = "http://127.0.0.1:8000/"


def plugin_cache() -> dict[str, object]:
    """The plugins MkDocs keeps in this process from one configuration to the next (those with
    `on_startup` or `on_shutdown`), as `mkdocs serve` relies on."""
    from mkdocs.config.defaults import MkDocsConfig

    return dict(MkDocsConfig._schema)["plugins"].plugin_cache  # type: ignore[attr-defined,no-any-return]


@pytest.fixture
def fresh_plugins() -> Iterator[None]:
    plugin_cache().clear()
    yield
    for plugin in plugin_cache().values():  # the server's end, as `mkdocs serve` has it: nothing left behind
        if hasattr(plugin, "on_shutdown"):
            plugin.on_shutdown()
    plugin_cache().clear()


def rebuild(root: Path, site: Path, command: str, dirty: bool = False) -> None:
    """One build as `mkdocs serve` makes it (its address, its drafts), in this process; `command` is
    what `on_startup` is told: `serve` keeps the plugin and its preview from one call to the next."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    if command != "serve":
        plugin_cache().clear()  # a fresh plugin, as a new `mkdocs build` has
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    config.site_url = SERVE_URL
    if command == "build" or not getattr(rebuild, "started", False):
        config.plugins.on_startup(command=command, dirty=dirty)
        rebuild.started = command == "serve"  # type: ignore[attr-defined]
    build(config, serve_url=SERVE_URL, dirty=dirty and getattr(rebuild, "built", False))
    rebuild.built = command == "serve"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("search", "dirty"), [("pagefind", False), ("material", False), ("pagefind", True)])
def test_a_served_rebuild_equals_a_full_build(tmp_path: Path, search: str, dirty: bool, fresh_plugins: None,
                                              caplog: pytest.LogCaptureFixture) -> None:
    """`mkdocs serve` and `mkdocs serve --dirty` (which draws only the pages whose source is newer).

    Without `--dirty`, the file of an unchanged entry's page is carried over from the last site
    (`carried.py`): the sitemap still lists it, and a hand-written page's links to it are resolved,
    and their anchors checked, as in a full build."""
    import logging

    from conftest import REPO, assert_identical_sites

    root = tmp_path / "portal"
    root.mkdir()
    for part in ("mkdocs.yml", "network.yml", "docs", "practices", "visits", "toolkit"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / part)
    config = (root / "mkdocs.yml").read_text("utf-8")
    (root / "mkdocs.yml").write_text(config.replace("  - practice-exchange\n",
                                                    f"  - practice-exchange:\n      search: {search}\n"), "utf-8")
    about = root / "docs" / "about.md"  # links to an entry none of the saves touch: to a heading, and to none
    about.write_text(about.read_text("utf-8") + "\nSee [how it works](practices/integration-macht-schule.md"
                     "#how-it-works) and [nowhere](practices/integration-macht-schule.md#nowhere).\n", "utf-8")
    served = tmp_path / "served"
    rebuild.started = rebuild.built = False  # type: ignore[attr-defined]
    rebuild(root, served, "serve", dirty)
    # Saves: a practice's title and text, a visit's date (its neighbours change), a new entry.
    kaap = root / "practices" / "kaap.md"
    kaap.write_text(kaap.read_text("utf-8").replace("title: KAAP", "title: KAAP renamed") + "\nA new line.\n",
                    "utf-8")
    rebuild(root, served, "serve", dirty)
    visit = next((root / "visits").glob("2014-03-gijon*.md"))
    visit.write_text(visit.read_text("utf-8").replace("start: 2014-03", "start: 2014-06").replace(
        "end: 2014-03", "end: 2014-06"), "utf-8")
    (root / "practices" / "new-practice.md").write_text(
        "---\ntitle: A new practice\ncity: nantes\nsummary: Just added.\ntags: [parental-involvement]\n"
        "related: [kaap]\n---\n\nIts text.\n", "utf-8")
    untouched = served / "practices" / "integration-macht-schule" / "index.html"
    written = untouched.stat().st_mtime_ns
    # A second name for the file: a file written again is another, though it may get the freed inode's number.
    last = tmp_path / "last.html"
    os.link(untouched, last)
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        rebuild(root, served, "serve", dirty)
    said = [record.getMessage() for record in caplog.records if "integration-macht-schule" in record.getMessage()]
    caplog.clear()
    # The served site gets its search index after the rebuild: wait for it, as a reader would.
    served_plugin = plugin_cache()["practice-exchange"]
    served_plugin._indexed()  # type: ignore[attr-defined]
    replayed = served_plugin.build.replayed  # type: ignore[attr-defined]
    if dirty:
        # MkDocs left the page of an entry none of whose inputs changed as it was; the others it drew.
        assert untouched.stat().st_mtime_ns == written
        assert "practices/kaap.md" not in replayed
    elif search == "pagefind":
        # Most pages were written as they were; those the saves touched were drawn again.
        assert "practices/integration-macht-schule.md" in replayed and "catalogue/index.md" not in replayed
        assert not {"practices/kaap.md", "practices/new-practice.md", "practices/index.md"} & replayed
        # The unchanged entry's file is the last site's, moved back into place: not written again.
        assert untouched.samefile(last)
    else:
        assert replayed == set()  # Material's search reads every page as drawn: each is drawn
    fresh = tmp_path / "fresh"
    with caplog.at_level(logging.INFO, logger="mkdocs"):
        rebuild(root, fresh, "build")
    if not dirty:  # (a dirty rebuild checks no anchor of a page it does not convert, as MkDocs has it)
        # The links to the entry, as a full build says them: the missing anchor, not that the page is left out.
        assert said == [record.getMessage() for record in caplog.records
                        if "integration-macht-schule" in record.getMessage()]
        assert len(said) == 1 and "does not contain an anchor '#nowhere'" in said[0]  # `#how-it-works` is there
    files = assert_identical_sites(fresh, served)
    assert "practices/new-practice/index.html" in files
    assert "KAAP renamed" in (served / "practices" / "kaap" / "index.html").read_text("utf-8")


def test_a_served_rebuild_checks_the_links_to_headings_of_entries_it_carries_over(
        tmp_path: Path, fresh_plugins: None, caplog: pytest.LogCaptureFixture) -> None:
    """An entry's page carried over from the last site (or written as last drawn) still has its links to
    headings checked: a heading renamed on another page breaks them, and each rebuild says so, as a full
    build does."""
    import logging

    from conftest import REPO

    root = tmp_path / "portal"
    root.mkdir()
    for part in ("mkdocs.yml", "network.yml", "docs", "practices", "visits", "toolkit"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / part)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - practice-exchange\n", "  - practice-exchange:\n"
                                                        "      search: pagefind\n") + "validation:\n  anchors: warn\n",
                      "utf-8")
    kaap = root / "practices" / "kaap.md"
    kaap.write_text(kaap.read_text("utf-8") + "\nSee [the steps](../toolkit/parents-cafe.md#steps) and"
                    " [how](#how-it-workz).\n", "utf-8")
    served = tmp_path / "served"

    def said() -> list[str]:
        found = [r.getMessage() for r in caplog.records if r.getMessage().startswith("practices/kaap.md:")]
        caplog.clear()
        return found

    with caplog.at_level(logging.INFO, logger="mkdocs"):
        rebuild.started = rebuild.built = False  # type: ignore[attr-defined]
        rebuild(root, served, "serve")
        first = said()
        assert len(first) == 1 and "`#how-it-workz`" in first[0] and "did you mean `#how-it-works`?" in first[0]
        visit = next((root / "visits").glob("*.md"))
        visit.write_text(visit.read_text("utf-8") + "\nOne more line.\n", "utf-8")
        rebuild(root, served, "serve")
        assert said() == first  # kaap's page is carried over; its link is still said to lead nowhere
        card = root / "toolkit" / "parents-cafe.md"
        card.write_text(card.read_text("utf-8").replace("## Steps", "## Stages"), "utf-8")
        rebuild(root, served, "serve")
        now = said()
        assert len(now) == 2 and first[0] in now
        steps = next(message for message in now if message != first[0])
        assert "`../toolkit/parents-cafe.md#steps` leads to no heading or anchor `steps`" in steps
        assert "did you mean `../toolkit/parents-cafe.md#stages`?" in steps
        rebuild(root, tmp_path / "fresh", "build")
        assert said() == now


def test_a_visit_added_whose_file_name_begins_with_anothers_renames_that_ones_report_anchors_when_served(
        tmp_path: Path, fresh_plugins: None) -> None:
    """The report chapter of a visit whose file name another visit's begins with takes `--` in its ids
    (`pages.markdown.begun`): under `mkdocs serve` that visit's file did not change, but what reading it
    gave must be made again, as a full build makes it."""
    from conftest import REPO, assert_identical_sites

    root = tmp_path / "portal"
    root.mkdir()
    for part in ("mkdocs.yml", "network.yml", "docs", "practices", "visits", "toolkit"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / part)
    first = root / "visits" / "2014-01-antwerp-munich.md"
    text = first.read_text("utf-8")
    first.write_text(text + "\n## 2 Results\n\nTwo of them.\n", "utf-8")
    served = tmp_path / "served"
    rebuild.started = rebuild.built = False  # type: ignore[attr-defined]
    rebuild(root, served, "serve")
    assert 'id="2014-01-antwerp-munich-2-results"' in (served / "report" / "index.html").read_text("utf-8")
    (root / "visits" / "2014-01-antwerp-munich-2.md").write_text(
        text.replace("start: 2014-01-16\nend: 2014-01-17", "start: 2014-01-29\nend: 2014-01-30")
        .replace("\n---\n", "\ntitle: Antwerp in Munich again\n---\n", 1)
        + "\n## Results\n\nOne.\n", "utf-8")
    rebuild(root, served, "serve")
    plugin_cache()["practice-exchange"]._indexed()  # type: ignore[attr-defined]  # the data files, written after
    report = (served / "report" / "index.html").read_text("utf-8")
    assert 'id="2014-01-antwerp-munich--2-results"' in report and 'id="2014-01-antwerp-munich-2-results"' in report
    fresh = tmp_path / "fresh"
    rebuild(root, fresh, "build")
    assert_identical_sites(fresh, served)


# A theme override and an extra template that read `pages`; a file `mkdocs.yml` inherits; a hook that puts
# an entry in the menu after the plugin has looked at it.
PAGES_COUNTED = ('{% extends "base.html" %}{% block content %}{{ super() }}<p>{{ pages | length }} pages</p>'
                 '{% endblock %}')
MENU_HOOK = """
def on_nav(nav, config, files):
    page = files.get_file_from_path("practices/kaap.md").page
    nav.items.append(page)
    nav.pages.append(page)
    return nav
"""


@pytest.mark.parametrize("setup", ["pages read", "entry added", "inherited", "menu hook"])
def test_carried_pages_are_what_a_full_build_makes_of_them(tmp_path: Path, setup: str, fresh_plugins: None) -> None:
    """Under `mkdocs serve`, pages carried over from the last site (`carried.py`) are still in every
    template's `pages`; where a theme template of the portal's own may show them all, an entry added
    draws every page again; a change to a file `mkdocs.yml` inherits does too; and a page another
    plugin's hook puts in the menu is read for its title there, which nothing carried is."""
    from conftest import REPO, assert_identical_sites

    root = tmp_path / "portal"
    root.mkdir()
    for part in ("mkdocs.yml", "network.yml", "docs", "practices", "visits", "toolkit"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / part)
    config = (root / "mkdocs.yml").read_text("utf-8").replace("  - practice-exchange\n",
                                                              "  - practice-exchange:\n      search: pagefind\n")
    if setup in ("pages read", "entry added"):
        config = config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
        config += "extra_templates: [pages.txt]\n"
        (root / "overrides").mkdir()
        (root / "overrides" / "main.html").write_text(PAGES_COUNTED, "utf-8")
        (root / "docs" / "pages.txt").write_text("{% for file in pages %}{{ file.url }}\n{% endfor %}", "utf-8")
    elif setup == "inherited":
        (root / "base.yml").write_text("copyright: The first line.\n", "utf-8")
        config = "INHERIT: base.yml\n" + "".join(line for line in config.splitlines(keepends=True)
                                                if not line.startswith("copyright:"))
    else:
        config += "hooks:\n  - menu_hook.py\n"
        (root / "menu_hook.py").write_text(MENU_HOOK, "utf-8")
    (root / "mkdocs.yml").write_text(config, "utf-8")
    served = tmp_path / "served"
    rebuild.started = rebuild.built = False  # type: ignore[attr-defined]
    rebuild(root, served, "serve")
    untouched = served / "practices" / "integration-macht-schule" / "index.html"
    last = tmp_path / "last.html"  # a second name: a file written again is another (see above)
    os.link(untouched, last)
    if setup == "inherited":
        (root / "base.yml").write_text("copyright: A new line.\n", "utf-8")
    card = root / "toolkit" / "parents-cafe.md"
    card.write_text(card.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    if setup == "entry added":
        kaap = (root / "practices" / "kaap.md").read_text("utf-8")
        (root / "practices" / "kaap-two.md").write_text(kaap.replace("title: ", "title: Two ", 1), "utf-8")
    rebuild(root, served, "serve")
    plugin = plugin_cache()["practice-exchange"]
    plugin._indexed()  # type: ignore[attr-defined]
    assert untouched.samefile(last) == (setup == "pages read")  # its file carried over, or written again
    fresh = tmp_path / "fresh"
    rebuild(root, fresh, "build")
    assert_identical_sites(fresh, served)
    if setup == "pages read":
        assert "practices/integration-macht-schule/" in (served / "pages.txt").read_text("utf-8")
    elif setup == "entry added":
        assert "practices/kaap-two/" in (served / "pages.txt").read_text("utf-8")
    elif setup == "inherited":
        assert "A new line." in (served / "practices" / "integration-macht-schule" / "index.html").read_text("utf-8")
    else:
        assert "KAAP – Parents achieve goals together" in (served / "about" / "index.html").read_text("utf-8")


def test_a_save_stops_the_background_work_at_once_and_a_large_portal_hears_of_dirty(
        tmp_path: Path, fresh_plugins: None, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """What the last rebuild still writes after the page is shown (data files, search index) stops
    when MkDocs's watcher sees a save, not when the next rebuild reaches the plugin; a save seen once
    that work is over stops nothing (it would stop the rebuild the save began); and `mkdocs serve`
    of a large portal suggests `--dirty`."""
    import logging

    from mkdocs.config import load_config
    from watchdog.observers import Observer

    import practice_exchange.build as build_module
    import practice_exchange.plugin as plugin_module

    root = copy_portal(tmp_path)
    served = tmp_path / "served"
    monkeypatch.setattr(build_module, "AFTER_DELAY", 60.0)  # the background work waits: a save must end it
    rebuild.started = rebuild.built = False  # type: ignore[attr-defined]
    rebuild(root, served, "serve")
    plugin = plugin_cache()["practice-exchange"]
    watched: list[str] = []
    around: list[str] = []

    class Server:
        observer = Observer()

        def watch(self, path: str, recursive: bool = True) -> None:
            (watched if recursive else around).append(path)

    monkeypatch.setattr(plugin_module, "LARGE_PORTAL", 3)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(served))
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.practice_exchange"):
        plugin.on_serve(Server(), config=config, builder=None)  # type: ignore[attr-defined]
    assert str(root / "practices") in watched and str(root / "network.yml") in watched
    assert around == [] and plugin.around == {root}  # for `sessions/`, which the fixture has not, to appear in
    assert "entries: `mkdocs serve --dirty` shows a saved entry sooner" in caplog.text
    stop, working = plugin.build.stop, plugin.indexing  # type: ignore[attr-defined]
    assert working is not None and working.is_alive()
    Server.observer.start()
    try:
        (root / "practices" / "new-folder").mkdir()  # a folder alone is no save
        time.sleep(1.5)
        assert not stop.is_set() and working.is_alive()
        page = root / "practices" / "reading-club.md"
        page.write_text(page.read_text("utf-8") + "\nSaved.\n", "utf-8")
        wait_for(stop.is_set, "the save to stop the background work", 10)
        working.join(10)
        assert not working.is_alive()
        # That work over (the next rebuild waited for it), a save seen late leaves the rebuild alone.
        plugin._indexed()  # type: ignore[attr-defined]
        rebuild(root, served, "serve")
        plugin._indexed(stop=True)  # type: ignore[attr-defined]
        later = plugin.build.stop  # type: ignore[attr-defined]
        later.clear()
        page.write_text(page.read_text("utf-8") + "\nSaved again.\n", "utf-8")
        time.sleep(1.5)
        assert not later.is_set()
    finally:
        Server.observer.stop()
        Server.observer.join()
    caplog.clear()
    plugin.build.replaying = True  # type: ignore[attr-defined]  # as with Pagefind: unchanged pages are carried over
    plugin.on_serve(Server(), config=config, builder=None)  # type: ignore[attr-defined]
    assert "--dirty" not in caplog.text
    plugin.build.replaying = False  # type: ignore[attr-defined]
    plugin.preview.dirty = True  # type: ignore[attr-defined]  # `mkdocs serve --dirty`: nothing to suggest
    plugin.on_serve(Server(), config=config, builder=None)  # type: ignore[attr-defined]
    assert "--dirty" not in caplog.text


def test_only_a_served_sites_search_index_is_background_work(
        tmp_path: Path, fresh_plugins: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build waits for its index (Pagefind at full priority, nothing can stop it); a served rebuild's
    is written in the background, where a save stops it."""
    import threading

    from practice_exchange import search

    root = copy_portal(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - practice-exchange\n",
                                                        "  - practice-exchange:\n      search: pagefind\n"), "utf-8")
    given: list[object] = []
    indexing = search.index
    monkeypatch.setattr(search, "index",
                        lambda site, pages, stop=None: given.append(stop) or indexing(site, pages, stop))
    rebuild(root, tmp_path / "built", "build")
    rebuild.started = rebuild.built = False  # type: ignore[attr-defined]
    rebuild(root, tmp_path / "served", "serve")
    plugin_cache()["practice-exchange"]._indexed()  # type: ignore[attr-defined]
    assert given[0] is None and isinstance(given[1], threading.Event)


def test_a_dirty_rebuild_draws_the_hand_written_pages_again(tmp_path: Path, fresh_plugins: None) -> None:
    """With `--dirty` MkDocs reads only the pages whose source is newer than their HTML: a hand-written
    page titled by its first heading would have no title in the menu of the pages drawn again."""
    from conftest import assert_identical_sites

    root = copy_portal(tmp_path)
    (root / "docs" / "field-notes.md").write_text("# Field notes\n\nWhat the visits taught.\n", "utf-8")
    served = tmp_path / "served"
    rebuild.started = rebuild.built = False  # type: ignore[attr-defined]
    rebuild(root, served, "serve", dirty=True)
    page = root / "practices" / "reading-club.md"
    page.write_text(page.read_text("utf-8").replace("city: lyon", "city: bergen"), "utf-8")
    rebuild(root, served, "serve", dirty=True)
    plugin_cache()["practice-exchange"]._indexed()  # type: ignore[attr-defined]
    assert "Field notes" in (served / "practices" / "reading-club" / "index.html").read_text("utf-8")
    fresh = tmp_path / "fresh"
    rebuild(root, fresh, "build")
    assert_identical_sites(fresh, served)


def test_a_rebuilds_notes_are_shown_once(tmp_path: Path, fresh_plugins: None, caplog: pytest.LogCaptureFixture) -> None:
    """Under `mkdocs serve` the build's notes (which search, no report page) are not repeated at each
    save, where they would push the save's own problems out of sight; a new note is shown."""
    import logging

    root = copy_portal(tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("  - practice-exchange\n",
                                                        "  - practice-exchange:\n      search: pagefind\n"), "utf-8")
    served = tmp_path / "served"
    rebuild.started = rebuild.built = False  # type: ignore[attr-defined]
    note = "practice-exchange: search by Pagefind: the option `search: pagefind`"
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.practice_exchange"):
        for _ in range(3):
            rebuild(root, served, "serve")
            plugin_cache()["practice-exchange"]._indexed()  # type: ignore[attr-defined]
    shown = [record.getMessage() for record in caplog.records if record.levelno >= logging.INFO]
    assert shown.count(note) == 1
    assert sum(message.startswith("practice-exchange: search: Pagefind indexed") for message in shown) == 1


def test_a_changed_mkdocs_yml_drops_what_earlier_rebuilds_kept(tmp_path: Path) -> None:
    """The compiled templates too: their code depends on the template environment, which mkdocs.yml sets."""
    import jinja2

    from practice_exchange.preview import Preview

    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: A\n", encoding="utf-8")
    preview = Preview()
    preview.start(config)
    env = jinja2.Environment(loader=jinja2.DictLoader({"page.html": "{{ 1 + 1 }}"}), bytecode_cache=preview.compiled)
    assert env.get_template("page.html").render() == "2"
    assert len(preview.compiled.store) == 1
    preview.searched["index.html"] = True
    assert preview.first_time("a note") and not preview.first_time("a note")
    preview.start(config)  # a rebuild, mkdocs.yml untouched: kept
    assert len(preview.compiled.store) == 1 and preview.searched and not preview.first_time("a note")
    config.write_text("site_name: A longer name\n", encoding="utf-8")
    preview.start(config)
    assert preview.compiled.store == {} and not preview.searched and preview.first_time("a note")


def test_the_open_page_shows_the_problems_and_then_the_fixed_page(server, browser) -> None:  # type: ignore[no-untyped-def]
    """An author saves a file with a mistake while its page is open: the browser shows what is wrong,
    in the author's words escaped, and the page again once the file is fixed, without a reload by hand
    (MkDocs's server left the browser waiting for a build that never came)."""
    root, base, _, process = server
    source = root / "practices" / "reading-club.md"
    text = source.read_text(encoding="utf-8")
    page = browser.new_page()
    try:
        page.goto(base + "practices/reading-club/")
        assert ">Lyon</a>" in page.content()
        source.write_text(text.replace("city: lyon", "city: <b>lyonn</b>"), encoding="utf-8")
        page.wait_for_selector("text=The preview waits for a fix", timeout=60_000)
        assert "unknown city `<b>lyonn</b>`" in page.inner_text("main")
        assert page.query_selector("main b") is None  # the author's text is text
        source.write_text(text.replace("city: lyon", "city: bergen"), encoding="utf-8")
        page.wait_for_selector("a:has-text('Bergen')", timeout=60_000)
        assert page.url == base + "practices/reading-club/"
    finally:
        page.close()
    assert process.poll() is None


def test_errors_from_the_start_are_shown_with_pagefind_and_strict(tmp_path: Path) -> None:
    """A hostile review: with Pagefind's search box the waiting rebuild failed in the theme (its texts were
    not set), and `--strict` counted the errors it shows and aborted; both left the browser waiting.
    With a `nav`, `--strict` counted MkDocs's warnings of the pages it names, and the server stopped."""
    root = copy_portal(tmp_path)
    config = root / "mkdocs.yml"
    # With a menu too: MkDocs warned of each page it names, and `--strict` then stopped the server.
    config.write_text(config.read_text(encoding="utf-8").replace(
        "  - practice-exchange", "  - practice-exchange:\n      search: pagefind")
        + "nav:\n  - index.md\n  - Practices: practices/index.md\n", encoding="utf-8")
    source = root / "practices" / "reading-club.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("city: lyon", "city: lyonn"), encoding="utf-8")
    port = free_port()
    with (tmp_path / "serve.log").open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
            cwd=root, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        try:
            page = f"http://127.0.0.1:{port}/practices/reading-club/"
            wait_for(lambda: "unknown city `lyonn`" in error_page(page)[1], "the problems to be shown")
            # Not Oslo: Oslo's visit to Lyon lists the club, which would then be a practice of the visiting
            # city among those it saw, a warning that `--strict` refuses.
            source.write_text(text.replace("city: lyon", "city: bergen"), encoding="utf-8")
            wait_for(lambda: ">Bergen</a> (NO)" in (fetch(page) or ""), "the fixed page to be served")
            assert process.poll() is None
        finally:
            process.terminate()
            process.wait(timeout=30)


@pytest.mark.parametrize(("written", "title"), [
    ("A & B", "A &amp; B"),
    ("</title><script>alert(1)</script>", "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
    ("say &quot;hi&quot;", "say &quot;hi&quot;")])
def test_the_waiting_page_names_the_portal_as_written(written: str, title: str) -> None:
    """The waiting page escaped the name the theme had escaped already: `A & B` showed as `A &amp;amp; B`."""
    from practice_exchange.errors import Problem
    from practice_exchange.pages.safety import name_as_text
    from practice_exchange.preview import waiting_page

    for name in (written, name_as_text(written)):  # as written, and as the build hands it on
        page = waiting_page(name, [Problem("visits/x.md", 3, "city", "unknown city `<b>`")])
        assert f"<title>The preview waits for a fix · {title}</title>" in page
        assert "<b>" not in page and "&lt;b&gt;" in page


def test_the_configuration_a_rebuild_watches_is_every_file_mkdocs_yml_inherits(tmp_path: Path) -> None:
    """`INHERIT:` chains, read whatever tags their values carry (MkDocs's `!ENV`, Material's
    `!!python/name:`), ended at a cycle, at a file that cannot be read, and after ten files."""
    from practice_exchange.preview import INHERITED_AT_MOST, inherited

    (tmp_path / "mkdocs.yml").write_text("INHERIT: config/base.yml\nsite_name: !ENV [NAME, 'A']\n", "utf-8")
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "base.yml").write_text(
        "INHERIT: ../mkdocs.yml\nmarkdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n", "utf-8")
    assert inherited(tmp_path / "mkdocs.yml") == [tmp_path / "mkdocs.yml", (tmp_path / "config" / "base.yml")]
    (tmp_path / "config" / "base.yml").write_text("INHERIT: missing.yml\n", "utf-8")
    assert inherited(tmp_path / "mkdocs.yml")[-1] == tmp_path / "config" / "missing.yml"
    # A file in the chain reached through a link: its own `INHERIT` is beside the link, as MkDocs reads it.
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "base.yml").write_text("INHERIT: common.yml\n", "utf-8")
    (tmp_path / "config" / "base.yml").unlink()
    (tmp_path / "config" / "base.yml").symlink_to(tmp_path / "shared" / "base.yml")
    assert inherited(tmp_path / "mkdocs.yml")[-1] == tmp_path / "config" / "common.yml"
    for at in range(12):  # a chain longer than any portal's
        (tmp_path / f"{at}.yml").write_text(f"INHERIT: {at + 1}.yml\n", "utf-8")
    assert len(inherited(tmp_path / "0.yml")) == INHERITED_AT_MOST
