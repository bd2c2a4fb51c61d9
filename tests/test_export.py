"""`practice-exchange export DIR`: the portal as plain Markdown that MkDocs and Zensical build
without the plugin, with the same pages, titles and internal links as the plugin build."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, mkdocs
from practice_exchange.cli import main

PARTS = ("mkdocs.yml", "network.yml", "docs", "practices", "visits", "toolkit")


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "portal"
    root.mkdir()
    for part in PARTS:
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / part)
    return root


def _pages(site: Path) -> dict[str, tuple[str, list[str]]]:
    """Each page of a built site: its title, and where its article's internal links lead (from the root)."""
    pages = {}
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("search/", "assets/")) or rel == "404.html":
            continue
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        base = "https://portal.example/" + rel
        links = []
        for a in soup.select("article a[href]"):
            href = a["href"]
            if href.startswith(("#", "http", "mailto:")):
                continue
            links.append(urljoin(base, href).split("#")[0].removesuffix("index.html"))
        pages[rel] = (soup.title.get_text(), sorted(links))
    return pages


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The example portal exported, and the plugin's own build of it."""
    tmp = tmp_path_factory.mktemp("export")
    root = _copy(tmp)
    out = tmp / "plain"
    assert main(["--root", str(root), "export", str(out)]) == 0
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return out, root / "site"


def test_the_export_builds_with_plain_mkdocs_as_the_plugin_builds(exported: tuple[Path, Path]) -> None:
    out, plugin_site = exported
    assert "  - practice-exchange" not in (out / "mkdocs.yml").read_text("utf-8")
    document = (out / "docs" / "practices" / "absence-text-alerts.md").read_text("utf-8")
    assert '<h1><span id="px-title"></span>Text-message alerts on absence</h1>' in document
    assert "\ncity: stockholm" not in document
    result = mkdocs(out, "build", "--strict")
    assert result.returncode == 0, result.stderr
    ours, theirs = _pages(plugin_site), _pages(out / "site")
    assert len(ours) > 70
    assert theirs == ours
    for name in ("portal.xlsx", "portal.json", "practices.csv", "network.svg"):
        assert (out / "site/exports" / name).read_bytes() == (plugin_site / "exports" / name).read_bytes()


def test_the_export_builds_with_zensical(exported: tuple[Path, Path]) -> None:
    pytest.importorskip("zensical", reason="Zensical is not installed (the `compat` extra installs it)")
    out, plugin_site = exported
    work = out.parent / "zensical"
    shutil.copytree(out, work)
    shutil.rmtree(work / "site", ignore_errors=True)
    result = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict"], cwd=work,
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0 and "No module named zensical.__main__" in result.stderr:
        result = subprocess.run([shutil.which("zensical") or "zensical", "build", "--strict"], cwd=work,
                                capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    ours, theirs = _pages(plugin_site), _pages(work / "site")
    assert sorted(theirs) == sorted(ours)
    # Zensical's theme names the home page in its <title> ("Home - …"), Material's does not: not the export's doing.
    titles = lambda pages: {page: title for page, (title, _) in pages.items() if page != "index.html"}  # noqa: E731
    assert titles(theirs) == titles(ours)
    assert {page: links for page, (_, links) in theirs.items()} == {page: links for page, (_, links) in ours.items()}


def test_an_author_s_script_stays_text_in_the_export(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    entry = root / "practices" / "absence-text-alerts.md"
    entry.write_text(entry.read_text("utf-8") + "\n<script>alert(1)</script> and <b onclick=x>bold</b>\n",
                     encoding="utf-8")
    out = tmp_path / "plain"
    assert main(["--root", str(root), "export", str(out)]) == 0
    assert mkdocs(out, "build", "--strict").returncode == 0
    page = (out / "site/practices/absence-text-alerts/index.html").read_text("utf-8")
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_portal_s_name_stays_text_in_the_export_built_without_the_plugin(tmp_path: Path) -> None:
    """A hostile review: the plugin made `site_name` text, but the export copied it as written, and plain
    MkDocs printed `</title><script>` as markup."""
    from bs4 import BeautifulSoup

    root = _copy(tmp_path)
    config = root / "mkdocs.yml"
    name = 'R&D "q" </title><script>alert(1)</script>'
    lines = [f"site_name: {json.dumps(name)}" if line.startswith("site_name:") else line
             for line in config.read_text("utf-8").splitlines()]
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "plain"
    assert main(["--root", str(root), "export", str(out)]) == 0
    assert mkdocs(out, "build", "--strict").returncode == 0
    page = BeautifulSoup((out / "site" / "index.html").read_text("utf-8"), "html.parser")
    assert page.title is not None and page.title.get_text().endswith(name)
    assert page.find("script", string="alert(1)") is None


def test_export_refuses_a_folder_with_files_and_a_portal_with_errors(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = _copy(tmp_path)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "mine.txt").write_text("keep me", encoding="utf-8")
    assert main(["--root", str(root), "export", str(busy)]) == 1
    assert "is not empty" in capsys.readouterr().err
    assert (busy / "mine.txt").read_text("utf-8") == "keep me"
    (root / "visits" / "2014-01-tallinn-munich.md").write_text("---\nvisitor: nowhere\n---\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["--root", str(root), "export", str(out)]) == 1
    err = capsys.readouterr().err
    assert "visits/2014-01-tallinn-munich.md" in err and "nothing was exported" in err
    assert not out.exists()


def test_the_export_keeps_what_only_mkdocs_reads_and_the_theme_s_overrides(tmp_path: Path) -> None:
    """`!ENV`, Python names of Material's emoji settings, plugins as a mapping, a nav with a section and
    a theme's `custom_dir`: written into the export's mkdocs.yml as the portal has them."""
    root = _copy(tmp_path)
    (root / "overrides").mkdir()
    (root / "overrides" / "main.html").write_text(
        '{% extends "base.html" %}\n{% block announce %}Overridden for the export{% endblock %}\n', encoding="utf-8")
    (root / "mkdocs.yml").write_text("""site_name: Emoji portal
site_url: !ENV [PX_EXPORT_TEST_URL, "https://portal.example/"]
theme:
  name: material
  font: false
  custom_dir: overrides
markdown_extensions:
  - attr_list
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
plugins:
  search: {}
  practice-exchange: {}
nav:
  - Home: index.md
  - Entries:
      - practices/index.md
      - Visits: visits/index.md
  - About: about.md
""", encoding="utf-8")
    out = tmp_path / "plain"
    assert main(["--root", str(root), "export", str(out)]) == 0
    written = (out / "mkdocs.yml").read_text("utf-8")
    assert "site_url: !ENV [PX_EXPORT_TEST_URL, 'https://portal.example/']" in written \
        or "site_url: !ENV\n- PX_EXPORT_TEST_URL" in written, written
    assert "emoji_index: !!python/name:material.extensions.emoji.twemoji" in written
    assert "practice-exchange:" not in written and "  search: {}" in written and "custom_dir: overrides" in written
    assert (out / "overrides" / "main.html").is_file()
    result = mkdocs(out, "build", "--strict")
    assert result.returncode == 0, result.stderr
    home = BeautifulSoup((out / "site" / "index.html").read_text("utf-8"), "html.parser")
    assert "Overridden for the export" in home.get_text()
    assert "nav:\n- Home: index.md\n- Entries:\n  - practices/index.md\n  - Visits: visits/index.md\n" in written
    sections = [item.get_text(" ", strip=True).split()[0] for item in
                home.select(".md-nav--primary > .md-nav__list > .md-nav__item")]
    assert sections == ["Home", "Entries", "About"]
