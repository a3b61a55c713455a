"""Streamlit pages: layout only. Every figure comes from the ``coverage`` package."""
