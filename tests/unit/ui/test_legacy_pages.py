"""The private Streamlit attribute ui/legacy_pages.py relies on: these fail the day Streamlit drops or renames it.

If one fails after a Streamlit upgrade, open a deep link (``/plan``) as the first visitor of a fresh
server: if the menu shows the app's own page titles without the patch, delete ui/legacy_pages.py and
this file; else find what replaced the flag.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from streamlit.runtime import pages_manager
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import script_runner

from ui import legacy_pages

pytestmark = pytest.mark.unit

APP = Path(__file__).resolve().parents[3] / "app.py"


@pytest.fixture
def flag():
    """Streamlit's class-wide flag, restored after the test whatever it does to it."""
    saved = PagesManager.uses_pages_directory
    yield
    PagesManager.uses_pages_directory = saved


def test_streamlit_still_has_the_class_wide_flag():
    assert "uses_pages_directory" in vars(PagesManager)


@pytest.mark.usefixtures("flag")
def test_a_folder_named_pages_beside_app_py_still_turns_the_legacy_mode_on():
    """Whatever ``pages/`` holds: it holds only registered pages now, and the flag is still set."""
    PagesManager.uses_pages_directory = None
    PagesManager(str(APP))
    assert PagesManager.uses_pages_directory is True


def test_the_script_runner_still_reads_the_flag_to_choose_the_legacy_run():
    source = inspect.getsource(script_runner)
    assert "PagesManager.uses_pages_directory" in source and "_mpa_v1(" in source
    assert "uses_pages_directory" in inspect.getsource(pages_manager)


@pytest.mark.usefixtures("flag")
def test_leaving_the_legacy_mode_clears_the_flag_and_reruns_once_per_process(monkeypatch):
    reruns = []
    monkeypatch.setattr(legacy_pages.st, "rerun", lambda: reruns.append(1))
    monkeypatch.setattr(legacy_pages, "_LEFT_LEGACY_MODE", False)
    PagesManager.uses_pages_directory = True
    legacy_pages.leave_legacy_pages_mode()
    assert PagesManager.uses_pages_directory is False and reruns == [1]
    PagesManager.uses_pages_directory = True  # as AppTest sets it afresh for every run
    legacy_pages.leave_legacy_pages_mode()
    assert PagesManager.uses_pages_directory is True and reruns == [1]


@pytest.mark.usefixtures("flag")
def test_nothing_happens_outside_the_legacy_mode(monkeypatch):
    reruns = []
    monkeypatch.setattr(legacy_pages.st, "rerun", lambda: reruns.append(1))
    monkeypatch.setattr(legacy_pages, "_LEFT_LEGACY_MODE", False)
    PagesManager.uses_pages_directory = False
    legacy_pages.leave_legacy_pages_mode()
    assert reruns == [] and legacy_pages._LEFT_LEGACY_MODE is False
