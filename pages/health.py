"""Directory health: how complete and current the directory is, and what to check next, in order.

Layout only: the headline and both worklists come from ``coverage.listings.health.report``
(the same rows ``python -m coverage directory-health`` prints); the filter and window are in the URL.
"""

import streamlit as st

from coverage.model.health import CHECK_LINKS, NEVER_CHECKED, WINDOW_RANGE, link_check_words, window_words
from coverage.model.health_scope import Scope
from coverage.present import health_query
from coverage.present.text import md
from ui import cache, chrome, downloads, url_state
from ui.sidebar import sidebar

HEADLINE_COLUMNS = {
    "scope": "Where",
    "services_counted": "Services counted",
    "published_count": "Published count",
    "evidence_in_window": "With recent dated evidence",
    "families_reported": "Families a year reported",
    "families_assumed": "Families a year assumed",
    "links_ok": "Websites ok",
    "links_moved": "Moved",
    "links_dead": "Dead",
    "links_refused": "Refused",
    "links_not_a_web_address": "Not a web address",
    "links_not_yet_checked": "Not yet checked",
    "links_no_website_listed": "No website listed",
    "published_note": "Published count: when and source",
}

# What a person reads first: the name, the problem and the action; the codes and figures after.
TEAM_ORDER = [
    "rank",
    "name",
    "counted",
    "problems",
    "action",
    "why_here",
    "evidence_year",
    "link_state",
    "families_source",
    "need_served",
    "kind",
    "status",
    "nation",
    "team_id",
]
AREA_ORDER = ["area_name", "disagreement", "action", "level", "area_code", "nation", "need_per_year", "sources"]

view = sidebar()
atlas = cache.atlas()
areas = atlas.areas
regions = areas[(areas["level"] == "region") & areas["area_code"].str.startswith("E")]
health_areas = areas[areas["level"] == "health"]
region_names = dict(zip(regions["area_code"], regions["area_name"]))
health_names = dict(zip(health_areas["area_code"], health_areas["area_name"]))


def _from_url(params):
    f, messages = health_query.parse(params, set(region_names), set(health_names))
    return {"h_nation": f.nation, "h_region": f.region, "h_health": f.health, "h_window": f.window}, messages


st.title("Directory health")
st.caption(
    "How complete and current the team directory is, and what to check next: for the Parent-Infant Network's "
    "coordinator, regional leads and teams. Read-only; a correction goes through Check a listing."
)
url_state.seed_from_url("_health_url_ready", _from_url)
c = st.columns(4)
nation = c[0].selectbox("Nation", list(health_query.NATION_CHOICES), key="h_nation")
in_nation = health_areas if nation == "UK" else health_areas[health_areas["nation"] == nation]
region_choices = [""] + (list(region_names) if nation in ("UK", "England") else [])
if st.session_state.get("h_region") not in region_choices:
    st.session_state["h_region"] = ""
region = c[1].selectbox(
    "Region (England)", region_choices, key="h_region", format_func=lambda k: region_names.get(k, "All")
)
health_choices = [""] + sorted(in_nation["area_code"], key=health_names.get)
if st.session_state.get("h_health") not in health_choices:
    st.session_state["h_health"] = ""
health = c[2].selectbox(
    "ICB or health board", health_choices, key="h_health", format_func=lambda k: health_names.get(k, "All")
)
window = c[3].number_input("Recent means the last … years", *WINDOW_RANGE, step=1, key="h_window")
chosen = health_query.HealthFilter(nation, region, health, int(window))
url_state.sync_url(view, extra=health_query.encode(chosen))

scope = Scope("United Kingdom" if nation == "UK" else nation, region, health)
label = " and ".join(n for n in (region_names.get(region, ""), health_names.get(health, "")) if n)
a = view.assumptions
report = cache.directory_health(a, scope, int(window), label)

st.header("Headline")
top = report.headline.iloc[0]
m = st.columns(4)
published = top["published_count"]
m[0].metric(
    "Services counted",
    f"{top['services_counted']}" + (f" of {int(published)}" if published == published else ""),
    help=f"Published count: {top['published_note']}",
)
m[1].metric(f"Dated evidence from {report.since} on", f"{top['evidence_in_window']} of {top['services_counted']}")
m[2].metric("Families a year reported", f"{top['families_reported']} of {top['services_counted']}")
m[3].metric(
    "Websites that work",
    f"{top['links_ok']} of {top['services_counted']}" if report.checked_on else "not checked yet",
    help=f"Last link check: {report.checked_on or 'never run'}",
)
st.caption(
    f"{md(top['scope'])}: counting as every page does; recent means {window_words(int(window))}. "
    f"Websites: {top['links_ok']} ok, {top['links_moved']} moved, {top['links_dead']} dead, "
    f"{top['links_refused']} refused, {top['links_not_a_web_address']} not a web address, "
    f"{top['links_not_yet_checked']} not yet checked, {top['links_no_website_listed']} with none listed; "
    f"last link check: {md(report.checked_on or 'never run')}."
)
if report.checked_on:
    changed = len(report.link_changes)
    st.markdown(md(link_check_words(report.checked_on, report.previous_checked_on, report.change_counts, changed)))
else:
    st.info(NEVER_CHECKED.format(command=f"`{CHECK_LINKS}`"), icon=":material/link_off:")
headline = report.headline[list(HEADLINE_COLUMNS)].copy()
headline["published_count"] = [  # a nation with no published count says so, not "None"
    "unknown" if p != p else f"{int(p)}" for p in headline["published_count"]
]
headline = headline.rename(columns=HEADLINE_COLUMNS)
st.dataframe(headline, hide_index=True, width="stretch", key="health_headline")
if len(report.link_changes):
    st.subheader("Links changed since the check before")
    st.caption(
        f"Every website and source link of the listings here whose state changed between the check on "
        f"{md(report.previous_checked_on)} and the one on {md(report.checked_on)}."
    )
    st.dataframe(report.link_changes, hide_index=True, width="stretch", key="health_link_changes")

st.header("Team worklist")
st.caption(
    f"{len(report.teams)} services, counted or not, each problem with the action that fixes it. Counted services "
    "come first, ordered by the need in the areas they serve (the map leans on them most); 'why here' says so."
)
downloads.worklist(atlas, report, "teams", a)
st.dataframe(report.teams, hide_index=True, width="stretch", key="health_teams", column_order=TEAM_ORDER)

st.header("Area worklist")
st.caption(
    f"{len(report.areas)} areas where the sources and the directory disagree or say nothing: nations and regions "
    "first, then by need."
)
downloads.worklist(atlas, report, "areas", a)
st.dataframe(report.areas, hide_index=True, width="stretch", key="health_areas", column_order=AREA_ORDER)
chrome.footer()
