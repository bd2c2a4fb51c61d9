"""Write a synthetic portal of N entries, and a baseline site with the same Markdown as plain pages.

About 60% practices, 30% visits and 10% toolkit cards; 50 cities and 60 tags;
bodies of realistic length. Everything comes from a seeded generator, so the
same N always gives the same files.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

WORDS = [
    "parents", "school", "city", "children", "teachers", "learning", "language", "support", "family",
    "visit", "practice", "programme", "network", "local", "action", "plan", "cooperation", "centre", "early",
    "leaving", "education", "social", "workers", "community", "training", "meeting", "project", "results",
    "transfer", "municipality", "partner", "youth", "guidance", "mentor", "club", "library", "homework",
    "integration", "migrant", "welfare", "staff", "evaluation", "funding", "volunteers", "district",
    "primary", "secondary",
]
CATEGORIES = ("information", "inspiration", "challenge", "contacts")
THEME = "theme:\n  name: material\n  font: false\n"
NAV = ("nav:\n  - Home: index.md\n  - Catalogue: catalogue/index.md\n  - Practices: practices/index.md\n"
       "  - Visits: visits/index.md\n  - Toolkit: toolkit/index.md\n  - Findings: findings.md\n")


def sentence(rng: random.Random, low: int = 8, high: int = 20) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(low, high))]
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng) for _ in range(sentences))


def practice_body(rng: random.Random) -> str:
    return "\n\n".join([
        paragraph(rng, 4),
        "## How it works", paragraph(rng, 6), paragraph(rng, 5),
        "## Results", paragraph(rng, 4),
        "## What it takes to transfer", paragraph(rng, 4),
    ]) + "\n"


def finding(rng: random.Random, marked: bool) -> str:
    text = f"- {sentence(rng, 12, 30)}"
    return f"{text} [{rng.choice(CATEGORIES)}]" if marked else text


def visit_body(rng: random.Random) -> str:
    parts = [paragraph(rng, 2)]
    for heading, marked in (("Key learning points", False), ("Transferable ideas", True),
                            ("Contribution to the host", True)):
        items = "\n".join(finding(rng, marked) for _ in range(rng.randint(3, 7)))
        parts += [f"## {heading}", items]
    return "\n\n".join(parts) + "\n"


def toolkit_body(rng: random.Random) -> str:
    steps = "\n".join(f"{i}. {sentence(rng)}" for i in range(1, rng.randint(5, 10)))
    return "\n\n".join([paragraph(rng, 4), "## Steps", steps]) + "\n"


def counts(n: int) -> tuple[int, int, int]:
    """Practices, visits, toolkit cards for N entries."""
    practices, visits = round(n * 0.6), round(n * 0.3)
    return practices, visits, n - practices - visits


def write_portal(root: Path, n: int, seed: int = 7, parallel: bool = True) -> dict[str, str]:
    """The portal in `root`; returns every entry's body keyed by its place, for the baseline.

    `parallel` is the plugin's option of that name: false keeps the build in one process.
    """
    rng = random.Random(seed)
    cities = [f"city-{i:02d}" for i in range(50)]
    tags = [f"tag-{i:02d}" for i in range(60)]
    for folder in ("docs", "practices", "visits", "toolkit"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    (root / "network.yml").write_text(
        "name: Synthetic network\ncities:\n"
        + "".join(f"  - id: {c}\n    name: City {c[-2:]}\n    country: {chr(65 + i % 26)}{chr(65 + i // 26)}\n"
                  for i, c in enumerate(cities))
        + "tags:\n" + "".join(f"  {t}: Tag {t[-2:]}\n" for t in tags),
        encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        f"site_name: Synthetic portal\n{THEME}plugins:\n  - search\n"
        f"  - practice-exchange:\n      parallel: {str(parallel).lower()}\n" + NAV,
        encoding="utf-8")
    (root / "docs" / "index.md").write_text("# Synthetic portal\n\nA benchmark portal.\n", encoding="utf-8")
    n_practices, n_visits, n_cards = counts(n)
    bodies: dict[str, str] = {}
    practice_slugs = [f"practice-{i:05d}" for i in range(n_practices)]
    for i, slug in enumerate(practice_slugs):
        body = practice_body(rng)
        related = rng.sample(practice_slugs[:i], min(i, rng.randint(0, 2)))
        front = (f"title: Practice {i} {sentence(rng, 2, 4)[:-1]}\ncity: {rng.choice(cities)}\n"
                 f"summary: {sentence(rng, 15, 30)}\ntags: [{', '.join(rng.sample(tags, rng.randint(1, 4)))}]\n"
                 f"organisation: Organisation {i}\nstarted: {rng.randint(1990, 2014)}\n"
                 f"related: [{', '.join(related)}]\n")
        _entry(root / "practices" / f"{slug}.md", front, body)
        bodies[f"practices/{slug}.md"] = body
    start = dt.date(2014, 1, 1)
    for i in range(n_visits):
        visitor, host = rng.sample(cities, 2)
        day = start + dt.timedelta(days=rng.randint(0, 700))
        slug = f"{day.year}-{day.month:02d}-{visitor}-{host}-{i}"
        body = visit_body(rng)
        seen = rng.sample(practice_slugs, min(len(practice_slugs), rng.randint(0, 3)))
        front = (f"visitor: {visitor}\nhost: {host}\nstart: {day.isoformat()}\n"
                 f"end: {(day + dt.timedelta(days=rng.randint(0, 2))).isoformat()}\n"
                 f"delegates: {rng.randint(1, 5)}\npractices: [{', '.join(seen)}]\n"
                 f"tags: [{', '.join(rng.sample(tags, rng.randint(1, 3)))}]\n")
        _entry(root / "visits" / f"{slug}.md", front, body)
        bodies[f"visits/{slug}.md"] = body
    for i in range(n_cards):
        slug = f"card-{i:05d}"
        body = toolkit_body(rng)
        front = (f"title: Card {i} {sentence(rng, 2, 4)[:-1]}\nsummary: {sentence(rng, 15, 30)}\n"
                 f"difficulty: {rng.choice(['easy', 'medium', 'professional'])}\n"
                 f"tags: [{', '.join(rng.sample(tags, rng.randint(1, 3)))}]\n"
                 f"equipment:\n  - {{item: Flip chart, count: 1}}\n"
                 f"practices: [{', '.join(rng.sample(practice_slugs, min(len(practice_slugs), 2)))}]\n")
        _entry(root / "toolkit" / f"{slug}.md", front, body)
        bodies[f"toolkit/{slug}.md"] = body
    return bodies


def _entry(path: Path, front: str, body: str) -> None:
    path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")


def write_baseline(root: Path, bodies: dict[str, str]) -> None:
    """The same Markdown as plain MkDocs pages, Material theme, a bounded navigation."""
    docs = root / "docs"
    for place, body in bodies.items():
        path = docs / place
        path.parent.mkdir(parents=True, exist_ok=True)
        title = path.stem.replace("-", " ").capitalize()
        path.write_text(f"# {title}\n\n{body}", encoding="utf-8")
    for folder in ("practices", "visits", "toolkit"):
        (docs / folder / "index.md").write_text(f"# {folder.capitalize()}\n\nThe {folder}.\n", encoding="utf-8")
    (docs / "index.md").write_text("# Baseline\n\nA benchmark site.\n", encoding="utf-8")
    (docs / "catalogue").mkdir(exist_ok=True)
    (docs / "catalogue" / "index.md").write_text("# Catalogue\n\nEvery entry.\n", encoding="utf-8")
    (docs / "findings.md").write_text("# Findings\n\nThe network's findings.\n", encoding="utf-8")
    # The same navigation as the portal's, so that both render the same menus on every page.
    (root / "mkdocs.yml").write_text(
        f"site_name: Baseline\n{THEME}plugins:\n  - search\n" + NAV
        + "not_in_nav: |\n  /practices/\n  /visits/\n  /toolkit/\n",
        encoding="utf-8")
