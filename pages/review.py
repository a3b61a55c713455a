"""Review: approve, edit-then-approve or reject suggestions; see and undo history; import a directory.

Behind a password whose salted hash is read from Streamlit secrets (``[review] password_hash``)
or the ``ATLAS_REVIEW_PASSWORD_HASH`` environment variable.
"""

import os
import uuid

import pandas as pd
import streamlit as st

from coverage.listings import auth, corrections, directory_import, review
from coverage.listings.store import StoreError
from coverage.model.directory import COLUMNS
from coverage.present.text import md
from pages import common

view = common.sidebar()
store = common.store()
atlas = common.atlas()
base = common.shipped_directory()
st.title("Review suggestions")
st.markdown(
    "Reviewers are the atlas's editors, who check each suggestion against its public source before the directory "
    "changes. **Not a reviewer?** To correct a listing, add a missing team or see how your suggestion is going, use "
    "Check a listing instead: it needs no password."
)
st.page_link("pages/check.py", label="Go to Check a listing", icon=":material/fact_check:")


def password_hash() -> str | None:
    try:
        value = st.secrets.get("review", {}).get("password_hash")
    except Exception:  # noqa: BLE001 - no secrets file at all
        value = None
    return value or os.environ.get("ATLAS_REVIEW_PASSWORD_HASH") or None


if not st.session_state.get("reviewer"):
    session_key = st.session_state.setdefault("review_session", uuid.uuid4().hex)
    with st.form("sign_in"):
        who = st.text_input("Your name (recorded with each decision)", max_chars=120)
        password = st.text_input("Reviewer password", type="password", max_chars=200)
        go = st.form_submit_button("Sign in", type="primary")
    if go:
        ok, message = auth.attempt(store, session_key, password, password_hash())
        if ok and who.strip():
            st.session_state["reviewer"] = who.strip()
            st.rerun()
        st.error(message or "Please give your name as well.")
    common.footer()
    st.stop()

reviewer = st.session_state["reviewer"]
st.caption(f"Signed in as {md(reviewer)}. Directory version {store.head_version()}.")
if st.button("Sign out"):
    st.session_state.pop("reviewer", None)
    st.rerun()

pending, history, upload = st.tabs(["Pending", "History", "Import a directory"])
current = review.current_directory(store, base)
by_id = current.set_index("team_id")

with pending:
    subs = store.submissions("pending")
    st.markdown(f"**{len(subs)}** suggestion(s) waiting.")
    for sub in subs:
        ref = sub["reference"]
        with st.container(border=True):
            what = (
                "New team"
                if sub["kind"] == "new_team"
                else f"Correction to {md(by_id.loc[sub['team_id'], 'name']) if sub['team_id'] in by_id.index else md(sub['team_id'])}"
            )
            st.markdown(f"**{ref}** · {what} · received {sub['created_at']:%d %b %Y %H:%M}")
            rows = []
            for key, value in sub["proposed"].items():
                now_value = ""
                if sub["team_id"] in by_id.index:
                    v = by_id.at[sub["team_id"], key]
                    now_value = ";".join(v) if isinstance(v, tuple) else ("" if v != v else str(v))
                rows.append({"Field": key, "Now": now_value, "Proposed": str(value)})
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key=f"diff_{ref}")
            st.text(f"Evidence: {sub['source_url']}\nFrom: {sub['contact_email']}\nMessage: {sub['message']}")
            with st.form(f"decide_{ref}"):
                edited = {}
                with st.expander("Edit before approving"):
                    for key, value in sub["proposed"].items():
                        edited[key] = st.text_input(key, value=str(value), key=f"edit_{ref}_{key}", max_chars=2000)
                reason = st.text_input(
                    "Reason (required to reject; recorded either way)", key=f"reason_{ref}", max_chars=500
                )
                c1, c2 = st.columns(2)
                approve = c1.form_submit_button("Approve", type="primary")
                reject = c2.form_submit_button("Reject")
            if approve:
                changed = edited if edited != {k: str(v) for k, v in sub["proposed"].items()} else None
                if changed is not None:
                    _, problems = corrections.validate(
                        sub["kind"],
                        changed,
                        {"contact_email": sub["contact_email"], "evidence_url": sub["source_url"]},
                        atlas.areas,
                        set(current["team_id"]),
                        sub["team_id"],
                    )
                    if problems:
                        st.error("; ".join(f"{k}: {v}" for k, v in problems.items()))
                        st.stop()
                try:
                    v = review.approve(
                        store,
                        atlas,
                        base,
                        ref,
                        reviewer,
                        reason or f"approved {ref}",
                        expected_version=store.head_version(),
                        edited=changed,
                    )
                    st.success(f"Approved: directory version {v}.")
                    st.rerun()
                except StoreError as exc:
                    st.error(str(exc))
            if reject:
                try:
                    store.reject(ref, reviewer, reason)
                    st.rerun()
                except StoreError as exc:
                    st.error(str(exc))

with history:
    versions = store.versions()
    if not versions:
        st.info("No approved changes yet: the shipped directory is live.")
    for v in versions:
        with st.expander(f"Version {v.version} · {v.created_at:%d %b %Y %H:%M} · {v.author}: {v.reason}"):
            st.dataframe(
                pd.DataFrame(store.changes(v.version)).drop(columns=["id", "version"], errors="ignore"),
                hide_index=True,
                width="stretch",
                key=f"changes_{v.version}",
            )
            why = st.text_input("Why undo it?", key=f"undo_reason_{v.version}", max_chars=500)
            if st.button(f"Undo version {v.version}", key=f"undo_{v.version}", disabled=not why.strip()):
                try:
                    new = review.undo(store, atlas, base, v.version, reviewer, why)
                    st.success(f"Undone as version {new}.")
                    st.rerun()
                except StoreError as exc:
                    st.error(str(exc))
    decided = [s for s in store.submissions() if s["status"] != "pending"]
    if decided:
        st.subheader("Decided suggestions")
        st.dataframe(
            pd.DataFrame(decided)[
                ["reference", "kind", "team_id", "status", "reviewer", "reviewed_at", "reason", "version"]
            ],
            hide_index=True,
            width="stretch",
        )

with upload:
    st.markdown(
        "Upload a whole directory (CSV or XLSX, the same columns as `data/teams.csv`). You will see a row-by-row "
        "report and the differences before anything is replaced."
    )
    file = st.file_uploader("Directory file", type=["csv", "xlsx"], key="import_file", max_upload_size=2)
    if file is not None:
        frame, problems = directory_import.check(file.name, file.getvalue(), atlas.known_codes())
        if problems:
            st.error(f"{len(problems)} problem(s) found; nothing has been changed. Fix them and upload again.")
            st.dataframe(
                pd.DataFrame(
                    [{"line": p.line, "team_id": p.team_id, "field": p.field, "problem": p.message} for p in problems]
                ),
                hide_index=True,
                width="stretch",
                key="import_problems",
            )
        else:
            changes = corrections.diff(current, frame)
            st.success(f"All {len(frame)} rows are valid. {len(changes)} field change(s) against the live directory.")
            st.dataframe(
                pd.DataFrame(changes, columns=["team_id", "field", "old", "new"]),
                hide_index=True,
                width="stretch",
                key="import_diff",
            )
            why = st.text_input("Why replace the directory?", key="import_reason", max_chars=500)
            if st.button("Replace the live directory", type="primary", disabled=not (changes and why.strip())):
                try:
                    v = review.import_directory(
                        store, atlas, base, frame[COLUMNS], reviewer, why, expected_version=store.head_version()
                    )
                    st.success(f"Imported as directory version {v}.")
                except StoreError as exc:
                    st.error(str(exc))
common.footer()
