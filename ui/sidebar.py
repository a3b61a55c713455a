"""The sidebar of assumptions every figure rests on, drawn first on every page.

Drawing it also begins the run: the directory version is read once (``cache.begin_run``), the URL is
read into the widgets (``url_state.init_view``) and the view the page lays out is returned.
"""

from __future__ import annotations

import streamlit as st

from coverage.model import ranges
from coverage.model.assumptions import BIRTHS_BASES, COST_PER_TEAM_YEAR, FAMILIES_PER_TEAM, PREVALENCE
from coverage.model.directory import CONFIDENCES, KIND_LABELS, KINDS
from coverage.present import query, vintage
from coverage.present.text import md
from ui import cache, chrome
from ui.inputs import number_in
from ui.legacy_pages import leave_legacy_pages_mode
from ui.url_state import SINCE_CHOICES, SINCE_LABEL, current_view, init_view, reset, since_words

DATA_VINTAGE = "Population: {population}. Boundaries: 2017 to 2024. Team directory: partial, from public sources."


def sidebar() -> query.View:
    """The assumptions every figure rests on, editable, with where each default comes from."""
    leave_legacy_pages_mode()
    cache.begin_run()
    st.html(chrome.FOCUS_CSS)
    init_view()
    with st.sidebar:
        chrome.copy_link()
        st.header("Assumptions")
        prev_low, prev_high, prev_step = ranges.PREVALENCE.percent()
        st.slider(
            "Babies needing specialised help (% of births)",
            prev_low,
            prev_high,
            step=prev_step,
            key="prev",
            format="%.1f%%",
            help="Defaults: " + "; ".join(f"{k} {v.value:.0%} ({v.source})" for k, v in PREVALENCE.items()),
        )
        st.caption(" · ".join(f"{k}: {v.value:.0%}" for k, v in PREVALENCE.items()) + " (see Methods)")
        number_in(
            st,
            "Families a year per team, where a team's own figure is unknown",
            ranges.FAMILIES_PER_YEAR,
            key="fpt",
            help=FAMILIES_PER_TEAM["central"].label + " (" + FAMILIES_PER_TEAM["central"].source + ")",
        )
        number_in(
            st,
            "Cost per team a year (£)",
            ranges.COST_PER_TEAM_YEAR,
            key="cost",
            help="Defaults: "
            + "; ".join(f"{k} £{v.value:,.0f} ({v.label}; {v.source})" for k, v in COST_PER_TEAM_YEAR.items()),
        )
        st.caption(
            " · ".join(f"{k}: £{v.value / 1000:,.0f}k" for k, v in COST_PER_TEAM_YEAR.items()) + " (see Methods)"
        )
        st.radio("Births basis", list(BIRTHS_BASES), key="births", format_func=BIRTHS_BASES.get)
        target_low, target_high, target_step = ranges.TARGET_REACH.whole_percent()
        st.slider(
            "Target reach (% of need)",
            target_low,
            target_high,
            step=target_step,
            key="target",
            format="%d%%",
            help="Used for 'teams needed' and for the 'meets target' status",
        )
        with st.expander("Which listings count"):
            st.multiselect("Kinds of service", list(KINDS), key="kinds", format_func=KIND_LABELS.get)
            st.multiselect("Confidence", list(CONFIDENCES), key="conf")
            st.checkbox("Count services whose current status is unknown", key="unknown")
            st.selectbox(
                SINCE_LABEL,
                SINCE_CHOICES,
                key="since",
                format_func=since_words,
                help="A team's evidence year is the latest year a dated source shows it working: the date its "
                "listing was last checked, or the year it started. Choose a year to leave out teams whose latest "
                "evidence is older, and teams with no dated evidence at all.",
            )
        st.button("Reset assumptions", on_click=reset, width="stretch")
        st.caption(md(DATA_VINTAGE.format(population=vintage.population_label(cache.atlas().manifest))))
    for message in st.session_state.pop("_view_messages", []):
        st.warning(message, icon="⚠️")
    view = current_view()
    if view.assumptions.problems():
        st.error("; ".join(view.assumptions.problems()))
    return view
