"""Plan survives every change it offers and every link it is given: close, re-open, hostile text."""

from __future__ import annotations

import base64
import json
import re
import zlib

import pytest
from streamlit.testing.v1 import AppTest

from coverage.model import scenario as S
from tests.support.apptest import open_app

pytestmark = pytest.mark.apptest

# Unknown keys are echoed in the error: a link must not get an image or a link into the app's own box.
PAYLOAD = "![x](http://127.0.0.1:9/pixel.png) [Sign in again](http://127.0.0.1:9/login) <img src=x>"


def plan(**params) -> AppTest:
    at = open_app("pages/plan.py", params=params)
    assert not at.exception, [e.value for e in at.exception]
    return at


def change_team(at: AppTest, team_id: str, button: str) -> AppTest:
    at.selectbox(key="plan_team").set_value(team_id).run()
    next(b for b in at.button if b.label == button).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def link(changes: list[dict], **extra) -> str:
    raw = {"version": 1, "name": "x", "changes": changes, **extra}
    return base64.urlsafe_b64encode(zlib.compress(json.dumps(raw).encode())).decode().rstrip("=")


def test_close_then_remove():
    at = change_team(plan(), "blackpool-pairs", "Close it")
    assert any(m.value.startswith("1. Close **Blackpool PAIRS") for m in at.markdown)
    assert at.metric and {m.label for m in at.metric} >= {"UK teams counted"}
    counted = next(m for m in at.metric if m.label == "UK teams counted")
    assert counted.delta == "-1"
    next(b for b in at.button if b.label == "Remove").click().run()
    assert not at.exception and "scenario" not in at.query_params


def test_reopen_a_closed_team():
    at = change_team(plan(), "norpip", "Re-open it")
    assert any(m.value.startswith("1. Re-open **NorPIP") for m in at.markdown)
    assert not at.error


def test_a_shared_link_holding_a_close_loads():
    at = plan(scenario=link([{"action": "close", "team_id": "blackpool-pairs"}]))
    assert not at.error
    assert any("Close **Blackpool PAIRS" in m.value for m in at.markdown)
    assert any(b.label == "Remove" for b in at.button)


def test_a_markdown_payload_in_a_link_is_shown_as_text():
    at = plan(scenario=link([], **{PAYLOAD: 1}))
    assert at.error
    shown = at.error[0].value
    # Every markdown/HTML trigger is escaped: no bracket, parenthesis, angle or bang without a backslash.
    assert not re.search(r"(?<!\\)[\[\]()<>!]", shown), shown
    assert r"\!\[x\]\(http\:" in shown


def test_a_stored_scenario_naming_a_team_that_has_gone_is_reported():
    at = plan()
    at.session_state["plan_scenario"] = S.Scenario(changes=(S.Change("close", "no-such-team"),))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(b.label == "Remove" for b in at.button)
