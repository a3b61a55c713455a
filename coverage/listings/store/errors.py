"""What the store raises when it will not do what was asked (it is left unchanged in every case)."""

from __future__ import annotations


class StoreError(RuntimeError):
    """An operation that cannot be done as asked (the store is unchanged)."""


class StaleVersion(StoreError):
    """The directory moved on since the writer looked at it; nothing was written."""

    def __init__(self, expected: int, current: int, message: str = ""):
        super().__init__(message or f"the directory changed (you saw version {expected}, it is now version {current})")
        self.expected = expected
        self.current = current


class SchemaBehind(StoreError):
    """The store's schema is older than this code needs: nothing is written until it is upgraded."""
