"""Chart labels: long names wrap at word boundaries, never cut, and always read as text."""

from __future__ import annotations

import pytest

from coverage.present.chart_style import wrap_name

pytestmark = pytest.mark.unit


def test_a_long_name_wraps_where_the_next_word_would_pass_the_width():
    # "Bath and North East Somerset" is exactly 28 characters, so it stays on one line;
    # " Council" would make 36, so it starts the next.
    assert wrap_name("Bath and North East Somerset Council") == "Bath and North East Somerset<br>Council"
    assert wrap_name("Bath and North East Somerset Council", 14) == "Bath and North<br>East Somerset<br>Council"


def test_a_word_longer_than_the_width_is_kept_whole_and_a_short_name_is_unchanged():
    assert wrap_name("x" * 40) == "x" * 40
    assert wrap_name("Kent") == "Kent"
    assert wrap_name("") == ""


def test_names_are_escaped_so_plotly_shows_them_as_text():
    assert wrap_name("A <b>bold</b> & co") == "A &lt;b&gt;bold&lt;/b&gt; &amp; co"
