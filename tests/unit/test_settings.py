"""The one place settings are read: declared names, blanks as unset, defaults, retired names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coverage import settings

ROOT = Path(__file__).resolve().parents[2]


def test_blank_counts_as_unset_and_values_are_stripped():
    s = settings.from_mapping({"ATLAS_LOG_LEVEL": "  debug ", "DATABASE_URL": "   "})
    assert s.log_level == "DEBUG"
    assert s.database_url == ""


def test_folders_default_beside_the_checkout_and_follow_the_environment(tmp_path):
    assert settings.from_mapping({}).state_dir == settings.PROJECT_ROOT / "state"
    assert settings.from_mapping({}).shared_dir == settings.PROJECT_ROOT.parent / "shared" / "data"
    assert settings.from_mapping({"ATLAS_DATA_DIR": str(tmp_path)}).data_dir == tmp_path


def test_an_undeclared_name_is_refused():
    with pytest.raises(KeyError, match="not a declared setting"):
        settings.from_mapping({"ATLAS_TYPO": "1"}).get("ATLAS_TYPO")


def test_a_retired_variable_is_reported_only_when_set():
    assert settings.from_mapping({}).retired_in_use == []
    assert settings.from_mapping({"ATLAS_TRUSTED_PROXIES": ""}).retired_in_use == []
    (message,) = settings.from_mapping({"ATLAS_TRUSTED_PROXIES": "10.0.0.1"}).retired_in_use
    assert "ATLAS_TRUSTED_PROXY_HOPS" in message


def test_current_reads_the_environment_at_call_time(monkeypatch):
    monkeypatch.setenv("ATLAS_LOG_LEVEL", "info")
    assert settings.current().log_level == "INFO"
    monkeypatch.setenv("ATLAS_LOG_LEVEL", "error")
    assert settings.current().log_level == "ERROR"


def test_only_the_settings_module_reads_the_environment():
    readers = []
    for folder in ("coverage", "pages", "ui"):
        for path in (ROOT / folder).rglob("*.py") if (ROOT / folder).is_dir() else ():
            if path.name == "settings.py" and path.parent.name == "coverage":
                continue
            if re.search(r"os\.environ|os\.getenv|getenv\(", path.read_text(encoding="utf-8")):
                readers.append(str(path.relative_to(ROOT)))
    readers += ["app.py"] if re.search(r"os\.environ|getenv\(", (ROOT / "app.py").read_text()) else []
    assert readers == []


def test_every_declared_variable_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [v.name for v in settings.VARIABLES if f"`{v.name}`" not in readme]
    assert missing == []
