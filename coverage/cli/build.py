"""``build`` and ``refresh``: make ``data/`` from the published sources, or from the newest official figures.

``build`` runs the deterministic pipeline on ``../shared/data``; ``refresh`` fetches the newest
population, births and boundaries, validates them, and rebuilds ``data/`` atomically (a failed
or interrupted refresh leaves it as it was, and says so).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coverage import paths


def register(sub) -> None:
    b = sub.add_parser("build", help="build data/ from ../shared/data")
    b.add_argument("--shared", type=Path, default=None)
    b.add_argument("--out", type=Path, default=None)
    b.set_defaults(handler=run_build)
    r = sub.add_parser("refresh", help="fetch the newest official figures, validate, and rebuild data/ atomically")
    r.add_argument(
        "--source",
        action="append",
        choices=["population", "births", "boundaries"],
        help="refresh only this source (repeatable; default all three)",
    )
    r.add_argument("--dry-run", action="store_true", help="fetch, check, build and report, but leave data/ as it is")
    r.add_argument(
        "--from-cache", type=Path, metavar="DIR", help="replay an earlier refresh's cache folder (no network)"
    )
    r.add_argument("--shared", type=Path, default=None)
    r.add_argument("--out", type=Path, default=None, help="the data folder to refresh (default data/)")
    r.set_defaults(handler=run_refresh)


def run_build(args: argparse.Namespace) -> int:
    from coverage.pipeline.run import build

    shared = args.shared or paths.shared_dir()
    if not shared.is_dir():
        print(f"error: source data folder not found: {shared}", file=sys.stderr)
        return 2
    counts = build(shared, args.out or paths.data_dir())
    print("built " + ", ".join(f"{lvl}: {n}" for lvl, n in counts.items()))
    return 0


def run_refresh(args: argparse.Namespace) -> int:
    from coverage.pipeline.refresh.config import Settings
    from coverage.pipeline.refresh.errors import RefreshError
    from coverage.pipeline.refresh.run import FETCHERS, refresh

    shared = args.shared or paths.shared_dir()
    data_dir = args.out or paths.data_dir()
    if args.from_cache is not None and not args.from_cache.is_dir():
        print(f"error: cache folder not found: {args.from_cache}", file=sys.stderr)
        return 2
    try:
        settings = Settings.from_env()
        outcome = refresh(
            list(dict.fromkeys(args.source or FETCHERS)), data_dir, shared, settings, args.dry_run, args.from_cache
        )
    except (RefreshError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        print(f"{data_dir} was not changed.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"interrupted; {data_dir} was not changed.", file=sys.stderr)
        return 130
    sys.stdout.write(outcome.report)
    done = f"dry run: {data_dir} not changed" if args.dry_run else f"{data_dir} rebuilt from the refreshed sources"
    print(f"{done}. Raw responses, manifest and this report: {outcome.cache_dir}", file=sys.stderr)
    return 0
