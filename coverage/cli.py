"""Command line for analysts: build the data, print area tables and totals, check a directory.

python -m coverage build
python -m coverage refresh --dry-run
python -m coverage check-links
python -m coverage areas --level utla --format csv --prevalence 0.1
python -m coverage summary
python -m coverage check-directory data/teams.csv
python -m coverage export briefings --level utla --out-dir briefings/
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from coverage import cli_health, logs, paths
from coverage.listings.corrections import CONTACT_RETENTION_DAYS
from coverage.model import ranges
from coverage.model.assumptions import BIRTHS_BASES, Assumptions
from coverage.model.levels import LEVEL_KEYS

logger = logging.getLogger(__name__)

OUTPUT_COLUMNS = [
    "area_code",
    "area_name",
    "nation",
    "population_1001",
    "annual_births",
    "need_per_year",
    "need_low",
    "need_high",
    "teams",
    "capacity_per_year",
    "reach",
    "reach_low",
    "reach_high",
    "unmet_need_per_year",
    "teams_needed",
    "evidence",
    "status",
    "listed_not_counted",
    "reach_lower_bound",
    "births_fallback",
]


def _share(allowed: ranges.Range):
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


def _families(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if value not in ranges.FAMILIES_PER_YEAR:
        raise argparse.ArgumentTypeError(f"'{text}' must be {ranges.FAMILIES_PER_YEAR.describe()}")
    return value


def _pounds(text: str) -> float:
    try:
        value = float(text.replace(",", "").lstrip("£"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if value not in ranges.COST_PER_TEAM_YEAR:
        raise argparse.ArgumentTypeError(f"'{text}' must be {ranges.COST_PER_TEAM_YEAR.describe()}")
    return value


def _year(text: str) -> int:
    import datetime as dt

    from coverage.model.assumptions import EARLIEST_EVIDENCE_YEAR

    this_year = dt.date.today().year
    if not (text.isascii() and text.isdigit() and EARLIEST_EVIDENCE_YEAR <= int(text) <= this_year):
        raise argparse.ArgumentTypeError(f"'{text}' must be a year from {EARLIEST_EVIDENCE_YEAR} to {this_year}")
    return int(text)


def _assumption_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--prevalence", type=_share(ranges.PREVALENCE), help="share of births needing specialised help (default 0.15)"
    )
    p.add_argument("--families-per-team", type=_families, help="families a year for a team with no known figure")
    p.add_argument(
        "--cost-per-team",
        type=_pounds,
        help="pounds a year one team costs (default: the sourced central figure, see Methods)",
    )
    p.add_argument("--births", choices=sorted(BIRTHS_BASES), default="age0", help="births basis (default age0)")
    p.add_argument(
        "--target",
        type=_share(ranges.TARGET_REACH),
        default=1.0,
        help="target reach for teams needed (default 1 = all need)",
    )
    p.add_argument(
        "--evidence-since",
        type=_year,
        default=None,
        help="count only teams with dated evidence from this year on (default: off)",
    )


def _assumption_args(p: argparse.ArgumentParser) -> None:
    _assumption_flags(p)
    p.add_argument("--format", choices=["csv", "json", "table"], default="table")
    p.add_argument("--directory", type=Path, help="team directory CSV (default data/teams.csv)")


def _date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def _export_args(sub) -> None:
    """``export KIND ...``: the dashboard's downloads, for batch use."""
    from coverage.exports.images import SIZES
    from coverage.present.metrics import METRICS

    e = sub.add_parser("export", help="write tables, GIS files, maps, charts and area briefings")
    kinds = e.add_subparsers(dest="kind", required=True)

    def common(p: argparse.ArgumentParser, out: bool = True) -> None:
        _assumption_flags(p)
        p.add_argument("--directory", type=Path, help="team directory CSV (default data/teams.csv)")
        p.add_argument("--date", type=_date, help="date printed on the export (default today)")
        if out:
            p.add_argument("--out", required=True, help="file to write ('-' for standard output)")

    t = kinds.add_parser("table", help="the area table as CSV or Excel")
    t.add_argument("--level", choices=LEVEL_KEYS, default="utla")
    t.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    t.add_argument("--no-preamble", action="store_true", help="CSV without the provenance lines at the top")
    common(t)
    tm = kinds.add_parser("teams", help="the team directory as CSV or Excel")
    tm.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    tm.add_argument("--no-preamble", action="store_true", help="CSV without the provenance lines at the top")
    common(tm)
    g = kinds.add_parser("gis", help="the areas with their figures as GeoJSON or GeoPackage")
    g.add_argument("--level", choices=LEVEL_KEYS, default="utla")
    g.add_argument("--format", choices=["geojson", "gpkg"], default="gpkg")
    common(g)
    m = kinds.add_parser("map", help="a map of one metric as PNG or SVG")
    m.add_argument("--level", choices=LEVEL_KEYS, default="utla")
    m.add_argument("--metric", choices=list(METRICS), default="reach")
    m.add_argument("--highlight", default="", help="area code to outline")
    c = kinds.add_parser("chart", help="a bar chart of one metric for the largest areas, as PNG or SVG")
    c.add_argument("--level", choices=LEVEL_KEYS, default="utla")
    c.add_argument("--metric", choices=list(METRICS), default="unmet")
    c.add_argument("--top", type=int, default=15, help="how many areas, largest first (default 15)")
    for p in (m, c):
        p.add_argument("--format", choices=["png", "svg"], default="png")
        p.add_argument(
            "--size", choices=list(SIZES), default="social", help="; ".join(f"{k}: {v.label}" for k, v in SIZES.items())
        )
        common(p)
    b = kinds.add_parser("briefing", help="a PDF briefing on one area")
    b.add_argument("--level", choices=LEVEL_KEYS, default="utla")
    b.add_argument("--code", required=True, help="area code, e.g. E06000001")
    common(b)
    bs = kinds.add_parser("briefings", help="one PDF briefing per area into a folder, with a progress bar")
    bs.add_argument("--level", choices=LEVEL_KEYS, default="utla")
    bs.add_argument("--out-dir", type=Path, required=True)
    bs.add_argument("--limit", type=int, help="only the first N areas by code")
    for p in (b, bs):
        p.add_argument(
            "--one-page",
            action="store_true",
            help="page one only: key figures, what it would take, map and comparison (no appendix)",
        )
    bs.add_argument("--codes", help="only these area codes, comma-separated")
    bs.add_argument("--quiet", action="store_true", help="no progress bar")
    common(bs, out=False)


def _write(out: str, data: bytes) -> None:
    if out == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    path = Path(out)
    if path.parent and not path.parent.is_dir():
        raise OSError(f"folder {path.parent} does not exist")
    path.write_bytes(data)


def _export(args: argparse.Namespace, atlas, assumptions: Assumptions) -> int:
    from coverage.exports import briefing, gis, images, tables

    kind = args.kind
    if kind == "table":
        _write(
            args.out,
            tables.area_table_export(
                atlas, args.level, assumptions, args.format, today=args.date, preamble=not args.no_preamble
            ),
        )
    elif kind == "teams":
        _write(
            args.out,
            tables.team_table_export(atlas, assumptions, args.format, today=args.date, preamble=not args.no_preamble),
        )
    elif kind == "gis":
        _write(args.out, gis.area_gis_export(atlas, args.level, assumptions, args.format, today=args.date))
    elif kind in ("map", "chart", "briefing"):
        renderer = images.Renderer()  # starts Chromium on the first render, so bad input fails fast
        try:
            if kind == "map":
                data = images.map_export(
                    atlas,
                    args.level,
                    args.metric,
                    assumptions,
                    fmt=args.format,
                    size=args.size,
                    highlight=args.highlight,
                    today=args.date,
                    renderer=renderer,
                )
            elif kind == "chart":
                data = images.chart_export(
                    atlas,
                    args.level,
                    args.metric,
                    assumptions,
                    fmt=args.format,
                    size=args.size,
                    top=args.top,
                    today=args.date,
                    renderer=renderer,
                )
            else:
                data = briefing.briefing_export(
                    atlas,
                    args.level,
                    args.code,
                    assumptions,
                    today=args.date,
                    renderer=renderer,
                    one_page=args.one_page,
                )
        finally:
            renderer.stop()
        _write(args.out, data)
    elif kind == "briefings":
        from tqdm import tqdm

        table_codes = sorted(atlas.level_areas(args.level).index)
        codes = [c.strip() for c in args.codes.split(",") if c.strip()] if args.codes else table_codes
        if args.limit is not None:
            if args.limit < 1:
                raise ValueError("--limit must be at least 1")
            codes = sorted(codes)[: args.limit]
        renderer = images.Renderer(tabs=2)  # two renders at once: the next area's images while this PDF is laid out
        try:
            with tqdm(
                total=len(codes), unit="briefing", file=sys.stderr, disable=args.quiet, dynamic_ncols=True
            ) as bar:
                ctx = briefing.BriefingContext(
                    atlas, assumptions, today=args.date, renderer=renderer, one_page=args.one_page
                )
                written = briefing.briefings(ctx, args.level, args.out_dir, codes=codes, progress=bar.update)
        finally:
            renderer.stop()
        print(f"wrote {len(written)} briefing(s) to {args.out_dir}", file=sys.stderr)
    if kind != "briefings" and args.out != "-":
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


def _assumptions(args: argparse.Namespace) -> Assumptions:
    a = Assumptions(births_basis=args.births, target_reach=args.target, evidence_since=args.evidence_since)
    if args.prevalence is not None:
        a = a.with_prevalence(args.prevalence)
    if args.families_per_team is not None:
        a = a.with_families_per_team(args.families_per_team)
    if args.cost_per_team is not None:
        a = a.with_cost_per_team(args.cost_per_team)
    return a


def _emit(frame, fmt: str) -> None:
    frame = frame[[c for c in OUTPUT_COLUMNS if c in frame.columns]]
    if fmt == "csv":
        from coverage.exports.safety import safe_csv

        sys.stdout.write(safe_csv(frame))
    elif fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", indent=1) + "\n")
    else:
        sys.stdout.write(frame.round(3).to_string(index=False) + "\n")


def _refresh(args: argparse.Namespace) -> int:
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


def _check_links(args: argparse.Namespace) -> int:
    from coverage.listings import link_history
    from coverage.listings.links import (
        check_directory_links,
        default_results_path,
        load_results,
        reviewed_directory,
        save_results,
    )
    from coverage.listings.store import UNAVAILABLE, StoreError
    from coverage.model.atlas import known_codes, load_areas
    from coverage.model.directory import load_directory

    codes = known_codes(load_areas(paths.data_dir()))
    if args.directory:
        if not args.directory.is_file():
            print(f"error: team directory not found: {args.directory}", file=sys.stderr)
            return 2
        teams, _ = load_directory(args.directory, codes)
        source = f"the file {args.directory.name}"
    else:
        try:
            teams, source = reviewed_directory(codes, paths.data_dir() / "teams.csv")
        except StoreError as exc:
            print(f"error: {exc}; nothing was checked", file=sys.stderr)
            return 1
        except UNAVAILABLE as exc:
            print(
                f"error: the corrections store cannot be read ({type(exc).__name__}); nothing was checked",
                file=sys.stderr,
            )
            return 1
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m coverage", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build data/ from ../shared/data")
    b.add_argument("--shared", type=Path, default=None)
    b.add_argument("--out", type=Path, default=None)
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
    lk = sub.add_parser("check-links", help="check every team's website and source link; results go to state/")
    lk.add_argument(
        "--directory", type=Path, help="team directory CSV (default: the reviewed directory, else data/teams.csv)"
    )
    lk.add_argument("--out", type=Path, help="where to write the results (default state/link-check.json)")
    a = sub.add_parser("areas", help="per-area table at a level")
    a.add_argument("--level", choices=LEVEL_KEYS, default="utla")
    _assumption_args(a)
    s = sub.add_parser("summary", help="UK and per-nation totals")
    _assumption_args(s)
    c = sub.add_parser("check-directory", help="validate a team directory (CSV or XLSX)")
    c.add_argument("file", type=Path)
    h = sub.add_parser(
        "hash-password", help="print a reviewer account line (name and salted hash) for the app's secrets"
    )
    h.add_argument("--name", required=True, help="the reviewer's name, as the audit trail will record it")
    r = sub.add_parser(
        "erase-contacts",
        help="apply the retention rule: erase contact emails (and confirmers' names and roles) of decided suggestions",
    )
    r.add_argument(
        "--days",
        type=int,
        default=CONTACT_RETENTION_DAYS,
        help=f"keep an email this many days after its suggestion is decided (default {CONTACT_RETENTION_DAYS})",
    )
    sm = sub.add_parser("store", help="the corrections store's schema: where it stands, or migrate it to this version")
    sm.add_argument(
        "action", choices=["status", "upgrade"], help="status: report (exit 1 unless current); upgrade: migrate"
    )
    _export_args(sub)
    cli_health.add_parser(sub)
    args = parser.parse_args(argv)
    logs.configure()

    if args.command == "hash-password":
        import getpass

        from coverage.listings.auth import hash_password

        name = args.name.strip()
        if not name or len(name) > 120 or any(c in name for c in '"\\\n\r'):
            print("error: give a name of 1 to 120 characters without quotes or backslashes", file=sys.stderr)
            return 2
        password = getpass.getpass("Reviewer password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
        if len(password) < 12:
            print("error: use at least 12 characters", file=sys.stderr)
            return 2
        print(f'[review.accounts]\n"{name}" = "{hash_password(password)}"')
        return 0

    if args.command == "store":
        from coverage.listings.schema import run_command

        return run_command(args.action)

    if args.command == "erase-contacts":
        import datetime as dt

        from coverage.listings.store import UNAVAILABLE, Store, StoreError

        if not 0 <= args.days <= 3650:
            print("error: --days must be from 0 to 3650", file=sys.stderr)
            return 2
        cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(days=args.days)
        try:
            erased = Store().erase_contacts(cutoff)
        except StoreError as exc:  # e.g. a schema behind this version: the message names the command to run
            print(f"error: {exc}", file=sys.stderr)
            return 2
        except UNAVAILABLE as exc:
            print(f"error: the corrections store cannot be used ({type(exc).__name__})", file=sys.stderr)
            return 2
        print(f"erased {erased} contact email(s) of suggestions decided before {cutoff:%Y-%m-%d %H:%M} UTC")
        return 0

    if args.command == "build":
        from coverage.pipeline.run import build

        shared = args.shared or paths.shared_dir()
        if not shared.is_dir():
            print(f"error: source data folder not found: {shared}", file=sys.stderr)
            return 2
        counts = build(shared, args.out or paths.data_dir())
        print("built " + ", ".join(f"{lvl}: {n}" for lvl, n in counts.items()))
        return 0

    if args.command == "refresh":
        return _refresh(args)
    if args.command == "check-links":
        return _check_links(args)
    if args.command == "directory-health":
        return cli_health.run(args)

    from coverage.model.atlas import known_codes, load_areas, load_atlas

    if args.command == "check-directory":
        # The same check as the Review page's import, so the two always agree.
        from coverage.listings.directory_import import check
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

    from coverage.model.gaps import area_table, summary

    if args.command == "export" and args.directory is not None and not args.directory.is_file():
        print(f"error: team directory not found: {args.directory}", file=sys.stderr)
        return 2
    atlas = load_atlas(directory_path=args.directory)
    for p in atlas.problems:
        print(f"warning: {p} (row left out)", file=sys.stderr)
    if args.directory is not None and atlas.teams.empty:
        print(f"error: {args.directory} holds no valid team row, so nothing was computed", file=sys.stderr)
        return 1
    assumptions = _assumptions(args)
    if args.command == "export":
        from coverage.exports.images import RendererError

        try:
            return _export(args, atlas, assumptions)
        except (ValueError, OSError, RendererError) as exc:
            logger.debug("export failed", exc_info=True)  # ATLAS_LOG_LEVEL=DEBUG shows the traceback
            print(f"error: {exc}", file=sys.stderr)
            return 2
        except KeyboardInterrupt:
            print("interrupted", file=sys.stderr)
            return 130
    table = area_table(atlas, args.level, assumptions) if args.command == "areas" else summary(atlas, assumptions)
    _emit(table, args.format)
    print(f"# {assumptions.describe()}", file=sys.stderr)
    if assumptions.births_basis == "registered":
        print(
            "# births_fallback True: registered births are not in the atlas's sources for (part of) this row, "
            "so babies aged 0 stand in (Scotland and Northern Ireland)",
            file=sys.stderr,
        )
    if args.command == "summary":
        from coverage.model.benchmarks import completeness, completeness_sentence

        for _, row in completeness(atlas, assumptions).iterrows():
            print(f"# {completeness_sentence(row)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
