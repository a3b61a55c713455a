"""Number boxes bounded by the engine's ranges (the sidebar's and Plan's), so no box accepts what the engine refuses."""

from __future__ import annotations

from coverage.model import ranges


def number_in(container, label: str, allowed: ranges.Range, **kwargs) -> float:
    """A number input bounded by one of the engine's ranges, so a widget can never accept what the engine refuses."""
    kwargs.setdefault("step", float(allowed.step))
    if float(allowed.step).is_integer():
        kwargs.setdefault("format", "%.0f")  # families are whole: "107", not "107.00"
    return container.number_input(label, float(allowed.low), float(allowed.high), **kwargs)
