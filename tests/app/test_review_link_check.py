"""Review page: signed-in reviewers see which listings have dead or moved links from the last link check."""

from __future__ import annotations

import json

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.support.apptest import open_app

pytestmark = pytest.mark.apptest


@pytest.fixture(autouse=True)
def state(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_STATE_DIR", str(tmp_path))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield tmp_path
    st.cache_resource.clear()
    st.cache_data.clear()


def review(signed_in: bool = True) -> AppTest:
    at = open_app(
        "pages/review.py",
        secrets={"review": {"password_hash": "unused-in-these-tests"}},
        session_state={"reviewer": "Reviewer One"} if signed_in else None,
    )
    assert not at.exception, [e.value for e in at.exception]
    return at


def write_results(folder, links) -> None:
    (folder / "link-check.json").write_text(json.dumps({"checked_on": "2026-11-29", "links": links}), encoding="utf-8")


def test_dead_and_moved_links_are_listed_for_reviewers(state):
    write_results(
        state,
        [
            {"team_id": "oxpip", "name": "OXPIP", "field": "website", "url": "https://a.example/", "state": "ok"},
            {
                "team_id": "norpip",
                "name": "NorPIP",
                "field": "website",
                "url": "https://b.example/",
                "state": "dead",
                "detail": "HTTP 404",
            },
            {
                "team_id": "oxpip",
                "name": "OXPIP",
                "field": "source_url",
                "url": "https://c.example/old",
                "state": "moved",
                "detail": "now at https://c.example/new",
            },
        ],
    )
    at = review()
    assert any(h.value == "Dead or moved links" for h in at.subheader)
    assert any("Last checked 2026\\-11\\-29: 3 link(s), 2 dead, moved or refused" in c.value for c in at.caption)
    table = next(d for d in at.dataframe if list(d.value.columns)[:3] == ["team_id", "team", "link"]).value
    assert table[["team_id", "link", "state", "detail"]].values.tolist() == [
        ["norpip", "website", "dead", "HTTP 404"],
        ["oxpip", "source", "moved (redirects elsewhere)", "now at https://c.example/new"],
    ]


def test_without_a_link_check_the_page_says_how_to_run_one(state):
    at = review()
    assert any("python -m coverage check-links" in i.value for i in at.info)


def test_the_link_report_is_for_signed_in_reviewers_only(state):
    write_results(state, [{"team_id": "x", "name": "X", "field": "website", "url": "https://x/", "state": "dead"}])
    at = review(signed_in=False)
    assert not any(h.value == "Dead or moved links" for h in at.subheader)


def test_the_date_the_directory_and_what_changed_since_the_check_before_are_shown(state):
    previous = [
        {"team_id": "oxpip", "name": "OXPIP", "field": "website", "url": "https://a.example/", "state": "ok"},
        {"team_id": "norpip", "name": "NorPIP", "field": "website", "url": "https://b.example/", "state": "dead"},
    ]
    latest = [
        {
            "team_id": "oxpip",
            "name": "OXPIP",
            "field": "website",
            "url": "https://a.example/",
            "state": "refused",
            "final_url": "",
            "detail": "refused: points inside the network (reached by redirect 1)",
        },
        {"team_id": "norpip", "name": "NorPIP", "field": "website", "url": "https://b.example/", "state": "ok"},
    ]
    doc = {
        "checked_on": "2026-12-01",
        "directory": "the reviewed directory (version 3 in the corrections store)",
        "links": latest,
        "previous": {"checked_on": "2026-11-01", "links": previous},
    }
    (state / "link-check.json").write_text(json.dumps(doc), encoding="utf-8")
    at = review()
    caption = next(c.value for c in at.caption if c.value.startswith("Last checked"))
    assert "2026\\-12\\-01" in caption and "version 3 in the corrections store" in caption
    assert any("Changed since the check before, on 2026\\-11\\-01:** 2 link(s)" in m.value for m in at.markdown)
    problems = next(d for d in at.dataframe if list(d.value.columns)[:3] == ["team_id", "team", "link"]).value
    assert problems[["team_id", "state", "detail"]].values.tolist() == [
        ["oxpip", "refused (points inside the network)", "refused: points inside the network (reached by redirect 1)"]
    ]
    changed = next(d for d in at.dataframe if "change" in d.value.columns).value
    assert changed[["team_id", "before", "now", "change"]].values.tolist() == [
        ["norpip", "dead", "ok", "recovered"],
        ["oxpip", "ok", "dead", "newly dead"],
    ]
