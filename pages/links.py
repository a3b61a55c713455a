"""Links from a team, wherever it is shown, to the page where anyone can correct its listing."""

from __future__ import annotations

import streamlit as st


def suggest_correction(team_id: str) -> None:
    """ "Suggest a correction", opening Check a listing on its correction form with this team chosen
    (``?team=<id>&tab=correct``)."""
    st.page_link(
        "pages/check.py",
        label="Suggest a correction",
        icon=":material/edit_note:",
        query_params={"team": team_id, "tab": "correct"},
    )
