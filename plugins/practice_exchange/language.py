"""The portal's language: the gettext catalogues that translate every text the plugin draws.

The catalogues are ordinary gettext `.po` files in the package (`locale/<language>/LC_MESSAGES/
messages.po`), extracted with Babel from the templates and the code (`locale/messages.pot`), so
that a network can add a language or correct a word with the translation tools it knows. A folder
of the portal's own catalogues (the plugin option `translations_dir`, laid out the same way or as
`<language>.po`) wins over the package's, message by message. Error messages stay English.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from importlib import resources
from pathlib import Path

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from markupsafe import Markup, escape

from .content.fields import MONTHS, When

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


class Dates:
    """Dates as the portal's language writes them: `15 January 2014` in English, `15. Januar 2014`
    in German (Babel's CLDR data); a range of days, a month alone, a year alone."""

    def __init__(self, language: str | None = None) -> None:
        self.code = base_language(language)

    def long(self, day: dt.date) -> str:
        if self.code == "en":
            return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        return format_date(day, "long", locale=self.code)

    def range(self, start: dt.date, end: dt.date) -> Markup:
        """One day, or the first and last day, as HTML (the dash as `&ndash;`: text in Latin letters
        stays in Python's one-byte strings, which halves what thousands of pages hold)."""
        if start == end:
            return Markup(escape(self.long(start)))
        if self.code != "en":
            return Markup(f"{escape(self.long(start))} &ndash; {escape(self.long(end))}")
        if (start.year, start.month) == (end.year, end.month):
            return Markup(f"{start.day}&ndash;{self.long(end)}")
        if start.year == end.year:
            return Markup(f"{start.day} {MONTHS[start.month - 1]} &ndash; {self.long(end)}")
        return Markup(f"{self.long(start)} &ndash; {self.long(end)}")

    def when(self, when: When) -> str:
        """A date as precise as it is known: `2021`, `July 2021`, `15 July 2021`."""
        if not when.month:
            return str(when.year)
        if not when.day:
            first = dt.date(when.year, when.month, 1)
            return str(when) if self.code == "en" else format_date(first, "LLLL y", locale=self.code)
        return self.long(dt.date(when.year, when.month, when.day))
