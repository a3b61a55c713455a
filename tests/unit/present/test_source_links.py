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


def test_completeness_line_links_each_published_count_and_groups_the_rest():
    rows = [
        {
            "scope": "United Kingdom",
            "counted": 25,
            "published": 51.0,
            "published_source": "PIF, Dec 2025 (https://a.example/1)",
        },
        {
            "scope": "England",
            "counted": 18,
            "published": 38.0,
            "published_source": "PIF, Jun 2024 (https://a.example/2)",
        },
        {"scope": "Wales", "counted": 0, "published": float("nan"), "published_source": "none"},
        {"scope": "Scotland", "counted": 5, "published": None, "published_source": "none"},
    ]
    assert completeness_line(rows) == (
        "United Kingdom 25 of 51 published ([PIF, Dec 2025](https://a.example/1)); "
        "England 18 of 38 published ([PIF, Jun 2024](https://a.example/2)); "
        "no published count for Wales or Scotland."
    )
