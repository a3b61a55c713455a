"""Each service counted once: ``same_service_as`` rows, hand-computed on the synthetic atlas.

Synthetic births (age 0): E1 1000, E2 500 (split 300 in H1, 200 in H2), E3 300, W1 200.
"""

from __future__ import annotations

import pytest

from coverage.model.assumptions import Assumptions
from coverage.model.atlas import load_atlas
from coverage.model.directory import parse_directory
from coverage.model.gaps import all_levels, summary
from coverage.model.services import evidence_year, fold_services
from tests import synthetic

pytestmark = pytest.mark.unit

A = Assumptions(families_per_team=100, families_per_team_low=50, families_per_team_high=150)
T = synthetic.team


def atlas_with(tmp_path, teams):
    return load_atlas(synthetic.write(tmp_path / "data", teams))


def test_two_rows_for_one_service_count_one_team_with_one_teams_capacity(tmp_path):
    atlas = atlas_with(
        tmp_path,
        [
            T("upshire-a", "utla", "U1", families_per_year=80),
            T("upshire-b", "utla", "U1", same_service_as="upshire-a", families_per_year=300),
        ],
    )
    levels = all_levels(atlas, A)
    u1 = levels["utla"].set_index("area_code").loc["U1"]
    assert u1["teams"] == 1
    assert u1["capacity_per_year"] == pytest.approx(80)  # the standing row's figure, not 80 + 300
    assert summary(atlas, A).iloc[0]["teams"] == 1
    for level, table in levels.items():
        assert table["capacity_per_year"].sum() == pytest.approx(80), level


def test_a_grouped_row_adds_its_areas_to_the_service(tmp_path):
    # The service at U2 (births 300) also serves U1 (1500) under an old name: 1800 births in all.
    atlas = atlas_with(
        tmp_path,
        [
            T("current", "utla", "U2", families_per_year=90),
            T("old-name", "utla", "U1", same_service_as="current"),
        ],
    )
    t = all_levels(atlas, A)["utla"].set_index("area_code")
    assert t.at["U1", "capacity_per_year"] == pytest.approx(90 * 1500 / 1800)
    assert t.at["U2", "capacity_per_year"] == pytest.approx(90 * 300 / 1800)
    assert t.at["U1", "teams"] == t.at["U2", "teams"] == 1
    assert t.at["U1", "team_ids"] == "current"
    assert summary(atlas, A).iloc[0]["teams"] == 1


def test_without_the_group_both_rows_count(tmp_path):
    atlas = atlas_with(tmp_path, [T("a", "utla", "U1"), T("b", "utla", "U1")])
    assert summary(atlas, A).iloc[0]["teams"] == 2
    assert all_levels(atlas, A)["utla"].set_index("area_code").at["U1", "capacity_per_year"] == pytest.approx(200)


def _problems(rows):
    data = synthetic_csv(rows)
    codes = {"utla": {"U1", "U2", "W1"}, "lad": {"E1", "E2", "E3", "W1"}}
    return [str(p) for p in parse_directory(data, codes, "t.csv")[1]]


def synthetic_csv(rows) -> bytes:
    import io

    import pandas as pd

    from coverage.model.directory import COLUMNS

    buf = io.StringIO()
    pd.DataFrame(rows, columns=COLUMNS).to_csv(buf, index=False)
    return buf.getvalue().encode()


@pytest.mark.parametrize(
    "rows,expected",
    [
        ([T("a", "utla", "U1", same_service_as="a")], "names this row itself"),
        ([T("a", "utla", "U1", same_service_as="nobody")], "'nobody' is not a team_id in this file"),
        (
            [
                T("a", "utla", "U1"),
                T("b", "utla", "U1", same_service_as="a"),
                T("c", "utla", "U1", same_service_as="b"),
            ],
            "'b' itself points to 'a'",
        ),
        (
            [T("a", "utla", "U1", same_service_as="b"), T("b", "utla", "U1", same_service_as="a")],
            "no chains or cycles",
        ),
        ([T("a", "utla", "U1"), T("b", "lad", "E1", same_service_as="a")], "one service needs one level"),
    ],
)
def test_bad_groups_are_explained_on_their_line(rows, expected):
    problems = _problems(rows)
    assert any("same_service_as" in p and expected in p for p in problems), problems


def test_a_valid_group_has_no_problem_and_old_files_without_the_column_still_load():
    assert _problems([T("a", "utla", "U1"), T("b", "utla", "U2", same_service_as="a")]) == []
    text = synthetic_csv([T("a", "utla", "U1")]).decode()
    header, *rest = text.splitlines()
    cols = header.split(",")
    i = cols.index("same_service_as")
    old = "\n".join(",".join(c for j, c in enumerate(line.split(",")) if j != i) for line in [header, *rest])
    frame, problems = parse_directory(old.encode(), {"utla": {"U1"}}, "old.csv")
    assert problems == [] and list(frame["team_id"]) == ["a"]


def test_evidence_year_is_the_latest_dated_evidence_over_the_service():
    import pandas as pd

    from coverage.model.directory import to_frame

    teams = to_frame(
        [
            T("a", "utla", "U1", year_established="2015"),
            T("b", "utla", "U1", same_service_as="a", last_verified="2024-03-01"),
            T("c", "utla", "U2", last_verified="2021-12-31", year_established="2019"),
            T("d", "utla", "U2"),
        ]
    )
    years = evidence_year(teams)
    assert list(years[:3]) == [2024, 2024, 2021]
    assert pd.isna(years.iloc[3])
    folded = fold_services(teams)
    assert list(folded["team_id"]) == ["a", "c", "d"]
    assert folded.set_index("team_id").at["a", "evidence_year"] == 2024


def test_evidence_since_counts_only_services_with_recent_dated_evidence(tmp_path):
    atlas = atlas_with(
        tmp_path,
        [
            T("old", "utla", "U1", last_verified="2019-05-01"),
            T("new", "utla", "U2", year_established="2024"),
            T("undated", "lad", "W1", nation="Wales"),
        ],
    )
    assert summary(atlas, A).iloc[0]["teams"] == 3
    since = Assumptions(families_per_team=100, evidence_since=2023)
    table = all_levels(atlas, since)["utla"].set_index("area_code")
    assert summary(atlas, since).iloc[0]["teams"] == 1
    assert table.at["U2", "teams"] == 1 and table.at["U1", "teams"] == 0 and table.at["W1", "teams"] == 0
    assert "only teams with dated evidence from 2023 on" in since.describe()
    with pytest.raises(ValueError, match="evidence_since"):
        Assumptions(evidence_since=1850)
