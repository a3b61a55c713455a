"""Review: approve, edit-then-approve or reject suggestions; see and undo history; import a directory.

Reviewers sign in with a named account (a salted hash each, in Streamlit secrets
``[review.accounts]`` or ``ATLAS_REVIEW_ACCOUNTS``); the name is recorded with every decision.
The directory version shown is remembered, and every write is made against it, so a decision
taken on a view someone else has since changed is refused with what changed.
"""

import logging
import os

import pandas as pd
import streamlit as st

from coverage.listings import auth, corrections, directory_import, links, review
from coverage.listings.store import UNAVAILABLE, StoreError
from coverage.model.directory import COLUMNS
from coverage.present.text import md
from pages import common

logger = logging.getLogger("pages.review")  # Streamlit runs a page as __main__
PAGE_SIZE = 20  # pending suggestions drawn per run, whatever the queue's length
DECIDED_SHOWN = 50
VERSIONS_SHOWN = 30
SEEN = "review_seen_version"

view = common.sidebar()
atlas = common.atlas()
base = common.shipped_directory()
st.title("Review suggestions")
st.markdown(
    "Reviewers are the atlas's editors, who check each suggestion against its public source before the directory "
    "changes. **Not a reviewer?** To correct a listing, add a missing team or see how your suggestion is going, use "
    "Check a listing instead: it needs no password."
)
st.page_link("pages/check.py", label="Go to Check a listing", icon=":material/fact_check:")


def reviewer_accounts() -> dict[str, str]:
    try:
        section = st.secrets.get("review", {})
    except FileNotFoundError:  # no secrets file at all
        section = {}
    return auth.accounts_from(section, os.environ.get("ATLAS_REVIEW_ACCOUNTS"))


def store_down(action: str, exc: Exception) -> None:
    logger.error("corrections store unavailable while %s: %s", action, exc)
    st.error(
        f"The corrections database cannot be used just now ({action}), so nothing was changed. "
        "Suggestions already sent are safe; please try again later."
    )


def stop_here() -> None:
    common.footer()
    st.stop()


try:
    store = common.store()
    head = store.head_version()
    behind = store.schema_behind()
except UNAVAILABLE as exc:
    store_down("opening it", exc)
    stop_here()
if behind:  # every reviewer action writes: say so before anyone signs in, not as a failed click
    st.error(md(behind))
    stop_here()

if not st.session_state.get("reviewer"):
    with st.form("sign_in"):
        who = st.text_input("Your name (recorded with each decision)", max_chars=auth.MAX_NAME_CHARS)
        password = st.text_input("Reviewer password", type="password", max_chars=200)
        go = st.form_submit_button("Sign in", type="primary")
    if go:
        try:
            ok, message = auth.attempt(store, common.client_keys(), who, password, reviewer_accounts())
        except UNAVAILABLE as exc:
            store_down("signing in", exc)
            stop_here()
        if ok:
            st.session_state["reviewer"] = who.strip()
            st.rerun()
        st.error(message)
    stop_here()

reviewer = st.session_state["reviewer"]
# The version this run shows; the version the reviewer clicked on is the one the previous run showed.
seen = st.session_state.get(SEEN, head)
st.session_state[SEEN] = head
st.caption(f"Signed in as {md(reviewer)}. Directory version {head}.")
if st.button("Sign out"):
    st.session_state.pop("reviewer", None)
    st.rerun()


def report(exc: StoreError) -> None:
    st.error(md(str(exc)))


try:
    current = review.current_directory(store, atlas, base)
    waiting = store.count("pending")
except UNAVAILABLE as exc:
    store_down("reading the live directory", exc)
    stop_here()
except StoreError as exc:
    report(exc)
    current, waiting = None, 0

pending, history, upload = st.tabs(["Pending", "History", "Import a directory"])

with pending:
    pages = max(1, -(-waiting // PAGE_SIZE))
    st.markdown(f"**{waiting}** suggestion(s) waiting." + (f" {PAGE_SIZE} a page, oldest first." if pages > 1 else ""))
    page_no = st.number_input("Page", 1, pages, 1, key="review_page") if pages > 1 else 1
    subs = (
        store.submissions("pending", limit=PAGE_SIZE, offset=(int(page_no) - 1) * PAGE_SIZE)
        if current is not None
        else []
    )
    by_id = current.set_index("team_id") if current is not None else None
    for sub in subs:
        ref = sub["reference"]
        with st.container(border=True):
            known = sub["team_id"] in by_id.index
            what = (
                "New team"
                if sub["kind"] == "new_team"
                else f"Correction to {md(by_id.loc[sub['team_id'], 'name'] if known else sub['team_id'])}"
            )
            st.markdown(f"**{ref}** · {what} · received {sub['created_at']:%d %b %Y %H:%M}")
            rows = review.proposal_rows(sub, current)
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key=f"diff_{ref}")
            st.text(
                f"Evidence: {sub['source_url']}\nFrom: {sub['contact_email'] or '(erased)'}\nMessage: {sub['message']}"
            )
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
                changed = review.reviewer_edits(edited, sub["proposed"])
                problems = {}
                if changed is not None:
                    changed, problems = corrections.validate(
                        sub["kind"],
                        changed,
                        {"contact_email": sub["contact_email"], "evidence_url": sub["source_url"]},
                        atlas.areas,
                        set(current["team_id"]),
                        sub["team_id"],
                    )
                    # Only the fields matter here: the sender's email may since have been erased.
                    problems = {k: v for k, v in problems.items() if k in corrections.EDITABLE or k == "fields"}
                if problems:
                    st.error("; ".join(f"{md(k)}: {md(v)}" for k, v in problems.items()))
                else:
                    try:
                        v = review.approve(
                            store, atlas, base, ref, reviewer, reason or f"approved {ref}", seen, edited=changed
                        )
                        st.success(f"Approved: directory version {v}.")
                        st.rerun()
                    except StoreError as exc:
                        report(exc)
                    except UNAVAILABLE as exc:
                        store_down("approving", exc)
            if reject:
                try:
                    store.reject(ref, reviewer, reason)
                    st.rerun()
                except StoreError as exc:
                    report(exc)
                except UNAVAILABLE as exc:
                    store_down("rejecting", exc)

with history:
    versions = store.versions()
    if not versions:
        st.info("No approved changes yet: the shipped directory is live.")
    elif len(versions) > VERSIONS_SHOWN:
        st.caption(f"The latest {VERSIONS_SHOWN} of {len(versions)} versions.")
    for v in versions[:VERSIONS_SHOWN]:
        with st.expander(f"Version {v.version} · {v.created_at:%d %b %Y %H:%M} · {md(v.author)}: {md(v.reason)}"):
            st.dataframe(
                pd.DataFrame(store.changes(v.version)).drop(columns=["id", "version"], errors="ignore"),
                hide_index=True,
                width="stretch",
                key=f"changes_{v.version}",
            )
            why = st.text_input("Why undo it?", key=f"undo_reason_{v.version}", max_chars=500)
            if st.button(f"Undo version {v.version}", key=f"undo_{v.version}", disabled=not why.strip()):
                try:
                    new = review.undo(store, atlas, base, v.version, reviewer, why, expected_version=seen)
                    st.success(f"Undone as version {new}.")
                    st.rerun()
                except StoreError as exc:
                    report(exc)
                except UNAVAILABLE as exc:
                    store_down("undoing", exc)
    decided = store.decided(limit=DECIDED_SHOWN)
    if decided:
        st.subheader("Decided suggestions")
        st.caption(f"The latest {len(decided)}.")
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
    if file is not None and current is not None:
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
                    v = review.import_directory(store, atlas, base, frame[COLUMNS], reviewer, why, seen)
                    st.success(f"Imported as directory version {v}.")
                except StoreError as exc:
                    report(exc)
                except UNAVAILABLE as exc:
                    store_down("importing", exc)


def link_check_section() -> None:
    """Listings whose website or source link was dead or had moved at the last link check."""
    st.subheader("Dead or moved links")
    results = links.load_results()
    if results is None:
        st.info("No link check has been run yet. Run `python -m coverage check-links` to check every listing's links.")
        return
    problems = links.problem_links(results)
    st.caption(
        f"Checked on {md(results.get('checked_on', 'an unknown date'))}: {len(results['links'])} link(s), "
        f"{len(problems)} dead or moved. Run `python -m coverage check-links` again to refresh."
    )
    if not problems.empty:
        st.dataframe(problems, hide_index=True, width="stretch", key="link_problems")


link_check_section()
common.footer()
