"""Dates as the portal's language writes them, through Babel's CLDR data (English as before)."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from markupsafe import Markup, escape

from ..content.fields import MONTHS, When
from ..language import babel_locale, base_language


class Dates:
    """Dates as the portal's language writes them: `15 January 2014` in English, `15. Januar 2014`
    in German (Babel's CLDR data); a range of days, a month alone, a year alone."""

    def __init__(self, language: str | None = None) -> None:
        self.code = base_language(language)
        self.locale = babel_locale(language)  # `zh_Hant` of `zh-Hant`: Babel's, for what it writes

    def long(self, day: dt.date) -> str:
        if self.code == "en":
            return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        return format_date(day, "long", locale=self.locale)

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

    def either(self, value: dt.date | When | tuple[dt.date, dt.date]) -> str:
        """A day (`long`), a date as precise as it is known (`when`), or a first and last day (`range`,
        as text): a visit's days, which the catalogue showed as its first alone (a new user's review)."""
        if isinstance(value, tuple):
            return str(self.range(*value).unescape())
        return self.long(value) if isinstance(value, dt.date) else self.when(value)

    def when(self, when: When) -> str:
        """A date as precise as it is known: `2021`, `July 2021`, `15 July 2021`."""
        if not when.month:
            return str(when.year)
        if not when.day:
            first = dt.date(when.year, when.month, 1)
            return str(when) if self.code == "en" else format_date(first, "LLLL y", locale=self.locale)
        return self.long(dt.date(when.year, when.month, when.day))
