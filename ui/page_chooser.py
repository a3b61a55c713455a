"""A long list shown a page at a time: a chooser above it, a "Next" button below it.

Why: drawing all 61 directory cards on arrival delayed the team map's first paint by a fifth
(``coverage.present.paging`` has the measure). The chooser offers every page and "all"; the list's
pages are worked out in the engine, so a service's rows stay on one page. A new search or filter starts
again at the first page, unless "all" was chosen. "Next" brings the list's top into view, since the
button sits at its foot.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import streamlit as st

from coverage.present.paging import ALL, Pages, pages
from ui import into_view


@dataclass(frozen=True)
class Shown:
    """The list's pages and the one chosen; what is on screen follows from them (coverage.present.paging)."""

    pages: Pages
    choice: int | str

    @property
    def start(self) -> int:
        return self.pages.bounds(self.choice)[0]

    @property
    def stop(self) -> int:
        return self.pages.bounds(self.choice)[1]


def choose_page(ids: Sequence[Hashable], groups: Sequence[Hashable], key: str, label: str) -> Shown:
    """Draw the page chooser for a list (``ids`` tell one list from another; ``groups`` keep rows
    together) and return what to show. Call inside ``into_view.block(key)`` so "Next" can return there."""
    p = pages(list(groups))
    seen, now = f"_{key}_ids", tuple(ids)
    if st.session_state.get(seen) != now:
        st.session_state[seen] = now
        if st.session_state.get(key) != ALL:
            st.session_state[key] = 0
    if st.session_state.pop(f"_{key}_scroll", False):
        into_view.scroll_to_block()
    if p.count == 1:
        return Shown(p, 0)
    return Shown(p, st.selectbox(label, p.choices(), key=key, format_func=p.words))


def next_page_button(shown: Shown, key: str) -> None:
    """ "Next: 11 to 20 of 61" under the list, when there is a next page."""
    following = shown.pages.following(shown.choice)
    if following is None:
        return

    def go() -> None:
        st.session_state[key] = following
        st.session_state[f"_{key}_scroll"] = True

    st.button(
        f"Next: {shown.pages.words(following)}",
        key=f"{key}_next",
        on_click=go,
        icon=":material/arrow_downward:",
    )
