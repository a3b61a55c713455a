"""The evidence-age assumption travels in the URL as ``since=YEAR``."""

from __future__ import annotations

from dataclasses import replace

import pytest

from coverage.present import query

pytestmark = pytest.mark.unit


def test_since_round_trips_and_is_absent_by_default():
    assert "since" not in query.encode(query.DEFAULT)
    view, messages = query.parse({"since": "2023"})
    assert messages == [] and view.assumptions.evidence_since == 2023
    assert query.encode(view)["since"] == "2023"
    again, _ = query.parse(query.encode(replace(view, level="health")))
    assert again.assumptions.evidence_since == 2023


@pytest.mark.parametrize("bad", ["1850", "20x4", "９９９", "3000", "-2020"])
def test_a_bad_year_is_refused_with_a_message(bad):
    view, messages = query.parse({"since": bad})
    assert view.assumptions.evidence_since is None
    assert len(messages) == 1 and "must be a year" in messages[0]
