"""Check a listing: a Track link fills the reference in; a new team's nation is worked out from its areas."""

from __future__ import annotations

from tests.app.pages import open_page


def test_a_track_link_fills_in_the_reference():
    at = open_page("check", tab="track", ref="PIA-1A2B3C4D")
    assert at.text_input(key="chk_track").value == "PIA-1A2B3C4D"
    assert any("No suggestion has the reference PIA-1A2B3C4D" in w.value for w in at.warning) or at.error


def test_the_new_team_form_offers_to_work_the_nation_out():
    at = open_page("check", tab="new")
    nation = next(s for s in at.selectbox if s.label == "Nation")
    assert nation.value == ""  # "Work it out from the areas", not England
    assert nation.options[0] == "Work it out from the areas"
    labels = [t.label for t in at.text_input]
    assert len(labels) == len(set(labels)), labels  # no two boxes labelled alike
