"""Command line for analysts: build the data, print area tables and totals, check a directory.

python -m coverage build
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

from coverage import logs, paths
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
    "status",
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


def _assumption_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--prevalence", type=_share(ranges.PREVALENCE), help="share of births needing specialised help (default 0.15)"
    )
    p.add_argument("--families-per-team", type=_families, help="families a year for a team with no known figure")
    p.add_argument("--births", choices=sorted(BIRTHS_BASES), default="age0", help="births basis (default age0)")
    p.add_argument(
        "--target",
        type=_share(ranges.TARGET_REACH),
        default=1.0,
        help="target reach for teams needed (default 1 = all need)",
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
                    atlas, args.level, args.code, assumptions, today=args.date, renderer=renderer
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
                ctx = briefing.BriefingContext(atlas, assumptions, today=args.date, renderer=renderer)
                written = briefing.briefings(ctx, args.level, args.out_dir, codes=codes, progress=bar.update)
        finally:
            renderer.stop()
        print(f"wrote {len(written)} briefing(s) to {args.out_dir}", file=sys.stderr)
    if kind != "briefings" and args.out != "-":
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


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
        from coverage.exports.safety import safe_csv

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
    _export_args(sub)
    args = parser.parse_args(argv)
    logs.configure()

    if args.command == "hash-password":
        import getpass

        from coverage.listings.auth import hash_password

        password = getpass.getpass("Reviewer password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
        if len(password) < 12:
            print("error: use at least 12 characters", file=sys.stderr)
            return 2
        print('[review]\npassword_hash = "' + hash_password(password) + '"')
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

    from coverage.model.atlas import known_codes, load_areas, load_atlas

    if args.command == "check-directory":
        # The same check as the Review page's import, so the two always agree.
        from coverage.listings.directory_import import check
        from coverage.model.directory import Problem

        try:
            data = args.file.read_bytes()
        except OSError as exc:
            logger.debug("cannot read %s", args.file, exc_info=True)
            teams, problems = [], [Problem(args.file.name, None, None, f"cannot be read ({exc.strerror})")]
        else:
            teams, problems = check(args.file.name, data, known_codes(load_areas(paths.data_dir())))
        for p in problems:
            print(p)
        print(
            f"{args.file}: {len(teams)} valid team rows, {len(problems)} problem(s)",
            file=sys.stderr if problems else sys.stdout,
        )
        return 1 if problems else 0

    from coverage.model.gaps import area_table, summary

    if args.command == "export" and args.directory is not None and not args.directory.is_file():
        print(f"error: team directory not found: {args.directory}", file=sys.stderr)
        return 2
    atlas = load_atlas(directory_path=args.directory)
    for p in atlas.problems:
        print(f"warning: {p} (row left out)", file=sys.stderr)
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
