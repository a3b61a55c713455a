"""Command line for analysts: build the data, print area tables and totals, check a directory.

    python -m coverage build
    python -m coverage areas --level utla --format csv --prevalence 0.1
    python -m coverage summary
    python -m coverage check-directory data/teams.csv
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coverage import paths
from coverage.assumptions import BIRTHS_BASES, Assumptions
from coverage.levels import LEVEL_KEYS

OUTPUT_COLUMNS = [
    "area_code", "area_name", "nation", "population_1001", "annual_births", "need_per_year", "need_low",
    "need_high", "teams", "capacity_per_year", "reach", "reach_low", "reach_high", "unmet_need_per_year",
    "teams_needed", "status",
]


def _fraction(text: str) -> float:
    try:
        value = float(text.rstrip("%")) / (100 if text.endswith("%") else 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number (use 0.15 or 15%)") from None
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"'{text}' must be above 0 and at most 1 (or 100%)")
    return value


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0 < value <= 5000:
        raise argparse.ArgumentTypeError(f"'{text}' must be above 0 and at most 5000")
    return value


def _assumption_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--prevalence", type=_fraction, help="share of births needing specialised help (default 0.15)")
    p.add_argument("--families-per-team", type=_positive, help="families a year for a team with no known figure")
    p.add_argument("--births", choices=sorted(BIRTHS_BASES), default="age0", help="births basis (default age0)")
    p.add_argument("--target", type=_fraction, default=1.0, help="target reach for teams needed (default 1 = all need)")
    p.add_argument("--format", choices=["csv", "json", "table"], default="table")
    p.add_argument("--directory", type=Path, help="team directory CSV (default data/teams.csv)")


def _assumptions(args: argparse.Namespace) -> Assumptions:
    a = Assumptions(births_basis=args.births, target_reach=args.target)
    if args.prevalence is not None:
        a = a.with_prevalence(args.prevalence)
    if args.families_per_team is not None:
        a = a.with_families_per_team(args.families_per_team)
    return a


def _emit(frame, fmt: str) -> None:
    frame = frame[[c for c in OUTPUT_COLUMNS if c in frame.columns]]
    if fmt == "csv":
        from coverage.export_safety import safe_csv
        sys.stdout.write(safe_csv(frame))
    elif fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", indent=1) + "\n")
    else:
        sys.stdout.write(frame.round(3).to_string(index=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coverage", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build data/ from ../shared/data")
    b.add_argument("--shared", type=Path, default=None)
    b.add_argument("--out", type=Path, default=None)
    a = sub.add_parser("areas", help="per-area table at a level")
    a.add_argument("--level", choices=LEVEL_KEYS, default="utla")
    _assumption_args(a)
    s = sub.add_parser("summary", help="UK and per-nation totals")
    _assumption_args(s)
    c = sub.add_parser("check-directory", help="validate a team directory (CSV or XLSX)")
    c.add_argument("file", type=Path)
    sub.add_parser("hash-password", help="print a salted hash of a reviewer password for the app's secrets")
    args = parser.parse_args(argv)

    if args.command == "hash-password":
        import getpass

        from coverage.auth import hash_password
        password = getpass.getpass("Reviewer password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
        if len(password) < 12:
            print("error: use at least 12 characters", file=sys.stderr)
            return 2
        print("[review]\npassword_hash = \"" + hash_password(password) + "\"")
        return 0

    if args.command == "build":
        from coverage.build.run import build
        shared = args.shared or paths.shared_dir()
        if not shared.is_dir():
            print(f"error: source data folder not found: {shared}", file=sys.stderr)
            return 2
        counts = build(shared, args.out or paths.data_dir())
        print("built " + ", ".join(f"{lvl}: {n}" for lvl, n in counts.items()))
        return 0

    from coverage.atlas import load_areas, load_atlas, known_codes
    if args.command == "check-directory":
        # The same check as the Review page's import, so the two always agree.
        from coverage.directory import Problem
        from coverage.directory_import import check
        try:
            data = args.file.read_bytes()
        except OSError as exc:
            teams, problems = [], [Problem(args.file.name, None, None, f"cannot be read ({exc.strerror})")]
        else:
            teams, problems = check(args.file.name, data, known_codes(load_areas(paths.data_dir())))
        for p in problems:
            print(p)
        print(f"{args.file}: {len(teams)} valid team rows, {len(problems)} problem(s)",
              file=sys.stderr if problems else sys.stdout)
        return 1 if problems else 0

    from coverage.gaps import area_table, summary
    atlas = load_atlas(directory_path=args.directory)
    for p in atlas.problems:
        print(f"warning: {p} (row left out)", file=sys.stderr)
    assumptions = _assumptions(args)
    table = area_table(atlas, args.level, assumptions) if args.command == "areas" else summary(atlas, assumptions)
    _emit(table, args.format)
    print(f"# {assumptions.describe()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
