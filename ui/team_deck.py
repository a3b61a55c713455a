"""The team map (Team directory) and the team locator (Check a listing), each with its table twin.

Layout only: markers, lines, the status underlay and the table come from coverage.present.team_map.
deck.gl's bundle (about 0.8 MB gzipped) loads only on pages that draw a deck.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from coverage.model.assumptions import Assumptions
from coverage.model.placement import PLACEMENT_RULE
from coverage.model.service_count import count_services
from coverage.present import team_map
from coverage.present.metrics import format_value
from ui import cache, chrome

HEIGHT = 560
LOCATOR_HEIGHT = 380
OPEN_KEY = "_team_map_open"
TWIN_KEY = "team_map_table_open"


def _legend(markers: pd.DataFrame, found: pd.DataFrame, assumptions: Assumptions) -> None:
    """The key: a swatch per marker class (fixed markup, no listing text), then what size means."""
    counts = markers["marker_class"].value_counts() if len(markers) else pd.Series(dtype=int)
    chrome.colour_key(
        "Markers",
        [(f"{label} ({int(counts.get(key, 0))})", colour) for key, (label, colour) in team_map.MARKER_CLASSES.items()],
    )
    chrome.colour_key("Evidence", team_map.evidence_key(markers, cache.evidence_start()))
    chrome.colour_key("Councils underneath, by coverage status", list(team_map.STATUS_COLOURS.items()))
    st.caption(
        f"Of the listings shown, {count_services(found, assumptions).words()} (the count every page shows). "
        "Marker colours show each listing's kind, so an unconfirmed or closed team has its own colour."
    )
    st.caption(
        "Marker area is proportional to families a year. A filled disc is a published figure; a ring with a pale "
        "centre is the assumed figure for a team that publishes none."
    )


def _remember_click() -> None:
    """Selection callback: keep the clicked team, so the page opens its listing once (not on every return)."""
    selection = st.session_state.get("team_map", {}).get("selection", {})
    objects = selection.get("objects", {}).get(team_map.LAYER_MARKERS, [])
    if objects and objects[0].get("team_id"):
        st.session_state[OPEN_KEY] = objects[0]["team_id"]


def show(found: pd.DataFrame, assumptions: Assumptions, nations) -> None:
    """The team map of the listings the directory's filters leave, then the same as a table."""
    all_markers, _ = cache.team_layers(assumptions.families_per_team)
    ids = set(found["team_id"])
    markers = all_markers[all_markers["team_id"].isin(ids)].reset_index(drop=True)
    places = tuple(n for n in nations if n != "Unknown")
    deck = cache.team_deck(assumptions, ids, places, height=HEIGHT)
    st.header("Where the teams are")
    st.caption(
        PLACEMENT_RULE + " Hover over a marker for its details; click it to open its listing (or use the "
        "table under the map)."
    )
    st.pydeck_chart(
        deck,
        on_select=_remember_click,
        selection_mode="single-object",
        key="team_map",
        height=HEIGHT,
        alt=f"Map of {len(markers)} listed services as markers over council areas; the same list is in the table below.",
    )
    picked = st.session_state.pop(OPEN_KEY, None)
    if picked:
        st.switch_page("pages/check.py", query_params={"team": picked})
    _legend(markers, found, assumptions)
    closed = int((markers["status"] == "closed").sum()) if len(markers) else 0
    unconfirmed = int((markers["marker_class"] == "unconfirmed").sum()) if len(markers) else 0
    missing = team_map.unplaced(found)
    note = (
        f"{len(markers)} markers for the {len(found)} listings the filters leave, including {closed} closed and "
        f"{unconfirmed} unconfirmed (only the filters above hide any)."
    )
    if len(missing):
        note += f" {len(missing)} have no mapped area, so no marker: " + "; ".join(missing["name"]) + "."
    st.caption(note)
    # The table twin, one click away: its rows, and the data grid's script, are sent only once it is opened, so
    # the browser does not fetch and evaluate the grid alongside deck.gl's bundle before the map can draw.
    twin = st.expander("The map as a table (coordinates, size, areas)", key=TWIN_KEY, on_change="rerun")
    if twin.open:
        with twin:
            st.dataframe(
                team_map.team_table(markers),
                hide_index=True,
                width="stretch",
                column_config={"Listing": st.column_config.LinkColumn("Listing", display_text="Open its listing")},
            )


def locator(team_id: str, assumptions: Assumptions, nation: str) -> None:
    """One team's marker and its lines, over the councils of the nations its listing names."""
    all_markers, all_lines = cache.team_layers(assumptions.families_per_team)
    markers = all_markers[all_markers["team_id"] == team_id]
    if markers.empty:
        return
    lines = all_lines[all_lines["team_id"] == team_id]
    table = cache.area_table(team_map.UNDERLAY_LEVEL, assumptions)
    nations = tuple(n for n in nation.split(";") if n in set(table["nation"]))
    if nations:
        table = table[table["nation"].isin(nations)]
    deck = team_map.team_deck(
        markers,
        lines,
        cache.status_underlay(assumptions, nations),
        team_map.deck_bounds(table, markers),
        height=LOCATOR_HEIGHT,
    )
    m = markers.iloc[0]
    st.pydeck_chart(
        deck,
        height=LOCATOR_HEIGHT,
        alt=f"Locator map: {m['name']} at longitude {m['lon']}, latitude {m['lat']}.",
    )
    st.caption(
        f"Marker at {format_value(m['lat'], 'dec')}°N, {format_value(m['lon'], 'dec')}°E; {m['size']}. "
        + PLACEMENT_RULE
    )
