"""Team directory: search and count."""

from __future__ import annotations

from tests.app.apprun import PAGES, no_errors, run


def test_directory_search_and_count(atlas):
    at = run(PAGES[3])
    no_errors(at)
    assert "61 services listed" in at.markdown[0].value
    at.text_input(key="dir_text").input("Grampian").run()
    no_errors(at)
    assert any("1 of 61 listings shown" in c.value for c in at.caption)


def listing_titles(at) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith("### ")]


def test_listings_come_ten_a_page_with_next_and_all(atlas):
    """61 rows: the first page holds 10 cards; Next shows 11 to 20; a search starts again at page one; "all"
    shows every card and stays chosen through a search."""
    at = run(PAGES[3])
    no_errors(at)
    chooser = at.selectbox(key="dir_list_page")
    assert chooser.value == 0 and chooser.options[0] == "1 to 10 of 61" and chooser.options[-1] == "all 61"
    first = listing_titles(at)
    assert len(first) == 10
    at.button(key="dir_list_page_next").click().run()
    no_errors(at)
    assert at.selectbox(key="dir_list_page").value == 1
    second = listing_titles(at)
    assert second and not set(second) & set(first)
    at.text_input(key="dir_text").input("NHS").run()
    no_errors(at)
    assert at.session_state["dir_list_page"] == 0
    at.text_input(key="dir_text").input("").run()
    at.selectbox(key="dir_list_page").set_value("all").run()
    no_errors(at)
    assert len(listing_titles(at)) == 61 and not any(b.key == "dir_list_page_next" for b in at.button)
    at.text_input(key="dir_text").input("NHS").run()
    assert at.session_state["dir_list_page"] == "all"


def test_one_page_of_results_has_no_chooser(atlas):
    at = run(PAGES[3])
    at.text_input(key="dir_text").input("Grampian").run()
    no_errors(at)
    assert listing_titles(at) == ["### Infant Mental Health \\(IMH\\) Team, NHS Grampian"]
    assert not any(s.key == "dir_list_page" for s in at.selectbox)
