"""Check a listing when the store is down: a clear message, the form kept, the detail in the log."""

from __future__ import annotations

import logging

import pytest
import sqlalchemy as sa

from coverage.listings.store import Store
from tests.app.apprun import page, suggest_oxpip_capacity

pytestmark = pytest.mark.usefixtures("fresh_store")


def test_a_failed_save_says_so_and_logs_why(monkeypatch, caplog):
    def down(self, *args, **kwargs):
        raise sa.exc.OperationalError("INSERT", {}, Exception("connection refused"))

    monkeypatch.setattr(Store, "submit", down)
    with caplog.at_level(logging.ERROR, logger="pages"):
        at = suggest_oxpip_capacity(page("pages/check.py"), "150")
    assert at.error and "could not be saved" in at.error[0].value
    assert "connection refused" not in at.error[0].value  # the detail is for the log, not the page
    assert next(t for t in at.text_input if t.label == "Families seen in a year (if published)").value == "150"
    record = next(r for r in caplog.records if r.name == "pages.check")
    assert "could not be saved" in record.getMessage() and "connection refused" in str(record.exc_info[1])
