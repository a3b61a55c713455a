"""AppTest (#20): Kent reads "a service is listed here, not counted", never "no team listed", on its
profile and the home page's answer card; both offer "Know a team that serves Kent? Tell us", which
opens Check a listing on Suggest a new team with Kent filled in; the form then sends as usual."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.apprun import PAGES, no_errors, page, run

pytestmark = [pytest.mark.apptest, pytest.mark.usefixtures("fresh_store")]

KENT = "E10000016"
KENT_STATE = "a service is listed here, not counted as a specialised team: borderline"
INVITE = "Know a team that serves Kent? Tell us"
AREAS_BOX = "Areas served (codes or names, separated by ;)"


def words(at: AppTest) -> str:
    parts = [m.value for m in list(at.markdown) + list(at.caption) + list(at.info)]
    return "\n".join(parts).replace("\\", "")  # markdown escapes removed: the words as a reader sees them


def links(at: AppTest) -> dict[str, str]:
    return {p.proto.label: p.proto.query_string for p in at.get("page_link")}


def test_kent_profile_names_the_listed_service_and_invites_a_new_team():
    at = run("pages/profile.py", area=KENT, level="utla")
    no_errors(at)
    text = words(at)
    assert f"**Status:** {KENT_STATE}." in text
    assert "no team listed" not in text
    assert links(at)[INVITE] == f"suggest_for={KENT}"
    assert links(at)["Suggest a correction"] == "team=kent-pimhs&tab=correct"  # PIMHS Kent itself is still listed


def test_a_profile_with_a_counted_team_has_no_invitation():
    at = run("pages/profile.py", area="E06000018", level="utla")  # Nottingham: a counted team
    no_errors(at)
    assert not any(label.startswith("Know a team that serves") for label in links(at))


def test_home_answer_card_says_the_state_in_words_and_invites():
    at = run(PAGES[0], level="utla", area=KENT)
    no_errors(at)
    card = next(i.value for i in at.info if "Kent" in i.value)
    assert KENT_STATE in card.replace("\\", "") and "no team listed" not in card
    assert links(at)[INVITE] == f"suggest_for={KENT}"


def test_the_invitation_opens_suggest_a_new_team_with_kent_filled_in_and_it_sends(fresh_store):
    at = page("pages/check.py", suggest_for=KENT)
    assert not at.warning
    assert any("Tell us about a team that serves Kent (council)." in m for m in words(at).splitlines())
    box = {t.label: t for t in at.text_input}  # the correction form is empty (no team chosen)
    areas = [t for t in at.text_input if t.label == AREAS_BOX]
    assert [t.value for t in areas] == ["Kent"]
    boxes = {s.label: s.value for s in at.selectbox}
    assert boxes["The areas it serves are"] == "utla" and boxes["Nation"] == "England"
    box["Team name"].input("Kent Parent-Infant Team")
    box["Your email (for our reply only; never shown)"].input("lead@example.org")
    box["A public page about the team"].input("https://example.org/kent-team")
    next(b for b in at.button if b.label == "Send the new team").click().run()
    no_errors(at)
    assert fresh_store.count("pending") == 1


@pytest.mark.parametrize("bad", ["<script>alert(1)</script>", "Z99999999"])
def test_an_unknown_area_warns_in_plain_text_and_leaves_the_form_empty(bad):
    at = page("pages/check.py", suggest_for=bad)
    warning = " ".join(w.value for w in at.warning)
    assert "so the new-team form starts empty" in warning and "<script>" not in warning
    assert [t.value for t in at.text_input if t.label == AREAS_BOX] == [""]
