"""The accessible table twin of every map and chart: same numbers, readable by screen readers."""

import pandas as pd
import streamlit as st

COLUMNS = {
    "area_name": st.column_config.TextColumn("Area"),
    "nation": st.column_config.TextColumn("Nation"),
    "teams": st.column_config.NumberColumn("Listed teams", format="%d"),
    "population_1001": st.column_config.NumberColumn("Babies in 1001 days", format="localized"),
    "annual_births": st.column_config.NumberColumn("Births a year", format="localized"),
    "need_per_year": st.column_config.NumberColumn("Need a year", format="localized"),
    "capacity_per_year": st.column_config.NumberColumn("Families listed teams can see a year", format="localized"),
    "reach": st.column_config.NumberColumn("Reach of listed teams", format="percent"),
    "unmet_need_per_year": st.column_config.NumberColumn("Unmet need a year", format="localized"),
    "teams_needed": st.column_config.NumberColumn("Teams needed for target", format="%d"),
    "status": st.column_config.TextColumn("Status"),
    "dep_share": st.column_config.NumberColumn("Deprived small areas (within nation)", format="percent"),
}


def area_dataframe(table: pd.DataFrame, key: str, height: int = 420):
    cols = [c for c in COLUMNS if c in table.columns]
    shown = table[cols].sort_values(["reach", "unmet_need_per_year"], ascending=[True, False], na_position="last")
    rounded = [
        c
        for c in ("population_1001", "annual_births", "need_per_year", "capacity_per_year", "unmet_need_per_year")
        if c in shown
    ]
    shown[rounded] = shown[rounded].round(0)
    return st.dataframe(
        shown,
        column_config=COLUMNS,
        hide_index=True,
        width="stretch",
        height=height,
        key=key,
    )
