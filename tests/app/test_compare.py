"""Compare areas: the filters show exactly the engine's areas."""

from __future__ import annotations

from coverage.model.assumptions import Assumptions
from coverage.model.gaps import area_table
from tests.app.apprun import PAGES, no_errors, run


def test_compare_filters(atlas):
    at = run(PAGES[2])
    no_errors(at)
    at.checkbox(key="cmp_noteam").check().run()
    no_errors(at)
    shown = at.dataframe[0].value
    assert (shown["teams"] == 0).all()
    table = area_table(atlas, "utla", Assumptions())
    assert len(shown) == int((table["teams"] == 0).sum())
