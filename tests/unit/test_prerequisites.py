"""The one rule for "skip locally, fail in CI" (tests/support/prerequisites.py).

What counts as CI is written once; these cases pin it, in particular that ``CI=false`` (which some
developers export to say "not CI") is a local run, where the old checks of ``os.environ.get("CI")``
took any non-empty value, even "false", as CI.
"""

from __future__ import annotations

import pytest

from tests.support import prerequisites
from tests.support.prerequisites import in_ci, need, unavailable


@pytest.mark.parametrize("value", ["true", "TRUE", "True", "1", "yes", "Yes", " true ", "true\n"])
def test_ci_is_true_1_or_yes_in_any_case(value):
    assert in_ci({"CI": value}) is True


@pytest.mark.parametrize("value", ["false", "FALSE", "0", "", "  ", "no", "off"])
def test_false_0_and_empty_are_not_ci(value):
    assert in_ci({"CI": value}) is False


def test_no_ci_variable_is_not_ci():
    assert in_ci({}) is False


def test_the_process_environment_is_read_when_none_is_given(monkeypatch):
    monkeypatch.setenv("CI", "yes")
    assert in_ci() is True
    monkeypatch.setenv("CI", "false")
    assert in_ci() is False
    monkeypatch.delenv("CI")
    assert in_ci() is False


def test_unavailable_skips_locally_with_the_reason(monkeypatch):
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception, match="no widget here"):
        unavailable("no widget here")


def test_unavailable_fails_in_ci_with_the_reason(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"no widget here \(CI is set, so this is a failure, not a skip\)"):
        unavailable("no widget here")


def test_need_passes_when_every_check_passes(monkeypatch):
    monkeypatch.setattr(prerequisites, "CHECKS", {"here": lambda: None, "also": lambda: None})
    need("here", "also")  # nothing raised


def test_need_stops_on_the_first_missing_name_with_its_reason(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    checks = {"here": lambda: None, "gone": lambda: "gone is missing", "later": lambda: "later is missing"}
    monkeypatch.setattr(prerequisites, "CHECKS", checks)
    with pytest.raises(pytest.skip.Exception, match="^gone is missing$"):
        need("here", "gone", "later")


def test_a_missing_shared_folder_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_SHARED_DIR", str(tmp_path / "absent"))
    monkeypatch.setenv("CI", "0")
    with pytest.raises(pytest.skip.Exception, match="absent"):
        need("shared")


def test_postgres_is_needed_only_when_no_server_is_named(monkeypatch):
    monkeypatch.setenv("CI", "0")
    monkeypatch.setenv("ATLAS_TEST_POSTGRES_URL", "postgresql://u@127.0.0.1/db")
    need("postgres")
    monkeypatch.delenv("ATLAS_TEST_POSTGRES_URL")
    with pytest.raises(pytest.skip.Exception, match="ATLAS_TEST_POSTGRES_URL"):
        need("postgres")


@pytest.mark.needs("postgres")
def test_the_needs_marker_runs_the_check_before_the_test(request):
    """Runs only where a server is named: the marker stopped it otherwise, before this body."""
    import os

    assert os.environ.get("ATLAS_TEST_POSTGRES_URL")
