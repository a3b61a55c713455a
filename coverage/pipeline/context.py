"""Context for each area: deprivation within its nation and Family Hubs membership.

Deprivation indices are relative within each nation and cannot be compared across nations;
the measure kept is the one every nation publishes in the same form: the share of small
areas in the nation's most deprived tenth. Where no honest figure exists at a level, the
value is left blank with the reason.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

FAMILY_HUBS_FILE = "teams/family_hubs_las.csv"
# Names in the Family Hubs list that differ from the ONS names of the same councils.
FAMILY_HUBS_ALIASES = {
    "Bedford Borough": "Bedford",
    "Bristol": "Bristol, City of",
    "Durham": "County Durham",
    "Kingston Upon Hull": "Kingston upon Hull, City of",
}

DEVOLVED_INDEX_NOTE = (
    "{index}: share of small areas in the most deprived 10% of {nation}; aggregated to "
    "councils by the humaniverse/IMD package from small-area ranks (not an official summary)"
)


def family_hubs_codes(shared: Path, districts: pd.DataFrame) -> list[str]:
    """Council codes of the 75 Family Hubs and Start for Life authorities."""
    listed = pd.read_csv(shared / FAMILY_HUBS_FILE, dtype=str)["local_authority"]
    by_name = dict(zip(districts["utla_name"], districts["utla_code"]))
    codes, missing = [], []
    for name in listed:
        code = by_name.get(FAMILY_HUBS_ALIASES.get(name, name))
        (codes if code else missing).append(code or name)
    if missing:
        raise ValueError(f"{FAMILY_HUBS_FILE}: no council matches {missing}")
    if len(set(codes)) != len(listed):
        raise ValueError(f"{FAMILY_HUBS_FILE}: two names match one council")
    return sorted(codes)


def deprivation_by_level(shared: Path, districts: pd.DataFrame, atoms: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Deprivation columns per area code, for each level."""
    imd = pd.read_csv(shared / "population/tidy/imd2025_lad_summary.csv", dtype={"area_code": str})
    icb = pd.read_csv(shared / "population/tidy/imd2025_icb_summary.csv", dtype={"icb24_code": str})
    dev = pd.read_csv(shared / "population/tidy/deprivation_devolved_la_summary.csv", dtype={"area_code": str})
    lsoas = atoms.groupby("lad_code")["n_lsoa21"].sum()

    lad = districts[["lad_code", "utla_code", "region_code", "nation_name"]].copy()
    eng = imd.set_index("area_code")
    lad["dep_share"] = lad["lad_code"].map(eng["imd_prop_lsoas_most_deprived_10pct"])
    lad["imd_score"] = lad["lad_code"].map(eng["imd_average_score"])
    lad["dep_index"] = lad["dep_share"].notna().map({True: "IMD 2025", False: ""})
    lad["dep_note"] = (
        lad["dep_share"]
        .notna()
        .map({True: "IMD 2025: share of LSOAs in England's most deprived 10% (official district summary)", False: ""})
    )
    devd = dev.set_index("area_code")
    is_dev = lad["lad_code"].isin(devd.index)
    lad.loc[is_dev, "dep_share"] = lad.loc[is_dev, "lad_code"].map(
        devd["prop_small_areas_most_deprived_10pct_within_nation"]
    )
    lad.loc[is_dev, "dep_index"] = lad.loc[is_dev, "lad_code"].map(devd["index"])
    lad.loc[is_dev, "dep_note"] = [
        DEVOLVED_INDEX_NOTE.format(index=devd.at[c, "index"], nation=devd.at[c, "nation"])
        for c in lad.loc[is_dev, "lad_code"]
    ]
    if lad["dep_share"].isna().any():
        raise ValueError("a district has no deprivation figure")
    lad["n_lsoa21"] = lad["lad_code"].map(lsoas).fillna(0)

    def lsoa_weighted(group_col: str, note: str) -> pd.DataFrame:
        england = lad[lad["nation_name"] == "England"].copy()
        england["deprived"] = england["dep_share"] * england["n_lsoa21"]
        g = england.groupby(group_col)[["deprived", "n_lsoa21"]].sum()
        return pd.DataFrame(
            {
                "dep_share": g["deprived"] / g["n_lsoa21"],
                "imd_score": float("nan"),
                "dep_index": "IMD 2025",
                "dep_note": note,
            }
        )

    utla_eng = lsoa_weighted(
        "utla_code", "IMD 2025: share of LSOAs in England's most deprived 10%, summed from its districts by LSOA count"
    )
    # A devolved council is its own district, so its figure carries over unchanged.
    utla_dev = lad[lad["nation_name"] != "England"].set_index("utla_code")[
        ["dep_share", "imd_score", "dep_index", "dep_note"]
    ]
    # Where a council is a single district, the official district IMD score applies to it.
    single = lad[lad["lad_code"] == lad["utla_code"]].set_index("lad_code")["imd_score"]
    utla_eng["imd_score"] = utla_eng.index.map(single)
    utla = pd.concat([utla_eng, utla_dev])
    # County IMD scores are not an average of district scores: blank, with the reason.
    region = lsoa_weighted(
        "region_code",
        "IMD 2025: share of LSOAs in England's most deprived 10%, summed from its districts by LSOA count",
    )
    health = pd.DataFrame(
        {
            "dep_share": icb.set_index("icb24_code")["imd_proportion_of_lso_as_in_most_deprived_10_percent_nationally"],
            "imd_score": icb.set_index("icb24_code")["imd_average_score"],
            "dep_index": "IMD 2025",
            "dep_note": "IMD 2025: share of LSOAs in England's most deprived 10% (official ICB summary)",
        }
    )
    return {
        "lad": lad.set_index("lad_code")[["dep_share", "imd_score", "dep_index", "dep_note"]],
        "utla": utla,
        "health": health,
        "region": region,
        "nation": pd.DataFrame(columns=["dep_share", "imd_score", "dep_index", "dep_note"]),
    }


UNKNOWN_DEPRIVATION = {
    "health": "No published summary for Welsh, Scottish or Northern Irish health areas on a within-nation basis",
    "region": "Each nation's index is relative within that nation, so a whole-nation figure says nothing",
    "nation": "Each nation's index is relative within that nation, so a whole-nation figure says nothing",
}
