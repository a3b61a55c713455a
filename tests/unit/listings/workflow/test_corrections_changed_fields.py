"""A correction form sends only what changed; areas travel with their level."""

from __future__ import annotations

from coverage.listings.workflow.corrections import changed_fields

CURRENT = {"name": "OXPIP", "area_level": "utla", "area_codes": "E10000025", "families_per_year": "277"}


def test_unchanged_fields_are_not_sent():
    edits = dict(CURRENT, name="  OXPIP  ")
    assert changed_fields(edits, CURRENT) == {}


def test_a_changed_field_is_sent_alone():
    assert changed_fields(dict(CURRENT, families_per_year="300"), CURRENT) == {"families_per_year": "300"}


def test_changed_codes_carry_their_level_and_a_changed_level_its_codes():
    assert changed_fields(dict(CURRENT, area_codes="E06000001"), CURRENT) == {
        "area_codes": "E06000001",
        "area_level": "utla",
    }
    assert changed_fields(dict(CURRENT, area_level="health"), CURRENT) == {
        "area_level": "health",
        "area_codes": "E10000025",
    }
