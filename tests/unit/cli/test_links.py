"""``check-links`` reads the directory as reviewed (else the shipped file, saying so) and keeps the run before.

The network is replaced by a stand-in that answers from a table, so these cases are about which
directory is read and what the results file keeps, not about fetching.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from coverage import paths
from coverage.cli import main
from coverage.listings.store import Store
from coverage.pipeline.links import crawler

pytestmark = [pytest.mark.unit]


@pytest.fixture
def answers(monkeypatch):
    """URL -> state the stand-in reports; every URL asked is recorded."""
    table: dict[str, str] = {}
    asked: list[str] = []

    def fake_check_links(batch, **_options):
        asked.extend(item["url"] for item in batch)
        return [
            dict(item, state=table.get(item["url"], "ok"), status=None, final_url="", redirects=[], detail="")
            for item in batch
        ]

    monkeypatch.setattr(crawler, "check_links", fake_check_links)
    return table, asked


@pytest.fixture
def state(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_STATE_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path


def two_team_csv() -> str:
    with (paths.PROJECT_ROOT / "data" / "teams.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [next(reader), next(reader)]
        fields = reader.fieldnames
    rows[0].update(website="https://one.example/", source_url="")
    rows[1].update(website="https://two.example/", source_url="https://two.example/about")
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_with_no_store_the_shipped_directory_is_checked_and_named(state, answers, capsys):
    _, asked = answers
    assert main(["check-links"]) == 0
    printed = capsys.readouterr().out
    assert "checking the shipped teams.csv (no corrections store yet)" in printed
    doc = json.loads((state / "link-check.json").read_text(encoding="utf-8"))
    assert doc["directory"] == "the shipped teams.csv (no corrections store yet)"
    with (paths.PROJECT_ROOT / "data" / "teams.csv").open(encoding="utf-8", newline="") as fh:
        shipped = list(csv.DictReader(fh))
    assert len(asked) == sum(bool(r["website"].strip()) + bool(r["source_url"].strip()) for r in shipped)
    assert not (state / "atlas.sqlite").exists()  # checking links never creates a store


def test_the_reviewed_directory_is_checked_and_the_run_before_is_kept(state, answers, capsys):
    table, asked = answers
    store = Store()
    store.write_version(two_team_csv(), "reviewer", "test version", [])
    store.engine.dispose()

    assert main(["check-links"]) == 0
    assert "checking the reviewed directory (version 1 in the corrections store): 2 team(s)" in capsys.readouterr().out
    assert sorted(asked) == ["https://one.example/", "https://two.example/", "https://two.example/about"]

    table["https://two.example/"] = "dead"
    assert main(["check-links"]) == 0
    printed = capsys.readouterr().out
    assert ": 1 change(s)" in printed and "website: newly dead" in printed
    doc = json.loads((state / "link-check.json").read_text(encoding="utf-8"))
    assert [link["state"] for link in doc["previous"]["links"]] == ["ok", "ok", "ok"]
    assert [link["state"] for link in doc["links"]] == ["ok", "dead", "ok"]


def test_a_store_that_cannot_be_read_stops_the_check(state, answers, capsys):
    (state / "atlas.sqlite").write_bytes(b"this is not a database")
    assert main(["check-links"]) == 1
    assert "the corrections store cannot be read" in capsys.readouterr().err
    assert answers[1] == [] and not (state / "link-check.json").exists()
