"""Write `content/countries.py`, the country codes `network.yml` accepts, from Babel's CLDR data.

    python scripts/countries.py            # after upgrading Babel

`tests/test_validation.py` fails when the written codes and Babel's no longer agree.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

MODULE = Path(__file__).resolve().parent.parent / "plugins" / "practice_exchange" / "content" / "countries.py"
sys.path.insert(0, str(MODULE.parents[2]))

from practice_exchange.content.countries import from_babel, names_from_babel  # noqa: E402


def main() -> None:
    text = MODULE.read_text(encoding="utf-8")
    start = text.index("COUNTRIES = frozenset(")
    end = text.index(")\n", start) + 2
    codes = sorted(from_babel())
    lines, line = [], "   "
    for code in codes:
        if len(line) + 6 > 100:
            lines.append(line)
            line = "   "
        line += f' "{code}",'
    lines.append(line)
    written = "COUNTRIES = frozenset((\n" + "\n".join(lines) + "\n))\n"
    text = text[:start] + written + text[end:]
    start = text.index("NAMES: dict[str, str] = {")
    end = text.index("\n", text.index("}", start)) + 1
    names = "".join(f"    {json.dumps(code)}: {json.dumps(name, ensure_ascii=False)},\n"
                    for code, name in names_from_babel().items())
    written = "NAMES: dict[str, str] = {  # each code's English name, as Babel gives it\n" + names + "}\n"
    MODULE.write_text(text[:start] + written + text[end:], encoding="utf-8")
    print(f"{len(codes)} codes written to {MODULE}")


if __name__ == "__main__":
    main()
