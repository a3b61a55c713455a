"""What the directory's health report says, and the last link check as its readers see it.

``report`` puts the model's health worklists together with the last link check, so the /health
page and ``python -m coverage directory-health`` show the same rows; ``link_results`` is the
link checker's results file (written by the pipeline's crawler, read here); ``link_history``
says each team's link state and what changed since the check before. Imported by the pages, the
exports and the command line; reading lives here, outside the pipeline, because pages may never
import the pipeline.
"""
