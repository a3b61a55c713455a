"""``python -m coverage directory-health``: the /health page's worklists on the command line.

Prints exactly the rows the page lists for the same settings (both call
``coverage.listings.health.report.directory_health``), as a table, CSV (formula-safe) or JSON, with the
headline in words on standard error so a pipe gets only the rows.
"""

from __future__ import annotations

import argparse
import sys

from coverage.model.health import WINDOW_RANGE, WINDOW_YEARS
from coverage.model.levels import NATIONS

UK = "UK"


def _window(text: str) -> int:
    low, high = WINDOW_RANGE
    if not (text.isascii() and text.isdigit() and low <= int(text) <= high):
        raise argparse.ArgumentTypeError(f"'{text}' must be a whole number of years from {low} to {high}")
    return int(text)


def register(sub) -> None:
    p = sub.add_parser("directory-health", help="the directory health worklists (teams or areas), as on /health")
    p.add_argument("--list", choices=["teams", "areas"], required=True, dest="worklist")
    p.add_argument("--format", choices=["csv", "json", "table"], default="table")
    p.add_argument("--nation", choices=[UK, *NATIONS.values()], default=UK)
    p.add_argument("--region", default="", help="an English region's code, e.g. E12000002")
    p.add_argument("--health", default="", help="an ICB's or health board's code")
    p.add_argument("--window", type=_window, default=WINDOW_YEARS, help="years of dated evidence that count as recent")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from coverage.exports.safety import safe_csv
    from coverage.listings.health.report import directory_health
    from coverage.model.assumptions import Assumptions
    from coverage.model.atlas import load_atlas
    from coverage.model.health import headline_sentence, link_check_words
    from coverage.model.health_scope import Scope

    atlas = load_atlas()
    known = {lv: set(g["area_code"]) for lv, g in atlas.areas.groupby("level")}
    for flag, level in (("region", "region"), ("health", "health")):
        code = getattr(args, flag)
        if code and code not in known.get(level, set()):
            print(f"error: --{flag} '{code}' is not a known {level} code", file=sys.stderr)
            return 2
    nation = "United Kingdom" if args.nation == UK else args.nation
    report = directory_health(atlas, Assumptions(), Scope(nation, args.region, args.health), args.window)
    frame = report.teams if args.worklist == "teams" else report.areas
    if args.format == "csv":
        sys.stdout.write(safe_csv(frame))
    elif args.format == "json":
        sys.stdout.write(frame.to_json(orient="records", indent=1) + "\n")
    else:
        sys.stdout.write(frame.to_string(index=False) + "\n")
    for _, row in report.headline.iterrows():
        print(f"# {headline_sentence(row)}", file=sys.stderr)
    words = link_check_words(
        report.checked_on, report.previous_checked_on, report.change_counts, len(report.link_changes)
    )
    print(f"# {words}", file=sys.stderr)
    for row in report.link_changes.itertuples():
        print(
            f"#   {row.team_id} {row.link}: {row.change} ({row.before or 'not listed'} -> {row.now or 'gone'})",
            file=sys.stderr,
        )
    return 0
