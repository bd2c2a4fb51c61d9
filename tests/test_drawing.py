"""The theme's pages drawn by a helper process beside MkDocs: the same bytes, and only where safe."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.plugins import CombinedEvent

from conftest import assert_identical_sites, copy_portal, fork_unavailable, mkdocs
from practice_exchange import drawing

needs_fork = pytest.mark.skipif(fork_unavailable() is not None, reason=f"no fork here: {fork_unavailable()}")


@pytest.fixture
def fresh_plugins(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A new plugin for each build in this process; the helper forked whatever threads earlier
    browser tests left behind (the pages drawn take none of their locks)."""
    from mkdocs.config.defaults import MkDocsConfig

    cache = dict(MkDocsConfig._schema)["plugins"].plugin_cache  # type: ignore[attr-defined]
    cache.clear()
    monkeypatch.setattr("practice_exchange.pages.ahead.why_not_fork", lambda: None)
    yield
    cache.clear()


def build_here(root: Path, site: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site))
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def helper_draws_all(monkeypatch: pytest.MonkeyPatch) -> tuple[list[object], list[tuple[int, int]]]:
    """The helper draws every page before MkDocs draws on; returns the first page it was started at
    (None: before any), and for each build, the pages written as it drew them and all the pages."""
    start, finish = drawing.Drawing.start, drawing.Drawing.finish
    firsts: list[object] = []
    counts: list[tuple[int, int]] = []

    def start_and_wait(self: drawing.Drawing, first: object) -> None:
        firsts.append(first)
        start(self, first)  # type: ignore[arg-type]
        self.ahead.wait()

    def finish_counting(self: drawing.Drawing) -> None:
        counts.append((self.written, len(self.files)))
        finish(self)

    monkeypatch.setattr(drawing.Drawing, "start", start_and_wait)
    monkeypatch.setattr(drawing.Drawing, "finish", finish_counting)
    return firsts, counts


# A hook file that sets up the templates late and reads each page's meta as it is written, and a
# theme override that prints what the late hook set: what the helper draws must show both alike.
LATE_HOOKS = """from mkdocs.plugins import event_priority


@event_priority(-200)
def on_env(env, config, files):
    env.globals["late_banner"] = "Set up late"
    return env


def on_post_page(output, page, config):
    return output.replace("</body>", f"<!-- template: {page.meta.get('template')} --></body>")
"""
OVERRIDE = '{% extends "base.html" %}{% block content %}{{ super() }}<p>{{ late_banner }}</p>{% endblock %}\n'


@needs_fork
def test_pages_the_helper_draws_are_those_mkdocs_would_draw(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_plugins: None
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    _, counts = helper_draws_all(monkeypatch)
    root = copy_portal(tmp_path / "portal")
    (root / "late.py").write_text(LATE_HOOKS, encoding="utf-8")
    (root / "overrides").mkdir()
    (root / "overrides" / "main.html").write_text(OVERRIDE, encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    config += "hooks:\n  - late.py\n"
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    build_here(root, tmp_path / "beside")
    # Every page but the first (MkDocs draws it as the helper starts) written as the helper drew it.
    assert len(counts) == 1 and counts[0][1] > 20 and counts[0][0] == counts[0][1] - 1
    (root / "mkdocs.yml").write_text(
        config.replace("  - practice-exchange\n", "  - practice-exchange:\n      parallel: false\n"), encoding="utf-8")
    result = mkdocs(root, "build", "--strict", "--site-dir", str(tmp_path / "alone"))
    assert result.returncode == 0, result.stderr
    files = assert_identical_sites(tmp_path / "beside", tmp_path / "alone")
    assert "findings/index.html" in files and any(f.startswith("practices/") for f in files)
    findings = (tmp_path / "beside" / "findings" / "index.html").read_text("utf-8")
    assert "<p>Set up late</p>" in findings and "<!-- template: None -->" in findings


@needs_fork
def test_a_page_written_as_drawn_has_its_html_back_only_for_another_plugins_hooks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_plugins: None
) -> None:
    """A page the helper drew is written as drawn: its converted HTML (the findings page of 20,000
    entries is megabytes) is read back for it only where another plugin's hook reads pages as they
    are written, and then every page has it."""
    from practice_exchange.build import Build

    helper_draws_all(monkeypatch)
    given: list[str] = []
    give_back = Build.give_back

    def counting(self: Build, src_uri: str) -> str | None:
        given.append(src_uri)
        return give_back(self, src_uri)

    monkeypatch.setattr(Build, "give_back", counting)
    root = copy_portal(tmp_path / "portal")
    # Pagefind's search: Material's reads every page's HTML as it is drawn.
    config = (root / "mkdocs.yml").read_text(encoding="utf-8").replace(
        "  - practice-exchange", "  - practice-exchange:\n      search: pagefind")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    build_here(root, tmp_path / "alone")
    assert given == ["index.md"]  # MkDocs's first page, drawn by MkDocs as the helper starts
    given.clear()
    (root / "reading.py").write_text(
        "def on_post_page(output, page, config):\n"
        "    with open(config.site_dir + '/../read.txt', 'a', encoding='utf-8') as read:\n"
        "        read.write(f'{page.file.src_uri} {bool(page.content)}\\n')\n"
        "    return output\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(config + "hooks:\n  - reading.py\n", encoding="utf-8")
    build_here(root, tmp_path / "beside")
    read = dict(line.rsplit(" ", 1) for line in (tmp_path / "read.txt").read_text("utf-8").splitlines())
    assert len(given) > 20 and "findings.md" in given and "findings.md" in read
    assert set(read.values()) == {"True"}


@needs_fork
def test_without_a_later_hook_the_helper_draws_every_page_before_mkdocs_draws_its_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_plugins: None
) -> None:
    """Forked at the plugin's `on_env`, the last hook that sets up the templates: the helper can draw
    every page (the first too) while MkDocs copies the theme's files; the site is as MkDocs draws it."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    firsts, counts = helper_draws_all(monkeypatch)
    root = copy_portal(tmp_path / "portal")
    build_here(root, tmp_path / "beside")
    assert firsts == [None]  # before MkDocs drew a page
    assert len(counts) == 1 and counts[0][1] > 20 and counts[0][0] == counts[0][1] - 1  # all but the first
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        config.replace("  - practice-exchange\n", "  - practice-exchange:\n      parallel: false\n"), encoding="utf-8")
    result = mkdocs(root, "build", "--strict", "--site-dir", str(tmp_path / "alone"))
    assert result.returncode == 0, result.stderr
    assert_identical_sites(tmp_path / "beside", tmp_path / "alone")


class Foreign:
    def on_page_context(self, context: object, **_: object) -> object:
        return context


def test_only_hooks_that_read_a_page_alone_let_the_helper_draw() -> None:
    from practice_exchange.plugin import PracticeExchangePlugin

    ours = PracticeExchangePlugin()

    def file_hook(context: object, **_: object) -> object:  # as a `hooks:` file of mkdocs.yml defines
        return context

    # As MkDocs registers them: each of the plugin's handlers of the event, bound.
    handlers = list(ours.on_page_context.methods) if isinstance(ours.on_page_context, CombinedEvent) \
        else [ours.on_page_context]
    config = SimpleNamespace(plugins=SimpleNamespace(events={"page_context": handlers}))
    assert drawing.unknown_hooks(config) == []  # type: ignore[arg-type]
    config.plugins.events["page_context"] += [Foreign().on_page_context, file_hook]
    unknown = drawing.unknown_hooks(config)  # type: ignore[arg-type]
    assert len(unknown) == 2 and "Foreign.on_page_context" in unknown[0] and "file_hook" in unknown[1]


def test_a_hook_file_keeps_every_page_drawn_by_mkdocs(tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "portal")
    (root / "counting.py").write_text(
        "seen = []\n\ndef on_page_context(context, page, config, nav):\n"
        "    seen.append(page.file.src_uri)\n    context['pages_before'] = len(seen)\n    return context\n",
        encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config + "hooks:\n  - counting.py\n", encoding="utf-8")
    result = mkdocs(root, "build", "--strict", "--verbose")
    assert result.returncode == 0, result.stderr
    assert "MkDocs draws every page: a page's context may depend on those drawn before it" in result.stderr
    assert "drawn by the helper process" not in result.stderr


@needs_fork
def test_a_build_has_a_helper_draw_pages_and_a_dirty_build_does_not(tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "portal")
    first = mkdocs(root, "build", "--strict", "--verbose")
    assert first.returncode == 0, first.stderr
    assert "pages drawn by the helper process" in first.stderr
    entry = root / "practices" / "language-steps.md"
    entry.write_text(entry.read_text("utf-8").replace("title: Language steps", "title: Language steps renamed"),
                     "utf-8")
    # `--dirty` writes only the pages whose sources changed (every generated one, which shows the data):
    # a helper would draw every page for nothing.
    again = mkdocs(root, "build", "--dirty", "--verbose")
    assert again.returncode == 0, again.stderr
    assert "Traceback" not in again.stderr and "pages drawn by the helper process" not in again.stderr
    for page in ("practices/language-steps/index.html", "practices/index.html"):
        assert "Language steps renamed" in (root / "site" / page).read_text("utf-8")


WARNING_HOOKS = """import logging


def warn(page):
    if page.file.src_uri.startswith("practices/"):
        logging.getLogger("mkdocs.hooks.warner").warning(f"drawing {page.file.src_uri}")
    return ""


def on_env(env, config, files):
    env.filters["warn"] = warn
    return env
"""


@needs_fork
def test_a_warning_logged_while_a_page_is_drawn_counts_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_plugins: None, caplog: pytest.LogCaptureFixture
) -> None:
    from mkdocs.exceptions import Abort

    start = drawing.Drawing.start

    def start_and_finish(self: drawing.Drawing, first: object) -> None:
        start(self, first)  # type: ignore[arg-type]
        self.ahead.wait()  # the helper draws every page (the warning ones too) before MkDocs draws on

    monkeypatch.setattr(drawing.Drawing, "start", start_and_finish)
    root = copy_portal(tmp_path / "portal")
    (root / "warner.py").write_text(WARNING_HOOKS, encoding="utf-8")
    (root / "overrides").mkdir()
    (root / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}{% block content %}{{ super() }}{{ page | warn }}{% endblock %}\n', encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    (root / "mkdocs.yml").write_text(config + "strict: true\nhooks:\n  - warner.py\n", encoding="utf-8")
    practices = len(list((root / "practices").glob("*.md"))) + 1  # and their listing
    with pytest.raises(Abort, match=f"Aborted with {practices} warnings in strict mode!"):
        build_here(root, tmp_path / "site")
    said = [record.getMessage() for record in caplog.records if record.getMessage().startswith("drawing practices/")]
    assert len(said) == practices == len(set(said))  # each once, by MkDocs's own drawing


def test_the_plugins_own_template_named_by_a_page_is_a_located_error(tmp_path: Path) -> None:
    root = copy_portal(tmp_path / "portal")
    (root / "docs" / "odd.md").write_text("---\ntemplate: practice-exchange-replay.html\n---\n\n# Odd\n",
                                          encoding="utf-8")
    result = mkdocs(root, "build")
    assert result.returncode != 0
    assert "the page `odd.md` names the template `practice-exchange-replay.html`" in result.stderr
    assert "Traceback" not in result.stderr


@needs_fork
def test_the_benchmark_counts_every_helper_of_a_build(tmp_path: Path) -> None:
    """The benchmark's memory figure adds what each helper holds: it must see every helper a build forks."""
    import json
    import subprocess
    import sys

    root = copy_portal(tmp_path / "portal")
    bench = Path(__file__).parent.parent / "bench" / "build_once.py"
    result = subprocess.run([sys.executable, str(bench), str(root / "mkdocs.yml"), str(tmp_path / "site")],
                            capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    # The parts helper and the one drawing the theme's pages (too few entries to split their reading).
    assert figures["helpers"] == 2
    assert figures["together_mib"] > 0 and figures["peak_mib"] > 0 and figures["helper_mib"] > 0


@needs_fork
def test_the_benchmark_samples_the_build_and_its_forked_helpers_but_not_other_programs() -> None:
    """What the build and its helpers hold together is summed over the build's children that run its
    program (its forked helpers), not over Pagefind's, nor over the watcher that samples them."""
    import importlib.util
    import os
    import subprocess
    import time

    script = Path(__file__).parent.parent / "bench" / "build_once.py"
    spec = importlib.util.spec_from_file_location("build_once", script)
    assert spec is not None and spec.loader is not None
    build_once = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_once)
    program = os.readlink("/proc/self/exe")
    helper, skipped = os.fork(), None
    if helper == 0:
        time.sleep(5)
        os._exit(0)
    other = subprocess.Popen(["sleep", "5"])
    try:
        skipped = os.fork()
        if skipped == 0:
            time.sleep(5)
            os._exit(0)
        found = build_once.family(os.getpid(), program, skipped)
        assert os.getpid() in found and helper in found
        assert other.pid not in found and skipped not in found
        assert build_once.pss_kib(helper) > 0 and build_once.pss_kib(other.pid) > 0
    finally:
        for pid in (helper, skipped):
            if pid:
                os.kill(pid, 9)
                os.waitpid(pid, 0)
        other.kill()
        other.wait()
    assert build_once.pss_kib(helper) == 0  # ended: nothing held
