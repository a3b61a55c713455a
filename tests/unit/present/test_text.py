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

from coverage.present.text import looks_like_markup, md, web_link

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


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/team", "[Website](https://example.org/team)"),
        # parentheses are percent-encoded, so the link cannot end early and let text after it become an image
        ("https://example.org/a)![x](http://evil.example/x.png)", None),
        ("javascript:alert(1)", "Website: javascript\\:alert\\(1\\)"),
        ("<img src=x onerror=alert(1)>", "Website: \\<img src=x onerror=alert\\(1\\)\\>"),
        ("https://example.org/a b", "Website: https\\:\u2060//example\\.org/a b"),
    ],
)
def test_web_link_links_only_plain_web_addresses(url, expected):
    made = web_link("Website", url)
    if expected is not None:
        assert made == expected
    tokens = [t for block in MarkdownIt("commonmark").parse(made) for t in [block, *(block.children or ())]]
    assert not [t for t in tokens if t.type in ("image", "html_inline")]
    hrefs = [t.attrGet("href") for t in tokens if t.type == "link_open"]
    assert all(h.startswith("https://") for h in hrefs) and len(hrefs) <= 1


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("OXPIP (Oxford Parent Infant Project)", False),
        ("pregnancy to age 2; group work", False),
        ("![x](http://evil.example/x.png)", True),
        ("[click](javascript:alert(1))", True),
        ("<img src=x onerror=alert(1)>", True),
        ("see www.example.org", True),
        ("https://www.oxpip.org.uk/about", False),  # a website field is a plain address
        ("https://example.org/a)![x](http://evil.example/x.png)", True),
        ("**bold**", True),
        ("a < b and c > d", False),
        (None, False),
    ],
)
def test_looks_like_markup(text, flagged):
    assert looks_like_markup(text) is flagged
