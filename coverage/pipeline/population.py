"""District population: ONS mid-2022 ages 0 and 1, and 2023 registered births.

Mid-2022 is the one vintage that covers all four nations from one source, so it is the
default. Registered births exist for England and Wales only; they are kept alongside so the
engine can offer them as an option and say where it falls back.

A refresh (``coverage.pipeline.refresh``) writes the same two files for a newer vintage and
passes its year; its own checks reconcile that vintage against the publisher's country totals,
so the hand-checked mid-2022 UK totals below apply to mid-2022 only.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

MYE_FILE = "population/tidy/population_age0_1_by_lad.csv"
BIRTHS_FILE = "population/tidy/live_births_2023_by_area_england_wales.csv"
UK_AGE0_MID2022 = 694_286
UK_AGE1_MID2022 = 690_494


def build_population(shared: Path, districts: pd.DataFrame, year: int = 2022) -> pd.DataFrame:
    """Age 0, age 1 and registered births per district, with a note where births are shared out."""
    mye = pd.read_csv(shared / MYE_FILE, dtype={"area_code": str})
    mye = mye[mye["year"] == year]
    ages = mye.pivot_table(index="area_code", columns="age", values="persons", aggfunc="sum")
    out = districts[["lad_code"]].copy()
    out["age0"] = out["lad_code"].map(ages[0]).astype("int64")
    out["age1"] = out["lad_code"].map(ages[1]).astype("int64")
    if out[["age0", "age1"]].isna().any().any():
        raise ValueError(f"{MYE_FILE}: a district has no mid-{year} population")
    if year == 2022 and (out["age0"].sum() != UK_AGE0_MID2022 or out["age1"].sum() != UK_AGE1_MID2022):
        raise ValueError(f"{MYE_FILE}: UK totals do not reconcile with ONS mid-2022")

    births = pd.read_csv(shared / BIRTHS_FILE, dtype={"area_code": str})
    births = births[
        births["geography"].isin(
            ["Unitary Authority", "Non-metropolitan District", "Metropolitan District", "London Borough"]
        )
    ]
    by_code = dict(zip(births["area_code"], births["live_births"]))
    registered, notes = [], []
    for row in out.itertuples():
        if row.lad_code in by_code:
            registered.append(float(by_code[row.lad_code]))
            notes.append("")
            continue
        combined = [c for c in by_code if row.lad_code in [p.strip() for p in c.split(",")]]
        if combined:
            codes = [p.strip() for p in combined[0].split(",")]
            group_age0 = out.loc[out["lad_code"].isin(codes), "age0"].sum()
            registered.append(by_code[combined[0]] * row.age0 / group_age0)
            notes.append(
                "ONS publishes one births figure for "
                + " and ".join(codes)
                + f"; shared out by mid-{year} age-0 population"
            )
            continue
        registered.append(float("nan"))
        notes.append("no registered births by area are published in the atlas's sources for this nation")
    out["births_registered"] = registered
    out["births_registered_note"] = notes
    return out
