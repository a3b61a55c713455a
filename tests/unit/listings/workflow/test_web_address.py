"""A suggested link must be a public web address: scheme, port, credentials and host rules, and the form's messages."""

from __future__ import annotations

import pytest

from coverage.listings.workflow import corrections, web_address

GOOD_META = {"contact_email": "lead@team.nhs.uk", "evidence_url": "https://www.example.nhs.uk/team", "message": ""}

REFUSED = [
    ("ftp://files.example.org/a", "must be a web address starting http"),
    ("file:///etc/passwd", "must be a web address starting http"),
    ("https://user:pass@www.example.org/", "must not contain a user name or password"),
    ("https://user@www.example.org/", "must not contain a user name or password"),
    ("https://:pw@www.example.org/", "must not contain a user name or password"),
    ("http://www.example.org:8080/", "no :port number other than 80 or 443"),
    ("http://www.example.org:22/", "no :port number other than 80 or 443"),
    ("http://www.example.org:99999/", "is not a valid web address"),
    ("http://127.0.0.1/admin", "not a numeric address"),
    ("http://169.254.169.254/latest/meta-data/", "not a numeric address"),
    ("http://[::1]/", "not a numeric address"),
    ("http://[::ffff:127.0.0.1]/", "not a numeric address"),
    ("http://2130706433/", "not a numeric address"),
    ("http://0x7f.1/", "not a numeric address"),
    ("http://10.1/", "not a numeric address"),
    ("http://localhost/", "not a local one"),
    ("http://intranet/", "not a local one"),
    ("http://printer.local/", "not a local one"),
    ("http://metadata.google.internal/", "not a local one"),
    ("http:///path-only", "must name a website"),
]


@pytest.mark.parametrize("url,message", REFUSED, ids=[r[0] for r in REFUSED])
def test_a_link_that_is_not_a_public_web_address_is_refused_with_a_reason(url, message):
    assert message in (web_address.problem(url) or "")


@pytest.mark.parametrize(
    "url",
    [
        "https://www.oxpip.org.uk/about",
        "http://www.example.org:80/page",
        "https://www.example.org:443/page?x=1#top",
        "https://WWW.Example.NHS.UK./team",  # trailing dot and capitals are the same public name
    ],
)
def test_a_public_web_address_passes(url):
    assert web_address.problem(url) is None


def test_the_test_only_switches_let_a_local_stand_in_through_and_nothing_else():
    assert web_address.problem("http://127.0.0.2:8123/", ports=None, ip_literals=True) is None
    assert "user name" in web_address.problem("http://u:p@127.0.0.2:8123/", ports=None, ip_literals=True)
    assert "starting http" in web_address.problem("gopher://127.0.0.2/", ports=None, ip_literals=True)


@pytest.mark.parametrize(
    "field,url,message",
    [
        ("website", "https://user:secret@www.example.org/", "must not contain a user name or password"),
        ("source_url", "http://127.0.0.1:8080/admin", "no :port number"),
        ("source_url", "http://169.254.169.254/latest/meta-data/", "not a numeric address"),
        ("website", "http://[::1]/", "not a numeric address"),
        ("website", "http://localhost/", "not a local one"),
    ],
)
def test_the_suggestion_form_refuses_an_inside_link_with_a_clear_message(atlas, field, url, message):
    _, problems = corrections.validate(
        "correction", {field: url}, GOOD_META, atlas.areas, set(atlas.teams["team_id"]), "oxpip"
    )
    assert message in problems[field]


def test_the_supporting_page_follows_the_same_rules(atlas):
    meta = {**GOOD_META, "evidence_url": "http://user:pw@192.168.1.1/"}
    _, problems = corrections.validate(
        "correction", {"families_per_year": "120"}, meta, atlas.areas, set(atlas.teams["team_id"]), "oxpip"
    )
    assert "supports the change: it must not contain a user name or password" in problems["evidence_url"]


def test_a_public_website_suggestion_is_accepted(atlas):
    clean, problems = corrections.validate(
        "correction", {"website": "https://www.oxpip.org.uk/"}, GOOD_META, atlas.areas, {"oxpip"}, "oxpip"
    )
    assert problems == {} and clean == {"website": "https://www.oxpip.org.uk/"}
