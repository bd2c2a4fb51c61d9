"""The contributor's guide quotes the messages authors really get: its table must follow the code."""

from __future__ import annotations

import re

from conftest import REPO
from test_validation import EXPECTED

PLACEHOLDER_WARNING = ("summary: still holds the placeholder written by `practice-exchange new`;"
                       " write the real text")


def guide_messages() -> list[str]:
    text = (REPO / "docs" / "contribute.md").read_text(encoding="utf-8")
    table = text[text.index("| mistake | the message |"):]
    return re.findall(r"^\| .*? \| `` (.*) `` \|$", table, flags=re.MULTILINE)


def pattern(message: str) -> re.Pattern[str]:
    """A message of the guide as a pattern: quoted values and `…` may differ, the wording may not."""
    located = re.match(r"^[\w./-]+\.md:\d+: ", message)
    prefix = r"[\w./-]+\.md:\d+: " if located else ""
    parts = re.split(r"(`[^`]*`|…)", message[located.end():] if located else message)
    body = "".join(".*" if p == "…" else "`[^`]*`" if p.startswith("`") else re.escape(p) for p in parts)
    return re.compile(prefix + re.sub(r"line\\ \d+", r"line\\ \\d+", body))


def test_every_message_in_the_guide_is_one_the_code_gives() -> None:
    produced = [m.split(": ", 1)[1] for messages in EXPECTED.values() for m in messages] + [PLACEHOLDER_WARNING]
    quoted = guide_messages()
    assert len(quoted) >= 15
    for message in quoted:
        regex = pattern(message)
        assert any(regex.search(actual) for actual in produced), message
