"""The summary page's region maps: one side's regions coloured by their pairings, the table
that says the same in words, and a click that filters the app to the region clicked.

Imported by the summary page only, as `coopmap.charts` is: the map page's first visitor does
not wait for Altair.
"""

import functools

import streamlit as st

import tables
from coopmap import charts, data, place_names, regionmap

from .language import language, right_to_left, t
from .sidebar import region_choices
from .state import narrow_to_region


def region_map(the_dataset, chosen, side, division):
    """The map of `side`'s regions in `division` for the pairings `chosen`, then its table."""
    names, lang = the_dataset.region_names, language()
    latin = place_names.latin_region(names, division, lang)
    label = place_names.region_label(names, division, lang)
    counts, legend = regionmap.map_data(chosen, side, division, latin, label)
    region, pairings = t("col_region"), t("col_pairings")
    urls = (regionmap.outline_url(side, division), regionmap.land_url(side))
    spec = charts.region_map(counts, urls, (region, pairings, pairings), legend, right_to_left())
    # A key per filter of the side: the chart keeps a click's selection, and after the filter
    # is cleared (in the sidebar), the same click would then change nothing and do nothing.
    key = f"region_map_{side}:" + "|".join(st.session_state.get(f"{side}_regions") or [])
    st.vega_lite_chart(
        spec=spec,
        key=key,
        on_select=functools.partial(_filter_on_click, the_dataset, side, division, key),
        selection_mode="region",  # a click; the region under the pointer reruns nothing
        width="stretch",
    )
    shown = counts[counts.pairings > 0][["name", "pairings"]]
    tables.show(shown.set_axis([region, pairings], axis=1), key=f"counts_{side}")


def _filter_on_click(the_dataset, side, division, key):
    """A region clicked: the app filtered to it, as the sidebar's filter would (a callback, so
    the run it starts draws the filter, and writes the address, with it). A region no pairing
    of the data lies in is not among the filter's choices: its click changes nothing.
    """
    picked = st.session_state[key].selection.get("region") or []
    if not picked:
        return
    region = picked[0]["region"]
    if region in region_choices(the_dataset, side, division, language()):
        narrow_to_region(the_dataset, data.SIDES[side], region)
