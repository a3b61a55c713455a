"""Compare areas: chosen areas side by side, and a ranking whose every control is in the URL."""

import streamlit as st

from coverage.model import ranking
from coverage.model.levels import LEVELS
from coverage.model.service_count import count_no_team
from coverage.present import area_labels, compare_query, formats, side_by_side
from coverage.present.area_bars import bar_chart
from coverage.present.metrics import METRICS
from coverage.present.query import NATION_CHOICES
from ui import cache, chrome, downloads, url_state
from ui.sidebar import sidebar
from ui.table_twin import area_dataframe

view = sidebar()
a = view.assumptions
atlas = cache.atlas()
st.title("Compare areas")

# ------------------------------------------------------------------ URL -> controls
# The URL is read into the controls when the page opens, and again whenever it differs from
# what the page last wrote (a shared link, or the browser's Back and Forward).
all_regions = {r for r in atlas.areas.get("region", []) if isinstance(r, str) and r}
state, messages = compare_query.parse(st.query_params.to_dict(), atlas.known_codes(), all_regions)
if st.session_state.get("_cmp_written") != compare_query.encode(state):
    for message in messages:
        st.warning(message, icon="⚠️")
    st.session_state.update(
        {
            "cmp_level": state.level,
            "cmp_metric": state.metric,
            "cmp_nation": state.nation,
            "cmp_region": state.region,
            "cmp_fh": state.family_hubs_only,
            "cmp_noteam": state.no_team_only,
            "cmp_dec": list(state.deciles),
            "cmp_n": state.show,
            "cmp_pick": [f"{lvl}:{code}" for lvl, code in state.picks],
        }
    )

metric = st.selectbox("Figure", list(METRICS), format_func=lambda k: METRICS[k].label, key="cmp_metric")
m = METRICS[metric]
tables = cache.all_levels(a)
summary = cache.summary(a)

# ------------------------------------------------------------------ chosen areas side by side
st.subheader("Chosen areas side by side")
options = atlas.areas.sort_values(["area_name", "level"])
names = {f"{r.level}:{r.area_code}": area_labels.area_label(r.area_name, r.level) for r in options.itertuples()}
st.multiselect(
    "Areas to set side by side (any level: councils, districts, health areas, regions, nations)",
    list(names),
    format_func=names.get,
    key="cmp_pick",
    max_selections=compare_query.MAX_PICKS,
    placeholder="Type an area's name…",
    filter_mode="contains",  # "Kent" offers Kent and its ICB, not "Kensington" (fuzzy letter order)
)
picks = [tuple(p.split(":", 1)) for p in st.session_state["cmp_pick"]]
chosen = ranking.picked_areas(tables, picks)
if chosen.empty:
    st.caption("Choose two or more areas to see them side by side, with the UK and their nations for reference.")
else:
    chosen_labels = [names[f"{lvl}:{code}"] for lvl, code in zip(chosen["level"], chosen["area_code"])]
    refs = ranking.references(summary, m.column, chosen["nation"].unique()) if m.is_rate else []
    pick_title = f"{m.label} in {formats.counted(len(chosen), 'chosen area')}"

    def side_by_side_chart(title: str = ""):
        return bar_chart(chosen, metric, order="as_given", references=refs, labels=chosen_labels, title=title)

    st.plotly_chart(
        side_by_side_chart(pick_title),
        width="stretch",
        config={"displaylogo": False},
        key="cmp_pick_chart",
    )
    downloads.figure(
        atlas,
        a,
        side_by_side_chart,
        f"{pick_title}: {', '.join(chosen_labels)}" if len(chosen_labels) <= 4 else pick_title,
        "side-by-side",
        "dl_pick",
    )
    st.dataframe(
        side_by_side.table(chosen, chosen_labels),
        hide_index=True,
        width="stretch",
        key="cmp_pick_table",
        # Pinned at a set width: a long ICB name pushed every figure off a phone's screen; the chart
        # above gives each name in full, and the cell shows it on hover.
        column_config={"Area": st.column_config.TextColumn("Area", pinned=True, width="medium")},
    )

# ------------------------------------------------------------------ ranking
st.subheader("Highest and lowest")
c1, c2 = st.columns(2)
level = c1.selectbox("Areas", list(LEVELS), format_func=lambda k: LEVELS[k].label, key="cmp_level")
nation = c2.selectbox("Nation", list(NATION_CHOICES), key="cmp_nation")
table = tables[level]
regions = sorted(r for r in table["region"].dropna().unique() if r) if "region" in table else []
if st.session_state.get("cmp_region") not in ["All"] + regions:
    st.session_state["cmp_region"] = "All"
f1, f2, f3, f4 = st.columns(4)
region = f1.selectbox("Region", ["All"] + regions, key="cmp_region", disabled=not regions)
fh_only = f2.checkbox("Family Hubs authorities only", key="cmp_fh", disabled=level not in ("utla", "lad"))
no_team = f3.checkbox(
    "Areas with no counted team only",
    key="cmp_noteam",
    help="None listed, a team reported but not listed, or a service listed but not counted as a team",
)
deciles = f4.multiselect("Deprivation decile (1 = most deprived, within nation)", list(range(1, 11)), key="cmp_dec")
n = st.slider("Show up to this many in each list", *compare_query.SHOW_RANGE, key="cmp_n")

# ------------------------------------------------------------------ controls -> URL
written = compare_query.encode(
    compare_query.CompareState(
        level=level,
        metric=metric,
        nation=nation,
        region=region,
        family_hubs_only=fh_only,
        no_team_only=no_team,
        deciles=tuple(deciles),
        show=n,
        picks=tuple(picks),
    )
)
st.session_state["_cmp_written"] = written
wanted = {**url_state.page_links(view, keep=()), **written}
if st.query_params.to_dict() != wanted:
    st.query_params.from_dict(wanted)

ranked = ranking.filtered(
    table, nation=nation, region=region, family_hubs_only=fh_only, no_team_only=no_team, deciles=deciles
)
plural = LEVELS[level].plural
st.caption(
    f"{len(ranked)} of {len(table)} {plural} match. " + (count_no_team(ranked).words(plural) + "." if no_team else "")
)
if ranked.empty:
    st.info("No area matches these filters.")
else:
    lists = ranking.ranked(ranked, m.column, n)
    refs = ranking.references(summary, m.column, [] if nation == "UK" else [nation]) if m.is_rate else []
    low_text = formats.value(lists.low_value, m.fmt)
    if lists.all_equal:
        st.info(f"All {len(ranked)} {plural} shown share the same {m.label.lower()}: {low_text}.")
    if lists.tied_low > 1:
        st.caption(
            f"{lists.tied_low} {plural} share the lowest value ({low_text}); "
            + (
                f"{len(lists.lowest)} of them are listed, alphabetically; the table below lists them all."
                if lists.tied_low > len(lists.lowest)
                else "they are listed alphabetically."
            )
        )
    if lists.tied_at_cut:
        st.caption(f"{lists.tied_at_cut} more {plural} tie with the last area in the highest list and are not shown.")
    for key, rows, order, word in (
        ("cmp_high", lists.highest, "high_first", "Highest"),
        ("cmp_low", lists.lowest, "low_first", "Lowest"),
    ):
        if rows.empty:
            continue
        title = f"{word} {m.label.lower()}: {formats.counted(len(rows), 'area')}, {word.lower()} first"
        st.plotly_chart(
            bar_chart(rows, metric, order=order, references=refs, title=title),
            width="stretch",
            config={"displaylogo": False},
            key=key,
        )
    downloads.chart(
        atlas, level, metric, a, ranked, where=compare_query.filter_words(nation, region, fh_only, no_team, deciles)
    )
    area_dataframe(ranked.assign(dep_decile=ranked["dep_decile"]), key="cmp_table", height=500)
st.caption(a.describe())
chrome.footer()
