"""A listed team's facts as one line a reader understands, not the directory's field names.

The profile's team cards read "status unknown · confidence reported · latest evidence no dated
evidence · capacity assumed": field names and codes that commissioners and network members had
to decode (#12). The words for each code live with the schema (``directory.*_WORDS``).
"""

from __future__ import annotations

import math

from coverage.model.directory import CONFIDENCE_WORDS, STATUS_WORDS
from coverage.model.evidence_age import age_words
from coverage.model.services import evidence_year_text
from coverage.present import formats


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def facts_line(team, recent_from: int | None = None) -> str:
    """Host, whether it runs, how its listing is sourced, its latest evidence and what is counted here.

    With ``recent_from`` (the evidence window's first year) the evidence says whether it is older.
    Plain text: the caller escapes it for where it is shown.
    """
    capacity = (
        "families a year not published, so the sidebar's team size is assumed"
        if _missing(team.families_per_year)
        else f"{formats.whole(team.families_per_year)} families a year (published)"
    )
    return " · ".join(
        [
            team.host_organisation or "host not stated",
            STATUS_WORDS.get(team.status, team.status),
            f"listing {CONFIDENCE_WORDS.get(team.confidence, team.confidence)}",
            f"latest evidence: {evidence_year_text(team.evidence_year)}"
            if recent_from is None
            else age_words(team.evidence_year, recent_from),
            f"{formats.percent(team.share_in_area, trim=True)} of its capacity counted in this area",
            capacity,
        ]
    )
