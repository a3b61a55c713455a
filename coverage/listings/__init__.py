"""The listings workflow: suggestions from the public, review, the versioned store and sign-in.

Builds on :mod:`coverage.model` (the directory schema) and never on presentation, so the
store's rules hold whatever shows them.
"""
