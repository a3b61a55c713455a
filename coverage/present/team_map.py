"""The team map: one marker per listed service, sized by families a year, with lines to the areas it serves.

Built as a pydeck ``Deck`` (points, lines and picking over many features, drawn on the GPU), with
the councils underneath in the coverage map's status classes. Every figure on it is also in
:func:`team_table`, the map's table twin.

Markers:
- *where*: :mod:`coverage.model.placement` (the babies-weighted centre of the declared areas);
- *size*: the marker's area is proportional to families a year, so the radius grows with its square
  root; a published figure draws a filled disc, an assumed one a ring with a pale centre;
- *colour*: closed listings are grey and unconfirmed ones green whatever their kind; otherwise the
  colour is the kind (Okabe-Ito colours, distinct under common colour-vision deficiencies).
Nothing is hidden here: only the page's filters (which say so) remove a listing.
"""

from __future__ import annotations

import math

import pandas as pd
import pydeck as pdk

from coverage.model import gaps
from coverage.model.atlas import Atlas
from coverage.model.directory import CONFIDENCE_WORDS, KIND_LABELS, STATUS_WORDS
from coverage.model.evidence_age import WINDOW_WORDS, age_words
from coverage.model.placement import reached_areas, team_positions
from coverage.model.services import evidence_year_text, fold_services
from coverage.present.decks import TIP_FIELD, compact_features, offline_deck, rgba, view_state
from coverage.present.figures import UK_BOUNDS, table_bounds
from coverage.present.metrics import NO_TEAM_COLOUR, REPORTED_COLOUR, UNCOUNTED_COLOUR

# Marker classes in legend order: (label, colour).
MARKER_CLASSES: dict[str, tuple[str, str]] = {
    "specialised": ("Specialised parent-infant relationship team", "#0072B2"),
    "borderline": ("Borderline service", "#E69F00"),
    "other": ("Other parent-infant provision", "#CC79A7"),
    "unconfirmed": ("Unconfirmed listing (any kind)", "#009E73"),
    "closed": ("Closed (any kind)", "#6E6E6E"),
}
# The coverage map's status classes (gaps.AREA_STATUSES), named one by one so a new status cannot
# silently take a neighbour's colour.
STATUS_COLOURS = {
    gaps.STATUS_NO_TEAM: NO_TEAM_COLOUR,
    gaps.STATUS_REPORTED: REPORTED_COLOUR,
    gaps.STATUS_UNCOUNTED: UNCOUNTED_COLOUR,
    gaps.STATUS_SOME: "#9ECAE1",
    gaps.STATUS_MEETS: "#3182BD",
}
UNDERLAY_ALPHA = 90
PUBLISHED_FILL_ALPHA = 230
ASSUMED_FILL_ALPHA = 45
# A team with no dated evidence in the evidence window is drawn faded: its fill and outline at
# this share of their usual opacity, with a grey outline in place of the near-black one.
STALE_FADE = 0.35
STALE_LINE = "#8C8C8C"
RADIUS_PER_ROOT_FAMILY = 0.9  # px: 107 families a year -> about 9 px; 400 -> 18 px
MIN_RADIUS = 4.0  # px: small enough teams stay visible and clickable
MAX_NAMES = 6  # areas named in a tooltip before "and N more"
UNDERLAY_LEVEL = "utla"  # councils: the level most teams are declared at
# pydeck sends a bare string prop as a JavaScript expression ("@@=pixels", undefined in the browser,
# so deck.gl silently falls back to metres); a quoted string is sent as the literal string.
PIXELS = "'pixels'"
LISTING_LINK = "check?team="  # the table twin's route to a listing (keyboard users cannot click a marker)
LAYER_MARKERS = "teams"
LAYER_LINES = "reach"
LAYER_AREAS = "areas"


def marker_class(kind: str, status: str, confidence: str) -> str:
    if status == "closed":
        return "closed"
    if confidence == "unconfirmed":
        return "unconfirmed"
    return kind if kind in MARKER_CLASSES else "other"


def marker_radius(families: float) -> float:
    """Pixels: the disc's area is proportional to families a year."""
    return round(max(MIN_RADIUS, RADIUS_PER_ROOT_FAMILY * math.sqrt(max(families, 0.0))), 2)


def _names(names: list[str]) -> str:
    if len(names) <= MAX_NAMES:
        return "; ".join(names)
    return "; ".join(names[:MAX_NAMES]) + f"; and {len(names) - MAX_NAMES} more"


def size_text(families: float, published: bool) -> str:
    if published:
        return f"{families:,.0f} families a year (published)"
    return f"{families:,.0f} families a year (assumed: no published figure)"


def _faded(rgba_colour: list[int]) -> list[int]:
    return [*rgba_colour[:3], round(rgba_colour[3] * STALE_FADE)]


def marker_look(colour: str, published: bool, recent: bool) -> dict:
    """Fill, outline and outline width: a filled disc for a published size, a ring for an assumed one,
    each faded (grey outline, a third of the opacity) when the team's evidence is older than the window."""
    fill = rgba(colour, PUBLISHED_FILL_ALPHA if published else ASSUMED_FILL_ALPHA)
    line = rgba("#1A1A1A") if published else rgba(colour)
    if not recent:
        fill = _faded(fill)
        line = _faded(rgba(STALE_LINE)) if published else _faded(line)
    return {"fill": fill, "line": line, "line_width": 1 if published else 3}


def team_markers(
    atlas: Atlas, teams: pd.DataFrame, families_per_team: float, recent_from: int | None = None
) -> pd.DataFrame:
    """One row per listed service with a mapped area: where, how big, what colour, and its tooltip.

    ``families_per_team`` is the sidebar's assumed size for a team with no published figure;
    ``recent_from`` is the evidence window's first year (``evidence_age.window_start``): a team
    whose latest evidence is older, or undated, is drawn faded. None draws every team as recent.
    """
    teams = fold_services(teams)  # one marker per service: a second description adds its areas, not a marker
    positions = team_positions(atlas, teams).set_index("team_id")
    reached = reached_areas(atlas, teams)
    reached_names = reached.groupby("team_id")["area_name"].agg(list)
    rows = []
    for t in teams.itertuples():
        if t.team_id not in positions.index:
            continue
        pos = positions.loc[t.team_id]
        published = t.families_per_year == t.families_per_year
        families = float(t.families_per_year) if published else float(families_per_team)
        cls = marker_class(t.kind, t.status, t.confidence)
        label, colour = MARKER_CLASSES[cls]
        reaches = reached_names.get(t.team_id, [])
        areas = t.area_names or "; ".join(t.area_codes)
        if len(reaches) > 1 and t.area_level not in ("utla", "lad"):
            areas = f"{areas} (councils: {_names(reaches)})"
        evidence = t.last_verified or "never verified"
        recent = recent_from is None or (t.evidence_year == t.evidence_year and t.evidence_year >= recent_from)
        age = evidence_year_text(t.evidence_year) if recent_from is None else age_words(t.evidence_year, recent_from)
        also = [d for d in str(t.described_by).split(";") if d and d != t.team_id]
        if also:
            areas = f"{areas} (also listed as: {', '.join(also)})"
        rows.append(
            {
                "team_id": t.team_id,
                "name": t.name,
                "host": t.host_organisation or "not stated",
                "kind": KIND_LABELS.get(t.kind, t.kind),
                "status": t.status,
                "confidence": t.confidence,
                "marker_class": cls,
                "class_label": label,
                "lon": round(float(pos["lon"]), 4),
                "lat": round(float(pos["lat"]), 4),
                "families": families,
                "published": bool(published),
                "size": size_text(families, published),
                "areas": areas,
                "reaches": len(reaches),
                "evidence": evidence,
                "evidence_age": age,
                "recent": bool(recent),
                "radius": marker_radius(families),
                **marker_look(colour, published, recent),
                TIP_FIELD: "\n".join(
                    [
                        t.name,
                        f"Host: {t.host_organisation or 'not stated'}",
                        f"Size: {size_text(families, published)}",
                        f"Areas: {areas}",
                        f"Evidence date: {evidence} ({age})"
                        + ("" if recent else f"; faded: nothing dated in {WINDOW_WORDS}"),
                        f"{label}; {STATUS_WORDS.get(t.status, t.status)}; "
                        f"listing {CONFIDENCE_WORDS.get(t.confidence, t.confidence)}",
                    ]
                ),
            }
        )
    out = pd.DataFrame(rows)
    if len(out):
        out[TIP_FIELD] = out[TIP_FIELD] + _same_point_note(out)
    return out


def _same_point_note(markers: pd.DataFrame) -> pd.Series:
    """Markers at one point hide each other, so each one's tooltip names the others there."""
    spot = list(zip(markers["lon"], markers["lat"]))
    by_spot: dict[tuple, list[str]] = {}
    for key, name in zip(spot, markers["name"]):
        by_spot.setdefault(key, []).append(name)
    return pd.Series(
        [
            "\nAlso at this point: " + _names([n for n in by_spot[key] if n != name]) if len(by_spot[key]) > 1 else ""
            for key, name in zip(spot, markers["name"])
        ],
        index=markers.index,
    )


def unplaced(teams: pd.DataFrame) -> pd.DataFrame:
    """Services with no mapped area: they have no marker, so the page lists them by name."""
    teams = fold_services(teams)
    return teams[teams["area_codes"].map(len) == 0]


def reach_lines(atlas: Atlas, teams: pd.DataFrame, markers: pd.DataFrame) -> pd.DataFrame:
    """A line from each marker to every area it reaches, for teams that reach more than one."""
    if markers.empty:
        return pd.DataFrame(columns=["team_id", "area_code", "area_name", "from", "to", "colour"])
    teams = fold_services(teams)
    reached = reached_areas(atlas, teams[teams["team_id"].isin(markers["team_id"])])
    many = reached.groupby("team_id")["area_code"].transform("count") > 1
    reached = reached[many]
    m = markers.set_index("team_id")
    return pd.DataFrame(
        {
            "team_id": reached["team_id"].to_numpy(),
            "area_code": reached["area_code"].to_numpy(),
            "area_name": reached["area_name"].to_numpy(),
            "from": [[m.at[t, "lon"], m.at[t, "lat"]] for t in reached["team_id"]],
            "to": [[round(x, 4), round(y, 4)] for x, y in zip(reached["lon"], reached["lat"])],
            "colour": [rgba(MARKER_CLASSES[m.at[t, "marker_class"]][1], 200) for t in reached["team_id"]],
        }
    )


def status_underlay(geojson: dict, table: pd.DataFrame) -> dict:
    """Council outlines filled with their coverage status (the key under the map names the colours).

    Not pickable: a click there would select an area (dimming every marker) instead of opening a team.
    """
    props = {
        r.area_code: {"fill": rgba(STATUS_COLOURS.get(r.status, "#BDBDBD"), UNDERLAY_ALPHA)} for r in table.itertuples()
    }
    return compact_features(geojson, props)


def team_deck(markers: pd.DataFrame, lines: pd.DataFrame, underlay: dict, bounds, *, height: int = 560) -> pdk.Deck:
    """The deck: status underlay, reach lines, then markers (the only layer a click selects)."""
    marker_cols = ["team_id", "lon", "lat", "radius", "fill", "line", "line_width", TIP_FIELD]
    line_cols = ["from", "to", "colour"]
    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            id=LAYER_AREAS,
            data=underlay,
            stroked=True,
            filled=True,
            get_fill_color="properties.fill",
            get_line_color=[90, 90, 90, 160],
            line_width_units=PIXELS,
            get_line_width=0.6,
            pickable=False,
        ),
        pdk.Layer(
            "ArcLayer",
            id=LAYER_LINES,
            data=lines[line_cols].to_dict("records") if len(lines) else [],
            get_source_position="from",
            get_target_position="to",
            get_source_color="colour",
            get_target_color="colour",
            get_width=2,
            get_height=0.15,
            width_units=PIXELS,
            pickable=False,
        ),
        pdk.Layer(
            "ScatterplotLayer",
            id=LAYER_MARKERS,
            data=markers[marker_cols].to_dict("records") if len(markers) else [],
            get_position=["lon", "lat"],
            get_radius="radius",
            radius_units=PIXELS,
            get_fill_color="fill",
            get_line_color="line",
            get_line_width="line_width",
            line_width_units=PIXELS,
            stroked=True,
            filled=True,
            pickable=True,
            auto_highlight=True,
        ),
    ]
    return offline_deck(layers, view_state(bounds, height))


def deck_bounds(table: pd.DataFrame, markers: pd.DataFrame) -> tuple[float, float, float, float]:
    """The extent of the areas shown, stretched to take in every marker."""
    x0, y0, x1, y1 = table_bounds(table) if len(table) else UK_BOUNDS
    if len(markers):
        x0, x1 = min(x0, markers["lon"].min()), max(x1, markers["lon"].max())
        y0, y1 = min(y0, markers["lat"].min()), max(y1, markers["lat"].max())
    return (x0, y0, x1, y1)


def team_table(markers: pd.DataFrame) -> pd.DataFrame:
    """The map as a table: every marker, where it stands, its size and the areas it serves."""
    if markers.empty:
        return pd.DataFrame(columns=["Team", "Marker", "Longitude", "Latitude", "Families a year", "Areas served"])
    return pd.DataFrame(
        {
            "Team": markers["name"],
            "Marker": markers["class_label"],
            "Status": markers["status"],
            "Confidence": markers["confidence"],
            "Longitude": markers["lon"],
            "Latitude": markers["lat"],
            "Families a year": markers["size"],
            "Areas served": markers["areas"],
            "Lines to areas": markers["reaches"].where(markers["reaches"] > 1, 0),
            "Evidence date": markers["evidence"],
            "Evidence age": markers["evidence_age"],
            "Listing": LISTING_LINK + markers["team_id"],
        }
    )


def legend() -> list[tuple[str, str]]:
    """(label, colour) of every marker class, then the two sizes' meanings, for the page's key."""
    return [(label, colour) for label, colour in MARKER_CLASSES.values()]


def _on_white(colour: str, share: float) -> str:
    """A colour as it shows at ``share`` opacity over white (a swatch for the faded key entry)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(255 - share * (255 - c)):02X}" for c in (r, g, b))


def evidence_key(markers: pd.DataFrame, recent_from: int) -> list[tuple[str, str]]:
    """The key's evidence entries, counted: solid for evidence in the window, faded for older or none."""
    recent = int(markers["recent"].sum()) if len(markers) else 0
    specialised = MARKER_CLASSES["specialised"][1]
    return [
        (f"dated evidence since {recent_from} ({recent})", specialised),
        (f"faded: no dated evidence since {recent_from} ({len(markers) - recent})", _on_white(specialised, STALE_FADE)),
    ]
