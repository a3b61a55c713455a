"""Leaving Streamlit's legacy ``pages/`` mode: the one place the app touches a private Streamlit attribute.

Why it is needed: Streamlit 1.67 decides, the first time a session's page manager is built in a
server process, whether the app is an old-style multipage app; the only test is whether a folder
named ``pages`` sits beside the main script (``PagesManager.__init__``), whatever it holds. Until
some run has called ``st.navigation`` (which clears the flag), every request runs the page file
directly (``_mpa_v1``): ``app.py`` is skipped, so the page has no page config, no logging set-up
and the menu lists the files of ``pages/`` by file name, plus ``app``. Holding only registered pages
in ``pages/`` does not change that: with this module switched off, a fresh server's first visitor to
``/plan`` got the tab title "plan" and a menu of "app, change, check, compare, coverage map, ..."
(Streamlit's own documentation says the ``pages/`` folder is ignored only once some session has
called ``st.navigation``). The design keeps the ``pages/`` name, so the flag is cleared here;
tests/browser/test_pages.py opens such a cold deep link.

tests/unit/ui/test_legacy_pages.py fails the day Streamlit renames or drops the attribute, or stops
setting it from the folder, so this module is revisited then instead of silently doing nothing.
"""

from __future__ import annotations

import logging

import streamlit as st

logger = logging.getLogger(__name__)

_LEFT_LEGACY_MODE = False


def leave_legacy_pages_mode() -> None:
    """Rerun once through ``app.py`` when Streamlit ran this page in its legacy pages/ mode.

    Streamlit 1.67 treats a folder named ``pages/`` beside the main script as the old
    multipage layout until some session has called ``st.navigation``: on a freshly started
    server, every visitor who arrives by a deep link (``/plan``) gets the page file run
    directly, with a sidebar listing every file in ``pages/`` by its file name (and ``app``),
    and that lasts until somebody opens the home page. The design keeps the
    ``pages/`` name, so this clears the flag and reruns: the rerun goes through ``app.py``'s
    ``st.navigation`` and lands on the same page (page files are named after their URL, so
    the legacy page and ours share a page hash). The flag is Streamlit's own, read defensively:
    if a later version drops it, nothing happens here.
    """
    global _LEFT_LEGACY_MODE
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager, "uses_pages_directory", False) and not _LEFT_LEGACY_MODE:
        # Once per process is enough: the flag is class-wide and Streamlit only sets it while it is
        # unset. (AppTest sets it afresh on every run; rerunning each of those would drop the
        # run's widget events.)
        _LEFT_LEGACY_MODE = True
        logger.info("page run in Streamlit's legacy pages/ mode; rerunning through st.navigation")
        PagesManager.uses_pages_directory = False
        st.rerun()
