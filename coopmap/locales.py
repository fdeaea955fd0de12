"""Numbers and dates as each language of the interface writes them, by Babel (CLDR).

French as in France (12 000, 3 décembre 2026), English as in the United Kingdom (12,000,
3 December 2026), Arabic as in Morocco (12.000, 3 دجنبر 2026: Latin digits and the Moroccan
month names, as Moroccan administrations write them).
"""

import datetime

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal

LOCALES = {"fr": "fr_FR", "en": "en_GB", "ar": "ar_MA"}


def number(value: int, language: str) -> str:
    """A whole number, its thousands grouped as `language` groups them."""
    return format_decimal(value, locale=LOCALES[language])


def date(value: datetime.date, language: str) -> str:
    """A day, written out as `language` writes it."""
    return format_date(value, format="long", locale=LOCALES[language])


def moment(value: datetime.datetime, language: str) -> str:
    """A moment (a datetime with its time zone), day, time and zone written out as `language`
    writes them: the history of versions, read in Rabat or in Paris.
    """
    return format_datetime(value, format="long", tzinfo=value.tzinfo, locale=LOCALES[language])
