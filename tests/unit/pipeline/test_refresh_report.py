"""The change report on a hand-checkable atlas: vintages, totals, the councils that moved, areas added."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from coverage.pipeline.refresh.report import change_report
from tests import synthetic

pytestmark = pytest.mark.unit


def test_the_report_shows_what_moved_and_by_how_much(tmp_path):
    before = synthetic.write(tmp_path / "before", [])
    after = synthetic.write(tmp_path / "after", [])
    (before / "manifest.json").write_text(json.dumps({"sources": [{"title": "Population", "vintage": "mid-2022"}]}))
    (after / "manifest.json").write_text(json.dumps({"sources": [{"title": "Population", "vintage": "mid-2023"}]}))
    districts = pd.read_csv(after / "districts.csv")
    districts.loc[districts["lad_code"] == "E1", "age0"] = 1100  # Alpha, in council U1: +100 babies aged 0
    districts.to_csv(after / "districts.csv", index=False)
    areas = pd.read_csv(after / "areas.csv")
    extra = areas[areas["area_code"] == "H2"].assign(area_code="H3", area_name="Health Three")
    pd.concat([areas, extra]).to_csv(after / "areas.csv", index=False)

    text = change_report(before, after)

    assert "- Population: mid-2022 -> **mid-2023**" in text
    # 1001 days = age 0 + age 1 + 270/365 x births (births = age 0 by default): +100 x (1 + 270/365) = +174.
    # Upshire: before 1000+900+500+450 + 270/365 x 1500 = 3,959.6; after 4,133.6.
    assert "- Upshire (U1): 3,960 -> 4,134 (+174, +4.4%)" in text
    # Need = 15% of births: +15 a year.
    assert "- Upshire (U1): 225 -> 240 (+15, +6.7%)" in text
    # England: 1800 + 1670 + 270/365 x 1800 = 4,801.5, after +174 = 4,975.5.
    assert "| England | 4,802 | 4,975 | +3.6% |" in text
    assert "- health: added ['H3']; removed none" in text
    assert "Gamma City" not in text  # unchanged councils are not listed as movers
