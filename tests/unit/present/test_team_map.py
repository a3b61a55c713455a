"""Team map markers, sizes, lines and the deck sent to the browser, on the synthetic atlas.

The atlas and its label points are those of tests/unit/model/test_placement.py.
"""

from __future__ import annotations

import json
import math

import pytest

from coverage.present import team_map
from coverage.present.decks import TIP_FIELD
from tests.unit.model.test_placement import placed_atlas

pytestmark = pytest.mark.unit

XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def atlas(tmp_path):
    return placed_atlas(tmp_path)


@pytest.fixture
def markers(atlas):
    return team_map.team_markers(atlas, atlas.teams, 107).set_index("team_id")


def test_one_marker_per_listing_with_an_area(markers):
    assert sorted(markers.index) == ["board", "duo", "shut", "welsh"]


def test_marker_area_is_proportional_to_families_a_year():
    assert team_map.marker_radius(400) == pytest.approx(0.9 * 20)
    assert team_map.marker_radius(100) == pytest.approx(9.0)
    # four times the families, twice the radius: the disc's area scales with families
    assert team_map.marker_radius(400) / team_map.marker_radius(100) == pytest.approx(2.0)
    assert team_map.marker_radius(4) == team_map.MIN_RADIUS  # 1.8 px would be unclickable
    assert team_map.marker_radius(0) == team_map.MIN_RADIUS


def test_published_and_assumed_sizes_draw_differently(markers):
    duo, board = markers.loc["duo"], markers.loc["board"]
    assert duo["published"] and not board["published"]
    assert duo["families"] == 400 and board["families"] == 107
    assert duo["radius"] == pytest.approx(18.0) and board["radius"] == pytest.approx(0.9 * math.sqrt(107), abs=0.01)
    assert duo["fill"][3] == team_map.PUBLISHED_FILL_ALPHA and board["fill"][3] == team_map.ASSUMED_FILL_ALPHA
    assert duo["line_width"] == 1 and board["line_width"] == 3
    assert "published" in duo["size"] and "assumed" in board["size"]


def test_colour_by_kind_with_closed_and_unconfirmed_distinguished():
    assert team_map.marker_class("specialised", "active", "reported") == "specialised"
    assert team_map.marker_class("borderline", "unknown", "verified") == "borderline"
    assert team_map.marker_class("specialised", "active", "unconfirmed") == "unconfirmed"
    assert team_map.marker_class("specialised", "closed", "unconfirmed") == "closed"
    colours = [c for _, c in team_map.MARKER_CLASSES.values()]
    assert len(set(colours)) == len(colours)


def test_closed_team_is_shown_grey_not_hidden(markers):
    shut = markers.loc["shut"]
    assert shut["marker_class"] == "closed"
    assert shut["fill"][:3] == [0x6E, 0x6E, 0x6E]


def test_lines_join_a_team_to_each_area_it_reaches_when_several(atlas):
    markers = team_map.team_markers(atlas, atlas.teams, 107)
    lines = team_map.reach_lines(atlas, atlas.teams, markers)
    board = lines[lines["team_id"] == "board"]
    assert list(board["area_code"]) == ["U1", "U2"]
    assert all(f == [1.5, 51.5] for f in board["from"])
    assert list(board["to"]) == [[0.5, 50.5], [2.0, 52.0]]
    assert list(lines.loc[lines["team_id"] == "duo", "area_code"]) == ["E1", "E3"]
    # one area reached: no line (the marker already stands in it)
    assert not set(lines["team_id"]) & {"shut", "welsh"}


def test_health_board_tooltip_names_the_councils_it_reaches(markers):
    assert "(councils: Upshire; Gamma City)" in markers.at["board", TIP_FIELD]


def test_listings_without_area_are_listed_not_placed(atlas):
    assert list(team_map.unplaced(atlas.teams)["team_id"]) == ["nowhere"]


def test_tooltip_holds_name_host_size_areas_and_evidence_date_as_plain_text(tmp_path):
    atlas = placed_atlas(
        tmp_path,
        [synthetic_team(XSS)],
    )
    m = team_map.team_markers(atlas, atlas.teams, 107).iloc[0]
    tip = m[TIP_FIELD]
    assert tip.splitlines()[0] == XSS  # verbatim: the deck shows it as text (innerText), never as HTML
    assert "Host: Host & <b>Co</b>" in tip
    assert "Size: 107 families a year (assumed: no published figure)" in tip
    assert "Areas: Gamma City" in tip
    assert "Evidence date: 2025-01-31" in tip


def synthetic_team(name):
    from tests import synthetic

    return synthetic.team(
        "xss",
        "utla",
        "U2",
        name=name,
        host_organisation="Host & <b>Co</b>",
        area_names="Gamma City",
        last_verified="2025-01-31",
    )


def test_teams_sharing_a_point_name_each_other(tmp_path):
    from tests import synthetic

    atlas = placed_atlas(tmp_path, [synthetic.team("a", "utla", "U2"), synthetic.team("b", "utla", "U2")])
    m = team_map.team_markers(atlas, atlas.teams, 107).set_index("team_id")
    assert m.at["a", TIP_FIELD].endswith("Also at this point: B")
    assert m.at["b", TIP_FIELD].endswith("Also at this point: A")


def test_deck_is_offline_text_tooltipped_and_in_pixels(atlas):
    markers = team_map.team_markers(atlas, atlas.teams, 107)
    lines = team_map.reach_lines(atlas, atlas.teams, markers)
    deck = team_map.team_deck(markers, lines, {"type": "FeatureCollection", "features": []}, (-3, 50, 2, 52))
    spec = json.loads(deck.to_json())
    assert spec["mapStyle"] == "__MAP_STYLE__"  # Streamlit's "no basemap"; an absent style means Carto tiles
    assert "mapProvider" not in spec
    assert "http" not in deck.to_json()
    layers = {layer["id"]: layer for layer in spec["layers"]}
    assert layers["teams"]["radiusUnits"] == "pixels" and layers["teams"]["lineWidthUnits"] == "pixels"
    assert layers["reach"]["widthUnits"] == "pixels"
    assert len(layers["teams"]["data"]) == 4 and len(layers["reach"]["data"]) == 4
    assert [layer["pickable"] for layer in spec["layers"]] == [False, False, True]  # only teams are clicked
    assert deck._tooltip["text"] == "{tip}" and "html" not in deck._tooltip


def test_table_twin_has_every_marker_with_coordinates_size_and_areas(markers):
    table = team_map.team_table(markers.reset_index())
    assert len(table) == 4
    row = table.set_index("Team").loc["Board"]
    assert (row["Longitude"], row["Latitude"]) == (1.5, 51.5)
    assert row["Lines to areas"] == 2
    assert "assumed" in row["Families a year"]
    assert row["Listing"] == "check?team=board"


def test_real_directory_every_counted_team_once_and_deck_under_payload_limit():
    from coverage.model.assumptions import Assumptions
    from coverage.model.atlas import load_atlas
    from coverage.model.gaps import area_table, counted_teams
    from coverage.model.services import is_second_description
    from coverage.present.decks import payload_bytes

    atlas, a = load_atlas(), Assumptions()
    markers = team_map.team_markers(atlas, atlas.teams, a.families_per_team)
    assert markers["team_id"].is_unique
    assert set(counted_teams(atlas, a)["team_id"]) <= set(markers["team_id"])
    placed = set(markers["team_id"]) | set(team_map.unplaced(atlas.teams)["team_id"])
    second = atlas.teams[is_second_description(atlas.teams)]
    # every listing: a marker, named as unplaced, or a second description folded into its service's marker
    assert placed == set(atlas.teams["team_id"]) - set(second["team_id"])
    assert set(second["same_service_as"]) <= placed
    norfolk = markers[markers["team_id"].isin(["norfolk-pimhat", "norfolk-pairs"])]
    assert len(norfolk) == 1 and "also listed as: norfolk-pairs" in norfolk.iloc[0]["areas"]
    councils = area_table(atlas, "utla", a)
    lines = team_map.reach_lines(atlas, atlas.teams, markers)
    ggc = lines[lines["team_id"] == "nhs-ggc-imh"]  # NHS Greater Glasgow and Clyde: six council areas
    assert len(ggc) == 6
    deck = team_map.team_deck(
        markers,
        lines,
        team_map.status_underlay(atlas.boundaries("utla"), councils),
        team_map.deck_bounds(councils, markers),
    )
    assert payload_bytes(deck)[1] < 300_000


def test_every_coverage_status_has_its_own_underlay_colour():
    from coverage.model import gaps

    assert set(team_map.STATUS_COLOURS) == set(gaps.AREA_STATUSES)
    assert len(set(team_map.STATUS_COLOURS.values())) == len(gaps.AREA_STATUSES)
