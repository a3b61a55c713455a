"""Submissions in the store: suggestions and confirmations, kept for ever, decided one by one or together.

No suggestion is ever deleted: a decision changes its status. The one thing erased is the
suggester's contact (email, and a confirmer's name and role), once the retention period after
the decision has passed.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets

import sqlalchemy as sa

from coverage.listings.store import clock
from coverage.listings.store.errors import StoreError
from coverage.listings.store.tables import (
    CONTACT_KEYS,
    ERASED,
    FLOOD,
    KINDS,
    OPEN,
    PENDING,
    origins,
    submissions,
)


class Submissions:
    """The submissions part of :class:`coverage.listings.store.Store` (it needs ``engine`` and ``_writable``)."""

    def submit(
        self,
        kind: str,
        team_id: str | None,
        proposed: dict,
        contact_email: str,
        source_url: str,
        message: str = "",
        client_token: str | None = None,
        client_group: str | None = None,
        held: bool = False,
    ) -> str:
        """Store a submission durably and return its reference. Idempotent on ``client_token``.

        ``client_group`` is the sender's address group (kept with it for bulk review); ``held``
        stores it as an unverified flood instead of in the pending queue.
        """
        self._writable()
        if kind not in KINDS:
            raise StoreError("kind must be correction, new_team or confirmation")
        if client_token:
            existing = self._reference_for_token(client_token)
            if existing:
                return existing
        reference = "PIA-" + secrets.token_hex(4).upper()
        row = {
            "reference": reference,
            "client_token": client_token,
            "created_at": clock.now(),
            "kind": kind,
            "team_id": team_id,
            "proposed": json.dumps(proposed, sort_keys=True, ensure_ascii=False),
            "contact_email": contact_email,
            "source_url": source_url,
            "message": message,
            "status": FLOOD if held else PENDING,
        }
        try:
            with self.engine.begin() as conn:
                conn.execute(submissions.insert().values(**row))
                if client_group:
                    conn.execute(origins.insert().values(reference=reference, client_group=client_group[:64]))
        except sa.exc.IntegrityError:
            if client_token:
                existing = self._reference_for_token(client_token)
                if existing:
                    return existing
            raise
        return reference

    def _reference_for_token(self, token: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(submissions.c.reference).where(submissions.c.client_token == token)).scalar()

    def submissions(
        self, status: str | None = None, *, limit: int | None = None, offset: int = 0, newest_first: bool = False
    ) -> list[dict]:
        """Submissions in arrival order (or newest first), one page at a time when ``limit`` is given."""
        q = sa.select(submissions).order_by(submissions.c.id.desc() if newest_first else submissions.c.id)
        if status:
            q = q.where(submissions.c.status == status)
        if limit is not None:
            q = q.limit(limit).offset(offset)
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(q)]
        for r in rows:
            r["proposed"] = json.loads(r["proposed"])
        return rows

    def decided(self, *, limit: int, offset: int = 0) -> list[dict]:
        """Approved and rejected submissions, most recently received first, one page at a time."""
        q = (
            sa.select(submissions)
            .where(submissions.c.status.not_in(OPEN))
            .order_by(submissions.c.id.desc())
            .limit(limit)
            .offset(offset)
        )
        with self.engine.connect() as conn:
            return [{**r._mapping, "proposed": json.loads(r.proposed)} for r in conn.execute(q)]

    def get(self, reference: str) -> dict | None:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(submissions).where(submissions.c.reference == reference)).first()
        return None if row is None else {**row._mapping, "proposed": json.loads(row.proposed)}

    def count(self, status: str | None = None) -> int:
        q = sa.select(sa.func.count()).select_from(submissions)
        if status:
            q = q.where(submissions.c.status == status)
        with self.engine.connect() as conn:
            return conn.execute(q).scalar_one()

    def erase_contacts(self, decided_before: dt.datetime) -> int:
        """Erase the contacts of every submission decided before the cut-off; how many had any erased.

        The email (and a confirmer's name and role) exist only so a reviewer can reply; once a
        suggestion is decided and the retention period has passed they have no purpose left, so
        they are blanked (the suggestion, its evidence and the decision stay for the audit trail).
        """
        self._writable()
        decided = (submissions.c.status.not_in(OPEN), submissions.c.reviewed_at < decided_before)
        with self.engine.begin() as conn:
            emailed = set(
                conn.execute(
                    sa.select(submissions.c.id).where(*decided, submissions.c.contact_email != ERASED)
                ).scalars()
            )
            conn.execute(
                submissions.update().where(*decided, submissions.c.contact_email != ERASED).values(contact_email=ERASED)
            )
            named = set()
            for kind, keys in CONTACT_KEYS.items():
                rows = conn.execute(
                    sa.select(submissions.c.id, submissions.c.proposed).where(*decided, submissions.c.kind == kind)
                )
                for row_id, text in rows.all():
                    proposed = json.loads(text)
                    if any(proposed.get(k) for k in keys):
                        proposed.update({k: ERASED for k in keys if k in proposed})
                        conn.execute(
                            submissions.update()
                            .where(submissions.c.id == row_id)
                            .values(proposed=json.dumps(proposed, sort_keys=True, ensure_ascii=False))
                        )
                        named.add(row_id)
        return len(emailed | named)

    def reject(self, reference: str, reviewer: str, reason: str) -> None:
        self._writable()
        if not reviewer.strip() or not reason.strip():
            raise StoreError("a reviewer name and a reason are required to reject")
        with self.engine.begin() as conn:
            self._decide(conn, reference=reference, status="rejected", reviewer=reviewer, reason=reason, version=None)

    @staticmethod
    def _decide(conn, reference: str, status: str, reviewer: str, reason: str, version: int | None) -> None:
        done = conn.execute(
            submissions.update()
            .where(submissions.c.reference == reference, submissions.c.status.in_(OPEN))
            .values(status=status, reviewer=reviewer, reason=reason, reviewed_at=clock.now(), version=version)
        )
        if done.rowcount != 1:
            raise StoreError(f"submission {reference} is not pending (already decided, or unknown)")

    def open_with_origins(self, limit: int) -> list[dict]:
        """Open submissions (pending or held as a flood), oldest first, each with the address group it came from."""
        q = (
            sa.select(
                submissions.c.reference,
                submissions.c.created_at,
                submissions.c.status,
                submissions.c.kind,
                submissions.c.team_id,
                submissions.c.proposed,
                submissions.c.source_url,
                submissions.c.message,
                origins.c.client_group,
            )
            .select_from(submissions.outerjoin(origins, origins.c.reference == submissions.c.reference))
            .where(submissions.c.status.in_(OPEN))
            .order_by(submissions.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def decide_many(self, references: list[str], values: dict, from_status: tuple[str, ...]) -> int:
        """Set ``values`` on every listed submission still in ``from_status``, all of them or (StoreError) none."""
        self._writable()  # bulk rejections and releases are writes like any other
        references = list(dict.fromkeys(references))
        if not references:
            raise StoreError("no suggestions were selected")
        with self.engine.begin() as conn:
            done = conn.execute(
                submissions.update()
                .where(submissions.c.reference.in_(references), submissions.c.status.in_(from_status))
                .values(**values)
            )
            if done.rowcount != len(references):
                # Someone decided one of them since the reviewer looked: leave every one as it was.
                raise StoreError(
                    f"{len(references) - done.rowcount} of the {len(references)} selected suggestions were decided by "
                    "someone else meanwhile, so none was changed. Look at the list again, then decide."
                )
        return len(references)

    def team_submissions(self, team_id: str, kind: str) -> list[dict]:
        """Every submission of one kind sent for one team, whatever its state, oldest first (no contacts)."""
        q = (
            sa.select(
                submissions.c.reference,
                submissions.c.created_at,
                submissions.c.proposed,
                submissions.c.status,
                submissions.c.reviewed_at,
                submissions.c.version,
            )
            .where(submissions.c.team_id == team_id, submissions.c.kind == kind)
            .order_by(submissions.c.id)
        )
        with self.engine.connect() as conn:
            return [{**r._mapping, "proposed": json.loads(r.proposed)} for r in conn.execute(q)]
