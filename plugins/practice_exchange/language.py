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
import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

from babel.core import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

DOMAIN = "messages"
# The languages the package ships a catalogue for; English is the messages themselves.
LANGUAGES = ("en", "de", "fr", "es", "it", "nl", "pt", "pl", "cs", "et", "bg", "sv")


def base_language(language: str | None) -> str:
    """`de` of Material's `de`, `pt-BR` or `pt_BR`; English for none."""
    return (language or "en").replace("_", "-").split("-")[0].lower() or "en"


# Material's codes whose language Babel names otherwise: Material's `ku-IQ` texts are Sorani (Babel's
# `ckb`; its `ku_Arab_IQ` has no names of countries or months), its `pt` European Portuguese (Babel's
# `pt` is Brazil's).
BABEL_NAMES = {"ku-IQ": "ckb", "pt": "pt_PT"}


def babel_locale(language: str | None) -> str:
    """Babel's name for the locale of Material's `language` (`zh_Hant` of `zh-Hant`, `zh_Hant_TW` of
    `zh-TW`, `pt_BR` of `pt-BR`): country names, dates and language names in Traditional Chinese came
    out in Simplified ones. Where Babel knows no more of it than the language, or holds no names for
    it, the base language's; English where Babel knows neither (the build refuses such a language,
    `build.language_problem`)."""
    from babel import Locale, UnknownLocaleError, localedata

    written = language if isinstance(language, str) and language.strip() else "en"
    if base_language(written) == "en":
        return "en"  # without loading Babel's English data, which the plugin does without (4 MiB)
    for name in (BABEL_NAMES.get(written), written.replace("-", "_"), base_language(written)):
        if not name:
            continue
        try:
            locale = Locale.parse(name)
        except (UnknownLocaleError, ValueError):
            continue
        if localedata.exists(str(locale)) and locale.territories:
            return str(locale)
    return "en"


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


def shipped_languages() -> tuple[str, ...]:
    """The languages whose catalogue the package ships (`de`, `fr`, ...)."""
    folder = resources.files("practice_exchange").joinpath("locale")
    return tuple(sorted(entry.name for entry in folder.iterdir() if entry.joinpath("LC_MESSAGES").is_dir()))


@functools.cache
def translated_words(words: tuple[str, ...]) -> dict[str, tuple[str, str]]:
    """Each word's translations in every shipped language (casefolded) -> the word and the language's name
    in English: what an author may write who reads the pages in their language (`Treffen` for `meeting`)."""
    found: dict[str, tuple[str, str]] = {}
    for language in shipped_languages():
        catalogue = _shipped(language)
        for word in words:
            shown = catalogue.gettext(word)
            if shown != word:
                found.setdefault(shown.casefold(), (word, Locale.parse(language).get_display_name("en") or language))
    return found


def own_catalogue(folder: Path, language: str) -> Path | None:
    """The portal's own catalogue for `language` in `folder`, if it has one."""
    for candidate in (folder / language / "LC_MESSAGES" / f"{DOMAIN}.po", folder / f"{language}.po"):
        if candidate.is_file():
            return candidate
    return None


class CatalogueError(Exception):
    """A portal's own catalogue that cannot be used: its file and line, and what to do."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}" if line else f"{path}: {message}")
        self.path, self.line, self.message = path, line, message


PLACEHOLDER_RE = re.compile(r"%\((\w+)\)[sd]")


def _checked(po: Path, language: str, root: Path | None = None) -> bytes:
    """A portal's own catalogue, each translation giving the values its message gives, no other: a
    `%(name)s` the page does not fill would stop the build halfway."""
    shown = str(po.relative_to(root)) if root is not None and po.is_relative_to(root) else str(po)
    try:
        data = po.read_bytes()
        catalog = read_po(io.BytesIO(data), locale=language, domain=DOMAIN, abort_invalid=True)
    except (OSError, ValueError, PoFileError) as exc:
        raise CatalogueError(shown, getattr(exc, "lineno", None),
                             f"cannot be read as a gettext catalogue ({exc}); check it with a PO editor") from None
    for message in catalog:
        if not message.id or not message.string:
            continue
        ids = [str(text) for text in (message.id if isinstance(message.id, tuple) else (message.id,))]
        given = set(PLACEHOLDER_RE.findall(" ".join(ids)))
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for string in (str(text) for text in strings):
            extra = sorted(set(PLACEHOLDER_RE.findall(string)) - given)
            if extra:
                listed = ", ".join(f"%({name})s" for name in sorted(given)) or "none"
                raise CatalogueError(shown, message.lineno,
                                     f"the translation of `{ids[0][:60]}` uses %({extra[0]})s, which the message"
                                     f" does not give; the values it gives are: {listed}")
            # A page fills in every text it shows, one without values too (Jinja's `_()`): a lone `%`
            # stopped the build on that page while `check` passed it (a hostile review).
            try:
                string % {name: 1 for name in given}
            except (KeyError, TypeError, ValueError):
                raise CatalogueError(shown, message.lineno,
                                     f"the translation of `{ids[0][:60]}` has a `%` the page cannot fill in;"
                                     " write `%%` for a percent sign") from None
            # A translation goes into a page as the theme's own text, markup and all: it may hold the
            # markup its message holds (a `<code>`, the link to the workbook), nothing else, or a
            # `<script>` in it ran on every page that shows it (a review of the session's change).
            extra_markup = sorted(_markup(string) - _markup(" ".join(ids))) if ids[0] in _as_html() else []
            if extra_markup:
                raise CatalogueError(shown, message.lineno,
                                     f"the translation of `{ids[0][:60]}` holds markup its message does not"
                                     f" (`{extra_markup[0][:60]}`), which a page would run as its own; write it as"
                                     " text, with only the message's own markup")
    return data


class _Tags(HTMLParser):
    """The elements of a text, each with its attributes and their values, as a browser would read them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.add(" ".join([f"<{tag}", *sorted(f"{name}={value or ''}" for name, value in attrs)]) + ">")

    def handle_comment(self, data: str) -> None:
        self.found.add("<!--")

    def handle_decl(self, decl: str) -> None:
        self.found.add(f"<!{decl}>")

    def unknown_decl(self, data: str) -> None:
        self.found.add(f"<![{data}]>")

    def handle_pi(self, data: str) -> None:
        self.found.add(f"<?{data}>")


@functools.cache
def _as_html() -> frozenset[str]:
    """The messages the page templates show as they are, markup and all (Jinja's `_()` and `trans`):
    those the package's template catalogue finds in `templates/`. The others are text, escaped
    where they land (`Defaults to '<Visitor> visiting <Host>'` is shown with its brackets)."""
    pot = resources.files("practice_exchange").joinpath("locale").joinpath("messages.pot")
    catalog = read_po(io.BytesIO(pot.read_bytes()))
    return frozenset(str(m.id[0] if isinstance(m.id, tuple) else m.id) for m in catalog
                     if m.id and any(place.startswith("templates/") for place, _ in m.locations))


def _markup(text: str) -> set[str]:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser.found


def translations(language: str | None, own: Path | None = None, root: Path | None = None) -> NullTranslations:
    """The translations of the portal's language: the package's, with the portal's own over them.

    Raises `CatalogueError` for a portal's own catalogue that cannot be used, named from `root`."""
    code = base_language(language)
    shipped = _shipped(code)
    found = own_catalogue(own, code) if own is not None else None
    if found is None:
        return shipped
    merged = Translations(domain=DOMAIN)
    if isinstance(shipped, Translations):
        merged.merge(shipped)
    merged.merge(_compiled(_checked(found, code, root), code))
    return merged



def plural_forms(gettext: NullTranslations, language: str | None, singular: str, plural: str) -> dict[str, str]:
    """A message's translated forms by CLDR plural category (`one`, `few`, `other`, ...), for a script
    that counts in the browser and picks the form with `Intl.PluralRules`, which speaks CLDR too."""
    locale = Locale.parse(babel_locale(language))
    forms: dict[str, str] = {}
    for number in range(0, 200):
        category = locale.plural_form(number)
        if category not in forms:
            forms[category] = gettext.ngettext(singular, plural, number)
    return forms
