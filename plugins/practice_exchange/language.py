"""The portal's language: the gettext catalogues that translate every text the plugin draws.

The catalogues are ordinary gettext `.po` files in the package (`locale/<language>/LC_MESSAGES/
messages.po`), extracted with Babel from the templates and the code (`locale/messages.pot`), so
that a network can add a language or correct a word with the translation tools it knows. A folder
of the portal's own catalogues (the plugin option `translations_dir`, laid out the same way or as
`<language>.po`) wins over the package's, message by message. Error messages stay English.
"""

from __future__ import annotations

import functools
import io
from importlib import resources
from pathlib import Path

from babel.core import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

DOMAIN = "messages"
# The languages the package ships a catalogue for; English is the messages themselves.
LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "cs", "et", "bg", "sv")


def base_language(language: str | None) -> str:
    """`de` of Material's `de`, `pt-BR` or `pt_BR`; English for none."""
    return (language or "en").replace("_", "-").split("-")[0].lower() or "en"


def _compiled(po: bytes, locale: str) -> Translations:
    """A `.po` file read and compiled in memory: no binary `.mo` file in the repository."""
    catalog = read_po(io.BytesIO(po), locale=locale, domain=DOMAIN)
    mo = io.BytesIO()
    write_mo(mo, catalog, use_fuzzy=False)
    mo.seek(0)
    return Translations(mo, domain=DOMAIN)


@functools.cache
def _shipped(language: str) -> NullTranslations:
    po = resources.files("practice_exchange").joinpath("locale").joinpath(language).joinpath(
        "LC_MESSAGES").joinpath(f"{DOMAIN}.po")
    if not po.is_file():
        return NullTranslations()
    return _compiled(po.read_bytes(), language)


def own_catalogue(folder: Path, language: str) -> Path | None:
    """The portal's own catalogue for `language` in `folder`, if it has one."""
    for candidate in (folder / language / "LC_MESSAGES" / f"{DOMAIN}.po", folder / f"{language}.po"):
        if candidate.is_file():
            return candidate
    return None


def translations(language: str | None, own: Path | None = None) -> NullTranslations:
    """The translations of the portal's language: the package's, with the portal's own over them."""
    code = base_language(language)
    shipped = _shipped(code)
    found = own_catalogue(own, code) if own is not None else None
    if found is None:
        return shipped
    merged = Translations(domain=DOMAIN)
    if isinstance(shipped, Translations):
        merged.merge(shipped)
    merged.merge(_compiled(found.read_bytes(), code))
    return merged



def plural_forms(gettext: NullTranslations, language: str | None, singular: str, plural: str) -> dict[str, str]:
    """A message's translated forms by CLDR plural category (`one`, `few`, `other`, ...), for a script
    that counts in the browser and picks the form with `Intl.PluralRules`, which speaks CLDR too."""
    locale = Locale.parse(base_language(language))
    forms: dict[str, str] = {}
    for number in range(0, 200):
        category = locale.plural_form(number)
        if category not in forms:
            forms[category] = gettext.ngettext(singular, plural, number)
    return forms
