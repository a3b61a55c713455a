"""Bad form submissions on Check a listing: each gets its exact, actionable message per field."""

from __future__ import annotations

import pytest

from coverage.listings.workflow import corrections

GOOD_META = {"contact_email": "lead@team.nhs.uk", "evidence_url": "https://www.example.nhs.uk/team", "message": ""}


FORMS = [
    (
        "nation-against-areas",
        "new_team",
        None,
        {"name": "Cardiff team", "nation": "England", "area_level": "utla", "area_codes": "Cardiff"},
        GOOD_META,
        "nation",
        "the areas named are in Wales",
    ),
    (
        "bad-email",
        "correction",
        "oxpip",
        {"families_per_year": "120"},
        {**GOOD_META, "contact_email": "not-an-email"},
        "contact_email",
        "must be an email address",
    ),
    (
        "email-script",
        "correction",
        "oxpip",
        {"families_per_year": "120"},
        {**GOOD_META, "contact_email": "<script>@x.org"},
        "contact_email",
        "must be an email address",
    ),
    (
        "no-evidence",
        "correction",
        "oxpip",
        {"families_per_year": "120"},
        {**GOOD_META, "evidence_url": ""},
        "evidence_url",
        "give a link to a public page",
    ),
    (
        "js-evidence",
        "correction",
        "oxpip",
        {"families_per_year": "120"},
        {**GOOD_META, "evidence_url": "javascript:alert(1)"},
        "evidence_url",
        "give a link to a public page",
    ),
    (
        "unknown-area",
        "new_team",
        None,
        {"name": "T", "area_level": "utla", "area_codes": "Narnia"},
        GOOD_META,
        "area_codes",
        "not recognised at this level: Narnia",
    ),
    (
        "no-area",
        "new_team",
        None,
        {"name": "T", "area_level": "utla", "area_codes": ""},
        GOOD_META,
        "area_codes",
        "name at least one area served",
    ),
    (
        "bad-level",
        "new_team",
        None,
        {"name": "T", "area_level": "street", "area_codes": "Leeds"},
        GOOD_META,
        "area_level",
        "must be one of utla, lad, health, region, nation",
    ),
    (
        "families-text",
        "correction",
        "oxpip",
        {"families_per_year": "lots"},
        GOOD_META,
        "families_per_year",
        "must be a whole number from 1 to 5000",
    ),
    (
        "families-implausible",
        "correction",
        "oxpip",
        {"families_per_year": "100000"},
        GOOD_META,
        "families_per_year",
        "must be a whole number from 1 to 5000",
    ),
    (
        "no-name",
        "new_team",
        None,
        {"area_level": "utla", "area_codes": "Leeds"},
        GOOD_META,
        "name",
        "is required for a new team",
    ),
    ("nothing-changed", "correction", "oxpip", {}, GOOD_META, "fields", "nothing to change"),
    (
        "unknown-field",
        "correction",
        "oxpip",
        {"confidence": "verified"},
        GOOD_META,
        "confidence",
        "is not a field that can be suggested",
    ),
    ("control-chars", "correction", "oxpip", {"name": "OX\x00PIP"}, GOOD_META, "name", "contains control characters"),
    ("too-long-name", "correction", "oxpip", {"name": "x" * 201}, GOOD_META, "name", "the limit is 200"),
    ("bad-nation", "correction", "oxpip", {"nation": "Mercia"}, GOOD_META, "nation", "must be one of England"),
    ("bad-status", "correction", "oxpip", {"status": "thriving"}, GOOD_META, "status", "must be one of active"),
    ("unknown-team", "correction", "no-such-team", {"name": "X"}, GOOD_META, "team_id", "choose a listed team"),
    (
        "bad-website",
        "correction",
        "oxpip",
        {"website": "ftp://oxpip.org"},
        GOOD_META,
        "website",
        "must be a web address starting http",
    ),
    (
        "long-message",
        "correction",
        "oxpip",
        {"name": "OXPIP"},
        {**GOOD_META, "message": "m" * 3000},
        "message",
        "at most 2000 characters",
    ),
    ("bad-nation", "correction", "oxpip", {"nation": "Atlantis"}, GOOD_META, "nation", "must be one of England"),
    ("bad-status", "correction", "oxpip", {"status": "open"}, GOOD_META, "status", "must be one of active"),
    (
        "js-source",
        "correction",
        "oxpip",
        {"source_url": "javascript:alert(1)"},
        GOOD_META,
        "source_url",
        "must be a web address starting http",
    ),
    ("unknown-team", "correction", "ghost-team", {"name": "X"}, GOOD_META, "team_id", "choose a listed team"),
]


@pytest.mark.parametrize("case_id,kind,team_id,fields,meta,field,expected", FORMS, ids=[f[0] for f in FORMS])
def test_bad_form_submission(atlas, case_id, kind, team_id, fields, meta, field, expected):
    _, problems = corrections.validate(kind, fields, meta, atlas.areas, set(atlas.teams["team_id"]), team_id)
    assert field in problems, problems
    assert expected in problems[field]


def test_good_submissions_resolve_names_to_codes(atlas):
    clean, problems = corrections.validate(
        "new_team",
        {"name": "<b>New</b>", "area_level": "utla", "area_codes": "hartlepool; E06000002"},
        GOOD_META,
        atlas.areas,
        set(atlas.teams["team_id"]),
    )
    assert problems == {}
    assert clean["area_codes"] == "E06000001;E06000002"
    assert clean["name"] == "<b>New</b>"


def test_the_good_correction_is_accepted(atlas):
    """The control for FORMS: the same correction with good fields and contact details passes."""
    clean, problems = corrections.validate(
        "correction", {"families_per_year": "120"}, GOOD_META, atlas.areas, set(atlas.teams["team_id"]), "oxpip"
    )
    assert problems == {} and clean == {"families_per_year": "120"}


def test_every_field_the_checks_guard_has_a_refused_case():
    """A field whose check has no hostile case could lose its check unnoticed."""
    checked = {"name", "nation", "status", "area_level", "area_codes", "families_per_year", "website"}
    checked |= {"source_url", "contact_email", "evidence_url", "message", "team_id"}
    covered = {case[5] for case in FORMS}
    assert checked - covered == set(), f"no refused case for {sorted(checked - covered)}"


def test_a_new_team_nation_is_worked_out_from_its_areas(atlas):
    clean, problems = corrections.validate(
        "new_team",
        {"name": "Cardiff team", "area_level": "utla", "area_codes": "Cardiff"},
        GOOD_META,
        atlas.areas,
        set(atlas.teams["team_id"]),
    )
    assert problems == {} and clean["nation"] == "Wales"
    # Areas in two nations: the nation is left to the sender.
    clean, problems = corrections.validate(
        "new_team",
        {"name": "Border team", "area_level": "utla", "area_codes": "Cardiff; Gloucestershire"},
        GOOD_META,
        atlas.areas,
        set(atlas.teams["team_id"]),
    )
    assert problems == {} and "nation" not in clean
