"""Orchestrates a refresh: fetch and validate every source, build into a temporary folder, report, swap.

Nothing in ``data/`` changes until all of it is ready: the sources are fetched and checked
first (raw answers going to the versioned cache as they arrive), then the ordinary build step
runs on the shared data with the refreshed files laid over it, into a temporary folder beside
``data/``; only then are the two folders exchanged in one atomic ``renameat2(RENAME_EXCHANGE)``
(two renames where the kernel lacks it, with recovery on the next run). A failure or an
interrupt at any earlier point leaves ``data/`` byte-identical.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import errno
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from shapely.errors import ShapelyError

from coverage.pipeline.refresh import births, boundaries, population
from coverage.pipeline.refresh.cache import Cache, replayer
from coverage.pipeline.refresh.config import Settings
from coverage.pipeline.refresh.errors import RefreshError
from coverage.pipeline.refresh.http import Client
from coverage.pipeline.refresh.report import change_report
from coverage.pipeline.refresh.source import Districts, SourceResult
from coverage.pipeline.run import build

logger = logging.getLogger(__name__)

FETCHERS: dict[str, Callable[[Client, Districts], SourceResult]] = {
    "population": population.fetch,
    "births": births.fetch,
    "boundaries": boundaries.fetch,
}
# Registered births against babies aged 0 in the same nation (about 0.94 in 2022-23).
BIRTHS_PER_AGE0 = (0.85, 1.15)
PREVIOUS = ".previous-"


@dataclass(frozen=True)
class Outcome:
    swapped: bool
    report: str
    cache_dir: Path

    @property
    def report_path(self) -> Path:
        return self.cache_dir / "report.md"


def _version() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")


def _overlay(shared: Path, folder: Path, files: dict[str, bytes]) -> None:
    """The shared data as links, with the refreshed files written in their place."""
    for src in shared.rglob("*"):
        rel = src.relative_to(shared)
        if src.is_dir() or rel.as_posix() in files:
            continue
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(src.resolve(), folder / rel)
    for rel, data in files.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(data)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two folders (Linux renameat2); False where the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL):
        return False
    raise OSError(err, os.strerror(err), str(a))


def recover(data_dir: Path) -> None:
    """Put back ``data/`` if a two-rename swap was interrupted between its two renames."""
    if data_dir.exists():
        return
    left = sorted(data_dir.parent.glob(f".{data_dir.name}{PREVIOUS}*"))
    if left:
        os.rename(left[-1], data_dir)
        logger.warning("restored %s from an interrupted refresh", data_dir)


def swap_in(new: Path, data_dir: Path) -> None:
    """Make ``new`` the contents of ``data_dir``; the old contents end up at ``new``."""
    if _exchange(new, data_dir):
        return
    parked = data_dir.with_name(f".{data_dir.name}{PREVIOUS}{_version()}")
    os.rename(data_dir, parked)
    os.rename(new, data_dir)
    os.rename(parked, new)


def _births_against_population(results: dict[str, SourceResult]) -> None:
    if "births" not in results or "population" not in results:
        return
    age0 = results["population"].facts["age0_by_nation"]
    for nation, n in results["births"].facts["births_by_nation"].items():
        ratio = n / age0[nation]
        if not BIRTHS_PER_AGE0[0] <= ratio <= BIRTHS_PER_AGE0[1]:
            raise RefreshError(
                "births",
                "",
                f"{nation}: {n:,} births against {age0[nation]:,} babies aged 0 (ratio {ratio:.2f}, "
                f"expected {BIRTHS_PER_AGE0[0]} to {BIRTHS_PER_AGE0[1]})",
            )


def _shipped_year(data_dir: Path) -> int | None:
    try:
        doc = json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    ids = [s.get("id", "") for s in doc.get("sources", [])]
    years = [int(i[3:]) for i in ids if i.startswith("mye") and i[3:].isdigit()]
    return years[0] if years else None


def refresh(
    sources: list[str],
    data_dir: Path,
    shared: Path,
    settings: Settings,
    dry_run: bool = False,
    from_cache: Path | None = None,
) -> Outcome:
    """Fetch, validate, rebuild and (unless ``dry_run``) swap in; raises RefreshError on any failure."""
    unknown = sorted(set(sources) - set(FETCHERS))
    if unknown:
        raise RefreshError("refresh", "", f"unknown source(s) {unknown}; choose from {sorted(FETCHERS)}")
    recover(data_dir)
    if not (data_dir / "manifest.json").is_file():
        raise RefreshError("refresh", "", f"{data_dir} holds no built atlas (no manifest.json); run build first")
    cache = Cache(settings.cache_root, _version())
    replay = replayer(from_cache) if from_cache else None
    client = Client(settings, recorder=None if replay else cache.record, replay=replay)
    cache.note("replayed_from", str(from_cache) if from_cache else "")
    cache.note("outcome", "started")
    try:
        districts = Districts.from_shared(shared)
        results = {name: FETCHERS[name](client, districts) for name in sources}
        cache.note("sources", {name: r.entry for name, r in results.items()})
        _births_against_population(results)
        year = results["population"].facts["year"] if "population" in results else 2022
        shipped = _shipped_year(data_dir)
        if shipped is not None and "population" in results and year < shipped:
            raise RefreshError(
                "population", "", f"the newest estimate is mid-{year}, older than the atlas's mid-{shipped}"
            )
        report = _rebuild(results, data_dir, shared, year, dry_run)
    except RefreshError as exc:
        cache.note("outcome", f"failed: {exc}")
        raise
    except KeyboardInterrupt:
        cache.note("outcome", "interrupted")
        raise
    (cache.dir / "report.md").write_text(report, encoding="utf-8")
    cache.note("outcome", "dry run: data/ not changed" if dry_run else "data/ replaced")
    return Outcome(swapped=not dry_run, report=report, cache_dir=cache.dir)


def _rebuild(results: dict[str, SourceResult], data_dir: Path, shared: Path, year: int, dry_run: bool) -> str:
    files = {rel: data for r in results.values() for rel, data in r.files.items()}
    work = Path(tempfile.mkdtemp(prefix=".refresh-", dir=data_dir.parent))
    try:
        _overlay(shared, work / "inputs", files)
        new = work / "data"
        try:
            build(
                work / "inputs",
                new,
                population_year=year,
                replaced_sources={r.replaces: r.entry for r in results.values()},
            )
        except (ValueError, KeyError, OSError, ShapelyError) as exc:
            raise RefreshError("build", "", f"the build step rejected the refreshed inputs: {exc}") from None
        report = change_report(data_dir, new)
        if not dry_run:
            swap_in(new, data_dir)
        return report
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(work)
