"""Evidence states and provision reports, hand-computed on the synthetic atlas.

A ``team_reported`` report on U2 (district E3, ICB part of H2) and a ``none_found`` report on
the Welsh board HW.
"""

from __future__ import annotations

import pandas as pd
import pytest

from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.gaps import (
    EVIDENCE_LISTED,
    EVIDENCE_NONE,
    EVIDENCE_REPORTED,
    STATUS_REPORTED,
    STATUS_SOME,
    all_levels,
)
from coverage.model.profile import area_reports
from coverage.model.reports import REPORT_COLUMNS, report_problems
from tests import synthetic

pytestmark = pytest.mark.unit

A = Assumptions(families_per_team=100, families_per_team_low=50, families_per_team_high=150)
REPORTS = [
    {
        "area_level": "utla",
        "area_codes": "U2",
        "area_names": "Gamma City",
        "report": "The city says it has a team.",
        "kind": "team_reported",
        "source_url": "https://example.org/gamma",
        "seen": "2025",
        "notes": "",
    },
    {
        "area_level": "health",
        "area_codes": "HW",
        "area_names": "Welsh Board",
        "report": "Searches found none.",
        "kind": "none_found",
        "source_url": "https://example.org/wales",
        "seen": "2022-06",
        "notes": "",
    },
]


def atlas_with(tmp_path, teams, reports=REPORTS):
    root = synthetic.write(tmp_path / "data", teams)
    pd.DataFrame(reports, columns=REPORT_COLUMNS).to_csv(root / "provision_reports.csv", index=False)
    return load_atlas(root)


def test_no_listed_team_reads_reported_where_a_source_reports_one(tmp_path):
    t = {k: v.set_index("area_code") for k, v in all_levels(atlas_with(tmp_path, []), A).items()}
    assert t["utla"].at["U2", "status"] == STATUS_REPORTED
    assert t["utla"].at["U2", "evidence"] == EVIDENCE_REPORTED
    assert t["utla"].at["U1", "evidence"] == EVIDENCE_NONE
    # H2 holds E3 (reported) and part of E2 (not): some of it is reported, so it says so.
    assert t["health"].at["H2", "evidence"] == EVIDENCE_REPORTED
    assert t["health"].at["H1", "evidence"] == EVIDENCE_NONE
    # none_found changes no figure and no state.
    assert t["health"].at["HW", "evidence"] == EVIDENCE_NONE
    assert t["utla"]["capacity_per_year"].sum() == 0


def test_a_listed_team_outranks_a_report_and_makes_reach_a_lower_bound(tmp_path):
    t = all_levels(atlas_with(tmp_path, [T("gamma", "utla", "U2", families_per_year=15)]), A)["utla"]
    row = t.set_index("area_code").loc["U2"]
    assert row["evidence"] == EVIDENCE_LISTED and row["status"] == STATUS_SOME
    assert row["reach"] == pytest.approx(15 / (300 * 0.15))
    assert bool(row["reach_lower_bound"]) is True
    assert not t.set_index("area_code").at["U1", "reach_lower_bound"]


def test_the_profile_lists_every_report_covering_the_area_newest_first(tmp_path):
    atlas = atlas_with(tmp_path, [])
    assert list(area_reports(atlas, "nation", "W92000004")["kind"]) == ["none_found"]
    assert list(area_reports(atlas, "lad", "E3")["seen"]) == ["2025"]
    assert area_reports(atlas, "lad", "E1").empty
    both = area_reports(atlas, "region", "R2")
    assert list(both["source_url"]) == ["https://example.org/gamma"]


def test_a_report_naming_an_unknown_area_is_refused():
    frame = pd.DataFrame([{**REPORTS[0], "area_codes": "U2;NOPE"}], columns=REPORT_COLUMNS)
    problems = report_problems(frame, {"utla": {"U2"}})
    assert problems == ["provision_reports.csv line 2: NOPE not a known utla code"]


T = synthetic.team
