"""One count everywhere: home, team directory, team map legend, Change over time and the directory CSV agree."""

from __future__ import annotations

import pytest

from coverage.exports.tables import team_frame
from coverage.model.assumptions import Assumptions
from coverage.model.service_count import count_services
from tests.app.pages import open_page

pytestmark = [pytest.mark.apptest, pytest.mark.slow]


def _texts(at) -> str:
    return "\n".join(e.value for e in (*at.markdown, *at.caption))


def test_every_page_and_the_csv_show_the_same_service_count(atlas):
    expected = count_services(atlas.teams, Assumptions()).counted
    assert expected == 25  # 27 specialised rows: one closed (NorPIP), one describes Mersey Care's BABS again
    home = open_page("coverage_map")
    assert {m.label: m.value for m in home.metric}["Teams counted"] == f"{expected} of 51"
    teams = open_page("teams")
    assert f"**{expected} services counted, from 27 directory rows" in teams.markdown[0].value
    legend = [c.value for c in teams.caption if c.value.startswith("Of the listings shown")]
    assert legend and f"{expected} services counted" in legend[0]
    change = open_page("change")
    assert f"Today, under the sidebar's choices: {expected} services counted" in _texts(change)
    csv_counted = team_frame(atlas, Assumptions())["counted"]
    assert int(csv_counted.sum()) == expected


def test_home_and_compare_count_areas_with_no_team_the_same_way():
    home = open_page("coverage_map", level="utla")
    # Split as the map's legend splits them: 131 none listed, 8 reported (Greater Manchester), 43 listing a
    # service that does not count (Kent's borderline PIMHS among them).
    words = (
        "182 councils with no counted team: 131 with none listed, 8 where a source reports a team the directory "
        "does not list, and 43 where a service is listed but not counted"
    )
    assert words in _texts(home)
    compare = open_page("compare", level="utla", noteam="1")
    assert "182 of 218 councils match" in _texts(compare) and words in _texts(compare)
