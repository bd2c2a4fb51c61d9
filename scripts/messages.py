"""Extract the plugin's texts into locale/messages.pot and bring every shipped catalogue up to date.

    python scripts/messages.py            # after changing a text in a template or the code

New messages arrive in each `locale/<language>/LC_MESSAGES/messages.po` untranslated, for a
translator to fill in; `tests/test_language.py` fails until every catalogue has them all.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "practice_exchange"
LOCALE = PACKAGE / "locale"
sys.path.insert(0, str(PACKAGE.parent))

from practice_exchange.language import DOMAIN, LANGUAGES  # noqa: E402

FIXED = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)


def template() -> Catalog:
    """Every message of the templates and the code, with where it is used."""
    with open(LOCALE / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    catalog = Catalog(project="practice-exchange", domain=DOMAIN, fuzzy=False, creation_date=FIXED,
                      revision_date=FIXED)
    # A field's description, the fourth argument of `Field(...)`, is shown on the exports page.
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "N_": None, "plural_forms": (1, 2), "Np_": (1, 2),
                "Field": (4,)}
    for filename, lineno, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map, options_map, keywords=keywords, strip_comment_tags=True):
        catalog.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return catalog


def main() -> None:
    pot = template()
    with open(LOCALE / f"{DOMAIN}.pot", "wb") as out:
        write_po(out, pot, width=100, sort_output=True, omit_header=True, include_lineno=False)
    for language in LANGUAGES:
        if language == "en":
            continue
        path = LOCALE / language / "LC_MESSAGES" / f"{DOMAIN}.po"
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_file():
            with open(path, "rb") as existing:
                catalog = read_po(existing, locale=language, domain=DOMAIN)
        else:
            catalog = Catalog(locale=language, domain=DOMAIN, project="practice-exchange", fuzzy=False,
                              creation_date=FIXED, revision_date=FIXED)
        catalog.update(pot, no_fuzzy_matching=True)
        catalog.creation_date = FIXED  # the same files for the same messages
        with open(path, "wb") as out:
            write_po(out, catalog, width=100, sort_output=True, include_lineno=False, ignore_obsolete=True)
        print(f"{path.relative_to(PACKAGE.parent.parent)}: {len(pot)} messages")


if __name__ == "__main__":
    main()
