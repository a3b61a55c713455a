"""User text shown through Streamlit markdown reads as itself: no links, images, emphasis or HTML.

Checked with a CommonMark renderer (markdown-it-py), not by comparing against our own escaping:
whatever the text, the rendered paragraph holds exactly that text and no other element.
"""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from coverage.present.text import md

RENDER = MarkdownIt("commonmark").render


def rendered_text(source: str) -> tuple[set[str], str]:
    """(the HTML tags the markdown produced, its text content as a reader sees it).

    ``md`` puts an invisible word joiner (U+2060) inside URL-like text so Streamlit's link
    autodetection cannot fire; a reader does not see it, so it is dropped before comparing.
    """
    out = RENDER(source)
    tags = set(re.findall(r"</?([a-zA-Z0-9]+)", out))
    return tags, html.unescape(re.sub(r"<[^>]+>", "", out)).replace("\u2060", "").strip()


@pytest.mark.parametrize(
    "text",
    [
        "[click](https://evil.example)",
        "![x](https://evil.example/x.png)",
        "<img src=x onerror=alert(1)>",
        "<script>alert(1)</script>",
        "**bold** _em_ `code` ~~gone~~",
        "# Heading",
        "1. list",
        "- item",
        "> quote",
        "a | b\n--|--\n1 | 2",
        "Tom & Jerry &amp; co",
        "https://auto.link.example",
        "$x^2$ :smile:",
        "back\\slash\\",
    ],
)
def test_markup_renders_as_literal_text(text):
    tags, content = rendered_text(md(text))
    assert tags <= {"p"}, tags
    assert content == text.replace("\n", " ")


def test_none_and_numbers():
    assert md(None) == ""
    assert md(12.5) == "12\\.5"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_any_text_renders_as_itself(text):
    tags, content = rendered_text(md(text))
    assert tags <= {"p", "pre", "code"}, tags  # indented text may show as a code block: still literal
    # A word joiner in the input is as invisible as the ones md() adds: compared without either.
    expected = text.replace("\n", " ").replace("\u2060", "")
    assert " ".join(content.split()) == " ".join(expected.split())
