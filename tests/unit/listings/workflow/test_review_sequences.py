"""Any sequence of approvals, rejections, undos and imports keeps exactly the listings it implies.

The model here is deliberately independent of ``coverage.listings``: each directory is a dict
of team_id to its CSV row (plain strings, read with the ``csv`` module), each approval sets the
named fields on one row, an undo returns to the snapshot before the undone version, and an
import replaces the whole dict. After every step the store's live directory must equal the
model row for row and field for field, and the new version's audit rows must name exactly the
(team, field) pairs that changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coverage.listings.store import Store, StoreError
from coverage.listings.workflow import corrections, directory_import, review
from coverage.model.atlas import load_atlas

pytestmark = pytest.mark.unit


def today() -> str:
    """The date an approval stamps, read when the model row is built: a module-level constant went stale
    when a run crossed midnight (CI started at 23:53 and every approval after 00:00 differed by a day)."""
    return dt.date.today().isoformat()


AREAS = ["E06000001", "E06000002", "E06000003"]  # Hartlepool, Middlesbrough, Redcar and Cleveland (utla)


@functools.cache
def atlas():
    return load_atlas()


def rows_of(csv_text: str) -> dict[str, dict[str, str]]:
    return {r["team_id"]: r for r in csv.DictReader(io.StringIO(csv_text, newline=""))}


def csv_of(rows: dict[str, dict[str, str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(next(iter(rows.values()))), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows.values())
    return buf.getvalue().encode("utf-8")


def changed_pairs(old: dict, new: dict) -> set[tuple[str, str]]:
    pairs = {(t, "(team)") for t in old.keys() ^ new.keys()}
    for t in old.keys() & new.keys():
        pairs |= {(t, f) for f in new[t] if old[t][f] != new[t][f]}
    return pairs


class Run:
    """One store driven step by step next to the model."""

    def __init__(self, url: str):
        self.store = Store(url)
        self.base = atlas().teams
        self.snapshots = [rows_of(corrections.frame_to_csv(self.base))]  # index = version
        self.model = self.snapshots[0]

    def live(self) -> dict:
        return rows_of(corrections.frame_to_csv(review.current_directory(self.store, atlas(), self.base)))

    def _submit(self, kind: str, team_id: str | None, fields: dict) -> str:
        meta = {"contact_email": "lead@example.org", "evidence_url": "https://example.org/team"}
        ids = set(self.model)
        clean, problems = corrections.validate(kind, fields, meta, atlas().areas, ids, team_id)
        assert not problems, problems
        return self.store.submit(kind, team_id, clean, meta["contact_email"], meta["evidence_url"]), clean

    def _wrote(self, version: int, model: dict) -> None:
        before = self.model
        assert version == len(self.snapshots)
        self.snapshots.append(model)
        self.model = model
        audit = {(c["team_id"], c["field"]) for c in self.store.changes(version)}
        assert audit == changed_pairs(before, model)

    def correct(self, pick: int, field: str, value: str) -> None:
        team_id = sorted(self.model)[pick % len(self.model)]
        ref, clean = self._submit("correction", team_id, {field: value})
        version = review.approve(self.store, atlas(), self.base, ref, "Reviewer One", "", self.store.head_version())
        row = {**self.model[team_id], **clean, "last_verified": today()}
        self._wrote(version, {**self.model, team_id: row})

    def add(self, name: str, areas: list[str]) -> None:
        ref, clean = self._submit(
            "new_team", None, {"name": name, "nation": "England", "area_level": "utla", "area_codes": ";".join(areas)}
        )
        version = review.approve(self.store, atlas(), self.base, ref, "Reviewer One", "", self.store.head_version())
        added = self.live().keys() - self.model.keys()
        assert len(added) == 1
        (team_id,) = added
        row = dict.fromkeys(next(iter(self.model.values())), "")
        row.update(
            team_id=team_id,
            status="unknown",
            confidence="reported",
            kind="specialised",
            last_verified=today(),
            **clean,
        )
        self._wrote(version, {**self.model, team_id: row})

    def reject(self, pick: int) -> None:
        team_id = sorted(self.model)[pick % len(self.model)]
        ref, _ = self._submit("correction", team_id, {"notes": "a suggestion to turn down"})
        self.store.reject(ref, "Reviewer One", "not supported by the evidence")
        assert self.store.get(ref)["status"] == "rejected"

    def undo(self, pick: int) -> None:
        head = self.store.head_version()
        if not head:
            with pytest.raises(StoreError):
                review.undo(self.store, atlas(), self.base, 1, "Reviewer One", "nothing to undo")
            return
        target = pick % head + 1
        version = review.undo(self.store, atlas(), self.base, target, "Reviewer One", "undo")
        self._wrote(version, self.snapshots[target - 1])
        # Exactly: the stored text is the text of the version before.
        before = self.store.directory_csv(target - 1) if target > 1 else corrections.frame_to_csv(self.base)
        assert self.store.directory_csv(version) == before

    def import_(self, drop: int, pick: int, note: str) -> None:
        rows = {t: dict(r) for t, r in self.model.items()}
        referenced = {t for r in rows.values() for t in r["overlaps_with"].split(";")}
        droppable = sorted(rows.keys() - referenced)
        if len(rows) > 1 and droppable:
            rows.pop(droppable[drop % len(droppable)])
        team_id = sorted(rows)[pick % len(rows)]
        rows[team_id]["notes"] = note
        frame, problems = directory_import.check("upload.csv", csv_of(rows), atlas().known_codes())
        assert not problems, problems
        if not corrections.diff(review.current_directory(self.store, atlas(), self.base), frame):
            return
        rows[team_id]["notes"] = note.strip()  # values are stored exactly as validated: trimmed
        version = review.import_directory(
            self.store, atlas(), self.base, frame, "Reviewer One", "network list", self.store.head_version()
        )
        self._wrote(version, rows)

    def check(self) -> None:
        assert self.live() == self.model


safe_text = st.text(alphabet=st.sampled_from("ab ,;\"'=\n-é"), min_size=1, max_size=12).filter(lambda s: s.strip())
steps = st.lists(
    st.one_of(
        st.tuples(
            st.just("correct"),
            st.integers(0, 500),
            st.sampled_from(["families_per_year", "notes"]),
            st.integers(1, 5000).map(str),
        ),
        st.tuples(st.just("correct"), st.integers(0, 500), st.just("notes"), safe_text),
        st.tuples(
            st.just("add"), st.text(alphabet="abc XYZ", min_size=1, max_size=10).filter(str.strip), st.just(AREAS[:2])
        ),
        st.tuples(st.just("reject"), st.integers(0, 500)),
        st.tuples(st.just("undo"), st.integers(0, 50)),
        st.tuples(st.just("import_"), st.integers(0, 500), st.integers(0, 500), safe_text),
    ),
    min_size=1,
    max_size=7,
)


@pytest.mark.slow  # 25 generated sequences on each database: about 14 s on PostgreSQL
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps)
def test_any_sequence_keeps_exactly_the_implied_listings(new_store_url, sequence):
    run = Run(new_store_url())
    try:
        for name, *args in sequence:
            getattr(run, name)(*args)
            run.check()
        assert [v.version for v in run.store.versions()] == list(range(len(run.snapshots) - 1, 0, -1))
    finally:
        run.store.engine.dispose()


def test_three_approvals_in_a_row_keep_every_listing(new_store_url):
    run = Run(new_store_url())
    try:
        listed = len(run.model)
        run.correct(sorted(run.model).index("oxpip"), "families_per_year", "150")
        run.add("A new team in Hartlepool", AREAS[:1])
        run.correct(sorted(run.model).index("oxpip"), "notes", "checked with the team")
        run.check()
        live = run.live()
        assert listed > 50, "the shipped directory was not loaded"
        assert len(live) == listed + 1
        assert live["oxpip"]["families_per_year"] == "150" and live["oxpip"]["notes"] == "checked with the team"
        # families_per_year + last_verified; the added team; notes only (last_verified is already today)
        assert [len(run.store.changes(v)) for v in (1, 2, 3)] == [2, 1, 1]
    finally:
        run.store.engine.dispose()


def test_a_version_that_would_drop_an_unnamed_listing_is_refused(new_store_url):
    run = Run(new_store_url())
    try:
        before = review.current_directory(run.store, atlas(), run.base)
        after = before[before["team_id"] != "oxpip"]
        with pytest.raises(StoreError, match="oxpip"):
            review.checked(before, after, atlas(), {"some-other-team"})
    finally:
        run.store.engine.dispose()
