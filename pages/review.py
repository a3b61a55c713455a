"""Review: approve, edit-then-approve or reject suggestions; see and undo history; import a directory.

Reviewers sign in through their organisation (OpenID Connect with ``st.login``, when ``[auth]`` is in
secrets; rights from ``coverage.listings.accounts.reviewers``) or with a named account (a salted hash each, in
Streamlit secrets ``[review.accounts]`` or ``ATLAS_REVIEW_ACCOUNTS``); the name is recorded with every
decision. Someone signed in who is not a reviewer sees no review data.
The directory version shown is remembered, and every write is made against it, so a decision
taken on a view someone else has since changed is refused with what changed.
"""

import datetime as dt
import logging
import os

import pandas as pd
import streamlit as st

from coverage.listings.accounts import auth, reviewers
from coverage.listings.health import link_history
from coverage.listings.health import link_results as links
from coverage.listings.store import FLOOD, UNAVAILABLE, StoreError
from coverage.listings.workflow import confirmations, corrections, directory_import, review
from coverage.model.directory import COLUMNS
from coverage.present.text import looks_like_markup, md
from pages import common, still_right
from pages.review_bulk import many_at_once

logger = logging.getLogger("pages.review")  # Streamlit runs a page as __main__
PAGE_SIZE = 20  # pending suggestions drawn per run, whatever the queue's length
DECIDED_SHOWN = 50
VERSIONS_SHOWN = 30
SEEN = "review_seen_version"
SIGNING_OUT = "review_signing_out"  # set by Sign out; the next run ends the organisation sign-in

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


def organisation_provider() -> tuple[bool, str | None]:
    """Whether organisation sign-in (OpenID Connect, ``[auth]`` in secrets) is set up, and the provider's name.

    ``[auth]`` holds the provider itself, or named providers as ``[auth.<name>]``; with several,
    ``ATLAS_OIDC_PROVIDER`` picks one. Without ``[auth]`` only the password accounts are offered.
    """
    try:
        section = st.secrets.get("auth") or {}
    except FileNotFoundError:  # no secrets file at all
        return False, None
    if "server_metadata_url" in section:
        return True, None
    named = [k for k, v in section.items() if hasattr(v, "get") and v.get("server_metadata_url")]
    wanted = os.environ.get("ATLAS_OIDC_PROVIDER", "").strip()
    if wanted in named or len(named) == 1:
        return True, wanted or named[0]
    return False, None


def organisation_reviewer(provider: str | None) -> str | None:
    """The signed-in person's name if their organisation sign-in makes them a reviewer now; else stop here.

    Checked on every run, so a sign-in that expires mid-session ends at the next click.
    """
    verdict = reviewers.judge(st.user.to_dict(), reviewers.ReviewerPolicy.from_env(os.environ), dt.datetime.now(dt.UTC))
    if verdict.state == reviewers.REVIEWER:
        return verdict.who
    if verdict.state == reviewers.EXPIRED:
        st.warning(f"Your organisation sign-in as {md(verdict.who)} has expired ({md(verdict.why)}). Sign in again.")
        if st.button("Sign in again with your organisation", type="primary"):
            st.login(provider)
    else:
        logger.info("organisation sign-in refused on Review: %s (%s)", verdict.who, verdict.why)
        st.error(
            f"You are signed in as {md(verdict.who)}, which is not a reviewer account ({md(verdict.why)}). "
            "Nothing on this page is shown to you. If you should be a reviewer, ask the site's editors to add you."
        )
    if st.button("Sign out"):
        st.logout()
    stop_here()


via_organisation, provider = organisation_provider()
if st.session_state.pop(SIGNING_OUT, False) and via_organisation and st.user.is_logged_in:
    # st.logout() only queues the browser's trip to /auth/logout, and a run's start empties the queue: called
    # just before st.rerun() it was lost on a busy server. Called here, this run goes on signed out and sends it.
    st.logout()
if via_organisation and st.user.is_logged_in:
    st.session_state["reviewer"] = organisation_reviewer(provider)
elif not st.session_state.get("reviewer"):
    if via_organisation:
        if st.button("Sign in with your organisation", type="primary"):
            st.login(provider)
        st.caption("Or, with a named reviewer account:")
    with st.form("sign_in"):
        who = st.text_input("Your name (recorded with each decision)", max_chars=auth.MAX_NAME_CHARS)
        password = st.text_input("Reviewer password", type="password", max_chars=200)
        go = st.form_submit_button("Sign in", type="primary" if not via_organisation else "secondary")
    if go:
        try:
            ok, message = auth.attempt(store, common.client_keys(wide=False), who, password, reviewer_accounts())
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
    st.session_state[SIGNING_OUT] = True
    st.rerun()


def report(exc: StoreError) -> None:
    st.error(md(str(exc)))


try:
    current = review.current_directory(store, atlas, base)
    waiting = store.count("pending")
    held = store.count(FLOOD)
except UNAVAILABLE as exc:
    store_down("reading the live directory", exc)
    stop_here()
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
                        store_down("approving", exc)
            if reject:
                try:
                    store.reject(ref, reviewer, reason)
                    st.rerun()
                except StoreError as exc:
                    report(exc)
                except UNAVAILABLE as exc:
                    store_down("rejecting", exc)

with many:
    try:
        many_at_once(store, reviewer)
    except UNAVAILABLE as exc:
        store_down("listing open suggestions", exc)

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
                    store_down("importing", exc)


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
common.footer()
