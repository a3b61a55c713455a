"""Sources as titled links, and the one-line completeness statement built from them (hand-written expectations)."""

from __future__ import annotations

from coverage.present.source_links import completeness_line, titled_link


def test_a_titled_source_becomes_a_link_with_its_title_as_text():
    got = titled_link("Parent-Infant Foundation, 11 Dec 2025 (https://parentinfantfoundation.org.uk/?p=10937)")
    assert got == r"[Parent\-Infant Foundation, 11 Dec 2025](https://parentinfantfoundation.org.uk/?p=10937)"


def test_a_source_without_an_address_stays_escaped_text():
    assert titled_link("Survey [draft]") == r"Survey \[draft\]"


def test_an_address_that_is_not_http_is_not_a_link():
    got = titled_link("Click (javascript:alert(1))")
    assert "](" not in got and got.startswith("Click")


def test_completeness_line_links_each_published_count_and_says_where_there_is_none():
    rows = [
        {
            "scope": "United Kingdom",
            "counted": 25,
            "listed": 26,
            "published": 51.0,
            "published_source": "PIF, Dec 2025 (https://a.example/1)",
        },
        {"scope": "Wales", "counted": 0, "listed": 0, "published": float("nan"), "published_source": "none"},
        {"scope": "Scotland", "counted": 5, "listed": 5, "published": None, "published_source": "none"},
    ]
    assert completeness_line(rows) == (
        "United Kingdom: 25 teams counted (26 listed) of 51 published ([PIF, Dec 2025](https://a.example/1)). "
        "Wales: 0 teams counted (0 listed); no published count. "
        "Scotland: 5 teams counted (5 listed); no published count."
    )
