"""Atoms: the smallest pieces every level is assembled from.

An atom is a local authority district, except where a district is split between health
areas: then each part is its own atom, carrying its share of the district. Summing atoms
gives every level, so totals reconcile at all of them.

- England: districts split between integrated care boards carry the ONS LSOA-count share
  (``share_basis`` "lsoa").
- Northern Ireland: the published lookup puts each district wholly in one HSC trust, but the
  official trust boundaries cut several districts (40.7% of Newry, Mourne and Down lies in the
  South Eastern Trust). No NI small-area population is shipped, so a cut district is split by
  *land area*: each part carries its share of the district's area (``share_basis`` "area"),
  and every figure for a part is an estimate that assumes people spread evenly. Parts under
  ``NI_MIN_AREA_SHARE`` of a district are where two differently generalised layers disagree
  along a shared edge, not real cuts, and stay with the district's main trust.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from coverage.model.levels import NATIONS

LAD_BOUNDARIES = "geography/lad_may2024_uk_buc.geojson"
HSCT_BOUNDARIES = "geography/hsct_ni_simplified.geojson"
# Irish Transverse Mercator: metres, so areas are areas.
NI_AREA_CRS = 2157
# Parts of a district smaller than this share of its area are edge noise between layers.
NI_MIN_AREA_SHARE = 0.05


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
    england["share_basis"] = "lsoa"
    devolved = master[~master["CTRY24CD"].isin(["E92000001", "N92000002"])]
    others = pd.DataFrame(
        {
            "lad_code": devolved["LAD24CD"],
            "health_code": devolved["HEALTH_CD"],
            "share": 1.0,
            "n_lsoa21": 0,
            "is_best_fit": True,
            "share_basis": "whole",
        }
    )
    atoms = pd.concat([england, others, ni_trust_parts(shared)], ignore_index=True)
    missing = set(master["LAD24CD"]) - set(atoms["lad_code"])
    if missing:
        raise ValueError(f"districts with no health area: {sorted(missing)}")
    n_parts = atoms.groupby("lad_code")["health_code"].transform("count")
    atoms["atom_id"] = atoms["lad_code"].where(n_parts == 1, atoms["lad_code"] + ":" + atoms["health_code"])
    atoms.loc[n_parts == 1, "share_basis"] = "whole"
    atoms = atoms.sort_values("atom_id").reset_index(drop=True)
    return atoms[["atom_id", "lad_code", "health_code", "share", "share_basis", "n_lsoa21", "is_best_fit"]]


def ni_trust_parts(shared: Path) -> pd.DataFrame:
    """Northern Ireland's districts cut along the official HSC trust boundaries, by area share."""
    lad = gpd.read_file(shared / LAD_BOUNDARIES)
    lad = lad[lad["LAD24CD"].str.startswith("N")].sort_values("LAD24CD").to_crs(NI_AREA_CRS)
    trusts = gpd.read_file(shared / HSCT_BOUNDARIES).sort_values("HSCT_CODE").to_crs(NI_AREA_CRS)
    rows = []
    for code, district in zip(lad["LAD24CD"], lad.geometry):
        areas = {t: district.intersection(g).area / district.area for t, g in zip(trusts["HSCT_CODE"], trusts.geometry)}
        kept = {t: a for t, a in areas.items() if a >= NI_MIN_AREA_SHARE}
        total = sum(kept.values())
        main = max(kept, key=kept.get)
        for trust, a in sorted(kept.items()):
            rows.append(
                {
                    "lad_code": code,
                    "health_code": trust,
                    "share": round(a / total, 6),
                    "n_lsoa21": 0,
                    "is_best_fit": trust == main,
                    "share_basis": "area",
                }
            )
    out = pd.DataFrame(rows)
    # Rounded shares must still sum to exactly one per district: the main part takes the remainder.
    rest = 1.0 - out.groupby("lad_code")["share"].transform("sum")
    out.loc[out["is_best_fit"], "share"] += rest[out["is_best_fit"]]
    return out
