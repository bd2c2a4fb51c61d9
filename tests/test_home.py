"""A portal without a home page of its own gets one: the network, its counts and the ways in."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from conftest import copy_portal, mkdocs


def test_a_portal_without_docs_index_gets_a_generated_home_page(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    (root / "docs" / "index.md").unlink()
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((root / "site" / "index.html").read_text("utf-8"), "html.parser")
    text = " ".join(page.select_one("article").get_text().split())
    assert "Fixture network brings together 4 partner cities, led by Lyon" in text
    assert "Good practices: 3" in text and "Visits: 2" in text and "Toolkit: 1" in text
    links = {a["href"] for a in page.select("article a")}
    assert {"catalogue/", "practices/", "visits/", "findings/", "exports/"} <= links
    assert all((root / "site" / href / "index.html").is_file() for href in links if href.endswith("/"))
    assert page.title.get_text() == "Fixture network"


def test_a_hand_written_home_page_is_kept(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    (root / "docs" / "index.md").unlink()
    (root / "docs" / "README.md").write_text("# Our own welcome\n", encoding="utf-8")
    assert mkdocs(root, "build", "--strict").returncode == 0
    page = BeautifulSoup((root / "site" / "index.html").read_text("utf-8"), "html.parser")
    assert page.select_one("article h1").get_text().strip().startswith("Our own welcome")
    assert "brings together" not in page.get_text()
