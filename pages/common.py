"""What every page shares: cached loaders, the sidebar of assumptions and the URL binding.

Caching lives here, at the page edge, so ``coverage/`` stays free of Streamlit.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from coverage.listings.store import Store
from coverage.model import gaps
from coverage.model.assumptions import BIRTHS_BASES, FAMILIES_PER_TEAM, PREVALENCE, Assumptions
from coverage.model.atlas import Atlas, load_atlas, load_boundaries
from coverage.model.directory import CONFIDENCES, KIND_LABELS, KINDS
from coverage.model.levels import LEVELS
from coverage.present import query

DATA_VINTAGE = "Population: ONS mid-2022. Boundaries: 2017 to 2024. Team directory: partial, from public sources."


@st.cache_resource(show_spinner=False)
def store() -> Store:
    return Store()


def directory_version() -> int:
    """The live directory version (0 = the shipped file). A store outage falls back to it."""
    try:
        return store().head_version()
    except Exception:  # noqa: BLE001 - any database failure: show shipped data, say so
        st.warning("The corrections database cannot be reached, so the shipped directory is shown.", icon="⚠️")
        return 0


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
    return load_boundaries(atlas().data_dir, level)


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


def all_area_codes() -> set[str]:
    return set(atlas().areas["area_code"])


# Widget keys and how each maps onto the View.
_KEYS = ("level", "metric", "nation", "area", "prev", "fpt", "births", "target", "conf", "kinds", "unknown")


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
        "births": a.births_basis,
        "target": int(round(a.target_reach * 100)),
        "conf": [c for c in CONFIDENCES if c in a.counted_confidence],
        "kinds": [k for k in KINDS if k in a.counted_kinds],
        "unknown": a.count_unknown_status,
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
    a = replace(
        a,
        births_basis=s.get("births", base.births_basis),
        target_reach=int(s.get("target", 100)) / 100,
        counted_confidence=frozenset(s.get("conf") or CONFIDENCES),
        counted_kinds=frozenset(s.get("kinds") or ["specialised"]),
        count_unknown_status=bool(s.get("unknown", True)),
    )
    return query.View(
        level=s.get("level", "utla"),
        metric=s.get("metric", "reach"),
        nation=s.get("nation", "UK"),
        area=s.get("area", "") or "",
        assumptions=a,
    )


def sync_url(view: query.View, keep: tuple[str, ...] = ()) -> None:
    """Write the view into the URL (only what differs from the default) so it can be shared."""
    wanted = query.encode(view)
    wanted = {k: v for k, v in wanted.items() if k not in ("level", "metric", "nation", "area") or k in keep}
    if st.query_params.to_dict() != wanted:
        st.query_params.from_dict(wanted)
    managed = tuple(k for k in _KEYS if k not in ("level", "metric", "nation", "area") or k in keep)
    record = st.session_state.setdefault("_url_written", {})
    record[st.session_state.get("_page", "")] = (managed, wanted)


def page_links(view: query.View, keep=("level", "metric", "nation", "area")) -> dict[str, str]:
    return {k: v for k, v in query.encode(view).items() if k not in ("level", "metric", "nation", "area") or k in keep}


def _reset() -> None:
    _seed_widgets(query.DEFAULT)


# A keyboard focus ring that cannot be mistaken for the current page's highlight (a pale fill):
# a 3 px near-black outline with a white gap, over 12:1 against the sidebar (#F0F4F8) and the page.
FOCUS_CSS = """<style>
:focus-visible, [data-testid="stSidebarNavLink"]:focus-visible, button:focus-visible, a:focus-visible {
  outline: 3px solid #1A1A1A !important; outline-offset: 2px !important;
  box-shadow: 0 0 0 2px #FFFFFF !important;
}
</style>"""


def sidebar() -> query.View:
    """The assumptions every figure rests on, editable, with where each default comes from."""
    st.html(FOCUS_CSS)
    init_view()
    with st.sidebar:
        st.header("Assumptions")
        st.slider(
            "Babies needing specialised help (% of births)",
            1.0,
            40.0,
            step=0.5,
            key="prev",
            format="%.1f%%",
            help="Defaults: " + "; ".join(f"{k} {v.value:.0%} ({v.source})" for k, v in PREVALENCE.items()),
        )
        st.caption(" · ".join(f"{k}: {v.value:.0%}" for k, v in PREVALENCE.items()) + " (see Methods)")
        st.number_input(
            "Families a year per team, where a team's own figure is unknown",
            1.0,
            5000.0,
            step=1.0,
            key="fpt",
            format="%.0f",
            help=FAMILIES_PER_TEAM["central"].label + " (" + FAMILIES_PER_TEAM["central"].source + ")",
        )
        st.radio("Births basis", list(BIRTHS_BASES), key="births", format_func=BIRTHS_BASES.get)
        st.slider(
            "Target reach (% of need)",
            5,
            100,
            step=5,
            key="target",
            format="%d%%",
            help="Used for 'teams needed' and for the 'meets target' status",
        )
        with st.expander("Which listings count"):
            st.multiselect("Kinds of service", list(KINDS), key="kinds", format_func=KIND_LABELS.get)
            st.multiselect("Confidence", list(CONFIDENCES), key="conf")
            st.checkbox("Count services whose current status is unknown", key="unknown")
        st.button("Reset assumptions", on_click=_reset, width="stretch")
        st.caption(DATA_VINTAGE)
    for message in st.session_state.pop("_view_messages", []):
        st.warning(message, icon="⚠️")
    view = current_view()
    if view.assumptions.problems():
        st.error("; ".join(view.assumptions.problems()))
    return view


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
