"""The "find an area" box shared by the map and the profile: one search, at every level, from the engine."""

from __future__ import annotations

import streamlit as st

from coverage.model import search
from coverage.present.area_labels import hit_label
from coverage.present.query import shown
from coverage.present.text import md
from ui import cache


def _choose(key: str, hit: search.Hit) -> None:
    """Button callback: remember the pick for this run and empty the box, so the results go once one
    is chosen (they stayed listed under the box, as if nothing had happened)."""
    st.session_state[f"{key}_chosen"] = hit
    st.session_state[key] = ""


def area_search(key: str, levels=None, label: str = "Find an area by name (any level)") -> search.Hit | None:
    """A text box and up to 8 results as buttons; returns the result pressed just before this run, if any."""
    chosen = st.session_state.pop(f"{key}_chosen", None)
    text = st.text_input(label, key=key, max_chars=search.MAX_QUERY_CHARS, placeholder="e.g. Maidstone, Kent, Cardiff")
    if chosen is not None or not text.strip():
        return chosen
    hits = search.find(cache.atlas(), text, levels=levels, limit=8)
    if not hits:
        st.caption(f"No area's name contains '{md(shown(text))}'. Try part of the name, e.g. 'Maid' for Maidstone.")
        return None
    for hit in hits:
        st.button(
            md(hit_label(hit)),  # names come from the data files: shown as text
            key=f"{key}_{hit.level}_{hit.area_code}",
            type="tertiary",
            on_click=_choose,
            args=(key, hit),
        )
    return None
