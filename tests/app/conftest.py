"""Fixtures of the page tests."""

from __future__ import annotations

import pytest
import streamlit as st

from coverage.listings.store import Store


@pytest.fixture
def fresh_store(tmp_path, monkeypatch):
    """An empty corrections store for this test, and no cached directory from an earlier one."""
    monkeypatch.setenv("ATLAS_STATE_DIR", str(tmp_path / "state"))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield Store()
    st.cache_resource.clear()
    st.cache_data.clear()
