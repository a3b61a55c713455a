"""Every export's provenance: sources, licence, assumptions and date."""

from __future__ import annotations

from coverage.exports.provenance import provenance, source_line
from coverage.model.assumptions import Assumptions
from tests.unit.exports.support import (
    SHORT_SOURCE,
    TODAY,
)


def test_provenance_names_sources_licence_assumptions_and_date(atlas, assumptions):
    assert source_line(atlas.manifest) == SHORT_SOURCE
    prov = provenance("T", assumptions, atlas.manifest, today=TODAY)
    assert prov.footer.startswith(SHORT_SOURCE)
    assert "Contains OS data © Crown copyright" in prov.footer
    assert "5 March 2026" in prov.footer
    assert prov.subtitle == "Assumptions: " + assumptions.describe()
    registered = provenance("T", Assumptions(births_basis="registered"), atlas.manifest, today=TODAY)
    assert "ONS 2023 births" in registered.source


def test_provenance_without_a_manifest_still_says_where_data_came_from(assumptions):
    prov = provenance("T", assumptions, {"sources": [], "attribution": []}, today=TODAY)
    assert prov.source.startswith("Source: ")
    assert prov.os_line == ""
