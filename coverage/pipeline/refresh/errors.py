"""The one error a refresh raises: it names the source, the URL (never a secret) and the problem.

``Unconfirmed`` is the same error for a point the research reference could not confirm
(``../shared/context/refresh_apis.md``, section 8): when the live service answers in a way
the reference only guessed at, the refresh stops and says which point it was, instead of
quietly guessing on the user's behalf.
"""

from __future__ import annotations


class RefreshError(Exception):
    """A source could not be fetched or did not pass its checks; ``data/`` is left as it was."""

    def __init__(self, source: str, url: str, problem: str):
        self.source = source
        self.url = url
        self.problem = problem
        super().__init__(f"{source}: {problem}" + (f" [{url}]" if url else ""))


class Unconfirmed(RefreshError):
    """The service contradicted a point the reference marked UNCONFIRMED (``point`` names it)."""

    def __init__(self, source: str, url: str, point: str, problem: str):
        self.point = point
        super().__init__(source, url, f"unconfirmed point '{point}': {problem}")
