"""Buttons whose press is kept by a callback, for the run it starts."""

import streamlit as st

from . import keys


def action_button(label, key, **options):
    """A button whose press is noted by a callback, which runs before the script: it survives
    a rerun (the first run of a server's first session reruns, see pages_mode.py), where a
    button's own return value would be lost. `was_pressed(key)` tells.
    """
    flag = keys.PRESSED.format(button=key)
    st.button(label, key=key, on_click=lambda: st.session_state.update({flag: True}), **options)


def was_pressed(key):
    """Whether the action button `key` was pressed for this run (asked once)."""
    return st.session_state.pop(keys.PRESSED.format(button=key), False)


def pressed(label, key, **options):
    """An action button, and whether it was pressed for this run."""
    action_button(label, key, **options)
    return was_pressed(key)
