"""Scenario planner: what would a new, bigger, smaller, closed or re-opened team change?"""

import streamlit as st

from coverage.model import scenario as S
from coverage.model.levels import LEVELS
from coverage.present.figures import choropleth
from coverage.present.metrics import format_value
from coverage.present.query import NATION_CHOICES
from coverage.present.text import md
from pages import common

view = common.sidebar()
a = view.assumptions
atlas = common.atlas()
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
            st.error("The scenario in this link could not be used, so none is loaded: " + "; ".join(exc.problems))
scenario: S.Scenario = st.session_state["plan_scenario"]


def set_scenario(new: S.Scenario) -> None:
    st.session_state["plan_scenario"] = new


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
        common.map_geometry(level),
        common.area_table(level, a),
        "reach",
        height=380,
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
        families = d3.number_input(
            "Families a year", 1.0, 5000.0, value=float(round(a.families_per_team)), key="plan_fam"
        )
        wte = fpw = None
    else:
        families = None
        wte = d3.number_input("Whole-time equivalents", 0.1, 100.0, value=4.0, step=0.5, key="plan_wte")
        fpw = d4.number_input(
            "Families a year per WTE (your assumption)",
            1.0,
            500.0,
            value=25.0,
            key="plan_fpw",
            help="No published figure exists for families per WTE; enter your own.",
        )
    if st.button("Add this team to the scenario", type="primary", disabled=not chosen):
        n = sum(c.action == "add" for c in scenario.changes) + 1
        set_scenario(
            scenario.with_change(
                S.Change(
                    "add",
                    f"scenario-team-{n}",
                    team_name.strip() or f"New team {n}",
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
                f"{int(row['families_per_year'])} (published)"
                if row is not None and row["families_per_year"] == row["families_per_year"]
                else f"unknown, so {a.families_per_team:.0f} assumed"
            )
        )
        e1, e2, e3 = st.columns(3)
        scale = e1.number_input("Scale its capacity by", 0.05, 20.0, value=1.5, step=0.25, key="plan_scale")
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
for i, c in enumerate(scenario.changes):
    cols = st.columns([6, 1])
    desc = {
        "add": f"Add **{md(c.name)}** serving {', '.join(md(atlas.level_areas(c.area_level).loc[x, 'area_name']) for x in c.area_codes)}"
        f" ({format_value(c.families(), 'int')} families a year)",
        "resize": f"Resize **{md(team_names.get(c.team_id, c.team_id))}**"
        + (f" to {format_value(c.families(), 'int')} families a year" if c.families() else f" by x{c.scale:g}"),
        "close": f"Close **{md(team_names.get(c.team_id, c.team_id))}**",
        "reopen": f"Re-open **{md(team_names.get(c.team_id, c.team_id))}**",
    }[c.action]
    cols[0].markdown(f"{i + 1}. {desc}")
    if cols[1].button("Remove", key=f"plan_rm_{i}"):
        set_scenario(scenario.without(i))
        st.rerun()

# Keep the link in the address bar in step, so copying it shares the scenario.
common.sync_url(view)
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
        st.error(
            f"'{md(upload.name)}' was not loaded, and the current scenario is unchanged: " + "; ".join(exc.problems)
        )
if scenario.changes:
    st.caption("Share: the address bar now holds this scenario (parameter `scenario`).")

# ------------------------------------------------------------------ before and after
if scenario.changes:
    result = S.compare(atlas, scenario, a, common.all_levels(a))
    uk = S.uk_change(result)
    st.subheader("Before and after")
    teams_before, teams_after = S.teams_counted(atlas, scenario, a)
    m = st.columns(4)
    m[3].metric("UK teams counted", f"{teams_after}", delta=f"{teams_after - teams_before:+d}")
    m[0].metric(
        "UK families reached a year",
        format_value(uk["capacity_after"], "int"),
        delta=format_value(uk["capacity_after"] - uk["capacity_before"], "int"),
    )
    m[1].metric(
        "UK reach",
        format_value(uk["reach_after"], "pct"),
        delta=f"{(uk['reach_after'] - uk['reach_before']) * 100:+.2f} points",
    )
    m[2].metric(
        "UK unmet need a year",
        format_value(uk["unmet_after"], "int"),
        delta=format_value(uk["unmet_after"] - uk["unmet_before"], "int"),
        delta_color="inverse",
    )
    level_pick = st.radio(
        "Show changes by", list(LEVELS), format_func=lambda k: LEVELS[k].label, horizontal=True, key="plan_show_level"
    )
    changed = result[level_pick][result[level_pick]["changed"]]
    st.dataframe(
        changed[
            [
                "area_name",
                "nation",
                "need_per_year",
                "teams_before",
                "teams_after",
                "capacity_per_year_before",
                "capacity_per_year_after",
                "reach_before",
                "reach_after",
                "unmet_need_per_year_before",
                "unmet_need_per_year_after",
            ]
        ].round(1),
        column_config={
            "reach_before": st.column_config.NumberColumn("reach before", format="percent"),
            "reach_after": st.column_config.NumberColumn("reach after", format="percent"),
        },
        hide_index=True,
        width="stretch",
        key="plan_result",
    )

# ------------------------------------------------------------------ teams needed
st.subheader("How many teams would it take?")
t1, t2, t3, t4 = st.columns(4)
scope = t1.selectbox("Every area in", list(NATION_CHOICES) + ["Family Hubs authorities"], key="plan_scope")
target = t2.slider("to reach (% of need)", 5, 100, 50, step=5, key="plan_target") / 100
size = t3.number_input(
    "with teams of (families a year)", 1.0, 5000.0, value=float(round(a.families_per_team)), key="plan_size"
)
cost_text = t4.text_input(
    "Cost per team-year, £ (optional)",
    key="plan_cost",
    help="Left blank by default: the atlas ships no cost figure it cannot source.",
)
cost = None
if cost_text.strip():
    try:
        cost = float(cost_text.replace(",", "").replace("£", ""))
        if not 0 < cost < 1e9:
            raise ValueError
    except ValueError:
        st.warning("The cost must be a positive number of pounds, e.g. 350000.")
        cost = None
in_scope = S.councils_in_scope(common.area_table("utla", a), scope)
sens = S.sensitivity(in_scope, a, target, size, cost)
st.markdown(f"Counting council by council across **{len(in_scope)}** councils, with the directory as it is now:")
cols = st.columns(3)
for col, r in zip(cols, sens.itertuples()):
    col.metric(
        f"{r.prevalence_band.title()} prevalence ({r.prevalence:.0%})",
        f"{r.teams_needed:,} teams",
        help=None if r.annual_cost is None else f"£{r.annual_cost:,.0f} a year",
    )
    if r.annual_cost is not None:
        col.caption(f"£{r.annual_cost:,.0f} a year at £{cost:,.0f} per team-year")
st.caption(
    "Each council's shortfall is rounded up to whole teams, so the total is above the national shortfall / team size. "
    + a.describe()
)
common.footer()
