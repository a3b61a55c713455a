"""Refresh: fetch the newest official figures, validate them, and rebuild ``data/`` atomically.

``python -m coverage refresh``. One module per source (``population``, ``births``,
``boundaries``), one shared HTTP client (``http``), a versioned cache of the raw responses
(``cache``), and the orchestration (``run``): nothing in ``data/`` changes until every source
has been fetched, validated and built into a temporary folder.
"""
