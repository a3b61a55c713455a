"""pages/ holds only the pages app.py registers; every helper the pages share lives in ui/.

Streamlit runs whatever sits in pages/ as a page in its legacy mode (ui/legacy_pages.py), and a
helper there reads as a page to a newcomer: this fails the day one is put back.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.unit

ROOT = Path(__file__).resolve().parents[3]


def test_pages_holds_only_the_registered_pages():
    registered = set(re.findall(r'st\.Page\("(pages/[a-z_]+\.py)"', (ROOT / "app.py").read_text(encoding="utf-8")))
    present = {f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py") if p.name != "__init__.py"}
    assert len(registered) == 10 and present == registered


def test_no_page_is_imported_as_a_module_by_another_page_or_by_ui():
    """Pages share code through ui/ only (a page imported elsewhere would run its layout there)."""
    for path in [*(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"^\s*(from pages\b|import pages\b)", text, re.M), path
