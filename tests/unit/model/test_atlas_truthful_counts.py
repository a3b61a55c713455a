"""The shipped atlas: each service counted once, no slivers, evidence states, NI trusts, completeness."""

from __future__ import annotations

import geopandas as gpd
import pytest

from coverage import paths
from coverage.model import benchmarks
from coverage.model.assumptions import FAMILIES_PER_TEAM, Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.capacity import counted, team_families
from coverage.model.gaps import STATUS_NO_TEAM, STATUS_REPORTED, STATUS_UNCOUNTED, all_levels, summary
from coverage.model.scenario_effect import councils_in_scope, sensitivity
from coverage.model.services import fold_services, is_second_description

pytestmark = pytest.mark.unit

A = Assumptions()
GREATER_MANCHESTER = {
    "E08000001": "Bolton",
    "E08000002": "Bury",
    "E08000003": "Manchester",
    "E08000005": "Rochdale",
    "E08000006": "Salford",
    "E08000007": "Stockport",
    "E08000009": "Trafford",
}


@pytest.fixture(scope="module")
def atlas():
    return load_atlas()


@pytest.fixture(scope="module")
def levels(atlas):
    return {lvl: t.set_index("area_code") for lvl, t in all_levels(atlas, A).items()}


def test_norfolk_counts_one_team_with_one_teams_capacity(levels):
    norfolk = levels["utla"].loc["E10000020"]
    assert norfolk["teams"] == 1
    assert norfolk["team_ids"] == "norfolk-pimhat"
    assert norfolk["capacity_per_year"] == pytest.approx(FAMILIES_PER_TEAM["central"].value)  # 106.9


def test_bibs_is_folded_into_babs(atlas, levels):
    for code in ("E06000006", "E06000007"):  # Halton, Warrington
        assert levels["utla"].at[code, "team_ids"] == "babs-knowsley"
    assert not counted(atlas.teams[atlas.teams["team_id"] == "bibs-halton-warrington"], A).any()


def test_every_level_sums_to_the_uk_and_no_grouped_service_counts_twice(atlas, levels):
    services = fold_services(atlas.teams)
    chosen = services[counted(services, A)]
    expected = team_families(chosen, A.families_per_team).sum()
    uk = summary(atlas, A).iloc[0]
    assert uk["capacity_per_year"] == pytest.approx(expected)
    assert uk["teams"] == len(chosen) == int(counted(atlas.teams, A).sum())
    second = set(atlas.teams.loc[is_second_description(atlas.teams), "team_id"])
    assert second == {"norfolk-pairs", "bibs-halton-warrington"}
    for level, table in levels.items():
        assert table["capacity_per_year"].sum() == pytest.approx(expected), level
        ids = {t for cell in table["team_ids"] for t in cell.split(";") if t}
        assert not ids & second, level
        assert ids <= set(chosen["team_id"]), level


def test_no_sliver_makes_an_icb_show_a_team(levels):
    for code in ("E54000059", "E54000040"):
        row = levels["health"].loc[code]
        assert row["teams"] == 0 and row["capacity_per_year"] == 0, code
    assert levels["health"].at["E54000040", "status"] == STATUS_NO_TEAM
    # Northamptonshire lists West Northants PIRS (borderline, not counted): that, not a sliver, is named.
    north = levels["health"].loc["E54000059"]
    assert north["status"] == STATUS_UNCOUNTED
    assert north["uncounted_team_ids"] == "west-northants-pirs"


def test_greater_manchester_localities_without_a_listed_team_are_reported(levels):
    for code, name in GREATER_MANCHESTER.items():
        row = levels["utla"].loc[code]
        assert row["teams"] == 0, name
        assert row["status"] == STATUS_REPORTED, name
    assert levels["utla"].at["E08000004", "reach_lower_bound"]  # Oldham: listed, and reported


@pytest.mark.needs("shared")
def test_south_eastern_trust_matches_the_official_polygon(atlas):
    built = gpd.GeoDataFrame.from_features(atlas.boundaries("health")["features"], crs=4326)
    built = built[built["code"] == "SEHSCT"].to_crs(2157).area.sum()
    official = gpd.read_file(paths.shared_dir() / "geography/hsct_ni_simplified.geojson")
    official = official[official["HSCT_CODE"] == "SEHSCT"].to_crs(2157).area.sum()
    assert built == pytest.approx(official, rel=0.02)


def test_part_of_newry_mourne_and_down_receives_abc_pip(levels):
    newry = levels["lad"].loc["N09000010"]
    assert "abc-pip" in newry["team_ids"].split(";")
    assert newry["capacity_per_year"] > 0
    assert newry["area_share_estimate"]
    assert levels["health"].at["SEHSCT", "area_share_estimate"]
    assert not levels["lad"].at["E06000001", "area_share_estimate"]


def test_completeness_against_the_published_counts(atlas):
    c = benchmarks.completeness(atlas, A).set_index("scope")
    assert c.at["United Kingdom", "published"] == 51 and c.at["England", "published"] == 38
    assert c.at["United Kingdom", "counted"] == summary(atlas, A).iloc[0]["teams"]
    assert c.at["United Kingdom", "counted"] == sum(
        c.loc[n, "counted"] for n in ("England", "Wales", "Scotland", "Northern Ireland")
    )
    assert "no published count" in c.at["Wales", "published_source"]


def test_englands_teams_needed_is_the_plan_pages_figure(atlas, levels):
    councils = councils_in_scope(levels["utla"].reset_index(), "England")
    plan = sensitivity(councils, A, 1.0, A.families_per_team).set_index("prevalence_band").at["central", "teams_needed"]
    assert benchmarks.england_teams_needed(atlas, A) == plan
