"""One spelling per kind of figure: the cases readers tripped over, computed by hand."""

from __future__ import annotations

import math

import pytest

from coverage.present import formats
from coverage.present.metrics import format_value

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("share", "text"),
    [
        (0.0, "0%"),  # nothing at all reads differently from a little
        (0.0004, "under 0.1%"),
        (0.0148, "1.5%"),  # was "1.48%" on one page and "1.5%" on another
        (0.04, "4.0%"),
        (0.15, "15.0%"),
        (1.0, "100.0%"),
        (float("nan"), "unknown"),
        (None, "unknown"),
    ],
)
def test_percent_has_one_decimal_place_everywhere(share, text):
    assert formats.percent(share) == text


def test_trimmed_percent_is_for_round_settings_only():
    assert formats.percent(0.15, trim=True) == "15%"
    assert formats.percent(0.125, trim=True) == "12.5%"


@pytest.mark.parametrize(("value", "text"), [(2498.4, "2,498"), (107.0, "107"), (-0.2, "0"), (1234567.6, "1,234,568")])
def test_whole_numbers_have_separators_and_no_decimals(value, text):
    assert formats.whole(value) == text


@pytest.mark.parametrize(
    ("n", "noun", "text"),
    [(1, "team", "1 team"), (2, "team", "2 teams"), (0, "team", "0 teams"), (1200, "council", "1,200 councils")],
)
def test_counts_carry_their_noun_in_the_right_number(n, noun, text):
    assert formats.counted(n, noun) == text


def test_irregular_plural():
    assert formats.counted(3, "family", "families") == "3 families"


def test_changes_read_before_arrow_after():
    assert formats.change(0.0, 0.04, "pct") == "0% → 4.0%"
    assert formats.change(2498.4, 2398.4, "int") == "2,498 → 2,398"
    assert formats.signed_whole(100.4) == "+100"
    assert formats.signed_whole(-100.4) == "-100"
    assert formats.points(0.0405) == "+4.0 points"
    assert formats.points(0.00001) == "no change"


def test_metric_formatter_delegates_here():
    """Pages and exports call ``format_value``; it must spell figures exactly as ``formats`` does."""
    assert format_value(0.0148, "pct") == "1.5%"
    assert format_value(0.05, "pct", trim=True) == "5%"
    assert format_value(2515.4520547945203, "int") == "2,515"
    assert format_value(0.5, "dec") == "0.50"
    assert format_value(0.5, "dec", trim=True) == "0.5"
    assert format_value(math.nan, "dec") == "unknown"


def test_file_sizes_read_in_bytes_kb_or_mb():
    assert formats.file_size(1) == "1 byte"
    assert formats.file_size(999) == "999 bytes"
    assert formats.file_size(212_400) == "212 KB"
    assert formats.file_size(999_400) == "999 KB"
    assert formats.file_size(1_400_000) == "1.4 MB"
