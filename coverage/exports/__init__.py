"""Exports for campaigners and analysts: tables, GIS files, images and area briefings.

Every export carries the same provenance (``provenance.py``): what it is, the assumptions in
force, the source and licence, and the date, so a file that travels on its own still says
what it rests on. Nothing here imports Streamlit; the pages call these functions and offer
the bytes they return as downloads.

What lives here: ``tables/`` (CSV and Excel), ``images/`` (PNG and SVG through a warm Chromium),
``briefing/`` (the PDF on one area), ``gis.py``, ``health.py`` (the directory-health worklists),
``provenance.py`` and ``safety.py`` (the formula-injection guard every format shares). Each
package's ``__init__`` is its public API. Who may import it: ``pages/`` and the command line
(``coverage.cli``); an export may use ``coverage.present``, ``coverage.listings`` and
``coverage.model``, never the command line (the engine-layers import contract).
"""
