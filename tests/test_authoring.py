"""Authoring tools: `check --format json`, `new`, `schema`, and the schemas against real content."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import DEFECTS, REPO, add_defect
from practice_exchange.cli import main
from practice_exchange.content import Sources, load
from practice_exchange.content.frontmatter import split


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_check_json_format(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_defect(portal, "visits/unknown-visitor.md")
    add_defect(portal, "visits/empty-section.md")
    code, out, _ = run(capsys, "check", "--root", str(portal), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert (data["errors"], data["warnings"]) == (1, 1)
    assert data["problems"][0] == {
        "path": "visits/unknown-visitor.md", "line": 2, "field": "visitor", "severity": "error",
        "message": "unknown city `osloo`, not found in network.yml; did you mean `oslo`?"}


def test_check_finds_unknown_markers_in_docs(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (portal / "docs" / "findings.md").write_text("# F\n\n<!-- findings:hostss -->\n", encoding="utf-8")
    code, out, _ = run(capsys, "--root", str(portal), "check")
    assert code == 1
    assert out.splitlines()[0].startswith(
        "error: docs/findings.md:3: findings: unknown findings block `hostss`; did you mean `hosts`?"
    )


def test_new_visit_derives_the_slug_and_passes_check(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "new", "visit", "--root", str(portal), "--visitor", "usti", "--host", "oslo",
                       "--start", "2014-05-02", "--end", "2014-05-03", "--practices", "parents-cafe",
                       "--tags", "parents")
    assert code == 0 and out.startswith("wrote visits/2014-05-usti-oslo.md")
    text = (portal / "visits" / "2014-05-usti-oslo.md").read_text(encoding="utf-8")
    for heading in ("## Key learning points", "## Transferable ideas", "## Contribution to the host"):
        assert f"\n{heading}\n" in text
    code, out, _ = run(capsys, "--root", str(portal), "check")
    assert code == 0
    assert out.splitlines()[-1] == "0 errors, 3 warnings"
    _, _report = load(Sources(portal))
    visit = next(
        e for e in load(Sources(portal))[0].visits.values() if e.slug == "2014-05-usti-oslo"  # type: ignore[union-attr]
    )
    assert (visit.visitor, visit.host, visit.start.isoformat(), visit.end.isoformat()) == (
        "usti", "oslo", "2014-05-02", "2014-05-03")
    assert visit.practices == ("parents-cafe",) and visit.findings == ()


def test_new_entries_of_every_kind_pass_check(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "new", "practice", "homework-club", "--root", str(portal), "--city", "lyon",
               "--tags", "Parental involvement", "--summary", "Homework help after school.")[0] == 0
    assert run(capsys, "new", "toolkit", "parents-walk", "--root", str(portal), "--difficulty", "easy",
               "--tags", "day-care", "--title", "A walk with parents")[0] == 0
    code, out, _ = run(capsys, "--root", str(portal), "check")
    assert code == 0
    assert out.splitlines() == [
        "warning: toolkit/parents-walk.md:3: summary: still holds the placeholder written by `practice-exchange new`;"
        " write the real text",
        "warning: toolkit/parents-walk.md:20: body: the `## Steps` section has no numbered list;"
        " write each step as `1. …`",
        "0 errors, 2 warnings",
    ]
    portal_, _ = load(Sources(portal))
    assert portal_ is not None
    assert portal_.practices["homework-club"].tags == ("parents",)
    assert portal_.toolkit["parents-walk"].title == "A walk with parents"


def test_new_files_offer_every_field_of_their_kind(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Written or commented out, each front-matter field of the schema is in the new file: one added
    to the schema but not to `new` fails here."""
    from practice_exchange.content import practice, toolkit, visit

    assert run(capsys, "new", "practice", "homework-club", "--root", str(portal), "--city", "lyon",
               "--tags", "language")[0] == 0
    assert run(capsys, "new", "toolkit", "parents-walk", "--root", str(portal), "--difficulty", "easy",
               "--tags", "language")[0] == 0
    assert run(capsys, "new", "visit", "--root", str(portal), "--visitor", "oslo", "--host", "lyon",
               "--start", "2014-05-06")[0] == 0
    for schema, rel in ((practice.SCHEMA, "practices/homework-club.md"), (toolkit.SCHEMA, "toolkit/parents-walk.md"),
                        (visit.SCHEMA, "visits/2014-05-oslo-lyon.md")):
        head = (portal / rel).read_text(encoding="utf-8").split("\n---\n")[0]
        offered = {line.lstrip("# ").split(":")[0] for line in head.splitlines()[1:]}
        assert set(schema.names()) - offered == set(), rel


def test_new_refuses_bad_facts_and_writes_nothing(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = sorted(p.name for p in (portal / "visits").iterdir())
    code, out, err = run(capsys, "new", "visit", "--root", str(portal), "--visitor", "osloo", "--host", "lyon",
                         "--start", "2014-02-30")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "practice-exchange new: visitor: unknown city `osloo`, not found in network.yml; did you mean `oslo`?",
        "practice-exchange new: start: `2014-02-30` is not a date in the calendar",
        "nothing was written",
    ]
    code, _, err = run(capsys, "new", "practice", "Reading Club", "--root", str(portal), "--city", "lyon")
    assert code == 1
    assert (
        "slug: `Reading Club` cannot be a file name; use lowercase letters, digits and hyphens, such as `reading-club`"
        in err
    )
    assert "tags: give at least one tag with --tags, such as --tags day-care" in err
    code, _, err = run(capsys, "new", "toolkit", "walk", "--root", str(portal), "--difficulty", "hard",
                       "--tags", "parnts")
    assert code == 1
    assert "difficulty: `hard` is not one of easy, medium, professional" in err
    assert "tags: unknown tag `parnts`: network.yml lists the tags to use; did you mean `parents`?" in err
    # Nothing close: the cities there are, as `check` names them (a new user's review: `new` said less).
    code, _, err = run(capsys, "new", "session", "kick-off", "--root", str(portal), "--city", "zwickau",
                       "--tags", "parents")
    assert code == 1
    assert "city: unknown city `zwickau`, not found in network.yml; it has `bergen`, `lyon`, `oslo`, `usti`" in err
    assert sorted(p.name for p in (portal / "visits").iterdir()) == before


def test_new_never_overwrites(portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = portal / "visits" / "2014-01-oslo-lyon.md"
    text = existing.read_text(encoding="utf-8")
    start = next(line for line in text.splitlines() if line.startswith("start: ")).split(": ")[1]
    code, _, err = run(capsys, "new", "visit", "--root", str(portal), "--visitor", "oslo", "--host", "lyon",
                       "--start", start)
    assert code == 1 and "visits/2014-01-oslo-lyon.md already exists; it was left as it is" in err
    assert existing.read_text(encoding="utf-8") == text


def test_a_second_visit_of_the_same_cities_in_a_month_gets_a_name_of_its_own(
        portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A new user's review: `new` refused a second visit of the same pair in the same month, said to
    pick another name, and had no way to give one."""
    existing = portal / "visits" / "2014-01-oslo-lyon.md"
    text = existing.read_text(encoding="utf-8")
    code, out, _ = run(capsys, "new", "visit", "--root", str(portal), "--visitor", "oslo", "--host", "lyon",
                       "--start", "2014-01-28")
    assert code == 0 and "wrote visits/2014-01-oslo-lyon-2.md" in out
    assert existing.read_text(encoding="utf-8") == text
    assert "start: 2014-01-28" in (portal / "visits" / "2014-01-oslo-lyon-2.md").read_text(encoding="utf-8")


class Yaml12Loader(yaml.SafeLoader):
    """Reads front matter as editors do (YAML 1.2 core): dates and yes/no stay strings."""


Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers
          if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def front_matter(path: Path) -> object:
    if path.suffix == ".yml":
        return yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    yaml_text, _, _ = split(path.read_text(encoding="utf-8"))
    return yaml.load(yaml_text, Loader=Yaml12Loader) or {}


def validators(out: Path) -> dict[str, jsonschema.Draft202012Validator]:
    found = {}
    for kind in ("practice", "visit", "toolkit", "network"):
        schema = json.loads((out / f"{kind}.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        found[kind] = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return found


def test_schemas_accept_every_entry_of_the_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _out, _ = run(capsys, "--root", str(REPO), "schema", "--out", str(tmp_path))
    assert code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "network.schema.json", "practice.schema.json", "session.schema.json", "toolkit.schema.json",
        "visit.schema.json"]
    check = validators(tmp_path)
    city = json.loads((tmp_path / "practice.schema.json").read_text(encoding="utf-8"))["properties"]["city"]
    assert "munich" in city["enum"] and "description" in city
    assert not list(check["network"].iter_errors(front_matter(REPO / "network.yml")))
    for kind, folder in (("practice", "practices"), ("visit", "visits"), ("toolkit", "toolkit")):
        files = sorted((REPO / folder).glob("*.md"))
        assert files
        for path in files:
            errors = [e.message for e in check[kind].iter_errors(front_matter(path))]
            assert errors == [], path


# Fixture defects a schema can express: front-matter shape, types, formats and the portal's names.
EXPRESSIBLE = [
    "practices/missing-title.md", "practices/unknown-city.md", "practices/long-summary.md", "practices/no-tags.md",
    "practices/tags-not-a-list.md", "practices/bad-year.md", "practices/year-not-number.md",
    "practices/ftp-website.md", "practices/unknown-related.md", "practices/unknown-field.md",
    "practices/unknown-tag.md", "practices/title-list.md", "visits/unknown-visitor.md", "visits/bad-date.md",
    "visits/impossible-date.md", "visits/zero-delegates.md", "visits/unknown-practice.md",
    "visits/missing-visitor.md", "toolkit/bad-difficulty.md", "toolkit/bad-equipment.md",
    "toolkit/bad-source-url.md", "toolkit/unknown-practice.md", "network/bad-country.yml",
    "network/no-cities.yml", "network/bad-vocabulary.yml", "network/unknown-lead.yml",
]
KIND = {"practices": "practice", "visits": "visit", "toolkit": "toolkit", "network": "network"}


def test_schemas_reject_the_defects_they_can_express(portal: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--root", str(portal), "schema", "--out", str(tmp_path / "schemas"))[0] == 0
    check = validators(tmp_path / "schemas")
    for defect in EXPRESSIBLE:
        data = front_matter(DEFECTS / defect)
        assert list(check[KIND[defect.split("/")[0]]].iter_errors(data)), defect
    for folder in ("practices", "visits", "toolkit"):
        for path in sorted((portal / folder).glob("*.md")):
            assert not list(check[KIND[folder]].iter_errors(front_matter(path))), path


def test_schema_without_a_valid_portal_still_writes_generic_schemas(portal: Path, tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    add_defect(portal, "practices/unknown-city.md")
    code, _, err = run(capsys, "--root", str(portal), "schema", "--out", str(tmp_path))
    assert code == 0 and "the portal has errors" in err
    city = json.loads((tmp_path / "practice.schema.json").read_text(encoding="utf-8"))["properties"]["city"]
    assert "enum" not in city and city["pattern"] == "^[a-z0-9]+(?:-[a-z0-9]+)*$"
    shutil.rmtree(tmp_path)


def test_new_writes_free_tags_as_typed_so_that_their_pages_show_the_authors_spelling(
        portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    network = portal / "network.yml"
    text = network.read_text(encoding="utf-8")
    network.write_text(text[:text.index("tags:")], encoding="utf-8")  # free tags: no vocabulary
    code, _, _ = run(capsys, "new", "practice", "strassenfest", "--root", str(portal), "--city", "lyon",
                     "--tags", "Straßensozialarbeit,Öffentlicher Raum,null")
    assert code == 0
    assert "\ntags: [Straßensozialarbeit, Öffentlicher Raum, \"null\"]\n" in \
        (portal / "practices" / "strassenfest.md").read_text(encoding="utf-8")
    loaded, _ = load(Sources(portal))
    assert loaded is not None
    assert {loaded.tags[slug].label for slug in ("strassensozialarbeit", "offentlicher-raum", "null")} == {
        "Straßensozialarbeit", "Öffentlicher Raum", "null"}
