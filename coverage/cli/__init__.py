"""Command line for analysts: build the data, print area tables and totals, check a directory.

python -m coverage build
python -m coverage refresh --dry-run
python -m coverage check-links
python -m coverage areas --level utla --format csv --prevalence 0.1
python -m coverage summary
python -m coverage check-directory data/teams.csv
python -m coverage export briefings --level utla --out-dir briefings/

One module per command group, each adding its subcommands and their handlers (``register``);
:func:`main` parses and calls the chosen command's handler. ``options`` holds what several
groups share: the argument types, the assumption flags and loading the atlas.

This package is the only user of the build pipeline (``coverage.pipeline``, link checker included:
an import contract checks it); handlers import what they need when they run, so a command
starts without loading the rest.
"""

from __future__ import annotations

import argparse

from coverage import logs
from coverage.cli import accounts, build, directory, exports, figures, health, links, store

# The order of ``python -m coverage --help``: each group adds its commands in turn.
GROUPS = (build, links, figures, directory, accounts, store, exports, health)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m coverage", description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    for group in GROUPS:
        group.register(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logs.configure()
    return args.handler(args)
