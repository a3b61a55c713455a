"""Search at every level: exact, then prefix, then word, then contains; a district finds its council, ICB and region."""

from __future__ import annotations

import pytest

from coverage.model import search
from coverage.model.atlas import load_atlas

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def atlas():
    return load_atlas()


def pairs(hits):
    return [(h.level, h.area_name) for h in hits]


def test_a_district_finds_its_council_icb_and_region(atlas):
    hits = search.find(atlas, "Maidstone")
    assert pairs(hits) == [
        ("lad", "Maidstone"),
        ("utla", "Kent"),
        ("health", "NHS Kent and Medway Integrated Care Board"),
        ("region", "South East"),
    ]
    assert hits[0].match == "exact" and hits[1].via == "Maidstone"


def test_at_council_level_maidstone_offers_kent(atlas):
    assert pairs(search.find(atlas, "maidstone", levels=["utla"])) == [("utla", "Kent")]


def test_medway_never_offers_unrelated_areas(atlas):
    names = {h.area_name for h in search.find(atlas, "Medway")}
    assert "Dumfries and Galloway" not in names
    assert names <= {"Medway", "NHS Kent and Medway Integrated Care Board", "South East"}


def test_order_is_exact_then_prefix_then_word_then_contains(atlas):
    hits = search.find(atlas, "hull", limit=20)
    kinds = [h.match for h in hits]
    assert kinds == sorted(kinds, key=search.MATCH_ORDER.index)
    assert hits[0].area_name == "Kingston upon Hull, City of" and hits[0].match == "word"
    assert "Solihull" in {h.area_name for h in hits if h.match == "contains"}


def test_normalising_and_hostile_text(atlas):
    assert search.normalise("  Brighton & HOVE!! ") == "brighton and hove"
    assert search.find(atlas, "Brighton & Hove")[0].area_name == "Brighton and Hove"
    assert search.find(atlas, "") == [] and search.find(atlas, "%%%") == []
    assert search.find(atlas, "<script>" * 1000) == []
