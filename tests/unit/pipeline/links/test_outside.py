"""The link checker stays outside: a hostile "public" site on 127.0.0.2 tries to steer it inside.

127.0.0.1 and ::1 play the inside (an admin page that must never be asked for anything); the
stand-in public site is allowed by a test-only policy. Each case asserts what the check reports
and that the inside server received nothing.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import ssl
import threading
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from coverage.listings.health import link_results
from coverage.pipeline.links import crawler, outside
from tests.support.certificates import self_signed
from tests.support.prerequisites import need

pytestmark = [pytest.mark.unit, pytest.mark.allow_hosts(["127.0.0.1", "127.0.0.2", "::1"])]
STAND_IN = outside.Policy.for_tests("127.0.0.2/32")


@pytest.fixture(scope="module")
def servers():
    """Started once for the module (stopping one takes a second); each test starts from a clean log.

    A machine without IPv6 loopback has no [::1] server: those cases are still refused, and the
    IPv4 admin server stands in for counting."""
    started = {}
    for name, host in [("v4", "127.0.0.1"), ("v6", "::1"), ("public", "127.0.0.2")]:
        server = HTTPServer(host=host, port=0)
        try:
            server.start()
        except OSError:
            if name != "v6":
                raise
            continue
        started[name] = server
    yield started
    for server in started.values():
        server.stop()


@pytest.fixture
def inside(servers):
    """Admin pages on 127.0.0.1 and [::1]; every request they receive is a failure."""
    inside = [servers["v4"], servers.get("v6", servers["v4"])]
    for server in inside:
        server.clear()
        server.expect_request("/admin").respond_with_data("secret admin page")
    return inside


@pytest.fixture
def public(servers):
    server = servers["public"]
    server.clear()
    server.expect_request("/page").respond_with_data("a team's page")
    return server


def redirect_to(public: HTTPServer, path: str, target: str) -> str:
    public.expect_request(path).respond_with_response(Response("", status=302, headers={"Location": target}))
    return public.url_for(path)


def requests_to(servers) -> int:
    return sum(len(server.log) for server in servers)


def check(url: str, **kw) -> dict:
    kw.setdefault("policy", STAND_IN)
    return crawler.check_url(url, (2.0, 2.0), **kw)


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.1:{v4}/admin",
        "http://[::1]:{v6}/admin",
        "http://[::ffff:127.0.0.1]:{v4}/admin",
        "http://2130706433:{v4}/admin",
        "http://0x7f.1:{v4}/admin",
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00::1]/admin",
        "http://100.64.0.1/admin",
    ],
)
def test_a_redirect_inside_is_refused_and_the_inside_is_never_asked(inside, public, target):
    url = target.format(v4=inside[0].port, v6=inside[1].port)
    r = check(redirect_to(public, "/go", url))
    assert r["state"] == "refused"
    assert r["detail"] == "refused: points inside the network (reached by redirect 1)"
    assert requests_to(inside) == 0
    assert r["final_url"] == "" and [h["url"] for h in r["redirects"]] == [public.url_for("/go")]
    shown = json.dumps(r) + json.dumps(
        link_results.problem_links({"links": [dict(r, url=public.url_for("/go"))]}).values.tolist()
    )
    assert url not in shown and "admin" not in shown  # the inside target is never echoed to Review


def test_a_listed_inside_address_is_refused_without_a_request(inside):
    r = check(f"http://127.0.0.1:{inside[0].port}/admin")
    assert (r["state"], r["detail"]) == ("refused", "refused: points inside the network (the listed address)")
    assert requests_to(inside) == 0


def test_the_default_policy_refuses_even_the_stand_in(public):
    r = crawler.check_url(public.url_for("/page"), (2.0, 2.0))
    assert r["state"] == "refused" and len(public.log) == 0


def test_credentials_in_a_link_are_refused_never_sent(public):
    listed = public.url_for("/page").replace("http://", "http://user:secret@")
    r = check(listed)
    assert r["state"] == "refused" and "must not contain a user name or password" in r["detail"]
    hop = check(redirect_to(public, "/cred", listed))
    assert hop["state"] == "refused" and "reached by redirect 1" in hop["detail"]
    assert [req.path for req, _ in public.log] == ["/cred"]  # the credentialed hop was never asked
    assert all("Authorization" not in req.headers for req, _ in public.log)


def test_a_port_other_than_80_or_443_is_refused_before_any_connection(public):
    rules = outside.Policy(allow_networks=STAND_IN.allow_networks)  # the usual ports, the stand-in allowed
    asked = []
    r = crawler.check_url(
        f"http://site.example:{public.port}/page",
        (2.0, 2.0),
        policy=rules,
        resolver=lambda host, port: asked.append(host) or ["127.0.0.2"],
    )
    assert r["state"] == "refused" and "80 or 443" in r["detail"]
    assert asked == [] and len(public.log) == 0


def test_a_name_with_any_inside_address_is_refused(inside, public):
    r = check(f"http://mixed.example:{public.port}/page", resolver=lambda host, port: ["127.0.0.2", "127.0.0.1"])
    assert r["state"] == "refused" and requests_to(inside) == 0 and len(public.log) == 0


def test_the_connection_goes_to_the_vetted_address_even_if_the_name_changes(inside, public):
    """DNS rebinding: the name is resolved once; a later answer pointing inside is never used."""
    answers = iter([["127.0.0.2"], ["127.0.0.1"], ["127.0.0.1"]])
    r = check(f"http://rebind.example:{public.port}/page", resolver=lambda host, port: next(answers))
    assert r["state"] == "ok" and requests_to(inside) == 0
    request = public.log[0][0]
    assert request.headers["Host"] == f"rebind.example:{public.port}"  # Host (and TLS name) stay the site's name


@pytest.fixture
def dripping():
    """A raw server on 127.0.0.2 answering one header byte every 3 s (a whole answer would take a minute)."""
    listener = socket.create_server(("127.0.0.2", 0))
    stop = threading.Event()

    def drip(conn: socket.socket) -> None:
        with conn:
            conn.recv(4096)
            for byte in b"HTTP/1.0 200 OK\r\nX-Padding: " + b"x" * 10 + b"\r\n\r\n":
                if stop.wait(3):
                    return
                try:
                    conn.sendall(bytes([byte]))
                except OSError:
                    return  # the checker gave up and closed

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield f"http://127.0.0.2:{listener.getsockname()[1]}/"
    stop.set()
    listener.close()


@pytest.mark.slow  # waits out the whole-response time limit on purpose
def test_a_dripping_server_is_given_up_within_the_limit(dripping):
    limit = 4.0
    start = time.monotonic()
    r = crawler.check_url(dripping, (2.0, 5.0), limit=limit, policy=STAND_IN)  # each byte arrives well within 5 s
    elapsed = time.monotonic() - start
    assert r["state"] == "dead" and r["detail"] == "timed out: no complete answer within 4 s"
    assert limit - 0.5 < elapsed < limit + 1.0


@pytest.mark.parametrize(
    "address",
    [
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "127.0.0.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "192.0.2.10",
        "::1",
        "::",
        "fc00::1",
        "fd12:3456::1",
        "fe80::1",
        "fec0::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:169.254.169.254",
        "64:ff9b::a00:1",
        "::7f00:1",
        "2002:7f00:1::1",
        "2001:db8::1",
    ],
)
def test_an_inside_or_special_address_is_not_public(address):
    assert not outside.is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    "address", ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"]
)
def test_a_public_address_is_public(address):
    assert outside.is_public(ipaddress.ip_address(address))


@pytest.fixture(scope="module")
def tls_site(tmp_path_factory):
    """An HTTPS stand-in on 127.0.0.2 with a certificate for site.example only (made by the openssl command)."""
    need("openssl")  # it makes the test certificate
    folder = tmp_path_factory.mktemp("tls")
    cert, key = self_signed(folder, "site.example", "DNS:site.example")
    server_tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_tls.load_cert_chain(cert, key)
    server = HTTPServer(host="127.0.0.2", port=0, ssl_context=server_tls)
    server.expect_request("/page").respond_with_data("secure page")
    server.start()
    yield server, ssl.create_default_context(cafile=str(cert))
    server.stop()


def test_https_to_the_vetted_address_still_checks_the_certificate_against_the_name(tls_site):
    server, trust = tls_site
    rules = outside.Policy.for_tests("127.0.0.2/32", tls=trust)
    to_stand_in = lambda host, port: ["127.0.0.2"]  # noqa: E731
    good = crawler.check_url(f"https://site.example:{server.port}/page", (2.0, 2.0), policy=rules, resolver=to_stand_in)
    assert (good["state"], good["status"]) == ("ok", 200)
    assert server.log[-1][0].headers["Host"] == f"site.example:{server.port}"
    wrong = crawler.check_url(
        f"https://other.example:{server.port}/page", (2.0, 2.0), policy=rules, resolver=to_stand_in
    )
    assert (wrong["state"], wrong["detail"]) == ("dead", "TLS certificate problem")
