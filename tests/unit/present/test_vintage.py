"""Vintage wording for the sidebar, footer and Methods page, from a manifest (shipped and refreshed)."""

from __future__ import annotations

import pytest

from coverage.present import vintage

pytestmark = pytest.mark.unit

SHIPPED = {
    "sources": [
        {"id": "mye2022", "vintage": "30 June 2022"},
        {"id": "births2023", "vintage": "2023 registrations"},
        {"id": "boundaries_lad", "vintage": "May 2024"},
        {"id": "teams_seed", "vintage": "pages as stored"},
    ]
}
REFRESHED = {
    "sources": [
        {"id": "mye2023", "vintage": "30 June 2023", "retrieved": {"at": "2026-11-30T00:27:35Z"}},
        {"id": "births2024", "vintage": "2024 registrations", "retrieved": {"at": "2026-11-29T23:59:01Z"}},
        {"id": "boundaries_lad", "vintage": "May 2024"},
    ]
}


def test_shipped_data_names_its_vintages_and_no_refresh():
    assert vintage.population_label(SHIPPED) == "ONS mid-2022"
    assert vintage.refreshed_on(SHIPPED) == ""
    assert vintage.vintage_line(SHIPPED) == (
        "Data vintage. Population: 30 June 2022; Births: 2023 registrations; District boundaries: May 2024."
    )
    assert vintage.retrieval_note(SHIPPED["sources"][0]) == ""


def test_refreshed_data_names_the_new_vintages_and_the_latest_fetch():
    assert vintage.population_label(REFRESHED) == "ONS mid-2023"
    assert vintage.refreshed_on(REFRESHED) == "2026-11-30"
    assert vintage.vintage_line(REFRESHED).endswith("Refreshed from the publishers on 2026-11-30.")
    assert vintage.retrieval_note(REFRESHED["sources"][1]) == "Fetched 2026-11-29 from the publisher's service."


def test_a_manifest_without_sources_says_where_to_look():
    assert vintage.vintage_line({}) == "Data vintage: see Methods and data."
    assert vintage.population_label({}) == "unknown vintage"
