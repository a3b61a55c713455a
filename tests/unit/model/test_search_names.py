"""Search knows the names people type: ICB abbreviations, "X ICB", "health board", Welsh council names;
whole-word matches come before part-word ones."""

from __future__ import annotations

import json

import pytest

from coverage import paths
from coverage.model import aliases, search
from coverage.model.atlas import load_atlas
from tests.support.prerequisites import unavailable

pytestmark = pytest.mark.unit
BNSSG = "NHS Bristol, North Somerset and South Gloucestershire Integrated Care Board"


@pytest.fixture(scope="module")
def atlas():
    return load_atlas()


def first(atlas, text: str) -> tuple[str, str]:
    hit = search.find(atlas, text)[0]
    return hit.level, hit.area_name


def test_initials_of_the_place_words():
    assert aliases.initials("Bristol, North Somerset and South Gloucestershire ICB") == "bnssg"
    assert aliases.initials("Staffordshire and Stoke-on-Trent ICB") == "ssot"
    assert aliases.initials("Betsi Cadwaladr University Health Board", every_word=True) == "bcuhb"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("BNSSG", BNSSG),
        ("bnssg icb", BNSSG),
        ("LLR", "NHS Leicester, Leicestershire and Rutland Integrated Care Board"),
        ("BSW", "NHS Bath and North East Somerset, Swindon and Wiltshire Integrated Care Board"),
        ("HIOW", "NHS Hampshire and Isle of Wight Integrated Care Board"),
        ("BCUHB", "Betsi Cadwaladr University Health Board"),
        ("GGC", "NHS Greater Glasgow and Clyde"),
        ("Gloucestershire ICB", "NHS Gloucestershire Integrated Care Board"),
        ("Kent ICB", "NHS Kent and Medway Integrated Care Board"),
        ("Cardiff health board", "Cardiff and Vale University Health Board"),
        ("Grampian health board", "NHS Grampian"),
    ],
)
def test_health_areas_by_the_names_people_use(atlas, typed, expected):
    assert first(atlas, typed) == ("health", expected)


def test_a_health_ending_looks_among_health_areas_only(atlas):
    assert {h.level for h in search.find(atlas, "Gloucestershire ICB")} == {"health"}


def test_part_of_an_abbreviation_finds_nothing(atlas):
    assert search.find(atlas, "bn") == []
    assert search.find(atlas, "bnss") == []


@pytest.mark.parametrize(
    ("welsh", "english"),
    [
        ("Caerdydd", "Cardiff"),
        ("Abertawe", "Swansea"),
        ("Casnewydd", "Newport"),
        ("Bro Morgannwg", "Vale of Glamorgan"),
        ("Sir Benfro", "Pembrokeshire"),
        ("Ynys Môn", "Isle of Anglesey"),
        ("Pen-y-bont ar Ogwr", "Bridgend"),
    ],
)
def test_welsh_councils_by_their_welsh_names(atlas, welsh, english):
    hits = search.find(atlas, welsh)
    assert (hits[0].level, hits[0].area_name, hits[0].match) == ("utla", english, "exact")


def test_whole_word_matches_come_before_part_words(atlas):
    hits = search.find(atlas, "Kent", limit=20)
    assert hits[0].area_name == "Kent"
    names = [h.area_name for h in hits]
    assert "Kensington and Chelsea" not in names
    # "North Somerset" starts with the whole word; "Northumberland" only with part of one, so it comes after.
    north = [h.area_name for h in search.find(atlas, "north", levels=["utla"], limit=40)]
    assert north.index("North Somerset") < north.index("Northumberland")
    assert north.index("Ards and North Down") < north.index("Northumberland")  # a whole word inside the name
    assert north[-2:] == ["Northumberland", "West Northamptonshire"]  # part-word matches last


@pytest.mark.needs("shared")
def test_welsh_names_are_the_ons_ones():
    """The table of Welsh names matches ONS's CTYUA23NMW column in the shared boundaries."""
    path = paths.shared_dir() / "geography" / "ctyua_dec2023_uk_buc.geojson"
    if not path.is_file():
        unavailable(f"{path} is not in the published data")
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    ons = {
        f["properties"]["CTYUA23CD"]: f["properties"]["CTYUA23NMW"]
        for f in features
        if f["properties"]["CTYUA23CD"].startswith("W")
        and f["properties"]["CTYUA23NMW"] != f["properties"]["CTYUA23NM"]
    }
    assert ons == aliases.WELSH_COUNCILS
