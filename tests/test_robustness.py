"""Whatever an author types, loading reports problems; it never raises."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PORTAL
from practice_exchange.content import Sources, load

FRONT_MATTER_LINES = st.lists(
    st.sampled_from([
        "title: T", "city: lyon", "city: [lyon]", "summary: S.", "tags: [parents]", "tags: parents",
        "tags:", "started: 20x1", "started: 2001", "visitor: oslo", "host: oslo", "start: 2014-13-01",
        "start: 2014-01-02", "end: 2013-01-01", "delegates: [a, 1]", "delegates: -1", "related: {a: b}",
        "equipment: [{item: x, count: 0}, 3]", "difficulty: hard", "- item", "  nested: 1", ": :", "'",
        "practices: [reading-club, ghost]", "website: javascript:alert(1)", "title: *alias", "&a x: 1",
    ]),
    max_size=12,
)
BODY = st.text(alphabet=st.sampled_from(list("#- []\n`~1.abc:")), max_size=200)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=FRONT_MATTER_LINES, body=BODY, folder=st.sampled_from(["practices", "visits", "toolkit"]),
       fenced=st.booleans())
def test_any_entry_file_gives_problems_not_exceptions(lines: list[str], body: str, folder: str, fenced: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "portal"
        shutil.copytree(PORTAL, root)
        text = ("---\n" + "\n".join(lines) + "\n---\n" if fenced else "\n".join(lines)) + body
        (root / folder / "fuzz.md").write_text(text, encoding="utf-8")
        portal, report = load(Sources(root))
        assert (portal is None) == (report.error_count > 0)
        assert {problem.path for problem in report.problems} <= {f"{folder}/fuzz.md"}
        assert all(problem.line is None or problem.line >= 1 for problem in report.problems)
