"""The Streamlit side of the atlas: everything the pages share that is not itself a page.

``pages/`` holds only the pages ``app.py`` registers; what they have in common lives here, one idea a
module: the cache edge (``cache``), the store as pages meet it (``store_edge``), URL state
(``url_state``), the sidebar, the page chrome, client identity, and the pieces of pages that
more than one page draws or that keep a page short (downloads, the team map, the review tabs...).

Who may import it: ``app.py``, ``pages/`` and ``ui`` itself. It may import streamlit and the
engine (``coverage``), but never the build pipeline or the command line, and ``coverage`` never
imports it (contracts in pyproject.toml, checked by ``lint-imports``).
"""
