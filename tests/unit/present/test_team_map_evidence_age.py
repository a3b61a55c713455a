"""A team with no dated evidence in the window is drawn faded on the team map, with a key entry (#20)."""

from __future__ import annotations

import pytest

from coverage.present import team_map
from coverage.present.decks import TIP_FIELD
from tests import synthetic
from tests.unit.model.test_placement import placed_atlas

pytestmark = pytest.mark.unit

TEAMS = [
    synthetic.team("fresh", "lad", "E1", families_per_year=400, last_verified="2025-02-01"),  # published, recent
    synthetic.team("old", "lad", "E3", families_per_year=100, year_established="2015"),  # published, stale
    synthetic.team("ring", "health", "HW", nation="Wales"),  # assumed size, undated: stale
]


@pytest.fixture
def markers(tmp_path):
    atlas = placed_atlas(tmp_path, TEAMS)
    return team_map.team_markers(atlas, atlas.teams, 107, recent_from=2024).set_index("team_id")


def test_stale_markers_are_faded_and_recent_ones_are_not(markers):
    fresh, old, ring = markers.loc["fresh"], markers.loc["old"], markers.loc["ring"]
    assert fresh["recent"] and not old["recent"] and not ring["recent"]
    assert fresh["fill"][3] == team_map.PUBLISHED_FILL_ALPHA == 230 and fresh["line"] == [0x1A, 0x1A, 0x1A, 255]
    # 230 x 0.35 = 80.5 -> 80 (banker's rounding); the outline turns grey at 255 x 0.35 = 89.25 -> 89.
    assert old["fill"][3] == 80 and old["line"] == [0x8C, 0x8C, 0x8C, 89]
    # An assumed ring keeps its kind's colour, faded: 45 x 0.35 = 15.75 -> 16 fill, 89 outline.
    assert ring["fill"][3] == 16 and ring["line"][3] == 89 and ring["line_width"] == 3
    assert fresh["fill"][:3] == old["fill"][:3]  # still the kind's colour: only the opacity says "old"


def test_tooltip_and_table_say_the_age_in_words(markers):
    assert "Evidence date: 2025-02-01 (evidence from 2025)" in markers.loc["fresh", TIP_FIELD]
    old_tip = markers.loc["old", TIP_FIELD]
    assert "Evidence date: never verified (latest evidence 2015, before 2024)" in old_tip
    assert "faded: nothing dated in the last two years" in old_tip
    table = team_map.team_table(markers.reset_index()).set_index("Team")
    assert table.at["Ring", "Evidence age"] == "no dated evidence"


def test_key_counts_recent_and_faded_markers(markers):
    key = team_map.evidence_key(markers, 2024)
    assert key == [
        ("dated evidence since 2024 (1)", "#0072B2"),
        # #0072B2 at 35% over white: 255 - 0.35 x (255 - c) per channel -> A6, CE, E4.
        ("faded: no dated evidence since 2024 (2)", "#A6CEE4"),
    ]


def test_without_a_window_every_marker_is_drawn_as_before(tmp_path):
    atlas = placed_atlas(tmp_path, TEAMS)
    plain = team_map.team_markers(atlas, atlas.teams, 107).set_index("team_id")
    assert plain["recent"].all() and plain.at["old", "fill"][3] == team_map.PUBLISHED_FILL_ALPHA
