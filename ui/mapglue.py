"""What the map needs from the session: its words, its base map, a pairing's sources, and the
names of authority types as each country names them.
"""

from pathlib import Path

import streamlit as st

from coopmap import data, mapview, settings, sources
from coopmap.text import markdown_escape

from . import keys
from .language import language, right_to_left, t

STATIC = Path(__file__).resolve().parent.parent / "static"
PRESENTATION_CSS = STATIC / "presentation.css"
MAP_PAGE_CSS = STATIC / "map_page.css"
EMBED_CSS = STATIC / "embed.css"


def type_labels(the_dataset, lang=None):
    """{(country, authority type): its name in that country}, in the reader's language."""
    return data.type_labels(the_dataset.authority_types, lang or language())


def type_label(country, kind, the_dataset, lang=None):
    """An authority type as its `country` names it, in the reader's language."""
    return type_labels(the_dataset, lang).get((country, kind), kind)


def map_labels(the_dataset):
    """The translated texts the map needs, in the shape `mapview` expects."""
    keys = (
        "legend_title",
        "legend_size",
        "level_town",
        "level_territory",
        "country_MA",
        "country_FR",
        "online_basemap",
        "offline_basemap",
        "basemap",
        "partners",
        "source",
        "approximate",
        "legend_requests",
        "legend_requests_size",
        "year",
        "year_unknown",
        "agreement",
        "sources_label",
        "list_separator",
    )
    keys += mapview.SHARE_LABELS + mapview.STEP_LABELS + mapview.TIMELINE_LABELS
    keys += mapview.CONTROL_LABELS
    # The language too: the map says counts ("3 partenaires") in its plural forms.
    labels = {key: t(key) for key in keys} | {"language": language()}
    labels["types"] = data.type_labels(the_dataset.authority_types, language())
    agreements = the_dataset.agreement_kinds
    labels["kinds"] = dict(zip(agreements.agreement_kind, agreements[f"label_{language()}"]))
    return labels


def source_links(pairing):
    """Where a pairing comes from, under its map: the 2013 presentation's line, and a link to
    each public page (the address as written in sources.csv; as its text, its site and as
    much of its path as tells it from the pairing's other pages).
    """
    lines = []
    if pairing.source_text:
        lines.append("- " + t("source_quoted", text=markdown_escape(pairing.source_text)))
    urls = list(filter(None, pairing.source_urls.split("\n")))
    for url, label in zip(urls, sources.link_labels(urls)):
        lines.append(f"- [{markdown_escape(label)}]({url.replace(')', '%29').replace(' ', '%20')})")
    if lines:
        st.markdown(f"**{t('col_sources')}**\n" + "\n".join(lines))


def base_map(labels, legend, share=False, present=False):
    """The offline-first base map with `legend`, in the basemap mode chosen in the sidebar.

    The map follows the app's light or dark theme by itself (static/map/look.js).
    """
    fmap = mapview.base_map(
        labels,
        mode=st.session_state.get(keys.BASEMAP) or settings.get("basemap"),
        tiles={
            "light": (settings.get("tiles_url"), settings.get("tiles_attribution")),
            "dark": (settings.get("tiles_url_dark"), settings.get("tiles_attribution_dark")),
        },
        present=present,
        share=share,
        rtl=right_to_left(),
    )
    legend.add_to(fmap)
    return fmap
