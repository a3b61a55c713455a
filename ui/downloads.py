"""Download buttons shared by the pages: each file is made only when its button is pressed.

The files themselves (and what they say about sources and assumptions) come from
``coverage.exports``; this module only lays the buttons out.
"""

from __future__ import annotations

import datetime as dt
import logging
import time

import streamlit as st

from coverage.exports import briefing, gis, images, tables
from coverage.present import formats

logger = logging.getLogger(__name__)

MIME = {
    "csv": "text/csv",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "geojson": "application/geo+json",
    "gpkg": "application/geopackage+sqlite3",
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "json": "application/json",
    "txt": "text/plain",
}
# What a table download button offers: the readable CSV, its README sidecar, and Excel. Labels stay short
# enough for a popover's half-width button ("README for the CSV (what it is, assumptions, sou…" was cut off).
TABLE_FILES = (
    ("readable_csv", "csv", "CSV table"),
    ("readme", "txt", "README for the CSV"),
    ("xlsx", "xlsx", "Excel, with a README sheet"),
)


# Where each file's sources are: said exactly, as the CSV itself holds only the table (a line of notes in it
# would break the spreadsheets and scripts that read it).
SOURCES_NOTE = (
    "Images, the Excel file (its README sheet) and GIS files carry their title, assumptions, sources, licence "
    "and date. The CSV holds the figures only: its sources and assumptions are in the README for the CSV."
)


def _name(*parts: str, ext: str) -> str:
    return "-".join(["parent-infant"] + [p for p in parts if p] + [dt.date.today().isoformat()]) + f".{ext}"


NEEDS_BROWSER = {"png", "svg", "pdf"}
NO_BROWSER = "Images and PDF briefings are drawn by Chromium on the server, and none is installed here."
DRAWN_HELP = "Drawn on the server, in 1 to 15 seconds; a Save button appears when it is ready."


def _button(label: str, make, file_name: str, key: str) -> None:
    ext = file_name.rsplit(".", 1)[-1]
    if ext in NEEDS_BROWSER:
        _drawn_file(label, make, file_name, ext, key)
        return
    st.download_button(
        label,
        data=make,
        file_name=file_name,
        mime=MIME[ext],
        key=key,
        on_click="ignore",
        width="stretch",
    )


def _drawn_file(label: str, make, file_name: str, ext: str, key: str) -> None:
    """A file Chromium draws on the server (PNG, SVG, PDF): drawn on request, then saved.

    Drawing takes about a second in a warm browser and up to 15 s for the first drawing after a
    start: too long to sit behind a download button's small spinner, which told people nothing
    (issue #12). So the first button draws the file under a spinner that says what it is doing and
    counts the seconds, and a second button saves it, with its size. The drawn file lasts until the
    next rerun, so a change of view can never save a stale picture.
    """
    if images.browser_path() is None:
        st.button(label, key=key, disabled=True, help=NO_BROWSER, width="stretch")
        return
    if not st.button(label, key=key, width="stretch", help=DRAWN_HELP):
        return
    started = time.perf_counter()
    with st.spinner(f"Drawing {label} on the server…", show_time=True):
        try:
            data = make()
        except images.render_failures():
            logger.warning("drawing %s failed", file_name, exc_info=True)
            st.error(
                "The file could not be drawn on the server. Please try again in a minute.", icon=":material/error:"
            )
            return
    took = time.perf_counter() - started
    st.download_button(
        f"Save the {ext.upper()} ({formats.file_size(len(data))})",
        data=data,
        file_name=file_name,
        mime=MIME[ext],
        key=f"{key}_save",
        on_click="ignore",
        type="primary",
        icon=":material/download:",
        width="stretch",
    )
    st.caption(f"Drawn in {took:.1f} s.")


def map_and_table(atlas, level: str, metric: str, assumptions, table, highlight: str = "", key: str = "dl") -> None:
    with st.popover("Download the map or its figures", icon=":material/download:"):
        st.caption(SOURCES_NOTE)
        c1, c2 = st.columns(2)
        with c1:
            st.markdown("**Map**")
            for size, label in (
                ("social", "PNG, square (social media)"),
                ("wide", "PNG, wide (slides)"),
                ("print", "PNG, print size"),
            ):
                _button(
                    label,
                    lambda size=size: images.map_export(
                        atlas, level, metric, assumptions, fmt="png", size=size, table=table, highlight=highlight
                    ),
                    _name("map", level, metric, size, ext="png"),
                    f"{key}_map_{size}",
                )
            _button(
                "SVG",
                lambda: images.map_export(
                    atlas, level, metric, assumptions, fmt="svg", table=table, highlight=highlight
                ),
                _name("map", level, metric, ext="svg"),
                f"{key}_map_svg",
            )
        with c2:
            st.markdown("**Figures**")
            for fmt, ext, label in TABLE_FILES:
                _button(
                    label,
                    lambda fmt=fmt: tables.area_table_export(atlas, level, assumptions, fmt, table=table),
                    _name("areas", level, "readme" if fmt == "readme" else "", ext=ext),
                    f"{key}_table_{fmt}",
                )
            for fmt, label in (("geojson", "GeoJSON (GIS)"), ("gpkg", "GeoPackage (QGIS)")):
                _button(
                    label,
                    lambda fmt=fmt: gis.area_gis_export(atlas, level, assumptions, fmt, table=table),
                    _name("areas", level, ext=fmt),
                    f"{key}_gis_{fmt}",
                )


# The image files every chart's popover offers: format, size and the button's words.
IMAGE_FILES = (
    ("png", "social", "PNG, square"),
    ("png", "wide", "PNG, wide"),
    ("png", "print", "PNG, print size"),
    ("svg", "social", "SVG"),
)


def chart(atlas, level: str, metric: str, assumptions, table, key: str = "dl_chart", where: str = "") -> None:
    """The ranking chart's downloads; ``where`` names the filter in the image's title ("South East, ...")."""
    with st.popover("Download the chart", icon=":material/download:"):
        st.caption(SOURCES_NOTE)
        for fmt, size, label in IMAGE_FILES:
            _button(
                label,
                lambda fmt=fmt, size=size: images.chart_export(
                    atlas, level, metric, assumptions, fmt=fmt, size=size, table=table, where=where
                ),
                _name("chart", level, metric, size if fmt == "png" else "", ext=fmt),
                f"{key}_{fmt}_{size}",
            )
        for fmt, ext, label in TABLE_FILES:
            _button(
                label,
                lambda fmt=fmt: tables.area_table_export(atlas, level, assumptions, fmt, table=table),
                _name("ranking", level, "readme" if fmt == "readme" else "", ext=ext),
                f"{key}_table_{fmt}",
            )


def figure(atlas, assumptions, make_figure, title: str, name: str, key: str) -> None:
    """The download popover for any chart a page draws: PNG at the three sizes and SVG, each with its
    title, the assumptions and sources (``make_figure`` builds the figure only when a button is pressed)."""
    with st.popover("Download the chart", icon=":material/download:"):
        for fmt, size, label in IMAGE_FILES:
            _button(
                label,
                lambda fmt=fmt, size=size: images.titled_export(
                    make_figure(), title, atlas, assumptions, fmt=fmt, size=size
                ),
                _name("chart", name, size if fmt == "png" else "", ext=fmt),
                f"{key}_{fmt}_{size}",
            )


def area_briefing(atlas, level: str, code: str, name: str, assumptions) -> None:
    """Two briefings: one page for a board paper, or the full one with its appendix (teams, method, sources)."""
    full, one = st.columns(2)
    with one:
        _button(
            "One-page PDF briefing",
            lambda: briefing.briefing_export(atlas, level, code, assumptions, one_page=True),
            briefing.briefing_filename(name + " one page", code),
            "dl_briefing_one",
        )
    with full:
        _button(
            "Make a PDF briefing for this area",
            lambda: briefing.briefing_export(atlas, level, code, assumptions),
            briefing.briefing_filename(name, code),
            "dl_briefing",
        )


def teams(atlas, assumptions) -> None:
    with st.popover("Download the directory", icon=":material/download:"):
        for fmt, ext, label in TABLE_FILES:
            _button(
                label,
                lambda fmt=fmt: tables.team_table_export(atlas, assumptions, fmt),
                _name("teams", "readme" if fmt == "readme" else "", ext=ext),
                f"dl_teams_{fmt}",
            )


def worklist(atlas, report, which: str, assumptions) -> None:
    """A directory health worklist ('teams' or 'areas'): CSV, its README and Excel, as the other tables."""
    from coverage.exports.health import worklist_export

    with st.popover(f"Download the {which} worklist", icon=":material/download:"):
        for fmt, ext, label in TABLE_FILES:
            _button(
                label,
                lambda fmt=fmt: worklist_export(atlas, report, which, fmt, assumptions),
                _name("health", which, "readme" if fmt == "readme" else "", ext=ext),
                f"dl_health_{which}_{fmt}",
            )
