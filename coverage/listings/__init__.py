"""The listings: what the public suggests, how reviewers decide, and the versioned store that keeps it.

Five sub-packages, one idea each, layered (an import contract checks the order):

- ``store``: the database (engine, tables, Alembic migrations, the ``Store`` handle); the only
  code that imports sqlalchemy, alembic or psycopg.
- ``accounts`` and ``throttle``: who may review (password hashes, organisation sign-in rights),
  and who a client is and how often it may act; built on the store's throttling events.
- ``workflow`` and ``health``: suggestions, confirmations, review one by one or in bulk, a
  listing's history; and what the directory's health report and the last link check say.

Builds on :mod:`coverage.model` (the directory schema) and never on presentation or the build
pipeline, so the store's rules hold whatever shows them. Pages and the command line may import
any of it; the pipeline's link checker imports the store, ``workflow`` (the web-address rules, a
stored version re-read) and ``health.link_results`` (the file it writes).
"""
