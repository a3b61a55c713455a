"""What every page shares: cached loaders, the sidebar of assumptions and the URL binding.

Caching lives here, at the page edge, so ``coverage/`` stays free of Streamlit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import logging
import os
import re
import uuid
from dataclasses import replace

import pandas as pd
import streamlit as st

from coverage import paths
from coverage.listings.store import UNAVAILABLE, Store, StoreError
from coverage.listings.throttle import addresses, clients
from coverage.model import benchmarks, evidence_age, gaps, profile, ranges
from coverage.model.assumptions import (
    BIRTHS_BASES,
    COST_PER_TEAM_YEAR,
    EARLIEST_EVIDENCE_YEAR,
    FAMILIES_PER_TEAM,
    PREVALENCE,
    Assumptions,
)
from coverage.model.atlas import Atlas, load_atlas, load_boundaries
from coverage.model.directory import CONFIDENCES, KIND_LABELS, KINDS
from coverage.model.levels import LEVELS
from coverage.paths import PROJECT_ROOT
from coverage.present import figures, query, team_map, vintage
from coverage.present.text import md

logger = logging.getLogger(__name__)

COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
DATA_VINTAGE = "Population: {population}. Boundaries: 2017 to 2024. Team directory: partial, from public sources."


@st.cache_resource(show_spinner=False)
def store() -> Store:
    return Store()


def _read_directory_version() -> int:
    """The live directory version (0 = the shipped file), from the store. A store outage falls back to it."""
    try:
        return store().head_version()
    except UNAVAILABLE:
        logger.exception("corrections store unreachable; showing the shipped directory")
        st.warning("The corrections database cannot be reached, so the shipped directory is shown.", icon="⚠️")
        return 0


def report_store_failure(exc: Exception, action: str) -> None:
    """Tell the reviewer why an action did not happen; log the detail.

    A ``StoreError`` is a refusal the person can act on (its message says what to do); anything else
    is an outage, whose detail belongs in the log, not on the page.
    """
    if isinstance(exc, StoreError):
        logger.info("%s refused: %s", action, exc)
        st.error(str(exc))
    else:
        logger.error("%s failed: the corrections store is unreachable", action, exc_info=exc)
        st.error(f"The {action} could not be saved: the corrections database cannot be reached. Nothing changed.")


_LEFT_LEGACY_MODE = False


def leave_legacy_pages_mode() -> None:
    """Rerun once through ``app.py`` when Streamlit ran this page in its legacy pages/ mode.

    Streamlit 1.67 treats a folder named ``pages/`` beside the main script as the old
    multipage layout until some session has called ``st.navigation``: on a freshly started
    server, every visitor who arrives by a deep link (``/plan``) gets the page file run
    directly, with a sidebar listing every module in ``pages/`` (``common``, ``downloads``...)
    as a page, and that lasts until somebody opens the home page. The design keeps the
    ``pages/`` name, so this clears the flag and reruns: the rerun goes through ``app.py``'s
    ``st.navigation`` and lands on the same page (page files are named after their URL, so
    the legacy page and ours share a page hash). The flag is Streamlit's own, read defensively:
    if a later version drops it, nothing happens here.
    """
    global _LEFT_LEGACY_MODE
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager, "uses_pages_directory", False) and not _LEFT_LEGACY_MODE:
        # Once per process is enough: the flag is class-wide and Streamlit only sets it while it is
        # unset. (AppTest sets it afresh on every run; rerunning each of those would drop the
        # run's widget events.)
        _LEFT_LEGACY_MODE = True
        logger.info("page run in Streamlit's legacy pages/ mode; rerunning through st.navigation")
        PagesManager.uses_pages_directory = False
        st.rerun()


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


@st.cache_resource(show_spinner=False, max_entries=4)
def _atlas(version: int) -> Atlas:
    return load_atlas(directory_csv=store().directory_csv(version) if version else None)


def atlas() -> Atlas:
    return _atlas(directory_version())


def shipped_directory():
    """The directory as shipped in data/teams.csv: the base every reviewed version starts from."""
    return _atlas(0).teams


@st.cache_data(show_spinner=False, max_entries=64)
def _area_table(version: int, level: str, assumptions: Assumptions) -> pd.DataFrame:
    return gaps.area_table(_atlas(version), level, assumptions)


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
    return figures.bar_chart(comp, "reach", highlight=code)


def comparison_chart(level: str, code: str, assumptions: Assumptions):
    """The profile's bars of the area against its region, nation and the UK: built once per view, shared (read only)."""
    return _comparison_chart(directory_version(), level, code, assumptions)


@st.cache_data(show_spinner=False, max_entries=16)
def _all_levels(version: int, assumptions: Assumptions) -> dict[str, pd.DataFrame]:
    return gaps.all_levels(_atlas(version), assumptions)


def all_levels(assumptions: Assumptions) -> dict[str, pd.DataFrame]:
    return _all_levels(directory_version(), assumptions)


@st.cache_data(show_spinner=False, max_entries=64)
def _summary(version: int, assumptions: Assumptions) -> pd.DataFrame:
    return gaps.summary(_atlas(version), assumptions)


def summary(assumptions: Assumptions) -> pd.DataFrame:
    return _summary(directory_version(), assumptions)


@st.cache_data(show_spinner=False, max_entries=64)
def _completeness(version: int, assumptions: Assumptions) -> pd.DataFrame:
    return benchmarks.completeness(_atlas(version), assumptions)


def completeness(assumptions: Assumptions) -> pd.DataFrame:
    """Teams listed and counted against the latest published count, UK then each nation."""
    return _completeness(directory_version(), assumptions)


@st.cache_data(show_spinner=False, max_entries=64)
def _stale_line(version: int, assumptions: Assumptions, today: dt.date) -> str:
    return evidence_age.counted_stale_sentence(_atlas(version), assumptions, today)


def stale_line(assumptions: Assumptions) -> str:
    """How many counted teams have no dated evidence in the evidence window (as of today)."""
    return _stale_line(directory_version(), assumptions, dt.date.today())


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


def all_area_codes() -> set[str]:
    return set(atlas().areas["area_code"])


# Widget keys and how each maps onto the View.
_KEYS = (
    "level",
    "metric",
    "nation",
    "area",
    "prev",
    "fpt",
    "cost",
    "births",
    "target",
    "conf",
    "kinds",
    "unknown",
    "since",
)
# "since" widget value 0 means the evidence-age assumption is off.
SINCE_CHOICES = (0, *range(dt.date.today().year, EARLIEST_EVIDENCE_YEAR - 1, -1))
SINCE_LABEL = "Count a team only if a dated source shows it working in or after"


def since_words(year: int) -> str:
    """The evidence choice in words: the year itself, or that every team counts whatever its evidence."""
    return "any year: count teams however old their evidence" if year == 0 else str(year)


def _seed_widgets(view: query.View) -> None:
    st.session_state.update(_seeds(view))


def _seeds(view: query.View) -> dict:
    """Widget values (by widget key) for a view."""
    a = view.assumptions
    return {
        "level": view.level,
        "metric": view.metric,
        "nation": view.nation,
        "area": view.area,
        "prev": round(a.prevalence * 100, 1),
        "fpt": round(a.families_per_team, 1),
        "cost": float(round(a.cost_per_team)),
        "births": a.births_basis,
        "target": int(round(a.target_reach * 100)),
        "conf": [c for c in CONFIDENCES if c in a.counted_confidence],
        "kinds": [k for k in KINDS if k in a.counted_kinds],
        "unknown": a.count_unknown_status,
        "since": a.evidence_since or 0,
    }


def _url_moved() -> list[str]:
    """The view keys whose URL values the browser changed (Back, Forward, an edited address), else [].

    ``sync_url`` records, per page, what it last wrote. On a later run of the same page, a URL
    that differs from that record was changed by the browser, so the URL wins. On a page change
    the URL only wins if it carries view keys: a plain link to a page (which drops the query)
    keeps the session's view.
    """
    page = st.session_state.get("_page", "")
    written = st.session_state.get("_url_written", {}).get(page)
    same_page = st.session_state.get("_url_page") == page
    st.session_state["_url_page"] = page
    if written is None:
        return []
    keys, values = written
    now = {k: v for k, v in st.query_params.to_dict().items() if k in keys}
    if now == values or (not same_page and not now):
        return []
    return list(keys)


def init_view() -> None:
    """Read the URL into the widgets on a session's first run, and again after Back or Forward."""
    if st.session_state.get("_view_ready"):
        moved = _url_moved()
        if moved:
            view, messages = query.parse(st.query_params.to_dict(), all_area_codes())
            seeds = _seeds(view)
            st.session_state.update({k: v for k, v in seeds.items() if k in moved})
            st.session_state["_view_messages"] = messages
            return
        # Streamlit forgets a widget's value on pages that do not draw it; re-assigning keeps it.
        for key in _KEYS:
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]
        return
    view, messages = query.parse(st.query_params.to_dict(), all_area_codes())
    _seed_widgets(view)
    st.session_state["_view_messages"] = messages
    st.session_state["_view_ready"] = True
    st.session_state["_url_page"] = st.session_state.get("_page", "")


def current_view() -> query.View:
    s = st.session_state
    base = Assumptions()
    a = base
    prev = float(s.get("prev", base.prevalence * 100)) / 100
    if abs(prev - base.prevalence) > 1e-9:
        a = a.with_prevalence(prev)
    fpt = float(s.get("fpt", base.families_per_team))
    if abs(fpt - round(base.families_per_team, 1)) > 1e-9:
        a = a.with_families_per_team(fpt)
    cost = round(float(s.get("cost", base.cost_per_team)))
    if cost != base.cost_per_team and cost in ranges.COST_PER_TEAM_YEAR:
        a = a.with_cost_per_team(cost)
    a = replace(
        a,
        births_basis=s.get("births", base.births_basis),
        target_reach=int(s.get("target", 100)) / 100,
        counted_confidence=frozenset(s.get("conf") or CONFIDENCES),
        counted_kinds=frozenset(s.get("kinds") or ["specialised"]),
        count_unknown_status=bool(s.get("unknown", True)),
        evidence_since=int(s.get("since", 0)) or None,
    )
    view = query.View(
        level=s.get("level", "utla"),
        metric=s.get("metric", "reach"),
        nation=s.get("nation", "UK"),
        area=s.get("area", "") or "",
        assumptions=a,
    )
    if view.area:
        # Kept outside the widgets: Streamlit drops a widget's value on pages that do not draw it.
        s["_last_area"] = (view.level, view.area)
    return view


def last_area() -> tuple[str, str] | None:
    """(level, code) of the area last chosen in this session, so a page opened from the menu
    (whose links carry no query) can open on it."""
    return st.session_state.get("_last_area")


def sync_url(view: query.View, keep: tuple[str, ...] = (), extra: dict[str, str] | None = None) -> None:
    """Write the view into the URL (only what differs from the default) so it can be shared.

    ``extra`` holds a page's own parameters (the team map's filters, the 3D toggle).
    """
    wanted = query.encode(view)
    wanted = {k: v for k, v in wanted.items() if k not in ("level", "metric", "nation", "area") or k in keep}
    wanted.update(extra or {})
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    managed = tuple(k for k in _KEYS if k not in ("level", "metric", "nation", "area") or k in keep)
    record = st.session_state.setdefault("_url_written", {})
    record[st.session_state.get("_page", "")] = (managed, wanted)


def page_links(view: query.View, keep=("level", "metric", "nation", "area")) -> dict[str, str]:
    return {k: v for k, v in query.encode(view).items() if k not in ("level", "metric", "nation", "area") or k in keep}


def number_in(container, label: str, allowed: ranges.Range, **kwargs) -> float:
    """A number input bounded by one of the engine's ranges, so a widget can never accept what the engine refuses."""
    kwargs.setdefault("step", float(allowed.step))
    if float(allowed.step).is_integer():
        kwargs.setdefault("format", "%.0f")  # families are whole: "107", not "107.00"
    return container.number_input(label, float(allowed.low), float(allowed.high), **kwargs)


def seed_from_url(flag: str, parse) -> None:
    """On a page's first run in a session, put its own URL parameters into its widgets.

    ``parse`` takes the query parameters and returns (session-state values, messages); later runs
    keep whatever the user has chosen since.
    """
    if st.session_state.get(flag):
        return
    values, messages = parse(st.query_params.to_dict())
    st.session_state.update(values)
    st.session_state[flag] = True
    for message in messages:
        st.warning(message, icon="⚠️")


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


def _reset() -> None:
    _seed_widgets(query.DEFAULT)


# A keyboard focus ring that cannot be mistaken for the current page's highlight (a pale fill):
# a 3 px near-black outline with a white gap, over 12:1 against the sidebar (#F0F4F8) and the page.
# A text, number or select box's <input> sits in a box that clips overflow, so its own ring never shows
# (only a 1 px blue border did): the box holding a focused input draws the ring instead.
FOCUS_CSS = """<style>
:focus-visible, [data-testid="stSidebarNavLink"]:focus-visible, button:focus-visible, a:focus-visible,
div:has(> input:focus-visible), div:has(> textarea:focus-visible) {
  outline: 3px solid #1A1A1A !important; outline-offset: 2px !important;
  box-shadow: 0 0 0 2px #FFFFFF !important;
}
div:has(> input:focus-visible) > input:focus-visible, div:has(> textarea:focus-visible) > textarea:focus-visible {
  outline: none !important; box-shadow: none !important;  /* the box's ring stands for it (no stray edge) */
}
/* A closed sidebar is off screen, but its controls stayed in the Tab order: on a phone, 18 presses
   went to invisible controls before the page's own. Hidden once it has slid away, shown at once on opening. */
[data-testid="stSidebar"][data-collapsed="true"] { visibility: hidden; transition: visibility 0s linear 0.3s; }
</style>"""


# "Copy link": copies the address bar as it is when pressed (the view is kept in it by sync_url), so the
# link is always the one on screen. The clipboard API needs a secure page (https or localhost); elsewhere
# the older copy command is used. Not st.code: a box of URL text to select by hand is not a button.
COPY_LINK = """<button type="button" class="atlas-copy-link" aria-live="polite">Copy link to this view</button>
<script>
if (!window.__atlasCopyLink) {
  window.__atlasCopyLink = true;
  // One listener for every such button, however often Streamlit redraws them.
  document.addEventListener("click", function (event) {
    var b = event.target.closest && event.target.closest(".atlas-copy-link");
    if (!b) return;
    var url = window.location.href, done = function () {
      b.textContent = "Link copied";
      setTimeout(function () { b.textContent = "Copy link to this view"; }, 2500);
    };
    if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(url).then(done); return; }
    var t = document.createElement("textarea");
    t.value = url; document.body.appendChild(t); t.select();
    document.execCommand("copy"); document.body.removeChild(t); done();
  });
}
</script>
<style>.atlas-copy-link { font: inherit; font-size: 0.9rem; padding: 0.3rem 0.75rem; cursor: pointer;
  border: 1px solid rgba(49, 51, 63, 0.3); border-radius: 0.5rem; background: #FFFFFF; color: #1A1A1A; }
.atlas-copy-link:hover { border-color: #0072B2; color: #0072B2; }</style>"""


def copy_link() -> None:
    """A small button copying this page's address, view included, for sharing."""
    st.html(COPY_LINK, unsafe_allow_javascript=True)


def sidebar() -> query.View:
    """The assumptions every figure rests on, editable, with where each default comes from."""
    leave_legacy_pages_mode()
    begin_run()
    st.html(FOCUS_CSS)
    init_view()
    with st.sidebar:
        copy_link()
        st.header("Assumptions")
        prev_low, prev_high, prev_step = ranges.PREVALENCE.percent()
        st.slider(
            "Babies needing specialised help (% of births)",
            prev_low,
            prev_high,
            step=prev_step,
            key="prev",
            format="%.1f%%",
            help="Defaults: " + "; ".join(f"{k} {v.value:.0%} ({v.source})" for k, v in PREVALENCE.items()),
        )
        st.caption(" · ".join(f"{k}: {v.value:.0%}" for k, v in PREVALENCE.items()) + " (see Methods)")
        number_in(
            st,
            "Families a year per team, where a team's own figure is unknown",
            ranges.FAMILIES_PER_YEAR,
            key="fpt",
            help=FAMILIES_PER_TEAM["central"].label + " (" + FAMILIES_PER_TEAM["central"].source + ")",
        )
        number_in(
            st,
            "Cost per team a year (£)",
            ranges.COST_PER_TEAM_YEAR,
            key="cost",
            help="Defaults: "
            + "; ".join(f"{k} £{v.value:,.0f} ({v.label}; {v.source})" for k, v in COST_PER_TEAM_YEAR.items()),
        )
        st.caption(
            " · ".join(f"{k}: £{v.value / 1000:,.0f}k" for k, v in COST_PER_TEAM_YEAR.items()) + " (see Methods)"
        )
        st.radio("Births basis", list(BIRTHS_BASES), key="births", format_func=BIRTHS_BASES.get)
        target_low, target_high, target_step = ranges.TARGET_REACH.whole_percent()
        st.slider(
            "Target reach (% of need)",
            target_low,
            target_high,
            step=target_step,
            key="target",
            format="%d%%",
            help="Used for 'teams needed' and for the 'meets target' status",
        )
        with st.expander("Which listings count"):
            st.multiselect("Kinds of service", list(KINDS), key="kinds", format_func=KIND_LABELS.get)
            st.multiselect("Confidence", list(CONFIDENCES), key="conf")
            st.checkbox("Count services whose current status is unknown", key="unknown")
            st.selectbox(
                SINCE_LABEL,
                SINCE_CHOICES,
                key="since",
                format_func=since_words,
                help="A team's evidence year is the latest year a dated source shows it working: the date its "
                "listing was last checked, or the year it started. Choose a year to leave out teams whose latest "
                "evidence is older, and teams with no dated evidence at all.",
            )
        st.button("Reset assumptions", on_click=_reset, width="stretch")
        st.caption(md(DATA_VINTAGE.format(population=vintage.population_label(atlas().manifest))))
    for message in st.session_state.pop("_view_messages", []):
        st.warning(message, icon="⚠️")
    view = current_view()
    if view.assumptions.problems():
        st.error("; ".join(view.assumptions.problems()))
    return view


if os.environ.get("ATLAS_TRUSTED_PROXIES"):  # read once, when the process first imports this module
    logger.warning(
        "ATLAS_TRUSTED_PROXIES is no longer read (it made the client's own X-Forwarded-For believed); "
        "see ATLAS_TRUSTED_PROXY_HOPS and FORWARDED_ALLOW_IPS in deploy/README.md"
    )


def client_group() -> str:
    """This visitor's address group: from the connection, or from our own proxy only when it is named as trusted."""
    address = addresses.client_address(
        st.context.ip_address,
        st.context.headers.get_all("X-Forwarded-For"),
        addresses.parse_hops(os.environ.get("ATLAS_TRUSTED_PROXY_HOPS")),
        addresses.parse_networks(os.environ.get("ATLAS_TRUSTED_PROXY_NETWORKS", addresses.DEFAULT_PROXY_NETWORKS)),
    )
    return addresses.address_group(address)


def client_keys(*, wide: bool = True) -> list[str]:
    """This visitor's throttling keys: its address group and its browser session (see ``clients.client_keys``)."""
    session = st.session_state.setdefault("_client_session", uuid.uuid4().hex)
    return clients.client_keys(client_group(), session, wide=wide)


_SWATCH = (
    '<span aria-hidden="true" style="display:inline-block;width:0.9em;height:0.9em;border-radius:50%;'
    'background:{};margin:0 0.3em 0 0.8em;vertical-align:-0.1em"></span>'
)


def colour_key(title: str, items: list[tuple[str, str]]) -> None:
    """A map's key as text with colour swatches: (label, "#RRGGBB") pairs; labels are escaped."""
    parts = [_SWATCH.format(colour) + html.escape(label) for label, colour in items if COLOUR.match(colour)]
    st.markdown(f"**{html.escape(title)}:** " + " ".join(parts), unsafe_allow_html=True)


def level_label(level: str) -> str:
    return LEVELS[level].label


def footer() -> None:
    st.divider()
    st.caption(
        "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
        "Contains OS data © Crown copyright and database right 2024. Also Scottish Government, "
        "DoH NI / OpenDataNI, MHCLG, Welsh Government and NISRA data (OGL v3). "
        "Team listings come from public sources and are incomplete: see Methods and data."
    )
    st.caption(md(vintage.vintage_line(atlas().manifest)))
