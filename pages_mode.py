"""Leave Streamlit's legacy multipage mode: the first thing every page does, before the
heavy imports, so that the rerun it may need costs nothing.
"""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager


def leave_legacy_pages_mode():
    """Run every page through dashboard.py's st.navigation, from a server's first session on.

    A folder named pages/ beside the entry point makes Streamlit start each server in its
    legacy multipage mode until some session calls st.navigation: a deep link then runs
    pages/x.py alone (no sidebar, no filters), and the first session's widgets get ids of
    that mode, so its first click on the map is lost. The flag below is the one
    st.navigation itself clears; clearing it before anything is drawn and rerunning puts
    even the first run in the normal mode.

    A rerun forgets which button was pressed (Streamlit's AppTest sets the flag again before
    each of its runs): the app's actions are callbacks (`on_click`), which run before it.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()
