"""Whatever text an author puts into any field or body of any kind, a build either reports located problems
or publishes pages in which nothing can run."""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from conftest import PORTAL
from hostile import executable, q
from practice_exchange.errors import LoggedErrors

PIECES = st.sampled_from([
    "<script>alert(1)</script>", "</title><script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;", "&amp;", '<img src=x onerror="alert(1)">', '{: onclick="alert(1)" }', "{: .x #y }",
    "[a](javascript:alert(1))", "[a](java\tscript:alert(1))", "[a](data:text/html,x)", "![i](data:,x)",
    "[a](https://example.org)", "<https://example.org>", "[r]: vbscript:x", "[r]", '"', "'", "`", "*", "_", "[", "]",
    "(", ")", "{", "}", ":", "# ", "- ", "1. ", "\n", " ", "word", "Ústí", "\u00a0", "<!--", "-->", "\\",
    "{{ 7*7 }}", "{% raw %}", "[challenge]", "[chalenge]",
])
TEXT = st.lists(PIECES, min_size=1, max_size=8).map("".join)
LINE = TEXT.map(lambda t: " ".join(t.split()) or "x")  # a one-line field value
EXTENSIONS = "markdown_extensions:\n  - attr_list\n  - tables\n  - admonition\n  - toc:\n      permalink: true\n"
LOCATED = re.compile(r"^  \S+?(:\d+)?: ")


def _portal(root: Path, fields: dict[str, str], bodies: dict[str, str]) -> None:
    shutil.copytree(PORTAL, root)
    (root / "mkdocs.yml").write_text((root / "mkdocs.yml").read_text("utf-8") + EXTENSIONS, encoding="utf-8")
    network = (root / "network.yml").read_text("utf-8").replace("    name: Lyon", f"    name: {q(fields['city'])}")
    (root / "network.yml").write_text(network.replace("  day-care: Day care", f"  day-care: {q(fields['label'])}"),
                                      encoding="utf-8")
    (root / "practices" / "hostile.md").write_text(
        f"---\ntitle: {q(fields['title'])}\ncity: lyon\nsummary: {q(fields['summary'][:300])}\ntags: [day-care]\n"
        f"organisation: {q(fields['other'])}\ncontact: {q(fields['other'])}\n---\n\n{bodies['practice']}\n",
        encoding="utf-8")
    (root / "visits" / "2015-01-oslo-lyon.md").write_text(
        f"---\nvisitor: oslo\nhost: lyon\nstart: 2015-01-01\ntitle: {q(fields['title'])}\n"
        f"delegates: [{q(fields['other'])}]\ntags: [day-care]\n---\n\n"
        f"## Key learning points\n\n- {bodies['finding']}\n\n"
        f"## Transferable ideas\n\n- {bodies['finding']} [challenge]\n\n## Contribution to the host\n\n"
        f"- x\n\n{bodies['practice']}\n", encoding="utf-8")
    (root / "toolkit" / "hostile.md").write_text(
        f"---\ntitle: {q(fields['title'])}\nsummary: {q(fields['summary'][:300])}\ndifficulty: easy\n"
        f"tags: [day-care]\nauthor: {q(fields['other'])}\nequipment: [{{item: {q(fields['other'])}}}]\n---\n\n"
        f"## Steps\n\n1. {bodies['finding']}\n", encoding="utf-8")


def _build(root: Path) -> str | None:
    """Build in this process; the failure's logged message, or None when the site was built."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    logger = logging.getLogger("mkdocs")
    errors = LoggedErrors()
    logger.addHandler(errors)
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(root / "site"))
    try:
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    except MkDocsException as exc:
        return "\n".join(errors.messages) or str(exc)
    finally:
        config.plugins.on_shutdown()
        logger.removeHandler(errors)
    return None


# No shrinking: each example is a whole build, and the failing example is printed as found.
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow],
          phases=[Phase.explicit, Phase.reuse, Phase.generate], database=None)
@given(fields=st.fixed_dictionaries({"title": LINE, "summary": LINE, "other": LINE, "city": LINE, "label": LINE}),
       bodies=st.fixed_dictionaries({"practice": TEXT, "finding": LINE}))
def test_a_build_reports_problems_or_publishes_nothing_that_runs(fields: dict[str, str],
                                                                   bodies: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "portal"
        _portal(root, fields, bodies)
        failure = _build(root)
        if failure is not None:
            heading, *problems = failure.split("\n")
            assert heading.startswith("practice-exchange: the content has"), failure
            assert problems and all(LOCATED.match(line) for line in problems), failure
        else:
            assert executable(root / "site") == []
