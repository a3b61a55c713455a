"""The assumptions line that travels with every export reads in plain words, not the directory's field names."""

from __future__ import annotations

from dataclasses import replace

import pytest

from coverage.model.assumptions import Assumptions

pytestmark = pytest.mark.unit


def test_default_counting_rule_in_words():
    text = Assumptions().describe()
    assert text.startswith("Need = annual births x 15% (band 10%-22%)")
    assert "counting specialised teams, however well confirmed, running or not known to have closed;" in text
    assert text.endswith(
        "each service counted once; a team serves a part of a split district holding at least 10% of it."
    )
    assert "confidence:" not in text and "unconfirmed" not in text


def test_narrower_counting_rule_in_words():
    a = replace(
        Assumptions(),
        counted_confidence=frozenset({"verified", "reported"}),
        counted_kinds=frozenset({"borderline", "specialised"}),
        count_unknown_status=False,
    )
    assert "counting specialised and borderline teams, listed as verified or reported, known to be running;" in (
        a.describe()
    )
