"""What several commands share: argument types that check ranges, the assumption flags, and loading the atlas.

The ranges are the app's own (``coverage.model.ranges``), so a value the dashboard would refuse
is refused here too, with a message instead of a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from coverage.model import ranges
from coverage.model.assumptions import BIRTHS_BASES, Assumptions


def share(allowed: ranges.Range):
    """An argparse type: a share written 0.15 or 15%, inside the range the app also uses."""

    def parse(text: str) -> float:
        try:
            value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a number (use 0.15 or 15%)") from None
        if value not in allowed:
            raise argparse.ArgumentTypeError(f"'{text}' must be {allowed.describe(as_percent=True)}")
        return value

    return parse


def families(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if value not in ranges.FAMILIES_PER_YEAR:
        raise argparse.ArgumentTypeError(f"'{text}' must be {ranges.FAMILIES_PER_YEAR.describe()}")
    return value


def pounds(text: str) -> float:
    try:
        value = float(text.replace(",", "").lstrip("£"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if value not in ranges.COST_PER_TEAM_YEAR:
        raise argparse.ArgumentTypeError(f"'{text}' must be {ranges.COST_PER_TEAM_YEAR.describe()}")
    return value


def year(text: str) -> int:
    from coverage.model.assumptions import EARLIEST_EVIDENCE_YEAR

    this_year = dt.date.today().year
    if not (text.isascii() and text.isdigit() and EARLIEST_EVIDENCE_YEAR <= int(text) <= this_year):
        raise argparse.ArgumentTypeError(f"'{text}' must be a year from {EARLIEST_EVIDENCE_YEAR} to {this_year}")
    return int(text)


def date(text: str):
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def assumption_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--prevalence", type=share(ranges.PREVALENCE), help="share of births needing specialised help (default 0.15)"
    )
    p.add_argument("--families-per-team", type=families, help="families a year for a team with no known figure")
    p.add_argument(
        "--cost-per-team",
        type=pounds,
        help="pounds a year one team costs (default: the sourced central figure, see Methods)",
    )
    p.add_argument("--births", choices=sorted(BIRTHS_BASES), default="age0", help="births basis (default age0)")
    p.add_argument(
        "--target",
        type=share(ranges.TARGET_REACH),
        default=1.0,
        help="target reach for teams needed (default 1 = all need)",
    )
    p.add_argument(
        "--evidence-since",
        type=year,
        default=None,
        help="count only teams with dated evidence from this year on (default: off)",
    )


def directory_flag(p: argparse.ArgumentParser) -> None:
    p.add_argument("--directory", type=Path, help="team directory CSV (default data/teams.csv)")


def assumptions(args: argparse.Namespace) -> Assumptions:
    a = Assumptions(births_basis=args.births, target_reach=args.target, evidence_since=args.evidence_since)
    if args.prevalence is not None:
        a = a.with_prevalence(args.prevalence)
    if args.families_per_team is not None:
        a = a.with_families_per_team(args.families_per_team)
    if args.cost_per_team is not None:
        a = a.with_cost_per_team(args.cost_per_team)
    return a


def load_atlas(args: argparse.Namespace):
    """The atlas for ``--directory`` (rows it leaves out warned about), or None when that file held no valid team."""
    from coverage.model.atlas import load_atlas

    atlas = load_atlas(directory_path=args.directory)
    for p in atlas.problems:
        print(f"warning: {p} (row left out)", file=sys.stderr)
    if args.directory is not None and atlas.teams.empty:
        print(f"error: {args.directory} holds no valid team row, so nothing was computed", file=sys.stderr)
        return None
    return atlas
