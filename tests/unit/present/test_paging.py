"""Pages of listings: where each page starts, worked out by hand for small lists."""

from __future__ import annotations

import pytest

from coverage.present.paging import ALL, pages

pytestmark = pytest.mark.unit


def test_items_on_their_own_fill_pages_of_the_size():
    p = pages(list("abcdefg"), size=3)  # 7 items, no groups: 3 + 3 + 1
    assert p.starts == (0, 3, 6) and p.count == 3
    assert [p.bounds(i) for i in range(3)] == [(0, 3), (3, 6), (6, 7)]
    assert [p.words(i) for i in range(3)] == ["1 to 3 of 7", "4 to 6 of 7", "number 7 of 7"]
    assert p.choices() == [0, 1, 2, ALL]
    assert [p.following(c) for c in p.choices()] == [1, 2, None, None]  # none after the last page or "all"
    assert p.bounds(ALL) == (0, 7) and p.words(ALL) == "all 7"


def test_a_group_is_never_cut_between_pages():
    # groups a a | b b b | c | d d: with 4 a page, b would straddle 2..5, so the page breaks before it;
    # b b b + c make 4; d d start the third page.
    p = pages(["a", "a", "b", "b", "b", "c", "d", "d"], size=4)
    assert p.starts == (0, 2, 6)
    assert [p.bounds(i) for i in range(p.count)] == [(0, 2), (2, 6), (6, 8)]


def test_a_group_longer_than_a_page_gets_a_page_of_its_own():
    p = pages(["a", "b", "b", "b", "b", "b", "c"], size=3)
    assert p.starts == (0, 1, 6)
    assert p.bounds(1) == (1, 6)


def test_the_same_group_apart_in_the_order_is_two_runs():
    # Only neighbours group: a later "a" is a new run (the list arrives sorted, so this does not happen).
    assert pages(["a", "b", "a"], size=2).starts == (0, 2)


def test_one_page_offers_no_all_choice_and_an_empty_list_shows_none():
    one = pages(list("abc"), size=10)
    assert one.starts == (0,) and one.choices() == [0] and one.words(0) == "1 to 3 of 3"
    empty = pages([], size=10)
    assert empty.count == 1 and empty.bounds(0) == (0, 0) and empty.words(0) == "none"


def test_a_choice_that_no_longer_exists_shows_the_first_page():
    p = pages(list("abcde"), size=2)  # 3 pages
    assert p.bounds(7) == (0, 2) and p.bounds(-1) == (0, 2) and p.bounds("other") == (0, 2)
    assert p.following(7) == 1  # as from the first page


def test_a_page_holds_at_least_one_item():
    with pytest.raises(ValueError, match="at least one"):
        pages(list("ab"), size=0)
