"""URL state: the view (level, metric, nation, area and the assumptions) kept in step with the address bar.

A shared link opens the same view, Back and Forward move between views, and a page opened from the menu
keeps the session's view. The parsing and encoding rules are the engine's (``coverage.present.query``);
this module only moves values between the URL, the widgets' session state and the ``View``.

Why not Streamlit 1.67's ``bind="query-params"``: a bound widget writes its own value under its own
key, and published links would stop opening the same view. The URL holds fractions where the sliders
hold percents (``prev=0.18``, ``target=0.8``), lists joined by commas where a bound multiselect
repeats the key, ``d3=1`` where a bound toggle writes ``true``, and short names (``hnation``,
``tnation``) where the widgets have their own keys. A bound widget also drops a value it cannot read
without a word, where each page today says what it ignored and why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import streamlit as st

from coverage.model import ranges
from coverage.model.assumptions import EARLIEST_EVIDENCE_YEAR, Assumptions
from coverage.model.directory import CONFIDENCES, KINDS
from coverage.present import query
from ui import cache


def all_area_codes() -> set[str]:
    """The area codes a URL may name (any level): anything else in ``?area=`` is refused with a message."""
    return set(cache.atlas().areas["area_code"])


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


def reset() -> None:
    """The Reset button's callback: every widget back to the default view."""
    _seed_widgets(query.DEFAULT)
