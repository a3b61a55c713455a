"""Orchestrates the build: shared sources in, the project's ``data/`` out."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd

from coverage.pipeline import boundaries, context, directory
from coverage.pipeline.atoms import HSCT_BOUNDARIES, build_atoms, build_district_lookup
from coverage.pipeline.manifest import manifest
from coverage.pipeline.population import build_population

LAD_BOUNDARIES = "geography/lad_may2024_uk_buc.geojson"
ICB_BOUNDARIES = "geography/icb_apr2023_en_bsc.geojson"
HEALTH_NAMES = "geography/health_areas_uk_combined.geojson"


def _short_health_name(name: str) -> str:
    if name.endswith(" Integrated Care Board"):
        return name.removeprefix("NHS ").removesuffix(" Integrated Care Board") + " ICB"
    return name


def _write_csv(frame: pd.DataFrame, path: Path) -> None:
    frame.to_csv(path, index=False, lineterminator="\n")


def area_rows(districts: pd.DataFrame, atoms: pd.DataFrame, shared: Path) -> dict[str, pd.DataFrame]:
    """Names, nation and parent region of every area at every level."""
    d = districts
    health_names = gpd.read_file(shared / HEALTH_NAMES, columns=["code", "name", "nation"], ignore_geometry=True)
    health = pd.DataFrame(
        {
            "area_code": health_names["code"],
            "area_name": health_names["name"],
            "short_name": health_names["name"].map(_short_health_name),
            "nation": health_names["nation"],
            "region": "",
        }
    )
    used = set(atoms["health_code"])
    if used - set(health["area_code"]):
        raise ValueError(f"health areas with no name: {sorted(used - set(health['area_code']))}")
    health = health[health["area_code"].isin(used)]

    def from_districts(code: str, name: str, region: bool) -> pd.DataFrame:
        g = d.drop_duplicates(code)
        return pd.DataFrame(
            {
                "area_code": g[code],
                "area_name": g[name],
                "short_name": g[name],
                "nation": g["nation_name"],
                "region": g["region_name"] if region else "",
            }
        )

    return {
        "utla": from_districts("utla_code", "utla_name", True),
        "lad": from_districts("lad_code", "lad_name", True),
        "health": health,
        "region": from_districts("region_code", "region_name", False),
        "nation": from_districts("nation_code", "nation_name", False),
    }


def build(
    shared: Path, out: Path, population_year: int = 2022, replaced_sources: dict[str, dict] | None = None
) -> dict[str, int]:
    """Build ``out`` from ``shared``; a refresh passes its vintage's year and source entries."""
    out.mkdir(parents=True, exist_ok=True)
    districts = build_district_lookup(shared)
    atoms = build_atoms(shared)
    population = build_population(shared, districts, population_year)
    fh = set(context.family_hubs_codes(shared, districts))
    deprivation = context.deprivation_by_level(shared, districts, atoms)

    atom_geoms = boundaries.atom_geometries(
        shared / LAD_BOUNDARIES, shared / ICB_BOUNDARIES, atoms, shared / HSCT_BOUNDARIES
    )
    by_lad = districts.set_index("lad_code")
    atom_area = {
        "lad": atoms.set_index("atom_id")["lad_code"],
        "health": atoms.set_index("atom_id")["health_code"],
    }
    for level in ("utla", "region", "nation"):
        atom_area[level] = atom_area["lad"].map(by_lad[f"{level}_code"])

    # Family Hubs: a council is in the programme, a district through its council, and a
    # larger area counts the programme councils it overlaps.
    atoms_fh = atom_area["utla"].isin(fh)
    rows = []
    counts = {}
    for level, frame in area_rows(districts, atoms, shared).items():
        geoms = boundaries.dissolve(atom_geoms, atom_area[level])
        boundaries.write_geojson(geoms, out / "boundaries" / f"{level}.geojson")
        frame = frame.merge(boundaries.label_points(geoms), on="area_code", how="left")
        fh_councils = atom_area["utla"][atoms_fh].groupby(atom_area[level][atoms_fh]).nunique()
        frame["family_hubs_councils"] = frame["area_code"].map(fh_councils).fillna(0).astype(int)
        frame["family_hubs"] = frame["family_hubs_councils"] > 0 if level in ("utla", "lad") else False
        dep = deprivation[level]
        frame = frame.merge(dep, left_on="area_code", right_index=True, how="left")
        unknown = context.UNKNOWN_DEPRIVATION.get(level, "")
        frame["dep_note"] = frame["dep_note"].fillna(unknown)
        frame["dep_index"] = frame["dep_index"].fillna("")
        frame.insert(0, "level", level)
        counts[level] = len(frame)
        rows.append(frame.sort_values("area_code"))
    areas = pd.concat(rows, ignore_index=True)
    if areas["lon"].isna().any():
        raise ValueError("an area has no boundary")

    _write_csv(areas, out / "areas.csv")
    _write_csv(atoms[["atom_id", "lad_code", "health_code", "share", "share_basis"]], out / "atoms.csv")
    _write_csv(districts.merge(population, on="lad_code"), out / "districts.csv")

    known = {lvl: set(g["area_code"]) for lvl, g in areas.groupby("level")}
    teams_path = out / "teams.csv"
    built = directory.build_directory(shared, known)
    directory.save(built, teams_path)
    directory.copy_flags(set(built["team_id"]), known, out)
    directory.copy_reports(shared, known, out)
    doc = manifest(shared, counts, replaced_sources)
    (out / "manifest.json").write_text(
        json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return counts
