"""The licence and attribution statements, written once and carried into the committed manifest."""

from __future__ import annotations

import json

import pytest

from coverage.model.licence import ATTRIBUTION, OGL, ONS_STATEMENT, OS_STATEMENT
from coverage.paths import PROJECT_ROOT

pytestmark = pytest.mark.unit


def test_the_committed_manifest_carries_the_statements_as_written_here():
    manifest = json.loads((PROJECT_ROOT / "data" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["attribution"] == ATTRIBUTION


def test_ons_keeps_its_own_wording_and_the_three_others_name_the_licence_one_way():
    assert ATTRIBUTION[:2] == [ONS_STATEMENT, OS_STATEMENT]
    assert ONS_STATEMENT.endswith("Open Government Licence v.3.0.")  # "v.3.0", as ONS asks
    assert OGL == "Open Government Licence v3.0"
    assert [OGL in s for s in ATTRIBUTION] == [False, False, True, True, True]
