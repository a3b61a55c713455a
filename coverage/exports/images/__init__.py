"""The image export API: the atlas's maps and charts as PNG and SVG, drawn by a warm headless Chromium.

Callers import from here (``from coverage.exports import images``, then ``images.map_export``); the
modules behind it are one idea each: ``renderer`` (the browser, through kaleido's public API),
``decoration`` (sizes, and the title, assumptions and source in an image's margins), ``titles``
(what an image says it shows) and ``atlas_images`` (the exports the download buttons call).
Colours are the metrics' ColorBrewer ramps with the Okabe-Ito vermillion, safe for common
colour-vision deficiencies (see ``coverage.present.metrics``).
"""

from coverage.exports.images.atlas_images import chart_export, export_image, figure_image, map_export, titled_export
from coverage.exports.images.decoration import SIZES, ImageSize, decorate, fitted, wrap
from coverage.exports.images.renderer import (
    FORMATS,
    Renderer,
    RendererError,
    browser_path,
    render_failures,
    shared_renderer,
    shutdown,
)
from coverage.exports.images.titles import MAP_TITLES, chart_title, map_title, place

__all__ = [
    "FORMATS",
    "MAP_TITLES",
    "SIZES",
    "ImageSize",
    "Renderer",
    "RendererError",
    "browser_path",
    "chart_export",
    "chart_title",
    "decorate",
    "export_image",
    "figure_image",
    "fitted",
    "map_export",
    "map_title",
    "place",
    "render_failures",
    "shared_renderer",
    "shutdown",
    "titled_export",
    "wrap",
]
