"""``check-directory``: validate a team directory file (CSV or XLSX) row by row, as the Review page's import does.

Both call ``coverage.listings.workflow.directory_import.check``, so the command line and the
page always agree on what a valid directory is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coverage import paths


def register(sub) -> None:
    c = sub.add_parser("check-directory", help="validate a team directory (CSV or XLSX)")
    c.add_argument("file", type=Path)
    c.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from coverage.listings.workflow.directory_import import check
    from coverage.model.atlas import known_codes, load_areas
    from coverage.model.directory import read_bounded

    data, problems = read_bounded(args.file, args.file.name)  # size checked while reading, not after
    teams = []
    if not problems:
        teams, problems = check(args.file.name, data, known_codes(load_areas(paths.data_dir())))
    for p in problems:
        print(p)
    print(
        f"{args.file}: {len(teams)} valid team rows, {len(problems)} problem(s)",
        file=sys.stderr if problems else sys.stdout,
    )
    return 1 if problems or not len(teams) else 0
