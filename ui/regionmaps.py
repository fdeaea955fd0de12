"""The summary page's region maps: one side's regions coloured by their pairings, the table
that says the same in words, and a click that filters the app to the region clicked.

Imported by the summary page only, as `coopmap.charts` is: the map page's first visitor does
not wait for Altair.
"""

import functools

import streamlit as st

import tables
from coopmap import charts, data, filters, place_names, regionmap
from coopmap.palette import REGION_EDGE

from .language import language, right_to_left, t
from .state import narrow_to_region


def region_map(the_dataset, chosen, side, division):
    """The map of `side`'s regions in `division` for the pairings `chosen`, then its table."""
    names, lang = the_dataset.region_names, language()
    latin = place_names.latin_region(names, division, lang)
    counts = regionmap.per_region(chosen, side, division, latin)
    found = regionmap.classes(counts.pairings.tolist())
    counts["name"] = counts.region.map(place_names.region_label(names, division, lang))
    counts["class"] = [regionmap.class_of(count, found).label for count in counts.pairings]
    classes = list(
        zip(
            (found_class.label for found_class in found),
            regionmap.colours(found, "light"),
            regionmap.colours(found, "dark"),
        )
    )
    region, pairings = t("col_region"), t("col_pairings")
    chart = charts.region_map(
        counts,
        regionmap.outline_url(side, division),
        (region, pairings, pairings),
        classes,
        REGION_EDGE,
        right_to_left(),
    )
    key = f"region_map_{side}"
    st.altair_chart(
        chart,
        key=key,
        on_select=functools.partial(_filter_on_click, the_dataset, side, division, key),
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
    latin = place_names.latin_region(the_dataset.region_names, division, language())
    choices = map(latin, filters.region_options(the_dataset.partnerships, side, division))
    if region in set(choices):
        narrow_to_region(the_dataset, data.SIDES[side], region)
