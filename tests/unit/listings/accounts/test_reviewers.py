"""Organisation sign-in: who is a reviewer (email list or group claim) and when a sign-in ends."""

from __future__ import annotations

import datetime as dt

import pytest

from coverage.listings.accounts.reviewers import EXPIRED, NOT_REVIEWER, REVIEWER, ReviewerPolicy, judge

NOW = dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC)
T = NOW.timestamp()  # 1796385600.0
POLICY = ReviewerPolicy.from_env(
    {"ATLAS_REVIEWER_EMAILS": "Ada@Example.org, grace@example.org;  ", "ATLAS_REVIEWER_GROUP": "atlas-reviewers"}
)


def claims(**kw):
    return {"sub": "u1", "iat": T - 60, "exp": T + 3600, **kw}


def test_settings_are_read_from_the_environment():
    assert POLICY.emails == {"ada@example.org", "grace@example.org"}
    assert POLICY.group == "atlas-reviewers" and POLICY.group_claim == "groups"
    assert POLICY.max_age == dt.timedelta(hours=12)
    other = ReviewerPolicy.from_env({"ATLAS_REVIEWER_GROUP_CLAIM": "roles", "ATLAS_REVIEWER_SIGNIN_HOURS": "0.5"})
    assert other.group_claim == "roles" and other.max_age == dt.timedelta(minutes=30)
    assert not other.grants_anyone
    for bad in ("soon", "-1", "0", "1000"):
        assert ReviewerPolicy.from_env({"ATLAS_REVIEWER_SIGNIN_HOURS": bad}).max_age == dt.timedelta(hours=12)


def test_listed_email_is_a_reviewer_named_with_name_and_email():
    v = judge(claims(email="ADA@example.org", name="Ada Lovelace"), POLICY, NOW)
    assert (v.state, v.who) == (REVIEWER, "Ada Lovelace <ADA@example.org>")


def test_group_claim_makes_a_reviewer_as_a_list_or_a_single_value():
    assert judge(claims(email="x@example.org", groups=["staff", "atlas-reviewers"]), POLICY, NOW).state == REVIEWER
    assert judge(claims(email="x@example.org", groups="atlas-reviewers"), POLICY, NOW).state == REVIEWER
    assert judge(claims(email="x@example.org", groups=["atlas-reviewers-old"]), POLICY, NOW).state == NOT_REVIEWER


@pytest.mark.parametrize(
    ("extra", "why"),
    [
        ({"email": "mallory@example.org"}, "not on the site's list"),
        ({"email": "ada@example.org", "email_verified": False}, "not verified"),
        ({"email": "ada@example.org", "email_verified": "false"}, "not verified"),
    ],
)
def test_others_are_not_reviewers(extra, why):
    v = judge(claims(**extra), POLICY, NOW)
    assert v.state == NOT_REVIEWER and why in v.why


def test_no_list_and_no_group_makes_no_one_a_reviewer():
    v = judge(claims(email="ada@example.org"), ReviewerPolicy(), NOW)
    assert v.state == NOT_REVIEWER and "names no reviewers" in v.why


def test_sign_in_ends_at_the_tokens_expiry_or_the_longest_sign_in():
    # the token expired a second ago
    v = judge(claims(email="ada@example.org", exp=T - 1), POLICY, NOW)
    assert v.state == EXPIRED and "11:59 UTC on 04 Dec 2026" in v.why
    # issued 12 h 1 min ago with a token valid for a day: the 12-hour limit ended it at 11:59
    v = judge(claims(email="ada@example.org", iat=T - 12 * 3600 - 60, exp=T + 86400), POLICY, NOW)
    assert v.state == EXPIRED and "11:59 UTC" in v.why
    # exactly at the expiry it has ended; a second before, it has not
    assert judge(claims(email="ada@example.org", exp=T), POLICY, NOW).state == EXPIRED
    assert judge(claims(email="ada@example.org", exp=T + 1), POLICY, NOW).state == REVIEWER


@pytest.mark.parametrize("times", [{"iat": None}, {"exp": None}, {"exp": "soon"}, {"iat": 1e30}])
def test_a_token_without_usable_times_counts_as_expired(times):
    assert judge(claims(email="ada@example.org", **times), POLICY, NOW).state == EXPIRED


def test_the_name_recorded_is_bounded():
    v = judge(claims(email="ada@example.org", name="A" * 500), POLICY, NOW)
    assert v.state == REVIEWER and len(v.who) == 120
