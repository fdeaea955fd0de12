"""Text helpers: accent-blind matching, and escaping of data text before it reaches a page."""

import html
import re
import unicodedata

# Abbreviations of French and Moroccan place names, as people type them.
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "sts": "saints", "stes": "saintes"}
_WORD = re.compile(r"\b(" + "|".join(ABBREVIATIONS) + r")\b")


# Arabic letters written in more than one way: alef maqsura and Persian yeh as yeh, teh
# marbuta as heh, alef wasla as alef, Persian kaf as kaf; the tatweel (a stretch) goes.
_ARABIC_VARIANTS = str.maketrans({"ى": "ي", "ی": "ي", "ة": "ه", "ٱ": "ا", "ک": "ك", "ـ": None})


def fold(text: object) -> str:
    """Lower-case `text` without accents, with hyphens and apostrophes as spaces and
    abbreviations written out: the one matcher of the search and the place picker.

    So that "fes" finds "Fès", and "st etienne" and "saint etienne" find "Saint-Étienne". In
    Arabic script, the decomposition takes the hamza off its carrier (أ إ آ as ا, ؤ as و, ئ as
    ي) and the vowel marks away, and `_ARABIC_VARIANTS` does the rest: "اكادير" finds
    "أكادير", and "مَرَّاكُش" or "مراكـش" finds "مراكش".
    """
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = bare.translate(_ARABIC_VARIANTS)
    spaced = re.sub(r"[\s\-'’`_.]+", " ", bare).strip()
    return _WORD.sub(lambda match: ABBREVIATIONS[match.group(1)], spaced)


# Applied after html.escape: folium puts popup HTML inside JavaScript template strings, where
# a backtick ends the string, `${` runs code and a backslash escapes the next character.
_JS_TEMPLATE_ENTITIES = {"`": "&#96;", "$": "&#36;", "\\": "&#92;"}


def escape(text: object) -> str:
    """`text` as inert HTML that is also inert inside a JavaScript template string."""
    escaped = html.escape(str(text), quote=True)
    return "".join(_JS_TEMPLATE_ENTITIES.get(c, c) for c in escaped)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def markdown_escape(text: object) -> str:
    """`text` shown literally by Markdown (st.markdown): every special character escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
