"""GeoJSON and GeoPackage, opened with GDAL: one feature per area, the engine's attributes, inert text."""

from __future__ import annotations

import re

import pytest

from coverage.exports import gis
from coverage.model.gaps import area_table
from tests.unit.exports.support import (
    AREA_COUNTS,
    INERT,
    OXFORDSHIRE,
    TODAY,
    need,
    ogrinfo,
    squash,
)


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_gis_files_open_in_gdal_with_one_feature_per_area(atlas, assumptions, tmp_path, fmt):
    need("ogrinfo")
    for level, count in AREA_COUNTS.items():
        path = tmp_path / f"{level}.{fmt}"
        path.write_bytes(gis.area_gis_export(atlas, level, assumptions, fmt, today=TODAY))
        summary = ogrinfo("-so", "-al", path)
        layers = re.findall(r"^Layer name: (\S+)", summary, re.M)
        assert layers[0] == "areas"
        counts = [int(n) for n in re.findall(r"^Feature Count: (\d+)", summary, re.M)]
        assert counts[0] == count, f"{level} {fmt}"
        assert 'ID["EPSG",4326]' in summary
        assert "Multi Polygon" in summary or fmt == "geojson"
        flat = squash(summary)
        assert assumptions.describe() in flat  # the provenance travels inside the file
        assert "Open Government Licence v3.0" in flat
        if fmt == "gpkg":
            assert layers == ["areas", "about"]
            assert "ASSUMPTIONS=" in summary and "SOURCE=" in summary


@pytest.mark.parametrize("fmt", ["geojson", "gpkg"])
def test_gis_attributes_match_the_engine_and_are_inert(hostile, assumptions, tmp_path, fmt):
    need("ogrinfo")
    a, _ = hostile
    path = tmp_path / f"utla.{fmt}"
    path.write_bytes(gis.area_gis_export(a, "utla", assumptions, fmt, today=TODAY))
    out = ogrinfo("-al", "-geom=NO", "-where", f"area_code = '{OXFORDSHIRE}'", path, "areas")
    fields = dict(re.findall(r"^\s+(\w+) \([^)]*\) = (.*)$", out, re.M))
    engine = area_table(a, "utla", assumptions).set_index("area_code").loc[OXFORDSHIRE]
    assert fields["area_name"] == "Oxfordshire"
    assert float(fields["need_per_year"]) == pytest.approx(engine["need_per_year"], rel=1e-9)
    assert float(fields["reach"]) == pytest.approx(engine["reach"], rel=1e-9)
    assert int(fields["teams"]) == engine["teams"] == 1
    assert fields["team_names"] == INERT
    if fmt == "gpkg":
        about = ogrinfo("-al", path, "about")
        assert "Open Government Licence v3.0" in about and TODAY.isoformat() in about
