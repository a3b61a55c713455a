"""Export source lines name a refreshed population or births vintage by its year, not the shipped one."""

from __future__ import annotations

import pytest

from coverage.exports.provenance import source_line

pytestmark = pytest.mark.unit

SHIPPED = {"sources": [{"id": "mye2022"}, {"id": "births2023"}, {"id": "boundaries_lad"}, {"id": "teams_seed"}]}
TOPICS = ("ONS mid-2022 population estimates", "ONS 2023 births", "boundaries ONS/SG/DoH NI")


def test_the_shipped_vintages_are_named_as_before():
    assert source_line(SHIPPED, TOPICS) == (
        "Source: ONS mid-2022 population estimates; ONS 2023 births; boundaries ONS/SG/DoH NI."
    )


def test_a_refreshed_vintage_is_named_by_its_own_year():
    refreshed = {"sources": [{"id": "mye2023"}, {"id": "births2024"}, {"id": "boundaries_lad"}]}
    assert source_line(refreshed, TOPICS) == (
        "Source: ONS mid-2023 population estimates; ONS 2024 births; boundaries ONS/SG/DoH NI."
    )
