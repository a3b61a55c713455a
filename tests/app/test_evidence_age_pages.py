"""AppTest (#20): evidence age wherever a team is shown, against the one window as of today.

From data/teams.csv: OXPIP was last verified 2025-03-01; NEWPIP started in 2017 with no later date.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.evidence_age import counted_stale_sentence, window_start
from coverage.present import team_map
from tests.app.apprun import PAGES, no_errors, run

pytestmark = pytest.mark.apptest

START = window_start(dt.date.today())


def plain(at: AppTest) -> str:
    parts = [m.value for m in list(at.markdown) + list(at.caption)]
    return "\n".join(parts).replace("\\", "")


def test_team_map_fades_stale_markers_and_keys_them():
    at = run("pages/teams.py")
    no_errors(at)
    spec = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    markers = {m["team_id"]: m for m in next(x for x in spec["layers"] if x["id"] == "teams")["data"]}
    assert markers["oxpip"]["fill"][3] == team_map.ASSUMED_FILL_ALPHA  # verified 2025: its ring drawn as before
    assert markers["newpip"]["fill"][3] == round(team_map.PUBLISHED_FILL_ALPHA * team_map.STALE_FADE)  # 277, 2017
    at.selectbox(key="dir_list_page").set_value("all").run()  # both cards, wherever their pages fall
    no_errors(at)
    text = plain(at)
    assert f"faded: no dated evidence since {START} (" in text
    assert f"**Evidence:** latest evidence 2017, before {START} (older than the last two years)" in text
    assert "**Evidence:** evidence from 2025" in text


def test_profile_team_cards_and_check_a_listing_say_the_age():
    at = run("pages/profile.py", area="E10000025", level="utla")  # Oxfordshire: OXPIP
    no_errors(at)
    assert "evidence from 2025" in plain(at)
    at = run("pages/check.py", team="newpip")
    no_errors(at)
    assert f"**Evidence:** latest evidence 2017, before {START}, older than the last two years" in plain(at)


def test_home_says_how_many_counted_teams_have_no_evidence_in_the_window():
    at = run(PAGES[0])
    no_errors(at)
    want = counted_stale_sentence(load_atlas(), Assumptions(), dt.date.today())
    assert want.startswith("Across the UK: ") and " counted teams ha" in want
    assert want in [c.value for c in at.caption]


def test_the_sidebar_evidence_choice_is_in_plain_words():
    at = run(PAGES[0])
    box = next(s for s in at.sidebar.selectbox if s.key == "since")
    assert box.label == "Count a team only if a dated source shows it working in or after"
    assert box.value == 0 and box.format_func(0) == "any year: count teams however old their evidence"
