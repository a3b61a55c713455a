"""Who is asking, and how often the public may suggest changes.

The app normally sits behind one reverse proxy, so the peer address Streamlit sees is the
proxy's; the client's own address is the one the proxy appended to ``X-Forwarded-For``.
Only entries added by trusted proxies can be believed (anything to their left was written by
the client), so the address is taken ``ATLAS_TRUSTED_PROXIES`` entries from the right
(default 1; 0 means no proxy: use the peer address).

Public suggestions are limited per client (address and session) and overall, in one locked
check-and-count (``Store.admit``), so a flood cannot bury the Review queue.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging

logger = logging.getLogger(__name__)

SUGGESTION_KIND = "suggestion"
SUGGESTION_WINDOW = dt.timedelta(hours=1)
SUGGESTIONS_PER_CLIENT = 5  # an hour; a team's lead correcting a few fields stays far below this
SUGGESTIONS_OVERALL = 200  # an hour from everyone; about four times the teams listed
EVERYONE = "everyone"


def client_address(forwarded_for: str | None, peer: str | None, trusted_proxies: int = 1) -> str | None:
    """The client's address as the trusted proxy saw it, or the peer's without a proxy; None if unknown."""
    candidate = peer
    if trusted_proxies > 0:
        hops = [h.strip() for h in (forwarded_for or "").split(",") if h.strip()]
        candidate = hops[-trusted_proxies] if len(hops) >= trusted_proxies else None
    if not candidate:
        return None
    try:
        return str(ipaddress.ip_address(candidate[:64]))
    except ValueError:
        return None


def client_keys(address: str | None, session: str) -> list[str]:
    """The keys a client's actions are counted against: its address when known, and its session."""
    keys = [f"session:{session}"]
    if address:
        keys.insert(0, f"address:{address}")
    return keys


def admit_suggestion(store, keys: list[str]) -> str | None:
    """None if this client may send one more suggestion now (and count it); else a message saying why not."""

    def refuse(seen: dict[str, list[dt.datetime]]) -> str | None:
        if len(seen.get(EVERYONE, [])) >= SUGGESTIONS_OVERALL:
            logger.info("suggestion refused: the overall limit is reached")
            return (
                "We are receiving an unusual number of suggestions, so new ones are paused for a while. "
                "Nothing was sent; please try again in an hour."
            )
        busy = [k for k, times in seen.items() if k != EVERYONE and len(times) >= SUGGESTIONS_PER_CLIENT]
        if busy:
            logger.info("suggestion refused for %s: its limit is reached", busy[0])
            return (
                f"You have sent {SUGGESTIONS_PER_CLIENT} suggestions in the last hour, the most we take from one "
                "person at a time. Nothing was sent; please try again later, or put several changes in one suggestion."
            )
        # Admitted: each limit is logged once, by the suggestion that reaches it.
        if len(seen.get(EVERYONE, [])) + 1 == SUGGESTIONS_OVERALL:
            logger.warning("suggestion flood: %d in %s; new ones are paused", SUGGESTIONS_OVERALL, SUGGESTION_WINDOW)
        for key, times in seen.items():
            if key != EVERYONE and len(times) + 1 == SUGGESTIONS_PER_CLIENT:
                logger.warning("%s reached %d suggestions in %s", key, SUGGESTIONS_PER_CLIENT, SUGGESTION_WINDOW)
        return None

    message, _ = store.admit(SUGGESTION_KIND, [*keys, EVERYONE], SUGGESTION_WINDOW, refuse)
    return message


CONFIRMATION_KIND = "confirmation"  # counted apart, so confirming listings never uses up suggestions


def admit_confirmation(store, keys: list[str]) -> str | None:
    """None if this client may send one more "still right" confirmation now (and count it); else why not.

    The same mechanism and limits as suggestions, counted separately: a team lead confirms
    their own listing or two, so five an hour from one person is far more than honest use needs.
    """

    def refuse(seen: dict[str, list[dt.datetime]]) -> str | None:
        if len(seen.get(EVERYONE, [])) >= SUGGESTIONS_OVERALL:
            logger.warning("confirmation refused: the overall limit is reached")
            return (
                "We are receiving an unusual number of confirmations, so new ones are paused for a while. "
                "Nothing was sent; please try again in an hour."
            )
        busy = [k for k, times in seen.items() if k != EVERYONE and len(times) >= SUGGESTIONS_PER_CLIENT]
        if busy:
            logger.info("confirmation refused for %s: its limit is reached", busy[0])
            return (
                f"You have sent {SUGGESTIONS_PER_CLIENT} confirmations in the last hour, the most we take from one "
                "person at a time. Nothing was sent; please try again later."
            )
        return None

    message, _ = store.admit(CONFIRMATION_KIND, [*keys, EVERYONE], SUGGESTION_WINDOW, refuse)
    return message
