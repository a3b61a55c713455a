"""Links to Check a listing: from a team, to correct its listing; from an area with none, to suggest one."""

from __future__ import annotations

import streamlit as st

from coverage.present.query import SUGGEST_KEY
from coverage.present.text import md


def suggest_correction(team_id: str) -> None:
    """ "Suggest a correction", opening Check a listing on its correction form with this team chosen
    (``?team=<id>&tab=correct``)."""
    st.page_link(
        "pages/check.py",
        label="Suggest a correction",
        icon=":material/edit_note:",
        query_params={"team": team_id, "tab": "correct"},
    )


def invite_new_team(area_code: str, area_name: str) -> None:
    """ "Know a team that serves AREA? Tell us", opening Suggest a new team with the area filled in."""
    st.page_link(
        "pages/check.py",
        label=f"Know a team that serves {md(area_name)}? Tell us",
        icon=":material/add_circle:",
        query_params={SUGGEST_KEY: area_code},
    )
