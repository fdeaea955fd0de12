"""The reader's language: its words, its numbers and its direction on the page."""

from pathlib import Path

import streamlit as st

from coopmap import catalog, locales
from coopmap.catalog import DEFAULT_LANGUAGE, RIGHT_TO_LEFT, say, text
from coopmap.text import markdown_escape

from . import keys

ARABIC_CSS = Path(__file__).resolve().parent.parent / "static" / "arabic.css"


def language():
    # A segmented control can be emptied by a second click: fall back to the default.
    return st.session_state.get(keys.LANGUAGE) or DEFAULT_LANGUAGE


def t(key, **values):
    return text(key, language(), **values)


def joined(items):
    """A list as the interface's language separates one ("، " in Arabic)."""
    return catalog.joined(items, language())


def said(message):
    """A data file's problem, a refused file or a geocoding outcome, in the interface's
    language and escaped for Markdown (its words come from the data files).
    """
    return markdown_escape(say(message, language()))


def number(value):
    """A count as the interface's language writes it (12 000, 12,000, 12.000)."""
    return locales.number(value, language())


def right_to_left():
    """Whether the interface's language reads right to left (Arabic)."""
    return language() in RIGHT_TO_LEFT


def set_direction():
    """The page's language and direction on `<html>`, where Streamlit writes "en" whatever the
    page says (streamlit/streamlit#15726): a screen reader chooses its voice from it (WCAG
    3.1.1). A language read right to left also turns the page (static/arabic.css), and brings
    its font.
    """
    direction = "rtl" if right_to_left() else "ltr"  # the language is a code of LANGUAGES
    st.sidebar.html(  # the script's own place takes no room (nor the main area's gap)
        '<style>[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script)'
        "{display: none}</style>"
        f'<script>Object.assign(document.documentElement, {{lang: "{language()}", '
        f'dir: "{direction}"}})</script>',
        unsafe_allow_javascript=True,
    )
    if right_to_left():
        st.html(ARABIC_CSS)
