"""The example portal the repository ships: the PREVENT network builds strictly and is complete."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import REPO
from practice_exchange.content import Sources, load

# A fence Python-Markdown did not read as one: its language left at the start of inline code.
FENCE_LEFT_RE = re.compile(r"(?:bash|console|markdown|md|sh|shell|text|yaml|yml)\n")


def test_example_content_is_valid_and_complete() -> None:
    portal, report = load(Sources(REPO))
    assert [str(p) for p in report.problems] == []
    assert portal is not None
    assert len(portal.network.cities) == 9
    assert len(portal.visits) == 9
    assert len(portal.practices) >= 15
    assert len(portal.toolkit) >= 3
    assert "partners-roundtable" in portal.toolkit
    assert {"kaap", "islands-of-competence", "eltern-aktiv", "club-coup-de-pouce", "familiation",
            "folkbildning", "sleutelen-met-jongeren", "parental-information-points"} <= set(portal.practices)
    hosts = sorted(v.host for v in portal.visits.values())
    assert hosts.count("munich") == 3 and hosts.count("nantes") == 2
    assert {"usti-nad-labem", "tallinn", "gijon"}.isdisjoint(hosts)
    for visit in portal.visits.values():
        assert all(visit.section_findings(key) for key in ("learning", "transferable", "contribution")), visit.slug


def test_example_portal_builds_strictly(example_site: Path) -> None:
    visits = sorted(p.parent.name for p in (example_site / "visits").glob("*/index.html"))
    assert len(visits) == 9 and visits[0] == "2014-01-antwerp-munich"
    home = BeautifulSoup((example_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    tabs = [a.get_text(strip=True) for a in home.select("nav.md-tabs a")]
    assert tabs == ["Home", "Catalogue", "Good practices", "Visits", "Toolkit", "Cities", "Tags", "Findings", "Report",
                    "Data", "About", "Contribute"]
    listing = BeautifulSoup((example_site / "visits" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert len(listing.select("article tbody tr")) == 9


def properdocs(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "properdocs", *args], cwd=root, capture_output=True, text=True,
                           timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def test_the_guides_commands_are_code_blocks(example_site: Path) -> None:
    """A fence inside a list item needs `pymdownx.superfences`, which the example does not enable: the guide's
    first command showed as inline code beginning with `bash` (a new user's review)."""
    guide = BeautifulSoup((example_site / "contribute" / "index.html").read_text(encoding="utf-8"), "html.parser")
    commands = [block.get_text() for block in guide.select("article pre code")]
    assert any(command.startswith("practice-exchange new visit --visitor tallinn") for command in commands)
    assert not [code for code in guide.select("article p code") if FENCE_LEFT_RE.match(code.get_text())]


def test_no_placeholder_of_the_plugin_is_left_in_the_site(example_site: Path) -> None:
    """Link and body placeholders, block slots and badge tokens are all replaced in every page."""
    left = {}
    for page in example_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        found = [mark for mark in ("\x1a", "\x1c", "data-px-block") if mark in html]
        if found:
            left[page.relative_to(example_site).as_posix()] = found
    assert left == {}
    findings = (example_site / "findings" / "index.html").read_text(encoding="utf-8")
    assert all(f"px-block--{name}" in findings for name in ("matrix", "schedule", "hosts", "categories", "tags",
                                                            "network-graph"))


def test_example_portal_builds_with_properdocs(example_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = properdocs(REPO, "build", "--strict", "-f", "mkdocs.yml", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert pages == sorted(p.relative_to(example_site).as_posix() for p in example_site.rglob("*.html"))
    assert (site / "exports" / "findings.json").read_bytes() == (
        example_site / "exports" / "findings.json"
    ).read_bytes()


def test_properdocs_strict_counts_the_plugins_warnings(portal: Path) -> None:
    from conftest import add_defect

    add_defect(portal, "visits/empty-section.md")
    result = properdocs(portal, "build", "--strict", "-f", "mkdocs.yml")
    assert result.returncode == 1
    assert "visits/empty-section.md:11: body: the section `## Transferable ideas` has no findings" in result.stderr
