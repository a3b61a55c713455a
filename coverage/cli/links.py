"""``check-links``: check every team's website and source link in the live directory; results go to state/.

The directory checked is the one visitors see (the corrections store's newest version, else the
shipped file, and the output says which); the results keep the run before, so the command
prints what changed since then. The crawler is the pipeline's (``coverage.pipeline.links``);
the results file is read back by the pages through ``coverage.listings.health``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coverage import paths


def register(sub) -> None:
    lk = sub.add_parser("check-links", help="check every team's website and source link; results go to state/")
    lk.add_argument(
        "--directory", type=Path, help="team directory CSV (default: the reviewed directory, else data/teams.csv)"
    )
    lk.add_argument("--out", type=Path, help="where to write the results (default state/link-check.json)")
    lk.set_defaults(handler=run)


def _teams(args: argparse.Namespace):
    """(teams, which directory they are) to check, or an exit code after saying why nothing can be checked."""
    from coverage.listings.store import UNAVAILABLE, StoreError
    from coverage.model.atlas import known_codes, load_areas
    from coverage.model.directory import load_directory
    from coverage.pipeline.links.live import reviewed_directory

    codes = known_codes(load_areas(paths.data_dir()))
    if args.directory:
        if not args.directory.is_file():
            print(f"error: team directory not found: {args.directory}", file=sys.stderr)
            return 2
        teams, _ = load_directory(args.directory, codes)
        return teams, f"the file {args.directory.name}"
    try:
        return reviewed_directory(codes, paths.data_dir() / "teams.csv")
    except StoreError as exc:
        print(f"error: {exc}; nothing was checked", file=sys.stderr)
        return 1
    except UNAVAILABLE as exc:
        print(
            f"error: the corrections store cannot be read ({type(exc).__name__}); nothing was checked",
            file=sys.stderr,
        )
        return 1


def run(args: argparse.Namespace) -> int:
    from coverage.listings.health import link_history
    from coverage.listings.health.link_results import default_results_path, load_results, save_results
    from coverage.pipeline.links.crawler import check_directory_links

    found = _teams(args)
    if isinstance(found, int):
        return found
    teams, source = found
    print(f"checking {source}: {len(teams)} team(s)")
    out = args.out or default_results_path()
    results = link_history.carry_history(check_directory_links(teams, directory=source), load_results(out))
    save_results(results, out)
    bad = [r for r in results["links"] if r["state"] != "ok"]
    for r in bad:
        print(f"{r['team_id']} {r['field']}: {r['state']} ({r['detail']}) {r['url']}")
    print(
        f"checked {len(results['links'])} link(s) on {results['checked_on']}: {len(bad)} dead, moved or refused; wrote {out}"
    )
    if results["previous"]:
        changed = link_history.changes(results)
        print(f"since the check on {results['previous']['checked_on']}: {len(changed)} change(s)")
        for row in changed.itertuples():
            print(f"  {row.team_id} {row.link}: {row.change}")
    return 0
