"""Plan's "how many teams would it take, and at what cost": for the area the user came from, any set
of areas they choose, the UK, a nation or the Family Hubs authorities.

The figures come from the engine (``coverage.model.costs``); this module only lays them out.
"""

from __future__ import annotations

import streamlit as st

from coverage.model import costs, gaps, scenario_effect
from coverage.model.assumptions import Assumptions
from coverage.model.levels import LEVELS
from coverage.present import formats
from coverage.present.query import NATION_CHOICES
from coverage.present.text import md
from ui import cache, url_state

CHOSEN = "Areas I choose"
FAMILY_HUBS = "Family Hubs authorities"
# Levels whose areas a plan can name (regions and nations are answered by the council-by-council scopes).
PLAN_LEVELS = ("utla", "lad", "health")


def from_url(atlas) -> tuple[str, str] | None:
    """The (level, area code) Plan was opened for (``?area=CODE&level=LEVEL``), if it names a real area;
    else the area last chosen (on the map or a profile), so moving to Plan from the menu keeps it."""
    code = (st.query_params.get("area") or "").strip()[:20]
    level = st.query_params.get("level") or "utla"
    if not code and url_state.last_area():
        level, code = url_state.last_area()
    if not code or level not in PLAN_LEVELS:
        return None
    areas = atlas.level_areas(level)
    return (level, code) if code in areas.index else None


def seed_for_area(atlas, came_from: tuple[str, str] | None) -> None:
    """Open on the area the user came from: its level and area chosen for a new team and for teams needed.

    Seeded once per area arriving in the URL, so the user's later choices are not overwritten.
    """
    if came_from is None or st.session_state.get("plan_came_from") == came_from:
        return
    level, code = came_from
    st.session_state["plan_came_from"] = came_from
    st.session_state["plan_level"] = level
    st.session_state["plan_areas"] = [code]
    st.session_state["plan_need_level"] = level
    st.session_state["plan_need_areas"] = [code]
    st.session_state["plan_scope"] = CHOSEN


def opened_for(atlas, a: Assumptions, came_from: tuple[str, str] | None) -> None:
    """At the top of Plan opened for an area, its answer in one line (the detail is further down)."""
    if came_from is None:
        return
    level, code = came_from
    table = cache.area_table(level, a)
    rows = table[table["area_code"] == code]
    if rows.empty:
        return
    name = str(rows["area_name"].iloc[0])
    st.info(
        f"**Opened for {md(name)}.** {md(costs.headline(costs.cost_to_close(rows, a)))} The new team below is set "
        "to serve it; the band and what the cost rests on are under *How many teams would it take*.",
        icon=":material/location_on:",
    )


def _chosen_rows(atlas, a: Assumptions):
    c1, c2 = st.columns([1, 3])
    level = c1.selectbox("Level", PLAN_LEVELS, format_func=lambda k: LEVELS[k].label, key="plan_need_level")
    areas = atlas.level_areas(level).sort_values("area_name")
    names = dict(zip(areas.index, areas["area_name"]))
    if any(c not in names for c in st.session_state.get("plan_need_areas", [])):
        st.session_state["plan_need_areas"] = [c for c in st.session_state["plan_need_areas"] if c in names]
    chosen = c2.multiselect("Areas", list(names), format_func=names.get, key="plan_need_areas", filter_mode="contains")
    table = cache.area_table(level, a)
    rows = table[table["area_code"].isin(chosen)]
    return rows, ", ".join(names[c] for c in chosen), LEVELS[level].label.lower()


def teams_and_cost(atlas, a: Assumptions, size_input) -> None:
    """The section: scope, team size, then teams needed and their yearly cost with both bands."""
    st.subheader("How many teams would it take, and what would they cost?")
    st.markdown(
        f"To bring every area to **{formats.percent(a.target_reach, trim=True)} of estimated need**, the target "
        "reach set in the sidebar, with the cost per team a year set there too (change them there):"
    )
    st.session_state.setdefault("plan_scope", "UK")
    t1, t2 = st.columns([2, 1])
    scope = t1.selectbox("For", [CHOSEN, *NATION_CHOICES, FAMILY_HUBS], key="plan_scope")
    size = size_input(t2, "with teams of (families a year)", "plan_size")
    if size == round(a.families_per_team):
        # The box shows the sidebar's team size rounded (107 for 106.86); left there, it counts as that exact
        # size, as the sidebar's own box does, so Plan, Methods and the profile give one figure.
        size = a.families_per_team
    if scope == CHOSEN:
        rows, names, level_word = _chosen_rows(atlas, a)
        if rows.empty:
            st.info("Choose one or more areas above (or open Plan from an area's profile).")
            return
        where = f"**{md(names)}**" if len(rows) <= 4 else formats.counted(len(rows), level_word)
        st.markdown(f"Counting area by area across {where}, with the directory as it is now:")
    else:
        rows = scenario_effect.councils_in_scope(cache.area_table("utla", a), scope)
        st.markdown(
            f"Counting council by council across **{formats.counted(len(rows), 'council')}**, "
            "with the directory as it is now:"
        )
    c = costs.cost_to_close(rows, a, size)
    cols = st.columns(3)
    figures = (
        ("Low", a.prevalence_low, c.teams_low, c.cost_low, a.cost_per_team_low),
        ("Central", a.prevalence, c.teams, c.cost, a.cost_per_team),
        ("High", a.prevalence_high, c.teams_high, c.cost_high, a.cost_per_team_high),
    )
    for col, (band, prevalence, teams, cost, per_team) in zip(cols, figures):
        col.metric(f"{band} prevalence ({formats.percent(prevalence, trim=True)})", formats.counted(teams, "team"))
        col.caption(f"{formats.money(cost)} a year at {formats.money(per_team)} per team ({band.lower()} cost)")
    st.markdown(md(costs.headline(c)))
    st.caption(md(costs.rests_on(c)) + " " + md(gaps.TEAMS_NEEDED_RULE) + " " + md(a.describe()))
