"""Every page with hostile names: text that looks like Markdown, HTML, links and images is shown as text.

An approved directory version renames one listing (OXPIP) and fills its text fields, website and
source with a payload carrying an image, raw HTML, a javascript: link, bold and a bare web address;
the version's author and reason carry it too, and pending suggestions (a correction to OXPIP and a
new team) carry it in their names, notes and message. Every page is then rendered, Review signed in.

Each element that Streamlit renders as Markdown (bodies, labels, help, expander and tab labels,
``st.table`` cells) and holds the payload is parsed with markdown-it (CommonMark, raw HTML on):
it must yield no image, no HTML and no link made from the payload, and its visible text must be the
whole payload, character for character (a bare address must also carry the word joiner that stops
Streamlit's autolinks). Plotly labels must hold no raw ``<``; deck.gl tooltips must be text, not HTML.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
import streamlit as st
from google.protobuf.json_format import MessageToDict
from markdown_it import MarkdownIt

from coverage import paths
from coverage.listings.workflow import review
from coverage.model.atlas import load_atlas
from coverage.present.text import JOINER
from tests.app.apprun import PAGES, add_team, page, plan, sign_in

pytestmark = pytest.mark.slow

PAYLOAD = (
    "Evil ![x](http://evil.example/x.png) <img src=x onerror=alert(1)> [click](javascript:alert(1)) "
    "**bold** www.evil.example"
)
MARKERS = ("evil", "onerror", "javascript")
TEXT_FIELDS = ("name", "host_organisation", "age_range", "interventions", "notes", "families_note", "unresolved_areas")
# Element types whose bodies Streamlit shows as plain text; everything else with a body or label is Markdown.
PLAIN = {"text", "code", "exception", "json"}
MARKDOWN_FIELDS = {"body", "label", "help"}
PARSER = MarkdownIt("commonmark")  # raw HTML is recognised, as in Streamlit's markdown with HTML allowed
PARSER.validateLink = lambda url: True  # see every link made, javascript: included (markdown-it drops those)
# Where the payload must be seen at all (so the sweep cannot pass by rendering nothing).
SHOWN_ON = {"pages/profile.py", "pages/teams.py", "pages/check.py", "pages/review.py"}


@pytest.fixture
def hostile(fresh_store):
    atlas = load_atlas()
    teams = atlas.teams.copy()
    row = teams.index[teams["team_id"] == "oxpip"][0]
    for field in TEXT_FIELDS:
        teams.at[row, field] = f"{field} {PAYLOAD}"
    teams.at[row, "website"] = "https://example.org/a)![x](http://evil.example/x.png)"  # a web address, yet
    teams.at[row, "source_url"] = "https://example.org/b)[click](javascript:alert(1))"
    review.import_directory(fresh_store, atlas, teams, teams, f"Rev {PAYLOAD}", f"why {PAYLOAD}", 0)
    fresh_store.submit(
        "correction", "oxpip", {"name": f"New {PAYLOAD}", "notes": PAYLOAD}, "a@b.org", "https://e.org", PAYLOAD
    )
    fresh_store.submit("new_team", None, {"name": f"Team {PAYLOAD}"}, "a@b.org", "https://e.org", PAYLOAD)
    return fresh_store


def _hostile(text: str) -> bool:
    return any(m in text.lower() for m in MARKERS)


def _tokens(source: str):
    for token in PARSER.parse(source):
        yield token
        yield from token.children or ()


def _visible(source: str) -> str:
    """The characters a reader sees once the Markdown is rendered (word joiners kept)."""
    return "".join(t.content for t in _tokens(source) if t.type in ("text", "code_inline"))


def markdown_problems(source: str) -> list[str]:
    problems = []
    for token in _tokens(source):
        if token.type in ("image", "html_inline", "html_block"):
            problems.append(f"{token.type} {token.content or token.attrs}")
        href = str(token.attrGet("href")) if token.type == "link_open" else ""
        if token.type == "link_open" and not href.startswith(("http://", "https://")):
            problems.append(f"link to {href}")
    seen = _visible(source)
    for address in ("http://evil", "www.evil"):
        if address in seen:  # Streamlit's remark-gfm would make it a link
            problems.append(f"bare address {address}")
    seen = seen.replace(JOINER, "")
    if PAYLOAD.split()[0] in seen and PAYLOAD not in seen:
        problems.append(f"payload not shown whole: {seen[:200]!r}")
    return problems


PLOTLY_OWN_TAGS = {"b", "i", "br", "em", "sup", "sub"}  # what the app's own labels use


def _foreign_tags(label: str) -> list[str]:
    """Tags in a plotly label other than the app's own formatting (plotly makes <a href> links, for one)."""
    return [t for t in re.findall(r"<\s*/?\s*([a-zA-Z]+)", label) if t.lower() not in PLOTLY_OWN_TAGS]


def _strings(value, path=""):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, f"{path}.{k}")
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, path)
    elif isinstance(value, str):
        yield path, value


def _nodes(node):
    yield node
    children = getattr(node, "children", None)
    for child in children.values() if isinstance(children, dict) else ():
        yield from _nodes(child)


def sweep(at) -> tuple[list[str], int]:
    """The problems found in every rendered element, and how many elements showed the payload."""
    problems, seen = [], 0
    for node in _nodes(at._tree):
        kind = getattr(node, "type", "")
        if kind == "table":  # st.table renders every cell as Markdown
            for cell in node.value.astype(str).to_numpy().ravel():
                if _hostile(cell):
                    seen += 1
                    problems += [f"table cell: {p}" for p in markdown_problems(cell)]
            continue
        proto = getattr(node, "proto", None)
        if proto is None or kind in PLAIN:
            continue
        fields = MessageToDict(proto)
        if kind == "plotly_chart":
            spec = json.loads(fields.get("spec", "{}"))
            problems += [f"plotly {p}: {s[:160]}" for p, s in _strings(spec) if _hostile(s) and _foreign_tags(s)]
            continue
        if kind == "deck_gl_json_chart":
            tooltip = json.loads(fields.get("json", "{}")).get("tooltip") or {}
            if "html" in tooltip:
                problems.append("deck.gl tooltip is HTML")
            continue
        for name, value in fields.items():
            if name in MARKDOWN_FIELDS and isinstance(value, str) and _hostile(value):
                seen += 1
                problems += [f"{kind}.{name}: {p}" for p in markdown_problems(value)]
    return problems, seen


@pytest.mark.parametrize("name", PAGES)
def test_hostile_names_are_shown_as_text_on_every_page(hostile, name):
    params = {"team": "oxpip"} if name == "pages/check.py" else {"area": "E10000025"}
    at = page(name, **params)
    if name == "pages/teams.py":  # every card, not only the first page of ten
        at = at.selectbox(key="dir_list_page").set_value("all").run()
    if name == "pages/review.py":
        at = sign_in(at)
        # the reviewer is told, beside each diff, that the text carries markup shown as plain characters
        assert sum("Contains link, image or HTML characters" in w.value for w in at.warning) == 2
    problems, seen = sweep(at)
    assert not problems, problems
    if name in SHOWN_ON:
        assert seen, f"{name} never showed the hostile listing, so nothing was tested"


def test_the_sweep_catches_markdown_made_from_the_payload():
    """The checker itself: the raw payload, unescaped, is reported as an image, HTML and a link."""
    found = " ".join(markdown_problems(f"**{PAYLOAD}**"))
    assert "image" in found and "html_inline" in found and "link to javascript" in found and "bare address" in found


def test_a_plan_team_named_by_its_user_is_shown_as_text(hostile):
    """The Plan page's hypothetical team takes a typed name: it goes into the scenario, its list and the URL."""
    at = plan(level="utla")
    at.text_input(key="plan_name").input(PAYLOAD)  # exactly the 120 characters a name may have
    at = add_team(at, ["E10000025"])
    problems, seen = sweep(at)
    assert not problems, problems
    assert seen, "the typed name was never shown"


@pytest.fixture
def hostile_area_names(fresh_store, tmp_path, monkeypatch):
    """A copy of data/ in which Oxfordshire (council and districts) is named with the payload: file text."""
    data = tmp_path / "data"
    shutil.copytree(paths.data_dir(), data)
    for name in ("areas.csv", "districts.csv"):
        path = data / name
        path.write_text(path.read_text(encoding="utf-8").replace("Oxfordshire", PAYLOAD), encoding="utf-8")
    monkeypatch.setenv("ATLAS_DATA_DIR", str(data))
    st.cache_data.clear()
    st.cache_resource.clear()
    yield data
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.mark.parametrize("name", PAGES)
def test_hostile_area_names_from_the_data_files_are_shown_as_text(hostile_area_names, name):
    params = {"team": "oxpip"} if name == "pages/check.py" else {"area": "E10000025", "level": "utla"}
    at = page(name, **params)
    search = [t for t in at.text_input if t.key in ("map_search", "profile_search")]
    if search:  # search results are buttons labelled with the names found
        search[0].input("evil").run()
        assert any("Evil" in b.label for b in at.button), "the search found no hostile name"
    problems, seen = sweep(at)
    assert not problems, problems
    if name in ("pages/coverage_map.py", "pages/profile.py"):
        assert seen, f"{name} never showed the hostile area name, so nothing was tested"
