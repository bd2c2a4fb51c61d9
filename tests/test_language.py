"""The portal's language: every shipped catalogue holds every text the plugin draws, and a build in
a language draws its pages in it, the portal's own catalogue winning."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup
from markupsafe import escape

from conftest import REPO, mkdocs
from practice_exchange.content.matrix import CATEGORIES
from practice_exchange.language import LANGUAGES, babel_locale, base_language, translations

LOCALE = REPO / "plugins" / "practice_exchange" / "locale"
sys.path.insert(0, str(REPO / "scripts"))

from messages import template  # noqa: E402

PLACEHOLDER_RE = re.compile(r"%\((\w+)\)[sd]")


def example_in(tmp_path: Path, language: str = "en") -> Path:
    """A writable copy of the example portal, its `theme.language` set to `language`."""
    root = tmp_path / "portal"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns("site", ".git", "tests", "bench", "examples"))
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  language: en\n" in config
    (root / "mkdocs.yml").write_text(config.replace("  language: en\n", f"  language: {language}\n"), encoding="utf-8")
    return root


def built(root: Path, tmp_path: Path) -> Path:
    """The portal built with `--strict`; its site folder."""
    site = tmp_path / "site"
    result = mkdocs(root, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="module")
def extracted() -> dict[str, object]:
    """Every message of the templates and the code, extracted now from the sources."""
    return {message.id if isinstance(message.id, str) else message.id[0]: message.id
            for message in template() if message.id}


def test_the_template_catalogue_is_up_to_date(extracted: dict[str, object]) -> None:
    with open(LOCALE / "messages.pot", "rb") as pot:
        shipped = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(pot) if m.id}
    assert shipped == set(extracted), "run `python scripts/messages.py`"


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_every_catalogue_translates_every_message(language: str, extracted: dict[str, object]) -> None:
    with open(LOCALE / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        catalog = read_po(po, locale=language)
    missing = []
    for key, msgid in extracted.items():
        message = catalog.get(msgid)
        strings = (message.string if isinstance(message.string, tuple) else (message.string,)) if message else ("",)
        if not all(strings):
            missing.append(key)
            continue
        wanted = set(PLACEHOLDER_RE.findall(" ".join(msgid if isinstance(msgid, tuple) else (msgid,))))
        for string in strings:
            assert set(PLACEHOLDER_RE.findall(string)) <= wanted | {"num"}, (language, key, string)
            assert set(PLACEHOLDER_RE.findall(string)) >= wanted - {"num"}, (language, key, string)
    assert missing == [], f"{language}: {len(missing)} messages untranslated, such as {missing[:3]}"


def test_language_codes_as_material_writes_them() -> None:
    assert [base_language(code) for code in ("de", "pt-BR", "pt_BR", "EN", None, "")] == [
        "de", "pt", "pt", "en", "en", "en"]
    assert translations("xx").gettext("Visitor") == "Visitor"  # no catalogue: English
    # What Babel writes in (dates, country and language names) keeps the script and the country.
    # Material's `pt` is Portugal's, its `ku-IQ` Sorani: Babel's `ku_Arab_IQ` names no country (a hostile review).
    assert [babel_locale(code) for code in ("zh-Hant", "zh-TW", "pt-BR", "pt", "ku-IQ", "zh", "de", None)] == [
        "zh_Hant", "zh_Hant_TW", "pt_BR", "pt_PT", "ckb", "zh", "de", "en"]
    # What Babel knows nothing of gives English, which the build refuses before it is used.
    assert [babel_locale(code) for code in ("xx-YY", "sh", "3", "")] == ["en"] * 4


def test_every_language_material_has_gets_country_names_and_dates_from_babel() -> None:
    """Each of Material's languages that Babel knows has its countries named and its dates written in it."""
    import datetime

    import material
    from babel import Locale, localedata
    from babel.dates import format_date

    codes = sorted(p.stem for p in (Path(material.__file__).parent / "templates" / "partials" / "languages").glob(
        "*.html"))
    assert len(codes) > 60
    for code in codes:
        if not localedata.exists(base_language(code)):
            continue  # refused by the build (`sh`)
        locale = babel_locale(code)
        assert Locale.parse(locale).territories.get("DE"), code
        assert "M01" not in format_date(datetime.date(2014, 1, 15), "long", locale=locale), code


def test_a_german_portal_draws_its_pages_in_german_and_its_own_words_win(tmp_path: Path) -> None:
    root = example_in(tmp_path, "de")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - practice-exchange\n", "  - practice-exchange:\n      translations_dir: words\n", 1)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    (root / "words").mkdir()
    (root / "words" / "de.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Host"\nmsgstr "Gastgeberstadt"\n', encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs(root, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    german = translations("de")
    visit = next((site / "visits").glob("*/index.html")).read_text(encoding="utf-8")
    assert f"<dt>{german.gettext('Visitor')}</dt>" in visit and german.gettext("Visitor") != "Visitor"
    assert "<dt>Gastgeberstadt</dt>" in visit  # the portal's own catalogue wins
    assert "<dt>Visitor</dt>" not in visit
    # The picture's title and description, which screen readers read, too (found by a lead expert's review).
    picture = (site / "exports" / "network.svg").read_text(encoding="utf-8")
    assert "<title id=\"px-graph-title\">Wer in PREVENT wen besucht hat</title>" in picture
    assert "9 Besuche zwischen den Partnerstädten" in picture and "Antwerp nach Munich" in picture
    assert " visits" not in picture and "Who visited" not in picture
    # Every entry in the portal's language: no language facet, no language beside a title.
    assert 'data-facet="lang"' not in (site / "catalogue" / "index.html").read_text(encoding="utf-8")
    assert 'class="px-lang"' not in visit
    # The workbook explains the categories in German; its column names and markers stay the data's.
    categories = openpyxl.load_workbook(site / "exports" / "portal.xlsx")["categories"]
    rows = {row[0]: row for row in categories.iter_rows(max_row=6, values_only=True)}
    meaning = rows["category"].index("meaning")
    assert rows["challenge"][meaning] == german.gettext(CATEGORIES["challenge"]) != CATEGORIES["challenge"]
    assert rows["none"][meaning] == german.gettext("Without a class") != "Without a class"


GERMAN_VISIT = """\
---
visitor: tallinn
host: munich
start: 2014-01-15
---

## Wichtigste Erkenntnisse

- Eltern kommen gern, wenn die Kinder einladen. [inspiration]

## Übertragbare Ideen

- Ein Elterncafé an jeder Schule. [challenge]
- Ein zweiter Gedanke. [Herausforderung]

## Beitrag für die Gastgeber

- Ein Blick von außen. [information]
"""


def test_headings_in_the_networks_languages_are_recognised_and_translated_markers_get_the_fix(
        tmp_path: Path) -> None:
    from practice_exchange.content import Sources, load

    root = example_in(tmp_path)
    (root / "visits" / "2014-01-tallinn-munich-2.md").write_text(GERMAN_VISIT, encoding="utf-8")
    _, report = load(Sources(root))
    problems = [str(p) for p in report.problems]
    assert problems == [
        "visits/2014-01-tallinn-munich-2.md:14: category: `[Herausforderung]` is not a category marker: the"
        " markers are the same words in every language; write `[challenge]` (the markers are: [information],"
        " [inspiration], [challenge], [contacts])"]
    (root / "visits" / "2014-01-tallinn-munich-2.md").write_text(
        GERMAN_VISIT.replace(" [Herausforderung]", ""), encoding="utf-8")
    portal, report = load(Sources(root))
    assert portal is not None, [str(p) for p in report.problems]
    visit = portal.visits["2014-01-tallinn-munich-2"]
    assert [(f.section, f.category) for f in visit.findings] == [
        ("learning", "inspiration"), ("transferable", "challenge"), ("transferable", None),
        ("contribution", "information")]


@pytest.mark.parametrize(("language", "month"), [("de", "Januar"), ("fr", "janvier")])
def test_dates_and_composed_titles_are_in_the_portals_language(tmp_path: Path, language: str, month: str) -> None:
    site = built(example_in(tmp_path, language), tmp_path)
    page = (site / "visits" / "2014-01-tallinn-munich" / "index.html").read_text(encoding="utf-8")
    assert f" {month} 2014</time>" in page and "January" not in page
    visiting = translations(language).gettext("%(visitor)s visiting %(host)s")
    assert visiting != "%(visitor)s visiting %(host)s"
    assert f'<h1><span id="px-title"></span>{escape(visiting % {"visitor": "Tallinn", "host": "Munich"})}</h1>' in page


def data_of(site: Path) -> dict[str, Any]:
    import json

    return json.loads((site / "exports" / "portal.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_an_entry_in_another_language_and_its_translations(tmp_path: Path) -> None:
    """`lang` on the content and beside the title, translations linked both ways, a catalogue facet
    once two languages are held, a column in the exports; bad codes and slugs are located errors."""
    import json

    from practice_exchange.content import Sources, load

    root = example_in(tmp_path)
    english = sorted((root / "practices").glob("*.md"))[0]
    slug = english.stem
    german = english.read_text(encoding="utf-8").replace(
        "\n---\n", f"\nlang: de\ntranslations: {{en: {slug}}}\n---\n", 1)
    (root / "practices" / f"{slug}-de.md").write_text(german, encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs(root, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr
    page = (site / "practices" / f"{slug}-de" / "index.html").read_text(encoding="utf-8")
    # The author's words, not the portal's labels around them.
    assert '<div class="px-entry px-practice">' in page and '<div class="px-body" lang="de">' in page
    assert '<p class="px-summary" lang="de">' in page
    assert '<small class="px-lang">(German)</small></h1>' in page
    assert f'href="../{slug}/" hreflang="en">English</a>' in page
    back = (site / "practices" / slug / "index.html").read_text(encoding="utf-8")
    assert f'href="../{slug}-de/" hreflang="de">German</a>' in back  # named by the other only
    assert 'lang="de"' not in back.split('class="px-languages"')[0].split("<article")[1]
    catalogue = (site / "catalogue" / "index.html").read_text(encoding="utf-8")
    assert 'data-facet="lang"' in catalogue and "German" in catalogue.split('data-facet="lang"')[1]
    # Wherever it is listed, its words are marked as German too (WCAG 2.1, 3.1.2 Language of Parts).
    marked = f'href="../practices/{slug}-de/" lang="de">'
    assert marked in catalogue
    assert catalogue.split(marked)[1].split("</li>")[0].count('<br><span lang="de">') == 1  # its summary
    listing = (site / "practices" / "index.html").read_text(encoding="utf-8")
    # A listing shows each set of translations once, as the findings count it: the English version,
    # with a link to the German (a lead expert's review: 10 listed visits beside 9 counted).
    row = listing.split(f'href="{slug}/"')[1].split("</td>")[0]
    assert f'<small class="px-also">(In other languages: <a href="{slug}-de/" hreflang="de">German</a>)</small>' in row
    assert f'href="{slug}-de/" lang="de">' not in listing
    assert listing.count("<tr>") - 1 == len(data_of(site)["practices"]) - 1
    # Listed beside each other, the two are told apart by the translation's language (a lead expert's review).
    title = english.read_text(encoding="utf-8").split("\ntitle: ", 1)[1].split("\n", 1)[0].strip("'\"")
    assert f'lang="de">{title}</a> <small class="px-lang">(German)</small>' in catalogue
    # The themes count each set of translations once, as every other figure does.
    findings = json.loads((site / "exports" / "findings.json").read_text(encoding="utf-8"))
    assert sum(tag["practices"] for tag in findings["tags"]) == sum(
        len(p["tags"]) for p in data_of(site)["practices"] if p["slug"] != f"{slug}-de")
    # The data say which rows the figures count: a translation names the entry counted in its place
    # (adding up the rows counted each set once per language: a lead expert's review).
    practices = data_of(site)["practices"]
    assert {p["slug"]: p["translation_of"] for p in practices if p["translation_of"]} == {f"{slug}-de": slug}
    assert sum(1 for p in practices if not p["translation_of"]) == len(practices) - 1
    import csv

    with open(site / "exports" / "practices.csv", encoding="utf-8-sig", newline="") as table:
        rows = list(csv.DictReader(table))
    assert {r["slug"]: r["translation_of"] for r in rows if r["translation_of"]} == {f"{slug}-de": slug}
    city = next(path for path in (site / "cities").glob("*/index.html") if f"{slug}-de/" in path.read_text("utf-8"))
    city_page = city.read_text(encoding="utf-8")
    assert f'href="../../practices/{slug}-de/" lang="de">' not in city_page
    assert f'(In other languages: <a href="../../practices/{slug}-de/" hreflang="de">German</a>)' in city_page
    data = json.loads((site / "exports" / "portal.json").read_text(encoding="utf-8"))
    both = {p["slug"]: (p["lang"], p["translations"]) for p in data["practices"] if p["slug"].startswith(slug)}
    assert both == {slug: (None, {}), f"{slug}-de": ("de", {"en": slug})}
    assert f"{slug}-de" in (site / "exports" / "practices.csv").read_text(encoding="utf-8-sig")

    (root / "practices" / f"{slug}-de.md").write_text(
        german.replace("lang: de", "lang: deu").replace(f"{{en: {slug}}}", f"{{en: {slug}x, de: {slug}-de}}"),
        encoding="utf-8")
    _, report = load(Sources(root))
    messages = [p.message for p in report.problems]
    assert "`deu` is not a two-letter language code (ISO 639-1) such as de, fr or et; did you mean `de`?" in messages
    assert "an entry cannot be its own translation; remove its own slug" in messages
    assert f"unknown practice `{slug}x`, not found in practices/; did you mean `{slug}`?" in messages


def test_a_translation_listed_under_another_language_than_its_own_is_refused(tmp_path: Path) -> None:
    """Found by a hostile review: an English page was linked as `Arabic`, the entry's own language was
    listed as another, and one page was listed twice, under two languages. Each is a located error."""
    from practice_exchange.content import Sources, load

    root = example_in(tmp_path)
    english, other = sorted((root / "practices").glob("*.md"))[:2]
    text = english.read_text(encoding="utf-8")
    german = text.replace("\n---\n", f"\nlang: de\ntranslations: {{de: {other.stem}, ar: {english.stem}}}\n---\n", 1)
    (root / "practices" / f"{english.stem}-de.md").write_text(german, encoding="utf-8")
    _, report = load(Sources(root))
    said = {(p.line, p.message) for p in report.errors}
    first = german.split("\n").index(next(line for line in german.split("\n") if line.startswith("translations")))
    assert said == {
        (first + 1, "`de` is this entry's own language; list its translations into other languages, each under"
                    " the language it is written in"),
        (first + 1, f"`{english.stem}` is written in `en` (the portal's language, as it has no `lang`), not `ar`;"
                    f" list it as `en: {english.stem}`, or correct its `lang`"),
    }


def test_new_writes_its_headings_and_guidance_in_the_portals_language(tmp_path: Path) -> None:
    """The headings are those the portal recognises in its language; the file checks clean."""
    from practice_exchange.cli import main
    from practice_exchange.content import Sources, load

    root = example_in(tmp_path, "de")
    assert main(["new", "visit", "--root", str(root), "--visitor", "tallinn", "--host", "nantes",
                 "--start", "2015-03-02"]) == 0
    text = (root / "visits" / "2015-03-tallinn-nantes.md").read_text(encoding="utf-8")
    assert "## Wichtigste Erkenntnisse" in text and "## Übertragbare Ideen" in text
    assert "## Beitrag für die Gastgeber" in text and "## Key learning points" not in text
    german = translations("de")
    guidance = german.gettext("What your visit gave back to the hosting city, one item each.")
    assert guidance != "What your visit gave back to the hosting city, one item each." and guidance in text
    assert main(["new", "toolkit", "elternspaziergang", "--root", str(root), "--difficulty", "easy",
                 "--tags", "parental-involvement"]) == 0
    card = (root / "toolkit" / "elternspaziergang.md").read_text(encoding="utf-8")
    (root / "toolkit" / "elternspaziergang.md").write_text(card + "\n1. Treffen vereinbaren.\n", encoding="utf-8")
    (root / "visits" / "2015-03-tallinn-nantes.md").write_text(
        text.replace("## Übertragbare Ideen", "- Eltern kommen. [challenge]\n\n## Übertragbare Ideen"),
        encoding="utf-8")
    portal, report = load(Sources(root, language="de"))
    assert portal is not None, [str(p) for p in report.problems]
    assert portal.toolkit["elternspaziergang"].steps == ("Treffen vereinbaren.",)
    assert [f.category for f in portal.visits["2015-03-tallinn-nantes"].findings] == ["challenge"]


def test_new_writes_an_entry_in_its_own_language_with_lang(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A city writing in French in an English portal found its headings only through a did-you-mean
    (a new user's review): `--lang fr` writes `lang: fr`, the French headings and guidance."""
    from practice_exchange.cli import main
    from practice_exchange.content import Sources, load

    root = example_in(tmp_path)
    assert main(["new", "visit", "--root", str(root), "--visitor", "nantes", "--host", "tallinn",
                 "--start", "2015-03-02", "--lang", "fr"]) == 0
    path = root / "visits" / "2015-03-nantes-tallinn.md"
    text = path.read_text(encoding="utf-8")
    assert "\nlang: fr\n" in text and "## Idées transférables" in text and "## Key learning points" not in text
    assert translations("fr").gettext("What your visit gave back to the hosting city, one item each.") in text
    path.write_text(text.replace("## Idées transférables", "- Les parents viennent. [challenge]\n\n## Idées"
                                 " transférables"), encoding="utf-8")
    portal, report = load(Sources(root))
    assert portal is not None, [str(p) for p in report.problems]
    visit = portal.visits["2015-03-nantes-tallinn"]
    assert visit.lang == "fr" and [f.category for f in visit.findings] == ["challenge"]
    capsys.readouterr()
    assert main(["new", "practice", "cafe", "--root", str(root), "--city", "nantes", "--tags", "parents",
                 "--lang", "French"]) == 1
    assert "lang: --lang `French` is not a two-letter language code" in capsys.readouterr().err
    assert not (root / "practices" / "cafe.md").exists()


def test_no_text_is_hidden_from_the_extraction_inside_an_f_string() -> None:
    """Babel reads an f-string as one token: a `gettext(...)` inside one never reaches a catalogue."""
    hidden = [f"{path.relative_to(REPO)}:{number}" for path in sorted((REPO / "plugins").rglob("*.py"))
              for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
              if re.search(r"""f["'][^"']*\{(?:gettext|_|ngettext|N_)\(""", line)]
    assert hidden == []


def english_labels(language: str) -> set[str]:
    """The plugin's texts that this language's catalogue says differently, as a page would show them
    alone in an element: with no placeholder, no line break, of some length."""
    with open(LOCALE / "messages.pot", "rb") as pot:
        ids = [m.id for m in read_po(pot) if isinstance(m.id, str) and m.id]
    words = translations(language)
    return {text for text in ids if "%" not in text and "\n" not in text and len(text) > 3
            and (language == "xx" or words.gettext(text) != text)}


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code != "en"])
def test_no_english_label_remains_on_a_generated_page(tmp_path: Path, language: str) -> None:
    from bs4 import BeautifulSoup

    site = built(example_in(tmp_path, language), tmp_path)
    english = english_labels(language)
    assert len(english) > 100
    # A word of this language that is also an English label (Italian "Date", the plural of "data").
    words = translations(language)
    english -= {words.gettext(text) for text in english_labels("xx") | english}
    pages = ["catalogue", "exports", "cities", "tags", "practices", "visits", "toolkit", "sessions", "cities/munich",
             "visits/2014-01-tallinn-munich", "practices/kaap", "tags/parental-involvement"]
    found = {}
    for page in pages:
        article = BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser").article
        assert article is not None
        # The title of each heading's link too, in the author's text as well ("Permanent link": a German barcamp).
        assert {link["title"] for link in article.select("a.headerlink")} <= {words.gettext("Permanent link")}, page
        for authored in article.select(".px-body"):  # what the author wrote is in the author's language
            authored.decompose()
        texts = {" ".join(s.split()).rstrip(":") for s in article.stripped_strings}
        left = sorted(texts & {e.rstrip(":") for e in english})
        if left:
            found[page] = left
    assert found == {}


def test_the_session_formats_named_in_its_description_are_the_formats() -> None:
    """A description is one literal, for the catalogues; it must still name what the code accepts."""
    from practice_exchange.content.session import FORMATS, SCHEMA

    doc = next(f.doc for f in SCHEMA.fields if f.name == "format")
    assert doc == f"What kind of session: {', '.join(FORMATS[:-1])} or {FORMATS[-1]}."


def own_words(root: Path, messages: str) -> None:
    """The portal's own German catalogue, `words/de.po`, holding `messages` (its header above them)."""
    (root / "words" / "de.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n' + messages, encoding="utf-8")


def test_an_own_catalogue_that_cannot_be_used_is_a_located_error(tmp_path: Path) -> None:
    """A translation asking for a value its message does not give, or a file that is no catalogue:
    the build, `check` and `new` say which file and line, and write nothing."""
    from practice_exchange.cli import main

    root = example_in(tmp_path, "de")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace("  - practice-exchange\n",
                                                    "  - practice-exchange:\n      translations_dir: words\n", 1),
                                     encoding="utf-8")
    (root / "words").mkdir()
    own_words(root, 'msgid "%(visitor)s visiting %(host)s"\nmsgstr "%(besucher)s besucht %(host)s"\n')
    wanted = ("words/de.po:5: the translation of `%(visitor)s visiting %(host)s` uses %(besucher)s, which the"
              " message does not give; the values it gives are: %(host)s, %(visitor)s")
    result = mkdocs(root, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert result.returncode != 0 and wanted in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()
    assert main(["check", "--root", str(root)]) != 0
    assert main(["new", "practice", "x", "--root", str(root), "--city", "munich", "--tags", "parents"]) != 0
    assert not (root / "practices" / "x.md").exists()
    # A lone `%` stopped the build on the page that shows the text, and `check` passed it (a hostile review).
    own_words(root, 'msgid "%(num)d session report"\nmsgid_plural "%(num)d session reports"\n'
                    'msgstr[0] "%(num)d Bericht (100%)"\nmsgstr[1] "%(num)d Berichte"\n')
    result = mkdocs(root, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert ("words/de.po:5: the translation of `%(num)d session report` has a `%` the page cannot fill in; write"
            " `%%` for a percent sign") in result.stderr
    assert main(["check", "--root", str(root)]) != 0
    # A translation a page shows as HTML ran a script the portal's own catalogue held; one shown as text
    # keeps its angle brackets, which land escaped.
    own_words(root, 'msgid "Without a class"\nmsgstr "Ohne <img src=x onerror=alert(1)>"\n')
    result = mkdocs(root, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert ("words/de.po:5: the translation of `Without a class` holds markup its message does not"
            " (`<img onerror=alert(1) src=x>`)") in result.stderr
    assert main(["check", "--root", str(root)]) != 0
    # A message without markup, shown through a template's `_()` of a value (a card's difficulty), keeps
    # its translation text: markup and a quote that would close an attribute are written as characters.
    own_words(root, 'msgid "medium"\nmsgstr "<img src=x onerror=alert(1)> \\" onmouseover=\\"x"\n')
    assert mkdocs(root, "build", "--strict", "--site-dir", str(tmp_path / "site")).returncode == 0
    shown = "".join(path.read_text(encoding="utf-8") for path in (tmp_path / "site" / "toolkit").rglob("*.html"))
    assert "&lt;img src=x onerror=alert(1)&gt; &#34; onmouseover=&#34;x" in shown and "<img src=x" not in shown
    own_words(root, 'msgid "Defaults to \'<Visitor> visiting <Host>\'."\n'
                    'msgstr "Sonst \'<Besucher> besucht <Gastgeber>\'."\n')
    assert mkdocs(root, "build", "--strict", "--site-dir", str(tmp_path / "site")).returncode == 0
    (root / "words" / "de.po").write_text('garbage "\n', encoding="utf-8")
    result = mkdocs(root, "build", "--strict", "--site-dir", str(tmp_path / "site"))
    assert result.returncode != 0 and "words/de.po" in result.stderr and "cannot be read as a gettext catalogue" \
        in result.stderr and "Traceback" not in result.stderr


def test_an_entry_s_words_carry_its_language_wherever_the_findings_show_them(tmp_path: Path) -> None:
    """A new user's review: a German visit's findings and follow-up items, listed on the findings page
    and on the pages of the practices and cities they concern, had no `lang`; and its page marked the
    portal's own labels around its words (`Visitor`, `Tags`) as German (WCAG 2.1, 3.1.2)."""
    root = example_in(tmp_path)
    path = root / "visits" / "2014-04-nantes-munich.md"
    path.write_text(path.read_text(encoding="utf-8").replace("\n---\n", "\nlang: de\n---\n", 1), encoding="utf-8")
    site = built(root, tmp_path)
    findings = BeautifulSoup((site / "findings" / "index.html").read_text(encoding="utf-8"), "html.parser")
    german, other = [], []
    for item in findings.select(".px-host li, .px-follow-ups li, .px-candidates li"):
        link = item.find("a", href=lambda href: href and "/visits/" in href)
        if link is None:
            continue
        words = item.find("span")
        (german if "2014-04-nantes-munich" in link["href"] else other).append(words.get("lang") if words else None)
    assert german and set(german) == {"de"}
    assert other and set(other) == {None}
    page = BeautifulSoup((site / "visits" / "2014-04-nantes-munich" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.select_one(".px-entry").get("lang") is None and page.select_one(".px-body").get("lang") == "de"
    assert page.select_one(".px-facts").find_parent(attrs={"lang": True})["lang"] == "en"  # the page's own


def test_an_entry_cannot_take_another_s_place_by_naming_it_its_translation(tmp_path: Path) -> None:
    """A hostile review: a new French session naming the German one its translation removed the German
    one from the findings and linked it to the French page; a visit of other cities and dates could
    name any visit its translation."""
    import json

    root = tmp_path / "peer"
    shutil.copytree(REPO / "examples" / "peer-learning", root, ignore=shutil.ignore_patterns("site"))
    german = root / "sessions" / "partnerschaften-junge-sozialunternehmen.md"
    text = german.read_text(encoding="utf-8")
    hijack = text.replace("lang: de\n", "lang: fr\ntranslations: {de: partnerschaften-junge-sozialunternehmen}\n", 1)
    (root / "sessions" / "a-hijack.md").write_text(hijack, encoding="utf-8")
    site = built(root, tmp_path)
    sessions = json.loads((site / "exports" / "findings.json").read_text(encoding="utf-8"))["sessions"]
    slugs = [s["slug"] for s in sessions]
    assert "partnerschaften-junge-sozialunternehmen" in slugs and "a-hijack" not in slugs

    example = example_in(tmp_path / "example")
    visit = example / "visits" / "2014-01-tallinn-munich.md"
    other = visit.read_text(encoding="utf-8").replace(
        "\n---\n", "\nlang: de\ntranslations: {en: 2014-04-nantes-munich}\n---\n", 1)
    visit.write_text(other, encoding="utf-8")
    result = mkdocs(example, "build", "--strict", "--site-dir", str(tmp_path / "site2"))
    assert result.returncode == 1
    line = other.split("\n").index("translations: {en: 2014-04-nantes-munich}") + 1
    assert (f"visits/2014-01-tallinn-munich.md:{line}: translations: `2014-04-nantes-munich` is not this visit in"
            " another language: its `visitor`, `start`, `end` differ from this one's") in result.stderr


def test_a_heading_near_one_the_portal_knows_in_another_language_gets_its_name(tmp_path: Path) -> None:
    """A new user's review: `## Übertragbare Idee` (one letter off) was told, at the body's first line,
    to add it to mkdocs.yml; `## Wie es weiter ging` was told to write `## Follow-up`."""
    from practice_exchange.content import Sources, load

    root = example_in(tmp_path)
    path = root / "visits" / "2014-04-nantes-munich.md"
    text = path.read_text(encoding="utf-8")
    heading = next(line for line in text.splitlines() if line.startswith("## Transferable"))
    text = text.replace("\n---\n", "\nlang: de\n---\n", 1).replace(heading, "## Übertragbare Idee")
    text = text.replace("## Follow-up", "## Wie es weiter ging")
    path.write_text(text, encoding="utf-8")
    _, report = load(Sources(root))
    lines = text.split("\n")
    said = {(p.line, p.message) for p in report.errors}
    at = lines.index("## Übertragbare Idee") + 1
    # Named in the visit's own language (`lang: de`), not in English: a second new user's review.
    assert (at, f"the required section `## Übertragbare Ideen` is missing: line {at} has `## Übertragbare Idee`;"
                " did you mean `## Übertragbare Ideen`?") in said
    assert any("write it `## Wie es weiterging`, as a level-2 heading" in message for _, message in said)


def test_a_missing_section_is_named_in_the_entrys_language_and_found_where_it_hides(tmp_path: Path) -> None:
    """A second new user's review: `<tab>## Beitrag für die Gastgeber` was told that the section is missing,
    at the first heading, in English; `**Wichtigste Erkenntnisse**` as a heading, and a heading of the
    author's own words, were told to edit `matrix_aliases`."""
    from practice_exchange.content import Sources, load

    root = example_in(tmp_path)
    path = root / "visits" / "2014-04-nantes-munich.md"
    text = path.read_text(encoding="utf-8").replace("\n---\n", "\nlang: de\n---\n", 1)
    headings = {key: next(line for line in text.splitlines() if line.startswith(f"## {key}"))
                for key in ("Key", "Transferable", "Contribution")}
    text = text.replace(headings["Key"], "**Wichtigste Erkenntnisse**")
    text = text.replace(headings["Transferable"], "## Unsere Ideen")
    text = text.replace(headings["Contribution"], "\t## Beitrag für die Gastgeber")
    path.write_text(text, encoding="utf-8")
    _, report = load(Sources(root))
    lines = text.split("\n")
    said = {(p.line, p.message) for p in report.errors}
    bold, own, tabbed = (lines.index(h) + 1 for h in ("**Wichtigste Erkenntnisse**", "## Unsere Ideen",
                                                       "\t## Beitrag für die Gastgeber"))
    assert (bold, f"the required section `## Wichtigste Erkenntnisse` is missing: line {bold} has"
                  " `**Wichtigste Erkenntnisse**`; write it as a level-2 heading, `## Wichtigste Erkenntnisse`") in said
    assert (tabbed, f"the required section `## Beitrag für die Gastgeber` is missing: line {tabbed} has"
                    " `## Beitrag für die Gastgeber` after a tab, so it is shown as text; start `##` at the very"
                    " beginning of the line") in said
    assert (own, "the required section `## Übertragbare Ideen` is missing; add it, followed by its findings as a"
                 " list. If `## Unsere Ideen` is meant to be this section, rename it `## Übertragbare Ideen`, or ask"
                 " the portal's maintainers to accept your heading too (their option `matrix_aliases`, as"
                 " `transferable: [your heading]`)") in said


def test_a_follow_up_only_some_versions_of_a_visit_hold_is_warned_about(tmp_path: Path) -> None:
    """Written only in the German version, a follow-up was shown there and counted nowhere, with no
    message (a lead expert's review): the findings count one version of each visit."""
    from practice_exchange.content import Sources, load

    root = example_in(tmp_path)
    english = root / "visits" / "2014-04-nantes-munich.md"
    text = english.read_text(encoding="utf-8")
    german = text.replace("\n---\n", "\nlang: de\ntranslations: {en: 2014-04-nantes-munich}\n---\n", 1)
    (root / "visits" / "2014-04-nantes-munich-de.md").write_text(german, encoding="utf-8")
    english.write_text(text.split("\n## Follow-up\n")[0] + "\n", encoding="utf-8")
    _, report = load(Sources(root))
    line = german.split("\n").index("- Nantes' local support group is discussing an initiative like") + 1
    assert [(p.path, p.line, p.message) for p in report.warnings] == [
        ("visits/2014-04-nantes-munich-de.md", line, "this follow-up is counted only if this version of the visit is"
         " the one the findings count, and `visits/2014-04-nantes-munich.md` has none; the findings count each"
         " visit once, in one language: write the follow-up in every version")]


def test_a_visit_that_saw_a_practices_translation_saw_that_practice(tmp_path: Path) -> None:
    """A visit listing the German version of a practice made it a practice of its own among the practices
    seen, and in its host's "Practices seen" (a lead expert's review)."""
    from practice_exchange import index as index_module
    from practice_exchange.content import Sources, load
    from practice_exchange.findings import summarise

    root = example_in(tmp_path)
    english = root / "practices" / "eltern-aktiv.md"
    text = english.read_text(encoding="utf-8")
    (root / "practices" / "eltern-aktiv-de.md").write_text(
        text.replace("\n---\n", "\nlang: de\ntranslations: {en: eltern-aktiv}\n---\n", 1), encoding="utf-8")
    visit = root / "visits" / "2014-01-tallinn-munich.md"
    visit.write_text(visit.read_text(encoding="utf-8").replace(
        "practices: [eltern-aktiv,", "practices: [eltern-aktiv-de,"), encoding="utf-8")
    portal, report = load(Sources(root))
    assert portal is not None, [str(p) for p in report.problems]
    findings = summarise(index_module.build(portal))
    seen = {practice.slug: [v.slug for v in visits] for practice, visits in findings.practices_seen}
    assert "eltern-aktiv-de" not in seen
    assert seen["eltern-aktiv"] == ["2014-01-tallinn-munich", "2014-04-nantes-munich"]
    munich = next(host for host in findings.hosts if host.city.id == "munich")
    assert [p.slug for p in munich.practices].count("eltern-aktiv") == 1
    assert "eltern-aktiv-de" not in [p.slug for p in munich.practices]


def test_lists_show_each_set_of_translations_once_and_every_version_its_links(tmp_path: Path) -> None:
    """A lead expert's review: the visits' listing said "10 bilateral visits" beside findings of 9,
    a city's follow-up was listed once per language of its visit, and a follow-up linking a practice's
    German version showed "Taken up by" on that version's page only."""
    root = example_in(tmp_path)
    practice = root / "practices" / "integration-macht-schule.md"
    (root / "practices" / "integration-macht-schule-de.md").write_text(practice.read_text(encoding="utf-8").replace(
        "\n---\n", "\nlang: de\ntranslations: {en: integration-macht-schule}\n---\n", 1), encoding="utf-8")
    visit = root / "visits" / "2014-04-nantes-munich.md"
    text = visit.read_text(encoding="utf-8").replace(
        "(../practices/integration-macht-schule.md)", "(../practices/integration-macht-schule-de.md)")
    visit.write_text(text.replace("\n---\n", "\ntranslations: {fr: 2014-04-nantes-munich-fr}\n---\n", 1),
                     encoding="utf-8")
    (root / "visits" / "2014-04-nantes-munich-fr.md").write_text(
        text.replace("\n---\n", "\nlang: fr\ntranslations: {en: 2014-04-nantes-munich}\n---\n", 1), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs(root, "build", "--strict", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr

    def page(path: str) -> BeautifulSoup:
        return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")

    counted = json.loads((site / "exports" / "findings.json").read_text(encoding="utf-8"))["visits"]
    listing = page("visits")
    rows = listing.select("article table tbody tr")
    assert len(rows) == counted and f"{counted} bilateral visits" in listing.select_one("article p").text
    row = next(r for r in rows if r.find("a", href="2014-04-nantes-munich/"))
    assert [(a["href"], a.text) for a in row.select(".px-also a")] == [("2014-04-nantes-munich-fr/", "French")]
    assert not listing.find("a", href="2014-04-nantes-munich-fr/", lang="fr")
    nantes = page("cities/nantes")
    follow_ups = [li.text for li in nantes.select(".px-follow-ups li")]
    assert len(follow_ups) == len(set(follow_ups)) == 1
    for version in ("integration-macht-schule", "integration-macht-schule-de"):
        shown = page(f"practices/{version}")
        assert shown.find(id="taken-up-by") is not None, version
        assert len(shown.select(".px-follow-ups li")) == 1, version
    practices = page("practices")
    assert len(practices.select("article table tbody tr")) == len(list((root / "practices").glob("*.md"))) - 1


def german_kaap_with_a_tag_of_its_own(root: Path, written: str, translations: str) -> str:
    """`practices/kaap-de.md`, the German version of `kaap.md` (whose text is returned) with the
    translations given, and a tag of the vocabulary's that only it carries, `only-german`, before
    `language-learning` written as `written`."""
    text = (root / "practices" / "kaap.md").read_text(encoding="utf-8")
    (root / "practices" / "kaap-de.md").write_text(text.replace(
        "tags: [language-learning,", f"tags: [only-german, {written},").replace(
        "\n---\n", f"\nlang: de\ntranslations: {translations}\n---\n", 1), encoding="utf-8")
    network = root / "network.yml"
    network.write_text(network.read_text(encoding="utf-8").replace(
        "\ntags:\n", "\ntags:\n  only-german: Only German\n", 1), encoding="utf-8")
    return text


def test_a_set_of_three_languages_and_what_only_a_translation_names(tmp_path: Path) -> None:
    """A hostile review of the lists that show each set once: a French version named only by the
    German was linked from neither the English nor the lists; a tag only the German carried led to
    an empty tag page; a card naming only the German practices vanished from them; the home page
    counted every version."""
    root = example_in(tmp_path)
    text = german_kaap_with_a_tag_of_its_own(root, "language-learning", "{en: kaap, fr: kaap-fr}")
    (root / "practices" / "kaap-fr.md").write_text(text.replace("\n---\n", "\nlang: fr\n---\n", 1), encoding="utf-8")
    card = next((root / "toolkit").glob("*.md"))
    card_text = card.read_text(encoding="utf-8")
    card.write_text(card_text.replace("\n---\n", "\ntranslations: {de: card-de}\n---\n", 1), encoding="utf-8")
    front = card_text.split("\n---\n", 1)
    german_card = re.sub(r"\npractices: \[[^\]]*\]", "", front[0]) + "\npractices: [kaap-de]\nlang: de\n" \
        f"translations: {{en: {card.stem}}}\n---\n" + front[1]
    (root / "toolkit" / "card-de.md").write_text(german_card, encoding="utf-8")
    (root / "docs" / "index.md").unlink()  # the generated home page, with its counts
    site = tmp_path / "site"
    result = mkdocs(root, "build", "--site-dir", str(site))
    assert result.returncode == 0, result.stdout + result.stderr

    def page(path: str) -> BeautifulSoup:
        return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")

    row = next(r for r in page("practices").select("article table tbody tr") if r.find("a", href="kaap/"))
    assert sorted(a["href"] for a in row.select(".px-also a")) == ["kaap-de/", "kaap-fr/"]
    assert sorted(a["hreflang"] for a in page("practices/kaap").select(".px-languages a")) == ["de", "fr"]
    tagged = page("tags/only-german")
    assert tagged.find("a", href="../../practices/kaap/") is not None
    assert "1 entry is tagged" in tagged.select_one("article p").text
    cards = page("practices/kaap").find(id="toolkit-cards")
    assert cards is not None and cards.find_parent("h2").find_next("ul").find("a", href=f"../../toolkit/{card.stem}/")
    home = page("").select_one(".px-home").text
    practices = len(list((root / "practices").glob("*.md"))) - 2
    assert f"Good practices: {practices}" in home


def test_a_tag_only_some_versions_carry_is_warned_about(tmp_path: Path) -> None:
    """A tag only the German version carried listed the set's English version on the tag page, whose
    own page showed no such tag, with no message: each version lacking it is told, at its tags."""
    from practice_exchange.content import Sources, load

    root = example_in(tmp_path)
    text = german_kaap_with_a_tag_of_its_own(root, "Language learning", "{en: kaap}")
    _, report = load(Sources(root))
    line = text.split("\n").index(next(x for x in text.split("\n") if x.startswith("tags:"))) + 1
    # `Language learning`, written as its label, is the same tag as `language-learning`: not warned about.
    assert [(p.path, p.line, p.message) for p in report.warnings] == [
        ("practices/kaap.md", line, "its translation `kaap-de` carries `Only German`, which this entry does not;"
         " a set of translations is listed under the tags of any of them: add the same tags to every version")]


def test_the_translated_tags_warning_names_a_few_of_many_versions(tmp_path: Path) -> None:
    """A set of many versions named every other one in each version's message: the first five are named."""
    from practice_exchange.content import Sources, load

    root = example_in(tmp_path)
    german_kaap_with_a_tag_of_its_own(root, "language-learning", "{en: kaap}")
    german = (root / "practices" / "kaap-de.md").read_text(encoding="utf-8")
    for lang in ("es", "fr", "it", "nl", "pl"):
        (root / "practices" / f"kaap-{lang}.md").write_text(german.replace("lang: de", f"lang: {lang}"), "utf-8")
    _, report = load(Sources(root))
    said = [p.message for p in report.warnings if p.path == "practices/kaap.md"]
    assert said == ["its translations `kaap-de`, `kaap-es`, `kaap-fr`, `kaap-it`, `kaap-nl` and 1 more carry"
                    " `Only German`, which this entry does not; a set of translations is listed under the tags of"
                    " any of them: add the same tags to every version"]


def test_in_a_portal_of_another_language_messages_name_the_sections_as_its_authors_head_them(tmp_path: Path) -> None:
    """A German portal's author was told to add `## Transferable ideas` and that markers count under
    `## Key learning points`: English headings on a German page (a review as a German author)."""
    from conftest import copy_portal
    from practice_exchange.content import Sources, load

    root = copy_portal(tmp_path)
    visit = root / "visits" / "2014-01-oslo-lyon.md"
    visit.write_text(visit.read_text(encoding="utf-8").replace("## Transferable ideas", "## Was wir mitnehmen"),
                     encoding="utf-8")
    card = root / "toolkit" / "roundtable.md"
    text = card.read_text(encoding="utf-8")
    card.write_text(text[:text.index("## Steps")] + "## Schritte\n\nErst reden, dann handeln.\n", encoding="utf-8")
    _, report = load(Sources(root, language="de"))
    said = "\n".join(str(p) for p in report.problems)
    assert "the required section `## Übertragbare Ideen` is missing" in said
    assert "rename it `## Übertragbare Ideen`" in said
    assert "counted only under `## Wichtigste Erkenntnisse`, `## Übertragbare Ideen` or" in said
    assert "the `## Schritte` section has no numbered list" in said
    assert "Transferable ideas" not in said and "## Steps" not in said


def test_two_entries_in_one_language_naming_one_translation_are_refused(tmp_path: Path) -> None:
    """Two English practices naming one German translation made one set: one of them went uncounted, and
    the data called it a translation of the other (a hostile review). A set holds one entry per language."""
    from practice_exchange.content import Sources, load

    root = example_in(tmp_path)
    first = sorted((root / "practices").glob("*.md"))[0]
    text = first.read_text(encoding="utf-8").replace("\n---\n", "\ntranslations: {de: zwei}\n---\n", 1)
    first.write_text(text, encoding="utf-8")
    (root / "practices" / "second.md").write_text(text, encoding="utf-8")
    (root / "practices" / "zwei.md").write_text(text.replace("translations: {de: zwei}\n", "lang: de\n"),
                                                encoding="utf-8")
    _, report = load(Sources(root))
    line = text.split("\n").index("translations: {de: zwei}") + 1
    assert [str(problem) for problem in report.errors] == [
        f"practices/second.md:{line}: translations: `{first.stem}` and this entry are both written in `en`, yet they"
        " are in one set of translations (with `zwei`): a set holds one entry per language; name in `translations`"
        " only the versions of this very entry"]


def test_the_heading_links_title_is_the_portals_language_however_toc_is_named_and_in_an_export(
        tmp_path: Path) -> None:
    """`markdown.extensions.toc`, as MkDocs also takes it, kept "Permanent link"; an export's mkdocs.yml did
    not carry the title, so its own pages were titled in English (a hostile review)."""
    from practice_exchange.cli import main

    root = example_in(tmp_path, "de")
    config = root / "mkdocs.yml"
    assert "  - toc:\n" in config.read_text(encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8").replace("  - toc:\n", "  - markdown.extensions.toc:\n"),
                      encoding="utf-8")
    site = built(root, tmp_path)
    article = BeautifulSoup((site / "findings" / "index.html").read_text(encoding="utf-8"), "html.parser").article
    assert {link["title"] for link in article.select("a.headerlink")} == {"Dauerhafter Link"}
    out = tmp_path / "plain"
    assert main(["--root", str(root), "export", str(out)]) == 0
    exported = yaml.safe_load((out / "mkdocs.yml").read_text(encoding="utf-8"))
    toc = next(e for e in exported["markdown_extensions"] if isinstance(e, dict) and "markdown.extensions.toc" in e)
    assert toc["markdown.extensions.toc"] == {"permalink": True, "permalink_title": "Dauerhafter Link"}
