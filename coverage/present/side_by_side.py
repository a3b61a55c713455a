"""Chosen areas as one readable table: every figure spelled by ``formats``, in the order chosen.

Built as text, not numbers with a display format, so the table reads the same on screen, in
a screen reader and at 390 px, and the order is the reader's own (not re-sorted).
"""

from __future__ import annotations

import pandas as pd

from coverage.present import formats


def table(chosen: pd.DataFrame, labels: list[str]) -> pd.DataFrame:
    """One row per chosen area: reach with its band, need, capacity, unmet need, teams."""
    return pd.DataFrame(
        {
            "Area": labels,
            "Reach of listed teams": [formats.percent(v) for v in chosen["reach"]],
            "Reach band": [
                f"{formats.percent(lo)} to {formats.percent(hi)}"
                for lo, hi in zip(chosen["reach_low"], chosen["reach_high"])
            ],
            "Need a year": [formats.whole(v) for v in chosen["need_per_year"]],
            "Families teams can see a year": [formats.whole(v) for v in chosen["capacity_per_year"]],
            "Unmet need a year": [formats.whole(v) for v in chosen["unmet_need_per_year"]],
            "Listed teams": [formats.whole(v) for v in chosen["teams"]],
            "Teams needed for target": [formats.whole(v) for v in chosen["teams_needed"]],
            "Nation": list(chosen["nation"]),
        }
    )
