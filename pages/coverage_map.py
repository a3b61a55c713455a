"""Home: headline figures and the coverage map, with the same figures as a table."""

import streamlit as st

from coverage.model import gaps
from coverage.model.benchmarks import completeness_sentence
from coverage.model.levels import LEVELS
from coverage.model.service_count import count_no_team
from coverage.present import area_deck, formats, query
from coverage.present.figures import choropleth
from coverage.present.metrics import METRICS, format_value
from coverage.present.query import NATION_CHOICES
from coverage.present.text import md
from pages import common, downloads
from pages.area_search import area_search
from pages.links import invite_new_team
from pages.tables import area_dataframe

MAP_HEIGHT = 620
LEGEND_BAND = 130  # the legend's band under the map, inside MAP_HEIGHT
view = common.sidebar()
a = view.assumptions
st.title("Where babies have no parent-infant relationship team")
st.caption(
    "Specialised parent-infant relationship teams across the UK, against the babies estimated to need them. "
    "Figures are estimates under the assumptions in the sidebar; every number says what it rests on."
)

# First control on the page after the sidebar: fewer Tab stops for keyboard users.
found = area_search("map_search")
if found:
    # Show the area where it is: its own level, on the whole UK map, outlined.
    st.session_state.update({"level": found.level, "nation": "UK", "area": found.area_code})
    st.rerun()  # so the headline figures above the map follow the new view too
summary = common.summary(a).set_index("area_name")
scope = "United Kingdom" if view.nation == "UK" else view.nation
row = summary.loc[scope]
cols = st.columns(5)
complete = common.completeness(a).set_index("scope").loc[scope]
published = (
    "" if complete["published"] is None or complete["published"] != complete["published"] else complete["published"]
)
cols[0].metric(
    "Teams counted",
    formats.whole(complete["counted"]) + (f" of {int(published)}" if published else ""),
    help=f"{complete['rows_and_services']} (the count every page shows)"
    + (f", against the {int(published)} published ({complete['published_when']})" if published else ""),
)
cols[1].metric(
    "Babies in the 1001 days",
    format_value(row["population_1001"], "int"),
    help="Babies aged 0 and 1 plus pregnancies in progress",
)
cols[2].metric(
    "Need a year",
    format_value(row["need_per_year"], "int"),
    help=f"Band {format_value(row['need_low'], 'int')} to {format_value(row['need_high'], 'int')}",
)
cols[3].metric(
    "Capacity a year",
    format_value(row["capacity_per_year"], "int"),
    help="Families a year the counted teams can see. "
    f"Band {format_value(row['capacity_low'], 'int')} to {format_value(row['capacity_high'], 'int')}",
)
cols[4].metric(
    "Reach of listed teams",
    format_value(row["reach"], "pct"),
    help=f"Band {format_value(row['reach_low'], 'pct')} to {format_value(row['reach_high'], 'pct')}",
)
st.caption(
    f"{scope}: need band {format_value(row['need_low'], 'int')} to {format_value(row['need_high'], 'int')} families a year; "
    f"reach band {format_value(row['reach_low'], 'pct')} to {format_value(row['reach_high'], 'pct')}. "
    "Reach counts listed teams only; the directory is partial, so gaps here may be gaps in the listing."
)
st.markdown(
    "**How complete the listing is:** "
    + " ".join(completeness_sentence(r) for _, r in common.completeness(a).iterrows())
)
st.caption(common.stale_line(a))

c1, c2, c3 = st.columns([1, 1, 1])
c1.selectbox("Areas", list(LEVELS), key="level", format_func=lambda k: LEVELS[k].label)
c2.selectbox("Colour by", list(METRICS), key="metric", format_func=lambda k: METRICS[k].label)
c3.selectbox("Nation", list(NATION_CHOICES), key="nation")
view = common.current_view()

# One message for the whole wait after a change of level or nation: the figures, the widgets, the map and the
# table. Each step alone is under the half second after which a spinner shows, so separate spinners never
# showed, while the page sat faded for seconds on a busy machine.
with st.spinner(f"Working out the figures and the map for every {LEVELS[view.level].label.lower()}…", show_time=True):
    table = common.area_table(view.level, a)
    shown = table if view.nation == "UK" else table[table["nation"] == view.nation]
    names = dict(zip(shown["area_code"], shown["area_name"]))
    if st.session_state.get("area") not in names:
        st.session_state["area"] = ""
    st.selectbox(
        "Outline an area on the map",
        [""] + sorted(names, key=names.get),
        key="area",
        format_func=lambda c: names.get(c, "Type a name…") if c else "Type a name…",
    )
    common.seed_from_url("_d3_url_ready", lambda params: ({"view3d": query.parse_three_d(params)[0]}, []))
    three_d = st.toggle(
        "3D view: raise each area by its unmet need a year",
        key="view3d",
        help="Same classes, colours and figures as the flat map; drag to turn it, the camera resets on each change.",
    )
    view = common.current_view()
    common.sync_url(
        view, keep=("level", "metric", "nation", "area"), extra={query.THREE_D_KEY: "1"} if three_d else None
    )

    metric = METRICS[view.metric]
    st.markdown(f"**{metric.label}** by {LEVELS[view.level].label.lower()}: {metric.description}.")
    event = None
    if three_d:
        st.pydeck_chart(
            area_deck.area_deck_3d(common.boundaries(view.level), shown, view.metric),
            key="map3d",
            height=MAP_HEIGHT,
            alt=area_deck.deck_summary(shown, view.metric),
        )
        common.colour_key(
            metric.label,
            [(f"{label} ({count})", colour) for label, colour, count in area_deck.legend_entries(shown, view.metric)],
        )
        st.caption(
            f"Height: {area_deck.HEIGHT_LABEL.lower()}, in proportion (the tallest area is the highest need unmet)."
        )
    else:
        tiles = st.toggle("Show a street basemap (needs internet access to a tile server)", value=False)
        fig = choropleth(
            common.map_geometry(view.level),
            shown,
            view.metric,
            highlight=view.area,
            tiles=tiles,
            height=MAP_HEIGHT,
            legend_below=LEGEND_BAND,
        )
        event = st.plotly_chart(
            fig,
            key="map",
            on_select="rerun",
            selection_mode="points",
            width="stretch",
            config={"scrollZoom": True, "displaylogo": False},
        )
    st.caption(count_no_team(shown).words(LEVELS[view.level].plural) + " (counted as on Compare).")
    downloads.map_and_table(common.atlas(), view.level, view.metric, a, shown, highlight=view.area, key="home")
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    picked = next((p.get("location") for p in points if p.get("location")), None)
    if picked and picked != view.area and picked in names:
        st.session_state["area"] = picked
        st.rerun()

    if view.area:
        r = shown.set_index("area_code").loc[view.area]
        st.info(
            f"**{md(r['area_name'])}**: {formats.counted(r['teams'], 'listed team')}; need {format_value(r['need_per_year'], 'int')} families a year; "
            f"reach of listed teams {format_value(r['reach'], 'pct')}; status: {md(gaps.status_words(r))}."
        )
        if r["teams"] == 0:
            invite_new_team(view.area, r["area_name"])
        if st.button(f"Open the profile of {md(r['area_name'])}", type="primary"):
            st.switch_page(
                "pages/profile.py",
                query_params={**common.page_links(view, keep=()), "area": view.area, "level": view.level},
            )

    st.header("The same figures as a table")
    area_dataframe(shown, key="map_table")
    st.caption(a.describe())
common.footer()
