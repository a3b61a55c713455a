"""Exports for campaigners and analysts: tables, GIS files, images and area briefings.

Every export carries the same provenance (``provenance.py``): what it is, the assumptions in
force, the source and licence, and the date, so a file that travels on its own still says
what it rests on. Nothing here imports Streamlit; the pages call these functions and offer
the bytes they return as downloads.
"""
