"""Tools for the hostile-input tests: a portal whose every field holds script, and a check of built pages
for anything a browser could run."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import copy_portal

# What a hostile contributor types into a field; every payload calls alert(), which no page of the portal does.
SCRIPT = "KAAP </title><script>alert(1)</script>"
ENTITIES = "&lt;/title&gt;&lt;script&gt;alert(2)&lt;/script&gt;"
TAG = '<img src=x onerror="alert(3)">'
UNCLOSED = "</title&gt;&lt;script&gt;alert(4)&lt;/script&gt;"
PAYLOADS = (SCRIPT, ENTITIES, TAG, UNCLOSED)

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcdoc")
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
ACTIVE_ELEMENTS = ("iframe", "object", "embed", "base", "frame", "frameset", "applet")


def q(text: str) -> str:
    """A YAML value holding `text` exactly (JSON is YAML)."""
    return json.dumps(text, ensure_ascii=False)


def executable(site: Path) -> list[str]:
    """Everything in the built pages (head included) that a browser could run or that opens a page elsewhere."""
    found = []
    for page in sorted(site.rglob("*.html")):
        where = page.relative_to(site).as_posix()
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(True):
            if element.name in ACTIVE_ELEMENTS:
                found.append(f"{where}: <{element.name}>")
            if element.name == "meta" and str(element.get("http-equiv", "")).lower() == "refresh":
                found.append(f"{where}: <meta http-equiv=refresh>")
            # A JSON data block is never run; one that broke out would leave a script element of its own.
            if element.name == "script" and element.get("type") != "application/json" and "alert" in element.get_text():
                found.append(f"{where}: <script>{element.get_text()[:60]}")
            for name, value in element.attrs.items():
                text = " ".join(value) if isinstance(value, list) else str(value)
                if name.lower().startswith("on"):
                    found.append(f"{where}: <{element.name} {name}>")
                squeezed = re.sub(r"[\x00-\x20]", "", text).lower()
                if name.lower() in URL_ATTRIBUTES and squeezed.startswith(BAD_SCHEMES):
                    found.append(f"{where}: <{element.name} {name}={text[:40]}>")
    return found


def titles(site: Path, page: str) -> str:
    """The text of a page's <title>, as a browser reads it."""
    soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
    return soup.title.get_text() if soup.title else ""


def script_portal(tmp_path: Path, vocabulary: bool = True) -> Path:
    """The fixture portal with script in every field an author writes, the network's names and labels
    included; without a `vocabulary`, a free tag holds script too."""
    root = copy_portal(tmp_path)
    network = (root / "network.yml").read_text(encoding="utf-8")
    if not vocabulary:
        network = network[: network.index("\ntags:")] + "\n"
    network = network.replace("name: Fixture network", f"name: {q(SCRIPT)}")
    network = network.replace("    name: Lyon", f"    name: {q('Lyon ' + SCRIPT)}")
    network = network.replace("    name: Oslo", f"    name: {q('Oslo ' + UNCLOSED)}")
    network = network.replace("  language: Language learning", f"  language: {q(TAG)}")
    network = network.replace("  parents: Parental involvement", f"  parents: {q(ENTITIES)}")
    network = network.replace("description: A small network for the tests", f"description: {q(TAG)}")
    (root / "network.yml").write_text(network, encoding="utf-8")
    practice = root / "practices" / "parents-cafe.md"
    text = practice.read_text(encoding="utf-8")
    text = text.replace("title: Parents' café", f"title: {q(SCRIPT)}")
    text = re.sub(r"^summary: .*$", f"summary: {q(ENTITIES + ' A café.')}\norganisation: {q(TAG)}\n"
                  f"contact: {q(UNCLOSED)}", text, count=1, flags=re.M)
    if not vocabulary:
        text = text.replace("  - on\n", f"  - on\n  - {q(SCRIPT)}\n")
    text += f"\n\n{SCRIPT}\n\n{ENTITIES}\n\n{TAG} `{TAG}`\n\n<!-- a note {SCRIPT} -->\n"
    practice.write_text(text, encoding="utf-8")
    visit = root / "visits" / "2014-01-oslo-lyon.md"
    text = visit.read_text(encoding="utf-8").replace("delegates: 3", f"delegates: [{q(SCRIPT)}, {q(TAG)}]")
    text = text.replace("tags: [parents]", f"tags: [parents]\ntitle: {q(UNCLOSED)}")
    text = text.replace("- A contract with the library. [information]", f"- {TAG} {ENTITIES} [challenge]")
    visit.write_text(text, encoding="utf-8")
    card = root / "toolkit" / "roundtable.md"
    text = card.read_text(encoding="utf-8").replace("title: Partners' roundtable", f"title: {q(TAG)}")
    text = text.replace("author: A. Author", f"author: {q(SCRIPT)}").replace("- item: Markers", f"- item: {q(SCRIPT)}")
    card.write_text(text + f"\n3. {SCRIPT}\n", encoding="utf-8")
    return root
