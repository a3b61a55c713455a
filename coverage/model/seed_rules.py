"""How the seed list's evidence becomes a directory row's kind, status and confidence.

The seed rows come from scattered public pages; deciding each row's kind and status by eye
gave rows with the same evidence different classes. Each row of the build's resolution file
names the rule it was classed by, the build refuses a row whose class differs from its
rule's, and the Methods page shows this table, so the same evidence always gets the same class.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    key: str
    outcome: str  # the kind, status or confidence the rule gives
    evidence: str  # what the seed (or a later pass) must show


KIND_RULES: dict[str, Rule] = {
    r.key: r
    for r in (
        Rule(
            "K1",
            "specialised",
            "A named parent-infant relationship team or PIP: the source names who delivers it and "
            "describes direct therapeutic work with parents and babies.",
        ),
        Rule(
            "K2",
            "borderline",
            "A named parent-infant team, but who delivers it or what clinical work it does is not stated "
            "(a name on a family-centre or campaign page).",
        ),
        Rule(
            "K3",
            "borderline",
            "The latest evidence says it may not meet the specialised definition: new and not yet seen "
            "working, combined with a perinatal or CAMHS service, or focused on mild-to-moderate need or "
            "group work (for example a Family Hubs contract).",
        ),
        Rule(
            "K4",
            "other",
            "Another kind of provision: health-visitor-led, edge-of-care or social care, a parent-infant "
            "role inside a perinatal team, a time-limited project, or a name only.",
        ),
    )
}

STATUS_RULES: dict[str, Rule] = {
    r.key: r
    for r in (
        Rule("S1", "closed", "A source says the service closed (the seed's CLOSED tag or a dated closure statement)."),
        Rule(
            "S2",
            "active",
            "A dated source shows the service itself working or newly commissioned (its own page, an award for "
            "the service, a report of its work); the date is kept in last_verified where the source gives one.",
        ),
        Rule(
            "S3",
            "unknown",
            "Anything else: undated pages, awards for only part of a service, and time-limited projects with "
            "no evidence either way that they continued or closed.",
        ),
    )
}

CONFIDENCE_RULES: dict[str, str] = {
    "high": "reported",
    "medium": "reported",
    "low": "unconfirmed",
}
CONFIDENCE_NOTE = (
    "The seed tag's confidence (high, medium, low; the first word where the tag qualifies it) gives "
    "'reported' for high and medium and 'unconfirmed' for low; 'verified' is kept for a listing a "
    "reviewer has confirmed with the team."
)


def rule_problems(kind: str, kind_rule: str, status: str, status_rule: str) -> list[str]:
    """Why a row's kind or status does not follow the rule it names (empty when it does)."""
    out = []
    for value, key, rules, what in (
        (kind, kind_rule, KIND_RULES, "kind"),
        (status, status_rule, STATUS_RULES, "status"),
    ):
        rule = rules.get(key)
        if rule is None:
            out.append(f"{what} rule '{key}' is not one of {', '.join(rules)}")
        elif rule.outcome != value:
            out.append(f"{what} '{value}' but rule {key} gives '{rule.outcome}'")
    return out
