"""Check a listing refuses a link that points inside, or carries credentials, with a message beside it; nothing is lost."""

from __future__ import annotations

import pytest

from tests.app.pages import open_page

pytestmark = [pytest.mark.apptest]

EMAIL = "Your email (for our reply only; never shown)"


def _boxes(at) -> dict:
    boxes = {}
    for t in list(at.text_input) + list(at.text_area):
        boxes.setdefault(t.label, t)
    return boxes


@pytest.mark.parametrize(
    "website,message",
    [
        ("https://user:secret@www.oxpip.org.uk/", "must not contain a user name or password"),
        ("http://169.254.169.254/latest/meta-data/", "must name a website, not a numeric address"),
        ("https://www.oxpip.org.uk:8443/", "no :port number other than 80 or 443"),
    ],
)
def test_an_inside_or_credentialed_website_is_refused_beside_the_field_and_kept(fresh_store, website, message):
    at = open_page("check", team="oxpip")
    boxes = _boxes(at)
    boxes["Website"].input(website)
    boxes[EMAIL].input("lead@oxpip.org.uk")
    boxes["A public page that supports the change"].input("https://www.oxpip.org.uk/about")
    next(b for b in at.button if b.label == "Send the correction").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any(e.startswith("Website: ") and message in e.replace("\\", "") for e in errors), errors
    assert _boxes(at)["Website"].value == website  # what was typed is still there to fix
    assert fresh_store.count("pending") == 0
