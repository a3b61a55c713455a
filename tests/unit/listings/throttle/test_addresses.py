"""Who a client is: hand-written cases of spoofed headers, trusted proxy chains and IPv6 grouping."""

from __future__ import annotations

import ipaddress

import pytest

from coverage.listings.throttle import addresses

pytestmark = pytest.mark.unit

OURS = addresses.parse_networks("10.0.0.0/24, 127.0.0.1")


def ip(text: str):
    return ipaddress.ip_address(text)


@pytest.mark.parametrize(
    ("peer", "forwarded", "hops", "expected"),
    [
        # The default trusts no proxy: a header from anyone changes nothing.
        ("198.51.100.7", ["6.6.6.6"], 0, "198.51.100.7"),
        ("10.0.0.2", ["6.6.6.6"], 0, "10.0.0.2"),
        # Our proxy appended the client after the client's own made-up entry: the right-most one counts.
        ("10.0.0.2", ["6.6.6.6, 203.0.113.9"], 1, "203.0.113.9"),
        # The same header sent straight to the app, not through our proxy: the peer counts.
        ("198.51.100.7", ["6.6.6.6, 203.0.113.9"], 1, "198.51.100.7"),
        # Two of our proxies: the second vouches for the first, the first for the client.
        ("10.0.0.2", ["6.6.6.6, 203.0.113.9, 10.0.0.5"], 2, "203.0.113.9"),
        # Two hops configured but the entry before the proxy is not one of ours: stop at it.
        ("10.0.0.2", ["6.6.6.6, 203.0.113.9"], 2, "203.0.113.9"),
        # Several header lines are read as one list, in order.
        ("10.0.0.2", ["6.6.6.6", "203.0.113.9"], 1, "203.0.113.9"),
        # The proxy said nothing: it is the client we know (its clients share one limit), never "unknown".
        ("10.0.0.2", [], 1, "10.0.0.2"),
        # Garbage where an address should be: the proxy's own address, not a fresh budget.
        ("10.0.0.2", ["not an address"], 1, "10.0.0.2"),
        # Streamlit reports a loopback peer as None; a header then counts only when loopback is trusted.
        (None, ["203.0.113.9"], 1, "203.0.113.9"),
        (None, [], 0, "127.0.0.1"),
        # A port or IPv6 brackets on an entry, and IPv4-mapped IPv6, name the same client.
        ("10.0.0.2", ["[2001:db8::1]:443"], 1, "2001:db8::1"),
        ("10.0.0.2", ["203.0.113.9:51234"], 1, "203.0.113.9"),
        ("::ffff:198.51.100.7", [], 0, "198.51.100.7"),
        # Loopback other than 127.0.0.1 is a client like any other (the tests' distinct clients).
        ("127.0.0.2", ["127.0.0.1"], 1, "127.0.0.2"),
    ],
)
def test_client_address(peer, forwarded, hops, expected):
    assert addresses.client_address(peer, forwarded, hops, OURS) == ip(expected)


def test_a_long_forged_chain_is_cut_and_only_trusted_hops_are_walked():
    forged = ", ".join(f"10.0.0.{n}" for n in range(200))  # all inside our network, as a forger would write
    # Three hops configured: three entries are read from the right and no further.
    assert addresses.client_address("10.0.0.2", [forged], 3, OURS) == ip("10.0.0.197")


@pytest.mark.parametrize(
    ("address", "group"),
    [
        ("203.0.113.9", "203.0.113.9"),
        ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"),  # same /64, same group
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),  # the next /64 is another group
    ],
)
def test_address_group(address, group):
    assert addresses.address_group(ip(address)) == group


def test_settings_are_parsed_safely(caplog):
    assert addresses.parse_hops(None) == 0
    assert addresses.parse_hops("2") == 2
    assert addresses.parse_hops("-1") == 0
    assert addresses.parse_hops("two") == 0 and "whole number" in caplog.text
    nets = addresses.parse_networks("10.0.0.0/8, nonsense, ::1")
    assert nets == [ipaddress.ip_network("10.0.0.0/8"), ipaddress.ip_network("::1/128")]
    assert "nonsense" in caplog.text
