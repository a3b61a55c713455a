"""The review page on a store whose schema is behind this version: the message names the command
to run, nobody is offered a sign-in that would fail, and after the upgrade the page works."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from coverage.listings.accounts.auth import hash_password
from coverage.listings.store import make_engine, metadata, schema
from tests.support.apptest import open_app

pytestmark = pytest.mark.apptest


@pytest.fixture
def old_store(tmp_path, monkeypatch):
    """A store as the pre-migrations code created it: its tables, no alembic_version."""
    monkeypatch.setenv("ATLAS_STATE_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    engine = make_engine(f"sqlite:///{tmp_path / 'atlas.sqlite'}")
    metadata.create_all(engine, tables=[metadata.tables[name] for name in schema.BASELINE_TABLES])
    with engine.begin() as conn:
        conn.execute(metadata.tables["directory_head"].insert().values(id=1, version=0))
    yield engine
    engine.dispose()
    st.cache_resource.clear()
    st.cache_data.clear()


def review_page() -> AppTest:
    accounts = {"Reviewer One": hash_password("a long test password", iterations=1000)}
    return open_app("pages/review.py", secrets={"review": {"accounts": accounts}})


def test_a_store_behind_head_is_named_with_its_command_and_offers_no_sign_in(old_store):
    at = review_page()
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value.replace("\\", "") for e in at.error]  # the page escapes markdown
    assert any("python -m coverage store upgrade" in e and "schema is older" in e for e in errors), errors
    assert "Reviewer password" not in [t.label for t in at.text_input]

    schema.upgrade(old_store)
    at = review_page()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert "Reviewer password" in [t.label for t in at.text_input]
