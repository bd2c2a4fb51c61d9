"""A kind is one declaration: a portal that declares its own gets its pages, listing, catalogue
entries, exports and schema from that declaration alone."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from conftest import copy_portal, mkdocs
from practice_exchange.cli import main
from practice_exchange.content.registry import KINDS

KIND_MODULE = '''
from dataclasses import dataclass, field

from practice_exchange.content.base import SUMMARY, TAGS, TITLE, Entry, Schema
from practice_exchange.content.fields import Field, Slug, Text
from practice_exchange.content.kind import Kind


@dataclass(frozen=True, order=True, slots=True)
class Workshop(Entry):
    kind = "workshop"
    folder = "workshops"

    summary: str = field(default="", compare=False)
    city: str | None = field(default=None, compare=False)
    venue: str | None = field(default=None, compare=False)


SCHEMA = Schema("workshop", (
    TITLE, SUMMARY, TAGS,
    Field("city", Slug("city id", "city"), False, "The hosting city's id."),
    Field("venue", Text(), False, "Where it took place."),
))

WORKSHOP = Kind(
    name="workshop", model=Workshop, schema=SCHEMA, folder="workshops", label="Workshop",
    plural="Workshops", noun="workshop", export="workshops", description="A workshop: workshops/<slug>.md",
    cities=lambda w: (w.city,) if w.city else (),
)
'''

ENTRY = """---
title: Parents as partners <b>lab</b>
summary: A half-day lab on how schools and parents plan the school year together.
tags: [parents]
city: lyon
venue: Town hall
---

## What we did

We mapped the year's meetings, see [the café](../practices/parents-cafe.md).
"""


def _portal(tmp_path: Path) -> Path:
    root = copy_portal(tmp_path)
    (root / "our_kinds.py").write_text(KIND_MODULE, encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("  - practice-exchange", "  - practice-exchange:\n"
                                                    "      kinds: [our_kinds:WORKSHOP]"), encoding="utf-8")
    (root / "workshops").mkdir()
    (root / "workshops" / "year-planning.md").write_text(ENTRY, encoding="utf-8")
    return root


def test_a_declared_kind_gets_pages_catalogue_exports_and_a_schema(tmp_path: Path) -> None:
    root = _portal(tmp_path)
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    site = root / "site"

    page = BeautifulSoup((site / "workshops/year-planning/index.html").read_text("utf-8"), "html.parser")
    article = page.select_one("article")
    assert article.h1.get_text() == "Parents as partners <b>lab</b>"  # the title stays text
    assert article.select_one(".px-summary").get_text().startswith("A half-day lab")
    assert [a.get_text() for a in article.select(".px-tags a")] == ["Parental involvement"]
    assert article.find("a", string="the café")["href"] == "../../practices/parents-cafe/"
    assert "What we did" in [h.get_text(strip=True) for h in page.select(".md-nav--secondary a")]

    listing = BeautifulSoup((site / "workshops/index.html").read_text("utf-8"), "html.parser")
    assert [urljoin("https://portal.example/workshops/", a["href"]) for a in listing.select("article .px-listing a")] \
        == ["https://portal.example/workshops/year-planning/"]

    catalogue = BeautifulSoup((site / "catalogue/index.html").read_text("utf-8"), "html.parser")
    kinds = [i["value"] for i in catalogue.select('fieldset[data-facet="kind"] input')]
    # The kinds that have entries here (this portal has no session reports), then the portal's own.
    assert kinds == [*(k.name for k in KINDS if k.name != "session"), "workshop"]
    assert "workshops/year-planning/" in [a["href"].removeprefix("../") for a in catalogue.select(".px-results a")]

    with open(site / "exports/workshops.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["slug"], r["venue"], r["city"]) for r in rows] == [("year-planning", "Town hall", "lyon")]
    data = json.loads((site / "exports/portal.json").read_text("utf-8"))
    assert [w["slug"] for w in data["workshops"]] == ["year-planning"]
    tags = json.loads((site / "exports/findings.json").read_text("utf-8"))["tags"]
    assert next(t for t in tags if t["tag"] == "parents")["workshops"] == 1

    schemas = tmp_path / "schemas"
    assert main(["--root", str(root), "schema", "--out", str(schemas)]) == 0
    schema = json.loads((schemas / "workshop.schema.json").read_text("utf-8"))
    assert schema["required"] == ["title", "summary", "tags"]
    assert schema["properties"]["city"]["enum"] == ["bergen", "lyon", "oslo", "usti"]


def test_a_declared_kind_is_checked_like_the_others(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = _portal(tmp_path)
    (root / "workshops" / "broken.md").write_text("---\ntitle: x\nsummary: y\ntags: [parents]\ncity: lyn\n---\n",
                                                  encoding="utf-8")
    assert main(["--root", str(root), "check"]) == 1
    out = capsys.readouterr().out
    assert "workshops/broken.md:5: city: unknown city `lyn`" in out and "did you mean `lyon`?" in out


def test_a_kind_that_takes_another_kinds_folder_is_a_configuration_error(tmp_path: Path) -> None:
    root = _portal(tmp_path)
    module = (root / "our_kinds.py").read_text("utf-8")
    (root / "our_kinds.py").write_text(module.replace('folder = "workshops"', 'folder = "visits"')
                                       .replace('folder="workshops"', 'folder="visits"'), encoding="utf-8")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode != 0
    assert "takes the name or folder of another kind" in result.stderr
    assert "Traceback" not in result.stderr


HOOK = '''
def on_page_markdown(markdown, page, config, files):
    return "**Seen by a hook** before the page.\\n\\n" + markdown + "\\n\\n*And after it.*\\n"
'''


def test_another_plugin_that_adds_markdown_to_a_generated_page_is_heard(tmp_path: Path) -> None:
    """A generated page is a document like any other: what another plugin adds to its Markdown is
    converted, and the part the plugin made stays whole."""
    root = copy_portal(tmp_path)
    (root / "hook.py").write_text(HOOK, encoding="utf-8")
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8") + "hooks:\n  - hook.py\n",
                                     encoding="utf-8")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    for page in ("practices/reading-club", "visits/2014-01-oslo-lyon", "cities/lyon", "catalogue"):
        article = BeautifulSoup((root / "site" / page / "index.html").read_text("utf-8"), "html.parser").article
        assert article.find("strong", string="Seen by a hook") is not None, page
        assert article.find("em", string="And after it.") is not None, page
    article = BeautifulSoup((root / "site/visits/2014-01-oslo-lyon/index.html").read_text("utf-8"),
                            "html.parser").article
    assert article.select_one("dl.px-facts") is not None and article.select(".px-badge")


def test_an_entry_page_s_edit_button_opens_the_entry_s_own_file(tmp_path: Path) -> None:
    root = copy_portal(tmp_path)
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8")
                                     + "repo_url: https://example.org/network/portal\nedit_uri: edit/main/docs/\n"
                                     + "theme:\n  name: material\n  features: [content.action.edit]\n"
                                     if "theme:" not in (root / "mkdocs.yml").read_text("utf-8") else
                                     (root / "mkdocs.yml").read_text("utf-8").replace(
                                         "theme:\n", "repo_url: https://example.org/network/portal\n"
                                         "edit_uri: edit/main/docs/\ntheme:\n  features: [content.action.edit]\n"),
                                     encoding="utf-8")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr

    def edit(page: str) -> str | None:
        soup = BeautifulSoup((root / "site" / page / "index.html").read_text("utf-8"), "html.parser")
        link = soup.select_one("a.md-content__button[href*='/edit/']")
        return link["href"] if link else None

    assert edit("practices/reading-club") == "https://example.org/network/portal/edit/main/practices/reading-club.md"
    assert edit("cities/lyon") is None  # a page the plugin makes has no file to edit


def test_a_kind_declaration_that_would_break_the_site_is_a_configuration_error(tmp_path: Path) -> None:
    """A kind whose module fails, whose folder is a generated one, or whose name is no slug (it names
    files and addresses) stops the build with a message, never a traceback or a file outside the site."""
    for old, new, said in (
        ('folder="workshops"', 'folder="cities"', "takes the name or folder of another kind"),
        ('export="workshops"', 'export="../../escape"', "must be lowercase letters, digits and hyphens"),
        # A sheet of the workbook has the name: the spreadsheet library's traceback (a hostile review).
        ('export="workshops"', 'export="lessons"', "the kind `workshop` cannot be exported as `lessons`: a sheet"),
        ("from dataclasses import", "raise RuntimeError('half-written module')\nfrom dataclasses import",
         "RuntimeError: half-written module"),
        # A city page's count that asks for what it is not given would stop the build on that page.
        ('export="workshops"', 'export="workshops", counted=("%(num)d workshop in %(city)s", "%(num)d workshops")',
         "`counted` must be two texts, singular and plural, each with `%(num)d`"),
    ):
        root = _portal(tmp_path / said[:8].replace(" ", "-"))
        module = (root / "our_kinds.py").read_text("utf-8")
        if "cities" in new:
            module = module.replace('folder = "workshops"', 'folder = "cities"')
        (root / "our_kinds.py").write_text(module.replace(old, new), encoding="utf-8")
        result = mkdocs(root, "build", "--strict")
        assert result.returncode != 0
        assert said in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert not (tmp_path / "escape.csv").exists()


def test_export_refuses_a_folder_inside_the_portal(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = _portal(tmp_path)
    (root / "site").mkdir()
    assert main(["--root", str(root), "export", str(root / "site" / "plain")]) == 1
    assert "inside the portal" in capsys.readouterr().err
    assert not (root / "site" / "plain").exists()


def test_a_declared_kind_whose_lists_are_named_as_built_in_ones_leaves_each_id_once_on_the_page(
        tmp_path: Path) -> None:
    """A portal's own kind may name its list on a practice's page, or on a city's, as a built-in list is
    named (`related-practices`, `practices`): the page held that id twice, and a link to it led to
    whichever came first. The second list takes the next id, as the table of contents numbers a heading."""
    import collections
    import re

    root = _portal(tmp_path)
    module = root / "our_kinds.py"
    module.write_text(module.read_text("utf-8")
                      .replace("    venue: str | None = field(default=None, compare=False)\n",
                               "    venue: str | None = field(default=None, compare=False)\n"
                               "    practices: tuple[str, ...] = field(default=(), compare=False)\n")
                      .replace('    Field("venue", Text(), False, "Where it took place."),\n',
                               '    Field("venue", Text(), False, "Where it took place."),\n'
                               '    Field("practices", ListOf(Slug("practice slug", "practice")), False, "Named."),\n')
                      .replace("from practice_exchange.content.fields import Field, Slug, Text",
                               "from practice_exchange.content.fields import Field, ListOf, Slug, Text")
                      .replace("    cities=lambda w:", '    backlink=("related-practices", "Workshops"),'
                                                      ' city_list=("practices", "Workshops"),\n    cities=lambda w:'),
                      "utf-8")
    entry = root / "workshops" / "year-planning.md"
    text = entry.read_text("utf-8")
    entry.write_text(text.replace("venue: Town hall", "venue: Town hall\npractices: [reading-club]"), "utf-8")
    # The reading club, in Lyon, has a related practice: both lists are on its page.
    assert "related: [parents-cafe]" in (root / "practices" / "reading-club.md").read_text("utf-8")
    result = mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.stderr
    for page, ids in (("practices/reading-club", ["related-practices", "related-practices_1"]),
                      ("cities/lyon", ["practices", "practices_1"])):
        html = (root / "site" / page / "index.html").read_text("utf-8")
        found = re.findall(r' id="([^"]*)"', html)
        assert [name for name, times in collections.Counter(found).items() if times > 1] == [], page
        assert sorted(set(ids) & set(found)) == ids, page
        article = BeautifulSoup(html, "html.parser").select_one("article")
        headings = {h.get_text(strip=True): h.span["id"] for h in article.select("h2") if h.span is not None}
        assert headings["Workshops"] == ids[0 if page.startswith("practices") else 1], headings
    # Counted in the city's summary line, by its list's heading where the kind says no `counted` phrase.
    lyon = BeautifulSoup((root / "site" / "cities" / "lyon" / "index.html").read_text("utf-8"), "html.parser")
    assert lyon.select_one(".px-summary").get_text().endswith(", Workshops: 1.")


@pytest.mark.parametrize("counted", [
    ("%(num)d workshop (50%)", "%(num)d workshops"),  # a lone `%`: the city page stopped the build (a hostile review)
    ("%(num)d workshop in %(city)s", "%(num)d workshops"),
    ("a workshop", "workshops"),
    ("%(num)s workshop", "%(num)s workshops"),
    ["%(num)d workshop", "%(num)d workshops"],
    ("%(num)d workshop",),
])
def test_a_count_phrase_the_city_page_cannot_fill_in_is_refused(counted: object) -> None:
    from dataclasses import replace

    from practice_exchange.content.session import KIND

    with pytest.raises(ValueError, match="`counted` must be two texts, singular and plural"):
        replace(KIND, counted=counted)
    assert replace(KIND, counted=("%(num)d workshop, 100%% sure", "%(num)d workshops")).counted is not None


def test_a_kind_gathering_lessons_must_hold_sessions() -> None:
    """The findings and the report read a session's key lessons: a kind of another model declared with
    `lessons=True` stopped the report's template with a traceback (a hostile review)."""
    from dataclasses import replace

    from practice_exchange.content import practice, session

    with pytest.raises(ValueError, match="`lessons=True` gathers the lessons of sessions"):
        replace(practice.KIND, lessons=True)

    class Workshop(session.Session):
        kind, folder = "workshop", "workshops"

    assert replace(session.KIND, name="workshop", folder="workshops", export="workshops", model=Workshop).lessons
