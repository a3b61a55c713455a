"""Who the visitor is, as far as throttling needs to know: an address group and a browser session.

The address comes from the connection, or from the deployment's own proxy only when it is named as
trusted (``ATLAS_TRUSTED_PROXY_HOPS``, ``ATLAS_TRUSTED_PROXY_NETWORKS``): a client's own
X-Forwarded-For is never believed. The rules are ``coverage.listings.throttle.addresses`` and ``clients``.
"""

from __future__ import annotations

import logging
import uuid

import streamlit as st

from coverage import settings
from coverage.listings.throttle import addresses, clients

logger = logging.getLogger(__name__)

for _retired in settings.current().retired_in_use:  # read once, when the process first imports this module
    logger.warning(_retired)


def client_group() -> str:
    """This visitor's address group: from the connection, or from our own proxy only when it is named as trusted."""
    config = settings.current()
    address = addresses.client_address(
        st.context.ip_address,
        st.context.headers.get_all("X-Forwarded-For"),
        addresses.parse_hops(config.get("ATLAS_TRUSTED_PROXY_HOPS") or None),
        addresses.parse_networks(config.get("ATLAS_TRUSTED_PROXY_NETWORKS", addresses.DEFAULT_PROXY_NETWORKS)),
    )
    return addresses.address_group(address)


def client_keys(*, wide: bool = True) -> list[str]:
    """This visitor's throttling keys: its address group and its browser session (see ``clients.client_keys``)."""
    session = st.session_state.setdefault("_client_session", uuid.uuid4().hex)
    return clients.client_keys(client_group(), session, wide=wide)
