"""Presentation without a UI toolkit: metrics and their classes, figures, URL state, safe text.

Shared by the pages and the exports so a map on screen and a map in a PDF are one definition.
"""
