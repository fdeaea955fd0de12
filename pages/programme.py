"""The joint programme as the source describes it: figures, aims, strands, priorities, contacts."""

import pages_mode

pages_mode.leave_legacy_pages_mode()

import streamlit as st

import ui
from coopmap import programme
from coopmap.text import markdown_escape

the_dataset = ui.dataset()
the_programme = ui.the_programme()
language = ui.language()
figures = the_programme.figures

st.title(ui.t("page_programme"))
ui.report_notices(the_programme.notices)
st.header(ui.t("programme_figures"))

# Each figure is a card: the number, then its label in full, both wrapping (st.metric holds
# one line of each, and cut "plus de 250" and the longer labels mid-word).
for row in (
    ("rank_mediterranean", "rank_world", "partnership_relations", "projects_listed"),
    ("relations_communes_groupings", "relations_departements", "relations_regions"),
    ("projects_validated", "expertise_requests", "requesting_authorities"),
):
    for column, figure in zip(st.columns(4), row):
        with column.container(border=True, height="stretch"):
            st.subheader(programme.shown_value(figures, figure, language), anchor=False)
            st.markdown(markdown_escape(figures[f"label_{language}"][figure]))

st.info(ui.t("coverage", **programme.coverage(the_programme, the_dataset.partnerships)))

items = the_programme.items
for section in programme.SECTIONS:
    st.subheader(ui.t(f"section_{section}"))
    lines = [
        "    " * (item.depth - 1) + "- " + markdown_escape(getattr(item, f"text_{language}"))
        for item in items[items.section == section].itertuples()
    ]
    st.markdown("\n".join(lines))

st.subheader(ui.t("contacts"))
contacts = the_programme.contacts
st.table(
    {
        ui.t(f"col_{column}"): contacts[source].map(markdown_escape)
        for column, source in (
            ("name", "name"),
            ("role", f"role_{language}"),
            ("phone", "phone"),
            ("email", "email"),
        )
    },
    hide_index=True,
)
st.caption(ui.t("source_note") + " " + ui.t("translation_note"))
