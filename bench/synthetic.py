"""Write a synthetic portal of N entries shaped like the example portal, and a baseline site with
the same Markdown as plain pages.

Each entry is one of the example's own entries of its kind, varied: its links made plain text (they
point at the example's pages), the sentences of each paragraph and the items of each list in another
order, its fields given the synthetic portal's cities, tags and practices (a visit's, those of its
host). The kinds come in the example's proportions (27 practices, 9 visits, 5 toolkit cards). The
portal is configured as the README's smallest `mkdocs.yml`; the baseline is plain MkDocs with
Material and the same plugins but practice-exchange, with a flat menu of the same pages the
portal's menu holds. Everything comes from a seeded generator, so the same N always gives the
same files.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path
from typing import Any

import yaml

# The network's cities are European, as a network's are: each in a country of the EU in turn.
EU = ("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT", "LV", "LT", "LU",
      "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE")
REPO = Path(__file__).resolve().parent.parent
KINDS = (("practice", "practices", 27), ("visit", "visits", 9), ("toolkit", "toolkit", 5))
# The README's smallest mkdocs.yml, with the plugin's `parallel` option when a run asks for it.
PORTAL_CONFIG = "site_name: Synthetic portal\ntheme:\n  name: material\nplugins:\n  - search\n  - practice-exchange\n"
# The baseline's flat menu: the pages the portal's own menu lists (its listings are plain pages here).
MENU = ("nav:\n  - index.md\n  - catalogue/index.md\n  - practices/index.md\n  - visits/index.md\n"
        "  - toolkit/index.md\n  - cities/index.md\n  - tags/index.md\n  - findings.md\n  - exports/index.md\n"
        "not_in_nav: |\n  /practices/*\n  /visits/*\n  /toolkit/*\n")
LINK_RE = re.compile(r"\[([^\]]*)\]\([^)]*\)")
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def examples() -> dict[str, list[tuple[dict[str, Any], str]]]:
    """The example portal's entries of each kind: front matter and body."""
    found: dict[str, list[tuple[dict[str, Any], str]]] = {}
    for kind, folder, _ in KINDS:
        for path in sorted((REPO / folder).glob("*.md")):
            _, front, body = path.read_text("utf-8").split("---\n", 2)
            found.setdefault(kind, []).append((yaml.safe_load(front), LINK_RE.sub(r"\1", body)))
    return found


def vary(rng: random.Random, body: str) -> str:
    """The body with each paragraph's sentences and each list's items in another order."""
    blocks = body.strip("\n").split("\n\n")
    varied = []
    for block in blocks:
        lines = block.split("\n")
        if block.startswith("#") or block.startswith("```") or block.startswith("|"):
            varied.append(block)
        elif all(line.startswith(("- ", "  ")) for line in lines) or all(
                re.match(r"\d+\. |   ", line) for line in lines):
            items: list[list[str]] = []
            for line in lines:
                if line.startswith("  ") and items:
                    items[-1].append(line)
                else:
                    items.append([line])
            rng.shuffle(items)
            numbered = [re.sub(r"^\d+\. ", f"{n}. ", item[0]) for n, item in enumerate(items, 1)]
            varied.append("\n".join("\n".join([first, *item[1:]]) for first, item in zip(numbered, items, strict=True)))
        else:
            sentences = SENTENCE_RE.split(" ".join(lines))
            rng.shuffle(sentences)
            varied.append(" ".join(sentences))
    return "\n\n".join(varied) + "\n"


def counts(n: int) -> dict[str, int]:
    """Entries of each kind for N entries, in the example's proportions."""
    total = sum(share for _, _, share in KINDS)
    made = {kind: n * share // total for kind, _, share in KINDS}
    made["practice"] += n - sum(made.values())
    return made


def write_portal(root: Path, n: int, seed: int = 7, parallel: bool | None = None) -> dict[str, tuple[str, str]]:
    """The portal in `root`; returns every entry's title and body keyed by its place, for the baseline.

    `parallel` sets the plugin's option of that name (left to its default when None).
    """
    rng = random.Random(seed)
    source = examples()
    network = yaml.safe_load((REPO / "network.yml").read_text("utf-8"))
    tags = sorted(network.get("tags", {}))
    cities = [f"city-{i:03d}" for i in range(max(50, n // 100))]
    for folder in ("docs", "practices", "visits", "toolkit"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "network.yml").write_text(yaml.safe_dump({
        "name": "Synthetic network",
        "cities": [{"id": c, "name": f"City {c[-3:]}", "country": EU[i % len(EU)]} for i, c in enumerate(cities)],
        "tags": network.get("tags", {}),
    }, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = PORTAL_CONFIG
    if parallel is not None:
        option = f"  - practice-exchange:\n      parallel: {str(parallel).lower()}\n"
        config = config.replace("  - practice-exchange\n", option)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Synthetic portal\n\nA benchmark portal.\n", encoding="utf-8")
    made = counts(n)
    entries: dict[str, tuple[str, str]] = {}
    practices = [f"practice-{i:05d}" for i in range(made["practice"])]
    of_city: dict[str, list[str]] = {}  # each city's practices, which a visit to it may see
    for i, slug in enumerate(practices):
        front, body = source["practice"][i % len(source["practice"])]
        city = rng.choice(cities)
        of_city.setdefault(city, []).append(slug)
        fields = {**front, "title": f"{front['title']} {i}", "city": city,
                  "tags": rng.sample(tags, rng.randint(1, 4)),
                  "related": rng.sample(practices[:i], min(i, rng.randint(0, 2)))}
        entries[f"practices/{slug}.md"] = _entry(root, f"practices/{slug}.md", fields, vary(rng, body))
    start = dt.date(2014, 1, 1)
    for i in range(made["visit"]):
        front, body = source["visit"][i % len(source["visit"])]
        visitor, host = rng.sample(cities, 2)
        day = start + dt.timedelta(days=rng.randint(0, 700))
        fields = {**front, "visitor": visitor, "host": host, "start": day,
                  "end": day + dt.timedelta(days=rng.randint(0, 2)),
                  "practices": rng.sample(of_city.get(host, []), min(len(of_city.get(host, [])), rng.randint(0, 3))),
                  "tags": rng.sample(tags, rng.randint(1, 3))}
        fields.pop("title", None)
        entries[f"visits/{day:%Y-%m}-{visitor}-{host}-{i}.md"] = _entry(
            root, f"visits/{day:%Y-%m}-{visitor}-{host}-{i}.md", fields, vary(rng, body))
    for i in range(made["toolkit"]):
        front, body = source["toolkit"][i % len(source["toolkit"])]
        fields = {**front, "title": f"{front['title']} {i}", "tags": rng.sample(tags, rng.randint(1, 3)),
                  "practices": rng.sample(practices, min(len(practices), 2))}
        entries[f"toolkit/card-{i:05d}.md"] = _entry(root, f"toolkit/card-{i:05d}.md", fields, vary(rng, body))
    return entries


def _entry(root: Path, place: str, fields: dict[str, Any], body: str) -> tuple[str, str]:
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1000)
    (root / place).write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")
    title = fields.get("title") or f"{fields['visitor']} visiting {fields['host']}"
    return str(title), body


def write_baseline(root: Path, entries: dict[str, tuple[str, str]]) -> None:
    """The same Markdown as plain MkDocs pages: Material, the same plugins but practice-exchange,
    and a flat menu of the pages the portal's menu lists."""
    docs = root / "docs"
    for place, (title, body) in entries.items():
        path = docs / place
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"# {title}\n\n{body}", encoding="utf-8")
    for page in ("practices/index.md", "visits/index.md", "toolkit/index.md", "catalogue/index.md",
                 "cities/index.md", "tags/index.md", "exports/index.md", "findings.md", "index.md"):
        (docs / page).parent.mkdir(parents=True, exist_ok=True)
        (docs / page).write_text(f"# {page.split('/')[0].removesuffix('.md').capitalize()}\n\nA listing.\n",
                                 encoding="utf-8")
    config = PORTAL_CONFIG.replace("  - practice-exchange\n", "").replace("Synthetic portal", "Baseline")
    (root / "mkdocs.yml").write_text(config + MENU, encoding="utf-8")
