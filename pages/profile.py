"""Area profile: one area's figures with bands, in context, deep-linkable as ?area=CODE."""

import plotly.graph_objects as go
import streamlit as st

from coverage.model import costs, gaps, profile
from coverage.model.gaps import AREA_SHARE_NOTE, REACH_LABEL, REACH_LOWER_BOUND_NOTE, status_words
from coverage.model.levels import LEVELS
from coverage.model.values import missing
from coverage.present import formats, query, team_words
from coverage.present.area_labels import area_label
from coverage.present.metrics import format_value
from coverage.present.query import AREA_CODE
from coverage.present.query import shown as shown_value
from coverage.present.text import md
from ui import cache, chrome, downloads, url_state
from ui.area_search import area_search
from ui.listing_links import invite_new_team, suggest_correction
from ui.sidebar import sidebar
from ui.table_twin import area_dataframe

view = sidebar()
a = view.assumptions
atlas = cache.atlas()

code = (st.query_params.get("area") or "").strip()[:20]
wanted_level = st.query_params.get("level")
if not code and url_state.last_area():  # from the menu (its link carries no query): the area chosen stays chosen
    wanted_level, code = url_state.last_area()
level = profile.find_level(atlas, code, wanted_level) if code and AREA_CODE.match(code) else None

st.title("Area profile")
found = area_search("profile_search")
if found:
    st.query_params.update({"area": found.area_code, "level": found.level})
    st.rerun()
options = atlas.areas[atlas.areas["level"].isin(["utla", "health"])].sort_values("area_name")
labels = {f"{r.level}|{r.area_code}": area_label(r.area_name, r.level) for r in options.itertuples()}
if code and level is None:
    st.warning(f"No area has the code '{shown_value(code)}'. Pick one below.", icon="⚠️")
current = f"{level}|{code}" if level else None
choice = st.selectbox(
    "Or choose a council or health area",
    list(labels),
    index=list(labels).index(current) if current in labels else None,
    format_func=labels.get,
    placeholder="Type a council or health area name…",
    filter_mode="contains",  # "Kent" offers Kent and its ICB, not "Kensington" (fuzzy letter order)
)
if choice and choice != current:
    lvl, c = choice.split("|")
    st.query_params.update({"area": c, "level": lvl})
    st.rerun()
if not level:
    st.info("Choose an area to see its figures, or open one from the map.")
    chrome.footer()
    st.stop()

url_state.sync_url(view, keep=())
st.query_params.update({"area": code, "level": level})
table = cache.area_table(level, a)
row = table.set_index("area_code").loc[code]
meta = atlas.level_areas(level).loc[code]
st.header(md(row["area_name"]))
st.caption(
    f"{LEVELS[level].label} · {row['nation']}"
    + (f" · {meta['region']}" if isinstance(meta["region"], str) and meta["region"] else "")
    + f" · code {code}"
)

c = st.columns(4)
c[0].metric("Babies in the 1001 days", format_value(row["population_1001"], "int"))
c[1].metric(
    "Need a year", format_value(row["need_per_year"], "int"), help="Families a year estimated to need specialised help"
)
c[2].metric("Families listed teams can see a year", format_value(row["capacity_per_year"], "int"))
c[3].metric(
    REACH_LABEL,
    format_value(row["reach"], "pct"),
    help=REACH_LOWER_BOUND_NOTE if row["reach_lower_bound"] else "Counts the teams the directory lists",
)
st.markdown(
    f"- **Need:** {format_value(row['need_per_year'], 'int')} families a year "
    f"(low {format_value(row['need_low'], 'int')}, high {format_value(row['need_high'], 'int')}), "
    f"from {format_value(row['annual_births'], 'int')} births a year.\n"
    f"- **Capacity:** {format_value(row['capacity_per_year'], 'int')} families a year "
    f"(low {format_value(row['capacity_low'], 'int')}, high {format_value(row['capacity_high'], 'int')}) "
    f"from {formats.counted(row['teams'], 'listed team')}, {int(row['teams_known_capacity'])} with a published figure.\n"
    f"- **{REACH_LABEL}:** {format_value(row['reach'], 'pct')} (low {format_value(row['reach_low'], 'pct')}, "
    f"high {format_value(row['reach_high'], 'pct')})"
    + (f", {REACH_LOWER_BOUND_NOTE}" if row["reach_lower_bound"] else "")
    + f"; unmet need {format_value(row['unmet_need_per_year'], 'int')} a year.\n"
    + f"- **Status:** {md(status_words(row))}."
)
if row["teams"] == 0:
    invite_new_team(code, row["area_name"])
cost = costs.cost_to_close(table[table["area_code"] == code], a)
(st.info if cost.closed else st.success)(
    md(costs.headline(cost))
    + (" Fewer if the teams a source reports here are not yet counted." if row["reach_lower_bound"] else "")
)
st.caption(md(costs.rests_on(cost)) + " " + md(gaps.TEAMS_NEEDED_RULE))
st.page_link(
    "pages/plan.py",
    label="Plan for this area",
    icon=":material/calculate:",
    query_params={**url_state.page_links(view, keep=()), "area": code, "level": level},
)
downloads.area_briefing(atlas, level, code, row["area_name"], a)
if row["area_share_estimate"]:
    st.caption(f"**Estimate:** {AREA_SHARE_NOTE}")
if row["births_fallback"]:
    st.caption(
        "Registered births are not published for part of this area in our sources; babies aged 0 were used there."
    )

left, right = st.columns([3, 2])
with left:
    st.subheader("Compared with its region, nation and the UK")
    st.plotly_chart(cache.comparison_chart(level, code, a), width="stretch", config={"displaylogo": False})
    downloads.figure(
        atlas,
        a,
        lambda: go.Figure(cache.comparison_chart(level, code, a)),  # a copy: the cached figure is shared
        f"Reach of listed teams in {row['area_name']}, its region, nation and the UK",
        f"{code}-compared",
        "dl_profile_chart",
    )
    st.subheader("Similar areas")
    st.caption("Same nation, closest in births a year and in deprivation (within nation).")
    similar = profile.similar_areas(table, code)
    area_dataframe(similar, key="similar", height=38 + 35 * len(similar))
    if not similar.empty:
        # One click into Compare with this area and its peers already chosen (the set travels in the URL).
        picks = ",".join(f"{level}:{c}" for c in [code, *similar["area_code"]])
        st.page_link(
            "pages/compare.py",
            label=f"Compare {md(row['area_name'])} with these {len(similar)} areas",
            icon=":material/compare_arrows:",
            query_params={**url_state.page_links(view, keep=()), "pick": picks},
        )
with right:
    st.subheader("Where it is")
    here = query.View(level=level, metric="reach", nation=row["nation"], area=code, assumptions=a)
    st.plotly_chart(
        cache.area_map(here, height=380, legend=False),
        width="stretch",
        config={"displaylogo": False, "scrollZoom": False},
    )
    st.caption(
        "Outlined in black. Colours as on the coverage map: orange, none listed; purple, team reported, not "
        "listed; yellow, service listed, not counted; blues, reach of listed teams (darker is higher)."
    )
    st.subheader("Context")
    fh = int(meta["family_hubs_councils"])
    if level in ("utla", "lad"):
        st.markdown(
            f"- **Family Hubs and Start for Life:** {'yes' if meta['family_hubs'] else 'no'} (April 2022 list of 75 authorities)"
        )
    else:
        st.markdown(f"- **Family Hubs and Start for Life:** {fh} of the 75 programme councils overlap this area")
    dep = meta["dep_share"]
    note = meta["dep_note"] if isinstance(meta["dep_note"], str) else ""
    st.markdown(
        f"- **Deprivation:** {format_value(dep, 'pct')} of small areas are in the nation's most deprived 10%"
        if not missing(dep)
        else "- **Deprivation:** unknown"
    )
    st.caption(note.rstrip(".") + ". Within-nation measures cannot be compared across nations.")

st.subheader("Teams serving this area")
teams = cache.teams_serving(level, code, a)
if teams.empty:
    st.markdown(
        "No listed team serves this area. The directory is partial: if a team is missing, tell us on the Check a listing page."
    )
for t in teams.itertuples():
    with st.container(border=True):
        grouped = f" · same service as {md(t.same_service_name)}" if t.same_service_as else ""
        st.markdown(f"**{md(t.name)}**" + ("" if t.counted else f" · not counted ({md(t.why_not_counted)})") + grouped)
        st.caption(md(team_words.facts_line(t, cache.evidence_start())))
        suggest_correction(t.team_id)

st.subheader("What sources report about provision here")
reports = profile.area_reports(atlas, level, code)
if reports.empty:
    st.markdown("No area-level report of provision covers this area.")
for r in reports.itertuples():
    with st.container(border=True):
        st.markdown(f"**{md(r.meaning.capitalize())}** ({md(r.seen)}): {md(r.report)}")
        st.caption(f"Source: {md(r.source_url)} · covers {md(r.area_names.replace(';', '; '))} · {md(r.notes)}")
chrome.footer()
