"""Methods and data: sources and attribution."""

from __future__ import annotations

from tests.app.apprun import no_errors, run


def test_methods_shows_sources_and_attribution(atlas):
    at = run("pages/methods.py")
    no_errors(at)
    text = " ".join(m.value for m in at.markdown)
    assert "Open Government Licence" in text
    assert "Crown copyright" in text
