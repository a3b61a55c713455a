"""The operator's schedule examples in deploy/schedule/ run commands that exist and name units that exist."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess

import pytest

from coverage import paths
from coverage.cli import main

SCHEDULE = paths.PROJECT_ROOT / "deploy" / "schedule"
COMMAND = re.compile(r"python -m coverage ([a-z-]+)")


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read(SCHEDULE / name, encoding="utf-8")
    return parser


def commands() -> list[str]:
    found = []
    for service in sorted(SCHEDULE.glob("*.service")):
        found += COMMAND.findall(unit(service.name)["Service"]["ExecStart"])
    found += COMMAND.findall((SCHEDULE / "atlas.cron").read_text(encoding="utf-8"))
    return found


def test_the_examples_schedule_the_refresh_and_the_link_check():
    assert sorted(commands()) == ["check-links", "check-links", "refresh", "refresh"]


@pytest.mark.parametrize("command", ["refresh", "check-links"])
def test_each_scheduled_command_is_one_the_cli_knows(command, capsys):
    with pytest.raises(SystemExit) as done:
        main([command, "--help"])
    assert done.value.code == 0 and f"usage: python -m coverage {command}" in capsys.readouterr().out


@pytest.mark.parametrize("timer", ["atlas-refresh.timer", "atlas-check-links.timer"])
def test_each_timer_starts_a_service_that_is_shipped_beside_it(timer):
    parsed = unit(timer)
    assert (SCHEDULE / parsed["Timer"]["Unit"]).is_file()
    assert parsed["Timer"]["Persistent"] == "true" and parsed["Install"]["WantedBy"] == "timers.target"


def test_the_link_check_runs_after_the_refresh_and_writes_only_to_state():
    service = unit("atlas-check-links.service")
    assert "atlas-refresh.service" in service["Unit"]["After"].split()
    assert service["Service"]["ReadWritePaths"] == "/srv/atlas/state"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_reads_the_units_without_complaint_beyond_the_example_paths():
    files = [str(p) for p in sorted(SCHEDULE.glob("*.service")) + sorted(SCHEDULE.glob("*.timer"))]
    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *files], capture_output=True, text=True, timeout=60, cwd=SCHEDULE
    )
    complaints = [
        line for line in (done.stdout + done.stderr).splitlines() if line.strip() and "/srv/atlas/" not in line
    ]
    assert complaints == []
