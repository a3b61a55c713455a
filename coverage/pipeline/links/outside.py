"""One request from the server to a listed link that cannot reach inside the network.

Listed links come from the public (through reviewed suggestions) and their servers choose where
they redirect, so every request the link checker makes is treated as hostile:

- the URL must pass :func:`coverage.listings.workflow.web_address.problem` (http or https, ports 80 and
  443, a named host, no user name or password: credentials are refused, never sent);
- the host is resolved once, and refused if ANY of its addresses is not a public one
  (:func:`is_public`: private, loopback, link-local, multicast, reserved, unspecified, shared
  100.64/10, and IPv4 hidden inside IPv6 all count as inside);
- the connection goes to the vetted address itself (the socket is opened to that address and its
  peer checked), while the Host header and TLS name still say the host, so a name that resolves
  differently a moment later (DNS rebinding) cannot steer the connection inside;
- one overall deadline covers resolving, connecting, TLS and reading the headers: a watchdog
  shuts the socket when it passes, so a server dripping a byte every few seconds is given up;
- only the status line and headers are read, and no proxy from the environment is used.

Redirects are followed by the caller (``coverage.pipeline.links.crawler``), one vetted request per hop.
Refusals never carry the refused target, so no internal address is echoed to a reviewer.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from coverage.listings.workflow import web_address

USER_AGENT = (
    "ParentInfantCoverageAtlas-linkcheck/2.0 (checks that listed services' pages still exist, "
    "one request per host at a time)"
)
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPV4_COMPATIBLE = ipaddress.ip_network("::/96")
_TLS = ssl.create_default_context()

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], Sequence[str]]


class Refused(Exception):
    """The request would leave the public internet; the message names the rule, never the target."""


class TimedOut(Exception):
    """No complete answer in time (a per-read timeout or the overall deadline)."""


class Unreachable(Exception):
    """The site could not be reached or gave no valid answer; the message says how, in words."""


@dataclass(frozen=True)
class Policy:
    """What a request may reach. The default allows only public addresses on ports 80 and 443.

    ``allow_networks``, ``ports=None``, ``ip_literals`` and ``tls`` exist for tests, so a stand-in server on
    127.0.0.2 can play a public site while 127.0.0.1 plays the inside; nothing in the product sets them.
    """

    allow_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()
    ports: tuple[int, ...] | None = web_address.PORTS
    ip_literals: bool = False
    tls: ssl.SSLContext | None = None  # the system's trusted certificates unless a test brings its own

    @classmethod
    def for_tests(cls, *networks: str, tls: ssl.SSLContext | None = None) -> Policy:
        return cls(tuple(ipaddress.ip_network(n) for n in networks), ports=None, ip_literals=True, tls=tls)


PUBLIC_ONLY = Policy()


class Deadline:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return self.end - time.monotonic()


def is_public(ip: Address) -> bool:
    """True only for a globally routable unicast address, looking through IPv4 carried in IPv6."""
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return is_public(ip.ipv4_mapped)
        if ip in _NAT64 or ip in _IPV4_COMPATIBLE:
            return is_public(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        if ip.sixtofour is not None and not is_public(ip.sixtofour):
            return False
        if ip.teredo is not None and not is_public(ip.teredo[1]):
            return False
        if ip.is_site_local:
            return False
    inside = ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast
    return ip.is_global and not (inside or ip.is_reserved or ip.is_unspecified)


def _allowed(ip: Address, policy: Policy) -> bool:
    return is_public(ip) or any(ip.version == net.version and ip in net for net in policy.allow_networks)


def system_resolver(host: str, port: int) -> list[str]:
    return [info[4][0] for info in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)]


def vetted_address(host: str, port: int, policy: Policy, resolver: Resolver, deadline: Deadline) -> str:
    """The one address to connect to, after every address the name resolves to has been vetted."""
    box: dict = {}

    def run() -> None:
        try:
            box["addresses"] = list(resolver(host, port))
        except (OSError, UnicodeError) as exc:
            box["error"] = exc

    worker = threading.Thread(target=run, daemon=True, name="linkcheck-resolve")
    worker.start()
    worker.join(max(0.0, deadline.left()))
    if worker.is_alive():
        raise TimedOut(f"timed out: the name did not resolve within {deadline.seconds:g} s")
    if "error" in box or not box.get("addresses"):
        raise Unreachable("could not connect (site gone or name not found)")
    addresses = [ipaddress.ip_address(a.split("%", 1)[0]) for a in box["addresses"]]
    if not all(_allowed(ip, policy) for ip in addresses):
        raise Refused("refused: points inside the network")
    return str(addresses[0])


class _Watchdog:
    """Shuts the connection's socket when the deadline passes, ending any read in progress."""

    def __init__(self, deadline: Deadline):
        self.deadline = deadline
        self.fired = False
        self._guard: socket.socket | None = None
        self._timer: threading.Timer | None = None

    def arm(self, sock: socket.socket) -> None:
        self._guard = sock.dup()  # the same connection under its own descriptor: TLS wrapping keeps it valid
        self._timer = threading.Timer(max(0.0, self.deadline.left()), self._fire)
        self._timer.daemon = True
        self._timer.start()

    def _fire(self) -> None:
        self.fired = True
        if self._guard is not None:
            try:
                self._guard.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass  # already closed: nothing left to stop

    def close(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self._guard is not None:
            self._guard.close()


@dataclass(frozen=True)
class Answer:
    status: int
    location: str | None
    retry_after: str | None


def get_headers(
    url: str,
    deadline: Deadline,
    timeout: tuple[float, float] = (5.0, 15.0),
    policy: Policy = PUBLIC_ONLY,
    resolver: Resolver = system_resolver,
) -> Answer:
    """GET ``url`` from its vetted address and return the status and the headers that matter."""
    why = web_address.problem(url, ports=policy.ports, ip_literals=policy.ip_literals)
    if why:
        raise Refused(
            "refused: points inside the network" if "local" in why else f"refused: the link {why.split(' (')[0]}"
        )
    parts = urlsplit(url.strip())
    https = parts.scheme.lower() == "https"
    port = parts.port or (443 if https else 80)
    try:
        host = parts.hostname.rstrip(".").encode("idna").decode("ascii")
    except UnicodeError:
        raise Unreachable("could not connect (site gone or name not found)") from None
    ip = vetted_address(host, port, policy, resolver, deadline)
    watchdog = _Watchdog(deadline)

    def connect_pinned(_address, _timeout=None, _source=None) -> socket.socket:
        sock = socket.create_connection((ip, port), timeout=max(0.01, min(timeout[0], deadline.left())))
        if ipaddress.ip_address(sock.getpeername()[0].split("%", 1)[0]) != ipaddress.ip_address(ip):
            sock.close()
            raise Refused("refused: points inside the network")
        watchdog.arm(sock)
        sock.settimeout(timeout[1])
        return sock

    if https:
        conn = http.client.HTTPSConnection(host, port, timeout=timeout[1], context=policy.tls or _TLS)
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout[1])
    conn._create_connection = connect_pinned  # the one seam http.client offers for opening the socket
    path = _request_target(parts.path, parts.query)
    try:
        conn.request("GET", path, headers={"User-Agent": USER_AGENT, "Accept": "*/*", "Connection": "close"})
        response = conn.getresponse()
        return Answer(response.status, response.getheader("Location"), response.getheader("Retry-After"))
    except (OSError, http.client.HTTPException) as exc:
        raise _explained(exc, watchdog, deadline, timeout[1]) from None
    finally:
        watchdog.close()
        conn.close()


_URL_SAFE = "/%:@!$&'()*+,;=-._~"


def _request_target(path: str, query: str) -> str:
    """Path and query as sent: escapes already there are kept, anything else (spaces, non-ASCII) escaped."""
    return quote(path or "/", safe=_URL_SAFE) + (f"?{quote(query, safe=_URL_SAFE + '?')}" if query else "")


def _explained(exc: Exception, watchdog: _Watchdog, deadline: Deadline, read: float) -> Exception:
    if watchdog.fired or deadline.left() <= 0:
        return TimedOut(f"timed out: no complete answer within {deadline.seconds:g} s")
    if isinstance(exc, TimeoutError):
        return TimedOut(f"timed out: no answer within {read:g} s")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return Unreachable("TLS certificate problem")
    if isinstance(exc, ssl.SSLError):
        return Unreachable("TLS problem")
    if isinstance(exc, http.client.HTTPException):
        return Unreachable(f"not a valid web answer ({type(exc).__name__})")
    return Unreachable("could not connect (site gone or name not found)")
