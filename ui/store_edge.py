"""The corrections store as the pages meet it: one shared connection and one way to report its failures.

Pages never import the store's module themselves (an import contract in pyproject.toml): they get the
store, and the errors it raises, from here, so the page side has one place where it reaches the database.
"""

from __future__ import annotations

import logging

import streamlit as st

from coverage.listings.store import FLOOD, PENDING, UNAVAILABLE, Store, StoreError

__all__ = ["FLOOD", "PENDING", "UNAVAILABLE", "StoreError", "report_store_failure", "store"]

logger = logging.getLogger(__name__)


@st.cache_resource(show_spinner=False)
def store() -> Store:
    return Store()


def report_store_failure(exc: Exception, action: str) -> None:
    """Tell the reviewer why an action did not happen; log the detail.

    A ``StoreError`` is a refusal the person can act on (its message says what to do); anything else
    is an outage, whose detail belongs in the log, not on the page.
    """
    if isinstance(exc, StoreError):
        logger.info("%s refused: %s", action, exc)
        st.error(str(exc))
    else:
        logger.error("%s failed: the corrections store is unreachable", action, exc_info=exc)
        st.error(f"The {action} could not be saved: the corrections database cannot be reached. Nothing changed.")
