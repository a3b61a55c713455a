"""Atoms: the smallest pieces every level is assembled from.

An atom is a local authority district, except where a district is split between integrated
care boards: then each part is its own atom, carrying the ONS LSOA-count share of the
district. Summing atoms gives every level, so totals reconcile at all of them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from coverage.model.levels import NATIONS


def _read(shared: Path, rel: str) -> pd.DataFrame:
    return pd.read_csv(shared / rel, dtype=str, keep_default_na=False)


def build_district_lookup(shared: Path) -> pd.DataFrame:
    """One row per district: its council, region and nation codes and names."""
    master = _read(shared, "geography/lookups/lad24_master_lookup_uk.csv")
    out = pd.DataFrame(
        {
            "lad_code": master["LAD24CD"],
            "lad_name": master["LAD24NM"],
            "utla_code": master["CTYUA23CD"],
            "utla_name": master["CTYUA23NM"],
            "nation_code": master["CTRY24CD"],
        }
    )
    # Wales, Scotland and Northern Ireland have no ONS region: each nation stands as one.
    is_england = master["CTRY24CD"] == "E92000001"
    out["region_code"] = master["RGN24CD"].where(is_england, master["CTRY24CD"])
    out["region_name"] = master["RGN24NM"].where(is_england, master["CTRY24NM"])
    out["nation_name"] = out["nation_code"].map(NATIONS)
    if out["nation_name"].isna().any():
        raise ValueError("lad24_master_lookup_uk.csv: unknown country code")
    return out.sort_values("lad_code").reset_index(drop=True)


def build_atoms(shared: Path) -> pd.DataFrame:
    """One row per atom: district code, health-area code and the district's share in it.

    England uses the LSOA-weighted district-to-ICB lookup so that split districts are
    apportioned by share, not by best fit; elsewhere a district lies in one health area.
    """
    master = _read(shared, "geography/lookups/lad24_master_lookup_uk.csv")
    weighted = _read(shared, "geography/lookups/lad24_to_icb24_en_lsoa_weighted.csv")
    england = pd.DataFrame(
        {
            "lad_code": weighted["LAD24CD"],
            "health_code": weighted["ICB24CD"],
            "share": weighted["share_of_lad_lsoa21"].astype(float),
            "n_lsoa21": weighted["n_lsoa21"].astype(int),
            "is_best_fit": weighted["is_best_fit"] == "True",
        }
    )
    # Shares are LSOA counts; make each district's shares sum to exactly one.
    england["share"] = england["n_lsoa21"] / england.groupby("lad_code")["n_lsoa21"].transform("sum")
    devolved = master[master["CTRY24CD"] != "E92000001"]
    others = pd.DataFrame(
        {
            "lad_code": devolved["LAD24CD"],
            "health_code": devolved["HEALTH_CD"],
            "share": 1.0,
            "n_lsoa21": 0,
            "is_best_fit": True,
        }
    )
    atoms = pd.concat([england, others], ignore_index=True)
    missing = set(master["LAD24CD"]) - set(atoms["lad_code"])
    if missing:
        raise ValueError(f"districts with no health area: {sorted(missing)}")
    n_parts = atoms.groupby("lad_code")["health_code"].transform("count")
    atoms["atom_id"] = atoms["lad_code"].where(n_parts == 1, atoms["lad_code"] + ":" + atoms["health_code"])
    atoms = atoms.sort_values("atom_id").reset_index(drop=True)
    return atoms[["atom_id", "lad_code", "health_code", "share", "n_lsoa21", "is_best_fit"]]
