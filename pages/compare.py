"""Compare areas: a sortable, filterable ranking with the top and bottom as a bar chart."""

import streamlit as st

from coverage.model import ranking
from coverage.model.levels import LEVELS
from coverage.present.figures import bar_chart
from coverage.present.metrics import METRICS, format_value
from coverage.present.query import NATION_CHOICES
from pages import common, downloads
from pages.tables import area_dataframe

view = common.sidebar()
a = view.assumptions
st.title("Compare areas")

c1, c2, c3 = st.columns(3)
level = c1.selectbox(
    "Areas", list(LEVELS), index=list(LEVELS).index(view.level), format_func=lambda k: LEVELS[k].label, key="cmp_level"
)
metric = c2.selectbox("Rank by", list(METRICS), format_func=lambda k: METRICS[k].label, key="cmp_metric")
nation = c3.selectbox("Nation", list(NATION_CHOICES), key="cmp_nation")
table = common.area_table(level, a)
regions = sorted(r for r in table["region"].dropna().unique() if r) if "region" in table else []
f1, f2, f3, f4 = st.columns(4)
region = f1.selectbox("Region", ["All"] + regions, key="cmp_region", disabled=not regions)
fh_only = f2.checkbox("Family Hubs authorities only", key="cmp_fh", disabled=level not in ("utla", "lad"))
no_team = f3.checkbox("Areas with no team listed only", key="cmp_noteam")
deciles = f4.multiselect("Deprivation decile (1 = most deprived, within nation)", list(range(1, 11)), key="cmp_dec")

ranked = ranking.filtered(
    table, nation=nation, region=region, family_hubs_only=fh_only, no_team_only=no_team, deciles=deciles
)
common.sync_url(view)
st.caption(f"{len(ranked)} of {len(table)} {LEVELS[level].plural} match.")
if ranked.empty:
    st.info("No area matches these filters.")
else:
    n = st.slider("Show the top and bottom", 5, 25, 10, key="cmp_n")
    top, bottom = ranking.top_bottom(ranked, METRICS[metric].column, n)
    left, r = st.columns(2)
    with left:
        st.plotly_chart(
            bar_chart(top, metric, title=f"Highest {METRICS[metric].label.lower()}"),
            width="stretch",
            config={"displaylogo": False},
        )
    tied, low = ranking.ties_at_bottom(ranked, METRICS[metric].column)
    with r:
        if tied > n:
            st.caption(
                f"{tied} areas share the lowest value ({format_value(low, METRICS[metric].fmt)}); "
                f"{n} of them are shown, alphabetically. The table below lists them all."
            )
        st.plotly_chart(
            bar_chart(bottom, metric, title=f"Lowest {METRICS[metric].label.lower()}"),
            width="stretch",
            config={"displaylogo": False},
        )
    downloads.chart(common.atlas(), level, metric, a, ranked)
    area_dataframe(ranked.assign(dep_decile=ranked["dep_decile"]), key="cmp_table", height=500)
st.caption(a.describe())
common.footer()
