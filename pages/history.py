"""Every version of the published data: who changed what, and when; restore any of them."""

import pages_mode

pages_mode.leave_legacy_pages_mode()

from pathlib import Path

import streamlit as st

import ui
from coopmap import publish, settings
from coopmap.exc import CoopMapError
from coopmap.text import markdown_escape

data_dir = Path(settings.get("data_dir"))
st.title(ui.t("page_history"))
st.write(ui.t("history_intro"))
editor = ui.editor_panel()
done = st.session_state.pop("history_done", None)
if done:
    st.success(done)

versions = publish.versions(data_dir)
if not versions:
    st.info(ui.t("no_history"))
    st.stop()
published = ui.published_fingerprint()
for version in reversed(versions):
    title = ui.t(
        "version_title",
        number=version.number,
        kind=ui.t(f"kind_{version.kind}"),
        who=markdown_escape(version.who),
        when=version.when,
    )
    current = version.fingerprint == published and version is versions[-1]
    with st.expander(title + (" " + ui.t("current_version") if current else ""), expanded=current):
        for key, items in version.summary.items():
            listed = items if isinstance(items, list) else [items]
            st.markdown(
                f"**{ui.t(f'summary_{key}')}** ({len(listed)})\n"
                + "\n".join(f"- {markdown_escape(item)}" for item in listed[:200])
            )
        if (
            editor
            and not current
            and ui.pressed(
                ui.t("restore_button", number=version.number), key=f"restore-{version.number}"
            )
        ):
            try:
                new = publish.restore(data_dir, version.number, ui.current_editor(), published)
            except CoopMapError as error:
                ui.report_write_error(error)
            else:
                st.session_state["history_done"] = ui.t(
                    "restored", number=version.number, new=new.number
                )
                st.rerun()
