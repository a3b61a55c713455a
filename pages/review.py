"""Review: approve, edit-then-approve or reject suggestions; see and undo history; import a directory.

Reviewers sign in through their organisation (OpenID Connect with ``st.login``, when ``[auth]`` is in
secrets; rights from ``coverage.listings.accounts.reviewers``) or with a named account (a salted hash each, in
Streamlit secrets ``[review.accounts]`` or ``ATLAS_REVIEW_ACCOUNTS``); the name is recorded with every
decision. Someone signed in who is not a reviewer sees no review data (ui/review_access.py).
The directory version shown is remembered, and every write is made against it, so a decision
taken on a view someone else has since changed is refused with what changed.
"""

import pandas as pd
import streamlit as st

from coverage.listings.health import link_history
from coverage.listings.health import link_results as links
from coverage.listings.workflow import confirmations, corrections, directory_import, review
from coverage.model.directory import COLUMNS
from coverage.present.text import looks_like_markup, md
from ui import cache, chrome, review_access, still_right, store_edge
from ui.review_bulk import many_at_once
from ui.sidebar import sidebar
from ui.store_edge import FLOOD, UNAVAILABLE, StoreError

PAGE_SIZE = 20  # pending suggestions drawn per run, whatever the queue's length
DECIDED_SHOWN = 50
VERSIONS_SHOWN = 30
SEEN = "review_seen_version"

view = sidebar()
atlas = cache.atlas()
base = cache.shipped_directory()
st.title("Review suggestions")
st.markdown(
    "Reviewers are the atlas's editors, who check each suggestion against its public source before the directory "
    "changes. **Not a reviewer?** To correct a listing, add a missing team or see how your suggestion is going, use "
    "Check a listing instead: it needs no password."
)
st.page_link("pages/check.py", label="Go to Check a listing", icon=":material/fact_check:")


try:
    store = store_edge.store()
    head = store.head_version()
    behind = store.schema_behind()
except UNAVAILABLE as exc:
    review_access.store_down("opening it", exc)
    review_access.stop_here()
if behind:  # every reviewer action writes: say so before anyone signs in, not as a failed click
    st.error(md(behind))
    review_access.stop_here()


reviewer = review_access.signed_in_reviewer(store)
# The version this run shows; the version the reviewer clicked on is the one the previous run showed.
seen = st.session_state.get(SEEN, head)
st.session_state[SEEN] = head
st.caption(f"Signed in as {md(reviewer)}. Directory version {head}.")
if st.button("Sign out"):
    st.session_state.pop("reviewer", None)
    st.session_state[review_access.SIGNING_OUT] = True
    st.rerun()


def report(exc: StoreError) -> None:
    st.error(md(str(exc)))


try:
    current = review.current_directory(store, atlas, base)
    waiting = store.count("pending")
    held = store.count(FLOOD)
except UNAVAILABLE as exc:
    review_access.store_down("reading the live directory", exc)
    review_access.stop_here()
except StoreError as exc:
    report(exc)
    current, waiting, held = None, 0, 0

pending, many, history, record, upload = st.tabs(
    ["Pending", "Many at once", "History", "Record a confirmation", "Import a directory"]
)

with pending:
    pages = max(1, -(-waiting // PAGE_SIZE))
    st.markdown(f"**{waiting}** suggestion(s) waiting." + (f" {PAGE_SIZE} a page, oldest first." if pages > 1 else ""))
    if held:
        st.markdown(f"**{held}** more held apart as an unverified flood: see *Many at once*.")
    page_no = st.number_input("Page", 1, pages, 1, key="review_page") if pages > 1 else 1
    subs = (
        store.submissions("pending", limit=PAGE_SIZE, offset=(int(page_no) - 1) * PAGE_SIZE)
        if current is not None
        else []
    )
    by_id = current.set_index("team_id") if current is not None else None
    for sub in subs:
        ref = sub["reference"]
        if sub["kind"] == confirmations.KIND:  # said as a confirmation, not as a diff
            with st.container(border=True):
                name = by_id.loc[sub["team_id"], "name"] if sub["team_id"] in by_id.index else sub["team_id"]
                still_right.pending_card(store, atlas, base, sub, name, reviewer, seen)
            continue
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
            marked = [r["Field"] for r in rows if looks_like_markup(r["Proposed"])]
            if marked:  # the table shows the characters exactly as visitors would see them, never rendered
                st.warning(
                    f"Contains link, image or HTML characters ({md(', '.join(marked))}). Visitors would see them "
                    "as the plain characters above: no link, image or formatting is made from them.",
                    icon=":material/code:",
                )
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
                        review_access.store_down("approving", exc)
            if reject:
                try:
                    store.reject(ref, reviewer, reason)
                    st.rerun()
                except StoreError as exc:
                    report(exc)
                except UNAVAILABLE as exc:
                    review_access.store_down("rejecting", exc)

with many:
    try:
        many_at_once(store, reviewer)
    except UNAVAILABLE as exc:
        review_access.store_down("listing open suggestions", exc)

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
                    review_access.store_down("undoing", exc)
    decided = store.decided(limit=DECIDED_SHOWN)
    if decided:
        st.subheader("Decided suggestions")
        st.caption(f"The latest {len(decided)}.")
        st.dataframe(
            pd.DataFrame(decided).assign(confirmed=still_right.confirmation_details(decided))[
                ["reference", "kind", "team_id", "status", "reviewer", "reviewed_at", "reason", "version", "confirmed"]
            ],
            hide_index=True,
            width="stretch",
        )

with record:
    if current is not None:
        still_right.record_form(store, atlas, base, current, reviewer, seen)

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
                    review_access.store_down("importing", exc)


def link_check_section() -> None:
    """Listings whose website or source link was dead, moved or refused at the last link check, and what changed."""
    st.subheader("Dead or moved links")
    results = links.load_results()
    if results is None:
        st.info("No link check has been run yet. Run `python -m coverage check-links` to check every listing's links.")
        return
    problems = links.problem_links(results)
    previous = results.get("previous") or {}
    st.caption(
        f"Last checked {md(results.get('checked_on', 'on an unknown date'))}"
        + (f", reading {md(results['directory'])}" if results.get("directory") else "")
        + f": {len(results['links'])} link(s), {len(problems)} dead, moved or refused. "
        "Run `python -m coverage check-links` again to refresh."
    )
    if not problems.empty:
        st.dataframe(problems, hide_index=True, width="stretch", key="link_problems")
    changed = link_history.changes(results)
    if previous.get("checked_on"):
        st.markdown(f"**Changed since the check before, on {md(previous['checked_on'])}:** {len(changed)} link(s)")
        if not changed.empty:
            st.dataframe(changed, hide_index=True, width="stretch", key="link_changes")


link_check_section()
chrome.footer()
