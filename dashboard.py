"""Entry point: `streamlit run dashboard.py`. The map is the home page."""

import streamlit as st

import ui

st.set_page_config(page_title=ui.t("app_title"), page_icon=":material/map:", layout="wide")
the_dataset, _ = ui.dataset()
ui.sidebar(the_dataset)
navigation = st.navigation(
    [
        st.Page("pages/map.py", title=ui.t("page_map"), icon=":material/map:", default=True),
        st.Page("pages/about.py", title=ui.t("page_about"), icon=":material/menu_book:"),
    ]
)
navigation.run()
