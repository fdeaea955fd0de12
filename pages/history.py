"""Every version of the published data: who changed what, and when; restore any of them."""

import pages_mode

pages_mode.leave_legacy_pages_mode()

from pathlib import Path

import streamlit as st

import ui
from coopmap import locales, publish, settings
from coopmap.exc import CoopMapError
from coopmap.text import markdown_escape

data_dir = Path(settings.get("data_dir"))
st.title(ui.t("page_history"))
st.write(ui.t("history_intro"))
editor = ui.editor_panel()

# A restore pressed on the list the editor saw: checked, now, against the data they saw then
# (another change since is not undone blindly) and against their being an editor still.
versions = publish.versions(data_dir)
for version in versions:
    if ui.was_pressed(f"restore-{version.number}"):
        try:
            seen = st.session_state.get(ui.keys.HISTORY_SEEN)
            new = publish.restore(data_dir, version.number, ui.writing_editor(), seen)
        except CoopMapError as error:
            ui.report_write_error(error)
        else:
            st.success(ui.t("restored", number=version.number, new=new.number))
            versions = publish.versions(data_dir)

if not versions:
    st.info(ui.t("no_history"))
    st.stop()
published = st.session_state[ui.keys.HISTORY_SEEN] = ui.published_fingerprint()
for version in reversed(versions):
    title = ui.t(
        "version_title",
        number=version.number,
        kind=ui.t(f"kind_{version.kind}"),
        who=markdown_escape(version.who),
        when=locales.moment(version.moment, ui.language()),
    )
    current = version.fingerprint == published and version is versions[-1]
    with st.expander(title + (" " + ui.t("current_version") if current else ""), expanded=current):
        for key, items in version.summary.items():
            listed = items if isinstance(items, list) else [items]
            st.markdown(
                f"**{ui.t(f'summary_{key}')}** ({ui.number(len(listed))})\n"
                + "\n".join(f"- {markdown_escape(item)}" for item in listed[:200])
            )
        if editor and not current:
            ui.action_button(
                ui.t("restore_button", number=version.number), key=f"restore-{version.number}"
            )
