"""Text helpers: accent-blind matching, and escaping of data text before it reaches a page."""

import html
import re
import unicodedata


def fold(text):
    """Lower-case `text` without accents and with hyphens and apostrophes as spaces.

    So that "fes" finds "Fès" and "saint etienne" finds "Saint-Étienne".
    """
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[\s\-'’`_.]+", " ", bare).strip()


# Applied after html.escape: folium puts popup HTML inside JavaScript template strings, where
# a backtick ends the string, `${` runs code and a backslash escapes the next character.
_JS_TEMPLATE_ENTITIES = {"`": "&#96;", "$": "&#36;", "\\": "&#92;"}


def escape(text):
    """`text` as inert HTML that is also inert inside a JavaScript template string."""
    escaped = html.escape(str(text), quote=True)
    return "".join(_JS_TEMPLATE_ENTITIES.get(c, c) for c in escaped)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def markdown_escape(text):
    """`text` shown literally by Markdown (st.markdown): every special character escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
