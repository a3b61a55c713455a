"""Change over time: listed teams by year beside the published national counts, per nation."""

import datetime as dt

import streamlit as st

from coverage.model import timeline
from coverage.model.levels import NATIONS
from coverage.model.service_count import count_services
from coverage.present import formats
from coverage.present.timeline_figure import timeline_chart
from ui import cache, chrome, downloads
from ui.sidebar import sidebar

view = sidebar()
atlas = cache.atlas()
st.title("Change over time")
st.caption(
    "How many specialised parent-infant relationship teams there were each year: the directory's listed teams "
    "(from each team's start year and dated closure) beside the counts the Parent-Infant Foundation published."
)
scope = st.selectbox("Where", [timeline.UK] + list(NATIONS.values()), key="change_scope")
years = range(2010, dt.date.today().year + 1)
listed = timeline.listed_by_year(atlas.teams, years, scope)
published = timeline.published(scope)
latest = listed.iloc[-1]
chart_title = f"Specialised teams in {scope}, {years[0]} to {years[-1]}"
st.plotly_chart(
    timeline_chart(listed, published, title=chart_title),
    width="stretch",
    config={"displaylogo": False},
    key="change_chart",
)
downloads.figure(
    atlas,
    view.assumptions,
    lambda: timeline_chart(listed, published),
    chart_title + ": listed teams and published counts",
    f"teams-over-time-{scope}",
    "dl_change",
)
st.markdown(
    f"In {int(latest['year'])} the directory lists **{formats.counted(latest['running_start_known'], 'team')}** "
    f"in {scope} with a known start year, and **{int(latest['start_unknown'])}** more whose start year is not "
    "in their listing."
    + (
        f" The latest published count is **{published[-1].teams}** ({published[-1].when})."
        if published
        else " No count for this nation alone was published; the UK counts cover it."
    )
)
st.caption(
    f"Today, under the sidebar's choices: {count_services(atlas.teams, view.assumptions, scope).words()} "
    "(the count every page shows; the chart above counts by start year whatever the choices)."
)
if published:
    st.subheader("Published counts and the listing")
    st.caption(
        "'Not in the listing, at least' is the published count minus every listed team that could have been "
        "running then (start known or not): teams the directory is missing, or lists without enough detail. "
        "The 2019 count was later restated as 29. Closed teams count until the year of their dated closure."
    )
    st.dataframe(
        timeline.gaps(atlas.teams, scope),
        hide_index=True,
        width="stretch",
        column_config={"Source": st.column_config.LinkColumn("Source")},
        key="change_gaps",
    )
st.caption(
    "Only teams of the specialised kind are counted, as in the published counts. A listing's start year comes from "
    "its public sources; most listings have none yet: suggest one on Check a listing."
)
chrome.footer()
