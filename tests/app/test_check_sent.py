"""After Send, the reference shows under the Send button and the form comes back empty.

It used to sit at the top of the form, off screen once Send was pressed, above a form still filled
in: a network member saw nothing happen (#12's persona timing found it).
"""

from __future__ import annotations

import pytest

from tests.app.pages import open_page

pytestmark = [pytest.mark.apptest, pytest.mark.slow]

EMAIL = "Your email (for our reply only; never shown)"


def _boxes(at) -> dict:
    boxes = {}
    for t in list(at.text_input) + list(at.text_area):
        boxes.setdefault(t.label, t)
    return boxes


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def test_a_sent_correction_shows_its_reference_under_the_button_and_empties_the_form(fresh_store):
    at = open_page("check", team="oxpip")
    boxes = _boxes(at)
    boxes["Families seen in a year (if published)"].input("150")
    boxes[EMAIL].input("lead@oxpip.org.uk")
    boxes["A public page that supports the change"].input("https://www.oxpip.org.uk/about")
    next(b for b in at.button if b.label == "Send the correction").click().run()
    assert not at.exception and not at.error
    (message,) = [s.value for s in at.success]
    assert "reference **PIA-" in message
    order = [n.type for n in _walk(at.main) if n.type in ("button", "success")]
    assert order.index("success") > order.index("button"), order  # under the Send button, not above the form
    # A fresh form: the team's current value again, and no email kept for a second suggestion.
    assert _boxes(at)["Families seen in a year (if published)"].value != "150"
    assert _boxes(at)[EMAIL].value == ""
    assert fresh_store.count("pending") == 1


def test_a_sent_new_team_empties_every_box(fresh_store):
    at = open_page("check")
    boxes = _boxes(at)
    boxes["Team name"].input("Little Steps Parent-Infant Team")
    boxes["Areas served (codes or names, separated by ;)"].input("Hartlepool")
    boxes[EMAIL].input("lead@example.org")
    boxes["A public page about the team"].input("https://example.org/little-steps")
    next(b for b in at.button if b.label == "Send the new team").click().run()
    assert not at.exception and not at.error
    assert any("reference **PIA-" in s.value for s in at.success)
    after = _boxes(at)
    assert after["Team name"].value == "" and after[EMAIL].value == ""
    assert after["A public page about the team"].value == ""
