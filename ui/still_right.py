"""'This listing is still right' on the pages: the team's button on Check a listing, and the reviewer's side.

Check a listing and Review only call these; the rules (what a confirmation changes, who is
recorded, how often one person may send one) live in ``coverage.listings``.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid

import pandas as pd
import streamlit as st

from coverage.listings.throttle import clients
from coverage.listings.workflow import confirmations, history, public, review
from coverage.present.text import md
from ui import cache, client, store_edge
from ui.store_edge import UNAVAILABLE, StoreError

logger = logging.getLogger(__name__)
LABELS = {
    "name": "Your name (optional)",
    "role": "Your role in the team (optional)",
    "contact_email": "Your email (optional; for our reply only, never shown)",
    "note": "Note",
    "confirmed_on": "Date confirmed",
    "how": "How it was received",
    "team_id": "Team",
}


def _round(family: str) -> int:
    return st.session_state.get(f"round_{family}", 0)


def _problems(problems: dict[str, str]) -> None:
    if problems:
        st.error(
            "Nothing was sent yet: "
            + "; ".join(f"{LABELS.get(k, public.label(k))}: {md(v)}" for k, v in problems.items())
        )


def confirm_form(team_id: str, team_name: str) -> None:
    """A team member's one-click confirmation, with optional name, role and email.

    Everything typed stays in the form until it is saved (a refusal or an outage loses nothing);
    once saved, the reference shows under the button and the form comes back empty.
    """
    family = f"confirm_{team_id}"
    st.subheader("Is this listing still right?")
    st.markdown(
        f"If you work with **{md(team_name)}** and everything above is correct, say so here. Nothing else changes: "
        "once a reviewer approves, the listing shows the date it was last checked. Your details are optional."
    )
    key = f"{family}_{_round(family)}"
    with st.form(key, clear_on_submit=False):
        c1, c2 = st.columns(2)
        name = c1.text_input(LABELS["name"], max_chars=confirmations.LIMITS["name"], key=f"{key}_name")
        role = c2.text_input(LABELS["role"], max_chars=confirmations.LIMITS["role"], key=f"{key}_role")
        email = st.text_input(LABELS["contact_email"], max_chars=254, key=f"{key}_email")
        _problems(st.session_state.get(f"problems_{family}", {}))
        sent = st.form_submit_button("This listing is still right", type="primary", icon=":material/task_alt:")
    if sent:
        _send(team_id, family, name=name, role=role, email=email)
    reference = st.session_state.pop(f"sent_{family}", None)
    if reference:
        st.success(
            f"Thank you. Your confirmation is saved with reference **{reference}**. Once a reviewer approves it, "
            "the listing shows the date it was last checked. Look it up any time under Track a suggestion.",
            icon=":material/check_circle:",
        )
        st.toast(f"Sent: reference {reference}", icon=":material/check_circle:")


def _send(team_id: str, family: str, **details: str) -> None:
    teams = cache.atlas().teams
    proposed, problems = confirmations.validate(team_id, set(teams["team_id"]), **details)
    st.session_state[f"problems_{family}"] = problems
    if problems:
        st.rerun()
    token_key = f"token_{family}"
    token = st.session_state.setdefault(token_key, uuid.uuid4().hex)
    try:
        group = client.client_group()
        refused, held = clients.admit_confirmation(store_edge.store(), client.client_keys())
        if refused:
            st.error(refused)
            return
        reference = store_edge.store().submit(
            confirmations.KIND,
            team_id,
            proposed,
            details["email"].strip(),
            "",
            "",
            client_token=token,
            client_group=group,
            held=held,
        )
    except (StoreError, *UNAVAILABLE):  # the form keeps what was typed; the log has the cause
        logger.exception("a confirmation for %s could not be saved", team_id)
        st.error("Your confirmation could not be saved just now; nothing was lost from the form. Please try again.")
        return
    st.session_state.pop(token_key, None)
    st.session_state[f"sent_{family}"] = reference
    st.session_state[f"round_{family}"] = _round(family) + 1
    st.rerun()


def listing_history(team_id: str) -> None:
    """The listing's reviewed changes and confirmations since the directory was published."""
    st.subheader("History of this listing")
    try:
        rows = history.listing_history(store_edge.store(), team_id)
    except UNAVAILABLE:
        logger.exception("the history of %s could not be read", team_id)
        st.warning("The history of this listing cannot be read just now.")
        return
    if not rows:
        st.caption("No reviewed change or confirmation since the directory was published.")
        return
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key=f"history_{team_id}")


def confirmation_details(decided: list[dict]) -> list[str]:
    """For Review's table of decided suggestions: when, how and from whom each confirmation came."""
    return [confirmations.describe(d["proposed"]) if d["kind"] == confirmations.KIND else "" for d in decided]


def pending_card(store, atlas, base, sub: dict, team_name: str, reviewer: str, seen: int) -> None:
    """A confirmation waiting in Review: said as a confirmation (no diff), approved or rejected."""
    ref = sub["reference"]
    st.markdown(
        f"**{ref}** · Confirmation: **{md(team_name)}** is still right · received {sub['created_at']:%d %b %Y %H:%M}"
    )
    st.caption("Approving it changes only the date this listing was last checked; rejecting it changes nothing.")
    st.text(
        confirmations.describe(sub["proposed"])
        + f"\nEmail: {sub['contact_email'] or '(none given, or erased)'}"
        + (f"\nMessage: {sub['message']}" if sub["message"] else "")
    )
    with st.form(f"decide_{ref}"):
        reason = st.text_input("Reason (required to reject; recorded either way)", key=f"reason_{ref}", max_chars=500)
        c1, c2 = st.columns(2)
        approve = c1.form_submit_button("Approve", type="primary")
        reject = c2.form_submit_button("Reject")
    try:
        if approve:
            v = review.approve(store, atlas, base, ref, reviewer, reason, seen)
            st.success(f"Approved: directory version {v}.")
            st.rerun()
        if reject:
            store.reject(ref, reviewer, reason)
            st.rerun()
    except (StoreError, *UNAVAILABLE) as exc:
        store_edge.report_store_failure(exc, "decision")


def record_form(store, atlas, base, current: pd.DataFrame, reviewer: str, seen: int) -> None:
    """A confirmation a team gave by phone or email, recorded and approved by the signed-in reviewer."""
    st.markdown(
        "A team told you by phone or email that its listing is still right: record it here. It is saved as a "
        "confirmation decided by you, and the listing's last-checked date moves to the date confirmed."
    )
    names = dict(zip(current["team_id"], current["name"]))
    round_no = st.session_state.get("round_record", 0)
    with st.form(f"record_{round_no}"):
        team_id = st.selectbox(
            LABELS["team_id"], sorted(names, key=lambda k: names[k].lower()), format_func=names.get, index=None
        )
        c1, c2 = st.columns(2)
        how = c1.radio(LABELS["how"], ["phone", "email"], format_func=confirmations.CHANNELS.get, horizontal=True)
        day = c2.date_input(LABELS["confirmed_on"], value=dt.date.today(), max_value=dt.date.today())
        c3, c4 = st.columns(2)
        name = c3.text_input("Their name (optional)", max_chars=confirmations.LIMITS["name"])
        role = c4.text_input("Their role (optional)", max_chars=confirmations.LIMITS["role"])
        email = st.text_input("Their email (optional)", max_chars=254)
        note = st.text_area(
            "Note (what was said; names and contacts go in the boxes above, which are erased after the retention "
            "period)",
            max_chars=confirmations.LIMITS["note"],
        )
        go = st.form_submit_button("Record the confirmation", type="primary")
    if not go:
        return
    proposed, problems = confirmations.validate(
        team_id, set(names), how=how, confirmed_on=day, name=name, role=role, email=email, note=note
    )
    if problems:
        _problems(problems)
        return
    token = st.session_state.setdefault("token_record", uuid.uuid4().hex)
    try:
        ref, version = review.record_confirmation(
            store,
            atlas,
            base,
            proposed,
            team_id=team_id,
            email=email.strip(),
            note=note.strip(),
            reviewer=reviewer,
            expected_version=seen,
            client_token=token,
        )
    except (StoreError, *UNAVAILABLE) as exc:
        store_edge.report_store_failure(exc, "confirmation")
        return
    st.session_state.pop("token_record", None)
    st.session_state["round_record"] = round_no + 1
    st.success(f"Recorded as {ref}: directory version {version}.")
