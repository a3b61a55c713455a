"""Link-check history: since-dates carried between runs, what changed, and each team's link state (hand-worked)."""

from __future__ import annotations

import pandas as pd
import pytest

from coverage.listings.health import link_history as lh


def link(team, field, state, url=None, final="", since=None):
    row = {"team_id": team, "name": team.upper(), "field": field, "url": url or f"https://{team}.example/{field}"}
    row.update(state=state, final_url=final, detail="")
    if since:
        row["since"] = since
    return row


PREVIOUS = {
    "checked_on": "2026-11-01",
    "links": [
        link("a", "website", "ok", since="2026-10-01"),
        link("a", "source_url", "ok"),
        link("b", "website", "ok"),
        link("c", "website", "dead", since="2026-10-01"),
        link("d", "website", "moved", final="https://x.example/", since="2026-10-01"),
        link("e", "website", "ok", url="https://e.example/old"),
        link("f", "website", "ok"),
    ],
}
LATEST = {
    "checked_on": "2026-12-01",
    "teams": ["a", "b", "c", "d", "e", "g", "h"],
    "links": [
        link("a", "website", "ok"),
        link("a", "source_url", "refused"),
        link("b", "website", "dead"),
        link("c", "website", "ok"),
        link("d", "website", "moved", final="https://y.example/"),
        link("e", "website", "ok", url="https://e.example/new"),
        link("g", "website", "ok"),
    ],
}


@pytest.fixture
def results():
    return lh.carry_history(LATEST, PREVIOUS)


def test_a_link_keeps_its_since_date_while_its_address_and_kind_stay_the_same(results):
    since = {(r["team_id"], r["field"]): r["since"] for r in results["links"]}
    assert since == {
        ("a", "website"): "2026-10-01",  # ok then, ok now
        ("a", "source_url"): "2026-12-01",  # ok then, refused (dead) now
        ("b", "website"): "2026-12-01",
        ("c", "website"): "2026-12-01",  # recovered
        ("d", "website"): "2026-10-01",  # still moved, though somewhere else
        ("e", "website"): "2026-12-01",  # a new address
        ("g", "website"): "2026-12-01",  # new
    }


def test_only_one_run_back_is_kept(results):
    again = lh.carry_history({"checked_on": "2027-01-01", "teams": [], "links": []}, results)
    assert again["previous"]["checked_on"] == "2026-12-01"
    assert "previous" not in again["previous"] and len(again["previous"]["links"]) == 7


def test_the_changes_since_the_previous_check(results):
    table = lh.changes(results)
    assert table[["team_id", "link", "before", "now", "change"]].values.tolist() == [
        ["a", "source", "ok", "dead", "newly dead"],
        ["b", "website", "ok", "dead", "newly dead"],
        ["c", "website", "dead", "ok", "recovered"],
        ["d", "website", "moved", "moved", "moved again"],
        ["e", "website", "ok", "ok", "address changed in the directory: now ok"],
        ["f", "website", "ok", "", "no longer listed"],
        ["g", "website", "", "ok", "new link: ok"],
    ]


def test_the_first_check_has_no_changes():
    first = lh.carry_history(LATEST, None)
    assert first["previous"] is None and lh.changes(first).empty
    assert lh.changes(None).empty


def test_each_teams_link_state_date_and_change(results):
    table = lh.team_link_states(results, ["a", "b", "c", "d", "h", "z"]).set_index("team_id")
    assert table["link_state"].to_dict() == {
        "a": "ok",
        "b": "dead",
        "c": "ok",
        "d": "moved",
        "h": "no website listed",  # seen by the check, nothing to check
        "z": "not yet checked",  # added since the check
    }
    assert table.loc["b", ["checked_on", "since", "previous_state", "change"]].tolist() == [
        "2026-12-01",
        "2026-12-01",
        "ok",
        "newly dead",
    ]
    assert table.loc["a", "since"] == "2026-10-01" and table.loc["a", "change"] == ""
    assert table.loc["c", "change"] == "recovered" and table.loc["c", "previous_checked_on"] == "2026-11-01"
    assert pd.isna(table.loc["z", "checked_on"]) and table.loc["h", "checked_on"] == "2026-12-01"


def test_with_no_check_every_team_is_not_yet_checked():
    table = lh.team_link_states(None, ["a", "b"])
    assert table["link_state"].tolist() == ["not yet checked"] * 2
    assert table["checked_on"].isna().all()


def test_a_results_file_from_before_history_still_reads():
    """Files written before ``teams`` and ``since`` were recorded: the check date stands in."""
    old = {"checked_on": "2026-11-30", "links": [link("a", "website", "dead")]}
    table = lh.team_link_states(old, ["a", "b"]).set_index("team_id")
    assert table.loc["a", ["link_state", "since", "change"]].tolist() == ["dead", "2026-11-30", ""]
    assert table.loc["b", "link_state"] == "not yet checked"


@pytest.mark.parametrize(
    "state,kind", [("ok", "ok"), ("moved", "moved"), ("dead", "dead"), ("refused", "dead"), ("invalid", "dead")]
)
def test_a_link_that_does_not_work_for_a_visitor_counts_as_dead(state, kind):
    assert lh.kind({"state": state}) == kind


# Two runs by hand: "b" was dead and recovers, "c" was ok and goes dead; "a" works throughout.
RUN_1 = {
    "checked_on": "2026-11-01",
    "teams": ["a", "b", "c"],
    "links": [link("a", "website", "ok"), link("b", "website", "dead", since="2026-10-01"), link("c", "website", "ok")],
}
RUN_2 = {
    "checked_on": "2026-12-01",
    "teams": ["a", "b", "c", "d", "e", "f"],
    "links": [
        link("a", "website", "ok"),
        link("b", "website", "ok"),
        link("c", "website", "dead"),
        link("d", "website", "refused"),
        link("e", "website", "invalid", url="ftp://e.example/"),
    ],
}
ADDRESSES = {
    "a": "https://a.example/website",
    "b": "https://b.example/website",
    "c": "https://c.example/website",
    "d": "https://d.example/website",
    "e": "ftp://e.example/",
    "f": "",  # the check saw f without a website
    "g": "https://g.example/edited",  # edited in the directory: not the address checked
    "h": "",  # added since the check, with no website
}


def test_two_runs_give_each_team_its_state_and_since_date():
    results = lh.carry_history(RUN_2, RUN_1)
    results["links"].append(link("g", "website", "ok", url="https://g.example/old", since="2026-12-01"))
    table = lh.team_link_states(results, list(ADDRESSES), ADDRESSES.values()).set_index("team_id")
    assert table["link_state"].to_dict() == {
        "a": "ok",
        "b": "ok",
        "c": "dead",
        "d": "refused",
        "e": "not a web address",
        "f": "no website listed",
        "g": "not yet checked",
        "h": "no website listed",
    }
    # a has worked since the first run; b and c changed at the second
    assert table["since"].fillna("none").to_dict() == {
        "a": "2026-11-01",
        "b": "2026-12-01",
        "c": "2026-12-01",
        "d": "2026-12-01",
        "e": "2026-12-01",
        "f": "none",
        "g": "none",
        "h": "none",
    }
    assert table.loc["b", "change"] == "recovered" and table.loc["c", "change"] == "newly dead"
    assert table.loc["c", "previous_state"] == "ok" and table.loc["c", "previous_checked_on"] == "2026-11-01"


def test_the_changes_of_two_runs_are_counted_for_the_headline():
    changed = lh.changes(lh.carry_history(RUN_2, RUN_1))
    assert changed[["team_id", "change"]].values.tolist() == [
        ["b", "recovered"],
        ["c", "newly dead"],
        ["d", "new link: dead"],
        ["e", "new link: dead"],
    ]
    assert lh.change_counts(changed) == {"newly dead": 1, "recovered": 1, "moved": 0}
    moved = pd.DataFrame({"change": ["newly moved", "moved again", "recovered (now moved)", "no longer listed"]})
    assert lh.change_counts(moved) == {"newly dead": 0, "recovered": 1, "moved": 2}


def test_with_no_check_a_team_without_a_website_still_says_so():
    table = lh.team_link_states(None, ["a", "b"], ["https://a.example/", None])
    assert table["link_state"].tolist() == ["not yet checked", "no website listed"]


def test_a_damaged_entry_in_the_results_is_skipped():
    damaged = {"checked_on": "2026-12-01", "links": ["not a dict", link("a", "website", "dead")]}
    damaged["previous"] = {"checked_on": "2026-11-01", "links": [7, link("a", "website", "ok")]}
    assert lh.team_link_states(damaged, ["a"])["link_state"].tolist() == ["dead"]
    assert lh.changes(damaged)["change"].tolist() == ["newly dead"]
