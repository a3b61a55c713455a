"""Review's "Many at once" tab: the suggestions held as a flood, and rejecting many together.

Laid out here, decided in ``coverage.listings.workflow.bulk``. The reviewer narrows the open suggestions
by hour, address group and text; the decision applies to exactly the suggestions the previous
run showed (never to ones that arrived since), and each is recorded with the reviewer and reason.
"""

from __future__ import annotations

import datetime as dt
import logging

import pandas as pd
import streamlit as st

from coverage.listings.throttle import clients
from coverage.listings.workflow import bulk
from coverage.present.text import md
from ui.store_edge import FLOOD, PENDING, UNAVAILABLE, StoreError

logger = logging.getLogger(__name__)
SHOWN = "bulk_shown"  # the references the previous run listed: what a decision applies to
STATUS_LABELS = {"": "any open suggestion", FLOOD: "held as an unverified flood", PENDING: "waiting in the queue"}
TEXT_SHOWN = 120  # characters of each suggestion in the table


def _hour_label(iso: str) -> str:
    if not iso:
        return "any hour"
    start = dt.datetime.fromisoformat(iso)
    return f"{start:%d %b %Y %H:00}–{start + dt.timedelta(hours=1):%H:00} UTC"


def _filters(rows: list[dict]) -> bulk.Filter:
    hours, groups = bulk.choices(rows)
    counts = dict(groups)
    c1, c2, c3 = st.columns(3)
    status = c1.selectbox("Which", list(STATUS_LABELS), format_func=STATUS_LABELS.get, key="bulk_status")
    hour = c2.selectbox(
        "Arrived in the hour", ["", *(h.isoformat() for h in hours)], format_func=_hour_label, key="bulk_hour"
    )
    group = c3.selectbox(
        "From the address group",
        ["", *counts],
        format_func=lambda g: "any address" if not g else f"{g} ({counts[g]})",
        key="bulk_group",
    )
    text = st.text_input("Containing the text", max_chars=200, key="bulk_text")
    return bulk.Filter(status, dt.datetime.fromisoformat(hour) if hour else None, group, text)


def _table(chosen: list[dict]) -> None:
    frame = pd.DataFrame(
        [
            {
                "Reference": r["reference"],
                "Received (UTC)": f"{r['created_at'].astimezone(dt.UTC):%d %b %Y %H:%M}",
                "Status": STATUS_LABELS[r["status"]],
                "From": r["client_group"],
                "Says": r["text"][:TEXT_SHOWN],
            }
            for r in chosen
        ],
        columns=["Reference", "Received (UTC)", "Status", "From", "Says"],
    )
    st.dataframe(frame, hide_index=True, width="stretch", key="bulk_table")


def _decide(store, reviewer: str, previous: list[str], rows: list[dict], reject: bool, reason: str) -> None:
    try:
        if reject:
            done = bulk.reject_many(store, previous, reviewer, reason)
            st.session_state["bulk_done"] = f"Rejected {done} suggestion(s)."
        else:
            held = [r["reference"] for r in rows if r["reference"] in set(previous) and r["status"] == FLOOD]
            done = bulk.release_many(store, held, reviewer)
            st.session_state["bulk_done"] = f"Moved {done} held suggestion(s) into the queue."
    except StoreError as exc:
        st.error(md(str(exc)))
        return
    except UNAVAILABLE as exc:
        logger.error("corrections store unavailable while deciding many: %s", exc)
        st.error("The corrections database cannot be used just now, so nothing was changed. Please try again later.")
        return
    st.session_state.pop(SHOWN, None)
    st.rerun()


def many_at_once(store, reviewer: str) -> None:
    """The held flood and the bulk decision, for a signed-in reviewer."""
    done = st.session_state.pop("bulk_done", None)
    if done:
        st.success(done)
    rows = bulk.open_suggestions(store)
    held = sum(r["status"] == FLOOD for r in rows)
    st.markdown(
        f"**{held}** suggestion(s) held as an unverified flood: they arrived after more than "
        f"{clients.FLOOD_AFTER} in an hour from everyone, so they wait here instead of in the queue. Narrow the open "
        "suggestions below, then reject the ones shown together, or move held ones into the queue."
    )
    if not rows:
        st.info("No open suggestions.")
        return
    chosen = bulk.matching(rows, _filters(rows))
    previous = st.session_state.get(SHOWN, [])
    st.session_state[SHOWN] = [r["reference"] for r in chosen]
    st.markdown(f"**{len(chosen)}** of {len(rows)} open suggestion(s) shown.")
    _table(chosen)
    with st.form("bulk_decide"):
        reason = st.text_input("Reason (required to reject; recorded with each one)", max_chars=500, key="bulk_reason")
        c1, c2 = st.columns(2)
        reject = c1.form_submit_button("Reject all shown", disabled=not chosen)
        release = c2.form_submit_button("Move held ones shown into the queue", disabled=not chosen)
    if reject or release:
        _decide(store, reviewer, previous, rows, reject, reason)
