"""Website states from the last link check: a changed address is 'not yet checked', not the old result."""

from __future__ import annotations

import pandas as pd

from coverage.listings import link_states
from coverage.listings.link_states import last_checked, website_states


def test_each_state_from_the_results():
    teams = pd.DataFrame(
        {"team_id": ["a", "b", "c", "d", "e"], "website": ["https://a", "https://b", "https://c-new", "", "https://e"]}
    )
    results = {
        "checked_on": "2026-11-30",
        "links": [
            {"team_id": "a", "field": "website", "url": "https://a", "state": "ok"},
            {"team_id": "b", "field": "website", "url": "https://b", "state": "dead", "detail": "timed out"},
            {"team_id": "c", "field": "website", "url": "https://c-old", "state": "ok"},  # address edited since
            {"team_id": "e", "field": "source_url", "url": "https://e", "state": "ok"},  # a source, not the website
            "not a dict",
        ],
    }
    got = website_states(teams, results)
    assert list(got["link_state"]) == ["ok", "dead", "not yet checked", "no website listed", "not yet checked"]
    assert got.loc[1, "link_detail"] == "timed out"
    assert last_checked(results) == "2026-11-30" and last_checked(None) == ""


def test_the_saved_file_is_read_through_the_one_loader(monkeypatch):
    monkeypatch.setattr(link_states.links, "load_results", lambda: {"checked_on": "2026-01-02", "links": []})
    states, checked = link_states.load_website_states(pd.DataFrame({"team_id": ["a"], "website": ["https://a"]}))
    assert checked == "2026-01-02" and list(states["link_state"]) == ["not yet checked"]
