"""What the two suggestion forms of Check a listing share: a key per round, problems beside fields, the reference.

The forms themselves stay on the page; the rules for what a suggestion may say are ``coverage.listings.workflow.corrections``.
"""

from __future__ import annotations

import streamlit as st

from coverage.listings.workflow import public
from coverage.present.text import md
from ui import into_view

NOT_A_FIELD = {"fields", "kind", "team_id"}  # problems with the whole suggestion, not one field


def form_key(family: str) -> str:
    """The form's key for this round: it changes after each suggestion sent, so the form comes back empty."""
    return f"{family}_{st.session_state.get(f'round_{family}', 0)}"


def show_problems(family: str) -> dict[str, str]:
    """The problems of the last send of this form (each also shown beside its field), summed up at its top."""
    problems = st.session_state.get(f"problems_{family}", {})
    if problems:
        st.error(
            f"Nothing was sent yet: please fix the {len(problems)} "
            + ("field marked below." if len(problems) == 1 else "fields marked below.")
        )
        for key in sorted(problems.keys() & NOT_A_FIELD):
            st.error(f"{public.label(key)}: {md(problems[key])}")
    return problems


def show_sent(family: str) -> None:
    """The reference of a suggestion just sent, under the Send button where the person is looking.

    It used to sit at the top of the form, off screen after pressing Send, above a form still
    filled in, so a sent suggestion looked unsent (#12). A toast says it too, wherever the page is scrolled.
    """
    reference = st.session_state.pop(f"sent_{family}", None)
    if not reference:
        return
    with into_view.block("sent_new" if family == "new_team" else "sent_correction"):
        st.success(
            f"Thank you. Your suggestion is saved with reference **{reference}**. A reviewer will check it; the "
            "directory does not change until they approve it. Look its status up any time under Track a suggestion.",
            icon=":material/check_circle:",
        )
        st.caption("Your reference (the button at its right copies it):")
        st.code(reference, language=None)
        st.page_link(
            "pages/check.py",
            label="Track this suggestion (bookmark this link)",
            icon=":material/bookmark:",
            query_params={"tab": "track", "ref": reference},
        )
    into_view.scroll_to_block()  # a long form's Send button sits at the window's foot: its answer is below
    st.toast(f"Sent: reference {reference}", icon=":material/check_circle:")


def beside(problems: dict[str, str], key: str) -> None:
    if key in problems:
        st.error(f"{public.label(key)}: {md(problems[key])}", icon=":material/error:")
