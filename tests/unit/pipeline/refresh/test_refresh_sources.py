"""Each source against the stand-in: paging, truncation, changed headers, missing areas, unconfirmed points."""

from __future__ import annotations

import csv
import io
import json

import pytest

from coverage.pipeline.refresh import births, boundaries, nomis, population
from coverage.pipeline.refresh.errors import RefreshError, Unconfirmed
from tests.unit.pipeline.refresh.fixtures import LOOPBACK, fetch

pytestmark = [pytest.mark.unit, LOOPBACK]


def rows(result, rel):
    return list(csv.DictReader(io.StringIO(result.files[rel].decode("utf-8"))))


# --- population (Nomis NM_2002_1) -------------------------------------------------------------------


def test_population_reads_every_district_and_age(standin):
    result = fetch(population, standin)
    got = rows(result, population.TIDY_FILE)
    assert len(got) == 361 * 2
    hartlepool = next(r for r in got if r["area_code"] == "E06000001" and r["age"] == "0")
    assert (hartlepool["persons"], hartlepool["males"], hartlepool["females"]) == ("905", "471", "434")
    assert result.facts["year"] == 2022
    assert sum(result.facts["age0_by_nation"].values()) == 694_286
    assert result.entry["id"] == "mye2022" and "2024-03-26" in result.entry["vintage"]


def test_population_pages_past_a_capped_answer(standin):
    standin.nomis_cap = 1000  # 2,166 district rows: three pages
    result = fetch(population, standin)
    assert len(rows(result, population.TIDY_FILE)) == 722
    offsets = [p for p in standin.seen if "NM_2002_1.data.csv" in p and "TYPE424" in p]
    assert len(offsets) == 3
    assert "recordoffset=1000" in offsets[1] and "recordoffset=2000" in offsets[2]


def test_a_page_cut_short_is_refused(standin):
    standin.fault("NM_2002_1.data.csv", "cut")
    with pytest.raises(RefreshError, match=r"fields, the header|RECORD_COUNT|empty") as err:
        fetch(population, standin)
    assert err.value.source == "population" and "NM_2002_1.data.csv" in err.value.url


def test_exactly_the_guest_cap_is_refused_as_possibly_truncated(standin, monkeypatch):
    monkeypatch.setattr(nomis, "GUEST_CELL_LIMIT", 2166)  # the stand-in's whole answer is the "cap"
    with pytest.raises(RefreshError, match="guest cap"):
        fetch(population, standin)


def test_a_service_that_ignores_recordoffset_stops_on_the_named_point(standin, monkeypatch):
    standin.nomis_cap = 1000
    real = standin._nomis_csv
    monkeypatch.setattr(
        standin, "_nomis_csv", lambda dataset, args, fault: real(dataset, {**args, "recordoffset": "0"}, fault)
    )
    with pytest.raises(Unconfirmed, match="nomis-recordoffset-param"):
        fetch(population, standin)


def test_no_country_rows_for_type499_stop_on_the_named_point(standin, monkeypatch):
    real = standin._population_rows
    monkeypatch.setattr(standin, "_population_rows", lambda g: real("TYPE424") if g == "TYPE499" else real(g))
    with pytest.raises(Unconfirmed, match="nomis-country-type499"):
        fetch(population, standin)


def test_a_changed_header_is_refused_naming_it(standin):
    standin.fault("NM_2002_1.data.csv", "header", headers={"OBS_VALUE": "OBS_VAL"})
    with pytest.raises(RefreshError, match="header changed.*OBS_VAL"):
        fetch(population, standin)


def test_a_missing_district_is_named(standin):
    standin.fault("TYPE424", "drop", code="E06000001")
    with pytest.raises(RefreshError, match="1 district.*missing: E06000001"):
        fetch(population, standin)


def test_districts_that_do_not_add_up_to_the_country_are_refused(standin):
    standin.country_offset[("W92000004", 0)] = 10
    with pytest.raises(RefreshError, match="Wales age 0: districts add up to"):
        fetch(population, standin)


def test_persons_must_be_males_plus_females(standin):
    name, p, m, f = standin.figures.pop[("S12000005", 1)]
    standin.figures.pop[("S12000005", 1)] = (name, p + 1, m, f)
    with pytest.raises(RefreshError, match="S12000005 age 1: persons"):
        fetch(population, standin)


def test_a_blank_scottish_cell_stops_on_the_named_unconfirmed_point(standin):
    standin.fault("TYPE424", "blank", code="S12000005")
    with pytest.raises(Unconfirmed) as err:
        fetch(population, standin)
    assert err.value.point == "nomis-scotland-ni-cells" and "S12000005" in str(err.value)


def test_an_implausible_count_is_refused(standin):
    name, _, _, _ = standin.figures.pop[("E06000001", 0)]
    standin.figures.pop[("E06000001", 0)] = (name, 90_000, 45_000, 45_000)
    with pytest.raises(RefreshError, match="outside"):
        fetch(population, standin)


def test_a_definition_without_last_updated_is_a_named_unconfirmed_point(standin, monkeypatch):
    monkeypatch.setattr(standin.figures, "updated", None)
    with pytest.raises(Unconfirmed, match="nomis-last-updated"):
        fetch(population, standin)


# --- births (Nomis NM_207_1) ------------------------------------------------------------------------


def test_births_keep_live_births_and_the_combined_cornwall_row(standin):
    result = fetch(births, standin)
    got = {r["area_code"]: r for r in rows(result, births.TIDY_FILE)}
    assert got["E06000052, E06000053"]["live_births"] == "4346"
    assert got["E09000001"]["live_births"] == "57"
    assert got["E92000001"]["live_births"] == "563561"
    assert result.facts["year"] == 2023


def test_a_missing_district_not_declared_combined_is_an_error(standin):
    name, n = standin.figures.births["E06000052"]
    standin.figures.births["E06000052"] = ("Cornwall", n)  # no longer says it includes Scilly
    with pytest.raises(Unconfirmed, match="nomis-births-combined-areas.*E06000053"):
        fetch(births, standin)


def test_births_without_a_live_births_measure_stop_on_the_named_point(standin, monkeypatch):
    real = standin._births_rows
    monkeypatch.setattr(standin, "_births_rows", lambda g: [dict(r, MEASURE_NAME="Births (all)") for r in real(g)])
    with pytest.raises(Unconfirmed, match="nomis-births-measure"):
        fetch(births, standin)


# --- boundaries (ArcGIS) ----------------------------------------------------------------------------


def test_boundaries_page_through_short_pages(standin):
    standin.short_page = 37  # fewer than asked, every time
    result = fetch(boundaries, standin)
    assert result.facts["features"] == 361
    pages = [p for p in standin.seen if "/query" in p and "returnCountOnly" not in p]
    assert len(pages) == 10  # ceil(361 / 37)
    assert "resultOffset=37" in pages[1]


def test_an_arcgis_error_sent_as_http_200_is_refused(standin):
    standin.fault("/query", "arcgis_error", times=1)
    with pytest.raises(RefreshError, match="ArcGIS error 400 \\(sent as HTTP 200\\)"):
        fetch(boundaries, standin)


def test_a_feature_count_short_of_the_layer_count_is_refused(standin, monkeypatch):
    real = standin._arcgis_query

    def stops_early(args):
        response = real(args)
        if args.get("resultoffset") == "200":  # the last page claims to be the end, one feature short
            doc = json.loads(response.get_data())
            doc["features"] = doc["features"][:-1]
            response.set_data(json.dumps(doc))
        return response

    monkeypatch.setattr(standin, "_arcgis_query", stops_early)
    with pytest.raises(RefreshError, match="received 360 features but the layer counts 361"):
        fetch(boundaries, standin)


def test_coordinates_outside_the_uk_stop_on_the_named_point(standin):
    feat = standin.figures.lad_features[0]
    feat["geometry"] = {"type": "Polygon", "coordinates": [[[450000, 500000], [450001, 500000], [450000, 500001]]]}
    with pytest.raises(Unconfirmed, match="arcgis-geojson-outsr"):
        fetch(boundaries, standin)


def test_an_invalid_polygon_is_refused_before_the_build_sees_it(standin):
    bow_tie = [[[-1.0, 52.0], [-0.9, 52.1], [-0.9, 52.0], [-1.0, 52.1], [-1.0, 52.0]]]
    standin.figures.lad_features[5]["geometry"] = {"type": "Polygon", "coordinates": bow_tie}
    code = standin.figures.lad_features[5]["properties"]["LAD24CD"]
    with pytest.raises(RefreshError, match=f"{code} has an invalid polygon \\(Self-intersection"):
        fetch(boundaries, standin)


def test_a_feature_without_its_code_is_refused(standin):
    standin.figures.lad_features[3]["properties"] = {"LAD24NM": "Somewhere"}
    with pytest.raises(RefreshError, match="a feature has no LAD24CD"):
        fetch(boundaries, standin)
