"""Shared links never crash a page: out-of-range, malformed and hostile query parameters on every page.

A property-based sweep (Hypothesis) draws random parameter dictionaries and opens every page with
them; each run must raise nothing. It is bounded (a few examples per page, no deadline per run) so it
stays well under a minute in CI; a failure prints the dictionary that raised. tests/bench/sweep_query_params.py
opens every page with a fixed list of hostile values; the engine-level property test in
tests/unit/present/test_query.py covers many more dictionaries without Streamlit.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coverage.model.assumptions import Assumptions
from coverage.model.gaps import summary
from coverage.present.metrics import format_value
from tests.app.apprun import PAGES, run

KEYS = ["level", "metric", "nation", "area", "prev", "fpt", "births", "target", "conf", "kinds", "unknown"]
EDGES = ["0.5", "0.005", "1", "0", "-1", "1e999", "nan", "5%", "150%", "0.03", "99999", "E06000001", "health"]
EXAMPLES_PER_PAGE = 3  # 8 pages x 3 = 24 page runs, about 20 s; the engine-level test draws 300


def _exceptions(at) -> list[str]:
    return [e.value for e in at.exception]


@pytest.mark.parametrize("params", [{"prev": "0.5"}, {"prev": "0.005"}, {"prev": "1"}, {"target": "0.03"}])
def test_out_of_range_values_from_the_issue_open_the_map(params):
    at = run(PAGES[0], **params)
    assert not at.exception, _exceptions(at)
    assert at.warning and "nearest value" in at.warning[0].value


def test_prevalence_half_opens_the_map_at_40_percent_with_a_warning(atlas):
    at = run(PAGES[0], prev="0.5")
    assert not at.exception, _exceptions(at)
    assert at.slider(key="prev").value == 40.0
    assert "40%" in at.warning[0].value
    uk = summary(atlas, Assumptions().with_prevalence(0.40)).iloc[0]
    assert {m.label: m.value for m in at.metric}["Need a year"] == format_value(uk["need_per_year"], "int")


value = st.one_of(st.sampled_from(EDGES), st.text(max_size=20), st.floats().map(str))


@pytest.mark.parametrize("page", PAGES)
@settings(
    max_examples=EXAMPLES_PER_PAGE,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(params=st.dictionaries(st.sampled_from(KEYS), value, min_size=1, max_size=6))
def test_random_parameters_never_raise_on_any_page(page, params):
    at = run(page, **params)
    assert not at.exception, (page, params, _exceptions(at))
