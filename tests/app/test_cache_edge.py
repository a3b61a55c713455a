"""The cache edge in ui/cache.py: one directory-version query per page run, whatever the page draws."""

from __future__ import annotations

import pytest

from coverage.listings.store import Store
from tests.app.apprun import run


@pytest.fixture
def version_reads(monkeypatch):
    calls: list[int] = []
    original = Store.head_version

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Store, "head_version", counting)
    return calls


@pytest.mark.parametrize(
    "page,params",
    [
        ("pages/coverage_map.py", {}),
        ("pages/profile.py", {"area": "E06000001", "level": "utla"}),
        ("pages/plan.py", {}),
        ("pages/methods.py", {}),
    ],
)
def test_each_run_reads_the_directory_version_once(version_reads, page, params):
    at = run(page, **params)
    assert not at.exception, [e.value for e in at.exception]
    version_reads.clear()
    at.run()  # a rerun, as after any click
    assert len(version_reads) == 1
