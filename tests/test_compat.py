"""The plugins portal owners add beside practice-exchange: the example builds with `--strict` and
each of them does its job on the generated pages too.

They come from the optional `compat` extra, which the README's test command installs; a plugin
that is not installed skips its test and says so.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, mkdocs
from practice_exchange.exports import NAMES

PARTS = ("mkdocs.yml", "network.yml", "docs", "practices", "visits", "toolkit")
ENTRY = "practices/absence-text-alerts"
LATER = "2022-05-06T10:00:00+00:00"
FIRST = "2021-03-04T10:00:00+00:00"


def _needs(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"`{module}` is not installed: install the `compat` extra (pip install -e '.[compat]')")


def _git(root: Path, *args: str, date: str = FIRST) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "GIT_AUTHOR_NAME": "Test",
           "GIT_AUTHOR_EMAIL": "test@example.org", "GIT_COMMITTER_NAME": "Test",
           "GIT_COMMITTER_EMAIL": "test@example.org"}
    subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True)


def example(tmp_path: Path, plugins: str, settings: str = "") -> Path:
    """A copy of the example portal, under git (every file committed on one day, one entry later),
    with `plugins` added after practice-exchange and `settings` at the top of mkdocs.yml."""
    root = tmp_path / "portal"
    root.mkdir()
    for part in PARTS:
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / part)
    config = (root / "mkdocs.yml").read_text("utf-8")
    assert "  - practice-exchange\n" in config
    config = settings + config.replace("  - practice-exchange\n", "  - practice-exchange\n" + plugins)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    _git(root, "init", "-q")
    _git(root, "add", ".")
    _git(root, "commit", "-q", "-m", "The portal")
    entry = root / f"{ENTRY}.md"
    entry.write_text(entry.read_text("utf-8") + "\nAdded later.\n", encoding="utf-8")
    _git(root, "commit", "-q", "-am", "One entry changed", date=LATER)
    return root


def built(root: Path) -> Path:
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return root / "site"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text("utf-8"), "html.parser")


def _entry_page_is_whole(page: BeautifulSoup) -> None:
    article = page.select_one("article")
    assert article.h1.get_text() == "Text-message alerts on absence"
    assert article.select_one("dl.px-facts") is not None and article.select(".px-links a")


def test_static_i18n_builds_every_page_in_each_language(tmp_path: Path) -> None:
    _needs("mkdocs_static_i18n")
    site = built(example(tmp_path, """  - i18n:
      docs_structure: suffix
      languages:
        - locale: en
          default: true
          name: English
        - locale: de
          name: Deutsch
"""))
    # Built again over the last site, which the build keeps until it succeeds (`kept.py`): the build of
    # each other language, run inside it, does not set the default language's pages aside again.
    assert mkdocs(site.parent, "build", "--strict").returncode == 0
    assert not [p.name for p in site.parent.iterdir() if p.name.startswith(".practice-exchange-last-")]
    english, german = soup(site / ENTRY / "index.html"), soup(site / "de" / ENTRY / "index.html")
    for page, lang in ((english, "en"), (german, "de")):
        assert page.html["lang"] == lang
        _entry_page_is_whole(page)
    assert (site / "de/catalogue/index.html").is_file()
    # The data files are the same in every language: one copy, which each language's page links to.
    for lang in ("", "de/"):
        page = site / lang / "exports/index.html"
        links = [a["href"] for a in soup(page).select("article h2 a[download]")]
        assert len(links) == len(NAMES) + 1  # every export file and the network picture
        for href in links:
            assert Path(urljoin(page.as_uri(), href).removeprefix("file://")).is_file(), (lang, href)


@pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")
def test_rss_feeds_list_the_entries_with_their_commit_dates(tmp_path: Path) -> None:
    _needs("mkdocs_rss_plugin")
    site = built(example(tmp_path, """  - rss:
      match_path: "(practices|visits|toolkit)/(?!index).*"
""", settings="site_url: https://portal.example/\n"))
    feed = soup(site / "feed_rss_updated.xml")
    items = {item.find("title").get_text(): item for item in feed.find_all("item")}
    assert "Text-message alerts on absence" in items
    assert "https://portal.example/practices/absence-text-alerts/" in str(items["Text-message alerts on absence"])
    assert "06 May 2022" in items["Text-message alerts on absence"].find("pubdate").get_text()
    assert not any("index" in str(item.find("link")) for item in items.values())


def test_print_site_prints_the_generated_listings(tmp_path: Path) -> None:
    _needs("mkdocs_print_site_plugin")
    site = built(example(tmp_path, "  - print-site\n"))
    printed = soup(site / "print_page/index.html")
    text = " ".join(printed.get_text().split())
    assert "Text-message alerts on absence" in text  # the practices listing, in print
    assert "Tallinn visiting Munich" in text  # the visits listing
    assert "Same-day text alert on absence" in text  # the toolkit listing


def test_git_revision_date_shows_each_entrys_own_last_commit(tmp_path: Path) -> None:
    _needs("mkdocs_git_revision_date_localized_plugin")
    site = built(example(tmp_path, "  - git-revision-date-localized:\n      type: iso_date\n"))

    def revised(page: str) -> str:
        found = soup(site / page / "index.html").select_one(".git-revision-date-localized-plugin")
        assert found is not None, page
        return found.get_text(strip=True)

    assert revised(ENTRY) == "2022-05-06"
    assert revised("practices/buurtstewards") == "2021-03-04"
    assert revised("visits/2014-01-tallinn-munich") == "2021-03-04"


def test_minify_minifies_the_generated_pages_and_assets(tmp_path: Path) -> None:
    _needs("mkdocs_minify_plugin")
    site = built(example(tmp_path, """  - minify:
      minify_html: true
      minify_js: true
      minify_css: true
      js_files: [assets/practice-exchange/practice-exchange.js]
      css_files: [assets/practice-exchange/practice-exchange.css]
"""))
    html = (site / ENTRY / "index.html").read_text("utf-8")
    assert html.count("\n") < 20
    _entry_page_is_whole(BeautifulSoup(html, "html.parser"))
    assert list((site / "assets/practice-exchange").glob("practice-exchange*.min.css"))


def test_material_tags_plugin_beside_the_portals_tags(tmp_path: Path) -> None:
    root = example(tmp_path, "  - tags\n")
    (root / "docs/labels.md").write_text("---\ntags: [Handbook]\n---\n# Labels\n\nAbout labels.\n", encoding="utf-8")
    site = built(root)
    _entry_page_is_whole(soup(site / ENTRY / "index.html"))
    assert [a.get_text(strip=True) for a in soup(site / "labels/index.html").select(".md-tag")] == ["Handbook"]
    assert soup(site / "tags/index.html").select("article table a.md-tag")


def test_material_blog_beside_the_portal(tmp_path: Path) -> None:
    root = example(tmp_path, "  - blog\n")
    (root / "docs/blog/posts").mkdir(parents=True)
    (root / "docs/blog/index.md").write_text("# News\n", encoding="utf-8")
    (root / "docs/blog/posts/launch.md").write_text("---\ndate: 2024-05-01\n---\n# The portal is open\n\n"
                                                    "Read the [practices](../../practices/index.md).\n",
                                                    encoding="utf-8")
    site = built(root)
    assert "The portal is open" in soup(site / "blog/index.html").get_text()
    _entry_page_is_whole(soup(site / ENTRY / "index.html"))


def test_material_offline_links_every_generated_page_as_a_file(tmp_path: Path) -> None:
    site = built(example(tmp_path, "  - offline\n"))
    page = site / f"{ENTRY}.html"
    article = soup(page).select_one("article")
    _entry_page_is_whole(soup(page))
    hrefs = [a["href"] for a in article.select("a[href]") if not a["href"].startswith(("#", "http"))]
    assert hrefs
    for href in hrefs:
        target = urljoin(page.as_uri(), href)
        assert Path(target.removeprefix("file://").split("#")[0]).is_file(), href
    assert (site / "search/search_index.js").is_file()


def test_material_privacy_beside_the_portal(tmp_path: Path) -> None:
    site = built(example(tmp_path, "  - privacy:\n      assets_exclude: [unpkg.com/*]\n"))
    _entry_page_is_whole(soup(site / ENTRY / "index.html"))
    assert json.loads((site / "exports/portal.json").read_text("utf-8"))["practices"]
    assert not re.search(r'src="https?://', (site / ENTRY / "index.html").read_text("utf-8"))
