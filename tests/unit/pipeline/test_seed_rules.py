"""The seed list's kind and status follow the rules in Methods, the same evidence the same class."""

from __future__ import annotations

import pandas as pd
import pytest

from coverage.model.seed_rules import KIND_RULES, STATUS_RULES, rule_problems
from coverage.pipeline.directory import RESOLUTION_FILE

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def resolution():
    return pd.read_csv(RESOLUTION_FILE, dtype=str, keep_default_na=False).set_index("team_id")


def test_rule_problems_name_the_mismatch():
    assert rule_problems("specialised", "K1", "unknown", "S3") == []
    assert rule_problems("specialised", "K2", "closed", "S1") == ["kind 'specialised' but rule K2 gives 'borderline'"]
    assert rule_problems("other", "K9", "active", "S3") == [
        "kind rule 'K9' is not one of K1, K2, K3, K4",
        "status 'active' but rule S3 gives 'unknown'",
    ]


def test_every_row_follows_the_rule_it_names(resolution):
    for tid, r in resolution.iterrows():
        assert rule_problems(r["kind"], r["kind_rule"], r["status"], r["status_rule"]) == [], tid
    assert set(resolution["kind_rule"]) <= set(KIND_RULES)
    assert set(resolution["status_rule"]) <= set(STATUS_RULES)


def test_same_evidence_same_class(resolution):
    # Host and clinical work not stated: borderline, all three (they differed before).
    for tid in ("iow-pair", "norfolk-pairs", "dorpip"):
        assert (resolution.at[tid, "kind"], resolution.at[tid, "kind_rule"]) == ("borderline", "K2"), tid
    # A Family Hubs contract for mild-to-moderate group work: borderline, like North Lincolnshire PIEW.
    for tid in ("tameside-eas", "north-lincs-piew"):
        assert (resolution.at[tid, "kind"], resolution.at[tid, "kind_rule"]) == ("borderline", "K3"), tid
    # No closure evidence: status unknown, not closed.
    for tid in ("southwark-susi", "surrey-pct-pimh"):
        assert resolution.at[tid, "status"] == "unknown", tid
    assert set(resolution.index[resolution["status"] == "closed"]) == {"norpip"}


def test_the_third_pass_is_folded_in(resolution):
    assert resolution.at["gloucestershire-camhs-imh", "kind"] == "specialised"
    assert resolution.at["oxpip", "status"] == "active"
    assert resolution.at["norfolk-pairs", "same_service_as"] == "norfolk-pimhat"
    assert resolution.at["bibs-halton-warrington", "same_service_as"] == "babs-knowsley"
    assert len(resolution) == 61
