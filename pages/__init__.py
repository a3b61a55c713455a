"""Streamlit pages: only the pages ``app.py`` registers, each named after its URL; layout only.

Every figure comes from the ``coverage`` package; what pages share (cache, URL state, sidebar, chrome,
the store) comes from ``ui``.
"""
