"""Who may review after signing in through their organisation (OpenID Connect), and for how long.

Signing in proves who a person is; it does not make them a reviewer. Rights come from the
deployment's settings: an allow-list of emails (``ATLAS_REVIEWER_EMAILS``, separated by commas,
semicolons or spaces) and/or a group named in a claim of the identity token (``ATLAS_REVIEWER_GROUP``
in the claim ``ATLAS_REVIEWER_GROUP_CLAIM``, default ``groups``). An email the provider marks as
unverified (``email_verified`` false) never matches the list.

Streamlit keeps the identity token's claims in a cookie for 30 days, far longer than a reviewer's
sign-in should last, so a sign-in also ends when the provider's token expires (``exp``) or when
``ATLAS_REVIEWER_SIGNIN_HOURS`` (default 12) have passed since it was issued (``iat``), whichever
comes first; a token without those times is treated as expired. Everything here is pure: the page
passes the claims and the time.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

from coverage.listings.accounts.auth import MAX_NAME_CHARS

logger = logging.getLogger(__name__)

DEFAULT_GROUP_CLAIM = "groups"
DEFAULT_SIGNIN_HOURS = 12.0
REVIEWER, NOT_REVIEWER, EXPIRED = "reviewer", "not a reviewer", "expired"


@dataclass(frozen=True)
class ReviewerPolicy:
    emails: frozenset[str] = frozenset()
    group: str = ""
    group_claim: str = DEFAULT_GROUP_CLAIM
    max_age: dt.timedelta = dt.timedelta(hours=DEFAULT_SIGNIN_HOURS)

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> ReviewerPolicy:
        emails = frozenset(e.lower() for e in re.split(r"[,;\s]+", env.get("ATLAS_REVIEWER_EMAILS", "")) if e)
        raw_hours = env.get("ATLAS_REVIEWER_SIGNIN_HOURS", "").strip()
        try:
            hours = float(raw_hours) if raw_hours else DEFAULT_SIGNIN_HOURS
        except ValueError:
            hours = DEFAULT_SIGNIN_HOURS
        if not 0 < hours <= 24 * 30:
            logger.error(
                "ATLAS_REVIEWER_SIGNIN_HOURS=%r is not a number of hours up to 720; using %s", raw_hours, hours
            )
            hours = DEFAULT_SIGNIN_HOURS
        return cls(
            emails=emails,
            group=env.get("ATLAS_REVIEWER_GROUP", "").strip(),
            group_claim=env.get("ATLAS_REVIEWER_GROUP_CLAIM", "").strip() or DEFAULT_GROUP_CLAIM,
            max_age=dt.timedelta(hours=hours),
        )

    @property
    def grants_anyone(self) -> bool:
        """False when neither a list nor a group is set: organisation sign-in then makes no one a reviewer."""
        return bool(self.emails or self.group)


@dataclass(frozen=True)
class Verdict:
    state: str  # REVIEWER, NOT_REVIEWER or EXPIRED
    who: str  # the person as the audit trail names them: "Name <email>", or the email, or the subject
    why: str  # for the page: why not a reviewer, or when the sign-in ended


def person(claims: Mapping) -> str:
    name = str(claims.get("name") or "").strip()
    email = str(claims.get("email") or "").strip()
    who = f"{name} <{email}>" if name and email else name or email or str(claims.get("sub") or "unknown")
    return who[:MAX_NAME_CHARS]


def _time(value) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(float(value), dt.UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def ended(claims: Mapping, policy: ReviewerPolicy, now: dt.datetime) -> dt.datetime | None:
    """When this sign-in ended, if it has (the token's expiry or the longest sign-in, whichever is first)."""
    issued, expires = _time(claims.get("iat")), _time(claims.get("exp"))
    if issued is None or expires is None:
        return now  # no times to trust: treat as over
    end = min(expires, issued + policy.max_age)
    return end if now >= end else None


def in_group(claims: Mapping, policy: ReviewerPolicy) -> bool:
    if not policy.group:
        return False
    value = claims.get(policy.group_claim)
    groups = [value] if isinstance(value, str) else value if isinstance(value, list | tuple) else []
    return policy.group in [str(g) for g in groups]


def judge(claims: Mapping, policy: ReviewerPolicy, now: dt.datetime) -> Verdict:
    """Whether this signed-in person may review now, checked afresh on every page run."""
    who = person(claims)
    end = ended(claims, policy, now)
    if end is not None:
        return Verdict(EXPIRED, who, f"the sign-in ended at {end:%H:%M} UTC on {end:%d %b %Y}")
    email = str(claims.get("email") or "").strip().lower()
    verified = claims.get("email_verified") is not False and claims.get("email_verified") != "false"
    if (email and verified and email in policy.emails) or in_group(claims, policy):
        return Verdict(REVIEWER, who, "")
    if email and not verified:
        why = "the organisation has not verified this email address"
    elif not policy.grants_anyone:
        why = "this site names no reviewers for organisation sign-in"
    else:
        why = "this account is not on the site's list of reviewers"
    return Verdict(NOT_REVIEWER, who, why)
