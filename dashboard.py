"""The app: its pages, sidebar and navigation; the map is the home page. `streamlit run app.py`
serves it, warmed (app.py); `streamlit run dashboard.py` runs it too.
"""

import pages_mode

pages_mode.leave_legacy_pages_mode()

import logging

import streamlit as st

import ui
from coopmap import publish, settings


def recovered(data_dir):
    """At every run, before any page reads the data: finish or undo a publish that a killed
    server left half done (coopmap.publish.recover). Replicas share the data folder, so the
    one that died may not be this one; when there is nothing to do, this is one look at the
    folder (66 µs) and writes nothing.
    """
    try:
        publish.recover(data_dir)
    except OSError:  # a read-only folder, say: the next write will recover
        logging.getLogger("coopmap").exception("could not recover the data folder")


st.set_page_config(page_title=ui.t("app_title"), page_icon="static/favicon.png", layout="wide")
recovered(settings.get("data_dir"))
the_dataset = ui.dataset()
ui.read_link(the_dataset)  # before anything is written in the language a link may ask for
MAP = st.Page("pages/map.py", title=ui.t("page_map"), icon=":material/map:", default=True)
TABLE = st.Page("pages/table.py", title=ui.t("page_table"), icon=":material/table:")
SUMMARY = st.Page("pages/summary.py", title=ui.t("page_summary"), icon=":material/bar_chart:")
navigation = st.navigation(
    [
        MAP,
        TABLE,
        SUMMARY,
        st.Page("pages/programme.py", title=ui.t("page_programme"), icon=":material/handshake:"),
        st.Page("pages/expertise.py", title=ui.t("page_expertise"), icon=":material/school:"),
        st.Page("pages/data.py", title=ui.t("page_data"), icon=":material/upload_file:"),
        st.Page("pages/about.py", title=ui.t("page_about"), icon=":material/menu_book:"),
        st.Page("pages/history.py", title=ui.t("page_history"), icon=":material/history:"),
    ],
    position="hidden" if ui.embedded() else "sidebar",  # a partner's site shows the map alone
)
# The app's notices, in one container that is always there (see pages/map.py). The filters
# are drawn on the pages whose pairings they filter: elsewhere they would change nothing.
with st.container():
    ui.sidebar(
        the_dataset,
        filtering=navigation in (MAP, TABLE, SUMMARY) and not ui.loading.unreadable(),
        presenting_here=navigation == MAP and ui.presenting(),
    )
    ui.set_direction()
    ui.say_if_unreadable()
    ui.session_banner()
try:
    navigation.run()
except Exception:  # the last net (st.stop and st.rerun are not Exceptions)
    logging.getLogger("coopmap").exception("unexpected error on a page")
    st.error(ui.t("unexpected_error"))
