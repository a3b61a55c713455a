"""The server settings in .streamlit/config.toml that the first paint rests on (issue 24).

Magic is switched off to save rewriting every page's syntax tree when the script cache is empty: that is
only safe while no page writes by magic (a bare expression that Streamlit would draw). The post-run garbage
collection is switched off because it cost more CPU per run than the page itself.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest
from streamlit.runtime.scriptrunner import magic

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[3]
SCRIPTS = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]


def magic_writes(source: str, name: str) -> int:
    """How many expressions Streamlit's magic would draw in this script."""
    rewritten = ast.unparse(magic.add_magic(source, name))
    return rewritten.count("__streamlitmagic__.transparent_write")


def test_magic_writes_is_counted_for_a_bare_expression():
    assert magic_writes("x = 1\nx\n", "t.py") == 1
    assert magic_writes('"""A docstring."""\nx = 1\n', "t.py") == 0


def test_no_page_writes_by_magic():
    assert {p.name: magic_writes(p.read_text(encoding="utf-8"), str(p)) for p in SCRIPTS} == {
        p.name: 0 for p in SCRIPTS
    }


def test_magic_and_the_post_run_collection_are_off():
    runner = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["runner"]
    assert runner == {"magicEnabled": False, "postScriptGC": False}
