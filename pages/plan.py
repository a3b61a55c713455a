"""Scenario planner: what would a new, bigger, smaller, closed or re-opened team change?"""

import logging

import streamlit as st

from coverage.model import ranges
from coverage.model import scenario as S
from coverage.model.levels import LEVELS
from coverage.model.values import missing
from coverage.present.figures import choropleth
from coverage.present.metrics import format_value
from coverage.present.query import NATION_CHOICES
from coverage.present.text import md
from pages import common

logger = logging.getLogger("pages.plan")  # Streamlit runs a page as __main__

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
            logger.info("scenario link refused: %s", exc)
            st.error("The scenario in this link could not be used, so none is loaded: " + md("; ".join(exc.problems)))
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
        families = common.number_in(
            d3,
            "Families a year",
            ranges.FAMILIES_PER_YEAR,
            value=float(round(a.families_per_team)),
            key="plan_fam",
        )
        wte = fpw = None
    else:
        families = None
        wte = common.number_in(
            d3,
            "Whole-time equivalents",
            ranges.WTE,
            value=4.0,
            key="plan_wte",
        )
        fpw = common.number_in(
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
                f"{int(row['families_per_year'])} (published)"
                if row is not None and not missing(row["families_per_year"])
                else f"unknown, so {a.families_per_team:.0f} assumed"
            )
        )
        e1, e2, e3 = st.columns(3)
        scale = common.number_in(
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
        return f"Add **{md(c.name)}** serving {area_names(c)} ({format_value(families, 'int')} families a year)"
    if c.action == "resize":
        if families is not None:
            return f"Resize {team} to {format_value(families, 'int')} families a year"
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
        result = S.compare(atlas, scenario, a, common.all_levels(a))
        teams_before, teams_after = S.teams_counted(atlas, scenario, a)
    except (S.ScenarioError, KeyError, ValueError) as exc:
        # A scenario made against another directory version can name a team that is gone.
        logger.warning("plan scenario could not be computed: %r", exc)
        st.error(
            "This scenario could not be worked out against the current directory (a team it names may have "
            "changed). Remove the change that no longer applies above. Details: " + md(str(exc))
        )
if result is not None:
    uk = S.uk_change(result)
    st.subheader("Before and after")
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
target_low, target_high, target_step = ranges.TARGET_REACH.whole_percent()
target = t2.slider("to reach (% of need)", target_low, target_high, 50, step=target_step, key="plan_target") / 100
size = common.number_in(
    t3,
    "with teams of (families a year)",
    ranges.FAMILIES_PER_YEAR,
    value=float(round(a.families_per_team)),
    key="plan_size",
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
