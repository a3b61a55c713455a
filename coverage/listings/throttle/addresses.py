"""Who a client is: its address from the connection, believed from a proxy only when that proxy is ours.

Anything a client sends about itself can be made up, ``X-Forwarded-For`` included: a proxy
that appends to the header leaves the client's own lines on the left. So the address starts
as the connection's peer (what Streamlit's ``st.context.ip_address`` reports; uvicorn has
already replaced it with the forwarded address when the connection came from one of its
``FORWARDED_ALLOW_IPS``, by default loopback only). Only when the deployment names its proxies
(``ATLAS_TRUSTED_PROXY_HOPS``, default 0: trust none) is the header read, and then only from
the right: each hop that is itself a trusted proxy address (``ATLAS_TRUSTED_PROXY_NETWORKS``)
vouches for the entry it added, never for anything further left.

Limits count an address *group*: an IPv4 address, or an IPv6 address's /64, because one home
or one host is handed a whole /64 and could otherwise take a new address per request.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Iterable

logger = logging.getLogger(__name__)

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPV6_GROUP_PREFIX = 64
LOOPBACK = "127.0.0.1"  # Streamlit reports a loopback peer (127.0.0.1 or ::1) as None
DEFAULT_PROXY_NETWORKS = "127.0.0.1/32,::1/128"  # a proxy on the same machine, as uvicorn assumes
MAX_ENTRIES = 32  # a longer forwarding chain is not one we built; its extra entries are never read


def parse_address(text: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address from one header entry or peer (IPv4-mapped IPv6 unwrapped); None if it is not one."""
    if not text:
        return None
    value = text.strip()[:64]
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # 203.0.113.9:51234
        value = value.split(":", 1)[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def parse_networks(text: str | None) -> list[IPNetwork]:
    """Trusted proxy networks from a comma-separated setting; a bad entry is logged and left out."""
    networks = []
    for item in (text or "").split(","):
        if not item.strip():
            continue
        try:
            networks.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError:
            logger.error("ignoring %r in the trusted proxy networks: not an address or network", item.strip()[:60])
    return networks


def parse_hops(text: str | None) -> int:
    """How many proxies of ours stand in front of the app (0 when unset or not a small whole number)."""
    try:
        hops = int((text or "0").strip())
    except ValueError:
        logger.error("ATLAS_TRUSTED_PROXY_HOPS must be a whole number; trusting no proxy")
        return 0
    return min(max(hops, 0), MAX_ENTRIES)


def client_address(
    peer: str | None, forwarded_for: Iterable[str] = (), hops: int = 0, proxies: Iterable[IPNetwork] = ()
) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """The client's address: the peer's, or, through up to ``hops`` trusted proxies, the entry the last one added.

    ``forwarded_for`` is every ``X-Forwarded-For`` line in order. An entry is read only while
    the address in hand belongs to a trusted proxy; an entry that is not an address stops the
    walk at the proxy (the proxy is what we know, and all its clients share its limit).
    """
    proxies = list(proxies)
    address = parse_address(peer) or ipaddress.ip_address(LOOPBACK)
    entries = [e.strip() for line in forwarded_for for e in str(line).split(",") if e.strip()][-MAX_ENTRIES:]
    for _ in range(hops):
        if not entries or not any(address in net for net in proxies if net.version == address.version):
            break
        added = parse_address(entries.pop())
        if added is None:
            logger.warning("a trusted proxy forwarded an entry that is not an address; counting its own address")
            break
        address = added
    return address


def address_group(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """What limits count: an IPv4 address as itself, an IPv6 address as its /64."""
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{address}/{IPV6_GROUP_PREFIX}", strict=False))
    return str(address)
