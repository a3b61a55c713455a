"""The server settings in .streamlit/config.toml that the first paint rests on (issue 24).

Magic is switched off to save rewriting every page's syntax tree when the script cache is empty: that is
only safe while no page writes by magic (a bare expression that Streamlit would draw). The post-run garbage
collection is switched off because it cost more CPU per run than the page itself. Magic's rewrite is
counted in a child interpreter (tests/support/syntax.py says why).
"""

from __future__ import annotations

import tomllib

import pytest

from tests.support.syntax import ROOT, code_facts, facts_of

pytestmark = pytest.mark.unit

SCRIPTS = ["app.py", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "pages").glob("*.py"))]


def test_magic_writes_is_counted_for_a_bare_expression():
    facts = facts_of({"bare.py": "x = 1\nx\n", "docstring.py": '"""A docstring."""\nx = 1\n'})
    assert facts["bare.py"]["magic_writes"] == 1
    assert facts["docstring.py"]["magic_writes"] == 0


def test_no_page_writes_by_magic():
    assert len(SCRIPTS) > 5
    assert {name: code_facts()[name]["magic_writes"] for name in SCRIPTS} == dict.fromkeys(SCRIPTS, 0)


def test_magic_and_the_post_run_collection_are_off():
    runner = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["runner"]
    assert runner == {"magicEnabled": False, "postScriptGC": False}
