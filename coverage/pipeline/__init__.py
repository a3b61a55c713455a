"""The build step: turns the shared, published source data into the committed ``data/``.

Run with ``python -m coverage build``. Deterministic: the same inputs give byte-identical
outputs, so a diff of ``data/`` shows only real changes in the sources.
"""
