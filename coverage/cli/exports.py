"""``export KIND ...``: the dashboard's downloads for batch use (tables, GIS files, maps, charts, briefings).

Each kind calls the same export function as the page's download button, so a file made here
matches the one a visitor downloads for the same settings. Images and briefings start Chromium
(through kaleido) on the first render, so bad input fails before it starts.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from coverage.cli import options
from coverage.model.levels import LEVEL_KEYS

logger = logging.getLogger(__name__)


def register(sub) -> None:
    """``export KIND ...``: the dashboard's downloads, for batch use."""
    from coverage.exports.images import SIZES
    from coverage.present.metrics import METRICS

    e = sub.add_parser("export", help="write tables, GIS files, maps, charts and area briefings")
    kinds = e.add_subparsers(dest="kind", required=True)
    e.set_defaults(handler=run)

    def common(p: argparse.ArgumentParser, out: bool = True) -> None:
        options.assumption_flags(p)
        options.directory_flag(p)
        p.add_argument("--date", type=options.date, help="date printed on the export (default today)")
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


def _table(args, atlas, assumptions) -> bytes:
    from coverage.exports import tables

    return tables.area_table_export(
        atlas, args.level, assumptions, args.format, today=args.date, preamble=not args.no_preamble
    )


def _teams(args, atlas, assumptions) -> bytes:
    from coverage.exports import tables

    return tables.team_table_export(atlas, assumptions, args.format, today=args.date, preamble=not args.no_preamble)


def _gis(args, atlas, assumptions) -> bytes:
    from coverage.exports import gis

    return gis.area_gis_export(atlas, args.level, assumptions, args.format, today=args.date)


def _rendered(args, atlas, assumptions) -> bytes:
    """A map, a chart or one briefing: each needs the browser that draws the figures."""
    from coverage.exports import briefing, images

    renderer = images.Renderer()  # starts Chromium on the first render, so bad input fails fast
    try:
        if args.kind == "map":
            return images.map_export(
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
        if args.kind == "chart":
            return images.chart_export(
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
        return briefing.briefing_export(
            atlas, args.level, args.code, assumptions, today=args.date, renderer=renderer, one_page=args.one_page
        )
    finally:
        renderer.stop()


def _briefings(args, atlas, assumptions) -> None:
    """One PDF per area into ``--out-dir``, with a progress bar on standard error."""
    from tqdm import tqdm

    from coverage.exports import briefing, images

    table_codes = sorted(atlas.level_areas(args.level).index)
    codes = [c.strip() for c in args.codes.split(",") if c.strip()] if args.codes else table_codes
    if args.limit is not None:
        if args.limit < 1:
            raise ValueError("--limit must be at least 1")
        codes = sorted(codes)[: args.limit]
    renderer = images.Renderer(tabs=2)  # two renders at once: the next area's images while this PDF is laid out
    try:
        with tqdm(total=len(codes), unit="briefing", file=sys.stderr, disable=args.quiet, dynamic_ncols=True) as bar:
            ctx = briefing.BriefingContext(
                atlas, assumptions, today=args.date, renderer=renderer, one_page=args.one_page
            )
            written = briefing.briefings(ctx, args.level, args.out_dir, codes=codes, progress=bar.update)
    finally:
        renderer.stop()
    print(f"wrote {len(written)} briefing(s) to {args.out_dir}", file=sys.stderr)


ONE_FILE = {"table": _table, "teams": _teams, "gis": _gis, "map": _rendered, "chart": _rendered, "briefing": _rendered}


def _export(args: argparse.Namespace, atlas, assumptions) -> int:
    if args.kind == "briefings":
        _briefings(args, atlas, assumptions)
        return 0
    _write(args.out, ONE_FILE[args.kind](args, atlas, assumptions))
    if args.out != "-":
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


def run(args: argparse.Namespace) -> int:
    if args.directory is not None and not args.directory.is_file():
        print(f"error: team directory not found: {args.directory}", file=sys.stderr)
        return 2
    atlas = options.load_atlas(args)
    if atlas is None:
        return 1
    assumptions = options.assumptions(args)
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
