"""``areas`` and ``summary``: the area table at a level, and the UK and per-nation totals, on standard output.

The rows go to standard output as a table, CSV (formula-safe) or JSON; the assumptions behind
them, and what the figures leave out, go to standard error as ``#`` lines so a pipe gets only rows.
"""

from __future__ import annotations

import argparse
import sys

from coverage.cli import options
from coverage.model.levels import LEVEL_KEYS

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


def _figure_args(p: argparse.ArgumentParser) -> None:
    options.assumption_flags(p)
    p.add_argument("--format", choices=["csv", "json", "table"], default="table")
    options.directory_flag(p)


def register(sub) -> None:
    a = sub.add_parser("areas", help="per-area table at a level")
    a.add_argument("--level", choices=LEVEL_KEYS, default="utla")
    _figure_args(a)
    a.set_defaults(handler=run_areas)
    s = sub.add_parser("summary", help="UK and per-nation totals")
    _figure_args(s)
    s.set_defaults(handler=run_summary)


def _emit(frame, fmt: str) -> None:
    frame = frame[[c for c in OUTPUT_COLUMNS if c in frame.columns]]
    if fmt == "csv":
        from coverage.exports.safety import safe_csv

        sys.stdout.write(safe_csv(frame))
    elif fmt == "json":
        sys.stdout.write(frame.to_json(orient="records", indent=1) + "\n")
    else:
        sys.stdout.write(frame.round(3).to_string(index=False) + "\n")


def _footnotes(assumptions) -> None:
    print(f"# {assumptions.describe()}", file=sys.stderr)
    if assumptions.births_basis == "registered":
        print(
            "# births_fallback True: registered births are not in the atlas's sources for (part of) this row, "
            "so babies aged 0 stand in (Scotland and Northern Ireland)",
            file=sys.stderr,
        )


def run_areas(args: argparse.Namespace) -> int:
    from coverage.model.gaps import area_table

    atlas = options.load_atlas(args)
    if atlas is None:
        return 1
    assumptions = options.assumptions(args)
    _emit(area_table(atlas, args.level, assumptions), args.format)
    _footnotes(assumptions)
    return 0


def run_summary(args: argparse.Namespace) -> int:
    from coverage.model.benchmarks import completeness, completeness_sentence
    from coverage.model.gaps import summary

    atlas = options.load_atlas(args)
    if atlas is None:
        return 1
    assumptions = options.assumptions(args)
    _emit(summary(atlas, assumptions), args.format)
    _footnotes(assumptions)
    for _, row in completeness(atlas, assumptions).iterrows():
        print(f"# {completeness_sentence(row)}", file=sys.stderr)
    return 0
