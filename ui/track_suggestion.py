"""Check a listing's "Track a suggestion" tab: a suggestion's status from its reference, and nothing else.

A bookmarked Track link (``?tab=track&ref=PIA-...``) fills the box once. What a visitor may see of a
suggestion is decided by ``coverage.listings.workflow.public.public_status``; this module only lays it out.
"""

from __future__ import annotations

import streamlit as st

from coverage.listings.workflow import public
from coverage.present.text import md
from ui import store_edge


def track() -> None:
    """The reference box and, once a reference is typed, its status (a store outage is said, never raised)."""
    st.markdown(
        "Type the reference you were given when you sent a suggestion (it looks like PIA-1A2B3C4D). "
        "You will see its status only: nothing you wrote, and not your email."
    )
    url_ref = str(st.query_params.get("ref", ""))[:20]
    if url_ref and st.session_state.get("_chk_url_ref") != url_ref:  # a bookmarked Track link
        st.session_state["chk_track"] = url_ref
    st.session_state["_chk_url_ref"] = url_ref
    ref_text = st.text_input("Reference", max_chars=20, key="chk_track", placeholder="PIA-…")
    if ref_text.strip():
        ref = public.normalise_reference(ref_text)
        status = None
        if ref:
            try:
                status = public.public_status(store_edge.store().get(ref))
            except Exception:  # noqa: BLE001 - the store is down: say so, never a traceback
                st.error("Suggestions cannot be looked up just now. Please try again later.")
                ref = ""
        if ref is None:
            st.warning("A reference is PIA- followed by 8 letters and digits, e.g. PIA-1A2B3C4D.")
        elif ref and status is None:
            st.warning(f"No suggestion has the reference {ref}. Check it against your confirmation.")
        elif status:
            st.markdown(
                f"**{status['reference']}**, {status['kind']}, received {status['received']}.  \n"
                f"**Status:** {status['status']}"
                + (f" on {status['decided']}" if status["decided"] else "")
                + "."
                + (f"  \n**Reason:** {md(status['reason'])}" if status["reason"] else "")
            )
