"""Scenario planner: what would a new, bigger, smaller, closed or re-opened team change?"""

import logging

import streamlit as st

from coverage.model import ranges, scenario_effect
from coverage.model import scenario as S
from coverage.model.levels import LEVELS
from coverage.model.values import missing
from coverage.present import formats, scenario_text
from coverage.present.figures import choropleth, legend_band
from coverage.present.metrics import METRICS, most_classes
from coverage.present.text import md
from ui import cache, chrome, inputs, plan_teams, url_state
from ui.sidebar import sidebar

logger = logging.getLogger("pages.plan")  # Streamlit runs a page as __main__
# The pick map's legend sits in a band under it, sized as home sizes its own: for the most classes reach can
# show, one a line as on a phone (170 px held eight, and reach's nine overflowed into the map); the map keeps
# 380 px above the band.
PICK_LEGEND_BAND = legend_band(most_classes(METRICS["reach"]))
PICK_MAP_HEIGHT = 380 + PICK_LEGEND_BAND

view = sidebar()
a = view.assumptions
atlas = cache.atlas()
st.title("Plan: what would a new or bigger team change?")
st.caption(
    "Build a scenario from the current directory, see before and after for the areas it touches, and work out "
    "how many teams a target would take. Scenarios are saved as small JSON files or carried in a link."
)

# ------------------------------------------------------------------ scenario state (URL is the source of truth)
if "plan_scenario" not in st.session_state:
    st.session_state["plan_scenario"] = S.Scenario()
    link = st.query_params.get("scenario")
    if link:
        try:
            st.session_state["plan_scenario"] = S.from_url(link, atlas)
        except S.ScenarioError as exc:
            logger.info("scenario link refused: %s", exc)
            st.error("The scenario in this link could not be used, so none is loaded: " + md("; ".join(exc.problems)))
scenario: S.Scenario = st.session_state["plan_scenario"]
came_from = plan_teams.from_url(atlas)
plan_teams.seed_for_area(atlas, came_from)
plan_teams.opened_for(atlas, a, came_from)


def set_scenario(new: S.Scenario) -> None:
    st.session_state["plan_scenario"] = new


def families_input(container, label: str, key: str) -> float:
    """Families a year as a whole number ("107", never "107.00"), starting from the sidebar's team size."""
    return inputs.number_in(
        container, label, ranges.FAMILIES_PER_YEAR, value=float(round(a.families_per_team)), key=key
    )


teams = atlas.teams
team_names = dict(zip(teams["team_id"], teams["name"]))
for c in scenario.changes:
    if c.action == "add":
        team_names[c.team_id] = c.name

with st.expander("Add a hypothetical team", expanded=not scenario.changes):
    c1, c2 = st.columns(2)
    level = c1.selectbox(
        "Areas it serves are", list(LEVELS)[:3], format_func=lambda k: LEVELS[k].label, key="plan_level"
    )
    areas = atlas.level_areas(level).sort_values("area_name")
    names = dict(zip(areas.index, areas["area_name"]))
    chosen = c2.multiselect(
        "Areas (type to search, or click the map below)", list(names), format_func=names.get, key="plan_areas"
    )
    pick_map = choropleth(
        cache.map_geometry(level),
        cache.area_table(level, a),
        "reach",
        height=PICK_MAP_HEIGHT,
        # Under the map: in its corner the legend covered Scotland on a phone, where its entries stack
        # one a line; the map is fitted to the 380 px above the band.
        legend_below=PICK_LEGEND_BAND,
        highlight=chosen[-1] if chosen else "",
    )
    event = st.plotly_chart(
        pick_map,
        key="plan_map",
        on_select="rerun",
        selection_mode="points",
        width="stretch",
        config={"displaylogo": False},
    )
    clicked = [p.get("location") for p in (event or {}).get("selection", {}).get("points", []) if p.get("location")]
    new = [c for c in clicked if c in names and c not in chosen]
    if new:
        st.session_state["plan_areas"] = chosen + new
        st.rerun()
    d1, d2, d3, d4 = st.columns(4)
    team_name = d1.text_input("Team name", value="New parent-infant team", max_chars=S.MAX_NAME_CHARS, key="plan_name")
    sizing = d2.radio("Size given as", ["families a year", "staff (WTE)"], key="plan_sizing")
    if sizing == "families a year":
        families = families_input(d3, "Families a year", "plan_fam")
        wte = fpw = None
    else:
        families = None
        wte = inputs.number_in(
            d3,
            "Whole-time equivalents",
            ranges.WTE,
            value=4.0,
            key="plan_wte",
        )
        fpw = inputs.number_in(
            d4,
            "Families a year per WTE (your assumption)",
            ranges.FAMILIES_PER_WTE,
            value=25.0,
            key="plan_fpw",
            help="No published figure exists for families per WTE; enter your own.",
        )
    if st.button("Add this team to the scenario", type="primary", disabled=not chosen):
        team_id = scenario.new_team_id(teams["team_id"])
        set_scenario(
            scenario.with_change(
                S.Change(
                    "add",
                    team_id,
                    team_name.strip() or f"New team {len(scenario.added_ids()) + 1}",
                    level,
                    tuple(chosen),
                    families,
                    wte,
                    fpw,
                )
            )
        )
        st.rerun()

with st.expander("Grow, shrink, close or re-open a listed team"):
    pick = st.selectbox(
        "Team", list(team_names), format_func=team_names.get, index=None, key="plan_team", placeholder="Choose a team…"
    )
    if pick:
        row = teams.set_index("team_id").loc[pick] if pick in set(teams["team_id"]) else None
        status = row["status"] if row is not None else "active"
        st.caption(
            f"Status {status}; families a year: "
            + (
                f"{formats.whole(row['families_per_year'])} (published)"
                if row is not None and not missing(row["families_per_year"])
                else f"unknown, so {formats.whole(a.families_per_team)} assumed"
            )
        )
        e1, e2, e3 = st.columns(3)
        scale = inputs.number_in(
            e1,
            "Scale its capacity by",
            ranges.SCALE,
            value=1.5,
            key="plan_scale",
        )
        if e1.button("Resize"):
            set_scenario(scenario.with_change(S.Change("resize", pick, scale=scale)))
            st.rerun()
        if status == "closed":
            if e2.button("Re-open it"):
                set_scenario(scenario.with_change(S.Change("reopen", pick)))
                st.rerun()
        elif e3.button("Close it"):
            set_scenario(scenario.with_change(S.Change("close", pick)))
            st.rerun()

# ------------------------------------------------------------------ the scenario
st.subheader("This scenario")
if not scenario.changes:
    st.info("No changes yet: add a team or change a listed one above.")


def area_names(c: S.Change) -> str:
    names = atlas.level_areas(c.area_level)["area_name"] if c.area_level in LEVELS else {}
    return ", ".join(md(names.get(x, x)) for x in c.area_codes)


def describe(c: S.Change) -> str:
    """One line per change, built only for its own action (a close has no scale, a resize may have none)."""
    team = f"**{md(team_names.get(c.team_id, c.team_id))}**"
    families = c.families()
    if c.action == "add":
        return f"Add **{md(c.name)}** serving {area_names(c)} ({formats.whole(families)} families a year)"
    if c.action == "resize":
        if families is not None:
            return f"Resize {team} to {formats.whole(families)} families a year"
        return f"Resize {team} by x{c.scale:g}" if c.scale is not None else f"Resize {team}"
    if c.action == "close":
        return f"Close {team}"
    if c.action == "reopen":
        return f"Re-open {team}"
    return md(c.action)


for i, c in enumerate(scenario.changes):
    cols = st.columns([6, 1])
    cols[0].markdown(f"{i + 1}. {describe(c)}")
    if cols[1].button("Remove", key=f"plan_rm_{i}"):
        set_scenario(scenario.without(i))
        st.rerun()

# Keep the link in the address bar in step, so copying it shares the scenario.
url_state.sync_url(view, extra={"area": came_from[1], "level": came_from[0]} if came_from else None)
if scenario.changes:
    st.query_params["scenario"] = S.to_url(scenario)

s1, s2 = st.columns(2)
s1.download_button(
    "Save scenario (JSON)",
    S.dumps(scenario),
    file_name="scenario.json",
    mime="application/json",
    disabled=not scenario.changes,
)
upload = s2.file_uploader("Load a scenario file", type=["json"], key="plan_upload", max_upload_size=1)
if upload is not None and st.session_state.get("plan_loaded") != upload.file_id:
    st.session_state["plan_loaded"] = upload.file_id
    try:
        set_scenario(S.loads(upload.getvalue(), atlas))
        st.rerun()
    except S.ScenarioError as exc:
        logger.info("scenario file refused: %s", exc)
        st.error(
            f"'{md(upload.name)}' was not loaded, and the current scenario is unchanged: " + md("; ".join(exc.problems))
        )
if scenario.changes:
    st.caption("Share: the address bar now holds this scenario (parameter `scenario`).")

# ------------------------------------------------------------------ before and after
result = None
if scenario.changes:
    try:
        with st.spinner("Working out before and after at every level…"):
            result = scenario_effect.compare(atlas, scenario, a, cache.all_levels(a))
        teams_before, teams_after = scenario_effect.teams_counted(atlas, scenario, a)
    except (S.ScenarioError, KeyError, ValueError) as exc:
        # A scenario made against another directory version can name a team that is gone.
        logger.warning("plan scenario could not be computed: %r", exc)
        st.error(
            "This scenario could not be worked out against the current directory (a team it names may have "
            "changed). Remove the change that no longer applies above. Details: " + md(str(exc))
        )
if result is not None:
    uk = scenario_effect.uk_change(result)
    st.subheader("Before and after")
    level_pick = st.radio(
        "Show changes by", list(LEVELS), format_func=lambda k: LEVELS[k].label, horizontal=True, key="plan_show_level"
    )
    lines, more = scenario_text.headlines(result[level_pick])
    if lines:
        st.markdown("\n".join(f"- **{md(name)}:** {md(text)}" for name, text in lines))
        if more:
            st.caption(f"and {formats.counted(more, 'more area')} in the table below.")
    else:
        st.info(f"No {LEVELS[level_pick].label.lower()} changes under this scenario.")
    uk_figures = (
        ("UK reach", uk["reach_before"], uk["reach_after"], "pct", "normal"),
        ("UK unmet need a year", uk["unmet_before"], uk["unmet_after"], "int", "inverse"),
        ("UK families reached a year", uk["capacity_before"], uk["capacity_after"], "int", "normal"),
        ("UK teams counted", teams_before, teams_after, "int", "normal"),
    )
    for i, (label, before, after, kind, colour) in enumerate(uk_figures):
        if i % 2 == 0:
            m = st.columns(2)
        m[i % 2].metric(
            label,
            formats.value(after, kind),
            delta=None
            if abs(after - before) < 1e-9
            else (formats.points(after - before) if kind == "pct" else formats.signed_whole(after - before)),
            delta_color=colour,
            help=f"Before: {formats.value(before, kind)}",
        )
    st.dataframe(scenario_text.change_table(result[level_pick]), hide_index=True, width="stretch", key="plan_result")

# ------------------------------------------------------------------ teams needed and their cost
plan_teams.teams_and_cost(atlas, a, families_input)
chrome.footer()
