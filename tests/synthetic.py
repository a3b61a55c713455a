"""A tiny, hand-checkable atlas written to disk in the same format as the real ``data/``.

Districts (ages 0 and 1, registered births):
  E1 England, council U1, ICB H1 ........ 1000, 900, births 980
  E2 England, council U1, split 60% H1 / 40% H2 ..... 500, 450, births 520
  E3 England, council U2, ICB H2 ........ 300, 320, births 290
  W1 Wales, council W1, board HW ....... 200, 210, no births figure -> falls back to age 0
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from coverage.model.directory import COLUMNS

DISTRICTS = [
    # lad, name, utla, utla_name, region, region_name, nation_code, nation, age0, age1, births
    ("E1", "Alpha", "U1", "Upshire", "R1", "North", "E92000001", "England", 1000, 900, 980.0),
    ("E2", "Beta", "U1", "Upshire", "R1", "North", "E92000001", "England", 500, 450, 520.0),
    ("E3", "Gamma", "U2", "Gamma City", "R2", "South", "E92000001", "England", 300, 320, 290.0),
    ("W1", "Cymru", "W1", "Cymru", "W92000004", "Wales", "W92000004", "Wales", 200, 210, None),
]
ATOMS = [
    ("E1", "E1", "H1", 1.0),
    ("E2:H1", "E2", "H1", 0.6),
    ("E2:H2", "E2", "H2", 0.4),
    ("E3", "E3", "H2", 1.0),
    ("W1", "W1", "HW", 1.0),
]
AREAS = {
    "lad": [
        ("E1", "Alpha", "England"),
        ("E2", "Beta", "England"),
        ("E3", "Gamma", "England"),
        ("W1", "Cymru", "Wales"),
    ],
    "utla": [("U1", "Upshire", "England"), ("U2", "Gamma City", "England"), ("W1", "Cymru", "Wales")],
    "health": [("H1", "Health One", "England"), ("H2", "Health Two", "England"), ("HW", "Welsh Board", "Wales")],
    "region": [("R1", "North", "England"), ("R2", "South", "England"), ("W92000004", "Wales", "Wales")],
    "nation": [("E92000001", "England", "England"), ("W92000004", "Wales", "Wales")],
}


def team(team_id: str, level: str, codes: str, **kw) -> dict:
    row = {c: "" for c in COLUMNS}
    row.update(
        team_id=team_id,
        name=kw.pop("name", team_id.title()),
        nation=kw.pop("nation", "England"),
        area_level=level,
        area_codes=codes,
        status="active",
        confidence="reported",
        kind="specialised",
    )
    row.update({k: str(v) for k, v in kw.items()})
    return row


def write(root: Path, teams: list[dict]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(ATOMS, columns=["atom_id", "lad_code", "health_code", "share"]).to_csv(root / "atoms.csv", index=False)
    d = pd.DataFrame(
        DISTRICTS,
        columns=[
            "lad_code",
            "lad_name",
            "utla_code",
            "utla_name",
            "region_code",
            "region_name",
            "nation_code",
            "nation_name",
            "age0",
            "age1",
            "births_registered",
        ],
    )
    d["births_registered_note"] = ""
    d.to_csv(root / "districts.csv", index=False)
    rows = []
    for level, areas in AREAS.items():
        for code, name, nation in areas:
            rows.append(
                {
                    "level": level,
                    "area_code": code,
                    "area_name": name,
                    "short_name": name,
                    "nation": nation,
                    "region": "",
                    "lon": 0.0,
                    "lat": 51.0,
                    "min_lon": -1,
                    "min_lat": 50,
                    "max_lon": 1,
                    "max_lat": 52,
                    "family_hubs_councils": int(code == "U1"),
                    "family_hubs": code == "U1",
                    "dep_share": 0.1,
                    "imd_score": None,
                    "dep_index": "",
                    "dep_note": "",
                }
            )
    pd.DataFrame(rows).to_csv(root / "areas.csv", index=False)
    pd.DataFrame(teams, columns=COLUMNS).to_csv(root / "teams.csv", index=False)
    (root / "manifest.json").write_text(json.dumps({"sources": [], "attribution": []}))
    return root
