"""How often the public may suggest changes, per client and from everyone together.

A client is counted by its address group (``addresses.address_group``: the connection's address,
or the one our own proxy saw; an IPv6 /64 as one) and by its browser session, each against a
small hourly limit; an IPv6 /48 is also counted, against a larger one, so a whole allocation is
not an endless supply of budgets. Past the limit a suggestion is refused with a message and the
form keeps what was typed.

Everyone together has no refusal limit, because one that strangers could fill would silence
every honest visitor for the hour. Instead, once ``FLOOD_AFTER`` suggestions arrived in the
hour, further ones are still stored (nothing lost) but held apart as "unverified flood", which
Review lists on its own and can reject in bulk. Check and count happen in one locked
transaction (``Store.admit``), so concurrent sends cannot overshoot a limit.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import logging

logger = logging.getLogger(__name__)

SUGGESTION_KIND = "suggestion"
SUGGESTION_WINDOW = dt.timedelta(hours=1)
SUGGESTIONS_PER_CLIENT = 5  # an hour, per address group and per session; a team's lead stays far below
SUGGESTIONS_PER_NETWORK = 20  # an hour, per IPv6 /48 (one organisation's allocation)
FLOOD_AFTER = 100  # an hour from everyone (about twice the teams listed): later ones are held as a flood
EVERYONE = "everyone"
IPV6_NETWORK_PREFIX = 48


def client_keys(group: str | None, session: str, *, wide: bool = True) -> list[str]:
    """The keys a client's actions are counted against: its address group (and IPv6 /48 when ``wide``), its session.

    Sign-in leaves the /48 out (``wide=False``): a stranger elsewhere in a reviewer's organisation
    must not be able to slow the reviewer's own attempts.
    """
    keys = [f"session:{session}"]
    if group:
        network = ipaddress.ip_network(group, strict=False)
        if wide and network.version == 6:
            wider = network.supernet(new_prefix=IPV6_NETWORK_PREFIX)
            keys.insert(0, f"network:{wider}")
        keys.insert(0, f"address:{group}")
    return keys


def _limit(key: str) -> int:
    return SUGGESTIONS_PER_NETWORK if key.startswith("network:") else SUGGESTIONS_PER_CLIENT


def admit_suggestion(store, keys: list[str]) -> tuple[str | None, bool]:
    """(None, held) if this client may send one more suggestion now (and it is counted), else (why not, False).

    ``held`` is True once the hour's suggestions from everyone passed ``FLOOD_AFTER``: the
    suggestion is stored as an unverified flood rather than joining the review queue.
    """
    return _admit(store, SUGGESTION_KIND, keys, "suggestions", ", or put several changes in one suggestion")


CONFIRMATION_KIND = "confirmation"  # counted apart, so confirming listings never uses up suggestions


def admit_confirmation(store, keys: list[str]) -> tuple[str | None, bool]:
    """As ``admit_suggestion``, for "this listing is still right" confirmations, counted on their own.

    The same limits and flood rule: a team lead confirms their own listing or two, so five an
    hour from one person is far more than honest use needs, and a flood is held, never refused.
    """
    return _admit(store, CONFIRMATION_KIND, keys, "confirmations", "")


def _admit(store, kind: str, keys: list[str], noun: str, advice: str) -> tuple[str | None, bool]:
    held = False

    def refuse(seen: dict[str, list[dt.datetime]]) -> str | None:
        nonlocal held
        busy = [k for k, times in seen.items() if k != EVERYONE and len(times) >= _limit(k)]
        if busy:
            logger.info("%s refused for %s: its limit is reached", kind, busy[0])
            return (
                f"You have sent {SUGGESTIONS_PER_CLIENT} {noun} in the last hour, the most we take from one "
                f"person at a time. Nothing was sent; please try again later{advice}."
            )
        everyone = len(seen.get(EVERYONE, []))
        held = everyone >= FLOOD_AFTER
        # Admitted: each mark is logged once, by the submission that reaches it.
        if everyone + 1 == FLOOD_AFTER:
            logger.warning(
                "%s flood: %d in %s; later ones are held apart as unverified", kind, FLOOD_AFTER, SUGGESTION_WINDOW
            )
        for key, times in seen.items():
            if key != EVERYONE and len(times) + 1 == _limit(key):
                logger.warning("%s reached %d %s in %s", key, _limit(key), noun, SUGGESTION_WINDOW)
        return None

    message, _ = store.admit(kind, [*keys, EVERYONE], SUGGESTION_WINDOW, refuse)
    return message, held and message is None
