"""Review: sign in, approve a suggestion so the figures change, undo, reject, import a directory."""

from __future__ import annotations

import pytest

from coverage.listings.store import Store
from coverage.listings.workflow.corrections import frame_to_csv
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.gaps import area_table
from tests.app.apprun import PASSWORD, page, sign_in, suggest_oxpip_capacity

pytestmark = pytest.mark.usefixtures("fresh_store")


def test_submit_review_approve_changes_the_figures_then_undo(fresh_store):
    at = suggest_oxpip_capacity(page("pages/check.py"), "150")
    assert at.success and "reference" in at.success[0].value
    ref = fresh_store.submissions("pending")[0]["reference"]
    assert ref in at.success[0].value
    # Not live until approved.
    assert Store().head_version() == 0

    review = sign_in(page("pages/review.py"))
    assert any(ref in m.value for m in review.markdown)
    next(b for b in review.button if b.label == "Approve").click().run()
    assert not review.exception
    store = Store()
    assert store.head_version() == 1 and store.get(ref)["status"] == "approved"
    changes = {(c["field"], c["new"]) for c in store.changes(1)}
    assert ("families_per_year", "150") in changes

    live = load_atlas(directory_csv=store.directory_csv())
    oxford = area_table(live, "utla", Assumptions()).set_index("area_code").at["E10000025", "capacity_per_year"]
    assert oxford == pytest.approx(150)
    home = page("pages/coverage_map.py", area="E10000025")
    assert not home.exception

    # Undo restores the shipped record, as a new version.
    review = page("pages/review.py")
    review = sign_in(review)
    review.text_input(key="undo_reason_1").input("test undo").run()
    next(b for b in review.button if b.label == "Undo version 1").click().run()
    assert Store().head_version() == 2
    restored = load_atlas(directory_csv=Store().directory_csv())
    assert restored.teams.set_index("team_id").at["oxpip", "families_per_year"] != 150


def test_wrong_password_is_refused_and_throttled():
    at = page("pages/review.py")
    for _ in range(5):
        at = sign_in(at, password="wrong")
        assert at.error and "not right" in at.error[0].value
    at = sign_in(at, password=PASSWORD)  # even the right one, once locked out
    assert at.error and "Too many wrong passwords" in at.error[0].value
    assert not any(b.label == "Approve" for b in at.button)


def test_reject_needs_a_reason(fresh_store):
    suggest_oxpip_capacity(page("pages/check.py"), "90")
    review = sign_in(page("pages/review.py"))
    next(b for b in review.button if b.label == "Reject").click().run()
    assert review.error and "reason" in review.error[0].value
    assert Store().submissions("pending")


def test_import_reports_problems_then_replaces_on_acceptance(fresh_store):
    atlas = load_atlas()
    review = sign_in(page("pages/review.py"))
    bad = frame_to_csv(atlas.teams).replace(",unknown,", ",activ,", 1).encode()
    review.file_uploader(key="import_file").upload("network.csv", bad, "text/csv").run()
    assert review.error and "nothing has been changed" in review.error[0].value
    assert Store().head_version() == 0

    teams = atlas.teams.copy()
    teams.loc[teams["team_id"] == "oxpip", "families_per_year"] = 321.0
    review.file_uploader(key="import_file").upload("network.csv", frame_to_csv(teams).encode(), "text/csv").run()
    assert review.success and f"All {len(atlas.teams)} rows are valid" in review.success[0].value
    review.text_input(key="import_reason").input("network list, Nov 2026").run()
    next(b for b in review.button if b.label == "Replace the live directory").click().run()
    assert Store().head_version() == 1
    assert ("families_per_year", "321") in {(c["field"], c["new"]) for c in Store().changes(1)}
