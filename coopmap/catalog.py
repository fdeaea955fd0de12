"""Every string of the interface, in French (the default), English and Arabic, kept as gettext
catalogs.

The strings are in `coopmap/locale/<language>/LC_MESSAGES/coopmap.po`, one catalog per
language, so that a translator works on them with the usual tools (Poedit, Weblate, msgfmt).
A message's id is the key the code asks for (`text("page_map", language)`): pages never hold
literal text. The domain's sentences (a data file's problems, a geocoding outcome) are
`Message`s: English for the command line, said in the reader's language by the pages. In a
catalog other than French, each message carries the French text, the source, as a comment.
Babel reads the catalogs once per process; `pybabel compile -d coopmap/locale -D coopmap`
compiles them as they are. Labels of authority types come from data/authority_types.csv,
since they belong with the types themselves.
"""

from pathlib import Path

from babel.messages.pofile import read_po

LANGUAGES = {"fr": "Français", "en": "English", "ar": "العربية"}
DEFAULT_LANGUAGE = "fr"
RIGHT_TO_LEFT = frozenset({"ar"})  # the languages whose pages read right to left
LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "coopmap"


def read_catalog(language):
    """The Babel `Catalog` of `language`, as its .po file holds it."""
    with open(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as f:
        return read_po(f, locale=language, domain=DOMAIN)


def _strings():
    """{key: {language: text}} for the translated messages of every catalog, in the French
    catalog's order: a message that a catalog lacks, leaves empty or marks fuzzy is left out,
    and `text` falls back to French (tests/test_project.py fails on any such message).
    """
    catalogs = {language: read_catalog(language) for language in LANGUAGES}
    strings = {message.id: {} for message in catalogs[DEFAULT_LANGUAGE] if message.id}
    for language, catalog in catalogs.items():
        for message in catalog:
            if message.id in strings and message.string and not message.fuzzy:
                strings[message.id][language] = message.string
    return strings


STRINGS = _strings()


# Unicode's first-strong isolate and its end (U+2068, U+2069): a value put into a sentence read
# right to left keeps its own order, whatever it holds at its ends (a French name ending in a
# bracket, a number then a Latin word), as the Unicode bidirectional algorithm intends.
ISOLATE = "\u2068{}\u2069"


# A right-to-left isolate (U+2067): a list in a right-to-left sentence reads from the right,
# its items (each an isolate) in their own order.
RIGHT_TO_LEFT_ISOLATE = "\u2067{}\u2069"


def isolated(value, language):
    """`value` as it is, or as an isolate in a language read right to left (see ISOLATE)."""
    return ISOLATE.format(value) if language in RIGHT_TO_LEFT else value


def text(key, language=DEFAULT_LANGUAGE, **values):
    """The string `key` in `language`, with `values` filled in (isolated, in a language read
    right to left).
    """
    entry = STRINGS[key]
    values = {name: isolated(value, language) for name, value in values.items()}
    return entry.get(language, entry[DEFAULT_LANGUAGE]).format(**values)


class Message(str):
    """A sentence of the domain (a data file's problem, a geocoding outcome) that a page can say
    in its reader's language.

    It is its English text, so the command line, logs and tests read it as a string; it also
    keeps its catalog key and values, and `say` writes it in another language. A value may
    itself be a Message (said in the same language) or a list (joined as the language joins
    one).
    """

    def __new__(cls, key, **values):
        message = super().__new__(cls, _fill(key, "en", values))
        message.key, message.values = key, values
        return message

    def __reduce__(self):  # st.cache_data pickles datasets, and their problems with them
        return _message, (self.key, self.values)

    def text(self, language):
        return _fill(self.key, language, self.values)


def _message(key, values):
    return Message(key, **values)


def _fill(key, language, values):
    def said(value):
        if isinstance(value, Message):
            return value.text(language)
        if isinstance(value, list):
            items = text("list_separator", language).join(
                isolated(said(v), language) for v in value
            )
            return RIGHT_TO_LEFT_ISOLATE.format(items) if language in RIGHT_TO_LEFT else items
        return value

    return text(key, language, **{name: said(value) for name, value in values.items()})


def say(message, language):
    """`message` in `language` if it can say itself (a `Message`, a data file's `Problem`);
    other text (a library's own error) as it is.
    """
    return message.text(language) if hasattr(message, "text") else str(message)
