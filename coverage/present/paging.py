"""Splitting a long list into pages of about ten, never cutting a group (a service's rows) in two.

Why: the Team directory drew every listing (61 cards, about 340 elements) on arrival, and the browser's
work on them delayed the team map's first paint by a fifth (tests/bench/bench_trace.py, app against a copy
drawing ten). A page of ten keeps the first screen light; "all" stays one choice away for people who read
the whole list or search it with the browser's find.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

PAGE_SIZE = 10
ALL = "all"


@dataclass(frozen=True)
class Pages:
    """Where each page starts in a list of ``total`` items; ``starts[0]`` is always 0."""

    total: int
    starts: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.starts)

    def _page(self, choice) -> int:
        """A page number as given, or 0 for one that no longer exists (the list got shorter)."""
        return choice if isinstance(choice, int) and 0 <= choice < self.count else 0

    def choices(self) -> list[int | str]:
        """Page numbers from 0, then ``ALL`` when there is more than one page."""
        return list(range(self.count)) + ([ALL] if self.count > 1 else [])

    def bounds(self, choice: int | str) -> tuple[int, int]:
        """The slice ``[start, stop)`` a choice shows; a choice that no longer exists shows the first page."""
        if choice == ALL:
            return 0, self.total
        page = self._page(choice)
        stop = self.starts[page + 1] if page + 1 < self.count else self.total
        return self.starts[page], stop

    def following(self, choice: int | str) -> int | None:
        """The page after a choice, or None after the last page or "all" (a stale choice counts as page 0)."""
        if choice == ALL:
            return None
        page = self._page(choice)
        return page + 1 if page + 1 < self.count else None

    def words(self, choice: int | str) -> str:
        """A choice as people read it: "1 to 10 of 61", "number 61 of 61", or "all 61"."""
        if choice == ALL:
            return f"all {self.total}"
        start, stop = self.bounds(choice)
        if stop == start:
            return "none"
        shown = f"{start + 1} to {stop}" if stop > start + 1 else f"number {stop}"
        return f"{shown} of {self.total}"


def pages(groups: Sequence[Hashable], size: int = PAGE_SIZE) -> Pages:
    """Pages of at most ``size`` items, in order, where items of one group (equal neighbours in
    ``groups``) stay on one page; a group longer than ``size`` gets a page of its own."""
    if size < 1:
        raise ValueError("a page holds at least one item")
    runs: list[tuple[int, int]] = []  # (start, length) of each group in order
    for i, group in enumerate(groups):
        if runs and groups[runs[-1][0]] == group:
            runs[-1] = (runs[-1][0], runs[-1][1] + 1)
        else:
            runs.append((i, 1))
    starts, filled = [0], 0
    for start, length in runs:
        if filled and filled + length > size:
            starts.append(start)
            filled = 0
        filled += length
    return Pages(total=len(groups), starts=tuple(starts))
