"""``python -m coverage``: each command is registered by its group module and dispatched to that module's handler."""

from __future__ import annotations

import pytest

from coverage.cli import accounts, build, directory, exports, figures, health, links, parser, store

# Every command with the least it needs to parse, and the handler it must reach.
COMMANDS = [
    (["build"], build.run_build),
    (["refresh"], build.run_refresh),
    (["check-links"], links.run),
    (["areas"], figures.run_areas),
    (["summary"], figures.run_summary),
    (["check-directory", "teams.csv"], directory.run),
    (["hash-password", "--name", "Ada"], accounts.run),
    (["erase-contacts"], store.run_erase_contacts),
    (["store", "status"], store.run_store),
    (["export", "table", "--out", "-"], exports.run),
    (["export", "briefings", "--out-dir", "out"], exports.run),
    (["directory-health", "--list", "teams"], health.run),
]


@pytest.mark.parametrize(("argv", "handler"), COMMANDS, ids=[" ".join(a[:2]) for a, _ in COMMANDS])
def test_each_command_reaches_its_groups_handler(argv, handler):
    assert parser().parse_args(argv).handler is handler


def test_help_lists_the_commands_in_their_historic_order():
    listed = parser()._subparsers._group_actions[0].choices
    assert list(listed) == [
        "build",
        "refresh",
        "check-links",
        "areas",
        "summary",
        "check-directory",
        "hash-password",
        "erase-contacts",
        "store",
        "export",
        "directory-health",
    ]


def test_an_unknown_command_exits_2_without_a_handler(capsys):
    with pytest.raises(SystemExit) as stop:
        parser().parse_args(["no-such-command"])
    assert stop.value.code == 2
    assert "invalid choice" in capsys.readouterr().err
