"""What the pages say above their content: the session's list, the counts of a selection, and
the problems of the data files.
"""

import streamlit as st

from coopmap import data, filters, sources
from coopmap.text import markdown_escape

from . import keys
from .language import number, said, t
from .mapglue import type_label


def session_banner():
    """On every page: say that a session list is shown, with the way back."""
    own = st.session_state.get(keys.SESSION_LIST)
    if own:
        st.info(t("using_session_data", name=markdown_escape(own["name"])))
        st.button(
            t("back_to_shipped"),
            key="back_to_shipped",
            on_click=lambda: st.session_state.pop(keys.SESSION_LIST, None),
        )


def metrics(chosen):
    """The three counts of a selection, at the top of the pages that filter."""
    figures = filters.counts(chosen)
    for column, key in zip(st.columns(3), ("pairings", "morocco_places", "france_places")):
        column.metric(t(f"metric_{key}"), number(figures[key]))
    counted = {key: number(n) for key, n in sources.counts(chosen).items()}
    st.caption(t("dated_counts", dated=counted["dated"], undated=counted["undated"]))


SHOWN_PROBLEMS = 200  # a list of 2,000 bad rows is read in the file, not on the screen


def report_notices(problems):
    """The problems of data files, errors (rows left out) apart from warnings: the first
    SHOWN_PROBLEMS of each, and how many more.
    """
    for severity, show, key in (
        ("error", st.error, "data_problems"),
        ("warning", st.warning, "data_notices"),
    ):
        found = [p for p in problems if p.severity == severity]
        if found:
            lines = [f"- {said(problem)}" for problem in found[:SHOWN_PROBLEMS]]
            if len(found) > SHOWN_PROBLEMS:
                lines.append(t("more_problems", count=len(found) - SHOWN_PROBLEMS))
            show(t(key, count=len(found)) + "\n" + "\n".join(lines))


def report_problems(the_dataset):
    """Say which rows were left out and which places have no point yet, and why."""
    report_notices(the_dataset.problems)
    missing = data.unplaced(the_dataset.places)
    if not missing.empty:
        kinds = (type_label(p.country, p.authority_type, the_dataset) for p in missing.itertuples())
        lines = "\n".join(
            f"- {markdown_escape(name)} ({kind})" for name, kind in zip(missing.name, kinds)
        )
        st.warning(t("unplaced_warning", count=len(missing)) + "\n" + lines)
