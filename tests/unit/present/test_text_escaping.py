"""The one escaping rule: markdown sinks get ``md``, HTML-like sinks get ``markup``; nothing active survives."""

from __future__ import annotations

import re

import pytest

from coverage.present.text import JOINER, markup, md

pytestmark = pytest.mark.unit

HOSTILE = [
    "![x](http://127.0.0.1:9/pixel.png)",
    "[Sign in again](https://evil.example/login)",
    "<img src=x onerror=alert(1)>",
    "www.evil.example and https://evil.example, mail someone@evil.example",
    "**bold** _it_ `code` # heading\n- item\r\n> quote",
    ":red[coloured] $x^2$ ~~struck~~ | table |",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_md_leaves_no_markdown_or_html_trigger_unescaped(text):
    out = md(text)
    assert "\n" not in out and "\r" not in out
    assert not re.search(r"(?<!\\)[\[\]()<>!*_`#|~$:]", out), out
    resolved = re.sub(r"\\(.)", r"\1", out)  # the text node remark-gfm searches for bare links
    assert "://" not in resolved and "www." not in resolved.lower()
    assert resolved.count("@" + JOINER) == text.count("@")
    assert resolved.replace(JOINER, "") == text.replace("\r", " ").replace("\n", " ")  # the text itself is kept


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_leaves_no_tag_or_entity_unescaped(text):
    out = markup(text)
    assert "<" not in out and ">" not in out and '"' not in out and "'" not in out
    assert (
        out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&#x27;", "'")
        .replace("&amp;", "&")
        == text
    )


def test_none_is_empty():
    assert md(None) == "" and markup(None) == ""
