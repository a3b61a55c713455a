"""Parent-Infant Coverage Atlas: the Streamlit entry point.

Run with ``streamlit run app.py``. This file only declares the pages; each page lays out
figures computed by the ``coverage`` package.
"""

import streamlit as st

from coverage import logs

logs.configure()  # once per process in effect: the handler is added only the first time

st.set_page_config(
    page_title="Parent-Infant Coverage Atlas",
    page_icon=".streamlit/favicon.png",
    layout="wide",
    initial_sidebar_state="auto",
)

PAGES = [
    st.Page("pages/coverage_map.py", title="Coverage map", icon=":material/map:", default=True),
    st.Page("pages/profile.py", title="Area profile", icon=":material/location_on:", url_path="profile"),
    st.Page("pages/compare.py", title="Compare areas", icon=":material/leaderboard:", url_path="compare"),
    st.Page("pages/plan.py", title="Plan", icon=":material/add_location_alt:", url_path="plan"),
    st.Page("pages/teams.py", title="Team directory", icon=":material/groups:", url_path="teams"),
    st.Page("pages/change.py", title="Change over time", icon=":material/timeline:", url_path="change"),
    st.Page("pages/check.py", title="Check a listing", icon=":material/fact_check:", url_path="check"),
    st.Page("pages/health.py", title="Directory health", icon=":material/health_and_safety:", url_path="health"),
    st.Page("pages/review.py", title="Review", icon=":material/rule:", url_path="review"),
    st.Page("pages/methods.py", title="Methods and data", icon=":material/menu_book:", url_path="methods"),
]

page = st.navigation(PAGES)
# Which page this run draws: ui/url_state.py tells a page change from Back/Forward within a page.
st.session_state["_page"] = page.url_path or "home"
page.run()
