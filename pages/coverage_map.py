"""Home: the coverage map in the first screen, with the headline figures (or the chosen area's) beside it.

Layout at 1366x768: the title, then two columns: on the left the area box, the figures for the view (the UK,
a nation, or the area chosen, with its answer card: profile and plan links), and how complete the listing is;
on the right the map's three choices and the map. The map's toggles, downloads and the same figures as a
table follow below. On a phone the columns stack: box and figures first, the map one scroll down.

Order of the run: the map is drawn as early as possible (right after the area box), so its element reaches
the browser first and plotly's script starts loading while the server writes the rest of the page.
"""

import streamlit as st

from coverage.model import gaps
from coverage.model.levels import LEVELS
from coverage.model.service_count import count_no_team
from coverage.present import area_deck, formats, query
from coverage.present.figures import legend_band
from coverage.present.metrics import METRICS, format_value, most_classes
from coverage.present.query import NATION_CHOICES
from coverage.present.source_links import completeness_line
from coverage.present.text import md
from ui import cache, chrome, downloads, url_state
from ui.area_search import area_search
from ui.listing_links import invite_new_team
from ui.sidebar import sidebar
from ui.table_twin import area_dataframe

# The legend's band under the map holds the longest legend of any metric, one entry a line as on a phone,
# so the map keeps its size when recoloured (a 120 px band overflowed with reach's nine classes: plotly took
# the overflow from the map, 8 px on a wide screen, 86 px on a phone, whose map then lost Cornwall).
LEGEND_BAND = legend_band(max(most_classes(m) for m in METRICS.values()))
MAP_AREA = 440  # px of map above the band
MAP_HEIGHT = MAP_AREA + LEGEND_BAND
DECK_HEIGHT = 560  # the 3D view draws its colour key outside the chart
TWIN_KEY = "map_table_open"
FIGURE_WIDTH = 165  # px: two figures to a row beside the map at 1366 px and on a 390 px phone
# This page only (the element goes with the page): less space above the title, a title on one line at
# 1366 px, and smaller figures, so the title, the figures and the whole map fit in a 768 px high window.
FIRST_SCREEN_CSS = """<style>
[data-testid="stMainBlockContainer"] { padding-top: 3rem; }
[data-testid="stMainBlockContainer"] h1 { font-size: 2rem; padding-bottom: 0.5rem; }
[data-testid="stMainBlockContainer"] [data-testid="stMetricValue"] { font-size: 1.5rem; }
</style>"""
view = sidebar()
a = view.assumptions
st.html(FIRST_SCREEN_CSS)
st.title("Where babies have no parent-infant relationship team")
side, main = st.columns([2, 3], gap="medium")

with side:
    # First control on the page after the sidebar: fewer Tab stops for keyboard users. It is also the one
    # area box: choosing a result outlines the area on the map and shows its figures here.
    found = area_search("map_search")
if found:
    # Show the area where it is: its own level, on the whole UK map, outlined.
    st.session_state.update({"level": found.level, "nation": "UK", "area": found.area_code})
    st.rerun()  # so the figures beside the map follow the new view too

with main:
    c1, c2, c3 = st.columns(3)
    c1.selectbox("Areas", list(LEVELS), key="level", format_func=lambda k: LEVELS[k].label)
    c2.selectbox("Colour by", list(METRICS), key="metric", format_func=lambda k: METRICS[k].label)
    c3.selectbox("Nation", list(NATION_CHOICES), key="nation")
view = url_state.current_view()


def _map(view: query.View, shown, three_d: bool):
    """The map (flat, or raised in 3D); returns the flat map's selection event."""
    metric = METRICS[view.metric]
    st.markdown(f"**{metric.label}** by {LEVELS[view.level].label.lower()}: {metric.description}.")
    if three_d:
        st.pydeck_chart(
            area_deck.area_deck_3d(cache.boundaries(view.level), shown, view.metric),
            key="map3d",
            height=DECK_HEIGHT,
            alt=area_deck.deck_summary(shown, view.metric),
        )
        chrome.colour_key(
            metric.label,
            [(f"{label} ({count})", colour) for label, colour, count in area_deck.legend_entries(shown, view.metric)],
        )
        st.caption(
            f"Height: {area_deck.HEIGHT_LABEL.lower()}, in proportion (the tallest area is the highest need unmet)."
        )
        return None
    fig = cache.area_map(view, tiles=bool(st.session_state.get("tiles")), height=MAP_HEIGHT, legend_below=LEGEND_BAND)
    return st.plotly_chart(
        fig,
        key="map",
        on_select="rerun",
        selection_mode="points",
        width="stretch",
        config={"scrollZoom": True, "displaylogo": False},
    )


def _figures(row, scope: str, complete=None) -> None:
    """The headline figures for the view's scope (the UK, a nation, or the chosen area), two to a row.

    For the UK or a nation, ``complete`` is its completeness row: the teams figure is then the one
    service count every page shows, against the published count where one is known."""
    teams, published = row["teams"], None
    if complete is not None:
        teams, published = complete["counted"], complete["published"]
        published = None if published is None or published != published else published
    st.markdown(f"**{md(scope)}**")
    # Wraps two to a row in the narrow column and on a phone (nested columns would stack one per row there).
    box = st.container(horizontal=True, gap="small")
    box.metric(
        "Teams counted",
        formats.whole(teams) + (f" of {int(published)}" if published else ""),
        help="Listed teams that count under the sidebar's choices, each service once"
        + (f": {complete['rows_and_services']}" if complete is not None else "")
        + (f", against the {int(published)} published ({complete['published_when']})" if published else ""),
        width=FIGURE_WIDTH,
    )
    box.metric(
        "Reach of listed teams",
        format_value(row["reach"], "pct"),
        help=f"Band {format_value(row['reach_low'], 'pct')} to {format_value(row['reach_high'], 'pct')}",
        width=FIGURE_WIDTH,
    )
    box.metric(
        "Need a year",
        format_value(row["need_per_year"], "int"),
        help=f"Band {format_value(row['need_low'], 'int')} to {format_value(row['need_high'], 'int')}",
        width=FIGURE_WIDTH,
    )
    box.metric(
        "Capacity a year",
        format_value(row["capacity_per_year"], "int"),
        help="Families a year the counted teams can see. "
        f"Band {format_value(row['capacity_low'], 'int')} to {format_value(row['capacity_high'], 'int')}",
        width=FIGURE_WIDTH,
    )
    box.metric(
        "Babies in the 1001 days",
        format_value(row["population_1001"], "int"),
        help="Babies aged 0 and 1 plus pregnancies in progress",
        width=FIGURE_WIDTH,
    )


def _answer_card(view: query.View, r) -> None:
    """What the chosen area's figures say, and where to go next: its profile, and a plan for it."""
    st.info(
        f"**{md(r['area_name'])}**: {formats.counted(r['teams'], 'listed team')}; "
        f"need {format_value(r['need_per_year'], 'int')} families a year; status: {md(gaps.status_words(r))}."
    )
    link = {**url_state.page_links(view, keep=()), "area": view.area, "level": view.level}
    st.page_link(
        "pages/profile.py",
        label=f"Open the profile of {md(r['area_name'])}",
        icon=":material/location_on:",
        query_params=link,
    )
    st.page_link("pages/plan.py", label="Plan for this area", icon=":material/add_location_alt:", query_params=link)
    if r["teams"] == 0:
        invite_new_team(view.area, r["area_name"])
    st.button("Show the whole UK again", key="clear_area", on_click=lambda: st.session_state.update(area=""))


# One message for the whole wait after a change of level or nation: the figures, the widgets, the map and the
# table. Each step alone is under the half second after which a spinner shows, so separate spinners never
# showed, while the page sat faded for seconds on a busy machine.
with st.spinner(f"Working out the figures and the map for every {LEVELS[view.level].label.lower()}…", show_time=True):
    table = cache.area_table(view.level, a)
    completeness = cache.completeness(a)  # a copy from the cache each call: read once per run
    shown = table if view.nation == "UK" else table[table["nation"] == view.nation]
    names = dict(zip(shown["area_code"], shown["area_name"]))
    if st.session_state.get("area") not in names:
        st.session_state["area"] = ""
    url_state.seed_from_url("_d3_url_ready", lambda params: ({"view3d": query.parse_three_d(params)[0]}, []))
    three_d = bool(st.session_state.get("view3d"))
    view = url_state.current_view()
    with main:
        event = _map(view, shown, three_d)

    with side:
        if view.area:
            r = shown.set_index("area_code").loc[view.area]
            _figures(r, f"{r['area_name']}, {LEVELS[view.level].label.lower()}")
            _answer_card(view, r)
        else:
            scope = "United Kingdom" if view.nation == "UK" else view.nation
            complete = completeness.set_index("scope").loc[scope]
            _figures(cache.summary(a).set_index("area_name").loc[scope], scope, complete)
            st.caption(cache.stale_line(a))
            st.caption("Find an area above, or click one on the map, for its own figures, profile and plan.")

    with main:
        st.toggle(
            "3D view: raise each area by its unmet need a year",
            key="view3d",
            help="Same classes, colours and figures as the flat map; drag to turn it, the camera resets on each change.",
        )
        if not three_d:
            st.toggle("Show a street basemap (needs internet access to a tile server)", value=False, key="tiles")
        st.caption(
            "Estimates under the sidebar's assumptions; reach counts listed teams only, and the directory is "
            "partial, so a gap here may be a gap in the listing. **How complete the listing is:** "
            + completeness_line(r for _, r in completeness.iterrows())
        )
        st.caption(count_no_team(shown).words(LEVELS[view.level].plural) + " (counted as on Compare).")
    url_state.sync_url(
        view, keep=("level", "metric", "nation", "area"), extra={query.THREE_D_KEY: "1"} if three_d else None
    )
    downloads.map_and_table(cache.atlas(), view.level, view.metric, a, shown, highlight=view.area, key="home")
    points = (event or {}).get("selection", {}).get("points", []) if event else []
    picked = next((p.get("location") for p in points if p.get("location")), None)
    if picked and picked != view.area and picked in names:
        st.session_state["area"] = picked
        st.rerun()

    # The table twin of the map, one click away: its rows (and the data grid's script, which the browser
    # loaded alongside plotly's) are sent only once it is opened, so they no longer delay the map.
    twin = st.expander("The same figures as a table", key=TWIN_KEY, on_change="rerun")
    if twin.open:
        with twin:
            area_dataframe(shown, key="map_table")
    st.caption(a.describe())
chrome.footer()
