"""The pages' tables: Streamlit's grid, or, in a language read right to left, a table that reads
right to left, since the grid (glide-data-grid) has no such mode (glideapps/glide-data-grid#805).

That table is a Streamlit component (st.components.v2, no iframe, nothing fetched): the server
writes it as HTML, every value escaped, and static/table.js sorts it by a click on a heading,
searches it, and sends back the row ticked, as the grid does.
"""

import html
from pathlib import Path

import pandas as pd
import streamlit as st

import ui
from coopmap import sources

STATIC = Path(__file__).resolve().parent / "static"
TABLE_CSS = STATIC / "table.css"

_right_to_left_table = st.components.v2.component(
    "coopmap.table",
    js=(STATIC / "table.js").read_text(encoding="utf-8"),
    isolate_styles=False,  # the page's font and static/table.css, as for the page's own text
)


def show(frame, key=None, *, links=(), index=False, select=False, **options):
    """`frame` as a table to sort and search, its index as its first column if `index`;
    `links`: columns of addresses, shown as links named by their site. With `select`, a row can
    be ticked: returns the positions of the ticked rows (none or one).

    `options` go to st.dataframe, whose grid French and English readers get.
    """
    st.html(TABLE_CSS)
    if ui.right_to_left():
        labels = {"search": ui.t("table_search"), "tick": ui.t("col_tick")}
        data = {"html": table_html(frame, labels, links, index, select)}
        state = _right_to_left_table(
            key=key, data=data, default={"row": None}, on_row_change=lambda: None
        )
        return [] if state.row is None else [state.row]
    for column in links:
        options.setdefault("column_config", {})[column] = st.column_config.LinkColumn(
            display_text=r"https?://(?:www\.)?([^/]+)"
        )
    if select:
        options |= {"on_select": "rerun", "selection_mode": "single-row"}
    event = st.dataframe(frame, key=key, hide_index=not index, **options)
    return list(event.selection.rows) if select else []


def _cell(value, link=False):
    """A cell's text, escaped: an address as a link named by its site; no value, empty."""
    if pd.isna(value):
        return ""
    value = str(value)
    if link and value.startswith(("https://", "http://")):
        site = html.escape(sources.site(value))
        return f'<a href="{html.escape(value)}" target="_blank" rel="noopener">{site}</a>'
    return html.escape(value)


def table_html(frame, labels, links=(), index=False, select=False):
    """`frame` as the HTML that static/table.js makes sortable: a search box, a heading button
    per column, each row's first value as its header, and a box to tick it if `select`.
    `labels`: the words of the search box and of the boxes' column ("search", "tick").
    """
    if index:
        frame = frame.reset_index()
    heads = "".join(
        f'<th scope="col"><button type="button">{html.escape(str(name))}</button></th>'
        for name in frame.columns
    )
    tick = f"<th>{html.escape(labels['tick'])}</th>" if select else ""
    rows = []
    for position, values in enumerate(frame.itertuples(index=False)):
        cells = [_cell(value, name in links) for name, value in zip(frame.columns, values)]
        box = f'<td><input type="checkbox" aria-label="{cells[0]}"></td>' if select else ""
        rows.append(
            f'<tr data-row="{position}">{box}<th scope="row">{cells[0]}</th>'
            + "".join(f"<td>{cell}</td>" for cell in cells[1:])
            + "</tr>"
        )
    search = html.escape(labels["search"])
    return (
        f'<div class="coopmap-table"><input type="search" aria-label="{search}" '
        f'placeholder="{search}"><div class="coopmap-table-scroll"><table><thead><tr>{tick}'
        f"{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table></div></div>"
    )
