"""Every string of the interface, in French (the default), English and Arabic, kept as gettext
catalogs.

The strings are in `coopmap/locale/<language>/LC_MESSAGES/coopmap.po`, one catalog per
language, so that a translator works on them with the usual tools (Poedit, Weblate, msgfmt).
A message's id is the key the code asks for (`text("page_map", language)`): pages never hold
literal text. The domain's sentences (a data file's problems, a geocoding outcome) are
`Message`s: English for the command line, said in the reader's language by the pages. In a
catalog other than French, each message carries the French text, the source, as a comment.
Babel reads the catalogs once per process; `pybabel compile -d coopmap/locale -D coopmap`
compiles them as they are. A message about a number of things has gettext's plural forms
(`msgid_plural`, one `msgstr[i]` per form: two in English, three in Babel's French, six in
Arabic), and the standard library's `ngettext` picks the form for its `count`. Labels of
authority types come from data/authority_types.csv, since they belong with the types
themselves.
"""

import gettext
import io
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Self, TypeVar, cast

from babel.messages.catalog import Catalog
from babel.messages.catalog import Message as CatalogMessage
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from . import locales

LANGUAGES = {"fr": "Français", "en": "English", "ar": "العربية"}
DEFAULT_LANGUAGE = "fr"
RIGHT_TO_LEFT = frozenset({"ar"})  # the languages whose pages read right to left
LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "coopmap"
# A message in one language: its text, or the tuple of its plural forms (gettext's msgstr[i]).
Translation = str | tuple[str, ...]


def read_catalog(language: str) -> Catalog:
    """The Babel `Catalog` of `language`, as its .po file holds it."""
    with open(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as f:
        return read_po(f, locale=language, domain=DOMAIN)


def _key(message: CatalogMessage) -> str:
    """A message's key: its id, or for a message with plural forms, its singular id."""
    return message.id if isinstance(message.id, str) else message.id[0]


def _translated(message: CatalogMessage) -> bool:
    forms = message.string if message.pluralizable else (message.string,)
    assert forms is not None  # read_po gives a message with plural forms a tuple of them
    return all(forms) and not message.fuzzy


def _strings(catalogs: Mapping[str, Catalog]) -> dict[str, dict[str, Translation]]:
    """{key: {language: text, or a tuple of plural forms}} for the translated messages of every
    catalog, in the French catalog's order: a message that a catalog lacks, leaves empty or
    marks fuzzy is left out, and `text` falls back to French (tests/test_project.py fails on
    any such message).
    """
    strings: dict[str, dict[str, Translation]] = {
        _key(message): {} for message in catalogs[DEFAULT_LANGUAGE] if message.id
    }
    for language, catalog in catalogs.items():
        for message in catalog:
            if message.id and _key(message) in strings and _translated(message):
                # read_po gives a text, or a tuple of plural forms; never None once translated.
                strings[_key(message)][language] = cast(Translation, message.string)
    return strings


def _translations(catalog: Catalog) -> gettext.GNUTranslations:
    """The catalog compiled, as the standard library's gettext reads it (for `ngettext`)."""
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


_CATALOGS = {language: read_catalog(language) for language in LANGUAGES}
STRINGS = _strings(_CATALOGS)
_GETTEXT = {language: _translations(catalog) for language, catalog in _CATALOGS.items()}


# Unicode's first-strong isolate and its end (U+2068, U+2069): a value put into a sentence read
# right to left keeps its own order, whatever it holds at its ends (a French name ending in a
# bracket, a number then a Latin word), as the Unicode bidirectional algorithm intends.
ISOLATE = "\u2068{}\u2069"


# A right-to-left isolate (U+2067): a list in a right-to-left sentence reads from the right,
# its items (each an isolate) in their own order.
RIGHT_TO_LEFT_ISOLATE = "\u2067{}\u2069"
_T = TypeVar("_T")


def isolated(value: _T, language: str) -> _T | str:
    """`value` as it is, or as an isolate in a language read right to left (see ISOLATE)."""
    return ISOLATE.format(value) if language in RIGHT_TO_LEFT else value


def joined(items: Iterable[str], language: str) -> str:
    """`items` as one text, separated as `language` separates a list ("، " in Arabic)."""
    return text("list_separator", language).join(items)


def text(key: str, /, language: str = DEFAULT_LANGUAGE, **values: object) -> str:
    """The string `key` in `language`, with `values` filled in (isolated, in a language read
    right to left). A message with plural forms takes the form for `count` (a whole number,
    written as the language writes numbers).
    """
    entry = STRINGS[key]
    if isinstance(entry[DEFAULT_LANGUAGE], tuple):
        count = cast(int, values["count"])  # a whole number, as said above
        if language not in entry:
            language = DEFAULT_LANGUAGE
        string = _GETTEXT[language].ngettext(key, key, count)
        values["count"] = locales.number(count, language)
    else:
        # Its French text has no plural forms: neither has its translation.
        string = cast(str, entry.get(language, entry[DEFAULT_LANGUAGE]))
    values = {name: isolated(value, language) for name, value in values.items()}
    return _elide(string, values) if language == "fr" else string.format(**values)


# French drops the vowel of "de" and "que" before a word that starts with a vowel: "Partenaires
# d'Oujda", not "de Oujda". A name from the data fills the placeholder after them. A "y" before
# a vowel is a consonant (de Youssoufia); so is an "h" taken as aspirated, the safe reading of
# the Arabic names (de Hay Hassani).
_ELIDED = re.compile(r"\b([dD]e|[qQ]ue) \{(\w+)\}")
_VOWEL = re.compile(r"[aeiouâàäéèêëîïôöûùüœ]|y(?![aeiouéè])", re.IGNORECASE)


def _elide(string: str, values: Mapping[str, object]) -> str:
    """`string` filled in, with "de {name}" as "d'{name}" where the name starts with a vowel."""

    def elided(match: re.Match[str]) -> str:
        word, name = match.groups()
        starts_with_vowel = _VOWEL.match(str(values.get(name, "")))
        return f"{word[0]}'{{{name}}}" if starts_with_vowel else match.group(0)

    return _ELIDED.sub(elided, string).format(**values)


class Message(str):
    """A sentence of the domain (a data file's problem, a geocoding outcome) that a page can say
    in its reader's language.

    It is its English text, so the command line, logs and tests read it as a string; it also
    keeps its catalog key and values, and `say` writes it in another language. A value may
    itself be a Message (said in the same language) or a list (joined as the language joins
    one).
    """

    key: str  # its catalog key
    values: dict[str, object]  # what fills its placeholders

    def __new__(cls, key: str, /, **values: object) -> Self:
        message = super().__new__(cls, _fill(key, "en", values))
        message.key, message.values = key, values
        return message

    # st.cache_data pickles datasets, and their problems with them
    def __reduce__(self) -> tuple[Callable[..., "Message"], tuple[str, dict[str, object]]]:
        return _message, (self.key, self.values)

    def text(self, language: str) -> str:
        return _fill(self.key, language, self.values)


def _message(key: str, values: dict[str, object]) -> Message:
    return Message(key, **values)


def _fill(key: str, language: str, values: Mapping[str, object]) -> str:
    def said(value: _T) -> _T | str:
        if isinstance(value, Message):
            return value.text(language)
        if isinstance(value, list):
            items = joined((isolated(said(v), language) for v in value), language)
            return RIGHT_TO_LEFT_ISOLATE.format(items) if language in RIGHT_TO_LEFT else items
        return value

    return text(key, language, **{name: said(value) for name, value in values.items()})


def say(message: object, language: str) -> str:
    """`message` in `language` if it can say itself (a `Message`, a data file's `Problem`);
    other text (a library's own error) as it is.
    """
    return message.text(language) if hasattr(message, "text") else str(message)
