"""Is a link a public web address? The rules a listed link must meet before anything fetches it.

The link checker fetches every listed website and source page from the server, so a listed link
is, in effect, a request the server makes on someone's behalf. These rules are checked when a
link is suggested (so the suggester gets a clear message) and again before each fetch, on every
redirect hop: only http and https, on their usual ports, to a named host, with no credentials.
A named host can still resolve to an address inside the network; that is checked at fetch time
(``coverage.pipeline.links.outside``), where the address is known.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import SplitResult, urlsplit

SCHEMES = ("http", "https")
PORTS = (80, 443)
# Names that only ever mean something inside a network (RFC 6761, RFC 6762, RFC 8375 and common practice).
PRIVATE_SUFFIXES = (".localhost", ".local", ".internal", ".intranet", ".lan", ".home.arpa", ".arpa", ".localdomain")


def is_ip_literal(host: str) -> bool:
    """True for any spelling of a numeric address, including ``[::1]``, ``2130706433`` and ``0x7f.1``.

    ``inet_aton`` accepts the short and hexadecimal IPv4 forms that browsers and resolvers also
    accept, which ``ipaddress`` alone would miss.
    """
    bare = host.strip("[]")
    try:
        ipaddress.ip_address(bare.split("%", 1)[0])
        return True
    except ValueError:
        pass
    try:
        socket.inet_aton(bare)
        return True
    except (OSError, ValueError):
        return False


def split(url: str) -> SplitResult | None:
    """The parts of a URL, or None when it cannot be parsed at all (a bad port or bracket)."""
    try:
        parts = urlsplit(url.strip())
        _ = parts.port  # raises on a port that is not a number in range
    except ValueError:
        return None
    return parts


def problem(url: str, *, ports: tuple[int, ...] | None = PORTS, ip_literals: bool = False) -> str | None:
    """Why ``url`` is not a public web address, in words for the person who gave it; None if it is.

    ``ports=None`` and ``ip_literals=True`` exist for tests only (a local stand-in server listens on
    a high port of a loopback address); every caller in the product uses the defaults.
    """
    parts = split(url)
    if parts is None:
        return "is not a valid web address"
    if parts.scheme.lower() not in SCHEMES:
        return "must be a web address starting http:// or https://"
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        return "must not contain a user name or password (remove the part before @)"
    host = (parts.hostname or "").rstrip(".").lower()
    if not host:
        return "must name a website (e.g. https://www.example.org/)"
    if parts.port is not None and ports is not None and parts.port not in ports:
        return "must use the usual web ports: no :port number other than 80 or 443"
    if is_ip_literal(host):
        return None if ip_literals else "must name a website, not a numeric address"
    if "." not in host or host.endswith(PRIVATE_SUFFIXES) or host == "localhost":
        return "must be a public website's name (e.g. www.example.org), not a local one"
    return None
