"""The health page's filter in the URL: round trip, and each bad value refused with a message."""

from __future__ import annotations

from coverage.present.health_query import HealthFilter, encode, parse

REGIONS, HEALTH = {"E12000002"}, {"E54000008", "S08000030"}


def test_round_trip_and_a_plain_default():
    f = HealthFilter("England", "E12000002", "E54000008", 3)
    assert parse(encode(f), REGIONS, HEALTH) == (f, [])
    assert encode(HealthFilter()) == {}


def test_bad_values_fall_back_with_a_message_that_echoes_no_markup():
    f, messages = parse({"hnation": "Mars", "hregion": "<x>", "hhealth": "nope", "window": "0"}, REGIONS, HEALTH)
    assert f == HealthFilter()
    assert len(messages) == 4 and "<" not in " ".join(messages)
    assert parse({"window": "١"}, REGIONS, HEALTH)[0].window == 2  # a non-ASCII digit is not a year count
