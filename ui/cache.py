"""The cache edge: every table and figure a page draws, computed once per directory version and view.

Caching lives here, on the Streamlit side, so ``coverage/`` stays free of Streamlit. Every cached
table is keyed by the live directory version, read once at the start of each run (``begin_run``),
so a reviewer's approval shows on the next click and one run never mixes two versions.
"""

from __future__ import annotations

import datetime as dt
import gc
import hashlib
import logging

import pandas as pd
import streamlit as st

from coverage import paths
from coverage.model import benchmarks, counting, evidence_age, gaps, profile
from coverage.model.assumptions import Assumptions
from coverage.model.atlas import Atlas, load_atlas, load_boundaries
from coverage.paths import PROJECT_ROOT
from coverage.present import area_bars, figures, query, team_map
from ui.store_edge import UNAVAILABLE, store

logger = logging.getLogger(__name__)


def _read_directory_version() -> int:
    """The live directory version (0 = the shipped file), from the store. A store outage falls back to it."""
    try:
        return store().head_version()
    except UNAVAILABLE:
        logger.exception("corrections store unreachable; showing the shipped directory")
        st.warning("The corrections database cannot be reached, so the shipped directory is shown.", icon="⚠️")
        return 0


def begin_run() -> None:
    """Read the directory version once for this run of the page script.

    Every cached table is keyed by the version; reading it from the store for each one cost four
    database queries per map rerun. ``sidebar()`` calls this first on every page, so one run sees
    one version throughout, and the next run (after a click, or a reviewer's approval) reads afresh.
    """
    st.session_state["_directory_version"] = _read_directory_version()


def directory_version() -> int:
    """The version read at the start of this run (read now if the page has not begun a run)."""
    version = st.session_state.get("_directory_version")
    return _read_directory_version() if version is None else version


_heap_frozen = False


def _freeze_startup_heap() -> None:
    """Once per process, after the first atlas is loaded: move every object alive then out of the collector's sight.

    The libraries and the atlas's tables are about 200,000 objects that live as long as the process; each
    full collection walked all of them (~90 ms, more than a home-page run; .streamlit/config.toml turns off
    the collection Streamlit ran after every run, and this keeps Python's own occasional ones cheap). Garbage
    is collected first, so nothing dead is kept; objects made later are collected as usual.
    """
    global _heap_frozen
    if not _heap_frozen:
        _heap_frozen = True
        gc.collect()
        gc.freeze()
        logger.info("%d objects loaded at start-up left out of garbage collection", gc.get_freeze_count())


@st.cache_resource(show_spinner=False, max_entries=4)
def _atlas(version: int) -> Atlas:
    loaded = load_atlas(directory_csv=store().directory_csv(version) if version else None)
    _freeze_startup_heap()
    return loaded


def atlas() -> Atlas:
    return _atlas(directory_version())


def shipped_directory():
    """The directory as shipped in data/teams.csv: the base every reviewed version starts from."""
    return _atlas(0).teams


@st.cache_resource(show_spinner=False, max_entries=16)
def _counting(version: int, choices: Assumptions) -> counting.Counting:
    """Which services count and where, kept per counting choices: a new prevalence, team size, cost or
    target only scales and sums (a cold change of prevalence made it afresh for every table). Read only."""
    return counting.counting(_atlas(version), choices)


def _shared(version: int, assumptions: Assumptions) -> counting.Counting:
    return _counting(version, assumptions.counting_choices())


@st.cache_data(show_spinner=False, max_entries=64)
def _area_table(version: int, level: str, assumptions: Assumptions) -> pd.DataFrame:
    return gaps.area_table(_atlas(version), level, assumptions, shared=_shared(version, assumptions))


def area_table(level: str, assumptions: Assumptions) -> pd.DataFrame:
    return _area_table(directory_version(), level, assumptions)


@st.cache_resource(show_spinner=False)
def boundaries(level: str) -> dict:
    """Area outlines: they come from data/ alone, so no directory version (and no store query) is needed."""
    return load_boundaries(paths.data_dir(), level)


STATIC_BOUNDARIES = PROJECT_ROOT / "static"  # a link to data/boundaries, served at /app/static/


@st.cache_resource(show_spinner=False)
def _boundaries_url(level: str, base_path: str) -> str | None:
    path = paths.data_dir() / "boundaries" / f"{level}.geojson"
    served = STATIC_BOUNDARIES / f"{level}.geojson"
    if not served.is_file() or served.resolve() != path.resolve():
        return None  # another data folder (ATLAS_DATA_DIR): its files are not the served ones
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]  # a rebuilt file gets a new URL
    return f"{base_path}/app/static/{level}.geojson?v={digest}"


def map_geometry(level: str) -> str | dict:
    """What a page's map draws areas from: the served boundary file's URL, else the GeoJSON itself.

    With the URL the browser fetches the file once and caches it, and each script run sends
    only codes and values (a run used to copy and send ~450 KB of boundaries per map).
    """
    if st.get_option("server.enableStaticServing"):
        base = st.get_option("server.baseUrlPath").strip("/")
        url = _boundaries_url(level, f"/{base}" if base else "")
        if url:
            return url
    return boundaries(level)


@st.cache_resource(show_spinner=False, max_entries=64)
def _area_map(
    version: int, view: query.View, geometry: str | None, tiles: bool, height: int, legend_below: int, legend: bool
):
    table = _area_table(version, view.level, view.assumptions)
    if view.nation != "UK":
        table = table[table["nation"] == view.nation]
    return figures.choropleth(
        geometry or boundaries(view.level),
        table,
        view.metric,
        highlight=view.area,
        tiles=tiles,
        height=height,
        legend_below=legend_below,
        legend=legend,
    )


def area_map(view: query.View, *, tiles: bool = False, height: int = 620, legend_below: int = 0, legend: bool = True):
    """The coverage map for a view, built once per process and view, not on every run.

    Building the figure (classes, hover text, plotly's validation) was the largest part of a home-page
    run (about 55 of 125 ms, measured by profiling fresh sessions). The figure is shared between
    sessions: ``st.plotly_chart`` only reads it (it serialises a copy), and no page changes it.
    """
    url = map_geometry(view.level)
    geometry = url if isinstance(url, str) else None
    return _area_map(directory_version(), view, geometry, tiles, height, legend_below, legend)


@st.cache_data(show_spinner=False, max_entries=64)
def _teams_serving(version: int, level: str, code: str, assumptions: Assumptions) -> pd.DataFrame:
    return profile.teams_serving(_atlas(version), level, code, assumptions)


def teams_serving(level: str, code: str, assumptions: Assumptions) -> pd.DataFrame:
    """Every listed team with a part in the area (the profile's longest step per run, so once per view)."""
    return _teams_serving(directory_version(), level, code, assumptions)


@st.cache_resource(show_spinner=False, max_entries=64)
def _comparison_chart(version: int, level: str, code: str, assumptions: Assumptions):
    comp = profile.comparison(
        _atlas(version),
        level,
        code,
        assumptions,
        tables=_all_levels(version, assumptions),
        uk=_summary(version, assumptions),
    )
    comp["area_name"] = comp["scope"] + ": " + comp["area_name"]
    return area_bars.bar_chart(comp, "reach", highlight=code)


def comparison_chart(level: str, code: str, assumptions: Assumptions):
    """The profile's bars of the area against its region, nation and the UK: built once per view, shared (read only)."""
    return _comparison_chart(directory_version(), level, code, assumptions)


@st.cache_data(show_spinner=False, max_entries=16)
def _all_levels(version: int, assumptions: Assumptions) -> dict[str, pd.DataFrame]:
    return gaps.all_levels(_atlas(version), assumptions, shared=_shared(version, assumptions))


def all_levels(assumptions: Assumptions) -> dict[str, pd.DataFrame]:
    return _all_levels(directory_version(), assumptions)


@st.cache_data(show_spinner=False, max_entries=64)
def _summary(version: int, assumptions: Assumptions) -> pd.DataFrame:
    return gaps.summary(_atlas(version), assumptions, shared=_shared(version, assumptions))


def summary(assumptions: Assumptions) -> pd.DataFrame:
    return _summary(directory_version(), assumptions)


@st.cache_data(show_spinner=False, max_entries=64)
def _completeness(version: int, assumptions: Assumptions) -> pd.DataFrame:
    return benchmarks.completeness(_atlas(version), assumptions)


def completeness(assumptions: Assumptions) -> pd.DataFrame:
    """Teams listed and counted against the latest published count, UK then each nation.

    Keyed by the counting choices alone (nothing else changes it), so a new prevalence reuses it."""
    return _completeness(directory_version(), assumptions.counting_choices())


@st.cache_data(show_spinner=False, max_entries=64)
def _stale_line(version: int, assumptions: Assumptions, today: dt.date) -> str:
    return evidence_age.counted_stale_sentence(_atlas(version), assumptions, today)


def stale_line(assumptions: Assumptions) -> str:
    """How many counted teams have no dated evidence in the evidence window (as of today); keyed by the
    counting choices alone, as only they change it."""
    return _stale_line(directory_version(), assumptions.counting_choices(), dt.date.today())


def evidence_start() -> int:
    """The first evidence year inside the window as of today (``evidence_age.window_start``)."""
    return evidence_age.window_start(dt.date.today())


@st.cache_data(show_spinner=False, max_entries=32)
def _directory_health(version: int, checked: float, assumptions: Assumptions, scope, window: int, label: str, day):
    from coverage.listings.health.report import directory_health

    a = _atlas(version)
    return directory_health(a, assumptions, scope, window, day, _all_levels(version, assumptions), label=label)


def directory_health(assumptions: Assumptions, scope, window: int, label: str = ""):
    """The /health report, cached per directory version, link-check file and day (the window moves with the date)."""
    import datetime as dt

    from coverage.listings.health.link_results import default_results_path

    try:
        checked = default_results_path().stat().st_mtime
    except OSError:
        checked = 0.0
    return _directory_health(directory_version(), checked, assumptions, scope, window, label, dt.date.today())


@st.cache_data(show_spinner=False, max_entries=16)
def _team_layers(version: int, families_per_team: float, recent_from: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    a = _atlas(version)
    markers = team_map.team_markers(a, a.teams, families_per_team, recent_from)
    return markers, team_map.reach_lines(a, a.teams, markers)


def team_layers(families_per_team: float) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every listing's marker and reach lines (pages filter them by team_id); older evidence drawn faded."""
    return _team_layers(directory_version(), families_per_team, evidence_start())


@st.cache_data(show_spinner=False, max_entries=16)
def _status_underlay(version: int, assumptions: Assumptions, nations: tuple[str, ...]) -> dict:
    table = _area_table(version, team_map.UNDERLAY_LEVEL, assumptions)
    if nations:
        table = table[table["nation"].isin(nations)]
    return team_map.status_underlay(load_boundaries(_atlas(version).data_dir, team_map.UNDERLAY_LEVEL), table)


def status_underlay(assumptions: Assumptions, nations: tuple[str, ...] = ()) -> dict:
    """Council outlines in their coverage status (compact GeoJSON), for the nations given or all."""
    return _status_underlay(directory_version(), assumptions, tuple(sorted(nations)))


@st.cache_resource(show_spinner=False, max_entries=32)
def _team_deck(
    version: int, assumptions: Assumptions, ids: frozenset, nations: tuple[str, ...], height: int, recent_from: int
):
    all_markers, all_lines = _team_layers(version, assumptions.families_per_team, recent_from)
    markers = all_markers[all_markers["team_id"].isin(ids)].reset_index(drop=True)
    lines = all_lines[all_lines["team_id"].isin(ids)]
    table = _area_table(version, team_map.UNDERLAY_LEVEL, assumptions)
    if nations:
        table = table[table["nation"].isin(nations)]
    underlay = _status_underlay(version, assumptions, nations)
    return team_map.team_deck(markers, lines, underlay, team_map.deck_bounds(table, markers), height=height)


def team_deck(assumptions: Assumptions, ids, nations: tuple[str, ...] = (), height: int = 560):
    """The team map of the listings ``ids`` over the nations' councils: built and serialised once per view.

    Serialising the deck (every council outline and marker) was most of the Team directory's run; the deck
    is shared between sessions and only read (its JSON is kept, coverage.present.decks.CompactDeck).
    """
    return _team_deck(
        directory_version(), assumptions, frozenset(ids), tuple(sorted(nations)), height, evidence_start()
    )
